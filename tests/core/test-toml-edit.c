/* test-toml-edit.c: TOML front matter edits (byline-toml-edit.cc through the
 * engine's public functions): the model's byte ranges, each edit changing
 * only the bytes of its value (checked byte for byte), Python's tomllib as
 * the outside reader, CR LF and BOM, refusals, and every TOML post of the
 * corpus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-toml-edit"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-test-files.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                    */
/* ------------------------------------------------------------------------ */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "toml", name, NULL);
}

/* The front matter (inner text) of tests/data/toml/@name. */
static char *
fixture_front (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  BylinePostSplit split;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  byline_post_split (data, len, &split);
  g_assert_cmpint (split.format, ==, BYLINE_FORMAT_TOML);
  return g_strndup (data + split.fm_start, split.fm_end - split.fm_start);
}

static char **
split_path (const char *dotted)
{
  return g_strsplit (dotted, ".", -1);
}

/* @old with [@start, @end) replaced by @literal. */
static char *
replaced (const char *old,
          gsize       start,
          gsize       end,
          const char *literal)
{
  GString *s = g_string_new_len (old, start);

  g_string_append (s, literal);
  g_string_append (s, old + end);
  return g_string_free (s, FALSE);
}

/* Like g_assert_cmpstr, showing where the texts part. */
#define assert_text(got, want) assert_text_impl (got, want, __LINE__)
static void
assert_text_impl (const char *got,
                  const char *want,
                  int         line)
{
  gsize i = 0;

  g_assert_nonnull (got);
  if (strcmp (got, want) == 0)
    return;
  while (got[i] != '\0' && got[i] == want[i])
    i++;
  i = i > 30 ? i - 30 : 0;
  g_error ("line %d: texts differ:\n---- got\n%.100s\n---- want\n%.100s", line, got + i, want + i);
}

/* Python's tomllib reads @old and @now: @now holds @expected_json (JSON,
 * dates as ISO text) at @path (a JSON list of keys and indexes), and is
 * @old with only that value changed. @path_json NULL: only checks that
 * @now parses. */
static const char python_check[] =
  "import datetime, json, sys, tomllib\n"
  "old = tomllib.loads(open(sys.argv[1], encoding='utf-8').read())\n"
  "now = tomllib.loads(open(sys.argv[2], encoding='utf-8').read())\n"
  "if len(sys.argv) > 3:\n"
  "    path = json.loads(sys.argv[3])\n"
  "    def walk(d, p):\n"
  "        for k in p:\n"
  "            d = d[k]\n"
  "        return d\n"
  "    iso = lambda o: o.isoformat()\n"
  "    got = json.dumps(walk(now, path), default=iso, ensure_ascii=False)\n"
  "    want = json.dumps(json.loads(sys.argv[4]), ensure_ascii=False)\n"
  "    assert got == want, (got, want)\n"
  "    parent = walk(old, path[:-1])\n"
  "    if isinstance(parent, list):\n"
  "        parent[path[-1]] = walk(now, path)\n"
  "    else:\n"
  "        parent[path[-1]] = walk(now, path)\n"
  "    assert old == now, (old, now)\n";

static gboolean
have_python (void)
{
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE);
}

static void
python_agrees (const char *old,
               const char *now,
               const char *path_json,
               const char *expected_json)
{
  g_autofree char *dir = NULL;
  g_autofree char *old_file = NULL;
  g_autofree char *now_file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[8] = { "/usr/bin/python3", "-c", python_check, NULL, NULL, NULL, NULL, NULL };

  if (!have_python ())
    return;
  dir = byline_test_make_tmp ("byline-test-toml");
  old_file = byline_test_write_file (dir, "old.toml", old, -1);
  now_file = byline_test_write_file (dir, "now.toml", now, -1);
  argv[3] = old_file;
  argv[4] = now_file;
  argv[5] = path_json;
  argv[6] = path_json != NULL ? expected_json : NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("tomllib disagrees (%s = %s):\n%s\n---- old\n%s\n---- now\n%s",
             path_json != NULL ? path_json : "-", expected_json != NULL ? expected_json : "-",
             err, old, now);
  byline_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* The model                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char      *path;
  BylineValueType  type;
  BylineStyle      style;
  const char      *scalar;      /* NULL: a collection */
  const char      *value_text;  /* the bytes of its value range, NULL: not checked */
  const char      *key_text;
} ModelCase;

static const ModelCase model_cases[] = {
  { "title", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "A “quoted” title — 日本語のタイトル",
    "\"A “quoted” title — 日本語のタイトル\"", "title" },
  { "slug", BYLINE_VALUE_STRING, BYLINE_STYLE_SINGLE_QUOTED, "literal-slug", "'literal-slug'", "slug" },
  { "description", BYLINE_VALUE_TEXT, BYLINE_STYLE_LITERAL, "First line\nSecond line with \"quotes\"\n",
    "\"\"\"\nFirst line\nSecond line with \"quotes\"\n\"\"\"", NULL },
  { "summary", BYLINE_VALUE_TEXT, BYLINE_STYLE_LITERAL, "Raw \\n text\n", "'''\nRaw \\n text\n'''", NULL },
  { "draft", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "false", "false", NULL },
  { "weight", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "10", "10", NULL },
  { "ratio", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, "0.75", "0.75", NULL },
  { "big", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "1000", "1_000", NULL },
  { "hex", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "255", "0xFF", NULL },
  { "date", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, "2025-02-13T01:55:25+05:30", "2025-02-13T01:55:25+05:30", NULL },
  { "publishDate", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, NULL, "2025-02-13 01:55:25Z", NULL },
  { "lastmod", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, NULL, "1979-05-27T00:32:00.999999-07:00", NULL },
  { "local", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, NULL, "2025-02-13T08:00:00", NULL },
  { "day", BYLINE_VALUE_DATE, BYLINE_STYLE_PLAIN, "2025-02-13", "2025-02-13", NULL },
  { "alarm", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "07:32:00", "07:32:00", NULL },
  { "quoted_date", BYLINE_VALUE_DATE, BYLINE_STYLE_DOUBLE_QUOTED, "2025-03-01", "\"2025-03-01\"", NULL },
  { "tags", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_FLOW, NULL, "[\"tea\", \"日本\", 'green']", NULL },
  { "tags.1", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "日本", "\"日本\"", NULL },
  { "authors", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_FLOW, NULL, "[\n  \"Ana\",\n  \"Bo\",\n]", NULL },
  { "empty", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_FLOW, NULL, "[]", NULL },
  { "key with spaces", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "v", "\"v\"", "\"key with spaces\"" },
  { "point", BYLINE_VALUE_MAPPING, BYLINE_STYLE_FLOW, NULL, "{ x = 1, y = \"two\" }", NULL },
  { "point.y", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "two", "\"two\"", "y" },
  { "site", BYLINE_VALUE_MAPPING, BYLINE_STYLE_BLOCK, NULL, NULL, NULL },
  { "site.url", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "https://example.org/", "\"https://example.org/\"", "url" },
  { "params", BYLINE_VALUE_MAPPING, BYLINE_STYLE_BLOCK, NULL, NULL, "params" },
  { "params.emoji", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "😀 smile", "\"😀 smile\"", "emoji" },
  { "params.social.twitter", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "@ana", "\"@ana\"", "twitter" },
  { "menu.main", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_BLOCK, NULL, NULL, NULL },
  { "menu.main.1.name", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "Blog", "\"Blog\"", "name" },
};

