/* test-editor-prefs.c: the Markdown source's font and display preferences,
 * in the real window: the desktop's monospace font or one of the user's,
 * zoom multiplying its size, line numbers and the current line (settings,
 * application actions and the Preferences window alike).
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-editor-prefs"

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "byline-application.h"
#include "byline-editor-font.h"
#include "byline-preferences-window.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 60

#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

#define DESKTOP_SCHEMA "org.gnome.desktop.interface"

static BylineApplication *app;

/* A post of our own. */
static const char sample_post[] =
  "---\n"
  "title: \"Fonts\"\n"
  "date: 2025-03-01T10:00:00+01:00\n"
  "tags: [fonts, test]\n"
  "---\n"
  "A post written for the tests, in the font the user chose.\n"
  "\n"
  "## A heading\n"
  "\n"
  "- one item\n"
  "- another item\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static GSettings *
app_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  static const char * const keys[] = {
    "use-system-font", "editor-font", "zoom", "show-line-numbers", "highlight-current-line",
  };

  /* Each test starts from the defaults. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  return settings;
}

/* The desktop's interface settings, or NULL when the schema is missing
 * (then the caller skips what needs it). */
static GSettings *
desktop_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, DESKTOP_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "monospace-font-name"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static BylineWindow *
open_and_wait (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = byline_application_open_file (app, file);

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_ready (window));
  return window;
}

static const PangoFontDescription *
source_font (BylineWindow *window)
{
  GtkWidget *view = GTK_WIDGET (byline_window_get_source_view (window));

  return pango_context_get_font_description (gtk_widget_get_pango_context (view));
}

/* The size of @desc in points (GTK gives CSS sizes as pixels at 96 dpi). */
static double
size_pt (const PangoFontDescription *desc)
{
  double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (desc) ? size * 72 / 96 : size;
}

/* Whether the source view's font is @family at @weight and @points. */
static gboolean
source_font_is (BylineWindow *window,
                const char   *family,
                PangoWeight   weight,
                double        points)
{
  const PangoFontDescription *desc = source_font (window);

  return g_strcmp0 (pango_font_description_get_family (desc), family) == 0 &&
         pango_font_description_get_weight (desc) == weight &&
         G_APPROX_VALUE (size_pt (desc), points, 0.05);
}

/* Iterates the main loop until the source view's font is @family at
 * @weight and @points; fails the test, saying what it is, after
 * WAIT_SECONDS. */
static void
wait_for_font (BylineWindow *window,
               const char   *family,
               PangoWeight   weight,
               double        points)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, byline_test_tick_cb, NULL);

  while (!source_font_is (window, family, weight, points) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!source_font_is (window, family, weight, points))
    {
      g_autofree char *name = pango_font_description_to_string (source_font (window));

      g_test_message ("waited for %s %d %.2f pt; the source view's font is %s (%.2f pt)",
                      family, (int) weight, points, name, size_pt (source_font (window)));
    }
  g_assert_true (source_font_is (window, family, weight, points));
}

static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static AdwActionRow *
find_row (GtkWidget  *prefs,
          const char *title)
{
  GtkWidget *row = byline_test_find_widget (prefs, ADW_TYPE_ACTION_ROW, has_title, title);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

/* ------------------------------------------------------------------------ */
/* The CSS for a font                                                        */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *font;       /* a Pango font description; NULL: none */
  double      zoom;
  const char *css;
} CssCase;

