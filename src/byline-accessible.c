/* byline-accessible.c: accessible names for the parts GTK and libadwaita
 * build inside their widgets without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-accessible"

#include "config.h"

#include "byline-accessible.h"

typedef struct
{
  GType  type;
  char  *icon_name;
  char  *label;
} Watch;

static const char *
get_icon_name (GtkWidget *widget)
{
  g_assert (GTK_IS_WIDGET (widget));

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_icon_name (GTK_BUTTON (widget));
  return NULL;
}

/* Names @widget, and gives it a tooltip when it has none, if it is of
 * @type with @icon_name (NULL: any). Returns whether it did. */
static gboolean
name_widget (GtkWidget  *widget,
             GType       type,
             const char *icon_name,
             const char *label)
{
  g_assert (GTK_IS_WIDGET (widget));

  if (!g_type_is_a (G_OBJECT_TYPE (widget), type) ||
      (icon_name != NULL && g_strcmp0 (get_icon_name (widget), icon_name) != 0))
    return FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (gtk_widget_get_tooltip_text (widget) == NULL)
    gtk_widget_set_tooltip_text (widget, label);
  return TRUE;
}

/* Names the matching widgets below @widget (not @widget itself). */
static guint
name_parts (GtkWidget  *widget,
            GType       type,
            const char *icon_name,
            const char *label)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (name_widget (child, type, icon_name, label))
        n++;
      n += name_parts (child, type, icon_name, label);
    }

  return n;
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_free (watch->icon_name);
  g_free (watch->label);
  g_free (watch);
}

static void
children_changed_cb (GListModel *children,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  Watch *watch = user_data;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      name_widget (child, watch->type, watch->icon_name, watch->label);
      name_parts (child, watch->type, watch->icon_name, watch->label);
    }
}

guint
byline_accessible_name_parts (GtkWidget  *root,
                              GType       type,
                              const char *icon_name,
                              const char *label)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);
  g_return_val_if_fail (label != NULL, 0);

  return name_parts (root, type, icon_name, label);
}

void
byline_accessible_name_new_parts (GtkWidget  *parent,
                                  GType       type,
                                  const char *icon_name,
                                  const char *label)
{
  GListModel *children;
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (label != NULL);

  watch = g_new0 (Watch, 1);
  watch->type = type;
  watch->icon_name = g_strdup (icon_name);
  watch->label = g_strdup (label);

  children = gtk_widget_observe_children (parent);
  g_signal_connect_data (children, "items-changed", G_CALLBACK (children_changed_cb),
                         watch, (GClosureNotify) (void (*) (void)) watch_free, 0);
  /* The model lives as long as @parent. */
  g_object_set_data_full (G_OBJECT (parent), "byline-accessible-children",
                          children, g_object_unref);
}
