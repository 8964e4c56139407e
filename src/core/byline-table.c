/* byline-table.c: GFM pipe tables in the Markdown source
 *
 * cmark-gfm says where a table's lines are (byline_markdown_dup_tables());
 * each line is then split here into what stands before the row (its
 * indentation, a quote's ">", a list item's marker on the first line: kept
 * as it is) and its cells, at the pipes cmark-gfm's table extension splits
 * at: every '|' that does not follow a backslash.
 *
 * Formatting only changes blanks around cells, dashes of the delimiter row
 * and pipes at the row's ends, and adds empty cells to short rows; a cell's
 * content is never touched. byline_table_format_at() proves it: the text
 * with the formatted table must render to the very HTML it did before, or
 * the table is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "byline-markdown.h"
#include "byline-table.h"

/* The narrowest column: room for a delimiter cell ":-:" */
#define MIN_WIDTH 3

typedef struct {
  gsize raw_start;   /* after the pipe before it, or where the row starts */
  gsize raw_end;     /* at the pipe after it, or the end of the line */
  gsize start;       /* its content, blanks around it excluded */
  gsize end;
} Cell;

typedef struct {
  gsize   line_start;
  gsize   content_start;  /* after indentation, markers and blanks */
  gsize   line_end;       /* before the line break */
  gsize   next_line;      /* after it */
  gsize   trailing_pipe;  /* offset of the row's closing pipe, or G_MAXSIZE */
  guint   leading_pipe : 1;
  GArray *cells;          /* of Cell, at least one */
} Row;

struct _BylineTable
{
  char   *text;       /* the table's lines, [start, end) of the caller's text */
  gsize   start;
  gsize   end;
  guint   n_columns;  /* the header's cells, as cmark-gfm counts them */
  GArray *rows;       /* of Row */
};

G_DEFINE_QUARK (byline-table-error-quark, byline_table_error)

/* ------------------------------------------------------------------------ */
/* Rows and cells                                                            */
/* ------------------------------------------------------------------------ */

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The byte at @offset of the caller's text. */
static inline char
byte_at (BylineTable *self,
         gsize        offset)
{
  g_assert (offset >= self->start && offset < self->end);
  return self->text[offset - self->start];
}

static void
add_cell (BylineTable *self,
          Row         *row,
          gsize        raw_start,
          gsize        raw_end)
{
  Cell cell = { raw_start, raw_end, raw_start, raw_end };

  while (cell.start < cell.end && is_blank (byte_at (self, cell.start)))
    cell.start++;
  while (cell.end > cell.start && is_blank (byte_at (self, cell.end - 1)))
    cell.end--;
  if (cell.start == cell.end)
    {
      /* empty: where one types, after the blank that follows the pipe */
      cell.start = cell.end = MIN (raw_start + 1, raw_end);
    }
  g_array_append_val (row->cells, cell);
}

/* Splits @row's text, [content_start, line_end), into cells: at each pipe
 * not right after a backslash; a pipe at the start and one with only
 * blanks after it bound the row rather than split it. */
static void
split_row (BylineTable *self,
           Row         *row)
{
  gsize end = row->line_end;
  gsize cell_start = row->content_start;
  gsize last_pipe = G_MAXSIZE;

  row->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  row->trailing_pipe = G_MAXSIZE;
  row->leading_pipe = row->content_start < end && byte_at (self, row->content_start) == '|';
  if (row->leading_pipe)
    cell_start++;

  for (gsize i = cell_start; i < end; i++)
    {
      /* (cmark-gfm reads a backslash and a pipe as an escaped pipe even
       * after another backslash: "\\|" does not split either) */
      if (byte_at (self, i) == '|' && byte_at (self, i - 1) != '\\')
        {
          add_cell (self, row, cell_start, i);
          cell_start = i + 1;
          last_pipe = i;
        }
    }

  /* what follows the last pipe: a cell, or only blanks (then that pipe
   * closed the row) */
  {
    gsize i = cell_start;

    while (i < end && is_blank (byte_at (self, i)))
      i++;
    if (i < end || row->cells->len == 0)
      add_cell (self, row, cell_start, end);
    else
      row->trailing_pipe = last_pipe;
  }
}

