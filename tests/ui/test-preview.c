/* test-preview.c: the live preview in a real WebKit view, read back through
 * JavaScript: what Markdown becomes, that the document's scripts never run,
 * the header, the table of contents, images, links, scroll sync and updates
 * in place.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-preview"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "byline-document.h"
#include "byline-preview.h"
#include "byline-preview-private.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 60

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

typedef struct {
  GtkWindow      *window;
  BylinePreview  *preview;
  BylineDocument *document;
  char           *dir;
} Fixture;

/* A PNG of @width × @height written by gdk-pixbuf. */
static void
write_png (const char *path,
           int         width,
           int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("byline-test-preview-XXXXXX", &error);
  g_assert_no_error (error);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 800, 600);
  fx->preview = BYLINE_PREVIEW (byline_preview_new ());
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->preview));
  gtk_window_present (fx->window);
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

/* Waits until the page shows every edit made so far. */
static void
wait_rendered (Fixture *fx)
{
  WAIT_FOR (byline_preview_get_page_ready (fx->preview) &&
            byline_preview_get_n_rendered (fx->preview) > 0 &&
            byline_preview_get_shown_edit (fx->preview) >= byline_preview_get_n_edits (fx->preview));
}

/* A document held in memory (no file). */
static void
show_text (Fixture    *fx,
           const char *front_matter,
           const char *body)
{
  g_clear_object (&fx->document);
  fx->document = byline_document_new ();
  if (front_matter != NULL)
    byline_document_set_front_matter_text (fx->document, front_matter);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (fx->document), body, -1);
  byline_preview_set_document (fx->preview, fx->document);
  wait_rendered (fx);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  byline_document_load_finish (BYLINE_DOCUMENT (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* A document loaded from @path. */
static void
show_file (Fixture    *fx,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean done = FALSE;

  g_clear_object (&fx->document);
  fx->document = byline_document_new ();
  byline_preview_set_document (fx->preview, fx->document);
  byline_document_load_async (fx->document, file, NULL, load_cb, &done);
  WAIT_FOR (done);
  wait_rendered (fx);
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

/* Evaluates @script in the page's own world (NULL) or in @world. */
static JSCValue *
eval_in (Fixture    *fx,
         const char *world,
         const char *script)
{
  Eval eval = { 0 };

  webkit_web_view_evaluate_javascript (byline_preview_get_web_view (fx->preview), script, -1,
                                       world, NULL, NULL, eval_cb, &eval);
  WAIT_FOR (eval.done);
  if (eval.error != NULL)
    g_test_message ("script failed: %s\n%s", eval.error->message, script);
  g_assert_no_error (eval.error);
  return eval.value;
}

static char *
eval_string (Fixture    *fx,
             const char *script)
{
  g_autoptr(JSCValue) value = eval_in (fx, NULL, script);

  return jsc_value_to_string (value);
}

static gboolean
eval_bool (Fixture    *fx,
           const char *script)
{
  g_autoptr(JSCValue) value = eval_in (fx, NULL, script);

  return jsc_value_to_boolean (value);
}

static double
eval_number (Fixture    *fx,
             const char *script)
{
  g_autoptr(JSCValue) value = eval_in (fx, NULL, script);

  return jsc_value_to_double (value);
}

#define assert_js(fx, script)                                                  \
  G_STMT_START {                                                               \
    if (!eval_bool ((fx), (script)))                                           \
      {                                                                        \
        g_autofree char *html_ = eval_string ((fx), "document.body.innerHTML"); \
        g_test_message ("false: %s\npage: %s", (script), html_);               \
        g_assert_not_reached ();                                               \
      }                                                                        \
  } G_STMT_END

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_gfm (void)
{
  Fixture fx = { 0 };
  static const char *body =
    "A paragraph with ~~struck~~ text, a footnote[^note] and www.example.com.\n"
    "\n"
    "| Step | Time |\n"
    "|:-----|-----:|\n"
    "| One  | 1 s  |\n"
    "| Two  | 2 s  |\n"
    "\n"
    "- [x] done\n"
    "- [ ] to do\n"
    "\n"
    "[^note]: The note's text.\n";
  static const char *checks[] = {
    /* Table */
    "document.querySelectorAll('#bl-body table th').length === 2",
    "document.querySelector('#bl-body table th').textContent === 'Step'",
    "document.querySelectorAll('#bl-body table tbody tr').length === 2",
    "document.querySelectorAll('#bl-body table td')[1].getAttribute('align') === 'right'",
    /* Task list */
    "document.querySelectorAll('#bl-body li > input[type=checkbox]').length === 2",
    "document.querySelectorAll('#bl-body li > input[type=checkbox]')[0].checked === true",
    "document.querySelectorAll('#bl-body li > input[type=checkbox]')[1].checked === false",
    /* Footnote: the reference links to the note, the note is at the end */
    "document.querySelector('#bl-body sup a').getAttribute('href') === '#' + "
    "document.querySelector('#bl-footnotes li').id",
    "document.querySelector('#bl-footnotes li').textContent.includes(\"The note's text.\")",
    /* Strikethrough */
    "document.querySelector('#bl-body del').textContent === 'struck'",
    /* Autolink */
    "document.querySelector('#bl-body a[href=\"http://www.example.com\"]').textContent === 'www.example.com'",
    /* Source positions for scroll sync */
    "document.querySelectorAll('#bl-body [data-sourcepos]').length > 5",
  };

  fixture_setup (&fx);
  show_text (&fx, NULL, body);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    assert_js (&fx, checks[i]);
  fixture_teardown (&fx);
}

static void
test_no_scripts (void)
{
  Fixture fx = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  static const char *body =
    "Before.\n"
    "\n"
    "<script>window.pwned = 1;</script>\n"
    "\n"
    "<img src=\"nothing-here.png\" onerror=\"window.pwned2 = 1\">\n"
    "\n"
    "<p><b id=\"raw\" onclick=\"window.pwned3 = 1\">raw bold</b></p>\n"
    "\n"
    "Inline <script>window.pwned4 = 1</script> too, and [a](javascript:window.pwned5=1).\n";
  static const char *globals[] = { "pwned", "pwned2", "pwned3", "pwned4", "pwned5" };

  fixture_setup (&fx);

  for (guint raw = 0; raw <= 1; raw++)
    {
      g_settings_set_boolean (settings, "allow-raw-html", raw);
      show_text (&fx, NULL, body);

      /* With raw HTML allowed, the HTML is really there… */
      if (raw)
        assert_js (&fx, "document.getElementById('raw') !== null");
      else
        assert_js (&fx, "document.getElementById('raw') === null");

      /* …and still nothing of it runs. */
      if (raw)
        eval_bool (&fx, "document.getElementById('raw').click(); "
                        "document.querySelector('#bl-body a') && document.querySelector('#bl-body a').click(); true");
      for (guint i = 0; i < G_N_ELEMENTS (globals); i++)
        {
          g_autofree char *check = g_strdup_printf ("typeof window.%s === 'undefined'", globals[i]);
          assert_js (&fx, check);
        }
      assert_js (&fx, "document.querySelectorAll('#bl-body script').length === 0 || "
                      "typeof window.pwned === 'undefined'");
    }

  g_settings_reset (settings, "allow-raw-html");
  fixture_teardown (&fx);
}

static void
test_header (void)
{
  Fixture fx = { 0 };
  static const char *front_matter =
    "title: \"Field notes: a title\"\n"
    "date: 2025-06-03\n"
    "summary: \"The summary of the post.\"\n"
    "categories:\n"
    "  - engineering\n"
    "tags: [static-sites, performance]\n"
    "draft: true\n";

  fixture_setup (&fx);
  show_text (&fx, front_matter, "Body text.\n");

  assert_js (&fx, "document.querySelector('#bl-header h1').textContent === 'Field notes: a title'");
  assert_js (&fx, "Array.from(document.querySelectorAll('#bl-header .bl-tags .bl-pill'))"
                  ".map(e => e.textContent).join(',') === 'static-sites,performance'");
  assert_js (&fx, "document.querySelector('#bl-header .bl-categories .bl-pill').textContent === 'engineering'");
  assert_js (&fx, "document.querySelector('#bl-header time').getAttribute('datetime') === '2025-06-03'");
  assert_js (&fx, "document.querySelector('#bl-header time').textContent.includes('2025')");
  assert_js (&fx, "document.querySelector('#bl-header .bl-lead').textContent === 'The summary of the post.'");
  assert_js (&fx, "document.querySelector('#bl-header .bl-draft') !== null");

  /* A change of title shows without touching the body. */
  byline_document_set_front_matter_text (fx.document, "title: Another title\ntags: [one]\n");
  WAIT_FOR (eval_bool (&fx, "document.querySelector('#bl-header h1').textContent === 'Another title'"));
  assert_js (&fx, "document.querySelectorAll('#bl-header .bl-tags .bl-pill').length === 1");

  fixture_teardown (&fx);
}

static void
test_toc (void)
{
  Fixture fx = { 0 };
  static const char *body =
    "Intro.\n"
    "\n"
    "## First part\n"
    "\n"
    "Text.\n"
    "\n"
    "### A detail\n"
    "\n"
    "## Second part\n"
    "\n"
    "Text.\n";

  fixture_setup (&fx);

  show_text (&fx, "title: T\ntoc: false\n", body);
  assert_js (&fx, "document.querySelector('#bl-toc nav') === null");

  show_text (&fx, "title: T\ntoc: true\n", body);
  assert_js (&fx, "document.querySelectorAll('#bl-toc nav.bl-toc a').length === 3");
  assert_js (&fx, "Array.from(document.querySelectorAll('#bl-toc a')).map(a => a.textContent).join('|') "
                  "=== 'First part|A detail|Second part'");
  /* Each entry points at its heading; the detail is nested. */
  assert_js (&fx, "Array.from(document.querySelectorAll('#bl-toc a')).every(a => "
                  "document.getElementById(a.getAttribute('href').slice(1)) !== null)");
  assert_js (&fx, "document.querySelector('#bl-toc ul ul a').textContent === 'A detail'");

  /* Turning it off in the front matter takes it away. */
  byline_document_set_front_matter_text (fx.document, "title: T\ntoc: false\n");
  WAIT_FOR (eval_bool (&fx, "document.querySelector('#bl-toc nav') === null"));

  fixture_teardown (&fx);
}

static void
test_images (void)
{
  Fixture fx = { 0 };
  g_autofree char *site_config = NULL;
  g_autofree char *post = NULL;
  g_autofree char *png = NULL;
  g_autofree char *static_png = NULL;

  fixture_setup (&fx);

  /* A Hugo site: the post in content/posts/, its picture beside it, a
   * site-wide one in static/images/. */
  site_config = byline_test_write_file (fx.dir, "hugo.toml", "title = 'Site'\n", -1);
  png = g_build_filename (fx.dir, "content", "posts", "picture.png", NULL);
  write_png (png, 7, 5);
  static_png = g_build_filename (fx.dir, "static", "images", "wide.png", NULL);
  write_png (static_png, 11, 3);
  post = byline_test_write_file (fx.dir, "content/posts/post.md",
                     "---\ntitle: Pictures\n---\n"
                     "![A picture](picture.png)\n"
                     "\n"
                     "![Site-wide](/images/wide.png)\n"
                     "\n"
                     "![Missing](not-there.png)\n", -1);
  show_file (&fx, post);

  /* The relative image resolves against the post's folder. */
  WAIT_FOR (eval_bool (&fx, "(() => { const i = document.querySelector('#bl-body img[alt=\"A picture\"]'); "
                            "return i && i.complete && i.naturalWidth === 7; })()"));
  /* The site-root one comes from static/. */
  WAIT_FOR (eval_bool (&fx, "(() => { const i = document.querySelector('#bl-body img[alt=\"Site-wide\"]'); "
                            "return i && i.complete && i.naturalWidth === 11; })()"));
  /* The missing one is a visible box that names the path. */
  WAIT_FOR (eval_bool (&fx, "document.querySelector('.bl-missing-image') !== null"));
  assert_js (&fx, "document.querySelector('.bl-missing-image').textContent.includes('not-there.png')");
  assert_js (&fx, "document.querySelector('.bl-missing-image').getBoundingClientRect().height > 20");

  fixture_teardown (&fx);
}

typedef struct {
  char  *uri;
  GFile *post;
} Opened;

static gboolean
open_link_cb (BylinePreview *preview,
              const char    *uri,
              Opened        *opened)
{
  g_free (opened->uri);
  opened->uri = g_strdup (uri);
  /* Relative Markdown links: let the default handler turn them into
   * "open-post"; keep everything else from reaching a browser. */
  return !g_str_has_suffix (uri, ".md");
}

static void
open_post_cb (BylinePreview *preview,
              GFile         *file,
              Opened        *opened)
{
  g_set_object (&opened->post, file);
  g_signal_stop_emission_by_name (preview, "open-post");
}

static void
test_links (void)
{
  Fixture fx = { 0 };
  Opened opened = { 0 };
  g_autofree char *post = NULL;
  g_autofree char *other = NULL;
  g_autofree char *location = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_other = NULL;

  fixture_setup (&fx);
  post = byline_test_write_file (fx.dir, "post.md",
                     "---\ntitle: Links\n---\n"
                     "[Outside](https://example.com/page) and [a sibling](other.md) "
                     "and [a heading](#far-below).\n"
                     "\n"
                     "## Far below\n", -1);
  other = byline_test_write_file (fx.dir, "other.md", "---\ntitle: Other\n---\nOther.\n", -1);
  g_signal_connect (fx.preview, "open-link", G_CALLBACK (open_link_cb), &opened);
  g_signal_connect (fx.preview, "open-post", G_CALLBACK (open_post_cb), &opened);
  show_file (&fx, post);

  location = eval_string (&fx, "location.href");

  /* A click on an outside link goes to the system browser, not the view. */
  eval_bool (&fx, "document.querySelector('#bl-body a[href^=\"https\"]').click(); true");
  WAIT_FOR (opened.uri != NULL);
  g_assert_cmpstr (opened.uri, ==, "https://example.com/page");

  /* A relative .md link opens that post in Byline. */
  eval_bool (&fx, "document.querySelector('#bl-body a[href=\"other.md\"]').click(); true");
  WAIT_FOR (opened.post != NULL);
  expected_other = g_file_get_path (opened.post);
  g_assert_cmpstr (expected_other, ==, other);

  /* An in-page link scrolls, and does not navigate either. */
  eval_bool (&fx, "document.querySelector('#bl-body a[href=\"#far-below\"]').click(); true");

  /* Navigations from the page are refused (decide-policy). */
  eval_in (&fx, NULL, "window.location.href = 'https://example.com/elsewhere'; true");
  eval_in (&fx, NULL, "document.querySelector('#bl-body a[href^=\"https\"]').dispatchEvent("
                      "new MouseEvent('click', {bubbles: true, cancelable: true})); true");

  /* Still the same page, with its content. */
  wait_rendered (&fx);
  after = eval_string (&fx, "location.href");
  g_assert_cmpstr (after, ==, location);
  assert_js (&fx, "document.querySelector('#bl-header h1').textContent === 'Links'");

  g_free (opened.uri);
  g_clear_object (&opened.post);
  fixture_teardown (&fx);
}

static gboolean
refuse_link_cb (BylinePreview *preview,
                const char    *uri,
                gpointer       data)
{
  /* file: links go on to the default handler (and "open-post") */
  return !g_str_has_prefix (uri, "file:");
}

/* Links written with Hugo's ref and relref open the post they name, found
 * as Hugo finds it: in the content folder, a page bundle by its folder. */
static void
test_ref_links (void)
{
  Fixture fx = { 0 };
  Opened opened = { 0 };
  g_autofree char *site_config = NULL;
  g_autofree char *post = NULL;
  g_autofree char *other = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *path = NULL;

  fixture_setup (&fx);
  site_config = byline_test_write_file (fx.dir, "hugo.toml", "contentDir = 'src'\n", -1);
  post = byline_test_write_file (fx.dir, "src/posts/post.md",
                     "---\ntitle: Refs\n---\n"
                     "[Other]({{< ref \"posts/other.md\" >}}) and "
                     "[the trip]({{< relref \"posts/trip\" >}}).\n", -1);
  other = byline_test_write_file (fx.dir, "src/posts/other.md", "---\ntitle: Other\n---\n", -1);
  bundle = byline_test_write_file (fx.dir, "src/posts/trip/index.md", "---\ntitle: Trip\n---\n", -1);
  g_signal_connect (fx.preview, "open-link", G_CALLBACK (refuse_link_cb), NULL);
  g_signal_connect (fx.preview, "open-post", G_CALLBACK (open_post_cb), &opened);
  show_file (&fx, post);

  eval_bool (&fx, "document.querySelector('#bl-body a[href=\"posts/other.md\"]').click(); true");
  WAIT_FOR (opened.post != NULL);
  path = g_file_get_path (opened.post);
  g_assert_cmpstr (path, ==, other);
  g_clear_object (&opened.post);
  g_clear_pointer (&path, g_free);

  eval_bool (&fx, "document.querySelector('#bl-body a[href=\"posts/trip\"]').click(); true");
  WAIT_FOR (opened.post != NULL);
  path = g_file_get_path (opened.post);
  g_assert_cmpstr (path, ==, bundle);
  g_clear_object (&opened.post);
  g_clear_pointer (&path, g_free);

  /* Jekyll: {% post_url %} from a post in a subfolder of _posts/, and
   * {% link %} to a page at the site's root */
  {
    g_autofree char *jekyll = g_build_filename (fx.dir, "jekyll", NULL);
    g_autofree char *config = byline_test_write_file (jekyll, "_config.yml", "title: J\n", -1);
    g_autofree char *jpost = byline_test_write_file (jekyll, "_posts/2025/2025-03-01-b.md",
                                                     "---\ntitle: B\n---\n"
                                                     "[A]({% post_url 2025-02-13-a %}) and "
                                                     "[About]({% link about.markdown %}).\n", -1);
    g_autofree char *a = byline_test_write_file (jekyll, "_posts/2025-02-13-a.md", "---\ntitle: A\n---\n", -1);
    g_autofree char *about = byline_test_write_file (jekyll, "about.markdown", "---\ntitle: About\n---\n", -1);

    show_file (&fx, jpost);
    eval_bool (&fx, "document.querySelector('#bl-body a[href=\"2025-02-13-a\"]').click(); true");
    WAIT_FOR (opened.post != NULL);
    path = g_file_get_path (opened.post);
    g_assert_cmpstr (path, ==, a);
    g_clear_object (&opened.post);
    g_clear_pointer (&path, g_free);

    eval_bool (&fx, "document.querySelector('#bl-body a[href=\"about.markdown\"]').click(); true");
    WAIT_FOR (opened.post != NULL);
    path = g_file_get_path (opened.post);
    g_assert_cmpstr (path, ==, about);
  }

  g_clear_object (&opened.post);
  fixture_teardown (&fx);
}

static void
scrolled_cb (BylinePreview *preview,
             double         line,
             double        *out)
{
  *out = line;
}

static void
test_scroll_sync (void)
{
  Fixture fx = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  guint heading_line = 0, second_line = 0, line = 1;
  double scrolled = -1;
  g_autofree char *second_top = NULL;

  for (guint i = 0; i < 120; i++)
    {
      if (i == 60)
        {
          heading_line = line;
          g_string_append (body, "## The heading to follow\n\n");
          line += 2;
        }
      if (i == 90)
        {
          second_line = line;
          g_string_append (body, "## Second heading\n\n");
          line += 2;
        }
      g_string_append_printf (body, "Paragraph %u, long enough to take some room on the page "
                                    "when it wraps in the preview's column.\n\n", i);
      line += 2;
    }

  fixture_setup (&fx);
  show_text (&fx, NULL, body->str);
  g_signal_connect (fx.preview, "scrolled-to-line", G_CALLBACK (scrolled_cb), &scrolled);

  /* The source view scrolls to the heading: the preview follows. */
  byline_preview_scroll_to_line (fx.preview, heading_line);
  WAIT_FOR (eval_number (&fx, "Math.abs(document.getElementById('the-heading-to-follow')"
                              ".getBoundingClientRect().top)") < 2);
  g_assert_cmpfloat (eval_number (&fx, "window.scrollY"), >, 100);

  /* And back: the reader scrolls the preview to the second heading; the
   * preview reports that line for the source view. */
  scrolled = -1;
  second_top = g_strdup_printf ("window.scrollTo(0, document.getElementById('second-heading')"
                                ".getBoundingClientRect().top + window.scrollY); true");
  eval_bool (&fx, second_top);
  WAIT_FOR (scrolled >= 0);
  g_assert_cmpfloat (scrolled, >=, second_line - 0.5);
  g_assert_cmpfloat (scrolled, <=, second_line + 1);

  fixture_teardown (&fx);
}

/* Puts body line @line at the top of @view; TRUE when it is there. */
static gboolean
source_line_at_top (GtkTextView   *view,
                    GtkAdjustment *vadjustment,
                    guint          line)
{
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (view), &iter, line - 1);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  if (ABS (gtk_adjustment_get_value (vadjustment) - y) < 0.5)
    return TRUE;
  gtk_adjustment_set_value (vadjustment, y);
  return FALSE;
}

/* The source view and the preview kept in step, as the window wires them. */
static void
test_source_view_sync (void)
{
  Fixture fx = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *paned, *scroller, *view;
  GtkAdjustment *vadjustment;
  GtkTextIter iter;
  int y, height;
  guint heading_line = 0, second_line = 0, line = 1;

  for (guint i = 0; i < 150; i++)
    {
      if (i == 70)
        {
          heading_line = line;
          g_string_append (body, "## Followed heading\n\n");
          line += 2;
        }
      if (i == 110)
        {
          second_line = line;
          g_string_append (body, "## Another heading\n\n");
          line += 2;
        }
      g_string_append_printf (body, "Paragraph %u of the post, with a few words.\n\n", i);
      line += 2;
    }

  fixture_setup (&fx);
  /* Source view on the left, preview on the right, as in the window. */
  g_object_ref (fx.preview);
  gtk_window_set_child (fx.window, NULL);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  scroller = gtk_scrolled_window_new ();
  view = gtk_source_view_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_paned_set_start_child (GTK_PANED (paned), scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (fx.preview));
  gtk_paned_set_position (GTK_PANED (paned), 400);
  gtk_window_set_child (fx.window, paned);
  g_object_unref (fx.preview);

  show_text (&fx, NULL, body->str);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (view), GTK_TEXT_BUFFER (fx.document));
  /* As a window that loads the preview as a module does it. */
  g_object_set (fx.preview, "source-view", view, NULL);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  WAIT_FOR (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment) + 1000);

  /* Scrolling the source to the heading's line scrolls the preview to it.
   * (Line heights are estimates until GTK lays the lines out: put the line
   * at the top again until it stays there.) */
  WAIT_FOR (source_line_at_top (GTK_TEXT_VIEW (view), vadjustment, heading_line) &&
            eval_number (&fx, "Math.abs(document.getElementById('followed-heading')"
                              ".getBoundingClientRect().top)") < 2);

  /* Scrolling the preview to the other heading scrolls the source to its
   * line. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (fx.document), &iter, second_line - 1);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &iter, &y, &height);
  eval_bool (&fx, "window.scrollTo(0, document.getElementById('another-heading')"
                  ".getBoundingClientRect().top + window.scrollY); true");
  WAIT_FOR (ABS (gtk_adjustment_get_value (vadjustment) - y) < height);

  /* Off: neither follows the other. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    double before;

    g_settings_set_boolean (settings, "scroll-sync", FALSE);
    before = eval_number (&fx, "window.scrollY");
    gtk_adjustment_set_value (vadjustment, 0);
    wait_rendered (&fx);
    eval_number (&fx, "0");   /* a round trip to the page */
    g_assert_cmpfloat (eval_number (&fx, "window.scrollY"), ==, before);
    g_settings_reset (settings, "scroll-sync");
  }

  byline_preview_attach_source_view (fx.preview, NULL);
  fixture_teardown (&fx);
}

