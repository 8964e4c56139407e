/* test-image-drop.c: image files dropped on the image fields of the front
 * matter form, values typed until they name an image, and the image
 * field's keyboard access, driven through the real widgets.
 *
 * A drop is what GTK does once a drag from a file manager ends on a row:
 * the row's own GtkDropTarget emits ::drop with the files (a GdkFileList,
 * or a GFile). Files are real files in a temporary folder; what is saved is
 * compared byte for byte.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-image-drop"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-chip-editor.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-image-field.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static const char post_text[] =
  "---\n"
  "# a comment stays\n"
  "title: \"A trip\"   # and this one\n"
  "image: cover.png\n"
  "og_image:\n"
  "caption: \"\"\n"
  "images:\n"
  "  - cover.png   # the first\n"
  "tags: [a, b]\n"
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
  gdk_pixbuf_fill (pixbuf, 0xe66100ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  char                  *dir;        /* the post's folder */
  char                  *elsewhere;  /* where dropped files come from */
  char                  *path;
  GBytes                *original;
  GtkWidget             *window;
  GtkWidget             *overlay;
  BylineFrontMatterForm *form;
  BylineDocument        *document;
} Fixture;

/* Writes @text to a new folder's post.md (with cover.png beside it), opens
 * it in a form inside a toast overlay, as the window has it. */
static void
fixture_open (Fixture    *fx,
              const char *text)
{
  g_autofree char *cover = NULL;

  memset (fx, 0, sizeof *fx);

  fx->dir = byline_test_make_tmp ("byline-test-image-drop");
  fx->elsewhere = byline_test_make_tmp ("byline-test-image-drop-src");
  cover = write_png (fx->dir, "cover.png", 64, 32);
  fx->path = byline_test_write_file (fx->dir, "post.md", text, -1);
  fx->original = g_bytes_new (text, strlen (text));
  fx->document = byline_test_load_document (fx->path);
  fx->form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  byline_front_matter_form_set_document (fx->form, fx->document);

  fx->overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fx->overlay), GTK_WIDGET (fx->form));
  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 480, 900);
  gtk_window_set_child (GTK_WINDOW (fx->window), fx->overlay);
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
  byline_test_remove_tree (fx->elsewhere);
  g_free (fx->dir);
  g_free (fx->elsewhere);
  g_free (fx->path);
}

/* The row that edits the field at @dotted: the entry row, or for a list
 * the list box row holding its chips. */
static GtkWidget *
field_row (Fixture    *fx,
           const char *dotted)
{
  GtkWidget *widget = _byline_front_matter_form_get_field_widget (fx->form, dotted);

  g_assert_nonnull (widget);
  if (GTK_IS_LIST_BOX_ROW (widget))
    return widget;

  widget = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (widget);
  return widget;
}

/* The image field (thumbnail and button) of @row, or NULL. */
static BylineImageField *
image_field_of (GtkWidget *row)
{
  return (BylineImageField *) byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, NULL, NULL);
}

/* @widget's drop target for files, or NULL. */
static GtkDropTarget *
file_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const GType *types;
      gsize n = 0;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n);
      for (gsize k = 0; k < n; k++)
        if (types[k] == GDK_TYPE_FILE_LIST)
          return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Emits ::drop with @value on @row's drop target for files, as GTK does
 * when a drag from a file manager ends there; whether it took the drop. */
static gboolean
drop_value (GtkWidget    *row,
            const GValue *value)
{
  GtkDropTarget *target = file_drop_target (row);
  gboolean taken = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, 20.0, 10.0, &taken);

  return taken;
}

/* Drops the files named (NULL-terminated) on @row, as a GdkFileList. */
static gboolean
drop_paths (GtkWidget  *row,
            const char *first,
            ...)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean taken;
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    files = g_slist_append (files, g_file_new_for_path (path));
  va_end (args);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);

  taken = drop_value (row, &value);
  return taken;
}

/* Drops @path on @row as a single GFile. */
static gboolean
drop_gfile (GtkWidget  *row,
            const char *path)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_FILE);
  g_value_take_object (&value, g_file_new_for_path (path));

  return drop_value (row, &value);
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* TRUE while a toast saying @text is shown. */
static gboolean
toast_shown (Fixture    *fx,
             const char *text)
{
  return byline_test_find_widget (fx->overlay, GTK_TYPE_LABEL, label_is, text) != NULL;
}

/* Saves the document to its file and checks its bytes are @text. */
static void
assert_saved (Fixture    *fx,
              const char *text)
{
  byline_test_assert_saved (fx->document, fx->path, text);
}

static void
assert_contents (Fixture *fx,
                 GBytes  *expected)
{
  g_autoptr(GBytes) contents = byline_document_dup_contents (fx->document);

  g_assert_true (g_bytes_equal (contents, expected));
}

