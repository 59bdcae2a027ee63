/*
 * parser/pdf_geometry.c — text direction, turning a page upright and glyph heights for the PDF
 * ingester (see pdf_geometry.h for why none of it trusts a glyph box's height).
 */
#include "pdf_geometry.h"

#include <math.h>
#include <stdlib.h>

static float cx(const nb_glyph *g) { return (g->x0 + g->x1) / 2; }
static float cy(const nb_glyph *g) { return (g->y0 + g->y1) / 2; }

static float largest_side(const nb_glyph *g)
{
    float w = g->x1 - g->x0, h = g->y1 - g->y0;
    return w > h ? w : h;
}

int nb_pdf_full_width(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* A step between two joined glyphs is an advance along x or along y when it runs clearly one way
 * (twice as far as the other) and is no longer than a few glyphs: a longer one is a jump that
 * poppler made inside a word, and two glyphs at one place (fake bold) say nothing. */
nb_text_dir nb_pdf_text_direction(const nb_glyph *g, size_t n, size_t *along_x, size_t *along_y)
{
    size_t hx = 0, down = 0, up = 0;
    for (size_t i = 1; i < n; i++) {
        if (!g[i].joined) continue;
        const nb_glyph *a = &g[i - 1], *b = &g[i];
        float dx = cx(b) - cx(a), dy = cy(b) - cy(a);
        float s = largest_side(a) > largest_side(b) ? largest_side(a) : largest_side(b);
        if (fabsf(dx) > 3 * s || fabsf(dy) > 3 * s) continue;
        if (fabsf(dx) > 2 * fabsf(dy)) hx++;
        else if (fabsf(dy) > 2 * fabsf(dx)) {
            if (dy > 0) down++;
            else up++;
        }
    }
    if (along_x) *along_x = hx;
    if (along_y) *along_y = down + up;
    /* a few upright labels stacked one character per line are no turned page: they are not joined,
     * and a page's running head or page number is outvoted */
    if (down + up >= 8 && down + up > 3 * hx) return down >= up ? NB_DIR_DOWN : NB_DIR_UP;
    return NB_DIR_UPRIGHT;
}

int nb_pdf_direction_mixed(size_t along_x, size_t along_y)
{
    size_t less = along_x < along_y ? along_x : along_y;
    return along_x + along_y >= 16 && 4 * less >= along_x + along_y;
}

void nb_pdf_turn_upright(nb_glyph *g, size_t n, nb_text_dir dir, float width, float height)
{
    if (dir == NB_DIR_UPRIGHT) return;
    for (size_t i = 0; i < n; i++) {
        nb_glyph c = g[i];
        if (dir == NB_DIR_DOWN) {           /* turned clockwise: lines stack from the right */
            g[i].x0 = c.y0;
            g[i].x1 = c.y1;
            g[i].y0 = width - c.x1;
            g[i].y1 = width - c.x0;
        } else {                            /* turned anticlockwise: lines stack from the left */
            g[i].x0 = height - c.y1;
            g[i].x1 = height - c.y0;
            g[i].y0 = c.x0;
            g[i].y1 = c.x1;
        }
    }
}

typedef struct sample { float h, w; } sample;

static int by_h_then_w(const void *pa, const void *pb)
{
    const sample *a = pa, *b = pb;
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    return (a->w > b->w) - (a->w < b->w);
}

static int by_float(const void *pa, const void *pb)
{
    float a = *(const float *)pa, b = *(const float *)pb;
    return (a > b) - (a < b);
}

/* Glyphs of one font and size have one box height; heights within this of each other are one class. */
static int same_class(float a, float b) { return fabsf(a - b) <= 0.05f + 0.005f * (a > b ? a : b); }

typedef struct em_class { float lo, hi, em; } em_class;

/* The classes of box height among full-width glyphs, each with the median width (its em), sorted by
 * height; and the median ratio of height to width over all of them, for glyphs of a height with no
 * full-width glyph (a line of digits). Returns the number of classes. */
static size_t em_classes(const nb_glyph *g, size_t n, em_class **out, float *ratio)
{
    sample *s = malloc((n ? n : 1) * sizeof *s);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        float w = g[i].x1 - g[i].x0, h = g[i].y1 - g[i].y0;
        if (nb_pdf_full_width(g[i].cp) && w > 0.5f && h > 0.5f) s[ns++] = (sample){h, w};
    }
    qsort(s, ns, sizeof *s, by_h_then_w);
    em_class *c = malloc((ns ? ns : 1) * sizeof *c);
    float *r = malloc((ns ? ns : 1) * sizeof *r);
    size_t nc = 0;
    for (size_t i = 0; i < ns;) {
        size_t j = i + 1;
        while (j < ns && same_class(s[j].h, s[j - 1].h)) j++;
        float *w = malloc((j - i) * sizeof *w);
        for (size_t k = i; k < j; k++) w[k - i] = s[k].w;
        qsort(w, j - i, sizeof *w, by_float);
        c[nc++] = (em_class){s[i].h, s[j - 1].h, w[(j - i) / 2]};
        free(w);
        i = j;
    }
    for (size_t i = 0; i < ns; i++) r[i] = s[i].h / s[i].w;
    qsort(r, ns, sizeof *r, by_float);
    *ratio = ns ? r[ns / 2] : 0;
    free(r);
    free(s);
    *out = c;
    return nc;
}

static float class_em(const em_class *c, size_t nc, float h)
{
    size_t lo = 0, hi = nc;
    while (lo < hi) {                     /* the first class whose top is not below h */
        size_t mid = (lo + hi) / 2;
        if (c[mid].hi < h && !same_class(c[mid].hi, h)) lo = mid + 1;
        else hi = mid;
    }
    for (size_t k = lo; k < nc && k <= lo + 1; k++)
        if ((c[k].lo <= h || same_class(c[k].lo, h)) && (h <= c[k].hi || same_class(h, c[k].hi))) return c[k].em;
    return 0;
}

void nb_pdf_settle_heights(nb_glyph *g, size_t n)
{
    em_class *c;
    float ratio;
    size_t nc = em_classes(g, n, &c, &ratio);
    for (size_t i = 0; i < n; i++) {
        float h = g[i].y1 - g[i].y0;
        g[i].sh = h;
        float em = class_em(c, nc, h);
        if (em <= 0 && ratio > 0) em = h / ratio;
        if (em <= 0) continue;               /* nothing tells this page's em: boxes as drawn */
        if (em > h) em = h;
        if (em < 0.3f * h) em = 0.3f * h;
        float core = NB_PDF_LINE_EM * em, mid = cy(&g[i]);
        if (h > 1.45f * em) g[i].sh = 1.45f * em;
        if (h > core) {
            g[i].y0 = mid - core / 2;
            g[i].y1 = mid + core / 2;
        }
    }
    free(c);
}
