/* test-view.c: how the window shows a post, in the real window: zoom (the
 * source's font and the preview's page together, remembered), fullscreen,
 * the word count under the source, and printing the preview to a PDF.
 *
 * Run under a display: xvfb-run -a meson test -C BUILD --suite ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-view"
#define _GNU_SOURCE   /* memmem() */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <webkit/webkit.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-preview.h"
#include "byline-preview-private.h"
#include "byline-window.h"
#include "byline-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <glib-unix.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#endif

#define WAIT_SECONDS 60

#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static BylineApplication *app;

/* A post of our own, like the sample: a header, a list, a link, code, a
 * table, a quote. */
static const char sample_post[] =
  "---\n"
  "title: \"Printing a post\"\n"
  "date: 2025-02-13T01:55:25+00:00\n"
  "author: Byline Tests\n"
  "tags: [print, test]\n"
  "summary: A post written for the tests, to print.\n"
  "---\n"
  "**By the Byline tests** This post is printed to a PDF file.\n"
  "\n"
  "## A heading\n"
  "\n"
  "Some words with a [link to an example](https://example.com/a/long/path) and\n"
  "`inline code`, then a list:\n"
  "\n"
  "- one item\n"
  "- another item\n"
  "\n"
  "```c\n"
  "int main (void) { return 0; }\n"
  "```\n"
  "\n"
  "| Name | Value |\n"
  "|------|-------|\n"
  "| a    | 1     |\n"
  "\n"
  "> A quote to end with.\n";

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static BylineWindow *
open_and_wait (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = byline_application_open_file (app, file);

  g_assert_nonnull (window);
  WAIT_FOR (byline_window_get_ready (window));
  return window;
}

static BylinePreview *
wait_preview (BylineWindow *window)
{
  WAIT_FOR (byline_window_get_preview (window) != NULL);
  return byline_window_get_preview (window);
}

/* Waits until the preview shows every edit made so far. */
static void
wait_rendered (BylinePreview *preview)
{
  WAIT_FOR (byline_preview_get_page_ready (preview) &&
            byline_preview_get_n_rendered (preview) > 0 &&
            byline_preview_get_shown_edit (preview) >= byline_preview_get_n_edits (preview));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static GtkLabel *
word_count_label (BylineWindow *window)
{
  GtkWidget *label = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                              has_css_class, "byline-word-count");

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

static gboolean
has_menu_model (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

/* The button in the main menu that activates @action. */
static GtkWidget *
menu_button_for (BylineWindow *window,
                 const char   *action)
{
  GtkWidget *menu_button = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                    has_menu_model, NULL);
  GtkPopover *popover;

  g_assert_nonnull (menu_button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  /* (Menu items are GtkModelButtons, custom ones GtkButtons.) */
  return byline_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_WIDGET, has_action_name, action);
}


/* The height of the source view's first line, in pixels, once laid out. */
static int
first_line_height (GtkSourceView *view)
{
  GtkTextIter start;
  int y = 0, height = 0;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &start, &y, &height);
  return height;
}

/* The size of the source view's font, in Pango units. */
static int
source_font_size (GtkSourceView *view)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (view));

  return pango_font_description_get_size (pango_context_get_font_description (context));
}

static double
preview_zoom (BylinePreview *preview)
{
  return webkit_web_view_get_zoom_level (byline_preview_get_web_view (preview));
}

