/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber-bench-window"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "limber-application.h"
#include "limber-window-private.h"

/* The window's figures for `make bench`, run by bench-clinic once per measurement so
 * that each start is a cold start of its own process:
 *
 *   bench-window --database FILE            the first frame and resident memory
 *   bench-window --database FILE --interact also patient switches and search typing
 *
 * It prints "first-frame USEC" (the monotonic clock at the end of the first frame
 * the window paints; the caller knows when it started the process), "rss-kb N", and
 * with --interact one "switch MS CPU_MS" line per patient switch and one
 * "key MS CPU_MS MAIN_MS" line per keystroke: the time from the change to the end
 * of the frame that shows it, the processor time the program spent meanwhile, which
 * says how much of the time was waiting for a busy machine, and the part of it
 * spent by the main thread, which draws. A keystroke is shown
 * once the list holds the patients the new text finds, which the window reads in
 * a thread. */

#define DEFAULT_SWITCHES 60
/* Between two measured changes, so that each frame starts from an idle clock. */
#define PAUSE_MS         60
/* What a receptionist types: a surname and a chart number. */
static const char *const typed_words[] = { "Müller", "10423", "Sofia Ko" };

typedef enum
{
  WAIT_NONE,
  WAIT_FIRST_FRAME,
  WAIT_SWITCH,
  WAIT_KEY,
  WAIT_CLEAR,     /* for the cleared search to show everyone, unmeasured */
} Waiting;

typedef struct
{
  GApplication  *app;
  LimberWindow  *window;
  GdkFrameClock *clock;
  gboolean       interact;
  Waiting        waiting;
  gboolean       change_done;   /* the change is applied: the next frame shows it */
  gint64         change_start;
  double         change_cpu_start;
  double         change_main_cpu_start;
  guint          n_switches;
  guint          step;
  guint          word;
  guint          letter;
} Bench;

static Bench bench;

static void next_step (void);

static double
cpu_ms (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static glong
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static gboolean
on_pause_over_cb (gpointer user_data)
{
  next_step ();
  return G_SOURCE_REMOVE;
}

static void
pause_then_next (void)
{
  g_timeout_add (PAUSE_MS, on_pause_over_cb, NULL);
}

static gboolean
on_rss_settled_cb (gpointer user_data)
{
  printf ("rss-kb %ld\n", read_rss_kb ());
  fflush (stdout);
  if (bench.interact)
    next_step ();
  else
    g_application_quit (bench.app);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  switch (bench.waiting)
    {
    case WAIT_NONE:
      return;

    case WAIT_FIRST_FRAME:
      bench.waiting = WAIT_NONE;
      printf ("first-frame %" G_GINT64_FORMAT "\n", now);
      fflush (stdout);
      /* Whatever the first frames allocate, measured once they are done. */
      g_timeout_add (500, on_rss_settled_cb, NULL);
      return;

    case WAIT_CLEAR:
      return;

    case WAIT_SWITCH:
    case WAIT_KEY:
      if (!bench.change_done)
        return;
      printf ("%s %.2f %.2f %.2f\n", bench.waiting == WAIT_SWITCH ? "switch" : "key",
              (now - bench.change_start) / 1000.0,
              cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - bench.change_cpu_start,
              cpu_ms (CLOCK_THREAD_CPUTIME_ID) - bench.change_main_cpu_start);
      bench.waiting = WAIT_NONE;
      pause_then_next ();
      return;
    }
}

/* The list shows what the search entry says. */
static void
check_search_shown (void)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (bench.window->search_entry));
  const char *shown = limber_patient_list_get_search (bench.window->patients);

  if (g_strcmp0 (shown != NULL ? shown : "", text) != 0)
    return;

  if (bench.waiting == WAIT_KEY && !bench.change_done)
    {
      bench.change_done = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (bench.window));
    }
  else if (bench.waiting == WAIT_CLEAR)
    {
      bench.waiting = WAIT_NONE;
      pause_then_next ();
    }
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      gpointer        user_data)
{
  check_search_shown ();
}

static void
on_search_shown_cb (LimberPatientList *patients,
                    GParamSpec        *pspec,
                    gpointer           user_data)
{
  check_search_shown ();
}

