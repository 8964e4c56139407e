/* byline-front-matter.c: split a post, parse its front matter into an ordered
 * model with byte ranges, and apply edits as splices proven by a re-parse.
 *
 * How it works
 *
 *  - byline_post_split() finds the block with a line scan (no YAML involved):
 *    the first line after the opening "---" that is "---" or "..." (trailing
 *    blanks allowed, as Hugo and Jekyll do) closes it.
 *  - The YAML model is built from libyaml events. libyaml marks count code
 *    points (CR LF counts 2), so marks are turned into byte offsets with a
 *    cursor that walks the UTF-8 text; a leading BOM inside the text is skipped
 *    by libyaml without being counted.
 *  - Scalars are typed like a YAML 1.1 reader does (PyYAML's resolver, which is
 *    what Jekyll and Hugo's go-yaml v2 broadly agree on); quoted dates are
 *    reported as dates because site generators read them as dates.
 *  - An edit never serialises the document: it computes a few splices (byte
 *    ranges and their replacement), applies them, and re-parses the result.
 *    The new tree must equal the old one everywhere except at the edited
 *    place, where it must hold exactly the intended value. If not, the edit is
 *    tried once more with double-quoted scalars, then refused.
 *  - An edit that stays within the lines of one top-level entry is proven by
 *    parsing those lines alone (edit_prove_local() says why that is enough);
 *    any other by parsing the whole result. BYLINE_CHECK_PROOFS=1 checks each
 *    local proof against a full one (the tests and the fuzzer run so).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-front-matter"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <yaml.h>

#include "byline-front-matter.h"
#include "byline-toml.h"
#include "byline-front-matter-private.h"

#define NO_POS G_MAXSIZE

/* What a YAML 1.1 reader (PyYAML's resolver) makes of a node. */
typedef enum {
  KIND_NULL,
  KIND_BOOL,
  KIND_INT,
  KIND_FLOAT,
  KIND_TIMESTAMP,
  KIND_STR,
  KIND_OTHER,      /* plain "<<" or "=": PyYAML's safe loader refuses them */
  KIND_SEQ,
  KIND_MAP,
  KIND_ALIAS,
} Kind;

struct _BylineNode
{
  BylineFrontMatter *owner;
  BylineNode        *parent;
  GPtrArray         *children;      /* SEQUENCE and MAPPING: in the arena, read-only */

  char              *key;           /* mapping entries: the key's value */
  gsize              key_len;
  char              *scalar;        /* scalars: the resolved value */
  gsize              scalar_len;
  char              *anchor;        /* own anchor, or the alias' target */
  char              *tag;

  const char        *ro_reason;     /* this node can't be rewritten: why */
  const char        *ro_inside;     /* something inside can't: why */

  gsize              key_start, key_end;
  gsize              colon;         /* the ':' after the key, or NO_POS */
  gsize              dash;          /* the '-' of a block sequence item, or NO_POS */
  gsize              start;         /* key, '-', or value: where the item begins */
  gsize              value_start, value_end;
  gsize              entry_start, entry_end;

  guint              index;         /* among its siblings */
  guint              line;          /* 1-based */

  guint8             type;          /* BylineValueType */
  guint8             style;         /* BylineStyle */
  guint8             kind;          /* Kind */
  guint8             key_kind;      /* Kind of the key */
  guint8             key_style;     /* BylineStyle of the key */

  guint              bool_value : 1;
  guint              yaml11_bool : 1;
  guint              own_line : 1;  /* only indentation (and "- ") before it */
  guint              in_flow : 1;   /* its parent is a flow collection */
};

struct _BylineFrontMatter
{
  gatomicrefcount  ref_count;
  BylineFormat     format;
  char            *text;
  gsize            len;
  GError          *error;
  guint            error_line;
  guint            error_column;
  const char      *ro_reason;       /* the whole block can't be edited */
  BylineNode      *root;
  gpointer         blocks;          /* the arena: nodes, their strings and children */
  char            *block_free;
  gsize            block_left;
  gsize            block_next;      /* size of the next block */
  const char      *newline;         /* for new lines when the text has none */
  BylineFrontMatter *json_yaml;     /* JSON: the same text read as YAML, when both agree */
};

G_DEFINE_QUARK (byline-front-matter-error-quark, byline_front_matter_error)

G_DEFINE_BOXED_TYPE (BylineFrontMatter, byline_front_matter,
                     byline_front_matter_ref, byline_front_matter_unref)

/* ------------------------------------------------------------------------ */
/* Text helpers                                                              */
/* ------------------------------------------------------------------------ */

/* Length of the line break at @pos, or 0. libyaml also breaks lines at
 * NEL (U+0085), LS (U+2028) and PS (U+2029); so do we, to agree with it. */
static inline gsize
break_len (const char *t,
           gsize       len,
           gsize       pos)
{
  guchar c;

  if (pos >= len)
    return 0;
  c = (guchar) t[pos];
  if (c == '\n')
    return 1;
  if (c == '\r')
    return (pos + 1 < len && t[pos + 1] == '\n') ? 2 : 1;
  if (c == 0xC2 && pos + 1 < len && (guchar) t[pos + 1] == 0x85)
    return 2;
  if (c == 0xE2 && pos + 2 < len && (guchar) t[pos + 1] == 0x80 &&
      ((guchar) t[pos + 2] == 0xA8 || (guchar) t[pos + 2] == 0xA9))
    return 3;
  return 0;
}

/* TRUE when a line break ends just before @pos. @t must be NUL-terminated
 * (it may be read at @pos); the middle of a CR LF is not a line start. */
static inline gboolean
break_before (const char *t,
              gsize       pos)
{
  guchar c;

  if (pos == 0)
    return FALSE;
  c = (guchar) t[pos - 1];
  if (c == '\n')
    return TRUE;
  if (c == '\r')
    return t[pos] != '\n';
  if (c == 0x85 && pos >= 2 && (guchar) t[pos - 2] == 0xC2)
    return TRUE;
  if ((c == 0xA8 || c == 0xA9) && pos >= 3 &&
      (guchar) t[pos - 2] == 0x80 && (guchar) t[pos - 3] == 0xE2)
    return TRUE;
  return FALSE;
}

/* Length in bytes of the line break that ends just before @pos, or 0. */
static gsize
break_len_before (const char *t,
                  gsize       pos)
{
  if (!break_before (t, pos))
    return 0;
  if (t[pos - 1] == '\n')
    return pos >= 2 && t[pos - 2] == '\r' ? 2 : 1;
  if (t[pos - 1] == '\r')
    return 1;
  return (guchar) t[pos - 1] == 0x85 ? 2 : 3;
}

static inline gboolean
at_line_start (const char *t,
               gsize       pos)
{
  return pos == 0 || break_before (t, pos);
}

static gsize
line_start (const char *t,
            gsize       pos)
{
  while (pos > 0 && !break_before (t, pos))
    pos--;
  return pos;
}

/* Position of the line break ending the line that holds @pos (or @len). */
static gsize
line_end (const char *t,
          gsize       len,
          gsize       pos)
{
  while (pos < len && break_len (t, len, pos) == 0)
    pos++;
  return pos;
}

/* Start of the next line after the one holding @pos (or @len). */
static gsize
next_line (const char *t,
           gsize       len,
           gsize       pos)
{
  gsize end = line_end (t, len, pos);
  return end + break_len (t, len, end);
}

static gboolean
only_spaces (const char *t,
             gsize       start,
             gsize       end)
{
  for (; start < end; start++)
    if (t[start] != ' ')
      return FALSE;
  return TRUE;
}

/* Column of @pos in characters. */
static gsize
column_of (const char *t,
           gsize       pos)
{
  gsize ls = line_start (t, pos);
  return g_utf8_strlen (t + ls, pos - ls);
}

/* The line break to use for a line written next to @pos: the one that ends
 * the line holding @pos, else the one before it, else the first one in the
 * text, else LF. */
static const char *
newline_near_default (const char *t,
                      gsize       len,
                      gsize       pos,
                      const char *fallback)
{
  gsize end;

  if (pos > len)
    pos = len;
  end = line_end (t, len, line_start (t, pos));
  if (end < len)
    return t[end] == '\r' && break_len (t, len, end) == 2 ? "\r\n" : "\n";
  if (pos > 0 && break_before (t, line_start (t, pos)))
    {
      gsize ls = line_start (t, pos);
      return ls >= 2 && t[ls - 1] == '\n' && t[ls - 2] == '\r' ? "\r\n" : "\n";
    }
  end = line_end (t, len, 0);
  if (end < len)
    return t[end] == '\r' && break_len (t, len, end) == 2 ? "\r\n" : "\n";
  return fallback;
}

#define newline_near(t, len, pos) newline_near_default ((t), (len), (pos), e->self->newline)

/* The line break that ends just before @pos, copied, or "" when none. */
static const char *
break_ending_at (const char *t,
                 gsize       pos)
{
  if (pos >= 2 && t[pos - 1] == '\n' && t[pos - 2] == '\r')
    return "\r\n";
  if (break_before (t, pos))
    return "\n";
  return "";
}

/* The characters libyaml accepts in a stream. */
static inline gboolean
yaml_printable (gunichar c)
{
  return c == 0x09 || c == 0x0A || c == 0x0D ||
         (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
         (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* Printable and not a line break, not a BOM, not a tab. */
static inline gboolean
yaml_inline_char (gunichar c)
{
  return yaml_printable (c) && c != '\t' && c != '\n' && c != '\r' &&
         c != 0x85 && c != 0x2028 && c != 0x2029 && c != 0xFEFF;
}

static inline gboolean
bytes_equal (const char *a,
             gsize       a_len,
             const char *b,
             gsize       b_len)
{
  return a_len == b_len && (a_len == 0 || memcmp (a, b, a_len) == 0);
}

/* ------------------------------------------------------------------------ */
/* Splitting                                                                 */
/* ------------------------------------------------------------------------ */

/* If the line at @pos is @delim (3 bytes) followed by blanks only, returns
 * TRUE and the start of the next line in @next. */
static gboolean
match_delimiter (const char *t,
                 gsize       len,
                 gsize       pos,
                 const char *delim,
                 gsize      *next)
{
  gsize i;

  if (len - pos < 3 || memcmp (t + pos, delim, 3) != 0)
    return FALSE;
  for (i = pos + 3; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
    ;
  if (i == len)
    {
      *next = len;
      return TRUE;
    }
  if (t[i] == '\n')
    {
      *next = i + 1;
      return TRUE;
    }
  if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
    {
      *next = i + 2;
      return TRUE;
    }
  return FALSE;
}

/* Finds the closing delimiter line after @from. */
static gboolean
find_closing (const char  *t,
              gsize        len,
              gsize        from,
              const char  *delim,
              const char  *alt_delim,
              gsize       *close_start,
              gsize       *close_end)
{
  gsize pos = from;

  while (pos < len)
    {
      const char *nl;

      if (match_delimiter (t, len, pos, delim, close_end) ||
          (alt_delim != NULL && match_delimiter (t, len, pos, alt_delim, close_end)))
        {
          *close_start = pos;
          return TRUE;
        }
      nl = memchr (t + pos, '\n', len - pos);
      if (nl == NULL)
        break;
      pos = nl - t + 1;
    }
  return FALSE;
}

/* Finds the end of the JSON object starting at @pos, respecting strings. */
static gboolean
find_json_end (const char *t,
               gsize       len,
               gsize       pos,
               gsize      *end)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize i;

  for (i = pos; i < len; i++)
    {
      char c = t[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          if (--depth == 0)
            {
              if (c != '}')
                return FALSE;
              *end = i + 1;
              return TRUE;
            }
        }
    }
  return FALSE;
}

void
byline_post_split (const char      *text,
                   gssize           len,
                   BylinePostSplit *split)
{
  gsize ulen, pos = 0, next = 0, close_start = 0, close_end = 0;

  g_return_if_fail (split != NULL);
  g_return_if_fail (text != NULL || len <= 0);

  if (text == NULL)
    text = "";
  ulen = len < 0 ? strlen (text) : (gsize) len;

  memset (split, 0, sizeof *split);
  split->format = BYLINE_FORMAT_NONE;
  split->newline = byline_newline_detect (text, ulen);
  split->len = ulen;

  if (ulen >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      split->has_bom = TRUE;
      pos = 3;
    }

  split->open_start = split->fm_start = split->fm_end = split->body_start = pos;

  if (match_delimiter (text, ulen, pos, "---", &next) && next > pos + 3 &&
      find_closing (text, ulen, next, "---", "...", &close_start, &close_end))
    {
      split->format = BYLINE_FORMAT_YAML;
      split->fm_start = next;
      split->fm_end = close_start;
      split->body_start = close_end;
    }
  else if (match_delimiter (text, ulen, pos, "+++", &next) && next > pos + 3 &&
           find_closing (text, ulen, next, "+++", NULL, &close_start, &close_end))
    {
      split->format = BYLINE_FORMAT_TOML;
      split->fm_start = next;
      split->fm_end = close_start;
      split->body_start = close_end;
    }
  else if (pos < ulen && text[pos] == '{')
    {
      gsize i = pos + 1, end = 0;

      /* An object's first token is a key or its end: this keeps a body
       * starting with a "{{< shortcode >}}" out of it. */
      while (i < ulen && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
      if (i < ulen && (text[i] == '"' || text[i] == '}') &&
          find_json_end (text, ulen, pos, &end))
        {
          split->format = BYLINE_FORMAT_JSON;
          split->fm_start = pos;
          split->fm_end = end;
          /* the line break after the object goes with it, as in Hugo */
          if (end < ulen && text[end] == '\n')
            end += 1;
          else if (end + 1 < ulen && text[end] == '\r' && text[end + 1] == '\n')
            end += 2;
          split->body_start = end;
        }
    }
}

gboolean
byline_text_validate (const char  *data,
                      gsize        len,
                      GError     **error)
{
  const char *end = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len == 0)
    return TRUE;

  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_TEXT,
                   _("This is not a text file: it holds NUL bytes."));
      return FALSE;
    }

  if (!g_utf8_validate (data, len, &end))
    {
      gsize offset = end - data;
      guint line = 1;
      gsize i;

      for (i = 0; i < offset; i++)
        if (data[i] == '\n')
          line++;
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_TEXT,
                   _("This file is not UTF-8 text (invalid byte on line %u)."), line);
      return FALSE;
    }

  return TRUE;
}

BylineNewline
byline_newline_detect (const char *text,
                       gssize      len)
{
  gboolean lf = FALSE, crlf = FALSE;
  const char *p, *end;

  g_return_val_if_fail (text != NULL || len <= 0, BYLINE_NEWLINE_LF);

  if (text == NULL)
    return BYLINE_NEWLINE_LF;
  if (len < 0)
    len = strlen (text);

  p = text;
  end = text + len;
  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      if (p > text && p[-1] == '\r')
        crlf = TRUE;
      else
        lf = TRUE;
      if (lf && crlf)
        return BYLINE_NEWLINE_MIXED;
      p++;
    }

  return crlf ? BYLINE_NEWLINE_CRLF : BYLINE_NEWLINE_LF;
}

const char *
byline_newline_to_string (BylineNewline newline)
{
  return newline == BYLINE_NEWLINE_CRLF ? "---\r\n" : "---\n";
}

/* added: the line break itself, "\n" or "\r\n" (static string) */
const char *
byline_newline_get_chars (BylineNewline newline)
{
  return newline == BYLINE_NEWLINE_CRLF ? "\r\n" : "\n";
}

/* ------------------------------------------------------------------------ */
/* Resolving plain scalars like a YAML 1.1 reader                            */
/* ------------------------------------------------------------------------ */

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static gboolean
str_is (const char *s,
        gsize       len,
        const char *word)
{
  gsize wl = strlen (word);
  return len == wl && memcmp (s, word, len) == 0;
}

static gboolean
is_null_word (const char *s,
              gsize       len)
{
  return len == 0 || str_is (s, len, "~") || str_is (s, len, "null") ||
         str_is (s, len, "Null") || str_is (s, len, "NULL");
}

static const char * const bool_words[][2] = {
  /* true word, false word; the first two rows are not YAML 1.1-only */
  { "true", "false" }, { "True", "False" }, { "TRUE", "FALSE" },
  { "yes", "no" }, { "Yes", "No" }, { "YES", "NO" },
  { "on", "off" }, { "On", "Off" }, { "ON", "OFF" },
};

/* Returns the row of bool_words, or -1. */
static int
bool_word (const char *s,
           gsize       len,
           gboolean   *value)
{
  /* the words of bool_words in lower case: row = group * 3 + case variant */
  static const struct { char first; guint8 len; const char *word; guint8 group; gboolean value; } words[] = {
    { 't', 4, "true", 0, TRUE }, { 'f', 5, "false", 0, FALSE },
    { 'y', 3, "yes", 1, TRUE }, { 'n', 2, "no", 1, FALSE },
    { 'o', 2, "on", 2, TRUE }, { 'o', 3, "off", 2, FALSE },
  };
  gboolean rest_lower = TRUE, rest_upper = TRUE;
  char first;
  guint i, k;
  int variant;

  if (len < 2 || len > 5)
    return -1;
  first = g_ascii_tolower (s[0]);
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    if (words[i].first == first && words[i].len == len &&
        g_ascii_strncasecmp (s, words[i].word, len) == 0)
      break;
  if (i == G_N_ELEMENTS (words))
    return -1;

  /* only "true", "True" and "TRUE", not "tRUE" */
  for (k = 1; k < len; k++)
    {
      if (g_ascii_isupper (s[k]))
        rest_lower = FALSE;
      else
        rest_upper = FALSE;
    }
  if (g_ascii_islower (s[0]) && rest_lower)
    variant = 0;
  else if (g_ascii_isupper (s[0]) && rest_lower)
    variant = 1;
  else if (g_ascii_isupper (s[0]) && rest_upper)
    variant = 2;
  else
    return -1;

  *value = words[i].value;
  return words[i].group * 3 + variant;
}

/* [-+]?(0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+) */
static gboolean
is_int11 (const char *s,
          gsize       len)
{
  gsize i = 0, j;

  if (len > 0 && (s[0] == '-' || s[0] == '+'))
    i = 1;
  if (i >= len)
    return FALSE;

  if (s[i] == '0')
    {
      if (i + 1 == len)
        return TRUE;
      if (s[i + 1] == 'b' || s[i + 1] == 'x')
        {
          gboolean hex = s[i + 1] == 'x';
          if (i + 2 == len)
            return FALSE;
          for (j = i + 2; j < len; j++)
            if (!(s[j] == '_' || s[j] == '0' || s[j] == '1' ||
                  (hex && g_ascii_isxdigit (s[j]))))
              return FALSE;
          return TRUE;
        }
      for (j = i + 1; j < len; j++)
        if (!(s[j] == '_' || (s[j] >= '0' && s[j] <= '7')))
          return FALSE;
      return TRUE;
    }

  if (s[i] < '1' || s[i] > '9')
    return FALSE;
  for (j = i + 1; j < len && (is_digit (s[j]) || s[j] == '_'); j++)
    ;
  if (j == len)
    return TRUE;
  /* sexagesimal */
  while (j < len)
    {
      gsize k;

      if (s[j] != ':')
        return FALSE;
      j++;
      for (k = j; k < len && is_digit (s[k]); k++)
        ;
      if (k == j || k - j > 2 || (k - j == 2 && s[j] > '5'))
        return FALSE;
      j = k;
    }
  return TRUE;
}

/* ([eE][-+][0-9]+)? at @i; returns the end or NO_POS */
static gsize
match_exponent (const char *s,
                gsize       len,
                gsize       i)
{
  gsize j;

  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      if (i + 1 >= len || (s[i + 1] != '-' && s[i + 1] != '+'))
        return NO_POS;
      for (j = i + 2; j < len && is_digit (s[j]); j++)
        ;
      if (j == i + 2)
        return NO_POS;
      return j;
    }
  return i;
}

