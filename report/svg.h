/*
 * report/svg.h — the page's plots, drawn as inline SVG by a few small functions: bars of findings
 * per agency, dates against the deadline, an agency's figures across years.
 *
 * Coordinates are written as integers or with one decimal, so the same data gives the same bytes;
 * text takes the page's fonts (CSS), so no font is named or embedded here.
 */
#ifndef NB_REPORT_SVG_H
#define NB_REPORT_SVG_H

#include <glib.h>

/* One bar: a label (an agency), a link, and its counts by severity (info, warning, error). */
typedef struct nb_svg_bar {
    const char *label, *href;
    int         v[3];
} nb_svg_bar;

void nb_svg_bars(GString *s, const char *title, const nb_svg_bar *b, int n, const char *const sev_names[3]);

/* One date against its deadline: days after it (negative: before), on the row of its agency. */
typedef struct nb_svg_dot {
    int         row;
    int         days;
    const char *tip, *href;
} nb_svg_dot;

void nb_svg_deadline(GString *s, const char *title, const char *const *rows, int nrows, const nb_svg_dot *d,
                     int n, const char *deadline_word, const char *days_word);

/* Series across years: vals[k * nyears + j] is series k in years[j]; NaN where unknown. */
void nb_svg_years(GString *s, const char *title, const int *years, int nyears, const char *const *names,
                  const double *vals, int nseries);

#endif
