/* byline-template.c: new posts from a template: the site's Hugo archetype
 * when it has one, else Byline's own.
 *
 * An archetype is a Go template. Byline fills in the small part of the
 * language that depends only on the new post (see byline-template.h) and
 * refuses anything else, naming the action, rather than guess: a new post
 * must hold what Hugo would have written, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "byline-front-matter.h"
#include "byline-post-io.h"
#include "byline-site.h"
#include "byline-site-config.h"
#include "byline-template.h"

/* Actions quoted in messages are cut to this many characters. */
#define MAX_QUOTED_ACTION 60

/* The last argument of a function is the value piped into it: at most this
 * many arguments. */
#define MAX_ARGS 4

G_DEFINE_QUARK (byline-template-error-quark, byline_template_error)

static const char builtin_template[] =
  "---\n"
  "title: \"{{ replace .Name \"-\" \" \" | title }}\"\n"
  "date: {{ .Date }}\n"
  "draft: true\n"
  "---\n";

typedef struct
{
  const BylineTemplateVars *vars;
  char                     *date;       /* .Date, made when first used */
  guint                     yaml_quote : 1;   /* escape values for YAML's double quotes */
} Expansion;

typedef enum {
  EVAL_OK,
  EVAL_UNSUPPORTED,
  EVAL_EMPTY,
} EvalResult;

typedef enum {
  TOKEN_END,
  TOKEN_PIPE,
  TOKEN_FIELD,
  TOKEN_IDENT,
  TOKEN_STRING,
  TOKEN_OTHER,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  const char *end;
  char       *value;    /* TOKEN_STRING: the string's value */
} Token;

typedef char *(*TemplateFunc) (char **args);

typedef struct
{
  const char   *name;
  guint         n_args;
  TemplateFunc  func;
} Function;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* White space as Go templates trim it. */
static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static inline gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

static guint
line_of (const char *text,
         const char *pos)
{
  guint line = 1;

  g_assert (text != NULL);
  g_assert (pos >= text);

  for (const char *p = text; p < pos; p++)
    if (*p == '\n')
      line++;

  return line;
}

/* The action as written, for a message: on one line, cut when long. */
static char *
quote_action (const char *start,
              const char *end)
{
  g_autofree char *action = g_strndup (start, end - start);
  GString *quoted = g_string_new (NULL);
  guint n = 0;

  g_assert (start <= end);

  for (const char *p = action; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n == MAX_QUOTED_ACTION)
        {
          g_string_append (quoted, "…");
          break;
        }
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          if (quoted->len == 0 || quoted->str[quoted->len - 1] != ' ')
            g_string_append_c (quoted, ' ');
        }
      else
        g_string_append_len (quoted, p, g_utf8_next_char (p) - p);
      n++;
    }

  return g_string_free (quoted, FALSE);
}

/* Appends @value escaped for the inside of a YAML double-quoted scalar:
 * quotes, backslashes, line breaks (YAML's own among them) and characters
 * YAML does not allow as they are. */
static void
append_yaml_quoted (GString    *out,
                    const char *value)
{
  g_assert (out != NULL);
  g_assert (value != NULL);

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
              c == 0x2028 || c == 0x2029 || c == 0xfeff ||
              c == 0xfffe || c == 0xffff)
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Functions                                                                 */
/* ------------------------------------------------------------------------ */

/* strings.Replace (INPUT, OLD, NEW, -1), as Go does it: an empty OLD
 * matches before each character and at the end. */
static char *
func_replace (char **args)
{
  const char *input = args[0];
  const char *old = args[1];
  const char *new = args[2];
  GString *out = g_string_new (NULL);
  gsize old_len = strlen (old);

  if (old_len == 0)
    {
      for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_string_append (out, new);
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      g_string_append (out, new);
      return g_string_free (out, FALSE);
    }

  for (const char *p = input; *p != '\0';)
    {
      const char *match = strstr (p, old);

      if (match == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, match - p);
      g_string_append (out, new);
      p = match + old_len;
    }

  return g_string_free (out, FALSE);
}

