/* byline-drafts.h: unsaved changes kept on disk while a post is edited, so
 * that a crash or a power cut does not lose them. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the draft of @file is kept: a file in the user's data folder
 * (byline/drafts), named after @file's URI. */
GFile    *byline_draft_get_file      (GFile               *file);

/* A key standing for a new post that has no file yet, to pass to the
 * functions here in place of a file. Its draft is kept apart, so that
 * byline_drafts_find_untitled_async() finds it after a crash. A new key
 * each call. Full reference. */
GFile    *byline_draft_new_untitled_key (void);

/* The keys of the new posts whose drafts an earlier session left (a crash,
 * a power cut), the oldest first, in a worker thread. Never NULL: an empty
 * array when there are none. */
void       byline_drafts_find_untitled_async  (GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *byline_drafts_find_untitled_finish (GAsyncResult        *result,
                                               GError             **error);

/* Writes @contents (the whole post as it would be saved) as @file's draft,
 * atomically, in a worker thread. */
void      byline_draft_save_async    (GFile               *file,
                                      GBytes              *contents,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  byline_draft_save_finish   (GAsyncResult        *result,
                                      GError             **error);

/* Reads @file's draft in a worker thread: NULL without an error when there
 * is none. */
void      byline_draft_load_async    (GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GBytes   *byline_draft_load_finish   (GAsyncResult        *result,
                                      GError             **error);

/* Removes @file's draft, if any, in a worker thread; a write asked for
 * before never lands after it. byline_draft_delete() does not wait. */
void      byline_draft_delete_async  (GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  byline_draft_delete_finish (GAsyncResult        *result,
                                      GError             **error);
void      byline_draft_delete        (GFile               *file);

G_END_DECLS
