/* byline-chip-editor.c: chips for a list of short values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-chip-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-chip-editor.h"
#include "byline-wrap-layout.h"
#include "byline-form-style.h"

struct _BylineChipEditor
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkWidget          *chips;
  GtkWidget          *entry;

  /* owned */
  GtkEntryCompletion *completion;
  GtkListStore       *suggestions;
  char               *name;

  /* borrowed: the chip being dragged */
  GtkWidget          *drag_chip;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylineChipEditor, byline_chip_editor, GTK_TYPE_WIDGET)

#define CHIP_VALUE "byline-chip-value"

static GtkWidget *create_chip (BylineChipEditor *self,
                               const char       *value);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static const char *
chip_get_value (GtkWidget *chip)
{
  return g_object_get_data (G_OBJECT (chip), CHIP_VALUE);
}

static guint
chip_get_index (BylineChipEditor *self,
                GtkWidget        *chip)
{
  guint i = 0;

  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  for (GtkWidget *child = gtk_widget_get_first_child (self->chips);
       child != NULL && child != chip && child != self->entry;
       child = gtk_widget_get_next_sibling (child))
    i++;

  return i;
}

/* The entry's "+" shows only when there is something to add. */
static void
update_add_icon (BylineChipEditor *self)
{
  gboolean has_text = gtk_entry_get_text_length (GTK_ENTRY (self->entry)) > 0;

  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY,
                                     has_text ? "list-add-symbolic" : NULL);
}

static gboolean
contains_item (BylineChipEditor *self,
               const char       *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->chips);
       child != NULL && child != self->entry;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (chip_get_value (child), value) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
get_name (BylineChipEditor *self)
{
  return self->name != NULL ? self->name : _("items");
}

static void
update_chip_accessible (BylineChipEditor *self,
                        GtkWidget        *chip)
{
  guint n = byline_chip_editor_get_n_items (self);
  g_autofree char *desc = NULL;

  /* Translators: "%u of %u" is the chip's position, e.g. "2 of 5" */
  desc = g_strdup_printf (_("%u of %u in %s. Delete removes it, Alt+Left and Alt+Right move it."),
                          chip_get_index (self, chip) + 1, n, get_name (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chip_get_value (chip),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc,
                                  -1);
}

static void
update_all_accessible (BylineChipEditor *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->chips);
       child != NULL && child != self->entry;
       child = gtk_widget_get_next_sibling (child))
    update_chip_accessible (self, child);
}

static void
emit_changed (BylineChipEditor *self)
{
  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  update_all_accessible (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Moves @chip to @to, keeping the widget (and its focus). */
static void
move_chip (BylineChipEditor *self,
           GtkWidget        *chip,
           guint             to)
{
  guint from = chip_get_index (self, chip);
  GtkWidget *sibling;

  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  if (from == to)
    return;

  g_object_ref (chip);
  gtk_widget_unparent (chip);

  sibling = gtk_widget_get_first_child (self->chips);
  for (guint i = 0; i < to && sibling != NULL; i++)
    sibling = gtk_widget_get_next_sibling (sibling);

  gtk_widget_insert_before (chip, self->chips, sibling);
  g_object_unref (chip);

  emit_changed (self);
}

static void
remove_chip (BylineChipEditor *self,
             GtkWidget        *chip)
{
  GtkWidget *next_focus = NULL;

  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  if (gtk_widget_has_focus (chip))
    {
      next_focus = gtk_widget_get_next_sibling (chip);
      if (next_focus == NULL)
        next_focus = gtk_widget_get_prev_sibling (chip);
      if (next_focus == NULL)
        next_focus = self->entry;
    }

  gtk_widget_unparent (chip);

  if (next_focus != NULL)
    gtk_widget_grab_focus (next_focus);

  emit_changed (self);
}

/* Adds the values before each comma in the entry; the text after the last
 * comma stays. With @all, adds that too. */
static gboolean
commit_entry (BylineChipEditor *self,
              gboolean          all)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_auto(GStrv) parts = NULL;
  gboolean added = FALSE;
  guint n;

  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  if (!all && strchr (text, ',') == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;

      if (i == n - 1 && !all)
        break;

      value = g_strstrip (g_strdup (parts[i]));
      if (value[0] == '\0' || contains_item (self, value))
        continue;

      gtk_widget_insert_before (create_chip (self, value), self->chips, self->entry);
      added = TRUE;
    }

  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), all || n == 0 ? "" : parts[n - 1]);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  update_add_icon (self);

  if (added)
    emit_changed (self);

  return added;
}

/* ------------------------------------------------------------------------ */
/* Chips                                                                     */
/* ------------------------------------------------------------------------ */

