/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-text"

#include "config.h"

#include <hb.h>
#include <string.h>

#include "limber-text-narrowest.h"

/* A layout at width 0 is as narrow as a wrapping text can be, and GtkLabel measures
 * its minimum width with one. Pango 1.50 gets there the slow way: for each line it
 * shapes the rest of the word, then each of the next few characters again, to find
 * where to break (a 90-character subtitle costs as much as 30 unwrapped ones).
 *
 * Here the same breaking runs over the unwrapped layout's items, log attributes and
 * character widths, step by step as pango-layout.c (1.50) does it at a width of 0:
 * the same break candidates, the same comparisons, the same pieces shaped with
 * pango_shape_item() and the same flags, so the widths are Pango's own. What makes
 * it cheap is that the pieces it shapes (a character or a few, with or without a
 * hyphen) come back again and again, in one text and in the next: their widths are
 * remembered, by font, script, language, direction and text. Only where shaping
 * looks at nothing but the piece itself: scripts whose letters join their
 * neighbours (Arabic, Syriac, Mongolian…) are shaped each time, and so is a piece
 * that starts with a combining mark.
 *
 * What this does not follow (several paragraphs, tabs, line separators, hyphenation
 * points, letter spacing, text transforms, justification, indents, ellipsizing) makes
 * it give up; the caller then lays the text out at width 0. */

#define MEMO_MAX_ENTRIES 20000

typedef enum
{
  BREAK_ALL_FIT,
  BREAK_SOME_FIT,
  BREAK_EMPTY_FIT,
  BREAK_GIVE_UP,
} BreakResult;

/* A piece of an item, shaped: its width, and its width once the line's final space
 * is taken out (zero_line_final_space()). */
typedef struct
{
  int width;
  int width_without_final_space;
} Piece;

typedef struct
{
  PangoFont     *font;
  PangoLanguage *language;
  const char    *features;   /* interned, or NULL */
  guint          analysis;   /* script, level parity, gravity, flags */
  const char    *text;
  gsize          length;
} PieceKey;

typedef struct
{
  PangoGlyphItem *run;          /* of the unwrapped layout */
  PangoItem      *piece;        /* a copy, pointed at each piece shaped */
  int             start;        /* its first character in the text */
  int             n_chars;
  int            *log_widths;
  int             safe_distance; /* -1 until needed */
  guint           flags;        /* the analysis flags the layout would give it by now */
  const char     *features;
  gboolean        memoize;
} BreakItem;

typedef struct
{
  int        width;
  guint      n_runs;
  int        n_chars;
  /* The run added last, which the line's end may change. */
  BreakItem *last_item;
  int        last_start;
  int        last_n_chars;
  guint      last_flags;
  Piece      last_piece;
} BreakLine;

typedef struct
{
  const char         *text;
  int                 length;
  const PangoLogAttr *attrs;
  int                 n_chars;
  int                *index;        /* byte index of each character, and of the end */
  PangoShapeFlags     shape_flags;
  BreakItem          *items;
  guint               n_items;

  /* Pango's ParaBreakState, as far as width 0 needs it. */
  guint               item;         /* the first item not placed entirely */
  int                 done;         /* its characters already placed */
  gboolean            shaped;       /* it has been started on */
  int                 start_offset; /* the first character not placed */
  int                 hyphen_width; /* -1 until needed */
} Breaker;

static GHashTable *memo;        /* PieceKey → Piece */
static GHashTable *memo_fonts;  /* the fonts the memo's keys point to, held */

static guint
piece_key_hash (gconstpointer data)
{
  const PieceKey *key = data;
  guint hash = g_direct_hash (key->font) ^ (g_direct_hash (key->language) * 31) ^ key->analysis;

  for (gsize i = 0; i < key->length; i++)
    hash = hash * 33 + (guchar) key->text[i];
  return hash ^ g_direct_hash (key->features);
}

static gboolean
piece_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const PieceKey *key_a = a;
  const PieceKey *key_b = b;

  return key_a->font == key_b->font && key_a->language == key_b->language &&
         key_a->features == key_b->features && key_a->analysis == key_b->analysis &&
         key_a->length == key_b->length && memcmp (key_a->text, key_b->text, key_a->length) == 0;
}

static void
piece_key_free (gpointer data)
{
  PieceKey *key = data;

  g_free ((char *) key->text);
  g_free (key);
}

