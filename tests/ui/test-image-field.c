/* test-image-field.c: image fields of the front matter form (a cover, a
 * thumbnail), driven through the real widgets: the thumbnail of the file a
 * value points at, the not-found and web-address states, and choosing an
 * image (what the file chooser's response does, with a GFile), which copies
 * it where the site publishes images and changes only that value's bytes,
 * as one undo step.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-image-field"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-image-field.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

/* Every kind of image field, and fields that are not. */
static const char post_text[] =
  "---\n"
  "# the cover is beside the post\n"
  "title: \"A trip\"\n"
  "image: cover.png\n"
  "thumbnail: '/images/none.png'\n"
  "cover:\n"
  "  image: missing.jpg\n"
  "  alt: \"The sea\"\n"
  "featured_image: https://example.org/a.jpg\n"
  "og_image:\n"
  "photo_credit: \"photo.png\"   # an image by its extension\n"
  "banner: broken.png\n"
  "hero: \"Welcome to my blog\"\n"
  "caption: \"Hello\"\n"
  "count: 3\n"
  "---\n"
  "\n"
  "The body.\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* Writes a @width × @height PNG to @dir/@name; the caller frees the path. */
static char *
write_png (const char *dir,
           const char *name,
           int         width,
           int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  char                  *dir;
  char                  *path;
  GBytes                *original;
  GtkWidget             *window;
  BylineFrontMatterForm *form;
  BylineDocument        *document;
} Fixture;

/* Writes @text to @dir/@name, opens it in a form in a window. */
static void
fixture_open (Fixture    *fx,
              const char *dir,
              const char *name,
              const char *text)
{
  memset (fx, 0, sizeof *fx);

  fx->dir = g_strdup (dir);
  fx->path = byline_test_write_file (dir, name, text, -1);
  fx->original = g_bytes_new (text, strlen (text));
  fx->document = byline_test_load_document (fx->path);
  fx->form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  byline_front_matter_form_set_document (fx->form, fx->document);

  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 420, 900);
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->form));
  gtk_window_present (GTK_WINDOW (fx->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fx->form)));
  byline_test_drain ();
}

