/* byline-site.h: the site a post belongs to: where its root is, and what the
 * site's other posts hold in their front matter (keys, their types, the
 * values of list and short-string fields), for suggestions and type hints.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "byline-front-matter.h"
#include "byline-site-config.h"

G_BEGIN_DECLS

/* Finds the site root of @post (a post file, or a folder): the nearest
 * folder, starting with the post's own, holding hugo.toml/.yaml/.json,
 * config.toml/.yaml/.json or Jekyll's _config.yml. When there is none,
 * returns the post's own folder and sets @is_site to FALSE.
 * Blocks on disk: call it from a worker thread (byline_site_scan_async does).
 * Full reference. */
GFile *byline_site_find_root (GFile        *post,
                              gboolean     *is_site,
                              GCancellable *cancellable);

/* What the scan found: an immutable, refcounted value, safe to share
 * between threads. */
typedef struct _BylineSiteIndex BylineSiteIndex;

GType             byline_site_index_get_type   (void) G_GNUC_CONST;
#define BYLINE_TYPE_SITE_INDEX (byline_site_index_get_type ())

BylineSiteIndex  *byline_site_index_ref        (BylineSiteIndex *self);
void              byline_site_index_unref      (BylineSiteIndex *self);

/* The root folder scanned. Borrowed. */
GFile            *byline_site_index_get_root   (BylineSiteIndex *self);
/* TRUE when the root holds a site configuration file; FALSE when it is
 * only the post's folder. */
gboolean          byline_site_index_is_site    (BylineSiteIndex *self);
/* Markdown files read, and those among them with front matter Byline could
 * parse. */
guint             byline_site_index_get_n_files (BylineSiteIndex *self);
guint             byline_site_index_get_n_posts (BylineSiteIndex *self);

/* Top-level keys used across the site, the most used first (ties in
 * alphabetical order). Nested mapping keys are included as dotted paths
 * ("params.author"). Free with g_strfreev. */
char            **byline_site_index_dup_keys   (BylineSiteIndex *self);
/* In how many posts @key (top-level, or a dotted path) appears; 0 when
 * never. */
guint             byline_site_index_get_key_count (BylineSiteIndex *self,
                                                   const char      *key);
/* The type @key holds most often in the site (NULL values don't count
 * unless nothing else was seen). Returns FALSE when the key was never seen. */
gboolean          byline_site_index_get_key_type (BylineSiteIndex *self,
                                                  const char      *key,
                                                  BylineValueType *type);
/* The values used for @key: the items of lists, and short single-line
 * strings. The most used first (ties alphabetically). At most @max values
 * (0 for all). Free with g_strfreev; never NULL. */
char            **byline_site_index_dup_values (BylineSiteIndex *self,
                                                const char      *key,
                                                guint            max);

/* Scans the site of @post (a file, which need not exist yet, or a folder) in
 * a worker thread: finds the root with byline_site_find_root(), reads its
 * configuration (byline-site-config.h), then the front matter of every
 * .md / .markdown file where the configuration keeps the posts: below each
 * of a Hugo site's content folders (contentDir, default content/; hidden
 * folders skipped), below a Jekyll site's source (default the root; hidden
 * folders, node_modules, public, resources, _site, themes and vendor
 * skipped). When the root is not a site, only the post's own folder is
 * read (not its subfolders). Unreadable or invalid files are skipped. */
