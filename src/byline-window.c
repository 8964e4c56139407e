/* byline-window.c: a window showing one post in three panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-window"

/* How long after a change the draft is written */
#define DRAFT_DELAY_MS 3000

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-preview-loader.h"
#include "byline-resources.h"
#include "byline-window.h"
#include "byline-drafts.h"
#include "byline-images.h"
#include "byline-markdown.h"
#include "byline-markdown-indenter.h"
#include "byline-platform.h"
#include "byline-positions.h"
#include "byline-post-switcher.h"
#include "byline-site-link.h"
#include "byline-template.h"
#include "byline-spell-checker.h"
#include "byline-link-checker.h"
#include "byline-table-editor.h"
#include "byline-editor-font.h"
#include "byline-accessible.h"

struct _BylineWindow
{
  AdwApplicationWindow   parent_instance;

  /* Template widgets */
  AdwToastOverlay       *toast_overlay;
  AdwWindowTitle        *window_title;
  GtkMenuButton         *primary_menu_button;
  GtkStack              *stack;
  GtkPaned              *outer_paned;
  GtkPaned              *inner_paned;
  BylineFrontMatterForm *front_matter_form;
  GtkScrolledWindow     *source_scroller;
  GtkWidget             *source_pane;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;
  GtkLabel              *search_count;
  GtkToggleButton       *replace_toggle;
  GtkEntry              *replace_entry;
  GtkSourceView         *source_view;
  GtkMenuButton         *headings_button;
  GtkPopover            *headings_popover;
  GtkSearchEntry        *headings_entry;
  GtkListBox            *headings_list;
  GtkWidget             *headings_empty;
  AdwBin                *preview_bin;
  AdwStatusPage         *error_page;
  GtkInfoBar            *disk_bar;
  GtkInfoBar            *draft_bar;
  AdwSplitButton        *open_button;
  BylinePostSwitcher    *post_switcher;

  /* Borrowed references */
  GtkWidget             *close_dialog;
  BylinePreview         *preview;         /* child of preview_bin, made on demand */

  /* Owned references */
  BylineDocument        *document;
  GSettings             *settings;
  GtkSourceSearchContext *search;        /* made on the first search */
  GBytes                *draft;          /* an earlier session's, offered to restore */
  BylineSpellChecker    *spell_checker;
  AdwToast              *spell_toast;    /* borrowed: while shown */
  char                  *spell_note;     /* the last one shown */
  GFile                 *draft_for;      /* the post whose draft this window wrote */
  GCancellable          *search_cancellable;
  GCancellable          *cancellable;
  GFile                 *pending_file;   /* being loaded, or failed to load */
  GFile                 *initial_file;   /* construct-time "file" */
  char                  *initial_text;   /* construct-time "text": a new post's */
  GFile                 *folder;         /* where a new post is to be saved */
  GFile                 *untitled_key;   /* a new post's drafts go by it (byline-drafts.h) */
  char                  *load_error;
  char                  *last_message;

  gulong                 after_paint_handler;
  gulong                 realize_handler;
  guint                  finish_startup_source;
  guint                  draft_source;   /* writes the draft a moment after a change */
  int                    reload_line;    /* the cursor's, to put back after a reload; -1 */
  int                    reload_offset;

  guint                  ready : 1;
  guint                  close_confirmed : 1;
  guint                  close_after_save : 1;
  guint                  preview_failed : 1;
  guint                  preview_loading : 1;
  guint                  preview_load_tried : 1;

  /* Zoom, fullscreen and the word count (see the end) */
  GtkLabel              *word_count_label;
  GtkCssProvider        *zoom_provider;   /* the source view's font size */
  BylineEditorFont      *editor_font;     /* the source's font, as the settings say */
  GtkWidget             *zoom_reset_button;
  GCancellable          *count_cancellable;
  double                 zoom_scroll;     /* Ctrl+scroll not yet turned into steps */
  guint                  count_source;
  guint                  n_words;
  guint                  n_selected_words;
  guint                  words_known : 1;
  guint                  body_dirty : 1;      /* changed since the last count */
  guint                  counting_body : 1;   /* a count of the body is running */
  guint                  selection_shown : 1; /* the label shows a selection's count */

  /* Insert Link to Post (see the end) */
  BylinePostSwitcher    *link_picker;     /* owned; parented while it is shown */
  GtkTextMark           *link_start;      /* owned: the selection the link replaces */
  GtkTextMark           *link_end;

  /* Tables (see the end) */
  BylineTableEditor     *table_editor;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TEXT,
  PROP_FOLDER,
  PROP_DRAFT_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_as (BylineWindow *self);
static void ensure_preview (BylineWindow *self);
static void save_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);
/* Printing, zoom, fullscreen and the word count: at the end */
static void view_class_init    (GtkWidgetClass *widget_class);
static void view_init          (BylineWindow   *self);
static void view_constructed   (BylineWindow   *self);
static void view_dispose       (BylineWindow   *self);
/* Insert Link to Post: at the end */
static void post_link_dispose  (BylineWindow   *self);
/* Tables: at the end */
static void tables_constructed (BylineWindow   *self);
static void byline_window_table_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);

static const char * const pane_keys[] = { "show-front-matter", "show-source", "show-preview" };

/* Helpers */

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  g_assert (G_IS_FILE (file));

  return g_filename_display_name (basename);
}

static void
show_message (BylineWindow *self,
              const char   *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast;

  g_assert (BYLINE_IS_WINDOW (self));

  g_free (self->last_message);
  self->last_message = g_strdup (message);

  toast = adw_toast_new (markup);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (BylineWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file;

  g_assert (BYLINE_IS_WINDOW (self));

  file = byline_window_get_file (self);

  if (self->pending_file != NULL)
    title = file_display_name (self->pending_file);
  else if (byline_document_get_modified (self->document))
    title = g_strconcat ("• ", byline_document_get_title (self->document), NULL);
  else
    title = g_strdup (byline_document_get_title (self->document));

  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        subtitle = byline_platform_display_path (folder);
    }
  else
    subtitle = g_strdup (_("Draft"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (BylineWindow *self)
{
  gboolean can_save;

  g_assert (BYLINE_IS_WINDOW (self));

  can_save = self->ready &&
             self->load_error == NULL &&
             !byline_document_get_busy (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 can_save && byline_document_get_file (self->document) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-in-files",
                                 byline_document_get_file (self->document) != NULL);
}

static void
update_style_scheme (BylineWindow *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->document),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

/* Shows the panes the settings ask for; one of them always stays. */
static void
update_panes (BylineWindow *self)
{
  gboolean show_front_matter, show_source, show_preview;

  g_assert (BYLINE_IS_WINDOW (self));

  show_front_matter = g_settings_get_boolean (self->settings, "show-front-matter");
  show_source = g_settings_get_boolean (self->settings, "show-source");
  show_preview = g_settings_get_boolean (self->settings, "show-preview");

  if (!show_front_matter && !show_source && !show_preview)
    {
      g_settings_set_boolean (self->settings, "show-source", TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->inner_paned), show_source || show_preview);
}

static void
set_ready (BylineWindow *self,
           gboolean      ready)
{
  g_assert (BYLINE_IS_WINDOW (self));

  self->ready = !!ready;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), ready);
  update_actions (self);
}

static gboolean
get_preview_position_mapping (GValue   *value,
                              GVariant *variant,
                              gpointer  user_data)
{
  BylineWindow *self = user_data;
  int position = g_variant_get_int32 (variant);

  g_assert (BYLINE_IS_WINDOW (self));

  /* -1: split the source and preview panes in half. */
  if (position < 0)
    {
      int width = 0;
      int height = 0;
      int front_matter = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (g_settings_get_boolean (self->settings, "show-front-matter"))
        front_matter = g_settings_get_int (self->settings, "front-matter-width");
      position = MAX (0, (width - front_matter) / 2);
    }

  g_value_set_int (value, position);

  return TRUE;
}

static GVariant *
set_preview_position_mapping (const GValue       *value,
                              const GVariantType *expected_type,
                              gpointer            user_data)
{
  return g_variant_new_int32 (g_value_get_int (value));
}

static void watch_post_shown (BylineWindow *self);
static void setup_spell_checker (BylineWindow *self);

/* Signal callbacks */

static void
bench_preview_rendered_cb (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_assert (BYLINE_IS_WINDOW (self));

  if (BYLINE_IS_APPLICATION (app) &&
      byline_application_get_bench_mode (BYLINE_APPLICATION (app)) == BYLINE_BENCH_PREVIEW)
    {
      g_print ("byline-preview-rendered\n");
      fflush (stdout);
      g_application_quit (G_APPLICATION (app));
    }
}

static void
preview_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->preview_loading = FALSE;
  self->preview_load_tried = TRUE;
  if (!byline_preview_loader_load_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* On failure the blocking path tries once more and says why in the pane. */
  ensure_preview (self);
}

static void
ensure_preview (BylineWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *preview;

  g_assert (BYLINE_IS_WINDOW (self));

  if (self->preview != NULL || self->preview_failed)
    return;

  /* WebKit's libraries are opened in a worker thread, not here. */
  if (!byline_preview_loader_is_loaded () && !self->preview_load_tried)
    {
      if (!self->preview_loading)
        {
          self->preview_loading = TRUE;
          byline_preview_loader_load_async (self->cancellable, preview_loaded_cb, g_object_ref (self));
        }
      return;
    }

  preview = byline_preview_loader_create (self->document, &error);
  if (preview == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Preview"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (status),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                      -1);
      adw_bin_set_child (self->preview_bin, status);
      self->preview_failed = TRUE;
      return;
    }

  /* Not BYLINE_PREVIEW (): that would link the preview in. */
  self->preview = (BylinePreview *) preview;
  g_signal_connect_object (preview, "rendered", G_CALLBACK (bench_preview_rendered_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);
  adw_bin_set_child (self->preview_bin, preview);

  /* The preview: scroll sync with the source view (a property,
   * so the window needs no link to the preview module) */
  g_object_set (preview, "source-view", self->source_view, NULL);
}

/* The link checker: broken links marked in the source view while the
 * check-links setting is on (the view keeps the checker) */
static void
link_checker_active_cb (BylineLinkChecker *checker)
{
  byline_link_checker_queue_check (checker);
}

static void
next_problem_cb (BylineWindow *self)
{
  BylineLinkChecker *checker = g_object_get_data (G_OBJECT (self->source_view), "byline-link-checker");

  g_assert (BYLINE_IS_WINDOW (self));

  if (checker == NULL || !byline_link_checker_next_problem (checker))
    gtk_widget_error_bell (GTK_WIDGET (self));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
setup_link_checker (BylineWindow *self)
{
  BylineLinkChecker *checker;

  g_assert (BYLINE_IS_WINDOW (self));

  if (g_object_get_data (G_OBJECT (self->source_view), "byline-link-checker") != NULL)
    return;
  checker = byline_link_checker_new (self->source_view);
  g_settings_bind (self->settings, "check-links", checker, "enabled", G_SETTINGS_BIND_GET);
  g_object_set_data_full (G_OBJECT (self->source_view), "byline-link-checker", checker, g_object_unref);
  /* files may have come or gone while another window was in front */
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (link_checker_active_cb), checker,
                           G_CONNECT_SWAPPED);
  /* win.next-problem (F8): the cursor to the next broken link */
  {
    g_autoptr(GSimpleAction) action = g_simple_action_new ("next-problem", NULL);

    g_signal_connect_object (action, "activate", G_CALLBACK (next_problem_cb), self, G_CONNECT_SWAPPED);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  }
}

static gboolean
load_language_cb (gpointer user_data)
{
  BylineWindow *self = user_data;

  g_assert (BYLINE_IS_WINDOW (self));

  self->finish_startup_source = 0;
  byline_document_load_language (self->document);
  setup_spell_checker (self);
  setup_link_checker (self);

  return G_SOURCE_REMOVE;
}

/* What the first frame can do without: the preview (loading WebKit takes a
 * while) and Markdown highlighting (compiling the language does). The
 * preview goes first: its web process then starts while the language is
 * compiled. */
static gboolean
finish_startup_cb (gpointer user_data)
{
  BylineWindow *self = user_data;

  g_assert (BYLINE_IS_WINDOW (self));

  ensure_preview (self);
  self->finish_startup_source = g_idle_add_full (G_PRIORITY_DEFAULT, load_language_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

/* The frame just drawn shows the post. */
static void
post_shown_after_paint_cb (GdkFrameClock *frame_clock,
                           BylineWindow  *self)
{
  GtkApplication *app;

  g_assert (BYLINE_IS_WINDOW (self));

  g_clear_signal_handler (&self->after_paint_handler, frame_clock);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (BYLINE_IS_APPLICATION (app) &&
      byline_application_get_bench_mode (BYLINE_APPLICATION (app)) != BYLINE_BENCH_NONE)
    {
      g_print ("byline-first-frame\n");
      fflush (stdout);
      if (byline_application_get_bench_mode (BYLINE_APPLICATION (app)) == BYLINE_BENCH_FIRST_FRAME)
        {
          g_application_quit (G_APPLICATION (app));
          return;
        }
    }

  if (self->finish_startup_source == 0 && self->preview == NULL && !self->preview_failed)
    /* Default priority: before the text view's layout of the whole buffer
     * and other idle work, which can wait. */
    self->finish_startup_source = g_idle_add_full (G_PRIORITY_DEFAULT, finish_startup_cb, self, NULL);
}

static void
post_shown_realize_cb (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  g_clear_signal_handler (&self->realize_handler, self);
  watch_post_shown (self);
}

static void
unwatch_post_shown (BylineWindow *self)
{
  GdkFrameClock *frame_clock;

  g_assert (BYLINE_IS_WINDOW (self));

  g_clear_signal_handler (&self->realize_handler, self);

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, frame_clock);
  else
    self->after_paint_handler = 0;
}

/* Called once the post is in the buffer: watches for the first frame that
 * shows it. */
static void
watch_post_shown (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  unwatch_post_shown (self);

  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      self->realize_handler = g_signal_connect (self, "realize",
                                                G_CALLBACK (post_shown_realize_cb), NULL);
      return;
    }

  self->after_paint_handler = g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                                       "after-paint",
                                                       G_CALLBACK (post_shown_after_paint_cb),
                                                       self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Finding in the body                                                      */

/* "3 of 12", "12 matches" while the position is not known, or "No matches". */
static void
update_search_count (BylineWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autofree char *label = NULL;
  GtkTextIter start, end;
  int count, position = -1;

  g_assert (BYLINE_IS_WINDOW (self));

  if (self->search == NULL || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    {
      gtk_label_set_label (self->search_count, "");
      return;
    }

  count = gtk_source_search_context_get_occurrences_count (self->search);
  if (count < 0)
    return;  /* still counting */

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search, &start, &end);

  if (count == 0)
    label = g_strdup (_("No matches"));
  else if (position > 0)
    /* Translators: the match the cursor is on, of all in the body: "3 of 12" */
    label = g_strdup_printf (_("%d of %d"), position, count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);

  gtk_label_set_label (self->search_count, label);
}

static void
ensure_search (BylineWindow *self)
{
  GtkSourceSearchSettings *settings;

  if (self->search != NULL)
    return;

  settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (settings, TRUE);
  g_object_bind_property (self->search_entry, "text", settings, "search-text", G_BINDING_SYNC_CREATE);
  self->search = gtk_source_search_context_new (GTK_SOURCE_BUFFER (self->document), settings);
  g_object_unref (settings);
  g_signal_connect_object (self->search, "notify::occurrences-count",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
}

static void
show_match (BylineWindow           *self,
            GtkSourceSearchContext *search,
            gboolean                found,
            GtkTextIter            *start,
            GtkTextIter            *end)
{
  if (found && self->search == search)
    {
      gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->document), start, end);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->document)),
                                    0.2, FALSE, 0, 0);
    }
  update_search_count (self);
}

