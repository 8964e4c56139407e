/* byline-drafts.c: unsaved changes kept on disk while a post is edited
 *
 * A draft is the whole post as it would be saved, written with the same
 * atomic save as the post itself, to <user data>/byline/drafts/<hash>.md
 * where <hash> is the SHA-256 of the post's URI. Saving the post, or
 * discarding its changes, removes the draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include "byline-drafts.h"
#include "byline-post-io.h"

/* A draft is written and deleted in worker threads, which may run in any
 * order: a write asked for before a delete must not land after it. Each
 * post has a generation, bumped by every delete; a write made for an older
 * generation is dropped. io_lock keeps each write or delete whole; gen_lock
 * only guards the table, so the main thread never waits on disk. */
typedef struct
{
  GBytes *contents;
  guint   generation;
} SaveData;

static GMutex gen_lock;
static GMutex io_lock;
static GHashTable *generations;  /* URI -> generation */

static guint
get_generation (GFile    *file,
                gboolean  bump)
{
  g_autofree char *uri = g_file_get_uri (file);
  guint generation;

  g_mutex_lock (&gen_lock);
  if (generations == NULL)
    generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  generation = GPOINTER_TO_UINT (g_hash_table_lookup (generations, uri));
  if (bump)
    g_hash_table_insert (generations, g_steal_pointer (&uri), GUINT_TO_POINTER (++generation));
  g_mutex_unlock (&gen_lock);

  return generation;
}

static void
save_data_free (SaveData *data)
{
  g_bytes_unref (data->contents);
  g_free (data);
}

GFile *
byline_draft_get_file (GFile *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  uri = g_file_get_uri (file);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  name = g_strconcat (hash, ".md", NULL);
  path = g_build_filename (g_get_user_data_dir (), "byline", "drafts", name, NULL);

  return g_file_new_for_path (path);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GFile) draft = byline_draft_get_file (G_FILE (source_object));
  g_autoptr(GFile) folder = g_file_get_parent (draft);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&io_lock);
  /* Deleted since it was asked for: not to be written. */
  if (get_generation (G_FILE (source_object), FALSE) == data->generation)
    {
      if (!g_file_make_directory_with_parents (folder, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        ok = FALSE;
      else
        {
          g_clear_error (&error);
          ok = byline_post_save (draft, data->contents, cancellable, &error);
        }
    }
  g_mutex_unlock (&io_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
byline_draft_save_async (GFile               *file,
                         GBytes              *contents,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  data = g_new0 (SaveData, 1);
  data->contents = g_bytes_ref (contents);
  data->generation = get_generation (file, FALSE);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
byline_draft_save_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GFile) draft = byline_draft_get_file (G_FILE (source_object));
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (!g_file_query_exists (draft, cancellable))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  bytes = byline_post_load (draft, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
byline_draft_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_load_async);
  g_task_run_in_thread (task, load_thread);
}

GBytes *
byline_draft_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GFile) draft = byline_draft_get_file (G_FILE (source_object));

  g_mutex_lock (&io_lock);
  g_file_delete (draft, cancellable, NULL);
  g_mutex_unlock (&io_lock);
  g_task_return_boolean (task, TRUE);
}

void
byline_draft_delete_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  /* Writes asked for until now are not to land after this. */
  get_generation (file, TRUE);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_delete_async);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
byline_draft_delete_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
byline_draft_delete (GFile *file)
{
  byline_draft_delete_async (file, NULL, NULL, NULL);
}
