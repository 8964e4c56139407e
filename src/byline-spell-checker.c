/* byline-spell-checker.c: spell checking of a GtkSourceView's text (Enchant)
 *
 * How it stays fast in a big post: a GtkSourceRegion, "unchecked", covers
 * the text not checked since it last changed (all of it at first; a region
 * rather than a tag, so that only misspelled words carry a tag of ours). Edits mark
 * just the words they touch; an idle callback checks the unchecked text that
 * is visible (plus half a screen either way), at most CHECK_BUDGET_US per
 * slice, and scrolling schedules it again. Text scrolled past is never
 * checked.
 *
 * The word being typed (the one around where the last edit happened) is not
 * flagged until the cursor leaves it, as in gspell.
 *
 * Enchant: one broker per process, made in a worker thread the first time a
 * checker is shown; dictionaries are loaded there too and kept for the
 * process (they are shared by all windows). Enchant is not thread-safe, so
 * the broker is only touched with broker_lock held; a dictionary, once
 * handed to the main thread, is only used there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "byline-spell"

/* Main-thread time per idle slice */
#define CHECK_BUDGET_US 2000
/* Characters checked between looks at the clock */
#define PIECE_CHARS 150
/* How far a word is looked for around an edit; longer "words" are not checked */
#define MAX_WORD_CHARS 64
#define MAX_SUGGESTIONS 5

#include "config.h"

#include <string.h>
#include <enchant.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <libintl.h>
#include <json-glib/json-glib.h>

#include "byline-spell-checker.h"

struct _BylineSpellChecker
{
  GObject             parent_instance;

  /* Borrowed references */
  GtkSourceView      *view;              /* weak pointer */
  GtkTextBuffer      *buffer;            /* the view's, while attached (a reference) */
  GtkTextTag         *misspelled_tag;    /* in buffer's tag table */
  GtkSourceRegion    *unchecked;        /* of buffer (owned) */
  GtkTextMark        *typing_mark;       /* where the last edit was, while typing */
  GtkTextMark        *menu_word_start;   /* the word the context menu is about */
  GtkTextMark        *menu_word_end;
  EnchantDict        *dict;              /* from the process's cache */
  GtkAdjustment      *vadjustment;
  GtkEventController *click_gesture;
  GtkEventController *menu_shortcuts;

  /* Owned references */
  GMenu              *menu;              /* the view's extra menu */
  GMenu              *suggestions_section;
  GMenu              *word_section;      /* Add, Ignore */
  GSimpleActionGroup *actions;
  GCancellable       *cancellable;
  char               *language;          /* "" = automatic */
  char               *document_language;
  char               *active_language;
  char               *language_note;
  char               *menu_word;

  guint               check_source;
  guint               load_serial;
  guint               n_slices;          /* since the last byline_spell_checker_take_stats() */
  gint64              slices_us;
  gint64              slice_max_us;

  guint               enabled : 1;
  guint               typing : 1;
  guint               in_ensure_highlight : 1;
  guint               loading : 1;
  guint               load_pending : 1;  /* asked for while not on screen */
};

G_DEFINE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_ENABLED,
  PROP_LANGUAGE,
  PROP_DOCUMENT_LANGUAGE,
  PROP_ACTIVE_LANGUAGE,
  PROP_LANGUAGE_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every checker, to re-check them all when a word is added */
static GList *all_checkers;

/* The process's broker, dictionaries and their list: touched with the lock
 * held only. */
static GMutex broker_lock;
static EnchantBroker *broker;
static GHashTable *dict_cache;   /* tag → EnchantDict */
static char **installed_languages;

static void schedule_check (BylineSpellChecker *self);
static void clear_menu_word (BylineSpellChecker *self);
static void load_dict (BylineSpellChecker *self);

/* Enchant, under broker_lock */

