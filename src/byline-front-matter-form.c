/* byline-front-matter-form.c: placeholder, replaced by the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-front-matter-form"

#include "config.h"

#include "byline-front-matter-form.h"

struct _BylineFrontMatterForm
{
  GtkWidget       parent_instance;
  BylineDocument *document;
};

G_DEFINE_FINAL_TYPE (BylineFrontMatterForm, byline_front_matter_form, GTK_TYPE_WIDGET)

static void
byline_front_matter_form_dispose (GObject *object)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (byline_front_matter_form_parent_class)->dispose (object);
}

static void
byline_front_matter_form_class_init (BylineFrontMatterFormClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = byline_front_matter_form_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
byline_front_matter_form_init (BylineFrontMatterForm *self)
{
}

GtkWidget *
byline_front_matter_form_new (void)
{
  return g_object_new (BYLINE_TYPE_FRONT_MATTER_FORM, NULL);
}

void
byline_front_matter_form_set_document (BylineFrontMatterForm *self,
                                       BylineDocument        *document)
{
  g_return_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self));
  g_set_object (&self->document, document);
}

BylineDocument *
byline_front_matter_form_get_document (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);
  return self->document;
}