static void
test_in_place (void)
{
  Fixture fx = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  GtkTextIter iter;
  double scroll_before, scroll_after;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (body, "Paragraph %u with enough words to wrap over a line or two "
                                  "in the preview column of the test window.\n\n", i);

  fixture_setup (&fx);
  show_text (&fx, NULL, body->str);

  /* Mark the page and two blocks, scroll down. */
  eval_bool (&fx, "window.testMark = 42; "
                  "document.querySelectorAll('.bl-block')[0].setAttribute('data-test', 'first'); "
                  "document.querySelectorAll('.bl-block')[60].setAttribute('data-test', 'later'); "
                  "window.scrollTo(0, document.querySelectorAll('.bl-block')[40].offsetTop); true");
  scroll_before = eval_number (&fx, "window.scrollY");
  g_assert_cmpfloat (scroll_before, >, 100);

  /* Type into paragraph 50, below the top of the view, then add lines above
   * the view: the page updates in place and what the reader sees stays. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (fx.document), &iter, 100);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "Typed. ", -1);
  wait_rendered (&fx);
  assert_js (&fx, "document.querySelectorAll('.bl-block')[50].textContent.startsWith('Typed. ')");

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (fx.document), &iter, 0);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "\n\n\n", -1);
  wait_rendered (&fx);

  assert_js (&fx, "window.testMark === 42");   /* no reload */
  assert_js (&fx, "document.querySelectorAll('.bl-block')[0].getAttribute('data-test') === 'first'");
  assert_js (&fx, "document.querySelectorAll('.bl-block')[60].getAttribute('data-test') === 'later'");
  scroll_after = eval_number (&fx, "window.scrollY");
  g_assert_cmpfloat (ABS (scroll_after - scroll_before), <, 2);

  /* A new paragraph above the view: the text the reader looks at stays
   * where it is on screen (the page scrolls by the new paragraph's height). */
  eval_bool (&fx, "window.anchorTop = document.querySelectorAll('.bl-block')[41].getBoundingClientRect().top; "
                  "document.querySelectorAll('.bl-block')[41].setAttribute('data-test', 'anchor'); true");
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (fx.document), &iter, 21);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "A new paragraph.\n\n", -1);
  wait_rendered (&fx);
  assert_js (&fx, "window.testMark === 42");
  assert_js (&fx, "document.querySelectorAll('.bl-block')[42].getAttribute('data-test') === 'anchor'");
  assert_js (&fx, "Math.abs(document.querySelector('[data-test=anchor]').getBoundingClientRect().top - "
                  "window.anchorTop) < 2");
  g_assert_cmpfloat (eval_number (&fx, "window.scrollY"), >, scroll_after + 10);

  fixture_teardown (&fx);
}

