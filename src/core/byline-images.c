/* byline-images.c: images dropped on a post or chosen for it: where they
 * go and how the post links them.
 *
 * Folders are compared as GIO paths (g_file_has_prefix), without resolving
 * symbolic links: an image reached through a link inside the post's folder
 * counts as inside it, whatever the link points to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-images"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "byline-images.h"
#include "byline-site.h"
#include "byline-site-config.h"

/* How many names ("photo-2.jpg", "photo-3.jpg"…) are tried before giving up,
 * and how often a copy is retried when another program took the name
 * between the plan and the copy. */
#define MAX_NAME_TRIES  10000
#define MAX_COPY_TRIES  16

/* Characters left as they are in a link, besides the unreserved ones
 * (letters, digits, "-._~") and UTF-8, which g_uri_escape_string() always
 * keeps:
 *
 *  - "/" separates the folders of the path;
 *  - "!$'*+,;=@" are allowed in a URL path (RFC 3986) and mean nothing in a
 *    Markdown link destination.
 *
 * Escaped although a URL path may hold them, because of Markdown or of what
 * the link is resolved against:
 *
 *  - "(" and ")": they end the destination when unbalanced;
 *  - "&": cmark decodes entities ("&amp;") in a destination;
 *  - ":": "a:b.png" would be read as a URL with the scheme "a:".
 *
 * Everything else is escaped: spaces (which end the destination), "<", ">",
 * "\\" (a Markdown escape), "#" and "?" (they start a fragment or a query),
 * "%" (so a name holding "%20" keeps it), control characters, and bytes
 * that are not UTF-8. */
#define LINK_ALLOWED_CHARS "/!$'*+,;=@"

/* Characters that mean something in the alt text of "![alt](link)", escaped
 * with a backslash. */
#define ALT_ESCAPED_CHARS "\\[]*`<~"

G_DEFINE_QUARK (byline-images-error-quark, byline_images_error)

/* ------------------------------------------------------------------------ */
/* Names and links                                                           */
/* ------------------------------------------------------------------------ */

/* The length of @name without its extension: up to its last '.', unless
 * that is the first character (".x" has no extension) or there is none. */
static gsize
stem_length (const char *name)
{
  const char *dot;

  g_assert (name != NULL);

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    return strlen (name);

  return dot - name;
}

/* "photo.jpg" and 3 give "photo-3.jpg"; "README" gives "README-3"; ".x"
 * gives ".x-3". */
static char *
numbered_name (const char *name,
               guint       n)
{
  gsize stem = stem_length (name);

  g_assert (n >= 2);

  return g_strdup_printf ("%.*s-%u%s", (int) stem, name, n, name + stem);
}

static char *
escape_link (const char *path)
{
  g_assert (path != NULL);

  return g_uri_escape_string (path, LINK_ALLOWED_CHARS, TRUE);
}

/* The alt text made from the file name @display_name (UTF-8): without its
 * extension, '-' and '_' as spaces (runs of them as one), the first letter
 * upper-case, Markdown's brackets and other specials escaped. */
static char *
alt_text (const char *display_name)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  GString *alt;
  gsize stem;
  gboolean first = TRUE;

  g_assert (display_name != NULL);

  stem = stem_length (display_name);

  for (const char *p = display_name; p < display_name + stem; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_' || g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          if (plain->len > 0 && plain->str[plain->len - 1] != ' ')
            g_string_append_c (plain, ' ');
          continue;
        }

      if (first)
        {
          c = g_unichar_totitle (c);
          first = FALSE;
        }
      g_string_append_unichar (plain, c);
    }

  if (plain->len > 0 && plain->str[plain->len - 1] == ' ')
    g_string_truncate (plain, plain->len - 1);

  alt = g_string_sized_new (plain->len + 8);
  for (gsize i = 0; i < plain->len; i++)
    {
      if (strchr (ALT_ESCAPED_CHARS, plain->str[i]) != NULL)
        g_string_append_c (alt, '\\');
      g_string_append_c (alt, plain->str[i]);
    }

  return g_string_free (alt, FALSE);
}

/* @file's name as a person reads it, for messages and the alt text. */
static char *
display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_strdup ("?");

  return g_utf8_make_valid (basename, -1);
}

