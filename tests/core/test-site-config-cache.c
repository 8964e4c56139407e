/* test-site-config-cache.c: a site's configuration is read once and shared
 * by every caller, and never served stale: a configuration file changed
 * (even to the same size within the same second), added beside another
 * (hugo.toml beside config.toml), or deleted gives a fresh read; so do
 * config/_default/'s files, module mounts and themes. Many threads asking
 * at once get one consistent answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-site-config-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-site-config.h"
#include "byline-site-config-private.h"
#include "byline-test-files.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum {
  WRITE_IN_PLACE,        /* the same inode, truncated and written */
  WRITE_RENAME,          /* a new file renamed over it, as editors save */
  WRITE_SAME_STAMP,      /* in place, then its mtime set back to what it was */
} WriteHow;

/* Writes @text to @path keeping its inode (open with O_TRUNC). */
static void
write_in_place (const char *path,
                const char *text)
{
  gsize len = strlen (text);
  int fd = g_open (path, O_WRONLY | O_TRUNC | O_CREAT, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, len), ==, (gssize) len);
  g_assert_no_errno (close (fd));
}

static void
write_how (const char *path,
           const char *text,
           WriteHow    how)
{
  g_autoptr(GError) error = NULL;
  struct stat before;

  switch (how)
    {
    case WRITE_IN_PLACE:
      write_in_place (path, text);
      break;

    case WRITE_RENAME:
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      break;

    case WRITE_SAME_STAMP:
    default:
      {
        struct timespec times[2];

        g_assert_no_errno (stat (path, &before));
        write_in_place (path, text);
        times[0] = before.st_atim;
        times[1] = before.st_mtim;
        g_assert_no_errno (utimensat (AT_FDCWD, path, times, 0));
      }
      break;
    }
}

static GFile *
root_of (const char *site)
{
  return g_file_new_for_path (site);
}

static BylineSiteConfig *
load (const char *site)
{
  g_autoptr(GFile) root = root_of (site);

  return byline_site_config_new (root, NULL);
}

/* @files (NULL-terminated) relative to @site, joined with ",". */
static char *
join_files (const char    *site,
            GFile * const *files)
{
  g_autoptr(GFile) root = root_of (site);
  GString *s = g_string_new (NULL);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *rel = g_file_get_relative_path (root, files[i]);

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, rel != NULL ? rel : (g_file_equal (root, files[i]) ? "." : "?"));
    }

  return g_string_free (s, FALSE);
}

static char *
content_of (const char       *site,
            BylineSiteConfig *config)
{
  return join_files (site, byline_site_config_get_content_dirs (config));
}

/* The configuration of @site, checked to have the content folders
 * @content ("a,b"); full reference. */
static BylineSiteConfig *
load_expecting (const char *site,
                const char *content)
{
  BylineSiteConfig *config = load (site);
  g_autofree char *got = content_of (site, config);

  g_assert_cmpstr (got, ==, content);
  return config;
}

static char *
write_site_file (const char *site,
                 const char *name,
                 const char *text)
{
  return byline_test_write_file (site, name, text, -1);
}

static void
remove_site_file (const char *site,
                  const char *name)
{
  g_autofree char *path = g_build_filename (site, name, NULL);

  g_assert_no_errno (g_remove (path));
}

/* ------------------------------------------------------------------------ */
/* Sharing                                                                   */
/* ------------------------------------------------------------------------ */

/* A Hugo site whose configuration is split over config/_default/ (hugo,
 * languages, module) and a theme: every file is read, so the cache has
 * something to share. */
static char *
make_split_site (void)
{
  char *site = byline_test_make_tmp ("byline-test-config-cache");

  g_free (write_site_file (site, "config/_default/hugo.toml",
                           "title = \"Split\"\ntheme = \"plain\"\nstaticDir = \"assets\"\n"));
  g_free (write_site_file (site, "config/_default/languages.toml",
                           "[en]\ncontentDir = \"content/en\"\n[de]\ncontentDir = \"content/de\"\n"));
  g_free (write_site_file (site, "themes/plain/hugo.toml", "theme = \"base\"\n"));
  g_free (write_site_file (site, "content/en/posts/a.md", "---\ntitle: A\n---\n"));
  return site;
}