static gboolean
is_float11 (const char *s,
            gsize       len)
{
  gsize i = 0, j;

  if (len == 0)
    return FALSE;

  if (s[0] == '.')
    {
      /* \.[0-9_]+(exp)? | \.(nan|NaN|NAN) | \.(inf|Inf|INF) */
      if (str_is (s, len, ".nan") || str_is (s, len, ".NaN") || str_is (s, len, ".NAN") ||
          str_is (s, len, ".inf") || str_is (s, len, ".Inf") || str_is (s, len, ".INF"))
        return TRUE;
      for (j = 1; j < len && (is_digit (s[j]) || s[j] == '_'); j++)
        ;
      if (j == 1)
        return FALSE;
      return match_exponent (s, len, j) == len;
    }

  if (s[0] == '-' || s[0] == '+')
    {
      i = 1;
      if (str_is (s + 1, len - 1, ".inf") || str_is (s + 1, len - 1, ".Inf") ||
          str_is (s + 1, len - 1, ".INF"))
        return TRUE;
    }

  if (i >= len || !is_digit (s[i]))
    return FALSE;
  for (j = i + 1; j < len && (is_digit (s[j]) || s[j] == '_'); j++)
    ;
  if (j < len && s[j] == '.')
    {
      for (j = j + 1; j < len && (is_digit (s[j]) || s[j] == '_'); j++)
        ;
      return match_exponent (s, len, j) == len;
    }
  if (j < len && s[j] == ':')
    {
      /* [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
      while (j < len && s[j] == ':')
        {
          gsize k;
          j++;
          for (k = j; k < len && is_digit (s[k]); k++)
            ;
          if (k == j || k - j > 2 || (k - j == 2 && s[j] > '5'))
            return FALSE;
          j = k;
        }
      if (j >= len || s[j] != '.')
        return FALSE;
      for (j = j + 1; j < len && (is_digit (s[j]) || s[j] == '_'); j++)
        ;
      return j == len;
    }
  return FALSE;
}

/* A timestamp as YAML 1.1 writes it, with the shape it was written in. */
typedef struct
{
  int      year, month, day;
  gboolean has_time;
  int      hour, minute, second;
  gsize    frac_start;       /* into the parsed text */
  int      frac_len;         /* -1: no '.' */
  int      zone;             /* 0: none, 1: Z, 2: offset */
  int      offset_minutes;
  /* shape */
  char     sep[8];
  int      month_digits, day_digits, hour_digits;
  char     zone_ws[8];
  int      offset_hour_digits;
  gboolean offset_has_minutes;
} Stamp;

static int
take_digits (const char *s,
             gsize       len,
             gsize      *i,
             int         min,
             int         max,
             int        *value)
{
  int n = 0, v = 0;

  while (*i < len && n < max && is_digit (s[*i]))
    {
      v = v * 10 + (s[*i] - '0');
      (*i)++;
      n++;
    }
  if (n < min)
    return 0;
  *value = v;
  return n;
}

/* [0-9]{4}-[0-9]{2}-[0-9]{2}
 * [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?
 * and the date must exist. */
static gboolean
stamp_parse (const char *s,
             gsize       len,
             Stamp      *st)
{
  gsize i = 0, sep_start;
  int n;

  memset (st, 0, sizeof *st);
  st->frac_len = -1;

  if (len < 8 || len > 64)
    return FALSE;
  if (take_digits (s, len, &i, 4, 4, &st->year) != 4 || i >= len || s[i++] != '-')
    return FALSE;
  if ((st->month_digits = take_digits (s, len, &i, 1, 2, &st->month)) == 0 || i >= len || s[i++] != '-')
    return FALSE;
  if ((st->day_digits = take_digits (s, len, &i, 1, 2, &st->day)) == 0)
    return FALSE;

  if (i == len)
    {
      if (st->month_digits != 2 || st->day_digits != 2)
        return FALSE;
      goto validate;
    }

  sep_start = i;
  if (s[i] == 'T' || s[i] == 't')
    i++;
  else
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
      i++;
  if (i == sep_start || i - sep_start >= sizeof st->sep)
    return FALSE;
  memcpy (st->sep, s + sep_start, i - sep_start);

  st->has_time = TRUE;
  if ((st->hour_digits = take_digits (s, len, &i, 1, 2, &st->hour)) == 0 || i >= len || s[i++] != ':')
    return FALSE;
  if (take_digits (s, len, &i, 2, 2, &st->minute) != 2 || i >= len || s[i++] != ':')
    return FALSE;
  if (take_digits (s, len, &i, 2, 2, &st->second) != 2)
    return FALSE;
  if (i < len && s[i] == '.')
    {
      i++;
      st->frac_start = i;
      while (i < len && is_digit (s[i]))
        i++;
      st->frac_len = i - st->frac_start;
    }
  if (i < len)
    {
      gsize ws = i;

      while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
      if (i - ws >= sizeof st->zone_ws)
        return FALSE;
      memcpy (st->zone_ws, s + ws, i - ws);
      if (i < len && s[i] == 'Z')
        {
          st->zone = 1;
          i++;
        }
      else if (i < len && (s[i] == '+' || s[i] == '-'))
        {
          int sign = s[i] == '-' ? -1 : 1, oh = 0, om = 0;

          i++;
          if ((n = take_digits (s, len, &i, 1, 2, &oh)) == 0)
            return FALSE;
          st->offset_hour_digits = n;
          if (i < len && s[i] == ':')
            {
              i++;
              if (take_digits (s, len, &i, 2, 2, &om) != 2)
                return FALSE;
              st->offset_has_minutes = TRUE;
            }
          if (oh > 23 || om > 59)
            return FALSE;
          st->zone = 2;
          st->offset_minutes = sign * (oh * 60 + om);
        }
      else
        return FALSE;
    }
  if (i != len)
    return FALSE;
  if (st->hour > 23 || st->minute > 59 || st->second > 59)
    return FALSE;

validate:
  return st->year >= 1 && st->month >= 1 && st->month <= 12 && st->day >= 1 &&
         g_date_valid_dmy (st->day, st->month, st->year);
}

/* Resolves a plain scalar. */
static Kind
resolve_plain (const char *s,
               gsize       len,
               gboolean   *bool_value,
               gboolean   *yaml11)
{
  int row;

  *yaml11 = FALSE;
  if (len == 0)
    return KIND_NULL;

  switch (s[0])
    {
    case '~': case 'n': case 'N':
      if (is_null_word (s, len))
        return KIND_NULL;
      break;
    case '<':
      if (str_is (s, len, "<<"))
        return KIND_OTHER;
      return KIND_STR;
    case '=':
      if (len == 1)
        return KIND_OTHER;
      return KIND_STR;
    default:
      break;
    }

  if ((row = bool_word (s, len, bool_value)) >= 0)
    {
      *yaml11 = row >= 3;
      return KIND_BOOL;
    }

  if (is_digit (s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.')
    {
      Stamp st;

      if (is_float11 (s, len))
        return KIND_FLOAT;
      if (is_int11 (s, len))
        return KIND_INT;
      if (is_digit (s[0]) && len >= 8 && s[4] == '-')
        {
          if (stamp_parse (s, len, &st))
            return KIND_TIMESTAMP;
          /* matches the pattern but is not a real date: still a timestamp
           * to a YAML 1.1 reader, which then fails on it */
          if (len >= 10 && is_digit (s[1]) && is_digit (s[2]) && is_digit (s[3]))
            {
              Stamp loose;
              char buf[65];

              if (len < sizeof buf)
                {
                  /* check the pattern with a valid date */
                  memcpy (buf, s, len);
                  buf[len] = '\0';
                  buf[0] = '2'; buf[1] = '0'; buf[2] = '0'; buf[3] = '0';
                  if (len >= 7 && is_digit (buf[5]) && is_digit (buf[6]))
                    {
                      buf[5] = '0'; buf[6] = '1';
                      if (len >= 10 && buf[7] == '-' && is_digit (buf[8]) && is_digit (buf[9]))
                        {
                          buf[8] = '0'; buf[9] = '1';
                        }
                    }
                  if (stamp_parse (buf, len, &loose))
                    return KIND_TIMESTAMP;
                }
            }
        }
    }

  return KIND_STR;
}

/* Text a plain scalar must not be written as: anything a YAML 1.1 or 1.2
 * reader, Hugo or Jekyll could read as something other than a string. */
static gboolean
plain_reads_as_other (const char *s,
                      gsize       len)
{
  static const char * const words[] = {
    "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ".inf", "-.inf", "+.inf", ".nan", "inf", "-inf", "+inf", "nan",
    "<<", "=",
  };
  gboolean b, y11;
  guint i;
  gsize j;

  if (resolve_plain (s, len, &b, &y11) != KIND_STR)
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    if (len == strlen (words[i]) && g_ascii_strncasecmp (s, words[i], len) == 0)
      return TRUE;

  /* numbers, dates and times of every dialect: a digit (after a sign or a
   * dot) and then only characters numbers are made of */
  j = 0;
  if (s[0] == '-' || s[0] == '+')
    j = 1;
  if (j < len && s[j] == '.')
    j++;
  if (j < len && is_digit (s[j]))
    {
      for (; j < len; j++)
        if (!(g_ascii_isalnum (s[j]) || s[j] == '_' || s[j] == '.' || s[j] == ':' ||
              s[j] == '-' || s[j] == '+'))
          break;
      if (j == len)
        return TRUE;
      /* "2025-02-13 01:55:25" and the like */
      if (len >= 10 && is_digit (s[0]) && s[4] == '-')
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                     */
/* ------------------------------------------------------------------------ */

/* A model lives in an arena: a list of blocks, each starting with a pointer
 * to the one before. The first block also holds the BylineFrontMatter and its
 * text; nodes, their strings and their children arrays follow. One
 * allocation for most models, and nothing to free node by node. */
#define ARENA_ALIGN  8
#define ARENA_HEADER 16
#define ARENA_MAX_BLOCK (256 * 1024)



static inline gsize
arena_round (gsize size)
{
  return (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);
}

static gpointer
fm_alloc (BylineFrontMatter *self,
          gsize              size)
{
  gpointer mem;

  size = arena_round (size);
  if (self->block_left < size)
    {
      gsize want = MAX (size, self->block_next);
      char *block = g_malloc (ARENA_HEADER + want);

      *(gpointer *) block = self->blocks;
      self->blocks = block;
      self->block_free = block + ARENA_HEADER;
      self->block_left = want;
      self->block_next = MIN (self->block_next * 2, ARENA_MAX_BLOCK);
    }
  mem = self->block_free;
  self->block_free += size;
  self->block_left -= size;
  return mem;
}

/* A copy of @s (@len bytes, may hold NUL) that lives as long as @self. */
static char *
fm_strndup (BylineFrontMatter *self,
            const char        *s,
            gsize              len)
{
  char *copy;

  if (s == NULL)
    return NULL;
  copy = fm_alloc (self, len + 1);
  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

static char *
fm_strdup (BylineFrontMatter *self,
           const char        *s)
{
  return s != NULL ? fm_strndup (self, s, strlen (s)) : NULL;
}

/* A node's children as a GPtrArray in the arena: read with ->len and
 * g_ptr_array_index() only, never resized, ref'd or freed on its own. */
static GPtrArray *
fm_children (BylineFrontMatter *self,
             gpointer const    *items,
             guint              n)
{
  GPtrArray *array = fm_alloc (self, sizeof (GPtrArray) + n * sizeof (gpointer));

  array->pdata = (gpointer *) (array + 1);
  array->len = n;
  if (n > 0)
    memcpy (array->pdata, items, n * sizeof (gpointer));
  return array;
}

static BylineNode *
node_new (BylineFrontMatter *self)
{
  BylineNode *node = fm_alloc (self, sizeof (BylineNode));

  memset (node, 0, sizeof *node);
  node->owner = self;
  node->colon = NO_POS;
  node->dash = NO_POS;
  node->key_kind = KIND_STR;
  return node;
}

static gboolean
node_is_collection (const BylineNode *node)
{
  return node->kind == KIND_SEQ || node->kind == KIND_MAP;
}

static gboolean
node_is_block_scalar (const BylineNode *node)
{
  return node->style == BYLINE_STYLE_LITERAL || node->style == BYLINE_STYLE_FOLDED;
}

/* Types a string value: multi-line text, or a date written as a string. */
static BylineValueType
string_type (const char  *s,
             gsize        len,
             BylineStyle  style)
{
  Stamp st;

  if (style == BYLINE_STYLE_LITERAL || style == BYLINE_STYLE_FOLDED ||
      memchr (s, '\n', len) != NULL)
    return BYLINE_VALUE_TEXT;
  if (len >= 10 && len <= 64 && is_digit (s[0]) && s[4] == '-' && stamp_parse (s, len, &st))
    return st.has_time ? BYLINE_VALUE_DATETIME : BYLINE_VALUE_DATE;
  return BYLINE_VALUE_STRING;
}

static void
node_set_scalar_type (BylineNode *node)
{
  gboolean b = FALSE, y11 = FALSE;
  Stamp st;

  if (node->style == BYLINE_STYLE_PLAIN &&
      (node->tag == NULL || strcmp (node->tag, "!") != 0))
    node->kind = resolve_plain (node->scalar, node->scalar_len, &b, &y11);
  else
    node->kind = KIND_STR;

  if (node->tag != NULL && g_str_equal (node->tag, YAML_STR_TAG))
    node->kind = KIND_STR;

  switch (node->kind)
    {
    case KIND_NULL:
      node->type = BYLINE_VALUE_NULL;
      break;
    case KIND_BOOL:
      node->type = BYLINE_VALUE_BOOL;
      node->bool_value = b;
      node->yaml11_bool = y11;
      break;
    case KIND_INT:
      node->type = BYLINE_VALUE_INT;
      break;
    case KIND_FLOAT:
      node->type = BYLINE_VALUE_FLOAT;
      break;
    case KIND_TIMESTAMP:
      if (stamp_parse (node->scalar, node->scalar_len, &st))
        node->type = st.has_time ? BYLINE_VALUE_DATETIME : BYLINE_VALUE_DATE;
      else
        node->type = BYLINE_VALUE_STRING;
      break;
    case KIND_STR:
    case KIND_OTHER:
    default:
      node->type = string_type (node->scalar, node->scalar_len, node->style);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Parsing YAML                                                              */
/* ------------------------------------------------------------------------ */

/* Turns libyaml's code point indexes into byte offsets. */
typedef struct
{
  const char *text;
  gsize       len;
  gsize       base;     /* bytes of a leading BOM libyaml skipped */
  gsize       ascii_end;  /* the first byte that is not ASCII, or len */
  gsize       cp;
  gsize       byte;
} Cursor;

/* TRUE when the @n bytes at @p are all ASCII. */
static gboolean
ascii_run (const char *p,
           gsize       n)
{
  guint64 acc = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, 8);
      acc |= w;
    }
  for (; i < n; i++)
    acc |= (guchar) p[i];
  return (acc & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static void
cursor_init (Cursor     *c,
             const char *text,
             gsize       len)
{
  c->text = text;
  c->len = len;
  c->base = (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  c->ascii_end = c->base;
  while (c->ascii_end + 8 <= len && ascii_run (text + c->ascii_end, 8))
    c->ascii_end += 8;
  while (c->ascii_end < len && (guchar) text[c->ascii_end] < 0x80)
    c->ascii_end++;
  c->cp = 0;
  c->byte = c->base;
}

static gsize
cursor_byte (Cursor *c,
             gsize   index)
{
  /* up to the first byte that is not ASCII, a code point is a byte */
  if (c->ascii_end == c->len || c->base + index <= c->ascii_end)
    return MIN (c->base + index, c->len);
  if (c->byte < c->ascii_end)
    {
      c->byte = c->ascii_end;
      c->cp = c->ascii_end - c->base;
    }

  /* marks nearly always move forward: the cursor walks on from the last
   * one, so each byte is walked over about once (and back when a mark is
   * behind). Eight bytes at a time while the mark is further on: a code
   * point is a byte that is not a continuation byte (10xxxxxx). */
  while (c->cp < index && c->byte + 8 <= c->len)
    {
      guint64 w, cont;
      guint n;

      memcpy (&w, c->text + c->byte, 8);
      cont = (w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
      /* the sum of the bytes: how many continuation bytes */
      n = 8 - (guint) ((cont * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
      if (c->cp + n > index)
        break;
      c->cp += n;
      c->byte += 8;
    }
  /* the jump may end inside a character already counted */
  while (c->byte < c->len && ((guchar) c->text[c->byte] & 0xC0) == 0x80)
    c->byte++;
  while (c->cp < index && c->byte < c->len)
    {
      c->byte++;
      while (c->byte < c->len && ((guchar) c->text[c->byte] & 0xC0) == 0x80)
        c->byte++;
      c->cp++;
    }
  while (c->cp > index && c->byte > c->base)
    {
      c->byte--;
      while (c->byte > c->base && ((guchar) c->text[c->byte] & 0xC0) == 0x80)
        c->byte--;
      c->cp--;
    }
  return c->byte;
}

typedef struct
{
  BylineNode *node;
  gboolean    have_key;
  char       *key;
  gsize       key_len;
  gsize       key_start, key_end;
  guint       key_line;
  guint8      key_kind;
  guint8      key_style;
  const char *key_ro;
  guint       base;     /* where its children begin in the stack */
} Frame;

typedef struct
{
  BylineFrontMatter *self;
  yaml_parser_t      parser;
  Cursor             cursor;
  Frame             *frames;    /* the open collections */
  guint              n_frames;
  guint              frames_size;
  BylineNode       **stack;     /* their children so far */
  guint              n_stack;
  guint              stack_size;
  guint              documents;
  guint              skip;      /* depth inside a complex key being skipped */
  GHashTable        *anchors;   /* defined so far, for checking aliases */
  Frame              frames_inline[16];
  BylineNode        *stack_inline[128];
} Parse;

/* Makes room for one more frame (which may move the frames). */
static void
parse_grow_frames (Parse *ps)
{
  if (ps->n_frames == ps->frames_size)
    {
      Frame *bigger = g_new (Frame, ps->frames_size * 2);

      memcpy (bigger, ps->frames, ps->n_frames * sizeof (Frame));
      if (ps->frames != ps->frames_inline)
        g_free (ps->frames);
      ps->frames = bigger;
      ps->frames_size *= 2;
    }
}

/* Makes room for one more child. */
static void
parse_grow_stack (Parse *ps)
{
  if (ps->n_stack == ps->stack_size)
    {
      BylineNode **bigger = g_new (BylineNode *, ps->stack_size * 2);

      memcpy (bigger, ps->stack, ps->n_stack * sizeof (BylineNode *));
      if (ps->stack != ps->stack_inline)
        g_free (ps->stack);
      ps->stack = bigger;
      ps->stack_size *= 2;
    }
}

static void
parse_note_anchor (Parse      *ps,
                   const char *anchor)
{
  if (anchor == NULL)
    return;
  if (ps->anchors == NULL)
    ps->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (ps->anchors, g_strdup (anchor));
}

static BylineStyle
scalar_style (yaml_scalar_style_t style)
{
  switch (style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return BYLINE_STYLE_SINGLE_QUOTED;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return BYLINE_STYLE_DOUBLE_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE:
      return BYLINE_STYLE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE:
      return BYLINE_STYLE_FOLDED;
    case YAML_ANY_SCALAR_STYLE:
    case YAML_PLAIN_SCALAR_STYLE:
    default:
      return BYLINE_STYLE_PLAIN;
    }
}

/* The header of a block scalar ("|", ">-", "|2+" …) starting at @pos. */
typedef struct
{
  char  indicator;
  char  chomp;          /* 0, '-' or '+' */
  gsize chomp_pos;      /* NO_POS when there is none */
  int   indent_digit;   /* 0 when there is none */
  gsize header_end;     /* after the indicators */
  gsize content_start;  /* the line after the header */
} BlockHeader;

static gboolean
block_header_parse (const char  *t,
                    gsize        len,
                    gsize        pos,
                    BlockHeader *h)
{
  gsize i;

  memset (h, 0, sizeof *h);
  h->chomp_pos = NO_POS;
  if (pos >= len || (t[pos] != '|' && t[pos] != '>'))
    return FALSE;
  h->indicator = t[pos];
  for (i = pos + 1; i < len && i < pos + 3; i++)
    {
      if ((t[i] == '-' || t[i] == '+') && h->chomp == 0)
        {
          h->chomp = t[i];
          h->chomp_pos = i;
        }
      else if (t[i] >= '1' && t[i] <= '9' && h->indent_digit == 0)
        h->indent_digit = t[i] - '0';
      else
        break;
    }
  h->header_end = i;
  h->content_start = next_line (t, len, i);
  return TRUE;
}

/* Where a block scalar's value ends: after its last line holding text, or,
 * with "+", after all the blank lines libyaml gave it. */
static gsize
block_scalar_end (const char *t,
                  gsize       len,
                  gsize       start,
                  gsize       end)
{
  BlockHeader h;
  gsize q;

  if (!block_header_parse (t, len, start, &h))
    return end;
  if (end <= h.content_start)
    return MAX (end, MIN (h.content_start, len));
  /* libyaml may have taken the indentation of the next line */
  if (!at_line_start (t, end) && only_spaces (t, line_start (t, end), end))
    end = line_start (t, end);
  if (end < h.content_start)
    end = h.content_start;
  if (h.chomp == '+')
    return end;

  q = end;
  while (q > h.content_start)
    {
      gsize ls = line_start (t, q - 1);
      gsize i;
      gboolean blank = TRUE;

      for (i = ls; i < q; i++)
        if (t[i] != ' ' && t[i] != '\t' && break_len (t, len, i) == 0)
          {
            blank = FALSE;
            break;
          }
      if (!blank)
        break;
      q = ls;
    }
  return MAX (q, h.content_start);
}

/* Finds the "-" of a block sequence item whose value starts at @pos. */
static gsize
find_dash (const char *t,
           gsize       len,
           gsize       pos)
{
  gsize p = pos;

  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t' || break_before (t, p)))
    {
      if (break_before (t, p))
        {
          gsize ls = line_start (t, p - 1);
          p = ls + (line_end (t, len, ls) - ls);
        }
      else
        p--;
    }
  if (p > 0 && t[p - 1] == '-')
    return p - 1;
  return NO_POS;
}

/* Fills in where a finished node's item and entry begin and end. */
static void
node_finish_ranges (Parse      *ps,
                    BylineNode *node)
{
  BylineFrontMatter *self = ps->self;
  const char *t = self->text;
  gsize len = self->len;
  BylineNode *parent = node->parent;
  gboolean block_parent;

  if (parent == NULL)
    {
      node->start = node->entry_start = node->value_start;
      node->entry_end = node->value_end;
      return;
    }

  block_parent = parent->style == BYLINE_STYLE_BLOCK;

  if (parent->kind == KIND_MAP)
    {
      gsize p = node->key_end;

      node->start = node->key_start;
      while (p < len && (t[p] == ' ' || t[p] == '\t'))
        p++;
      if (p < len && t[p] == ':')
        node->colon = p;

      /* "? key": an explicit key, which we can't rewrite */
      p = node->key_start;
      while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t'))
        p--;
      if (p > 0 && t[p - 1] == '?' && node->ro_reason == NULL)
        node->ro_reason = _("This field uses a complex key.");
    }
  else if (block_parent)
    {
      node->dash = find_dash (t, len, node->value_start);
      node->start = node->dash != NO_POS ? node->dash : node->value_start;
    }
  else
    node->start = node->value_start;

  if (block_parent)
    {
      gsize ls = line_start (t, node->start);

      node->own_line = only_spaces (t, ls, node->start) &&
                       (parent->kind == KIND_MAP || node->dash != NO_POS);
      node->entry_start = node->own_line ? ls : node->start;
      /* a BOM at the start of the text is no part of the first entry */
      if (node->entry_start < ps->cursor.base)
        node->entry_start = ps->cursor.base;
      if (node->value_end > node->start && at_line_start (t, node->value_end))
        node->entry_end = node->value_end;
      else
        node->entry_end = next_line (t, len, MAX (node->value_end, node->start));
    }
  else
    {
      node->entry_start = node->start;
      node->entry_end = node->value_end;
    }
}

static void
node_attach (Parse      *ps,
             BylineNode *node)
{
  Frame *frame;

  if (ps->n_frames == 0)
    {
      if (ps->documents == 1 && ps->self->root == NULL)
        ps->self->root = node;
      return;
    }

  frame = &ps->frames[ps->n_frames - 1];
  node->parent = frame->node;
  node->in_flow = frame->node->style == BYLINE_STYLE_FLOW;
  node->index = ps->n_stack - frame->base;
  parse_grow_stack (ps);
  ps->stack[ps->n_stack++] = node;

  if (frame->node->kind == KIND_MAP)
    {
      g_assert (frame->have_key);
      node->key = frame->key;
      frame->key = NULL;
      node->key_len = frame->key_len;
      node->key_start = frame->key_start;
      node->key_end = frame->key_end;
      node->key_kind = frame->key_kind;
      node->key_style = frame->key_style;
      node->line = frame->key_line;
      if (frame->key_ro != NULL && node->ro_reason == NULL)
        node->ro_reason = frame->key_ro;
      frame->have_key = FALSE;
      frame->key_ro = NULL;
    }
}

/* Marks duplicated keys and passes read-only flags up. */
static void
collection_finish (BylineNode *node)
{
  guint i, j;

  if (node->kind == KIND_MAP && node->children->len > 1)
    {
      if (node->children->len <= 64)
        {
          for (i = 0; i < node->children->len; i++)
            {
              BylineNode *a = g_ptr_array_index (node->children, i);
              for (j = i + 1; j < node->children->len; j++)
                {
                  BylineNode *b = g_ptr_array_index (node->children, j);
                  if (bytes_equal (a->key, a->key_len, b->key, b->key_len))
                    {
                      if (a->ro_reason == NULL)
                        a->ro_reason = _("This key appears more than once.");
                      if (b->ro_reason == NULL)
                        b->ro_reason = _("This key appears more than once.");
                    }
                }
            }
        }
      else
        {
          g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

          for (i = 0; i < node->children->len; i++)
            {
              BylineNode *a = g_ptr_array_index (node->children, i);
              BylineNode *b = g_hash_table_lookup (seen, a->key);

              if (b != NULL && bytes_equal (a->key, a->key_len, b->key, b->key_len))
                {
                  if (a->ro_reason == NULL)
                    a->ro_reason = _("This key appears more than once.");
                  if (b->ro_reason == NULL)
                    b->ro_reason = _("This key appears more than once.");
                }
              else
                g_hash_table_insert (seen, a->key, a);
            }
        }
    }

  for (i = 0; i < node->children->len && node->ro_inside == NULL; i++)
    {
      BylineNode *child = g_ptr_array_index (node->children, i);

      if (child->ro_reason != NULL)
        node->ro_inside = child->ro_reason;
      else if (child->ro_inside != NULL)
        node->ro_inside = child->ro_inside;
    }
}

static void
set_parse_error (BylineFrontMatter *self,
                 yaml_parser_t     *parser)
{
  guint line, column;
  g_autofree char *problem = NULL;

  if (parser->error == YAML_READER_ERROR)
    {
      gsize offset = MIN (parser->problem_offset, self->len);
      gsize i, ls = 0;

      line = 1;
      for (i = 0; i < offset; i++)
        if (self->text[i] == '\n')
          {
            line++;
            ls = i + 1;
          }
      column = g_utf8_strlen (self->text + ls, offset - ls) + 1;
      if (!g_utf8_validate (self->text + ls, offset - ls, NULL))
        column = offset - ls + 1;
    }
  else
    {
      line = parser->problem_mark.line + 1;
      column = parser->problem_mark.column + 1;
    }

  if (parser->problem == NULL)
    problem = g_strdup (_("The front matter could not be read."));
  else if (parser->context != NULL)
    problem = g_strdup_printf ("%s (%s)", parser->problem, parser->context);
  else
    problem = g_strdup (parser->problem);

  self->error_line = line;
  self->error_column = column;
  self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                             _("Line %u, column %u: %s"), line, column, problem);
}

/* libyaml allocates about 64 KB of buffers for every parser and frees them
 * with it. A front matter is a few hundred bytes, so that is a large part of
 * a parse, and an edit pays it twice (the parse, then the proof's). So each
 * thread keeps the parser of its last parse when that parse ran cleanly to
 * the end of the stream, and rewinds it to the state
 * yaml_parser_initialize() leaves: every field zero but the buffers, the
 * token queue and the stacks, which keep their memory and are empty.
 *
 * That takes knowing what libyaml keeps in its parser (yaml_parser_t is
 * public in yaml.h): the rewind mirrors yaml_parser_initialize() and
 * yaml_parser_delete() of libyaml 0.2.5 (src/api.c), and with any other
 * version every parse gets a new parser as before. A parser is only kept
 * when nothing in it owns memory but those buffers: no error, no token left
 * in the queue (tokens own their strings), no %TAG directive on the stack.
 * A thread's parser is freed when the thread ends. */
typedef struct
{
  gboolean      full;
  yaml_parser_t parser;
} ParserSlot;

static void
parser_slot_free (gpointer data)
{
  ParserSlot *slot = data;

  if (slot->full)
    yaml_parser_delete (&slot->parser);
  g_free (slot);
}

static GPrivate parser_slot = G_PRIVATE_INIT (parser_slot_free);

static gboolean
parser_can_rewind (void)
{
  static gsize known = 0;

  if (g_once_init_enter (&known))
    {
      int major = 0, minor = 0, patch = 0;

      yaml_get_version (&major, &minor, &patch);
      g_once_init_leave (&known, major == 0 && minor == 2 && patch == 5 ? 1 : 2);
    }
  return known == 1;
}

static void
parser_open (yaml_parser_t *parser,
             const char    *text,
             gsize          len)
{
  ParserSlot *slot = g_private_get (&parser_slot);

  if (slot != NULL && slot->full)
    {
      *parser = slot->parser;
      slot->full = FALSE;
    }
  else
    yaml_parser_initialize (parser);
  yaml_parser_set_input_string (parser, (const guchar *) text, len);
}

static void
parser_close (yaml_parser_t *parser,
              gboolean       at_stream_end)
{
  ParserSlot *slot;
  yaml_parser_t used;

  if (!at_stream_end || parser->error != YAML_NO_ERROR ||
      parser->tokens.head != parser->tokens.tail ||
      parser->tag_directives.top != parser->tag_directives.start ||
      parser->aliases.start != NULL || !parser_can_rewind ())
    {
      yaml_parser_delete (parser);
      return;
    }

  slot = g_private_get (&parser_slot);
  if (slot == NULL)
    {
      slot = g_new0 (ParserSlot, 1);
      g_private_set (&parser_slot, slot);
    }
  if (slot->full)
    {
      yaml_parser_delete (parser);
      return;
    }

  used = *parser;
  memset (&slot->parser, 0, sizeof slot->parser);
  slot->parser.raw_buffer.start = used.raw_buffer.start;
  slot->parser.raw_buffer.pointer = used.raw_buffer.start;
  slot->parser.raw_buffer.last = used.raw_buffer.start;
  slot->parser.raw_buffer.end = used.raw_buffer.end;
  slot->parser.buffer.start = used.buffer.start;
  slot->parser.buffer.pointer = used.buffer.start;
  slot->parser.buffer.last = used.buffer.start;
  slot->parser.buffer.end = used.buffer.end;
  slot->parser.tokens.start = used.tokens.start;
  slot->parser.tokens.head = used.tokens.start;
  slot->parser.tokens.tail = used.tokens.start;
  slot->parser.tokens.end = used.tokens.end;
  slot->parser.indents.start = used.indents.start;
  slot->parser.indents.top = used.indents.start;
  slot->parser.indents.end = used.indents.end;
  slot->parser.simple_keys.start = used.simple_keys.start;
  slot->parser.simple_keys.top = used.simple_keys.start;
  slot->parser.simple_keys.end = used.simple_keys.end;
  slot->parser.states.start = used.states.start;
  slot->parser.states.top = used.states.start;
  slot->parser.states.end = used.states.end;
  slot->parser.marks.start = used.marks.start;
  slot->parser.marks.top = used.marks.start;
  slot->parser.marks.end = used.marks.end;
  slot->parser.tag_directives.start = used.tag_directives.start;
  slot->parser.tag_directives.top = used.tag_directives.start;
  slot->parser.tag_directives.end = used.tag_directives.end;
  slot->full = TRUE;
}

static void
parse_yaml (BylineFrontMatter *self)
{
  Parse ps;
  gboolean done = FALSE, at_stream_end = FALSE;

  /* not the inline stacks: they are filled before they are read */
  memset (&ps, 0, G_STRUCT_OFFSET (Parse, frames_inline));
  ps.self = self;
  ps.frames = ps.frames_inline;
  ps.frames_size = G_N_ELEMENTS (ps.frames_inline);
  ps.stack = ps.stack_inline;
  ps.stack_size = G_N_ELEMENTS (ps.stack_inline);
  cursor_init (&ps.cursor, self->text, self->len);
  parser_open (&ps.parser, self->text, self->len);

  while (!done)
    {
      yaml_event_t ev;
      BylineNode *node = NULL;
      Frame *frame;

      if (!yaml_parser_parse (&ps.parser, &ev))
        {
          set_parse_error (self, &ps.parser);
          break;
        }

      frame = ps.n_frames > 0 ? &ps.frames[ps.n_frames - 1] : NULL;

      if (ps.skip > 0)
        {
          if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
            ps.skip++;
          else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
            ps.skip--;
          yaml_event_delete (&ev);
          continue;
        }

      switch (ev.type)
        {
        case YAML_SCALAR_EVENT:
          parse_note_anchor (&ps, (const char *) ev.data.scalar.anchor);
          break;
        case YAML_SEQUENCE_START_EVENT:
          parse_note_anchor (&ps, (const char *) ev.data.sequence_start.anchor);
          break;
        case YAML_MAPPING_START_EVENT:
          parse_note_anchor (&ps, (const char *) ev.data.mapping_start.anchor);
          break;
        case YAML_ALIAS_EVENT:
          if (ps.anchors == NULL ||
              !g_hash_table_contains (ps.anchors, (const char *) ev.data.alias.anchor))
            {
              self->error_line = ev.start_mark.line + 1;
              self->error_column = ev.start_mark.column + 1;
              self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                                         _("Line %u, column %u: %s"), self->error_line,
                                         self->error_column, "found undefined alias");
              done = TRUE;
            }
          break;
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
        default:
          break;
        }
      if (done)
        {
          yaml_event_delete (&ev);
          break;
        }

      switch (ev.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          at_stream_end = TRUE;
          break;

        case YAML_DOCUMENT_START_EVENT:
          ps.documents++;
          if (ps.documents > 1)
            self->ro_reason = _("The front matter holds several YAML documents.");
          else if (ev.data.document_start.version_directive != NULL ||
                   ev.data.document_start.tag_directives.start != ev.data.document_start.tag_directives.end)
            self->ro_reason = _("The front matter uses YAML directives.");
          else if (!ev.data.document_start.implicit)
            self->ro_reason = _("The front matter holds a “---” document marker.");
          break;

        case YAML_DOCUMENT_END_EVENT:
          if (!ev.data.document_end.implicit && self->ro_reason == NULL)
            self->ro_reason = _("The front matter holds a “...” document marker.");
          break;

        case YAML_SCALAR_EVENT:
          if (ps.documents > 1)
            break;
          if (frame != NULL && frame->node->kind == KIND_MAP && !frame->have_key)
            {
              gboolean b, y11;

              frame->have_key = TRUE;
              frame->key_len = ev.data.scalar.length;
              frame->key = fm_strndup (self, (const char *) ev.data.scalar.value, frame->key_len);
              frame->key_start = cursor_byte (&ps.cursor, ev.start_mark.index);
              frame->key_end = cursor_byte (&ps.cursor, ev.end_mark.index);
              frame->key_line = ev.start_mark.line + 1;
              frame->key_style = scalar_style (ev.data.scalar.style);
              frame->key_kind = frame->key_style == BYLINE_STYLE_PLAIN
                ? resolve_plain (frame->key, frame->key_len, &b, &y11) : KIND_STR;
              if (ev.data.scalar.anchor != NULL)
                frame->key_ro = _("This field’s key has an anchor.");
              else if (ev.data.scalar.tag != NULL)
                frame->key_ro = _("This field’s key has a tag.");
              else if (frame->key_style == BYLINE_STYLE_LITERAL || frame->key_style == BYLINE_STYLE_FOLDED ||
                       memchr (frame->key, '\0', frame->key_len) != NULL)
                frame->key_ro = _("This field uses a complex key.");
              break;
            }

          node = node_new (self);
          node->scalar_len = ev.data.scalar.length;
          node->scalar = fm_strndup (self, (const char *) ev.data.scalar.value, node->scalar_len);
          node->anchor = fm_strdup (self, (const char *) ev.data.scalar.anchor);
          node->tag = fm_strdup (self, (const char *) ev.data.scalar.tag);
          node->style = scalar_style (ev.data.scalar.style);
          node->value_start = cursor_byte (&ps.cursor, ev.start_mark.index);
          node->value_end = cursor_byte (&ps.cursor, ev.end_mark.index);
          node->line = ev.start_mark.line + 1;
          if (node_is_block_scalar (node))
            node->value_end = block_scalar_end (self->text, self->len, node->value_start, node->value_end);
          if (node->anchor != NULL)
            node->ro_reason = _("This value has an anchor that other values refer to.");
          else if (node->tag != NULL)
            node->ro_reason = _("This value has a YAML tag.");
          node_set_scalar_type (node);
          node_attach (&ps, node);
          node_finish_ranges (&ps, node);
          break;

        case YAML_ALIAS_EVENT:
          if (ps.documents > 1)
            break;
          if (frame != NULL && frame->node->kind == KIND_MAP && !frame->have_key)
            {
              frame->have_key = TRUE;
              frame->key = fm_strdup (self, "");
              frame->key_len = 0;
              frame->key_start = frame->key_end = cursor_byte (&ps.cursor, ev.start_mark.index);
              frame->key_line = ev.start_mark.line + 1;
              frame->key_kind = KIND_ALIAS;
              frame->key_ro = _("This field uses a complex key.");
              break;
            }
          node = node_new (self);
          node->kind = KIND_ALIAS;
          node->type = BYLINE_VALUE_STRING;
          node->style = BYLINE_STYLE_PLAIN;
          node->anchor = fm_strdup (self, (const char *) ev.data.alias.anchor);
          {
            g_autofree char *star = g_strdup_printf ("*%s", node->anchor);
            node->scalar_len = strlen (star);
            node->scalar = fm_strndup (self, star, node->scalar_len);
          }
          node->value_start = cursor_byte (&ps.cursor, ev.start_mark.index);
          node->value_end = cursor_byte (&ps.cursor, ev.end_mark.index);
          node->line = ev.start_mark.line + 1;
          node->ro_reason = _("This value refers to another one (an alias).");
          node_attach (&ps, node);
          node_finish_ranges (&ps, node);
          break;

        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          {
            gboolean is_map = ev.type == YAML_MAPPING_START_EVENT;
            Frame nf = { 0 };

            if (ps.documents > 1)
              break;
            if (frame != NULL && frame->node->kind == KIND_MAP && !frame->have_key)
              {
                frame->have_key = TRUE;
                frame->key = fm_strdup (self, "");
                frame->key_len = 0;
                frame->key_start = frame->key_end = cursor_byte (&ps.cursor, ev.start_mark.index);
                frame->key_line = ev.start_mark.line + 1;
                frame->key_kind = is_map ? KIND_MAP : KIND_SEQ;
                frame->key_ro = _("This field uses a complex key.");
                ps.skip = 1;
                break;
              }

            node = node_new (self);
            node->kind = is_map ? KIND_MAP : KIND_SEQ;
            node->type = is_map ? BYLINE_VALUE_MAPPING : BYLINE_VALUE_SEQUENCE;
            if (is_map)
              {
                node->anchor = fm_strdup (self, (const char *) ev.data.mapping_start.anchor);
                node->tag = fm_strdup (self, (const char *) ev.data.mapping_start.tag);
                node->style = ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                  ? BYLINE_STYLE_FLOW : BYLINE_STYLE_BLOCK;
              }
            else
              {
                node->anchor = fm_strdup (self, (const char *) ev.data.sequence_start.anchor);
                node->tag = fm_strdup (self, (const char *) ev.data.sequence_start.tag);
                node->style = ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                  ? BYLINE_STYLE_FLOW : BYLINE_STYLE_BLOCK;
              }
            node->value_start = cursor_byte (&ps.cursor, ev.start_mark.index);
            node->line = ev.start_mark.line + 1;
            if (node->anchor != NULL)
              node->ro_reason = _("This value has an anchor that other values refer to.");
            else if (node->tag != NULL)
              node->ro_reason = _("This value has a YAML tag.");
            node_attach (&ps, node);
            nf.node = node;
            nf.base = ps.n_stack;
            parse_grow_frames (&ps);
            ps.frames[ps.n_frames++] = nf;
          }
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          if (ps.documents > 1 || frame == NULL)
            break;
          node = frame->node;
          node->children = fm_children (self, (gpointer const *) ps.stack + frame->base,
                                        ps.n_stack - frame->base);
          ps.n_stack = frame->base;
          ps.n_frames--;
          if (node->style == BYLINE_STYLE_FLOW)
            node->value_end = cursor_byte (&ps.cursor, ev.end_mark.index);
          else if (node->children->len > 0)
            {
              BylineNode *last = g_ptr_array_index (node->children, node->children->len - 1);
              node->value_end = last->entry_end;
            }
          else
            node->value_end = node->value_start;
          collection_finish (node);
          node_finish_ranges (&ps, node);
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        default:
          break;
        }

      yaml_event_delete (&ev);
    }

  if (ps.frames != ps.frames_inline)
    g_free (ps.frames);
  if (ps.stack != ps.stack_inline)
    g_free (ps.stack);
  g_clear_pointer (&ps.anchors, g_hash_table_unref);
  parser_close (&ps.parser, at_stream_end);

  if (self->error != NULL)
    {
      self->root = NULL;
      return;
    }

  if (self->root == NULL)
    {
      /* no document: an empty mapping */
      BylineNode *root = node_new (self);

      root->kind = KIND_MAP;
      root->type = BYLINE_VALUE_MAPPING;
      root->style = BYLINE_STYLE_BLOCK;
      root->children = fm_children (self, NULL, 0);
      root->value_start = root->value_end = 0;
      root->line = 1;
      self->root = root;
    }
  else if (self->root->kind != KIND_MAP)
    {
      if (self->ro_reason == NULL)
        self->ro_reason = _("The front matter is not a list of fields.");
      self->root = NULL;
    }
}

/* ------------------------------------------------------------------------ */
/* Building a read-only model of JSON                                        */
/* ------------------------------------------------------------------------ */

static BylineNode *
json_to_node (BylineFrontMatter *self,
              BylineNode        *parent,
              JsonNode          *json)
{
  BylineNode *node = node_new (self);

  node->parent = parent;
  node->in_flow = parent != NULL;
  node->style = BYLINE_STYLE_FLOW;

  switch (json_node_get_node_type (json))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (json);
        GList *members = json_object_get_members (object);
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
        g_autoptr(GPtrArray) children = g_ptr_array_new ();
        GList *l;

        node->kind = KIND_MAP;
        node->type = BYLINE_VALUE_MAPPING;
        for (l = members; l != NULL; l = l->next)
          {
            BylineNode *child;

            if (g_hash_table_contains (seen, l->data))
              continue;
            g_hash_table_add (seen, l->data);
            child = json_to_node (self, node, json_object_get_member (object, l->data));
            child->key = fm_strdup (self, l->data);
            child->key_len = strlen (child->key);
            child->index = children->len;
            g_ptr_array_add (children, child);
          }
        g_list_free (members);
        node->children = fm_children (self, children->pdata, children->len);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (json);
        guint i, n = json_array_get_length (array);
        g_autofree BylineNode **children = g_new (BylineNode *, MAX (n, 1));

        node->kind = KIND_SEQ;
        node->type = BYLINE_VALUE_SEQUENCE;
        for (i = 0; i < n; i++)
          {
            BylineNode *child = json_to_node (self, node, json_array_get_element (array, i));
            child->index = i;
            children[i] = child;
          }
        node->children = fm_children (self, (gpointer const *) children, n);
      }
      break;

    case JSON_NODE_NULL:
      node->kind = KIND_NULL;
      node->type = BYLINE_VALUE_NULL;
      node->style = BYLINE_STYLE_PLAIN;
      node->scalar = fm_strdup (self, "null");
      node->scalar_len = 4;
      break;

    case JSON_NODE_VALUE:
    default:
      {
        GType vt = json_node_get_value_type (json);

        node->style = BYLINE_STYLE_PLAIN;
        if (vt == G_TYPE_BOOLEAN)
          {
            node->kind = KIND_BOOL;
            node->type = BYLINE_VALUE_BOOL;
            node->bool_value = json_node_get_boolean (json);
            node->scalar = fm_strdup (self, node->bool_value ? "true" : "false");
          }
        else if (vt == G_TYPE_INT64)
          {
            char buf[32];

            node->kind = KIND_INT;
            node->type = BYLINE_VALUE_INT;
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (json));
            node->scalar = fm_strdup (self, buf);
          }
        else if (vt == G_TYPE_DOUBLE)
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            node->kind = KIND_FLOAT;
            node->type = BYLINE_VALUE_FLOAT;
            node->scalar = fm_strdup (self, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (json)));
          }
        else
          {
            const char *s = json_node_get_string (json);

            node->kind = KIND_STR;
            node->style = BYLINE_STYLE_DOUBLE_QUOTED;
            node->scalar = fm_strdup (self, s != NULL ? s : "");
            node->type = string_type (node->scalar, strlen (node->scalar), node->style);
          }
        node->scalar_len = strlen (node->scalar);
      }
      break;
    }

  return node;
}

/* Whether @json (a node of the JSON reading) and @yaml (of the YAML reading
 * of the same text) mean the same: the same types, keys in the same order,
 * the same scalar text. JSON is (nearly) YAML's flow style, so the YAML
 * engine, with its byte ranges and its proven edits, can edit JSON front
 * matter when the two readings agree, before and after each edit. */
static gboolean
json_yaml_agree (const BylineNode *json,
                 const BylineNode *yaml)
{
  guint n = json->children != NULL ? json->children->len : 0;

  if (json->type != yaml->type || n != (yaml->children != NULL ? yaml->children->len : 0) ||
      (yaml->key != NULL) != (json->key != NULL) ||
      (json->key != NULL && (json->key_len != yaml->key_len ||
                             memcmp (json->key, yaml->key, json->key_len) != 0)) ||
      yaml->ro_reason != NULL || yaml->ro_inside != NULL)
    return FALSE;

  switch (json->type)
    {
    case BYLINE_VALUE_MAPPING:
    case BYLINE_VALUE_SEQUENCE:
      for (guint i = 0; i < n; i++)
        if (!json_yaml_agree (g_ptr_array_index (json->children, i),
                              g_ptr_array_index (yaml->children, i)))
          return FALSE;
      return TRUE;

    case BYLINE_VALUE_NULL:
      return TRUE;

    case BYLINE_VALUE_BOOL:
      return json->bool_value == yaml->bool_value;

    default:
      return json->scalar_len == yaml->scalar_len &&
             memcmp (json->scalar, yaml->scalar, json->scalar_len) == 0;
    }
}

static void
parse_json (BylineFrontMatter *self)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, self->text, self->len, &error))
    {
      guint line = 1, column = 1;
      const char *message = error->message;

      if (g_str_has_prefix (message, "<data>:"))
        {
          char *end = NULL;

          line = strtoul (message + 7, &end, 10);
          if (end != NULL && *end == ':')
            column = strtoul (end + 1, &end, 10);
          if (end != NULL && *end == ':')
            message = end + 1;
          while (*message == ' ')
            message++;
        }
      self->error_line = MAX (line, 1);
      self->error_column = MAX (column, 1);
      self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                                 _("Line %u, column %u: %s"),
                                 self->error_line, self->error_column, message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || json_node_get_node_type (root) != JSON_NODE_OBJECT)
    {
      self->error_line = 1;
      self->error_column = 1;
      self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                                 _("Line %u, column %u: %s"), 1, 1,
                                 _("The JSON front matter is not an object."));
      return;
    }

  self->root = json_to_node (self, NULL, root);

  /* Editable when the YAML reading agrees: its nodes, with their byte
   * ranges, become the model. */
  {
    BylineFrontMatter *yaml = byline_front_matter_new (BYLINE_FORMAT_YAML, self->text, self->len);

    if (byline_front_matter_is_valid (yaml) && yaml->ro_reason == NULL && yaml->root != NULL &&
        json_yaml_agree (self->root, yaml->root))
      {
        self->json_yaml = yaml;
        self->root = yaml->root;
        self->ro_reason = NULL;
      }
    else
      {
        self->ro_reason = _("Byline can’t edit this JSON front matter field by field: it "
                            "reads differently as YAML (a number written like 1e3, a key "
                            "written twice). Edit the text directly instead.");
        byline_front_matter_unref (yaml);
      }
  }
}

/* ------------------------------------------------------------------------ */
/* The model of TOML                                                         */
/* ------------------------------------------------------------------------ */

/* TOML is read with toml++ (byline-toml-edit.cc) into nodes with byte
 * ranges; its edits are made there too (byline_toml_set_scalar(), …). */
static void
parse_toml (BylineFrontMatter *self)
{
  g_autofree char *message = NULL;
  g_autofree BylineNode **nodes = NULL;
  g_autofree guint *n_children = NULL;
  guint line = 1, column = 1, n = 0, i;
  BylineTomlNode *model;

  model = byline_toml_parse_model (self->text, self->len, &n, &line, &column, &message);
  if (model == NULL || n == 0)
    {
      self->error_line = line;
      self->error_column = column;
      self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                                 _("Line %u, column %u: %s"), line, column,
                                 message != NULL ? message : "");
      byline_toml_model_free (model, n);
      return;
    }

  nodes = g_new0 (BylineNode *, n);
  n_children = g_new0 (guint, n);
  for (i = 0; i < n; i++)
    {
      const BylineTomlNode *t = &model[i];
      BylineNode *node = node_new (self);

      nodes[i] = node;
      node->type = t->type;
      node->style = t->style;
      node->line = t->line;
      node->in_flow = t->in_flow;
      node->own_line = !t->in_flow;
      node->key_start = t->key_start;
      node->key_end = t->key_end;
      node->start = t->key != NULL ? t->key_start : t->value_start;
      node->value_start = t->value_start;
      node->value_end = t->value_end;
      node->entry_start = t->entry_start;
      node->entry_end = t->entry_end;
      if (t->key != NULL)
        {
          node->key = fm_strdup (self, t->key);
          node->key_len = strlen (t->key);
        }
      if (t->scalar != NULL)
        {
          node->scalar = fm_strdup (self, t->scalar);
          node->scalar_len = strlen (t->scalar);
        }
      switch (t->type)
        {
        case BYLINE_VALUE_SEQUENCE:
          node->kind = KIND_SEQ;
          break;
        case BYLINE_VALUE_MAPPING:
          node->kind = KIND_MAP;
          break;
        case BYLINE_VALUE_BOOL:
          node->kind = KIND_BOOL;
          node->bool_value = t->bool_value;
          break;
        case BYLINE_VALUE_INT:
          node->kind = KIND_INT;
          break;
        case BYLINE_VALUE_FLOAT:
          node->kind = KIND_FLOAT;
          break;
        case BYLINE_VALUE_DATE:
        case BYLINE_VALUE_DATETIME:
          node->kind = KIND_TIMESTAMP;
          break;
        case BYLINE_VALUE_STRING:
          /* a date written as a string reads as a date, as in YAML */
          node->kind = KIND_STR;
          node->type = string_type (node->scalar, node->scalar_len, node->style);
          break;
        case BYLINE_VALUE_TEXT:
        default:
          node->kind = KIND_STR;
          break;
        }
      if (t->parent >= 0)
        {
          node->parent = nodes[t->parent];
          node->index = n_children[t->parent]++;
        }
    }

  /* the children, in order (the model is in pre-order) */
  for (i = 0; i < n; i++)
    if (nodes[i]->kind == KIND_SEQ || nodes[i]->kind == KIND_MAP)
      {
        g_autofree BylineNode **children = g_new (BylineNode *, MAX (n_children[i], 1));
        guint j, k = 0;

        for (j = i + 1; j < n && k < n_children[i]; j++)
          if (model[j].parent == (int) i)
            children[k++] = nodes[j];
        nodes[i]->children = fm_children (self, (gpointer const *) children, k);
      }
  self->root = nodes[0];
  byline_toml_model_free (model, n);
}

/* ------------------------------------------------------------------------ */
/* The model: public API                                                     */
/* ------------------------------------------------------------------------ */

static BylineFrontMatter *
front_matter_parse (BylineFormat  format,
                    const char   *text,
                    gsize         len)
{
  /* the first block: the model, its text, and room for its nodes (about
   * one node per 16 bytes of text, and their strings). A short text (a
   * proof's parse of one entry) gets a block under 1 KB, which glibc hands
   * out from its per-thread cache. */
  gsize room = CLAMP (len * 16, 512, ARENA_MAX_BLOCK);
  gsize head = arena_round (sizeof (BylineFrontMatter));
  gsize size = head + arena_round (len + 1) + room;
  char *block = g_malloc (ARENA_HEADER + size);
  BylineFrontMatter *self = (BylineFrontMatter *) (block + ARENA_HEADER);

  *(gpointer *) block = NULL;
  memset (self, 0, sizeof *self);
  self->blocks = block;
  self->block_free = block + ARENA_HEADER + head;
  self->block_left = size - head;
  self->block_next = room * 2;

  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->text = fm_alloc (self, len + 1);
  if (len > 0)
    memcpy (self->text, text, len);
  self->text[len] = '\0';
  self->len = len;
  self->newline = "\n";

  switch (format)
    {
    case BYLINE_FORMAT_TOML:
      parse_toml (self);
      break;

    case BYLINE_FORMAT_JSON:
      parse_json (self);
      break;

    case BYLINE_FORMAT_NONE:
    case BYLINE_FORMAT_YAML:
    default:
      if (memchr (self->text, '\0', len) != NULL)
        {
          self->error_line = 1;
          self->error_column = 1;
          self->error = g_error_new (BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                                     _("Line %u, column %u: %s"), 1, 1,
                                     _("The front matter holds a NUL byte."));
        }
      else
        parse_yaml (self);
      break;
    }

  return self;
}

/* The model the last successful proof built. The text an edit returns is
 * usually what gets parsed next (the document keeps a model of its front
 * matter), and that parse is then free. Models are immutable, so sharing
 * one is safe; the lock makes the slot safe from any thread. */
static GMutex proven_lock;
static BylineFrontMatter *proven;

static void
proven_remember (BylineFrontMatter *fm)
{
  BylineFrontMatter *old;

  g_mutex_lock (&proven_lock);
  old = proven;
  proven = byline_front_matter_ref (fm);
  g_mutex_unlock (&proven_lock);
  if (old != NULL)
    byline_front_matter_unref (old);
}

static BylineFrontMatter *
proven_lookup (BylineFormat  format,
               const char   *text,
               gsize         len)
{
  BylineFrontMatter *found = NULL;

  g_mutex_lock (&proven_lock);
  if (proven != NULL && proven->format == format && proven->len == len &&
      memcmp (proven->text, text, len) == 0)
    found = byline_front_matter_ref (proven);
  g_mutex_unlock (&proven_lock);
  return found;
}

BylineFrontMatter *
byline_front_matter_new (BylineFormat  format,
                         const char   *text,
                         gssize        len)
{
  BylineFrontMatter *fm;

  g_return_val_if_fail (text != NULL || len <= 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  if (format == BYLINE_FORMAT_YAML && (fm = proven_lookup (format, text, len)) != NULL)
    return fm;
  return front_matter_parse (format, text, len);
}

/* added: the line break for lines an edit adds to a text that has none yet
 * (an empty block in a CR LF file) */
BylineFrontMatter *
byline_front_matter_new_with_newline (BylineFormat   format,
                                      const char    *text,
                                      gssize         len,
                                      BylineNewline  newline)
{
  BylineFrontMatter *fm;

  g_return_val_if_fail (text != NULL || len <= 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  if (newline != BYLINE_NEWLINE_CRLF || memchr (text, '\n', len) != NULL)
    return byline_front_matter_new (format, text, len);

  /* a text without line breaks is cheap to parse: no cache */
  fm = front_matter_parse (format, text, len);
  fm->newline = "\r\n";
  return fm;
}

BylineFrontMatter *
byline_front_matter_ref (BylineFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_front_matter_unref (BylineFrontMatter *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      gpointer block = self->blocks;

      /* the model itself lives in the last block of the list */
      g_clear_error (&self->error);
      g_clear_pointer (&self->json_yaml, byline_front_matter_unref);
      while (block != NULL)
        {
          gpointer previous = *(gpointer *) block;

          g_free (block);
          block = previous;
        }
    }
}

BylineFormat
byline_front_matter_get_format (BylineFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_FORMAT_NONE);

  return self->format;
}

const char *
byline_front_matter_get_text (BylineFrontMatter *self,
                              gsize             *len)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (len != NULL)
    *len = self->len;
  return self->text;
}

gboolean
byline_front_matter_is_valid (BylineFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->error == NULL;
}

const GError *
byline_front_matter_get_error (BylineFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

void
byline_front_matter_get_error_position (BylineFrontMatter *self,
                                        guint             *line,
                                        guint             *column)
{
  g_return_if_fail (self != NULL);

  if (line != NULL)
    *line = self->error != NULL ? self->error_line : 0;
  if (column != NULL)
    *column = self->error != NULL ? self->error_column : 0;
}

gboolean
byline_front_matter_is_read_only (BylineFrontMatter  *self,
                                  const char        **reason)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (reason != NULL)
    *reason = self->ro_reason;
  return self->ro_reason != NULL;
}

BylineNode *
byline_front_matter_get_root (BylineFrontMatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error == NULL ? self->root : NULL;
}

static BylineNode *
node_child_by_key (const BylineNode *node,
                   const char       *key)
{
  gsize klen = strlen (key);
  guint i;

  /* the last one wins, as in every YAML reader that accepts duplicates */
  for (i = node->children->len; i > 0; i--)
    {
      BylineNode *child = g_ptr_array_index (node->children, i - 1);
      if (bytes_equal (child->key, child->key_len, key, klen))
        return child;
    }
  return NULL;
}

static BylineNode *
node_child_by_path_element (const BylineNode *node,
                            const char       *element)
{
  if (node->kind == KIND_MAP)
    return node_child_by_key (node, element);

  if (node->kind == KIND_SEQ)
    {
      guint64 index = 0;

      if (!g_ascii_string_to_unsigned (element, 10, 0, G_MAXUINT, &index, NULL))
        return NULL;
      if (index >= node->children->len)
        return NULL;
      return g_ptr_array_index (node->children, index);
    }

  return NULL;
}

BylineNode *
byline_front_matter_lookup (BylineFrontMatter  *self,
                            const char * const *path)
{
  BylineNode *node;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  node = byline_front_matter_get_root (self);
  for (i = 0; node != NULL && path[i] != NULL; i++)
    node = node_child_by_path_element (node, path[i]);
  return node;
}

BylineNode *
byline_front_matter_lookup_dotted (BylineFrontMatter *self,
                                   const char        *dotted)
{
  g_auto(GStrv) path = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dotted != NULL, NULL);

  path = g_strsplit (dotted, ".", -1);
  return byline_front_matter_lookup (self, (const char * const *) path);
}

