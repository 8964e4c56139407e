/* byline-front-matter-form.c: the left pane. Every front matter field edited
 * through a widget that fits its type, and the raw YAML view.
 *
 * Every edit is an engine edit on the document's current model; its result
 * goes back with byline_document_set_front_matter_text(). The form never
 * writes YAML itself.
 *
 * Rows are rebuilt only when the structure changes (keys added, removed,
 * renamed or moved, or types changed by the YAML view or undo). Otherwise the
 * rows stay, so the focus and the cursor stay where they are, and each row
 * looks its node up again by key path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-front-matter-form"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "byline-chip-editor.h"
#include "byline-date-row.h"
#include "byline-field-row.h"
#include "byline-form-style.h"
#include "byline-front-matter-form.h"
#include "byline-front-matter-form-private.h"
#include "byline-image-field.h"
#include "byline-image-link.h"
#include "byline-site.h"
#include "byline-text-row.h"
#include "byline-wrap-layout.h"

#define LONG_STRING_CHARS 80
#define MAX_SPIN_INT      9007199254740992.0    /* 2^53: exact in a double */
#define MAX_SUGGESTIONS   500
#define YAML_REBUILD_DELAY_MS 150

typedef enum {
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_BOOL,
  FIELD_INT,
  FIELD_FLOAT,
  FIELD_DATE,
  FIELD_CHIPS,
  FIELD_MAPPING,
  FIELD_SEQUENCE,
  FIELD_READ_ONLY,
} FieldKind;

typedef struct
{
  BylineFrontMatterForm *form;         /* borrowed */
  char                 **path;
  char                  *key;          /* the key, or the item's number */
  FieldKind              kind;
  BylineValueType        built_type;   /* the node's type when the row was built */
  GtkWidget             *row;          /* borrowed: its list owns it */
  GtkWidget             *editor;       /* borrowed: the widget that edits */
  GtkWidget             *warning;      /* borrowed: a GtkImage in the row */
  GtkWidget             *menu_button;  /* borrowed */
  char                  *error;        /* the last edit's error, or NULL */
  char                  *reason;       /* why a read-only field is read-only */
  char                  *warning_text; /* the current warning, or NULL */
  guint                  index;        /* among its siblings, when built */
  guint                  is_item : 1;
  guint                  was_null : 1;
  guint                  duplicate : 1;
  guint                  pending : 1;  /* typed text not yet committed */
} Field;

struct _BylineFrontMatterForm
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *main_box;
  GtkWidget         *toolbar;
  GtkWidget         *add_button;
  GtkWidget         *status_label;
  GtkWidget         *yaml_button;
  GtkWidget         *error_revealer;
  GtkWidget         *error_label;
  GtkWidget         *paned;
  GtkWidget         *yaml_scroller;
  GtkWidget         *yaml_view;         /* made when first shown */
  GtkWidget         *stack;
  GtkWidget         *fields_scroller;
  GtkWidget         *fields_box;
  GtkWidget         *status_page;
  GtkWidget         *status_button;

  /* owned */
  BylineDocument    *document;
  GtkSourceBuffer   *yaml_buffer;
  GCancellable      *site_cancellable;
  BylineSiteIndex   *site;
  GSettings         *settings;
  GPtrArray         *fields;           /* Field * borrowed from their rows */
  char              *kind_signature;   /* of the rows shown */
  char              *struct_signature;
  GHashTable        *long_text_paths;  /* paths added as long text */
  char             **focus_after_rebuild;
  GtkTextTag        *error_tag;
  BylineSpellChecker *spell_model;     /* the text rows check spelling as it does */

  /* borrowed */
  GtkWidget         *group;            /* the AdwPreferencesGroup shown */

  guint              rebuild_source;
  guint              commit_source;
  guint              more_rows_source;  /* builds the rows below the fold */
  gulong             more_rows_handler; /* after-paint: the first frame is shown */
  guint              next_row;          /* the first top-level row not built yet, or 0 */
  gulong             style_handler;
  guint              n_rebuilds;

  guint              show_yaml : 1;
  guint              in_form_edit : 1;
  guint              committing_typed : 1;
  guint              in_yaml_edit : 1;
  guint              updating_yaml : 1;
  guint              rebuilding : 1;
  guint              has_rows : 1;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SHOW_YAML,
  PROP_SITE_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BylineFrontMatterForm, byline_front_matter_form, GTK_TYPE_WIDGET)

#define FIELD_DATA "byline-field"
#define WARNING_LABEL "byline-warning-label"
/* Rows built per main loop iteration after the first frame */
#define MORE_ROWS_BATCH 25

static void       rebuild              (BylineFrontMatterForm *self);
static GtkWidget *build_node_row       (BylineFrontMatterForm *self,
                                        BylineFrontMatter     *fm,
                                        BylineNode            *node,
                                        gboolean               is_item,
                                        guint                  index,
                                        guint                  n_siblings,
                                        gboolean               duplicate);
static void       field_refresh        (Field                 *field,
                                        BylineNode            *node);
static void       flush_pending        (BylineFrontMatterForm *self);
static void       update_image_strip   (Field                 *field,
                                        const char * const    *items);
static void       ensure_all_rows      (BylineFrontMatterForm *self);
static void       cancel_more_rows     (BylineFrontMatterForm *self);
static gboolean   more_rows_idle_cb    (gpointer               data);

/* ------------------------------------------------------------------------ */
/* Small helpers                                                             */
/* ------------------------------------------------------------------------ */

static const char * const text_keys[] = {
  "summary", "description", "lead", "excerpt", "abstract", "subtitle_long", NULL
};

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static char *
path_to_string (const char * const *path)
{
  /* A unit separator never appears in a key Byline can edit. */
  return g_strjoinv ("\x1f", (char **) path);
}

static char **
path_append (const char * const *path,
             const char         *last)
{
  guint n = path != NULL ? g_strv_length ((char **) path) : 0;
  char **ret = g_new0 (char *, n + 2);

  for (guint i = 0; i < n; i++)
    ret[i] = g_strdup (path[i]);
  ret[n] = g_strdup (last);

  return ret;
}

static char **
path_parent (const char * const *path)
{
  guint n = g_strv_length ((char **) path);
  char **ret = g_new0 (char *, n > 0 ? n : 1);

  for (guint i = 0; i + 1 < n; i++)
    ret[i] = g_strdup (path[i]);

  return ret;
}

static char *
path_to_dotted (const char * const *path)
{
  return g_strjoinv (".", (char **) path);
}

static gboolean
value_type_is_scalar (BylineValueType type)
{
  return type != BYLINE_VALUE_SEQUENCE && type != BYLINE_VALUE_MAPPING;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static gboolean
key_is_date_key (const char *key)
{
  BylineValueType hint;

  return key != NULL && byline_site_key_hint (key, &hint) &&
         (hint == BYLINE_VALUE_DATE || hint == BYLINE_VALUE_DATETIME);
}

/* The type a key usually holds: the well-known keys first, then the site. */
static gboolean
form_key_hint (BylineFrontMatterForm *self,
               const char * const    *path,
               BylineValueType       *type)
{
  const char *key;
  g_autofree char *dotted = NULL;
  guint n;

  g_assert (BYLINE_IS_FRONT_MATTER_FORM (self));

  n = g_strv_length ((char **) path);
  if (n == 0)
    return FALSE;
  key = path[n - 1];

  if (n == 1 && byline_site_key_hint (key, type))
    return TRUE;

  if (self->site == NULL)
    return FALSE;

  dotted = path_to_dotted (path);
  if (!byline_site_index_get_key_type (self->site, dotted, type))
    return FALSE;

  return *type != BYLINE_VALUE_NULL;
}

/* TRUE when the scalar text ends with a UTC offset ("Z", "+05:30", "-0800"). */
static gboolean
datetime_text_has_zone (const char *text)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  len = strlen (trimmed);
  if (len < 11)
    return FALSE;

  if (trimmed[len - 1] == 'Z' || trimmed[len - 1] == 'z')
    return TRUE;

  for (gsize i = len; i > 10; i--)
    {
      char c = trimmed[i - 1];

      if (c == '+' || c == '-')
        return TRUE;
      if (!g_ascii_isdigit (c) && c != ':')
        return FALSE;
    }

  return FALSE;
}

static guint
count_decimals (const char *text)
{
  const char *dot;
  guint n = 0;

  if (text == NULL || (dot = strchr (text, '.')) == NULL)
    return 1;

  for (const char *p = dot + 1; g_ascii_isdigit (*p); p++)
    n++;

  return CLAMP (n, 1, 10);
}

static char *
node_dup_source_text (BylineFrontMatter *fm,
                      BylineNode        *node)
{
  const char *text;
  gsize start, end, len;

  text = byline_front_matter_get_text (fm, &len);
  byline_node_get_value_range (node, &start, &end);
  if (start > end || end > len)
    return g_strdup ("");

  return g_strndup (text + start, end - start);
}

static guint
node_index_in_parent (BylineNode *node)
{
  BylineNode *parent = byline_node_get_parent (node);
  guint n;

  if (parent == NULL)
    return 0;

  n = byline_node_get_n_children (parent);
  for (guint i = 0; i < n; i++)
    if (byline_node_get_child (parent, i) == node)
      return i;

  return 0;
}

static gboolean
sequence_is_scalars (BylineNode *node)
{
  guint n = byline_node_get_n_children (node);

  for (guint i = 0; i < n; i++)
    {
      BylineNode *item = byline_node_get_child (node, i);

      if (!value_type_is_scalar (byline_node_get_value_type (item)) ||
          byline_node_get_value_type (item) == BYLINE_VALUE_TEXT ||
          byline_node_is_read_only (item, NULL))
        return FALSE;
    }

  return TRUE;
}

static char **
sequence_dup_items (BylineNode *node)
{
  guint n = byline_node_get_n_children (node);
  char **items = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *value = byline_node_get_scalar (byline_node_get_child (node, i));

      items[i] = g_strdup (value != NULL ? value : "");
    }

  return items;
}

static FieldKind
choose_kind (BylineFrontMatterForm *self,
             BylineNode            *node,
             const char * const    *path,
             gboolean               duplicate)
{
  BylineValueType type = byline_node_get_value_type (node);
  g_autofree char *path_str = NULL;
  const char *key = byline_node_get_key (node);
  BylineValueType hint;

  g_assert (BYLINE_IS_FRONT_MATTER_FORM (self));

  if (duplicate || byline_node_is_read_only (node, NULL))
    return FIELD_READ_ONLY;

  switch (type)
    {
    case BYLINE_VALUE_BOOL:
      return FIELD_BOOL;

    case BYLINE_VALUE_INT:
      {
        const char *scalar = byline_node_get_scalar (node);
        double value = scalar != NULL ? g_ascii_strtod (scalar, NULL) : 0;

        return fabs (value) <= MAX_SPIN_INT ? FIELD_INT : FIELD_ENTRY;
      }

    case BYLINE_VALUE_FLOAT:
      {
        const char *scalar = byline_node_get_scalar (node);
        double value = scalar != NULL ? g_ascii_strtod (scalar, NULL) : NAN;

        return isfinite (value) && fabs (value) <= 1e15 ? FIELD_FLOAT : FIELD_ENTRY;
      }

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      {
        g_autoptr(GDateTime) dt = byline_node_dup_datetime (node);

        return dt != NULL ? FIELD_DATE : FIELD_ENTRY;
      }

    case BYLINE_VALUE_TEXT:
      return FIELD_TEXT;

    case BYLINE_VALUE_STRING:
      {
        const char *scalar = byline_node_get_scalar (node);

        path_str = path_to_string (path);
        if ((key != NULL && g_strv_contains (text_keys, key)) ||
            (scalar != NULL && g_utf8_strlen (scalar, -1) > LONG_STRING_CHARS) ||
            (scalar != NULL && strchr (scalar, '\n') != NULL) ||
            g_hash_table_contains (self->long_text_paths, path_str))
          return FIELD_TEXT;

        return FIELD_ENTRY;
      }

    case BYLINE_VALUE_SEQUENCE:
      return sequence_is_scalars (node) ? FIELD_CHIPS : FIELD_SEQUENCE;

    case BYLINE_VALUE_MAPPING:
      return FIELD_MAPPING;

    case BYLINE_VALUE_NULL:
      path_str = path_to_string (path);
      if (form_key_hint (self, path, &hint) && hint == BYLINE_VALUE_SEQUENCE)
        return FIELD_CHIPS;
      if ((key != NULL && g_strv_contains (text_keys, key)) ||
          g_hash_table_contains (self->long_text_paths, path_str))
        return FIELD_TEXT;
      return FIELD_ENTRY;

    default:
      return FIELD_ENTRY;
    }
}

static char
kind_category (FieldKind kind)
{
  switch (kind)
    {
    case FIELD_CHIPS:
      return 'l';
    case FIELD_MAPPING:
      return 'm';
    case FIELD_SEQUENCE:
      return 'q';
    case FIELD_READ_ONLY:
      return 'r';
    case FIELD_ENTRY:
    case FIELD_TEXT:
    case FIELD_BOOL:
    case FIELD_INT:
    case FIELD_FLOAT:
    case FIELD_DATE:
    default:
      return 's';
    }
}

/* Fills @keys with the keys of @mapping that appear more than once. */
static GHashTable *
find_duplicate_keys (BylineNode *mapping)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *dups = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = byline_node_get_n_children (mapping);

  for (guint i = 0; i < n; i++)
    {
      const char *key = byline_node_get_key (byline_node_get_child (mapping, i));

      if (key == NULL)
        continue;
      if (!g_hash_table_add (seen, (gpointer) key))
        g_hash_table_add (dups, (gpointer) key);
    }

  return dups;
}

