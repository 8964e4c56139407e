/* bench-spell.c: what spell checking costs the main thread while typing.
 *
 * A generated post of about 1 MB (as bench-preview's, with a misspelling
 * now and then) in a source view like Byline's, highlighted, the cursor in
 * the middle. Then, in the same run, without a checker (the baseline) and
 * with one (en_US), alternating in rounds:
 *   - per keystroke (words typed at the cursor, a character at a time, each
 *     followed by 50 ms of the main loop running): the time of the insert
 *     call itself (the buffer's signal handlers), and the longest stretch
 *     the main thread spent away from poll until the next keystroke
 *     (signal handlers, the checker's idle slices, GTK's frame);
 *     median, p95, max;
 *   - a screenful: with the view scrolled to the middle of the post, the
 *     time from a checker being made (its dictionary already loaded) until
 *     the visible text and its margin are checked, in wall-clock time, and
 *     the longest main-thread stretch meanwhile.
 *
 * Run: xvfb-run -a -s '-screen 0 1920x1080x24' BUILD/tests/bench/bench-spell [N_KEYS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-spell"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "byline-platform.h"
#include "byline-document.h"
#include "byline-spell-checker.h"
#include "bench-stats.h"

#define ROUNDS 3

static GtkSourceView *source_view;
static BylineDocument *document;

/* Time spent away from poll (as bench-preview) */

static gint64 last_return;
static gint64 busy_max;

static void
stretch_start (void)
{
  busy_max = 0;
  last_return = g_get_monotonic_time ();
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  int ret;

  if (last_return != 0)
    busy_max = MAX (busy_max, now - last_return);
  ret = g_poll (fds, n_fds, timeout);
  last_return = g_get_monotonic_time ();
  return ret;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

/* Posts: as bench-preview's, with misspellings */

static const char *words[] = {
  "build", "static", "site", "preview", "markdown", "render", "time", "cache", "image", "page",
  "theme", "post", "draft", "taxonomy", "shortcode", "template", "server", "deploy", "quick",
  "slow", "measure", "change", "one", "thing", "at", "a", "the", "of", "and", "to", "with",
  "every", "weekend", "stopwatch", "profiler", "tea", "laptop", "network", "median", "ünïcode",
  "recieve", "teh", "it’s", "don't",
};

static char *
generate_body (gsize size,
               guint seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  GString *out = g_string_new (NULL);
  guint section = 0;

  while (out->len < size)
    {
      section++;
      g_string_append_printf (out, "## Section %u: %s\n\n", section,
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      for (guint p = 0; p < 3; p++)
        {
          guint n = g_rand_int_range (rand, 30, 60);

          for (guint i = 0; i < n; i++)
            {
              const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
              guint kind = g_rand_int_range (rand, 0, 30);

              if (i > 0)
                g_string_append_c (out, ' ');
              if (kind == 0)
                g_string_append_printf (out, "`%s`", w);
              else if (kind == 1)
                g_string_append_printf (out, "[%s](https://example.com/%s)", w, w);
              else
                g_string_append (out, w);
            }
          g_string_append (out, ".\n\n");
        }
      if (section % 3 == 0)
        g_string_append (out, "```sh\nfor run in 1 2 3; do\n  hugo --quiet\ndone\n```\n\n");
    }

  g_rand_free (rand);
  return g_string_free (out, FALSE);
}

/* The view */

static void
cursor_to_middle (void)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  GtkTextIter iter;
  int lines = gtk_text_buffer_get_line_count (buffer);

  for (int line = lines / 2; line < lines; line++)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
      if (gtk_text_iter_get_chars_in_line (&iter) > 100 && gtk_text_iter_get_char (&iter) != '#')
        break;
    }
  gtk_text_iter_forward_chars (&iter, 40);
  while (gtk_text_iter_get_char (&iter) != ' ')
    gtk_text_iter_forward_char (&iter);
  gtk_text_iter_forward_char (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  for (guint tries = 0; tries < 10; tries++)
    {
      GdkRectangle visible, location;

      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (source_view), gtk_text_buffer_get_insert (buffer),
                                    0, TRUE, 0, 0.5);
      settle (200);
      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (source_view), &visible);
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (source_view), &iter, &location);
      if (location.y >= visible.y && location.y + location.height <= visible.y + visible.height)
        return;
    }
  g_printerr ("bench-spell: the cursor is not in view\n");
}

