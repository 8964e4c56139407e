/* byline-toml-edit.cc: TOML front matter as a model with byte ranges, and
 * edits on it as byte splices proven by a re-parse.
 *
 * How it works
 *
 *  - toml++ parses the text; its source positions are 1-based lines and
 *    columns counted in code points, the end exclusive. They are turned
 *    into byte offsets with a table of line starts and a walk over the
 *    UTF-8 of one line.
 *  - toml++ keeps a table's keys sorted; the model keeps them in the order
 *    of the text (by where each key was read).
 *  - An edit never writes the document out: it replaces the bytes of one
 *    value (or key, or the lines of one entry) with a TOML literal written
 *    in the style the old one had, parses the result again, and checks that
 *    it equals the old table with only the edited place changed (toml++'s
 *    deep, typed ==). Otherwise it tries once more with a basic string,
 *    then refuses (UNSAFE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-toml"

#include "config.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <glib/gi18n-lib.h>
#include <toml++/toml.h>

#include "byline-toml.h"

namespace {

/* ------------------------------------------------------------------------ */
/* Positions                                                                  */
/* ------------------------------------------------------------------------ */

struct Text
{
  std::string_view    t;
  std::vector<size_t> line_starts;

  explicit Text (std::string_view s) : t (s)
  {
    line_starts.push_back (0);
    for (size_t i = 0; i < s.size (); i++)
      if (s[i] == '\n')
        line_starts.push_back (i + 1);
  }

  /* The byte offset of a toml++ position (1-based line, column in code points). */
  size_t
  offset (const toml::source_position &p) const
  {
    size_t line = p.line > 0 ? p.line : 1;
    size_t pos, col;

    if (line > line_starts.size ())
      return t.size ();
    pos = line_starts[line - 1];
    for (col = 1; col < p.column && pos < t.size () && t[pos] != '\n'; col++)
      {
        const char *next = g_utf8_next_char (t.data () + pos);

        pos = std::min ((size_t) (next - t.data ()), t.size ());
      }
    return pos;
  }

  size_t
  line_start (size_t pos) const
  {
    while (pos > 0 && t[pos - 1] != '\n')
      pos--;
    return pos;
  }

  /* Just after the line break of the line holding @pos (or the end). */
  size_t
  next_line (size_t pos) const
  {
    while (pos < t.size () && t[pos] != '\n')
      pos++;
    return pos < t.size () ? pos + 1 : pos;
  }

  bool
  only_blanks (size_t start, size_t end) const
  {
    for (size_t i = start; i < end; i++)
      if (t[i] != ' ' && t[i] != '\t')
        return false;
    return true;
  }

  /* Nothing but blanks, a comment and the line break after @pos. */
  bool
  rest_is_comment (size_t pos) const
  {
    while (pos < t.size () && (t[pos] == ' ' || t[pos] == '\t'))
      pos++;
    return pos >= t.size () || t[pos] == '#' || t[pos] == '\n' ||
           (t[pos] == '\r' && pos + 1 < t.size () && t[pos + 1] == '\n');
  }

  std::string_view
  slice (size_t start, size_t end) const
  {
    return t.substr (start, end - start);
  }
};

/* ------------------------------------------------------------------------ */
/* The model                                                                  */
/* ------------------------------------------------------------------------ */

enum class Layout {
  ROOT,
  PAIR,       /* key = value, in a table written as lines */
  INLINE,     /* key = value inside { } */
  ITEM,       /* an item of an inline array */
  HEADER,     /* a table that begins with a [header] (or [[header]]) */
  TABLES,     /* an array of tables: [[header]] sections */
  IMPLICIT,   /* a table made by a dotted key or a [a.b] header */
};

struct Node
{
  int               parent = -1;
  bool              has_key = false;
  std::string       key;
  size_t            key_start = 0, key_end = 0;
  size_t            value_start = 0, value_end = 0;
  size_t            entry_start = 0, entry_end = 0;
  unsigned          line = 1;
  BylineValueType   type = BYLINE_VALUE_NULL;
  BylineStyle       style = BYLINE_STYLE_PLAIN;
  bool              bool_value = false;
  bool              in_flow = false;
  bool              has_scalar = false;
  bool              own_line = false;   /* PAIR: alone on its line(s), comment allowed */
  std::string       scalar;
  Layout            layout = Layout::PAIR;
  const toml::node *tn = nullptr;
  std::vector<int>  children;
};

struct Model
{
  std::string       text;
  toml::table       table;
  std::vector<Node> nodes;
  std::string       newline = "\n";
};

bool
is_inline_array (const toml::node &n,
                 const Text       &tx,
                 size_t            value_start)
{
  const toml::array *a = n.as_array ();

  if (a == nullptr || a->empty () || !a->is_array_of_tables ())
    return true;
  if (a->get (0)->as_table ()->is_inline ())
    return true;
  return !(value_start + 1 < tx.t.size () && tx.t[value_start] == '[' && tx.t[value_start + 1] == '[');
}

std::string
stream_text (const toml::node &n)
{
  std::ostringstream s;

  switch (n.type ())
    {
    case toml::node_type::date: s << n.as_date ()->get (); break;
    case toml::node_type::time: s << n.as_time ()->get (); break;
    case toml::node_type::date_time: s << n.as_date_time ()->get (); break;
    default: break;
    }
  return s.str ();
}

void build (Model &m, const Text &tx, int parent, const toml::key *key, const toml::node &n, bool in_flow);

void
build_children (Model            &m,
                const Text       &tx,
                int               index,
                const toml::node &n,
                bool              in_flow)
{
  if (const toml::table *table = n.as_table ())
    {
      std::vector<std::pair<const toml::key *, const toml::node *>> entries;

      for (auto &&[k, v] : *table)
        entries.emplace_back (&k, &v);
      std::stable_sort (entries.begin (), entries.end (), [] (const auto &a, const auto &b) {
        const toml::source_position &pa = a.first->source ().begin;
        const toml::source_position &pb = b.first->source ().begin;

        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
      });
      for (const auto &entry : entries)
        build (m, tx, index, entry.first, *entry.second, in_flow);
    }
  else if (const toml::array *array = n.as_array ())
    {
      for (const toml::node &item : *array)
        build (m, tx, index, nullptr, item, in_flow);
    }
}

