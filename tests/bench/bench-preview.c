/* bench-preview.c: how fast the live preview follows typing.
 *
 * For the sample post and generated posts of about 50 KB and 1 MB, in a
 * window like Byline's (the Markdown source view, highlighted and scroll
 * synced, beside the real WebKit preview), typing at the cursor in the
 * middle of the post, where the source view and the preview show it:
 *   - shown: the time from a buffer change to the page reporting, through
 *     its script message handler, that it has laid out the frame with the
 *     change (a task after the frame's animation callbacks); median, p95
 *     and max over 200 edits (one character typed, then deleted, at the
 *     cursor, each waiting for the page);
 *   - the steps of that time: until the render starts, the worker thread
 *     (joining the lines, rendering, comparing with what the page shows,
 *     building the update), handing the result back to the main thread,
 *     sending it, the page applying it (and the time its script took
 *     there, DOM and layout), the page's next frame;
 *   - own: the longest of the preview's own main-thread callbacks from the
 *     keystroke until the page shows it (its bookkeeping of the keystroke,
 *     starting a render, sending the update, the page's messages), in
 *     wall-clock time and in CPU time of the main thread (wall-clock time
 *     includes waiting for a core on a busy machine);
 *   - loop: the longest stretch the main thread spends without going back
 *     to poll over the same time, everything included: the keystroke's own
 *     signal handlers, GTK laying out and drawing the frame (under Xvfb,
 *     Mesa's software rasteriser draws each frame on the main thread),
 *     WebKit's UI process;
 *   - frames: how many frames GTK drew for the window until the page's
 *     report, and the longest (from the frame clock's before-paint to its
 *     after-paint: layout and drawing);
 *   - typing: 100 keystrokes 30 ms apart without waiting, the longest
 *     main-thread stretch among them and the time from the last one to the
 *     page showing it;
 *   - the floor: cmark-gfm's bare render of the same text, measured in the
 *     same run (byline_markdown_to_html: one parse, one render call with
 *     the same extensions and options), and the preview's own render of
 *     the whole text from nothing (blocks, shortcodes, heading ids).
 * Targets (issue 5): no keystroke blocks the main thread more than 8 ms;
 * p95 under 50 ms at 50 KB; at 1 MB within 3× the floor plus 50 ms.
 *
 * --source-only types the same way in the window without a preview (an
 * empty pane in its place): the cost of GTK's own frames, for comparison.
 * --no-scroll-sync and --no-source-view leave those out (with no source
 * view, the preview stays at the top of the post, and the edits in the
 * longer posts are out of its view: how the benchmark measured before it
 * had a source view).
 *
 * GTK's renderer is the one Byline picks (main.c): cairo without a GPU (no
 * DRM render node, as under Xvfb), where GL runs on Mesa's software
 * rasteriser and redraws the whole window in every frame (15-30 ms per
 * keystroke with the source view alone); else GTK's default.
 * --renderer=gl|cairo (GSK_RENDERER) chooses.
 *
 * A window manager: every desktop has one, and GTK 4.8 on X11 asks the X
 * server whether there is one in every frame until it finds one (it
 * remembers the time of its last look only when it found one). Under a bare
 * Xvfb that is a round trip per frame, behind the X server's drawing of the
 * previous frames, that no user has. So when no window manager is running,
 * the benchmark stands in for one the way window managers announce
 * themselves (EWMH: a check window named by the root window's
 * _NET_SUPPORTING_WM_CHECK, supporting no hints), and manages nothing:
 * windows are placed, sized and drawn exactly as before.
 * --no-wm-stand-in measures the bare X server instead.
 *
 * Run: xvfb-run -a -s '-screen 0 1920x1080x24' BUILD/tests/bench/bench-preview [OPTIONS] [sample|50k|1m…]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-preview"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <webkit/webkit.h>

#include "byline-platform.h"

#ifdef HAVE_X11
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#endif
#include "byline-document.h"
#include "byline-markdown.h"
#include "byline-preview.h"
#include "byline-preview-private.h"
#include "bench-stats.h"

#define N_EDITS       200
#define N_BURST       100
#define BURST_GAP_MS  30

/* ------------------------------------------------------------------------ */
/* Time spent away from poll                                                 */
/* ------------------------------------------------------------------------ */

static gint64 last_return;      /* when poll last returned */
static gint64 last_return_cpu;  /* the main thread's CPU time then */
static gint64 busy_max;         /* longest stretch since the last reset */
static gint64 busy_cpu_max;     /* the most CPU time in one stretch */

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
stretch_start (void)
{
  busy_max = 0;
  busy_cpu_max = 0;
  last_return = g_get_monotonic_time ();
  last_return_cpu = thread_cpu_time ();
}

