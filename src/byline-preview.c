/* byline-preview.c: the live preview
 *
 * A WebKitWebView loads the page shell once (base URI: the post's folder, so
 * relative images resolve); each update then swaps the blocks that changed,
 * in place, through the page's own script (byline-preview.js, a user script
 * in the "byline" script world). The document's scripts never run:
 * javascript-markup is off and the shell's Content-Security-Policy says
 * script-src 'none'.
 *
 * Keystrokes stay cheap at any size: the preview keeps its own copy of the
 * body as one refcounted string per line, patched from the buffer's
 * insert-text and delete-range signals (a few hundred bytes per keystroke).
 * A render takes a snapshot of those lines (references, not bytes) and runs
 * in a worker thread: join, cmark-gfm on the lines around what changed
 * since what the page shows (byline_render_new_from(): the other blocks are
 * shared with it, so comparing them is comparing pointers), build the
 * update script. One render runs at a time; edits made meanwhile
 * are picked up by the next. The page reports back through the "byline"
 * script message handler: "applied" (the next update may go), "shown"
 * (after the frame that shows it is laid out), "scroll", "link".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preview"

#include "config.h"

#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-platform.h"
#include "byline-markdown.h"
#include "byline-preview.h"
#include "byline-link-check.h"
#include "byline-preview-private.h"
#include "byline-preview-static.h"
#include "byline-resources.h"
#include "byline-site.h"

#define SCRIPT_WORLD        "byline"
#define MESSAGE_HANDLER     "byline"
#define PREVIEW_JS_RESOURCE "/io/github/byline/Byline/byline-preview.js"
#define HIGHLIGHT_JS        "/usr/share/javascript/highlight.js/highlight.min.js"
#define KATEX_JS            "/usr/share/javascript/katex/katex.min.js"
#define KATEX_CSS           "/usr/share/javascript/katex/katex.min.css"
#define MAX_CRASH_RELOADS   3
/* An update bigger than this goes in pieces, one per main loop iteration,
 * so that handing it to WebKit never holds the main thread for long. */
#define STAGE_BYTES         (192 * 1024)

typedef struct {
  BylineRender *render;
  guint         base_serial;   /* the render @script was computed against (0: none) */
  char         *script;        /* byline.update({…}) */
  GPtrArray    *stage;         /* byline.stage([…]) scripts to send first, or NULL */
  char         *libs;          /* scripts to evaluate first, or NULL */
  guint         serial;
  guint         edit;
  guint         generation;
  guint         flags;
  gint64        started;       /* when start_render() made the job */
  gint64        worker_us;     /* the time the worker took */
  gint64        rendered;      /* when the main thread got it */
  guint         has_highlight : 1;
  guint         has_katex : 1;
} RenderResult;

typedef struct {
  GPtrArray           *lines;  /* GRefString, a snapshot */
  BylineMarkdownFlags  flags;
  char                *static_uri;
  BylineRender        *base;
  guint                base_serial;
  guint                serial;
  guint                edit;
  guint                generation;
  gint64               started;
  guint                want_highlight : 1;
  guint                want_katex : 1;
} RenderJob;

struct _BylinePreview
{
  GtkWidget       parent_instance;

  /* Owned references */
  WebKitWebView  *web_view;
  BylineDocument *document;
  GSettings      *settings;
  GCancellable   *cancellable;
  GPtrArray      *lines;          /* GRefString per body line, '\n' included */
  BylineRender   *sent;           /* what the page shows (or is applying) */
  guint           sent_serial;
  RenderResult   *pending;        /* rendered while the page was busy */
  GQueue         *send_queue;     /* scripts waiting to go, one per iteration */
  guint           send_source;
  char           *header;
  char           *base_uri;
  char           *static_uri;

  guint           render_source;
  guint           n_edits;
  guint           shown_edit;
  guint           serial;
  guint           generation;
  guint           n_rendered;
  guint           n_crashes;
  guint           n_words;
  guint           page_flags;     /* TOC and MATH from the front matter */
  double          scroll_line;    /* asked before the page was ready; < 0: none */
  GtkTextView    *source_view;    /* weak: the Markdown source, for scroll sync */
  GtkAdjustment  *source_vadjustment;
  int             cursor_line;
  guint           source_sync_source;
  guint           syncing_source : 1;   /* we are scrolling the source ourselves */
  gint64          busy_max;       /* longest main-thread callback, µs (benchmarks) */
  gint64          busy_cpu_max;   /* and its CPU time */
  const char     *busy_cpu_where; /* the callback of the longest CPU time */
  BylinePreviewTimings timings;   /* of the last update sent (benchmarks) */
  guint           timings_serial;

  guint           page_ready : 1;
  guint           loading_shell : 1;
  guint           in_flight : 1;
  guint           dirty : 1;
  guint           awaiting_apply : 1;
  guint           highlight_sent : 1;
  guint           katex_sent : 1;
  guint           dark : 1;
  guint           shadow_broken : 1;
};

G_DEFINE_FINAL_TYPE (BylinePreview, byline_preview, GTK_TYPE_WIDGET)

/* CPU time of the calling thread, µs: what the preview itself costs, apart
 * from waiting for a core on a busy machine. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

/* The preview's own time on the main thread, per callback, for the
 * benchmark (what a keystroke costs apart from GTK and WebKit drawing). */
#define BUSY_BEGIN() \
  gint64 busy_start_ = g_get_monotonic_time (); \
  gint64 busy_cpu_start_ = thread_cpu_time ()
#define BUSY_END(self) \
  G_STMT_START { \
    gint64 busy_cpu_ = thread_cpu_time () - busy_cpu_start_; \
    (self)->busy_max = MAX ((self)->busy_max, g_get_monotonic_time () - busy_start_); \
    if (busy_cpu_ > (self)->busy_cpu_max) \
      { \
        (self)->busy_cpu_max = busy_cpu_; \
        (self)->busy_cpu_where = G_STRFUNC; \
      } \
  } G_STMT_END

enum {
  PROP_0,
  PROP_SOURCE_VIEW,
  PROP_ZOOM_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RENDERED,
  SCROLLED_TO_LINE,
  OPEN_LINK,
  OPEN_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     schedule_render (BylinePreview *self);
static void     set_zoom_level  (BylinePreview *self,
                                 double         zoom);
static void     load_shell      (BylinePreview *self);
static gboolean start_render    (gpointer       user_data);

/* ------------------------------------------------------------------------ */
/* Libraries from Debian's libjs-* packages, read once                      */
/* ------------------------------------------------------------------------ */

typedef struct {
  char *highlight;   /* highlight.js, or NULL when not installed */
  char *katex;       /* KaTeX and its style sheet, as one script, or NULL */
} Libs;

/* KaTeX's style sheet loads its fonts from fonts/…, a path outside the
 * page's folder; fonts-katex installs the same families system-wide, so the
 * @font-face rules go and the system fonts are used. */
static char *
strip_font_faces (const char *css)
{
  GString *out = g_string_new (NULL);
  const char *p = css;
  const char *at;

  while ((at = strstr (p, "@font-face")) != NULL)
    {
      const char *close = strchr (at, '}');

      g_string_append_len (out, p, at - p);
      if (close == NULL)
        {
          p = at + strlen (at);
          break;
        }
      p = close + 1;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static gpointer
libs_load (gpointer data)
{
  Libs *libs = g_new0 (Libs, 1);
  g_autofree char *katex_js = NULL;
  g_autofree char *katex_css = NULL;

  if (!g_file_get_contents (HIGHLIGHT_JS, &libs->highlight, NULL, NULL))
    libs->highlight = NULL;

  if (g_file_get_contents (KATEX_JS, &katex_js, NULL, NULL) &&
      g_file_get_contents (KATEX_CSS, &katex_css, NULL, NULL))
    {
      g_autofree char *css = strip_font_faces (katex_css);
      GString *script = g_string_new (katex_js);

      g_string_append (script, "\n;window.byline.addStyle(");
      byline_markdown_append_json_string (script, css, -1);
      g_string_append (script, ");\n");
      libs->katex = g_string_free (script, FALSE);
    }

  return libs;
}

static const Libs *
libs_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, libs_load, NULL);
}

/* ------------------------------------------------------------------------ */
/* Render jobs                                                               */
/* ------------------------------------------------------------------------ */

static void
release_in_thread (gpointer data,
                   gpointer user_data)
{
  byline_render_unref (data);
}

/* Drops a reference to @render without freeing it on the main thread: a
 * rendering of a big post is tens of thousands of blocks. */
static void
release_render (BylineRender *render)
{
  static GThreadPool *pool;

  if (render == NULL)
    return;
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (release_in_thread, NULL, 1, FALSE, NULL));
  g_thread_pool_push (pool, render, NULL);
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_clear_pointer (&job->lines, g_ptr_array_unref);
  release_render (g_steal_pointer (&job->base));
  g_free (job->static_uri);
  g_free (job);
}

