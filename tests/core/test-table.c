/* test-table.c: GFM tables in the source: found as cmark-gfm reads them,
 * split into cells, lined up without changing a byte around them or what
 * they render to.
 *
 * In the texts below, "‸" marks the cursor (and is not part of the text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-table"

#include "config.h"

#include <string.h>

#include "byline-markdown.h"
#include "byline-table.h"
#include "byline-test-files.h"

#define CURSOR "\xe2\x80\xb8"   /* ‸ */

/* @marked without its cursor mark; *@offset: where the mark was. */
static char *
unmark (const char *marked,
        gsize      *offset)
{
  const char *mark = strstr (marked, CURSOR);
  GString *text;

  g_assert_nonnull (mark);
  g_assert_null (strstr (mark + 1, CURSOR));
  text = g_string_new_len (marked, mark - marked);
  g_string_append (text, mark + strlen (CURSOR));
  *offset = mark - marked;
  return g_string_free (text, FALSE);
}

/* @text with [start, end) replaced by @replacement and the cursor mark
 * put at @cursor (an offset in the result). */
static char *
apply (const char *text,
       gsize       start,
       gsize       end,
       const char *replacement,
       gsize       cursor)
{
  GString *out = g_string_new_len (text, start);

  g_string_append (out, replacement);
  g_string_append (out, text + end);
  g_assert_cmpuint (cursor, <=, out->len);
  g_string_insert (out, cursor, CURSOR);
  return g_string_free (out, FALSE);
}

/* Formats the table at the mark of @marked; returns the whole text with
 * the mark where the cursor went. */
static char *
format_marked (const char *marked)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *replacement = NULL;
  gsize offset, start, end, cursor;

  text = unmark (marked, &offset);
  g_assert_true (byline_table_format_at (text, -1, offset, &start, &end, &replacement, &cursor, &error));
  g_assert_no_error (error);
  return apply (text, start, end, replacement, cursor);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *before;   /* with the cursor mark */
  const char *after;    /* the whole text after Format Table, with the mark */
} FormatCase;

