/* byline-markdown.c: Markdown to HTML with cmark-gfm, block by block
 *
 * The body is parsed once with the GFM extensions; each top-level node is
 * rendered on its own, so the preview can compare two renderings block by
 * block and swap only what changed. Source positions are made relative to
 * the block's first line so that a block's HTML stays the same when lines
 * are added above it.
 *
 * Hugo shortcodes and math are protected from Markdown by a pre-pass: each
 * one (outside code) is replaced by a token, private-use characters around
 * a number, that cmark passes through as text; after rendering, each token
 * becomes its placeholder (a figure as its image and caption, a video as a
 * link, other shortcodes as a labelled pill, math as <code class="bl-math">).
 * Which lines are code is not guessed: it comes from a first cmark parse,
 * done only when the body holds "{{<", "{{%" or (with math) '$'. The pre-pass
 * keeps every newline, so source lines are unchanged.
 *
 * While typing, byline_render_new_from() re-parses only the lines around
 * what changed since the last rendering and shares its other blocks (see
 * render_changed() for why that gives the same result); the pre-pass still
 * reads the whole text, which is cheap, and its tokens are named after
 * their source text so that unchanged lines pre-pass to the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-markdown"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-core-resources.h"
#include "byline-markdown.h"

/* The token that stands for a shortcode or math: U+E000 N U+E001, N a hash
 * of its source text (so a token reads the same wherever it is: text that
 * did not change pre-passes to the same bytes, which the incremental render
 * relies on). */
#define TOKEN_OPEN      "\xee\x80\x80"
#define TOKEN_CLOSE     "\xee\x80\x81"
/* Fills the lines a token stands for, so that they are not blank. */
#define TOKEN_FILL      "\xee\x80\x82"
#define TOKEN_OPEN_PCT  "%EE%80%80"
#define TOKEN_CLOSE_PCT "%EE%80%81"

#define CORE_RESOURCE_PATH "/io/github/byline/Byline/core/"

/* How far a shortcode or display math may run past its first line. */
#define MAX_SPAN_LINES 50

typedef struct {
  char     *source;   /* the text as written, e.g. {{< youtube abc >}} */
  char     *html;     /* its placeholder in text */
  char     *plain;    /* its text in an attribute (alt, title): escaped */
  char     *code;     /* its text inside code: the source, escaped */
} Token;

typedef struct {
  char  *html;          /* GRefString: shared with the render it was reused from */
  guint  start_line;    /* the lines the block is said to hold, in order */
  guint  end_line;
  int    raw_start;     /* cmark's first and last line (0: none given) */
  int    raw_end;
  char  *heading;       /* GRefString "LEVEL\tTEXT" of a heading, or NULL */
  char  *heading_id;    /* GRefString, or NULL */
  guint  has_code : 1;  /* fenced code with a language */
} Block;

struct _BylineRender
{
  gatomicrefcount      ref_count;
  BylineMarkdownFlags  flags;
  GArray              *blocks;       /* of Block */
  char                *footnotes;
  char                *toc;
  char                *static_uri;
  char                *text;         /* the body as given */
  gsize                text_len;
  char                *parsed;       /* the text cmark parsed (after the pre-pass; may be @text) */
  gsize                parsed_len;
  guint                n_parsed_lines;
  guint                n_lines;
  guint                n_words;
  guint                has_math : 1;
  guint                has_code : 1;
  /* No footnotes, link reference definitions or token collisions: every
   * block depends on its own lines only, and a later render may re-parse
   * just the lines that changed (byline_render_new_from()). */
  guint                local : 1;
};

G_DEFINE_BOXED_TYPE (BylineRender, byline_render, byline_render_ref, byline_render_unref)

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */
/* ------------------------------------------------------------------------ */

static const char * const extension_names[] = {
  "table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

static gpointer
ensure_extensions_once (gpointer data)
{
  cmark_gfm_core_extensions_ensure_registered ();
  return NULL;
}

static cmark_parser *
parser_new (int options)
{
  static GOnce once = G_ONCE_INIT;
  cmark_parser *parser;

  g_once (&once, ensure_extensions_once, NULL);

  parser = cmark_parser_new (options);
  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      g_assert (ext != NULL);
      cmark_parser_attach_syntax_extension (parser, ext);
    }

  return parser;
}

