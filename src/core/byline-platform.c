/* byline-platform.c: what the machine Byline runs on can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-platform"

#include "config.h"

#include "byline-platform.h"

/* Whether a GPU can draw for us: a DRM render node (/dev/dri/renderD*).
 * Without one (a virtual machine, a remote desktop, Xvfb) OpenGL runs on
 * Mesa's software rasteriser. Looked at once. */
gboolean
byline_platform_has_render_node (void)
{
  static gsize result;

  if (g_once_init_enter (&result))
    {
      g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
      const char *name;
      gboolean found = FALSE;

      while (dir != NULL && !found && (name = g_dir_read_name (dir)) != NULL)
        found = g_str_has_prefix (name, "renderD");
      g_once_init_leave (&result, found ? 2 : 1);
    }

  return result == 2;
}
