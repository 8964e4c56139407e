/* byline-text-row.h: a row for long or multi-line text: the field's name
 * above a wrapping text area that grows with its content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "byline-spell-checker.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_TEXT_ROW (byline_text_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineTextRow, byline_text_row, BYLINE, TEXT_ROW, AdwPreferencesRow)

GtkWidget  *byline_text_row_new           (void);
/* Shows @text; keeps the cursor when the text is the same. Does not emit
 * ::changed. */
void        byline_text_row_set_text      (BylineTextRow *self,
                                           const char    *text);
/* Free with g_free. */
char       *byline_text_row_dup_text      (BylineTextRow *self);
void        byline_text_row_set_editable  (BylineTextRow *self,
                                           gboolean       editable);
GtkWidget  *byline_text_row_get_text_view (BylineTextRow *self);
/* Adds a widget after the title (warnings, the field's menu). */
void        byline_text_row_add_suffix    (BylineTextRow *self,
                                           GtkWidget     *widget);
/* Checks the spelling of the text as @model checks its view's: on and off
 * with it (both ways), in its language, following changes. NULL: no
 * checking. The row's checker shares the model's dictionaries (and so its
 * Ignore All words). */
void        byline_text_row_follow_spelling   (BylineTextRow      *self,
                                               BylineSpellChecker *model);
/* The row's own checker, or NULL. */
BylineSpellChecker *byline_text_row_get_spell_checker (BylineTextRow *self);

G_END_DECLS
