/* test-link-check.c: broken links marked in the real window's source view:
 * after the pause only the broken link's range carries the tag, fixing it
 * removes the mark, the preference off removes them all, and the file's
 * bytes are never changed by the checker. Reference links ("![a][logo]" with
 * "[logo]: path"): a broken one is marked once, at its definition's
 * destination, where it is fixed, not at each use; F8 goes there; a
 * definition no link uses is marked when broken; a reference defined
 * nowhere is text and is not marked. Real files in a temporary folder.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-link-check"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-link-checker.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

/* CJK before the links: character offsets are not byte offsets. */
#define GOOD   "![a](images/a.png)"
#define BROKEN "![b](images/missing.png)"
static const char post_text[] =
  "---\r\ntitle: Links\r\n---\r\n"
  "漢字かな " GOOD " and " BROKEN ".\r\n"
  "\r\n"
  "`[code](nothing.md)` and [web](https://example.com/none.md)\r\n";

/* CJK before the links and CRLF: characters are not bytes. */
static const char defs_text[] =
  "---\r\ntitle: References\r\n---\r\n"
  "漢字かな ![a][logo], ![b][logo] and [ok][good].\r\n"
  "\r\n"
  "A [reference][nowhere] defined nowhere, and [the logo][LOGO] again.\r\n"
  "\r\n"
  "[logo]: images/missing.png \"The logo\"\r\n"
  "[good]: images/a.png\r\n"
  "[unused]: files/gone.pdf\r\n";

typedef struct {
  char              *dir;
  char              *path;
  BylineWindow      *window;
  GtkTextBuffer     *buffer;
  BylineLinkChecker *checker;
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *text)
{
  g_autoptr(GFile) file = NULL;
  GtkTextView *view;

  f->dir = byline_test_make_tmp ("byline-test-link-check");
  g_free (byline_test_write_file (f->dir, "images/a.png", "png", -1));
  f->path = byline_test_write_file (f->dir, "post.md", text, -1);
  file = g_file_new_for_path (f->path);
  f->window = byline_application_open_file (app, file);
  g_assert_nonnull (f->window);
  WAIT_FOR (byline_window_get_ready (f->window));
  view = GTK_TEXT_VIEW (byline_window_get_source_view (f->window));
  f->buffer = gtk_text_view_get_buffer (view);
  WAIT_FOR ((f->checker = g_object_get_data (G_OBJECT (view), "byline-link-checker")) != NULL);
  WAIT_FOR (byline_link_checker_get_n_checks (f->checker) >= 1);
}

static void
fixture_close (Fixture *f)
{
  byline_test_destroy_window (f->window);
  byline_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The tagged ranges as "start-end" character offsets, ";" between. */
static char *
tagged_ranges (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), BYLINE_LINK_TAG_BROKEN);
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (;;)
    {
      GtkTextIter end;

      if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      if (!gtk_text_iter_starts_tag (&iter, tag))
        break;
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      g_string_append_printf (out, "%s%d-%d", out->len ? ";" : "",
                              gtk_text_iter_get_offset (&iter), gtk_text_iter_get_offset (&end));
      iter = end;
    }
  return g_string_free (out, FALSE);
}

/* Where @needle is in the buffer (its first), as character offsets. */
static int
offset_of (GtkTextBuffer *buffer,
           const char    *needle)
{
  g_autofree char *text = byline_test_buffer_text (buffer);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static char *
range_of (GtkTextBuffer *buffer,
          const char    *needle)
{
  int start = offset_of (buffer, needle);

  return g_strdup_printf ("%d-%ld", start, start + g_utf8_strlen (needle, -1));
}

static int
cursor_offset (GtkTextBuffer *buffer)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static const char *
message_at (Fixture *f,
            int      offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset);
  return byline_link_checker_get_message_at (f->checker, &iter);
}

static void
replace_text (GtkTextBuffer *buffer,
              const char    *old,
              const char    *new_)
{
  int start_offset = offset_of (buffer, old);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, start_offset + g_utf8_strlen (old, -1));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, new_, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
