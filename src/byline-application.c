/* byline-application.c: the application, owner of the windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-application"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-preferences-window.h"
#include "byline-template.h"
#include "byline-drafts.h"
#include "byline-window.h"

struct _BylineApplication
{
  AdwApplication parent_instance;

  BylineBenchMode bench_mode;
  gboolean        recovering;   /* looked for new posts an earlier session left */
};

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

/* Helpers */

/* New posts an earlier session never saved (a crash, a power cut): each
 * in a window of its own, in place of an untouched new post. */
static void
recovered_draft_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BylineApplication) self = user_data;
  g_autoptr(GBytes) draft = byline_draft_load_finish (result, NULL);
  g_autofree char *text = NULL;
  BylineWindow *reusable = NULL;
  BylineWindow *window;
  gsize len = 0;
  const char *data;

  if (draft == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (BYLINE_IS_WINDOW (l->data) && byline_window_is_reusable (l->data) &&
        byline_window_get_file (l->data) == NULL)
      reusable = l->data;

  data = g_bytes_get_data (draft, &len);
  text = g_strndup (data != NULL ? data : "", len);
  window = byline_window_new_recovered (self, G_FILE (object), text);
  gtk_window_present (GTK_WINDOW (window));
  if (reusable != NULL)
    gtk_window_destroy (GTK_WINDOW (reusable));
}

static void
untitled_drafts_found_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(BylineApplication) self = user_data;
  g_autoptr(GPtrArray) keys = byline_drafts_find_untitled_finish (result, NULL);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    byline_draft_load_async (g_ptr_array_index (keys, i), NULL, recovered_draft_cb, g_object_ref (self));
}

static BylineWindow *
get_reusable_window (BylineApplication *self)
{
  GtkWindow *window;

  g_assert (BYLINE_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (BYLINE_IS_WINDOW (window) && byline_window_is_reusable (BYLINE_WINDOW (window)))
    return BYLINE_WINDOW (window);

  return NULL;
}

/* Signal callbacks */

static void
open_response_cb (GtkNativeDialog   *native,
                  int                response,
                  BylineApplication *self)
{
  g_assert (GTK_IS_NATIVE_DIALOG (native));
  g_assert (BYLINE_IS_APPLICATION (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          byline_application_open_file (self, file);
        }
    }

  /* GtkFileChooserNative is returned with a full reference. */
  g_object_unref (native);
  g_application_release (G_APPLICATION (self));
}

/* Actions */

typedef struct
{
  BylineApplication *app;
  GFile             *folder;
} NewPost;

static void
new_post_free (NewPost *np)
{
  g_application_release (G_APPLICATION (np->app));
  g_object_unref (np->app);
  g_clear_object (&np->folder);
  g_free (np);
}

static void
new_post_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  NewPost *np = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = byline_template_new_post_finish (result, NULL, &error);
  BylineWindow *window;

  /* NULL text: Byline's own template */
  window = byline_window_new_with_text (np->app, text, np->folder);
  gtk_window_present (GTK_WINDOW (window));
  if (error != NULL)
    {
      g_autofree char *message =
        /* TRANSLATORS: %s says why the site's archetype can't be used */
        g_strdup_printf (_("Started from Byline’s template: %s"), error->message);

      byline_window_show_message (window, message);
    }
  new_post_free (np);
}

static void
byline_application_new_action (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  BylineApplication *self = BYLINE_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GFile *file = BYLINE_IS_WINDOW (active) ? byline_window_get_file (BYLINE_WINDOW (active)) : NULL;
  NewPost *np;

  if (file == NULL)
    {
      byline_application_new_post (self);
      return;
    }

  /* A post next to the one in the active window: from its site's
   * archetype for that section, when there is one. The window appears once
   * the archetype is read. */
  np = g_new0 (NewPost, 1);
  np->app = g_object_ref (self);
  np->folder = g_file_get_parent (file);
  g_application_hold (G_APPLICATION (self));
  byline_template_new_post_async (file, "", NULL, new_post_cb, np);
}

