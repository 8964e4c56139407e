/* byline-document.c: one post, its file, its front matter text and model,
 * and its body (this buffer's text)
 *
 * The file is kept in parts: BOM, opening delimiter, front matter text,
 * closing delimiter, body. Saving concatenates them, so a post opened and
 * saved without edits is written back byte for byte. The buffer stores the
 * body verbatim (GtkTextBuffer keeps "\r\n", lone "\r" and U+00A0 as they
 * are); nothing here normalises text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "byline-document.h"
#include "byline-post-io.h"
#include "byline-template.h"

struct _BylineDocument
{
  GtkSourceBuffer    parent_instance;

  /* Owned references */
  GFile             *file;
  BylineFrontMatter *front_matter;
  char              *bom;
  char              *opening;
  char              *closing;
  char              *front_matter_text;
  char              *saved_front_matter_text;
  char              *title;
  char              *error_message;
  char              *etag;            /* of the file as last read or written */
  GFileMonitor      *monitor;         /* of the file, for other programs' changes */
  GCancellable      *disk_check;
  guint              disk_check_source;
  GPtrArray         *undo_stack;      /* front matter texts, char * */
  GPtrArray         *redo_stack;

  BylineFormat       format;
  BylineNewline      newline;

  /* Bumped on every buffer change, so that a save can tell whether the
   * body changed while it was being written. */
  guint64            change_count;

  guint              busy : 1;
  guint              modified : 1;
  guint              changed_on_disk : 1;
};

typedef struct
{
  GFile   *file;
  char    *front_matter_text;
  guint64  change_count;
} SaveState;

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_BUSY,
  PROP_ERROR_MESSAGE,
  PROP_MODIFIED,
  PROP_FORMAT,
  PROP_FRONT_MATTER,
  PROP_CAN_UNDO_FRONT_MATTER,
  PROP_CAN_REDO_FRONT_MATTER,
  PROP_CHANGED_ON_DISK,
  N_PROPS
};

/* How long a file has to be quiet after a change before its tag is read */
#define DISK_CHECK_DELAY_MS 150

G_DEFINE_FINAL_TYPE (BylineDocument, byline_document, GTK_SOURCE_TYPE_BUFFER)

static GParamSpec *properties[N_PROPS];

static void
save_state_free (SaveState *state)
{
  g_clear_object (&state->file);
  g_clear_pointer (&state->front_matter_text, g_free);
  g_free (state);
}

/* Helpers */

/* The format the model is parsed in. A post without a block is edited as
 * YAML: adding a field creates one. */
static BylineFormat
model_format (BylineDocument *self)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  return self->format == BYLINE_FORMAT_NONE ? BYLINE_FORMAT_YAML : self->format;
}

static char *
compute_title (BylineDocument *self)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  if (self->front_matter != NULL && byline_front_matter_is_valid (self->front_matter))
    {
      BylineNode *node = byline_front_matter_lookup_dotted (self->front_matter, "title");
      const char *scalar = node != NULL ? byline_node_get_scalar (node) : NULL;

      if (scalar != NULL)
        {
          g_autofree char *title = g_strdup (scalar);

          /* A title spread over several lines is shown on one. */
          g_strdelimit (title, "\r\n\t", ' ');
          g_strstrip (title);
          if (title[0] != '\0')
            return g_steal_pointer (&title);
        }
    }

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      if (basename != NULL)
        return g_filename_display_name (basename);
    }

  return g_strdup (_("Untitled Post"));
}

