/* test-post-switcher.c: the Open button's list of the site's other posts:
 * what it lists, in which order, searching it, and opening a post from it.
 * Real files in a temporary site, the real application and windows.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-post-switcher"

#include "config.h"

#include <string.h>
#include <time.h>

#include "byline-application.h"
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

/* A small Hugo site; the tests open content/posts/current.md. */
static const SiteFile hugo_site[] = {
  { "hugo.toml", "title = 'Test site'\n" },
  { "archetypes/default.md", "---\ntitle: '{{ .Name }}'\ndate: 2030-01-01\n---\n" },
  { "content/posts/first.md", "---\ntitle: First steps\ndate: 2024-01-10\n---\nOne\n" },
  { "content/posts/second.md", "---\ntitle: Second thoughts\ndate: 2024-02-20T09:00:00Z\ndraft: true\n---\nTwo\n" },
  { "content/posts/summer.md", "---\ntitle: \xC3\x89t\xC3\xA9 en montagne\ndate: 2024-07-01\n---\nSummer\n" },
  { "content/posts/current.md", "---\ntitle: Current\ndate: 2024-03-01\n---\nThe one open\n" },
  { "content/posts/trip/index.md", "---\ndate: 2023-05-05\n---\nA bundle\n" },
  { "content/notes/untitled.md", "No front matter\n" },
};

/* The site's other posts, newest first; those without a date last. */
static const struct {
  const char *title;
  const char *file;
  gboolean    draft;
} expected_posts[] = {
  { "\xC3\x89t\xC3\xA9 en montagne", "content/posts/summer.md", FALSE },
  { "Second thoughts", "content/posts/second.md", TRUE },
  { "First steps", "content/posts/first.md", FALSE },
  { "trip", "content/posts/trip/index.md", FALSE },
  { "untitled.md", "content/notes/untitled.md", FALSE },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *
make_site (const SiteFile *files,
           guint           n_files)
{
  char *dir = byline_test_make_tmp ("byline-test-post-switcher");

  for (guint i = 0; i < n_files; i++)
    g_free (byline_test_write_file (dir, files[i].path, files[i].contents, -1));

  return dir;
}

static BylineWindow *
open_and_wait (const char *dir,
               const char *name)
{
  g_autoptr(GFile) file = byline_test_file_in (dir, name);
  BylineWindow *window = byline_application_open_file (app, file);

  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  return window;
}

static BylineWindow *
find_window_for (GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      window_file = byline_window_get_file (BYLINE_WINDOW (l->data));
      if (window_file != NULL && g_file_equal (window_file, file))
        return BYLINE_WINDOW (l->data);
    }

  return NULL;
}


static BylinePostSwitcher *
get_switcher (BylineWindow *window)
{
  GtkWidget *switcher = byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_POST_SWITCHER,
                                                 NULL, NULL);

  g_assert_nonnull (switcher);
  return BYLINE_POST_SWITCHER (switcher);
}

/* Ctrl+Alt+O's action; waits for the list of the site's posts. */
static BylinePostSwitcher *
show_switcher (BylineWindow *window)
{
  BylinePostSwitcher *switcher = get_switcher (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-site-post", NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (switcher)));
  WAIT_FOR (byline_post_switcher_get_site_index (switcher) != NULL);

  return switcher;
}

static BylineSitePost *
post_at (BylinePostSwitcher *switcher,
         guint               i)
{
  GObject *item = g_list_model_get_item (byline_post_switcher_get_model (switcher), i);

  g_assert_nonnull (item);
  g_object_unref (item);   /* the model keeps it */
  return BYLINE_SITE_POST (item);
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* A label showing @text in the switcher's rows (or empty state), on screen. */
static GtkWidget *
find_label (BylinePostSwitcher *switcher,
            const char         *text)
{
  return byline_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_LABEL, label_is, text);
}

static guint
n_shown (BylinePostSwitcher *switcher)
{
  return g_list_model_get_n_items (byline_post_switcher_get_model (switcher));
}

static void
search (BylinePostSwitcher *switcher,
        const char         *text)
{
  gtk_editable_set_text (byline_post_switcher_get_search_entry (switcher), text);
  /* search-changed comes a moment after typing */
  g_signal_emit_by_name (byline_post_switcher_get_search_entry (switcher), "search-changed");
}

static gboolean
icon_is (GtkWidget     *widget,
         gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), data) == 0;
}