static void
start_change (Waiting waiting)
{
  bench.waiting = waiting;
  bench.change_done = FALSE;
  bench.change_start = g_get_monotonic_time ();
  bench.change_cpu_start = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  bench.change_main_cpu_start = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
}

static gboolean
switch_patient (void)
{
  GListModel *patients = G_LIST_MODEL (bench.window->selection);
  guint n = g_list_model_get_n_items (patients);

  if (bench.step >= bench.n_switches || n == 0)
    return FALSE;

  /* Spread over the whole clinic, not the first screenful only. */
  start_change (WAIT_SWITCH);
  gtk_single_selection_set_selected (bench.window->selection,
                                     (guint) ((guint64) bench.step * n / bench.n_switches + bench.step % 7) % n);
  bench.change_done = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (bench.window));
  bench.step++;
  return TRUE;
}

static gboolean
type_letter (void)
{
  GtkEditable *entry = GTK_EDITABLE (bench.window->search_entry);
  const char *word;
  const char *letter;
  const char *end;
  int position;

  if (bench.word >= G_N_ELEMENTS (typed_words))
    return FALSE;

  word = typed_words[bench.word];
  letter = word;
  for (guint i = 0; i < bench.letter && *letter != '\0'; i++)
    letter = g_utf8_next_char (letter);
  end = g_utf8_next_char (letter);

  /* One more letter at the end, as a key press adds it. */
  position = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);
  start_change (WAIT_KEY);
  gtk_editable_insert_text (entry, letter, end - letter, &position);

  if (*end == '\0')
    {
      bench.word++;
      bench.letter = 0;
    }
  else
    {
      bench.letter++;
    }
  return TRUE;
}

static void
next_step (void)
{
  if (switch_patient ())
    return;

  if (bench.letter == 0 && bench.word > 0 && bench.word <= G_N_ELEMENTS (typed_words))
    {
      /* Between words the search is cleared, unmeasured, as a user selects all and
       * types over it. */
      GtkEditable *entry = GTK_EDITABLE (bench.window->search_entry);

      if (gtk_editable_get_text (entry)[0] != '\0')
        {
          bench.waiting = WAIT_CLEAR;
          gtk_editable_set_text (entry, "");
          check_search_shown ();
          return;
        }
    }

  if (bench.word == 0 && bench.letter == 0)
    {
      gtk_search_entry_set_search_delay (bench.window->search_entry, 0);
      g_signal_connect (bench.window->patients, "notify::search",
                        G_CALLBACK (on_search_shown_cb), NULL);
      gtk_search_bar_set_search_mode (bench.window->search_bar, TRUE);
    }

  if (type_letter ())
    return;

  g_application_quit (bench.app);
}

static void
on_window_map_cb (GtkWidget *widget,
                  gpointer   user_data)
{
  if (bench.clock != NULL)
    return;

  bench.clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  if (!LIMBER_IS_WINDOW (window) || bench.window != NULL)
    return;

  bench.window = LIMBER_WINDOW (window);
  bench.waiting = WAIT_FIRST_FRAME;
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  g_signal_connect_after (bench.window->search_entry, "search-changed",
                          G_CALLBACK (on_search_changed_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LimberApplication) app = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  int n_switches = DEFAULT_SWITCHES;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The clinic to open", "FILE" },
    { "interact", 0, 0, G_OPTION_ARG_NONE, &bench.interact,
      "Also time patient switches and typing in the search", NULL },
    { "switches", 0, 0, G_OPTION_ARG_INT, &n_switches,
      "Patient switches to time (default " G_STRINGIFY (DEFAULT_SWITCHES) ")", "N" },
    G_OPTION_ENTRY_NULL
  };
  char *app_argv[] = { "limber", "--database", NULL, NULL };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL)
    {
      g_printerr ("bench-window: %s\n", error != NULL ? error->message : "--database is required");
      return 2;
    }

  bench.n_switches = (guint) MAX (n_switches, 0);
  app = limber_application_new ();
  bench.app = G_APPLICATION (app);
  /* Several runs one after another, and no session bus needed. */
  g_application_set_flags (bench.app,
                           g_application_get_flags (bench.app) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);

  app_argv[2] = database;
  return g_application_run (bench.app, 3, app_argv);
}