static void
render_result_free (gpointer data)
{
  RenderResult *result = data;

  if (result == NULL)
    return;
  release_render (g_steal_pointer (&result->render));
  g_clear_pointer (&result->stage, g_ptr_array_unref);
  g_free (result->script);
  g_free (result->libs);
  g_free (result);
}

static void
append_lines (GString      *out,
              BylineRender *render,
              guint         from,
              guint         to)
{
  g_string_append_c (out, '[');
  for (guint i = from; i < to; i++)
    {
      guint start, end;

      byline_render_get_block (render, i, &start, &end);
      g_string_append_printf (out, "%s%u,%u", i > from ? "," : "", start, end);
    }
  g_string_append_c (out, ']');
}

/* The update that turns what the page shows (@base, NULL: nothing) into
 * @render: the blocks that changed, and the source lines of the others. */
/* Adds @html to the staged pieces (each a JSON string of at most about
 * STAGE_BYTES / 2, cut between UTF-8 characters), starting new stage
 * scripts as they fill. Returns the number of pieces. */
static guint
stage_block (GPtrArray  *stage,
             GString   **chunk,
             const char *html)
{
  gsize len = strlen (html);
  gsize done = 0;
  guint n = 0;

  do
    {
      gsize piece = MIN (len - done, STAGE_BYTES / 2);

      while (done + piece < len && piece > 0 && ((guchar) html[done + piece] & 0xC0) == 0x80)
        piece--;
      if (*chunk == NULL)
        *chunk = g_string_new ("window.byline.stage([");
      else
        g_string_append_c (*chunk, ',');
      byline_markdown_append_json_string (*chunk, html + done, piece);
      done += piece;
      n++;
      if ((*chunk)->len >= STAGE_BYTES)
        {
          g_string_append (*chunk, "]);");
          g_ptr_array_add (stage, g_string_free (g_steal_pointer (chunk), FALSE));
        }
    }
  while (done < len);

  return n;
}

static char *
build_update_script (BylineRender  *base,
                     BylineRender  *render,
                     guint          serial,
                     guint          edit,
                     gboolean       katex,
                     gboolean       math_missing,
                     GPtrArray    **stage_out)
{
  GString *out = g_string_new (NULL);
  gsize new_bytes = 0;
  guint n_old = base ? byline_render_get_n_blocks (base) : 0;
  guint n_new = byline_render_get_n_blocks (render);
  guint first = 0, same_end = 0, n_add, n_remove;
  gboolean all_lines = base == NULL;
  int shift = 0;
  BylineMarkdownFlags flags = byline_render_get_flags (render);

  byline_render_diff (base, render, &first, &same_end);
  n_remove = n_old - first - same_end;
  n_add = n_new - first - same_end;

  g_string_append_printf (out, "window.byline.update({\"reset\":%s,\"serial\":%u,\"edit\":%u,\"from\":%u,\"remove\":%u,"
                          "\"raw\":%s,\"katex\":%s,\"mathMissing\":%s",
                          base == NULL ? "true" : "false", serial, edit, first, n_remove,
                          (flags & BYLINE_MARKDOWN_RAW_HTML) ? "true" : "false",
                          katex ? "true" : "false",
                          math_missing ? "true" : "false");

  for (guint i = first; i < first + n_add; i++)
    new_bytes += strlen (byline_render_get_block (render, i, NULL, NULL));

  *stage_out = NULL;
  if (new_bytes > STAGE_BYTES)
    {
      /* Big: the blocks go ahead in pieces; the update says how many
       * pieces make each block. */
      GPtrArray *stage = g_ptr_array_new_with_free_func (g_free);
      GString *chunk = NULL;

      g_string_append (out, ",\"stagedBlocks\":[");
      for (guint i = first; i < first + n_add; i++)
        g_string_append_printf (out, "%s%u", i > first ? "," : "",
                                stage_block (stage, &chunk, byline_render_get_block (render, i, NULL, NULL)));
      g_string_append_c (out, ']');
      if (chunk != NULL)
        {
          g_string_append (chunk, "]);");
          g_ptr_array_add (stage, g_string_free (chunk, FALSE));
        }
      *stage_out = stage;
    }
  else
    {
      g_string_append (out, ",\"blocks\":[");
      for (guint i = first; i < first + n_add; i++)
        {
          if (i > first)
            g_string_append_c (out, ',');
          byline_markdown_append_json_string (out, byline_render_get_block (render, i, NULL, NULL), -1);
        }
      g_string_append_c (out, ']');
    }

  /* Source lines: unchanged blocks before, the new ones, and one shift for
   * the unchanged blocks after; all of them when that doesn't hold. */
  for (guint i = 0; !all_lines && i < first; i++)
    {
      guint os, oe, ns, ne;

      byline_render_get_block (base, i, &os, &oe);
      byline_render_get_block (render, i, &ns, &ne);
      all_lines = os != ns || oe != ne;
    }
  for (guint j = 0; !all_lines && j < same_end; j++)
    {
      guint os, oe, ns, ne;
      int d;

      byline_render_get_block (base, n_old - 1 - j, &os, &oe);
      byline_render_get_block (render, n_new - 1 - j, &ns, &ne);
      d = (int) ns - (int) os;
      if (j == 0)
        shift = d;
      all_lines = d != shift || (int) ne - (int) oe != shift;
    }

  if (all_lines)
    {
      g_string_append (out, ",\"allLines\":");
      append_lines (out, render, 0, n_new);
    }
  else
    {
      g_string_append (out, ",\"lines\":");
      append_lines (out, render, first, first + n_add);
      if (shift != 0)
        g_string_append_printf (out, ",\"shift\":%d", shift);
    }

  if (base == NULL || g_strcmp0 (byline_render_get_toc (base), byline_render_get_toc (render)) != 0)
    {
      g_string_append (out, ",\"toc\":");
      byline_markdown_append_json_string (out, byline_render_get_toc (render), -1);
    }
  if (base == NULL || g_strcmp0 (byline_render_get_footnotes (base), byline_render_get_footnotes (render)) != 0)
    {
      g_string_append (out, ",\"footnotes\":");
      byline_markdown_append_json_string (out, byline_render_get_footnotes (render), -1);
    }

  g_string_append (out, "});");
  return g_string_free (out, FALSE);
}

static void
render_result_build_script (RenderResult *result,
                            BylineRender *base)
{
  gboolean math = (result->flags & BYLINE_MARKDOWN_MATH) != 0;
  gboolean has_math = math && byline_render_has_math (result->render);

  g_free (result->script);
  g_clear_pointer (&result->stage, g_ptr_array_unref);
  result->script = build_update_script (base, result->render,
                                        result->serial, result->edit,
                                        math && result->has_katex,
                                        has_math && !result->has_katex,
                                        &result->stage);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  RenderResult *result;
  const Libs *libs = libs_get ();
  GString *libs_script = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  gint64 begin = g_get_monotonic_time ();
  char *p;

  for (guint i = 0; i < job->lines->len; i++)
    len += g_ref_string_length (g_ptr_array_index (job->lines, i));
  p = text = g_malloc (len + 1);
  for (guint i = 0; i < job->lines->len; i++)
    {
      const char *line = g_ptr_array_index (job->lines, i);
      gsize n = g_ref_string_length ((char *) line);

      memcpy (p, line, n);
      p += n;
    }
  *p = '\0';
  g_clear_pointer (&job->lines, g_ptr_array_unref);

  if (g_task_return_error_if_cancelled (task))
    return;

  result = g_new0 (RenderResult, 1);
  /* Only the lines around what changed since what the page shows are
   * parsed again; the other blocks are shared with it. */
  result->render = byline_render_new_from (job->base, text, len, job->flags, job->static_uri);
  result->base_serial = job->base_serial;
  result->serial = job->serial;
  result->edit = job->edit;
  result->generation = job->generation;
  result->flags = job->flags;
  result->started = job->started;
  result->has_highlight = libs->highlight != NULL;
  result->has_katex = libs->katex != NULL;

  if (job->want_highlight && libs->highlight != NULL && byline_render_has_code (result->render))
    {
      libs_script = g_string_new (libs->highlight);
      g_string_append (libs_script, "\n;\n");
    }
  if (job->want_katex && libs->katex != NULL &&
      (job->flags & BYLINE_MARKDOWN_MATH) && byline_render_has_math (result->render))
    {
      if (libs_script == NULL)
        libs_script = g_string_new (NULL);
      g_string_append (libs_script, libs->katex);
    }
  if (libs_script != NULL)
    result->libs = g_string_free (libs_script, FALSE);

  render_result_build_script (result, job->base);
  /* Dropped here: when it is the last reference, freed in this thread. */
  g_clear_pointer (&job->base, byline_render_unref);
  result->worker_us = g_get_monotonic_time () - begin;

  g_task_return_pointer (task, result, render_result_free);
}

