/*
 * report/evidence.c — page regions of PDFs rendered with the cells outlined, and source lines of
 * text inputs quoted with the cells marked (see evidence.h).
 *
 * Regions are planned first (one per document, table and page that a finding's cells fall on),
 * then rendered in order of their most severe finding, so that when the budget runs out it is the
 * info-level regions that go without a picture, not the errors.
 */
#include "evidence.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/ingest.h"
#include "../parser/report.h"
#include "../parser/sha256.h"
#include "../parser/table.h"
#include "hstr.h"
#include "png.h"

/* ---------- planning ---------- */

typedef struct plan {
    int doc, page, severity;
    const char *table;
} plan;

static int is_pdf(const nb_rdoc *d)
{
    return strncmp(d->kind, "pdf", 3) == 0;
}

static int find_region(const nb_evidence *ev, int n, int doc, const char *table, int page)
{
    for (int i = n - 1; i >= 0 && ev->img[i].doc == doc; i--)
        if (ev->img[i].page == page && !strcmp(ev->img[i].table, table)) return i;
    return -1;
}

/* Every region of the run, in document order; its severity is that of its worst finding. */
static void plan_regions(const nb_rundata *run, nb_evidence *ev)
{
    int cap = 0;
    for (int k = 0; k < run->ndocs; k++) {
        const nb_rdoc *d = &run->docs[k];
        if (!is_pdf(d)) continue;
        for (int i = 0; i < d->nfindings; i++) {
            const nb_rfinding *x = &run->findings[d->findings[i]];
            nb_focus fo;
            nb_focus_of(d, &x->f, &fo);
            for (int j = 0; j < fo.n; j++) {
                const nb_rcell *c = &d->cells[fo.cell[j]];
                if (!c->has_box || c->page <= 0) continue;
                int r = find_region(ev, ev->nimg, k, c->table, c->page);
                if (r < 0) {
                    if (ev->nimg == cap) {
                        cap = cap ? 2 * cap : 64;
                        ev->img = g_renew(nb_evimage, ev->img, cap);
                    }
                    r = ev->nimg++;
                    memset(&ev->img[r], 0, sizeof ev->img[r]);
                    ev->img[r].doc = k;
                    ev->img[r].table = c->table;
                    ev->img[r].page = c->page;
                    ev->img[r].rendered = -(int)x->f.rule->severity - 1;  /* severity, until rendered */
                } else if (-(int)x->f.rule->severity - 1 < ev->img[r].rendered) {
                    ev->img[r].rendered = -(int)x->f.rule->severity - 1;
                }
            }
        }
    }
}

/* The region of a table on a page: every cell of the table there (so the whole table part is
 * shown, not only the cells of one finding), with room above for the column headings (table 4's
 * two rows of them and its title are some 120 points tall). */
static void region_bounds(const nb_rdoc *d, nb_evimage *img, double page_w, double page_h)
{
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (int i = 0; i < d->ncells; i++) {
        const nb_rcell *c = &d->cells[i];
        if (!c->has_box || c->page != img->page || strcmp(c->table, img->table)) continue;
        if (c->x0 < x0) x0 = c->x0;
        if (c->y0 < y0) y0 = c->y0;
        if (c->x1 > x1) x1 = c->x1;
        if (c->y1 > y1) y1 = c->y1;
    }
    /* labels sit left of the numbers: take the page's text width */
    double left = fmin(x0 - 8.0, page_w * 0.06), right = fmax(x1 + 8.0, page_w * 0.94);
    img->rx0 = (float)fmax(0.0, left);
    img->rx1 = (float)fmin(page_w, right);
    img->ry0 = (float)fmax(0.0, y0 - 125.0);
    img->ry1 = (float)fmin(page_h, y1 + 10.0);
}

/* ---------- rendering ---------- */

