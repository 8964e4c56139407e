/* byline-toml.h: TOML front matter read with toml++ (Debian's
 * libtomlplusplus): as JSON nodes (byline_toml_parse), and as a model with
 * byte ranges that the front matter engine turns into its nodes
 * (byline_toml_parse_model). Edits on TOML (byline_toml_set_scalar, …) are
 * byte splices proven by a re-parse, like the engine's YAML edits; they are
 * reached through the engine's public functions. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "byline-front-matter.h"

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

/* One node of a TOML model (byline-toml-edit.cc). The array is in
 * pre-order: the root first, then each table's entries in the order of the
 * text, each followed by what it holds. Byte ranges as the engine's
 * byline_node_get_*_range() give them. */
typedef struct
{
  int              parent;        /* index of the parent, -1 for the root */
  char            *key;           /* NULL for the root and array items */
  gsize            key_start, key_end;
  gsize            value_start, value_end;
  gsize            entry_start, entry_end;
  guint            line;          /* 1-based line of the key (or value) */
  BylineValueType  type;          /* STRING, TEXT, INT, FLOAT, BOOL, DATE, DATETIME, SEQUENCE, MAPPING */
  BylineStyle      style;
  gboolean         bool_value;
  gboolean         in_flow;       /* inside [ ] or { } */
  char            *scalar;        /* scalars: the value as text; NULL for collections */
} BylineTomlNode;

/* The model of @text, or NULL when it is not valid TOML (then @line,
 * @column and @message as byline_toml_parse() sets them). Free with
 * byline_toml_model_free(). */
BylineTomlNode *byline_toml_parse_model (const char  *text,
                                         gsize        len,
                                         guint       *n_nodes,
                                         guint       *line,
                                         guint       *column,
                                         char       **message);
void            byline_toml_model_free  (BylineTomlNode *nodes,
                                         guint           n_nodes);

/* Edits on the TOML text @text, with the meaning of the engine's functions
 * of the same names (byline-front-matter.h). Each returns the whole new
 * text (free with g_free), or NULL with a BYLINE_FRONT_MATTER_ERROR: the
 * result is parsed again with toml++ and must equal the old table with
 * only the edited place changed, or the edit is refused (UNSAFE). What
 * TOML edits don't support is UNSUPPORTED. */
char *byline_toml_set_scalar (const char         *text,
                              gsize               len,
                              const char * const *path,
                              const char         *value,
                              BylineValueType     type,
                              GError            **error);
char *byline_toml_set_list   (const char         *text,
                              gsize               len,
                              const char * const *path,
                              const char * const *items,
                              GError            **error);
char *byline_toml_add_entry  (const char         *text,
                              gsize               len,
                              const char * const *parent_path,
                              const char         *key,
                              const char         *value,
                              BylineValueType     type,
                              const char         *after_key,
                              GError            **error);
/* Whether byline_toml_add_entry() can add a field to the table at
 * @parent_path (one written with a [header], or the top level). */
gboolean byline_toml_can_add_entry (const char         *text,
                                    gsize               len,
                                    const char * const *parent_path);
char *byline_toml_remove     (const char         *text,
                              gsize               len,
                              const char * const *path,
                              GError            **error);
char *byline_toml_rename_key (const char         *text,
                              gsize               len,
                              const char * const *path,
                              const char         *new_key,
                              GError            **error);
char *byline_toml_append_item (const char        *text,
                              gsize               len,
                              const char * const *path,
                              const char         *value,
                              BylineValueType     type,
                              GError            **error);
char *byline_toml_move       (const char         *text,
                              gsize               len,
                              const char * const *path,
                              guint               new_index,
                              GError            **error);

G_END_DECLS