void
build (Model            &m,
       const Text       &tx,
       int               parent,
       const toml::key  *key,
       const toml::node &n,
       bool              in_flow)
{
  Node node;
  int index = (int) m.nodes.size ();
  bool children_in_flow = in_flow;

  node.parent = parent;
  node.tn = &n;
  node.in_flow = in_flow;
  if (key != nullptr)
    {
      node.has_key = true;
      node.key = std::string (key->str ());
      node.key_start = tx.offset (key->source ().begin);
      node.key_end = std::max (node.key_start, tx.offset (key->source ().end));
      node.line = key->source ().begin.line;
    }
  if (parent >= 0)
    {
      node.value_start = tx.offset (n.source ().begin);
      node.value_end = std::max (node.value_start, tx.offset (n.source ().end));
      if (key == nullptr)
        node.line = n.source ().begin.line;
    }
  else
    {
      node.value_end = tx.t.size ();
      node.entry_end = tx.t.size ();
    }

  switch (n.type ())
    {
    case toml::node_type::table:
      node.type = BYLINE_VALUE_MAPPING;
      if (parent < 0)
        {
          node.layout = Layout::ROOT;
          node.style = BYLINE_STYLE_BLOCK;
        }
      else if (n.as_table ()->is_inline ())
        {
          node.style = BYLINE_STYLE_FLOW;
          children_in_flow = true;
        }
      else
        {
          node.style = BYLINE_STYLE_BLOCK;
          node.layout = node.value_start < tx.t.size () && tx.t[node.value_start] == '['
                          ? Layout::HEADER : Layout::IMPLICIT;
          /* [a.b] makes a: its source is that header too, but its key is
           * not the header's last */
          if (node.layout == Layout::HEADER && key != nullptr)
            {
              size_t after = node.key_end;

              while (after < tx.t.size () && (tx.t[after] == ' ' || tx.t[after] == '\t'))
                after++;
              if (after >= tx.t.size () || tx.t[after] != ']' ||
                  node.key_start < node.value_start || node.key_start >= tx.next_line (node.value_start))
                node.layout = Layout::IMPLICIT;
            }
        }
      break;

    case toml::node_type::array:
      node.type = BYLINE_VALUE_SEQUENCE;
      if (!in_flow && !is_inline_array (n, tx, node.value_start))
        {
          node.style = BYLINE_STYLE_BLOCK;
          node.layout = Layout::TABLES;
        }
      else
        {
          node.style = BYLINE_STYLE_FLOW;
          children_in_flow = true;
        }
      break;

    case toml::node_type::string:
      {
        std::string_view src = tx.slice (node.value_start, node.value_end);

        node.has_scalar = true;
        node.scalar = std::string (n.as_string ()->get ());
        if (src.substr (0, 3) == "\"\"\"" || src.substr (0, 3) == "'''")
          node.style = BYLINE_STYLE_LITERAL;
        else if (src.substr (0, 1) == "'")
          node.style = BYLINE_STYLE_SINGLE_QUOTED;
        else
          node.style = BYLINE_STYLE_DOUBLE_QUOTED;
        node.type = node.style == BYLINE_STYLE_LITERAL || node.scalar.find ('\n') != std::string::npos
                      ? BYLINE_VALUE_TEXT : BYLINE_VALUE_STRING;
      }
      break;

    case toml::node_type::integer:
      {
        char buf[32];

        g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) n.as_integer ()->get ());
        node.has_scalar = true;
        node.scalar = buf;
        node.type = BYLINE_VALUE_INT;
      }
      break;

    case toml::node_type::floating_point:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        node.has_scalar = true;
        node.scalar = g_ascii_dtostr (buf, sizeof buf, n.as_floating_point ()->get ());
        node.type = BYLINE_VALUE_FLOAT;
      }
      break;

    case toml::node_type::boolean:
      node.has_scalar = true;
      node.bool_value = n.as_boolean ()->get ();
      node.scalar = node.bool_value ? "true" : "false";
      node.type = BYLINE_VALUE_BOOL;
      break;

    case toml::node_type::date:
      node.has_scalar = true;
      node.scalar = stream_text (n);
      node.type = BYLINE_VALUE_DATE;
      break;

    case toml::node_type::date_time:
      node.has_scalar = true;
      node.scalar = stream_text (n);
      node.type = BYLINE_VALUE_DATETIME;
      break;

    case toml::node_type::time:
      node.has_scalar = true;
      node.scalar = stream_text (n);
      node.type = BYLINE_VALUE_STRING;
      break;

    case toml::node_type::none:
    default:
      node.type = BYLINE_VALUE_NULL;
      break;
    }

  if (parent >= 0 && node.layout != Layout::HEADER && node.layout != Layout::TABLES &&
      node.layout != Layout::IMPLICIT)
    {
      if (in_flow)
        node.layout = key != nullptr ? Layout::INLINE : Layout::ITEM;
      else
        node.layout = Layout::PAIR;
    }

  /* entry ranges (HEADER and TABLES get theirs once their sections are known) */
  if (node.layout == Layout::PAIR)
    {
      size_t ls = tx.line_start (node.key_start);

      node.own_line = tx.only_blanks (ls, node.key_start) && tx.rest_is_comment (node.value_end);
      node.entry_start = node.own_line ? ls : node.key_start;
      node.entry_end = node.own_line ? tx.next_line (node.value_end) : node.value_end;
    }
  else if (node.layout == Layout::INLINE || node.layout == Layout::ITEM)
    {
      node.entry_start = node.has_key ? node.key_start : node.value_start;
      node.entry_end = node.value_end;
    }
  else if (node.layout == Layout::IMPLICIT)
    {
      node.value_start = node.value_end = node.key_start;
      node.entry_start = node.key_start;
      node.entry_end = node.key_end;
    }

  m.nodes.push_back (std::move (node));
  if (parent >= 0)
    m.nodes[parent].children.push_back (index);
  build_children (m, tx, index, n, children_in_flow);
}

/* Where each [header] section ends: at the next header line, or the end. */
void
finish_sections (Model      &m,
                 const Text &tx)
{
  std::vector<size_t> headers;

  for (const Node &node : m.nodes)
    if (node.layout == Layout::HEADER)
      headers.push_back (tx.line_start (node.value_start));
  std::sort (headers.begin (), headers.end ());

  for (Node &node : m.nodes)
    if (node.layout == Layout::HEADER)
      {
        size_t start = tx.line_start (node.value_start);
        auto next = std::upper_bound (headers.begin (), headers.end (), start);
        size_t end = next != headers.end () ? *next : tx.t.size ();

        node.entry_start = start;
        node.entry_end = end;
        node.value_end = end;
      }

  /* a table's entry takes in the sections of its own sub-tables that
   * follow it ([params] then [params.social]) */
  {
    std::vector<std::pair<size_t, int>> order;

    for (size_t i = 0; i < m.nodes.size (); i++)
      if (m.nodes[i].layout == Layout::HEADER)
        order.emplace_back (m.nodes[i].entry_start, (int) i);
    std::sort (order.begin (), order.end ());
    for (size_t k = 0; k < order.size (); k++)
      {
        Node &node = m.nodes[order[k].second];

        for (size_t j = k + 1; j < order.size (); j++)
          {
            int up = m.nodes[order[j].second].parent;

            while (up >= 0 && up != order[k].second)
              up = m.nodes[up].parent;
            if (up < 0)
              break;
            node.entry_end = m.nodes[order[j].second].entry_end;
          }
      }
  }

  /* an array of tables spans its tables' sections */
  for (size_t i = m.nodes.size (); i-- > 0;)
    {
      Node &node = m.nodes[i];

      if (node.layout == Layout::TABLES && !node.children.empty ())
        {
          const Node &first = m.nodes[node.children.front ()];
          const Node &last = m.nodes[node.children.back ()];

          node.value_start = first.value_start;
          node.entry_start = first.entry_start;
          node.value_end = node.entry_end = last.entry_end;
        }
    }
}

void
set_parse_error (const toml::parse_error &err,
                 guint                   *line,
                 guint                   *column,
                 char                   **message)
{
  if (line != nullptr)
    *line = MAX (err.source ().begin.line, 1u);
  if (column != nullptr)
    *column = MAX (err.source ().begin.column, 1u);
  if (message != nullptr)
    *message = g_strndup (err.description ().data (), err.description ().size ());
}

/* Parses @text into @m; FALSE with @line, @column, @message set otherwise. */
bool
model_load (Model       &m,
            const char  *text,
            gsize        len,
            guint       *line,
            guint       *column,
            char       **message)
{
  m.text.assign (text != nullptr ? text : "", len);
  try
    {
      m.table = toml::parse (std::string_view (m.text));
    }
  catch (const toml::parse_error &err)
    {
      set_parse_error (err, line, column, message);
      return false;
    }
  catch (const std::exception &err)
    {
      if (line != nullptr)
        *line = 1;
      if (column != nullptr)
        *column = 1;
      if (message != nullptr)
        *message = g_strdup (err.what ());
      return false;
    }

  {
    Text tx (m.text);
    size_t nl = m.text.find ('\n');

    if (nl != std::string::npos && nl > 0 && m.text[nl - 1] == '\r')
      m.newline = "\r\n";
    build (m, tx, -1, nullptr, m.table, false);
    finish_sections (m, tx);
  }
  return true;
}