static void
update_title (BylineDocument *self)
{
  g_autofree char *title = NULL;

  g_assert (BYLINE_IS_DOCUMENT (self));

  title = compute_title (self);
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
update_modified (BylineDocument *self)
{
  gboolean modified;

  g_assert (BYLINE_IS_DOCUMENT (self));

  modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self)) ||
             g_strcmp0 (self->front_matter_text, self->saved_front_matter_text) != 0;

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
set_busy (BylineDocument *self,
          gboolean        busy)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  busy = !!busy;
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
set_error_message (BylineDocument *self,
                   const char     *message)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  if (g_strcmp0 (message, self->error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
}

static void
set_changed_on_disk (BylineDocument *self,
                     gboolean        changed)
{
  changed = !!changed;
  if (changed != self->changed_on_disk)
    {
      self->changed_on_disk = changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
    }
}

static void
disk_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylineDocument) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  const char *etag;

  info = g_file_query_info_finish (G_FILE (object), result, NULL);
  /* Gone, or being written: not a version to offer. Our own saves end
   * with our tag. */
  if (info == NULL || self->busy || self->file == NULL || !g_file_equal (G_FILE (object), self->file))
    return;

  etag = g_file_info_get_etag (info);
  if (etag != NULL && self->etag != NULL && g_strcmp0 (etag, self->etag) != 0)
    set_changed_on_disk (self, TRUE);
}

static gboolean
disk_check_timeout_cb (gpointer user_data)
{
  BylineDocument *self = user_data;

  self->disk_check_source = 0;
  if (self->file == NULL || self->busy)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->disk_check);
  g_clear_object (&self->disk_check);
  self->disk_check = g_cancellable_new ();
  g_file_query_info_async (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->disk_check, disk_check_cb,
                           g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* Something happened to the file: once it settles, compare its tag. */
static void
file_changed_cb (BylineDocument    *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  if (event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  g_clear_handle_id (&self->disk_check_source, g_source_remove);
  self->disk_check_source = g_timeout_add (DISK_CHECK_DELAY_MS, disk_check_timeout_cb, self);
}

static void
unwatch_file (BylineDocument *self)
{
  g_clear_handle_id (&self->disk_check_source, g_source_remove);
  g_cancellable_cancel (self->disk_check);
  g_clear_object (&self->disk_check);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
}

static void
watch_file (BylineDocument *self)
{
  unwatch_file (self);
  if (self->file == NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
set_file (BylineDocument *self,
          GFile          *file)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  watch_file (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_title (self);
}

/* Takes @text as the front matter text and parses it. */
static void
take_front_matter_text (BylineDocument *self,
                        char           *text)
{
  g_assert (BYLINE_IS_DOCUMENT (self));
  g_assert (text != NULL);

  g_free (self->front_matter_text);
  self->front_matter_text = text;

  g_clear_pointer (&self->front_matter, byline_front_matter_unref);
  self->front_matter = byline_front_matter_new (model_format (self), text, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRONT_MATTER]);
  update_title (self);
  update_modified (self);
}

static void
notify_undo_state (BylineDocument *self)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO_FRONT_MATTER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO_FRONT_MATTER]);
}

/* Puts a post together from its parts in a new string. When @newline is
 * CRLF, a lone "\n" (typed by the user) becomes "\r\n"; LF and mixed files
 * are written as they are. */
static GString *
assemble (const char    *bom,
          const char    *opening,
          const char    *front_matter,
          const char    *closing,
          const char    *body,
          BylineNewline  newline)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, bom);
  g_string_append (out, opening);
  g_string_append (out, front_matter);
  g_string_append (out, closing);
  g_string_append (out, body);

  if (newline == BYLINE_NEWLINE_CRLF && memchr (out->str, '\n', out->len) != NULL)
    {
      GString *crlf = g_string_sized_new (out->len + out->len / 16);

      for (gsize i = 0; i < out->len; i++)
        {
          if (out->str[i] == '\n' && (i == 0 || out->str[i - 1] != '\r'))
            g_string_append_c (crlf, '\r');
          g_string_append_c (crlf, out->str[i]);
        }

      g_string_free (out, TRUE);
      out = crlf;
    }

  return out;
}

/* The delimiters to write around the front matter: the file's own, or new
 * YAML ones when the post had no block and now has front matter. */
static void
get_delimiters (BylineDocument  *self,
                const char     **opening,
                const char     **closing)
{
  g_assert (BYLINE_IS_DOCUMENT (self));

  if (self->format == BYLINE_FORMAT_NONE && self->front_matter_text[0] != '\0')
    {
      *opening = byline_newline_to_string (self->newline);
      *closing = *opening;
    }
  else
    {
      *opening = self->opening;
      *closing = self->closing;
    }
}

