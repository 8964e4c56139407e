/* byline-test-files.h: files and folders for the tests, core and ui alike
 * (GTK-free).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new temporary folder named after @prefix ("byline-test-site"). */
char     *byline_test_make_tmp       (const char *prefix);
/* Removes @path and everything below it (made writable first; symbolic
 * links are removed, not followed). */
void      byline_test_remove_tree    (const char *path);
/* Writes @len bytes of @data (-1: NUL-terminated) to @dir/@name, creating
 * parent folders; the caller frees the returned path. */
char     *byline_test_write_file     (const char *dir,
                                      const char *name,
                                      const char *data,
                                      gssize      len);
/* A GFile for @dir/@name. */
GFile    *byline_test_file_in        (const char *dir,
                                      const char *name);
/* Another program writes @text to @path, its modification time a second
 * later than before. */
void      byline_test_write_elsewhere (const char *path,
                                       const char *text);

/* @text with every "\n" turned into "\r\n". */
char     *byline_test_to_crlf       (const char *text);
/* @text with the first @a replaced by @b; the test fails if there is none. */
char     *byline_test_replace_once  (const char *text,
                                     const char *a,
                                     const char *b);

G_END_DECLS