BylineValueType
byline_node_get_value_type (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, BYLINE_VALUE_NULL);

  return node->type;
}

BylineStyle
byline_node_get_style (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, BYLINE_STYLE_PLAIN);

  return node->style;
}

const char *
byline_node_get_key (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->key;
}

const char *
byline_node_get_scalar (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node_is_collection (node) ? NULL : node->scalar;
}

gboolean
byline_node_get_bool (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  return node->kind == KIND_BOOL && node->bool_value;
}

GDateTime *
byline_node_dup_datetime (const BylineNode *node)
{
  g_autoptr(GTimeZone) tz = NULL;
  Stamp st;
  double seconds;

  g_return_val_if_fail (node != NULL, NULL);

  if ((node->type != BYLINE_VALUE_DATE && node->type != BYLINE_VALUE_DATETIME) ||
      node->scalar == NULL || !stamp_parse (node->scalar, node->scalar_len, &st))
    return NULL;

  if (!st.has_time)
    return g_date_time_new_utc (st.year, st.month, st.day, 0, 0, 0);

  seconds = st.second;
  if (st.frac_len > 0)
    {
      char buf[32] = "0.";
      gsize n = MIN ((gsize) st.frac_len, sizeof buf - 3);

      memcpy (buf + 2, node->scalar + st.frac_start, n);
      buf[2 + n] = '\0';
      seconds += g_ascii_strtod (buf, NULL);
    }

  if (st.zone == 1)
    tz = g_time_zone_new_utc ();
  else if (st.zone == 2)
    tz = g_time_zone_new_offset (st.offset_minutes * 60);
  else
    tz = g_time_zone_new_local ();

  return g_date_time_new (tz, st.year, st.month, st.day, st.hour, st.minute, seconds);
}

