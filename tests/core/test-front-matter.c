/* test-front-matter.c: the front matter engine — splitting, the model, and
 * edits that change only what they are asked to change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-front-matter"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-front-matter-private.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char **
split_path (const char *dotted)
{
  if (dotted == NULL || dotted[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (dotted, ".", -1);
}

static BylineFrontMatter *
parse (const char *text)
{
  return byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1);
}

static char *
slice (const char *text,
       gsize       start,
       gsize       end)
{
  return g_strndup (text + start, end - start);
}

/* ------------------------------------------------------------------------ */
/* Splitting                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char   *name;
  const char   *input;
  BylineFormat  format;
  gboolean      bom;
  const char   *opening;
  const char   *front;
  const char   *closing;
  const char   *body;
} SplitCase;

static const SplitCase split_cases[] = {
  { "none", "Just a body\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "Just a body\n" },
  { "empty file", "", BYLINE_FORMAT_NONE, FALSE, "", "", "", "" },
  { "yaml", "---\ntitle: x\n---\nBody\n", BYLINE_FORMAT_YAML, FALSE, "---\n", "title: x\n", "---\n", "Body\n" },
  { "yaml empty block", "---\n---\nBody", BYLINE_FORMAT_YAML, FALSE, "---\n", "", "---\n", "Body" },
  { "yaml no body", "---\na: 1\n---\n", BYLINE_FORMAT_YAML, FALSE, "---\n", "a: 1\n", "---\n", "" },
  { "yaml no final newline", "---\na: 1\n---", BYLINE_FORMAT_YAML, FALSE, "---\n", "a: 1\n", "---", "" },
  { "yaml crlf", "---\r\na: 1\r\n---\r\nB\r\n", BYLINE_FORMAT_YAML, FALSE, "---\r\n", "a: 1\r\n", "---\r\n", "B\r\n" },
  { "yaml mixed", "---\r\na: 1\n---\nB\r\n", BYLINE_FORMAT_YAML, FALSE, "---\r\n", "a: 1\n", "---\n", "B\r\n" },
  { "yaml bom", "\xEF\xBB\xBF---\na: 1\n---\nB", BYLINE_FORMAT_YAML, TRUE, "---\n", "a: 1\n", "---\n", "B" },
  { "yaml dots close", "---\na: 1\n...\nB\n", BYLINE_FORMAT_YAML, FALSE, "---\n", "a: 1\n", "...\n", "B\n" },
  { "yaml trailing blanks", "---  \na: 1\n--- \t\nB\n", BYLINE_FORMAT_YAML, FALSE, "---  \n", "a: 1\n", "--- \t\n", "B\n" },
  { "yaml --- in block scalar", "---\ns: |\n  ---\n  x\n---\nB\n", BYLINE_FORMAT_YAML, FALSE, "---\n", "s: |\n  ---\n  x\n", "---\n", "B\n" },
  { "yaml --- in body", "---\na: 1\n---\nB\n---\nC\n", BYLINE_FORMAT_YAML, FALSE, "---\n", "a: 1\n", "---\n", "B\n---\nC\n" },
  { "yaml unclosed", "---\na: 1\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "---\na: 1\n" },
  { "yaml opening only", "---", BYLINE_FORMAT_NONE, FALSE, "", "", "", "---" },
  { "yaml not a delimiter", "----\na: 1\n----\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "----\na: 1\n----\n" },
  { "yaml text after delimiter", "--- a\nb\n---\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "--- a\nb\n---\n" },
  { "yaml not first line", "\n---\na: 1\n---\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "\n---\na: 1\n---\n" },
  { "yaml closing with text", "---\na: 1\n---x\n---\nB", BYLINE_FORMAT_YAML, FALSE, "---\n", "a: 1\n---x\n", "---\n", "B" },
  { "toml", "+++\ntitle = \"x\"\n+++\nB\n", BYLINE_FORMAT_TOML, FALSE, "+++\n", "title = \"x\"\n", "+++\n", "B\n" },
  { "toml bom empty", "\xEF\xBB\xBF+++\n+++\n\nB\n", BYLINE_FORMAT_TOML, TRUE, "+++\n", "", "+++\n", "\nB\n" },
  { "toml trailing blank", "+++ \na = 1\n+++\n", BYLINE_FORMAT_TOML, FALSE, "+++ \n", "a = 1\n", "+++\n", "" },
  { "json", "{\n  \"title\": \"x\"\n}\nBody\n", BYLINE_FORMAT_JSON, FALSE, "", "{\n  \"title\": \"x\"\n}", "\n", "Body\n" },
  { "json braces in strings", "{\"a\": \"}{\\\"}\", \"b\": {\"c\": [1, {}]}}\r\nB", BYLINE_FORMAT_JSON, FALSE, "",
    "{\"a\": \"}{\\\"}\", \"b\": {\"c\": [1, {}]}}", "\r\n", "B" },
  { "json empty", "{}", BYLINE_FORMAT_JSON, FALSE, "", "{}", "", "" },
  { "json unclosed", "{\"a\": 1\nB\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "{\"a\": 1\nB\n" },
  { "shortcode is not json", "{{< note >}}\nB\n", BYLINE_FORMAT_NONE, FALSE, "", "", "", "{{< note >}}\nB\n" },
};

static void
test_split (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (split_cases); i++)
    {
      const SplitCase *c = &split_cases[i];
      BylinePostSplit s;
      gsize len = strlen (c->input);
      g_autofree char *opening = NULL, *front = NULL, *closing = NULL, *body = NULL;

      g_test_message ("split: %s", c->name);
      byline_post_split (c->input, -1, &s);

      g_assert_cmpint (s.format, ==, c->format);
      g_assert_cmpint (s.has_bom, ==, c->bom);
      g_assert_cmpuint (s.len, ==, len);
      g_assert_cmpuint (s.open_start, ==, c->bom ? 3 : 0);
      g_assert_cmpuint (s.open_start, <=, s.fm_start);
      g_assert_cmpuint (s.fm_start, <=, s.fm_end);
      g_assert_cmpuint (s.fm_end, <=, s.body_start);
      g_assert_cmpuint (s.body_start, <=, s.len);

      opening = slice (c->input, s.open_start, s.fm_start);
      front = slice (c->input, s.fm_start, s.fm_end);
      closing = slice (c->input, s.fm_end, s.body_start);
      body = slice (c->input, s.body_start, s.len);
      g_assert_cmpstr (opening, ==, c->opening);
      g_assert_cmpstr (front, ==, c->front);
      g_assert_cmpstr (closing, ==, c->closing);
      g_assert_cmpstr (body, ==, c->body);
    }
}

static void
test_split_newline (void)
{
  BylinePostSplit s;

  byline_post_split ("---\na: 1\n---\nB\n", -1, &s);
  g_assert_cmpint (s.newline, ==, BYLINE_NEWLINE_LF);
  byline_post_split ("---\r\na: 1\r\n---\r\nB\r\n", -1, &s);
  g_assert_cmpint (s.newline, ==, BYLINE_NEWLINE_CRLF);
  byline_post_split ("---\r\na: 1\n---\r\nB\r\n", -1, &s);
  g_assert_cmpint (s.newline, ==, BYLINE_NEWLINE_MIXED);

  g_assert_cmpint (byline_newline_detect ("", -1), ==, BYLINE_NEWLINE_LF);
  g_assert_cmpint (byline_newline_detect ("no break", -1), ==, BYLINE_NEWLINE_LF);
  g_assert_cmpint (byline_newline_detect ("\r\n", 2), ==, BYLINE_NEWLINE_CRLF);
  g_assert_cmpint (byline_newline_detect ("\n\r\n", 3), ==, BYLINE_NEWLINE_MIXED);
  g_assert_cmpint (byline_newline_detect ("a\r\nb", 1), ==, BYLINE_NEWLINE_LF);

  g_assert_cmpstr (byline_newline_to_string (BYLINE_NEWLINE_LF), ==, "---\n");
  g_assert_cmpstr (byline_newline_to_string (BYLINE_NEWLINE_CRLF), ==, "---\r\n");
  g_assert_cmpstr (byline_newline_to_string (BYLINE_NEWLINE_MIXED), ==, "---\n");
  g_assert_cmpstr (byline_newline_get_chars (BYLINE_NEWLINE_CRLF), ==, "\r\n");
  g_assert_cmpstr (byline_newline_get_chars (BYLINE_NEWLINE_LF), ==, "\n");
}

static void
test_text_validate (void)
{
  static const struct { const char *data; gsize len; gboolean ok; } cases[] = {
    { "", 0, TRUE },
    { "plain text\n", 11, TRUE },
    { "caf\xC3\xA9 \xE4\xB8\xAD", 9, TRUE },
    { "a\0b", 3, FALSE },
    { "caf\xE9", 4, FALSE },
    { "\xEF\xBB\xBF---\n", 7, TRUE },
    { "\xC3", 1, FALSE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = byline_text_validate (cases[i].data, cases[i].len, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_TEXT);
    }
}

/* ------------------------------------------------------------------------ */
/* The model                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char      *yaml;
  const char      *path;
  BylineValueType  type;
  BylineStyle      style;
  const char      *scalar;   /* NULL for collections */
  gboolean         yaml11;
} TypeCase;