/* A search in flight: which way it went, to finish it the same way. */
typedef struct
{
  BylineWindow *self;
  gboolean      backward;
} SearchCall;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GtkSourceSearchContext *search = GTK_SOURCE_SEARCH_CONTEXT (object);
  SearchCall *call = user_data;
  g_autoptr(BylineWindow) self = call->self;
  GtkTextIter start, end;
  gboolean found;

  found = call->backward
          ? gtk_source_search_context_backward_finish (search, result, &start, &end, NULL, NULL)
          : gtk_source_search_context_forward_finish (search, result, &start, &end, NULL, NULL);
  g_free (call);
  show_match (self, search, found, &start, &end);
}

/* Selects the next (or previous) match after the selection; @from_start:
 * the text changed, a match at the selection's start counts. */
static void
find (BylineWindow *self,
      gboolean      backward,
      gboolean      from_start)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end;
  SearchCall *call;

  g_assert (BYLINE_IS_WINDOW (self));

  ensure_search (self);
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    {
      update_search_count (self);
      return;
    }

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_pointer (&self->draft, g_bytes_unref);
  g_clear_object (&self->draft_for);
  self->search_cancellable = g_cancellable_new ();

  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->backward = backward;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (backward)
    gtk_source_search_context_backward_async (self->search, &start, self->search_cancellable,
                                              search_done_cb, call);
  else
    gtk_source_search_context_forward_async (self->search, from_start ? &start : &end,
                                             self->search_cancellable, search_done_cb, call);
}

static void
byline_window_find_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end;

  /* A selection on one line is what to find. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  ensure_search (self);
  gtk_source_search_context_set_highlight (self->search, TRUE);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  update_search_count (self);
}

static void
byline_window_find_next_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  find (BYLINE_WINDOW (widget), FALSE, FALSE);
}

static void
byline_window_find_previous_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  find (BYLINE_WINDOW (widget), TRUE, FALSE);
}

static void
byline_window_find_replace_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  gtk_toggle_button_set_active (self->replace_toggle, TRUE);
  byline_window_find_action (widget, "win.find", NULL);
}

/* Replaces the match the selection is on, then selects the next one. */
static void
replace (BylineWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  g_assert (BYLINE_IS_WINDOW (self));

  ensure_search (self);
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_source_search_context_get_occurrence_position (self->search, &start, &end) > 0)
    {
      if (!gtk_source_search_context_replace (self->search, &start, &end,
                                              gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                                              -1, &error))
        {
          show_message (self, error->message);
          return;
        }
      gtk_text_buffer_select_range (buffer, &end, &end);
    }

  find (self, FALSE, FALSE);
}

static void
byline_window_replace_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  replace (BYLINE_WINDOW (widget));
}

static void
byline_window_replace_all_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  ensure_search (self);
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    return;

  /* One undo step for all of them. */
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self->document));
  gtk_source_search_context_replace_all (self->search,
                                         gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                                         -1, &error);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self->document));
  if (error != NULL)
    show_message (self, error->message);
  update_search_count (self);
}

static void
replace_activate_cb (BylineWindow *self)
{
  replace (self);
}

static void
search_changed_cb (BylineWindow *self)
{
  find (self, FALSE, TRUE);
}

static void
search_activate_cb (BylineWindow *self)
{
  find (self, FALSE, FALSE);
}

static void
search_next_cb (BylineWindow *self)
{
  find (self, FALSE, FALSE);
}

static void
search_previous_cb (BylineWindow *self)
{
  find (self, TRUE, FALSE);
}

static void
search_stop_cb (BylineWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  if (self->search != NULL)
    gtk_source_search_context_set_highlight (self->search, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* The post in the desktop's recent files (the file chooser's and Files'
 * Recent). */
static void
add_to_recent (BylineWindow *self)
{
  GFile *file = byline_document_get_file (self->document);
  g_autofree char *uri = NULL;

  if (file == NULL)
    return;

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/* Markdown formatting in the body                                          */

/* Wraps the selection in @mark (e.g. "**"), or unwraps it when the marks are
 * already around it; with no selection, puts the cursor between two marks. */
static void
toggle_wrap (BylineWindow *self,
             const char   *mark)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  int len = g_utf8_strlen (mark, -1);
  GtkTextIter start, end, before, after;
  g_autofree char *text_before = NULL;
  g_autofree char *text_after = NULL;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  before = start;
  after = end;
  gtk_text_iter_backward_chars (&before, len);
  gtk_text_iter_forward_chars (&after, len);
  text_before = gtk_text_iter_get_slice (&before, &start);
  text_after = gtk_text_iter_get_slice (&end, &after);

  gtk_text_buffer_begin_user_action (buffer);
  if (!gtk_text_iter_equal (&start, &end) &&
      g_str_equal (text_before, mark) && g_str_equal (text_after, mark))
    {
      GtkTextMark *start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

      gtk_text_buffer_delete (buffer, &end, &after);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      before = start;
      gtk_text_iter_backward_chars (&before, len);
      gtk_text_buffer_delete (buffer, &before, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_buffer_delete_mark (buffer, start_mark);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  else if (gtk_text_iter_equal (&start, &end))
    {
      /* The cursor between the two marks, to type the text. */
      g_autofree char *both = g_strconcat (mark, mark, NULL);
      GtkTextMark *middle = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);

      gtk_text_buffer_insert (buffer, &start, both, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, middle);
      gtk_text_iter_forward_chars (&start, len);
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_text_buffer_delete_mark (buffer, middle);
    }
  else
    {
      /* The marks keep to the text: the start after what goes before it,
       * the end before what goes after it. */
      GtkTextMark *start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
      GtkTextMark *end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE);

      gtk_text_buffer_insert (buffer, &end, mark, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_insert (buffer, &start, mark, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_buffer_delete_mark (buffer, start_mark);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
}

static void
byline_window_format_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (g_str_equal (action_name, "win.format-bold"))
    toggle_wrap (self, "**");
  else if (g_str_equal (action_name, "win.format-italic"))
    toggle_wrap (self, "*");
  else if (g_str_equal (action_name, "win.format-code"))
    toggle_wrap (self, "`");
}

/* [selection](|): the cursor where the address goes. */
static void
byline_window_insert_link_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end;
  GtkTextMark *end_mark;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &start, "[", -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
  gtk_text_buffer_insert (buffer, &end, "]()", -1);
  gtk_text_iter_backward_char (&end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_delete_mark (buffer, end_mark);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
}

/* Images: dropped on the body, or chosen with Insert Image…, they are
 * copied where the site publishes them (byline-images.h) and linked where
 * they were dropped, or at the cursor. */

typedef struct
{
  BylineWindow *self;
  GtkTextMark  *mark;     /* where the links go */
  char         *pasted;   /* a pasted image's temporary file, removed after */
} ImageInsert;

static void
remove_pasted_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_task_return_boolean (task, TRUE);
}

/* TRUE when the line @delta lines from @iter's is blank, or not there. */
static gboolean
line_is_blank (const GtkTextIter *iter,
               int                delta)
{
  GtkTextIter start = *iter, end;
  int line = gtk_text_iter_get_line (iter) + delta;
  g_autofree char *text = NULL;

  if (line < 0 || line >= gtk_text_buffer_get_line_count (gtk_text_iter_get_buffer (iter)))
    return TRUE;
  gtk_text_iter_set_line (&start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (&start, &end);
  return g_strstrip (text)[0] == '\0';
}

/* After one image is inserted (@text, ending at @end): its alt text
 * selected, to be described by typing over it ("![Pasted image 2025 02
 * 13 101500](…)"). Several images: FALSE, nothing selected. */
static gboolean
select_alt_text (GtkTextBuffer     *buffer,
                 const GtkTextIter *end,
                 const char        *text)
{
  const char *open = strstr (text, "![");
  const char *close;
  GtkTextIter start_iter, alt_start, alt_end;

  if (open == NULL || strstr (open + 2, "![") != NULL)
    return FALSE;
  close = strstr (open, "](");
  if (close == NULL)
    return FALSE;

  start_iter = *end;
  gtk_text_iter_backward_chars (&start_iter, (int) g_utf8_strlen (text, -1));
  alt_start = start_iter;
  gtk_text_iter_forward_chars (&alt_start, (int) g_utf8_strlen (text, open + 2 - text));
  alt_end = alt_start;
  gtk_text_iter_forward_chars (&alt_end, (int) g_utf8_strlen (open + 2, close - (open + 2)));
  gtk_text_buffer_select_range (buffer, &alt_end, &alt_start);
  return TRUE;
}

static void
images_imported_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ImageInsert *insert = user_data;
  BylineWindow *self = insert->self;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = byline_images_import_finish (result, &error);

  if (markdown == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else if (!gtk_text_mark_get_deleted (insert->mark))
    {
      g_autoptr(GString) text = g_string_new (markdown);
      GtkTextIter iter;

      /* the images a paragraph of their own: blank lines around them */
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, insert->mark);
      if (!gtk_text_iter_starts_line (&iter))
        g_string_prepend (text, "\n\n");
      else if (!line_is_blank (&iter, -1))
        g_string_prepend_c (text, '\n');
      if (!gtk_text_iter_ends_line (&iter))
        g_string_append (text, "\n\n");
      else if (!line_is_blank (&iter, 1))
        g_string_append_c (text, '\n');

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert (buffer, &iter, text->str, -1);
      gtk_text_buffer_end_user_action (buffer);
      if (!select_alt_text (buffer, &iter, text->str))
        gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view),
                                          gtk_text_buffer_get_insert (buffer));
    }

  gtk_text_buffer_delete_mark (buffer, insert->mark);
  g_object_unref (insert->mark);
  if (insert->pasted != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (task, g_steal_pointer (&insert->pasted), g_free);
      g_task_run_in_thread (task, remove_pasted_thread);
    }
  g_object_unref (self);
  g_free (insert);
}

