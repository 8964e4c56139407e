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
