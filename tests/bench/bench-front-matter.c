/* bench-front-matter.c: the front matter engine against libyaml.
 *
 * For every YAML post of the corpus (its front matter bytes, read into memory
 * first), times:
 *
 *   floor         libyaml parsing the bytes to events (yaml_parser_parse until
 *                 the stream ends) and nothing else;
 *   parse         Byline parsing the same bytes into its model;
 *   edit          one proven edit on a model parsed beforehand: set the first
 *                 editable top-level scalar (or add an entry when there is
 *                 none), which includes the proof: a re-parse of the
 *                 edited entry's lines (of the whole result when an edit
 *                 reaches beyond one top-level entry, as adding one does)
 *                 and its comparison with the old model, node by node;
 *   parse + edit  both, what `byline-post set` does;
 *   app           parse + edit, then a model of the edited text, as the app
 *                 keeps one (a full parse after a local proof; a lookup
 *                 after a full one, whose model is kept);
 *   load          (a reference, not the floor) libyaml's own document loader,
 *                 yaml_parser_load, which builds libyaml's node tree.
 *
 * Each figure is the median of repeated runs on one file; a row gives the
 * median over files (µs per file), the throughput over all files (MB/s) and
 * the total time over the floor's total (× floor). Every kind of run is
 * timed on one file before the next file, so all of them see the same
 * machine.
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

#define NEW_VALUE "A new value: “benchmark” #1"

enum {
  RUN_FLOOR,
  RUN_PARSE,
  RUN_EDIT,
  RUN_PARSE_EDIT,
  RUN_APP,
  RUN_LOAD,
  N_RUNS
};

typedef struct
{
  char              *name;
  char              *front;
  gsize              len;
  char             **path;     /* what to edit, or NULL: add an entry */
  BylineFrontMatter *fm;       /* parsed beforehand, for RUN_EDIT */
  double             us[N_RUNS];
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
run_floor (Post *post)
{
  yaml_parser_t parser;
  gboolean done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) post->front, post->len);
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
run_load (Post *post)
{
  yaml_parser_t parser;
  yaml_document_t document;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const guchar *) post->front, post->len);
  if (yaml_parser_load (&parser, &document))
    yaml_document_delete (&document);
  yaml_parser_delete (&parser);
}

static void
run_parse (Post *post)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
  byline_front_matter_unref (fm);
}

static char *
edit (Post              *post,
      BylineFrontMatter *fm)
{
  g_autoptr(GError) error = NULL;
  char *text;

  if (post->path != NULL)
    text = byline_front_matter_set_scalar (fm, (const char * const *) post->path,
                                           NEW_VALUE, BYLINE_VALUE_STRING, &error);
  else
    text = byline_front_matter_add_entry (fm, NULL, "bench-added", "value", BYLINE_VALUE_STRING,
                                          NULL, &error);
  if (text == NULL)
    g_error ("%s: edit failed: %s", post->name, error->message);
  return text;
}

static void
run_edit (Post *post)
{
  g_free (edit (post, post->fm));
}

static void
run_parse_edit (Post *post)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);

  g_free (edit (post, fm));
  byline_front_matter_unref (fm);
}

/* What the app does: the edited text then becomes the document's model. */
static void
run_app (Post *post)
{
  BylineFrontMatter *fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
  char *text = edit (post, fm);

  byline_front_matter_unref (byline_front_matter_new (BYLINE_FORMAT_YAML, text, -1));
  g_free (text);
  byline_front_matter_unref (fm);
}

static void (* const runs[N_RUNS]) (Post *) = {
  [RUN_FLOOR] = run_floor,
  [RUN_PARSE] = run_parse,
  [RUN_EDIT] = run_edit,
  [RUN_PARSE_EDIT] = run_parse_edit,
  [RUN_APP] = run_app,
  [RUN_LOAD] = run_load,
};

static const char * const labels[N_RUNS] = {
  [RUN_FLOOR] = "libyaml parse to events (floor)",
  [RUN_PARSE] = "Byline parse to model",
  [RUN_EDIT] = "Byline one proven edit (parsed model)",
  [RUN_PARSE_EDIT] = "Byline parse + one proven edit",
  [RUN_APP] = "  … + model of the result (app)",
  [RUN_LOAD] = "ref: libyaml yaml_parser_load (tree)",
};

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
post_free (Post *post)
{
  g_clear_pointer (&post->fm, byline_front_matter_unref);
  g_strfreev (post->path);
  g_free (post->front);
  g_free (post->name);
  g_free (post);
}

int
main (int   argc,
      char *argv[])
{
  const char *dir_path = NULL;
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) post_free);
  const char *name;
  guint rounds = 7, i, k;
  double totals[N_RUNS] = { 0 };
  double *values;
  gsize bytes = 0;

  for (i = 1; i < (guint) argc; i++)
    {
      if (g_str_equal (argv[i], "--rounds") && i + 1 < (guint) argc)
        {
          int n = atoi (argv[++i]);
          rounds = n > 0 ? n : 1;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          printf ("Usage: %s [CORPUS_DIR] [--rounds N]\n"
                  "Times Byline's front matter engine against libyaml on each YAML post.\n", argv[0]);
          return 0;
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

      post->fm = byline_front_matter_new (BYLINE_FORMAT_YAML, post->front, post->len);
      if (!byline_front_matter_is_valid (post->fm) || byline_front_matter_is_read_only (post->fm, NULL))
        {
          post_free (post);
          continue;
        }
      root = byline_front_matter_get_root (post->fm);
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
      g_ptr_array_add (posts, post);
    }

  if (posts->len == 0)
    {
      g_printerr ("No editable YAML front matter in %s\n", dir_path);
      return 2;
    }

  for (i = 0; i < posts->len; i++)
    {
      Post *post = g_ptr_array_index (posts, i);

      /* all kinds of run on one file, then the next: they see the same machine */
      for (k = 0; k < N_RUNS; k++)
        {
          post->us[k] = time_it (runs[k], post, rounds);
          totals[k] += post->us[k];
        }
      bytes += post->len;
    }

  printf ("Front matter of %u YAML posts, %" G_GSIZE_FORMAT " bytes, %u rounds each\n",
          posts->len, bytes, rounds);
  printf ("%-40s %15s %8s %9s\n", "", "median µs/file", "MB/s", "× floor");
  values = g_new (double, posts->len);
  for (k = 0; k < N_RUNS; k++)
    {
      for (i = 0; i < posts->len; i++)
        values[i] = ((Post *) g_ptr_array_index (posts, i))->us[k];
      printf ("%-*s %14.2f %8.1f %8.2f\n",
              /* pad by characters, not bytes: the labels hold “…” */
              (int) (40 + strlen (labels[k]) - g_utf8_strlen (labels[k], -1)), labels[k],
              median (values, posts->len), bytes / totals[k], totals[k] / totals[RUN_FLOOR]);
    }
  printf ("(× floor: total time over the floor's.)\n");
  g_free (values);
  return 0;
}