static Piece
piece_of_glyphs (PangoGlyphString *glyphs,
                 int               level)
{
  int last = level % 2 ? 0 : glyphs->num_glyphs - 1;
  Piece piece;

  piece.width = pango_glyph_string_get_width (glyphs);
  piece.width_without_final_space = piece.width;
  /* As zero_line_final_space(): the last glyph unless it shares a cluster. */
  if (glyphs->num_glyphs >= 1 &&
      !(glyphs->num_glyphs >= 2 &&
        glyphs->log_clusters[last] == glyphs->log_clusters[last + (level % 2 ? 1 : -1)]))
    piece.width_without_final_space -= glyphs->glyphs[last].geometry.width;

  return piece;
}

/* What pango_layout's shape_run() gives for these characters of the item. */
static Piece
breaker_shape (Breaker   *self,
               BreakItem *item,
               int        start,
               int        n_chars,
               guint      flags)
{
  PangoItem *piece = item->piece;
  const char *text = self->text + self->index[start];
  gsize length = self->index[start + n_chars] - self->index[start];
  gboolean memoize = item->memoize && !g_unichar_ismark (g_utf8_get_char (text));
  PieceKey key = {
    piece->analysis.font, piece->analysis.language, item->features,
    ((guint) piece->analysis.script << 12) | ((guint) (piece->analysis.level % 2) << 11) |
      ((guint) piece->analysis.gravity << 8) | (self->shape_flags ? 1u << 7 : 0) | flags,
    text, length,
  };
  PangoGlyphString *glyphs;
  Piece *found;
  Piece shaped;

  if (memoize && memo != NULL && (found = g_hash_table_lookup (memo, &key)) != NULL)
    return *found;

  piece->offset = self->index[start];
  piece->length = (int) length;
  piece->num_chars = n_chars;
  piece->analysis.flags = flags;
  glyphs = pango_glyph_string_new ();
  pango_shape_item (piece, self->text, self->length, (PangoLogAttr *) self->attrs + start,
                    glyphs, self->shape_flags);
  shaped = piece_of_glyphs (glyphs, piece->analysis.level);
  pango_glyph_string_free (glyphs);

  if (memoize)
    {
      PieceKey *stored = g_new (PieceKey, 1);

      if (memo == NULL || g_hash_table_size (memo) >= MEMO_MAX_ENTRIES)
        {
          g_clear_pointer (&memo, g_hash_table_unref);
          g_clear_pointer (&memo_fonts, g_hash_table_unref);
          memo = g_hash_table_new_full (piece_key_hash, piece_key_equal, piece_key_free, g_free);
          memo_fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
        }
      if (!g_hash_table_contains (memo_fonts, key.font))
        g_hash_table_add (memo_fonts, g_object_ref (key.font));
      *stored = key;
      stored->text = g_memdup2 (text, length);
      g_hash_table_insert (memo, stored, g_memdup2 (&shaped, sizeof shaped));
    }

  return shaped;
}

static gboolean
can_break_at (Breaker       *self,
              int            offset,
              PangoWrapMode  wrap)
{
  if (offset == self->n_chars)
    return TRUE;
  else if (wrap == PANGO_WRAP_CHAR)
    return self->attrs[offset].is_char_break;
  else
    return self->attrs[offset].is_line_break;
}

static gboolean
can_break_in (Breaker  *self,
              int       start_offset,
              int       n_chars,
              gboolean  allow_break_at_start)
{
  for (int i = allow_break_at_start ? 0 : 1; i < n_chars; i++)
    if (can_break_at (self, start_offset + i, PANGO_WRAP_WORD_CHAR))
      return TRUE;

  return FALSE;
}

static void
ensure_hyphen_width (Breaker *self)
{
  PangoFont *font = self->items[self->item].run->item->analysis.font;
  hb_font_t *hb_font;
  hb_codepoint_t glyph;

  if (self->hyphen_width >= 0)
    return;

  self->hyphen_width = 0;
  if (font == NULL)
    return;
  hb_font = pango_font_get_hb_font (font);
  if (hb_font_get_nominal_glyph (hb_font, 0x2010, &glyph) ||
      hb_font_get_nominal_glyph (hb_font, '-', &glyph))
    self->hyphen_width = hb_font_get_glyph_h_advance (hb_font, glyph);
}

/* find_break_extra_width(): a hyphen to add, or a space to drop, at a break before
 * the character @pos of the item's rest. */
static int
find_break_extra_width (Breaker *self,
                        int      pos)
{
  BreakItem *item = &self->items[self->item];
  int offset = self->start_offset + pos;

  if (self->attrs[offset].break_inserts_hyphen)
    {
      ensure_hyphen_width (self);
      return self->hyphen_width;
    }
  else if (pos > 0 && self->attrs[offset - 1].is_white)
    return -item->log_widths[self->done + pos - 1];

  return 0;
}

