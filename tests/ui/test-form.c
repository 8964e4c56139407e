/* test-form.c: the front matter form, driven through its widgets as a person
 * would. Each edit is saved (the document's bytes), compared byte for byte
 * with the original, and read back by an independent YAML reader (PyYAML
 * with CSafeLoader, from Debian's python3-yaml).
 *
 * Widgets are found by their accessible name, which is the field's key.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-form"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "byline-chip-editor.h"
#include "byline-date-row.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-text-row.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define PYTHON "/usr/bin/python3"

/* Prints, for each file given, one JSON line: the front matter as PyYAML
 * reads it ("fm") and its top-level keys in order ("keys"), or the reason
 * PyYAML refuses it ("error"). Dates become ISO text. */
static const char *pyyaml_script =
  "import sys, json, yaml\n"
  "def fm(path):\n"
  "    text = open(path, encoding='utf-8-sig', newline='').read()\n"
  "    lines = text.splitlines(True)\n"
  "    if not lines or lines[0].rstrip() != '---':\n"
  "        return None\n"
  "    inner = []\n"
  "    for line in lines[1:]:\n"
  "        if line.rstrip() in ('---', '...'):\n"
  "            break\n"
  "        inner.append(line)\n"
  "    return yaml.load(''.join(inner), Loader=yaml.CSafeLoader)\n"
  "def conv(o):\n"
  "    return o.isoformat() if hasattr(o, 'isoformat') else str(o)\n"
  "for p in sys.argv[1:]:\n"
  "    try:\n"
  "        d = fm(p)\n"
  "    except yaml.YAMLError as e:\n"
  "        print(json.dumps({'error': str(e).replace('\\n', ' ')}))\n"
  "        continue\n"
  "    if d is None:\n"
  "        d = {}\n"
  "    keys = list(d.keys()) if isinstance(d, dict) else []\n"
  "    print(json.dumps({'fm': d, 'keys': keys}, default=conv))\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
sample_path (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");

  if (shared == NULL)
    return NULL;

  return g_build_filename (shared, "samples", "news-post.md", NULL);
}

typedef struct
{
  char                  *dir;
  char                  *path;       /* the copy being edited */
  GBytes                *original;
  GtkWidget             *window;
  BylineFrontMatterForm *form;
  BylineDocument        *document;
} Fixture;

/* Copies @source into a temporary folder, opens it in a document and shows
 * it in a form in a 360 px wide window. */
static void
fixture_open (Fixture    *fx,
              const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (source);
  gsize len;

  memset (fx, 0, sizeof *fx);

  fx->dir = g_dir_make_tmp ("byline-test-form-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, base, NULL);

  g_file_get_contents (source, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->path, contents, len, &error);
  g_assert_no_error (error);
  fx->original = g_bytes_new_take (g_steal_pointer (&contents), len);

  fx->document = byline_test_load_document (fx->path);

  fx->form = BYLINE_FRONT_MATTER_FORM (byline_front_matter_form_new ());
  byline_front_matter_form_set_document (fx->form, fx->document);

  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->form));
  gtk_window_present (GTK_WINDOW (fx->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fx->form)));
  byline_test_drain ();
}

/* Opens @source in the same window and form (a new document), leaving the
 * previous copy behind: quicker than a new window for each file. */
static void
fixture_switch (Fixture    *fx,
                const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (source);
  gsize len;

  g_clear_object (&fx->document);
  g_clear_pointer (&fx->original, g_bytes_unref);
  g_free (fx->path);
  fx->path = g_build_filename (fx->dir, base, NULL);

  g_file_get_contents (source, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->path, contents, len, &error);
  g_assert_no_error (error);
  fx->original = g_bytes_new_take (g_steal_pointer (&contents), len);

  fx->document = byline_test_load_document (fx->path);

  byline_front_matter_form_set_document (fx->form, fx->document);
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
  g_clear_pointer (&fx->dir, g_free);
  g_clear_pointer (&fx->path, g_free);
}

/* The widget whose accessible name is @name, depth first from @root; when
 * a widget inside it has the same name (a row titled with the key holding
 * the widget that edits it), that one. */
static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_widget_get_visible (root))
    return NULL;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }

  /* A label's accessible name is its text: it names nothing else. */
  return mismatch == NULL && !GTK_IS_LABEL (root) ? root : NULL;
}

/* Finds the widget of a field by accessible names: "menu.main.weight" is
 * the widget named "weight" inside the one named "main" inside "menu". A
 * list item ("resources.1") has no name of its own: the form says which row
 * it is. */
static GtkWidget *
find_field (Fixture    *fx,
            const char *dotted)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  g_autoptr(GString) prefix = g_string_new (NULL);
  GtkWidget *scope = GTK_WIDGET (fx->form);

  for (guint i = 0; parts[i] != NULL && scope != NULL; i++)
    {
      if (prefix->len > 0)
        g_string_append_c (prefix, '.');
      g_string_append (prefix, parts[i]);

      if (g_ascii_isdigit (parts[i][0]))
        scope = _byline_front_matter_form_get_field_widget (fx->form, prefix->str);
      else
        {
          GtkWidget *found = NULL;

          for (GtkWidget *child = gtk_widget_get_first_child (scope);
               child != NULL && found == NULL;
               child = gtk_widget_get_next_sibling (child))
            found = find_by_name (child, parts[i]);
          scope = found;
        }
    }

  if (scope == NULL)
    g_test_message ("no widget named %s", dotted);

  return scope;
}

static GBytes *
save (Fixture *fx)
{
  return byline_document_dup_contents (fx->document);
}

static GPtrArray *
split_lines (GBytes *bytes,
             GArray *offsets)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      {
        g_ptr_array_add (lines, g_strndup (data + start, i + 1 - start));
        if (offsets != NULL)
          g_array_append_val (offsets, start);
        start = i + 1;
      }
  if (start < len)
    {
      g_ptr_array_add (lines, g_strndup (data + start, len - start));
      if (offsets != NULL)
        g_array_append_val (offsets, start);
    }

  return lines;
}

/* The lines of @original that differ from @saved, as a byte range of
 * @original: [*start, *end). Empty when @saved only inserts lines. */
static void
changed_range (GBytes *original,
               GBytes *saved,
               gsize  *start,
               gsize  *end)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) a = split_lines (original, offsets);
  g_autoptr(GPtrArray) b = split_lines (saved, NULL);
  guint prefix = 0, suffix = 0;
  gsize total = g_bytes_get_size (original);

  while (prefix < a->len && prefix < b->len &&
         g_str_equal (a->pdata[prefix], b->pdata[prefix]))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix &&
         g_str_equal (a->pdata[a->len - 1 - suffix], b->pdata[b->len - 1 - suffix]))
    suffix++;

  *start = prefix < a->len ? g_array_index (offsets, gsize, prefix) : total;
  *end = a->len - suffix < a->len ? g_array_index (offsets, gsize, a->len - suffix) : total;
  if (*end < *start)
    *end = *start;
}

/* The byte range, in the whole file, of the lines of the entry at @dotted
 * in @original's front matter. */
static void
entry_range (GBytes     *original,
             const char *dotted,
             gsize      *start,
             gsize      *end)
{
  gsize len;
  const char *data = g_bytes_get_data (original, &len);
  g_autoptr(BylineFrontMatter) fm = NULL;
  BylinePostSplit split;
  BylineNode *node;

  byline_post_split (data, len, &split);
  fm = byline_front_matter_new (split.format, data + split.fm_start, split.fm_end - split.fm_start);
  node = byline_front_matter_lookup_dotted (fm, dotted);
  g_assert_nonnull (node);
  byline_node_get_entry_range (node, start, end);
  *start += split.fm_start;
  *end += split.fm_start;
}

/* Only the lines of @dotted's entries (one or more, comma-separated)
 * changed between @original and @saved. */