static void
test_shared (void)
{
  g_autofree char *site = make_split_site ();
  g_autoptr(GFile) root = root_of (site);
  g_autoptr(GFile) post = byline_test_file_in (site, "content/en/posts/a.md");
  g_autoptr(BylineSiteConfig) first = NULL;
  g_autoptr(BylineSiteConfig) second = NULL;
  g_autoptr(BylineSiteConfig) for_post = NULL;
  g_autoptr(BylineSiteConfig) uncached = NULL;
  g_autoptr(BylineSiteConfig) settled = NULL;
  g_autofree char *themes = NULL;
  guint loads, reads, reads_per_load;

  loads = byline_site_config_get_load_count ();
  reads = byline_site_config_get_read_count ();
  first = load_expecting (site, "content,content/en,content/de");
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 1);
  /* hugo.toml, languages.toml, the theme's hugo.toml */
  reads_per_load = byline_site_config_get_read_count () - reads;
  g_assert_cmpuint (reads_per_load, ==, 3);
  themes = join_files (site, byline_site_config_get_theme_dirs (first));
  g_assert_cmpstr (themes, ==, "themes/plain,themes/base");

  /* the same object, not read or parsed again: the files were written
   * just now, so their bytes are compared (see byline-site-config.c), but
   * nothing is parsed */
  second = load (site);
  for_post = byline_site_config_new_for_post (post, NULL);
  g_assert_true (second == first);
  g_assert_true (for_post == first);
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 1);

  /* an uncached load reads again and gives an equal configuration */
  uncached = byline_site_config_new_uncached (root, NULL);
  g_assert_true (uncached != first);
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 2);
  {
    g_autofree char *a = content_of (site, uncached);
    g_autofree char *b = join_files (site, byline_site_config_get_static_dirs (uncached));
    g_autofree char *c = join_files (site, byline_site_config_get_static_dirs (first));

    g_assert_cmpstr (a, ==, "content,content/en,content/de");
    g_assert_cmpstr (b, ==, c);
  }

  /* files older than the racy margin are trusted on stat() alone: no
   * file is read again (a margin of -1 h makes files written now count as
   * old) */
  {
    gint64 old_margin = byline_site_config_cache_set_racy_margin (G_GINT64_CONSTANT (-3600) * G_USEC_PER_SEC);

    byline_site_config_cache_clear ();
    loads = byline_site_config_get_load_count ();
    reads = byline_site_config_get_read_count ();
    settled = load (site);
    g_assert_cmpuint (byline_site_config_get_read_count (), ==, reads + reads_per_load);
    for (guint i = 0; i < 10; i++)
      {
        g_autoptr(BylineSiteConfig) again = load (site);

        g_assert_true (again == settled);
      }
    g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 1);
    g_assert_cmpuint (byline_site_config_get_read_count (), ==, reads + reads_per_load);
    byline_site_config_cache_set_racy_margin (old_margin);
  }

  byline_test_remove_tree (site);
}

/* A racy entry (files just written) settles: once a lookup that began
 * after the margin finds the bytes unchanged, later lookups read nothing. */
static void
test_settles (void)
{
  g_autofree char *site = make_split_site ();
  g_autoptr(BylineSiteConfig) first = NULL;
  gint64 old_margin = byline_site_config_cache_set_racy_margin (0);
  guint reads;

  /* a margin of 0: racy only while a file's timestamp is later than the
   * load's start (it can't be here), so the first lookup settles it */
  first = load (site);
  reads = byline_site_config_get_read_count ();
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(BylineSiteConfig) again = load (site);

      g_assert_true (again == first);
    }
  g_assert_cmpuint (byline_site_config_get_read_count (), ==, reads);

  byline_site_config_cache_set_racy_margin (old_margin);
  byline_test_remove_tree (site);
}

/* ------------------------------------------------------------------------ */
/* Changes on disk                                                           */
/* ------------------------------------------------------------------------ */

/* The same file rewritten again and again with bytes of the same length,
 * as fast as the test runs (many times within one tick of the clock):
 * each lookup gives what the file says now. */