/* Time the main thread spent runnable but waiting for a CPU (Linux's
 * schedstat); only read when stretches are reported. */
static gint64
thread_run_delay (void)
{
  static int fd = -2;
  char buf[128];
  ssize_t n;
  guint64 run = 0, wait = 0;

  if (fd == -2)
    fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  n = pread (fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  if (sscanf (buf, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run, &wait) != 2)
    return 0;
  return (gint64) (wait / 1000);
}

static gint64 last_return_wait; /* the run-queue wait then */
static gboolean report_stretches;

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  int ret;

  if (last_return != 0)
    {
      static double report_ms = -1;
      if (report_ms < 0)
        report_ms = g_getenv ("BENCH_STRETCH_MS") ? g_ascii_strtod (g_getenv ("BENCH_STRETCH_MS"), NULL) : 0;
      if (report_ms > 0 && now - last_return > report_ms * 1000)
        g_printerr ("STRETCH %" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT " %.1f cpu %.1f runqueue %.1f\n",
                    last_return / 1000000, last_return % 1000000, now / 1000000, now % 1000000,
                    (now - last_return) / 1000.0, (cpu - last_return_cpu) / 1000.0,
                    (thread_run_delay () - last_return_wait) / 1000.0);
      busy_max = MAX (busy_max, now - last_return);
      busy_cpu_max = MAX (busy_cpu_max, cpu - last_return_cpu);
    }
  ret = g_poll (fds, n_fds, timeout);
  last_return = g_get_monotonic_time ();
  last_return_cpu = thread_cpu_time ();
  if (report_stretches)
    last_return_wait = thread_run_delay ();
  return ret;
}

/* ------------------------------------------------------------------------ */
/* Posts                                                                     */
/* ------------------------------------------------------------------------ */

static const char *words[] = {
  "build", "static", "site", "preview", "markdown", "render", "time", "cache", "image", "page",
  "theme", "post", "draft", "taxonomy", "shortcode", "template", "server", "deploy", "quick",
  "slow", "measure", "change", "one", "thing", "at", "a", "the", "of", "and", "to", "with",
  "every", "weekend", "stopwatch", "profiler", "tea", "laptop", "network", "median", "ünïcode",
};

static void
append_sentence (GString *out,
                 GRand   *rand)
{
  guint n = g_rand_int_range (rand, 8, 20);

  for (guint i = 0; i < n; i++)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint kind = g_rand_int_range (rand, 0, 30);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (kind == 0)
        g_string_append_printf (out, "*%s*", w);
      else if (kind == 1)
        g_string_append_printf (out, "**%s**", w);
      else if (kind == 2)
        g_string_append_printf (out, "`%s`", w);
      else if (kind == 3)
        g_string_append_printf (out, "[%s](https://example.com/%s)", w, w);
      else
        g_string_append (out, i == 0 ? "It" : w);
    }
  g_string_append (out, ". ");
}

/* A post of about @size bytes: sections with headings, paragraphs, lists,
 * tables, code, quotes and now and then a shortcode. */
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
      g_string_append_printf (out, "## Section %u: %s and %s\n\n", section,
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                              words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      for (guint p = 0; p < 3; p++)
        {
          guint n = g_rand_int_range (rand, 3, 6);

          for (guint s = 0; s < n; s++)
            append_sentence (out, rand);
          g_string_append (out, "\n\n");
        }
      switch (section % 5)
        {
        case 0:
          g_string_append (out, "- first item with `code`\n- second item\n  - nested item\n- [ ] a task\n\n");
          break;
        case 1:
          g_string_append (out, "| Step | Before | After |\n|:-----|-------:|------:|\n"
                                "| Render | 14.2 s | 6.1 s |\n| Images | 19.8 s | 9.4 s |\n\n");
          break;
        case 2:
          g_string_append (out, "```sh\nfor run in 1 2 3; do\n  hugo --quiet\ndone\n```\n\n");
          break;
        case 3:
          g_string_append (out, "> The slowest part of a build is rarely the part you look at first.\n\n");
          break;
        default:
          g_string_append_printf (out, "{{< figure src=\"/images/%u.png\" caption=\"Figure %u\" >}}\n\n",
                                  section, section);
          break;
        }
    }

  g_rand_free (rand);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

static double
maximum (GArray *values)
{
  return bench_percentile (values, 1.0);
}

/* Median time, in ms, of @runs calls of the bare cmark-gfm render, and of the
 * preview's own render of the whole text from nothing. */
