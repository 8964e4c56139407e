/* byline-image-field.c: the thumbnail and the Choose Image button of an
 * image field in the front matter form.
 *
 * The field follows its entry's text: each value is looked up in a worker
 * thread (byline_image_link_resolve(), as the preview finds images) and,
 * when it names an image file, scaled there by GdkPixbuf to the thumbnail's
 * size; the main thread only makes the texture. While the value is being
 * typed the look-up waits for a pause. A web address shows a link icon and
 * is never fetched.
 *
 * The field never edits the front matter: a chosen image is copied where
 * the site publishes it (byline_images_link_async(), as Insert Image does)
 * and its link handed to the form with ::link-chosen, which sets the value
 * through the engine. Once every image of a choice or drop is copied,
 * ::links-chosen hands over all their links at once, so that a list can
 * take them in one edit (one undo step).
 *
 * Image files dropped on the field's row (byline_image_field_take_drops())
 * are chosen as the Choose Image dialog's are; anything else is refused
 * with a toast saying why. The row's drop target runs in the capture phase,
 * before the entry's own (which would insert the path as text), and takes
 * every drop of files, so none reaches the window's (which opens posts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-image-field"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-form-style.h"
#include "byline-image-field.h"
#include "byline-image-link.h"
#include "byline-images.h"
#include "byline-site-config.h"

#define THUMBNAIL_SIZE   48   /* logical pixels */
#define CORNER_RADIUS     6   /* logical pixels, as the box around it */
#define EDIT_PAUSE_MS   400   /* a value being typed is looked up after this pause */

struct _BylineImageField
{
  GtkWidget              parent_instance;

  /* template widgets */
  GtkWidget             *stack;
  GtkWidget             *status_image;
  GtkWidget             *picture;
  GtkWidget             *choose_button;

  /* borrowed: weak pointers */
  GtkEditable           *entry;
  GtkWidget             *drop_widget;  /* the row that takes dropped files */
  GtkEventController    *drop_target;  /* owned by drop_widget */

  /* owned */
  BylineDocument        *document;
  GCancellable          *lookup_cancellable;
  GCancellable          *choose_cancellable;
  GFile                 *file;
  GdkPaintable          *paintable;
  char                  *link;         /* without an entry */

  guint                  lookup_source;
  BylineImageFieldState  state;
};

G_DEFINE_FINAL_TYPE (BylineImageField, byline_image_field, GTK_TYPE_WIDGET)

enum {
  LINK_CHOSEN,
  LINKS_CHOSEN,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* The look-up, in a worker thread                                           */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GFile *post;        /* nullable */
  char  *link;
  int    size;        /* device pixels */
} Lookup;

typedef struct
{
  BylineImageLinkKind  kind;
  GFile               *file;     /* nullable */
  GBytes              *pixels;   /* nullable: FOUND, and readable (GDK_MEMORY_DEFAULT) */
  int                  width;
  int                  height;
  gsize                stride;
  char                *error;    /* why a FOUND file can't be shown */
} LookupResult;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_clear_object (&lookup->post);
  g_free (lookup->link);
  g_free (lookup);
}

static void
lookup_result_free (gpointer data)
{
  LookupResult *result = data;

  g_clear_object (&result->file);
  g_clear_pointer (&result->pixels, g_bytes_unref);
  g_free (result->error);
  g_free (result);
}

/* @pixbuf with its corners rounded (@radius device pixels), as the pixels
 * of a GdkMemoryTexture. */