static int
cmark_options (BylineMarkdownFlags flags)
{
  int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;

  if (flags & BYLINE_MARKDOWN_SMART)
    options |= CMARK_OPT_SMART;
  if (flags & BYLINE_MARKDOWN_RAW_HTML)
    options |= CMARK_OPT_UNSAFE;
  if (flags & BYLINE_MARKDOWN_SOURCEPOS)
    options |= CMARK_OPT_SOURCEPOS;

  return options;
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  const char *p = text;
  const char *end;

  if (text == NULL)
    return;
  end = text + (len < 0 ? (gssize) strlen (text) : len);

  for (; p < end; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

/* Appends @url for an src or href attribute: site-root paths go to
 * @static_uri when given; the result is escaped for the attribute. */
static void
append_url (GString    *out,
            const char *url,
            const char *static_uri)
{
  if (static_uri != NULL && url[0] == '/' && url[1] != '/')
    {
      append_escaped (out, static_uri, -1);
      append_escaped (out, url + 1, -1);
    }
  else
    append_escaped (out, url, -1);
}

/* @needle in @len bytes of @text (g_strstr_len() compares at every byte:
 * this skips to the needle's rarer characters with memchr). */
static const char *
find_bytes (const char *text,
            gsize       len,
            const char *needle)
{
  gsize n = strlen (needle);
  const char *end = text + len;
  const char *p = text;

  g_assert (n > 0);
  while ((gsize) (end - p) >= n && (p = memchr (p, needle[0], end - p - n + 1)) != NULL)
    {
      if (memcmp (p, needle, n) == 0)
        return p;
      p++;
    }
  return NULL;
}

static gboolean
is_blank_line (const char *line,
               const char *end)
{
  for (; line < end && *line != '\n'; line++)
    if (*line != ' ' && *line != '\t' && *line != '\r')
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Shortcodes                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  char       *name;        /* "figure", or "/notice" for a closing one */
  GPtrArray  *positional;  /* of char* */
  GHashTable *named;       /* char* → char* */
  gboolean    markdown;    /* {{% %}} rather than {{< >}} */
} Shortcode;

static void
shortcode_clear (Shortcode *sc)
{
  g_clear_pointer (&sc->name, g_free);
  g_clear_pointer (&sc->positional, g_ptr_array_unref);
  g_clear_pointer (&sc->named, g_hash_table_unref);
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* Reads one argument value: "…" (with \" escapes), '…', `…` or a bare word. */
static const char *
read_value (const char  *p,
            const char  *end,
            char       **value)
{
  GString *s = g_string_new (NULL);

  if (p < end && (*p == '"' || *p == '\'' || *p == '`'))
    {
      char quote = *p++;

      while (p < end && *p != quote)
        {
          if (quote == '"' && *p == '\\' && p + 1 < end)
            p++;
          g_string_append_c (s, *p++);
        }
      if (p < end)
        p++;
    }
  else
    {
      while (p < end && !g_ascii_isspace (*p) && *p != '=')
        g_string_append_c (s, *p++);
    }

  *value = g_string_free (s, FALSE);
  return p;
}

/* Parses the inside of {{< … >}} (delimiters excluded). */
static gboolean
shortcode_parse (const char *inner,
                 gsize       len,
                 gboolean    markdown,
                 Shortcode  *sc)
{
  const char *p = inner;
  const char *end = inner + len;
  const char *name_start;

  memset (sc, 0, sizeof *sc);
  sc->markdown = markdown;
  sc->positional = g_ptr_array_new_with_free_func (g_free);
  sc->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (end > p && end[-1] == '/')   /* self-closing {{< x />}} */
    end--;

  p = skip_space (p, end);
  name_start = p;
  if (p < end && *p == '/')
    p++;
  while (p < end && !g_ascii_isspace (*p))
    p++;
  if (p == name_start)
    return FALSE;
  sc->name = g_strndup (name_start, p - name_start);

  while ((p = skip_space (p, end)) < end)
    {
      char *first = NULL;

      p = read_value (p, end, &first);
      if (p < end && *p == '=')
        {
          char *value = NULL;

          p = read_value (p + 1, end, &value);
          g_hash_table_replace (sc->named, first, value);
        }
      else if (first[0] != '\0' || p < end)
        g_ptr_array_add (sc->positional, first);
      else
        g_free (first);

      if (p < end && *p == '=')   /* stray '=' */
        p++;
    }

  return TRUE;
}

/* Named argument @key, else positional argument @pos (-1: none). */
static const char *
shortcode_arg (Shortcode  *sc,
               const char *key,
               int         pos)
{
  const char *value = key ? g_hash_table_lookup (sc->named, key) : NULL;

  if (value == NULL && pos >= 0 && (guint) pos < sc->positional->len)
    value = g_ptr_array_index (sc->positional, pos);
  return value;
}

/* Inline Markdown (a figure's caption) to HTML, without the paragraph. */
static char *
render_inline_markdown (const char          *text,
                        BylineMarkdownFlags  flags)
{
  cmark_parser *parser = parser_new (cmark_options (flags & BYLINE_MARKDOWN_SMART));
  cmark_node *doc;
  char *html;
  char *result;
  gsize len;

  cmark_parser_feed (parser, text, strlen (text));
  doc = cmark_parser_finish (parser);
  html = cmark_render_html (doc, cmark_options (flags & BYLINE_MARKDOWN_SMART),
                            cmark_parser_get_syntax_extensions (parser));
  len = strlen (html);
  while (len > 0 && html[len - 1] == '\n')
    len--;
  if (len >= 7 && g_str_has_prefix (html, "<p>") && strncmp (html + len - 4, "</p>", 4) == 0)
    result = g_strndup (html + 3, len - 7);
  else
    result = g_strndup (html, len);

  free (html);
  cmark_node_free (doc);
  cmark_parser_free (parser);
  return result;
}

static void
append_embed (GString    *out,
              const char *kind,
              const char *label,
              const char *url,
              const char *text)
{
  g_string_append_printf (out, "<span class=\"bl-embed\" data-kind=\"%s\">"
                               "<span class=\"bl-embed-icon\" aria-hidden=\"true\">▶</span> "
                               "<span class=\"bl-embed-label\">", kind);
  append_escaped (out, label, -1);
  g_string_append (out, "</span> ");
  if (url != NULL)
    {
      g_string_append (out, "<a href=\"");
      append_escaped (out, url, -1);
      g_string_append (out, "\">");
      append_escaped (out, text ? text : url, -1);
      g_string_append (out, "</a>");
    }
  else if (text != NULL)
    append_escaped (out, text, -1);
  g_string_append (out, "</span>");
}

/* The placeholder of a shortcode, as HTML to put where it stood. */
static char *
shortcode_to_html (Shortcode           *sc,
                   const char          *source,
                   BylineMarkdownFlags  flags,
                   const char          *static_uri)
{
  GString *out = g_string_new (NULL);
  const char *name = sc->name;

  if (g_str_equal (name, "figure") || g_str_equal (name, "img") || g_str_equal (name, "image"))
    {
      const char *src = shortcode_arg (sc, "src", 0);
      const char *alt = shortcode_arg (sc, "alt", -1);
      const char *caption = shortcode_arg (sc, "caption", -1);
      const char *title = shortcode_arg (sc, "title", -1);
      const char *link = shortcode_arg (sc, "link", -1);

      g_string_append (out, "<span class=\"bl-figure\">");
      if (link != NULL)
        {
          g_string_append (out, "<a href=\"");
          append_escaped (out, link, -1);
          g_string_append (out, "\">");
        }
      if (src != NULL)
        {
          g_string_append (out, "<img src=\"");
          append_url (out, src, static_uri);
          g_string_append (out, "\"");
          if (static_uri != NULL && src[0] == '/' && src[1] != '/')
            {
              g_string_append (out, " data-bl-src=\"");
              append_escaped (out, src, -1);
              g_string_append (out, "\"");
            }
          g_string_append (out, " alt=\"");
          append_escaped (out, alt ? alt : (caption ? caption : ""), -1);
          g_string_append (out, "\" />");
        }
      if (link != NULL)
        g_string_append (out, "</a>");
      if (title != NULL || caption != NULL)
        {
          g_string_append (out, "<span class=\"bl-caption\">");
          if (title != NULL)
            {
              g_string_append (out, "<strong>");
              append_escaped (out, title, -1);
              g_string_append (out, "</strong>");
              if (caption != NULL)
                g_string_append_c (out, ' ');
            }
          if (caption != NULL)
            {
              g_autofree char *html = render_inline_markdown (caption, flags);
              g_string_append (out, html);
            }
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</span>");
    }
  else if (g_str_equal (name, "youtube"))
    {
      const char *id = shortcode_arg (sc, "id", 0);
      g_autofree char *url = id ? g_strdup_printf ("https://www.youtube.com/watch?v=%s", id) : NULL;

      append_embed (out, "youtube", _("YouTube video"), url,
                    shortcode_arg (sc, "title", -1) ? shortcode_arg (sc, "title", -1) : id);
    }
  else if (g_str_equal (name, "vimeo"))
    {
      const char *id = shortcode_arg (sc, "id", 0);
      g_autofree char *url = id ? g_strdup_printf ("https://vimeo.com/%s", id) : NULL;

      append_embed (out, "vimeo", _("Vimeo video"), url,
                    shortcode_arg (sc, "title", -1) ? shortcode_arg (sc, "title", -1) : id);
    }
  else if (g_str_equal (name, "tweet") || g_str_equal (name, "twitter") || g_str_equal (name, "x"))
    {
      const char *user = shortcode_arg (sc, "user", 0);
      const char *id = shortcode_arg (sc, "id", user && sc->positional->len > 1 ? 1 : 0);
      g_autofree char *url = NULL;

      if (id != NULL)
        url = g_strdup_printf ("https://x.com/%s/status/%s",
                               user && user != id ? user : "i", id);
      append_embed (out, "x", _("Post on X"), url, NULL);
    }
  else if (g_str_equal (name, "instagram"))
    {
      const char *id = shortcode_arg (sc, "id", 0);
      g_autofree char *url = id ? g_strdup_printf ("https://www.instagram.com/p/%s/", id) : NULL;

      append_embed (out, "instagram", _("Instagram post"), url, NULL);
    }
  else if (g_str_equal (name, "gist"))
    {
      const char *user = shortcode_arg (sc, "user", 0);
      const char *id = shortcode_arg (sc, "id", 1);
      g_autofree char *url = NULL;

      if (user != NULL && id != NULL)
        url = g_strdup_printf ("https://gist.github.com/%s/%s", user, id);
      append_embed (out, "gist", _("GitHub gist"), url, NULL);
    }
  else
    {
      /* Any other shortcode: a labelled pill with its arguments, so the
       * reader sees that something goes here. */
      const char *args = source;
      gsize args_len;

      /* Show what follows the name, delimiters off. */
      args = strstr (source, sc->name);
      args = args ? args + strlen (sc->name) : source + strlen (source);
      args_len = strlen (args);
      if (args_len >= 3)
        args_len -= 3;
      while (args_len > 0 && g_ascii_isspace (*args))
        args++, args_len--;
      while (args_len > 0 && (g_ascii_isspace (args[args_len - 1]) || args[args_len - 1] == '/'))
        args_len--;

      g_string_append_printf (out, "<span class=\"bl-shortcode\" title=\"%s\">"
                                   "<span class=\"bl-shortcode-name\">",
                              _("Hugo shortcode"));
      append_escaped (out, name, -1);
      g_string_append (out, "</span>");
      if (args_len > 0)
        {
          g_string_append (out, " <span class=\"bl-shortcode-args\">");
          append_escaped (out, args, args_len);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</span>");
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The pre-pass                                                              */
/* ------------------------------------------------------------------------ */

typedef struct {
  GArray     *list;        /* of Token */
  GHashTable *index;       /* token number → position in list + 1 */
  gboolean    collision;   /* two sources hashed alike: numbers depend on order */
} Tokens;

typedef struct {
  const char          *text;
  gsize                len;
  BylineMarkdownFlags  flags;
  const char          *static_uri;
  GString             *out;
  Tokens               tokens;
  gboolean             has_math;
} Prepass;

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->source);
  g_free (token->html);
  g_free (token->plain);
  g_free (token->code);
}

static void
tokens_init (Tokens *tokens)
{
  tokens->list = g_array_new (FALSE, FALSE, sizeof (Token));
  g_array_set_clear_func (tokens->list, token_clear);
  tokens->index = g_hash_table_new (g_direct_hash, g_direct_equal);
  tokens->collision = FALSE;
}

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->list, g_array_unref);
  g_clear_pointer (&tokens->index, g_hash_table_unref);
}

/* FNV-1a, 64 bits (folded into a gsize). */
static gsize
token_hash (const char *source,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) source[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  if (sizeof (gsize) < 8)
    h ^= h >> 32;
  return (gsize) h;
}

/* The token for @source: the same source text gives the same token (its
 * placeholder depends only on it, the flags and the static folder). */
static Token *
prepass_add_token (Prepass    *pp,
                   const char *source,
                   gsize       source_len,
                   char       *html,   /* (transfer full) */
                   const char *plain)
{
  gsize number = token_hash (source, source_len);
  Token *token = NULL;
  gpointer found;

  while ((found = g_hash_table_lookup (pp->tokens.index, GSIZE_TO_POINTER (number))) != NULL)
    {
      token = &g_array_index (pp->tokens.list, Token, GPOINTER_TO_UINT (found) - 1);
      if (strlen (token->source) == source_len && memcmp (token->source, source, source_len) == 0)
        break;
      token = NULL;
      number++;
      pp->tokens.collision = TRUE;
    }

  if (token != NULL)
    g_free (html);
  else
    {
      Token new_token;
      GString *escaped = g_string_new (NULL);
      GString *code = g_string_new (NULL);

      append_escaped (escaped, plain, -1);
      append_escaped (code, source, source_len);
      new_token.source = g_strndup (source, source_len);
      new_token.html = html;
      new_token.plain = g_string_free (escaped, FALSE);
      new_token.code = g_string_free (code, FALSE);
      g_array_append_val (pp->tokens.list, new_token);
      g_hash_table_insert (pp->tokens.index, GSIZE_TO_POINTER (number),
                           GUINT_TO_POINTER (pp->tokens.list->len));
      token = &g_array_index (pp->tokens.list, Token, pp->tokens.list->len - 1);
    }

  g_string_append_printf (pp->out, TOKEN_OPEN "%" G_GSIZE_FORMAT TOKEN_CLOSE, number);
  /* Keep the line count: the newlines the token stands for follow it,
   * each line filled so that it does not end a paragraph. */
  for (gsize i = 0; i < source_len; i++)
    if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source_len || source[i + 1] != '\n')))
      g_string_append (pp->out, "\n" TOKEN_FILL);
  return token;
}

/* A fence line, ``` or ~~~ (after indentation or blockquote marks):
 * returns the fence character and sets @len to its length, else 0. */
static char
fence_at (const char *line,
          const char *end,
          gsize      *len)
{
  const char *p = line;
  const char *q;

  while (p < end && (*p == ' ' || *p == '\t' || *p == '>'))
    p++;
  if (p >= end || (*p != '`' && *p != '~'))
    return 0;
  for (q = p; q < end && *q == *p; q++)
    ;
  if (q - p < 3)
    return 0;
  *len = q - p;
  return *p;
}

/* Fenced code, followed line by line. */
typedef struct {
  char  ch;    /* the open fence's character; 0: none open */
  gsize len;   /* and its length */
} Fence;

typedef enum {
  FENCE_NONE,   /* not fenced code */
  FENCE_OPENS,  /* the line opens a fence */
  FENCE_IN,     /* inside one, its closing line included */
} FenceLine;

/* Where the line [@p, @line_end) stands, and @fence moved past it. */
static FenceLine
fence_line (Fence      *fence,
            const char *p,
            const char *line_end)
{
  gsize len = 0;
  char c = fence_at (p, line_end, &len);

  if (fence->ch != 0)
    {
      if (c == fence->ch && len >= fence->len && is_blank_line (p + strspn (p, " \t>") + len, line_end))
        fence->ch = 0;
      return FENCE_IN;
    }
  if (c != 0)
    {
      fence->ch = c;
      fence->len = len;
      return FENCE_OPENS;
    }
  return FENCE_NONE;
}

/* Finds @close from @p, on this line or the next few lines, not past a blank
 * line or a code fence. Returns a pointer just past it, or NULL. */
static const char *
find_close (Prepass    *pp,
            const char *p,
            const char *close)
{
  const char *end = pp->text + pp->len;
  gsize close_len = strlen (close);
  guint lines = 0;

  while (p < end)
    {
      if (*p == '\n')
        {
          gsize fence_len;

          if (++lines > MAX_SPAN_LINES || is_blank_line (p + 1, end) ||
              fence_at (p + 1, end, &fence_len) != 0)
            return NULL;
        }
      else if (*p == close[0] && (gsize) (end - p) >= close_len && memcmp (p, close, close_len) == 0)
        return p + close_len;
      p++;
    }
  return NULL;
}

/* The end of the code span whose opening backticks start at @q (on a line
 * ending at @line_end): after its closing run of as many backticks, or,
 * when there is none on the line, after the opening run (then plain
 * backticks). */
static const char *
code_span_end (const char *q,
               const char *line_end)
{
  const char *run_end = q;
  const char *close;
  gsize run;

  while (run_end < line_end && *run_end == '`')
    run_end++;
  run = run_end - q;
  close = run_end;
  while ((close = memchr (close, '`', line_end - close)) != NULL)
    {
      const char *ce = close;

      while (ce < line_end && *ce == '`')
        ce++;
      if ((gsize) (ce - close) == run)
        return close + run;
      close = ce;
    }
  return run_end;
}

/* {{< highlight LANG … >}} alone on its line, up to {{< /highlight >}} alone
 * on its line, becomes a fenced code block: Hugo shows it as code. Returns
 * the end of the closing line, or NULL when this is not that shape. */
static const char *
prepass_highlight (Prepass    *pp,
                   const char *line_start,
                   const char *line_end)
{
  const char *end = pp->text + pp->len;
  const char *p = skip_space (line_start, line_end);
  const char *close;
  const char *q;
  Shortcode sc;
  guint n_fence = 3;
  guint run = 0;
  gboolean ok;

  if (line_end - p < 6)
    return NULL;   /* (first: the text may end here, with no NUL) */
  if (!g_str_has_prefix (p, "{{<") && !g_str_has_prefix (p, "{{%"))
    return NULL;
  close = g_strstr_len (p + 3, line_end - p - 3, p[2] == '<' ? ">}}" : "%}}");
  if (close == NULL || !is_blank_line (close + 3, end))
    return NULL;
  ok = shortcode_parse (p + 3, close - p - 3, FALSE, &sc);
  if (!ok || !g_str_equal (sc.name, "highlight"))
    {
      shortcode_clear (&sc);
      return NULL;
    }

  /* Find the closing line; count the longest backtick run inside. */
  for (q = line_end; q < end; )
    {
      const char *next = memchr (q + 1, '\n', end - q - 1);
      const char *ls = q + 1;
      const char *le = next ? next : end;
      const char *t = skip_space (ls, le);

      if (ls >= end)
        break;
      run = 0;
      if ((g_str_has_prefix (t, "{{<") || g_str_has_prefix (t, "{{%")) &&
          strncmp (skip_space (t + 3, le), "/highlight", 10) == 0)
        {
          const char *lang = shortcode_arg (&sc, "lang", 0);

          for (guint i = 0; i < MAX (n_fence, run + 1); i++)
            g_string_append_c (pp->out, '`');
          if (lang != NULL)
            g_string_append (pp->out, lang);
          g_string_append_len (pp->out, line_end, ls - line_end);   /* "\n" + inner lines */
          for (guint i = 0; i < MAX (n_fence, run + 1); i++)
            g_string_append_c (pp->out, '`');
          shortcode_clear (&sc);
          return le;
        }
      for (const char *c = ls; c < le; c++)
        {
          run = *c == '`' ? run + 1 : 0;
          n_fence = MAX (n_fence, run + 1);
        }
      q = le;
      if (next == NULL)
        break;
    }

  shortcode_clear (&sc);
  return NULL;
}

/* Jekyll's link tags as a link's destination, "[T]({% post_url NAME %})"
 * and "[T]({% link PATH %})": the name or path itself, as Hugo's ref is
 * shown (the preview finds the post when it is clicked). @p is at "{%",
 * right after "]("; anything else is left as it is. */
static const char *
prepass_liquid_link (Prepass    *pp,
                     const char *p,
                     const char *line_end)
{
  const char *close = NULL;
  g_autofree char *inner = NULL;
  g_auto(GStrv) words = NULL;

  for (const char *c = p + 2; c + 1 < line_end; c++)
    if (c[0] == '%' && c[1] == '}')
      {
        close = c;
        break;
      }
  if (close != NULL)
    {
      inner = g_strstrip (g_strndup (p + 2, close - p - 2));
      words = g_strsplit_set (inner, " \t", -1);
    }
  if (words != NULL && g_strv_length (words) == 2 &&
      (g_str_equal (words[0], "post_url") || g_str_equal (words[0], "link")) &&
      words[1][0] != '\0' && strpbrk (words[1], "()<>\"'") == NULL)
    {
      g_string_append (pp->out, words[1]);
      return close + 2;
    }

  g_string_append_len (pp->out, p, 2);
  return p + 2;
}

/* One shortcode at @p ("{{<" or "{{%"). Returns where scanning goes on. */
static const char *
prepass_shortcode (Prepass    *pp,
                   const char *p)
{
  gboolean markdown = p[2] == '%';
  const char *after = find_close (pp, p + 3, markdown ? "%}}" : ">}}");
  const char *inner;
  gsize inner_len;
  Shortcode sc;

  if (after == NULL)
    {
      g_string_append_len (pp->out, p, 3);
      return p + 3;
    }

  inner = p + 3;
  inner_len = after - 3 - inner;

  /* {{</\* figure *\/>}} (a comment inside the delimiters): Hugo writes
   * the shortcode out as text. */
  {
    const char *a = skip_space (inner, inner + inner_len);
    const char *b = inner + inner_len;

    while (b > a && g_ascii_isspace (b[-1]))
      b--;
    if (b - a >= 4 && a[0] == '/' && a[1] == '*' && b[-2] == '*' && b[-1] == '/')
      {
        g_autofree char *content = g_strstrip (g_strndup (a + 2, b - a - 4));
        g_autofree char *shown = g_strdup_printf ("{{%c %s %c}}", markdown ? '%' : '<',
                                                  content, markdown ? '%' : '>');
        GString *html = g_string_new (NULL);
        Token *token;

        append_escaped (html, shown, -1);
        token = prepass_add_token (pp, p, after - p, g_string_free (html, FALSE), shown);
        g_free (token->code);
        token->code = g_strdup (token->html);
        return after;
      }
  }

  if (!shortcode_parse (inner, inner_len, markdown, &sc))
    {
      shortcode_clear (&sc);
      g_string_append_len (pp->out, p, 3);
      return p + 3;
    }

  if (g_str_equal (sc.name, "ref") || g_str_equal (sc.name, "relref"))
    {
      /* Used inside link targets: put the path itself there. */
      const char *path = shortcode_arg (&sc, "path", 0);

      if (path != NULL && strpbrk (path, "\r\n") == NULL)
        {
          /* a link destination holds no spaces or parentheses */
          for (const char *c = path; *c != '\0'; c++)
            {
              if (*c == ' ' || *c == '(' || *c == ')' || *c == '<' || *c == '>')
                g_string_append_printf (pp->out, "%%%02X", (guchar) *c);
              else
                g_string_append_c (pp->out, *c);
            }
          for (const char *c = p; c < after; c++)
            if (*c == '\n')
              g_string_append_c (pp->out, '\n');
          shortcode_clear (&sc);
          return after;
        }
    }

  {
    g_autofree char *source = g_strndup (p, after - p);
    char *html = shortcode_to_html (&sc, source, pp->flags, pp->static_uri);

    prepass_add_token (pp, p, after - p, html, source);
  }
  shortcode_clear (&sc);
  return after;
}

static char *
math_html (const char *tex,
           gsize       len,
           gboolean    display)
{
  GString *html = g_string_new (display ? "<code class=\"bl-math bl-math-display\">"
                                        : "<code class=\"bl-math\">");

  append_escaped (html, tex, len);
  g_string_append (html, "</code>");
  return g_string_free (html, FALSE);
}

/* Math at @p ('$'). Returns where scanning goes on. */
static const char *
prepass_math (Prepass    *pp,
              const char *p,
              const char *line_end)
{
  const char *end = pp->text + pp->len;

  if (p + 1 < end && p[1] == '$')
    {
      const char *after = find_close (pp, p + 2, "$$");

      if (after != NULL && after - p > 4)
        {
          g_autofree char *source = g_strndup (p, after - p);

          prepass_add_token (pp, p, after - p, math_html (p + 2, after - p - 4, TRUE), source);
          pp->has_math = TRUE;
          return after;
        }
      g_string_append (pp->out, "$$");
      return p + 2;
    }

  /* Inline, as Pandoc reads it: "$" then a non-space; the closing "$" on
   * the same line, after a non-space, and not followed by a digit. */
  if (p + 1 < line_end && !g_ascii_isspace (p[1]))
    {
      for (const char *q = p + 1; q < line_end && *q != '`'; q++)
        {
          /* (Not into code: a backtick ends the search.) */
          if (*q == '\\' && q + 1 < line_end)
            {
              q++;
              continue;
            }
          if (*q == '$' && !g_ascii_isspace (q[-1]) && q > p + 1 &&
              !(q + 1 < line_end && g_ascii_isdigit (q[1])))
            {
              g_autofree char *source = g_strndup (p, q + 1 - p);

              prepass_add_token (pp, p, q + 1 - p, math_html (p + 1, q - p - 1, FALSE), source);
              pp->has_math = TRUE;
              return q + 1;
            }
        }
    }

  g_string_append_c (pp->out, '$');
  return p + 1;
}

/* Copies a line of fenced code: as written, except that Hugo's escaped
 * shortcodes, {{</\* x *\/>}}, show without their comment marks. */
static void
prepass_code_line (Prepass    *pp,
                   const char *q,
                   const char *line_end)
{
  while (q < line_end)
    {
      if (line_end - q >= 5 && q[0] == '{' && q[1] == '{' && (q[2] == '<' || q[2] == '%') &&
          q[3] == '/' && q[4] == '*')
        {
          g_string_append_len (pp->out, q, 3);
          q += 5;
        }
      else if (line_end - q >= 5 && q[0] == '*' && q[1] == '/' && (q[2] == '>' || q[2] == '%') &&
               q[3] == '}' && q[4] == '}')
        {
          g_string_append_len (pp->out, q + 2, 3);
          q += 5;
        }
      else
        {
          /* The run up to the next character that may start either. */
          const char *r = q + 1;

          while (r < line_end && *r != '{' && *r != '*')
            r++;
          g_string_append_len (pp->out, q, r - q);
          q = r;
        }
    }
}

/* Runs the pre-pass when the text needs it. Returns the text to parse (NULL:
 * the original will do).
 *
 * Code is left alone without parsing Markdown twice: fenced code is skipped
 * by following its fences, inline code spans by their backticks; a token
 * that still ends up in code (an indented code block) is turned back into
 * its source text by postprocess(). Tokens never run past a blank line or a
 * fence, so they can't change the block structure. */
static char *
prepass_run (Prepass *pp)
{
  const char *end = pp->text + pp->len;
  const char *p = pp->text;
  gboolean math = (pp->flags & BYLINE_MARKDOWN_MATH) != 0;
  Fence fence = { 0, 0 };
  gboolean stop[256] = { FALSE };   /* the characters the scan below looks at */

  stop['`'] = stop['\\'] = stop['{'] = TRUE;
  stop['$'] = math;

  if (find_bytes (pp->text, pp->len, TOKEN_OPEN) != NULL ||
      find_bytes (pp->text, pp->len, TOKEN_CLOSE) != NULL ||
      find_bytes (pp->text, pp->len, TOKEN_FILL) != NULL)
    return NULL;   /* the text holds our token characters: leave it alone */
  if (find_bytes (pp->text, pp->len, "{{<") == NULL &&
      find_bytes (pp->text, pp->len, "{{%") == NULL &&
      find_bytes (pp->text, pp->len, "]({%") == NULL &&
      !(math && memchr (pp->text, '$', pp->len) != NULL))
    return NULL;

  pp->out = g_string_sized_new (pp->len + 64);

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *after;
      FenceLine kind;

      if (line_end == NULL)
        line_end = end;

      kind = fence_line (&fence, p, line_end);
      if (kind == FENCE_IN)
        prepass_code_line (pp, p, line_end);
      else if (kind == FENCE_OPENS)
        g_string_append_len (pp->out, p, line_end - p);
      else if ((after = prepass_highlight (pp, p, line_end)) != NULL)
        {
          line_end = after;
        }
      else
        {
          const char *q = p;

          while (q < line_end)
            {
              if (*q == '`')
                {
                  /* An inline code span: left as it is. */
                  const char *run_end = code_span_end (q, line_end);

                  g_string_append_len (pp->out, q, run_end - q);
                  q = run_end;
                }
              else if (*q == '\\' && q + 1 < line_end)
                {
                  g_string_append_len (pp->out, q, 2);
                  q += 2;
                }
              else if (*q == '{' && line_end - q >= 3 && q[1] == '{' && (q[2] == '<' || q[2] == '%'))
                {
                  q = prepass_shortcode (pp, q);
                }
              else if (*q == '{' && line_end - q >= 2 && q[1] == '%' && pp->out->len >= 2 &&
                       memcmp (pp->out->str + pp->out->len - 2, "](", 2) == 0)
                {
                  q = prepass_liquid_link (pp, q, line_end);
                }
              else if (math && *q == '$')
                {
                  q = prepass_math (pp, q, line_end);
                }
              else
                {
                  /* The run up to the next character that needs a look. */
                  const char *r = q + 1;

                  while (r < line_end && !stop[(guchar) *r])
                    r++;
                  g_string_append_len (pp->out, q, r - q);
                  q = r;
                }

              /* A shortcode or math may run over lines. */
              if (q > line_end)
                {
                  line_end = memchr (q, '\n', end - q);
                  if (line_end == NULL)
                    line_end = end;
                }
            }
        }

      if (line_end < end)
        g_string_append_c (pp->out, '\n');
      p = line_end + 1;
    }

  return g_string_free (g_steal_pointer (&pp->out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Rendering blocks                                                          */
/* ------------------------------------------------------------------------ */

typedef struct {
  BylineMarkdownFlags  flags;
  const char          *static_uri;
  Tokens              *tokens;      /* or NULL: none */
  GHashTable          *slugs;       /* slug → count, for unique heading ids */
  GString             *toc;
} RenderCtx;

/* Parses "L:C-L:C" at @p; returns a pointer past it, or NULL. */
static const char *
parse_sourcepos (const char *p,
                 guint64     nums[4])
{
  char *endp;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (*p))
        return NULL;
      nums[i] = g_ascii_strtoull (p, &endp, 10);
      p = endp;
      if (i < 3)
        {
          if (*p != (i == 1 ? '-' : ':'))
            return NULL;
          p++;
        }
    }
  return p;
}

static void
append_uint (GString *out,
             guint64  n)
{
  char buf[24];
  int i = sizeof buf;

  do
    {
      buf[--i] = '0' + n % 10;
      n /= 10;
    }
  while (n > 0);
  g_string_append_len (out, buf + i, sizeof buf - i);
}

/* Reads a token number after TOKEN_OPEN (or its percent form); returns a
 * pointer past the close, or NULL. */
static const char *
parse_token (const char *p,
             const char *close,
             Tokens     *tokens,
             Token     **token)
{
  char *endp;
  guint64 n;
  gpointer found;

  if (tokens == NULL || !g_ascii_isdigit (*p))
    return NULL;
  n = g_ascii_strtoull (p, &endp, 10);
  if (!g_str_has_prefix (endp, close))
    return NULL;
  found = g_hash_table_lookup (tokens->index, GSIZE_TO_POINTER ((gsize) n));
  if (found == NULL)
    return NULL;
  *token = &g_array_index (tokens->list, Token, GPOINTER_TO_UINT (found) - 1);
  return endp + strlen (close);
}

/* Removes from @s the bytes that are not part of a whole UTF-8 character. */
static void
drop_invalid_utf8 (GString *s)
{
  gsize from = 0, to = 0;

  while (from < s->len)
    {
      const char *end = NULL;

      if (g_utf8_validate_len (s->str + from, s->len - from, &end))
        end = s->str + s->len;
      memmove (s->str + to, s->str + from, end - (s->str + from));
      to += end - (s->str + from);
      from = end - s->str;
      /* the bad lead byte, then any continuation bytes after it */
      if (from < s->len)
        {
          from++;
          while (from < s->len && ((guchar) s->str[from] & 0xC0) == 0x80)
            from++;
        }
    }
  g_string_truncate (s, to);
}

/* Rewrites cmark's HTML for one block: source positions made relative to
 * @base_line, site-root images pointed at the static folder, tokens replaced
 * by their placeholders, and @heading_id given to the first heading tag.
 * @line_offset: what to add to cmark's line numbers first (a parse that
 * started at line @line_offset + 1 of the body). */
static char *
postprocess (RenderCtx  *ctx,
             const char *html,
             guint       base_line,
             guint       line_offset,
             const char *heading_id)
{
  GString *out = g_string_sized_new (strlen (html) + 16);
  const char *p = html;
  gboolean in_tag = FALSE;
  guint in_code = 0;

  if (heading_id != NULL && html[0] == '<' && html[1] == 'h' && g_ascii_isdigit (html[2]))
    {
      g_string_append_len (out, html, 3);
      g_string_append (out, " id=\"");
      append_escaped (out, heading_id, -1);
      g_string_append_c (out, '"');
      p += 3;
      in_tag = TRUE;
    }

  while (*p != '\0')
    {
      /* Copy the run of bytes that need no attention: in text, only a tag
       * or a token; in a tag, its end, an attribute or a token. */
      const char *q = p;

      if (in_tag)
        while (*q != '\0' && *q != '>' && *q != '\xee' && *q != '%' && *q != 'd')
          q++;
      else
        while (*q != '\0' && *q != '<' && *q != '\xee')
          q++;
      g_string_append_len (out, p, q - p);
      p = q;
      if (*p == '\0')
        break;

      if (*p == '<')
        {
          in_tag = TRUE;
          if (strncmp (p, "<code", 5) == 0 && (p[5] == '>' || p[5] == ' '))
            in_code++;
          else if (strncmp (p, "</code>", 7) == 0 && in_code > 0)
            in_code--;
          if (ctx->static_uri != NULL && g_str_has_prefix (p, "<img src=\"/") && p[11] != '/')
            {
              const char *url = p + 10;
              const char *url_end = strchr (url, '"');

              if (url_end != NULL)
                {
                  g_string_append (out, "<img data-bl-src=\"");
                  g_string_append_len (out, url, url_end - url);
                  g_string_append (out, "\" src=\"");
                  append_escaped (out, ctx->static_uri, -1);
                  g_string_append_len (out, url + 1, url_end - url - 1);
                  p = url_end;
                  continue;
                }
            }
          g_string_append_c (out, *p++);
        }
      else if (*p == '>')
        {
          in_tag = FALSE;
          g_string_append_c (out, *p++);
        }
      else if (*p == 'd')
        {
          guint64 nums[4];
          const char *after;

          if ((base_line > 1 || line_offset > 0) && in_tag && g_str_has_prefix (p, "data-sourcepos=\"") &&
              (after = parse_sourcepos (p + 16, nums)) != NULL)
            {
              if (nums[0] > 0)
                nums[0] += line_offset;
              if (nums[2] > 0)
                nums[2] += line_offset;
              nums[0] -= MIN (nums[0], base_line - 1);
              nums[2] -= MIN (nums[2], base_line - 1);
              g_string_append (out, "data-sourcepos=\"");
              for (guint i = 0; i < 4; i++)
                {
                  append_uint (out, nums[i]);
                  if (i < 3)
                    g_string_append_c (out, i == 1 ? '-' : ':');
                }
              p = after;
            }
          else
            g_string_append_c (out, *p++);
        }
      else if (*p == '\xee')
        {
          Token *token = NULL;
          const char *after = NULL;

          if (g_str_has_prefix (p, TOKEN_OPEN))
            after = parse_token (p + strlen (TOKEN_OPEN), TOKEN_CLOSE, ctx->tokens, &token);
          if (after != NULL)
            {
              g_string_append (out, in_tag ? token->plain : in_code ? token->code : token->html);
              p = after;
            }
          else if (ctx->tokens != NULL && g_str_has_prefix (p, TOKEN_FILL))
            p += strlen (TOKEN_FILL);
          else if (ctx->tokens != NULL && g_str_has_prefix (p, TOKEN_OPEN))
            {
              /* Part of a token: cmark cut it (an unmatched footnote
               * reference's label over lines loses bytes). Not shown.
               * (With tokens, the text holds none of these characters.) */
              p += strlen (TOKEN_OPEN);
              while (g_ascii_isdigit (*p))
                p++;
            }
          else if (ctx->tokens != NULL && g_str_has_prefix (p, TOKEN_CLOSE))
            p += strlen (TOKEN_CLOSE);
          else
            g_string_append_c (out, *p++);
        }
      else /* '%' */
        {
          Token *token = NULL;
          const char *after = NULL;

          if (g_str_has_prefix (p, TOKEN_OPEN_PCT))
            after = parse_token (p + strlen (TOKEN_OPEN_PCT), TOKEN_CLOSE_PCT, ctx->tokens, &token);
          if (after != NULL)
            {
              g_string_append (out, token->plain);
              p = after;
            }
          else
            g_string_append_c (out, *p++);
        }
    }

  /* cmark-gfm can cut a character of a footnote reference's label that runs
   * over lines (a token's, or the text's own): what is left of it is not
   * shown, so that the page is valid UTF-8. */
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    drop_invalid_utf8 (out);

  return g_string_free (out, FALSE);
}

static void
collect_text (cmark_node *node,
              GString    *out)
{
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    {
      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, cmark_node_get_literal (child));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;
        default:
          collect_text (child, out);
          break;
        }
    }
}