static Row *
get_row (BylineTable *self,
         guint        row)
{
  g_assert (row < self->rows->len);
  return &g_array_index (self->rows, Row, row);
}

static Cell *
get_cell (Row   *row,
          guint  column)
{
  g_assert (column < row->cells->len);
  return &g_array_index (row->cells, Cell, column);
}

static void
clear_row (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->cells, g_array_unref);
}

/* The offsets at which the lines of @text start, with one more at the end
 * (@len + 1 past the last line's break, so that line N ends before
 * starts[N]); "\n", "\r\n" and "\r" end a line, as for cmark. */
static GArray *
line_starts (const char *text,
             gsize       len,
             guint       max_lines)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  g_array_append_val (starts, zero);
  for (gsize i = 0; i < len && starts->len <= max_lines; i++)
    {
      if (text[i] == '\r' || text[i] == '\n')
        {
          gsize next;

          if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
          next = i + 1;
          g_array_append_val (starts, next);
        }
    }
  return starts;
}

/* The end of the line starting at @start, before its break. */
static gsize
line_end (const char *text,
          gsize       len,
          gsize       start)
{
  while (start < len && text[start] != '\n' && text[start] != '\r')
    start++;
  return start;
}

static BylineTable *
table_new (const char                *text,
           gsize                      len,
           GArray                    *starts,
           const BylineMarkdownTable *found)
{
  BylineTable *self = g_new0 (BylineTable, 1);

  self->start = g_array_index (starts, gsize, found->start_line - 1);
  self->end = line_end (text, len, g_array_index (starts, gsize, found->end_line - 1));
  self->text = g_strndup (text + self->start, self->end - self->start);
  self->n_columns = found->n_columns;
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, clear_row);

  for (guint line = found->start_line; line <= found->end_line; line++)
    {
      Row row = { 0, };
      gsize prefix = 0;
      gsize marker = found->start_column - 1;

      row.line_start = g_array_index (starts, gsize, line - 1);
      row.line_end = line_end (text, len, row.line_start);
      row.next_line = line < found->end_line ? g_array_index (starts, gsize, line) : row.line_end;

      /* indentation and quote markers; on the first line, also what stands
       * before the column cmark-gfm says the table starts at (a list
       * item's marker) */
      while (row.line_start + prefix < row.line_end &&
             (is_blank (text[row.line_start + prefix]) || text[row.line_start + prefix] == '>'))
        prefix++;
      if (line == found->start_line && prefix < marker && row.line_start + marker <= row.line_end)
        prefix = marker;
      while (row.line_start + prefix < row.line_end && is_blank (text[row.line_start + prefix]))
        prefix++;
      row.content_start = row.line_start + prefix;

      split_row (self, &row);
      g_array_append_val (self->rows, row);
    }

  return self;
}

/* ------------------------------------------------------------------------ */
/* Widths                                                                    */
/* ------------------------------------------------------------------------ */

guint
byline_table_display_width (const char *text,
                            gssize      len)
{
  const char *p = text;
  const char *end;
  guint width = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (text == NULL)
    return 0;
  if (len < 0)
    len = strlen (text);
  end = text + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not UTF-8: a byte, a column */
          width++;
          p++;
          continue;
        }
      if (g_unichar_iszerowidth (c))
        ;
      else if (g_unichar_iswide (c))
        width += 2;
      else
        width++;
      p = g_utf8_next_char (p);
    }

  return width;
}

static guint
cell_width (BylineTable *self,
            const Cell  *cell)
{
  return byline_table_display_width (self->text + (cell->start - self->start), cell->end - cell->start);
}