static void
assert_only_entries_changed (GBytes     *original,
                             GBytes     *saved,
                             const char *dotted_list)
{
  g_auto(GStrv) keys = g_strsplit (dotted_list, ",", -1);
  gsize cs, ce, allowed_start = G_MAXSIZE, allowed_end = 0;

  changed_range (original, saved, &cs, &ce);
  g_assert_false (g_bytes_equal (original, saved));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gsize s, e;

      entry_range (original, keys[i], &s, &e);
      allowed_start = MIN (allowed_start, s);
      allowed_end = MAX (allowed_end, e);
    }

  if (cs < allowed_start || ce > allowed_end)
    {
      g_test_message ("changed bytes [%zu, %zu) outside the entry [%zu, %zu) of %s",
                      cs, ce, allowed_start, allowed_end, dotted_list);
      g_test_message ("saved:\n%.*s", (int) g_bytes_get_size (saved),
                      (const char *) g_bytes_get_data (saved, NULL));
    }
  g_assert_cmpuint (cs, >=, allowed_start);
  g_assert_cmpuint (ce, <=, allowed_end);
}

/* Saved bytes only insert lines (an added entry), inside the front matter. */
static void
assert_only_inserted (GBytes *original,
                      GBytes *saved)
{
  gsize cs, ce;

  changed_range (original, saved, &cs, &ce);
  g_assert_cmpuint (cs, ==, ce);
  g_assert_cmpuint (g_bytes_get_size (saved), >, g_bytes_get_size (original));
}

/* Reads each file with PyYAML: an array of {"fm": …, "keys": […]}. */
static GPtrArray *
pyyaml_read (const char * const *paths)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  int status = 0;

  g_ptr_array_add (argv, (char *) PYTHON);
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) pyyaml_script);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) paths[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("python: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonNode *node;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (nodes, node);
    }
  g_assert_cmpuint (nodes->len, ==, g_strv_length ((char **) paths));

  return nodes;
}

static JsonNode *
json_at (JsonNode   *root,
         const char *dotted)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  JsonNode *node = json_object_get_member (json_node_get_object (root), "fm");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (node == NULL)
        return NULL;
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        return NULL;
    }

  return node;
}

/* Removes @dotted from the "fm" object of @root (to compare the rest). */
static void
json_remove (JsonNode   *root,
             const char *dotted)
{
  g_autofree char *parent = g_strdup (dotted);
  char *dot = strrchr (parent, '.');
  JsonNode *container;

  if (dot == NULL)
    container = json_object_get_member (json_node_get_object (root), "fm");
  else
    {
      *dot = '\0';
      container = json_at (root, parent);
    }

  g_assert_nonnull (container);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (container));
  json_object_remove_member (json_node_get_object (container), dot != NULL ? dot + 1 : dotted);
}

static void
assert_json_equal (JsonNode   *a,
                   JsonNode   *b,
                   const char *what)
{
  if (a == NULL || b == NULL || !json_node_equal (a, b))
    {
      g_autofree char *sa = a != NULL ? json_to_string (a, FALSE) : g_strdup ("(none)");
      g_autofree char *sb = b != NULL ? json_to_string (b, FALSE) : g_strdup ("(none)");

      g_test_message ("%s: %s != %s", what, sa, sb);
      g_assert_not_reached ();
    }
}

/* Writes @saved next to the original and reads both with PyYAML: @gone
 * (if not NULL) is no longer there, @key (if not NULL) holds @expected_json,
 * and every other value is as before. */
static void
assert_pyyaml (Fixture    *fx,
               GBytes     *saved,
               const char *gone,
               const char *key,
               const char *expected_json)
{
  g_autofree char *saved_path = g_build_filename (fx->dir, "saved.md", NULL);
  g_autofree char *orig_path = g_build_filename (fx->dir, "original.md", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  const char *paths[3] = { orig_path, saved_path, NULL };
  JsonNode *orig, *now;

  g_file_set_contents (orig_path, g_bytes_get_data (fx->original, NULL),
                       g_bytes_get_size (fx->original), &error);
  g_assert_no_error (error);
  g_file_set_contents (saved_path, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);

  read = pyyaml_read (paths);
  orig = g_ptr_array_index (read, 0);
  now = g_ptr_array_index (read, 1);

  if (gone != NULL)
    {
      g_assert_nonnull (json_at (orig, gone));
      g_assert_null (json_at (now, gone));
      json_remove (orig, gone);
    }

  if (key != NULL)
    {
      g_autoptr(JsonNode) expected = json_from_string (expected_json, &error);

      g_assert_no_error (error);
      assert_json_equal (json_at (now, key), expected, key);
      json_remove (now, key);
      if (json_at (orig, key) != NULL)
        json_remove (orig, key);
    }

  assert_json_equal (json_object_get_member (json_node_get_object (orig), "fm"),
                     json_object_get_member (json_node_get_object (now), "fm"),
                     "the other fields");
}

/* ------------------------------------------------------------------------ */
/* Editing each field through its widget                                     */
/* ------------------------------------------------------------------------ */

typedef enum {
  EDIT_TEXT,        /* an entry row, a spin button's text: set the text */
  EDIT_TEXT_AREA,   /* a text view: set its buffer */
  EDIT_SWITCH,      /* toggle */
  EDIT_SPIN,        /* set the value (arg as a number) */
  EDIT_DAY,         /* date row: pick "YYYY-MM-DD" in the calendar */
  EDIT_TIME,        /* date row: type a time */
  EDIT_CHIP_ADD,    /* type into the chip entry and press Enter */
  EDIT_CHIP_REMOVE, /* click chip N's remove button */
  EDIT_CHIP_MOVE,   /* move chip "FROM>TO" */
} EditKind;

typedef struct
{
  const char *field;      /* dotted key path */
  EditKind    kind;
  const char *arg;
  const char *expected;   /* the value PyYAML reads back, as JSON */
} FieldEdit;

static void
do_edit (Fixture         *fx,
         const FieldEdit *edit)
{
  GtkWidget *widget = find_field (fx, edit->field);
  const char *text_before = byline_document_get_front_matter_text (fx->document);
  g_autofree char *before = g_strdup (text_before);

  g_assert_nonnull (widget);
  g_test_message ("found %s", G_OBJECT_TYPE_NAME (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));

  switch (edit->kind)
    {
    case EDIT_TEXT:
      g_assert_true (GTK_IS_EDITABLE (widget));
      gtk_editable_set_text (GTK_EDITABLE (widget), edit->arg);
      break;

    case EDIT_TEXT_AREA:
      g_assert_true (GTK_IS_TEXT_VIEW (widget));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), edit->arg, -1);
      break;

    case EDIT_SWITCH:
      g_assert_true (GTK_IS_SWITCH (widget));
      gtk_switch_set_active (GTK_SWITCH (widget), !gtk_switch_get_active (GTK_SWITCH (widget)));
      break;

    case EDIT_SPIN:
      g_assert_true (GTK_IS_SPIN_BUTTON (widget));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_ascii_strtod (edit->arg, NULL));
      break;

    case EDIT_DAY:
      {
        GtkWidget *row = gtk_widget_get_ancestor (widget, BYLINE_TYPE_DATE_ROW);
        int y, m, d;

        g_assert_nonnull (row);
        g_assert_cmpint (sscanf (edit->arg, "%d-%d-%d", &y, &m, &d), ==, 3);
        byline_date_row_select_day (BYLINE_DATE_ROW (row), y, m, d);
      }
      break;

    case EDIT_TIME:
      {
        GtkWidget *row = gtk_widget_get_ancestor (widget, BYLINE_TYPE_DATE_ROW);

        g_assert_nonnull (row);
        g_assert_true (byline_date_row_set_time_text (BYLINE_DATE_ROW (row), edit->arg));
      }
      break;

    case EDIT_CHIP_ADD:
      {
        GtkWidget *entry;

        widget = gtk_widget_get_ancestor (widget, BYLINE_TYPE_CHIP_EDITOR);
        g_assert_nonnull (widget);
        entry = byline_chip_editor_get_entry (BYLINE_CHIP_EDITOR (widget));
        gtk_editable_set_text (GTK_EDITABLE (entry), edit->arg);
        g_signal_emit_by_name (entry, "activate");
      }
      break;

    case EDIT_CHIP_REMOVE:
      {
        guint index = (guint) g_ascii_strtoull (edit->arg, NULL, 10);
        GtkWidget *chip, *button;

        widget = gtk_widget_get_ancestor (widget, BYLINE_TYPE_CHIP_EDITOR);
        g_assert_nonnull (widget);
        chip = byline_chip_editor_get_chip (BYLINE_CHIP_EDITOR (widget), index);
        g_assert_nonnull (chip);
        button = gtk_widget_get_last_child (chip);
        g_assert_true (GTK_IS_BUTTON (button));
        g_signal_emit_by_name (button, "clicked");
      }
      break;

    case EDIT_CHIP_MOVE:
      {
        guint from, to;

        widget = gtk_widget_get_ancestor (widget, BYLINE_TYPE_CHIP_EDITOR);
        g_assert_nonnull (widget);
        g_assert_cmpint (sscanf (edit->arg, "%u>%u", &from, &to), ==, 2);
        byline_chip_editor_move_item (BYLINE_CHIP_EDITOR (widget), from, to);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  byline_test_drain ();
  g_assert_cmpstr (before, !=, byline_document_get_front_matter_text (fx->document));
}