static void
assert_same_file_bytes (const char *a,
                        const char *b)
{
  g_autofree char *a_bytes = NULL;
  g_autofree char *b_bytes = NULL;
  gsize a_len = 0, b_len = 0;

  g_assert_true (g_file_get_contents (a, &a_bytes, &a_len, NULL));
  g_assert_true (g_file_get_contents (b, &b_bytes, &b_len, NULL));
  g_assert_cmpmem (a_bytes, a_len, b_bytes, b_len);
}

static gboolean
has_link (GtkWidget     *widget,
          gconstpointer  link)
{
  return g_strcmp0 (byline_image_field_get_link (BYLINE_IMAGE_FIELD (widget)), link) == 0;
}

static gboolean
is_button_only (GtkWidget     *widget,
                gconstpointer  data)
{
  return byline_image_field_get_link (BYLINE_IMAGE_FIELD (widget)) == NULL;
}

static gboolean
shows_file (BylineImageField *field,
            const char       *path)
{
  GFile *file = byline_image_field_get_file (field);

  return byline_image_field_get_state (field) == BYLINE_IMAGE_FIELD_THUMBNAIL &&
         file != NULL && g_strcmp0 (g_file_peek_path (file), path) == 0;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* An image dropped on an image field: copied beside the post as Choose
 * Image would, only the value's bytes changed, one undo step, the thumbnail
 * showing the copy. A GFile does as a file list does. */
static void
test_drop_image (void)
{
  Fixture fx;
  g_autofree char *dropped = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *other = NULL;
  g_autofree char *other_copy = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *cover = NULL;
  GtkWidget *row;
  BylineImageField *field;

  fixture_open (&fx, post_text);
  dropped = write_png (fx.elsewhere, "beach day.png", 30, 60);
  copy = g_build_filename (fx.dir, "beach day.png", NULL);
  cover = g_build_filename (fx.dir, "cover.png", NULL);

  row = field_row (&fx, "image");
  field = image_field_of (row);
  g_assert_nonnull (field);
  WAIT_FOR (shows_file (field, cover));

  /* Taken where the pointer is over the row, before the entry's text drop
   * target (which would insert the path) and the window's (which opens
   * posts). */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (file_drop_target (row))),
                   ==, GTK_PHASE_CAPTURE);
  g_assert_true (gtk_drop_target_get_actions (file_drop_target (row)) & GDK_ACTION_COPY);

  g_assert_true (drop_paths (row, dropped, NULL));
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "beach%20day.png") == 0);
  assert_same_file_bytes (dropped, copy);
  g_assert_true (g_file_test (dropped, G_FILE_TEST_EXISTS));   /* copied, not moved */
  WAIT_FOR (shows_file (field, copy));
  g_assert_true (GDK_IS_TEXTURE (byline_image_field_get_paintable (field)));
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (byline_image_field_get_paintable (field))), ==,
                   48 * gtk_widget_get_scale_factor (GTK_WIDGET (field)));

  expected = byline_test_replace_once (post_text, "image: cover.png\n", "image: beach%20day.png\n");
  assert_saved (&fx, expected);

  /* one undo step: back to the bytes opened, and the old thumbnail */
  g_assert_true (byline_document_can_undo_front_matter (fx.document));
  byline_document_undo_front_matter (fx.document);
  assert_contents (&fx, fx.original);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "cover.png") == 0);
  WAIT_FOR (shows_file (field, cover));

  /* a single GFile, on a field with no value yet */
  other = write_png (fx.elsewhere, "other.png", 10, 10);
  other_copy = g_build_filename (fx.dir, "other.png", NULL);
  row = field_row (&fx, "og_image");
  g_assert_true (drop_gfile (row, other));
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "other.png") == 0);
  assert_same_file_bytes (other, other_copy);
  WAIT_FOR (image_field_of (row) != NULL && shows_file (image_field_of (row), other_copy));
  /* quoted as the post's other strings are (the engine's choice) */
  expected2 = byline_test_replace_once (post_text, "og_image:\n", "og_image: \"other.png\"\n");
  assert_saved (&fx, expected2);
  byline_document_undo_front_matter (fx.document);
  assert_contents (&fx, fx.original);

  fixture_close (&fx);
}

/* What is refused, with a toast saying why, changing nothing and copying
 * nothing: a text file, a post (which the window would open if the drop
 * reached it), several files for one image, a file whose name says nothing
 * and whose content is no image. */
