/* byline-site-link.h: the Markdown link from one post to another post of
 * the same site, written the way the site's generator resolves it: Hugo's
 * {{< ref >}}, Jekyll's {% post_url %} and {% link %}, or a relative path
 * for a folder that is no site.
 *
 * GTK-free; no disk access.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-site-config.h"

G_BEGIN_DECLS

/* @text with the characters that would end or change a Markdown link's
 * text (`[`, `]` and `\`) escaped with a backslash. */
char *byline_site_link_escape_text (const char       *text);

/* The destination of a link to @post:
 * - Hugo (@config of kind BYLINE_SITE_KIND_HUGO): {{< ref "PATH" >}}, PATH
 *   @post's path as Hugo sees it under content/
 *   (byline_site_config_dup_content_path(): the content folder holding it,
 *   a language's contentDir, a module mount), with `/` separators; a page
 *   bundle's index file gives its folder ("posts/my-trip");
 * - Jekyll: a post below a _posts folder gives {% post_url NAME %}, NAME
 *   its path below _posts without the extension; any other page
 *   {% link PATH %}, PATH relative to the site's source;
 * - no site (@config NULL or of kind BYLINE_SITE_KIND_NONE), or a post
 *   outside the site's content: @post's path relative to @from's folder,
 *   percent-encoded where a Markdown link destination needs it
 *   ("../other%20post.md").
 * @from is the post the link is written in; NULL for a post not saved yet.
 * Returns NULL when no link can be made (a relative one from no @from). */
char *byline_site_link_dup_destination (BylineSiteConfig *config,
                                        GFile            *from,
                                        GFile            *post);

/* [@text](destination), @text escaped with byline_site_link_escape_text();
 * NULL when byline_site_link_dup_destination() is. */
char *byline_site_link_for_post        (BylineSiteConfig *config,
                                        GFile            *from,
                                        GFile            *post,
                                        const char       *text);

G_END_DECLS
