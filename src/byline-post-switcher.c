/* byline-post-switcher.c: the Open button's popover: the other posts of
 * the site, newest first, filtered as one types; Enter or a click opens one.
 *
 * The posts come from the site scan the front matter form already made for
 * its suggestions (byline_front_matter_form_get_site_index()): the window
 * hands the result over, nothing is scanned twice. A list view over a
 * filter model keeps a site of 10,000 posts as quick as one of ten: only
 * the rows on screen are widgets.
 *
 * The posts of the site opened recently in Byline (GtkRecentManager) come
 * first, marked with a clock: jumping back and forth between a few posts is
 * what the list is most used for. The rest follow newest first. A new post,
 * which has no site yet, lists the Markdown posts Byline opened recently.
 *
 * The same list chooses the post to link to (Insert Link to Post…): in
 * that mode choosing a post emits ::post-chosen instead of opening it, and
 * only the posts of the site are offered (a link needs a site, or at least
 * a folder, to be written from).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-post-switcher"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "byline-post-switcher.h"
#include "byline-platform.h"

/* Posts opened recently in Byline come first, at most this many. */
#define MAX_RECENT 5

struct _BylinePostSwitcher
{
  GtkPopover          parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSpinner         *spinner;
  GtkLabel           *empty_label;

  /* Owned references */
  BylineSiteIndex    *index;
  GListStore         *store;        /* BylineSitePost */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable         *haystacks;    /* BylineSitePost * → folded text to search */
  GHashTable         *by_path;      /* path → BylineSitePost * of the index */
  GHashTable         *recent;       /* BylineSitePost * set: those shown first */
  char               *current_path;
  char              **words;        /* the search, folded, one entry per word */
  char               *search_text;  /* the last one filtered by */

  guint               scanning : 1;
  guint               choose_only : 1;
};

enum {
  POST_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylinePostSwitcher, byline_post_switcher, GTK_TYPE_POPOVER)

/* Helpers */

/* What a search looks in: the title and the file name, case-folded, then
 * the same in ASCII so that "ete" finds "Été". */
static char *
make_haystack (BylineSitePost *post)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *ascii = NULL;

  g_assert (BYLINE_IS_SITE_POST (post));

  text = g_strconcat (byline_site_post_get_title (post), "\n",
                      byline_site_post_get_file_name (post), NULL);
  folded = g_utf8_casefold (text, -1);
  ascii = g_str_to_ascii (folded, NULL);

  return g_strconcat (folded, "\n", ascii, NULL);
}

/* Whether @word occurs in @haystack at the start of one of its words
 * ("mon" finds "Été en montagne", "me" does not find "time"). Text in
 * scripts written without spaces (Chinese, Japanese) is matched anywhere. */
static gboolean
has_word_prefix (const char *haystack,
                 const char *word)
{
  gboolean anywhere = g_unichar_iswide (g_utf8_get_char (word));

  for (const char *p = strstr (haystack, word); p != NULL; p = strstr (p + 1, word))
    {
      if (anywhere || p == haystack ||
          !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p))))
        return TRUE;
    }
  return FALSE;
}

static gboolean
post_filter_func (gpointer item,
                  gpointer user_data)
{
  BylinePostSwitcher *self = user_data;
  BylineSitePost *post = item;
  const char *haystack;

  g_assert (BYLINE_IS_POST_SWITCHER (self));
  g_assert (BYLINE_IS_SITE_POST (post));

  if (self->current_path != NULL &&
      strcmp (byline_site_post_get_path (post), self->current_path) == 0)
    return FALSE;

  if (self->words == NULL)
    return TRUE;

  haystack = g_hash_table_lookup (self->haystacks, post);
  if (haystack == NULL)
    {
      char *made = make_haystack (post);

      g_hash_table_insert (self->haystacks, post, made);
      haystack = made;
    }

  /* every word of the search, as the start of a word, in either spelling */
  for (guint i = 0; self->words[i] != NULL; i += 2)
    {
      if (!has_word_prefix (haystack, self->words[i]) &&
          !has_word_prefix (haystack, self->words[i + 1]))
        return FALSE;
    }

  return TRUE;
}

