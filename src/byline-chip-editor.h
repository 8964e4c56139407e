/* byline-chip-editor.h: a list of short values (tags, categories…) shown as
 * chips with remove buttons, an entry that adds on Enter or comma, keyboard
 * and drag reordering, and suggestions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_CHIP_EDITOR (byline_chip_editor_get_type ())

G_DECLARE_FINAL_TYPE (BylineChipEditor, byline_chip_editor, BYLINE, CHIP_EDITOR, GtkWidget)

GtkWidget  *byline_chip_editor_new             (void);
/* Shows @items (NULL-terminated). Does not emit ::changed. Keeps the chips
 * (and the focus) when the items are the same. */
void        byline_chip_editor_set_items       (BylineChipEditor   *self,
                                                const char * const *items);
/* The items in order. Free with g_strfreev; never NULL. */
char      **byline_chip_editor_dup_items       (BylineChipEditor   *self);
guint       byline_chip_editor_get_n_items     (BylineChipEditor   *self);
/* Values offered while typing (the most likely first). */
void        byline_chip_editor_set_suggestions (BylineChipEditor   *self,
                                                const char * const *suggestions);
/* The field's name, used in accessible labels ("tags") and the
 * placeholder. */
void        byline_chip_editor_set_name        (BylineChipEditor   *self,
                                                const char         *name);
/* The entry that adds items (a GtkEntry). */
GtkWidget  *byline_chip_editor_get_entry       (BylineChipEditor   *self);
/* The chip widget of item @index, or NULL. */
GtkWidget  *byline_chip_editor_get_chip        (BylineChipEditor   *self,
                                                guint               index);

/* Edits as the user makes them: each emits ::changed when it changes
 * something. Adding an item already in the list does nothing. */
gboolean    byline_chip_editor_add_item        (BylineChipEditor   *self,
                                                const char         *item);
void        byline_chip_editor_remove_item     (BylineChipEditor   *self,
                                                guint               index);
void        byline_chip_editor_move_item       (BylineChipEditor   *self,
                                                guint               from,
                                                guint               to);

G_END_DECLS