/* ------------------------------------------------------------------------ */
/* The body, line by line                                                    */
/* ------------------------------------------------------------------------ */

/* Replaces lines [@from, @to) by the lines of @text (each '\n' ends one;
 * what follows the last '\n' is a line of its own when @last_open: the
 * buffer's last line has no '\n'). */
static void
lines_splice (BylinePreview *self,
              guint          from,
              guint          to,
              const char    *text,
              gsize          len,
              gboolean       last_open)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ref_string_release);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        break;
      g_ptr_array_add (pieces, g_ref_string_new_len (p, nl + 1 - p));
      p = nl + 1;
    }
  if (last_open)
    g_ptr_array_add (pieces, g_ref_string_new_len (p, end - p));

  if (pieces->len <= 16 && to - from <= 16)
    {
      guint n = pieces->len;

      if (to > from)
        g_ptr_array_remove_range (self->lines, from, to - from);
      for (guint i = 0; i < n; i++)
        g_ptr_array_insert (self->lines, from + i, g_ptr_array_steal_index (pieces, 0));
    }
  else
    {
      GPtrArray *lines = g_ptr_array_new_full (self->lines->len - (to - from) + pieces->len,
                                               (GDestroyNotify) g_ref_string_release);

      for (guint i = 0; i < from; i++)
        g_ptr_array_add (lines, g_ptr_array_index (self->lines, i));
      for (guint i = 0; i < pieces->len; i++)
        g_ptr_array_add (lines, g_ref_string_acquire (g_ptr_array_index (pieces, i)));
      for (guint i = to; i < self->lines->len; i++)
        g_ptr_array_add (lines, g_ptr_array_index (self->lines, i));
      for (guint i = from; i < to; i++)
        g_ref_string_release (g_ptr_array_index (self->lines, i));

      g_ptr_array_set_free_func (self->lines, NULL);
      g_ptr_array_unref (self->lines);
      self->lines = lines;
    }
}

/* Copies the whole buffer: on a new document, and when the copy went out of
 * step (a lone '\r' or U+2029 ends lines for GTK, not for us). */
static void
lines_resync (BylinePreview *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_ptr_array_set_size (self->lines, 0);
  self->shadow_broken = FALSE;
  if (self->document == NULL)
    {
      g_ptr_array_add (self->lines, g_ref_string_new_len ("", 0));
      return;
    }

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->document), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->document), &start, &end, TRUE);
  lines_splice (self, 0, 0, text, strlen (text), TRUE);
}

static void
buffer_insert_text_cb_real (BylinePreview *self,
                       GtkTextIter   *location,
                       const char    *text,
                       int            len,
                       GtkTextBuffer *buffer)
{
  guint line = gtk_text_iter_get_line (location);
  guint index = gtk_text_iter_get_line_index (location);

  g_assert (BYLINE_IS_PREVIEW (self));

  self->n_edits++;

  if (!self->shadow_broken && line < self->lines->len)
    {
      const char *old = g_ptr_array_index (self->lines, line);
      gsize old_len = g_ref_string_length ((char *) old);

      if (index <= old_len)
        {
          gboolean last_open = old_len == 0 || old[old_len - 1] != '\n';
          gsize n = len < 0 ? strlen (text) : (gsize) len;
          g_autofree char *combined = g_malloc (old_len + n);

          memcpy (combined, old, index);
          memcpy (combined + index, text, n);
          memcpy (combined + index + n, old + index, old_len - index);
          lines_splice (self, line, line + 1, combined, old_len + n, last_open);
        }
      else
        self->shadow_broken = TRUE;
    }
  else
    self->shadow_broken = TRUE;

  schedule_render (self);
}

static void
buffer_insert_text_cb (BylinePreview *self,
                       GtkTextIter   *location,
                       const char    *text,
                       int            len,
                       GtkTextBuffer *buffer)
{
  BUSY_BEGIN ();

  buffer_insert_text_cb_real (self, location, text, len, buffer);
  BUSY_END (self);
}

static void
buffer_delete_range_cb_real (BylinePreview *self,
                        GtkTextIter   *start,
                        GtkTextIter   *end,
                        GtkTextBuffer *buffer)
{
  guint l1 = gtk_text_iter_get_line (start);
  guint b1 = gtk_text_iter_get_line_index (start);
  guint l2 = gtk_text_iter_get_line (end);
  guint b2 = gtk_text_iter_get_line_index (end);

  g_assert (BYLINE_IS_PREVIEW (self));

  self->n_edits++;

  if (!self->shadow_broken && l1 <= l2 && l2 < self->lines->len)
    {
      const char *first = g_ptr_array_index (self->lines, l1);
      const char *last = g_ptr_array_index (self->lines, l2);
      gsize first_len = g_ref_string_length ((char *) first);
      gsize last_len = g_ref_string_length ((char *) last);

      if (b1 <= first_len && b2 <= last_len && (l1 < l2 || b1 <= b2))
        {
          gboolean last_open = last_len == 0 || last[last_len - 1] != '\n';
          g_autofree char *combined = g_malloc (b1 + last_len - b2 + 1);

          memcpy (combined, first, b1);
          memcpy (combined + b1, last + b2, last_len - b2);
          lines_splice (self, l1, l2 + 1, combined, b1 + last_len - b2, last_open);
        }
      else
        self->shadow_broken = TRUE;
    }
  else
    self->shadow_broken = TRUE;

  schedule_render (self);
}

static void
buffer_delete_range_cb (BylinePreview *self,
                        GtkTextIter   *start,
                        GtkTextIter   *end,
                        GtkTextBuffer *buffer)
{
  BUSY_BEGIN ();

  buffer_delete_range_cb_real (self, start, end, buffer);
  BUSY_END (self);
}

static void
buffer_copy_out_of_step_cb (BylinePreview *self)
{
  self->shadow_broken = TRUE;
  self->n_edits++;
  schedule_render (self);
}

/* ------------------------------------------------------------------------ */
/* Talking to the page                                                       */
/* ------------------------------------------------------------------------ */

static void
evaluate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (error != NULL)
    g_debug ("Preview script failed: %s", error->message);
}

static void
run_script (BylinePreview *self,
            const char    *script)
{
  webkit_web_view_evaluate_javascript (self->web_view, script, -1, SCRIPT_WORLD, NULL,
                                       NULL, evaluate_cb, NULL);
}

/* The page did not apply an update: it shows something we no longer know.
 * Start from nothing: the next update replaces the whole body. */
static void
update_failed (BylinePreview *self)
{
  g_debug ("An update failed; sending the whole post again");
  self->awaiting_apply = FALSE;
  release_render (g_steal_pointer (&self->sent));
  self->sent_serial = 0;
  g_clear_pointer (&self->pending, render_result_free);
  self->n_edits++;
  schedule_render (self);
}

static void
evaluate_update_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BylinePreview) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (self == NULL || error == NULL || self->web_view == NULL || !self->page_ready)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The script did not run at all (a page reloading, a web process that
   * ended): no "applied" will come. */
  g_debug ("Update script failed: %s", error->message);
  if (self->awaiting_apply)
    update_failed (self);
}

static void
send_header (BylinePreview *self)
{
  g_autoptr(GString) script = g_string_new ("window.byline.setHeader(");

  byline_markdown_append_json_string (script, self->header ? self->header : "", -1);
  g_string_append (script, ");");
  run_script (self, script->str);
}

/* The title when the front matter has none: the file's name, or "Untitled
 * Post". */
static char *
dup_fallback_title (BylinePreview *self)
{
  return self->document ? g_strdup (byline_document_get_title (self->document)) : NULL;
}

static void
update_header (BylinePreview *self)
{
  BylineFrontMatter *fm = self->document ? byline_document_get_front_matter (self->document) : NULL;
  g_autofree char *fallback = dup_fallback_title (self);
  g_autofree char *header = NULL;

  header = byline_markdown_render_header (fm, fallback, self->n_words, self->static_uri);
  if (g_strcmp0 (header, self->header) == 0)
    return;

  g_free (self->header);
  self->header = g_steal_pointer (&header);
  if (self->page_ready)
    send_header (self);
}

typedef struct {
  char     *script;
  gboolean  update;   /* an update: "applied" answers it */
} QueuedScript;

static void
queued_script_free (gpointer data)
{
  QueuedScript *queued = data;

  g_free (queued->script);
  g_free (queued);
}

static void
send_one (BylinePreview *self,
          QueuedScript  *queued)
{
  if (queued->update)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      /* Weak: the answer may come after the preview is gone. */
      g_weak_ref_init (weak, self);
      webkit_web_view_evaluate_javascript (self->web_view, queued->script, -1, SCRIPT_WORLD, NULL,
                                           NULL, evaluate_update_cb, weak);
    }
  else
    run_script (self, queued->script);
  queued_script_free (queued);
}

