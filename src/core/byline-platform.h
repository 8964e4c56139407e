/* byline-platform.h: what the machine Byline runs on can do. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean byline_platform_has_render_node (void);

G_END_DECLS