gboolean
byline_node_is_yaml11_bool (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  return node->kind == KIND_BOOL && node->yaml11_bool;
}

guint
byline_node_get_n_children (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->children != NULL ? node->children->len : 0;
}

BylineNode *
byline_node_get_child (const BylineNode *node,
                       guint             index)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (node->children == NULL || index >= node->children->len)
    return NULL;
  return g_ptr_array_index (node->children, index);
}

BylineNode *
byline_node_lookup (const BylineNode *node,
                    const char       *key)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (node->kind != KIND_MAP)
    return NULL;
  return node_child_by_key (node, key);
}

BylineNode *
byline_node_get_parent (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->parent;
}

void
byline_node_get_key_range (const BylineNode *node,
                           gsize            *start,
                           gsize            *end)
{
  g_return_if_fail (node != NULL);

  if (start != NULL)
    *start = node->key != NULL ? node->key_start : node->start;
  if (end != NULL)
    *end = node->key != NULL ? node->key_end : node->start;
}

void
byline_node_get_value_range (const BylineNode *node,
                             gsize            *start,
                             gsize            *end)
{
  g_return_if_fail (node != NULL);

  if (start != NULL)
    *start = node->value_start;
  if (end != NULL)
    *end = node->value_end;
}

void
byline_node_get_entry_range (const BylineNode *node,
                             gsize            *start,
                             gsize            *end)
{
  g_return_if_fail (node != NULL);

  if (start != NULL)
    *start = node->entry_start;
  if (end != NULL)
    *end = node->entry_end;
}

guint
byline_node_get_line (const BylineNode *node)
{
  g_return_val_if_fail (node != NULL, 0);

  return node->line;
}

gboolean
byline_node_is_read_only (const BylineNode  *node,
                          const char       **reason)
{
  const char *why;

  g_return_val_if_fail (node != NULL, TRUE);

  why = node->ro_reason != NULL ? node->ro_reason : node->ro_inside;
  if (why == NULL && node->owner->ro_reason != NULL)
    why = node->owner->ro_reason;
  if (reason != NULL)
    *reason = why;
  return why != NULL;
}

char **
byline_node_dup_path (const BylineNode *node)
{
  const BylineNode *n;
  char **path;
  guint depth = 0;

  g_return_val_if_fail (node != NULL, NULL);

  for (n = node; n->parent != NULL; n = n->parent)
    depth++;
  path = g_new0 (char *, depth + 1);
  for (n = node; n->parent != NULL; n = n->parent)
    {
      depth--;
      if (n->parent->kind == KIND_MAP)
        path[depth] = g_strdup (n->key);
      else
        path[depth] = g_strdup_printf ("%u", n->index);
    }
  return path;
}

/* ------------------------------------------------------------------------ */
/* Writing scalars                                                           */
/* ------------------------------------------------------------------------ */

typedef enum {
  WANT_PLAIN,
  WANT_SINGLE,
  WANT_DOUBLE,
} Want;

/* Whether @s can be written as a plain scalar and read back as this string
 * by any YAML reader. Conservative on purpose. */
static gboolean
plain_safe (const char *s,
            gsize       len,
            gboolean    in_flow,
            gboolean    is_key)
{
  const char *p, *end = s + len;

  if (len == 0)
    return FALSE;
  if (strchr ("-?:,[]{}#&*!|>'\"%@`", s[0]) != NULL || s[0] == ' ')
    return FALSE;
  if (s[len - 1] == ' ' || s[len - 1] == ':')
    return FALSE;
  if (len >= 3 && (memcmp (s, "...", 3) == 0 || memcmp (s, "---", 3) == 0))
    return FALSE;

  for (p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!yaml_inline_char (c))
        return FALSE;
      if (c == ':' && (p + 1 == end || p[1] == ' ' || in_flow || is_key))
        return FALSE;
      if (c == '#' && (p > s && (p[-1] == ' ' || in_flow || is_key)))
        return FALSE;
      if ((in_flow || is_key) && strchr (",[]{}", c) != NULL)
        return FALSE;
    }

  return !plain_reads_as_other (s, len);
}

static gboolean
single_safe (const char *s,
             gsize       len)
{
  const char *p, *end = s + len;

  for (p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!yaml_inline_char (c) && c != '\t')
        return FALSE;
    }
  return TRUE;
}

static void
append_single_quoted (GString    *out,
                      const char *s,
                      gsize       len)
{
  gsize i;

  g_string_append_c (out, '\'');
  for (i = 0; i < len; i++)
    {
      if (s[i] == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '\'');
}

/* The escape for the character at @p (of @avail bytes of UTF-8) that can't
 * be written as itself between double quotes, or NULL. Sets its length in
 * bytes. */
static inline const char *
double_quote_escape (const char *p,
                     gsize       avail,
                     gsize      *n,
                     char        buf[8])
{
  guchar c = (guchar) p[0];

  *n = 1;
  if (c >= 0x80 && avail < 4 && (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) > avail)
    return NULL;   /* cut short: not UTF-8, copied as it is */
  if (c >= 0x20 && c < 0x7F)
    return c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
  switch (c)
    {
    case '\n':
      return "\\n";
    case '\t':
      return "\\t";
    case '\r':
      return "\\r";
    case 0xC2:
      /* U+0080 to U+009F: C1 controls, NEL */
      *n = 2;
      if ((guchar) p[1] == 0x85)
        return "\\N";
      if ((guchar) p[1] < 0xA0)
        {
          g_snprintf (buf, 8, "\\x%02X", (guchar) p[1]);
          return buf;
        }
      return NULL;
    case 0xE2:
      /* U+2028, U+2029: line and paragraph separators */
      *n = 3;
      if ((guchar) p[1] == 0x80 && ((guchar) p[2] == 0xA8 || (guchar) p[2] == 0xA9))
        return (guchar) p[2] == 0xA8 ? "\\L" : "\\P";
      return NULL;
    case 0xEF:
      /* U+FEFF, U+FFFE, U+FFFF */
      *n = 3;
      if ((guchar) p[1] == 0xBB && (guchar) p[2] == 0xBF)
        return "\\uFEFF";
      if ((guchar) p[1] == 0xBF && ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF))
        return (guchar) p[2] == 0xBE ? "\\uFFFE" : "\\uFFFF";
      return NULL;
    default:
      if (c < 0x20 || c == 0x7F)
        {
          g_snprintf (buf, 8, "\\x%02X", c);
          return buf;
        }
      *n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return NULL;
    }
}