/* Replaces tokens in a heading's text by their source. */
static char *
detokenize (const char *text,
            Tokens     *tokens)
{
  GString *out;
  const char *p = text;

  if (tokens == NULL || strstr (text, TOKEN_OPEN) == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  while (*p)
    {
      Token *token = NULL;
      const char *after = NULL;

      if (g_str_has_prefix (p, TOKEN_OPEN))
        after = parse_token (p + strlen (TOKEN_OPEN), TOKEN_CLOSE, tokens, &token);
      if (after != NULL)
        {
          g_string_append (out, token->source);
          p = after;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* collect_text() of @node, without what is left of a character cmark-gfm
 * cut (see postprocess()). */
static void
collect_valid_text (cmark_node *node,
                    GString    *out)
{
  collect_text (node, out);
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    drop_invalid_utf8 (out);
}

/* A heading's text, as the table of contents shows it. */
static char *
heading_plain (RenderCtx  *ctx,
               cmark_node *heading)
{
  g_autoptr(GString) text = g_string_new (NULL);

  collect_valid_text (heading, text);
  return detokenize (text->str, ctx->tokens);
}

/* A unique id for a heading, and its entry in the table of contents. */
static char *
heading_id (RenderCtx  *ctx,
            int         level,
            const char *plain)
{
  g_autofree char *slug = NULL;
  char *id;
  guint count;

  slug = byline_markdown_slugify (plain);
  if (slug[0] == '\0')
    {
      g_free (slug);
      slug = g_strdup ("section");
    }

  count = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->slugs, slug));
  id = count == 0 ? g_strdup (slug) : g_strdup_printf ("%s-%u", slug, count);
  g_hash_table_replace (ctx->slugs, g_strdup (slug), GUINT_TO_POINTER (count + 1));
  if (count > 0)
    g_hash_table_replace (ctx->slugs, g_strdup (id), GUINT_TO_POINTER (1));

  if (ctx->toc != NULL)
    {
      g_string_append_printf (ctx->toc, "%d\t", level);
      g_string_append (ctx->toc, id);
      g_string_append_c (ctx->toc, '\t');
      g_string_append (ctx->toc, plain);
      g_string_append_c (ctx->toc, '\n');
    }

  return id;
}

/* The flat list "level\tid\ttext\n…" as nested lists. */
static char *
build_toc (const char *entries)
{
  g_auto(GStrv) lines = g_strsplit (entries, "\n", -1);
  GString *out;
  int base = 7;
  int depth = 0;          /* open <ul> elements */
  gboolean li_open = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      base = MIN (base, lines[i][0] - '0');
  if (base == 7)
    return g_strdup ("");

  out = g_string_new (NULL);
  g_string_append_printf (out, "<nav class=\"bl-toc\" aria-label=\"%s\"><p class=\"bl-toc-title\">%s</p>",
                          _("Table of contents"), _("Contents"));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      int level;

      if (lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], "\t", 3);
      if (g_strv_length (parts) < 3)
        continue;
      level = parts[0][0] - '0' - base + 1;

      if (depth == 0)
        {
          g_string_append (out, "<ul>");
          depth = 1;
        }
      if (level > depth)
        {
          /* Deeper: open lists (inside an empty item for a skipped level). */
          while (depth < level)
            {
              g_string_append (out, li_open ? "<ul>" : "<li><ul>");
              li_open = FALSE;
              depth++;
            }
        }
      else if (li_open)
        {
          g_string_append (out, "</li>");
          while (depth > level)
            {
              g_string_append (out, "</ul></li>");
              depth--;
            }
        }

      g_string_append (out, "<li><a href=\"#");
      append_escaped (out, parts[1], -1);
      g_string_append (out, "\">");
      append_escaped (out, parts[2], -1);
      g_string_append (out, "</a>");
      li_open = TRUE;
    }

  if (li_open)
    g_string_append (out, "</li>");
  while (depth > 1)
    {
      g_string_append (out, "</ul></li>");
      depth--;
    }
  g_string_append (out, "</ul></nav>");

  return g_string_free (out, FALSE);
}