static void
fixture_close (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  byline_test_drain ();
  g_clear_object (&fx->document);
  g_clear_pointer (&fx->original, g_bytes_unref);
  byline_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

/* The image field of the field at @dotted, or NULL when it is not one. */
static BylineImageField *
image_field (Fixture    *fx,
             const char *dotted)
{
  GtkWidget *row = _byline_front_matter_form_get_field_widget (fx->form, dotted);

  g_assert_nonnull (row);

  return (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, NULL, NULL);
}

static gboolean
shows_paintable (GtkWidget     *widget,
                 gconstpointer  paintable)
{
  return gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_PAINTABLE &&
         gtk_image_get_paintable (GTK_IMAGE (widget)) == paintable &&
         gtk_widget_get_child_visible (widget);
}

/* The tooltip of the thumbnail's box (a GtkStack). */
static const char *
thumbnail_tooltip (BylineImageField *field)
{
  GtkWidget *stack = byline_test_find_widget (GTK_WIDGET (field), GTK_TYPE_STACK, NULL, NULL);

  g_assert_nonnull (stack);

  return gtk_widget_get_tooltip_text (stack);
}

/* Saves the document to its file; returns the file's bytes. */
static GBytes *
save_and_read (Fixture *fx)
{
  return byline_test_save_document (fx->document, fx->path);
}

static void
assert_bytes_equal_text (GBytes     *bytes,
                         const char *text)
{
  if (g_bytes_get_size (bytes) != strlen (text) || memcmp (g_bytes_get_data (bytes, NULL), text, strlen (text)) != 0)
    g_test_message ("got:\n%.*s\nexpected:\n%s", (int) g_bytes_get_size (bytes),
                    (const char *) g_bytes_get_data (bytes, NULL), text);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, strlen (text));
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_states (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-image-field");
  g_autofree char *cover = write_png (dir, "cover.png", 64, 32);
  g_autoptr(GFile) cover_file = g_file_new_for_path (cover);
  g_autoptr(GFile) missing_file = byline_test_file_in (dir, "missing.jpg");
  g_autofree char *broken = byline_test_write_file (dir, "broken.png", "not a PNG\n", -1);
  Fixture fx;
  BylineImageField *field;
  GdkPaintable *paintable;
  int scale;

  fixture_open (&fx, dir, "post.md", post_text);

  /* beside the post: a thumbnail, the image's aspect kept */
  field = image_field (&fx, "image");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL);
  paintable = byline_image_field_get_paintable (field);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (field));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 48 * scale);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 24 * scale);
  g_assert_true (g_file_equal (byline_image_field_get_file (field), cover_file));
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (field), GTK_TYPE_IMAGE,
                                             shows_paintable, paintable));
  g_assert_cmpstr (thumbnail_tooltip (field), ==, cover);

  /* a site-root path, in no site: an absolute path, not there */
  field = image_field (&fx, "thumbnail");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_NOT_FOUND);
  g_assert_null (byline_image_field_get_paintable (field));
  g_assert_cmpstr (g_file_peek_path (byline_image_field_get_file (field)), ==, "/images/none.png");
  g_assert_nonnull (strstr (thumbnail_tooltip (field), "/images/none.png"));

  /* nested (PaperMod's cover.image): not found, the tooltip names where it looked */
  field = image_field (&fx, "cover.image");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_NOT_FOUND);
  g_assert_true (g_file_equal (byline_image_field_get_file (field), missing_file));
  g_assert_nonnull (strstr (thumbnail_tooltip (field), g_file_peek_path (missing_file)));

  /* a web address: never fetched */
  field = image_field (&fx, "featured_image");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_URL);
  g_assert_null (byline_image_field_get_paintable (field));
  g_assert_null (byline_image_field_get_file (field));

  /* an image key with no value yet */
  field = image_field (&fx, "og_image");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_EMPTY);

  /* any string ending in an image's extension */
  field = image_field (&fx, "photo_credit");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_NOT_FOUND);

  /* a file that is no image */
  field = image_field (&fx, "banner");
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_UNREADABLE);
  g_assert_null (byline_image_field_get_paintable (field));
  g_assert_nonnull (strstr (thumbnail_tooltip (field), "broken.png"));

  /* the button says what it does */
  {
    GtkWidget *button = byline_test_find_widget (GTK_WIDGET (field), GTK_TYPE_BUTTON, NULL, NULL);

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_focusable (button));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Choose Image…");
  }

  /* not image fields */
  g_assert_null (image_field (&fx, "title"));
  g_assert_null (image_field (&fx, "cover.alt"));
  g_assert_null (image_field (&fx, "caption"));
  g_assert_null (image_field (&fx, "hero"));   /* an image key holding a sentence */

  /* nothing was edited */
  {
    g_autoptr(GBytes) contents = byline_document_dup_contents (fx.document);

    g_assert_true (g_bytes_equal (contents, fx.original));
  }

  fixture_close (&fx);
}

/* Typing a path: the value changes as in any entry, the thumbnail follows
 * after a pause. */
static void
test_typing (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-image-field");
  g_autofree char *cover = write_png (dir, "cover.png", 64, 32);
  g_autofree char *other = write_png (dir, "img/other.png", 20, 40);
  Fixture fx;
  BylineImageField *field;
  GtkWidget *row;
  g_autofree char *expected = NULL;

  fixture_open (&fx, dir, "post.md", post_text);
  row = _byline_front_matter_form_get_field_widget (fx.form, "image");
  field = image_field (&fx, "image");
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL);

  /* typed: the focus in the entry, looked up after a pause */
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "cover.pn");
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_NOT_FOUND);
  g_assert_null (byline_image_field_get_paintable (field));

  gtk_editable_set_text (GTK_EDITABLE (row), "img/other.png");
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL);
  /* taller than wide: the height fills the square */
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (byline_image_field_get_paintable (field))), ==,
                   48 * gtk_widget_get_scale_factor (GTK_WIDGET (field)));

  /* only the value's bytes changed */
  expected = byline_test_replace_once (post_text, "image: cover.png\n", "image: img/other.png\n");
  {
    g_autoptr(GBytes) saved = save_and_read (&fx);

    assert_bytes_equal_text (saved, expected);
  }

  fixture_close (&fx);
}