static const FormatCase format_cases[] = {
  { "alignment",
    "| a | b | c | d |\n|:-|:-:|-:|---|\n| long ce‸ll | x | 1 | y |\n",
    "| a         |  b  |   c | d   |\n"
    "| :-------- | :-: | --: | --- |\n"
    "| long ce‸ll |  x  |   1 | y   |\n" },
  { "center-odd",
    "| h |\n|:--:|\n| four |\n| ‸x |",
    "|  h   |\n"
    "| :--: |\n"
    "| four |\n"
    "|  ‸x   |" },
  { "cjk-and-combining",
    /* 名前 is 4 columns, 山田太郎 8; é (e + U+0301) 1 */
    "| 名前 | x‸ |\n|---|---|\n| 山田太郎 | e\xcc\x81 |\n",
    "| 名前     | x‸   |\n"
    "| -------- | --- |\n"
    "| 山田太郎 | e\xcc\x81   |\n" },
  { "escaped-pipe",
    "| a | b |\n|---|---|\n| 1 \\| 2 | `3\\|4`‸ |\n",
    "| a      | b      |\n"
    "| ------ | ------ |\n"
    "| 1 \\| 2 | `3\\|4`‸ |\n" },
  { "pipe-in-code-splits-as-in-gfm",
    /* cmark-gfm (and GitHub) split at a pipe in a code span: the row has
     * three cells, the last one beyond the header's two */
    "| a | b |\n|---|---|\n| `x|y` | z‸ |\n",
    "| a   | b   |\n"
    "| --- | --- |\n"
    "| `x  | y`  | z‸ |\n" },
  { "crlf",
    /* "after" is a row too: GFM ends a table at a blank line */
    "| a | bb |\r\n|--|:-:|\r\n| 1‸ | 2 |\r\nafter\r\n\r\n",
    "| a     | bb  |\r\n"
    "| ----- | :-: |\r\n"
    "| 1‸     |  2  |\r\n"
    "| after |     |\r\n\r\n" },
  { "ragged-rows",
    "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4‸ |\n",
    "| a   | b   | c   |\n"
    "| --- | --- | --- |\n"
    "| 1   |     |     |\n"
    "| 1   | 2   | 3   | 4‸ |\n" },
  { "indentation",
    "Text\n\n  | a | b |\n  |---|---|\n  | 1‸ | 22222 |\n\nEnd\n",
    "Text\n\n"
    "  | a   | b     |\n"
    "  | --- | ----- |\n"
    "  | 1‸   | 22222 |\n"
    "\nEnd\n" },
  { "quote",
    "> Quoted:\n>\n> | a | b |\n> |-|-:|\n> | 1 | 22 ‸|\n",
    "> Quoted:\n>\n"
    "> | a   |   b |\n"
    "> | --- | --: |\n"
    "> | 1   |  22‸ |\n" },
  { "list-item-marker-line",
    "- | a | b |\n  |-|-|\n  | 1 | 2‸2 |\n- next\n",
    "- | a   | b   |\n"
    "  | --- | --- |\n"
    "  | 1   | 2‸2  |\n"
    "- next\n" },
  { "list-item-paragraph",
    "1. Item\n\n   | a‸ | b |\n   |-|-|\n   | 1 | 2 |\n",
    "1. Item\n\n"
    "   | a‸   | b   |\n"
    "   | --- | --- |\n"
    "   | 1   | 2   |\n" },
  { "empty-cells",
    "| a |  |\n|---|---|\n|  ‸| b |\n||\n",
    "| a   |     |\n"
    "| --- | --- |\n"
    "| ‸    | b   |\n"
    "|     |     |\n" },
  { "after-a-paragraph",
    "Some text\nright above.\n| a | b |\n|-|-|\n| 1 | 2‸ |\n",
    "Some text\nright above.\n"
    "| a   | b   |\n"
    "| --- | --- |\n"
    "| 1   | 2‸   |\n" },
  { "no-outer-pipes",
    "a | b\n--|--\n1 | 2‸\n",
    "| a   | b   |\n"
    "| --- | --- |\n"
    "| 1   | 2‸   |\n" },
  { "header-only",
    "| ‸long header | b |\n|-|-|",
    "| ‸long header | b   |\n"
    "| ----------- | --- |" },
  { "second-of-two-tables",
    "| a | b |\n|-|-|\n\n| c | d |\n|-|-|\n| 1‸ | 2 |\n",
    "| a | b |\n|-|-|\n\n"
    "| c   | d   |\n"
    "| --- | --- |\n"
    "| 1‸   | 2   |\n" },
  { "tabs-around-cells",
    "|\ta\t|\tb|\n|---|---|\n|1|‸2|\n",
    "| a   | b   |\n"
    "| --- | --- |\n"
    "| 1   | ‸2   |\n" },
  { "cursor-in-delimiter-row",
    "| aaaa | b |\n|-‸-|--|\n",
    "| aaaa | b   |\n"
    "| -‸--- | --- |\n" },
  { "cursor-after-closing-pipe",
    "| a | b |\n|-|-|\n| 1 | 2 |‸\n",
    "| a   | b   |\n"
    "| --- | --- |\n"
    "| 1   | 2   |‸\n" },
  { "cursor-in-indentation",
    "  | a | b |\n ‸ |-|-|\n",
    "  | a   | b   |\n"
    " ‸ | --- | --- |\n" },
  { "cursor-before-leading-pipe",
    "| a | b |\n‸|-|-|\n",
    "| a   | b   |\n"
    "‸| --- | --- |\n" },
  { "mixed-line-breaks",
    "| a |\r\n|-|\n| b‸ |\r| c |",
    "| a   |\r\n"
    "| --- |\n"
    "| b‸   |\r"
    "| c   |" },
  { "after-indented-paragraph",
    /* cmark-gfm gives a table that interrupts a paragraph the
     * paragraph's column (3 here): nothing to skip on the header's line */
    "  Indented text\n| Long header |\n|---:|\n| x‸ |\n",
    "  Indented text\n"
    "| Long header |\n"
    "| ----------: |\n"
    "|           x‸ |\n" },
  { "already-formatted",
    "| a   | b   |\n| --- | --- |\n| 1‸   | 2   |\n",
    "| a   | b   |\n| --- | --- |\n| 1‸   | 2   |\n" },
  { "backslashes",
    /* a backslash before a blank escapes nothing; one before a pipe
     * escapes it, even after another backslash (as cmark-gfm reads it) */
    "| a\\ | b |\n|-|-|\n| c\\\\|‸ |\n",
    "| a\\   | b   |\n"
    "| ---- | --- |\n"
    "| c\\\\|‸ |     |\n" },
};