static void
test_same_size (gconstpointer data)
{
  static const WriteHow hows[] = { WRITE_IN_PLACE, WRITE_RENAME, WRITE_SAME_STAMP };
  guint granularity_ms = GPOINTER_TO_UINT (data);

  /* On a file system keeping whole seconds (simulated), an in-place
   * rewrite within the second changes nothing stat() sees: only the
   * comparison of bytes of recently changed files can tell. */
  byline_site_config_cache_set_timestamp_granularity (granularity_ms);
  for (guint h = 0; h < G_N_ELEMENTS (hows); h++)
    {
      g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
      g_autofree char *path = write_site_file (site, "hugo.toml", "contentDir = \"posts-00\"\n");
      g_autoptr(BylineSiteConfig) previous = load_expecting (site, "posts-00");

      g_test_message ("write %u", h);
      for (guint i = 1; i <= 40; i++)
        {
          g_autofree char *text = g_strdup_printf ("contentDir = \"posts-%02u\"\n", i);
          g_autofree char *expected = g_strdup_printf ("posts-%02u", i);
          BylineSiteConfig *config;

          write_how (path, text, hows[h]);
          config = load_expecting (site, expected);
          g_assert_true (config != previous);
          g_clear_pointer (&previous, byline_site_config_unref);
          previous = config;

          /* unchanged since: the same object */
          {
            g_autoptr(BylineSiteConfig) again = load (site);

            g_assert_true (again == config);
          }
        }
      byline_test_remove_tree (site);
    }
  byline_site_config_cache_set_timestamp_granularity (0);
}

/* A file that takes precedence appearing beside the one read. */
static void
test_appear (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autoptr(BylineSiteConfig) a = NULL;
  g_autoptr(BylineSiteConfig) b = NULL;
  g_autoptr(BylineSiteConfig) c = NULL;
  g_autoptr(BylineSiteConfig) d = NULL;
  g_autoptr(BylineSiteConfig) e = NULL;
  g_autofree char *files = NULL;
  g_autofree char *statics = NULL;

  /* Jekyll, then Hugo */
  g_free (write_site_file (site, "_config.yml", "source: src\n"));
  a = load_expecting (site, "src");
  g_assert_cmpint (byline_site_config_get_kind (a), ==, BYLINE_SITE_KIND_JEKYLL);

  g_free (write_site_file (site, "config.toml", "contentDir = \"from-config\"\n"));
  b = load_expecting (site, "from-config");
  g_assert_cmpint (byline_site_config_get_kind (b), ==, BYLINE_SITE_KIND_HUGO);

  /* hugo.toml beside config.toml wins */
  g_free (write_site_file (site, "hugo.toml", "contentDir = \"from-hugo\"\n"));
  c = load_expecting (site, "from-hugo");
  files = join_files (site, byline_site_config_get_files (c));
  g_assert_cmpstr (files, ==, "hugo.toml");

  /* config/_default/ appearing: its keys join (the root's win) */
  g_free (write_site_file (site, "config/_default/hugo.toml",
                           "contentDir = \"ignored\"\nstaticDir = \"public-files\"\n"));
  d = load_expecting (site, "from-hugo");
  statics = join_files (site, byline_site_config_get_static_dirs (d));
  g_assert_cmpstr (statics, ==, "public-files");

  /* a theme's configuration appearing names another theme */
  g_free (write_site_file (site, "hugo.toml", "contentDir = \"from-hugo\"\ntheme = \"one\"\n"));
  g_clear_pointer (&d, byline_site_config_unref);
  d = load_expecting (site, "from-hugo");
  g_clear_pointer (&files, g_free);
  files = join_files (site, byline_site_config_get_theme_dirs (d));
  g_assert_cmpstr (files, ==, "themes/one");
  g_free (write_site_file (site, "themes/one/config.yaml", "theme: two\n"));
  e = load_expecting (site, "from-hugo");
  g_clear_pointer (&files, g_free);
  files = join_files (site, byline_site_config_get_theme_dirs (e));
  g_assert_cmpstr (files, ==, "themes/one,themes/two");

  byline_test_remove_tree (site);
}

/* Files deleted: the next in Hugo's order, then none. */
static void
test_disappear (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autoptr(BylineSiteConfig) a = NULL;
  g_autoptr(BylineSiteConfig) b = NULL;
  g_autoptr(BylineSiteConfig) c = NULL;
  g_autoptr(BylineSiteConfig) d = NULL;

  g_free (write_site_file (site, "hugo.yaml", "contentDir: from-hugo\n"));
  g_free (write_site_file (site, "config.json", "{\"contentDir\": \"from-config\"}"));
  g_free (write_site_file (site, "_config.yml", "source: jekyll-src\n"));
  a = load_expecting (site, "from-hugo");

  remove_site_file (site, "hugo.yaml");
  b = load_expecting (site, "from-config");

  remove_site_file (site, "config.json");
  c = load_expecting (site, "jekyll-src");
  g_assert_cmpint (byline_site_config_get_kind (c), ==, BYLINE_SITE_KIND_JEKYLL);

  remove_site_file (site, "_config.yml");
  d = load_expecting (site, ".");
  g_assert_cmpint (byline_site_config_get_kind (d), ==, BYLINE_SITE_KIND_NONE);

  byline_test_remove_tree (site);
}