static void
list_dict_cb (const char * const lang_tag,
              const char * const provider_name,
              const char * const provider_desc,
              const char * const provider_file,
              void              *user_data)
{
  GPtrArray *tags = user_data;

  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (g_ptr_array_index (tags, i), lang_tag))
      return;
  g_ptr_array_add (tags, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
ensure_broker_locked (void)
{
  GPtrArray *tags;

  if (broker != NULL)
    return;

  broker = enchant_broker_init ();
  dict_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  tags = g_ptr_array_new ();
  enchant_broker_list_dicts (broker, list_dict_cb, tags);
  g_ptr_array_sort (tags, compare_strings);
  g_ptr_array_add (tags, NULL);
  installed_languages = (char **) g_ptr_array_free (tags, FALSE);
}

static EnchantDict *
request_dict_locked (const char *tag)
{
  EnchantDict *dict;

  ensure_broker_locked ();
  dict = g_hash_table_lookup (dict_cache, tag);
  if (dict == NULL)
    {
      dict = enchant_broker_request_dict (broker, tag);
      if (dict != NULL)
        g_hash_table_insert (dict_cache, g_strdup (tag), dict);
    }

  return dict;
}

/* Languages */

/* "de-DE.UTF-8@euro" → "de_DE"; NULL for none, "C" or "POSIX". */
static char *
normalize_tag (const char *tag)
{
  g_autofree char *copy = NULL;
  char *region;
  size_t len;

  if (tag == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (tag));
  len = strcspn (copy, ".@");
  copy[len] = '\0';
  if (copy[0] == '\0' || g_str_equal (copy, "C") || g_str_equal (copy, "POSIX"))
    return NULL;

  g_strdelimit (copy, "-", '_');
  region = strchr (copy, '_');
  if (region != NULL)
    {
      *region++ = '\0';
      if (strlen (region) == 2)
        {
          g_autofree char *lang = g_ascii_strdown (copy, -1);
          g_autofree char *upper = g_ascii_strup (region, -1);

          return g_strconcat (lang, "_", upper, NULL);
        }
      else
        {
          g_autofree char *lang = g_ascii_strdown (copy, -1);

          return g_strconcat (lang, "_", region, NULL);
        }
    }

  return g_ascii_strdown (copy, -1);
}

/* "en_US" → "en" (a copy) */
static char *
language_part (const char *tag)
{
  return g_strndup (tag, strcspn (tag, "_"));
}

static gboolean
is_installed (const char         *tag,
              const char * const *installed)
{
  return tag != NULL && g_strv_contains (installed, tag);
}

/* The best installed dictionary for a bare language ("en"). */
static char *
best_for_language (const char         *lang,
                   const char * const *installed,
                   const char * const *user_languages)
{
  g_autofree char *prefix = g_strconcat (lang, "_", NULL);
  g_autofree char *own = NULL;
  g_autofree char *upper = g_ascii_strup (lang, -1);

  /* The user's own variant (en_GB for someone in Britain). */
  for (guint i = 0; user_languages != NULL && user_languages[i] != NULL; i++)
    {
      g_autofree char *tag = normalize_tag (user_languages[i]);

      if (tag != NULL && g_str_has_prefix (tag, prefix) && is_installed (tag, installed))
        return g_steal_pointer (&tag);
    }

  /* The language's home variant: de_DE, fr_FR, and en_US. */
  own = g_strconcat (prefix, g_str_equal (lang, "en") ? "US" : upper, NULL);
  if (is_installed (own, installed))
    return g_steal_pointer (&own);

  if (is_installed (lang, installed))
    return g_strdup (lang);

  for (guint i = 0; installed[i] != NULL; i++)
    if (g_str_has_prefix (installed[i], prefix))
      return g_strdup (installed[i]);

  return NULL;
}

static char *
resolve_one (const char         *requested,
             const char * const *installed,
             const char * const *user_languages)
{
  g_autofree char *tag = normalize_tag (requested);
  g_autofree char *lang = NULL;

  if (tag == NULL)
    return NULL;
  if (is_installed (tag, installed))
    return g_steal_pointer (&tag);

  lang = language_part (tag);
  return best_for_language (lang, installed, user_languages);
}

char *
byline_spell_resolve_language (const char         *requested,
                               const char * const *installed,
                               const char * const *user_languages)
{
  char *tag;

  g_return_val_if_fail (installed != NULL, NULL);

  if (installed[0] == NULL)
    return NULL;

  if ((tag = resolve_one (requested, installed, user_languages)) != NULL)
    return tag;

  for (guint i = 0; user_languages != NULL && user_languages[i] != NULL; i++)
    if ((tag = resolve_one (user_languages[i], installed, user_languages)) != NULL)
      return tag;

  if (is_installed ("en_US", installed))
    return g_strdup ("en_US");

  return g_strdup (installed[0]);
}

/* Loading a dictionary (worker thread) */

typedef struct
{
  char  *requested;
  char **user_languages;
  gboolean from_document;   /* the post's own language, not the user's choice */
  guint  serial;
  /* results */
  char        *tag;
  EnchantDict *dict;
  char        *note;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->requested);
  g_strfreev (data->user_languages);
  g_free (data->tag);
  g_free (data->note);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;

  g_mutex_lock (&broker_lock);
  ensure_broker_locked ();
  data->tag = byline_spell_resolve_language (data->requested,
                                             (const char * const *) installed_languages,
                                             (const char * const *) data->user_languages);
  if (data->tag == NULL)
    data->note = g_strdup (_("No spelling dictionary is installed, so spelling is not checked."));
  else if (data->requested != NULL && data->requested[0] != '\0')
    {
      g_autofree char *want = normalize_tag (data->requested);
      g_autofree char *want_lang = want ? language_part (want) : NULL;
      g_autofree char *have_lang = language_part (data->tag);

      if (want_lang != NULL && !g_str_equal (want_lang, have_lang))
        {
          /* A post in German checked as English would be all underlines:
           * a post's own language without a dictionary is not checked. A
           * language chosen in the preferences that is gone falls back. */
          if (data->from_document)
            {
              g_clear_pointer (&data->tag, g_free);
              /* Translators: %s is a language code from the post ("de") */
              data->note = g_strdup_printf (_("No spelling dictionary for “%s” is installed, so spelling is not checked in this post."),
                                            data->requested);
            }
          else
            /* Translators: the first %s is a language code ("de_DE"), the
             * second a dictionary's ("en_US") */
            data->note = g_strdup_printf (_("No spelling dictionary for “%s” is installed: spelling is checked as “%s”."),
                                          data->requested, data->tag);
        }
    }

  if (data->tag != NULL)
    data->dict = request_dict_locked (data->tag);
  g_mutex_unlock (&broker_lock);

  if (data->dict == NULL)
    g_clear_pointer (&data->tag, g_free);

  g_task_return_boolean (task, TRUE);
}

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
invalidate_all (BylineSpellChecker *self)
{
  GtkTextIter start, end;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->buffer == NULL)
    return;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_source_region_add_subregion (self->unchecked, &start, &end);
  schedule_check (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || data->serial != self->load_serial)
    return;

  self->loading = FALSE;
  set_string (&self->language_note, data->note, object, properties[PROP_LANGUAGE_NOTE]);
  if (self->dict != data->dict)
    {
      self->dict = data->dict;
      if (self->dict != NULL)
        invalidate_all (self);
      else if (self->buffer != NULL)
        {
          GtkTextIter start, end;

          clear_menu_word (self);
          gtk_text_buffer_get_bounds (self->buffer, &start, &end);
          gtk_text_buffer_remove_tag (self->buffer, self->misspelled_tag, &start, &end);
        }
    }
  set_string (&self->active_language, data->tag, object, properties[PROP_ACTIVE_LANGUAGE]);
}

