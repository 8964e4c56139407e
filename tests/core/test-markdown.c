/* test-markdown.c: byline-markdown, the body rendered in blocks, shortcode and
 * math placeholders, heading ids and the table of contents, the header built
 * from the front matter, the standalone page, and the text helpers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-markdown"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-markdown.h"

/* ------------------------------------------------------------------------ */
/* Rendering                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char          *name;
  const char          *markdown;
  BylineMarkdownFlags  flags;
  const char          *static_uri;
  const char          *has[6];      /* substrings the HTML must hold */
  const char          *has_not[4];  /* and must not */
} RenderCase;

static const RenderCase render_cases[] = {
  { "table", "| a | b |\n|---|--:|\n| 1 | 2 |\n", 0, NULL,
    { "<table>", "<th>a</th>", "<td align=\"right\">2</td>" }, { NULL } },
  { "strikethrough", "Some ~~old~~ text.\n", 0, NULL,
    { "<del>old</del>" }, { "~~" } },
  { "autolink", "See www.example.com and https://gnome.org.\n", 0, NULL,
    { "<a href=\"http://www.example.com\">www.example.com</a>", "<a href=\"https://gnome.org\">" }, { NULL } },
  { "task list", "- [x] done\n- [ ] todo\n", 0, NULL,
    { "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done", "<input type=\"checkbox\" disabled=\"\" /> todo" },
    { "[x]" } },
  { "footnote", "Text[^a].\n\n[^a]: The note.\n", 0, NULL,
    { "<sup class=\"footnote-ref\">", "<section class=\"footnotes\"", "The note." }, { "[^a]" } },
  { "raw html omitted", "<b>bold</b>\n\n<script>alert(1)</script>\n\nInline <i>x</i>.\n", 0, NULL,
    { "<!-- raw HTML omitted -->" }, { "<b>", "<script", "<i>" } },
  { "raw html allowed, scripts filtered", "<b>bold</b>\n\n<script>alert(1)</script>\n\n<iframe src=x></iframe>\n",
    BYLINE_MARKDOWN_RAW_HTML, NULL,
    { "<b>bold</b>", "&lt;script>", "&lt;iframe" }, { "<script", "<iframe" } },
  { "dangerous links blanked", "[x](javascript:alert(1))\n", 0, NULL,
    { "<a href=\"\">x</a>" }, { "javascript:" } },
  { "smart punctuation", "\"Quoted\" -- and --- dots...\n", BYLINE_MARKDOWN_SMART, NULL,
    { "“Quoted”", "–", "—", "…" }, { NULL } },
  { "no smart punctuation", "\"Quoted\" -- x\n", 0, NULL,
    { "&quot;Quoted&quot; -- x" }, { "“" } },
  { "source positions relative to the block", "First.\n\n\n- a\n- b\n", BYLINE_MARKDOWN_SOURCEPOS, NULL,
    { "<p data-sourcepos=\"1:1-1:6\">", "<ul data-sourcepos=\"1:1-2:3\">", "<li data-sourcepos=\"2:1-2:3\">" },
    { "4:1" } },
  { "heading ids", "# Hello, World!\n\n## Hello, World!\n\n### Ünïcode `code` _em_\n", 0, NULL,
    { "<h1 id=\"hello-world\">", "<h2 id=\"hello-world-1\">", "<h3 id=\"ünïcode-code-em\">" }, { NULL } },
  { "figure shortcode", "{{< figure src=\"/img/a.png\" alt=\"Alt\" caption=\"A *fine* caption\" >}}\n", 0,
    "file:///site/static/",
    { "<span class=\"bl-figure\">", "src=\"file:///site/static/img/a.png\"", "data-bl-src=\"/img/a.png\"",
      "alt=\"Alt\"", "A <em>fine</em> caption" }, { "{{" } },
  { "youtube shortcode", "Watch {{< youtube id=\"abc_123\" >}} now.\n", 0, NULL,
    { "<a href=\"https://www.youtube.com/watch?v=abc_123\">", "bl-embed" }, { "{{" } },
  { "other shortcodes", "{{% notice tip \"A title\" %}}\nInside *it*.\n{{% /notice %}}\n", 0, NULL,
    { "bl-shortcode-name\">notice<", "tip &quot;A title&quot;", "<em>it</em>", ">/notice<" }, { "{{" } },
  { "self-closing and odd spacing", "{{<gist  user  12ab />}}\n", 0, NULL,
    { "https://gist.github.com/user/12ab" }, { "{{" } },
  { "multi-line shortcode", "Before\n{{< figure\n    src=\"x.png\"\n    caption=\"C\" >}}\nafter.\n", 0, NULL,
    { "src=\"x.png\"", "<span class=\"bl-caption\">C</span>", "after." }, { "{{", "\xee\x80" } },
  { "escaped shortcode", "Write {{</* figure src=\"x\" */>}} to show one.\n", 0, NULL,
    { "{{&lt; figure src=&quot;x&quot; &gt;}}" }, { "/*", "bl-figure" } },
  { "shortcode in inline code", "`{{< youtube x >}}` is how.\n", 0, NULL,
    { "<code>{{&lt; youtube x &gt;}}</code>" }, { "bl-embed" } },
  { "shortcode in fenced code", "```go\n{{< figure src=\"x\" >}}\n{{</* x */>}}\n```\n", 0, NULL,
    { "{{&lt; figure src=&quot;x&quot; &gt;}}\n{{&lt; x &gt;}}\n</code>" }, { "bl-figure", "/*" } },
  { "shortcode in indented code", "Text.\n\n    {{< youtube x >}} and $a$\n", BYLINE_MARKDOWN_MATH, NULL,
    { "<pre><code>{{&lt; youtube x &gt;}} and $a$\n</code></pre>" }, { "bl-embed", "bl-math" } },
  { "ref in a link", "[Other]({{< ref \"other-post.md\" >}}) and [b]({{< relref path=\"b.md\" >}}).\n", 0, NULL,
    { "<a href=\"other-post.md\">Other</a>", "<a href=\"b.md\">b</a>" }, { "{{", "%EE" } },
  { "highlight shortcode", "{{< highlight go >}}\nfunc main() { `x` }\n{{< /highlight >}}\n", 0, NULL,
    { "<pre><code class=\"language-go\">func main() { `x` }\n</code></pre>" }, { "{{" } },
  { "unclosed shortcode", "A {{< broken\n\nB\n", 0, NULL,
    { "{{&lt; broken" }, { NULL } },
  { "math", "Euler $e^{i\\pi}+1=0$ and\n\n$$\n\\sum_{k=1}^n k_i * 2\n$$\n", BYLINE_MARKDOWN_MATH, NULL,
    { "<code class=\"bl-math\">e^{i\\pi}+1=0</code>", "<code class=\"bl-math bl-math-display\">\n\\sum_{k=1}^n k_i * 2\n</code>" },
    { "<em>", "$" } },
  { "dollars that are not math", "It costs $5 and $6, or `$HOME`, or \\$x$.\n", BYLINE_MARKDOWN_MATH, NULL,
    { "$5 and $6", "<code>$HOME</code>" }, { "bl-math" } },
  { "math off", "Euler $e^{i\\pi}$.\n", 0, NULL,
    { "$e^{i\\pi}$" }, { "bl-math" } },
  { "site-root images", "![a](/images/a.png) ![b](b.png) ![c](//cdn.example/c.png) ![d](https://x/d.png)\n", 0,
    "file:///site/static/",
    { "<img data-bl-src=\"/images/a.png\" src=\"file:///site/static/images/a.png\"", "<img src=\"b.png\"",
      "<img src=\"//cdn.example/c.png\"", "<img src=\"https://x/d.png\"" }, { NULL } },
  { "site-root images left alone", "![a](/images/a.png)\n", 0, NULL,
    { "<img src=\"/images/a.png\"" }, { "data-bl-src" } },
  { "our token characters in the text", "Odd \xee\x80\x80" "0\xee\x80\x81 {{< youtube x >}}\n", 0, NULL,
    { "\xee\x80\x80" "0\xee\x80\x81", "{{&lt; youtube x &gt;}}" }, { "bl-embed" } },
};