static const FieldEdit sample_edits[] = {
  { "title", EDIT_TEXT, "A: \"new\" #1", "\"A: \\\"new\\\" #1\"" },
  { "date", EDIT_DAY, "2024-12-31", "\"2024-12-31 01:55:25\"" },
  { "date", EDIT_TIME, "07:08:09", "\"2025-02-13 07:08:09\"" },
  { "summary", EDIT_TEXT_AREA, "A shorter summary: with a colon", "\"A shorter summary: with a colon\"" },
  { "categories", EDIT_CHIP_ADD, "world", "[\"business-standard\", \"world\"]" },
  { "tags", EDIT_CHIP_REMOVE, "0", "[]" },
  { "widgets", EDIT_CHIP_MOVE, "2>0", "[\"taglist\", \"search\", \"recent\"]" },
  { "lang", EDIT_CHIP_ADD, "de", "[\"en\", \"de\"]" },
  { "menu", EDIT_TEXT, "main", "\"main\"" },
  { "lead", EDIT_TEXT_AREA, "A lead\nover two lines", "\"A lead\\nover two lines\"" },
  { "comments", EDIT_SWITCH, NULL, "true" },
  { "pager", EDIT_SWITCH, NULL, "false" },
  { "sidebar", EDIT_TEXT, "left", "\"left\"" },
};

static const FieldEdit every_type_edits[] = {
  { "title", EDIT_TEXT, "It's — new", "\"It's — new\"" },
  { "subtitle", EDIT_TEXT, "changed", "\"changed\"" },
  { "empty_string", EDIT_TEXT, "now set", "\"now set\"" },
  { "nothing", EDIT_TEXT, "hello", "\"hello\"" },
  { "tilde", EDIT_TEXT, "true", "\"true\"" },
  { "draft", EDIT_SWITCH, NULL, "true" },
  { "weight", EDIT_SPIN, "43", "43" },
  { "ratio", EDIT_SPIN, "1.25", "1.25" },
  { "date", EDIT_DAY, "2024-04-05", "\"2024-04-05T09:30:00+01:00\"" },
  { "date", EDIT_TIME, "18:45", "\"2024-03-01T18:45:00+01:00\"" },
  { "publishDate", EDIT_DAY, "2024-05-06", "\"2024-05-06\"" },
  { "lastmod", EDIT_TIME, "11:15:00", "\"2024-03-03 11:15:00\"" },
  { "description", EDIT_TEXT_AREA, "New description", "\"New description\"" },
  { "notes", EDIT_TEXT_AREA, "Line one\nLine three\n", "\"Line one\\nLine three\\n\"" },
  { "tags", EDIT_CHIP_ADD, "c", "[\"gnome\", \"gtk\", \"c\"]" },
  { "tags", EDIT_CHIP_REMOVE, "0", "[\"gtk\"]" },
  { "categories", EDIT_CHIP_MOVE, "1>0", "[\"releases\", \"news\"]" },
  { "categories", EDIT_CHIP_REMOVE, "1", "[\"news\"]" },
  { "keywords", EDIT_CHIP_ADD, "first", "[\"first\"]" },
  { "menu.main.weight", EDIT_SPIN, "11", "11" },
  { "menu.main.name", EDIT_TEXT, "Start", "\"Start\"" },
  { "params.toc", EDIT_SWITCH, NULL, "false" },
  { "params.author", EDIT_TEXT, "Grace", "\"Grace\"" },
  { "resources.1.title", EDIT_TEXT, "Second, renamed", "\"Second, renamed\"" },
  { "slug", EDIT_TEXT, "", "\"\"" },
};

static void
run_field_edits (const char      *source,
                 const FieldEdit *edits,
                 guint            n_edits)
{
  for (guint i = 0; i < n_edits; i++)
    {
      Fixture fx;
      g_autoptr(GBytes) saved = NULL;

      g_test_message ("%s: %s", edits[i].field, edits[i].arg != NULL ? edits[i].arg : "(toggle)");

      fixture_open (&fx, source);
      do_edit (&fx, &edits[i]);
      saved = save (&fx);
      assert_only_entries_changed (fx.original, saved, edits[i].field);
      assert_pyyaml (&fx, saved, NULL, edits[i].field, edits[i].expected);
      fixture_close (&fx);
    }
}

static void
test_sample_fields (void)
{
  g_autofree char *sample = sample_path ();

  if (sample == NULL || !g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("BYLINE_SHARED_DIR/samples/news-post.md is missing");
      return;
    }

  run_field_edits (sample, sample_edits, G_N_ELEMENTS (sample_edits));
}

static void
test_every_type_fields (void)
{
  g_autofree char *path = data_path ("every-type.md");

  run_field_edits (path, every_type_edits, G_N_ELEMENTS (every_type_edits));
}

/* ------------------------------------------------------------------------ */
/* Add, remove, rename, reorder                                              */
/* ------------------------------------------------------------------------ */

static void
activate (Fixture    *fx,
          const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fx->form), action, param));
  byline_test_drain ();
}

static GVariant *
path_variant (const char *dotted)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);

  return g_variant_new_strv ((const char * const *) parts, -1);
}

typedef struct
{
  const char *file;        /* in tests/data, or NULL for the sample */
  const char *action;
  const char *target;      /* dotted path */
  const char *arg;
  const char *changed;     /* entries whose lines may change ("" = insertion only) */
  const char *check;       /* the key to read back */
  const char *expected;    /* its value as JSON, NULL when gone */
} StructureEdit;

