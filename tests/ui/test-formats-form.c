/* test-formats-form.c: TOML and JSON posts edited in the window's front
 * matter form.
 *
 * A post with TOML (+++) or JSON ({ }) front matter opens with its fields
 * in the form; the title is changed in its entry and a switch toggled; the
 * window's save action writes a file that is the original with exactly
 * those two values changed, in LF and in CR LF with a BOM. What the engine
 * can't do is not offered: no Add Field on a TOML { } table, and JSON that
 * YAML reads differently keeps its status page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-formats-form"

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

static const char toml_post[] =
  "+++\n"
  "# Written for Byline's tests: a TOML post.\n"
  "title = \"Old title\"   # the title\n"
  "draft = true\n"
  "date = 2025-02-13T01:55:25+05:30\n"
  "tags = ['tea', 'green']\n"
  "\n"
  "[params]\n"
  "  author = \"Ana Ruiz\"\n"
  "  hidden = false\n"
  "+++\n"
  "The body stays.\n"
  "+++\n";

static const char json_post[] =
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

typedef struct {
  BylineFormat  format;
  const char   *post_lf;
  const char   *draft_true;    /* the switch's field as written, on and off */
  const char   *draft_false;
} FormatCase;

static const FormatCase toml_case = { BYLINE_FORMAT_TOML, toml_post, "draft = true", "draft = false" };
static const FormatCase json_case = { BYLINE_FORMAT_JSON, json_post, "\"draft\": true", "\"draft\": false" };

static void
edit_and_save (const FormatCase *c,
               const char       *original)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-formats-form");
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
  g_assert_cmpint (byline_document_get_format (document), ==, c->format);
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
  WAIT_FOR (strstr (byline_document_get_front_matter_text (document), c->draft_false) != NULL);
  g_assert_true (byline_document_get_modified (document));

  byline_test_save_window (window);
  g_assert_false (byline_document_get_modified (document));

  g_file_get_contents (path, &saved, NULL, &error);
  g_assert_no_error (error);
  step = byline_test_replace_once (original, "\"Old title\"", new_title_literal);
  expected = byline_test_replace_once (step, c->draft_true, c->draft_false);
  g_assert_cmpstr (saved, ==, expected);

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

static void
test_edit_lf (gconstpointer data)
{
  const FormatCase *c = data;

  edit_and_save (c, c->post_lf);
}

static void
test_edit_crlf_bom (gconstpointer data)
{
  const FormatCase *c = data;
  g_autofree char *crlf = byline_test_to_crlf (c->post_lf);
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", crlf, NULL);

  edit_and_save (c, with_bom);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* What the engine can't do to TOML is not offered: fields are added to a
 * [table], not to a { } one. Fields on lines of their own move. */
static void
test_offers (void)
{
  static const char post[] =
    "+++\n"
    "title = \"T\"\n"
    "point = { x = 1 }\n"
    "[params]\n"
    "a = 1\n"
    "+++\n"
    "Body\n";
  g_autofree char *dir = byline_test_make_tmp ("byline-test-formats-form");
  g_autofree char *path = byline_test_write_file (dir, "post.md", post, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineFrontMatterForm *form;
  BylineWindow *window;
  GtkWidget *point, *params;

  window = byline_application_open_file (app, file);
  WAIT_FOR (byline_window_get_ready (window));
  form = byline_window_get_front_matter_form (window);
  WAIT_FOR (_byline_front_matter_form_get_field_widget (form, "params") != NULL);
  point = _byline_front_matter_form_get_field_widget (form, "point");
  params = _byline_front_matter_form_get_field_widget (form, "params");
  g_assert_nonnull (point);
  g_assert_null (byline_test_find_widget (point, GTK_TYPE_BUTTON, has_tooltip, "Add a Field to point"));
  g_assert_nonnull (byline_test_find_widget (params, GTK_TYPE_BUTTON, has_tooltip, "Add a Field to params"));

  /* a field moves down: its line and the next change places */
  {
    BylineDocument *document = byline_window_get_document (window);
    const char *title_path[] = { "title", NULL };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.move-down", "^as", title_path));
    WAIT_FOR (g_str_has_prefix (byline_document_get_front_matter_text (document),
                                "point = { x = 1 }\ntitle = \"T\"\n[params]\n"));
  }

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
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
  g_autofree char *dir = byline_test_make_tmp ("byline-test-formats-form");
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

  g_test_add_data_func ("/formats-form/toml/edit-lf", &toml_case, test_edit_lf);
  g_test_add_data_func ("/formats-form/toml/edit-crlf-bom", &toml_case, test_edit_crlf_bom);
  g_test_add_func ("/formats-form/toml/offers", test_offers);
  g_test_add_data_func ("/formats-form/json/edit-lf", &json_case, test_edit_lf);
  g_test_add_data_func ("/formats-form/json/edit-crlf-bom", &json_case, test_edit_crlf_bom);
  g_test_add_func ("/formats-form/json/read-only", test_read_only);

  ret = g_test_run ();

  g_clear_object (&app);
  byline_test_bus_down (bus);
  return ret;
}