static void
on_chip_remove_clicked_cb (GtkButton *button,
                           GtkWidget *chip)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (gtk_widget_get_ancestor (chip, BYLINE_TYPE_CHIP_EDITOR));

  remove_chip (self, chip);
}

static gboolean
on_chip_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkWidget             *chip)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (gtk_widget_get_ancestor (chip, BYLINE_TYPE_CHIP_EDITOR));
  gboolean rtl = gtk_widget_get_direction (chip) == GTK_TEXT_DIR_RTL;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  guint index = chip_get_index (self, chip);
  guint n = byline_chip_editor_get_n_items (self);
  gboolean left, right;

  if (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete || keyval == GDK_KEY_BackSpace)
    {
      if (mods != 0)
        return FALSE;
      remove_chip (self, chip);
      return TRUE;
    }

  left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  if (rtl)
    {
      gboolean tmp = left;
      left = right;
      right = tmp;
    }

  if (!left && !right)
    return FALSE;

  if (mods == GDK_ALT_MASK)
    {
      if (left && index > 0)
        move_chip (self, chip, index - 1);
      else if (right && index + 1 < n)
        move_chip (self, chip, index + 1);
      gtk_widget_grab_focus (chip);
      return TRUE;
    }

  if (mods == 0)
    {
      GtkWidget *target = left ? gtk_widget_get_prev_sibling (chip) : gtk_widget_get_next_sibling (chip);

      if (target == NULL && right)
        target = self->entry;
      if (target != NULL)
        gtk_widget_grab_focus (target);
      return TRUE;
    }

  return FALSE;
}

static GdkContentProvider *
on_chip_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkWidget     *chip)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (gtk_widget_get_ancestor (chip, BYLINE_TYPE_CHIP_EDITOR));

  self->drag_chip = chip;

  return gdk_content_provider_new_typed (G_TYPE_STRING, chip_get_value (chip));
}

static void
on_chip_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       GtkWidget     *chip)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (chip);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static void
on_chip_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     GtkWidget     *chip)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (gtk_widget_get_ancestor (chip, BYLINE_TYPE_CHIP_EDITOR));

  if (self != NULL)
    self->drag_chip = NULL;
}

static gboolean
on_chip_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 GtkWidget     *chip)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (gtk_widget_get_ancestor (chip, BYLINE_TYPE_CHIP_EDITOR));

  if (self->drag_chip == NULL || self->drag_chip == chip ||
      gtk_widget_get_parent (self->drag_chip) != self->chips)
    return FALSE;

  move_chip (self, self->drag_chip, chip_get_index (self, chip));
  self->drag_chip = NULL;

  return TRUE;
}

static GtkWidget *
create_chip (BylineChipEditor *self,
             const char       *value)
{
  GtkWidget *chip, *label, *button;
  GtkEventController *key;
  GtkDragSource *drag;
  GtkDropTarget *drop;
  g_autofree char *remove_label = NULL;

  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (chip, "byline-chip");
  gtk_widget_set_focusable (chip, TRUE);
  byline_form_set_tooltip (chip, value);
  g_object_set_data_full (G_OBJECT (chip), CHIP_VALUE, g_strdup (value), g_free);

  label = gtk_label_new (value);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (chip), label);

  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  byline_form_set_tooltip (button, _("Remove"));
  /* Translators: the accessible label of a tag's remove button */
  remove_label = g_strdup_printf (_("Remove %s"), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_remove_clicked_cb), chip);
  gtk_box_append (GTK_BOX (chip), button);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_chip_key_pressed_cb), chip);
  gtk_widget_add_controller (chip, key);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_chip_drag_prepare_cb), chip);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_chip_drag_begin_cb), chip);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_chip_drag_end_cb), chip);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_chip_drop_cb), chip);
  gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (drop));

  return chip;
}

/* ------------------------------------------------------------------------ */
/* Entry and suggestions                                                     */
/* ------------------------------------------------------------------------ */

static void
on_entry_activate_cb (BylineChipEditor *self,
                      GtkEntry         *entry)
{
  commit_entry (self, TRUE);
}

static void
on_entry_changed_cb (BylineChipEditor *self,
                     GtkEditable      *editable)
{
  update_add_icon (self);
  commit_entry (self, FALSE);
}

static void
on_entry_icon_press_cb (BylineChipEditor     *self,
                        GtkEntryIconPosition  position,
                        GtkEntry             *entry)
{
  commit_entry (self, TRUE);
}