static const TypeCase type_cases[] = {
  { "a: hello\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "hello", FALSE },
  { "a: 'it''s'\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_SINGLE_QUOTED, "it's", FALSE },
  { "a: \"x\\ty\"\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "x\ty", FALSE },
  { "a:\n", "a", BYLINE_VALUE_NULL, BYLINE_STYLE_PLAIN, "", FALSE },
  { "a: ~\n", "a", BYLINE_VALUE_NULL, BYLINE_STYLE_PLAIN, "~", FALSE },
  { "a: null\n", "a", BYLINE_VALUE_NULL, BYLINE_STYLE_PLAIN, "null", FALSE },
  { "a: NULL\n", "a", BYLINE_VALUE_NULL, BYLINE_STYLE_PLAIN, "NULL", FALSE },
  { "a: \"null\"\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "null", FALSE },
  { "a: true\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "true", FALSE },
  { "a: False\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "False", FALSE },
  { "a: yes\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "yes", TRUE },
  { "a: No\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "No", TRUE },
  { "a: ON\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "ON", TRUE },
  { "a: off\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "off", TRUE },
  { "a: y\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "y", FALSE },
  /* only the three spellings of each word are booleans */
  { "a: TRUE\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "TRUE", FALSE },
  { "a: tRUE\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "tRUE", FALSE },
  { "a: fAlse\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "fAlse", FALSE },
  { "a: Yes\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "Yes", TRUE },
  { "a: yES\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "yES", FALSE },
  { "a: nO\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "nO", FALSE },
  { "a: oN\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "oN", FALSE },
  { "a: OFF\n", "a", BYLINE_VALUE_BOOL, BYLINE_STYLE_PLAIN, "OFF", TRUE },
  { "a: offf\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "offf", FALSE },
  { "a: truE\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "truE", FALSE },
  { "a: trues\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "trues", FALSE },
  { "a: 'yes'\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_SINGLE_QUOTED, "yes", FALSE },
  { "a: 42\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "42", FALSE },
  { "a: -7\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "-7", FALSE },
  { "a: 0x1F\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "0x1F", FALSE },
  { "a: 0755\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "0755", FALSE },
  { "a: 1_000\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "1_000", FALSE },
  { "a: 1:30\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "1:30", FALSE },
  { "a: \"42\"\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "42", FALSE },
  { "a: 3.14\n", "a", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, "3.14", FALSE },
  { "a: 1.0e+3\n", "a", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, "1.0e+3", FALSE },
  { "a: .5\n", "a", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, ".5", FALSE },
  { "a: -.inf\n", "a", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, "-.inf", FALSE },
  { "a: .NaN\n", "a", BYLINE_VALUE_FLOAT, BYLINE_STYLE_PLAIN, ".NaN", FALSE },
  { "a: 1e3\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "1e3", FALSE },   /* YAML 1.1 */
  { "a: 1.2.3\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "1.2.3", FALSE },
  { "a: 2025-02-13\n", "a", BYLINE_VALUE_DATE, BYLINE_STYLE_PLAIN, "2025-02-13", FALSE },
  { "a: 2025-02-13T01:55:25+05:30\n", "a", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, "2025-02-13T01:55:25+05:30", FALSE },
  { "a: 2025-02-13 01:55:25\n", "a", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, "2025-02-13 01:55:25", FALSE },
  { "a: 2025-02-13t01:55:25.5Z\n", "a", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, "2025-02-13t01:55:25.5Z", FALSE },
  { "a: 2025-2-3 1:02:03 -5\n", "a", BYLINE_VALUE_DATETIME, BYLINE_STYLE_PLAIN, "2025-2-3 1:02:03 -5", FALSE },
  { "a: \"2025-02-13 01:55:25\"\n", "a", BYLINE_VALUE_DATETIME, BYLINE_STYLE_DOUBLE_QUOTED, "2025-02-13 01:55:25", FALSE },
  { "a: '2025-02-13'\n", "a", BYLINE_VALUE_DATE, BYLINE_STYLE_SINGLE_QUOTED, "2025-02-13", FALSE },
  { "a: 2025-2-3\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "2025-2-3", FALSE },
  { "a: 2025-02-30\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "2025-02-30", FALSE },
  { "a: \"13/02/2025\"\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_DOUBLE_QUOTED, "13/02/2025", FALSE },
  { "a: |\n  one\n  two\n", "a", BYLINE_VALUE_TEXT, BYLINE_STYLE_LITERAL, "one\ntwo\n", FALSE },
  { "a: >-\n  one\n  two\n", "a", BYLINE_VALUE_TEXT, BYLINE_STYLE_FOLDED, "one two", FALSE },
  { "a: \"one\\ntwo\"\n", "a", BYLINE_VALUE_TEXT, BYLINE_STYLE_DOUBLE_QUOTED, "one\ntwo", FALSE },
  { "a: one\n  two\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "one two", FALSE },
  { "a: [x, y]\n", "a", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_FLOW, NULL, FALSE },
  { "a:\n  - x\n", "a", BYLINE_VALUE_SEQUENCE, BYLINE_STYLE_BLOCK, NULL, FALSE },
  { "a:\n- x\n", "a.0", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "x", FALSE },
  { "a: {b: 1}\n", "a", BYLINE_VALUE_MAPPING, BYLINE_STYLE_FLOW, NULL, FALSE },
  { "a: {b: 1}\n", "a.b", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "1", FALSE },
  { "a:\n  b:\n    c: deep\n", "a.b.c", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "deep", FALSE },
  { "menu:\n  main:\n    - name: Home\n      weight: 1\n", "menu.main.0.name", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "Home", FALSE },
  { "menu:\n  main:\n    - name: Home\n      weight: 1\n", "menu.main.0.weight", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "1", FALSE },
  { "weight: 120\t#x\n", "weight", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "120", FALSE },
  { "a: x # comment\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "x", FALSE },
  { "a: x#y\n", "a", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "x#y", FALSE },
  { "2024: year\n", "2024", BYLINE_VALUE_STRING, BYLINE_STYLE_PLAIN, "year", FALSE },
  { "a: 1\na: 2\n", "a", BYLINE_VALUE_INT, BYLINE_STYLE_PLAIN, "2", FALSE },
};

static void
test_types (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (type_cases); i++)
    {
      const TypeCase *c = &type_cases[i];
      g_autoptr(BylineFrontMatter) fm = parse (c->yaml);
      g_auto(GStrv) path = split_path (c->path);
      BylineNode *node;

      g_test_message ("type: %s", c->yaml);
      g_assert_true (byline_front_matter_is_valid (fm));
      node = byline_front_matter_lookup (fm, (const char * const *) path);
      g_assert_nonnull (node);
      g_assert_cmpint (byline_node_get_value_type (node), ==, c->type);
      g_assert_cmpint (byline_node_get_style (node), ==, c->style);
      g_assert_cmpstr (byline_node_get_scalar (node), ==, c->scalar);
      g_assert_cmpint (byline_node_is_yaml11_bool (node), ==, c->yaml11);
    }
}

static void
test_model (void)
{
  const char *yaml =
    "# a comment\n"
    "title: \"Über uns — 中文\"\n"
    "tags: [a, b]\n"
    "params:\n"
    "  author: Me\n"
    "  list:\n"
    "  - name: one\n"
    "    v: 1\n"
    "draft: yes\n";
  g_autoptr(BylineFrontMatter) fm = parse (yaml);
  BylineNode *root, *node, *child;
  g_auto(GStrv) path = NULL;
  const char *reason = NULL;

  g_assert_true (byline_front_matter_is_valid (fm));
  g_assert_null (byline_front_matter_get_error (fm));
  g_assert_false (byline_front_matter_is_read_only (fm, &reason));
  g_assert_null (reason);
  g_assert_cmpint (byline_front_matter_get_format (fm), ==, BYLINE_FORMAT_YAML);

  root = byline_front_matter_get_root (fm);
  g_assert_nonnull (root);
  g_assert_cmpint (byline_node_get_value_type (root), ==, BYLINE_VALUE_MAPPING);
  g_assert_cmpuint (byline_node_get_n_children (root), ==, 4);
  g_assert_null (byline_node_get_parent (root));
  g_assert_null (byline_node_get_key (root));

  /* order is kept */
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 0)), ==, "title");
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 1)), ==, "tags");
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 2)), ==, "params");
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 3)), ==, "draft");
  g_assert_null (byline_node_get_child (root, 4));

  node = byline_front_matter_lookup_dotted (fm, "params.list.0.v");
  g_assert_nonnull (node);
  g_assert_cmpstr (byline_node_get_scalar (node), ==, "1");
  g_assert_cmpuint (byline_node_get_line (node), ==, 8);
  path = byline_node_dup_path (node);
  g_assert_cmpuint (g_strv_length (path), ==, 4);
  g_assert_cmpstr (path[0], ==, "params");
  g_assert_cmpstr (path[1], ==, "list");
  g_assert_cmpstr (path[2], ==, "0");
  g_assert_cmpstr (path[3], ==, "v");
  g_assert_true (byline_node_get_parent (byline_node_get_parent (node)) ==
                 byline_front_matter_lookup_dotted (fm, "params.list"));
  g_assert_null (byline_front_matter_lookup_dotted (fm, "params.list.1"));
  g_assert_null (byline_front_matter_lookup_dotted (fm, "params.list.x"));
  g_assert_null (byline_front_matter_lookup_dotted (fm, "nothing"));
  g_assert_null (byline_front_matter_lookup_dotted (fm, "title.x"));

  child = byline_node_lookup (byline_front_matter_lookup_dotted (fm, "params"), "author");
  g_assert_nonnull (child);
  g_assert_cmpstr (byline_node_get_scalar (child), ==, "Me");
  g_assert_null (byline_node_lookup (byline_front_matter_lookup_dotted (fm, "tags"), "a"));
  g_assert_null (byline_node_get_scalar (byline_front_matter_lookup_dotted (fm, "tags")));

  node = byline_front_matter_lookup_dotted (fm, "draft");
  g_assert_true (byline_node_get_bool (node));
  g_assert_true (byline_node_is_yaml11_bool (node));
  g_assert_false (byline_node_is_read_only (node, NULL));
}

/* Byte ranges are bytes even after non-ASCII text and CR LF line breaks. */
static void
test_ranges (void)
{
  static const struct {
    const char *yaml;
    const char *path;
    const char *key;
    const char *value;
    const char *entry;
  } cases[] = {
    { "a: é中文😀\ntitle: old\n", "title", "title", "old", "title: old\n" },
    { "a: x\r\ntitle: \"old\"  # c\r\nb: y\r\n", "title", "title", "\"old\"", "title: \"old\"  # c\r\n" },
    { "\xEF\xBB\xBFtitle: é\n", "title", "title", "é", "title: é\n" },
    { "é: ü\n'ö': ä\n", "ö", "'ö'", "ä", "'ö': ä\n" },
    { "s: |\n  ünï\n  ---\n\nb: 1\n", "s", "s", "|\n  ünï\n  ---\n", "s: |\n  ünï\n  ---\n" },
    { "s: |+\n  x\n\nb: 1\n", "s", "s", "|+\n  x\n\n", "s: |+\n  x\n\n" },
    { "p:\n  k: |\n    x\n  j: 2\n", "p.k", "k", "|\n    x\n", "  k: |\n    x\n" },
    { "t:\n  - é\n  - ü # c\n", "t.1", "", "ü", "  - ü # c\n" },
    { "t: [é, ü]\n", "t.1", "", "ü", "ü" },
    { "p:\n  x: 1\n  y: 2\nq: 3\n", "p", "p", "x: 1\n  y: 2\n", "p:\n  x: 1\n  y: 2\n" },
    { "p: {a: é, b: 2}\n", "p.b", "b", "2", "b: 2" },
    { "a:\nb: 1", "b", "b", "1", "b: 1" },
    { "l:\n- k: v\n  j: w\n", "l.0.j", "j", "w", "  j: w\n" },
    { "l:\n- k: v\n  j: w\n", "l.0.k", "k", "v", "k: v\n" },
    { "l:\n- k: v\n  j: w\n", "l.0", "", "k: v\n  j: w\n", "- k: v\n  j: w\n" },
    /* long runs mixing 1- to 4-byte characters: marks are counted eight
     * bytes at a time, and a jump may end inside a character */
    { "a: aé中😀aé中😀aé中😀aé中😀aé中😀aé中😀aé中😀\nb: x\n", "b", "b", "x", "b: x\n" },
    { "a: 😀😀😀😀😀😀😀😀😀😀\ntitle: 中文中文中文中文中文中文 # ü\n", "title", "title",
      "中文中文中文中文中文中文", "title: 中文中文中文中文中文中文 # ü\n" },
    { "a: \"ééééééééééééééé\"\r\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 1\r\n", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "1", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 1\r\n" },
    { "\xEF\xBB\xBF" "a: 12345678é\nb: [x, 中文中文, y]\n", "b.2", "", "y", "y" },
    { "a: é\nb: 1234567\nc: 12345678\nd: 😀2345\ne: z\n", "e", "e", "z", "e: z\n" },
    { "\xEF\xBB\xBF" "aaaaaaaaaaaaaaaaaaaa: 1\nb: 'é'\n", "b", "b", "'é'", "b: 'é'\n" },
    { "aaaaaaaaaaaaaaaaaaaa: 1\nb: [x, é]\n", "b.1", "", "é", "é" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (cases[i].yaml);
      g_auto(GStrv) path = split_path (cases[i].path);
      BylineNode *node;
      gsize s, e;
      g_autofree char *key = NULL, *value = NULL, *entry = NULL;

      g_test_message ("ranges: %s", cases[i].yaml);
      g_assert_true (byline_front_matter_is_valid (fm));
      node = byline_front_matter_lookup (fm, (const char * const *) path);
      g_assert_nonnull (node);
      byline_node_get_key_range (node, &s, &e);
      key = slice (cases[i].yaml, s, e);
      byline_node_get_value_range (node, &s, &e);
      value = slice (cases[i].yaml, s, e);
      byline_node_get_entry_range (node, &s, &e);
      entry = slice (cases[i].yaml, s, e);
      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpstr (value, ==, cases[i].value);
      g_assert_cmpstr (entry, ==, cases[i].entry);
    }
}

/* Models bigger than the parser's first stacks and the model's first block:
 * many entries, deep nesting, long lists. */
static void
test_big_model (void)
{
  g_autoptr(GString) yaml = g_string_new (NULL);
  g_autoptr(GPtrArray) deep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BylineFrontMatter) fm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) expected = NULL;
  BylineNode *node;
  gsize s, e;
  guint i;

  for (i = 0; i < 300; i++)
    g_string_append_printf (yaml, "k%u: v%u é\n", i, i);
  for (i = 0; i < 40; i++)
    {
      g_string_append_printf (yaml, "%*sd%u:\n", (int) i * 2, "", i);
      g_ptr_array_add (deep, g_strdup_printf ("d%u", i));
    }
  g_string_append_printf (yaml, "%*sleaf: here\n", 80, "");
  g_ptr_array_add (deep, g_strdup ("leaf"));
  g_ptr_array_add (deep, NULL);
  g_string_append (yaml, "list: [");
  for (i = 0; i < 200; i++)
    g_string_append_printf (yaml, "%si%u", i > 0 ? ", " : "", i);
  g_string_append (yaml, "]\nlast: end\n");

  fm = parse (yaml->str);
  g_assert_true (byline_front_matter_is_valid (fm));
  g_assert_false (byline_front_matter_is_read_only (fm, NULL));
  g_assert_cmpuint (byline_node_get_n_children (byline_front_matter_get_root (fm)), ==, 300 + 3);

  node = byline_front_matter_lookup_dotted (fm, "k299");
  g_assert_nonnull (node);
  g_assert_cmpstr (byline_node_get_scalar (node), ==, "v299 é");
  byline_node_get_key_range (node, &s, &e);
  g_assert_cmpint (strncmp (yaml->str + s, "k299", e - s), ==, 0);
  g_assert_cmpuint (e - s, ==, 4);

  node = byline_front_matter_lookup (fm, (const char * const *) deep->pdata);
  g_assert_nonnull (node);
  g_assert_cmpstr (byline_node_get_scalar (node), ==, "here");
  g_assert_cmpuint (byline_node_get_line (node), ==, 300 + 40 + 1);

  node = byline_front_matter_lookup_dotted (fm, "list");
  g_assert_cmpuint (byline_node_get_n_children (node), ==, 200);
  g_assert_cmpstr (byline_node_get_scalar (byline_node_get_child (node, 199)), ==, "i199");

  text = byline_front_matter_set_scalar (fm, (const char * const *) deep->pdata, "there", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  expected = g_string_new (yaml->str);
  g_string_replace (expected, "leaf: here", "leaf: there", 1);
  g_assert_cmpstr (text, ==, expected->str);
  g_clear_pointer (&text, g_free);

  text = byline_front_matter_set_scalar (fm, (const char * const *) (const char *[]) { "list", "199", NULL },
                                         "x, y", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_string_assign (expected, yaml->str);
  g_string_replace (expected, "i199]", "\"x, y\"]", 1);
  g_assert_cmpstr (text, ==, expected->str);
}

static void
test_empty (void)
{
  static const char * const texts[] = { "", "\n", "# only a comment\n", "   \n\n" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (texts[i]);
      BylineNode *root;

      g_assert_true (byline_front_matter_is_valid (fm));
      g_assert_false (byline_front_matter_is_read_only (fm, NULL));
      root = byline_front_matter_get_root (fm);
      g_assert_nonnull (root);
      g_assert_cmpint (byline_node_get_value_type (root), ==, BYLINE_VALUE_MAPPING);
      g_assert_cmpuint (byline_node_get_n_children (root), ==, 0);
    }
}

static void
test_errors (void)
{
  static const struct { const char *yaml; guint line, column; } cases[] = {
    { "a: b: c\n", 1, 5 },
    { "title: x\n  bad: 1\n", 2, 6 },
    { "a: \"unterminated\n", 2, 1 },
    { "a: 1\nb: [1, 2\n", 3, 1 },
    { "é: \x01\n", 1, 4 },
    { "a: 1\n- b\n", 2, 1 },
    { "x: [\n", 2, 1 },
    { "a: *nothing\n", 1, 4 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (cases[i].yaml);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) path = split_path ("a");
      const GError *parse_error;
      guint line = 0, column = 0;
      char *text;

      g_test_message ("error: %s", cases[i].yaml);
      g_assert_false (byline_front_matter_is_valid (fm));
      parse_error = byline_front_matter_get_error (fm);
      g_assert_error ((GError *) parse_error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID);
      byline_front_matter_get_error_position (fm, &line, &column);
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
      g_assert_null (byline_front_matter_get_root (fm));

      /* every edit is refused */
      text = byline_front_matter_set_scalar (fm, (const char * const *) path, "x", BYLINE_VALUE_STRING, &error);
      g_assert_null (text);
      g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID);
      g_clear_error (&error);
      text = byline_front_matter_remove (fm, (const char * const *) path, &error);
      g_assert_null (text);
      g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID);
      g_clear_error (&error);
      text = byline_front_matter_add_entry (fm, NULL, "new", "x", BYLINE_VALUE_STRING, NULL, &error);
      g_assert_null (text);
      g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID);
    }
}

static void
test_read_only (void)
{
  static const struct {
    const char *yaml;
    gboolean    whole;      /* the whole block is read-only */
    const char *ro_path;    /* a read-only node */
    const char *rw_path;    /* a node that can still be edited, or NULL */
  } cases[] = {
    { "a: &x 1\nb: *x\nc: 3\n", FALSE, "a", "c" },
    { "a: &x 1\nb: *x\nc: 3\n", FALSE, "b", "c" },
    { "a: !!str 1\nc: 3\n", FALSE, "a", "c" },
    { "a: !custom x\nc: 3\n", FALSE, "a", "c" },
    { "? complex\n: 1\nc: 3\n", FALSE, "complex", "c" },
    { "a: 1\na: 2\nc: 3\n", FALSE, "a", "c" },
    { "p:\n  a: &x 1\n  b: 2\nc: *x\n", FALSE, "p", NULL },
    { "base: &b {x: 1}\nother:\n  <<: *b\n", FALSE, "other", NULL },
    { "a: 1\n---\nb: 2\n", TRUE, NULL, NULL },
    { "%YAML 1.1\n---\na: 1\n", TRUE, NULL, NULL },
    { "- a\n- b\n", TRUE, NULL, NULL },
    { "just a string\n", TRUE, NULL, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (cases[i].yaml);
      const char *reason = NULL;

      g_test_message ("read-only: %s", cases[i].yaml);
      g_assert_true (byline_front_matter_is_valid (fm));
      g_assert_cmpint (byline_front_matter_is_read_only (fm, &reason), ==, cases[i].whole);
      if (cases[i].whole)
        {
          g_autoptr(GError) error = NULL;
          g_auto(GStrv) path = split_path ("a");
          char *text;

          g_assert_nonnull (reason);
          text = byline_front_matter_set_scalar (fm, (const char * const *) path, "x",
                                                 BYLINE_VALUE_STRING, &error);
          g_assert_null (text);
          g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY);
          g_clear_error (&error);
          text = byline_front_matter_add_entry (fm, NULL, "new", "x", BYLINE_VALUE_STRING, NULL, &error);
          g_assert_null (text);
          g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY);
          continue;
        }

      {
        g_auto(GStrv) path = split_path (cases[i].ro_path);
        BylineNode *node = byline_front_matter_lookup (fm, (const char * const *) path);
        g_autoptr(GError) error = NULL;
        char *text;

        g_assert_nonnull (node);
        reason = NULL;
        g_assert_true (byline_node_is_read_only (node, &reason));
        g_assert_nonnull (reason);
        text = byline_front_matter_set_scalar (fm, (const char * const *) path, "x",
                                               BYLINE_VALUE_STRING, &error);
        g_assert_null (text);
        g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY);
        g_clear_error (&error);
        text = byline_front_matter_remove (fm, (const char * const *) path, &error);
        g_assert_null (text);
        g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY);
      }

      if (cases[i].rw_path != NULL)
        {
          g_auto(GStrv) path = split_path (cases[i].rw_path);
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;

          text = byline_front_matter_set_scalar (fm, (const char * const *) path, "changed",
                                                 BYLINE_VALUE_STRING, &error);
          g_assert_no_error (error);
          g_assert_nonnull (strstr (text, "c: changed\n"));
        }
    }
}

static void
test_datetime (void)
{
  static const struct {
    const char *yaml;
    const char *iso;     /* g_date_time_format_iso8601 of the result */
    gboolean    local;   /* no zone written: compare without the offset */
  } cases[] = {
    { "d: 2025-02-13\n", "2025-02-13T00:00:00Z", FALSE },
    { "d: 2025-02-13T01:55:25+05:30\n", "2025-02-13T01:55:25+05:30", FALSE },
    { "d: \"2025-02-13T01:55:25Z\"\n", "2025-02-13T01:55:25Z", FALSE },
    { "d: 2025-02-13 01:55:25 -5\n", "2025-02-13T01:55:25-05", FALSE },
    { "d: \"2025-02-13 01:55:25\"\n", "2025-02-13T01:55:25", TRUE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (cases[i].yaml);
      g_autoptr(GDateTime) dt = byline_node_dup_datetime (byline_front_matter_lookup_dotted (fm, "d"));
      g_autofree char *iso = NULL;

      g_assert_nonnull (dt);
      if (cases[i].local)
        iso = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      else
        iso = g_date_time_format_iso8601 (dt);
      g_assert_true (g_str_has_prefix (iso, cases[i].iso));
    }

  {
    g_autoptr(BylineFrontMatter) fm = parse ("d: hello\n");
    g_assert_null (byline_node_dup_datetime (byline_front_matter_lookup_dotted (fm, "d")));
  }
}

static void
test_json (void)
{
  const char *json = "{\n  \"title\": \"JSON post\",\n  \"n\": 3,\n  \"f\": 1.5,\n  \"ok\": true,\n"
                     "  \"none\": null,\n  \"tags\": [\"a\", \"b\"],\n  \"date\": \"2013-07-01\",\n"
                     "  \"p\": {\"x\": \"y\"}\n}";
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_JSON, json, -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) path = split_path ("title");
  BylineNode *root;
  const char *reason = NULL;
  char *text;

  g_assert_true (byline_front_matter_is_valid (fm));
  /* JSON reads the same as YAML here: edited (see /front-matter/json-edits) */
  g_assert_false (byline_front_matter_is_read_only (fm, &reason));
  g_assert_null (reason);
  root = byline_front_matter_get_root (fm);
  g_assert_nonnull (root);
  g_assert_cmpuint (byline_node_get_n_children (root), ==, 8);
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 0)), ==, "title");
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (root, 7)), ==, "p");
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup_dotted (fm, "title")), ==, "JSON post");
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "n")), ==, BYLINE_VALUE_INT);
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup_dotted (fm, "n")), ==, "3");
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "f")), ==, BYLINE_VALUE_FLOAT);
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "ok")), ==, BYLINE_VALUE_BOOL);
  g_assert_true (byline_node_get_bool (byline_front_matter_lookup_dotted (fm, "ok")));
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "none")), ==, BYLINE_VALUE_NULL);
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "tags")), ==, BYLINE_VALUE_SEQUENCE);
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup_dotted (fm, "tags.1")), ==, "b");
  g_assert_cmpint (byline_node_get_value_type (byline_front_matter_lookup_dotted (fm, "date")), ==, BYLINE_VALUE_DATE);
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup_dotted (fm, "p.x")), ==, "y");

  text = byline_front_matter_set_scalar (fm, (const char * const *) path, "x", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "{\n  \"title\": \"x\",\n  \"n\": 3,"));
  g_free (text);
}