static void
measure_floor (const char *body,
               guint       runs,
               double     *floor_ms,
               double     *worker_ms)
{
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  BylineMarkdownFlags flags = BYLINE_MARKDOWN_SOURCEPOS;

  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autofree char *html = byline_markdown_to_html (body, -1, flags);
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr(BylineRender) render = byline_render_new (body, -1, flags, "file:///site/static/");
      gint64 t2 = g_get_monotonic_time ();
      double a = (t1 - t0) / 1000.0, b = (t2 - t1) / 1000.0;

      g_array_append_val (bare, a);
      g_array_append_val (ours, b);
    }

  *floor_ms = bench_percentile (bare, 0.5);
  *worker_ms = bench_percentile (ours, 0.5);
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

static BylinePreview *preview;
static BylineDocument *document;
static GtkSourceView *source_view;

/* The window's frames: how many since the last reset, and the longest
 * (from the frame clock's before-paint phase to the end of its paint). */
static guint  n_frames;
static gint64 frame_start;
static gint64 frame_max;

static void
frame_layout_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  frame_start = g_get_monotonic_time ();
}

static void
frame_after_paint_cb (GdkFrameClock *clock,
                      gpointer       data)
{
  if (frame_start != 0)
    frame_max = MAX (frame_max, g_get_monotonic_time () - frame_start);
  frame_start = 0;
  n_frames++;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_shown (guint   edit,
            gint64  deadline)
{
  while (byline_preview_get_shown_edit (preview) < edit)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

/* Where the edits go: the middle of a paragraph in the middle of the post. */
static void
edit_position (GtkTextIter *iter)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  int lines = gtk_text_buffer_get_line_count (buffer);

  for (int line = lines / 2; line < lines; line++)
    {
      gtk_text_buffer_get_iter_at_line (buffer, iter, line);
      if (gtk_text_iter_get_chars_in_line (iter) > 40)
        {
          char first = (char) gtk_text_iter_get_char (iter);

          if (g_ascii_isalpha (first))
            {
              gtk_text_iter_forward_chars (iter, 20);
              return;
            }
        }
    }
  gtk_text_buffer_get_end_iter (buffer, iter);
}

/* Lets GTK and the page settle: every pending frame drawn, idle work done. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits until GTK has laid out every line of the source view: it does so
 * in idle chunks after a text is loaded, and each chunk changes the view's
 * height, which makes GTK lay out the whole window again (and, on X11,
 * ask the X server about the window's monitor). Typing only starts after
 * that, so what is measured is typing in a post that is open, not GTK's
 * one-off work of the first seconds after loading it. Done when the height
 * holds for a second; returns the seconds since @loaded. */
static double
settle_layout (gint64 loaded)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (source_view));
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gint64 changed = g_get_monotonic_time ();
  double upper = gtk_adjustment_get_upper (adjustment);

  if (!gtk_widget_get_mapped (GTK_WIDGET (source_view)))
    return 0;
  while (g_get_monotonic_time () - changed < G_USEC_PER_SEC)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("GTK never finished laying out the source view");
      g_main_context_iteration (NULL, TRUE);
      if (gtk_adjustment_get_upper (adjustment) != upper)
        {
          upper = gtk_adjustment_get_upper (adjustment);
          changed = g_get_monotonic_time ();
        }
    }
  return (changed - loaded) / (double) G_USEC_PER_SEC;
}

/* With BENCH_STRETCH_MS: when GTK lays the whole window out again (on X11
 * that asks the X server about the monitor and work area). */
static void
compute_size_cb (GdkToplevel *toplevel,
                 gpointer     size,
                 gpointer     user_data)
{
  gint64 now = g_get_monotonic_time ();

  g_printerr ("COMPUTE-SIZE %" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT "\n", now / 1000000, now % 1000000);
}

/* Puts the cursor at the edit position and scrolls the source view until
 * it is in view (line heights are estimates until GTK has laid the lines
 * out, so one scroll may fall short). */
static void
cursor_into_view (void)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  GtkTextIter iter;

  edit_position (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  if (!gtk_widget_get_mapped (GTK_WIDGET (source_view)))
    return;   /* --no-source-view */
  gtk_widget_grab_focus (GTK_WIDGET (source_view));
  for (guint tries = 0; tries < 10; tries++)
    {
      GdkRectangle visible, location;

      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (source_view), gtk_text_buffer_get_insert (buffer),
                                    0, TRUE, 0, 0.5);
      settle (300);
      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (source_view), &visible);
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (source_view), &iter, &location);
      if (location.y >= visible.y && location.y + location.height <= visible.y + visible.height)
        return;
    }
  g_printerr ("bench-preview: the cursor is not in view\n");
}