/* Words for the reading time and the word count: runs of characters
 * between white space that hold a letter or a digit (a list's "-", a
 * heading's "#" or a table's "|" standing apart are not words); each wide
 * character (CJK) is a word of its own. */
static guint
count_words (const char *text,
             gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean in_word = FALSE;
  gboolean has_alnum = FALSE;
  guint n = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isspace (*p))
            {
              n += in_word && has_alnum;
              in_word = has_alnum = FALSE;
            }
          else
            {
              in_word = TRUE;
              has_alnum = has_alnum || g_ascii_isalnum (*p);
            }
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      if (g_unichar_isspace (c))
        {
          n += in_word && has_alnum;
          in_word = has_alnum = FALSE;
        }
      else if (g_unichar_iswide (c))
        {
          n += in_word && has_alnum;
          n++;   /* CJK: a character reads like a word */
          in_word = has_alnum = FALSE;
        }
      else
        {
          in_word = TRUE;
          has_alnum = has_alnum || g_unichar_isalnum (c);
        }
      p = g_utf8_next_char (p);
    }

  return n + (in_word && has_alnum);
}

static gboolean
is_ascii_space (char c)
{
  return (guchar) c < 0x80 && g_ascii_isspace (c);
}

/* count_words() of @text, counting again only around what differs from
 * @base's text: the count restarts after any ASCII space, so the words
 * before a space in the common start and from a space in the common end
 * on are the same in both. */
static guint
count_words_from (BylineRender *base,
                  const char   *text,
                  gsize         len)
{
  const char *old = base->text;
  gsize old_len = base->text_len;
  gsize limit = MIN (len, old_len);
  gsize prefix = 0, suffix = 0;
  gsize start, end, old_end;

  while (prefix + 256 <= limit && memcmp (text + prefix, old + prefix, 256) == 0)
    prefix += 256;
  while (prefix < limit && text[prefix] == old[prefix])
    prefix++;
  while (suffix + 256 <= limit - prefix &&
         memcmp (text + len - suffix - 256, old + old_len - suffix - 256, 256) == 0)
    suffix += 256;
  while (suffix < limit - prefix && text[len - 1 - suffix] == old[old_len - 1 - suffix])
    suffix++;

  /* From just after a space (or the start) to a space (or the end). */
  start = prefix;
  while (start > 0 && !is_ascii_space (text[start - 1]))
    start--;
  end = len - suffix;
  while (end < len && !is_ascii_space (text[end]))
    end++;
  old_end = end - len + old_len;

  return base->n_words - count_words (old + start, old_end - start) + count_words (text + start, end - start);
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->html, g_ref_string_release);
  g_clear_pointer (&block->heading, g_ref_string_release);
  g_clear_pointer (&block->heading_id, g_ref_string_release);
}

/* A copy of @block sharing its strings, its lines moved by @shift. */
static Block
block_copy (const Block *block,
            int          shift)
{
  Block copy = *block;

  copy.html = g_ref_string_acquire (block->html);
  copy.heading = block->heading ? g_ref_string_acquire (block->heading) : NULL;
  copy.heading_id = block->heading_id ? g_ref_string_acquire (block->heading_id) : NULL;
  if (copy.raw_start > 0)
    copy.raw_start += shift;
  if (copy.raw_end > 0)
    copy.raw_end += shift;
  return copy;
}

/* Lines as cmark counts them: \n, \r\n and a lone \r end one. */
static guint
count_lines (const char *text,
             gsize       len)
{
  guint n = 1;

  if (memchr (text, '\r', len) == NULL)
    {
      const char *p = text;
      const char *end = text + len;

      while ((p = memchr (p, '\n', end - p)) != NULL)
        {
          n++;
          p++;
        }
      return n;
    }

  for (const char *p = text, *end = text + len; p < end; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n')))
      n++;
  return n;
}

/* The offset where each line starts (line N, 1-based, at [N - 1]); one more
 * entry holds @len. */
static GArray *
line_starts (const char *text,
             gsize       len)
{
  GArray *starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), len / 32 + 2);
  gsize zero = 0;

  g_array_append_val (starts, zero);
  if (memchr (text, '\r', len) == NULL)
    {
      const char *p = text;
      const char *end = text + len;
      const char *nl;

      while ((nl = memchr (p, '\n', end - p)) != NULL)
        {
          gsize next = nl + 1 - text;

          g_array_append_val (starts, next);
          p = nl + 1;
        }
    }
  else
    for (gsize i = 0; i < len; i++)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
        {
          gsize next = i + 1;

          g_array_append_val (starts, next);
        }
  g_array_append_val (starts, len);
  return starts;
}

