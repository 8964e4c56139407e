/* byline-link-checker.h: marks the broken local links of a GtkSourceView's
 * text (byline-link-check.h), as a spell checker marks words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* The tag the checker adds to the view's buffer over broken links (private
 * to it; named so that tests can find it). */
#define BYLINE_LINK_TAG_BROKEN "byline-link-broken"

#define BYLINE_TYPE_LINK_CHECKER (byline_link_checker_get_type ())

G_DECLARE_FINAL_TYPE (BylineLinkChecker, byline_link_checker, BYLINE, LINK_CHECKER, GObject)

/* Checks the links of @view's buffer (a BylineDocument: the post's file
 * says where the links start from) while "enabled" is TRUE: a moment after
 * typing stops, in a worker thread, on a copy of the text. Broken links get
 * an orange wavy underline and a tooltip saying what is missing. The
 * checker never changes the text. */
BylineLinkChecker *byline_link_checker_new          (GtkSourceView     *view);

gboolean           byline_link_checker_get_enabled  (BylineLinkChecker *self);
void               byline_link_checker_set_enabled  (BylineLinkChecker *self,
                                                     gboolean           enabled);
/* Checks again soon (files may have come or gone). */
void               byline_link_checker_queue_check  (BylineLinkChecker *self);
/* Moves the cursor to the next broken link after it (from the start after
 * the last one) and scrolls to it. FALSE when there is none. */
gboolean           byline_link_checker_next_problem (BylineLinkChecker *self);

/* The message for the broken link at @iter, or NULL. Borrowed. */
const char        *byline_link_checker_get_message_at (BylineLinkChecker *self,
                                                       const GtkTextIter *iter);

/* For tests and benchmarks: how many checks were applied so far, the
 * broken links the last one found, and its times (µs): copying the text
 * and applying the marks on the main thread (in all, and the longest
 * slice), the check in the worker. */
guint              byline_link_checker_get_n_checks (BylineLinkChecker *self);
guint              byline_link_checker_get_n_problems (BylineLinkChecker *self);
void               byline_link_checker_get_times    (BylineLinkChecker *self,
                                                     gint64            *snapshot_us,
                                                     gint64            *worker_us,
                                                     gint64            *apply_us,
                                                     gint64            *apply_max_us);

G_END_DECLS
