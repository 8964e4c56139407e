/* test-accessibility.c: every widget a keyboard or screen reader user
 * reaches has an accessible name, in the real window on a post with a field
 * of every kind (tests/data/accessibility.md) and in everything the window
 * opens (menus, popovers, the find bar, the link picker, dialogs, toasts,
 * preferences, shortcuts); every icon-only button has a tooltip; the parts
 * that change have roles that say what they are; Tab and Shift+Tab reach
 * every row of the form.
 *
 * Judged: focusable widgets and controls (buttons, entries, switches, …).
 * A widget is named when it has an accessible label, a labelled-by
 * relation (not only to its own icon), or (buttons, menu items, rows) a
 * visible label inside with text. Composite widgets of GTK, libadwaita and
 * WebKit (an entry's text, a spin button's arrows, a menu button's toggle,
 * a calendar's arrows) are judged as the one widget the application made.
 * Containers that focus passes through (panes, list boxes) are not judged;
 * a scrolled window with nothing focusable inside is. A failure lists every
 * widget found wanting with its type, name, CSS name, tooltip and parents;
 * --verbose lists how each widget checked is named.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-accessibility"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-application.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-post-switcher.h"
#include "byline-preferences-window.h"
#include "byline-preview.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)
/* Tab presses allowed to go from the first row of the form to the last. */
#define MAX_TAB_STEPS 400

static BylineApplication *app;

/* ------------------------------------------------------------------------ */
/* Describing and judging widgets                                            */
/* ------------------------------------------------------------------------ */

/* "GtkButton#name.css": the type, the widget name when it is not the
 * type's, and the CSS name, as the GTK inspector shows them. */
static void
append_widget (GString   *out,
               GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  const char *name = gtk_widget_get_name (widget);

  g_string_append (out, type);
  if (name != NULL && !g_str_equal (name, type))
    g_string_append_printf (out, "#%s", name);
  g_string_append_printf (out, ".%s", gtk_widget_get_css_name (widget));
}

/* The widget, its tooltip and the chain of its parents up to the root. */
static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  append_widget (out, widget);
  if (tooltip != NULL)
    g_string_append_printf (out, " tooltip \"%s\"", tooltip);
  g_string_append (out, "\n      in ");
  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL;
       parent = gtk_widget_get_parent (parent))
    {
      append_widget (out, parent);
      if (gtk_widget_get_parent (parent) != NULL)
        g_string_append (out, " < ");
    }

  return g_string_free (out, FALSE);
}

/* A label set and not empty. */
static gboolean
has_label_property (GtkWidget *widget)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return mismatch != NULL;
}

/* A visible label with text at or below @widget. */
static gboolean
has_visible_text (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_visible_text (child))
        return TRUE;
    }
  return FALSE;
}

/* Roles whose name may come from what they show. */
static gboolean
is_named_by_content (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_ROW:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_TREE_ITEM:
    case GTK_ACCESSIBLE_ROLE_OPTION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Roles a person operates: each needs a name, focusable or not. */
static gboolean
is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Composite widgets of GTK, libadwaita and WebKit: what is inside them is
 * theirs, and the application names the whole. (A web view's page is read
 * through the web process; the view itself holds a hidden text view.) */
static gboolean
is_composite (GtkWidget *widget)
{
  GType web_view = g_type_from_name ("WebKitWebView");

  return (web_view != 0 && g_type_is_a (G_OBJECT_TYPE (widget), web_view)) ||
         GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_COLOR_BUTTON (widget) ||
         GTK_IS_FONT_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_CALENDAR (widget) ||
         ADW_IS_ENTRY_ROW (widget) ||
         ADW_IS_COMBO_ROW (widget);
}

/* A focusable widget, shown, at or below @widget. */
static gboolean
has_focusable (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;
  if (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_focusable (child))
        return TRUE;
    }
  return FALSE;
}

/* Containers are focusable so that focus goes through them to their
 * children; the keyboard never stops on them, except a scrolled window
 * with nothing focusable inside. */
