/* test-link-check.c: broken local links of a post's body, with real files
 * in temporary folders: which links are found (not in code, not URLs),
 * where they are (bytes and lines as GtkTextBuffer counts them), and how
 * their targets are looked for (beside the post, static folders, Hugo's
 * ref, Jekyll's post_url).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-link-check"

#include "config.h"

#include <string.h>

#include "byline-front-matter.h"
#include "byline-link-check.h"
#include "byline-markdown.h"
#include "byline-test-files.h"

typedef struct {
  const char *path;
  const char *contents;
} SiteFile;

static char *
make_site (const SiteFile *files,
           guint           n_files)
{
  char *dir = byline_test_make_tmp ("byline-test-link-check");

  for (guint i = 0; i < n_files; i++)
    g_free (byline_test_write_file (dir, files[i].path, files[i].contents, -1));
  return dir;
}

/* The problems of @body in @dir/@post, as "text-marked|message" lines. */
static GPtrArray *
check (const char *dir,
       const char *post,
       const char *body)
{
  g_autoptr(GFile) file = byline_test_file_in (dir, post);

  return byline_link_check (body, -1, file, NULL, NULL);
}

static char *
marked (const char        *body,
        BylineLinkProblem *problem)
{
  return g_strndup (body + problem->start, problem->end - problem->start);
}

static const SiteFile plain_site[] = {
  { "posts/current.md", "x\n" },
  { "posts/other.md", "o\n" },
  { "posts/images/a.png", "png" },
  { "posts/files/doc.pdf", "pdf" },
};

/* A body to check as @post of a site, and what it should find broken. */
typedef struct {
  const char *body;
  const char *marked;   /* the one broken link's text; NULL: nothing broken */
  const char *message;
} LinkCase;

static void
check_cases (const char     *dir,
             const char     *post,
             const LinkCase *cases,
             gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GPtrArray) problems = check (dir, post, cases[i].body);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].body);
      if (cases[i].marked == NULL)
        g_assert_cmpuint (problems->len, ==, 0);
      else
        {
          BylineLinkProblem *problem;
          g_autofree char *text = NULL;

          g_assert_cmpuint (problems->len, ==, 1);
          problem = g_ptr_array_index (problems, 0);
          text = marked (cases[i].body, problem);
          g_assert_cmpstr (text, ==, cases[i].marked);
          g_assert_cmpstr (problem->message, ==, cases[i].message);
        }
    }
}