/* When an update can't be applied (here the page's body was emptied behind
 * the preview's back), the next one brings the whole post back. */
static void
test_recovers (void)
{
  Fixture fx = { 0 };
  GtkTextIter iter;

  fixture_setup (&fx);
  show_text (&fx, NULL, "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n");
  assert_js (&fx, "document.querySelectorAll('.bl-block').length === 3");

  eval_bool (&fx, "document.getElementById('bl-body').textContent = ''; true");
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fx.document), &iter);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "Edited. ", -1);
  wait_rendered (&fx);
  WAIT_FOR (eval_bool (&fx, "document.querySelectorAll('.bl-block').length === 3"));
  assert_js (&fx, "document.querySelector('.bl-block').textContent.startsWith('Edited. First')");

  /* And it goes on updating in place. */
  eval_bool (&fx, "document.querySelectorAll('.bl-block')[2].setAttribute('data-test', 'kept'); true");
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fx.document), &iter);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "Again. ", -1);
  wait_rendered (&fx);
  assert_js (&fx, "document.querySelector('.bl-block').textContent.startsWith('Again. Edited.')");
  assert_js (&fx, "document.querySelectorAll('.bl-block')[2].getAttribute('data-test') === 'kept'");

  fixture_teardown (&fx);
}

/* Updates bigger than a few hundred KB go to the page in pieces: the whole
 * post at first, and a block of several hundred KB (a code fence opened at
 * the top) cut between UTF-8 characters. */
