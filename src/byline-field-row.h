/* byline-field-row.h: a row showing the field's name above a widget that
 * takes the row's whole width (the chip editor of a list field).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_FIELD_ROW (byline_field_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineFieldRow, byline_field_row, BYLINE, FIELD_ROW, AdwPreferencesRow)

GtkWidget *byline_field_row_new        (void);
void       byline_field_row_set_content (BylineFieldRow *self,
                                         GtkWidget      *content);
GtkWidget *byline_field_row_get_content (BylineFieldRow *self);
/* Adds a widget after the title (warnings, the field's menu). */
void       byline_field_row_add_suffix  (BylineFieldRow *self,
                                         GtkWidget      *widget);

G_END_DECLS
