/* byline-table-editor.c: GFM tables in the body's source view
 *
 * Each command reads only the block around the cursor: its run of
 * non-blank lines. A table holds no blank line, so the one at the cursor
 * lies within that run, and the run parses alone as it does in the whole
 * body unless the cursor is in something open across blank lines above it:
 * fenced code, an HTML comment or an HTML block that runs to its end
 * marker (<pre>, <script>, <style>, <?…?>, <!X…>, <![CDATA[…]]>), which
 * the syntax highlighting knows ("code-block", "comment" and "html-block"
 * context classes of byline-markdown.lang, as the Markdown indenter asks
 * for code). (A table in a list item indented four columns or more parses as
 * code on its own: it is then left alone, never damaged.) The cost of a
 * command is that of the run, not of the body; and while typing, only the
 * cursor's line is looked at, to keep "can-format" up to date.
 *
 * The table itself, its cells and its formatting are byline-table.h's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-table-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "byline-table.h"
#include "byline-table-editor.h"

/* How far along the cursor's line "can-format" looks for a pipe; past
 * that, it says yes and lets the command decide. */
#define MAX_SCAN_CHARS 4096

struct _BylineTableEditor
{
  GObject             parent_instance;

  /* Borrowed references */
  GtkSourceView      *view;        /* weak */
  GtkTextBuffer      *buffer;      /* the view's, while connected */
  GtkEventController *shortcuts;   /* Tab and Shift+Tab, on the view */

  guint               can_format : 1;
};

G_DEFINE_FINAL_TYPE (BylineTableEditor, byline_table_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The block around the cursor                                               */
/* ------------------------------------------------------------------------ */

static gboolean
line_is_blank (const GtkTextIter *line_start)
{
  GtkTextIter iter = *line_start;

  while (!gtk_text_iter_ends_line (&iter))
    {
      gunichar c = gtk_text_iter_get_char (&iter);

      if (c != ' ' && c != '\t')
        return FALSE;
      gtk_text_iter_forward_char (&iter);
    }
  return TRUE;
}

static void
get_cursor (BylineTableEditor *self,
            GtkTextIter       *cursor)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, cursor, gtk_text_buffer_get_insert (self->buffer));
}

typedef enum {
  NOT_IN_CODE,
  IN_CODE,   /* fenced code */
  IN_HTML,   /* an HTML comment or block */
} Context;

/* Whether the line of @iter is in fenced code or raw HTML, as the
 * highlighting sees it (brought up to date first when @ensure). */
static Context
in_code (BylineTableEditor *self,
         const GtkTextIter *iter,
         gboolean           ensure)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (self->buffer);
  GtkTextIter line = *iter;

  gtk_text_iter_set_line_offset (&line, 0);
  if (ensure)
    {
      GtkTextIter end = line;

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_source_buffer_ensure_highlight (buffer, &line, &end);
    }
  if (gtk_source_buffer_iter_has_context_class (buffer, &line, "code-block"))
    return IN_CODE;
  if (gtk_source_buffer_iter_has_context_class (buffer, &line, "html-block") ||
      gtk_source_buffer_iter_has_context_class (buffer, &line, "comment"))
    return IN_HTML;
  return NOT_IN_CODE;
}

typedef struct
{
  GtkTextMark *start;    /* where the block starts (left gravity) */
  char        *text;     /* its text */
  gsize        len;
  gsize        cursor;   /* the cursor, as a byte offset in it */
} Block;

static void
block_clear (BylineTableEditor *self,
             Block             *block)
{
  if (block->start != NULL)
    gtk_text_buffer_delete_mark (self->buffer, block->start);
  block->start = NULL;
  g_clear_pointer (&block->text, g_free);
}

/* The run of non-blank lines around @at; FALSE (BYLINE_TABLE_ERROR_NOT_FOUND,
 * saying why) when its line is blank or in code or raw HTML. */
static gboolean
get_block (BylineTableEditor  *self,
           const GtkTextIter  *at,
           Block              *block,
           GError            **error)
{
  GtkTextIter start = *at, end = *at;

  gtk_text_iter_set_line_offset (&start, 0);
  if (line_is_blank (&start))
    {
      g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND,
                           _("There is no table at the cursor"));
      return FALSE;
    }
  switch (in_code (self, at, TRUE))
    {
    case IN_CODE:
      g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND,
                           _("The cursor is in a code block, not in a table"));
      return FALSE;
    case IN_HTML:
      g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND,
                           _("The cursor is in raw HTML, not in a table"));
      return FALSE;
    case NOT_IN_CODE:
    default:
      break;
    }

  while (gtk_text_iter_get_line (&start) > 0)
    {
      GtkTextIter prev = start;

      gtk_text_iter_backward_line (&prev);
      if (line_is_blank (&prev))
        break;
      start = prev;
    }

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  for (;;)
    {
      GtkTextIter next = end;

      if (!gtk_text_iter_forward_line (&next) || line_is_blank (&next))
        break;
      end = next;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
    }

  block->text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  block->len = strlen (block->text);
  block->cursor = g_utf8_offset_to_pointer (block->text,
                                            gtk_text_iter_get_offset (at) - gtk_text_iter_get_offset (&start))
                  - block->text;
  block->start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  return TRUE;
}