static void
test_choose (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-image-field");
  g_autofree char *elsewhere = byline_test_make_tmp ("byline-test-image-field-src");
  g_autofree char *cover = write_png (dir, "cover.png", 64, 32);
  g_autofree char *chosen = write_png (elsewhere, "my photo.png", 30, 30);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autoptr(GFile) copy = byline_test_file_in (dir, "my photo.png");
  g_autoptr(GFile) cover_file = g_file_new_for_path (cover);
  g_autoptr(GBytes) chosen_bytes = NULL;
  g_autoptr(GBytes) copy_bytes = NULL;
  g_autofree char *expected = NULL;
  Fixture fx;
  BylineImageField *field;
  GtkWidget *row;

  fixture_open (&fx, dir, "post.md", post_text);
  row = _byline_front_matter_form_get_field_widget (fx.form, "image");
  field = image_field (&fx, "image");
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL);

  byline_image_field_choose_file (field, chosen_file);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "my%20photo.png") == 0);

  /* copied beside the post, the original left where it was */
  chosen_bytes = g_file_load_bytes (chosen_file, NULL, NULL, NULL);
  copy_bytes = g_file_load_bytes (copy, NULL, NULL, NULL);
  g_assert_nonnull (copy_bytes);
  g_assert_true (g_bytes_equal (chosen_bytes, copy_bytes));

  /* the thumbnail shows the copy at once */
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL &&
            byline_image_field_get_file (field) != NULL &&
            g_file_equal (byline_image_field_get_file (field), copy));

  /* only the value's bytes changed */
  expected = byline_test_replace_once (post_text, "image: cover.png\n", "image: my%20photo.png\n");
  {
    g_autoptr(GBytes) saved = save_and_read (&fx);

    assert_bytes_equal_text (saved, expected);
  }

  /* one undo step */
  g_assert_true (byline_document_can_undo_front_matter (fx.document));
  byline_document_undo_front_matter (fx.document);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "cover.png") == 0);
  {
    g_autoptr(GBytes) contents = byline_document_dup_contents (fx.document);

    g_assert_true (g_bytes_equal (contents, fx.original));
  }
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL &&
            g_file_equal (byline_image_field_get_file (field), cover_file));

  /* a field with no value yet gets one */
  field = image_field (&fx, "og_image");
  row = _byline_front_matter_form_get_field_widget (fx.form, "og_image");
  byline_image_field_choose_file (field, chosen_file);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "my%20photo-2.png") == 0);
  {
    g_autoptr(GBytes) contents = byline_document_dup_contents (fx.document);
    /* the engine's choice of quoting, as its other values */
    g_autofree char *plain = byline_test_replace_once (post_text, "og_image:\n",
                                                       "og_image: my%20photo-2.png\n");
    g_autofree char *quoted = byline_test_replace_once (post_text, "og_image:\n",
                                                        "og_image: \"my%20photo-2.png\"\n");
    GBytes *plain_bytes = g_bytes_new_static (plain, strlen (plain));
    GBytes *quoted_bytes = g_bytes_new_static (quoted, strlen (quoted));

    g_assert_true (g_bytes_equal (contents, plain_bytes) || g_bytes_equal (contents, quoted_bytes));
    g_bytes_unref (plain_bytes);
    g_bytes_unref (quoted_bytes);
  }

  byline_test_remove_tree (elsewhere);
  fixture_close (&fx);
}

/* A Hugo post that is not a page bundle: site-root paths come from static/,
 * and a chosen image is copied to static/images/. */
static void
test_hugo_site (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-image-field");
  g_autofree char *elsewhere = byline_test_make_tmp ("byline-test-image-field-src");
  g_autofree char *config = byline_test_write_file (site, "hugo.toml", "title = 'Site'\n", -1);
  g_autofree char *x = write_png (site, "static/images/x.png", 10, 10);
  g_autofree char *chosen = write_png (elsewhere, "new.png", 10, 10);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autoptr(GFile) x_file = g_file_new_for_path (x);
  g_autoptr(GFile) copy = byline_test_file_in (site, "static/images/new.png");
  const char *text = "---\ntitle: A\ncover:\n  image: \"/images/x.png\"\n---\nBody\n";
  Fixture fx;
  BylineImageField *field;
  GtkWidget *row;

  fixture_open (&fx, site, "content/posts/a.md", text);
  field = image_field (&fx, "cover.image");
  row = _byline_front_matter_form_get_field_widget (fx.form, "cover.image");
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL);
  g_assert_true (g_file_equal (byline_image_field_get_file (field), x_file));

  byline_image_field_choose_file (field, chosen_file);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "/images/new.png") == 0);
  g_assert_true (g_file_query_exists (copy, NULL));
  WAIT_FOR (byline_image_field_get_file (field) != NULL &&
            g_file_equal (byline_image_field_get_file (field), copy));
  {
    g_autoptr(GBytes) saved = save_and_read (&fx);

    assert_bytes_equal_text (saved, "---\ntitle: A\ncover:\n  image: \"/images/new.png\"\n---\nBody\n");
  }

  byline_test_remove_tree (elsewhere);
  fixture_close (&fx);
}

/* A post not saved yet: relative paths can't be shown, and choosing an
 * image says why it can't be copied, changing nothing. */
