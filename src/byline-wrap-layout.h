/* byline-wrap-layout.h: a layout manager that places children left to right
 * and wraps them onto new lines, each child at its natural width (chips).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_WRAP_LAYOUT (byline_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (BylineWrapLayout, byline_wrap_layout, BYLINE, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *byline_wrap_layout_new         (void);
void              byline_wrap_layout_set_spacing (BylineWrapLayout *self,
                                                  int               column_spacing,
                                                  int               row_spacing);

G_END_DECLS