/* The place of byte @offset of @text, which starts at @start. */
static void
iter_at (BylineTableEditor *self,
         GtkTextMark       *start,
         const char        *text,
         gsize              offset,
         GtkTextIter       *iter)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, iter, start);
  gtk_text_iter_forward_chars (iter, g_utf8_pointer_to_offset (text, text + offset));
}

static gboolean
is_editable (BylineTableEditor *self)
{
  return self->view != NULL && gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view));
}

/* ------------------------------------------------------------------------ */
/* Signal callbacks                                                          */
/* ------------------------------------------------------------------------ */

/* The cursor's line holds a pipe, outside code: cheap, for every move. */
static void
update_can_format (BylineTableEditor *self)
{
  GtkTextIter iter;
  gboolean can = FALSE;

  if (self->buffer != NULL)
    {
      get_cursor (self, &iter);
      gtk_text_iter_set_line_offset (&iter, 0);
      for (guint n = 0; !gtk_text_iter_ends_line (&iter); n++)
        {
          if (gtk_text_iter_get_char (&iter) == '|' || n >= MAX_SCAN_CHARS)
            {
              can = TRUE;
              break;
            }
          gtk_text_iter_forward_char (&iter);
        }
      if (can)
        {
          get_cursor (self, &iter);
          can = in_code (self, &iter, FALSE) == NOT_IN_CODE;
        }
    }

  if (can != self->can_format)
    {
      self->can_format = can;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_FORMAT]);
    }
}

static void
detach_buffer (BylineTableEditor *self)
{
  if (self->buffer == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
}

static void
view_notify_buffer_cb (BylineTableEditor *self)
{
  GtkTextBuffer *buffer;

  g_assert (BYLINE_IS_TABLE_EDITOR (self));

  detach_buffer (self);
  buffer = self->view != NULL ? gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)) : NULL;
  if (GTK_SOURCE_IS_BUFFER (buffer))
    {
      self->buffer = g_object_ref (buffer);
      g_signal_connect_object (buffer, "notify::cursor-position",
                               G_CALLBACK (update_can_format), self, G_CONNECT_SWAPPED);
    }
  update_can_format (self);
}

static gboolean
tab_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  return byline_table_editor_move (BYLINE_TABLE_EDITOR (user_data), FALSE);
}

static gboolean
shift_tab_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return byline_table_editor_move (BYLINE_TABLE_EDITOR (user_data), TRUE);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                         */
/* ------------------------------------------------------------------------ */

static void
byline_table_editor_dispose (GObject *object)
{
  BylineTableEditor *self = BYLINE_TABLE_EDITOR (object);

  detach_buffer (self);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      if (self->shortcuts != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->view), self->shortcuts);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  self->shortcuts = NULL;

  G_OBJECT_CLASS (byline_table_editor_parent_class)->dispose (object);
}