static int
item_safe_distance (BreakItem *item)
{
  if (item->safe_distance < 0)
    {
      PangoFontMetrics *metrics = pango_font_get_metrics (item->run->item->analysis.font,
                                                          item->run->item->analysis.language);

      item->safe_distance = pango_font_metrics_get_approximate_char_width (metrics) * 3;
      pango_font_metrics_unref (metrics);
    }

  return item->safe_distance;
}

static void
line_add_run (BreakLine *line,
              BreakItem *item,
              int        start,
              int        n_chars,
              guint      flags,
              Piece      piece)
{
  line->width += piece.width;
  line->n_runs++;
  line->n_chars += n_chars;
  line->last_item = item;
  line->last_start = start;
  line->last_n_chars = n_chars;
  line->last_flags = flags;
  line->last_piece = piece;
}

static void
breaker_next_item (Breaker *self)
{
  self->start_offset = self->items[self->item].start + self->items[self->item].n_chars;
  self->item++;
  self->done = 0;
  self->shaped = FALSE;
}

/* process_item() of pango-layout.c with nothing left of the line's width. */
static BreakResult
breaker_process_item (Breaker   *self,
                      BreakLine *line,
                      gboolean   force_fit,
                      gboolean   is_last_item)
{
  BreakItem *item = &self->items[self->item];
  int n = item->n_chars - self->done;
  int offset = self->start_offset;
  int width, extra_width, orig_width, orig_extra_width;
  int break_num_chars, break_width, break_extra_width, safe_distance;
  guint break_flags = 0;
  gboolean have_break_piece = FALSE;
  Piece break_piece = { 0, 0 };
  PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR;

  if (!self->shaped)
    {
      self->shaped = TRUE;
      width = pango_glyph_string_get_width (item->run->glyphs);
    }
  else
    {
      width = 0;
      for (int i = 0; i < n; i++)
        width += item->log_widths[self->done + i];
    }

  extra_width = can_break_at (self, offset + n, wrap) ? find_break_extra_width (self, n) : 0;

  if (width + extra_width <= 0 || (n == 1 && line->n_runs == 0))
    {
      Piece piece = breaker_shape (self, item, offset, n, item->flags);

      if (piece.width + extra_width <= 0 || (n == 1 && line->n_runs == 0))
        {
          line_add_run (line, item, offset, n, item->flags, piece);
          breaker_next_item (self);
          return BREAK_ALL_FIT;
        }
    }

  orig_width = width;
  orig_extra_width = extra_width;
  break_width = width;
  break_extra_width = extra_width;
  break_num_chars = n;
  safe_distance = item_safe_distance (item);

retry_break:
  width = 0;
  for (int k = 0; k < n + 1; k++)
    {
      extra_width = find_break_extra_width (self, k);

      if (MIN (width + extra_width, width) > safe_distance && break_num_chars < n)
        break;

      if (can_break_at (self, offset + k, wrap) && (k > 0 || line->n_runs > 0))
        {
          if (k == 0)
            {
              break_num_chars = 0;
              break_width = width;
              break_extra_width = extra_width;
            }
          else if (width + extra_width < -safe_distance)
            {
              /* Never with a width of 0 to fill and no negative widths. */
              return BREAK_GIVE_UP;
            }
          else
            {
              gboolean hyphen = self->attrs[offset + k].break_inserts_hyphen ||
                                self->attrs[offset + k].break_removes_preceding;
              guint flags = item->flags;
              Piece piece;

              if (k < n)
                flags = hyphen ? flags | PANGO_ANALYSIS_FLAG_NEED_HYPHEN
                               : flags & ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
              piece = breaker_shape (self, item, offset, k, flags);

              if ((k < n || !is_last_item) && self->attrs[offset + k - 1].is_white)
                extra_width = -item->log_widths[self->done + k - 1];
              else if (k == n && !is_last_item && hyphen)
                extra_width = self->hyphen_width;
              else
                extra_width = 0;

              if (break_num_chars == n || piece.width + extra_width <= 0 ||
                  piece.width + extra_width < break_width + break_extra_width)
                {
                  break_num_chars = k;
                  break_width = piece.width;
                  break_extra_width = extra_width;
                  break_piece = piece;
                  break_flags = flags;
                  have_break_piece = TRUE;
                }
            }
        }

      if (k < n)
        width += item->log_widths[self->done + k];
    }

  if (wrap == PANGO_WRAP_WORD_CHAR && force_fit && break_width + break_extra_width > 0)
    {
      /* Again, breaking between any two characters. */
      wrap = PANGO_WRAP_CHAR;
      break_num_chars = n;
      break_width = orig_width;
      break_extra_width = orig_extra_width;
      have_break_piece = FALSE;
      goto retry_break;
    }

  /* Pango backs up to an earlier break then: not followed here (never seen at
   * width 0). */
  if (!force_fit && break_width + break_extra_width > 0)
    return BREAK_GIVE_UP;

  if (break_num_chars == n)
    {
      Piece piece;

      if (can_break_at (self, offset + n, wrap) &&
          (self->attrs[offset + n].break_inserts_hyphen ||
           self->attrs[offset + n].break_removes_preceding))
        item->flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;

      /* The item's first shaping serves if it is placed whole and as it was. */
      if (self->done == 0 && !(item->flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN))
        piece = piece_of_glyphs (item->run->glyphs, item->run->item->analysis.level);
      else
        piece = breaker_shape (self, item, offset, n, item->flags);
      line_add_run (line, item, offset, n, item->flags, piece);
      breaker_next_item (self);
      return BREAK_ALL_FIT;
    }
  else if (break_num_chars == 0)
    return BREAK_EMPTY_FIT;
  else if (!have_break_piece)
    return BREAK_GIVE_UP;

  line_add_run (line, item, offset, break_num_chars, break_flags, break_piece);
  self->done += break_num_chars;
  self->start_offset += break_num_chars;
  return BREAK_SOME_FIT;
}