static void
test_unsaved (void)
{
  g_autofree char *elsewhere = byline_test_make_tmp ("byline-test-image-field-src");
  g_autofree char *chosen = write_png (elsewhere, "new.png", 10, 10);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  g_autoptr(BylineDocument) document = byline_document_new_untitled_with_text ("---\nimage: a.png\n---\n");
  g_autoptr(GBytes) before = byline_document_dup_contents (document);
  BylineFrontMatterForm *form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  GtkWidget *window = gtk_window_new ();
  BylineImageField *field;
  GtkWidget *row;

  byline_front_matter_form_set_document (form, document);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (form));
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (form)));

  row = _byline_front_matter_form_get_field_widget (form, "image");
  field = (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, NULL, NULL);
  g_assert_nonnull (field);
  WAIT_FOR (byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_UNSAVED);

  byline_image_field_choose_file (field, chosen_file);
  WAIT_FOR (gtk_widget_has_css_class (row, "error"));
  {
    g_autoptr(GBytes) after = byline_document_dup_contents (document);

    g_assert_true (g_bytes_equal (before, after));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
  byline_test_remove_tree (elsewhere);
}

static gboolean
is_button_only (GtkWidget     *widget,
                gconstpointer  data)
{
  return byline_image_field_get_link (BYLINE_IMAGE_FIELD (widget)) == NULL;
}

static gboolean
has_link (GtkWidget     *widget,
          gconstpointer  link)
{
  return g_strcmp0 (byline_image_field_get_link (BYLINE_IMAGE_FIELD (widget)), link) == 0;
}

/* A list of images (Hugo's images): a thumbnail per item below the chips,
 * and Choose Image adds an item. */
static void
test_list (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-image-field");
  g_autofree char *elsewhere = byline_test_make_tmp ("byline-test-image-field-src");
  g_autofree char *cover = write_png (dir, "cover.png", 64, 32);
  g_autofree char *chosen = write_png (elsewhere, "extra.png", 10, 10);
  g_autoptr(GFile) chosen_file = g_file_new_for_path (chosen);
  const char *text = "---\ntitle: A\nimages:\n  - cover.png\n  - gone.png  # old\ntags: [a, b]\n---\nBody\n";
  g_autofree char *expected = NULL;
  Fixture fx;
  GtkWidget *row;
  BylineImageField *button;
  BylineImageField *thumb;

  fixture_open (&fx, dir, "post.md", text);
  row = gtk_widget_get_ancestor (_byline_front_matter_form_get_field_widget (fx.form, "images"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_null (byline_test_find_widget (gtk_widget_get_ancestor (_byline_front_matter_form_get_field_widget (fx.form, "tags"),
                                                                    GTK_TYPE_LIST_BOX_ROW),
                                          BYLINE_TYPE_IMAGE_FIELD, NULL, NULL));

  thumb = (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "cover.png");
  g_assert_nonnull (thumb);
  WAIT_FOR (byline_image_field_get_state (thumb) == BYLINE_IMAGE_FIELD_THUMBNAIL);
  g_assert_true (GDK_IS_TEXTURE (byline_image_field_get_paintable (thumb)));
  thumb = (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "gone.png");
  g_assert_nonnull (thumb);
  WAIT_FOR (byline_image_field_get_state (thumb) == BYLINE_IMAGE_FIELD_NOT_FOUND);

  button = (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, is_button_only, NULL);
  g_assert_nonnull (button);
  byline_image_field_choose_file (button, chosen_file);
  WAIT_FOR (byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "extra.png") != NULL);
  thumb = (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "extra.png");
  WAIT_FOR (byline_image_field_get_state (thumb) == BYLINE_IMAGE_FIELD_THUMBNAIL);

  expected = byline_test_replace_once (text, "  - gone.png  # old\n", "  - gone.png  # old\n  - extra.png\n");
  {
    g_autoptr(GBytes) saved = save_and_read (&fx);

    assert_bytes_equal_text (saved, expected);
  }

  byline_document_undo_front_matter (fx.document);
  {
    g_autoptr(GBytes) contents = byline_document_dup_contents (fx.document);

    g_assert_true (g_bytes_equal (contents, fx.original));
  }
  WAIT_FOR (byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "extra.png") == NULL);

  byline_test_remove_tree (elsewhere);
  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/image-field/states", test_states);
  g_test_add_func ("/image-field/typing", test_typing);
  g_test_add_func ("/image-field/choose", test_choose);
  g_test_add_func ("/image-field/hugo-site", test_hugo_site);
  g_test_add_func ("/image-field/unsaved", test_unsaved);
  g_test_add_func ("/image-field/list", test_list);

  return g_test_run ();
}
