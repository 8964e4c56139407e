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

#include <string.h>

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

/* The keys of new posts: "byline-untitled:UUID". */
#define UNTITLED_PREFIX "byline-untitled:"

static char *
untitled_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "byline", "drafts", "untitled", NULL);
}

/* The UUID of an untitled key, or NULL. */
static const char *
untitled_id (const char *uri)
{
  if (!g_str_has_prefix (uri, UNTITLED_PREFIX) || !g_uuid_string_is_valid (uri + strlen (UNTITLED_PREFIX)))
    return NULL;
  return uri + strlen (UNTITLED_PREFIX);
}

GFile *
byline_draft_get_file (GFile *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *id;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  uri = g_file_get_uri (file);
  if ((id = untitled_id (uri)) != NULL)
    {
      g_autofree char *folder = untitled_folder ();

      name = g_strconcat (id, ".md", NULL);
      path = g_build_filename (folder, name, NULL);
      return g_file_new_for_path (path);
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  name = g_strconcat (hash, ".md", NULL);
  path = g_build_filename (g_get_user_data_dir (), "byline", "drafts", name, NULL);

  return g_file_new_for_path (path);
}

GFile *
byline_draft_new_untitled_key (void)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *uri = g_strconcat (UNTITLED_PREFIX, id, NULL);

  return g_file_new_for_uri (uri);
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo **) a, *ib = *(GFileInfo **) b;
  guint64 ta = g_file_info_get_attribute_uint64 (ia, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 tb = g_file_info_get_attribute_uint64 (ib, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return g_strcmp0 (g_file_info_get_name (ia), g_file_info_get_name (ib));
}

static void
find_untitled_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autofree char *path = untitled_folder ();
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  /* no folder: no drafts */
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autofree char *id = g_str_has_suffix (name, ".md") ? g_strndup (name, strlen (name) - 3) : NULL;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && id != NULL && g_uuid_string_is_valid (id))
        g_ptr_array_add (infos, info);
      else
        g_object_unref (info);
    }

  g_ptr_array_sort (infos, compare_modified);
  for (guint i = 0; i < infos->len; i++)
    {
      const char *name = g_file_info_get_name (g_ptr_array_index (infos, i));
      g_autofree char *uri = g_strconcat (UNTITLED_PREFIX, name, NULL);

      uri[strlen (uri) - 3] = '\0';   /* ".md" */
      g_ptr_array_add (keys, g_file_new_for_uri (uri));
    }
  g_task_return_pointer (task, keys, (GDestroyNotify) g_ptr_array_unref);
}

void
byline_drafts_find_untitled_async (GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, byline_drafts_find_untitled_async);
  g_task_run_in_thread (task, find_untitled_thread);
}

GPtrArray *
byline_drafts_find_untitled_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