/* Parses @text with json-glib (the outside reader) and returns the member
 * at dotted @path as JSON text. */
static char *
json_member (const char *text,
             const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (parts[i]));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      if (node == NULL)
        return NULL;
    }
  return json_to_string (node, FALSE);
}

/* JSON front matter is edited as the YAML it also is: only the edited
 * value's bytes change, the result is JSON that json-glib reads with the
 * change, dates stay strings in their format. */
static void
test_json_edits (void)
{
  static const char json[] =
    "{\r\n"
    "  \"title\": \"JSON post\",\r\n"
    "  \"date\": \"2013-07-01T10:00:00Z\",\r\n"
    "  \"draft\": false,\r\n"
    "  \"weight\": 5,\r\n"
    "  \"tags\": [\"a\", \"b\"],\r\n"
    "  \"params\": {\"x\": \"y\"}\r\n"
    "}";
  static const struct {
    const char *path;
    const char *value;
    BylineValueType type;
    const char *expect;     /* the member as json-glib reads it afterwards */
  } sets[] = {
    { "title", "A \"quoted\" title\twith a tab", BYLINE_VALUE_STRING, "\"A \\\"quoted\\\" title\\twith a tab\"" },
    { "title", "Zwei\nZeilen", BYLINE_VALUE_TEXT, "\"Zwei\\nZeilen\"" },
    { "date", "2014-08-02T11:30:00Z", BYLINE_VALUE_DATETIME, "\"2014-08-02T11:30:00Z\"" },
    { "draft", "true", BYLINE_VALUE_BOOL, "true" },
    { "weight", "12", BYLINE_VALUE_INT, "12" },
    { "params.x", "Ünïcode", BYLINE_VALUE_STRING, "\"Ünïcode\"" },
    { "params.new", "2025-02-13", BYLINE_VALUE_DATE, "\"2025-02-13\"" },
    { "title", NULL, BYLINE_VALUE_NULL, "null" },
  };
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_JSON, json, -1);

  g_assert_false (byline_front_matter_is_read_only (fm, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_auto(GStrv) path = split_path (sets[i].path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = byline_front_matter_set_scalar (fm, (const char * const *) path, sets[i].value,
                                                              sets[i].type, &error);
      g_autofree char *member = NULL;

      g_test_message ("%s = %s", sets[i].path, sets[i].value);
      g_assert_no_error (error);
      member = json_member (text, sets[i].path);
      g_assert_cmpstr (member, ==, sets[i].expect);
      /* the rest is untouched: the lines before and after the edited one */
      if (strchr (sets[i].path, '.') == NULL && strcmp (sets[i].path, "title") == 0)
        g_assert_true (g_str_has_suffix (text, strstr (json, "  \"date\"")));
    }

  /* lists, adds, removes, renames, moves: JSON json-glib reads */
  {
    static const char * const tags[] = { "tags", NULL };
    static const char * const title[] = { "title", NULL };
    static const char * const params[] = { "params", NULL };
    static const char * const items[] = { "a", "c", NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *list = byline_front_matter_set_list (fm, tags, items, &error);
    g_autofree char *added = NULL, *removed = NULL, *renamed = NULL, *moved = NULL, *group = NULL;
    g_autofree char *member = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (list, "  \"tags\": [\"a\", \"c\"],\r\n"));
    added = byline_front_matter_add_entry (fm, NULL, "summary", "Short", BYLINE_VALUE_STRING, "title", &error);
    g_assert_no_error (error);
    /* on a line of its own, indented as the others */
    g_assert_nonnull (strstr (added, "  \"title\": \"JSON post\",\r\n  \"summary\": \"Short\",\r\n  \"date\""));
    member = json_member (added, "summary");
    g_assert_cmpstr (member, ==, "\"Short\"");
    g_clear_pointer (&member, g_free);
    group = byline_front_matter_add_entry (fm, params, "when", "2025-02-13T10:00:00Z", BYLINE_VALUE_DATETIME,
                                           NULL, &error);
    g_assert_no_error (error);
    member = json_member (group, "params.when");
    g_assert_cmpstr (member, ==, "\"2025-02-13T10:00:00Z\"");
    g_clear_pointer (&member, g_free);
    removed = byline_front_matter_remove (fm, title, &error);
    g_assert_no_error (error);
    g_assert_null (json_member (removed, "title"));
    g_assert_true (g_str_has_prefix (removed, "{\r\n  \"date\""));
    renamed = byline_front_matter_rename_key (fm, title, "Title", &error);
    g_assert_no_error (error);
    member = json_member (renamed, "Title");
    g_assert_cmpstr (member, ==, "\"JSON post\"");
    g_clear_pointer (&member, g_free);
    moved = byline_front_matter_move (fm, title, 2, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (moved, "{\r\n  \"date\": \"2013-07-01T10:00:00Z\",\r\n  \"draft\": false,\r\n  \"title\""));
    member = json_member (moved, "weight");
    g_assert_cmpstr (member, ==, "5");
  }
}

/* A flow list written one item per line stays so when its items change,
 * in YAML and in JSON (where that is the usual way). */
static void
test_flow_list_lines (void)
{
  static const char yaml[] = "tags: [\n    one,\n    two\n  ]\ntitle: T\n";
  static const char json[] = "{\r\n  \"tags\": [\r\n    \"one\",\r\n    \"two\"\r\n  ],\r\n  \"title\": \"T\"\r\n}";
  static const char * const tags[] = { "tags", NULL };
  static const char * const items[] = { "one", "three", "four", NULL };
  g_autoptr(BylineFrontMatter) y = byline_front_matter_new (BYLINE_FORMAT_YAML, yaml, -1);
  g_autoptr(BylineFrontMatter) j = byline_front_matter_new (BYLINE_FORMAT_JSON, json, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *y2 = byline_front_matter_set_list (y, tags, items, &error);
  g_autofree char *j2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (y2, ==, "tags: [\n    one,\n    three,\n    four\n  ]\ntitle: T\n");
  j2 = byline_front_matter_set_list (j, tags, items, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (j2, ==, "{\r\n  \"tags\": [\r\n    \"one\",\r\n    \"three\",\r\n    \"four\"\r\n  ],\r\n"
                           "  \"title\": \"T\"\r\n}");
}

/* JSON that YAML reads differently is not edited: it says why. */
static void
test_json_read_only (void)
{
  static const char * const texts[] = {
    "{\"a\": 1e3}",                 /* a number to JSON, a string to YAML 1.1 */
    "{\"a\": 1.50}",                /* the same number, written differently */
    "{\"a\": 1, \"a\": 2}",         /* duplicate keys */
    "{\"a\": \"\\ud83d\\ude00\"}",   /* a surrogate pair */
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_JSON, texts[i], -1);
      static const char * const a[] = { "a", NULL };
      g_autoptr(GError) error = NULL;
      const char *reason = NULL;

      g_test_message ("%s", texts[i]);
      g_assert_true (byline_front_matter_is_valid (fm));
      g_assert_true (byline_front_matter_is_read_only (fm, &reason));
      g_assert_nonnull (reason);
      g_assert_null (byline_front_matter_set_scalar (fm, a, "2", BYLINE_VALUE_INT, &error));
      g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
      g_assert_false (byline_front_matter_can_add_entry (fm, NULL));
    }
}

static void
test_json_invalid (void)
{
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_JSON, "{\n  \"a\": ,\n}", -1);
  guint line = 0, column = 0;

  g_assert_false (byline_front_matter_is_valid (fm));
  g_assert_error ((GError *) byline_front_matter_get_error (fm), BYLINE_FRONT_MATTER_ERROR,
                  BYLINE_FRONT_MATTER_ERROR_INVALID);
  byline_front_matter_get_error_position (fm, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, >=, 1);
}

static void
test_toml (void)
{
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, "title = \"x\"\n", -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) path = split_path ("title");
  gsize len = 0;
  char *text;

  g_assert_true (byline_front_matter_is_valid (fm));
  /* TOML is edited (tests/core/test-toml-edit.c has the details) */
  g_assert_false (byline_front_matter_is_read_only (fm, NULL));
  g_assert_nonnull (byline_front_matter_get_root (fm));
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup (fm, (const char * const *) path)), ==, "x");
  g_assert_cmpstr (byline_front_matter_get_text (fm, &len), ==, "title = \"x\"\n");
  g_assert_cmpuint (len, ==, 12);

  text = byline_front_matter_set_scalar (fm, (const char * const *) path, "y", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "title = \"y\"\n");
  g_free (text);
  text = byline_front_matter_add_entry (fm, NULL, "k", "v", BYLINE_VALUE_STRING, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "title = \"x\"\nk = \"v\"\n");
  g_free (text);
  /* what TOML edits don't do yet */
  text = byline_front_matter_add_entry (fm, NULL, "group", NULL, BYLINE_VALUE_MAPPING, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED);
}

/* TOML is read with toml++ (never edited): fields in the order of the text,
 * typed like JSON's, dates recognised; invalid TOML says where. */