bool
model_load_or_error (Model       &m,
                     const char  *text,
                     gsize        len,
                     GError     **error)
{
  g_autofree char *message = nullptr;
  guint line = 1, column = 1;

  if (model_load (m, text, len, &line, &column, &message))
    return true;
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_INVALID,
               _("The front matter can’t be edited until it is fixed: %s"),
               message != nullptr ? message : "");
  return false;
}

/* ------------------------------------------------------------------------ */
/* Paths                                                                      */
/* ------------------------------------------------------------------------ */

guint
path_length (const char * const *path)
{
  guint n = 0;

  if (path != nullptr)
    while (path[n] != nullptr)
      n++;
  return n;
}

std::string
path_dotted (const char * const *path,
             guint               n)
{
  std::string s;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        s += '.';
      s += path[i];
    }
  return s;
}

bool
parse_index (const char *s,
             guint64    *index)
{
  return s[0] != '\0' && g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32, index, nullptr);
}

int
child_of (const Model &m,
          int          index,
          const char  *element)
{
  const Node &node = m.nodes[index];

  if (node.type == BYLINE_VALUE_MAPPING)
    {
      for (int c : node.children)
        if (m.nodes[c].key == element)
          return c;
    }
  else if (node.type == BYLINE_VALUE_SEQUENCE)
    {
      guint64 i = 0;

      if (parse_index (element, &i) && i < node.children.size ())
        return node.children[i];
    }
  return -1;
}

/* The node at the first @n elements of @path, or -1 with NOT_FOUND. */
int
lookup (const Model        &m,
        const char * const *path,
        guint               n,
        GError            **error)
{
  int index = 0;

  for (guint i = 0; i < n; i++)
    {
      index = child_of (m, index, path[i]);
      if (index < 0)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,
                       _("There is no field “%s”."), path_dotted (path, i + 1).c_str ());
          return -1;
        }
    }
  return index;
}

/* ------------------------------------------------------------------------ */
/* The proof                                                                  */
/* ------------------------------------------------------------------------ */

enum class Op { SET, REMOVE, RENAME, KEEP };

guint
count_delimiter_lines (std::string_view t)
{
  guint n = 0;
  size_t pos = 0;

  while (pos < t.size ())
    {
      size_t end = t.find ('\n', pos);
      std::string_view line = t.substr (pos, end == std::string_view::npos ? std::string_view::npos : end - pos);

      while (!line.empty () && (line.back () == '\r' || line.back () == ' ' || line.back () == '\t'))
        line.remove_suffix (1);
      if (line == "+++")
        n++;
      if (end == std::string_view::npos)
        break;
      pos = end + 1;
    }
  return n;
}

/* Applies the intended change to @want (a copy of the old table). */
bool
apply_op (toml::table        &want,
          const char * const *path,
          guint               n,
          Op                  op,
          const toml::node   *value,
          const char         *new_key)
{
  toml::node *parent = &want;

  if (op == Op::KEEP)
    return true;
  if (n == 0)
    return false;
  for (guint i = 0; i + 1 < n; i++)
    {
      toml::node *next = nullptr;

      if (toml::table *t = parent->as_table ())
        next = t->get (path[i]);
      else if (toml::array *a = parent->as_array ())
        {
          guint64 idx = 0;

          if (parse_index (path[i], &idx))
            next = a->get ((size_t) idx);
        }
      if (next == nullptr)
        return false;
      parent = next;
    }

  if (toml::table *t = parent->as_table ())
    {
      const char *key = path[n - 1];

      switch (op)
        {
        case Op::SET:
          t->insert_or_assign (std::string (key), *value);
          return true;
        case Op::REMOVE:
          return t->erase (std::string_view (key)) > 0;
        case Op::RENAME:
          {
            toml::array holder;
            toml::node *old = t->get (key);

            if (old == nullptr || t->contains (new_key))
              return false;
            holder.push_back (*old);
            t->erase (std::string_view (key));
            t->insert_or_assign (std::string (new_key), *holder.get (0));
            return true;
          }
        default:
          return false;
        }
    }
  if (toml::array *a = parent->as_array ())
    {
      guint64 idx = 0;

      if (!parse_index (path[n - 1], &idx) || idx >= a->size ())
        return false;
      switch (op)
        {
        case Op::SET:
          a->replace (a->cbegin () + (ptrdiff_t) idx, *value);
          return true;
        case Op::REMOVE:
          a->erase (a->cbegin () + (ptrdiff_t) idx);
          return true;
        case Op::RENAME:
        default:
          return false;
        }
    }
  return false;
}

/* TRUE when @now_text parses to @m's table changed only as intended. */
bool
prove (const Model        &m,
       const std::string  &now_text,
       const char * const *path,
       guint               n,
       Op                  op,
       const toml::node   *value,
       const char         *new_key)
{
  toml::table want, now;

  if (count_delimiter_lines (now_text) > count_delimiter_lines (m.text))
    return false;
  /* the closing +++ must still start a line of its own */
  if (!m.text.empty () && m.text.back () == '\n' && !now_text.empty () && now_text.back () != '\n')
    return false;
  if (m.text.empty () && !now_text.empty () && now_text.back () != '\n')
    return false;

  try
    {
      now = toml::parse (std::string_view (now_text));
    }
  catch (const std::exception &)
    {
      return false;
    }

  want = m.table;
  if (!apply_op (want, path, n, op, value, new_key))
    return false;
  return want == now;
}

std::string
splice (const std::string &text,
        size_t             start,
        size_t             end,
        const std::string &replacement)
{
  std::string out;

  out.reserve (text.size () + replacement.size ());
  out.append (text, 0, start);
  out += replacement;
  out.append (text, end, std::string::npos);
  return out;
}

char *
unsafe (GError **error)
{
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSAFE,
               _("This change could not be made without risk to the rest of the front matter. "
                 "Edit the text directly instead."));
  return nullptr;
}

/* ------------------------------------------------------------------------ */
/* Writing TOML                                                               */
/* ------------------------------------------------------------------------ */

enum class Quote { BASIC, LITERAL, ML_BASIC, ML_LITERAL };

Quote
quote_of (std::string_view src)
{
  if (src.substr (0, 3) == "\"\"\"")
    return Quote::ML_BASIC;
  if (src.substr (0, 3) == "'''")
    return Quote::ML_LITERAL;
  if (src.substr (0, 1) == "'")
    return Quote::LITERAL;
  return Quote::BASIC;
}

bool
is_control (unsigned char c)
{
  return (c < 0x20 && c != '\t') || c == 0x7F;
}

bool
literal_fits (std::string_view v,
              bool             multi_line)
{
  for (size_t i = 0; i < v.size (); i++)
    {
      unsigned char c = (unsigned char) v[i];

      if (c == '\n' && multi_line)
        continue;
      if (is_control (c))
        return false;
      if (c == '\'' && !multi_line)
        return false;
    }
  if (multi_line && (v.find ("'''") != std::string_view::npos || (!v.empty () && v.back () == '\'')))
    return false;
  return true;
}

