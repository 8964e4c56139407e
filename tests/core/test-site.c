/* test-site.c: site root detection and the site scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-site"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-site.h"
#include "byline-test-files.h"

/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *files[4];      /* relative paths to create (empty contents) */
  const char *post;          /* relative path of the post */
  const char *root;          /* expected root, relative ("" = tmp dir) */
  gboolean    is_site;
} RootCase;

static const RootCase root_cases[] = {
  { { "hugo.toml" }, "content/posts/a.md", "", TRUE },
  { { "hugo.yaml" }, "content/a.md", "", TRUE },
  { { "hugo.json" }, "a.md", "", TRUE },
  { { "config.toml" }, "content/posts/2024/a.md", "", TRUE },
  { { "config.yaml" }, "content/a.md", "", TRUE },
  { { "config.json" }, "content/a.md", "", TRUE },
  { { "hugo.yml" }, "content/a.md", "", TRUE },
  /* Hugo's configuration folder */
  { { "config/_default/hugo.toml" }, "content/posts/a.md", "", TRUE },
  { { "config/_default/config.yaml", "config/production/config.yaml" }, "content/a.md", "", TRUE },
  { { "_config.yml" }, "_posts/2024-01-01-a.md", "", TRUE },
  /* the nearest parent wins */
  { { "hugo.toml", "docs/hugo.toml" }, "docs/content/a.md", "docs", TRUE },
  /* no configuration: the post's own folder */
  { { "other.toml" }, "notes/a.md", "notes", FALSE },
  /* a folder holding a config file, not a file: ignored */
  { { "config.toml/x" }, "content/a.md", "content", FALSE },
  /* the post need not exist yet */
  { { "hugo.toml" }, "content/new/untitled.md", "", TRUE },
};

static void
test_find_root (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (root_cases); i++)
    {
      const RootCase *c = &root_cases[i];
      g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
      g_autofree char *post_path = g_build_filename (tmp, c->post, NULL);
      g_autofree char *post_dir = g_path_get_dirname (post_path);
      g_autofree char *expected = g_build_filename (tmp, c->root, NULL);
      g_autoptr(GFile) post = NULL;
      g_autoptr(GFile) root = NULL;
      g_autoptr(GFile) expected_file = NULL;
      gboolean is_site = !c->is_site;

      g_test_message ("case %u: %s", i, c->post);

      for (guint j = 0; j < G_N_ELEMENTS (c->files) && c->files[j] != NULL; j++)
        g_free (byline_test_write_file (tmp, c->files[j], "", -1));
      g_assert_cmpint (g_mkdir_with_parents (post_dir, 0755), ==, 0);
      if (!g_str_has_prefix (c->post, "content/new/"))
        g_free (byline_test_write_file (tmp, c->post, "---\ntitle: x\n---\n", -1));

      post = g_file_new_for_path (post_path);
      root = byline_site_find_root (post, &is_site, NULL);
      expected_file = g_file_new_for_path (expected);

      g_assert_nonnull (root);
      g_assert_true (g_file_equal (root, expected_file));
      g_assert_cmpint (is_site, ==, c->is_site);

      byline_test_remove_tree (tmp);
    }
}

static void
test_find_root_folder (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  g_autoptr(GFile) dir = g_file_new_for_path (tmp);
  g_autoptr(GFile) root = NULL;
  gboolean is_site = FALSE;

  g_free (byline_test_write_file (tmp, "_config.yml", "title: site\n", -1));
  root = byline_site_find_root (dir, &is_site, NULL);
  g_assert_true (g_file_equal (root, dir));
  g_assert_true (is_site);

  byline_test_remove_tree (tmp);
}

/* ------------------------------------------------------------------------ */

