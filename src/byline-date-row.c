/* byline-date-row.c: a date or date-time field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-date-row"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "byline-form-style.h"
#include "byline-date-row.h"

struct _BylineDateRow
{
  AdwActionRow  parent_instance;

  /* template widgets */
  GtkWidget    *button;
  GtkWidget    *popover;
  GtkWidget    *calendar;
  GtkWidget    *time_box;
  GtkWidget    *time_entry;
  GtkWidget    *zone_label;
  GtkWidget    *now_button;

  /* owned */
  GDateTime    *value;

  guint         has_time : 1;
  guint         has_zone : 1;
  guint         updating : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylineDateRow, byline_date_row, ADW_TYPE_ACTION_ROW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static char *
format_time (GDateTime *value)
{
  return g_date_time_format (value, "%H:%M:%S");
}

static void
update_widgets (BylineDateRow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *time = NULL;
  g_autofree char *zone = NULL;

  g_assert (BYLINE_IS_DATE_ROW (self));

  self->updating = TRUE;

  if (self->value == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("No Date"));
      self->updating = FALSE;
      return;
    }

  if (self->has_time)
    {
      g_autofree char *date_part = NULL;
      g_autofree char *time_part = NULL;

      /* Translators: a date as shown in a date field, see strftime(3) */
      date_part = g_date_time_format (self->value, _("%-d %b %Y"));
      time_part = g_date_time_format (self->value,
                                      g_date_time_get_second (self->value) != 0 ? "%H:%M:%S" : "%H:%M");
      /* Translators: the date and the time shown in a date field */
      label = g_strdup_printf (C_("date and time", "%s  %s"), date_part, time_part);
    }
  else
    {
      label = g_date_time_format (self->value, _("%-d %b %Y"));
    }

  /* The date under the key, as an entry row shows its text: the key never
   * gets squeezed by a wide button in a narrow pane. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), label);

  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), self->value);

  gtk_widget_set_visible (self->time_box, self->has_time);
  time = format_time (self->value);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), time) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
  gtk_widget_remove_css_class (self->time_entry, "error");

  if (self->has_zone)
    {
      g_autofree char *offset = g_date_time_format (self->value, "%:z");

      /* Translators: %s is a UTC offset such as +05:30 */
      zone = g_strdup_printf (_("UTC%s"), offset);
    }
  else if (self->has_time)
    zone = g_strdup (_("Local time"));
  gtk_label_set_label (GTK_LABEL (self->zone_label), zone != NULL ? zone : "");

  gtk_button_set_label (GTK_BUTTON (self->now_button),
                        self->has_time ? _("_Now") : _("_Today"));

  self->updating = FALSE;
}

/* Takes @value as the new value (the user's edit). */
static void
take_value (BylineDateRow *self,
            GDateTime     *value)
{
  g_assert (BYLINE_IS_DATE_ROW (self));

  if (value == NULL)
    return;

  if (self->value != NULL && g_date_time_equal (self->value, value) &&
      g_strcmp0 (g_date_time_get_timezone_abbreviation (self->value),
                 g_date_time_get_timezone_abbreviation (value)) == 0)
    {
      g_date_time_unref (value);
      return;
    }

  g_clear_pointer (&self->value, g_date_time_unref);
  self->value = value;

  update_widgets (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GTimeZone *
value_dup_timezone (BylineDateRow *self)
{
  if (self->value != NULL)
    return g_time_zone_ref (g_date_time_get_timezone (self->value));

  return g_time_zone_new_local ();
}

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute,
            int        *second)
{
  int h = 0, m = 0, s = 0;
  char extra;
  int n;

  n = sscanf (text, "%d:%d:%d%c", &h, &m, &s, &extra);
  if (n != 3)
    {
      s = 0;
      n = sscanf (text, "%d:%d%c", &h, &m, &extra);
      if (n != 2)
        return FALSE;
    }

  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  *second = s;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                 */
/* ------------------------------------------------------------------------ */

static void
on_day_selected_cb (BylineDateRow *self,
                    GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) day = NULL;

  if (self->updating)
    return;

  day = gtk_calendar_get_date (calendar);
  byline_date_row_select_day (self,
                              g_date_time_get_year (day),
                              g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day));
}

static void
commit_time (BylineDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));

  if (self->updating || self->value == NULL)
    return;

  if (!byline_date_row_set_time_text (self, text))
    gtk_widget_add_css_class (self->time_entry, "error");
}

static void
on_time_activate_cb (BylineDateRow *self,
                     GtkEntry      *entry)
{
  commit_time (self);
}

static void
on_time_changed_cb (BylineDateRow *self,
                    GtkEditable   *editable)
{
  gtk_widget_remove_css_class (self->time_entry, "error");
}

