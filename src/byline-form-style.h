/* byline-form-style.h: the front matter form's stylesheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the form's stylesheet to the default display, once. */
void byline_form_style_init       (void);
/* Makes sure the form's templates are registered; call in class_init. */
void byline_form_resources_ensure (void);
void byline_form_set_tooltip      (GtkWidget  *widget,
                                   const char *text);

G_END_DECLS