static void
append_signature (BylineFrontMatterForm *self,
                  GString               *kinds,
                  GString               *cats,
                  BylineNode            *container,
                  const char * const    *parent_path)
{
  g_autoptr(GHashTable) dups = NULL;
  gboolean is_mapping = byline_node_get_value_type (container) == BYLINE_VALUE_MAPPING;
  guint n = byline_node_get_n_children (container);

  if (is_mapping)
    dups = find_duplicate_keys (container);

  for (guint i = 0; i < n; i++)
    {
      BylineNode *child = byline_node_get_child (container, i);
      const char *key = byline_node_get_key (child);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_auto(GStrv) path = path_append (parent_path, is_mapping && key != NULL ? key : index);
      g_autofree char *path_str = path_to_string ((const char * const *) path);
      gboolean dup = dups != NULL && key != NULL && g_hash_table_contains (dups, key);
      FieldKind kind = choose_kind (self, child, (const char * const *) path, dup);

      g_string_append_printf (kinds, "%s\x1e%d%s\x1d", path_str, kind, dup ? "d" : "");
      g_string_append_printf (cats, "%s\x1e%c%s\x1d", path_str, kind_category (kind), dup ? "d" : "");

      if (kind == FIELD_MAPPING || kind == FIELD_SEQUENCE)
        {
          g_string_append_printf (cats, "{%u}", byline_node_get_n_children (child));
          append_signature (self, kinds, cats, child, (const char * const *) path);
        }
    }
}

static void
compute_signatures (BylineFrontMatterForm  *self,
                    BylineFrontMatter      *fm,
                    char                  **kinds_out,
                    char                  **cats_out)
{
  GString *kinds = g_string_new (NULL);
  GString *cats = g_string_new (NULL);
  BylineNode *root = byline_front_matter_get_root (fm);

  if (root != NULL)
    append_signature (self, kinds, cats, root, NULL);

  *kinds_out = g_string_free (kinds, FALSE);
  *cats_out = g_string_free (cats, FALSE);
}

static GtkWindow *
get_window (BylineFrontMatterForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static BylineFrontMatter *
get_model (BylineFrontMatterForm *self)
{
  if (self->document == NULL)
    return NULL;

  return byline_document_get_front_matter (self->document);
}

static gboolean
model_is_editable (BylineFrontMatterForm *self)
{
  BylineFrontMatter *fm = get_model (self);

  return fm != NULL &&
         byline_front_matter_is_valid (fm) &&
         byline_front_matter_get_format (fm) != BYLINE_FORMAT_NONE &&
         !byline_front_matter_is_read_only (fm, NULL) &&
         byline_front_matter_get_root (fm) != NULL;
}

/* ------------------------------------------------------------------------ */
/* Applying edits                                                            */
/* ------------------------------------------------------------------------ */

static void
field_set_error (Field      *field,
                 const char *message)
{
  g_assert (field != NULL);

  if (g_strcmp0 (field->error, message) == 0)
    return;

  g_free (field->error);
  field->error = g_strdup (message);

  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  field_refresh (field, NULL);
}

/* Takes @new_text, the result of an engine edit, into the document. With a
 * NULL @new_text, shows @error on @field (or in the error area). */
static gboolean
apply_result (BylineFrontMatterForm *self,
              Field                 *field,
              char                  *new_text,
              const GError          *error)
{
  g_assert (BYLINE_IS_FRONT_MATTER_FORM (self));

  if (new_text == NULL)
    {
      const char *message = error != NULL ? error->message : _("The edit could not be made");

      g_debug ("edit refused: %s", message);
      if (field != NULL)
        field_set_error (field, message);
      else
        {
          gtk_label_set_label (GTK_LABEL (self->error_label), message);
          gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), TRUE);
        }
      return FALSE;
    }

  if (field != NULL && field->error != NULL)
    field_set_error (field, NULL);

  self->in_form_edit = TRUE;
  if (self->committing_typed && field != NULL)
    {
      /* Keys typed in one field, one after the other: one undo step. */
      g_autofree char *group = path_to_string ((const char * const *) field->path);

      byline_document_set_front_matter_text_merged (self->document, new_text, group);
    }
  else
    byline_document_set_front_matter_text (self->document, new_text);
  self->in_form_edit = FALSE;
  g_free (new_text);

  return TRUE;
}

static BylineValueType
infer_typed_value (BylineFrontMatterForm *self,
                   Field                 *field,
                   const char            *text)
{
  BylineValueType hint;
  char *end = NULL;

  if (!form_key_hint (self, (const char * const *) field->path, &hint))
    return BYLINE_VALUE_STRING;

  switch (hint)
    {
    case BYLINE_VALUE_INT:
      g_ascii_strtoll (text, &end, 10);
      return end != NULL && end != text && *end == '\0' ? BYLINE_VALUE_INT : BYLINE_VALUE_STRING;

    case BYLINE_VALUE_FLOAT:
      g_ascii_strtod (text, &end);
      return end != NULL && end != text && *end == '\0' ? BYLINE_VALUE_FLOAT : BYLINE_VALUE_STRING;

    case BYLINE_VALUE_BOOL:
      return g_str_equal (text, "true") || g_str_equal (text, "false") ? BYLINE_VALUE_BOOL
                                                                        : BYLINE_VALUE_STRING;

    case BYLINE_VALUE_DATE:
    case BYLINE_VALUE_DATETIME:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autofree char *as_datetime = strchr (text, 'T') == NULL && strlen (text) == 10
                                       ? g_strconcat (text, "T00:00:00", NULL)
                                       : g_strdup (text);
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (as_datetime, utc);

        if (dt == NULL)
          return BYLINE_VALUE_STRING;
        return strlen (text) == 10 ? BYLINE_VALUE_DATE : BYLINE_VALUE_DATETIME;
      }

    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      return BYLINE_VALUE_STRING;
    }
}

static void
field_set_scalar (Field           *field,
                  const char      *value,
                  BylineValueType  type)
{
  BylineFrontMatterForm *self = field->form;
  g_autoptr(GError) error = NULL;
  BylineFrontMatter *fm;
  char *new_text;

  if (self->rebuilding)
    return;

  /* Text typed elsewhere goes first, in the order it was typed. */
  if (!field->pending)
    flush_pending (self);
  fm = get_model (self);
  if (fm == NULL)
    return;

  new_text = byline_front_matter_set_scalar (fm, (const char * const *) field->path,
                                             value, type, &error);
  apply_result (self, field, new_text, error);
}

/* The model, for a list edit of @field, and the list's items now in @old
 * (none when it is not a list); NULL when there is nothing to edit. */
static BylineFrontMatter *
list_edit_begin (Field  *field,
                 GStrv  *old)
{
  BylineFrontMatterForm *self = field->form;
  BylineFrontMatter *fm;
  BylineNode *node;

  if (self->rebuilding)
    return NULL;

  flush_pending (self);
  fm = get_model (self);
  if (fm == NULL)
    return NULL;

  node = byline_front_matter_lookup (fm, (const char * const *) field->path);
  if (node == NULL)
    return NULL;

  if (byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE)
    *old = sequence_dup_items (node);
  else
    *old = g_new0 (char *, 1);
  return fm;
}

/* A list edit: the smallest engine edit that turns @old into @items (one
 * item removed, appended or moved), else the whole list replaced. */
static void
field_set_list (Field              *field,
                const char * const *items)
{
  BylineFrontMatterForm *self = field->form;
  BylineFrontMatter *fm;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) old = NULL;
  char *new_text = NULL;
  guint n_old, n_new;

  fm = list_edit_begin (field, &old);
  if (fm == NULL)
    return;

  n_old = g_strv_length (old);
  n_new = g_strv_length ((char **) items);

  if (strv_equal0 ((const char * const *) old, items))
    return;

  if (n_old > 0 && n_new == n_old + 1)
    {
      /* appended? */
      gboolean prefix = TRUE;

      for (guint i = 0; i < n_old && prefix; i++)
        prefix = g_str_equal (old[i], items[i]);

      if (prefix)
        new_text = byline_front_matter_append_item (fm, (const char * const *) field->path,
                                                    items[n_new - 1], BYLINE_VALUE_STRING,
                                                    &error);
    }
  else if (n_old > 1 && n_new == n_old - 1)
    {
      /* one removed? */
      guint removed = n_new;

      for (guint i = 0; i < n_new; i++)
        if (!g_str_equal (old[i], items[i]))
          {
            removed = i;
            break;
          }

      for (guint i = removed; i < n_new; i++)
        if (!g_str_equal (old[i + 1], items[i]))
          removed = G_MAXUINT;

      if (removed != G_MAXUINT)
        {
          g_autofree char *index = g_strdup_printf ("%u", removed);
          g_auto(GStrv) item_path = path_append ((const char * const *) field->path, index);

          new_text = byline_front_matter_remove (fm, (const char * const *) item_path, &error);
        }
    }
  else if (n_new == n_old && n_old > 1)
    {
      /* one moved? Find the item whose removal makes both lists equal. */
      for (guint from = 0; from < n_old && new_text == NULL && error == NULL; from++)
        for (guint to = 0; to < n_new; to++)
          {
            gboolean same = TRUE;

            if (from == to || !g_str_equal (old[from], items[to]))
              continue;

            for (guint i = 0, j = 0; i < n_old && same; i++)
              {
                if (i == from)
                  continue;
                if (j == to)
                  j++;
                same = g_str_equal (old[i], items[j]);
                j++;
              }

            if (same)
              {
                g_autofree char *index = g_strdup_printf ("%u", from);
                g_auto(GStrv) item_path = path_append ((const char * const *) field->path, index);

                new_text = byline_front_matter_move (fm, (const char * const *) item_path, to, &error);
                break;
              }
          }
    }

  if (new_text == NULL)
    {
      if (error != NULL)
        g_debug ("fine-grained list edit refused (%s), replacing the list", error->message);
      g_clear_error (&error);
      new_text = byline_front_matter_set_list (fm, (const char * const *) field->path, items, &error);
    }

  apply_result (self, field, new_text, error);
}

/* Appends @links (those not in the list yet) to the list of @field in one
 * edit, so one undo step: each item appended by the engine after the one
 * before, in the list's own layout, else the whole list replaced. */
static void
field_append_items (Field              *field,
                    const char * const *links)
{
  BylineFrontMatterForm *self = field->form;
  BylineFrontMatter *fm;
  g_autoptr(BylineFrontMatter) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) old = NULL;
  char *new_text = NULL;
  guint n_old;

  fm = list_edit_begin (field, &old);
  if (fm == NULL)
    return;
  n_old = g_strv_length (old);

  for (guint i = 0; i < n_old; i++)
    g_ptr_array_add (items, g_strdup (old[i]));
  for (guint i = 0; links[i] != NULL; i++)
    {
      g_autofree char *link = g_strstrip (g_strdup (links[i]));

      if (link[0] != '\0' &&
          !g_ptr_array_find_with_equal_func (items, link, g_str_equal, NULL))
        g_ptr_array_add (items, g_steal_pointer (&link));
    }
  if (items->len == n_old)
    return;

  if (n_old > 0)
    {
      step = byline_front_matter_ref (fm);
      for (guint i = n_old; i < items->len; i++)
        {
          g_autofree char *text = byline_front_matter_append_item (step, (const char * const *) field->path,
                                                                  items->pdata[i], BYLINE_VALUE_STRING,
                                                                  &error);

          g_clear_pointer (&step, byline_front_matter_unref);
          if (text == NULL)
            break;
          if (i + 1 == items->len)
            {
              new_text = g_steal_pointer (&text);
              break;
            }
          /* free: the edit's own proof is reused */
          step = byline_front_matter_new (byline_front_matter_get_format (fm), text, -1);
          if (!byline_front_matter_is_valid (step))
            break;
        }
    }

  if (new_text == NULL)
    {
      if (error != NULL)
        g_debug ("appending the items refused (%s), replacing the list", error->message);
      g_clear_error (&error);
      g_ptr_array_add (items, NULL);
      new_text = byline_front_matter_set_list (fm, (const char * const *) field->path,
                                               (const char * const *) items->pdata, &error);
    }

  apply_result (self, field, new_text, error);
}

/* ------------------------------------------------------------------------ */
/* Warnings                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
key_is_one_of (const char         *key,
               const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (key, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Why a date may keep the post off the site, as Hugo's and Jekyll's
 * defaults have it: a publication date in the future (Hugo's publishDate,
 * or its date when no publishDate is set; Jekyll's date), an expiry date
 * in the past (Hugo). NULL: nothing to say. */
static char *
date_timing_note (BylineFrontMatter *fm,
                  const char        *key,
                  BylineNode        *node)
{
  static const char * const publish_keys[] = { "publishDate", "publishdate", "pubDate", "pubdate", "published", NULL };
  static const char * const expiry_keys[] = { "expiryDate", "unpublishDate", NULL };
  g_autoptr(GDateTime) when = byline_node_dup_datetime (node);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean publish = key_is_one_of (key, publish_keys);

  if (when == NULL)
    return NULL;

  if (!publish && g_ascii_strcasecmp (key, "date") == 0 && fm != NULL)
    {
      publish = TRUE;
      for (guint i = 0; publish_keys[i] != NULL; i++)
        {
          const char * const path[] = { publish_keys[i], NULL };

          if (byline_front_matter_lookup (fm, path) != NULL)
            publish = FALSE;
        }
    }

  if (publish && g_date_time_compare (when, now) > 0)
    return g_strdup (_("In the future: Hugo and Jekyll leave the post out of the site until then, "
                       "unless it is built with future posts"));
  if (key_is_one_of (key, expiry_keys) && g_date_time_compare (when, now) <= 0)
    return g_strdup (_("In the past: Hugo leaves the post out of the site as expired, "
                       "unless it is built with expired posts"));
  return NULL;
}

static char *
field_compute_warning (Field      *field,
                       BylineNode *node)
{
  BylineFrontMatterForm *self = field->form;
  BylineValueType type = byline_node_get_value_type (node);
  const char *key = field->is_item ? NULL : field->key;
  gboolean top_level = g_strv_length (field->path) == 1;
  const char *scalar = byline_node_get_scalar (node);
  BylineValueType hint;

  if (field->error != NULL)
    return g_strdup (field->error);

  if (field->duplicate)
    return g_strdup_printf (_("“%s” appears more than once: only one of these values is used. "
                              "Remove the others in the YAML view."), key);

  if (key == NULL)
    return NULL;

  if (top_level && g_ascii_strcasecmp (key, "title") == 0 &&
      (type == BYLINE_VALUE_NULL || (value_type_is_scalar (type) && is_blank (scalar))))
    return g_strdup (_("The title is empty"));

  if (key_is_date_key (key) && type != BYLINE_VALUE_DATE && type != BYLINE_VALUE_DATETIME &&
      type != BYLINE_VALUE_NULL)
    {
      return g_strdup (_("Not a date Hugo or Jekyll can read, such as 2025-02-13 or "
                         "2025-02-13T10:30:00+01:00"));
    }

  if (top_level && (type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME))
    {
      g_autofree char *timing = date_timing_note (get_model (self), key, node);

      if (timing != NULL)
        return g_steal_pointer (&timing);
    }

  if (value_type_is_scalar (type) && type != BYLINE_VALUE_NULL &&
      form_key_hint (self, (const char * const *) field->path, &hint) &&
      hint == BYLINE_VALUE_SEQUENCE)
    {
      return g_strdup_printf (_("“%s” is usually a list, but this value is a single item"), key);
    }

  return NULL;
}