static void
load_dict (BylineSpellChecker *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;
  const char *requested;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  /* Not before the view is on screen: start-up has better things to do. */
  if (!self->enabled)
    return;
  if (self->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      self->load_pending = TRUE;
      return;
    }
  self->load_pending = FALSE;

  requested = self->language[0] != '\0' ? self->language : self->document_language;

  data = g_new0 (LoadData, 1);
  data->requested = g_strdup (requested);
  data->from_document = self->language[0] == '\0';
  data->user_languages = g_strdupv ((char **) g_get_language_names ());
  data->serial = ++self->load_serial;
  self->loading = TRUE;

  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, load_dict);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Words */

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Moves @iter back to the start of the word it is in or after. */
static void
extend_to_word_start (GtkTextIter *iter)
{
  GtkTextIter prev = *iter;

  for (guint n = 0; n < MAX_WORD_CHARS && gtk_text_iter_backward_char (&prev); n++)
    {
      gunichar c = gtk_text_iter_get_char (&prev);

      if (!is_word_char (c) && !is_apostrophe (c) && c != '-')
        break;
      *iter = prev;
    }
}

/* Moves @iter on to the end of the word it is in or before. */
static void
extend_to_word_end (GtkTextIter *iter)
{
  for (guint n = 0; n < MAX_WORD_CHARS && !gtk_text_iter_is_end (iter); n++)
    {
      gunichar c = gtk_text_iter_get_char (iter);

      if (!is_word_char (c) && !is_apostrophe (c) && c != '-')
        break;
      gtk_text_iter_forward_char (iter);
    }
}

/* Whether the word [@start, @end) is to be checked at all: not with digits,
 * not ALL CAPS (acronyms such as HTML or GNOME: in writing about software
 * they are mostly names the dictionary cannot know), not in code, URLs and
 * the like, not the word being typed. */
static gboolean
word_wants_check (BylineSpellChecker *self,
                  const char         *word,
                  gsize               len,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end)
{
  guint n_upper = 0, n_lower = 0;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return FALSE;
      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        n_upper++;
      else if (g_unichar_islower (c))
        n_lower++;
    }
  if (n_upper >= 2 && n_lower == 0)
    return FALSE;

  if (gtk_source_buffer_iter_has_context_class (GTK_SOURCE_BUFFER (self->buffer), start, "no-spell-check"))
    return FALSE;

  return TRUE;
}

static gboolean
word_is_typed (BylineSpellChecker *self,
               const GtkTextIter  *start,
               const GtkTextIter  *end)
{
  GtkTextIter typing;

  if (!self->typing)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &typing, self->typing_mark);
  return gtk_text_iter_compare (start, &typing) <= 0 && gtk_text_iter_compare (&typing, end) <= 0;
}

#ifndef DATADIR_ISO_CODES
# define DATADIR_ISO_CODES "/usr/share"
#endif

#define RIGHT_QUOTE "\xe2\x80\x99"   /* ’ */

/* @word with ’ as ' (a copy) */
static char *
straighten (const char *word,
            gssize      len)
{
  g_autoptr(GString) straight = g_string_new_len (word, len < 0 ? (gssize) strlen (word) : len);

  g_string_replace (straight, RIGHT_QUOTE, "'", 0);
  return g_string_free (g_steal_pointer (&straight), FALSE);
}

static gboolean
dict_check_word (EnchantDict *dict,
                 const char  *word,
                 gsize        len)
{
  /* Dictionaries spell "don't" with a straight apostrophe. */
  for (gsize i = 0; i + 2 < len; i++)
    if (memcmp (word + i, RIGHT_QUOTE, 3) == 0)
      {
        g_autofree char *straight = straighten (word, len);

        return enchant_dict_check (dict, straight, -1) == 0;
      }

  return enchant_dict_check (dict, word, len) == 0;
}

/* Calls @func for each word of @text ("don't" and "it’s" are words; an
 * apostrophe must have letters both sides). Offsets are in characters. */
typedef void (*WordFunc) (const char *word,
                          gsize       len,
                          glong       start_offset,
                          glong       end_offset,
                          gpointer    user_data);

static void
foreach_word (const char *text,
              WordFunc    func,
              gpointer    user_data)
{
  const char *p = text;
  glong offset = 0;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *word;
      glong word_offset;

      if (!is_word_char (c))
        {
          p = g_utf8_next_char (p);
          offset++;
          continue;
        }

      word = p;
      word_offset = offset;
      for (;;)
        {
          gunichar prev = g_utf8_get_char (p);

          p = g_utf8_next_char (p);
          offset++;
          c = g_utf8_get_char (p);
          if (is_word_char (c))
            continue;
          if (is_apostrophe (c) && g_unichar_isalpha (prev))
            {
              const char *after = g_utf8_next_char (p);

              if (g_unichar_isalpha (g_utf8_get_char (after)))
                continue;
            }
          /* well-known, pre-2014: one word, checked whole, then by parts */
          if (c == '-' && g_unichar_isalnum (prev))
            {
              const char *after = g_utf8_next_char (p);

              if (g_unichar_isalnum (g_utf8_get_char (after)))
                continue;
            }
          break;
        }

      func (word, p - word, word_offset, offset, user_data);
    }
}