/* config/_default/'s own key files (languages, module) and module mounts,
 * at the root and in config/_default/. */
static void
test_default_dir (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  BylineSiteConfig *config;

  g_free (write_site_file (site, "config/_default/hugo.toml", "title = \"T\"\n"));
  config = load_expecting (site, "content");
  byline_site_config_unref (config);

  g_free (write_site_file (site, "config/_default/languages.yaml",
                           "en:\n  contentDir: content/en\n"));
  config = load_expecting (site, "content,content/en");
  byline_site_config_unref (config);

  g_free (write_site_file (site, "config/_default/languages.yaml",
                           "en:\n  contentDir: content/en\nfr:\n  contentDir: content/fr\n"));
  config = load_expecting (site, "content,content/en,content/fr");
  byline_site_config_unref (config);

  /* a languages.toml before languages.yaml in Hugo's order */
  g_free (write_site_file (site, "config/_default/languages.toml",
                           "[de]\ncontentDir = \"content/de\"\n"));
  config = load_expecting (site, "content,content/de");
  byline_site_config_unref (config);

  /* module.toml's mounts replace contentDir */
  g_free (write_site_file (site, "config/_default/module.toml",
                           "[[mounts]]\nsource = \"notes\"\ntarget = \"content\"\n"));
  config = load_expecting (site, "notes");
  byline_site_config_unref (config);

  g_free (write_site_file (site, "config/_default/module.toml",
                           "[[mounts]]\nsource = \"notes\"\ntarget = \"content\"\n"
                           "[[mounts]]\nsource = \"blog\"\ntarget = \"content/blog\"\n"));
  config = load_expecting (site, "notes,blog");
  byline_site_config_unref (config);

  /* the root's [[module.mounts]] win over module.toml */
  g_free (write_site_file (site, "hugo.toml",
                           "[[module.mounts]]\nsource = \"docs\"\ntarget = \"content\"\n"));
  config = load_expecting (site, "docs");
  byline_site_config_unref (config);

  remove_site_file (site, "hugo.toml");
  config = load_expecting (site, "notes,blog");
  byline_site_config_unref (config);

  remove_site_file (site, "config/_default/module.toml");
  remove_site_file (site, "config/_default/languages.toml");
  config = load_expecting (site, "content,content/en,content/fr");
  byline_site_config_unref (config);

  byline_test_remove_tree (site);
}

/* A folder named hugo.toml is not a configuration; a file that replaces
 * it is. */
static void
test_file_type (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autofree char *dir = g_build_filename (site, "hugo.toml", NULL);
  BylineSiteConfig *config;

  g_assert_no_errno (g_mkdir (dir, 0755));
  g_free (write_site_file (site, "config.toml", "contentDir = \"from-config\"\n"));
  config = load_expecting (site, "from-config");
  byline_site_config_unref (config);

  g_assert_no_errno (g_rmdir (dir));
  g_free (write_site_file (site, "hugo.toml", "contentDir = \"from-hugo\"\n"));
  config = load_expecting (site, "from-hugo");
  byline_site_config_unref (config);

  byline_test_remove_tree (site);
}

/* A configuration that can't be read (no permission) and then can. */
static void
test_unreadable (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autofree char *path = write_site_file (site, "hugo.toml", "contentDir = \"posts\"\n");
  g_autoptr(BylineSiteConfig) readable = NULL;
  g_autoptr(BylineSiteConfig) unreadable = NULL;
  g_autoptr(BylineSiteConfig) again = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads files without permission");
      byline_test_remove_tree (site);
      return;
    }

  readable = load_expecting (site, "posts");
  g_assert_no_errno (g_chmod (path, 0));
  unreadable = load_expecting (site, "content");
  g_assert_nonnull (byline_site_config_get_error (unreadable));
  g_assert_no_errno (g_chmod (path, 0644));
  again = load_expecting (site, "posts");
  g_assert_null (byline_site_config_get_error (again));

  byline_test_remove_tree (site);
}

/* ------------------------------------------------------------------------ */
/* Bounds                                                                    */
/* ------------------------------------------------------------------------ */