static void
insert_images (BylineWindow      *self,
               GList             *files,
               const GtkTextIter *where,
               const char        *pasted)
{
  GtkTextBuffer *buffer;
  ImageInsert *insert;
  GtkTextIter iter;

  g_assert (BYLINE_IS_WINDOW (self));
  g_assert (files != NULL);

  buffer = GTK_TEXT_BUFFER (self->document);
  if (where != NULL)
    iter = *where;
  else
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  insert = g_new0 (ImageInsert, 1);
  insert->self = g_object_ref (self);
  insert->mark = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE));
  insert->pasted = g_strdup (pasted);
  /* a post not saved yet fails with a message saying so */
  byline_images_import_async (byline_document_get_file (self->document), files,
                              self->cancellable, images_imported_cb, insert);
}

void
byline_window_insert_images (BylineWindow      *self,
                             GList             *files,
                             const GtkTextIter *where)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  insert_images (self, files, where, NULL);
}

/* Pasting an image (a screenshot) into the body: written as a PNG to a
 * temporary file in a worker thread, then added as a dropped image would
 * be; the temporary file goes once it is copied. */

static void
write_pasted_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *png = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "pasted-image-%Y-%m-%d-%H%M%S.png");
  g_autofree char *dir = g_dir_make_tmp ("byline-paste-XXXXXX", &error);
  g_autofree char *path = NULL;

  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
    {
      g_rmdir (dir);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
pasted_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GFile) file = NULL;
  GList files = { 0 };

  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  file = g_file_new_for_path (path);
  files.data = file;
  insert_images (self, &files, NULL, path);
}

static void
pasted_texture_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GTask) task = NULL;

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  task = g_task_new (NULL, self->cancellable, pasted_written_cb, g_object_ref (self));
  g_task_set_task_data (task, gdk_texture_save_to_png_bytes (texture), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_pasted_thread);
}

/* The files of @value (a GdkFileList), in order, as the GList that
 * byline_window_insert_images() takes; the files stay @value's. */
static GList *
files_of (const GValue *value)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  GList *list = NULL;

  for (GSList *l = files; l != NULL; l = l->next)
    list = g_list_prepend (list, l->data);
  g_slist_free (files);
  return g_list_reverse (list);
}

/* By its name, as a file manager would tell. */
static gboolean
looks_like_image (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *type = name != NULL ? g_content_type_guess (name, NULL, 0, NULL) : NULL;
  g_autofree char *mime = type != NULL ? g_content_type_get_mime_type (type) : NULL;

  return mime != NULL && g_str_has_prefix (mime, "image/");
}

/* Files copied in a file manager: images go in as images (as if dropped at
 * the cursor); anything else is pasted as the text view would have (the
 * files' paths). */
static void
pasted_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (clipboard, result, &error);
  GList *list;
  gboolean images = TRUE;

  if (value == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  list = files_of (value);
  for (GList *l = list; l != NULL; l = l->next)
    images = images && looks_like_image (l->data);

  if (list != NULL && images)
    byline_window_insert_images (self, list, NULL);
  else
    gtk_text_buffer_paste_clipboard (GTK_TEXT_BUFFER (self->document), clipboard, NULL,
                                     gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)));
  g_list_free (list);
}

/* A web address alone: http(s), ftp or mailto, nothing around it. */
static gboolean
is_web_address (const char *text)
{
  g_autofree char *scheme = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  if (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (text);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "ftp") == 0 || g_ascii_strcasecmp (scheme, "mailto") == 0);
}

typedef struct
{
  BylineWindow *self;
  GtkTextMark  *start;   /* the selection when Paste was pressed */
  GtkTextMark  *end;
  gboolean      may_link;
} PasteOver;

static void
paste_over_free (PasteOver *paste)
{
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (paste->start);

  if (buffer != NULL)
    {
      gtk_text_buffer_delete_mark (buffer, paste->start);
      gtk_text_buffer_delete_mark (buffer, paste->end);
    }
  g_object_unref (paste->start);
  g_object_unref (paste->end);
  g_object_unref (paste->self);
  g_free (paste);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteOver, paste_over_free)

/* The text pasted over a selection: a web address makes the selected text
 * a link to it, [text](address), in one undo step, the cursor after it;
 * anything else replaces the selection, as plain text. */
static void
pasted_text_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PasteOver) paste = user_data;
  BylineWindow *self = paste->self;
  GdkClipboard *clipboard = GDK_CLIPBOARD (object);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_autofree char *address = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *link = NULL;
  GtkTextIter start, end, sel_start, sel_end;
  int offset;

  if (text == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  if (gtk_text_mark_get_deleted (paste->start) ||
      !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)))
    return;

  address = g_strstrip (g_strdup (text));
  gtk_text_buffer_get_iter_at_mark (buffer, &start, paste->start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, paste->end);
  /* The text selected when Paste was pressed, unless another selection or
   * a cursor moved elsewhere replaced it meanwhile (losing X's PRIMARY
   * selection to another program unselects the text, in place). */
  if (gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end)
      ? !gtk_text_iter_equal (&start, &sel_start) || !gtk_text_iter_equal (&end, &sel_end)
      : !gtk_text_iter_equal (&start, &sel_start) && !gtk_text_iter_equal (&end, &sel_start))
    {
      /* at the cursor, as GTK would */
      gtk_text_buffer_paste_clipboard (buffer, clipboard, NULL, TRUE);
      return;
    }

  if (paste->may_link && is_web_address (address))
    {
      selected = gtk_text_iter_get_slice (&start, &end);
      link = g_strdup_printf ("[%s](%s)", selected, address);
    }
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  offset = gtk_text_iter_get_offset (&start);
  gtk_text_buffer_insert (buffer, &start, link != NULL ? link : text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset + (int) g_utf8_strlen (link != NULL ? link : text, -1));
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
}

/* Whether an address pasted over the selection makes it a link: text on
 * one line, not in code, an address or a tag, and not an address itself. */
static gboolean
selection_may_become_link (BylineWindow      *self,
                           const GtkTextIter *start,
                           const GtkTextIter *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autofree char *selected = NULL;

  if (gtk_text_iter_get_line (start) != gtk_text_iter_get_line (end))
    return FALSE;
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (buffer), start, end);
  if (gtk_source_buffer_iter_has_context_class (GTK_SOURCE_BUFFER (buffer), start, "no-spell-check"))
    return FALSE;
  selected = gtk_text_iter_get_slice (start, end);
  g_strstrip (selected);
  return *selected != '\0' && !is_web_address (selected);
}

/* Before the text view's own paste: an image with no text beside it is
 * pasted as an image, image files copied in a file manager as those
 * images, and text over a selection replaces that text even if it was
 * unselected meanwhile (GTK 4.8's paste then inserts beside it), a web
 * address over words making them a link. */
static void
source_paste_cb (GtkTextView  *view,
                 BylineWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GtkTextIter start, end;

  g_assert (BYLINE_IS_WINDOW (self));

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                      self->cancellable, pasted_files_cb, g_object_ref (self));
      return;
    }

  if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) &&
      gtk_text_view_get_editable (view) &&
      gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->document), &start, &end))
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
      PasteOver *paste = g_new0 (PasteOver, 1);

      paste->may_link = selection_may_become_link (self, &start, &end);
      paste->self = g_object_ref (self);
      paste->start = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
      paste->end = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE));
      g_signal_stop_emission_by_name (view, "paste-clipboard");
      gdk_clipboard_read_text_async (clipboard, self->cancellable, pasted_text_cb, paste);
      return;
    }

  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
      gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_texture_async (clipboard, self->cancellable, pasted_texture_cb, g_object_ref (self));
}

/* Posts dropped on a window open in windows of their own (a post already
 * open comes forward), as Open… would; FALSE, doing nothing, unless every
 * file is a Markdown post. */
static gboolean
open_posts (BylineWindow *self,
            GList        *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || files == NULL)
    return FALSE;
  for (GList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name == NULL || !byline_site_is_markdown_name (name))
        return FALSE;
    }
  for (GList *l = files; l != NULL; l = l->next)
    byline_application_open_file (BYLINE_APPLICATION (app), l->data);
  return TRUE;
}

/* Dropped anywhere else in the window (the form, the header bar): posts
 * open. */
static gboolean
window_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                BylineWindow  *self)
{
  GList *list = files_of (value);
  gboolean opened = open_posts (self, list);

  g_list_free (list);
  return opened;
}

static gboolean
source_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                BylineWindow  *self)
{
  GList *list = files_of (value);
  GtkTextIter iter;
  int bx, by;

  g_assert (BYLINE_IS_WINDOW (self));

  if (list == NULL)
    return FALSE;
  if (open_posts (self, list))
    {
      g_list_free (list);
      return TRUE;
    }

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->source_view), &iter, bx, by);
  byline_window_insert_images (self, list, &iter);
  g_list_free (list);
  return TRUE;
}

static void
insert_image_response_cb (GtkNativeDialog *native,
                          int              response,
                          BylineWindow    *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      GList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_list_prepend (list, g_list_model_get_item (files, i - 1));
      if (list != NULL)
        byline_window_insert_images (self, list, NULL);
      g_list_free_full (list, g_object_unref);
    }

  g_object_unref (native);
  g_object_unref (self);
}

