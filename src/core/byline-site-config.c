/* byline-site-config.c: a site's configuration, read for where the site
 * keeps its content, static files, archetypes and themes.
 *
 * Each format is read by its library (TOML with toml++ through
 * byline-toml, YAML with libyaml through the front matter engine, JSON with
 * json-glib) into a JSON tree, and the few keys Byline needs are looked up
 * in it case-insensitively, as Hugo does.
 *
 * Each site is read once and its configuration shared while the disk says
 * the same (see "The cache" below).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-site-config"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-site.h"
#include "byline-site-config.h"
#include "byline-site-config-private.h"
#include "byline-toml.h"

/* A site configuration is small; a bigger file is not read. */
#define MAX_CONFIG_SIZE (4 * 1024 * 1024)
#define MAX_THEMES      32

struct _BylineSiteConfig
{
  gatomicrefcount  ref_count;
  GFile           *root;
  BylineSiteKind   kind;
  char            *error;
  GFile          **files;
  GFile          **content_dirs;
  GHashTable      *content_targets;   /* a mounted content dir → its folder in content/ ("blog"), or NULL */
  GFile          **static_dirs;
  GFile           *static_dir;        /* borrowed from static_dirs */
  GFile          **archetype_dirs;
  GFile          **theme_dirs;

  /* What the load looked at, for the cache to tell whether the disk still
   * says the same (set while loading, never changed after) */
  GArray          *deps;              /* of Dep */
  gint64           newest_ns;         /* the latest mtime/ctime of the files read */
  gint64           loaded_ns;         /* the wall clock when the load began */
  guint            cacheable : 1;     /* every path looked at is a local one */
};

/* A path the loader looked at: its state when it did (absent, or what
 * stat() said), and for a file it read, a digest of the bytes read. */
typedef struct
{
  char    *path;
  char    *digest;      /* SHA-256 of the bytes read, "" when unreadable, NULL when not read */
  gboolean exists;
  guint32  mode;
  guint64  dev;
  guint64  ino;
  gint64   size;
  gint64   mtime_ns;
  gint64   ctime_ns;
} Dep;

G_DEFINE_BOXED_TYPE (BylineSiteConfig, byline_site_config,
                     byline_site_config_ref, byline_site_config_unref)

/* Hugo's main configuration file, in the order Hugo prefers them, at the
 * root and in config/_default/. */
static const char * const hugo_names[] = {
  "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
  "config.toml", "config.yaml", "config.yml", "config.json",
  NULL
};
/* A key's own file in config/_default/ (languages.toml holds `languages`). */
static const char * const languages_names[] = {
  "languages.toml", "languages.yaml", "languages.yml", "languages.json",
  NULL
};

/* config/_default/module.toml holds `module` itself (its `mounts`). */
static const char * const module_names[] = {
  "module.toml", "module.yaml", "module.yml", "module.json",
  NULL
};

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

/* Counters for the tests (byline-site-config-private.h). */
static gint load_count;
static gint read_count;
/* For the tests: timestamps as a file system keeping only whole
 * multiples of this many milliseconds would give them (0: as they are). */
static gint stat_granularity_ms;

static void
dep_clear (gpointer data)
{
  Dep *dep = data;

  g_free (dep->path);
  g_free (dep->digest);
}

static gint64
timespec_ns (const struct timespec *ts)
{
  return (gint64) ts->tv_sec * G_GINT64_CONSTANT (1000000000) + ts->tv_nsec;
}

/* Fills @dep's state from stat() of @path (following symbolic links, as
 * the loader's g_file_query_file_type() does). A path that can't be
 * stat()ed (missing, or in a folder that can't be searched) is absent. */
static void
dep_stat (Dep        *dep,
          const char *path)
{
  struct stat st;
  gint64 granularity_ns;

  g_assert (dep != NULL);
  g_assert (path != NULL);

  memset (dep, 0, sizeof *dep);
  if (stat (path, &st) != 0)
    return;
  dep->exists = TRUE;
  dep->mode = st.st_mode;
  dep->dev = st.st_dev;
  dep->ino = st.st_ino;
  dep->size = st.st_size;
  dep->mtime_ns = timespec_ns (&st.st_mtim);
  dep->ctime_ns = timespec_ns (&st.st_ctim);

  granularity_ns = (gint64) g_atomic_int_get (&stat_granularity_ms) * 1000000;
  if (granularity_ns > 0)
    {
      dep->mtime_ns -= dep->mtime_ns % granularity_ns;
      dep->ctime_ns -= dep->ctime_ns % granularity_ns;
    }
}

/* TRUE when @a and @b are the same state of a path.
 *
 * A regular file is the same when its device, inode, mode, size, mtime
 * and ctime are, each time to the nanosecond. mtime alone is not enough:
 * it can be set back (touch -d, tar, cp -p); ctime can't be set by anyone
 * and moves on every change of contents or metadata, and a new inode
 * says the file was replaced (an editor saving through a rename, a file
 * deleted and created again). What no stat() can see is a second change
 * within one tick of the file system's clock, or within its timestamp
 * granularity (a second, or two on FAT): that is the "racy" case the
 * cache handles by comparing the bytes until the files are older than
 * that (see RACY_MARGIN_USEC).
 *
 * Anything else (a folder named hugo.toml) counts only by its type: the
 * loader only asks whether the path is a regular file. */
