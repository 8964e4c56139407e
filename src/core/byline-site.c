/* byline-site.c: site root detection and the background scan of a site's
 * front matter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-site"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-site.h"
#include "byline-site-config.h"

/* Most front matter fits in the first 64 KiB of a post; only when the block
 * is not closed there is the whole file read (up to MAX_FILE). */
#define HEAD_SIZE       (64 * 1024)
#define MAX_FILE        (8 * 1024 * 1024)
#define MAX_FILES       200000
#define MAX_DEPTH       32
#define MAX_KEY_DEPTH   3
#define MAX_VALUES      4096      /* distinct values kept per key */
#define MAX_VALUE_LEN   80        /* longer strings are not suggestions */

#define N_VALUE_TYPES   (BYLINE_VALUE_MAPPING + 1)

typedef struct
{
  char       *key;
  guint       count;
  guint       type_counts[N_VALUE_TYPES];
  GHashTable *values;             /* char * → GUINT_TO_POINTER (count) */
  /* filled when the scan ends */
  char      **sorted_values;
} KeyInfo;

struct _BylineSiteIndex
{
  gatomicrefcount  ref_count;
  GFile           *root;
  guint            is_site : 1;
  guint            n_files;
  guint            n_posts;
  GHashTable      *keys;          /* char * → KeyInfo * (owned) */
  char           **sorted_keys;
  /* The post switcher */
  GPtrArray       *posts;         /* BylineSitePost, newest first once finished */
  char            *root_path;     /* while scanning */
  gsize            root_len;
  guint            is_hugo : 1;
  BylineSiteConfig *config;
  char           **content_paths; /* while scanning: where posts are, deepest first */
};

/* The post switcher: defined at the end */
static void site_add_post    (BylineSiteIndex   *self,
                              const char        *path,
                              BylineFormat       format,
                              BylineFrontMatter *fm);
static void site_sort_posts  (BylineSiteIndex   *self);

G_DEFINE_BOXED_TYPE (BylineSiteIndex, byline_site_index,
                     byline_site_index_ref, byline_site_index_unref)

/* A site's configuration files: Hugo's (at the root, or in its
 * configuration folder, config/_default/), then Jekyll's. */
static const char * const hugo_config_names[] = {
  "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
  "config.toml", "config.yaml", "config.yml", "config.json",
  "config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml",
  "config/_default/hugo.json",
  "config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.yml",
  "config/_default/config.json",
  NULL
};
static const char * const jekyll_config_names[] = {
  "_config.yml",
  NULL
};

static const char * const skipped_dirs[] = {
  "node_modules", "public", "resources", "_site", "themes", "vendor",
  NULL
};

typedef struct
{
  const char      *key;
  BylineValueType  type;
} KeyHint;

/* Well-known Hugo and Jekyll keys; also the common keys suggested when
 * adding a field, in this order. */
