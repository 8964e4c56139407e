/* byline-test-util.h: helpers shared by the ui tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "byline-document.h"
#include "byline-application.h"
#include "byline-window.h"
#include "byline-test-files.h"

G_BEGIN_DECLS

/* A source that only wakes the main loop so that a wait re-checks its
 * condition; nothing waits on time passing. */
gboolean  byline_test_tick_cb     (gpointer    data);

/* Iterates the main context until @cond holds; fails the test after
 * @seconds, naming the condition. */
#define BYLINE_TEST_WAIT_FOR(cond, seconds)                                    \
  G_STMT_START {                                                               \
    gint64 deadline_ = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;   \
    guint tick_ = g_timeout_add (10, byline_test_tick_cb, NULL);               \
    while (!(cond) && g_get_monotonic_time () < deadline_)                     \
      g_main_context_iteration (NULL, TRUE);                                   \
    g_source_remove (tick_);                                                   \
    if (!(cond))                                                               \
      g_test_message ("timed out after %d s waiting for: %s",                  \
                      (int) (seconds), #cond);                                 \
    g_assert_true (cond);                                                      \
  } G_STMT_END

/* Runs every pending source of the default main context. */
void      byline_test_drain       (void);
/* The first widget of @type at or below @root, depth first, for which
 * @match (NULL: any) returns TRUE; NULL when there is none. */
typedef gboolean (*BylineTestMatch) (GtkWidget     *widget,
                                     gconstpointer  data);
GtkWidget *byline_test_find_widget (GtkWidget       *root,
                                    GType            type,
                                    BylineTestMatch  match,
                                    gconstpointer    data);
/* The button labelled @label at or below @root. */
GtkWidget *byline_test_find_button (GtkWidget       *root,
                                    const char      *label);
/* The item of @window's main menu labelled @label (its mnemonic left
 * out), or NULL: sensitive when its action is enabled. */
GtkWidget *byline_test_find_menu_item (BylineWindow *window,
                                       const char   *label);

/* A new document with @path loaded into it (the test fails if it can't). */
BylineDocument *byline_test_load_document (const char *path);

/* A private session bus for GTK, WebKit and GtkApplication to talk to,
 * DISPLAY kept (g_test_dbus_up() unsets it). */
GTestDBus *byline_test_bus_up        (void);
/* Stops @bus: GTK and libadwaita keep their connection to the end, so the
 * daemon is stopped without waiting for it to be dropped (which
 * g_test_dbus_down() would). */
void       byline_test_bus_down      (GTestDBus *bus);
/* A registered Byline application as the tests drive it: it opens files
 * and is not unique. */
BylineApplication *byline_test_new_application (void);

/* Destroys @window and runs what that leaves pending; the test fails if
 * the window is still alive then. */
void       byline_test_destroy_window  (BylineWindow *window);
/* Destroys every window of @app and runs what that leaves pending. */
void       byline_test_destroy_all_windows (BylineApplication *app);
/* The whole text of @buffer. Free with g_free. */
char      *byline_test_buffer_text     (GtkTextBuffer *buffer);
/* The window's Save action, then waits until the document is no longer
 * busy; the test fails if it reports an error. */
void       byline_test_save_window     (BylineWindow *window);
GBytes    *byline_test_save_document   (BylineDocument *document,
                                        const char     *path);
void       byline_test_assert_saved    (BylineDocument *document,
                                        const char     *path,
                                        const char     *text);

G_END_DECLS