static gboolean
dep_same (const Dep *a,
          const Dep *b)
{
  if (a->exists != b->exists)
    return FALSE;
  if (!a->exists)
    return TRUE;
  if ((a->mode & S_IFMT) != (b->mode & S_IFMT))
    return FALSE;
  if (!S_ISREG (a->mode))
    return TRUE;
  return a->mode == b->mode && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/* TRUE when @file is a regular file; records what was seen in @self's
 * dependencies. */
static gboolean
probe_regular (BylineSiteConfig *self,
               GFile            *file,
               GCancellable     *cancellable)
{
  g_autofree char *path = NULL;
  Dep dep;

  g_assert (self != NULL);
  g_assert (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* not a local file: nothing to stat() later, so not cached */
      self->cacheable = FALSE;
      return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
    }

  dep_stat (&dep, path);
  dep.path = g_steal_pointer (&path);
  g_array_append_val (self->deps, dep);

  return dep.exists && S_ISREG (dep.mode);
}

/* Records that @file was read as @len bytes of @contents (NULL: it could
 * not be read). */
static void
record_read (BylineSiteConfig *self,
             GFile            *file,
             const char       *contents,
             gsize             len)
{
  g_autofree char *path = g_file_get_path (file);

  g_assert (self != NULL);

  g_atomic_int_inc (&read_count);
  if (path == NULL)
    return;

  /* the latest probe of this path (first_file() probed it just before) */
  for (guint i = self->deps->len; i > 0; i--)
    {
      Dep *dep = &g_array_index (self->deps, Dep, i - 1);

      if (strcmp (dep->path, path) == 0)
        {
          g_free (dep->digest);
          dep->digest = contents != NULL
            ? g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len)
            : g_strdup ("");
          if (dep->exists && S_ISREG (dep->mode))
            self->newest_ns = MAX (self->newest_ns, MAX (dep->mtime_ns, dep->ctime_ns));
          return;
        }
    }

  /* read without being probed: no way to tell later whether it changed */
  self->cacheable = FALSE;
}

/* The first of @names that is a regular file in @dir, or NULL. Each name
 * looked at is recorded in @self's dependencies, the missing ones too: a
 * hugo.toml that appears beside config.toml changes the configuration. */
static GFile *
first_file (BylineSiteConfig   *self,
            GFile              *dir,
            const char * const *names,
            GCancellable       *cancellable)
{
  g_assert (self != NULL);
  g_assert (G_IS_FILE (dir));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, names[i]);

      if (probe_regular (self, file, cancellable))
        return g_steal_pointer (&file);
    }

  return NULL;
}

/* YAML's model as a JSON tree: mappings, sequences, and every scalar as a
 * string (only strings are looked at). */
static JsonNode *
yaml_to_json (BylineNode *node,
              guint       depth)
{
  JsonNode *json;

  g_assert (node != NULL);

  switch (byline_node_get_value_type (node))
    {
    case BYLINE_VALUE_MAPPING:
      {
        JsonObject *object = json_object_new ();
        guint n = byline_node_get_n_children (node);

        for (guint i = 0; i < n && depth < 8; i++)
          {
            BylineNode *child = byline_node_get_child (node, i);
            const char *key = byline_node_get_key (child);

            if (key != NULL)
              json_object_set_member (object, key, yaml_to_json (child, depth + 1));
          }
        json = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
      }
      break;

    case BYLINE_VALUE_SEQUENCE:
      {
        JsonArray *array = json_array_new ();
        guint n = byline_node_get_n_children (node);

        for (guint i = 0; i < n && depth < 8; i++)
          json_array_add_element (array, yaml_to_json (byline_node_get_child (node, i), depth + 1));
        json = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
      }
      break;

    case BYLINE_VALUE_NULL:
      json = json_node_init_null (json_node_alloc ());
      break;

    case BYLINE_VALUE_BOOL:
    case BYLINE_VALUE_INT:
    case BYLINE_VALUE_FLOAT:
    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
    default:
      json = json_node_init_string (json_node_alloc (), byline_node_get_scalar (node));
      break;
    }

  return json;
}

/* Parses @file by its extension into a JSON tree whose top is an object;
 * NULL with @error_out set (a message naming the file) when it can't. */