static const KeyHint key_hints[] = {
  { "title",          BYLINE_VALUE_STRING },
  { "date",           BYLINE_VALUE_DATETIME },
  { "draft",          BYLINE_VALUE_BOOL },
  { "description",    BYLINE_VALUE_TEXT },
  { "summary",        BYLINE_VALUE_TEXT },
  { "tags",           BYLINE_VALUE_SEQUENCE },
  { "categories",     BYLINE_VALUE_SEQUENCE },
  { "series",         BYLINE_VALUE_SEQUENCE },
  { "keywords",       BYLINE_VALUE_SEQUENCE },
  { "author",         BYLINE_VALUE_STRING },
  { "authors",        BYLINE_VALUE_SEQUENCE },
  { "slug",           BYLINE_VALUE_STRING },
  { "url",            BYLINE_VALUE_STRING },
  { "aliases",        BYLINE_VALUE_SEQUENCE },
  { "weight",         BYLINE_VALUE_INT },
  { "lastmod",        BYLINE_VALUE_DATETIME },
  { "publishDate",    BYLINE_VALUE_DATETIME },
  { "expiryDate",     BYLINE_VALUE_DATETIME },
  { "linkTitle",      BYLINE_VALUE_STRING },
  { "subtitle",       BYLINE_VALUE_STRING },
  { "layout",         BYLINE_VALUE_STRING },
  { "type",           BYLINE_VALUE_STRING },
  { "image",          BYLINE_VALUE_STRING },
  { "images",         BYLINE_VALUE_SEQUENCE },
  { "thumbnail",      BYLINE_VALUE_STRING },
  { "featured_image", BYLINE_VALUE_STRING },
  { "toc",            BYLINE_VALUE_BOOL },
  { "math",           BYLINE_VALUE_BOOL },
  { "mathjax",        BYLINE_VALUE_BOOL },
  { "comments",       BYLINE_VALUE_BOOL },
  { "headless",       BYLINE_VALUE_BOOL },
  { "isCJKLanguage",  BYLINE_VALUE_BOOL },
  { "translationKey", BYLINE_VALUE_STRING },
  { "markup",         BYLINE_VALUE_STRING },
  { "outputs",        BYLINE_VALUE_SEQUENCE },
  { "menu",           BYLINE_VALUE_MAPPING },
  { "params",         BYLINE_VALUE_MAPPING },
  { "build",          BYLINE_VALUE_MAPPING },
  { "sitemap",        BYLINE_VALUE_MAPPING },
  { "cascade",        BYLINE_VALUE_MAPPING },
  { "resources",      BYLINE_VALUE_SEQUENCE },
  { "lead",           BYLINE_VALUE_TEXT },
  { "excerpt",        BYLINE_VALUE_TEXT },
  { "abstract",       BYLINE_VALUE_TEXT },
  { "permalink",      BYLINE_VALUE_STRING },
  { "published",      BYLINE_VALUE_BOOL },
  { "redirect_from",  BYLINE_VALUE_SEQUENCE },
  { "lang",           BYLINE_VALUE_STRING },
  { "updated",        BYLINE_VALUE_DATETIME },
  { "hidden",         BYLINE_VALUE_BOOL },
  { "featured",       BYLINE_VALUE_BOOL },
  { "showToc",        BYLINE_VALUE_BOOL },
};

/* ------------------------------------------------------------------------ */
/* Key hints                                                                 */
/* ------------------------------------------------------------------------ */