void
append_escape (std::string   &out,
               unsigned char  c)
{
  char buf[8];

  switch (c)
    {
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default:
      g_snprintf (buf, sizeof buf, "\\u%04X", c);
      out += buf;
      return;
    }
}

std::string
basic_string (std::string_view v)
{
  std::string out = "\"";

  for (char ch : v)
    {
      unsigned char c = (unsigned char) ch;

      if (c == '"' || c == '\\')
        {
          out += '\\';
          out += ch;
        }
      else if (c < 0x20 || c == 0x7F)
        append_escape (out, c);
      else
        out += ch;
    }
  out += '"';
  return out;
}

/* A multi-line basic string; @trim_newline: a line break after the opening
 * quotes (one a reader drops), as the old value had. */
std::string
ml_basic_string (std::string_view   v,
                 bool               trim_newline,
                 const std::string &nl)
{
  std::string out = "\"\"\"";

  if (trim_newline || (!v.empty () && v[0] == '\n'))
    out += nl;
  for (size_t i = 0; i < v.size (); i++)
    {
      unsigned char c = (unsigned char) v[i];

      if (c == '\\')
        out += "\\\\";
      else if (c == '"' && (i + 1 == v.size () || v[i + 1] == '"'))
        out += "\\\"";
      else if (c == '\n')
        out += nl;
      else if (is_control (c))
        append_escape (out, c);
      else
        out += (char) c;
    }
  out += "\"\"\"";
  return out;
}

std::string
ml_literal_string (std::string_view   v,
                   bool               trim_newline,
                   const std::string &nl)
{
  std::string out = "'''";

  if (trim_newline || (!v.empty () && v[0] == '\n'))
    out += nl;
  for (char c : v)
    {
      if (c == '\n')
        out += nl;
      else
        out += c;
    }
  out += "'''";
  return out;
}

/* @v as a TOML string in the quoting of @old_src (a string literal the
 * node held), or a basic string. */
std::string
render_string (std::string_view   v,
               std::string_view   old_src,
               const std::string &nl,
               bool               force_basic)
{
  Quote q = old_src.empty () ? Quote::BASIC : quote_of (old_src);
  bool trim = old_src.size () > 3 && (old_src[3] == '\n' || (old_src[3] == '\r' && old_src.size () > 4 && old_src[4] == '\n'));

  if (force_basic)
    return basic_string (v);
  switch (q)
    {
    case Quote::LITERAL:
      if (literal_fits (v, false))
        return "'" + std::string (v) + "'";
      return basic_string (v);
    case Quote::ML_LITERAL:
      if (literal_fits (v, true))
        return ml_literal_string (v, trim, nl);
      return ml_basic_string (v, trim, nl);
    case Quote::ML_BASIC:
      return ml_basic_string (v, trim, nl);
    case Quote::BASIC:
    default:
      return basic_string (v);
    }
}

bool
bare_key_fits (std::string_view k)
{
  if (k.empty ())
    return false;
  for (char c : k)
    if (!g_ascii_isalnum (c) && c != '_' && c != '-')
      return false;
  return true;
}

std::string
render_key (std::string_view k)
{
  return bare_key_fits (k) ? std::string (k) : basic_string (k);
}

/* Dates: YYYY-MM-DD, then optionally [T t space]HH:MM[:SS[.frac]] and a zone. */
struct Stamp
{
  int         year = 0, month = 0, day = 0;
  bool        has_time = false;
  int         hour = 0, minute = 0, second = 0;
  std::string frac;          /* digits after the point, none when absent */
  bool        has_frac = false;
  int         zone = 0;      /* 0 none (local), 1 Z, 2 an offset */
  char        z = 'Z';
  int         offset = 0;    /* minutes east */
  char        sep = 'T';
};

bool
digits (std::string_view s,
        size_t          &i,
        size_t           n,
        int             &out)
{
  out = 0;
  for (size_t k = 0; k < n; k++, i++)
    {
      if (i >= s.size () || !g_ascii_isdigit (s[i]))
        return false;
      out = out * 10 + (s[i] - '0');
    }
  return true;
}

bool
stamp_parse (std::string_view s,
             Stamp           &st)
{
  size_t i = 0;

  if (!digits (s, i, 4, st.year) || i >= s.size () || s[i++] != '-' ||
      !digits (s, i, 2, st.month) || i >= s.size () || s[i++] != '-' ||
      !digits (s, i, 2, st.day))
    return false;
  if (i < s.size ())
    {
      if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
        return false;
      st.sep = s[i++];
      st.has_time = true;
      if (!digits (s, i, 2, st.hour) || i >= s.size () || s[i++] != ':' || !digits (s, i, 2, st.minute))
        return false;
      if (i < s.size () && s[i] == ':')
        {
          i++;
          if (!digits (s, i, 2, st.second))
            return false;
          if (i < s.size () && s[i] == '.')
            {
              i++;
              st.has_frac = true;
              while (i < s.size () && g_ascii_isdigit (s[i]))
                st.frac += s[i++];
              if (st.frac.empty () || st.frac.size () > 9)
                return false;
            }
        }
      if (i < s.size ())
        {
          if (s[i] == 'Z' || s[i] == 'z')
            {
              st.zone = 1;
              st.z = s[i++];
            }
          else if (s[i] == '+' || s[i] == '-')
            {
              int sign = s[i++] == '-' ? -1 : 1, h = 0, mi = 0;

              if (!digits (s, i, 2, h))
                return false;
              if (i < s.size () && s[i] == ':')
                i++;
              if (i < s.size () && !digits (s, i, 2, mi))
                return false;
              if (h > 23 || mi > 59)
                return false;
              st.zone = 2;
              st.offset = sign * (h * 60 + mi);
            }
        }
    }
  if (i != s.size ())
    return false;

  {
    GDateTime *check = g_date_time_new_utc (st.year, st.month, st.day, st.hour, st.minute, st.second);

    if (check == nullptr || st.hour > 23 || st.minute > 59 || st.second > 59)
      {
        if (check != nullptr)
          g_date_time_unref (check);
        return false;
      }
    g_date_time_unref (check);
  }
  return true;
}

void
append_offset (std::string &out,
               const Stamp &st)
{
  char buf[16];
  int a = std::abs (st.offset);

  if (st.zone == 1)
    {
      out += st.z;
      return;
    }
  g_snprintf (buf, sizeof buf, "%c%02d:%02d", st.offset < 0 ? '-' : '+', a / 60, a % 60);
  out += buf;
}

/* Writes @st (a value) in the shape of @shape (what the node held), or as
 * TOML writes it when @shape is null; @st is updated to what was written
 * (for the expected value). */
std::string
render_stamp (Stamp       &st,
              const Stamp *shape)
{
  char buf[64];
  std::string out;

  if (shape != nullptr && !shape->has_time && st.has_time &&
      st.hour == 0 && st.minute == 0 && st.second == 0 && st.frac.empty () && st.zone == 0)
    st.has_time = false;

  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", st.year, st.month, st.day);
  out = buf;
  if (shape != nullptr && !shape->has_time)
    {
      if (!st.has_time)
        return out;
      shape = nullptr;   /* a date can't hold this time: write it whole */
    }
  if (shape == nullptr && !st.has_time)
    return out;

  if (!st.has_time)
    {
      st.has_time = true;
      st.hour = st.minute = st.second = 0;
      st.frac.clear ();
      st.zone = 0;
    }
  out += shape != nullptr ? shape->sep : 'T';
  g_snprintf (buf, sizeof buf, "%02d:%02d:%02d", st.hour, st.minute, st.second);
  out += buf;
  if (shape != nullptr && shape->has_frac)
    while (st.frac.size () < shape->frac.size ())
      st.frac += '0';
  if (!st.frac.empty ())
    out += "." + st.frac;

  if (shape != nullptr)
    {
      if (shape->zone == 0)
        st.zone = 0;
      else if (st.zone == 0)
        {
          st.zone = shape->zone;
          st.offset = shape->offset;
          st.z = shape->z;
        }
      else if (st.zone == 2 && st.offset == 0 && shape->zone == 1)
        {
          st.zone = 1;
          st.z = shape->z;
        }
      else if (st.zone == 1 && shape->zone == 2)
        {
          st.zone = 2;
          st.offset = 0;
        }
      else if (st.zone == 1)
        st.z = shape->z;
    }
  if (st.zone != 0)
    append_offset (out, st);
  return out;
}

