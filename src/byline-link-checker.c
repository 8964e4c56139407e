/* byline-link-checker.c: broken local links marked in the source view
 *
 * A moment after the text last changed (CHECK_DELAY_MS), the whole text is
 * copied and checked in a worker thread (byline_link_check(): cmark-gfm
 * finds the links, the disk says which point at nothing). The result is
 * applied only when the text has not changed since the copy was made (the
 * change counter is the same); otherwise the next check, already
 * scheduled by the change, does it. Applying compares the new result with
 * the marks shown: marks that stay are left alone, those gone are removed,
 * and new ones are tagged a few milliseconds' worth at a time (a first
 * check of a post with thousands of broken links never holds a frame up).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-link-checker"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "byline-document.h"
#include "byline-link-check.h"
#include "byline-link-checker.h"
#include "byline-platform.h"

#define CHECK_DELAY_MS 1000

typedef struct {
  GtkTextMark *start;     /* the broken link's range */
  GtkTextMark *end;
  char        *message;
} Mark;

/* A range to mark, as lines and byte indexes (the check's own: no need
 * to find them in the buffer unless they are new) */
typedef struct {
  guint       start_line;
  guint       start_index;
  guint       end_line;
  guint       end_index;
  const char *message;    /* borrowed from the check's result */
  gboolean    kept;       /* already marked */
} Range;

#define APPLY_SLICE_US 3000

struct _BylineLinkChecker
{
  GObject           parent_instance;

  GtkSourceView    *view;      /* weak */
  GtkTextBuffer    *buffer;
  GtkTextTag       *tag;
  gboolean          enabled;

  guint             timeout_id;
  guint64           stamp;     /* changes of the text so far */
  GCancellable     *cancellable;

  GArray           *marks;     /* of Mark, in no order */
  gpointer          pending;   /* Check: its new ranges being tagged */
  guint             pending_next;
  guint             apply_id;
  guint             n_checks;
  gint64            snapshot_us;
  gint64            worker_us;
  gint64            apply_max_us;
  gint64            apply_us;
};

G_DEFINE_FINAL_TYPE (BylineLinkChecker, byline_link_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mark_clear (gpointer data)
{
  Mark *m = data;

  g_clear_pointer (&m->message, g_free);
  if (m->start != NULL && !gtk_text_mark_get_deleted (m->start))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (m->start), m->start);
  if (m->end != NULL && !gtk_text_mark_get_deleted (m->end))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (m->end), m->end);
  g_clear_object (&m->start);
  g_clear_object (&m->end);
}

static void stop_applying (BylineLinkChecker *self);

static void
clear_marks (BylineLinkChecker *self)
{
  g_assert (BYLINE_IS_LINK_CHECKER (self));

  stop_applying (self);
  if (self->buffer != NULL && self->tag != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &start, &end);
    }
  g_array_set_size (self->marks, 0);
}

static GFile *
get_post (BylineLinkChecker *self)
{
  if (self->buffer != NULL && BYLINE_IS_DOCUMENT (self->buffer))
    return byline_document_get_file (BYLINE_DOCUMENT (self->buffer));
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The check                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
  char             *text;
  gsize             len;
  GFile            *post;
  BylineSiteConfig *config;    /* read in the worker (shared, cached) */
  guint64           stamp;
  /* the result */
  GPtrArray        *problems;
  gint64            worker_us;
  GArray           *ranges;    /* of Range, once applying starts */
} Check;

static void
check_free (gpointer data)
{
  Check *c = data;

  g_free (c->text);
  g_clear_object (&c->post);
  g_clear_pointer (&c->config, byline_site_config_unref);
  g_clear_pointer (&c->problems, g_ptr_array_unref);
  g_clear_pointer (&c->ranges, g_array_unref);
  g_free (c);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *c = task_data;
  gint64 start = g_get_monotonic_time ();

  if (c->config == NULL)
    c->config = byline_site_config_new_for_post (c->post, cancellable);
  c->problems = byline_link_check (c->text, c->len, c->post, c->config, cancellable);
  c->worker_us = g_get_monotonic_time () - start;
  g_task_return_boolean (task, TRUE);
}

static void
stop_applying (BylineLinkChecker *self)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_clear_pointer (&self->pending, check_free);
}

static void
mark_range (GtkTextMark **start,
            GtkTextMark **end,
            int          *a,
            int          *b)
{
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (*start);
  GtkTextIter it;

  gtk_text_buffer_get_iter_at_mark (buffer, &it, *start);
  *a = gtk_text_iter_get_offset (&it);
  gtk_text_buffer_get_iter_at_mark (buffer, &it, *end);
  *b = gtk_text_iter_get_offset (&it);
}

