/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-text"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "limber-text.h"
#include "limber-text-narrowest.h"
#include "limber-text-row.h"
#include "limber-title-layout.h"
#include "limber-test-fixture.h"

/* LimberText stands in for GtkLabel on the patient's page: it must ask for the same
 * sizes at every width and draw the same pixels, or the page would look different. */

static const char *const texts[] = {
  "Pain (0–10)",
  "6 → 3 points",
  "−3 (−50%)",
  "Goal: 20 % — 6 % to go, expected around 12 Apr 2026",
  "Normal: 180°, within the normal range",
  "Neck Disability Index",
  "Shoulder Pain and Disability Index (SPADI), right",
  "since 10 Nov 2026 · Neck · 5 of 6 planned sessions · in progress",
  "Sam Okafor · Pain 3 points · Neck Disability Index 26 % · Cervical extension 36° · 2 more",
  "Supercalifragilisticexpialidociousness-of-a-measure",
  "Schmerz · Oswestry-Behinderungsindex 32 % · 5 weitere",
  "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
  "שלום עולם, כאב 3 מתוך 10",
  "1234567890 (−12.5%) «…» 日本語の痛み 👍🏽 😀",
  "",
};

static const char *const style_classes[] = { NULL, "heading", "title-3", "caption", "dim-label" };

typedef struct
{
  GtkWidget *window;
  GtkWidget *label;
  GtkWidget *text;
} Pair;

static void
pair_init (Pair       *pair,
           const char *string,
           const char *css_class,
           gboolean    wrap,
           int         max_width_chars)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  pair->window = gtk_window_new ();
  pair->label = gtk_label_new (string);
  gtk_label_set_xalign (GTK_LABEL (pair->label), 0);
  gtk_label_set_wrap (GTK_LABEL (pair->label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (pair->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (pair->label), max_width_chars);

  pair->text = limber_text_new (string);
  limber_text_set_xalign (LIMBER_TEXT (pair->text), 0);
  limber_text_set_wrap (LIMBER_TEXT (pair->text), wrap);
  limber_text_set_max_width_chars (LIMBER_TEXT (pair->text), max_width_chars);

  if (css_class != NULL)
    {
      gtk_widget_add_css_class (pair->label, css_class);
      gtk_widget_add_css_class (pair->text, css_class);
    }

  gtk_box_append (GTK_BOX (box), pair->label);
  gtk_box_append (GTK_BOX (box), pair->text);
  gtk_window_set_child (GTK_WINDOW (pair->window), box);
  gtk_window_present (GTK_WINDOW (pair->window));
  limber_test_drain_main_loop ();
}

static void
pair_clear (Pair *pair)
{
  gtk_window_destroy (GTK_WINDOW (pair->window));
  limber_test_drain_main_loop ();
}

static void
assert_same_measure (Pair           *pair,
                     GtkOrientation  orientation,
                     int             for_size)
{
  int label[4], text[4];

  gtk_widget_measure (pair->label, orientation, for_size, &label[0], &label[1], &label[2],
                      &label[3]);
  gtk_widget_measure (pair->text, orientation, for_size, &text[0], &text[1], &text[2],
                      &text[3]);
  for (guint i = 0; i < G_N_ELEMENTS (label); i++)
    if (label[i] != text[i])
      g_error ("“%s” (%s for %d): GtkLabel %d %d %d %d, LimberText %d %d %d %d",
               gtk_label_get_label (GTK_LABEL (pair->label)),
               orientation == GTK_ORIENTATION_HORIZONTAL ? "width" : "height", for_size,
               label[0], label[1], label[2], label[3], text[0], text[1], text[2], text[3]);
}

static void
test_text_measures_as_label (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (guint c = 0; c < G_N_ELEMENTS (style_classes); c++)
      for (int variant = 0; variant < 3; variant++)
        {
          gboolean wrap = variant > 0;
          int max_width_chars = variant == 2 ? 18 : -1;
          Pair pair;

          pair_init (&pair, texts[t], style_classes[c], wrap, max_width_chars);
          g_assert_cmpint (gtk_widget_get_request_mode (pair.text), ==,
                           gtk_widget_get_request_mode (pair.label));
          assert_same_measure (&pair, GTK_ORIENTATION_HORIZONTAL, -1);
          assert_same_measure (&pair, GTK_ORIENTATION_VERTICAL, -1);
          for (int width = 1; width < 420; width += 3)
            assert_same_measure (&pair, GTK_ORIENTATION_VERTICAL, width);
          pair_clear (&pair);
        }
}

static GBytes *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  guchar *pixels;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

static void
on_after_paint_cb (gboolean *painted)
{
  *painted = TRUE;
}

/* A window of this width showing only the widget, drawn. The widget is in a column
 * that never asks its width for a height, as on the patient's page. */
static GBytes *
draw_alone (GtkWidget *widget,
            int        width,
            gboolean   on_baseline)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GBytes *pixels;
  gboolean painted = FALSE;

  gtk_widget_set_layout_manager (column, limber_title_layout_new (0));
  if (on_baseline)
    {
      /* Beside a larger text, on one baseline, as a measure's change beside its values
       * (each in a column of its own, which asks no width for a height). */
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *beside = gtk_label_new ("8 → 2");
      GtkWidget *part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_add_css_class (beside, "title-3");
      gtk_box_append (GTK_BOX (line), beside);
      gtk_widget_set_layout_manager (part, limber_title_layout_new (0));
      gtk_widget_set_valign (part, GTK_ALIGN_BASELINE);
      gtk_box_append (GTK_BOX (part), widget);
      gtk_box_append (GTK_BOX (line), part);
      gtk_box_append (GTK_BOX (column), line);
    }
  else
    gtk_box_append (GTK_BOX (column), widget);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_window_set_child (GTK_WINDOW (window), column);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (gtk_widget_get_frame_clock (window), "after-paint",
                            G_CALLBACK (on_after_paint_cb), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), &painted);

  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  pixels = render_window (window);
  gtk_window_destroy (GTK_WINDOW (window));
  return pixels;
}

