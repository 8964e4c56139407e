/* test-table-context.c: Format Table and Tab leave alone what looks like a
 * table but is none, because an HTML block that runs on over blank lines
 * holds it (<pre>, <script>, <style>, comments, <?…?>, <!X…>,
 * <![CDATA[…]]>); a real table right after such a block is still
 * formatted, and so is one after what cmark-gfm 0.29 ends at a blank line
 * (<textarea>, "<!doctype"). Each case is first checked against cmark-gfm
 * itself (the whole body: no table there; the lines alone: a table), then
 * in a real window: the highlighting's class, the command's refusal and
 * its reason, Tab not taken, the file's bytes unchanged.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-table-context"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-table.h"
#include "byline-table-editor.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

#define FRONT_MATTER "---\ntitle: Context\n---\n"

/* After each case's body: a real table, which Format Table lines up. */
#define REAL_TABLE     "\n| c | dd |\n|-|-|\n| 1 | 2 |\n"
#define REAL_FORMATTED "\n| c   | dd  |\n| --- | --- |\n| 1   | 2   |\n"

typedef struct {
  const char *name;
  const char *body;        /* before REAL_TABLE */
  const char *cursor;      /* the cursor goes into the first of these… */
  gboolean    is_table;    /* …which is a table (TRUE) or lies in HTML */
} Case;