/* Tags the pending check's new ranges, for APPLY_SLICE_US at most; again
 * in idle time until all are done, unless the text changes meanwhile. */
static gboolean
apply_slice_cb (gpointer user_data)
{
  BylineLinkChecker *self = user_data;
  Check *c = self->pending;
  gint64 start = g_get_monotonic_time ();

  g_assert (c != NULL);

  if (c->stamp != self->stamp)
    {
      self->apply_id = 0;
      stop_applying (self);
      return G_SOURCE_REMOVE;
    }
  while (self->pending_next < c->ranges->len)
    {
      Range *r = &g_array_index (c->ranges, Range, self->pending_next++);
      GtkTextIter a, b;
      Mark m;

      if (r->kept)
        continue;
      gtk_text_buffer_get_iter_at_line_index (self->buffer, &a, r->start_line, r->start_index);
      gtk_text_buffer_get_iter_at_line_index (self->buffer, &b, r->end_line, r->end_index);
      gtk_text_buffer_apply_tag (self->buffer, self->tag, &a, &b);
      m.start = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, &a, TRUE));
      m.end = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, &b, FALSE));
      m.message = g_strdup (r->message);
      g_array_append_val (self->marks, m);
      if (g_get_monotonic_time () - start >= APPLY_SLICE_US)
        break;
    }
  self->apply_us += g_get_monotonic_time () - start;
  self->apply_max_us = MAX (self->apply_max_us, g_get_monotonic_time () - start);
  if (self->pending_next < c->ranges->len)
    {
      if (self->apply_id == 0)
        self->apply_id = g_idle_add (apply_slice_cb, self);
      return G_SOURCE_CONTINUE;
    }

  self->apply_id = 0;
  g_clear_pointer (&self->pending, check_free);
  self->n_checks++;
  return G_SOURCE_REMOVE;
}

/* Compares @c's result with the marks shown: those that stay are left,
 * those gone are removed at once, the new ones tagged in slices. */
static void
apply (BylineLinkChecker *self,
       Check             *c)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (int));   /* pairs */
  guint i;

  g_assert (BYLINE_IS_LINK_CHECKER (self));

  stop_applying (self);
  c->ranges = g_array_sized_new (FALSE, FALSE, sizeof (Range), c->problems->len);
  for (i = 0; i < c->problems->len; i++)
    {
      BylineLinkProblem *problem = g_ptr_array_index (c->problems, i);
      Range r;

      r.start_line = problem->start_line;
      r.start_index = problem->start_index;
      r.end_line = problem->end_line;
      r.end_index = problem->end_index;
      r.message = problem->message;
      r.kept = FALSE;
      g_array_append_val (c->ranges, r);
      g_hash_table_insert (wanted, g_strdup_printf ("%u:%u:%u:%u:%s", r.start_line, r.start_index,
                                                    r.end_line, r.end_index, r.message),
                           GUINT_TO_POINTER (i + 1));
    }

  /* the marks shown: kept, or removed */
  for (i = 0; i < self->marks->len; )
    {
      Mark *m = &g_array_index (self->marks, Mark, i);
      g_autofree char *key = NULL;
      gpointer found;
      GtkTextIter ma, mb;
      int a, b;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &ma, m->start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &mb, m->end);
      key = g_strdup_printf ("%d:%d:%d:%d:%s", gtk_text_iter_get_line (&ma), gtk_text_iter_get_line_index (&ma),
                             gtk_text_iter_get_line (&mb), gtk_text_iter_get_line_index (&mb), m->message);
      found = g_hash_table_lookup (wanted, key);
      if (found != NULL && !g_array_index (c->ranges, Range, GPOINTER_TO_UINT (found) - 1).kept)
        {
          g_array_index (c->ranges, Range, GPOINTER_TO_UINT (found) - 1).kept = TRUE;
          i++;
        }
      else
        {
          a = gtk_text_iter_get_offset (&ma);
          b = gtk_text_iter_get_offset (&mb);
          gtk_text_buffer_remove_tag (self->buffer, self->tag, &ma, &mb);
          g_array_append_val (removed, a);
          g_array_append_val (removed, b);
          g_array_remove_index_fast (self->marks, i);
        }
    }
  /* a removed range may have held a kept one (an image in a link) */
  if (removed->len > 0)
    for (i = 0; i < self->marks->len; i++)
      {
        Mark *m = &g_array_index (self->marks, Mark, i);
        int a, b;

        mark_range (&m->start, &m->end, &a, &b);
        for (guint j = 0; j + 1 < removed->len; j += 2)
          if (a < g_array_index (removed, int, j + 1) && b > g_array_index (removed, int, j))
            {
              GtkTextIter ia, ib;

              gtk_text_buffer_get_iter_at_offset (self->buffer, &ia, a);
              gtk_text_buffer_get_iter_at_offset (self->buffer, &ib, b);
              gtk_text_buffer_apply_tag (self->buffer, self->tag, &ia, &ib);
              break;
            }
      }

  self->worker_us = c->worker_us;
  self->apply_us = g_get_monotonic_time () - start;
  self->apply_max_us = self->apply_us;
  self->pending = c;
  self->pending_next = 0;
  apply_slice_cb (self);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BylineLinkChecker) self = user_data;
  Check *c = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: another check or none */
  if (!self->enabled || self->buffer == NULL || c->stamp != self->stamp)
    return;   /* the text changed meanwhile: the next check will do */

  {
    /* the result moves from the task to the checker */
    Check *own = g_new (Check, 1);

    *own = *c;
    memset (c, 0, sizeof *c);
    apply (self, own);
  }
}