static void mark_rect(const nb_evimage *img, const nb_rcell *c, nb_evmark *m)
{
    double s = img->scale, p = NB_EVIDENCE_PAD;
    int x0 = (int)floor((c->x0 - p - img->rx0) * s), y0 = (int)floor((c->y0 - p - img->ry0) * s);
    int x1 = (int)ceil((c->x1 + p - img->rx0) * s), y1 = (int)ceil((c->y1 + p - img->ry0) * s);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > img->width) x1 = img->width;
    if (y1 > img->height) y1 = img->height;
    m->px = x0;
    m->py = y0;
    m->pw = x1 - x0;
    m->ph = y1 - y0;
}

/* The band of a sum: its row (from the region's left edge, so that the label is inside) or its
 * column, over the cells of the focus on this page, added to the current path (the bands of a
 * region are filled once, as one union: where two overlap the yellow is not doubled). */
static void draw_band(cairo_t *cr, const nb_evimage *img, const nb_rdoc *d, const nb_focus *fo)
{
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (int j = 0; j < fo->n; j++) {
        const nb_rcell *c = &d->cells[fo->cell[j]];
        if (!c->has_box || c->page != img->page || strcmp(c->table, img->table)) continue;
        x0 = fmin(x0, c->x0);
        y0 = fmin(y0, c->y0);
        x1 = fmax(x1, c->x1);
        y1 = fmax(y1, c->y1);
    }
    if (x1 < x0) return;
    if (fo->band == 'r') x0 = img->rx0 + 2.0;
    double s = img->scale, p = NB_EVIDENCE_PAD + 1.0;
    cairo_rectangle(cr, (x0 - p - img->rx0) * s, (y0 - p - img->ry0) * s, (x1 - x0 + 2 * p) * s,
                    (y1 - y0 + 2 * p) * s);
}

static void draw_outline(cairo_t *cr, const nb_evmark *m)
{
    uint32_t c = m->reported ? NB_PNG_RED : NB_PNG_BLUE;
    cairo_set_source_rgb(cr, (c >> 16) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
    cairo_rectangle(cr, m->px + 1, m->py + 1, m->pw - 2, m->ph - 2);
    cairo_stroke(cr);
}

static PopplerDocument *open_pdf(const char *path, const char *sha256, const char **why)
{
    gchar *bytes = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &bytes, &n, NULL)) {
        *why = "unreadable";
        return NULL;
    }
    char hex[65];
    nb_sha256_hex(bytes, n, hex);
    if (sha256 && *sha256 && strcmp(hex, sha256) != 0) {
        g_free(bytes);
        *why = "changed";
        return NULL;
    }
    GBytes *gb = g_bytes_new_take(bytes, n);
    PopplerDocument *pd = poppler_document_new_from_bytes(gb, NULL, NULL);
    g_bytes_unref(gb);
    if (!pd) *why = "unreadable";
    return pd;
}

