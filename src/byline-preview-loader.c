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

static gboolean
load_preview (GError **error)
{
  g_autofree char *path = NULL;
  GModule *module;

  if (get_type_func != NULL)
    return TRUE;

  if (byline_preview_get_type != NULL && byline_preview_set_document != NULL)
    {
      get_type_func = byline_preview_get_type;
      set_document_func = byline_preview_set_document;
      return TRUE;
    }

  path = find_module ();
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The preview could not be started: %s"), g_module_error ());
      return FALSE;
    }

  if (!g_module_symbol (module, "byline_preview_get_type", (gpointer *) &get_type_func) ||
      !g_module_symbol (module, "byline_preview_set_document", (gpointer *) &set_document_func))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The preview could not be started: %s"), g_module_error ());
      get_type_func = NULL;
      set_document_func = NULL;
      g_module_close (module);
      return FALSE;
    }

  /* Its types stay registered: never unload it. */
  g_module_make_resident (module);

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