static gboolean
is_passed_through (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));

      return child != NULL && has_focusable (child);
    }

  return GTK_IS_PANED (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_FLOW_BOX (widget) ||
         GTK_IS_VIEWPORT (widget);
}

static gboolean
needs_name (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  /* A label's name is its text; an image beside text is decoration. */
  if (GTK_IS_LABEL (widget) || GTK_IS_IMAGE (widget) || GTK_IS_PICTURE (widget))
    return FALSE;
  if (is_passed_through (widget))
    return FALSE;
  if (role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION)
    return FALSE;

  return gtk_widget_get_focusable (widget) || is_control (role) || is_composite (widget);
}

/* GTK 4.8 labels a button by its child, an icon too, which has no name:
 * whether @widget is labelled by nothing else than a child without text. */
static gboolean
is_labelled_by_own_icon (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);
  g_autofree char *mismatch = NULL;

  if (child == NULL)
    return FALSE;
  mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                 child, NULL);
  return mismatch == NULL && !has_visible_text (child) && !has_label_property (child);
}

/* How @widget is named, or NULL when it is not. */
static const char *
how_named (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (has_label_property (widget))
    return "label";
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      !is_labelled_by_own_icon (widget))
    return "labelled-by";
  if ((is_named_by_content (role) || GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      has_visible_text (widget))
    return "text inside";
  /* a scrolled window with nothing to focus inside is the page it shows */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (parent != NULL && has_label_property (parent))
        return "label of the page it scrolls";
    }
  return NULL;
}

/* A shown image at or below @widget. */
static gboolean
has_visible_image (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;
  if (GTK_IS_IMAGE (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_visible_image (child))
        return TRUE;
    }
  return FALSE;
}

/* A button that shows an icon and no text: its tooltip is the only way a
 * sighted person learns what it does. */
static gboolean
is_icon_only_button (GtkWidget *widget)
{
  if (!GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  /* the titlebar's close, minimize and maximize, as in every GNOME window */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return FALSE;
  return has_visible_image (widget) && !has_visible_text (widget);
}

/* Walks what is shown at and below @widget; appends each widget that
 * needs a name and has none, and each icon-only button without a tooltip,
 * to @failures, and counts what was checked. */
static void
audit_tree (GtkWidget *widget,
            GString   *failures,
            guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (needs_name (widget))
    {
      const char *how = how_named (widget);

      (*n_checked)++;
      if (how == NULL)
        {
          g_autofree char *text = describe (widget);

          g_string_append_printf (failures, "  no accessible name: %s\n", text);
        }
      else if (g_test_verbose ())
        {
          g_autofree char *text = describe (widget);

          g_test_message ("named by %s: %s", how, text);
        }
    }

  if (is_icon_only_button (widget) && gtk_widget_get_tooltip_text (widget) == NULL)
    {
      g_autofree char *text = describe (widget);

      g_string_append_printf (failures, "  icon-only button without a tooltip: %s\n", text);
    }

  if (is_composite (widget))
    {
      /* A popover of a menu button or a drop down is its own surface:
       * audited where it is shown. */
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_tree (child, failures, n_checked);
}

/* Fails, listing them all, when a widget shown at or below @root lacks a
 * name or an icon-only button a tooltip; @what says which part of Byline
 * @root is. The test goes on, so that one run lists every part's. */
static void
assert_all_named (GtkWidget  *root,
                  const char *what)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  guint n_checked = 0;

  g_assert_true (gtk_widget_get_mapped (root));
  audit_tree (root, failures, &n_checked);
  g_test_message ("%s: %u widgets checked", what, n_checked);
  if (failures->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("%s has widgets without an accessible name or a tooltip:\n%s",
                                                  what, failures->str);

      g_test_fail_printf ("%s", message);
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* ------------------------------------------------------------------------ */
/* The site and the window                                                   */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char         *dir;
  BylineWindow *window;
} Fixture;

static void
write_png (const char *dir,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

static BylineFrontMatterForm *
get_form (BylineWindow *window)
{
  GtkWidget *form = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_FRONT_MATTER_FORM,
                                             NULL, NULL);

  g_assert_nonnull (form);
  return BYLINE_FRONT_MATTER_FORM (form);
}

/* Expands every group and list of the form, so that the fields inside
 * are shown. */
static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

/* A Hugo site holding tests/data/accessibility.md with its image, and one
 * more post to link to; the post open in a window, every row built and
 * every group expanded. */
static void
fixture_open (Fixture *fx)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "accessibility.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *posts = NULL;
  BylineFrontMatterForm *form;

  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);

  fx->dir = byline_test_make_tmp ("byline-test-accessibility");
  g_free (byline_test_write_file (fx->dir, "hugo.toml", "title = 'Test site'\n", -1));
  g_free (byline_test_write_file (fx->dir, "content/posts/every-kind.md", contents, -1));
  g_free (byline_test_write_file (fx->dir, "content/posts/other.md",
                                  "---\ntitle: Other\ndate: 2024-01-01\n---\nOther\n", -1));
  posts = g_build_filename (fx->dir, "content", "posts", NULL);
  write_png (posts, "cover.png");

  file = byline_test_file_in (fx->dir, "content/posts/every-kind.md");
  fx->window = byline_application_open_file (app, file);
  g_assert_nonnull (fx->window);
  gtk_window_present (GTK_WINDOW (fx->window));
  WAIT_FOR (byline_window_get_ready (fx->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fx->window)));

  /* the preview (WebKit) is put in once the post is on screen */
  WAIT_FOR (byline_window_get_preview (fx->window) != NULL);
  form = get_form (fx->window);
  WAIT_FOR (byline_front_matter_form_get_site_index (form) != NULL);
  /* every row built (rows are made over the first frames) */
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (form, "slug"));
  expand_all (GTK_WIDGET (form));
  WAIT_FOR (gtk_widget_get_mapped (_byline_front_matter_form_get_field_widget (form, "resources.1.title")));
  WAIT_FOR (gtk_widget_get_mapped (_byline_front_matter_form_get_field_widget (form, "menu.main.weight")));
  byline_test_drain ();
}

