/* test-template.c: new posts from templates: the archetype mini-language,
 * Byline's own template read back by the front matter engine, names, file
 * names, finding a site's archetype, and new posts (blocking and async).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-template"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-front-matter.h"
#include "byline-template.h"
#include "byline-test-files.h"

#define DATE_TEXT "2025-03-01T09:30:00+02:00"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static GDateTime *
fixed_date (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+02:00");

  g_assert_nonnull (tz);
  return g_date_time_new (tz, 2025, 3, 1, 9, 30, 0);
}

/* The text of a post made from Byline's own template, read back by the
 * engine: a YAML block holding a title of @title_type with the value
 * @title, a datetime and draft: true. Checks @date when not NULL, else that
 * the date is within a minute of now. */
static void
assert_builtin_post (const char      *text,
                     const char      *title,
                     BylineValueType  title_type,
                     GDateTime       *date)
{
  g_autoptr(BylineFrontMatter) fm = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  BylinePostSplit split;
  BylineNode *node;
  const char *reason = NULL;

  byline_post_split (text, -1, &split);
  g_assert_cmpint (split.format, ==, BYLINE_FORMAT_YAML);
  g_assert_cmpstr (text + split.body_start, ==, "");

  fm = byline_front_matter_new (BYLINE_FORMAT_YAML, text + split.fm_start,
                                split.fm_end - split.fm_start);
  if (!byline_front_matter_is_valid (fm))
    g_error ("not valid YAML: %s\n%s", byline_front_matter_get_error (fm)->message, text);
  g_assert_false (byline_front_matter_is_read_only (fm, &reason));
  g_assert_cmpuint (byline_node_get_n_children (byline_front_matter_get_root (fm)), ==, 3);

  node = byline_front_matter_lookup_dotted (fm, "title");
  g_assert_nonnull (node);
  g_assert_cmpint (byline_node_get_value_type (node), ==, title_type);
  g_assert_cmpstr (byline_node_get_scalar (node), ==, title);

  node = byline_front_matter_lookup_dotted (fm, "date");
  g_assert_nonnull (node);
  g_assert_cmpint (byline_node_get_value_type (node), ==, BYLINE_VALUE_DATETIME);
  parsed = byline_node_dup_datetime (node);
  g_assert_nonnull (parsed);
  if (date != NULL)
    g_assert_true (g_date_time_equal (parsed, date));
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan diff = g_date_time_difference (now, parsed);

      g_assert_cmpint (ABS (diff), <, 60 * G_TIME_SPAN_SECOND);
    }

  node = byline_front_matter_lookup_dotted (fm, "draft");
  g_assert_nonnull (node);
  g_assert_cmpint (byline_node_get_value_type (node), ==, BYLINE_VALUE_BOOL);
  g_assert_true (byline_node_get_bool (node));
}

/* Names the case being run, on one line (TAP). */
static void
test_message_case (guint       i,
                   const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("case %u: %s", i, escaped);
}