static const StructureEdit structure_edits[] = {
  /* add */
  { NULL, "add", "", "series|sequence|", "", "series", "[]" },
  { NULL, "add", "", "author|string|Ada Lovelace", "", "author", "\"Ada Lovelace\"" },
  { NULL, "add", "", "weight|int|", "", "weight", "0" },
  { NULL, "add", "", "featured|bool|", "", "featured", "false" },
  { "every-type.md", "add", "", "author|string|Grace", "", "author", "\"Grace\"" },
  { "every-type.md", "add", "menu.main", "url|string|/", "", "menu.main.url", "\"/\"" },
  { "every-type.md", "add", "params", "series|sequence|", "", "params.series", "[]" },
  { "form/none.md", "add", "", "title|string|A title: at last", "", "title", "\"A title: at last\"" },
  /* remove */
  { NULL, "remove", "thumbnail", NULL, "thumbnail", "thumbnail", NULL },
  { NULL, "remove", "widgets", NULL, "widgets", "widgets", NULL },
  { "every-type.md", "remove", "subtitle", NULL, "subtitle", "subtitle", NULL },
  { "every-type.md", "remove", "notes", NULL, "notes", "notes", NULL },
  { "every-type.md", "remove", "menu.main.name", NULL, "menu.main.name", "menu.main.name", NULL },
  /* rename */
  { NULL, "rename", "lead", "intro", "lead", "intro", "\"\"" },
  { "every-type.md", "rename", "subtitle", "tagline", "subtitle", "tagline", "\"plain string\"" },
  { "every-type.md", "rename", "params.author", "writer", "params.author", "params.writer", "\"Ada\"" },
  /* reorder */
  { NULL, "move-up", "date", NULL, "title,date", "date", "\"2025-02-13 01:55:25\"" },
  { NULL, "move-down", "toc", NULL, "toc,mathjax", "toc", "false" },
  { "every-type.md", "move-down", "weight", NULL, "weight,ratio", "weight", "42" },
  { "every-type.md", "move-up", "menu.main.name", NULL, "menu.main.weight,menu.main.name", "menu.main.name", "\"Home\"" },
};

static void
test_structure_edits (void)
{
  g_autofree char *sample = sample_path ();

  for (guint i = 0; i < G_N_ELEMENTS (structure_edits); i++)
    {
      const StructureEdit *e = &structure_edits[i];
      g_autofree char *source = e->file != NULL ? data_path (e->file) : g_strdup (sample);
      g_autoptr(GBytes) saved = NULL;
      guint rebuilds;
      Fixture fx;

      g_test_message ("%s %s %s", e->action, e->target, e->arg != NULL ? e->arg : "");

      if (source == NULL || !g_file_test (source, G_FILE_TEST_EXISTS))
        {
          g_test_message ("skipped: the sample post is missing");
          continue;
        }

      fixture_open (&fx, source);
      rebuilds = _byline_front_matter_form_get_n_rebuilds (fx.form);

      if (g_str_equal (e->action, "add"))
        {
          g_auto(GStrv) args = g_strsplit (e->arg, "|", 3);
          g_auto(GStrv) parent = e->target[0] != '\0' ? g_strsplit (e->target, ".", -1)
                                                      : g_new0 (char *, 1);

          activate (&fx, "form.add-entry",
                    g_variant_new ("(^as&s&s&s)", parent, args[0], args[1], args[2]));
        }
      else if (g_str_equal (e->action, "rename"))
        {
          g_auto(GStrv) path = g_strsplit (e->target, ".", -1);

          activate (&fx, "form.rename-key", g_variant_new ("(^as&s)", path, e->arg));
        }
      else
        {
          g_autofree char *action = g_strconcat ("form.", e->action, NULL);

          activate (&fx, action, path_variant (e->target));
        }

      /* The structure changed: the rows were rebuilt, and the form shows it. */
      g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), >, rebuilds);
      if (e->expected != NULL)
        g_assert_nonnull (_byline_front_matter_form_get_field_widget (fx.form, e->check));
      else
        g_assert_null (_byline_front_matter_form_get_field_widget (fx.form, e->check));

      saved = save (&fx);
      if (e->changed[0] == '\0')
        assert_only_inserted (fx.original, saved);
      else
        assert_only_entries_changed (fx.original, saved, e->changed);

      if (g_str_equal (e->action, "rename"))
        assert_pyyaml (&fx, saved, e->target, e->check, e->expected);
      else if (g_str_equal (e->action, "remove"))
        assert_pyyaml (&fx, saved, e->target, NULL, NULL);
      else if (g_str_equal (e->action, "add"))
        assert_pyyaml (&fx, saved, NULL, e->check, e->expected);
      else
        {
          g_autofree char *saved_path = g_build_filename (fx.dir, "saved.md", NULL);
          g_autofree char *orig_path = g_build_filename (fx.dir, "original.md", NULL);
          const char *paths[3] = { orig_path, saved_path, NULL };
          g_autoptr(GPtrArray) read = NULL;
          JsonNode *a, *b;

          g_file_set_contents (orig_path, g_bytes_get_data (fx.original, NULL),
                               g_bytes_get_size (fx.original), NULL);
          g_file_set_contents (saved_path, g_bytes_get_data (saved, NULL),
                               g_bytes_get_size (saved), NULL);
          read = pyyaml_read (paths);
          a = g_ptr_array_index (read, 0);
          b = g_ptr_array_index (read, 1);
          /* the same values, in another order */
          assert_json_equal (json_object_get_member (json_node_get_object (a), "fm"),
                             json_object_get_member (json_node_get_object (b), "fm"),
                             "values after a move");
          if (strchr (e->target, '.') == NULL)
            g_assert_false (json_node_equal (json_object_get_member (json_node_get_object (a), "keys"),
                                             json_object_get_member (json_node_get_object (b), "keys")));
        }

      fixture_close (&fx);
    }
}

/* The Add Field dialog, driven through its widgets. */
static void
test_add_dialog (void)
{
  g_autofree char *path = data_path ("every-type.md");
  GtkWidget *dialog = NULL;
  g_autoptr(GBytes) saved = NULL;
  GtkWidget *entry, *drop_down;
  GListModel *toplevels;
  Fixture fx;

  fixture_open (&fx, path);
  activate (&fx, "form.add-field", NULL);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = g_object_ref (w);
    }
  g_assert_nonnull (dialog);

  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  entry = gtk_widget_get_first_child (entry);          /* the label */
  entry = gtk_widget_get_next_sibling (entry);         /* the key entry */
  g_assert_true (GTK_IS_ENTRY (entry));
  drop_down = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (entry));
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));

  /* An existing key can't be added. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "title");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  /* A known key picks its type: "draft" is a bool… but it exists; "toc" doesn't. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "toc");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 2);   /* Yes or No */

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  byline_test_drain ();

  saved = save (&fx);
  assert_only_inserted (fx.original, saved);
  assert_pyyaml (&fx, saved, NULL, "toc", "false");

  /* The new field is shown, as a switch, and has the focus. */
  g_assert_true (GTK_IS_SWITCH (_byline_front_matter_form_get_field_widget (fx.form, "toc")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  fixture_close (&fx);
}

/* The "+" button that adds an item to the list at @dotted. */
static GtkWidget *
find_add_item_button (GtkWidget  *root,
                      const char *dotted)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "form.add-item") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));
      g_autofree const char **path = target != NULL ? g_variant_get_strv (target, NULL) : NULL;
      g_autofree char *joined = path != NULL ? g_strjoinv (".", (char **) path) : NULL;

      if (g_strcmp0 (joined, dotted) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_item_button (child, dotted);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* "+" on a list of groups adds a group with the last item's keys, empty. */
static void
test_add_group_item (void)
{
  static const char added[] = "  - src: \"\"\n    title: \"\"\n";
  g_autofree char *path = data_path ("every-type.md");
  g_autofree char *saved_path = NULL;
  g_autofree char *orig_path = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GString) expected = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(JsonNode) empty_group = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[3] = { NULL, NULL, NULL };
  const char *orig_text, *at;
  JsonNode *orig, *now, *list;
  GtkWidget *button;
  guint rebuilds;
  Fixture fx;

  fixture_open (&fx, path);
  rebuilds = _byline_front_matter_form_get_n_rebuilds (fx.form);
  g_assert_null (_byline_front_matter_form_get_field_widget (fx.form, "resources.2.src"));

  button = find_add_item_button (GTK_WIDGET (fx.form), "resources");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");   /* a click, as the pointer makes */
  byline_test_drain ();

  /* the new group is shown, with its fields */
  g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), >, rebuilds);
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (fx.form, "resources.2"));
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (fx.form, "resources.2.src"));
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (fx.form, "resources.2.title"));

  /* only the new item's lines were inserted, after the last item */
  saved = save (&fx);
  assert_only_inserted (fx.original, saved);
  orig_text = g_bytes_get_data (fx.original, NULL);
  at = g_strstr_len (orig_text, g_bytes_get_size (fx.original), "# a comment before the last entry");
  g_assert_nonnull (at);
  expected = g_string_new_len (orig_text, g_bytes_get_size (fx.original));
  g_string_insert (expected, at - orig_text, added);
  g_assert_cmpuint (g_bytes_get_size (saved), ==, expected->len);
  g_assert_true (memcmp (g_bytes_get_data (saved, NULL), expected->str, expected->len) == 0);

  /* PyYAML reads the new item, and everything else as before */
  orig_path = g_build_filename (fx.dir, "original.md", NULL);
  saved_path = g_build_filename (fx.dir, "saved.md", NULL);
  g_file_set_contents (orig_path, orig_text, g_bytes_get_size (fx.original), &error);
  g_assert_no_error (error);
  g_file_set_contents (saved_path, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);
  paths[0] = orig_path;
  paths[1] = saved_path;
  read = pyyaml_read (paths);
  orig = g_ptr_array_index (read, 0);
  now = g_ptr_array_index (read, 1);

  empty_group = json_from_string ("{\"src\": \"\", \"title\": \"\"}", &error);
  g_assert_no_error (error);
  assert_json_equal (json_at (now, "resources.2"), empty_group, "the new item");
  list = json_at (now, "resources");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 3);
  json_array_remove_element (json_node_get_array (list), 2);
  assert_json_equal (json_object_get_member (json_node_get_object (orig), "fm"),
                     json_object_get_member (json_node_get_object (now), "fm"),
                     "the other fields");

  fixture_close (&fx);
}