/* Hugo's `title` with its default titleCaseStyle, AP style (Hugo calls
 * jdkato/prose's TitleConverter; this follows what it does, quirks
 * included, as `hugo new` shows): a word is a letter or digit and what
 * follows up to white space, "-" or "/"; it gets its first letter in title
 * case, but one of AP's small words (a, an, and, the, of, to…) is put in
 * lower case where it is neither the text's first nor last and comes
 * after a space, "-" or "/" (not after ": " or "--", and before a "-" only
 * when after one): "The Lord of the Rings", "State-of-the-Art". Where it
 * looks at the characters around a word it reads a copy with typographic
 * quotes, dashes and ellipses made ASCII. */
static const char * const title_small_words[] = {
  "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor",
  "of", "on", "or", "per", "the", "to", "vs", "vs.", "via", "v", "v.",
};

static char *
title_sanitize (const char *s)
{
  static const struct { const char *from, *to; } map[] = {
    { "\u201c", "\"" }, { "\u201d", "\"" }, { "\u2018", "'" }, { "\u2019", "'" },
    { "\u2013", "-" }, { "\u2014", "-" }, { "\u2026", "..." },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0';)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (map) && !replaced; i++)
        if (g_str_has_prefix (p, map[i].from))
          {
            g_string_append (out, map[i].to);
            p += strlen (map[i].from);
            replaced = TRUE;
          }
      if (!replaced)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static gboolean
title_word_start (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Go's \s is ASCII white space only */
static gboolean
title_word_end (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '-' || c == '/';
}

/* the byte at @i of @t, or its first byte when @i is out of range */
static char
title_char_at (const char *t,
               gssize      len,
               gssize      i)
{
  return i >= 0 && i < len ? t[i] : t[0];
}

static char *
func_title (char **args)
{
  const char *s = args[0];
  g_autofree char *t = title_sanitize (s);
  gssize end = (gssize) strlen (t), idx = 0;
  GString *out = g_string_new (NULL);
  const char *p = s;

  while (*p != '\0')
    {
      g_autofree char *word = NULL;
      g_autofree char *lower = NULL;
      const char *w = p, *found;
      gssize pos, ext;
      gboolean small = FALSE;

      if (!title_word_start (g_utf8_get_char (p)))
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }
      while (*p != '\0' && !title_word_end (*p))
        p = g_utf8_next_char (p);
      word = g_strndup (w, p - w);
      ext = p - w;

      found = strstr (t + idx, word);
      pos = found != NULL ? found - t : idx - 1;
      idx = pos + ext;
      lower = g_utf8_strdown (word, -1);
      for (guint i = 0; i < G_N_ELEMENTS (title_small_words) && !small; i++)
        small = g_str_equal (lower, title_small_words[i]);

      if (small && !(pos == 0 || idx == end) &&
          strchr (" -/", title_char_at (t, end, pos - 1)) != NULL &&
          title_char_at (t, end, pos - 1) != '\0' &&
          title_char_at (t, end, pos - 2) != ':' && title_char_at (t, end, pos - 2) != '-' &&
          (title_char_at (t, end, pos + ext) != '-' || title_char_at (t, end, pos - 1) == '-'))
        g_string_append (out, lower);
      else
        {
          g_string_append_unichar (out, g_unichar_totitle (g_utf8_get_char (word)));
          g_string_append (out, g_utf8_next_char (word));
        }
    }

  return g_string_free (out, FALSE);
}

/* Hyphens and underscores as spaces, the first letter in title case. */
static char *
func_humanize (char **args)
{
  GString *out = g_string_new (NULL);

  for (const char *p = args[0]; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_')
        g_string_append_c (out, ' ');
      else if (p == args[0])
        g_string_append_unichar (out, g_unichar_totitle (c));
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static char *
func_lower (char **args)
{
  return g_utf8_strdown (args[0], -1);
}

static char *
func_upper (char **args)
{
  return g_utf8_strup (args[0], -1);
}

static const Function functions[] = {
  { "replace",  3, func_replace },
  { "title",    1, func_title },
  { "humanize", 1, func_humanize },
  { "lower",    1, func_lower },
  { "upper",    1, func_upper },
};

static const Function *
find_function (const char *name,
               gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (strlen (functions[i].name) == len && strncmp (functions[i].name, name, len) == 0)
      return &functions[i];
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Fields                                                                    */
/* ------------------------------------------------------------------------ */

static const char *
expansion_get_date (Expansion *self)
{
  g_assert (self != NULL);

  if (self->date == NULL)
    {
      g_autoptr(GDateTime) now = NULL;
      GDateTime *date = self->vars != NULL ? self->vars->date : NULL;

      if (date == NULL)
        date = now = g_date_time_new_now_local ();
      /* RFC 3339 as Go writes it (time.RFC3339), so as Hugo does: "Z" for
       * UTC, else the offset. */
      if (g_date_time_get_utc_offset (date) == 0)
        self->date = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
      else
        self->date = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S%:z");
    }

  return self->date;
}

/* The value of a field such as ".Name", or NULL for one Byline does not
 * know. */
static char *
expansion_get_field (Expansion  *self,
                     const char *field,
                     gsize       len)
{
  const char *name = self->vars != NULL && self->vars->name != NULL ? self->vars->name : "";
  const char *section = self->vars != NULL && self->vars->section != NULL ? self->vars->section : "";

#define IS(literal) (len == strlen (literal) && strncmp (field, literal, len) == 0)
  if (IS (".Name") || IS (".File.ContentBaseName") || IS (".File.BaseFileName"))
    return g_strdup (name);
  if (IS (".Section"))
    return g_strdup (section);
  if (IS (".Type"))
    return g_strdup (section[0] != '\0' ? section : "page");
  if (IS (".Date"))
    return g_strdup (expansion_get_date (self));
#undef IS

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
parse_hex (const char *p,
           guint       digits,
           gunichar   *c)
{
  *c = 0;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *c = *c * 16 + g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* A Go double-quoted string starting at @p (on its opening quote) and
 * ending before @end: its value, or NULL when it is not one Byline reads
 * (an escape for a byte rather than a character, an unknown escape). */
static char *
parse_quoted (const char  *p,
              const char  *end,
              const char **after)
{
  GString *value = g_string_new (NULL);

  g_assert (*p == '"');

  for (p++; p < end && *p != '"'; p++)
    {
      gunichar c;

      if (*p != '\\')
        {
          g_string_append_c (value, *p);
          continue;
        }

      p++;
      switch (p < end ? *p : '\0')
        {
        case 'a':  g_string_append_c (value, '\a'); break;
        case 'b':  g_string_append_c (value, '\b'); break;
        case 'f':  g_string_append_c (value, '\f'); break;
        case 'n':  g_string_append_c (value, '\n'); break;
        case 'r':  g_string_append_c (value, '\r'); break;
        case 't':  g_string_append_c (value, '\t'); break;
        case 'v':  g_string_append_c (value, '\v'); break;
        case '\\': g_string_append_c (value, '\\'); break;
        case '"':  g_string_append_c (value, '"'); break;
        case 'u':
        case 'U':
          {
            guint digits = *p == 'u' ? 4 : 8;

            if (end - p <= (gssize) digits || !parse_hex (p + 1, digits, &c) ||
                !g_unichar_validate (c) || c == 0)
              goto fail;
            g_string_append_unichar (value, c);
            p += digits;
          }
          break;
        default:
          goto fail;
        }
    }

  if (p >= end)
    goto fail;

  *after = p + 1;
  return g_string_free (value, FALSE);

fail:
  g_string_free (value, TRUE);
  return NULL;
}

/* The next token of an action's pipeline in [*p, end). */
static void
next_token (const char **p,
            const char  *end,
            Token       *token)
{
  const char *s = *p;

  g_clear_pointer (&token->value, g_free);

  while (s < end && is_space (*s))
    s++;

  token->start = s;

  if (s >= end)
    token->kind = TOKEN_END;
  else if (*s == '|')
    {
      token->kind = TOKEN_PIPE;
      s++;
    }
  else if (*s == '.' && s + 1 < end && is_ident_char (s[1]) && !g_ascii_isdigit (s[1]))
    {
      /* A field chain: .File.ContentBaseName */
      token->kind = TOKEN_FIELD;
      while (s < end && *s == '.' && s + 1 < end && is_ident_char (s[1]))
        for (s++; s < end && is_ident_char (*s); s++)
          ;
    }
  else if (g_ascii_isalpha (*s) || *s == '_')
    {
      token->kind = TOKEN_IDENT;
      while (s < end && is_ident_char (*s))
        s++;
    }
  else if (*s == '"')
    {
      const char *after = NULL;

      token->value = parse_quoted (s, end, &after);
      if (token->value != NULL)
        {
          token->kind = TOKEN_STRING;
          s = after;
        }
      else
        token->kind = TOKEN_OTHER;
    }
  else if (*s == '`')
    {
      const char *close = memchr (s + 1, '`', end - s - 1);

      if (close != NULL)
        {
          token->kind = TOKEN_STRING;
          token->value = g_strndup (s + 1, close - s - 1);
          s = close + 1;
        }
      else
        token->kind = TOKEN_OTHER;
    }
  else
    token->kind = TOKEN_OTHER;

  /* Tokens are separated by white space, a pipe or the end. */
  if (token->kind != TOKEN_OTHER && token->kind != TOKEN_END && token->kind != TOKEN_PIPE &&
      s < end && !is_space (*s) && *s != '|')
    token->kind = TOKEN_OTHER;

  token->end = s;
  *p = s;
}

/* Evaluates the pipeline in [start, end) (an action without its
 * delimiters): commands separated by "|", the value of each passed as the
 * last argument of the next. */
static EvalResult
expansion_eval (Expansion   *self,
                const char  *start,
                const char  *end,
                char       **result)
{
  g_autofree char *value = NULL;
  Token token = { 0 };
  const char *p = start;
  gboolean first_command = TRUE;
  EvalResult status = EVAL_OK;

  g_assert (self != NULL);
  g_assert (result != NULL);

  next_token (&p, end, &token);
  if (token.kind == TOKEN_END)
    return EVAL_EMPTY;

  for (;;)
    {
      /* One command: a function and its arguments, or a single value. */
      char *args[MAX_ARGS + 1] = { NULL, };
      const Function *function = NULL;
      guint n_args = 0;
      gboolean is_call = FALSE;

      if (token.kind == TOKEN_IDENT)
        {
          function = find_function (token.start, token.end - token.start);
          if (function == NULL)
            {
              status = EVAL_UNSUPPORTED;
              goto out;
            }
          is_call = TRUE;
          next_token (&p, end, &token);
        }

      while (token.kind == TOKEN_FIELD || token.kind == TOKEN_STRING)
        {
          char *arg;

          if (n_args == MAX_ARGS)
            {
              status = EVAL_UNSUPPORTED;
              break;
            }
          if (token.kind == TOKEN_FIELD)
            arg = expansion_get_field (self, token.start, token.end - token.start);
          else
            arg = g_steal_pointer (&token.value);
          if (arg == NULL)
            {
              status = EVAL_UNSUPPORTED;
              break;
            }
          args[n_args++] = arg;
          next_token (&p, end, &token);
        }

      if (status == EVAL_OK && token.kind != TOKEN_PIPE && token.kind != TOKEN_END)
        status = EVAL_UNSUPPORTED;

      if (status == EVAL_OK && !first_command)
        {
          /* The piped value goes last; only a function takes it. */
          if (!is_call || n_args == MAX_ARGS)
            status = EVAL_UNSUPPORTED;
          else
            args[n_args++] = g_steal_pointer (&value);
        }

      if (status == EVAL_OK)
        {
          if (is_call && n_args == function->n_args)
            {
              g_free (value);
              value = function->func (args);
            }
          else if (!is_call && n_args == 1)
            {
              g_free (value);
              value = g_steal_pointer (&args[0]);
            }
          else
            status = EVAL_UNSUPPORTED;   /* no value, or the wrong number of arguments */
        }

      for (guint i = 0; i < n_args; i++)
        g_free (args[i]);

      if (status != EVAL_OK || token.kind == TOKEN_END)
        break;

      /* A pipe: the next command. */
      first_command = FALSE;
      next_token (&p, end, &token);
      if (token.kind == TOKEN_END || token.kind == TOKEN_PIPE)
        {
          status = EVAL_UNSUPPORTED;
          break;
        }
    }

out:
  g_clear_pointer (&token.value, g_free);
  if (status == EVAL_OK)
    *result = g_steal_pointer (&value);
  return status;
}

/* Finds the end of the action whose text starts at @p: the "}}" (or
 * " -}}") not inside a string. Returns NULL and sets @error when there is
 * none. @open is the action's "{{", @text the whole template, for the
 * message. */
static const char *
find_action_end (const char  *text,
                 const char  *open,
                 const char  *p,
                 gboolean    *trim_right,
                 const char **after,
                 GError     **error)
{
  for (;;)
    {
      if (*p == '\0')
        {
          g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                       /* TRANSLATORS: %u is a line number */
                       _("The “{{” on line %u is never closed by “}}”."),
                       line_of (text, open));
          return NULL;
        }

      if (p[0] == '}' && p[1] == '}')
        {
          *trim_right = FALSE;
          *after = p + 2;
          return p;
        }

      if (is_space (p[0]) && p[1] == '-' && p[2] == '}' && p[3] == '}')
        {
          *trim_right = TRUE;
          *after = p + 4;
          return p;
        }

      if (*p == '"' || *p == '\'' || *p == '`')
        {
          char quote = *p;
          const char *q = p + 1;

          /* A raw string may hold line breaks; the others end on their line. */
          while (*q != '\0' && *q != quote && (quote == '`' || *q != '\n'))
            {
              if (quote != '`' && *q == '\\' && q[1] != '\0' && q[1] != '\n')
                q++;
              q++;
            }
          if (*q != quote)
            {
              g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                           /* TRANSLATORS: %u is a line number */
                           _("The string that starts on line %u of the template never ends."),
                           line_of (text, p));
              return NULL;
            }
          p = q + 1;
          continue;
        }

      p++;
    }
}

static char *
expand (const char                *text,
        const BylineTemplateVars  *vars,
        gboolean                   yaml_quote,
        GError                   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Expansion self = { vars, NULL, yaml_quote };
  const char *p = text;
  gboolean trim_next = FALSE;
  char *result = NULL;

  g_assert (text != NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                           _("The template is not UTF-8 text."));
      return NULL;
    }

  for (;;)
    {
      const char *open = strstr (p, "{{");
      const char *text_end = open != NULL ? open : p + strlen (p);
      const char *q;
      const char *end;
      const char *after = NULL;
      gboolean trim_left = FALSE;
      gboolean trim_right = FALSE;

      /* The text before the action, trimmed as the markers around it say. */
      if (trim_next)
        while (p < text_end && is_space (*p))
          p++;
      q = open != NULL ? open + 2 : NULL;
      if (q != NULL && q[0] == '-' && is_space (q[1]))
        {
          trim_left = TRUE;
          q += 2;
        }
      if (trim_left)
        while (text_end > p && is_space (text_end[-1]))
          text_end--;
      g_string_append_len (out, p, text_end - p);

      if (open == NULL)
        break;

      if (q[0] == '/' && q[1] == '*')
        {
          /* A comment: the whole action, which may span lines. */
          const char *close = strstr (q + 2, "*/");

          if (close == NULL)
            {
              g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                           /* TRANSLATORS: %u is a line number; keep the template syntax */
                           _("The comment “{{/*” on line %u is never closed by “*/}}”."),
                           line_of (text, open));
              goto done;
            }
          close += 2;
          if (close[0] == '}' && close[1] == '}')
            after = close + 2;
          else if (is_space (close[0]) && close[1] == '-' && close[2] == '}' && close[3] == '}')
            {
              trim_right = TRUE;
              after = close + 4;
            }
          else
            {
              g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                           /* TRANSLATORS: %u is a line number; keep the template syntax */
                           _("The comment on line %u of the template must end with “*/}}”."),
                           line_of (text, open));
              goto done;
            }
        }
      else
        {
          g_autofree char *value = NULL;
          g_autofree char *quoted = NULL;

          end = find_action_end (text, open, q, &trim_right, &after, error);
          if (end == NULL)
            goto done;

          switch (expansion_eval (&self, q, end, &value))
            {
            case EVAL_OK:
              if (self.yaml_quote)
                append_yaml_quoted (out, value);
              else
                g_string_append (out, value);
              break;

            case EVAL_EMPTY:
              g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_INVALID,
                           /* TRANSLATORS: %u is a line number */
                           _("The template has an empty action “{{ }}” on line %u."),
                           line_of (text, open));
              goto done;

            case EVAL_UNSUPPORTED:
            default:
              quoted = quote_action (open, after);
              g_set_error (error, BYLINE_TEMPLATE_ERROR, BYLINE_TEMPLATE_ERROR_UNSUPPORTED,
                           /* TRANSLATORS: the first %s is a template action such as
                            * “{{ .Site.Title }}”, %u a line number */
                           _("The template uses %s on line %u, which Byline can’t fill in."),
                           quoted, line_of (text, open));
              goto done;
            }
        }

      trim_next = trim_right;
      p = after;
    }

  result = g_string_free (g_steal_pointer (&out), FALSE);

done:
  g_free (self.date);
  return result;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

const char *
byline_template_get_builtin (void)
{
  return builtin_template;
}

/* The built-in template's values sit inside a double-quoted YAML scalar
 * (the title) or are plain dates: they are escaped for YAML's double quotes,
 * so that any name gives valid YAML. An archetype is filled in as Hugo does
 * it, with the values as they are. */
char *
byline_template_expand (const char                *text,
                        const BylineTemplateVars  *vars,
                        GError                   **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return expand (text, vars, strcmp (text, builtin_template) == 0, error);
}

char *
byline_template_name_for (GFile *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_strdup ("");

  stem = g_strdup (basename);
  dot = strrchr (stem, '.');
  if (dot != NULL)
    *dot = '\0';

  /* A page bundle: the folder's name. */
  if (byline_site_is_page_bundle (file))
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autoptr(GFile) grandparent = parent != NULL ? g_file_get_parent (parent) : NULL;

      g_clear_pointer (&stem, g_free);
      if (grandparent != NULL)
        {
          g_autofree char *folder = g_file_get_basename (parent);
          stem = g_steal_pointer (&folder);
        }
      else
        stem = g_strdup ("");
    }

  /* File names are bytes; the template wants UTF-8. */
  {
    char *utf8 = g_filename_to_utf8 (stem, -1, NULL, NULL, NULL);

    if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
      {
        g_free (utf8);
        utf8 = g_filename_display_name (stem);
      }
    return utf8;
  }
}

char *
byline_template_file_name_for (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *slug;

  g_return_val_if_fail (title != NULL, NULL);

  ascii = g_str_to_ascii (title, NULL);
  slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "post");
  g_string_append (slug, ".md");

  return g_string_free (slug, FALSE);
}