static void
append_spaces (GString *out,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

BylineTable *
byline_table_find (const char *text,
                   gssize      len,
                   gsize       offset)
{
  g_autoptr(GArray) tables = NULL;
  g_autoptr(GArray) starts = NULL;
  guint max_line = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);
  if (offset > (gsize) len || memchr (text, '|', len) == NULL)
    return NULL;

  tables = byline_markdown_dup_tables (text, len);
  if (tables->len == 0)
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    max_line = MAX (max_line, g_array_index (tables, BylineMarkdownTable, i).end_line);
  starts = line_starts (text, len, max_line);

  for (guint i = 0; i < tables->len; i++)
    {
      const BylineMarkdownTable *found = &g_array_index (tables, BylineMarkdownTable, i);
      gsize start, end;

      if (found->start_line < 1 || found->end_line > starts->len || found->n_columns == 0)
        continue;
      start = g_array_index (starts, gsize, found->start_line - 1);
      end = line_end (text, len, g_array_index (starts, gsize, found->end_line - 1));
      if (start <= offset && offset <= end)
        return table_new (text, len, starts, found);
    }

  return NULL;
}

void
byline_table_free (BylineTable *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_free (self);
}

gsize
byline_table_get_start (BylineTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->start;
}

gsize
byline_table_get_end (BylineTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->end;
}

guint
byline_table_get_n_rows (BylineTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

guint
byline_table_get_n_columns (BylineTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

guint
byline_table_get_n_cells (BylineTable *self,
                          guint        row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return get_row (self, row)->cells->len;
}

BylineTableAlign
byline_table_get_align (BylineTable *self,
                        guint        column)
{
  Row *delimiter;
  Cell *cell;
  gboolean left, right;

  g_return_val_if_fail (self != NULL, BYLINE_TABLE_ALIGN_NONE);

  delimiter = get_row (self, 1);
  if (column >= delimiter->cells->len)
    return BYLINE_TABLE_ALIGN_NONE;
  cell = get_cell (delimiter, column);
  if (cell->start == cell->end)
    return BYLINE_TABLE_ALIGN_NONE;
  left = byte_at (self, cell->start) == ':';
  right = byte_at (self, cell->end - 1) == ':';
  if (left && right)
    return BYLINE_TABLE_ALIGN_CENTER;
  if (left)
    return BYLINE_TABLE_ALIGN_LEFT;
  if (right)
    return BYLINE_TABLE_ALIGN_RIGHT;
  return BYLINE_TABLE_ALIGN_NONE;
}

gboolean
byline_table_get_cell_at (BylineTable *self,
                          gsize        offset,
                          guint       *row,
                          guint       *column)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (offset < self->start || offset > self->end)
    return FALSE;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *rw = get_row (self, r);
      guint c = 0;

      if (offset < rw->line_start || offset > rw->line_end)
        continue;
      while (c + 1 < rw->cells->len && offset > get_cell (rw, c)->raw_end)
        c++;
      if (row != NULL)
        *row = r;
      if (column != NULL)
        *column = c;
      return TRUE;
    }

  return FALSE;
}

gboolean
byline_table_get_cell (BylineTable *self,
                       guint        row,
                       guint        column,
                       gsize       *start,
                       gsize       *end)
{
  Row *rw;
  Cell *cell;

  g_return_val_if_fail (self != NULL, FALSE);

  if (row >= self->rows->len)
    return FALSE;
  rw = get_row (self, row);
  if (column >= rw->cells->len)
    return FALSE;
  cell = get_cell (rw, column);
  if (start != NULL)
    *start = cell->start;
  if (end != NULL)
    *end = cell->end;
  return TRUE;
}

gboolean
byline_table_next_cell (BylineTable *self,
                        gboolean     backward,
                        guint       *row,
                        guint       *column)
{
  guint r, c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL && column != NULL, FALSE);
  g_return_val_if_fail (*row < self->rows->len, FALSE);

  r = *row;
  c = MIN (*column, get_row (self, r)->cells->len - 1);

  if (!backward)
    {
      if (r != 1 && c + 1 < get_row (self, r)->cells->len)
        c++;
      else if (r + 1 < self->rows->len)
        {
          r = r == 0 ? 2 : r + 1;
          if (r >= self->rows->len)
            return FALSE;
          c = 0;
        }
      else
        return FALSE;
    }
  else
    {
      if (r != 1 && c > 0)
        c--;
      else if (r > 0)
        {
          r = r == 2 ? 0 : r - 1;
          c = get_row (self, r)->cells->len - 1;
        }
      else
        return FALSE;
    }

  *row = r;
  *column = c;
  return TRUE;
}

