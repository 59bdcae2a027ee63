/*
 * parser/ocr_cells.c — what OCR needs to know about a page image before the recogniser sees it:
 * its skew, and the ruled tables on it.
 *
 * Skew: the ink of a quarter-size copy is projected onto the vertical axis at every angle in a
 * small range; text lines and ruling lines make the sharpest profile (largest sum of squares) when
 * the angle is the page's. The page is then turned upright, so that a table row stays on one line
 * from its label to its last column (2° over a 180 mm row is 6 mm: two text lines).
 *
 * Tables: a ruling line is a run of ink much longer than any stroke of a character. Runs found
 * row by row (horizontal rules) and column by column (vertical rules) are merged into rules with a
 * thickness, wiped to white, and the grid is built band by band: between two neighbouring
 * horizontal rules, the vertical rules crossing the whole band cut it into cells; a cell with no
 * rule above it continues the cell above (a label spanning several rows).
 */
#include "ocr_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------- skew ---------- */

/* Ink points of the image reduced by f: a block is ink when its mean is dark. */
static int *ink_points(const ocr_gray *g, int f, size_t *np)
{
    int w = g->w / f, h = g->h / f;
    size_t cap = 1024, n = 0;
    int *pts = malloc(cap * 2 * sizeof *pts);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int sum = 0;
            for (int dy = 0; dy < f; dy++) {
                const uint8_t *row = g->p + (size_t)(y * f + dy) * (size_t)g->w + (size_t)x * (size_t)f;
                for (int dx = 0; dx < f; dx++) sum += row[dx];
            }
            if (sum >= 200 * f * f) continue;
            if (n == cap) pts = realloc(pts, (cap *= 2) * 2 * sizeof *pts);
            pts[2 * n] = x;
            pts[2 * n + 1] = y;
            n++;
        }
    *np = n;
    return pts;
}

/* The angle in [from, to] (degrees, by step) whose projection of the points is sharpest; span
 * bounds |y - x tan a|. Ties go to the angle nearest zero. */
static double sharpest(const int *pts, size_t n, int span, double from, double to, double step)
{
    long *bins = malloc((size_t)(2 * span) * sizeof *bins);
    double best = 0, best_score = -1;
    for (double a = from; a <= to + 1e-9; a += step) {
        double t = tan(a * M_PI / 180);
        memset(bins, 0, (size_t)(2 * span) * sizeof *bins);
        for (size_t i = 0; i < n; i++) {
            long b = lround(pts[2 * i + 1] - pts[2 * i] * t) + span;
            if (b >= 0 && b < 2 * span) bins[b]++;
        }
        double score = 0;
        for (int b = 0; b < 2 * span; b++) score += (double)bins[b] * (double)bins[b];
        if (score > best_score * (1 + 1e-9) || (score >= best_score && fabs(a) < fabs(best))) {
            best_score = score;
            best = a;
        }
    }
    free(bins);
    return best;
}

/* Coarse on a quarter-size copy, then finer on a half-size one around the coarse angle. */
double ocr_measure_skew(const ocr_gray *g, double max_deg)
{
    if (g->w < 64 || g->h < 64) return 0;
    size_t n;
    int *pts = ink_points(g, 4, &n);
    double a = 0;
    if (n >= 200) {
        a = sharpest(pts, n, g->w / 4 + g->h / 4, -max_deg, max_deg, 0.1);
        free(pts);
        pts = ink_points(g, 2, &n);
        a = sharpest(pts, n, g->w / 2 + g->h / 2, a - 0.1, a + 0.1, 0.02);
    }
    free(pts);
    return fabs(a) < 0.03 ? 0 : a;
}

void ocr_rotate(ocr_gray *g, double deg)
{
    if (deg == 0) return;
    double a = deg * M_PI / 180, c = cos(a), s = sin(a);
    double cx = g->w / 2.0, cy = g->h / 2.0;
    uint8_t *out = malloc((size_t)g->w * (size_t)g->h);
    for (int y = 0; y < g->h; y++) {
        uint8_t *o = out + (size_t)y * (size_t)g->w;
        double dy = y - cy;
        for (int x = 0; x < g->w; x++) {
            double dx = x - cx;
            double sx = cx + dx * c - dy * s, sy = cy + dx * s + dy * c;
            int x0 = (int)floor(sx), y0 = (int)floor(sy);
            if (x0 < 0 || y0 < 0 || x0 + 1 >= g->w || y0 + 1 >= g->h) {
                o[x] = 255;
                continue;
            }
            double fx = sx - x0, fy = sy - y0;
            const uint8_t *p = g->p + (size_t)y0 * (size_t)g->w + (size_t)x0;
            double v = (p[0] * (1 - fx) + p[1] * fx) * (1 - fy) + (p[g->w] * (1 - fx) + p[g->w + 1] * fx) * fy;
            o[x] = (uint8_t)(v + 0.5);
        }
    }
    free(g->p);
    g->p = out;
}

