/* byline-link-check.h: the local links of a post's body that point at
 * nothing: links and images beside the post, site-root paths in the site's
 * static folders, Hugo's ref and relref and Jekyll's post_url and link
 * found as the preview finds them when clicked. Never the network: URLs
 * (https:, mailto:, //host) are not checked.
 *
 * GTK-free. Blocks on disk: call it in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-site-config.h"

G_BEGIN_DECLS

typedef struct {
  /* What to mark, in bytes of the body… */
  gsize  start;
  gsize  end;
  /* …and as GtkTextBuffer counts: lines end at \n, \r\n, \r or U+2029,
   * the index is the byte in the line. */
  guint  start_line;
  guint  start_index;
  guint  end_line;
  guint  end_index;
  char  *message;   /* for people: what is missing */
} BylineLinkProblem;

void       byline_link_problem_free   (BylineLinkProblem *problem);

/* The broken local links of @body (@len bytes, -1: NUL-terminated):
 * - images (![a](src), <img src>, the figure shortcode's src) found as
 *   byline_image_link_resolve() finds them;
 * - links to posts (.md, .markdown) beside the post or, like Hugo's ref,
 *   relref, Jekyll's post_url and link, by byline_link_check_find_post();
 * - links to other files (a .pdf) as images are found.
 * - "#anchors" against the ids the preview gives the post's headings
 *   (not checked where a {#id} attribute or raw HTML's id or name may
 *   make others).
 * Not checked: URLs, and addresses of the site's pages and
 * feeds, which depend on its permalinks (no extension, .html, .xml,
 * .json). A reference link ("[t][ref]") is marked where it is fixed: at
 * its definition's destination ("[ref]: dest"), once however many links
 * use it (at the link itself only when the definition can't be placed:
 * byline_markdown_dup_link_definitions()); a definition no link uses is
 * marked too when broken; a reference defined nowhere is text, not a link.
 * The body of the post saved at @post (NULL: not saved yet; then nothing can be
 * checked and the result is empty) in the site @config describes (NULL:
 * read it for @post). Each file is looked for once per call. In order.
 * Free with g_ptr_array_unref. */
GPtrArray *byline_link_check          (const char        *body,
                                       gssize             len,
                                       GFile             *post,
                                       BylineSiteConfig  *config,
                                       GCancellable      *cancellable);

/* The post that @path, a link written in @post (NULL: not saved yet),
 * points at, as Hugo's ref and relref and Jekyll's post_url and link look:
 * the path itself, else with .md or .markdown, or a page bundle's
 * index.md or _index.md; beside @post, then in each of the site's content
 * folders, then (Jekyll) in _posts/. A path starting with '/' is looked
 * for in the content folders only. @config may be NULL (beside @post
 * only). NULL when there is none. Blocks on disk. */
GFile     *byline_link_check_find_post (GFile            *post,
                                        BylineSiteConfig *config,
                                        const char       *path,
                                        GCancellable     *cancellable);

G_END_DECLS
