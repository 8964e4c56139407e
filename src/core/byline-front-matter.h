/* byline-front-matter.h: split a post into front matter and body; parse YAML
 * front matter into an ordered, typed model with byte ranges; apply edits as
 * byte-exact splices proven by a re-parse.
 *
 * GTK-free. Text in, values out, text back: the UI never re-serialises YAML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BYLINE_FRONT_MATTER_ERROR (byline_front_matter_error_quark ())

typedef enum {
  BYLINE_FRONT_MATTER_ERROR_INVALID,      /* the YAML does not parse */
  BYLINE_FRONT_MATTER_ERROR_READ_ONLY,    /* anchors, aliases, tags, complex keys, several documents */
  BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED,  /* editing JSON front matter; edits TOML does not support */
  BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,    /* no such key path */
  BYLINE_FRONT_MATTER_ERROR_EXISTS,       /* adding or renaming to a key that exists */
  BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,    /* the value does not fit the requested type */
  BYLINE_FRONT_MATTER_ERROR_UNSAFE,       /* the edit could not be proven by a re-parse */
  BYLINE_FRONT_MATTER_ERROR_NOT_TEXT,     /* not UTF-8, or holds NUL bytes (a binary file) */
} BylineFrontMatterError;

GQuark byline_front_matter_error_quark (void);

typedef enum {
  BYLINE_FORMAT_NONE,   /* no front matter block */
  BYLINE_FORMAT_YAML,   /* between --- lines (closing may be ...) */
  BYLINE_FORMAT_TOML,   /* between +++ lines */
  BYLINE_FORMAT_JSON,   /* a JSON object at the very start */
} BylineFormat;

typedef enum {
  BYLINE_NEWLINE_LF,
  BYLINE_NEWLINE_CRLF,
  BYLINE_NEWLINE_MIXED,
} BylineNewline;

/* ------------------------------------------------------------------------ */
/* Splitting a file                                                          */
/* ------------------------------------------------------------------------ */

/* The parts of a post, as byte offsets into the text given to
 * byline_post_split().  Concatenating [0, len) is the whole file:
 *   bom        [0, open_start)          "" or "\xEF\xBB\xBF"
 *   opening    [open_start, fm_start)   e.g. "---\n" (empty for JSON / NONE)
 *   front      [fm_start, fm_end)       inner text, without the delimiters
 *   closing    [fm_end, body_start)     e.g. "---\r\n" (empty for NONE)
 *   body       [body_start, len)
 * For JSON, [fm_start, fm_end) is the object itself, braces included, and
 * the closing part is the line break after it (as Hugo reads it), if any.
 *
 * Delimiter lines may carry trailing blanks ("---  "), as Hugo and Jekyll
 * accept; the opening one must be the first line (after a BOM). */
typedef struct {
  BylineFormat  format;
  BylineNewline newline;     /* of the whole file */
  gboolean      has_bom;
  gsize         open_start;
  gsize         fm_start;
  gsize         fm_end;
  gsize         body_start;
  gsize         len;
} BylinePostSplit;

/* Splits @text (@len bytes, or -1 when NUL-terminated). Never fails on UTF-8
 * text: a file with no (or an unterminated) front matter block is format NONE
 * with everything in the body. */
void          byline_post_split          (const char      *text,
                                          gssize           len,
                                          BylinePostSplit *split);

/* Checks that @data is text Byline can edit: valid UTF-8 and no NUL byte.
 * Sets BYLINE_FRONT_MATTER_ERROR_NOT_TEXT with a message a person
 * understands otherwise. */
gboolean      byline_text_validate       (const char      *data,
                                          gsize            len,
                                          GError         **error);

BylineNewline byline_newline_detect      (const char      *text,
                                          gssize           len);

/* The delimiter line to write when creating a new block in a file that has
 * none ("---\n" or "---\r\n"). Static string. */
const char   *byline_newline_to_string   (BylineNewline    newline);
/* The line break itself: "\n" or "\r\n" (MIXED gives "\n"). Static. */
const char   *byline_newline_get_chars   (BylineNewline    newline);