static void
byline_window_insert_image_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  GFile *file = byline_document_get_file (self->document);

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/*");

  native = gtk_file_chooser_native_new (_("Insert Image"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Insert"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), images);
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (insert_image_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Go to Heading (Shift+Ctrl+O, or the list button): the body's headings,
 * read by cmark-gfm in a worker thread each time the list opens, filtered
 * as you type; choosing one puts the cursor on it (the preview follows). */

static void
headings_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *text = task_data;

  g_task_return_pointer (task, byline_markdown_dup_headings (text, -1), (GDestroyNotify) g_ptr_array_unref);
}

static void
headings_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GPtrArray) headings = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkWidget *child;

  if (headings == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headings_list))) != NULL)
    gtk_list_box_remove (self->headings_list, child);

  for (guint i = 0; i < headings->len; i++)
    {
      BylineHeading *heading = g_ptr_array_index (headings, i);
      GtkWidget *label = gtk_label_new (heading->text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 6 + 14 * (int) (heading->level - 1));
      if (heading->level == 1)
        gtk_widget_add_css_class (label, "heading");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "byline-line", GUINT_TO_POINTER (heading->line));
      gtk_list_box_append (self->headings_list, row);
    }
  gtk_widget_set_visible (self->headings_empty, headings->len == 0);
}

static void
headings_popover_show_cb (BylineWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GTask) task = NULL;
  GtkTextIter start, end;

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->headings_entry), "");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  task = g_task_new (NULL, self->cancellable, headings_read_cb, g_object_ref (self));
  g_task_set_task_data (task, gtk_text_buffer_get_text (buffer, &start, &end, TRUE), g_free);
  g_task_run_in_thread (task, headings_thread);
  gtk_widget_grab_focus (GTK_WIDGET (self->headings_entry));
}

static gboolean
headings_filter (GtkListBoxRow *row,
                 gpointer       user_data)
{
  const char *wanted = user_data;
  GtkWidget *label = gtk_list_box_row_get_child (row);
  g_autofree char *text = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (label)), -1);

  return strstr (text, wanted) != NULL;
}

static void
headings_search_changed_cb (BylineWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->headings_entry));

  if (text[0] == '\0')
    gtk_list_box_set_filter_func (self->headings_list, NULL, NULL, NULL);
  else
    gtk_list_box_set_filter_func (self->headings_list, headings_filter, g_utf8_casefold (text, -1), g_free);
}

static void
headings_row_activated_cb (BylineWindow  *self,
                           GtkListBoxRow *row)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "byline-line"));
  GtkTextIter iter;

  gtk_popover_popdown (self->headings_popover);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line > 0 ? (int) line - 1 : 0);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0, TRUE, 0, 0.1);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* Enter in the search: the first heading shown. */
static void
headings_entry_activate_cb (BylineWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->headings_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
        {
          headings_row_activated_cb (self, GTK_LIST_BOX_ROW (child));
          return;
        }
    }
}

static void
byline_window_go_to_heading_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  gtk_menu_button_popup (self->headings_button);
}

/* F6 and Shift+F6: the next (previous) shown pane takes the focus. */
static void
byline_window_cycle_pane_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkWidget *panes[3];
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean backward = g_str_equal (action_name, "win.previous-pane");
  int current = -1;

  panes[0] = GTK_WIDGET (self->front_matter_form);
  panes[1] = GTK_WIDGET (self->source_view);
  panes[2] = self->preview != NULL ? GTK_WIDGET (self->preview) : NULL;

  for (int i = 0; i < 3; i++)
    if (panes[i] != NULL && focus != NULL && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
      current = i;

  for (int step = 1; step <= 3; step++)
    {
      int i = ((current < 0 ? (backward ? 3 : -1) : current) + (backward ? -step : step) + 6) % 3;
      GtkWidget *pane = panes[i];

      if (pane == NULL || !gtk_widget_is_drawable (pane))
        continue;
      if (gtk_widget_grab_focus (pane) || gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        return;
    }
}

/* Drafts: unsaved changes kept on disk                                     */

static guint
draft_delay_ms (void)
{
  const char *env = g_getenv ("BYLINE_DRAFT_DELAY_MS");

  /* Tests make it short. */
  return env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DRAFT_DELAY_MS;
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Not worth a message: the post itself is what the user saves. */
  if (!byline_draft_save_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not keep a draft: %s", error->message);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  BylineWindow *self = user_data;
  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GBytes) contents = NULL;

  self->draft_source = 0;
  if (file == NULL)
    file = self->untitled_key;
  if (file == NULL || !byline_document_get_modified (self->document) || self->draft != NULL)
    return G_SOURCE_REMOVE;

  /* Being saved: the save decides; a change after it comes back here. */
  if (byline_document_get_busy (self->document))
    return G_SOURCE_REMOVE;

  contents = byline_document_dup_contents (self->document);
  g_set_object (&self->draft_for, file);
  byline_draft_save_async (file, contents, self->cancellable, draft_saved_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* A change: the draft is written a moment later (once per moment however
 * much is typed). */
static void
document_changed_cb (BylineWindow *self)
{
  if (self->draft_source == 0 && byline_document_get_modified (self->document))
    self->draft_source = g_timeout_add (draft_delay_ms (), save_draft_cb, self);
}

/* The post's changes were saved or given up: no draft. */
static void
forget_draft (BylineWindow *self)
{
  GFile *file = byline_document_get_file (self->document);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_pointer (&self->draft, g_bytes_unref);
  gtk_info_bar_set_revealed (self->draft_bar, FALSE);
  if (file != NULL)
    byline_draft_delete (file);
  /* Saved under another name: the draft written for the old one goes too. */
  if (self->draft_for != NULL && (file == NULL || !g_file_equal (file, self->draft_for)))
    byline_draft_delete (self->draft_for);
  g_clear_object (&self->draft_for);
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GBytes) contents = NULL;

  draft = byline_draft_load_finish (result, NULL);
  if (draft == NULL || self->document == NULL || byline_document_get_file (self->document) == NULL ||
      !g_file_equal (G_FILE (object), byline_document_get_file (self->document)))
    return;

  /* The same as the file: nothing was lost. */
  contents = byline_document_dup_contents (self->document);
  if (g_bytes_equal (draft, contents))
    {
      byline_draft_delete (G_FILE (object));
      return;
    }

  g_clear_pointer (&self->draft, g_bytes_unref);
  self->draft = g_steal_pointer (&draft);
  gtk_info_bar_set_revealed (self->draft_bar, TRUE);
}

static void
byline_window_restore_draft_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GBytes) draft = g_steal_pointer (&self->draft);

  gtk_info_bar_set_revealed (self->draft_bar, FALSE);
  if (draft != NULL)
    byline_document_restore_draft (self->document, draft);
}

static void
byline_window_discard_draft_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  forget_draft (BYLINE_WINDOW (widget));
}

/* Loads the post again from its file, the cursor where it was. */
static void
reload (BylineWindow *self)
{
  GtkTextIter cursor;
  g_autoptr(GFile) file = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  if (byline_document_get_file (self->document) == NULL)
    return;

  file = g_object_ref (byline_document_get_file (self->document));
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->document), &cursor,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->document)));
  self->reload_line = gtk_text_iter_get_line (&cursor);
  self->reload_offset = gtk_text_iter_get_line_offset (&cursor);
  gtk_info_bar_set_revealed (self->disk_bar, FALSE);
  /* This session's changes are given up; an earlier session's draft still
   * on offer is not (none of this session's is written meanwhile): loading
   * offers it again. */
  if (self->draft == NULL)
    forget_draft (self);
  byline_window_load_file (self, file);
}

static void
byline_window_reload_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  reload (BYLINE_WINDOW (widget));
}

/* Another program changed the file: a post without changes of its own is
 * reloaded; one with changes keeps them and says so. */
static void
changed_on_disk_cb (BylineWindow *self)
{
  gboolean changed;

  g_assert (BYLINE_IS_WINDOW (self));

  changed = byline_document_get_changed_on_disk (self->document);
  if (changed && self->ready && self->load_error == NULL &&
      !byline_document_get_modified (self->document) &&
      !byline_document_get_busy (self->document))
    {
      reload (self);
      return;
    }

  gtk_info_bar_set_revealed (self->disk_bar, changed && byline_document_get_modified (self->document));
}

static void
disk_bar_response_cb (BylineWindow *self,
                      int           response,
                      GtkInfoBar   *bar)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (bar, FALSE);
}

static void
document_notify_cb (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  update_title (self);
  update_actions (self);
}

static void
show_panes_changed_cb (BylineWindow *self)
{
  update_panes (self);
}

/* Puts the cursor a third of the way down the view, once the view has its
 * size and GTK has measured its lines (until then it scrolls by estimates
 * of their heights, and lands a page or so off): at low priority, after
 * GTK's own layout work. */
static gboolean
scroll_to_cursor_idle_cb (gpointer user_data)
{
  g_autoptr(GtkTextView) view = user_data;

  if (gtk_widget_get_root (GTK_WIDGET (view)) != NULL)
    gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)),
                                  0.0, TRUE, 0.0, 0.3);
  return G_SOURCE_REMOVE;
}

static gboolean
scroll_to_cursor_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  if (gtk_widget_get_height (widget) <= 0)
    return G_SOURCE_CONTINUE;
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_cursor_idle_cb, g_object_ref (widget), NULL);
  return G_SOURCE_REMOVE;
}

/* A post opens where its cursor was when its window last closed, unless
 * the cursor has moved since it opened. */
static void
position_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint line = 0, column = 0;

  if (!byline_position_lookup_finish (result, &line, &column, NULL) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  buffer = GTK_TEXT_BUFFER (self->document);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (!gtk_text_iter_is_start (&iter) || gtk_text_buffer_get_has_selection (buffer) ||
      line >= (guint) gtk_text_buffer_get_line_count (buffer))
    return;

  /* a column past the line's end (the post changed since) ends there */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, (int) line, (int) column);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->source_view), scroll_to_cursor_tick_cb, NULL, NULL);
}

static void
position_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  /* a convenience: the window is gone, and nothing is lost but that */
  if (!byline_position_store_finish (result, &error))
    g_debug ("Could not keep where the cursor was: %s", error->message);
  g_application_release (app);
}

static void
store_position (BylineWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GFile *file = byline_document_get_file (self->document);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkTextIter iter;

  if (file == NULL || app == NULL || self->load_error != NULL || !byline_window_get_ready (self))
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  /* the app stays until the position is written */
  g_application_hold (G_APPLICATION (app));
  byline_position_store_async (file, (guint) gtk_text_iter_get_line (&iter),
                               (guint) gtk_text_iter_get_line_offset (&iter), NULL,
                               position_stored_cb, g_object_ref (app));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BylineDocument *document = BYLINE_DOCUMENT (object);
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  if (!byline_document_load_finish (document, result, &error))
    {
      g_autofree char *markup = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_free (self->load_error);
      self->load_error = g_strdup (error->message);
      markup = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, markup);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_ready (self, TRUE);
      update_title (self);
      return;
    }

  g_clear_object (&self->pending_file);
  g_clear_pointer (&self->load_error, g_free);
  add_to_recent (self);
  g_clear_pointer (&self->draft, g_bytes_unref);
  gtk_info_bar_set_revealed (self->draft_bar, FALSE);
  byline_draft_load_async (byline_document_get_file (self->document), self->cancellable,
                           draft_loaded_cb, g_object_ref (self));
  gtk_stack_set_visible_child_name (self->stack, "editor");
  set_ready (self, TRUE);
  update_title (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  if (self->reload_line >= 0)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->document), &iter,
                                               self->reload_line, self->reload_offset);
      gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->document), &iter);
      gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->document)),
                                    0.0, FALSE, 0, 0);
      self->reload_line = -1;
    }
  else
    byline_position_lookup_async (byline_document_get_file (self->document), self->cancellable,
                                  position_cb, g_object_ref (self));

  watch_post_shown (self);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      BylineWindow     *self)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (BYLINE_IS_WINDOW (self));

  if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "close-after-save"));
      byline_document_save_full_async (self->document, NULL, BYLINE_SAVE_OVERWRITE_CHANGES,
                                       self->cancellable, save_cb, g_object_ref (self));
    }
}