static void
fixture_close (Fixture *fx)
{
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (fx->dir);
  g_clear_pointer (&fx->dir, g_free);
}

static void
activate (BylineWindow *window,
          const char   *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* A shown toplevel of @type, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWidget) widget = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (widget), type) && gtk_widget_get_mapped (widget))
        return widget;   /* GTK keeps it while it is shown */
    }
  return NULL;
}

static gboolean
is_mapped (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

/* The shown widget of @type at or below @root, or NULL. */
static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  return byline_test_find_widget (root, type, is_mapped, NULL);
}

static gboolean
has_css_name (GtkWidget     *widget,
              gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && g_str_equal (gtk_widget_get_css_name (widget), data);
}

/* The shown widget whose CSS name is @css_name at or below @root, or NULL. */
static GtkWidget *
find_mapped_css (GtkWidget  *root,
                 const char *css_name)
{
  return byline_test_find_widget (root, GTK_TYPE_WIDGET, has_css_name, css_name);
}

static gboolean
is_primary_menu (GtkWidget     *widget,
                 gconstpointer  data)
{
  return gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static gboolean
is_link_picker (GtkWidget     *widget,
                gconstpointer  data)
{
  return byline_post_switcher_get_choose_only (BYLINE_POST_SWITCHER (widget));
}

/* The popover of @button, opened and shown. */
static GtkWidget *
popup_menu_button (GtkWidget *button)
{
  GtkPopover *popover;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  WAIT_FOR ((popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (popover)));
  byline_test_drain ();
  return GTK_WIDGET (popover);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* The window with a post that has a field of every kind, every group
 * expanded. */
static void
test_window (void)
{
  Fixture fx;
  BylineFrontMatterForm *form;
  struct {
    const char *dotted;
    GType       type;
  } kinds[] = {
    { "title", ADW_TYPE_ENTRY_ROW },
    { "description", GTK_TYPE_TEXT_VIEW },
    { "draft", GTK_TYPE_SWITCH },
    { "weight", GTK_TYPE_SPIN_BUTTON },
    { "ratio", GTK_TYPE_SPIN_BUTTON },
    { "date", GTK_TYPE_MENU_BUTTON },
    { "menu", ADW_TYPE_EXPANDER_ROW },
    { "menu.main.name", ADW_TYPE_ENTRY_ROW },
    { "resources", ADW_TYPE_EXPANDER_ROW },
    { "resources.0.src", ADW_TYPE_ENTRY_ROW },
    { "image", ADW_TYPE_ENTRY_ROW },
  };

  fixture_open (&fx);
  form = get_form (fx.window);

  /* the post shows the kinds of row it was written for */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *widget = _byline_front_matter_form_get_field_widget (form, kinds[i].dotted);

      g_test_message ("field %s", kinds[i].dotted);
      g_assert_nonnull (widget);
      g_assert_true (g_type_is_a (G_OBJECT_TYPE (widget), kinds[i].type));
    }

  assert_all_named (GTK_WIDGET (fx.window), "The window");
  /* the preview, where F6 goes after the body */
  g_assert_true (has_label_property (GTK_WIDGET (byline_window_get_preview (fx.window))));
  fixture_close (&fx);
}

/* The editing widget of each field is named by its key, the name its row
 * shows. */
static void
test_fields_named_by_key (void)
{
  static const char *fields[] = {
    "title", "description", "draft", "weight", "ratio", "date", "tags", "image",
    "menu", "menu.main", "menu.main.name", "resources", "resources.0.title", "slug",
  };
  Fixture fx;
  BylineFrontMatterForm *form;

  fixture_open (&fx);
  form = get_form (fx.window);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = _byline_front_matter_form_get_field_widget (form, fields[i]);
      const char *key = strrchr (fields[i], '.') != NULL ? strrchr (fields[i], '.') + 1 : fields[i];
      g_autofree char *mismatch = NULL;

      g_test_message ("field %s", fields[i]);
      g_assert_nonnull (widget);
      /* items of a list are named by their number */
      if (g_ascii_isdigit (*key))
        continue;
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, key);
      g_assert_null (mismatch);
    }

  fixture_close (&fx);
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return mismatch == NULL;
}

