/* byline-link-check.c: broken local links of a post's body
 *
 * The links come from byline_markdown_dup_links() (cmark-gfm and the
 * shortcode pre-pass's readers); images are found by
 * byline_image_link_resolve(), posts by byline_link_check_find_post(),
 * which the preview uses for a click on a link to a post. A reference
 * link's problem is its definition's (byline_markdown_dup_link_definitions()):
 * it is marked there, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-link-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "byline-image-link.h"
#include "byline-link-check.h"
#include "byline-markdown.h"

void
byline_link_problem_free (BylineLinkProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* Whether @file is a regular file, asked once per check (@cache: path →
 * GINT_TO_POINTER (1 + answer); NULL: not cached). */
static gboolean
is_regular_file (GFile        *file,
                 GHashTable   *cache,
                 GCancellable *cancellable)
{
  g_autofree char *key = cache != NULL ? g_file_get_uri (file) : NULL;
  gpointer found;
  gboolean regular;

  if (cache != NULL && (found = g_hash_table_lookup (cache, key)) != NULL)
    return GPOINTER_TO_INT (found) - 1;
  regular = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
  if (cache != NULL)
    g_hash_table_insert (cache, g_steal_pointer (&key), GINT_TO_POINTER (1 + regular));
  return regular;
}

static GFile *
find_post (GFile            *post,
           BylineSiteConfig *config,
           const char       *path,
           GHashTable       *cache,
           GCancellable     *cancellable)
{
  static const char * const suffixes[] = { "", ".md", ".markdown", "/index.md", "/_index.md" };
  g_autoptr(GFile) folder = post != NULL ? g_file_get_parent (post) : NULL;
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean rooted = path[0] == '/';

  while (*path == '/')
    path++;
  if (*path == '\0')
    return NULL;
  if (folder != NULL && !rooted)
    g_ptr_array_add (bases, g_object_ref (folder));
  if (config != NULL)
    {
      for (GFile * const *dir = byline_site_config_get_content_dirs (config); *dir != NULL; dir++)
        g_ptr_array_add (bases, g_object_ref (*dir));
      if (byline_site_config_get_kind (config) == BYLINE_SITE_KIND_JEKYLL && !rooted)
        g_ptr_array_add (bases, g_file_get_child (byline_site_config_get_content_dir (config), "_posts"));
    }
  for (guint i = 0; i < bases->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *candidate_path = g_strconcat (path, suffixes[j], NULL);
        g_autoptr(GFile) candidate = g_file_resolve_relative_path (g_ptr_array_index (bases, i),
                                                                  candidate_path);

        if (is_regular_file (candidate, cache, cancellable))
          return g_steal_pointer (&candidate);
      }
  return NULL;
}

GFile *
byline_link_check_find_post (GFile            *post,
                             BylineSiteConfig *config,
                             const char       *path,
                             GCancellable     *cancellable)
{
  g_return_val_if_fail (post == NULL || G_IS_FILE (post), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return find_post (post, config, path, NULL, cancellable);
}

/* @target without "#fragment" or "?query", %XX decoded (as written when
 * an escape is invalid). */
static char *
bare_path (const char *target,
           gboolean    decode)
{
  g_autofree char *cut = g_strndup (target, strcspn (target, "#?"));
  char *decoded = decode ? g_uri_unescape_string (cut, NULL) : NULL;

  return decoded != NULL ? decoded : g_steal_pointer (&cut);
}

static gboolean
is_url (const char *target)
{
  g_autofree char *scheme = g_uri_parse_scheme (target);

  return g_str_has_prefix (target, "//") || (scheme != NULL && g_ascii_strcasecmp (scheme, "file") != 0);
}

static gboolean
has_suffix_nocase (const char *path,
                   const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

/* The ids the preview gives the headings of @body (byline-markdown.c's
 * heading_id(): the slug, "section" for none, "-N" after the first), or
 * NULL when ids may come from elsewhere too ({#id} attributes, raw HTML's
 * id and name), and "#anchors" can't be checked. */
static GHashTable *
heading_ids (const char *body,
             gsize       len)
{
  static const char * const others[] = { "{#", " id=", " name=", " ID=", " NAME=" };
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GHashTable) counts = NULL;
  GHashTable *ids;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_strstr_len (body, len, others[i]) != NULL)
      return NULL;

  headings = byline_markdown_dup_headings (body, len);
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < headings->len; i++)
    {
      BylineHeading *heading = g_ptr_array_index (headings, i);
      g_autofree char *slug = byline_markdown_slugify (heading->text);
      guint count;
      char *id;

      if (slug[0] == '\0')
        {
          g_free (slug);
          slug = g_strdup ("section");
        }
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, slug));
      id = count == 0 ? g_strdup (slug) : g_strdup_printf ("%s-%u", slug, count);
      g_hash_table_replace (counts, g_strdup (slug), GUINT_TO_POINTER (count + 1));
      if (count > 0)
        g_hash_table_replace (counts, g_strdup (id), GUINT_TO_POINTER (1));
      g_hash_table_add (ids, id);
    }
  return ids;
}