typedef struct
{
  BylineSpellChecker *self;
  GtkTextIter         iter;         /* at offset */
  glong               offset;
  gboolean            typed_word;   /* seen; its range: */
  GtkTextIter         typed_start;
  GtkTextIter         typed_end;
} CheckState;

static void
check_word_cb (const char *word,
               gsize       len,
               glong       start_offset,
               glong       end_offset,
               gpointer    user_data)
{
  CheckState *state = user_data;
  BylineSpellChecker *self = state->self;
  GtkTextIter start, end;

  if (end_offset - start_offset > MAX_WORD_CHARS)
    return;

  gtk_text_iter_forward_chars (&state->iter, start_offset - state->offset);
  start = state->iter;
  end = start;
  gtk_text_iter_forward_chars (&end, end_offset - start_offset);
  state->iter = end;
  state->offset = end_offset;

  if (word_is_typed (self, &start, &end))
    {
      state->typed_word = TRUE;
      state->typed_start = start;
      state->typed_end = end;
      return;
    }

  if (!word_wants_check (self, word, len, &start, &end) || dict_check_word (self->dict, word, len))
    return;

  if (memchr (word, '-', len) == NULL)
    {
      gtk_text_buffer_apply_tag (self->buffer, self->misspelled_tag, &start, &end);
      return;
    }

  /* A compound the dictionary does not know: its parts */
  {
    const char *part = word;
    GtkTextIter part_start = start;

    while (part < word + len)
      {
        const char *part_end = memchr (part, '-', word + len - part);
        GtkTextIter part_end_iter = part_start;

        if (part_end == NULL)
          part_end = word + len;
        gtk_text_iter_forward_chars (&part_end_iter, g_utf8_strlen (part, part_end - part));
        if (word_wants_check (self, part, part_end - part, &part_start, &part_end_iter) &&
            !dict_check_word (self->dict, part, part_end - part))
          gtk_text_buffer_apply_tag (self->buffer, self->misspelled_tag, &part_start, &part_end_iter);
        part = part_end + 1;
        part_start = part_end_iter;
        gtk_text_iter_forward_char (&part_start);
      }
  }
}

/* Checks the words in [@start, @end) (extended to whole words, which @start
 * and @end are moved to). */
static void
check_range (BylineSpellChecker *self,
             GtkTextIter        *start,
             GtkTextIter        *end)
{
  g_autofree char *text = NULL;
  CheckState state = { 0, };

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  extend_to_word_start (start);
  extend_to_word_end (end);

  self->in_ensure_highlight = TRUE;
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (self->buffer), start, end);
  self->in_ensure_highlight = FALSE;

  gtk_text_buffer_remove_tag (self->buffer, self->misspelled_tag, start, end);

  text = gtk_text_iter_get_slice (start, end);
  state.self = self;
  state.iter = *start;
  foreach_word (text, check_word_cb, &state);

  gtk_source_region_subtract_subregion (self->unchecked, start, end);
  if (state.typed_word)
    gtk_source_region_add_subregion (self->unchecked, &state.typed_start, &state.typed_end);
}

/* The text worth checking now: what is visible and half a screen around. */
static gboolean
get_check_region (BylineSpellChecker *self,
                  GtkTextIter        *start,
                  GtkTextIter        *end)
{
  GdkRectangle rect;
  int margin;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    return FALSE;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->view), &rect);
  if (rect.height <= 0)
    return FALSE;

  margin = rect.height / 2;
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->view), start, MAX (0, rect.y - margin), NULL);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->view), end, rect.y + rect.height + margin, NULL);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);

  return TRUE;
}

static gboolean
check_cb (gpointer user_data)
{
  BylineSpellChecker *self = user_data;
  gint64 started = g_get_monotonic_time ();
  gint64 deadline = started + CHECK_BUDGET_US;
  GtkTextIter iter, region_end;
  gboolean more = FALSE;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->buffer == NULL || self->dict == NULL || !self->enabled ||
      !get_check_region (self, &iter, &region_end))
    {
      self->check_source = 0;
      return G_SOURCE_REMOVE;
    }

  while (gtk_text_iter_compare (&iter, &region_end) < 0)
    {
      g_autoptr(GtkSourceRegion) todo = NULL;
      GtkSourceRegionIter region_iter;
      GtkTextIter run_end, piece_end;

      /* The first unchecked stretch from here on */
      todo = gtk_source_region_intersect_subregion (self->unchecked, &iter, &region_end);
      if (todo == NULL)
        break;
      gtk_source_region_get_start_region_iter (todo, &region_iter);
      if (!gtk_source_region_iter_get_subregion (&region_iter, &iter, &run_end) ||
          gtk_text_iter_equal (&iter, &run_end))
        break;

      piece_end = iter;
      gtk_text_iter_forward_chars (&piece_end, PIECE_CHARS);
      if (gtk_text_iter_compare (&piece_end, &run_end) > 0)
        piece_end = run_end;

      check_range (self, &iter, &piece_end);
      iter = piece_end;

      if (g_get_monotonic_time () >= deadline)
        {
          more = TRUE;
          break;
        }
    }

  {
    gint64 took = g_get_monotonic_time () - started;

    self->n_slices++;
    self->slices_us += took;
    self->slice_max_us = MAX (self->slice_max_us, took);
  }

  if (more)
    return G_SOURCE_CONTINUE;
  self->check_source = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_check (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->check_source == 0 && self->enabled && self->dict != NULL && self->buffer != NULL)
    self->check_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_cb, self, NULL);
}

