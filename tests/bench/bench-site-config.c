/* bench-site-config.c: the time to get a site's configuration from the
 * cache, beside a fresh load of the same site in the same run (the
 * baseline: what every caller paid before the cache). The site is a Hugo
 * site whose configuration is split over config/_default/ (hugo.toml with
 * params and menus, languages.toml, module.toml) and a theme with a
 * component, generated in a temporary folder.
 *
 * Three cached figures: a lookup while the files are younger than the
 * racy margin (their bytes are compared), one once they are older (stat()
 * alone; the usual case), and byline_site_config_new_for_post() (which
 * also walks up to the site root) beside its uncached equivalent.
 *
 *   bench-site-config [N_LOOKUPS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-site-config"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "byline-site.h"
#include "byline-site-config.h"
#include "byline-site-config-private.h"

#define N_RUNS 5

static void
write_file (const char *site,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (site, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("%s", error->message);
}

static char *
make_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) hugo = g_string_new (NULL);
  char *site = g_dir_make_tmp ("byline-bench-site-config-XXXXXX", &error);

  if (site == NULL)
    g_error ("%s", error->message);

  g_string_append (hugo,
                   "baseURL = \"https://example.org/\"\n"
                   "title = \"A site with a split configuration\"\n"
                   "theme = \"tailwind\"\n"
                   "defaultContentLanguage = \"en\"\n"
                   "enableRobotsTXT = true\n"
                   "paginate = 10\n\n"
                   "[params]\n"
                   "  description = \"Benchmarks\"\n"
                   "  author = \"Byline\"\n"
                   "  mainSections = [\"posts\", \"notes\"]\n");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (hugo, "  param%u = \"value %u\"\n", i, i);
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (hugo,
                            "\n[[menus.main]]\n  name = \"Item %u\"\n  url = \"/item-%u/\"\n  weight = %u\n",
                            i, i, i);
  g_string_append (hugo, "\n[markup.goldmark.renderer]\n  unsafe = true\n"
                         "[markup.highlight]\n  style = \"monokai\"\n  lineNos = false\n");
  write_file (site, "config/_default/hugo.toml", hugo->str);
  write_file (site, "config/_default/languages.toml",
              "[en]\n  languageName = \"English\"\n  contentDir = \"content/en\"\n  weight = 1\n"
              "[de]\n  languageName = \"Deutsch\"\n  contentDir = \"content/de\"\n  weight = 2\n"
              "[fr]\n  languageName = \"Français\"\n  contentDir = \"content/fr\"\n  weight = 3\n");
  write_file (site, "config/_default/params.toml", "[social]\n  mastodon = \"@byline\"\n");
  write_file (site, "config/_default/menus.toml", "[[main]]\n  name = \"Home\"\n  url = \"/\"\n");
  write_file (site, "config/production/hugo.toml", "baseURL = \"https://example.org/\"\n");
  write_file (site, "themes/tailwind/hugo.toml", "theme = [\"shortcodes\"]\n[params]\n  dark = true\n");
  write_file (site, "themes/shortcodes/config.toml", "[module]\n  [module.hugoVersion]\n    min = \"0.110.0\"\n");
  write_file (site, "content/en/posts/hello.md", "---\ntitle: Hello\n---\n\nHello.\n");

  return site;
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

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_remove (child);
      }
  g_rmdir (path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef enum {
  FRESH,
  CACHED,
  FRESH_FOR_POST,
  CACHED_FOR_POST,
} Mode;

/* The median over N_RUNS of the mean time of one call, in microseconds. */
static double
measure (Mode   mode,
         GFile *root,
         GFile *post,
         guint  n)
{
  double runs[N_RUNS];

  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < n; i++)
        {
          BylineSiteConfig *config = NULL;

          switch (mode)
            {
            case FRESH:
              config = byline_site_config_new_uncached (root, NULL);
              break;
            case CACHED:
              config = byline_site_config_new (root, NULL);
              break;
            case FRESH_FOR_POST:
              {
                g_autoptr(GFile) found = byline_site_find_root (post, NULL, NULL);

                config = byline_site_config_new_uncached (found, NULL);
              }
              break;
            case CACHED_FOR_POST:
            default:
              config = byline_site_config_new_for_post (post, NULL);
              break;
            }
          byline_site_config_unref (config);
        }
      runs[r] = (double) (g_get_monotonic_time () - start) / n;
    }
  qsort (runs, N_RUNS, sizeof runs[0], compare_doubles);

  return runs[N_RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  g_autofree char *site = make_site ();
  g_autoptr(GFile) root = g_file_new_for_path (site);
  g_autofree char *post_path = g_build_filename (site, "content", "en", "posts", "hello.md", NULL);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  gint64 written = g_get_real_time ();
  double fresh, racy, racy_reads, settled, fresh_post, cached_post;
  guint loads, reads, n_racy;

  if (n == 0)
    n = 2000;

  /* check what is measured */
  {
    g_autoptr(BylineSiteConfig) config = byline_site_config_new_uncached (root, NULL);
    guint n_content = 0, n_themes = 0;

    while (byline_site_config_get_content_dirs (config)[n_content] != NULL)
      n_content++;
    while (byline_site_config_get_theme_dirs (config)[n_themes] != NULL)
      n_themes++;
    if (byline_site_config_get_kind (config) != BYLINE_SITE_KIND_HUGO || n_content != 4 || n_themes != 2)
      g_error ("The generated site is not read as expected (%u content folders, %u themes)",
               n_content, n_themes);
  }

  g_print ("Hugo site with config/_default/ (hugo.toml %s, languages.toml, a theme and its component)\n",
           "with params and menus");
  g_print ("%u calls per run (at most 1000 for the racy lookups), median of %u runs\n\n", n, N_RUNS);

  /* files younger than the racy margin: bytes compared on each lookup
   * (first, while they are) */
  byline_site_config_cache_clear ();
  byline_site_config_unref (byline_site_config_new (root, NULL));
  reads = byline_site_config_get_read_count ();
  n_racy = MIN (n, 1000);   /* all of it within the 2 s margin */
  racy = measure (CACHED, root, post, n_racy);
  if (g_get_real_time () - written > 2 * G_USEC_PER_SEC)
    g_print ("(note: the racy run ended after the files settled: its figure mixes both)\n");
  racy_reads = (double) (byline_site_config_get_read_count () - reads) / (N_RUNS * n_racy);

  fresh = measure (FRESH, root, post, n);

  /* wait until the files are older than the margin (2 s), if the fresh
   * loads took less */
  while (g_get_real_time () - written < 2 * G_USEC_PER_SEC + 200000)
    g_usleep (50000);
  byline_site_config_cache_clear ();
  byline_site_config_unref (byline_site_config_new (root, NULL));
  loads = byline_site_config_get_load_count ();
  reads = byline_site_config_get_read_count ();
  settled = measure (CACHED, root, post, n);
  if (byline_site_config_get_load_count () != loads || byline_site_config_get_read_count () != reads)
    g_error ("Settled lookups read the files");

  fresh_post = measure (FRESH_FOR_POST, root, post, n);
  cached_post = measure (CACHED_FOR_POST, root, post, n);

  g_print ("\n  %-44s %9.2f us   (baseline)\n", "fresh load (parse every file)", fresh);
  g_print ("  %-44s %9.2f us   %6.1fx faster   (%.1f files read per lookup)\n",
           "cached, files < 2 s old (stat + compare bytes)", racy, fresh / racy, racy_reads);
  g_print ("  %-44s %9.2f us   %6.1fx faster\n", "cached, settled (stat only)", settled, fresh / settled);
  g_print ("  %-44s %9.2f us   (baseline)\n", "find root + fresh load (for a post)", fresh_post);
  g_print ("  %-44s %9.2f us   %6.1fx faster\n", "byline_site_config_new_for_post, cached", cached_post,
           fresh_post / cached_post);

  remove_tree (site);

  return 0;
}