void ocr_turn_quarter(ocr_gray *g, int deg)
{
    if (deg != 90 && deg != 180 && deg != 270) return;
    int w = g->w, h = g->h, ow = deg == 180 ? w : h, oh = deg == 180 ? h : w;
    uint8_t *out = malloc((size_t)w * (size_t)h);
    for (int y = 0; y < h; y++) {
        const uint8_t *row = g->p + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            /* where source pixel (x, y) lands, turned clockwise */
            int ox = deg == 90 ? h - 1 - y : deg == 180 ? w - 1 - x : y;
            int oy = deg == 90 ? x : deg == 180 ? h - 1 - y : w - 1 - x;
            out[(size_t)oy * (size_t)ow + (size_t)ox] = row[x];
        }
    }
    free(g->p);
    g->p = out;
    g->w = ow;
    g->h = oh;
}

int ocr_ink(const ocr_gray *g, int x0, int y0, int x1, int y1)
{
    int n = 0;
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > g->w) x1 = g->w;
    if (y1 > g->h) y1 = g->h;
    for (int y = y0; y < y1; y++) {
        const uint8_t *row = g->p + (size_t)y * (size_t)g->w;
        for (int x = x0; x < x1; x++) n += row[x] < OCR_INK;
    }
    return n;
}

/* ---------- scale ---------- */

void ocr_crop(const ocr_gray *g, int x0, int y0, int x1, int y1, double s, int margin, ocr_gray *out)
{
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > g->w) x1 = g->w;
    if (y1 > g->h) y1 = g->h;
    if (s > 1) s = 1;
    int w = (int)((x1 - x0) * s), h = (int)((y1 - y0) * s);
    if (margin < 0) margin = 0;
    out->w = w + 2 * margin;
    out->h = h + 2 * margin;
    out->p = NULL;
    if (s <= 0 || w <= 0 || h <= 0) return;
    out->p = malloc((size_t)out->w * (size_t)out->h);
    memset(out->p, 255, (size_t)out->w * (size_t)out->h);
    /* box filter: output pixel (ox, oy) is the mean of input [ox/s, (ox+1)/s) x [oy/s, (oy+1)/s) */
    for (int oy = 0; oy < h; oy++) {
        int ya = y0 + (int)(oy / s), yb = y0 + (int)((oy + 1) / s);
        if (yb <= ya) yb = ya + 1;
        if (yb > y1) yb = y1;
        for (int ox = 0; ox < w; ox++) {
            int xa = x0 + (int)(ox / s), xb = x0 + (int)((ox + 1) / s);
            if (xb <= xa) xb = xa + 1;
            if (xb > x1) xb = x1;
            long sum = 0;
            for (int y = ya; y < yb; y++) {
                const uint8_t *row = g->p + (size_t)y * (size_t)g->w;
                for (int x = xa; x < xb; x++) sum += row[x];
            }
            out->p[(size_t)(oy + margin) * (size_t)out->w + (size_t)(ox + margin)] = (uint8_t)(sum / ((long)(yb - ya) * (xb - xa)));
        }
    }
}

/* ---------- ruling lines ---------- */

/* A rule: along its length from a to b, across it from c0 to c1 (rows of a horizontal rule). */
typedef struct rule {
    int a, b, c0, c1;
} rule;

typedef struct rules {
    rule  *r;
    size_t n, cap;
} rules;

static void rules_add(rules *rs, rule r)
{
    if (rs->n == rs->cap) rs->r = realloc(rs->r, (rs->cap = rs->cap ? 2 * rs->cap : 64) * sizeof *rs->r);
    rs->r[rs->n++] = r;
}

