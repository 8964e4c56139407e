/* byline-preview-static.h: the preview's site-root paths ("/images/x.png")
 * served from the site's static folders, the first folder holding the file
 * winning, as Hugo publishes them (its staticDirs, then the themes'
 * static/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <webkit/webkit.h>

#include "byline-site-config.h"

G_BEGIN_DECLS

/* Registers the byline-static: scheme on @context (once per context).
 * Call on the main thread before the context's first page loads. */
void   byline_preview_static_register (WebKitWebContext *context);

/* Where the preview points site-root paths of a post in the site of
 * @config (a URI ending in '/', for byline_render_new()'s static_uri):
 * the folder's file: URI when only one of the site's static folders
 * exists, else a byline-static: URI that looks in each in turn. NULL when
 * the site has no static folder (no site). Blocks on disk; safe in any
 * thread. */
char  *byline_preview_static_uri_for  (BylineSiteConfig *config,
                                       GCancellable     *cancellable);

G_END_DECLS
