/* byline-accessible.h: accessible names for the parts GTK and libadwaita
 * build inside their widgets without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @label as accessible name to each widget of @type below @root (not
 * @root itself) whose icon is @icon_name (NULL: any icon or none), e.g. the
 * close button of a GtkSearchBar or the arrow of an AdwSplitButton, and as
 * tooltip to those without one. Returns how many were named. */
guint     byline_accessible_name_parts (GtkWidget  *root,
                                        GType       type,
                                        const char *icon_name,
                                        const char *label);

/* The same for the children @parent gets from now on, and what is below
 * them: the close button of each toast an AdwToastOverlay shows. Watching
 * the children costs GTK some bookkeeping on @parent alone: for a widget
 * whose children seldom change. */
void      byline_accessible_name_new_parts (GtkWidget  *parent,
                                            GType       type,
                                            const char *icon_name,
                                            const char *label);

G_END_DECLS
