/* byline-post.c: the command-line tool on the front matter engine
 *
 *   byline-post get FILE [KEY]
 *   byline-post set FILE KEY VALUE [--type TYPE] [--dry-run]
 *   byline-post unset FILE KEY [--dry-run]
 *   byline-post check FILE…
 *   byline-post render FILE [--smart] [--raw-html]
 *   byline-post new FILE
 *
 * It reads and writes through the same engine (byline-front-matter.h) and the
 * same save path (byline-post-io.h) as the app: only the edited entry's bytes
 * change, saves are atomic and keep the file's permissions. `new` makes a
 * post from the site's archetype or Byline's own template
 * (byline-template.h), as the app's new posts are made.
 *
 * Exit status: 0 success; 1 invalid front matter, no such field, or a value
 * or edit that was refused; 2 usage error, or a file that can't be read or
 * written (or, for `new`, already exists); 3 something byline-post does not
 * support (editing JSON front matter, a TOML edit the engine does not
 * make yet, YAML the engine can't edit safely, an archetype it can't fill
 * in).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-post"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "byline-front-matter.h"
#include "byline-markdown.h"
#include "byline-post-io.h"
#include "byline-template.h"

enum {
  EXIT_OK          = 0,
  EXIT_INVALID     = 1,
  EXIT_TROUBLE     = 2,
  EXIT_UNSUPPORTED = 3,
};

#define PROGRAM "byline-post"

/* Lines of context around each hunk of a --dry-run diff. */
#define CONTEXT_LINES 3

/* Above this many trace cells (4 bytes each) the diff stops looking for the
 * shortest edit script and shows the differing middle as one change. */
#define MAX_DIFF_CELLS (16 * 1024 * 1024)

/* A value type as the command line names it: the engine's scalar types plus
 * "list" (a sequence of strings). */
typedef enum {
  CLI_TYPE_NONE,
  CLI_TYPE_STRING,
  CLI_TYPE_BOOL,
  CLI_TYPE_INT,
  CLI_TYPE_FLOAT,
  CLI_TYPE_DATE,
  CLI_TYPE_DATETIME,
  CLI_TYPE_LIST,
} CliType;

/* A post read from disk and split into its parts. */
typedef struct {
  char              *arg;       /* the path as the user gave it, for messages */
  GFile             *file;
  GBytes            *bytes;
  const char        *data;
  gsize              len;
  BylinePostSplit    split;
  BylineFrontMatter *fm;        /* YAML and JSON only */
} Post;

typedef struct {
  const char *text;
  gsize       len;
} Line;

typedef enum {
  DIFF_EQUAL,
  DIFF_DELETE,
  DIFF_INSERT,
} DiffKind;

/* One step of an edit script. @a and @b are the positions in the old and
 * the new lines: the line itself for EQUAL, the deleted line and the next new
 * line for DELETE, the next old line and the inserted line for INSERT. */
typedef struct {
  DiffKind kind;
  guint    a;
  guint    b;
} DiffOp;

typedef int (*CommandFunc) (const char *name,
                            int         argc,
                            char      **argv);

typedef struct {
  const char  *name;
  CommandFunc  func;
} Command;

static int cmd_get   (const char *name, int argc, char **argv);
static int cmd_set   (const char *name, int argc, char **argv);
static int cmd_unset (const char *name, int argc, char **argv);
static int cmd_check (const char *name, int argc, char **argv);
static int cmd_render (const char *name, int argc, char **argv);
static int cmd_new   (const char *name, int argc, char **argv);

static const Command commands[] = {
  { "get",   cmd_get },
  { "set",   cmd_set },
  { "unset", cmd_unset },
  { "check", cmd_check },
  { "render", cmd_render },
  { "new",   cmd_new },
};

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

static void
print_message (const char *message)
{
  g_printerr ("%s: %s\n", PROGRAM, message);
}

static void
print_file_message (const char *arg,
                    const char *message)
{
  g_autofree char *display = g_filename_display_name (arg);

  g_printerr ("%s: %s: %s\n", PROGRAM, display, message);
}

static int
usage_error (const char *command,
             const char *message)
{
  print_message (message);
  if (command != NULL)
    /* TRANSLATORS: the first %s is the program, the second a command such as “set” */
    g_printerr (_("Try “%s %s --help” for more information.\n"), PROGRAM, command);
  else
    g_printerr (_("Try “%s --help” for more information.\n"), PROGRAM);
  return EXIT_TROUBLE;
}

static int
exit_status_for_error (const GError *error)
{
  g_assert (error != NULL);

  if (error->domain == BYLINE_FRONT_MATTER_ERROR)
    {
      switch ((BylineFrontMatterError) error->code)
        {
        case BYLINE_FRONT_MATTER_ERROR_READ_ONLY:
        case BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED:
          return EXIT_UNSUPPORTED;
        case BYLINE_FRONT_MATTER_ERROR_NOT_TEXT:
          return EXIT_TROUBLE;
        case BYLINE_FRONT_MATTER_ERROR_INVALID:
        case BYLINE_FRONT_MATTER_ERROR_NOT_FOUND:
        case BYLINE_FRONT_MATTER_ERROR_EXISTS:
        case BYLINE_FRONT_MATTER_ERROR_BAD_VALUE:
        case BYLINE_FRONT_MATTER_ERROR_UNSAFE:
        default:
          return EXIT_INVALID;
        }
    }

  /* Reading or writing the file failed. */
  return EXIT_TROUBLE;
}

/* Writes bytes to standard output as they are: JSON and diffs are UTF-8 (or
 * the file's own bytes) whatever the locale. */
static void
write_stdout (const char *data,
              gsize       len)
{
  if (len > 0)
    fwrite (data, 1, len, stdout);
  fflush (stdout);
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                 */
/* ------------------------------------------------------------------------ */

/* KEY and VALUE arrive in the locale's encoding; the engine wants UTF-8. */
static char *
arg_to_utf8 (const char *arg)
{
  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);
  return g_locale_to_utf8 (arg, -1, NULL, NULL, NULL);
}

/* Splits a dotted key path ("params.author", "menu.main.0.name"). */
static char **
parse_key_path (const char *key)
{
  g_auto(GStrv) path = NULL;
  guint i;

  if (key == NULL || key[0] == '\0')
    return NULL;

  path = g_strsplit (key, ".", -1);
  for (i = 0; path[i] != NULL; i++)
    if (path[i][0] == '\0')
      return NULL;

  return g_steal_pointer (&path);
}