/* Marks the words around [@start, @end) for checking. */
static void
invalidate_range (BylineSpellChecker *self,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end)
{
  GtkTextIter s = *start, e = *end;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  extend_to_word_start (&s);
  extend_to_word_end (&e);
  gtk_source_region_add_subregion (self->unchecked, &s, &e);
  schedule_check (self);
}

/* The context menu */

static void
clear_menu_word (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  g_menu_remove_all (self->suggestions_section);
  g_menu_remove_all (self->word_section);
  g_clear_pointer (&self->menu_word, g_free);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add")), FALSE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore")), FALSE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "replace")), FALSE);
}

static void
set_menu_word (BylineSpellChecker *self,
               const GtkTextIter  *start,
               const GtkTextIter  *end)
{
  g_autofree char *word = gtk_text_iter_get_slice (start, end);
  char **suggestions;
  gsize n_suggestions = 0;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  {
    g_autofree char *straight = straighten (word, -1);

    suggestions = enchant_dict_suggest (self->dict, straight, -1, &n_suggestions);
  }
  for (gsize i = 0; i < n_suggestions && i < MAX_SUGGESTIONS; i++)
    {
      /* (menu labels take _ for mnemonics) */
      g_auto(GStrv) parts = g_strsplit (suggestions[i], "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "spelling.replace", "s", suggestions[i]);
      g_menu_append_item (self->suggestions_section, item);
    }
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);
  if (n_suggestions == 0)
    g_menu_append (self->suggestions_section, _("No Suggestions"), "spelling.no-suggestions");
  g_menu_append (self->word_section, _("_Add to Dictionary"), "spelling.add");
  g_menu_append (self->word_section, _("_Ignore All"), "spelling.ignore");

  gtk_text_buffer_move_mark (self->buffer, self->menu_word_start, start);
  gtk_text_buffer_move_mark (self->buffer, self->menu_word_end, end);
  self->menu_word = g_steal_pointer (&word);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add")), TRUE);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "ignore")), TRUE);
  /* (a read-only text only shows what the suggestions would be) */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "replace")),
                               self->view != NULL && gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)));
}

/* The menu word's range, if it is still there as it was. */
static gboolean
get_menu_word (BylineSpellChecker *self,
               GtkTextIter        *start,
               GtkTextIter        *end)
{
  g_autofree char *text = NULL;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->menu_word == NULL || self->buffer == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->menu_word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->menu_word_end);
  text = gtk_text_iter_get_slice (start, end);

  return g_str_equal (text, self->menu_word);
}

static void
replace_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BylineSpellChecker *self = user_data;
  GtkTextIter start, end;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (!get_menu_word (self, &start, &end) ||
      self->view == NULL || !gtk_text_view_get_editable (GTK_TEXT_VIEW (self->view)))
    return;

  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, g_variant_get_string (parameter, NULL), -1);
  gtk_text_buffer_end_user_action (self->buffer);
  clear_menu_word (self);
}

static void
invalidate_all_checkers (void)
{
  for (GList *l = all_checkers; l != NULL; l = l->next)
    invalidate_all (l->data);
}

/* The context menu's word goes into the dictionary with @add (the personal
 * word list, or this session's), and every checker looks again. */
static void
accept_menu_word (BylineSpellChecker *self,
                  void              (*add) (EnchantDict *, const char *, ssize_t))
{
  g_autofree char *straight = NULL;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->menu_word == NULL || self->dict == NULL)
    return;

  straight = straighten (self->menu_word, -1);
  add (self->dict, straight, -1);
  clear_menu_word (self);
  invalidate_all_checkers ();
}

static void
add_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  accept_menu_word (user_data, enchant_dict_add);
}

static void
ignore_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  accept_menu_word (user_data, enchant_dict_add_to_session);
}

static void
enabled_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  BylineSpellChecker *self = user_data;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  byline_spell_checker_set_enabled (self, g_variant_get_boolean (parameter));
}

/* Signal callbacks */

static void
insert_text_after_cb (GtkTextBuffer      *buffer,
                      GtkTextIter        *location,
                      const char         *text,
                      int                 len,
                      BylineSpellChecker *self)
{
  GtkTextIter start = *location;
  GtkTextIter insert;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, len));
  invalidate_range (self, &start, location);

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  self->typing = gtk_text_iter_equal (&insert, location);
  gtk_text_buffer_move_mark (buffer, self->typing_mark, location);
}

static void
delete_range_after_cb (GtkTextBuffer      *buffer,
                       GtkTextIter        *start,
                       GtkTextIter        *end,
                       BylineSpellChecker *self)
{
  GtkTextIter insert;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  invalidate_range (self, start, end);

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  self->typing = gtk_text_iter_equal (&insert, start);
  gtk_text_buffer_move_mark (buffer, self->typing_mark, start);
}