/* process_line() and the line's width after pango_layout_line_postprocess(), or -1
 * to give up. */
static int
breaker_process_line (Breaker *self)
{
  BreakLine line = { 0, };
  int line_start = self->start_offset;
  gboolean have_break = FALSE;
  gboolean wrapped = FALSE;

  while (self->item < self->n_items)
    {
      BreakItem *item = &self->items[self->item];
      int old_start = self->start_offset;
      int old_n_chars = item->n_chars - self->done;
      gboolean first_item_in_line = line.n_runs == 0;
      gboolean last_item_in_line = self->item + 1 == self->n_items;
      BreakResult result = breaker_process_item (self, &line, !have_break, last_item_in_line);

      if (result == BREAK_GIVE_UP)
        return -1;
      if (result != BREAK_ALL_FIT)
        {
          wrapped = TRUE;
          break;
        }
      if (can_break_in (self, old_start, old_n_chars, !first_item_in_line))
        have_break = TRUE;
    }

  if (line.n_runs == 0)
    return -1;

  /* add_missing_hyphen() */
  if (self->attrs[line_start + line.n_chars].break_inserts_hyphen &&
      !(line.last_flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN))
    {
      Piece piece = breaker_shape (self, line.last_item, line.last_start, line.last_n_chars,
                                   line.last_flags | PANGO_ANALYSIS_FLAG_NEED_HYPHEN);

      line.width += piece.width - line.last_piece.width;
      line.last_piece = piece;
    }

  /* zero_line_final_space() */
  if (wrapped && self->start_offset > 0 && self->attrs[self->start_offset - 1].is_white)
    line.width -= line.last_piece.width - line.last_piece.width_without_final_space;

  return line.width;
}

static const char *
item_features (PangoItem *item,
               gboolean  *handled)
{
  const char *features = NULL;

  *handled = TRUE;
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      switch ((int) attr->klass->type)
        {
        /* What only draws. */
        case PANGO_ATTR_FOREGROUND:
        case PANGO_ATTR_BACKGROUND:
        case PANGO_ATTR_UNDERLINE:
        case PANGO_ATTR_UNDERLINE_COLOR:
        case PANGO_ATTR_STRIKETHROUGH:
        case PANGO_ATTR_STRIKETHROUGH_COLOR:
        case PANGO_ATTR_OVERLINE:
        case PANGO_ATTR_OVERLINE_COLOR:
        case PANGO_ATTR_FOREGROUND_ALPHA:
        case PANGO_ATTR_BACKGROUND_ALPHA:
          break;

        case PANGO_ATTR_FONT_FEATURES:
          if (features != NULL)
            *handled = FALSE;
          features = g_intern_string (((PangoAttrFontFeatures *) attr)->features);
          break;

        default:
          *handled = FALSE;
        }
    }

  return features;
}