/* One keystroke at the cursor: a character typed, or (every other one)
 * the one before the cursor deleted, as Backspace does. Returns the time
 * the call took (the buffer's and its views' signal handlers), in µs. */
static gint64
keystroke (guint i)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  gint64 t0 = g_get_monotonic_time ();

  if (i % 2 == 0)
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "x", 1, TRUE);
  else
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_backspace (buffer, &iter, TRUE, TRUE);
    }
  return g_get_monotonic_time () - t0;
}

typedef struct {
  const char *name;
  gsize       size;
  double      floor_ms;
  double      full_ms;
  double      layout_s;
  double      worker_median, worker_p95;
  double      shown_median, shown_p95, shown_max;
  double      step_start, step_handoff, step_send, step_apply, step_script, step_frame;
  double      own_p95, own_max, own_cpu_max;
  const char *own_cpu_where;   /* the preview's callback of the longest CPU time */
  double      loop_median, loop_p95, loop_max, loop_cpu_max;
  double      frames_median, frames_max, frame_median, frame_p95, frame_max;
  double      burst_own_max, burst_own_cpu_max, burst_loop_max, burst_loop_cpu_max, burst_final;
  guint       n_failed;
} Result;

#define STEP(array, value) G_STMT_START { double v_ = (value) / 1000.0; g_array_append_val ((array), v_); } G_STMT_END

static void
run_post (Result     *result,
          const char *front_matter,
          const char *body,
          guint       n_edits,
          guint       floor_runs)
{
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worker = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) start = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handoff = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) send = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) script = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_longest = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 own_cpu_max = 0, loop_cpu_max = 0;
  guint tick = g_timeout_add (5, wake_cb, NULL);
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gint64 loaded;

  result->size = strlen (body);
  measure_floor (body, floor_runs, &result->floor_ms, &result->full_ms);

  g_clear_object (&document);
  document = byline_document_new ();
  byline_document_set_front_matter_text (document, front_matter);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document), body, -1);
  byline_document_load_language (document);
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (document),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita"));
  loaded = g_get_monotonic_time ();
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (source_view), GTK_TEXT_BUFFER (document));
  byline_preview_set_document (preview, document);
  if (!wait_shown (byline_preview_get_n_edits (preview), g_get_monotonic_time () + 120 * G_USEC_PER_SEC))
    g_error ("The preview never showed %s", result->name);

  /* The cursor in the middle of the post, in view in both panes, once
   * GTK has laid out the lines. */
  cursor_into_view ();
  result->layout_s = settle_layout (loaded);
  cursor_into_view ();
  settle (500);

  /* Settle: the page has the whole post, fonts and layout done. */
  for (guint i = 0; i < 4; i++)
    {
      keystroke (i);
      wait_shown (byline_preview_get_n_edits (preview), g_get_monotonic_time () + 60 * G_USEC_PER_SEC);
    }
  settle (500);

  if (report_stretches)
    g_printerr ("TYPING %s\n", result->name);
  for (guint i = 0; i < n_edits; i++)
    {
      gint64 t0, call, cpu;
      BylinePreviewTimings t;

      byline_preview_reset_busy_max (preview);
      n_frames = 0;
      frame_max = 0;
      stretch_start ();   /* the keystroke's own stretch starts now */
      t0 = last_return;
      call = keystroke (i);
      if (!wait_shown (byline_preview_get_n_edits (preview), t0 + 30 * G_USEC_PER_SEC))
        {
          result->n_failed++;
          continue;
        }
      STEP (shown, g_get_monotonic_time () - t0);
      STEP (loop, MAX (busy_max, call));
      STEP (own, byline_preview_get_busy_max (preview, &cpu));
      /* (Frames drawn until the page's report: the preview's own frame
       * may come just after it.) */
      STEP (frames, n_frames * 1000);
      STEP (frame_longest, frame_max);
      if (cpu > own_cpu_max)
        {
          own_cpu_max = cpu;
          result->own_cpu_where = byline_preview_get_busy_cpu_where (preview);
        }
      loop_cpu_max = MAX (loop_cpu_max, busy_cpu_max);

      byline_preview_get_timings (preview, &t);
      if (t.shown > 0 && t.applied > 0 && t.started >= t0)
        {
          STEP (worker, t.worker_us);
          STEP (start, t.started - t0);
          STEP (handoff, t.rendered - t.started - t.worker_us);
          STEP (send, t.sent - t.rendered);
          STEP (apply, t.applied - t.sent);
          STEP (script, t.page_us);
          STEP (frame, t.shown - t.applied);
        }
    }

  result->shown_median = bench_percentile (shown, 0.5);
  result->shown_p95 = bench_percentile (shown, 0.95);
  result->shown_max = maximum (shown);
  result->worker_median = bench_percentile (worker, 0.5);
  result->worker_p95 = bench_percentile (worker, 0.95);
  result->step_start = bench_percentile (start, 0.5);
  result->step_handoff = bench_percentile (handoff, 0.5);
  result->step_send = bench_percentile (send, 0.5);
  result->step_apply = bench_percentile (apply, 0.5);
  result->step_script = bench_percentile (script, 0.5);
  result->step_frame = bench_percentile (frame, 0.5);
  result->loop_median = bench_percentile (loop, 0.5);
  result->loop_p95 = bench_percentile (loop, 0.95);
  result->loop_max = maximum (loop);
  result->frames_median = bench_percentile (frames, 0.5);
  result->frames_max = maximum (frames);
  result->frame_median = bench_percentile (frame_longest, 0.5);
  result->frame_p95 = bench_percentile (frame_longest, 0.95);
  result->frame_max = maximum (frame_longest);
  result->own_p95 = bench_percentile (own, 0.95);
  result->own_max = maximum (own);
  result->own_cpu_max = own_cpu_max / 1000.0;
  result->loop_cpu_max = loop_cpu_max / 1000.0;

  /* A burst of typing that does not wait for the page. */
  {
    gint64 worst = 0, worst_cpu = 0, last = 0, cpu = 0;

    byline_preview_reset_busy_max (preview);
    for (guint i = 0; i < N_BURST; i++)
      {
        gint64 next = g_get_monotonic_time () + BURST_GAP_MS * 1000;

        stretch_start ();
        last = last_return;
        worst = MAX (worst, keystroke (i));
        while (g_get_monotonic_time () < next)
          g_main_context_iteration (NULL, TRUE);
        worst = MAX (worst, busy_max);
        worst_cpu = MAX (worst_cpu, busy_cpu_max);
      }
    wait_shown (byline_preview_get_n_edits (preview), g_get_monotonic_time () + 60 * G_USEC_PER_SEC);
    result->burst_own_max = byline_preview_get_busy_max (preview, &cpu) / 1000.0;
    result->burst_own_cpu_max = cpu / 1000.0;
    if (result->burst_own_cpu_max > result->own_cpu_max)
      result->own_cpu_where = byline_preview_get_busy_cpu_where (preview);
    result->burst_loop_max = worst / 1000.0;
    result->burst_loop_cpu_max = worst_cpu / 1000.0;
    result->burst_final = (g_get_monotonic_time () - last) / 1000.0;
  }

  g_source_remove (tick);
}