static void
test_big_updates (void)
{
  Fixture fx = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  GtkTextIter iter;
  g_autofree char *check = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (body, "Paragraph %u: ünïcödé text, 日本語, and more words to fill it.\n\n", i);

  fixture_setup (&fx);
  show_text (&fx, NULL, body->str);
  assert_js (&fx, "document.querySelectorAll('.bl-block').length === 3000");
  assert_js (&fx, "document.querySelectorAll('.bl-block')[2999].textContent.startsWith('Paragraph 2999: ünïcödé')");

  /* A fence opened at the top: everything below is one block of code. */
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fx.document), &iter);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (fx.document), &iter, "```\n", -1);
  wait_rendered (&fx);
  assert_js (&fx, "document.querySelectorAll('.bl-block').length === 1");
  check = g_strdup_printf ("document.querySelector('#bl-body pre code').textContent.length === %u",
                           (guint) g_utf8_strlen (body->str, -1));
  assert_js (&fx, check);
  assert_js (&fx, "!document.querySelector('#bl-body pre code').textContent.includes('\\ufffd')");

  /* Closed again: 3000 paragraphs. */
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fx.document), &iter);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (fx.document), &iter, 1);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fx.document), &start);
    gtk_text_buffer_delete (GTK_TEXT_BUFFER (fx.document), &start, &iter);
  }
  wait_rendered (&fx);
  assert_js (&fx, "document.querySelectorAll('.bl-block').length === 3000");

  fixture_teardown (&fx);
}