/* ------------------------------------------------------------------------ */
/* The model                                                                 */
/* ------------------------------------------------------------------------ */

typedef enum {
  BYLINE_VALUE_NULL,
  BYLINE_VALUE_BOOL,
  BYLINE_VALUE_INT,
  BYLINE_VALUE_FLOAT,
  BYLINE_VALUE_DATE,        /* 2025-02-13 */
  BYLINE_VALUE_DATETIME,    /* 2025-02-13T01:55:25+05:30, 2025-02-13 01:55:25 */
  BYLINE_VALUE_STRING,
  BYLINE_VALUE_TEXT,        /* multi-line string (block scalar or embedded newlines) */
  BYLINE_VALUE_SEQUENCE,
  BYLINE_VALUE_MAPPING,
} BylineValueType;

typedef enum {
  BYLINE_STYLE_PLAIN,
  BYLINE_STYLE_SINGLE_QUOTED,
  BYLINE_STYLE_DOUBLE_QUOTED,
  BYLINE_STYLE_LITERAL,
  BYLINE_STYLE_FOLDED,
  BYLINE_STYLE_FLOW,        /* [a, b] or {a: b} */
  BYLINE_STYLE_BLOCK,       /* block sequence or mapping */
} BylineStyle;

/* A node of the model. Borrowed from its BylineFrontMatter: valid as long as
 * the BylineFrontMatter it came from. */
typedef struct _BylineNode BylineNode;

/* An immutable, refcounted parse of one front matter text. */
typedef struct _BylineFrontMatter BylineFrontMatter;

GType               byline_front_matter_get_type   (void) G_GNUC_CONST;
#define BYLINE_TYPE_FRONT_MATTER (byline_front_matter_get_type ())

/* Parses @text (the inner text of the block: [fm_start, fm_end) of a split)
 * in @format. Always returns a model; check byline_front_matter_is_valid().
 * An empty text (or one holding only comments) is a valid, empty YAML
 * mapping. BYLINE_FORMAT_NONE parses @text as YAML (for a post that gets its
 * first block). TOML is parsed with toml++ into a model with byte ranges
 * (every edit works on it, within limits byline-toml-edit.cc states;
 * what it does not do is UNSUPPORTED). JSON is parsed
 * with json-glib into a read-only model (byte ranges are 0).
 * Parsing the text an edit just returned is free: the proof's model is
 * reused. */
BylineFrontMatter  *byline_front_matter_new        (BylineFormat       format,
                                                    const char        *text,
                                                    gssize             len);
/* Same, giving the line break for the lines edits add while @text has none
 * of its own (an empty block in a CR LF file). */
BylineFrontMatter  *byline_front_matter_new_with_newline (BylineFormat   format,
                                                    const char        *text,
                                                    gssize             len,
                                                    BylineNewline      newline);
BylineFrontMatter  *byline_front_matter_ref        (BylineFrontMatter *self);
void                byline_front_matter_unref      (BylineFrontMatter *self);

BylineFormat        byline_front_matter_get_format (BylineFrontMatter *self);
/* The text this model was parsed from (NUL-terminated, borrowed). */
const char         *byline_front_matter_get_text   (BylineFrontMatter *self,
                                                    gsize             *len);
gboolean            byline_front_matter_is_valid   (BylineFrontMatter *self);
/* The parse error (INVALID, with 1-based line and column in the message and
 * in get_error_position()), or NULL when valid. Borrowed. */
const GError       *byline_front_matter_get_error  (BylineFrontMatter *self);
void                byline_front_matter_get_error_position (BylineFrontMatter *self,
                                                    guint             *line,
                                                    guint             *column);
/* TRUE when the whole block can't be edited safely (several documents,
 * YAML directives or document markers, a top level that is not a mapping,
 * TOML, JSON); the reason is set (translated, static). */
gboolean            byline_front_matter_is_read_only (BylineFrontMatter *self,
                                                    const char       **reason);

/* The top-level mapping, or NULL when invalid or not YAML. For JSON the
 * engine may still build a read-only model (for `byline-post get`). */