toml::date_time
stamp_to_toml (const Stamp &st)
{
  toml::date d ((uint16_t) st.year, (uint8_t) st.month, (uint8_t) st.day);
  uint32_t nanos = 0;
  std::string f = st.frac;

  while (f.size () < 9)
    f += '0';
  nanos = (uint32_t) g_ascii_strtoull (f.c_str (), nullptr, 10);
  toml::time t ((uint8_t) st.hour, (uint8_t) st.minute, (uint8_t) st.second, nanos);
  if (st.zone == 0)
    return toml::date_time (d, t);
  return toml::date_time (d, t, toml::time_offset (0, st.zone == 1 ? 0 : st.offset));
}

bool
time_parse (std::string_view s,
            toml::time      &t)
{
  Stamp st;
  std::string full = "2000-01-01T" + std::string (s);

  if (!stamp_parse (full, st) || st.zone != 0 || full.size () < 19 || full[16] != ':')
    return false;
  {
    std::string f = st.frac;

    while (f.size () < 9)
      f += '0';
    t = toml::time ((uint8_t) st.hour, (uint8_t) st.minute, (uint8_t) st.second,
                    (uint32_t) g_ascii_strtoull (f.c_str (), nullptr, 10));
  }
  return true;
}

bool
float_text_fits (std::string_view s)
{
  size_t i = 0;
  bool dot = false, exp = false;

  if (i < s.size () && (s[i] == '+' || s[i] == '-'))
    i++;
  if (i >= s.size () || !g_ascii_isdigit (s[i]))
    return false;
  if (s[i] == '0' && i + 1 < s.size () && g_ascii_isdigit (s[i + 1]))
    return false;   /* no leading zeros */
  while (i < s.size () && g_ascii_isdigit (s[i]))
    i++;
  if (i < s.size () && s[i] == '.')
    {
      dot = true;
      i++;
      if (i >= s.size () || !g_ascii_isdigit (s[i]))
        return false;
      while (i < s.size () && g_ascii_isdigit (s[i]))
        i++;
    }
  if (i < s.size () && (s[i] == 'e' || s[i] == 'E'))
    {
      exp = true;
      i++;
      if (i < s.size () && (s[i] == '+' || s[i] == '-'))
        i++;
      if (i >= s.size () || !g_ascii_isdigit (s[i]))
        return false;
      while (i < s.size () && g_ascii_isdigit (s[i]))
        i++;
    }
  return i == s.size () && (dot || exp);
}

/* A scalar to write: its TOML text, and what a reader must find there. */
struct Rendered
{
  std::string text;
  toml::array expect;   /* one element */
};

bool
bad_value (GError    **error,
           const char *message)
{
  g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE, message);
  return false;
}

/* Renders @value (of @type) for the place of @old (nullptr for a new
 * entry). */
bool
render_scalar (const Model     &m,
               const Node      *old,
               const char      *value,
               BylineValueType  type,
               bool             force_basic,
               Rendered        &r,
               GError         **error)
{
  std::string_view old_src;
  bool old_is_string = old != nullptr && old->tn->is_string ();

  if (old != nullptr && old->has_scalar)
    old_src = std::string_view (m.text).substr (old->value_start, old->value_end - old->value_start);

  if (type == BYLINE_VALUE_NULL)
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED,
                           _("TOML has no empty value: remove the field instead."));
      return false;
    }
  if (type == BYLINE_VALUE_SEQUENCE || type == BYLINE_VALUE_MAPPING)
    return bad_value (error, _("A list or a group of fields can’t be written as a single value."));
  if (value == nullptr || !g_utf8_validate (value, -1, nullptr))
    return bad_value (error, _("The value is not valid text."));

  switch (type)
    {
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
      {
        toml::time t;

        if (old != nullptr && old->tn->is_time ())
          {
            /* a time stays a time (text typed half-way is not taken) */
            if (!time_parse (value, t))
              {
                g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                             _("“%s” is not a time of day: write it as 07:32:00."), value);
                return false;
              }
            r.text = value;
            r.expect.push_back (t);
            return true;
          }
        r.text = render_string (value, old_is_string ? old_src : std::string_view (), m.newline, force_basic);
        if (old == nullptr && !force_basic && type == BYLINE_VALUE_TEXT && strchr (value, '\n') != nullptr)
          r.text = ml_basic_string (value, true, m.newline);
        r.expect.push_back (std::string (value));
        return true;
      }

    case BYLINE_VALUE_BOOL:
      {
        bool b;

        if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
            g_ascii_strcasecmp (value, "on") == 0)
          b = true;
        else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
                 g_ascii_strcasecmp (value, "off") == 0)
          b = false;
        else
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a yes/no value: use true or false."), value);
            return false;
          }
        r.text = b ? "true" : "false";
        r.expect.push_back (b);
        return true;
      }

    case BYLINE_VALUE_INT:
      {
        gint64 n = 0;
        char buf[32];

        if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &n, nullptr))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a whole number."), value);
            return false;
          }
        g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, n);
        r.text = buf;
        r.expect.push_back ((int64_t) n);
        return true;
      }

    case BYLINE_VALUE_FLOAT:
      {
        std::string v = value;
        double d;
        char *end = nullptr;

        if (g_ascii_strcasecmp (value, "inf") == 0 || g_ascii_strcasecmp (value, "+inf") == 0 ||
            g_ascii_strcasecmp (value, ".inf") == 0)
          {
            r.text = "inf";
            r.expect.push_back (INFINITY);
            return true;
          }
        if (g_ascii_strcasecmp (value, "-inf") == 0 || g_ascii_strcasecmp (value, "-.inf") == 0)
          {
            r.text = "-inf";
            r.expect.push_back (-INFINITY);
            return true;
          }
        errno = 0;
        d = g_ascii_strtod (value, &end);
        if (v.empty () || end == nullptr || *end != '\0' || errno != 0 || !std::isfinite (d) ||
            g_ascii_isspace (value[0]))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a number."), value);
            return false;
          }
        if (float_text_fits (v))
          r.text = v;
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            r.text = g_ascii_dtostr (buf, sizeof buf, d);
            if (r.text.find_first_of (".eEn") == std::string::npos)
              r.text += ".0";
            if (!float_text_fits (r.text))
              {
                g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                             _("“%s” is not a number."), value);
                return false;
              }
          }
        r.expect.push_back (d);
        return true;
      }

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      {
        Stamp st, shape;
        bool has_shape = false;
        std::string text;

        if (!stamp_parse (value, st))
          {
            g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                         _("“%s” is not a date: write it as 2025-02-13 or 2025-02-13T01:55:25+05:30."),
                         value);
            return false;
          }
        if (old_is_string)
          has_shape = stamp_parse (old->scalar, shape);
        else if (old != nullptr && (old->tn->is_date () || old->tn->is_date_time ()))
          has_shape = stamp_parse (old_src, shape);

        text = render_stamp (st, has_shape ? &shape : nullptr);
        if (old_is_string)
          {
            /* a date written as a string stays a string */
            r.text = render_string (text, old_src, m.newline, force_basic);
            r.expect.push_back (text);
            return true;
          }
        r.text = text;
        if (st.has_time)
          r.expect.push_back (stamp_to_toml (st));
        else
          r.expect.push_back (toml::date ((uint16_t) st.year, (uint8_t) st.month, (uint8_t) st.day));
        return true;
      }

    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      return bad_value (error, _("A list or a group of fields can’t be written as a single value."));
    }
}