static void
test_css (void)
{
  static const CssCase cases[] = {
    /* No font: GTK's monospace at its size, times the zoom (as before). */
    { NULL, 1.0, "textview.byline-source { font-size: 100%; }" },
    { NULL, 1.5, "textview.byline-source { font-size: 150%; }" },
    { NULL, 0.5, "textview.byline-source { font-size: 50%; }" },
    /* The zoom multiplies the chosen size. */
    { "Monospace 11", 1.0,
      "textview.byline-source { font-family: \"Monospace\"; font-weight: 400; font-style: normal;"
      " font-stretch: normal; font-size: 11pt; }" },
    { "Monospace 11", 1.5,
      "textview.byline-source { font-family: \"Monospace\"; font-weight: 400; font-style: normal;"
      " font-stretch: normal; font-size: 16.5pt; }" },
    { "Serif Bold 15", 1.5,
      "textview.byline-source { font-family: \"Serif\"; font-weight: 700; font-style: normal;"
      " font-stretch: normal; font-size: 22.5pt; }" },
    { "DejaVu Sans Condensed Light Italic 10.5", 3.0,
      "textview.byline-source { font-family: \"DejaVu Sans\"; font-weight: 300; font-style: italic;"
      " font-stretch: condensed; font-size: 31.5pt; }" },
    { "Cantarell,Noto Sans Mono Oblique 9", 1.0,
      "textview.byline-source { font-family: \"Cantarell\", \"Noto Sans Mono\"; font-weight: 400;"
      " font-style: oblique; font-stretch: normal; font-size: 9pt; }" },
    /* Pixels stay pixels. */
    { "Serif 20px", 2.0,
      "textview.byline-source { font-family: \"Serif\"; font-weight: 400; font-style: normal;"
      " font-stretch: normal; font-size: 40px; }" },
    /* A family without a size: the theme's size, zoomed. */
    { "Serif", 1.2,
      "textview.byline-source { font-family: \"Serif\"; font-weight: 400; font-style: normal;"
      " font-stretch: normal; font-size: 120%; }" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PangoFontDescription *desc = cases[i].font ? pango_font_description_from_string (cases[i].font) : NULL;
      g_autofree char *css = byline_editor_font_to_css (desc, cases[i].zoom);

      g_test_message ("%s at %g", cases[i].font, cases[i].zoom);
      g_assert_cmpstr (css, ==, cases[i].css);
      g_clear_pointer (&desc, pango_font_description_free);
    }

  /* A family name can't break out of its CSS string. */
  {
    PangoFontDescription *desc = pango_font_description_new ();
    g_autofree char *css = NULL;

    pango_font_description_set_family (desc, "Evil\" } * { color: red; \\");
    css = byline_editor_font_to_css (desc, 1.0);
    g_assert_cmpstr (css, ==,
                     "textview.byline-source { font-family: \"Evil\\\" } * { color: red; \\\\\"; font-size: 100%; }");
    pango_font_description_free (desc);
  }
}

/* ------------------------------------------------------------------------ */
/* The font in the window                                                    */
/* ------------------------------------------------------------------------ */

static void
test_font (void)
{
  g_autoptr(GSettings) settings = app_settings ();
  g_autoptr(GSettings) desktop = desktop_settings ();
  g_autofree char *dir = byline_test_make_tmp ("byline-test-editor-font");
  g_autofree char *path = byline_test_write_file (dir, "post.md", sample_post, -1);
  BylineWindow *window = open_and_wait (path);
  GtkWidget *title;
  const PangoFontDescription *title_font;

  /* A font of the user's own, proportional and bold. */
  g_settings_set_boolean (settings, "use-system-font", FALSE);
  g_settings_set_string (settings, "editor-font", "Serif Bold 15");
  wait_for_font (window, "Serif", PANGO_WEIGHT_BOLD, 15);

  /* Zoom multiplies its size: 15 pt at 150 % is 22.5 pt. */
  g_settings_set_double (settings, "zoom", 1.5);
  wait_for_font (window, "Serif", PANGO_WEIGHT_BOLD, 22.5);

  /* The other panes keep the desktop's font. */
  title = byline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL, NULL);
  g_assert_nonnull (title);
  title_font = pango_context_get_font_description (gtk_widget_get_pango_context (title));
  g_assert_cmpstr (pango_font_description_get_family (title_font), !=, "Serif");

  /* Another font, followed at once, still zoomed. */
  g_settings_set_string (settings, "editor-font", "Monospace 10");
  wait_for_font (window, "Monospace", PANGO_WEIGHT_NORMAL, 15);
  g_settings_set_double (settings, "zoom", 1.0);
  wait_for_font (window, "Monospace", PANGO_WEIGHT_NORMAL, 10);

  /* The system font: the desktop's monospace, followed as it changes. */
  if (desktop == NULL)
    {
      g_settings_set_boolean (settings, "use-system-font", TRUE);
      byline_test_drain ();
      g_test_skip ("the schema " DESKTOP_SCHEMA " is not installed: "
                   "no desktop monospace font to follow");
    }
  else
    {
      g_settings_set_string (desktop, "monospace-font-name", "DejaVu Sans Mono 13");
      g_settings_set_boolean (settings, "use-system-font", TRUE);
      wait_for_font (window, "DejaVu Sans Mono", PANGO_WEIGHT_NORMAL, 13);

      g_settings_set_string (desktop, "monospace-font-name", "Noto Mono Bold 9");
      wait_for_font (window, "Noto Mono", PANGO_WEIGHT_BOLD, 9);
      g_settings_set_double (settings, "zoom", 2.0);
      wait_for_font (window, "Noto Mono", PANGO_WEIGHT_BOLD, 18);

      /* The user's own font is kept meanwhile, and comes back. */
      g_settings_set_boolean (settings, "use-system-font", FALSE);
      wait_for_font (window, "Monospace", PANGO_WEIGHT_NORMAL, 20);

      g_settings_reset (desktop, "monospace-font-name");
    }

  byline_test_destroy_window (window);
  g_settings_reset (settings, "zoom");
  byline_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* Line numbers and the current line                                         */
/* ------------------------------------------------------------------------ */

static gboolean
action_state (const char *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app), name);

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