/* "1 May 2024 · posts" */
static char *
dup_detail (BylineSitePost *post)
{
  GDateTime *date = byline_site_post_get_date (post);
  const char *section = byline_site_post_get_section (post);
  g_autofree char *date_text = NULL;

  g_assert (BYLINE_IS_SITE_POST (post));

  if (date != NULL)
    /* TRANSLATORS: a post's date in the list of posts to open, a
     * g_date_time_format() format: "May 1, 2024". */
    date_text = g_date_time_format (date, C_("post date", "%b %-d, %Y"));
  else if (byline_site_post_get_date_text (post) != NULL)
    date_text = g_strdup (byline_site_post_get_date_text (post));

  if (date_text != NULL && section != NULL)
    /* TRANSLATORS: a post's date, then its section ("posts") */
    return g_strdup_printf (C_("post detail", "%s · %s"), date_text, section);
  if (date_text != NULL)
    return g_steal_pointer (&date_text);
  if (section != NULL)
    return g_strdup (section);
  if (byline_site_post_has_title (post))
    return g_strdup (byline_site_post_get_file_name (post));

  return NULL;
}

/* @path as people read it ("~/blog/…") */
static char *
display_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return byline_platform_display_path (file);
}

/* A recent post of no site: its folder. */
static char *
dup_folder_detail (BylineSitePost *post)
{
  g_autofree char *dir = g_path_get_dirname (byline_site_post_get_path (post));

  return display_path (dir);
}

typedef struct
{
  BylineSitePost *post;
  GDateTime      *when;
} RecentPost;

static void
recent_post_clear (gpointer data)
{
  RecentPost *recent = data;

  g_clear_object (&recent->post);
  g_clear_pointer (&recent->when, g_date_time_unref);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  const RecentPost *ra = a;
  const RecentPost *rb = b;

  return g_date_time_compare (rb->when, ra->when);
}

/* The posts Byline opened recently, the latest first: those of the index
 * when there is one, else any Markdown file. Never the current post. */
static GArray *
collect_recent (BylinePostSwitcher *self)
{
  GArray *found = g_array_new (FALSE, TRUE, sizeof (RecentPost));
  const char *app_name = g_get_application_name ();
  GList *items;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  g_array_set_clear_func (found, recent_post_clear);
  if (app_name == NULL || (self->choose_only && self->index == NULL))
    return found;

  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  for (const GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autofree char *path = NULL;
      GDateTime *stamp = NULL;
      RecentPost recent = { NULL, NULL };

      /* (asking for the application's stamp warns when it has none) */
      if (!gtk_recent_info_is_local (info) ||
          !gtk_recent_info_has_application (info, app_name) ||
          !gtk_recent_info_get_application_info (info, app_name, NULL, NULL, &stamp) ||
          stamp == NULL)
        continue;

      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !byline_site_is_markdown_name (path) || g_strcmp0 (path, self->current_path) == 0)
        continue;

      if (self->index != NULL)
        {
          BylineSitePost *post = g_hash_table_lookup (self->by_path, path);

          if (post == NULL)
            continue;
          recent.post = g_object_ref (post);
        }
      else
        recent.post = byline_site_post_new_for_path (path);

      recent.when = g_date_time_ref (stamp);
      g_array_append_val (found, recent);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_array_sort (found, compare_recent);
  if (found->len > MAX_RECENT)
    g_array_set_size (found, MAX_RECENT);

  return found;
}