static void
test_model (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const char * const order[] = {
    "title", "slug", "description", "summary", "draft", "weight", "ratio", "big", "hex", "date",
    "publishDate", "lastmod", "local", "day", "alarm", "quoted_date", "tags", "categories",
    "numbers", "authors", "empty", "key with spaces", "point", "site", "params", "menu",
  };
  BylineNode *root;
  guint i;

  g_assert_true (byline_front_matter_is_valid (fm));
  g_assert_false (byline_front_matter_is_read_only (fm, NULL));
  root = byline_front_matter_get_root (fm);
  g_assert_nonnull (root);
  g_assert_cmpuint (byline_node_get_n_children (root), ==, G_N_ELEMENTS (order));
  for (i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, i)), ==, order[i]);

  for (i = 0; i < G_N_ELEMENTS (model_cases); i++)
    {
      const ModelCase *c = &model_cases[i];
      g_auto(GStrv) path = split_path (c->path);
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      gsize start, end;

      g_test_message ("model: %s", c->path);
      g_assert_nonnull (node);
      g_assert_cmpint (byline_node_get_value_type (node), ==, c->type);
      g_assert_cmpint (byline_node_get_style (node), ==, c->style);
      if (c->scalar != NULL)
        g_assert_cmpstr (byline_node_get_scalar (node), ==, c->scalar);
      byline_node_get_value_range (node, &start, &end);
      g_assert_cmpuint (start, <=, end);
      g_assert_cmpuint (end, <=, strlen (front));
      if (c->value_text != NULL)
        {
          g_autofree char *got = g_strndup (front + start, end - start);

          g_assert_cmpstr (got, ==, c->value_text);
        }
      if (c->key_text != NULL)
        {
          g_autofree char *got = NULL;

          byline_node_get_key_range (node, &start, &end);
          got = g_strndup (front + start, end - start);
          g_assert_cmpstr (got, ==, c->key_text);
        }
    }

  /* the entry of a pair: its whole line, the comment and line break included */
  {
    BylineNode *title = byline_front_matter_lookup_dotted (fm, "title");
    g_autofree char *entry = NULL;
    gsize start, end;

    byline_node_get_entry_range (title, &start, &end);
    entry = g_strndup (front + start, end - start);
    g_assert_cmpstr (entry, ==, "title = \"A “quoted” title — 日本語のタイトル\"   # CJK, and a comment\n");
    g_assert_cmpuint (byline_node_get_line (title), ==, 2);
  }

  /* dates as GDateTime */
  {
    g_autoptr(GDateTime) dt = byline_node_dup_datetime (byline_front_matter_lookup_dotted (fm, "date"));

    g_assert_nonnull (dt);
    g_assert_cmpint (g_date_time_get_hour (dt), ==, 1);
    g_assert_cmpint (g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE, ==, 330);
  }
}

/* Columns are code points: values after CJK and emoji keys on the line. */
static void
test_model_offsets (void)
{
  static const char text[] =
    "\"日本語\" = \"値\"\r\n"
    "\"😀😀\" = 'x'   # ✓\r\n"
    "a = [\"é\", \"😀\", \"z\"]\r\n";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  static const struct { const char *path; const char *value; } cases[] = {
    { "日本語", "\"値\"" }, { "😀😀", "'x'" }, { "a.1", "\"😀\"" }, { "a.2", "\"z\"" },
  };
  guint i;

  g_assert_true (byline_front_matter_is_valid (fm));
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = split_path (cases[i].path);
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      g_autofree char *got = NULL;
      gsize start, end;

      g_assert_nonnull (node);
      byline_node_get_value_range (node, &start, &end);
      got = g_strndup (text + start, end - start);
      g_assert_cmpstr (got, ==, cases[i].value);
    }
  {
    BylineNode *node = byline_front_matter_lookup_dotted (fm, "😀😀");
    g_autofree char *entry = NULL;
    gsize start, end;

    byline_node_get_entry_range (node, &start, &end);
    entry = g_strndup (text + start, end - start);
    g_assert_cmpstr (entry, ==, "\"😀😀\" = 'x'   # ✓\r\n");
  }
}

/* ------------------------------------------------------------------------ */
/* set_scalar: only the value's bytes change                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char      *path;
  const char      *value;
  BylineValueType  type;
  const char      *literal;     /* what replaces the value's bytes */
  const char      *py_path;     /* JSON */
  const char      *py_value;    /* JSON, dates in ISO */
} SetCase;

