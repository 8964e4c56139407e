/* test-images.c: where images for a post go, how the post links them, and
 * the import that copies them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-images"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "byline-images.h"
#include "byline-markdown.h"
#include "byline-test-files.h"

/* A 1×1 PNG, written from these bytes (no image library in core tests). */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static const char tiny_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">\n"
  "  <rect width=\"1\" height=\"1\" fill=\"#3584e4\"/>\n"
  "</svg>\n";

#define TIMEOUT_SECONDS 30

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* Writes @rel below @dir: "PNG:" prefixed names get the PNG bytes (so a
 * name without extension is still an image by its content), names ending
 * in .png the PNG bytes, .svg the SVG, a trailing '/' makes a folder,
 * anything else a line of text. */
static void
write_fixture (const char *dir,
               const char *rel)
{
  if (g_str_has_prefix (rel, "PNG:"))
    {
      g_free (byline_test_write_file (dir, rel + 4, (const char *) tiny_png, sizeof tiny_png));
    }
  else if (g_str_has_suffix (rel, "/"))
    {
      g_autofree char *path = g_build_filename (dir, rel, NULL);
      g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
    }
  else if (g_str_has_suffix (rel, ".png"))
    {
      g_free (byline_test_write_file (dir, rel, (const char *) tiny_png, sizeof tiny_png));
    }
  else if (g_str_has_suffix (rel, ".svg"))
    {
      g_free (byline_test_write_file (dir, rel, tiny_svg, -1));
    }
  else
    {
      g_free (byline_test_write_file (dir, rel, "Not an image, just words.\n", -1));
    }
}

/* The file @link points to, as a browser would read the post at @post:
 * site-root links ("/images/a.png") from @static_dir. */
static GFile *
resolve_link (GFile      *post,
              GFile      *static_dir,
              const char *link)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;

  if (link[0] == '/')
    {
      g_autofree char *dir_uri = g_file_get_uri (static_dir);
      base = g_strconcat (dir_uri, "/", NULL);
      link++;
    }
  else
    {
      base = g_file_get_uri (post);
    }

  uri = g_uri_resolve_relative (base, link, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return g_file_new_for_uri (uri);
}

/* The src of the one <img> cmark-gfm makes of "![x](@link)", with the
 * HTML escapes cmark uses in attributes undone. */