static void
set_zoom (BylineWindow *window,
          int           steps)
{
  const char *action = steps > 0 ? "win.zoom-in" : "win.zoom-out";

  for (int i = 0; i < ABS (steps); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* ------------------------------------------------------------------------ */
/* Zoom                                                                      */
/* ------------------------------------------------------------------------ */

static void
test_zoom (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BylineWindow *window, *second;
  BylinePreview *preview;
  GtkSourceView *view;
  GtkWidget *reset, *zoom_in, *zoom_out;
  int height_100, size_100;
  g_auto(GStrv) accels = NULL;

  g_settings_reset (settings, "zoom");
  window = byline_application_new_post (app);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_ready (window));
  view = byline_window_get_source_view (window);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Zoomed text\n", -1);
  preview = wait_preview (window);
  WAIT_FOR (first_line_height (view) > 0);
  height_100 = first_line_height (view);
  size_100 = source_font_size (view);

  /* The keys people expect. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.zoom-in");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>plus"));
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>equal"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.zoom-out");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>minus"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.zoom-reset");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>0"));

  /* − 100% + in the main menu; 100% resets, and can't while at 100%. */
  reset = menu_button_for (window, "win.zoom-reset");
  zoom_in = menu_button_for (window, "win.zoom-in");
  zoom_out = menu_button_for (window, "win.zoom-out");
  g_assert_nonnull (reset);
  g_assert_nonnull (zoom_in);
  g_assert_nonnull (zoom_out);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reset)), ==, "100%");
  g_assert_false (gtk_widget_get_sensitive (reset));
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 1.0, 1e-9);

  /* Five steps in: 150 %, the source's font and the preview together. */
  set_zoom (window, 5);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 1.5, 1e-9);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reset)), ==, "150%");
  g_assert_true (gtk_widget_get_sensitive (reset));
  WAIT_FOR (first_line_height (view) != height_100);
  g_assert_cmpint (ABS (source_font_size (view) - size_100 * 3 / 2), <=, 2);   /* (rounding) */
  g_assert_cmpfloat ((double) first_line_height (view) / height_100, >, 1.3);
  g_assert_cmpfloat ((double) first_line_height (view) / height_100, <, 1.7);

  /* The other panes keep their size. */
  {
    GtkWidget *title = GTK_WIDGET (byline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL, NULL));
    PangoContext *context = gtk_widget_get_pango_context (title);

    g_assert_cmpint (pango_font_description_get_size (pango_context_get_font_description (context)), !=,
                     source_font_size (view));
  }

  /* Reset: 100 % again, and reset is off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 1.0, 1e-9);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reset)), ==, "100%");
  g_assert_false (gtk_widget_get_sensitive (reset));
  WAIT_FOR (first_line_height (view) == height_100);
  g_assert_cmpint (source_font_size (view), ==, size_100);

  /* Clamped, from 50 % to 300 %; the buttons say when it can go no further. */
  set_zoom (window, -20);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 0.5, 1e-9);
  g_assert_false (gtk_widget_get_sensitive (zoom_out));
  g_assert_true (gtk_widget_get_sensitive (zoom_in));
  set_zoom (window, 40);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 3.0, 1e-9);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reset)), ==, "300%");
  g_assert_false (gtk_widget_get_sensitive (zoom_in));
  g_assert_true (gtk_widget_get_sensitive (zoom_out));

  /* Remembered: a new window starts at the zoom the last one left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  set_zoom (window, 3);
  byline_test_destroy_window (window);

  second = byline_application_new_post (app);
  gtk_window_present (GTK_WINDOW (second));
  WAIT_FOR (byline_window_get_ready (second));
  view = byline_window_get_source_view (second);
  preview = wait_preview (second);
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 1.3, 1e-9);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (menu_button_for (second, "win.zoom-reset"))), ==, "130%");
  g_assert_cmpint (ABS (source_font_size (view) - size_100 * 13 / 10), <=, 2);

  g_settings_reset (settings, "zoom");
  g_assert_cmpfloat_with_epsilon (preview_zoom (preview), 1.0, 1e-9);
  byline_test_destroy_window (second);
}

/* ------------------------------------------------------------------------ */
/* Fullscreen                                                                */
/* ------------------------------------------------------------------------ */

/* Under Xvfb there is no window manager to make a window fullscreen: GDK
 * asks for it (a _NET_WM_STATE message to the root window) and waits for
 * the window's _NET_WM_STATE property to say so. Where no window manager
 * runs, the test stands in for one: it reads those messages and sets the
 * property, as a window manager would. */
#ifdef GDK_WINDOWING_X11
typedef struct {
  Display *display;
  Atom     wm_state;
  guint    source;
} WmStandIn;

