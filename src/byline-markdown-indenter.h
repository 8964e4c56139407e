/* byline-markdown-indenter.h: Return in the body continues Markdown lists
 * and quotes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_MARKDOWN_INDENTER (byline_markdown_indenter_get_type ())

G_DECLARE_FINAL_TYPE (BylineMarkdownIndenter, byline_markdown_indenter, BYLINE, MARKDOWN_INDENTER, GObject)

GtkSourceIndenter *byline_markdown_indenter_new (void);

G_END_DECLS
