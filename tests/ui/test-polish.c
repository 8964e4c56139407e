/* test-polish.c: small things a person notices, in the real widgets: the
 * names a screen reader reads for the form's add buttons inside a list's
 * items, several images dropped on a list of images as one undo step, and
 * the keyboard shortcuts window shown without a warning.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-polish"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-image-field.h"
#include "byline-preview.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

/* ------------------------------------------------------------------------ */
/* A form in a window                                                        */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char                  *dir;        /* the post's folder */
  char                  *elsewhere;  /* where dropped files come from */
  char                  *path;
  char                  *text;       /* as opened */
  GtkWidget             *window;
  BylineFrontMatterForm *form;
  BylineDocument        *document;
} Fixture;

/* Writes a small PNG to @dir/@name; the caller frees the path. */
static char *
write_png (const char *dir,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 12, 8);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x26a269ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  return path;
}

/* Writes @text to a new folder's post.md and opens it in a form inside a
 * toast overlay, as the window has it, every row built. */
static void
fixture_open (Fixture    *fx,
              const char *text)
{
  GtkWidget *overlay;

  memset (fx, 0, sizeof *fx);
  fx->dir = byline_test_make_tmp ("byline-test-polish");
  fx->elsewhere = byline_test_make_tmp ("byline-test-polish-src");
  fx->path = byline_test_write_file (fx->dir, "post.md", text, -1);
  fx->text = g_strdup (text);
  fx->document = byline_test_load_document (fx->path);
  fx->form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  byline_front_matter_form_set_document (fx->form, fx->document);

  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fx->form));
  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 480, 900);
  gtk_window_set_child (GTK_WINDOW (fx->window), overlay);
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
  byline_test_remove_tree (fx->dir);
  byline_test_remove_tree (fx->elsewhere);
  g_free (fx->dir);
  g_free (fx->elsewhere);
  g_free (fx->path);
  g_free (fx->text);
}

/* Saves the document to its file and checks the file's bytes are @text. */
static void
assert_saved (Fixture    *fx,
              const char *text)
{
  byline_test_assert_saved (fx->document, fx->path, text);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
tooltip_has_prefix (GtkWidget     *widget,
                    gconstpointer  prefix)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && g_str_has_prefix (tooltip, prefix);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static const char items_post[] =
  "---\n"
  "title: Items\n"
  "resources:\n"
  "  - src: a.png\n"
  "    title: A\n"
  "  - src: b.png\n"
  "    title: B\n"
  "groups:\n"
  "  - - name: x\n"
  "  - - name: y\n"
  "    - name: z\n"
  "menu:\n"
  "  main:\n"
  "    name: Home\n"
  "---\n"
  "Body\n";

/* The add buttons of a list's items are named as a person counts them
 * ("Item 2"), not by the item's index; those of named groups and lists by
 * their key, as before. */
static void
test_add_button_names (void)
{
  static const struct {
    const char *dotted;   /* the row holding the button */
    const char *name;
  } buttons[] = {
    { "resources.0", "Add a Field to Item 1" },
    { "resources.1", "Add a Field to Item 2" },
    { "resources", "Add an Item to resources" },
    { "groups.1", "Add an Item to Item 2" },
    { "menu.main", "Add a Field to main" },
  };
  Fixture fx;

  fixture_open (&fx, items_post);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *row = _byline_front_matter_form_get_field_widget (fx.form, buttons[i].dotted);
      GtkWidget *button;
      g_autofree char *mismatch = NULL;

      g_test_message ("the add button of %s", buttons[i].dotted);
      g_assert_nonnull (row);
      button = byline_test_find_widget (row, GTK_TYPE_BUTTON, has_tooltip, buttons[i].name);
      g_assert_nonnull (button);
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     buttons[i].name);
      g_assert_null (mismatch);
    }

  /* no name is left with a bare number */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *field = g_strdup_printf ("Add a Field to %u", i);
      g_autofree char *item = g_strdup_printf ("Add an Item to %u", i);

      g_assert_null (byline_test_find_widget (GTK_WIDGET (fx.form), GTK_TYPE_BUTTON, has_tooltip, field));
      g_assert_null (byline_test_find_widget (GTK_WIDGET (fx.form), GTK_TYPE_BUTTON, has_tooltip, item));
    }
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (fx.form), GTK_TYPE_BUTTON,
                                             tooltip_has_prefix, "Add a Field to Item "));

  fixture_close (&fx);
}

static const char images_post[] =
  "---\n"
  "# the post's images\n"
  "title: \"A trip\"\n"
  "images:\n"
  "    - cover.png     # the first\n"
  "tags: [a, b]\n"
  "---\n"
  "\n"
  "The body.\n";

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

/* Several images dropped at once on a list of images: appended after the
 * last item in the list's own layout (indent, comment kept), as one undo
 * step; redo brings them all back. */