BylineNode         *byline_front_matter_get_root   (BylineFrontMatter *self);

/* Looks up a node by key path: NULL-terminated, mapping keys as strings,
 * sequence items as decimal indexes ("menu", "main", "0", "name").
 * Returns NULL when there is no such node. Borrowed. */
BylineNode         *byline_front_matter_lookup     (BylineFrontMatter  *self,
                                                    const char * const *path);
/* Same with a dotted path, "params.author" (a key containing '.' can't be
 * reached this way). */
BylineNode         *byline_front_matter_lookup_dotted (BylineFrontMatter *self,
                                                    const char        *dotted);

BylineValueType     byline_node_get_value_type     (const BylineNode *node);
BylineStyle         byline_node_get_style          (const BylineNode *node);
/* The key of a mapping entry's value node, or NULL for a sequence item or
 * the root. Borrowed. */
const char         *byline_node_get_key            (const BylineNode *node);
/* The scalar's value as YAML means it (quotes and escapes resolved, block
 * scalars folded), or NULL for a sequence or mapping. Borrowed. */
const char         *byline_node_get_scalar         (const BylineNode *node);
gboolean            byline_node_get_bool           (const BylineNode *node);
/* For BYLINE_VALUE_DATE / DATETIME, a GDateTime (date-only in UTC at
 * midnight; a datetime with no zone in local time). Full reference. */
GDateTime          *byline_node_dup_datetime       (const BylineNode *node);
/* "yes", "no", "on", "off" and their case variants: YAML 1.1 booleans. */
gboolean            byline_node_is_yaml11_bool     (const BylineNode *node);
guint               byline_node_get_n_children     (const BylineNode *node);
BylineNode         *byline_node_get_child          (const BylineNode *node,
                                                    guint             index);
/* Child of a mapping by key, or NULL. */
BylineNode         *byline_node_lookup             (const BylineNode *node,
                                                    const char       *key);
BylineNode         *byline_node_get_parent         (const BylineNode *node);
/* Byte ranges in the front matter text ([start, end)). For a mapping entry
 * the key range is the key's text; the value range the value's text; the
 * entry range the whole lines the entry spans (comments on the same line and
 * the line ending included). For a sequence item the key range is empty
 * (at its "-"). Inside a flow collection ([ ] or { }) the entry range is
 * the item's own text ("key: value"). A block scalar's value range runs from
 * its indicator to the end of its last line of text (blank lines after it
 * are not part of it unless it keeps them with "+"). */
void                byline_node_get_key_range      (const BylineNode *node,
                                                    gsize            *start,
                                                    gsize            *end);
void                byline_node_get_value_range    (const BylineNode *node,
                                                    gsize            *start,
                                                    gsize            *end);
void                byline_node_get_entry_range    (const BylineNode *node,
                                                    gsize            *start,
                                                    gsize            *end);
/* 1-based line of the node's key (or value) in the front matter text. */
guint               byline_node_get_line           (const BylineNode *node);
/* TRUE when this node (or one inside it) uses anchors, aliases, tags or
 * complex keys: shown, never rewritten. @reason is a translatable message. */
gboolean            byline_node_is_read_only       (const BylineNode *node,
                                                    const char      **reason);
/* The key path of @node, NULL-terminated (free with g_strfreev). */
char              **byline_node_dup_path           (const BylineNode *node);

/* ------------------------------------------------------------------------ */
/* Editing: each returns the whole new front matter text (free with g_free),  */
/* or NULL with an error. Only the edited node's bytes change (or the lines   */
/* of an added / removed entry). Each result is re-parsed and compared with   */
/* the intent before it is returned.                                          */
/* ------------------------------------------------------------------------ */