/* The message for a broken @link, or NULL when it is fine (or can't be
 * checked). @ids: heading_ids(). */
static char *
check_one (BylineMarkdownLink *link,
           GHashTable         *ids,
           GFile              *post,
           BylineSiteConfig   *config,
           GHashTable         *cache,
           GCancellable       *cancellable)
{
  g_autofree char *target = g_strstrip (g_strdup (link->target));
  gboolean image = link->kind == BYLINE_MARKDOWN_LINK_IMAGE ||
                   link->kind == BYLINE_MARKDOWN_LINK_HTML_IMAGE ||
                   link->kind == BYLINE_MARKDOWN_LINK_FIGURE;
  g_autofree char *path = NULL;
  const char *base;

  if (target[0] == '#' && target[1] != '\0' && ids != NULL &&
      (link->kind == BYLINE_MARKDOWN_LINK_LINK || link->kind == BYLINE_MARKDOWN_LINK_HTML_LINK))
    {
      g_autofree char *anchor = g_uri_unescape_string (target + 1, NULL);

      if (anchor != NULL && !g_hash_table_contains (ids, anchor))
        return g_strdup_printf (_("No heading “#%s” in the post"), anchor);
      return NULL;
    }
  if (target[0] == '\0' || target[0] == '#' || is_url (target))
    return NULL;

  if (link->kind == BYLINE_MARKDOWN_LINK_POST)
    {
      g_autoptr(GFile) found = NULL;

      path = bare_path (target, FALSE);
      found = find_post (post, config, path, cache, cancellable);
      return found == NULL ? g_strdup_printf (_("No post “%s” in the site’s content"), path) : NULL;
    }

  path = bare_path (target, TRUE);
  base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  if (!image)
    {
      /* a page's address ("/posts/trip/", "../about") depends on the
       * site's permalinks, and the generator makes pages and feeds
       * ("/index.xml"): only other files are looked for */
      if (strchr (base, '.') == NULL || has_suffix_nocase (base, ".html") || has_suffix_nocase (base, ".htm") ||
          has_suffix_nocase (base, ".xml") || has_suffix_nocase (base, ".json") || has_suffix_nocase (base, ".rss") ||
          has_suffix_nocase (base, ".atom"))
        return NULL;
      if (has_suffix_nocase (base, ".md") || has_suffix_nocase (base, ".markdown"))
        {
          g_autoptr(GFile) found = NULL;
          g_autoptr(GFile) beside = NULL;
          g_autoptr(GFile) folder = g_file_get_parent (post);

          if (path[0] != '/')
            {
              beside = g_file_resolve_relative_path (folder, path);
              if (is_regular_file (beside, cache, cancellable))
                return NULL;
            }
          found = find_post (post, config, path, cache, cancellable);
          if (found != NULL)
            return NULL;
          return path[0] == '/' ? g_strdup_printf (_("No post “%s” in the site’s content"), path)
                                : g_strdup_printf (_("No post “%s” beside the post"), path);
        }
    }

  {
    g_autoptr(GFile) file = NULL;
    BylineImageLinkKind kind = byline_image_link_resolve (post, config, target, &file, cancellable);

    if (kind != BYLINE_IMAGE_LINK_MISSING)
      return NULL;
    if (path[0] == '/')
      return byline_site_config_get_static_dirs (config)[0] != NULL
             ? g_strdup_printf (_("No file “%s” in the site’s static folders"), path)
             : g_strdup_printf (_("No file “%s”"), path);
    return g_strdup_printf (_("No file “%s” beside the post"), path);
  }
}

