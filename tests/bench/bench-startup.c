/* bench-startup.c: time from spawning `byline POST` to the window's first
 * frame with the post shown, beside a GTK4 hello-window program timed the
 * same way (the floor). Prints the figures; asserts nothing.
 *
 *   xvfb-run -a BUILD/tests/bench/bench-startup [--runs N] [--preview] [POST]
 *
 * --preview also times until the preview has rendered the post
 * (BYLINE_BENCH_FIRST_FRAME=preview: "byline-preview-rendered").
 * --byline and --floor time other programs in their place (to compare
 * builds); they must print "first-frame" the same way.
 *
 * Byline prints "byline-first-frame" on stdout when BYLINE_BENCH_FIRST_FRAME=1
 * and the frame after its post was loaded has been painted, then quits;
 * hello-window prints "hello-first-frame" after its first frame. Both run on
 * the same display with a private session bus, in ABBA order, after one
 * warm-up run each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>

#define TIMEOUT_MS 30000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len == 0)
    return 0;
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2;
}

/* Spawns @argv and records in @times the milliseconds until it prints a
 * line containing each of @markers (in order). Waits for it to exit.
 * Returns FALSE when it failed or timed out. */
static gboolean
time_markers (char              **argv,
              char              **envp,
              const char * const *markers,
              double             *times)
{
  g_autoptr(GError) error = NULL;
  GString *output = g_string_new (NULL);
  guint n_markers = g_strv_length ((char **) markers);
  guint found = 0;
  GPid pid;
  int out_fd;
  int status = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("bench-startup: could not start %s: %s\n", argv[0], error->message);
      g_string_free (output, TRUE);
      return FALSE;
    }

  while (found < n_markers)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      int remaining = TIMEOUT_MS - (int) ((g_get_monotonic_time () - start) / 1000);
      char buf[4096];
      ssize_t n;

      if (remaining <= 0)
        {
          g_printerr ("bench-startup: %s did not print %s within %d s\n",
                      argv[0], markers[found], TIMEOUT_MS / 1000);
          kill (pid, SIGKILL);
          break;
        }
      if (poll (&pfd, 1, remaining) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (pfd.revents == 0)
        continue;

      n = read (out_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_printerr ("bench-startup: %s exited before printing %s\n", argv[0], markers[found]);
          break;
        }
      g_string_append_len (output, buf, n);
      while (found < n_markers && strstr (output->str, markers[found]) != NULL)
        times[found++] = (g_get_monotonic_time () - start) / 1000.0;
    }

  close (out_fd);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_string_free (output, TRUE);

  return found == n_markers;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) byline_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) preview_times = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean preview = FALSE;
  g_autoptr(GArray) hello_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) envp = NULL;
  g_autofree char *display = NULL;
  GTestDBus *bus;
  const char *post;
  int runs = 10;
  g_autofree char *byline_exe = NULL;
  g_autofree char *floor_exe = NULL;
  double byline_median, hello_median;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each program (default 10)", "N" },
    { "byline", 0, 0, G_OPTION_ARG_FILENAME, &byline_exe, "Byline executable to time", "PATH" },
    { "floor", 0, 0, G_OPTION_ARG_FILENAME, &floor_exe, "Floor program to time (default: hello-window)", "PATH" },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview, "Also time until the preview has rendered the post", NULL },
    { NULL }
  };

  context = g_option_context_new ("[POST] — time Byline's first frame beside a GTK hello window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  post = argc > 1 ? argv[1] : SOURCE_SAMPLE_POST;
  if (!g_file_test (post, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bench-startup: no post at %s\n", post);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup: needs a display: run it under xvfb-run -a\n");
      return 2;
    }

  /* A session bus of its own, as on a desktop; g_test_dbus_up() unsets
   * DISPLAY, so put it back. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "BYLINE_BENCH_FIRST_FRAME", preview ? "preview" : "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);

  {
    char *byline_argv[] = { byline_exe != NULL ? byline_exe : (char *) BYLINE_EXE, (char *) post, NULL };
    char *hello_argv[] = { floor_exe != NULL ? floor_exe : (char *) HELLO_EXE, NULL };

    static const char * const hello_markers[] = { "first-frame\n", NULL };
    static const char * const byline_markers[] = { "first-frame\n", NULL };
    static const char * const preview_markers[] = { "first-frame\n", "preview-rendered\n", NULL };
    const char * const *markers = preview ? preview_markers : byline_markers;
    double hello_t[1], byline_t[2];

    g_print ("bench-startup: %s %s beside %s, %d runs each (after one warm-up), ABBA order\n",
             byline_argv[0], post, hello_argv[0], runs);

    /* Warm-up: page cache, font cache, GL set-up. */
    time_markers (hello_argv, envp, hello_markers, hello_t);
    time_markers (byline_argv, envp, markers, byline_t);

    for (int i = 0; i < runs; i++)
      {
        gboolean ok;

        /* ABBA order: neither program always runs right after the other. */
        if (i % 2 == 0)
          ok = time_markers (hello_argv, envp, hello_markers, hello_t) &&
               time_markers (byline_argv, envp, markers, byline_t);
        else
          ok = time_markers (byline_argv, envp, markers, byline_t) &&
               time_markers (hello_argv, envp, hello_markers, hello_t);

        if (!ok)
          {
            g_test_dbus_down (bus);
            g_object_unref (bus);
            return 1;
          }
        if (preview)
          g_print ("  run %2d: hello-window %7.1f ms   byline %7.1f ms   preview rendered %7.1f ms\n",
                   i + 1, hello_t[0], byline_t[0], byline_t[1]);
        else
          g_print ("  run %2d: hello-window %7.1f ms   byline %7.1f ms\n", i + 1, hello_t[0], byline_t[0]);
        g_array_append_val (hello_times, hello_t[0]);
        g_array_append_val (byline_times, byline_t[0]);
        if (preview)
          g_array_append_val (preview_times, byline_t[1]);
      }
  }

  hello_median = median (hello_times);
  byline_median = median (byline_times);

  g_print ("\n");
  g_print ("hello-window (floor)    median %7.1f ms\n", hello_median);
  g_print ("byline (sample post)    median %7.1f ms\n", byline_median);
  g_print ("difference                     %+7.1f ms (target: at most +150 ms): %s\n",
           byline_median - hello_median,
           byline_median - hello_median <= 150 ? "met" : "NOT met");
  if (preview)
    g_print ("byline preview rendered median %7.1f ms (after the first frame, not part of the target)\n",
             median (preview_times));

  g_test_dbus_down (bus);
  g_object_unref (bus);

  return 0;
}
