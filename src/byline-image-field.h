/* byline-image-field.h: what an image field of the front matter form adds
 * to its text entry: a thumbnail of the image its value points at, and a
 * button to choose an image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "byline-document.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE_FIELD (byline_image_field_get_type ())

G_DECLARE_FINAL_TYPE (BylineImageField, byline_image_field, BYLINE, IMAGE_FIELD, GtkWidget)

typedef enum {
  BYLINE_IMAGE_FIELD_EMPTY,       /* no value */
  BYLINE_IMAGE_FIELD_LOADING,     /* the first look-up has not finished */
  BYLINE_IMAGE_FIELD_THUMBNAIL,   /* the image is shown */
  BYLINE_IMAGE_FIELD_NOT_FOUND,   /* no file where the value points */
  BYLINE_IMAGE_FIELD_URL,         /* a web address: a link icon, never fetched */
  BYLINE_IMAGE_FIELD_UNREADABLE,  /* a file that can't be shown as an image */
  BYLINE_IMAGE_FIELD_UNSAVED,     /* a relative path in a post not saved yet */
} BylineImageFieldState;

/* Follows @entry's text (the value as written; after a pause while it is
 * being edited) and @document's file (what relative paths are relative
 * to). Both are borrowed: the field lives in the entry's row. */
GtkWidget             *byline_image_field_new          (BylineDocument   *document,
                                                        GtkEditable      *entry);

/* The thumbnail alone, of @link (an item of a list of images). */
GtkWidget             *byline_image_field_new_thumbnail (BylineDocument  *document,
                                                        const char       *link);
/* The Choose Image button alone (to add an image to a list). */
GtkWidget             *byline_image_field_new_button   (BylineDocument   *document);

/* The value shown: the entry's text, else the link given. Borrowed. */
const char            *byline_image_field_get_link     (BylineImageField *self);
BylineImageFieldState  byline_image_field_get_state    (BylineImageField *self);
/* The thumbnail shown (a GdkTexture), or NULL. Borrowed. */
GdkPaintable          *byline_image_field_get_paintable (BylineImageField *self);
/* The file shown, or looked for in vain; NULL for the other states.
 * Borrowed. */
GFile                 *byline_image_field_get_file     (BylineImageField *self);

/* What choosing @image in the Choose Image dialog does: copies it where the
 * site publishes the post's images (byline_images_link_async()), then
 * emits ::link-chosen with its link, and ::links-chosen with the links of
 * every image of the choice (of a drop: several); on failure, ::failed
 * with a message. */
void                   byline_image_field_choose_file  (BylineImageField *self,
                                                        GFile            *image);

/* Makes @widget (the field's row; borrowed) take image files dropped on
 * it, highlighted while they are dragged over it: each is chosen as
 * byline_image_field_choose_file() does (a field with an entry takes one
 * file, the Choose Image button alone of a list takes several, in order).
 * Files whose names say they are no images, or several files for one
 * image, are refused; these refusals and the failures of a drop are shown
 * in a toast of the window's AdwToastOverlay (::failed without one). */
void                   byline_image_field_take_drops   (BylineImageField *self,
                                                        GtkWidget        *widget);

G_END_DECLS
