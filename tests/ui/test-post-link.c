/* test-post-link.c: Insert Link to Post…: the list of the site's posts at
 * the cursor, and the link written into the body as the site resolves it,
 * in one undo step. Real sites in temporary folders, the real application
 * and windows.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-post-link"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-front-matter-form.h"
#include "byline-post-switcher.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

typedef struct
{
  const char *path;
  const char *contents;
} SiteFile;

/* A Hugo site; the tests open content/posts/current.md. */
static const SiteFile hugo_site[] = {
  { "hugo.toml", "title = 'Test site'\n" },
  { "content/posts/current.md", "---\ntitle: Current\ndate: 2024-03-01\n---\nRead this: \n" },
  { "content/posts/a.md", "---\ntitle: Alpine [lakes]\ndate: 2024-02-01\n---\nA\n" },
  { "content/posts/b/index.md", "---\ndate: 2024-01-01\n---\nA bundle without a title\n" },
};

/* A folder that is no site; the tests open current.md. */
static const SiteFile plain_folder[] = {
  { "current.md", "---\ntitle: Current\n---\nSee \n" },
  { "other post (1).md", "---\ntitle: Other\ndate: 2024-02-01\n---\nO\n" },
  { "plain.md", "No front matter\n" },
  { "sub/not-listed.md", "---\ntitle: Below\n---\nNot in the folder itself\n" },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *
make_site (const SiteFile *files,
           guint           n_files)
{
  char *dir = byline_test_make_tmp ("byline-test-post-link");

  for (guint i = 0; i < n_files; i++)
    g_free (byline_test_write_file (dir, files[i].path, files[i].contents, -1));

  return dir;
}



static BylineFrontMatterForm *
get_form (BylineWindow *window)
{
  GtkWidget *form = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_FRONT_MATTER_FORM,
                                             NULL, NULL);

  g_assert_nonnull (form);
  return BYLINE_FRONT_MATTER_FORM (form);
}

/* Opens @name of @dir; waits for the site's scan, and the action enabled. */
static BylineWindow *
open_and_wait (const char *dir,
               const char *name)
{
  g_autoptr(GFile) file = byline_test_file_in (dir, name);
  BylineWindow *window = byline_application_open_file (app, file);

  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  WAIT_FOR (byline_front_matter_form_get_site_index (get_form (window)) != NULL);
  return window;
}

static GtkTextView *
get_source_view (BylineWindow *window)
{
  GtkWidget *view = byline_test_find_widget (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

static gboolean
is_link_picker (GtkWidget     *widget,
                gconstpointer  data)
{
  return byline_post_switcher_get_choose_only (BYLINE_POST_SWITCHER (widget));
}

/* The picker, once shown (it is in the window from its first showing). */
static BylinePostSwitcher *
find_picker (BylineWindow *window)
{
  GtkWidget *picker = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_POST_SWITCHER,
                                               is_link_picker, NULL);

  return picker != NULL ? BYLINE_POST_SWITCHER (picker) : NULL;
}

/* Ctrl+Alt+K's action; waits for the list on screen. */
static BylinePostSwitcher *
show_picker (BylineWindow *window)
{
  BylinePostSwitcher *picker;

  WAIT_FOR (gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Insert Link to Post…")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.insert-post-link", NULL);
  WAIT_FOR ((picker = find_picker (window)) != NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (picker)));
  /* typing goes to its search */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                   GTK_WIDGET (byline_post_switcher_get_search_entry (picker)) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (byline_post_switcher_get_search_entry (picker))));
  return picker;
}

static guint
n_shown (BylinePostSwitcher *picker)
{
  return g_list_model_get_n_items (byline_post_switcher_get_model (picker));
}

static BylineSitePost *
post_at (BylinePostSwitcher *picker,
         guint               i)
{
  GObject *item = g_list_model_get_item (byline_post_switcher_get_model (picker), i);

  g_assert_nonnull (item);
  g_object_unref (item);   /* the model keeps it */
  return BYLINE_SITE_POST (item);
}

/* Types @text into the picker's search, and Enter. */
static void
search_and_choose (BylinePostSwitcher *picker,
                   const char         *text,
                   const char         *expected_title)
{
  GtkEditable *entry = byline_post_switcher_get_search_entry (picker);

  gtk_editable_set_text (entry, text);
  /* search-changed comes a moment after typing */
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (n_shown (picker), ==, 1);
  g_assert_cmpstr (byline_site_post_get_title (post_at (picker, 0)), ==, expected_title);
  g_signal_emit_by_name (entry, "activate");
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (picker)));
}


static int
cursor_offset (GtkTextBuffer *buffer)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

/* Selects characters @start to @end of the body (the same: the cursor). */
static void
select_range (GtkTextBuffer *buffer,
              int            start,
              int            end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &b, &a);
}

/* What Ctrl+Z does in the body. */
static void
undo (BylineWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_source_view (window)), "text.undo", NULL));
}

