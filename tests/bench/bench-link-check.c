/* bench-link-check.c: what checking links costs, for a post of about 1 MB
 * with many links (a tenth of them broken), in a folder with the files the
 * others point at. In the same run:
 *   - the floor: cmark-gfm's bare parse of the body (no rendering);
 *   - finding the links (byline_markdown_dup_links(): cmark-gfm with
 *     source positions, and the shortcode scan);
 *   - the whole check as the worker thread runs it (byline_link_check():
 *     finding, then looking each target up on disk);
 *   - in a source view like Byline's, with a BylineLinkChecker: the main
 *     thread's share, copying the text and applying the marks, and the
 *     worker's time; and the cost of a keystroke's handler (the insert call)
 *     with the checker on and off.
 * Medians of ROUNDS.
 *
 * Run: xvfb-run -a BUILD/tests/bench/bench-link-check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-link-check"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <cmark-gfm.h>
#include <gtksourceview/gtksource.h>

#include "byline-document.h"
#include "byline-link-check.h"
#include "byline-link-checker.h"
#include "byline-markdown.h"
#include "byline-platform.h"

#define ROUNDS 5
#define TARGET_BYTES (1024 * 1024)
#define N_FILES 200

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (gint64 *values,
           guint   n)
{
  qsort (values, n, sizeof (gint64), compare_gint64);
  return values[n / 2] / 1000.0;
}

/* About 1 MB: paragraphs of text with links and images, every tenth
 * pointing at a file that is not there; headings, lists, code, reference
 * links with their definitions. */