/* ------------------------------------------------------------------------ */
/* Expansion                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  const char *name;
  const char *section;
  const char *expected;
} ExpandCase;

static const ExpandCase expand_cases[] = {
  /* text outside actions, as it is */
  { "", "x", "", "" },
  { "plain text\n", "x", "", "plain text\n" },
  { "a }} b { { c", "x", "", "a }} b { { c" },
  { "café 日本\r\n", "x", "", "café 日本\r\n" },
  /* fields */
  { "{{ .Name }}", "my-first-post", "", "my-first-post" },
  { "{{.Name}}", "my-first-post", "", "my-first-post" },
  { "{{ .File.ContentBaseName }}", "bundle", "", "bundle" },
  { "{{ .File.BaseFileName }}", "post", "", "post" },
  { "{{ .Section }}", "x", "posts", "posts" },
  { "[{{ .Section }}]", "x", "", "[]" },
  { "{{ .Type }}", "x", "posts", "posts" },
  { "{{ .Type }}", "x", "", "page" },
  { "date: {{ .Date }}\n", "x", "", "date: " DATE_TEXT "\n" },
  { "{{\n  .Name\n}}", "multi", "", "multi" },
  /* string literals */
  { "{{ \"literal\" }}", "x", "", "literal" },
  { "{{ \"a\\\"b\\\\c\\td\\ne\" }}", "x", "", "a\"b\\c\td\ne" },
  { "{{ \"caf\\u00e9 \\U0001F600\" }}", "x", "", "café \xF0\x9F\x98\x80" },
  { "{{ \"}}\" }}", "x", "", "}}" },
  { "{{ `raw \\n \"q\" }}` }}", "x", "", "raw \\n \"q\" }}" },
  { "{{ `two\nlines` }}", "x", "", "two\nlines" },
  { "{{ \"\" }}", "x", "", "" },
  /* functions */
  { "{{ replace .Name \"-\" \" \" }}", "my-first-post", "", "my first post" },
  { "{{ replace \"ab\" \"\" \"-\" }}", "x", "", "-a-b-" },
  { "{{ replace .Name \"zz\" \"y\" }}", "abc", "", "abc" },
  { "{{ title \"hello big world\" }}", "x", "", "Hello Big World" },
  { "{{ title .Name }}", "my-first-post", "", "My-First-Post" },
  { "{{ title .Name }}", "élan vital ǆemal", "", "Élan Vital ǅemal" },
  { "{{ humanize .Name }}", "my_first-post", "", "My first post" },
  { "{{ humanize .Name }}", "über-uns", "", "Über uns" },
  { "{{ lower .Name }}", "ÄÖÜ Straße", "", "äöü straße" },
  { "{{ upper .Name }}", "straße-über", "", "STRASSE-ÜBER" },
  /* pipelines: the value goes in as the last argument */
  { "{{ replace .Name \"-\" \" \" | title }}", "my-first-post", "", "My First Post" },
  { "{{ .Name | title }}", "my post", "", "My Post" },
  { "{{ .Name | upper | lower }}", "MiXeD", "", "mixed" },
  { "{{ .Name | replace \"-\" \" \" }}", "my-first-post", "", "-" },
  { "{{ \"X\" | replace \"a-b-a\" \"a\" }}", "x", "", "X-b-X" },
  { "{{ .Name|humanize|upper }}", "a-b", "", "A B" },
  /* trim markers: the neighbouring text only, not other actions' values */
  { "a  \n\t{{- .Name }}", "x", "", "ax" },
  { "{{ .Name -}} \r\n b", "x", "", "xb" },
  { "a \n {{- .Name -}} \n b", "x", "", "axb" },
  { "{{ \" x \" }} {{- \"y\" }}", "z", "", " x y" },
  { "{{ .Name -}}{{- .Name }}", "ab", "", "abab" },
  /* comments */
  { "a{{/* hello */}}b", "x", "", "ab" },
  { "a\n{{- /* two\nlines {{ .Site }} */ -}}\nb", "x", "", "ab" },
  { "{{/* only */}}", "x", "", "" },
  { "{{/**/}}x", "x", "", "x" },
  /* a hugo archetype */
  { "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n"
    "draft: true\n---\n\n{{/* Write here */}}",
    "a-post", "posts",
    "---\ntitle: \"A Post\"\ndate: " DATE_TEXT "\ndraft: true\n---\n\n" },
  /* values are not expanded again */
  { "{{ .Name }}", "{{ .Site.Title }}", "", "{{ .Site.Title }}" },
};