static JsonNode *
parse_file (BylineSiteConfig *self,
            GFile            *file,
            GFile            *root,
            GCancellable     *cancellable,
            char            **error_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *relative = g_file_get_relative_path (root, file);
  g_autofree char *display = g_filename_display_name (relative != NULL ? relative : basename);
  g_autoptr(JsonNode) node = NULL;
  const char *text;
  gsize len = 0;

  g_assert (G_IS_FILE (file));

  *error_out = NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &error))
    {
      record_read (self, file, NULL, 0);
      *error_out = g_strdup_printf ("%s: %s", display, error->message);
      return NULL;
    }
  record_read (self, file, contents, len);
  if (len > MAX_CONFIG_SIZE)
    {
      *error_out = g_strdup_printf ("%s: too big", display);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, len, NULL) || memchr (contents, '\0', len) != NULL)
    {
      *error_out = g_strdup_printf ("%s: not UTF-8 text", display);
      return NULL;
    }

  text = contents;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }

  if (g_str_has_suffix (basename, ".toml"))
    {
      g_autofree char *message = NULL;
      guint line = 0, column = 0;

      node = byline_toml_parse (text, len, &line, &column, &message);
      if (node == NULL)
        {
          *error_out = g_strdup_printf ("%s:%u:%u: %s", display, line, column,
                                        message != NULL ? message : "invalid TOML");
          return NULL;
        }
    }
  else if (g_str_has_suffix (basename, ".json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (!json_parser_load_from_data (parser, text, len, &error))
        {
          *error_out = g_strdup_printf ("%s: %s", display, error->message);
          return NULL;
        }
      if (json_parser_get_root (parser) != NULL)
        node = json_node_copy (json_parser_get_root (parser));
    }
  else
    {
      g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_YAML, text, len);
      BylineNode *top;

      if (!byline_front_matter_is_valid (fm))
        {
          const GError *parse_error = byline_front_matter_get_error (fm);

          *error_out = g_strdup_printf ("%s: %s", display,
                                        parse_error != NULL ? parse_error->message : "invalid YAML");
          return NULL;
        }
      top = byline_front_matter_get_root (fm);
      if (top != NULL)
        node = yaml_to_json (top, 0);
      else if (byline_front_matter_is_read_only (fm, NULL))
        {
          /* a top level that is no mapping (a list, a string) */
          *error_out = g_strdup_printf ("%s: not a table of settings", display);
          return NULL;
        }
    }

  /* an empty file is an empty configuration */
  if (node == NULL)
    {
      JsonObject *empty = json_object_new ();

      node = json_node_init_object (json_node_alloc (), empty);
      json_object_unref (empty);
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *error_out = g_strdup_printf ("%s: not a table of settings", display);
      return NULL;
    }

  return g_steal_pointer (&node);
}

/* The member of @object named @key in any case (Hugo's keys are
 * case-insensitive), or NULL. */
static JsonNode *
lookup (JsonObject *object,
        const char *key)
{
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return NULL;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_ascii_strcasecmp (l->data, key) == 0)
        return json_object_get_member (object, l->data);
    }

  return NULL;
}

/* @key in the first of @objects that sets it. */
static JsonNode *
lookup_in (GPtrArray  *objects,
           const char *key)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonNode *node = lookup (g_ptr_array_index (objects, i), key);

      if (node != NULL)
        return node;
    }

  return NULL;
}

/* A string value, or NULL (also for an empty string). */
static const char *
node_string (JsonNode *node)
{
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  s = json_node_get_string (node);
  return s != NULL && s[0] != '\0' ? s : NULL;
}

/* A string, or a list of strings, appended to @out. */
static void
add_strings (GPtrArray *out,
             JsonNode  *node)
{
  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          const char *s = node_string (json_array_get_element (array, i));

          if (s != NULL)
            g_ptr_array_add (out, g_strdup (s));
        }
    }
  else
    {
      const char *s = node_string (node);

      if (s != NULL)
        g_ptr_array_add (out, g_strdup (s));
    }
}

/* Hugo Modules' mounts ([[module.mounts]]: source, target): the sources of
 * those whose target is @component ("content", "static", "archetypes") or
 * a folder in it ("content/blog"), appended to @out; the folders in it
 * ("blog", or "") to @targets unless NULL. */
static void
add_mount_sources (GPtrArray  *out,
                   GPtrArray  *targets,
                   JsonNode   *mounts,
                   const char *component)
{
  JsonArray *array;
  gsize len = strlen (component);

  if (mounts == NULL || !JSON_NODE_HOLDS_ARRAY (mounts))
    return;
  array = json_node_get_array (mounts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *mount = json_array_get_element (array, i);
      const char *source, *target;

      if (!JSON_NODE_HOLDS_OBJECT (mount))
        continue;
      source = node_string (lookup (json_node_get_object (mount), "source"));
      target = node_string (lookup (json_node_get_object (mount), "target"));
      if (source == NULL || target == NULL)
        continue;
      while (*target == '/')
        target++;
      if (strncmp (target, component, len) == 0 && (target[len] == '\0' || target[len] == '/'))
        {
          g_ptr_array_add (out, g_strdup (source));
          if (targets != NULL)
            {
              const char *folder = target + len;

              char *copy;

              while (*folder == '/')
                folder++;
              copy = g_strdup (folder);
              while (copy[0] != '\0' && copy[strlen (copy) - 1] == '/')
                copy[strlen (copy) - 1] = '\0';
              g_ptr_array_add (targets, copy);
            }
        }
    }
}

/* @path from the configuration, relative to @root unless absolute. */
static GFile *
config_path (GFile      *root,
             const char *path)
{
  g_assert (G_IS_FILE (root));
  g_assert (path != NULL);

  return g_file_resolve_relative_path (root, path);
}

static gboolean
files_contain (GPtrArray *files,
               GFile     *file)
{
  for (guint i = 0; i < files->len; i++)
    {
      if (g_file_equal (g_ptr_array_index (files, i), file))
        return TRUE;
    }

  return FALSE;
}