static gboolean
cli_type_from_string (const char *str,
                      CliType    *type)
{
  static const struct {
    const char *name;
    CliType     type;
  } names[] = {
    { "string",   CLI_TYPE_STRING },
    { "bool",     CLI_TYPE_BOOL },
    { "int",      CLI_TYPE_INT },
    { "float",    CLI_TYPE_FLOAT },
    { "date",     CLI_TYPE_DATE },
    { "datetime", CLI_TYPE_DATETIME },
    { "list",     CLI_TYPE_LIST },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (str, names[i].name) == 0)
      {
        *type = names[i].type;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Recognising values                                                        */
/* ------------------------------------------------------------------------ */

static gboolean
is_digits (const char *s,
           gsize       n)
{
  gsize i;

  for (i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Starts with YYYY-MM-DD, a real day. */
static gboolean
text_has_date_prefix (const char *text)
{
  guint64 year, month, day;

  if (strlen (text) < 10 || text[4] != '-' || text[7] != '-' ||
      !is_digits (text, 4) || !is_digits (text + 5, 2) || !is_digits (text + 8, 2))
    return FALSE;

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
text_is_date (const char *text)
{
  return strlen (text) == 10 && text_has_date_prefix (text);
}

/* An ISO 8601 date and time with 'T' or a space between them, as Hugo and
 * Jekyll read them; the zone is optional, and may follow a space. */
static gboolean
text_is_datetime (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *joined = NULL;
  const char *space;

  if (!text_has_date_prefix (text) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt != NULL)
    return TRUE;

  /* "2025-02-13 01:55:25 +05:30": drop the space before the zone. */
  space = strrchr (text, ' ');
  if (space == NULL || space == text + 10 ||
      (space[1] != '+' && space[1] != '-' && space[1] != 'Z'))
    return FALSE;
  joined = g_strndup (text, space - text);
  {
    g_autofree char *whole = g_strconcat (joined, space + 1, NULL);
    dt = g_date_time_new_from_iso8601 (whole, utc);
  }
  return dt != NULL;
}

/* [-+]digits, fitting in 64 bits. */
static gboolean
text_is_int (const char *text)
{
  const char *p = text;

  if (*p == '-' || *p == '+')
    p++;
  if (*p == '\0' || !is_digits (p, strlen (p)))
    return FALSE;
  return g_ascii_string_to_signed (text[0] == '+' ? text + 1 : text, 10,
                                   G_MININT64, G_MAXINT64, NULL, NULL);
}

/* A decimal number with a point or an exponent: 1.5, -.5, 2e3, 1.0E-3. */
static gboolean
text_is_float (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0' && !text_is_int (text);
}

/* true/false, and the YAML 1.1 words yes/no/on/off, in any case. */
static gboolean
text_to_bool (const char *text,
              gboolean   *value)
{
  static const char *trues[] = { "true", "yes", "on" };
  static const char *falses[] = { "false", "no", "off" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (trues); i++)
    {
      if (g_ascii_strcasecmp (text, trues[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, falses[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

static BylineValueType
string_type_for (const char *value)
{
  return strchr (value, '\n') != NULL ? BYLINE_VALUE_TEXT : BYLINE_VALUE_STRING;
}

static const char *
value_type_name (BylineValueType type)
{
  switch (type)
    {
    case BYLINE_VALUE_NULL:     return "null";
    case BYLINE_VALUE_BOOL:     return "bool";
    case BYLINE_VALUE_INT:      return "int";
    case BYLINE_VALUE_FLOAT:    return "float";
    case BYLINE_VALUE_DATE:     return "date";
    case BYLINE_VALUE_DATETIME: return "datetime";
    case BYLINE_VALUE_STRING:   return "string";
    case BYLINE_VALUE_TEXT:     return "text";
    case BYLINE_VALUE_SEQUENCE: return "list";
    case BYLINE_VALUE_MAPPING:  return "mapping";
    default:                    return "string";
    }
}

/* ------------------------------------------------------------------------ */
/* Reading a post                                                            */
/* ------------------------------------------------------------------------ */

static void
post_clear (Post *post)
{
  g_clear_pointer (&post->arg, g_free);
  g_clear_object (&post->file);
  g_clear_pointer (&post->bytes, g_bytes_unref);
  g_clear_pointer (&post->fm, byline_front_matter_unref);
  post->data = NULL;
  post->len = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Post, post_clear)

static gboolean
line_is_delimiter (const char *line,
                   gsize       len,
                   const char *delimiter)
{
  gsize i;

  if (len < 3 || memcmp (line, delimiter, 3) != 0)
    return FALSE;
  for (i = 3; i < len && line[i] != '\n'; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* The engine leaves a block that is never closed in the body. Adding a block
 * above such a file would leave the broken one below it, so edits refuse it
 * and `check` reports it. */
static gboolean
post_check_closed (Post    *post,
                   GError **error)
{
  const char *start;
  gsize rest;

  if (post->split.format != BYLINE_FORMAT_NONE)
    return TRUE;

  start = post->data + post->split.open_start;
  rest = post->len - post->split.open_start;

  if (line_is_delimiter (start, rest, "---") || line_is_delimiter (start, rest, "+++"))
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                           _("The front matter block that starts on line 1 is never closed."));
      return FALSE;
    }

  if (rest > 0 && start[0] == '{')
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                           _("The file starts with “{” but not with a complete JSON object."));
      return FALSE;
    }

  return TRUE;
}

/* Loads, splits and parses the post. A file that can't be read is reported
 * here. Returns the exit status: EXIT_OK when the post is ready. */
static int
post_load (Post       *post,
           const char *arg)
{
  g_autoptr(GError) error = NULL;

  post->arg = g_strdup (arg);
  post->file = g_file_new_for_commandline_arg (arg);

  /* A device or a pipe never ends (/dev/zero) or blocks (a FIFO): refuse
   * anything that is not a file or a folder before reading it. */
  {
    g_autoptr(GFileInfo) info = g_file_query_info (post->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
      {
        g_autofree char *display = g_filename_display_name (arg);
        g_autofree char *message = g_strdup_printf (_("“%s” is a device or a pipe, not a post."),
                                                    display);
        print_message (message);
        return EXIT_TROUBLE;
      }
  }

  post->bytes = byline_post_load (post->file, NULL, &error);
  if (post->bytes == NULL)
    {
      print_message (error->message);
      return EXIT_TROUBLE;
    }

  post->data = g_bytes_get_data (post->bytes, &post->len);
  if (post->data == NULL)
    post->data = "";
  byline_post_split (post->data, post->len, &post->split);

  if (post->split.format != BYLINE_FORMAT_NONE)
    post->fm = byline_front_matter_new (post->split.format,
                                        post->data + post->split.fm_start,
                                        post->split.fm_end - post->split.fm_start);
  return EXIT_OK;
}

/* Lines of the file before the front matter text. */
static guint
post_line_offset (Post *post)
{
  guint lines = 0;
  gsize i;

  for (i = 0; i < post->split.fm_start; i++)
    if (post->data[i] == '\n')
      lines++;
  return lines;
}

static void
print_position_message (const char *arg,
                        guint       line,
                        guint       column,
                        const char *message)
{
  g_autofree char *display = g_filename_display_name (arg);

  g_printerr ("%s:%u:%u: %s\n", display, MAX (line, 1), MAX (column, 1), message);
}

/* The engine's message may start with its own position in the front
 * matter ("Line 2, column 6: …"), which would contradict the file position
 * printed before it: drop a leading phrase holding exactly those numbers. */
static const char *
strip_position (const char *message,
                guint       line,
                guint       column)
{
  g_autofree char *pattern = g_strdup_printf ("^[^0-9:]*\\b%u\\b[^0-9:]*\\b%u\\b: *", line, column);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int end = 0;

  if (regex != NULL && g_regex_match (regex, message, 0, &match) &&
      g_match_info_fetch_pos (match, 0, NULL, &end) && message[end] != '\0')
    return message + end;
  return message;
}

/* FILE:LINE:COL: message, for an invalid front matter block. */
static void
post_print_parse_error (Post *post)
{
  const GError *error;
  guint line = 0, column = 0;

  g_assert (post->fm != NULL);

  error = byline_front_matter_get_error (post->fm);
  byline_front_matter_get_error_position (post->fm, &line, &column);
  print_position_message (post->arg, MAX (line, 1) + post_line_offset (post), column,
                          error != NULL ? strip_position (error->message, line, column)
                                        : _("The front matter is not valid."));
}

/* json-glib's messages start with "<data>:LINE:COLUMN: ". */
static void
post_print_json_error (Post         *post,
                       const GError *error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[^:]*:([0-9]+):([0-9]+): *(.*)$", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *text = g_match_info_fetch (match, 3);

      print_position_message (post->arg,
                              (guint) g_ascii_strtoull (line, NULL, 10) + post_line_offset (post),
                              (guint) g_ascii_strtoull (column, NULL, 10),
                              text);
    }
  else
    print_position_message (post->arg, 1 + post_line_offset (post), 1, error->message);
}

/* The JSON front matter as json-glib reads it, when the engine builds no
 * model for it. */
static JsonNode *
post_parse_json (Post    *post,
                 GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, post->data + post->split.fm_start,
                                   post->split.fm_end - post->split.fm_start, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
                           _("JSON front matter must be an object."));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* Splits a dotted KEY against the post, so that keys holding dots
 * themselves ("ms.date") can be reached: at each level the longest run of
 * components that names an existing key wins. What names nothing yet is
 * split at every dot: a new "params.author" is "author" inside "params". */
static char **
resolve_key_path (BylineFrontMatter *fm,
                  const char        *key)
{
  g_auto(GStrv) parts = parse_key_path (key);
  g_autoptr(GStrvBuilder) path = g_strv_builder_new ();
  BylineNode *node;
  guint n, i = 0;

  if (parts == NULL)
    return NULL;

  node = fm != NULL ? byline_front_matter_get_root (fm) : NULL;
  n = g_strv_length (parts);

  while (i < n)
    {
      BylineNode *child = NULL;
      guint taken = 1;   /* how many components this level's key spans */
      g_autofree char *component = NULL;
      char *saved;

      if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_MAPPING)
        {
          guint j;

          for (j = n; j > i && child == NULL; j--)
            {
              g_autofree char *joined = NULL;

              saved = parts[j];
              parts[j] = NULL;
              joined = g_strjoinv (".", parts + i);
              parts[j] = saved;

              child = byline_node_lookup (node, joined);
              if (child != NULL)
                taken = j - i;
            }
        }
      else if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE)
        {
          guint64 index;

          if (g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &index, NULL) &&
              index < byline_node_get_n_children (node))
            child = byline_node_get_child (node, (guint) index);
        }

      saved = parts[i + taken];
      parts[i + taken] = NULL;
      component = g_strjoinv (".", parts + i);
      parts[i + taken] = saved;
      g_strv_builder_add (path, component);

      i += taken;
      node = child;
    }

  return g_strv_builder_end (path);
}

/* ------------------------------------------------------------------------ */
/* JSON output for `get`                                                     */
/* ------------------------------------------------------------------------ */

/* The output has one shape for every node: {"value": …, "type": …}. The
 * value of a mapping is an object of such nodes; the value of a list is an
 * array of plain JSON values (a mapping inside a list is a plain object).
 * Reach the type of anything inside a list with a key path ("menu.main.0"). */

static JsonNode *
typed_node_new (JsonNode   *value,
                const char *type,
                gboolean    read_only)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, "value", value);
  json_object_set_string_member (object, "type", type);
  if (read_only)
    json_object_set_boolean_member (object, "read_only", TRUE);
  json_node_take_object (node, object);
  return node;
}

/* json-glib writes every double with 17 digits (4.7 as 4.7000000000000002).
 * A float goes into the tree as a string holding a mark and its shortest
 * form that reads back as the same double; print_json() unquotes it. */
static char float_mark[32];

static const char *
get_float_mark (void)
{
  if (float_mark[0] == '\0')
    g_snprintf (float_mark, sizeof float_mark, "\001float%08x:", g_random_int ());
  return float_mark;
}

static char *
float_marked (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  int precision;

  for (precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, number);
      if (g_ascii_strtod (buffer, NULL) == number)
        break;
    }

  /* Keep it a float to JSON readers that tell 1 from 1.0. */
  if (strpbrk (buffer, ".eE") == NULL)
    return g_strconcat (get_float_mark (), buffer, ".0", NULL);
  return g_strconcat (get_float_mark (), buffer, NULL);
}

static JsonNode *
empty_object_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  return node;
}

static JsonNode *
scalar_to_json (const BylineNode *node)
{
  const char *text = byline_node_get_scalar (node);
  JsonNode *json = json_node_new (JSON_NODE_VALUE);

  if (text == NULL)
    text = "";

  switch (byline_node_get_value_type (node))
    {
    case BYLINE_VALUE_NULL:
      json_node_free (json);
      return json_node_new (JSON_NODE_NULL);

    case BYLINE_VALUE_BOOL:
      json_node_set_boolean (json, byline_node_get_bool (node));
      return json;

    case BYLINE_VALUE_INT:
      {
        gint64 number;

        const char *digits = text[0] == '+' || text[0] == '-' ? text + 1 : text;

        /* Only plain decimals become numbers: readers disagree on 010
         * (8 to YAML 1.1 and Hugo, 10 to YAML 1.2), and 0x1F, 0o17 or
         * 1_000 are kept as written. */
        if ((digits[0] != '0' || digits[1] == '\0') &&
            g_ascii_string_to_signed (text[0] == '+' ? text + 1 : text, 10,
                                      G_MININT64, G_MAXINT64, &number, NULL))
          json_node_set_int (json, number);
        else
          json_node_set_string (json, text);
        return json;
      }

    case BYLINE_VALUE_FLOAT:
      {
        char *end = NULL;
        double number = g_ascii_strtod (text, &end);

        if (end != text && *end == '\0' && isfinite (number))
          {
            g_autofree char *marked = float_marked (number);

            json_node_set_string (json, marked);
          }
        else
          json_node_set_string (json, text);   /* .inf, .nan */
        return json;
      }

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      /* Dates as written in the file. */
      json_node_set_string (json, text);
      return json;
    }
}

static JsonNode *
node_to_plain (const BylineNode *node)
{
  BylineValueType type = byline_node_get_value_type (node);
  guint n = byline_node_get_n_children (node);
  guint i;

  if (type == BYLINE_VALUE_MAPPING)
    {
      JsonObject *object = json_object_new ();
      JsonNode *json = json_node_new (JSON_NODE_OBJECT);

      for (i = 0; i < n; i++)
        {
          BylineNode *child = byline_node_get_child (node, i);
          const char *key = byline_node_get_key (child);

          json_object_set_member (object, key != NULL ? key : "", node_to_plain (child));
        }
      json_node_take_object (json, object);
      return json;
    }

  if (type == BYLINE_VALUE_SEQUENCE)
    {
      JsonArray *array = json_array_sized_new (n);
      JsonNode *json = json_node_new (JSON_NODE_ARRAY);

      for (i = 0; i < n; i++)
        json_array_add_element (array, node_to_plain (byline_node_get_child (node, i)));
      json_node_take_array (json, array);
      return json;
    }

  return scalar_to_json (node);
}

static JsonNode *
node_to_typed (const BylineNode *node)
{
  BylineValueType type = byline_node_get_value_type (node);
  gboolean read_only = byline_node_is_read_only (node, NULL);

  if (type == BYLINE_VALUE_MAPPING)
    {
      JsonObject *object = json_object_new ();
      JsonNode *value = json_node_new (JSON_NODE_OBJECT);
      guint n = byline_node_get_n_children (node);
      guint i;

      for (i = 0; i < n; i++)
        {
          BylineNode *child = byline_node_get_child (node, i);
          const char *key = byline_node_get_key (child);

          json_object_set_member (object, key != NULL ? key : "", node_to_typed (child));
        }
      json_node_take_object (value, object);
      return typed_node_new (value, value_type_name (type), read_only);
    }

  return typed_node_new (node_to_plain (node), value_type_name (type), read_only);
}

/* The same shape from json-glib's reading of JSON front matter. */
static JsonNode *
json_to_typed (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *in = json_node_get_object (node);
        JsonObject *out = json_object_new ();
        JsonNode *value = json_node_new (JSON_NODE_OBJECT);
        g_autoptr(GList) members = json_object_get_members (in);
        GList *l;

        for (l = members; l != NULL; l = l->next)
          json_object_set_member (out, l->data,
                                  json_to_typed (json_object_get_member (in, l->data)));
        json_node_take_object (value, out);
        return typed_node_new (value, "mapping", FALSE);
      }

    case JSON_NODE_ARRAY:
      return typed_node_new (json_node_copy (node), "list", FALSE);

    case JSON_NODE_NULL:
      return typed_node_new (json_node_new (JSON_NODE_NULL), "null", FALSE);

    case JSON_NODE_VALUE:
    default:
      {
        GType gtype = json_node_get_value_type (node);
        const char *type = "string";

        if (gtype == G_TYPE_BOOLEAN)
          type = "bool";
        else if (gtype == G_TYPE_INT64)
          type = "int";
        else if (gtype == G_TYPE_DOUBLE)
          type = "float";
        else if (gtype == G_TYPE_STRING)
          {
            const char *text = json_node_get_string (node);

            if (text_is_date (text))
              type = "date";
            else if (text_is_datetime (text))
              type = "datetime";
            else if (strchr (text, '\n') != NULL)
              type = "text";
          }
        return typed_node_new (json_node_copy (node), type, FALSE);
      }
    }
}