/* The add button of an item of a list of groups is named by the item's
 * number as a person counts, the one of a group by its key. */
static void
test_add_buttons_named (void)
{
  static const struct {
    const char *dotted;
    const char *name;
  } buttons[] = {
    { "resources.0", "Add a Field to Item 1" },
    { "resources.1", "Add a Field to Item 2" },
    { "menu.main", "Add a Field to main" },
  };
  Fixture fx;
  BylineFrontMatterForm *form;

  fixture_open (&fx);
  form = get_form (fx.window);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *row = _byline_front_matter_form_get_field_widget (form, buttons[i].dotted);

      g_test_message ("the add button of %s", buttons[i].dotted);
      g_assert_nonnull (row);
      g_assert_nonnull (byline_test_find_widget (row, GTK_TYPE_BUTTON, is_labelled, buttons[i].name));
    }
  g_assert_null (byline_test_find_widget (GTK_WIDGET (form), GTK_TYPE_BUTTON, is_labelled,
                                          "Add a Field to 1"));

  fixture_close (&fx);
}

/* Each row's menu, the date picker and the Add Field dialog. */
static void
test_form_popups (void)
{
  Fixture fx;
  BylineFrontMatterForm *form;
  GtkWidget *date_button;
  GtkWidget *title_row;
  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkWidget *dialog;

  fixture_open (&fx);
  form = get_form (fx.window);

  date_button = _byline_front_matter_form_get_field_widget (form, "date");
  popover = popup_menu_button (date_button);
  assert_all_named (popover, "The date picker");
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_FOR (!gtk_widget_get_mapped (popover));

  /* the row's menu: its one menu button shown (the warning sign is not) */
  title_row = _byline_front_matter_form_get_field_widget (form, "title");
  menu_button = find_mapped (title_row, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  popover = popup_menu_button (menu_button);
  assert_all_named (popover, "A field's menu");
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_FOR (!gtk_widget_get_mapped (popover));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.add-field", NULL));
  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  byline_test_drain ();
  assert_all_named (dialog, "The Add Field dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));

  fixture_close (&fx);
}

/* The main menu, the find and replace bar, Go to Heading and the link
 * picker. */
static void
test_window_popups (void)
{
  Fixture fx;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *search_bar;
  GtkWidget *picker;

  fixture_open (&fx);

  button = byline_test_find_widget (GTK_WIDGET (fx.window), GTK_TYPE_MENU_BUTTON,
                                    is_primary_menu, NULL);
  g_assert_nonnull (button);
  popover = popup_menu_button (button);
  assert_all_named (popover, "The main menu");
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_FOR (!gtk_widget_get_mapped (popover));

  activate (fx.window, "win.find-replace");
  search_bar = byline_test_find_widget (GTK_WIDGET (fx.window), GTK_TYPE_SEARCH_BAR, NULL, NULL);
  g_assert_nonnull (search_bar);
  WAIT_FOR (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)) &&
            gtk_widget_get_mapped (gtk_search_bar_get_child (GTK_SEARCH_BAR (search_bar))));
  byline_test_drain ();
  assert_all_named (search_bar, "The find and replace bar");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (search_bar), FALSE);

  activate (fx.window, "win.go-to-heading");
  WAIT_FOR ((popover = find_mapped (GTK_WIDGET (fx.window), GTK_TYPE_POPOVER)) != NULL);
  byline_test_drain ();
  assert_all_named (popover, "Go to Heading");
  gtk_popover_popdown (GTK_POPOVER (popover));
  WAIT_FOR (!gtk_widget_get_mapped (popover));

  WAIT_FOR (gtk_widget_get_sensitive (byline_test_find_menu_item (fx.window,
                                                                  "Insert Link to Post…")));
  activate (fx.window, "win.insert-post-link");
  WAIT_FOR ((picker = byline_test_find_widget (GTK_WIDGET (fx.window), BYLINE_TYPE_POST_SWITCHER,
                                               is_link_picker, NULL)) != NULL &&
            gtk_widget_get_mapped (picker));
  byline_test_drain ();
  assert_all_named (picker, "The link picker");
  gtk_popover_popdown (GTK_POPOVER (picker));

  /* the list of other posts, from the Open button */
  WAIT_FOR (!gtk_widget_get_mapped (picker));
  activate (fx.window, "win.open-site-post");
  WAIT_FOR ((picker = find_mapped (GTK_WIDGET (fx.window), BYLINE_TYPE_POST_SWITCHER)) != NULL);
  byline_test_drain ();
  assert_all_named (picker, "The list of other posts");
  gtk_popover_popdown (GTK_POPOVER (picker));

  fixture_close (&fx);
}