/* Saving found the file changed by another program since it was read (a
 * checkout, a sync, another editor): nothing was written; ask before
 * replacing that change. */
static void
show_conflict_dialog (BylineWindow *self,
                      gboolean      close_after_save)
{
  GtkWidget *dialog;

  g_assert (BYLINE_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Post Changed on Disk"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Another program changed “%s” after it was opened here. "
                                    "Saving replaces that version with yours."),
                                  byline_document_get_title (self->document));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "close-after-save", GINT_TO_POINTER (close_after_save));
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BylineDocument *document = BYLINE_DOCUMENT (object);
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean close_after_save;

  g_assert (BYLINE_IS_WINDOW (self));

  close_after_save = self->close_after_save;
  self->close_after_save = FALSE;

  if (!byline_document_save_finish (document, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        show_conflict_dialog (self, close_after_save);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  add_to_recent (self);
  forget_draft (self);

  if (close_after_save)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
save_to (BylineWindow *self,
         GFile        *file)
{
  g_assert (BYLINE_IS_WINDOW (self));
  g_assert (!file || G_IS_FILE (file));

  byline_document_save_async (self->document, file, self->cancellable,
                              save_cb, g_object_ref (self));
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     BylineWindow    *self)
{
  g_assert (GTK_IS_NATIVE_DIALOG (native));
  g_assert (BYLINE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        save_to (self, file);
    }
  else
    self->close_after_save = FALSE;

  /* GtkFileChooserNative is returned with a full reference. */
  g_object_unref (native);
  g_object_unref (self);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  BylineWindow *self = user_data;

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BylineWindow     *self)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (BYLINE_IS_WINDOW (self));

  if (g_strcmp0 (response, "discard") == 0)
    {
      forget_draft (self);
      /* Close once the dialog, transient for this window, is gone. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      if (byline_document_get_file (self->document) == NULL)
        save_as (self);
      else
        save_to (self, NULL);
    }
}

static void
show_close_dialog (BylineWindow *self)
{
  GtkWidget *dialog;

  g_assert (BYLINE_IS_WINDOW (self));

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                                  byline_document_get_title (self->document));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);

  self->close_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}


static void
save_as (BylineWindow *self)
{
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  GFile *file;

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_file_filter_set_name (markdown, _("Markdown Posts"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_mime_type (markdown, "text/x-markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");

  native = gtk_file_chooser_native_new (_("Save Post As"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);

  file = byline_document_get_file (self->document);
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), file, NULL);
    }
  else
    {
      g_autofree char *name = byline_window_suggest_file_name (self);

      if (self->folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), self->folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }

  g_signal_connect (native, "response", G_CALLBACK (save_as_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Actions */

static void
byline_window_save_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (byline_document_get_file (self->document) == NULL)
    save_as (self);
  else
    save_to (self, NULL);
}

static void
byline_window_save_as_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  save_as (BYLINE_WINDOW (widget));
}

/* The shortcuts window is built when first asked for, not with every
 * window (GtkApplication builds gtk/help-overlay.ui for each window it
 * adds: milliseconds of start-up for a window rarely opened). Once set,
 * the window's own show-help-overlay action shows it too. */
static void
byline_window_show_help_overlay_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/byline/Byline/byline-shortcuts.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_assert (GTK_IS_SHORTCUTS_WINDOW (overlay));
      byline_accessible_name_parts (GTK_WIDGET (overlay), GTK_TYPE_TOGGLE_BUTTON,
                                    "edit-find-symbolic", _("Search Shortcuts"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
byline_window_close_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* GtkWindow overrides */

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);

  if (!self->close_confirmed &&
      self->load_error == NULL &&
      byline_document_get_modified (self->document))
    {
      show_close_dialog (self);
      return TRUE;
    }

  store_position (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

/* Spell checking: the checker of the body, its language from
 * the front matter, Check Spelling (win.check-spelling) and the settings */
static void
spell_front_matter_cb (BylineWindow *self)
{
  BylineFrontMatter *front_matter;

  g_assert (BYLINE_IS_WINDOW (self));

  if (self->spell_checker == NULL || self->document == NULL)
    return;
  front_matter = byline_document_get_front_matter (self->document);
  byline_spell_checker_set_document_language (self->spell_checker,
                                              front_matter ? byline_spell_front_matter_language (front_matter) : NULL);
}

static void
spell_toast_dismissed_cb (BylineWindow *self,
                          AdwToast     *toast)
{
  if (self->spell_toast == toast)
    self->spell_toast = NULL;
}

static void
spell_language_note_cb (BylineWindow *self)
{
  const char *note = byline_spell_checker_get_language_note (self->spell_checker);
  g_autofree char *markup = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  /* About the post's own language (none installed at all is said in the
   * preferences); once per note, in one toast while the language is being
   * typed in the form */
  if (note == NULL || byline_spell_checker_get_document_language (self->spell_checker) == NULL ||
      g_strcmp0 (note, self->spell_note) == 0)
    return;

  g_free (self->spell_note);
  self->spell_note = g_strdup (note);
  markup = g_markup_escape_text (note, -1);
  if (self->spell_toast != NULL)
    adw_toast_set_title (self->spell_toast, markup);
  else
    {
      self->spell_toast = adw_toast_new (markup);
      g_signal_connect_object (self->spell_toast, "dismissed",
                               G_CALLBACK (spell_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
      adw_toast_overlay_add_toast (self->toast_overlay, self->spell_toast);
    }
}

/* The checker is made once the post is on screen (its dictionary loads in
 * a thread then): the first frame does without it. */
static void
setup_spell_checker (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (self->spell_checker != NULL)
    return;

  self->spell_checker = byline_spell_checker_new (self->source_view);
  g_settings_bind (self->settings, "spell-check", self->spell_checker, "enabled", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spell-language", self->spell_checker, "language", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->document, "notify::front-matter",
                           G_CALLBACK (spell_front_matter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spell_checker, "notify::language-note",
                           G_CALLBACK (spell_language_note_cb), self, G_CONNECT_SWAPPED);
  spell_front_matter_cb (self);
  /* the front matter's text rows: the same settings */
  byline_front_matter_form_set_spell_checker (self->front_matter_form, self->spell_checker);
}

static void
check_spelling_change_state_cb (GSimpleAction *action,
                                GVariant      *state,
                                gpointer       user_data)
{
  BylineWindow *self = user_data;

  g_assert (BYLINE_IS_WINDOW (self));

  g_settings_set_value (self->settings, "spell-check", state);
}

static void
spell_check_changed_cb (BylineWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "check-spelling");

  g_assert (BYLINE_IS_WINDOW (self));

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_settings_get_value (self->settings, "spell-check"));
}

/* win.check-spelling: the setting, from the start (F7, the menu) */
static void
add_check_spelling_action (BylineWindow *self)
{
  g_autoptr(GSimpleAction) action = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  action = g_simple_action_new_stateful ("check-spelling", NULL,
                                         g_settings_get_value (self->settings, "spell-check"));
  g_signal_connect_object (action, "change-state", G_CALLBACK (check_spelling_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  g_signal_connect_object (self->settings, "changed::spell-check",
                           G_CALLBACK (spell_check_changed_cb), self, G_CONNECT_SWAPPED);
}

/* GObject overrides */

static void
byline_window_constructed (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  g_autoptr(GFile) file = g_steal_pointer (&self->initial_file);

  G_OBJECT_CLASS (byline_window_parent_class)->constructed (object);

  /* The document: the file's, once loaded, or a new untitled post. */
  if (file != NULL)
    self->document = byline_document_new ();
  else if (self->initial_text != NULL)
    self->document = byline_document_new_untitled_with_text (self->initial_text);
  else
    self->document = byline_document_new_untitled ();
  g_clear_pointer (&self->initial_text, g_free);

  /* A new post's drafts go by a key of its own until it has a file. One
   * given at construction is that of a post an earlier session never saved:
   * its changes are still unsaved, and its draft goes once they are saved
   * or given up. */
  if (file == NULL && self->untitled_key != NULL)
    {
      g_set_object (&self->draft_for, self->untitled_key);
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->document), TRUE);
      show_message (self, _("This new post was never saved: Byline kept it for you."));
    }
  else if (file == NULL)
    self->untitled_key = byline_draft_new_untitled_key ();
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->document));
  {
    g_autoptr(GtkSourceIndenter) indenter = byline_markdown_indenter_new ();

    gtk_source_view_set_indenter (self->source_view, indenter);
  }
  tables_constructed (self);
  byline_front_matter_form_set_document (self->front_matter_form, self->document);
  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::busy",
                           G_CALLBACK (document_notify_cb), self, G_CONNECT_SWAPPED);
  /* After the buffer's own handler, which marks it modified. */
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->document, "notify::front-matter",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::changed-on-disk",
                           G_CALLBACK (changed_on_disk_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified",
                           G_CALLBACK (changed_on_disk_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
  view_constructed (self);
  add_check_spelling_action (self);

  if (file != NULL)
    {
      byline_window_load_file (self, file);
      return;
    }

  set_ready (self, TRUE);
  update_title (self);
  watch_post_shown (self);
}

static void
byline_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_set_object (&self->initial_file, g_value_get_object (value));
      break;

    case PROP_TEXT:
      g_free (self->initial_text);
      self->initial_text = g_value_dup_string (value);
      break;

    case PROP_FOLDER:
      g_set_object (&self->folder, g_value_get_object (value));
      break;

    case PROP_DRAFT_KEY:
      g_set_object (&self->untitled_key, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_pointer (&self->draft, g_bytes_unref);
  g_clear_object (&self->search);

  unwatch_post_shown (self);
  g_clear_handle_id (&self->finish_startup_source, g_source_remove);
  view_dispose (self);
  post_link_dispose (self);
  g_clear_object (&self->table_editor);

  if (self->close_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->close_dialog), (gpointer *) &self->close_dialog);
      self->close_dialog = NULL;
    }

  /* The settings actions can outlive the window's action group; remove
   * them so that they stop notifying it. */
  for (guint i = 0; i < G_N_ELEMENTS (pane_keys); i++)
    g_action_map_remove_action (G_ACTION_MAP (self), pane_keys[i]);
  g_action_map_remove_action (G_ACTION_MAP (self), "check-spelling");
  g_clear_object (&self->spell_checker);

  gtk_widget_dispose_template (GTK_WIDGET (object), BYLINE_TYPE_WINDOW);
  self->preview = NULL;

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->initial_file);
  g_clear_object (&self->folder);
  g_clear_object (&self->untitled_key);
  g_clear_pointer (&self->initial_text, g_free);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_finalize (GObject *object)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  g_clear_pointer (&self->load_error, g_free);
  g_clear_pointer (&self->last_message, g_free);
  g_clear_pointer (&self->spell_note, g_free);

  G_OBJECT_CLASS (byline_window_parent_class)->finalize (object);
}

/* The post switcher: defined at the end */
static void post_switcher_init (BylineWindow *self);
static void byline_window_open_site_post_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter);

/* Insert Link to Post: defined at the end */
static void post_link_init (BylineWindow *self);
static void byline_window_insert_post_link_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);