static void
test_render_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      const RenderCase *c = &render_cases[i];
      g_autoptr(BylineRender) render = byline_render_new (c->markdown, -1, c->flags, c->static_uri);
      g_autofree char *html = byline_render_dup_html (render);

      g_test_message ("case: %s\n%s", c->name, html);
      g_assert_true (g_utf8_validate (html, -1, NULL));
      for (guint j = 0; j < G_N_ELEMENTS (c->has) && c->has[j]; j++)
        if (strstr (html, c->has[j]) == NULL)
          g_error ("%s: missing “%s” in\n%s", c->name, c->has[j], html);
      for (guint j = 0; j < G_N_ELEMENTS (c->has_not) && c->has_not[j]; j++)
        if (strstr (html, c->has_not[j]) != NULL)
          g_error ("%s: unexpected “%s” in\n%s", c->name, c->has_not[j], html);
    }
}

/* Blocks and their source lines: the pre-pass keeps every line where it was. */
static void
test_blocks_and_lines (void)
{
  static const char *markdown =
    "# Title\n"                              /* 1 */
    "\n"
    "A paragraph\n"                          /* 3 */
    "{{< figure\n"                           /* 4 */
    "    src=\"a.png\" >}}\n"                /* 5 */
    "over lines.\n"                          /* 6 */
    "\n"
    "$$\n"                                   /* 8 */
    "x\n"
    "$$\n"                                   /* 10 */
    "\n"
    "```\n"                                  /* 12 */
    "code\n"
    "```\n"                                  /* 14 */
    "\n"
    "- a\n"                                  /* 16 */
    "- b\n"                                  /* 17 */
    "\n"
    "Note[^1].\n"                            /* 19 */
    "\n"
    "[^1]: A note.\n";                       /* 21 */
  static const guint expected[][2] = {
    { 1, 1 }, { 3, 6 }, { 8, 10 }, { 12, 14 }, { 16, 17 }, { 19, 19 },
  };
  g_autoptr(BylineRender) render = byline_render_new (markdown, -1,
                                                       BYLINE_MARKDOWN_MATH | BYLINE_MARKDOWN_SOURCEPOS, NULL);

  g_assert_cmpuint (byline_render_get_n_blocks (render), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint start, end;
      const char *html = byline_render_get_block (render, i, &start, &end);

      g_test_message ("block %u: %u-%u %s", i, start, end, html);
      g_assert_cmpuint (start, ==, expected[i][0]);
      g_assert_cmpuint (end, ==, expected[i][1]);
      /* Every block's positions start at its own line 1. */
      if (strstr (html, "data-sourcepos") != NULL)
        g_assert_nonnull (strstr (html, "data-sourcepos=\"1:"));
    }

  g_assert_nonnull (strstr (byline_render_get_footnotes (render), "A note."));
  g_assert_true (byline_render_has_math (render));
  g_assert_false (byline_render_has_code (render));   /* no language on the fence */
}

/* The HTML of a block does not change when lines are added above it: what
 * lets the preview swap only what changed. */