static void
field_update_warning (Field      *field,
                      BylineNode *node)
{
  g_autofree char *warning = NULL;

  if (node != NULL)
    warning = field_compute_warning (field, node);
  else if (field->error != NULL)
    warning = g_strdup (field->error);
  else
    warning = g_strdup (field->warning_text);

  if (field->warning == NULL)
    return;

  g_free (field->warning_text);
  field->warning_text = g_steal_pointer (&warning);

  gtk_widget_set_visible (field->warning, field->warning_text != NULL);
  gtk_widget_set_tooltip_text (field->warning, field->warning_text);
  if (field->warning_text != NULL)
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (field->warning), WARNING_LABEL);

      if (label != NULL)
        gtk_label_set_label (GTK_LABEL (label), field->warning_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->warning),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, field->warning_text,
                                      -1);
    }
  if (field->editor != NULL)
    {
      if (field->warning_text != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, field->warning_text,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (field->editor),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* ------------------------------------------------------------------------ */
/* Field rows                                                                */
/* ------------------------------------------------------------------------ */

static void
field_free (gpointer data)
{
  Field *field = data;

  if (field->form != NULL && field->form->fields != NULL)
    g_ptr_array_remove_fast (field->form->fields, field);

  g_strfreev (field->path);
  g_free (field->key);
  g_free (field->error);
  g_free (field->reason);
  g_free (field->warning_text);
  g_free (field);
}

static Field *
field_from_widget (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      Field *field = g_object_get_data (G_OBJECT (widget), FIELD_DATA);

      if (field != NULL)
        return field;
    }

  return NULL;
}

static void
field_commit_entry (Field *field)
{
  BylineFrontMatterForm *self = field->form;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->editor));
  BylineFrontMatter *fm = get_model (self);
  BylineNode *node;
  BylineValueType type;

  if (fm == NULL || self->rebuilding)
    return;

  node = byline_front_matter_lookup (fm, (const char * const *) field->path);
  if (node == NULL)
    return;

  type = byline_node_get_value_type (node);

  if (field->was_null && text[0] == '\0')
    type = BYLINE_VALUE_NULL;
  else if (field->was_null || type == BYLINE_VALUE_NULL)
    type = infer_typed_value (self, field, text);
  else if (type == BYLINE_VALUE_INT || type == BYLINE_VALUE_FLOAT ||
           type == BYLINE_VALUE_DATE || type == BYLINE_VALUE_DATETIME ||
           type == BYLINE_VALUE_BOOL)
    {
      /* A number or date too big or odd for its widget: keep the type while
       * the text means one, else it becomes a string. */
      BylineValueType inferred = infer_typed_value (self, field, text);

      if (inferred != type)
        {
          char *end = NULL;

          if (type == BYLINE_VALUE_INT)
            g_ascii_strtoll (text, &end, 10);
          else if (type == BYLINE_VALUE_FLOAT)
            g_ascii_strtod (text, &end);
          type = end != NULL && end != text && *end == '\0' ? type : BYLINE_VALUE_STRING;
        }
    }
  else
    type = BYLINE_VALUE_STRING;

  field_set_scalar (field, text, type);
}

static void
field_commit_text (Field *field)
{
  g_autofree char *text = byline_text_row_dup_text (BYLINE_TEXT_ROW (field->row));
  BylineFrontMatterForm *self = field->form;
  BylineFrontMatter *fm = get_model (self);
  BylineNode *node;
  BylineValueType type;

  if (fm == NULL || self->rebuilding)
    return;

  node = byline_front_matter_lookup (fm, (const char * const *) field->path);
  if (node == NULL)
    return;

  type = byline_node_get_value_type (node);
  if (field->was_null && text[0] == '\0')
    type = BYLINE_VALUE_NULL;
  else if (type == BYLINE_VALUE_TEXT || strchr (text, '\n') != NULL)
    type = BYLINE_VALUE_TEXT;
  else
    type = BYLINE_VALUE_STRING;

  field_set_scalar (field, text, type);
}

/* Commits the text typed in entries and text areas. One keystroke can
 * change a text twice (typing over a selection deletes, then inserts): the
 * commit waits for the end of the main loop iteration, so that the engine
 * sees only the final text (an intermediate empty value would make it quote
 * the scalar). It runs at high priority, before the next input event: a save
 * right after typing always has the text. */
static void
flush_pending (BylineFrontMatterForm *self)
{
  g_clear_handle_id (&self->commit_source, g_source_remove);

  /* A commit may rebuild the rows: look the next one up each time. */
  for (;;)
    {
      Field *field = NULL;

      for (guint i = 0; i < self->fields->len && field == NULL; i++)
        if (((Field *) g_ptr_array_index (self->fields, i))->pending)
          field = g_ptr_array_index (self->fields, i);

      if (field == NULL)
        break;

      field->pending = FALSE;
      self->committing_typed = TRUE;
      if (field->kind == FIELD_TEXT)
        field_commit_text (field);
      else
        field_commit_entry (field);
      self->committing_typed = FALSE;
    }
}

static gboolean
commit_pending_cb (gpointer data)
{
  BylineFrontMatterForm *self = data;

  self->commit_source = 0;
  flush_pending (self);

  return G_SOURCE_REMOVE;
}

static void
field_schedule_commit (Field *field)
{
  BylineFrontMatterForm *self = field->form;

  if (self->rebuilding)
    return;

  field->pending = TRUE;
  if (self->commit_source == 0)
    self->commit_source = g_idle_add_full (G_PRIORITY_HIGH, commit_pending_cb, self, NULL);
}

static void
on_entry_changed_cb (GtkEditable *editable,
                     Field       *field)
{
  field_schedule_commit (field);
}

static void
on_text_row_changed_cb (BylineTextRow *row,
                        Field         *field)
{
  field_schedule_commit (field);
}

static void
on_switch_active_cb (GtkSwitch  *sw,
                     GParamSpec *pspec,
                     Field      *field)
{
  field_set_scalar (field, gtk_switch_get_active (sw) ? "true" : "false", BYLINE_VALUE_BOOL);
}

static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          Field         *field)
{
  double value = gtk_spin_button_get_value (spin);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (field->kind == FIELD_INT)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) (value < 0 ? value - 0.5 : value + 0.5));
      field_set_scalar (field, buf, BYLINE_VALUE_INT);
    }
  else
    {
      g_autofree char *format = g_strdup_printf ("%%.%uf", gtk_spin_button_get_digits (spin));

      g_ascii_formatd (buf, sizeof buf, format, value);
      field_set_scalar (field, buf, BYLINE_VALUE_FLOAT);
    }
}

static void
on_date_row_changed_cb (BylineDateRow *row,
                        Field         *field)
{
  g_autofree char *iso = byline_date_row_dup_iso8601 (row);

  if (iso != NULL)
    field_set_scalar (field, iso,
                      byline_date_row_get_has_time (row) ? BYLINE_VALUE_DATETIME : BYLINE_VALUE_DATE);
}

static void
on_chips_changed_cb (BylineChipEditor *editor,
                     Field            *field)
{
  g_auto(GStrv) items = byline_chip_editor_dup_items (editor);

  field_set_list (field, (const char * const *) items);
}

static GMenuModel *
create_field_menu (Field *field)
{
  GMenu *menu = g_menu_new ();
  GMenu *section;
  GVariant *target = g_variant_new_strv ((const char * const *) field->path, -1);
  GMenuItem *item;

  g_variant_ref_sink (target);

  section = g_menu_new ();
  if (!field->is_item && !field->duplicate && field->kind != FIELD_READ_ONLY)
    {
      item = g_menu_item_new (_("_Rename…"), NULL);
      g_menu_item_set_action_and_target_value (item, "form.rename", target);
      g_menu_append_item (section, item);
      g_object_unref (item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_("Move _Up"), NULL);
  g_menu_item_set_action_and_target_value (item, "form.move-up", target);
  g_menu_append_item (section, item);
  g_object_unref (item);
  item = g_menu_item_new (_("Move _Down"), NULL);
  g_menu_item_set_action_and_target_value (item, "form.move-down", target);
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (field->is_item ? _("_Remove Item") : _("_Remove Field"), NULL);
  g_menu_item_set_action_and_target_value (item, "form.remove", target);
  g_menu_append_item (section, item);
  g_object_unref (item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  g_variant_unref (target);

  return G_MENU_MODEL (menu);
}

/* The menu is built when it is first opened: a menu model makes a popover
 * with a widget per item at once, and a form has a menu per row. */
static void
create_field_menu_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  Field *field = user_data;
  g_autoptr(GMenuModel) model = create_field_menu (field);

  gtk_menu_button_set_menu_model (button, model);
}

static GtkWidget *
create_menu_button (Field *field)
{
  g_autofree char *label = NULL;
  GtkWidget *button;

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_field_menu_cb, field, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  byline_form_set_tooltip (button, _("Field Actions"));
  /* Translators: accessible label of a field's menu button, %s is the key */
  label = g_strdup_printf (_("Actions for %s"), field->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return button;
}

/* The warning's popover is made when it is first opened (most rows never
 * have one): it shows the button's tooltip, which holds the message. */
static void
create_warning_popover_cb (GtkMenuButton *button,
                           gpointer       user_data)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (gtk_widget_get_tooltip_text (GTK_WIDGET (button)));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  g_object_set_data (G_OBJECT (button), WARNING_LABEL, label);

  gtk_menu_button_set_popover (button, popover);
}

/* A warning sign in the row; clicking it (or Enter on it) shows the
 * message, which is also its tooltip and accessible label. */
static GtkWidget *
create_warning_icon (void)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-warning-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_warning_popover_cb, NULL, NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "byline-field-warning");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, FALSE);

  return button;
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *key,
                     const char *dotted)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, key,
                                  -1);
  if (dotted != NULL && !g_str_equal (dotted, key))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, dotted,
                                    -1);
}

static char *
mapping_summary (BylineNode *node)
{
  guint n = byline_node_get_n_children (node);

  if (n == 0)
    return g_strdup (_("Empty"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields", n), n);
}

static char *
sequence_summary (BylineNode *node)
{
  guint n = byline_node_get_n_children (node);

  if (n == 0)
    return g_strdup (_("Empty list"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
}

/* A title for an item of a list of mappings: its first short scalar. */
static char *
item_title (BylineNode *item,
            guint       index)
{
  guint n = byline_node_get_n_children (item);

  for (guint i = 0; i < n; i++)
    {
      BylineNode *child = byline_node_get_child (item, i);
      const char *scalar;

      if (!value_type_is_scalar (byline_node_get_value_type (child)))
        continue;
      scalar = byline_node_get_scalar (child);
      if (scalar != NULL && scalar[0] != '\0' && g_utf8_strlen (scalar, -1) <= 60 &&
          strchr (scalar, '\n') == NULL)
        return g_strdup_printf ("%u. %s", index + 1, scalar);
    }

  /* Translators: the title of an item in a list, %u is its number */
  return g_strdup_printf (_("Item %u"), index + 1);
}

/* Shows the node's current value in the field's widget, without emitting
 * edits. @node is NULL to only update the warning. */
static void
field_refresh (Field      *field,
               BylineNode *node)
{
  BylineFrontMatterForm *self = field->form;
  gboolean was_rebuilding = self->rebuilding;

  if (node == NULL)
    {
      field_update_warning (field, NULL);
      return;
    }

  /* Text typed but not committed yet wins over the model. */
  if (field->pending)
    return;

  /* Block our own handlers while the widgets change. */
  self->rebuilding = TRUE;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        const char *value = byline_node_get_value_type (node) == BYLINE_VALUE_NULL
                            ? "" : byline_node_get_scalar (node);
        const char *current = gtk_editable_get_text (GTK_EDITABLE (field->editor));

        if (value == NULL)
          value = "";
        if (g_strcmp0 (current, value) != 0)
          {
            int pos = gtk_editable_get_position (GTK_EDITABLE (field->editor));

            gtk_editable_set_text (GTK_EDITABLE (field->editor), value);
            gtk_editable_set_position (GTK_EDITABLE (field->editor),
                                       MIN (pos, (int) g_utf8_strlen (value, -1)));
          }
      }
      break;

    case FIELD_TEXT:
      {
        const char *value = byline_node_get_value_type (node) == BYLINE_VALUE_NULL
                            ? "" : byline_node_get_scalar (node);

        byline_text_row_set_text (BYLINE_TEXT_ROW (field->row), value != NULL ? value : "");
      }
      break;

    case FIELD_BOOL:
      gtk_switch_set_active (GTK_SWITCH (field->editor), byline_node_get_bool (node));
      break;

    case FIELD_INT:
    case FIELD_FLOAT:
      {
        const char *scalar = byline_node_get_scalar (node);
        double value = scalar != NULL ? g_ascii_strtod (scalar, NULL) : 0;

        if (field->kind == FIELD_FLOAT)
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (field->editor),
                                      MAX (gtk_spin_button_get_digits (GTK_SPIN_BUTTON (field->editor)),
                                           count_decimals (scalar)));
        if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->editor)) != value)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->editor), value);
      }
      break;

    case FIELD_DATE:
      {
        g_autoptr(GDateTime) dt = byline_node_dup_datetime (node);
        GDateTime *current = byline_date_row_get_value (BYLINE_DATE_ROW (field->row));
        gboolean has_time = byline_node_get_value_type (node) == BYLINE_VALUE_DATETIME;
        gboolean has_zone = has_time && datetime_text_has_zone (byline_node_get_scalar (node));

        if (dt != NULL &&
            (current == NULL || !g_date_time_equal (current, dt) ||
             has_time != byline_date_row_get_has_time (BYLINE_DATE_ROW (field->row))))
          byline_date_row_set_value (BYLINE_DATE_ROW (field->row), dt, has_time, has_zone);
      }
      break;

    case FIELD_CHIPS:
      {
        g_auto(GStrv) items = NULL;

        if (byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE)
          items = sequence_dup_items (node);
        byline_chip_editor_set_items (BYLINE_CHIP_EDITOR (field->editor),
                                      (const char * const *) items);
        update_image_strip (field, (const char * const *) items);
      }
      break;

    case FIELD_MAPPING:
      {
        g_autofree char *summary = mapping_summary (node);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), summary);
      }
      break;

    case FIELD_SEQUENCE:
      {
        g_autofree char *summary = sequence_summary (node);

        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), summary);
      }
      break;

    case FIELD_READ_ONLY:
      {
        g_autofree char *source = node_dup_source_text (byline_document_get_front_matter (self->document), node);
        g_autofree char *source_markup = g_markup_escape_text (source, -1);
        g_autofree char *reason_markup = g_markup_escape_text (field->reason != NULL ? field->reason : "", -1);
        g_autofree char *markup = NULL;

        /* The value as written, and why it can't be edited here. */
        markup = g_strdup_printf ("%s\n<small><i>%s</i></small>", source_markup, reason_markup);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), markup);
      }
      break;

    default:
      break;
    }

  self->rebuilding = was_rebuilding;

  field_update_warning (field, node);
}

