/* test-german.c: under LANGUAGE=de the window is in German, with the
 * translations built in the build directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-german"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-test-util.h"
#include "byline-window.h"

static BylineApplication *app;

static void
test_window_in_german (void)
{
  BylineWindow *window = byline_application_new_post (app);

  /* The catalogue is there and has German for the window's strings. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Untitled Post"), !=, "Untitled Post");

  /* The title of a new post and the header bar's Open button. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Untitled Post"));
  g_assert_nonnull (byline_test_find_button (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "_Open")));
  g_assert_null (byline_test_find_button (GTK_WIDGET (window), "_Open"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *mo = NULL;
  GTestDBus *bus;
  int ret;

  /* As main.c does, with the catalogues of this build (the test
   * environment's LC_ALL is C.UTF-8, under which LANGUAGE is honoured). */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("no German catalogue at %s: build the whole tree first", mo);

  bus = byline_test_bus_up ();

  app = byline_test_new_application ();

  g_test_add_func ("/german/window", test_window_in_german);
  ret = g_test_run ();

  g_clear_object (&app);
  byline_test_bus_down (bus);

  return ret;
}