/* Sets the scalar at @path to @value. @type says what @value means:
 * BYLINE_VALUE_STRING / TEXT are strings (quoted if they would otherwise
 * read as something else; a block scalar keeps "|" or ">" and its
 * indentation, its chomping indicator follows the value's final line
 * breaks), BOOL takes "true"/"false" (yes/no/on/off too) and is written in
 * the node's own words (yes → no, True → False), INT / FLOAT decimal text,
 * DATE / DATETIME ISO 8601 or YAML timestamp text that is written back in
 * the node's own format and quotes ("2025-02-13 01:55:25" stays in that
 * shape; a date given to a datetime node gets midnight and the node's zone;
 * a datetime given to a date node keeps its time unless it is midnight),
 * NULL writes an empty value ("null" inside [ ] or { }). A value the node
 * already holds changes nothing. When @path does not exist and its parent
 * mapping does, the entry is added at the end of that mapping. A collection
 * can be replaced by a scalar. */
char   *byline_front_matter_set_scalar   (BylineFrontMatter  *self,
                                          const char * const *path,
                                          const char         *value,
                                          BylineValueType     type,
                                          GError            **error);
/* Replaces the sequence at @path with @items (strings), keeping flow or
 * block style and indentation; items that stay the same keep their bytes
 * (and comments). An empty block list becomes "[]". A null or scalar value
 * becomes a list in the style of the other lists of the block. Adds the
 * entry when missing. */
char   *byline_front_matter_set_list     (BylineFrontMatter  *self,
                                          const char * const *path,
                                          const char * const *items,
                                          GError            **error);
/* Adds @key with @value (of @type; SEQUENCE takes @value as NULL for an
 * empty list, or a string for a one-item list; MAPPING takes NULL for an
 * empty mapping) to the mapping at @parent_path (NULL or empty for the top
 * level), after @after_key, or at the end when @after_key is NULL. A new
 * string is quoted the way most strings of that mapping are; a TEXT value of
 * several lines is written as a literal block ("|"). */
char   *byline_front_matter_add_entry    (BylineFrontMatter  *self,
                                          const char * const *parent_path,
                                          const char         *key,
                                          const char         *value,
                                          BylineValueType     type,
                                          const char         *after_key,
                                          GError            **error);
/* Whether byline_front_matter_add_entry() can add a field to the mapping
 * at @parent_path: any mapping of an editable YAML block; in TOML, the top
 * level and tables written with a [header] (not { } or dotted keys). */
gboolean byline_front_matter_can_add_entry    (BylineFrontMatter  *self,
                                               const char * const *parent_path);
/* Whether byline_front_matter_append_item() can add a group of fields
 * (BYLINE_VALUE_MAPPING) to the list at @path: YAML lists; not yet TOML. */
gboolean byline_front_matter_can_append_group (BylineFrontMatter  *self,
                                               const char * const *path);
/* Appends an item to the sequence at @path (creating the list when the
 * field is missing or empty). With BYLINE_VALUE_MAPPING and a NULL @value it
 * appends a group to a non-empty list of groups: in a block list, laid out
 * like the last item, with its keys and "" as values; in a flow list, {}. */
char   *byline_front_matter_append_item  (BylineFrontMatter  *self,
                                          const char * const *path,
                                          const char         *value,
                                          BylineValueType     type,
                                          GError            **error);
/* Removes the mapping entry or sequence item at @path (its whole lines; in
 * a flow collection, the item and one separator). Removing the last item of
 * a nested block collection leaves "[]" or "{}" so that it keeps its type. */
char   *byline_front_matter_remove       (BylineFrontMatter  *self,
                                          const char * const *path,
                                          GError            **error);
char   *byline_front_matter_rename_key   (BylineFrontMatter  *self,
                                          const char * const *path,
                                          const char         *new_key,
                                          GError            **error);
/* Moves the entry at @path to position @new_index among its siblings. The
 * comments and blank lines between entries stay where they are. */
char   *byline_front_matter_move         (BylineFrontMatter  *self,
                                          const char * const *path,
                                          guint               new_index,
                                          GError            **error);

const char *byline_value_type_to_string  (BylineValueType type);   /* "string", "bool", … */
gboolean    byline_value_type_from_string (const char     *str,
                                          BylineValueType *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineFrontMatter, byline_front_matter_unref)

G_END_DECLS