static Field *
field_new (BylineFrontMatterForm *self,
           BylineNode            *node,
           gboolean               is_item,
           guint                  index,
           gboolean               duplicate)
{
  Field *field = g_new0 (Field, 1);
  const char *key = byline_node_get_key (node);

  field->form = self;
  field->path = byline_node_dup_path (node);
  field->is_item = !!is_item;
  field->duplicate = !!duplicate;
  field->index = index;
  field->key = is_item || key == NULL ? g_strdup_printf ("%u", index + 1) : g_strdup (key);
  field->built_type = byline_node_get_value_type (node);
  field->was_null = field->built_type == BYLINE_VALUE_NULL;

  return field;
}

static void
add_child_row (GtkWidget *parent,
               GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

/* Builds the rows of @container's children from @start to @end. */
static void
build_children_range (BylineFrontMatterForm *self,
                      BylineFrontMatter     *fm,
                      BylineNode            *container,
                      GtkWidget             *parent,
                      guint                  start,
                      guint                  end)
{
  g_autoptr(GHashTable) dups = NULL;
  gboolean is_mapping = byline_node_get_value_type (container) == BYLINE_VALUE_MAPPING;
  guint n = byline_node_get_n_children (container);

  if (is_mapping)
    dups = find_duplicate_keys (container);

  for (guint i = start; i < MIN (end, n); i++)
    {
      BylineNode *child = byline_node_get_child (container, i);
      const char *key = byline_node_get_key (child);
      gboolean dup = dups != NULL && key != NULL && g_hash_table_contains (dups, key);
      GtkWidget *row = build_node_row (self, fm, child, !is_mapping, i, n, dup);

      add_child_row (parent, row);
    }
}

static void
build_children (BylineFrontMatterForm *self,
                BylineFrontMatter     *fm,
                BylineNode            *container,
                GtkWidget             *parent)
{
  build_children_range (self, fm, container, parent, 0, G_MAXUINT);
}

static GtkWidget *
create_add_button (const char         *action,
                   const char * const *path,
                   const char         *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_strv (path, -1));

  return button;
}

/* Image fields (byline-image-field.c): a field whose key names an image
 * (byline_image_link_is_image_field(): image, thumbnail, cover.image,
 * featured_image…; for an item of a list, the list's key) holding a path
 * or nothing yet, or any string that ends in an image's extension. */
static gboolean
is_image_field (Field      *field,
                BylineNode *node)
{
  BylineValueType type = byline_node_get_value_type (node);
  guint n = g_strv_length (field->path);
  const char *key = field->is_item ? (n >= 2 ? field->path[n - 2] : NULL) : field->key;
  const char *value = byline_node_get_scalar (node);

  if (type == BYLINE_VALUE_NULL)
    return byline_image_link_is_image_field (key, NULL);
  if (type != BYLINE_VALUE_STRING || value == NULL)
    return FALSE;

  return byline_image_link_is_image_field (key, value);
}

static void
on_image_link_chosen_cb (GtkWidget  *image,
                         const char *link,
                         gpointer    user_data)
{
  /* Looked up now: the row may have been rebuilt while the image was copied. */
  Field *field = field_from_widget (image);

  if (field == NULL || field->form->document == NULL)
    return;

  flush_pending (field->form);
  field_set_scalar (field, link, BYLINE_VALUE_STRING);
}

static void
on_image_failed_cb (GtkWidget  *image,
                    const char *message,
                    gpointer    user_data)
{
  Field *field = field_from_widget (image);

  if (field != NULL)
    field_set_error (field, message);
}

/* A list of images (byline_image_link_key_is_image() on its key, "images"
 * in Hugo): the list's chips, the thumbnails of its items below them, and a
 * Choose Image button that adds one. */
static gboolean
is_image_list (BylineNode *node)
{
  const char *key = byline_node_get_key (node);
  guint n = byline_node_get_n_children (node);

  if (key != NULL && byline_image_link_key_is_image (key))
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      const char *value = byline_node_get_scalar (byline_node_get_child (node, i));

      if (value == NULL || !byline_image_link_looks_like_image (value))
        return FALSE;
    }

  return n > 0;
}

#define IMAGE_STRIP "byline-image-strip"
#define MAX_IMAGE_THUMBNAILS 24

static void
update_image_strip (Field              *field,
                    const char * const *items)
{
  GtkWidget *strip = g_object_get_data (G_OBJECT (field->row), IMAGE_STRIP);
  GtkWidget *child;
  guint n = items != NULL ? MIN (g_strv_length ((char **) items), MAX_IMAGE_THUMBNAILS) : 0;
  guint i = 0;

  if (strip == NULL)
    return;

  /* Kept while the items are the same. */
  for (child = gtk_widget_get_first_child (strip); child != NULL && i < n;
       child = gtk_widget_get_next_sibling (child), i++)
    if (g_strcmp0 (byline_image_field_get_link (BYLINE_IMAGE_FIELD (child)), items[i]) != 0)
      break;
  if (child == NULL && i == n)
    return;

  while ((child = gtk_widget_get_first_child (strip)) != NULL)
    gtk_box_remove (GTK_BOX (strip), child);
  for (i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (strip), byline_image_field_new_thumbnail (field->form->document, items[i]));
  gtk_widget_set_visible (strip, n > 0);
}

/* The images of one choice or drop, added to the list in one edit. */
static void
on_image_items_chosen_cb (GtkWidget          *image,
                          const char * const *links,
                          gpointer            user_data)
{
  /* Looked up now: the row may have been rebuilt while they were copied. */
  Field *field = field_from_widget (image);

  if (field != NULL && field->kind == FIELD_CHIPS && field->form->document != NULL)
    field_append_items (field, links);
}

static GtkWidget *
add_image_list (BylineFrontMatterForm *self,
                GtkWidget             *row,
                GtkWidget             *editor)
{
  GtkWidget *button = byline_image_field_new_button (self->document);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkLayoutManager *layout = byline_wrap_layout_new ();
  GtkWidget *strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* A box for its children's sake; they wrap as the chips do. */
  gtk_widget_set_layout_manager (strip, layout);
  byline_wrap_layout_set_spacing (BYLINE_WRAP_LAYOUT (layout), 6, 6);
  gtk_widget_set_visible (strip, FALSE);
  gtk_box_append (GTK_BOX (box), editor);
  gtk_box_append (GTK_BOX (box), strip);
  g_object_set_data (G_OBJECT (row), IMAGE_STRIP, strip);

  byline_field_row_add_suffix (BYLINE_FIELD_ROW (row), button);
  g_signal_connect (button, "links-chosen", G_CALLBACK (on_image_items_chosen_cb), NULL);
  g_signal_connect (button, "failed", G_CALLBACK (on_image_failed_cb), NULL);
  byline_image_field_take_drops (BYLINE_IMAGE_FIELD (button), row);

  return box;
}

#define IMAGE_FIELD "byline-image-field"

static void
add_image_field (BylineFrontMatterForm *self,
                 GtkWidget             *row)
{
  GtkWidget *image = byline_image_field_new (self->document, GTK_EDITABLE (row));

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), image);
  g_signal_connect (image, "link-chosen", G_CALLBACK (on_image_link_chosen_cb), NULL);
  g_signal_connect (image, "failed", G_CALLBACK (on_image_failed_cb), NULL);
  byline_image_field_take_drops (BYLINE_IMAGE_FIELD (image), row);
  g_object_set_data (G_OBJECT (row), IMAGE_FIELD, image);
}

/* A plain entry's value typed until it looks like an image's path
 * ("cat.png") gets an image field a moment after the typing stops, without
 * the rows being rebuilt, and loses it again when it no longer does
 * (unless its key names an image). While typing, only the text is looked
 * at: the image field reads the disk in a worker thread. */
#define IMAGE_WATCH_SOURCE "byline-image-watch-source"
#define IMAGE_WATCH_PAUSE_MS 400   /* as the image field's own pause */

/* The key is_image_field() judges @field by. */
static const char *
field_image_key (Field *field)
{
  guint n = g_strv_length (field->path);

  if (field->is_item)
    return n >= 2 ? field->path[n - 2] : NULL;

  return field->key;
}

static void
update_image_field (Field *field)
{
  GtkWidget *row = field->row;
  GtkWidget *image = g_object_get_data (G_OBJECT (row), IMAGE_FIELD);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean wanted = byline_image_link_is_image_field (field_image_key (field), text);

  if (wanted && image == NULL)
    {
      GtkWidget *suffixes = gtk_widget_get_parent (field->warning);

      add_image_field (field->form, row);
      image = g_object_get_data (G_OBJECT (row), IMAGE_FIELD);
      /* Before the warning and the menu, as when the row was built. */
      if (GTK_IS_BOX (suffixes) && gtk_widget_get_parent (image) == suffixes)
        gtk_box_reorder_child_after (GTK_BOX (suffixes), image, NULL);
    }
  else if (!wanted && image != NULL)
    {
      g_object_set_data (G_OBJECT (row), IMAGE_FIELD, NULL);
      adw_entry_row_remove (ADW_ENTRY_ROW (row), image);
    }
}