char *
byline_template_jekyll_file_name_for (const char *title,
                                      GDateTime  *date)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  name = byline_template_file_name_for (title);
  day = g_date_time_format (date, "%Y-%m-%d");
  return g_strconcat (day, "-", name, NULL);
}

/* byline_template_find_archetype(), also giving the site's root. */
static GFile *
find_archetype (GFile         *file,
                char         **section_out,
                GFile        **root_out,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) root = NULL;
  g_autoptr(BylineSiteConfig) config = NULL;
  g_autoptr(GFile) candidate = NULL;
  g_autofree char *first = NULL;     /* the section as a file name */
  g_autofree char *section = NULL;
  gboolean is_site = FALSE;

  g_assert (G_IS_FILE (file));

  if (section_out != NULL)
    *section_out = NULL;
  if (root_out != NULL)
    *root_out = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  root = byline_site_find_root (file, &is_site, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!is_site)
    {
      if (section_out != NULL)
        *section_out = g_strdup ("");
      return NULL;
    }

  /* The site's configuration says where the content and the archetypes
   * are (contentDir, archetypeDir, the themes' archetypes/). */
  config = byline_site_config_new (root, cancellable);
  if (byline_site_config_get_kind (config) == BYLINE_SITE_KIND_HUGO)
    first = byline_site_config_dup_section (config, file);
  if (first != NULL && first[0] != '\0')
    {
      section = g_filename_to_utf8 (first, -1, NULL, NULL, NULL);
      if (section == NULL)
        section = g_filename_display_name (first);
    }
  else
    section = g_strdup ("");

  /* Hugo's order: SECTION.md in the site's archetypes, then in the
   * themes', then default.md in the same order. */
  candidate = byline_site_config_find_archetype (config, first, cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (section_out != NULL)
    *section_out = g_steal_pointer (&section);
  if (root_out != NULL)
    *root_out = g_steal_pointer (&root);
  return g_steal_pointer (&candidate);
}

