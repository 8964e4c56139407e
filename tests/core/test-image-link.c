/* test-image-link.c: which front matter fields hold an image, and the file
 * an image field's value points at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-image-link"

#include "config.h"

#include <string.h>

#include "byline-image-link.h"
#include "byline-images.h"
#include "byline-site-config.h"
#include "byline-test-files.h"

/* ------------------------------------------------------------------------ */
/* Keys and values                                                           */
/* ------------------------------------------------------------------------ */

static const struct {
  const char *key;
  gboolean    image;
} key_cases[] = {
  { "image", TRUE },
  { "Image", TRUE },
  { "images", TRUE },
  { "thumbnail", TRUE },
  { "thumb", TRUE },
  { "cover", TRUE },
  { "featured_image", TRUE },
  { "featuredImage", TRUE },
  { "featureImage", TRUE },
  { "feature_image", TRUE },
  { "Featured-Image", TRUE },
  { "og_image", TRUE },
  { "ogImage", TRUE },
  { "header_image", TRUE },
  { "overlay_image", TRUE },
  { "banner", TRUE },
  { "hero", TRUE },
  { "teaser", TRUE },
  { "social_image", TRUE },
  { "image_path", TRUE },
  { "imageUrl", TRUE },
  { "cover_src", TRUE },
  { "og_image_url", TRUE },
  { "thumbnail-file", TRUE },
  { "url", FALSE },
  { "path", FALSE },
  { "title_url", FALSE },
  { "title", FALSE },
  { "image_alt", FALSE },
  { "image_caption", FALSE },
  { "imagecredit", FALSE },
  { "covered", FALSE },
  { "thumbnails_enabled", FALSE },
  { "", FALSE },
};

static void
test_key_is_image (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_test_message ("key %s", key_cases[i].key);
      g_assert_cmpint (byline_image_link_key_is_image (key_cases[i].key), ==, key_cases[i].image);
    }
}

static const struct {
  const char *value;
  gboolean    image;
} value_cases[] = {
  { "cover.jpg", TRUE },
  { "/images/cover.JPEG", TRUE },
  { "img/x.png", TRUE },
  { "a.gif", TRUE },
  { "a.webp", TRUE },
  { "logo.svg", TRUE },
  { "a.avif", TRUE },
  { "https://example.org/a.png?w=600#top", TRUE },
  { "a.png ", TRUE },
  { ".png", FALSE },
  { "png", FALSE },
  { "a.pdf", FALSE },
  { "a.png.txt", FALSE },
  { "a.png\nb", FALSE },
  { "", FALSE },
  { "Hello world", FALSE },
};

static void
test_looks_like_image (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      g_test_message ("value %s", value_cases[i].value);
      g_assert_cmpint (byline_image_link_looks_like_image (value_cases[i].value), ==,
                       value_cases[i].image);
    }
}

static const struct {
  const char *key;
  const char *value;
  gboolean    image;
} field_cases[] = {
  { "image", "cover.jpg", TRUE },
  { "image", NULL, TRUE },
  { "image", "", TRUE },
  { "image", "  ", TRUE },
  { "thumbnail", "img/cover", TRUE },
  { "cover", "featured", TRUE },               /* a page resource's name */
  { "featured_image", "https://example.org/a", TRUE },
  { "hero", "my photo.jpg", TRUE },
  { "hero", "Welcome to my blog", FALSE },     /* a theme's hero text */
  { "banner", "Sale ends soon", FALSE },
  { "title", "cover.jpg", TRUE },              /* by its extension */
  { "title", "A trip", FALSE },
  { "title", NULL, FALSE },
  { NULL, "a.png", TRUE },
  { NULL, "a", FALSE },
};

static void
test_is_image_field (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_test_message ("%s: %s", field_cases[i].key, field_cases[i].value);
      g_assert_cmpint (byline_image_link_is_image_field (field_cases[i].key, field_cases[i].value), ==,
                       field_cases[i].image);
    }
}

