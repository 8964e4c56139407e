/* test-form-spell.c: spell checking of the front matter form's text rows,
 * in the real window, with the real en_US dictionary (hunspell-en-us).
 *
 * Enchant's personal word list goes to a temporary XDG_CONFIG_HOME.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-form-spell"

#include "config.h"

#include <string.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-spell-checker.h"
#include "byline-text-row.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static char *config_dir;
static char *tmp_dir;
static gboolean have_en_us;
static BylineApplication *app;

/* Front matter with a comment, quoting and a flow list: only the summary's
 * value may change. */
static const char post_text[] =
  "---\n"
  "# the summary is spelled badly on purpose\n"
  "title: 'Spelling'\n"
  "summary: \"The quick brwn fox jumps over the lazy dog.\"\n"
  "lang: en\n"
  "tags: [one, two]\n"
  "---\n"
  "Body text with zzyqx in it.\n";

static gboolean
skip_without_dictionary (void)
{
  if (!have_en_us)
    g_test_skip ("no en_US spelling dictionary (install hunspell-en-us)");
  return !have_en_us;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static BylineTextRow *
find_text_row (BylineWindow *window,
               const char   *title)
{
  GtkWidget *row = byline_test_find_widget (GTK_WIDGET (byline_window_get_front_matter_form (window)),
                                            BYLINE_TYPE_TEXT_ROW, is_row_titled, title);

  g_assert_nonnull (row);
  return BYLINE_TEXT_ROW (row);
}

static GtkTextBuffer *
row_buffer (BylineTextRow *row)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (byline_text_row_get_text_view (row)));
}

static GtkTextTag *
misspelled_tag (GtkTextBuffer *buffer)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), BYLINE_SPELL_TAG_MISSPELLED);
}

/* The misspelled words of @buffer, space-separated ("" for none). */
static char *
flagged_words (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = misspelled_tag (buffer);
  GString *words = g_string_new (NULL);
  GtkTextIter iter;

  if (tag == NULL)
    return g_string_free (words, FALSE);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    if (gtk_text_iter_starts_tag (&iter, tag))
      {
        GtkTextIter end = iter;
        g_autofree char *word = NULL;

        gtk_text_iter_forward_to_tag_toggle (&end, tag);
        word = gtk_text_iter_get_slice (&iter, &end);
        if (words->len > 0)
          g_string_append_c (words, ' ');
        g_string_append (words, word);
      }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag));

  return g_string_free (words, FALSE);
}

static gboolean
all_checked (BylineSpellChecker *checker,
             GtkTextBuffer      *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return checker != NULL && byline_spell_checker_is_checked (checker, &start, &end);
}

static gboolean
flagged_is (GtkTextBuffer *buffer,
            const char    *expected)
{
  g_autofree char *words = flagged_words (buffer);

  return g_str_equal (words, expected);
}

static BylineWindow *
open_post (const char *name,
           const char *text,
           char      **path_out)
{
  g_autofree char *path = byline_test_write_file (tmp_dir, name, text, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;

  window = byline_application_open_file (app, file);
  WAIT_FOR (byline_window_get_ready (window));
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_spell_checker (window) != NULL);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return window;
}

/* The summary's misspelled word, and only it, is underlined; the checker
 * changes nothing; Check Spelling (the window's) turns it off and on. */
static void
test_check_and_toggle (void)
{
  BylineWindow *window;
  BylineSpellChecker *body_checker, *checker;
  BylineTextRow *row;
  GtkTextBuffer *buffer;
  GVariant *state;

  if (skip_without_dictionary ())
    return;

  window = open_post ("check.md", post_text, NULL);
  body_checker = byline_window_get_spell_checker (window);
  row = find_text_row (window, "summary");
  buffer = row_buffer (row);
  checker = byline_text_row_get_spell_checker (row);
  g_assert_nonnull (checker);
  g_assert_true (byline_spell_checker_get_view (checker) ==
                 GTK_SOURCE_VIEW (byline_text_row_get_text_view (row)));

  /* the same settings as the body's */
  g_assert_true (byline_spell_checker_get_enabled (checker));
  g_assert_cmpstr (byline_spell_checker_get_document_language (checker), ==, "en");
  g_assert_cmpstr (byline_spell_checker_get_language (checker), ==,
                   byline_spell_checker_get_language (body_checker));

  WAIT_FOR (byline_spell_checker_get_active_language (checker) != NULL && all_checked (checker, buffer));
  g_assert_cmpstr (byline_spell_checker_get_active_language (checker), ==, "en_US");
  g_assert_true (flagged_is (buffer, "brwn"));
  /* checking changed no text */
  g_assert_false (byline_document_get_modified (byline_window_get_document (window)));
  g_assert_false (byline_document_can_undo_front_matter (byline_window_get_document (window)));

  /* Check Spelling off: no underline left */
  g_action_group_activate_action (G_ACTION_GROUP (window), "check-spelling", NULL);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "check-spelling");
  g_assert_false (g_variant_get_boolean (state));
  g_variant_unref (state);
  g_assert_false (byline_spell_checker_get_enabled (checker));
  g_assert_true (flagged_is (buffer, ""));

  /* and on again, from the row's own context menu: the window follows */
  g_assert_true (gtk_widget_activate_action (byline_text_row_get_text_view (row), "spelling.enabled", NULL));
  g_assert_true (byline_spell_checker_get_enabled (body_checker));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "check-spelling");
  g_assert_true (g_variant_get_boolean (state));
  g_variant_unref (state);
  WAIT_FOR (all_checked (checker, buffer));
  g_assert_true (flagged_is (buffer, "brwn"));

  /* The post's language changes: the rows follow (no German dictionary
   * here: "de" is not checked as English) */
  byline_document_set_front_matter_text (byline_window_get_document (window),
                                         "title: 'Spelling'\nsummary: \"Das ist gut.\"\nlang: de\n");
  byline_test_drain ();
  row = find_text_row (window, "summary");
  checker = byline_text_row_get_spell_checker (row);
  g_assert_nonnull (checker);
  g_assert_cmpstr (byline_spell_checker_get_document_language (checker), ==, "de");

  byline_test_destroy_window (window);
}

