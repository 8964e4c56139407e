/* byline-field-row.c: the field's name above a full-width widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-field-row"

#include "config.h"

#include "byline-form-style.h"
#include "byline-field-row.h"

struct _BylineFieldRow
{
  AdwPreferencesRow  parent_instance;

  /* template widgets (the row's own child is not bound: GtkListBoxRow
   * unparents it itself) */
  GtkWidget         *content_box;
  GtkWidget         *header;
  GtkWidget         *title_label;
  GtkWidget         *suffixes;

  /* borrowed: a child of content_box */
  GtkWidget         *content;
};

G_DEFINE_FINAL_TYPE (BylineFieldRow, byline_field_row, ADW_TYPE_PREFERENCES_ROW)

static void
on_title_changed_cb (BylineFieldRow *self,
                     GParamSpec     *pspec,
                     gpointer        user_data)
{
  gtk_label_set_label (GTK_LABEL (self->title_label),
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
byline_field_row_dispose (GObject *object)
{
  BylineFieldRow *self = BYLINE_FIELD_ROW (object);

  self->content = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_FIELD_ROW);

  G_OBJECT_CLASS (byline_field_row_parent_class)->dispose (object);
}

static void
byline_field_row_class_init (BylineFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_field_row_dispose;

  byline_form_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineFieldRow, content_box);
  gtk_widget_class_bind_template_child (widget_class, BylineFieldRow, header);
  gtk_widget_class_bind_template_child (widget_class, BylineFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BylineFieldRow, suffixes);
}

static void
byline_field_row_init (BylineFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
}

GtkWidget *
byline_field_row_new (void)
{
  return g_object_new (BYLINE_TYPE_FIELD_ROW, NULL);
}

void
byline_field_row_set_content (BylineFieldRow *self,
                              GtkWidget      *content)
{
  g_return_if_fail (BYLINE_IS_FIELD_ROW (self));
  g_return_if_fail (!content || GTK_IS_WIDGET (content));

  if (self->content != NULL)
    gtk_box_remove (GTK_BOX (self->content_box), self->content);

  self->content = content;

  if (content != NULL)
    gtk_box_append (GTK_BOX (self->content_box), content);
}

GtkWidget *
byline_field_row_get_content (BylineFieldRow *self)
{
  g_return_val_if_fail (BYLINE_IS_FIELD_ROW (self), NULL);

  return self->content;
}

void
byline_field_row_add_suffix (BylineFieldRow *self,
                             GtkWidget      *widget)
{
  g_return_if_fail (BYLINE_IS_FIELD_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
}