static void
assert_focus_in_body (BylineWindow *window)
{
  WAIT_FOR (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (get_source_view (window)));
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* A Hugo site: the other posts listed; the one chosen is linked with ref at
 * the cursor, titled by its title; one undo removes it; a selection becomes
 * the link's text. */
static void
test_hugo (void)
{
  static const char *body = "Read this: \n";
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  BylinePostSwitcher *picker;
  g_autofree char *text = NULL;
  g_autofree char **accels = NULL;
  const char *expected;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.insert-post-link");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control><Alt>k"));

  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, body);
  g_clear_pointer (&text, g_free);
  select_range (buffer, strlen ("Read this: "), strlen ("Read this: "));

  /* the other posts, newest first; not this one */
  picker = show_picker (window);
  g_assert_cmpuint (n_shown (picker), ==, 2);
  g_assert_cmpstr (byline_site_post_get_title (post_at (picker, 0)), ==, "Alpine [lakes]");
  g_assert_cmpstr (byline_site_post_get_title (post_at (picker, 1)), ==, "b");

  search_and_choose (picker, "alp", "Alpine [lakes]");
  expected = "Read this: [Alpine \\[lakes\\]]({{< ref \"posts/a.md\" >}})\n";
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (cursor_offset (buffer), ==, g_utf8_strlen (expected, -1) - 1);
  g_assert_false (gtk_text_buffer_get_has_selection (buffer));
  assert_focus_in_body (window);

  /* one undo step */
  undo (window);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, body);
  g_clear_pointer (&text, g_free);

  /* the selection "this" becomes the text of the link to the bundle */
  select_range (buffer, strlen ("Read "), strlen ("Read this"));
  picker = show_picker (window);
  search_and_choose (picker, "b", "b");
  expected = "Read [this]({{< ref \"posts/b\" >}}): \n";
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (cursor_offset (buffer), ==, strlen ("Read [this]({{< ref \"posts/b\" >}})"));
  assert_focus_in_body (window);

  undo (window);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, body);
  g_clear_pointer (&text, g_free);

  /* what was typed just before the link is an undo step of its own */
  select_range (buffer, 0, 0);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "See ", -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  picker = show_picker (window);
  search_and_choose (picker, "alp", "Alpine [lakes]");
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "See [Alpine \\[lakes\\]]({{< ref \"posts/a.md\" >}})Read this: \n");
  g_clear_pointer (&text, g_free);
  undo (window);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "See Read this: \n");
  g_clear_pointer (&text, g_free);
  undo (window);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, body);
  g_clear_pointer (&text, g_free);

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* The list keeps pointing at the cursor when the window is resized and
 * the body's lines wrap again. */
static void
test_follows_cursor (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  GtkTextView *view = GTK_TEXT_VIEW (get_source_view (window));
  g_autoptr(GString) body = g_string_new (NULL);
  BylinePostSwitcher *picker;
  GdkRectangle pointing, expected;
  GtkTextIter iter;
  int width = gtk_widget_get_width (GTK_WIDGET (view));

  for (int i = 0; i < 12; i++)
    g_string_append (body, "A long line of words that wraps when the window is narrow enough. ");
  gtk_text_buffer_set_text (buffer, body->str, -1);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);

  picker = show_picker (window);
  g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (picker), &pointing));

  gtk_window_set_default_size (GTK_WINDOW (window), gtk_widget_get_width (GTK_WIDGET (window)) - 300,
                               gtk_widget_get_height (GTK_WIDGET (window)));
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (view)) < width - 100);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  /* the lines wrap again in idle steps: until the cursor's place settles */
  WAIT_FOR ((gtk_text_view_get_iter_location (view, &iter, &expected),
             gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, expected.x, expected.y,
                                                    &expected.x, &expected.y),
             gtk_popover_get_pointing_to (GTK_POPOVER (picker), &pointing),
             pointing.x == expected.x && pointing.y == expected.y &&
             expected.y != 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));

  gtk_popover_popdown (GTK_POPOVER (picker));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* A link from a published post to a draft is made, and a message says
 * what it means for building the site; from a draft, nothing is said. */