gboolean
byline_site_key_hint (const char      *key,
                      BylineValueType *type)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (key_hints); i++)
    {
      if (g_ascii_strcasecmp (key_hints[i].key, key) == 0)
        {
          if (type != NULL)
            *type = key_hints[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

const char * const *
byline_site_common_keys (void)
{
  static gsize once = 0;
  static const char *keys[G_N_ELEMENTS (key_hints) + 1];

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (key_hints); i++)
        keys[i] = key_hints[i].key;
      keys[G_N_ELEMENTS (key_hints)] = NULL;
      g_once_init_leave (&once, 1);
    }

  return (const char * const *) keys;
}

/* ------------------------------------------------------------------------ */
/* Site root                                                                 */
/* ------------------------------------------------------------------------ */

/* TRUE when @dir holds a regular file named one of @names. */
static gboolean
folder_holds_any (const char         *dir,
                  const char * const *names)
{
  g_assert (dir != NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }

  return FALSE;
}

static gboolean
folder_is_site_root (const char *dir)
{
  return folder_holds_any (dir, hugo_config_names) || folder_holds_any (dir, jekyll_config_names);
}

GFile *
byline_site_find_root (GFile        *post,
                       gboolean     *is_site,
                       GCancellable *cancellable)
{
  g_autofree char *path = NULL;
  g_autofree char *start = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (post), NULL);

  if (is_site != NULL)
    *is_site = FALSE;

  path = g_file_get_path (post);
  if (path == NULL)
    {
      /* Not a local file: no site to look for. */
      GFile *parent = g_file_get_parent (post);
      return parent != NULL ? parent : g_object_ref (post);
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    start = g_strdup (path);
  else
    start = g_path_get_dirname (path);

  dir = g_strdup (start);
  for (;;)
    {
      g_autofree char *parent = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (folder_is_site_root (dir))
        {
          if (is_site != NULL)
            *is_site = TRUE;
          return g_file_new_for_path (dir);
        }

      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        break;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }

  return g_file_new_for_path (start);
}

/* ------------------------------------------------------------------------ */
/* The index                                                                 */
/* ------------------------------------------------------------------------ */

static void
key_info_free (gpointer data)
{
  KeyInfo *info = data;

  g_free (info->key);
  g_clear_pointer (&info->values, g_hash_table_unref);
  g_strfreev (info->sorted_values);
  g_free (info);
}

static BylineSiteIndex *
byline_site_index_new (GFile    *root,
                       gboolean  is_site)
{
  BylineSiteIndex *self = g_new0 (BylineSiteIndex, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->root = g_object_ref (root);
  self->is_site = !!is_site;
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, key_info_free);
  self->posts = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

BylineSiteIndex *
byline_site_index_ref (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_site_index_unref (BylineSiteIndex *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_object (&self->root);
      g_clear_pointer (&self->keys, g_hash_table_unref);
      g_free (self->sorted_keys);   /* the strings belong to the KeyInfos */
      g_clear_pointer (&self->posts, g_ptr_array_unref);
      g_free (self->root_path);
      g_clear_pointer (&self->config, byline_site_config_unref);
      g_strfreev (self->content_paths);
      g_free (self);
    }
}

GFile *
byline_site_index_get_root (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root;
}

gboolean
byline_site_index_is_site (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_site;
}

guint
byline_site_index_get_n_files (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_files;
}

guint
byline_site_index_get_n_posts (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_posts;
}

char **
byline_site_index_dup_keys (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->sorted_keys == NULL)
    return g_new0 (char *, 1);

  return g_strdupv (self->sorted_keys);
}

guint
byline_site_index_get_key_count (BylineSiteIndex *self,
                                 const char      *key)
{
  KeyInfo *info;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  info = g_hash_table_lookup (self->keys, key);
  return info != NULL ? info->count : 0;
}

gboolean
byline_site_index_get_key_type (BylineSiteIndex *self,
                                const char      *key,
                                BylineValueType *type)
{
  KeyInfo *info;
  guint best = BYLINE_VALUE_NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  info = g_hash_table_lookup (self->keys, key);
  if (info == NULL)
    return FALSE;

  for (guint t = 0; t < N_VALUE_TYPES; t++)
    {
      if (t == BYLINE_VALUE_NULL)
        continue;
      if (info->type_counts[t] > info->type_counts[best] ||
          (best == BYLINE_VALUE_NULL && info->type_counts[t] > 0))
        best = t;
    }

  if (type != NULL)
    *type = (BylineValueType) best;

  return TRUE;
}

char **
byline_site_index_dup_values (BylineSiteIndex *self,
                              const char      *key,
                              guint            max)
{
  KeyInfo *info;
  GStrvBuilder *builder;
  char **ret;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  builder = g_strv_builder_new ();
  info = g_hash_table_lookup (self->keys, key);
  if (info != NULL && info->sorted_values != NULL)
    {
      for (guint i = 0; info->sorted_values[i] != NULL && (max == 0 || i < max); i++)
        g_strv_builder_add (builder, info->sorted_values[i]);
    }

  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

/* ------------------------------------------------------------------------ */
/* Collecting                                                                */
/* ------------------------------------------------------------------------ */

static KeyInfo *
index_get_key (BylineSiteIndex *self,
               const char      *key)
{
  KeyInfo *info;

  g_assert (self != NULL);
  g_assert (key != NULL);

  info = g_hash_table_lookup (self->keys, key);
  if (info == NULL)
    {
      info = g_new0 (KeyInfo, 1);
      info->key = g_strdup (key);
      g_hash_table_insert (self->keys, info->key, info);
    }

  return info;
}

static void
key_info_add_value (KeyInfo    *info,
                    const char *value)
{
  gpointer count;

  g_assert (info != NULL);

  if (value == NULL || value[0] == '\0')
    return;
  if (strlen (value) > MAX_VALUE_LEN || strchr (value, '\n') != NULL)
    return;

  if (info->values == NULL)
    info->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (info->values, value, NULL, &count))
    g_hash_table_replace (info->values, g_strdup (value),
                          GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  else if (g_hash_table_size (info->values) < MAX_VALUES)
    g_hash_table_insert (info->values, g_strdup (value), GUINT_TO_POINTER (1));
}

static gboolean
value_type_is_scalar (BylineValueType type)
{
  return type != BYLINE_VALUE_SEQUENCE && type != BYLINE_VALUE_MAPPING;
}

static void
collect_mapping (BylineSiteIndex *self,
                 BylineNode      *mapping,
                 const char      *prefix,
                 guint            depth)
{
  guint n;

  g_assert (self != NULL);
  g_assert (mapping != NULL);

  n = byline_node_get_n_children (mapping);
  for (guint i = 0; i < n; i++)
    {
      BylineNode *child = byline_node_get_child (mapping, i);
      const char *key = byline_node_get_key (child);
      g_autofree char *full = NULL;
      BylineValueType type;
      KeyInfo *info;

      if (key == NULL)
        continue;

      full = prefix != NULL ? g_strconcat (prefix, ".", key, NULL) : g_strdup (key);
      type = byline_node_get_value_type (child);
      info = index_get_key (self, full);
      info->count++;
      if ((guint) type < N_VALUE_TYPES)
        info->type_counts[type]++;

      switch (type)
        {
        case BYLINE_VALUE_STRING:
          key_info_add_value (info, byline_node_get_scalar (child));
          break;

        case BYLINE_VALUE_SEQUENCE:
          {
            guint n_items = byline_node_get_n_children (child);

            for (guint j = 0; j < n_items; j++)
              {
                BylineNode *item = byline_node_get_child (child, j);

                if (value_type_is_scalar (byline_node_get_value_type (item)))
                  key_info_add_value (info, byline_node_get_scalar (item));
              }
          }
          break;

        case BYLINE_VALUE_MAPPING:
          if (depth + 1 < MAX_KEY_DEPTH)
            collect_mapping (self, child, full, depth + 1);
          break;

        case BYLINE_VALUE_NULL:
        case BYLINE_VALUE_BOOL:
        case BYLINE_VALUE_INT:
        case BYLINE_VALUE_FLOAT:
        case BYLINE_VALUE_DATE:
        case BYLINE_VALUE_DATETIME:
        case BYLINE_VALUE_TEXT:
        default:
          break;
        }
    }
}

/* Reads up to @max bytes of @path. */
static char *
read_head (const char *path,
           gsize       max,
           gsize      *len,
           gboolean   *truncated)
{
  char *buf;
  gsize filled = 0;
  int fd;

  g_assert (path != NULL);

  *len = 0;
  *truncated = FALSE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;

  buf = g_malloc (max + 1);
  while (filled < max)
    {
      gssize r = read (fd, buf + filled, max - filled);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          g_free (buf);
          close (fd);
          return NULL;
        }
      if (r == 0)
        break;
      filled += r;
    }

  if (filled == max)
    {
      char c;

      *truncated = read (fd, &c, 1) > 0;
    }

  close (fd);
  buf[filled] = '\0';
  *len = filled;

  return buf;
}

/* Returns FALSE when @path can't be read; otherwise gives the format of its
 * front matter and (when it was parsed) the model. */
static gboolean
scan_file (BylineSiteIndex    *self,
           const char         *path,
           BylineFormat       *format,
           BylineFrontMatter **fm_out)
{
  g_autofree char *buf = NULL;
  g_autoptr(BylineFrontMatter) fm = NULL;
  BylinePostSplit split;
  gboolean truncated;
  BylineNode *root;
  gsize len;

  g_assert (self != NULL);
  g_assert (path != NULL);

  *format = BYLINE_FORMAT_NONE;
  *fm_out = NULL;

  buf = read_head (path, HEAD_SIZE, &len, &truncated);
  if (buf == NULL)
    return FALSE;

  self->n_files++;

  /* Only a block that starts the file can be front matter. */
  if (!(buf[0] == '-' || buf[0] == '+' || buf[0] == '{' || buf[0] == '\xEF'))
    return TRUE;

  byline_post_split (buf, len, &split);
  if (split.format == BYLINE_FORMAT_NONE && truncated)
    {
      g_free (buf);
      buf = read_head (path, MAX_FILE, &len, &truncated);
      if (buf == NULL)
        return TRUE;
      byline_post_split (buf, len, &split);
    }

  *format = split.format;
  if (split.format == BYLINE_FORMAT_NONE)
    return TRUE;

  if (!g_utf8_validate_len (buf + split.fm_start, split.fm_end - split.fm_start, NULL) ||
      memchr (buf + split.fm_start, '\0', split.fm_end - split.fm_start) != NULL)
    return TRUE;

  fm = byline_front_matter_new (split.format, buf + split.fm_start,
                                split.fm_end - split.fm_start);
  *fm_out = byline_front_matter_ref (fm);
  if (!byline_front_matter_is_valid (fm))
    return TRUE;

  root = byline_front_matter_get_root (fm);
  if (root == NULL)
    return TRUE;

  self->n_posts++;
  collect_mapping (self, root, NULL, 0);

  return TRUE;
}

static gboolean
is_markdown_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;

  return g_ascii_strcasecmp (dot, ".md") == 0 ||
         g_ascii_strcasecmp (dot, ".markdown") == 0 ||
         g_ascii_strcasecmp (dot, ".mdown") == 0;
}

