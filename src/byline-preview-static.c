/* byline-preview-static.c: site-root paths of the preview served from the
 * site's static folders.
 *
 * A page can only point "/images/x.png" at one URI prefix. With one static
 * folder that is the folder itself (file:); with several (staticDir as a
 * list, a theme's static/), the prefix is byline-static://KEY/, and each
 * request is answered, in a worker thread, with the first folder's file:
 * KEY names the site's list of folders in a table of the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preview-static"

#include "config.h"

#include <string.h>

#include "byline-preview-static.h"

#define SCHEME "byline-static"

static GMutex      sites_lock;
static GHashTable *sites;   /* char *key → BylineSiteConfig * (owned) */

typedef struct
{
  GInputStream *stream;
  gint64        size;
  char         *content_type;
} Served;

static void
served_free (gpointer data)
{
  Served *served = data;

  g_clear_object (&served->stream);
  g_free (served->content_type);
  g_free (served);
}

static BylineSiteConfig *
lookup_site (const char *key)
{
  BylineSiteConfig *config = NULL;

  g_mutex_lock (&sites_lock);
  if (sites != NULL && key != NULL)
    config = g_hash_table_lookup (sites, key);
  if (config != NULL)
    byline_site_config_ref (config);
  g_mutex_unlock (&sites_lock);

  return config;
}

static void
serve_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *uri = task_data;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(BylineSiteConfig) config = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *basename = NULL;
  GError *error = NULL;
  Served *served;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed != NULL)
    config = lookup_site (g_uri_get_host (parsed));
  if (config != NULL)
    file = byline_site_config_resolve_static (config, g_uri_get_path (parsed), cancellable);
  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "No static folder of the site holds %s", uri);
      return;
    }

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

  basename = g_file_get_basename (file);
  served = g_new0 (Served, 1);
  served->stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  served->size = info != NULL ? g_file_info_get_size (info) : -1;
  {
    g_autofree char *type = g_content_type_guess (basename, NULL, 0, NULL);

    served->content_type = g_content_type_get_mime_type (type);
  }
  g_task_return_pointer (task, served, served_free);
}

static void
serve_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  Served *served = g_task_propagate_pointer (G_TASK (result), &error);

  if (served == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  webkit_uri_scheme_request_finish (request, served->stream, served->size, served->content_type);
  served_free (served);
}

static void
request_cb (WebKitURISchemeRequest *request,
            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, NULL, serve_cb, g_object_ref (request));
  g_task_set_source_tag (task, request_cb);
  g_task_set_name (task, "[byline] static file");
  g_task_set_task_data (task, g_strdup (webkit_uri_scheme_request_get_uri (request)), g_free);
  g_task_run_in_thread (task, serve_thread);
}

void
byline_preview_static_register (WebKitWebContext *context)
{
  g_return_if_fail (WEBKIT_IS_WEB_CONTEXT (context));

  if (g_object_get_data (G_OBJECT (context), "byline-static") != NULL)
    return;
  g_object_set_data (G_OBJECT (context), "byline-static", GINT_TO_POINTER (1));

  webkit_web_context_register_uri_scheme (context, SCHEME, request_cb, NULL, NULL);
}

char *
byline_preview_static_uri_for (BylineSiteConfig *config,
                               GCancellable     *cancellable)
{
  GFile * const *dirs;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *key = NULL;
  GFile *only = NULL;
  guint n_existing = 0;

  g_return_val_if_fail (config != NULL, NULL);

  dirs = byline_site_config_get_static_dirs (config);
  if (dirs[0] == NULL)
    return NULL;

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *uri = g_file_get_uri (dirs[i]);

      g_string_append (all, uri);
      g_string_append_c (all, '\n');
      if (g_file_query_file_type (dirs[i], G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        {
          n_existing++;
          if (only == NULL)
            only = dirs[i];
        }
    }

  if (n_existing <= 1)
    {
      g_autofree char *uri = g_file_get_uri (only != NULL ? only : dirs[0]);

      return g_str_has_suffix (uri, "/") ? g_steal_pointer (&uri) : g_strconcat (uri, "/", NULL);
    }

  /* several: served by the scheme, named by the list of folders */
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, all->str, all->len);
  key[16] = '\0';

  g_mutex_lock (&sites_lock);
  if (sites == NULL)
    sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) byline_site_config_unref);
  g_hash_table_replace (sites, g_strdup (key), byline_site_config_ref (config));
  g_mutex_unlock (&sites_lock);

  return g_strconcat (SCHEME "://", key, "/", NULL);
}