/* The same typing with no preview in the window (an empty pane in its
 * place): what GTK's frames of the source view cost by themselves. Each
 * keystroke is followed by 60 ms of main loop. */
static void
run_source_only (const char *name,
                 const char *body,
                 guint       n_edits)
{
  g_autoptr(GArray) loop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_longest = g_array_new (FALSE, FALSE, sizeof (double));
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  guint tick = g_timeout_add (5, wake_cb, NULL);
  gint64 loop_cpu_max = 0, loaded;
  double layout_s;

  g_clear_object (&document);
  document = byline_document_new ();
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document), body, -1);
  byline_document_load_language (document);
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (document),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, "Adwaita"));
  loaded = g_get_monotonic_time ();
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (source_view), GTK_TEXT_BUFFER (document));
  cursor_into_view ();
  layout_s = settle_layout (loaded);
  cursor_into_view ();
  settle (500);

  for (guint i = 0; i < n_edits; i++)
    {
      gint64 call;

      n_frames = 0;
      frame_max = 0;
      stretch_start ();
      call = keystroke (i);
      settle (60);
      STEP (loop, MAX (busy_max, call));
      STEP (frames, n_frames * 1000);
      STEP (frame_longest, frame_max);
      loop_cpu_max = MAX (loop_cpu_max, busy_cpu_max);
    }

  g_print ("%s, source view alone (no preview); GTK laid out its lines in %.1f s\n"
           "  whole loop     %6.1f median %6.1f p95 %6.1f max wall, %5.1f max CPU\n"
           "  window frames  %4.0f median %4.0f max per keystroke; the longest frame %5.1f median %5.1f p95 %5.1f max\n",
           name, layout_s, bench_percentile (loop, 0.5), bench_percentile (loop, 0.95), maximum (loop), loop_cpu_max / 1000.0,
           bench_percentile (frames, 0.5), maximum (frames),
           bench_percentile (frame_longest, 0.5), bench_percentile (frame_longest, 0.95), maximum (frame_longest));
  g_source_remove (tick);
}

