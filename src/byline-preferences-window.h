/* byline-preferences-window.h: Byline's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_PREFERENCES_WINDOW (byline_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BylinePreferencesWindow, byline_preferences_window, BYLINE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *byline_preferences_window_new (GtkWindow *parent);

G_END_DECLS
