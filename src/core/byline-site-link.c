/* byline-site-link.c: the Markdown link from one post to another post of
 * the same site (see byline-site-link.h).
 *
 * Hugo resolves {{< ref "posts/a.md" >}} against its content folders, and
 * a leaf bundle by its folder; Jekyll finds a post by its name with
 * {% post_url %} and any other file by its path below the source with
 * {% link %}. Both check at build time that the target exists, which a
 * plain relative path would not give. A folder that is no site gets the
 * relative path, which the preview (and any Markdown reader) follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-site-link"

#include "config.h"

#include <string.h>

#include "byline-site-link.h"

/* Characters a relative link keeps as they are, besides the unreserved
 * ones: the path's separators and the sub-delimiters that mean nothing to
 * Markdown. Parentheses, spaces, ':' (a scheme), '#', '?' and '%' are
 * escaped. */
#define PATH_CHARS_KEPT "/!$&'*+,;=@"

/* @path (in the file system's encoding, '/' separators) as UTF-8. */
static char *
path_to_utf8 (const char *path)
{
  char *utf8 = g_filename_to_utf8 (path, -1, NULL, NULL, NULL);

  return utf8 != NULL ? utf8 : g_filename_display_name (path);
}

/* @file's path relative to @dir, with '/' separators; NULL when @file is
 * not below @dir. */
static char *
relative_below (GFile *dir,
                GFile *file)
{
  char *rel = g_file_get_relative_path (dir, file);

  if (rel != NULL && G_DIR_SEPARATOR != '/')
    g_strdelimit (rel, G_DIR_SEPARATOR_S, '/');
  return rel;
}

/* @name without its extension ("a.md" → "a"; ".md" stays). */
static char *
strip_extension (const char *name)
{
  const char *base = strrchr (name, '/');
  const char *dot = strrchr (base != NULL ? base + 1 : name, '.');

  base = base != NULL ? base + 1 : name;
  if (dot == NULL || dot == base)
    return g_strdup (name);
  return g_strndup (name, dot - name);
}

/* A leaf bundle's content file: index.md, index.en.md (not _index.md,
 * a section's, which ref takes as is). */
static gboolean
is_leaf_bundle_name (const char *name)
{
  return strcmp (name, "index") == 0 || g_str_has_prefix (name, "index.");
}

/* Hugo: the post's path as Hugo sees it under content/ (module mounts
 * included), the path ref takes. */
static char *
hugo_destination (BylineSiteConfig *config,
                  GFile            *post)
{
  g_autofree char *rel = byline_site_config_dup_content_path (config, post);
  g_autofree char *utf8 = NULL;
  const char *slash;

  if (rel == NULL)
    return NULL;

  utf8 = path_to_utf8 (rel);
  slash = strrchr (utf8, '/');
  if (slash != NULL && is_leaf_bundle_name (slash + 1))
    utf8[slash - utf8] = '\0';

  /* a path with a quote in it: Hugo's raw string, in backquotes */
  if (strchr (utf8, '"') != NULL && strchr (utf8, '`') == NULL)
    return g_strdup_printf ("{{< ref `%s` >}}", utf8);
  return g_strdup_printf ("{{< ref \"%s\" >}}", utf8);
}

static char *
jekyll_destination (BylineSiteConfig *config,
                    GFile            *post)
{
  g_autofree char *rel = relative_below (byline_site_config_get_content_dir (config), post);
  g_autofree char *utf8 = NULL;
  g_auto(GStrv) parts = NULL;
  int posts_at = -1;

  if (rel == NULL)
    return NULL;

  utf8 = path_to_utf8 (rel);
  parts = g_strsplit (utf8, "/", -1);
  /* the last _posts folder on the way: posts can sit in category/_posts/ */
  for (int i = 0; parts[i] != NULL && parts[i + 1] != NULL; i++)
    {
      if (strcmp (parts[i], "_posts") == 0)
        posts_at = i;
    }

  if (posts_at >= 0)
    {
      g_autofree char *below = g_strjoinv ("/", parts + posts_at + 1);
      g_autofree char *name = strip_extension (below);

      return g_strdup_printf ("{%% post_url %s %%}", name);
    }

  return g_strdup_printf ("{%% link %s %%}", utf8);
}

/* @path's components, without empty ones. */
static GPtrArray *
split_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
        g_ptr_array_add (list, g_strdup (parts[i]));
    }
  return list;
}

static char *
relative_destination (GFile *from,
                      GFile *post)
{
  g_autoptr(GFile) from_dir = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *post_path = NULL;
  g_autoptr(GPtrArray) dir_parts = NULL;
  g_autoptr(GPtrArray) post_parts = NULL;
  g_autoptr(GString) rel = g_string_new (NULL);
  guint common = 0;

  if (from == NULL)
    return NULL;
  from_dir = g_file_get_parent (from);
  dir_path = from_dir != NULL ? g_file_get_path (from_dir) : NULL;
  post_path = g_file_get_path (post);
  if (dir_path == NULL || post_path == NULL)
    return NULL;

  dir_parts = split_path (dir_path);
  post_parts = split_path (post_path);
  while (common < dir_parts->len && common + 1 < post_parts->len &&
         strcmp (g_ptr_array_index (dir_parts, common), g_ptr_array_index (post_parts, common)) == 0)
    common++;

  for (guint i = common; i < dir_parts->len; i++)
    g_string_append (rel, "../");
  for (guint i = common; i < post_parts->len; i++)
    {
      if (i > common)
        g_string_append_c (rel, '/');
      g_string_append (rel, g_ptr_array_index (post_parts, i));
    }

  if (g_utf8_validate (rel->str, -1, NULL))
    return g_uri_escape_string (rel->str, PATH_CHARS_KEPT, TRUE);
  return g_uri_escape_bytes ((const guint8 *) rel->str, rel->len, PATH_CHARS_KEPT);
}

/* Public API */

char *
byline_site_link_escape_text (const char *text)
{
  GString *escaped;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

char *
byline_site_link_dup_destination (BylineSiteConfig *config,
                                  GFile            *from,
                                  GFile            *post)
{
  char *destination = NULL;

  g_return_val_if_fail (!from || G_IS_FILE (from), NULL);
  g_return_val_if_fail (G_IS_FILE (post), NULL);

  switch (config != NULL ? byline_site_config_get_kind (config) : BYLINE_SITE_KIND_NONE)
    {
    case BYLINE_SITE_KIND_HUGO:
      destination = hugo_destination (config, post);
      break;
    case BYLINE_SITE_KIND_JEKYLL:
      destination = jekyll_destination (config, post);
      break;
    case BYLINE_SITE_KIND_NONE:
    default:
      break;
    }

  /* no site, or a file outside its content */
  if (destination == NULL)
    destination = relative_destination (from, post);

  return destination;
}

char *
byline_site_link_for_post (BylineSiteConfig *config,
                           GFile            *from,
                           GFile            *post,
                           const char       *text)
{
  g_autofree char *destination = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (!from || G_IS_FILE (from), NULL);
  g_return_val_if_fail (G_IS_FILE (post), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  destination = byline_site_link_dup_destination (config, from, post);
  if (destination == NULL)
    return NULL;

  escaped = byline_site_link_escape_text (text);
  return g_strdup_printf ("[%s](%s)", escaped, destination);
}