static char *
dup_front_matter_for_save (BylineDocument *self)
{
  const char *text = self->front_matter_text;
  gsize len = strlen (text);

  g_assert (BYLINE_IS_DOCUMENT (self));

  /* A new block needs a line break before its closing delimiter. */
  if (self->format == BYLINE_FORMAT_NONE && len > 0 && text[len - 1] != '\n')
    return g_strconcat (text, self->newline == BYLINE_NEWLINE_CRLF ? "\r\n" : "\n", NULL);

  return g_strdup (text);
}

static void
apply_contents (BylineDocument *self,
                const char     *data,
                gsize           len)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  BylinePostSplit split;
  GtkTextIter start;

  g_assert (BYLINE_IS_DOCUMENT (self));

  byline_post_split (data, len, &split);
  g_assert (split.len == len);

  g_free (self->bom);
  self->bom = g_strndup (data, split.open_start);
  g_free (self->opening);
  self->opening = g_strndup (data + split.open_start, split.fm_start - split.open_start);
  g_free (self->closing);
  self->closing = g_strndup (data + split.fm_end, split.body_start - split.fm_end);
  g_free (self->saved_front_matter_text);
  self->saved_front_matter_text = g_strndup (data + split.fm_start, split.fm_end - split.fm_start);
  self->format = split.format;
  self->newline = split.newline;

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, data + split.body_start, len - split.body_start);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_select_range (buffer, &start, &start);
  gtk_text_buffer_set_modified (buffer, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  take_front_matter_text (self, g_strdup (self->saved_front_matter_text));
  notify_undo_state (self);
}

/* Signal callbacks */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GFile *file = G_FILE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;
  BylineDocument *self = g_task_get_source_object (task);
  const char *data;
  gsize len = 0;

  g_assert (BYLINE_IS_DOCUMENT (self));

  bytes = byline_post_load_finish_with_etag (file, result, &etag, &error);
  set_busy (self, FALSE);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_message (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (bytes, &len);
  set_error_message (self, NULL);
  g_object_freeze_notify (G_OBJECT (self));
  set_file (self, file);
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  set_changed_on_disk (self, FALSE);
  set_changed_on_disk (self, FALSE);
  apply_contents (self, data != NULL ? data : "", len);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GFile *file = G_FILE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  BylineDocument *self = g_task_get_source_object (task);
  SaveState *state = g_task_get_task_data (task);

  g_assert (BYLINE_IS_DOCUMENT (self));

  set_busy (self, FALSE);

  if (!byline_post_save_with_etag_finish (file, result, &etag, &error))
    {
      /* Another program's change is the window's to ask about. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        set_error_message (self, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  set_error_message (self, NULL);
  set_file (self, file);
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  set_changed_on_disk (self, FALSE);

  /* A post that had no block now has one. */
  if (self->format == BYLINE_FORMAT_NONE && state->front_matter_text[0] != '\0')
    {
      const char *delimiter = byline_newline_to_string (self->newline);

      g_free (self->opening);
      self->opening = g_strdup (delimiter);
      g_free (self->closing);
      self->closing = g_strdup (delimiter);
      self->format = BYLINE_FORMAT_YAML;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
    }

  g_free (self->saved_front_matter_text);
  self->saved_front_matter_text = g_steal_pointer (&state->front_matter_text);

  /* What was typed while the file was being written is still unsaved. */
  if (state->change_count == self->change_count)
    gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
  update_modified (self);

  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

/* GObject overrides */

static void
byline_document_changed (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  self->change_count++;

  GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->changed (buffer);
}

static void
byline_document_modified_changed (GtkTextBuffer *buffer)
{
  BylineDocument *self = BYLINE_DOCUMENT (buffer);

  if (GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->modified_changed != NULL)
    GTK_TEXT_BUFFER_CLASS (byline_document_parent_class)->modified_changed (buffer);

  update_modified (self);
}

static void
byline_document_constructed (GObject *object)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  G_OBJECT_CLASS (byline_document_parent_class)->constructed (object);

  /* The body is written back exactly as it is: never add or strip a final
   * newline. */
  gtk_source_buffer_set_implicit_trailing_newline (GTK_SOURCE_BUFFER (self), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (self), FALSE);
}

static void
byline_document_finalize (GObject *object)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  unwatch_file (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->front_matter, byline_front_matter_unref);
  g_clear_pointer (&self->bom, g_free);
  g_clear_pointer (&self->opening, g_free);
  g_clear_pointer (&self->closing, g_free);
  g_clear_pointer (&self->front_matter_text, g_free);
  g_clear_pointer (&self->saved_front_matter_text, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_document_parent_class)->finalize (object);
}