static void
test_refused (void)
{
  Fixture fx;
  g_autofree char *notes = NULL;
  g_autofree char *post = NULL;
  g_autofree char *noext = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *copy = NULL;
  GtkWidget *row;

  fixture_open (&fx, post_text);
  notes = byline_test_write_file (fx.elsewhere, "notes.txt", "Some notes\n", -1);
  post = byline_test_write_file (fx.elsewhere, "other-post.md", "---\ntitle: B\n---\nB\n", -1);
  noext = byline_test_write_file (fx.elsewhere, "scan-0001", "Plain text, no image\n", -1);
  a = write_png (fx.elsewhere, "a.png", 8, 8);
  b = write_png (fx.elsewhere, "b.png", 8, 8);
  row = field_row (&fx, "image");

  g_assert_false (drop_paths (row, notes, NULL));
  WAIT_FOR (toast_shown (&fx, "“notes.txt” is not an image."));

  g_assert_false (drop_paths (row, post, NULL));
  WAIT_FOR (toast_shown (&fx, "“other-post.md” is not an image."));
  g_assert_false (drop_gfile (row, post));

  g_assert_false (drop_paths (row, a, b, NULL));
  WAIT_FOR (toast_shown (&fx, "This field holds one image: drop a single file"));

  /* read before it is refused: taken, then the toast */
  g_assert_true (drop_paths (row, noext, NULL));
  WAIT_FOR (toast_shown (&fx, "“scan-0001” is not an image."));

  /* a list refuses a drop holding anything but images */
  g_assert_false (drop_paths (field_row (&fx, "images"), a, notes, NULL));

  byline_test_drain ();
  assert_contents (&fx, fx.original);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "cover.png");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  copy = g_build_filename (fx.dir, "scan-0001", NULL);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_free (copy);
  copy = g_build_filename (fx.dir, "a.png", NULL);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Only image fields take drops of files: elsewhere they go on to the
   * window (which opens posts). */
  g_assert_null (file_drop_target (field_row (&fx, "title")));
  g_assert_null (file_drop_target (field_row (&fx, "tags")));

  fixture_close (&fx);
}

/* A post not saved yet: the drop can't be copied, and a toast says so. */
static void
test_unsaved (void)
{
  g_autofree char *elsewhere = byline_test_make_tmp ("byline-test-image-drop-src");
  g_autofree char *png = write_png (elsewhere, "new.png", 10, 10);
  g_autoptr(BylineDocument) document = byline_document_new_untitled_with_text ("---\nimage: a.png\n---\n");
  g_autoptr(GBytes) before = byline_document_dup_contents (document);
  BylineFrontMatterForm *form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row;

  byline_front_matter_form_set_document (form, document);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (form));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (form)));

  row = gtk_widget_get_ancestor (_byline_front_matter_form_get_field_widget (form, "image"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_true (drop_paths (row, png, NULL));
  WAIT_FOR (byline_test_find_widget (overlay, GTK_TYPE_LABEL, label_is,
                                     "Save the post before adding images to it.") != NULL);
  {
    g_autoptr(GBytes) after = byline_document_dup_contents (document);

    g_assert_true (g_bytes_equal (before, after));
  }
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
  byline_test_remove_tree (elsewhere);
}

/* A list of images (Hugo's images): dropped images are added after the
 * last item, in the order dropped, each shown below the chips. */
static void
test_drop_on_list (void)
{
  Fixture fx;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row;

  fixture_open (&fx, post_text);
  one = write_png (fx.elsewhere, "one.png", 10, 10);
  two = write_png (fx.elsewhere, "two.jpg.png", 10, 20);
  row = field_row (&fx, "images");

  g_assert_true (drop_paths (row, one, two, NULL));
  expected = byline_test_replace_once (post_text, "  - cover.png   # the first\n",
                                       "  - cover.png   # the first\n  - one.png\n  - two.jpg.png\n");
  WAIT_FOR (strstr (byline_document_get_front_matter_text (fx.document), "two.jpg.png") != NULL);
  WAIT_FOR (byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "two.jpg.png") != NULL);
  g_assert_nonnull (byline_test_find_widget (row, BYLINE_TYPE_IMAGE_FIELD, has_link, "one.png"));
  assert_saved (&fx, expected);

  /* each image its own item, the whole drop one undo step */
  byline_document_undo_front_matter (fx.document);
  assert_contents (&fx, fx.original);
  g_assert_false (byline_document_can_undo_front_matter (fx.document));

  fixture_close (&fx);
}

/* A plain field typed until its value names an image gets a thumbnail a
 * moment after the typing stops, in the same row (no rebuild), and takes
 * drops then; typed back, it loses both. */
