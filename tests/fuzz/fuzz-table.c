/* fuzz-table.c: libFuzzer target for Format Table (byline-table).
 *
 * Input: 2 bytes (the cursor's offset, taken modulo the text's length)
 * then the text, which must be UTF-8 (as the source view's always is).
 * Checked from the outside, not by the proof byline_table_format_at()
 * makes itself: the range replaced is within the text and on the table's
 * lines, the cursor's new place is within the new text, the new text
 * renders to the same HTML as the old (raw HTML let through, and with
 * Byline's default flags), formatting again changes nothing, and walking
 * the cells from the first ends within the table's cells.
 *
 * Built with -Dfuzzing=true (clang). Run:
 *   _build-fuzz/tests/fuzz/fuzz-table -max_len=2048 CORPUS_DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "byline-markdown.h"
#include "byline-table.h"

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

static void
check_same_html (const char          *before,
                 gsize                before_len,
                 const char          *after,
                 gsize                after_len,
                 BylineMarkdownFlags  flags)
{
  g_autofree char *html_before = byline_markdown_to_html (before, before_len, flags);
  g_autofree char *html_after = byline_markdown_to_html (after, after_len, flags);

  FUZZ_CHECK (g_strcmp0 (html_before, html_after) == 0);
}

static void
check_cells (const char *text,
             gsize       len,
             gsize       offset)
{
  BylineTable *table = byline_table_find (text, len, offset);
  guint row = 0, column = 0, steps = 0;
  gsize start = 0, end = 0;

  if (table == NULL)
    return;
  FUZZ_CHECK (byline_table_get_start (table) <= byline_table_get_end (table));
  FUZZ_CHECK (byline_table_get_end (table) <= len);
  FUZZ_CHECK (byline_table_get_n_rows (table) >= 2);
  while (byline_table_next_cell (table, FALSE, &row, &column))
    {
      FUZZ_CHECK (row < byline_table_get_n_rows (table) && row != 1);
      /* (a row may have more cells than the header: GFM ignores them,
       * Tab still visits them) */
      FUZZ_CHECK (column < MAX (byline_table_get_n_columns (table), byline_table_get_n_cells (table, row)));
      if (byline_table_get_cell (table, row, column, &start, &end))
        FUZZ_CHECK (byline_table_get_start (table) <= start && start <= end &&
                    end <= byline_table_get_end (table));
      FUZZ_CHECK (++steps <= byline_table_get_n_rows (table) * (len + 1));
    }
  g_free (byline_table_dup_new_row (table, NULL));
  byline_table_free (table);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text;
  gsize len, offset, start = 0, end = 0, new_cursor = 0;
  g_autofree char *replacement = NULL;
  g_autoptr(GString) after = NULL;
  g_autoptr(GError) error = NULL;

  if (size < 3)
    return 0;
  text = (const char *) data + 2;
  len = size - 2;
  if (!g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
    return 0;
  offset = ((gsize) data[0] << 8 | data[1]) % len;

  check_cells (text, len, offset);
  if (!byline_table_format_at (text, len, offset, &start, &end, &replacement, &new_cursor, &error))
    {
      FUZZ_CHECK (error != NULL && error->domain == BYLINE_TABLE_ERROR);
      return 0;
    }

  FUZZ_CHECK (start <= end && end <= len);
  FUZZ_CHECK (replacement != NULL && g_utf8_validate (replacement, -1, NULL));
  after = g_string_new_len (text, start);
  g_string_append (after, replacement);
  g_string_append_len (after, text + end, len - end);
  FUZZ_CHECK (new_cursor <= after->len);

  check_same_html (text, len, after->str, after->len, BYLINE_MARKDOWN_RAW_HTML);
  check_same_html (text, len, after->str, after->len, BYLINE_MARKDOWN_DEFAULT);

  /* formatted once, formatted for good */
  {
    gsize start2 = 0, end2 = 0;
    g_autofree char *again = NULL;
    g_autoptr(GError) error2 = NULL;

    FUZZ_CHECK (byline_table_format_at (after->str, after->len, MIN (start, after->len ? after->len - 1 : 0),
                                        &start2, &end2, &again, NULL, &error2));
    FUZZ_CHECK (end2 - start2 == strlen (again) && memcmp (after->str + start2, again, end2 - start2) == 0);
  }
  check_cells (after->str, after->len, new_cursor < after->len ? new_cursor : 0);
  return 0;
}
