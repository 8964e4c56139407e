/* test-tables.c: tables in the body, in a real window: Format Table
 * changes only the table's bytes in the saved file and undoes in one
 * step, Tab and Shift+Tab go from cell to cell (Tab in the last one adds a
 * row), Insert Table, and nothing happens outside tables or in code.
 *
 * Tab is driven through the shortcut the source view has for it (the
 * same callback a key press runs): GTK 4 has no way to make a key event.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-tables"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

/* A CRLF post with a BOM, a non-ASCII title and a table with wide
 * characters between two paragraphs (the first right above it). */
#define FRONT_MATTER "\xef\xbb\xbf---\r\ntitle: \"Tabellen – 表\"\r\ntags: [a, b]\r\n---\r\n"
#define BEFORE_TABLE "Intro paragraph.\r\n\r\nRight above:\r\n"
#define TABLE \
  "| Name | 値 | Count |\r\n" \
  "|:-|:-:|-:|\r\n" \
  "| 山田 | x \\| y | 1 |\r\n" \
  "| Bo | `code` |\r\n"
#define TABLE_FORMATTED \
  "| Name |   値   | Count |\r\n" \
  "| :--- | :----: | ----: |\r\n" \
  "| 山田 | x \\| y |     1 |\r\n" \
  "| Bo   | `code` |       |\r\n"
#define AFTER_TABLE "\r\nAfter | with a pipe.\r\n\r\n```\r\n| a | b |\r\n|---|---|\r\n\r\n| c | d |\r\n|---|---|\r\n```\r\n"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static BylineWindow *
open_post (const char  *dir,
           const char  *contents,
           char       **path)
{
  g_autoptr(GFile) file = NULL;
  BylineWindow *window;

  *path = byline_test_write_file (dir, "post.md", contents, -1);
  file = g_file_new_for_path (*path);
  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  return window;
}

static GtkTextView *
get_source_view (BylineWindow *window)
{
  GtkWidget *view = byline_test_find_widget (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

static GtkTextBuffer *
get_buffer (BylineWindow *window)
{
  return gtk_text_view_get_buffer (get_source_view (window));
}

/* Highlighting on: the body's language loaded and analysed. */
static void
wait_for_highlighting (BylineWindow *window)
{
  GtkTextBuffer *buffer = get_buffer (window);
  GtkTextIter start, end;

  WAIT_FOR (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) != NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (buffer), &start, &end);
}

/* Puts the cursor @after_chars characters after the first @needle. */
static void
place_cursor (BylineWindow *window,
              const char   *needle,
              int           after_chars)
{
  GtkTextBuffer *buffer = get_buffer (window);
  GtkTextIter start, match;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, NULL, NULL));
  gtk_text_iter_forward_chars (&match, after_chars);
  gtk_text_buffer_place_cursor (buffer, &match);
}

/* The body with "‸" at the cursor, or "«…»" around the selection. */
static char *
marked_text (BylineWindow *window)
{
  GtkTextBuffer *buffer = get_buffer (window);
  GtkTextIter start, end, all_start, all_end;
  g_autofree char *head = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *tail = NULL;

  gtk_text_buffer_get_bounds (buffer, &all_start, &all_end);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  head = gtk_text_buffer_get_text (buffer, &all_start, &start, TRUE);
  middle = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  tail = gtk_text_buffer_get_text (buffer, &end, &all_end, TRUE);
  if (gtk_text_iter_equal (&start, &end))
    return g_strconcat (head, "‸", tail, NULL);
  return g_strconcat (head, "«", middle, "»", tail, NULL);
}


static gboolean
can_format (BylineWindow *window)
{
  return gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Format Table"));
}

/* The shortcut of the source view for @trigger ("Tab", "<Shift>Tab"). */
static GtkShortcut *
find_shortcut (BylineWindow *window,
               const char   *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_source_view (window)));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "byline-table-editor") != 0)
        continue;
      /* before the text view's own keys */
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);

          /* an alternative trigger: its first is the key itself */
          if (GTK_IS_ALTERNATIVE_TRIGGER (shortcut_trigger))
            shortcut_trigger = gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (shortcut_trigger));
          if (gtk_shortcut_trigger_equal (shortcut_trigger, wanted))
            return shortcut;   /* the controller keeps it */
        }
    }
  g_assert_not_reached ();
  return NULL;
}