static void
mark_set_cb (GtkTextBuffer      *buffer,
             const GtkTextIter  *location,
             GtkTextMark        *mark,
             BylineSpellChecker *self)
{
  GtkTextIter start, end;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (!self->typing || mark != gtk_text_buffer_get_insert (buffer))
    return;

  /* Still in the word being typed? */
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->typing_mark);
  end = start;
  extend_to_word_start (&start);
  extend_to_word_end (&end);
  if (gtk_text_iter_compare (&start, location) <= 0 && gtk_text_iter_compare (location, &end) <= 0)
    return;

  self->typing = FALSE;
  gtk_source_region_add_subregion (self->unchecked, &start, &end);
  schedule_check (self);
}

static void
highlight_updated_cb (GtkSourceBuffer    *buffer,
                      GtkTextIter        *start,
                      GtkTextIter        *end,
                      BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  /* A code fence opened or closed: what is code changed. (Not for our own
   * ensure_highlight(), made right before checking.) */
  if (!self->in_ensure_highlight)
    {
      gtk_source_region_add_subregion (self->unchecked, start, end);
      schedule_check (self);
    }
}

static void
scrolled_cb (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  schedule_check (self);
}

static void
update_tag_color (BylineSpellChecker *self)
{
  GdkRGBA color;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->misspelled_tag == NULL)
    return;

  /* Adwaita's error colours, light and dark */
  gdk_rgba_parse (&color, adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#ff7b63" : "#e01b24");
  g_object_set (self->misspelled_tag, "underline-rgba", &color, NULL);
}

static void
attach_buffer (BylineSpellChecker *self,
               GtkTextBuffer      *buffer)
{
  GtkTextIter start;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));
  g_assert (self->buffer == NULL);

  if (!GTK_SOURCE_IS_BUFFER (buffer))
    return;

  self->buffer = g_object_ref (buffer);
  self->misspelled_tag = gtk_text_buffer_create_tag (buffer, BYLINE_SPELL_TAG_MISSPELLED,
                                                     "underline", PANGO_UNDERLINE_ERROR,
                                                     NULL);
  update_tag_color (self);
  self->unchecked = gtk_source_region_new (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  self->typing_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  self->menu_word_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->menu_word_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);

  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (insert_text_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (delete_range_after_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (mark_set_cb), self, 0);
  g_signal_connect_object (buffer, "highlight-updated", G_CALLBACK (highlight_updated_cb), self, 0);
  g_signal_connect_object (buffer, "notify::language", G_CALLBACK (invalidate_all), self, G_CONNECT_SWAPPED);

  if (self->enabled)
    invalidate_all (self);
}

static void
detach_buffer (BylineSpellChecker *self)
{
  g_autoptr(GtkTextBuffer) buffer = g_steal_pointer (&self->buffer);
  GtkTextTagTable *table;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (buffer == NULL)
    return;

  g_signal_handlers_disconnect_by_data (buffer, self);
  table = gtk_text_buffer_get_tag_table (buffer);
  gtk_text_tag_table_remove (table, self->misspelled_tag);
  g_clear_object (&self->unchecked);
  gtk_text_buffer_delete_mark (buffer, self->typing_mark);
  gtk_text_buffer_delete_mark (buffer, self->menu_word_start);
  gtk_text_buffer_delete_mark (buffer, self->menu_word_end);
  self->misspelled_tag = NULL;
  self->typing_mark = self->menu_word_start = self->menu_word_end = NULL;
  self->typing = FALSE;
  g_clear_pointer (&self->menu_word, g_free);
  g_clear_handle_id (&self->check_source, g_source_remove);
}

static void
view_notify_buffer_cb (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  detach_buffer (self);
  if (self->view != NULL)
    attach_buffer (self, gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
}

static void
view_notify_vadjustment_cb (BylineSpellChecker *self)
{
  GtkAdjustment *adjustment;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);

  adjustment = self->view ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)) : NULL;
  if (adjustment != NULL)
    {
      self->vadjustment = g_object_ref (adjustment);
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
view_map_cb (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->load_pending || (self->dict == NULL && !self->loading))
    load_dict (self);
  schedule_check (self);
}

static void
click_pressed_cb (GtkGestureClick    *gesture,
                  int                 n_press,
                  double              x,
                  double              y,
                  BylineSpellChecker *self)
{
  GtkTextIter iter;
  int bx, by;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->view == NULL)
    return;

  /* Only learns where: the text view shows its menu itself. */
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->view), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->view), &iter, bx, by);
  byline_spell_checker_update_menu_at_iter (self, &iter);
}

static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  BylineSpellChecker *self = user_data;
  GtkTextIter iter;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  if (self->buffer != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
      byline_spell_checker_update_menu_at_iter (self, &iter);
    }

  /* Not handled: the text view's own shortcut opens the menu. */
  return FALSE;
}

static void
style_dark_cb (BylineSpellChecker *self)
{
  update_tag_color (self);
}