/* The line (1-based) that byte @offset is on. */
static guint
line_of (GArray *starts,
         gsize   offset)
{
  guint lo = 0, hi = starts->len - 2;   /* the last entry is the length */

  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (g_array_index (starts, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo + 1;
}

static gboolean
line_is_blank (const char *text,
               GArray     *starts,
               guint       line)
{
  gsize from = g_array_index (starts, gsize, line - 1);
  gsize to = g_array_index (starts, gsize, line);

  for (gsize i = from; i < to; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return FALSE;
  return TRUE;
}

/* One top-level node rendered. @line_offset: as for postprocess(). @id:
 * the heading's id (NULL: not a heading); @heading (transfer full). */
static void
block_render (RenderCtx   *ctx,
              cmark_node  *child,
              int          options,
              cmark_llist *extensions,
              guint        line_offset,
              const char  *id,
              char        *heading,
              Block       *block)
{
  int start = MAX (cmark_node_get_start_line (child), 0);
  int end = cmark_node_get_end_line (child);
  char *html;
  char *done;

  if (start > 0)
    start += line_offset;
  if (end > 0)
    end += line_offset;
  end = MAX (end, start);
  /* A list "ends" at column 0 of the line after it: it ends before. */
  if (cmark_node_get_end_column (child) == 0 && end > start)
    end--;

  memset (block, 0, sizeof *block);
  block->raw_start = start;
  block->raw_end = end;

  if (cmark_node_get_type (child) == CMARK_NODE_CODE_BLOCK)
    {
      const char *info = cmark_node_get_fence_info (child);

      block->has_code = info != NULL && info[0] != '\0';
    }

  html = cmark_render_html (child, options, extensions);
  done = postprocess (ctx, html, MAX (start, 1), line_offset, id);
  free (html);
  block->html = g_ref_string_new (done);
  g_free (done);

  if (heading != NULL)
    {
      block->heading = g_ref_string_new (heading);
      block->heading_id = g_ref_string_new (id);
      g_free (heading);
    }
}

/* "LEVEL\tTEXT": what a heading's id and table of contents entry come
 * from. Free with g_free. */
static char *
heading_key (RenderCtx  *ctx,
             cmark_node *heading)
{
  g_autofree char *plain = heading_plain (ctx, heading);

  return g_strdup_printf ("%d\t%s", cmark_node_get_heading_level (heading), plain);
}

/* The lines each block is said to hold: in order, one block per line at
 * least (cmark may end a block on the line the next one starts, a setext
 * heading's underline, or give none: 0, a paragraph that a table took its
 * header from), nor past the end (an unclosed HTML comment). */
static void
blocks_place (BylineRender *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      block->start_line = block->raw_start;
      if (i > 0)
        {
          Block *prev = &g_array_index (self->blocks, Block, i - 1);

          block->start_line = MAX (block->start_line, prev->start_line + 1);
          block->end_line = MAX ((guint) block->raw_end, block->start_line);
          if (prev->end_line >= block->start_line)
            prev->end_line = block->start_line - 1;
        }
      else
        {
          block->start_line = MAX (block->start_line, 1);
          block->end_line = MAX ((guint) block->raw_end, block->start_line);
        }
      block->end_line = MAX (MIN (block->end_line, self->n_lines), block->start_line);
      self->has_code |= block->has_code;
    }
}

/* The whole body parsed at once. */
static void
render_all (BylineRender *self,
            RenderCtx    *ctx,
            int           options)
{
  cmark_parser *parser = parser_new (options);
  cmark_llist *extensions;
  cmark_node *doc;
  gboolean any_footnote = FALSE;
  g_autoptr(GPtrArray) detached = g_ptr_array_new_with_free_func ((GDestroyNotify) cmark_node_free);

  cmark_parser_feed (parser, self->parsed, self->parsed_len);
  doc = cmark_parser_finish (parser);
  extensions = cmark_parser_get_syntax_extensions (parser);

  for (cmark_node *child = cmark_node_first_child (doc); child != NULL; )
    {
      cmark_node *next = cmark_node_next (child);
      g_autofree char *id = NULL;
      char *key = NULL;
      Block block;

      if (cmark_node_get_type (child) == CMARK_NODE_FOOTNOTE_DEFINITION)
        {
          any_footnote = TRUE;
          child = next;
          continue;
        }

      if (cmark_node_get_type (child) == CMARK_NODE_HEADING)
        {
          g_autofree char *plain = heading_plain (ctx, child);

          id = heading_id (ctx, cmark_node_get_heading_level (child), plain);
          key = g_strdup_printf ("%d\t%s", cmark_node_get_heading_level (child), plain);
        }

      block_render (ctx, child, options, extensions, 0, id, key, &block);
      g_array_append_val (self->blocks, block);

      /* Rendered: set it aside, so what stays under the document is the
       * footnote definitions, rendered together below. */
      cmark_node_unlink (child);
      g_ptr_array_add (detached, child);
      child = next;
    }

  if (any_footnote)
    {
      char *html = cmark_render_html (doc, options & ~CMARK_OPT_SOURCEPOS, extensions);

      self->footnotes = postprocess (ctx, html, 0, 0, NULL);
      free (html);
    }
  else
    self->footnotes = g_strdup ("");

  self->toc = ctx->toc ? build_toc (ctx->toc->str) : g_strdup ("");

  g_clear_pointer (&detached, g_ptr_array_unref);
  cmark_node_free (doc);
  cmark_parser_free (parser);
}

/* The next heading's id (from its key, "LEVEL\tTEXT"), added to @ids and
 * to the table of contents. */
static void
ids_add_key (RenderCtx  *ctx,
             GPtrArray  *ids,
             const char *key)
{
  const char *tab = strchr (key, '\t');

  g_assert (tab != NULL);
  g_ptr_array_add (ids, heading_id (ctx, atoi (key), tab + 1));
}

static void
ids_add_block (RenderCtx   *ctx,
               GPtrArray   *ids,
               const Block *block)
{
  if (block->heading != NULL)
    ids_add_key (ctx, ids, block->heading);
}

/* Gives a heading block kept from an earlier rendering its new @id, as
 * postprocess() put it there. FALSE when its HTML is not of that shape. */
static gboolean
block_set_heading_id (Block      *block,
                      const char *id)
{
  g_autoptr(GString) expect = NULL;
  GString *html;

  if (strcmp (block->heading_id, id) == 0)
    return TRUE;

  expect = g_string_new_len (block->html, MIN (3, strlen (block->html)));
  g_string_append (expect, " id=\"");
  append_escaped (expect, block->heading_id, -1);
  g_string_append_c (expect, '"');
  if (!g_str_has_prefix (block->html, expect->str))
    return FALSE;

  html = g_string_new_len (block->html, 3);
  g_string_append (html, " id=\"");
  append_escaped (html, id, -1);
  g_string_append_c (html, '"');
  g_string_append (html, block->html + expect->len);
  g_ref_string_release (block->html);
  block->html = g_ref_string_new (html->str);
  g_string_free (html, TRUE);
  g_ref_string_release (block->heading_id);
  block->heading_id = g_ref_string_new (id);
  return TRUE;
}

/* Re-parses only the lines around what changed since @base, and takes the
 * other blocks from it. The result is what render_all() would give.
 *
 * Why it holds: cmark reads a document line by line, and what it has made
 * of the lines before line N depends on those lines only. When a top-level
 * block of @base starts at line S, after a blank line, before the first
 * line that changed, cmark starts it there in the new text too, with
 * nothing else open: parsing from S alone gives the same blocks. Likewise,
 * when the parse from S starts a top-level block at a line E' after a
 * blank line, past the change, where @base started one (at the same text
 * with the same text after it), the rest is @base's, moved by the lines
 * added or removed. What a block's HTML depends on beyond its own lines:
 * link reference definitions and footnotes are excluded (local); heading
 * ids (unique in the post) and the table of contents stay when the
 * re-parsed lines have the same headings, else they are made again for
 * all headings, and kept headings whose id changes get it. Returns FALSE
 * when it does not apply. */
static gboolean
render_changed (BylineRender *self,
                BylineRender *base,
                RenderCtx    *ctx,
                int           options)
{
  const char *text = self->parsed;
  gsize len = self->parsed_len;
  gsize prefix = 0, suffix = 0, limit;
  g_autoptr(GArray) starts = NULL;
  guint n_old = base->blocks->len;
  guint first_changed, last_changed;   /* lines of the new text, 1-based */
  int shift;
  guint k = 0, start_line = 1;
  guint want = 8;
  cmark_parser *parser = NULL;
  cmark_node *doc = NULL;
  cmark_node *sync = NULL;
  guint sync_old = n_old;
  gboolean ok = TRUE;
  gboolean same_headings = TRUE;
  guint old_heading;
  GPtrArray *keys = NULL;   /* of the re-parsed blocks: heading keys, or NULL */
  GPtrArray *ids = NULL;    /* every heading's id, when they are made again */
  guint next_id = 0;

  if (!base->local || !self->local || base->flags != self->flags ||
      g_strcmp0 (base->static_uri, self->static_uri) != 0)
    return FALSE;

  /* The same bytes at the start and at the end (in chunks first). */
  limit = MIN (len, base->parsed_len);
  while (prefix + 256 <= limit && memcmp (text + prefix, base->parsed + prefix, 256) == 0)
    prefix += 256;
  while (prefix < limit && text[prefix] == base->parsed[prefix])
    prefix++;
  while (suffix + 256 <= limit - prefix &&
         memcmp (text + len - suffix - 256, base->parsed + base->parsed_len - suffix - 256, 256) == 0)
    suffix += 256;
  while (suffix < limit - prefix &&
         text[len - 1 - suffix] == base->parsed[base->parsed_len - 1 - suffix])
    suffix++;

  starts = line_starts (text, len);
  shift = (int) (starts->len - 1) - (int) base->n_parsed_lines;
  first_changed = line_of (starts, prefix);
  last_changed = line_of (starts, len - suffix);   /* the line the same text resumes on */

  /* Where to start: the last block of @base that starts after a blank line
   * (or on the first line) before the first line that changed. Not one
   * after a block cmark gave no lines (a paragraph a table took its header
   * from comes before the table but belongs with it). */
  for (guint i = n_old; i-- > 0; )
    {
      const Block *block = &g_array_index (base->blocks, Block, i);

      if (block->raw_start > 0 && (guint) block->raw_start < first_changed &&
          (i == 0 || g_array_index (base->blocks, Block, i - 1).raw_start > 0) &&
          (block->raw_start == 1 || line_is_blank (text, starts, block->raw_start - 1)))
        {
          k = i;
          start_line = block->raw_start;
          break;
        }
    }
  /* cmark skips a byte order mark at the start of what it reads. */
  if (start_line > 1 && g_str_has_prefix (text + g_array_index (starts, gsize, start_line - 1), "\xef\xbb\xbf"))
    return FALSE;

  /* Parse from there, further each time, until the parse starts a block
   * where @base did, past the change; or to the end. */
  for (;;)
    {
      guint end_line = 0;   /* the last line to parse; 0: to the end */
      gsize from = g_array_index (starts, gsize, start_line - 1);
      gsize to = len;
      guint j = k;

      for (guint i = k; i < n_old; i++)
        {
          const Block *block = &g_array_index (base->blocks, Block, i);
          int line = block->raw_start + shift;

          if (block->raw_start > 0 && line >= (int) (last_changed + 1 + want) &&
              line_is_blank (text, starts, line - 1))
            {
              end_line = line;
              break;
            }
        }
      if (end_line > 0 && end_line < starts->len - 1)
        to = g_array_index (starts, gsize, end_line);

      parser = parser_new (options);
      cmark_parser_feed (parser, text + from, to - from);
      doc = cmark_parser_finish (parser);

      if (to == len)
        break;

      for (cmark_node *child = cmark_node_first_child (doc); child != NULL && sync == NULL;
           child = cmark_node_next (child))
        {
          int rel = cmark_node_get_start_line (child);
          int line = rel > 0 ? rel + (int) start_line - 1 : 0;
          cmark_node *prev = cmark_node_previous (child);

          if (line < (int) (last_changed + 2) || !line_is_blank (text, starts, line - 1) ||
              (prev != NULL && cmark_node_get_start_line (prev) <= 0))
            continue;
          while (j < n_old && g_array_index (base->blocks, Block, j).raw_start + shift < line)
            j++;
          if (j < n_old && g_array_index (base->blocks, Block, j).raw_start + shift == line &&
              g_array_index (base->blocks, Block, j).raw_start > 0 &&
              (j == 0 || g_array_index (base->blocks, Block, j - 1).raw_start > 0))
            {
              sync = child;
              sync_old = j;
            }
        }
      if (sync != NULL)
        break;

      cmark_node_free (doc);
      cmark_parser_free (parser);
      doc = NULL;
      parser = NULL;
      want *= 4;
    }

  /* The headings of the re-parsed blocks: the ones they replace (the usual
   * case: every id and the table of contents stay as they were), or not. */
  keys = g_ptr_array_new_with_free_func (g_free);
  old_heading = k;
  for (cmark_node *child = cmark_node_first_child (doc); ok && child != sync;
       child = cmark_node_next (child))
    {
      char *key = NULL;

      if (cmark_node_get_type (child) == CMARK_NODE_FOOTNOTE_DEFINITION)
        ok = FALSE;   /* (not local: can't happen) */
      else if (cmark_node_get_type (child) == CMARK_NODE_HEADING)
        {
          const Block *old = NULL;

          key = heading_key (ctx, child);
          while (old_heading < sync_old && old == NULL)
            {
              const Block *b = &g_array_index (base->blocks, Block, old_heading++);

              if (b->heading != NULL)
                old = b;
            }
          same_headings &= old != NULL && strcmp (old->heading, key) == 0;
        }
      g_ptr_array_add (keys, key);
    }
  for (guint i = old_heading; i < sync_old; i++)
    same_headings &= g_array_index (base->blocks, Block, i).heading == NULL;

  if (ok && !same_headings)
    {
      /* Every heading's id again, in order, and the table of contents;
       * the blocks kept whose id changes get it. */
      ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < k; i++)
        ids_add_block (ctx, ids, &g_array_index (base->blocks, Block, i));
      for (guint i = 0; i < keys->len; i++)
        if (g_ptr_array_index (keys, i) != NULL)
          ids_add_key (ctx, ids, g_ptr_array_index (keys, i));
      for (guint i = sync_old; i < n_old; i++)
        ids_add_block (ctx, ids, &g_array_index (base->blocks, Block, i));
    }

  /* The blocks before the start, as they were. */
  for (guint i = 0; ok && i < k; i++)
    {
      Block block = block_copy (&g_array_index (base->blocks, Block, i), 0);

      g_array_append_val (self->blocks, block);
      if (block.heading != NULL && ids != NULL)
        ok = block_set_heading_id (&g_array_index (self->blocks, Block, self->blocks->len - 1),
                                   g_ptr_array_index (ids, next_id++));
    }

  /* The re-parsed ones. */
  old_heading = k;
  {
    guint i = 0;

    for (cmark_node *child = cmark_node_first_child (doc); ok && child != sync;
         child = cmark_node_next (child), i++)
      {
        char *key = g_ptr_array_index (keys, i);   /* (taken: block_render() frees it) */
        const char *id = NULL;
        Block block;

        keys->pdata[i] = NULL;
        if (key != NULL && ids != NULL)
          id = g_ptr_array_index (ids, next_id++);
        else if (key != NULL)
          {
            const Block *old = NULL;

            while (old == NULL)
              {
                const Block *b = &g_array_index (base->blocks, Block, old_heading++);

                if (b->heading != NULL)
                  old = b;
              }
            id = old->heading_id;
          }
        block_render (ctx, child, options, cmark_parser_get_syntax_extensions (parser),
                      start_line - 1, id, key, &block);
        g_array_append_val (self->blocks, block);
      }
  }

  cmark_node_free (doc);
  cmark_parser_free (parser);

  /* The blocks after, as they were, moved. */
  for (guint i = sync_old; ok && i < n_old; i++)
    {
      Block block = block_copy (&g_array_index (base->blocks, Block, i), shift);

      g_array_append_val (self->blocks, block);
      if (block.heading != NULL && ids != NULL)
        ok = block_set_heading_id (&g_array_index (self->blocks, Block, self->blocks->len - 1),
                                   g_ptr_array_index (ids, next_id++));
    }

  g_clear_pointer (&keys, g_ptr_array_unref);
  g_clear_pointer (&ids, g_ptr_array_unref);
  if (!ok)
    {
      g_array_set_size (self->blocks, 0);
      if (ctx->toc != NULL)
        g_string_truncate (ctx->toc, 0);
      g_hash_table_remove_all (ctx->slugs);
      return FALSE;
    }

  self->footnotes = g_strdup ("");
  if (!same_headings)
    self->toc = ctx->toc ? build_toc (ctx->toc->str) : g_strdup ("");
  else
    self->toc = g_strdup (base->toc);
  return TRUE;
}

/* Rendering with the preview's defaults and nothing to reuse. */
BylineRender *
byline_render_new (const char          *text,
                   gssize               len,
                   BylineMarkdownFlags  flags,
                   const char          *static_uri)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  return byline_render_new_from (NULL, text, len, flags, static_uri);
}

BylineRender *
byline_render_new_from (BylineRender        *base,
                        const char          *text,
                        gssize               len,
                        BylineMarkdownFlags  flags,
                        const char          *static_uri)
{
  BylineRender *self;
  Prepass pp = { 0 };
  RenderCtx ctx = { 0 };
  g_autofree char *owned_text = NULL;
  char *prepared;
  int options = cmark_options (flags);

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);
  text = owned_text = g_strndup (text, len);   /* NUL-terminated for the scanners */

  self = g_new0 (BylineRender, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->flags = flags;
  self->static_uri = g_strdup (static_uri);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->n_lines = count_lines (text, len);

  pp.text = text;
  pp.len = len;
  pp.flags = flags;
  pp.static_uri = static_uri;
  tokens_init (&pp.tokens);
  prepared = prepass_run (&pp);
  self->has_math = pp.has_math;
  if (prepared != NULL)
    {
      self->parsed = prepared;
      self->parsed_len = strlen (prepared);
      self->text = g_steal_pointer (&owned_text);
    }
  else
    {
      self->parsed = self->text = g_steal_pointer (&owned_text);
      self->parsed_len = len;
    }
  self->n_parsed_lines = count_lines (self->parsed, self->parsed_len);
  self->local = !pp.tokens.collision &&
                find_bytes (self->parsed, self->parsed_len, "[^") == NULL &&
                find_bytes (self->parsed, self->parsed_len, "]:") == NULL;

  ctx.flags = flags;
  ctx.static_uri = static_uri;
  ctx.tokens = pp.tokens.list->len > 0 ? &pp.tokens : NULL;
  ctx.slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.toc = (flags & BYLINE_MARKDOWN_TOC) ? g_string_new (NULL) : NULL;

  if (base == NULL || !render_changed (self, base, &ctx, options))
    render_all (self, &ctx, options);
  blocks_place (self);
  self->text_len = len;
  self->n_words = base != NULL ? count_words_from (base, text, len) : count_words (text, len);

  tokens_clear (&pp.tokens);
  g_hash_table_unref (ctx.slugs);
  if (ctx.toc)
    g_string_free (ctx.toc, TRUE);

  return self;
}

BylineRender *
byline_render_ref (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_render_unref (BylineRender *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->blocks);
      g_free (self->footnotes);
      g_free (self->toc);
      g_free (self->static_uri);
      if (self->text != self->parsed)
        g_free (self->text);
      g_free (self->parsed);
      g_free (self);
    }
}

BylineMarkdownFlags
byline_render_get_flags (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->flags;
}

guint
byline_render_get_n_blocks (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->blocks->len;
}

const char *
byline_render_get_block (BylineRender *self,
                         guint         index,
                         guint        *start_line,
                         guint        *end_line)
{
  const Block *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  block = &g_array_index (self->blocks, Block, index);
  if (start_line)
    *start_line = block->start_line;
  if (end_line)
    *end_line = block->end_line;
  return block->html;
}

const char *
byline_render_get_footnotes (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->footnotes;
}

const char *
byline_render_get_toc (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->toc;
}

gboolean
byline_render_has_math (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_math;
}

gboolean
byline_render_has_code (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_code;
}

guint
byline_render_get_n_words (BylineRender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_words;
}

char *
byline_render_dup_html (BylineRender *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    g_string_append (out, g_array_index (self->blocks, Block, i).html);
  g_string_append (out, self->footnotes);
  return g_string_free (out, FALSE);
}

char *
byline_markdown_to_html (const char          *text,
                         gssize               len,
                         BylineMarkdownFlags  flags)
{
  int options = cmark_options (flags);
  cmark_parser *parser;
  cmark_node *doc;
  char *html;
  char *result;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  parser = parser_new (options);
  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);
  html = cmark_render_html (doc, options, cmark_parser_get_syntax_extensions (parser));
  result = g_strdup (html);

  free (html);
  cmark_node_free (doc);
  cmark_parser_free (parser);
  return result;
}

/* Blocks reused from an earlier render share their HTML. */
static gboolean
block_same (const Block *a,
            const Block *b)
{
  return a->html == b->html || strcmp (a->html, b->html) == 0;
}