static void
test_format (gconstpointer data)
{
  const FormatCase *fc = data;
  g_autofree char *result = format_marked (fc->before);

  g_assert_cmpstr (result, ==, fc->after);

  /* again: nothing left to change, the cursor where it is */
  {
    g_autofree char *again = format_marked (result);

    g_assert_cmpstr (again, ==, result);
  }
}

/* ------------------------------------------------------------------------ */

static const char * const not_a_table[] = {
  /* plain text with pipes */
  "a | b‸\n",
  /* no delimiter row */
  "| a | b |\n| 1‸ | 2 |\n",
  /* the delimiter row's cells must match the header's */
  "| a | b |\n|---|\n| 1‸ | 2 |\n",
  /* in fenced code */
  "```\n| a | b |\n|---|---|\n| 1‸ | 2 |\n```\n",
  /* in indented code */
  "    | a | b |\n    |---|---|\n    | 1‸ | 2 |\n",
  /* in an HTML comment */
  "<!--\n| a | b |\n|---|---|\n| 1‸ | 2 |\n-->\n",
  /* on the paragraph above the table */
  "Abo‸ve\n| a | b |\n|---|---|\n",
  /* on the line after it */
  "| a | b |\n|---|---|\n\n‸Below\n",
  "",
};

static void
test_not_a_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (not_a_table); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *replacement = NULL;
      gsize offset = 0;

      if (not_a_table[i][0] != '\0')
        text = unmark (not_a_table[i], &offset);
      else
        text = g_strdup ("");
      g_test_message ("%s", not_a_table[i]);
      g_assert_null (byline_table_find (text, -1, offset));
      g_assert_false (byline_table_format_at (text, -1, offset, NULL, NULL, &replacement, NULL, &error));
      g_assert_error (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND);
      g_assert_null (replacement);
    }
}

/* The bounds of a table's lines: the cursor anywhere on them, but not on
 * the line break after the last. */
