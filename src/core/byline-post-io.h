/* byline-post-io.h: reading and saving posts, the one save path shared by the
 * app and byline-post. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @file in a worker thread. Fails with a message a person understands
 * when it is missing, a folder, unreadable, not UTF-8 or binary
 * (BYLINE_FRONT_MATTER_ERROR_NOT_TEXT); nothing is written anywhere. */
void      byline_post_load_async  (GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Full reference to the file's bytes. */
GBytes   *byline_post_load_finish (GFile               *file,
                                   GAsyncResult        *result,
                                   GError             **error);
GBytes   *byline_post_load        (GFile               *file,
                                   GCancellable        *cancellable,
                                   GError             **error);

/* Saves @contents to @file atomically (a temporary file in the same folder,
 * then rename), keeping the file's permissions. On failure the original is
 * untouched. */
void      byline_post_save_async  (GFile               *file,
                                   GBytes              *contents,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  byline_post_save_finish (GFile               *file,
                                   GAsyncResult        *result,
                                   GError             **error);
gboolean  byline_post_save        (GFile               *file,
                                   GBytes              *contents,
                                   GCancellable        *cancellable,
                                   GError             **error);

G_END_DECLS
