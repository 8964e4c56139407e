/* byline-spell-checker.h: spell checking of a GtkSourceView's text (Enchant)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-front-matter.h"

G_BEGIN_DECLS

/* The tag the checker adds to the view's buffer for misspelled words
 * (private to it; named so that tests can find it). */
#define BYLINE_SPELL_TAG_MISSPELLED "byline-spell-misspelled"

#define BYLINE_TYPE_SPELL_CHECKER (byline_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, BYLINE, SPELL_CHECKER, GObject)

/* Checks the text of @view's buffer (whatever buffer it shows) while
 * "enabled" is TRUE. Misspelled words get a wavy underline; the view's
 * context menu offers suggestions, Add to Dictionary, Ignore All and
 * Check Spelling (actions "spelling.*" on @view). Only the visible text
 * (and a margin) is checked, in idle time. Text in contexts of class
 * "no-spell-check" (code, URLs, HTML tags …) is left alone. The checker never
 * changes the text except when the user picks a suggestion. */
BylineSpellChecker *byline_spell_checker_new                (GtkSourceView      *view);

GtkSourceView      *byline_spell_checker_get_view           (BylineSpellChecker *self);
gboolean            byline_spell_checker_get_enabled        (BylineSpellChecker *self);
void                byline_spell_checker_set_enabled        (BylineSpellChecker *self,
                                                             gboolean            enabled);
/* The chosen language (an Enchant tag such as "en_US"), or "" for
 * automatic: the document's language, else the user's, else en_US, else
 * any installed dictionary. */
const char         *byline_spell_checker_get_language       (BylineSpellChecker *self);
void                byline_spell_checker_set_language       (BylineSpellChecker *self,
                                                             const char         *language);
/* The post's own language ("en", "de-DE" …; NULL: none), used when the
 * language is automatic. */
const char         *byline_spell_checker_get_document_language (BylineSpellChecker *self);
void                byline_spell_checker_set_document_language (BylineSpellChecker *self,
                                                             const char         *language);
/* The dictionary in use ("en_US"), or NULL while none is loaded (being
 * loaded, none installed, or not enabled yet). */
const char         *byline_spell_checker_get_active_language (BylineSpellChecker *self);
/* A sentence for people when the language asked for has no dictionary
 * (and another one is used, or none); NULL otherwise. */
const char         *byline_spell_checker_get_language_note  (BylineSpellChecker *self);

/* TRUE when [@start, @end) has been checked since it last changed (FALSE
 * while no dictionary is in use): for tests and benchmarks. */
gboolean            byline_spell_checker_is_checked         (BylineSpellChecker *self,
                                                             const GtkTextIter  *start,
                                                             const GtkTextIter  *end);

/* For benchmarks: the idle checks since the last call (how many, their
 * total and longest time in µs), and starts counting again. */
void                byline_spell_checker_take_stats         (BylineSpellChecker *self,
                                                             guint              *n_slices,
                                                             gint64             *total_us,
                                                             gint64             *max_us);

/* Makes the context menu ("extra-menu") fit the word at @iter: what a
 * right-click there or the Menu key with the cursor there does. */
void                byline_spell_checker_update_menu_at_iter (BylineSpellChecker *self,
                                                              const GtkTextIter  *iter);

/* The language a post's front matter gives: the first of lang, language,
 * locale, languageCode that is a string (or a list starting with one);
 * NULL when none. Borrowed from @front_matter. */
const char         *byline_spell_front_matter_language      (BylineFrontMatter  *front_matter);

/* The installed dictionaries' tags, sorted ("en_US" …); may be empty. Reads
 * Enchant's providers the first time it is called (a few milliseconds). */
char              **byline_spell_list_languages             (void);

/* A dictionary's tag for people: "en_US" → "English (United States)" (in
 * the user's language, from iso-codes), else the tag itself. Main thread. */
char               *byline_spell_language_display_name      (const char         *tag);

/* Which of @installed to use for @requested ("en", "de-DE", "pt_BR.UTF-8";
 * NULL or "" for none), else for the first usable of @user_languages
 * (as g_get_language_names() gives them), else "en_US", else the first of
 * @installed. NULL when @installed is empty. Pure: for tests. */
char               *byline_spell_resolve_language           (const char         *requested,
                                                             const char * const *installed,
                                                             const char * const *user_languages);

G_END_DECLS
