/* bench-tables.c: what table editing costs in a 1 MB post.
 *
 * A generated body of about 1 MB: paragraphs, lists, code and a 12-row
 * table every few paragraphs, raw HTML blocks (<pre>, comments) now and
 * then, in a source view with Byline's own Markdown highlighting
 * (byline-markdown.lang, as BylineDocument loads it), and in the same run:
 *   - per keystroke (a character inserted at the cursor, on a table's row
 *     and on a long line of a paragraph without a pipe), the time of the
 *     insert call with a BylineTableEditor on the view and without one (the
 *     baseline): median, p95, max;
 *   - Format Table and Tab on the table in the middle of the body, beside
 *     finding the whole body's tables with cmark-gfm
 *     (byline_markdown_dup_tables(): what finding the table by parsing
 *     everything would cost).
 *
 * Run: xvfb-run -a BUILD/tests/bench/bench-tables [N_KEYS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-tables"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "byline-markdown.h"
#include "byline-resources.h"
#include "byline-table-editor.h"
#include "bench-stats.h"

#define N_RUNS 20

static char *
make_body (gsize  size,
           gsize *middle_table)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  while (s->len < size)
    {
      if (s->len >= size / 2 && *middle_table == 0)
        *middle_table = s->len;
      g_string_append_printf (s, "## Section %u\n\n", n);
      g_string_append (s, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
                          "tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim "
                          "veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea "
                          "commodo consequat. Duis aute irure dolor in reprehenderit in voluptate.\n\n");
      g_string_append (s, "- one item\n- two items with *emphasis*\n\n```c\nint x = a | b;\n```\n\n");
      if (n % 5 == 1)
        g_string_append (s, "<pre>\nfirst | line\n\nafter a blank\n</pre>\n\n<!--\na comment\n\n-->\n\n");
      if (n % 3 == 0)
        {
          g_string_append (s, "| Name | Value | Notes |\n|:-|-:|:-:|\n");
          for (guint r = 0; r < 10; r++)
            g_string_append_printf (s, "| row %u | %u | note \\| %u |\n", r, r * 37, n);
          g_string_append (s, "| last | 0 | — |\n\n");
        }
      n++;
    }
  return g_string_free (s, FALSE);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_stats (const char *what,
             GArray     *values)
{
  g_print ("  %-44s median %7.3f ms  p95 %7.3f ms  max %7.3f ms\n", what,
           bench_percentile (values, 0.5), bench_percentile (values, 0.95),
           bench_percentile (values, 1.0));
}

/* Types @n_keys characters at @at, each undone by a delete, timing the
 * insert calls. */
static GArray *
time_keys (GtkTextBuffer *buffer,
           gsize          at,
           guint          n_keys)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n_keys; i++)
    {
      GtkTextIter iter, end;
      double t0, t;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, at);
      gtk_text_buffer_place_cursor (buffer, &iter);
      t0 = now_ms ();
      gtk_text_buffer_insert_at_cursor (buffer, "x", 1);
      t = now_ms () - t0;
      g_array_append_val (times, t);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, at);
      end = iter;
      gtk_text_iter_forward_char (&end);
      gtk_text_buffer_delete (buffer, &iter, &end);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  return times;
}