static void
test_drop_images_one_undo (void)
{
  Fixture fx;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *expected = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  GtkWidget *row;
  gboolean taken = FALSE;

  fixture_open (&fx, images_post);
  g_free (write_png (fx.dir, "cover.png"));
  one = write_png (fx.elsewhere, "one.png");
  two = write_png (fx.elsewhere, "two.png");
  three = write_png (fx.elsewhere, "three.png");

  row = gtk_widget_get_ancestor (_byline_front_matter_form_get_field_widget (fx.form, "images"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (file_drop_target (row));
  g_assert_false (byline_document_can_undo_front_matter (fx.document));

  /* dropped as GTK hands a drag from a file manager to the row */
  files = g_slist_append (files, g_file_new_for_path (one));
  files = g_slist_append (files, g_file_new_for_path (two));
  files = g_slist_append (files, g_file_new_for_path (three));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  g_signal_emit_by_name (file_drop_target (row), "drop", &value, 20.0, 10.0, &taken);
  g_assert_true (taken);

  WAIT_FOR (strstr (byline_document_get_front_matter_text (fx.document), "three.png") != NULL);
  expected = byline_test_replace_once (images_post, "    - cover.png     # the first\n",
                                       "    - cover.png     # the first\n"
                                       "    - one.png\n"
                                       "    - two.png\n"
                                       "    - three.png\n");
  assert_saved (&fx, expected);

  /* one undo step takes all three away */
  g_assert_true (byline_document_can_undo_front_matter (fx.document));
  byline_document_undo_front_matter (fx.document);
  assert_saved (&fx, images_post);
  g_assert_false (byline_document_can_undo_front_matter (fx.document));

  /* and one redo brings them all back */
  g_assert_true (byline_document_can_redo_front_matter (fx.document));
  byline_document_redo_front_matter (fx.document);
  assert_saved (&fx, expected);
  g_assert_false (byline_document_can_redo_front_matter (fx.document));

  fixture_close (&fx);
}

/* The keyboard shortcuts window (Ctrl+?), shown twice with warnings fatal
 * (as g_test_init() makes them): GTK prints none. Its shortcuts take more
 * than one page, so its page buttons ("1", "2") are laid out, whose labels
 * libadwaita 1.2's style made measure below zero (see style.css). Every
 * shortcut is there with its title and keys. */
static void
test_shortcuts_window (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-polish");
  g_autoptr(GFile) file = NULL;
  BylineWindow *window;
  GtkShortcutsWindow *shortcuts;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  GtkWidget *switcher;
  guint n_pages = 0;

  /* warnings fatal, as g_test_init() left them */
  g_log_set_always_fatal (fatal);
  g_assert_true (fatal & G_LOG_LEVEL_WARNING);

  g_free (byline_test_write_file (dir, "post.md", "---\ntitle: Shortcuts\n---\nBody\n", -1));
  file = byline_test_file_in (dir, "post.md");
  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_ready (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  WAIT_FOR ((shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  byline_test_drain ();

  /* every shortcut has a title and keys */
  {
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, shortcuts);
    while (stack->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
          {
            g_autofree char *title = NULL;
            g_autofree char *accelerator = NULL;

            g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
            g_assert_nonnull (title);
            g_assert_cmpstr (title, !=, "");
            g_assert_nonnull (accelerator);
            g_assert_cmpstr (accelerator, !=, "");
            /* each is there twice: in its group and in the search results */
            if (g_hash_table_add (titles, g_strdup (title)))
              g_test_message ("shortcut “%s”: %s", title, accelerator);
          }
        for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_cmpuint (g_hash_table_size (titles), >=, 44);

  /* more than one page, so the page buttons were laid out */
  switcher = byline_test_find_widget (GTK_WIDGET (shortcuts), GTK_TYPE_STACK_SWITCHER, NULL, NULL);
  g_assert_nonnull (switcher);
  for (GtkWidget *c = gtk_widget_get_first_child (switcher); c != NULL; c = gtk_widget_get_next_sibling (c))
    n_pages++;
  g_assert_cmpuint (n_pages, >=, 2);

  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  byline_test_drain ();
  /* shown again, as a second Ctrl+? does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  byline_test_drain ();
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  byline_test_drain ();

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  /* The test accessibility backend lets the tests read accessible labels. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_type_ensure (BYLINE_TYPE_PREVIEW);
  bus = byline_test_bus_up ();
  app = byline_test_new_application ();

  g_test_add_func ("/polish/add-button-names", test_add_button_names);
  g_test_add_func ("/polish/drop-images-one-undo", test_drop_images_one_undo);
  g_test_add_func ("/polish/shortcuts-window", test_shortcuts_window);

  ret = g_test_run ();

  g_object_unref (app);
  byline_test_bus_down (bus);
  return ret;
}