static void
test_bounds (void)
{
  const char *text = "Para\n| a | b |\n|---|---|\n| 1 | 2 |\nx\n\nNext\n";
  gsize first = strlen ("Para\n");
  gsize last = strlen ("Para\n| a | b |\n|---|---|\n| 1 | 2 |\nx");
  g_autoptr(BylineTable) table = byline_table_find (text, -1, first);

  g_assert_nonnull (table);
  g_assert_cmpuint (byline_table_get_start (table), ==, first);
  g_assert_cmpuint (byline_table_get_end (table), ==, last);
  g_assert_cmpuint (byline_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (byline_table_get_n_columns (table), ==, 2);
  g_assert_cmpuint (byline_table_get_n_cells (table, 3), ==, 1);

  for (gsize i = 0; i < strlen (text); i++)
    {
      g_autoptr(BylineTable) at = byline_table_find (text, -1, i);

      if (i >= first && i <= last)
        g_assert_nonnull (at);
      else
        g_assert_null (at);
    }
}

static void
test_align (void)
{
  g_autoptr(BylineTable) table = byline_table_find ("a|b|c|d\n:-|:-:|-:|-\n", -1, 0);

  g_assert_nonnull (table);
  g_assert_cmpint (byline_table_get_align (table, 0), ==, BYLINE_TABLE_ALIGN_LEFT);
  g_assert_cmpint (byline_table_get_align (table, 1), ==, BYLINE_TABLE_ALIGN_CENTER);
  g_assert_cmpint (byline_table_get_align (table, 2), ==, BYLINE_TABLE_ALIGN_RIGHT);
  g_assert_cmpint (byline_table_get_align (table, 3), ==, BYLINE_TABLE_ALIGN_NONE);
  g_assert_cmpint (byline_table_get_align (table, 4), ==, BYLINE_TABLE_ALIGN_NONE);
}

static void
test_display_width (void)
{
  static const struct { const char *text; guint width; } cases[] = {
    { "", 0 },
    { "abc", 3 },
    { "名前", 4 },
    { "ｆｕｌｌ", 8 },           /* fullwidth forms */
    { "e\xcc\x81", 1 },         /* e + combining acute */
    { "a\xe2\x80\x8b" "b", 2 }, /* zero-width space */
    { "한국어", 6 },
    { "\\|", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (byline_table_display_width (cases[i].text, -1), ==, cases[i].width);
  g_assert_cmpuint (byline_table_display_width ("名前", 3), ==, 2);
}

/* Cells: content without blanks; empty ones where one types. */
static void
test_cells (void)
{
  const char *text = "| a | bb |\n|---|---|\n|   | x \\| y |\n";
  g_autoptr(BylineTable) table = byline_table_find (text, -1, 0);
  static const struct { guint row, column; const char *content; gsize empty_at; } cells[] = {
    { 0, 0, "a", 0 },
    { 0, 1, "bb", 0 },
    { 1, 0, "---", 0 },
    { 2, 0, "", 23 },
    { 2, 1, "x \\| y", 0 },
  };
  gsize start, end;
  guint row, column;

  g_assert_nonnull (table);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_assert_true (byline_table_get_cell (table, cells[i].row, cells[i].column, &start, &end));
      g_assert_cmpuint (end - start, ==, strlen (cells[i].content));
      g_assert_cmpint (strncmp (text + start, cells[i].content, end - start), ==, 0);
      if (cells[i].content[0] == '\0')
        g_assert_cmpuint (start, ==, cells[i].empty_at);
      g_assert_true (byline_table_get_cell_at (table, start, &row, &column));
      g_assert_cmpuint (row, ==, cells[i].row);
      g_assert_cmpuint (column, ==, cells[i].column);
    }
  g_assert_false (byline_table_get_cell (table, 2, 2, &start, &end));
  g_assert_false (byline_table_get_cell (table, 3, 0, &start, &end));

  /* on a pipe: the cell before it */
  g_assert_true (byline_table_get_cell_at (table, strlen ("| a "), &row, &column));
  g_assert_cmpuint (column, ==, 0);
  g_assert_true (byline_table_get_cell_at (table, strlen ("| a |"), &row, &column));
  g_assert_cmpuint (column, ==, 1);
  /* after the closing pipe: the last */
  g_assert_true (byline_table_get_cell_at (table, strlen ("| a | bb |"), &row, &column));
  g_assert_cmpuint (column, ==, 1);
  g_assert_false (byline_table_get_cell_at (table, strlen (text), &row, &column));
}

/* Tab's order: by rows, the delimiter row skipped, short rows as they are. */
static void
test_next_cell (void)
{
  g_autoptr(BylineTable) table = byline_table_find ("| a | b |\n|---|---|\n| 1 |\n| 2 | 3 |", -1, 0);
  static const guint order[][2] = { { 0, 0 }, { 0, 1 }, { 2, 0 }, { 3, 0 }, { 3, 1 } };
  guint row = 0, column = 0;

  g_assert_nonnull (table);
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (byline_table_next_cell (table, FALSE, &row, &column));
      g_assert_cmpuint (row, ==, order[i][0]);
      g_assert_cmpuint (column, ==, order[i][1]);
    }
  g_assert_false (byline_table_next_cell (table, FALSE, &row, &column));
  g_assert_cmpuint (row, ==, 3);
  for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
    {
      g_assert_true (byline_table_next_cell (table, TRUE, &row, &column));
      g_assert_cmpuint (row, ==, order[i - 1][0]);
      g_assert_cmpuint (column, ==, order[i - 1][1]);
    }
  g_assert_false (byline_table_next_cell (table, TRUE, &row, &column));

  /* from the delimiter row */
  row = 1, column = 1;
  g_assert_true (byline_table_next_cell (table, FALSE, &row, &column));
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 0);
  row = 1, column = 0;
  g_assert_true (byline_table_next_cell (table, TRUE, &row, &column));
  g_assert_cmpuint (row, ==, 0);
  g_assert_cmpuint (column, ==, 1);
}

static void
test_new_row (void)
{
  static const struct { const char *table; const char *row; gsize cursor; } cases[] = {
    { "| a   | b   |\n| --- | --- |\n| 1   | 2   |", "\n|     |     |", 3 },
    { "> | a | b |\r\n> |-|-|", "\r\n> |  |  |", 6 },
    { "a | b\n--|--\n1 | 2 | 3", "\n|  |   |", 3 },
    { "| a | b |\n|---|---|\n| 1 |", "\n|   |  |", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineTable) table = byline_table_find (cases[i].table, -1, 0);
      g_autofree char *row = NULL;
      g_autofree char *text = NULL;
      gsize cursor = 0;
      guint r, c;

      g_assert_nonnull (table);
      row = byline_table_dup_new_row (table, &cursor);
      g_assert_cmpstr (row, ==, cases[i].row);
      g_assert_cmpuint (cursor, ==, cases[i].cursor);

      /* it is a row of the table, its first cell where the cursor goes */
      text = g_strconcat (cases[i].table, row, NULL);
      g_clear_pointer (&table, byline_table_free);
      table = byline_table_find (text, -1, 0);
      g_assert_nonnull (table);
      g_assert_cmpuint (byline_table_get_end (table), ==, strlen (text));
      g_assert_true (byline_table_get_cell_at (table, strlen (cases[i].table) + cursor, &r, &c));
      g_assert_cmpuint (r, ==, byline_table_get_n_rows (table) - 1);
      g_assert_cmpuint (c, ==, 0);
    }
}

