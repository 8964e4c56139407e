/* byline-table-editor.h: GFM tables in the body's source view: Format
 * Table, Tab and Shift+Tab from cell to cell, Insert Table.
 *
 * Properties:
 *   "can-format" (gboolean, read-only)  the cursor's line may be a table's
 *                                       row (it holds a pipe, outside
 *                                       code): a cheap guess kept up to date
 *                                       as the cursor moves, for the
 *                                       action's enabled state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_TABLE_EDITOR (byline_table_editor_get_type ())

G_DECLARE_FINAL_TYPE (BylineTableEditor, byline_table_editor, BYLINE, TABLE_EDITOR, GObject)

/* Edits the tables of @view's buffer (a GtkSourceBuffer); adds Tab and
 * Shift+Tab to @view, which it does not keep alive. */
BylineTableEditor *byline_table_editor_new            (GtkSourceView     *view);
gboolean           byline_table_editor_get_can_format (BylineTableEditor *self);
/* Lines up the pipes of the table at the cursor (byline_table_format_at()),
 * in one undo step, the cursor kept in its cell. Errors:
 * BYLINE_TABLE_ERROR_NOT_FOUND, BYLINE_TABLE_ERROR_UNSAFE. */
gboolean           byline_table_editor_format         (BylineTableEditor *self,
                                                       GError           **error);
/* Tab (@backward: Shift+Tab) in a table: selects the next (previous)
 * cell's content (Tab before a row's first cell: that cell's); Tab in the
 * last cell adds a row. FALSE, nothing done, when the cursor is not in a
 * table or the selection spans lines. */
gboolean           byline_table_editor_move           (BylineTableEditor *self,
                                                       gboolean           backward);
/* A three-column table at the cursor, as a paragraph of its own, its first
 * header selected. One undo step. */
void               byline_table_editor_insert_table   (BylineTableEditor *self);

G_END_DECLS
