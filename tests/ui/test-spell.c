/* test-spell.c: spell checking of the body, with the real en_US dictionary
 * (hunspell-en-us), a real GtkSourceView showing a real BylineDocument, and
 * the real window for its hooks.
 *
 * Enchant's personal word list goes to a temporary XDG_CONFIG_HOME.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-spell"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-spell-checker.h"
#include "byline-window.h"
#include "byline-test-util.h"

#define WAIT_SECONDS 30
#define WAIT_FOR(cond) BYLINE_TEST_WAIT_FOR (cond, WAIT_SECONDS)

static char *config_dir;
static char *tmp_dir;
static gboolean have_en_us;
static BylineApplication *app;

typedef struct
{
  GtkWidget          *window;
  GtkSourceView      *view;
  BylineDocument     *document;
  GtkTextBuffer      *buffer;
  BylineSpellChecker *checker;
} Fixture;

static gboolean
skip_without_dictionary (void)
{
  if (!have_en_us)
    g_test_skip ("no en_US spelling dictionary (install hunspell-en-us)");
  return !have_en_us;
}

static GtkTextTag *
tag (Fixture    *f,
     const char *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), name);
}

/* The start of the @nth (0-based) occurrence of @needle in the body. */
static gboolean
find (Fixture     *f,
      const char  *needle,
      guint        nth,
      GtkTextIter *start,
      GtkTextIter *end)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  for (guint i = 0; i <= nth; i++)
    {
      if (!gtk_text_iter_forward_search (&iter, needle, 0, start, end, NULL))
        return FALSE;
      iter = *end;
    }
  return TRUE;
}

static gboolean
is_checked (Fixture    *f,
            const char *needle)
{
  GtkTextIter start, end;

  g_assert_true (find (f, needle, 0, &start, &end));
  return f->checker != NULL && byline_spell_checker_is_checked (f->checker, &start, &end);
}

static gboolean
is_flagged_nth (Fixture    *f,
                const char *needle,
                guint       nth)
{
  GtkTextIter start, end;

  g_assert_true (find (f, needle, nth, &start, &end));
  return gtk_text_iter_has_tag (&start, tag (f, BYLINE_SPELL_TAG_MISSPELLED));
}

static gboolean
is_flagged (Fixture    *f,
            const char *needle)
{
  return is_flagged_nth (f, needle, 0);
}

static guint
count_flagged (Fixture *f)
{
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  do
    if (gtk_text_iter_starts_tag (&iter, tag (f, BYLINE_SPELL_TAG_MISSPELLED)))
      {
        GtkTextIter end = iter;
        g_autofree char *word = NULL;

        gtk_text_iter_forward_to_tag_toggle (&end, tag (f, BYLINE_SPELL_TAG_MISSPELLED));
        word = gtk_text_iter_get_slice (&iter, &end);
        g_test_message ("flagged: %s", word);
        n++;
      }
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag (f, BYLINE_SPELL_TAG_MISSPELLED)));
  return n;
}

/* A window with a source view showing the post @text (written to a file
 * and loaded as the app does), Markdown highlighting on, and a checker. */
static void
fixture_set_up_full (Fixture    *f,
                     const char *text,
                     gboolean    wait_for_dictionary)
{
  g_autofree char *path = byline_test_write_file (tmp_dir, "post.md", text, -1);
  GtkWidget *scroller;

  f->document = byline_test_load_document (path);
  byline_document_load_language (f->document);
  f->buffer = GTK_TEXT_BUFFER (f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 500);
  scroller = gtk_scrolled_window_new ();
  f->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (GTK_SOURCE_BUFFER (f->document)));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (f->view), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);

  f->checker = byline_spell_checker_new (f->view);
  byline_spell_checker_set_document_language (f->checker,
                                              byline_spell_front_matter_language (byline_document_get_front_matter (f->document)));
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  if (wait_for_dictionary)
    WAIT_FOR (byline_spell_checker_get_active_language (f->checker) != NULL);
}

static void
fixture_set_up (Fixture    *f,
                const char *text)
{
  fixture_set_up_full (f, text, TRUE);
}

static void
fixture_tear_down (Fixture *f)
{
  g_autoptr(BylineSpellChecker) checker = g_steal_pointer (&f->checker);

  g_object_add_weak_pointer (G_OBJECT (checker), (gpointer *) &f->checker);
  g_clear_object (&checker);
  g_assert_null (f->checker);   /* nothing else holds it */

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->document);
  byline_test_drain ();
}