/* Only the last 8 sites are kept. */
static void
test_lru (void)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_free);
  guint loads;

  byline_site_config_cache_clear ();
  for (guint i = 0; i < 10; i++)
    {
      char *site = byline_test_make_tmp ("byline-test-config-cache");
      g_autofree char *text = g_strdup_printf ("contentDir = \"site-%u\"\n", i);
      g_autofree char *expected = g_strdup_printf ("site-%u", i);

      g_free (write_site_file (site, "hugo.toml", text));
      g_ptr_array_add (sites, site);
      byline_site_config_unref (load_expecting (site, expected));
      g_assert_cmpuint (byline_site_config_cache_get_size (), ==, MIN (i + 1, 8));
    }

  /* the two first were dropped; the newest is there; site 2, looked at
   * now, is kept over site 3 */
  loads = byline_site_config_get_load_count ();
  byline_site_config_unref (load_expecting (g_ptr_array_index (sites, 9), "site-9"));
  byline_site_config_unref (load_expecting (g_ptr_array_index (sites, 2), "site-2"));
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads);
  byline_site_config_unref (load_expecting (g_ptr_array_index (sites, 0), "site-0"));
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 1);
  byline_site_config_unref (load_expecting (g_ptr_array_index (sites, 2), "site-2"));
  byline_site_config_unref (load_expecting (g_ptr_array_index (sites, 3), "site-3"));
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 2);
  g_assert_cmpuint (byline_site_config_cache_get_size (), ==, 8);

  for (guint i = 0; i < sites->len; i++)
    byline_test_remove_tree (g_ptr_array_index (sites, i));
}

/* A load whose cancellable was cancelled may have stopped short: it is
 * not cached. */
static void
test_cancelled (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autoptr(GFile) root = root_of (site);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylineSiteConfig) cancelled = NULL;
  g_autoptr(BylineSiteConfig) config = NULL;
  g_autoptr(BylineSiteConfig) again = NULL;
  guint loads;

  g_free (write_site_file (site, "hugo.toml", "contentDir = \"posts\"\n"));
  g_cancellable_cancel (cancellable);
  loads = byline_site_config_get_load_count ();
  cancelled = byline_site_config_new (root, cancellable);
  g_assert_nonnull (cancelled);
  config = load_expecting (site, "posts");
  again = load (site);
  g_assert_true (again == config);
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 2);

  byline_test_remove_tree (site);
}

/* ------------------------------------------------------------------------ */
/* Threads                                                                   */
/* ------------------------------------------------------------------------ */

#define N_THREAD_SITES 12

typedef struct
{
  char             *sites[N_THREAD_SITES];
  guint             n_sites;        /* how many of them the tasks use */
  GMutex            lock;
  BylineSiteConfig *seen[N_THREAD_SITES];   /* the first answer for each site */
  gint              wrong;          /* answers with the wrong content folder */
  gint              different;      /* answers that were another object */
  gboolean          expect_same;
} Threads;

static void
lookup_task (gpointer data,
             gpointer user_data)
{
  Threads *t = user_data;
  guint task = GPOINTER_TO_UINT (data) - 1;

  for (guint i = 0; i < 40; i++)
    {
      guint s = (task + i) % t->n_sites;
      g_autoptr(GFile) root = root_of (t->sites[s]);
      g_autoptr(GFile) post = byline_test_file_in (t->sites[s], "content-x/post.md");
      g_autoptr(BylineSiteConfig) config = i % 2 == 0
        ? byline_site_config_new (root, NULL)
        : byline_site_config_new_for_post (post, NULL);
      g_autofree char *content = content_of (t->sites[s], config);
      g_autofree char *expected = g_strdup_printf ("content-%u", s);

      if (g_strcmp0 (content, expected) != 0)
        g_atomic_int_inc (&t->wrong);
      if (t->expect_same)
        {
          g_mutex_lock (&t->lock);
          if (t->seen[s] == NULL)
            t->seen[s] = byline_site_config_ref (config);
          else if (t->seen[s] != config)
            t->different++;
          g_mutex_unlock (&t->lock);
        }
    }
}

static void
run_threads (Threads *t)
{
  g_autoptr(GError) error = NULL;
  GThreadPool *pool = g_thread_pool_new (lookup_task, t, 8, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 64; i++)
    {
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), &error);
      g_assert_no_error (error);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
}