static gboolean
is_skipped_dir (const char *name)
{
  if (name[0] == '.')
    return TRUE;

  return g_strv_contains (skipped_dirs, name);
}

static void
scan_dir (BylineSiteIndex *self,
          const char      *dir_path,
          gboolean         recursive,
          guint            depth,
          GCancellable    *cancellable)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert (self != NULL);

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (g_cancellable_is_cancelled (cancellable) || self->n_files >= MAX_FILES)
        return;

      path = g_build_filename (dir_path, name, NULL);

      if (is_markdown_name (name))
        {
          /* Follow a symbolic link to a file, never to a folder. */
          if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
            {
              g_autoptr(BylineFrontMatter) fm = NULL;
              BylineFormat format;

              if (scan_file (self, path, &format, &fm))
                site_add_post (self, path, format, fm);
            }
          continue;
        }

      if (!recursive || depth + 1 >= MAX_DEPTH || is_skipped_dir (name))
        {
          /* Hugo reads every folder
           * of its contentDir but hidden ones (content/resources/ is a
           * section); the build's own folders are skipped at the root */
          if (!self->is_hugo || !recursive || depth + 1 >= MAX_DEPTH || name[0] == '.' ||
              g_strcmp0 (dir_path, self->root_path) == 0)
            continue;
        }

      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        scan_dir (self, path, recursive, depth + 1, cancellable);
    }
}