char *
byline_table_format (BylineTable *self,
                     gsize        cursor,
                     gsize       *new_cursor)
{
  g_autofree guint *widths = NULL;
  g_autofree BylineTableAlign *aligns = NULL;
  GString *out;
  guint n_columns = self->n_columns;
  guint cursor_row = G_MAXUINT, cursor_column = 0;
  gsize mapped = 0;
  gboolean at_end = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  /* every cell of every row has a column */
  for (guint r = 0; r < self->rows->len; r++)
    n_columns = MAX (n_columns, get_row (self, r)->cells->len);

  widths = g_new0 (guint, n_columns);
  aligns = g_new0 (BylineTableAlign, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = c < self->n_columns ? MIN_WIDTH : 1;
      aligns[c] = byline_table_get_align (self, c);
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = get_row (self, r);

      if (r == 1)
        continue;
      for (guint c = 0; c < row->cells->len; c++)
        widths[c] = MAX (widths[c], cell_width (self, get_cell (row, c)));
    }

  byline_table_get_cell_at (self, cursor, &cursor_row, &cursor_column);

  out = g_string_new (NULL);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = get_row (self, r);
      gsize new_line_start = out->len;
      guint n_cells = r == 1 ? row->cells->len : MAX (row->cells->len, self->n_columns);

      /* what stands before the row, as it is */
      g_string_append_len (out, self->text + (row->line_start - self->start),
                           row->content_start - row->line_start);
      if (r == cursor_row && (cursor < row->content_start ||
                              (cursor == row->content_start && row->leading_pipe)))
        mapped = new_line_start + (cursor - row->line_start);

      g_string_append_c (out, '|');
      for (guint c = 0; c < n_cells; c++)
        {
          Cell *cell = c < row->cells->len ? get_cell (row, c) : NULL;
          gsize content_len = cell != NULL ? cell->end - cell->start : 0;
          guint width = cell != NULL ? cell_width (self, cell) : 0;
          guint pad = widths[c] - MIN (width, widths[c]);
          guint before = 0;
          gsize content_out;

          g_string_append_c (out, ' ');
          if (r == 1)
            {
              /* the delimiter row: dashes, and the colons it had */
              BylineTableAlign align = aligns[c];
              guint dashes = widths[c];

              content_out = out->len;
              if (align == BYLINE_TABLE_ALIGN_LEFT || align == BYLINE_TABLE_ALIGN_CENTER)
                {
                  g_string_append_c (out, ':');
                  dashes--;
                }
              if (align == BYLINE_TABLE_ALIGN_RIGHT || align == BYLINE_TABLE_ALIGN_CENTER)
                dashes--;
              for (guint i = 0; i < dashes; i++)
                g_string_append_c (out, '-');
              if (align == BYLINE_TABLE_ALIGN_RIGHT || align == BYLINE_TABLE_ALIGN_CENTER)
                g_string_append_c (out, ':');
              content_len = widths[c];
              pad = 0;
            }
          else
            {
              if (c < self->n_columns && aligns[c] == BYLINE_TABLE_ALIGN_RIGHT)
                before = pad;
              else if (c < self->n_columns && aligns[c] == BYLINE_TABLE_ALIGN_CENTER)
                before = pad / 2;
              append_spaces (out, before);
              content_out = out->len;
              if (cell != NULL)
                g_string_append_len (out, self->text + (cell->start - self->start), content_len);
              append_spaces (out, pad - before);
            }
          g_string_append (out, " |");

          if (r == cursor_row && c == cursor_column && cell != NULL &&
              !(cursor < row->content_start || (cursor == row->content_start && row->leading_pipe)))
            {
              if (row->trailing_pipe != G_MAXSIZE && cursor > row->trailing_pipe)
                at_end = TRUE;   /* after the row's closing pipe: at its end */
              else if (cursor <= cell->start)
                mapped = content_out;
              else
                mapped = content_out + MIN (cursor - cell->start, content_len);
            }
        }

      if (at_end)
        {
          mapped = out->len;
          at_end = FALSE;
        }

      /* the line's own line break */
      g_string_append_len (out, self->text + (row->line_end - self->start),
                           row->next_line - row->line_end);
    }

  if (new_cursor != NULL)
    *new_cursor = mapped;
  return g_string_free (out, FALSE);
}

