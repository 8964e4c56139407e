/* test-platform.c: byline-platform, what the machine can do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#ifdef __linux__
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "byline-platform.h"

typedef struct {
  GThread *thread;
  int      nice;
  guint    order;
} Seen;

static guint counter;

static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Seen *seen = task_data;

  seen->thread = g_thread_self ();
#ifdef __linux__
  errno = 0;
  seen->nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  g_assert_cmpint (errno, ==, 0);
#endif
  seen->order = g_atomic_int_add (&counter, 1);
  g_task_return_boolean (task, TRUE);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *n_done = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  (*n_done)++;
}

static GMutex gate_mutex;
static GCond gate_cond;
static gboolean gate_open;

/* Waits until the test opens the gate. */
static void
gated_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_mutex_lock (&gate_mutex);
  while (!gate_open)
    g_cond_wait (&gate_cond, &gate_mutex);
  g_mutex_unlock (&gate_mutex);
  record_thread (task, source_object, task_data, cancellable);
}

/* Each queue has its own thread: the preview's work runs while a check
 * is still busy, and the check's thread is lowered too. */
static void
test_background_queues (void)
{
  Seen check = { 0 }, render = { 0 };
  guint n_checks = 0, n_renders = 0;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autoptr(GTask) check_task = g_task_new (NULL, NULL, done_cb, &n_checks);
  g_autoptr(GTask) render_task = g_task_new (NULL, NULL, done_cb, &n_renders);
#ifdef __linux__
  int own_nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
#endif

  gate_open = FALSE;
  g_task_set_task_data (check_task, &check, NULL);
  byline_platform_run_in_queue (BYLINE_BACKGROUND_CHECKS, check_task, gated_thread);
  g_task_set_task_data (render_task, &render, NULL);
  byline_platform_run_in_queue (BYLINE_BACKGROUND_PREVIEW, render_task, record_thread);

  while (n_renders < 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (n_checks, ==, 0);   /* still waiting at the gate */

  g_mutex_lock (&gate_mutex);
  gate_open = TRUE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
  while (n_checks < 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_true (check.thread != render.thread);
  g_assert_true (check.thread != g_thread_self ());
#ifdef __linux__
  g_assert_cmpint (check.nice, ==, MIN (own_nice + 10, 19));
#endif
}

/* Work handed to the background thread runs there, not in the calling
 * thread, one job after another in the order given, in one thread whose
 * priority is lowered; the calling thread's stays as it was. */
static void
test_background_thread (void)
{
  Seen seen[4] = { { 0 } };
  guint n_done = 0;
  int own_nice;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

#ifdef __linux__
  own_nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
#else
  own_nice = 0;
#endif

  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, done_cb, &n_done);

      g_task_set_task_data (task, &seen[i], NULL);
      byline_platform_run_in_background (task, record_thread);
    }
  while (n_done < G_N_ELEMENTS (seen))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    {
      g_assert_nonnull (seen[i].thread);
      g_assert_true (seen[i].thread != g_thread_self ());
      g_assert_true (seen[i].thread == seen[0].thread);
      g_assert_cmpuint (seen[i].order, ==, i);
#ifdef __linux__
      g_assert_cmpint (seen[i].nice, ==, MIN (own_nice + 10, 19));
#endif
    }
#ifdef __linux__
  g_assert_cmpint (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)), ==, own_nice);
#endif
}

#ifdef __linux__
static int
nice_of (int pid)
{
  int value;

  errno = 0;
  value = getpriority (PRIO_PROCESS, (id_t) pid);
  g_assert_cmpint (errno, ==, 0);
  return value;
}

static int
subprocess_pid (GSubprocess *process)
{
  return atoi (g_subprocess_get_identifier (process));
}
#endif

/* Helpers named with the prefix are lowered, children and grandchildren
 * alike (WebKit's web process runs under bwrap); the main thread, other
 * children (the shell between, a plain "sleep") keep their priority. */
static void
test_lower_helpers (void)
{
#ifdef __linux__
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-platform-XXXXXX", &error);
  g_autofree char *sleep_path = g_find_program_in_path ("sleep");
  g_autofree char *helper = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  int own_nice = nice_of (getpid ());
  int expected = MIN (own_nice + 5, 19);
  int grandchild;

  g_assert_no_error (error);
  if (sleep_path == NULL)
    {
      g_test_skip ("no sleep(1) to start as a helper");
      return;
    }
  /* A process's name is the file name it was started by. */
  helper = g_build_filename (dir, "BylineFakeHelper", NULL);
  g_assert_cmpint (symlink (sleep_path, helper), ==, 0);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, helper, "60", NULL);
  g_assert_no_error (error);
  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            "/bin/sh", "-c", "\"$0\" 60 & echo $!; wait", helper, NULL);
  g_assert_no_error (error);
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, sleep_path, "60", NULL);
  g_assert_no_error (error);

  /* The shell prints the grandchild's pid once it has started it. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shell));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  grandchild = atoi (line);
  g_assert_cmpint (grandchild, >, 0);
  /* ...maybe before it has become the helper: wait for its name. */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;;)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", grandchild);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_has_prefix (comm, "BylineFake"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_thread_yield ();
    }

  if (own_nice < 19)
    g_assert_cmpuint (byline_platform_lower_helpers ("BylineFake", 5), ==, 2);
  g_assert_cmpint (nice_of (subprocess_pid (child)), ==, expected);
  g_assert_cmpint (nice_of (grandchild), ==, expected);
  g_assert_cmpint (nice_of (subprocess_pid (shell)), ==, own_nice);
  g_assert_cmpint (nice_of (subprocess_pid (other)), ==, own_nice);
  g_assert_cmpint (nice_of (getpid ()), ==, own_nice);
  /* Already low: nothing more to do. */
  g_assert_cmpuint (byline_platform_lower_helpers ("BylineFake", 5), ==, 0);

  kill (grandchild, SIGKILL);
  g_subprocess_force_exit (child);
  g_subprocess_force_exit (shell);
  g_subprocess_force_exit (other);
  g_unlink (helper);
  g_rmdir (dir);
#else
  g_test_skip ("helpers are found through Linux's /proc");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platform/background-thread", test_background_thread);
  g_test_add_func ("/platform/background-queues", test_background_queues);
  g_test_add_func ("/platform/lower-helpers", test_lower_helpers);
  return g_test_run ();
}
