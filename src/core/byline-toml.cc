/* byline-toml.cc: TOML front matter read with toml++, as JSON nodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-toml"

#include "config.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "byline-toml.h"

static JsonNode *to_json (const toml::node &node);

/* A table's entries in the order of the text (toml++ keeps them sorted by
 * key): by where each key was read. */
static JsonNode *
table_to_json (const toml::table &table)
{
  std::vector<std::pair<const toml::key *, const toml::node *>> entries;
  JsonObject *object = json_object_new ();
  JsonNode *result = json_node_new (JSON_NODE_OBJECT);

  for (auto &&[key, value] : table)
    entries.emplace_back (&key, &value);
  std::stable_sort (entries.begin (), entries.end (), [] (const auto &a, const auto &b) {
    const toml::source_position &pa = a.first->source ().begin;
    const toml::source_position &pb = b.first->source ().begin;

    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });

  for (const auto &entry : entries)
    json_object_set_member (object, std::string (entry.first->str ()).c_str (), to_json (*entry.second));
  json_node_take_object (result, object);
  return result;
}

template <typename T>
static JsonNode *
string_node (const T &value)
{
  std::ostringstream text;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  text << value;
  json_node_set_string (node, text.str ().c_str ());
  return node;
}

static JsonNode *
to_json (const toml::node &node)
{
  JsonNode *result = nullptr;

  switch (node.type ())
    {
    case toml::node_type::table:
      return table_to_json (*node.as_table ());

    case toml::node_type::array:
      {
        JsonArray *array = json_array_new ();

        for (const toml::node &item : *node.as_array ())
          json_array_add_element (array, to_json (item));
        result = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (result, array);
        return result;
      }

    case toml::node_type::string:
      result = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (result, std::string (node.as_string ()->get ()).c_str ());
      return result;

    case toml::node_type::integer:
      result = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (result, node.as_integer ()->get ());
      return result;

    case toml::node_type::floating_point:
      result = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (result, node.as_floating_point ()->get ());
      return result;

    case toml::node_type::boolean:
      result = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (result, node.as_boolean ()->get ());
      return result;

    case toml::node_type::date:
      return string_node (node.as_date ()->get ());

    case toml::node_type::time:
      return string_node (node.as_time ()->get ());

    case toml::node_type::date_time:
      return string_node (node.as_date_time ()->get ());

    case toml::node_type::none:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

JsonNode *
byline_toml_parse (const char  *text,
                   gsize        len,
                   guint       *line,
                   guint       *column,
                   char       **message)
{
  g_return_val_if_fail (text != NULL || len == 0, nullptr);

  try
    {
      toml::table table = toml::parse (std::string_view (text != nullptr ? text : "", len));

      return table_to_json (table);
    }
  catch (const toml::parse_error &error)
    {
      if (line != nullptr)
        *line = MAX (error.source ().begin.line, 1u);
      if (column != nullptr)
        *column = MAX (error.source ().begin.column, 1u);
      if (message != nullptr)
        *message = g_strndup (error.description ().data (), error.description ().size ());
      return nullptr;
    }
  catch (const std::exception &error)
    {
      if (line != nullptr)
        *line = 1;
      if (column != nullptr)
        *column = 1;
      if (message != nullptr)
        *message = g_strdup (error.what ());
      return nullptr;
    }
}
