/* test-site-link.c: the Markdown link from one post to another post of the
 * site: Hugo's ref (plain posts, bundles, contentDir, a language's
 * contentDir, module mounts), Jekyll's post_url and link, relative paths in a folder that
 * is no site, and the escaping of the link text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-site-link"

#include "config.h"

#include <string.h>

#include "byline-site-config.h"
#include "byline-site-link.h"
#include "byline-test-files.h"

typedef struct
{
  const char *from;       /* the post the link is written in, in the site */
  const char *post;       /* the post linked to */
  const char *expected;   /* the destination */
} LinkCase;

/* A site of @config_name holding @config_text; its configuration. */
static BylineSiteConfig *
make_site (const char  *config_name,
           const char  *config_text,
           char       **dir_out)
{
  char *dir = byline_test_make_tmp ("byline-test-site-link");
  g_autoptr(GFile) root = g_file_new_for_path (dir);

  if (config_name != NULL)
    g_free (byline_test_write_file (dir, config_name, config_text, -1));
  *dir_out = dir;
  return byline_site_config_new (root, NULL);
}

/* Each case of @cases in the site at @dir (the files need not exist: the
 * link is made from the paths alone). */
static void
check_cases (BylineSiteConfig *config,
             const char       *dir,
             const LinkCase   *cases,
             guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GFile) from = byline_test_file_in (dir, cases[i].from);
      g_autoptr(GFile) post = byline_test_file_in (dir, cases[i].post);
      g_autofree char *destination = byline_site_link_dup_destination (config, from, post);

      g_test_message ("%s -> %s", cases[i].from, cases[i].post);
      g_assert_cmpstr (destination, ==, cases[i].expected);
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void
test_hugo (void)
{
  static const LinkCase cases[] = {
    { "content/posts/current.md", "content/posts/a.md", "{{< ref \"posts/a.md\" >}}" },
    { "content/posts/current.md", "content/posts/b/index.md", "{{< ref \"posts/b\" >}}" },
    { "content/posts/current.md", "content/posts/b/index.fr.md", "{{< ref \"posts/b\" >}}" },
    { "content/posts/current.md", "content/posts/_index.md", "{{< ref \"posts/_index.md\" >}}" },
    { "content/posts/current.md", "content/about.md", "{{< ref \"about.md\" >}}" },
    { "content/posts/current.md", "content/posts/2024/deep/x.markdown", "{{< ref \"posts/2024/deep/x.markdown\" >}}" },
    { "content/posts/current.md", "content/posts/my trip (2).md", "{{< ref \"posts/my trip (2).md\" >}}" },
    { "content/posts/current.md", "content/posts/say \"hi\".md", "{{< ref `posts/say \"hi\".md` >}}" },
    /* outside the content: a relative path */
    { "content/posts/current.md", "notes/todo.md", "../../notes/todo.md" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("hugo.toml", "title = 'Test'\n", &dir);

  g_assert_cmpint (byline_site_config_get_kind (config), ==, BYLINE_SITE_KIND_HUGO);
  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* contentDir set in the configuration: paths are relative to it. */
static void
test_hugo_content_dir (void)
{
  static const LinkCase cases[] = {
    { "src/pages/posts/current.md", "src/pages/posts/a.md", "{{< ref \"posts/a.md\" >}}" },
    { "src/pages/posts/current.md", "src/pages/trip/index.md", "{{< ref \"trip\" >}}" },
    /* content/ is not the content folder here */
    { "src/pages/posts/current.md", "content/posts/a.md", "../../../content/posts/a.md" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("config.toml", "contentDir = 'src/pages'\n", &dir);

  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* Languages with their own contentDir: the one that holds the post. */
static void
test_hugo_languages (void)
{
  static const LinkCase cases[] = {
    { "content/en/posts/current.md", "content/en/posts/a.md", "{{< ref \"posts/a.md\" >}}" },
    { "content/en/posts/current.md", "content/de/posts/b.md", "{{< ref \"posts/b.md\" >}}" },
    { "content/de/posts/b.md", "content/de/reise/index.md", "{{< ref \"reise\" >}}" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config =
    make_site ("hugo.toml",
               "contentDir = 'content/en'\n"
               "[languages.en]\nweight = 1\n"
               "[languages.de]\ncontentDir = 'content/de'\nweight = 2\n",
               &dir);

  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* A language's contentDir inside the default one: the deepest wins. */
static void
test_hugo_nested_content_dirs (void)
{
  static const LinkCase cases[] = {
    { "content/a.md", "content/fr/posts/b.md", "{{< ref \"posts/b.md\" >}}" },
    { "content/a.md", "content/posts/c.md", "{{< ref \"posts/c.md\" >}}" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config =
    make_site ("hugo.toml", "[languages.fr]\ncontentDir = 'content/fr'\n", &dir);

  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* Module mounts: the path under the mount's target. */
static void
test_hugo_mounts (void)
{
  static const LinkCase cases[] = {
    { "docs/a.md", "docs/posts/b.md", "{{< ref \"posts/b.md\" >}}" },
    { "docs/a.md", "src/blog/c.md", "{{< ref \"blog/c.md\" >}}" },
    { "docs/a.md", "src/blog/trip/index.md", "{{< ref \"blog/trip\" >}}" },
    /* content/ is not mounted */
    { "docs/a.md", "content/d.md", "../content/d.md" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config =
    make_site ("hugo.toml",
               "[[module.mounts]]\nsource = 'docs'\ntarget = 'content'\n"
               "[[module.mounts]]\nsource = 'src/blog'\ntarget = 'content/blog'\n",
               &dir);

  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

static void
test_jekyll (void)
{
  static const LinkCase cases[] = {
    { "_posts/2025-01-01-current.md", "_posts/2025-02-13-my-title.md", "{% post_url 2025-02-13-my-title %}" },
    { "_posts/2025-01-01-current.md", "_posts/travel/2025-03-01-alps.markdown", "{% post_url travel/2025-03-01-alps %}" },
    { "_posts/2025-01-01-current.md", "blog/_posts/2024-05-05-x.md", "{% post_url 2024-05-05-x %}" },
    { "_posts/2025-01-01-current.md", "about.md", "{% link about.md %}" },
    { "_posts/2025-01-01-current.md", "docs/guide.md", "{% link docs/guide.md %}" },
    { "_posts/2025-01-01-current.md", "_drafts/idea.md", "{% link _drafts/idea.md %}" },
    /* a folder named like a post, not a _posts folder */
    { "_posts/2025-01-01-current.md", "_posts_old/a.md", "{% link _posts_old/a.md %}" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("_config.yml", "title: Test\n", &dir);

  g_assert_cmpint (byline_site_config_get_kind (config), ==, BYLINE_SITE_KIND_JEKYLL);
  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* source: set: paths relative to it. */
static void
test_jekyll_source (void)
{
  static const LinkCase cases[] = {
    { "site/_posts/2025-01-01-current.md", "site/_posts/2025-02-13-b.md", "{% post_url 2025-02-13-b %}" },
    { "site/_posts/2025-01-01-current.md", "site/pages/p.md", "{% link pages/p.md %}" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("_config.yml", "source: site\n", &dir);

  check_cases (config, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* No site: a relative path, escaped for a Markdown link destination. */
static void
test_plain_folder (void)
{
  static const LinkCase cases[] = {
    { "blog/current.md", "blog/other.md", "other.md" },
    { "blog/current.md", "blog/sub/deeper/x.md", "sub/deeper/x.md" },
    { "blog/a/current.md", "blog/b/other.md", "../b/other.md" },
    { "blog/a/b/current.md", "other.md", "../../../other.md" },
    { "blog/current.md", "blog/other post.md", "other%20post.md" },
    { "blog/current.md", "blog/notes (old)/a b.md", "notes%20%28old%29/a%20b.md" },
    { "blog/current.md", "blog/100% #1?.md", "100%25%20%231%3F.md" },
    { "blog/current.md", "blog/a:b.md", "a%3Ab.md" },
    { "blog/current.md", "blog/<x>.md", "%3Cx%3E.md" },
    { "blog/current.md", "blog/\xC3\xA9t\xC3\xA9.md", "\xC3\xA9t\xC3\xA9.md" },
    { "blog/current.md", "blog/it's+more.md", "it's+more.md" },
    /* a folder whose name starts like the post's own */
    { "blog/current.md", "blogs/x.md", "../blogs/x.md" },
  };
  g_autofree char *dir = byline_test_make_tmp ("byline-test-site-link");
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(BylineSiteConfig) none = byline_site_config_new (root, NULL);

  /* no configuration at all, and a folder's of kind NONE: the same */
  check_cases (NULL, dir, cases, G_N_ELEMENTS (cases));
  g_assert_cmpint (byline_site_config_get_kind (none), ==, BYLINE_SITE_KIND_NONE);
  check_cases (none, dir, cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* A post never saved has no folder to be relative to. */
static void
test_no_from (void)
{
  g_autoptr(GFile) post = g_file_new_for_path ("/tmp/blog/a.md");
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("hugo.toml", "", &dir);
  g_autoptr(GFile) in_site = byline_test_file_in (dir, "content/a.md");
  g_autofree char *hugo = NULL;

  g_assert_null (byline_site_link_dup_destination (NULL, NULL, post));
  g_assert_null (byline_site_link_for_post (NULL, NULL, post, "A"));

  /* a site's link needs no folder */
  hugo = byline_site_link_for_post (config, NULL, in_site, "A");
  g_assert_cmpstr (hugo, ==, "[A]({{< ref \"a.md\" >}})");
  byline_test_remove_tree (dir);
}

static void
test_escape_text (void)
{
  static const struct {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "Plain title", "Plain title" },
    { "[draft] notes", "\\[draft\\] notes" },
    { "a\\b", "a\\\\b" },
    { "]][[", "\\]\\]\\[\\[" },
    { "*emphasis* and (parens)", "*emphasis* and (parens)" },
    { "\xC3\x89t\xC3\xA9 [\xE6\x97\xA5]", "\xC3\x89t\xC3\xA9 \\[\xE6\x97\xA5\\]" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = byline_site_link_escape_text (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

/* The whole link: escaped text, then the destination. */
static void
test_link (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(BylineSiteConfig) config = make_site ("hugo.toml", "", &dir);
  g_autoptr(GFile) from = byline_test_file_in (dir, "content/posts/current.md");
  g_autoptr(GFile) bundle = byline_test_file_in (dir, "content/posts/b/index.md");
  g_autoptr(GFile) plain_from = g_file_new_for_path ("/tmp/blog/current.md");
  g_autoptr(GFile) plain = g_file_new_for_path ("/tmp/other post.md");
  g_autofree char *hugo = byline_site_link_for_post (config, from, bundle, "The [best] trip");
  g_autofree char *relative = byline_site_link_for_post (NULL, plain_from, plain, "a\\b");

  g_assert_cmpstr (hugo, ==, "[The \\[best\\] trip]({{< ref \"posts/b\" >}})");
  g_assert_cmpstr (relative, ==, "[a\\\\b](../other%20post.md)");
  byline_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-link/hugo", test_hugo);
  g_test_add_func ("/site-link/hugo-content-dir", test_hugo_content_dir);
  g_test_add_func ("/site-link/hugo-languages", test_hugo_languages);
  g_test_add_func ("/site-link/hugo-nested-content-dirs", test_hugo_nested_content_dirs);
  g_test_add_func ("/site-link/hugo-mounts", test_hugo_mounts);
  g_test_add_func ("/site-link/jekyll", test_jekyll);
  g_test_add_func ("/site-link/jekyll-source", test_jekyll_source);
  g_test_add_func ("/site-link/plain-folder", test_plain_folder);
  g_test_add_func ("/site-link/no-from", test_no_from);
  g_test_add_func ("/site-link/escape-text", test_escape_text);
  g_test_add_func ("/site-link/link", test_link);

  return g_test_run ();
}