static void
print_result (const Result *r)
{
  g_print ("%s (%.1f KB)%s; GTK laid out the source's lines in %.1f s after loading, typing starts after\n"
           "  floor (cmark-gfm bare) %6.1f   preview's render from nothing %6.1f   worker per keystroke %5.1f median %5.1f p95\n"
           "  shown          %6.1f median %6.1f p95 %6.1f max\n"
           "    steps (medians): to render start %4.1f, worker %5.1f, back to main thread %4.1f, to send %4.1f,"
           " page applies %4.1f (its script %4.1f), page's frame %4.1f\n"
           "  own work       %6.2f p95 %6.2f max wall, %5.2f max CPU (the longest CPU, burst included: %s)\n"
           "  whole loop     %6.1f median %6.1f p95 %6.1f max wall, %5.1f max CPU\n"
           "  window frames  %4.0f median %4.0f max per keystroke; the longest frame %5.1f median %5.1f p95 %5.1f max\n"
           "  typing burst: own %5.2f wall (%4.2f CPU), loop %5.1f wall (%4.1f CPU), shown %6.1f after the last key\n",
           r->name, r->size / 1024.0, r->n_failed ? " (SOME EDITS NEVER SHOWED)" : "", r->layout_s,
           r->floor_ms, r->full_ms, r->worker_median, r->worker_p95,
           r->shown_median, r->shown_p95, r->shown_max,
           r->step_start, r->worker_median, r->step_handoff, r->step_send, r->step_apply, r->step_script,
           r->step_frame,
           r->own_p95, r->own_max, r->own_cpu_max, r->own_cpu_where ? r->own_cpu_where : "none",
           r->loop_median, r->loop_p95, r->loop_max, r->loop_cpu_max,
           r->frames_median, r->frames_max, r->frame_median, r->frame_p95, r->frame_max,
           r->burst_own_max, r->burst_own_cpu_max, r->burst_loop_max, r->burst_loop_cpu_max,
           r->burst_final);
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " "));
}

/* What the header line says about the window manager; with stand_in,
 * announces a stand-in when none is running (see the top of the file). */