static void
round_corners (LookupResult *result,
               GdkPixbuf    *pixbuf,
               double        radius)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  radius = MIN (radius, MIN (width, height) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);
  gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  result->width = width;
  result->height = height;
  result->stride = cairo_image_surface_get_stride (surface);
  result->pixels = g_bytes_new (cairo_image_surface_get_data (surface), result->stride * height);
  cairo_surface_destroy (surface);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  g_autoptr(BylineSiteConfig) config = NULL;
  LookupResult *result = g_new0 (LookupResult, 1);

  if (lookup->post != NULL)
    config = byline_site_config_new_for_post (lookup->post, cancellable);

  result->kind = byline_image_link_resolve (lookup->post, config, lookup->link,
                                            &result->file, cancellable);

  if (result->kind == BYLINE_IMAGE_LINK_FOUND && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (result->file);
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      if (path != NULL)
        pixbuf = gdk_pixbuf_new_from_file_at_scale (path, lookup->size, lookup->size, TRUE, &error);
      if (pixbuf != NULL)
        {
          g_autoptr(GdkPixbuf) oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

          round_corners (result, oriented, CORNER_RADIUS * lookup->size / (double) THUMBNAIL_SIZE);
        }
      else
        result->error = g_strdup (error != NULL ? error->message : _("Not a local file"));
    }

  if (g_task_return_error_if_cancelled (task))
    lookup_result_free (result);
  else
    g_task_return_pointer (task, result, lookup_result_free);
}

/* ------------------------------------------------------------------------ */
/* Showing the state                                                         */
/* ------------------------------------------------------------------------ */

static void
show_status (BylineImageField *self,
             const char       *icon_name,
             gboolean          is_error,
             const char       *description)
{
  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_image), icon_name);
  if (is_error)
    {
      gtk_widget_remove_css_class (self->status_image, "dim-label");
      gtk_widget_add_css_class (self->status_image, "error");
      gtk_widget_add_css_class (self->stack, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->status_image, "error");
      gtk_widget_remove_css_class (self->stack, "error");
      gtk_widget_add_css_class (self->status_image, "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_image),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  byline_form_set_tooltip (self->stack, description);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->status_image);
  gtk_image_clear (GTK_IMAGE (self->picture));
  g_clear_object (&self->paintable);
}

static void
show_result (BylineImageField   *self,
             const LookupResult *result)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  g_clear_object (&self->file);
  if (result->file != NULL)
    {
      self->file = g_object_ref (result->file);
      name = g_file_get_parse_name (result->file);
    }

  switch (result->kind)
    {
    case BYLINE_IMAGE_LINK_EMPTY:
      self->state = BYLINE_IMAGE_FIELD_EMPTY;
      show_status (self, "image-x-generic-symbolic", FALSE, _("No image"));
      break;

    case BYLINE_IMAGE_LINK_URL:
      g_clear_object (&self->file);
      self->state = BYLINE_IMAGE_FIELD_URL;
      show_status (self, "web-browser-symbolic", FALSE,
                   _("An image on the web: not shown here"));
      break;

    case BYLINE_IMAGE_LINK_NO_POST:
      self->state = BYLINE_IMAGE_FIELD_UNSAVED;
      show_status (self, "image-x-generic-symbolic", FALSE,
                   _("Save the post to see the image beside it"));
      break;

    case BYLINE_IMAGE_LINK_MISSING:
      self->state = BYLINE_IMAGE_FIELD_NOT_FOUND;
      /* Translators: %s is the path of an image file */
      description = g_strdup_printf (_("Image not found: %s"), name);
      show_status (self, "image-missing-symbolic", TRUE, description);
      break;

    case BYLINE_IMAGE_LINK_FOUND:
      if (result->pixels == NULL)
        {
          self->state = BYLINE_IMAGE_FIELD_UNREADABLE;
          /* Translators: %s is the path of a file, the second %s why it can't be shown */
          description = g_strdup_printf (_("Can’t show “%s”: %s"), name, result->error);
          show_status (self, "image-missing-symbolic", TRUE, description);
        }
      else
        {
          self->state = BYLINE_IMAGE_FIELD_THUMBNAIL;
          /* Translators: %s is the path of an image file */
          description = g_strdup_printf (_("Thumbnail of %s"), name);
          g_clear_object (&self->paintable);
          self->paintable = GDK_PAINTABLE (gdk_memory_texture_new (result->width, result->height,
                                                                   GDK_MEMORY_DEFAULT,
                                                                   result->pixels, result->stride));
          /* GtkImage keeps the aspect ratio in its square. */
          gtk_image_set_from_paintable (GTK_IMAGE (self->picture), self->paintable);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                          -1);
          byline_form_set_tooltip (self->stack, name);
          gtk_widget_remove_css_class (self->stack, "error");
          gtk_stack_set_visible_child (GTK_STACK (self->stack), self->picture);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylineImageField) self = user_data;
  g_autoptr(GError) error = NULL;
  LookupResult *lookup = g_task_propagate_pointer (G_TASK (result), &error);

  if (lookup == NULL)
    return;   /* cancelled: a newer look-up runs */

  show_result (self, lookup);
  lookup_result_free (lookup);
}