void
byline_render_diff (BylineRender *old,
                    BylineRender *new_,
                    guint        *first,
                    guint        *n_same_end)
{
  guint n_old, n_new, i, j;

  g_return_if_fail (new_ != NULL);
  g_return_if_fail (first != NULL && n_same_end != NULL);

  n_old = old ? old->blocks->len : 0;
  n_new = new_->blocks->len;

  for (i = 0; i < n_old && i < n_new; i++)
    if (!block_same (&g_array_index (old->blocks, Block, i), &g_array_index (new_->blocks, Block, i)))
      break;

  for (j = 0; j < n_old - i && j < n_new - i; j++)
    if (!block_same (&g_array_index (old->blocks, Block, n_old - 1 - j),
                     &g_array_index (new_->blocks, Block, n_new - 1 - j)))
      break;

  *first = i;
  *n_same_end = j;
}

/* ------------------------------------------------------------------------ */
/* Front matter: header and page flags                                       */
/* ------------------------------------------------------------------------ */

static const char *
fm_string (BylineFrontMatter *fm,
           const char        *key)
{
  BylineNode *node = byline_front_matter_lookup_dotted (fm, key);
  const char *value;

  if (node == NULL)
    return NULL;
  value = byline_node_get_scalar (node);
  if (value == NULL || value[0] == '\0' || byline_node_get_value_type (node) == BYLINE_VALUE_NULL)
    return NULL;
  return value;
}

static gboolean
fm_true (BylineFrontMatter *fm,
         const char        *key)
{
  BylineNode *node = byline_front_matter_lookup_dotted (fm, key);

  return node != NULL &&
         byline_node_get_value_type (node) == BYLINE_VALUE_BOOL &&
         byline_node_get_bool (node);
}

/* The strings of a list field, or of a single string field. */
static GPtrArray *
fm_strings (BylineFrontMatter *fm,
            const char        *key)
{
  GPtrArray *values = g_ptr_array_new ();
  BylineNode *node = byline_front_matter_lookup_dotted (fm, key);

  if (node == NULL)
    return values;

  if (byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE)
    {
      for (guint i = 0; i < byline_node_get_n_children (node); i++)
        {
          const char *value = byline_node_get_scalar (byline_node_get_child (node, i));

          if (value != NULL && value[0] != '\0')
            g_ptr_array_add (values, (gpointer) value);
        }
    }
  else if (byline_node_get_scalar (node) != NULL && byline_node_get_scalar (node)[0] != '\0' &&
           byline_node_get_value_type (node) != BYLINE_VALUE_NULL)
    g_ptr_array_add (values, (gpointer) byline_node_get_scalar (node));

  return values;
}

static gboolean
fm_usable (BylineFrontMatter *fm)
{
  return fm != NULL && byline_front_matter_is_valid (fm) && byline_front_matter_get_root (fm) != NULL;
}

void
byline_page_flags_from_front_matter (BylineFrontMatter *front_matter,
                                     BylinePageFlags   *flags)
{
  g_return_if_fail (flags != NULL);

  memset (flags, 0, sizeof *flags);
  if (!fm_usable (front_matter))
    return;

  flags->toc = fm_true (front_matter, "toc");
  flags->math = fm_true (front_matter, "math") || fm_true (front_matter, "mathjax") ||
                fm_true (front_matter, "katex") || fm_true (front_matter, "params.math");
  flags->draft = fm_true (front_matter, "draft");
}

static GDateTime *
fm_date (BylineFrontMatter *fm)
{
  static const char * const keys[] = { "date", "publishDate", "pubDate", "published" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      BylineNode *node = byline_front_matter_lookup_dotted (fm, keys[i]);
      BylineValueType type;

      if (node == NULL)
        continue;
      type = byline_node_get_value_type (node);
      if (type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME)
        {
          GDateTime *dt = byline_node_dup_datetime (node);

          if (dt != NULL)
            return dt;
        }
    }
  return NULL;
}

static void
append_pills (GString    *out,
              GPtrArray  *values,
              const char *klass,
              const char *label)
{
  if (values->len == 0)
    return;

  g_string_append_printf (out, "<ul class=\"bl-pills %s\" aria-label=\"", klass);
  append_escaped (out, label, -1);
  g_string_append (out, "\">");
  for (guint i = 0; i < values->len; i++)
    {
      g_string_append_printf (out, "<li class=\"bl-pill\">");
      append_escaped (out, g_ptr_array_index (values, i), -1);
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ul>");
}

char *
byline_markdown_render_header (BylineFrontMatter *front_matter,
                               const char        *fallback_title,
                               guint              n_words,
                               const char        *static_uri)
{
  GString *out = g_string_new ("<header class=\"bl-header\">");
  const char *title = NULL;
  const char *lead = NULL;
  const char *thumbnail = NULL;
  const char *author = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) authors = NULL;
  g_autoptr(GDateTime) date = NULL;
  BylinePageFlags page = { 0 };
  GPtrArray *meta = g_ptr_array_new_with_free_func (g_free);

  if (fm_usable (front_matter))
    {
      static const char * const lead_keys[] = { "lead", "summary", "description", "subtitle" };
      static const char * const image_keys[] = {
        "thumbnail", "image", "featured_image", "featuredImage", "cover.image", "cover", "images.0",
      };

      title = fm_string (front_matter, "title");
      for (guint i = 0; lead == NULL && i < G_N_ELEMENTS (lead_keys); i++)
        lead = fm_string (front_matter, lead_keys[i]);
      for (guint i = 0; thumbnail == NULL && i < G_N_ELEMENTS (image_keys); i++)
        thumbnail = fm_string (front_matter, image_keys[i]);
      categories = fm_strings (front_matter, "categories");
      tags = fm_strings (front_matter, "tags");
      authors = fm_strings (front_matter, "authors");
      author = fm_string (front_matter, "author");
      if (author == NULL && authors->len > 0)
        author = g_ptr_array_index (authors, 0);
      date = fm_date (front_matter);
      byline_page_flags_from_front_matter (front_matter, &page);
    }

  if (title == NULL)
    title = fallback_title;

  if (page.draft || (categories && categories->len > 0))
    {
      g_string_append (out, "<div class=\"bl-kicker\">");
      if (page.draft)
        g_string_append_printf (out, "<span class=\"bl-draft\">%s</span>", _("Draft"));
      if (categories)
        append_pills (out, categories, "bl-categories", _("Categories"));
      g_string_append (out, "</div>");
    }

  if (title != NULL)
    {
      g_string_append (out, "<h1 class=\"bl-title\">");
      append_escaped (out, title, -1);
      g_string_append (out, "</h1>");
    }

  if (date != NULL)
    {
      /* TRANSLATORS: the date of a post in the preview's header, a
       * g_date_time_format() string; "%B %-d, %Y" is "June 3, 2025". */
      g_autofree char *shown = g_date_time_format (date, _("%B %-d, %Y"));
      g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
      GString *item = g_string_new ("<time datetime=\"");

      g_string_append (item, iso);
      g_string_append (item, "\">");
      append_escaped (item, shown ? shown : iso, -1);
      g_string_append (item, "</time>");
      g_ptr_array_add (meta, g_string_free (item, FALSE));
    }
  if (author != NULL)
    {
      GString *item = g_string_new ("<span class=\"bl-author\">");
      g_autofree char *by = g_strdup_printf (_("By %s"), author);

      append_escaped (item, by, -1);
      g_string_append (item, "</span>");
      g_ptr_array_add (meta, g_string_free (item, FALSE));
    }
  if (n_words > 0)
    {
      /* Hugo's reading time: 213 words a minute. */
      guint minutes = MAX (1, (n_words + 212) / 213);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read",
                                                            "%u min read", minutes), minutes);

      g_ptr_array_add (meta, g_strconcat ("<span class=\"bl-reading-time\">", text, "</span>", NULL));
    }
  if (meta->len > 0)
    {
      g_string_append (out, "<p class=\"bl-meta\">");
      for (guint i = 0; i < meta->len; i++)
        {
          if (i > 0)
            g_string_append (out, "<span class=\"bl-sep\" aria-hidden=\"true\"> · </span>");
          g_string_append (out, g_ptr_array_index (meta, i));
        }
      g_string_append (out, "</p>");
    }
  g_ptr_array_unref (meta);

  if (lead != NULL)
    {
      g_string_append (out, "<p class=\"bl-lead\">");
      append_escaped (out, lead, -1);
      g_string_append (out, "</p>");
    }

  if (thumbnail != NULL)
    {
      g_string_append (out, "<img class=\"bl-thumbnail\" src=\"");
      append_url (out, thumbnail, static_uri);
      g_string_append (out, "\"");
      if (static_uri != NULL && thumbnail[0] == '/' && thumbnail[1] != '/')
        {
          g_string_append (out, " data-bl-src=\"");
          append_escaped (out, thumbnail, -1);
          g_string_append (out, "\"");
        }
      g_string_append (out, " alt=\"\" />");
    }

  if (tags != NULL)
    append_pills (out, tags, "bl-tags", _("Tags"));

  g_string_append (out, "</header>");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The page                                                                  */
/* ------------------------------------------------------------------------ */

static GBytes *
lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (CORE_RESOURCE_PATH, name, NULL);
  GBytes *bytes = g_resource_lookup_data (byline_core_get_resource (), path,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);   /* compiled in */
  return bytes;
}

const char *
byline_markdown_get_css (void)
{
  static GBytes *css;

  if (g_once_init_enter (&css))
    g_once_init_leave (&css, lookup_resource ("byline-page.css"));

  return g_bytes_get_data (css, NULL);
}

/* Fills the page template: each "@NAME@" by its value. */
static char *
fill_template (const char * const *names,
               const char * const *values)
{
  g_autoptr(GBytes) bytes = lookup_resource ("byline-page.html");
  const char *p = g_bytes_get_data (bytes, NULL);
  GString *out = g_string_new (NULL);

  while (*p)
    {
      const char *at = strchr (p, '@');
      gboolean done = FALSE;

      if (at == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, at - p);
      for (guint i = 0; names[i] != NULL; i++)
        {
          gsize n = strlen (names[i]);

          if (strncmp (at + 1, names[i], n) == 0 && at[1 + n] == '@')
            {
              g_string_append (out, values[i]);
              p = at + n + 2;
              done = TRUE;
              break;
            }
        }
      if (!done)
        {
          g_string_append_c (out, '@');
          p = at + 1;
        }
    }

  return g_string_free (out, FALSE);
}

char *
byline_markdown_dup_shell (gboolean dark)
{
  const char * const names[] = {
    "LANG", "CLASS", "TITLE", "CSP", "CSS", "HEADER", "TOC", "BODY", "FOOTNOTES", NULL,
  };
  const char * const values[] = {
    "", dark ? "dark" : "light", "", 
    /* The document's own scripts never run (WebKit's javascript-markup is
     * off as well); the preview's scripts are user scripts, outside the
     * page's policy. */
    "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'\">",
    byline_markdown_get_css (), "", "", "", "", NULL,
  };

  return fill_template (names, values);
}

char *
byline_markdown_render_fragment (const char          *text,
                                 gssize               len,
                                 BylineMarkdownFlags  flags)
{
  BylinePostSplit split;
  g_autoptr(BylineRender) render = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  byline_post_split (text, len, &split);
  render = byline_render_new (text + split.body_start, split.len - split.body_start,
                              flags & (BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML), NULL);
  return byline_render_dup_html (render);
}

char *
byline_markdown_render_standalone (const char          *text,
                                   gssize               len,
                                   BylineMarkdownFlags  flags,
                                   const char          *fallback_title)
{
  const char * const names[] = {
    "LANG", "CLASS", "TITLE", "CSP", "CSS", "HEADER", "TOC", "BODY", "FOOTNOTES", NULL,
  };
  BylinePostSplit split;
  g_autoptr(BylineFrontMatter) fm = NULL;
  g_autoptr(BylineRender) render = NULL;
  g_autofree char *header = NULL;
  g_autofree char *body = NULL;
  g_autofree char *lang_attr = NULL;
  GString *title = g_string_new (NULL);
  BylinePageFlags page;
  const char *title_text = NULL;
  char *result;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  byline_post_split (text, len, &split);
  if (split.format != BYLINE_FORMAT_NONE)
    fm = byline_front_matter_new (split.format, text + split.fm_start, split.fm_end - split.fm_start);

  byline_page_flags_from_front_matter (fm, &page);
  flags &= BYLINE_MARKDOWN_SMART | BYLINE_MARKDOWN_RAW_HTML;
  if (page.math)
    flags |= BYLINE_MARKDOWN_MATH;
  if (page.toc)
    flags |= BYLINE_MARKDOWN_TOC;

  render = byline_render_new (text + split.body_start, split.len - split.body_start, flags, NULL);
  header = byline_markdown_render_header (fm, fallback_title, byline_render_get_n_words (render), NULL);
  body = byline_render_dup_html (render);

  if (fm_usable (fm))
    {
      g_autoptr(GPtrArray) langs = fm_strings (fm, "lang");

      title_text = fm_string (fm, "title");
      if (langs->len == 0)
        {
          g_ptr_array_unref (langs);
          langs = fm_strings (fm, "languageCode");
        }
      if (langs->len > 0)
        {
          GString *attr = g_string_new (" lang=\"");

          append_escaped (attr, g_ptr_array_index (langs, 0), -1);
          g_string_append_c (attr, '"');
          lang_attr = g_string_free (attr, FALSE);
        }
    }
  append_escaped (title, title_text ? title_text : (fallback_title ? fallback_title : ""), -1);

  {
    const char * const values[] = {
      lang_attr ? lang_attr : "", "auto", title->str, "",
      byline_markdown_get_css (), header, byline_render_get_toc (render), body, "", NULL,
    };

    result = fill_template (names, values);
  }

  g_string_free (title, TRUE);
  return result;
}

/* ------------------------------------------------------------------------ */
/* Text helpers                                                              */
/* ------------------------------------------------------------------------ */

