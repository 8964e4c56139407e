/* test-cli-roundtrip.c: the path byline-post takes for an edit, with no
 * edit, over the whole corpus: load (byline_post_load), split, parse, put the
 * model's front matter text back between the untouched bytes, save
 * atomically (byline_post_save). Every saved file must be byte-identical to
 * the original, and keep its permissions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-roundtrip"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "byline-front-matter.h"
#include "byline-post-io.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The corpus folder, or NULL after g_test_skip(). */
static char *
corpus_dir (void)
{
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  g_autofree char *dir = NULL;

  if (shared == NULL)
    {
      g_test_skip ("BYLINE_SHARED_DIR is not set: no corpus to round-trip");
      return NULL;
    }
  dir = g_build_filename (shared, "corpus", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf ("%s is missing: no corpus to round-trip", dir);
      g_test_skip (message);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* What byline-post writes for new front matter text @front: the original
 * bytes before and after [fm_start, fm_end), @front between them. */
static GBytes *
assemble (const char            *data,
          const BylinePostSplit *split,
          const char            *front,
          gsize                  front_len)
{
  GString *out = g_string_sized_new (split->len + front_len);

  g_string_append_len (out, data, split->fm_start);
  g_string_append_len (out, front, front_len);
  g_string_append_len (out, data + split->fm_end, split->len - split->fm_end);
  return g_string_free_to_bytes (out);
}

static void
test_corpus_round_trip (void)
{
  g_autofree char *corpus = corpus_dir ();
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint counts[4] = { 0 };
  guint i;

  if (corpus == NULL)
    return;

  dir = g_dir_open (corpus, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_strcmp0 (name, "SOURCES.tsv") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  tmp = g_dir_make_tmp ("byline-roundtrip-XXXXXX", &error);
  g_assert_no_error (error);

  for (i = 0; i < names->len; i++)
    {
      const char *post = g_ptr_array_index (names, i);
      g_autofree char *source_path = g_build_filename (corpus, post, NULL);
      g_autofree char *copy_path = g_build_filename (tmp, post, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (source_path);
      g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) assembled = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(BylineFrontMatter) fm = NULL;
      BylinePostSplit split;
      const char *data;
      gsize len = 0;
      GStatBuf st;

      original = byline_post_load (source, NULL, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (original, &len);
      byline_post_split (data, len, &split);

      g_assert_cmpuint (split.len, ==, len);
      g_assert_cmpuint (split.open_start, <=, split.fm_start);
      g_assert_cmpuint (split.fm_start, <=, split.fm_end);
      g_assert_cmpuint (split.fm_end, <=, split.body_start);
      g_assert_cmpuint (split.body_start, <=, len);
      counts[split.format]++;

      if (split.format == BYLINE_FORMAT_YAML || split.format == BYLINE_FORMAT_JSON)
        {
          const char *front;
          gsize front_len = 0;

          fm = byline_front_matter_new (split.format, data + split.fm_start,
                                        split.fm_end - split.fm_start);
          front = byline_front_matter_get_text (fm, &front_len);
          g_assert_cmpuint (front_len, ==, split.fm_end - split.fm_start);
          g_assert_true (memcmp (front, data + split.fm_start, front_len) == 0);
          assembled = assemble (data, &split, front, front_len);
        }
      else
        assembled = assemble (data, &split, data + split.fm_start, split.fm_end - split.fm_start);

      /* Save over a copy with unusual permissions, through the app's path. */
      g_file_set_contents_full (copy_path, "placeholder", -1,
                                G_FILE_SET_CONTENTS_NONE, 0640, &error);
      g_assert_no_error (error);
      g_assert_true (byline_post_save (copy, assembled, NULL, &error));
      g_assert_no_error (error);

      saved = byline_post_load (copy, NULL, &error);
      g_assert_no_error (error);
      if (!g_bytes_equal (saved, original))
        g_error ("%s: the round trip changed bytes", post);

      g_assert_cmpint (g_stat (copy_path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0640);
      g_assert_cmpint (g_unlink (copy_path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (tmp), ==, 0);
  g_test_message ("%u posts byte-identical: %u YAML, %u TOML, %u JSON, %u without front matter",
                  names->len, counts[BYLINE_FORMAT_YAML], counts[BYLINE_FORMAT_TOML],
                  counts[BYLINE_FORMAT_JSON], counts[BYLINE_FORMAT_NONE]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/round-trip/corpus", test_corpus_round_trip);

  return g_test_run ();
}