static void
append_double_quoted (GString    *out,
                      const char *s,
                      gsize       len)
{
  const char *p = s, *end = s + len, *run = s;

  g_string_append_c (out, '"');
  while (p < end)
    {
      char buf[8];
      gsize n;
      const char *escape = double_quote_escape (p, end - p, &n, buf);

      if (escape != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, escape);
          run = p + n;
        }
      p += n;
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

static void
append_string (GString    *out,
               const char *s,
               gsize       len,
               Want        want,
               gboolean    in_flow,
               gboolean    is_key)
{
  if (want == WANT_PLAIN && plain_safe (s, len, in_flow, is_key))
    g_string_append_len (out, s, len);
  else if (want == WANT_SINGLE && single_safe (s, len))
    append_single_quoted (out, s, len);
  else
    append_double_quoted (out, s, len);
}

/* Writes the content lines of a block scalar holding @s, indented by
 * @indent spaces; sets the chomping indicator it needs. FALSE when @s can't
 * be written this way. */
static gboolean
block_content (GString    *out,
               char        indicator,
               gsize       indent,
               gboolean    explicit_indent,
               const char *s,
               gsize       len,
               const char *nl,
               char       *chomp)
{
  gsize body_len = len, trailing = 0, i;
  const char *p, *end;
  gboolean first_text = TRUE, prev_text = FALSE;
  g_autofree char *pad = NULL;

  for (p = s, end = s + len; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!yaml_printable (c) || c == '\r' || c == 0x85 || c == 0x2028 ||
          c == 0x2029 || c == 0xFEFF)
        return FALSE;
    }

  while (body_len > 0 && s[body_len - 1] == '\n')
    {
      body_len--;
      trailing++;
    }

  if (body_len == 0)
    *chomp = trailing == 0 ? '-' : '+';
  else
    *chomp = trailing == 0 ? '-' : trailing == 1 ? 0 : '+';

  pad = g_strnfill (indent, ' ');

  i = 0;
  while (body_len > 0 && i <= body_len)
    {
      const char *nlp = memchr (s + i, '\n', body_len - i);
      gsize line_len = (nlp != NULL ? (gsize) (nlp - s) : body_len) - i;
      const char *line = s + i;

      /* folded: a line break after text needs an empty line to stay one */
      if (indicator == '>' && prev_text)
        g_string_append (out, nl);

      if (line_len > 0)
        {
          if (first_text && !explicit_indent && (line[0] == ' ' || line[0] == '\t'))
            return FALSE;
          if (indicator == '>' && (line[0] == ' ' || line[0] == '\t'))
            return FALSE;
          g_string_append (out, pad);
          g_string_append_len (out, line, line_len);
          first_text = FALSE;
          prev_text = TRUE;
        }
      else
        prev_text = FALSE;
      g_string_append (out, nl);

      if (nlp == NULL)
        break;
      i += line_len + 1;
    }

  /* kept trailing line breaks beyond the first are empty lines */
  if (*chomp == '+')
    for (i = body_len > 0 ? 1 : 0; i < trailing; i++)
      g_string_append (out, nl);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Values to write                                                           */
/* ------------------------------------------------------------------------ */

typedef struct
{
  BylineValueType type;
  char           *text;        /* STRING, TEXT, INT, FLOAT, DATE, DATETIME */
  gboolean        bool_value;
  Stamp           stamp;
} Value;

static void
value_clear (Value *v)
{
  g_clear_pointer (&v->text, g_free);
}

static gboolean
value_parse (const char       *value,
             BylineValueType   type,
             Value            *out,
             GError          **error)
{
  memset (out, 0, sizeof *out);
  out->type = type;

  if (type == BYLINE_VALUE_NULL)
    return TRUE;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("The value is not valid text."));
      return FALSE;
    }

  switch (type)
    {
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
      out->text = g_strdup (value);
      return TRUE;

    case BYLINE_VALUE_BOOL:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
          g_ascii_strcasecmp (value, "on") == 0)
        out->bool_value = TRUE;
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
               g_ascii_strcasecmp (value, "off") == 0)
        out->bool_value = FALSE;
      else
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("“%s” is not a yes/no value: use true or false."), value);
          return FALSE;
        }
      return TRUE;

    case BYLINE_VALUE_INT:
      {
        gint64 n = 0;

        if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &n, NULL))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a whole number."), value);
            return FALSE;
          }
        out->text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
        return TRUE;
      }

    case BYLINE_VALUE_FLOAT:
      {
        gsize len = strlen (value);
        char *end = NULL;
        double d;

        if (is_float11 (value, len) && strchr (value, '_') == NULL)
          {
            out->text = g_strdup (value);
            return TRUE;
          }
        if (g_ascii_strcasecmp (value, "inf") == 0 || g_ascii_strcasecmp (value, "+inf") == 0)
          {
            out->text = g_strdup (".inf");
            return TRUE;
          }
        if (g_ascii_strcasecmp (value, "-inf") == 0)
          {
            out->text = g_strdup ("-.inf");
            return TRUE;
          }
        if (g_ascii_strcasecmp (value, "nan") == 0)
          {
            out->text = g_strdup (".nan");
            return TRUE;
          }
        errno = 0;
        d = g_ascii_strtod (value, &end);
        if (len == 0 || end == NULL || *end != '\0' || errno != 0 || !isfinite (d) ||
            g_ascii_isspace (value[0]))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a number."), value);
            return FALSE;
          }
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          GString *s = g_string_new (g_ascii_dtostr (buf, sizeof buf, d));
          char *e = strchr (s->str, 'e');

          if (e == NULL)
            {
              if (strchr (s->str, '.') == NULL)
                g_string_append (s, ".0");
            }
          else
            {
              gsize epos = e - s->str;

              if (memchr (s->str, '.', epos) == NULL)
                {
                  g_string_insert (s, epos, ".0");
                  epos += 2;
                }
              if (s->str[epos + 1] != '-' && s->str[epos + 1] != '+')
                g_string_insert_c (s, epos + 1, '+');
            }
          out->text = g_string_free (s, FALSE);
        }
        return TRUE;
      }

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      {
        g_autoptr(GDateTime) check = NULL;
        gsize len = strlen (value);

        if (!stamp_parse (value, len, &out->stamp))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a date: write it as 2025-02-13 or 2025-02-13T01:55:25+05:30."),
                         value);
            return FALSE;
          }
        check = g_date_time_new_utc (out->stamp.year, out->stamp.month, out->stamp.day,
                                     out->stamp.hour, out->stamp.minute, out->stamp.second);
        if (check == NULL)
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a date that exists."), value);
            return FALSE;
          }
        out->text = g_strdup (value);
        out->type = out->stamp.has_time ? BYLINE_VALUE_DATETIME : BYLINE_VALUE_DATE;
        return TRUE;
      }

    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("A list or a group of fields can’t be written as a single value."));
      return FALSE;
    }
}

static void
append_zone (GString     *out,
             const Stamp *shape,
             int          zone,
             int          offset_minutes)
{
  int a = ABS (offset_minutes);

  if (zone == 0)
    return;
  g_string_append (out, shape->zone_ws);
  if (zone == 1 || (shape->zone == 1 && offset_minutes == 0))
    {
      g_string_append_c (out, 'Z');
      return;
    }
  g_string_append_c (out, offset_minutes < 0 ? '-' : '+');
  if (shape->zone == 2 && !shape->offset_has_minutes && a % 60 == 0)
    {
      g_string_append_printf (out, shape->offset_hour_digits == 1 ? "%d" : "%02d", a / 60);
      return;
    }
  g_string_append_printf (out, shape->zone == 2 && shape->offset_hour_digits == 1 ? "%d:%02d" : "%02d:%02d",
                          a / 60, a % 60);
}

/* Writes the date in @v in the shape of @shape_text (a date the node held),
 * or as given when there is no shape. Returns the type of what it wrote. */
static BylineValueType
render_stamp (GString     *out,
              const Value *v,
              const char  *shape_text,
              gsize        shape_len)
{
  const Stamp *val = &v->stamp;
  Stamp shape;
  const char *frac = NULL;
  int frac_len = 0, zone, offset;

  if (shape_text == NULL || !stamp_parse (shape_text, shape_len, &shape))
    {
      g_string_append (out, v->text);
      return val->has_time ? BYLINE_VALUE_DATETIME : BYLINE_VALUE_DATE;
    }

  if (!shape.has_time)
    {
      if (val->has_time && (val->hour != 0 || val->minute != 0 || val->second != 0 ||
                            val->frac_len > 0 || val->zone != 0))
        {
          /* a date can't hold this time: keep the value as given */
          g_string_append (out, v->text);
          return BYLINE_VALUE_DATETIME;
        }
      g_string_append_printf (out, "%04d-%02d-%02d", val->year, val->month, val->day);
      return BYLINE_VALUE_DATE;
    }

  g_string_append_printf (out, "%04d-", val->year);
  g_string_append_printf (out, shape.month_digits == 1 ? "%d-" : "%02d-", val->month);
  g_string_append_printf (out, shape.day_digits == 1 ? "%d" : "%02d", val->day);
  g_string_append (out, shape.sep);
  g_string_append_printf (out, shape.hour_digits == 1 ? "%d" : "%02d", val->hour);
  g_string_append_printf (out, ":%02d:%02d", val->minute, val->second);

  if (val->has_time && val->frac_len > 0)
    {
      frac = v->text + val->frac_start;
      frac_len = val->frac_len;
    }
  if (shape.frac_len >= 0 || frac_len > 0)
    {
      int i;

      g_string_append_c (out, '.');
      if (frac != NULL)
        g_string_append_len (out, frac, frac_len);
      for (i = frac_len; i < shape.frac_len; i++)
        g_string_append_c (out, '0');
    }

  if (shape.zone == 0)
    return BYLINE_VALUE_DATETIME;

  if (val->has_time && val->zone != 0)
    {
      zone = val->zone;
      offset = val->zone == 1 ? 0 : val->offset_minutes;
    }
  else
    {
      zone = shape.zone;
      offset = shape.offset_minutes;
    }
  append_zone (out, &shape, zone == 1 ? 2 : zone, offset);
  return BYLINE_VALUE_DATETIME;
}

/* ------------------------------------------------------------------------ */
/* Edits: splices, expectations and the proof                                */
/* ------------------------------------------------------------------------ */

typedef struct
{
  gsize  start, end;
  char  *text;
} Splice;

typedef enum {
  EXPECT_KEEP,      /* the old node, unchanged */
  EXPECT_SCALAR,
  EXPECT_SEQ,       /* children in ->children */
  EXPECT_MAP,
} ExpectKind;

typedef struct _Expect Expect;
struct _Expect
{
  ExpectKind       what;
  const char      *key;        /* for mapping children */
  char            *owned_key;
  gsize            key_len;
  guint8           key_kind;
  BylineNode      *old;        /* EXPECT_KEEP */
  BylineValueType  type;       /* EXPECT_SCALAR */
  char            *text;
  gboolean         bool_value;
  GPtrArray       *children;   /* of Expect */
  gboolean         in_block;   /* allocated with its siblings (Edit.keep_block) */
};

static void
expect_free (gpointer data)
{
  Expect *e = data;

  g_free (e->owned_key);
  g_free (e->text);
  g_clear_pointer (&e->children, g_ptr_array_unref);
  if (!e->in_block)
    g_free (e);
}

static void
expect_init_keep (Expect     *e,
                  BylineNode *old)
{
  e->what = EXPECT_KEEP;
  e->old = old;
  if (old->key != NULL)
    {
      e->key = old->key;
      e->key_len = old->key_len;
      e->key_kind = old->key_kind;
    }
}

static Expect *
expect_keep (BylineNode *old)
{
  Expect *e = g_new0 (Expect, 1);

  expect_init_keep (e, old);
  return e;
}

static Expect *
expect_new (ExpectKind what)
{
  Expect *e = g_new0 (Expect, 1);

  e->what = what;
  e->key_kind = KIND_STR;
  if (what == EXPECT_SEQ || what == EXPECT_MAP)
    e->children = g_ptr_array_new_with_free_func (expect_free);
  return e;
}

static void
expect_set_key (Expect     *e,
                const char *key)
{
  g_free (e->owned_key);
  e->key = e->owned_key = g_strdup (key);
  e->key_len = strlen (key);
  e->key_kind = KIND_STR;
}

typedef struct
{
  BylineFrontMatter *self;
  gboolean           force_double;
  GArray            *splices;
  BylineNode        *parent;     /* the old node whose children change */
  GPtrArray         *children;   /* Expect: its children afterwards */
  Expect            *keep_block; /* the Expects edit_expect_children() made */
  gboolean           unchanged;  /* nothing to do */
} Edit;

static void
edit_init (Edit              *e,
           BylineFrontMatter *self,
           gboolean           force_double)
{
  memset (e, 0, sizeof *e);
  e->self = self;
  e->force_double = force_double;
  e->splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  e->children = g_ptr_array_new_with_free_func (expect_free);
}

static void
edit_clear (Edit *e)
{
  guint i;

  for (i = 0; i < e->splices->len; i++)
    g_free (g_array_index (e->splices, Splice, i).text);
  g_array_unref (e->splices);
  g_ptr_array_unref (e->children);
  g_free (e->keep_block);
}

static void
edit_splice (Edit       *e,
             gsize       start,
             gsize       end,
             const char *text)
{
  Splice s;

  g_assert (start <= end);
  g_assert (end <= e->self->len);
  s.start = start;
  s.end = end;
  s.text = g_strdup (text);
  g_array_append_val (e->splices, s);
}

/* Expect every child of @parent to stay as it is (to be changed after). */
static void
edit_expect_children (Edit       *e,
                      BylineNode *parent)
{
  guint i, n = parent->children->len;

  g_assert (e->keep_block == NULL);
  e->parent = parent;
  if (e->children->len == 0)
    {
      g_ptr_array_unref (e->children);
      e->children = g_ptr_array_new_full (n + 1, expect_free);
    }
  /* one allocation for all of them */
  e->keep_block = g_new0 (Expect, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      Expect *x = &e->keep_block[i];

      expect_init_keep (x, g_ptr_array_index (parent->children, i));
      x->in_block = TRUE;
      g_ptr_array_add (e->children, x);
    }
}

static int
splice_compare (gconstpointer a,
                gconstpointer b)
{
  const Splice *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;
  return 0;
}

static char *
edit_apply (Edit  *e,
            gsize *out_len)
{
  const char *t = e->self->text;
  GString *out = g_string_sized_new (e->self->len + 64);
  gsize pos = 0;
  guint i;

  g_array_sort (e->splices, splice_compare);
  for (i = 0; i < e->splices->len; i++)
    {
      Splice *s = &g_array_index (e->splices, Splice, i);

      if (s->start < pos)
        {
          g_string_free (out, TRUE);
          return NULL;   /* overlapping splices: a bug, refuse */
        }
      g_string_append_len (out, t + pos, s->start - pos);
      g_string_append (out, s->text);
      pos = s->end;
    }
  g_string_append_len (out, t + pos, e->self->len - pos);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean nodes_equal (const Edit       *e,
                             const BylineNode *old,
                             const BylineNode *now);

static gboolean
keys_equal (const char       *key,
            gsize             key_len,
            guint8            key_kind,
            const BylineNode *now)
{
  return now->key != NULL && key != NULL &&
         bytes_equal (key, key_len, now->key, now->key_len) && key_kind == now->key_kind;
}

static gboolean
expect_matches (const Edit       *e,
                const Expect     *x,
                const BylineNode *now)
{
  guint i;

  switch (x->what)
    {
    case EXPECT_KEEP:
      return nodes_equal (e, x->old, now);

    case EXPECT_SCALAR:
      if (node_is_collection (now) || now->kind == KIND_ALIAS || now->anchor != NULL || now->tag != NULL)
        return FALSE;
      switch (x->type)
        {
        case BYLINE_VALUE_STRING:
        case BYLINE_VALUE_TEXT:
          return now->kind == KIND_STR &&
                 bytes_equal (x->text, strlen (x->text), now->scalar, now->scalar_len);
        case BYLINE_VALUE_BOOL:
          return now->kind == KIND_BOOL && !now->bool_value == !x->bool_value;
        case BYLINE_VALUE_INT:
          return now->kind == KIND_INT &&
                 bytes_equal (x->text, strlen (x->text), now->scalar, now->scalar_len);
        case BYLINE_VALUE_FLOAT:
          return now->kind == KIND_FLOAT &&
                 bytes_equal (x->text, strlen (x->text), now->scalar, now->scalar_len);
        case BYLINE_VALUE_NULL:
          return now->kind == KIND_NULL;
        case BYLINE_VALUE_DATE:
        case BYLINE_VALUE_DATETIME:
          return now->type == x->type && (now->kind == KIND_STR || now->kind == KIND_TIMESTAMP) &&
                 bytes_equal (x->text, strlen (x->text), now->scalar, now->scalar_len);
        case BYLINE_VALUE_SEQUENCE:
        case BYLINE_VALUE_MAPPING:
        default:
          return FALSE;
        }

    case EXPECT_SEQ:
    case EXPECT_MAP:
      if (now->kind != (x->what == EXPECT_SEQ ? KIND_SEQ : KIND_MAP) ||
          now->anchor != NULL || now->tag != NULL ||
          now->children->len != x->children->len)
        return FALSE;
      for (i = 0; i < x->children->len; i++)
        {
          const Expect *cx = g_ptr_array_index (x->children, i);
          const BylineNode *cn = g_ptr_array_index (now->children, i);

          if (x->what == EXPECT_MAP && !keys_equal (cx->key, cx->key_len, cx->key_kind, cn))
            return FALSE;
          if (!expect_matches (e, cx, cn))
            return FALSE;
        }
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
nodes_equal (const Edit       *e,
             const BylineNode *old,
             const BylineNode *now)
{
  guint i;

  if (old->kind != now->kind || old->type != now->type ||
      g_strcmp0 (old->anchor, now->anchor) != 0 || g_strcmp0 (old->tag, now->tag) != 0)
    return FALSE;

  if (!node_is_collection (old))
    return bytes_equal (old->scalar, old->scalar_len, now->scalar, now->scalar_len) &&
           (old->kind != KIND_BOOL || !old->bool_value == !now->bool_value);

  if (old == e->parent)
    {
      if (now->children->len != e->children->len)
        return FALSE;
      for (i = 0; i < e->children->len; i++)
        {
          const Expect *cx = g_ptr_array_index (e->children, i);
          const BylineNode *cn = g_ptr_array_index (now->children, i);

          if (old->kind == KIND_MAP && !keys_equal (cx->key, cx->key_len, cx->key_kind, cn))
            return FALSE;
          if (!expect_matches (e, cx, cn))
            return FALSE;
        }
      return TRUE;
    }

  if (old->children->len != now->children->len)
    return FALSE;
  for (i = 0; i < old->children->len; i++)
    {
      const BylineNode *co = g_ptr_array_index (old->children, i);
      const BylineNode *cn = g_ptr_array_index (now->children, i);

      if (old->kind == KIND_MAP && !keys_equal (co->key, co->key_len, co->key_kind, cn))
        return FALSE;
      if (!nodes_equal (e, co, cn))
        return FALSE;
    }
  return TRUE;
}

/* Lines that would end the front matter block early. */
static guint
count_delimiter_lines (const char *t,
                       gsize       len)
{
  gsize pos = 0, next;
  guint n = 0;

  while (pos < len)
    {
      const char *nl;

      if ((t[pos] == '-' || t[pos] == '.' || t[pos] == '+') &&
          (match_delimiter (t, len, pos, "---", &next) || match_delimiter (t, len, pos, "...", &next) ||
           match_delimiter (t, len, pos, "+++", &next)))
        n++;
      nl = memchr (t + pos, '\n', len - pos);
      if (nl == NULL)
        break;
      pos = nl - t + 1;
    }
  return n;
}

/* BYLINE_CHECK_PROOFS=1 in the environment (the tests and the fuzzer set
 * it): every local proof is then checked against a full one, and a
 * disagreement aborts. */
static gboolean
check_local_proofs (void)
{
  static gsize once;
  static gboolean check;

  if (g_once_init_enter (&once))
    {
      check = g_strcmp0 (g_getenv ("BYLINE_CHECK_PROOFS"), "1") == 0;
      g_once_init_leave (&once, 1);
    }
  return check;
}

/* The lines of top-level entry @i: from the start of its key's line to the
 * start of the next entry's key line, or to the end. FALSE when a key
 * shares its line with anything but the indentation before it. */
static gboolean
entry_lines (BylineFrontMatter *self,
             guint              i,
             gsize             *start,
             gsize             *end)
{
  GPtrArray *entries = self->root->children;
  BylineNode *node = g_ptr_array_index (entries, i);

  if (node->key == NULL || node->key_start == NO_POS)
    return FALSE;
  *start = line_start (self->text, node->key_start);
  if (!only_spaces (self->text, *start, node->key_start))
    return FALSE;
  if (i + 1 == entries->len)
    {
      *end = self->len;
      return TRUE;
    }
  node = g_ptr_array_index (entries, i + 1);
  if (node->key == NULL || node->key_start == NO_POS)
    return FALSE;
  *end = line_start (self->text, node->key_start);
  return *end > *start && only_spaces (self->text, *end, node->key_start);
}

/* The top-level entry an edit stays within, or NULL. */
static BylineNode *
edit_entry (Edit  *e,
            gsize *start,
            gsize *end)
{
  BylineFrontMatter *self = e->self;
  GPtrArray *entries = self->root->children;
  gsize first = G_MAXSIZE, last = 0;
  guint i;

  if (self->root->style != BYLINE_STYLE_BLOCK || e->splices->len == 0)
    return NULL;
  for (i = 0; i < e->splices->len; i++)
    {
      const Splice *s = &g_array_index (e->splices, Splice, i);

      first = MIN (first, s->start);
      last = MAX (last, s->end);
    }
  for (i = 0; i < entries->len; i++)
    {
      if (!entry_lines (self, i, start, end))
        return NULL;
      if (*start <= first && last <= *end)
        return g_ptr_array_index (entries, i);
      if (*end > first)
        return NULL;
    }
  return NULL;
}

/* The proof of an edit that stays within the lines of one top-level entry
 * of a block mapping, without re-parsing the rest of the text. The result
 * is P + E' + S: P and S are the old text before and after the entry's
 * lines, E' its new lines, which begin with the key at the mapping's
 * column, as S begins with the next key.
 *
 *  - libyaml reads P as before: what it makes of P depends on P and, as
 *    lookahead, on the indentation and key that begin E', as they began E.
 *  - Where S begins, it is in the state it is in at any key of the mapping:
 *    E' alone parses as a block mapping of one entry, so every collection
 *    and scalar in it is closed by its end, and a line at the mapping's
 *    column ends whatever is left open in block context. So S reads as
 *    before too.
 *  - So parsing E' alone, as a document, and checking its one entry proves
 *    the whole result.
 *
 * FALSE means nothing is proven (the caller then parses the whole result),
 * not that the edit is wrong. */
static gboolean
edit_prove_local (Edit       *e,
                  const char *text,
                  gsize       len)
{
  BylineFrontMatter *self = e->self;
  g_autoptr(BylineFrontMatter) now = NULL;
  const BylineNode *now_entry;
  BylineNode *entry, *up;
  gsize start = 0, end = 0, new_end;

  entry = edit_entry (e, &start, &end);
  if (entry == NULL || len + end < self->len)
    return FALSE;
  new_end = end + len - self->len;
  if (count_delimiter_lines (text + start, new_end - start) >
      count_delimiter_lines (self->text + start, end - start))
    return FALSE;

  /* the edit's expectations must be about this entry alone */
  if (e->parent == self->root)
    {
      guint i;

      if (e->children->len != self->root->children->len)
        return FALSE;
      for (i = 0; i < e->children->len; i++)
        {
          const Expect *x = g_ptr_array_index (e->children, i);

          if (i != entry->index &&
              (x->what != EXPECT_KEEP || x->old != g_ptr_array_index (self->root->children, i)))
            return FALSE;
        }
    }
  else if (e->parent != NULL)
    {
      for (up = e->parent; up != NULL && up->parent != self->root; up = up->parent)
        ;
      if (up != entry)
        return FALSE;
    }

  now = front_matter_parse (BYLINE_FORMAT_YAML, text + start, new_end - start);
  if (now->error != NULL || now->root == NULL || now->ro_reason != NULL ||
      now->root->style != BYLINE_STYLE_BLOCK || now->root->children->len != 1)
    return FALSE;
  now_entry = g_ptr_array_index (now->root->children, 0);
  /* the key where it was: the same indentation for P's lookahead */
  if (now_entry->key == NULL || now_entry->key_start != entry->key_start - start)
    return FALSE;

  if (e->parent == self->root)
    {
      const Expect *x = g_ptr_array_index (e->children, entry->index);
      guint i;

      /* a renamed key must not now be another entry's too */
      for (i = 0; i < self->root->children->len; i++)
        {
          const BylineNode *other = g_ptr_array_index (self->root->children, i);

          if (i != entry->index && keys_equal (other->key, other->key_len, other->key_kind, now_entry))
            return FALSE;
        }
      return keys_equal (x->key, x->key_len, x->key_kind, now_entry) &&
             expect_matches (e, x, now_entry);
    }
  return keys_equal (entry->key, entry->key_len, entry->key_kind, now_entry) &&
         nodes_equal (e, entry, now_entry);
}

static gboolean
edit_prove_full (Edit       *e,
                 const char *text,
                 gsize       len)
{
  BylineFrontMatter *self = e->self;
  g_autoptr(BylineFrontMatter) now = NULL;

  if (count_delimiter_lines (text, len) > count_delimiter_lines (self->text, self->len))
    return FALSE;

  now = front_matter_parse (BYLINE_FORMAT_YAML, text, len);
  if (now->error != NULL || now->root == NULL || now->ro_reason != NULL)
    return FALSE;
  if (!nodes_equal (e, self->root, now->root))
    return FALSE;

  proven_remember (now);
  return TRUE;
}

static gboolean
edit_prove (Edit       *e,
            const char *text,
            gsize       len)
{
  BylineFrontMatter *self = e->self;

  /* the closing delimiter must still start a line of its own */
  if ((self->len == 0 || self->text[self->len - 1] == '\n') && len > 0 && text[len - 1] != '\n')
    return FALSE;

  if (edit_prove_local (e, text, len))
    {
      if (check_local_proofs () && !edit_prove_full (e, text, len))
        g_error ("A local proof held where the full one does not:\n%.*s\n----\n%.*s",
                 (int) self->len, self->text, (int) len, text);
      return TRUE;
    }
  return edit_prove_full (e, text, len);
}

typedef gboolean (*EditBuild) (Edit      *e,
                               gpointer   data,
                               GError   **error);

static gboolean
check_editable (BylineFrontMatter  *self,
                GError            **error)
{
  if (self->format == BYLINE_FORMAT_TOML)
    {
      /* every edit goes to byline-toml-edit.cc before this */
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED,
                   _("This change can’t be made to TOML front matter yet. "
                     "Edit the text directly instead."));
      return FALSE;
    }
  if (self->format == BYLINE_FORMAT_JSON && self->error == NULL)
    {
      /* every edit goes to the YAML reading when there is one */
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED,
                           self->ro_reason != NULL ? self->ro_reason
                                                   : _("Editing JSON front matter is not supported yet."));
      return FALSE;
    }
  if (self->error != NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                   _("The front matter can’t be edited until it is fixed: %s"),
                   self->error->message);
      return FALSE;
    }
  if (self->ro_reason != NULL || self->root == NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY,
                   "%s", self->ro_reason != NULL ? self->ro_reason
                                                 : _("The front matter is not a list of fields."));
      return FALSE;
    }
  return TRUE;
}