static void
test_skeleton (void)
{
  const char * const headers[] = { "Column", "Column", "Column", NULL };
  const char * const cjk[] = { "列", NULL };
  g_autofree char *lf = byline_table_dup_skeleton (headers, NULL);
  g_autofree char *crlf = byline_table_dup_skeleton (headers, "\r\n");
  g_autofree char *one = byline_table_dup_skeleton (cjk, NULL);
  g_autofree char *html = NULL;

  g_assert_cmpstr (lf, ==,
                   "| Column | Column | Column |\n"
                   "| ------ | ------ | ------ |\n"
                   "|        |        |        |");
  g_assert_cmpstr (crlf, ==,
                   "| Column | Column | Column |\r\n"
                   "| ------ | ------ | ------ |\r\n"
                   "|        |        |        |");
  g_assert_cmpstr (one, ==, "| 列  |\n| --- |\n|     |");
  html = byline_markdown_to_html (lf, -1, BYLINE_MARKDOWN_DEFAULT);
  g_assert_nonnull (strstr (html, "<th>Column</th>"));
  g_assert_nonnull (strstr (html, "<td></td>"));
}

/* Tables in odd places: formatted or not found, never changed in what they
 * render to (checked here, not only by byline_table_format_at()'s own
 * proof), and formatted again to the same text. */
static const char * const odd_places[] = {
  ">| a | b |\n>|-|-|\n| 1 | 2 |\n",
  "- a\n | b | c |\n |-|-|\n",
  "\t| a | b |\n\t|-|-|\n",
  "  - | a | b |\n    |-|-|\n",
  "> - | a | b |\n>   |-|-|\n>   | 1 |\n",
  "1. | a |\n   |-|\n   | x |\n",
  "- | a | b |\n|-|-|\n| 1 | 2 |\n",
  "[^1]: | a | b |\n    |-|-|\n    | x | y |\n\nText[^1]\n",
  "> | a | b |\n|-|-|\n",
  "- | a | b |\n  |-|-|\n | 1 | 2 |\n",
  "| a | b |\n|-|-|\n> x | y\n",
  "| a | b |\n|-|-|\n- x | y\n",
  "| a | b |\n|-|-|\n---\n",
  "| <b | c> |\n|-|-|\n",
  "| a | b |\n|-|-|\n| [x | y](u) |\n",
  "|a|\n|-|\n|`|`|\n",
  "|a|b|\n|-|-|\n||\n|\n",
  "| a | b |\n| - | - |\n| - | -- |\n",
  "Title\n| a |\n|---|\n===\n",
};

