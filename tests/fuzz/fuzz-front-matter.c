/* fuzz-front-matter.c: libFuzzer target for the front matter engine.
 *
 * Input: 4 control bytes (operation, node, value, type) then the text. The
 * text is split as a whole post, parsed as YAML, JSON and TOML front matter,
 * and one edit chosen by the control bytes is applied to one node of the
 * YAML model. Every edit the engine accepts is checked from the outside:
 * the result parses, fits between delimiters, holds the value that was set,
 * leaves the bytes outside the edited entry alone, and setting the same
 * value again changes nothing. Half the time a second edit follows on the
 * result of the first.
 *
 * Built with -Dfuzzing=true (clang); tests/core/test-fuzz-regressions.c
 * includes this file to replay the crashers kept in tests/data/fuzz.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "byline-front-matter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("fuzz check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        abort (); \
      } \
  } G_STMT_END

static const char * const fuzz_values[] = {
  "", " ", "x", "new value", "A: \"new\" #1", "it's", "a\nb", "a\n", "\n", "a\n\n", "\n\na",
  " lead", "trail ", "#", "- x", "---", "...", "2025-02-13", "2025-02-13T01:55:25+05:30",
  "2025-02-13 01:55:25", "true", "no", "~", "null", "12", "1.5", "中文 ü", "é: ü", "\t", "a\tb",
  "\"", "'", "\\", "[a, b]", "{a: 1}", "*x", "&a", "!t", "%", "@", "`", "|", ">", "? x",
  "a #b", "a: b", ":", "x:", "\xc2\x85", "\xe2\x80\xa8", "\xef\xbb\xbf", "a\r\nb", "\r", "key: value\nother: 1",
  "  indented\nline", "line\n  indented\n", "2025-03-01T00:00:00", "2001-02-03T04:05:06.789Z", "-3", "0x10",
  "1e5", "false", "On", "very long value that goes on and on and on and on and on and on and on and on",
};

static const BylineValueType fuzz_types[] = {
  BYLINE_VALUE_STRING, BYLINE_VALUE_STRING, BYLINE_VALUE_STRING, BYLINE_VALUE_TEXT,
  BYLINE_VALUE_BOOL, BYLINE_VALUE_INT, BYLINE_VALUE_FLOAT, BYLINE_VALUE_DATE,
  BYLINE_VALUE_DATETIME, BYLINE_VALUE_NULL, BYLINE_VALUE_SEQUENCE, BYLINE_VALUE_MAPPING,
};

static void
collect_nodes (BylineNode *node,
               GPtrArray  *nodes)
{
  guint i;

  g_ptr_array_add (nodes, node);
  for (i = 0; i < byline_node_get_n_children (node); i++)
    collect_nodes (byline_node_get_child (node, i), nodes);
}

/* Walks a model, reading everything the API offers. */
static void
walk (BylineFrontMatter *fm,
      BylineNode        *node,
      gsize              len)
{
  gsize s, e;
  guint i;
  char **path;
  const char *reason = NULL;

  byline_node_get_key_range (node, &s, &e);
  FUZZ_CHECK (s <= e && e <= len);
  byline_node_get_value_range (node, &s, &e);
  FUZZ_CHECK (s <= e && e <= len);
  byline_node_get_entry_range (node, &s, &e);
  FUZZ_CHECK (s <= e && e <= len);
  (void) byline_node_get_scalar (node);
  (void) byline_node_get_bool (node);
  (void) byline_node_is_yaml11_bool (node);
  (void) byline_node_get_line (node);
  if (byline_node_is_read_only (node, &reason))
    FUZZ_CHECK (reason != NULL);
  if (byline_node_get_value_type (node) == BYLINE_VALUE_DATE ||
      byline_node_get_value_type (node) == BYLINE_VALUE_DATETIME)
    {
      GDateTime *dt = byline_node_dup_datetime (node);
      if (dt != NULL)
        g_date_time_unref (dt);
    }

  /* a path leads back to its node, unless a duplicated key hides it */
  path = byline_node_dup_path (node);
  if (byline_front_matter_lookup (fm, (const char * const *) path) != node)
    FUZZ_CHECK (byline_node_is_read_only (byline_front_matter_get_root (fm), NULL));
  g_strfreev (path);

  for (i = 0; i < byline_node_get_n_children (node); i++)
    {
      BylineNode *child = byline_node_get_child (node, i);
      FUZZ_CHECK (byline_node_get_parent (child) == node);
      walk (fm, child, len);
    }
}

