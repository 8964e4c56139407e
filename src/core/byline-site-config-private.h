/* byline-site-config-private.h: the cache of site configurations, seen
 * from the tests and benchmarks. Nothing else includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "byline-site-config.h"

G_BEGIN_DECLS

/* Reads @root's configuration from disk, neither looking in the cache nor
 * adding to it. Full reference. */
BylineSiteConfig  *byline_site_config_new_uncached        (GFile        *root,
                                                          GCancellable *cancellable);

/* How many configurations have been read and parsed (cached or not),
 * since the process began. */
guint              byline_site_config_get_load_count      (void);
/* How many times a configuration file was read whole: by a load, or by a
 * lookup comparing the bytes of a file changed less than the racy margin
 * before (see byline-site-config.c). */
guint              byline_site_config_get_read_count      (void);

/* Forgets every cached configuration (not one being loaded). */
void               byline_site_config_cache_clear         (void);
/* How many sites' configurations the cache holds. */
guint              byline_site_config_cache_get_size      (void);
/* Sets how long after its last change a configuration file is "racy"
 * (its bytes compared on each lookup), in microseconds; 2 s by default.
 * Applies to later loads and lookups. Returns the margin it replaces. */
gint64             byline_site_config_cache_set_racy_margin (gint64 usec);
/* Makes the cache see files' timestamps as a file system keeping whole
 * multiples of @msec milliseconds would give them (1000: a second, as
 * ext3 or many network file systems), to test what it does where stat()
 * can't see a change; 0 (the default): as they are. */
void               byline_site_config_cache_set_timestamp_granularity (guint msec);

G_END_DECLS
