/* test-site-config.c: what a site's configuration says about where the
 * site keeps things (contentDir, staticDir, archetypeDir, theme, themesDir;
 * Jekyll's source), and that the scan, new posts and images follow it.
 * Where Debian's hugo is installed, Hugo checks the same sites: `hugo new`
 * writes what byline-post new writes, `hugo list all` lists what the scan
 * finds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-site-config"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-images.h"
#include "byline-site.h"
#include "byline-site-config.h"
#include "byline-template.h"
#include "byline-test-files.h"

/* A 1×1 PNG (no image library in core tests). */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

typedef struct
{
  const char *path;
  const char *contents;   /* NULL: a PNG */
} SiteFile;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *
make_site (const SiteFile *files,
           guint           n_files)
{
  char *site = byline_test_make_tmp ("byline-test-site-config");

  for (guint i = 0; i < n_files; i++)
    {
      if (files[i].contents == NULL)
        g_free (byline_test_write_file (site, files[i].path, (const char *) tiny_png, sizeof tiny_png));
      else
        g_free (byline_test_write_file (site, files[i].path, files[i].contents, -1));
    }

  return site;
}

/* @file's path relative to @site ("" for the site itself), or the absolute
 * path when it is outside. */
static char *
site_relative (const char *site,
               GFile      *file)
{
  g_autoptr(GFile) root = g_file_new_for_path (site);
  char *rel;

  if (g_file_equal (root, file))
    return g_strdup ("");
  rel = g_file_get_relative_path (root, file);
  return rel != NULL ? rel : g_file_get_path (file);
}

/* @files (NULL-terminated) relative to @site, joined with ",". */
static char *
join_files (const char    *site,
            GFile * const *files)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *rel = site_relative (site, files[i]);

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, rel);
    }

  return g_string_free (s, FALSE);
}

static BylineSiteConfig *
load_config (const char *site)
{
  g_autoptr(GFile) root = g_file_new_for_path (site);

  return byline_site_config_new (root, NULL);
}

/* ------------------------------------------------------------------------ */
/* Reading the configuration                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char     *name;
  SiteFile        files[3];
  BylineSiteKind  kind;
  gboolean        error;        /* a configuration that can't be read */
  const char     *config_files;
  const char     *content;      /* the content folders, "," between */
  const char     *statics;
  const char     *static_dir;   /* NULL: none */
  const char     *archetypes;
  const char     *themes;
} ConfigCase;

