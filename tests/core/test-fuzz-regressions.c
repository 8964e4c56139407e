/* test-fuzz-regressions.c: replays every input kept in tests/data/fuzz
 * through the fuzz target, with its checks (which abort on failure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-fuzz-regressions"

#include "config.h"

#include "../fuzz/fuzz-front-matter.c"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, len), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint i;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "data", "fuzz", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strconcat ("/fuzz-regressions/", n, NULL);

      g_test_add_data_func_full (test_path, g_build_filename (dir_path, n, NULL), test_replay, g_free);
    }

  return g_test_run ();
}