static const SetCase set_cases[] = {
  { "title", "New 日本 title", BYLINE_VALUE_STRING, "\"New 日本 title\"", "[\"title\"]", "\"New 日本 title\"" },
  { "title", "back\\slash \"q\"\ttab", BYLINE_VALUE_STRING, "\"back\\\\slash \\\"q\\\"\\ttab\"",
    "[\"title\"]", "\"back\\\\slash \\\"q\\\"\\ttab\"" },
  { "title", "two\nlines", BYLINE_VALUE_TEXT, "\"two\\nlines\"", "[\"title\"]", "\"two\\nlines\"" },
  { "slug", "new-slug", BYLINE_VALUE_STRING, "'new-slug'", "[\"slug\"]", "\"new-slug\"" },
  { "slug", "it's", BYLINE_VALUE_STRING, "\"it's\"", "[\"slug\"]", "\"it's\"" },
  { "description", "One\nTwo \"x\"", BYLINE_VALUE_TEXT, "\"\"\"\nOne\nTwo \"x\\\"\"\"\"",
    "[\"description\"]", "\"One\\nTwo \\\"x\\\"\"" },
  { "description", "a \"\"\" b\\", BYLINE_VALUE_TEXT, "\"\"\"\na \\\"\\\"\" b\\\\\"\"\"",
    "[\"description\"]", "\"a \\\"\\\"\\\" b\\\\\"" },
  { "summary", "a\nb \\n", BYLINE_VALUE_TEXT, "'''\na\nb \\n'''", "[\"summary\"]", "\"a\\nb \\\\n\"" },
  { "summary", "it ends '", BYLINE_VALUE_TEXT, "\"\"\"\nit ends '\"\"\"", "[\"summary\"]", "\"it ends '\"" },
  { "draft", "true", BYLINE_VALUE_BOOL, "true", "[\"draft\"]", "true" },
  { "weight", "11", BYLINE_VALUE_INT, "11", "[\"weight\"]", "11" },
  { "weight", "-3", BYLINE_VALUE_INT, "-3", "[\"weight\"]", "-3" },
  { "ratio", "2.5", BYLINE_VALUE_FLOAT, "2.5", "[\"ratio\"]", "2.5" },
  { "ratio", "3", BYLINE_VALUE_FLOAT, "3.0", "[\"ratio\"]", "3.0" },
  { "hex", "16", BYLINE_VALUE_INT, "16", "[\"hex\"]", "16" },
  { "date", "2026-01-02T03:04:05+05:30", BYLINE_VALUE_DATETIME, "2026-01-02T03:04:05+05:30",
    "[\"date\"]", "\"2026-01-02T03:04:05+05:30\"" },
  { "date", "2026-01-02T03:04:05Z", BYLINE_VALUE_DATETIME, "2026-01-02T03:04:05+00:00",
    "[\"date\"]", "\"2026-01-02T03:04:05+00:00\"" },
  { "date", "2026-01-02", BYLINE_VALUE_DATE, "2026-01-02T00:00:00+05:30",
    "[\"date\"]", "\"2026-01-02T00:00:00+05:30\"" },
  { "publishDate", "2026-01-02T03:04:05+00:00", BYLINE_VALUE_DATETIME, "2026-01-02 03:04:05Z",
    "[\"publishDate\"]", "\"2026-01-02T03:04:05+00:00\"" },
  { "lastmod", "2026-01-02T03:04:05-07:00", BYLINE_VALUE_DATETIME, "2026-01-02T03:04:05.000000-07:00",
    "[\"lastmod\"]", "\"2026-01-02T03:04:05-07:00\"" },
  { "local", "2026-01-02T09:30:00+02:00", BYLINE_VALUE_DATETIME, "2026-01-02T09:30:00",
    "[\"local\"]", "\"2026-01-02T09:30:00\"" },
  { "day", "2026-12-31", BYLINE_VALUE_DATE, "2026-12-31", "[\"day\"]", "\"2026-12-31\"" },
  { "day", "2026-12-31T00:00:00", BYLINE_VALUE_DATETIME, "2026-12-31", "[\"day\"]", "\"2026-12-31\"" },
  { "day", "2026-12-31T10:00:00+01:00", BYLINE_VALUE_DATETIME, "2026-12-31T10:00:00+01:00",
    "[\"day\"]", "\"2026-12-31T10:00:00+01:00\"" },
  { "alarm", "08:15:00", BYLINE_VALUE_STRING, "08:15:00", "[\"alarm\"]", "\"08:15:00\"" },
  { "quoted_date", "2026-04-01", BYLINE_VALUE_DATE, "\"2026-04-01\"", "[\"quoted_date\"]", "\"2026-04-01\"" },
  { "key with spaces", "w", BYLINE_VALUE_STRING, "\"w\"", "[\"key with spaces\"]", "\"w\"" },
  { "point.x", "5", BYLINE_VALUE_INT, "5", "[\"point\", \"x\"]", "5" },
  { "point.y", "three", BYLINE_VALUE_STRING, "\"three\"", "[\"point\", \"y\"]", "\"three\"" },
  { "site.name", "Dots", BYLINE_VALUE_STRING, "\"Dots\"", "[\"site\", \"name\"]", "\"Dots\"" },
  { "params.author", "Bo", BYLINE_VALUE_STRING, "\"Bo\"", "[\"params\", \"author\"]", "\"Bo\"" },
  { "params.emoji", "🎉 party", BYLINE_VALUE_STRING, "\"🎉 party\"", "[\"params\", \"emoji\"]", "\"🎉 party\"" },
  { "params.social.twitter", "@bo", BYLINE_VALUE_STRING, "\"@bo\"",
    "[\"params\", \"social\", \"twitter\"]", "\"@bo\"" },
  { "menu.main.1.name", "Posts", BYLINE_VALUE_STRING, "\"Posts\"", "[\"menu\", \"main\", 1, \"name\"]", "\"Posts\"" },
  { "menu.main.0.weight", "7", BYLINE_VALUE_INT, "7", "[\"menu\", \"main\", 0, \"weight\"]", "7" },
  { "tags.1", "日本語", BYLINE_VALUE_STRING, "\"日本語\"", "[\"tags\", 1]", "\"日本語\"" },
  { "tags.2", "blue", BYLINE_VALUE_STRING, "'blue'", "[\"tags\", 2]", "\"blue\"" },
  { "numbers.0", "9", BYLINE_VALUE_INT, "9", "[\"numbers\", 0]", "9" },
  { "title", "\x01 control \x7f", BYLINE_VALUE_STRING, "\"\\u0001 control \\u007F\"",
    "[\"title\"]", "\"\\u0001 control \\u007f\"" },
};

static void
test_set_scalar (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (set_cases); i++)
    {
      const SetCase *c = &set_cases[i];
      g_auto(GStrv) path = split_path (c->path);
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineFrontMatter) now = NULL;
      g_autofree char *text = NULL;
      g_autofree char *want = NULL;
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      gsize start, end;

      g_test_message ("set %s = %s", c->path, c->value);
      g_assert_nonnull (node);
      byline_node_get_value_range (node, &start, &end);
      text = byline_front_matter_set_scalar (fm, (const char * const *) path, c->value, c->type, &error);
      g_assert_no_error (error);
      want = replaced (front, start, end, c->literal);
      assert_text (text, want);

      now = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
      g_assert_true (byline_front_matter_is_valid (now));
      python_agrees (front, text, c->py_path, c->py_value);
    }
}

