/* byline-markdown-indenter.c: Return in the body continues Markdown lists
 * and quotes.
 *
 * A GtkSourceIndenter: GtkSourceView calls it after it has inserted the line
 * break of a Return, in the same user action (one undo step).
 *
 *  - After a list item ("- ", "* ", "+ ", "1. ", "1) ", with a task box
 *    "[ ] " or "[x] "), the new line starts the next item at the same
 *    indentation: the same bullet, the next number, an open task box.
 *  - After a quote line ("> ", "> > "), the new line is quoted alike.
 *  - Return on an item or quote line with nothing after its marker ends the
 *    list or quote: the marker goes, and no new line is added.
 *  - Elsewhere, and in fenced code, the new line gets the previous line's
 *    indentation, as GtkSourceView's own indenter does.
 *
 * Shift+Return, Return at the very start of a line and Return over a
 * selection insert a plain line break.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-markdown-indenter"

#include "config.h"

#include <stdlib.h>

#include "byline-markdown-indenter.h"

struct _BylineMarkdownIndenter
{
  GObject  parent_instance;

  GRegex  *item;    /* a list item's marker */
  GRegex  *quote;   /* a quote's markers */
  GRegex  *rule;    /* a thematic break, which looks like an item */
};

static void indenter_iface_init (GtkSourceIndenterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineMarkdownIndenter, byline_markdown_indenter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_SOURCE_TYPE_INDENTER, indenter_iface_init))

static gboolean
byline_markdown_indenter_is_trigger (GtkSourceIndenter *indenter,
                                     GtkSourceView     *view,
                                     const GtkTextIter *location,
                                     GdkModifierType    state,
                                     guint              keyval)
{
  if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  /* at the start of a line, Return only moves the line down */
  if (gtk_text_iter_starts_line (location))
    return FALSE;
  return !gtk_text_buffer_get_has_selection (gtk_text_iter_get_buffer (location));
}

/* What a line's marker asks the next line to start with, or NULL for none;
 * @empty is set when the line holds nothing but its marker. */
static char *
continuation_for (BylineMarkdownIndenter *self,
                  const char             *line,
                  gsize                  *marker_len,
                  gboolean               *empty)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *indent = NULL;
  g_autofree char *space = NULL;
  g_autofree char *task = NULL;
  g_autofree char *number = NULL;
  int end;

  /* made on the first Return, not with every window */
  if (self->item == NULL)
    {
      /* indentation; a bullet, or a number and its delimiter; the space
       * after it; a task box */
      self->item = g_regex_new ("^([ \\t]*)(?:([-*+])|([0-9]{1,9})([.)]))([ \\t]+)(\\[[ xX]\\][ \\t]+)?",
                                0, 0, NULL);
      /* indentation and one or more quote markers */
      self->quote = g_regex_new ("^[ \\t]*(?:>[ \\t]?)+", 0, 0, NULL);
      /* "* * *", "- - -" */
      self->rule = g_regex_new ("^[ \\t]*([-*_])([ \\t]*\\1){2,}[ \\t]*$", 0, 0, NULL);
      g_assert (self->item != NULL && self->quote != NULL && self->rule != NULL);
    }

  if (g_regex_match (self->rule, line, 0, NULL))
    return NULL;

  if (g_regex_match (self->item, line, 0, &match))
    {
      g_autofree char *bullet = g_match_info_fetch (match, 2);
      g_autofree char *delimiter = g_match_info_fetch (match, 4);
      GString *next = g_string_new (NULL);

      indent = g_match_info_fetch (match, 1);
      number = g_match_info_fetch (match, 3);
      space = g_match_info_fetch (match, 5);
      task = g_match_info_fetch (match, 6);
      g_match_info_fetch_pos (match, 0, NULL, &end);

      g_string_append (next, indent);
      if (bullet != NULL && bullet[0] != '\0')
        g_string_append (next, bullet);
      else
        g_string_append_printf (next, "%lu%s", strtoul (number, NULL, 10) + 1, delimiter);
      g_string_append (next, space);
      if (task != NULL && task[0] != '\0')
        g_string_append (next, "[ ] ");

      *marker_len = end;
      *empty = line[end] == '\0';
      return g_string_free (next, FALSE);
    }
  g_clear_pointer (&match, g_match_info_free);

  if (g_regex_match (self->quote, line, 0, &match))
    {
      g_match_info_fetch_pos (match, 0, NULL, &end);
      *marker_len = end;
      *empty = line[end] == '\0';
      return g_match_info_fetch (match, 0);
    }

  return NULL;
}