/* Sets the problem's lines and indexes as GtkTextBuffer counts them,
 * going on from (*pos, *line, *line_start). */
static void
locate (const char *text,
        gsize       len,
        gsize       offset,
        gsize      *pos,
        guint      *line,
        gsize      *line_start)
{
  g_assert (offset >= *pos);

  for (gsize i = *pos; i < offset && i < len; i++)
    {
      gboolean brk = FALSE;
      gsize next = i + 1;

      if (text[i] == '\n')
        brk = TRUE;
      else if (text[i] == '\r')
        {
          brk = TRUE;
          if (i + 1 < len && text[i + 1] == '\n')
            {
              if (i + 1 >= offset)
                break;   /* between \r and \n: stays on this line */
              next = i + 2;
              i++;
            }
        }
      else if ((guchar) text[i] == 0xe2 && i + 2 < len && (guchar) text[i + 1] == 0x80 &&
               (guchar) text[i + 2] == 0xa9)
        {
          if (i + 3 > offset)
            break;
          brk = TRUE;
          next = i + 3;
          i += 2;
        }
      if (brk)
        {
          (*line)++;
          *line_start = next;
        }
    }
  *pos = offset;
}

/* A problem found, before its lines are counted: @message is borrowed. */
typedef struct {
  gsize       start;
  gsize       end;
  const char *message;
} Found;

static int
found_compare (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  return fa->end < fb->end ? -1 : fa->end > fb->end ? 1 : 0;
}

/* The message for @link (NULL: fine), checked once per kind and target
 * (@messages: "kind:target" → message or NULL). */
static const char *
check_cached (BylineMarkdownLink *link,
              GHashTable         *ids,
              GFile              *post,
              BylineSiteConfig   *config,
              GHashTable         *exists,
              GHashTable         *messages,
              GCancellable       *cancellable)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", link->kind, link->target);
  const char *message;

  if (!g_hash_table_lookup_extended (messages, key, NULL, (gpointer *) &message))
    {
      char *m = check_one (link, ids, post, config, exists, cancellable);

      g_hash_table_insert (messages, g_steal_pointer (&key), m);
      message = m;
    }
  return message;
}

/* Whether @link is written as a reference ("[t][ref]", "[t][]", "[t]"),
 * not with its destination ("[t](dest)"): it ends in "]". */
static gboolean
is_reference (const char         *body,
              BylineMarkdownLink *link)
{
  return (link->kind == BYLINE_MARKDOWN_LINK_LINK || link->kind == BYLINE_MARKDOWN_LINK_IMAGE) &&
         link->end > link->start && body[link->end - 1] == ']';
}