static gboolean
check_cb (gpointer user_data)
{
  BylineLinkChecker *self = user_data;
  g_autoptr(GTask) task = NULL;
  GFile *post = get_post (self);
  GtkTextIter start, end;
  Check *c;
  gint64 t0;

  self->timeout_id = 0;
  if (!self->enabled || self->buffer == NULL)
    return G_SOURCE_REMOVE;
  if (post == NULL)
    {
      clear_marks (self);   /* not saved: links can't be followed */
      return G_SOURCE_REMOVE;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  c = g_new0 (Check, 1);
  t0 = g_get_monotonic_time ();
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  c->text = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  c->len = strlen (c->text);
  self->snapshot_us = g_get_monotonic_time () - t0;
  c->post = g_object_ref (post);
  c->stamp = self->stamp;

  task = g_task_new (NULL, self->cancellable, check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, check_cb);
  g_task_set_task_data (task, c, check_free);
  /* (a queue of its own: a render of the preview never waits for a check) */
  byline_platform_run_in_queue (BYLINE_BACKGROUND_CHECKS, task, check_thread);
  return G_SOURCE_REMOVE;
}

void
byline_link_checker_queue_check (BylineLinkChecker *self)
{
  g_return_if_fail (BYLINE_IS_LINK_CHECKER (self));

  if (!self->enabled)
    return;
  if (self->timeout_id != 0)
    g_source_remove (self->timeout_id);
  self->timeout_id = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[byline] check links");
}

static void
buffer_changed_cb (BylineLinkChecker *self)
{
  /* a check under way is of no use now: it ends early, and leaves the
   * worker thread to the preview */
  g_cancellable_cancel (self->cancellable);
  self->stamp++;
  byline_link_checker_queue_check (self);
}

static void
document_file_cb (BylineLinkChecker *self)
{
  byline_link_checker_queue_check (self);
}

/* ------------------------------------------------------------------------ */
/* Look                                                                      */
/* ------------------------------------------------------------------------ */

static void
update_tag_color (BylineLinkChecker *self)
{
  GdkRGBA color;

  if (self->tag == NULL)
    return;
  /* Adwaita's orange (warnings), apart from spelling's red */
  gdk_rgba_parse (&color, adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#ffbe6f" : "#e66100");
  g_object_set (self->tag, "underline-rgba", &color, NULL);
}

const char *
byline_link_checker_get_message_at (BylineLinkChecker *self,
                                    const GtkTextIter *iter)
{
  const char *message = NULL;
  int offset, best = -1;

  g_return_val_if_fail (BYLINE_IS_LINK_CHECKER (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  if (self->tag == NULL || !gtk_text_iter_has_tag (iter, self->tag))
    return NULL;
  offset = gtk_text_iter_get_offset (iter);
  /* the innermost range holding it (an image in a link) */
  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *m = &g_array_index (self->marks, Mark, i);
      int a, b;

      mark_range (&m->start, &m->end, &a, &b);
      if (a <= offset && offset < b && a > best)
        {
          best = a;
          message = m->message;
        }
    }
  return message;
}

static gboolean
query_tooltip_cb (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  BylineLinkChecker *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  GtkTextIter iter;
  const char *message;

  if (!self->enabled || self->marks->len == 0 || gtk_text_view_get_buffer (view) != self->buffer)
    return FALSE;
  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  else
    {
      int bx, by;

      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }
  message = byline_link_checker_get_message_at (self, &iter);
  if (message == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, message);
  return TRUE;
}

gboolean
byline_link_checker_next_problem (BylineLinkChecker *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (BYLINE_IS_LINK_CHECKER (self), FALSE);

  if (self->buffer == NULL || self->marks->len == 0)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  if (gtk_text_iter_has_tag (&iter, self->tag))
    gtk_text_iter_forward_to_tag_toggle (&iter, self->tag);   /* out of this one */
  if (!gtk_text_iter_starts_tag (&iter, self->tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      if (!gtk_text_iter_starts_tag (&iter, self->tag) &&
          !gtk_text_iter_forward_to_tag_toggle (&iter, self->tag))
        return FALSE;
    }
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  if (self->view != NULL)
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (self->buffer),
                                  0.2, FALSE, 0.0, 0.0);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Buffer and view                                                           */
/* ------------------------------------------------------------------------ */

static void
detach_buffer (BylineLinkChecker *self)
{
  if (self->buffer == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  clear_marks (self);
  g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  self->tag = NULL;
}

static void
attach_buffer (BylineLinkChecker *self,
               GtkTextBuffer     *buffer)
{
  g_assert (self->buffer == NULL);

  if (buffer == NULL)
    return;
  self->buffer = g_object_ref (buffer);
  self->tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), BYLINE_LINK_TAG_BROKEN);
  if (self->tag == NULL)
    self->tag = gtk_text_buffer_create_tag (buffer, BYLINE_LINK_TAG_BROKEN,
                                           "underline", PANGO_UNDERLINE_ERROR,
                                           NULL);
  update_tag_color (self);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  if (BYLINE_IS_DOCUMENT (buffer))
    g_signal_connect_object (buffer, "notify::file", G_CALLBACK (document_file_cb), self, G_CONNECT_SWAPPED);
  self->stamp++;
  byline_link_checker_queue_check (self);
}

static void
view_notify_buffer_cb (BylineLinkChecker *self)
{
  detach_buffer (self);
  if (self->view != NULL)
    attach_buffer (self, gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

gboolean
byline_link_checker_get_enabled (BylineLinkChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_LINK_CHECKER (self), FALSE);

  return self->enabled;
}

void
byline_link_checker_set_enabled (BylineLinkChecker *self,
                                 gboolean           enabled)
{
  g_return_if_fail (BYLINE_IS_LINK_CHECKER (self));

  enabled = !!enabled;
  if (enabled == self->enabled)
    return;
  self->enabled = enabled;
  if (enabled)
    byline_link_checker_queue_check (self);
  else
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      g_cancellable_cancel (self->cancellable);
      clear_marks (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

guint
byline_link_checker_get_n_checks (BylineLinkChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_LINK_CHECKER (self), 0);

  return self->n_checks;
}

guint
byline_link_checker_get_n_problems (BylineLinkChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_LINK_CHECKER (self), 0);

  return self->marks->len;
}

void
byline_link_checker_get_times (BylineLinkChecker *self,
                               gint64            *snapshot_us,
                               gint64            *worker_us,
                               gint64            *apply_us,
                               gint64            *apply_max_us)
{
  g_return_if_fail (BYLINE_IS_LINK_CHECKER (self));

  if (snapshot_us != NULL)
    *snapshot_us = self->snapshot_us;
  if (worker_us != NULL)
    *worker_us = self->worker_us;
  if (apply_us != NULL)
    *apply_us = self->apply_us;
  if (apply_max_us != NULL)
    *apply_max_us = self->apply_max_us;
}

static void
byline_link_checker_dispose (GObject *object)
{
  BylineLinkChecker *self = BYLINE_LINK_CHECKER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  detach_buffer (self);
  if (self->view != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  G_OBJECT_CLASS (byline_link_checker_parent_class)->dispose (object);
}

static void
byline_link_checker_finalize (GObject *object)
{
  BylineLinkChecker *self = BYLINE_LINK_CHECKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_array_unref (self->marks);
  G_OBJECT_CLASS (byline_link_checker_parent_class)->finalize (object);
}

static void
byline_link_checker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineLinkChecker *self = BYLINE_LINK_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_link_checker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineLinkChecker *self = BYLINE_LINK_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      byline_link_checker_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_link_checker_class_init (BylineLinkCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_link_checker_dispose;
  object_class->finalize = byline_link_checker_finalize;
  object_class->get_property = byline_link_checker_get_property;
  object_class->set_property = byline_link_checker_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_link_checker_init (BylineLinkChecker *self)
{
  self->enabled = TRUE;
  self->cancellable = g_cancellable_new ();
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
}

BylineLinkChecker *
byline_link_checker_new (GtkSourceView *view)
{
  BylineLinkChecker *self;

  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);

  self = g_object_new (BYLINE_TYPE_LINK_CHECKER, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  g_signal_connect_object (view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, 0);
  g_signal_connect_object (view, "notify::buffer", G_CALLBACK (view_notify_buffer_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_tag_color), self, G_CONNECT_SWAPPED);
  attach_buffer (self, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  return self;
}