static void
test_expand (void)
{
  g_autoptr(GDateTime) date = fixed_date ();

  for (guint i = 0; i < G_N_ELEMENTS (expand_cases); i++)
    {
      const ExpandCase *c = &expand_cases[i];
      BylineTemplateVars vars = { c->name, c->section, date };
      g_autoptr(GError) error = NULL;
      g_autofree char *result = NULL;

      test_message_case (i, c->text);
      result = byline_template_expand (c->text, &vars, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (result, ==, c->expected);
    }
}

/* .Date as Go's RFC 3339 (as Hugo writes it): the offset, or Z for UTC. */
static void
test_expand_date (void)
{
  static const struct {
    const char *zone;
    const char *expected;
  } cases[] = {
    { "+02:00", "2025-03-01T09:30:00+02:00" },
    { "-05:30", "2025-03-01T09:30:00-05:30" },
    { "UTC", "2025-03-01T09:30:00Z" },
    { "+00:00", "2025-03-01T09:30:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (cases[i].zone);
      g_autoptr(GDateTime) date = g_date_time_new (tz, 2025, 3, 1, 9, 30, 0);
      BylineTemplateVars vars = { "x", "", date };
      g_autoptr(GError) error = NULL;
      g_autofree char *result = byline_template_expand ("{{ .Date }}", &vars, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

/* .Date without a date: now, in the local time zone, RFC 3339. */
static void
test_expand_now (void)
{
  BylineTemplateVars vars = { "x", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *result = byline_template_expand ("{{ .Date }}", &vars, &error);
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d([+-]\\d\\d:\\d\\d|Z)$",
                                       result, 0, 0));
  parsed = g_date_time_new_from_iso8601 (result, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (ABS (g_date_time_difference (now, parsed)), <, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, g_date_time_get_utc_offset (now));
}

static const char * const unsupported_cases[] = {
  "{{ .Site.Title }}",
  "{{ .Params.x }}",
  "{{ .name }}",
  "{{ .Title }}",
  "{{ . }}",
  "{{ now.Format \"2006-01-02\" }}",
  "{{ now }}",
  "{{ if .Name }}x{{ end }}",
  "{{ range .Site.Pages }}x{{ end }}",
  "{{ with .Name }}{{ . }}{{ end }}",
  "{{ $x := .Name }}{{ $x }}",
  "{{ $.Name }}",
  "{{ frobnicate .Name }}",
  "{{ title }}",
  "{{ title .Name .Name }}",
  "{{ replace .Name \"-\" }}",
  "{{ replace .Name \"-\" \" \" 1 }}",
  "{{ \"a\" | replace \"b\" }}",
  "{{ .Name .Name }}",
  "{{ .Name \"x\" }}",
  "{{ .Name | .Name }}",
  "{{ .Name | \"x\" }}",
  "{{ .Name | }}",
  "{{ | title }}",
  "{{ .Name || title }}",
  "{{ (title .Name) }}",
  "{{ 3 }}",
  "{{-3}}",
  "a {{-.Name }}",         /* no space after the dash: not a trim marker */
  "{{- -}}",
  "{{ 'a' }}",
  "{{ \"\\x41\" }}",
  "{{ \"\\q\" }}",
  "{{ \"a\"\"b\" }}",
  "{{ /* not a comment */ }}",
  "{{ template \"x\" }}",
  "{{ partial \"x.html\" . }}",
  "{{ .Name}}x{{ upper .Section | printf \"%s\" }}",
};

static void
test_expand_unsupported (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (unsupported_cases); i++)
    {
      BylineTemplateVars vars = { "name", "posts", NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *result = NULL;

      test_message_case (i, unsupported_cases[i]);
      result = byline_template_expand (unsupported_cases[i], &vars, &error);
      g_assert_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_UNSUPPORTED);
      g_assert_null (result);
    }
}

/* The message names the action and its line. */
static void
test_expand_unsupported_message (void)
{
  BylineTemplateVars vars = { "name", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *result =
    byline_template_expand ("---\ntitle: {{ .Name }}\nsite: {{ .Site.Title }}\n---\n", &vars, &error);

  g_assert_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_UNSUPPORTED);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "{{ .Site.Title }}"));
  g_assert_nonnull (strstr (error->message, "3"));
}

typedef struct
{
  const char *text;
  guint       line;      /* in the message; 0: not checked */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "{{", 1 },
  { "{{ .Name", 1 },
  { "a\nb\n{{ .Name }\n", 3 },
  { "{{ .Name }}\n\n{{- .Name", 3 },
  { "{{/* never closed", 1 },
  { "x\n{{/* c */ }}", 2 },
  { "{{/* c */x}}", 1 },
  { "{{ }}", 1 },
  { "\n{{- }}", 2 },
  { "{{ -}}", 1 },
  { "{{ \"abc }}", 1 },
  { "{{ \"abc\n\" }}", 1 },
  { "{{ `abc }}", 1 },
  { "\xff{{ .Name }}", 0 },
};

static void
test_expand_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      BylineTemplateVars vars = { "name", "", NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *result = NULL;

      test_message_case (i, c->text);
      result = byline_template_expand (c->text, &vars, &error);
      g_assert_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID);
      g_assert_null (result);
      if (c->line != 0)
        {
          g_autofree char *line = g_strdup_printf ("line %u", c->line);

          g_assert_nonnull (strstr (error->message, line));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Byline's own template                                                     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char      *name;
  const char      *title;
  BylineValueType  type;
} BuiltinCase;

/* The titles are what Hugo's `title` (AP style) makes of the names. */
static const BuiltinCase builtin_cases[] = {
  { "my-first-post", "My First Post", BYLINE_VALUE_STRING },
  { "", "", BYLINE_VALUE_STRING },
  { "it's \"quoted\"", "It's \"Quoted\"", BYLINE_VALUE_STRING },
  { "\"", "\"", BYLINE_VALUE_STRING },
  { "back\\slash", "Back\\slash", BYLINE_VALUE_STRING },
  { "trailing\\", "Trailing\\", BYLINE_VALUE_STRING },
  { "\\\"", "\\\"", BYLINE_VALUE_STRING },
  { "colon: here", "Colon: Here", BYLINE_VALUE_STRING },
  { "key: value # comment", "Key: Value # Comment", BYLINE_VALUE_STRING },
  { "#hash", "#Hash", BYLINE_VALUE_STRING },
  { "über-café-日本", "Über Café 日本", BYLINE_VALUE_STRING },
  { "ǆemal", "ǅemal", BYLINE_VALUE_STRING },
  { "true", "True", BYLINE_VALUE_STRING },
  { "null", "Null", BYLINE_VALUE_STRING },
  { "2025-01-01", "2025 01 01", BYLINE_VALUE_STRING },
  { "[a, b] {c: d} &x *y !z %p @q `r` |s >t", "[A, B] {C: D} &X *Y !Z %P @Q `R` |S >T",
    BYLINE_VALUE_STRING },
  { "{{ .Site.Title }}", "{{ .Site.Title }}", BYLINE_VALUE_STRING },
  { "a\ttab", "A\tTab", BYLINE_VALUE_STRING },
  { "\x01" "ctl\x7f", "\x01" "Ctl\x7f", BYLINE_VALUE_STRING },
  { "line\xe2\x80\xa8sep", "Line\xe2\x80\xa8sep", BYLINE_VALUE_STRING },
  { "\xef\xbb\xbf" "bom", "\xef\xbb\xbf" "Bom", BYLINE_VALUE_STRING },
  { "new\nline", "New\nLine", BYLINE_VALUE_TEXT },
  { "cr\rlf", "Cr\rLf", BYLINE_VALUE_STRING },
};

static void
test_builtin (void)
{
  g_autoptr(GDateTime) date = fixed_date ();
  const char *builtin = byline_template_get_builtin ();

  g_assert_nonnull (builtin);
  g_assert_true (g_str_has_prefix (builtin, "---\n"));
  g_assert_true (builtin == byline_template_get_builtin ());

  for (guint i = 0; i < G_N_ELEMENTS (builtin_cases); i++)
    {
      const BuiltinCase *c = &builtin_cases[i];
      BylineTemplateVars vars = { c->name, "posts", date };
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      test_message_case (i, c->name);
      text = byline_template_expand (builtin, &vars, &error);
      g_assert_no_error (error);
      assert_builtin_post (text, c->title, c->type, date);
    }

  /* The empty name, exactly. */
  {
    BylineTemplateVars vars = { "", "", date };
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_expand (builtin, &vars, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "---\ntitle: \"\"\ndate: " DATE_TEXT "\ndraft: true\n---\n");
  }
}

/* ------------------------------------------------------------------------ */
/* Names                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_name_for (void)
{
  static const struct {
    const char *path;
    const char *name;
  } cases[] = {
    { "/site/content/posts/my-first-post.md", "my-first-post" },
    { "/site/content/posts/bundle/index.md", "bundle" },
    { "/site/content/posts/bundle/index.markdown", "bundle" },
    { "/site/content/posts/_index.md", "posts" },
    { "/site/content/posts/index", "posts" },
    { "/site/content/posts/indexes.md", "indexes" },
    { "/site/content/posts/bundle/index.en.md", "bundle" },
    { "/site/content/posts/indexes.en.md", "indexes.en" },
    { "/notes/my.post.md", "my.post" },
    { "/notes/no-extension", "no-extension" },
    { "/notes/über café.md", "über café" },
    { "/notes/.md", "" },
    { "/index.md", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      g_autofree char *name = byline_template_name_for (file);

      g_test_message ("case %u: %s", i, cases[i].path);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_file_name_for (void)
{
  static const struct {
    const char *title;
    const char *file_name;
  } cases[] = {
    { "Über den Fluss!", "uber-den-fluss.md" },
    { "My First Post", "my-first-post.md" },
    { "Hello, World", "hello-world.md" },
    { "  lead and trail  ", "lead-and-trail.md" },
    { "a -- b", "a-b.md" },
    { "Café 2025", "cafe-2025.md" },
    { "it's \"quoted\"", "it-s-quoted.md" },
    { "", "post.md" },
    { "!!!", "post.md" },
    { "日本", "post.md" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file_name = byline_template_file_name_for (cases[i].title);

      g_test_message ("case %u: %s", i, cases[i].title);
      g_assert_cmpstr (file_name, ==, cases[i].file_name);
    }

  /* Jekyll: the post's date first */
  {
    g_autoptr(GDateTime) date = fixed_date ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d-post.md");
    g_autofree char *dated = byline_template_jekyll_file_name_for ("Über den Fluss!", date);
    g_autofree char *undated = byline_template_jekyll_file_name_for ("", NULL);
    g_autofree char *expected = g_date_time_format (date, "%Y-%m-%d-uber-den-fluss.md");

    g_assert_cmpstr (dated, ==, expected);
    g_assert_cmpstr (undated, ==, today);
  }
}