/* The store: the recent posts, then the others newest first. */
static void
rebuild_store (BylinePostSwitcher *self)
{
  g_autoptr(GArray) recent = collect_recent (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GPtrArray *posts = self->index != NULL ? byline_site_index_get_posts (self->index) : NULL;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  /* without an index the posts are new each time: so are their haystacks */
  if (self->index == NULL)
    g_hash_table_remove_all (self->haystacks);
  g_hash_table_remove_all (self->recent);
  for (guint i = 0; i < recent->len; i++)
    {
      BylineSitePost *post = g_array_index (recent, RecentPost, i).post;

      g_hash_table_add (self->recent, g_object_ref (post));
      g_ptr_array_add (items, post);
    }

  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      BylineSitePost *post = g_ptr_array_index (posts, i);

      if (!g_hash_table_contains (self->recent, post))
        g_ptr_array_add (items, post);
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

static void
update_empty_state (BylinePostSwitcher *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *message = NULL;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);

  if (n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->index == NULL && self->scanning)
    {
      message = _("Looking for the site’s posts…");
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
      gtk_spinner_start (self->spinner);
    }
  else if (self->index == NULL && self->choose_only)
    message = _("Save this post to link to the other posts beside it");
  else if (self->index == NULL)
    message = _("Save this post to see the other posts beside it. Posts opened recently are listed here too.");
  else if (self->words != NULL)
    message = _("No posts match your search");
  else if (byline_site_index_is_site (self->index))
    message = _("No other posts in this site");
  else
    message = _("No other Markdown files in this folder");

  gtk_label_set_label (self->empty_label, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
refilter (BylinePostSwitcher *self,
          GtkFilterChange     change)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  update_empty_state (self);
}

static void
open_post (BylinePostSwitcher *self,
           BylineSitePost     *post)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autoptr(GFile) file = NULL;

  g_assert (BYLINE_IS_POST_SWITCHER (self));
  g_assert (BYLINE_IS_SITE_POST (post));

  gtk_popover_popdown (GTK_POPOVER (self));
  if (self->choose_only)
    {
      g_signal_emit (self, signals[POST_CHOSEN], 0, post);
      return;
    }

  file = byline_site_post_dup_file (post);

  /* The application presents the window that has it open, if any. */
  if (app != NULL)
    g_application_open (G_APPLICATION (app), &file, 1, "");
}

static void
move_selection (BylinePostSwitcher *self,
                int                 delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint target;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  if (n == 0)
    return;

  if (selected == GTK_INVALID_LIST_POSITION)
    target = 0;
  else if (delta < 0)
    target = selected >= (guint) -delta ? selected + delta : 0;
  else
    target = MIN (selected + delta, n - 1);

  gtk_single_selection_set_selected (self->selection, target);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", target);
}

/* Signal callbacks */

/* A row's tooltip: the post's title and file, and why it is at the top of
 * the list when it is a recent one. */
static gboolean
row_query_tooltip_cb (GtkWidget          *row,
                      int                 x,
                      int                 y,
                      gboolean            keyboard,
                      GtkTooltip         *tooltip,
                      BylinePostSwitcher *self)
{
  BylineSitePost *post = g_object_get_data (G_OBJECT (row), "post");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  if (post == NULL)
    return FALSE;

  path = display_path (byline_site_post_get_path (post));
  /* without a site every post listed is a recent one: no need to say so */
  if (self->index != NULL && g_hash_table_contains (self->recent, post))
    /* TRANSLATORS: a post's tooltip in the list of posts: its title, its
     * file, and why it is at the top of the list */
    text = g_strdup_printf (_("%s\n%s\nOpened recently"), byline_site_post_get_title (post), path);
  else
    text = g_strdup_printf ("%s\n%s", byline_site_post_get_title (post), path);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               BylinePostSwitcher       *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *draft = gtk_label_new (_("Draft"));
  GtkWidget *recent = gtk_image_new_from_icon_name ("document-open-recent-symbolic");

  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (title), TRUE);
  /* a long title is cut, not a reason for a wider popover */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);

  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (detail), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 40);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");

  gtk_widget_set_valign (draft, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (draft, "caption");
  gtk_widget_add_css_class (draft, "byline-post-tag");

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), draft);
  gtk_box_append (GTK_BOX (row), recent);
  gtk_widget_add_css_class (recent, "dim-label");
  gtk_widget_set_valign (recent, GTK_ALIGN_CENTER);

  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "detail", detail);
  g_object_set_data (G_OBJECT (row), "draft", draft);
  g_object_set_data (G_OBJECT (row), "recent", recent);
  /* The tooltip is made when asked for: setting one in "bind" makes GTK
   * 4.8 ask the display server where the pointer is, for every row bound
   * (a round trip each, 200 rows per search). */
  gtk_widget_set_has_tooltip (row, TRUE);
  g_signal_connect (row, "query-tooltip", G_CALLBACK (row_query_tooltip_cb), self);
  gtk_list_item_set_child (item, row);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BylinePostSwitcher       *self)
{
  BylineSitePost *post = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "title");
  GtkLabel *detail = g_object_get_data (G_OBJECT (row), "detail");
  GtkWidget *draft = g_object_get_data (G_OBJECT (row), "draft");
  GtkWidget *recent = g_object_get_data (G_OBJECT (row), "recent");
  /* without a site every post listed is a recent one: no need to say so */
  gboolean is_recent = self->index != NULL && g_hash_table_contains (self->recent, post);
  g_autofree char *detail_text = self->index != NULL ? dup_detail (post) : dup_folder_detail (post);

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  gtk_label_set_label (title, byline_site_post_get_title (post));
  gtk_label_set_label (detail, detail_text);
  gtk_widget_set_visible (GTK_WIDGET (detail), detail_text != NULL);
  gtk_widget_set_visible (draft, byline_site_post_is_draft (post));
  gtk_widget_set_visible (recent, is_recent);
  g_object_set_data_full (G_OBJECT (row), "post", g_object_ref (post), g_object_unref);
}