static int
compare_key_infos (gconstpointer a,
                   gconstpointer b)
{
  const KeyInfo *ka = *(const KeyInfo * const *) a;
  const KeyInfo *kb = *(const KeyInfo * const *) b;

  if (ka->count != kb->count)
    return ka->count > kb->count ? -1 : 1;

  return g_strcmp0 (ka->key, kb->key);
}

typedef struct
{
  const char *value;
  guint       count;
} ValueCount;

static int
compare_value_counts (gconstpointer a,
                      gconstpointer b)
{
  const ValueCount *va = a;
  const ValueCount *vb = b;

  if (va->count != vb->count)
    return va->count > vb->count ? -1 : 1;

  return g_strcmp0 (va->value, vb->value);
}

static void
index_finish (BylineSiteIndex *self)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_assert (self != NULL);

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KeyInfo *info = value;

      g_ptr_array_add (infos, info);

      if (info->values != NULL)
        {
          g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (ValueCount));
          GHashTableIter viter;
          gpointer vkey, vcount;

          g_hash_table_iter_init (&viter, info->values);
          while (g_hash_table_iter_next (&viter, &vkey, &vcount))
            {
              ValueCount vc = { vkey, GPOINTER_TO_UINT (vcount) };
              g_array_append_val (counts, vc);
            }
          g_array_sort (counts, compare_value_counts);

          info->sorted_values = g_new0 (char *, counts->len + 1);
          for (guint i = 0; i < counts->len; i++)
            info->sorted_values[i] = g_strdup (g_array_index (counts, ValueCount, i).value);

          g_clear_pointer (&info->values, g_hash_table_unref);
        }
    }

  g_ptr_array_sort (infos, compare_key_infos);

  self->sorted_keys = g_new0 (char *, infos->len + 1);
  for (guint i = 0; i < infos->len; i++)
    self->sorted_keys[i] = ((KeyInfo *) g_ptr_array_index (infos, i))->key;
}

/* ------------------------------------------------------------------------ */
/* Scanning                                                                  */
/* ------------------------------------------------------------------------ */

/* TRUE when @path is @others[i] or
 * below it, for an i < @n (or any, @n = G_MAXUINT) */
static gboolean
path_is_below_any (const char  *path,
                   char       **others,
                   guint        n)
{
  gsize len;

  g_assert (path != NULL);

  for (guint i = 0; others[i] != NULL && i < n; i++)
    {
      if (others[i] == path)
        continue;
      len = strlen (others[i]);
      if (strncmp (path, others[i], len) == 0 &&
          (path[len] == '\0' || path[len] == G_DIR_SEPARATOR ||
           (len > 0 && others[i][len - 1] == G_DIR_SEPARATOR)))
        return TRUE;
    }

  return FALSE;
}

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The local paths of the content
 * folders, the deepest first (a post belongs to the deepest one holding
 * it). */
static char **
content_paths_for (BylineSiteConfig *config)
{
  GFile * const *dirs = byline_site_config_get_content_dirs (config);
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      char *path = g_file_get_path (dirs[i]);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_sort (paths, compare_length_desc);
  g_ptr_array_add (paths, NULL);

  return (char **) g_ptr_array_free (paths, FALSE);
}