void
byline_markdown_append_json_string (GString    *out,
                                    const char *str,
                                    gssize      len)
{
  const guchar *p;
  const guchar *end;
  const guchar *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  if (str == NULL)
    str = "";
  if (len < 0)
    len = strlen (str);

  p = run = (const guchar *) str;
  end = p + len;

  g_string_append_c (out, '"');
  for (; p < end; p++)
    {
      const char *esc = NULL;
      char buf[8];

      if (*p == '"')
        esc = "\\\"";
      else if (*p == '\\')
        esc = "\\\\";
      else if (*p == '\n')
        esc = "\\n";
      else if (*p == '\r')
        esc = "\\r";
      else if (*p == '\t')
        esc = "\\t";
      else if (*p < 0x20)
        {
          g_snprintf (buf, sizeof buf, "\\u%04x", *p);
          esc = buf;
        }
      else if (*p == 0xe2 && p + 2 < end && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
        {
          /* U+2028 and U+2029 end lines in older JavaScript. */
          esc = p[2] == 0xa8 ? "\\u2028" : "\\u2029";
          g_string_append_len (out, (const char *) run, p - run);
          g_string_append (out, esc);
          p += 2;
          run = p + 1;
          continue;
        }

      if (esc != NULL)
        {
          g_string_append_len (out, (const char *) run, p - run);
          g_string_append (out, esc);
          run = p + 1;
        }
    }
  g_string_append_len (out, (const char *) run, end - run);
  g_string_append_c (out, '"');
}

char *
byline_markdown_slugify (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
      else if (c == ' ' || c == '-')
        g_string_append_c (out, '-');
      else if (c == '_')
        g_string_append_c (out, '_');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Headings, for going to them                                               */
/* ------------------------------------------------------------------------ */

void
byline_heading_free (BylineHeading *heading)
{
  if (heading == NULL)
    return;
  g_free (heading->text);
  g_free (heading);
}

GPtrArray *
byline_markdown_dup_headings (const char *text,
                              gssize      len)
{
  GPtrArray *headings = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_heading_free);
  cmark_parser *parser;
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (text != NULL || len == 0, headings);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  parser = parser_new (cmark_options (BYLINE_MARKDOWN_DEFAULT));
  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);

  iter = cmark_iter_new (doc);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      BylineHeading *heading;
      GString *plain;

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;
      plain = g_string_new (NULL);
      collect_valid_text (node, plain);
      heading = g_new0 (BylineHeading, 1);
      heading->level = cmark_node_get_heading_level (node);
      heading->line = cmark_node_get_start_line (node);
      heading->text = g_strstrip (g_string_free (plain, FALSE));
      g_ptr_array_add (headings, heading);
    }

  cmark_iter_free (iter);
  cmark_node_free (doc);
  cmark_parser_free (parser);
  return headings;
}

/* The word count under the Markdown source: the reading time's
 * count, for any text (the whole body, or a selection) */
guint
byline_markdown_count_words (const char *text,
                             gssize      len)
{
  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (len < 0)
    len = strlen (text);

  return count_words (text, len);
}

/* Where the tables are (for byline-table.c).
 *
 * cmark-gfm gives a table that interrupts a paragraph the paragraph's
 * start line and column (and the paragraph none), so the first line is
 * counted back from the last: one line per row, and the delimiter row. */
GArray *
byline_markdown_dup_tables (const char *text,
                            gssize      len)
{
  GArray *tables = g_array_new (FALSE, FALSE, sizeof (BylineMarkdownTable));
  cmark_parser *parser;
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_val_if_fail (text != NULL || len == 0, tables);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  parser = parser_new (cmark_options (BYLINE_MARKDOWN_DEFAULT) | CMARK_OPT_SOURCEPOS);
  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);

  iter = cmark_iter_new (doc);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      BylineMarkdownTable table = { 0, };
      guint n_rows = 0;
      int end_line;

      /* (the table extension's node types are not in its headers) */
      if (event != CMARK_EVENT_ENTER || strcmp (cmark_node_get_type_string (node), "table") != 0)
        continue;
      for (cmark_node *row = cmark_node_first_child (node); row != NULL; row = cmark_node_next (row))
        n_rows++;
      end_line = cmark_node_get_end_line (node);
      if (n_rows == 0 || end_line <= (int) n_rows)
        continue;
      table.end_line = end_line;
      table.start_line = end_line - n_rows;
      /* (and the paragraph's start column, which says nothing of the
       * table's first line: no list marker stands before that) */
      table.start_column = cmark_node_get_start_line (node) == (int) table.start_line
                           ? MAX (cmark_node_get_start_column (node), 1) : 1;
      table.n_columns = cmark_gfm_extensions_get_table_columns (node);
      g_array_append_val (tables, table);
    }

  cmark_iter_free (iter);
  cmark_node_free (doc);
  cmark_parser_free (parser);
  return tables;
}

/* ------------------------------------------------------------------------ */
/* Local links, for the link checker                                        */
/* ------------------------------------------------------------------------ */

/* Shortcodes and Jekyll's link tags are masked (overwritten with 'x',
 * newlines kept) before cmark-gfm parses the text, so that its positions
 * are the text's own; a link whose destination was a ref or post_url tag
 * is then matched to the tag by where it is. */

void
byline_markdown_link_free (BylineMarkdownLink *link)
{
  if (link == NULL)
    return;
  g_free (link->target);
  g_free (link->tag);
  g_free (link);
}

static BylineMarkdownLink *
markdown_link_new (BylineMarkdownLinkKind  kind,
                   gsize                   start,
                   gsize                   end,
                   const char             *target,
                   const char             *tag)
{
  BylineMarkdownLink *link = g_new0 (BylineMarkdownLink, 1);

  link->kind = kind;
  link->start = start;
  link->end = end;
  link->target = g_strdup (target);
  link->tag = g_strdup (tag);
  return link;
}

/* Overwrites @text[@start, @end) with 'x', newlines kept: the same bytes
 * for cmark's positions, but nothing it reads as Markdown. */
static void
links_mask (char  *text,
            gsize  start,
            gsize  end)
{
  for (gsize i = start; i < end; i++)
    if (text[i] != '\n' && text[i] != '\r')
      text[i] = 'x';
}

/* A shortcode at @p ("{{<" or "{{%") of @pp's text: records the link tags
 * and figures in @tags and masks every shortcode in @mask, as the pre-pass
 * replaces them by tokens. Returns where scanning goes on. */
static const char *
links_shortcode (Prepass    *pp,
                 const char *p,
                 char       *mask,
                 GPtrArray  *tags)
{
  gboolean markdown = p[2] == '%';
  const char *after = find_close (pp, p + 3, markdown ? "%}}" : ">}}");
  gsize start = p - pp->text;
  Shortcode sc;

  if (after == NULL)
    return p + 3;
  if (!shortcode_parse (p + 3, after - 3 - (p + 3), markdown, &sc))
    {
      shortcode_clear (&sc);
      return p + 3;
    }
  if ((g_str_equal (sc.name, "ref") || g_str_equal (sc.name, "relref")) &&
      start >= 2 && memcmp (p - 2, "](", 2) == 0 && shortcode_arg (&sc, "path", 0) != NULL)
    g_ptr_array_add (tags, markdown_link_new (BYLINE_MARKDOWN_LINK_POST, start, after - pp->text,
                                              shortcode_arg (&sc, "path", 0), sc.name));
  else if ((g_str_equal (sc.name, "figure") || g_str_equal (sc.name, "img") ||
            g_str_equal (sc.name, "image")) && shortcode_arg (&sc, "src", 0) != NULL)
    g_ptr_array_add (tags, markdown_link_new (BYLINE_MARKDOWN_LINK_FIGURE, start, after - pp->text,
                                              shortcode_arg (&sc, "src", 0), NULL));
  links_mask (mask, start, after - pp->text);
  shortcode_clear (&sc);
  return after;
}

/* {% post_url NAME %} or {% link PATH %} at @p, right after "](" (as
 * prepass_liquid_link() reads them). */
static const char *
links_liquid (Prepass    *pp,
              const char *p,
              const char *line_end,
              char       *mask,
              GPtrArray  *tags)
{
  const char *close = NULL;
  g_autofree char *inner = NULL;
  g_auto(GStrv) words = NULL;

  for (const char *c = p + 2; c + 1 < line_end; c++)
    if (c[0] == '%' && c[1] == '}')
      {
        close = c;
        break;
      }
  if (close == NULL)
    return p + 2;
  inner = g_strstrip (g_strndup (p + 2, close - p - 2));
  words = g_strsplit_set (inner, " \t", -1);
  if (g_strv_length (words) == 2 &&
      (g_str_equal (words[0], "post_url") || g_str_equal (words[0], "link")) &&
      words[1][0] != '\0' && strpbrk (words[1], "()<>\"'") == NULL)
    {
      g_ptr_array_add (tags, markdown_link_new (BYLINE_MARKDOWN_LINK_POST, p - pp->text,
                                                close + 2 - pp->text, words[1], words[0]));
      links_mask (mask, p - pp->text, close + 2 - pp->text);
    }
  return close + 2;
}

/* The pre-pass's scan (prepass_run()): fenced code and code spans skipped,
 * {{< highlight >}} blocks masked as the code they are. */
static void
links_prescan (const char *text,
               gsize       len,
               char       *mask,
               GPtrArray  *tags)
{
  Prepass pp = { 0 };
  const char *end = text + len;
  const char *p = text;
  Fence fence = { 0, 0 };

  pp.text = text;
  pp.len = len;
  pp.out = g_string_new (NULL);   /* what prepass_highlight() writes: unused */

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *after;

      if (line_end == NULL)
        line_end = end;
      if (fence_line (&fence, p, line_end) != FENCE_NONE)
        ;   /* code: no links */
      else if ((after = prepass_highlight (&pp, p, line_end)) != NULL)
        {
          links_mask (mask, p - text, after - text);
          line_end = after;
        }
      else
        {
          const char *q = p;

          while (q < line_end)
            {
              if (*q == '`')
                {
                  q = code_span_end (q, line_end);
                }
              else if (*q == '\\' && q + 1 < line_end)
                q += 2;
              else if (*q == '{' && line_end - q >= 3 && q[1] == '{' && (q[2] == '<' || q[2] == '%'))
                q = links_shortcode (&pp, q, mask, tags);
              else if (*q == '{' && line_end - q >= 2 && q[1] == '%' && q - text >= 2 &&
                       memcmp (q - 2, "](", 2) == 0)
                q = links_liquid (&pp, q, line_end, mask, tags);
              else
                q++;

              if (q > line_end)
                {
                  line_end = memchr (q, '\n', end - q);
                  if (line_end == NULL)
                    line_end = end;
                }
            }
        }
      p = line_end + 1;
    }

  g_string_free (pp.out, TRUE);
}

/* The byte offset of cmark's @line:@column (1-based, the column in bytes),
 * made right: cmark-gfm 0.29 counts the columns of inlines on a paragraph's
 * later lines without the blanks it stripped at their start, so the offset
 * is moved on, over at most those blanks, to the first place holding one
 * of @expect. FALSE when none does. */
static gboolean
links_offset (const char *text,
              gsize       len,
              GArray     *line_starts,
              int         line,
              int         column,
              const char *expect,
              gsize      *offset)
{
  gsize line_start;
  gsize o;
  gsize blanks = 0;

  if (line < 1 || column < 1 || (guint) line >= line_starts->len)
    return FALSE;
  line_start = g_array_index (line_starts, gsize, line - 1);
  while (line_start + blanks < len && strchr (" \t>", text[line_start + blanks]) != NULL &&
         text[line_start + blanks] != '\0')
    blanks++;
  o = line_start + column - 1;
  /* (a tab counts as up to 4 columns: the error can go either way) */
  for (gsize k = 0; k <= blanks * 4; k++)
    for (int sign = 1; sign >= -1; sign -= 2)
      {
        gsize at;

        if (sign < 0 && (k == 0 || o < line_start + k))
          continue;
        at = sign > 0 ? o + k : o - k;
        if (at < len && text[at] != '\0' && strchr (expect, text[at]) != NULL)
          {
            *offset = at;
            return TRUE;
          }
      }
  return FALSE;
}

static GRegex *
links_html_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("<(img|a)\\b[^<>]*?\\s(src|href)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (r != NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

/* <img src> and <a href> in raw HTML at @offset of @text (@html, its
 * bytes there). */
static void
links_html (const char *html,
            gsize       offset,
            GPtrArray  *links)
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match (links_html_regex (), html, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *tag = g_match_info_fetch (info, 1);
      g_autofree char *attr = g_match_info_fetch (info, 2);
      g_autofree char *value = g_match_info_fetch (info, 3);
      int start, end;
      gboolean img = g_ascii_strcasecmp (tag, "img") == 0;

      if (value == NULL || value[0] == '\0')
        {
          g_free (value);
          value = g_match_info_fetch (info, 4);
        }
      g_match_info_fetch_pos (info, 0, &start, &end);
      if (value != NULL && (img ? g_ascii_strcasecmp (attr, "src") : g_ascii_strcasecmp (attr, "href")) == 0)
        g_ptr_array_add (links, markdown_link_new (img ? BYLINE_MARKDOWN_LINK_HTML_IMAGE
                                                       : BYLINE_MARKDOWN_LINK_HTML_LINK,
                                                   offset + start, offset + end, value, NULL));
      g_match_info_next (info, NULL);
    }
}

static int
links_compare (gconstpointer a,
               gconstpointer b)
{
  const BylineMarkdownLink *la = *(BylineMarkdownLink * const *) a;
  const BylineMarkdownLink *lb = *(BylineMarkdownLink * const *) b;

  return la->start < lb->start ? -1 : la->start > lb->start ? 1 : 0;
}

