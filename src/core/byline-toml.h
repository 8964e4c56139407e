/* byline-toml.h: TOML front matter read with toml++ (Debian's
 * libtomlplusplus), as JSON nodes, so that a TOML post's fields are known
 * (its title, date and tags for the window and the preview, its keys for
 * suggestions). Read only: Byline does not edit TOML. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The table @text (@len bytes of TOML) holds, as a JSON object whose
 * members keep the order of the text; dates, times and datetimes become
 * strings in their TOML form ("2025-02-13T01:55:25+05:30"). NULL when
 * @text is not valid TOML, with @line and @column (1-based) and
 * @message (newly allocated) saying where and why. */
JsonNode *byline_toml_parse (const char  *text,
                             gsize        len,
                             guint       *line,
                             guint       *column,
                             char       **message);

G_END_DECLS
