/* byline-positions.h: where the cursor was in each post when its window
 * closed, kept across runs so that a post opens where it was left, as in
 * GNOME Text Editor. GTK-free.
 *
 * Kept in the user's data folder (byline/positions.ini, a GKeyFile: one
 * group per post's URI), for the BYLINE_POSITIONS_MAX posts closed most
 * recently. Lines and columns count from 0 in the post's body, columns in
 * characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_POSITIONS_MAX 200

/* Looks up @file's position, in a worker thread. finish() returns FALSE
 * without an error when none is kept. */
void     byline_position_lookup_async  (GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean byline_position_lookup_finish (GAsyncResult        *result,
                                        guint               *line,
                                        guint               *column,
                                        GError             **error);
/* The same, blocking. */
gboolean byline_position_lookup       (GFile               *file,
                                        guint               *line,
                                        guint               *column);

/* Keeps @line and @column as @file's position, in a worker thread (the
 * file is written atomically; the oldest positions beyond
 * BYLINE_POSITIONS_MAX are dropped). */
void     byline_position_store_async   (GFile               *file,
                                        guint                line,
                                        guint                column,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean byline_position_store_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