/* The value a node already holds changes nothing, whatever its spelling. */
static void
test_set_unchanged (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const struct { const char *path; const char *value; BylineValueType type; } cases[] = {
    { "big", "1000", BYLINE_VALUE_INT },
    { "hex", "255", BYLINE_VALUE_INT },
    { "slug", "literal-slug", BYLINE_VALUE_STRING },
    { "publishDate", "2025-02-13T01:55:25Z", BYLINE_VALUE_DATETIME },
    { "draft", "no", BYLINE_VALUE_BOOL },
    { "ratio", "0.750", BYLINE_VALUE_FLOAT },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = split_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = byline_front_matter_set_scalar (fm, (const char * const *) path,
                                                              cases[i].value, cases[i].type, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, front);
    }
}

/* ------------------------------------------------------------------------ */
/* set_list                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char *path;
  const char *items[5];
  const char *literal;
  const char *py_value;
} ListCase;

static const ListCase list_cases[] = {
  { "tags", { "tea", "green", "new", NULL }, "[\"tea\", 'green', \"new\"]", "[\"tea\", \"green\", \"new\"]" },
  { "tags", { "it's", NULL }, "[\"it's\"]", "[\"it's\"]" },
  { "tags", { NULL }, "[]", "[]" },
  { "categories", { "b", "a", "c", NULL }, "[ \"b\" , \"a\" , \"c\" ]", "[\"b\", \"a\", \"c\"]" },
  { "numbers", { "1", "3", "4", "x", NULL }, "[1, 3, 4, \"x\"]", "[1, 3, 4, \"x\"]" },
  { "authors", { "Ana", "Cy", "Bo", NULL }, "[\n  \"Ana\",\n  \"Cy\",\n  \"Bo\",\n]", "[\"Ana\", \"Cy\", \"Bo\"]" },
  { "empty", { "one", NULL }, "[\"one\"]", "[\"one\"]" },
  { "title", { "a", "b", NULL }, "[\"a\", \"b\"]", "[\"a\", \"b\"]" },
  { "params.author", { "Ana", NULL }, "[\"Ana\"]", "[\"Ana\"]" },
};

static void
test_set_list (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (list_cases); i++)
    {
      const ListCase *c = &list_cases[i];
      g_auto(GStrv) path = split_path (c->path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *want = NULL;
      g_autofree char *py_path = NULL;
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      gsize start, end;

      g_test_message ("set_list %s", c->path);
      g_assert_nonnull (node);
      byline_node_get_value_range (node, &start, &end);
      text = byline_front_matter_set_list (fm, (const char * const *) path, c->items, &error);
      g_assert_no_error (error);
      want = replaced (front, start, end, c->literal);
      assert_text (text, want);
      py_path = g_strdup_printf ("[\"%s\"]", c->path);
      if (strchr (c->path, '.') != NULL)
        {
          g_free (py_path);
          py_path = g_strdup ("[\"params\", \"author\"]");
        }
      python_agrees (front, text, py_path, c->py_value);
    }
}

/* ------------------------------------------------------------------------ */
/* Adding, removing, renaming                                                 */
/* ------------------------------------------------------------------------ */

static void
test_add (void)
{
  static const char text[] =
    "# top\n"
    "title = \"T\"\n"
    "  weight=1\n"
    "\n"
    "[params]\n"
    "author = \"A\"\n"
    "\n"
    "[empty]\n"
    "[[menu]]\n"
    "x = 1\n";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  static const struct {
    const char *parent; const char *key; const char *value; BylineValueType type; const char *after;
    const char *want; const char *py_path; const char *py_value;
  } cases[] = {
    /* at the end of the top-level pairs, before the first [table], laid out like the last one */
    { NULL, "draft", "true", BYLINE_VALUE_BOOL, NULL,
      "# top\ntitle = \"T\"\n  weight=1\n  draft=true\n\n[params]\n", "[\"draft\"]", "true" },
    { NULL, "new key", "v", BYLINE_VALUE_STRING, "title",
      "# top\ntitle = \"T\"\n\"new key\" = \"v\"\n  weight=1\n", "[\"new key\"]", "\"v\"" },
    { NULL, "date", "2025-01-02T03:04:05+01:00", BYLINE_VALUE_DATETIME, NULL,
      "  weight=1\n  date=2025-01-02T03:04:05+01:00\n", "[\"date\"]", "\"2025-01-02T03:04:05+01:00\"" },
    { NULL, "tags", "one", BYLINE_VALUE_SEQUENCE, NULL,
      "  weight=1\n  tags=[\"one\"]\n", "[\"tags\"]", "[\"one\"]" },
    { NULL, "notes", "a\nb", BYLINE_VALUE_TEXT, NULL,
      "  weight=1\n  notes=\"\"\"\na\nb\"\"\"\n", "[\"notes\"]", "\"a\\nb\"" },
    { "params", "bio", "Hi", BYLINE_VALUE_STRING, NULL,
      "[params]\nauthor = \"A\"\nbio = \"Hi\"\n\n[empty]\n", "[\"params\", \"bio\"]", "\"Hi\"" },
    { "empty", "k", "2", BYLINE_VALUE_INT, NULL,
      "[empty]\nk = 2\n[[menu]]\n", "[\"empty\", \"k\"]", "2" },
    { "menu.0", "y", "2", BYLINE_VALUE_INT, NULL,
      "[[menu]]\nx = 1\ny = 2\n", "[\"menu\", 0, \"y\"]", "2" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parent = cases[i].parent != NULL ? split_path (cases[i].parent) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;

      g_test_message ("add %s", cases[i].key);
      now = byline_front_matter_add_entry (fm, (const char * const *) parent, cases[i].key,
                                           cases[i].value, cases[i].type, cases[i].after, &error);
      g_assert_no_error (error);
      if (strstr (now, cases[i].want) == NULL)
        g_error ("add %s: got\n%s", cases[i].key, now);
      g_assert_cmpuint (strlen (now), >, strlen (text));
      python_agrees (text, now, cases[i].py_path, cases[i].py_value);
    }

  /* a missing key given to set_scalar is added too */
  {
    const char *path[] = { "params", "x", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *now = byline_front_matter_set_scalar (fm, path, "1.5", BYLINE_VALUE_FLOAT, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (now, "author = \"A\"\nx = 1.5\n"));
  }
  /* an existing key */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *now = byline_front_matter_add_entry (fm, NULL, "title", "x", BYLINE_VALUE_STRING,
                                                          NULL, &error);

    g_assert_null (now);
    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_EXISTS);
  }
}