static gboolean
all_the_same (GBytes *pixels)
{
  gsize size;
  const guint32 *data = g_bytes_get_data (pixels, &size);

  for (gsize i = 1; i < size / 4; i++)
    if (data[i] != data[0])
      return FALSE;

  return TRUE;
}

/* Each alone in a window of each width, and beside a text on one baseline, drawn
 * alike. */
static void
test_text_draws_as_label (void)
{
  static const int widths[] = { 360, 180, 90, 41 };

  /* Every other text: each window takes a frame or two to draw. */
  for (guint t = 0; t < G_N_ELEMENTS (texts); t += 2)
    for (guint c = 0; c < G_N_ELEMENTS (style_classes); c++)
      for (guint w = 0; w < G_N_ELEMENTS (widths) * 2; w++)
        {
          gboolean on_baseline = w >= G_N_ELEMENTS (widths);
          int width = widths[w % G_N_ELEMENTS (widths)];

          /* The text beside needs more than the narrowest width. */
          if (on_baseline && width < 100)
            continue;
          GtkWidget *label = gtk_label_new (texts[t]);
          GtkWidget *text = limber_text_new (texts[t]);
          g_autoptr(GBytes) label_pixels = NULL;
          g_autoptr(GBytes) text_pixels = NULL;

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          limber_text_set_wrap (LIMBER_TEXT (text), TRUE);
          limber_text_set_xalign (LIMBER_TEXT (text), 0);
          if (style_classes[c] != NULL)
            {
              gtk_widget_add_css_class (label, style_classes[c]);
              gtk_widget_add_css_class (text, style_classes[c]);
            }

          label_pixels = draw_alone (label, width, on_baseline);
          text_pixels = draw_alone (text, width, on_baseline);
          if (texts[t][0] != '\0')
            g_assert_false (all_the_same (label_pixels));
          if (!g_bytes_equal (label_pixels, text_pixels))
            g_error ("“%s” with %s at %d px%s: LimberText draws other pixels than GtkLabel",
                     texts[t], style_classes[c] != NULL ? style_classes[c] : "no class", width,
                     on_baseline ? " on a baseline" : "");
        }
}

/* A row in a boxed list, drawn. */
static GBytes *
draw_row (GtkWidget *row,
          int        width)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return draw_alone (list, width, FALSE);
}