static void
test_diff (void)
{
  static const char *before = "# A\n\nOne.\n\nTwo.\n\nThree.\n\n## B\n\nFour.\n";
  static const char *after = "# A\n\n\n\nOne.\n\nTwo, edited.\n\nThree.\n\n## B\n\nFour.\n";
  g_autoptr(BylineRender) old = byline_render_new (before, -1, BYLINE_MARKDOWN_SOURCEPOS, NULL);
  g_autoptr(BylineRender) new_ = byline_render_new (after, -1, BYLINE_MARKDOWN_SOURCEPOS, NULL);
  guint first, same_end, start, end;

  byline_render_diff (old, new_, &first, &same_end);
  g_assert_cmpuint (first, ==, 2);      /* "# A" and "One." */
  g_assert_cmpuint (same_end, ==, 3);   /* "Three.", "## B", "Four." */
  byline_render_get_block (new_, 1, &start, &end);
  g_assert_cmpuint (start, ==, 5);      /* moved down, same HTML */

  byline_render_diff (NULL, new_, &first, &same_end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (same_end, ==, 0);

  byline_render_diff (new_, new_, &first, &same_end);
  g_assert_cmpuint (first, ==, byline_render_get_n_blocks (new_));
  g_assert_cmpuint (same_end, ==, 0);
}

typedef struct {
  const char *markdown;
  const char *toc;
} TocCase;

static const TocCase toc_cases[] = {
  { "No headings.\n", "" },
  { "## A\n\n### B\n\n## C\n",
    "<ul><li><a href=\"#a\">A</a><ul><li><a href=\"#b\">B</a></li></ul></li><li><a href=\"#c\">C</a></li></ul>" },
  /* A skipped level nests in an empty item. */
  { "## A\n\n#### D\n\n## C\n",
    "<ul><li><a href=\"#a\">A</a><ul><li><ul><li><a href=\"#d\">D</a></li></ul></li></ul></li>"
    "<li><a href=\"#c\">C</a></li></ul>" },
  /* Starting deeper than what follows. */
  { "### Deep\n\n## Up\n",
    "<ul><li><ul><li><a href=\"#deep\">Deep</a></li></ul></li><li><a href=\"#up\">Up</a></li></ul>" },
  { "# 1 < 2 & \"q\"\n", "<ul><li><a href=\"#1--2--q\">1 &lt; 2 &amp; &quot;q&quot;</a></li></ul>" },
};

static void
test_toc (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (toc_cases); i++)
    {
      g_autoptr(BylineRender) render = byline_render_new (toc_cases[i].markdown, -1, BYLINE_MARKDOWN_TOC, NULL);
      const char *toc = byline_render_get_toc (render);
      const char *list = strstr (toc, "<ul>");

      g_test_message ("%s → %s", toc_cases[i].markdown, toc);
      if (toc_cases[i].toc[0] == '\0')
        g_assert_cmpstr (toc, ==, "");
      else
        {
          g_assert_true (g_str_has_prefix (toc, "<nav class=\"bl-toc\""));
          g_assert_nonnull (list);
          g_assert_true (g_str_has_suffix (toc, "</nav>"));
          g_assert_cmpmem (list, strlen (list) - strlen ("</nav>"), toc_cases[i].toc, strlen (toc_cases[i].toc));
        }
    }

  /* Without the flag: ids, but no table. */
  {
    g_autoptr(BylineRender) render = byline_render_new ("## A\n", -1, 0, NULL);
    g_assert_cmpstr (byline_render_get_toc (render), ==, "");
  }
}

/* ------------------------------------------------------------------------ */
/* Header and page                                                           */
/* ------------------------------------------------------------------------ */

static BylineFrontMatter *
yaml (const char *text)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1);

  g_assert_true (byline_front_matter_is_valid (fm));
  return fm;
}

static void
test_header (void)
{
  g_autoptr(BylineFrontMatter) fm = yaml ("title: \"Field <notes> & more\"\n"
                                          "date: \"2025-06-03 18:42:10\"\n"
                                          "summary: A summary.\n"
                                          "lead: \"\"\n"
                                          "author: Ada\n"
                                          "categories: [engineering]\n"
                                          "tags:\n  - static-sites\n  - performance\n"
                                          "thumbnail: /images/t.png\n"
                                          "draft: true\n");
  g_autofree char *html = byline_markdown_render_header (fm, "fallback.md", 640, "file:///s/static/");
  static const char *has[] = {
    "<h1 class=\"bl-title\">Field &lt;notes&gt; &amp; more</h1>",
    "<time datetime=\"2025-06-03\">June 3, 2025</time>",
    "By Ada",
    "4 min read",
    "<p class=\"bl-lead\">A summary.</p>",
    "<li class=\"bl-pill\">engineering</li>",
    "<ul class=\"bl-pills bl-tags\" aria-label=\"Tags\"><li class=\"bl-pill\">static-sites</li><li class=\"bl-pill\">performance</li></ul>",
    "<img class=\"bl-thumbnail\" src=\"file:///s/static/images/t.png\" data-bl-src=\"/images/t.png\"",
    "<span class=\"bl-draft\">Draft</span>",
  };

  g_test_message ("%s", html);
  for (guint i = 0; i < G_N_ELEMENTS (has); i++)
    if (strstr (html, has[i]) == NULL)
      g_error ("missing “%s” in %s", has[i], html);

  /* Nothing, or something that does not parse: the fallback title only. */
  {
    g_autofree char *none = byline_markdown_render_header (NULL, "post.md", 0, NULL);
    g_autoptr(BylineFrontMatter) bad = byline_front_matter_new (BYLINE_FORMAT_YAML, "title: [unclosed\n", -1);
    g_autofree char *invalid = byline_markdown_render_header (bad, "post.md", 0, NULL);

    g_assert_cmpstr (none, ==, "<header class=\"bl-header\"><h1 class=\"bl-title\">post.md</h1></header>");
    g_assert_cmpstr (invalid, ==, none);
  }
}

typedef struct {
  const char *yaml;
  gboolean    toc, math, draft;
} FlagsCase;

static const FlagsCase flags_cases[] = {
  { "title: x\n", FALSE, FALSE, FALSE },
  { "toc: true\nmathjax: false\n", TRUE, FALSE, FALSE },
  { "math: true\n", FALSE, TRUE, FALSE },
  { "mathjax: true\n", FALSE, TRUE, FALSE },
  { "katex: true\ndraft: true\n", FALSE, TRUE, TRUE },
  { "toc: \"true\"\n", FALSE, FALSE, FALSE },   /* a string is not the flag */
  { "params:\n  math: true\n", FALSE, TRUE, FALSE },
};

static void
test_page_flags (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (flags_cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = yaml (flags_cases[i].yaml);
      BylinePageFlags flags;

      byline_page_flags_from_front_matter (fm, &flags);
      g_assert_cmpint (flags.toc, ==, flags_cases[i].toc);
      g_assert_cmpint (flags.math, ==, flags_cases[i].math);
      g_assert_cmpint (flags.draft, ==, flags_cases[i].draft);
    }
}