/* The pause's source goes with its row. */
static void
remove_source_notify (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

static gboolean
image_watch_timeout_cb (gpointer data)
{
  GtkWidget *row = data;
  Field *field = g_object_get_data (G_OBJECT (row), FIELD_DATA);

  g_object_steal_data (G_OBJECT (row), IMAGE_WATCH_SOURCE);
  if (field != NULL && field->row == row && gtk_widget_get_parent (row) != NULL)
    update_image_field (field);

  return G_SOURCE_REMOVE;
}

static void
on_entry_image_watch_cb (GtkEditable *editable,
                         Field       *field)
{
  GtkWidget *row = field->row;
  const char *key = field_image_key (field);
  guint source;
  gboolean has_image;

  if (row == NULL)
    return;   /* still being built */

  /* A pause already begun begins again. */
  g_object_set_data (G_OBJECT (row), IMAGE_WATCH_SOURCE, NULL);

  has_image = g_object_get_data (G_OBJECT (row), IMAGE_FIELD) != NULL;
  if (byline_image_link_is_image_field (key, gtk_editable_get_text (editable)) == has_image)
    return;

  /* Typed: after a pause. Changed otherwise (undo, the YAML view): now. */
  if ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    {
      update_image_field (field);
      return;
    }

  source = g_timeout_add (IMAGE_WATCH_PAUSE_MS, image_watch_timeout_cb, row);
  g_source_set_name_by_id (source, "[byline] image field watch");
  g_object_set_data_full (G_OBJECT (row), IMAGE_WATCH_SOURCE, GUINT_TO_POINTER (source),
                          remove_source_notify);
}

static GtkWidget *
build_node_row (BylineFrontMatterForm *self,
                BylineFrontMatter     *fm,
                BylineNode            *node,
                gboolean               is_item,
                guint                  index,
                guint                  n_siblings,
                gboolean               duplicate)
{
  Field *field = field_new (self, node, is_item, index, duplicate);
  g_autofree char *dotted = path_to_dotted ((const char * const *) field->path);
  const char *title = field->key;
  g_autofree char *item_label = NULL;
  GtkWidget *row = NULL;

  field->kind = choose_kind (self, node, (const char * const *) field->path, duplicate);
  field->warning = create_warning_icon ();
  field->menu_button = create_menu_button (field);

  if (is_item)
    {
      /* Translators: the title of an item in a list, %u is its number */
      item_label = g_strdup_printf (_("Item %u"), index + 1);
      title = item_label;
    }

  switch (field->kind)
    {
    case FIELD_ENTRY:
      row = adw_entry_row_new ();
      gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
      if (is_image_field (field, node))
        add_image_field (self, row);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), field->warning);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), field->menu_button);
      field->editor = row;
      g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), field);
      if (field->built_type == BYLINE_VALUE_STRING || field->built_type == BYLINE_VALUE_NULL)
        g_signal_connect (row, "changed", G_CALLBACK (on_entry_image_watch_cb), field);
      break;

    case FIELD_TEXT:
      row = byline_text_row_new ();
      byline_text_row_add_suffix (BYLINE_TEXT_ROW (row), field->warning);
      byline_text_row_add_suffix (BYLINE_TEXT_ROW (row), field->menu_button);
      field->editor = byline_text_row_get_text_view (BYLINE_TEXT_ROW (row));
      g_signal_connect (row, "changed", G_CALLBACK (on_text_row_changed_cb), field);
      if (self->spell_model != NULL)
        byline_text_row_follow_spelling (BYLINE_TEXT_ROW (row), self->spell_model);
      break;

    case FIELD_BOOL:
      row = adw_action_row_new ();
      field->editor = gtk_switch_new ();
      gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->warning);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->editor);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->menu_button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->editor);
      g_signal_connect (field->editor, "notify::active", G_CALLBACK (on_switch_active_cb), field);
      break;

    case FIELD_INT:
    case FIELD_FLOAT:
      {
        gboolean is_int = field->kind == FIELD_INT;
        guint digits = is_int ? 0 : count_decimals (byline_node_get_scalar (node));
        double limit = is_int ? MAX_SPIN_INT : 1e15;
        double step = 1;

        row = adw_action_row_new ();
        for (guint d = 0; d < digits; d++)
          step /= 10;

        field->editor = gtk_spin_button_new_with_range (-limit, limit, step);
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (field->editor), digits);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (field->editor), TRUE);
        gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (field->editor), GTK_UPDATE_IF_VALID);
        gtk_editable_set_width_chars (GTK_EDITABLE (field->editor), 6);
        gtk_editable_set_enable_undo (GTK_EDITABLE (field->editor), FALSE);
        gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->warning);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->editor);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->menu_button);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->editor);
        g_signal_connect (field->editor, "value-changed", G_CALLBACK (on_spin_value_changed_cb), field);
      }
      break;

    case FIELD_DATE:
      row = byline_date_row_new ();
      field->editor = byline_date_row_get_button (BYLINE_DATE_ROW (row));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->warning);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->menu_button);
      g_signal_connect (row, "changed", G_CALLBACK (on_date_row_changed_cb), field);
      break;

    case FIELD_CHIPS:
      {
        GtkWidget *editor = byline_chip_editor_new ();
        g_auto(GStrv) suggestions = NULL;

        GtkWidget *content = editor;

        row = byline_field_row_new ();
        if (is_image_list (node))
          content = add_image_list (self, row, editor);
        byline_field_row_add_suffix (BYLINE_FIELD_ROW (row), field->warning);
        byline_field_row_add_suffix (BYLINE_FIELD_ROW (row), field->menu_button);
        byline_field_row_set_content (BYLINE_FIELD_ROW (row), content);
        byline_chip_editor_set_name (BYLINE_CHIP_EDITOR (editor), field->key);
        if (self->site != NULL)
          {
            suggestions = byline_site_index_dup_values (self->site, dotted, MAX_SUGGESTIONS);
            byline_chip_editor_set_suggestions (BYLINE_CHIP_EDITOR (editor),
                                                (const char * const *) suggestions);
          }
        set_accessible_name (byline_chip_editor_get_entry (BYLINE_CHIP_EDITOR (editor)),
                             field->key, dotted);
        field->editor = editor;
        g_signal_connect (editor, "changed", G_CALLBACK (on_chips_changed_cb), field);
      }
      break;

    case FIELD_MAPPING:
      {
        g_autofree char *tooltip = NULL;

        row = adw_expander_row_new ();
        if (is_item)
          /* Translators: the name of the button that adds a field to an
           * item of a list (a group of fields such as a resource's src and
           * title); %u is the item's number, counted from 1 */
          tooltip = g_strdup_printf (_("Add a Field to Item %u"), index + 1);
        else
          /* Translators: %s is the name of a group of fields, e.g. "menu" */
          tooltip = g_strdup_printf (_("Add a Field to %s"), field->key);
        /* add_action() puts each widget before the ones added earlier */
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), field->menu_button);
        if (byline_front_matter_can_add_entry (fm, (const char * const *) field->path))
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       create_add_button ("form.add-field-to",
                                                          (const char * const *) field->path,
                                                          tooltip));
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), field->warning);
        field->editor = row;
        build_children (self, fm, node, row);
      }
      break;

    case FIELD_SEQUENCE:
      {
        g_autofree char *tooltip = NULL;
        guint n = byline_node_get_n_children (node);

        row = adw_expander_row_new ();
        if (is_item)
          /* Translators: the name of the button that adds an item to a list
           * that is itself an item of a list; %u is that item's number,
           * counted from 1 */
          tooltip = g_strdup_printf (_("Add an Item to Item %u"), index + 1);
        else
          /* Translators: %s is the name of a list, e.g. "resources" */
          tooltip = g_strdup_printf (_("Add an Item to %s"), field->key);
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), field->menu_button);
        if (byline_front_matter_can_append_group (fm, (const char * const *) field->path))
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       create_add_button ("form.add-item",
                                                          (const char * const *) field->path,
                                                          tooltip));
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), field->warning);
        field->editor = row;

        for (guint i = 0; i < n; i++)
          {
            BylineNode *item = byline_node_get_child (node, i);
            GtkWidget *item_row = build_node_row (self, fm, item, TRUE, i, n, FALSE);

            if (ADW_IS_EXPANDER_ROW (item_row))
              {
                g_autofree char *item_name = item_title (item, i);

                adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item_row), item_name);
              }
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item_row);
          }
      }
      break;

    case FIELD_READ_ONLY:
      {
        const char *reason = NULL;
        GtkWidget *lock;

        row = adw_action_row_new ();
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
        gtk_widget_add_css_class (row, "byline-property");
        if (duplicate)
          reason = _("This key appears more than once: edit it in the YAML view");
        else if (!byline_node_is_read_only (node, &reason) || reason == NULL)
          reason = _("Byline can't edit this value safely: edit it in the YAML view");
        field->reason = g_strdup (reason);
        lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
        gtk_widget_set_valign (lock, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (lock, reason);
        gtk_accessible_update_property (GTK_ACCESSIBLE (lock),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, reason,
                                        -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->warning);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->menu_button);
        field->editor = row;
        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                        -1);
        gtk_widget_set_tooltip_text (row, reason);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (field->kind == FIELD_READ_ONLY)
    {
      /* Its subtitle has markup: the title is escaped too. */
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
    }
  else
    {
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  field->row = row;

  /* The widget that edits carries the key as its accessible name (the
   * row's title shows it). */
  set_accessible_name (field->editor, field->key, dotted);

  g_object_set_data_full (G_OBJECT (row), FIELD_DATA, field, field_free);
  g_ptr_array_add (self->fields, field);

  field_refresh (field, node);

  return row;
}

/* ------------------------------------------------------------------------ */
/* Showing the model                                                         */
/* ------------------------------------------------------------------------ */

static Field *
find_field (BylineFrontMatterForm *self,
            const char * const    *path)
{
  ensure_all_rows (self);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (strv_equal0 ((const char * const *) field->path, path))
        return field;
    }

  return NULL;
}

static Field *
focused_field (BylineFrontMatterForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;

  if (root == NULL)
    return NULL;

  focus = gtk_root_get_focus (root);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->fields_box))
    return NULL;

  return field_from_widget (focus);
}

static void
focus_field (Field *field)
{
  GtkWidget *target = field->editor;

  if (field->kind == FIELD_CHIPS)
    target = byline_chip_editor_get_entry (BYLINE_CHIP_EDITOR (field->editor));

  /* Expand the groups around it. */
  for (GtkWidget *w = gtk_widget_get_parent (field->row); w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);

  if (!gtk_widget_grab_focus (target) &&
      !gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (field->menu_button);
}

static void
update_status (BylineFrontMatterForm *self)
{
  BylineFrontMatter *fm = get_model (self);
  BylineFormat format = self->document != NULL ? byline_document_get_format (self->document)
                                               : BYLINE_FORMAT_NONE;
  const char *reason = NULL;
  const char *label = "";
  g_autofree char *owned_label = NULL;
  gboolean editable = model_is_editable (self);
  gboolean has_fields = fm != NULL && byline_front_matter_get_root (fm) != NULL &&
                        byline_node_get_n_children (byline_front_matter_get_root (fm)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.add-field", editable);
  gtk_widget_set_sensitive (self->fields_box, editable);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "text-x-generic-symbolic");
  gtk_widget_remove_css_class (self->status_button, "suggested-action");

  if (fm == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("No Post"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), NULL);
      gtk_widget_set_visible (self->status_button, FALSE);
    }
  else if (byline_front_matter_get_format (fm) == BYLINE_FORMAT_JSON &&
           byline_front_matter_is_valid (fm) && byline_front_matter_is_read_only (fm, &reason))
    {
      /* JSON that YAML reads differently (1e3, duplicate keys) is kept as it is */
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("JSON Front Matter"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), reason);
      gtk_button_set_label (GTK_BUTTON (self->status_button), _("_Edit as Text"));
      gtk_button_set_use_underline (GTK_BUTTON (self->status_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "form.show-yaml");
      gtk_widget_set_visible (self->status_button, !self->show_yaml);
    }
  else if (!byline_front_matter_is_valid (fm) && !self->has_rows)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Front Matter Doesn't Parse"));
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "dialog-warning-symbolic");
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                       format == BYLINE_FORMAT_TOML
                                       ? _("Fix the TOML to edit its fields. Saving keeps the text as it is.")
                                       : format == BYLINE_FORMAT_JSON
                                       ? _("Fix the JSON to edit its fields. Saving keeps the text as it is.")
                                       : _("Fix the YAML to edit its fields. Saving keeps the text as it is."));
      gtk_button_set_label (GTK_BUTTON (self->status_button),
                            format == BYLINE_FORMAT_YAML ? _("_Edit YAML") : _("_Edit as Text"));
      gtk_button_set_use_underline (GTK_BUTTON (self->status_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "form.show-yaml");
      gtk_widget_set_visible (self->status_button, !self->show_yaml);
    }
  else if (byline_front_matter_is_valid (fm) && byline_front_matter_is_read_only (fm, &reason))
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Read-Only Front Matter"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), reason);
      gtk_button_set_label (GTK_BUTTON (self->status_button), _("_Edit YAML"));
      gtk_button_set_use_underline (GTK_BUTTON (self->status_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "form.show-yaml");
      gtk_widget_set_visible (self->status_button, !self->show_yaml);
    }
  else if (byline_front_matter_is_valid (fm) && !has_fields)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page),
                                 format == BYLINE_FORMAT_NONE ? _("No Front Matter") : _("No Fields"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                       _("Add a title, a date, tags and more."));
      gtk_button_set_label (GTK_BUTTON (self->status_button), _("_Add Field"));
      gtk_button_set_use_underline (GTK_BUTTON (self->status_button), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "form.add-field");
      gtk_widget_set_visible (self->status_button, TRUE);
      gtk_widget_add_css_class (self->status_button, "suggested-action");
    }
  else
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "fields");
      if (has_fields)
        {
          guint n = byline_node_get_n_children (byline_front_matter_get_root (fm));

          owned_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields", n), n);
          label = owned_label;
        }
    }

  /* Without its button, the page itself takes the focus: named by its title. */
  if (adw_status_page_get_title (ADW_STATUS_PAGE (self->status_page)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_page),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    adw_status_page_get_title (ADW_STATUS_PAGE (self->status_page)),
                                    -1);

  gtk_label_set_label (GTK_LABEL (self->status_label), label);

  /* The toggle names the text it shows. */
  gtk_button_set_label (GTK_BUTTON (self->yaml_button),
                        format == BYLINE_FORMAT_TOML ? _("_TOML") :
                        format == BYLINE_FORMAT_JSON ? _("_JSON") : _("_YAML"));

  if (self->site != NULL && byline_site_index_is_site (self->site))
    {
      g_autofree char *root = g_file_get_path (byline_site_index_get_root (self->site));
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip; %s is a folder, %u a number of posts */
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Site %s, %u post",
                                              "Site %s, %u posts",
                                              byline_site_index_get_n_posts (self->site)),
                                 root != NULL ? root : "",
                                 byline_site_index_get_n_posts (self->site));
      gtk_widget_set_tooltip_text (self->status_label, tooltip);
    }
}

static void
update_error (BylineFrontMatterForm *self)
{
  BylineFrontMatter *fm = get_model (self);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->yaml_buffer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);

  if (fm != NULL && !byline_front_matter_is_valid (fm))
    {
      const GError *error = byline_front_matter_get_error (fm);
      const char *reason = error != NULL ? error->message : _("the YAML doesn't parse");
      g_autofree char *message = NULL;
      g_autofree char *where = NULL;
      guint line = 0, column = 0;

      byline_front_matter_get_error_position (fm, &line, &column);
      /* Translators: where the front matter's parse error is: line and column */
      where = g_strdup_printf (_("Line %u, column %u"), line, column);
      /* The engine's message may already say where. */
      if (g_str_has_prefix (reason, where))
        message = g_strdup (reason);
      else
        /* Translators: "Line 3, column 5" and the parser's message */
        message = g_strdup_printf (_("%s: %s"), where, reason);
      gtk_label_set_label (GTK_LABEL (self->error_label), message);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), TRUE);

      if (line > 0 && (int) line <= gtk_text_buffer_get_line_count (buffer))
        {
          gtk_text_buffer_get_iter_at_line (buffer, &start, line - 1);
          end = start;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          if (gtk_text_iter_equal (&start, &end))
            gtk_text_iter_forward_char (&end);
          gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
        }
    }
  else
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), FALSE);
    }
}