/* A LimberTextRow looks as the AdwActionRow it stands in for. */
static void
test_text_row_draws_as_action_row (void)
{
  static const int widths[] = { 600, 360 };

  for (guint t = 0; t + 1 < G_N_ELEMENTS (texts); t++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        GtkWidget *action_row = adw_action_row_new ();
        GtkWidget *text_row = limber_text_row_new (texts[t], texts[t + 1]);
        g_autoptr(GBytes) action_pixels = NULL;
        g_autoptr(GBytes) text_pixels = NULL;

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), texts[t]);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), texts[t + 1]);
        adw_action_row_add_prefix (ADW_ACTION_ROW (action_row),
                                   gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                                   gtk_image_new_from_icon_name ("go-next-symbolic"));
        limber_text_row_add_prefix (LIMBER_TEXT_ROW (text_row),
                                    gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
        limber_text_row_add_suffix (LIMBER_TEXT_ROW (text_row),
                                    gtk_image_new_from_icon_name ("go-next-symbolic"));
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (text_row)), ==,
                         texts[t]);
        g_assert_cmpstr (limber_text_row_get_subtitle (LIMBER_TEXT_ROW (text_row)), ==,
                         texts[t + 1]);

        action_pixels = draw_row (action_row, widths[w]);
        text_pixels = draw_row (text_row, widths[w]);
        if (!g_bytes_equal (action_pixels, text_pixels))
          g_error ("“%s”, “%s” at %d px: LimberTextRow draws other pixels than AdwActionRow",
                   texts[t], texts[t + 1], widths[w]);
      }
}

/* Texts for the narrowest width, each with whether the shortcut must follow it
 * (rather than leave it to a layout at width 0). */
static const struct
{
  const char *text;
  gboolean    followed;
} narrow_texts[] = {
  { "Pneumonoultramicroscopicsilicovolcanoconiosis", TRUE },
  { "A word longer than any line: Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz", TRUE },
  { "Schulter-Arm-Syndrom, Halswirbelsäule C5–C7", TRUE },
  { "1234567890 0,25 −12.5% 3/10 36° 2026-11-30 12:45", TRUE },
  { "(«»)…—–!?;: [x] {y} “z” ‚q‘ #1 @2 &3 *4 /5 \\6", TRUE },
  { "Ii il lI ff fi fl ffi Wa Te To AV", TRUE },
  { "Ευχαριστώ πολύ για τη θεραπεία", TRUE },
  { "Шкала боли в шее: 3 балла", TRUE },
  { "日本語のテキストです、痛みは三です。", TRUE },
  { "שלום עולם, כאב 3 מתוך 10", TRUE },
  { "Pain שלום 3 (כאב) ok", TRUE },
  { "مرحبا بالعالم، الألم ٣ من ١٠", TRUE },
  { "नमस्ते दुनिया दर्द", TRUE },
  { "👍🏽 emoji 👨‍👩‍👧 ok 🇩🇪🇪🇸 ❤️", TRUE },
  { "e\u0301te\u0301 a\u0308 n\u0303o Zoë Ångström", TRUE },
  { "Physio\u00adtherapie und Chiro\u00adpraktik", TRUE },
  { "20\u00a0% und 5\u00a0mm, 10\u202fkg", TRUE },
  { "a  b   c    d", TRUE },
  { " leading and trailing ", TRUE },
  { "x", TRUE },
  { "", TRUE },
  { "Two\nparagraphs", FALSE },
  { "A\ttab", FALSE },
};

