/* byline-preview.h: the live preview, a WebKitWebView showing the post
 * rendered by byline-markdown, updated in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "byline-document.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PREVIEW (byline_preview_get_type ())

G_DECLARE_FINAL_TYPE (BylinePreview, byline_preview, BYLINE, PREVIEW, GtkWidget)

GtkWidget      *byline_preview_new           (void);
/* Follows @document: renders its body and front matter after each change
 * (debounced, off the main thread for large posts). */
void            byline_preview_set_document  (BylinePreview  *self,
                                              BylineDocument *document);
BylineDocument *byline_preview_get_document  (BylinePreview  *self);
WebKitWebView  *byline_preview_get_web_view  (BylinePreview  *self);
/* Number of updates the page has confirmed showing (for tests and
 * benchmarks; "rendered" is emitted each time it grows). */
guint           byline_preview_get_n_rendered (BylinePreview *self);

G_END_DECLS
