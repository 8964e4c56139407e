/* byline-preferences-window.c: Byline's preferences
 *
 * Each switch is bound to its GSettings key; the windows and the preview
 * follow the keys, so a change shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preferences"

#include "config.h"

#include "byline-preferences-window.h"

struct _BylinePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  GtkWidget            *smart_punctuation;
  GtkWidget            *allow_raw_html;
  GtkWidget            *scroll_sync;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BylinePreferencesWindow, byline_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
byline_preferences_window_dispose (GObject *object)
{
  BylinePreferencesWindow *self = BYLINE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_preferences_window_parent_class)->dispose (object);
}

static void
byline_preferences_window_class_init (BylinePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, smart_punctuation);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, allow_raw_html);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, scroll_sync);
}

static void
byline_preferences_window_init (BylinePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "smart-punctuation", self->smart_punctuation, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "allow-raw-html", self->allow_raw_html, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "scroll-sync", self->scroll_sync, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
byline_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (BYLINE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