static void
test_standalone (void)
{
  static const char *post =
    "\xef\xbb\xbf---\r\n"
    "title: \"A <b>post</b>\"\r\n"
    "lang: de\r\n"
    "toc: true\r\n"
    "math: true\r\n"
    "---\r\n"
    "## Teil eins\r\n"
    "\r\n"
    "Text $x^2$ and <script>alert(1)</script>.\r\n";
  g_autofree char *html = byline_markdown_render_standalone (post, -1, BYLINE_MARKDOWN_SMART, "fallback");
  static const char *has[] = {
    "<!DOCTYPE html>",
    "<html lang=\"de\" class=\"auto\">",
    "<title>A &lt;b&gt;post&lt;/b&gt;</title>",
    "max-width: 68ch",
    "prefers-color-scheme: dark",
    "<h1 class=\"bl-title\">A &lt;b&gt;post&lt;/b&gt;</h1>",
    "<a href=\"#teil-eins\">Teil eins</a>",
    "<h2 id=\"teil-eins\">Teil eins</h2>",
    "<code class=\"bl-math\">x^2</code>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (has); i++)
    if (strstr (html, has[i]) == NULL)
      g_error ("missing “%s” in the page", has[i]);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "data-sourcepos"));
  g_assert_null (strstr (html, "@HEADER@"));

  /* No front matter at all. */
  {
    g_autofree char *plain = byline_markdown_render_standalone ("Just *text*.\n", -1, 0, "note.md");

    g_assert_nonnull (strstr (plain, "<title>note.md</title>"));
    g_assert_nonnull (strstr (plain, "<p>Just <em>text</em>.</p>"));
  }
}

static void
test_shell (void)
{
  g_autofree char *light = byline_markdown_dup_shell (FALSE);
  g_autofree char *dark = byline_markdown_dup_shell (TRUE);

  g_assert_nonnull (strstr (light, "<html class=\"light\">"));
  g_assert_nonnull (strstr (dark, "<html class=\"dark\">"));
  g_assert_nonnull (strstr (light, "script-src 'none'"));
  g_assert_nonnull (strstr (light, "<div id=\"bl-body\" class=\"bl-body\"></div>"));
  g_assert_nonnull (strstr (light, byline_markdown_get_css ()));
}

/* ------------------------------------------------------------------------ */
/* Text helpers                                                              */
/* ------------------------------------------------------------------------ */

static const char *json_cases[][2] = {
  { "", "\"\"" },
  { "plain", "\"plain\"" },
  { "q\"b\\", "\"q\\\"b\\\\\"" },
  { "a\nb\tc\rd", "\"a\\nb\\tc\\rd\"" },
  { "\x01\x1f", "\"\\u0001\\u001f\"" },
  { "</script>", "\"</script>\"" },
  { "line\xe2\x80\xa8par\xe2\x80\xa9", "\"line\\u2028par\\u2029\"" },
  { "ünï 日本", "\"ünï 日本\"" },
};

static void
test_json_string (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (json_cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      byline_markdown_append_json_string (out, json_cases[i][0], -1);
      g_assert_cmpstr (out->str, ==, json_cases[i][1]);

      /* json-glib reads back the same string. */
      json_parser_load_from_data (parser, out->str, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, json_cases[i][0]);
    }
}

static const char *slug_cases[][2] = {
  { "Hello, World!", "hello-world" },
  { "What we measured", "what-we-measured" },
  { "snake_case and dash-es", "snake_case-and-dash-es" },
  { "Ünïcode Café", "ünïcode-café" },
  { "日本語の見出し", "日本語の見出し" },
  { "  spaced  ", "--spaced--" },
  { "!!!", "" },
};

static void
test_slugify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (slug_cases); i++)
    {
      g_autofree char *slug = byline_markdown_slugify (slug_cases[i][0]);

      g_assert_cmpstr (slug, ==, slug_cases[i][1]);
    }
}

/* ------------------------------------------------------------------------ */
/* Hard inputs and the corpus                                                */
/* ------------------------------------------------------------------------ */

static void
test_pathological (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  BylineMarkdownFlags all = BYLINE_MARKDOWN_MATH | BYLINE_MARKDOWN_TOC | BYLINE_MARKDOWN_SOURCEPOS |
                            BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML;

  /* Unclosed shortcodes and dollars by the thousand, deep nesting, long
   * lines: rendered (in linear time), never a crash. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "{{< a $b {{% c ");
  g_string_append_c (text, '\n');
  for (guint i = 0; i < 500; i++)
    g_string_append (text, "> - ");
  g_string_append (text, "deep\n\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "$$ ``` ");
  g_string_append (text, "\n{{< x\n```\n>}}\n```\n");

  for (guint flags = 0; flags <= all; flags += all)
    {
      g_autoptr(BylineRender) render = byline_render_new (text->str, text->len, flags, "file:///s/");
      g_autofree char *html = byline_render_dup_html (render);

      g_assert_true (g_utf8_validate (html, -1, NULL));
      g_assert_cmpuint (byline_render_get_n_blocks (render), >, 0);
    }

  /* cmark drops bytes from an unmatched footnote reference whose label
   * runs over lines, here part of a shortcode's token: nothing of it is
   * shown (fuzz-markdown found it). */
  {
    static const char cut_label[] = "`json\n\t}[^```\n\t{{%/* /tab *-%}}\n\t{{%/* tabhello\"]\n+++\n";
    g_autoptr(BylineRender) render = byline_render_new (cut_label, -1, BYLINE_MARKDOWN_SOURCEPOS | BYLINE_MARKDOWN_TOC,
                                                        "file:///site/static/");
    g_autofree char *html = byline_render_dup_html (render);

    g_assert_null (strstr (html, "\xee\x80"));
  }

  /* Empty and NULL. */
  {
    g_autoptr(BylineRender) empty = byline_render_new ("", 0, all, NULL);
    g_autoptr(BylineRender) null = byline_render_new (NULL, 0, all, NULL);

    g_assert_cmpuint (byline_render_get_n_blocks (empty), ==, 0);
    g_assert_cmpuint (byline_render_get_n_blocks (null), ==, 0);
  }

  /* A length that stops mid-text: nothing past it is read. */
  {
    g_autoptr(BylineRender) cut = byline_render_new ("# Kept\n\nDropped {{< x >}}", 7, all, NULL);
    g_autofree char *html = byline_render_dup_html (cut);

    g_assert_nonnull (strstr (html, "Kept"));
    g_assert_null (strstr (html, "Dropped"));
  }
}

typedef struct
{
  char  *name;
  char  *text;
  gsize  len;
} CorpusPost;

static void
corpus_post_free (gpointer data)
{
  CorpusPost *post = data;

  g_free (post->name);
  g_free (post->text);
  g_free (post);
}

/* The corpus's Markdown posts that are text (valid UTF-8, no NUL), or NULL
 * when there is no corpus: the test is then skipped, saying why. */