static void
byline_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BylineDocument *self = BYLINE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CHANGED_ON_DISK:
      g_value_set_boolean (value, self->changed_on_disk);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;

    case PROP_FRONT_MATTER:
      g_value_set_boxed (value, self->front_matter);
      break;

    case PROP_CAN_UNDO_FRONT_MATTER:
      g_value_set_boolean (value, byline_document_can_undo_front_matter (self));
      break;

    case PROP_CAN_REDO_FRONT_MATTER:
      g_value_set_boolean (value, byline_document_can_redo_front_matter (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_document_class_init (BylineDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->constructed = byline_document_constructed;
  object_class->finalize = byline_document_finalize;
  object_class->get_property = byline_document_get_property;

  buffer_class->changed = byline_document_changed;
  buffer_class->modified_changed = byline_document_modified_changed;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * BylineDocument:changed-on-disk:
   *
   * Another program changed the file since it was read or written.
   */
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* A BylineFormat (there is no registered enum type for it). */
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL,
                      BYLINE_FORMAT_NONE, BYLINE_FORMAT_JSON, BYLINE_FORMAT_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FRONT_MATTER] =
    g_param_spec_boxed ("front-matter", NULL, NULL,
                        BYLINE_TYPE_FRONT_MATTER,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CAN_UNDO_FRONT_MATTER] =
    g_param_spec_boolean ("can-undo-front-matter", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CAN_REDO_FRONT_MATTER] =
    g_param_spec_boolean ("can-redo-front-matter", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_document_init (BylineDocument *self)
{
  self->bom = g_strdup ("");
  self->opening = g_strdup ("");
  self->closing = g_strdup ("");
  self->front_matter_text = g_strdup ("");
  self->saved_front_matter_text = g_strdup ("");
  self->format = BYLINE_FORMAT_NONE;
  self->newline = BYLINE_NEWLINE_LF;
  self->undo_stack = g_ptr_array_new_with_free_func (g_free);
  self->redo_stack = g_ptr_array_new_with_free_func (g_free);
  self->front_matter = byline_front_matter_new (BYLINE_FORMAT_YAML, "", 0);
  self->title = compute_title (self);
}

/* Public API */

BylineDocument *
byline_document_new (void)
{
  return g_object_new (BYLINE_TYPE_DOCUMENT, NULL);
}

BylineDocument *
byline_document_new_untitled (void)
{
  BylineTemplateVars vars = { "", "", NULL };
  g_autofree char *text = byline_template_expand (byline_template_get_builtin (), &vars, NULL);

  /* the built-in template has nothing Byline can't fill in */
  g_assert (text != NULL);
  return byline_document_new_untitled_with_text (text);
}

/* New posts from the site's archetype */
BylineDocument *
byline_document_new_untitled_with_text (const char *text)
{
  BylineDocument *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = byline_document_new ();
  apply_contents (self, text, strlen (text));

  return self;
}

GFile *
byline_document_get_file (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->file;
}

const char *
byline_document_get_title (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->title;
}

gboolean
byline_document_get_busy (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->busy;
}

const char *
byline_document_get_error_message (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->error_message;
}

gboolean
byline_document_get_modified (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

BylineNewline
byline_document_get_newline (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), BYLINE_NEWLINE_LF);

  return self->newline;
}

BylineFormat
byline_document_get_format (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), BYLINE_FORMAT_NONE);

  return self->format;
}

const char *
byline_document_get_front_matter_text (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->front_matter_text;
}

