/* byline-table.h: GFM pipe tables in the Markdown source: the table at a
 * place in the text (as cmark-gfm reads it), its cells, and the same table
 * with its pipes lined up.
 *
 * Where a table is, is cmark-gfm's word (byline_markdown_dup_tables());
 * only a row's split into cells is done here, the way cmark-gfm's table
 * extension does it: at each pipe that does not follow a backslash.
 * That includes pipes inside `code spans`: GFM splits there too (write
 * `a\|b` for a pipe in code), and so does the preview, so a cell is what
 * the reader sees as one.
 *
 * Text in, text out: offsets are bytes into the text given. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_TABLE_ERROR (byline_table_error_quark ())

typedef enum {
  /* no table at that place */
  BYLINE_TABLE_ERROR_NOT_FOUND,
  /* the table, formatted, would read differently (left alone) */
  BYLINE_TABLE_ERROR_UNSAFE,
} BylineTableError;

typedef enum {
  BYLINE_TABLE_ALIGN_NONE,     /* --- */
  BYLINE_TABLE_ALIGN_LEFT,     /* :-- */
  BYLINE_TABLE_ALIGN_CENTER,   /* :-: */
  BYLINE_TABLE_ALIGN_RIGHT,    /* --: */
} BylineTableAlign;

/* One table of a text: its lines, each split into cells. Row 0 is the
 * header, row 1 the delimiter row (":---:"), rows 2… the body. It borrows
 * nothing: the text may change or go after byline_table_find(). */
typedef struct _BylineTable BylineTable;

GQuark            byline_table_error_quark     (void);

/* The table of @text (@len bytes, -1: NUL-terminated) whose lines hold
 * byte @offset (from the start of its first line to the end of its last,
 * line break excluded), or NULL when there is none.
 *
 * @text may be the whole body or any part of it that starts and ends at
 * a blank line (or at the body's ends): a table holds no blank line, so it
 * lies inside the run of non-blank lines around @offset, and that run
 * alone parses as in the whole body unless something open across a blank
 * line above it (fenced code, an HTML block) makes it no Markdown at all;
 * the caller rules that out (the editor asks its syntax highlighting). */
BylineTable      *byline_table_find            (const char   *text,
                                                gssize        len,
                                                gsize         offset);
void              byline_table_free            (BylineTable  *self);

/* Where the table's lines are in the text: from the start of the first to
 * the end of the last, its line break excluded. */
gsize             byline_table_get_start       (BylineTable  *self);
gsize             byline_table_get_end         (BylineTable  *self);
/* Rows (lines: the header, the delimiter row, the body rows) and the
 * header's cells (the table's columns as GFM counts them). A row may have
 * fewer cells (GFM reads them as empty) or more (ignored). */
guint             byline_table_get_n_rows      (BylineTable  *self);
guint             byline_table_get_n_columns   (BylineTable  *self);
guint             byline_table_get_n_cells     (BylineTable  *self,
                                                guint         row);
BylineTableAlign  byline_table_get_align       (BylineTable  *self,
                                                guint         column);

/* The cell at byte @offset of the text: the one whose text between pipes
 * holds it (the cell before, on a pipe; the first, before the row's first
 * pipe; the last, after its last). FALSE when @offset is not on the
 * table's lines. */
gboolean          byline_table_get_cell_at     (BylineTable  *self,
                                                gsize         offset,
                                                guint        *row,
                                                guint        *column);
/* The content of a cell, blanks around it excluded, as offsets in the
 * text; an empty cell gives @start == @end, after the blank that follows
 * its pipe (where one types). FALSE when the row has no such cell. */
gboolean          byline_table_get_cell        (BylineTable  *self,
                                                guint         row,
                                                guint         column,
                                                gsize        *start,
                                                gsize        *end);
/* The cell after (@backward: before) @row, @column in reading order, the
 * delimiter row skipped; FALSE at the end (the start). @row may be the
 * delimiter row. */
gboolean          byline_table_next_cell       (BylineTable  *self,
                                                gboolean      backward,
                                                guint        *row,
                                                guint        *column);

/* The table's lines with their pipes lined up, to replace
 * [byline_table_get_start(), byline_table_get_end()): each column as wide as
 * its widest cell (display width: a wide CJK character counts 2, a
 * combining mark 0), cells aligned as the delimiter row says, the
 * delimiter row's dashes filling the width with its colons kept, a pipe
 * at the start and end of every row (as Prettier writes tables), rows with
 * fewer cells than the header filled with empty ones. What stands before a
 * row (indentation, quote markers, a list item's marker), escaped pipes and
 * each line's line break ("\n", "\r\n") are kept as they are.
 * @cursor: an offset in the text; *@new_cursor (may be NULL) is where it
 * goes in the result (relative to byline_table_get_start()): the same cell,
 * the same place in its content. Free with g_free. */
char             *byline_table_format          (BylineTable  *self,
                                                gsize         cursor,
                                                gsize        *new_cursor);

/* A new empty row for after the last, with the line break before it:
 * the last row's indentation and markers, a pipe where its pipes are
 * (blanks in place of its cells) and a cell for every column.
 * *@cursor_offset (may be NULL) is where its first cell's text goes,
 * relative to the start of the returned text. Free with g_free. */
char             *byline_table_dup_new_row     (BylineTable  *self,
                                                gsize        *cursor_offset);

/* The whole of Format Table: the table of @text at @offset, formatted with
 * byline_table_format(), then proven: @text with the formatted table in
 * renders to the same HTML as @text. On success *@start, *@end is the range
 * of @text to replace with *@replacement (free with g_free) and
 * *@new_cursor the cursor's new offset in the new text (all may be NULL);
 * a table already formatted gives a replacement equal to that range.
 * Errors: BYLINE_TABLE_ERROR_NOT_FOUND, BYLINE_TABLE_ERROR_UNSAFE. */
gboolean          byline_table_format_at       (const char   *text,
                                                gssize        len,
                                                gsize         offset,
                                                gsize        *start,
                                                gsize        *end,
                                                char        **replacement,
                                                gsize        *new_cursor,
                                                GError      **error);

/* The display width of @text (@len bytes, -1: NUL-terminated) in a
 * monospace font, as a terminal counts it: a wide or fullwidth character
 * 2, a zero-width or combining one 0, any other 1. */
guint             byline_table_display_width   (const char   *text,
                                                gssize        len);

/* A small table to start from: a column for each of @headers (a
 * NULL-terminated array of at least one), the header, the delimiter row and
 * one empty row, lined up, lines ended with @newline ("\n" when NULL), no
 * line break after the last. Free with g_free. */
char             *byline_table_dup_skeleton    (const char * const *headers,
                                                const char   *newline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineTable, byline_table_free)

G_END_DECLS