/* Whether the visible text is all checked. */
static gboolean
visible_checked (BylineSpellChecker *checker)
{
  GdkRectangle rect;
  GtkTextIter start, end;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (source_view), &rect);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (source_view), &start, rect.y, NULL);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (source_view), &end, rect.y + rect.height, NULL);
  gtk_text_iter_forward_to_line_end (&end);
  return byline_spell_checker_is_checked (checker, &start, &end);
}

static guint
count_tagged (const char *name)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;
  guint n = 0;

  if (tag == NULL)
    return 0;
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  return n;
}

static const char typed[] = "the quick brown fox jumps over teh lazy dog and recieve ";

/* Types @n characters at the cursor; appends the call and loop times, and
 * with @checker, its idle checks' time per keystroke (total, longest). */
static void
type_keys (BylineSpellChecker *checker,
           guint               n,
           guint              *next_char,
           GArray             *calls,
           GArray             *loops,
           GArray             *own,
           GArray             *own_max)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);

  for (guint i = 0; i < n; i++)
    {
      char ch[2] = { typed[(*next_char)++ % (sizeof typed - 1)], 0 };
      gint64 t0;
      double call, loop;

      settle (5);
      if (checker != NULL)
        byline_spell_checker_take_stats (checker, NULL, NULL, NULL);
      stretch_start ();
      t0 = g_get_monotonic_time ();
      gtk_text_buffer_insert_interactive_at_cursor (buffer, ch, 1, TRUE);
      call = (g_get_monotonic_time () - t0) / 1000.0;
      settle (50);
      loop = MAX (busy_max / 1000.0, call);
      g_array_append_val (calls, call);
      g_array_append_val (loops, loop);
      if (checker != NULL)
        {
          gint64 total_us, max_us;
          double total, longest;

          byline_spell_checker_take_stats (checker, NULL, &total_us, &max_us);
          total = total_us / 1000.0;
          longest = max_us / 1000.0;
          g_array_append_val (own, total);
          g_array_append_val (own_max, longest);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *body = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GArray) off_calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) off_loops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) on_calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) on_loops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_loop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_own = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_slice = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_slices = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) own_max = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) installed = NULL;
  GtkSourceStyleSchemeManager *schemes;
  GtkWindow *window;
  GtkWidget *scrolled;
  guint n_keys = argc > 1 ? (guint) atoi (argv[1]) : 120;
  guint next_char = 0;
  guint flagged = 0;

  /* A personal word list of our own, empty */
  config = g_dir_make_tmp ("bench-spell-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  if (!byline_platform_has_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);

  adw_init ();
  gtk_source_init ();
  g_main_context_set_poll_func (NULL, timed_poll);
  g_timeout_add (5, wake_cb, NULL);

  installed = byline_spell_list_languages ();
  if (!g_strv_contains ((const char * const *) installed, "en_US"))
    {
      g_printerr ("bench-spell: no en_US dictionary (install hunspell-en-us)\n");
      return 77;
    }

  body = generate_body (1024 * 1024, 1024);
  document = byline_document_new ();
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document), body, -1);
  byline_document_load_language (document);
  schemes = gtk_source_style_scheme_manager_get_default ();
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (document),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita"));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 700, 900);
  scrolled = gtk_scrolled_window_new ();
  source_view = GTK_SOURCE_VIEW (g_object_new (GTK_SOURCE_TYPE_VIEW,
                                               "buffer", document,
                                               "monospace", TRUE,
                                               "wrap-mode", GTK_WRAP_WORD_CHAR,
                                               "left-margin", 18,
                                               "right-margin", 18,
                                               "top-margin", 12,
                                               "bottom-margin", 12,
                                               "pixels-below-lines", 2,
                                               NULL));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (source_view));
  gtk_window_set_child (window, scrolled);
  gtk_window_present (window);
  gtk_widget_grab_focus (GTK_WIDGET (source_view));
  settle (500);
  cursor_to_middle ();
  settle (1000);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(BylineSpellChecker) checker = NULL;
      gint64 t0;
      double wall, loop;

      /* Without a checker */
      type_keys (NULL, n_keys / ROUNDS, &next_char, off_calls, off_loops, NULL, NULL);

      /* A checker made with the view on the middle of the post */
      cursor_to_middle ();
      stretch_start ();
      t0 = g_get_monotonic_time ();
      checker = byline_spell_checker_new (source_view);
      while (byline_spell_checker_get_active_language (checker) == NULL || !visible_checked (checker))
        g_main_context_iteration (NULL, TRUE);
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      loop = busy_max / 1000.0;
      if (round > 0)   /* the first one loads the dictionary */
        {
          guint n_slices;
          gint64 total_us, max_us;
          double total, longest, slices;

          byline_spell_checker_take_stats (checker, &n_slices, &total_us, &max_us);
          total = total_us / 1000.0;
          longest = max_us / 1000.0;
          slices = n_slices;
          g_array_append_val (screen_wall, wall);
          g_array_append_val (screen_loop, loop);
          g_array_append_val (screen_own, total);
          g_array_append_val (screen_slice, longest);
          g_array_append_val (screen_slices, slices);
        }
      else
        g_print ("first checker (broker and en_US dictionary loaded in a thread meanwhile): "
                 "screenful checked %.1f ms after, longest main-thread stretch %.1f ms\n", wall, loop);

      /* With it */
      settle (300);
      type_keys (checker, n_keys / ROUNDS, &next_char, on_calls, on_loops, own, own_max);
      flagged = count_tagged (BYLINE_SPELL_TAG_MISSPELLED);
      g_clear_object (&checker);
      settle (300);
    }

  g_print ("bench-spell: 1 MB post (%.1f KB), %u keystrokes each way in %u rounds, GTK renderer %s; times in ms\n",
           strlen (body) / 1024.0, off_calls->len, ROUNDS,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("  keystroke call   without %5.2f median %5.2f p95 %5.2f max   with checker %5.2f median %5.2f p95 %5.2f max\n",
           bench_percentile (off_calls, 0.5), bench_percentile (off_calls, 0.95), bench_percentile (off_calls, 1),
           bench_percentile (on_calls, 0.5), bench_percentile (on_calls, 0.95), bench_percentile (on_calls, 1));
  g_print ("  main loop stretch without %5.2f median %5.2f p95 %5.2f max   with checker %5.2f median %5.2f p95 %5.2f max\n",
           bench_percentile (off_loops, 0.5), bench_percentile (off_loops, 0.95), bench_percentile (off_loops, 1),
           bench_percentile (on_loops, 0.5), bench_percentile (on_loops, 0.95), bench_percentile (on_loops, 1));
  g_print ("  checker's idle checks per keystroke: %5.2f median %5.2f p95 %5.2f max in all; longest slice %5.2f max\n",
           bench_percentile (own, 0.5), bench_percentile (own, 0.95), bench_percentile (own, 1), bench_percentile (own_max, 1));
  g_print ("  screenful (and half a screen around) checked, dictionary loaded: %.1f ms median wall;"
           " the checker's own work %.1f ms in %.0f slices, longest slice %.2f ms; longest main-loop stretch %.1f ms"
           " (GTK's frames included); %u words underlined in the buffer at the end (the rest is unchecked)\n",
           bench_percentile (screen_wall, 0.5), bench_percentile (screen_own, 0.5), bench_percentile (screen_slices, 0.5),
           bench_percentile (screen_slice, 1), bench_percentile (screen_loop, 0.5), flagged);

  gtk_window_destroy (window);
  g_clear_object (&document);
  return 0;
}
