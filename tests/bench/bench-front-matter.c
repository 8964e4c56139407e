/* bench-front-matter.c: the front matter engine against libyaml.
 *
 * For every YAML post of the corpus, times (a) libyaml parsing the front
 * matter bytes to events and nothing else — the floor — and (b) Byline
 * parsing the same bytes into its model and applying one edit (set the first
 * top-level scalar; the edit includes the re-parse that proves it). Also (c)
 * the parse alone, and (d) what the app does: the edit, then a model of the
 * edited text (which the proof already built). Each figure is the median of
 * repeated runs of one file; the summary gives the median over files and
 * the throughput.
 *
 * A last row times libyaml parsing only the edited entry as a document of
 * its own ("KEY: NEW VALUE" on one line): the least any proof by re-parse
 * costs, however local. libyaml's fixed cost per parse (allocating and
 * freeing its buffers, stream and document events) dominates it, so
 * "parse to model" plus this row bounds what "parse + one proven edit" can
 * reach while the proof re-parses with libyaml.
 *
 *   bench-front-matter [CORPUS_DIR] [--rounds N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-front-matter"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "byline-front-matter.h"

typedef struct
{
  char   *name;
  char   *front;
  gsize   len;
  char  **path;     /* what to edit, or NULL: add an entry */
  char   *entry;    /* the edited entry alone (approximately) */
  double  floor_us;
  double  parse_us;
  double  edit_us;
  double  app_us;
  double  entry_us;
} Post;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
libyaml_parse (const char *text,
               gsize       len)
{
  yaml_parser_t parser;
  gboolean done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) text, len);
  while (!done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        break;
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
}

static void
byline_parse (Post *post)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
  byline_front_matter_unref (fm);
}

static void byline_parse_edit_full (Post     *post,
                                    gboolean  model_after);

static void
byline_parse_edit (Post *post)
{
  byline_parse_edit_full (post, FALSE);
}

/* What the app does: the edited text then becomes the document's model. */
static void
byline_parse_edit_model (Post *post)
{
  byline_parse_edit_full (post, TRUE);
}

static void
byline_parse_edit_full (Post     *post,
                        gboolean  model_after)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
  g_autoptr(GError) error = NULL;
  char *text;

  if (post->path != NULL)
    text = byline_front_matter_set_scalar (fm, (const char * const *) post->path,
                                           "A new value: “benchmark” #1", BYLINE_VALUE_STRING, &error);
  else
    text = byline_front_matter_add_entry (fm, NULL, "bench-added", "value", BYLINE_VALUE_STRING,
                                          NULL, &error);
  if (text == NULL)
    g_error ("%s: edit failed: %s", post->name, error->message);
  if (model_after)
    byline_front_matter_unref (byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1));
  g_free (text);
  byline_front_matter_unref (fm);
}

/* Median time of @func on @post in µs: runs of at least ~1 ms, @rounds times. */
static double
time_it (void  (*func) (Post *),
         Post   *post,
         guint   rounds)
{
  double *samples = g_new (double, rounds);
  guint reps = 1, r, i;
  double result;

  /* enough repetitions for a run to last about a millisecond */
  for (;;)
    {
      gint64 start = g_get_monotonic_time ();
      for (i = 0; i < reps; i++)
        func (post);
      if (g_get_monotonic_time () - start >= 1000 || reps >= (1u << 20))
        break;
      reps *= 2;
    }

  for (r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      for (i = 0; i < reps; i++)
        func (post);
      samples[r] = (double) (g_get_monotonic_time () - start) / reps;
    }
  result = median (samples, rounds);
  g_free (samples);
  return result;
}

static void
run_floor (Post *post)
{
  libyaml_parse (post->front, post->len);
}

/* added for the lower bound of a local proof */
static void
run_entry (Post *post)
{
  libyaml_parse (post->entry, strlen (post->entry));
}