/* The preview: defined at the end */
static void byline_window_export_html_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);
static void byline_window_copy_html_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = byline_window_constructed;
  object_class->set_property = byline_window_set_property;
  object_class->dispose = byline_window_dispose;
  object_class->finalize = byline_window_finalize;

  window_class->close_request = byline_window_close_request;

  /* Referencing the resource links it in from the static library; its
   * constructor registers it. */
  if (byline_get_resource () == NULL)
    g_error ("Byline's resources are missing");

  g_type_ensure (BYLINE_TYPE_FRONT_MATTER_FORM);
  g_type_ensure (BYLINE_TYPE_POST_SWITCHER);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  /* The file to open, or NULL for a new untitled post. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A new untitled post's text (from a template), or NULL for Byline's own. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The draft key of a new post an earlier session never saved (its text
   * is "text"), or NULL. */
  properties[PROP_DRAFT_KEY] =
    g_param_spec_object ("draft-key", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The folder where Save As starts for a new post, or NULL. */
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, front_matter_form);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, source_scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, source_pane);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_count);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, replace_entry);
  gtk_widget_class_bind_template_callback (widget_class, replace_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, headings_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, headings_popover);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, headings_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, headings_list);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, headings_empty);
  gtk_widget_class_bind_template_callback (widget_class, headings_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, headings_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, headings_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, headings_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, disk_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, draft_bar);
  gtk_widget_class_bind_template_callback (widget_class, disk_bar_response_cb);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, post_switcher);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, byline_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, byline_window_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, byline_window_close_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, byline_window_reload_action);
  gtk_widget_class_install_action (widget_class, "win.restore-draft", NULL, byline_window_restore_draft_action);
  gtk_widget_class_install_action (widget_class, "win.discard-draft", NULL, byline_window_discard_draft_action);
  gtk_widget_class_install_action (widget_class, "win.format-bold", NULL, byline_window_format_action);
  gtk_widget_class_install_action (widget_class, "win.format-italic", NULL, byline_window_format_action);
  gtk_widget_class_install_action (widget_class, "win.format-code", NULL, byline_window_format_action);
  gtk_widget_class_install_action (widget_class, "win.insert-link", NULL, byline_window_insert_link_action);
  gtk_widget_class_install_action (widget_class, "win.insert-image", NULL, byline_window_insert_image_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-heading", NULL, byline_window_go_to_heading_action);
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, byline_window_cycle_pane_action);
  gtk_widget_class_install_action (widget_class, "win.previous-pane", NULL, byline_window_cycle_pane_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, byline_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, byline_window_find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, byline_window_find_previous_action);
  gtk_widget_class_install_action (widget_class, "win.find-replace", NULL, byline_window_find_replace_action);
  gtk_widget_class_install_action (widget_class, "win.replace", NULL, byline_window_replace_action);
  gtk_widget_class_install_action (widget_class, "win.replace-all", NULL, byline_window_replace_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   byline_window_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL,
                                   byline_window_export_html_action);
  gtk_widget_class_install_action (widget_class, "win.copy-html", NULL,
                                   byline_window_copy_html_action);
  view_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.open-site-post", NULL,
                                   byline_window_open_site_post_action);
  gtk_widget_class_install_action (widget_class, "win.insert-post-link", NULL,
                                   byline_window_insert_post_link_action);
  gtk_widget_class_install_action (widget_class, "win.format-table", NULL, byline_window_table_action);
  gtk_widget_class_install_action (widget_class, "win.insert-table", NULL, byline_window_table_action);
}

/* The arrow of the Open button and the find bar's close button, which
 * libadwaita and GTK make without an accessible name. */
static void
name_inner_parts (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  byline_accessible_name_parts (GTK_WIDGET (self->open_button), GTK_TYPE_MENU_BUTTON, NULL,
                                _("Other Posts"));
  byline_accessible_name_parts (GTK_WIDGET (self->search_bar), GTK_TYPE_BUTTON,
                                "window-close-symbolic", _("Close"));
  byline_accessible_name_new_parts (GTK_WIDGET (self->toast_overlay), GTK_TYPE_BUTTON,
                                    "window-close-symbolic", _("Dismiss"));
}

static void
byline_window_init (BylineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_inner_parts (self);
  post_switcher_init (self);
  post_link_init (self);

  self->reload_line = -1;
  self->cancellable = g_cancellable_new ();

  /* Markdown formatting keys belong to the body, not to the form's fields. */
  {
    static const struct { const char *accel, *action; } formats[] = {
      { "<Control>b", "win.format-bold" },
      { "<Control>i", "win.format-italic" },
      { "<Control><Shift>c", "win.format-code" },
      { "<Control>k", "win.insert-link" },
    };
    GtkEventController *controller = gtk_shortcut_controller_new ();

    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_shortcut_trigger_parse_string (formats[i].accel),
                                                              gtk_named_action_new (formats[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self->source_view), controller);
  }

  /* Images dropped on the body (before the text view's own drop target,
   * which would insert their paths as text). */
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop), GTK_PHASE_CAPTURE);
    g_signal_connect_object (drop, "drop", G_CALLBACK (source_drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (drop));
  }
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (window_drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  g_signal_connect_object (self->source_view, "paste-clipboard", G_CALLBACK (source_paste_cb), self, 0);
  self->settings = g_settings_new (APP_ID);

  /* Layout: panes shown in every window alike; sizes read when a window
   * opens and written as they change. */
  for (guint i = 0; i < G_N_ELEMENTS (pane_keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, pane_keys[i]);
      g_autofree char *signal = g_strconcat ("changed::", pane_keys[i], NULL);

      g_action_map_add_action (G_ACTION_MAP (self), action);
      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (show_panes_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_settings_bind (self->settings, "show-front-matter", self->front_matter_form, "visible",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-source", self->source_pane, "visible",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-preview", self->preview_bin, "visible",
                   G_SETTINGS_BIND_GET);
  update_panes (self);

  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "front-matter-width", self->outer_paned, "position",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind_with_mapping (self->settings, "preview-position", self->inner_paned, "position",
                                G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES,
                                get_preview_position_mapping,
                                set_preview_position_mapping,
                                self, NULL);
  view_init (self);
}

/* Public API */

BylineWindow *
byline_window_new (BylineApplication *application)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);

  return g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

BylineWindow *
byline_window_new_with_text (BylineApplication *application,
                             const char        *text,
                             GFile             *folder)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  return g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       "text", text,
                       "folder", folder,
                       NULL);
}

BylineWindow *
byline_window_new_recovered (BylineApplication *application,
                             GFile             *draft_key,
                             const char        *text)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (draft_key), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       "text", text,
                       "draft-key", draft_key,
                       NULL);
}

BylineWindow *
byline_window_new_for_file (BylineApplication *application,
                            GFile             *file)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       "file", file,
                       NULL);
}

void
byline_window_load_file (BylineWindow *self,
                         GFile        *file)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  unwatch_post_shown (self);
  g_set_object (&self->pending_file, file);
  g_clear_pointer (&self->load_error, g_free);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  set_ready (self, FALSE);
  update_title (self);

  byline_document_load_async (self->document, file, self->cancellable,
                              load_cb, g_object_ref (self));
}

GFile *
byline_window_get_file (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  if (self->pending_file != NULL)
    return self->pending_file;

  return byline_document_get_file (self->document);
}

const char *
byline_window_get_load_error (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->load_error;
}

gboolean
byline_window_is_reusable (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  if (self->load_error != NULL)
    return TRUE;

  return self->ready &&
         self->pending_file == NULL &&
         byline_document_get_file (self->document) == NULL &&
         !byline_document_get_modified (self->document) &&
         !byline_document_get_busy (self->document);
}

gboolean
byline_window_get_ready (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return self->ready;
}

BylineDocument *
byline_window_get_document (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->document;
}

GtkSourceView *
byline_window_get_source_view (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->source_view;
}

BylinePreview *
byline_window_get_preview (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  ensure_preview (self);

  return self->preview;
}

BylineFrontMatterForm *
byline_window_get_front_matter_form (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->front_matter_form;
}

char *
byline_window_suggest_file_name (BylineWindow *self)
{
  BylineFrontMatter *front_matter;
  g_autofree char *folder = NULL;
  const char *title;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  title = byline_document_get_title (self->document);
  if (self->folder != NULL)
    folder = g_file_get_basename (self->folder);
  front_matter = byline_document_get_front_matter (self->document);

  /* Jekyll's _posts/ holds YYYY-MM-DD-title.md: the post's date, else today */
  if (g_strcmp0 (folder, "_posts") == 0)
    {
      BylineNode *node = front_matter != NULL ? byline_front_matter_lookup_dotted (front_matter, "date") : NULL;
      BylineValueType type = node != NULL ? byline_node_get_value_type (node) : BYLINE_VALUE_NULL;
      g_autoptr(GDateTime) date = NULL;

      if (type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME)
        date = byline_node_dup_datetime (node);
      return byline_template_jekyll_file_name_for (title, date);
    }
  return byline_template_file_name_for (title);
}

void
byline_window_show_message (BylineWindow *self,
                            const char   *message)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  show_message (self, message);
}

const char *
byline_window_get_last_message (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->last_message;
}

/* The preview: "Export HTML…" is the preview's own action,
 * reached without linking to the preview module. */
static void
byline_window_export_html_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  ensure_preview (self);
  if (self->preview != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->preview), "preview.export-html", NULL);
}

/* Copy HTML: the body's HTML on the clipboard, to paste into a CMS or a
 * mail: as HTML (a rich text editor shows it formatted) and as its source
 * (a plain text field, an HTML editor). Rendered in a worker thread. */
static void
copy_html_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GBytes *contents = task_data;
  gsize len = 0;
  const char *data = g_bytes_get_data (contents, &len);
  g_autofree char *text = g_strndup (data, len);
  BylineMarkdownFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "flags"));

  g_task_return_pointer (task, byline_markdown_render_fragment (text, len, flags), g_free);
}

static void
copy_html_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autofree char *html = g_task_propagate_pointer (G_TASK (result), NULL);
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (html == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  bytes = g_bytes_new (html, strlen (html));
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, html);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  show_message (self, _("The post’s HTML is on the clipboard"));
}

static void
byline_window_copy_html_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, copy_html_done_cb, g_object_ref (self));
  BylineMarkdownFlags flags = BYLINE_MARKDOWN_DEFAULT;

  if (g_settings_get_boolean (self->settings, "smart-punctuation"))
    flags |= BYLINE_MARKDOWN_SMART;
  if (g_settings_get_boolean (self->settings, "allow-raw-html"))
    flags |= BYLINE_MARKDOWN_RAW_HTML;
  g_object_set_data (G_OBJECT (task), "flags", GUINT_TO_POINTER (flags));
  g_task_set_task_data (task, byline_document_dup_contents (self->document), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, copy_html_thread);
}

/* ------------------------------------------------------------------------ */
/* Printing, zoom, fullscreen and the word count                            */
/* ------------------------------------------------------------------------ */

/* Zoom: the Markdown source's font and the preview's page together, in
 * steps of 10 % from 50 % to 300 %, the same in every window (the "zoom"
 * setting). The other panes keep the desktop's size. */
#define ZOOM_MIN   0.5
#define ZOOM_MAX   3.0
#define ZOOM_STEP  0.1

/* How long after the last change the body's words are counted again, and
 * after a change of selection the selection's. */
#define COUNT_DELAY_MS            400
#define SELECTION_COUNT_DELAY_MS  100

/* Hugo's reading time, as the preview's header shows it. */
#define WORDS_PER_MINUTE  213

static double
zoom_get (BylineWindow *self)
{
  return CLAMP (g_settings_get_double (self->settings, "zoom"), ZOOM_MIN, ZOOM_MAX);
}