static void
test_typed_image (void)
{
  Fixture fx;
  g_autofree char *cat = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row;
  GtkWidget *entry_row;
  BylineImageField *field;
  guint rebuilds;

  fixture_open (&fx, post_text);
  cat = write_png (fx.dir, "cat.png", 40, 40);
  entry_row = _byline_front_matter_form_get_field_widget (fx.form, "caption");
  row = field_row (&fx, "caption");
  g_assert_null (image_field_of (row));
  g_assert_null (file_drop_target (row));
  rebuilds = _byline_front_matter_form_get_n_rebuilds (fx.form);

  g_assert_true (gtk_widget_grab_focus (entry_row));
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "cat.pn");
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "cat.png");
  /* not while typing: after a pause */
  g_assert_null (image_field_of (row));
  WAIT_FOR (image_field_of (row) != NULL);
  field = image_field_of (row);
  WAIT_FOR (shows_file (field, cat));
  g_assert_true (_byline_front_matter_form_get_field_widget (fx.form, "caption") == entry_row);
  g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), ==, rebuilds);
  /* before the row's menu, as a field built as an image field has it */
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (field)) != NULL);

  /* now an image field, it takes an image dropped on it */
  g_assert_nonnull (file_drop_target (row));
  {
    g_autofree char *dropped = write_png (fx.elsewhere, "dog.png", 12, 12);
    g_autofree char *dog_copy = g_build_filename (fx.dir, "dog.png", NULL);

    g_assert_true (drop_paths (row, dropped, NULL));
    WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry_row)), "dog.png") == 0);
    WAIT_FOR (image_field_of (row) != NULL && shows_file (image_field_of (row), dog_copy));
  }

  /* the extension typed away: the thumbnail goes, after the pause */
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "dog");
  g_assert_nonnull (image_field_of (row));
  WAIT_FOR (image_field_of (row) == NULL);
  g_assert_null (file_drop_target (row));
  g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), ==, rebuilds);

  /* typed back from elsewhere (undo, focus not in the row): at once */
  gtk_widget_grab_focus (_byline_front_matter_form_get_field_widget (fx.form, "title"));
  byline_test_drain ();
  expected = byline_test_replace_once (post_text, "caption: \"\"\n", "caption: \"dog\"\n");
  assert_saved (&fx, expected);
  byline_document_undo_front_matter (fx.document);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry_row)), "dog.png") == 0);
  g_assert_nonnull (image_field_of (row));

  fixture_close (&fx);
}

/* Tab from the value reaches Choose Image…, which has an accessible label
 * without a mnemonic; the list's Add an Image… is reachable too. */
static void
test_keyboard (void)
{
  Fixture fx;
  GtkWidget *entry_row;
  GtkWidget *button;
  GtkWidget *focus;
  g_autofree char *mismatch = NULL;

  fixture_open (&fx, post_text);
  entry_row = _byline_front_matter_form_get_field_widget (fx.form, "image");
  button = byline_test_find_widget (GTK_WIDGET (image_field_of (entry_row)), GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_nonnull (button);

  g_assert_true (gtk_widget_grab_focus (entry_row));
  g_assert_true (gtk_widget_child_focus (fx.window, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (fx.window));
  g_assert_true (focus == button);

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose Image…");
  g_assert_null (mismatch);

  /* the list's button, by Tab from its chips' entry */
  {
    GtkWidget *list_row = field_row (&fx, "images");
    GtkWidget *add_field = byline_test_find_widget (list_row, BYLINE_TYPE_IMAGE_FIELD, is_button_only, NULL);
    GtkWidget *add;
    GtkWidget *chips = _byline_front_matter_form_get_field_widget (fx.form, "images");
    guint tabs = 0;

    g_assert_nonnull (add_field);
    add = byline_test_find_widget (add_field, GTK_TYPE_BUTTON, NULL, NULL);
    g_assert_nonnull (add);
    g_clear_pointer (&mismatch, g_free);
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (add),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, "Add an Image…");
    g_assert_null (mismatch);

    /* in the row's header, above the chips: after the field before */
    g_assert_true (BYLINE_IS_CHIP_EDITOR (chips));
    g_assert_true (gtk_widget_grab_focus (_byline_front_matter_form_get_field_widget (fx.form, "caption")));
    while (gtk_root_get_focus (GTK_ROOT (fx.window)) != add && tabs++ < 10)
      {
        g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx.window)), chips));
        g_assert_true (gtk_widget_child_focus (fx.window, GTK_DIR_TAB_FORWARD));
      }
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fx.window)) == add);
  }

  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend lets the tests read accessible labels. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/image-drop/drop-image", test_drop_image);
  g_test_add_func ("/image-drop/refused", test_refused);
  g_test_add_func ("/image-drop/unsaved", test_unsaved);
  g_test_add_func ("/image-drop/list", test_drop_on_list);
  g_test_add_func ("/image-drop/typed-image", test_typed_image);
  g_test_add_func ("/image-drop/keyboard", test_keyboard);

  return g_test_run ();
}