static void
assert_copy_matches (Fixture *fx)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *copy = byline_preview_dup_text (fx->preview);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (fx->document), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (fx->document), &start, &end, TRUE);
  g_assert_cmpstr (copy, ==, text);
}

static void
test_body_copy (void)
{
  Fixture fx = { 0 };
  GtkTextBuffer *buffer;
  GRand *rand = g_rand_new_with_seed (20250603);
  static const char *pieces[] = {
    "a", "\n", "word ", "two\nlines", "\n\n", "ünï", "日本語", "\r\n", "x\ny\nz\n", "",
  };

  fixture_setup (&fx);
  show_text (&fx, NULL, "First line\nSecond line\n\nThird ünïcode line\n");
  buffer = GTK_TEXT_BUFFER (fx.document);

  /* Random inserts and deletes, across lines too: the preview's copy of the
   * body is always the buffer's text. */
  for (guint i = 0; i < 400; i++)
    {
      GtkTextIter a, b;
      int n = gtk_text_buffer_get_char_count (buffer);

      gtk_text_buffer_get_iter_at_offset (buffer, &a, g_rand_int_range (rand, 0, n + 1));
      if (g_rand_boolean (rand) || n < 10)
        gtk_text_buffer_insert (buffer, &a, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
      else
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &b,
                                              MIN (n, gtk_text_iter_get_offset (&a) + g_rand_int_range (rand, 0, 12)));
          gtk_text_buffer_delete (buffer, &a, &b);
        }
      assert_copy_matches (&fx);
    }

  /* Everything at once, and the undo of it. */
  gtk_text_buffer_set_text (buffer, "Replaced\nwhole.\n", -1);
  assert_copy_matches (&fx);
  gtk_text_buffer_set_text (buffer, "", -1);
  assert_copy_matches (&fx);

  gtk_text_buffer_set_text (buffer, "# Last\n\nShown.\n", -1);
  wait_rendered (&fx);
  assert_js (&fx, "document.querySelector('#bl-body h1').textContent === 'Last'");
  assert_js (&fx, "document.querySelectorAll('.bl-block').length === 2");

  g_rand_free (rand);
  fixture_teardown (&fx);
}