bool
same_value (const toml::node &a,
            const toml::node &b)
{
  toml::array x, y;

  x.push_back (a);
  y.push_back (b);
  return x == y;
}

char *
unsupported (GError    **error,
             const char *message)
{
  g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED, message);
  return nullptr;
}

char *
unsupported_table (GError             **error,
                   const char * const  *path,
                   guint                n)
{
  g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_UNSUPPORTED,
               _("“%s” is a TOML table written with [headers] or dotted keys; Byline can’t "
                 "change it as a whole yet. Edit the text directly instead."),
               path_dotted (path, n).c_str ());
  return nullptr;
}

/* Whether a value of this layout sits between two byte offsets that can
 * take any value (a value after "key =", or an item in [ ]). */
bool
value_replaceable (const Node &node)
{
  return node.layout == Layout::PAIR || node.layout == Layout::INLINE || node.layout == Layout::ITEM;
}

/* The text between a key and its value ("key = "), and the indentation,
 * of @like (a pair on its own line), or the defaults. */
void
entry_shape (const Model &m,
             const Node  *like,
             std::string &indent,
             std::string &equals)
{
  Text tx (m.text);

  indent.clear ();
  equals = " = ";
  if (like != nullptr && like->layout == Layout::PAIR && like->own_line)
    {
      std::string_view eq = tx.slice (like->key_end, like->value_start);
      bool plain = eq.find ('=') != std::string_view::npos;

      for (char ch : eq)
        if (ch != ' ' && ch != '\t' && ch != '=')
          plain = false;
      if (plain)
        equals = std::string (eq);
      indent = std::string (tx.slice (like->entry_start, like->key_start));
    }
}

/* Adds "key = value" (already rendered) to the table at @parent_index. */
char *
add_rendered (const Model        &m,
              int                 parent_index,
              const char * const *path,
              guint               n,
              const char         *key,
              const std::string  &value_text,
              const toml::node   &expect,
              const char         *after_key,
              GError            **error)
{
  const Node &parent = m.nodes[parent_index];
  Text tx (m.text);
  std::string indent, equals, line, now;
  size_t at = 0;
  bool found = false;
  const Node *like = nullptr;
  std::vector<const char *> full (path, path + n);

  if (parent.type != BYLINE_VALUE_MAPPING)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,
                   _("There is no field “%s”."), path_dotted (path, n).c_str ());
      return nullptr;
    }
  if (parent.layout != Layout::ROOT && parent.layout != Layout::HEADER)
    return unsupported (error, _("Byline can add fields to TOML tables written with [headers] "
                                 "only, not to { } tables or dotted keys. Edit the text directly "
                                 "instead."));
  if (child_of (m, parent_index, key) >= 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_EXISTS,
                   _("There is already a field “%s”."), key);
      return nullptr;
    }

  if (after_key != nullptr)
    {
      int a = child_of (m, parent_index, after_key);

      if (a < 0)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_NOT_FOUND,
                       _("There is no field “%s”."), after_key);
          return nullptr;
        }
      if (m.nodes[a].layout != Layout::PAIR || !m.nodes[a].own_line)
        return unsupported (error, _("A new TOML field can only follow a field on a line of its own."));
      at = m.nodes[a].entry_end;
      like = &m.nodes[a];
      found = true;
    }
  else
    {
      for (auto it = parent.children.rbegin (); it != parent.children.rend () && !found; ++it)
        {
          const Node &c = m.nodes[*it];

          if (c.layout == Layout::PAIR && c.own_line)
            {
              at = c.entry_end;
              like = &c;
              found = true;
            }
        }
    }
  if (!found)
    at = parent.layout == Layout::HEADER ? tx.next_line (parent.value_start) : 0;

  entry_shape (m, like, indent, equals);
  line = indent + render_key (key) + equals + value_text + m.newline;
  if (at > 0 && m.text[at - 1] != '\n')
    line = m.newline + line;

  now = splice (m.text, at, at, line);
  full.push_back (key);
  full.push_back (nullptr);
  if (!prove (m, now, full.data (), n + 1, Op::SET, &expect, nullptr))
    return unsafe (error);
  return g_strndup (now.data (), now.size ());
}

/* ------------------------------------------------------------------------ */
/* Lists                                                                      */
/* ------------------------------------------------------------------------ */

bool
all_ints (const Model &m,
          const Node  &array)
{
  if (array.children.empty ())
    return false;
  for (int c : array.children)
    if (!m.nodes[c].tn->is_integer ())
      return false;
  return true;
}

/* @items as an inline array laid out like @old (nullptr: "[a, b]"). */
bool
render_list (const Model        &m,
             const Node         *old,
             const char * const *items,
             bool                force_basic,
             std::string        &out,
             toml::array        &expect,
             GError            **error)
{
  Text tx (m.text);
  std::string prefix, suffix, sep = ", ";
  std::string_view quote_src;
  bool ints = old != nullptr && all_ints (m, *old);
  guint n = path_length (items);

  if (old != nullptr)
    {
      std::string_view src = tx.slice (old->value_start, old->value_end);

      if (src.size () < 2 || src.front () != '[' || src.back () != ']')
        return unsupported (error, _("This TOML list can’t be changed in place. Edit the text directly instead.")) != nullptr;
      if (!old->children.empty ())
        {
          const Node &first = m.nodes[old->children.front ()];
          const Node &last = m.nodes[old->children.back ()];

          prefix = std::string (tx.slice (old->value_start + 1, first.value_start));
          suffix = std::string (tx.slice (last.value_end, old->value_end - 1));
          if (old->children.size () >= 2)
            sep = std::string (tx.slice (first.value_end, m.nodes[old->children[1]].value_start));
          else if (prefix.find ('\n') != std::string::npos)
            sep = "," + prefix;
        }
      else
        prefix = suffix = "";
      if (prefix.find ('#') != std::string::npos || suffix.find ('#') != std::string::npos ||
          sep.find ('#') != std::string::npos)
        return unsupported (error, _("This TOML list has comments between its items; Byline can’t "
                                     "change it without losing them. Edit the text directly instead.")) != nullptr;
      for (size_t i = 2; i < old->children.size (); i++)
        {
          std::string_view gap = tx.slice (m.nodes[old->children[i - 1]].value_end,
                                           m.nodes[old->children[i]].value_start);

          if (gap.find ('#') != std::string_view::npos)
            return unsupported (error, _("This TOML list has comments between its items; Byline can’t "
                                         "change it without losing them. Edit the text directly instead.")) != nullptr;
        }
      for (int c : old->children)
        if (m.nodes[c].tn->is_string ())
          {
            quote_src = tx.slice (m.nodes[c].value_start, m.nodes[c].value_end);
            if (quote_of (quote_src) == Quote::ML_BASIC || quote_of (quote_src) == Quote::ML_LITERAL)
              quote_src = std::string_view ();
            break;
          }
    }

  out = "[";
  if (n == 0)
    {
      out += "]";
      return true;
    }
  out += prefix;
  for (guint i = 0; i < n; i++)
    {
      const Node *reuse = nullptr;
      gint64 number = 0;

      if (!g_utf8_validate (items[i], -1, nullptr))
        return bad_value (error, _("The value is not valid text."));
      if (i > 0)
        out += sep;
      if (old != nullptr)
        {
          if (i < old->children.size () && m.nodes[old->children[i]].has_scalar &&
              m.nodes[old->children[i]].scalar == items[i])
            reuse = &m.nodes[old->children[i]];
          for (size_t k = 0; reuse == nullptr && k < old->children.size (); k++)
            if (m.nodes[old->children[k]].has_scalar && m.nodes[old->children[k]].scalar == items[i])
              reuse = &m.nodes[old->children[k]];
        }
      if (reuse != nullptr && !force_basic)
        {
          out += std::string (tx.slice (reuse->value_start, reuse->value_end));
          expect.push_back (*reuse->tn);
        }
      else if (ints && g_ascii_string_to_signed (items[i], 10, G_MININT64, G_MAXINT64, &number, nullptr))
        {
          char buf[32];

          g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, number);
          out += buf;
          expect.push_back ((int64_t) number);
        }
      else
        {
          out += render_string (items[i], quote_src, m.newline, force_basic);
          expect.push_back (std::string (items[i]));
        }
    }
  out += suffix;
  out += "]";
  return true;
}

} /* namespace */