static void
popover_show_cb (BylinePostSwitcher *self)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->search_text, g_free);
  rebuild_store (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Closed: in choose-only mode the list is emptied of its search at once.
 * Its popover is not the child of a menu button, which presents it again
 * each time it is allocated: shown with the last search's few rows, it
 * would keep their height when the search is emptied. */
static void
popover_closed_cb (BylinePostSwitcher *self)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  if (!self->choose_only || self->search_text == NULL)
    return;

  g_clear_pointer (&self->words, g_strfreev);
  g_free (self->search_text);
  self->search_text = g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* The words of @text, case-folded, each followed by its ASCII spelling;
 * NULL when there are none. */
static char **
search_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_ptr_array_add (list, g_strdup (words[i]));
      g_ptr_array_add (list, g_str_to_ascii (words[i], NULL));
    }

  if (list->len == 0)
    {
      g_ptr_array_free (list, TRUE);
      return NULL;
    }

  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (list, FALSE);
}

static void
search_changed_cb (BylinePostSwitcher *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) old = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  /* the same search again (set, then its delayed signal): nothing to do */
  if (g_strcmp0 (text, self->search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);

  old = g_steal_pointer (&self->words);
  self->words = search_words (text);

  /* One word that grew at its end only narrows the list. */
  if (old != NULL && self->words != NULL &&
      g_strv_length (old) == 2 && g_strv_length (self->words) == 2 &&
      g_str_has_prefix (self->words[0], old[0]) && g_str_has_prefix (self->words[1], old[1]))
    change = GTK_FILTER_CHANGE_MORE_STRICT;

  refilter (self, change);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
search_activate_cb (BylinePostSwitcher *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  g_assert (BYLINE_IS_POST_SWITCHER (self));

  if (selected != GTK_INVALID_LIST_POSITION)
    byline_post_switcher_activate (self, selected);
}

static void
search_stop_cb (BylinePostSwitcher *self)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
list_activate_cb (BylinePostSwitcher *self,
                  guint               position)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  byline_post_switcher_activate (self, position);
}

/* Up and Down in the search move through the list; the entry keeps the
 * focus, so typing goes on. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       BylinePostSwitcher    *self)
{
  g_assert (BYLINE_IS_POST_SWITCHER (self));

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_selection (self, 10);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_selection (self, -10);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Overrides */

static void
byline_post_switcher_dispose (GObject *object)
{
  BylinePostSwitcher *self = BYLINE_POST_SWITCHER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_POST_SWITCHER);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  g_clear_pointer (&self->index, byline_site_index_unref);

  G_OBJECT_CLASS (byline_post_switcher_parent_class)->dispose (object);
}

