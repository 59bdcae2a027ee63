/*
 * report/svg.c — bars, a dot plot against the deadline, and lines across years (see svg.h).
 */
#include "svg.h"

#include <math.h>

#include "hstr.h"

static const char *const sev_color[3] = {"#2f5f98", "#9a5b00", "#b3261e"};
static const char *const series_color[6] = {"#18324f", "#2e7d32", "#b3261e", "#9a5b00", "#6a3d9a", "#0b7d8c"};

static void open_svg(GString *s, int w, int h, const char *title)
{
    g_string_append_printf(s, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"", w, h, w, h);
    nb_h_text(s, title);
    g_string_append(s, "\"><title>");
    nb_h_text(s, title);
    g_string_append(s, "</title>");
}

/* A label cut to n characters (UTF-8), for the left margin. */
static void short_label(GString *s, const char *label, int n)
{
    glong len = g_utf8_strlen(label, -1);
    if (len <= n) {
        nb_h_text(s, label);
        return;
    }
    const char *end = g_utf8_offset_to_pointer(label, n - 1);
    nb_h_textn(s, label, (size_t)(end - label));
    g_string_append(s, "…");
}

enum { LABEL_W = 170, BAR_H = 18 };

void nb_svg_bars(GString *s, const char *title, const nb_svg_bar *b, int n, const char *const sev_names[3])
{
    int max = 1;
    for (int i = 0; i < n; i++) {
        int t = b[i].v[0] + b[i].v[1] + b[i].v[2];
        if (t > max) max = t;
    }
    int w = 640, plot = w - LABEL_W - 50, h = n * BAR_H + 34;
    open_svg(s, w, h, title);
    for (int k = 2, x = LABEL_W; k >= 0; k--, x += 90)
        g_string_append_printf(s, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"13\">%s</text>",
                               x, sev_color[k], x + 14, sev_names[k]);
    for (int i = 0; i < n; i++) {
        int y = 22 + i * BAR_H, x = LABEL_W;
        g_string_append(s, "<a href=\"");
        nb_h_text(s, b[i].href);
        g_string_append_printf(s, "\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 6, y + 12);
        short_label(s, b[i].label, 12);
        g_string_append(s, "</text></a>");
        for (int k = 2; k >= 0; k--) {
            if (!b[i].v[k]) continue;
            int bw = (int)lround((double)b[i].v[k] * plot / max);
            if (bw < 1) bw = 1;
            g_string_append_printf(s, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %d</title></rect>",
                                   x, y + 2, bw, BAR_H - 5, sev_color[k], sev_names[k], b[i].v[k]);
            x += bw;
        }
        g_string_append_printf(s, "<text x=\"%d\" y=\"%d\">%d</text>", x + 4, y + 12, b[i].v[0] + b[i].v[1] + b[i].v[2]);
    }
    g_string_append(s, "</svg>");
}

enum { DOT_ROW = 16, DAYS_MIN = -90, DAYS_SPAN_MIN = 120, DAYS_SPAN_MAX = 360 };

void nb_svg_deadline(GString *s, const char *title, const char *const *rows, int nrows, const nb_svg_dot *d,
                     int n, const char *deadline_word, const char *days_word)
{
    int w = 640, plot = w - LABEL_W - 30, h = nrows * DOT_ROW + 44;
    /* the axis runs to the latest date, in months, between four months and a year after the deadline */
    int latest = DAYS_SPAN_MIN;
    for (int i = 0; i < n; i++)
        if (d[i].days > latest) latest = d[i].days;
    int DAYS_MAX = latest > DAYS_SPAN_MAX ? DAYS_SPAN_MAX : (latest + 29) / 30 * 30;
    open_svg(s, w, h, title);
    double span = DAYS_MAX - DAYS_MIN;
#define XOF(days) (LABEL_W + (int)lround(((days) - DAYS_MIN) * plot / span))
    for (int t = DAYS_MIN; t <= DAYS_MAX; t += DAYS_MAX > 180 ? 60 : 30) {
        int x = XOF(t);
        g_string_append_printf(s, "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%+d</text>",
                               x, x, h - 22, t ? "#e3e7eb" : "#b3261e", x, h - 8, t);
    }
    g_string_append_printf(s, "<text x=\"%d\" y=\"11\" text-anchor=\"middle\" fill=\"#b3261e\">", XOF(0));
    nb_h_text(s, deadline_word);
    g_string_append_printf(s, "</text><text x=\"%d\" y=\"11\" text-anchor=\"end\">", w - 4);
    nb_h_text(s, days_word);
    g_string_append(s, "</text>");
    for (int r = 0; r < nrows; r++) {
        g_string_append_printf(s, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 6, 28 + r * DOT_ROW);
        short_label(s, rows[r], 12);
        g_string_append(s, "</text>");
    }
    for (int i = 0; i < n; i++) {
        int days = d[i].days < DAYS_MIN ? DAYS_MIN : d[i].days > DAYS_MAX ? DAYS_MAX : d[i].days;
        int clipped = days != d[i].days;
        g_string_append(s, "<a href=\"");
        nb_h_text(s, d[i].href);
        g_string_append_printf(s, "\"><circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"%s><title>", XOF(days),
                               24 + d[i].row * DOT_ROW, clipped ? 5 : 4, d[i].days > 0 ? "#b3261e" : "#2e7d32",
                               clipped ? " stroke=\"#000\"" : "");
        nb_h_text(s, d[i].tip);
        g_string_append(s, "</title></circle></a>");
    }
#undef XOF
    g_string_append(s, "</svg>");
}

void nb_svg_years(GString *s, const char *title, const int *years, int nyears, const char *const *names,
                  const double *vals, int nseries)
{
    int w = 320, h = 170, left = 40, right = 18, top = 20, bottom = 36;
    double max = 1;
    for (int i = 0; i < nseries * nyears; i++)
        if (!isnan(vals[i]) && vals[i] > max) max = vals[i];
    open_svg(s, w, h, title);
    g_string_append_printf(s, "<text x=\"%d\" y=\"13\" font-weight=\"bold\">", left);
    short_label(s, title, 20);
    g_string_append(s, "</text>");
    int pw = w - left - right, ph = h - top - bottom;
    g_string_append_printf(s, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left, top + ph, left + pw, top + ph);
    g_string_append_printf(s, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>",
                           left - 4, top + 8, max, left - 4, top + ph);
    /* years placed by their value, so that a gap of years shows as one */
    int y0 = years[0], yspan = years[nyears - 1] - years[0];
#define XAT(j) (left + (yspan > 0 ? (years[j] - y0) * pw / yspan : pw / 2))
#define XY(j, v) XAT(j), (top + ph - (int)lround((v) * ph / max))
    for (int j = 0; j < nyears; j++)
        g_string_append_printf(s, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>", XAT(j), top + ph + 14, years[j]);
    for (int k = 0; k < nseries; k++) {
        const char *c = series_color[k % 6];
        g_string_append_printf(s, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", c);
        for (int j = 0; j < nyears; j++) {
            double v = vals[k * nyears + j];
            if (isnan(v)) continue;
            g_string_append_printf(s, "%d,%d ", XY(j, v));
        }
        g_string_append(s, "\"/>");
        for (int j = 0; j < nyears; j++) {
            double v = vals[k * nyears + j];
            if (isnan(v)) continue;
            g_string_append_printf(s, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"><title>", XY(j, v), c);
            nb_h_text(s, names[k]);
            g_string_append_printf(s, " %d: %.0f</title></circle>", years[j], v);
        }
        int lx = left + k * (pw / nseries);
        g_string_append_printf(s, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">",
                               lx, h - 14, c, lx + 11, h - 6);
        nb_h_text(s, names[k]);
        g_string_append(s, "</text>");
    }
#undef XY
#undef XAT
    g_string_append(s, "</svg>");
}
