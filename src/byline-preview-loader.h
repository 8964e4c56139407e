/* byline-preview-loader.h: the preview, made on demand.
 *
 * The preview is the only part of Byline that uses WebKit, and loading
 * WebKit's libraries takes longer than everything else Byline does before
 * its first frame. So the byline executable is not linked with WebKit: it
 * loads the preview as a module (libbyline-preview.so) once the post is on
 * screen. Programs linked with the preview itself (the tests) get it
 * directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "byline-document.h"

G_BEGIN_DECLS

/* A new BylinePreview following @document, or NULL with @error set when the
 * preview module can't be loaded. */
/* Loading the preview module (WebKit's libraries) takes a while: this opens
 * it in a worker thread; byline_preview_loader_create() is then quick. */
void       byline_preview_loader_load_async  (GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   byline_preview_loader_load_finish (GAsyncResult         *result,
                                              GError              **error);
gboolean   byline_preview_loader_is_loaded   (void);
/* Opens the module if needed (blocking) and makes a preview of @document. */
GtkWidget *byline_preview_loader_create      (BylineDocument       *document,
                                              GError              **error);

G_END_DECLS