/* A text without a final line break, in CR LF, gets its new line in CR LF. */
static void
test_add_crlf_no_final_break (void)
{
  static const char text[] = "a = 1\r\nb = 2";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = byline_front_matter_add_entry (fm, NULL, "c", "x", BYLINE_VALUE_STRING, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (now, ==, "a = 1\r\nb = 2\r\nc = \"x\"\r\n");
}

/* The form offers Add Field where the engine can add one: the answer
 * agrees with what add_entry() then does, table by table. */
static void
test_can_add (void)
{
  static const char text[] =
    "title = \"T\"\n"
    "point = { x = 1, y = 2 }\n"
    "site.name = \"S\"\n"
    "tags = [\"a\"]\n"
    "\n"
    "[params]\n"
    "author = \"A\"\n"
    "\n"
    "[[menu]]\n"
    "name = \"m\"\n";
  static const struct {
    const char *path;
    gboolean    can;
  } cases[] = {
    { "", TRUE },            /* the top level */
    { "params", TRUE },      /* a [header] table */
    { "point", FALSE },      /* { } */
    { "site", FALSE },       /* dotted keys */
    { "title", FALSE },      /* not a table */
    { "tags", FALSE },
    { "menu.0", TRUE },      /* a [[header]] table */
    { "missing", FALSE },
  };
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = cases[i].path[0] != '\0' ? split_path (cases[i].path) : g_new0 (char *, 1);
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;

      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (byline_front_matter_can_add_entry (fm, (const char * const *) path), ==, cases[i].can);
      now = byline_front_matter_add_entry (fm, (const char * const *) path, "added", "x",
                                           BYLINE_VALUE_STRING, NULL, &error);
      g_assert_cmpint (now != NULL, ==, cases[i].can);
    }
  g_assert_true (byline_front_matter_can_add_entry (fm, NULL));
  /* groups are not appended to TOML lists yet */
  {
    static const char * const menu[] = { "menu", NULL };
    static const char * const tags[] = { "tags", NULL };

    g_assert_false (byline_front_matter_can_append_group (fm, menu));
    g_assert_false (byline_front_matter_can_append_group (fm, tags));
  }
}

/* A post holding a NaN is edited like any other (a NaN equals a NaN in
 * the proof), and the NaN keeps its bytes. */
