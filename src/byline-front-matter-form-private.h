/* byline-front-matter-form-private.h: what tests look at inside the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-front-matter-form.h"

G_BEGIN_DECLS

/* "key.path: message" for each field showing a warning. g_strfreev. */
char      **_byline_front_matter_form_dup_warnings      (BylineFrontMatterForm *self);
/* The widget editing the field at @dotted ("title", "menu.main.weight",
 * "tags"), or NULL. */
GtkWidget  *_byline_front_matter_form_get_field_widget  (BylineFrontMatterForm *self,
                                                         const char            *dotted);
/* The label showing the parse error, or NULL when none is shown. */
GtkWidget  *_byline_front_matter_form_get_error_label   (BylineFrontMatterForm *self);
GtkWidget  *_byline_front_matter_form_get_fields_box    (BylineFrontMatterForm *self);
GtkWidget  *_byline_front_matter_form_get_yaml_view     (BylineFrontMatterForm *self);
/* How many times the rows were rebuilt (not updated in place). */
guint       _byline_front_matter_form_get_n_rebuilds    (BylineFrontMatterForm *self);
guint       _byline_front_matter_form_get_n_built_fields (BylineFrontMatterForm *self);

G_END_DECLS