static BylineFrontMatter *
parse_checked (BylineFormat  format,
               const char   *text,
               gsize         len)
{
  BylineFrontMatter *fm = byline_front_matter_new (format, text, len);
  gsize got_len = 0;
  const char *got = byline_front_matter_get_text (fm, &got_len);

  FUZZ_CHECK (got_len == len && memcmp (got, text, len) == 0);
  if (!byline_front_matter_is_valid (fm))
    {
      const GError *error = byline_front_matter_get_error (fm);
      guint line = 0, column = 0;

      FUZZ_CHECK (error != NULL && error->code == BYLINE_FRONT_MATTER_ERROR_INVALID);
      byline_front_matter_get_error_position (fm, &line, &column);
      FUZZ_CHECK (line >= 1 && column >= 1);
      FUZZ_CHECK (byline_front_matter_get_root (fm) == NULL);
    }
  else if (byline_front_matter_get_root (fm) != NULL)
    walk (fm, byline_front_matter_get_root (fm), len);
  return fm;
}

/* TOML and JSON edits: set a string of the model (the @which-th scalar
 * node in pre-order) to a fixed value; the result reads back with that
 * value and only the value's bytes changed. */
static void
toml_nth_scalar (BylineNode  *node,
                 guint       *n,
                 BylineNode **found)
{
  guint i;

  if (*found != NULL)
    return;
  if (byline_node_get_value_type (node) == BYLINE_VALUE_STRING && byline_node_get_parent (node) != NULL)
    {
      if (*n == 0)
        {
          *found = node;
          return;
        }
      (*n)--;
    }
  for (i = 0; i < byline_node_get_n_children (node); i++)
    toml_nth_scalar (byline_node_get_child (node, i), n, found);
}

static void check_error (GError *error);

static void
fuzz_string_edit (BylineFrontMatter *fm,
                  BylineFormat       format,
                  const char        *text,
                  gsize              len,
                  guint              which)
{
  static const char value[] = "Fuzzed \"v\" \\ 日本\n+++";
  BylineNode *node = NULL;
  BylineFrontMatter *now;
  GError *error = NULL;
  guint n = which % 8;
  char **path;
  char *out;
  gsize start, end, out_len;

  toml_nth_scalar (byline_front_matter_get_root (fm), &n, &node);
  if (node == NULL)
    return;
  byline_node_get_value_range (node, &start, &end);
  path = byline_node_dup_path (node);
  out = byline_front_matter_set_scalar (fm, (const char * const *) path, value, BYLINE_VALUE_TEXT, &error);
  if (out == NULL)
    {
      check_error (error);
      g_error_free (error);
      g_strfreev (path);
      return;
    }
  out_len = strlen (out);
  FUZZ_CHECK (out_len + end >= len);
  FUZZ_CHECK (memcmp (out, text, start) == 0);
  FUZZ_CHECK (memcmp (out + out_len - (len - end), text + end, len - end) == 0);
  now = byline_front_matter_new (format, out, out_len);
  FUZZ_CHECK (byline_front_matter_is_valid (now));
  FUZZ_CHECK (g_strcmp0 (byline_node_get_scalar (byline_front_matter_lookup (now, (const char * const *) path)),
                         value) == 0);
  byline_front_matter_unref (now);
  g_strfreev (path);
  g_free (out);
}