static const Case cases[] = {
  { "pre", "<pre>\ncode\n\n| a | b |\n|-|-|\n</pre>\n", "| a |", FALSE },
  { "pre-attributes-upper", "<PRE class=\"x\">\n\n| a | b |\n|-|-|\n</Pre> then text\n", "| a |", FALSE },
  { "script", "Intro.\n<script type=\"text/template\">\n\n| a | b |\n|-|-|\n\n</script>\n", "| a |", FALSE },
  { "style", "<style>\n\n| a | b |\n|-|-|\n</style>\n", "|-|-|", FALSE },
  { "pre-in-list-item", "- item\n\n  <pre>\n\n  | a | b |\n  |-|-|\n  </pre>\n", "| a |", FALSE },
  { "comment", "<!--\n\n| a | b |\n|-|-|\n-->\n", "| a |", FALSE },
  { "processing-instruction", "<?php\n\n| a | b |\n|-|-|\n?>\n", "| a |", FALSE },
  { "declaration", "<!ENTITY\n\n| a | b |\n|-|-|\n\n>\n", "| a |", FALSE },
  { "cdata", "<![CDATA[\n\n| a | b |\n|-|-|\n]]>\n", "| a |", FALSE },
  /* cmark-gfm 0.29 ends these at the first blank line: a table follows */
  { "textarea", "<textarea>\n\n| a | b |\n|-|-|\n\n</textarea>\n", "| a |", TRUE },
  { "declaration-lower-case", "<!doctype\n\n| a | b |\n|-|-|\n\n>\n", "| a |", TRUE },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

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

static gboolean
can_format (BylineWindow *window)
{
  return gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Format Table"));
}

/* What the table editor's Tab shortcut does; TRUE when it took the key. */
static gboolean
press_tab (BylineWindow *window)
{
  GtkTextView *view = get_source_view (window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string ("Tab");

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "byline-table-editor") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
            trigger = gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger));
          if (gtk_shortcut_trigger_equal (trigger, wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (view), NULL);
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

/* The run of non-blank lines of @text around byte @offset. */
static char *
run_around (const char *text,
            gsize       offset,
            gsize      *offset_in_run)
{
  const char *start = text + offset, *end = text + offset;

  while (start > text && !(start[-1] == '\n' && (start - 1 == text || start[-2] == '\n')))
    start--;
  while (*end != '\0' && !(end[0] == '\n' && end[1] == '\n'))
    end++;
  *offset_in_run = text + offset - start;
  return g_strndup (start, end - start);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* What cmark-gfm says, which the highlighting must agree with: the lines
 * around the cursor alone make a table; in the whole body they do when
 * is_table says so; the table after the block is always one. */
static void
test_cmark (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *body = g_strconcat (c->body, REAL_TABLE, NULL);
      gsize offset = strstr (body, c->cursor) - body + 2;
      gsize in_run;
      g_autofree char *run = run_around (body, offset, &in_run);
      g_autoptr(BylineTable) alone = byline_table_find (run, -1, in_run);
      g_autoptr(BylineTable) whole = byline_table_find (body, -1, offset);
      g_autoptr(BylineTable) real = byline_table_find (body, -1, strstr (body, "| c |") - body + 2);

      g_test_message ("%s", c->name);
      g_assert_nonnull (alone);
      if (c->is_table)
        g_assert_nonnull (whole);
      else
        g_assert_null (whole);
      g_assert_nonnull (real);
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = byline_test_make_tmp ("byline-test-table-context");
  g_autofree char *contents = g_strconcat (FRONT_MATTER, c->body, REAL_TABLE, NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GFile) file = NULL;
  BylineWindow *window;
  GtkTextBuffer *buffer;
  GtkTextIter start, end, iter;
  gsize len;

  path = byline_test_write_file (dir, "post.md", contents, -1);
  file = g_file_new_for_path (path);
  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  buffer = get_buffer (window);
  WAIT_FOR (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) != NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (buffer), &start, &end);
  before = byline_test_buffer_text (buffer);

  place_cursor (window, c->cursor, 2);

  if (!c->is_table)
    {
      BylineTableEditor *editor;
      g_autoptr(GError) error = NULL;

      /* Tab is the text view's */
      g_assert_false (press_tab (window));

      /* the command does nothing, and says so */
      editor = byline_table_editor_new (GTK_SOURCE_VIEW (get_source_view (window)));
      g_assert_false (byline_table_editor_format (editor, &error));
      g_assert_error (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND);
      g_object_unref (editor);

      after = byline_test_buffer_text (buffer);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (gtk_text_buffer_get_modified (buffer));

      /* Format Table is off */
      WAIT_FOR (!can_format (window));
    }
  else
    {
      WAIT_FOR (can_format (window));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL));
      after = byline_test_buffer_text (buffer);
      g_assert_cmpstr (after, !=, before);
      gtk_text_buffer_undo (buffer);
      g_free (after);
      after = byline_test_buffer_text (buffer);
      g_assert_cmpstr (after, ==, before);
    }

  /* the highlighting shows the lines as HTML, or not */
  place_cursor (window, c->cursor, 2);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&iter, 0);
  g_assert_cmpint (gtk_source_buffer_iter_has_context_class (GTK_SOURCE_BUFFER (buffer), &iter, "html-block") ||
                   gtk_source_buffer_iter_has_context_class (GTK_SOURCE_BUFFER (buffer), &iter, "comment"),
                   ==, !c->is_table);

  /* the real table after the block: formatted, and only it */
  place_cursor (window, "| c |", 2);
  WAIT_FOR (can_format (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.format-table", NULL));
  g_free (after);
  after = byline_test_buffer_text (buffer);
  {
    g_autofree char *expected = g_strconcat (c->body, REAL_FORMATTED, NULL);

    g_assert_cmpstr (after, ==, expected);
  }
  byline_test_save_window (window);
  g_assert_true (g_file_get_contents (path, &saved, &len, NULL));
  {
    g_autofree char *expected = g_strconcat (FRONT_MATTER, c->body, REAL_FORMATTED, NULL);

    g_assert_cmpmem (saved, len, expected, strlen (expected));
  }

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

/* The reason the command gives in the window: raw HTML, and code. */
static void
test_reason (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-table-context");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  BylineWindow *window;
  BylineTableEditor *editor;
  static const struct {
    const char *cursor;
    const char *message;
  } reasons[] = {
    { "| a |", "The cursor is in raw HTML, not in a table" },
    { "| e |", "The cursor is in a code block, not in a table" },
    { "Text", "There is no table at the cursor" },
  };

  path = byline_test_write_file (dir, "post.md",
                                 FRONT_MATTER "Text\n\n<pre>\n\n| a | b |\n|-|-|\n</pre>\n\n"
                                 "```\n\n| e | f |\n|-|-|\n```\n", -1);
  file = g_file_new_for_path (path);
  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  WAIT_FOR (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (get_buffer (window))) != NULL);

  editor = byline_table_editor_new (GTK_SOURCE_VIEW (get_source_view (window)));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr(GError) error = NULL;

      place_cursor (window, reasons[i].cursor, 1);
      g_assert_false (byline_table_editor_format (editor, &error));
      g_assert_error (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND);
      g_assert_cmpstr (error->message, ==, reasons[i].message);
    }
  g_object_unref (editor);

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

  g_test_add_func ("/table-context/cmark", test_cmark);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/table-context/%s", cases[i].name);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/table-context/reason", test_reason);

  ret = g_test_run ();

  byline_test_destroy_all_windows (app);
  g_clear_object (&app);
  byline_test_bus_down (bus);
  return ret;
}