/* ------------------------------------------------------------------------ */
/* The C API                                                                  */
/* ------------------------------------------------------------------------ */

BylineTomlNode *
byline_toml_parse_model (const char  *text,
                         gsize        len,
                         guint       *n_nodes,
                         guint       *line,
                         guint       *column,
                         char       **message)
{
  Model m;
  BylineTomlNode *nodes;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (n_nodes != NULL, nullptr);

  *n_nodes = 0;
  if (!model_load (m, text, len, line, column, message))
    return nullptr;

  nodes = g_new0 (BylineTomlNode, m.nodes.size ());
  for (size_t i = 0; i < m.nodes.size (); i++)
    {
      const Node &n = m.nodes[i];
      BylineTomlNode *out = &nodes[i];

      out->parent = n.parent;
      out->key = n.has_key ? g_strndup (n.key.data (), n.key.size ()) : nullptr;
      out->key_start = n.has_key ? n.key_start : n.value_start;
      out->key_end = n.has_key ? n.key_end : n.value_start;
      out->value_start = n.value_start;
      out->value_end = n.value_end;
      out->entry_start = n.entry_start;
      out->entry_end = n.entry_end;
      out->line = n.line;
      out->type = n.type;
      out->style = n.style;
      out->bool_value = n.bool_value;
      out->in_flow = n.in_flow;
      out->scalar = n.has_scalar ? g_strndup (n.scalar.data (), n.scalar.size ()) : nullptr;
    }
  *n_nodes = (guint) m.nodes.size ();
  return nodes;
}

void
byline_toml_model_free (BylineTomlNode *nodes,
                        guint           n_nodes)
{
  if (nodes == nullptr)
    return;
  for (guint i = 0; i < n_nodes; i++)
    {
      g_free (nodes[i].key);
      g_free (nodes[i].scalar);
    }
  g_free (nodes);
}

char *
byline_toml_set_scalar (const char         *text,
                        gsize               len,
                        const char * const *path,
                        const char         *value,
                        BylineValueType     type,
                        GError            **error)
{
  Model m;
  guint n = path_length (path);
  int index, parent;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if (n == 0)
    return unsupported (error, _("The front matter as a whole can’t be set to one value."));
  if ((parent = lookup (m, path, n - 1, error)) < 0)
    return nullptr;
  index = child_of (m, parent, path[n - 1]);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      Rendered r;
      std::string now;

      if (!render_scalar (m, index >= 0 ? &m.nodes[index] : nullptr, value, type, attempt == 1, r, error))
        return nullptr;
      if (index < 0)
        return add_rendered (m, parent, path, n - 1, path[n - 1], r.text, *r.expect.get (0), nullptr, error);

      {
        const Node &old = m.nodes[index];

        if (!value_replaceable (old))
          return unsupported_table (error, path, n);
        if (same_value (*old.tn, *r.expect.get (0)))
          return g_strndup (m.text.data (), m.text.size ());
        now = splice (m.text, old.value_start, old.value_end, r.text);
      }
      if (prove (m, now, path, n, Op::SET, r.expect.get (0), nullptr))
        return g_strndup (now.data (), now.size ());
    }
  return unsafe (error);
}

char *
byline_toml_set_list (const char         *text,
                      gsize               len,
                      const char * const *path,
                      const char * const *items,
                      GError            **error)
{
  static const char * const none[] = { nullptr };
  Model m;
  guint n = path_length (path);
  int index, parent;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (items == nullptr)
    items = none;
  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if (n == 0)
    return unsupported (error, _("The front matter as a whole can’t be set to one value."));
  if ((parent = lookup (m, path, n - 1, error)) < 0)
    return nullptr;
  index = child_of (m, parent, path[n - 1]);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      toml::array expect;
      std::string out, now;
      const Node *old = index >= 0 ? &m.nodes[index] : nullptr;

      if (old != nullptr && !value_replaceable (*old))
        {
          if (old->layout == Layout::TABLES)
            return unsupported (error, _("This list is a TOML array of tables ([[headers]]); "
                                         "Byline can’t rewrite it as a whole. Edit the text directly instead."));
          return unsupported_table (error, path, n);
        }
      if (!render_list (m, old != nullptr && old->tn->is_array () ? old : nullptr, items,
                        attempt == 1, out, expect, error))
        return nullptr;
      if (old == nullptr)
        return add_rendered (m, parent, path, n - 1, path[n - 1], out, expect, nullptr, error);
      if (same_value (*old->tn, expect))
        return g_strndup (m.text.data (), m.text.size ());
      now = splice (m.text, old->value_start, old->value_end, out);
      if (prove (m, now, path, n, Op::SET, &expect, nullptr))
        return g_strndup (now.data (), now.size ());
    }
  return unsafe (error);
}

gboolean
byline_toml_can_add_entry (const char         *text,
                           gsize               len,
                           const char * const *parent_path)
{
  static const char * const none[] = { nullptr };
  Model m;
  int parent;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (parent_path == nullptr)
    parent_path = none;
  if (!model_load_or_error (m, text, len, nullptr) ||
      (parent = lookup (m, parent_path, path_length (parent_path), nullptr)) < 0)
    return FALSE;
  /* as add_rendered() checks */
  return m.nodes[parent].type == BYLINE_VALUE_MAPPING &&
         (m.nodes[parent].layout == Layout::ROOT || m.nodes[parent].layout == Layout::HEADER);
}

char *
byline_toml_add_entry (const char         *text,
                       gsize               len,
                       const char * const *parent_path,
                       const char         *key,
                       const char         *value,
                       BylineValueType     type,
                       const char         *after_key,
                       GError            **error)
{
  static const char * const none[] = { nullptr };
  Model m;
  guint n = path_length (parent_path);
  int parent;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (key != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (parent_path == nullptr)
    parent_path = none;
  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if ((parent = lookup (m, parent_path, n, error)) < 0)
    return nullptr;
  if (!g_utf8_validate (key, -1, nullptr) || key[0] == '\0')
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                           _("A field needs a name."));
      return nullptr;
    }

  if (type == BYLINE_VALUE_MAPPING)
    return unsupported (error, _("Byline can’t add a group of fields to TOML front matter yet. "
                                 "Edit the text directly instead."));
  if (type == BYLINE_VALUE_SEQUENCE)
    {
      const char *items[2] = { value, nullptr };
      toml::array expect;
      std::string out;

      if (!render_list (m, nullptr, items, false, out, expect, error))
        return nullptr;
      return add_rendered (m, parent, parent_path, n, key, out, expect, after_key, error);
    }

  {
    Rendered r;

    if (!render_scalar (m, nullptr, value, type, false, r, error))
      return nullptr;
    return add_rendered (m, parent, parent_path, n, key, r.text, *r.expect.get (0), after_key, error);
  }
}