/* ------------------------------------------------------------------------ */
/* Typing, undo, the YAML view, invalid YAML, warnings                       */
/* ------------------------------------------------------------------------ */

static void
test_typing_keeps_rows (void)
{
  g_autofree char *path = data_path ("every-type.md");
  const char *typed = "Typed, one key at a time";
  GtkWidget *title;
  guint rebuilds;
  Fixture fx;

  fixture_open (&fx, path);
  title = find_field (&fx, "title");
  g_assert_true (ADW_IS_ENTRY_ROW (title));
  gtk_widget_grab_focus (title);
  rebuilds = _byline_front_matter_form_get_n_rebuilds (fx.form);

  gtk_editable_set_text (GTK_EDITABLE (title), "");
  for (const char *p = typed; *p != '\0'; p++)
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (title));
      g_autofree char *expected = g_strndup (typed, p - typed + 1);
      BylineNode *node;

      gtk_editable_insert_text (GTK_EDITABLE (title), p, 1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (title), pos);
      byline_test_drain ();

      node = byline_front_matter_lookup_dotted (byline_document_get_front_matter (fx.document), "title");
      g_assert_cmpstr (byline_node_get_scalar (node), ==, expected);
    }

  /* Same rows, focus still in the entry, cursor at the end. */
  g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), ==, rebuilds);
  g_assert_true (find_field (&fx, "title") == title);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx.window)), title));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (title)), ==, g_utf8_strlen (typed, -1));

  fixture_close (&fx);
}

static void
test_undo (void)
{
  g_autofree char *path = data_path ("every-type.md");
  g_autofree char *original_text = NULL;
  GtkWidget *subtitle, *draft;
  guint rebuilds;
  Fixture fx;

  fixture_open (&fx, path);
  original_text = g_strdup (byline_document_get_front_matter_text (fx.document));
  subtitle = find_field (&fx, "subtitle");
  draft = find_field (&fx, "draft");
  rebuilds = _byline_front_matter_form_get_n_rebuilds (fx.form);

  gtk_editable_set_text (GTK_EDITABLE (subtitle), "edited");
  gtk_switch_set_active (GTK_SWITCH (draft), TRUE);
  byline_test_drain ();
  g_assert_cmpstr (byline_document_get_front_matter_text (fx.document), !=, original_text);

  /* Ctrl+Z in a field: the document's front matter history. */
  gtk_widget_grab_focus (subtitle);
  activate (&fx, "form.undo", NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (draft)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "edited");
  activate (&fx, "form.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "plain string");
  g_assert_cmpstr (byline_document_get_front_matter_text (fx.document), ==, original_text);

  activate (&fx, "form.redo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "edited");

  /* Keys typed one after the other in one field: one undo step. */
  gtk_editable_set_text (GTK_EDITABLE (subtitle), "");
  byline_test_drain ();
  activate (&fx, "form.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "edited");
  gtk_editable_set_position (GTK_EDITABLE (subtitle), -1);
  for (const char *p = "typed"; *p != '\0'; p++)
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (subtitle));

      gtk_editable_insert_text (GTK_EDITABLE (subtitle), p, 1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (subtitle), pos);
      byline_test_drain ();
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "editedtyped");
  activate (&fx, "form.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "edited");

  /* Undo updated the rows in place. */
  g_assert_cmpuint (_byline_front_matter_form_get_n_rebuilds (fx.form), ==, rebuilds);
  g_assert_true (find_field (&fx, "subtitle") == subtitle);

  /* Undoing a removal brings the row back. */
  activate (&fx, "form.remove", path_variant ("tags"));
  g_assert_null (_byline_front_matter_form_get_field_widget (fx.form, "tags"));
  activate (&fx, "form.undo", NULL);
  g_assert_nonnull (_byline_front_matter_form_get_field_widget (fx.form, "tags"));

  fixture_close (&fx);
}

static void
test_yaml_view (void)
{
  g_autofree char *path = data_path ("every-type.md");
  GtkWidget *view, *subtitle, *label, *fields;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *fixed = NULL;
  Fixture fx;

  fixture_open (&fx, path);
  g_object_set (fx.form, "show-yaml", TRUE, NULL);
  view = _byline_front_matter_form_get_yaml_view (fx.form);
  fields = _byline_front_matter_form_get_fields_box (fx.form);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_assert_true (gtk_widget_get_mapped (view) || gtk_widget_get_visible (view));

  /* It shows the front matter text. */
  text = g_strdup (byline_document_get_front_matter_text (fx.document));
  {
    GtkTextIter s, e;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    shown = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
    g_assert_cmpstr (shown, ==, text);
  }

  /* A form edit shows in it. */
  subtitle = find_field (&fx, "subtitle");
  gtk_editable_set_text (GTK_EDITABLE (subtitle), "from the form");
  byline_test_drain ();
  {
    GtkTextIter s, e;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    shown = gtk_text_buffer_get_text (buffer, &s, &e, TRUE);
    g_test_message ("shown: %s", shown);
    g_assert_nonnull (strstr (shown, "subtitle: from the form"));
  }

  /* Breaking the YAML: the fields stay, disabled, and the error names the line. */
  broken = g_strconcat (byline_document_get_front_matter_text (fx.document), "oops: [\n", NULL);
  gtk_text_buffer_set_text (buffer, broken, -1);
  byline_test_drain ();
  g_assert_false (byline_front_matter_is_valid (byline_document_get_front_matter (fx.document)));
  g_assert_false (gtk_widget_is_sensitive (fields));
  g_assert_nonnull (find_field (&fx, "subtitle"));
  label = _byline_front_matter_form_get_error_label (fx.form);
  g_assert_nonnull (label);
  {
    guint line = 0, column = 0;
    g_autofree char *where = NULL;

    byline_front_matter_get_error_position (byline_document_get_front_matter (fx.document), &line, &column);
    g_assert_cmpuint (line, >, 0);
    where = g_strdup_printf ("Line %u,", line);
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), where));
  }

  /* Fixing it: fields come back, live, with the value typed in the YAML. */
  fixed = g_strconcat (text, "extra: from the yaml view\n", NULL);
  {
    char *p = strstr (fixed, "subtitle: plain string");

    g_assert_nonnull (p);
    memcpy (p + strlen ("subtitle: "), "yaml typed  ", strlen ("plain string"));
  }
  gtk_text_buffer_set_text (buffer, fixed, -1);
  WAIT_FOR (_byline_front_matter_form_get_field_widget (fx.form, "extra") != NULL);
  g_assert_true (gtk_widget_is_sensitive (fields));
  g_assert_null (_byline_front_matter_form_get_error_label (fx.form));
  subtitle = find_field (&fx, "subtitle");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subtitle)), ==, "yaml typed");

  fixture_close (&fx);
}