GFile *
byline_template_find_archetype (GFile         *file,
                                char         **section,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_archetype (file, section, NULL, cancellable, error);
}

/* How messages name an archetype: its path in the site ("archetypes/default.md"). */
static char *
archetype_display_name (GFile *archetype,
                        GFile *root)
{
  g_autofree char *relative = root != NULL ? g_file_get_relative_path (root, archetype) : NULL;

  if (relative != NULL)
    return g_filename_display_name (relative);
  else
    {
      g_autofree char *parse = g_file_get_parse_name (archetype);
      return g_filename_display_name (parse);
    }
}

char *
byline_template_new_post (GFile         *file,
                          const char    *name,
                          GFile        **archetype_out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) archetype = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *section = NULL;
  g_autofree char *own_name = NULL;
  g_autofree char *display = NULL;
  g_autofree char *template = NULL;
  BylineTemplateVars vars = { 0 };
  char *text;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (archetype_out != NULL)
    *archetype_out = NULL;

  if (name == NULL)
    name = own_name = byline_template_name_for (file);

  archetype = find_archetype (file, &section, &root, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  now = g_date_time_new_now_local ();
  vars.name = name;
  vars.section = section;
  vars.date = now;

  if (archetype == NULL)
    return expand (builtin_template, &vars, TRUE, error);

  display = archetype_display_name (archetype, root);

  bytes = byline_post_load (archetype, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, "%s: ", display);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &len);
  if (!byline_text_validate (data != NULL ? data : "", len, &local_error))
    {
      g_prefix_error (&local_error, "%s: ", display);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  template = g_strndup (data != NULL ? data : "", len);
  text = expand (template, &vars, FALSE, &local_error);
  if (text == NULL)
    {
      g_prefix_error (&local_error, "%s: ", display);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (archetype_out != NULL)
    *archetype_out = g_steal_pointer (&archetype);
  return text;
}

typedef struct
{
  GFile *file;
  char  *name;
} NewPostData;

typedef struct
{
  char  *text;
  GFile *archetype;
} NewPostResult;

static void
new_post_data_free (NewPostData *data)
{
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data);
}