static void
wm_change_state (WmStandIn           *wm,
                 XClientMessageEvent *message)
{
  g_autoptr(GArray) atoms = g_array_new (FALSE, FALSE, sizeof (Atom));
  unsigned char *data = NULL;
  unsigned long n = 0, after = 0;
  Atom type = None;
  int format = 0;

  if (XGetWindowProperty (wm->display, message->window, wm->wm_state, 0, 1024, False, XA_ATOM,
                          &type, &format, &n, &after, &data) == Success && data != NULL)
    {
      if (type == XA_ATOM && format == 32)
        g_array_append_vals (atoms, data, n);
      XFree (data);
    }

  /* l[0]: 0 remove, 1 add, 2 toggle; l[1], l[2]: the states. */
  for (int k = 1; k <= 2; k++)
    {
      Atom state = (Atom) message->data.l[k];
      gboolean present = FALSE;
      guint i;

      if (state == None)
        continue;
      for (i = 0; i < atoms->len && !present; i++)
        present = g_array_index (atoms, Atom, i) == state;
      if (!present && (message->data.l[0] == 1 || message->data.l[0] == 2))
        g_array_append_val (atoms, state);
      else if (present && (message->data.l[0] == 0 || message->data.l[0] == 2))
        g_array_remove_index (atoms, i - 1);
    }

  XChangeProperty (wm->display, message->window, wm->wm_state, XA_ATOM, 32, PropModeReplace,
                   (unsigned char *) atoms->data, (int) atoms->len);
  XFlush (wm->display);
}

static gboolean
wm_events_cb (int           fd,
              GIOCondition  condition,
              gpointer      data)
{
  WmStandIn *wm = data;

  while (XPending (wm->display) > 0)
    {
      XEvent event;

      XNextEvent (wm->display, &event);
      if (event.type == ClientMessage && event.xclient.message_type == wm->wm_state)
        wm_change_state (wm, &event.xclient);
    }
  return G_SOURCE_CONTINUE;
}

/* NULL when there is a window manager, or no X. */
static WmStandIn *
wm_stand_in_new (void)
{
  GdkDisplay *gdk_display = gdk_display_get_default ();
  Display *display;
  WmStandIn *wm;
  Window root;
  Atom check, type = None;
  int format = 0;
  unsigned long n = 0, after = 0;
  unsigned char *data = NULL;

  if (!GDK_IS_X11_DISPLAY (gdk_display))
    return NULL;
  display = XOpenDisplay (gdk_display_get_name (gdk_display));
  if (display == NULL)
    return NULL;

  /* A window manager says it is there with this property. */
  root = DefaultRootWindow (display);
  check = XInternAtom (display, "_NET_SUPPORTING_WM_CHECK", False);
  if (XGetWindowProperty (display, root, check, 0, 1, False, XA_WINDOW,
                          &type, &format, &n, &after, &data) == Success && data != NULL)
    {
      XFree (data);
      if (n > 0)
        {
          XCloseDisplay (display);
          return NULL;
        }
    }

  wm = g_new0 (WmStandIn, 1);
  wm->display = display;
  wm->wm_state = XInternAtom (display, "_NET_WM_STATE", False);
  /* (Messages to the root window go to those who watch its children.) */
  XSelectInput (display, root, SubstructureNotifyMask);
  XFlush (display);
  wm->source = g_unix_fd_add (ConnectionNumber (display), G_IO_IN, wm_events_cb, wm);
  return wm;
}

static void
wm_stand_in_free (WmStandIn *wm)
{
  if (wm == NULL)
    return;
  g_source_remove (wm->source);
  XCloseDisplay (wm->display);
  g_free (wm);
}
#endif

static gboolean
is_fullscreen (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return surface != NULL &&
         (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_FULLSCREEN) != 0;
}

static void
test_fullscreen (void)
{
  BylineWindow *window = byline_application_new_post (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.fullscreen");
  GtkWidget *leave;
#ifdef GDK_WINDOWING_X11
  WmStandIn *wm = wm_stand_in_new ();
#endif

  g_assert_true (g_strv_contains ((const char * const *) accels, "F11"));

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_false (is_fullscreen (GTK_WINDOW (window)));
  leave = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, has_action_name, "win.fullscreen");
  g_assert_nonnull (leave);
  g_assert_false (gtk_widget_get_visible (leave));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  WAIT_FOR (is_fullscreen (GTK_WINDOW (window)));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  /* The header bar stays, with a way out. */
  g_assert_true (gtk_widget_get_visible (leave));
  g_assert_true (gtk_widget_is_drawable (leave));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  WAIT_FOR (!is_fullscreen (GTK_WINDOW (window)));
  g_assert_false (gtk_widget_get_visible (leave));

  byline_test_destroy_window (window);
#ifdef GDK_WINDOWING_X11
  wm_stand_in_free (wm);
#endif
}

