/* byline-editor-font.h: the Markdown source's font, as the user chose it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_EDITOR_FONT (byline_editor_font_get_type ())

G_DECLARE_FINAL_TYPE (BylineEditorFont, byline_editor_font, BYLINE, EDITOR_FONT, GObject)

/* Follows the settings "use-system-font" and "editor-font" of @settings
 * (Byline's), and the desktop's monospace font (monospace-font-name of
 * org.gnome.desktop.interface) when that schema is installed; notifies
 * "font-desc" when the font to use changes. */
BylineEditorFont           *byline_editor_font_new            (GSettings        *settings);
/* The font to use, or NULL for GTK's monospace (the system font is used
 * and the desktop names none). Borrowed. */
const PangoFontDescription *byline_editor_font_get_font_desc  (BylineEditorFont *self);

/* The CSS for the source view (textview.byline-source) in @desc at @zoom
 * (1.0 is 100 %): its family, weight, style, stretch, and its size times
 * @zoom. The fields @desc does not set, or all when it is NULL, are left
 * to the theme, and the size is then the theme's times @zoom. The caller
 * frees the string. */
char                       *byline_editor_font_to_css         (const PangoFontDescription *desc,
                                                               double                      zoom);

G_END_DECLS