static void
test_draft (void)
{
  static const SiteFile site[] = {
    { "hugo.toml", "title = 'Test site'\n" },
    { "content/posts/published.md", "---\ntitle: Published\ndate: 2024-03-01\n---\n" },
    { "content/posts/unfinished.md", "---\ntitle: Unfinished\ndate: 2024-02-01\ndraft: true\n---\n" },
    { "content/posts/other-draft.md", "+++\ntitle = 'Other draft'\ndate = 2024-01-01\ndraft = true\n+++\n" },
  };
  g_autofree char *dir = make_site (site, G_N_ELEMENTS (site));
  BylineWindow *window = open_and_wait (dir, "content/posts/published.md");
  BylinePostSwitcher *picker;

  g_assert_null (byline_window_get_last_message (window));
  picker = show_picker (window);
  search_and_choose (picker, "unf", "Unfinished");
  g_assert_nonnull (byline_window_get_last_message (window));
  g_assert_nonnull (strstr (byline_window_get_last_message (window), "“Unfinished” is a draft"));
  byline_test_destroy_window (window);

  window = open_and_wait (dir, "content/posts/unfinished.md");
  picker = show_picker (window);
  search_and_choose (picker, "oth", "Other draft");
  g_assert_null (byline_window_get_last_message (window));

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* Escape closes the list, changes nothing, and the body has the focus
 * and its selection back. */
static void
test_escape (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  GtkEditable *entry;
  BylinePostSwitcher *picker;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  int full_height;

  select_range (buffer, 2, 2);
  picker = show_picker (window);
  entry = byline_post_switcher_get_search_entry (picker);
  WAIT_FOR (gtk_widget_get_height (GTK_WIDGET (picker)) > 0);
  full_height = gtk_widget_get_height (GTK_WIDGET (picker));
  gtk_editable_set_text (entry, "alp");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (n_shown (picker), ==, 1);
  g_signal_emit_by_name (entry, "stop-search");
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (picker)));
  assert_focus_in_body (window);

  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "Read this: \n");
  g_assert_cmpint (cursor_offset (buffer), ==, 2);
  g_assert_false (gtk_text_buffer_get_modified (buffer));

  /* shown again: the search starts empty, the list as tall as at first */
  picker = show_picker (window);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpuint (n_shown (picker), ==, 2);
  WAIT_FOR (gtk_widget_get_height (GTK_WIDGET (picker)) == full_height);

  /* a selection comes back as it was */
  gtk_popover_popdown (GTK_POPOVER (picker));
  select_range (buffer, 0, 4);
  picker = show_picker (window);
  g_signal_emit_by_name (entry, "stop-search");
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 0);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 4);
  assert_focus_in_body (window);

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* A folder that is no site: the other Markdown files beside the post,
 * linked by a relative path escaped for Markdown. */
static void
test_plain_folder (void)
{
  g_autofree char *dir = make_site (plain_folder, G_N_ELEMENTS (plain_folder));
  BylineWindow *window = open_and_wait (dir, "current.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  BylinePostSwitcher *picker;
  g_autofree char *text = NULL;

  select_range (buffer, strlen ("See "), strlen ("See "));
  picker = show_picker (window);
  g_assert_cmpuint (n_shown (picker), ==, 2);
  search_and_choose (picker, "oth", "Other");
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "See [Other](other%20post%20%281%29.md)\n");
  g_clear_pointer (&text, g_free);

  /* a file without a title: its name */
  picker = show_picker (window);
  search_and_choose (picker, "plain", "plain.md");
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "See [Other](other%20post%20%281%29.md)[plain.md](plain.md)\n");
  g_clear_pointer (&text, g_free);

  undo (window);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "See [Other](other%20post%20%281%29.md)\n");

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* With the Markdown source hidden the list opens below the title, and
 * the link goes in at the cursor all the same. */
static void
test_source_hidden (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.byline.Byline");
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  BylinePostSwitcher *picker;
  g_autofree char *text = NULL;

  g_settings_set_boolean (settings, "show-source", FALSE);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (get_source_view (window))));
  select_range (buffer, 0, 0);

  picker = show_picker (window);
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (picker), GTK_WIDGET (get_source_view (window))));
  search_and_choose (picker, "alp", "Alpine [lakes]");
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "[Alpine \\[lakes\\]]({{< ref \"posts/a.md\" >}})Read this: \n");
  g_clear_pointer (&text, g_free);

  /* shown again: back at the cursor */
  g_settings_reset (settings, "show-source");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (get_source_view (window))));
  picker = show_picker (window);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (picker), GTK_WIDGET (get_source_view (window))));
  {
    g_autofree char *placeholder = NULL;

    g_object_get (byline_post_switcher_get_search_entry (picker), "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Search Posts to Link To");
  }
  gtk_popover_popdown (GTK_POPOVER (picker));

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* Nothing else to link to: the action is disabled, the menu item too. */
static void
test_nothing_to_link (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-post-link");
  g_autofree char *path = byline_test_write_file (dir, "alone.md", "---\ntitle: Alone\n---\nBody\n", -1);
  BylineWindow *window = open_and_wait (dir, "alone.md");
  g_autofree char *text = NULL;

  byline_test_drain ();
  g_assert_false (gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Insert Link to Post…")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.insert-post-link", NULL);
  byline_test_drain ();
  g_assert_null (find_picker (window));

  text = byline_test_buffer_text (GTK_TEXT_BUFFER (byline_window_get_document (window)));
  g_assert_cmpstr (text, ==, "Body\n");

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  g_test_init (&argc, &argv, NULL);

  bus = byline_test_bus_up ();

  app = byline_test_new_application ();

  g_test_add_func ("/post-link/hugo", test_hugo);
  g_test_add_func ("/post-link/escape", test_escape);
  g_test_add_func ("/post-link/follows-cursor", test_follows_cursor);
  g_test_add_func ("/post-link/draft", test_draft);
  g_test_add_func ("/post-link/plain-folder", test_plain_folder);
  g_test_add_func ("/post-link/source-hidden", test_source_hidden);
  g_test_add_func ("/post-link/nothing-to-link", test_nothing_to_link);

  ret = g_test_run ();

  byline_test_destroy_all_windows (app);
  g_clear_object (&app);

  byline_test_bus_down (bus);

  return ret;
}