static void
test_toml_model (void)
{
  static const char text[] =
    "title = \"Über TOML\"\n"
    "date = 2025-02-13T01:55:25+05:30\n"
    "day = 2025-02-13\n"
    "draft = true\n"
    "weight = 3\n"
    "ratio = 1.5\n"
    "tags = [\"b\", \"a\"]\n"
    "[params]\n"
    "zeta = \"z\"\n"
    "alpha = \"a\"\n";
  static const struct { const char *key; BylineValueType type; const char *scalar; } fields[] = {
    { "title", BYLINE_VALUE_STRING, "Über TOML" },
    { "date", BYLINE_VALUE_DATETIME, "2025-02-13T01:55:25+05:30" },
    { "day", BYLINE_VALUE_DATE, "2025-02-13" },
    { "draft", BYLINE_VALUE_BOOL, NULL },
    { "weight", BYLINE_VALUE_INT, NULL },
    { "ratio", BYLINE_VALUE_FLOAT, NULL },
    { "tags", BYLINE_VALUE_SEQUENCE, NULL },
    { "params", BYLINE_VALUE_MAPPING, NULL },
  };
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_TOML, text, -1);
  g_autoptr(BylineFrontMatter) bad = byline_front_matter_new (BYLINE_FORMAT_TOML,
                                                              "title = \"ok\"\ntags = [1,\n", -1);
  BylineNode *root = byline_front_matter_get_root (fm);
  BylineNode *params;
  guint line = 0, column = 0;

  g_assert_true (byline_front_matter_is_valid (fm));
  g_assert_nonnull (root);
  g_assert_cmpuint (byline_node_get_n_children (root), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      BylineNode *node = byline_node_get_child (root, i);

      g_assert_cmpstr (byline_node_get_key (node), ==, fields[i].key);
      g_assert_cmpint (byline_node_get_value_type (node), ==, fields[i].type);
      if (fields[i].scalar != NULL)
        g_assert_cmpstr (byline_node_get_scalar (node), ==, fields[i].scalar);
    }
  params = byline_node_get_child (root, 7);
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (params, 0)), ==, "zeta");
  g_assert_cmpstr (byline_node_get_key (byline_node_get_child (params, 1)), ==, "alpha");

  g_assert_false (byline_front_matter_is_valid (bad));
  g_assert_null (byline_front_matter_get_root (bad));
  g_assert_error ((GError *) byline_front_matter_get_error (bad), BYLINE_FRONT_MATTER_ERROR,
                  BYLINE_FRONT_MATTER_ERROR_INVALID);
  byline_front_matter_get_error_position (bad, &line, &column);
  g_assert_cmpuint (line, >=, 2);
}

/* An empty block in a CR LF file gets CR LF lines. */
static void
test_newline_for_new_lines (void)
{
  static const char * const path[] = { "title", NULL };
  g_autoptr(BylineFrontMatter) crlf = byline_front_matter_new_with_newline (BYLINE_FORMAT_YAML, "", 0,
                                                                            BYLINE_NEWLINE_CRLF);
  g_autoptr(BylineFrontMatter) lf = byline_front_matter_new_with_newline (BYLINE_FORMAT_YAML, "", 0,
                                                                          BYLINE_NEWLINE_LF);
  g_autoptr(BylineFrontMatter) own = byline_front_matter_new_with_newline (BYLINE_FORMAT_YAML, "a: 1\n", -1,
                                                                           BYLINE_NEWLINE_CRLF);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  a = byline_front_matter_set_scalar (crlf, path, "Hello", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "title: Hello\r\n");
  b = byline_front_matter_set_scalar (lf, path, "Hello", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "title: Hello\n");
  /* the text's own line breaks win */
  c = byline_front_matter_set_scalar (own, path, "Hello", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c, ==, "a: 1\ntitle: Hello\n");
}

static void
test_value_type_strings (void)
{
  static const struct { BylineValueType type; const char *name; } names[] = {
    { BYLINE_VALUE_NULL, "null" }, { BYLINE_VALUE_BOOL, "bool" }, { BYLINE_VALUE_INT, "int" },
    { BYLINE_VALUE_FLOAT, "float" }, { BYLINE_VALUE_DATE, "date" }, { BYLINE_VALUE_DATETIME, "datetime" },
    { BYLINE_VALUE_STRING, "string" }, { BYLINE_VALUE_TEXT, "text" }, { BYLINE_VALUE_SEQUENCE, "list" },
    { BYLINE_VALUE_MAPPING, "mapping" },
  };
  BylineValueType type;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (byline_value_type_to_string (names[i].type), ==, names[i].name);
      g_assert_true (byline_value_type_from_string (names[i].name, &type));
      g_assert_cmpint (type, ==, names[i].type);
    }
  g_assert_false (byline_value_type_from_string ("banana", &type));
}

static void
test_boxed (void)
{
  g_autoptr(BylineFrontMatter) fm = parse ("a: 1\n");
  BylineFrontMatter *copy;

  g_assert_true (G_TYPE_IS_BOXED (BYLINE_TYPE_FRONT_MATTER));
  copy = g_boxed_copy (BYLINE_TYPE_FRONT_MATTER, fm);
  g_assert_true (copy == fm);
  g_boxed_free (BYLINE_TYPE_FRONT_MATTER, copy);
  g_assert_true (byline_front_matter_is_valid (fm));
  g_assert_true (byline_front_matter_error_quark () == BYLINE_FRONT_MATTER_ERROR);
}

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum {
  OP_SET,      /* path, value, type */
  OP_LIST,     /* path, value = items separated by '|', NULL for none */
  OP_APPEND,   /* path, value, type */
  OP_ADD,      /* path = parent, key, value, type, after */
  OP_REMOVE,   /* path */
  OP_RENAME,   /* path, key = new key */
  OP_MOVE,     /* path, index */
} Op;

typedef struct
{
  const char      *name;
  const char      *input;
  Op               op;
  const char      *path;
  const char      *value;
  BylineValueType  type;
  const char      *key;
  const char      *after;
  guint            index;
  const char      *expected;   /* NULL: an error */
  int              error;
} EditCase;

#define S BYLINE_VALUE_STRING