/* ------------------------------------------------------------------------ */
/* Resolving                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
  const char          *site_files;  /* ';'-separated, written below the site */
  const char          *post;        /* below the site; NULL: not saved */
  const char          *link;
  BylineImageLinkKind  kind;
  const char          *file;        /* below the site, the file set; NULL: none */
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  /* beside the post, and below its folder */
  { "post.md;cover.png", "post.md", "cover.png", BYLINE_IMAGE_LINK_FOUND, "cover.png" },
  { "post.md;img/a b.png", "post.md", "img/a%20b.png", BYLINE_IMAGE_LINK_FOUND, "img/a b.png" },
  { "post.md;img/a b.png", "post.md", "img/a b.png", BYLINE_IMAGE_LINK_FOUND, "img/a b.png" },
  { "post.md;cover.png", "post.md", "  cover.png?v=2#x ", BYLINE_IMAGE_LINK_FOUND, "cover.png" },
  { "posts/post.md;images/c.png", "posts/post.md", "../images/c.png", BYLINE_IMAGE_LINK_FOUND, "images/c.png" },
  /* missing: where it was looked for */
  { "post.md", "post.md", "nothing.png", BYLINE_IMAGE_LINK_MISSING, "nothing.png" },
  { "post.md;folder.png/", "post.md", "folder.png", BYLINE_IMAGE_LINK_MISSING, "folder.png" },
  /* Hugo: site-root paths from the static folders */
  { "hugo.toml;static/images/x.png;content/posts/a.md", "content/posts/a.md", "/images/x.png",
    BYLINE_IMAGE_LINK_FOUND, "static/images/x.png" },
  { "hugo.toml;content/posts/a.md", "content/posts/a.md", "/images/none.png",
    BYLINE_IMAGE_LINK_MISSING, "static/images/none.png" },
  { "hugo.toml=staticDir = ['assets', 'static'];static/images/x.png;content/posts/a.md",
    "content/posts/a.md", "/images/x.png", BYLINE_IMAGE_LINK_FOUND, "static/images/x.png" },
  /* Hugo: a relative path not beside the post, from the site root (absURL) */
  { "hugo.toml;static/images/x.png;content/posts/a.md", "content/posts/a.md", "images/x.png",
    BYLINE_IMAGE_LINK_FOUND, "static/images/x.png" },
  /* a page bundle: beside the post wins */
  { "hugo.toml;static/x.png;content/posts/b/index.md;content/posts/b/x.png", "content/posts/b/index.md",
    "x.png", BYLINE_IMAGE_LINK_FOUND, "content/posts/b/x.png" },
  /* Jekyll: from the source */
  { "_config.yml;assets/a.png;_posts/2024-01-01-a.md", "_posts/2024-01-01-a.md", "/assets/a.png",
    BYLINE_IMAGE_LINK_FOUND, "assets/a.png" },
  /* URLs are never fetched */
  { "post.md", "post.md", "https://example.org/a.png", BYLINE_IMAGE_LINK_URL, NULL },
  { "post.md", "post.md", "http://example.org/a.png", BYLINE_IMAGE_LINK_URL, NULL },
  { "post.md", "post.md", "//cdn.example.org/a.png", BYLINE_IMAGE_LINK_URL, NULL },
  { "post.md", "post.md", "data:image/png;base64,AAAA", BYLINE_IMAGE_LINK_URL, NULL },
  /* empty, and not saved */
  { "post.md", "post.md", "", BYLINE_IMAGE_LINK_EMPTY, NULL },
  { "post.md", "post.md", "   ", BYLINE_IMAGE_LINK_EMPTY, NULL },
  { "", NULL, "cover.png", BYLINE_IMAGE_LINK_NO_POST, NULL },
};

static void
write_site (const char *site,
            const char *spec)
{
  g_auto(GStrv) files = g_strsplit (spec, ";", -1);

  for (guint i = 0; files[i] != NULL; i++)
    {
      const char *eq = strchr (files[i], '=');
      g_autofree char *name = eq != NULL ? g_strndup (files[i], eq - files[i]) : g_strdup (files[i]);
      const char *text = eq != NULL ? eq + 1
                         : g_str_has_suffix (files[i], ".toml") ? "title = 'T'\n"
                         : g_str_has_suffix (files[i], ".yml") ? "title: T\n"
                         : "x\n";

      if (name[0] == '\0')
        continue;
      if (g_str_has_suffix (name, "/"))
        {
          g_autofree char *path = g_build_filename (site, name, NULL);

          g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
          continue;
        }
      g_free (byline_test_write_file (site, name, text, -1));
    }
}

static void
test_resolve (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (resolve_cases); i++)
    {
      const ResolveCase *c = &resolve_cases[i];
      g_autofree char *site = byline_test_make_tmp ("byline-test-image-link");
      g_autoptr(GFile) post = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(BylineSiteConfig) config = NULL;
      BylineImageLinkKind kind;

      g_test_message ("case %u: %s, %s", i, c->site_files, c->link);
      write_site (site, c->site_files);
      if (c->post != NULL)
        {
          post = byline_test_file_in (site, c->post);
          config = byline_site_config_new_for_post (post, NULL);
        }

      kind = byline_image_link_resolve (post, config, c->link, &file, NULL);
      g_assert_cmpint (kind, ==, c->kind);
      if (c->file == NULL)
        g_assert_null (file);
      else
        {
          g_autoptr(GFile) expected = byline_test_file_in (site, c->file);

          g_assert_nonnull (file);
          g_assert_true (g_file_equal (file, expected));
        }

      /* @file may be NULL */
      g_assert_cmpint (byline_image_link_resolve (post, config, c->link, NULL, NULL), ==, c->kind);

      byline_test_remove_tree (site);
    }
}