/* The preferences, About and the shortcuts window. */
static void
test_other_windows (void)
{
  Fixture fx;
  GtkWidget *preferences;
  GtkWidget *about;
  GtkShortcutsWindow *shortcuts;

  fixture_open (&fx);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR ((preferences = find_toplevel (BYLINE_TYPE_PREFERENCES_WINDOW)) != NULL);
  byline_test_drain ();
  assert_all_named (preferences, "The preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_FOR ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL);
  byline_test_drain ();
  assert_all_named (about, "About Byline");
  gtk_window_destroy (GTK_WINDOW (about));

  /* warnings stay fatal: the shortcuts window prints none (style.css) */
  activate (fx.window, "win.show-help-overlay");
  WAIT_FOR ((shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fx.window))) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  byline_test_drain ();
  assert_all_named (GTK_WIDGET (shortcuts), "The shortcuts window");
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  byline_test_drain ();

  fixture_close (&fx);
}

/* Opens @text as @name beside the fixture's post, in a window of its own,
 * and waits for it on screen. */
static BylineWindow *
open_post (Fixture    *fx,
           const char *name,
           const char *text)
{
  g_autofree char *relative = g_build_filename ("content", "posts", name, NULL);
  g_autoptr(GFile) file = NULL;
  BylineWindow *window;

  g_free (byline_test_write_file (fx->dir, relative, text, -1));
  file = byline_test_file_in (fx->dir, relative);
  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_ready (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  byline_test_drain ();
  return window;
}

/* The form in its other states: fields with warnings and a key written
 * twice, the YAML view, the Rename dialog, a parse error (an alert), and a
 * post without front matter. */
static void
test_form_states (void)
{
  Fixture fx;
  BylineWindow *window;
  BylineFrontMatterForm *form;
  GtkWidget *dialog;
  GtkWidget *error_label;
  const char *title_path[] = { "title", NULL };
  g_auto(GStrv) warnings = NULL;

  fixture_open (&fx);

  window = open_post (&fx, "warnings.md",
                      "---\ntitle: \"\"\ndate: sometime last week\ntags: single\n"
                      "author: Ada\nauthor: Grace\n---\n\nBody.\n");
  form = get_form (window);
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (form, "tags"));
  byline_test_drain ();
  warnings = _byline_front_matter_form_dup_warnings (form);
  g_assert_nonnull (warnings[0]);
  assert_all_named (GTK_WIDGET (form), "The form with warnings");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.rename", "^as", title_path));
  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  byline_test_drain ();
  assert_all_named (dialog, "The Rename Field dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.show-yaml", NULL));
  WAIT_FOR (gtk_widget_get_mapped (_byline_front_matter_form_get_yaml_view (form)));
  assert_all_named (GTK_WIDGET (form), "The form's YAML view");

  window = open_post (&fx, "invalid.md",
                      "---\ntitle: Broken\ntags: [unclosed, list\n---\n\nBody.\n");
  form = get_form (window);
  WAIT_FOR ((error_label = _byline_front_matter_form_get_error_label (form)) != NULL &&
            gtk_widget_get_mapped (error_label));
  gtk_test_accessible_assert_role (error_label, GTK_ACCESSIBLE_ROLE_ALERT);
  /* the YAML view is still shown (a setting): the page's button is hidden */
  assert_all_named (GTK_WIDGET (form), "The form with a parse error");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.show-yaml", NULL));
  WAIT_FOR (!gtk_widget_get_mapped (_byline_front_matter_form_get_yaml_view (form)));
  assert_all_named (GTK_WIDGET (form), "The form with a parse error, its YAML hidden");

  window = open_post (&fx, "plain.md", "Only a body.\n");
  form = get_form (window);
  assert_all_named (GTK_WIDGET (form), "The form of a post without front matter");

  fixture_close (&fx);
}