static int render_region(nb_arena *a, PopplerDocument *pd, const nb_rdoc *d, const nb_focus *const *foci,
                         const int *finding_of, int nfoci, nb_evimage *img)
{
    PopplerPage *page = poppler_document_get_page(pd, img->page - 1);
    if (!page) {
        img->why_not = "unreadable";
        return -1;
    }
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    region_bounds(d, img, pw, ph);
    img->scale = NB_EVIDENCE_SCALE;
    img->width = (int)ceil((img->rx1 - img->rx0) * img->scale);
    img->height = (int)ceil((img->ry1 - img->ry0) * img->scale);
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->width, img->height);
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_save(cr);
    cairo_scale(cr, img->scale, img->scale);
    cairo_translate(cr, -img->rx0, -img->ry0);
    poppler_page_render(page, cr);
    cairo_restore(cr);
    /* bands multiply over the page: the paper turns yellow, the ink stays black */
    cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
    cairo_set_source_rgb(cr, 1.0, 0.93, 0.55);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (int i = 0; i < nfoci; i++)
        if (foci[i]->band) draw_band(cr, img, d, foci[i]);
    cairo_fill(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    /* outlines, pixel-aligned and crisp: the operands first, the reported cells over them */
    nb_vec marks;
    nb_vec_init(&marks, sizeof(nb_evmark));
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nfoci; i++)
            for (int j = 0; j < foci[i]->n; j++) {
                const nb_rcell *c = &d->cells[foci[i]->cell[j]];
                if (foci[i]->side[j] != pass || !c->has_box || c->page != img->page || strcmp(c->table, img->table))
                    continue;
                nb_evmark *m = nb_vec_push(&marks);
                m->finding = finding_of[i];
                m->cell = foci[i]->cell[j];
                m->reported = pass;
                mark_rect(img, c, m);
            }
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_line_width(cr, 2.0);
    const nb_evmark *mv = marks.data;
    for (size_t i = 0; i < marks.len; i++) draw_outline(cr, &mv[i]);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    GByteArray *png = g_byte_array_new();
    nb_png_indexed(cairo_image_surface_get_data(sf), img->width, img->height, cairo_image_surface_get_stride(sf), png);
    cairo_surface_destroy(sf);
    g_object_unref(page);
    img->png_bytes = png->len;
    gchar *b64 = g_base64_encode(png->data, png->len);
    img->png_base64 = nb_strdup(a, b64);
    g_free(b64);
    g_byte_array_free(png, TRUE);
    img->nmarks = (int)marks.len;
    img->marks = nb_alloc(a, marks.len * sizeof(nb_evmark) + 1);
    if (marks.len) memcpy(img->marks, marks.data, marks.len * sizeof(nb_evmark));
    nb_vec_free(&marks);
    img->rendered = 1;
    return 0;
}

int nb_evidence_render(nb_arena *a, const char *path, const char *sha256, const nb_rdoc *d,
                       const nb_focus *const *foci, const int *finding_of_focus, int nfoci, nb_evimage *img)
{
    const char *why = NULL;
    PopplerDocument *pd = open_pdf(path, sha256, &why);
    if (!pd) {
        img->why_not = why;
        return -1;
    }
    int rc = render_region(a, pd, d, foci, finding_of_focus, nfoci, img);
    g_object_unref(pd);
    return rc;
}

/* The foci of the findings of a document that fall on a region. */
static int foci_on(const nb_rundata *run, const nb_rdoc *d, const nb_evimage *img, nb_focus *store,
                   const nb_focus **foci, int *finding_of, int max)
{
    int n = 0;
    for (int i = 0; i < d->nfindings && n < max; i++) {
        nb_focus_of(d, &run->findings[d->findings[i]].f, &store[n]);
        int on = 0;
        for (int j = 0; j < store[n].n && !on; j++) {
            const nb_rcell *c = &d->cells[store[n].cell[j]];
            on = c->has_box && c->page == img->page && !strcmp(c->table, img->table);
        }
        if (!on) continue;
        foci[n] = &store[n];
        finding_of[n] = d->findings[i];
        n++;
    }
    return n;
}

/* Render order: most severe first, then the run's order. */
static int by_severity(const void *pa, const void *pb, void *ctx)
{
    const nb_evimage *img = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;
    if (img[a].rendered != img[b].rendered) return img[a].rendered - img[b].rendered;
    return a - b;
}

enum { MAX_FOCI_PER_REGION = 256, MISSES_BEFORE_STOP = 8 };

