/* byline-preview-loader.c: the preview, made on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-preview-loader"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "byline-preview-loader.h"

#define PREVIEW_MODULE "libbyline-preview.so"

typedef GType (*GetTypeFunc)     (void);
typedef void  (*SetDocumentFunc) (gpointer        preview,
                                  BylineDocument *document);

/* Weak: in a program linked with the preview (the tests) these are its own
 * functions; in the byline executable they are NULL, and the module
 * provides them. Declared here rather than through byline-preview.h, so
 * that nothing in this file makes the linker pull the preview in. */
extern GType byline_preview_get_type     (void) __attribute__ ((weak));
extern void  byline_preview_set_document (gpointer        preview,
                                          BylineDocument *document) __attribute__ ((weak));

static GetTypeFunc     get_type_func;
static SetDocumentFunc set_document_func;

/* The module beside the executable (a build tree), else the installed one. */
static char *
find_module (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *path = g_build_filename (dir, PREVIEW_MODULE, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return g_build_filename (PKGLIBDIR, PREVIEW_MODULE, NULL);
}

typedef struct
{
  GModule         *module;
  GetTypeFunc      get_type;
  SetDocumentFunc  set_document;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  if (loaded->module != NULL)
    g_module_close (loaded->module);
  g_free (loaded);
}

/* Opens the module and finds its entry points; any thread. */
static Loaded *
open_module (GError **error)
{
  g_autofree char *path = find_module ();
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (loaded->module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The preview could not be started: %s"), g_module_error ());
      loaded_free (loaded);
      return NULL;
    }

  if (!g_module_symbol (loaded->module, "byline_preview_get_type", (gpointer *) &loaded->get_type) ||
      !g_module_symbol (loaded->module, "byline_preview_set_document", (gpointer *) &loaded->set_document))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The preview could not be started: %s"), g_module_error ());
      loaded_free (loaded);
      return NULL;
    }

  return loaded;
}

/* Main thread: the module's entry points become the preview's. */
static void
take_module (Loaded *loaded)
{
  if (get_type_func == NULL)
    {
      get_type_func = loaded->get_type;
      set_document_func = loaded->set_document;
      /* Its types stay registered: never unload it. */
      g_module_make_resident (loaded->module);
    }
  loaded_free (loaded);
}

static gboolean
linked_in (void)
{
  if (byline_preview_get_type != NULL && byline_preview_set_document != NULL)
    {
      get_type_func = byline_preview_get_type;
      set_document_func = byline_preview_set_document;
      return TRUE;
    }

  return FALSE;
}

static gboolean
load_preview (GError **error)
{
  Loaded *loaded;

  if (get_type_func != NULL || linked_in ())
    return TRUE;

  loaded = open_module (error);
  if (loaded == NULL)
    return FALSE;
  take_module (loaded);

  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  Loaded *loaded = open_module (&error);

  if (loaded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

gboolean
byline_preview_loader_is_loaded (void)
{
  return get_type_func != NULL || linked_in ();
}

void
byline_preview_loader_load_async (GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, byline_preview_loader_load_async);
  if (byline_preview_loader_is_loaded ())
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_run_in_thread (task, load_thread);
}

gboolean
byline_preview_loader_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  GError *local_error = NULL;
  Loaded *loaded;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* NULL: it was loaded already. Another window's load may have finished
   * meanwhile: take_module() then keeps the first. */
  if (loaded != NULL)
    take_module (loaded);

  return TRUE;
}

GtkWidget *
byline_preview_loader_create (BylineDocument  *document,
                              GError         **error)
{
  GtkWidget *preview;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  if (!load_preview (error))
    return NULL;

  preview = g_object_new (get_type_func (), NULL);
  set_document_func (preview, document);

  return preview;
}