static void
test_shortcodes (void)
{
  Fixture fx = { 0 };
  static const char *body =
    "{{< figure src=\"photo.png\" caption=\"A *captioned* photo\" >}}\n"
    "\n"
    "Watch {{< youtube w7Ft2ymGmfc >}} now.\n"
    "\n"
    "{{% notice tip %}}\n"
    "Inner text.\n"
    "{{% /notice %}}\n"
    "\n"
    "`{{< not-a-shortcode >}}` in code stays.\n";

  fixture_setup (&fx);
  show_text (&fx, NULL, body);

  /* The figure's image (not there: shown as the missing-image box naming
   * it) and its caption. */
  WAIT_FOR (eval_bool (&fx, "document.querySelector('#bl-body .bl-figure [data-bl-missing=\"photo.png\"]') !== null"));
  assert_js (&fx, "document.querySelector('#bl-body .bl-figure .bl-caption em').textContent === 'captioned'");
  assert_js (&fx, "document.querySelector('#bl-body .bl-embed a').href === "
                  "'https://www.youtube.com/watch?v=w7Ft2ymGmfc'");
  assert_js (&fx, "document.querySelector('#bl-body .bl-shortcode-name').textContent === 'notice'");
  /* No raw braces outside code. */
  assert_js (&fx, "(() => { const c = document.getElementById('bl-body').cloneNode(true); "
                  "c.querySelectorAll('code').forEach(e => e.remove()); "
                  "return !c.textContent.includes('{{'); })()");
  assert_js (&fx, "document.querySelector('#bl-body p > code').textContent === '{{< not-a-shortcode >}}'");

  fixture_teardown (&fx);
}