static void
update_yaml_view (BylineFrontMatterForm *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->yaml_buffer);
  const char *text = self->document != NULL ? byline_document_get_front_matter_text (self->document) : "";
  g_autofree char *current = NULL;
  GtkTextIter start, end, cursor;
  int line, offset;
  BylineFormat format = self->document != NULL ? byline_document_get_format (self->document)
                                               : BYLINE_FORMAT_NONE;
  GtkSourceLanguage *language;

  if (text == NULL)
    text = "";

  /* Hidden, it waits: highlighting the whole text on every key typed in a
   * field is work nobody sees. Showing it brings it up to date. */
  if (!self->show_yaml)
    return;

  language = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                       format == BYLINE_FORMAT_TOML ? "toml" :
                                                       format == BYLINE_FORMAT_JSON ? "json" : "yaml");
  if (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) != language)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), language);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (g_strcmp0 (current, text) == 0)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&cursor);
  offset = gtk_text_iter_get_line_offset (&cursor);

  self->updating_yaml = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->updating_yaml = FALSE;

  if (line < gtk_text_buffer_get_line_count (buffer))
    {
      gtk_text_buffer_get_iter_at_line (buffer, &cursor, line);
      if (offset > gtk_text_iter_get_chars_in_line (&cursor))
        {
          if (!gtk_text_iter_ends_line (&cursor))
            gtk_text_iter_forward_to_line_end (&cursor);
        }
      else
        gtk_text_iter_set_line_offset (&cursor, offset);
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

/* The node a field shows. A duplicate key's path is ambiguous: its place
 * among its siblings says which one (the structure is the same, or the rows
 * would have been rebuilt). */
static BylineNode *
field_lookup_node (Field             *field,
                   BylineFrontMatter *fm)
{
  if (field->duplicate)
    {
      g_auto(GStrv) parent_path = path_parent ((const char * const *) field->path);
      BylineNode *parent = parent_path[0] == NULL ? byline_front_matter_get_root (fm)
                                                  : byline_front_matter_lookup (fm, (const char * const *) parent_path);

      if (parent == NULL || field->index >= byline_node_get_n_children (parent))
        return NULL;
      return byline_node_get_child (parent, field->index);
    }

  return byline_front_matter_lookup (fm, (const char * const *) field->path);
}

static void
refresh_in_place (BylineFrontMatterForm *self,
                  BylineFrontMatter     *fm)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_copy (self->fields, NULL, NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);
      BylineNode *node = field_lookup_node (field, fm);

      if (node != NULL)
        field_refresh (field, node);
    }
}


/* A rough height of @node's row, to know which rows the first frame shows. */
static int
estimate_row_height (BylineNode *node)
{
  BylineValueType type = byline_node_get_value_type (node);

  if (type == BYLINE_VALUE_SEQUENCE)
    return sequence_is_scalars (node) ? 48 + 36 * (1 + byline_node_get_n_children (node) / 3) : 56;
  if (type == BYLINE_VALUE_TEXT)
    return 110;
  if (type == BYLINE_VALUE_STRING)
    {
      const char *text = byline_node_get_scalar (node);

      return text != NULL && strlen (text) > 40 ? 100 : 56;
    }

  return 56;
}

/* How many of @root's rows the first frame can show, with one to spare. */
static guint
count_first_frame_rows (BylineFrontMatterForm *self,
                        BylineNode            *root)
{
  guint n = byline_node_get_n_children (root);
  int height = gtk_widget_get_height (self->fields_scroller);
  int used = 0;

  if (height <= 0)
    {
      /* Not laid out yet: the window's size, or its monitor's when it is
       * (or is about to be) maximized. */
      GtkRoot *toplevel = gtk_widget_get_root (GTK_WIDGET (self));
      GdkSurface *surface = GTK_IS_NATIVE (toplevel) ? gtk_native_get_surface (GTK_NATIVE (toplevel)) : NULL;
      int width = 0;

      if (GTK_IS_WINDOW (toplevel))
        gtk_window_get_default_size (GTK_WINDOW (toplevel), &width, &height);
      if (surface != NULL &&
          (height <= 0 ||
           gtk_window_is_maximized (GTK_WINDOW (toplevel)) ||
           (self->settings != NULL && g_settings_get_boolean (self->settings, "window-maximized"))))
        {
          GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)),
                                                                    surface);
          GdkRectangle geometry;

          if (monitor != NULL)
            {
              gdk_monitor_get_geometry (monitor, &geometry);
              height = geometry.height;
            }
        }
      /* less the header bar and the form's tool bar */
      height = height > 0 ? height - 100 : 1200;
    }

  for (guint i = 0; i < n; i++)
    {
      used += estimate_row_height (byline_node_get_child (root, i));
      if (used > height)
        return MIN (n, i + 1);
    }

  return n;
}

/* Builds up to @max_rows of the rows still waiting, the rest later. */
static void
build_more_rows (BylineFrontMatterForm *self,
                 guint                  max_rows)
{
  BylineFrontMatter *fm = get_model (self);
  BylineNode *root;
  guint start = self->next_row;
  guint n, end;

  g_assert (BYLINE_IS_FRONT_MATTER_FORM (self));

  g_clear_handle_id (&self->more_rows_source, g_source_remove);
  if (start == 0 || self->group == NULL)
    {
      cancel_more_rows (self);
      return;
    }

  /* Invalid text in the YAML view: the next valid model rebuilds. */
  if (fm == NULL || !byline_front_matter_is_valid (fm))
    return;

  root = byline_front_matter_get_root (fm);
  n = root != NULL ? byline_node_get_n_children (root) : 0;
  if (n < start)
    {
      /* The model changed under the rows: show it whole. */
      rebuild (self);
      return;
    }

  end = n - start > max_rows ? start + max_rows : n;
  build_children_range (self, fm, root, self->group, start, end);
  if (end < n)
    {
      self->next_row = end;
      self->more_rows_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, more_rows_idle_cb, self, NULL);
    }
  else
    {
      cancel_more_rows (self);
    }
}

static gboolean
more_rows_idle_cb (gpointer data)
{
  BylineFrontMatterForm *self = data;

  self->more_rows_source = 0;
  build_more_rows (self, MORE_ROWS_BATCH);

  return G_SOURCE_REMOVE;
}

static void
more_rows_after_paint_cb (GdkFrameClock         *frame_clock,
                          BylineFrontMatterForm *self)
{
  g_clear_signal_handler (&self->more_rows_handler, frame_clock);
  if (self->more_rows_source == 0)
    self->more_rows_source = g_idle_add_full (G_PRIORITY_DEFAULT, more_rows_idle_cb, self, NULL);
}

static void
schedule_more_rows (BylineFrontMatterForm *self,
                    guint                  next_row)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->next_row = next_row;
  if (frame_clock != NULL)
    self->more_rows_handler = g_signal_connect_object (frame_clock, "after-paint",
                                                       G_CALLBACK (more_rows_after_paint_cb),
                                                       self, 0);
  else
    self->more_rows_source = g_idle_add_full (G_PRIORITY_DEFAULT, more_rows_idle_cb, self, NULL);
}

static void
cancel_more_rows (BylineFrontMatterForm *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_handle_id (&self->more_rows_source, g_source_remove);
  if (frame_clock != NULL)
    g_clear_signal_handler (&self->more_rows_handler, frame_clock);
  self->more_rows_handler = 0;
  self->next_row = 0;
}

/* Builds the rows still waiting for the first frame, for code that needs
 * every field. */
static void
ensure_all_rows (BylineFrontMatterForm *self)
{
  if (self->next_row > 0 && !self->rebuilding)
    build_more_rows (self, G_MAXUINT);
}

static void
rebuild (BylineFrontMatterForm *self)
{
  BylineFrontMatter *fm = get_model (self);
  Field *focused;
  g_auto(GStrv) focus_path = NULL;
  gboolean had_focus = FALSE;
  GtkWidget *group;
  BylineNode *root;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  if (fm == NULL || !byline_front_matter_is_valid (fm))
    {
      /* Keep the rows of the last valid model, insensitive. */
      update_status (self);
      return;
    }

  focused = focused_field (self);
  if (focused != NULL)
    {
      focus_path = g_strdupv (focused->path);
      had_focus = TRUE;
    }
  if (self->focus_after_rebuild != NULL)
    {
      g_strfreev (focus_path);
      focus_path = g_steal_pointer (&self->focus_after_rebuild);
    }

  self->rebuilding = TRUE;
  self->n_rebuilds++;
  cancel_more_rows (self);

  g_ptr_array_set_size (self->fields, 0);
  if (self->group != NULL)
    {
      gtk_box_remove (GTK_BOX (self->fields_box), self->group);
      self->group = NULL;
    }

  g_clear_pointer (&self->kind_signature, g_free);
  g_clear_pointer (&self->struct_signature, g_free);
  compute_signatures (self, fm, &self->kind_signature, &self->struct_signature);

  root = byline_front_matter_get_root (fm);
  self->has_rows = FALSE;

  if (root != NULL &&
      byline_front_matter_get_format (fm) != BYLINE_FORMAT_NONE &&
      !byline_front_matter_is_read_only (fm, NULL))
    {
      guint n = byline_node_get_n_children (root);
      guint n_first = n;

      /* In a shown form scrolled to the top (a post just opened), the rows
       * below the fold are built right after the next frame, when there is
       * no focus to put back among them. */
      if (focus_path == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
          gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->fields_scroller))) == 0)
        n_first = count_first_frame_rows (self, root);

      group = adw_preferences_group_new ();
      build_children_range (self, fm, root, group, 0, n_first);
      gtk_box_append (GTK_BOX (self->fields_box), group);
      self->group = group;
      if (n_first < n)
        schedule_more_rows (self, n_first);
      self->has_rows = byline_node_get_n_children (root) > 0;
    }

  self->rebuilding = FALSE;

  update_status (self);

  if (focus_path != NULL)
    {
      Field *field = find_field (self, (const char * const *) focus_path);

      if (field != NULL)
        focus_field (field);
      else if (had_focus && self->fields->len > 0)
        focus_field (g_ptr_array_index (self->fields, 0));
    }
}

static gboolean
rebuild_timeout_cb (gpointer data)
{
  BylineFrontMatterForm *self = data;

  self->rebuild_source = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
on_front_matter_changed_cb (BylineFrontMatterForm *self,
                            GParamSpec            *pspec,
                            BylineDocument        *document)
{
  BylineFrontMatter *fm = get_model (self);
  g_autofree char *kinds = NULL;
  g_autofree char *cats = NULL;

  if (!self->in_yaml_edit)
    update_yaml_view (self);
  update_error (self);

  if (fm == NULL || !byline_front_matter_is_valid (fm))
    {
      update_status (self);
      return;
    }

  compute_signatures (self, fm, &kinds, &cats);

  if (self->next_row > 0)
    {
      /* Some rows of the last model are not built yet: build them all. */
      rebuild (self);
      return;
    }

  if (self->group != NULL &&
      ((self->in_form_edit && g_strcmp0 (cats, self->struct_signature) == 0) ||
       g_strcmp0 (kinds, self->kind_signature) == 0))
    {
      refresh_in_place (self, fm);
      g_free (self->struct_signature);
      self->struct_signature = g_steal_pointer (&cats);
      update_status (self);
    }
  else if (self->in_yaml_edit)
    {
      /* Typing in the YAML view: don't rebuild on every key. */
      refresh_in_place (self, fm);
      update_status (self);
      g_clear_handle_id (&self->rebuild_source, g_source_remove);
      self->rebuild_source = g_timeout_add (YAML_REBUILD_DELAY_MS, rebuild_timeout_cb, self);
    }
  else
    {
      rebuild (self);
    }
}

static void
on_yaml_buffer_changed_cb (BylineFrontMatterForm *self,
                           GtkTextBuffer         *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->updating_yaml || self->document == NULL)
    return;

  flush_pending (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  self->in_yaml_edit = TRUE;
  byline_document_set_front_matter_text (self->document, text);
  self->in_yaml_edit = FALSE;
}

/* ------------------------------------------------------------------------ */
/* The site                                                                  */
/* ------------------------------------------------------------------------ */

static void
apply_site (BylineFrontMatterForm *self)
{
  BylineFrontMatter *fm = get_model (self);
  g_autofree char *kinds = NULL;
  g_autofree char *cats = NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *dotted = NULL;
      g_auto(GStrv) values = NULL;

      if (field->kind != FIELD_CHIPS)
        continue;

      dotted = path_to_dotted ((const char * const *) field->path);
      values = byline_site_index_dup_values (self->site, dotted, MAX_SUGGESTIONS);
      byline_chip_editor_set_suggestions (BYLINE_CHIP_EDITOR (field->editor),
                                          (const char * const *) values);
    }

  if (fm == NULL || !byline_front_matter_is_valid (fm))
    return;

  /* Site hints may change widget kinds (an empty "tags" becomes a list). */
  compute_signatures (self, fm, &kinds, &cats);
  if (g_strcmp0 (kinds, self->kind_signature) != 0)
    rebuild (self);
  else
    refresh_in_place (self, fm);

  update_status (self);
}

static void
on_site_scanned_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BylineFrontMatterForm) self = user_data;
  g_autoptr(GError) error = NULL;
  BylineSiteIndex *index;

  index = byline_site_scan_finish (result, &error);
  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("site scan failed: %s", error->message);
      return;
    }

  g_clear_pointer (&self->site, byline_site_index_unref);
  self->site = index;
  g_debug ("site %s: %u posts", g_file_peek_path (byline_site_index_get_root (index)),
           byline_site_index_get_n_posts (index));

  apply_site (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_INDEX]);
}

static void
start_site_scan (BylineFrontMatterForm *self)
{
  GFile *file;

  g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);

  if (self->document == NULL || (file = byline_document_get_file (self->document)) == NULL)
    return;

  self->site_cancellable = g_cancellable_new ();
  byline_site_scan_async (file, self->site_cancellable, on_site_scanned_cb, g_object_ref (self));
}

static void
on_document_file_changed_cb (BylineFrontMatterForm *self,
                             GParamSpec            *pspec,
                             BylineDocument        *document)
{
  start_site_scan (self);
}

static void
on_document_format_changed_cb (BylineFrontMatterForm *self,
                               GParamSpec            *pspec,
                               BylineDocument        *document)
{
  /* notify::front-matter follows with the new model. */
  update_yaml_view (self);
  update_status (self);
}

/* ------------------------------------------------------------------------ */
/* Dialogs                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct
{
  BylineFrontMatterForm *self;
  char                 **parent_path;
  char                 **path;          /* rename: the field */
  GtkWidget             *entry;
  GtkWidget             *types;
  guint                  type_chosen : 1;
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *dd = data;

  g_clear_object (&dd->self);
  g_strfreev (dd->parent_path);
  g_strfreev (dd->path);
  g_free (dd);
}

static const struct {
  BylineValueType  type;
  const char      *label;
} add_types[] = {
  { BYLINE_VALUE_STRING,   N_("Text") },
  { BYLINE_VALUE_TEXT,     N_("Long Text") },
  { BYLINE_VALUE_BOOL,     N_("Yes or No") },
  { BYLINE_VALUE_INT,      N_("Whole Number") },
  { BYLINE_VALUE_FLOAT,    N_("Decimal Number") },
  { BYLINE_VALUE_DATE,     N_("Date") },
  { BYLINE_VALUE_DATETIME, N_("Date and Time") },
  { BYLINE_VALUE_SEQUENCE, N_("List") },
  { BYLINE_VALUE_MAPPING,  N_("Group") },
  { BYLINE_VALUE_NULL,     N_("Empty") },
};