static void
start_lookup (BylineImageField *self)
{
  g_autoptr(GTask) task = NULL;
  GFile *post;
  Lookup *lookup;

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  g_clear_handle_id (&self->lookup_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  if (self->entry == NULL && self->link == NULL)
    return;

  post = self->document != NULL ? byline_document_get_file (self->document) : NULL;
  lookup = g_new0 (Lookup, 1);
  lookup->post = post != NULL ? g_object_ref (post) : NULL;
  lookup->link = g_strdup (byline_image_field_get_link (self));
  lookup->size = THUMBNAIL_SIZE * MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  self->lookup_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->lookup_cancellable, lookup_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_lookup);
  g_task_set_name (task, "[byline] image field look-up");
  g_task_set_task_data (task, lookup, lookup_free);
  g_task_run_in_thread (task, lookup_thread);
}

static gboolean
lookup_timeout_cb (gpointer data)
{
  BylineImageField *self = data;

  self->lookup_source = 0;
  start_lookup (self);

  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Signal callbacks                                                          */
/* ------------------------------------------------------------------------ */

/* TRUE while the focus is in the entry: the value is being typed. */
static gboolean
entry_has_focus (BylineImageField *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self->entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

static void
on_entry_changed_cb (BylineImageField *self,
                     GtkEditable      *entry)
{
  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  /* The form fills the entry after making the field: the first look-up,
   * still to come, reads that text. */
  if (self->state == BYLINE_IMAGE_FIELD_LOADING && self->lookup_cancellable == NULL &&
      self->lookup_source != 0)
    return;

  /* Typed: after a pause. Changed otherwise (undo, the YAML view): now. */
  if (!entry_has_focus (self))
    {
      start_lookup (self);
      return;
    }

  g_clear_handle_id (&self->lookup_source, g_source_remove);
  self->lookup_source = g_timeout_add (EDIT_PAUSE_MS, lookup_timeout_cb, self);
}

static void
on_document_file_changed_cb (BylineImageField *self,
                             GParamSpec       *pspec,
                             BylineDocument   *document)
{
  start_lookup (self);
}

static void
on_scale_factor_changed_cb (BylineImageField *self,
                            GParamSpec       *pspec,
                            gpointer          user_data)
{
  /* The thumbnail, shown or being made at the old scale, made again. */
  if (self->lookup_source == 0)
    start_lookup (self);
}

/* Images being copied for one choice or drop, one after the other. */
typedef struct
{
  BylineImageField *self;      /* owned */
  GList            *files;     /* owned GFiles: the one being copied first */
  AdwToastOverlay  *overlay;   /* owned, nullable: where a drop's refusals go */
  GPtrArray        *links;     /* owned strings: the links of those copied */
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->self);
  g_list_free_full (choice->files, g_object_unref);
  g_clear_object (&choice->overlay);
  g_ptr_array_unref (choice->links);
  g_free (choice);
}

/* The choice is over (every file copied, or a failure ended it): hands the
 * links of the images copied to the form in one go, then frees it. */
static void
choice_finish (Choice *choice)
{
  if (choice->links->len > 0 && choice->self->choose_cancellable != NULL &&
      !g_cancellable_is_cancelled (choice->self->choose_cancellable))
    {
      g_ptr_array_add (choice->links, NULL);
      g_signal_emit (choice->self, signals[LINKS_CHOSEN], 0, choice->links->pdata);
    }
  choice_free (choice);
}

/* Where refusals of files dropped on @self are shown: the window's toast
 * overlay, or NULL. */
static AdwToastOverlay *
find_toast_overlay (BylineImageField *self)
{
  GtkWidget *from = self->drop_widget != NULL ? self->drop_widget : GTK_WIDGET (self);
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);

  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

/* Says why an image was not used: a toast for a drop (@overlay), else
 * ::failed, which the form shows on the row. */
static void
refuse (BylineImageField *self,
        AdwToastOverlay  *overlay,
        const char       *message)
{
  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  if (overlay != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (markup);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (overlay, toast);
    }
  else
    g_signal_emit (self, signals[FAILED], 0, message);
}

static void choice_run (Choice *choice);

static void
link_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Choice *choice = user_data;
  BylineImageField *self = choice->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = byline_images_link_finish (result, &error);

  if (link == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          choice_free (choice);
          return;
        }
      refuse (self, choice->overlay, error->message);
      /* A file that is no image is left out; any other failure ends the
       * choice. */
      if (!g_error_matches (error, BYLINE_IMAGES_ERROR, BYLINE_IMAGES_ERROR_NOT_AN_IMAGE))
        {
          choice_finish (choice);
          return;
        }
    }
  else
    {
      g_ptr_array_add (choice->links, g_strdup (link));
      g_signal_emit (self, signals[LINK_CHOSEN], 0, link);
      /* The new value is shown at once, not after a typing pause. */
      start_lookup (self);
    }

  g_object_unref (choice->files->data);
  choice->files = g_list_delete_link (choice->files, choice->files);
  choice_run (choice);
}