/* What pressing @trigger runs; TRUE when it took the key. */
static gboolean
press (BylineWindow *window,
       const char   *trigger)
{
  GtkShortcut *shortcut = find_shortcut (window, trigger);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       GTK_WIDGET (get_source_view (window)), NULL);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Format Table: the saved file differs from the opened one by the table's
 * lines alone; the cursor stays in its cell; one undo brings it all back. */
static void
test_format (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-tables");
  const char *original = FRONT_MATTER BEFORE_TABLE TABLE AFTER_TABLE;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *body_before = NULL;
  g_autofree char *body = NULL;
  g_autofree char *marked = NULL;
  BylineWindow *window = open_post (dir, original, &path);
  GtkTextBuffer *buffer = get_buffer (window);
  gsize len;

  wait_for_highlighting (window);
  body_before = byline_test_buffer_text (buffer);

  /* in the cell "x \| y", after the "x" */
  place_cursor (window, "x \\| y", 1);
  WAIT_FOR (can_format (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL));

  marked = marked_text (window);
  g_assert_cmpstr (strstr (marked, "x‸ \\| y |"), !=, NULL);
  body = byline_test_buffer_text (buffer);
  g_assert_cmpstr (body, ==, BEFORE_TABLE TABLE_FORMATTED AFTER_TABLE);

  byline_test_save_window (window);
  g_assert_true (g_file_get_contents (path, &saved, &len, NULL));
  g_assert_cmpuint (len, ==, strlen (FRONT_MATTER BEFORE_TABLE TABLE_FORMATTED AFTER_TABLE));
  g_assert_cmpint (memcmp (saved, FRONT_MATTER BEFORE_TABLE TABLE_FORMATTED AFTER_TABLE, len), ==, 0);

  /* again: nothing to do, nothing changes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL));
  g_assert_false (gtk_text_buffer_get_modified (buffer));

  /* one undo step */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  g_free (body);
  body = byline_test_buffer_text (buffer);
  g_assert_cmpstr (body, ==, body_before);
  gtk_text_buffer_redo (buffer);
  g_free (body);
  body = byline_test_buffer_text (buffer);
  g_assert_cmpstr (body, ==, BEFORE_TABLE TABLE_FORMATTED AFTER_TABLE);

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

/* Format Table is enabled on a line with a pipe outside code; elsewhere,
 * and on a line with pipes that is no table, it changes nothing. */
static void
test_not_a_table (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-tables");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  BylineWindow *window = open_post (dir, FRONT_MATTER BEFORE_TABLE TABLE AFTER_TABLE, &path);
  GtkTextBuffer *buffer = get_buffer (window);

  wait_for_highlighting (window);
  before = byline_test_buffer_text (buffer);

  place_cursor (window, "Intro", 2);
  WAIT_FOR (!can_format (window));

  /* a pipe, no table */
  place_cursor (window, "After |", 0);
  WAIT_FOR (can_format (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL));
  g_assert_cmpstr (byline_window_get_last_message (window), ==, "There is no table at the cursor");

  /* a table in fenced code, alone between blank lines inside it */
  place_cursor (window, "| c | d |", 3);
  WAIT_FOR (!can_format (window));
  g_assert_false (press (window, "Tab"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL);

  after = byline_test_buffer_text (buffer);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (gtk_text_buffer_get_modified (buffer));

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

/* Tab and Shift+Tab: from cell to cell, the delimiter row skipped, each
 * cell's content selected; Tab in the last cell adds a row (one undo
 * step); outside a table, Tab is the text view's. */
static void
test_tab (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-tables");
  const char *table = "| a | bb |\n|---|---|\n| 1 |  |\n";
  g_autofree char *contents = g_strconcat ("---\ntitle: Tabs\n---\nText\n\n", table, "\nEnd\n", NULL);
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  BylineWindow *window = open_post (dir, contents, &path);
  GtkTextBuffer *buffer = get_buffer (window);
  static const char * const forward[] = {
    "Text\n\n| a | «bb» |\n|---|---|\n| 1 |  |\n\nEnd\n",
    "Text\n\n| a | bb |\n|---|---|\n| «1» |  |\n\nEnd\n",
    "Text\n\n| a | bb |\n|---|---|\n| 1 | ‸ |\n\nEnd\n",
    /* the last cell: a new row */
    "Text\n\n| a | bb |\n|---|---|\n| 1 |  |\n| ‸  |  |\n\nEnd\n",
  };

  wait_for_highlighting (window);

  /* Tab on a line without a pipe is not the table editor's */
  place_cursor (window, "Text", 2);
  g_assert_false (press (window, "Tab"));

  place_cursor (window, "| a", 2);
  WAIT_FOR (can_format (window));
  for (guint i = 0; i < G_N_ELEMENTS (forward); i++)
    {
      g_autofree char *marked = NULL;

      g_assert_true (press (window, "Tab"));
      marked = marked_text (window);
      g_assert_cmpstr (marked, ==, forward[i]);
    }

  /* the new row goes in one undo step */
  gtk_text_buffer_undo (buffer);
  body = byline_test_buffer_text (buffer);
  g_assert_cmpstr (body, ==, "Text\n\n| a | bb |\n|---|---|\n| 1 |  |\n\nEnd\n");

  /* and back, by Shift+Tab */
  place_cursor (window, "| 1 |  |", 5);
  {
    static const char * const backward[] = {
      "Text\n\n| a | bb |\n|---|---|\n| «1» |  |\n\nEnd\n",
      "Text\n\n| a | «bb» |\n|---|---|\n| 1 |  |\n\nEnd\n",
      "Text\n\n| «a» | bb |\n|---|---|\n| 1 |  |\n\nEnd\n",
      /* the first cell: it stays */
      "Text\n\n| «a» | bb |\n|---|---|\n| 1 |  |\n\nEnd\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (backward); i++)
      {
        g_autofree char *marked = NULL;

        g_assert_true (press (window, "<Shift>Tab"));
        marked = marked_text (window);
        g_assert_cmpstr (marked, ==, backward[i]);
      }
  }

  /* from the start of a row's line: its first cell */
  place_cursor (window, "| 1 |", 0);
  {
    g_autofree char *marked = NULL;

    g_assert_true (press (window, "Tab"));
    marked = marked_text (window);
    g_assert_cmpstr (marked, ==, "Text\n\n| a | bb |\n|---|---|\n| «1» |  |\n\nEnd\n");
  }

  /* a selection over lines: Tab indents them, as ever */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_select_range (buffer, &start, &end);
    g_assert_false (press (window, "Tab"));
  }

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

/* Insert Table: a paragraph of its own, its first header selected; one
 * undo step. */
static void
test_insert (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-tables");
  g_autofree char *path = NULL;
  g_autofree char *marked = NULL;
  g_autofree char *body = NULL;
  BylineWindow *window = open_post (dir, "---\ntitle: Insert\n---\nFirst line\nSecond line\n", &path);
  GtkTextBuffer *buffer = get_buffer (window);

  g_assert_true (gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Insert Table")));
  place_cursor (window, "First line", 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.insert-table", NULL));
  marked = marked_text (window);
  g_assert_cmpstr (marked, ==,
                   "First line\n\n"
                   "| «Column» | Column | Column |\n"
                   "| ------ | ------ | ------ |\n"
                   "|        |        |        |\n"
                   "\nSecond line\n");
  WAIT_FOR (can_format (window));

  gtk_text_buffer_undo (buffer);
  body = byline_test_buffer_text (buffer);
  g_assert_cmpstr (body, ==, "First line\nSecond line\n");

  byline_test_destroy_window (window);
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

  g_test_add_func ("/tables/format", test_format);
  g_test_add_func ("/tables/not-a-table", test_not_a_table);
  g_test_add_func ("/tables/tab", test_tab);
  g_test_add_func ("/tables/insert", test_insert);

  ret = g_test_run ();

  byline_test_destroy_all_windows (app);
  g_clear_object (&app);

  byline_test_bus_down (bus);

  return ret;
}