static JsonNode *
json_lookup (JsonNode           *root,
             const char * const *path)
{
  JsonNode *node = root;
  guint i;

  for (i = 0; path[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          node = json_object_has_member (object, path[i])
                 ? json_object_get_member (object, path[i]) : NULL;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index;

          if (g_ascii_string_to_unsigned (path[i], 10, 0, G_MAXUINT, &index, NULL) &&
              index < json_array_get_length (array))
            node = json_array_get_element (array, (guint) index);
          else
            node = NULL;
        }
      else
        node = NULL;
    }

  return node;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);

  if (float_mark[0] != '\0')
    {
      /* "\u0001floatXXXXXXXX:4.7" → 4.7 */
      g_autofree char *pattern = g_strdup_printf ("\"\\\\u0001%s([-+0-9.eE]+)\"", float_mark + 1);
      g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      char *unmarked = g_regex_replace (regex, text, len, 0, "\\1", 0, NULL);

      g_assert (unmarked != NULL);
      g_free (text);
      text = unmarked;
      len = strlen (text);
    }

  write_stdout (text, len);
  write_stdout ("\n", 1);
}

/* ------------------------------------------------------------------------ */
/* Unified diff for --dry-run                                                */
/* ------------------------------------------------------------------------ */

/* Lines with their line endings, so that a changed line ending shows. */
static GArray *
split_lines (const char *data,
             gsize       len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize start = 0;
  gsize i;

  for (i = 0; i < len; i++)
    if (data[i] == '\n')
      {
        Line line = { data + start, i + 1 - start };

        g_array_append_val (lines, line);
        start = i + 1;
      }

  if (start < len)
    {
      Line line = { data + start, len - start };

      g_array_append_val (lines, line);
    }

  return lines;
}