BylineFrontMatter *
byline_document_get_front_matter (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  return self->front_matter;
}

void
byline_document_set_front_matter_text (BylineDocument *self,
                                       const char     *text)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (text, self->front_matter_text) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_ptr_array_add (self->undo_stack, g_steal_pointer (&self->front_matter_text));
  g_ptr_array_set_size (self->redo_stack, 0);
  take_front_matter_text (self, g_strdup (text));
  notify_undo_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
byline_document_can_undo_front_matter (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
byline_document_can_redo_front_matter (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->redo_stack->len > 0;
}

void
byline_document_undo_front_matter (BylineDocument *self)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (self->undo_stack->len == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_ptr_array_add (self->redo_stack, g_steal_pointer (&self->front_matter_text));
  take_front_matter_text (self, g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1));
  notify_undo_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
byline_document_redo_front_matter (BylineDocument *self)
{
  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (self->redo_stack->len == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_ptr_array_add (self->undo_stack, g_steal_pointer (&self->front_matter_text));
  take_front_matter_text (self, g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1));
  notify_undo_state (self);
  g_object_thaw_notify (G_OBJECT (self));
}

char *
byline_document_dup_body (BylineDocument *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &start, &end, TRUE);
}

GBytes *
byline_document_dup_contents (BylineDocument *self)
{
  g_autofree char *body = NULL;
  g_autofree char *front_matter = NULL;
  const char *opening, *closing;
  GString *out;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), NULL);

  body = byline_document_dup_body (self);
  front_matter = dup_front_matter_for_save (self);
  get_delimiters (self, &opening, &closing);
  out = assemble (self->bom, opening, front_matter, closing, body, self->newline);

  return g_string_free_to_bytes (out);
}

void
byline_document_load_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_load_async);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The post is busy. Try again once it has been saved."));
      return;
    }

  set_busy (self, TRUE);
  byline_post_load_async (file, cancellable, load_cb, g_steal_pointer (&task));
}

gboolean
byline_document_load_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
byline_document_save_async (BylineDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  byline_document_save_full_async (self, file, BYLINE_SAVE_NONE, cancellable, callback, user_data);
}

void
byline_document_save_full_async (BylineDocument      *self,
                                 GFile               *file,
                                 BylineSaveFlags      flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) contents = NULL;
  const char *etag = NULL;
  SaveState *state;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->file != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_document_save_async);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The post is already being loaded or saved."));
      return;
    }

  state = g_new0 (SaveState, 1);
  state->file = g_object_ref (file != NULL ? file : self->file);
  state->front_matter_text = g_strdup (self->front_matter_text);
  state->change_count = self->change_count;
  g_task_set_task_data (task, state, (GDestroyNotify) save_state_free);

  /* Saving over the file that was opened: only as long as no other program
   * changed it meanwhile, unless asked to. */
  if ((flags & BYLINE_SAVE_OVERWRITE_CHANGES) == 0 && self->file != NULL &&
      g_file_equal (state->file, self->file))
    etag = self->etag;

  contents = byline_document_dup_contents (self);
  set_busy (self, TRUE);
  byline_post_save_with_etag_async (state->file, contents, etag, cancellable,
                                    save_cb, g_steal_pointer (&task));
}

gboolean
byline_document_save_finish (BylineDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Byline's own Markdown highlighting (in the GResource) first, then the
 * system's languages, which it uses for its styles. */
static GtkSourceLanguageManager *
get_languages (void)
{
  static GtkSourceLanguageManager *languages;

  if (languages == NULL)
    {
      const char * const *system = gtk_source_language_manager_get_search_path (gtk_source_language_manager_get_default ());
      g_autoptr(GStrvBuilder) path = g_strv_builder_new ();
      g_auto(GStrv) dirs = NULL;

      g_strv_builder_add (path, "resource:///io/github/byline/Byline/language-specs/");
      g_strv_builder_addv (path, (const char **) system);
      dirs = g_strv_builder_end (path);

      languages = gtk_source_language_manager_new ();
      gtk_source_language_manager_set_search_path (languages, (const char * const *) dirs);
    }

  return languages;
}

void
byline_document_load_language (BylineDocument *self)
{
  GtkSourceLanguageManager *languages;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));

  if (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (self)) != NULL)
    return;

  languages = get_languages ();
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self),
                                  gtk_source_language_manager_get_language (languages, "byline-markdown"));
}

