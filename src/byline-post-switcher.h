/* byline-post-switcher.h: the Open button's popover: the other posts of
 * the site, newest first, to open one by typing a few letters of its title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_POST_SWITCHER (byline_post_switcher_get_type ())

G_DECLARE_FINAL_TYPE (BylinePostSwitcher, byline_post_switcher, BYLINE, POST_SWITCHER, GtkPopover)

GtkWidget       *byline_post_switcher_new              (void);
/* The site's posts to offer, from a finished scan (NULL: none yet). */
void             byline_post_switcher_set_site_index   (BylinePostSwitcher *self,
                                                        BylineSiteIndex    *index);
BylineSiteIndex *byline_post_switcher_get_site_index   (BylinePostSwitcher *self);
/* The window's own post: not offered. NULL for an untitled post. */
void             byline_post_switcher_set_current_file (BylinePostSwitcher *self,
                                                        GFile              *file);
/* TRUE while the site is being scanned: the empty list says so. */
void             byline_post_switcher_set_scanning     (BylinePostSwitcher *self,
                                                        gboolean            scanning);
/* The posts shown (filtered by the search): a GListModel of BylineSitePost.
 * Borrowed. */
GListModel      *byline_post_switcher_get_model        (BylinePostSwitcher *self);
/* The search entry. Borrowed. */
GtkEditable     *byline_post_switcher_get_search_entry (BylinePostSwitcher *self);
/* Opens the post at @position in the model (as a click on its row does). */
void             byline_post_switcher_activate         (BylinePostSwitcher *self,
                                                        guint               position);
/* TRUE: choosing a post (Enter, a click, byline_post_switcher_activate())
 * emits ::post-chosen (BylineSitePost *post) instead of opening it, and
 * only the site's posts are listed (no recent posts from elsewhere).
 * FALSE by default. */
void             byline_post_switcher_set_choose_only  (BylinePostSwitcher *self,
                                                        gboolean            choose_only);
gboolean         byline_post_switcher_get_choose_only  (BylinePostSwitcher *self);

G_END_DECLS