static const EditCase edit_cases[] = {
  /* plain scalars */
  { "plain stays plain", "title: old\n", OP_SET, "title", "new words", S, NULL, NULL, 0, "title: new words\n", 0 },
  { "plain needs quotes for ': '", "title: old\n", OP_SET, "title", "A: \"new\" #1", S, NULL, NULL, 0, "title: \"A: \\\"new\\\" #1\"\n", 0 },
  { "plain with # inside", "title: old\n", OP_SET, "title", "C#", S, NULL, NULL, 0, "title: C#\n", 0 },
  { "double quotes escape what they must", "title: \"old\"\n", OP_SET, "title",
    "a\x01" "b\x7f" "c\xc2\x80\xc2\x9f\xc2\xa0é\xc2\x85\xe2\x80\xa8\xe2\x80\xa9\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbd中😀\"\\\t\r",
    S, NULL, NULL, 0,
    "title: \"a\\x01b\\x7Fc\\x80\\x9F\xc2\xa0é\\N\\L\\P\\uFEFF\\uFFFE\xef\xbf\xbd中😀\\\"\\\\\\t\\r\"\n", 0 },
  /* set_scalar sets scalars, whether or not the field is there yet */
  { "set a list as a scalar", "tags: [a]\n", OP_SET, "tags", "b", BYLINE_VALUE_SEQUENCE, NULL, NULL, 0, NULL,
    BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "set a missing list as a scalar", "a: 1\n", OP_SET, "tags", "b", BYLINE_VALUE_SEQUENCE, NULL, NULL, 0, NULL,
    BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "set a missing group as a scalar", "a: 1\n", OP_SET, "params", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL,
    BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "plain several lines", "title: old\n", OP_SET, "title", "one\ntwo", S, NULL, NULL, 0, "title: \"one\\ntwo\"\n", 0 },
  { "plain empty string", "title: old\n", OP_SET, "title", "", S, NULL, NULL, 0, "title: \"\"\n", 0 },
  { "plain keeps comment", "title: old # note\nb: 1\n", OP_SET, "title", "new", S, NULL, NULL, 0, "title: new # note\nb: 1\n", 0 },
  { "tab before comment", "weight: 120\t#x\n", OP_SET, "weight", "7", BYLINE_VALUE_INT, NULL, NULL, 0, "weight: 7\t#x\n", 0 },
  { "non-ASCII before", "a: é中文😀\ntitle: old\nz: ü\n", OP_SET, "title", "ñew", S, NULL, NULL, 0, "a: é中文😀\ntitle: ñew\nz: ü\n", 0 },
  { "non-ASCII in the same line", "title: 中文 old # ü\n", OP_SET, "title", "日本語", S, NULL, NULL, 0, "title: 日本語 # ü\n", 0 },
  { "crlf", "a: 1\r\ntitle: old\r\nb: 2\r\n", OP_SET, "title", "new", S, NULL, NULL, 0, "a: 1\r\ntitle: new\r\nb: 2\r\n", 0 },
  { "bom in text", "\xEF\xBB\xBF" "a: é\ntitle: old\n", OP_SET, "title", "new", S, NULL, NULL, 0, "\xEF\xBB\xBF" "a: é\ntitle: new\n", 0 },
  { "no final newline", "a: 1\ntitle: old", OP_SET, "title", "new", S, NULL, NULL, 0, "a: 1\ntitle: new", 0 },
  { "multi-line plain", "title: one\n  two\nb: 1\n", OP_SET, "title", "three", S, NULL, NULL, 0, "title: three\nb: 1\n", 0 },
  { "same value is no change", "title:   same   # c\n", OP_SET, "title", "same", S, NULL, NULL, 0, "title:   same   # c\n", 0 },
  { "nbsp stays", "a: x\u00A0y\ntitle: old\n", OP_SET, "title", "n\u00A0w", S, NULL, NULL, 0, "a: x\u00A0y\ntitle: n\u00A0w\n", 0 },

  /* quoted scalars */
  { "single stays single", "t: 'old'\n", OP_SET, "t", "it's", S, NULL, NULL, 0, "t: 'it''s'\n", 0 },
  { "single for a bool word", "t: 'old'\n", OP_SET, "t", "yes", S, NULL, NULL, 0, "t: 'yes'\n", 0 },
  { "single with a newline", "t: 'old'\n", OP_SET, "t", "a\nb", S, NULL, NULL, 0, "t: \"a\\nb\"\n", 0 },
  { "double stays double", "t: \"old\"\n", OP_SET, "t", "plain", S, NULL, NULL, 0, "t: \"plain\"\n", 0 },
  { "double escapes", "t: \"old\"\n", OP_SET, "t", "a\"b\\c\td\x01", S, NULL, NULL, 0, "t: \"a\\\"b\\\\c\\td\\x01\"\n", 0 },
  { "multi-line double", "t: \"one\n  two\"\nb: 1\n", OP_SET, "t", "x", S, NULL, NULL, 0, "t: \"x\"\nb: 1\n", 0 },

  /* other types */
  { "bool true/false", "draft: true\n", OP_SET, "draft", "false", BYLINE_VALUE_BOOL, NULL, NULL, 0, "draft: false\n", 0 },
  { "bool keeps case", "draft: True\n", OP_SET, "draft", "false", BYLINE_VALUE_BOOL, NULL, NULL, 0, "draft: False\n", 0 },
  { "bool yes/no", "draft: yes\n", OP_SET, "draft", "false", BYLINE_VALUE_BOOL, NULL, NULL, 0, "draft: no\n", 0 },
  { "bool On/Off", "draft: Off\n", OP_SET, "draft", "true", BYLINE_VALUE_BOOL, NULL, NULL, 0, "draft: On\n", 0 },
  { "bool into a string", "draft: \"false\"\n", OP_SET, "draft", "true", BYLINE_VALUE_BOOL, NULL, NULL, 0, "draft: true\n", 0 },
  { "string true into a bool", "draft: false\n", OP_SET, "draft", "true", S, NULL, NULL, 0, "draft: \"true\"\n", 0 },
  { "bad bool", "draft: false\n", OP_SET, "draft", "maybe", BYLINE_VALUE_BOOL, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "int", "weight: 10\n", OP_SET, "weight", "-25", BYLINE_VALUE_INT, NULL, NULL, 0, "weight: -25\n", 0 },
  { "int is canonical", "weight: 10\n", OP_SET, "weight", "+007", BYLINE_VALUE_INT, NULL, NULL, 0, "weight: 7\n", 0 },
  { "int quoted before", "weight: \"10\"\n", OP_SET, "weight", "11", BYLINE_VALUE_INT, NULL, NULL, 0, "weight: 11\n", 0 },
  { "string number stays quoted", "v: \"10\"\n", OP_SET, "v", "11", S, NULL, NULL, 0, "v: \"11\"\n", 0 },
  { "string number in plain", "v: ten\n", OP_SET, "v", "11", S, NULL, NULL, 0, "v: \"11\"\n", 0 },
  { "bad int", "weight: 10\n", OP_SET, "weight", "ten", BYLINE_VALUE_INT, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "float", "f: 1.5\n", OP_SET, "f", "2.25", BYLINE_VALUE_FLOAT, NULL, NULL, 0, "f: 2.25\n", 0 },
  { "float from an integer", "f: 1.5\n", OP_SET, "f", "3", BYLINE_VALUE_FLOAT, NULL, NULL, 0, "f: 3.0\n", 0 },
  { "float with exponent", "f: 1.5\n", OP_SET, "f", "1e30", BYLINE_VALUE_FLOAT, NULL, NULL, 0, "f: 1.0e+30\n", 0 },
  { "null to a value", "d:\nb: 1\n", OP_SET, "d", "x", S, NULL, NULL, 0, "d: x\nb: 1\n", 0 },
  { "null with comment", "d:   # c\nb: 1\n", OP_SET, "d", "x", S, NULL, NULL, 0, "d: x # c\nb: 1\n", 0 },
  { "null with spaces", "d:   \nb: 1\n", OP_SET, "d", "x", S, NULL, NULL, 0, "d: x\nb: 1\n", 0 },
  { "to null", "d: x # c\nb: 1\n", OP_SET, "d", NULL, BYLINE_VALUE_NULL, NULL, NULL, 0, "d: # c\nb: 1\n", 0 },
  { "to null at line end", "d: x\nb: 1\n", OP_SET, "d", NULL, BYLINE_VALUE_NULL, NULL, NULL, 0, "d:\nb: 1\n", 0 },
  { "tilde stays", "d: ~\n", OP_SET, "d", NULL, BYLINE_VALUE_NULL, NULL, NULL, 0, "d: ~\n", 0 },
  { "null in flow", "d: {a: 1}\n", OP_SET, "d.a", NULL, BYLINE_VALUE_NULL, NULL, NULL, 0, "d: {a: null}\n", 0 },

  /* dates */
  { "date", "date: 2025-02-13\n", OP_SET, "date", "2025-03-01", BYLINE_VALUE_DATE, NULL, NULL, 0, "date: 2025-03-01\n", 0 },
  { "date keeps quotes", "date: \"2025-02-13\"\n", OP_SET, "date", "2025-03-01", BYLINE_VALUE_DATE, NULL, NULL, 0, "date: \"2025-03-01\"\n", 0 },
  { "date keeps single quotes", "date: '2025-02-13'\n", OP_SET, "date", "2025-03-01", BYLINE_VALUE_DATE, NULL, NULL, 0, "date: '2025-03-01'\n", 0 },
  { "datetime keeps shape", "date: \"2025-02-13 01:55:25\"\n", OP_SET, "date", "2025-03-01T10:20:30+05:30", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: \"2025-03-01 10:20:30\"\n", 0 },
  { "datetime keeps zone form", "date: 2025-02-13T01:55:25+05:30\n", OP_SET, "date", "2025-03-01T10:20:30-08:00", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01T10:20:30-08:00\n", 0 },
  { "datetime Z", "date: 2025-02-13T01:55:25Z\n", OP_SET, "date", "2025-03-01T10:20:30Z", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01T10:20:30Z\n", 0 },
  { "datetime keeps node zone", "date: 2025-02-13T01:55:25+05:30\n", OP_SET, "date", "2025-03-01T10:20:30", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01T10:20:30+05:30\n", 0 },
  { "datetime fraction", "date: 2025-02-13T01:55:25.000Z\n", OP_SET, "date", "2025-03-01T10:20:30Z", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01T10:20:30.000Z\n", 0 },
  { "date into datetime", "date: 2025-02-13T01:55:25+05:30\n", OP_SET, "date", "2025-03-01", BYLINE_VALUE_DATE, NULL, NULL, 0, "date: 2025-03-01T00:00:00+05:30\n", 0 },
  { "midnight into date", "date: 2025-02-13\n", OP_SET, "date", "2025-03-01T00:00:00", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01\n", 0 },
  { "time into date", "date: 2025-02-13\n", OP_SET, "date", "2025-03-01T10:00:00Z", BYLINE_VALUE_DATETIME, NULL, NULL, 0, "date: 2025-03-01T10:00:00Z\n", 0 },
  { "date into string", "date: soon\n", OP_SET, "date", "2025-03-01", BYLINE_VALUE_DATE, NULL, NULL, 0, "date: 2025-03-01\n", 0 },
  { "date as string", "date: \"2025-02-13\"\n", OP_SET, "date", "2025-03-01", S, NULL, NULL, 0, "date: \"2025-03-01\"\n", 0 },
  { "date as plain string", "date: soon\n", OP_SET, "date", "2025-03-01", S, NULL, NULL, 0, "date: \"2025-03-01\"\n", 0 },
  { "bad date", "date: 2025-02-13\n", OP_SET, "date", "13/02/2025", BYLINE_VALUE_DATE, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "impossible date", "date: 2025-02-13\n", OP_SET, "date", "2025-02-30", BYLINE_VALUE_DATE, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },

  /* block scalars */
  { "literal", "s: |\n  one\n  two\nb: 1\n", OP_SET, "s", "three\nfour\n", S, NULL, NULL, 0, "s: |\n  three\n  four\nb: 1\n", 0 },
  { "literal keeps indentation", "s: |\n    one\nb: 1\n", OP_SET, "s", "x\n", S, NULL, NULL, 0, "s: |\n    x\nb: 1\n", 0 },
  { "literal keeps blank lines after", "s: |\n  one\n\nb: 1\n", OP_SET, "s", "x\n", S, NULL, NULL, 0, "s: |\n  x\n\nb: 1\n", 0 },
  { "literal header comment", "s: | # c\n  one\nb: 1\n", OP_SET, "s", "x\n", S, NULL, NULL, 0, "s: | # c\n  x\nb: 1\n", 0 },
  { "literal chomping follows", "s: |\n  one\nb: 1\n", OP_SET, "s", "x", S, NULL, NULL, 0, "s: |-\n  x\nb: 1\n", 0 },
  { "literal strip to clip", "s: |-\n  one\nb: 1\n", OP_SET, "s", "x\n", S, NULL, NULL, 0, "s: |\n  x\nb: 1\n", 0 },
  { "literal keep", "s: |+\n  one\n\nb: 1\n", OP_SET, "s", "x\n\n", S, NULL, NULL, 0, "s: |+\n  x\n\nb: 1\n", 0 },
  { "literal with ---", "s: |\n  one\nb: 1\n", OP_SET, "s", "a\n---\nb\n", S, NULL, NULL, 0, "s: |\n  a\n  ---\n  b\nb: 1\n", 0 },
  { "literal leading space falls back", "s: |\n  one\nb: 1\n", OP_SET, "s", " x\n", S, NULL, NULL, 0, "s: \" x\\n\"\nb: 1\n", 0 },
  { "literal nested", "p:\n  s: |\n    one\n  j: 2\n", OP_SET, "p.s", "two\n", S, NULL, NULL, 0, "p:\n  s: |\n    two\n  j: 2\n", 0 },
  { "literal crlf", "s: |\r\n  one\r\nb: 1\r\n", OP_SET, "s", "x\ny\n", S, NULL, NULL, 0, "s: |\r\n  x\r\n  y\r\nb: 1\r\n", 0 },
  { "literal at the end", "s: |\n  one", OP_SET, "s", "x", S, NULL, NULL, 0, "s: |-\n  x\n", 0 },
  { "folded", "s: >\n  one\n  two\nb: 1\n", OP_SET, "s", "three four\n", S, NULL, NULL, 0, "s: >\n  three four\nb: 1\n", 0 },
  { "folded with a line break", "s: >-\n  one\nb: 1\n", OP_SET, "s", "a\nb", S, NULL, NULL, 0, "s: >-\n  a\n\n  b\nb: 1\n", 0 },
  { "folded with a blank line", "s: >\n  one\nb: 1\n", OP_SET, "s", "a\n\nb\n", S, NULL, NULL, 0, "s: >\n  a\n\n\n  b\nb: 1\n", 0 },
  { "--- in a block scalar", "s: |\n  ---\n  x\nb: old\n", OP_SET, "b", "new", S, NULL, NULL, 0, "s: |\n  ---\n  x\nb: new\n", 0 },
  { "block scalar to a number", "s: |\n  one\nb: 1\n", OP_SET, "s", "5", BYLINE_VALUE_INT, NULL, NULL, 0, "s: 5\nb: 1\n", 0 },

  { "literal with indentation indicator", "s: |2\n   x\nb: 1\n", OP_SET, "s", " y\n", S, NULL, NULL, 0, "s: |2\n   y\nb: 1\n", 0 },
  { "literal in a list", "l:\n  - |\n    one\n  - two\n", OP_SET, "l.0", "x\ny\n", S, NULL, NULL, 0, "l:\n  - |\n    x\n    y\n  - two\n", 0 },
  { "flow list to a scalar", "tags: [a, b] # c\n", OP_SET, "tags", "x", S, NULL, NULL, 0, "tags: x # c\n", 0 },
  { "block mapping to a scalar", "p:\n  a: 1\nz: 1\n", OP_SET, "p", "x", S, NULL, NULL, 0, "p: x\nz: 1\n", 0 },
  { "block list to null", "t:\n  - a\nz: 1\n", OP_SET, "t", NULL, BYLINE_VALUE_NULL, NULL, NULL, 0, "t:\nz: 1\n", 0 },
  { "root is no scalar", "a: 1\n", OP_SET, "", "x", S, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  { "list as a scalar", "a: 1\n", OP_SET, "a", NULL, BYLINE_VALUE_SEQUENCE, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },

  /* nested */
  { "nested", "params:\n  author: Me\n  x: 1\n", OP_SET, "params.author", "You", S, NULL, NULL, 0, "params:\n  author: You\n  x: 1\n", 0 },
  { "nested in a list", "menu:\n  main:\n    - name: Home\n      weight: 1\n", OP_SET, "menu.main.0.weight", "2", BYLINE_VALUE_INT, NULL, NULL, 0, "menu:\n  main:\n    - name: Home\n      weight: 2\n", 0 },
  { "nested flow", "p: {a: 1, b: x}\n", OP_SET, "p.b", "y, z", S, NULL, NULL, 0, "p: {a: 1, b: \"y, z\"}\n", 0 },
  { "item of a flow list", "t: [a, b]\n", OP_SET, "t.1", "c", S, NULL, NULL, 0, "t: [a, c]\n", 0 },
  { "item of a block list", "t:\n  - a\n  - b # c\n", OP_SET, "t.1", "z", S, NULL, NULL, 0, "t:\n  - a\n  - z # c\n", 0 },
  { "new nested entry", "params:\n  author: Me\nz: 1\n", OP_SET, "params.email", "me@example.com", S, NULL, NULL, 0, "params:\n  author: Me\n  email: me@example.com\nz: 1\n", 0 },
  { "missing parent", "a: 1\n", OP_SET, "params.author", "x", S, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND },
  { "new top-level entry", "a: 1\n", OP_SET, "b", "two", S, NULL, NULL, 0, "a: 1\nb: two\n", 0 },

  /* lists */
  { "flow list", "tags: [a, b]\n", OP_LIST, "tags", "a|b|c", S, NULL, NULL, 0, "tags: [a, b, c]\n", 0 },
  { "flow list keeps quotes", "tags: [\"a\", \"b\"]\n", OP_LIST, "tags", "a|c", S, NULL, NULL, 0, "tags: [\"a\", \"c\"]\n", 0 },
  { "flow list keeps spacing", "tags: [ a,b ] # c\n", OP_LIST, "tags", "b|a|x y", S, NULL, NULL, 0, "tags: [ b,a,x y ] # c\n", 0 },
  { "flow list needs quotes", "tags: [a]\n", OP_LIST, "tags", "a|b, c|[d]|e: f", S, NULL, NULL, 0, "tags: [a, \"b, c\", \"[d]\", \"e: f\"]\n", 0 },
  { "flow list emptied", "tags: [a, b]\n", OP_LIST, "tags", NULL, S, NULL, NULL, 0, "tags: []\n", 0 },
  { "flow list filled", "tags: []\n", OP_LIST, "tags", "a|b", S, NULL, NULL, 0, "tags: [a, b]\n", 0 },
  { "block list", "tags:\n  - a\n  - b\nz: 1\n", OP_LIST, "tags", "a|c", S, NULL, NULL, 0, "tags:\n  - a\n  - c\nz: 1\n", 0 },
  { "block list grows", "tags:\n  - \"a\"\nz: 1\n", OP_LIST, "tags", "a|b|c", S, NULL, NULL, 0, "tags:\n  - \"a\"\n  - \"b\"\n  - \"c\"\nz: 1\n", 0 },
  { "block list keeps comments", "tags:\n  - a # one\n  # between\n  - b\n", OP_LIST, "tags", "a|b|c", S, NULL, NULL, 0, "tags:\n  - a # one\n  # between\n  - b\n  - c\n", 0 },
  { "indentless list", "tags:\n- a\n- b\nz: 1\n", OP_LIST, "tags", "x", S, NULL, NULL, 0, "tags:\n- x\nz: 1\n", 0 },
  { "block list emptied", "tags: # c\n  - a\n  - b\nz: 1\n", OP_LIST, "tags", NULL, S, NULL, NULL, 0, "tags: [] # c\nz: 1\n", 0 },
  { "block list crlf", "tags:\r\n  - a\r\n", OP_LIST, "tags", "a|b", S, NULL, NULL, 0, "tags:\r\n  - a\r\n  - b\r\n", 0 },
  { "list from null (block style around)", "tags:\ncats:\n  - x\n", OP_LIST, "tags", "a|b", S, NULL, NULL, 0, "tags:\n  - a\n  - b\ncats:\n  - x\n", 0 },
  { "list from null (flow style around)", "tags:\ncats: [x]\n", OP_LIST, "tags", "a|b", S, NULL, NULL, 0, "tags: [a, b]\ncats: [x]\n", 0 },
  { "list from a string", "tags: one # c\nz: 1\n", OP_LIST, "tags", "a|b", S, NULL, NULL, 0, "tags: # c\n  - a\n  - b\nz: 1\n", 0 },
  { "new list", "a: 1\n", OP_LIST, "tags", "x|y", S, NULL, NULL, 0, "a: 1\ntags:\n  - x\n  - \"y\"\n", 0 },
  { "new list, indentless around", "a:\n- 1\n", OP_LIST, "tags", "x", S, NULL, NULL, 0, "a:\n- 1\ntags:\n- x\n", 0 },
  { "append flow", "tags: [a, \"b\"]\n", OP_APPEND, "tags", "c", S, NULL, NULL, 0, "tags: [a, \"b\", \"c\"]\n", 0 },
  { "append flow empty", "tags: []\n", OP_APPEND, "tags", "c", S, NULL, NULL, 0, "tags: [c]\n", 0 },
  { "append block", "tags:\n  - a # c\nz: 1\n", OP_APPEND, "tags", "b", S, NULL, NULL, 0, "tags:\n  - a # c\n  - b\nz: 1\n", 0 },
  { "append block no final newline", "tags:\n  - a", OP_APPEND, "tags", "b", S, NULL, NULL, 0, "tags:\n  - a\n  - b", 0 },
  { "append a number", "n: [1, 2]\n", OP_APPEND, "n", "3", BYLINE_VALUE_INT, NULL, NULL, 0, "n: [1, 2, 3]\n", 0 },
  { "append to null", "tags:\nz: 1\n", OP_APPEND, "tags", "a", S, NULL, NULL, 0, "tags:\n  - a\nz: 1\n", 0 },
  { "append to missing", "z: 1\n", OP_APPEND, "tags", "a", S, NULL, NULL, 0, "z: 1\ntags:\n  - a\n", 0 },
  { "append to a string", "tags: x\n", OP_APPEND, "tags", "a", S, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
  /* appending a group to a list of groups: the last item's keys, empty values */
  { "append group", "resources:\n  - src: a.jpg\n    title: A\nz: 1\n", OP_APPEND, "resources", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "resources:\n  - src: a.jpg\n    title: A\n  - src: \"\"\n    title: \"\"\nz: 1\n", 0 },
  { "append group nested", "menu:\n  main:\n    - name: Home\n      url: /\n    - name: \"Blog\" # c\n      url: /blog/\n",
    OP_APPEND, "menu.main", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "menu:\n  main:\n    - name: Home\n      url: /\n    - name: \"Blog\" # c\n      url: /blog/\n    - name: \"\"\n      url: \"\"\n", 0 },
  { "append group unindented dash", "l:\n- k: v\n  'j k': [1]\n# end\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "l:\n- k: v\n  'j k': [1]\n- k: \"\"\n  'j k': \"\"\n# end\n", 0 },
  { "append group wide dash", "l:\n  -   k: v\n      j:\n        deep: 1\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "l:\n  -   k: v\n      j:\n        deep: 1\n  -   k: \"\"\n      j: \"\"\n", 0 },
  { "append group crlf", "l:\r\n  - k: v\r\n    j: w\r\nz: 1\r\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "l:\r\n  - k: v\r\n    j: w\r\n  - k: \"\"\r\n    j: \"\"\r\nz: 1\r\n", 0 },
  { "append group no final newline", "l:\n  - k: v", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "l:\n  - k: v\n  - k: \"\"", 0 },
  { "append group after text", "l:\n  - k: |\n      one\n    j: w\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0,
    "l:\n  - k: |\n      one\n    j: w\n  - k: \"\"\n    j: \"\"\n", 0 },
  { "append group flow", "l: [{a: 1}, {b: 2}]\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, "l: [{a: 1}, {b: 2}, {}]\n", 0 },
  { "append group flow own separator", "l: [{a: 1} ,  {b: 2}]\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, "l: [{a: 1} ,  {b: 2} ,  {}]\n", 0 },
  { "append group empty block list", "l: []\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group to null", "l:\nz: 1\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group to missing", "z: 1\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group to scalars", "l:\n  - a\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group to flow items", "l:\n  - {a: 1}\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group key below dash", "l:\n  -\n    k: v\n", OP_APPEND, "l", NULL, BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_UNSAFE },
  { "append group with a value", "l:\n  - k: v\n", OP_APPEND, "l", "x", BYLINE_VALUE_MAPPING, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },

  /* adding */
  { "add at end", "a: 1\nb: 2\n", OP_ADD, "", "x", S, "c", NULL, 0, "a: 1\nb: 2\nc: x\n", 0 },
  { "add after", "a: 1\nb: 2\n", OP_ADD, "", "x", S, "c", "a", 0, "a: 1\nc: x\nb: 2\n", 0 },
  { "add after a block", "a:\n  - 1\nb: 2\n", OP_ADD, "", "x", S, "c", "a", 0, "a:\n  - 1\nc: x\nb: 2\n", 0 },
  { "add crlf", "a: 1\r\n", OP_ADD, "", "x", S, "c", NULL, 0, "a: 1\r\nc: x\r\n", 0 },
  { "add no final newline", "a: 1", OP_ADD, "", "x", S, "c", NULL, 0, "a: 1\nc: x", 0 },
  { "add to empty", "", OP_ADD, "", "Hello", S, "title", NULL, 0, "title: Hello\n", 0 },
  { "add after comments", "a: 1\n# end\n", OP_ADD, "", "x", S, "c", NULL, 0, "a: 1\nc: x\n# end\n", 0 },
  { "add quotes like the others", "a: \"x\"\nb: \"y\"\n", OP_ADD, "", "z", S, "c", NULL, 0, "a: \"x\"\nb: \"y\"\nc: \"z\"\n", 0 },
  { "add nested", "p:\n  a: 1\nz: 2\n", OP_ADD, "p", "x", S, "b", NULL, 0, "p:\n  a: 1\n  b: x\nz: 2\n", 0 },
  { "add to flow", "p: {a: 1}\n", OP_ADD, "p", "x", S, "b", NULL, 0, "p: {a: 1, b: x}\n", 0 },
  { "add to empty flow", "p: {}\n", OP_ADD, "p", "x", S, "b", NULL, 0, "p: {b: x}\n", 0 },
  { "add bool", "a: 1\n", OP_ADD, "", "true", BYLINE_VALUE_BOOL, "draft", NULL, 0, "a: 1\ndraft: true\n", 0 },
  { "add date", "a: 1\n", OP_ADD, "", "2025-02-13T01:55:25+05:30", BYLINE_VALUE_DATETIME, "date", NULL, 0, "a: 1\ndate: 2025-02-13T01:55:25+05:30\n", 0 },
  { "add null", "a: 1\n", OP_ADD, "", NULL, BYLINE_VALUE_NULL, "nothing", NULL, 0, "a: 1\nnothing:\n", 0 },
  { "add key y", "a: 1\n", OP_ADD, "", NULL, BYLINE_VALUE_NULL, "y", NULL, 0, "a: 1\n\"y\":\n", 0 },
  { "add empty list", "a: 1\n", OP_ADD, "", NULL, BYLINE_VALUE_SEQUENCE, "tags", NULL, 0, "a: 1\ntags: []\n", 0 },
  { "add empty mapping", "a: 1\n", OP_ADD, "", NULL, BYLINE_VALUE_MAPPING, "params", NULL, 0, "a: 1\nparams: {}\n", 0 },
  { "add text", "a: 1\n", OP_ADD, "", "one\ntwo\n", BYLINE_VALUE_TEXT, "s", NULL, 0, "a: 1\ns: |\n  one\n  two\n", 0 },
  { "add key needing quotes", "a: 1\n", OP_ADD, "", "x", S, "a b: c", NULL, 0, "a: 1\n\"a b: c\": x\n", 0 },
  { "add after the first key of an item", "l:\n- k: v\n  j: w\n", OP_ADD, "l.0", "x", S, "new", "k", 0, "l:\n- k: v\n  new: x\n  j: w\n", 0 },
  { "add to an item", "l:\n- k: v\n  j: w\nz: 1\n", OP_ADD, "l.0", "x", S, "new", NULL, 0, "l:\n- k: v\n  j: w\n  new: x\nz: 1\n", 0 },
  { "add existing", "a: 1\n", OP_ADD, "", "x", S, "a", NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_EXISTS },
  { "add after missing", "a: 1\n", OP_ADD, "", "x", S, "b", "zz", 0, NULL, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND },
  { "add to a list", "a: [1]\n", OP_ADD, "a", "x", S, "b", NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },

  /* removing */
  { "remove", "a: 1\nb: 2 # c\nc: 3\n", OP_REMOVE, "b", NULL, S, NULL, NULL, 0, "a: 1\nc: 3\n", 0 },
  { "remove block", "a: 1\nb:\n  - x\n  - y\nc: 3\n", OP_REMOVE, "b", NULL, S, NULL, NULL, 0, "a: 1\nc: 3\n", 0 },
  { "remove block scalar keeps blank", "a: |\n  x\n\nc: 3\n", OP_REMOVE, "a", NULL, S, NULL, NULL, 0, "\nc: 3\n", 0 },
  { "remove last", "a: 1\nb: 2", OP_REMOVE, "b", NULL, S, NULL, NULL, 0, "a: 1", 0 },
  { "remove only", "a: 1\n", OP_REMOVE, "a", NULL, S, NULL, NULL, 0, "", 0 },
  { "remove nested", "p:\n  a: 1\n  b: 2\n", OP_REMOVE, "p.a", NULL, S, NULL, NULL, 0, "p:\n  b: 2\n", 0 },
  { "remove nested only", "p:\n  a: 1\nz: 1\n", OP_REMOVE, "p.a", NULL, S, NULL, NULL, 0, "p: {}\nz: 1\n", 0 },
  { "remove block item", "t:\n  - a\n  - b\n  - c\n", OP_REMOVE, "t.1", NULL, S, NULL, NULL, 0, "t:\n  - a\n  - c\n", 0 },
  { "remove only block item", "t:\n  - a\nz: 1\n", OP_REMOVE, "t.0", NULL, S, NULL, NULL, 0, "t: []\nz: 1\n", 0 },
  { "remove flow item", "t: [a, b, c]\n", OP_REMOVE, "t.1", NULL, S, NULL, NULL, 0, "t: [a, c]\n", 0 },
  { "remove last flow item", "t: [a, b]\n", OP_REMOVE, "t.1", NULL, S, NULL, NULL, 0, "t: [a]\n", 0 },
  { "remove only flow item", "t: [a]\n", OP_REMOVE, "t.0", NULL, S, NULL, NULL, 0, "t: []\n", 0 },
  { "remove flow entry", "p: {a: 1, b: 2}\n", OP_REMOVE, "p.a", NULL, S, NULL, NULL, 0, "p: {b: 2}\n", 0 },
  { "remove first key of item", "l:\n- k: v\n  j: w\n", OP_REMOVE, "l.0.k", NULL, S, NULL, NULL, 0, "l:\n- j: w\n", 0 },
  { "remove after a bom", "\xEF\xBB\xBF" "a: 1\nb: 2\n", OP_REMOVE, "a", NULL, S, NULL, NULL, 0, "\xEF\xBB\xBF" "b: 2\n", 0 },
  { "remove missing", "a: 1\n", OP_REMOVE, "b", NULL, S, NULL, NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND },
  { "remove crlf", "a: 1\r\nb: 2\r\n", OP_REMOVE, "a", NULL, S, NULL, NULL, 0, "b: 2\r\n", 0 },

  /* renaming */
  { "rename", "a: 1 # c\nb: 2\n", OP_RENAME, "a", NULL, S, "z", NULL, 0, "z: 1 # c\nb: 2\n", 0 },
  { "rename quoted", "\"a\": 1\n", OP_RENAME, "a", NULL, S, "z", NULL, 0, "\"z\": 1\n", 0 },
  { "rename needs quotes", "a: 1\n", OP_RENAME, "a", NULL, S, "true", NULL, 0, "\"true\": 1\n", 0 },
  { "rename block", "a:\n  - x\n", OP_RENAME, "a", NULL, S, "tags", NULL, 0, "tags:\n  - x\n", 0 },
  { "rename nested", "p:\n  a: 1\n", OP_RENAME, "p.a", NULL, S, "b", NULL, 0, "p:\n  b: 1\n", 0 },
  { "rename in flow", "p: {a: 1, b: 2}\n", OP_RENAME, "p.a", NULL, S, "c", NULL, 0, "p: {c: 1, b: 2}\n", 0 },
  { "rename single-quoted", "'a': 1\n", OP_RENAME, "a", NULL, S, "it's", NULL, 0, "'it''s': 1\n", 0 },
  { "rename to existing", "a: 1\nb: 2\n", OP_RENAME, "a", NULL, S, "b", NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_EXISTS },
  { "rename item", "t: [a]\n", OP_RENAME, "t.0", NULL, S, "b", NULL, 0, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },

  /* moving */
  { "move down", "a: 1\nb: 2\nc: 3\n", OP_MOVE, "a", NULL, S, NULL, NULL, 2, "b: 2\nc: 3\na: 1\n", 0 },
  { "move up", "a: 1\nb: 2\nc: 3\n", OP_MOVE, "c", NULL, S, NULL, NULL, 0, "c: 3\na: 1\nb: 2\n", 0 },
  { "move keeps gaps", "a: 1\n\n# c\nb:\n  - x\nc: 3\n", OP_MOVE, "b", NULL, S, NULL, NULL, 0, "b:\n  - x\n\n# c\na: 1\nc: 3\n", 0 },
  { "move flow", "t: [a, b, c]\n", OP_MOVE, "t.0", NULL, S, NULL, NULL, 1, "t: [b, a, c]\n", 0 },
  { "move block item", "t:\n  - a\n  - b\n", OP_MOVE, "t.1", NULL, S, NULL, NULL, 0, "t:\n  - b\n  - a\n", 0 },
  { "move last without newline", "a: 1\nb: 2", OP_MOVE, "b", NULL, S, NULL, NULL, 0, "b: 2\na: 1\n", 0 },
  { "move out of range", "a: 1\nb: 2\n", OP_MOVE, "a", NULL, S, NULL, NULL, 5, NULL, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE },
};

static char *
run_edit (BylineFrontMatter  *fm,
          const EditCase     *c,
          GError            **error)
{
  g_auto(GStrv) path = split_path (c->path);

  switch (c->op)
    {
    case OP_SET:
      return byline_front_matter_set_scalar (fm, (const char * const *) path, c->value, c->type, error);
    case OP_LIST:
      {
        g_auto(GStrv) items = c->value != NULL ? g_strsplit (c->value, "|", -1) : g_new0 (char *, 1);
        return byline_front_matter_set_list (fm, (const char * const *) path, (const char * const *) items, error);
      }
    case OP_APPEND:
      return byline_front_matter_append_item (fm, (const char * const *) path, c->value, c->type, error);
    case OP_ADD:
      return byline_front_matter_add_entry (fm, (const char * const *) path, c->key, c->value, c->type,
                                            c->after, error);
    case OP_REMOVE:
      return byline_front_matter_remove (fm, (const char * const *) path, error);
    case OP_RENAME:
      return byline_front_matter_rename_key (fm, (const char * const *) path, c->key, error);
    case OP_MOVE:
      return byline_front_matter_move (fm, (const char * const *) path, c->index, error);
    default:
      g_assert_not_reached ();
    }
}

static void
test_edits (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      const EditCase *c = &edit_cases[i];
      g_autoptr(BylineFrontMatter) fm = parse (c->input);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("edit: %s", c->name);
      g_assert_true (byline_front_matter_is_valid (fm));
      text = run_edit (fm, c, &error);
      if (c->expected == NULL)
        {
          g_assert_null (text);
          g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, c->error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, c->expected);

      /* the result parses, and is itself editable */
      {
        g_autoptr(BylineFrontMatter) again = parse (text);
        g_assert_true (byline_front_matter_is_valid (again));
        g_assert_false (byline_front_matter_is_read_only (again, NULL));
      }

      /* an appended group reads back as a group of empty strings */
      if (c->op == OP_APPEND && c->type == BYLINE_VALUE_MAPPING)
        {
          g_autoptr(BylineFrontMatter) again = parse (text);
          g_auto(GStrv) path = split_path (c->path);
          BylineNode *list = byline_front_matter_lookup (again, (const char * const *) path);
          BylineNode *old_list = byline_front_matter_lookup (fm, (const char * const *) path);
          guint n = byline_node_get_n_children (old_list);
          BylineNode *added;

          g_assert_cmpuint (byline_node_get_n_children (list), ==, n + 1);
          added = byline_node_get_child (list, n);
          g_assert_cmpint (byline_node_get_value_type (added), ==, BYLINE_VALUE_MAPPING);
          for (guint k = 0; k < byline_node_get_n_children (added); k++)
            {
              BylineNode *field = byline_node_get_child (added, k);

              g_assert_cmpstr (byline_node_get_key (field), ==,
                               byline_node_get_key (byline_node_get_child (byline_node_get_child (old_list, n - 1), k)));
              g_assert_cmpint (byline_node_get_value_type (field), ==, BYLINE_VALUE_STRING);
              g_assert_cmpstr (byline_node_get_scalar (field), ==, "");
            }
        }

      /* what was set reads back */
      if (c->op == OP_SET && c->type == BYLINE_VALUE_STRING)
        {
          g_autoptr(BylineFrontMatter) again = parse (text);
          g_auto(GStrv) path = split_path (c->path);
          BylineNode *node = byline_front_matter_lookup (again, (const char * const *) path);

          g_assert_nonnull (node);
          g_assert_cmpstr (byline_node_get_scalar (node), ==, c->value);
        }
    }
}

/* A plain scalar written with each of these must become a quoted one. */
static void
test_plain_quoting (void)
{
  static const char * const need_quotes[] = {
    "true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "",
    "123", "-1", "+1", "0x1F", "0o17", "1_000", "3.14", "1e3", ".5", ".inf", "-.Inf", ".NaN", "nan", "inf",
    "12:30", "2025-02-13", "2025-02-13 01:55:25", "2025-02-13T01:55:25+05:30", "1.2.3",
    " lead", "trail ", "a: b", "a b:", "x #y", "a\nb", "tab\there",
    "- x", "-x", "?x", ":x", ",x", "[x", "]x", "{x", "}x", "#x", "&x", "*x", "!x", "|x", ">x",
    "'x", "\"x", "%x", "@x", "`x", "...", "---", "<<", "=",
    "\xC2\x85", "a\xE2\x80\xA8" "b", "\xEF\xBB\xBFx", "bell\x07",
  };
  static const char * const stay_plain[] = {
    "hello", "Hello World", "C#", "a#b", "a:b", "https://example.com/x?y=1#z", "Über uns",
    "中文标题", "2024 in review", "v1.2.3", "x-y", "it's", "say \"hi\"", "100%", "a, b",
    "a [b] {c}", "Q&A", "x*y", "é",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (need_quotes); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse ("k: old\n");
      g_autoptr(BylineFrontMatter) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      static const char * const path[] = { "k", NULL };

      g_test_message ("needs quotes: %s", need_quotes[i]);
      text = byline_front_matter_set_scalar (fm, path, need_quotes[i], BYLINE_VALUE_STRING, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (text, "k: \""));
      again = parse (text);
      g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup (again, path)), ==, need_quotes[i]);
      g_assert_cmpint (byline_node_get_style (byline_front_matter_lookup (again, path)), ==,
                       BYLINE_STYLE_DOUBLE_QUOTED);
    }

  for (i = 0; i < G_N_ELEMENTS (stay_plain); i++)
    {
      g_autoptr(BylineFrontMatter) fm = parse ("k: old\n");
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("k: %s\n", stay_plain[i]);
      static const char * const path[] = { "k", NULL };

      g_test_message ("stays plain: %s", stay_plain[i]);
      text = byline_front_matter_set_scalar (fm, path, stay_plain[i], BYLINE_VALUE_STRING, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected);
    }
}

/* Each edit on a text full of traps leaves everything else byte-identical. */
static void
test_edit_leaves_rest (void)
{
  const char *yaml =
    "# Front matter with a bit of everything\r\n"
    "title: \"Über — 中文 😀\"   # the title\r\n"
    "date: 2025-02-13T01:55:25+05:30\r\n"
    "draft: yes\r\n"
    "weight: 120\t#x\r\n"
    "\r\n"
    "tags: [a, 'b c', \"d\"]\r\n"
    "categories:\r\n"
    "  - news  # first\r\n"
    "  - 'more'\r\n"
    "summary: >-\r\n"
    "  folded text\r\n"
    "  ---\r\n"
    "params:\r\n"
    "  author: Ünïcode\r\n"
    "  nested:\r\n"
    "    deep: value\r\n"
    "empty:\r\n";
  static const char * const keys[] = { "title", "date", "draft", "weight", "tags", "categories",
                                       "summary", "params", "empty" };
  g_autoptr(BylineFrontMatter) fm = parse (yaml);
  gsize len = strlen (yaml);
  guint i;

  g_assert_true (byline_front_matter_is_valid (fm));

  for (i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *path[] = { keys[i], NULL };
      BylineNode *node = byline_front_matter_lookup (fm, path);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gsize es, ee, tl;

      g_assert_nonnull (node);
      byline_node_get_entry_range (node, &es, &ee);

      /* set */
      text = byline_front_matter_set_scalar (fm, path, "Ñew — value", BYLINE_VALUE_STRING, &error);
      g_assert_no_error (error);
      tl = strlen (text);
      g_assert_cmpuint (tl, >=, es + (len - ee));
      g_assert_cmpmem (text, es, yaml, es);
      g_assert_cmpmem (text + tl - (len - ee), len - ee, yaml + ee, len - ee);
      g_assert_null (strstr (text + es, "\n\n"));   /* line breaks stay CR LF */
      g_clear_pointer (&text, g_free);

      /* remove: exactly the entry's lines go */
      text = byline_front_matter_remove (fm, path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (text), ==, len - (ee - es));
      g_assert_cmpmem (text, es, yaml, es);
      g_assert_cmpmem (text + es, len - ee, yaml + ee, len - ee);
      g_clear_pointer (&text, g_free);

      /* add after it: the original text around the new line */
      text = byline_front_matter_add_entry (fm, NULL, "added", "x", BYLINE_VALUE_STRING, keys[i], &error);
      g_assert_no_error (error);
      g_assert_cmpmem (text, ee, yaml, ee);
      g_assert_true (g_str_has_prefix (text + ee, "added: \"x\"\r\n"));  /* quoted like the title */
      g_assert_cmpstr (text + ee + strlen ("added: \"x\"\r\n"), ==, yaml + ee);
    }
}

/* ------------------------------------------------------------------------ */
/* Proofs that re-parse only the edited entry                                */
/* ------------------------------------------------------------------------ */

/* Every node of @node's tree but the one at @skip, one line each: path,
 * type, style and value. */
static void
describe_tree (BylineNode *node,
               const char *skip,
               GString    *out)
{
  g_auto(GStrv) path = byline_node_dup_path (node);
  g_autofree char *dotted = g_strjoinv (".", path);
  guint i;

  if (skip != NULL && g_str_equal (dotted, skip))
    return;
  g_string_append_printf (out, "%s %s %d", dotted,
                          byline_value_type_to_string (byline_node_get_value_type (node)),
                          byline_node_get_style (node));
  if (byline_node_get_scalar (node) != NULL)
    g_string_append_printf (out, " [%s]", byline_node_get_scalar (node));
  g_string_append_c (out, '\n');
  for (i = 0; i < byline_node_get_n_children (node); i++)
    describe_tree (byline_node_get_child (node, i), skip, out);
}

static void
collect_scalar_paths (BylineNode *node,
                      GPtrArray  *paths)
{
  guint i;

  if (byline_node_get_n_children (node) == 0 && node != byline_node_get_parent (node) &&
      byline_node_get_parent (node) != NULL)
    {
      g_auto(GStrv) path = byline_node_dup_path (node);
      g_ptr_array_add (paths, g_strjoinv (".", path));
    }
  for (i = 0; i < byline_node_get_n_children (node); i++)
    collect_scalar_paths (byline_node_get_child (node, i), paths);
}

/* An edit within one top-level entry is proven by parsing that entry's
 * lines alone (the engine checks each such proof against a full one when
 * BYLINE_CHECK_PROOFS=1, as the test suite runs). Here, from the outside:
 * in texts where what follows or precedes an entry could change how it
 * reads, every value set to every field reads back, and nothing else
 * changes. */
static void
test_local_proof (void)
{
  static const char * const texts[] = {
    "a: 1\n# c\n\nb: |\n  text\n\n  more\n\nc: x\n",
    "  a: x\n  b: y\n  c: z\n",
    "a: |+\n  t\n\n\nb: 1\nc: >-\n  folded\n  text\n\n",
    "a: one\n  two\nb: 2\nc: three\n  four\n",
    "a: {x: 1,\n  y: 2}\nb: z\nc: [p,\n q]\n",
    "a: \"x\n  y\"\nb: 1\nc: 'p\n  q'\n",
    "a: 1\nb: 2\n# end\n\n",
    "\"a\": 1\n'b': 2\n? c\n: 3\n",
    "a: 1\r\nb: |\r\n  t\r\nc: 2\r\n",
    "%YAML 1.1\n---\na: 1\nb: 2\n",
    "p:\n  a: 1\n  b: [x, y]\n  c:\n    - d: 1\n      e: 2\nq: 2\n",
    "a: x # comment\nb: y\t# tab comment\nc: z\n",
    "a:\nb: ~\nc:\n",
    "é: ü\n中文: 字\nz: 1\n",
    "a: 1\nb:\n  - x\n  - y\nc: 2\n",
    "a: 1\nb:\n- x\n- y\nc: 2\n",
  };
  static const char * const values[] = {
    "x", "", " ", "a: b", "- x", "[a", "{", "\"", "'", "#c", "a #b", "a\nb", "a\n\nb\n", "|", ">",
    "yes", "12", "%x", "---", "...", "  lead", "*a", "&a", "!t", "? x", "@", "`", "x:", "中文",
    "\t", "a\tb", "\xc2\x85", "\xe2\x80\xa8",
  };
  guint t, p, v;

  for (t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(BylineFrontMatter) fm = parse (texts[t]);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      g_test_message ("local proof: text %u", t);
      g_assert_true (byline_front_matter_is_valid (fm));
      collect_scalar_paths (byline_front_matter_get_root (fm), paths);
      g_assert_cmpuint (paths->len, >, 0);

      for (p = 0; p < paths->len; p++)
        {
          const char *dotted = g_ptr_array_index (paths, p);
          g_auto(GStrv) path = split_path (dotted);
          g_autoptr(GString) before = g_string_new (NULL);

          if (byline_node_is_read_only (byline_front_matter_lookup (fm, (const char * const *) path), NULL))
            continue;
          describe_tree (byline_front_matter_get_root (fm), dotted, before);

          for (v = 0; v < G_N_ELEMENTS (values); v++)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *text = NULL;
              g_autoptr(BylineFrontMatter) again = NULL;
              g_autoptr(GString) after = g_string_new (NULL);
              BylineNode *node;

              text = byline_front_matter_set_scalar (fm, (const char * const *) path, values[v],
                                                     BYLINE_VALUE_STRING, &error);
              if (text == NULL)
                {
                  g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE);
                  continue;
                }
              again = byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1);
              g_assert_true (byline_front_matter_is_valid (again));
              node = byline_front_matter_lookup (again, (const char * const *) path);
              g_assert_nonnull (node);
              g_assert_cmpstr (byline_node_get_scalar (node), ==, values[v]);
              describe_tree (byline_front_matter_get_root (again), dotted, after);
              g_assert_cmpstr (after->str, ==, before->str);
            }
        }
    }
}

/* Raw splices of a value, each asked of both proofs: the one that parses
 * the edited entry's lines alone, and the one that parses the whole
 * result. Both must refuse every splice that changes anything but the
 * value, and the local one must prove the others by itself. */
typedef struct
{
  const char *text;
  const char *path;
  const char *replacement;   /* for the value's bytes */
  const char *expected;      /* the value it should read as */
  gboolean    proven;
} SpliceCase;

static const SpliceCase splice_cases[] = {
  { "a: 1\nb: 2\n", "a", "x", "x", TRUE },
  { "a: 1\nb: 2\n", "a", "'it''s'", "it's", TRUE },
  { "a: 1\nb: 2\n", "a", "x #c", "x", TRUE },
  { "a: 1\nb: 2\n", "a", "x\n  continued", "x continued", TRUE },
  { "a: 1\nb: 2\n", "a", "|", "", TRUE },            /* the next line is not indented: no content */
  { "a: 1\nb: 2\n", "a", "\"x\n\"", "x ", TRUE },
  { "a: 1\nb: 2\n", "b", "x", "x", TRUE },
  { "  a: 1\n  b: 2\n", "a", "x", "x", TRUE },
  { "a: 1\r\nb: |\r\n  t\r\nc: 2\r\n", "a", "\"x\"", "x", TRUE },
  { "p:\n  a: 1\nq: 2\n", "p.a", "x", "x", TRUE },
  { "a: 1\nb: 2\n", "a", "x\nb: 3", "x", FALSE },   /* b twice */
  { "a: 1\nb: 2\n", "a", "x\nc: 3", "x", FALSE },   /* a new entry */
  { "a: 1\nb: 2\n", "b", "x\nc: 3", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "\"x", "x", FALSE },       /* runs into the next entry */
  { "a: 1\nb: 2\n", "a", "'x", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "[x", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "{x: 1", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "&anchor x", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "!tag x", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "x\n---", "x", FALSE },     /* would end the front matter */
  { "a: 1\nb: 2\n", "a", "x\n...", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "x\n  - y", "x", FALSE },
  { "a: 1\nb: 2\n", "a", "x: y", "x", FALSE },       /* a group, not a string */
  { "a: 1\nb: 2\n", "a", "- x", "x", FALSE },
  { "  a: 1\n  b: 2\n", "a", "x\nb: 3", "x", FALSE },
  { "  a: 1\n  b: 2\n", "a", "x\n  b: 3", "x", FALSE },
  { "p:\n  a: 1\nq: 2\n", "p.a", "x\n  z: 3", "x", FALSE },
  { "p:\n  a: 1\nq: 2\n", "p.a", "x\nq: 3", "x", FALSE },
  { "a: 1\nb: |\n  t\n", "a", "|\n  u", "u\n", TRUE },
  { "a: 1\nb: |\n  t\n", "a", ">\n u\n v", "u v\n", TRUE },
};

static void
test_proof_splices (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (splice_cases); i++)
    {
      const SpliceCase *c = &splice_cases[i];
      g_autoptr(BylineFrontMatter) fm = parse (c->text);
      g_auto(GStrv) path = split_path (c->path);
      BylineNode *node;
      gsize start, end;

      g_test_message ("splice %u: %s = %s", i, c->path, c->replacement);
      g_assert_true (byline_front_matter_is_valid (fm));
      node = byline_front_matter_lookup (fm, (const char * const *) path);
      g_assert_nonnull (node);
      byline_node_get_value_range (node, &start, &end);
      g_assert_cmpint (_byline_front_matter_prove_splice (fm, (const char * const *) path, start, end,
                                                          c->replacement, c->expected,
                                                          BYLINE_PROOF_FULL), ==, c->proven);
      g_assert_cmpint (_byline_front_matter_prove_splice (fm, (const char * const *) path, start, end,
                                                          c->replacement, c->expected,
                                                          BYLINE_PROOF_LOCAL), ==, c->proven);
    }
}

/* ------------------------------------------------------------------------ */
/* The sample post and the corpus                                            */
/* ------------------------------------------------------------------------ */

/* BYLINE_SHARED_DIR/@a/@b, or NULL when the shared folder is missing. */
static char *
shared_path (const char *a,
             const char *b)
{
  const char *dir = g_getenv ("BYLINE_SHARED_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (dir, a, b, NULL);
}

static void
test_sample_title (void)
{
  g_autofree char *path = shared_path ("samples", "news-post.md");
  g_autofree char *data = NULL;
  g_autofree char *front = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BylineFrontMatter) fm = NULL;
  g_autoptr(BylineFrontMatter) again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  static const char * const title[] = { "title", NULL };
  BylinePostSplit split;
  gsize len;
  guint i, changed = 0;

  if (path == NULL || !g_file_get_contents (path, &data, &len, NULL))
    {
      g_test_skip ("BYLINE_SHARED_DIR/samples/news-post.md is not available");
      return;
    }

  byline_post_split (data, len, &split);
  g_assert_cmpint (split.format, ==, BYLINE_FORMAT_YAML);
  front = g_strndup (data + split.fm_start, split.fm_end - split.fm_start);
  fm = parse (front);
  text = byline_front_matter_set_scalar (fm, title, "A: \"new\" #1", BYLINE_VALUE_STRING, &error);
  g_assert_no_error (error);

  before = g_strsplit (front, "\n", -1);
  after = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (before), ==, g_strv_length (after));
  for (i = 0; before[i] != NULL; i++)
    if (g_strcmp0 (before[i], after[i]) != 0)
      changed++;
  g_assert_cmpuint (changed, ==, 1);

  again = parse (text);
  g_assert_cmpstr (byline_node_get_scalar (byline_front_matter_lookup (again, title)), ==, "A: \"new\" #1");
}

/* A value to set that differs from @node's, of its own type. */
static const char *
other_value (BylineNode      *node,
             BylineValueType *type)
{
  *type = byline_node_get_value_type (node);
  switch (*type)
    {
    case BYLINE_VALUE_BOOL:
      return byline_node_get_bool (node) ? "false" : "true";
    case BYLINE_VALUE_INT:
      return g_strcmp0 (byline_node_get_scalar (node), "7") == 0 ? "8" : "7";
    case BYLINE_VALUE_FLOAT:
      return "2.5";
    case BYLINE_VALUE_DATE:
      return "2001-02-03";
    case BYLINE_VALUE_DATETIME:
      return "2001-02-03T04:05:06+01:00";
    case BYLINE_VALUE_TEXT:
      return "Ünïcode text, changed by Byline:\nsecond line\n";
    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_STRING:
    default:
      *type = BYLINE_VALUE_STRING;
      return "Changed by Byline: “ü” #1";
    }
}

static void
check_corpus_file (const char *name,
                   const char *data,
                   gsize       len,
                   guint      *n_edits,
                   guint      *n_refused)
{
  g_autoptr(BylineFrontMatter) fm = NULL;
  BylinePostSplit split;
  g_autofree char *front = NULL;
  gsize flen;
  BylineNode *root;
  guint i;

  byline_post_split (data, len, &split);
  g_assert_cmpuint (split.len, ==, len);
  g_assert_cmpuint (split.open_start, <=, split.fm_start);
  g_assert_cmpuint (split.fm_start, <=, split.fm_end);
  g_assert_cmpuint (split.fm_end, <=, split.body_start);
  g_assert_cmpuint (split.body_start, <=, len);

  /* round trip: the parts concatenate to the file */
  {
    GString *joined = g_string_new (NULL);

    g_string_append_len (joined, data, split.open_start);
    g_string_append_len (joined, data + split.open_start, split.fm_start - split.open_start);
    g_string_append_len (joined, data + split.fm_start, split.fm_end - split.fm_start);
    g_string_append_len (joined, data + split.fm_end, split.body_start - split.fm_end);
    g_string_append_len (joined, data + split.body_start, len - split.body_start);
    g_assert_cmpmem (joined->str, joined->len, data, len);
    g_string_free (joined, TRUE);
  }

  if (split.format == BYLINE_FORMAT_NONE)
    return;

  flen = split.fm_end - split.fm_start;
  front = g_strndup (data + split.fm_start, flen);
  fm = byline_front_matter_new (split.format, front, flen);

  {
    gsize tlen;
    const char *t = byline_front_matter_get_text (fm, &tlen);
    g_assert_cmpmem (t, tlen, front, flen);
  }

  if (split.format != BYLINE_FORMAT_YAML || !byline_front_matter_is_valid (fm) ||
      byline_front_matter_is_read_only (fm, NULL))
    return;

  root = byline_front_matter_get_root (fm);
  for (i = 0; i < byline_node_get_n_children (root); i++)
    {
      BylineNode *node = byline_node_get_child (root, i);
      const char *path[] = { byline_node_get_key (node), NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineFrontMatter) again = NULL;
      g_autofree char *text = NULL;
      BylineValueType type;
      const char *value;
      gsize es, ee, tl;

      if (byline_node_is_read_only (node, NULL) ||
          byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE ||
          byline_node_get_value_type (node) == BYLINE_VALUE_MAPPING)
        continue;

      value = other_value (node, &type);
      byline_node_get_entry_range (node, &es, &ee);
      text = byline_front_matter_set_scalar (fm, path, value, type, &error);
      (*n_edits)++;
      if (text == NULL)
        {
          g_test_message ("%s: setting “%s” refused: %s", name, path[0], error->message);
          (*n_refused)++;
          continue;
        }

      /* only that entry's lines changed */
      tl = strlen (text);
      g_assert_cmpuint (tl, >=, es + (flen - ee));
      g_assert_cmpmem (text, es, front, es);
      g_assert_cmpmem (text + tl - (flen - ee), flen - ee, front + ee, flen - ee);

      /* and it reads back */
      again = parse (text);
      g_assert_true (byline_front_matter_is_valid (again));
      {
        BylineNode *now = byline_front_matter_lookup (again, path);
        g_assert_nonnull (now);
        if (type == BYLINE_VALUE_STRING || type == BYLINE_VALUE_TEXT || type == BYLINE_VALUE_DATE ||
            type == BYLINE_VALUE_INT)
          g_assert_cmpstr (byline_node_get_scalar (now), ==, value);
      }
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&again, byline_front_matter_unref);

      /* removing it takes exactly its lines */
      text = byline_front_matter_remove (fm, path, &error);
      (*n_edits)++;
      if (text == NULL)
        {
          g_test_message ("%s: removing “%s” refused: %s", name, path[0], error->message);
          (*n_refused)++;
          g_clear_error (&error);
        }
      else
        {
          g_assert_cmpuint (strlen (text), ==, flen - (ee - es));
          g_assert_cmpmem (text, es, front, es);
          g_assert_cmpmem (text + es, flen - ee, front + ee, flen - ee);
          g_clear_pointer (&text, g_free);
        }

      /* adding after it inserts one line */
      text = byline_front_matter_add_entry (fm, NULL, "byline-added", "Added “x”", BYLINE_VALUE_STRING,
                                            path[0], &error);
      (*n_edits)++;
      if (text == NULL)
        {
          g_test_message ("%s: adding after “%s” refused: %s", name, path[0], error->message);
          (*n_refused)++;
          g_clear_error (&error);
        }
      else
        {
          g_assert_cmpmem (text, ee, front, ee);
          g_assert_cmpstr (text + strlen (text) - (flen - ee), ==, front + ee);
        }
    }
}