static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         BylineChipEditor      *self)
{
  GtkWidget *last;

  if (keyval != GDK_KEY_BackSpace && keyval != GDK_KEY_Left)
    return FALSE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  if (gtk_editable_get_position (GTK_EDITABLE (self->entry)) != 0 ||
      (keyval == GDK_KEY_BackSpace && gtk_entry_get_text_length (GTK_ENTRY (self->entry)) > 0))
    return FALSE;

  last = gtk_widget_get_prev_sibling (self->entry);
  if (last == NULL)
    return FALSE;

  gtk_widget_grab_focus (last);
  return TRUE;
}

static gboolean
completion_match_cb (GtkEntryCompletion *completion,
                     const char         *key,
                     GtkTreeIter        *iter,
                     gpointer            user_data)
{
  BylineChipEditor *self = user_data;
  g_autofree char *value = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_key = NULL;
  const char *last_comma;

  gtk_tree_model_get (GTK_TREE_MODEL (self->suggestions), iter, 0, &value, -1);
  if (value == NULL || contains_item (self, value))
    return FALSE;

  last_comma = strrchr (key, ',');
  folded_key = g_utf8_casefold (last_comma != NULL ? last_comma + 1 : key, -1);
  g_strstrip (folded_key);
  if (folded_key[0] == '\0')
    return FALSE;

  folded = g_utf8_casefold (value, -1);

  return strstr (folded, folded_key) != NULL;
}

static gboolean
on_match_selected_cb (GtkEntryCompletion *completion,
                      GtkTreeModel       *model,
                      GtkTreeIter        *iter,
                      BylineChipEditor   *self)
{
  g_autofree char *value = NULL;

  gtk_tree_model_get (model, iter, 0, &value, -1);

  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  byline_chip_editor_add_item (self, value);

  return TRUE;
}

static void
update_placeholder (BylineChipEditor *self)
{
  g_autofree char *placeholder = NULL;
  g_autofree char *add_label = NULL;

  /* Translators: placeholder of the entry that adds a value to a list */
  placeholder = g_strdup (_("Add…"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), placeholder);
  /* Translators: %s is a list field's name, e.g. "tags" */
  add_label = g_strdup_printf (_("Add to %s (Enter or comma)"), get_name (self));
  byline_form_set_tooltip (self->entry, add_label);
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, add_label);
}

/* The completion is attached when the entry first takes the focus: each
 * one makes a popover with a renderer of its own when realized, which a
 * window with several lists would otherwise pay for before its first
 * frame. */
static void
ensure_completion (BylineChipEditor *self)
{
  g_assert (BYLINE_IS_CHIP_EDITOR (self));

  if (self->completion != NULL)
    return;

  self->completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (self->completion, GTK_TREE_MODEL (self->suggestions));
  gtk_entry_completion_set_text_column (self->completion, 0);
  gtk_entry_completion_set_minimum_key_length (self->completion, 1);
  gtk_entry_completion_set_popup_single_match (self->completion, TRUE);
  gtk_entry_completion_set_inline_completion (self->completion, FALSE);
  gtk_entry_completion_set_match_func (self->completion, completion_match_cb, self, NULL);
  g_signal_connect (self->completion, "match-selected", G_CALLBACK (on_match_selected_cb), self);
  gtk_entry_set_completion (GTK_ENTRY (self->entry), self->completion);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
byline_chip_editor_dispose (GObject *object)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (object);

  if (self->entry != NULL)
    gtk_entry_set_completion (GTK_ENTRY (self->entry), NULL);
  g_clear_object (&self->completion);
  g_clear_object (&self->suggestions);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_CHIP_EDITOR);

  G_OBJECT_CLASS (byline_chip_editor_parent_class)->dispose (object);
}

static void
byline_chip_editor_finalize (GObject *object)
{
  BylineChipEditor *self = BYLINE_CHIP_EDITOR (object);

  g_free (self->name);

  G_OBJECT_CLASS (byline_chip_editor_parent_class)->finalize (object);
}