int
main (int   argc,
      char *argv[])
{
  guint n_keys = argc > 1 ? (guint) atoi (argv[1]) : 300;
  gsize middle = 0;
  g_autofree char *body = make_body (1024 * 1024, &middle);
  g_autoptr(GArray) format_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tab_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkSourceLanguageManager *languages;
  GtkSourceBuffer *buffer;
  GtkWidget *view;
  GtkWidget *window;
  gsize table_chars, paragraph_chars;
  double highlight_ms;
  GtkTextIter start, end;

  gtk_init ();
  gtk_source_init ();

  /* Byline's own Markdown highlighting, as BylineDocument loads it */
  {
    const char * const *system = gtk_source_language_manager_get_search_path (gtk_source_language_manager_get_default ());
    g_autoptr(GStrvBuilder) path = g_strv_builder_new ();
    g_auto(GStrv) dirs = NULL;

    g_assert (byline_get_resource () != NULL);   /* linked in, registered */
    g_strv_builder_add (path, "resource:///io/github/byline/Byline/language-specs/");
    g_strv_builder_addv (path, (const char **) system);
    dirs = g_strv_builder_end (path);
    languages = gtk_source_language_manager_new ();
    gtk_source_language_manager_set_search_path (languages, (const char * const *) dirs);
  }
  buffer = gtk_source_buffer_new (NULL);
  if (gtk_source_language_manager_get_language (languages, "byline-markdown") == NULL)
    g_error ("no byline-markdown language");
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "byline-markdown"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), body, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  highlight_ms = now_ms ();
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);
  highlight_ms = now_ms () - highlight_ms;
  view = gtk_source_view_new_with_buffer (buffer);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
    gtk_window_set_child (GTK_WINDOW (window), scroller);
  }
  gtk_window_present (GTK_WINDOW (window));

  /* a table row's cell, and the middle of the paragraph before it */
  table_chars = g_utf8_pointer_to_offset (body, body + middle);
  {
    const char *row = strstr (body + middle, "| row 5 |");
    const char *para = strstr (body + middle, "consectetur");

    table_chars = g_utf8_pointer_to_offset (body, row + 4);
    paragraph_chars = g_utf8_pointer_to_offset (body, para);
  }

  g_print ("bench-tables: body %zu bytes, %d lines, language %s\n", strlen (body),
           gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (buffer)),
           gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)));
  g_print ("Highlighting the whole body once: %.1f ms\n", highlight_ms);
  g_print ("Per keystroke (insert call), %u keys each:\n", n_keys);
  {
    g_autoptr(GArray) base_row = time_keys (GTK_TEXT_BUFFER (buffer), table_chars, n_keys);
    g_autoptr(GArray) base_para = time_keys (GTK_TEXT_BUFFER (buffer), paragraph_chars, n_keys);
    BylineTableEditor *editor = byline_table_editor_new (GTK_SOURCE_VIEW (view));
    g_autoptr(GArray) row_times = time_keys (GTK_TEXT_BUFFER (buffer), table_chars, n_keys);
    g_autoptr(GArray) para_times = time_keys (GTK_TEXT_BUFFER (buffer), paragraph_chars, n_keys);

    print_stats ("table row, no table editor (baseline)", base_row);
    print_stats ("table row, with the table editor", row_times);
    print_stats ("paragraph, no table editor (baseline)", base_para);
    print_stats ("paragraph, with the table editor", para_times);

    /* Format Table: the first run formats, the others find it formatted;
     * undo in between so that each formats */
    for (guint i = 0; i < N_RUNS; i++)
      {
        GtkTextIter iter;
        double t0, t;

        gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, table_chars);
        gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
        t0 = now_ms ();
        if (!byline_table_editor_format (editor, NULL))
          g_error ("no table at the cursor");
        t = now_ms () - t0;
        g_array_append_val (format_times, t);

        t0 = now_ms ();
        if (!byline_table_editor_move (editor, FALSE))
          g_error ("Tab did nothing");
        t = now_ms () - t0;
        g_array_append_val (tab_times, t);
        gtk_text_buffer_undo (GTK_TEXT_BUFFER (buffer));
      }
    for (guint i = 0; i < N_RUNS; i++)
      {
        double t0 = now_ms (), t;
        g_autoptr(GArray) tables = byline_markdown_dup_tables (body, -1);

        t = now_ms () - t0;
        g_array_append_val (parse_times, t);
      }
    g_print ("Commands, %u runs each:\n", N_RUNS);
    print_stats ("Format Table (a 12-row table)", format_times);
    print_stats ("Tab", tab_times);
    print_stats ("the whole body's tables by cmark (baseline)", parse_times);
    g_object_unref (editor);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (buffer);
  g_object_unref (languages);
  return 0;
}