static char *
edit_run (BylineFrontMatter  *self,
          EditBuild           build,
          gpointer            data,
          GError            **error)
{
  guint attempt;

  if (!check_editable (self, error))
    return NULL;

  for (attempt = 0; attempt < 2; attempt++)
    {
      Edit e;
      g_autofree char *text = NULL;
      gsize len = 0;

      edit_init (&e, self, attempt == 1);
      if (!build (&e, data, error))
        {
          edit_clear (&e);
          return NULL;
        }
      if (e.unchanged)
        {
          edit_clear (&e);
          return g_strndup (self->text, self->len);
        }
      text = edit_apply (&e, &len);
      if (text != NULL && edit_prove (&e, text, len))
        {
          edit_clear (&e);
          return g_steal_pointer (&text);
        }
      edit_clear (&e);
    }

  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
               _("This change could not be made without risk to the rest of the front matter. "
                 "Edit the text directly instead."));
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Edits: helpers                                                            */
/* ------------------------------------------------------------------------ */

static char *
path_to_string (const char * const *path)
{
  return g_strjoinv (".", (char **) path);
}

static guint
path_length (const char * const *path)
{
  guint n = 0;

  if (path != NULL)
    while (path[n] != NULL)
      n++;
  return n;
}

/* Looks up @path, failing when it is missing or can't be edited below one of
 * its ancestors (an anchor, a tag, a duplicated key). */
static BylineNode *
edit_lookup (Edit               *e,
             const char * const *path,
             guint               n,
             gboolean            missing_ok,
             GError            **error)
{
  BylineNode *node = e->self->root;
  guint i;

  for (i = 0; i < n; i++)
    {
      BylineNode *child;

      if (node->ro_reason != NULL)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY,
                       "%s", node->ro_reason);
          return NULL;
        }
      child = node_is_collection (node) ? node_child_by_path_element (node, path[i]) : NULL;
      if (child == NULL)
        {
          if (!missing_ok || i + 1 != n)
            {
              g_autofree char *dotted = NULL;
              g_auto(GStrv) partial = g_new0 (char *, i + 2);
              guint j;

              for (j = 0; j <= i; j++)
                partial[j] = g_strdup (path[j]);
              dotted = path_to_string ((const char * const *) partial);
              g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,
                           _("There is no field “%s”."), dotted);
            }
          return NULL;
        }
      node = child;
    }
  return node;
}

gboolean
_byline_front_matter_prove_splice (BylineFrontMatter  *self,
                                   const char * const *path,
                                   gsize               start,
                                   gsize               end,
                                   const char         *replacement,
                                   const char         *expected,
                                   BylineProof         proof)
{
  g_autofree char *text = NULL;
  BylineNode *node;
  Expect *x;
  Edit e;
  gsize len = 0;
  gboolean holds = FALSE;

  g_return_val_if_fail (start <= end && end <= self->len, FALSE);

  if (!check_editable (self, NULL))
    return FALSE;
  edit_init (&e, self, FALSE);
  node = edit_lookup (&e, path, path_length (path), FALSE, NULL);
  if (node != NULL)
    {
      edit_expect_children (&e, node->parent);
      x = g_ptr_array_index (e.children, node->index);
      x->what = EXPECT_SCALAR;
      x->old = NULL;
      x->type = BYLINE_VALUE_STRING;
      x->text = g_strdup (expected);
      edit_splice (&e, start, end, replacement);
      text = edit_apply (&e, &len);
      if (text != NULL)
        holds = proof == BYLINE_PROOF_LOCAL ? edit_prove_local (&e, text, len)
                                             : edit_prove_full (&e, text, len);
    }
  edit_clear (&e);
  return holds;
}

static gboolean
check_node_writable (BylineNode  *node,
                     GError     **error)
{
  const char *reason = node->ro_reason != NULL ? node->ro_reason : node->ro_inside;

  if (reason != NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_READ_ONLY,
                   "%s", reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_layout (GError **error)
{
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
               _("This part of the front matter is laid out in a way Byline can’t edit safely. "
                 "Edit the text directly instead."));
  return FALSE;
}

static Want
want_for_style (BylineStyle style)
{
  switch (style)
    {
    case BYLINE_STYLE_SINGLE_QUOTED:
      return WANT_SINGLE;
    case BYLINE_STYLE_DOUBLE_QUOTED:
    case BYLINE_STYLE_LITERAL:
    case BYLINE_STYLE_FOLDED:
      return WANT_DOUBLE;
    case BYLINE_STYLE_PLAIN:
    case BYLINE_STYLE_FLOW:
    case BYLINE_STYLE_BLOCK:
    default:
      return WANT_PLAIN;
    }
}

/* The quoting most strings in @mapping use (then the root's), for new ones. */
static Want
preferred_want (BylineFrontMatter *self,
                BylineNode        *mapping)
{
  guint counts[3] = { 0, 0, 0 };
  guint pass, i;

  for (pass = 0; pass < 2; pass++)
    {
      BylineNode *m = pass == 0 ? mapping : self->root;

      if (m == NULL || m->children == NULL || (pass == 1 && m == mapping))
        continue;
      for (i = 0; i < m->children->len; i++)
        {
          BylineNode *c = g_ptr_array_index (m->children, i);

          if (c->kind != KIND_STR || c->type != BYLINE_VALUE_STRING)
            continue;
          if (c->style == BYLINE_STYLE_PLAIN)
            counts[WANT_PLAIN]++;
          else if (c->style == BYLINE_STYLE_SINGLE_QUOTED)
            counts[WANT_SINGLE]++;
          else if (c->style == BYLINE_STYLE_DOUBLE_QUOTED)
            counts[WANT_DOUBLE]++;
        }
      if (counts[0] + counts[1] + counts[2] > 0)
        break;
    }

  if (counts[WANT_DOUBLE] > counts[WANT_PLAIN] && counts[WANT_DOUBLE] >= counts[WANT_SINGLE])
    return WANT_DOUBLE;
  if (counts[WANT_SINGLE] > counts[WANT_PLAIN])
    return WANT_SINGLE;
  return WANT_PLAIN;
}

/* Renders @v as one line for a node that had @old's style (or is new, with
 * @want for strings), and fills @x with what it must read back as. */
static void
render_inline (Edit        *e,
               GString     *out,
               const Value *v,
               BylineNode  *old,
               gboolean     in_flow,
               Want         want,
               Expect      *x)
{
  x->what = EXPECT_SCALAR;
  x->type = v->type;

  switch (v->type)
    {
    case BYLINE_VALUE_NULL:
      if (in_flow)
        g_string_append (out, "null");
      break;

    case BYLINE_VALUE_BOOL:
      x->bool_value = v->bool_value;
      if (old != NULL && old->kind == KIND_BOOL)
        {
          gboolean dummy;
          int row = bool_word (old->scalar, old->scalar_len, &dummy);

          if (row >= 0)
            {
              g_string_append (out, bool_words[row][v->bool_value ? 0 : 1]);
              break;
            }
        }
      g_string_append (out, v->bool_value ? "true" : "false");
      break;

    case BYLINE_VALUE_INT:
    case BYLINE_VALUE_FLOAT:
      x->text = g_strdup (v->text);
      g_string_append (out, v->text);
      break;

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      {
        GString *stamp = g_string_new (NULL);
        gboolean old_is_date = old != NULL && !node_is_collection (old) &&
                               (old->type == BYLINE_VALUE_DATE || old->type == BYLINE_VALUE_DATETIME);

        x->type = render_stamp (stamp, v, old_is_date ? old->scalar : NULL,
                                old_is_date ? old->scalar_len : 0);
        x->text = g_strdup (stamp->str);
        if (old != NULL && old->style == BYLINE_STYLE_SINGLE_QUOTED && !e->force_double)
          append_single_quoted (out, stamp->str, stamp->len);
        else if (old != NULL && (old->style == BYLINE_STYLE_DOUBLE_QUOTED ||
                                 old->style == BYLINE_STYLE_SINGLE_QUOTED))
          append_double_quoted (out, stamp->str, stamp->len);
        else
          g_string_append_len (out, stamp->str, stamp->len);
        g_string_free (stamp, TRUE);
      }
      break;

    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      x->type = BYLINE_VALUE_STRING;
      x->text = g_strdup (v->text);
      append_string (out, v->text, strlen (v->text), e->force_double ? WANT_DOUBLE : want,
                     in_flow, FALSE);
      break;
    }
}

/* Whether @old (a scalar) already holds @v, so nothing needs to change. */
static gboolean
scalar_holds (Edit        *e,
              BylineNode  *old,
              const Value *v)
{
  Expect x = { 0 };
  GString *dummy;
  gboolean same;

  /* a string reads back as itself, however it is written (what
   * expect_matches() checks for EXPECT_SCALAR of a string), so no need to
   * render it */
  if (v->type == BYLINE_VALUE_STRING || v->type == BYLINE_VALUE_TEXT)
    return !node_is_collection (old) && old->kind == KIND_STR && old->anchor == NULL &&
           old->tag == NULL && bytes_equal (v->text, strlen (v->text), old->scalar, old->scalar_len);

  dummy = g_string_new (NULL);
  render_inline (e, dummy, v, old, old->in_flow, want_for_style (old->style), &x);
  same = expect_matches (e, &x, old);
  g_free (x.text);
  g_string_free (dummy, TRUE);
  return same;
}

/* The column (in characters) of the keys of block mapping @m. */
static gsize
mapping_key_column (BylineFrontMatter *self,
                    BylineNode        *m)
{
  BylineNode *first;

  if (m->children == NULL || m->children->len == 0)
    return 0;
  first = g_ptr_array_index (m->children, 0);
  return column_of (self->text, first->key_start);
}

/* Replaces @node's value with @inl, a scalar written on one line. */
static gboolean
splice_inline_value (Edit        *e,
                     BylineNode  *node,
                     const char  *inl,
                     GError     **error)
{
  const char *t = e->self->text;
  gsize len = e->self->len;
  gboolean empty = inl[0] == '\0';

  if (!node_is_collection (node) && !node_is_block_scalar (node))
    {
      if (node->value_start == node->value_end)
        {
          gsize pos = node->value_start, ws = pos;
          g_autofree char *text = NULL;

          if (empty)
            return TRUE;
          while (ws < len && (t[ws] == ' ' || t[ws] == '\t'))
            ws++;
          if (ws >= len || break_len (t, len, ws) > 0)
            text = g_strconcat (" ", inl, NULL);
          else
            text = g_strconcat (" ", inl, " ", NULL);
          edit_splice (e, pos, ws, text);
          return TRUE;
        }
      if (empty)
        {
          gsize from = node->value_start;
          gsize limit = node->colon != NO_POS ? node->colon + 1
                      : node->dash != NO_POS ? node->dash + 1 : node->value_start;

          while (from > limit && (t[from - 1] == ' ' || t[from - 1] == '\t' || break_before (t, from)))
            from -= break_before (t, from) ? break_len_before (t, from) : 1;
          if (from < limit)
            from = limit;
          edit_splice (e, from, node->value_end, "");
          return TRUE;
        }
      edit_splice (e, node->value_start, node->value_end, inl);
      return TRUE;
    }

  if (node_is_block_scalar (node) || node->style == BYLINE_STYLE_FLOW)
    {
      g_autofree char *text = NULL;
      gsize from = node->value_start;
      const char *nl = node_is_block_scalar (node) ? break_ending_at (t, node->value_end) : "";

      if (empty)
        {
          gsize limit = node->colon != NO_POS ? node->colon + 1
                      : node->dash != NO_POS ? node->dash + 1 : from;
          while (from > limit && (t[from - 1] == ' ' || t[from - 1] == '\t'))
            from--;
        }
      text = g_strconcat (inl, nl, NULL);
      edit_splice (e, from, node->value_end, text);
      return TRUE;
    }

  /* a block collection */
  {
    g_autofree char *text = NULL;
    const char *nl = break_ending_at (t, node->entry_end);

    if (node->parent != NULL && node->parent->kind == KIND_MAP && node->colon != NO_POS)
      {
        text = g_strconcat (empty ? "" : " ", inl, nl, NULL);
        edit_splice (e, node->colon + 1, node->entry_end, text);
        return TRUE;
      }
    if (node->parent != NULL && node->parent->kind == KIND_SEQ && node->dash != NO_POS)
      {
        text = g_strconcat (empty ? "" : " ", inl, nl, NULL);
        edit_splice (e, node->dash + 1, node->entry_end, text);
        return TRUE;
      }
  }

  return refuse_layout (error);
}

/* Replaces the content of block scalar @node with @s, keeping its indicator
 * and indentation. FALSE when @s can't be written that way. */
static gboolean
splice_block_scalar (Edit       *e,
                     BylineNode *node,
                     const char *s)
{
  const char *t = e->self->text;
  gsize len = e->self->len;
  BlockHeader h;
  gsize indent = 0, p;
  gboolean found = FALSE;
  char chomp = 0;
  const char *nl;
  g_autoptr(GString) content = g_string_new (NULL);

  if (!block_header_parse (t, len, node->value_start, &h))
    return FALSE;
  if (h.content_start > node->value_end)
    return FALSE;

  /* the content's indentation */
  if (h.indent_digit > 0)
    {
      gsize base = node->key != NULL ? column_of (t, node->key_start)
                 : node->dash != NO_POS ? column_of (t, node->dash) : 0;
      indent = base + h.indent_digit;
    }
  else
    {
      for (p = h.content_start; p < node->value_end; p = next_line (t, len, p))
        {
          gsize q = p;

          while (q < node->value_end && t[q] == ' ')
            q++;
          if (q < node->value_end && break_len (t, len, q) == 0)
            {
              indent = q - p;
              found = TRUE;
              break;
            }
        }
      if (!found)
        {
          gsize base = node->key != NULL ? column_of (t, node->key_start)
                     : node->dash != NO_POS ? column_of (t, node->dash) : 0;
          indent = base + 2;
        }
    }
  if (indent == 0)
    return FALSE;

  nl = newline_near (t, len, node->value_start);
  if (!block_content (content, h.indicator, indent, h.indent_digit > 0, s, strlen (s), nl, &chomp))
    return FALSE;

  if (chomp != h.chomp)
    {
      char c[2] = { chomp, '\0' };

      if (h.chomp_pos != NO_POS)
        edit_splice (e, h.chomp_pos, h.chomp_pos + 1, c);
      else
        edit_splice (e, node->value_start + 1, node->value_start + 1, c);
    }

  if (h.content_start >= len && !at_line_start (t, len))
    g_string_prepend (content, nl);
  edit_splice (e, MIN (h.content_start, len), node->value_end, content->str);
  return TRUE;
}

/* Sets the scalar @node to @v, in its style where that still means @v. */
static gboolean
edit_set_node (Edit         *e,
               BylineNode   *node,
               const Value  *v,
               Expect       *x,
               GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Want want;

  if (!node_is_collection (node) && node->kind != KIND_ALIAS && scalar_holds (e, node, v))
    {
      /* keep it byte for byte */
      x->what = EXPECT_KEEP;
      x->old = node;
      return TRUE;
    }

  if (node_is_block_scalar (node) && !e->force_double &&
      (v->type == BYLINE_VALUE_STRING || v->type == BYLINE_VALUE_TEXT))
    {
      guint before = e->splices->len;

      if (splice_block_scalar (e, node, v->text))
        {
          x->what = EXPECT_SCALAR;
          x->type = BYLINE_VALUE_STRING;
          x->text = g_strdup (v->text);
          return TRUE;
        }
      g_assert (e->splices->len == before);
    }

  if (node->kind == KIND_NULL && !node_is_collection (node))
    want = preferred_want (e->self, node->parent);
  else if (node->kind == KIND_STR)
    want = want_for_style (node->style);
  else
    want = WANT_PLAIN;

  render_inline (e, out, v, node, node->in_flow, want, x);
  return splice_inline_value (e, node, out->str, error);
}

/* ------------------------------------------------------------------------ */
/* Edits: adding entries and lists                                           */
/* ------------------------------------------------------------------------ */

/* Where to find a list to copy the style of. */
typedef struct
{
  gboolean flow;
  gsize    dash_offset;   /* dash column minus key column */
  Want     want;
  char    *sep;           /* flow separator */
} ListStyle;

static void
list_style_for (BylineFrontMatter *self,
                BylineNode        *near,
                ListStyle         *ls)
{
  BylineNode *ref = NULL;
  guint i, pass;

  ls->flow = FALSE;
  ls->dash_offset = 2;
  ls->want = preferred_want (self, near);
  ls->sep = g_strdup (", ");

  for (pass = 0; pass < 2 && ref == NULL; pass++)
    {
      BylineNode *m = pass == 0 ? near : self->root;

      if (m == NULL || m->kind != KIND_MAP)
        continue;
      for (i = 0; i < m->children->len; i++)
        {
          BylineNode *c = g_ptr_array_index (m->children, i);

          if (c->kind == KIND_SEQ && c->children->len > 0 && c->ro_reason == NULL &&
              c->ro_inside == NULL)
            {
              ref = c;
              break;
            }
        }
    }

  if (ref != NULL)
    {
      BylineNode *first = g_ptr_array_index (ref->children, 0);

      ls->flow = ref->style == BYLINE_STYLE_FLOW;
      if (first->kind == KIND_STR)
        ls->want = want_for_style (first->style);
      if (!ls->flow && first->dash != NO_POS)
        {
          gsize dc = column_of (self->text, first->dash);
          gsize kc = column_of (self->text, ref->key_start);
          ls->dash_offset = dc >= kc ? dc - kc : 2;
        }
      if (ls->flow && ref->children->len >= 2)
        {
          BylineNode *second = g_ptr_array_index (ref->children, 1);
          gsize a = first->value_end, b = second->start;

          if (b > a && b - a <= 8 && memchr (self->text + a, '\n', b - a) == NULL &&
              memchr (self->text + a, '#', b - a) == NULL)
            {
              g_free (ls->sep);
              ls->sep = g_strndup (self->text + a, b - a);
            }
        }
    }
}

/* Renders one item for a list, filling @x. */
static void
render_item (Edit        *e,
             GString     *out,
             const Value *v,
             gboolean     in_flow,
             Want         want,
             Expect      *x)
{
  render_inline (e, out, v, NULL, in_flow, want, x);
}

/* Renders a new list of @items (Value *): block lines with the dash at
 * @dash_col, each ending in @nl, or a flow list. Adds what each item must
 * read back as to @x's children. */
static void
render_new_list (Edit        *e,
                 GString     *out,
                 GPtrArray   *items,
                 ListStyle   *ls,
                 gboolean     block,
                 gsize        dash_col,
                 const char  *nl,
                 Expect      *x)
{
  guint i;

  if (!block)
    g_string_append_c (out, '[');
  for (i = 0; i < items->len; i++)
    {
      Expect *cx = expect_new (EXPECT_SCALAR);

      if (block)
        {
          char *pad = g_strnfill (dash_col, ' ');
          g_string_append (out, pad);
          g_string_append (out, "- ");
          g_free (pad);
        }
      else if (i > 0)
        g_string_append (out, ls->sep);
      render_item (e, out, g_ptr_array_index (items, i), !block, ls->want, cx);
      if (block)
        g_string_append (out, nl);
      g_ptr_array_add (x->children, cx);
    }
  if (!block)
    g_string_append_c (out, ']');
}

/* Makes @node (a mapping entry or the item of a block sequence) hold a new
 * block collection: @lines (already indented, each ending in a line break). */
static gboolean
splice_block_value (Edit        *e,
                    BylineNode  *node,
                    const char  *lines,
                    GError     **error)
{
  const char *t = e->self->text;
  gsize len = e->self->len;

  if (node->colon == NO_POS || node->in_flow)
    return refuse_layout (error);

  if (node_is_block_scalar (node) ||
      (node_is_collection (node) && node->style == BYLINE_STYLE_BLOCK))
    {
      const char *nl = newline_near (t, len, node->key_start);
      g_autofree char *text = g_strconcat (nl, lines, NULL);
      gsize end = node_is_block_scalar (node) ? node->value_end : node->entry_end;

      if (end == len && !at_line_start (t, len))
        {
          /* the lines end the text: drop their last line break */
          g_autofree char *trimmed = g_strndup (text, strlen (text) - strlen (nl));
          edit_splice (e, node->colon + 1, end, trimmed);
        }
      else
        edit_splice (e, node->colon + 1, end, text);
      return TRUE;
    }

  /* an inline value (or none): remove it, then add the lines after its line */
  if (node->value_end > node->value_start)
    edit_splice (e, node->colon + 1, node->value_end, "");
  if (node->entry_end == len && !at_line_start (t, len))
    {
      g_autofree char *text = NULL;
      const char *nl = newline_near (t, len, node->key_start);

      text = g_strconcat (nl, lines, NULL);
      text[strlen (text) - strlen (nl)] = '\0';
      edit_splice (e, len, len, text);
    }
  else
    edit_splice (e, node->entry_end, node->entry_end, lines);
  return TRUE;
}

/* Gives @node (an existing entry) a new list holding @items. */
static gboolean
edit_new_list_at (Edit        *e,
                  BylineNode  *node,
                  GPtrArray   *items,
                  Expect      *x,
                  GError     **error)
{
  ListStyle ls;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean block;
  gboolean ok;

  list_style_for (e->self, node->parent, &ls);
  block = !ls.flow && items->len > 0 && !node->in_flow && node->parent != NULL &&
          node->parent->kind == KIND_MAP && node->parent->style == BYLINE_STYLE_BLOCK &&
          node->colon != NO_POS;

  if (block)
    {
      const char *nl = newline_near (e->self->text, e->self->len, node->key_start);
      gsize col = column_of (e->self->text, node->key_start) + ls.dash_offset;

      render_new_list (e, out, items, &ls, TRUE, col, nl, x);
      ok = splice_block_value (e, node, out->str, error);
    }
  else
    {
      render_new_list (e, out, items, &ls, FALSE, 0, NULL, x);
      ok = splice_inline_value (e, node, out->str, error);
    }
  g_free (ls.sep);
  return ok;
}

/* The key as written for a new or renamed entry. */
static void
render_key (Edit       *e,
            GString    *out,
            const char *key,
            BylineStyle style,
            gboolean    in_flow)
{
  append_string (out, key, strlen (key), e->force_double ? WANT_DOUBLE : want_for_style (style),
                 in_flow, TRUE);
}

typedef struct
{
  const char * const *parent_path;
  const char         *key;
  const char         *value;
  BylineValueType     type;
  const char * const *items;      /* SEQUENCE with items */
  const char         *after_key;
} AddData;

/* The separator between the items of the flow collection @parent when it
 * is laid out one item per line, as JSON usually is (",\n  "): the text
 * between its last two items, when that is one comma, one line break and
 * indentation. NULL otherwise. */
static char *
flow_separator (const char *t,
                BylineNode *parent)
{
  BylineNode *prev, *last;
  guint commas = 0, breaks = 0;
  gsize k;

  if (parent->children == NULL || parent->children->len < 2)
    return NULL;
  prev = g_ptr_array_index (parent->children, parent->children->len - 2);
  last = g_ptr_array_index (parent->children, parent->children->len - 1);
  if (last->start <= prev->value_end)
    return NULL;
  for (k = prev->value_end; k < last->start; k++)
    {
      if (t[k] == ',')
        commas++;
      else if (t[k] == '\n')
        breaks++;
      else if (t[k] != ' ' && t[k] != '\t' && t[k] != '\r')
        return NULL;
    }
  if (commas != 1 || breaks != 1 || t[prev->value_end] != ',')
    return NULL;
  return g_strndup (t + prev->value_end, last->start - prev->value_end);
}

static gboolean
build_add (Edit      *e,
           gpointer   data,
           GError   **error)
{
  AddData *d = data;
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  gsize len = self->len;
  BylineNode *parent, *after = NULL;
  Expect *x;
  g_autoptr(GString) line = g_string_new (NULL);
  Value v = { 0 };
  gsize insert_at;
  guint index, i;
  gboolean flow;
  const char *nl;

  parent = edit_lookup (e, d->parent_path, path_length (d->parent_path), FALSE, error);
  if (parent == NULL)
    return FALSE;
  if (parent->ro_reason != NULL)
    return check_node_writable (parent, error);
  if (parent->kind != KIND_MAP)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("Fields can only be added to a group of fields."));
      return FALSE;
    }
  if (d->key == NULL || d->key[0] == '\0' || !g_utf8_validate (d->key, -1, NULL))
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("A field needs a name."));
      return FALSE;
    }
  if (node_child_by_key (parent, d->key) != NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_EXISTS,
                   _("There is already a field “%s”."), d->key);
      return FALSE;
    }
  if (d->after_key != NULL)
    {
      after = node_child_by_key (parent, d->after_key);
      if (after == NULL)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,
                       _("There is no field “%s”."), d->after_key);
          return FALSE;
        }
    }
  else if (parent->children->len > 0)
    after = g_ptr_array_index (parent->children, parent->children->len - 1);

  edit_expect_children (e, parent);
  index = after != NULL ? after->index + 1 : 0;
  x = expect_new (EXPECT_SCALAR);
  expect_set_key (x, d->key);
  g_ptr_array_insert (e->children, index, x);

  flow = parent->style == BYLINE_STYLE_FLOW;
  if (!flow && parent != self->root && parent->children->len == 0)
    return refuse_layout (error);

  /* the key */
  if (!flow)
    {
      gsize col = mapping_key_column (self, parent);
      char *pad = g_strnfill (col, ' ');
      g_string_append (line, pad);
      g_free (pad);
    }
  render_key (e, line, d->key, after != NULL ? after->key_style : BYLINE_STYLE_PLAIN, flow);
  g_string_append_c (line, ':');

  insert_at = flow ? (after != NULL ? after->value_end : parent->value_start + 1)
                   : (after != NULL ? after->entry_end : len);
  nl = newline_near (t, len, insert_at > 0 ? insert_at - 1 : 0);

  /* the value */
  if (d->type == BYLINE_VALUE_SEQUENCE || d->type == BYLINE_VALUE_MAPPING)
    {
      x->what = d->type == BYLINE_VALUE_SEQUENCE ? EXPECT_SEQ : EXPECT_MAP;
      x->children = g_ptr_array_new_with_free_func (expect_free);
      if (d->type == BYLINE_VALUE_MAPPING || d->items == NULL || d->items[0] == NULL)
        {
          if (d->value != NULL && d->type == BYLINE_VALUE_MAPPING)
            {
              g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                           _("A new group of fields starts empty."));
              return FALSE;
            }
          g_string_append (line, d->type == BYLINE_VALUE_SEQUENCE ? " []" : " {}");
          if (!flow)
            g_string_append (line, nl);
        }
      else
        {
          g_autoptr(GPtrArray) values = g_ptr_array_new ();
          Value *vals = g_new0 (Value, path_length (d->items));
          ListStyle ls;
          gboolean ok = TRUE;

          for (i = 0; d->items[i] != NULL && ok; i++)
            {
              ok = value_parse (d->items[i], BYLINE_VALUE_STRING, &vals[i], error);
              g_ptr_array_add (values, &vals[i]);
            }
          if (ok)
            {
              list_style_for (self, parent, &ls);
              if (ls.flow || flow)
                {
                  g_string_append_c (line, ' ');
                  render_new_list (e, line, values, &ls, FALSE, 0, NULL, x);
                  if (!flow)
                    g_string_append (line, nl);
                }
              else
                {
                  g_string_append (line, nl);
                  render_new_list (e, line, values, &ls, TRUE,
                                   mapping_key_column (self, parent) + ls.dash_offset, nl, x);
                }
              g_free (ls.sep);
            }
          for (i = 0; i < values->len; i++)
            value_clear (&vals[i]);
          g_free (vals);
          if (!ok)
            return FALSE;
        }
    }
  else
    {
      g_autoptr(GString) rendered = g_string_new (NULL);
      gboolean done = FALSE;

      if (!value_parse (d->value, d->type, &v, error))
        return FALSE;

      if (!flow && !e->force_double && v.type == BYLINE_VALUE_TEXT && strchr (v.text, '\n') != NULL)
        {
          /* several lines: a literal block scalar */
          char chomp = 0;
          g_autoptr(GString) content = g_string_new (NULL);
          gsize col = mapping_key_column (self, parent) + 2;

          if (block_content (content, '|', col, FALSE, v.text, strlen (v.text), nl, &chomp))
            {
              g_string_append (line, " |");
              if (chomp != 0)
                g_string_append_c (line, chomp);
              g_string_append (line, nl);
              g_string_append (line, content->str);
              x->type = BYLINE_VALUE_STRING;
              x->text = g_strdup (v.text);
              done = TRUE;
            }
        }
      if (!done)
        {
          render_inline (e, rendered, &v, NULL, flow, preferred_want (self, parent), x);
          if (rendered->len > 0)
            {
              g_string_append_c (line, ' ');
              g_string_append (line, rendered->str);
            }
          else if (flow)
            g_string_append (line, " null");
          if (!flow)
            g_string_append (line, nl);
        }
      value_clear (&v);
    }

  if (flow)
    {
      if (after != NULL)
        {
          g_autofree char *sep = flow_separator (t, parent);

          g_string_prepend (line, sep != NULL ? sep : ", ");
        }
      edit_splice (e, insert_at, insert_at, line->str);
      return TRUE;
    }

  if (insert_at == len && len > 0 && !at_line_start (t, len))
    {
      g_string_prepend (line, nl);
      g_string_truncate (line, line->len - strlen (nl));
    }
  edit_splice (e, insert_at, insert_at, line->str);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Edits: the operations                                                     */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char * const *path;
  const char         *value;
  BylineValueType     type;
} SetData;

