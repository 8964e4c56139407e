/* byline-post-io.c: reading and saving posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-post-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "byline-front-matter.h"
#include "byline-post-io.h"

/* Files larger than this are not posts; refusing them keeps a stray ISO
 * image from filling memory. */
#define MAX_POST_SIZE (256 * 1024 * 1024)

static char *
display_name (GFile *file)
{
  g_autofree char *parse = g_file_get_parse_name (file);
  return g_filename_display_basename (parse);
}

static GBytes *
load_contents (GFile         *file,
               char         **etag,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = display_name (file);
  g_autofree char *data = NULL;
  gsize len = 0;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("“%s” does not exist."), name);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a post."), name);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* A device or a FIFO would be read without end, or hang. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file."), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_POST_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("“%s” is too large to be a post."), name);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &data, &len, etag, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                     _("You do not have permission to read “%s”."), name);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }

  if (!byline_text_validate (data, len, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), len);
}

GBytes *
byline_post_load (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return load_contents (file, NULL, cancellable, error);
}

typedef struct
{
  GBytes *bytes;
  char   *etag;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_free (loaded->etag);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->bytes = load_contents (G_FILE (source_object), &loaded->etag, cancellable, &error);
  if (loaded->bytes == NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
    }
}

void
byline_post_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_post_load_async);
  g_task_run_in_thread (task, load_thread);
}

GBytes *
byline_post_load_finish (GFile         *file,
                         GAsyncResult  *result,
                         GError       **error)
{
  return byline_post_load_finish_with_etag (file, result, NULL, error);
}

GBytes *
byline_post_load_finish_with_etag (GFile         *file,
                                   GAsyncResult  *result,
                                   char         **etag,
                                   GError       **error)
{
  Loaded *loaded;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  bytes = g_steal_pointer (&loaded->bytes);
  if (etag != NULL)
    *etag = g_steal_pointer (&loaded->etag);
  loaded_free (loaded);

  return bytes;
}

static gboolean
save_contents (GFile         *file,
               GBytes        *contents,
               const char    *etag,
               char         **new_etag,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *name = display_name (file);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (contents, &len);
  gsize written = 0;

  /* g_file_replace() writes a temporary file beside the target and renames
   * it over the original on close, copying the original's mode and owner;
   * if anything fails before that the original is left as it was. */
  out = g_file_replace (file, etag, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (out != NULL &&
      g_output_stream_write_all (G_OUTPUT_STREAM (out), data, len, &written,
                                 cancellable, &local_error) &&
      g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    {
      if (new_etag != NULL)
        *new_etag = g_file_output_stream_get_etag (out);
      return TRUE;
    }

  if (out != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (out)))
    {
      /* Cancel the close so that the temporary file is dropped, not renamed
       * over the original. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                 _("Another program changed “%s” since it was opened. "
                   "The file on disk is unchanged."), name);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("Could not save “%s”: you do not have permission to write it. "
                   "The file on disk is unchanged."), name);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not save “%s”: %s. The file on disk is unchanged."),
                 name, local_error->message);
  return FALSE;
}

gboolean
byline_post_save (GFile         *file,
                  GBytes        *contents,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return byline_post_save_with_etag (file, contents, NULL, NULL, cancellable, error);
}

gboolean
byline_post_save_with_etag (GFile         *file,
                            GBytes        *contents,
                            const char    *etag,
                            char         **new_etag,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  return save_contents (file, contents, etag, new_etag, cancellable, error);
}

typedef struct
{
  GBytes *contents;
  char   *etag;     /* expected on disk, or NULL */
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_pointer (&saving->contents, g_bytes_unref);
  g_free (saving->etag);
  g_free (saving);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Saving *saving = task_data;
  GError *error = NULL;
  char *new_etag = NULL;

  if (save_contents (G_FILE (source_object), saving->contents, saving->etag, &new_etag,
                     cancellable, &error))
    g_task_return_pointer (task, new_etag != NULL ? new_etag : g_strdup (""), g_free);
  else
    g_task_return_error (task, error);
}

void
byline_post_save_async (GFile               *file,
                        GBytes              *contents,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  byline_post_save_with_etag_async (file, contents, NULL, cancellable, callback, user_data);
}

void
byline_post_save_with_etag_async (GFile               *file,
                                  GBytes              *contents,
                                  const char          *etag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Saving *saving;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  saving = g_new0 (Saving, 1);
  saving->contents = g_bytes_ref (contents);
  saving->etag = g_strdup (etag);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_post_save_async);
  g_task_set_task_data (task, saving, (GDestroyNotify) saving_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
byline_post_save_finish (GFile         *file,
                         GAsyncResult  *result,
                         GError       **error)
{
  return byline_post_save_with_etag_finish (file, result, NULL, error);
}

gboolean
byline_post_save_with_etag_finish (GFile         *file,
                                   GAsyncResult  *result,
                                   char         **new_etag,
                                   GError       **error)
{
  g_autofree char *etag = NULL;

  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  etag = g_task_propagate_pointer (G_TASK (result), error);
  if (etag == NULL)
    return FALSE;

  if (new_etag != NULL)
    *new_etag = etag[0] != '\0' ? g_steal_pointer (&etag) : NULL;

  return TRUE;
}