static void
threads_init (Threads *t)
{
  memset (t, 0, sizeof *t);
  g_mutex_init (&t->lock);
  for (guint i = 0; i < N_THREAD_SITES; i++)
    {
      g_autofree char *text = g_strdup_printf ("contentDir = \"content-%u\"\n", i);

      t->sites[i] = byline_test_make_tmp ("byline-test-config-cache");
      g_free (write_site_file (t->sites[i], i % 2 ? "config/_default/hugo.toml" : "hugo.toml", text));
    }
}

static void
threads_clear (Threads *t)
{
  for (guint i = 0; i < N_THREAD_SITES; i++)
    {
      g_clear_pointer (&t->seen[i], byline_site_config_unref);
      byline_test_remove_tree (t->sites[i]);
      g_free (t->sites[i]);
    }
  g_mutex_clear (&t->lock);
}

/* 8 threads asking for the same 4 sites at once: one load each, one
 * object each. */
static void
test_threads_same (void)
{
  Threads t;
  guint loads;

  threads_init (&t);
  t.n_sites = 4;
  t.expect_same = TRUE;
  byline_site_config_cache_clear ();
  loads = byline_site_config_get_load_count ();

  run_threads (&t);

  g_assert_cmpint (t.wrong, ==, 0);
  g_assert_cmpint (t.different, ==, 0);
  g_assert_cmpuint (byline_site_config_get_load_count (), ==, loads + 4);
  threads_clear (&t);
}

/* 8 threads asking for 12 sites at once, more than the cache holds: every
 * answer right, the cache no bigger than 8. */
static void
test_threads_many (void)
{
  Threads t;

  threads_init (&t);
  t.n_sites = N_THREAD_SITES;
  byline_site_config_cache_clear ();

  run_threads (&t);

  g_assert_cmpint (t.wrong, ==, 0);
  g_assert_cmpuint (byline_site_config_cache_get_size (), <=, 8);
  threads_clear (&t);
}

typedef struct
{
  const char *site;
  const char *path;
  gint        done;
  gint        wrong;
} Writer;

static gpointer
reader_thread (gpointer data)
{
  Writer *w = data;

  while (!g_atomic_int_get (&w->done))
    {
      g_autoptr(BylineSiteConfig) config = load (w->site);
      g_autofree char *content = content_of (w->site, config);

      /* one of the values written (each written whole, by a rename) */
      if (!g_str_has_prefix (content, "posts-") || strlen (content) != strlen ("posts-00"))
        g_atomic_int_inc (&w->wrong);
    }

  return NULL;
}

/* A file rewritten while 7 threads read: they see only what was written,
 * and once the writer stops, the last value. */
static void
test_threads_writer (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-config-cache");
  g_autofree char *path = write_site_file (site, "hugo.toml", "contentDir = \"posts-00\"\n");
  Writer w = { site, path, 0, 0 };
  GThread *readers[7];

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    readers[i] = g_thread_new ("reader", reader_thread, &w);

  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *text = g_strdup_printf ("contentDir = \"posts-%02u\"\n", i);
      g_autofree char *expected = g_strdup_printf ("posts-%02u", i);

      write_how (path, text, WRITE_RENAME);
      /* the writer's own lookup, right after its write */
      byline_site_config_unref (load_expecting (site, expected));
    }
  g_atomic_int_set (&w.done, 1);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    g_thread_join (readers[i]);

  g_assert_cmpint (w.wrong, ==, 0);
  byline_site_config_unref (load_expecting (site, "posts-60"));
  byline_test_remove_tree (site);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site-config-cache/shared", test_shared);
  g_test_add_func ("/site-config-cache/settles", test_settles);
  g_test_add_data_func ("/site-config-cache/same-size", GUINT_TO_POINTER (0), test_same_size);
  g_test_add_data_func ("/site-config-cache/same-size-whole-seconds", GUINT_TO_POINTER (1000),
                        test_same_size);
  g_test_add_func ("/site-config-cache/appear", test_appear);
  g_test_add_func ("/site-config-cache/disappear", test_disappear);
  g_test_add_func ("/site-config-cache/default-dir", test_default_dir);
  g_test_add_func ("/site-config-cache/file-type", test_file_type);
  g_test_add_func ("/site-config-cache/unreadable", test_unreadable);
  g_test_add_func ("/site-config-cache/lru", test_lru);
  g_test_add_func ("/site-config-cache/cancelled", test_cancelled);
  g_test_add_func ("/site-config-cache/threads-same", test_threads_same);
  g_test_add_func ("/site-config-cache/threads-many", test_threads_many);
  g_test_add_func ("/site-config-cache/threads-writer", test_threads_writer);

  return g_test_run ();
}
