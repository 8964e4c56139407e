/* bench-site-scan.c: generates a Hugo site of N posts (10,000 by default) in
 * a temporary folder and times byline_site_scan() over it, beside a baseline
 * measured in the same run: walking the same tree and reading every file
 * whole, with no parsing.
 *
 *   bench-site-scan [N_POSTS] [--keep]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-site-scan"

#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "byline-site.h"

#define N_RUNS 5

static const char * const words[] = {
  "gnome", "gtk", "linux", "debian", "release", "design", "rust", "c",
  "wayland", "flatpak", "hugo", "jekyll", "markdown", "yaml", "news",
  "tutorial", "community", "events", "accessibility", "performance",
};

static char *
make_post (guint i)
{
  GString *s = g_string_new ("---\n");
  GRand *rand = g_rand_new_with_seed (i);
  guint n_tags = g_rand_int_range (rand, 1, 6);

  g_string_append_printf (s, "title: \"Post number %u about %s\"\n", i,
                          words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  g_string_append_printf (s, "date: %04u-%02u-%02uT%02u:%02u:00+01:00\n",
                          2010 + i % 15, 1 + i % 12, 1 + i % 28, i % 24, i % 60);
  g_string_append_printf (s, "lastmod: \"%04u-%02u-%02u\"\n", 2020 + i % 5, 1 + i % 12, 1 + i % 28);
  g_string_append_printf (s, "draft: %s\n", i % 7 == 0 ? "true" : "false");
  g_string_append_printf (s, "weight: %u\n", i % 100);
  g_string_append (s, "# a comment\n");
  g_string_append_printf (s, "author: Author %u\n", i % 40);
  g_string_append (s, "summary: >-\n  A folded summary that runs over\n  more than one line.\n");
  g_string_append (s, "tags:\n");
  for (guint t = 0; t < n_tags; t++)
    g_string_append_printf (s, "  - %s\n", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  g_string_append_printf (s, "categories: [%s, %s]\n",
                          words[i % G_N_ELEMENTS (words)], words[(i / 3) % G_N_ELEMENTS (words)]);
  g_string_append (s, "params:\n  toc: true\n  series: \"Series\"\n");
  g_string_append (s, "menu:\n  main:\n    weight: 10\n");
  g_string_append (s, "---\n\n");
  for (guint p = 0; p < 12; p++)
    g_string_append (s, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
                        "eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim "
                        "ad minim veniam, quis nostrud exercitation ullamco laboris.\n\n");

  g_rand_free (rand);
  return g_string_free (s, FALSE);
}

static void
generate_site (const char *root,
               guint       n_posts,
               gsize      *total_bytes)
{
  g_autofree char *config = g_build_filename (root, "hugo.toml", NULL);

  g_file_set_contents (config, "baseURL = 'https://example.org/'\n", -1, NULL);
  *total_bytes = 0;

  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/content/posts/%04u/%02u",
                                              root, 2010 + i % 15, 1 + (i / 15) % 12);
      g_autofree char *path = g_strdup_printf ("%s/post-%05u.md", dir, i);
      g_autofree char *text = make_post (i);
      g_autoptr(GError) error = NULL;

      g_mkdir_with_parents (dir, 0755);
      if (!g_file_set_contents (path, text, -1, &error))
        g_error ("%s", error->message);
      *total_bytes += strlen (text);
    }
}

/* The baseline: the same walk, reading each file whole, no parsing. */
static guint
read_tree (const char *path,
           gsize      *bytes)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += read_tree (child, bytes);
      else if (g_str_has_suffix (name, ".md"))
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (g_file_get_contents (child, &contents, &len, NULL))
            {
              *bytes += len;
              n++;
            }
        }
    }

  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autofree char *first_post = NULL;
  g_autoptr(GFile) post = NULL;
  g_autoptr(GError) error = NULL;
  double scan_ms[N_RUNS], base_ms[N_RUNS];
  guint n_posts = 10000;
  gboolean keep = FALSE;
  gsize total_bytes = 0;
  gint64 t0;
  guint n_seen = 0;
  size_t heap_before, heap_kept = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else
        n_posts = (guint) g_ascii_strtoull (argv[i], NULL, 10);
    }

  root = g_dir_make_tmp ("byline-bench-site-XXXXXX", &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  generate_site (root, n_posts, &total_bytes);
  g_print ("generated %u posts (%.1f MB) in %s in %.0f ms\n", n_posts,
           total_bytes / 1e6, root, (g_get_monotonic_time () - t0) / 1e3);

  first_post = g_strdup_printf ("%s/content/posts/2010/01/post-00000.md", root);
  post = g_file_new_for_path (first_post);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(BylineSiteIndex) index = NULL;
      g_autofree char *content = g_build_filename (root, "content", NULL);
      gsize bytes = 0;

      t0 = g_get_monotonic_time ();
      n_seen = read_tree (content, &bytes);
      base_ms[run] = (g_get_monotonic_time () - t0) / 1e3;

      heap_before = mallinfo2 ().uordblks;
      t0 = g_get_monotonic_time ();
      index = byline_site_scan (post, NULL, &error);
      scan_ms[run] = (g_get_monotonic_time () - t0) / 1e3;
      g_assert_no_error (error);
      /* The post list: what the index keeps on the heap */
      heap_kept = mallinfo2 ().uordblks - heap_before;

      if (run == 0)
        {
          g_auto(GStrv) keys = byline_site_index_dup_keys (index);
          g_auto(GStrv) tags = byline_site_index_dup_values (index, "tags", 5);
          g_autofree char *keys_str = g_strjoinv (", ", keys);
          g_autofree char *tags_str = g_strjoinv (", ", tags);

          g_print ("scan found %u files, %u posts; keys: %s\n",
                   byline_site_index_get_n_files (index),
                   byline_site_index_get_n_posts (index), keys_str);
          g_print ("top tags: %s\n", tags_str);
          if (byline_site_index_get_n_posts (index) != n_posts || n_seen != n_posts)
            g_error ("expected %u posts", n_posts);
        }
    }

  qsort (scan_ms, N_RUNS, sizeof (double), compare_doubles);
  qsort (base_ms, N_RUNS, sizeof (double), compare_doubles);

  g_print ("\n%-34s %10s %10s %12s\n", "", "median ms", "min ms", "us per post");
  g_print ("%-34s %10.1f %10.1f %12.1f\n", "baseline: walk + read whole files",
           base_ms[N_RUNS / 2], base_ms[0], base_ms[N_RUNS / 2] * 1e3 / n_posts);
  g_print ("%-34s %10.1f %10.1f %12.1f\n", "byline_site_scan",
           scan_ms[N_RUNS / 2], scan_ms[0], scan_ms[N_RUNS / 2] * 1e3 / n_posts);
  g_print ("index kept on the heap (last run): %.2f MB, %.0f bytes per post\n",
           heap_kept / 1e6, (double) heap_kept / MAX (n_posts, 1));
  g_print ("target: %u posts in < 2000 ms: %s\n", n_posts,
           scan_ms[N_RUNS / 2] < 2000.0 ? "met" : "NOT met");

  if (keep)
    g_print ("kept %s\n", root);
  else
    remove_tree (root);

  return 0;
}