static inline gboolean
line_equal (const Line *a,
            const Line *b)
{
  return a->len == b->len && memcmp (a->text, b->text, a->len) == 0;
}

static void
diff_append (GArray   *ops,
             DiffKind  kind,
             guint     a,
             guint     b)
{
  DiffOp op = { kind, a, b };

  g_array_append_val (ops, op);
}

/* Appends to @ops a shortest edit script from @a (@n lines) to @b (@m
 * lines): Myers' O(ND) algorithm, keeping each round's furthest points to
 * walk back. @a0 and @b0 are the positions of @a and @b in the whole files.
 * When the files differ too much to keep the trace, the middle is shown as
 * one deletion and one insertion: still a correct diff, just not minimal. */
static void
diff_middle (const Line *a,
             guint       n,
             const Line *b,
             guint       m,
             guint       a0,
             guint       b0,
             GArray     *ops)
{
  gint max = (gint) (n + m);
  gsize width = 2 * (gsize) max + 1;
  g_autoptr(GPtrArray) trace = NULL;
  g_autoptr(GArray) reversed = NULL;
  g_autofree gint *v = NULL;
  gint found = -1;
  gint d, x, y;
  guint i;

  if (max == 0)
    return;

  v = g_new0 (gint, width);
  trace = g_ptr_array_new_with_free_func (g_free);

  for (d = 0; d <= max && found < 0; d++)
    {
      gint k;

      if ((gsize) (d + 1) * width > MAX_DIFF_CELLS)
        break;

      g_ptr_array_add (trace, g_memdup2 (v, width * sizeof (gint)));

      for (k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]))
            x = v[k + 1 + max];
          else
            x = v[k - 1 + max] + 1;
          y = x - k;
          while (x < (gint) n && y < (gint) m && line_equal (&a[x], &b[y]))
            x++, y++;
          v[k + max] = x;
          if (x >= (gint) n && y >= (gint) m)
            {
              found = d;
              break;
            }
        }
    }

  if (found < 0)
    {
      for (i = 0; i < n; i++)
        diff_append (ops, DIFF_DELETE, a0 + i, b0);
      for (i = 0; i < m; i++)
        diff_append (ops, DIFF_INSERT, a0 + n, b0 + i);
      return;
    }

  reversed = g_array_new (FALSE, FALSE, sizeof (DiffOp));
  x = (gint) n;
  y = (gint) m;
  for (d = found; d >= 0; d--)
    {
      const gint *vd = g_ptr_array_index (trace, d);
      gint k = x - y;
      gint prev_k, prev_x, prev_y;

      if (k == -d || (k != d && vd[k - 1 + max] < vd[k + 1 + max]))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = vd[prev_k + max];
      prev_y = prev_x - prev_k;

      while (x > prev_x && y > prev_y)
        {
          x--, y--;
          diff_append (reversed, DIFF_EQUAL, a0 + x, b0 + y);
        }

      if (d > 0)
        {
          if (x == prev_x)
            diff_append (reversed, DIFF_INSERT, a0 + x, b0 + y - 1);
          else
            diff_append (reversed, DIFF_DELETE, a0 + x - 1, b0 + y);
        }

      x = prev_x;
      y = prev_y;
    }

  for (i = reversed->len; i > 0; i--)
    g_array_append_val (ops, g_array_index (reversed, DiffOp, i - 1));
}

static void
diff_append_range (GString *out,
                   guint    start,
                   guint    count)
{
  /* As GNU diff: an empty range names the line before it. */
  if (count == 0)
    g_string_append_printf (out, "%u,0", start);
  else if (count == 1)
    g_string_append_printf (out, "%u", start + 1);
  else
    g_string_append_printf (out, "%u,%u", start + 1, count);
}

static void
diff_append_line (GString    *out,
                  char        prefix,
                  const Line *line)
{
  g_string_append_c (out, prefix);
  g_string_append_len (out, line->text, line->len);
  if (line->len == 0 || line->text[line->len - 1] != '\n')
    g_string_append (out, "\n\\ No newline at end of file\n");
}

/* A unified diff from @old to @new with 3 lines of context, "" when they
 * are the same. */