static void
byline_table_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineTableEditor *self = BYLINE_TABLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAN_FORMAT:
      g_value_set_boolean (value, self->can_format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_table_editor_class_init (BylineTableEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_table_editor_dispose;
  object_class->get_property = byline_table_editor_get_property;

  properties[PROP_CAN_FORMAT] =
    g_param_spec_boolean ("can-format", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_table_editor_init (BylineTableEditor *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

BylineTableEditor *
byline_table_editor_new (GtkSourceView *view)
{
  BylineTableEditor *self;
  GtkShortcutController *shortcuts;

  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);

  self = g_object_new (BYLINE_TYPE_TABLE_EDITOR, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);

  /* before the text view's own Tab (which inserts a tab or indents) */
  self->shortcuts = gtk_shortcut_controller_new ();
  shortcuts = GTK_SHORTCUT_CONTROLLER (self->shortcuts);
  gtk_event_controller_set_name (self->shortcuts, "byline-table-editor");
  gtk_event_controller_set_propagation_phase (self->shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab|KP_Tab"),
                                                          gtk_callback_action_new (tab_cb, self, NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab|<Shift>KP_Tab"),
                                                          gtk_callback_action_new (shift_tab_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (view), self->shortcuts);

  g_signal_connect_object (view, "notify::buffer", G_CALLBACK (view_notify_buffer_cb), self, G_CONNECT_SWAPPED);
  view_notify_buffer_cb (self);

  return self;
}

gboolean
byline_table_editor_get_can_format (BylineTableEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_TABLE_EDITOR (self), FALSE);

  return self->can_format;
}

gboolean
byline_table_editor_format (BylineTableEditor  *self,
                            GError            **error)
{
  Block block = { 0, };
  g_autofree char *replacement = NULL;
  GtkTextIter cursor, start, end;
  gsize table_start, table_end, new_cursor, prefix = 0, suffix = 0, replacement_len;

  g_return_val_if_fail (BYLINE_IS_TABLE_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->buffer == NULL || !is_editable (self))
    {
      g_set_error_literal (error, BYLINE_TABLE_ERROR, BYLINE_TABLE_ERROR_NOT_FOUND,
                           _("There is no table at the cursor"));
      return FALSE;
    }

  get_cursor (self, &cursor);
  if (!get_block (self, &cursor, &block, error))
    return FALSE;
  if (!byline_table_format_at (block.text, block.len, block.cursor,
                               &table_start, &table_end, &replacement, &new_cursor, error))
    {
      block_clear (self, &block);
      return FALSE;
    }

  /* only what changed: the bytes the old and new tables share at their
   * ends stay (and with them marks, and the undo step stays small) */
  replacement_len = strlen (replacement);
  while (prefix < replacement_len && table_start + prefix < table_end &&
         replacement[prefix] == block.text[table_start + prefix])
    prefix++;
  while (suffix < replacement_len - prefix && table_end - suffix > table_start + prefix &&
         replacement[replacement_len - 1 - suffix] == block.text[table_end - 1 - suffix])
    suffix++;
  /* (on character boundaries) */
  while (prefix > 0 && (replacement[prefix] & 0xc0) == 0x80)
    prefix--;
  while (suffix > 0 && (replacement[replacement_len - suffix] & 0xc0) == 0x80)
    suffix--;

  if (prefix + suffix < replacement_len || table_start + prefix < table_end - suffix)
    {
      GtkTextMark *start_mark;

      iter_at (self, block.start, block.text, table_start + prefix, &start);
      iter_at (self, block.start, block.text, table_end - suffix, &end);
      start_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);

      gtk_text_buffer_begin_user_action (self->buffer);
      gtk_text_buffer_delete (self->buffer, &start, &end);
      gtk_text_buffer_insert (self->buffer, &start, replacement + prefix,
                              replacement_len - prefix - suffix);
      /* the cursor, in the new table */
      gtk_text_buffer_get_iter_at_mark (self->buffer, &start, start_mark);
      if (new_cursor >= table_start + prefix)
        gtk_text_iter_forward_chars (&start, g_utf8_pointer_to_offset (replacement + prefix,
                                                                       replacement + (new_cursor - table_start)));
      else
        gtk_text_iter_backward_chars (&start, g_utf8_pointer_to_offset (replacement + (new_cursor - table_start),
                                                                        replacement + prefix));
      gtk_text_buffer_place_cursor (self->buffer, &start);
      gtk_text_buffer_end_user_action (self->buffer);
      gtk_text_buffer_delete_mark (self->buffer, start_mark);
    }
  else
    {
      iter_at (self, block.start, block.text, new_cursor, &start);
      gtk_text_buffer_place_cursor (self->buffer, &start);
    }

  block_clear (self, &block);
  if (self->view != NULL)
    gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (self->buffer));
  return TRUE;
}

gboolean
byline_table_editor_move (BylineTableEditor *self,
                          gboolean           backward)
{
  Block block = { 0, };
  g_autoptr(BylineTable) table = NULL;
  GtkTextIter sel_start, sel_end, start, end;
  guint row, column;
  gsize cell_start, cell_end;

  g_return_val_if_fail (BYLINE_IS_TABLE_EDITOR (self), FALSE);

  if (self->buffer == NULL || !self->can_format)
    return FALSE;
  gtk_text_buffer_get_selection_bounds (self->buffer, &sel_start, &sel_end);
  if (gtk_text_iter_get_line (&sel_start) != gtk_text_iter_get_line (&sel_end))
    return FALSE;
  if (!get_block (self, &sel_start, &block, NULL))
    return FALSE;
  table = byline_table_find (block.text, block.len, block.cursor);
  if (table == NULL || !byline_table_get_cell_at (table, block.cursor, &row, &column))
    {
      block_clear (self, &block);
      return FALSE;
    }

  /* Tab before a row's first cell (at the start of the line, in its
   * indentation) goes to that cell */
  if (!backward && row != 1 && column == 0 &&
      byline_table_get_cell (table, row, 0, &cell_start, &cell_end) && block.cursor < cell_start)
    {
      iter_at (self, block.start, block.text, cell_start, &start);
      iter_at (self, block.start, block.text, cell_end, &end);
      gtk_text_buffer_select_range (self->buffer, &end, &start);
    }
  else if (byline_table_next_cell (table, backward, &row, &column))
    {
      byline_table_get_cell (table, row, column, &cell_start, &cell_end);
      iter_at (self, block.start, block.text, cell_start, &start);
      iter_at (self, block.start, block.text, cell_end, &end);
      gtk_text_buffer_select_range (self->buffer, &end, &start);
    }
  else if (!backward && is_editable (self))
    {
      /* Tab in the last cell: a new row */
      g_autofree char *new_row = NULL;
      GtkTextMark *row_mark;
      gsize cursor_offset = 0;

      new_row = byline_table_dup_new_row (table, &cursor_offset);
      iter_at (self, block.start, block.text, byline_table_get_end (table), &start);
      row_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
      gtk_text_buffer_begin_user_action (self->buffer);
      gtk_text_buffer_insert (self->buffer, &start, new_row, -1);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &start, row_mark);
      gtk_text_iter_forward_chars (&start, g_utf8_pointer_to_offset (new_row, new_row + cursor_offset));
      gtk_text_buffer_place_cursor (self->buffer, &start);
      gtk_text_buffer_end_user_action (self->buffer);
      gtk_text_buffer_delete_mark (self->buffer, row_mark);
    }
  /* (Shift+Tab in the first cell: nothing, the key is still taken) */

  block_clear (self, &block);
  if (self->view != NULL)
    gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (self->buffer));
  return TRUE;
}