static void
test_math_and_code (void)
{
  Fixture fx = { 0 };
  gboolean katex = g_file_test ("/usr/share/javascript/katex/katex.min.js", G_FILE_TEST_EXISTS);
  gboolean hljs = g_file_test ("/usr/share/javascript/highlight.js/highlight.min.js", G_FILE_TEST_EXISTS);
  static const char *body =
    "Euler: $e^{i\\pi} + 1 = 0$, and a sum:\n"
    "\n"
    "$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$\n"
    "\n"
    "```c\n"
    "int main (void) { return 0; }\n"
    "```\n";

  fixture_setup (&fx);

  /* Without math in the front matter, dollars are text. */
  show_text (&fx, "title: M\n", body);
  assert_js (&fx, "document.querySelector('.bl-math') === null && "
                  "document.querySelector('.bl-math-rendered') === null");

  show_text (&fx, "title: M\nmath: true\n", body);
  if (katex)
    {
      WAIT_FOR (eval_bool (&fx, "document.querySelectorAll('#bl-body .katex').length === 2"));
      assert_js (&fx, "document.getElementById('bl-math-note') === null");
    }
  else
    {
      assert_js (&fx, "document.querySelectorAll('#bl-body code.bl-math').length === 2");
      assert_js (&fx, "document.getElementById('bl-math-note').textContent.includes('libjs-katex')");
    }

  if (hljs)
    WAIT_FOR (eval_bool (&fx, "document.querySelector('#bl-body pre code .hljs-keyword') !== null"));
  else
    g_test_message ("libjs-highlight.js is not installed: code is not highlighted");

  fixture_teardown (&fx);
}