/* The pixel at (along, across) of a scan: rows for horizontal rules, columns for vertical ones. */
static inline int ink_at(const ocr_gray *g, int vertical, int along, int across)
{
    const uint8_t *p = vertical ? g->p + (size_t)along * (size_t)g->w + (size_t)across
                                : g->p + (size_t)across * (size_t)g->w + (size_t)along;
    return *p < OCR_INK;
}

/* Runs of ink at least min_len long on each scan line (gaps up to 3 pixels bridged: noise and JPEG
 * break a thin rule), merged with the runs of the neighbouring scan lines they overlap. */
static void find_rules(const ocr_gray *g, int vertical, int min_len, rules *out)
{
    int nscan = vertical ? g->w : g->h, len = vertical ? g->h : g->w;
    size_t open_from = 0;   /* rules in out[open_from..] may still grow */
    for (int s = 0; s < nscan; s++) {
        int x = 0;
        while (x < len) {
            while (x < len && !ink_at(g, vertical, x, s)) x++;
            if (x >= len) break;
            int a = x, last = x;
            while (x < len && x - last <= 4) {
                if (ink_at(g, vertical, x, s)) last = x;
                x++;
            }
            int b = last + 1;
            if (b - a < min_len) continue;
            /* join a rule of the scan line before that overlaps most of this run */
            int joined = 0;
            for (size_t k = open_from; k < out->n; k++) {
                rule *r = &out->r[k];
                int ov = (r->b < b ? r->b : b) - (r->a > a ? r->a : a);
                if (r->c1 == s && ov > (b - a) / 2) {
                    r->c1 = s + 1;
                    if (a < r->a) r->a = a;
                    if (b > r->b) r->b = b;
                    joined = 1;
                    break;
                }
            }
            if (!joined) rules_add(out, (rule){a, b, s, s + 1});
        }
        while (open_from < out->n && out->r[open_from].c1 < s) open_from++;
    }
}

/* Wipe a rule (and a pixel either side: its anti-aliased edge). */
static void wipe(ocr_gray *g, int vertical, const rule *r)
{
    for (int c = r->c0 - 1; c <= r->c1; c++) {
        if (c < 0 || c >= (vertical ? g->w : g->h)) continue;
        for (int t = r->a; t < r->b; t++) {
            uint8_t *p = vertical ? g->p + (size_t)t * (size_t)g->w + (size_t)c : g->p + (size_t)c * (size_t)g->w + (size_t)t;
            *p = 255;
        }
    }
}

static int cmp_rule_pos(const void *a, const void *b)
{
    const rule *x = a, *y = b;
    if (x->c0 != y->c0) return x->c0 < y->c0 ? -1 : 1;
    return x->a < y->a ? -1 : x->a > y->a;
}

static void cells_add(ocr_cells *out, ocr_cell c)
{
    if (out->n == out->cap) out->c = realloc(out->c, (out->cap = out->cap ? 2 * out->cap : 64) * sizeof *out->c);
    out->c[out->n++] = c;
}

/* Does a horizontal rule at level y (within tol) cover most of [x0, x1)? */
static int ruled_above(const rules *hs, int y, int tol, int x0, int x1)
{
    int cover = 0;
    for (size_t k = 0; k < hs->n; k++) {
        const rule *r = &hs->r[k];
        if (abs((r->c0 + r->c1) / 2 - y) > tol) continue;
        int ov = (r->b < x1 ? r->b : x1) - (r->a > x0 ? r->a : x0);
        if (ov > 0) cover += ov;
    }
    return cover * 2 > x1 - x0;
}

