/* byline-platform.h: what the machine Byline runs on can do. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean byline_platform_has_render_node (void);

/* @file's name as people read it: its path (or URI), the home folder
 * written "~" ("~/blog/content/posts"). */
char    *byline_platform_display_path    (GFile *file);

G_END_DECLS
