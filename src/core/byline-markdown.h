/* byline-markdown.h: the post's body rendered to HTML with cmark-gfm, as a
 * list of top-level blocks (so the preview can swap only the blocks that
 * changed), the header built from the front matter, the table of contents,
 * and the standalone page that "Export HTML…" and `byline-post render` write.
 *
 * GTK-free; the only file that includes cmark-gfm is byline-markdown.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-front-matter.h"

G_BEGIN_DECLS

typedef enum {
  BYLINE_MARKDOWN_DEFAULT   = 0,
  /* Curly quotes, en and em dashes, ellipses (CMARK_OPT_SMART). */
  BYLINE_MARKDOWN_SMART     = 1 << 0,
  /* Let raw HTML through (the tagfilter extension still neutralises
   * <script>, <iframe>, <style> and friends). Off: raw HTML is omitted. */
  BYLINE_MARKDOWN_RAW_HTML  = 1 << 1,
  /* data-sourcepos="L:C-L:C" attributes, with lines counted from the first
   * line of the enclosing top-level block (line 1), so a block's HTML does
   * not change when lines are added above it. */
  BYLINE_MARKDOWN_SOURCEPOS = 1 << 2,
  /* $…$ and $$…$$ become <code class="bl-math"> for KaTeX to typeset; the
   * TeX inside is protected from Markdown. Set when the front matter says
   * math, mathjax or katex: true. */
  BYLINE_MARKDOWN_MATH      = 1 << 3,
  /* Build the table of contents. (Top-level headings always get an id, a
   * slug of their text as Hugo makes it.) */
  BYLINE_MARKDOWN_TOC       = 1 << 4,
} BylineMarkdownFlags;

/* What the front matter asks of the page. */
typedef struct {
  gboolean toc;       /* toc: true */
  gboolean math;      /* math, mathjax or katex: true */
  gboolean draft;     /* draft: true */
} BylinePageFlags;

/* One rendering of a body: an immutable, refcounted value, safe to hand
 * from the worker thread that made it to the main thread. */
typedef struct _BylineRender BylineRender;

GType          byline_render_get_type          (void) G_GNUC_CONST;
#define BYLINE_TYPE_RENDER (byline_render_get_type ())

/* Renders @text (the body, @len bytes or -1 when NUL-terminated).
 * @static_uri: where site-root paths ("/images/x.png") of images point,
 * a URI ending in '/', e.g. "file:///home/me/site/static/"; NULL leaves
 * them as written. Never fails; safe to call from any thread. */
BylineRender  *byline_render_new               (const char          *text,
                                                gssize               len,
                                                BylineMarkdownFlags  flags,
                                                const char          *static_uri);
/* The same rendering as byline_render_new() gives, made by re-parsing only
 * the lines around what changed since @base (an earlier rendering, NULL:
 * none) when that is sound, and sharing @base's other blocks (their HTML
 * strings are the same pointers, which byline_render_diff() notices). */
BylineRender  *byline_render_new_from          (BylineRender        *base,
                                                const char          *text,
                                                gssize               len,
                                                BylineMarkdownFlags  flags,
                                                const char          *static_uri);
BylineRender  *byline_render_ref               (BylineRender        *self);
void           byline_render_unref             (BylineRender        *self);

BylineMarkdownFlags byline_render_get_flags    (BylineRender        *self);
guint          byline_render_get_n_blocks      (BylineRender        *self);
/* The HTML of top-level block @index (borrowed), and its first and last
 * line in the body (1-based). */
const char    *byline_render_get_block         (BylineRender        *self,
                                                guint                index,
                                                guint               *start_line,
                                                guint               *end_line);
/* The footnotes section (<section class="footnotes">…), or "" when the body
 * has none. Borrowed. */
const char    *byline_render_get_footnotes     (BylineRender        *self);
/* The table of contents (<nav class="bl-toc">…), or "" when TOC is not
 * among the flags or there are no headings. Borrowed. */
const char    *byline_render_get_toc           (BylineRender        *self);
/* TRUE when the body holds math (with BYLINE_MARKDOWN_MATH), or a fenced
 * code block with a language. */