static gboolean
send_queued_cb (gpointer user_data)
{
  BylinePreview *self = user_data;
  QueuedScript *queued = g_queue_pop_head (self->send_queue);

  if (queued != NULL)
    send_one (self, queued);
  if (g_queue_is_empty (self->send_queue))
    {
      self->send_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Sends @script (taken) to the page: at once when nothing waits and it is
 * small, else after what waits, one script per main loop iteration. */
static void
queue_script (BylinePreview *self,
              char          *script,
              gboolean       update)
{
  QueuedScript *queued = g_new0 (QueuedScript, 1);

  queued->script = script;
  queued->update = update;

  if (g_queue_is_empty (self->send_queue) && strlen (script) <= STAGE_BYTES)
    {
      send_one (self, queued);
      return;
    }
  g_queue_push_tail (self->send_queue, queued);
  if (self->send_source == 0)
    self->send_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, send_queued_cb, self, NULL);
}

static void
send_result (BylinePreview *self,
             RenderResult  *result)
{
  g_assert (self->page_ready && !self->awaiting_apply);

  if (result->base_serial != self->sent_serial)
    {
      /* Computed against something else than the page shows: redo. */
      g_debug ("Update %u was computed against %u, the page shows %u",
               result->serial, result->base_serial, self->sent_serial);
      result->base_serial = self->sent_serial;
      render_result_build_script (result, self->sent);
    }

  if (result->libs != NULL)
    {
      queue_script (self, g_steal_pointer (&result->libs), FALSE);
      if (byline_render_has_code (result->render) && result->has_highlight)
        self->highlight_sent = TRUE;
      if ((result->flags & BYLINE_MARKDOWN_MATH) && byline_render_has_math (result->render) &&
          result->has_katex)
        self->katex_sent = TRUE;
    }
  for (guint i = 0; result->stage != NULL && i < result->stage->len; i++)
    queue_script (self, g_strdup (g_ptr_array_index (result->stage, i)), FALSE);
  g_debug ("Sending update %u (edit %u, %zu bytes, %u staged pieces)", result->serial, result->edit,
           strlen (result->script), result->stage ? result->stage->len : 0);
  queue_script (self, g_steal_pointer (&result->script), TRUE);

  release_render (g_steal_pointer (&self->sent));
  self->sent = byline_render_ref (result->render);
  self->sent_serial = result->serial;
  self->awaiting_apply = TRUE;

  self->timings_serial = result->serial;
  self->timings.started = result->started;
  self->timings.worker_us = result->worker_us;
  self->timings.rendered = result->rendered;
  self->timings.sent = g_get_monotonic_time ();
  self->timings.applied = 0;
  self->timings.page_us = 0;
  self->timings.shown = 0;

  if (byline_render_get_n_words (result->render) != self->n_words)
    {
      self->n_words = byline_render_get_n_words (result->render);
      update_header (self);
    }
}

static void
deliver_result (BylinePreview *self,
                RenderResult  *result)
{
  if (!self->page_ready || self->awaiting_apply)
    {
      render_result_free (self->pending);
      self->pending = result;
      return;
    }

  send_result (self, result);
  render_result_free (result);
}

static BylineMarkdownFlags
current_flags (BylinePreview *self)
{
  BylineMarkdownFlags flags = BYLINE_MARKDOWN_SOURCEPOS | self->page_flags;

  if (g_settings_get_boolean (self->settings, "smart-punctuation"))
    flags |= BYLINE_MARKDOWN_SMART;
  if (g_settings_get_boolean (self->settings, "allow-raw-html"))
    flags |= BYLINE_MARKDOWN_RAW_HTML;
  return flags;
}

static void
render_done_cb_real (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  BylinePreview *self = BYLINE_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  RenderResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->in_flight = FALSE;
  if (result != NULL)
    result->rendered = g_get_monotonic_time ();

  if (result != NULL)
    {
      if (result->generation == self->generation)
        deliver_result (self, result);
      else
        render_result_free (result);
    }

  if (self->dirty)
    schedule_render (self);
}

/* Worker tasks have no source object and hold the preview through their
 * callback data, released here on the main thread: a worker thread drops
 * its task last at times, and a widget (WebKit above all) must never be
 * disposed off the main thread. */
static void
render_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(BylinePreview) self = user_data;
  BUSY_BEGIN ();

  render_done_cb_real (G_OBJECT (self), res, NULL);
  BUSY_END (self);
}

static gboolean
start_render_real (gpointer user_data)
{
  BylinePreview *self = user_data;
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  self->render_source = 0;

  if (self->in_flight || self->document == NULL)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;   /* stays dirty; map() starts it */

  if (self->shadow_broken ||
      self->lines->len != (guint) gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self->document)))
    {
      g_debug ("Copy of the body out of step; copying it again");
      lines_resync (self);
    }

  /* A newer render supersedes what waits for the page. */
  g_clear_pointer (&self->pending, render_result_free);

  job = g_new0 (RenderJob, 1);
  job->lines = g_ptr_array_new_full (self->lines->len, (GDestroyNotify) g_ref_string_release);
  for (guint i = 0; i < self->lines->len; i++)
    g_ptr_array_add (job->lines, g_ref_string_acquire (g_ptr_array_index (self->lines, i)));
  job->flags = current_flags (self);
  job->static_uri = g_strdup (self->static_uri);
  job->base = self->sent ? byline_render_ref (self->sent) : NULL;
  job->base_serial = self->sent_serial;
  job->serial = ++self->serial;
  job->edit = self->n_edits;
  job->generation = self->generation;
  job->started = g_get_monotonic_time ();
  job->want_highlight = !self->highlight_sent;
  job->want_katex = !self->katex_sent;

  self->in_flight = TRUE;
  self->dirty = FALSE;

  task = g_task_new (NULL, self->cancellable, render_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, render_job_free);
  /* A thread that yields to this one: typing comes before rendering. */
  byline_platform_run_in_background (task, render_thread);

  return G_SOURCE_REMOVE;
}

static gboolean
start_render (gpointer user_data)
{
  gboolean result;
  BUSY_BEGIN ();

  result = start_render_real (user_data);
  BUSY_END (((BylinePreview *) user_data));
  return result;
}

static void
schedule_render (BylinePreview *self)
{
  self->dirty = TRUE;
  if (self->render_source == 0 && !self->in_flight && self->document != NULL)
    /* Before GTK draws the next frame: starting a render only takes
     * references to the lines (the work is in a thread), so the keystroke's
     * frame is not delayed, and the render starts a frame earlier. */
    self->render_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, start_render, self, NULL);
}

/* Starts over: the page (re)loads, nothing is on it yet. */
static void
reset_page_state (BylinePreview *self)
{
  self->generation++;
  self->page_ready = FALSE;
  self->awaiting_apply = FALSE;
  self->highlight_sent = FALSE;
  self->katex_sent = FALSE;
  release_render (g_steal_pointer (&self->sent));
  self->sent_serial = 0;
  g_clear_pointer (&self->pending, render_result_free);
  g_queue_clear_full (self->send_queue, queued_script_free);
  g_clear_handle_id (&self->send_source, g_source_remove);
}

static void
send_init (BylinePreview *self)
{
  g_autoptr(GString) script = g_string_new ("window.byline.init({\"dark\":");

  g_string_append (script, self->dark ? "true" : "false");
  g_string_append (script, ",\"scrollSync\":");
  g_string_append (script, g_settings_get_boolean (self->settings, "scroll-sync") ? "true" : "false");
  g_string_append (script, ",\"strings\":{\"missingImage\":");
  byline_markdown_append_json_string (script, _("Image not found"), -1);
  g_string_append (script, ",\"mathNote\":");
  byline_markdown_append_json_string (script,
                                      _("Math is shown as TeX source: install the libjs-katex "
                                        "package to see it typeset."), -1);
  g_string_append (script, "}});");
  run_script (self, script->str);
}

static void
open_link (BylinePreview *self,
           const char    *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[OPEN_LINK], 0, uri, &handled);
}

static double
message_get_double (JSCValue   *value,
                    const char *name)
{
  g_autoptr(JSCValue) prop = jsc_value_object_get_property (value, name);

  return jsc_value_is_number (prop) ? jsc_value_to_double (prop) : 0;
}

