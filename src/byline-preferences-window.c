/* byline-preferences-window.c: Byline's preferences
 *
 * Each switch is bound to its GSettings key; the windows and the preview
 * follow the keys, so a change shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-preferences-window.h"
#include "byline-spell-checker.h"

struct _BylinePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  GtkWidget            *smart_punctuation;
  GtkWidget            *allow_raw_html;
  GtkWidget            *scroll_sync;
  GtkWidget            *spell_check;
  GtkWidget            *spell_check_row;
  AdwComboRow          *spell_language;
  /* The editor preferences */
  GtkWidget            *use_system_font;
  GtkWidget            *editor_font_row;
  GtkWidget            *editor_font;
  GtkWidget            *show_line_numbers;
  GtkWidget            *highlight_current_line;

  GStrv                 languages;      /* the combo's items after Automatic */

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BylinePreferencesWindow, byline_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Spelling: the language combo shows Automatic, then the installed
 * dictionaries (and a chosen one that is no longer installed). */
static void
spell_language_changed_cb (BylinePreferencesWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "spell-language");
  guint selected = 0;

  g_assert (BYLINE_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; self->languages[i] != NULL; i++)
    if (g_str_equal (self->languages[i], language))
      selected = i + 1;
  adw_combo_row_set_selected (self->spell_language, selected);
}

static void
spell_language_selected_cb (BylinePreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->spell_language);

  g_assert (BYLINE_IS_PREFERENCES_WINDOW (self));

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  g_settings_set_string (self->settings, "spell-language",
                         selected == 0 ? "" : self->languages[selected - 1]);
}

static void
setup_spelling (BylinePreferencesWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "spell-language");
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) installed = byline_spell_list_languages ();

  g_assert (BYLINE_IS_PREFERENCES_WINDOW (self));

  g_settings_bind (self->settings, "spell-check", self->spell_check, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_strv_builder_addv (builder, (const char **) installed);
  if (language[0] != '\0' && !g_strv_contains ((const char * const *) installed, language))
    g_strv_builder_add (builder, language);
  self->languages = g_strv_builder_end (builder);

  /* Translators: the spelling language: the post's own, else the user's */
  gtk_string_list_append (model, _("Automatic"));
  for (guint i = 0; self->languages[i] != NULL; i++)
    {
      g_autofree char *name = byline_spell_language_display_name (self->languages[i]);

      gtk_string_list_append (model, name);
    }
  adw_combo_row_set_model (self->spell_language, G_LIST_MODEL (model));
  spell_language_changed_cb (self);
  g_signal_connect_object (self->settings, "changed::spell-language",
                           G_CALLBACK (spell_language_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spell_language, "notify::selected",
                           G_CALLBACK (spell_language_selected_cb), self, G_CONNECT_SWAPPED);

  if (installed[0] == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->spell_check_row),
                                   _("No spelling dictionary is installed (for English: the package hunspell-en-us)"));
      gtk_widget_set_sensitive (self->spell_check, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->spell_language), FALSE);
    }
}

/* The editor preferences: the source's font (the desktop's
 * monospace, or one of the user's; its row greyed while the desktop's is
 * used), line numbers and the current line. */
static void
setup_editor (BylinePreferencesWindow *self)
{
  g_assert (BYLINE_IS_PREFERENCES_WINDOW (self));

  g_settings_bind (self->settings, "use-system-font", self->use_system_font, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "use-system-font", self->editor_font_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (self->settings, "editor-font", self->editor_font, "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-line-numbers", self->show_line_numbers, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "highlight-current-line", self->highlight_current_line, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
byline_preferences_window_dispose (GObject *object)
{
  BylinePreferencesWindow *self = BYLINE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->languages, g_strfreev);

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
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, spell_check);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, spell_check_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, spell_language);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, use_system_font);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, editor_font_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, editor_font);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, show_line_numbers);
  gtk_widget_class_bind_template_child (widget_class, BylinePreferencesWindow, highlight_current_line);
  /* "Check Links" (check-links): no field, bound in init */
  gtk_widget_class_bind_template_child_full (widget_class, "check_links", FALSE, 0);
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
  /* Check Links */
  g_settings_bind (self->settings, "check-links",
                   gtk_widget_get_template_child (GTK_WIDGET (self), BYLINE_TYPE_PREFERENCES_WINDOW, "check_links"),
                   "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "scroll-sync", self->scroll_sync, "active",
                   G_SETTINGS_BIND_DEFAULT);
  setup_spelling (self);
  setup_editor (self);
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