static char *
make_body (guint *n_links)
{
  GString *s = g_string_new (NULL);
  guint i = 0;

  *n_links = 0;
  while (s->len < TARGET_BYTES)
    {
      guint f = i % N_FILES;
      const char *miss = i % 10 == 9 ? "missing-" : "";

      if (i % 25 == 0)
        g_string_append_printf (s, "## Section %u\n\n", i);
      g_string_append_printf (s, "Some text with a [link to a post](%spost-%u.md) and an image "
                                 "![photo %u](images/%sphoto-%u.png) in the middle of a sentence, "
                                 "then a [web link](https://example.com/%u) and `[code](x.md)`.\n",
                              miss, f, i, miss, f, i);
      if (i % 7 == 0)
        g_string_append_printf (s, "\n- item with [a file](files/%sdoc-%u.pdf)\n- another item\n", miss, f);
      if (i % 11 == 0)
        g_string_append (s, "\n```\n[not a link](nothing.md)\n```\n");
      if (i % 20 == 0)
        {
          /* a reference link and its definition */
          g_string_append_printf (s, "\nSee [the reference][ref-%u].\n\n[ref-%u]: %spost-%u.md\n", i, i, miss, f);
          *n_links += 1;
        }
      g_string_append_c (s, '\n');
      *n_links += 3 + (i % 7 == 0);
      i++;
    }
  return g_string_free (s, FALSE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_document_load_finish (BYLINE_DOCUMENT (object), result, &error))
    g_error ("%s", error->message);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *body = NULL;
  g_autofree char *post_path = NULL;
  g_autoptr(GFile) post = NULL;
  gint64 parse[ROUNDS], find[ROUNDS], find_defs[ROUNDS], check[ROUNDS];
  gint64 snapshot[ROUNDS], worker[ROUNDS], apply_t[ROUNDS], slice[ROUNDS];
  guint n_links, n_found = 0, n_defs = 0, n_broken = 0;
  gsize len;

  adw_init ();

  dir = g_dir_make_tmp ("byline-bench-link-check-XXXXXX", NULL);
  g_assert_nonnull (dir);
  body = make_body (&n_links);
  len = strlen (body);
  {
    g_autofree char *images = g_build_filename (dir, "images", NULL);
    g_autofree char *files = g_build_filename (dir, "files", NULL);
    g_autofree char *contents = g_strconcat ("---\ntitle: Bench\n---\n", body, NULL);

    g_mkdir_with_parents (images, 0755);
    g_mkdir_with_parents (files, 0755);
    for (guint f = 0; f < N_FILES; f++)
      {
        g_autofree char *a = g_strdup_printf ("%s/post-%u.md", dir, f);
        g_autofree char *b = g_strdup_printf ("%s/photo-%u.png", images, f);
        g_autofree char *c = g_strdup_printf ("%s/doc-%u.pdf", files, f);

        g_file_set_contents (a, "x\n", -1, NULL);
        g_file_set_contents (b, "x", -1, NULL);
        g_file_set_contents (c, "x", -1, NULL);
      }
    post_path = g_build_filename (dir, "bench.md", NULL);
    g_file_set_contents (post_path, contents, -1, NULL);
    post = g_file_new_for_path (post_path);
  }

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      cmark_node *doc = cmark_parse_document (body, len, CMARK_OPT_DEFAULT);
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      parse[r] = g_get_monotonic_time () - t0;
      cmark_node_free (doc);

      t0 = g_get_monotonic_time ();
      links = byline_markdown_dup_links (body, len);
      find[r] = g_get_monotonic_time () - t0;
      n_found = links->len;

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(GPtrArray) defs = byline_markdown_dup_link_definitions (body, len);

        find_defs[r] = g_get_monotonic_time () - t0;
        n_defs = defs->len;
      }

      t0 = g_get_monotonic_time ();
      problems = byline_link_check (body, len, post, NULL, NULL);
      check[r] = g_get_monotonic_time () - t0;
      n_broken = problems->len;
    }

  g_print ("Post: %.2f MB, %u links written, %u found, %u reference definitions, %u broken\n",
           len / (1024.0 * 1024.0), n_links, n_found, n_defs, n_broken);
  g_print ("  cmark-gfm bare parse (baseline):   %8.1f ms\n", median_ms (parse, ROUNDS));
  g_print ("  finding the links:                 %8.1f ms\n", median_ms (find, ROUNDS));
  g_print ("  finding the reference definitions: %8.1f ms\n", median_ms (find_defs, ROUNDS));
  g_print ("  whole check (worker thread):       %8.1f ms\n", median_ms (check, ROUNDS));

  /* In a view, with the checker */
  {
    BylineDocument *document = byline_document_new ();
    GtkWidget *view;
    GtkWidget *window = gtk_window_new ();
    BylineLinkChecker *checker;
    gboolean done = FALSE;
    gint64 with[200], without[200];
    GtkTextIter iter;

    byline_document_load_async (document, post, NULL, load_cb, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    view = gtk_source_view_new_with_buffer (GTK_SOURCE_BUFFER (document));
    gtk_window_set_child (GTK_WINDOW (window), gtk_scrolled_window_new ());
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (window))), view);
    gtk_window_present (GTK_WINDOW (window));
    checker = byline_link_checker_new (GTK_SOURCE_VIEW (view));

    for (guint r = 0; r < ROUNDS; r++)
      {
        guint n = byline_link_checker_get_n_checks (checker);

        if (r > 0)
          {
            /* a change, then the pause */
            gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &iter);
            gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &iter, "x", 1);
          }
        while (byline_link_checker_get_n_checks (checker) == n)
          g_main_context_iteration (NULL, TRUE);
        byline_link_checker_get_times (checker, &snapshot[r], &worker[r], &apply_t[r], &slice[r]);
        if (r == 0)
          g_print ("First check, %u marks new: applying %.1f ms in all, longest slice %.1f ms\n",
                   byline_link_checker_get_n_problems (checker), apply_t[0] / 1000.0, slice[0] / 1000.0);
      }
    g_print ("Checks after a keystroke, in a source view (%u marks, medians of %d):\n",
             byline_link_checker_get_n_problems (checker), ROUNDS - 1);
    g_print ("  main thread: copying the text      %8.1f ms\n", median_ms (snapshot + 1, ROUNDS - 1));
    g_print ("  main thread: applying the marks    %8.1f ms (longest slice %.1f ms)\n",
             median_ms (apply_t + 1, ROUNDS - 1), median_ms (slice + 1, ROUNDS - 1));
    g_print ("  worker thread: the check           %8.1f ms\n", median_ms (worker + 1, ROUNDS - 1));

    /* a keystroke's insert call, checker on and off */
    for (guint pass = 0; pass < 2; pass++)
      {
        gint64 *out = pass == 0 ? with : without;

        byline_link_checker_set_enabled (checker, pass == 0);
        gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (document), &iter,
                                            gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) / 2);
        for (guint k = 0; k < G_N_ELEMENTS (with); k++)
          {
            gint64 t0 = g_get_monotonic_time ();

            gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &iter, "a", 1);
            out[k] = g_get_monotonic_time () - t0;
          }
      }
    g_print ("A keystroke's insert call: with the checker %.3f ms, without %.3f ms (median)\n",
             median_ms (with, G_N_ELEMENTS (with)), median_ms (without, G_N_ELEMENTS (without)));

    g_object_unref (checker);
    gtk_window_destroy (GTK_WINDOW (window));
    g_object_unref (document);
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