BylineSiteIndex *
byline_site_scan (GFile         *post,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(BylineSiteIndex) self = NULL;
  g_autoptr(GFile) root = NULL;
  g_autofree char *root_path = NULL;
  gboolean is_site = FALSE;

  g_return_val_if_fail (G_IS_FILE (post), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  root = byline_site_find_root (post, &is_site, cancellable);
  self = byline_site_index_new (root, is_site);

  root_path = g_file_get_path (root);
  if (root_path != NULL)
    {
      self->root_path = g_strdup (root_path);
      self->root_len = strlen (root_path);
      if (is_site)
        {
          /* A site is read where its configuration keeps the posts: Hugo's
           * contentDir (and its languages'), Jekyll's source. */
          self->config = byline_site_config_new (root, cancellable);
          self->is_hugo = byline_site_config_get_kind (self->config) == BYLINE_SITE_KIND_HUGO;
          self->content_paths = content_paths_for (self->config);
          for (guint i = 0; self->content_paths[i] != NULL; i++)
            {
              if (!path_is_below_any (self->content_paths[i], self->content_paths, G_MAXUINT))
                scan_dir (self, self->content_paths[i], TRUE, 0, cancellable);
            }
        }
      else
        scan_dir (self, root_path, FALSE, 0, cancellable);
      g_clear_pointer (&self->root_path, g_free);
      g_clear_pointer (&self->content_paths, g_strfreev);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  index_finish (self);
  site_sort_posts (self);

  return g_steal_pointer (&self);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *post = task_data;
  BylineSiteIndex *index;
  GError *error = NULL;

  g_assert (G_IS_FILE (post));

  index = byline_site_scan (post, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) byline_site_index_unref);
}

void
byline_site_scan_async (GFile               *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (post));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_site_scan_async);
  g_task_set_name (task, "[byline] site scan");
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_set_task_data (task, g_object_ref (post), g_object_unref);
  g_task_run_in_thread (task, scan_thread);
}

BylineSiteIndex *
byline_site_scan_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_site_scan_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Images */
gboolean
byline_site_is_hugo (GFile        *root,
                     GCancellable *cancellable)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (root), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  /* a site root is a local folder (byline_site_find_root() reads paths) */
  dir = g_file_get_path (root);
  return dir != NULL && folder_holds_any (dir, hugo_config_names);
}

/* Templates and images */
gboolean
byline_site_is_page_bundle (GFile *post)
{
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (post), FALSE);

  name = g_file_get_basename (post);
  if (name == NULL)
    return FALSE;
  /* without its extension; a translation keeps its language: index.en */
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  return strcmp (name, "index") == 0 || strcmp (name, "_index") == 0 ||
         g_str_has_prefix (name, "index.") || g_str_has_prefix (name, "_index.");
}

/* ------------------------------------------------------------------------ */
/* The post switcher: the site's posts                                       */
/* ------------------------------------------------------------------------ */

#define MAX_TITLE_LEN 300   /* bytes; a longer title is cut (at a character) */

struct _BylineSitePost
{
  GObject      parent_instance;

  char        *path;
  char        *title;
  char        *file_name;    /* NULL when it is the title */
  char        *date_text;
  GDateTime   *date;
  const char  *section;      /* interned */
  char        *sort_key;     /* while sorting, for those without a date */
  guint        has_title : 1;
  guint        draft : 1;
};

G_DEFINE_FINAL_TYPE (BylineSitePost, byline_site_post, G_TYPE_OBJECT)

static void
byline_site_post_finalize (GObject *object)
{
  BylineSitePost *self = BYLINE_SITE_POST (object);

  g_free (self->path);
  g_free (self->title);
  g_free (self->file_name);
  g_free (self->date_text);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (byline_site_post_parent_class)->finalize (object);
}

static void
byline_site_post_class_init (BylineSitePostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_site_post_finalize;
}

static void
byline_site_post_init (BylineSitePost *self)
{
}

const char *
byline_site_post_get_path (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->path;
}

GFile *
byline_site_post_dup_file (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return g_file_new_for_path (self->path);
}

const char *
byline_site_post_get_title (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->title;
}

gboolean
byline_site_post_has_title (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), FALSE);
  return self->has_title;
}

const char *
byline_site_post_get_file_name (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->file_name != NULL ? self->file_name : self->title;
}

GDateTime *
byline_site_post_get_date (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->date;
}

const char *
byline_site_post_get_date_text (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->date_text;
}

gboolean
byline_site_post_is_draft (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), FALSE);
  return self->draft;
}