/* Relative links and images in a folder that is no site. */
static void
test_relative (void)
{
  g_autofree char *dir = make_site (plain_site, G_N_ELEMENTS (plain_site));
  static const LinkCase cases[] = {
    { "See [o](other.md).\n", NULL, NULL },
    { "See [o](missing.md).\n", "[o](missing.md)", "No post “missing.md” beside the post" },
    { "![a](images/a.png)\n", NULL, NULL },
    { "![a](images/b.png)\n", "![a](images/b.png)", "No file “images/b.png” beside the post" },
    { "![a](<images/a.png> \"t\")\n", NULL, NULL },
    { "[pdf](files/doc.pdf) [x](files/none.pdf#p=2)\n", "[x](files/none.pdf#p=2)", "No file “files/none.pdf” beside the post" },
    { "[%](images/a%2Epng)\n", NULL, NULL },
    { "[page](/about/) [p](../x/) [h](x.html) [f](/index.xml) [j](/feed.json)\n", NULL, NULL },
    { "# Top\n\n## Set up\n\n## Set up\n\n[t](#top) [s](#set-up) [s](#set-up-1) [o](other.md#nowhere)\n", NULL, NULL },
    { "# Top\n\n[t](#nowhere)\n", "[t](#nowhere)", "No heading “#nowhere” in the post" },
    { "# Top\n\n<span id=\"here\"></span>[t](#here)\n", NULL, NULL },
    { "[w](https://example.com/none.png) ![i](https://example.com/i.png) [m](mailto:a@b.c) [p](//host/x.png)\n", NULL, NULL },
    { "<https://example.com/x.md> www.example.com/y.md\n", NULL, NULL },
    { "`[no](code.md)` and ``![x](y.png)``\n", NULL, NULL },
    { "```\n[no](code.md)\n```\n\n    ![x](indented.png)\n", NULL, NULL },
    { "~~~md\n![x](y.png)\n~~~\n", NULL, NULL },
    { "Ref [r][id] here.\n\n[id]: none.md\n", "none.md", "No post “none.md” beside the post" },
    { "x <img src=\"images/none.png\" alt=\"\"> y\n", "<img src=\"images/none.png\"", "No file “images/none.png” beside the post" },
    { "<p>\n<a href=\"gone.md\">x</a>\n</p>\n", "<a href=\"gone.md\"", "No post “gone.md” beside the post" },
    { "[![a](images/none.png)](other.md)\n", "![a](images/none.png)", "No file “images/none.png” beside the post" },
  };

  check_cases (dir, "posts/current.md", cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

/* Reference links ("[t][ref]" with "[ref]: dest"): a broken one is marked
 * where it is fixed, at its definition's destination, once however many
 * links use it; a reference that is defined nowhere is no link (cmark-gfm
 * reads it as text) and is not marked; a definition no link uses is still
 * marked when broken. */
typedef struct {
  const char *body;
  const char *marked;   /* the marked texts, ";" between; "" for none */
  const char *message;  /* of the first */
} DefCase;

static void
test_definitions (void)
{
  g_autofree char *dir = make_site (plain_site, G_N_ELEMENTS (plain_site));
  static const DefCase cases[] = {
    /* used three times, one mark */
    { "![a][logo] ![b][logo] and ![c][LOGO]\n\n[logo]: images/missing.png\n",
      "images/missing.png", "No file “images/missing.png” beside the post" },
    { "[d] and [d][] and [t][d]\n\n[d]: none.md\n", "none.md", "No post “none.md” beside the post" },
    { "![a][ok] [b][ok]\n\n[ok]: images/a.png\n", "", NULL },
    /* defined nowhere: text, not a link */
    { "See [text][nowhere], [alone] and ![i][gone].\n", "", NULL },
    { "See [text][nowhere].\n\n[other]: images/a.png\n", "", NULL },
    /* used by no link */
    { "Text.\n\n[unused]: images/missing.png\n", "images/missing.png",
      "No file “images/missing.png” beside the post" },
    { "Text.\n\n[unused]: images/a.png \"A title\"\n", "", NULL },
    { "Text.\n\n[page]: /about/\n[site]: https://example.com/none.png\n", "", NULL },
    /* how definitions are written */
    { "[x][d]\n\n[d]: <files/none.pdf> \"Title\"\n", "files/none.pdf", "No file “files/none.pdf” beside the post" },
    { "[x][d]\n\n[d]:\n   files/none.pdf\n  'Title'\n", "files/none.pdf", "No file “files/none.pdf” beside the post" },
    { "[x][d]\n\n  [d]:   files/none.pdf\n", "files/none.pdf", "No file “files/none.pdf” beside the post" },
    { "[x][d]\r\n\r\n[d]: files/none.pdf\r\n", "files/none.pdf", "No file “files/none.pdf” beside the post" },
    { "[x][d]\n\n[d]: files/no\\_ne.pdf\n", "files/no\\_ne.pdf", "No file “files/no_ne.pdf” beside the post" },
    { "> [x][d]\n>\n> [d]: none.md\n", "none.md", "No post “none.md” beside the post" },
    { "- ![a][d]\n\n- [d]: images/none.png\n", "images/none.png", "No file “images/none.png” beside the post" },
    { "[x][e]\n\n[d]: other.md\n[e]: none.md\nText after.\n", "none.md", "No post “none.md” beside the post" },
    { "# Top\n\n[t][a]\n\n[a]: #nowhere\n", "#nowhere", "No heading “#nowhere” in the post" },
    /* the first definition of a label is the one used */
    { "[x][d]\n\n[d]: files/doc.pdf\n[D]: files/none.pdf\n", "", NULL },
    /* an inline link to the same file keeps its own mark */
    { "[a](none.md) and [b][d]\n\n[d]: none.md\n", "[a](none.md);none.md", "No post “none.md” beside the post" },
    /* no definitions: code, HTML, a paragraph's later line, footnotes */
    { "```\n[d]: none.md\n```\n\n    [e]: none.md\n", "", NULL },
    { "<pre>\n\n[d]: none.md\n</pre>\n", "", NULL },
    { "A paragraph\n[d]: none.md\n", "", NULL },
    { "Note[^1].\n\n[^1]: images/none.png\n", "", NULL },
    /* a definition that can't be placed (an entity): marked where used */
    { "[x][d]\n\n[d]: files/n&amp;e.pdf\n", "[x][d]", "No file “files/n&e.pdf” beside the post" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = check (dir, "posts/current.md", cases[i].body);
      g_autoptr(GString) texts = g_string_new (NULL);

      g_test_message ("case %u: %s", i, cases[i].body);
      for (guint j = 0; j < problems->len; j++)
        {
          g_autofree char *text = marked (cases[i].body, g_ptr_array_index (problems, j));

          g_string_append_printf (texts, "%s%s", j > 0 ? ";" : "", text);
        }
      g_assert_cmpstr (texts->str, ==, cases[i].marked);
      if (cases[i].message != NULL)
        g_assert_cmpstr (((BylineLinkProblem *) g_ptr_array_index (problems, 0))->message, ==, cases[i].message);
    }

  /* where the mark is, as GtkTextBuffer counts */
  {
    const char *body = "漢字 [x][d]\r\n\r\n> [d]: none.md\r\n";
    g_autoptr(GPtrArray) problems = check (dir, "posts/current.md", body);
    BylineLinkProblem *problem;

    g_assert_cmpuint (problems->len, ==, 1);
    problem = g_ptr_array_index (problems, 0);
    g_assert_cmpuint (problem->start_line, ==, 2);
    g_assert_cmpuint (problem->start_index, ==, 7);
    g_assert_cmpuint (problem->end_line, ==, 2);
    g_assert_cmpuint (problem->end_index, ==, 14);
  }
  byline_test_remove_tree (dir);
}

/* byline_markdown_dup_link_definitions(): the destination's place, the
 * target as cmark-gfm reads it, the label as written. */
static void
test_definitions_found (void)
{
  const char *body = "Text [a].\n\n[A  b]: <x y.png> \"t\"\n[c]:\n  c\\_d.md\n[a b]: ignored.md\n\n"
                     "```\n[e]: code.md\n```\n";
  g_autoptr(GPtrArray) defs = byline_markdown_dup_link_definitions (body, -1);
  static const struct {
    const char *written;
    const char *target;
    const char *label;
  } expected[] = {
    { "x y.png", "x y.png", "A  b" },
    { "c\\_d.md", "c_d.md", "c" },
  };

  g_assert_cmpuint (defs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < defs->len; i++)
    {
      BylineMarkdownLink *def = g_ptr_array_index (defs, i);
      g_autofree char *written = g_strndup (body + def->start, def->end - def->start);

      g_assert_cmpint (def->kind, ==, BYLINE_MARKDOWN_LINK_LINK);
      g_assert_cmpstr (written, ==, expected[i].written);
      g_assert_cmpstr (def->target, ==, expected[i].target);
      g_assert_cmpstr (def->tag, ==, expected[i].label);
    }

  /* no definition, or none found: empty */
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = byline_markdown_dup_link_definitions ("", 0);
  g_assert_cmpuint (defs->len, ==, 0);
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = byline_markdown_dup_link_definitions ("```\nopen code\n[d]: x.md\n", -1);
  g_assert_cmpuint (defs->len, ==, 0);
}

/* The links and definitions of a text read no further than its length:
 * here a buffer with no NUL after it (ASan sees a read past it). */
static void
test_unterminated (void)
{
  static const char * const texts[] = {
    "> [x]f[d\" =\n ",
    "[x][d]\n\n[d]: none.md",
    "{{<",
    "[d]:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize len = strlen (texts[i]);
      g_autofree char *text = g_memdup2 (texts[i], len);   /* no NUL */
      g_autoptr(GPtrArray) links = byline_markdown_dup_links (text, len);
      g_autoptr(GPtrArray) defs = byline_markdown_dup_link_definitions (text, len);

      for (guint j = 0; j < defs->len; j++)
        g_assert_cmpuint (((BylineMarkdownLink *) g_ptr_array_index (defs, j))->end, <=, len);
      g_assert_cmpuint (links->len, <=, len);
    }
}

static const SiteFile hugo_site[] = {
  { "hugo.toml", "title = 'Test'\n" },
  { "content/posts/current.md", "x\n" },
  { "content/posts/a.md", "a\n" },
  { "content/posts/trip/index.md", "t\n" },
  { "content/posts/current/photo.jpg", "j" },
  { "static/images/logo.png", "png" },
};

/* Site-root images from static/, ref and relref, figures. */
static void
test_hugo (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  static const LinkCase cases[] = {
    { "![l](/images/logo.png)\n", NULL, NULL },
    { "![l](/images/none.png)\n", "![l](/images/none.png)", "No file “/images/none.png” in the site’s static folders" },
    { "![l](images/logo.png)\n", NULL, NULL },   /* Hugo's absURL: from the root */
    { "[a]({{< ref \"posts/a.md\" >}}) [t]({{< relref \"posts/trip\" >}}) [b]({{< ref \"a\" >}})\n", NULL, NULL },
    { "[a]({{< ref \"/posts/a\" >}})\n", NULL, NULL },
    { "x [n]({{< ref \"posts/none.md\" >}}) y\n", "[n]({{< ref \"posts/none.md\" >}})", "No post “posts/none.md” in the site’s content" },
    { "[n]({{% relref \"gone\" %}})\n", "[n]({{% relref \"gone\" %}})", "No post “gone” in the site’s content" },
    { "{{< figure src=\"/images/logo.png\" >}}\n", NULL, NULL },
    { "{{< figure src=\"/images/gone.png\" caption=\"A [b](c)\" >}}\n", "{{< figure src=\"/images/gone.png\" caption=\"A [b](c)\" >}}", "No file “/images/gone.png” in the site’s static folders" },
    { "```\n{{< figure src=\"/images/gone.png\" >}}\n[n]({{< ref \"none\" >}})\n```\n", NULL, NULL },
    { "{{< highlight md >}}\n![x](/nothing.png)\n{{< /highlight >}}\n", NULL, NULL },
    { "`[n]({{< ref \"none\" >}})`\n", NULL, NULL },
  };

  check_cases (dir, "content/posts/current.md", cases, G_N_ELEMENTS (cases));
  byline_test_remove_tree (dir);
}

static const SiteFile jekyll_site[] = {
  { "_config.yml", "title: Test\n" },
  { "_posts/2025-02-13-current.md", "x\n" },
  { "_posts/2025-01-01-old.md", "o\n" },
  { "about.md", "a\n" },
  { "assets/x.png", "png" },
};

static void
test_jekyll (void)
{
  g_autofree char *dir = make_site (jekyll_site, G_N_ELEMENTS (jekyll_site));
  const char *body = "[o]({% post_url 2025-01-01-old %}) [n]({% post_url 2024-01-01-none %})\n"
                     "[a]({% link about.md %}) [b]({% link nothing.md %}) ![x](/assets/x.png)\n";
  g_autoptr(GPtrArray) problems = check (dir, "_posts/2025-02-13-current.md", body);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (problems->len, ==, 2);
  first = marked (body, g_ptr_array_index (problems, 0));
  second = marked (body, g_ptr_array_index (problems, 1));
  g_assert_cmpstr (first, ==, "[n]({% post_url 2024-01-01-none %})");
  g_assert_cmpstr (second, ==, "[b]({% link nothing.md %})");
  g_assert_cmpstr (((BylineLinkProblem *) g_ptr_array_index (problems, 0))->message, ==,
                   "No post “2024-01-01-none” in the site’s content");
  byline_test_remove_tree (dir);
}

/* Lines and indexes as GtkTextBuffer counts them: CRLF, a lone CR, CJK text
 * before a link (bytes, not characters), indented continuation lines
 * (cmark-gfm 0.29 counts their columns wrong), and the body of a file with
 * a BOM and front matter. */
static void
test_positions (void)
{
  g_autofree char *dir = make_site (plain_site, G_N_ELEMENTS (plain_site));
  static const struct {
    const char *body;
    guint line, index, end_line, end_index;
  } cases[] = {
    { "a\nb [x](n.md)\n", 1, 2, 1, 11 },
    { "a\r\nb [x](n.md)\r\n", 1, 2, 1, 11 },
    { "a\rb\r\n\r\n[x](n.md)", 3, 0, 3, 9 },
    { "漢字かな [x](n.md)\n", 0, 13, 0, 22 },
    { "para\n   three [x](n.md)\n", 1, 9, 1, 18 },
    { "> quote\n>   more [x](n.md)\n", 1, 9, 1, 18 },
    { "- item\n\tlazy [x](n.md)\n", 1, 6, 1, 15 },
    { "a [x\ny](n.md)\n", 0, 2, 1, 8 },
    { "a\xe2\x80\xa9" "b [x](n.md)\n", 1, 2, 1, 11 },   /* U+2029 ends a line */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) problems = check (dir, "posts/current.md", cases[i].body);
      BylineLinkProblem *problem;

      g_test_message ("case %u", i);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpuint (problem->start_line, ==, cases[i].line);
      g_assert_cmpuint (problem->start_index, ==, cases[i].index);
      g_assert_cmpuint (problem->end_line, ==, cases[i].end_line);
      g_assert_cmpuint (problem->end_index, ==, cases[i].end_index);
    }

  /* A file with a BOM, CRLF and front matter: the body's own positions */
  {
    const char *file = "\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n漢 [x](n.md)\r\n";
    BylinePostSplit split;
    const char *body;
    g_autoptr(GPtrArray) problems = NULL;
    BylineLinkProblem *problem;
    g_autofree char *text = NULL;

    byline_post_split (file, -1, &split);
    g_assert_true (split.has_bom);
    body = file + split.body_start;
    problems = check (dir, "posts/current.md", body);
    g_assert_cmpuint (problems->len, ==, 1);
    problem = g_ptr_array_index (problems, 0);
    text = marked (body, problem);
    g_assert_cmpstr (text, ==, "[x](n.md)");
    g_assert_cmpuint (problem->start_line, ==, 0);
    g_assert_cmpuint (problem->start_index, ==, 4);
  }
  byline_test_remove_tree (dir);
}

/* An unsaved post: nothing can be checked. */
static void
test_no_post (void)
{
  g_autoptr(GPtrArray) problems = byline_link_check ("[x](none.md) ![i](/none.png)\n", -1, NULL, NULL, NULL);

  g_assert_cmpuint (problems->len, ==, 0);
}

/* byline_link_check_find_post(), which the preview uses for a click. */
static void
test_find_post (void)
{
  g_autofree char *dir = make_site (hugo_site, G_N_ELEMENTS (hugo_site));
  g_autoptr(GFile) post = byline_test_file_in (dir, "content/posts/current.md");
  g_autoptr(BylineSiteConfig) config = byline_site_config_new_for_post (post, NULL);
  static const struct {
    const char *path;
    const char *found;   /* relative to dir; NULL: none */
  } cases[] = {
    { "a.md", "content/posts/a.md" },
    { "a", "content/posts/a.md" },
    { "trip", "content/posts/trip/index.md" },
    { "posts/trip", "content/posts/trip/index.md" },
    { "/posts/a", "content/posts/a.md" },
    { "/a", NULL },
    { "none", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) found = byline_link_check_find_post (post, config, cases[i].path, NULL);
      g_autoptr(GFile) expected = cases[i].found ? byline_test_file_in (dir, cases[i].found) : NULL;

      g_test_message ("case %u: %s", i, cases[i].path);
      if (expected == NULL)
        g_assert_null (found);
      else
        g_assert_true (found != NULL && g_file_equal (found, expected));
    }
  byline_test_remove_tree (dir);
}

/* Every post of the corpus: each link found starts where a link, an image,
 * raw HTML or a shortcode starts, and ends inside the body; checking them
 * (against a folder where nothing is) does not fail. */
static void
test_corpus (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_posts = 0, n_links = 0, n_defs = 0;

  if (shared == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR is not set: no corpus to read");
      return;
    }
  corpus = g_build_filename (shared, "corpus", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("no corpus folder in BYLINE_SHARED_DIR");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GPtrArray) defs = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GFile) post = NULL;
      BylinePostSplit split;
      const char *body;
      gsize len;

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &text, &len, NULL) ||
          !g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
        continue;
      byline_post_split (text, len, &split);
      body = text + split.body_start;
      len -= split.body_start;
      links = byline_markdown_dup_links (body, len);
      for (guint i = 0; i < links->len; i++)
        {
          BylineMarkdownLink *link = g_ptr_array_index (links, i);

          g_assert_cmpuint (link->start, <, link->end);
          g_assert_cmpuint (link->end, <=, len);
          g_assert_nonnull (strchr ("[!<{", body[link->start]));
          if (link->kind == BYLINE_MARKDOWN_LINK_LINK || link->kind == BYLINE_MARKDOWN_LINK_IMAGE ||
              link->kind == BYLINE_MARKDOWN_LINK_POST)
            g_assert_nonnull (strchr ("])", body[link->end - 1]));
        }
      post = g_file_new_build_filename (g_get_tmp_dir (), "byline-no-such-folder", name, NULL);
      defs = byline_markdown_dup_link_definitions (body, len);
      for (guint i = 0; i < defs->len; i++)
        {
          BylineMarkdownLink *def = g_ptr_array_index (defs, i);

          g_assert_cmpuint (def->start, <, def->end);
          g_assert_cmpuint (def->end, <=, len);
          g_assert_true (i == 0 || def->start > ((BylineMarkdownLink *) g_ptr_array_index (defs, i - 1))->end);
        }
      problems = byline_link_check (body, len, post, NULL, NULL);
      g_assert_cmpuint (problems->len, <=, links->len + defs->len);
      for (guint i = 0; i < problems->len; i++)
        {
          BylineLinkProblem *problem = g_ptr_array_index (problems, i);

          if (g_str_has_prefix (problem->message, "No heading"))
            g_test_message ("%s: %s", name, problem->message);
        }
      n_links += links->len;
      n_defs += defs->len;
      n_posts++;
    }
  g_test_message ("%u posts, %u links, %u reference definitions", n_posts, n_links, n_defs);
  g_assert_cmpuint (n_posts, >, 100);
  g_assert_cmpuint (n_links, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/link-check/relative", test_relative);
  g_test_add_func ("/link-check/definitions", test_definitions);
  g_test_add_func ("/link-check/definitions-found", test_definitions_found);
  g_test_add_func ("/link-check/unterminated", test_unterminated);
  g_test_add_func ("/link-check/hugo", test_hugo);
  g_test_add_func ("/link-check/jekyll", test_jekyll);
  g_test_add_func ("/link-check/positions", test_positions);
  g_test_add_func ("/link-check/no-post", test_no_post);
  g_test_add_func ("/link-check/find-post", test_find_post);
  g_test_add_func ("/link-check/corpus", test_corpus);

  return g_test_run ();
}