/* The text, put between delimiters, splits back to itself. */
static void
check_wraps (const char *text,
             gsize       len)
{
  GString *file = g_string_new ("---\n");
  BylinePostSplit split;

  g_string_append_len (file, text, len);
  g_string_append (file, "---\nbody\n");
  byline_post_split (file->str, file->len, &split);
  FUZZ_CHECK (split.format == BYLINE_FORMAT_YAML);
  FUZZ_CHECK (split.fm_end - split.fm_start == len);
  FUZZ_CHECK (memcmp (file->str + split.fm_start, text, len) == 0);
  g_string_free (file, TRUE);
}

static gboolean
wraps (const char *text,
       gsize       len)
{
  GString *file = g_string_new ("---\n");
  BylinePostSplit split;
  gboolean ok;

  g_string_append_len (file, text, len);
  g_string_append (file, "---\nbody\n");
  byline_post_split (file->str, file->len, &split);
  ok = split.format == BYLINE_FORMAT_YAML && split.fm_end - split.fm_start == len;
  g_string_free (file, TRUE);
  return ok;
}

static void
check_split (const char *text,
             gsize       len)
{
  BylinePostSplit split;

  byline_post_split (text, len, &split);
  FUZZ_CHECK (split.len == len);
  FUZZ_CHECK (split.open_start == (split.has_bom ? 3u : 0u));
  FUZZ_CHECK (split.open_start <= split.fm_start);
  FUZZ_CHECK (split.fm_start <= split.fm_end);
  FUZZ_CHECK (split.fm_end <= split.body_start);
  FUZZ_CHECK (split.body_start <= split.len);
  if (split.format == BYLINE_FORMAT_NONE)
    FUZZ_CHECK (split.body_start == split.open_start);
  (void) byline_newline_detect (text, len);
}

static void
check_error (GError *error)
{
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == BYLINE_FRONT_MATTER_ERROR);
  FUZZ_CHECK (error->code >= BYLINE_FRONT_MATTER_ERROR_INVALID &&
              error->code <= BYLINE_FRONT_MATTER_ERROR_NOT_TEXT);
  FUZZ_CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
}