static void
test_line_numbers (void)
{
  g_autoptr(GSettings) settings = app_settings ();
  g_autofree char *dir = byline_test_make_tmp ("byline-test-editor-lines");
  g_autofree char *path = byline_test_write_file (dir, "post.md", sample_post, -1);
  BylineWindow *window = open_and_wait (path);
  BylineWindow *second = byline_application_new_post (app);
  GtkSourceView *views[2];

  WAIT_FOR (byline_window_get_ready (second));
  views[0] = byline_window_get_source_view (window);
  views[1] = byline_window_get_source_view (second);

  /* Off by default. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_false (gtk_source_view_get_show_line_numbers (views[i]));
      g_assert_false (gtk_source_view_get_highlight_current_line (views[i]));
    }
  g_assert_false (action_state ("show-line-numbers"));
  g_assert_false (action_state ("highlight-current-line"));

  /* The setting: every window. */
  g_settings_set_boolean (settings, "show-line-numbers", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_assert_true (gtk_source_view_get_show_line_numbers (views[i]));
      g_assert_false (gtk_source_view_get_highlight_current_line (views[i]));
    }
  g_assert_true (action_state ("show-line-numbers"));

  /* The application's action toggles it, everywhere. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-line-numbers", NULL);
  g_assert_false (g_settings_get_boolean (settings, "show-line-numbers"));
  g_assert_false (action_state ("show-line-numbers"));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_false (gtk_source_view_get_show_line_numbers (views[i]));
  g_action_group_change_action_state (G_ACTION_GROUP (app), "show-line-numbers",
                                      g_variant_new_boolean (TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_true (gtk_source_view_get_show_line_numbers (views[i]));

  /* The current line, alike. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "highlight-current-line", NULL);
  g_assert_true (g_settings_get_boolean (settings, "highlight-current-line"));
  g_assert_true (action_state ("highlight-current-line"));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_true (gtk_source_view_get_highlight_current_line (views[i]));
  g_settings_set_boolean (settings, "highlight-current-line", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_false (gtk_source_view_get_highlight_current_line (views[i]));

  /* A window opened later starts as the setting says. */
  byline_test_destroy_window (second);
  second = byline_application_new_post (app);
  WAIT_FOR (byline_window_get_ready (second));
  g_assert_true (gtk_source_view_get_show_line_numbers (byline_window_get_source_view (second)));
  g_assert_false (gtk_source_view_get_highlight_current_line (byline_window_get_source_view (second)));

  /* The gutter draws the numbers: it takes room at the view's left. */
  {
    GtkWidget *gutter = GTK_WIDGET (gtk_source_view_get_gutter (views[0], GTK_TEXT_WINDOW_LEFT));

    WAIT_FOR (gtk_widget_get_width (gutter) > 0);
    g_settings_set_boolean (settings, "show-line-numbers", FALSE);
    WAIT_FOR (gtk_widget_get_width (gutter) == 0 || !gtk_widget_get_visible (gutter));
  }

  byline_test_destroy_window (second);
  byline_test_destroy_window (window);
  g_settings_reset (settings, "show-line-numbers");
  byline_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* The Preferences window                                                    */
/* ------------------------------------------------------------------------ */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = app_settings ();
  GtkWidget *prefs = byline_preferences_window_new (NULL);
  AdwActionRow *system_row, *font_row, *numbers_row, *line_row;
  GtkWidget *font_button;
  g_autofree char *font = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  system_row = find_row (prefs, "_Use System Font");
  font_row = find_row (prefs, "_Editor Font");
  numbers_row = find_row (prefs, "Show Line _Numbers");
  line_row = find_row (prefs, "_Highlight Current Line");
  font_button = adw_action_row_get_activatable_widget (font_row);
  g_assert_true (GTK_IS_FONT_BUTTON (font_button));
  g_assert_true (gtk_font_chooser_get_level (GTK_FONT_CHOOSER (font_button)) ==
                 (GTK_FONT_CHOOSER_LEVEL_FAMILY | GTK_FONT_CHOOSER_LEVEL_STYLE | GTK_FONT_CHOOSER_LEVEL_SIZE));

  /* The system font by default: the font row greyed. */
  g_assert_true (g_settings_get_boolean (settings, "use-system-font"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (font_row)));
  font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (font_button));
  g_assert_cmpstr (font, ==, "Monospace 11");

  /* Activating the row flips its switch, and the setting (once the
   * switch's animation has run). */
  adw_action_row_activate (system_row);
  WAIT_FOR (!g_settings_get_boolean (settings, "use-system-font"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (font_row)));
  adw_action_row_activate (system_row);
  WAIT_FOR (g_settings_get_boolean (settings, "use-system-font"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (font_row)));
  g_settings_set_boolean (settings, "use-system-font", FALSE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (font_row)));

  /* The font button is the setting, both ways. */
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (font_button), "Serif Italic 13");
  g_clear_pointer (&font, g_free);
  font = g_settings_get_string (settings, "editor-font");
  g_assert_cmpstr (font, ==, "Serif Italic 13");
  g_settings_set_string (settings, "editor-font", "DejaVu Sans Mono 12");
  g_clear_pointer (&font, g_free);
  font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (font_button));
  g_assert_cmpstr (font, ==, "DejaVu Sans Mono 12");

  /* Line numbers and the current line. */
  adw_action_row_activate (numbers_row);
  WAIT_FOR (g_settings_get_boolean (settings, "show-line-numbers"));
  g_assert_false (g_settings_get_boolean (settings, "highlight-current-line"));
  adw_action_row_activate (line_row);
  WAIT_FOR (g_settings_get_boolean (settings, "highlight-current-line"));
  g_assert_true (g_settings_get_boolean (settings, "show-line-numbers"));
  adw_action_row_activate (numbers_row);
  WAIT_FOR (!g_settings_get_boolean (settings, "show-line-numbers"));
  g_settings_set_boolean (settings, "highlight-current-line", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (adw_action_row_get_activatable_widget (line_row))));

  gtk_window_destroy (GTK_WINDOW (prefs));
  byline_test_drain ();
  g_object_unref (app_settings ());
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *data_home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* Drafts of the posts opened here go to a folder of this run's. */
  data_home = byline_test_make_tmp ("byline-test-editor-prefs-data");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  bus = byline_test_bus_up ();

  app = byline_test_new_application ();

  g_test_add_func ("/editor-prefs/css", test_css);
  g_test_add_func ("/editor-prefs/font", test_font);
  g_test_add_func ("/editor-prefs/line-numbers", test_line_numbers);
  g_test_add_func ("/editor-prefs/preferences", test_preferences);

  ret = g_test_run ();

  {
    GList *windows;

    while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
      gtk_window_destroy (GTK_WINDOW (windows->data));
    byline_test_drain ();
  }
  g_clear_object (&app);

  byline_test_bus_down (bus);
  byline_test_remove_tree (data_home);

  return ret;
}