size_t ocr_find_cells(ocr_gray *g, int min_len, ocr_cells *out)
{
    rules hs = {0}, vs = {0};
    find_rules(g, 0, min_len, &hs);
    find_rules(g, 1, min_len, &vs);
    /* a rule is thin: a block of ink (a photo, a black bar) is no rule */
    size_t k = 0;
    for (size_t i = 0; i < hs.n; i++)
        if (hs.r[i].c1 - hs.r[i].c0 <= 12) hs.r[k++] = hs.r[i];
    hs.n = k;
    k = 0;
    for (size_t i = 0; i < vs.n; i++)
        if (vs.r[i].c1 - vs.r[i].c0 <= 12) vs.r[k++] = vs.r[i];
    vs.n = k;
    for (size_t i = 0; i < hs.n; i++) wipe(g, 0, &hs.r[i]);
    for (size_t i = 0; i < vs.n; i++) wipe(g, 1, &vs.r[i]);
    if (hs.n) qsort(hs.r, hs.n, sizeof *hs.r, cmp_rule_pos);
    if (vs.n) qsort(vs.r, vs.n, sizeof *vs.r, cmp_rule_pos);

    /* the distinct levels of horizontal rules */
    int tol = 6;
    int *lv = malloc((hs.n + 1) * sizeof *lv);
    size_t nl = 0;
    for (size_t i = 0; i < hs.n; i++) {
        int y = (hs.r[i].c0 + hs.r[i].c1) / 2;
        if (nl && y - lv[nl - 1] <= tol) continue;
        lv[nl++] = y;
    }
    size_t first = out->n;
    for (size_t i = 0; i + 1 < nl; i++) {
        int ya = lv[i], yb = lv[i + 1];
        if (yb - ya < 12) continue;
        int xprev = -1;
        for (size_t j = 0; j < vs.n; j++) {
            const rule *v = &vs.r[j];
            if (v->a > ya + tol || v->b < yb - tol) continue;
            int x = (v->c0 + v->c1) / 2;
            if (xprev >= 0 && x - xprev >= 12) {
                int merged = 0;
                /* no rule above: the cell ending there with the same sides goes on down */
                if (!ruled_above(&hs, ya, tol, xprev, x))
                    for (size_t q = first; q < out->n && !merged; q++) {
                        ocr_cell *c = &out->c[q];
                        if (abs(c->y1 - ya) <= tol && abs(c->x0 - xprev) <= tol && abs(c->x1 - x) <= tol) {
                            c->y1 = yb;
                            merged = 1;
                        }
                    }
                if (!merged) cells_add(out, (ocr_cell){xprev, ya, x, yb, 0});
            }
            if (xprev < 0 || x - xprev >= 12) xprev = x;
        }
    }
    /* each cell's inside: off the rules' thickness */
    for (size_t i = first; i < out->n; i++) {
        ocr_cell *c = &out->c[i];
        c->x0 += 4;
        c->y0 += 4;
        c->x1 -= 4;
        c->y1 -= 4;
        c->ink = c->x1 > c->x0 && c->y1 > c->y0 ? ocr_ink(g, c->x0, c->y0, c->x1, c->y1) : 0;
    }
    free(lv);
    free(hs.r);
    free(vs.r);
    return out->n - first;
}

/* ---------- ink the recogniser left out ---------- */

size_t ocr_uncovered(const ocr_gray *g, const ocr_cell *boxes, size_t nboxes, int min_h, int max_h, int min_ink,
                     ocr_cells *out)
{
    enum { F = 4, REACH_X = 3, REACH_Y = 1 };
    int w = (g->w + F - 1) / F, h = (g->h + F - 1) / F;
    /* per block: 1 ink, 2 covered by a box already read, 3 visited */
    uint8_t *m = calloc((size_t)w * (size_t)h, 1);
    for (int by = 0; by < h; by++)
        for (int bx = 0; bx < w; bx++) {
            int n = 0;
            for (int y = by * F; y < by * F + F && y < g->h; y++)
                for (int x = bx * F; x < bx * F + F && x < g->w; x++) n += g->p[(size_t)y * (size_t)g->w + (size_t)x] < OCR_INK;
            if (n >= 2) m[(size_t)by * (size_t)w + (size_t)bx] = 1;
        }
    for (size_t i = 0; i < nboxes; i++) {
        const ocr_cell *b = &boxes[i];
        for (int by = b->y0 / F - 1; by <= b->y1 / F + 1; by++)
            for (int bx = b->x0 / F - 1; bx <= b->x1 / F + 1; bx++)
                if (bx >= 0 && by >= 0 && bx < w && by < h) m[(size_t)by * (size_t)w + (size_t)bx] = 2;
    }
    size_t first = out->n, cap = 256;
    int *stack = malloc(cap * 2 * sizeof *stack);
    for (int sy = 0; sy < h; sy++)
        for (int sx = 0; sx < w; sx++) {
            if (m[(size_t)sy * (size_t)w + (size_t)sx] != 1) continue;
            /* a group: ink blocks within reach of each other (letters of a word, digits of a number) */
            int x0 = sx, x1 = sx, y0 = sy, y1 = sy;
            size_t top = 0;
            stack[top * 2] = sx;
            stack[top * 2 + 1] = sy;
            top++;
            m[(size_t)sy * (size_t)w + (size_t)sx] = 3;
            while (top) {
                top--;
                int cx = stack[top * 2], cy = stack[top * 2 + 1];
                if (cx < x0) x0 = cx;
                if (cx > x1) x1 = cx;
                if (cy < y0) y0 = cy;
                if (cy > y1) y1 = cy;
                for (int dy = -REACH_Y; dy <= REACH_Y; dy++)
                    for (int dx = -REACH_X; dx <= REACH_X; dx++) {
                        int nx = cx + dx, ny = cy + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h || m[(size_t)ny * (size_t)w + (size_t)nx] != 1) continue;
                        m[(size_t)ny * (size_t)w + (size_t)nx] = 3;
                        if (top == cap) stack = realloc(stack, (cap *= 2) * 2 * sizeof *stack);
                        stack[top * 2] = nx;
                        stack[top * 2 + 1] = ny;
                        top++;
                    }
            }
            ocr_cell c = {x0 * F, y0 * F, (x1 + 1) * F, (y1 + 1) * F, 0};
            if (c.x1 > g->w) c.x1 = g->w;
            if (c.y1 > g->h) c.y1 = g->h;
            int hh = c.y1 - c.y0;
            if (hh < min_h || hh > max_h) continue;
            c.ink = ocr_ink(g, c.x0, c.y0, c.x1, c.y1);
            if (c.ink >= min_ink) cells_add(out, c);
        }
    free(stack);
    free(m);
    return out->n - first;
}