/* The parts that change while a person works say what they are: the word
 * count is a status, the bars above the panes are alerts. */
static void
test_live_regions (void)
{
  Fixture fx;
  GtkWidget *word_count = NULL;
  GtkWidget *toast;
  guint n_bars = 0;

  fixture_open (&fx);

  {
    /* the word count: the label with the style class byline-word-count */
    GtkWidget *stack[256];
    guint depth = 0;

    stack[depth++] = GTK_WIDGET (fx.window);
    while (depth > 0)
      {
        GtkWidget *w = stack[--depth];

        if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "byline-word-count"))
          word_count = w;
        if (GTK_IS_INFO_BAR (w))
          {
            n_bars++;
            gtk_test_accessible_assert_role (w, GTK_ACCESSIBLE_ROLE_ALERT);
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          {
            g_assert_cmpuint (depth, <, G_N_ELEMENTS (stack));
            stack[depth++] = c;
          }
      }
  }

  g_assert_nonnull (word_count);
  gtk_test_accessible_assert_role (word_count, GTK_ACCESSIBLE_ROLE_STATUS);
  g_assert_cmpuint (n_bars, >, 0);

  /* a message in a toast: its close button named */
  byline_window_show_message (fx.window, "A message");
  WAIT_FOR ((toast = find_mapped_css (GTK_WIDGET (fx.window), "toast")) != NULL);
  /* (libadwaita 1.2 gives the toast itself no role to change) */
  assert_all_named (toast, "A toast");

  fixture_close (&fx);
}

