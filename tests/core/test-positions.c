/* test-positions.c: where the cursor was in each post, kept across runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-positions"

#include "config.h"

#include "byline-positions.h"
#include "byline-test-files.h"

static char *data_dir;

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_position_store_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
store (GFile *file,
       guint  line,
       guint  column)
{
  gboolean done = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  byline_position_store_async (file, line, column, NULL, stored_cb, &done);
  while (!done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef struct
{
  gboolean done;
  gboolean found;
  guint    line;
  guint    column;
} Lookup;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->found = byline_position_lookup_finish (result, &lookup->line, &lookup->column, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static void
test_store_and_look_up (void)
{
  g_autoptr(GFile) post = g_file_new_for_path ("/no/such/site/content/posts/first post [draft] é.md");
  g_autoptr(GFile) other = g_file_new_for_path ("/no/such/site/content/posts/other.md");
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  Lookup lookup = { 0 };
  guint line = 99, column = 99;

  g_assert_false (byline_position_lookup (post, &line, &column));

  store (post, 41, 7);
  g_assert_true (byline_position_lookup (post, &line, &column));
  g_assert_cmpuint (line, ==, 41);
  g_assert_cmpuint (column, ==, 7);
  g_assert_false (byline_position_lookup (other, &line, &column));

  /* a later store replaces it */
  store (post, 3, 0);
  store (other, 12, 5);
  byline_position_lookup_async (post, NULL, looked_up_cb, &lookup);
  while (!lookup.done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (lookup.found);
  g_assert_cmpuint (lookup.line, ==, 3);
  g_assert_cmpuint (lookup.column, ==, 0);
}

static void
test_oldest_dropped (void)
{
  guint i, line, column;

  for (i = 0; i < BYLINE_POSITIONS_MAX + 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/no/such/site/post-%03u.md", i);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      store (file, i, 1);
    }
  for (i = 0; i < BYLINE_POSITIONS_MAX + 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/no/such/site/post-%03u.md", i);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (i < 5)
        g_assert_false (byline_position_lookup (file, &line, &column));
      else
        {
          g_assert_true (byline_position_lookup (file, &line, &column));
          g_assert_cmpuint (line, ==, i);
        }
    }
}

/* A damaged file is started afresh, and never stops a post opening. */
static void
test_damaged_file (void)
{
  g_autofree char *folder = g_build_filename (data_dir, "byline", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) post = g_file_new_for_path ("/no/such/post.md");
  guint line, column;

  path = byline_test_write_file (folder, "positions.ini", "[file:///no/such/post.md\nline=\xff\x01\n", -1);
  g_assert_false (byline_position_lookup (post, &line, &column));
  store (post, 8, 2);
  g_assert_true (byline_position_lookup (post, &line, &column));
  g_assert_cmpuint (line, ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* before GLib reads it */
  data_dir = byline_test_make_tmp ("byline-positions-XXXXXX");
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/positions/store-and-look-up", test_store_and_look_up);
  g_test_add_func ("/positions/oldest-dropped", test_oldest_dropped);
  g_test_add_func ("/positions/damaged-file", test_damaged_file);
  status = g_test_run ();

  byline_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