static void
test_odd_places (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (odd_places); i++)
    {
      const char *text = odd_places[i];
      g_autofree char *html = byline_markdown_to_html (text, -1, BYLINE_MARKDOWN_RAW_HTML);

      g_test_message ("%s", text);
      for (gsize offset = 0; offset <= strlen (text); offset++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *replacement = NULL;
          g_autofree char *after = NULL;
          g_autofree char *after_html = NULL;
          g_autofree char *again = NULL;
          gsize start, end, cursor;

          if (!byline_table_format_at (text, -1, offset, &start, &end, &replacement, &cursor, &error))
            {
              g_assert_error (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND);
              continue;
            }
          after = apply (text, start, end, replacement, cursor);
          g_free (replacement);
          replacement = NULL;
          again = format_marked (after);
          g_assert_cmpstr (again, ==, after);
          g_free (after);
          after = unmark (again, &cursor);
          after_html = byline_markdown_to_html (after, -1, BYLINE_MARKDOWN_RAW_HTML);
          g_assert_cmpstr (after_html, ==, html);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Real posts                                                                */
/* ------------------------------------------------------------------------ */

/* The run of non-blank lines of @text around @offset. */
static void
block_around (const char *text,
              gsize       len,
              gsize       offset,
              gsize      *start,
              gsize      *end)
{
  gsize s = offset, e = offset;

  /* back to the line after a blank line */
  for (;;)
    {
      gsize line = s;
      gsize prev;
      gboolean blank = TRUE;

      while (line > 0 && text[line - 1] != '\n')
        line--;
      if (line == 0)
        {
          s = 0;
          break;
        }
      prev = line - 1;
      while (prev > 0 && text[prev - 1] != '\n')
        prev--;
      for (gsize i = prev; i < line - 1; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
          blank = FALSE;
      s = line;
      if (blank)
        break;
      s = prev;
    }
  /* on to the end of the line before a blank line */
  for (;;)
    {
      gsize next;
      gboolean blank = TRUE;

      while (e < len && text[e] != '\n')
        e++;
      if (e >= len)
        break;
      next = e + 1;
      for (gsize i = next; i < len && text[i] != '\n'; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
          blank = FALSE;
      if (blank)
        break;
      e = next;
    }
  *start = s;
  *end = e;
}

/* Every table of every post of the corpus: formatted without changing what
 * the post renders to, formatting twice gives what once did, and the block
 * around it alone finds the same table as the whole post. */
static void
test_corpus (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_tables = 0, n_posts = 0;

  if (shared == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR is not set: no corpus to read");
      return;
    }
  dir_path = g_build_filename (shared, "corpus", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("the corpus folder is missing");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GArray) tables = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".md"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &text, &len, NULL) || !g_utf8_validate (text, len, NULL))
        continue;
      tables = byline_markdown_dup_tables (text, len);
      if (tables->len > 0)
        n_posts++;

      for (guint i = 0; i < tables->len; i++)
        {
          g_autoptr(BylineTable) table = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *replacement = NULL;
          g_autofree char *formatted = NULL;
          g_autofree char *again = NULL;
          gsize offset, start, end, cursor, block_start, block_end;
          guint line = g_array_index (tables, BylineMarkdownTable, i).start_line;

          /* the start of the table's first line */
          offset = 0;
          for (guint l = 1; l < line; l++)
            offset = strchr (text + offset, '\n') - text + 1;

          g_test_message ("%s: table at line %u", name, line);
          g_assert_true (byline_table_format_at (text, len, offset, &start, &end, &replacement, &cursor, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (start, ==, offset);
          n_tables++;

          formatted = g_strconcat ("", NULL);
          {
            GString *s = g_string_new_len (text, start);

            g_string_append (s, replacement);
            g_string_append_len (s, text + end, len - end);
            g_free (formatted);
            formatted = g_string_free (s, FALSE);
          }
          {
            g_autofree char *second = NULL;
            gsize start2, end2;

            g_assert_true (byline_table_format_at (formatted, -1, offset, &start2, &end2, &second, NULL, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (end2 - start2, ==, strlen (replacement));
            g_assert_cmpstr (second, ==, replacement);
          }

          /* the block alone: the same table, or (when its context matters,
           * as an indented list item's) none */
          block_around (text, len, offset, &block_start, &block_end);
          table = byline_table_find (text + block_start, block_end - block_start, offset - block_start);
          if (table != NULL)
            {
              g_assert_cmpuint (byline_table_get_start (table) + block_start, ==, start);
              g_assert_cmpuint (byline_table_get_end (table) + block_start, ==, end);
              again = byline_table_format (table, 0, NULL);
              g_assert_cmpstr (again, ==, replacement);
            }
        }
    }

  g_test_message ("%u tables in %u posts", n_tables, n_posts);
  g_assert_cmpuint (n_tables, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/table/format/%s", format_cases[i].name);

      g_test_add_data_func (path, &format_cases[i], test_format);
    }
  g_test_add_func ("/table/not-a-table", test_not_a_table);
  g_test_add_func ("/table/bounds", test_bounds);
  g_test_add_func ("/table/align", test_align);
  g_test_add_func ("/table/display-width", test_display_width);
  g_test_add_func ("/table/cells", test_cells);
  g_test_add_func ("/table/next-cell", test_next_cell);
  g_test_add_func ("/table/new-row", test_new_row);
  g_test_add_func ("/table/skeleton", test_skeleton);
  g_test_add_func ("/table/odd-places", test_odd_places);
  g_test_add_func ("/table/corpus", test_corpus);

  return g_test_run ();
}