/* The front matter form: typing in one field is one undo step.
 * Like byline_document_set_front_matter_text(), but when the previous
 * change was made by this function with the same @group, less than
 * MERGE_USEC ago, and nothing changed the front matter since, the new text
 * replaces that change instead of adding an undo step. */
#define MERGE_USEC (1500 * G_TIME_SPAN_MILLISECOND)
#define MERGE_GROUP "byline-merge-group"
#define MERGE_TEXT "byline-merge-text"
#define MERGE_TIME "byline-merge-time"

void
byline_document_set_front_matter_text_merged (BylineDocument *self,
                                              const char     *text,
                                              const char     *group)
{
  const char *last_group;
  const char *last_text;
  gint64 *last_time;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (text, self->front_matter_text) == 0)
    return;

  last_group = g_object_get_data (G_OBJECT (self), MERGE_GROUP);
  last_text = g_object_get_data (G_OBJECT (self), MERGE_TEXT);
  last_time = g_object_get_data (G_OBJECT (self), MERGE_TIME);

  if (group != NULL && g_strcmp0 (group, last_group) == 0 &&
      g_strcmp0 (last_text, self->front_matter_text) == 0 &&
      last_time != NULL && now - *last_time < MERGE_USEC &&
      self->undo_stack->len > 0 && self->redo_stack->len == 0)
    {
      g_object_freeze_notify (G_OBJECT (self));
      take_front_matter_text (self, g_strdup (text));
      g_object_thaw_notify (G_OBJECT (self));
    }
  else
    byline_document_set_front_matter_text (self, text);

  g_object_set_data_full (G_OBJECT (self), MERGE_GROUP, g_strdup (group), g_free);
  g_object_set_data_full (G_OBJECT (self), MERGE_TEXT, g_strdup (text), g_free);
  g_object_set_data_full (G_OBJECT (self), MERGE_TIME, g_memdup2 (&now, sizeof now), g_free);
}

/* The window: another program changed the file since it was read
 * or written (checked once the file has been quiet for a moment). */
gboolean
byline_document_get_changed_on_disk (BylineDocument *self)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (self), FALSE);

  return self->changed_on_disk;
}

/* Drafts: @draft (a whole post, as byline_document_dup_contents()
 * would give) becomes the document's unsaved state; its file and saved state
 * stay, so that the changes show as modified and undo goes back to the file. */
void
byline_document_restore_draft (BylineDocument *self,
                               GBytes         *draft)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  BylinePostSplit split;
  const char *data;
  gsize len = 0;
  g_autofree char *bom = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *front_matter = NULL;
  GtkTextIter start, end;

  g_return_if_fail (BYLINE_IS_DOCUMENT (self));
  g_return_if_fail (draft != NULL);

  data = g_bytes_get_data (draft, &len);
  if (data == NULL)
    data = "";
  byline_post_split (data, len, &split);
  bom = g_strndup (data, split.open_start);
  opening = g_strndup (data + split.open_start, split.fm_start - split.open_start);
  closing = g_strndup (data + split.fm_end, split.body_start - split.fm_end);
  front_matter = g_strndup (data + split.fm_start, split.fm_end - split.fm_start);

  if (g_strcmp0 (bom, self->bom) != 0 || g_strcmp0 (opening, self->opening) != 0 ||
      g_strcmp0 (closing, self->closing) != 0 || split.format != self->format ||
      split.newline != self->newline)
    {
      /* Not the same frame around the text: take the draft whole. */
      apply_contents (self, data, len);
      gtk_text_buffer_set_modified (buffer, TRUE);
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, data + split.body_start, len - split.body_start);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_end_user_action (buffer);

  if (g_strcmp0 (front_matter, self->front_matter_text) != 0)
    byline_document_set_front_matter_text (self, front_matter);
}