char *
byline_table_dup_new_row (BylineTable *self,
                          gsize       *cursor_offset)
{
  Row *first, *last;
  GString *out;
  guint n_cells;

  g_return_val_if_fail (self != NULL, NULL);

  first = get_row (self, 0);
  last = get_row (self, self->rows->len - 1);
  n_cells = MAX (self->n_columns, 1);

  out = g_string_new (NULL);
  g_string_append_len (out, self->text + (first->line_end - self->start),
                       first->next_line - first->line_end);
  g_string_append_len (out, self->text + (last->line_start - self->start),
                       last->content_start - last->line_start);
  g_string_append_c (out, '|');
  if (cursor_offset != NULL)
    *cursor_offset = out->len + 1;
  for (guint c = 0; c < n_cells; c++)
    {
      guint width = 2;

      if (c < last->cells->len)
        {
          Cell *cell = get_cell (last, c);

          width = byline_table_display_width (self->text + (cell->raw_start - self->start),
                                              cell->raw_end - cell->raw_start);
          width = MAX (width, 2);
        }
      append_spaces (out, width);
      g_string_append_c (out, '|');
    }

  return g_string_free (out, FALSE);
}

gboolean
byline_table_format_at (const char  *text,
                        gssize       len,
                        gsize        offset,
                        gsize       *start,
                        gsize       *end,
                        char       **replacement,
                        gsize       *new_cursor,
                        GError     **error)
{
  g_autoptr(BylineTable) table = NULL;
  g_autofree char *formatted = NULL;
  gsize table_start, table_end, cursor = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  table = byline_table_find (text, len, offset);
  if (table == NULL)
    {
      g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND,
                           _("There is no table at the cursor"));
      return FALSE;
    }

  table_start = byline_table_get_start (table);
  table_end = byline_table_get_end (table);
  formatted = byline_table_format (table, offset, &cursor);

  /* the proof: the same HTML with the table formatted */
  if (strlen (formatted) != table_end - table_start ||
      memcmp (formatted, text + table_start, table_end - table_start) != 0)
    {
      g_autoptr(GString) after = g_string_new_len (text, table_start);
      g_autofree char *html_before = NULL;
      g_autofree char *html_after = NULL;

      g_string_append (after, formatted);
      g_string_append_len (after, text + table_end, len - table_end);
      /* (raw HTML rendered, not omitted: the stricter comparison) */
      html_before = byline_markdown_to_html (text, len, BYLINE_MARKDOWN_RAW_HTML);
      html_after = byline_markdown_to_html (after->str, after->len, BYLINE_MARKDOWN_RAW_HTML);
      if (g_strcmp0 (html_before, html_after) != 0)
        {
          g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_UNSAFE,
                               _("Formatting this table would change how it reads: it was left as it is"));
          return FALSE;
        }
    }

  if (start != NULL)
    *start = table_start;
  if (end != NULL)
    *end = table_end;
  if (new_cursor != NULL)
    *new_cursor = table_start + cursor;
  if (replacement != NULL)
    *replacement = g_steal_pointer (&formatted);
  return TRUE;
}

char *
byline_table_dup_skeleton (const char * const *headers,
                           const char         *newline)
{
  g_autoptr(BylineTable) table = NULL;
  GString *raw;
  guint n;

  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  if (newline == NULL)
    newline = "\n";
  n = g_strv_length ((char **) headers);

  raw = g_string_new ("|");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (raw, " %s |", headers[i]);
  g_string_append (raw, newline);
  g_string_append_c (raw, '|');
  for (guint i = 0; i < n; i++)
    g_string_append (raw, " --- |");
  g_string_append (raw, newline);
  g_string_append_c (raw, '|');
  for (guint i = 0; i < n; i++)
    g_string_append (raw, "  |");

  table = byline_table_find (raw->str, raw->len, 0);
  if (table == NULL)
    return g_string_free (raw, FALSE);
  g_string_free (raw, TRUE);
  return byline_table_format (table, 0, NULL);
}