gboolean       byline_render_has_math          (BylineRender        *self);
gboolean       byline_render_has_code          (BylineRender        *self);
/* Words in the body, for the reading time. */
guint          byline_render_get_n_words       (BylineRender        *self);
/* The whole body: blocks then footnotes. Free with g_free. */
char          *byline_render_dup_html          (BylineRender        *self);

/* cmark-gfm alone: @text parsed with the same extensions and options and
 * rendered in one call (no blocks, shortcodes, math or heading ids). The
 * floor the preview's benchmark compares with. Free with g_free. */
char          *byline_markdown_to_html         (const char          *text,
                                                gssize               len,
                                                BylineMarkdownFlags  flags);

/* Compares two renderings block by block: blocks [0, *first) are the same
 * in both, and so are the last *n_same_end blocks of each. Blocks
 * [*first, n_old - *n_same_end) of @old were replaced by
 * [*first, n_new - *n_same_end) of @new. @old may be NULL (nothing). */
void           byline_render_diff              (BylineRender        *old,
                                                BylineRender        *new_,
                                                guint               *first,
                                                guint               *n_same_end);

/* What @front_matter asks of the page (NULL: nothing). */
void           byline_page_flags_from_front_matter (BylineFrontMatter *front_matter,
                                                BylinePageFlags     *flags);

/* The header of the post as a published page shows it: title, date, author,
 * reading time, the summary or lead, tags and categories as pills, the
 * thumbnail. @front_matter may be NULL or invalid; @fallback_title is used
 * when it has no title (may be NULL). @n_words: for the reading time (0:
 * none shown). @static_uri as for byline_render_new(). Free with g_free. */
char          *byline_markdown_render_header   (BylineFrontMatter   *front_matter,
                                                const char          *fallback_title,
                                                guint                n_words,
                                                const char          *static_uri);

/* The style sheet of the page (light and dark). Borrowed, static. */
const char    *byline_markdown_get_css         (void);
/* The page shell: <!DOCTYPE html>… with the style sheet inlined, and empty
 * #bl-header, #bl-toc, #bl-body and #bl-footnotes containers that the
 * preview fills. @dark: start in the dark style. Free with g_free. */
char          *byline_markdown_dup_shell       (gboolean             dark);

/* The standalone page of a whole post (@text: the file's contents, front
 * matter included): header, table of contents when the front matter asks
 * for it, body, footnotes, with the style sheet inlined and no script.
 * Follows the system's light or dark style. @flags: SMART and RAW_HTML are
 * honoured; MATH and TOC come from the front matter. Free with g_free. */
char          *byline_markdown_render_standalone (const char        *text,
                                                gssize               len,
                                                BylineMarkdownFlags  flags,
                                                const char          *fallback_title);

/* The body of a whole post (@text: the file's contents, front matter
 * included) as an HTML fragment to paste elsewhere (a CMS, a mail): the
 * blocks and the footnotes, links and images as written in the post, no
 * header, style or script. @flags: SMART and RAW_HTML are honoured. Free
 * with g_free. */
char          *byline_markdown_render_fragment (const char          *text,
                                                gssize               len,
                                                BylineMarkdownFlags  flags);

/* Appends @str as a JSON string literal (quotes included) to @out, escaping
 * what JSON and JavaScript need (U+2028 and U+2029 too). */
void           byline_markdown_append_json_string (GString          *out,
                                                const char          *str,
                                                gssize               len);

/* The slug of a heading's text, as Hugo makes anchors: lower case, spaces
 * to '-', punctuation dropped. Free with g_free. */
char          *byline_markdown_slugify         (const char          *text);

/* A heading of the body, for going to it. */
typedef struct {
  guint  level;   /* 1 to 6 */
  guint  line;    /* where it starts, 1-based */
  char  *text;    /* its text, without the Markdown */
} BylineHeading;

void           byline_heading_free             (BylineHeading       *heading);
/* The headings of @text (ATX and setext, also inside quotes and lists, not
 * in code), in order, as cmark-gfm reads them. Free with
 * g_ptr_array_unref. */
