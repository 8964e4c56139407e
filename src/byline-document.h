/* byline-document.h: one post: its file, its front matter text and model,
 * and its body (this GtkSourceBuffer's text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-front-matter.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_DOCUMENT (byline_document_get_type ())

G_DECLARE_FINAL_TYPE (BylineDocument, byline_document, BYLINE, DOCUMENT, GtkSourceBuffer)

BylineDocument    *byline_document_new                  (void);
/* A new untitled post from Byline's own template (byline-template.h): an
 * empty title, the date now and draft: true; an empty body. */
BylineDocument    *byline_document_new_untitled         (void);
/* A new untitled post holding @text (a post from a template), unmodified. */
BylineDocument    *byline_document_new_untitled_with_text (const char *text);

GFile             *byline_document_get_file             (BylineDocument *self);
/* The post's title (front matter "title"), else the file name, else
 * "Untitled Post". */
const char        *byline_document_get_title            (BylineDocument *self);
gboolean           byline_document_get_busy             (BylineDocument *self);
/* The last load or save error, a message for people; NULL when none. */
const char        *byline_document_get_error_message    (BylineDocument *self);
/* TRUE when the buffer or the front matter differs from the file. */
gboolean           byline_document_get_modified         (BylineDocument *self);
gboolean           byline_document_get_changed_on_disk  (BylineDocument *self);
void               byline_document_restore_draft        (BylineDocument *self,
                                                         GBytes         *draft);

BylineFormat       byline_document_get_format           (BylineDocument *self);
/* The file's line endings: CRLF files get "\r\n" for lines typed with "\n"
 * when saved; LF and mixed files are written as they are. */
BylineNewline      byline_document_get_newline          (BylineDocument *self);
/* The current front matter text (inner text, without delimiters). */
const char        *byline_document_get_front_matter_text (BylineDocument *self);
/* The current front matter model (borrowed; replaced on each change). */
BylineFrontMatter *byline_document_get_front_matter     (BylineDocument *self);
/* Replaces the front matter text (an edit from the form or the raw YAML
 * view), re-parses it, emits notify::front-matter, and records it for undo. */
void               byline_document_set_front_matter_text (BylineDocument *self,
                                                         const char     *text);
gboolean           byline_document_can_undo_front_matter (BylineDocument *self);
gboolean           byline_document_can_redo_front_matter (BylineDocument *self);
void               byline_document_undo_front_matter    (BylineDocument *self);
void               byline_document_redo_front_matter    (BylineDocument *self);

/* Turns on Markdown syntax highlighting. Compiling the language takes a
 * while, so the window calls this once the post is on screen. */
void               byline_document_load_language        (BylineDocument *self);

/* The body as Markdown (a copy). */
char              *byline_document_dup_body             (BylineDocument *self);
/* The whole file as it would be saved: BOM, delimiters, front matter, body,
 * with the file's own line endings. */
GBytes            *byline_document_dup_contents         (BylineDocument *self);

void               byline_document_load_async           (BylineDocument      *self,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           byline_document_load_finish          (BylineDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
typedef enum
{
  BYLINE_SAVE_NONE              = 0,
  BYLINE_SAVE_OVERWRITE_CHANGES = 1 << 0,  /* even if another program changed the file */
} BylineSaveFlags;

/* Saves to @file, or to the document's own file when @file is NULL; on
 * success the document's file becomes @file. Saving over the document's own
 * file fails with G_IO_ERROR_WRONG_ETAG, writing nothing, when another
 * program changed it since it was read or written (unless @flags has
 * BYLINE_SAVE_OVERWRITE_CHANGES). */
void               byline_document_save_async           (BylineDocument      *self,
                                                         GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void               byline_document_save_full_async      (BylineDocument      *self,
                                                         GFile               *file,
                                                         BylineSaveFlags      flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           byline_document_save_finish          (BylineDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The front matter form: typing in one field is one undo step.
 * As byline_document_set_front_matter_text(), but consecutive calls with the
 * same @group (a field's key path), less than 1.5 s apart and with nothing
 * else changing the front matter in between, make a single undo step.
 * A NULL @group never merges. */
void               byline_document_set_front_matter_text_merged (BylineDocument *self,
                                                                 const char     *text,
                                                                 const char     *group);

G_END_DECLS
