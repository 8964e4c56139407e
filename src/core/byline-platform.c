/* byline-platform.c: what the machine Byline runs on can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-platform"

#include "config.h"

#include <string.h>

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

char *
byline_platform_display_path (GFile *file)
{
  g_autofree char *parse_name = NULL;
  const char *home = g_get_home_dir ();
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  parse_name = g_file_get_parse_name (file);
  len = home != NULL ? strlen (home) : 0;
  if (len > 1 && g_str_has_prefix (parse_name, home) &&
      (parse_name[len] == '\0' || parse_name[len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", parse_name + len, NULL);

  return g_steal_pointer (&parse_name);
}