/* Copies the first image of @choice left, or frees it when none is. */
static void
choice_run (Choice *choice)
{
  BylineImageField *self = choice->self;
  GFile *post;

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  if (choice->files == NULL || g_cancellable_is_cancelled (self->choose_cancellable))
    {
      choice_finish (choice);
      return;
    }

  post = self->document != NULL ? byline_document_get_file (self->document) : NULL;
  byline_images_link_async (post, choice->files->data, self->choose_cancellable, link_done_cb, choice);
}

/* Uses @files (taken), in order: each copied where the site publishes
 * images, then handed to the form. Refusals go to @overlay (nullable). */
static void
choose_files (BylineImageField *self,
              GList            *files,
              AdwToastOverlay  *overlay)
{
  Choice *choice = g_new0 (Choice, 1);

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  choice->self = g_object_ref (self);
  choice->files = files;
  choice->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  choice->links = g_ptr_array_new_with_free_func (g_free);
  choice_run (choice);
}

/* The files of a drop (a GdkFileList or a GFile), referenced, in order. */
static GList *
files_of_value (const GValue *value)
{
  GList *files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && g_value_get_boxed (value) != NULL)
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = list; l != NULL; l = l->next)
        files = g_list_prepend (files, g_object_ref (l->data));
      g_slist_free (list);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      files = g_list_prepend (files, g_value_dup_object (value));
    }

  return g_list_reverse (files);
}

/* TRUE when @file's name says it holds something other than an image (a
 * post, a text, a PDF): refused without reading it. A name that says
 * nothing is read when the file is copied, and refused then if need be. */
static gboolean
name_is_not_image (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;
  gboolean uncertain = TRUE;

  if (name == NULL)
    return FALSE;

  type = g_content_type_guess (name, NULL, 0, &uncertain);
  if (uncertain)
    return FALSE;
  mime = g_content_type_get_mime_type (type);

  return mime == NULL || !g_str_has_prefix (mime, "image/");
}

