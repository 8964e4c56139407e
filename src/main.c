/* main.c: Byline's entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-platform.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BylineApplication) app = NULL;
  const char *localedir;

  /* BYLINE_LOCALEDIR: the translations built in a build directory, for
   * running uninstalled (build-aux/dev run). */
  localedir = g_getenv ("BYLINE_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  /* Without a GPU (no DRM render node: a virtual machine, a remote desktop,
   * Xvfb) GTK 4.8's GL renderer runs on Mesa's software rasteriser, which
   * compiles its shaders at start-up and redraws the whole window for every
   * frame; the cairo renderer draws only what changed and is several times
   * cheaper there (tests/bench: bench-startup, bench-preview). A GSK_RENDERER
   * the user set decides. */
  if (!byline_platform_has_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Byline"));

  app = byline_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