/* Byline's recent files hold @dir/@name (they are added asynchronously). */
static gboolean
is_recent (const char *dir,
           const char *name)
{
  g_autoptr(GFile) file = byline_test_file_in (dir, name);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentInfo *info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);

  if (info == NULL)
    return FALSE;
  gtk_recent_info_unref (info);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* The site's other posts, newest first, with their titles and a Draft tag;
 * the post of the window itself and files outside content/ are not there. */
static void
test_lists_site_posts (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  BylinePostSwitcher *switcher = show_switcher (window);
  g_autofree char **accels = NULL;

  WAIT_FOR (n_shown (switcher) == G_N_ELEMENTS (expected_posts));
  for (guint i = 0; i < G_N_ELEMENTS (expected_posts); i++)
    {
      BylineSitePost *post = post_at (switcher, i);
      g_autofree char *path = g_build_filename (dir, expected_posts[i].file, NULL);

      g_assert_cmpstr (byline_site_post_get_title (post), ==, expected_posts[i].title);
      g_assert_cmpstr (byline_site_post_get_path (post), ==, path);
      g_assert_cmpint (byline_site_post_is_draft (post), ==, expected_posts[i].draft);
    }

  /* the rows show the titles, one Draft tag, the section and the date */
  WAIT_FOR (find_label (switcher, "Second thoughts") != NULL);
  g_assert_nonnull (find_label (switcher, "First steps"));
  g_assert_nonnull (find_label (switcher, "Draft"));
  g_assert_nonnull (find_label (switcher, "Jan 10, 2024 · posts"));
  g_assert_nonnull (find_label (switcher, "notes"));
  g_assert_null (find_label (switcher, "Current"));

  /* the search entry has the focus, to type at once */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (byline_post_switcher_get_search_entry (switcher))) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) ==
                   GTK_WIDGET (byline_post_switcher_get_search_entry (switcher)));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open-site-post");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control><Alt>o"));

  gtk_popover_popdown (GTK_POPOVER (switcher));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* Typing filters by title and file name, ignoring case and accents: each
 * word typed starts a word of either; nothing found says so. */
static void
test_search (void)
{
  static const struct {
    const char *search;
    const char *first;     /* NULL: nothing */
    guint       n;
  } cases[] = {
    { "second", "Second thoughts", 1 },
    { "THOUGHTS", "Second thoughts", 1 },
    { "ete", "\xC3\x89t\xC3\xA9 en montagne", 1 },
    { "\xC3\xA9t\xC3\xA9", "\xC3\x89t\xC3\xA9 en montagne", 1 },
    { "summer.md", "\xC3\x89t\xC3\xA9 en montagne", 1 },   /* the file name */
    { "t", "Second thoughts", 2 },                           /* newest first */
    { "mon", "\xC3\x89t\xC3\xA9 en montagne", 1 },           /* the start of a word */
    { "ought", NULL, 0 },                                   /* not the middle of one */
    { "first steps", "First steps", 1 },
    { "steps first", "First steps", 1 },                    /* words in any order */
    { "current", NULL, 0 },                                 /* never the window's own */
    { "zzz", NULL, 0 },
    { "", "\xC3\x89t\xC3\xA9 en montagne", G_N_ELEMENTS (expected_posts) },
  };
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  BylinePostSwitcher *switcher = show_switcher (window);

  WAIT_FOR (n_shown (switcher) == G_N_ELEMENTS (expected_posts));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search: %s", cases[i].search);
      search (switcher, cases[i].search);
      g_assert_cmpuint (n_shown (switcher), ==, cases[i].n);
      if (cases[i].first != NULL)
        g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 0)), ==, cases[i].first);
      else
        WAIT_FOR (find_label (switcher, "No posts match your search") != NULL);
    }

  gtk_popover_popdown (GTK_POPOVER (switcher));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* Enter opens the first post found in a window of its own and closes the
 * list; a post already open is presented, not opened twice. */