/* Scripts whose shaping looks at nothing outside the piece shaped. */
static gboolean
script_shapes_alone (GUnicodeScript script)
{
  switch ((int) script)
    {
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_GREEK:
    case G_UNICODE_SCRIPT_CYRILLIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return TRUE;

    default:
      return FALSE;
    }
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const BreakItem *item_a = a;
  const BreakItem *item_b = b;

  return item_a->run->item->offset - item_b->run->item->offset;
}

static gboolean
breaker_init (Breaker     *self,
              PangoLayout *unwrapped)
{
  PangoLayoutLine *line;
  GSList *runs;
  int n_attrs;
  int offset = 0;
  const char *p;
  int i;

  if (pango_layout_get_line_count (unwrapped) != 1 || pango_layout_get_width (unwrapped) != -1 ||
      pango_layout_get_wrap (unwrapped) != PANGO_WRAP_WORD_CHAR ||
      pango_layout_get_justify (unwrapped) || pango_layout_get_indent (unwrapped) != 0 ||
      pango_layout_get_ellipsize (unwrapped) != PANGO_ELLIPSIZE_NONE)
    return FALSE;

  self->text = pango_layout_get_text (unwrapped);
  self->length = (int) strlen (self->text);
  /* Tabs, line separators and hyphenation points. */
  if (strchr (self->text, '\t') != NULL || strstr (self->text, "\xe2\x80\xa8") != NULL ||
      strstr (self->text, "\xe2\x80\xa7") != NULL)
    return FALSE;

  self->attrs = pango_layout_get_log_attrs_readonly (unwrapped, &n_attrs);
  self->n_chars = n_attrs - 1;
  self->index = g_new (int, self->n_chars + 1);
  for (p = self->text, i = 0; i < self->n_chars; p = g_utf8_next_char (p), i++)
    self->index[i] = (int) (p - self->text);
  self->index[self->n_chars] = self->length;
  self->shape_flags = pango_context_get_round_glyph_positions (pango_layout_get_context (unwrapped))
                        ? PANGO_SHAPE_ROUND_POSITIONS : PANGO_SHAPE_NONE;

  line = pango_layout_get_line_readonly (unwrapped, 0);
  runs = line->runs;
  self->n_items = g_slist_length (runs);
  self->items = g_new0 (BreakItem, self->n_items);
  for (i = 0; runs != NULL; runs = runs->next, i++)
    self->items[i].run = runs->data;
  /* The line's runs are in visual order. */
  if (self->n_items > 1)
    qsort (self->items, self->n_items, sizeof (BreakItem), compare_runs);

  for (guint j = 0; j < self->n_items; j++)
    {
      BreakItem *item = &self->items[j];
      PangoItem *pango_item = item->run->item;
      gboolean handled;

      if (offset + pango_item->num_chars > self->n_chars ||
          pango_item->offset != self->index[offset] || pango_item->analysis.font == NULL)
        return FALSE;
      item->features = item_features (pango_item, &handled);
      if (!handled)
        return FALSE;
      item->start = offset;
      item->n_chars = pango_item->num_chars;
      item->flags = pango_item->analysis.flags;
      item->safe_distance = -1;
      item->memoize = script_shapes_alone (pango_item->analysis.script);
      item->piece = pango_item_copy (pango_item);
      item->log_widths = g_new (int, item->n_chars);
      pango_glyph_item_get_logical_widths (item->run, self->text, item->log_widths);
      offset += item->n_chars;
    }

  if (offset != self->n_chars)
    return FALSE;

  self->item = 0;
  self->done = 0;
  self->shaped = FALSE;
  self->start_offset = 0;
  self->hyphen_width = -1;
  return TRUE;
}

static void
breaker_clear (Breaker *self)
{
  for (guint i = 0; i < self->n_items; i++)
    {
      g_clear_pointer (&self->items[i].piece, pango_item_free);
      g_free (self->items[i].log_widths);
    }
  g_free (self->items);
  g_free (self->index);
}

int
limber_text_layout_get_narrowest_width (PangoLayout *unwrapped)
{
  Breaker breaker = { 0, };
  int widest = 0;

  g_return_val_if_fail (PANGO_IS_LAYOUT (unwrapped), -1);

  if (!breaker_init (&breaker, unwrapped))
    {
      breaker_clear (&breaker);
      return -1;
    }

  /* The lines of one paragraph all start at the same edge: the widest makes the
   * layout's width. */
  while (breaker.item < breaker.n_items)
    {
      int width = breaker_process_line (&breaker);

      if (width < 0)
        {
          widest = -1;
          break;
        }
      widest = MAX (widest, width);
    }

  breaker_clear (&breaker);
  return widest;
}