static GPtrArray *
load_corpus (const char *what)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  GPtrArray *posts;
  const char *name;

  if (shared == NULL)
    {
      g_autofree char *message = g_strdup_printf ("BYLINE_SHARED_DIR is not set: no corpus to %s", what);

      g_test_skip (message);
      return NULL;
    }
  dir = g_build_filename (shared, "corpus", NULL);
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_test_skip ("no corpus folder in BYLINE_SHARED_DIR");
      return NULL;
    }

  posts = g_ptr_array_new_with_free_func (corpus_post_free);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      CorpusPost *post;
      gsize len;

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &text, &len, NULL))
        continue;
      if (!g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
        continue;
      post = g_new0 (CorpusPost, 1);
      post->name = g_strdup (name);
      post->text = g_steal_pointer (&text);
      post->len = len;
      g_ptr_array_add (posts, post);
    }
  return posts;
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) posts = load_corpus ("render");
  guint n = 0;

  if (posts == NULL)
    return;

  for (guint k = 0; k < posts->len; k++)
    {
      const CorpusPost *post = g_ptr_array_index (posts, k);
      const char *name = post->name;
      const char *text = post->text;
      gsize len = post->len;
      g_autofree char *page = NULL;

      /* The whole page, and the body in blocks with every option: the blocks
       * joined are the body's HTML. */
      page = byline_markdown_render_standalone (text, len, BYLINE_MARKDOWN_SMART, name);
      g_assert_true (g_utf8_validate (page, -1, NULL));
      g_assert_true (g_str_has_suffix (page, "</html>\n"));
      {
        BylineMarkdownFlags flags = BYLINE_MARKDOWN_MATH | BYLINE_MARKDOWN_TOC | BYLINE_MARKDOWN_SOURCEPOS;
        BylinePostSplit split;
        g_autoptr(BylineRender) render = NULL;
        g_autoptr(GString) joined = g_string_new (NULL);
        g_autofree char *html = NULL;
        guint last_end = 0;

        byline_post_split (text, len, &split);
        render = byline_render_new (text + split.body_start, len - split.body_start, flags, "file:///s/");
        html = byline_render_dup_html (render);

        for (guint i = 0; i < byline_render_get_n_blocks (render); i++)
          {
            guint start, end;

            g_string_append (joined, byline_render_get_block (render, i, &start, &end));
            g_assert_cmpuint (start, <=, end);
            if (i > 0)
              g_assert_cmpuint (start, >, last_end);   /* in order, apart */
            last_end = end;
          }
        g_string_append (joined, byline_render_get_footnotes (render));
        g_assert_cmpstr (joined->str, ==, html);
        g_assert_null (strstr (html, "\xee\x80\x80"));   /* no token left behind */
      }
      n++;
    }

  g_test_message ("rendered %u posts", n);
  g_assert_cmpuint (n, >, 100);
}

/* ------------------------------------------------------------------------ */
/* Incremental rendering                                                     */
/* ------------------------------------------------------------------------ */

/* Texts that stress where blocks start and end. */
static const char *incremental_texts[] = {
  "# Title\n\nA paragraph with *emphasis*\nand a second line.\n\n- one\n- two\n\n  still two\n- three\n\n"
  "```go\nfunc main() {}\n\n```\n\nSetext\n======\n\nAnother\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
  "Text right before\n| x | y |\n|---|---|\n| 3 | 4 |\n\n> quote\nlazy line\n\n> - list in quote\n\n"
  "    indented code\n\n\n    more after blank\n\n<div>\nraw html\n</div>\n\n<!-- a comment\n\nstill -->\n\n"
  "1. first\n2. second\n\n10. ten\n\n* * *\n\n## Title\n\nEnd.\n",
  "{{< figure src=\"/img/a.png\" caption=\"A *fine*\n caption\" >}}\n\nText {{< ref \"other.md\" >}} and {{% note %}}inner{{% /note %}}.\n\n"
  "{{< highlight python \"linenos=table\" >}}\nprint(1)\n\nprint(2)\n{{< /highlight >}}\n\n"
  "Math $x^2$ and\n$$\na = b\n$$\n\n```\n{{< not a shortcode >}}\n```\n\n{{</* figure src=x */>}}\n\n"
  "## A heading {{< icon x >}}\n\nTail $5 and $6.\n",
  "Line one\r\nLine two\r\n\r\n- item\r\n\r\nLone\rcarriage\r\rreturns\n\n\tTabbed\n\n  \t  \n\nA\xef\xbb\xbf BOM inside\n\n"
  "\xef\xbb\xbf" "BOM at a line start\n\nLast line without newline",
  "",
};

static const char *incremental_snippets[] = {
  "x", " ", "\n", "\n\n", "```\n", "~~~", "# ", "## Dup\n", "- ", "1. ", "> ", "    ", "\t",
  "===\n", "---\n", "| a | b |\n|---|---|\n", "<!-- ", "-->", "<div>\n", "</div>\n",
  "{{< figure src=\"/a.png\" >}}", "{{< highlight go >}}\n", "{{< /highlight >}}\n", "{{% x %}}",
  "$x$", "$$\n", "*", "`", "[a](b)", "[^1]", "\n[^1]: note\n", "[r]: /u\n", "[r]", "\r\n", "\r",
  "\xef\xbb\xbf", "Title\n---\n", "ünï", "<b>", "\xee\x80\x80", "\xee\x80\x81", "\n\n\n",
};

typedef struct {
  GRand *rand;
  guint  n_renders;
  guint  n_shared;   /* renders that reused blocks of their base */
} IncrementalRun;

static void
assert_same_render (BylineRender *a,
                    BylineRender *b)
{
  g_assert_cmpuint (byline_render_get_n_blocks (a), ==, byline_render_get_n_blocks (b));
  for (guint i = 0; i < byline_render_get_n_blocks (a); i++)
    {
      guint as, ae, bs, be;
      const char *ah = byline_render_get_block (a, i, &as, &ae);
      const char *bh = byline_render_get_block (b, i, &bs, &be);

      g_assert_cmpstr (ah, ==, bh);
      g_assert_cmpuint (as, ==, bs);
      g_assert_cmpuint (ae, ==, be);
    }
  g_assert_cmpstr (byline_render_get_footnotes (a), ==, byline_render_get_footnotes (b));
  g_assert_cmpstr (byline_render_get_toc (a), ==, byline_render_get_toc (b));
  g_assert_cmpuint (byline_render_get_n_words (a), ==, byline_render_get_n_words (b));
  g_assert_cmpint (byline_render_has_math (a), ==, byline_render_has_math (b));
  g_assert_cmpint (byline_render_has_code (a), ==, byline_render_has_code (b));
}