/* @steps of ZOOM_STEP from the current zoom, rounded to a step and
 * clamped. */
static void
zoom_by (BylineWindow *self,
         int           steps)
{
  /* (Positive: adding ½ and truncating rounds.) */
  double zoom = ((int) (zoom_get (self) / ZOOM_STEP + 0.5) + steps) * ZOOM_STEP;

  g_assert (BYLINE_IS_WINDOW (self));

  g_settings_set_double (self->settings, "zoom", CLAMP (zoom, ZOOM_MIN, ZOOM_MAX));
}

static void
apply_zoom (BylineWindow *self)
{
  double zoom = zoom_get (self);
  int percent = (int) (zoom * 100 + 0.5);
  g_autofree char *css = NULL;
  g_autofree char *label = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  /* The chosen font's size, or the size the source view would have had,
   * times the zoom (changed for the editor font) */
  css = byline_editor_font_to_css (byline_editor_font_get_font_desc (self->editor_font), zoom);
  gtk_css_provider_load_from_data (self->zoom_provider, css, -1);
  if (self->preview != NULL)
    g_object_set (self->preview, "zoom-level", zoom, NULL);

  /* Translators: the zoom in the main menu, e.g. "150%" */
  label = g_strdup_printf (_("%d%%"), percent);
  gtk_button_set_label (GTK_BUTTON (self->zoom_reset_button), label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", percent != 100);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", zoom < ZOOM_MAX - ZOOM_STEP / 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > ZOOM_MIN + ZOOM_STEP / 2);
}

static void
zoom_changed_cb (BylineWindow *self)
{
  apply_zoom (self);
}

/* The editor font: the source's font changed (the zoom did not) */
static void
editor_font_changed_cb (BylineWindow *self)
{
  g_autofree char *css = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  css = byline_editor_font_to_css (byline_editor_font_get_font_desc (self->editor_font), zoom_get (self));
  gtk_css_provider_load_from_data (self->zoom_provider, css, -1);
}

static void
byline_window_zoom_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom_by (self, 1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom_by (self, -1);
  else
    g_settings_set_double (self->settings, "zoom", 1.0);
}

/* Ctrl+scroll over the source or the preview: up zooms in. A wheel's
 * click is one step; a touchpad's pixels add up to steps. */
static gboolean
zoom_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                BylineWindow             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  g_assert (BYLINE_IS_WINDOW (self));

  if ((state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) != GDK_CONTROL_MASK)
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    dy /= 20;
  self->zoom_scroll += dy;
  if (self->zoom_scroll <= -1 || self->zoom_scroll >= 1)
    {
      int steps = (int) self->zoom_scroll;

      self->zoom_scroll -= steps;
      zoom_by (self, -steps);
    }

  return TRUE;
}

static void
add_zoom_scroll (BylineWindow *self,
                 GtkWidget    *widget)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  g_assert (BYLINE_IS_WINDOW (self));

  /* Before the scrolled window (or the web view) scrolls. */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (zoom_scroll_cb), self, 0);
  gtk_widget_add_controller (widget, scroll);
}

static GtkWidget *
zoom_button_new (const char *icon_name,
                 const char *action_name,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  return button;
}

/* − 100 % + at the top of the main menu, as in GNOME Text Editor. */
static void
add_zoom_control (BylineWindow *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->primary_menu_button);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g_assert (BYLINE_IS_WINDOW (self));
  g_assert (GTK_IS_POPOVER_MENU (popover));

  gtk_widget_add_css_class (box, "byline-zoom");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zoom"),
                                  -1);
  gtk_box_append (GTK_BOX (box), zoom_button_new ("zoom-out-symbolic", "win.zoom-out", _("Zoom Out")));
  self->zoom_reset_button = gtk_button_new_with_label ("100%");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->zoom_reset_button), "win.zoom-reset");
  gtk_widget_set_tooltip_text (self->zoom_reset_button, _("Reset Zoom"));
  gtk_widget_add_css_class (self->zoom_reset_button, "flat");
  gtk_widget_add_css_class (self->zoom_reset_button, "numeric");
  gtk_widget_set_hexpand (self->zoom_reset_button, TRUE);
  gtk_box_append (GTK_BOX (box), self->zoom_reset_button);
  gtk_box_append (GTK_BOX (box), zoom_button_new ("zoom-in-symbolic", "win.zoom-in", _("Zoom In")));
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), box, "zoom");
}

/* Print…: the preview prints the post (WebKit and GTK's print dialog). */
/* Show in Files: the post selected in the file manager's window of its
 * folder (org.freedesktop.FileManager1, as Files and others provide), else
 * the folder opened by the desktop's default for folders. */
static void
folder_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not show the post’s folder: %s"), error->message);

      show_message (self, message);
    }
}

static void
open_post_folder (BylineWindow *self)
{
  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (file == NULL || (folder = g_file_get_parent (file)) == NULL)
    return;
  uri = g_file_get_uri (folder);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           folder_launched_cb, g_object_ref (self));
}

static void
show_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);

  if (reply != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("No file manager to show the post: %s", error->message);
  open_post_folder (self);
}

static void
byline_window_show_in_files_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GFile *file = byline_document_get_file (self->document);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GDBusConnection *bus = app != NULL ? g_application_get_dbus_connection (app) : NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  uris[0] = uri;
  if (bus == NULL)
    {
      open_post_folder (self);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, show_items_cb, g_object_ref (self));
}

/* Ctrl+Shift+Y from anywhere in the window: the front matter's text, or
 * the form again; a hidden form pane comes back showing the text. (In the
 * form, its own shortcut does the same.) */
static void
byline_window_front_matter_text_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  gboolean show_text = FALSE;

  g_object_get (self->front_matter_form, "show-yaml", &show_text, NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->front_matter_form)))
    {
      g_settings_set_boolean (self->settings, "show-front-matter", TRUE);
      show_text = FALSE;
    }
  g_object_set (self->front_matter_form, "show-yaml", !show_text, NULL);
}

static void
byline_window_print_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (self->preview != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->preview), "preview.print", NULL);
}

/* The preview came (or failed): it can print, and takes the zoom. */
static void
preview_bin_child_cb (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", self->preview != NULL);
  if (self->preview != NULL)
    {
      g_object_set (self->preview, "zoom-level", zoom_get (self), NULL);
      add_zoom_scroll (self, GTK_WIDGET (self->preview_bin));
      g_signal_handlers_disconnect_by_func (self->preview_bin, preview_bin_child_cb, self);
    }
}

/* The word count: "1,234 words · 6 min read" at the bottom of the source,
 * or "12 of 1,234 words" for a selection. Counted as the preview's reading
 * time counts (byline_markdown_count_words()), in a worker thread a moment
 * after the last change, so that typing in a long post never waits for
 * it; the text is copied on the main thread (a selection's alone when only
 * the selection changed). */

typedef struct
{
  char     *body;        /* NULL: the body did not change */
  char     *selection;   /* NULL: no selection */
  gboolean  has_body;
} CountJob;

typedef struct
{
  guint    n_words;
  guint    n_selected;
  gboolean has_body;
  gboolean has_selection;
} CountResult;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->body);
  g_free (job->selection);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  CountResult *result = g_new0 (CountResult, 1);

  if (job->body != NULL)
    {
      result->has_body = TRUE;
      result->n_words = byline_markdown_count_words (job->body, -1);
    }
  if (job->selection != NULL)
    {
      result->has_selection = TRUE;
      result->n_selected = byline_markdown_count_words (job->selection, -1);
    }
  g_task_return_pointer (task, result, g_free);
}

static void
update_word_count_label (BylineWindow *self,
                         gboolean      has_selection)
{
  g_autofree char *text = NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  if (!self->words_known)
    return;

  if (has_selection)
    /* Translators: words selected of all the words in the body, e.g. "12
     * of 1,234 words" (the plural is that of the second number). %'u puts
     * in the locale's thousands separators. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u word", "%'u of %'u words", self->n_words),
                            self->n_selected_words, self->n_words);
  else if (self->n_words == 0)
    text = g_strdup (_("No words"));
  else
    {
      guint minutes = MAX (1, (self->n_words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
      /* Translators: the words in the body, e.g. "1,234 words". %'u puts in
       * the locale's thousands separators. */
      g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u word", "%'u words", self->n_words),
                                                self->n_words);
      /* (The preview header's reading time.) */
      g_autofree char *reading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read",
                                                               "%u min read", minutes), minutes);

      /* Translators: the word count and the reading time, e.g. "1,234 words · 6 min read" */
      text = g_strdup_printf (_("%s · %s"), words, reading);
    }

  self->selection_shown = !!has_selection;
  if (g_strcmp0 (gtk_label_get_label (self->word_count_label), text) != 0)
    gtk_label_set_label (self->word_count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->word_count_label), TRUE);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BylineWindow) self = g_weak_ref_get (weak);
  g_autofree CountResult *counted = g_task_propagate_pointer (G_TASK (result), NULL);

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Cancelled (a newer count is coming), or the window is gone. */
  if (counted == NULL || self == NULL)
    return;

  self->counting_body = FALSE;
  if (counted->has_body)
    {
      self->n_words = counted->n_words;
      self->words_known = TRUE;
    }
  self->n_selected_words = counted->n_selected;
  update_word_count_label (self, counted->has_selection);
}

static gboolean
count_cb (gpointer user_data)
{
  BylineWindow *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;
  CountJob *job;
  GtkTextIter start, end;

  g_assert (BYLINE_IS_WINDOW (self));

  self->count_source = 0;

  /* A count still running is stale; one of the body is done again. */
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->counting_body)
    self->body_dirty = TRUE;

  job = g_new0 (CountJob, 1);
  if (self->body_dirty || !self->words_known)
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      job->body = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      self->body_dirty = FALSE;
      self->counting_body = TRUE;
    }
  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    job->selection = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  /* The worker has copies of the text: the window need not wait for it
   * to go (a weak reference). */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->count_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->count_cancellable, count_done_cb, weak);
  g_task_set_source_tag (task, count_cb);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_count (BylineWindow *self,
                guint         delay_ms)
{
  g_assert (BYLINE_IS_WINDOW (self));

  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (delay_ms, count_cb, self);
}

/* Typing: counted again once it pauses. */
static void
count_buffer_changed_cb (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  self->body_dirty = TRUE;
  schedule_count (self, COUNT_DELAY_MS);
}

static void
count_mark_set_cb (BylineWindow  *self,
                   GtkTextIter   *location,
                   GtkTextMark   *mark,
                   GtkTextBuffer *buffer)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  /* Moving the cursor with nothing selected, as before, changes nothing. */
  if (!gtk_text_buffer_get_has_selection (buffer) && !self->selection_shown)
    return;
  /* A change of the body pending: the selection's count comes with it. */
  if (self->count_source != 0 && self->body_dirty)
    return;
  schedule_count (self, SELECTION_COUNT_DELAY_MS);
}

static void
view_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, word_count_label);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, byline_window_print_action);
  gtk_widget_class_install_action (widget_class, "win.show-in-files", NULL,
                                   byline_window_show_in_files_action);
  gtk_widget_class_install_action (widget_class, "win.front-matter-text", NULL,
                                   byline_window_front_matter_text_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, byline_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, byline_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, byline_window_zoom_action);
  /* F11; stateful, following the window ("Leave Fullscreen" in the header
   * bar shows while it is). */
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
}