static char *
unified_diff (const char *label,
              const char *old_text,
              gsize       old_len,
              const char *new_text,
              gsize       new_len)
{
  g_autoptr(GArray) a = split_lines (old_text, old_len);
  g_autoptr(GArray) b = split_lines (new_text, new_len);
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (DiffOp));
  const Line *al = (const Line *) (gpointer) a->data;
  const Line *bl = (const Line *) (gpointer) b->data;
  const DiffOp *op;
  GString *out = g_string_new (NULL);
  guint prefix = 0, suffix = 0;
  guint i;

  /* The common start and end need no search: an edit touches a few lines. */
  while (prefix < a->len && prefix < b->len && line_equal (&al[prefix], &bl[prefix]))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix &&
         line_equal (&al[a->len - 1 - suffix], &bl[b->len - 1 - suffix]))
    suffix++;

  for (i = 0; i < prefix; i++)
    diff_append (ops, DIFF_EQUAL, i, i);
  diff_middle (al + prefix, a->len - prefix - suffix,
               bl + prefix, b->len - prefix - suffix,
               prefix, prefix, ops);
  for (i = 0; i < suffix; i++)
    diff_append (ops, DIFF_EQUAL, a->len - suffix + i, b->len - suffix + i);

  op = (const DiffOp *) (gpointer) ops->data;
  i = 0;
  while (i < ops->len)
    {
      guint first, last, start, end, j;
      guint a_count = 0, b_count = 0;

      if (op[i].kind == DIFF_EQUAL)
        {
          i++;
          continue;
        }

      if (out->len == 0)
        {
          g_string_append_printf (out, "--- %s\n", label);
          g_string_append_printf (out, "+++ %s\n", label);
        }

      /* Changes closer than twice the context share a hunk. */
      first = last = i;
      j = i + 1;
      while (j < ops->len)
        {
          guint run = 0;

          if (op[j].kind != DIFF_EQUAL)
            {
              last = j++;
              continue;
            }
          while (j + run < ops->len && op[j + run].kind == DIFF_EQUAL)
            run++;
          if (j + run < ops->len && run <= 2 * CONTEXT_LINES)
            {
              j += run;
              continue;
            }
          break;
        }

      start = first >= CONTEXT_LINES ? first - CONTEXT_LINES : 0;
      end = MIN (last + 1 + CONTEXT_LINES, ops->len);
      for (j = start; j < end; j++)
        {
          if (op[j].kind != DIFF_INSERT)
            a_count++;
          if (op[j].kind != DIFF_DELETE)
            b_count++;
        }

      g_string_append (out, "@@ -");
      diff_append_range (out, op[start].a, a_count);
      g_string_append (out, " +");
      diff_append_range (out, op[start].b, b_count);
      g_string_append (out, " @@\n");

      for (j = start; j < end; j++)
        {
          switch (op[j].kind)
            {
            case DIFF_EQUAL:
              diff_append_line (out, ' ', &al[op[j].a]);
              break;
            case DIFF_DELETE:
              diff_append_line (out, '-', &al[op[j].a]);
              break;
            case DIFF_INSERT:
            default:
              diff_append_line (out, '+', &bl[op[j].b]);
              break;
            }
        }

      i = end;
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Editing                                                                   */
/* ------------------------------------------------------------------------ */

/* Items for --type list: a JSON array of scalars, or comma-separated text
 * with the spaces around each item dropped. "" is the empty list. */
static char **
parse_list (const char  *value,
            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = value;

  while (g_ascii_isspace (*p))
    p++;

  if (*p == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonArray *array;
      guint i;

      if (!json_parser_load_from_data (parser, value, -1, NULL) ||
          !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("“%s” starts with “[” but is not a JSON array."), value);
          return NULL;
        }

      array = json_node_get_array (json_parser_get_root (parser));
      for (i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          GType gtype = JSON_NODE_HOLDS_VALUE (item) ? json_node_get_value_type (item) : G_TYPE_INVALID;

          if (gtype == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
          else if (gtype == G_TYPE_INT64)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (item));

              g_strv_builder_add (builder, number);
            }
          else if (gtype == G_TYPE_DOUBLE)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_strv_builder_add (builder, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (item)));
            }
          else if (gtype == G_TYPE_BOOLEAN)
            g_strv_builder_add (builder, json_node_get_boolean (item) ? "true" : "false");
          else
            {
              g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                           _("Item %u of the list is not a string, a number or a boolean."), i + 1);
              return NULL;
            }
        }
      return g_strv_builder_end (builder);
    }

  if (*p != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);
      guint i;

      for (i = 0; parts[i] != NULL; i++)
        g_strv_builder_add (builder, g_strstrip (parts[i]));
    }

  return g_strv_builder_end (builder);
}

/* The engine type for a scalar VALUE given with --type, with the text the
 * engine wants ("true"/"false" for booleans). Only booleans are checked
 * here (with the CLI's own message); the engine checks the rest. */
static gboolean
value_for_type (CliType           type,
                const char       *value,
                BylineValueType  *engine_type,
                char            **engine_value,
                GError          **error)
{
  gboolean boolean;

  switch (type)
    {
    case CLI_TYPE_BOOL:
      if (!text_to_bool (value, &boolean))
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("“%s” is not a boolean: use true or false."), value);
          return FALSE;
        }
      *engine_type = BYLINE_VALUE_BOOL;
      *engine_value = g_strdup (boolean ? "true" : "false");
      return TRUE;

    /* the engine checks these values (value_parse() in
     * byline-front-matter.c, with the same kind of message) and writes
     * them in the node's own format: no second check here */
    case CLI_TYPE_INT:
      *engine_type = BYLINE_VALUE_INT;
      break;

    case CLI_TYPE_FLOAT:
      *engine_type = BYLINE_VALUE_FLOAT;
      break;

    case CLI_TYPE_DATE:
      *engine_type = BYLINE_VALUE_DATE;
      break;

    case CLI_TYPE_DATETIME:
      *engine_type = BYLINE_VALUE_DATETIME;
      break;

    case CLI_TYPE_STRING:
    case CLI_TYPE_NONE:
    case CLI_TYPE_LIST:
    default:
      *engine_type = string_type_for (value);
      break;
    }

  *engine_value = g_strdup (value);
  return TRUE;
}

/* With no --type: the existing node's type when VALUE fits it (numbers and
 * dates within their family: an int field may become 1.5, a date field a
 * datetime), a string otherwise. A list stays a list. New keys are strings. */
static CliType
choose_type (const BylineNode *node,
             const char       *value,
             gboolean         *fell_back)
{
  gboolean boolean;

  *fell_back = FALSE;

  if (node == NULL)
    return CLI_TYPE_STRING;

  switch (byline_node_get_value_type (node))
    {
    case BYLINE_VALUE_SEQUENCE:
      return CLI_TYPE_LIST;

    case BYLINE_VALUE_BOOL:
      if (text_to_bool (value, &boolean))
        return CLI_TYPE_BOOL;
      break;

    case BYLINE_VALUE_INT:
    case BYLINE_VALUE_FLOAT:
      if (text_is_int (value))
        return CLI_TYPE_INT;
      if (text_is_float (value))
        return CLI_TYPE_FLOAT;
      break;

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      if (text_is_date (value))
        return CLI_TYPE_DATE;
      if (text_is_datetime (value))
        return CLI_TYPE_DATETIME;
      break;

    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
    case BYLINE_VALUE_MAPPING:
    default:
      return CLI_TYPE_STRING;
    }

  *fell_back = TRUE;
  return CLI_TYPE_STRING;
}

/* A list with a mapping or a list among its items: replacing it with a
 * scalar or a list of strings would throw away structure, so `set` refuses. */
static gboolean
node_holds_structures (const BylineNode *node)
{
  guint i;

  if (byline_node_get_value_type (node) != BYLINE_VALUE_SEQUENCE)
    return FALSE;

  for (i = 0; i < byline_node_get_n_children (node); i++)
    {
      BylineValueType type = byline_node_get_value_type (byline_node_get_child (node, i));

      if (type == BYLINE_VALUE_MAPPING || type == BYLINE_VALUE_SEQUENCE)
        return TRUE;
    }
  return FALSE;
}

/* Replaces every "\n" not preceded by "\r" with "\r\n". */
static char *
to_crlf (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The whole new file for new front matter text @inner: the old file with
 * [fm_start, fm_end) replaced, or, when the post had no block, a new YAML
 * block at the top (after the BOM) in the file's line ending. The result is
 * split again to prove the body and everything around the block kept their
 * bytes. */
static GBytes *
post_assemble (Post        *post,
               const char  *inner,
               GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (post->len + strlen (inner) + 16);
  g_autofree char *block = NULL;
  BylinePostSplit check;
  gsize fm_start, fm_end, body_start;

  if (post->split.format == BYLINE_FORMAT_NONE)
    {
      const char *delimiter = byline_newline_to_string (post->split.newline);
      gboolean crlf = g_str_has_suffix (delimiter, "\r\n");

      block = crlf ? to_crlf (inner) : g_strdup (inner);
      if (block[0] != '\0' && !g_str_has_suffix (block, "\n"))
        {
          char *with_newline = g_strconcat (block, crlf ? "\r\n" : "\n", NULL);

          g_free (block);
          block = with_newline;
        }

      g_string_append_len (out, post->data, post->split.open_start);
      g_string_append (out, delimiter);
      fm_start = out->len;
      g_string_append (out, block);
      fm_end = out->len;
      g_string_append (out, delimiter);
      body_start = out->len;
      g_string_append_len (out, post->data + post->split.open_start,
                           post->len - post->split.open_start);
    }
  else
    {
      g_string_append_len (out, post->data, post->split.fm_start);
      fm_start = out->len;
      g_string_append (out, inner);
      fm_end = out->len;
      body_start = fm_end + (post->split.body_start - post->split.fm_end);
      g_string_append_len (out, post->data + post->split.fm_end,
                           post->len - post->split.fm_end);
    }

  byline_post_split (out->str, out->len, &check);
  if (check.format != (post->split.format == BYLINE_FORMAT_NONE ? BYLINE_FORMAT_YAML : post->split.format) ||
      check.fm_start != fm_start || check.fm_end != fm_end ||
      check.body_start != body_start || check.len != out->len)
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
                           _("The edited file would not split into the same front matter "
                             "and body; nothing was written."));
      return NULL;
    }

  {
    g_autoptr(BylineFrontMatter) reparsed =
      byline_front_matter_new (check.format, out->str + fm_start, fm_end - fm_start);

    if (!byline_front_matter_is_valid (reparsed))
      {
        g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
                             check.format == BYLINE_FORMAT_TOML
                               ? _("The edited front matter would not be valid TOML; nothing was written.")
                               : _("The edited front matter would not be valid YAML; nothing was written."));
        return NULL;
      }
  }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Reports why the post's front matter can't be edited; EXIT_OK when it can.
 * A post with no block gets an empty YAML model to add to. */