static void
test_invalid (void)
{
  g_autofree char *path = data_path ("form/invalid.md");
  g_autoptr(GBytes) saved = NULL;
  GtkWidget *label;
  guint line = 0, column = 0;
  g_autofree char *where = NULL;
  Fixture fx;

  fixture_open (&fx, path);

  g_assert_false (byline_front_matter_is_valid (byline_document_get_front_matter (fx.document)));
  g_assert_false (gtk_widget_is_sensitive (_byline_front_matter_form_get_fields_box (fx.form)));
  g_assert_null (_byline_front_matter_form_get_field_widget (fx.form, "title"));

  label = _byline_front_matter_form_get_error_label (fx.form);
  g_assert_nonnull (label);
  byline_front_matter_get_error_position (byline_document_get_front_matter (fx.document), &line, &column);
  g_assert_cmpuint (line, >=, 2);
  where = g_strdup_printf ("Line %u,", line);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), where));

  /* Saving writes the text unchanged. */
  saved = save (&fx);
  g_assert_true (g_bytes_equal (saved, fx.original));

  fixture_close (&fx);
}

static void
test_warnings (void)
{
  g_autofree char *path = data_path ("form/warnings.md");
  g_auto(GStrv) warnings = NULL;
  g_autofree char *joined = NULL;
  GtkWidget *title;
  Fixture fx;

  fixture_open (&fx, path);
  warnings = _byline_front_matter_form_dup_warnings (fx.form);
  joined = g_strjoinv ("\n", warnings);
  g_test_message ("%s", joined);

  g_assert_nonnull (strstr (joined, "title: "));      /* empty title */
  g_assert_nonnull (strstr (joined, "date: "));       /* not a date */
  g_assert_nonnull (strstr (joined, "tags: "));       /* a list holding a scalar */
  g_assert_nonnull (strstr (joined, "author: "));     /* duplicate keys */

  /* Duplicate keys are shown read-only: their path is ambiguous. */
  g_assert_false (GTK_IS_EDITABLE (_byline_front_matter_form_get_field_widget (fx.form, "author")));

  /* Typing a title clears its warning. */
  title = find_field (&fx, "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Now titled");
  byline_test_drain ();
  g_strfreev (warnings);
  warnings = _byline_front_matter_form_dup_warnings (fx.form);
  g_free (joined);
  joined = g_strjoinv ("\n", warnings);
  g_assert_null (strstr (joined, "title: "));

  fixture_close (&fx);
}

/* A publication date in the future, an expiry date in the past: the post
 * is left out of the site, and the form says so. A date after the
 * publication date, or a lastmod, is no matter. */
static void
test_date_warnings (void)
{
  g_autofree char *future = data_path ("form/future-dates.md");
  g_autofree char *published = data_path ("form/future-date-published.md");
  g_auto(GStrv) warnings = NULL;
  g_autofree char *joined = NULL;
  Fixture fx;

  fixture_open (&fx, future);
  warnings = _byline_front_matter_form_dup_warnings (fx.form);
  joined = g_strjoinv ("\n", warnings);
  g_test_message ("%s", joined);
  g_assert_nonnull (strstr (joined, "date: In the future"));
  g_assert_nonnull (strstr (joined, "expiryDate: In the past"));
  g_assert_null (strstr (joined, "lastmod: "));
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  fixture_close (&fx);

  g_clear_pointer (&warnings, g_strfreev);
  g_clear_pointer (&joined, g_free);
  fixture_open (&fx, published);
  warnings = _byline_front_matter_form_dup_warnings (fx.form);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  fixture_close (&fx);
}

static void
test_read_only (void)
{
  g_autofree char *path = data_path ("form/read-only.md");
  GtkWidget *plain, *derived;
  g_autoptr(GBytes) saved = NULL;
  Fixture fx;

  fixture_open (&fx, path);

  derived = _byline_front_matter_form_get_field_widget (fx.form, "derived");
  g_assert_nonnull (derived);
  g_assert_true (ADW_IS_ACTION_ROW (derived));
  g_assert_false (GTK_IS_EDITABLE (derived));

  plain = find_field (&fx, "plain");
  g_assert_true (GTK_IS_EDITABLE (plain));
  gtk_editable_set_text (GTK_EDITABLE (plain), "still editable");
  byline_test_drain ();
  saved = save (&fx);
  assert_only_entries_changed (fx.original, saved, "plain");

  fixture_close (&fx);
}

/* Every field is reachable: each editing widget has its key as accessible
 * name and can take the keyboard focus. */
static void
test_accessible_names (void)
{
  g_autofree char *path = data_path ("every-type.md");
  static const char * const keys[] = {
    "title", "subtitle", "empty_string", "nothing", "tilde", "draft", "weight", "ratio",
    "date", "publishDate", "lastmod", "description", "notes", "tags", "categories",
    "keywords", "menu", "params", "resources", "slug",
  };
  Fixture fx;

  fixture_open (&fx, path);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *w = find_by_name (GTK_WIDGET (fx.form), keys[i]);

      g_test_message ("%s: %s", keys[i], w != NULL ? G_OBJECT_TYPE_NAME (w) : "none");
      g_assert_nonnull (w);
      /* It takes the focus, or moves it into itself as Tab would. */
      g_assert_true (gtk_widget_grab_focus (w) || gtk_widget_child_focus (w, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx.window)), w) ||
                     gtk_root_get_focus (GTK_ROOT (fx.window)) == w);
    }

  fixture_close (&fx);
}

/* At 320 px the form fits: its minimum width is no more, and every field's
 * widget lies inside the window. */
static void
check_narrow (const char *source)
{
  static const char * const keys[] = {
    "title", "date", "summary", "categories", "tags", "comments", "sidebar", "widgets",
    "subtitle", "weight", "ratio", "publishDate", "notes", "keywords", "menu", "resources",
  };
  int min = 0, nat = 0;
  guint n_checked = 0;
  Fixture fx;

  fixture_open (&fx, source);
  gtk_widget_measure (GTK_WIDGET (fx.form), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("minimum width %d, natural %d", min, nat);
  g_assert_cmpint (min, <=, 320);

  gtk_window_set_default_size (GTK_WINDOW (fx.window), 320, 800);
  WAIT_FOR (gtk_widget_get_width (fx.window) == 320);
  byline_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *w = _byline_front_matter_form_get_field_widget (fx.form, keys[i]);
      graphene_rect_t bounds;

      if (w == NULL || !gtk_widget_get_mapped (w))
        continue;
      g_assert_true (gtk_widget_compute_bounds (w, fx.window, &bounds));
      g_test_message ("%s: x %.0f, width %.0f", keys[i], bounds.origin.x, bounds.size.width);
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 320);
      g_assert_cmpfloat (bounds.size.width, >, 0);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 8);

  fixture_close (&fx);
}