int
main (int   argc,
      char *argv[])
{
  const char *dir_path = NULL;
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new ();
  const char *name;
  guint rounds = 7, i;
  double *floor_v, *parse_v, *edit_v, *app_v, *entry_v;
  double floor_total = 0, parse_total = 0, edit_total = 0, app_total = 0, entry_total = 0;
  gsize bytes = 0;

  for (i = 1; i < (guint) argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < (guint) argc)
        {
          int n = atoi (argv[++i]);
          rounds = n > 0 ? n : 1;
        }
      else
        dir_path = argv[i];
    }
  if (dir_path == NULL)
    {
      const char *shared = g_getenv ("BYLINE_SHARED_DIR");
      default_dir = g_build_filename (shared != NULL ? shared : BYLINE_SHARED_DIR_DEFAULT, "corpus", NULL);
      dir_path = default_dir;
    }

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      g_printerr ("No corpus at %s (give its folder as the first argument)\n", dir_path);
      return 2;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      BylineFrontMatter *fm;
      BylinePostSplit split;
      gsize len;
      Post *post;
      BylineNode *root;

      if (!g_file_get_contents (path, &data, &len, NULL) || !byline_text_validate (data, len, NULL))
        continue;
      byline_post_split (data, len, &split);
      if (split.format != BYLINE_FORMAT_YAML)
        continue;

      post = g_new0 (Post, 1);
      post->name = g_strdup (name);
      post->len = split.fm_end - split.fm_start;
      post->front = g_strndup (data + split.fm_start, post->len);

      fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
      if (!byline_front_matter_is_valid (fm) || byline_front_matter_is_read_only (fm, NULL))
        {
          byline_front_matter_unref (fm);
          g_free (post->front);
          g_free (post->name);
          g_free (post);
          continue;
        }
      root = byline_front_matter_get_root (fm);
      for (i = 0; i < byline_node_get_n_children (root); i++)
        {
          BylineNode *node = byline_node_get_child (root, i);
          BylineValueType type = byline_node_get_value_type (node);

          if (!byline_node_is_read_only (node, NULL) && type != BYLINE_VALUE_SEQUENCE &&
              type != BYLINE_VALUE_MAPPING)
            {
              post->path = byline_node_dup_path (node);
              break;
            }
        }
      post->entry = g_strdup_printf ("%s: \"A new value: “benchmark” #1\"\n",
                                     post->path != NULL ? post->path[0] : "bench-added");
      byline_front_matter_unref (fm);
      g_ptr_array_add (posts, post);
    }

  if (posts->len == 0)
    {
      g_printerr ("No editable YAML front matter in %s\n", dir_path);
      return 2;
    }

  floor_v = g_new (double, posts->len);
  parse_v = g_new (double, posts->len);
  edit_v = g_new (double, posts->len);
  app_v = g_new (double, posts->len);
  entry_v = g_new (double, posts->len);

  for (i = 0; i < posts->len; i++)
    {
      Post *post = g_ptr_array_index (posts, i);

      /* interleaved, so that both see the same machine */
      post->floor_us = time_it (run_floor, post, rounds);
      post->parse_us = time_it (byline_parse, post, rounds);
      post->edit_us = time_it (byline_parse_edit, post, rounds);
      post->app_us = time_it (byline_parse_edit_model, post, rounds);
      post->entry_us = time_it (run_entry, post, rounds);

      floor_v[i] = post->floor_us;
      parse_v[i] = post->parse_us;
      edit_v[i] = post->edit_us;
      floor_total += post->floor_us;
      parse_total += post->parse_us;
      edit_total += post->edit_us;
      app_v[i] = post->app_us;
      app_total += post->app_us;
      entry_v[i] = post->entry_us;
      entry_total += post->entry_us;
      bytes += post->len;
    }

  printf ("Front matter of %u YAML posts, %" G_GSIZE_FORMAT " bytes (%u rounds each)\n",
          posts->len, bytes, rounds);
  printf ("%-34s %14s %10s %12s\n", "", "median µs/file", "MB/s", "× floor");
  printf ("%-34s %14.2f %10.1f %12s\n", "libyaml parse to events (floor)",
          median (floor_v, posts->len), bytes / floor_total, "1.00");
  printf ("%-34s %14.2f %10.1f %12.2f\n", "Byline parse to model",
          median (parse_v, posts->len), bytes / parse_total, parse_total / floor_total);
  printf ("%-34s %14.2f %10.1f %12.2f\n", "Byline parse + one proven edit",
          median (edit_v, posts->len), bytes / edit_total, edit_total / floor_total);
  printf ("%-34s %14.2f %10.1f %12.2f\n", "  … + model of the result (app)",
          median (app_v, posts->len), bytes / app_total, app_total / floor_total);
  printf ("%-34s %14.2f %10s %12.2f\n", "libyaml parse of the entry alone",
          median (entry_v, posts->len), "", entry_total / floor_total);
  printf ("%-34s %14s %10s %12.2f\n", "  parse to model + that (bound)", "", "",
          (parse_total + entry_total) / floor_total);

  for (i = 0; i < posts->len; i++)
    {
      Post *post = g_ptr_array_index (posts, i);
      g_strfreev (post->path);
      g_free (post->entry);
      g_free (post->front);
      g_free (post->name);
      g_free (post);
    }
  g_free (floor_v);
  g_free (parse_v);
  g_free (edit_v);
  g_free (app_v);
  g_free (entry_v);
  return 0;
}