static int
post_prepare_edit (Post *post)
{
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  if (!post_check_closed (post, &error))
    {
      print_position_message (post->arg, 1, 1, error->message);
      return EXIT_INVALID;
    }

  switch (post->split.format)
    {
    case BYLINE_FORMAT_NONE:
      g_clear_pointer (&post->fm, byline_front_matter_unref);
      post->fm = byline_front_matter_new (BYLINE_FORMAT_YAML, "", 0);
      return EXIT_OK;

    case BYLINE_FORMAT_TOML:
    case BYLINE_FORMAT_JSON:    /* edited as YAML, when both read it the same */
    case BYLINE_FORMAT_YAML:
    default:
      break;
    }

  if (!byline_front_matter_is_valid (post->fm))
    {
      post_print_parse_error (post);
      return EXIT_INVALID;
    }

  if (byline_front_matter_is_read_only (post->fm, &reason))
    {
      g_autofree char *message =
        g_strdup_printf (_("This front matter can't be edited safely: %s The file is unchanged."),
                         reason != NULL ? reason : "");
      print_file_message (post->arg, message);
      return EXIT_UNSUPPORTED;
    }

  return EXIT_OK;
}

/* Writes the edit, or prints it as a diff for --dry-run. */
static int
post_finish_edit (Post       *post,
                  const char *inner,
                  gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = post_assemble (post, inner, &error);
  gsize len = 0;
  const char *data;

  if (contents == NULL)
    {
      print_file_message (post->arg, error->message);
      return exit_status_for_error (error);
    }

  data = g_bytes_get_data (contents, &len);

  if (dry_run)
    {
      g_autofree char *display = g_filename_display_name (post->arg);
      g_autofree char *diff = unified_diff (display, post->data, post->len, data, len);

      write_stdout (diff, strlen (diff));
      return EXIT_OK;
    }

  /* Nothing changed: leave the file (and its modification time) alone. */
  if (len == post->len && memcmp (data, post->data, len) == 0)
    return EXIT_OK;

  if (!byline_post_save (post->file, contents, NULL, &error))
    {
      print_message (error->message);
      return EXIT_TROUBLE;
    }

  return EXIT_OK;
}

static int
print_engine_error (Post                *post,
                    const char * const  *path,
                    const GError        *error)
{
  g_assert (error != NULL);

  /* A field that is missing under a parent: say what the parent is. */
  if (exit_status_for_error (error) == EXIT_INVALID &&
      g_strv_length ((char **) path) > 1 &&
      byline_front_matter_lookup (post->fm, path) == NULL)
    {
      guint n = g_strv_length ((char **) path);
      g_autofree char *parent_key = NULL;
      g_autofree char *message = NULL;
      g_autofree char **parent_path = g_new0 (char *, n);
      BylineNode *parent;

      memcpy (parent_path, path, (n - 1) * sizeof (char *));
      parent = byline_front_matter_lookup (post->fm, (const char * const *) parent_path);
      parent_key = g_strjoinv (".", parent_path);

      if (parent != NULL && byline_node_is_read_only (parent, NULL))
        message = NULL;
      else if (parent == NULL)
        message = g_strdup_printf (_("There is no field “%s” to hold “%s”. The file is unchanged."),
                                   parent_key, path[n - 1]);
      else if (byline_node_get_value_type (parent) == BYLINE_VALUE_SEQUENCE)
        message = g_strdup_printf (_("“%s” is a list with %u items, numbered from 0: it has no "
                                     "item “%s”. The file is unchanged."),
                                   parent_key, byline_node_get_n_children (parent), path[n - 1]);
      else if (byline_node_get_value_type (parent) != BYLINE_VALUE_MAPPING)
        message = g_strdup_printf (_("“%s” holds a single value, so it has no field “%s”. "
                                     "The file is unchanged."), parent_key, path[n - 1]);

      if (message != NULL)
        {
          print_file_message (post->arg, message);
          return EXIT_INVALID;
        }
    }

  print_file_message (post->arg, error->message);
  return exit_status_for_error (error);
}

/* ------------------------------------------------------------------------ */
/* Commands                                                                  */
/* ------------------------------------------------------------------------ */

/* Parses a command's options; the positional arguments end in @rest. */
static gboolean
parse_command_line (const char     *name,
                    const char     *parameters,
                    const char     *summary,
                    const char     *description,
                    GOptionEntry   *entries,
                    int            *argc,
                    char         ***argv,
                    int            *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (name, error->message);
      return FALSE;
    }

  return TRUE;
}

static const char *
exit_status_help (void)
{
  return _("Exit status: 0 success; 1 invalid front matter, no such field, or a value "
           "or edit that was refused; 2 a usage error or a file that can't be read or "
           "written; 3 something byline-post does not support (editing JSON, a TOML "
           "edit it does not make yet, YAML it can't edit safely).");
}

