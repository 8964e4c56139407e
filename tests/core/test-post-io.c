/* test-post-io.c: reading and saving posts: a save over a file another
 * program changed since it was read writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-post-io"

#include "config.h"

#include <glib/gstdio.h>

#include "byline-post-io.h"
#include "byline-drafts.h"
#include "byline-test-files.h"

typedef struct
{
  GBytes *bytes;
  char   *etag;
  GError *error;
  gboolean done;
} Loaded;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->bytes = byline_post_load_finish_with_etag (G_FILE (object), result,
                                                     &loaded->etag, &loaded->error);
  loaded->done = TRUE;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static void
test_save_checks_etag (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-test-post-io-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "post.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) mine = g_bytes_new_static ("---\ntitle: Mine\n---\n", 20);
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  Loaded loaded = { 0 };
  gboolean ok;

  g_assert_no_error (error);
  g_file_set_contents (path, "---\ntitle: First\n---\n", -1, &error);
  g_assert_no_error (error);

  byline_post_load_async (file, NULL, loaded_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.bytes);
  g_assert_nonnull (loaded.etag);

  /* Unchanged on disk: saved, with the new tag. */
  ok = byline_post_save_with_etag (file, mine, loaded.etag, &etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (etag);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "---\ntitle: Mine\n---\n");

  /* Changed by another program: nothing is written. */
  byline_test_write_elsewhere (path, "---\ntitle: Theirs\n---\n");
  ok = byline_post_save_with_etag (file, mine, etag, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_false (ok);
  g_clear_error (&error);
  g_free (text);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "---\ntitle: Theirs\n---\n");

  /* Without a tag, or asked to: saved. */
  ok = byline_post_save_with_etag (file, mine, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_free (text);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "---\ntitle: Mine\n---\n");

  g_bytes_unref (loaded.bytes);
  g_free (loaded.etag);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_draft_save_finish (result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

static void
draft_deleted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  guint *pending = user_data;

  g_assert_true (byline_draft_delete_finish (result, NULL));
  (*pending)--;
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->bytes = byline_draft_load_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static GBytes *
load_draft (GFile *file)
{
  Loaded loaded = { 0 };

  byline_draft_load_async (file, NULL, draft_loaded_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (loaded.error);

  return loaded.bytes;
}

/* A draft is kept beside the user's data, read back whole, and a delete
 * asked for after a write wins whatever order the threads run in. */
static void
test_drafts (void)
{
  g_autoptr(GFile) post = g_file_new_for_path ("/nonexistent/folder/post.md");
  g_autoptr(GFile) draft = byline_draft_get_file (post);
  g_autoptr(GBytes) contents = g_bytes_new_static ("---\ntitle: Draft\n---\nbody\n", 25);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *data_dir = g_file_get_path (draft);
  guint pending = 0;

  g_assert_true (g_str_has_prefix (data_dir, g_get_user_data_dir ()));
  g_assert_null (load_draft (post));

  pending++;
  byline_draft_save_async (post, contents, NULL, draft_saved_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  read = load_draft (post);
  g_assert_nonnull (read);
  g_assert_true (g_bytes_equal (read, contents));

  /* Many writes, then a delete: no draft in the end. */
  for (guint i = 0; i < 20; i++)
    {
      pending++;
      byline_draft_save_async (post, contents, NULL, draft_saved_cb, &pending);
    }
  pending++;
  byline_draft_delete_async (post, NULL, draft_deleted_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_file_query_exists (draft, NULL));
}

static void
found_untitled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray **found = user_data;
  g_autoptr(GError) error = NULL;

  *found = byline_drafts_find_untitled_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*found);
}

static GPtrArray *
find_untitled (void)
{
  GPtrArray *found = NULL;

  byline_drafts_find_untitled_async (NULL, found_untitled_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  return found;
}

static gboolean
keys_contain (GPtrArray *keys,
              GFile     *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_file_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

/* A new post's draft, under a key that stands for the file it doesn't
 * have yet, is found again (as after a crash) until it is deleted. */
static void
test_untitled_drafts (void)
{
  g_autoptr(GFile) key = byline_draft_new_untitled_key ();
  g_autoptr(GFile) other = byline_draft_new_untitled_key ();
  g_autoptr(GFile) draft = byline_draft_get_file (key);
  g_autoptr(GFile) folder = g_file_get_parent (draft);
  static const char text[] = "---\ntitle: New\n---\nunsaved\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) before = find_untitled ();
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autofree char *name = g_file_get_basename (folder);
  guint pending = 0;

  g_assert_false (g_file_equal (key, other));
  g_assert_cmpstr (name, ==, "untitled");
  g_assert_false (keys_contain (before, key));

  pending++;
  byline_draft_save_async (key, contents, NULL, draft_saved_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_query_exists (draft, NULL));

  after = find_untitled ();
  g_assert_true (keys_contain (after, key));
  g_assert_false (keys_contain (after, other));
  for (guint i = 0; i < after->len; i++)
    if (g_file_equal (g_ptr_array_index (after, i), key))
      read = load_draft (g_ptr_array_index (after, i));
  g_assert_nonnull (read);
  g_assert_true (g_bytes_equal (read, contents));

  pending++;
  byline_draft_delete_async (key, NULL, draft_deleted_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  gone = find_untitled ();
  g_assert_false (keys_contain (gone, key));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/post-io/save-checks-etag", test_save_checks_etag);
  g_test_add_func ("/post-io/drafts", test_drafts);
  g_test_add_func ("/post-io/untitled-drafts", test_untitled_drafts);

  return g_test_run ();
}