static void
attach_view (BylineSpellChecker *self,
             GtkSourceView      *view)
{
  GMenu *toggle_section;
  GtkShortcut *shortcut;

  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);

  toggle_section = g_menu_new ();
  g_menu_append (toggle_section, _("Check _Spelling"), "spelling.enabled");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->word_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (toggle_section));
  g_object_unref (toggle_section);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (view), G_MENU_MODEL (self->menu));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));

  self->click_gesture = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click_gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (self->click_gesture, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->click_gesture, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), self->click_gesture);

  self->menu_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (self->menu_shortcuts, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                               gtk_callback_action_new (menu_key_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->menu_shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (view), self->menu_shortcuts);

  g_signal_connect_object (view, "notify::buffer", G_CALLBACK (view_notify_buffer_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::vadjustment", G_CALLBACK (view_notify_vadjustment_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "map", G_CALLBACK (view_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);

  view_notify_vadjustment_cb (self);
  attach_buffer (self, gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  if (gtk_widget_get_mapped (GTK_WIDGET (view)))
    view_map_cb (self);
}

static void
detach_view (BylineSpellChecker *self)
{
  g_assert (BYLINE_IS_SPELL_CHECKER (self));

  detach_buffer (self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);

  if (self->view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->view, self);
  if (gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (self->view)) == G_MENU_MODEL (self->menu))
    gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->view), NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spelling", NULL);
  gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click_gesture);
  gtk_widget_remove_controller (GTK_WIDGET (self->view), self->menu_shortcuts);
  self->click_gesture = self->menu_shortcuts = NULL;
  g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
}

/* GObject overrides */

static void
byline_spell_checker_constructed (GObject *object)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->constructed (object);

  g_assert (self->view != NULL);
}

static void
byline_spell_checker_dispose (GObject *object)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  g_cancellable_cancel (self->cancellable);
  detach_view (self);
  g_clear_handle_id (&self->check_source, g_source_remove);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->dispose (object);
}

static void
byline_spell_checker_finalize (GObject *object)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  all_checkers = g_list_remove (all_checkers, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions_section);
  g_clear_object (&self->word_section);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->document_language, g_free);
  g_clear_pointer (&self->active_language, g_free);
  g_clear_pointer (&self->language_note, g_free);
  g_clear_pointer (&self->menu_word, g_free);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->finalize (object);
}

static void
byline_spell_checker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_DOCUMENT_LANGUAGE:
      g_value_set_string (value, self->document_language);
      break;

    case PROP_ACTIVE_LANGUAGE:
      g_value_set_string (value, self->active_language);
      break;

    case PROP_LANGUAGE_NOTE:
      g_value_set_string (value, self->language_note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_spell_checker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      attach_view (self, g_value_get_object (value));
      break;

    case PROP_ENABLED:
      byline_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_LANGUAGE:
      byline_spell_checker_set_language (self, g_value_get_string (value));
      break;

    case PROP_DOCUMENT_LANGUAGE:
      byline_spell_checker_set_document_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_spell_checker_class_init (BylineSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = byline_spell_checker_constructed;
  object_class->dispose = byline_spell_checker_dispose;
  object_class->finalize = byline_spell_checker_finalize;
  object_class->get_property = byline_spell_checker_get_property;
  object_class->set_property = byline_spell_checker_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         GTK_SOURCE_TYPE_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_LANGUAGE] =
    g_param_spec_string ("document-language", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_LANGUAGE] =
    g_param_spec_string ("active-language", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE_NOTE] =
    g_param_spec_string ("language-note", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_spell_checker_init (BylineSpellChecker *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_action_cb, "s" },
    { "add", add_action_cb },
    { "ignore", ignore_action_cb },
    { "no-suggestions", NULL },
    { "enabled", NULL, NULL, "true", enabled_action_cb },
  };

  self->enabled = TRUE;
  self->language = g_strdup ("");
  self->cancellable = g_cancellable_new ();
  self->menu = g_menu_new ();
  self->suggestions_section = g_menu_new ();
  self->word_section = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "no-suggestions")), FALSE);
  clear_menu_word (self);

  all_checkers = g_list_prepend (all_checkers, self);
}

/* Public API */

BylineSpellChecker *
byline_spell_checker_new (GtkSourceView *view)
{
  g_return_val_if_fail (GTK_SOURCE_IS_VIEW (view), NULL);

  return g_object_new (BYLINE_TYPE_SPELL_CHECKER, "view", view, NULL);
}

GtkSourceView *
byline_spell_checker_get_view (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->view;
}

gboolean
byline_spell_checker_get_enabled (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);

  return self->enabled;
}

void
byline_spell_checker_set_enabled (BylineSpellChecker *self,
                                  gboolean            enabled)
{
  GAction *action;

  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "enabled");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (enabled));

  if (!enabled)
    {
      g_clear_handle_id (&self->check_source, g_source_remove);
      clear_menu_word (self);
      if (self->buffer != NULL)
        {
          GtkTextIter start, end;

          gtk_text_buffer_get_bounds (self->buffer, &start, &end);
          gtk_text_buffer_remove_tag (self->buffer, self->misspelled_tag, &start, &end);
        }
    }
  else if (self->dict == NULL)
    load_dict (self);
  else
    invalidate_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

const char *
byline_spell_checker_get_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->language;
}

void
byline_spell_checker_set_language (BylineSpellChecker *self,
                                   const char         *language)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (language == NULL)
    language = "";
  if (g_str_equal (self->language, language))
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  load_dict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
byline_spell_checker_get_document_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->document_language;
}

void
byline_spell_checker_set_document_language (BylineSpellChecker *self,
                                            const char         *language)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (language != NULL && language[0] == '\0')
    language = NULL;
  if (g_strcmp0 (self->document_language, language) == 0)
    return;

  g_free (self->document_language);
  self->document_language = g_strdup (language);
  if (self->language[0] == '\0')
    load_dict (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_LANGUAGE]);
}

