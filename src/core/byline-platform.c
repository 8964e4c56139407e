/* byline-platform.c: what the machine Byline runs on can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-platform"

#include "config.h"

#include <string.h>

#ifdef __linux__
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "byline-platform.h"

/* Whether a GPU can draw for us: a DRM render node (/dev/dri/renderD*).
 * Without one (a virtual machine, a remote desktop, Xvfb) OpenGL runs on
 * Mesa's software rasteriser. Looked at once. */
gboolean
byline_platform_has_render_node (void)
{
  static gsize result;

  if (g_once_init_enter (&result))
    {
      g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
      const char *name;
      gboolean found = FALSE;

      while (dir != NULL && !found && (name = g_dir_read_name (dir)) != NULL)
        found = g_str_has_prefix (name, "renderD");
      g_once_init_leave (&result, found ? 2 : 1);
    }

  return result == 2;
}

char *
byline_platform_display_path (GFile *file)
{
  g_autofree char *parse_name = NULL;
  const char *home = g_get_home_dir ();
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  parse_name = g_file_get_parse_name (file);
  len = home != NULL ? strlen (home) : 0;
  if (len > 1 && g_str_has_prefix (parse_name, home) &&
      (parse_name[len] == '\0' || parse_name[len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", parse_name + len, NULL);

  return g_steal_pointer (&parse_name);
}

typedef struct {
  GTask           *task;
  GTaskThreadFunc  func;
} BackgroundJob;

static void
background_thread (gpointer data,
                   gpointer user_data)
{
  static GPrivate lowered;
  BackgroundJob *job = data;

  if (g_private_get (&lowered) == NULL)
    {
#ifdef __linux__
      /* Linux's nice is per thread: this one only, 10 above the value it
       * inherited from the thread that started it. Raising it needs no
       * privilege; nothing here ever lowers it back. */
      id_t tid = (id_t) syscall (SYS_gettid);
      int nice_value;

      errno = 0;
      nice_value = getpriority (PRIO_PROCESS, tid);
      if (errno == 0)
        (void) setpriority (PRIO_PROCESS, tid, MIN (nice_value + 10, 19));
#endif
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  job->func (job->task,
             g_task_get_source_object (job->task),
             g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

void
byline_platform_run_in_queue (BylineBackgroundQueue  queue,
                              GTask                 *task,
                              GTaskThreadFunc        func)
{
  static GThreadPool *pools[BYLINE_BACKGROUND_N_QUEUES];
  BackgroundJob *job;

  g_return_if_fail (queue < BYLINE_BACKGROUND_N_QUEUES);
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  if (g_once_init_enter (&pools[queue]))
    {
      /* Exclusive: the thread is never lent to another pool, so its
       * lowered priority stays with this work. */
      GThreadPool *new_pool = g_thread_pool_new (background_thread, NULL, 1, TRUE, NULL);

      g_once_init_leave (&pools[queue], new_pool);
    }

  job = g_new (BackgroundJob, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pools[queue], job, NULL);
}

void
byline_platform_run_in_background (GTask           *task,
                                   GTaskThreadFunc  func)
{
  byline_platform_run_in_queue (BYLINE_BACKGROUND_PREVIEW, task, func);
}

#ifdef __linux__
/* The parent of process @pid and its name (/proc/PID/stat: "pid (comm)
 * state ppid ..."; the name may itself hold spaces and parentheses). */
static gboolean
read_process (const char  *pid,
              int         *ppid,
              char       **comm)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *contents = NULL;
  const char *open_paren, *close_paren;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  open_paren = strchr (contents, '(');
  close_paren = strrchr (contents, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren ||
      sscanf (close_paren + 1, " %*c %d", ppid) != 1)
    return FALSE;
  *comm = g_strndup (open_paren + 1, close_paren - open_paren - 1);
  return TRUE;
}
#endif

guint
byline_platform_lower_helpers (const char *name_prefix,
                               int         increment)
{
  guint lowered = 0;
#ifdef __linux__
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);  /* pid → ppid */
  g_autoptr(GHashTable) names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) ours = g_hash_table_new (NULL, NULL);
  g_autoptr(GDir) proc = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *entry;
  gboolean grew = TRUE;
  int target;

  g_return_val_if_fail (name_prefix != NULL, 0);
  g_return_val_if_fail (increment > 0, 0);

  errno = 0;
  target = getpriority (PRIO_PROCESS, (id_t) getpid ());
  if (errno != 0)
    return 0;
  target = MIN (target + increment, 19);

  proc = g_dir_open ("/proc", 0, NULL);
  if (proc == NULL)
    return 0;
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      int ppid;
      char *comm;

      if (!g_ascii_isdigit (entry[0]) || !read_process (entry, &ppid, &comm))
        continue;
      g_hash_table_insert (parents, GINT_TO_POINTER (atoi (entry)), GINT_TO_POINTER (ppid));
      g_hash_table_insert (names, GINT_TO_POINTER (atoi (entry)), comm);
    }

  /* Our descendants: add each process whose parent is ours until none is
   * added (a sandbox puts bwrap between us and the web process). */
  g_hash_table_add (ours, GINT_TO_POINTER (getpid ()));
  while (grew)
    {
      grew = FALSE;
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (ours, key) && g_hash_table_contains (ours, value))
          {
            g_hash_table_add (ours, key);
            grew = TRUE;
          }
    }

  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int pid = GPOINTER_TO_INT (key);
      const char *comm = g_hash_table_lookup (names, key);
      g_autofree char *tasks_path = NULL;
      g_autoptr(GDir) tasks = NULL;
      const char *task;

      if (pid == getpid () || comm == NULL || !g_str_has_prefix (comm, name_prefix))
        continue;

      /* Linux's nice is per thread; threads started later inherit it. */
      tasks_path = g_strdup_printf ("/proc/%d/task", pid);
      tasks = g_dir_open (tasks_path, 0, NULL);
      while (tasks != NULL && (task = g_dir_read_name (tasks)) != NULL)
        {
          id_t tid = (id_t) atoi (task);
          int current;

          errno = 0;
          current = getpriority (PRIO_PROCESS, tid);
          if (errno == 0 && current < target && setpriority (PRIO_PROCESS, tid, target) == 0)
            lowered++;
        }
    }
#endif
  return lowered;
}
