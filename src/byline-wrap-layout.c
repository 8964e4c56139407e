/* byline-wrap-layout.c: children left to right, wrapped onto new lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-wrap-layout"

#include "config.h"

#include "byline-wrap-layout.h"

struct _BylineWrapLayout
{
  GtkLayoutManager parent_instance;
  int              column_spacing;
  int              row_spacing;
};

G_DEFINE_FINAL_TYPE (BylineWrapLayout, byline_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

typedef struct
{
  GtkWidget *child;
  int        x;
  int        width;
  int        height;
} Placed;

/* Allocates the children of one line, centred vertically in it. */
static void
flush_line (GArray   *line,
            int       y,
            int       line_height,
            int       width,
            gboolean  rtl)
{
  for (guint i = 0; i < line->len; i++)
    {
      Placed *p = &g_array_index (line, Placed, i);
      GtkAllocation alloc = {
        rtl ? width - p->x - p->width : p->x,
        y + (line_height - p->height) / 2,
        p->width,
        p->height
      };

      gtk_widget_size_allocate (p->child, &alloc, -1);
    }

  g_array_set_size (line, 0);
}

/* Lays the visible children of @widget out in lines at most @width wide.
 * When @allocate is set, allocates them; returns the total height. The last
 * child, when it expands horizontally (an entry after the chips), takes the
 * rest of its line, or a line of its own when the rest is too narrow. */
static int
layout_lines (BylineWrapLayout *self,
              GtkWidget        *widget,
              int               width,
              gboolean          allocate,
              gboolean          rtl)
{
  g_autoptr(GArray) line = allocate ? g_array_new (FALSE, FALSE, sizeof (Placed)) : NULL;
  GtkWidget *last = NULL;
  int y = 0;
  int line_width = 0;
  int line_height = 0;
  int n_in_line = 0;

  g_assert (BYLINE_IS_WRAP_LAYOUT (self));

  for (GtkWidget *child = gtk_widget_get_last_child (widget);
       child != NULL && last == NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (gtk_widget_should_layout (child))
      last = child;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, child_w, min_h, nat_h;
      gboolean wrap = FALSE;
      int spacing;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      child_w = MIN (nat_w, MAX (width, min_w));
      spacing = n_in_line > 0 ? self->column_spacing : 0;

      if (child == last && gtk_widget_get_hexpand (child))
        {
          int rest = width - line_width - spacing;

          wrap = n_in_line > 0 && rest < min_w;
          child_w = wrap ? MAX (min_w, width) : MAX (min_w, rest);
        }
      else
        wrap = n_in_line > 0 && line_width + spacing + child_w > width;

      if (wrap)
        {
          if (line != NULL)
            flush_line (line, y, line_height, width, rtl);
          y += line_height + self->row_spacing;
          line_width = 0;
          line_height = 0;
          n_in_line = 0;
          spacing = 0;
        }

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_w, &min_h, &nat_h, NULL, NULL);

      if (line != NULL)
        {
          Placed p = { child, line_width + spacing, child_w, nat_h };

          g_array_append_val (line, p);
        }

      line_width += spacing + child_w;
      line_height = MAX (line_height, nat_h);
      n_in_line++;
    }

  if (line != NULL)
    flush_line (line, y, line_height, width, rtl);

  return y + line_height;
}

static GtkSizeRequestMode
byline_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
byline_wrap_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  BylineWrapLayout *self = BYLINE_WRAP_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0, n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (n > 0 ? self->column_spacing : 0);
          n++;
        }

      *minimum = min;
      *natural = nat;
    }
  else
    {
      int width = for_size;
      int height;

      if (width < 0)
        {
          int min_w, nat_w;

          byline_wrap_layout_measure (manager, widget, GTK_ORIENTATION_HORIZONTAL, -1,
                                      &min_w, &nat_w, NULL, NULL);
          width = nat_w;
        }

      height = layout_lines (self, widget, width, FALSE, FALSE);
      *minimum = height;
      *natural = height;
    }

  *minimum_baseline = -1;
  *natural_baseline = -1;
}

static void
byline_wrap_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  BylineWrapLayout *self = BYLINE_WRAP_LAYOUT (manager);

  layout_lines (self, widget, width, TRUE,
                gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
}

static void
byline_wrap_layout_class_init (BylineWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = byline_wrap_layout_get_request_mode;
  layout_class->measure = byline_wrap_layout_measure;
  layout_class->allocate = byline_wrap_layout_allocate;
}

static void
byline_wrap_layout_init (BylineWrapLayout *self)
{
  self->column_spacing = 6;
  self->row_spacing = 6;
}

GtkLayoutManager *
byline_wrap_layout_new (void)
{
  return g_object_new (BYLINE_TYPE_WRAP_LAYOUT, NULL);
}

void
byline_wrap_layout_set_spacing (BylineWrapLayout *self,
                                int               column_spacing,
                                int               row_spacing)
{
  g_return_if_fail (BYLINE_IS_WRAP_LAYOUT (self));

  self->column_spacing = MAX (0, column_spacing);
  self->row_spacing = MAX (0, row_spacing);
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