static void
script_message_cb_real (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   BylinePreview            *self)
{
  g_autoptr(JSCValue) type_value = NULL;
  g_autofree char *type = NULL;

  g_assert (BYLINE_IS_PREVIEW (self));

  if (!jsc_value_is_object (value))
    return;
  type_value = jsc_value_object_get_property (value, "type");
  type = jsc_value_to_string (type_value);

  g_debug ("Page says %s", type);

  if (g_strcmp0 (type, "ready") == 0)
    {
      /* The shell that load_shell() loaded (which reset what we know of
       * the page) runs its script. */
      self->loading_shell = FALSE;
      self->page_ready = TRUE;
      self->awaiting_apply = FALSE;
      send_init (self);
      send_header (self);
      if (self->pending != NULL)
        {
          RenderResult *result = g_steal_pointer (&self->pending);

          send_result (self, result);
          render_result_free (result);
        }
      else if (!self->in_flight)
        schedule_render (self);
      if (self->scroll_line >= 0)
        {
          byline_preview_scroll_to_line (self, self->scroll_line);
          self->scroll_line = -1;
        }
    }
  else if (g_strcmp0 (type, "applied") == 0)
    {
      g_autoptr(JSCValue) failed = jsc_value_object_get_property (value, "failed");

      if (jsc_value_to_boolean (failed))
        {
          update_failed (self);
          return;
        }
      if ((guint) message_get_double (value, "serial") == self->timings_serial)
        {
          self->timings.applied = g_get_monotonic_time ();
          self->timings.page_us = (gint64) (message_get_double (value, "ms") * 1000);
        }
      self->awaiting_apply = FALSE;
      if (self->pending != NULL && self->page_ready)
        {
          RenderResult *result = g_steal_pointer (&self->pending);

          send_result (self, result);
          render_result_free (result);
        }
    }
  else if (g_strcmp0 (type, "shown") == 0)
    {
      guint edit = (guint) message_get_double (value, "edit");

      if ((guint) message_get_double (value, "serial") == self->timings_serial)
        self->timings.shown = g_get_monotonic_time ();
      self->shown_edit = MAX (self->shown_edit, edit);
      self->n_rendered++;
      g_signal_emit (self, signals[RENDERED], 0);
    }
  else if (g_strcmp0 (type, "scroll") == 0)
    {
      if (g_settings_get_boolean (self->settings, "scroll-sync"))
        g_signal_emit (self, signals[SCROLLED_TO_LINE], 0, message_get_double (value, "line"));
    }
  else if (g_strcmp0 (type, "link") == 0)
    {
      g_autoptr(JSCValue) href = jsc_value_object_get_property (value, "href");
      g_autofree char *uri = jsc_value_to_string (href);

      if (uri != NULL && uri[0] != '\0')
        open_link (self, uri);
    }
}

static void
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   BylinePreview            *self)
{
  BUSY_BEGIN ();

  script_message_cb_real (manager, value, self);
  BUSY_END (self);
}

/* ------------------------------------------------------------------------ */
/* The web view                                                              */
/* ------------------------------------------------------------------------ */

static gboolean
web_view_decide_policy_cb (WebKitWebView            *web_view,
                           WebKitPolicyDecision     *decision,
                           WebKitPolicyDecisionType  type,
                           BylinePreview            *self)
{
  WebKitNavigationAction *action;
  WebKitNavigationType nav_type;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  nav_type = webkit_navigation_action_get_navigation_type (action);
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      self->loading_shell && nav_type == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_strcmp0 (uri, self->base_uri ? self->base_uri : "about:blank") == 0)
    {
      /* The shell itself, from load_html() (until its script says ready). */
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  g_debug ("Refusing to load %s in the preview", uri);
  /* Nothing else ever loads in the preview; a link the page's script did
   * not catch (a middle click, the context menu) opens outside. */
  webkit_policy_decision_ignore (decision);
  if (nav_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && uri != NULL &&
      webkit_navigation_action_is_user_gesture (action))
    open_link (self, uri);
  return TRUE;
}

static gboolean
web_view_context_menu_cb (WebKitWebView       *web_view,
                          WebKitContextMenu   *menu,
                          WebKitHitTestResult *hit,
                          BylinePreview       *self)
{
  static const WebKitContextMenuAction keep[] = {
    WEBKIT_CONTEXT_MENU_ACTION_COPY,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_VIDEO_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY_AUDIO_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT,
  };
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));
  gboolean last_separator = TRUE;

  /* Only copying: no Reload, Back, Forward, Stop, or opening anything in
   * the preview. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);
      gboolean wanted = FALSE;

      if (webkit_context_menu_item_is_separator (item))
        wanted = !last_separator;
      else
        for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
          wanted |= action == keep[i];

      if (!wanted)
        webkit_context_menu_remove (menu, item);
      else
        last_separator = webkit_context_menu_item_is_separator (item);
    }
  g_list_free (items);

  /* No separator at the end. */
  items = webkit_context_menu_get_items (menu);
  if (items != NULL && webkit_context_menu_item_is_separator (g_list_last (items)->data))
    webkit_context_menu_remove (menu, g_list_last (items)->data);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
web_view_web_process_terminated_cb (WebKitWebView                     *web_view,
                                    WebKitWebProcessTerminationReason  reason,
                                    BylinePreview                     *self)
{
  g_debug ("The preview's web process ended (%d)", reason);
  reset_page_state (self);
  if (self->n_crashes++ < MAX_CRASH_RELOADS)
    load_shell (self);
}

static void
lower_web_process_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  guint n = byline_platform_lower_helpers ("WebKitWebProc", 10);

  g_debug ("Lowered the priority of %u threads of the web process", n);
  g_task_return_boolean (task, TRUE);
}

/* The page's drawing yields to the window's: on a machine with two cores,
 * WebKit's web process drawing the page for one keystroke would otherwise
 * keep the main thread from drawing the next (as the render thread would;
 * see byline_platform_run_in_background()). Its process exists once the
 * shell's load is committed; a new one after a crash, so each time. */
static void
web_view_load_changed_cb (WebKitWebView   *web_view,
                          WebKitLoadEvent  event,
                          BylinePreview   *self)
{
  g_autoptr(GTask) task = NULL;

  if (event != WEBKIT_LOAD_COMMITTED)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, web_view_load_changed_cb);
  g_task_run_in_thread (task, lower_web_process_thread);
}

static void
apply_background (BylinePreview *self)
{
  GdkRGBA bg;

  gdk_rgba_parse (&bg, self->dark ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (self->web_view, &bg);
}

static void
style_manager_dark_cb (BylinePreview   *self,
                       GParamSpec      *pspec,
                       AdwStyleManager *manager)
{
  gboolean dark = adw_style_manager_get_dark (manager);

  if (dark == self->dark)
    return;
  self->dark = dark;
  apply_background (self);
  if (self->page_ready)
    run_script (self, dark ? "window.byline.setDark(true);" : "window.byline.setDark(false);");
}

static void
load_shell (BylinePreview *self)
{
  g_autofree char *shell = byline_markdown_dup_shell (self->dark);

  g_debug ("Loading the page shell, base %s", self->base_uri ? self->base_uri : "(none)");
  reset_page_state (self);
  self->loading_shell = TRUE;
  self->n_edits++;   /* the new page shows nothing yet */
  self->dirty = TRUE;
  webkit_web_view_load_html (self->web_view, shell, self->base_uri);
}

static void
site_root_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BylinePreview) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autofree char *static_uri = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (weak);
  g_free (weak);

  if (self == NULL || error != NULL)
    return;
  if (g_strcmp0 (static_uri, self->static_uri) == 0)
    return;

  g_free (self->static_uri);
  self->static_uri = g_steal_pointer (&static_uri);
  update_header (self);
  self->n_edits++;
  schedule_render (self);
}

/* Where site-root paths (/images/x.png) point: the static folders of a Hugo
 * site's configuration (staticDir, default static/, then the themes'
 * static/), the source (default the root) of a Jekyll site. */
static void
site_root_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(BylineSiteConfig) config = NULL;

  config = byline_site_config_new_for_post (file, cancellable);
  g_task_return_pointer (task, byline_preview_static_uri_for (config, cancellable), g_free);
}

static void
update_location (BylinePreview *self)
{
  GFile *file = self->document ? byline_document_get_file (self->document) : NULL;
  g_autofree char *base_uri = NULL;

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        {
          g_autofree char *uri = g_file_get_uri (parent);

          base_uri = g_str_has_suffix (uri, "/") ? g_strdup (uri) : g_strconcat (uri, "/", NULL);
        }

      {
        GWeakRef *weak = g_new0 (GWeakRef, 1);
        g_autoptr(GTask) task = NULL;

        g_weak_ref_init (weak, self);
        task = g_task_new (NULL, self->cancellable, site_root_cb, weak);

        g_task_set_source_tag (task, update_location);
        g_task_set_task_data (task, g_object_ref (file), g_object_unref);
        g_task_run_in_thread (task, site_root_thread);
      }
    }
  else
    g_clear_pointer (&self->static_uri, g_free);

  if (g_strcmp0 (base_uri, self->base_uri) != 0)
    {
      g_free (self->base_uri);
      self->base_uri = g_steal_pointer (&base_uri);
      load_shell (self);
    }
}