static BylineNode *
lookup_container (BylineFrontMatter  *fm,
                  const char * const *parent_path)
{
  if (parent_path == NULL || parent_path[0] == NULL)
    return byline_front_matter_get_root (fm);

  return byline_front_matter_lookup (fm, parent_path);
}

static gboolean
key_exists (BylineFrontMatterForm *self,
            const char * const    *parent_path,
            const char            *key)
{
  BylineFrontMatter *fm = get_model (self);
  BylineNode *container;

  if (fm == NULL || (container = lookup_container (fm, parent_path)) == NULL)
    return FALSE;

  return byline_node_lookup (container, key) != NULL;
}

static char *
default_value_for (BylineValueType type)
{
  switch (type)
    {
    case BYLINE_VALUE_BOOL:
      return g_strdup ("false");
    case BYLINE_VALUE_INT:
      return g_strdup ("0");
    case BYLINE_VALUE_FLOAT:
      return g_strdup ("0.0");
    case BYLINE_VALUE_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        return g_date_time_format (now, "%Y-%m-%d");
      }
    case BYLINE_VALUE_DATETIME:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
      }
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TEXT:
      return g_strdup ("");
    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
    default:
      return NULL;
    }
}

/* Adds @key of @type with its default value. Returns TRUE when added. */
static gboolean
add_entry (BylineFrontMatterForm *self,
           const char * const    *parent_path,
           const char            *key,
           BylineValueType        type,
           const char            *value)
{
  BylineFrontMatter *fm = get_model (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *default_value = NULL;
  BylineValueType engine_type = type;
  char *new_text;

  flush_pending (self);
  fm = get_model (self);
  if (fm == NULL || !model_is_editable (self))
    return FALSE;

  if (value == NULL)
    value = default_value = default_value_for (type);

  if (type == BYLINE_VALUE_TEXT)
    engine_type = BYLINE_VALUE_STRING;

  new_text = byline_front_matter_add_entry (fm, parent_path, key, value, engine_type, NULL, &error);
  if (new_text != NULL)
    {
      g_auto(GStrv) path = path_append (parent_path, key);

      if (type == BYLINE_VALUE_TEXT)
        g_hash_table_add (self->long_text_paths, path_to_string ((const char * const *) path));

      g_strfreev (self->focus_after_rebuild);
      self->focus_after_rebuild = g_steal_pointer (&path);
    }

  return apply_result (self, NULL, new_text, error);
}

static void
on_add_key_changed_cb (GtkEditable *editable,
                       DialogData  *dd)
{
  const char *key = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (key));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (editable)));
  gboolean valid = stripped[0] != '\0' &&
                   !key_exists (dd->self, (const char * const *) dd->parent_path, stripped);
  BylineValueType hint;
  g_auto(GStrv) probe = path_append ((const char * const *) dd->parent_path, stripped);

  adw_message_dialog_set_response_enabled (dialog, "add", valid);
  if (stripped[0] != '\0' && !valid)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");

  if (!dd->type_chosen && form_key_hint (dd->self, (const char * const *) probe, &hint))
    {
      for (guint i = 0; i < G_N_ELEMENTS (add_types); i++)
        if (add_types[i].type == hint)
          {
            g_signal_handlers_block_matched (dd->types, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, dd);
            gtk_drop_down_set_selected (GTK_DROP_DOWN (dd->types), i);
            g_signal_handlers_unblock_matched (dd->types, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, dd);
            break;
          }
    }
}

static void
on_add_type_chosen_cb (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       DialogData  *dd)
{
  dd->type_chosen = TRUE;
}

static void
on_add_entry_activate_cb (GtkEntry   *entry,
                          DialogData *dd)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (entry)));

  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DialogData       *dd)
{
  g_autofree char *key = NULL;
  guint selected;

  if (!g_str_equal (response, "add"))
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (dd->entry))));
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dd->types));
  if (key[0] == '\0' || selected >= G_N_ELEMENTS (add_types))
    return;

  add_entry (dd->self, (const char * const *) dd->parent_path, key, add_types[selected].type, NULL);
}

static void
show_add_dialog (BylineFrontMatterForm *self,
                 const char * const    *parent_path)
{
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *type_labels[G_N_ELEMENTS (add_types) + 1];
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *label;
  DialogData *dd;
  gboolean top_level = parent_path == NULL || parent_path[0] == NULL;

  dd = g_new0 (DialogData, 1);
  dd->self = g_object_ref (self);
  dd->parent_path = parent_path != NULL ? g_strdupv ((char **) parent_path) : g_new0 (char *, 1);

  if (top_level)
    heading = g_strdup (_("Add Field"));
  else
    /* Translators: dialog heading, %s is a group of fields such as "menu" */
    heading = g_strdup_printf (_("Add Field to %s"), parent_path[g_strv_length ((char **) parent_path) - 1]);

  dialog = adw_message_dialog_new (get_window (self), heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  label = gtk_label_new_with_mnemonic (_("_Key"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  dd->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (dd->entry), _("e.g. tags"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dd->entry);
  gtk_box_append (GTK_BOX (box), dd->entry);

  /* Keys from the site first, then the common ones. */
  if (top_level && self->site != NULL)
    {
      g_auto(GStrv) keys = byline_site_index_dup_keys (self->site);

      for (guint i = 0; keys[i] != NULL; i++)
        if (strchr (keys[i], '.') == NULL && !key_exists (self, parent_path, keys[i]) &&
            g_hash_table_add (offered, g_strdup (keys[i])))
          gtk_list_store_insert_with_values (store, NULL, -1, 0, keys[i], -1);
    }
  else if (!top_level && self->site != NULL)
    {
      g_autofree char *parent_dotted = path_to_dotted (parent_path);
      g_autofree char *prefix = g_strconcat (parent_dotted, ".", NULL);
      g_auto(GStrv) keys = byline_site_index_dup_keys (self->site);
      gsize prefix_len;

      prefix_len = strlen (prefix);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *rest = keys[i] + prefix_len;

          if (g_str_has_prefix (keys[i], prefix) && strchr (rest, '.') == NULL &&
              !key_exists (self, parent_path, rest) &&
              g_hash_table_add (offered, g_strdup (rest)))
            gtk_list_store_insert_with_values (store, NULL, -1, 0, rest, -1);
        }
    }
  if (top_level)
    {
      const char * const *common = byline_site_common_keys ();

      for (guint i = 0; common[i] != NULL; i++)
        if (!key_exists (self, parent_path, common[i]) &&
            g_hash_table_add (offered, g_strdup (common[i])))
          gtk_list_store_insert_with_values (store, NULL, -1, 0, common[i], -1);
    }

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_inline_selection (completion, TRUE);
  gtk_entry_set_completion (GTK_ENTRY (dd->entry), completion);

  label = gtk_label_new_with_mnemonic (_("_Type"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; i < G_N_ELEMENTS (add_types); i++)
    type_labels[i] = _(add_types[i].label);
  type_labels[G_N_ELEMENTS (add_types)] = NULL;
  dd->types = gtk_drop_down_new_from_strings (type_labels);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dd->types);
  gtk_box_append (GTK_BOX (box), dd->types);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect (dd->entry, "changed", G_CALLBACK (on_add_key_changed_cb), dd);
  g_signal_connect (dd->entry, "activate", G_CALLBACK (on_add_entry_activate_cb), dd);
  g_signal_connect (dd->types, "notify::selected", G_CALLBACK (on_add_type_chosen_cb), dd);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_add_response_cb), dd,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (dd->entry);
}

static void
on_rename_key_changed_cb (GtkEditable *editable,
                          DialogData  *dd)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (editable)));
  const char *old = dd->path[g_strv_length (dd->path) - 1];
  gboolean exists = !g_str_equal (key, old) &&
                    key_exists (dd->self, (const char * const *) dd->parent_path, key);

  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           key[0] != '\0' && !exists && !g_str_equal (key, old));
  if (exists)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static gboolean
rename_key (BylineFrontMatterForm *self,
            const char * const    *path,
            const char            *new_key)
{
  BylineFrontMatter *fm = get_model (self);
  g_autoptr(GError) error = NULL;
  Field *field;
  char *new_text;

  flush_pending (self);
  fm = get_model (self);
  if (fm == NULL || !model_is_editable (self))
    return FALSE;

  field = find_field (self, path);
  new_text = byline_front_matter_rename_key (fm, path, new_key, &error);
  if (new_text != NULL)
    {
      g_auto(GStrv) parent = path_parent (path);

      g_strfreev (self->focus_after_rebuild);
      self->focus_after_rebuild = path_append ((const char * const *) parent, new_key);
    }

  return apply_result (self, field, new_text, error);
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DialogData       *dd)
{
  g_autofree char *key = NULL;

  if (!g_str_equal (response, "rename"))
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (dd->entry))));
  if (key[0] != '\0')
    rename_key (dd->self, (const char * const *) dd->path, key);
}

static void
on_rename_entry_activate_cb (GtkEntry   *entry,
                             DialogData *dd)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (entry)));

  if (adw_message_dialog_get_response_enabled (dialog, "rename"))
    adw_message_dialog_response (dialog, "rename");
}

static void
show_rename_dialog (BylineFrontMatterForm *self,
                    const char * const    *path)
{
  const char *old = path[g_strv_length ((char **) path) - 1];
  GtkWidget *dialog;
  DialogData *dd;

  dd = g_new0 (DialogData, 1);
  dd->self = g_object_ref (self);
  dd->path = g_strdupv ((char **) path);
  dd->parent_path = path_parent (path);

  dialog = adw_message_dialog_new (get_window (self), _("Rename Field"), NULL);
  /* Translators: %s is the field's current key */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("New key for “%s”"), old);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename", FALSE);

  dd->entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (dd->entry), old);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dd->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New key"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dd->entry);

  g_signal_connect (dd->entry, "changed", G_CALLBACK (on_rename_key_changed_cb), dd);
  g_signal_connect (dd->entry, "activate", G_CALLBACK (on_rename_entry_activate_cb), dd);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_response_cb), dd,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (dd->entry);
  gtk_editable_select_region (GTK_EDITABLE (dd->entry), 0, -1);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                   */
/* ------------------------------------------------------------------------ */

static const char * const *
variant_get_path (GVariant *param)
{
  return g_variant_get_strv (param, NULL);   /* container of borrowed strings */
}

static void
move_field (BylineFrontMatterForm *self,
            const char * const    *path,
            int                    delta)
{
  BylineFrontMatter *fm = get_model (self);
  g_autoptr(GError) error = NULL;
  BylineNode *node, *parent;
  guint index, n;
  char *new_text;

  flush_pending (self);
  fm = get_model (self);

  if (fm == NULL || !model_is_editable (self) ||
      (node = byline_front_matter_lookup (fm, path)) == NULL)
    return;

  parent = byline_node_get_parent (node);
  n = parent != NULL ? byline_node_get_n_children (parent) : 1;
  index = node_index_in_parent (node);

  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= n))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  new_text = byline_front_matter_move (fm, path, index + delta, &error);
  if (new_text != NULL)
    {
      g_strfreev (self->focus_after_rebuild);
      if (byline_node_get_key (node) != NULL)
        self->focus_after_rebuild = g_strdupv ((char **) path);
      else
        {
          /* A list item's path is its index. */
          g_auto(GStrv) parent_path = path_parent (path);
          g_autofree char *new_index = g_strdup_printf ("%u", index + delta);

          self->focus_after_rebuild = path_append ((const char * const *) parent_path, new_index);
        }
    }

  apply_result (self, find_field (self, path), new_text, error);
}

static void
remove_field (BylineFrontMatterForm *self,
              const char * const    *path)
{
  BylineFrontMatter *fm = get_model (self);
  g_autoptr(GError) error = NULL;
  BylineNode *node, *parent;
  char *new_text;

  flush_pending (self);
  fm = get_model (self);

  if (fm == NULL || !model_is_editable (self) ||
      (node = byline_front_matter_lookup (fm, path)) == NULL)
    return;

  /* Focus the next field, or the one before, afterwards. */
  parent = byline_node_get_parent (node);
  g_strfreev (self->focus_after_rebuild);
  self->focus_after_rebuild = NULL;
  if (parent != NULL)
    {
      guint index = node_index_in_parent (node);
      guint n = byline_node_get_n_children (parent);
      BylineNode *next = NULL;

      if (byline_node_get_key (node) != NULL)
        {
          if (index + 1 < n)
            next = byline_node_get_child (parent, index + 1);
          else if (index > 0)
            next = byline_node_get_child (parent, index - 1);
          if (next != NULL)
            self->focus_after_rebuild = byline_node_dup_path (next);
        }
    }

  new_text = byline_front_matter_remove (fm, path, &error);
  if (new_text == NULL)
    g_clear_pointer (&self->focus_after_rebuild, g_strfreev);

  apply_result (self, find_field (self, path), new_text, error);
}

static void
form_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autofree const char **path = (const char **) variant_get_path (param);

  remove_field (BYLINE_FRONT_MATTER_FORM (widget), path);
}

static void
form_move_up_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autofree const char **path = (const char **) variant_get_path (param);

  move_field (BYLINE_FRONT_MATTER_FORM (widget), path, -1);
}

static void
form_move_down_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_autofree const char **path = (const char **) variant_get_path (param);

  move_field (BYLINE_FRONT_MATTER_FORM (widget), path, 1);
}

static void
form_rename_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);
  g_autofree const char **path = (const char **) variant_get_path (param);

  if (path[0] != NULL && model_is_editable (self))
    show_rename_dialog (self, path);
}

static void
form_rename_key_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  g_autofree const char **path = NULL;
  const char *new_key = NULL;

  g_variant_get (param, "(^a&s&s)", &path, &new_key);
  rename_key (BYLINE_FRONT_MATTER_FORM (widget), path, new_key);
}