static void
test_context_menu (void)
{
  Fixture fx = { 0 };
  WebKitContextMenu *menu = webkit_context_menu_new ();
  static const WebKitContextMenuAction actions[] = {
    WEBKIT_CONTEXT_MENU_ACTION_GO_BACK,
    WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD,
    WEBKIT_CONTEXT_MENU_ACTION_RELOAD,
    WEBKIT_CONTEXT_MENU_ACTION_STOP,
    WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION,   /* separator */
    WEBKIT_CONTEXT_MENU_ACTION_COPY,
    WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK_IN_NEW_WINDOW,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD,
  };
  gboolean handled = TRUE;
  GList *items;

  fixture_setup (&fx);
  show_text (&fx, NULL, "Text.\n");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    webkit_context_menu_append (menu, actions[i] == WEBKIT_CONTEXT_MENU_ACTION_NO_ACTION
                                      ? webkit_context_menu_item_new_separator ()
                                      : webkit_context_menu_item_new_from_stock_action (actions[i]));

  g_signal_emit_by_name (byline_preview_get_web_view (fx.preview), "context-menu", menu, NULL, &handled);
  g_assert_false (handled);

  items = webkit_context_menu_get_items (menu);
  g_assert_cmpuint (g_list_length (items), ==, 2);
  g_assert_cmpint (webkit_context_menu_item_get_stock_action (items->data), ==, WEBKIT_CONTEXT_MENU_ACTION_COPY);
  g_assert_cmpint (webkit_context_menu_item_get_stock_action (items->next->data), ==,
                   WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD);

  g_object_unref (menu);
  fixture_teardown (&fx);
}

static void
test_dark (void)
{
  Fixture fx = { 0 };
  AdwStyleManager *manager = adw_style_manager_get_default ();

  fixture_setup (&fx);
  show_text (&fx, NULL, "Text.\n");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  WAIT_FOR (eval_bool (&fx, "document.documentElement.classList.contains('dark')"));
  assert_js (&fx, "getComputedStyle(document.documentElement).backgroundColor === 'rgb(30, 30, 30)'");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  WAIT_FOR (eval_bool (&fx, "!document.documentElement.classList.contains('dark')"));
  assert_js (&fx, "getComputedStyle(document.documentElement).backgroundColor === 'rgb(255, 255, 255)'");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  fixture_teardown (&fx);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  byline_preview_export_finish (BYLINE_PREVIEW (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_export (void)
{
  Fixture fx = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean done = FALSE;

  fixture_setup (&fx);
  show_text (&fx, "title: Exported\ntags: [one]\n", "# Heading\n\nText with <script>x()</script>.\n");

  path = g_build_filename (fx.dir, "post.html", NULL);
  file = g_file_new_for_path (path);
  byline_preview_export_async (fx.preview, file, NULL, export_cb, &done);
  WAIT_FOR (done);

  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<title>Exported</title>"));
  g_assert_nonnull (strstr (html, "<h1 class=\"bl-title\">Exported</h1>"));
  g_assert_nonnull (strstr (html, "max-width: 68ch"));   /* the style sheet, inlined */
  g_assert_null (strstr (html, "<script"));

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

  g_test_add_func ("/preview/gfm", test_gfm);
  g_test_add_func ("/preview/no-scripts", test_no_scripts);
  g_test_add_func ("/preview/header", test_header);
  g_test_add_func ("/preview/toc", test_toc);
  g_test_add_func ("/preview/images", test_images);
  g_test_add_func ("/preview/links", test_links);
  g_test_add_func ("/preview/ref-links", test_ref_links);
  g_test_add_func ("/preview/scroll-sync", test_scroll_sync);
  g_test_add_func ("/preview/source-view-sync", test_source_view_sync);
  g_test_add_func ("/preview/in-place", test_in_place);
  g_test_add_func ("/preview/body-copy", test_body_copy);
  g_test_add_func ("/preview/recovers", test_recovers);
  g_test_add_func ("/preview/big-updates", test_big_updates);
  g_test_add_func ("/preview/shortcodes", test_shortcodes);
  g_test_add_func ("/preview/math-and-code", test_math_and_code);
  g_test_add_func ("/preview/context-menu", test_context_menu);
  g_test_add_func ("/preview/dark", test_dark);
  g_test_add_func ("/preview/export", test_export);

  ret = g_test_run ();

  byline_test_bus_down (bus);

  return ret;
}