static gboolean
build_set_scalar (Edit      *e,
                  gpointer   data,
                  GError   **error)
{
  SetData *d = data;
  guint n = path_length (d->path);
  BylineNode *node;
  Value v;
  Expect *x;
  gboolean ok;

  if (n == 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("No field was given."));
      return FALSE;
    }

  node = edit_lookup (e, d->path, n, TRUE, error);
  if (node == NULL)
    {
      AddData add = { 0 };
      g_auto(GStrv) parent_path = NULL;
      guint i;

      if (error != NULL && *error != NULL)
        return FALSE;
      /* as for a field that exists (value_parse()): a scalar, not a
       * collection, whether or not the field is there yet */
      if (d->type == BYLINE_VALUE_SEQUENCE || d->type == BYLINE_VALUE_MAPPING)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("A list or a group of fields can’t be written as a single value."));
          return FALSE;
        }
      parent_path = g_new0 (char *, n);
      for (i = 0; i + 1 < n; i++)
        parent_path[i] = g_strdup (d->path[i]);
      add.parent_path = (const char * const *) parent_path;
      add.key = d->path[n - 1];
      add.value = d->value;
      add.type = d->type;
      return build_add (e, &add, error);
    }

  if (!check_node_writable (node, error))
    return FALSE;
  if (!value_parse (d->value, d->type, &v, error))
    return FALSE;

  edit_expect_children (e, node->parent);
  x = g_ptr_array_index (e->children, node->index);
  x->what = EXPECT_SCALAR;
  x->old = NULL;
  ok = edit_set_node (e, node, &v, x, error);
  if (ok && x->what == EXPECT_KEEP && e->splices->len == 0)
    e->unchanged = TRUE;
  value_clear (&v);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* JSON front matter, edited as the YAML it also is                          */
/* ------------------------------------------------------------------------ */

/* The YAML reading to run an edit on, or NULL with the reason it can't be
 * edited (see json_yaml_agree()). */
static BylineFrontMatter *
json_target (BylineFrontMatter  *self,
             GError            **error)
{
  if (self->json_yaml != NULL)
    return self->json_yaml;
  check_editable (self, error);
  return NULL;
}

/* The YAML engine proved its edit as YAML; the result must also read as
 * JSON, the same as it reads as YAML. */
static char *
json_proven (char    *text,
             GError **error)
{
  BylineFrontMatter *check;
  gboolean agree;

  if (text == NULL)
    return NULL;
  check = byline_front_matter_new (BYLINE_FORMAT_JSON, text, -1);
  agree = check->json_yaml != NULL;
  byline_front_matter_unref (check);
  if (!agree)
    {
      g_free (text);
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
                           _("Byline couldn’t make this change and keep the front matter valid "
                             "JSON. Edit the text directly instead."));
      return NULL;
    }
  return text;
}

/* JSON has no dates: a new one is a string. */
static BylineValueType
json_new_type (BylineValueType type)
{
  return type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME ? BYLINE_VALUE_STRING : type;
}

char *
byline_front_matter_set_scalar (BylineFrontMatter  *self,
                                const char * const *path,
                                const char         *value,
                                BylineValueType     type,
                                GError            **error)
{
  SetData d = { path, value, type };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_set_scalar (self->text, self->len, path, value, type, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);
      BylineNode *node = yaml != NULL ? byline_front_matter_lookup (yaml, path) : NULL;

      /* a date already written as a string keeps its format */
      if (node == NULL || (node->type != BYLINE_VALUE_DATE && node->type != BYLINE_VALUE_DATETIME))
        type = json_new_type (type);
      return yaml != NULL ? json_proven (byline_front_matter_set_scalar (yaml, path, value, type, error), error)
                          : NULL;
    }
  return edit_run (self, build_set_scalar, &d, error);
}

typedef struct
{
  const char * const *path;
  const char * const *items;
  const char         *value;       /* append_item */
  BylineValueType     type;
} ListData;

/* Whether t[a, b) between or around the items of a flow collection is
 * white space (line breaks included: a list written one item per line)
 * holding @commas commas: text to keep when the items change. */
static gboolean
flow_gap (const char *t,
          gsize       a,
          gsize       b,
          guint       commas)
{
  guint seen = 0;

  for (; a < b; a++)
    {
      if (t[a] == ',')
        seen++;
      else if (t[a] != ' ' && t[a] != '\t' && t[a] != '\r' && t[a] != '\n')
        return FALSE;
    }
  return seen == commas;
}

/* Replaces the items of sequence @node with @items, reusing the text of
 * those that do not change. */
static gboolean
edit_replace_items (Edit        *e,
                    BylineNode  *node,
                    GPtrArray   *values,
                    Expect      *x,
                    GError     **error)
{
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  gsize len = self->len;
  guint n_old = node->children->len, i;
  g_autoptr(GString) out = g_string_new (NULL);
  BylineNode *ref = n_old > 0 ? g_ptr_array_index (node->children, 0) : NULL;
  Want want = (ref != NULL && ref->kind == KIND_STR) ? want_for_style (ref->style)
                                                     : preferred_want (self, node->parent);

  if (node->style == BYLINE_STYLE_FLOW)
    {
      gsize open = node->value_start, close = node->value_end - 1;
      g_autofree char *prefix = NULL, *sep = NULL, *suffix = NULL;

      if (t[open] != '[' || t[close] != ']')
        return refuse_layout (error);

      if (values->len == 0)
        {
          edit_splice (e, open, close + 1, "[]");
          return TRUE;
        }

      prefix = g_strdup ("");
      suffix = g_strdup ("");
      sep = g_strdup (", ");
      if (n_old > 0)
        {
          BylineNode *first = g_ptr_array_index (node->children, 0);
          BylineNode *last = g_ptr_array_index (node->children, n_old - 1);

          if (flow_gap (t, open + 1, first->start, 0))
            {
              g_free (prefix);
              prefix = g_strndup (t + open + 1, first->start - open - 1);
            }
          if (flow_gap (t, last->value_end, close, 0))
            {
              g_free (suffix);
              suffix = g_strndup (t + last->value_end, close - last->value_end);
            }
          if (n_old >= 2)
            {
              BylineNode *second = g_ptr_array_index (node->children, 1);
              gsize a = first->value_end, b = second->start;

              if (flow_gap (t, a, b, 1))
                {
                  g_free (sep);
                  sep = g_strndup (t + a, b - a);
                }
            }
        }
      else
        {
          ListStyle ls;
          list_style_for (self, node->parent, &ls);
          g_free (sep);
          sep = g_steal_pointer (&ls.sep);
          want = ls.want;
        }

      g_string_append_c (out, '[');
      g_string_append (out, prefix);
      for (i = 0; i < values->len; i++)
        {
          const Value *v = g_ptr_array_index (values, i);
          BylineNode *old = i < n_old ? g_ptr_array_index (node->children, i) : NULL;
          Expect *cx;

          if (i > 0)
            {
              /* the separator that was there, when there was one */
              BylineNode *prev = i - 1 < n_old ? g_ptr_array_index (node->children, i - 1) : NULL;
              if (prev != NULL && old != NULL && old->start > prev->value_end)
                {
                  gsize a = prev->value_end, b = old->start;

                  if (flow_gap (t, a, b, 1))
                    g_string_append_len (out, t + a, b - a);
                  else
                    g_string_append (out, sep);
                }
              else
                g_string_append (out, sep);
            }

          if (old != NULL && !node_is_collection (old) && old->kind == KIND_STR && old->ro_reason == NULL &&
              v->type == BYLINE_VALUE_STRING &&
              bytes_equal (old->scalar, old->scalar_len, v->text, strlen (v->text)))
            {
              g_string_append_len (out, t + old->value_start, old->value_end - old->value_start);
              cx = expect_keep (old);
            }
          else
            {
              Want w = (old != NULL && old->kind == KIND_STR) ? want_for_style (old->style) : want;
              cx = expect_new (EXPECT_SCALAR);
              render_item (e, out, v, TRUE, w, cx);
            }
          g_ptr_array_add (x->children, cx);
        }
      g_string_append (out, suffix);
      g_string_append_c (out, ']');
      edit_splice (e, open, close + 1, out->str);
      return TRUE;
    }

  /* a block sequence */
  {
    BylineNode *first = g_ptr_array_index (node->children, 0);
    BylineNode *last = g_ptr_array_index (node->children, n_old - 1);
    gsize dash_col;
    const char *nl = newline_near (t, len, first->start);
    g_autofree char *pad = NULL;

    for (i = 0; i < n_old; i++)
      {
        BylineNode *c = g_ptr_array_index (node->children, i);
        if (!c->own_line || c->dash == NO_POS)
          return refuse_layout (error);
      }

    if (values->len == 0)
      {
        /* no items left: an empty flow list after the key */
        if (node->colon == NO_POS || node->parent == NULL || node->parent->kind != KIND_MAP)
          return refuse_layout (error);
        edit_splice (e, node->colon + 1, node->colon + 1, " []");
        edit_splice (e, first->entry_start, last->entry_end, "");
        return TRUE;
      }

    dash_col = column_of (t, first->dash);
    pad = g_strnfill (dash_col, ' ');

    for (i = 0; i < values->len; i++)
      {
        const Value *v = g_ptr_array_index (values, i);
        BylineNode *old = i < n_old ? g_ptr_array_index (node->children, i) : NULL;
        Expect *cx;

        if (i > 0 && i < n_old)
          {
            /* keep the comments and blank lines between items */
            BylineNode *prev = g_ptr_array_index (node->children, i - 1);
            g_string_append_len (out, t + prev->entry_end, old->entry_start - prev->entry_end);
          }

        if (old != NULL && !node_is_collection (old) && old->kind == KIND_STR && old->ro_reason == NULL &&
            v->type == BYLINE_VALUE_STRING &&
            bytes_equal (old->scalar, old->scalar_len, v->text, strlen (v->text)))
          {
            g_string_append_len (out, t + old->entry_start, old->entry_end - old->entry_start);
            if (!at_line_start (t, old->entry_end))
              g_string_append (out, nl);
            cx = expect_keep (old);
          }
        else
          {
            Want w = (old != NULL && old->kind == KIND_STR) ? want_for_style (old->style) : want;
            cx = expect_new (EXPECT_SCALAR);
            g_string_append (out, pad);
            g_string_append (out, "- ");
            render_item (e, out, v, FALSE, w, cx);
            g_string_append (out, nl);
          }
        g_ptr_array_add (x->children, cx);
      }

    if (last->entry_end == len && !at_line_start (t, len))
      g_string_truncate (out, out->len - strlen (nl));
    edit_splice (e, first->entry_start, last->entry_end, out->str);
    return TRUE;
  }
}