/* ------------------------------------------------------------------------ */
/* Archetypes                                                                */
/* ------------------------------------------------------------------------ */

#define POSTS_ARCHETYPE \
  "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\nsection: {{ .Section }}\n---\n"
#define DEFAULT_ARCHETYPE \
  "---\ntitle: '{{ .Name }}'\ndate: {{ .Date }}\ndraft: true\ntype: {{ .Type }}\n---\n"

/* A Hugo site: hugo.toml, archetypes/default.md, archetypes/posts.md, an
 * archetypes/notes.md that is a folder, content/posts/ and content/notes/. */
static char *
make_site (void)
{
  char *site = byline_test_make_tmp ("byline-test-template");

  g_free (byline_test_write_file (site, "hugo.toml", "baseURL = \"https://example.org/\"\n", -1));
  g_free (byline_test_write_file (site, "archetypes/default.md", DEFAULT_ARCHETYPE, -1));
  g_free (byline_test_write_file (site, "archetypes/posts.md", POSTS_ARCHETYPE, -1));
  g_free (byline_test_write_file (site, "archetypes/notes.md/x", "", -1));
  g_free (byline_test_write_file (site, "content/posts/existing.md", "---\ntitle: x\n---\n", -1));
  g_free (byline_test_write_file (site, "content/notes/existing.md", "---\ntitle: x\n---\n", -1));
  return site;
}