static void
byline_chip_editor_class_init (BylineChipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_chip_editor_dispose;
  object_class->finalize = byline_chip_editor_finalize;

  /**
   * BylineChipEditor::changed:
   *
   * The user added, removed or moved an item.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  byline_form_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-chip-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineChipEditor, box);
  gtk_widget_class_bind_template_child (widget_class, BylineChipEditor, chips);
  gtk_widget_class_bind_template_child (widget_class, BylineChipEditor, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_icon_press_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinechipeditor");
}

static void
byline_chip_editor_init (BylineChipEditor *self)
{
  GtkEventController *key;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  byline_form_style_init ();

  gtk_widget_set_layout_manager (self->chips, byline_wrap_layout_new ());

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, key);

  self->suggestions = gtk_list_store_new (1, G_TYPE_STRING);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (ensure_completion), self);
  gtk_widget_add_controller (self->entry, focus);

  update_placeholder (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

GtkWidget *
byline_chip_editor_new (void)
{
  return g_object_new (BYLINE_TYPE_CHIP_EDITOR, NULL);
}

void
byline_chip_editor_set_items (BylineChipEditor   *self,
                              const char * const *items)
{
  GtkWidget *child;
  GtkWidget *focus_chip = NULL;
  guint focus_index = 0;
  guint i = 0;

  g_return_if_fail (BYLINE_IS_CHIP_EDITOR (self));

  /* Keep the chips that are the same, in place. */
  child = gtk_widget_get_first_child (self->chips);
  while (child != NULL && child != self->entry && items != NULL && items[i] != NULL &&
         g_strcmp0 (chip_get_value (child), items[i]) == 0)
    {
      child = gtk_widget_get_next_sibling (child);
      i++;
    }

  while (child != NULL && child != self->entry)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (gtk_widget_has_focus (child))
        {
          focus_chip = child;
          focus_index = i;
        }
      gtk_widget_unparent (child);
      child = next;
    }

  for (; items != NULL && items[i] != NULL; i++)
    {
      GtkWidget *chip = create_chip (self, items[i]);

      gtk_widget_insert_before (chip, self->chips, self->entry);
      if (focus_chip != NULL && i == focus_index)
        gtk_widget_grab_focus (chip);
    }

  if (focus_chip != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL &&
      gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))) == NULL)
    gtk_widget_grab_focus (self->entry);

  update_all_accessible (self);
}

char **
byline_chip_editor_dup_items (BylineChipEditor *self)
{
  GStrvBuilder *builder;
  char **ret;

  g_return_val_if_fail (BYLINE_IS_CHIP_EDITOR (self), NULL);

  builder = g_strv_builder_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (self->chips);
       child != NULL && child != self->entry;
       child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (builder, chip_get_value (child));

  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

guint
byline_chip_editor_get_n_items (BylineChipEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (BYLINE_IS_CHIP_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->chips);
       child != NULL && child != self->entry;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

void
byline_chip_editor_set_suggestions (BylineChipEditor   *self,
                                    const char * const *suggestions)
{
  g_return_if_fail (BYLINE_IS_CHIP_EDITOR (self));

  gtk_list_store_clear (self->suggestions);
  for (guint i = 0; suggestions != NULL && suggestions[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->suggestions, NULL, -1, 0, suggestions[i], -1);
}

void
byline_chip_editor_set_name (BylineChipEditor *self,
                             const char       *name)
{
  g_return_if_fail (BYLINE_IS_CHIP_EDITOR (self));

  g_free (self->name);
  self->name = g_strdup (name);

  update_placeholder (self);
  update_all_accessible (self);
}

GtkWidget *
byline_chip_editor_get_entry (BylineChipEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_CHIP_EDITOR (self), NULL);

  return self->entry;
}

GtkWidget *
byline_chip_editor_get_chip (BylineChipEditor *self,
                             guint             index)
{
  GtkWidget *child;

  g_return_val_if_fail (BYLINE_IS_CHIP_EDITOR (self), NULL);

  child = gtk_widget_get_first_child (self->chips);
  for (guint i = 0; i < index && child != NULL; i++)
    child = gtk_widget_get_next_sibling (child);

  return child != self->entry ? child : NULL;
}

gboolean
byline_chip_editor_add_item (BylineChipEditor *self,
                             const char       *item)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (BYLINE_IS_CHIP_EDITOR (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  value = g_strstrip (g_strdup (item));
  if (value[0] == '\0' || contains_item (self, value))
    return FALSE;

  gtk_widget_insert_before (create_chip (self, value), self->chips, self->entry);
  emit_changed (self);

  return TRUE;
}

void
byline_chip_editor_remove_item (BylineChipEditor *self,
                                guint             index)
{
  GtkWidget *chip;

  g_return_if_fail (BYLINE_IS_CHIP_EDITOR (self));

  chip = byline_chip_editor_get_chip (self, index);
  g_return_if_fail (chip != NULL);

  remove_chip (self, chip);
}

void
byline_chip_editor_move_item (BylineChipEditor *self,
                              guint             from,
                              guint             to)
{
  GtkWidget *chip;

  g_return_if_fail (BYLINE_IS_CHIP_EDITOR (self));

  chip = byline_chip_editor_get_chip (self, from);
  g_return_if_fail (chip != NULL);
  g_return_if_fail (to < byline_chip_editor_get_n_items (self));

  move_chip (self, chip, to);
}
