/* byline-date-row.h: a row editing a date or a date and time: a calendar
 * popover, a time entry and a "Now" button. The value keeps its time zone,
 * and a date-only value stays date-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_DATE_ROW (byline_date_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineDateRow, byline_date_row, BYLINE, DATE_ROW, AdwActionRow)

GtkWidget  *byline_date_row_new          (void);
/* Shows @value. @has_time is FALSE for a date-only value; @has_zone is FALSE
 * when the text has no UTC offset (the value is then in local time). Does
 * not emit ::changed. */
void        byline_date_row_set_value    (BylineDateRow *self,
                                          GDateTime     *value,
                                          gboolean       has_time,
                                          gboolean       has_zone);
/* Borrowed; NULL before a value was set. */
GDateTime  *byline_date_row_get_value    (BylineDateRow *self);
gboolean    byline_date_row_get_has_time (BylineDateRow *self);
/* The value as ISO 8601 text: "2025-02-13" for a date, otherwise
 * "2025-02-13T01:55:25" followed by the offset ("+05:30") when the value has
 * a zone. Free with g_free; NULL when there is no value. */
char       *byline_date_row_dup_iso8601  (BylineDateRow *self);

/* As the user does it; each emits ::changed when the value changes. */
void        byline_date_row_select_day   (BylineDateRow *self,
                                          int            year,
                                          int            month,
                                          int            day);
/* Parses "HH:MM" or "HH:MM:SS"; FALSE when it doesn't parse. */
gboolean    byline_date_row_set_time_text (BylineDateRow *self,
                                          const char    *text);
void        byline_date_row_set_now      (BylineDateRow *self);

/* The button that opens the popover (its accessible name is the field's). */
GtkWidget  *byline_date_row_get_button   (BylineDateRow *self);

G_END_DECLS