static void
test_find_archetype (void)
{
  static const struct {
    const char *post;
    const char *archetype;    /* relative to the site, NULL for none */
    const char *section;
  } cases[] = {
    { "content/posts/new.md", "archetypes/posts.md", "posts" },
    { "content/posts/existing.md", "archetypes/posts.md", "posts" },
    { "content/posts/2025/03/new.md", "archetypes/posts.md", "posts" },
    { "content/posts/bundle/index.md", "archetypes/posts.md", "posts" },
    { "content/notes/new.md", "archetypes/default.md", "notes" },   /* notes.md is a folder */
    { "content/recipes/new.md", "archetypes/default.md", "recipes" },
    { "content/new.md", "archetypes/default.md", "" },
    { "content/_index.md", "archetypes/default.md", "" },
    { "drafts/new.md", "archetypes/default.md", "" },
    { "new.md", "archetypes/default.md", "" },
    { "contents/posts/new.md", "archetypes/default.md", "" },
  };
  g_autofree char *site = make_site ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) post = byline_test_file_in (site, cases[i].post);
      g_autoptr(GFile) expected = byline_test_file_in (site, cases[i].archetype);
      g_autoptr(GFile) archetype = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *section = NULL;

      g_test_message ("case %u: %s", i, cases[i].post);
      archetype = byline_template_find_archetype (post, &section, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (archetype);
      g_assert_true (g_file_equal (archetype, expected));
      g_assert_cmpstr (section, ==, cases[i].section);
    }

  /* @section may be NULL. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/new.md");
    g_autoptr(GFile) archetype = byline_template_find_archetype (post, NULL, NULL, NULL);

    g_assert_nonnull (archetype);
  }

  /* Without a default.md, a section without its own archetype has none. */
  {
    g_autoptr(GFile) default_md = byline_test_file_in (site, "archetypes/default.md");
    g_autoptr(GFile) post = byline_test_file_in (site, "content/recipes/new.md");
    g_autoptr(GFile) posts_post = byline_test_file_in (site, "content/posts/new.md");
    g_autoptr(GFile) archetype = NULL;
    g_autoptr(GFile) posts_archetype = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *section = NULL;

    g_assert_true (g_file_delete (default_md, NULL, NULL));
    archetype = byline_template_find_archetype (post, &section, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (archetype);
    g_assert_cmpstr (section, ==, "recipes");

    posts_archetype = byline_template_find_archetype (posts_post, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (posts_archetype);
  }

  /* Cancelled. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/new.md");
    g_autoptr(GFile) archetype = NULL;
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancellable);
    archetype = byline_template_find_archetype (post, NULL, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (archetype);
  }

  byline_test_remove_tree (site);
}

static void
test_find_archetype_not_a_site (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-template");
  g_autoptr(GFile) post = NULL;
  g_autoptr(GFile) archetype = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *section = NULL;

  /* Archetypes and content, but no site configuration. */
  g_free (byline_test_write_file (tmp, "archetypes/default.md", DEFAULT_ARCHETYPE, -1));
  g_free (byline_test_write_file (tmp, "content/posts/a.md", "", -1));
  post = byline_test_file_in (tmp, "content/posts/new.md");

  archetype = byline_template_find_archetype (post, &section, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (archetype);
  g_assert_cmpstr (section, ==, "");

  byline_test_remove_tree (tmp);
}

/* ------------------------------------------------------------------------ */
/* New posts                                                                 */
/* ------------------------------------------------------------------------ */

static void
test_new_post (void)
{
  g_autofree char *site = make_site ();

  /* A section's archetype, the name from the file. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/hello-big-world.md");
    g_autoptr(GFile) expected = byline_test_file_in (site, "archetypes/posts.md");
    g_autoptr(GFile) archetype = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (post, NULL, &archetype, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "---\ntitle: \"Hello Big World\"\nsection: posts\n---\n");
    g_assert_nonnull (archetype);
    g_assert_true (g_file_equal (archetype, expected));
  }

  /* A page bundle, and a name given. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/the-bundle/index.md");
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (post, NULL, NULL, NULL, &error);
    g_autofree char *named = byline_template_new_post (post, "given-name", NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "---\ntitle: \"The Bundle\"\nsection: posts\n---\n");
    g_assert_cmpstr (named, ==, "---\ntitle: \"Given Name\"\nsection: posts\n---\n");
  }

  /* default.md, with the time now. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/new.md");
    g_autoptr(GFile) expected = byline_test_file_in (site, "archetypes/default.md");
    g_autoptr(GFile) archetype = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (post, NULL, &archetype, NULL, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *prefix = g_strdup_printf ("---\ntitle: 'new'\ndate: %s", today);

    g_assert_no_error (error);
    g_assert_true (g_file_equal (archetype, expected));
    /* (run at midnight, the date may be yesterday's: then the prefix check
     * is the one that fails, and says so) */
    g_assert_true (g_str_has_prefix (text, prefix));
    g_assert_true (g_str_has_suffix (text, "\ndraft: true\ntype: page\n---\n"));
  }

  byline_test_remove_tree (site);
}

/* No site, or a site without archetypes: Byline's own template. */
static void
test_new_post_builtin (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-template");
  g_autofree char *site = g_build_filename (tmp, "site", NULL);
  const char *posts[] = { "notes/my-first-post.md", "site/content/posts/my-first-post.md" };

  g_free (byline_test_write_file (tmp, "notes/other.md", "x", -1));
  g_free (byline_test_write_file (site, "config.yaml", "title: x\n", -1));

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(GFile) post = byline_test_file_in (tmp, posts[i]);
      g_autoptr(GFile) archetype = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_test_message ("case %u: %s", i, posts[i]);
      text = byline_template_new_post (post, NULL, &archetype, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (archetype);
      assert_builtin_post (text, "My First Post", BYLINE_VALUE_STRING, NULL);
    }

  /* A name with quotes and backslashes. */
  {
    g_autoptr(GFile) post = byline_test_file_in (tmp, "notes/x.md");
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (post, "say \"hi\" \\o/", NULL, NULL, &error);

    g_assert_no_error (error);
    assert_builtin_post (text, "Say \"Hi\" \\O/", BYLINE_VALUE_STRING, NULL);
  }

  byline_test_remove_tree (tmp);
}

static void
test_new_post_errors (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-template");
  g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/a.md");
  g_autoptr(GFile) section_post = byline_test_file_in (site, "content/bad/a.md");

  g_free (byline_test_write_file (site, "hugo.yaml", "title: x\n", -1));
  g_free (byline_test_write_file (site, "archetypes/default.md", "---\ntitle: {{ .Site.Title }}\n---\n", -1));
  g_free (byline_test_write_file (site, "archetypes/bad.md", "---\ntitle: \xff\xfe\n---\n", -1));

  {
    g_autoptr(GFile) archetype = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (post, NULL, &archetype, NULL, &error);

    g_assert_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_UNSUPPORTED);
    g_assert_null (text);
    g_assert_null (archetype);
    g_assert_true (g_str_has_prefix (error->message, "archetypes/default.md: "));
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = byline_template_new_post (section_post, NULL, NULL, NULL, &error);

    g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_TEXT);
    g_assert_null (text);
    g_assert_nonnull (strstr (error->message, "archetypes/bad.md"));
  }

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    g_cancellable_cancel (cancellable);
    text = byline_template_new_post (post, NULL, NULL, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (text);
  }

  byline_test_remove_tree (site);
}