static PangoLayout *
create_unwrapped_layout (GtkWidget  *widget,
                         const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* The narrowest width found from the unwrapped layout, or -1; checked against the
 * layout at width 0. */
static int
assert_narrowest_as_pango (GtkWidget  *widget,
                           const char *text)
{
  g_autoptr(PangoLayout) unwrapped = create_unwrapped_layout (widget, text);
  g_autoptr(PangoLayout) narrowest = pango_layout_copy (unwrapped);
  PangoRectangle logical;
  int width;

  pango_layout_set_width (narrowest, 0);
  pango_layout_get_extents (narrowest, NULL, &logical);
  width = limber_text_layout_get_narrowest_width (unwrapped);
  if (width >= 0 && width != logical.width)
    g_error ("“%s” (%s, %s): narrowest %d, at width 0 Pango has %d", text,
             gtk_widget_get_css_classes (widget)[0] != NULL
               ? gtk_widget_get_css_classes (widget)[0] : "no class",
             gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? "RTL" : "LTR",
             width, logical.width);
  return width;
}

/* The narrowest width, found without laying the text out at width 0, is that
 * layout's, for every kind of text, in each font and direction; the texts it does
 * not follow are left to that layout. */
static void
test_text_narrowest_as_pango (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_child (GTK_WINDOW (window), box);
  for (guint c = 0; c < G_N_ELEMENTS (style_classes); c++)
    {
      GtkWidget *text = limber_text_new (NULL);

      if (style_classes[c] != NULL)
        gtk_widget_add_css_class (text, style_classes[c]);
      gtk_box_append (GTK_BOX (box), text);
    }
  gtk_window_present (GTK_WINDOW (window));
  limber_test_drain_main_loop ();

  for (GtkWidget *text = gtk_widget_get_first_child (box); text != NULL;
       text = gtk_widget_get_next_sibling (text))
    for (int rtl = 0; rtl < 2; rtl++)
      {
        gtk_widget_set_direction (text, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
        for (guint t = 0; t < G_N_ELEMENTS (narrow_texts); t++)
          {
            int width = assert_narrowest_as_pango (text, narrow_texts[t].text);

            if (narrow_texts[t].followed)
              g_assert_cmpint (width, >=, 0);
            else
              g_assert_cmpint (width, ==, -1);
          }
      }

  gtk_window_destroy (GTK_WINDOW (window));
  limber_test_drain_main_loop ();
}

/* The same for texts put together at random from pieces that make Pango break
 * differently: narrow and wide letters, spaces, hyphens, marks, other scripts. */
static void
test_text_narrowest_as_pango_at_random (void)
{
  static const char *const pieces[] = {
    "a", "b", "W", "i", "l", "f", "fi", "T", "o", " ", "  ", "-", "—", "·", "→", "(", ")",
    "0", "1", "7", "%", ",", ".", "é", "e\u0301", "Ω", "Ж", "ש", "ם", "م", "ل", "日", "の",
    "👍", "👍🏽", "\u00a0", "\u00ad", "ß", "\u2011", "/", "Straße", "Index", "36°",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *text = limber_text_new (NULL);
  guint followed = 0;

  gtk_window_set_child (GTK_WINDOW (window), text);
  gtk_window_present (GTK_WINDOW (window));
  limber_test_drain_main_loop ();

  for (guint i = 0; i < 1500; i++)
    {
      g_autoptr(GString) string = g_string_new (NULL);
      int n_pieces = g_rand_int_range (rand, 1, 24);

      gtk_widget_set_direction (text, i % 5 == 0 ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      for (int p = 0; p < n_pieces; p++)
        g_string_append (string, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (assert_narrowest_as_pango (text, string->str) >= 0)
        followed++;
    }
  /* All but a few: the shortcut gives up only on what it cannot follow. */
  g_assert_cmpuint (followed, >=, 1400);

  gtk_window_destroy (GTK_WINDOW (window));
  limber_test_drain_main_loop ();
}

/* Screen readers read the text as they read a label's. */
static void
test_text_is_a_label_for_screen_readers (void)
{
  GtkWidget *text = g_object_ref_sink (limber_text_new ("Pain (0–10)"));

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);
  g_assert_cmpstr (limber_text_get_text (LIMBER_TEXT (text)), ==, "Pain (0–10)");
  limber_text_set_text (LIMBER_TEXT (text), NULL);
  g_assert_cmpstr (limber_text_get_text (LIMBER_TEXT (text)), ==, "");
  g_object_unref (text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display to open windows on (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/text/measures-as-label", test_text_measures_as_label);
  g_test_add_func ("/text/narrowest-as-pango", test_text_narrowest_as_pango);
  g_test_add_func ("/text/narrowest-as-pango-at-random", test_text_narrowest_as_pango_at_random);
  g_test_add_func ("/text/draws-as-label", test_text_draws_as_label);
  g_test_add_func ("/text/is-a-label-for-screen-readers", test_text_is_a_label_for_screen_readers);
  g_test_add_func ("/text/row-draws-as-action-row", test_text_row_draws_as_action_row);

  return g_test_run ();
}