void              byline_site_scan_async       (GFile               *post,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Full reference, or NULL when cancelled (G_IO_ERROR_CANCELLED). */
BylineSiteIndex  *byline_site_scan_finish      (GAsyncResult        *result,
                                                GError             **error);
/* The same, blocking. */
BylineSiteIndex  *byline_site_scan             (GFile               *post,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* A type hint for well-known Hugo and Jekyll keys ("tags" is a sequence,
 * "draft" a bool, "date" a datetime, "weight" an int, "summary" text…).
 * Returns FALSE for keys it does not know. Case-insensitive. */
gboolean          byline_site_key_hint         (const char      *key,
                                                BylineValueType *type);
/* Common Hugo and Jekyll front matter keys, for suggestions. Static,
 * NULL-terminated. */
const char * const *byline_site_common_keys    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSiteIndex, byline_site_index_unref)

/* Images */
/* TRUE when @root (a folder, as byline_site_find_root() returns) holds a
 * Hugo configuration file: hugo.toml/.yaml/.json or config.toml/.yaml/.json.
 * A Jekyll site (_config.yml only) or a folder that is no site gives FALSE.
 * Blocks on disk. */
gboolean          byline_site_is_hugo          (GFile           *root,
                                                GCancellable    *cancellable);

/* Templates and images */
/* TRUE when @post is a Hugo page bundle's content file: index or _index,
 * also in a language (index.en.md), with any extension. Its folder holds
 * the bundle's resources. No disk access. */
gboolean          byline_site_is_page_bundle   (GFile           *post);

/* The post switcher: the site's posts, to open another one */
/* One post of the site, as the scan found it: an immutable object, safe to
 * share between threads (a GObject so that list models hold it as is). */
#define BYLINE_TYPE_SITE_POST (byline_site_post_get_type ())
G_DECLARE_FINAL_TYPE (BylineSitePost, byline_site_post, BYLINE, SITE_POST, GObject)

/* The post's absolute path (in the file system's encoding). Borrowed. */
const char       *byline_site_post_get_path    (BylineSitePost  *self);
/* A GFile for the post. Full reference. */
GFile            *byline_site_post_dup_file    (BylineSitePost  *self);
/* The front matter's title (on one line); without one, a page bundle's
 * folder name or else the file name. UTF-8, never NULL. Borrowed. */
const char       *byline_site_post_get_title   (BylineSitePost  *self);
/* TRUE when the title is the front matter's own. */
gboolean          byline_site_post_has_title   (BylineSitePost  *self);
/* The file name, for display (UTF-8). Borrowed. */
const char       *byline_site_post_get_file_name (BylineSitePost *self);
/* The post's date: `date`, else `publishDate` (else, in a Jekyll _posts
 * folder, the date that starts the file name), or NULL when there is none
 * or it can't be read as a date. Borrowed. */
GDateTime        *byline_site_post_get_date    (BylineSitePost  *self);
/* The date as the front matter writes it when it can't be read as a date
 * ("next spring"), else NULL. Borrowed. */
const char       *byline_site_post_get_date_text (BylineSitePost *self);
/* `draft: true`, or a post in Jekyll's _drafts folder. */
gboolean          byline_site_post_is_draft    (BylineSitePost  *self);
/* The section: the first folder under contentDir for Hugo ("posts"), the
 * _posts, _drafts or collection folder for Jekyll; NULL for a page at the
 * top, or a post that is in no site. Interned string. */
const char       *byline_site_post_get_section (BylineSitePost  *self);

/* The posts of the site, newest first, then those without a date by title:
 * for Hugo the Markdown files under its content folders (contentDir); for
 * Jekyll those (under its source) with front
 * matter (and all in _posts and _drafts); when the root is no site, the
 * Markdown files of the post's folder. Posts whose front matter is missing
 * or invalid are listed too (titled by their file name), unlike in
 * byline_site_index_get_n_posts(). A GPtrArray of BylineSitePost, borrowed
 * (the index never changes it). */
GPtrArray        *byline_site_index_get_posts  (BylineSiteIndex *self);
/* A post known only by its path (one opened recently, in no scanned site):
 * titled by its file name, with no date, section or draft flag. No disk
 * access. Full reference. */
BylineSitePost   *byline_site_post_new_for_path (const char     *path);

/* TRUE when @name (a file name or path) ends in .md, .markdown or .mdown,
 * in any case: what the scan reads as a Markdown post. */
gboolean          byline_site_is_markdown_name (const char *name);

/* What the site's configuration says
 * (contentDir, staticDir, archetypeDir, theme; Jekyll's source), as read
 * for the scan; NULL when the root is no site. Borrowed. */
BylineSiteConfig *byline_site_index_get_config (BylineSiteIndex *self);

G_END_DECLS
