/* fuzz-markdown.c: libFuzzer target for byline-markdown.
 *
 * Input: 1 control byte (the render flags) then the text, which must be
 * UTF-8 (as every body the preview gets is). The body is rendered in blocks
 * and as a standalone page. Checked from the outside: the HTML is UTF-8, the
 * blocks' source lines are in order within the text, the blocks joined are
 * the body's HTML, no placeholder token is left behind, comparing a
 * rendering with itself finds nothing changed, and rendering the text from
 * a rendering of an earlier version of it (the middle third left out, or
 * the first half only) gives the same as rendering it from nothing.
 *
 * Built with -Dfuzzing=true (clang). Run:
 *   _build-fuzz/tests/fuzz/fuzz-markdown -max_len=4096 CORPUS_DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "byline-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("fuzz check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

/* UTF-8 character boundary at or after @i. */
static gsize
boundary (const char *text,
          gsize       len,
          gsize       i)
{
  while (i < len && ((guchar) text[i] & 0xC0) == 0x80)
    i++;
  return i;
}

static void
check_from (BylineRender        *whole,
            const char          *earlier,
            gsize                earlier_len,
            const char          *text,
            gsize                len,
            BylineMarkdownFlags  flags,
            const char          *static_uri)
{
  BylineRender *base = byline_render_new (earlier, earlier_len, flags, static_uri);
  BylineRender *from = byline_render_new_from (base, text, len, flags, static_uri);

  FUZZ_CHECK (byline_render_get_n_blocks (from) == byline_render_get_n_blocks (whole));
  for (guint i = 0; i < byline_render_get_n_blocks (whole); i++)
    {
      guint s1, e1, s2, e2;

      FUZZ_CHECK (strcmp (byline_render_get_block (from, i, &s1, &e1),
                          byline_render_get_block (whole, i, &s2, &e2)) == 0);
      FUZZ_CHECK (s1 == s2 && e1 == e2);
    }
  FUZZ_CHECK (strcmp (byline_render_get_toc (from), byline_render_get_toc (whole)) == 0);
  FUZZ_CHECK (strcmp (byline_render_get_footnotes (from), byline_render_get_footnotes (whole)) == 0);
  FUZZ_CHECK (byline_render_get_n_words (from) == byline_render_get_n_words (whole));
  FUZZ_CHECK (byline_render_has_math (from) == byline_render_has_math (whole));
  FUZZ_CHECK (byline_render_has_code (from) == byline_render_has_code (whole));

  byline_render_unref (from);
  byline_render_unref (base);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  BylineMarkdownFlags flags;
  const char *text;
  gsize len;
  BylineRender *render;
  GString *joined;
  char *html;
  char *page;
  guint n_lines = 1;
  guint last_end = 0;
  guint first, same_end;

  if (size < 1)
    return 0;
  flags = data[0] & (BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML | BYLINE_MARKDOWN_SOURCEPOS |
                     BYLINE_MARKDOWN_MATH | BYLINE_MARKDOWN_TOC);
  text = (const char *) data + 1;
  len = size - 1;
  if (!g_utf8_validate_len (text, len, NULL) || memchr (text, '\0', len) != NULL)
    return 0;
  /* Lines as cmark counts them: \n, \r\n and a lone \r end one. */
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
      n_lines++;

  render = byline_render_new (text, len, flags, (data[0] & 0x80) ? "file:///site/static/" : NULL);
  html = byline_render_dup_html (render);
  FUZZ_CHECK (g_utf8_validate (html, -1, NULL));
  if (g_strstr_len (text, len, "\xee\x80") == NULL)
    FUZZ_CHECK (strstr (html, "\xee\x80") == NULL);

  joined = g_string_new (NULL);
  for (guint i = 0; i < byline_render_get_n_blocks (render); i++)
    {
      guint start, end;

      g_string_append (joined, byline_render_get_block (render, i, &start, &end));
      /* (A block with no position of its own takes the line after the
       * one before: past the last line only when such blocks end it.) */
      FUZZ_CHECK (start >= 1 && start <= end && end <= n_lines + byline_render_get_n_blocks (render));
      FUZZ_CHECK (i == 0 || start > last_end);
      last_end = end;
    }
  g_string_append (joined, byline_render_get_footnotes (render));
  FUZZ_CHECK (strcmp (joined->str, html) == 0);
  FUZZ_CHECK (g_utf8_validate (byline_render_get_toc (render), -1, NULL));

  byline_render_diff (render, render, &first, &same_end);
  FUZZ_CHECK (first == byline_render_get_n_blocks (render) && same_end == 0);

  /* Go to Heading's list: levels and lines in range, in order, valid text */
  {
    GPtrArray *headings = byline_markdown_dup_headings (text, len);
    guint last_line = 0;

    for (guint i = 0; i < headings->len; i++)
      {
        BylineHeading *h = g_ptr_array_index (headings, i);

        FUZZ_CHECK (h->level >= 1 && h->level <= 6);
        FUZZ_CHECK (h->line >= 1 && h->line <= n_lines + 1 && h->line >= last_line);
        FUZZ_CHECK (g_utf8_validate (h->text, -1, NULL));
        last_line = h->line;
      }
    g_ptr_array_unref (headings);
  }

  /* The link checker's links and reference definitions: in the text, in
   * order, a definition's destination where it is written */
  {
    GPtrArray *links = byline_markdown_dup_links (text, len);
    GPtrArray *defs = byline_markdown_dup_link_definitions (text, len);
    gsize last = 0;

    for (guint i = 0; i < links->len; i++)
      {
        BylineMarkdownLink *l = g_ptr_array_index (links, i);

        FUZZ_CHECK (l->start < l->end && l->end <= len && l->start >= last);
        FUZZ_CHECK (g_utf8_validate (l->target, -1, NULL));
        last = l->start;
      }
    last = 0;
    for (guint i = 0; i < defs->len; i++)
      {
        BylineMarkdownLink *d = g_ptr_array_index (defs, i);

        FUZZ_CHECK (d->start <= d->end && d->end <= len && d->start >= last);
        FUZZ_CHECK (d->kind == BYLINE_MARKDOWN_LINK_LINK && d->tag != NULL);
        FUZZ_CHECK (g_utf8_validate (d->target, -1, NULL) && g_utf8_validate (d->tag, -1, NULL));
        last = d->end;
      }
    g_ptr_array_unref (defs);
    g_ptr_array_unref (links);
  }

  {
    const char *static_uri = (data[0] & 0x80) ? "file:///site/static/" : NULL;
    gsize a = boundary (text, len, len / 3), b = boundary (text, len, 2 * len / 3);
    gsize half = boundary (text, len, len / 2);
    char *earlier = g_malloc (len + 1);

    memcpy (earlier, text, a);
    memcpy (earlier + a, text + b, len - b);
    check_from (render, earlier, a + len - b, text, len, flags, static_uri);
    check_from (render, text, half, text, len, flags, static_uri);
    g_free (earlier);
  }

  page = byline_markdown_render_standalone (text, len, flags, "fuzz.md");
  FUZZ_CHECK (g_utf8_validate (page, -1, NULL));
  FUZZ_CHECK (g_str_has_suffix (page, "</html>\n"));

  g_free (page);
  g_string_free (joined, TRUE);
  g_free (html);
  byline_render_unref (render);
  return 0;
}