/* Moves the focus in @direction from the editor of field @from until it is
 * in the editor of field @to, a bounded number of steps, and checks that
 * every field of @fields was reached on the way. */
static void
walk_focus (BylineWindow     *window,
            GtkDirectionType  direction,
            const char       *from,
            const char       *to,
            const char      **fields,
            guint             n_fields)
{
  BylineFrontMatterForm *form = get_form (window);
  GtkWidget *first = _byline_front_matter_form_get_field_widget (form, from);
  GtkWidget *last = _byline_front_matter_form_get_field_widget (form, to);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree gboolean *reached = g_new0 (gboolean, n_fields);
  guint steps = 0;
  GtkWidget *focus;

  g_assert_true (gtk_widget_grab_focus (first));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == first || gtk_widget_is_ancestor (focus, first));

  for (;;)
    {
      g_autofree char *text = NULL;

      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      for (guint i = 0; i < n_fields; i++)
        {
          GtkWidget *editor = _byline_front_matter_form_get_field_widget (form, fields[i]);

          if (focus == editor || gtk_widget_is_ancestor (focus, editor))
            reached[i] = TRUE;
        }
      text = describe (focus);
      g_string_append_printf (path, "  %u: %s\n", steps, text);

      if (focus == last || gtk_widget_is_ancestor (focus, last))
        break;
      if (steps == MAX_TAB_STEPS)
        {
          g_test_message ("focus went:\n%s", path->str);
          g_assert_cmpuint (steps, <, MAX_TAB_STEPS);
        }

      gtk_widget_child_focus (GTK_WIDGET (window), direction);
      steps++;
    }

  g_test_message ("%u steps from %s to %s", steps, from, to);
  for (guint i = 0; i < n_fields; i++)
    {
      if (!reached[i])
        g_test_message ("focus went:\n%s", path->str);
      g_test_message ("reached %s", fields[i]);
      g_assert_true (reached[i]);
    }
}

/* Tab from the first row of the form reaches the last row's editor, every
 * field between on the way (groups and lists expanded); Shift+Tab goes
 * back the same way. */
static void
test_tab_reaches_every_row (void)
{
  static const char *fields[] = {
    "title", "description", "draft", "weight", "ratio", "date", "tags", "image",
    "menu.main.name", "menu.main.weight", "resources.0.src", "resources.1.title", "slug",
  };
  static const struct {
    GtkDirectionType  direction;
    const char       *from;
    const char       *to;
  } walks[] = {
    { GTK_DIR_TAB_FORWARD, "title", "slug" },
    { GTK_DIR_TAB_BACKWARD, "slug", "title" },
  };
  Fixture fx;

  fixture_open (&fx);
  for (guint i = 0; i < G_N_ELEMENTS (walks); i++)
    walk_focus (fx.window, walks[i].direction, walks[i].from, walks[i].to,
                fields, G_N_ELEMENTS (fields));
  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  /* The test AT context holds what the application set: the suite's
   * GTK_A11Y=none would give widgets none at all. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* the preview is linked in, so the window shows the real one */
  g_type_ensure (BYLINE_TYPE_PREVIEW);
  bus = byline_test_bus_up ();
  app = byline_test_new_application ();

  g_test_add_func ("/accessibility/window", test_window);
  g_test_add_func ("/accessibility/fields-named-by-key", test_fields_named_by_key);
  g_test_add_func ("/accessibility/add-buttons-named", test_add_buttons_named);
  g_test_add_func ("/accessibility/form-popups", test_form_popups);
  g_test_add_func ("/accessibility/window-popups", test_window_popups);
  g_test_add_func ("/accessibility/other-windows", test_other_windows);
  g_test_add_func ("/accessibility/form-states", test_form_states);
  g_test_add_func ("/accessibility/live-regions", test_live_regions);
  g_test_add_func ("/accessibility/tab-reaches-every-row", test_tab_reaches_every_row);

  ret = g_test_run ();

  g_object_unref (app);
  byline_test_bus_down (bus);
  return ret;
}