/* ---------- specks ---------- */

size_t ocr_despeckle(ocr_gray *g, int max_px)
{
    size_t n = (size_t)g->w * (size_t)g->h, removed = 0, cap = 4096;
    uint8_t *seen = calloc(n, 1);
    size_t *stack = malloc(cap * sizeof *stack), *comp = malloc((size_t)(max_px + 1) * sizeof *comp);
    for (size_t start = 0; start < n; start++) {
        if (seen[start] || g->p[start] >= OCR_INK) continue;
        /* the 8-connected component of ink from start; its first max_px + 1 pixels are kept */
        size_t top = 0, count = 0;
        stack[top++] = start;
        seen[start] = 1;
        while (top) {
            size_t at = stack[--top];
            if (count <= (size_t)max_px) comp[count] = at;
            count++;
            int x = (int)(at % (size_t)g->w), y = (int)(at / (size_t)g->w);
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= g->w || ny >= g->h) continue;
                    size_t k = (size_t)ny * (size_t)g->w + (size_t)nx;
                    if (seen[k] || g->p[k] >= OCR_INK) continue;
                    seen[k] = 1;
                    if (top == cap) stack = realloc(stack, (cap *= 2) * sizeof *stack);
                    stack[top++] = k;
                }
        }
        if (count <= (size_t)max_px) {
            for (size_t i = 0; i < count; i++) g->p[comp[i]] = 255;
            removed++;
        }
    }
    free(comp);
    free(stack);
    free(seen);
    return removed;
}

/* ---------- the paper ---------- */

uint8_t ocr_whiten(ocr_gray *g)
{
    size_t n = (size_t)g->w * (size_t)g->h, hist[256] = {0};
    for (size_t i = 0; i < n; i++) hist[g->p[i]]++;
    int mode = 128;
    for (int v = 128; v < 256; v++)
        if (hist[v] > hist[mode]) mode = v;
    /* the deviation below the paper's level that nine in ten of its pixels stay within: the
     * band from mode - 48 up holds the paper, and the few grey edges of the strokes */
    size_t band = 0, seen = 0;
    for (int v = mode - 48; v <= mode; v++) band += hist[v];
    int p90 = 0;
    for (int v = mode; v >= mode - 48 && seen * 10 < band * 9; v--, p90++) seen += hist[v];
    p90 = p90 > 0 ? p90 - 1 : 0;
    int t = mode - 2 * p90;
    if (t < 160) t = 160;
    if (p90 == 0 && mode == 255) return 255;   /* clean paper: the image as it is */
    for (size_t i = 0; i < n; i++)
        if (g->p[i] >= t) g->p[i] = 255;
    return (uint8_t)t;
}