static void
on_time_focus_leave_cb (GtkEventControllerFocus *controller,
                        BylineDateRow           *self)
{
  commit_time (self);
}

static void
on_now_clicked_cb (BylineDateRow *self,
                   GtkButton     *button)
{
  byline_date_row_set_now (self);
}

static void
on_popover_show_cb (BylineDateRow *self,
                    GtkPopover    *popover)
{
  update_widgets (self);
  gtk_widget_grab_focus (self->calendar);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
byline_date_row_dispose (GObject *object)
{
  BylineDateRow *self = BYLINE_DATE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_DATE_ROW);

  G_OBJECT_CLASS (byline_date_row_parent_class)->dispose (object);
}

static void
byline_date_row_finalize (GObject *object)
{
  BylineDateRow *self = BYLINE_DATE_ROW (object);

  g_clear_pointer (&self->value, g_date_time_unref);

  G_OBJECT_CLASS (byline_date_row_parent_class)->finalize (object);
}

static void
byline_date_row_class_init (BylineDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_date_row_dispose;
  object_class->finalize = byline_date_row_finalize;

  /**
   * BylineDateRow::changed:
   *
   * The user picked a new date or time.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  byline_form_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, button);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, popover);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, time_box);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, time_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, zone_label);
  gtk_widget_class_bind_template_child (widget_class, BylineDateRow, now_button);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
}

static void
byline_date_row_init (BylineDateRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_time_focus_leave_cb), self);
  gtk_widget_add_controller (self->time_entry, focus);

  update_widgets (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

GtkWidget *
byline_date_row_new (void)
{
  return g_object_new (BYLINE_TYPE_DATE_ROW, NULL);
}

void
byline_date_row_set_value (BylineDateRow *self,
                           GDateTime     *value,
                           gboolean       has_time,
                           gboolean       has_zone)
{
  g_return_if_fail (BYLINE_IS_DATE_ROW (self));

  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (&self->value, g_date_time_unref);
  self->value = value;
  self->has_time = !!has_time;
  self->has_zone = !!has_zone && !!has_time;

  update_widgets (self);
}

GDateTime *
byline_date_row_get_value (BylineDateRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), NULL);

  return self->value;
}

gboolean
byline_date_row_get_has_time (BylineDateRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), FALSE);

  return self->has_time;
}

char *
byline_date_row_dup_iso8601 (BylineDateRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), NULL);

  if (self->value == NULL)
    return NULL;

  if (!self->has_time)
    return g_date_time_format (self->value, "%Y-%m-%d");

  if (self->has_zone)
    return g_date_time_format (self->value, "%Y-%m-%dT%H:%M:%S%:z");

  return g_date_time_format (self->value, "%Y-%m-%dT%H:%M:%S");
}

void
byline_date_row_select_day (BylineDateRow *self,
                            int            year,
                            int            month,
                            int            day)
{
  g_autoptr(GTimeZone) tz = NULL;
  int hour = 0, minute = 0;
  double seconds = 0;

  g_return_if_fail (BYLINE_IS_DATE_ROW (self));

  tz = value_dup_timezone (self);
  if (self->value != NULL)
    {
      hour = g_date_time_get_hour (self->value);
      minute = g_date_time_get_minute (self->value);
      seconds = g_date_time_get_seconds (self->value);
    }

  take_value (self, g_date_time_new (tz, year, month, day, hour, minute, seconds));
}

gboolean
byline_date_row_set_time_text (BylineDateRow *self,
                               const char    *text)
{
  g_autoptr(GTimeZone) tz = NULL;
  int hour, minute, second;

  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->value == NULL || !parse_time (text, &hour, &minute, &second))
    return FALSE;

  tz = value_dup_timezone (self);
  take_value (self, g_date_time_new (tz,
                                     g_date_time_get_year (self->value),
                                     g_date_time_get_month (self->value),
                                     g_date_time_get_day_of_month (self->value),
                                     hour, minute, second));

  return TRUE;
}

void
byline_date_row_set_now (BylineDateRow *self)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (BYLINE_IS_DATE_ROW (self));

  tz = value_dup_timezone (self);
  /* A date has no zone (it is held in UTC): today is the local day. */
  now = self->has_time ? g_date_time_new_now (tz) : g_date_time_new_now_local ();

  if (self->has_time)
    take_value (self, g_date_time_new (tz,
                                       g_date_time_get_year (now),
                                       g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now),
                                       g_date_time_get_hour (now),
                                       g_date_time_get_minute (now),
                                       g_date_time_get_second (now)));
  else
    take_value (self, g_date_time_new (tz,
                                       g_date_time_get_year (now),
                                       g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now),
                                       0, 0, 0));
}

GtkWidget *
byline_date_row_get_button (BylineDateRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATE_ROW (self), NULL);

  return self->button;
}