/* When a drop ends on the row, GTK 4.8 tells the drop targets inside it
 * that saw the drag pass (the entry's, which takes text) nothing more: the
 * entry would keep drawing its drop caret. Each is told the drag left. */
static void
leave_inner_drop_targets (GtkWidget          *widget,
                          GtkEventController *except)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) && controller != except)
        g_signal_emit_by_name (controller, "leave");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    leave_inner_drop_targets (child, except);
}

static gboolean
on_drop_cb (GtkDropTarget    *target,
            const GValue     *value,
            double            x,
            double            y,
            BylineImageField *self)
{
  GList *files = files_of_value (value);
  AdwToastOverlay *overlay = find_toast_overlay (self);
  g_autofree char *refusal = NULL;

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  if (self->drop_widget != NULL)
    leave_inner_drop_targets (self->drop_widget, GTK_EVENT_CONTROLLER (target));

  if (files == NULL)
    return FALSE;

  /* A field of one image (not a list's Add an Image button) takes one. */
  if (self->entry != NULL && files->next != NULL)
    refusal = g_strdup (_("This field holds one image: drop a single file"));

  for (GList *l = files; l != NULL && refusal == NULL; l = l->next)
    if (name_is_not_image (l->data))
      {
        g_autofree char *basename = g_file_get_basename (l->data);
        g_autofree char *name = g_filename_display_name (basename);

        /* Translators: %s is the name of a file */
        refusal = g_strdup_printf (_("“%s” is not an image."), name);
      }

  if (refusal != NULL)
    {
      refuse (self, overlay, refusal);
      g_list_free_full (files, g_object_unref);
      return FALSE;
    }

  choose_files (self, files, overlay);
  return TRUE;
}

static void
choose_response_cb (GtkNativeDialog  *native,
                    int               response,
                    BylineImageField *self)
{
  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) image = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (image != NULL)
        byline_image_field_choose_file (self, image);
    }

  /* GtkFileChooserNative is returned with a full reference. */
  g_object_unref (native);
  g_object_unref (self);
}

