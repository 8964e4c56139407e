/* test-json-form.c: a JSON post edited in the window's front matter form.
 *
 * JSON front matter that reads the same as YAML opens with its fields in
 * the form; the title is changed in its entry and a switch toggled; the
 * window's save action writes the original with exactly those two values
 * changed (LF, and CR LF with a BOM). JSON that YAML reads otherwise is
 * kept as it is, and the form says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-json-form"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, 20)

static BylineApplication *app;

static const char post_lf[] =
  "{\n"
  "  \"title\": \"Old title\",\n"
  "  \"draft\": true,\n"
  "  \"date\": \"2025-02-13T01:55:25+05:30\",\n"
  "  \"tags\": [\"tea\", \"green\"],\n"
  "  \"params\": {\"author\": \"Ana Ruiz\"}\n"
  "}\n"
  "The body\u00a0stays.\n";

static const char new_title[] = "New “title” \\ 日本";
static const char new_title_literal[] = "\"New “title” \\\\ 日本\"";

static char *
to_crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\r\n", lines);
}

/* @text with the first @a replaced by @b. */
static char *
replace_once (const char *text,
              const char *a,
              const char *b)
{
  const char *at = strstr (text, a);
  GString *s;

  g_assert_nonnull (at);
  s = g_string_new_len (text, at - text);
  g_string_append (s, b);
  g_string_append (s, at + strlen (a));
  return g_string_free (s, FALSE);
}

static void
save_and_wait (BylineWindow *window)
{
  BylineDocument *document = byline_window_get_document (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  WAIT_FOR (!byline_document_get_busy (document));
  g_assert_null (byline_document_get_error_message (document));
}

static void
destroy_window (BylineWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
  g_assert_null (window);
}

static void
edit_and_save (const char *original)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-json-form");
  g_autofree char *path = byline_test_write_file (dir, "post.md", original, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  g_autofree char *step = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  BylineFrontMatterForm *form;
  BylineDocument *document;
  BylineWindow *window;
  GtkWidget *title, *draft;

  window = byline_application_open_file (app, file);
  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  gtk_window_present (GTK_WINDOW (window));
  document = byline_window_get_document (window);
  g_assert_cmpint (byline_document_get_format (document), ==, BYLINE_FORMAT_JSON);
  form = byline_window_get_front_matter_form (window);

  /* the fields are in the form, with the widgets YAML fields get */
  WAIT_FOR (_byline_front_matter_form_get_field_widget (form, "title") != NULL);
  title = _byline_front_matter_form_get_field_widget (form, "title");
  draft = _byline_front_matter_form_get_field_widget (form, "draft");
  g_assert_true (GTK_IS_EDITABLE (title));
  g_assert_true (GTK_IS_SWITCH (draft));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (draft)));
  g_assert_true (gtk_widget_is_sensitive (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Old title");
  WAIT_FOR (_byline_front_matter_form_get_field_widget (form, "params.author") != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_byline_front_matter_form_get_field_widget (form, "params.author"))),
                   ==, "Ana Ruiz");

  /* type a new title, then flip the switch */
  gtk_editable_set_text (GTK_EDITABLE (title), new_title);
  WAIT_FOR (g_strcmp0 (byline_document_get_title (document), new_title) == 0);
  draft = _byline_front_matter_form_get_field_widget (form, "draft");
  gtk_switch_set_active (GTK_SWITCH (draft), FALSE);
  WAIT_FOR (strstr (byline_document_get_front_matter_text (document), "\"draft\": false") != NULL);
  g_assert_true (byline_document_get_modified (document));

  save_and_wait (window);
  g_assert_false (byline_document_get_modified (document));

  g_file_get_contents (path, &saved, NULL, &error);
  g_assert_no_error (error);
  step = replace_once (original, "\"Old title\"", new_title_literal);
  expected = replace_once (step, "\"draft\": true", "\"draft\": false");
  g_assert_cmpstr (saved, ==, expected);

  destroy_window (window);
  byline_test_remove_tree (dir);
}

static void
test_edit_lf (void)
{
  edit_and_save (post_lf);
}

static void
test_edit_crlf_bom (void)
{
  g_autofree char *crlf = to_crlf (post_lf);
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", crlf, NULL);

  edit_and_save (with_bom);
}

static gboolean
shown_status (GtkWidget     *widget,
              gconstpointer  data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0 &&
         gtk_widget_get_child_visible (widget);
}

/* 1e3 is a number to JSON and text to YAML 1.1: not edited, and the form
 * says so instead of showing fields; saving keeps the bytes. */
static void
test_read_only (void)
{
  static const char post[] = "{\n  \"title\": \"T\",\n  \"n\": 1e3\n}\nBody\n";
  g_autofree char *dir = byline_test_make_tmp ("byline-test-json-form");
  g_autofree char *path = byline_test_write_file (dir, "post.md", post, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineFrontMatterForm *form;
  BylineWindow *window;

  window = byline_application_open_file (app, file);
  WAIT_FOR (byline_window_get_ready (window));
  form = byline_window_get_front_matter_form (window);
  byline_test_drain ();
  g_assert_null (_byline_front_matter_form_get_field_widget (form, "title"));
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (form), ADW_TYPE_STATUS_PAGE, shown_status,
                                             "JSON Front Matter"));

  destroy_window (window);
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

  g_test_add_func ("/json-form/edit-lf", test_edit_lf);
  g_test_add_func ("/json-form/edit-crlf-bom", test_edit_crlf_bom);
  g_test_add_func ("/json-form/read-only", test_read_only);

  ret = g_test_run ();

  g_clear_object (&app);
  byline_test_bus_down (bus);
  return ret;
}