/* ------------------------------------------------------------------------ */
/* Word count                                                                */
/* ------------------------------------------------------------------------ */

static void
select_text (GtkTextBuffer *buffer,
             const char    *text)
{
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
}

static void
test_word_count (void)
{
  BylineWindow *window = byline_application_new_post (app);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  GtkLabel *label = word_count_label (window);
  g_autoptr(GString) big = g_string_new (NULL);
  GtkTextIter end;

  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (byline_window_get_ready (window));

  gtk_text_buffer_set_text (buffer, "", -1);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "No words") == 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* Counted as the reading time counts: markup stays with its word, a
   * heading's "#" is no word. */
  gtk_text_buffer_set_text (buffer, "# A title\n\nOne **two** [three](https://example.com)\n", -1);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "5 words · 1 min read") == 0);

  /* Typing: counted again once it pauses. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "four\n", -1);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "6 words · 1 min read") == 0);

  /* A selection: its words of all. */
  select_text (buffer, "One **two**");
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "2 of 6 words") == 0);
  select_text (buffer, "title");
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "1 of 6 words") == 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "6 words · 1 min read") == 0);

  /* A long post (a million bytes): the reading time in many minutes. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "Lorem ips.\n");
  gtk_text_buffer_set_text (buffer, big->str, big->len);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "200000 words · 939 min read") == 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "end", -1);
  WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "200001 words · 939 min read") == 0);

  /* With the locale's thousands separators, where there is such a locale. */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, " more", -1);
      WAIT_FOR (g_strcmp0 (gtk_label_get_label (label), "200,002 words · 939 min read") == 0);
      setlocale (LC_NUMERIC, "C.UTF-8");
    }
  else
    g_test_message ("no en_US.UTF-8 locale: thousands separators not checked");

  byline_test_destroy_window (window);
}

/* ------------------------------------------------------------------------ */
/* Printing                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct {
  gboolean  finished;
  GError   *error;
} PrintWait;

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 PrintWait            *wait)
{
  g_clear_error (&wait->error);
  wait->error = g_error_copy (error);
}

static void
print_finished_cb (WebKitPrintOperation *operation,
                   PrintWait            *wait)
{
  wait->finished = TRUE;
}

/* Prints what @preview shows to the PDF file @path as "Print…" would
 * (byline_preview_new_print_operation(): its settings and margins), to
 * GTK's "Print to File" printer without the dialog; waits until WebKit says
 * it is done. */
static void
print_to_pdf (BylinePreview *preview,
              const char    *path)
{
  g_autoptr(WebKitPrintOperation) operation = byline_preview_new_print_operation (preview);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_copy (webkit_print_operation_get_print_settings (operation));
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  const char *keep = g_getenv ("BYLINE_TEST_OUTPUT_DIR");
  PrintWait wait = { FALSE, NULL };

  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  webkit_print_operation_set_print_settings (operation, settings);
  g_signal_connect (operation, "failed", G_CALLBACK (print_failed_cb), &wait);
  g_signal_connect (operation, "finished", G_CALLBACK (print_finished_cb), &wait);

  webkit_print_operation_print (operation);
  WAIT_FOR (wait.finished);
  g_assert_no_error (wait.error);
  g_signal_handlers_disconnect_by_data (operation, &wait);

  /* To look at: BYLINE_TEST_OUTPUT_DIR=/some/dir keeps a copy. */
  if (keep != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_build_filename (keep, name, NULL);

      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }
}

