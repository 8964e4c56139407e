/* byline-test-files.c: files and folders for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-test"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "byline-test-files.h"

char *
byline_test_make_tmp (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (pattern, &error);

  g_assert_no_error (error);
  return dir;
}

void
byline_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  g_chmod (path, 0700);
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            byline_test_remove_tree (child);
          else
            g_unlink (child);
          g_object_unref (info);
        }
    }
  g_rmdir (path);
}

char *
byline_test_write_file (const char *dir,
                        const char *name,
                        const char *data,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

GFile *
byline_test_file_in (const char *dir,
                     const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

void
byline_test_write_elsewhere (const char *path,
                             const char *text)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                               g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) + 1,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

char *
byline_test_to_crlf (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\r\n", lines);
}

char *
byline_test_replace_once (const char *text,
                          const char *a,
                          const char *b)
{
  const char *at = strstr (text, a);
  GString *s;

  g_assert_nonnull (at);
  s = g_string_new_len (text, at - text);
  g_string_append (s, b);
  g_string_append (s, at + strlen (a));
  return g_string_free (s, FALSE);
}