test_marks (void)
{
  Fixture f = { 0 };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *ranges = NULL;
  g_autofree char *expected = NULL;
  GtkTextIter iter;
  guint n;

  fixture_open (&f, post_text);

  /* only the broken image, at its characters */
  ranges = tagged_ranges (f.buffer);
  expected = range_of (f.buffer, BROKEN);
  g_assert_cmpstr (ranges, ==, expected);
  g_assert_cmpuint (byline_link_checker_get_n_problems (f.checker), ==, 1);

  /* its message; none on the good one */
  g_assert_cmpstr (message_at (&f, offset_of (f.buffer, BROKEN) + 3), ==,
                   "No file “images/missing.png” beside the post");
  g_assert_null (message_at (&f, offset_of (f.buffer, GOOD) + 3));

  /* the next problem from the start (win.next-problem, F8) is the broken one */
  gtk_text_buffer_get_start_iter (f.buffer, &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-problem", NULL));
  gtk_text_buffer_get_iter_at_mark (f.buffer, &iter, gtk_text_buffer_get_insert (f.buffer));
  g_clear_pointer (&ranges, g_free);
  ranges = g_strdup_printf ("%d-", gtk_text_iter_get_offset (&iter));
  g_assert_true (g_str_has_prefix (expected, ranges));

  /* fixing the path removes the mark */
  n = byline_link_checker_get_n_checks (f.checker);
  replace_text (f.buffer, "images/missing.png", "images/a.png");
  WAIT_FOR (byline_link_checker_get_n_checks (f.checker) > n);
  g_clear_pointer (&ranges, g_free);
  ranges = tagged_ranges (f.buffer);
  g_assert_cmpstr (ranges, ==, "");

  /* breaking it again marks it; the preference off removes every mark */
  replace_text (f.buffer, "images/a.png)", "images/gone.png)");
  WAIT_FOR (byline_link_checker_get_n_problems (f.checker) == 1);
  g_clear_pointer (&ranges, g_free);
  ranges = tagged_ranges (f.buffer);
  g_clear_pointer (&expected, g_free);
  expected = range_of (f.buffer, "![a](images/gone.png)");
  g_assert_cmpstr (ranges, ==, expected);

  g_settings_set_boolean (settings, "check-links", FALSE);
  WAIT_FOR (!byline_link_checker_get_enabled (f.checker));
  g_clear_pointer (&ranges, g_free);
  ranges = tagged_ranges (f.buffer);
  g_assert_cmpstr (ranges, ==, "");
  g_assert_cmpuint (byline_link_checker_get_n_problems (f.checker), ==, 0);

  /* and on again: back */
  g_settings_set_boolean (settings, "check-links", TRUE);
  WAIT_FOR (byline_link_checker_get_n_problems (f.checker) == 1);

  fixture_close (&f);
}

/* The marks are no edit: the post is not modified, and saving writes the
 * same bytes. */
static void
check_bytes_unchanged (const char *text,
                       guint       n_problems)
{
  Fixture f = { 0 };
  g_autofree char *contents = NULL;
  gsize len;

  fixture_open (&f, text);
  g_assert_cmpuint (byline_link_checker_get_n_problems (f.checker), ==, n_problems);
  g_assert_false (byline_document_get_modified (byline_window_get_document (f.window)));

  byline_test_save_window (f.window);
  g_assert_true (g_file_get_contents (f.path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, text, strlen (text));

  fixture_close (&f);
}

static void
test_bytes_unchanged (void)
{
  check_bytes_unchanged (post_text, 1);
}

static void
test_definitions (void)
{
  Fixture f = { 0 };
  g_autofree char *ranges = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *unused = NULL;
  GtkTextIter iter;
  guint n;

  fixture_open (&f, defs_text);

  /* the broken definition, once, and the unused broken one; no use, and
   * not the reference defined nowhere */
  logo = range_of (f.buffer, "images/missing.png");
  unused = range_of (f.buffer, "files/gone.pdf");
  expected = g_strconcat (logo, ";", unused, NULL);
  ranges = tagged_ranges (f.buffer);
  g_assert_cmpstr (ranges, ==, expected);
  g_assert_cmpuint (byline_link_checker_get_n_problems (f.checker), ==, 2);

  /* what is missing, there; nothing at the uses */
  g_assert_cmpstr (message_at (&f, offset_of (f.buffer, "images/missing.png") + 3), ==,
                   "No file “images/missing.png” beside the post");
  g_assert_cmpstr (message_at (&f, offset_of (f.buffer, "files/gone.pdf") + 3), ==,
                   "No file “files/gone.pdf” beside the post");
  g_assert_null (message_at (&f, offset_of (f.buffer, "![a][logo]") + 3));
  g_assert_null (message_at (&f, offset_of (f.buffer, "[the logo][LOGO]") + 3));
  g_assert_null (message_at (&f, offset_of (f.buffer, "[reference][nowhere]") + 3));

  /* F8 from the start: the definition, then the unused one, then round */
  gtk_text_buffer_get_start_iter (f.buffer, &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-problem", NULL));
  g_assert_cmpint (cursor_offset (f.buffer), ==, offset_of (f.buffer, "images/missing.png"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-problem", NULL));
  g_assert_cmpint (cursor_offset (f.buffer), ==, offset_of (f.buffer, "files/gone.pdf"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-problem", NULL));
  g_assert_cmpint (cursor_offset (f.buffer), ==, offset_of (f.buffer, "images/missing.png"));

  /* fixing the definition fixes every use: only the unused one is left */
  n = byline_link_checker_get_n_checks (f.checker);
  replace_text (f.buffer, "images/missing.png", "images/a.png");
  WAIT_FOR (byline_link_checker_get_n_checks (f.checker) > n);
  g_clear_pointer (&ranges, g_free);
  ranges = tagged_ranges (f.buffer);
  g_clear_pointer (&unused, g_free);
  unused = range_of (f.buffer, "files/gone.pdf");
  g_assert_cmpstr (ranges, ==, unused);

  /* a use of the unused one: still one mark, at the definition */
  n = byline_link_checker_get_n_checks (f.checker);
  replace_text (f.buffer, "[ok][good]", "[pdf][unused]");
  WAIT_FOR (byline_link_checker_get_n_checks (f.checker) > n);
  g_clear_pointer (&ranges, g_free);
  ranges = tagged_ranges (f.buffer);
  g_clear_pointer (&unused, g_free);
  unused = range_of (f.buffer, "files/gone.pdf");
  g_assert_cmpstr (ranges, ==, unused);
  g_assert_cmpuint (byline_link_checker_get_n_problems (f.checker), ==, 1);

  fixture_close (&f);
}

static void
test_definitions_bytes_unchanged (void)
{
  check_bytes_unchanged (defs_text, 2);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  g_test_init (&argc, &argv, NULL);

  bus = byline_test_bus_up ();
  app = byline_test_new_application ();

  g_test_add_func ("/link-check/marks", test_marks);
  g_test_add_func ("/link-check/bytes-unchanged", test_bytes_unchanged);
  g_test_add_func ("/link-check/definitions", test_definitions);
  g_test_add_func ("/link-check/definitions-bytes-unchanged", test_definitions_bytes_unchanged);

  ret = g_test_run ();

  byline_test_destroy_all_windows (app);
  g_clear_object (&app);
  byline_test_bus_down (bus);
  return ret;
}