static int
cmd_get (const char  *name,
         int          argc,
         char       **argv)
{
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_auto(Post) post = { 0 };
  g_auto(GStrv) path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autofree char *key = NULL;
  int status = EXIT_OK;

  if (!parse_command_line (name, _("FILE [KEY]"),
                           _("Print the front matter fields of FILE as JSON: each field as "
                             "{\"value\": …, \"type\": …} with type one of null, bool, int, "
                             "float, date, datetime, string, text, list, mapping. A mapping's "
                             "value holds its fields the same way; a list's value is a plain "
                             "JSON array. With KEY (a dotted path such as params.author or "
                             "tags.0; a key holding dots itself, such as ms.date, is found too), "
                             "print just that field. Reads YAML and JSON front matter."),
                           exit_status_help (), entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || g_strv_length (rest) < 1 || g_strv_length (rest) > 2)
    return usage_error (name, _("“get” takes a file and, optionally, a key."));

  if (rest[1] != NULL)
    {
      key = arg_to_utf8 (rest[1]);
      path = parse_key_path (key);
      if (path == NULL)
        return usage_error (name, _("The key must be a dotted path such as “title” or “params.author”."));
    }

  if ((status = post_load (&post, rest[0])) != EXIT_OK)
    return status;

  if (!post_check_closed (&post, &error))
    {
      print_position_message (post.arg, 1, 1, error->message);
      return EXIT_INVALID;
    }

  switch (post.split.format)
    {
    case BYLINE_FORMAT_NONE:
      output = typed_node_new (empty_object_node (), "mapping", FALSE);
      break;

    case BYLINE_FORMAT_YAML:
    case BYLINE_FORMAT_JSON:
    case BYLINE_FORMAT_TOML:
    default:
      {
        BylineNode *root;

        if (!byline_front_matter_is_valid (post.fm))
          {
            post_print_parse_error (&post);
            return EXIT_INVALID;
          }

        root = byline_front_matter_get_root (post.fm);
        if (root != NULL)
          {
            if (path != NULL)
              {
                BylineNode *node;

                g_strfreev (path);
                path = resolve_key_path (post.fm, key);
                node = byline_front_matter_lookup (post.fm, (const char * const *) path);

                if (node == NULL)
                  {
                    g_autofree char *message = g_strdup_printf (_("There is no field “%s”."), key);
                    print_file_message (post.arg, message);
                    return EXIT_INVALID;
                  }
                print_json (output = node_to_typed (node));
                return EXIT_OK;
              }
            output = node_to_typed (root);
          }
        else if (post.split.format == BYLINE_FORMAT_JSON)
          {
            g_autoptr(JsonNode) json = post_parse_json (&post, &error);

            if (json == NULL)
              {
                post_print_json_error (&post, error);
                return EXIT_INVALID;
              }
            if (path != NULL)
              {
                JsonNode *node = json_lookup (json, (const char * const *) path);

                if (node == NULL)
                  {
                    g_autofree char *message = g_strdup_printf (_("There is no field “%s”."), key);
                    print_file_message (post.arg, message);
                    return EXIT_INVALID;
                  }
                print_json (output = json_to_typed (node));
                return EXIT_OK;
              }
            output = json_to_typed (json);
          }
        else
          {
            const char *reason = NULL;

            /* An empty block, or only comments, holds no fields. */
            if (!byline_front_matter_is_read_only (post.fm, &reason))
              output = typed_node_new (empty_object_node (), "mapping", FALSE);
            else
              {
                g_autofree char *message =
                  g_strdup_printf (_("This front matter can't be read as fields: %s"),
                                   reason != NULL ? reason : "");
                print_file_message (post.arg, message);
                return EXIT_UNSUPPORTED;
              }
          }
      }
      break;
    }

  if (path != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no field “%s”."), key);
      print_file_message (post.arg, message);
      return EXIT_INVALID;
    }

  /* Without a key: the fields themselves, not the root's {"value", "type"}. */
  print_json (json_object_get_member (json_node_get_object (output), "value"));
  return EXIT_OK;
}

static int
cmd_set (const char  *name,
         int          argc,
         char       **argv)
{
  g_auto(GStrv) rest = NULL;
  g_autofree char *type_name = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      N_("The type to write VALUE as: string, bool, int, float, date, datetime or list"), N_("TYPE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the change as a unified diff and write nothing"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_auto(Post) post = { 0 };
  g_auto(GStrv) path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *description = NULL;
  BylineNode *node;
  const char *reason = NULL;
  CliType type = CLI_TYPE_NONE;
  int status = EXIT_OK;

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Without --type, the field keeps its type when VALUE is one "
                                   "(an int or float field takes any number, a date or datetime "
                                   "field any date or date and time, a bool field true, false, "
                                   "yes, no, on or off), a list stays a list, and anything else "
                                   "is written as a string. A new field is a string.\n\n"
                                   "A list VALUE is comma-separated (\"news, world\": spaces "
                                   "around items are dropped, \"\" is the empty list) or a JSON "
                                   "array ('[\"a, b\", \"c\"]') for items holding commas.\n\n"
                                   "Only the field's own text changes: comments, order, quoting, "
                                   "line endings and everything else keep their bytes. A file "
                                   "with no front matter gets a YAML block at the top. Put “--” "
                                   "before a VALUE that starts with “-”."),
                                 exit_status_help ());

  if (!parse_command_line (name, _("FILE KEY VALUE"),
                           _("Set the front matter field KEY (a dotted path such as title or "
                             "params.author) of FILE to VALUE, in place."),
                           description, entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || g_strv_length (rest) != 3)
    return usage_error (name, _("“set” takes a file, a key and a value."));

  if (type_name != NULL && !cli_type_from_string (type_name, &type))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown type “%s”: use string, bool, int, float, date, datetime or list."),
                         type_name);
      return usage_error (name, message);
    }

  key = arg_to_utf8 (rest[1]);
  value = arg_to_utf8 (rest[2]);
  if (key == NULL || value == NULL)
    return usage_error (name, _("The key and the value must be text in the locale’s encoding."));
  path = parse_key_path (key);
  if (path == NULL)
    return usage_error (name, _("The key must be a dotted path such as “title” or “params.author”."));

  if ((status = post_load (&post, rest[0])) != EXIT_OK)
    return status;
  if ((status = post_prepare_edit (&post)) != EXIT_OK)
    return status;

  g_strfreev (path);
  path = resolve_key_path (post.fm, key);
  node = byline_front_matter_lookup (post.fm, (const char * const *) path);

  if (node != NULL && byline_node_is_read_only (node, &reason))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” can't be edited safely: %s The file is unchanged."),
                         key, reason != NULL ? reason : "");
      print_file_message (post.arg, message);
      return EXIT_UNSUPPORTED;
    }

  if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_MAPPING)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is a mapping: set its fields one by one (“%s.FIELD”), "
                           "or unset it first. The file is unchanged."), key, key);
      print_file_message (post.arg, message);
      return EXIT_INVALID;
    }

  if (node != NULL && node_holds_structures (node))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is a list of mappings or lists: set its items one by one "
                           "(“%s.0.FIELD”), or unset it first. The file is unchanged."), key, key);
      print_file_message (post.arg, message);
      return EXIT_INVALID;
    }

  if (type == CLI_TYPE_NONE)
    {
      gboolean fell_back = FALSE;

      type = choose_type (node, value, &fell_back);
      if (fell_back)
        {
          g_autofree char *message =
            /* TRANSLATORS: a key, a type such as “date”, the value given */
            g_strdup_printf (_("note: “%s” is of type %s but “%s” is not: it is written as "
                               "a string (use --type to choose)."),
                             key, value_type_name (byline_node_get_value_type (node)), value);
          print_file_message (post.arg, message);
        }
    }

  if (type == CLI_TYPE_LIST)
    {
      g_auto(GStrv) items = parse_list (value, &error);

      if (items != NULL)
        inner = byline_front_matter_set_list (post.fm, (const char * const *) path,
                                              (const char * const *) items, &error);
    }
  else
    {
      g_autofree char *engine_value = NULL;
      BylineValueType engine_type = BYLINE_VALUE_STRING;

      if (value_for_type (type, value, &engine_type, &engine_value, &error))
        {
          /* A block scalar stays a block scalar for a one-line value too. */
          if (engine_type == BYLINE_VALUE_STRING && node != NULL &&
              byline_node_get_value_type (node) == BYLINE_VALUE_TEXT)
            engine_type = BYLINE_VALUE_TEXT;
          inner = byline_front_matter_set_scalar (post.fm, (const char * const *) path,
                                                  engine_value, engine_type, &error);
        }
    }

  if (inner == NULL)
    return print_engine_error (&post, (const char * const *) path, error);

  return post_finish_edit (&post, inner, dry_run);
}

static int
cmd_unset (const char  *name,
           int          argc,
           char       **argv)
{
  g_auto(GStrv) rest = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the change as a unified diff and write nothing"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_auto(Post) post = { 0 };
  g_auto(GStrv) path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *inner = NULL;
  int status = EXIT_OK;

  if (!parse_command_line (name, _("FILE KEY"),
                           _("Remove the front matter field KEY (a dotted path) from FILE, "
                             "with its whole lines. Nothing else changes."),
                           exit_status_help (), entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || g_strv_length (rest) != 2)
    return usage_error (name, _("“unset” takes a file and a key."));

  key = arg_to_utf8 (rest[1]);
  path = key != NULL ? parse_key_path (key) : NULL;
  if (path == NULL)
    return usage_error (name, _("The key must be a dotted path such as “title” or “params.author”."));

  if ((status = post_load (&post, rest[0])) != EXIT_OK)
    return status;
  if ((status = post_prepare_edit (&post)) != EXIT_OK)
    return status;

  g_strfreev (path);
  path = resolve_key_path (post.fm, key);
  if (byline_front_matter_lookup (post.fm, (const char * const *) path) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no field “%s”. The file is unchanged."), key);
      print_file_message (post.arg, message);
      return EXIT_INVALID;
    }

  inner = byline_front_matter_remove (post.fm, (const char * const *) path, &error);
  if (inner == NULL)
    return print_engine_error (&post, (const char * const *) path, error);

  return post_finish_edit (&post, inner, dry_run);
}

/* Exit statuses from best to worst, for `check` over several files. */
static int
status_rank (int status)
{
  switch (status)
    {
    case EXIT_OK:          return 0;
    case EXIT_UNSUPPORTED: return 1;
    case EXIT_INVALID:     return 2;
    case EXIT_TROUBLE:
    default:               return 3;
    }
}

static int
check_one (const char *arg)
{
  g_auto(Post) post = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = post_load (&post, arg)) != EXIT_OK)
    return status;

  if (!post_check_closed (&post, &error))
    {
      print_position_message (post.arg, 1, 1, error->message);
      return EXIT_INVALID;
    }

  switch (post.split.format)
    {
    case BYLINE_FORMAT_NONE:
      return EXIT_OK;

    case BYLINE_FORMAT_JSON:
      if (!byline_front_matter_is_valid (post.fm))
        {
          post_print_parse_error (&post);
          return EXIT_INVALID;
        }
      else
        {
          /* Whatever model the engine builds, json-glib has the last word. */
          g_autoptr(JsonNode) json = post_parse_json (&post, &error);

          if (json == NULL)
            {
              post_print_json_error (&post, error);
              return EXIT_INVALID;
            }
        }
      return EXIT_OK;

    case BYLINE_FORMAT_YAML:
    case BYLINE_FORMAT_TOML:
    default:
      if (!byline_front_matter_is_valid (post.fm))
        {
          post_print_parse_error (&post);
          return EXIT_INVALID;
        }
      return EXIT_OK;
    }
}