/* ------------------------------------------------------------------------ */

static void
test_resolve (void)
{
  static const char * const installed[] = { "de_AT", "de_DE", "en_GB", "en_US", "fr", NULL };
  static const char * const only_gb[] = { "en_GB", "nl_NL", NULL };
  static const char * const none[] = { NULL };
  static const char * const c_locale[] = { "C.UTF-8", "C", NULL };
  static const char * const british[] = { "en_GB.UTF-8", "en_GB", "en", "C", NULL };
  static const char * const dutch[] = { "nl_NL.UTF-8", "nl", "C", NULL };
  static const struct {
    const char         *requested;
    const char * const *installed;
    const char * const *user;
    const char         *expected;
  } cases[] = {
    { "en", installed, c_locale, "en_US" },
    { "en", installed, british, "en_GB" },        /* the user's own English */
    { "en-US", installed, british, "en_US" },
    { "de-DE", installed, c_locale, "de_DE" },
    { "de", installed, c_locale, "de_DE" },        /* the home variant */
    { "de_CH", installed, c_locale, "de_DE" },     /* no Swiss: German */
    { "DE-at", installed, c_locale, "de_AT" },
    { "fr-FR", installed, c_locale, "fr" },
    { "pt_BR.UTF-8", installed, c_locale, "en_US" }, /* none: en_US */
    { NULL, installed, british, "en_GB" },         /* automatic: the user's */
    { "", installed, c_locale, "en_US" },
    { "ja", only_gb, c_locale, "en_GB" },          /* no en_US: the first */
    { "ja", only_gb, dutch, "nl_NL" },
    { "en", none, british, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tag = byline_spell_resolve_language (cases[i].requested, cases[i].installed, cases[i].user);

      g_test_message ("case %u: %s", i, cases[i].requested);
      g_assert_cmpstr (tag, ==, cases[i].expected);
    }
}

static void
test_display_name (void)
{
  static const struct {
    const char *tag;
    const char *expected;
  } cases[] = {
    { "en_US", "English (United States)" },
    { "de", "German" },
    { "pt_BR", "Portuguese (Brazil)" },
    { "xx_YY", "xx_YY" },
    { "en_ZZ", "en_ZZ" },
  };

  if (!g_file_test ("/usr/share/iso-codes/json/iso_639-2.json", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("iso-codes is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = byline_spell_language_display_name (cases[i].tag);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_front_matter_language (void)
{
  static const struct {
    const char *yaml;
    const char *expected;
  } cases[] = {
    { "title: x\nlang: de\n", "de" },
    { "lang:\n  - \"en\"\n", "en" },
    { "language: de-DE\n", "de-DE" },
    { "locale: fr_FR\n", "fr_FR" },
    { "languageCode: en-us\n", "en-us" },
    { "lang: ''\nlanguage: nl\n", "nl" },
    { "lang: 3\n", NULL },
    { "title: none\n", NULL },
    { "lang: []\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontMatter) fm = byline_front_matter_new (BYLINE_FORMAT_YAML, cases[i].yaml, -1);

      g_assert_cmpstr (byline_spell_front_matter_language (fm), ==, cases[i].expected);
    }
}

static const char check_post[] =
  "---\ntitle: Spelling\n---\n"
  "A sentance with a mistaek in plain text, don't and it’s are fine.\n"
  "\n"
  "Code `wrongg_code` and a URL https://example.com/misspeled and <https://exampel.org/x>.\n"
  "\n"
  "```\nfenced codde herre\n```\n"
  "\n"
  "A [lnk text](https://wrnog.example/path) and <span class=\"clss\">inline</span>.\n"
  "Words with digits abc123 and acronyms HTML GNOMEE are skipped.\n"
  "A well-known pre-2014 e-mail, a self-contanied wrod-like thing.\n";

static void
test_check (void)
{
  Fixture f = { 0, };

  if (skip_without_dictionary ())
    return;

  fixture_set_up (&f, check_post);
  WAIT_FOR (is_checked (&f, "thing"));

  g_assert_true (is_flagged (&f, "sentance"));
  g_assert_true (is_flagged (&f, "mistaek"));
  g_assert_true (is_flagged (&f, "lnk"));
  g_assert_false (is_flagged (&f, "plain"));
  g_assert_false (is_flagged (&f, "don't"));
  g_assert_false (is_flagged (&f, "it’s"));
  g_assert_false (is_flagged (&f, "wrongg_code"));
  g_assert_false (is_flagged (&f, "misspeled"));
  g_assert_false (is_flagged (&f, "exampel"));
  g_assert_false (is_flagged (&f, "codde"));
  g_assert_false (is_flagged (&f, "herre"));
  g_assert_false (is_flagged (&f, "wrnog"));
  g_assert_false (is_flagged (&f, "clss"));
  g_assert_false (is_flagged (&f, "abc123"));
  g_assert_false (is_flagged (&f, "GNOMEE"));
  g_assert_false (is_flagged (&f, "well-known"));
  g_assert_false (is_flagged (&f, "pre-2014"));
  g_assert_false (is_flagged (&f, "e-mail"));
  g_assert_false (is_flagged (&f, "self-"));
  g_assert_true (is_flagged (&f, "contanied"));
  g_assert_true (is_flagged (&f, "wrod"));
  g_assert_false (is_flagged (&f, "like thing"));
  g_assert_cmpuint (count_flagged (&f), ==, 5);

  fixture_tear_down (&f);
}

static void
type_text (Fixture    *f,
           const char *text)
{
  /* As the keyboard does: one character at a time at the cursor. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char ch[8] = { 0, };

      g_unichar_to_utf8 (g_utf8_get_char (p), ch);
      gtk_text_buffer_insert_interactive_at_cursor (f->buffer, ch, -1, TRUE);
      byline_test_drain ();
    }
}

static void
test_typing (void)
{
  Fixture f = { 0, };
  GtkTextIter iter;

  if (skip_without_dictionary ())
    return;

  fixture_set_up (&f, "---\ntitle: Typing\n---\nSome text.\n");
  WAIT_FOR (is_checked (&f, "text"));
  gtk_text_buffer_get_end_iter (f.buffer, &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);

  type_text (&f, "Helo");
  g_assert_false (is_flagged (&f, "Helo"));   /* being typed */
  g_assert_false (is_checked (&f, "Helo"));   /* and left for later */

  type_text (&f, " ");                        /* done with it */
  WAIT_FOR (is_flagged (&f, "Helo"));

  type_text (&f, "wrold");
  byline_test_drain ();
  g_assert_false (is_flagged (&f, "wrold"));

  /* The cursor leaves the word: checked now. */
  gtk_text_buffer_get_start_iter (f.buffer, &iter);
  gtk_text_buffer_place_cursor (f.buffer, &iter);
  WAIT_FOR (is_flagged (&f, "wrold"));

  /* Going back into a flagged word and fixing it */
  {
    GtkTextIter start, end;

    g_assert_true (find (&f, "wrold", 0, &start, &end));
    gtk_text_iter_forward_chars (&start, 1);
    gtk_text_buffer_place_cursor (f.buffer, &start);
    /* (moving the cursor may change tags: find the word again) */
    g_assert_true (find (&f, "wrold", 0, &start, &end));
    gtk_text_iter_forward_chars (&start, 1);
    gtk_text_buffer_delete_interactive (f.buffer, &start, &end, TRUE);
    type_text (&f, "orld");                   /* "world" */
    gtk_text_buffer_get_start_iter (f.buffer, &iter);
    gtk_text_buffer_place_cursor (f.buffer, &iter);
    WAIT_FOR (is_checked (&f, "world"));
    g_assert_false (is_flagged (&f, "world"));
  }

  fixture_tear_down (&f);
}

static char *
menu_labels (GMenuModel *model)
{
  GString *labels = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          g_autofree char *inner = menu_labels (section);

          g_string_append (labels, inner);
          g_object_unref (section);
        }
      else if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (labels, "%s|", label);
    }
  return g_string_free (labels, FALSE);
}

static void
test_menu (void)
{
  Fixture f = { 0, };
  GtkTextIter start, end;
  g_autofree char *labels = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  GMenuModel *menu;

  if (skip_without_dictionary ())
    return;

  fixture_set_up (&f, "---\ntitle: Menu\n---\nThe recieve here, and recieve there.\n");
  WAIT_FOR (is_checked (&f, "there"));
  g_assert_true (is_flagged_nth (&f, "recieve", 1));
  menu = gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (f.view));
  g_assert_nonnull (menu);

  /* On a correct word: only Check Spelling */
  g_assert_true (find (&f, "here", 0, &start, &end));
  byline_spell_checker_update_menu_at_iter (f.checker, &start);
  labels = menu_labels (menu);
  g_assert_cmpstr (labels, ==, "Check _Spelling|");
  g_clear_pointer (&labels, g_free);

  /* In the second misspelling */
  g_assert_true (find (&f, "recieve", 1, &start, &end));
  gtk_text_iter_forward_chars (&start, 3);
  byline_spell_checker_update_menu_at_iter (f.checker, &start);
  labels = menu_labels (menu);
  g_test_message ("menu: %s", labels);
  g_assert_true (g_str_has_prefix (labels, "receive|"));
  g_assert_nonnull (strstr (labels, "_Add to Dictionary|_Ignore All|Check _Spelling|"));

  before = byline_document_dup_body (f.document);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.replace", "s", "receive");
  after = byline_document_dup_body (f.document);
  g_assert_cmpstr (after, ==, "The recieve here, and receive there.\n");   /* just that word */
  WAIT_FOR (is_checked (&f, "receive"));
  g_assert_false (is_flagged (&f, "receive"));
  g_assert_true (is_flagged (&f, "recieve"));

  /* One undo step puts it back */
  g_assert_true (gtk_text_buffer_get_can_undo (f.buffer));
  gtk_text_buffer_undo (f.buffer);
  g_clear_pointer (&after, g_free);
  after = byline_document_dup_body (f.document);
  g_assert_cmpstr (after, ==, before);

  fixture_tear_down (&f);
}

static void
test_add_to_dictionary (void)
{
  Fixture f = { 0, };
  GtkTextIter start, end;
  g_autofree char *pwl = NULL;
  g_autofree char *contents = NULL;

  if (skip_without_dictionary ())
    return;

  fixture_set_up (&f, "---\ntitle: Add\n---\nBylinez is a name; Qwertzuiop is noise.\n");
  WAIT_FOR (is_checked (&f, "noise"));
  g_assert_true (is_flagged (&f, "Bylinez"));
  g_assert_true (is_flagged (&f, "Qwertzuiop"));

  g_assert_true (find (&f, "Bylinez", 0, &start, &end));
  byline_spell_checker_update_menu_at_iter (f.checker, &start);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.add", NULL);
  WAIT_FOR (is_checked (&f, "Bylinez") && !is_flagged (&f, "Bylinez"));

  g_assert_true (find (&f, "Qwertzuiop", 0, &start, &end));
  byline_spell_checker_update_menu_at_iter (f.checker, &start);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.ignore", NULL);
  WAIT_FOR (is_checked (&f, "Qwertzuiop") && !is_flagged (&f, "Qwertzuiop"));
  fixture_tear_down (&f);

  /* Added for good: in the personal word list, and for a new checker */
  pwl = g_build_filename (config_dir, "enchant", "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (pwl, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Bylinez\n"));
  g_assert_null (strstr (contents, "Qwertzuiop"));   /* only for this session */

  fixture_set_up (&f, "---\ntitle: Again\n---\nBylinez again, Bylinezz not.\n");
  WAIT_FOR (is_checked (&f, "not"));
  g_assert_false (is_flagged (&f, "Bylinez"));
  g_assert_true (is_flagged (&f, "Bylinezz"));
  fixture_tear_down (&f);
}

static void
test_toggle (void)
{
  Fixture f = { 0, };

  if (skip_without_dictionary ())
    return;

  fixture_set_up (&f, "---\ntitle: Toggle\n---\nOne mispeled and one wrnog word.\n");
  WAIT_FOR (is_checked (&f, "word"));
  g_assert_cmpuint (count_flagged (&f), ==, 2);

  /* Through the context menu's action */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "spelling.enabled", NULL);
  g_assert_false (byline_spell_checker_get_enabled (f.checker));
  g_assert_cmpuint (count_flagged (&f), ==, 0);
  byline_test_drain ();
  g_assert_cmpuint (count_flagged (&f), ==, 0);

  byline_spell_checker_set_enabled (f.checker, TRUE);
  WAIT_FOR (count_flagged (&f) == 2);

  fixture_tear_down (&f);
}

static void
test_fallback_language (void)
{
  Fixture f = { 0, };
  g_auto(GStrv) installed = byline_spell_list_languages ();

  if (skip_without_dictionary ())
    return;
  if (g_strv_contains ((const char * const *) installed, "de_DE") ||
      g_strv_contains ((const char * const *) installed, "de"))
    {
      g_test_skip ("a German dictionary is installed");
      return;
    }

  /* The post's own language: not checked as English (all of it would be
   * underlined), and said so */
  fixture_set_up_full (&f, "---\ntitle: Deutsch\nlang: de\n---\nEin Satz mit Wörtern.\n", FALSE);
  g_assert_cmpstr (byline_spell_checker_get_document_language (f.checker), ==, "de");
  WAIT_FOR (byline_spell_checker_get_language_note (f.checker) != NULL);
  g_assert_nonnull (strstr (byline_spell_checker_get_language_note (f.checker), "“de”"));
  g_assert_null (byline_spell_checker_get_active_language (f.checker));
  byline_test_drain ();
  g_assert_cmpuint (count_flagged (&f), ==, 0);

  /* English: checked, no note */
  byline_spell_checker_set_document_language (f.checker, "en");
  WAIT_FOR (byline_spell_checker_get_active_language (f.checker) != NULL);
  g_assert_cmpstr (byline_spell_checker_get_active_language (f.checker), ==, "en_US");
  g_assert_null (byline_spell_checker_get_language_note (f.checker));
  WAIT_FOR (is_flagged (&f, "Satz"));

  /* German chosen in the preferences, and gone: English, said so */
  byline_spell_checker_set_language (f.checker, "de_DE");
  WAIT_FOR (byline_spell_checker_get_language_note (f.checker) != NULL);
  g_assert_nonnull (strstr (byline_spell_checker_get_language_note (f.checker), "“de_DE”"));
  g_assert_cmpstr (byline_spell_checker_get_active_language (f.checker), ==, "en_US");

  /* Back to the post's German */
  byline_spell_checker_set_language (f.checker, "");
  byline_spell_checker_set_document_language (f.checker, "de");
  WAIT_FOR (byline_spell_checker_get_active_language (f.checker) == NULL);
  g_assert_cmpuint (count_flagged (&f), ==, 0);

  fixture_tear_down (&f);
}

static void
test_big_post (void)
{
  Fixture f = { 0, };
  g_autoptr(GString) text = g_string_new ("---\ntitle: Big\n---\nFirst paragraf here.\n\n");
  GtkTextIter start, end;

  if (skip_without_dictionary ())
    return;

  while (text->len < 1024 * 1024)
    g_string_append (text, "Another line of ordinary text with a mispelled word and `code` in it.\n\n");
  g_string_append (text, "Last paragraf.\n");

  fixture_set_up (&f, text->str);
  WAIT_FOR (is_checked (&f, "First"));
  g_assert_true (is_flagged (&f, "paragraf"));
  g_assert_true (is_flagged (&f, "mispelled"));

  /* Only what is on screen (and around it) was checked. */
  byline_test_drain ();
  g_assert_true (find (&f, "Last paragraf", 0, &start, &end));
  g_assert_false (byline_spell_checker_is_checked (f.checker, &start, &end));
  g_assert_false (gtk_text_iter_has_tag (&start, tag (&f, BYLINE_SPELL_TAG_MISSPELLED)));
  gtk_text_buffer_get_start_iter (f.buffer, &start);
  gtk_text_iter_set_line (&start, gtk_text_buffer_get_line_count (f.buffer) / 2);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  g_assert_false (byline_spell_checker_is_checked (f.checker, &start, &end));

  /* Scrolled to the end: checked there */
  gtk_text_buffer_get_end_iter (f.buffer, &end);
  gtk_text_buffer_place_cursor (f.buffer, &end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (f.view), gtk_text_buffer_get_insert (f.buffer), 0, TRUE, 0, 1);
  {
    /* (a cheap condition: a search through 1 MB at each turn of the loop
     * would keep the idle checker from running) */
    GtkTextMark *last;

    g_assert_true (find (&f, "Last paragraf", 0, &start, &end));
    gtk_text_iter_forward_chars (&start, 5);
    last = gtk_text_buffer_create_mark (f.buffer, NULL, &start, TRUE);
    WAIT_FOR ((gtk_text_buffer_get_iter_at_mark (f.buffer, &start, last),
               gtk_text_iter_has_tag (&start, tag (&f, BYLINE_SPELL_TAG_MISSPELLED))));
    gtk_text_buffer_delete_mark (f.buffer, last);
  }

  fixture_tear_down (&f);
}

static void
test_window (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  BylineWindow *window;
  BylineSpellChecker *checker;
  BylineDocument *document;
  GVariant *state;

  if (skip_without_dictionary ())
    return;

  path = byline_test_write_file (tmp_dir, "window.md", "---\ntitle: Window\nlang: de-DE\n---\nWindoww text.\n", -1);
  file = g_file_new_for_path (path);
  window = byline_application_open_file (app, file);
  WAIT_FOR (byline_window_get_ready (window));
  gtk_window_present (GTK_WINDOW (window));

  /* made once the post is on screen */
  WAIT_FOR (byline_window_get_spell_checker (window) != NULL);
  checker = byline_window_get_spell_checker (window);
  document = byline_window_get_document (window);
  g_assert_cmpstr (byline_spell_checker_get_document_language (checker), ==, "de-DE");
  WAIT_FOR (byline_spell_checker_get_language_note (checker) != NULL);
  g_assert_null (byline_spell_checker_get_active_language (checker));

  /* The front matter's language changes: the checker follows (and what
   * the note says is text, not markup) */
  byline_document_set_front_matter_text (document, "title: Window\nlang: \"x<b>&\"\n");
  g_assert_cmpstr (byline_spell_checker_get_document_language (checker), ==, "x<b>&");
  WAIT_FOR (byline_spell_checker_get_language_note (checker) != NULL &&
            strstr (byline_spell_checker_get_language_note (checker), "x<b>&") != NULL);
  byline_test_drain ();
  byline_document_set_front_matter_text (document, "title: Window\nlang: en\n");
  g_assert_cmpstr (byline_spell_checker_get_document_language (checker), ==, "en");
  WAIT_FOR (byline_spell_checker_get_active_language (checker) != NULL);
  g_assert_null (byline_spell_checker_get_language_note (checker));

  /* Check Spelling: the window's action, the setting and the checker agree */
  g_assert_true (g_settings_get_boolean (settings, "spell-check"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "check-spelling");
  g_assert_true (g_variant_get_boolean (state));
  g_variant_unref (state);
  g_action_group_activate_action (G_ACTION_GROUP (window), "check-spelling", NULL);
  g_assert_false (byline_spell_checker_get_enabled (checker));
  g_assert_false (g_settings_get_boolean (settings, "spell-check"));
  /* the context menu's toggle is the same setting */
  gtk_widget_activate_action (GTK_WIDGET (byline_window_get_source_view (window)), "spelling.enabled", NULL);
  g_assert_true (byline_spell_checker_get_enabled (checker));
  g_assert_true (g_settings_get_boolean (settings, "spell-check"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "check-spelling");
  g_assert_true (g_variant_get_boolean (state));
  g_variant_unref (state);

  /* The language setting */
  g_settings_set_string (settings, "spell-language", "en_US");
  g_assert_cmpstr (byline_spell_checker_get_language (checker), ==, "en_US");
  g_settings_reset (settings, "spell-language");
  g_assert_cmpstr (byline_spell_checker_get_language (checker), ==, "");

  g_object_add_weak_pointer (G_OBJECT (checker), (gpointer *) &checker);
  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_drain ();
  g_assert_null (checker);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) installed = NULL;
  GTestDBus *bus;
  int ret;

  /* Enchant's personal word lists go to a temporary folder: before anything
   * asks GLib for the user's config folder. */
  config_dir = g_dir_make_tmp ("byline-test-spell-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_unsetenv ("ENCHANT_CONFIG_DIR");

  g_test_init (&argc, &argv, NULL);
  tmp_dir = byline_test_make_tmp ("byline-test-spell");

  bus = byline_test_bus_up ();

  app = byline_test_new_application ();

  installed = byline_spell_list_languages ();
  have_en_us = g_strv_contains ((const char * const *) installed, "en_US");

  g_test_add_func ("/spell/resolve-language", test_resolve);
  g_test_add_func ("/spell/front-matter-language", test_front_matter_language);
  g_test_add_func ("/spell/display-name", test_display_name);
  g_test_add_func ("/spell/check", test_check);
  g_test_add_func ("/spell/typing", test_typing);
  g_test_add_func ("/spell/menu", test_menu);
  g_test_add_func ("/spell/add-to-dictionary", test_add_to_dictionary);
  g_test_add_func ("/spell/toggle", test_toggle);
  g_test_add_func ("/spell/fallback-language", test_fallback_language);
  g_test_add_func ("/spell/big-post", test_big_post);
  g_test_add_func ("/spell/window", test_window);

  ret = g_test_run ();

  g_clear_object (&app);
  byline_test_bus_down (bus);

  byline_test_remove_tree (tmp_dir);
  byline_test_remove_tree (config_dir);
  g_free (tmp_dir);
  g_free (config_dir);

  return ret;
}