static void
test_narrow (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *every = data_path ("every-type.md");

  if (sample != NULL && g_file_test (sample, G_FILE_TEST_EXISTS))
    check_narrow (sample);
  check_narrow (every);
}

/* The site's other posts: suggestions for lists, and the type an empty
 * field takes when typed into. */
static gboolean
completion_offers (GtkWidget  *entry,
                   const char *value)
{
  GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (entry));
  GtkTreeModel *model = completion != NULL ? gtk_entry_completion_get_model (completion) : NULL;
  GtkTreeIter iter;

  if (model == NULL || !gtk_tree_model_get_iter_first (model, &iter))
    return FALSE;

  do
    {
      g_autofree char *item = NULL;

      gtk_tree_model_get (model, &iter, 0, &item, -1);
      if (g_strcmp0 (item, value) == 0)
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, &iter));

  return FALSE;
}

/* A post opened in a shown form: the first frame gets the rows it shows,
 * the rest come right after it, and anything that needs a field below the
 * fold (or a change of the model) gets them all at once. */
static void
write_many_fields (const char *path,
                   guint       n)
{
  g_autoptr(GString) text = g_string_new ("---\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "key%u: value %u\n", i, i);
  g_string_append (text, "---\nBody\n");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

static void
load_into_form (Fixture    *fx,
                const char *path)
{
  g_clear_object (&fx->document);
  fx->document = byline_test_load_document (path);
  byline_front_matter_form_set_document (fx->form, fx->document);
}

static gboolean
is_row_menu (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "view-more-symbolic") == 0;
}

/* Scrolls the form to @y (clamped), once it is laid out. */
static void
scroll_form_to (Fixture *fx,
                int      y)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (_byline_front_matter_form_get_fields_box (fx->form),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  WAIT_FOR (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) > 500);
  gtk_adjustment_set_value (adj, y);
}

static void
test_rows_below_the_fold (void)
{
  g_autofree char *small = data_path ("form/none.md");
  g_autofree char *many = NULL;
  g_autofree char *text = NULL;
  GtkWidget *last;
  Fixture fx;

  fixture_open (&fx, small);
  many = g_build_filename (fx.dir, "many.md", NULL);
  write_many_fields (many, 60);

  /* Rows come in two steps, all of them within a frame or two. */
  load_into_form (&fx, many);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), >, 0);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), <, 60);
  WAIT_FOR (_byline_front_matter_form_get_n_built_fields (fx.form) == 60);

  /* A field below the fold is there when asked for. */
  load_into_form (&fx, many);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), <, 60);
  last = _byline_front_matter_form_get_field_widget (fx.form, "key59");
  g_assert_nonnull (last);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), ==, 60);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (last)), ==, "value 59");

  /* A row's menu is made when it opens, with the row's actions. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (last, ADW_TYPE_PREFERENCES_ROW);
    GtkWidget *button = byline_test_find_widget (row, GTK_TYPE_MENU_BUTTON, is_row_menu, NULL);
    GMenuModel *model;

    g_assert_nonnull (button);
    g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    g_assert_nonnull (model);
    g_assert_cmpint (g_menu_model_get_n_items (model), ==, 3);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  /* The model changes before the rest are built: the form shows the new one. */
  scroll_form_to (&fx, 0);
  gtk_root_set_focus (GTK_ROOT (fx.window), NULL);
  load_into_form (&fx, many);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), <, 60);
  text = g_strconcat (byline_document_get_front_matter_text (fx.document), "added: yes\n", NULL);
  byline_document_set_front_matter_text (fx.document, text);
  WAIT_FOR (_byline_front_matter_form_get_n_built_fields (fx.form) == 61);
  byline_test_drain ();
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), ==, 61);
  last = _byline_front_matter_form_get_field_widget (fx.form, "added");
  g_assert_true (GTK_IS_SWITCH (last));

  /* Invalid YAML typed before the rest are built: the rows wait for a
   * valid model, which gets them all. */
  scroll_form_to (&fx, 0);
  gtk_root_set_focus (GTK_ROOT (fx.window), NULL);
  load_into_form (&fx, many);
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), <, 60);
  g_free (text);
  text = g_strdup (byline_document_get_front_matter_text (fx.document));
  byline_document_set_front_matter_text (fx.document, "key0: [\n");
  byline_test_drain ();
  g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), <, 60);
  byline_document_set_front_matter_text (fx.document, text);
  WAIT_FOR (_byline_front_matter_form_get_n_built_fields (fx.form) == 60);

  /* Scrolled down, a change of structure rebuilds every row at once: the
   * rows in view never go missing for a frame. */
  {
    scroll_form_to (&fx, G_MAXINT);
    g_free (text);
    text = g_strconcat (byline_document_get_front_matter_text (fx.document), "more: 3\n", NULL);
    byline_document_set_front_matter_text (fx.document, text);
    g_assert_cmpuint (_byline_front_matter_form_get_n_built_fields (fx.form), ==, 61);
  }

  fixture_close (&fx);
}

/* A text row knows its height as soon as it has its text, before the text
 * view has been laid out: the first frame shows the whole text. */
static void
test_text_row_height (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = byline_text_row_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  int one_line, many_lines;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (row));

  byline_text_row_set_text (BYLINE_TEXT_ROW (row), "One line");
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 360, NULL, &one_line, NULL, NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "words that wrap ");
  byline_text_row_set_text (BYLINE_TEXT_ROW (row), text->str);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 360, NULL, &many_lines, NULL, NULL);

  /* 640 characters in 360 px are many lines. */
  g_assert_cmpint (many_lines, >, one_line + 100);

  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
}

static void
test_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = g_dir_make_tmp ("byline-test-form-site-XXXXXX", &error);
  g_autofree char *content = g_build_filename (site, "content", NULL);
  g_autofree char *post = g_build_filename (content, "c.md", NULL);
  static const struct { const char *name, *text; } files[] = {
    { "hugo.toml", "title = 'Site'\n" },
    { "content/a.md", "---\ntitle: A\ntags: [alpha, beta]\nweight: 3\n---\n" },
    { "content/b.md", "---\ntitle: B\ntags:\n  - beta\n  - gamma\nweight: 7\n---\n" },
    { "content/c.md", "---\ntitle: C\ntags: [beta]\nweight:\n---\nBody\n" },
  };
  g_autoptr(GBytes) saved = NULL;
  GtkWidget *tags, *entry, *weight;
  Fixture fx;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (content, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (site, files[i].name, NULL);

      g_file_set_contents (path, files[i].text, -1, &error);
      g_assert_no_error (error);
    }

  fixture_open (&fx, post);

  /* fixture_open copied the post out of the site: point it back. */
  g_clear_object (&fx.document);
  fx.document = byline_test_load_document (post);
  byline_front_matter_form_set_document (fx.form, fx.document);
  g_clear_pointer (&fx.original, g_bytes_unref);
  fx.original = byline_document_dup_contents (fx.document);

  tags = find_field (&fx, "tags");
  entry = tags;
  g_assert_true (GTK_IS_ENTRY (entry));

  /* The other posts' tags are offered (once the scan is done) when the
   * entry has the focus. */
  gtk_widget_grab_focus (entry);
  WAIT_FOR (completion_offers (entry, "gamma"));
  g_assert_true (completion_offers (entry, "alpha"));

  /* An empty "weight" is an int in this site: typing 5 writes the number 5. */
  weight = find_field (&fx, "weight");
  g_assert_true (GTK_IS_EDITABLE (weight));
  gtk_editable_set_text (GTK_EDITABLE (weight), "5");
  byline_test_drain ();
  saved = save (&fx);
  assert_only_entries_changed (fx.original, saved, "weight");
  assert_pyyaml (&fx, saved, NULL, "weight", "5");

  fixture_close (&fx);
  byline_test_remove_tree (site);
}