GPtrArray *
byline_markdown_dup_links (const char *text,
                           gssize      len)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_markdown_link_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_markdown_link_free);
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) code_lines = g_array_new (FALSE, FALSE, sizeof (int));   /* pairs: first, last */
  g_autofree char *mask = NULL;
  cmark_parser *parser;
  cmark_node *doc;
  cmark_iter *iter;
  cmark_event_type event;
  gsize n;

  g_return_val_if_fail (text != NULL || len == 0, links);

  n = len < 0 ? strlen (text) : (gsize) len;
  mask = g_malloc (n + 1);
  memcpy (mask, text, n);
  mask[n] = '\0';
  links_prescan (text, n, mask, tags);

  /* lines as cmark counts them: \n, \r\n, \r */
  starts = line_starts (text, n);

  parser = parser_new (CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES);
  cmark_parser_feed (parser, mask, n);
  doc = cmark_parser_finish (parser);
  iter = cmark_iter_new (doc);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      int line = cmark_node_get_start_line (node);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK)
        {
          int last = cmark_node_get_end_line (node);

          g_array_append_val (code_lines, line);
          g_array_append_val (code_lines, last);
        }
      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
        {
          const char *url = cmark_node_get_url (node);
          gboolean image = type == CMARK_NODE_IMAGE;
          gsize start, end;
          BylineMarkdownLink *tag = NULL;

          cmark_node *child = cmark_node_first_child (node);
          gboolean found_start = FALSE;

          /* A link over lines starts, for cmark-gfm 0.29, on its last
           * line: its text's first line says where it is. */
          if (child != NULL && cmark_node_get_type (child) == CMARK_NODE_TEXT &&
              cmark_node_get_start_line (child) > 0 && cmark_node_get_start_line (child) < line &&
              cmark_node_get_literal (child) != NULL && cmark_node_get_literal (child)[0] != '\0')
            {
              char first[2] = { cmark_node_get_literal (child)[0], '\0' };
              gsize at;

              if (links_offset (mask, n, starts, cmark_node_get_start_line (child),
                                cmark_node_get_start_column (child), first, &at) &&
                  at >= (image ? 2u : 1u) && mask[at - 1] == '[' && (!image || mask[at - 2] == '!'))
                {
                  start = at - (image ? 2 : 1);
                  found_start = TRUE;
                }
            }
          if (!found_start)
            found_start = links_offset (mask, n, starts, line, cmark_node_get_start_column (node),
                                        image ? "!" : "[", &start);
          if (url == NULL || url[0] == '\0' || !found_start ||
              !links_offset (mask, n, starts, cmark_node_get_end_line (node),
                             cmark_node_get_end_column (node), ")]", &end) ||
              end < start)
            continue;   /* an autolink (no position), or one not found */
          end++;
          if (url[strspn (url, "x")] == '\0')
            {
              /* the first tag starting in the link (tags are in order) */
              guint lo = 0, hi = tags->len;

              while (lo < hi)
                {
                  guint mid = (lo + hi) / 2;

                  if (((BylineMarkdownLink *) g_ptr_array_index (tags, mid))->start < start)
                    lo = mid + 1;
                  else
                    hi = mid;
                }
              for (; lo < tags->len && tag == NULL; lo++)
                {
                  BylineMarkdownLink *t = g_ptr_array_index (tags, lo);

                  if (t->start >= end)
                    break;
                  if (t->kind == BYLINE_MARKDOWN_LINK_POST && t->end <= end)
                    tag = t;
                }
            }
          if (tag != NULL)
            g_ptr_array_add (links, markdown_link_new (BYLINE_MARKDOWN_LINK_POST, start, end,
                                                       tag->target, tag->tag));
          else
            g_ptr_array_add (links, markdown_link_new (image ? BYLINE_MARKDOWN_LINK_IMAGE
                                                             : BYLINE_MARKDOWN_LINK_LINK,
                                                       start, end, url, NULL));
        }
      else if (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK)
        {
          const char *literal = cmark_node_get_literal (node);
          gsize start;

          if (literal == NULL ||
              !links_offset (mask, n, starts, line, cmark_node_get_start_column (node), "<", &start))
            continue;
          /* only where the HTML is the source, byte for byte */
          if (strlen (literal) <= n - start && memcmp (text + start, literal, strlen (literal)) == 0)
            links_html (literal, start, links);
        }
    }
  cmark_iter_free (iter);
  cmark_node_free (doc);
  cmark_parser_free (parser);

  /* figures outside code blocks (the scan skipped fenced code already) */
  for (guint i = 0; i < tags->len; i++)
    {
      BylineMarkdownLink *t = g_ptr_array_index (tags, i);
      gboolean in_code = FALSE;
      int line;

      if (t->kind != BYLINE_MARKDOWN_LINK_FIGURE)
        continue;
      line = line_of (starts, t->start);
      for (guint j = 0; j + 1 < code_lines->len && !in_code; j += 2)
        in_code = line >= g_array_index (code_lines, int, j) && line <= g_array_index (code_lines, int, j + 1);
      if (!in_code)
        g_ptr_array_add (links, markdown_link_new (t->kind, t->start, t->end, t->target, NULL));
    }

  g_ptr_array_sort (links, links_compare);
  return links;
}

/* ------------------------------------------------------------------------ */
/* Link reference definitions                                                */
/* ------------------------------------------------------------------------ */

/* A line that may be a link reference definition: where its label and
 * destination are, as written (offsets in the text). */
typedef struct {
  gsize label_start;   /* after "[" */
  gsize label_end;     /* at "]" */
  gsize dest_start;    /* the destination, its <> excluded */
  gsize dest_end;
  int   line;          /* cmark's line of the "[" (1-based) */
  int   dest_line;     /* and of the destination */
} DefCandidate;

/* Past the container markers that may stand before a definition on the
 * line at @p: blanks, ">" and list item markers. */
static const char *
defs_skip_prefix (const char *p,
                  const char *line_end)
{
  for (;;)
    {
      const char *q = p;

      while (q < line_end && (*q == ' ' || *q == '\t' || *q == '>'))
        q++;
      if (q < line_end && (*q == '-' || *q == '*' || *q == '+') && q + 1 < line_end &&
          (q[1] == ' ' || q[1] == '\t'))
        q += 2;
      else if (q < line_end && g_ascii_isdigit (*q))
        {
          const char *d = q;

          while (d < line_end && d - q < 9 && g_ascii_isdigit (*d))
            d++;
          if (d + 1 < line_end && (*d == '.' || *d == ')') && (d[1] == ' ' || d[1] == '\t'))
            q = d + 2;
        }
      if (q == p)
        return p;
      p = q;
    }
}

/* The line of @text at @p ([@p, *@line_end), its line break excluded) as a
 * definition's first line: "[label]:" then the destination, there or alone
 * on the next line. FALSE when it is none. */
static gboolean
defs_candidate (const char   *text,
                gsize         len,
                const char   *p,
                const char   *line_end,
                GArray       *starts,
                DefCandidate *candidate)
{
  const char *end = text + len;
  const char *q = defs_skip_prefix (p, line_end);
  const char *label, *d;
  gboolean blank = TRUE;

  if (q >= line_end || *q != '[' || (q + 1 < line_end && q[1] == '^'))
    return FALSE;
  label = ++q;
  while (q < line_end && *q != ']')
    {
      if (*q == '[')
        return FALSE;
      if (*q != ' ' && *q != '\t')
        blank = FALSE;
      q += *q == '\\' && q + 1 < line_end ? 2 : 1;
    }
  if (q + 1 >= line_end || q[1] != ':' || blank || q - label > 999)
    return FALSE;
  candidate->label_start = label - text;
  candidate->label_end = q - text;
  candidate->line = line_of (starts, label - text);

  d = q + 2;
  while (d < line_end && (*d == ' ' || *d == '\t'))
    d++;
  if (d >= line_end)
    {
      /* the destination alone on the next line */
      d = line_end;
      if (d < end && *d == '\r')
        d++;
      if (d < end && *d == '\n')
        d++;
      if (d == line_end)
        return FALSE;
      line_end = d;
      while (line_end < end && *line_end != '\n' && *line_end != '\r')
        line_end++;
      while (d < line_end && (*d == ' ' || *d == '\t' || *d == '>'))
        d++;
      if (d >= line_end)
        return FALSE;
    }
  candidate->dest_line = line_of (starts, d - text);
  if (*d == '<')
    {
      const char *close = d + 1;

      while (close < line_end && *close != '>' && *close != '<')
        close += *close == '\\' && close + 1 < line_end ? 2 : 1;
      if (close >= line_end || *close != '>')
        return FALSE;
      candidate->dest_start = d + 1 - text;
      candidate->dest_end = close - text;
      return TRUE;
    }
  candidate->dest_start = d - text;
  while (d < line_end && *d != ' ' && *d != '\t')
    d++;
  candidate->dest_end = d - text;
  return TRUE;
}

/* The block after @node, its children skipped, or NULL at @doc's end. */
static cmark_node *
defs_next_block (cmark_node *node,
                 cmark_node *doc)
{
  while (node != doc)
    {
      if (cmark_node_next (node) != NULL)
        return cmark_node_next (node);
      node = cmark_node_parent (node);
    }
  return NULL;
}

/* @raw with its backslash escapes undone, as cmark-gfm reads a
 * destination (entities are left: such a destination is not matched). */
static char *
defs_unescape (const char *raw,
               gsize       len)
{
  GString *s = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (raw[i] == '\\' && i + 1 < len && g_ascii_ispunct (raw[i + 1]))
        i++;
      g_string_append_c (s, raw[i]);
    }
  return g_string_free (s, FALSE);
}

/* A label as cmark-gfm matches them: case folded, blanks collapsed. */
static char *
defs_normalize (const char *label,
                gsize       len)
{
  g_autofree char *folded = g_utf8_casefold (label, len);
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = folded; *c != '\0'; c++)
    {
      if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *c);
        }
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
byline_markdown_dup_link_definitions (const char *text,
                                      gssize      len)
{
  GPtrArray *defs = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_markdown_link_free);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) blocks = NULL;       /* pairs: first, last line of a leaf block not a paragraph */
  g_autoptr(GArray) paragraphs = NULL;   /* the same, of paragraphs */
  g_autoptr(GPtrArray) urls = NULL;      /* the probes' destinations, NULL: no link */
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(GString) doc_text = NULL;
  g_autofree char *mask = NULL;
  cmark_parser *parser;
  cmark_node *doc;
  gsize n;
  int n_lines;

  g_return_val_if_fail (text != NULL || len == 0, defs);

  n = len < 0 ? strlen (text) : (gsize) len;
  if (n == 0 || memchr (text, '[', n) == NULL)
    return defs;

  /* the text as byline_markdown_dup_links() parses it: shortcodes masked */
  mask = g_malloc (n + 1);
  memcpy (mask, text, n);
  mask[n] = '\0';
  tags = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_markdown_link_free);
  links_prescan (text, n, mask, tags);

  starts = line_starts (mask, n);
  n_lines = starts->len - 1;   /* (the last entry is the length) */

  /* the lines that may be definitions */
  candidates = g_array_new (FALSE, FALSE, sizeof (DefCandidate));
  for (const char *p = mask; p < mask + n;)
    {
      const char *line_end = p;
      DefCandidate candidate;

      while (line_end < mask + n && *line_end != '\n' && *line_end != '\r')
        line_end++;
      if (defs_candidate (mask, n, p, line_end, starts, &candidate))
        g_array_append_val (candidates, candidate);
      p = line_end;
      if (p < mask + n && *p == '\r')
        p++;
      if (p < mask + n && *p == '\n')
        p++;
    }
  if (candidates->len == 0)
    return defs;

  /* cmark-gfm says which labels are defined, and as what: each label,
   * alone after the text, is a link to its definition's destination */
  doc_text = g_string_new_len (mask, n);
  g_string_append (doc_text, "\n\n");
  for (guint i = 0; i < candidates->len; i++)
    {
      DefCandidate *c = &g_array_index (candidates, DefCandidate, i);

      g_string_append_c (doc_text, '[');
      g_string_append_len (doc_text, mask + c->label_start, c->label_end - c->label_start);
      g_string_append (doc_text, "]\n\n");
    }

  blocks = g_array_new (FALSE, FALSE, sizeof (int));
  paragraphs = g_array_new (FALSE, FALSE, sizeof (int));
  urls = g_ptr_array_new_with_free_func (g_free);
  parser = parser_new (CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES);
  cmark_parser_feed (parser, doc_text->str, doc_text->len);
  doc = cmark_parser_finish (parser);
  /* the blocks only (an iterator would visit every inline too) */
  for (cmark_node *node = cmark_node_first_child (doc); node != NULL;)
    {
      cmark_node_type type = cmark_node_get_type (node);
      int first = cmark_node_get_start_line (node);
      int last = cmark_node_get_end_line (node);

      if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM)
        {
          if (cmark_node_first_child (node) != NULL)
            {
              node = cmark_node_first_child (node);
              continue;
            }
        }
      else if (type == CMARK_NODE_PARAGRAPH && first > n_lines && cmark_node_parent (node) == doc)
        {
          /* a probe */
          cmark_node *child = cmark_node_first_child (node);
          const char *url = NULL;

          if (child != NULL && cmark_node_get_type (child) == CMARK_NODE_LINK &&
              cmark_node_next (child) == NULL)
            url = cmark_node_get_url (child);
          g_ptr_array_add (urls, g_strdup (url));
        }
      else if (type == CMARK_NODE_PARAGRAPH)
        {
          g_array_append_val (paragraphs, first);
          g_array_append_val (paragraphs, last);
        }
      else
        {
          /* code, HTML, a heading, a thematic break, a table, a footnote:
           * no definitions in there (cmark-gfm 0.29 ends an HTML block
           * that ends at its marker a line early) */
          if (type == CMARK_NODE_HTML_BLOCK)
            last++;
          g_array_append_val (blocks, first);
          g_array_append_val (blocks, last);
        }
      node = defs_next_block (node, doc);
    }
  cmark_node_free (doc);
  cmark_parser_free (parser);

  /* the probes all read as paragraphs of their own, or none can be trusted
   * (the text ends in open code or HTML) */
  if (urls->len != candidates->len)
    return defs;

  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < candidates->len; i++)
    {
      DefCandidate *c = &g_array_index (candidates, DefCandidate, i);
      const char *url = g_ptr_array_index (urls, i);
      g_autofree char *label = NULL;
      g_autofree char *written = NULL;
      g_autofree char *dest = NULL;
      gboolean inside = FALSE;

      if (url == NULL)
        continue;   /* not a definition cmark-gfm knows */

      /* not in code, HTML, a heading or a table */
      for (guint j = 0; j + 1 < blocks->len && !inside; j += 2)
        inside = c->line <= g_array_index (blocks, int, j + 1) && c->dest_line >= g_array_index (blocks, int, j);
      if (inside)
        continue;
      /* in a paragraph (cmark-gfm 0.29 counts the definitions it took
       * off a paragraph's start as its lines): only after definitions */
      for (guint j = 0; j + 1 < paragraphs->len && !inside; j += 2)
        {
          int first = g_array_index (paragraphs, int, j), last = g_array_index (paragraphs, int, j + 1);

          if (c->line > first && c->line <= last)
            {
              int line = first;

              for (guint k = 0; k < i && line < c->line; k++)
                {
                  const DefCandidate *before = &g_array_index (candidates, DefCandidate, k);

                  if (before->line == line)
                    line = before->dest_line + 1;
                }
              inside = line != c->line;
            }
        }
      if (inside)
        continue;

      /* the first definition of a label is the one cmark-gfm keeps */
      label = defs_normalize (mask + c->label_start, c->label_end - c->label_start);
      if (g_hash_table_contains (labels, label))
        continue;
      g_hash_table_add (labels, g_strdup (label));

      /* its destination as written must be cmark-gfm's */
      dest = defs_unescape (text + c->dest_start, c->dest_end - c->dest_start);
      if (!g_str_equal (dest, url))
        continue;
      written = g_strndup (text + c->label_start, c->label_end - c->label_start);
      g_ptr_array_add (defs, markdown_link_new (BYLINE_MARKDOWN_LINK_LINK, c->dest_start, c->dest_end,
                                                url, written));
    }
  return defs;
}
