/* byline-accessible.c: accessible names for the parts GTK and libadwaita
 * build inside their widgets without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-accessible"

#include "config.h"

#include "byline-accessible.h"

static const char *
get_icon_name (GtkWidget *widget)
{
  g_assert (GTK_IS_WIDGET (widget));

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_icon_name (GTK_BUTTON (widget));
  if (GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_ICON_NAME)
    return gtk_image_get_icon_name (GTK_IMAGE (widget));
  return NULL;
}

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
      if (g_type_is_a (G_OBJECT_TYPE (child), type) &&
          (icon_name == NULL || g_strcmp0 (get_icon_name (child), icon_name) == 0))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          if (gtk_widget_get_tooltip_text (child) == NULL)
            gtk_widget_set_tooltip_text (child, label);
          n++;
        }
      n += name_parts (child, type, icon_name, label);
    }

  return n;
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