const char *
byline_site_post_get_section (BylineSitePost *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_POST (self), NULL);
  return self->section;
}

GPtrArray *
byline_site_index_get_posts (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->posts;
}

BylineSitePost *
byline_site_post_new_for_path (const char *path)
{
  BylineSitePost *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_SITE_POST, NULL);
  self->path = g_strdup (path);
  self->title = g_filename_display_basename (path);

  return self;
}

/* A date written as text (a quoted "2024-01-02", JSON's strings):
 * ISO 8601 with or without a time and zone, or NULL. */
static GDateTime *
parse_date_text (const char *text)
{
  g_autofree char *iso = NULL;
  guint y, m, d;
  char rest;

  g_assert (text != NULL);

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &rest) == 3)
    return g_date_time_new_utc (y, m, d, 0, 0, 0);

  /* "2024-01-02 10:00:00" as YAML writes it, "2024-01-02 10:00:00 +0100"
   * as Jekyll does */
  iso = g_strdup (text);
  g_strstrip (iso);
  if (strlen (iso) > 10 && iso[10] == ' ')
    {
      char *zone;

      iso[10] = 'T';
      zone = strchr (iso + 11, ' ');
      if (zone != NULL)
        memmove (zone, zone + 1, strlen (zone + 1) + 1);
    }

  return g_date_time_new_from_iso8601 (iso, NULL);
}

/* A title on one line, of a sensible length: NULL when blank. */
static char *
clean_title (const char *text)
{
  GString *s;

  g_assert (text != NULL);

  s = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          if (s->len > 0 && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
        }
      else
        g_string_append_c (s, *p);
    }
  g_strstrip (s->str);
  s->len = strlen (s->str);

  if (s->len > MAX_TITLE_LEN)
    {
      const char *end = g_utf8_find_prev_char (s->str, s->str + MAX_TITLE_LEN + 1);

      g_string_truncate (s, end - s->str);
      g_string_append (s, "…");
    }

  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }

  return g_string_free (s, FALSE);
}

/* Jekyll's _posts/2024-01-02-title.md: the date in the file name. */
static GDateTime *
date_from_jekyll_name (const char *name)
{
  guint y, m, d;
  int n = 0;

  g_assert (name != NULL);

  if (sscanf (name, "%4u-%2u-%2u-%n", &y, &m, &d, &n) == 3 && n == 11)
    return g_date_time_new_utc (y, m, d, 0, 0, 0);

  return NULL;
}

/* Jekyll: the first folder starting with "_" (_posts, _drafts, a
 * collection's), else a _posts or _drafts folder further down
 * (category/_posts/). Hugo: the first folder under the content folder.
 * @parts: the path below the content folder (the source for Jekyll). */
static const char *
section_for (BylineSiteIndex *self,
             char           **parts,
             guint            n_parts)
{
  g_assert (self != NULL);

  if (self->is_hugo)
    return n_parts >= 2 ? g_intern_string (parts[0]) : NULL;

  for (guint i = 0; i + 1 < n_parts; i++)
    {
      if (i == 0 && parts[i][0] == '_')
        return g_intern_string (parts[i]);
      if (g_str_equal (parts[i], "_posts") || g_str_equal (parts[i], "_drafts"))
        return g_intern_string (parts[i]);
    }

  return NULL;
}