/* The relative path from @parent to @file (below it), with "/" separators. */
static char *
relative_path (GFile *parent,
               GFile *file)
{
  char *rel = g_file_get_relative_path (parent, file);

  g_assert (rel != NULL);

  if (G_DIR_SEPARATOR != '/')
    g_strdelimit (rel, G_DIR_SEPARATOR_S, '/');

  return rel;
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
check_image (GFile         *image,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = display_basename (image);
  g_autofree char *mime = NULL;
  const char *type;

  info = g_file_query_info (image,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE,
                   _("“%s” is a folder, not an image."), name);
      return FALSE;
    }

  /* The content type guessed from the name and the first bytes; on Unix
   * it is a MIME type, elsewhere it is converted to one. "image/…" as a
   * pattern is not something every platform's g_content_type_is_a()
   * understands, so the prefix of the MIME type is checked. */
  type = g_file_info_get_content_type (info);
  if (type != NULL)
    mime = g_content_type_get_mime_type (type);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      mime == NULL || !g_str_has_prefix (mime, "image/"))
    {
      g_set_error (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not an image."), name);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when something (even a dangling symbolic link) is at @file. */
static gboolean
name_taken (GFile         *file,
            gboolean      *taken,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, &local_error);
  if (info != NULL)
    {
      *taken = TRUE;
      return TRUE;
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *taken = FALSE;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The first of @name, "NAME-2.EXT", "NAME-3.EXT"… free in @dir. */
static GFile *
free_destination (GFile         *dir,
                  const char    *name,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *display = NULL;

  for (guint n = 1; n <= MAX_NAME_TRIES; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name) : numbered_name (name, n);
      g_autoptr(GFile) dest = g_file_get_child (dir, candidate);
      g_autoptr(GError) local_error = NULL;
      gboolean taken = FALSE;

      if (!name_taken (dest, &taken, cancellable, &local_error))
        {
          display = g_filename_display_name (name);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, local_error->domain, local_error->code,
                         _("Could not copy “%s”: %s"), display, local_error->message);
          return NULL;
        }

      if (!taken)
        return g_steal_pointer (&dest);
    }

  display = g_filename_display_name (name);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("There is no free name for “%s”."), display);
  return NULL;
}

char *
byline_images_plan (GFile         *post,
                    GFile         *image,
                    GFile        **copy_to,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) post_dir = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(BylineSiteConfig) config = NULL;
  GFile *static_dir = NULL;
  g_autoptr(GFile) dest_dir = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *dest_name = NULL;
  g_autofree char *rel = NULL;
  g_autofree char *escaped = NULL;
  gboolean is_site = FALSE;
  gboolean is_hugo = FALSE;
  gboolean to_static;

  g_return_val_if_fail (G_IS_FILE (post), NULL);
  g_return_val_if_fail (G_IS_FILE (image), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (copy_to != NULL)
    *copy_to = NULL;

  if (!check_image (image, cancellable, error))
    return NULL;

  post_dir = g_file_get_parent (post);
  if (post_dir == NULL)
    {
      g_set_error_literal (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NO_POST_FILE,
                           _("The post is not a file in a folder."));
      return NULL;
    }

  root = byline_site_find_root (post, &is_site, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (is_site)
    {
      /* the site's configuration says where its static files are */
      config = byline_site_config_new (root, cancellable);
      is_hugo = byline_site_config_get_kind (config) == BYLINE_SITE_KIND_HUGO;
    }

  /* Already published by Hugo from a static folder (the site's staticDirs,
   * the themes' static/): linked from the site root. */
  if (is_hugo)
    {
      GFile * const *static_dirs = byline_site_config_get_static_dirs (config);

      for (guint i = 0; static_dirs[i] != NULL; i++)
        {
          if (g_file_has_prefix (image, static_dirs[i]))
            {
              rel = relative_path (static_dirs[i], image);
              escaped = escape_link (rel);
              return g_strconcat ("/", escaped, NULL);
            }
        }
      static_dir = byline_site_config_get_static_dir (config);
    }

  /* Copied to static/images/ for a Hugo post that is not a page bundle:
   * Hugo publishes nothing else beside such a post, not even an image
   * already there. */
  to_static = is_hugo && !byline_site_is_page_bundle (post);

  /* Already beside the post or below it: linked relatively. */
  if (!to_static && g_file_has_prefix (image, post_dir))
    {
      rel = relative_path (post_dir, image);
      return escape_link (rel);
    }

  /* Copied, else beside the post. */
  if (to_static)
    dest_dir = g_file_get_child (static_dir, "images");
  else
    dest_dir = g_object_ref (post_dir);

  basename = g_file_get_basename (image);
  g_assert (basename != NULL);

  dest = free_destination (dest_dir, basename, cancellable, error);
  if (dest == NULL)
    return NULL;

  dest_name = g_file_get_basename (dest);
  escaped = escape_link (dest_name);

  if (copy_to != NULL)
    *copy_to = g_steal_pointer (&dest);

  if (to_static)
    return g_strconcat ("/images/", escaped, NULL);

  return g_steal_pointer (&escaped);
}

/* ------------------------------------------------------------------------ */
/* The import                                                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GFile *post;      /* nullable */
  GList *images;    /* GFile, owned */
} ImportData;