static void
test_nan (void)
{
  static const char text[] = "title = \"T\"\nratio = nan\nneg = -nan\nbig = inf\n[params]\nx = [nan, 1.5]\n";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  static const char * const title[] = { "title", NULL };
  static const char * const params[] = { "params", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *now = byline_front_matter_set_scalar (fm, title, "New", BYLINE_VALUE_STRING, &error);
  g_autofree char *added = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (now, ==, "title = \"New\"\nratio = nan\nneg = -nan\nbig = inf\n[params]\nx = [nan, 1.5]\n");
  added = byline_front_matter_add_entry (fm, params, "y", "2", BYLINE_VALUE_INT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, "title = \"T\"\nratio = nan\nneg = -nan\nbig = inf\n[params]\nx = [nan, 1.5]\ny = 2\n");
}

static void
test_remove (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const char * const removable[] = {
    "title", "description", "tags", "authors", "point", "params.author", "params.social",
    "menu.main.0.weight", "params",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (removable); i++)
    {
      g_auto(GStrv) path = split_path (removable[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineFrontMatter) now = NULL;
      g_autofree char *text = NULL;
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      gsize start, end;

      g_test_message ("remove %s", removable[i]);
      byline_node_get_entry_range (node, &start, &end);
      text = byline_front_matter_remove (fm, (const char * const *) path, &error);
      g_assert_no_error (error);
      {
        g_autofree char *want = replaced (front, start, end, "");

        assert_text (text, want);
      }
      now = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
      g_assert_null (byline_front_matter_lookup (now, (const char * const *) path));
      python_agrees (front, text, NULL, NULL);
    }
}

static void
test_rename (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const struct { const char *path; const char *key; const char *literal; } cases[] = {
    { "title", "heading", "heading" },
    { "slug", "a key", "\"a key\"" },
    { "params.author", "writer", "writer" },
    { "point.y", "z", "z" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = split_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *want = NULL;
      BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
      gsize start, end;

      g_test_message ("rename %s", cases[i].path);
      byline_node_get_key_range (node, &start, &end);
      text = byline_front_matter_rename_key (fm, (const char * const *) path, cases[i].key, &error);
      g_assert_no_error (error);
      want = replaced (front, start, end, cases[i].literal);
      assert_text (text, want);
    }

  /* [params.social] names params too: renaming one header is refused */
  {
    const char *params[] = { "params", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_null (byline_front_matter_rename_key (fm, params, "extra", &error));
    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE);
  }
}

/* Appending to a [ ] list: the list with one more item, laid out like it. */
static void
test_append (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const struct { const char *path; const char *value; BylineValueType type; const char *want; } cases[] = {
    { "tags", "new", BYLINE_VALUE_STRING, "tags = [\"tea\", \"日本\", 'green', \"new\"]\n" },
    { "authors", "Cy", BYLINE_VALUE_STRING, "authors = [\n  \"Ana\",\n  \"Bo\",\n  \"Cy\",\n]\n" },
    { "numbers", "4", BYLINE_VALUE_INT, "numbers = [1, 2, 3, 4]\n" },
    { "empty", "x", BYLINE_VALUE_STRING, "empty = [\"x\"]\n" },
    { "missing", "x", BYLINE_VALUE_STRING, "point = { x = 1, y = \"two\" }\nmissing = [\"x\"]\n" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = split_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *now = byline_front_matter_append_item (fm, (const char * const *) path,
                                                              cases[i].value, cases[i].type, &error);

      g_assert_no_error (error);
      if (strstr (now, cases[i].want) == NULL)
        g_error ("append %s: got\n%s", cases[i].path, now);
      python_agrees (front, now, NULL, NULL);
    }

  /* a scalar is not a list */
  {
    const char *title[] = { "title", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_null (byline_front_matter_append_item (fm, title, "x", BYLINE_VALUE_STRING, &error));
    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE);
  }
}

/* Moving a field: its lines change places with its neighbours'; comments
 * and blank lines stay where they are. */
static void
test_move (void)
{
  static const char text[] =
    "a = 1 # one\n"
    "# about b\n"
    "b = \"\"\"\n"
    "two\n"
    "\"\"\"\n"
    "\n"
    "c = [3]\n"
    "d.e = 4\n"
    "[t]\n"
    "  x = 1\n"
    "  y = 2\n";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  static const struct { const char *path; guint to; const char *want; } cases[] = {
    { "a", 1, "# about b\nb = \"\"\"\ntwo\n\"\"\"\na = 1 # one\n\nc = [3]\n" },
    { "a", 2, "# about b\nb = \"\"\"\ntwo\n\"\"\"\n\nc = [3]\na = 1 # one\nd.e = 4\n" },
    { "c", 0, "c = [3]\na = 1 # one\n# about b\nb = \"\"\"\ntwo\n\"\"\"\n\nd.e = 4\n" },
    { "t.y", 0, "[t]\n  y = 2\n  x = 1\n" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) path = split_path (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *now = byline_front_matter_move (fm, (const char * const *) path, cases[i].to, &error);
      g_autoptr(BylineFrontMatter) moved = NULL;

      g_assert_no_error (error);
      if (strstr (now, cases[i].want) == NULL)
        g_error ("move %s: got\n%s", cases[i].path, now);
      g_assert_cmpuint (strlen (now), ==, strlen (text));
      moved = byline_front_matter_new (BYLINE_FORMAT_TOML, now, -1);
      g_assert_cmpuint (byline_node_get_line (byline_front_matter_lookup (moved, (const char * const *) path)), !=,
                        byline_node_get_line (byline_front_matter_lookup (fm, (const char * const *) path)));
      python_agrees (text, now, NULL, NULL);
    }

  /* past a dotted key or a [table], or to nowhere: refused */
  {
    const char *a[] = { "a", NULL };
    const char *d[] = { "d", NULL };
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;

    g_assert_null (byline_front_matter_move (fm, a, 3, &e1));
    g_assert_error (e1, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_assert_null (byline_front_matter_move (fm, d, 0, &e2));
    g_assert_error (e2, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_assert_null (byline_front_matter_move (fm, a, 9, &e3));
    g_assert_error (e3, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE);
  }
}

/* What TOML edits don't do say so, and change nothing. */
static void
test_refusals (void)
{
  g_autofree char *front = fixture_front ("everything.md");
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  static const struct { const char *path; const char *value; BylineValueType type; int code; } scalars[] = {
    { "params", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED },   /* a [table] */
    { "site", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED },     /* dotted keys */
    { "menu.main", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED }, /* [[tables]] */
    { "title", NULL, BYLINE_VALUE_NULL, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED },     /* no null in TOML */
    { "weight", "ten", BYLINE_VALUE_INT, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
    { "ratio", "1,5", BYLINE_VALUE_FLOAT, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
    { "date", "2025-02-30", BYLINE_VALUE_DATE, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
    { "draft", "maybe", BYLINE_VALUE_BOOL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
    { "alarm", "07:3", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },      /* a time stays one */
    { "nope.deeper", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND },
    { "point.new", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED },  /* into { } */
    { "site.new", "x", BYLINE_VALUE_STRING, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED },   /* dotted */
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (scalars); i++)
    {
      g_auto(GStrv) path = split_path (scalars[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("refuse set %s", scalars[i].path);
      text = byline_front_matter_set_scalar (fm, (const char * const *) path, scalars[i].value,
                                             scalars[i].type, &error);
      g_assert_null (text);
      g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, scalars[i].code);
      g_assert_nonnull (error->message);
    }

  {
    const char *tags1[] = { "tags", "1", NULL };
    const char *menu[] = { "menu", "main", NULL };
    const char *items[] = { "a", NULL };
    const char *site_name[] = { "site", "name", NULL };
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;
    g_autoptr(GError) e5 = NULL;

    g_assert_null (byline_front_matter_remove (fm, tags1, &e1));
    g_assert_error (e1, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_assert_null (byline_front_matter_set_list (fm, menu, items, &e2));
    g_assert_error (e2, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_assert_null (byline_front_matter_append_item (fm, menu, NULL, BYLINE_VALUE_MAPPING, &e3));
    g_assert_error (e3, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_assert_null (byline_front_matter_add_entry (fm, NULL, "group", NULL, BYLINE_VALUE_MAPPING, NULL, &e4));
    g_assert_error (e4, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    /* a key written as part of a dotted key */
    g_assert_null (byline_front_matter_remove (fm, site_name, &e5));
    g_assert_error (e5, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
  }

  /* a string that would add a "+++" line is refused, not written */
  {
    const char *path[] = { "description", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_front_matter_set_scalar (fm, path, "a\n+++\nb", BYLINE_VALUE_TEXT, &error);

    g_assert_no_error (error);
    /* the second try writes a basic string, on one line */
    g_assert_nonnull (strstr (text, "description = \"a\\n+++\\nb\"\n"));
  }

  /* [a.b] makes a table a with no lines of its own: fields go to a.b */
  {
    static const char text[] = "[a.b]\nx = 1\n";
    g_autoptr(BylineFrontMatter) ab = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
    const char *a_y[] = { "a", "y", NULL };
    const char *ab_y[] = { "a", "b", "y", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *now = NULL;

    g_assert_null (byline_front_matter_set_scalar (ab, a_y, "1", BYLINE_VALUE_INT, &error));
    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
    g_clear_error (&error);
    now = byline_front_matter_set_scalar (ab, ab_y, "2", BYLINE_VALUE_INT, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (now, ==, "[a.b]\nx = 1\ny = 2\n");
  }

  /* invalid TOML can't be edited */
  {
    g_autoptr(BylineFrontMatter) bad = byline_front_matter_new (BYLINE_FORMAT_TOML, "a = = 1\n", -1);
    const char *path[] = { "a", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (byline_front_matter_is_valid (bad));
    g_assert_null (byline_front_matter_set_scalar (bad, path, "1", BYLINE_VALUE_INT, &error));
    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID);
  }
}

/* ------------------------------------------------------------------------ */
/* A whole file: CR LF and a BOM                                              */
/* ------------------------------------------------------------------------ */


static void
test_crlf_bom_file (void)
{
  g_autofree char *path = fixture_path ("everything.md");
  g_autofree char *lf = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *file = NULL;
  g_autofree char *front = NULL;
  g_autofree char *now = NULL;
  g_autofree char *now2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineFrontMatter) fm = NULL;
  g_autoptr(BylineFrontMatter) fm2 = NULL;
  const char *title[] = { "title", NULL };
  const char *desc[] = { "description", NULL };
  BylinePostSplit split;
  gsize start, end;
  GString *out;

  g_file_get_contents (path, &lf, NULL, &error);
  g_assert_no_error (error);
  crlf = byline_test_to_crlf (lf);
  file = g_strconcat ("\xEF\xBB\xBF", crlf, NULL);
  byline_post_split (file, -1, &split);
  g_assert_cmpint (split.format, ==, BYLINE_FORMAT_TOML);
  g_assert_true (split.has_bom);
  g_assert_cmpint (split.newline, ==, BYLINE_NEWLINE_CRLF);
  front = g_strndup (file + split.fm_start, split.fm_end - split.fm_start);
  fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
  g_assert_true (byline_front_matter_is_valid (fm));

  byline_node_get_value_range (byline_front_matter_lookup (fm, title), &start, &end);
  now = byline_front_matter_set_scalar (fm, title, "CR LF ✓", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  {
    g_autofree char *want = replaced (front, start, end, "\"CR LF ✓\"");

    assert_text (now, want);
  }

  /* a multi-line string is written with the text's own line breaks */
  fm2 = byline_front_matter_new (BYLINE_FORMAT_TOML, now, -1);
  byline_node_get_value_range (byline_front_matter_lookup (fm2, desc), &start, &end);
  now2 = byline_front_matter_set_scalar (fm2, desc, "x\ny", BYLINE_VALUE_TEXT, &error);
  g_assert_no_error (error);
  {
    g_autofree char *want = replaced (now, start, end, "\"\"\"\r\nx\r\ny\"\"\"");

    assert_text (now2, want);
  }

  /* the file around it keeps its bytes */
  out = g_string_new_len (file, split.fm_start);
  g_string_append (out, now2);
  g_string_append (out, file + split.fm_end);
  {
    BylinePostSplit check;

    byline_post_split (out->str, out->len, &check);
    g_assert_cmpint (check.format, ==, BYLINE_FORMAT_TOML);
    g_assert_true (check.has_bom);
    g_assert_cmpint (check.newline, ==, BYLINE_NEWLINE_CRLF);
    g_assert_cmpstr (out->str + check.body_start, ==, file + split.body_start);
  }
  g_string_free (out, TRUE);
}

/* ------------------------------------------------------------------------ */
/* The corpus                                                                 */
/* ------------------------------------------------------------------------ */

/* The title, or the first top-level string. */
static BylineNode *
first_string (BylineFrontMatter *fm)
{
  BylineNode *root = byline_front_matter_get_root (fm);
  BylineNode *title = byline_front_matter_lookup_dotted (fm, "title");
  guint i;

  if (title != NULL && byline_node_get_value_type (title) == BYLINE_VALUE_STRING)
    return title;
  for (i = 0; root != NULL && i < byline_node_get_n_children (root); i++)
    {
      BylineNode *c = byline_node_get_child (root, i);

      if (byline_node_get_value_type (c) == BYLINE_VALUE_STRING)
        return c;
    }
  return NULL;
}

static void
test_corpus (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *corpus = shared != NULL ? g_build_filename (shared, "corpus", NULL) : NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_toml = 0, n_edited = 0;

  if (corpus == NULL || (dir = g_dir_open (corpus, 0, NULL)) == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR/corpus is not available");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *front = NULL;
      g_autofree char *now = NULL;
      g_autofree char *again = NULL;
      g_autoptr(BylineFrontMatter) fm = NULL;
      g_autoptr(BylineFrontMatter) reparsed = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) node_path = NULL;
      BylinePostSplit split;
      BylineNode *node;
      gsize len = 0, start, end, new_len;
      const char *value = "Edited “title” — 日本 \\ \"q\" 😀";

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &data, &len, NULL) ||
          !byline_text_validate (data, len, NULL))
        continue;
      byline_post_split (data, len, &split);
      if (split.format != BYLINE_FORMAT_TOML)
        continue;
      n_toml++;
      front = g_strndup (data + split.fm_start, split.fm_end - split.fm_start);
      fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
      if (!byline_front_matter_is_valid (fm))
        {
          g_test_message ("%s: invalid TOML, not edited", name);
          continue;
        }

      /* setting what it holds changes nothing */
      node = first_string (fm);
      if (node == NULL)
        continue;
      node_path = byline_node_dup_path (node);
      again = byline_front_matter_set_scalar (fm, (const char * const *) node_path,
                                              byline_node_get_scalar (node), BYLINE_VALUE_STRING, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, front);

      byline_node_get_value_range (node, &start, &end);
      now = byline_front_matter_set_scalar (fm, (const char * const *) node_path, value,
                                            BYLINE_VALUE_STRING, &error);
      g_assert_no_error (error);
      /* only the value's bytes changed */
      new_len = strlen (now);
      g_assert_cmpuint (new_len + end, >=, strlen (front));
      g_assert_cmpmem (now, start, front, start);
      g_assert_cmpstr (now + new_len - (strlen (front) - end), ==, front + end);
      reparsed = byline_front_matter_new (BYLINE_FORMAT_TOML, now, -1);
      g_assert_true (byline_front_matter_is_valid (reparsed));
      g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup (reparsed, (const char * const *) node_path)),
                       ==, value);
      {
        g_autofree char *py_path = g_strdup_printf ("[\"%s\"]", node_path[0]);

        if (g_strv_length (node_path) == 1 && strchr (node_path[0], '"') == NULL)
          python_agrees (front, now, py_path, "\"Edited “title” — 日本 \\\\ \\\"q\\\" 😀\"");
      }
      n_edited++;
    }

  g_test_message ("%u TOML posts, %u edited", n_toml, n_edited);
  if (n_toml == 0)
    g_test_skip ("the corpus has no TOML post");
  else
    g_assert_cmpuint (n_edited, >, 0);
}

/* Every top-level field of every TOML post of the corpus: set to a new
 * value of its type (only its value's bytes change), and removed (only
 * its lines go); tomllib then reads every result in one run. */
static const char python_batch[] =
  "import json, sys, tomllib\n"
  "cases = json.load(open(sys.argv[1], encoding='utf-8'))\n"
  "for c in cases:\n"
  "    old = tomllib.loads(c['old'])\n"
  "    now = tomllib.loads(c['now'])\n"
  "    key = c['key']\n"
  "    if c['removed']:\n"
  "        assert key not in now, (c['file'], key)\n"
  "        del old[key]\n"
  "    else:\n"
  "        if 'value' in c:\n"
  "            assert now[key] == c['value'], (c['file'], key, now[key], c['value'])\n"
  "        old[key] = now[key]\n"
  "    assert old == now, (c['file'], key)\n"
  "print(len(cases))\n";

static void
add_python_case (JsonBuilder *b,
                 const char  *file,
                 const char  *old,
                 const char  *now,
                 const char  *key,
                 gboolean     removed,
                 JsonNode    *value)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_set_member_name (b, "old");
  json_builder_add_string_value (b, old);
  json_builder_set_member_name (b, "now");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "removed");
  json_builder_add_boolean_value (b, removed);
  if (value != NULL)
    {
      json_builder_set_member_name (b, "value");
      json_builder_add_value (b, json_node_copy (value));
    }
  json_builder_end_object (b);
}

static void
test_corpus_every_field (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *corpus = shared != NULL ? g_build_filename (shared, "corpus", NULL) : NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *name;
  guint n_set = 0, n_removed = 0, n_refused = 0;

  if (corpus == NULL || (dir = g_dir_open (corpus, 0, NULL)) == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR/corpus is not available");
      return;
    }

  json_builder_begin_array (b);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *front = NULL;
      g_autoptr(BylineFrontMatter) fm = NULL;
      BylinePostSplit split;
      BylineNode *root;
      gsize len = 0;
      guint i;

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &data, &len, NULL) ||
          !byline_text_validate (data, len, NULL))
        continue;
      byline_post_split (data, len, &split);
      if (split.format != BYLINE_FORMAT_TOML)
        continue;
      front = g_strndup (data + split.fm_start, split.fm_end - split.fm_start);
      fm = byline_front_matter_new (BYLINE_FORMAT_TOML, front, -1);
      root = byline_front_matter_get_root (fm);
      if (root == NULL)
        continue;

      for (i = 0; i < byline_node_get_n_children (root); i++)
        {
          BylineNode *node = byline_node_get_child (root, i);
          const char *key = byline_node_get_key (node);
          const char *path_one[] = { key, NULL };
          BylineValueType type = byline_node_get_value_type (node);
          g_autoptr(JsonNode) expected = json_node_new (JSON_NODE_VALUE);
          g_autoptr(GError) error = NULL;
          g_autofree char *now = NULL;
          g_autofree char *removed = NULL;
          const char *value = NULL;
          gboolean check_value = TRUE;
          gsize start, end;

          switch (type)
            {
            case BYLINE_VALUE_STRING:
              value = "Edited “x” \\ \"q\" 😀";
              json_node_set_string (expected, value);
              break;
            case BYLINE_VALUE_TEXT:
              value = "line one\nline \"two\"\n";
              json_node_set_string (expected, value);
              break;
            case BYLINE_VALUE_INT:
              value = "42";
              json_node_set_int (expected, 42);
              break;
            case BYLINE_VALUE_FLOAT:
              value = "2.5";
              json_node_set_double (expected, 2.5);
              break;
            case BYLINE_VALUE_BOOL:
              value = byline_node_get_bool (node) ? "false" : "true";
              json_node_set_boolean (expected, !byline_node_get_bool (node));
              break;
            case BYLINE_VALUE_DATE:
              value = "2026-03-04";
              check_value = FALSE;
              break;
            case BYLINE_VALUE_DATETIME:
              value = "2026-03-04T05:06:07+01:00";
              check_value = FALSE;
              break;
            case BYLINE_VALUE_NULL:
            case BYLINE_VALUE_SEQUENCE:
            case BYLINE_VALUE_MAPPING:
            default:
              break;
            }

          if (value != NULL)
            {
              byline_node_get_value_range (node, &start, &end);
              now = byline_front_matter_set_scalar (fm, path_one, value, type, &error);
              g_assert_no_error (error);
              g_assert_cmpmem (now, start, front, start);
              g_assert_cmpstr (now + strlen (now) - (strlen (front) - end), ==, front + end);
              add_python_case (b, name, front, now, key, FALSE, check_value ? expected : NULL);
              n_set++;
            }

          byline_node_get_entry_range (node, &start, &end);
          removed = byline_front_matter_remove (fm, path_one, &error);
          if (removed == NULL)
            {
              g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
              n_refused++;
              continue;
            }
          {
            g_autofree char *want = replaced (front, start, end, "");

            assert_text (removed, want);
          }
          add_python_case (b, name, front, removed, key, TRUE, NULL);
          n_removed++;
        }
    }
  json_builder_end_array (b);
  g_test_message ("%u fields set, %u removed, %u removals refused", n_set, n_removed, n_refused);
  if (n_set == 0)
    {
      g_test_skip ("the corpus has no TOML post");
      return;
    }

  if (have_python ())
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *dir_path = byline_test_make_tmp ("byline-test-toml");
      g_autofree char *json = NULL;
      g_autofree char *file = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[5] = { "/usr/bin/python3", "-c", python_batch, NULL, NULL };
      int status = 0;

      json_generator_set_root (gen, root);
      json = json_generator_to_data (gen, NULL);
      file = byline_test_write_file (dir_path, "cases.json", json, -1);
      argv[3] = file;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("tomllib disagrees:\n%s", err);
      g_assert_cmpuint (g_ascii_strtoull (out, NULL, 10), ==, n_set + n_removed);
      byline_test_remove_tree (dir_path);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/toml-edit/model", test_model);
  g_test_add_func ("/toml-edit/model-offsets", test_model_offsets);
  g_test_add_func ("/toml-edit/set-scalar", test_set_scalar);
  g_test_add_func ("/toml-edit/set-unchanged", test_set_unchanged);
  g_test_add_func ("/toml-edit/set-list", test_set_list);
  g_test_add_func ("/toml-edit/add", test_add);
  g_test_add_func ("/toml-edit/add-crlf-no-final-break", test_add_crlf_no_final_break);
  g_test_add_func ("/toml-edit/can-add", test_can_add);
  g_test_add_func ("/toml-edit/nan", test_nan);
  g_test_add_func ("/toml-edit/remove", test_remove);
  g_test_add_func ("/toml-edit/rename", test_rename);
  g_test_add_func ("/toml-edit/append", test_append);
  g_test_add_func ("/toml-edit/move", test_move);
  g_test_add_func ("/toml-edit/refusals", test_refusals);
  g_test_add_func ("/toml-edit/crlf-bom-file", test_crlf_bom_file);
  g_test_add_func ("/toml-edit/corpus", test_corpus);
  g_test_add_func ("/toml-edit/corpus-every-field", test_corpus_every_field);

  return g_test_run ();
}
