/* byline-test-util.c: helpers shared by the ui tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-test"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "byline-test-util.h"

gboolean
byline_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
byline_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
load_document_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  byline_document_load_finish (BYLINE_DOCUMENT (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

BylineDocument *
byline_test_load_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineDocument *document = byline_document_new ();
  gboolean done = FALSE;

  byline_document_load_async (document, file, NULL, load_document_cb, &done);
  BYLINE_TEST_WAIT_FOR (done, 20);

  return document;
}

GtkWidget *
byline_test_find_widget (GtkWidget       *root,
                         GType            type,
                         BylineTestMatch  match,
                         gconstpointer    data)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = byline_test_find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
byline_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return byline_test_find_widget (root, GTK_TYPE_BUTTON, has_label, label);
}

static gboolean
has_text (GtkWidget     *widget,
          gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") == NULL)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, data) == 0;
}

static gboolean
has_menu_model (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

GtkWidget *
byline_test_find_menu_item (BylineWindow *window,
                            const char   *label)
{
  GtkWidget *menu_button = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                    has_menu_model, NULL);

  g_assert_nonnull (menu_button);
  return byline_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                  GTK_TYPE_WIDGET, has_text, label);
}

GTestDBus *
byline_test_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}

void
byline_test_bus_down (GTestDBus *bus)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (connection != NULL)
    g_dbus_connection_set_exit_on_close (connection, FALSE);
  g_test_dbus_stop (bus);
}

BylineApplication *
byline_test_new_application (void)
{
  BylineApplication *app = byline_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

void
byline_test_destroy_window (BylineWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
  g_assert_null (window);
}

void
byline_test_save_window (BylineWindow *window)
{
  BylineDocument *document = byline_window_get_document (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  BYLINE_TEST_WAIT_FOR (!byline_document_get_busy (document), 20);
  g_assert_null (byline_document_get_error_message (document));
}

static void
document_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  byline_document_save_finish (BYLINE_DOCUMENT (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* Saves @document to its file, @path; returns the file's bytes. */
GBytes *
byline_test_save_document (BylineDocument *document,
                           const char     *path)
{
  gboolean done = FALSE;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  byline_document_save_async (document, NULL, NULL, document_saved_cb, &done);
  BYLINE_TEST_WAIT_FOR (done, 20);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Saves @document to its file, @path, and checks the file's bytes are @text. */
void
byline_test_assert_saved (BylineDocument *document,
                          const char     *path,
                          const char     *text)
{
  g_autoptr(GBytes) bytes = byline_test_save_document (document, path);
  gsize len;
  const char *contents = g_bytes_get_data (bytes, &len);

  if (len != strlen (text) || memcmp (contents, text, len) != 0)
    g_test_message ("saved:\n%.*s\nexpected:\n%s", (int) len, contents, text);
  g_assert_cmpmem (contents, len, text, strlen (text));
}

void
byline_test_destroy_all_windows (BylineApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  byline_test_drain ();
}

char *
byline_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}