/* A random edit of @text: a snippet typed, or a few characters deleted, or
 * a line duplicated. */
static void
random_edit (GString  *text,
             GRand    *rand,
             gboolean  local)
{
  gsize pos = text->len ? g_rand_int_range (rand, 0, text->len + 1) : 0;
  guint kind = g_rand_int_range (rand, 0, 10);

  while (pos < text->len && (text->str[pos] & 0xC0) == 0x80)
    pos++;
  if (kind < 5 || text->len == 0)
    {
      const char *snippet;

      /* @local: no footnotes or link reference definitions, which make
       * every later render parse the whole text. */
      do
        snippet = incremental_snippets[g_rand_int_range (rand, 0, G_N_ELEMENTS (incremental_snippets))];
      while (local && (strstr (snippet, "[^") != NULL || strstr (snippet, "]:") != NULL));

      g_string_insert (text, pos, snippet);
    }
  else if (kind < 9)
    {
      gsize n = g_rand_int_range (rand, 1, 24);
      gsize end = MIN (text->len, pos + n);

      while (end < text->len && (text->str[end] & 0xC0) == 0x80)
        end++;
      g_string_erase (text, pos, end - pos);
    }
  else
    {
      gsize start = pos, end = pos;
      g_autofree char *line = NULL;

      while (start > 0 && text->str[start - 1] != '\n')
        start--;
      while (end < text->len && text->str[end] != '\n')
        end++;
      line = g_strndup (text->str + start, MIN (end + 1, text->len) - start);
      g_string_insert (text, start, line);
    }
}

/* @n_edits random edits of @initial, each rendered from the last rendering
 * and from nothing: both the same. */
static void
run_edits (IncrementalRun      *run,
           const char          *initial,
           gsize                len,
           guint                n_edits,
           BylineMarkdownFlags  flags,
           gboolean             local)
{
  g_autoptr(GString) text = g_string_new_len (initial, len);
  g_autoptr(BylineRender) last = byline_render_new (text->str, text->len, flags, "file:///s/");

  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(BylineRender) whole = NULL;
      g_autoptr(BylineRender) from = NULL;
      gboolean shared = FALSE;

      g_autofree char *before = g_strndup (text->str, text->len);

      random_edit (text, run->rand, local);
      whole = byline_render_new (text->str, text->len, flags, "file:///s/");
      from = byline_render_new_from (last, text->str, text->len, flags, "file:///s/");
      if (g_test_verbose () || byline_render_get_n_blocks (from) != byline_render_get_n_blocks (whole))
        {
          g_autofree char *b = g_strescape (before, NULL);
          g_autofree char *a = g_strescape (text->str, NULL);

          g_test_message ("edit %u (flags %u):\n  before: \"%s\"\n  after:  \"%s\"", i, flags, b, a);
        }
      assert_same_render (from, whole);

      for (guint b = 0; !shared && b < byline_render_get_n_blocks (from); b++)
        for (guint c = 0; !shared && c < byline_render_get_n_blocks (last); c++)
          shared = byline_render_get_block (from, b, NULL, NULL) == byline_render_get_block (last, c, NULL, NULL);
      run->n_renders++;
      run->n_shared += shared;

      g_clear_pointer (&last, byline_render_unref);
      last = g_steal_pointer (&from);
    }
}

static void
test_incremental (void)
{
  static const BylineMarkdownFlags flag_sets[] = {
    BYLINE_MARKDOWN_SOURCEPOS | BYLINE_MARKDOWN_TOC,
    BYLINE_MARKDOWN_SOURCEPOS | BYLINE_MARKDOWN_MATH | BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML,
  };
  IncrementalRun run = { g_rand_new_with_seed (g_test_rand_int ()) };
  const char *shared_dir = g_getenv ("BYLINE_SHARED_DIR");
  g_autoptr(GString) big = g_string_new (NULL);

  for (guint f = 0; f < G_N_ELEMENTS (flag_sets); f++)
    for (guint t = 0; t < G_N_ELEMENTS (incremental_texts); t++)
      for (guint round = 0; round < 4; round++)
        run_edits (&run, incremental_texts[t], strlen (incremental_texts[t]), 40, flag_sets[f], round % 2);

  /* The text holds one of the token characters (so shortcodes are left
   * as written): the same whether a shortcode is there or not. */
  {
    static const char *before = "A \xee\x80\x81 b.\n\nSecond.\n";
    static const char *after = "A \xee\x80\x81 b.\n\nSecond {{< x >}}.\n";
    g_autoptr(BylineRender) old = byline_render_new (before, -1, BYLINE_MARKDOWN_SOURCEPOS, NULL);
    g_autoptr(BylineRender) whole = byline_render_new (after, -1, BYLINE_MARKDOWN_SOURCEPOS, NULL);
    g_autoptr(BylineRender) from = byline_render_new_from (old, after, -1, BYLINE_MARKDOWN_SOURCEPOS, NULL);

    assert_same_render (from, whole);
    g_assert_nonnull (strstr (byline_render_get_block (whole, 0, NULL, NULL), "\xee\x80\x81"));
  }

  /* A heading renamed: the kept headings after it get their ids again,
   * and the table of contents follows. */
  {
    g_autoptr(GString) before = g_string_new ("## Intro\n\nText.\n\n## Intro\n\n");
    g_autoptr(GString) after = NULL;
    BylineMarkdownFlags flags = BYLINE_MARKDOWN_SOURCEPOS | BYLINE_MARKDOWN_TOC;
    g_autoptr(BylineRender) old = NULL;
    g_autoptr(BylineRender) whole = NULL;
    g_autoptr(BylineRender) from = NULL;
    guint last;

    for (guint i = 0; i < 20; i++)
      g_string_append_printf (before, "Paragraph %u.\n\n", i);
    g_string_append (before, "## Intro\n\nEnd.\n");
    after = g_string_new (before->str);
    g_string_overwrite (after, strlen ("## Intro\n\nText.\n\n## "), "Start");

    old = byline_render_new (before->str, -1, flags, NULL);
    whole = byline_render_new (after->str, -1, flags, NULL);
    from = byline_render_new_from (old, after->str, -1, flags, NULL);
    last = byline_render_get_n_blocks (from) - 1;
    assert_same_render (from, whole);
    g_assert_nonnull (strstr (byline_render_get_block (old, last - 1, NULL, NULL), "id=\"intro-2\""));
    g_assert_nonnull (strstr (byline_render_get_block (from, last - 1, NULL, NULL), "id=\"intro-1\""));
    g_assert_nonnull (strstr (byline_render_get_toc (from), "href=\"#start\""));
    /* (Kept, not parsed again.) */
    g_assert_true (byline_render_get_block (from, last, NULL, NULL) == byline_render_get_block (old, last, NULL, NULL));
  }

  /* A long post, edited in the middle, where re-parsing a few blocks pays:
   * most renders must reuse blocks. */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (big, "## Part %u\n\nSome *text* in part %u, with a [link](https://example.com/%u).\n"
                                 "A second line {{< figure src=\"/i/%u.png\" >}}.\n\n- a list\n- of two\n\n",
                            i, i, i, i % 7);
  {
    guint before_renders = run.n_renders, before_shared = run.n_shared;

    for (guint f = 0; f < G_N_ELEMENTS (flag_sets); f++)
      run_edits (&run, big->str, big->len, 60, flag_sets[f], TRUE);
    g_assert_cmpuint (run.n_shared - before_shared, >, (run.n_renders - before_renders) / 2);
  }

  if (shared_dir != NULL)
    {
      g_autofree char *dir = g_build_filename (shared_dir, "corpus", NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *text = NULL;
          gsize len;
          BylinePostSplit split;

          if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (path, &text, &len, NULL) ||
              !g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
            continue;
          byline_post_split (text, len, &split);
          run_edits (&run, text + split.body_start, len - split.body_start, 12,
                     flag_sets[g_rand_int_range (run.rand, 0, G_N_ELEMENTS (flag_sets))], FALSE);
        }
    }

  g_test_message ("%u renders from an earlier one, %u of them reusing blocks", run.n_renders, run.n_shared);
  g_rand_free (run.rand);
}

