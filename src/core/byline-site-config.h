/* byline-site-config.h: what a site's configuration says about where the
 * site keeps things: Hugo's contentDir, staticDir, archetypeDir, theme and
 * themesDir; Jekyll's source.
 *
 * The one place that reads a site's configuration. Hugo's keys are read
 * case-insensitively, as Hugo does (contentdir is contentDir); a
 * configuration that can't be read or parsed gives Hugo's defaults
 * (content/, static/, archetypes/, themes/), never an error.
 *
 * Read once, shared by all: byline_site_config_new() keeps the last 8
 * sites' configurations (keyed by the root's path) and gives every caller,
 * in any thread, a reference to the same one for as long as the files
 * its load looked at (those read, and the names it looked for and found
 * missing) are unchanged on disk, checked with stat() on each call (and,
 * for files changed in the last two seconds, by their bytes). A change, a
 * new file (hugo.toml beside config.toml) or a deleted one gives a fresh
 * read. The result is shared: never change it (the API has no setters;
 * keep it that way) and don't rely on getting a new object.
 *
 * GTK-free. Blocks on disk: load it in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  BYLINE_SITE_KIND_NONE,     /* a folder that holds no site configuration */
  BYLINE_SITE_KIND_HUGO,     /* hugo.* or config.*, at the root or in config/_default/ */
  BYLINE_SITE_KIND_JEKYLL,   /* _config.yml */
} BylineSiteKind;

/* An immutable, refcounted value, safe to share between threads: the
 * cache gives the same one to every caller. */
typedef struct _BylineSiteConfig BylineSiteConfig;

GType              byline_site_config_get_type      (void) G_GNUC_CONST;
#define BYLINE_TYPE_SITE_CONFIG (byline_site_config_get_type ())

/* Reads the configuration of the site whose root is @root (a local folder,
 * as byline_site_find_root() gives): Hugo's hugo.toml/.yaml/.yml/.json,
 * else config.*, and the main file of config/_default/ (hugo.* or
 * config.*; where both the root and config/_default/ set a key, the root's
 * file wins); else Jekyll's _config.yml. Never fails: without a
 * configuration the kind is BYLINE_SITE_KIND_NONE; one that can't be parsed
 * gives the defaults (and byline_site_config_get_error() says why).
 * From the cache while the disk says the same (a few stat()s), else read
 * and cached; thread-safe. A load whose @cancellable was cancelled is
 * returned but not cached. Blocks on disk. Full reference to a shared
 * configuration: don't change it. */
BylineSiteConfig  *byline_site_config_new           (GFile             *root,
                                                     GCancellable      *cancellable);
/* byline_site_find_root (@post) then byline_site_config_new() on it: for a
 * post in no site, a configuration of kind BYLINE_SITE_KIND_NONE whose
 * root is the post's folder. Cached as byline_site_config_new() (finding
 * the root is not). Blocks on disk. Full reference to a shared
 * configuration. */
BylineSiteConfig  *byline_site_config_new_for_post  (GFile             *post,
                                                     GCancellable      *cancellable);

BylineSiteConfig  *byline_site_config_ref           (BylineSiteConfig  *self);
void               byline_site_config_unref         (BylineSiteConfig  *self);

/* The site's root. Borrowed. */
GFile             *byline_site_config_get_root      (BylineSiteConfig  *self);
BylineSiteKind     byline_site_config_get_kind      (BylineSiteConfig  *self);
/* The configuration files read, the one that wins first (NULL-terminated,
 * empty for BYLINE_SITE_KIND_NONE). Borrowed. */
GFile * const     *byline_site_config_get_files     (BylineSiteConfig  *self);
/* Why a configuration file could not be read or parsed ("hugo.toml: line 3:
 * …"), or NULL. Borrowed. */
const char        *byline_site_config_get_error     (BylineSiteConfig  *self);

/* Where the posts are (NULL-terminated, never empty). Hugo: the sources
 * of the module mounts whose target is content/ or a folder in it
 * ([[module.mounts]], or `mounts` in config/_default/module.*), which
 * replace the default as in Hugo; else contentDir (default content/), then
 * each language's own contentDir (languages.LANG.contentDir) not already
 * listed. Jekyll: source (default
 * the root). No site: the root. Borrowed. */
GFile * const     *byline_site_config_get_content_dirs (BylineSiteConfig *self);
/* The first of them. Borrowed. */
GFile             *byline_site_config_get_content_dir  (BylineSiteConfig *self);

/* Where site-root paths ("/images/x.png") are published from, in the order
 * Hugo looks (the first holding the file wins), NULL-terminated. Hugo:
 * the sources of the mounts targeting static/, else each staticDir (a
 * string or a list; default static/; staticDir0 to staticDir10 after
 * them); then each theme's static/. Jekyll: the source.
 * No site: empty. Borrowed. */
GFile * const     *byline_site_config_get_static_dirs  (BylineSiteConfig *self);
/* Where images for a Hugo post are copied: the site's first staticDir
 * (never a theme's). NULL when the site is not a Hugo site. Borrowed. */
GFile             *byline_site_config_get_static_dir   (BylineSiteConfig *self);

/* Hugo's archetype folders: the mounts targeting archetypes/, else
 * archetypeDir (default archetypes/); then each
 * theme's archetypes/, NULL-terminated; empty when the site is not a Hugo
 * site. Borrowed. */
GFile * const     *byline_site_config_get_archetype_dirs (BylineSiteConfig *self);
/* The themes' folders, THEMESDIR/NAME for each name of `theme` (a string
 * or a list, the first wins), each followed by the themes its own
 * hugo.* or config.* names (theme components, depth first, as Hugo orders
 * them), NULL-terminated. Borrowed. */
GFile * const     *byline_site_config_get_theme_dirs   (BylineSiteConfig *self);

/* @file's path as Hugo sees it, under content/ ("posts/a.md" for
 * content/posts/a.md; "blog/c.md" for src/blog/c.md when src/blog is
 * mounted at content/blog), with "/" separators, in the file system's
 * encoding; what Hugo's ref and relref take. NULL when @file is in no
 * content folder. No disk access. */
char              *byline_site_config_dup_content_path (BylineSiteConfig *self,
                                                        GFile            *file);
/* The section of @file: the first folder of its content path ("posts"
 * for content/posts/a.md, "" for content/a.md). NULL when @file is in no
 * content folder. No disk access. */
char              *byline_site_config_dup_section      (BylineSiteConfig *self,
                                                        GFile            *file);

/* The archetype `hugo new` uses for a post of @section ("" or NULL: none):
 * SECTION.md in the site's archetypeDir, then in each theme's archetypes/,
 * then default.md in the same order. NULL when there is none, or the site
 * is not a Hugo site. Blocks on disk. Full reference. */
GFile             *byline_site_config_find_archetype   (BylineSiteConfig *self,
                                                        const char       *section,
                                                        GCancellable     *cancellable);

/* The file a site-root path (@path, "/images/x.png", not URL-escaped) is
 * published from: the first static folder holding it as a regular file.
 * NULL when none does (or @path climbs out with ".."). Blocks on disk.
 * Full reference. */
GFile             *byline_site_config_resolve_static   (BylineSiteConfig *self,
                                                        const char       *path,
                                                        GCancellable     *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSiteConfig, byline_site_config_unref)

G_END_DECLS