static void
byline_application_open_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  BylineApplication *self = BYLINE_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  gtk_file_filter_set_name (markdown, _("Markdown Posts"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_mime_type (markdown, "text/x-markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  native = gtk_file_chooser_native_new (_("Open Post"),
                                        parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), markdown);

  if (BYLINE_IS_WINDOW (parent))
    {
      GFile *current = byline_window_get_file (BYLINE_WINDOW (parent));
      g_autoptr(GFile) folder = current != NULL ? g_file_get_parent (current) : NULL;

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  /* Keep running while the chooser is up, even with no window. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
byline_application_quit_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  BylineApplication *self = BYLINE_APPLICATION (user_data);
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  /* Each window with unsaved changes asks before it closes; the
   * application ends with its last window. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
byline_application_about_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  BylineApplication *self = BYLINE_APPLICATION (user_data);
  static const char *developers[] = { "The Byline authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Byline"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Byline authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Edit Markdown posts and their front matter"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
byline_application_preferences_action (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  BylineApplication *self = BYLINE_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (byline_preferences_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "new", byline_application_new_action },
  { "open", byline_application_open_action },
  { "quit", byline_application_quit_action },
  { "about", byline_application_about_action },
  { "preferences", byline_application_preferences_action },
};

/* GApplication overrides */

static void
byline_application_startup (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.find-next", { "<Control>g", NULL } },
    { "win.find-previous", { "<Control><Shift>g", NULL } },
    { "win.find-replace", { "<Control>h", NULL } },
    { "win.insert-image", { "<Control><Shift>k", NULL } },
    { "win.go-to-heading", { "<Control><Shift>o", NULL } },
    { "win.open-site-post", { "<Control><Alt>o", NULL } },
    { "win.insert-post-link", { "<Control><Alt>k", NULL } },
    { "win.format-table", { "<Control><Shift>t", NULL } },
    { "win.check-spelling", { "F7", NULL } },
    { "win.next-problem", { "F8", NULL } },
    { "win.next-pane", { "F6", NULL } },
    { "win.previous-pane", { "<Shift>F6", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.show-front-matter", { "F9", "<Control>1", NULL } },
    { "win.show-source", { "<Control>2", NULL } },
    { "win.show-preview", { "<Control>3", NULL } },
    /* Printing, zoom and fullscreen */
    { "win.print", { "<Control>p", NULL } },
    { "win.front-matter-text", { "<Control><Shift>y", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
    { "win.fullscreen", { "F11", NULL } },
  };

  G_APPLICATION_CLASS (byline_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  /* The editor preferences: stateful actions on settings shared
   * by every window, for menus and tests alike */
  {
    static const char * const setting_actions[] = { "show-line-numbers", "highlight-current-line" };
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    for (guint i = 0; i < G_N_ELEMENTS (setting_actions); i++)
      {
        g_autoptr(GAction) action = g_settings_create_action (settings, setting_actions[i]);

        g_action_map_add_action (G_ACTION_MAP (self), action);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
byline_application_activate (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  byline_application_new_post (self);
  if (self->bench_mode == BYLINE_BENCH_NONE)
    byline_application_recover_drafts (self);
}

static void
byline_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    byline_application_open_file (self, files[i]);
  if (self->bench_mode == BYLINE_BENCH_NONE)
    byline_application_recover_drafts (self);
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = byline_application_startup;
  app_class->activate = byline_application_activate;
  app_class->open = byline_application_open;
}

static void
byline_application_init (BylineApplication *self)
{
  const char *bench = g_getenv ("BYLINE_BENCH_FIRST_FRAME");

  if (g_strcmp0 (bench, "1") == 0)
    self->bench_mode = BYLINE_BENCH_FIRST_FRAME;
  else if (g_strcmp0 (bench, "preview") == 0)
    self->bench_mode = BYLINE_BENCH_PREVIEW;
  else
    self->bench_mode = BYLINE_BENCH_NONE;
}

/* Public API */

BylineApplication *
byline_application_new (void)
{
  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/byline/Byline",
                       NULL);
}

BylineWindow *
byline_application_find_window (BylineApplication *self,
                                GFile             *file)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *window_file;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;

      window_file = byline_window_get_file (BYLINE_WINDOW (l->data));
      if (window_file != NULL && g_file_equal (window_file, file))
        return BYLINE_WINDOW (l->data);
    }

  return NULL;
}

BylineWindow *
byline_application_open_file (BylineApplication *self,
                              GFile             *file)
{
  BylineWindow *window;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  window = byline_application_find_window (self, file);
  if (window != NULL)
    {
      /* A window that failed to open the file tries again. */
      if (byline_window_get_load_error (window) != NULL)
        byline_window_load_file (window, file);
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  /* An untouched new post is replaced rather than left behind. */
  window = get_reusable_window (self);
  if (window != NULL)
    byline_window_load_file (window, file);
  else
    window = byline_window_new_for_file (self, file);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

BylineWindow *
byline_application_new_post (BylineApplication *self)
{
  BylineWindow *window;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  window = byline_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

void
byline_application_recover_drafts (BylineApplication *self)
{
  g_return_if_fail (BYLINE_IS_APPLICATION (self));

  if (self->recovering)
    return;
  self->recovering = TRUE;
  byline_drafts_find_untitled_async (NULL, untitled_drafts_found_cb, g_object_ref (self));
}

BylineBenchMode
byline_application_get_bench_mode (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), BYLINE_BENCH_NONE);

  return self->bench_mode;
}