static const char *
window_manager (GdkDisplay *display,
                gboolean    stand_in)
{
#ifdef HAVE_X11
  Display *xdisplay;
  Window root, check;
  Atom check_atom, name_atom, supported_atom, utf8_atom;
  Atom type = None;
  int format = 0;
  unsigned long n_items = 0, after = 0;
  unsigned char *data = NULL;
  gboolean running;

  if (!GDK_IS_X11_DISPLAY (display))
    return "not X11";
  xdisplay = gdk_x11_display_get_xdisplay (display);
  root = DefaultRootWindow (xdisplay);
  check_atom = XInternAtom (xdisplay, "_NET_SUPPORTING_WM_CHECK", False);
  if (XGetWindowProperty (xdisplay, root, check_atom, 0, 1, False, XA_WINDOW,
                          &type, &format, &n_items, &after, &data) != Success)
    data = NULL;
  running = type == XA_WINDOW && n_items == 1;
  if (data != NULL)
    XFree (data);
  if (running)
    return "running";
  if (!stand_in)
    return "none";

  name_atom = XInternAtom (xdisplay, "_NET_WM_NAME", False);
  supported_atom = XInternAtom (xdisplay, "_NET_SUPPORTED", False);
  utf8_atom = XInternAtom (xdisplay, "UTF8_STRING", False);
  check = XCreateSimpleWindow (xdisplay, root, -10, -10, 1, 1, 0, 0, 0);
  XChangeProperty (xdisplay, check, check_atom, XA_WINDOW, 32, PropModeReplace,
                   (unsigned char *) &check, 1);
  XChangeProperty (xdisplay, check, name_atom, utf8_atom, 8, PropModeReplace,
                   (unsigned char *) "bench stand-in", strlen ("bench stand-in"));
  XChangeProperty (xdisplay, root, supported_atom, XA_ATOM, 32, PropModeReplace,
                   (unsigned char *) &name_atom, 1);
  XChangeProperty (xdisplay, root, check_atom, XA_WINDOW, 32, PropModeReplace,
                   (unsigned char *) &check, 1);
  XSync (xdisplay, False);
  return "a stand-in (EWMH check window only; --no-wm-stand-in for none)";
#else
  return "unknown (built without X11)";
#endif
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = FALSE;
  gboolean with_source = TRUE;
  gboolean scroll_sync = TRUE;
  gboolean source_only = FALSE;
  gboolean wm_stand_in = TRUE;
  const char *wm;
  gboolean want[3] = { FALSE, FALSE, FALSE };
  gboolean any = FALSE;
  guint n_edits;
  g_autofree char *sample = NULL;
  g_autofree char *body_50k = NULL;
  g_autofree char *body_1m = NULL;
  g_autofree char *load_start = NULL;
  GtkWindow *window;
  GtkWidget *paned, *scrolled, *panes, *form;
  int width = 1280, height = 800;
  BylinePostSplit split;
  g_autofree char *sample_fm = NULL;
  Result results[3] = { { "sample" }, { "50 KB" }, { "1 MB" } };
  static const char *front_matter = "title: \"A generated post\"\ndate: 2025-06-03\ntags: [bench]\ntoc: true\n";

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        quick = TRUE;
      else if (g_str_equal (argv[i], "--no-source-view"))
        with_source = FALSE;
      else if (g_str_equal (argv[i], "--no-scroll-sync"))
        scroll_sync = FALSE;
      else if (g_str_equal (argv[i], "--source-only"))
        source_only = TRUE;
      else if (g_str_equal (argv[i], "--no-wm-stand-in"))
        wm_stand_in = FALSE;
      else if (g_str_has_prefix (argv[i], "--window="))
        {
          if (sscanf (argv[i] + strlen ("--window="), "%dx%d", &width, &height) != 2 ||
              width < 800 || height < 400)
            {
              g_printerr ("--window=WIDTHxHEIGHT, at least 800x400\n");
              return 2;
            }
        }
      else if (g_str_has_prefix (argv[i], "--renderer="))
        g_setenv ("GSK_RENDERER", argv[i] + strlen ("--renderer="), TRUE);
      else if (g_str_equal (argv[i], "sample"))
        any = want[0] = TRUE;
      else if (g_str_equal (argv[i], "50k"))
        any = want[1] = TRUE;
      else if (g_str_equal (argv[i], "1m"))
        any = want[2] = TRUE;
      else
        {
          g_printerr ("Usage: %s [--quick] [--no-source-view] [--no-scroll-sync] [--source-only] [--no-wm-stand-in] [--window=WxH] [--renderer=gl|cairo] [sample] [50k] [1m]\n", argv[0]);
          return 2;
        }
    }
  if (!any)
    want[0] = want[1] = want[2] = TRUE;
  /* As byline's main() does. */
  if (!byline_platform_has_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
  n_edits = quick ? 40 : N_EDITS;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);

  adw_init ();
  gtk_source_init ();
  report_stretches = g_getenv ("BENCH_STRETCH_MS") != NULL;
  g_main_context_set_poll_func (NULL, timed_poll);
  load_start = load_average ();
  wm = window_manager (gdk_display_get_default (), wm_stand_in);

  if (!g_file_get_contents (SOURCE_SAMPLE_POST, &sample, NULL, NULL))
    g_error ("Can't read %s", SOURCE_SAMPLE_POST);
  byline_post_split (sample, -1, &split);
  sample_fm = g_strndup (sample + split.fm_start, split.fm_end - split.fm_start);
  body_50k = generate_body (50 * 1024, 50);
  body_1m = generate_body (1024 * 1024, 1024);

  /* Laid out as Byline's window is by default: a header bar, the front
   * matter pane 360 px wide (empty here), the source and the preview
   * sharing the rest; 1280 x 800 unless --window says otherwise. What a
   * frame costs grows with the preview's size: GTK 4.8 draws the whole
   * WebKit view again whenever the page changes. */
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_titlebar (window, gtk_header_bar_new ());
  gtk_window_set_default_size (window, width, height);
  panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (form, 360, -1);
  gtk_box_append (GTK_BOX (panes), form);
  gtk_box_append (GTK_BOX (panes), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_hexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (panes), paned);
  gtk_paned_set_position (GTK_PANED (paned), (width - 361) / 2);
  scrolled = gtk_scrolled_window_new ();
  source_view = GTK_SOURCE_VIEW (g_object_new (GTK_SOURCE_TYPE_VIEW,
                                               "monospace", TRUE,
                                               "wrap-mode", GTK_WRAP_WORD_CHAR,
                                               "auto-indent", TRUE,
                                               "left-margin", 18,
                                               "right-margin", 18,
                                               "top-margin", 12,
                                               "bottom-margin", 12,
                                               "pixels-below-lines", 2,
                                               NULL));
  gtk_widget_add_css_class (GTK_WIDGET (source_view), "byline-source");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (source_view));
  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  if (source_only)
    {
      gtk_paned_set_end_child (GTK_PANED (paned), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
      gtk_window_set_child (window, panes);
      gtk_window_present (window);
      {
        GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

        g_signal_connect (clock, "before-paint", G_CALLBACK (frame_layout_cb), NULL);
        g_signal_connect (clock, "after-paint", G_CALLBACK (frame_after_paint_cb), NULL);
      }
      g_print ("bench-preview --source-only: GTK renderer %s, window manager %s, %u edits per post;"
               " load average at the start %s; times in ms\n",
               G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), wm, n_edits, load_start);
      if (want[0])
        run_source_only ("sample", sample + split.body_start, n_edits);
      if (want[1])
        run_source_only ("50 KB", body_50k, n_edits);
      if (want[2])
        run_source_only ("1 MB", body_1m, n_edits);
      {
        g_autofree char *load = load_average ();

        g_print ("Load average at the end %s\n", load);
      }
      gtk_window_destroy (window);
      g_clear_object (&document);
      return 0;
    }
  preview = BYLINE_PREVIEW (byline_preview_new ());
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (preview));
  if (scroll_sync)
    g_object_set (preview, "source-view", source_view, NULL);
  else
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_boolean (settings, "scroll-sync", FALSE);
    }
  gtk_widget_set_visible (scrolled, with_source);
  gtk_window_set_child (window, panes);
  gtk_window_present (window);
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

    g_signal_connect (clock, "before-paint", G_CALLBACK (frame_layout_cb), NULL);
    g_signal_connect (clock, "after-paint", G_CALLBACK (frame_after_paint_cb), NULL);
  }

  while (gtk_widget_get_width (GTK_WIDGET (preview)) == 0)
    g_main_context_iteration (NULL, TRUE);
  if (report_stretches)
    g_signal_connect (gtk_native_get_surface (GTK_NATIVE (window)), "compute-size",
                      G_CALLBACK (compute_size_cb), NULL);
  g_print ("bench-preview: WebKitGTK %u.%u.%u, GTK renderer %s on %s, window manager %s,"
           " window %d x %d (preview %d x %d),"
           " %u edits per post%s%s%s; load average at the start %s; times in ms\n",
           webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version (),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
           G_OBJECT_TYPE_NAME (gtk_widget_get_display (GTK_WIDGET (window))), wm,
           gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
           gtk_widget_get_width (GTK_WIDGET (preview)), gtk_widget_get_height (GTK_WIDGET (preview)),
           n_edits, quick ? " (--quick)" : "", with_source ? "" : ", no source view",
           scroll_sync ? "" : ", no scroll sync", load_start);

  if (want[0])
    {
      run_post (&results[0], sample_fm, sample + split.body_start, n_edits, 50);
      print_result (&results[0]);
    }
  if (want[1])
    {
      run_post (&results[1], front_matter, body_50k, n_edits, 30);
      print_result (&results[1]);
    }
  if (want[2])
    {
      run_post (&results[2], front_matter, body_1m, n_edits, quick ? 5 : 15);
      print_result (&results[2]);
    }

  {
    double own_worst = 0, own_cpu_worst = 0, loop_worst = 0, loop_cpu_worst = 0;
    g_autofree char *load = load_average ();

    for (guint i = 0; i < G_N_ELEMENTS (results); i++)
      {
        if (!want[i])
          continue;
        own_worst = MAX (own_worst, MAX (results[i].own_max, results[i].burst_own_max));
        own_cpu_worst = MAX (own_cpu_worst, MAX (results[i].own_cpu_max, results[i].burst_own_cpu_max));
        loop_worst = MAX (loop_worst, MAX (results[i].loop_max, results[i].burst_loop_max));
        loop_cpu_worst = MAX (loop_cpu_worst, MAX (results[i].loop_cpu_max, results[i].burst_loop_cpu_max));
      }

    g_print ("\nLoad average at the start %s, at the end %s (on %u cores)\n"
             "Targets:\n"
             "  no keystroke blocks the main thread > 8 ms: the preview's own work %s (worst %.2f ms wall,"
             " %.2f ms CPU); the whole main loop, drawing included, %s (worst %.1f ms wall, %.1f ms CPU)\n",
             load_start, load, g_get_num_processors (),
             own_worst < 8 ? "met" : "NOT met", own_worst, own_cpu_worst,
             loop_worst < 8 ? "met" : "NOT met", loop_worst, loop_cpu_worst);
    if (want[1])
      g_print ("  50 KB shown p95 < 50 ms: %s (%.1f ms)\n",
               results[1].shown_p95 < 50 ? "met" : "NOT met", results[1].shown_p95);
    if (want[2])
      g_print ("  1 MB shown p95 < 3 x floor + 50 ms = %.0f ms: %s (%.1f ms)\n",
               3 * results[2].floor_ms + 50,
               results[2].shown_p95 < 3 * results[2].floor_ms + 50 ? "met" : "NOT met", results[2].shown_p95);
  }

  gtk_window_destroy (window);
  g_clear_object (&document);
  return 0;
}