void
byline_table_editor_insert_table (BylineTableEditor *self)
{
  /* Translators: the header of each column of a new table, which the
   * user types over */
  const char * const headers[] = { C_("table", "Column"), C_("table", "Column"), C_("table", "Column"), NULL };
  g_autofree char *skeleton = NULL;
  GtkTextIter cursor, line_start, line_end, other;
  GtkTextMark *mark;
  GString *text;
  gboolean before_blank, after_blank;
  gsize header_at;

  g_return_if_fail (BYLINE_IS_TABLE_EDITOR (self));

  if (self->buffer == NULL || !is_editable (self))
    return;

  skeleton = byline_table_dup_skeleton (headers, NULL);

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete_selection (self->buffer, TRUE, TRUE);
  get_cursor (self, &cursor);
  line_start = line_end = cursor;
  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);

  /* a paragraph of its own: a blank line before and after it */
  {
    g_autofree char *head = gtk_text_iter_get_slice (&line_start, &cursor);
    g_autofree char *tail = gtk_text_iter_get_slice (&cursor, &line_end);

    before_blank = head[strspn (head, " \t")] == '\0';
    after_blank = tail[strspn (tail, " \t\r")] == '\0';
  }
  text = g_string_new (NULL);
  if (!before_blank)
    g_string_append (text, "\n\n");
  else if (gtk_text_iter_get_line (&line_start) > 0)
    {
      other = line_start;
      gtk_text_iter_backward_line (&other);
      if (!line_is_blank (&other))
        g_string_append (text, "\n");
    }
  header_at = text->len + strlen ("| ");
  g_string_append (text, skeleton);
  if (!after_blank)
    g_string_append (text, "\n\n");
  else
    {
      other = line_end;
      if (gtk_text_iter_forward_line (&other) && !line_is_blank (&other))
        g_string_append (text, "\n");
    }

  mark = gtk_text_buffer_create_mark (self->buffer, NULL, &cursor, TRUE);
  gtk_text_buffer_insert (self->buffer, &cursor, text->str, text->len);
  /* the first header selected, to type over */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &line_start, mark);
  gtk_text_iter_forward_chars (&line_start, g_utf8_pointer_to_offset (text->str, text->str + header_at));
  line_end = line_start;
  gtk_text_iter_forward_chars (&line_end, g_utf8_strlen (headers[0], -1));
  gtk_text_buffer_select_range (self->buffer, &line_end, &line_start);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_delete_mark (self->buffer, mark);
  g_string_free (text, TRUE);

  if (self->view != NULL)
    gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (self->buffer));
}