/* Adds @file unless it is there already; takes it. */
static void
add_file (GPtrArray *files,
          GFile     *file)
{
  if (files_contain (files, file))
    g_object_unref (file);
  else
    g_ptr_array_add (files, file);
}

static GFile **
end_files (GPtrArray *files)
{
  g_ptr_array_add (files, NULL);
  return (GFile **) g_ptr_array_free (files, FALSE);
}

static void
free_files (GFile **files)
{
  if (files == NULL)
    return;
  for (guint i = 0; files[i] != NULL; i++)
    g_object_unref (files[i]);
  g_free (files);
}

/* ------------------------------------------------------------------------ */
/* Hugo and Jekyll                                                           */
/* ------------------------------------------------------------------------ */

static void
add_error (BylineSiteConfig *self,
           char             *message)
{
  g_assert (self != NULL);

  if (message == NULL)
    return;

  g_debug ("Using defaults for what the configuration can't say: %s", message);
  if (self->error == NULL)
    self->error = message;
  else
    g_free (message);
}

/* Adds the theme folders of @names to @themes, each followed by those its
 * own hugo.* or config.* names in `theme` (Hugo's theme components,
 * depth first), each theme once. */
static void
add_themes (BylineSiteConfig *self,
            GPtrArray        *themes,
            GFile            *themes_dir,
            GPtrArray        *names,
            guint             depth,
            GCancellable     *cancellable)
{
  g_assert (self != NULL);
  g_assert (themes != NULL);

  for (guint i = 0; i < names->len && themes->len < MAX_THEMES; i++)
    {
      GFile *theme = config_path (themes_dir, g_ptr_array_index (names, i));
      g_autoptr(GFile) theme_config = NULL;

      if (files_contain (themes, theme))
        {
          g_object_unref (theme);
          continue;
        }
      g_ptr_array_add (themes, theme);

      if (depth >= 8)
        continue;
      theme_config = first_file (self, theme, hugo_names, cancellable);
      if (theme_config != NULL)
        {
          g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) tree = parse_file (self, theme_config, themes_dir, cancellable, &message);

          if (tree == NULL)
            {
              g_debug ("A theme's configuration can't be read: %s", message);
              continue;
            }
          add_strings (imports, lookup (json_node_get_object (tree), "theme"));
          add_themes (self, themes, themes_dir, imports, depth + 1, cancellable);
        }
    }
}

/* A key's own file in config/_default/ (languages.toml, module.toml): the
 * first of @names there, parsed, kept alive in @trees; NULL when there is
 * none or it can't be parsed (the error is recorded). */
static JsonNode *
read_key_file (BylineSiteConfig *self,
               GFile            *config_dir,
               const char * const *names,
               GPtrArray        *trees,
               GCancellable     *cancellable)
{
  g_autoptr(GFile) file = first_file (self, config_dir, names, cancellable);
  char *message = NULL;
  JsonNode *tree;

  if (file == NULL)
    return NULL;
  tree = parse_file (self, file, self->root, cancellable, &message);
  add_error (self, message);
  if (tree != NULL)
    g_ptr_array_add (trees, tree);
  return tree;
}