static void
on_choose_clicked_cb (BylineImageField *self,
                      GtkButton        *button)
{
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GFile *post = self->document != NULL ? byline_document_get_file (self->document) : NULL;
  GtkFileChooserNative *native;

  g_assert (BYLINE_IS_IMAGE_FIELD (self));

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/*");

  native = gtk_file_chooser_native_new (_("Choose Image"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), images);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  else if (post != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (post);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------------ */
/* Overrides                                                                 */
/* ------------------------------------------------------------------------ */

static void
byline_image_field_dispose (GObject *object)
{
  BylineImageField *self = BYLINE_IMAGE_FIELD (object);

  g_clear_handle_id (&self->lookup_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_cancellable_cancel (self->choose_cancellable);
  g_clear_object (&self->choose_cancellable);
  if (self->drop_widget != NULL)
    {
      gtk_widget_remove_controller (self->drop_widget, self->drop_target);
      gtk_widget_remove_css_class (self->drop_widget, "byline-image-drop");
      g_object_remove_weak_pointer (G_OBJECT (self->drop_widget), (gpointer *) &self->drop_widget);
      self->drop_widget = NULL;
    }
  self->drop_target = NULL;
  if (self->entry != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entry, self);
      g_object_remove_weak_pointer (G_OBJECT (self->entry), (gpointer *) &self->entry);
      self->entry = NULL;
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->paintable);
  g_clear_pointer (&self->link, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_IMAGE_FIELD);

  G_OBJECT_CLASS (byline_image_field_parent_class)->dispose (object);
}

static void
byline_image_field_class_init (BylineImageFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_image_field_dispose;

  /**
   * BylineImageField::link-chosen:
   * @link: the link of the image chosen, as the value is to be written
   */
  signals[LINK_CHOSEN] = g_signal_new ("link-chosen",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BylineImageField::links-chosen:
   * @links: (array zero-terminated=1): the links of every image of one
   *   choice or drop copied, in order, as ::link-chosen gave them one by one
   *
   * Emitted once the last image of a choice or drop has been copied (or a
   * failure ended it), when at least one was.
   */
  signals[LINKS_CHOSEN] = g_signal_new ("links-chosen",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRV);
  /**
   * BylineImageField::failed:
   * @message: why the chosen image could not be used
   */
  signals[FAILED] = g_signal_new ("failed",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  byline_form_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-image-field.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineImageField, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineImageField, status_image);
  gtk_widget_class_bind_template_child (widget_class, BylineImageField, picture);
  gtk_widget_class_bind_template_child (widget_class, BylineImageField, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
}

static void
byline_image_field_init (BylineImageField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = BYLINE_IMAGE_FIELD_LOADING;
  self->choose_cancellable = g_cancellable_new ();
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

GtkWidget *
byline_image_field_new (BylineDocument *document,
                        GtkEditable    *entry)
{
  BylineImageField *self;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  self = g_object_new (BYLINE_TYPE_IMAGE_FIELD, NULL);
  self->document = g_object_ref (document);
  self->entry = entry;
  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &self->entry);

  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (on_document_file_changed_cb), self);

  self->lookup_source = g_idle_add (lookup_timeout_cb, self);

  return GTK_WIDGET (self);
}

GtkWidget *
byline_image_field_new_thumbnail (BylineDocument *document,
                                  const char     *link)
{
  BylineImageField *self;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (link != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_IMAGE_FIELD, NULL);
  self->document = g_object_ref (document);
  self->link = g_strdup (link);
  gtk_widget_set_visible (self->choose_button, FALSE);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (on_document_file_changed_cb), self);
  start_lookup (self);

  return GTK_WIDGET (self);
}

GtkWidget *
byline_image_field_new_button (BylineDocument *document)
{
  BylineImageField *self;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  self = g_object_new (BYLINE_TYPE_IMAGE_FIELD, NULL);
  self->document = g_object_ref (document);
  self->state = BYLINE_IMAGE_FIELD_EMPTY;
  gtk_widget_set_visible (self->stack, FALSE);
  gtk_widget_set_tooltip_text (self->choose_button, _("Add an Image…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an Image…"),
                                  -1);

  return GTK_WIDGET (self);
}

const char *
byline_image_field_get_link (BylineImageField *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_FIELD (self), NULL);

  if (self->entry != NULL)
    return gtk_editable_get_text (self->entry);

  return self->link;
}

BylineImageFieldState
byline_image_field_get_state (BylineImageField *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_FIELD (self), BYLINE_IMAGE_FIELD_EMPTY);

  return self->state;
}

GdkPaintable *
byline_image_field_get_paintable (BylineImageField *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_FIELD (self), NULL);

  return self->paintable;
}

GFile *
byline_image_field_get_file (BylineImageField *self)
{
  g_return_val_if_fail (BYLINE_IS_IMAGE_FIELD (self), NULL);

  return self->file;
}

void
byline_image_field_choose_file (BylineImageField *self,
                                GFile            *image)
{
  g_return_if_fail (BYLINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (G_IS_FILE (image));

  choose_files (self, g_list_prepend (NULL, g_object_ref (image)), NULL);
}

void
byline_image_field_take_drops (BylineImageField *self,
                               GtkWidget        *widget)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *drop;

  g_return_if_fail (BYLINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (self->drop_widget == NULL);
  g_return_if_fail (self->link == NULL);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  /* Before the entry's own drop target, which takes text. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop), "byline-image-drop");
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);

  self->drop_widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->drop_widget);
  self->drop_target = GTK_EVENT_CONTROLLER (drop);
  gtk_widget_add_controller (widget, self->drop_target);
  gtk_widget_add_css_class (widget, "byline-image-drop");
}
