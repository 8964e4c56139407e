/* bench-startup.c: time from spawning `byline POST` to the window's first
 * frame with the post shown, beside a GTK4 hello-window program timed the
 * same way (the floor). Prints the figures; asserts nothing.
 *
 *   xvfb-run -a BUILD/tests/bench/bench-startup [--runs N] [POST]
 *
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

/* Spawns @argv and returns the milliseconds until it prints a line
 * containing "first-frame", or -1 on failure. Waits for it to exit. */
static double
time_first_frame (char       **argv,
                  char       **envp)
{
  g_autoptr(GError) error = NULL;
  GString *output = g_string_new (NULL);
  GPid pid;
  int out_fd;
  int status = 0;
  gint64 start, end = 0;
  double ms = -1;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("bench-startup: could not start %s: %s\n", argv[0], error->message);
      g_string_free (output, TRUE);
      return -1;
    }

  while (end == 0)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      int remaining = TIMEOUT_MS - (int) ((g_get_monotonic_time () - start) / 1000);
      char buf[4096];
      ssize_t n;

      if (remaining <= 0)
        {
          g_printerr ("bench-startup: %s drew no first frame within %d s\n",
                      argv[0], TIMEOUT_MS / 1000);
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
          g_printerr ("bench-startup: %s exited without drawing a frame\n", argv[0]);
          break;
        }
      g_string_append_len (output, buf, n);
      if (strstr (output->str, "first-frame\n") != NULL)
        end = g_get_monotonic_time ();
    }

  if (end != 0)
    ms = (end - start) / 1000.0;

  close (out_fd);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  g_string_free (output, TRUE);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) byline_times = g_array_new (FALSE, FALSE, sizeof (double));
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
  envp = g_environ_setenv (envp, "BYLINE_BENCH_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "NO_AT_BRIDGE", "1", TRUE);

  {
    char *byline_argv[] = { byline_exe != NULL ? byline_exe : (char *) BYLINE_EXE, (char *) post, NULL };
    char *hello_argv[] = { floor_exe != NULL ? floor_exe : (char *) HELLO_EXE, NULL };

    g_print ("bench-startup: %s %s beside %s, %d runs each (after one warm-up), ABBA order\n",
             byline_argv[0], post, hello_argv[0], runs);

    /* Warm-up: page cache, font cache, shader-free GL or cairo set-up. */
    time_first_frame (hello_argv, envp);
    time_first_frame (byline_argv, envp);

    for (int i = 0; i < runs; i++)
      {
        double hello, byline;

        /* ABBA order: neither program always runs right after the other. */
        if (i % 2 == 0)
          {
            hello = time_first_frame (hello_argv, envp);
            byline = time_first_frame (byline_argv, envp);
          }
        else
          {
            byline = time_first_frame (byline_argv, envp);
            hello = time_first_frame (hello_argv, envp);
          }

        if (hello < 0 || byline < 0)
          {
            g_test_dbus_down (bus);
            g_object_unref (bus);
            return 1;
          }
        g_print ("  run %2d: hello-window %7.1f ms   byline %7.1f ms\n", i + 1, hello, byline);
        g_array_append_val (hello_times, hello);
        g_array_append_val (byline_times, byline);
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

  g_test_dbus_down (bus);
  g_object_unref (bus);

  return 0;
}