typedef struct
{
  gboolean  done;
  char     *text;
  GFile    *archetype;
  GError   *error;
} AsyncResult;

static void
on_new_post_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *r = user_data;

  g_assert_null (source);
  r->text = byline_template_new_post_finish (result, &r->archetype, &r->error);
  r->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for the new post");
  return G_SOURCE_REMOVE;
}

static void
run_new_post_async (GFile        *post,
                    const char   *name,
                    GCancellable *cancellable,
                    AsyncResult  *r)
{
  guint timeout_id;

  byline_template_new_post_async (post, name, cancellable, on_new_post_cb, r);
  timeout_id = g_timeout_add_seconds (30, on_timeout_cb, NULL);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static void
test_new_post_async (void)
{
  g_autofree char *site = make_site ();

  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/async-post.md");
    g_autoptr(GFile) expected = byline_test_file_in (site, "archetypes/posts.md");
    AsyncResult r = { 0 };

    run_new_post_async (post, NULL, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_cmpstr (r.text, ==, "---\ntitle: \"Async Post\"\nsection: posts\n---\n");
    g_assert_true (g_file_equal (r.archetype, expected));
    g_free (r.text);
    g_object_unref (r.archetype);
  }

  /* A name given; @archetype need not be asked for. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/x.md");
    AsyncResult r = { 0 };

    run_new_post_async (post, "named-post", NULL, &r);
    g_assert_no_error (r.error);
    g_assert_cmpstr (r.text, ==, "---\ntitle: \"Named Post\"\nsection: posts\n---\n");
    g_free (r.text);
    g_clear_object (&r.archetype);
  }

  /* An archetype Byline can't fill in. */
  {
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/x.md");
    AsyncResult r = { 0 };

    g_free (byline_test_write_file (site, "archetypes/posts.md", "{{ if .Name }}{{ end }}", -1));
    run_new_post_async (post, NULL, NULL, &r);
    g_assert_error (r.error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_UNSUPPORTED);
    g_assert_null (r.text);
    g_assert_null (r.archetype);
    g_clear_error (&r.error);
  }

  /* Cancelled. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/x.md");
    AsyncResult r = { 0 };

    g_cancellable_cancel (cancellable);
    run_new_post_async (post, NULL, cancellable, &r);
    g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (r.text);
    g_clear_error (&r.error);
  }

  /* Byline's own template. */
  {
    g_autofree char *tmp = byline_test_make_tmp ("byline-test-template");
    g_autoptr(GFile) post = byline_test_file_in (tmp, "async-post.md");
    AsyncResult r = { 0 };

    run_new_post_async (post, NULL, NULL, &r);
    g_assert_no_error (r.error);
    g_assert_null (r.archetype);
    assert_builtin_post (r.text, "Async Post", BYLINE_VALUE_STRING, NULL);
    g_free (r.text);
    byline_test_remove_tree (tmp);
  }

  byline_test_remove_tree (site);
}

/* `title` as Hugo's default (AP style) has it: what `hugo new` (Debian's
 * 0.111.3) wrote for each of these. */
static void
test_title_case (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "the lord of the rings", "The Lord of the Rings" },
    { "a tale of two cities", "A Tale of Two Cities" },
    { "my trip to the sea", "My Trip to the Sea" },
    { "war and peace", "War and Peace" },
    { "of mice and men", "Of Mice and Men" },
    { "what is it for", "What Is It For" },
    { "state-of-the-art design", "State-of-the-Art Design" },
    { "up and down", "Up and Down" },
    { "the end of", "The End Of" },
    { "go: a guide to the go language", "Go: A Guide to the Go Language" },
    { "x vs y", "X vs Y" },
    { "vs the world", "Vs the World" },
    { "in/out of the box", "In/Out of the Box" },
    { "über café in paris", "Über Café in Paris" },
    { "notes on the 2025 tour", "Notes on the 2025 Tour" },
    { "to be or not to be", "To Be or Not to Be" },
    { "this is a test", "This Is a Test" },
    { "a", "A" },
    { "the", "The" },
    { "an apple a day", "An Apple a Day" },
    { "rock 'n' roll", "Rock 'N' Roll" },
    { "o'neil and the sea", "O'neil and the Sea" },
    { "hello-world", "Hello-World" },
    { "über_café", "Über_café" },
    { "it’s a dog's life", "It’s a Dog's Life" },
    { "e-mail for you", "E-Mail for You" },
    { "the state of the union — by the people", "The State of the Union — By the People" },
    { "1st of may", "1st of May" },
    { "iPhone and the web", "IPhone and the Web" },
    { "AI in the news", "AI in the News" },
    { "from here to there", "From Here to There" },
    { "via ferrata", "Via Ferrata" },
    { "a b", "A B" },
    { "the - end", "The - End" },
    { "long-term in-depth look", "Long-Term In-Depth Look" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BylineTemplateVars vars = { cases[i].in, "", NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *text = byline_template_expand ("{{ .Name | title }}", &vars, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/expand", test_expand);
  g_test_add_func ("/template/expand-date", test_expand_date);
  g_test_add_func ("/template/expand-now", test_expand_now);
  g_test_add_func ("/template/expand-unsupported", test_expand_unsupported);
  g_test_add_func ("/template/expand-unsupported-message", test_expand_unsupported_message);
  g_test_add_func ("/template/expand-invalid", test_expand_invalid);
  g_test_add_func ("/template/title-case", test_title_case);
  g_test_add_func ("/template/builtin", test_builtin);
  g_test_add_func ("/template/name-for", test_name_for);
  g_test_add_func ("/template/file-name-for", test_file_name_for);
  g_test_add_func ("/template/find-archetype", test_find_archetype);
  g_test_add_func ("/template/find-archetype-not-a-site", test_find_archetype_not_a_site);
  g_test_add_func ("/template/new-post", test_new_post);
  g_test_add_func ("/template/new-post-builtin", test_new_post_builtin);
  g_test_add_func ("/template/new-post-errors", test_new_post_errors);
  g_test_add_func ("/template/new-post-async", test_new_post_async);

  return g_test_run ();
}