/* ------------------------------------------------------------------------ */
/* Document                                                                  */
/* ------------------------------------------------------------------------ */

static void
document_front_matter_cb (BylinePreview  *self,
                          GParamSpec     *pspec,
                          BylineDocument *document)
{
  BylinePageFlags page;
  guint flags = 0;

  byline_page_flags_from_front_matter (byline_document_get_front_matter (document), &page);
  if (page.toc)
    flags |= BYLINE_MARKDOWN_TOC;
  if (page.math)
    flags |= BYLINE_MARKDOWN_MATH;
  if (flags != self->page_flags)
    {
      self->page_flags = flags;
      self->n_edits++;
      schedule_render (self);
    }
  update_header (self);
}

static void
document_file_cb (BylinePreview  *self,
                  GParamSpec     *pspec,
                  BylineDocument *document)
{
  update_location (self);
  update_header (self);
}

static void
settings_changed_cb (BylinePreview *self,
                     const char    *key,
                     GSettings     *settings)
{
  if (g_strcmp0 (key, "scroll-sync") == 0)
    {
      if (self->page_ready)
        run_script (self, g_settings_get_boolean (settings, key) ? "window.byline.setScrollSync(true);"
                                                                 : "window.byline.setScrollSync(false);");
    }
  else if (g_strcmp0 (key, "smart-punctuation") == 0 || g_strcmp0 (key, "allow-raw-html") == 0)
    {
      self->n_edits++;   /* what the page should show changed */
      schedule_render (self);
    }
}

/* ------------------------------------------------------------------------ */
/* Links                                                                     */
/* ------------------------------------------------------------------------ */

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_debug ("Could not open the link: %s", error->message);
}

static gboolean
is_markdown_path (const char *path)
{
  return g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown") ||
         g_str_has_suffix (path, ".MD");
}

/* A link to a post: where it points, as Hugo's ref would find it. */
typedef struct {
  GFile *target;   /* the link, resolved against the post's folder */
  GFile *post;     /* the post it is in, or NULL */
} ResolveData;

static void
resolve_data_free (gpointer data)
{
  ResolveData *d = data;

  g_clear_object (&d->target);
  g_clear_object (&d->post);
  g_free (d);
}

static gboolean
is_regular_file (GFile        *file,
                 GCancellable *cancellable)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
}

/* The file itself; else, as ref and relref look, the post
 * byline_link_check_find_post() finds for the path relative to the post's
 * folder (the link checker looks the same way). */
static void
resolve_post_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ResolveData *d = task_data;
  g_autoptr(GFile) folder = d->post != NULL ? g_file_get_parent (d->post) : NULL;
  g_autofree char *relative = folder != NULL ? g_file_get_relative_path (folder, d->target) : NULL;
  g_autoptr(BylineSiteConfig) config = NULL;

  if (is_regular_file (d->target, cancellable))
    {
      g_task_return_pointer (task, g_object_ref (d->target), g_object_unref);
      return;
    }
  if (relative == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  config = byline_site_config_new_for_post (d->post, cancellable);
  g_task_return_pointer (task, byline_link_check_find_post (d->post, config, relative, cancellable),
                         g_object_unref);
}

static void
resolve_post_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylinePreview) self = user_data;
  ResolveData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *path = g_file_get_path (d->target);

  if (error != NULL)
    return;   /* another post was shown meanwhile */
  /* a Markdown file that is nowhere: opening it says so */
  if (file == NULL && path != NULL && is_markdown_path (path))
    file = g_object_ref (d->target);
  if (file != NULL)
    g_signal_emit (self, signals[OPEN_POST], 0, file);
}

static gboolean
byline_preview_real_open_link (BylinePreview *self,
                               const char    *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  if (g_strcmp0 (scheme, "file") == 0)
    {
      g_autofree char *path = NULL;
      g_autofree char *base_name = NULL;
      const char *cut = strpbrk (uri, "#?");
      g_autofree char *bare = cut ? g_strndup (uri, cut - uri) : g_strdup (uri);

      path = g_filename_from_uri (bare, NULL, NULL);
      base_name = path != NULL ? g_path_get_basename (path) : NULL;
      /* a post, or a path without an extension as ref takes ("posts/trip") */
      if (path != NULL && (is_markdown_path (path) || strchr (base_name, '.') == NULL))
        {
          g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, resolve_post_cb, g_object_ref (self));
          ResolveData *d = g_new0 (ResolveData, 1);
          GFile *post = self->document != NULL ? byline_document_get_file (self->document) : NULL;

          d->target = g_file_new_for_path (path);
          d->post = post != NULL ? g_object_ref (post) : NULL;
          g_task_set_source_tag (task, byline_preview_real_open_link);
          g_task_set_task_data (task, d, resolve_data_free);
          g_task_run_in_thread (task, resolve_post_thread);
          return TRUE;
        }
    }

  /* Only what a browser or a mail program opens; never javascript:, nor a
   * local file's default application. */
  if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0 ||
      g_strcmp0 (scheme, "mailto") == 0 || g_strcmp0 (scheme, "ftp") == 0)
    {
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
      g_autoptr(GdkAppLaunchContext) context = NULL;

      if (root != NULL)
        context = gdk_display_get_app_launch_context (gtk_widget_get_display (root));
      g_app_info_launch_default_for_uri_async (uri, context ? G_APP_LAUNCH_CONTEXT (context) : NULL,
                                               NULL, launch_cb, NULL);
    }
  return TRUE;
}

static void
byline_preview_real_open_post (BylinePreview *self,
                               GFile         *file)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL && (g_application_get_flags (app) & G_APPLICATION_HANDLES_OPEN))
    g_application_open (app, &file, 1, "");
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
byline_preview_map (GtkWidget *widget)
{
  BylinePreview *self = BYLINE_PREVIEW (widget);

  GTK_WIDGET_CLASS (byline_preview_parent_class)->map (widget);
  if (self->dirty)
    schedule_render (self);
}

static void
disconnect_document (BylinePreview *self)
{
  if (self->document == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
}

static void
byline_preview_dispose (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_handle_id (&self->send_source, g_source_remove);
  byline_preview_attach_source_view (self, NULL);
  g_clear_handle_id (&self->source_sync_source, g_source_remove);
  disconnect_document (self);
  if (self->web_view != NULL)
    {
      WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->web_view);

      g_signal_handlers_disconnect_by_data (manager, self);
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      webkit_user_content_manager_unregister_script_message_handler (manager, MESSAGE_HANDLER, SCRIPT_WORLD);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  g_clear_object (&self->settings);
  release_render (g_steal_pointer (&self->sent));
  g_clear_pointer (&self->pending, render_result_free);

  G_OBJECT_CLASS (byline_preview_parent_class)->dispose (object);
}

static void
byline_preview_finalize (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_queue_free_full (self->send_queue, queued_script_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->header);
  g_free (self->base_uri);
  g_free (self->static_uri);

  G_OBJECT_CLASS (byline_preview_parent_class)->finalize (object);
}

static void
byline_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE_VIEW:
      g_value_set_object (value, self->source_view);
      break;
    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, webkit_web_view_get_zoom_level (self->web_view));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE_VIEW:
      byline_preview_attach_source_view (self, g_value_get_object (value));
      break;
    case PROP_ZOOM_LEVEL:
      set_zoom_level (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
show_message (BylinePreview *self,
              const char    *title,
              const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL && message == NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  title, message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
export_action_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BylinePreview *self = BYLINE_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = byline_preview_export_interactive_finish (self, result, &error);

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), display);

      show_message (self, title, NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _("Could Not Export"), error->message);
}

/* preview.export-html: what the window's "Export HTML…" activates (it
 * reaches it with gtk_widget_activate_action(), without linking to the
 * preview module). */
static void
export_html_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BylinePreview *self = BYLINE_PREVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  byline_preview_export_interactive_async (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           self->cancellable, export_action_done_cb, NULL);
}

/* Printing and zoom: defined at the end */
static void print_action   (GtkWidget     *widget,
                            const char    *action_name,
                            GVariant      *parameter);