/* The PDF's streams that inflate (page contents among them), joined. */
static char *
pdf_contents (const char *data,
              gsize       len)
{
  GString *out = g_string_new (NULL);
  const char *end = data + len;
  const char *p = data;

  while ((p = memmem (p, end - p, "stream", 6)) != NULL)
    {
      const char *start = p + 6;
      const char *stop;

      if (p - data >= 3 && memcmp (p - 3, "end", 3) == 0)
        {
          p = start;
          continue;
        }
      if (start < end && *start == '\r')
        start++;
      if (start >= end || *start != '\n')
        {
          p = start;
          continue;
        }
      start++;
      stop = memmem (start, end - start, "endstream", 9);
      if (stop == NULL)
        break;

      {
        g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (start, stop - start, NULL);
        g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
        g_autoptr(GInputStream) inflated = g_converter_input_stream_new (raw, G_CONVERTER (zlib));
        g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

        if (g_output_stream_splice (memory, inflated, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) >= 0)
          g_string_append_len (out,
                               g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                               g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
        g_string_append_c (out, '\n');
      }
      p = stop + 9;
    }

  return g_string_free (out, FALSE);
}

/* Whether @contents fills with the colour #rrggbb @rgb (to 1/255). */
static gboolean
pdf_fills_with (const char *contents,
                guint32     rgb)
{
  g_autoptr(GRegex) regex = g_regex_new ("(?<![\\d.])(\\d*\\.?\\d+) (\\d*\\.?\\d+) (\\d*\\.?\\d+) rg\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  double want[3] = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };

  g_regex_match (regex, contents, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      gboolean same = TRUE;

      for (int i = 0; i < 3; i++)
        {
          g_autofree char *number = g_match_info_fetch (match, i + 1);

          same = same && ABS (g_ascii_strtod (number, NULL) - want[i]) < 0.5 / 255 + 1e-4;
        }
      if (same)
        return TRUE;
    }
  return FALSE;
}

static void
test_print (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = byline_test_make_tmp ("byline-test-print");
  g_autofree char *post = byline_test_write_file (dir, "post.md", sample_post, -1);
  g_autofree char *pdf = g_build_filename (dir, "post.pdf", NULL);
  g_autofree char *dark_pdf = g_build_filename (dir, "post-dark.pdf", NULL);
  g_autofree char *data = NULL;
  g_autofree char *contents = NULL;
  BylineWindow *window;
  BylinePreview *preview;
  gsize len = 0;

  /* No Print… before the preview is there (it comes after the first
   * frame). */
  window = byline_application_new_post (app);
  g_assert_nonnull (byline_test_find_menu_item (window, "Print…"));
  g_assert_false (gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Print…")));
  byline_test_destroy_window (window);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_and_wait (post);
  gtk_window_present (GTK_WINDOW (window));
  preview = wait_preview (window);
  wait_rendered (preview);

  /* Print… is there once the preview is, with Ctrl+P. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.print");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>p"));
    g_assert_true (gtk_widget_get_sensitive (byline_test_find_menu_item (window, "Print…")));
  }

  /* A PDF, the text in black (the print style: the screen's is #241f31),
   * on white. */
  print_to_pdf (preview, pdf);
  g_file_get_contents (pdf, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 4096);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  contents = pdf_contents (data, len);
  g_assert_true (pdf_fills_with (contents, 0x000000));
  g_assert_true (pdf_fills_with (contents, 0xffffff));
  g_assert_false (pdf_fills_with (contents, 0x241f31));
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&contents, g_free);

  /* In the dark style the paper is still white and the text black: none
   * of the dark page's colours (#1e1e1e, #deddda) is printed. */
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  WAIT_FOR (adw_style_manager_get_dark (style_manager));
  byline_test_drain ();
  print_to_pdf (preview, dark_pdf);
  g_file_get_contents (dark_pdf, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  contents = pdf_contents (data, len);
  g_assert_true (pdf_fills_with (contents, 0x000000));
  g_assert_false (pdf_fills_with (contents, 0x1e1e1e));
  g_assert_false (pdf_fills_with (contents, 0xdeddda));
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  byline_test_destroy_window (window);
  byline_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *data_home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* Drafts of the posts typed in here go to a folder of this run's. */
  data_home = byline_test_make_tmp ("byline-test-view-data");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  bus = byline_test_bus_up ();

  app = byline_test_new_application ();

  g_test_add_func ("/view/zoom", test_zoom);
  g_test_add_func ("/view/fullscreen", test_fullscreen);
  g_test_add_func ("/view/word-count", test_word_count);
  g_test_add_func ("/view/print", test_print);

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