/* Outside any site, a site-root path is an absolute path, as the preview
 * reads it. */
static void
test_resolve_absolute (void)
{
  g_autofree char *dir = byline_test_make_tmp ("byline-test-image-link");
  g_autofree char *image = byline_test_write_file (dir, "pic.png", "x", -1);
  g_autofree char *missing = g_build_filename (dir, "none.png", NULL);
  g_autoptr(GFile) post = byline_test_file_in (dir, "post.md");
  g_autoptr(BylineSiteConfig) config = byline_site_config_new_for_post (post, NULL);
  g_autoptr(GFile) found = NULL;
  g_autoptr(GFile) not_found = NULL;
  g_autoptr(GFile) expected = g_file_new_for_path (image);
  g_autoptr(GFile) by_uri = NULL;
  g_autofree char *uri = g_file_get_uri (expected);

  g_assert_cmpint (byline_site_config_get_kind (config), ==, BYLINE_SITE_KIND_NONE);
  g_assert_cmpint (byline_image_link_resolve (post, config, image, &found, NULL), ==,
                   BYLINE_IMAGE_LINK_FOUND);
  g_assert_true (g_file_equal (found, expected));
  g_assert_cmpint (byline_image_link_resolve (post, config, missing, &not_found, NULL), ==,
                   BYLINE_IMAGE_LINK_MISSING);
  g_assert_cmpstr (g_file_peek_path (not_found), ==, missing);
  g_assert_cmpint (byline_image_link_resolve (NULL, NULL, uri, &by_uri, NULL), ==,
                   BYLINE_IMAGE_LINK_FOUND);
  g_assert_true (g_file_equal (by_uri, expected));

  byline_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* One image copied for a field: its link alone                              */
/* ------------------------------------------------------------------------ */

/* A 1×1 PNG (no image library in core tests). */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
link_sync (GFile   *post,
           GFile   *image,
           GError **error)
{
  GAsyncResult *result = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  char *link;

  byline_images_link_async (post, image, NULL, got_result_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  link = byline_images_link_finish (result, error);
  g_object_unref (result);

  return link;
}

static void
test_link_async (void)
{
  g_autofree char *site = byline_test_make_tmp ("byline-test-image-link");
  g_autofree char *src = byline_test_write_file (site, "incoming/my photo.png", (const char *) tiny_png, sizeof tiny_png);
  g_autofree char *text = byline_test_write_file (site, "incoming/notes.txt", "hello\n", -1);
  g_autofree char *post_path = byline_test_write_file (site, "blog/post.md", "---\ntitle: A\n---\n", -1);
  g_autoptr(GFile) post = g_file_new_for_path (post_path);
  g_autoptr(GFile) image = g_file_new_for_path (src);
  g_autoptr(GFile) not_image = g_file_new_for_path (text);
  g_autoptr(GFile) copy = byline_test_file_in (site, "blog/my photo.png");
  g_autoptr(GFile) copy2 = byline_test_file_in (site, "blog/my photo-2.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *link2 = NULL;
  g_autofree char *none = NULL;
  g_autofree char *unsaved = NULL;
  g_autofree char *copied = NULL;
  gsize len = 0;

  link = link_sync (post, image, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link, ==, "my%20photo.png");
  g_assert_true (g_file_load_contents (copy, NULL, &copied, &len, NULL, NULL));
  g_assert_cmpmem (copied, len, tiny_png, sizeof tiny_png);
  /* what the link names is what was copied */
  {
    g_autoptr(GFile) resolved = NULL;

    g_assert_cmpint (byline_image_link_resolve (post, NULL, link, &resolved, NULL), ==,
                     BYLINE_IMAGE_LINK_FOUND);
    g_assert_true (g_file_equal (resolved, copy));
  }

  /* a second time: a new name, nothing replaced */
  link2 = link_sync (post, image, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link2, ==, "my%20photo-2.png");
  g_assert_true (g_file_query_exists (copy2, NULL));

  none = link_sync (post, not_image, &error);
  g_assert_null (none);
  g_assert_error (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE);
  g_clear_error (&error);

  unsaved = link_sync (NULL, image, &error);
  g_assert_null (unsaved);
  g_assert_error (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NO_POST_FILE);

  byline_test_remove_tree (site);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image-link/key-is-image", test_key_is_image);
  g_test_add_func ("/image-link/looks-like-image", test_looks_like_image);
  g_test_add_func ("/image-link/is-image-field", test_is_image_field);
  g_test_add_func ("/image-link/resolve", test_resolve);
  g_test_add_func ("/image-link/resolve-absolute", test_resolve_absolute);
  g_test_add_func ("/image-link/link-async", test_link_async);

  return g_test_run ();
}
