/* byline-site-config.c: a site's configuration, read for where the site
 * keeps its content, static files, archetypes and themes.
 *
 * Each format is read by its library (TOML with toml++ through
 * byline-toml, YAML with libyaml through the front matter engine, JSON with
 * json-glib) into a JSON tree, and the few keys Byline needs are looked up
 * in it case-insensitively, as Hugo does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-site-config"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-site.h"
#include "byline-site-config.h"
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
};

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

/* The first of @names that is a regular file in @dir, or NULL. */
static GFile *
first_file (GFile              *dir,
            const char * const *names,
            GCancellable       *cancellable)
{
  g_assert (G_IS_FILE (dir));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, names[i]);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
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
parse_file (GFile         *file,
            GFile         *root,
            GCancellable  *cancellable,
            char         **error_out)
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
      *error_out = g_strdup_printf ("%s: %s", display, error->message);
      return NULL;
    }
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
add_themes (GPtrArray    *themes,
            GFile        *themes_dir,
            GPtrArray    *names,
            guint         depth,
            GCancellable *cancellable)
{
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
      theme_config = first_file (theme, hugo_names, cancellable);
      if (theme_config != NULL)
        {
          g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *message = NULL;
          g_autoptr(JsonNode) tree = parse_file (theme_config, themes_dir, cancellable, &message);

          if (tree == NULL)
            {
              g_debug ("A theme's configuration can't be read: %s", message);
              continue;
            }
          add_strings (imports, lookup (json_node_get_object (tree), "theme"));
          add_themes (themes, themes_dir, imports, depth + 1, cancellable);
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
  g_autoptr(GFile) file = first_file (config_dir, names, cancellable);
  char *message = NULL;
  JsonNode *tree;

  if (file == NULL)
    return NULL;
  tree = parse_file (file, self->root, cancellable, &message);
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
      JsonNode *tree = parse_file (g_ptr_array_index (files, i), self->root, cancellable, &message);

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
  add_themes (themes_out, themes_dir, theme_names, 0, cancellable);
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

  tree = parse_file (file, self->root, cancellable, &message);
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
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

BylineSiteConfig *
byline_site_config_new (GFile        *root,
                        GCancellable *cancellable)
{
  BylineSiteConfig *self;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) config_dir = NULL;
  GFile *file;

  g_return_val_if_fail (G_IS_FILE (root), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_new0 (BylineSiteConfig, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = g_object_ref (root);

  /* the root's file, then config/_default/'s */
  if ((file = first_file (root, hugo_names, cancellable)) != NULL)
    g_ptr_array_add (files, file);
  config_dir = g_file_resolve_relative_path (root, "config/_default");
  if ((file = first_file (config_dir, hugo_names, cancellable)) != NULL)
    g_ptr_array_add (files, file);

  if (files->len > 0)
    {
      self->kind = BYLINE_SITE_KIND_HUGO;
      read_hugo (self, files, cancellable);
    }
  else
    {
      static const char * const jekyll_names[] = { "_config.yml", NULL };

      file = first_file (root, jekyll_names, cancellable);
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
