/* byline-window.h: a window showing one post in three panes: front matter,
 * Markdown source and preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-front-matter-form.h"
#include "byline-preview.h"
#include "byline-spell-checker.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WINDOW (byline_window_get_type ())

G_DECLARE_FINAL_TYPE (BylineWindow, byline_window, BYLINE, WINDOW, AdwApplicationWindow)

/* A window with a new untitled post. */
BylineWindow          *byline_window_new                  (BylineApplication *application);
/* A window with a new untitled post holding @text (from a template; NULL
 * for Byline's own), whose Save As starts in @folder (may be NULL). */
BylineWindow          *byline_window_new_with_text        (BylineApplication *application,
                                                           const char        *text,
                                                           GFile             *folder);
/* A window with a new post an earlier session never saved: @text from
 * its draft, kept under @draft_key (byline_draft_new_untitled_key()). Its
 * changes count as unsaved. */
BylineWindow          *byline_window_new_recovered        (BylineApplication *application,
                                                           GFile             *draft_key,
                                                           const char        *text);
/* A window that opens @file (asynchronously). */
BylineWindow          *byline_window_new_for_file         (BylineApplication *application,
                                                           GFile             *file);
/* Loads @file into the window (asynchronously). A file that can't be
 * opened is explained in the window; nothing is written anywhere. */
void                   byline_window_load_file            (BylineWindow      *self,
                                                           GFile             *file);
/* The post's file, or the file being loaded; NULL for an untitled post. */
GFile                 *byline_window_get_file             (BylineWindow      *self);
/* The message shown when the file could not be opened, or NULL. */
const char            *byline_window_get_load_error       (BylineWindow      *self);
/* TRUE when the window holds an untouched untitled post (or a failed open)
 * and can show another file instead. */
gboolean               byline_window_is_reusable          (BylineWindow      *self);
/* TRUE once the post is loaded and shown (or the untitled post is ready). */
gboolean               byline_window_get_ready            (BylineWindow      *self);

BylineDocument        *byline_window_get_document         (BylineWindow      *self);
GtkSourceView         *byline_window_get_source_view      (BylineWindow      *self);
/* The preview, made now if it is not there yet (it is made once the post is
 * on screen); NULL when the preview module could not be loaded. */
BylinePreview         *byline_window_get_preview          (BylineWindow      *self);
BylineFrontMatterForm *byline_window_get_front_matter_form (BylineWindow     *self);

/* Copies @files (a GList of GFile: images) where the post's site
 * publishes them and links them at @where (NULL: the cursor), once copied;
 * what goes wrong is shown in the window. */
void                   byline_window_insert_images        (BylineWindow      *self,
                                                           GList             *files,
                                                           const GtkTextIter *where);
/* The file name Save As suggests for a post that has none yet: its title as
 * a slug, after its date in a Jekyll _posts/ folder. */
char                  *byline_window_suggest_file_name    (BylineWindow      *self);
/* Shows @message in a toast. */
void                   byline_window_show_message         (BylineWindow      *self,
                                                           const char        *message);
/* The title of the last toast shown (errors after a failed save), or NULL. */
const char            *byline_window_get_last_message     (BylineWindow      *self);

/* Spell checking: the body's checker (byline-spell-checker.h) */
BylineSpellChecker    *byline_window_get_spell_checker    (BylineWindow      *self);

G_END_DECLS