static void
byline_preview_class_init (BylinePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_preview_dispose;
  object_class->finalize = byline_preview_finalize;
  object_class->get_property = byline_preview_get_property;
  object_class->set_property = byline_preview_set_property;
  widget_class->map = byline_preview_map;

  /* The Markdown source view to keep in step with (see
   * byline_preview_attach_source_view()); settable without linking to the
   * preview module. */
  properties[PROP_SOURCE_VIEW] =
    g_param_spec_object ("source-view", NULL, NULL,
                         GTK_TYPE_TEXT_VIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Zoom: the page's zoom (1.0: 100%), as the window's zoom
   * sets it; settable without linking to the preview module. */
  properties[PROP_ZOOM_LEVEL] =
    g_param_spec_double ("zoom-level", NULL, NULL,
                         0.25, 5.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preview.export-html", NULL, export_html_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);

  signals[RENDERED] =
    g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SCROLLED_TO_LINE] =
    g_signal_new ("scrolled-to-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[OPEN_LINK] =
    g_signal_new_class_handler ("open-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (byline_preview_real_open_link),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  signals[OPEN_POST] =
    g_signal_new_class_handler ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (byline_preview_real_open_post),
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* WebKit composites the page with the GPU by default. Without one (no DRM
 * render node: a virtual machine, Xvfb), Mesa's software rasteriser draws
 * every composited frame on the main thread, 5 to 12 ms each, and each
 * keystroke shown costs that. Painting without compositing costs well under
 * a millisecond there (tests/bench/bench-preview). BYLINE_PREVIEW_GPU=1 or
 * 0 overrides the guess. */
static gboolean
want_acceleration (void)
{
  static gsize result;

  if (g_once_init_enter (&result))
    {
      const char *env = g_getenv ("BYLINE_PREVIEW_GPU");
      gboolean gpu = FALSE;

      if (env != NULL && env[0] != '\0')
        gpu = g_strcmp0 (env, "0") != 0;
      else
        gpu = byline_platform_has_render_node ();
      g_once_init_leave (&result, gpu ? 2 : 1);
    }
  return result == 2;
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  /* Nothing of the preview is kept on disk: no cache, no cookies. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();
  return session;
}

static void
byline_preview_init (BylinePreview *self)
{
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(GBytes) js = NULL;
  WebKitSettings *settings;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->cancellable = g_cancellable_new ();
  self->send_queue = g_queue_new ();
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ref_string_release);
  g_ptr_array_add (self->lines, g_ref_string_new_len ("", 0));
  self->scroll_line = -1;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  js = g_resource_lookup_data (byline_get_resource (), PREVIEW_JS_RESOURCE,
                               G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (js != NULL);
  script = webkit_user_script_new_for_world (g_bytes_get_data (js, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);
  g_signal_connect_object (manager, "script-message-received::" MESSAGE_HANDLER,
                           G_CALLBACK (script_message_cb), self, 0);
  webkit_user_content_manager_register_script_message_handler (manager, MESSAGE_HANDLER, SCRIPT_WORLD);

  settings = webkit_settings_new ();
  webkit_settings_set_enable_javascript (settings, TRUE);          /* for our user script */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);  /* never the document's */
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_media_playback_requires_user_gesture (settings, TRUE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("BYLINE_PREVIEW_INSPECTOR") != NULL);
  if (!want_acceleration ())
    webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  /* site-root images from several static folders (byline-static:) */
  byline_preview_static_register (webkit_web_context_get_default ());

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", get_network_session (),
                                 "user-content-manager", manager,
                                 "settings", settings,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  g_object_unref (settings);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  /* The view takes the focus: it is named by the preview's name. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->web_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self, NULL,
                                  -1);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (web_view_decide_policy_cb), self, 0);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (web_view_context_menu_cb), self, 0);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_view_web_process_terminated_cb), self, 0);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (web_view_load_changed_cb), self, 0);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (style_manager_dark_cb), self, G_CONNECT_SWAPPED);
  apply_background (self);

  load_shell (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

GtkWidget *
byline_preview_new (void)
{
  return g_object_new (BYLINE_TYPE_PREVIEW, NULL);
}

void
byline_preview_set_document (BylinePreview  *self,
                             BylineDocument *document)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (document == NULL || BYLINE_IS_DOCUMENT (document));

  if (document == self->document)
    return;

  disconnect_document (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->in_flight = FALSE;
  self->generation++;

  if (document != NULL)
    {
      self->document = g_object_ref (document);
      g_signal_connect_object (document, "insert-text",
                               G_CALLBACK (buffer_insert_text_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "delete-range",
                               G_CALLBACK (buffer_delete_range_cb), self, G_CONNECT_SWAPPED);
      /* U+FFFC for a picture or a widget: rare in a source buffer; copy
       * the whole text again before the next render. */
      g_signal_connect_object (document, "insert-paintable",
                               G_CALLBACK (buffer_copy_out_of_step_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "insert-child-anchor",
                               G_CALLBACK (buffer_copy_out_of_step_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::front-matter",
                               G_CALLBACK (document_front_matter_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file",
                               G_CALLBACK (document_file_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::title",
                               G_CALLBACK (document_file_cb), self, G_CONNECT_SWAPPED);
    }

  lines_resync (self);
  self->n_edits++;
  self->page_flags = 0;
  if (document != NULL)
    document_front_matter_cb (self, NULL, document);
  update_location (self);
  update_header (self);
  schedule_render (self);
}

BylineDocument *
byline_preview_get_document (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  return self->document;
}

WebKitWebView *
byline_preview_get_web_view (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  return self->web_view;
}

guint
byline_preview_get_n_rendered (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);
  return self->n_rendered;
}

static void
run_line_script (BylinePreview *self,
                 const char    *function,
                 double         line)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *script = NULL;

  g_ascii_dtostr (buf, sizeof buf, line);
  script = g_strdup_printf ("window.byline.%s(%s);", function, buf);
  run_script (self, script);
}

void
byline_preview_scroll_to_line (BylinePreview *self,
                               double         line)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (!g_settings_get_boolean (self->settings, "scroll-sync"))
    return;
  if (!self->page_ready)
    {
      self->scroll_line = line;
      return;
    }
  run_line_script (self, "scrollToLine", MAX (line, 1));
}

void
byline_preview_reveal_line (BylinePreview *self,
                            double         line)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (!g_settings_get_boolean (self->settings, "scroll-sync") || !self->page_ready)
    return;
  run_line_script (self, "revealLine", MAX (line, 1));
}

typedef struct {
  GBytes              *contents;
  GFile               *file;
  char                *fallback_title;
  BylineMarkdownFlags  flags;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_bytes_unref (job->contents);
  g_object_unref (job->file);
  g_free (job->fallback_title);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (job->contents, &len);
  g_autofree char *text = g_strndup (data, len);

  html = byline_markdown_render_standalone (text, len, job->flags, job->fallback_title);
  if (!g_file_replace_contents (job->file, html, strlen (html), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Completes the caller's task (whose source object is the preview) on the
 * main thread; see render_done_cb(). */
static void
export_done_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (res), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
byline_preview_export_async (BylinePreview       *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  ExportJob *job;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_preview_export_async);

  if (self->document == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", _("There is no post to export"));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->contents = byline_document_dup_contents (self->document);
  job->file = g_object_ref (file);
  job->fallback_title = g_strdup (byline_document_get_title (self->document));
  job->flags = current_flags (self) & (BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML);
  worker = g_task_new (NULL, cancellable, export_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, job, export_job_free);
  g_task_run_in_thread (worker, export_thread);
}

gboolean
byline_preview_export_finish (BylinePreview  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* The source view                                                           */
/* ------------------------------------------------------------------------ */

/* The body line (1-based, fractional) at the top of @view. */
static double
source_top_line (GtkTextView *view)
{
  GdkRectangle visible;
  GtkTextIter iter;
  int y, height;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, NULL);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return gtk_text_iter_get_line (&iter) + 1 +
         (height > 0 ? CLAMP ((double) (visible.y - y) / height, 0, 1) : 0);
}

static gboolean
source_scrolled_idle_cb (gpointer user_data)
{
  BylinePreview *self = user_data;

  self->source_sync_source = 0;
  if (self->source_view != NULL)
    byline_preview_scroll_to_line (self, source_top_line (self->source_view));
  return G_SOURCE_REMOVE;
}

static void
source_value_changed_cb (BylinePreview *self,
                         GtkAdjustment *adjustment)
{
  if (self->syncing_source || self->source_view == NULL)
    return;
  /* After GTK has laid out the lines now in view (their heights are only
   * estimates until then); once per frame at most. */
  if (self->source_sync_source == 0)
    self->source_sync_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, source_scrolled_idle_cb, self, NULL);
}

static void
source_cursor_cb (BylinePreview *self,
                  GParamSpec    *pspec,
                  GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  int line;

  if (self->source_view == NULL || !gtk_widget_has_focus (GTK_WIDGET (self->source_view)))
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&iter);
  if (line == self->cursor_line)
    return;
  self->cursor_line = line;
  byline_preview_reveal_line (self, line + 1);
}

/* Preview to source: the line the reader scrolled to goes to the top. */
static void
preview_scrolled_cb (BylinePreview *self,
                     double         line,
                     gpointer       data)
{
  GtkTextIter iter;
  int y, height;
  double value;

  if (self->source_view == NULL || self->source_vadjustment == NULL)
    return;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (self->source_view), &iter,
                                    MAX (0, (int) line - 1));
  gtk_text_view_get_line_yrange (self->source_view, &iter, &y, &height);
  value = y + (line - (int) line) * height;

  self->syncing_source = TRUE;
  gtk_adjustment_set_value (self->source_vadjustment,
                            MIN (value, gtk_adjustment_get_upper (self->source_vadjustment) -
                                        gtk_adjustment_get_page_size (self->source_vadjustment)));
  self->syncing_source = FALSE;
}

static void
source_vadjustment_cb (BylinePreview *self,
                       GParamSpec    *pspec,
                       GtkTextView   *view)
{
  if (self->source_vadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->source_vadjustment, source_value_changed_cb, self);
      g_clear_object (&self->source_vadjustment);
    }
  if (view != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

      if (adjustment != NULL)
        {
          self->source_vadjustment = g_object_ref (adjustment);
          g_signal_connect_object (adjustment, "value-changed",
                                   G_CALLBACK (source_value_changed_cb), self, G_CONNECT_SWAPPED);
        }
    }
}

void
byline_preview_attach_source_view (BylinePreview *self,
                                   GtkTextView   *view)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (view == NULL || GTK_IS_TEXT_VIEW (view));

  if (view == self->source_view && view != NULL)
    return;

  if (self->source_view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->source_view, source_vadjustment_cb, self);
      g_signal_handlers_disconnect_by_func (gtk_text_view_get_buffer (self->source_view),
                                            source_cursor_cb, self);
      g_signal_handlers_disconnect_by_func (self, preview_scrolled_cb, NULL);
      source_vadjustment_cb (self, NULL, NULL);
      g_clear_weak_pointer (&self->source_view);
    }

  if (view == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_VIEW]);
      return;
    }

  g_set_weak_pointer (&self->source_view, view);
  self->cursor_line = -1;
  g_signal_connect_object (view, "notify::vadjustment",
                           G_CALLBACK (source_vadjustment_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (view), "notify::cursor-position",
                           G_CALLBACK (source_cursor_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "scrolled-to-line", G_CALLBACK (preview_scrolled_cb), NULL);
  source_vadjustment_cb (self, NULL, view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_VIEW]);
}