const char *
byline_spell_checker_get_active_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->active_language;
}

const char *
byline_spell_checker_get_language_note (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->language_note;
}

void
byline_spell_checker_update_menu_at_iter (BylineSpellChecker *self,
                                          const GtkTextIter  *iter)
{
  GtkTextIter start, end;

  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));
  g_return_if_fail (iter != NULL);

  clear_menu_word (self);
  if (!self->enabled || self->dict == NULL || self->buffer == NULL)
    return;

  /* The underlined word there, if any */
  start = *iter;
  if (!gtk_text_iter_has_tag (&start, self->misspelled_tag))
    {
      if (gtk_text_iter_is_start (&start))
        return;
      gtk_text_iter_backward_char (&start);   /* just after its end */
      if (!gtk_text_iter_has_tag (&start, self->misspelled_tag))
        return;
    }
  if (!gtk_text_iter_starts_tag (&start, self->misspelled_tag))
    gtk_text_iter_backward_to_tag_toggle (&start, self->misspelled_tag);
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, self->misspelled_tag);

  set_menu_word (self, &start, &end);
}

const char *
byline_spell_front_matter_language (BylineFrontMatter *front_matter)
{
  static const char * const keys[] = { "lang", "language", "locale", "languageCode" };

  g_return_val_if_fail (front_matter != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      BylineNode *node = byline_front_matter_lookup_dotted (front_matter, keys[i]);

      if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_SEQUENCE &&
          byline_node_get_n_children (node) > 0)
        node = byline_node_get_child (node, 0);
      if (node != NULL && byline_node_get_value_type (node) == BYLINE_VALUE_STRING)
        {
          const char *value = byline_node_get_scalar (node);

          if (value != NULL && value[0] != '\0')
            return value;
        }
    }

  return NULL;
}

char **
byline_spell_list_languages (void)
{
  char **languages;

  g_mutex_lock (&broker_lock);
  ensure_broker_locked ();
  languages = g_strdupv (installed_languages);
  g_mutex_unlock (&broker_lock);

  return languages;
}

gboolean
byline_spell_checker_is_checked (BylineSpellChecker *self,
                                 const GtkTextIter  *start,
                                 const GtkTextIter  *end)
{
  g_autoptr(GtkSourceRegion) todo = NULL;

  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (!self->enabled || self->dict == NULL || self->buffer == NULL)
    return FALSE;

  todo = gtk_source_region_intersect_subregion (self->unchecked, start, end);
  return todo == NULL || gtk_source_region_is_empty (todo);
}

/* iso-codes' names: code → English name, from its JSON files; NULL when
 * they are not installed. Main thread. */
static GHashTable *
load_iso_names (const char *standard,
                const char *code_member)
{
  g_autofree char *path = g_strdup_printf ("%s/iso-codes/json/iso_%s.json", DATADIR_ISO_CODES, standard);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *names;
  JsonNode *root;
  JsonArray *entries;

  if (!json_parser_load_from_mapped_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), standard))
    return NULL;
  entries = json_object_get_array_member (json_node_get_object (root), standard);
  if (entries == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *code, *name;

      if (entry == NULL)
        continue;
      code = json_object_get_string_member_with_default (entry, code_member, NULL);
      name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (code != NULL && name != NULL)
        g_hash_table_insert (names, g_ascii_strdown (code, -1), g_strdup (name));
    }
  return names;
}

char *
byline_spell_language_display_name (const char *tag)
{
  static GHashTable *languages;
  static GHashTable *countries;
  static gboolean loaded;
  g_autofree char *lang = NULL;
  g_autofree char *region = NULL;
  const char *lang_name = NULL;
  const char *region_name = NULL;
  const char *sep;

  g_return_val_if_fail (tag != NULL, NULL);

  if (!loaded)
    {
      loaded = TRUE;
      languages = load_iso_names ("639-2", "alpha_2");
      countries = load_iso_names ("3166-1", "alpha_2");
      bind_textdomain_codeset ("iso_639-2", "UTF-8");
      bind_textdomain_codeset ("iso_3166-1", "UTF-8");
    }

  sep = strchr (tag, '_');
  lang = g_ascii_strdown (tag, sep ? sep - tag : -1);
  region = sep ? g_ascii_strdown (sep + 1, -1) : NULL;

  if (languages != NULL)
    lang_name = g_hash_table_lookup (languages, lang);
  if (countries != NULL && region != NULL)
    region_name = g_hash_table_lookup (countries, region);

  if (lang_name == NULL || (region != NULL && region_name == NULL))
    return g_strdup (tag);
  if (region_name == NULL)
    return g_strdup (g_dgettext ("iso_639-2", lang_name));
  /* Translators: a spelling dictionary: language (country), "English (United States)" */
  return g_strdup_printf (C_("spelling language", "%s (%s)"),
                          g_dgettext ("iso_639-2", lang_name),
                          g_dgettext ("iso_3166-1", region_name));
}

void
byline_spell_checker_take_stats (BylineSpellChecker *self,
                                 guint              *n_slices,
                                 gint64             *total_us,
                                 gint64             *max_us)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (n_slices != NULL)
    *n_slices = self->n_slices;
  if (total_us != NULL)
    *total_us = self->slices_us;
  if (max_us != NULL)
    *max_us = self->slice_max_us;
  self->n_slices = 0;
  self->slices_us = self->slice_max_us = 0;
}