static void
read_hugo (BylineSiteConfig *self,
           GPtrArray        *files,
           GCancellable     *cancellable)
{
  g_autoptr(GPtrArray) trees = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  g_autoptr(GPtrArray) content = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) archetypes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) themes_out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) static_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) theme_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) config_dir = NULL;
  g_autoptr(GFile) themes_dir = NULL;
  g_autoptr(GPtrArray) mounted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) mounted_targets = g_ptr_array_new_with_free_func (g_free);
  JsonNode *languages = NULL;
  JsonNode *mounts = NULL;
  const char *s;

  g_assert (self != NULL);

  for (guint i = 0; i < files->len; i++)
    {
      char *message = NULL;
      JsonNode *tree = parse_file (self, g_ptr_array_index (files, i), self->root, cancellable, &message);

      add_error (self, message);
      if (tree != NULL)
        {
          g_ptr_array_add (trees, tree);
          g_ptr_array_add (objects, json_node_get_object (tree));
        }
    }

  /* config/_default/languages.toml holds `languages` itself */
  languages = lookup_in (objects, "languages");
  config_dir = g_file_resolve_relative_path (self->root, "config/_default");
  if (languages == NULL)
    languages = read_key_file (self, config_dir, languages_names, trees, cancellable);

  /* module.mounts, or config/_default/module.toml's mounts */
  {
    JsonNode *module = lookup_in (objects, "module");

    if (module != NULL && JSON_NODE_HOLDS_OBJECT (module))
      mounts = lookup (json_node_get_object (module), "mounts");
    if (mounts == NULL &&
        (module = read_key_file (self, config_dir, module_names, trees, cancellable)) != NULL &&
        JSON_NODE_HOLDS_OBJECT (module))
      mounts = lookup (json_node_get_object (module), "mounts");
  }

  /* Mounts for a component replace its default folder, as in Hugo: the
   * content mounts, else contentDir and the languages' own */
  add_mount_sources (mounted, mounted_targets, mounts, "content");
  for (guint i = 0; i < mounted->len; i++)
    {
      GFile *dir = config_path (self->root, g_ptr_array_index (mounted, i));
      const char *folder = g_ptr_array_index (mounted_targets, i);

      if (folder[0] != '\0')
        {
          if (self->content_targets == NULL)
            self->content_targets = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                                           g_object_unref, g_free);
          g_hash_table_replace (self->content_targets, g_object_ref (dir), g_strdup (folder));
        }
      add_file (content, dir);
    }
  s = node_string (lookup_in (objects, "contentDir"));
  if (mounted->len == 0)
    add_file (content, config_path (self->root, s != NULL ? s : "content"));
  if (mounted->len == 0 && languages != NULL && JSON_NODE_HOLDS_OBJECT (languages))
    {
      JsonObject *object = json_node_get_object (languages);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *language = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_OBJECT (language) &&
              (s = node_string (lookup (json_node_get_object (language), "contentDir"))) != NULL)
            add_file (content, config_path (self->root, s));
        }
    }

  /* the static mounts, else staticDir (a string or a list) and
   * staticDir0 … staticDir10 */
  add_mount_sources (static_names, NULL, mounts, "static");
  if (static_names->len == 0)
    {
      add_strings (static_names, lookup_in (objects, "staticDir"));
      if (static_names->len == 0)
        g_ptr_array_add (static_names, g_strdup ("static"));
      for (guint i = 0; i <= 10; i++)
        {
          char key[16];

          g_snprintf (key, sizeof key, "staticDir%u", i);
          add_strings (static_names, lookup_in (objects, key));
        }
    }
  for (guint i = 0; i < static_names->len; i++)
    add_file (statics, config_path (self->root, g_ptr_array_index (static_names, i)));

  g_ptr_array_set_size (mounted, 0);
  add_mount_sources (mounted, NULL, mounts, "archetypes");
  for (guint i = 0; i < mounted->len; i++)
    add_file (archetypes, config_path (self->root, g_ptr_array_index (mounted, i)));
  s = node_string (lookup_in (objects, "archetypeDir"));
  if (mounted->len == 0)
    add_file (archetypes, config_path (self->root, s != NULL ? s : "archetypes"));

  /* the themes, the first wins; each followed by the themes it names in
   * its own configuration */
  s = node_string (lookup_in (objects, "themesDir"));
  themes_dir = config_path (self->root, s != NULL ? s : "themes");
  add_strings (theme_names, lookup_in (objects, "theme"));
  add_themes (self, themes_out, themes_dir, theme_names, 0, cancellable);
  for (guint i = 0; i < themes_out->len; i++)
    {
      GFile *theme = g_ptr_array_index (themes_out, i);

      add_file (statics, g_file_get_child (theme, "static"));
      add_file (archetypes, g_file_get_child (theme, "archetypes"));
    }

  self->content_dirs = end_files (g_steal_pointer (&content));
  self->static_dirs = end_files (g_steal_pointer (&statics));
  self->static_dir = self->static_dirs[0];
  self->archetype_dirs = end_files (g_steal_pointer (&archetypes));
  self->theme_dirs = end_files (g_steal_pointer (&themes_out));
}

static void
read_jekyll (BylineSiteConfig *self,
             GFile            *file,
             GCancellable     *cancellable)
{
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_object_unref);
  char *message = NULL;
  const char *source = NULL;

  g_assert (self != NULL);

  tree = parse_file (self, file, self->root, cancellable, &message);
  add_error (self, message);
  if (tree != NULL)
    source = node_string (lookup (json_node_get_object (tree), "source"));

  g_ptr_array_add (dirs, source != NULL ? config_path (self->root, source) : g_object_ref (self->root));
  self->content_dirs = end_files (g_steal_pointer (&dirs));

  dirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (dirs, g_object_ref (self->content_dirs[0]));
  self->static_dirs = end_files (g_steal_pointer (&dirs));

  self->archetype_dirs = g_new0 (GFile *, 1);
  self->theme_dirs = g_new0 (GFile *, 1);
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */
/* ------------------------------------------------------------------------ */

/* Reads the configuration of @root, recording what it looked at. */
static BylineSiteConfig *
load_config (GFile        *root,
             GCancellable *cancellable)
{
  BylineSiteConfig *self;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) config_dir = NULL;
  GFile *file;

  g_assert (G_IS_FILE (root));

  g_atomic_int_inc (&load_count);

  self = g_new0 (BylineSiteConfig, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = g_object_ref (root);
  self->deps = g_array_new (FALSE, FALSE, sizeof (Dep));
  g_array_set_clear_func (self->deps, dep_clear);
  self->cacheable = TRUE;
  /* before the first stat(): a file changed after this may keep the
   * timestamps it had (see is_racy()) */
  self->loaded_ns = g_get_real_time () * 1000;

  /* the root's file, then config/_default/'s */
  if ((file = first_file (self, root, hugo_names, cancellable)) != NULL)
    g_ptr_array_add (files, file);
  config_dir = g_file_resolve_relative_path (root, "config/_default");
  if ((file = first_file (self, config_dir, hugo_names, cancellable)) != NULL)
    g_ptr_array_add (files, file);

  if (files->len > 0)
    {
      self->kind = BYLINE_SITE_KIND_HUGO;
      read_hugo (self, files, cancellable);
    }
  else
    {
      static const char * const jekyll_names[] = { "_config.yml", NULL };

      file = first_file (self, root, jekyll_names, cancellable);
      if (file != NULL)
        {
          g_ptr_array_add (files, file);
          self->kind = BYLINE_SITE_KIND_JEKYLL;
          read_jekyll (self, file, cancellable);
        }
      else
        {
          GFile **dirs = g_new0 (GFile *, 2);

          self->kind = BYLINE_SITE_KIND_NONE;
          dirs[0] = g_object_ref (root);
          self->content_dirs = dirs;
          self->static_dirs = g_new0 (GFile *, 1);
          self->archetype_dirs = g_new0 (GFile *, 1);
          self->theme_dirs = g_new0 (GFile *, 1);
        }
    }

  self->files = end_files (g_steal_pointer (&files));

  return self;
}

