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
/* As byline_post_load_finish(), also giving the file's entity tag as read
 * (for byline_post_save_with_etag()); @etag may be NULL. */
GBytes   *byline_post_load_finish_with_etag (GFile         *file,
                                             GAsyncResult  *result,
                                             char         **etag,
                                             GError       **error);
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

/* As byline_post_save*(), but when @etag is not NULL, only if the file on
 * disk still has that entity tag: when another program changed it since,
 * fails with G_IO_ERROR_WRONG_ETAG and writes nothing. @new_etag (may be
 * NULL) is the saved file's tag. */
gboolean  byline_post_save_with_etag        (GFile               *file,
                                             GBytes              *contents,
                                             const char          *etag,
                                             char               **new_etag,
                                             GCancellable        *cancellable,
                                             GError             **error);
void      byline_post_save_with_etag_async  (GFile               *file,
                                             GBytes              *contents,
                                             const char          *etag,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  byline_post_save_with_etag_finish (GFile               *file,
                                             GAsyncResult        *result,
                                             char               **new_etag,
                                             GError             **error);

G_END_DECLS