static const ConfigCase config_cases[] = {
  { "defaults",
    { { "hugo.toml", "baseURL = 'https://example.org/'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "content", "static", "static", "archetypes", "" },
  { "toml",
    { { "hugo.toml",
        "baseURL = 'https://example.org/'\n"
        "contentDir = 'posts-src'\n"
        "staticDir = ['assets-static', 'more']\n"
        "archetypeDir = 'tpl'\n"
        "themesDir = 'vendor/themes'\n"
        "theme = 'paper'\n"
        "[params]\ncontentDir = 'not/this'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "posts-src", "assets-static,more,vendor/themes/paper/static", "assets-static",
    "tpl,vendor/themes/paper/archetypes", "vendor/themes/paper" },
  { "yaml-mixed-case",
    { { "hugo.yaml",
        "# comment\n"
        "CONTENTDIR: src\n"
        "staticdir: public-files\n"
        "ArchetypeDir: \"my archetypes\"\n"
        "THEME:\n  - a\n  - b\n"
        "ThemesDir: t\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.yaml",
    "src", "public-files,t/a/static,t/b/static", "public-files",
    "my archetypes,t/a/archetypes,t/b/archetypes", "t/a,t/b" },
  { "json",
    { { "config.json",
        "{ \"contentdir\": \"pages\", \"staticDir\": [\"s1\", \"s2\"], \"staticDir3\": \"s3\","
        "  \"theme\": \"x\" }\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "config.json",
    "pages", "s1,s2,s3,themes/x/static", "s1", "archetypes,themes/x/archetypes", "themes/x" },
  { "theme-components",
    { { "hugo.toml", "theme = ['t1', 't3']\n" },
      { "themes/t1/hugo.toml", "theme = 't2'\n" },
      { "themes/t2/config.yaml", "Theme: [t1, t4]\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "content", "static,themes/t1/static,themes/t2/static,themes/t4/static,themes/t3/static", "static",
    "archetypes,themes/t1/archetypes,themes/t2/archetypes,themes/t4/archetypes,themes/t3/archetypes",
    "themes/t1,themes/t2,themes/t4,themes/t3" },
  { "config-default",
    { { "config/_default/hugo.toml", "contentDir = 'c'\nstaticDir = 'st'\n" },
      { "config/_default/params.toml", "contentDir = 'not-this'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "config/_default/hugo.toml",
    "c", "st", "st", "archetypes", "" },
  { "root-over-config-default",
    { { "hugo.yml", "contentDir: from-root\n" },
      { "config/_default/config.toml", "contentDir = 'from-dir'\narchetypeDir = 'arch'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.yml,config/_default/config.toml",
    "from-root", "static", "static", "arch", "" },
  { "languages",
    { { "hugo.toml",
        "contentDir = 'content/en'\n"
        "[languages.en]\nweight = 1\n"
        "[languages.de]\ncontentDir = 'content/de'\n"
        "[languages.fr]\nContentDir = 'content/en'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "content/en,content/de", "static", "static", "archetypes", "" },
  { "languages-file",
    { { "config/_default/hugo.toml", "title = 'x'\n" },
      { "config/_default/languages.yaml", "en:\n  contentDir: content/english\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "config/_default/hugo.toml",
    "content,content/english", "static", "static", "archetypes", "" },
  { "absolute-and-dotdot",
    { { "hugo.toml", "contentDir = '../shared-content'\nstaticDir = '/srv/static'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "@../shared-content", "/srv/static", "/srv/static", "archetypes", "" },
  { "wrong-types",
    { { "hugo.toml", "contentDir = 3\nstaticDir = [1, 'ok', '']\ntheme = ''\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "content", "ok", "ok", "archetypes", "" },
  { "broken-toml",
    { { "hugo.toml", "contentDir = 'src'\nstaticDir = [\n" } },
    BYLINE_SITE_KIND_HUGO, TRUE, "hugo.toml",
    "content", "static", "static", "archetypes", "" },
  { "broken-yaml",
    { { "hugo.yaml", "contentDir: src\nstaticDir: [unclosed\n" } },
    BYLINE_SITE_KIND_HUGO, TRUE, "hugo.yaml",
    "content", "static", "static", "archetypes", "" },
  { "broken-json",
    { { "hugo.json", "{ \"contentDir\": \"src\", }\n" } },
    BYLINE_SITE_KIND_HUGO, TRUE, "hugo.json",
    "content", "static", "static", "archetypes", "" },
  { "not-a-table",
    { { "hugo.yaml", "- contentDir\n- src\n" } },
    BYLINE_SITE_KIND_HUGO, TRUE, "hugo.yaml",
    "content", "static", "static", "archetypes", "" },
  { "not-utf8",
    { { "hugo.toml", "contentDir = 'caf\xE9'\n" } },
    BYLINE_SITE_KIND_HUGO, TRUE, "hugo.toml",
    "content", "static", "static", "archetypes", "" },
  { "empty",
    { { "hugo.yaml", "" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.yaml",
    "content", "static", "static", "archetypes", "" },
  { "bom",
    { { "hugo.toml", "\xEF\xBB\xBF" "contentDir = 'bom'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "bom", "static", "static", "archetypes", "" },
  { "jekyll",
    { { "_config.yml", "title: Blog\nsource: site-src\n" } },
    BYLINE_SITE_KIND_JEKYLL, FALSE, "_config.yml",
    "site-src", "site-src", NULL, "", "" },
  { "module-mounts",
    { { "hugo.toml",
        "contentDir = 'not-this'\n"
        "staticDir = 'nor-this'\n"
        "[[module.mounts]]\nsource = 'docs'\ntarget = 'content'\n"
        "[[module.mounts]]\nsource = 'src/blog'\ntarget = '/content/blog'\n"
        "[[module.mounts]]\nsource = 'assets/public'\ntarget = 'static'\n"
        "[[module.mounts]]\nsource = 'my-layouts'\ntarget = 'layouts'\n"
        "[[module.mounts]]\nsource = 'contentish'\ntarget = 'contents'\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "hugo.toml",
    "docs,src/blog", "assets/public", "assets/public", "archetypes", "" },
  { "module-file",
    { { "config/_default/hugo.toml", "title = 'x'\n" },
      { "config/_default/module.yaml",
        "mounts:\n  - source: c2\n    target: content\n  - Source: a2\n    TARGET: archetypes\n" } },
    BYLINE_SITE_KIND_HUGO, FALSE, "config/_default/hugo.toml",
    "c2", "static", "static", "a2", "" },
  { "jekyll-default",
    { { "_config.yml", "title: Blog\n" } },
    BYLINE_SITE_KIND_JEKYLL, FALSE, "_config.yml",
    "", "", NULL, "", "" },
  { "jekyll-broken",
    { { "_config.yml", "source: [x\n" } },
    BYLINE_SITE_KIND_JEKYLL, TRUE, "_config.yml",
    "", "", NULL, "", "" },
  { "no-site",
    { { "notes.md", "# Notes\n" } },
    BYLINE_SITE_KIND_NONE, FALSE, "",
    "", "", NULL, "", "" },
};

static void
test_config (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (config_cases); i++)
    {
      const ConfigCase *c = &config_cases[i];
      guint n_files = 0;
      g_autofree char *site = NULL;
      g_autoptr(BylineSiteConfig) config = NULL;
      g_autofree char *files = NULL;
      g_autofree char *content = NULL;
      g_autofree char *statics = NULL;
      g_autofree char *archetypes = NULL;
      g_autofree char *themes = NULL;
      g_autofree char *expected_content = NULL;
      GFile *static_dir;

      g_test_message ("case %s", c->name);
      while (n_files < G_N_ELEMENTS (c->files) && c->files[n_files].path != NULL)
        n_files++;
      site = make_site (c->files, n_files);
      config = load_config (site);

      g_assert_cmpint (byline_site_config_get_kind (config), ==, c->kind);
      if (c->error)
        g_assert_nonnull (byline_site_config_get_error (config));
      else
        g_assert_null (byline_site_config_get_error (config));

      files = join_files (site, byline_site_config_get_files (config));
      content = join_files (site, byline_site_config_get_content_dirs (config));
      statics = join_files (site, byline_site_config_get_static_dirs (config));
      archetypes = join_files (site, byline_site_config_get_archetype_dirs (config));
      themes = join_files (site, byline_site_config_get_theme_dirs (config));

      g_assert_cmpstr (files, ==, c->config_files);
      /* "@../x": the folder beside the site */
      if (g_str_has_prefix (c->content, "@"))
        {
          g_autofree char *parent = g_path_get_dirname (site);

          expected_content = g_build_filename (parent, c->content + 4, NULL);
        }
      else
        expected_content = g_strdup (c->content);
      g_assert_cmpstr (content, ==, expected_content);
      g_assert_cmpstr (statics, ==, c->statics);
      g_assert_cmpstr (archetypes, ==, c->archetypes);
      g_assert_cmpstr (themes, ==, c->themes);

      static_dir = byline_site_config_get_static_dir (config);
      if (c->static_dir == NULL)
        g_assert_null (static_dir);
      else
        {
          g_autofree char *rel = site_relative (site, static_dir);

          g_assert_cmpstr (rel, ==, c->static_dir);
        }
      g_assert_true (byline_site_config_get_content_dir (config) ==
                     byline_site_config_get_content_dirs (config)[0]);

      byline_test_remove_tree (site);
    }
}

/* A post's own folder when there is no site; the site's root otherwise. */
static void
test_config_for_post (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "contentDir = 'src'\n" },
    { "src/posts/a.md", "---\ntitle: A\n---\n" },
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autofree char *outside = byline_test_make_tmp ("byline-test-no-site");
  g_autoptr(GFile) post = byline_test_file_in (site, "src/posts/a.md");
  g_autoptr(GFile) root = g_file_new_for_path (site);
  g_autoptr(GFile) lone = byline_test_file_in (outside, "lone.md");
  g_autoptr(GFile) outside_file = g_file_new_for_path (outside);
  g_autoptr(BylineSiteConfig) config = byline_site_config_new_for_post (post, NULL);
  g_autoptr(BylineSiteConfig) none = byline_site_config_new_for_post (lone, NULL);

  g_assert_true (g_file_equal (byline_site_config_get_root (config), root));
  g_assert_cmpint (byline_site_config_get_kind (config), ==, BYLINE_SITE_KIND_HUGO);

  g_assert_true (g_file_equal (byline_site_config_get_root (none), outside_file));
  g_assert_cmpint (byline_site_config_get_kind (none), ==, BYLINE_SITE_KIND_NONE);
  g_assert_true (g_file_equal (byline_site_config_get_content_dir (none), outside_file));
  g_assert_null (byline_site_config_get_static_dirs (none)[0]);
  g_assert_null (byline_site_config_get_static_dir (none));
  g_assert_null (byline_site_config_find_archetype (none, "posts", NULL));

  byline_test_remove_tree (site);
  byline_test_remove_tree (outside);
}

/* ------------------------------------------------------------------------ */
/* Sections, archetypes, static files                                        */
/* ------------------------------------------------------------------------ */

static void
test_section (void)
{
  static const SiteFile files[] = {
    { "hugo.toml",
      "contentDir = 'content/en'\n"
      "[languages.de]\ncontentDir = 'content/de'\n"
      "[languages.es]\ncontentDir = 'spanish'\n" },
  };
  static const struct { const char *path, *section; } cases[] = {
    { "content/en/posts/a.md", "posts" },
    { "content/en/posts/trip/index.md", "posts" },
    { "content/en/about.md", "" },
    { "content/de/blog/b.md", "blog" },   /* the deepest content folder: not "de" */
    { "spanish/notas/c.md", "notas" },
    { "content/x.md", NULL },             /* in no content folder */
    { "README.md", NULL },
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(BylineSiteConfig) config = load_config (site);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = byline_test_file_in (site, cases[i].path);
      g_autofree char *section = byline_site_config_dup_section (config, file);

      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (section, ==, cases[i].section);
    }

  byline_test_remove_tree (site);
}

/* A post's path as Hugo sees it (what ref takes) and its section, in
 * folders mounted into content/ too. */
static void
test_content_path (void)
{
  static const SiteFile files[] = {
    { "hugo.toml",
      "[[module.mounts]]\nsource = 'docs'\ntarget = 'content'\n"
      "[[module.mounts]]\nsource = 'src/blog'\ntarget = 'content/blog/'\n" },
  };
  static const struct { const char *path, *content_path, *section; } cases[] = {
    { "docs/a.md", "a.md", "" },
    { "docs/posts/trip/index.md", "posts/trip/index.md", "posts" },
    { "src/blog/c.md", "blog/c.md", "blog" },
    { "src/blog/2025/d.md", "blog/2025/d.md", "blog" },
    { "content/x.md", NULL, NULL },          /* content/ is not mounted */
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(BylineSiteConfig) config = load_config (site);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = byline_test_file_in (site, cases[i].path);
      g_autofree char *content_path = byline_site_config_dup_content_path (config, file);
      g_autofree char *section = byline_site_config_dup_section (config, file);

      g_test_message ("%s", cases[i].path);
      g_assert_cmpstr (content_path, ==, cases[i].content_path);
      g_assert_cmpstr (section, ==, cases[i].section);
    }

  byline_test_remove_tree (site);
}

/* Hugo's order: the site's SECTION.md, the themes' SECTION.md, then the
 * site's default.md, the themes' default.md. */
static void
test_find_archetype (void)
{
  static const struct {
    const char *present;    /* archetypes written, "," between */
    const char *section;
    const char *expected;   /* NULL: none */
  } cases[] = {
    { "tpl/posts.md,tpl/default.md,th/one/archetypes/posts.md", "posts", "tpl/posts.md" },
    { "tpl/default.md,th/one/archetypes/posts.md", "posts", "th/one/archetypes/posts.md" },
    { "tpl/default.md,th/two/archetypes/posts.md,th/one/archetypes/default.md", "posts",
      "th/two/archetypes/posts.md" },
    { "th/two/archetypes/posts.md,th/one/archetypes/posts.md", "posts", "th/one/archetypes/posts.md" },
    { "tpl/default.md,th/one/archetypes/default.md", "posts", "tpl/default.md" },
    { "th/two/archetypes/default.md,th/one/archetypes/notes.md", "posts", "th/two/archetypes/default.md" },
    { "tpl/posts.md,tpl/default.md", "", "tpl/default.md" },
    { "tpl/posts.md,tpl/default.md", NULL, "tpl/default.md" },
    { "archetypes/default.md,archetypes/posts.md", "posts", NULL },   /* not the archetypeDir */
    { "tpl/posts.md", "notes", NULL },
    { "tpl/posts.md/", "posts", NULL },                                /* a folder is no archetype */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      static const SiteFile config_file[] = {
        { "hugo.toml", "archetypeDir = 'tpl'\nthemesDir = 'th'\ntheme = ['one', 'two']\n" },
      };
      g_autofree char *site = make_site (config_file, 1);
      g_auto(GStrv) present = g_strsplit (cases[i].present, ",", -1);
      g_autoptr(BylineSiteConfig) config = NULL;
      g_autoptr(GFile) found = NULL;

      for (guint j = 0; present[j] != NULL; j++)
        {
          if (g_str_has_suffix (present[j], "/"))
            {
              g_autofree char *path = g_build_filename (site, present[j], NULL);

              g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
            }
          else
            g_free (byline_test_write_file (site, present[j], "---\ntitle: x\n---\n", -1));
        }

      g_test_message ("%s for %s", cases[i].present, cases[i].section);
      config = load_config (site);
      found = byline_site_config_find_archetype (config, cases[i].section, NULL);
      if (cases[i].expected == NULL)
        g_assert_null (found);
      else
        {
          g_autofree char *rel = NULL;

          g_assert_nonnull (found);
          rel = site_relative (site, found);
          g_assert_cmpstr (rel, ==, cases[i].expected);
        }

      byline_test_remove_tree (site);
    }
}

static void
test_resolve_static (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "staticDir = ['s1', 's2']\ntheme = 'th'\n" },
    { "s1/images/a.png", NULL },
    { "s2/images/a.png", NULL },
    { "s2/images/b.png", NULL },
    { "themes/th/static/images/c.png", NULL },
    { "themes/th/static/images/b.png", NULL },
    { "static/images/d.png", NULL },        /* not a staticDir here */
    { "secret.txt", "no\n" },
    { "s1/folder/x", "x\n" },
  };
  static const struct { const char *path, *expected; } cases[] = {
    { "/images/a.png", "s1/images/a.png" },
    { "/images/b.png", "s2/images/b.png" },
    { "images/b.png", "s2/images/b.png" },
    { "//images/c.png", "themes/th/static/images/c.png" },
    { "/images/d.png", NULL },
    { "/images/none.png", NULL },
    { "/../secret.txt", NULL },
    { "/images/../../secret.txt", NULL },
    { "/folder", NULL },
    { "/", NULL },
    { "", NULL },
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(BylineSiteConfig) config = load_config (site);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) found = byline_site_config_resolve_static (config, cases[i].path, NULL);

      g_test_message ("%s", cases[i].path);
      if (cases[i].expected == NULL)
        g_assert_null (found);
      else
        {
          g_autofree char *rel = NULL;

          g_assert_nonnull (found);
          rel = site_relative (site, found);
          g_assert_cmpstr (rel, ==, cases[i].expected);
        }
    }

  byline_test_remove_tree (site);
}

/* ------------------------------------------------------------------------ */
/* What follows the configuration: the scan, new posts, images               */
/* ------------------------------------------------------------------------ */

static const SiteFile custom_site[] = {
  { "hugo.toml",
    "baseURL = 'https://example.org/'\n"
    "ContentDir = 'src'\n"
    "archetypedir = 'tpl'\n"
    "themesDir = 'vthemes'\n"
    "theme = ['t1']\n"
    "staticDir = ['files', 'more-files']\n"
    "disableKinds = ['RSS', 'sitemap', 'robotsTXT', '404', 'taxonomy', 'term']\n" },
  { "src/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [inside]\n---\n" },
  { "src/notes/trip/index.md", "---\ntitle: Trip\ndraft: true\n---\n" },
  { "src/top.md", "---\ntitle: Top\n---\n" },
  /* Hugo's default content folder, not this site's: not posts */
  { "content/old/o.md", "---\ntitle: Old\ntags: [outside]\n---\n" },
  { "README.md", "---\ntitle: Readme\n---\n" },
  /* folders Hugo reads in a content folder (only hidden ones are not) */
  { "src/resources/r.md", "---\ntitle: Resources section\n---\n" },
  { "src/public/p.md", "---\ntitle: Public section\n---\n" },
  { "src/.hidden/h.md", "---\ntitle: Hidden\n---\n" },
  { "tpl/default.md", "---\nfrom: site-default\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\n---\n" },
  { "tpl/posts.md", "---\nfrom: site-posts\nsection: \"{{ .Section }}\"\n---\n" },
  { "vthemes/t1/archetypes/notes.md", "---\nfrom: theme-notes\ntype: \"{{ .Type }}\"\n---\n" },
  { "vthemes/t1/archetypes/posts.md", "---\nfrom: theme-posts\n---\n" },
  { "vthemes/t1/archetypes/default.md", "---\nfrom: theme-default\n---\n" },
  { "vthemes/t1/layouts/_default/single.html", "{{ .Title }}\n" },
  { "vthemes/t1/layouts/_default/list.html", "{{ .Title }}\n" },
  { "vthemes/t1/static/images/theme.png", NULL },
  { "more-files/images/more.png", NULL },
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
scanned_paths (const char       *site,
               BylineSiteIndex  *index)
{
  GPtrArray *posts = byline_site_index_get_posts (index);
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < posts->len; i++)
    {
      g_autoptr(GFile) file = byline_site_post_dup_file (g_ptr_array_index (posts, i));

      g_ptr_array_add (paths, site_relative (site, file));
    }
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);

  return (char **) g_ptr_array_free (paths, FALSE);
}

static void
test_scan_content_dir (void)
{
  g_autofree char *site = make_site (custom_site, G_N_ELEMENTS (custom_site));
  g_autoptr(GFile) post = byline_test_file_in (site, "src/posts/a.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSiteIndex) index = byline_site_scan (post, NULL, &error);
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *joined = NULL;
  GPtrArray *posts;

  g_assert_no_error (error);
  g_assert_nonnull (byline_site_index_get_config (index));
  g_assert_cmpint (byline_site_config_get_kind (byline_site_index_get_config (index)), ==,
                   BYLINE_SITE_KIND_HUGO);

  paths = scanned_paths (site, index);
  joined = g_strjoinv (",", paths);
  g_assert_cmpstr (joined, ==, "src/notes/trip/index.md,src/posts/a.md,src/public/p.md,src/resources/r.md,src/top.md");

  /* sections under contentDir */
  posts = byline_site_index_get_posts (index);
  for (guint i = 0; i < posts->len; i++)
    {
      BylineSitePost *p = g_ptr_array_index (posts, i);
      const char *title = byline_site_post_get_title (p);
      const char *section = byline_site_post_get_section (p);

      if (g_str_equal (title, "A"))
        g_assert_cmpstr (section, ==, "posts");
      else if (g_str_equal (title, "Trip"))
        g_assert_cmpstr (section, ==, "notes");
      else if (g_str_equal (title, "Resources section"))
        g_assert_cmpstr (section, ==, "resources");
      else if (g_str_equal (title, "Public section"))
        g_assert_cmpstr (section, ==, "public");
      else
        {
          g_assert_cmpstr (title, ==, "Top");
          g_assert_null (section);
        }
    }

  /* suggestions come from the content folder only */
  tags = byline_site_index_dup_values (index, "tags", 0);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "inside");

  byline_test_remove_tree (site);
}

/* A broken configuration: the scan still reads Hugo's default content/. */
static void
test_scan_broken_config (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "contentDir = 'src\n" },
    { "content/posts/a.md", "---\ntitle: A\n---\n" },
    { "src/posts/b.md", "---\ntitle: B\n---\n" },
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(GFile) post = byline_test_file_in (site, "content/posts/a.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSiteIndex) index = byline_site_scan (post, NULL, &error);
  g_auto(GStrv) paths = NULL;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  paths = scanned_paths (site, index);
  joined = g_strjoinv (",", paths);
  g_assert_cmpstr (joined, ==, "content/posts/a.md");
  g_assert_nonnull (byline_site_config_get_error (byline_site_index_get_config (index)));

  byline_test_remove_tree (site);
}

/* Jekyll's source: the posts are read there. */
static void
test_scan_jekyll_source (void)
{
  static const SiteFile files[] = {
    { "_config.yml", "title: Blog\nsource: site\n" },
    { "site/_posts/2024-01-02-hello.md", "---\ntitle: Hello\n---\n" },
    { "site/about.md", "---\ntitle: About\n---\n" },
    { "notes/todo.md", "---\ntitle: Not in the source\n---\n" },
  };
  g_autofree char *site = make_site (files, G_N_ELEMENTS (files));
  g_autoptr(GFile) post = byline_test_file_in (site, "site/about.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSiteIndex) index = byline_site_scan (post, NULL, &error);
  g_auto(GStrv) paths = NULL;
  g_autofree char *joined = NULL;
  GPtrArray *posts;

  g_assert_no_error (error);
  paths = scanned_paths (site, index);
  joined = g_strjoinv (",", paths);
  g_assert_cmpstr (joined, ==, "site/_posts/2024-01-02-hello.md,site/about.md");

  posts = byline_site_index_get_posts (index);
  g_assert_cmpstr (byline_site_post_get_section (g_ptr_array_index (posts, 0)), ==, "_posts");

  byline_test_remove_tree (site);
}

static void
test_new_post (void)
{
  static const struct { const char *path, *archetype, *contains; } cases[] = {
    { "src/posts/new-one.md", "tpl/posts.md", "section: \"posts\"\n" },
    { "src/notes/idea.md", "vthemes/t1/archetypes/notes.md", "type: \"notes\"\n" },
    { "src/misc/other-thing.md", "tpl/default.md", "title: \"Other Thing\"\n" },
    { "src/first.md", "tpl/default.md", "from: site-default\n" },
    /* outside contentDir: no section */
    { "content/posts/stray.md", "tpl/default.md", "from: site-default\n" },
  };
  g_autofree char *site = make_site (custom_site, G_N_ELEMENTS (custom_site));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = byline_test_file_in (site, cases[i].path);
      g_autoptr(GFile) archetype = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *rel = NULL;

      g_test_message ("%s", cases[i].path);
      text = byline_template_new_post (file, NULL, &archetype, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (archetype);
      rel = site_relative (site, archetype);
      g_assert_cmpstr (rel, ==, cases[i].archetype);
      g_assert_nonnull (strstr (text, cases[i].contains));
    }

  byline_test_remove_tree (site);
}

static void
test_images (void)
{
  static const struct { const char *post, *image, *link, *copy_to; } cases[] = {
    /* not a page bundle: copied into the first staticDir */
    { "src/posts/a.md", "outside/photo.png", "/images/photo.png", "files/images/photo.png" },
    /* already in a static folder (the second, the theme's): linked */
    { "src/posts/a.md", "more-files/images/more.png", "/images/more.png", NULL },
    { "src/posts/a.md", "vthemes/t1/static/images/theme.png", "/images/theme.png", NULL },
    /* a page bundle keeps its images */
    { "src/notes/trip/index.md", "outside/photo.png", "photo.png", "src/notes/trip/photo.png" },
  };
  g_autofree char *site = make_site (custom_site, G_N_ELEMENTS (custom_site));

  g_free (byline_test_write_file (site, "outside/photo.png", (const char *) tiny_png, sizeof tiny_png));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) post = byline_test_file_in (site, cases[i].post);
      g_autoptr(GFile) image = byline_test_file_in (site, cases[i].image);
      g_autoptr(GFile) copy_to = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *link = NULL;

      g_test_message ("%s for %s", cases[i].image, cases[i].post);
      link = byline_images_plan (post, image, &copy_to, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (link, ==, cases[i].link);
      if (cases[i].copy_to == NULL)
        g_assert_null (copy_to);
      else
        {
          g_autofree char *rel = site_relative (site, copy_to);

          g_assert_cmpstr (rel, ==, cases[i].copy_to);
        }
    }

  byline_test_remove_tree (site);
}

/* ------------------------------------------------------------------------ */
/* Hugo as the reference                                                     */
/* ------------------------------------------------------------------------ */

/* Runs hugo on @site; its standard output, or NULL (skipping) when hugo is
 * not installed. */
static char *
run_hugo (const char  *site,
          const char **args)
{
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *cache = g_build_filename (site, ".cache", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (hugo == NULL)
    return NULL;

  g_ptr_array_add (argv, hugo);
  g_ptr_array_add (argv, (char *) "--source");
  g_ptr_array_add (argv, (char *) site);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "HOME", site, TRUE);
  envp = g_environ_setenv (envp, "HUGO_CACHEDIR", cache, TRUE);

  g_spawn_sync (site, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("hugo failed: %s", err);

  return g_steal_pointer (&out);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* `hugo new` in a site with a custom contentDir, archetypeDir and theme
 * writes what byline-post new (and the core under it) writes. */
static void
test_hugo_new (void)
{
  static const char * const paths[] = {
    "posts/new-one.md",        /* the site's section archetype */
    "notes/idea.md",           /* the theme's section archetype, before the site's default */
    "misc/other-thing.md",     /* the site's default */
    "first.md",                /* no section */
  };
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *site = NULL;
  g_autofree char *byline_post = NULL;

  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed (Debian package hugo)");
      return;
    }

  site = make_site (custom_site, G_N_ELEMENTS (custom_site));
  byline_post = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                  "..", "src", "byline-post", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *args[] = { "new", paths[i], NULL };
      g_autofree char *rel = g_build_filename ("src", paths[i], NULL);
      g_autofree char *path = g_build_filename (site, rel, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *from_hugo = NULL;
      g_autofree char *from_core = NULL;
      g_autofree char *out = NULL;

      g_test_message ("hugo new %s", paths[i]);
      from_core = byline_template_new_post (file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      out = run_hugo (site, args);
      from_hugo = read_text (path);
      g_assert_cmpstr (from_core, ==, from_hugo);

      /* byline-post new, next to the core */
      if (g_file_test (byline_post, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_autofree char *from_cli = NULL;
          const char *argv[] = { byline_post, "new", path, NULL };
          int status = 0;

          g_assert_cmpint (g_unlink (path), ==, 0);
          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, &error);
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          from_cli = read_text (path);
          g_assert_cmpstr (from_cli, ==, from_hugo);
          g_test_message ("byline-post new %s: the same bytes", rel);
        }
      else
        g_test_message ("%s is not built: only the core is compared", byline_post);
    }

  byline_test_remove_tree (site);
}

/* Theme components: a theme's own configuration names more themes, which
 * come right after it (t1, then t2 that t1 names, then t3). */
static void
test_hugo_new_components (void)
{
  static const SiteFile files[] = {
    { "hugo.toml", "baseURL = 'https://example.org/'\ntheme = ['t1', 't3']\n" },
    { "themes/t1/hugo.toml", "theme = 't2'\n" },
    { "themes/t2/archetypes/x.md", "---\nfrom: t2\n---\n" },
    { "themes/t3/archetypes/x.md", "---\nfrom: t3\n---\n" },
    { "themes/t3/archetypes/default.md", "---\nfrom: t3-default\n---\n" },
    { "content/x/.keep", "" },
  };
  static const char * const paths[] = { "x/a.md", "y/b.md" };
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *site = NULL;

  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed (Debian package hugo)");
      return;
    }

  site = make_site (files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *args[] = { "new", paths[i], NULL };
      g_autofree char *path = g_build_filename (site, "content", paths[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *from_core = NULL;
      g_autofree char *from_hugo = NULL;
      g_autofree char *out = NULL;

      from_core = byline_template_new_post (file, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      out = run_hugo (site, args);
      from_hugo = read_text (path);
      g_assert_cmpstr (from_core, ==, from_hugo);
    }

  byline_test_remove_tree (site);
}

/* The first column of `hugo list all` (the posts' paths, relative to the
 * site), sorted and joined with ",". */
static char *
hugo_listed (const char *site)
{
  const char *args[] = { "list", "all", NULL };
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = run_hugo (site, args);
  g_auto(GStrv) lines = NULL;

  /* CSV: path,slug,title,… after a header line; our paths have no commas */
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "path,"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *comma = strchr (lines[i], ',');

      if (comma != NULL)
        g_ptr_array_add (listed, g_strndup (lines[i], comma - lines[i]));
    }
  g_ptr_array_sort (listed, compare_strings);
  g_ptr_array_add (listed, NULL);

  return g_strjoinv (",", (char **) listed->pdata);
}

/* The posts the scan finds for @post_rel's site, joined as hugo_listed(). */
static char *
scan_listed (const char *site,
             const char *post_rel)
{
  g_autoptr(GFile) post = byline_test_file_in (site, post_rel);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSiteIndex) index = byline_site_scan (post, NULL, &error);
  g_auto(GStrv) paths = NULL;

  g_assert_no_error (error);
  paths = scanned_paths (site, index);
  return g_strjoinv (",", paths);
}

/* `hugo list all` lists the posts the scan finds in a custom contentDir,
 * in each language's own, and in the folders Hugo Modules mount as
 * content. */
static void
test_hugo_list (void)
{
  static const SiteFile languages_site[] = {
    { "hugo.toml",
      "baseURL = 'https://example.org/'\n"
      "defaultContentLanguage = 'en'\n"
      "contentDir = 'content/en'\n"
      "[languages.en]\nweight = 1\n"
      "[languages.de]\nweight = 2\ncontentdir = 'content/de'\n" },
    { "content/en/posts/e.md", "---\ntitle: E\n---\n" },
    { "content/de/posts/d.md", "---\ntitle: D\n---\n" },
    { "content/de/ueber.md", "---\ntitle: Über\n---\n" },
  };
  static const SiteFile mounts_site[] = {
    { "hugo.toml",
      "baseURL = 'https://example.org/'\n"
      "[[module.mounts]]\nsource = 'docs'\ntarget = 'content'\n"
      "[[module.mounts]]\nsource = 'src/blog'\ntarget = 'content/blog'\n" },
    { "docs/a.md", "---\ntitle: A\n---\n" },
    { "docs/posts/b.md", "---\ntitle: B\n---\n" },
    { "src/blog/c.md", "---\ntitle: C\n---\n" },
    { "content/not-mounted.md", "---\ntitle: N\n---\n" },
  };
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *site = NULL;
  g_autofree char *from_hugo = NULL;
  g_autofree char *from_scan = NULL;

  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed (Debian package hugo)");
      return;
    }

  site = make_site (custom_site, G_N_ELEMENTS (custom_site));
  from_hugo = hugo_listed (site);
  from_scan = scan_listed (site, "src/top.md");
  g_assert_cmpstr (from_scan, ==, from_hugo);
  g_assert_cmpstr (from_scan, ==, "src/notes/trip/index.md,src/posts/a.md,src/public/p.md,"
                                  "src/resources/r.md,src/top.md");
  byline_test_remove_tree (site);
  g_clear_pointer (&site, g_free);
  g_clear_pointer (&from_hugo, g_free);
  g_clear_pointer (&from_scan, g_free);

  site = make_site (languages_site, G_N_ELEMENTS (languages_site));
  from_hugo = hugo_listed (site);
  from_scan = scan_listed (site, "content/en/posts/e.md");
  g_assert_cmpstr (from_scan, ==, from_hugo);
  g_assert_cmpstr (from_scan, ==, "content/de/posts/d.md,content/de/ueber.md,content/en/posts/e.md");
  byline_test_remove_tree (site);
  g_clear_pointer (&site, g_free);
  g_clear_pointer (&from_hugo, g_free);
  g_clear_pointer (&from_scan, g_free);

  /* Hugo Modules' mounts replace content/ */
  site = make_site (mounts_site, G_N_ELEMENTS (mounts_site));
  from_hugo = hugo_listed (site);
  from_scan = scan_listed (site, "docs/a.md");
  g_assert_cmpstr (from_scan, ==, from_hugo);
  g_assert_cmpstr (from_scan, ==, "docs/a.md,docs/posts/b.md,src/blog/c.md");
  byline_test_remove_tree (site);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-config/read", test_config);
  g_test_add_func ("/site-config/for-post", test_config_for_post);
  g_test_add_func ("/site-config/section", test_section);
  g_test_add_func ("/site-config/content-path", test_content_path);
  g_test_add_func ("/site-config/find-archetype", test_find_archetype);
  g_test_add_func ("/site-config/resolve-static", test_resolve_static);
  g_test_add_func ("/site-config/scan-content-dir", test_scan_content_dir);
  g_test_add_func ("/site-config/scan-broken-config", test_scan_broken_config);
  g_test_add_func ("/site-config/scan-jekyll-source", test_scan_jekyll_source);
  g_test_add_func ("/site-config/new-post", test_new_post);
  g_test_add_func ("/site-config/images", test_images);
  g_test_add_func ("/site-config/hugo-new", test_hugo_new);
  g_test_add_func ("/site-config/hugo-list", test_hugo_list);
  g_test_add_func ("/site-config/hugo-new-components", test_hugo_new_components);

  return g_test_run ();
}