/* ------------------------------------------------------------------------ */
/* The cache                                                                 */
/* ------------------------------------------------------------------------ */

/* Every caller (the preview, the scan, images, templates, the image
 * fields' thumbnails, links) asks for the configuration of the site it is
 * in, often many times a second from worker threads. The cache keeps the
 * last CACHE_SIZE sites' configurations, keyed by the root's path, and
 * gives out references to them: a configuration is never changed after
 * its load, so sharing one between threads needs no lock.
 *
 * A cached configuration is given out only while the disk still says
 * what it said at the load: every path the load looked at (the files it
 * read, and the names it looked for and found missing: hugo.toml before
 * config.toml, config/_default/…, languages.*, module.*, the themes'
 * hugo.* or config.*) is stat()ed again on each lookup and compared with
 * what the load saw (dep_same()); anything different, and the site is
 * read again.
 *
 * stat() can't see a second change within one tick of the file system's
 * clock (or its timestamp granularity: a second on some, two on FAT) when
 * the file keeps its inode and size. So while the files read are younger
 * than RACY_MARGIN_USEC at the load, the entry is "racy" (as git calls
 * its index entries in the same case): each lookup also reads those
 * files again and compares their bytes with what was parsed (a digest,
 * no parsing), until a lookup that began RACY_MARGIN_USEC after their
 * timestamps finds them unchanged; from then on any change gets a
 * timestamp stat() sees. This costs only for configurations saved within
 * the last two seconds.
 *
 * Two threads asking for the same site while it loads share the one load:
 * the second waits for the first. A load whose cancellable was cancelled
 * (its reads may have stopped short) is returned to its caller but never
 * cached. */

#define CACHE_SIZE        8
#define RACY_MARGIN_USEC  (2 * G_USEC_PER_SEC)

typedef struct
{
  char             *key;          /* the root's path */
  BylineSiteConfig *config;       /* NULL until its first load is done */
  guint64           generation;   /* which load config is */
  guint64           last_use;
  guint             loading : 1;  /* a thread is loading it: don't evict, wait */
  guint             racy : 1;     /* compare bytes too (see above) */
} CacheEntry;

static GMutex     cache_lock;
static GCond      cache_cond;     /* an entry's load is over */
static GPtrArray *cache;          /* of CacheEntry */
static guint64    cache_clock;
static guint64    cache_generation;
static gint64     racy_margin_usec = RACY_MARGIN_USEC;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->key);
  g_clear_pointer (&entry->config, byline_site_config_unref);
  g_free (entry);
}

/* TRUE when a file @self read may change again without stat() seeing it,
 * as seen from a lookup (or the load) that began at @start_ns. Called with
 * cache_lock held. */
static gboolean
is_racy (BylineSiteConfig *self,
         gint64            start_ns)
{
  return self->newest_ns > start_ns - racy_margin_usec * 1000;
}

/* TRUE when every path @self's load looked at is still in the state it
 * saw; with @compare_bytes, the files it read also still hold the bytes
 * it read. All the stat()s come before the reads: a file changed between
 * them is seen by the next lookup's stat(). */
