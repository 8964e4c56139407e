/* byline-preview.h: the live preview, a WebKitWebView showing the post
 * rendered by byline-markdown, updated in place.
 *
 * Signals:
 *   "rendered" ()                    the page has shown one more update
 *   "scrolled-to-line" (double line) the reader scrolled the preview; @line
 *                                    (1-based body line, fractional) is the
 *                                    line at the top of the preview. Not
 *                                    emitted while scroll-sync is off.
 *   "open-link" (const char *uri) → gboolean
 *                                    a link was clicked; the default opens a
 *                                    relative .md link as "open-post" and
 *                                    anything else in the system browser.
 *                                    Return TRUE to handle it yourself.
 *   "open-post" (GFile *file)        a link to a Markdown file; the default
 *                                    opens it with g_application_open().
 *
 * Property "source-view" (GtkTextView): the Markdown source view to keep in
 * step with, as byline_preview_attach_source_view() does.
 * Action "preview.export-html": "Export HTML…" (asks where, writes, then a
 * toast in the nearest AdwToastOverlay, or a dialog on error). A window that
 * loads the preview as a module reaches both without linking to it:
 *   g_object_set (preview, "source-view", source_view, NULL);
 *   gtk_widget_activate_action (preview, "preview.export-html", NULL);
 *
 * Zoom and printing: property "zoom-level" (double, 1.0: 100%),
 * the page's zoom; action "preview.print": "Print…" (GTK's print dialog,
 * transient for the window, then the page printed with its print style).
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

/* Scroll sync, source to preview: puts body line @line (1-based,
 * fractional: 12.5 is halfway through line 12) at the top of the preview.
 * Does nothing while the scroll-sync setting is off. */
void            byline_preview_scroll_to_line (BylinePreview *self,
                                               double         line);
/* Scrolls the preview only when body line @line is out of its view (to
 * follow the cursor). Does nothing while scroll-sync is off. */
void            byline_preview_reveal_line   (BylinePreview  *self,
                                              double          line);

/* Keeps @view (the Markdown source view showing the document) and the
 * preview in step both ways: scrolling the source scrolls the preview to
 * the same line, moving the cursor out of the preview's view follows it,
 * and scrolling the preview scrolls the source. All off while the
 * scroll-sync setting is off. @view may be NULL to stop. */
void            byline_preview_attach_source_view (BylinePreview *self,
                                                   GtkTextView   *view);

/* Writes the standalone HTML of the document (byline-post render's page:
 * CSS inlined, no script) to @file, rendering in a worker thread. */
void            byline_preview_export_async  (BylinePreview       *self,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean        byline_preview_export_finish (BylinePreview       *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* "Export HTML…": asks where with a file chooser (transient for @parent),
 * then exports there. finish() returns the file written (full reference),
 * or NULL with G_IO_ERROR_CANCELLED when the person cancelled, or another
 * error to show. */
void            byline_preview_export_interactive_async  (BylinePreview       *self,
                                                          GtkWindow           *parent,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GFile          *byline_preview_export_interactive_finish (BylinePreview       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
