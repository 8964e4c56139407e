/* byline-image-link.c: front matter values that name an image, and the
 * file they point at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-image-link"

#include "config.h"

#include <string.h>

#include "byline-image-link.h"

/* Names (lower case, without '_' and '-') that hold an image; besides
 * these, any name ending in "image" or "images". */
static const char * const image_keys[] = {
  "image", "images", "img", "thumbnail", "thumbnails", "thumb", "cover",
  "featured", "banner", "hero", "teaser", "photo", "picture", "poster",
  "screenshot", "og", NULL
};

static const char * const image_extensions[] = {
  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", NULL
};

/* @key in lower case without '_' and '-'. */
static char *
normalize_key (const char *key)
{
  GString *out = g_string_sized_new (strlen (key));

  for (const char *p = key; *p != '\0'; p++)
    if (*p != '_' && *p != '-')
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/* What may follow an image's name: image_path, imageUrl, cover_src. */
static const char * const path_suffixes[] = { "path", "url", "src", "file", NULL };

static gboolean
name_is_image (const char *name)
{
  return g_strv_contains (image_keys, name) ||
         g_str_has_suffix (name, "image") ||
         g_str_has_suffix (name, "images");
}

gboolean
byline_image_link_key_is_image (const char *key)
{
  g_autofree char *name = NULL;
  gsize len;

  g_return_val_if_fail (key != NULL, FALSE);

  name = normalize_key (key);
  if (name_is_image (name))
    return TRUE;

  len = strlen (name);
  for (guint i = 0; path_suffixes[i] != NULL; i++)
    {
      gsize suffix_len = strlen (path_suffixes[i]);

      if (len > suffix_len && g_str_has_suffix (name, path_suffixes[i]))
        {
          name[len - suffix_len] = '\0';
          return name_is_image (name);
        }
    }

  return FALSE;
}

/* The length of @value before any '?' or '#'. */
static gsize
path_length (const char *value)
{
  return strcspn (value, "?#");
}

gboolean
byline_image_link_looks_like_image (const char *value)
{
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (value != NULL, FALSE);

  if (strchr (value, '\n') != NULL || strchr (value, '\r') != NULL)
    return FALSE;

  len = path_length (value);
  while (len > 0 && g_ascii_isspace (value[len - 1]))
    len--;
  lower = g_ascii_strdown (value, len);

  for (guint i = 0; image_extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, image_extensions[i]) &&
        strlen (lower) > strlen (image_extensions[i]))
      return TRUE;

  return FALSE;
}

gboolean
byline_image_link_is_image_field (const char *key,
                                  const char *value)
{
  gboolean blank = TRUE;
  gboolean spaces = FALSE;

  if (value != NULL && byline_image_link_looks_like_image (value))
    return TRUE;
  if (key == NULL || !byline_image_link_key_is_image (key))
    return FALSE;
  if (value == NULL)
    return TRUE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        spaces = TRUE;
      else
        blank = FALSE;
    }

  return blank || !spaces || strpbrk (value, "/.") != NULL;
}

static gboolean
is_regular_file (GFile        *file,
                 GCancellable *cancellable)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
}

/* @file found or missing, handed to @out. */
static BylineImageLinkKind
local_file (GFile        *file,
            GFile       **out,
            GCancellable *cancellable)
{
  BylineImageLinkKind kind = is_regular_file (file, cancellable) ? BYLINE_IMAGE_LINK_FOUND
                                                                 : BYLINE_IMAGE_LINK_MISSING;

  if (out != NULL)
    *out = g_object_ref (file);

  return kind;
}

/* A site-root @path ("/images/a.png", decoded) in the site of @config. */
static BylineImageLinkKind
resolve_site_root (BylineSiteConfig  *config,
                   const char        *path,
                   GFile            **out,
                   GCancellable      *cancellable)
{
  GFile * const *dirs = config != NULL ? byline_site_config_get_static_dirs (config) : NULL;
  g_autoptr(GFile) found = NULL;
  const char *rel = path;

  if (dirs == NULL || dirs[0] == NULL)
    {
      /* No site: the preview reads it as an absolute path. */
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return local_file (file, out, cancellable);
    }

  found = byline_site_config_resolve_static (config, path, cancellable);
  if (found != NULL)
    {
      if (out != NULL)
        *out = g_steal_pointer (&found);
      return BYLINE_IMAGE_LINK_FOUND;
    }

  /* Where it would be in the first static folder. */
  while (*rel == '/')
    rel++;
  if (out != NULL)
    *out = g_file_resolve_relative_path (dirs[0], rel);

  return BYLINE_IMAGE_LINK_MISSING;
}

BylineImageLinkKind
byline_image_link_resolve (GFile             *post,
                           BylineSiteConfig  *config,
                           const char        *link,
                           GFile            **file,
                           GCancellable      *cancellable)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) post_dir = NULL;
  g_autoptr(GFile) beside = NULL;
  const char *scheme;   /* interned */

  g_return_val_if_fail (post == NULL || G_IS_FILE (post), BYLINE_IMAGE_LINK_EMPTY);
  g_return_val_if_fail (link != NULL, BYLINE_IMAGE_LINK_EMPTY);
  g_return_val_if_fail (file == NULL || *file == NULL, BYLINE_IMAGE_LINK_EMPTY);

  trimmed = g_strstrip (g_strdup (link));
  if (trimmed[0] == '\0')
    return BYLINE_IMAGE_LINK_EMPTY;

  if (g_str_has_prefix (trimmed, "//"))
    return BYLINE_IMAGE_LINK_URL;

  scheme = g_uri_peek_scheme (trimmed);
  if (scheme != NULL)
    {
      if (g_str_equal (scheme, "file"))
        {
          g_autoptr(GFile) local = g_file_new_for_uri (trimmed);

          if (g_file_is_native (local))
            return local_file (local, file, cancellable);
        }
      return BYLINE_IMAGE_LINK_URL;
    }

  trimmed[path_length (trimmed)] = '\0';
  path = g_uri_unescape_string (trimmed, NULL);
  if (path == NULL)
    path = g_strdup (trimmed);
  if (path[0] == '\0')
    return BYLINE_IMAGE_LINK_EMPTY;

  if (path[0] == '/')
    return resolve_site_root (config, path, file, cancellable);

  if (post == NULL)
    return BYLINE_IMAGE_LINK_NO_POST;

  post_dir = g_file_get_parent (post);
  if (post_dir == NULL)
    return BYLINE_IMAGE_LINK_NO_POST;
  beside = g_file_resolve_relative_path (post_dir, path);
  if (is_regular_file (beside, cancellable))
    {
      if (file != NULL)
        *file = g_steal_pointer (&beside);
      return BYLINE_IMAGE_LINK_FOUND;
    }

  /* Hugo themes pass such values through absURL: from the site root. */
  if (config != NULL && byline_site_config_get_kind (config) == BYLINE_SITE_KIND_HUGO)
    {
      g_autofree char *rooted = g_strconcat ("/", path, NULL);
      g_autoptr(GFile) found = byline_site_config_resolve_static (config, rooted, cancellable);

      if (found != NULL)
        {
          if (file != NULL)
            *file = g_steal_pointer (&found);
          return BYLINE_IMAGE_LINK_FOUND;
        }
    }

  if (file != NULL)
    *file = g_steal_pointer (&beside);

  return BYLINE_IMAGE_LINK_MISSING;
}