static gboolean
deps_unchanged (BylineSiteConfig *self,
                gboolean          compare_bytes)
{
  g_assert (self != NULL);

  for (guint i = 0; i < self->deps->len; i++)
    {
      const Dep *dep = &g_array_index (self->deps, Dep, i);
      Dep now;

      dep_stat (&now, dep->path);
      if (!dep_same (dep, &now))
        return FALSE;
    }

  if (!compare_bytes)
    return TRUE;

  for (guint i = 0; i < self->deps->len; i++)
    {
      const Dep *dep = &g_array_index (self->deps, Dep, i);
      g_autofree char *contents = NULL;
      g_autofree char *digest = NULL;
      gsize len = 0;

      if (dep->digest == NULL)
        continue;
      g_atomic_int_inc (&read_count);
      if (g_file_get_contents (dep->path, &contents, &len, NULL))
        digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      if (g_strcmp0 (digest != NULL ? digest : "", dep->digest) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Called with cache_lock held. */
static CacheEntry *
cache_find (const char *key)
{
  for (guint i = 0; cache != NULL && i < cache->len; i++)
    {
      CacheEntry *entry = g_ptr_array_index (cache, i);

      if (strcmp (entry->key, key) == 0)
        return entry;
    }

  return NULL;
}

/* A new entry for @key, being loaded by the caller. Called with
 * cache_lock held. */
static CacheEntry *
cache_add_loading (const char *key)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  if (cache == NULL)
    cache = g_ptr_array_new_with_free_func (cache_entry_free);
  entry->key = g_strdup (key);
  entry->loading = TRUE;
  entry->last_use = ++cache_clock;
  g_ptr_array_add (cache, entry);

  return entry;
}

/* Drops the least recently used configurations beyond CACHE_SIZE (never
 * one being loaded). Called with cache_lock held. */
static void
cache_evict (void)
{
  for (;;)
    {
      CacheEntry *oldest = NULL;
      guint n = 0;

      for (guint i = 0; i < cache->len; i++)
        {
          CacheEntry *entry = g_ptr_array_index (cache, i);

          if (entry->loading)
            continue;
          n++;
          if (oldest == NULL || entry->last_use < oldest->last_use)
            oldest = entry;
        }
      if (n <= CACHE_SIZE)
        return;
      g_ptr_array_remove_fast (cache, oldest);
    }
}

/* The configuration of @root, from the cache while the disk says the
 * same, else loaded (and cached). Full reference. */
static BylineSiteConfig *
cache_lookup (GFile        *root,
              GCancellable *cancellable)
{
  g_autofree char *key = g_file_get_path (root);
  BylineSiteConfig *config;
  CacheEntry *entry;

  g_assert (G_IS_FILE (root));

  /* not a local folder: nothing to stat() */
  if (key == NULL)
    return load_config (root, cancellable);

  g_mutex_lock (&cache_lock);
  for (;;)
    {
      g_autoptr(BylineSiteConfig) cached = NULL;
      guint64 generation;
      gboolean racy, unchanged;
      gint64 start_ns;

      entry = cache_find (key);
      if (entry == NULL)
        {
          entry = cache_add_loading (key);
          break;
        }
      if (entry->loading)
        {
          /* another thread is reading this site: use what it reads */
          g_cond_wait (&cache_cond, &cache_lock);
          continue;
        }

      cached = byline_site_config_ref (entry->config);
      generation = entry->generation;
      racy = entry->racy;
      g_mutex_unlock (&cache_lock);

      start_ns = g_get_real_time () * 1000;
      unchanged = deps_unchanged (cached, racy);

      g_mutex_lock (&cache_lock);
      entry = cache_find (key);
      if (unchanged)
        {
          if (entry != NULL && !entry->loading && entry->generation == generation)
            {
              entry->last_use = ++cache_clock;
              if (racy && !is_racy (cached, start_ns))
                entry->racy = FALSE;
            }
          g_mutex_unlock (&cache_lock);
          return g_steal_pointer (&cached);
        }

      /* changed: read it again, unless another thread is doing it or has
       * done it (then look at what it read) */
      if (entry == NULL)
        {
          entry = cache_add_loading (key);
          break;
        }
      if (!entry->loading && entry->generation == generation)
        {
          entry->loading = TRUE;
          break;
        }
    }
  g_mutex_unlock (&cache_lock);

  /* @entry is ours until loading is cleared: nothing else frees it */
  config = load_config (root, cancellable);

  g_mutex_lock (&cache_lock);
  entry->loading = FALSE;
  if (g_cancellable_is_cancelled (cancellable) || !config->cacheable)
    {
      /* not the whole story: leave the entry as it was, or drop it */
      if (entry->config == NULL || !config->cacheable)
        g_ptr_array_remove_fast (cache, entry);
    }
  else
    {
      g_clear_pointer (&entry->config, byline_site_config_unref);
      entry->config = byline_site_config_ref (config);
      entry->generation = ++cache_generation;
      entry->racy = is_racy (config, config->loaded_ns);
      entry->last_use = ++cache_clock;
      cache_evict ();
    }
  g_cond_broadcast (&cache_cond);
  g_mutex_unlock (&cache_lock);

  return config;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

BylineSiteConfig *
byline_site_config_new (GFile        *root,
                        GCancellable *cancellable)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return cache_lookup (root, cancellable);
}


BylineSiteConfig *
byline_site_config_new_for_post (GFile        *post,
                                 GCancellable *cancellable)
{
  g_autoptr(GFile) root = NULL;

  g_return_val_if_fail (G_IS_FILE (post), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  root = byline_site_find_root (post, NULL, cancellable);
  return byline_site_config_new (root, cancellable);
}

BylineSiteConfig *
byline_site_config_ref (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_site_config_unref (BylineSiteConfig *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_object (&self->root);
      g_free (self->error);
      free_files (self->files);
      free_files (self->content_dirs);
      g_clear_pointer (&self->content_targets, g_hash_table_unref);
      free_files (self->static_dirs);
      free_files (self->archetype_dirs);
      free_files (self->theme_dirs);
      g_clear_pointer (&self->deps, g_array_unref);
      g_free (self);
    }
}

GFile *
byline_site_config_get_root (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root;
}

BylineSiteKind
byline_site_config_get_kind (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_SITE_KIND_NONE);
  return self->kind;
}

GFile * const *
byline_site_config_get_files (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->files;
}

const char *
byline_site_config_get_error (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

GFile * const *
byline_site_config_get_content_dirs (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content_dirs;
}

GFile *
byline_site_config_get_content_dir (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content_dirs[0];
}

GFile * const *
byline_site_config_get_static_dirs (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->static_dirs;
}

GFile *
byline_site_config_get_static_dir (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->static_dir;
}

GFile * const *
byline_site_config_get_archetype_dirs (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->archetype_dirs;
}

GFile * const *
byline_site_config_get_theme_dirs (BylineSiteConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->theme_dirs;
}

char *
byline_site_config_dup_content_path (BylineSiteConfig *self,
                                     GFile            *file)
{
  g_autofree char *best = NULL;   /* the path under the deepest content folder */
  GFile *best_dir = NULL;
  const char *folder = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; self->content_dirs[i] != NULL; i++)
    {
      char *relative = g_file_get_relative_path (self->content_dirs[i], file);

      if (relative != NULL && (best == NULL || strlen (relative) < strlen (best)))
        {
          g_free (best);
          best = relative;
          best_dir = self->content_dirs[i];
        }
      else
        g_free (relative);
    }

  if (best == NULL)
    return NULL;
  if (self->content_targets != NULL)
    folder = g_hash_table_lookup (self->content_targets, best_dir);

  /* "/" between the parts, as Hugo writes paths */
  parts = g_strsplit (best, G_DIR_SEPARATOR_S, -1);
  {
    g_autofree char *joined = g_strjoinv ("/", parts);

    return folder != NULL ? g_strconcat (folder, "/", joined, NULL) : g_steal_pointer (&joined);
  }
}

char *
byline_site_config_dup_section (BylineSiteConfig *self,
                                GFile            *file)
{
  g_autofree char *path = NULL;
  const char *slash;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = byline_site_config_dup_content_path (self, file);
  if (path == NULL)
    return NULL;
  slash = strchr (path, '/');
  return slash != NULL ? g_strndup (path, slash - path) : g_strdup ("");
}

GFile *
byline_site_config_find_archetype (BylineSiteConfig *self,
                                   const char       *section,
                                   GCancellable     *cancellable)
{
  g_autofree char *section_name = NULL;
  const char *names[3] = { NULL, NULL, NULL };
  guint n_names = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (section != NULL && section[0] != '\0' && strchr (section, G_DIR_SEPARATOR) == NULL &&
      strcmp (section, "..") != 0 && strcmp (section, ".") != 0)
    {
      section_name = g_strconcat (section, ".md", NULL);
      names[n_names++] = section_name;
    }
  names[n_names++] = "default.md";

  /* Hugo's archetypes are one file system, the site's over the themes':
   * each name is looked up in all of them before the next name. */
  for (guint n = 0; n < n_names; n++)
    {
      for (guint i = 0; self->archetype_dirs[i] != NULL; i++)
        {
          g_autoptr(GFile) candidate = g_file_get_child (self->archetype_dirs[i], names[n]);

          if (g_cancellable_is_cancelled (cancellable))
            return NULL;
          if (g_file_query_file_type (candidate, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
            return g_steal_pointer (&candidate);
        }
    }

  return NULL;
}

GFile *
byline_site_config_resolve_static (BylineSiteConfig *self,
                                   const char       *path,
                                   GCancellable     *cancellable)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  while (*path == '/')
    path++;
  if (*path == '\0')
    return NULL;

  for (guint i = 0; self->static_dirs[i] != NULL; i++)
    {
      g_autoptr(GFile) candidate = g_file_resolve_relative_path (self->static_dirs[i], path);

      if (!g_file_has_prefix (candidate, self->static_dirs[i]))
        return NULL;
      if (g_file_query_file_type (candidate, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* For the tests and benchmarks (byline-site-config-private.h)               */
/* ------------------------------------------------------------------------ */

BylineSiteConfig *
byline_site_config_new_uncached (GFile        *root,
                                 GCancellable *cancellable)
{
  g_return_val_if_fail (G_IS_FILE (root), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return load_config (root, cancellable);
}

guint
byline_site_config_get_load_count (void)
{
  return (guint) g_atomic_int_get (&load_count);
}

guint
byline_site_config_get_read_count (void)
{
  return (guint) g_atomic_int_get (&read_count);
}

void
byline_site_config_cache_clear (void)
{
  g_mutex_lock (&cache_lock);
  for (guint i = cache != NULL ? cache->len : 0; i > 0; i--)
    {
      CacheEntry *entry = g_ptr_array_index (cache, i - 1);

      if (!entry->loading)
        g_ptr_array_remove_index_fast (cache, i - 1);
    }
  g_mutex_unlock (&cache_lock);
}

guint
byline_site_config_cache_get_size (void)
{
  guint n = 0;

  g_mutex_lock (&cache_lock);
  for (guint i = 0; cache != NULL && i < cache->len; i++)
    {
      CacheEntry *entry = g_ptr_array_index (cache, i);

      if (entry->config != NULL)
        n++;
    }
  g_mutex_unlock (&cache_lock);

  return n;
}

gint64
byline_site_config_cache_set_racy_margin (gint64 usec)
{
  gint64 old;

  g_mutex_lock (&cache_lock);
  old = racy_margin_usec;
  racy_margin_usec = usec;
  g_mutex_unlock (&cache_lock);

  return old;
}

void
byline_site_config_cache_set_timestamp_granularity (guint msec)
{
  g_atomic_int_set (&stat_granularity_ms, (gint) msec);
}