static void
site_add_post (BylineSiteIndex   *self,
               const char        *path,
               BylineFormat       format,
               BylineFrontMatter *fm)
{
  BylineSitePost *post;
  BylineNode *root = NULL;
  BylineNode *node;
  g_auto(GStrv) parts = NULL;
  g_autofree char *title = NULL;
  const char *rel;
  guint n_parts;

  g_assert (self != NULL);
  g_assert (path != NULL);

  if (self->root_path == NULL)
    return;
  /* In a site, relative to the
   * content folder holding the post (Hugo's contentDir, Jekyll's source) */
  rel = NULL;
  if (self->is_site && self->content_paths != NULL)
    {
      for (guint i = 0; self->content_paths[i] != NULL && rel == NULL; i++)
        {
          char *one[2] = { self->content_paths[i], NULL };

          if (path_is_below_any (path, one, G_MAXUINT))
            rel = path + strlen (self->content_paths[i]);
        }
    }
  else if (g_str_has_prefix (path, self->root_path))
    rel = path + self->root_len;
  if (rel == NULL)
    return;
  while (*rel == G_DIR_SEPARATOR)
    rel++;
  parts = g_strsplit (rel, G_DIR_SEPARATOR_S, MAX_DEPTH + 1);
  n_parts = g_strv_length (parts);

  if (!self->is_site)
    {
      /* every Markdown file of the post's folder */
    }
  else if (self->is_hugo)
    {
      /* every Markdown file of the content folders */
    }
  else
    {
      /* Jekyll: only files with front matter are pages; _posts and
       * _drafts hold nothing else */
      gboolean in_posts = g_strv_contains ((const char * const *) parts, "_posts") ||
                          g_strv_contains ((const char * const *) parts, "_drafts");

      if (format == BYLINE_FORMAT_NONE && !in_posts)
        return;
    }

  post = g_object_new (BYLINE_TYPE_SITE_POST, NULL);
  post->path = g_strdup (path);
  post->section = self->is_site ? section_for (self, parts, n_parts) : NULL;
  post->draft = g_strcmp0 (post->section, "_drafts") == 0;

  if (fm != NULL && byline_front_matter_is_valid (fm))
    root = byline_front_matter_get_root (fm);

  if (root != NULL)
    {
      const char *scalar;

      node = byline_node_lookup (root, "title");
      if (node != NULL && (scalar = byline_node_get_scalar (node)) != NULL &&
          byline_node_get_value_type (node) != BYLINE_VALUE_NULL)
        title = clean_title (scalar);

      node = byline_node_lookup (root, "date");
      if (node == NULL || byline_node_get_value_type (node) == BYLINE_VALUE_NULL)
        node = byline_node_lookup (root, "publishDate");
      if (node != NULL && (scalar = byline_node_get_scalar (node)) != NULL &&
          byline_node_get_value_type (node) != BYLINE_VALUE_NULL)
        {
          post->date = byline_node_dup_datetime (node);
          if (post->date == NULL)
            post->date = parse_date_text (scalar);
          if (post->date == NULL)
            post->date_text = clean_title (scalar);
        }

      node = byline_node_lookup (root, "draft");
      if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_BOOL &&
          byline_node_get_bool (node))
        post->draft = TRUE;
    }

  if (post->date == NULL && n_parts >= 2 && g_str_equal (parts[n_parts - 2], "_posts"))
    post->date = date_from_jekyll_name (parts[n_parts - 1]);

  post->file_name = g_filename_display_name (parts[n_parts - 1]);
  post->has_title = title != NULL;
  if (title == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* a page bundle's index.md is known by its folder's name */
      if (n_parts >= 2 && byline_site_is_page_bundle (file))
        title = g_filename_display_name (parts[n_parts - 2]);
    }

  if (title == NULL)
    {
      post->title = g_steal_pointer (&post->file_name);
    }
  else
    {
      post->title = g_steal_pointer (&title);
      if (g_str_equal (post->title, post->file_name))
        g_clear_pointer (&post->file_name, g_free);
    }

  g_ptr_array_add (self->posts, post);
}

/* Newest first; those without a date after them, by title (ignoring case). */
static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  const BylineSitePost *pa = *(const BylineSitePost * const *) a;
  const BylineSitePost *pb = *(const BylineSitePost * const *) b;
  int cmp;

  if (pa->date != NULL && pb->date != NULL)
    {
      cmp = g_date_time_compare (pb->date, pa->date);
      if (cmp != 0)
        return cmp;
    }
  else if (pa->date != NULL || pb->date != NULL)
    return pa->date != NULL ? -1 : 1;
  else
    {
      cmp = strcmp (pa->sort_key, pb->sort_key);
      if (cmp != 0)
        return cmp;
    }

  return strcmp (pa->path, pb->path);
}

static void
site_sort_posts (BylineSiteIndex *self)
{
  g_assert (self != NULL);

  for (guint i = 0; i < self->posts->len; i++)
    {
      BylineSitePost *post = g_ptr_array_index (self->posts, i);

      if (post->date == NULL)
        {
          g_autofree char *folded = g_utf8_casefold (post->title, -1);

          post->sort_key = g_utf8_collate_key (folded, -1);
        }
    }

  g_ptr_array_sort (self->posts, compare_posts);

  for (guint i = 0; i < self->posts->len; i++)
    g_clear_pointer (&((BylineSitePost *) g_ptr_array_index (self->posts, i))->sort_key, g_free);
}

/* The names the scan takes for Markdown posts */
gboolean
byline_site_is_markdown_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return is_markdown_name (name);
}

BylineSiteConfig *
byline_site_index_get_config (BylineSiteIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->config;
}
