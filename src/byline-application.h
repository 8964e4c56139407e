/* byline-application.h: the application, owner of the windows (one per post).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_APPLICATION (byline_application_get_type ())

G_DECLARE_FINAL_TYPE (BylineApplication, byline_application, BYLINE, APPLICATION, AdwApplication)

typedef struct _BylineWindow BylineWindow;

BylineApplication *byline_application_new             (void);
/* Opens @file in a new window, or presents the window that already has it
 * (or is loading it). Returns the window (borrowed). */
BylineWindow      *byline_application_open_file       (BylineApplication *self,
                                                       GFile             *file);
/* A new window with a new untitled post, presented. Borrowed. */
BylineWindow      *byline_application_new_post        (BylineApplication *self);
/* The window showing @file, or NULL. Borrowed. */
BylineWindow      *byline_application_find_window     (BylineApplication *self,
                                                       GFile             *file);
/* Opens, once per run, a window for each new post an earlier session never
 * saved (its draft was kept: byline-drafts.h), in place of an untouched new
 * post. activate and open call it. */
void               byline_application_recover_drafts  (BylineApplication *self);
typedef enum {
  BYLINE_BENCH_NONE,
  BYLINE_BENCH_FIRST_FRAME,   /* BYLINE_BENCH_FIRST_FRAME=1 */
  BYLINE_BENCH_PREVIEW,       /* BYLINE_BENCH_FIRST_FRAME=preview */
} BylineBenchMode;

/* For tests/bench/bench-startup: the first window prints
 * "byline-first-frame" on stdout once it has drawn its post, then quits;
 * in BYLINE_BENCH_PREVIEW it goes on until the preview has rendered the
 * post, prints "byline-preview-rendered", then quits. */
BylineBenchMode    byline_application_get_bench_mode  (BylineApplication *self);

G_END_DECLS