static int
cmd_check (const char  *name,
           int          argc,
           char       **argv)
{
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  int worst = EXIT_OK;
  int status = EXIT_OK;
  guint i;

  if (!parse_command_line (name, _("FILE…"),
                           _("Check that the front matter of each FILE parses. Problems are "
                             "printed as FILE:LINE:COLUMN: message."),
                           _("Exit status: 0 when every file is valid; 1 when any is invalid; "
                             "2 when any can't be read. The worst of these wins."),
                           entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || rest[0] == NULL)
    return usage_error (name, _("“check” takes one or more files."));

  for (i = 0; rest[i] != NULL; i++)
    {
      status = check_one (rest[i]);
      if (status_rank (status) > status_rank (worst))
        worst = status;
    }

  return worst;
}

/* ------------------------------------------------------------------------ */
/* main                                                                      */
/* ------------------------------------------------------------------------ */

static const Command *
find_command (const char *name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  const Command *command;
  const char *localedir;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* BYLINE_LOCALEDIR: the translations built in a build directory, for
   * running uninstalled, as the app reads it. */
  localedir = g_getenv ("BYLINE_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command's --help reads "byline-post set [OPTION…] …". */
  command = argc > 1 ? find_command (argv[1]) : NULL;
  if (command != NULL)
    {
      prgname = g_strdup_printf ("%s %s", PROGRAM, command->name);
      g_set_prgname (prgname);
      return command->func (command->name, argc - 1, argv + 1);
    }

  g_set_prgname (PROGRAM);
  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context,
                                _("Read and edit the front matter of Markdown posts, changing "
                                  "nothing but the edited field.\n\n"
                                  "Commands:\n"
                                  "  get FILE [KEY]               Print the fields as JSON\n"
                                  "  set FILE KEY VALUE           Set a field (--type, --dry-run)\n"
                                  "  unset FILE KEY               Remove a field (--dry-run)\n"
                                  "  check FILE…                  Check that front matter parses\n"
                                  "  render FILE                  Print the post as a standalone HTML page\n"
                                  "  new FILE                     Create a post from the site’s archetype\n\n"
                                  "Run “byline-post COMMAND --help” for a command’s options."));
  g_option_context_set_description (context, exit_status_help ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);

  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    return usage_error (NULL, _("No command given."));

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
    return usage_error (NULL, message);
  }
}

/* The preview's export: `byline-post render FILE` prints the same
 * standalone page as the app's "Export HTML…" (byline-markdown.h). */
static int
cmd_render (const char  *name,
            int          argc,
            char       **argv)
{
  g_auto(GStrv) rest = NULL;
  g_auto(Post) post = { 0 };
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  gboolean smart = FALSE;
  gboolean raw_html = FALSE;
  GOptionEntry entries[] = {
    { "smart", 0, 0, G_OPTION_ARG_NONE, &smart, N_("Curly quotes and dashes (smart punctuation)"), NULL },
    { "raw-html", 0, 0, G_OPTION_ARG_NONE, &raw_html, N_("Keep raw HTML from the Markdown"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  int status = EXIT_OK;

  if (!parse_command_line (name, _("FILE"),
                           _("Print FILE as a standalone HTML page: the header from its front "
                             "matter, the body rendered with cmark-gfm, the style sheet inlined."),
                           NULL, entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return usage_error (name, _("“render” takes one file."));

  if ((status = post_load (&post, rest[0])) != EXIT_OK)
    return status;

  title = g_file_get_basename (post.file);
  html = byline_markdown_render_standalone (post.data, post.len,
                                            (smart ? BYLINE_MARKDOWN_SMART : 0) |
                                            (raw_html ? BYLINE_MARKDOWN_RAW_HTML : 0),
                                            title);
  if (fwrite (html, 1, strlen (html), stdout) != strlen (html) || fflush (stdout) != 0)
    {
      print_message (_("Could not write the page to the standard output."));
      return EXIT_TROUBLE;
    }
  return EXIT_OK;
}

/* New posts from templates: `byline-post new FILE` creates FILE
 * from its site's archetype or Byline's own template (byline-template.h),
 * never over an existing file. */
static int
cmd_new (const char  *name,
         int          argc,
         char       **argv)
{
  g_auto(GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *etag = NULL;
  int status = EXIT_OK;
  gsize len;

  if (!parse_command_line (name, _("FILE"),
                           _("Create the post FILE from its site’s archetype, as “hugo new” "
                             "does: SECTION.md for a post in the section SECTION of the content "
                             "folder, looked for in the site’s archetype folder (archetypes/ "
                             "unless its configuration names another) and then in its themes’, "
                             "else default.md, looked for the same way. Without "
                             "an archetype, in a Jekyll site or outside a site, FILE gets YAML "
                             "front matter with a title made from its name, the date and time "
                             "now, and draft: true. Missing folders are created; an existing "
                             "FILE is never overwritten."),
                           _("Exit status: 0 success; 2 a usage error, a FILE that already "
                             "exists, or one that can't be written; 3 an archetype byline-post "
                             "can't fill in (one that uses more than the post’s name, section, "
                             "type and date)."),
                           entries, &argc, &argv, &status))
    return status;

  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return usage_error (name, _("“new” takes one file."));

  file = g_file_new_for_commandline_arg (rest[0]);

  /* Anything at FILE, even a dangling symbolic link, is left alone. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_UNKNOWN)
    {
      print_file_message (rest[0], _("It already exists: “new” only creates new posts. "
                                     "It is unchanged."));
      return EXIT_TROUBLE;
    }

  /* The text first: an archetype that can't be filled in creates nothing. */
  text = byline_template_new_post (file, NULL, NULL, NULL, &error);
  if (text == NULL)
    {
      print_file_message (rest[0], error->message);
      return error->domain == BYLINE_TEMPLATE_ERROR ? EXIT_UNSUPPORTED : EXIT_TROUBLE;
    }
  len = strlen (text);
  contents = g_bytes_new_take (g_steal_pointer (&text), len);

  parent = g_file_get_parent (file);
  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not create its folder: %s"), error->message);
      print_file_message (rest[0], message);
      return EXIT_TROUBLE;
    }
  g_clear_error (&error);

  /* Claim the name with an empty file (which fails if another program made
   * one meanwhile), then write the post through the one save path, only
   * over that same empty file. */
  out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  if (out == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        print_file_message (rest[0], _("It already exists: “new” only creates new posts. "
                                       "It is unchanged."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not create it: %s"), error->message);
          print_file_message (rest[0], message);
        }
      return EXIT_TROUBLE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not create it: %s"), error->message);

      g_file_delete (file, NULL, NULL);
      print_file_message (rest[0], message);
      return EXIT_TROUBLE;
    }
  etag = g_file_output_stream_get_etag (out);

  if (!byline_post_save_with_etag (file, contents, etag, NULL, NULL, &error))
    {
      /* Remove the empty file, unless another program has replaced it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_file_delete (file, NULL, NULL);
      print_message (error->message);
      return EXIT_TROUBLE;
    }

  return EXIT_OK;
}