static void
test_open (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  g_autoptr(GFile) current = byline_test_file_in (dir, "content/posts/current.md");
  g_autoptr(GFile) first = byline_test_file_in (dir, "content/posts/first.md");
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  BylinePostSwitcher *switcher = show_switcher (window);
  BylineWindow *opened;
  guint n_windows;

  WAIT_FOR (n_shown (switcher) == G_N_ELEMENTS (expected_posts));
  search (switcher, "first");
  g_assert_cmpuint (n_shown (switcher), ==, 1);
  g_signal_emit_by_name (byline_post_switcher_get_search_entry (switcher), "activate");

  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (switcher)));
  WAIT_FOR ((opened = find_window_for (first)) != NULL);
  g_assert_true (opened != window);
  WAIT_FOR (byline_window_get_ready (opened));
  g_assert_cmpstr (byline_document_get_title (byline_window_get_document (opened)), ==, "First steps");
  g_assert_true (find_window_for (current) == window);

  /* from the new window, the first post is not offered, the current one is;
   * a click on it presents its window */
  switcher = show_switcher (opened);
  WAIT_FOR (n_shown (switcher) == G_N_ELEMENTS (expected_posts));
  for (guint i = 0; i < n_shown (switcher); i++)
    g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, i)), !=, "First steps");
  search (switcher, "current");
  g_assert_cmpuint (n_shown (switcher), ==, 1);

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  /* what a click on a row does */
  g_signal_emit_by_name (byline_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_LIST_VIEW, NULL, NULL),
                         "activate", 0);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (switcher)));
  byline_test_drain ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);

  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* The posts of the site opened recently come first, the latest first, with
 * a clock; the others follow newest first. */
static void
test_recent_first (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  BylineWindow *window = open_and_wait (dir, "content/posts/current.md");
  BylinePostSwitcher *switcher;

  open_and_wait (dir, "content/posts/first.md");
  WAIT_FOR (is_recent (dir, "content/posts/first.md"));
  open_and_wait (dir, "content/notes/untitled.md");
  WAIT_FOR (is_recent (dir, "content/notes/untitled.md"));

  switcher = show_switcher (window);
  WAIT_FOR (n_shown (switcher) == G_N_ELEMENTS (expected_posts));
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 0)), ==, "untitled.md");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 1)), ==, "First steps");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 2)), ==, "\xC3\x89t\xC3\xA9 en montagne");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 3)), ==, "Second thoughts");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 4)), ==, "trip");
  WAIT_FOR (byline_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_IMAGE, icon_is,
                                     "document-open-recent-symbolic") != NULL);

  /* the search keeps that order */
  search (switcher, "s");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 0)), ==, "First steps");

  gtk_popover_popdown (GTK_POPOVER (switcher));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* CPU time of this thread in ms: what the search costs, whatever else the
 * machine is doing. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

/* A site of thousands of posts: only the rows on screen are widgets, and
 * the search goes through all of them (its time is printed, not judged). */
static void
test_large_site (void)
{
  static const char * const searches[] = { "number 1", "number 12", "number 123", "number 2" };
  const guint n_posts = 3000;
  g_autofree char *dir = byline_test_make_tmp ("byline-test-post-switcher");
  BylineWindow *window;
  BylinePostSwitcher *switcher;
  GtkWidget *list_view;
  double t0;

  g_free (byline_test_write_file (dir, "hugo.toml", "", -1));
  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *name = g_strdup_printf ("content/posts/%02u/post-%04u.md", i % 50, i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Post number %u\ndate: 2020-01-01T00:00:%02uZ\n"
                                               "draft: %s\n---\nBody\n",
                                               i, i % 60, i % 7 == 0 ? "true" : "false");

      g_free (byline_test_write_file (dir, name, text, -1));
    }

  window = open_and_wait (dir, "content/posts/00/post-0000.md");
  switcher = show_switcher (window);
  WAIT_FOR (n_shown (switcher) == n_posts - 1);
  byline_test_drain ();

  list_view = byline_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_LIST_VIEW, NULL, NULL);
  g_test_message ("%u row widgets for %u posts", count_widgets (list_view, GTK_TYPE_BOX) / 2, n_posts - 1);
  /* GTK 4.8's list view keeps about 200 rows around; a list box would
   * hold 3 labels for each of the 2999 posts */
  g_assert_cmpuint (count_widgets (list_view, GTK_TYPE_LABEL), <, 1000);

  for (guint k = 0; k < G_N_ELEMENTS (searches); k++)
    {
      guint expected = 0;

      /* every word starts a word of the title or the file name: the number */
      for (guint i = 1; i < n_posts; i++)
        {
          g_autofree char *number = g_strdup_printf ("%u", i);

          expected += g_str_has_prefix (number, searches[k] + strlen ("number "));
        }

      t0 = cpu_ms ();
      search (switcher, searches[k]);
      g_test_message ("search \"%s\" in %u posts: %.1f ms of CPU time", searches[k], n_posts - 1,
                      cpu_ms () - t0);
      g_assert_cmpuint (n_shown (switcher), ==, expected);
    }

  gtk_popover_popdown (GTK_POPOVER (switcher));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* A post in no site: the Markdown files of its folder. */