char *
byline_toml_remove (const char         *text,
                    gsize               len,
                    const char * const *path,
                    GError            **error)
{
  Model m;
  guint n = path_length (path);
  int index;
  std::string now;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if (n == 0)
    return unsupported (error, _("The front matter as a whole can’t be removed."));
  if ((index = lookup (m, path, n, error)) < 0)
    return nullptr;

  {
    const Node &node = m.nodes[index];

    if ((node.layout == Layout::PAIR && node.own_line) || node.layout == Layout::HEADER ||
        node.layout == Layout::TABLES)
      now = splice (m.text, node.entry_start, node.entry_end, "");
    else if (node.layout == Layout::ITEM || node.layout == Layout::INLINE)
      return unsupported (error, _("Byline can’t remove an item inside a TOML [ ] or { } value "
                                   "on its own yet. Edit the text directly instead."));
    else
      return unsupported_table (error, path, n);
  }
  if (!prove (m, now, path, n, Op::REMOVE, nullptr, nullptr))
    return unsafe (error);
  return g_strndup (now.data (), now.size ());
}

char *
byline_toml_rename_key (const char         *text,
                        gsize               len,
                        const char * const *path,
                        const char         *new_key,
                        GError            **error)
{
  Model m;
  guint n = path_length (path);
  int index;
  std::string now;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (new_key != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if ((index = lookup (m, path, n, error)) < 0)
    return nullptr;
  if (n == 0 || !m.nodes[index].has_key)
    return unsupported (error, _("Only a field’s name can be changed."));
  if (!g_utf8_validate (new_key, -1, nullptr) || new_key[0] == '\0')
    {
      g_set_error_literal (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                           _("A field needs a name."));
      return nullptr;
    }
  if (m.nodes[index].key == new_key)
    return g_strndup (m.text.data (), m.text.size ());
  if (child_of (m, m.nodes[index].parent, new_key) >= 0)
    {
      g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_EXISTS,
                   _("There is already a field “%s”."), new_key);
      return nullptr;
    }
  if (m.nodes[index].layout == Layout::TABLES || m.nodes[index].layout == Layout::IMPLICIT)
    return unsupported_table (error, path, n);

  now = splice (m.text, m.nodes[index].key_start, m.nodes[index].key_end, render_key (new_key));
  if (!prove (m, now, path, n, Op::RENAME, nullptr, new_key))
    return unsafe (error);
  return g_strndup (now.data (), now.size ());
}

char *
byline_toml_move (const char         *text,
                  gsize               len,
                  const char * const *path,
                  guint               new_index,
                  GError            **error)
{
  Model m, after;
  guint n = path_length (path);
  int index;
  guint from = 0;
  std::string moved, now;
  std::vector<std::string> want;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if ((index = lookup (m, path, n, error)) < 0)
    return nullptr;
  if (n == 0)
    return unsupported (error, _("The front matter as a whole can’t be moved."));

  {
    const Node &node = m.nodes[index];
    const Node &parent = m.nodes[node.parent];
    size_t at;

    if (new_index >= parent.children.size ())
      {
        g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                     _("There is no position %u here."), new_index + 1);
        return nullptr;
      }
    while (parent.children[from] != index)
      from++;
    if (from == new_index)
      return g_strndup (m.text.data (), m.text.size ());

    /* fields on lines of their own, with their line breaks, among fields
     * of the same [table]: their lines change places */
    for (guint i = MIN (from, new_index); i <= MAX (from, new_index); i++)
      {
        const Node &c = m.nodes[parent.children[i]];

        if (c.layout != Layout::PAIR || !c.own_line || c.entry_end == 0 || m.text[c.entry_end - 1] != '\n')
          return unsupported (error, _("In TOML, Byline moves fields written on lines of their own "
                                       "among the other such fields of their table only. Edit the "
                                       "text directly instead."));
      }

    moved = m.text.substr (node.entry_start, node.entry_end - node.entry_start);
    at = new_index > from ? m.nodes[parent.children[new_index]].entry_end
                          : m.nodes[parent.children[new_index]].entry_start;
    now = m.text;
    if (at > node.entry_start)
      {
        now.insert (at, moved);
        now.erase (node.entry_start, moved.size ());
      }
    else
      {
        now.erase (node.entry_start, moved.size ());
        now.insert (at, moved);
      }

    for (int c : parent.children)
      if (c != index)
        want.push_back (m.nodes[c].key);
    want.insert (want.begin () + new_index, node.key);
  }

  /* the same table, its keys in the new order */
  if (!prove (m, now, path, n, Op::KEEP, nullptr, nullptr) ||
      !model_load (after, now.data (), now.size (), nullptr, nullptr, nullptr))
    return unsafe (error);
  {
    int parent = lookup (after, path, n - 1, nullptr);
    std::vector<std::string> got;

    if (parent < 0)
      return unsafe (error);
    for (int c : after.nodes[parent].children)
      got.push_back (after.nodes[c].key);
    if (got != want)
      return unsafe (error);
  }
  return g_strndup (now.data (), now.size ());
}

char *
byline_toml_append_item (const char         *text,
                         gsize               len,
                         const char * const *path,
                         const char         *value,
                         BylineValueType     type,
                         GError            **error)
{
  Model m;
  guint n = path_length (path);
  int index, parent;
  std::vector<const char *> items;

  g_return_val_if_fail (text != NULL || len == 0, nullptr);
  g_return_val_if_fail (path != NULL, nullptr);
  g_return_val_if_fail (error == NULL || *error == NULL, nullptr);

  if (!model_load_or_error (m, text, len, error))
    return nullptr;
  if (n == 0)
    return unsupported (error, _("The front matter as a whole is not a list."));
  if ((parent = lookup (m, path, n - 1, error)) < 0)
    return nullptr;
  index = child_of (m, parent, path[n - 1]);
  if (type == BYLINE_VALUE_MAPPING || type == BYLINE_VALUE_SEQUENCE || value == nullptr)
    return unsupported (error, _("Byline can’t add a group of fields to a TOML list yet. "
                                 "Edit the text directly instead."));

  /* an item added to [ ] is the list with one more item */
  if (index >= 0)
    {
      const Node &node = m.nodes[index];

      if (node.type != BYLINE_VALUE_SEQUENCE)
        {
          g_set_error (error, BYLINE_FRONT_MATTER_ERROR, BYLINE_FRONT_MATTER_ERROR_BAD_VALUE,
                       _("“%s” is not a list."), path_dotted (path, n).c_str ());
          return nullptr;
        }
      for (int c : node.children)
          {
            if (!m.nodes[c].has_scalar)
              return unsupported (error, _("This TOML list holds lists or groups; Byline can’t "
                                           "add to it yet. Edit the text directly instead."));
            items.push_back (m.nodes[c].scalar.c_str ());
          }
    }
  items.push_back (value);
  items.push_back (nullptr);
  return byline_toml_set_list (text, len, path, items.data (), error);
}
