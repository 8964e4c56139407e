/* byline-platform.h: what the machine Byline runs on can do. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean byline_platform_has_render_node (void);

/* @file's name as people read it: its path (or URI), the home folder
 * written "~" ("~/blog/content/posts"). */
char    *byline_platform_display_path    (GFile *file);

/* Runs @func for @task (as g_task_run_in_thread() does) in a thread of
 * its own that yields to the main thread: its nice value is set 10 above
 * the main thread's once, when it starts, so on a machine with few cores
 * the main thread drawing a keystroke comes first, while the work still
 * gets its share when other programs keep the cores busy. One thread,
 * first come first served: for work that runs one at a time, such as
 * rendering the preview. */
void     byline_platform_run_in_background (GTask           *task,
                                            GTaskThreadFunc  func);

/* Background work that must not hold up another's: each queue has a
 * thread of its own, as byline_platform_run_in_background() describes
 * (which is the preview's queue). */
typedef enum {
  BYLINE_BACKGROUND_PREVIEW,   /* rendering the preview */
  BYLINE_BACKGROUND_CHECKS,    /* checking the body (its links) */
  BYLINE_BACKGROUND_N_QUEUES
} BylineBackgroundQueue;

void     byline_platform_run_in_queue      (BylineBackgroundQueue  queue,
                                            GTask                 *task,
                                            GTaskThreadFunc        func);

/* Lowers the priority of this process's helpers: every thread of each
 * process started by it (directly or further down) whose name begins with
 * @name_prefix gets a nice value @increment above the main thread's,
 * unless it is already that low. For WebKit's web process, so that the
 * page drawing after a keystroke never delays the next keystroke's frame.
 * Other programs Byline starts (a browser for a link) are left alone.
 * Returns the number of threads lowered; 0 where Linux's /proc is
 * missing. Reads /proc: call it from a worker thread. */
guint    byline_platform_lower_helpers   (const char *name_prefix,
                                          int         increment);

G_END_DECLS
