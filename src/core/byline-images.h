/* byline-images.h: images dropped on a post or chosen for it: where they
 * go and how the post links them.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_IMAGES_ERROR (byline_images_error_quark ())

typedef enum {
  BYLINE_IMAGES_ERROR_NOT_AN_IMAGE,   /* a file that is not an image (or a folder) */
  BYLINE_IMAGES_ERROR_NO_POST_FILE,   /* the post has not been saved yet */
} BylineImagesError;

GQuark      byline_images_error_quark   (void);

/* How @image (an existing file) is to be used by the post saved at @post:
 *
 *  - an image already inside one of the site's static folders (Hugo:
 *    each staticDir of its configuration, default static/, and the
 *    themes' static/) is linked from the site root, "/images/a.png", and
 *    not copied;
 *  - an image already in the post's folder or below it is linked
 *    relatively, "a.png" or "img/a.png", and not copied (except beside a
 *    Hugo post that is not a page bundle: Hugo doesn't publish it there);
 *  - otherwise it is copied: for a post of a Hugo site that is not a page
 *    bundle (index.md or _index.md), into STATIC/images/ (STATIC: the
 *    site's first staticDir, byline_site_config_get_static_dir()) and linked as
 *    "/images/NAME"; else next to the post and linked as "NAME".
 *
 * A copy never replaces a file: NAME gets "-2", "-3"… before its extension
 * when taken. Links are URL-escaped where needed (spaces as %20), with "/"
 * separators. Sets @copy_to to the destination (NULL when there is nothing
 * to copy) and returns the link. Fails with BYLINE_IMAGES_ERROR_NOT_AN_IMAGE
 * when @image is not an image (by content type). Blocks on disk. */
char       *byline_images_plan          (GFile         *post,
                                         GFile         *image,
                                         GFile        **copy_to,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Plans and copies each of @images (a GList of GFile) for @post, in a
 * worker thread; the result is the Markdown to insert, one image per line:
 * "![Alt text](link)", the alt text made from the file name ("my-photo.jpg"
 * gives "My photo"). Files that are not images are skipped; when none is
 * an image, fails with BYLINE_IMAGES_ERROR_NOT_AN_IMAGE; with @post NULL
 * (a post not saved yet), with BYLINE_IMAGES_ERROR_NO_POST_FILE. A failed
 * copy fails the whole call, with a message naming the file; copies already
 * made stay. */
void        byline_images_import_async  (GFile               *post,
                                         GList               *images,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char       *byline_images_import_finish (GAsyncResult        *result,
                                         GError             **error);

/* Plans and copies @image for @post as byline_images_import_async() does,
 * in a worker thread; the result is the link alone ("/images/a.png",
 * "a.png"), for the front matter's image fields. Fails as
 * byline_images_import_async() does (NOT_AN_IMAGE, NO_POST_FILE, a failed
 * copy). */
void        byline_images_link_async    (GFile               *post,
                                         GFile               *image,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char       *byline_images_link_finish   (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