static void
fuzz_edit (BylineFrontMatter *fm,
           const char        *text,
           gsize              len,
           guint8             op,
           guint8             which,
           guint8             value_index,
           guint8             type_index,
           const char        *own_value,
           guint              depth)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  BylineNode *node, *target;
  BylineValueType type = fuzz_types[type_index % G_N_ELEMENTS (fuzz_types)];
  const char *value;
  char **path;
  GError *error = NULL;
  char *result = NULL;
  gsize es, ee;
  guint nodes_total;

  collect_nodes (byline_front_matter_get_root (fm), nodes);
  nodes_total = nodes->len;
  node = g_ptr_array_index (nodes, which % nodes_total);
  path = byline_node_dup_path (node);
  /* a key holding a NUL byte (a "\0" escape) is cut short in a path, which
   * may then lead to another node (the edit changes that node's entry) or
   * to none (setting it adds an entry at the end of the mapping) */
  target = byline_front_matter_lookup (fm, (const char * const *) path);
  byline_node_get_entry_range (target != NULL ? target : node, &es, &ee);

  if (value_index >= 200 && own_value != NULL)
    value = own_value;
  else
    value = fuzz_values[value_index % G_N_ELEMENTS (fuzz_values)];
  if (type == BYLINE_VALUE_NULL && (value_index & 1))
    value = NULL;

  switch (op % 8)
    {
    case 0:
    case 1:
      result = byline_front_matter_set_scalar (fm, (const char * const *) path, value, type, &error);
      break;
    case 2:
      {
        const char *items[4] = { value, fuzz_values[(value_index + 1) % G_N_ELEMENTS (fuzz_values)],
                                 fuzz_values[(value_index + 7) % G_N_ELEMENTS (fuzz_values)], NULL };
        if (value == NULL)
          items[0] = NULL;
        if (type_index & 0x10)
          items[1] = NULL;
        result = byline_front_matter_set_list (fm, (const char * const *) path, items, &error);
      }
      break;
    case 3:
      /* a new group for a list of groups is asked for without a value */
      if (type == BYLINE_VALUE_MAPPING && (value_index & 1))
        value = NULL;
      result = byline_front_matter_append_item (fm, (const char * const *) path, value, type, &error);
      break;
    case 4:
      {
        char **parent_path = byline_node_dup_path (byline_node_get_parent (node) != NULL
                                                   ? byline_node_get_parent (node) : node);
        const char *key = fuzz_values[(value_index + 3) % G_N_ELEMENTS (fuzz_values)];
        const char *after = (type_index & 0x20) ? byline_node_get_key (node) : NULL;

        if (key[0] == '\0')
          key = "added";
        result = byline_front_matter_add_entry (fm, (const char * const *) parent_path, key, value,
                                                type, after, &error);
        g_strfreev (parent_path);
      }
      break;
    case 5:
      result = byline_front_matter_remove (fm, (const char * const *) path, &error);
      break;
    case 6:
      result = byline_front_matter_rename_key (fm, (const char * const *) path,
                                               value != NULL && value[0] != '\0' ? value : "renamed",
                                               &error);
      break;
    case 7:
    default:
      result = byline_front_matter_move (fm, (const char * const *) path, type_index % 6, &error);
      break;
    }

  if (result == NULL)
    {
      check_error (error);
      g_error_free (error);
      g_strfreev (path);
      return;
    }
  FUZZ_CHECK (error == NULL);

  {
    gsize rlen = strlen (result);
    BylineFrontMatter *now = parse_checked (BYLINE_FORMAT_YAML, result, rlen);

    FUZZ_CHECK (g_utf8_validate (result, rlen, NULL));
    FUZZ_CHECK (byline_front_matter_is_valid (now));
    FUZZ_CHECK (!byline_front_matter_is_read_only (now, NULL));
    if (wraps (text, len))
      check_wraps (result, rlen);

    if ((op % 8) <= 1)
      {
        BylineNode *set = byline_front_matter_lookup (now, (const char * const *) path);
        char *again;

        FUZZ_CHECK (set != NULL);
        if (type == BYLINE_VALUE_STRING || type == BYLINE_VALUE_TEXT)
          FUZZ_CHECK (g_strcmp0 (byline_node_get_scalar (set), value) == 0);
        if (type == BYLINE_VALUE_NULL)
          FUZZ_CHECK (byline_node_get_value_type (set) == BYLINE_VALUE_NULL);
        if (type == BYLINE_VALUE_BOOL)
          FUZZ_CHECK (byline_node_get_value_type (set) == BYLINE_VALUE_BOOL);

        /* only the entry's bytes changed */
        if (target != NULL)
          {
            FUZZ_CHECK (rlen >= es + (len - ee));
            FUZZ_CHECK (memcmp (result, text, es) == 0);
            FUZZ_CHECK (memcmp (result + rlen - (len - ee), text + ee, len - ee) == 0);
          }

        /* setting it again changes nothing */
        error = NULL;
        again = byline_front_matter_set_scalar (now, (const char * const *) path, value, type, &error);
        FUZZ_CHECK (again != NULL);
        FUZZ_CHECK (strcmp (again, result) == 0);
        g_free (again);
      }

    /* and a second edit on top of the first */
    if (depth == 0 && (op & 0x80))
      fuzz_edit (now, result, rlen, (guint8) ((op >> 3) + which), (guint8) (which * 7 + 1),
                 (guint8) (value_index + 13), (guint8) (type_index + 5), own_value, 1);

    if ((op % 8) == 3 && type == BYLINE_VALUE_MAPPING)
      {
        /* one more item, a group holding the last one's keys, each "" */
        BylineNode *list = byline_front_matter_lookup (now, (const char * const *) path);
        guint n = byline_node_get_n_children (node), k;
        BylineNode *added, *before;

        FUZZ_CHECK (value == NULL);
        FUZZ_CHECK (list != NULL && byline_node_get_n_children (list) == n + 1);
        added = byline_node_get_child (list, n);
        before = byline_node_get_child (node, n - 1);
        FUZZ_CHECK (byline_node_get_value_type (added) == BYLINE_VALUE_MAPPING);
        FUZZ_CHECK (byline_node_get_n_children (added) == 0 ||
                    byline_node_get_n_children (added) == byline_node_get_n_children (before));
        for (k = 0; k < byline_node_get_n_children (added); k++)
          {
            BylineNode *c = byline_node_get_child (added, k);

            FUZZ_CHECK (g_strcmp0 (byline_node_get_key (c),
                                   byline_node_get_key (byline_node_get_child (before, k))) == 0);
            FUZZ_CHECK (g_strcmp0 (byline_node_get_scalar (c), "") == 0);
          }
      }

    if ((op % 8) == 5)
      {
        /* the other entries of the parent are all still there */
        BylineNode *parent = byline_node_get_parent (node);
        char **parent_path = byline_node_dup_path (parent);
        BylineNode *now_parent = byline_front_matter_lookup (now, (const char * const *) parent_path);

        FUZZ_CHECK (now_parent != NULL);
        FUZZ_CHECK (byline_node_get_n_children (now_parent) + 1 == byline_node_get_n_children (parent));
        g_strfreev (parent_path);
      }

    byline_front_matter_unref (now);
  }

  g_free (result);
  g_strfreev (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text;
  gsize len;
  guint8 op, which, value_index, type_index;
  BylineFrontMatter *fm;
  BylinePostSplit split;
  char *own_value = NULL;

  /* every local proof the engine makes is checked by a full one too */
  if (g_getenv ("BYLINE_CHECK_PROOFS") == NULL)
    g_setenv ("BYLINE_CHECK_PROOFS", "1", TRUE);

  check_split ((const char *) data, size);

  if (size < 4)
    return 0;

  op = data[0];
  which = data[1];
  value_index = data[2];
  type_index = data[3];
  text = (const char *) data + 4;
  len = size - 4;

  check_split (text, len);
  {
    GError *error = NULL;
    if (!byline_text_validate (text, len, &error))
      {
        check_error (error);
        g_error_free (error);
      }
  }

  /* JSON is edited as YAML when both read it the same */
  fm = parse_checked (BYLINE_FORMAT_JSON, text, len);
  if (byline_front_matter_is_valid (fm) && !byline_front_matter_is_read_only (fm, NULL) &&
      byline_text_validate (text, len, NULL))
    fuzz_string_edit (fm, BYLINE_FORMAT_JSON, text, len, which);
  byline_front_matter_unref (fm);
  fm = parse_checked (BYLINE_FORMAT_TOML, text, len);
  if (byline_front_matter_is_valid (fm) && byline_text_validate (text, len, NULL))
    fuzz_string_edit (fm, BYLINE_FORMAT_TOML, text, len, which);
  byline_front_matter_unref (fm);

  /* a post: parse the block it holds */
  byline_post_split (text, len, &split);
  if (split.format == BYLINE_FORMAT_YAML || split.format == BYLINE_FORMAT_JSON)
    {
      fm = parse_checked (split.format, text + split.fm_start, split.fm_end - split.fm_start);
      byline_front_matter_unref (fm);
    }

  /* the text as front matter, edited */
  fm = parse_checked (BYLINE_FORMAT_YAML, text, len);
  if (byline_front_matter_is_valid (fm) && !byline_front_matter_is_read_only (fm, NULL) &&
      byline_text_validate (text, len, NULL))
    {
      /* a value of the input's own: its last line */
      gsize i = len;

      while (i > 0 && text[i - 1] != '\n')
        i--;
      if (i > 0 && i < len)
        own_value = g_strndup (text + i, len - i);

      fuzz_edit (fm, text, len, op, which, value_index, type_index, own_value, 0);
    }
  byline_front_matter_unref (fm);
  g_free (own_value);

  return 0;
}
