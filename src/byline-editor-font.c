/* byline-editor-font.c: the Markdown source's font, as the user chose it
 *
 * Either the desktop's monospace font (as GNOME Text Editor does: the
 * monospace-font-name of org.gnome.desktop.interface, followed as it
 * changes; GTK's monospace where that schema is not installed), or a font
 * of the user's own ("editor-font"). The window writes it as CSS beside
 * the zoom, so that zoom multiplies the chosen size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-editor-font"

#include "config.h"

#include "byline-editor-font.h"

#define DESKTOP_SCHEMA  "org.gnome.desktop.interface"
#define DESKTOP_KEY     "monospace-font-name"

struct _BylineEditorFont
{
  GObject               parent_instance;

  /* Owned references */
  GSettings            *settings;
  GSettings            *desktop;     /* NULL: the desktop's schema is missing */
  PangoFontDescription *font_desc;   /* NULL: GTK's monospace */
};

G_DEFINE_FINAL_TYPE (BylineEditorFont, byline_editor_font, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FONT_DESC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* The desktop's interface settings, or NULL when their schema (or its
 * key) is not installed: g_settings_new() would abort then. */
static GSettings *
desktop_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, DESKTOP_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, DESKTOP_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* @name as a Pango font, or NULL when it names no family (an empty or
 * unreadable setting: the theme's font is better than a guess). */
static PangoFontDescription *
font_desc_from_name (const char *name)
{
  PangoFontDescription *desc;

  if (name == NULL || name[0] == '\0')
    return NULL;
  desc = pango_font_description_from_string (name);
  if (pango_font_description_get_family (desc) == NULL ||
      pango_font_description_get_family (desc)[0] == '\0')
    {
      pango_font_description_free (desc);
      return NULL;
    }
  return desc;
}

static gboolean
font_desc_equal (const PangoFontDescription *a,
                 const PangoFontDescription *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return pango_font_description_equal (a, b);
}

static void
update (BylineEditorFont *self)
{
  PangoFontDescription *desc = NULL;

  g_assert (BYLINE_IS_EDITOR_FONT (self));

  if (!g_settings_get_boolean (self->settings, "use-system-font"))
    {
      g_autofree char *name = g_settings_get_string (self->settings, "editor-font");

      desc = font_desc_from_name (name);
    }
  else if (self->desktop != NULL)
    {
      g_autofree char *name = g_settings_get_string (self->desktop, DESKTOP_KEY);

      desc = font_desc_from_name (name);
    }

  if (font_desc_equal (desc, self->font_desc))
    {
      g_clear_pointer (&desc, pango_font_description_free);
      return;
    }
  g_clear_pointer (&self->font_desc, pango_font_description_free);
  self->font_desc = desc;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_DESC]);
}

/* A CSS string for @text: quoted, its quotes and backslashes escaped,
 * control characters left out. */
