/* byline-text-row.c: a wrapping, growing text area in a row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-text-row"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "byline-text-row.h"
#include "byline-form-style.h"

struct _BylineTextRow
{
  AdwPreferencesRow  parent_instance;

  /* template widgets */
  GtkWidget         *header;
  GtkWidget         *title_label;
  GtkWidget         *suffixes;
  GtkWidget         *text_view;
  GtkWidget         *placeholder;
  GtkWidget         *sizer;        /* an invisible label holding the text: the row's height */

  BylineSpellChecker *spell_checker;   /* while spelling follows another checker */

  guint              updating : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylineTextRow, byline_text_row, ADW_TYPE_PREFERENCES_ROW)

static void
on_buffer_changed_cb (BylineTextRow *self,
                      GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_label_set_text (GTK_LABEL (self->sizer), text);

  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_title_changed_cb (BylineTextRow *self,
                     GParamSpec    *pspec,
                     gpointer       user_data)
{
  gtk_label_set_label (GTK_LABEL (self->title_label),
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               BylineTextRow   *self)
{
  /* A click on the row's padding or title focuses the text. */
  if (!gtk_widget_has_focus (self->text_view))
    gtk_widget_grab_focus (self->text_view);
}

static gboolean
queue_resize_cb (gpointer data)
{
  GtkWidget *text_view = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (text_view));

  if (adjustment != NULL &&
      (int) gtk_adjustment_get_upper (adjustment) != gtk_widget_get_height (text_view))
    gtk_widget_queue_resize (text_view);

  return G_SOURCE_REMOVE;
}

static void
on_vadjustment_changed_cb (BylineTextRow *self,
                           GtkAdjustment *adjustment)
{
  /* GtkTextView 4.8 measures its height from its layout, which is only
   * computed after an allocation, and outside a scrolled window it does not
   * ask for a new size then. Its vertical adjustment tells when the height
   * of the text changed: grow (or shrink) to it, once the allocation that
   * changed it is over. */
  if ((int) gtk_adjustment_get_upper (adjustment) != gtk_widget_get_height (self->text_view))
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, queue_resize_cb,
                     g_object_ref (self->text_view), g_object_unref);
}

static void
byline_text_row_dispose (GObject *object)
{
  BylineTextRow *self = BYLINE_TEXT_ROW (object);

  g_clear_object (&self->spell_checker);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_TEXT_ROW);

  G_OBJECT_CLASS (byline_text_row_parent_class)->dispose (object);
}

static void
byline_text_row_class_init (BylineTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_text_row_dispose;

  /**
   * BylineTextRow::changed:
   *
   * The user changed the text.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  byline_form_resources_ensure ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineTextRow, header);
  gtk_widget_class_bind_template_child (widget_class, BylineTextRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineTextRow, suffixes);
  gtk_widget_class_bind_template_child (widget_class, BylineTextRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, BylineTextRow, placeholder);
}

static void
byline_text_row_init (BylineTextRow *self)
{
  GtkAdjustment *vadjustment;
  GtkTextBuffer *buffer;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  byline_form_style_init ();

  /* GtkTextView 4.8 knows its height only after it has been allocated,
   * so a row would first be drawn a line high and empty, and grow a frame
   * later: an invisible label with the same text gives it its height from
   * the start. */
  self->sizer = g_object_new (GTK_TYPE_LABEL,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                              NULL);
  gtk_label_set_wrap (GTK_LABEL (self->sizer), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->sizer), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->sizer), 0);
  gtk_widget_set_valign (self->sizer, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->sizer, 2);
  gtk_widget_set_margin_bottom (self->sizer, 2);
  gtk_widget_set_opacity (self->sizer, 0);
  gtk_widget_set_can_target (self->sizer, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (self->text_view)), self->sizer);
  gtk_overlay_set_measure_overlay (GTK_OVERLAY (gtk_widget_get_parent (self->text_view)), self->sizer, TRUE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  /* A GtkSourceView only so that the spell checker can attach to it: plain
   * text, in the theme's colours (no style scheme, no highlighting). */
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), NULL);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  /* Ctrl+Z belongs to the document's front matter history. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
  vadjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  gtk_scrollable_set_vadjustment (GTK_SCROLLABLE (self->text_view), vadjustment);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb),
                           self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (self->header, GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
byline_text_row_new (void)
{
  return g_object_new (BYLINE_TYPE_TEXT_ROW, NULL);
}

void
byline_text_row_set_text (BylineTextRow *self,
                          const char    *text)
{
  g_autofree char *current = NULL;
  GtkTextBuffer *buffer;

  g_return_if_fail (BYLINE_IS_TEXT_ROW (self));

  if (text == NULL)
    text = "";

  current = byline_text_row_dup_text (self);
  if (g_strcmp0 (current, text) == 0)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  self->updating = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->updating = FALSE;
}

char *
byline_text_row_dup_text (BylineTextRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (BYLINE_IS_TEXT_ROW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
byline_text_row_set_editable (BylineTextRow *self,
                              gboolean       editable)
{
  g_return_if_fail (BYLINE_IS_TEXT_ROW (self));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->text_view), editable);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->text_view), editable);
}

GtkWidget *
byline_text_row_get_text_view (BylineTextRow *self)
{
  g_return_val_if_fail (BYLINE_IS_TEXT_ROW (self), NULL);

  return self->text_view;
}

void
byline_text_row_add_suffix (BylineTextRow *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (BYLINE_IS_TEXT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
}

void
byline_text_row_follow_spelling (BylineTextRow      *self,
                                 BylineSpellChecker *model)
{
  g_return_if_fail (BYLINE_IS_TEXT_ROW (self));
  g_return_if_fail (model == NULL || BYLINE_IS_SPELL_CHECKER (model));

  /* (its bindings go with it) */
  g_clear_object (&self->spell_checker);
  if (model == NULL)
    return;

  self->spell_checker = byline_spell_checker_new (GTK_SOURCE_VIEW (self->text_view));
  /* both ways: the row's "Check Spelling" menu item is the model's */
  g_object_bind_property (model, "enabled", self->spell_checker, "enabled",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (model, "language", self->spell_checker, "language",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (model, "document-language", self->spell_checker, "document-language",
                          G_BINDING_SYNC_CREATE);
}

BylineSpellChecker *
byline_text_row_get_spell_checker (BylineTextRow *self)
{
  g_return_val_if_fail (BYLINE_IS_TEXT_ROW (self), NULL);

  return self->spell_checker;
}