static const struct {
  const char *path;
  const char *contents;
} site_files[] = {
  { "hugo.toml", "baseURL = 'https://example.org/'\n" },
  { "content/posts/one.md",
    "---\n"
    "title: \"First\"\n"
    "date: 2024-01-02T10:00:00+01:00\n"
    "draft: false\n"
    "weight: 3\n"
    "tags:\n  - gnome\n  - gtk\n"
    "categories: [news]\n"
    "author: Ada\n"
    "params:\n  series: intro\n"
    "---\nBody one\n" },
  { "content/posts/two.md",
    "---\r\n"
    "title: Second\r\n"
    "date: 2024-02-03\r\n"
    "draft: true\r\n"
    "tags: [gnome, c]\r\n"
    "author: Ada\r\n"
    "---\r\nBody two\r\n" },
  { "content/posts/three.markdown",
    "\xEF\xBB\xBF---\n"
    "title: Tr\xC3\xA8s\n"
    "tags:\n  - gnome\n"
    "author: Grace\n"
    "summary: |\n  A long\n  block scalar\n"
    "---\n" },
  /* invalid YAML: skipped */
  { "content/posts/broken.md", "---\ntitle: [unclosed\ntags: x\n---\n" },
  /* no front matter: read, not a post */
  { "content/posts/plain.md", "Just text.\n" },
  /* not Markdown: ignored */
  { "content/posts/notes.txt", "---\nignored: true\n---\n" },
  /* skipped folders */
  { "themes/t/exampleSite/content/x.md", "---\nthemekey: 1\n---\n" },
  { "node_modules/p/README.md", "---\nnodekey: 1\n---\n" },
  { ".git/x.md", "---\ngitkey: 1\n---\n" },
  { "public/x.md", "---\npublickey: 1\n---\n" },
  /* TOML front matter is kept out of the YAML statistics but not a failure */
  { "content/toml.md", "+++\ntomlonly = 'T'\n+++\n" },
};