static void
form_add_field_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);

  if (model_is_editable (self))
    show_add_dialog (self, NULL);
}

static void
form_add_field_to_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);
  g_autofree const char **path = (const char **) variant_get_path (param);

  if (model_is_editable (self))
    show_add_dialog (self, path);
}

static void
form_add_entry_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_autofree const char **parent = NULL;
  const char *key = NULL, *type_name = NULL, *value = NULL;
  BylineValueType type = BYLINE_VALUE_STRING;

  g_variant_get (param, "(^a&s&s&s&s)", &parent, &key, &type_name, &value);

  if (g_str_equal (type_name, "text"))
    type = BYLINE_VALUE_TEXT;
  else if (!byline_value_type_from_string (type_name, &type))
    {
      g_warning ("unknown value type “%s”", type_name);
      return;
    }

  add_entry (BYLINE_FRONT_MATTER_FORM (widget), parent, key, type,
             value[0] != '\0' ? value : NULL);
}

static void
form_add_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);
  g_autofree const char **path = (const char **) variant_get_path (param);
  BylineFrontMatter *fm = get_model (self);
  g_autoptr(GError) error = NULL;
  BylineValueType type = BYLINE_VALUE_STRING;
  BylineNode *node;
  guint n;
  char *new_text;

  flush_pending (self);
  fm = get_model (self);
  if (fm == NULL || !model_is_editable (self) ||
      (node = byline_front_matter_lookup (fm, path)) == NULL)
    return;

  n = byline_node_get_n_children (node);
  if (n > 0 && byline_node_get_value_type (byline_node_get_child (node, n - 1)) == BYLINE_VALUE_MAPPING)
    type = BYLINE_VALUE_MAPPING;

  new_text = byline_front_matter_append_item (fm, path, type == BYLINE_VALUE_MAPPING ? NULL : "",
                                              type, &error);
  if (new_text != NULL)
    {
      g_autofree char *index = g_strdup_printf ("%u", n);

      g_strfreev (self->focus_after_rebuild);
      self->focus_after_rebuild = path_append (path, index);
    }

  apply_result (self, find_field (self, path), new_text, error);
}

/* form.undo and form.redo: the document's front matter history. */
static void
form_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);
  gboolean undo = g_str_equal (action_name, "form.undo");

  flush_pending (self);
  if (self->document == NULL ||
      !(undo ? byline_document_can_undo_front_matter (self->document)
             : byline_document_can_redo_front_matter (self->document)))
    gtk_widget_error_bell (widget);
  else if (undo)
    byline_document_undo_front_matter (self->document);
  else
    byline_document_redo_front_matter (self->document);
}

/* Shortcuts on the focused field. */
static gboolean
focused_field_shortcut_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (widget);
  const char *what = g_variant_get_string (args, NULL);
  Field *field = focused_field (self);
  g_auto(GStrv) path = NULL;

  if (field == NULL)
    return FALSE;

  path = g_strdupv (field->path);

  if (g_str_equal (what, "up"))
    move_field (self, (const char * const *) path, -1);
  else if (g_str_equal (what, "down"))
    move_field (self, (const char * const *) path, 1);
  else if (g_str_equal (what, "remove"))
    remove_field (self, (const char * const *) path);
  else if (g_str_equal (what, "rename") && !field->is_item && model_is_editable (self))
    show_rename_dialog (self, (const char * const *) path);
  else
    return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
update_style_scheme (BylineFrontMatterForm *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->yaml_buffer);
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                       adw_style_manager_get_dark (manager)
                                                       ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

/* The YAML view is made when first shown: most windows never show it. Its
 * buffer is there from the start. */
static void
ensure_yaml_view (BylineFrontMatterForm *self)
{
  if (self->yaml_view != NULL)
    return;

  self->yaml_view = g_object_new (GTK_SOURCE_TYPE_VIEW,
                                  "buffer", self->yaml_buffer,
                                  "monospace", TRUE,
                                  "wrap-mode", GTK_WRAP_WORD_CHAR,
                                  "auto-indent", TRUE,
                                  "insert-spaces-instead-of-tabs", TRUE,
                                  "indent-width", 2,
                                  "tab-width", 2,
                                  "left-margin", 12,
                                  "right-margin", 12,
                                  "top-margin", 8,
                                  "bottom-margin", 8,
                                  NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->yaml_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Front matter YAML"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->yaml_scroller), self->yaml_view);
}

static void
byline_front_matter_form_set_show_yaml (BylineFrontMatterForm *self,
                                        gboolean               show_yaml)
{
  show_yaml = !!show_yaml;
  if (self->show_yaml == show_yaml)
    return;

  self->show_yaml = show_yaml;
  gtk_widget_set_visible (self->yaml_scroller, show_yaml);
  if (show_yaml)
    {
      ensure_yaml_view (self);
      update_yaml_view (self);
      update_error (self);
      gtk_widget_grab_focus (self->yaml_view);
    }
  update_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_YAML]);
}

static void
byline_front_matter_form_dispose (GObject *object)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (object);

  if (self->document != NULL)
    flush_pending (self);
  g_clear_handle_id (&self->commit_source, g_source_remove);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  cancel_more_rows (self);
  g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);
  g_clear_signal_handler (&self->style_handler, adw_style_manager_get_default ());

  self->rebuilding = TRUE;
  if (self->fields != NULL)
    g_ptr_array_set_size (self->fields, 0);
  self->group = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_FRONT_MATTER_FORM);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->spell_model);
  g_clear_pointer (&self->site, byline_site_index_unref);

  G_OBJECT_CLASS (byline_front_matter_form_parent_class)->dispose (object);
}

static void
byline_front_matter_form_finalize (GObject *object)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->long_text_paths, g_hash_table_unref);
  g_clear_pointer (&self->kind_signature, g_free);
  g_clear_pointer (&self->struct_signature, g_free);
  g_clear_pointer (&self->focus_after_rebuild, g_strfreev);

  G_OBJECT_CLASS (byline_front_matter_form_parent_class)->finalize (object);
}

static void
byline_front_matter_form_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_YAML:
      g_value_set_boolean (value, self->show_yaml);
      break;

    case PROP_SITE_INDEX:
      g_value_set_boxed (value, self->site);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_front_matter_form_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  BylineFrontMatterForm *self = BYLINE_FRONT_MATTER_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      byline_front_matter_form_set_document (self, g_value_get_object (value));
      break;

    case PROP_SHOW_YAML:
      byline_front_matter_form_set_show_yaml (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_front_matter_form_class_init (BylineFrontMatterFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_front_matter_form_dispose;
  object_class->finalize = byline_front_matter_form_finalize;
  object_class->get_property = byline_front_matter_form_get_property;
  object_class->set_property = byline_front_matter_form_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_YAML] =
    g_param_spec_boolean ("show-yaml", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The post switcher: the last scan of the post's site, or NULL
   * until one has finished */
  properties[PROP_SITE_INDEX] =
    g_param_spec_boxed ("site-index", NULL, NULL,
                        BYLINE_TYPE_SITE_INDEX,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  byline_form_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/byline-front-matter-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, main_box);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, toolbar);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, add_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, yaml_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, paned);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, yaml_scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, fields_scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, fields_box);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, status_page);
  gtk_widget_class_bind_template_child (widget_class, BylineFrontMatterForm, status_button);

  gtk_widget_class_install_property_action (widget_class, "form.show-yaml", "show-yaml");
  gtk_widget_class_install_action (widget_class, "form.add-field", NULL, form_add_field_action);
  gtk_widget_class_install_action (widget_class, "form.add-field-to", "as", form_add_field_to_action);
  gtk_widget_class_install_action (widget_class, "form.add-entry", "(assss)", form_add_entry_action);
  gtk_widget_class_install_action (widget_class, "form.add-item", "as", form_add_item_action);
  gtk_widget_class_install_action (widget_class, "form.remove", "as", form_remove_action);
  gtk_widget_class_install_action (widget_class, "form.move-up", "as", form_move_up_action);
  gtk_widget_class_install_action (widget_class, "form.move-down", "as", form_move_down_action);
  gtk_widget_class_install_action (widget_class, "form.rename", "as", form_rename_action);
  gtk_widget_class_install_action (widget_class, "form.rename-key", "(ass)", form_rename_key_action);
  gtk_widget_class_install_action (widget_class, "form.undo", NULL, form_history_action);
  gtk_widget_class_install_action (widget_class, "form.redo", NULL, form_history_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinefrontmatterform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accel,
              GtkShortcutAction     *action,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel), action);

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
byline_front_matter_form_init (BylineFrontMatterForm *self)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;
  GtkTextBuffer *buffer;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  byline_form_style_init ();

  self->fields = g_ptr_array_new ();
  self->yaml_buffer = gtk_source_buffer_new (NULL);
  self->long_text_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  buffer = GTK_TEXT_BUFFER (self->yaml_buffer);
  /* Ctrl+Z belongs to the document's front matter history. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), TRUE);
  self->error_tag = gtk_text_buffer_create_tag (buffer, "byline-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_yaml_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_yaml_view (self);

  self->style_handler = g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                                                 G_CALLBACK (update_style_scheme), self,
                                                 G_CONNECT_SWAPPED);
  update_style_scheme (self);

  /* Undo and field shortcuts, before the text widgets see the keys. */
  controller = gtk_shortcut_controller_new ();
  shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_LOCAL);
  add_shortcut (shortcuts, "<Control>z", gtk_named_action_new ("form.undo"), NULL);
  add_shortcut (shortcuts, "<Control><Shift>z", gtk_named_action_new ("form.redo"), NULL);
  add_shortcut (shortcuts, "<Control>y", gtk_named_action_new ("form.redo"), NULL);
  add_shortcut (shortcuts, "<Control><Shift>a", gtk_named_action_new ("form.add-field"), NULL);
  add_shortcut (shortcuts, "<Control><Shift>y", gtk_named_action_new ("form.show-yaml"), NULL);
  add_shortcut (shortcuts, "<Alt>Up",
                gtk_callback_action_new (focused_field_shortcut_cb, NULL, NULL),
                g_variant_new_string ("up"));
  add_shortcut (shortcuts, "<Alt>Down",
                gtk_callback_action_new (focused_field_shortcut_cb, NULL, NULL),
                g_variant_new_string ("down"));
  add_shortcut (shortcuts, "<Alt>Delete",
                gtk_callback_action_new (focused_field_shortcut_cb, NULL, NULL),
                g_variant_new_string ("remove"));
  add_shortcut (shortcuts, "F2",
                gtk_callback_action_new (focused_field_shortcut_cb, NULL, NULL),
                g_variant_new_string ("rename"));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Remember whether the YAML view was shown. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "show-raw-yaml"))
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "show-raw-yaml", self, "show-yaml", G_SETTINGS_BIND_DEFAULT);
    }

  update_status (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

GtkWidget *
byline_front_matter_form_new (void)
{
  return g_object_new (BYLINE_TYPE_FRONT_MATTER_FORM, NULL);
}

void
byline_front_matter_form_set_document (BylineFrontMatterForm *self,
                                       BylineDocument        *document)
{
  g_return_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self));
  g_return_if_fail (!document || BYLINE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      flush_pending (self);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }

  g_set_object (&self->document, document);
  g_clear_pointer (&self->site, byline_site_index_unref);
  g_hash_table_remove_all (self->long_text_paths);
  g_clear_pointer (&self->kind_signature, g_free);
  g_clear_pointer (&self->struct_signature, g_free);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::front-matter",
                               G_CALLBACK (on_front_matter_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::format",
                               G_CALLBACK (on_document_format_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file",
                               G_CALLBACK (on_document_file_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update_yaml_view (self);
  update_error (self);
  rebuild (self);
  start_site_scan (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_INDEX]);
}

BylineDocument *
byline_front_matter_form_get_document (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  return self->document;
}

/* ------------------------------------------------------------------------ */
/* For tests (byline-front-matter-form-private.h)                            */
/* ------------------------------------------------------------------------ */

char **
_byline_front_matter_form_dup_warnings (BylineFrontMatterForm *self)
{
  GStrvBuilder *builder;
  char **ret;

  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  ensure_all_rows (self);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->warning_text != NULL)
        {
          g_autofree char *dotted = path_to_dotted ((const char * const *) field->path);
          g_autofree char *line = g_strdup_printf ("%s: %s", dotted, field->warning_text);

          g_strv_builder_add (builder, line);
        }
    }

  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

GtkWidget *
_byline_front_matter_form_get_field_widget (BylineFrontMatterForm *self,
                                            const char            *dotted)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);
  g_return_val_if_fail (dotted != NULL, NULL);

  ensure_all_rows (self);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *path = path_to_dotted ((const char * const *) field->path);

      if (g_str_equal (path, dotted))
        return field->editor;
    }

  return NULL;
}

GtkWidget *
_byline_front_matter_form_get_error_label (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->error_revealer)) ? self->error_label : NULL;
}

GtkWidget *
_byline_front_matter_form_get_fields_box (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  return self->fields_box;
}

GtkWidget *
_byline_front_matter_form_get_yaml_view (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  ensure_yaml_view (self);

  return self->yaml_view;
}

guint
_byline_front_matter_form_get_n_rebuilds (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), 0);

  return self->n_rebuilds;
}

/* The fields with a row so far (the rows below the fold of a post just
 * opened come right after its first frame). */
guint
_byline_front_matter_form_get_n_built_fields (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), 0);

  return self->fields->len;
}

/* The post switcher: the same scan, not a second one */
BylineSiteIndex *
byline_front_matter_form_get_site_index (BylineFrontMatterForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self), NULL);

  return self->site;
}

/* Spell checking of the text rows: they follow @model (the body's checker) */
void
byline_front_matter_form_set_spell_checker (BylineFrontMatterForm *self,
                                            BylineSpellChecker    *model)
{
  g_return_if_fail (BYLINE_IS_FRONT_MATTER_FORM (self));
  g_return_if_fail (model == NULL || BYLINE_IS_SPELL_CHECKER (model));

  if (!g_set_object (&self->spell_model, model))
    return;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (BYLINE_IS_TEXT_ROW (field->row))
        byline_text_row_follow_spelling (BYLINE_TEXT_ROW (field->row), model);
    }
}
