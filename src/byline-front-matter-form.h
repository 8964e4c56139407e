/* byline-front-matter-form.h: the left pane, every front matter field edited
 * through a widget that fits its type, plus the raw YAML view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "byline-document.h"
#include "byline-site.h"
#include "byline-spell-checker.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_FRONT_MATTER_FORM (byline_front_matter_form_get_type ())

G_DECLARE_FINAL_TYPE (BylineFrontMatterForm, byline_front_matter_form, BYLINE, FRONT_MATTER_FORM, GtkWidget)

GtkWidget      *byline_front_matter_form_new          (void);
/* Shows and edits @document's front matter; every edit goes through the
 * engine and byline_document_set_front_matter_text(). */
void            byline_front_matter_form_set_document (BylineFrontMatterForm *self,
                                                       BylineDocument        *document);
BylineDocument *byline_front_matter_form_get_document (BylineFrontMatterForm *self);

/* The post switcher */
/* The last scan of the post's site (property "site-index", notified when a
 * scan finishes), or NULL until one has. Borrowed. */
BylineSiteIndex *byline_front_matter_form_get_site_index (BylineFrontMatterForm *self);

/* The multi-line text rows check their spelling as @model (the body's
 * checker) does: on and off with it, in its language. NULL: they don't. */
void             byline_front_matter_form_set_spell_checker (BylineFrontMatterForm *self,
                                                             BylineSpellChecker    *model);

G_END_DECLS