static BylineSiteIndex *
scan_site (const char *tmp)
{
  g_autofree char *post_path = g_build_filename (tmp, "content", "posts", "one.md", NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(GError) error = NULL;
  BylineSiteIndex *index;

  index = byline_site_scan (post, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (index);

  return index;
}

static void
test_scan (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  g_autoptr(BylineSiteIndex) index = NULL;
  g_autoptr(GFile) tmp_file = g_file_new_for_path (tmp);
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) titles = NULL;
  g_auto(GStrv) summary = NULL;
  g_auto(GStrv) two = NULL;
  BylineValueType type;

  for (guint i = 0; i < G_N_ELEMENTS (site_files); i++)
    g_free (byline_test_write_file (tmp, site_files[i].path, site_files[i].contents, -1));

  index = scan_site (tmp);

  g_assert_true (g_file_equal (byline_site_index_get_root (index), tmp_file));
  g_assert_true (byline_site_index_is_site (index));
  /* one, two, three, broken, plain, toml */
  g_assert_cmpuint (byline_site_index_get_n_files (index), ==, 6);
  g_assert_cmpuint (byline_site_index_get_n_posts (index), >=, 3);

  keys = byline_site_index_dup_keys (index);
  /* title and tags and author in 3 posts; then date, draft in 2 */
  g_assert_cmpstr (keys[0], ==, "author");
  g_assert_cmpstr (keys[1], ==, "tags");
  g_assert_cmpstr (keys[2], ==, "title");
  g_assert_true (g_strv_contains ((const char * const *) keys, "params.series"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "params"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_false (g_str_has_suffix (keys[i], "key"));   /* themekey, nodekey… */
      g_assert_cmpstr (keys[i], !=, "ignored");
    }

  g_assert_cmpuint (byline_site_index_get_key_count (index, "tags"), ==, 3);
  g_assert_cmpuint (byline_site_index_get_key_count (index, "draft"), ==, 2);
  g_assert_cmpuint (byline_site_index_get_key_count (index, "nope"), ==, 0);

  g_assert_true (byline_site_index_get_key_type (index, "tags", &type));
  g_assert_cmpint (type, ==, BYLINE_VALUE_SEQUENCE);
  g_assert_true (byline_site_index_get_key_type (index, "draft", &type));
  g_assert_cmpint (type, ==, BYLINE_VALUE_BOOL);
  g_assert_true (byline_site_index_get_key_type (index, "weight", &type));
  g_assert_cmpint (type, ==, BYLINE_VALUE_INT);
  g_assert_true (byline_site_index_get_key_type (index, "params", &type));
  g_assert_cmpint (type, ==, BYLINE_VALUE_MAPPING);
  g_assert_true (byline_site_index_get_key_type (index, "date", &type));
  g_assert_true (type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME);
  g_assert_false (byline_site_index_get_key_type (index, "nope", &type));

  /* list items and short strings, the most used first */
  tags = byline_site_index_dup_values (index, "tags", 0);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "gnome");
  g_assert_cmpstr (tags[1], ==, "c");     /* ties alphabetically */
  g_assert_cmpstr (tags[2], ==, "gtk");

  two = byline_site_index_dup_values (index, "tags", 2);
  g_assert_cmpuint (g_strv_length (two), ==, 2);

  authors = byline_site_index_dup_values (index, "author", 0);
  g_assert_cmpuint (g_strv_length (authors), ==, 2);
  g_assert_cmpstr (authors[0], ==, "Ada");
  g_assert_cmpstr (authors[1], ==, "Grace");

  titles = byline_site_index_dup_values (index, "title", 0);
  g_assert_true (g_strv_contains ((const char * const *) titles, "Tr\xC3\xA8s"));

  /* multi-line text is no suggestion */
  summary = byline_site_index_dup_values (index, "summary", 0);
  g_assert_cmpuint (g_strv_length (summary), ==, 0);

  byline_test_remove_tree (tmp);
}

static void
test_scan_not_a_site (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  g_autofree char *post_path = g_build_filename (tmp, "a.md", NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(BylineSiteIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  g_free (byline_test_write_file (tmp, "a.md", "---\ntags: [x]\n---\n", -1));
  g_free (byline_test_write_file (tmp, "b.md", "---\ntags: [y]\n---\n", -1));
  g_free (byline_test_write_file (tmp, "sub/c.md", "---\ntags: [z]\nsubkey: 1\n---\n", -1));

  index = byline_site_scan (post, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (byline_site_index_is_site (index));
  g_assert_cmpuint (byline_site_index_get_n_posts (index), ==, 2);
  g_assert_cmpuint (byline_site_index_get_key_count (index, "subkey"), ==, 0);

  byline_test_remove_tree (tmp);
}

static void
test_scan_cancelled (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  g_autofree char *post_path = g_build_filename (tmp, "a.md", NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylineSiteIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  g_free (byline_test_write_file (tmp, "hugo.toml", "", -1));
  g_free (byline_test_write_file (tmp, "a.md", "---\ntags: [x]\n---\n", -1));
  g_cancellable_cancel (cancellable);

  index = byline_site_scan (post, cancellable, &error);
  g_assert_null (index);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  byline_test_remove_tree (tmp);
}

static void
on_scanned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  BylineSiteIndex **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = byline_site_scan_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for the site scan");
  return G_SOURCE_REMOVE;
}

static void
test_scan_async (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  g_autofree char *post_path = g_build_filename (tmp, "content", "a.md", NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(BylineSiteIndex) index = NULL;
  g_auto(GStrv) values = NULL;
  guint timeout_id;

  g_free (byline_test_write_file (tmp, "config.toml", "", -1));
  g_free (byline_test_write_file (tmp, "content/a.md", "---\ncategories:\n- one\n- two\n---\n", -1));
  g_free (byline_test_write_file (tmp, "content/deep/er/b.md", "---\ncategories: [two]\n---\n", -1));

  byline_site_scan_async (post, NULL, on_scanned_cb, &index);
  timeout_id = g_timeout_add_seconds (30, on_timeout_cb, NULL);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  values = byline_site_index_dup_values (index, "categories", 0);
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_cmpstr (values[0], ==, "two");
  g_assert_cmpstr (values[1], ==, "one");

  byline_test_remove_tree (tmp);
}

static void
test_key_hints (void)
{
  static const struct {
    const char      *key;
    gboolean         known;
    BylineValueType  type;
  } cases[] = {
    { "tags", TRUE, BYLINE_VALUE_SEQUENCE },
    { "Tags", TRUE, BYLINE_VALUE_SEQUENCE },
    { "draft", TRUE, BYLINE_VALUE_BOOL },
    { "date", TRUE, BYLINE_VALUE_DATETIME },
    { "publishDate", TRUE, BYLINE_VALUE_DATETIME },
    { "weight", TRUE, BYLINE_VALUE_INT },
    { "summary", TRUE, BYLINE_VALUE_TEXT },
    { "title", TRUE, BYLINE_VALUE_STRING },
    { "menu", TRUE, BYLINE_VALUE_MAPPING },
    { "zzz-unknown", FALSE, BYLINE_VALUE_NULL },
  };
  const char * const *common = byline_site_common_keys ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BylineValueType type = BYLINE_VALUE_NULL;

      g_assert_cmpint (byline_site_key_hint (cases[i].key, &type), ==, cases[i].known);
      if (cases[i].known)
        g_assert_cmpint (type, ==, cases[i].type);
    }

  g_assert_nonnull (common);
  g_assert_cmpstr (common[0], ==, "title");
  g_assert_true (g_strv_contains (common, "tags"));
  g_assert_true (g_strv_contains (common, "draft"));
}

/* ------------------------------------------------------------------------ */
/* The post switcher: the list of the site's posts                           */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *path;
  const char *contents;
} SiteFile;

typedef struct
{
  const char *file;       /* relative path */
  const char *title;
  gboolean    has_title;
  const char *date;       /* ISO 8601 in UTC, or NULL */
  const char *date_text;  /* kept when it is no date, or NULL */
  gboolean    draft;
  const char *section;
} ExpectedPost;

static void
check_posts (const char         *tmp,
             const char         *scanned,
             const ExpectedPost *expected,
             guint               n_expected)
{
  g_autoptr(GFile) post = byline_test_file_in (tmp, scanned);
  g_autoptr(BylineSiteIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *posts;

  index = byline_site_scan (post, NULL, &error);
  g_assert_no_error (error);
  posts = byline_site_index_get_posts (index);
  g_assert_nonnull (posts);

  for (guint i = 0; i < posts->len; i++)
    g_test_message ("post %u: %s", i, byline_site_post_get_path (g_ptr_array_index (posts, i)));
  g_assert_cmpuint (posts->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      BylineSitePost *p = g_ptr_array_index (posts, i);
      const ExpectedPost *e = &expected[i];
      g_autofree char *path = g_build_filename (tmp, e->file, NULL);
      g_autoptr(GFile) file = byline_site_post_dup_file (p);
      g_autoptr(GFile) expected_file = g_file_new_for_path (path);
      GDateTime *date = byline_site_post_get_date (p);

      g_test_message ("expecting %u: %s", i, e->file);
      g_assert_cmpstr (byline_site_post_get_path (p), ==, path);
      g_assert_true (g_file_equal (file, expected_file));
      g_assert_cmpstr (byline_site_post_get_title (p), ==, e->title);
      g_assert_cmpint (byline_site_post_has_title (p), ==, e->has_title);
      g_assert_cmpint (byline_site_post_is_draft (p), ==, e->draft);
      g_assert_cmpstr (byline_site_post_get_section (p), ==, e->section);
      g_assert_cmpstr (byline_site_post_get_date_text (p), ==, e->date_text);
      if (e->date == NULL)
        g_assert_null (date);
      else
        {
          g_autoptr(GDateTime) utc = NULL;
          g_autofree char *iso = NULL;

          g_assert_nonnull (date);
          utc = g_date_time_to_utc (date);
          iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
          g_assert_cmpstr (iso, ==, e->date);
        }
    }
}

static void
write_site (const char     *tmp,
            const SiteFile *files,
            guint           n_files)
{
  for (guint i = 0; i < n_files; i++)
    g_free (byline_test_write_file (tmp, files[i].path, files[i].contents, -1));
}

static void
test_posts_hugo (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "title = 'Site'\n" },
    { "README.md", "# The site\n" },
    { "archetypes/default.md", "---\ntitle: '{{ .Name }}'\ndate: 2030-01-01\n---\n" },
    { "content/posts/new.md", "---\ntitle: Newest \xC3\xA9t\xC3\xA9\ndate: 2024-05-01T10:00:00+02:00\ndraft: true\n---\n" },
    { "content/posts/old.md", "---\r\ntitle: \"Old\"\r\ndate: 2023-01-01\r\ndraft: false\r\n---\r\n" },
    { "content/posts/quoted.md", "---\ntitle: Quoted date\ndate: \"2024-03-01\"\n---\n" },
    { "content/posts/publish.md", "---\ntitle: Published\npublishDate: 2024-04-01 12:30:00\n---\n" },
    { "content/notes/untitled.md", "---\ndate: 2022-06-01\ntags: [x]\n---\n" },
    { "content/posts/trip/index.md", "---\ntags: [travel]\n---\n" },
    { "content/posts/trip/photo.txt", "not a post" },
    { "content/about.md", "---\ntitle: about us\n---\n" },
    { "content/toml.md", "+++\ntitle = 'From TOML'\ndate = 2024-01-01\n+++\n" },
    { "content/broken.md", "---\ntitle: [unclosed\n---\n" },
    { "content/plain.md", "Just text.\n" },
    { "content/folded.md", "---\ntitle: >\n  two\n  lines\ndate: next spring\n---\n" },
    { "content/json.md", "{\n  \"title\": \"From JSON\",\n  \"date\": \"2024-02-01T00:00:00Z\",\n  \"draft\": true\n}\nBody\n" },
  };
  static const ExpectedPost expected[] = {
    { "content/posts/new.md", "Newest \xC3\xA9t\xC3\xA9", TRUE, "2024-05-01T08:00:00", NULL, TRUE, "posts" },
    { "content/posts/publish.md", "Published", TRUE, NULL, NULL, FALSE, "posts" },
    { "content/posts/quoted.md", "Quoted date", TRUE, "2024-03-01T00:00:00", NULL, FALSE, "posts" },
    { "content/json.md", "From JSON", TRUE, "2024-02-01T00:00:00", NULL, TRUE, NULL },
    { "content/toml.md", "From TOML", TRUE, "2024-01-01T00:00:00", NULL, FALSE, NULL },
    { "content/posts/old.md", "Old", TRUE, "2023-01-01T00:00:00", NULL, FALSE, "posts" },
    { "content/notes/untitled.md", "untitled.md", FALSE, "2022-06-01T00:00:00", NULL, FALSE, "notes" },
    /* no date: by title */
    { "content/about.md", "about us", TRUE, NULL, NULL, FALSE, NULL },
    { "content/broken.md", "broken.md", FALSE, NULL, NULL, FALSE, NULL },
    { "content/plain.md", "plain.md", FALSE, NULL, NULL, FALSE, NULL },
    { "content/posts/trip/index.md", "trip", FALSE, NULL, NULL, FALSE, "posts" },
    { "content/folded.md", "two lines", TRUE, NULL, "next spring", FALSE, NULL },
  };
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");
  ExpectedPost fixed[G_N_ELEMENTS (expected)];

  write_site (tmp, files, G_N_ELEMENTS (files));

  /* a datetime without a zone is local time: compare it in UTC */
  memcpy (fixed, expected, sizeof expected);
  {
    g_autoptr(GDateTime) local = g_date_time_new_local (2024, 4, 1, 12, 30, 0);
    g_autoptr(GDateTime) utc = g_date_time_to_utc (local);
    g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
    static char published[32];

    g_strlcpy (published, text, sizeof published);
    fixed[1].date = published;
  }

  check_posts (tmp, "content/posts/old.md", fixed, G_N_ELEMENTS (fixed));

  byline_test_remove_tree (tmp);
}

static void
test_posts_jekyll (void)
{
  static const SiteFile files[] = {
    { "_config.yml", "title: Site\n" },
    { "README.md", "# The site\n" },
    { "about.md", "---\ntitle: About\n---\n" },
    { "_posts/2024-01-05-hello.md", "---\ntitle: Hello\n---\n" },
    { "_posts/2023-12-24-dated.md", "---\ntitle: Dated\ndate: 2024-02-01 09:00:00 +0000\n---\n" },
    { "blog/_posts/2023-06-01-nested.md", "No front matter, still a post\n" },
    { "_drafts/idea.md", "---\ntitle: Idea\n---\n" },
    { "_recipes/soup.md", "---\ntitle: Soup\n---\n" },
    { "_layouts/notes.md", "No front matter: no page\n" },
  };
  static const ExpectedPost expected[] = {
    { "_posts/2023-12-24-dated.md", "Dated", TRUE, "2024-02-01T09:00:00", NULL, FALSE, "_posts" },
    { "_posts/2024-01-05-hello.md", "Hello", TRUE, "2024-01-05T00:00:00", NULL, FALSE, "_posts" },
    { "blog/_posts/2023-06-01-nested.md", "2023-06-01-nested.md", FALSE, "2023-06-01T00:00:00", NULL, FALSE, "_posts" },
    { "about.md", "About", TRUE, NULL, NULL, FALSE, NULL },
    { "_drafts/idea.md", "Idea", TRUE, NULL, NULL, TRUE, "_drafts" },
    { "_recipes/soup.md", "Soup", TRUE, NULL, NULL, FALSE, "_recipes" },
  };
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");

  write_site (tmp, files, G_N_ELEMENTS (files));
  check_posts (tmp, "about.md", expected, G_N_ELEMENTS (expected));

  byline_test_remove_tree (tmp);
}

static void
test_posts_folder (void)
{
  static const SiteFile files[] = {
    { "b.md", "---\ntitle: Bee\ndate: 2020-01-01\n---\n" },
    { "a.md", "Plain notes\n" },
    { "c.markdown", "---\ntitle: See\n---\n" },
    { "notes.txt", "---\ntitle: no\n---\n" },
    { "sub/d.md", "---\ntitle: Deeper\n---\n" },
  };
  static const ExpectedPost expected[] = {
    { "b.md", "Bee", TRUE, "2020-01-01T00:00:00", NULL, FALSE, NULL },
    { "a.md", "a.md", FALSE, NULL, NULL, FALSE, NULL },
    { "c.markdown", "See", TRUE, NULL, NULL, FALSE, NULL },
  };
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-site");

  write_site (tmp, files, G_N_ELEMENTS (files));
  check_posts (tmp, "a.md", expected, G_N_ELEMENTS (expected));

  byline_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site/find-root", test_find_root);
  g_test_add_func ("/site/find-root-folder", test_find_root_folder);
  g_test_add_func ("/site/scan", test_scan);
  g_test_add_func ("/site/scan-not-a-site", test_scan_not_a_site);
  g_test_add_func ("/site/scan-cancelled", test_scan_cancelled);
  g_test_add_func ("/site/scan-async", test_scan_async);
  g_test_add_func ("/site/key-hints", test_key_hints);
  g_test_add_func ("/site/posts/hugo", test_posts_hugo);
  g_test_add_func ("/site/posts/jekyll", test_posts_jekyll);
  g_test_add_func ("/site/posts/folder", test_posts_folder);

  return g_test_run ();
}