/* Every top-level field can be reached with Tab. */
static void
test_tab_order (void)
{
  g_autofree char *path = data_path ("every-type.md");
  static const char * const keys[] = {
    "title", "subtitle", "empty_string", "nothing", "tilde", "draft", "weight", "ratio",
    "date", "publishDate", "lastmod", "description", "notes", "tags", "categories",
    "keywords", "menu", "params", "resources", "slug",
  };
  g_autoptr(GHashTable) reached = g_hash_table_new (g_str_hash, g_str_equal);
  Fixture fx;

  fixture_open (&fx, path);

  gtk_widget_grab_focus (find_field (&fx, "title"));
  for (guint step = 0; step < 400 && g_hash_table_size (reached) < G_N_ELEMENTS (keys); step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx.window));

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          GtkWidget *w = _byline_front_matter_form_get_field_widget (fx.form, keys[i]);

          if (focus != NULL && w != NULL && (focus == w || gtk_widget_is_ancestor (focus, w)))
            g_hash_table_add (reached, (gpointer) keys[i]);
        }

      if (!gtk_widget_child_focus (fx.window, GTK_DIR_TAB_FORWARD))
        break;
      byline_test_drain ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_hash_table_contains (reached, keys[i]))
        g_test_message ("not reached with Tab: %s", keys[i]);
      g_assert_true (g_hash_table_contains (reached, keys[i]));
    }

  fixture_close (&fx);
}

/* ------------------------------------------------------------------------ */
/* The corpus                                                                */
/* ------------------------------------------------------------------------ */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_corpus (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autofree char *out_dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_edited = 0, n_skipped = 0, n_pyyaml_skipped = 0;
  Fixture fx;

  if (shared == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR is not set");
      return;
    }
  corpus = g_build_filename (shared, "corpus", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("the corpus is missing");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  out_dir = g_dir_make_tmp ("byline-test-form-corpus-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *source = g_build_filename (corpus, file, NULL);
      g_autoptr(GBytes) saved = NULL;
      BylineFrontMatter *fm;
      BylineNode *root;
      GtkWidget *entry = NULL;
      g_autofree char *key = NULL;
      g_autofree char *new_value = NULL;

      if (i == 0)
        fixture_open (&fx, source);
      else
        fixture_switch (&fx, source);
      fm = byline_document_get_front_matter (fx.document);
      root = fm != NULL ? byline_front_matter_get_root (fm) : NULL;

      if (byline_document_get_format (fx.document) == BYLINE_FORMAT_YAML && root != NULL &&
          byline_front_matter_is_valid (fm) && !byline_front_matter_is_read_only (fm, NULL))
        {
          for (guint c = 0; c < byline_node_get_n_children (root) && entry == NULL; c++)
            {
              BylineNode *child = byline_node_get_child (root, c);
              const char *child_key = byline_node_get_key (child);
              GtkWidget *w;

              if (child_key == NULL || strchr (child_key, '.') != NULL ||
                  byline_node_get_value_type (child) != BYLINE_VALUE_STRING)
                continue;
              w = _byline_front_matter_form_get_field_widget (fx.form, child_key);
              if (w != NULL && ADW_IS_ENTRY_ROW (w) && gtk_widget_is_sensitive (w))
                {
                  entry = w;
                  key = g_strdup (child_key);   /* the model changes with the edit */
                }
            }
        }

      if (entry == NULL)
        {
          /* Nothing to edit: opening and saving must keep every byte. */
          saved = save (&fx);
          g_assert_true (g_bytes_equal (saved, fx.original));
          n_skipped++;
          continue;
        }

      /* The widget found by its accessible name is this one. */
      g_assert_true (find_field (&fx, key) == entry ||
                     gtk_widget_is_ancestor (entry, find_field (&fx, key)));

      new_value = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (entry)), " (edited: #1)", NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), new_value);
      byline_test_drain ();
      saved = save (&fx);
      g_test_message ("%s: %s", file, key);
      assert_only_entries_changed (fx.original, saved, key);

      {
        g_autofree char *orig_copy = g_strdup_printf ("%s/%04u-orig.md", out_dir, i);
        g_autofree char *saved_copy = g_strdup_printf ("%s/%04u-saved.md", out_dir, i);

        g_file_set_contents (orig_copy, g_bytes_get_data (fx.original, NULL),
                             g_bytes_get_size (fx.original), NULL);
        g_file_set_contents (saved_copy, g_bytes_get_data (saved, NULL),
                             g_bytes_get_size (saved), NULL);
        g_ptr_array_add (pairs, g_steal_pointer (&orig_copy));
        g_ptr_array_add (pairs, g_steal_pointer (&saved_copy));
        g_ptr_array_add (keys, g_strdup (key));
        g_ptr_array_add (values, g_strdup (new_value));
      }

      n_edited++;
    }
  if (names->len > 0)
    fixture_close (&fx);

  /* One PyYAML run over every pair: only the edited key changed. */
  g_ptr_array_add (pairs, NULL);
  read = pyyaml_read ((const char * const *) pairs->pdata);
  for (guint i = 0; i < keys->len; i++)
    {
      JsonNode *orig = g_ptr_array_index (read, 2 * i);
      JsonNode *now = g_ptr_array_index (read, 2 * i + 1);
      const char *key = g_ptr_array_index (keys, i);
      JsonNode *value;

      if (json_object_has_member (json_node_get_object (orig), "error"))
        {
          /* PyYAML refuses the original too (libyaml and Hugo read it):
           * the byte check above is what holds for this file. */
          g_test_message ("PyYAML can't read %s: %s", (char *) g_ptr_array_index (pairs, 2 * i),
                          json_object_get_string_member (json_node_get_object (orig), "error"));
          n_pyyaml_skipped++;
          continue;
        }

      value = json_at (now, key);

      g_assert_nonnull (value);
      g_assert_cmpstr (json_node_get_string (value), ==, g_ptr_array_index (values, i));
      json_remove (orig, key);
      json_remove (now, key);
      assert_json_equal (json_object_get_member (json_node_get_object (orig), "fm"),
                         json_object_get_member (json_node_get_object (now), "fm"),
                         key);
    }

  g_test_message ("corpus: %u files edited through the form (%u of them unreadable to PyYAML), "
                  "%u opened and saved untouched", n_edited, n_pyyaml_skipped, n_skipped);
  g_assert_cmpuint (n_edited, >, 0);

  byline_test_remove_tree (out_dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The test accessibility backend lets the tests read accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("%s is missing\n", PYTHON);
      return 77;
    }

  g_test_add_func ("/form/sample-fields", test_sample_fields);
  g_test_add_func ("/form/every-type-fields", test_every_type_fields);
  g_test_add_func ("/form/structure", test_structure_edits);
  g_test_add_func ("/form/add-dialog", test_add_dialog);
  g_test_add_func ("/form/add-group-item", test_add_group_item);
  g_test_add_func ("/form/typing-keeps-rows", test_typing_keeps_rows);
  g_test_add_func ("/form/undo", test_undo);
  g_test_add_func ("/form/yaml-view", test_yaml_view);
  g_test_add_func ("/form/invalid", test_invalid);
  g_test_add_func ("/form/warnings", test_warnings);
  g_test_add_func ("/form/date-warnings", test_date_warnings);
  g_test_add_func ("/form/rows-below-the-fold", test_rows_below_the_fold);
  g_test_add_func ("/form/text-row-height", test_text_row_height);
  g_test_add_func ("/form/read-only", test_read_only);
  g_test_add_func ("/form/accessible-names", test_accessible_names);
  g_test_add_func ("/form/tab-order", test_tab_order);
  g_test_add_func ("/form/narrow", test_narrow);
  g_test_add_func ("/form/site", test_site);
  g_test_add_func ("/form/corpus", test_corpus);

  return g_test_run ();
}
