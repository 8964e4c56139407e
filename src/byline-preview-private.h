/* byline-preview-private.h: what tests and benchmarks look at inside the
 * preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-preview.h"

G_BEGIN_DECLS

/* Buffer changes seen so far (each insert or delete counts one). */
guint   byline_preview_get_n_edits      (BylinePreview *self);
/* The number of edits included in the last update the page showed. */
guint   byline_preview_get_shown_edit   (BylinePreview *self);
/* The preview's own copy of the body, kept in step with the buffer
 * line by line (so no keystroke copies the whole text). */
char   *byline_preview_dup_text         (BylinePreview *self);
/* The longest time one of the preview's own main-thread callbacks took
 * (a keystroke's bookkeeping, starting a render, sending an update, a
 * message from the page) since the last reset, in µs of wall-clock time;
 * @cpu (nullable): the longest in CPU time of the main thread. */
gint64  byline_preview_get_busy_max     (BylinePreview *self,
                                         gint64        *cpu);
/* Which callback took that longest CPU time (its function's name, static;
 * NULL: none since the reset). */
const char *byline_preview_get_busy_cpu_where (BylinePreview *self);
void    byline_preview_reset_busy_max   (BylinePreview *self);
/* The last update sent to the page, step by step (monotonic times, µs; 0:
 * not yet): the render started on the main thread, the worker's time
 * (joining the lines, rendering, comparing, building the script), the
 * main thread got the result, sent it, the page applied it (and the time
 * its script took there), and the page reported the frame after it. */
typedef struct {
  gint64 started;
  gint64 worker_us;
  gint64 rendered;
  gint64 sent;
  gint64 applied;
  gint64 page_us;
  gint64 shown;
} BylinePreviewTimings;

void    byline_preview_get_timings      (BylinePreview        *self,
                                         BylinePreviewTimings *timings);
/* TRUE once the page shell is loaded and its script is running. */
gboolean byline_preview_get_page_ready  (BylinePreview *self);

/* Printing: a print operation of the page as "Print…" makes it
 * (the session's last print settings, the article's margins), for the
 * caller to print (full reference). */
WebKitPrintOperation *byline_preview_new_print_operation (BylinePreview *self);

G_END_DECLS