static void
new_post_result_free (NewPostResult *result)
{
  g_free (result->text);
  g_clear_object (&result->archetype);
  g_free (result);
}

static void
new_post_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  NewPostData *data = task_data;
  NewPostResult *result;
  GError *error = NULL;
  GFile *archetype = NULL;
  char *text;

  g_assert (data != NULL);
  g_assert (G_IS_FILE (data->file));

  text = byline_template_new_post (data->file, data->name, &archetype, cancellable, &error);
  if (text == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = g_new0 (NewPostResult, 1);
  result->text = text;
  result->archetype = archetype;
  g_task_return_pointer (task, result, (GDestroyNotify) new_post_result_free);
}

void
byline_template_new_post_async (GFile               *file,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NewPostData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (NewPostData, 1);
  data->file = g_object_ref (file);
  data->name = g_strdup (name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_template_new_post_async);
  g_task_set_name (task, "[byline] new post");
  g_task_set_task_data (task, data, (GDestroyNotify) new_post_data_free);
  g_task_run_in_thread (task, new_post_thread);
}

char *
byline_template_new_post_finish (GAsyncResult  *result,
                                 GFile        **archetype,
                                 GError       **error)
{
  NewPostResult *value;
  char *text;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_template_new_post_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (archetype != NULL)
    *archetype = NULL;

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;

  text = g_steal_pointer (&value->text);
  if (archetype != NULL)
    *archetype = g_steal_pointer (&value->archetype);
  new_post_result_free (value);
  return text;
}
