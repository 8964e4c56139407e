/* byline-form-style.c: the front matter form's stylesheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-form-style"

#include "config.h"

#include "byline-form-style.h"
#include "byline-resources.h"

void
byline_form_style_init (void)
{
  static GdkDisplay *done_for;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == done_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/byline/Byline/byline-form.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  done_for = display;
}

void
byline_form_resources_ensure (void)
{
  /* Referencing the resource links it in (and so registers it) wherever a
   * form widget is used, even without the application. */
  if (byline_get_resource () == NULL)
    g_critical ("the Byline resources are missing");
}

/* Sets @widget's tooltip. GTK asks the display where the pointer is each
 * time a visible widget's tooltip is set (a round trip to the X server),
 * which a form of many rows would pay before its first frame: a widget not
 * in a window yet gets its tooltip while hidden, which needs none. */
void
byline_form_set_tooltip (GtkWidget  *widget,
                         const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_visible (widget) && gtk_widget_get_root (widget) == NULL)
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    {
      gtk_widget_set_tooltip_text (widget, text);
    }
}
