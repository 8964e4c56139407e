/* byline-image-link.h: front matter values that name an image (a post's
 * cover, thumbnail, featured image): which fields they are, and the file a
 * value points at, found as the preview finds images.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-site-config.h"

G_BEGIN_DECLS

typedef enum {
  BYLINE_IMAGE_LINK_EMPTY,     /* nothing (or only blanks) */
  BYLINE_IMAGE_LINK_URL,       /* a URL with a scheme other than file: ("https://…", "data:…"), or "//host/…" */
  BYLINE_IMAGE_LINK_FOUND,     /* a local file that exists */
  BYLINE_IMAGE_LINK_MISSING,   /* a local path that names no regular file */
  BYLINE_IMAGE_LINK_NO_POST,   /* a relative path, and the post is not saved yet */
} BylineImageLinkKind;

/* TRUE when a field called @key holds an image, by its name alone, compared
 * case-insensitively with '_' and '-' left out (featured_image,
 * featuredImage and Featured-Image are one name):
 *
 *   image, images, img, thumbnail, thumbnails, thumb, cover, featured,
 *   banner, hero, teaser, photo, picture, poster, screenshot, og, and any
 *   name ending in "image" or "images" (cover_image, feature_image,
 *   featureImage, og_image, header_image, overlay_image, social_image,
 *   heroImage, …), each of these also followed by path, url, src or file
 *   (image_path, imageUrl, cover_src, og_image_url).
 *
 * Nested fields are named by their last key: PaperMod's cover.image and
 * Minimal Mistakes' header.image, header.teaser, header.overlay_image all
 * match. */
gboolean             byline_image_link_key_is_image   (const char *key);

/* TRUE when @value (one line) ends in an image file's extension, before
 * any "?query" or "#fragment": .png .jpg .jpeg .gif .webp .svg .avif,
 * case-insensitively. */
gboolean             byline_image_link_looks_like_image (const char *value);

/* TRUE when a field called @key (NULL: an item of a list not known to
 * hold images) whose value is the string @value (NULL: no value yet) is an
 * image field: its key names an image and its value is empty or could be
 * a path (no blanks, or a '/' or a '.': not "Welcome to my blog", which a
 * theme's `hero` or `banner` may hold); or its value looks like an image
 * whatever the key (byline_image_link_looks_like_image()). */
gboolean             byline_image_link_is_image_field (const char *key,
                                                       const char *value);

/* What @link, the value of an image field of the post saved at @post (NULL:
 * not saved yet) in the site @config describes (NULL: not known), points at,
 * as the preview resolves an image: leading and trailing blanks ignored,
 * "?query" and "#fragment" dropped, %XX escapes decoded (as a URL is; the
 * value as written when it holds an invalid escape), then
 *
 *  - "https://…", "data:…", "//host/…": BYLINE_IMAGE_LINK_URL (never
 *    fetched); "file:///…": that file;
 *  - a site-root path ("/images/a.png"): the first of the site's static
 *    folders holding it (byline_site_config_resolve_static()); in no site
 *    (no static folder), the absolute path itself;
 *  - a relative path: beside the post, in the post's folder; when not
 *    there and the site is a Hugo site, from the site root as Hugo's
 *    absURL makes it ("images/a.png" as "/images/a.png").
 *
 * Sets @file (nullable) to the file found (FOUND), or to the first place
 * looked (MISSING), else NULL. Blocks on disk: call it in a worker thread. */
BylineImageLinkKind  byline_image_link_resolve        (GFile             *post,
                                                       BylineSiteConfig  *config,
                                                       const char        *link,
                                                       GFile            **file,
                                                       GCancellable      *cancellable);

G_END_DECLS