/* The headings a body has, for Go to Heading: as cmark reads them, with
 * their lines, plain text and levels; none from code. */
static void
test_headings (void)
{
  static const char text[] =
    "# First *heading*\n"            /* 1 */
    "\n"
    "Setext `code` title\n"          /* 3 */
    "-------------------\n"
    "\n"
    "```\n"
    "# not a heading\n"
    "```\n"
    "\n"
    "> ### Quoted [link](x) héading\n" /* 10 */
    "\n"
    "- ## In a list\n"               /* 12 */
    "\n"
    "Text.\n"
    "\n"
    "    # indented code\n"
    "\n"
    "###### Six {{< shortcode >}}\n"; /* 18 */
  static const struct { guint level, line; const char *text; } expected[] = {
    { 1, 1, "First heading" },
    { 2, 3, "Setext code title" },
    { 3, 10, "Quoted link héading" },
    { 2, 12, "In a list" },
    { 6, 18, "Six {{< shortcode >}}" },
  };
  g_autoptr(GPtrArray) headings = byline_markdown_dup_headings (text, -1);
  g_autoptr(GPtrArray) none = byline_markdown_dup_headings ("plain\n", -1);

  g_assert_cmpuint (headings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < headings->len; i++)
    {
      BylineHeading *h = g_ptr_array_index (headings, i);

      g_assert_cmpuint (h->level, ==, expected[i].level);
      g_assert_cmpuint (h->line, ==, expected[i].line);
      g_assert_cmpstr (h->text, ==, expected[i].text);
    }
  g_assert_cmpuint (none->len, ==, 0);
}

/* The word count: byline_markdown_count_words() counts as the
 * reading time does. */
static void
test_count_words (void)
{
  static const struct { const char *text; gssize len; guint words; } cases[] = {
    { "", -1, 0 },
    { " \n\t\r\n ", -1, 0 },
    { "Hello world", -1, 2 },
    { "  Hello \n\t world  \n", -1, 2 },
    { "one two three", 7, 2 },                      /* a range: "one two" */
    { "**bold** and *italic* and `code`", -1, 5 },  /* markup stays with its word */
    { "[a link](https://example.com/x) here", -1, 3 },
    { "# A heading\n\n- one\n- two\n", -1, 4 },      /* markers standing apart don't */
    { "Before --- after, 1 + 2 = 3 & more\n\n---\n", -1, 6 },
    { "a, b. c!", -1, 3 },                          /* punctuation stays with its word */
    { "```c\nint x = 1;\n```\n", -1, 4 },          /* code counts: "```c", int, x, 1; */
    { "| a | b |\n|---|---|\n", -1, 2 },
    { "Ünïcödé wörds, déjà vu", -1, 4 },
    { "a\xc2\xa0" "b", -1, 2 },                    /* a no-break space separates */
    { "日本語", -1, 3 },                           /* each wide character is a word */
    { "日本語 text", -1, 4 },
    { "한국어 문장", -1, 5 },
    { "a\xff" "b \xfe", -1, 1 },                   /* invalid bytes are skipped */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].text, NULL);

      g_test_message ("case %u: %s", i, escaped);
      g_assert_cmpuint (byline_markdown_count_words (cases[i].text, cases[i].len), ==, cases[i].words);
    }
  g_assert_cmpuint (byline_markdown_count_words (NULL, 0), ==, 0);
}

/* The word count: the count of a body is the reading time's, on
 * every post of the corpus (and on a body of each case above). */
