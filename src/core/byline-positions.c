/* byline-positions.c: where the cursor was in each post, kept across runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-positions"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "byline-positions.h"

/* One reader or writer of the file at a time, from any thread. */
static GMutex positions_lock;

static char *
positions_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "byline", "positions.ini", NULL);
}

/* The file as a key file: empty when it is missing or unreadable (it only
 * holds conveniences; a damaged one is started afresh). */
static GKeyFile *
positions_load (void)
{
  g_autofree char *path = positions_path ();
  GKeyFile *keys = g_key_file_new ();

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL))
    {
      g_key_file_free (keys);
      keys = g_key_file_new ();
    }
  return keys;
}

gboolean
byline_position_lookup (GFile *file,
                        guint *line,
                        guint *column)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  gint64 l, c;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (line != NULL && column != NULL, FALSE);

  uri = g_file_get_uri (file);
  g_mutex_lock (&positions_lock);
  keys = positions_load ();
  g_mutex_unlock (&positions_lock);

  l = g_key_file_get_int64 (keys, uri, "line", &error);
  if (error != NULL || l < 0 || l > G_MAXINT)
    return FALSE;
  c = g_key_file_get_int64 (keys, uri, "column", &error);
  if (error != NULL || c < 0 || c > G_MAXINT)
    return FALSE;
  *line = (guint) l;
  *column = (guint) c;
  return TRUE;
}

typedef struct
{
  guint line;
  guint column;
} Position;

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Position *position = g_new0 (Position, 1);

  if (byline_position_lookup (G_FILE (source_object), &position->line, &position->column))
    g_task_return_pointer (task, position, g_free);
  else
    {
      g_free (position);
      g_task_return_pointer (task, NULL, NULL);
    }
}

void
byline_position_lookup_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_position_lookup_async);
  g_task_run_in_thread (task, lookup_thread);
}

gboolean
byline_position_lookup_finish (GAsyncResult  *result,
                               guint         *line,
                               guint         *column,
                               GError       **error)
{
  g_autofree Position *position = NULL;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  position = g_task_propagate_pointer (G_TASK (result), error);
  if (position == NULL)
    return FALSE;
  if (line != NULL)
    *line = position->line;
  if (column != NULL)
    *column = position->column;
  return TRUE;
}

static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GKeyFile *keys = user_data;
  gint64 ta = g_key_file_get_int64 (keys, *(const char * const *) a, "time", NULL);
  gint64 tb = g_key_file_get_int64 (keys, *(const char * const *) b, "time", NULL);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Position *position = task_data;
  g_autofree char *uri = g_file_get_uri (G_FILE (source_object));
  g_autofree char *path = positions_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *data = NULL;
  gsize n_groups = 0, length = 0, i;

  g_mutex_lock (&positions_lock);
  keys = positions_load ();
  g_key_file_set_int64 (keys, uri, "line", position->line);
  g_key_file_set_int64 (keys, uri, "column", position->column);
  g_key_file_set_int64 (keys, uri, "time", g_get_real_time ());

  /* the newest first; drop the rest */
  groups = g_key_file_get_groups (keys, &n_groups);
  g_qsort_with_data (groups, (int) n_groups, sizeof (char *), compare_time, keys);
  for (i = BYLINE_POSITIONS_MAX; i < n_groups; i++)
    g_key_file_remove_group (keys, groups[i], NULL);

  data = g_key_file_to_data (keys, &length, NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", folder, g_strerror (saved));
    }
  else
    g_file_set_contents_full (path, data, (gssize) length,
                              G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_mutex_unlock (&positions_lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
byline_position_store_async (GFile               *file,
                             guint                line,
                             guint                column,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Position *position;

  g_return_if_fail (G_IS_FILE (file));

  position = g_new (Position, 1);
  position->line = line;
  position->column = column;
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_position_store_async);
  g_task_set_task_data (task, position, g_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
byline_position_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