static void
view_init (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
  g_signal_connect_object (self->preview_bin, "notify::child",
                           G_CALLBACK (preview_bin_child_cb), self, G_CONNECT_SWAPPED);

  self->zoom_provider = gtk_css_provider_new ();
  /* (gtk_style_context_add_provider() is how a provider applies to one
   * widget alone in GTK 4.8.) */
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->source_view)),
                                  GTK_STYLE_PROVIDER (self->zoom_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The editor font: zoom multiplies the chosen font's size */
  self->editor_font = byline_editor_font_new (self->settings);
  g_signal_connect_object (self->editor_font, "notify::font-desc",
                           G_CALLBACK (editor_font_changed_cb), self, G_CONNECT_SWAPPED);
  /* The editor preferences: line numbers and the current line */
  g_settings_bind (self->settings, "show-line-numbers", self->source_view, "show-line-numbers",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "highlight-current-line", self->source_view, "highlight-current-line",
                   G_SETTINGS_BIND_GET);
  add_zoom_control (self);
  add_zoom_scroll (self, GTK_WIDGET (self->source_view));
  g_signal_connect_object (self->settings, "changed::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  apply_zoom (self);

  /* The end of the body can scroll clear of the word count. */
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->source_view), 40);
}

static void
view_constructed (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (count_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "mark-set",
                           G_CALLBACK (count_mark_set_cb), self, G_CONNECT_SWAPPED);
  self->body_dirty = TRUE;
  schedule_count (self, 0);
}

static void
view_dispose (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->zoom_provider != NULL && self->source_view != NULL)
    gtk_style_context_remove_provider (gtk_widget_get_style_context (GTK_WIDGET (self->source_view)),
                                       GTK_STYLE_PROVIDER (self->zoom_provider));
  g_clear_object (&self->zoom_provider);
  g_clear_object (&self->editor_font);
}

/* The post switcher: the Open button's arrow lists the other
 * posts of the site, from the scan the front matter form made (the same
 * result, handed over when it arrives). */
static void
post_switcher_update (BylineWindow *self)
{
  BylineSiteIndex *index = byline_front_matter_form_get_site_index (self->front_matter_form);
  GFile *file = self->document != NULL ? byline_document_get_file (self->document) : NULL;

  g_assert (BYLINE_IS_WINDOW (self));

  byline_post_switcher_set_site_index (self->post_switcher, index);
  byline_post_switcher_set_current_file (self->post_switcher, file);
  /* the form scans once the post has a file; a new post has none */
  byline_post_switcher_set_scanning (self->post_switcher,
                                     file != NULL || self->pending_file != NULL);
}

static void
post_switcher_init (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  g_signal_connect_object (self->front_matter_form, "notify::site-index",
                           G_CALLBACK (post_switcher_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->post_switcher, "show",
                           G_CALLBACK (post_switcher_update), self, G_CONNECT_SWAPPED);
}

/* Ctrl+Alt+O */
static void
byline_window_open_site_post_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  adw_split_button_popup (self->open_button);
}

/* Spell checking */
BylineSpellChecker *
byline_window_get_spell_checker (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->spell_checker;
}

/* Insert Link to Post (Ctrl+Alt+K): the site's posts in a list like the
 * Open button's, at the cursor; the one chosen is linked there, written as
 * the site's generator resolves it (byline-site-link.h). */

/* Whether the site's scan found a post other than this one. */
static gboolean
has_other_posts (BylineWindow *self)
{
  BylineSiteIndex *index = byline_front_matter_form_get_site_index (self->front_matter_form);
  GFile *file = self->document != NULL ? byline_document_get_file (self->document) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  GPtrArray *posts;

  g_assert (BYLINE_IS_WINDOW (self));

  if (index == NULL)
    return FALSE;

  posts = byline_site_index_get_posts (index);
  for (guint i = 0; i < posts->len; i++)
    {
      if (g_strcmp0 (byline_site_post_get_path (g_ptr_array_index (posts, i)), path) != 0)
        return TRUE;
    }
  return FALSE;
}

static void
post_link_update (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.insert-post-link", has_other_posts (self));
}

/* Whether the post of this window is a draft, as the site's last scan saw
 * it. */
static gboolean
is_draft_post (BylineWindow    *self,
               BylineSiteIndex *index)
{
  GFile *file = byline_document_get_file (self->document);
  GPtrArray *posts = index != NULL ? byline_site_index_get_posts (index) : NULL;

  for (guint i = 0; file != NULL && posts != NULL && i < posts->len; i++)
    {
      g_autoptr(GFile) post_file = byline_site_post_dup_file (g_ptr_array_index (posts, i));

      if (g_file_equal (post_file, file))
        return byline_site_post_is_draft (g_ptr_array_index (posts, i));
    }
  return FALSE;
}

/* The link to @post at the cursor, in place of the selection (which
 * becomes its text), as one undo step; the cursor after it. A link from a
 * published post to a draft is made, with a word on what it means: Hugo
 * and Jekyll stop building the site at a link to a page they leave out. */
static void
post_chosen_cb (BylineWindow   *self,
                BylineSitePost *post)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  BylineSiteIndex *index = byline_front_matter_form_get_site_index (self->front_matter_form);
  BylineSiteConfig *config = index != NULL ? byline_site_index_get_config (index) : NULL;
  g_autoptr(GFile) target = byline_site_post_dup_file (post);
  g_autofree char *selected = NULL;
  g_autofree char *link = NULL;
  GtkTextIter start, end;
  int offset;

  g_assert (BYLINE_IS_WINDOW (self));
  g_assert (BYLINE_IS_SITE_POST (post));

  if (!gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)))
    return;

  /* the selection as it was when the list opened (the list's search took
   * the primary selection, which unselected the text) */
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  if (!gtk_text_iter_equal (&start, &end))
    selected = gtk_text_iter_get_slice (&start, &end);
  link = byline_site_link_for_post (config, byline_document_get_file (self->document), target,
                                    selected != NULL ? selected : byline_site_post_get_title (post));
  if (link == NULL)
    {
      show_message (self, _("Save this post to link to the other posts beside it"));
      return;
    }

  /* GTK 4.8's undo history joins an insertion made in one piece to the
   * text typed just before it (one Ctrl+Z would take both away): the link
   * goes in as two pieces, all but its "[" and then the "[" before them,
   * which the history keeps as an undo step of its own. */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  offset = gtk_text_iter_get_offset (&start);
  gtk_text_buffer_insert (buffer, &start, link + 1, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_insert (buffer, &start, link, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset + (int) g_utf8_strlen (link, -1));
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));

  if (byline_site_post_is_draft (post) && !is_draft_post (self, index))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is a draft: until it is published, the site builds with this link only when drafts are built too"),
                         byline_site_post_get_title (post));

      show_message (self, message);
    }
}

/* Closed (Escape, a click elsewhere, or a post chosen): back to typing,
 * the selection as it was. */
static void
link_picker_closed_cb (BylineWindow *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end;

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  gtk_text_buffer_select_range (buffer, &end, &start);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->source_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* Where the list points: the cursor, when the body is on screen and the
 * cursor in its visible part; else the top of the body. */
static void
point_at_cursor (BylineWindow *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  GdkRectangle rect;
  GdkRectangle visible;
  GtkTextIter iter;

  g_assert (BYLINE_IS_WINDOW (self));

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_get_visible_rect (view, &visible);

  if (rect.y + rect.height > visible.y && rect.y < visible.y + visible.height &&
      rect.x >= visible.x && rect.x <= visible.x + visible.width)
    {
      gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y,
                                             &rect.x, &rect.y);
      rect.width = MAX (rect.width, 1);
    }
  else
    rect = (GdkRectangle) { width / 2, 0, 1, MIN (height, 24) };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->link_picker), &rect);
}

/* The body scrolled, or the window was resized (the lines wrap again):
 * an open list keeps pointing at the cursor. */
static void
repoint_link_picker (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (self->link_picker != NULL && gtk_widget_get_visible (GTK_WIDGET (self->link_picker)) &&
      gtk_widget_get_parent (GTK_WIDGET (self->link_picker)) == GTK_WIDGET (self->source_view))
    point_at_cursor (self);
}

static void
byline_window_insert_post_link_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkWidget *picker = GTK_WIDGET (self->link_picker);
  GtkWidget *anchor;

  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end;

  if (gtk_widget_get_visible (picker) || !has_other_posts (self))
    return;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (self->link_start == NULL)
    {
      self->link_start = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE));
      self->link_end = g_object_ref (gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE));
    }
  else
    {
      gtk_text_buffer_move_mark (buffer, self->link_start, &start);
      gtk_text_buffer_move_mark (buffer, self->link_end, &end);
    }

  byline_post_switcher_set_site_index (self->link_picker,
                                       byline_front_matter_form_get_site_index (self->front_matter_form));
  byline_post_switcher_set_current_file (self->link_picker, byline_document_get_file (self->document));

  /* at the cursor when the body is shown; else below the title */
  anchor = gtk_widget_get_mapped (GTK_WIDGET (self->source_view))
           ? GTK_WIDGET (self->source_view) : GTK_WIDGET (self->window_title);
  if (gtk_widget_get_parent (picker) != anchor)
    {
      if (gtk_widget_get_parent (picker) != NULL)
        gtk_widget_unparent (picker);
      gtk_widget_set_parent (picker, anchor);
    }

  if (anchor == GTK_WIDGET (self->source_view))
    {
      point_at_cursor (self);
      gtk_popover_set_position (GTK_POPOVER (picker), GTK_POS_BOTTOM);
    }
  else
    {
      gtk_popover_set_pointing_to (GTK_POPOVER (picker), NULL);
      gtk_popover_set_position (GTK_POPOVER (picker), GTK_POS_BOTTOM);
    }

  gtk_popover_popup (GTK_POPOVER (picker));
}

static void
post_link_init (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  self->link_picker = g_object_ref_sink (BYLINE_POST_SWITCHER (byline_post_switcher_new ()));
  byline_post_switcher_set_choose_only (self->link_picker, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->link_picker), "byline-link-picker");
  g_signal_connect_object (self->link_picker, "post-chosen",
                           G_CALLBACK (post_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_picker, "closed",
                           G_CALLBACK (link_picker_closed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->front_matter_form, "notify::site-index",
                           G_CALLBACK (post_link_update), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.insert-post-link", FALSE);

  {
    GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->source_view));

    g_assert (vadjustment != NULL);
    g_signal_connect_object (vadjustment, "changed",
                             G_CALLBACK (repoint_link_picker), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (vadjustment, "value-changed",
                             G_CALLBACK (repoint_link_picker), self, G_CONNECT_SWAPPED);
  }
}

static void
post_link_dispose (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  if (self->link_picker != NULL && gtk_widget_get_parent (GTK_WIDGET (self->link_picker)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->link_picker));
  g_clear_object (&self->link_picker);

  if (self->link_start != NULL && !gtk_text_mark_get_deleted (self->link_start))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (self->link_start), self->link_start);
  if (self->link_end != NULL && !gtk_text_mark_get_deleted (self->link_end))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (self->link_end), self->link_end);
  g_clear_object (&self->link_start);
  g_clear_object (&self->link_end);
}

/* Tables: Format Table and Insert Table, and Tab from cell to cell
 * (byline-table-editor.h) */

static void
table_can_format_cb (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.format-table",
                                 byline_table_editor_get_can_format (self->table_editor));
}

static void
tables_constructed (BylineWindow *self)
{
  g_assert (BYLINE_IS_WINDOW (self));

  self->table_editor = byline_table_editor_new (self->source_view);
  g_signal_connect_object (self->table_editor, "notify::can-format",
                           G_CALLBACK (table_can_format_cb), self, G_CONNECT_SWAPPED);
  table_can_format_cb (self);
}

static void
byline_window_table_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->table_editor == NULL)
    return;
  if (g_str_equal (action_name, "win.insert-table"))
    byline_table_editor_insert_table (self->table_editor);
  else if (!byline_table_editor_format (self->table_editor, &error))
    show_message (self, error->message);
}
