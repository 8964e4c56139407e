/* test-platform.c: byline-platform, what the machine can do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#ifdef __linux__
#include <errno.h>
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platform/background-thread", test_background_thread);
  return g_test_run ();
}