static gboolean
in_fenced_code (GtkTextIter *iter)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_iter_get_buffer (iter));

  return gtk_source_buffer_iter_has_context_class (buffer, iter, "code-block");
}

static void
byline_markdown_indenter_indent (GtkSourceIndenter *indenter,
                                 GtkSourceView     *view,
                                 GtkTextIter       *iter)
{
  BylineMarkdownIndenter *self = BYLINE_MARKDOWN_INDENTER (indenter);
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (iter);
  GtkTextIter prev_start, prev_end, rest;
  g_autofree char *prev = NULL;
  g_autofree char *next = NULL;
  gsize marker_len = 0;
  gboolean empty = FALSE;
  guint line = gtk_text_iter_get_line (iter);

  if (line == 0)
    return;

  /* the line the break ended */
  gtk_text_buffer_get_iter_at_line (buffer, &prev_start, line - 1);
  prev_end = prev_start;
  if (!gtk_text_iter_ends_line (&prev_end))
    gtk_text_iter_forward_to_line_end (&prev_end);
  prev = gtk_text_iter_get_slice (&prev_start, &prev_end);

  /* blanks the break moved to the new line go, as the marker replaces them */
  gtk_text_iter_set_line_offset (iter, 0);
  rest = *iter;
  while (!gtk_text_iter_ends_line (&rest) &&
         (gtk_text_iter_get_char (&rest) == ' ' || gtk_text_iter_get_char (&rest) == '\t'))
    gtk_text_iter_forward_char (&rest);

  if (!in_fenced_code (&prev_start))
    next = continuation_for (self, prev, &marker_len, &empty);

  if (next != NULL && empty && gtk_text_iter_ends_line (&rest))
    {
      /* an empty item or quote line: end the list or quote there */
      GtkTextIter marker_start = prev_start;

      gtk_text_buffer_delete (buffer, &marker_start, &rest);
      *iter = marker_start;
      gtk_text_buffer_place_cursor (buffer, iter);
      return;
    }

  if (next == NULL)
    {
      /* the previous line's indentation */
      const char *p = prev;

      while (*p == ' ' || *p == '\t')
        p++;
      next = g_strndup (prev, p - prev);
    }

  if (!gtk_text_iter_equal (iter, &rest))
    gtk_text_buffer_delete (buffer, iter, &rest);
  gtk_text_buffer_insert (buffer, iter, next, -1);
  gtk_text_buffer_place_cursor (buffer, iter);
}

static void
indenter_iface_init (GtkSourceIndenterInterface *iface)
{
  iface->is_trigger = byline_markdown_indenter_is_trigger;
  iface->indent = byline_markdown_indenter_indent;
}

static void
byline_markdown_indenter_finalize (GObject *object)
{
  BylineMarkdownIndenter *self = BYLINE_MARKDOWN_INDENTER (object);

  g_clear_pointer (&self->item, g_regex_unref);
  g_clear_pointer (&self->quote, g_regex_unref);
  g_clear_pointer (&self->rule, g_regex_unref);

  G_OBJECT_CLASS (byline_markdown_indenter_parent_class)->finalize (object);
}

static void
byline_markdown_indenter_class_init (BylineMarkdownIndenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_markdown_indenter_finalize;
}

static void
byline_markdown_indenter_init (BylineMarkdownIndenter *self)
{
}

GtkSourceIndenter *
byline_markdown_indenter_new (void)
{
  return g_object_new (BYLINE_TYPE_MARKDOWN_INDENTER, NULL);
}