void nb_evidence_build(const nb_rundata *run, size_t budget, nb_evidence *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->budget = budget;
    plan_regions(run, ev);
    int *order = g_new(int, ev->nimg + 1);
    for (int i = 0; i < ev->nimg; i++) order[i] = i;
    g_qsort_with_data(order, ev->nimg, sizeof *order, by_severity, ev->img);
    nb_focus *store = g_new(nb_focus, MAX_FOCI_PER_REGION);
    const nb_focus *foci[MAX_FOCI_PER_REGION];
    int finding_of[MAX_FOCI_PER_REGION];
    nb_arena *a = (nb_arena *)&run->arena;
    PopplerDocument *pd = NULL;
    int pd_doc = -1, misses = 0;
    const char *pd_why = NULL;
    for (int i = 0; i < ev->nimg; i++) {
        nb_evimage *img = &ev->img[order[i]];
        img->rendered = 0;
        if (budget && (ev->total_png >= budget || misses >= MISSES_BEFORE_STOP)) {
            img->why_not = "budget";
            ev->left_out++;
            continue;
        }
        const nb_rdoc *d = &run->docs[img->doc];
        if (pd_doc != img->doc) {
            if (pd) g_object_unref(pd);
            pd_why = NULL;
            pd = open_pdf(d->file, d->sha256, &pd_why);
            pd_doc = img->doc;
        }
        if (!pd) {
            img->why_not = pd_why;
            continue;
        }
        int n = foci_on(run, d, img, store, foci, finding_of, MAX_FOCI_PER_REGION);
        nb_arena scratch;
        nb_arena_init(&scratch);
        nb_evimage trial = *img;
        if (render_region(&scratch, pd, d, foci, finding_of, n, &trial) != 0) {
            img->why_not = trial.why_not;
        } else if (budget && ev->total_png + trial.png_bytes > budget) {
            img->why_not = "budget";
            ev->left_out++;
            misses++;
        } else {
            /* keep it: copy out of the scratch arena */
            *img = trial;
            img->png_base64 = nb_strdup(a, trial.png_base64);
            img->marks = nb_alloc(a, (size_t)trial.nmarks * sizeof(nb_evmark) + 1);
            memcpy(img->marks, trial.marks, (size_t)trial.nmarks * sizeof(nb_evmark));
            ev->total_png += trial.png_bytes;
            misses = 0;
        }
        nb_arena_free(&scratch);
    }
    if (pd) g_object_unref(pd);
    g_free(store);
    g_free(order);
    /* the images live on in the run's arena; the array itself is copied there too */
    nb_evimage *v = nb_alloc(a, (size_t)ev->nimg * sizeof *v + 1);
    if (ev->nimg) memcpy(v, ev->img, (size_t)ev->nimg * sizeof *v);
    g_free(ev->img);
    ev->img = v;
}

int nb_evidence_images_of(const nb_evidence *ev, int finding, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < ev->nimg && n < max; i++)
        for (int j = 0; j < ev->img[i].nmarks; j++)
            if (ev->img[i].marks[j].finding == finding) {
                out[n++] = i;
                break;
            }
    return n;
}

/* ---------- text inputs: the source lines ---------- */

struct nb_evtext {
    nb_doc   *doc;
    nb_report rep;
};

nb_evtext *nb_evtext_open(const nb_rdoc *d)
{
    nb_ingest_limits lim = {0};
    nb_doc *doc = nb_ingest(d->file, &lim);
    if (doc->status == NB_STATUS_ERROR || (*d->sha256 && strcmp(doc->sha256, d->sha256) != 0)) {
        nb_doc_free(doc);
        return NULL;
    }
    nb_evtext *t = g_new0(nb_evtext, 1);
    t->doc = doc;
    nb_report_init(&t->rep, doc);
    nb_read_tables(&t->rep);
    return t;
}

void nb_evtext_close(nb_evtext *t)
{
    if (!t) return;
    nb_doc_free(t->doc);
    g_free(t);
}

/* Where the cell's printed text sits in its line: the occurrence whose x is nearest the cell's. */
static int locate_in_line(const nb_line *l, const nb_cell *c, uint32_t *off)
{
    size_t n = c->raw ? strlen(c->raw) : 0;
    if (!n) return 0;
    int found = 0;
    float best = 0;
    for (const char *p = l->raw; (p = strstr(p, c->raw)) != NULL; p++) {
        uint32_t o = (uint32_t)(p - l->raw);
        float dist = fabsf(nb_line_x0(l, o) - c->box.x0);
        if (!found || dist < best) {
            best = dist;
            *off = o;
            found = 1;
        }
    }
    return found;
}

typedef struct span {
    uint32_t line, off, len;
    int      reported;
} span;

static int by_place(const void *pa, const void *pb)
{
    const span *a = pa, *b = pb;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    return a->off < b->off ? -1 : a->off > b->off;
}