static char *
rendered_src (const char *link)
{
  g_autofree char *markdown = g_strdup_printf ("![x](%s)\n", link);
  g_autofree char *html = byline_markdown_to_html (markdown, -1, BYLINE_MARKDOWN_DEFAULT);
  g_autoptr(GString) src = NULL;
  const char *start, *end;

  start = strstr (html, "<img src=\"");
  g_assert_nonnull (start);
  start += strlen ("<img src=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  src = g_string_new_len (start, end - start);
  g_string_replace (src, "&#x27;", "'", 0);
  g_string_replace (src, "&amp;", "&", 0);

  return g_string_free (g_steal_pointer (&src), FALSE);
}

static gboolean
same_contents (GFile *a,
               GFile *b)
{
  g_autoptr(GBytes) ba = g_file_load_bytes (a, NULL, NULL, NULL);
  g_autoptr(GBytes) bb = g_file_load_bytes (b, NULL, NULL, NULL);

  return ba != NULL && bb != NULL && g_bytes_equal (ba, bb);
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *files[6];   /* created first, see write_fixture() */
  const char *post;       /* the post (written) */
  const char *image;      /* the image (written unless in files) */
  const char *link;       /* expected link */
  const char *copy_to;    /* expected destination, NULL: no copy */
} PlanCase;

static const PlanCase plan_cases[] = {
  /* Hugo, an ordinary post: copied to static/images/ */
  { { "hugo.toml" }, "content/posts/a.md", "incoming/photo.png",
    "/images/photo.png", "static/images/photo.png" },
  { { "config.toml" }, "content/posts/a.md", "incoming/photo.png",
    "/images/photo.png", "static/images/photo.png" },
  { { "hugo.yaml" }, "content/a.md", "incoming/logo.svg",
    "/images/logo.svg", "static/images/logo.svg" },
  /* Hugo, a page bundle: next to the post */
  { { "hugo.toml" }, "content/posts/b/index.md", "incoming/photo.png",
    "photo.png", "content/posts/b/photo.png" },
  { { "hugo.toml" }, "content/posts/_index.md", "incoming/photo.png",
    "photo.png", "content/posts/photo.png" },
  /* …also in a language, as Hugo and the templates read it */
  { { "hugo.toml" }, "content/posts/c/index.en.md", "incoming/photo.png",
    "photo.png", "content/posts/c/photo.png" },
  /* already in static/: linked from the site root, not copied */
  { { "hugo.toml" }, "content/posts/a.md", "static/img/x.png",
    "/img/x.png", NULL },
  { { "hugo.toml" }, "content/posts/b/index.md", "static/images/2024/x y.png",
    "/images/2024/x%20y.png", NULL },
  /* already beside the post or below it: relative, not copied */
  { { "hugo.toml" }, "content/posts/b/index.md", "content/posts/b/pic.png",
    "pic.png", NULL },
  { { "hugo.toml" }, "content/posts/b/index.md", "content/posts/b/gallery/pic.png",
    "gallery/pic.png", NULL },
  /* …but not beside a Hugo post that is no bundle: Hugo doesn't publish it */
  { { "hugo.toml" }, "content/posts/a.md", "content/posts/pic.png",
    "/images/pic.png", "static/images/pic.png" },
  { { NULL }, "notes/a.md", "notes/my dir/a (1).png",
    "my%20dir/a%20%281%29.png", NULL },
  /* Jekyll and a folder that is no site: next to the post */
  { { "_config.yml" }, "_posts/2024-01-01-a.md", "incoming/photo.png",
    "photo.png", "_posts/photo.png" },
  { { "other.toml" }, "notes/a.md", "incoming/photo.png",
    "photo.png", "notes/photo.png" },
  /* a static/ folder means nothing outside a Hugo site */
  { { "_config.yml" }, "a.md", "static/x.png",
    "static/x.png", NULL },
  /* collisions: the next free name */
  { { "hugo.toml", "static/images/photo.png" }, "content/posts/a.md", "incoming/photo.png",
    "/images/photo-2.png", "static/images/photo-2.png" },
  { { "hugo.toml", "static/images/photo.png", "static/images/photo-2.png" },
    "content/posts/a.md", "incoming/photo.png",
    "/images/photo-3.png", "static/images/photo-3.png" },
  { { "notes/photo.png" }, "notes/a.md", "incoming/photo.png",
    "photo-2.png", "notes/photo-2.png" },
  /* a folder with the name counts as taken */
  { { "notes/photo.png/" }, "notes/a.md", "incoming/photo.png",
    "photo-2.png", "notes/photo-2.png" },
  /* no extension (an image by its bytes): "-2" at the end */
  { { "PNG:incoming/snapshot", "notes/snapshot" }, "notes/a.md", "incoming/snapshot",
    "snapshot-2", "notes/snapshot-2" },
  /* a dotfile's dot does not start an extension */
  { { "PNG:incoming/.x", "notes/.x" }, "notes/a.md", "incoming/.x",
    ".x-2", "notes/.x-2" },
  /* two dots: the last extension */
  { { "notes/a.b.png" }, "notes/a.md", "incoming/a.b.png",
    "a.b-2.png", "notes/a.b-2.png" },
  /* escaping */
  { { NULL }, "notes/a.md", "incoming/my photo (1).png",
    "my%20photo%20%281%29.png", "notes/my photo (1).png" },
  { { "hugo.toml" }, "content/posts/a.md", "incoming/my photo (1).png",
    "/images/my%20photo%20%281%29.png", "static/images/my photo (1).png" },
  { { NULL }, "notes/a.md", "incoming/a#b?c%d&e:f[g]<h>\\i.png",
    "a%23b%3Fc%25d%26e%3Af%5Bg%5D%3Ch%3E%5Ci.png", "notes/a#b?c%d&e:f[g]<h>\\i.png" },
  { { NULL }, "notes/a.md", "incoming/it's+1,2;x=y@z!.png",
    "it's+1,2;x=y@z!.png", "notes/it's+1,2;x=y@z!.png" },
  { { NULL }, "notes/a.md", "incoming/caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac.png",
    "caf\xc3\xa9%20\xe6\x97\xa5\xe6\x9c\xac.png", "notes/caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac.png" },
  { { "hugo.toml" }, "content/posts/a.md", "static/a%20b/c.png",
    "/a%2520b/c.png", NULL },
};

static void
test_plan (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      const PlanCase *c = &plan_cases[i];
      g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
      g_autoptr(GFile) post = byline_test_file_in (tmp, c->post);
      g_autoptr(GFile) image = byline_test_file_in (tmp, c->image);
      g_autoptr(GFile) static_dir = byline_test_file_in (tmp, "static");
      g_autoptr(GFile) copy_to = NULL;
      g_autoptr(GFile) target = NULL;
      g_autoptr(GFile) from_html = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *link = NULL;
      g_autofree char *src = NULL;
      gboolean image_written = FALSE;

      g_test_message ("case %u: %s for %s", i, c->image, c->post);

      for (guint j = 0; j < G_N_ELEMENTS (c->files) && c->files[j] != NULL; j++)
        {
          const char *rel = c->files[j];

          write_fixture (tmp, rel);
          if (g_str_has_prefix (rel, "PNG:"))
            rel += 4;
          image_written |= g_strcmp0 (rel, c->image) == 0;
        }
      if (!image_written)
        write_fixture (tmp, c->image);
      g_free (byline_test_write_file (tmp, c->post, "---\ntitle: A\n---\n", -1));

      link = byline_images_plan (post, image, &copy_to, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (link, ==, c->link);

      if (c->copy_to == NULL)
        {
          g_assert_null (copy_to);
          target = g_object_ref (image);
        }
      else
        {
          g_autoptr(GFile) expected = byline_test_file_in (tmp, c->copy_to);

          g_assert_nonnull (copy_to);
          g_assert_true (g_file_equal (copy_to, expected));
          /* a plan copies nothing */
          g_assert_false (g_file_query_exists (copy_to, NULL));
          target = g_object_ref (copy_to);
        }

      /* The link, as cmark-gfm renders it, points at the file. */
      src = rendered_src (link);
      from_html = resolve_link (post, static_dir, src);
      g_assert_true (g_file_equal (from_html, target));

      byline_test_remove_tree (tmp);
    }
}

/* Not images: a text file, a folder, a text file named like an image is
 * one by its name (the content type says so), an image without extension
 * is one by its bytes. */
static void
test_plan_not_image (void)
{
  static const struct {
    const char *file;
    gboolean    is_image;
  } cases[] = {
    { "notes.txt", FALSE },
    { "notes.md", FALSE },
    { "folder/", FALSE },
    { "folder.png/", FALSE },
    { "PNG:snapshot", TRUE },
    { "logo.svg", TRUE },
    { "photo.png", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
      const char *rel = cases[i].file;
      g_autoptr(GFile) post = byline_test_file_in (tmp, "notes/a.md");
      g_autoptr(GFile) image = NULL;
      g_autoptr(GFile) copy_to = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *link = NULL;

      g_test_message ("case %u: %s", i, rel);

      write_fixture (tmp, rel);
      if (g_str_has_prefix (rel, "PNG:"))
        rel += 4;
      image = byline_test_file_in (tmp, rel);

      link = byline_images_plan (post, image, &copy_to, NULL, &error);
      if (cases[i].is_image)
        {
          g_assert_no_error (error);
          g_assert_nonnull (link);
        }
      else
        {
          g_assert_error (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE);
          g_assert_null (link);
          g_assert_null (copy_to);
        }

      byline_test_remove_tree (tmp);
    }
}

static void
test_plan_missing (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
  g_autoptr(GFile) post = byline_test_file_in (tmp, "a.md");
  g_autoptr(GFile) image = byline_test_file_in (tmp, "gone.png");
  g_autoptr(GFile) copy_to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  link = byline_images_plan (post, image, &copy_to, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.png"));
  g_assert_null (link);
  g_assert_null (copy_to);

  byline_test_remove_tree (tmp);
}

/* ------------------------------------------------------------------------ */
/* The import                                                                */
/* ------------------------------------------------------------------------ */

static void
on_import_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the import of @images (relative to @tmp) for @post (relative, or
 * NULL) and returns its Markdown, or NULL with @error set. */
static char *
import (const char          *tmp,
        const char          *post_rel,
        const char * const  *images,
        GCancellable        *cancellable,
        GError             **error)
{
  g_autoptr(GFile) post = post_rel != NULL ? byline_test_file_in (tmp, post_rel) : NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GList *list = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;
  char *markdown;

  for (guint i = 0; images[i] != NULL; i++)
    list = g_list_append (list, byline_test_file_in (tmp, images[i]));

  byline_images_import_async (post, list, cancellable, on_import_cb, &result);
  /* The task holds its own references. */
  g_list_free_full (list, g_object_unref);

  timeout_id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout_cb, &timed_out);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("the import did not finish within %d s", TIMEOUT_SECONDS);
  g_source_remove (timeout_id);

  markdown = byline_images_import_finish (result, error);
  g_assert_true ((markdown == NULL) == (*error != NULL));

  return markdown;
}

static void
test_import_hugo (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
  static const char * const images[] = {
    "incoming/my-photo.png",
    "incoming/notes.txt",
    "incoming/logo.svg",
    "static/img/x.png",
    "other/my-photo.png",
    NULL,
  };
  static const struct {
    const char *source;
    const char *copy;
  } copies[] = {
    { "incoming/my-photo.png", "static/images/my-photo.png" },
    { "incoming/logo.svg", "static/images/logo.svg" },
    { "other/my-photo.png", "static/images/my-photo-2.png" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *images_dir = g_build_filename (tmp, "static", "images", NULL);

  write_fixture (tmp, "hugo.toml");
  g_free (byline_test_write_file (tmp, "content/posts/a.md", "---\ntitle: A\n---\n", -1));
  for (guint i = 0; images[i] != NULL; i++)
    write_fixture (tmp, images[i]);
  /* the second my-photo.png differs from the first */
  g_free (byline_test_write_file (tmp, "other/my-photo.png", tiny_svg, -1));
  g_assert_false (g_file_test (images_dir, G_FILE_TEST_EXISTS));

  markdown = import (tmp, "content/posts/a.md", images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==,
                   "![My photo](/images/my-photo.png)\n"
                   "![Logo](/images/logo.svg)\n"
                   "![X](/img/x.png)\n"
                   "![My photo](/images/my-photo-2.png)");

  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_autoptr(GFile) source = byline_test_file_in (tmp, copies[i].source);
      g_autoptr(GFile) copy = byline_test_file_in (tmp, copies[i].copy);

      g_assert_true (same_contents (source, copy));
    }
  {
    g_autoptr(GFile) notes = byline_test_file_in (tmp, "static/images/notes.txt");
    g_autoptr(GFile) x = byline_test_file_in (tmp, "static/images/x.png");

    g_assert_false (g_file_query_exists (notes, NULL));
    g_assert_false (g_file_query_exists (x, NULL));
  }

  byline_test_remove_tree (tmp);
}

/* One image per case, next to the post (nothing copied): the alt text. */
static void
test_import_alt_text (void)
{
  static const struct {
    const char *image;
    const char *markdown;
  } cases[] = {
    { "my-photo.jpg.png", "![My photo.jpg](my-photo.jpg.png)" },
    { "my-photo.png", "![My photo](my-photo.png)" },
    { "IMG_2041.PNG", "![IMG 2041](IMG_2041.PNG)" },
    { "a--b__c .png", "![A b c](a--b__c%20.png)" },
    { "[draft] a\\b*c.png", "![\\[draft\\] a\\\\b\\*c](%5Bdraft%5D%20a%5Cb*c.png)" },
    { "\xc3\xa9" "clair.png", "![\xc3\x89" "clair](\xc3\xa9" "clair.png)" },
    { "PNG:.hidden", "![.hidden](.hidden)" },
    { "PNG:shot", "![Shot](shot)" },
    { "logo.svg", "![Logo](logo.svg)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
      g_autofree char *rel = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *markdown = NULL;
      const char *name = cases[i].image;
      const char *images[2] = { NULL, NULL };

      g_test_message ("case %u: %s", i, name);

      if (g_str_has_prefix (name, "PNG:"))
        {
          g_autofree char *fixture = g_strconcat ("PNG:notes/", name + 4, NULL);
          write_fixture (tmp, fixture);
          name += 4;
        }
      else
        {
          g_autofree char *fixture = g_strconcat ("notes/", name, NULL);
          write_fixture (tmp, fixture);
        }
      rel = g_strconcat ("notes/", name, NULL);
      images[0] = rel;

      markdown = import (tmp, "notes/a.md", images, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (markdown, ==, cases[i].markdown);

      byline_test_remove_tree (tmp);
    }
}

/* The Markdown renders to images whose alt text is the one made. */
static void
test_import_renders (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
  static const char * const images[] = { "in/[draft] my photo (1).png", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;

  write_fixture (tmp, images[0]);
  markdown = import (tmp, "notes/a.md", images, NULL, &error);
  g_assert_no_error (error);

  html = byline_markdown_to_html (markdown, -1, BYLINE_MARKDOWN_DEFAULT);
  g_assert_cmpstr (html, ==,
                   "<p><img src=\"%5Bdraft%5D%20my%20photo%20%281%29.png\" "
                   "alt=\"[draft] my photo (1)\" /></p>\n");

  byline_test_remove_tree (tmp);
}

static void
test_import_errors (void)
{
  static const struct {
    const char  *post;
    const char  *images[3];
    gboolean     io_error;    /* G_IO_ERROR, else BYLINE_IMAGES_ERROR */
    int          code;
    const char  *named;       /* a name the message holds */
  } cases[] = {
    { NULL, { "in/a.png" },
      FALSE, BYLINE_IMAGES_ERROR_NO_POST_FILE, NULL },
    { "notes/a.md", { "in/a.txt" },
      FALSE, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE, "a.txt" },
    { "notes/a.md", { "in/a.txt", "in/dir/" },
      FALSE, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE, NULL },
    { "notes/a.md", { NULL },
      FALSE, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE, NULL },
    /* a missing file fails the whole call */
    { "notes/a.md", { "in/a.png", "in/gone.png" },
      TRUE, G_IO_ERROR_NOT_FOUND, "gone.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
      g_autoptr(GError) error = NULL;
      g_autofree char *markdown = NULL;
      const char *images[3] = { NULL, NULL, NULL };
      GQuark domain = cases[i].io_error ? G_IO_ERROR : BYLINE_IMAGES_ERROR;

      g_test_message ("case %u", i);

      for (guint j = 0; cases[i].images[j] != NULL; j++)
        {
          if (!g_str_has_prefix (cases[i].images[j], "in/gone"))
            write_fixture (tmp, cases[i].images[j]);
          images[j] = cases[i].images[j];
        }

      markdown = import (tmp, cases[i].post, images, NULL, &error);
      g_assert_null (markdown);
      g_assert_error (error, domain, cases[i].code);
      if (cases[i].named != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].named));

      byline_test_remove_tree (tmp);
    }
}

/* A copy that fails: static/images is a symbolic link to nowhere, so the
 * name looks free but the copy cannot be made. The message names the file;
 * the image copied before it stays. */
static void
test_import_copy_fails (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
  g_autofree char *link_path = g_build_filename (tmp, "static", "images", NULL);
  g_autofree char *static_path = g_build_filename (tmp, "static", NULL);
  static const char * const images[] = { "in/a.png", "in/b.png", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  write_fixture (tmp, "hugo.toml");
  write_fixture (tmp, "in/a.png");
  write_fixture (tmp, "in/b.png");
  g_assert_cmpint (g_mkdir_with_parents (static_path, 0755), ==, 0);
  g_assert_cmpint (symlink ("nowhere", link_path), ==, 0);

  markdown = import (tmp, "content/posts/a.md", images, NULL, &error);
  g_assert_null (markdown);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "a.png"));

  byline_test_remove_tree (tmp);
}

static void
test_import_cancelled (void)
{
  g_autofree char *tmp = byline_test_make_tmp ("byline-test-images");
  static const char * const images[] = { "in/a.png", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GFile) copy = byline_test_file_in (tmp, "notes/a.png");

  write_fixture (tmp, images[0]);
  g_cancellable_cancel (cancellable);
  markdown = import (tmp, "notes/a.md", images, cancellable, &error);
  g_assert_null (markdown);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_query_exists (copy, NULL));

  byline_test_remove_tree (tmp);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/images/plan", test_plan);
  g_test_add_func ("/images/plan/not-an-image", test_plan_not_image);
  g_test_add_func ("/images/plan/missing", test_plan_missing);
  g_test_add_func ("/images/import/hugo", test_import_hugo);
  g_test_add_func ("/images/import/alt-text", test_import_alt_text);
  g_test_add_func ("/images/import/renders", test_import_renders);
  g_test_add_func ("/images/import/errors", test_import_errors);
  g_test_add_func ("/images/import/copy-fails", test_import_copy_fails);
  g_test_add_func ("/images/import/cancelled", test_import_cancelled);

  return g_test_run ();
}