static void
test_corpus (void)
{
  g_autofree char *dir_path = shared_path ("corpus", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0, n_edits = 0, n_refused = 0;

  if (dir_path == NULL || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR/corpus is not available");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      gsize len;

      if (g_str_has_suffix (name, ".tsv"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      if (!byline_text_validate (data, len, NULL))
        continue;
      check_corpus_file (name, data, len, &n_edits, &n_refused);
      n_files++;
    }

  g_test_message ("corpus: %u files, %u edits, %u refused", n_files, n_edits, n_refused);
  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (n_refused, ==, 0);
}

/* ------------------------------------------------------------------------ */
/* libyaml parsers kept from one parse to the next                          */
/* ------------------------------------------------------------------------ */

static void
describe_ranges (BylineNode *node,
                 GString    *out)
{
  gsize ks, ke, vs, ve, es, ee;
  guint i;

  byline_node_get_key_range (node, &ks, &ke);
  byline_node_get_value_range (node, &vs, &ve);
  byline_node_get_entry_range (node, &es, &ee);
  g_string_append_printf (out, "%u: %zu-%zu %zu-%zu %zu-%zu\n", byline_node_get_line (node),
                          ks, ke, vs, ve, es, ee);
  for (i = 0; i < byline_node_get_n_children (node); i++)
    describe_ranges (byline_node_get_child (node, i), out);
}

/* What a parse of @text gives: the error and where, whether it is read-only
 * and why, and every node with its ranges. */
static char *
describe_parse (const char *text)
{
  g_autoptr(BylineFrontMatter) fm = parse (text);
  GString *out = g_string_new (NULL);
  const GError *error = byline_front_matter_get_error (fm);
  const char *reason = NULL;

  if (error != NULL)
    {
      guint line = 0, column = 0;

      byline_front_matter_get_error_position (fm, &line, &column);
      g_string_append_printf (out, "error %u:%u %s\n", line, column, error->message);
    }
  if (byline_front_matter_is_read_only (fm, &reason))
    g_string_append_printf (out, "read-only: %s\n", reason);
  if (byline_front_matter_get_root (fm) != NULL)
    {
      describe_tree (byline_front_matter_get_root (fm), NULL, out);
      describe_ranges (byline_front_matter_get_root (fm), out);
    }
  return g_string_free (out, FALSE);
}

static gpointer
describe_in_new_thread (gpointer text)
{
  return describe_parse (text);
}

/* Each thread keeps the libyaml parser of its last clean parse for the next
 * one (rewound, its buffers kept). Whatever came before, a parse must read
 * exactly as a first parse in a new thread does: after errors, after %TAG
 * directives, anchors, several documents, texts larger than libyaml's
 * buffers, nesting deeper than its first stacks. */
static void
test_parser_reuse (void)
{
  g_autoptr(GString) big = g_string_new ("title: Big\ntags:\n");
  g_autoptr(GString) deep = g_string_new ("deep: ");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);
  const char * const fixed[] = {
    "title: Hello\ndate: 2025-02-13\ntags: [a, b]\n",
    "title: \"unclosed\ndate: 2025-02-13\n",
    "%TAG !e! tag:example.com,2000:\n---\ntitle: !e!thing Tagged\n",
    "title: Again\n",
    "base: &b {x: 1}\nother: *b\n",
    "title: One\n---\ntitle: Two\n",
    "title: [unclosed, flow\n",
    "\xef\xbb\xbftitle: after a BOM\n",
    "a: 1\n b: 2\n",
    "list:\n  - x\n  - y: 1\n    z: [1, {q: w}]\nsummary: |\n  Line one\n  Line two\n",
    "title: no final newline",
    "",
    "key: \"unfinished \\",
    "title: Bye\n",
  };
  guint i, round;

  for (i = 0; i < 3000; i++)
    g_string_append_printf (big, "  - tag number %u with some words after it\n", i);
  for (i = 0; i < 200; i++)
    g_string_append (deep, "[");
  for (i = 0; i < 200; i++)
    g_string_append (deep, "]");
  g_string_append_c (deep, '\n');

  for (i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (texts, (gpointer) fixed[i]);
  g_ptr_array_insert (texts, 2, big->str);
  g_ptr_array_insert (texts, 5, deep->str);

  for (i = 0; i < texts->len; i++)
    {
      GThread *thread = g_thread_new ("fresh-parse", describe_in_new_thread,
                                      g_ptr_array_index (texts, i));
      g_ptr_array_add (fresh, g_thread_join (thread));
    }

  /* forwards, backwards, then each twice in a row */
  for (round = 0; round < 3; round++)
    for (i = 0; i < texts->len * (round == 2 ? 2 : 1); i++)
      {
        guint k = round == 0 ? i : round == 1 ? texts->len - 1 - i : i / 2;
        g_autofree char *now = describe_parse (g_ptr_array_index (texts, k));

        g_assert_cmpstr (now, ==, g_ptr_array_index (fresh, k));
      }
}

/* YAML: fields can be added to editable mappings, groups appended to
 * lists; the answers agree with what the edits then do. */
static void
test_can_add_yaml (void)
{
  static const char text[] =
    "title: T\n"
    "params:\n"
    "  author: A\n"
    "base: &b {x: 1}\n"
    "resources:\n"
    "  - src: a.png\n"
    "tags: [a]\n";
  static const char * const params[] = { "params", NULL };
  static const char * const title[] = { "title", NULL };
  static const char * const base[] = { "base", NULL };
  static const char * const missing[] = { "missing", NULL };
  static const char * const resources[] = { "resources", NULL };
  g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1);
  g_autoptr(BylineFrontMatter) json = byline_front_matter_new (BYLINE_FORMAT_JSON, "{\"a\": {}}", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  g_assert_true (byline_front_matter_can_add_entry (fm, NULL));
  g_assert_true (byline_front_matter_can_add_entry (fm, params));
  g_assert_false (byline_front_matter_can_add_entry (fm, title));
  g_assert_false (byline_front_matter_can_add_entry (fm, base));     /* an anchor */
  g_assert_false (byline_front_matter_can_add_entry (fm, missing));
  now = byline_front_matter_add_entry (fm, params, "added", "x", BYLINE_VALUE_STRING, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = byline_front_matter_add_entry (fm, base, "added", "x", BYLINE_VALUE_STRING, NULL, &error);
  g_assert_null (now);
  g_clear_error (&error);

  g_assert_true (byline_front_matter_can_append_group (fm, resources));
  g_assert_false (byline_front_matter_can_append_group (fm, params));
  g_assert_false (byline_front_matter_can_append_group (fm, missing));
  now = byline_front_matter_append_item (fm, resources, NULL, BYLINE_VALUE_MAPPING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (now);

  /* JSON is edited as YAML */
  g_assert_true (byline_front_matter_can_add_entry (json, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/split", test_split);
  g_test_add_func ("/front-matter/split-newline", test_split_newline);
  g_test_add_func ("/front-matter/text-validate", test_text_validate);
  g_test_add_func ("/front-matter/types", test_types);
  g_test_add_func ("/front-matter/model", test_model);
  g_test_add_func ("/front-matter/ranges", test_ranges);
  g_test_add_func ("/front-matter/big-model", test_big_model);
  g_test_add_func ("/front-matter/empty", test_empty);
  g_test_add_func ("/front-matter/errors", test_errors);
  g_test_add_func ("/front-matter/read-only", test_read_only);
  g_test_add_func ("/front-matter/datetime", test_datetime);
  g_test_add_func ("/front-matter/json", test_json);
  g_test_add_func ("/front-matter/json-invalid", test_json_invalid);
  g_test_add_func ("/front-matter/json-edits", test_json_edits);
  g_test_add_func ("/front-matter/json-read-only", test_json_read_only);
  g_test_add_func ("/front-matter/flow-list-lines", test_flow_list_lines);
  g_test_add_func ("/front-matter/toml", test_toml);
  g_test_add_func ("/front-matter/toml-model", test_toml_model);
  g_test_add_func ("/front-matter/newline-for-new-lines", test_newline_for_new_lines);
  g_test_add_func ("/front-matter/value-type-strings", test_value_type_strings);
  g_test_add_func ("/front-matter/boxed", test_boxed);
  g_test_add_func ("/front-matter/edits", test_edits);
  g_test_add_func ("/front-matter/can-add", test_can_add_yaml);
  g_test_add_func ("/front-matter/plain-quoting", test_plain_quoting);
  g_test_add_func ("/front-matter/edit-leaves-rest", test_edit_leaves_rest);
  g_test_add_func ("/front-matter/local-proof", test_local_proof);
  g_test_add_func ("/front-matter/proof-splices", test_proof_splices);
  g_test_add_func ("/front-matter/parser-reuse", test_parser_reuse);
  g_test_add_func ("/front-matter/sample-title", test_sample_title);
  g_test_add_func ("/front-matter/corpus", test_corpus);

  return g_test_run ();
}