GPtrArray *
byline_link_check (const char       *body,
                   gssize            len,
                   GFile            *post,
                   BylineSiteConfig *config,
                   GCancellable     *cancellable)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_link_problem_free);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GHashTable) def_targets = NULL;   /* target → GArray of def indexes */
  g_autoptr(GHashTable) exists = NULL;
  g_autoptr(GHashTable) messages = NULL;
  g_autoptr(BylineSiteConfig) own_config = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) found = NULL;
  g_autofree gboolean *def_used = NULL;
  g_autofree gboolean *def_marked = NULL;
  gsize n;
  gsize pos = 0, line_start = 0;
  guint line = 0;

  g_return_val_if_fail (body != NULL || len == 0, problems);
  g_return_val_if_fail (post == NULL || G_IS_FILE (post), problems);

  if (post == NULL)
    return problems;
  n = len < 0 ? strlen (body) : (gsize) len;
  links = byline_markdown_dup_links (body, n);
  defs = byline_markdown_dup_link_definitions (body, n);
  if (links->len == 0 && defs->len == 0)
    return problems;
  if (config == NULL)
    config = own_config = byline_site_config_new_for_post (post, cancellable);

  for (guint i = 0; i < links->len && ids == NULL; i++)
    if (((BylineMarkdownLink *) g_ptr_array_index (links, i))->target[0] == '#')
      ids = heading_ids (body, n);
  for (guint i = 0; i < defs->len && ids == NULL; i++)
    if (((BylineMarkdownLink *) g_ptr_array_index (defs, i))->target[0] == '#')
      ids = heading_ids (body, n);
  exists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  found = g_array_new (FALSE, FALSE, sizeof (Found));

  /* A reference link is marked where it is fixed: at its definition's
   * destination, once however many links use it. */
  def_targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  def_used = g_new0 (gboolean, defs->len + 1);
  def_marked = g_new0 (gboolean, defs->len + 1);
  for (guint i = 0; i < defs->len; i++)
    {
      BylineMarkdownLink *def = g_ptr_array_index (defs, i);
      GArray *indexes = g_hash_table_lookup (def_targets, def->target);

      if (indexes == NULL)
        {
          indexes = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (def_targets, def->target, indexes);
        }
      g_array_append_val (indexes, i);
    }

  for (guint i = 0; i < links->len; i++)
    {
      BylineMarkdownLink *link = g_ptr_array_index (links, i);
      GArray *indexes = is_reference (body, link) ? g_hash_table_lookup (def_targets, link->target) : NULL;
      const char *message;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      message = check_cached (link, ids, post, config, exists, messages, cancellable);
      if (indexes != NULL)
        {
          for (guint j = 0; j < indexes->len; j++)
            {
              guint d = g_array_index (indexes, guint, j);
              BylineMarkdownLink *def = g_ptr_array_index (defs, d);

              def_used[d] = TRUE;
              if (message != NULL && !def_marked[d])
                {
                  Found f = { def->start, def->end, message };

                  def_marked[d] = TRUE;
                  g_array_append_val (found, f);
                }
            }
          continue;
        }
      if (message != NULL)
        {
          Found f = { link->start, link->end, message };

          g_array_append_val (found, f);
        }
    }

  /* definitions no link uses: still wrong when broken (checked as a
   * link's destination) */
  for (guint i = 0; i < defs->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      BylineMarkdownLink *def = g_ptr_array_index (defs, i);
      const char *message;

      if (def_used[i])
        continue;
      message = check_cached (def, ids, post, config, exists, messages, cancellable);
      if (message != NULL)
        {
          Found f = { def->start, def->end, message };

          g_array_append_val (found, f);
        }
    }

  g_array_sort (found, found_compare);
  for (guint i = 0; i < found->len; i++)
    {
      const Found *f = &g_array_index (found, Found, i);
      BylineLinkProblem *problem = g_new0 (BylineLinkProblem, 1);

      problem->start = f->start;
      problem->end = f->end;
      problem->message = g_strdup (f->message);
      locate (body, n, f->start, &pos, &line, &line_start);
      problem->start_line = line;
      problem->start_index = f->start - line_start;
      {
        /* from the start (links may hold images: ends are not in order) */
        gsize end_pos = pos, end_line_start = line_start;
        guint end_line = line;

        locate (body, n, f->end, &end_pos, &end_line, &end_line_start);
        problem->end_line = end_line;
        problem->end_index = f->end - end_line_start;
      }
      g_ptr_array_add (problems, problem);
    }
  return problems;
}
