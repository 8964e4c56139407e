/* byline-preview.c: placeholder, replaced by the preview implementation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preview"

#include "config.h"

#include "byline-preview.h"

struct _BylinePreview
{
  GtkWidget       parent_instance;
  WebKitWebView  *web_view;
  BylineDocument *document;
  guint           n_rendered;
};

G_DEFINE_FINAL_TYPE (BylinePreview, byline_preview, GTK_TYPE_WIDGET)

static void
byline_preview_dispose (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_clear_pointer ((GtkWidget **) &self->web_view, gtk_widget_unparent);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (byline_preview_parent_class)->dispose (object);
}

static void
byline_preview_class_init (BylinePreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = byline_preview_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
byline_preview_init (BylinePreview *self)
{
  self->web_view = WEBKIT_WEB_VIEW (webkit_web_view_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
}

GtkWidget *
byline_preview_new (void)
{
  return g_object_new (BYLINE_TYPE_PREVIEW, NULL);
}

void
byline_preview_set_document (BylinePreview  *self,
                             BylineDocument *document)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_set_object (&self->document, document);
}

BylineDocument *
byline_preview_get_document (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  return self->document;
}

WebKitWebView *
byline_preview_get_web_view (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);
  return self->web_view;
}

guint
byline_preview_get_n_rendered (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);
  return self->n_rendered;
}