static void
test_folder (void)
{
  static const SiteFile files[] = {
    { "notes.md", "---\ntitle: Notes\n---\n" },
    { "later.md", "---\ntitle: Later\ndate: 2021-01-01\n---\n" },
    { "plain.markdown", "Just text\n" },
    { "other.txt", "---\ntitle: Not Markdown\n---\n" },
    { "sub/deeper.md", "---\ntitle: Deeper\n---\n" },
  };
  g_autofree char *dir = make_site (files, G_N_ELEMENTS (files));
  BylineWindow *window = open_and_wait (dir, "notes.md");
  BylinePostSwitcher *switcher = show_switcher (window);

  WAIT_FOR (n_shown (switcher) == 2);
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 0)), ==, "Later");
  g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 1)), ==, "plain.markdown");

  gtk_popover_popdown (GTK_POPOVER (switcher));
  byline_test_destroy_all_windows (app);
  byline_test_remove_tree (dir);
}

/* With nothing to offer, the list says why; Escape closes it. */
static void
test_empty (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "" },
    { "content/only.md", "---\ntitle: Only\n---\n" },
  };
  g_autofree char *dir = make_site (files, G_N_ELEMENTS (files));
  BylineWindow *window = open_and_wait (dir, "content/only.md");
  BylinePostSwitcher *switcher = show_switcher (window);
  BylineWindow *untitled;

  WAIT_FOR (find_label (switcher, "No other posts in this site") != NULL);
  g_assert_cmpuint (n_shown (switcher), ==, 0);
  g_signal_emit_by_name (byline_post_switcher_get_search_entry (switcher), "stop-search");
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (switcher)));

  /* a new post has no site yet: the posts opened recently, the latest
   * first, shown with their folders */
  WAIT_FOR (is_recent (dir, "content/only.md"));
  untitled = byline_application_new_post (app);
  WAIT_FOR (byline_window_get_ready (untitled));
  switcher = get_switcher (untitled);
  gtk_widget_activate_action (GTK_WIDGET (untitled), "win.open-site-post", NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (switcher)));
  g_assert_null (byline_post_switcher_get_site_index (switcher));
  WAIT_FOR (n_shown (switcher) > 0);
  {
    g_autofree char *only = g_build_filename (dir, "content", "only.md", NULL);
    g_autofree char *folder = g_build_filename (dir, "content", NULL);

    g_assert_cmpstr (byline_site_post_get_path (post_at (switcher, 0)), ==, only);
    g_assert_cmpstr (byline_site_post_get_title (post_at (switcher, 0)), ==, "only.md");
    WAIT_FOR (find_label (switcher, folder) != NULL);
  }
  gtk_popover_popdown (GTK_POPOVER (switcher));

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

  g_test_add_func ("/post-switcher/lists-site-posts", test_lists_site_posts);
  g_test_add_func ("/post-switcher/search", test_search);
  g_test_add_func ("/post-switcher/open", test_open);
  g_test_add_func ("/post-switcher/recent-first", test_recent_first);
  g_test_add_func ("/post-switcher/large-site", test_large_site);
  g_test_add_func ("/post-switcher/folder", test_folder);
  g_test_add_func ("/post-switcher/empty", test_empty);

  ret = g_test_run ();

  byline_test_destroy_all_windows (app);
  g_clear_object (&app);

  byline_test_bus_down (bus);

  return ret;
}