GPtrArray     *byline_markdown_dup_headings    (const char          *text,
                                                gssize               len);

/* The word count under the Markdown source: the words of @text
 * (@len bytes, -1: NUL-terminated), counted as the reading time counts the
 * body (byline_render_get_n_words()), so the two agree. A word is a run of
 * characters between white space that holds a letter or a digit, the
 * Markdown as written: "**bold**", "[a link](url)" and "`code`" are one
 * word each and the words of code blocks count, but markers standing apart
 * ("-" of a list item, "#" of a heading, "|" of a table, "---") do not.
 * Each wide character (CJK ideographs, kana,
 * Hangul, fullwidth forms) counts as a word of its own, as they are read
 * one by one. Invalid UTF-8 bytes are skipped. Safe to call from any
 * thread. */
guint          byline_markdown_count_words     (const char          *text,
                                                gssize               len);

/* A GFM table of the source (byline-table.c edits them). */
typedef struct {
  guint start_line;    /* its header row, 1-based */
  guint end_line;      /* its last row */
  guint start_column;  /* the byte column (1-based) its first line's row
                        * starts at, after any container's markers */
  guint n_columns;     /* the header's cells */
} BylineMarkdownTable;

/* The tables of @text (@len
 * bytes, -1: NUL-terminated), also inside quotes and lists, in order, as
 * cmark-gfm with the table extension reads them. Free with
 * g_array_unref. Safe to call from any thread. */
GArray        *byline_markdown_dup_tables      (const char          *text,
                                                gssize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineRender, byline_render_unref)

G_END_DECLS

/* The links of a body, for the link checker (byline-link-check.h): found
 * by cmark-gfm and the shortcode pre-pass's own readers. */
typedef enum {
  BYLINE_MARKDOWN_LINK_LINK,         /* [t](dest), [t][id] (its definition's destination) */
  BYLINE_MARKDOWN_LINK_IMAGE,        /* ![a](src) */
  BYLINE_MARKDOWN_LINK_HTML_LINK,    /* <a href="…"> */
  BYLINE_MARKDOWN_LINK_HTML_IMAGE,   /* <img src="…"> */
  BYLINE_MARKDOWN_LINK_POST,         /* [t]({{< ref "x" >}}), relref, {% post_url x %}, {% link x %} */
  BYLINE_MARKDOWN_LINK_FIGURE,       /* {{< figure src="x" >}} (also img, image) */
} BylineMarkdownLinkKind;

typedef struct {
  BylineMarkdownLinkKind  kind;
  gsize                   start;   /* bytes of the text: the link as written, [t](dest) whole */
  gsize                   end;
  char                   *target;  /* the destination as written (entities and escapes undone) */
  char                   *tag;     /* for POST: "ref", "relref", "post_url" or "link"; else NULL */
} BylineMarkdownLink;

void           byline_markdown_link_free       (BylineMarkdownLink  *link);
/* The links, images, figures and link tags of @text (@len bytes, -1:
 * NUL-terminated) outside code, in the order they start. Raw HTML's
 * <a href> and <img src> count where the HTML can be matched to the source
 * byte for byte (inline HTML, HTML blocks outside lists and quotes).
 * Free with g_ptr_array_unref. Safe to call from any thread. */
GPtrArray     *byline_markdown_dup_links       (const char          *text,
                                                gssize               len);

/* The link reference definitions of @text ("[label]: destination") that
 * cmark-gfm keeps, as byline_markdown_dup_links() reads the text: the
 * first of each label, outside code, HTML and tables, on its own line or
 * at the start of a paragraph. Each is a BylineMarkdownLink of kind
 * BYLINE_MARKDOWN_LINK_LINK: start and end are its destination as written
 * (its <> excluded), target the destination as cmark-gfm reads it (what
 * the links that use the definition point at), tag the label as written.
 * Found where the label and the destination are on one line, or the
 * destination alone on the next, and the destination as written has no
 * entity (others are left out). In order. Free with g_ptr_array_unref.
 * Safe to call from any thread. */
GPtrArray     *byline_markdown_dup_link_definitions (const char     *text,
                                                     gssize          len);