static void
byline_post_switcher_finalize (GObject *object)
{
  BylinePostSwitcher *self = BYLINE_POST_SWITCHER (object);

  g_clear_pointer (&self->current_path, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (byline_post_switcher_parent_class)->finalize (object);
}

static void
byline_post_switcher_class_init (BylinePostSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_post_switcher_dispose;
  object_class->finalize = byline_post_switcher_finalize;

  /* A post was chosen with byline_post_switcher_set_choose_only() set:
   * the popover is closed already. */
  signals[POST_CHOSEN] =
    g_signal_new ("post-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_SITE_POST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-post-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePostSwitcher, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylinePostSwitcher, stack);
  gtk_widget_class_bind_template_child (widget_class, BylinePostSwitcher, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylinePostSwitcher, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylinePostSwitcher, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
byline_post_switcher_init (BylinePostSwitcher *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->haystacks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->recent = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->store = g_list_store_new (BYLINE_TYPE_SITE_POST);
  self->filter = gtk_custom_filter_new (post_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_can_unselect (self->selection, FALSE);

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (self, "closed", G_CALLBACK (popover_closed_cb), NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  update_empty_state (self);
}

/* Public API */

GtkWidget *
byline_post_switcher_new (void)
{
  return g_object_new (BYLINE_TYPE_POST_SWITCHER, NULL);
}

void
byline_post_switcher_set_site_index (BylinePostSwitcher *self,
                                     BylineSiteIndex    *index)
{
  GPtrArray *posts;

  g_return_if_fail (BYLINE_IS_POST_SWITCHER (self));

  if (self->index == index)
    return;

  g_clear_pointer (&self->index, byline_site_index_unref);
  if (index != NULL)
    self->index = byline_site_index_ref (index);

  g_hash_table_remove_all (self->haystacks);
  g_hash_table_remove_all (self->by_path);
  posts = index != NULL ? byline_site_index_get_posts (index) : NULL;
  for (guint i = 0; posts != NULL && i < posts->len; i++)
    {
      BylineSitePost *post = g_ptr_array_index (posts, i);

      g_hash_table_insert (self->by_path, (gpointer) byline_site_post_get_path (post), post);
    }
  rebuild_store (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  update_empty_state (self);
}

BylineSiteIndex *
byline_post_switcher_get_site_index (BylinePostSwitcher *self)
{
  g_return_val_if_fail (BYLINE_IS_POST_SWITCHER (self), NULL);

  return self->index;
}

void
byline_post_switcher_set_current_file (BylinePostSwitcher *self,
                                       GFile              *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (BYLINE_IS_POST_SWITCHER (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  path = file != NULL ? g_file_get_path (file) : NULL;
  if (g_strcmp0 (path, self->current_path) == 0)
    return;

  g_free (self->current_path);
  self->current_path = g_steal_pointer (&path);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
byline_post_switcher_set_scanning (BylinePostSwitcher *self,
                                   gboolean            scanning)
{
  g_return_if_fail (BYLINE_IS_POST_SWITCHER (self));

  self->scanning = !!scanning;
  update_empty_state (self);
}

GListModel *
byline_post_switcher_get_model (BylinePostSwitcher *self)
{
  g_return_val_if_fail (BYLINE_IS_POST_SWITCHER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GtkEditable *
byline_post_switcher_get_search_entry (BylinePostSwitcher *self)
{
  g_return_val_if_fail (BYLINE_IS_POST_SWITCHER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
byline_post_switcher_activate (BylinePostSwitcher *self,
                               guint               position)
{
  g_autoptr(BylineSitePost) post = NULL;

  g_return_if_fail (BYLINE_IS_POST_SWITCHER (self));

  post = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (post != NULL)
    open_post (self, post);
}

void
byline_post_switcher_set_choose_only (BylinePostSwitcher *self,
                                      gboolean            choose_only)
{
  g_return_if_fail (BYLINE_IS_POST_SWITCHER (self));

  if (self->choose_only == !!choose_only)
    return;
  self->choose_only = !!choose_only;
  g_object_set (self->search_entry, "placeholder-text",
                choose_only ? _("Search Posts to Link To") : _("Search Posts"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  choose_only ? _("Post to link to") : _("Post to open"),
                                  -1);
  rebuild_store (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

gboolean
byline_post_switcher_get_choose_only (BylinePostSwitcher *self)
{
  g_return_val_if_fail (BYLINE_IS_POST_SWITCHER (self), FALSE);

  return self->choose_only;
}