enum { QUOTE_CONTEXT = 48, QUOTE_MAX_LINES = 12 };

/* Step back or forward to a UTF-8 character boundary. */
static uint32_t utf8_back(const char *s, uint32_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

static uint32_t utf8_fwd(const char *s, uint32_t i, uint32_t n)
{
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
    return i;
}

/* One quoted line: its marks, cut to a window when the line is long. */
static void quote_line(GString *s, const nb_line *l, uint32_t index, const span *sp, int nsp)
{
    uint32_t from = 0, to = l->raw_len;
    if (!nsp && l->raw_len > 200) to = utf8_fwd(l->raw, 200, l->raw_len);
    else if (l->raw_len > 200) {
        from = sp[0].off > QUOTE_CONTEXT ? utf8_back(l->raw, sp[0].off - QUOTE_CONTEXT) : 0;
        uint32_t last = sp[nsp - 1].off + sp[nsp - 1].len;
        to = utf8_fwd(l->raw, last + QUOTE_CONTEXT < l->raw_len ? last + QUOTE_CONTEXT : l->raw_len, l->raw_len);
    }
    g_string_append_printf(s, "<div class=\"ql\"><span class=\"ln\">%u</span>", index + 1);
    if (from > 0) g_string_append(s, "…");
    uint32_t at = from;
    for (int i = 0; i < nsp; i++) {
        if (sp[i].off < at) continue;      /* two cells on the same text: mark it once */
        nb_h_textn(s, l->raw + at, sp[i].off - at);
        g_string_append_printf(s, "<mark class=\"%s\">", sp[i].reported ? "rep" : "op");
        nb_h_textn(s, l->raw + sp[i].off, sp[i].len);
        g_string_append(s, "</mark>");
        at = sp[i].off + sp[i].len;
    }
    if (at < to) nb_h_textn(s, l->raw + at, to - at);
    if (to < l->raw_len) g_string_append(s, "…");
    g_string_append(s, "</div>");
}

const char *nb_evtext_quote(nb_evtext *t, nb_arena *a, const nb_rdoc *d, const nb_focus *fo)
{
    if (!t || !t->rep.tables) return NULL;
    span sp[NB_FOCUS_MAX];
    int n = 0;
    for (int j = 0; j < fo->n; j++) {
        const nb_rcell *rc = &d->cells[fo->cell[j]];
        nb_table *tb = nb_tables_get(t->rep.tables, rc->table);
        if (!tb) continue;
        int r = nb_row_index(tb->def, rc->row), c = nb_col_index(tb->def, rc->col);
        if (r < 0 || c < 0) continue;
        const nb_cell *cell = nb_table_cell(tb, r, c);
        if (cell->kind == NB_CELL_ABSENT || cell->line >= t->doc->nlines) continue;
        const nb_line *l = &t->doc->lines[cell->line];
        uint32_t off = 0;
        int found = locate_in_line(l, cell, &off);
        sp[n] = (span){cell->line, found ? off : UINT32_MAX, found ? (uint32_t)strlen(cell->raw) : 0, fo->side[j]};
        n++;
    }
    int located = 0;
    for (int i = 0; i < n; i++) located += sp[i].off != UINT32_MAX;
    if (!located) return NULL;      /* blank cells only: a line with nothing to point at */
    qsort(sp, (size_t)n, sizeof *sp, by_place);
    GString *s = g_string_new("<div class=\"quote\">");
    int lines = 0;
    for (int i = 0; i < n && lines < QUOTE_MAX_LINES;) {
        int k = i, m = 0;
        span marks[NB_FOCUS_MAX];
        while (k < n && sp[k].line == sp[i].line) {
            if (sp[k].off != UINT32_MAX) marks[m++] = sp[k];
            k++;
        }
        const nb_line *l = &t->doc->lines[sp[i].line];
        quote_line(s, l, sp[i].line, marks, m);
        lines++;
        i = k;
    }
    g_string_append(s, "</div>");
    const char *out = nb_strndup(a, s->str, s->len);
    g_string_free(s, TRUE);
    return out;
}