/* A suggestion picked in the summary goes through the form: the saved file
 * differs from the original only in that word. */
static void
test_replace (void)
{
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  BylineWindow *window;
  BylineSpellChecker *checker;
  BylineTextRow *row;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_auto(GStrv) parts = NULL;

  if (skip_without_dictionary ())
    return;

  window = open_post ("replace.md", post_text, &path);
  row = find_text_row (window, "summary");
  buffer = row_buffer (row);
  checker = byline_text_row_get_spell_checker (row);
  WAIT_FOR (checker != NULL && byline_spell_checker_get_active_language (checker) != NULL &&
            all_checked (checker, buffer));
  g_assert_true (flagged_is (buffer, "brwn"));

  /* the context menu on "brwn" offers "brown" */
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "brwn", 0, &start, &end, NULL));
  gtk_text_iter_forward_char (&start);
  /* not while the text is read-only */
  byline_text_row_set_editable (row, FALSE);
  byline_spell_checker_update_menu_at_iter (checker, &start);
  gtk_widget_activate_action (byline_text_row_get_text_view (row), "spelling.replace", "s", "brown");
  {
    g_autofree char *text = byline_text_row_dup_text (row);

    g_assert_cmpstr (text, ==, "The quick brwn fox jumps over the lazy dog.");
  }
  byline_text_row_set_editable (row, TRUE);

  byline_spell_checker_update_menu_at_iter (checker, &start);
  g_assert_true (gtk_widget_activate_action (byline_text_row_get_text_view (row), "spelling.replace", "s", "brown"));

  {
    g_autofree char *text = byline_text_row_dup_text (row);

    g_assert_cmpstr (text, ==, "The quick brown fox jumps over the lazy dog.");
  }
  WAIT_FOR (all_checked (checker, buffer));
  g_assert_true (flagged_is (buffer, ""));

  byline_test_save_window (window);
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  g_assert_no_error (error);

  parts = g_strsplit (post_text, "brwn", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  expected = g_strjoinv ("brown", parts);
  g_assert_cmpstr (saved, ==, expected);

  /* one step in the front matter's history */
  byline_document_undo_front_matter (byline_window_get_document (window));
  g_assert_false (byline_document_can_undo_front_matter (byline_window_get_document (window)));
  byline_test_drain ();
  row = find_text_row (window, "summary");
  {
    g_autofree char *text = byline_text_row_dup_text (row);

    g_assert_cmpstr (text, ==, "The quick brwn fox jumps over the lazy dog.");
  }

  byline_test_destroy_window (window);
}

/* Ignore All in the body applies to the form's rows too (one dictionary
 * session per language and process). */
static void
test_ignore_shared (void)
{
  BylineWindow *window;
  BylineSpellChecker *body_checker, *checker;
  BylineTextRow *row;
  GtkTextBuffer *buffer, *body;
  GtkTextIter start, end;

  if (skip_without_dictionary ())
    return;

  window = open_post ("ignore.md",
                      "---\ntitle: Ignore\ndescription: \"A zzyqx and a brwn.\"\n---\nThe zzyqx again.\n",
                      NULL);
  body_checker = byline_window_get_spell_checker (window);
  body = GTK_TEXT_BUFFER (byline_window_get_document (window));
  row = find_text_row (window, "description");
  buffer = row_buffer (row);
  checker = byline_text_row_get_spell_checker (row);
  WAIT_FOR (checker != NULL && byline_spell_checker_get_active_language (checker) != NULL &&
            all_checked (checker, buffer));
  WAIT_FOR (byline_spell_checker_get_active_language (body_checker) != NULL && all_checked (body_checker, body));
  g_assert_true (flagged_is (buffer, "zzyqx brwn"));

  gtk_text_buffer_get_start_iter (body, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "zzyqx", 0, &start, &end, NULL));
  byline_spell_checker_update_menu_at_iter (body_checker, &start);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (byline_window_get_source_view (window)),
                                             "spelling.ignore", NULL));
  WAIT_FOR (all_checked (checker, buffer) && flagged_is (buffer, "brwn"));
  g_assert_false (byline_document_get_modified (byline_window_get_document (window)));

  byline_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) installed = NULL;
  GTestDBus *bus;
  int ret;

  /* Enchant's personal word lists go to a temporary folder: before anything
   * asks GLib for the user's config folder. */
  config_dir = g_dir_make_tmp ("byline-test-form-spell-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");

  g_test_init (&argc, &argv, NULL);
  tmp_dir = byline_test_make_tmp ("byline-test-form-spell");

  bus = byline_test_bus_up ();
  app = byline_test_new_application ();

  installed = byline_spell_list_languages ();
  have_en_us = g_strv_contains ((const char * const *) installed, "en_US");

  g_test_add_func ("/form-spell/check-and-toggle", test_check_and_toggle);
  g_test_add_func ("/form-spell/replace", test_replace);
  /* last: Ignore All lasts as long as the process */
  g_test_add_func ("/form-spell/ignore-shared", test_ignore_shared);

  ret = g_test_run ();

  g_clear_object (&app);
  byline_test_bus_down (bus);

  byline_test_remove_tree (tmp_dir);
  byline_test_remove_tree (config_dir);
  g_free (tmp_dir);
  g_free (config_dir);

  return ret;
}