/* ------------------------------------------------------------------------ */
/* Export HTML…                                                              */
/* ------------------------------------------------------------------------ */

static void
export_interactive_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (task);

  if (!byline_preview_export_finish (BYLINE_PREVIEW (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (file), g_object_unref);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  BylinePreview *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);   /* the native dialog is ours to drop */

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Export cancelled"));
      return;
    }

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  byline_preview_export_async (self, file, g_task_get_cancellable (task),
                               export_interactive_done_cb, g_object_ref (task));
}

void
byline_preview_export_interactive_async (BylinePreview       *self,
                                         GtkWindow           *parent,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  GFile *file;
  g_autofree char *name = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_preview_export_interactive_async);

  chooser = gtk_file_chooser_native_new (_("Export HTML"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("HTML pages"));
  gtk_file_filter_add_mime_type (filter, "text/html");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  file = self->document ? byline_document_get_file (self->document) : NULL;
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *base = g_file_get_basename (file);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strconcat (base, ".html", NULL);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  else
    {
      g_autofree char *slug = byline_markdown_slugify (self->document ? byline_document_get_title (self->document) : "");

      name = g_strconcat (slug[0] ? slug : "post", ".html", NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GFile *
byline_preview_export_interactive_finish (BylinePreview  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Private API (tests, benchmarks)                                           */
/* ------------------------------------------------------------------------ */

guint
byline_preview_get_n_edits (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);
  return self->n_edits;
}

guint
byline_preview_get_shown_edit (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);
  return self->shown_edit;
}

char *
byline_preview_dup_text (BylinePreview *self)
{
  GString *out;

  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->lines->len; i++)
    g_string_append (out, g_ptr_array_index (self->lines, i));
  return g_string_free (out, FALSE);
}

gboolean
byline_preview_get_page_ready (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), FALSE);
  return self->page_ready;
}

gint64
byline_preview_get_busy_max (BylinePreview *self,
                             gint64        *cpu)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);
  if (cpu != NULL)
    *cpu = self->busy_cpu_max;
  return self->busy_max;
}

const char *
byline_preview_get_busy_cpu_where (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  return self->busy_cpu_where;
}

void
byline_preview_reset_busy_max (BylinePreview *self)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  self->busy_max = 0;
  self->busy_cpu_max = 0;
  self->busy_cpu_where = NULL;
}

void
byline_preview_get_timings (BylinePreview        *self,
                            BylinePreviewTimings *timings)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (timings != NULL);
  *timings = self->timings;
}

/* ------------------------------------------------------------------------ */
/* Zoom and printing                                                         */
/* ------------------------------------------------------------------------ */

static void
set_zoom_level (BylinePreview *self,
                double         zoom)
{
  g_assert (BYLINE_IS_PREVIEW (self));

  if (G_APPROX_VALUE (webkit_web_view_get_zoom_level (self->web_view), zoom, 1e-6))
    return;
  webkit_web_view_set_zoom_level (self->web_view, zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_LEVEL]);
}

/* The print settings chosen last (printer, paper, copies), for the next
 * "Print…" of the session. */
static GtkPrintSettings *last_print_settings;

#define PRINT_OPERATION_KEY "byline-print-operation"

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 BylinePreview        *self)
{
  g_assert (BYLINE_IS_PREVIEW (self));

  show_message (self, _("Could Not Print"), error->message);
}

static void
print_finished_cb (WebKitPrintOperation *operation,
                   BylinePreview        *self)
{
  g_assert (BYLINE_IS_PREVIEW (self));

  if (g_object_get_data (G_OBJECT (self), PRINT_OPERATION_KEY) == operation)
    g_object_set_data (G_OBJECT (self), PRINT_OPERATION_KEY, NULL);
}

/* The margins of printed pages, mm. (WebKit leaves the page's CSS @page
 * margins to the page setup.) */
#define PRINT_MARGIN_TOP     20
#define PRINT_MARGIN_BOTTOM  22
#define PRINT_MARGIN_SIDES   18

WebKitPrintOperation *
byline_preview_new_print_operation (BylinePreview *self)
{
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  WebKitPrintOperation *operation;

  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);

  settings = last_print_settings != NULL ? gtk_print_settings_copy (last_print_settings)
                                         : gtk_print_settings_new ();
  /* "Print to File" suggests a file named after the post. */
  if (self->document != NULL)
    {
      const char *title = byline_document_get_title (self->document);

      if (title != NULL && title[0] != '\0')
        gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, title);
    }

  /* The paper of the locale (or the one chosen last), with margins an
   * article needs rather than the printer's least. */
  if (last_print_settings != NULL && gtk_print_settings_get_paper_size (last_print_settings) != NULL)
    {
      GtkPaperSize *paper = gtk_print_settings_get_paper_size (last_print_settings);

      gtk_page_setup_set_paper_size (page_setup, paper);
      gtk_paper_size_free (paper);
    }
  gtk_page_setup_set_top_margin (page_setup, PRINT_MARGIN_TOP, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, PRINT_MARGIN_BOTTOM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, PRINT_MARGIN_SIDES, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, PRINT_MARGIN_SIDES, GTK_UNIT_MM);

  operation = webkit_print_operation_new (self->web_view);
  webkit_print_operation_set_print_settings (operation, settings);
  webkit_print_operation_set_page_setup (operation, page_setup);
  return operation;
}

/* preview.print: what the window's "Print…" activates. GTK's print dialog,
 * transient for the window, then WebKit prints the page as shown, with its
 * print style (byline-page.css, @media print: black on white, whatever the
 * style of the preview). */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BylinePreview *self = BYLINE_PREVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  WebKitPrintOperation *operation;
  WebKitPrintOperationResponse response;

  /* One at a time: the dialog is modal, but a print may still be going. */
  if (g_object_get_data (G_OBJECT (self), PRINT_OPERATION_KEY) != NULL)
    return;

  operation = byline_preview_new_print_operation (self);
  /* Kept until it is finished (or the preview goes). */
  g_object_set_data_full (G_OBJECT (self), PRINT_OPERATION_KEY, operation, g_object_unref);
  g_signal_connect_object (operation, "failed", G_CALLBACK (print_failed_cb), self, 0);
  g_signal_connect_object (operation, "finished", G_CALLBACK (print_finished_cb), self, 0);

  /* (Runs the dialog in a main loop of its own until it is answered.) */
  response = webkit_print_operation_run_dialog (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  if (response == WEBKIT_PRINT_OPERATION_RESPONSE_PRINT)
    {
      g_clear_object (&last_print_settings);
      last_print_settings = gtk_print_settings_copy (webkit_print_operation_get_print_settings (operation));
    }
  else if (g_object_get_data (G_OBJECT (self), PRINT_OPERATION_KEY) == operation)
    g_object_set_data (G_OBJECT (self), PRINT_OPERATION_KEY, NULL);
}
