/* test-site-static.c: the preview's site-root images ("/images/x.png")
 * come from the static folders the site's configuration names: each
 * staticDir, then the theme's static/, the first holding the file winning;
 * read back from a real WebKit view through JavaScript.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-site-static"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-document.h"
#include "byline-preview.h"
#include "byline-preview-private.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 60
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

typedef struct {
  GtkWindow      *window;
  BylinePreview  *preview;
  BylineDocument *document;
  char           *dir;
} Fixture;

/* A PNG of @width × 1 written by gdk-pixbuf. */
static void
write_png (const char *dir,
           const char *rel,
           int         width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, 1);
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

static void
show_file (Fixture    *fx,
           const char *path)
{
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 800, 600);
  fx->preview = BYLINE_PREVIEW (byline_preview_new ());
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->preview));
  gtk_window_present (fx->window);

  fx->document = byline_test_load_document (path);
  byline_preview_set_document (fx->preview, fx->document);
  WAIT_FOR (byline_preview_get_page_ready (fx->preview) &&
            byline_preview_get_n_rendered (fx->preview) > 0 &&
            byline_preview_get_shown_edit (fx->preview) >= byline_preview_get_n_edits (fx->preview));
}

static void
fixture_teardown (Fixture *fx)
{
  g_object_add_weak_pointer (G_OBJECT (fx->preview), (gpointer *) &fx->preview);
  gtk_window_destroy (fx->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fx->preview);
  g_clear_object (&fx->document);
  byline_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

typedef struct {
  JSCValue *value;
  GError   *error;
  gboolean  done;
} Eval;

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Eval *eval = user_data;

  eval->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &eval->error);
  eval->done = TRUE;
}

static gboolean
eval_bool (Fixture    *fx,
           const char *script)
{
  Eval eval = { 0 };
  gboolean ret;

  webkit_web_view_evaluate_javascript (byline_preview_get_web_view (fx->preview), script, -1,
                                       NULL, NULL, NULL, eval_cb, &eval);
  WAIT_FOR (eval.done);
  g_assert_no_error (eval.error);
  ret = jsc_value_to_boolean (eval.value);
  g_object_unref (eval.value);
  return ret;
}

/* The image whose alt text is @alt has loaded, @width pixels wide: which
 * folder it came from. */
static char *
image_width_script (const char *alt,
                    int         width)
{
  return g_strdup_printf ("(() => { const i = document.querySelector('#bl-body img[alt=\"%s\"]'); "
                          "return i !== null && i.complete && i.naturalWidth === %d; })()", alt, width);
}

/* Several static folders: each path from the first that holds it. */
static void
test_several_static_dirs (void)
{
  Fixture fx = { 0 };
  g_autofree char *post = NULL;
  static const struct { const char *alt; int width; } expected[] = {
    { "First", 3 },      /* in s1, s2 and the theme: s1's */
    { "Second", 5 },     /* in s2 and the theme: s2's */
    { "Theme", 7 },      /* only in the theme's static/ */
    { "Spaced", 9 },     /* a URL-escaped name */
  };

  fx.dir = byline_test_make_tmp ("byline-test-site-static");
  g_free (byline_test_write_file (fx.dir, "hugo.yaml",
                                  "ContentDir: pages\nstaticDir: [s1, s2]\ntheme: paper\n", -1));
  write_png (fx.dir, "s1/images/first.png", 3);
  write_png (fx.dir, "s2/images/first.png", 4);
  write_png (fx.dir, "themes/paper/static/images/first.png", 4);
  write_png (fx.dir, "s2/images/second.png", 5);
  write_png (fx.dir, "themes/paper/static/images/second.png", 6);
  write_png (fx.dir, "themes/paper/static/images/theme.png", 7);
  write_png (fx.dir, "s2/images/with space.png", 9);
  write_png (fx.dir, "static/images/default.png", 11);   /* not a staticDir of this site */
  post = byline_test_write_file (fx.dir, "pages/posts/post.md",
                                 "---\ntitle: Static\n---\n"
                                 "![First](/images/first.png)\n\n"
                                 "![Second](/images/second.png)\n\n"
                                 "![Theme](/images/theme.png)\n\n"
                                 "![Spaced](/images/with%20space.png)\n\n"
                                 "![Default](/images/default.png)\n", -1);
  show_file (&fx, post);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *script = image_width_script (expected[i].alt, expected[i].width);

      g_test_message ("%s", expected[i].alt);
      WAIT_FOR (eval_bool (&fx, script));
    }
  /* static/ is not one of the site's folders: a missing image */
  WAIT_FOR (eval_bool (&fx, "(() => { const m = document.querySelector('.bl-missing-image'); "
                            "return m !== null && m.textContent.includes('default.png'); })()"));

  fixture_teardown (&fx);
}

/* One static folder, named by the configuration: served as it is. */
static void
test_one_static_dir (void)
{
  Fixture fx = { 0 };
  g_autofree char *post = NULL;
  g_autofree char *script = image_width_script ("Only", 13);

  fx.dir = byline_test_make_tmp ("byline-test-site-static");
  g_free (byline_test_write_file (fx.dir, "config.toml", "staticDir = 'assets/public'\n", -1));
  write_png (fx.dir, "assets/public/img/only.png", 13);
  post = byline_test_write_file (fx.dir, "content/post.md",
                                 "---\ntitle: One\n---\n![Only](/img/only.png)\n", -1);
  show_file (&fx, post);

  WAIT_FOR (eval_bool (&fx, script));
  g_assert_true (eval_bool (&fx, "document.querySelector('#bl-body img[alt=\"Only\"]').src.startsWith('file:')"));

  fixture_teardown (&fx);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  g_test_init (&argc, &argv, NULL);

  bus = byline_test_bus_up ();

  adw_init ();

  g_test_add_func ("/site-static/several", test_several_static_dirs);
  g_test_add_func ("/site-static/one", test_one_static_dir);

  ret = g_test_run ();

  byline_test_bus_down (bus);

  return ret;
}