static gboolean
build_set_list (Edit      *e,
                gpointer   data,
                GError   **error)
{
  ListData *d = data;
  guint n = path_length (d->path), i;
  BylineNode *node;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  Value *vals;
  Expect *x;
  gboolean ok = TRUE;

  if (n == 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("No field was given."));
      return FALSE;
    }

  node = edit_lookup (e, d->path, n, TRUE, error);
  if (node == NULL)
    {
      AddData add = { 0 };
      g_auto(GStrv) parent_path = NULL;

      if (error != NULL && *error != NULL)
        return FALSE;
      parent_path = g_new0 (char *, n);
      for (i = 0; i + 1 < n; i++)
        parent_path[i] = g_strdup (d->path[i]);
      add.parent_path = (const char * const *) parent_path;
      add.key = d->path[n - 1];
      add.type = BYLINE_VALUE_SEQUENCE;
      add.items = d->items;
      return build_add (e, &add, error);
    }

  if (!check_node_writable (node, error))
    return FALSE;
  if (node->parent == NULL)
    return refuse_layout (error);

  vals = g_new0 (Value, path_length (d->items) + 1);
  for (i = 0; d->items[i] != NULL && ok; i++)
    {
      ok = value_parse (d->items[i], BYLINE_VALUE_STRING, &vals[i], error);
      g_ptr_array_add (values, &vals[i]);
    }

  if (ok)
    {
      edit_expect_children (e, node->parent);
      x = g_ptr_array_index (e->children, node->index);
      x->what = EXPECT_SEQ;
      x->old = NULL;
      x->children = g_ptr_array_new_with_free_func (expect_free);

      if (node->kind == KIND_SEQ)
        ok = edit_replace_items (e, node, values, x, error);
      else
        ok = edit_new_list_at (e, node, values, x, error);
    }

  for (i = 0; i < values->len; i++)
    value_clear (&vals[i]);
  g_free (vals);
  return ok;
}

char *
byline_front_matter_set_list (BylineFrontMatter  *self,
                              const char * const *path,
                              const char * const *items,
                              GError            **error)
{
  ListData d = { path, items, NULL, 0 };
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (items == NULL)
    d.items = none;
  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_set_list (self->text, self->len, path, d.items, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_set_list (yaml, path, d.items, error), error)
                          : NULL;
    }
  return edit_run (self, build_set_list, &d, error);
}

char *
byline_front_matter_add_entry (BylineFrontMatter  *self,
                               const char * const *parent_path,
                               const char         *key,
                               const char         *value,
                               BylineValueType     type,
                               const char         *after_key,
                               GError            **error)
{
  static const char * const none[] = { NULL };
  const char *items[2] = { value, NULL };
  AddData d = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  d.parent_path = parent_path != NULL ? parent_path : none;
  d.key = key;
  d.value = value;
  d.type = type;
  d.after_key = after_key;
  if (type == BYLINE_VALUE_SEQUENCE && value != NULL)
    d.items = items;
  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_add_entry (self->text, self->len, d.parent_path, key, value, type,
                                  after_key, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_add_entry (yaml, d.parent_path, key, value,
                                                                        json_new_type (type), after_key,
                                                                        error), error)
                          : NULL;
    }
  return edit_run (self, build_add, &d, error);
}

gboolean
byline_front_matter_can_add_entry (BylineFrontMatter  *self,
                                   const char * const *parent_path)
{
  static const char * const none[] = { NULL };
  BylineNode *parent;

  g_return_val_if_fail (self != NULL, FALSE);

  if (parent_path == NULL)
    parent_path = none;
  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_can_add_entry (self->text, self->len, parent_path);
  if (self->format == BYLINE_FORMAT_JSON)
    return self->json_yaml != NULL && byline_front_matter_can_add_entry (self->json_yaml, parent_path);
  if (!check_editable (self, NULL))
    return FALSE;
  parent = byline_front_matter_lookup (self, parent_path);
  /* as build_add() checks: the mapping itself, not what it holds */
  return parent != NULL && byline_node_get_value_type (parent) == BYLINE_VALUE_MAPPING &&
         parent->ro_reason == NULL;
}

gboolean
byline_front_matter_can_append_group (BylineFrontMatter  *self,
                                      const char * const *path)
{
  BylineNode *list;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->format == BYLINE_FORMAT_JSON)
    return self->json_yaml != NULL && byline_front_matter_can_append_group (self->json_yaml, path);
  /* TOML: byline_toml_append_item() refuses groups */
  if (!check_editable (self, NULL))
    return FALSE;
  list = byline_front_matter_lookup (self, path);
  return list != NULL && byline_node_get_value_type (list) == BYLINE_VALUE_SEQUENCE &&
         list->ro_reason == NULL;
}

/* Appends to @node (a sequence whose items are mappings) a new mapping
 * item: in a block list, laid out like the last item, with its keys and
 * empty strings as values; in a flow list, "{}". */
static gboolean
append_mapping_item (Edit        *e,
                     BylineNode  *node,
                     GError     **error)
{
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  gsize len = self->len;
  BylineNode *last, *first;
  Expect *x;
  const char *nl;
  gsize dash_col, key_col;
  guint i;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert (node->kind == KIND_SEQ);

  if (node->children->len == 0)
    return refuse_layout (error);
  last = g_ptr_array_index (node->children, node->children->len - 1);
  if (last->kind != KIND_MAP || last->ro_reason != NULL || last->anchor != NULL ||
      last->tag != NULL)
    return refuse_layout (error);

  edit_expect_children (e, node);
  x = expect_new (EXPECT_MAP);
  g_ptr_array_add (e->children, x);

  if (node->style == BYLINE_STYLE_FLOW)
    {
      const char *sep = ", ";
      g_autofree char *own_sep = NULL;

      if (node->children->len >= 2)
        {
          BylineNode *prev = g_ptr_array_index (node->children, node->children->len - 2);
          gsize a = prev->value_end, b = last->start, k;
          gboolean ok_sep = b > a;

          for (k = a; k < b; k++)
            if (t[k] != ' ' && t[k] != '\t' && t[k] != ',')
              ok_sep = FALSE;
          if (ok_sep)
            sep = own_sep = g_strndup (t + a, b - a);
        }
      g_string_append (out, sep);
      g_string_append (out, "{}");
      edit_splice (e, last->value_end, last->value_end, out->str);
      return TRUE;
    }

  /* block: "- key: ..." on the dash's line, the other keys below it */
  if (last->style != BYLINE_STYLE_BLOCK || last->children->len == 0 || !last->own_line ||
      last->dash == NO_POS || last->in_flow)
    return refuse_layout (error);
  first = g_ptr_array_index (last->children, 0);
  dash_col = column_of (t, last->dash);
  key_col = column_of (t, first->key_start);
  if (first->key_start <= last->dash || key_col <= dash_col ||
      !only_spaces (t, last->dash + 1, first->key_start))
    return refuse_layout (error);

  nl = newline_near (t, len, last->start);
  for (i = 0; i < last->children->len; i++)
    {
      BylineNode *c = g_ptr_array_index (last->children, i);
      Expect *cx;
      char *pad;

      if (c->ro_reason != NULL || c->key == NULL || c->colon == NO_POS ||
          c->key_end <= c->key_start || column_of (t, c->key_start) != key_col ||
          (i > 0 && !c->own_line) ||
          memchr (t + c->key_start, '\n', c->key_end - c->key_start) != NULL ||
          memchr (t + c->key_start, '\r', c->key_end - c->key_start) != NULL)
        return refuse_layout (error);

      if (i == 0)
        {
          pad = g_strnfill (dash_col, ' ');
          g_string_append (out, pad);
          g_string_append_len (out, t + last->dash, first->key_start - last->dash);
        }
      else
        {
          pad = g_strnfill (key_col, ' ');
          g_string_append (out, pad);
        }
      g_free (pad);
      /* the key as written in the last item: same quoting, same meaning */
      g_string_append_len (out, t + c->key_start, c->key_end - c->key_start);
      g_string_append (out, ": \"\"");
      g_string_append (out, nl);

      cx = expect_new (EXPECT_SCALAR);
      cx->owned_key = g_malloc (c->key_len + 1);
      memcpy (cx->owned_key, c->key, c->key_len);
      cx->owned_key[c->key_len] = '\0';
      cx->key = cx->owned_key;
      cx->key_len = c->key_len;
      cx->key_kind = c->key_kind;
      cx->type = BYLINE_VALUE_STRING;
      cx->text = g_strdup ("");
      g_ptr_array_add (x->children, cx);
    }

  if (last->entry_end == len && !at_line_start (t, len))
    {
      g_string_prepend (out, nl);
      g_string_truncate (out, out->len - strlen (nl));
    }
  edit_splice (e, last->entry_end, last->entry_end, out->str);
  return TRUE;
}

static gboolean
build_append (Edit      *e,
              gpointer   data,
              GError   **error)
{
  ListData *d = data;
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  gsize len = self->len;
  guint n = path_length (d->path);
  BylineNode *node, *last;
  Value v;
  Expect *x;
  Want want;
  g_autoptr(GString) out = g_string_new (NULL);

  if (n == 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("No field was given."));
      return FALSE;
    }

  node = edit_lookup (e, d->path, n, TRUE, error);
  if (node == NULL || node->kind == KIND_NULL)
    {
      /* no list yet: make one */
      g_autoptr(GPtrArray) values = NULL;
      gboolean ok;

      if (node == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (d->type == BYLINE_VALUE_MAPPING)
        return refuse_layout (error);
      if (!value_parse (d->value, d->type, &v, error))
        return FALSE;
      if (node == NULL)
        {
          AddData add = { 0 };
          g_auto(GStrv) parent_path = g_new0 (char *, n);
          const char *items[2] = { v.text, NULL };
          guint i;

          for (i = 0; i + 1 < n; i++)
            parent_path[i] = g_strdup (d->path[i]);
          add.parent_path = (const char * const *) parent_path;
          add.key = d->path[n - 1];
          add.type = BYLINE_VALUE_SEQUENCE;
          add.items = items;
          if (v.type != BYLINE_VALUE_STRING && v.type != BYLINE_VALUE_TEXT)
            {
              value_clear (&v);
              return refuse_layout (error);
            }
          ok = build_add (e, &add, error);
          value_clear (&v);
          return ok;
        }
      if (!check_node_writable (node, error))
        {
          value_clear (&v);
          return FALSE;
        }
      values = g_ptr_array_new ();
      g_ptr_array_add (values, &v);
      edit_expect_children (e, node->parent);
      x = g_ptr_array_index (e->children, node->index);
      x->what = EXPECT_SEQ;
      x->old = NULL;
      x->children = g_ptr_array_new_with_free_func (expect_free);
      ok = edit_new_list_at (e, node, values, x, error);
      value_clear (&v);
      return ok;
    }

  if (node->kind != KIND_SEQ)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("“%s” is not a list."), node->key != NULL ? node->key : "");
      return FALSE;
    }
  if (node->ro_reason != NULL)
    return check_node_writable (node, error);
  if (d->type == BYLINE_VALUE_MAPPING)
    {
      if (d->value != NULL)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("A new group of fields starts empty."));
          return FALSE;
        }
      return append_mapping_item (e, node, error);
    }
  if (!value_parse (d->value, d->type, &v, error))
    return FALSE;

  edit_expect_children (e, node);
  x = expect_new (EXPECT_SCALAR);
  g_ptr_array_add (e->children, x);

  last = node->children->len > 0 ? g_ptr_array_index (node->children, node->children->len - 1) : NULL;
  want = (last != NULL && last->kind == KIND_STR) ? want_for_style (last->style)
                                                  : preferred_want (self, node->parent);

  if (node->style == BYLINE_STYLE_FLOW)
    {
      if (last == NULL)
        {
          gsize open = node->value_start, close = node->value_end - 1;

          if (t[open] != '[' || t[close] != ']')
            {
              value_clear (&v);
              return refuse_layout (error);
            }
          render_item (e, out, &v, TRUE, want, x);
          edit_splice (e, open + 1, close, out->str);
        }
      else
        {
          const char *sep = ", ";
          g_autofree char *own_sep = NULL;

          if (node->children->len >= 2)
            {
              BylineNode *prev = g_ptr_array_index (node->children, node->children->len - 2);
              gsize a = prev->value_end, b = last->start, k;
              gboolean ok_sep = b > a;

              for (k = a; k < b; k++)
                if (t[k] != ' ' && t[k] != '\t' && t[k] != ',')
                  ok_sep = FALSE;
              if (ok_sep)
                sep = own_sep = g_strndup (t + a, b - a);
              else
                sep = own_sep = flow_separator (t, node);
              if (sep == NULL)
                sep = ", ";
            }
          g_string_append (out, sep);
          render_item (e, out, &v, TRUE, want, x);
          edit_splice (e, last->value_end, last->value_end, out->str);
        }
      value_clear (&v);
      return TRUE;
    }

  /* block */
  {
    const char *nl;
    g_autofree char *pad = NULL;

    if (last == NULL || !last->own_line || last->dash == NO_POS)
      {
        value_clear (&v);
        return refuse_layout (error);
      }
    nl = newline_near (t, len, last->start);
    pad = g_strnfill (column_of (t, last->dash), ' ');
    g_string_append (out, pad);
    g_string_append (out, "- ");
    render_item (e, out, &v, FALSE, want, x);
    g_string_append (out, nl);
    if (last->entry_end == len && !at_line_start (t, len))
      {
        g_string_prepend (out, nl);
        g_string_truncate (out, out->len - strlen (nl));
      }
    edit_splice (e, last->entry_end, last->entry_end, out->str);
  }
  value_clear (&v);
  return TRUE;
}

char *
byline_front_matter_append_item (BylineFrontMatter  *self,
                                  const char * const *path,
                                  const char         *value,
                                  BylineValueType     type,
                                  GError            **error)
{
  ListData d = { path, NULL, value, type };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_append_item (self->text, self->len, path, value, type, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_append_item (yaml, path, value,
                                                                          json_new_type (type), error),
                                         error)
                          : NULL;
    }
  return edit_run (self, build_append, &d, error);
}

typedef struct
{
  const char * const *path;
  const char         *new_key;
  guint               new_index;
} PathData;

static BylineNode *
lookup_entry (Edit                *e,
              const char * const  *path,
              GError             **error)
{
  guint n = path_length (path);
  BylineNode *node;

  if (n == 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("No field was given."));
      return NULL;
    }
  node = edit_lookup (e, path, n, FALSE, error);
  if (node == NULL)
    return NULL;
  if (!check_node_writable (node, error))
    return NULL;
  return node;
}

static gboolean
build_remove (Edit      *e,
              gpointer   data,
              GError   **error)
{
  PathData *d = data;
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  BylineNode *node, *parent, *prev, *next;

  node = lookup_entry (e, d->path, error);
  if (node == NULL)
    return FALSE;
  parent = node->parent;

  edit_expect_children (e, parent);
  g_ptr_array_remove_index (e->children, node->index);

  prev = node->index > 0 ? g_ptr_array_index (parent->children, node->index - 1) : NULL;
  next = node->index + 1 < parent->children->len ? g_ptr_array_index (parent->children, node->index + 1) : NULL;

  if (parent->style == BYLINE_STYLE_FLOW)
    {
      if (next != NULL)
        edit_splice (e, node->start, next->start, "");
      else if (prev != NULL)
        edit_splice (e, prev->value_end, node->value_end, "");
      else
        edit_splice (e, node->start, node->value_end, "");
      return TRUE;
    }

  if (!node->own_line)
    {
      /* "- key: value" with more keys below: pull the next one up */
      if (next != NULL && next->own_line && parent->kind == KIND_MAP)
        {
          edit_splice (e, node->start, next->start, "");
          return TRUE;
        }
      return refuse_layout (error);
    }

  if (prev == NULL && next == NULL && parent != self->root)
    {
      /* the last one: the collection becomes empty */
      if (parent->colon == NO_POS || parent->in_flow || parent->parent == NULL ||
          parent->parent->kind != KIND_MAP)
        return refuse_layout (error);
      edit_splice (e, parent->colon + 1, parent->colon + 1,
                   parent->kind == KIND_SEQ ? " []" : " {}");
    }

  if (node->entry_end == self->len && !at_line_start (t, self->len) && prev != NULL)
    {
      /* the last line has no line break: take the one before it too */
      gsize from = node->entry_start;
      from -= break_len_before (t, from);
      edit_splice (e, from, node->entry_end, "");
      return TRUE;
    }

  edit_splice (e, node->entry_start, node->entry_end, "");
  return TRUE;
}

char *
byline_front_matter_remove (BylineFrontMatter  *self,
                            const char * const *path,
                            GError            **error)
{
  PathData d = { path, NULL, 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_remove (self->text, self->len, path, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_remove (yaml, path, error), error) : NULL;
    }
  return edit_run (self, build_remove, &d, error);
}

static gboolean
build_rename (Edit      *e,
              gpointer   data,
              GError   **error)
{
  PathData *d = data;
  BylineNode *node;
  Expect *x;
  g_autoptr(GString) out = g_string_new (NULL);

  node = lookup_entry (e, d->path, error);
  if (node == NULL)
    return FALSE;
  if (node->parent->kind != KIND_MAP)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("Only a field’s name can be changed, not a list item’s."));
      return FALSE;
    }
  if (d->new_key == NULL || d->new_key[0] == '\0' || !g_utf8_validate (d->new_key, -1, NULL))
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("A field needs a name."));
      return FALSE;
    }
  if (strcmp (d->new_key, node->key) == 0)
    {
      e->unchanged = TRUE;
      return TRUE;
    }
  if (node_child_by_key (node->parent, d->new_key) != NULL)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_EXISTS,
                   _("There is already a field “%s”."), d->new_key);
      return FALSE;
    }
  if (node->key_style != BYLINE_STYLE_PLAIN && node->key_style != BYLINE_STYLE_SINGLE_QUOTED &&
      node->key_style != BYLINE_STYLE_DOUBLE_QUOTED)
    return refuse_layout (error);

  edit_expect_children (e, node->parent);
  x = g_ptr_array_index (e->children, node->index);
  expect_set_key (x, d->new_key);

  render_key (e, out, d->new_key, node->key_style, node->in_flow);
  edit_splice (e, node->key_start, node->key_end, out->str);
  return TRUE;
}

char *
byline_front_matter_rename_key (BylineFrontMatter  *self,
                                const char * const *path,
                                const char         *new_key,
                                GError            **error)
{
  PathData d = { path, new_key, 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (new_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_rename_key (self->text, self->len, path, new_key, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_rename_key (yaml, path, new_key, error), error)
                          : NULL;
    }
  return edit_run (self, build_rename, &d, error);
}

static gboolean
build_move (Edit      *e,
            gpointer   data,
            GError   **error)
{
  PathData *d = data;
  BylineFrontMatter *self = e->self;
  const char *t = self->text;
  gsize len = self->len;
  BylineNode *node, *parent;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GString) out = NULL;
  gboolean block;
  guint n, i;
  const char *nl;

  node = lookup_entry (e, d->path, error);
  if (node == NULL)
    return FALSE;
  parent = node->parent;
  n = parent->children->len;
  if (d->new_index >= n)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                   _("There is no position %u here."), d->new_index + 1);
      return FALSE;
    }
  if (d->new_index == node->index)
    {
      e->unchanged = TRUE;
      return TRUE;
    }

  block = parent->style == BYLINE_STYLE_BLOCK;
  for (i = 0; i < n && block; i++)
    {
      BylineNode *c = g_ptr_array_index (parent->children, i);
      if (!c->own_line)
        return refuse_layout (error);
    }

  order = g_ptr_array_new ();
  for (i = 0; i < n; i++)
    if (i != node->index)
      g_ptr_array_add (order, g_ptr_array_index (parent->children, i));
  g_ptr_array_insert (order, d->new_index, node);

  e->parent = parent;
  for (i = 0; i < n; i++)
    g_ptr_array_add (e->children, expect_keep (g_ptr_array_index (order, i)));

  nl = newline_near (t, len, node->start);
  out = g_string_new (NULL);
  for (i = 0; i < n; i++)
    {
      BylineNode *slot = g_ptr_array_index (parent->children, i);
      BylineNode *c = g_ptr_array_index (order, i);
      gsize cs = block ? c->entry_start : c->start;
      gsize ce = block ? c->entry_end : c->value_end;

      g_string_append_len (out, t + cs, ce - cs);
      if (block && !at_line_start (t, ce) && i + 1 < n)
        g_string_append (out, nl);
      if (i + 1 < n)
        {
          BylineNode *next_slot = g_ptr_array_index (parent->children, i + 1);
          gsize gs = block ? slot->entry_end : slot->value_end;
          gsize ge = block ? next_slot->entry_start : next_slot->start;
          g_string_append_len (out, t + gs, ge - gs);
        }
    }

  {
    BylineNode *first = g_ptr_array_index (parent->children, 0);
    BylineNode *last = g_ptr_array_index (parent->children, n - 1);
    gsize rs = block ? first->entry_start : first->start;
    gsize re = block ? last->entry_end : last->value_end;

    edit_splice (e, rs, re, out->str);
  }
  return TRUE;
}

char *
byline_front_matter_move (BylineFrontMatter  *self,
                          const char * const *path,
                          guint               new_index,
                          GError            **error)
{
  PathData d = { path, NULL, new_index };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->format == BYLINE_FORMAT_TOML)
    return byline_toml_move (self->text, self->len, path, new_index, error);
  if (self->format == BYLINE_FORMAT_JSON)
    {
      BylineFrontMatter *yaml = json_target (self, error);

      return yaml != NULL ? json_proven (byline_front_matter_move (yaml, path, new_index, error), error)
                          : NULL;
    }
  return edit_run (self, build_move, &d, error);
}

/* ------------------------------------------------------------------------ */
/* Value types as text                                                       */
/* ------------------------------------------------------------------------ */

static const char * const value_type_names[] = {
  [BYLINE_VALUE_NULL] = "null",
  [BYLINE_VALUE_BOOL] = "bool",
  [BYLINE_VALUE_INT] = "int",
  [BYLINE_VALUE_FLOAT] = "float",
  [BYLINE_VALUE_DATE] = "date",
  [BYLINE_VALUE_DATETIME] = "datetime",
  [BYLINE_VALUE_STRING] = "string",
  [BYLINE_VALUE_TEXT] = "text",
  [BYLINE_VALUE_SEQUENCE] = "list",
  [BYLINE_VALUE_MAPPING] = "mapping",
};

const char *
byline_value_type_to_string (BylineValueType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (value_type_names), NULL);

  return value_type_names[type];
}

gboolean
byline_value_type_from_string (const char      *str,
                               BylineValueType *type)
{
  guint i;

  g_return_val_if_fail (str != NULL, FALSE);

  for (i = 0; i < G_N_ELEMENTS (value_type_names); i++)
    if (g_str_equal (str, value_type_names[i]))
      {
        if (type != NULL)
          *type = i;
        return TRUE;
      }
  if (g_str_equal (str, "sequence"))
    {
      if (type != NULL)
        *type = BYLINE_VALUE_SEQUENCE;
      return TRUE;
    }
  return FALSE;
}