static gpointer
copy_file (gconstpointer src,
           gpointer      user_data)
{
  g_assert (G_IS_FILE (src));

  return g_object_ref ((gpointer) src);
}

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_clear_object (&d->post);
  g_list_free_full (d->images, g_object_unref);
  g_free (d);
}

/* Copies @image to @dest, creating its folder. A half-made copy is
 * removed. Fails with G_IO_ERROR_EXISTS, untouched, when @dest is taken. */
static gboolean
copy_image (GFile         *image,
            GFile         *dest,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) dir = g_file_get_parent (dest);
  g_autoptr(GError) local_error = NULL;

  g_assert (dir != NULL);

  if (!g_file_make_directory_with_parents (dir, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  if (!g_file_copy (image, dest, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
    {
      /* Not ours when it existed before; anything else is a copy that
       * began and did not end. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_file_delete (dest, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Plans and copies one image; returns its link, or NULL with @error set. */
static char *
import_link (GFile         *post,
             GFile         *image,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *name = display_basename (image);

  g_assert (G_IS_FILE (post));
  g_assert (G_IS_FILE (image));

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GFile) dest = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *link = NULL;

      link = byline_images_plan (post, image, &dest, cancellable, error);
      if (link == NULL)
        return NULL;

      if (dest != NULL && !copy_image (image, dest, cancellable, &local_error))
        {
          /* Another program took the name since the plan: plan again. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) &&
              attempt + 1 < MAX_COPY_TRIES)
            continue;

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, local_error->domain, local_error->code,
                         _("Could not copy “%s”: %s"), name, local_error->message);
          return NULL;
        }

      return g_steal_pointer (&link);
    }
}

/* Plans and copies one image; returns its "![alt](link)", or NULL with
 * @error set. */
static char *
import_one (GFile         *post,
            GFile         *image,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *name = display_basename (image);
  g_autofree char *alt = NULL;
  g_autofree char *link = import_link (post, image, cancellable, error);

  if (link == NULL)
    return NULL;

  alt = alt_text (name);
  return g_strdup_printf ("![%s](%s)", alt, link);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GError) not_an_image = NULL;
  guint n_images = 0;

  g_assert (data != NULL);

  if (data->post == NULL)
    {
      g_task_return_new_error (task, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NO_POST_FILE,
                               _("Save the post before adding images to it."));
      return;
    }

  for (GList *l = data->images; l != NULL; l = l->next)
    {
      GError *error = NULL;
      g_autofree char *line = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;

      line = import_one (data->post, l->data, cancellable, &error);
      if (line == NULL)
        {
          if (g_error_matches (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE))
            {
              /* Skipped; kept for the message when no file is an image. */
              if (not_an_image == NULL)
                not_an_image = error;
              else
                g_error_free (error);
              continue;
            }

          g_task_return_error (task, error);
          return;
        }

      if (n_images++ > 0)
        g_string_append_c (markdown, '\n');
      g_string_append (markdown, line);
    }

  if (n_images == 0)
    {
      if (not_an_image != NULL && g_list_length (data->images) == 1)
        g_task_return_error (task, g_steal_pointer (&not_an_image));
      else
        g_task_return_new_error (task, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE,
                                 _("None of the files is an image."));
      return;
    }

  g_task_return_pointer (task, g_string_free (g_steal_pointer (&markdown), FALSE), g_free);
}

void
byline_images_import_async (GFile               *post,
                            GList               *images,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (post == NULL || G_IS_FILE (post));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  for (GList *l = images; l != NULL; l = l->next)
    g_return_if_fail (G_IS_FILE (l->data));

  data = g_new0 (ImportData, 1);
  data->post = post != NULL ? g_object_ref (post) : NULL;
  data->images = g_list_copy_deep (images, copy_file, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_images_import_async);
  g_task_set_name (task, "[byline] images import");
  g_task_set_task_data (task, data, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

char *
byline_images_import_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_images_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One image, planned and copied as byline_images_import_async() does: its
 * link alone (the front matter's image fields). */

static void
link_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  char *link;

  g_assert (data != NULL);
  g_assert (data->images != NULL);

  if (data->post == NULL)
    {
      g_task_return_new_error (task, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NO_POST_FILE,
                               _("Save the post before adding images to it."));
      return;
    }

  link = import_link (data->post, data->images->data, cancellable, &error);
  if (link == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, link, g_free);
}

void
byline_images_link_async (GFile               *post,
                          GFile               *image,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (post == NULL || G_IS_FILE (post));
  g_return_if_fail (G_IS_FILE (image));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportData, 1);
  data->post = post != NULL ? g_object_ref (post) : NULL;
  data->images = g_list_prepend (NULL, g_object_ref (image));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_images_link_async);
  g_task_set_name (task, "[byline] image link");
  g_task_set_task_data (task, data, import_data_free);
  g_task_run_in_thread (task, link_thread);
}

char *
byline_images_link_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_images_link_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
