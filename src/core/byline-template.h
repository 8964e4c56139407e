/* byline-template.h: new posts from a template: the site's Hugo archetype
 * when it has one, else Byline's own.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TEMPLATE_ERROR (byline_template_error_quark ())

typedef enum {
  BYLINE_TEMPLATE_ERROR_UNSUPPORTED,   /* an action Byline can't fill in */
  BYLINE_TEMPLATE_ERROR_INVALID,       /* "{{" without "}}", and the like */
} BylineTemplateError;

GQuark      byline_template_error_quark   (void);

/* What a template is filled in with. */
typedef struct
{
  const char *name;      /* the post's name ("my-first-post"), "" when it has none yet */
  const char *section;   /* its folder under the site's content/ ("posts"), or "" */
  GDateTime  *date;      /* the post's date; NULL for now, in the local time zone */
} BylineTemplateVars;

/* Byline's own template, used when the site has no archetype: YAML front
 * matter with a title made from the name, the date and draft: true. Static.
 * byline_template_expand() escapes the values it fills into this text for
 * YAML's double quotes, so that any name gives valid YAML (an archetype's
 * values are filled in as they are, as Hugo does). */
const char *byline_template_get_builtin   (void);

/* Fills in the actions of a Hugo archetype that depend only on the new
 * post: .Date (RFC 3339, with the time zone's offset), .Name,
 * .File.ContentBaseName and .File.BaseFileName (the name), .Section and
 * .Type (the section), string literals, the functions replace, title,
 * humanize, lower and upper, pipelines of them, comments, and the {{- and
 * -}} trim markers. Any other action fails with
 * BYLINE_TEMPLATE_ERROR_UNSUPPORTED naming it; "{{" without "}}" with
 * BYLINE_TEMPLATE_ERROR_INVALID. Text outside actions is copied as is. */
char       *byline_template_expand        (const char               *text,
                                           const BylineTemplateVars *vars,
                                           GError                  **error);

/* The name Hugo gives the post at @file: its file name without the
 * extension, or for a page bundle's index.md or _index.md its folder's
 * name. */
char       *byline_template_name_for      (GFile                    *file);

/* A file name for a post titled @title: lower-case ASCII letters and
 * digits, the rest as single hyphens, ".md" added ("Über den Fluss!" gives
 * "uber-den-fluss.md"); "post.md" when nothing is left. */
char       *byline_template_file_name_for (const char               *title);

/* The same for a Jekyll post (in _posts/), which is named after its date:
 * "2025-02-13-uber-den-fluss.md". @date NULL: today. */
char       *byline_template_jekyll_file_name_for (const char *title,
                                                  GDateTime  *date);

/* For a new post at @file (which need not exist): the archetype Hugo would
 * use, in the order of byline_site_config_find_archetype(): SECTION.md in
 * the site's archetypeDir (default archetypes/), then in each theme's
 * archetypes/, then default.md in the same order; or NULL with no error
 * when there is none (or @file is not in a Hugo site). @section (may be
 * NULL) is set to the post's folder under the site's contentDir (default
 * content/), or "". Blocks on disk. Full reference. */
GFile      *byline_template_find_archetype (GFile                   *file,
                                            char                   **section,
                                            GCancellable            *cancellable,
                                            GError                 **error);

/* The text of a new post at @file: the archetype found by
 * byline_template_find_archetype(), else the built-in template, filled in
 * with @name (NULL: byline_template_name_for (@file)), the section and the
 * time now. @archetype (may be NULL) is set to the archetype used, or NULL
 * for the built-in one. Fails when the archetype can't be read or filled
 * in (BYLINE_TEMPLATE_ERROR_*), naming the archetype. Blocks on disk. */
char       *byline_template_new_post       (GFile                   *file,
                                            const char              *name,
                                            GFile                  **archetype,
                                            GCancellable            *cancellable,
                                            GError                 **error);

/* The same in a worker thread. */
void        byline_template_new_post_async  (GFile                  *file,
                                             const char             *name,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
char       *byline_template_new_post_finish (GAsyncResult           *result,
                                             GFile                 **archetype,
                                             GError                **error);

G_END_DECLS