static void
append_css_string (GString    *css,
                   const char *text)
{
  g_string_append_c (css, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      if ((guchar) *p >= 0x20 && *p != 0x7f)
        g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

static void
append_css_number (GString    *css,
                   double      value,
                   const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* (Not printf: a German locale would write a decimal comma.) */
  g_string_append (css, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
  g_string_append (css, unit);
}

static const char *
css_style (PangoStyle style)
{
  switch (style)
    {
    case PANGO_STYLE_OBLIQUE: return "oblique";
    case PANGO_STYLE_ITALIC:  return "italic";
    case PANGO_STYLE_NORMAL:
    default:                  return "normal";
    }
}

static const char *
css_stretch (PangoStretch stretch)
{
  switch (stretch)
    {
    case PANGO_STRETCH_ULTRA_CONDENSED: return "ultra-condensed";
    case PANGO_STRETCH_EXTRA_CONDENSED: return "extra-condensed";
    case PANGO_STRETCH_CONDENSED:       return "condensed";
    case PANGO_STRETCH_SEMI_CONDENSED:  return "semi-condensed";
    case PANGO_STRETCH_SEMI_EXPANDED:   return "semi-expanded";
    case PANGO_STRETCH_EXPANDED:        return "expanded";
    case PANGO_STRETCH_EXTRA_EXPANDED:  return "extra-expanded";
    case PANGO_STRETCH_ULTRA_EXPANDED:  return "ultra-expanded";
    case PANGO_STRETCH_NORMAL:
    default:                            return "normal";
    }
}

/* GObject overrides */

static void
byline_editor_font_finalize (GObject *object)
{
  BylineEditorFont *self = BYLINE_EDITOR_FONT (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->desktop);
  g_clear_pointer (&self->font_desc, pango_font_description_free);

  G_OBJECT_CLASS (byline_editor_font_parent_class)->finalize (object);
}

static void
byline_editor_font_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineEditorFont *self = BYLINE_EDITOR_FONT (object);

  switch (prop_id)
    {
    case PROP_FONT_DESC:
      g_value_set_boxed (value, self->font_desc);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_editor_font_class_init (BylineEditorFontClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_editor_font_finalize;
  object_class->get_property = byline_editor_font_get_property;

  properties[PROP_FONT_DESC] =
    g_param_spec_boxed ("font-desc", NULL, NULL,
                        PANGO_TYPE_FONT_DESCRIPTION,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_editor_font_init (BylineEditorFont *self)
{
}

/* Public API */

BylineEditorFont *
byline_editor_font_new (GSettings *settings)
{
  BylineEditorFont *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BYLINE_TYPE_EDITOR_FONT, NULL);
  self->settings = g_object_ref (settings);
  self->desktop = desktop_settings_new ();

  g_signal_connect_object (self->settings, "changed::use-system-font",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::editor-font",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  if (self->desktop != NULL)
    g_signal_connect_object (self->desktop, "changed::" DESKTOP_KEY,
                             G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return self;
}

const PangoFontDescription *
byline_editor_font_get_font_desc (BylineEditorFont *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_FONT (self), NULL);

  return self->font_desc;
}

char *
byline_editor_font_to_css (const PangoFontDescription *desc,
                           double                      zoom)
{
  PangoFontMask set = desc != NULL ? pango_font_description_get_set_fields (desc) : 0;
  int size = desc != NULL ? pango_font_description_get_size (desc) : 0;
  GString *css;

  g_return_val_if_fail (zoom > 0, NULL);

  css = g_string_new ("textview.byline-source {");

  if (set & PANGO_FONT_MASK_FAMILY)
    {
      g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);
      gboolean first = TRUE;

      for (guint i = 0; families[i] != NULL; i++)
        {
          const char *family = g_strstrip (families[i]);

          if (family[0] == '\0')
            continue;
          g_string_append (css, first ? " font-family: " : ", ");
          append_css_string (css, family);
          first = FALSE;
        }
      if (!first)
        g_string_append_c (css, ';');
    }
  if (set & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, " font-weight: %d;",
                            CLAMP ((int) pango_font_description_get_weight (desc), 1, 1000));
  if (set & PANGO_FONT_MASK_STYLE)
    g_string_append_printf (css, " font-style: %s;", css_style (pango_font_description_get_style (desc)));
  if (set & PANGO_FONT_MASK_STRETCH)
    g_string_append_printf (css, " font-stretch: %s;", css_stretch (pango_font_description_get_stretch (desc)));

  g_string_append (css, " font-size: ");
  if ((set & PANGO_FONT_MASK_SIZE) && size > 0)
    append_css_number (css, (double) size / PANGO_SCALE * zoom,
                       pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
  else
    /* Relative to the size the source view would have had. */
    g_string_append_printf (css, "%d%%", (int) (zoom * 100 + 0.5));
  g_string_append (css, "; }");

  return g_string_free (css, FALSE);
}