static void
test_count_words_agrees (void)
{
  g_autoptr(GPtrArray) posts = load_corpus ("count");
  guint n = 0;

  if (posts == NULL)
    return;

  for (guint k = 0; k < posts->len; k++)
    {
      const CorpusPost *post = g_ptr_array_index (posts, k);
      const char *text = post->text;
      gsize len = post->len;
      g_autoptr(BylineRender) render = NULL;
      BylinePostSplit split;

      byline_post_split (text, len, &split);
      render = byline_render_new (text + split.body_start, len - split.body_start, BYLINE_MARKDOWN_DEFAULT, NULL);
      g_assert_cmpuint (byline_markdown_count_words (text + split.body_start, len - split.body_start),
                        ==, byline_render_get_n_words (render));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* Found by fuzz-markdown: cmark-gfm cut a math token's character in an
 * unmatched footnote reference over lines; the page must still be valid
 * UTF-8, with nothing of the cut character left. */
static void
test_cut_token_valid_utf8 (void)
{
  static const char text[] = "]\n\nz[^\n=\t*$]$ $] $ $\t$\n$=```\t+++\r*$] $] $ $]A $O`{";
  BylineMarkdownFlags flags = BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML | BYLINE_MARKDOWN_MATH;
  g_autoptr(BylineRender) render = byline_render_new (text, strlen (text), flags, NULL);
  g_autofree char *html = byline_render_dup_html (render);

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_null (strstr (html, "\xee"));
}

/* Found by fuzz-markdown too: the same cut in a setext heading's text, for
 * Go to Heading's list and the table of contents. */
static void
test_cut_heading_valid_utf8 (void)
{
  static const char text[] = "\nz[^\xee" "\x80" "\x80" "\n=\t *$]$+  #\n#\v#\n#OO#\nz[^\xee" "\x80" "\x80" "\n=\t *$]$+ \nz[^\xee" "\x80" "\x80" "\n=";
  g_autoptr(GPtrArray) headings = byline_markdown_dup_headings (text, strlen (text));
  g_autoptr(BylineRender) render = byline_render_new (text, strlen (text), BYLINE_MARKDOWN_TOC, NULL);

  g_assert_cmpuint (headings->len, >, 0);
  for (guint i = 0; i < headings->len; i++)
    g_assert_true (g_utf8_validate (((BylineHeading *) g_ptr_array_index (headings, i))->text, -1, NULL));
  g_assert_true (g_utf8_validate (byline_render_get_toc (render), -1, NULL));
}

/* Jekyll's link tags as a link's destination show as the name or path
 * they take (the preview opens the post on a click); elsewhere, and other
 * tags, stay as written. */
static void
test_liquid_links (void)
{
  static const struct { const char *markdown, *html; } cases[] = {
    { "[A]({% post_url 2025-02-13-a %})", "<p><a href=\"2025-02-13-a\">A</a></p>\n" },
    { "[B]({%link about.md%})", "<p><a href=\"about.md\">B</a></p>\n" },
    { "[C]({% include x.html %})", "<p>[C]({% include x.html %})</p>\n" },
    { "{% post_url 2025-02-13-a %}", "<p>{% post_url 2025-02-13-a %}</p>\n" },
    { "`[D]({% link a.md %})`", "<p><code>[D]({% link a.md %})</code></p>\n" },
    /* Hugo's ref, a path with a space and parentheses */
    { "[E]({{< ref \"posts/my trip (2).md\" >}})", "<p><a href=\"posts/my%20trip%20%282%29.md\">E</a></p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineRender) render = byline_render_new (cases[i].markdown, -1, 0, NULL);
      g_autofree char *html = byline_render_dup_html (render);

      g_test_message ("%s", cases[i].markdown);
      g_assert_cmpstr (html, ==, cases[i].html);
    }
}

/* The body as an HTML fragment to paste elsewhere: no front matter, header,
 * style or script; links and images as the post writes them. */
static void
test_fragment (void)
{
  static const char post[] =
    "\xef\xbb\xbf---\r\ntitle: The title\r\n---\r\n"
    "## Hello \"world\"\r\n\r\n"
    "Text with ![a photo](img/a.png) and [a link](/posts/x/) and a note[^1].\r\n\r\n"
    "<span>raw</span>\r\n\r\n"
    "[^1]: The note.\r\n";
  g_autofree char *html = byline_markdown_render_fragment (post, -1, BYLINE_MARKDOWN_SMART);
  g_autofree char *raw = byline_markdown_render_fragment (post, -1, BYLINE_MARKDOWN_RAW_HTML);

  g_assert_true (g_str_has_prefix (html, "<h2 id=\"hello-world\">Hello “world”</h2>\n"));
  g_assert_nonnull (strstr (html, "<img src=\"img/a.png\" alt=\"a photo\" />"));
  g_assert_nonnull (strstr (html, "<a href=\"/posts/x/\">a link</a>"));
  g_assert_nonnull (strstr (html, "<section class=\"footnotes\""));
  g_assert_null (strstr (html, "The title"));
  g_assert_null (strstr (html, "<style"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<span>raw</span>"));
  g_assert_nonnull (strstr (raw, "<span>raw</span>"));
  g_assert_nonnull (strstr (raw, "Hello &quot;world&quot;"));

  /* a post without front matter: all of it is the body */
  g_free (html);
  html = byline_markdown_render_fragment ("Just *text*", -1, BYLINE_MARKDOWN_DEFAULT);
  g_assert_cmpstr (html, ==, "<p>Just <em>text</em></p>\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/render", test_render_cases);
  g_test_add_func ("/markdown/blocks-and-lines", test_blocks_and_lines);
  g_test_add_func ("/markdown/diff", test_diff);
  g_test_add_func ("/markdown/toc", test_toc);
  g_test_add_func ("/markdown/header", test_header);
  g_test_add_func ("/markdown/page-flags", test_page_flags);
  g_test_add_func ("/markdown/standalone", test_standalone);
  g_test_add_func ("/markdown/shell", test_shell);
  g_test_add_func ("/markdown/json-string", test_json_string);
  g_test_add_func ("/markdown/slugify", test_slugify);
  g_test_add_func ("/markdown/pathological", test_pathological);
  g_test_add_func ("/markdown/corpus", test_corpus);
  g_test_add_func ("/markdown/incremental", test_incremental);
  g_test_add_func ("/markdown/headings", test_headings);
  g_test_add_func ("/markdown/cut-token-valid-utf8", test_cut_token_valid_utf8);
  g_test_add_func ("/markdown/cut-heading-valid-utf8", test_cut_heading_valid_utf8);
  g_test_add_func ("/markdown/count-words", test_count_words);
  g_test_add_func ("/markdown/liquid-links", test_liquid_links);
  g_test_add_func ("/markdown/fragment", test_fragment);
  g_test_add_func ("/markdown/count-words-agrees", test_count_words_agrees);

  return g_test_run ();
}
