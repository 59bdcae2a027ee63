/*
 * parser/ingest_pdf.c — PDF reports through poppler-glib.
 *
 * poppler_page_get_text gives the page's characters and poppler_page_get_text_layout one rectangle
 * per character of that text (synthetic spaces and newlines included, so the two are walked together
 * with g_utf8). poppler's own line breaks follow its reading order, which splits a table row into
 * column blocks; so its spaces and newlines are dropped and lines are rebuilt from geometry:
 * characters are clustered by vertical centre, sorted by x, and a space is put where the gap
 * between two characters is wider than a fraction of the line height. Which way the text runs and
 * how tall a line is come from pdf_geometry.c, never from the glyph boxes' raw heights, which
 * overlap the next line in some producers' fonts. Each byte of a line's text
 * keeps the x extent of its character, which is what lets the table reader place numbers in
 * columns and split digits that a producer drew without a gap.
 *
 * Fake bold (the same glyph drawn twice, slightly offset) is collapsed; pages with no characters
 * are counted and, unless --ocr never, read by OCR (ocr.c); a document with no text at all is
 * status no_text_layer. On a page with text, a large picture with no text over it (a table pasted
 * as a screenshot or a scan) is read by OCR too, and its lines put among the text lines by their
 * height on the page, so that the readers see one page (mixed pages, below).
 */
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "ocr.h"
#include "pdf_furniture.h"
#include "pdf_geometry.h"
#include "utf8.h"

typedef nb_glyph glyph;

static int sniff_pdf(const unsigned char *s, size_t n)
{
    size_t lim = n < 1024 ? n : 1024;
    return memmem(s, lim, "%PDF-", 5) != NULL;
}

static float yc(const glyph *g) { return (g->y0 + g->y1) / 2; }
static float gh(const glyph *g) { return g->y1 - g->y0; }

/* Sorting: glibc's qsort is a merge sort that, on a tie, takes from the left run; it was a tenth of
 * the instructions of a run on a PDF, spent mostly calling the comparison through a pointer. These
 * are the same algorithm — the same halving, the same merge — with the comparison inlined, so they
 * give the same order as qsort did, ties and all. tmp holds n elements. */
#define MERGE_SORT(name, type, LEFT_FIRST)                                                  \
    static void name(type *b, size_t n, type *tmp)                                          \
    {                                                                                       \
        if (n <= 1) return;                                                                 \
        size_t n1 = n / 2, n2 = n - n1;                                                     \
        type *b1 = b, *b2 = b + n1, *t = tmp;                                               \
        name(b1, n1, tmp);                                                                  \
        name(b2, n2, tmp);                                                                  \
        while (n1 > 0 && n2 > 0) {                                                          \
            if (LEFT_FIRST(b1, b2)) { *t++ = *b1++; n1--; }                                 \
            else { *t++ = *b2++; n2--; }                                                    \
        }                                                                                   \
        if (n1 > 0) memcpy(t, b1, n1 * sizeof *b1);                                         \
        memcpy(b, tmp, (n - n2) * sizeof *b);                                               \
    }

/* by vertical centre, then by left edge: the old comparison's "a <= b" */
static inline int y_first(const glyph *a, const glyph *b)
{
    float d = yc(a) - yc(b);
    if (d != 0) return d < 0;
    return !(a->x0 - b->x0 > 0);
}

static inline int x_first(const glyph *a, const glyph *b) { return !(a->x0 - b->x0 > 0); }

MERGE_SORT(sort_by_y, glyph, y_first)
MERGE_SORT(sort_by_x, glyph, x_first)

/* Collect the page's visible characters with their rectangles. */
static size_t page_glyphs(PopplerPage *page, glyph **out)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    *out = NULL;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
        g_free(text);
        g_free(rects);
        return 0;
    }
    glyph *g = malloc((nrects ? nrects : 1) * sizeof *g);
    size_t n = 0;
    guint i = 0;
    int joined = 0;                         /* no space or line break since the last glyph */
    for (const char *p = text; *p && i < nrects; p = g_utf8_next_char(p), i++) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) c = 0xFFFD;
        if (c == '\n' || c == '\r' || nb_is_space(c) || c == 0) {
            joined = 0;
            continue;
        }
        PopplerRectangle *r = &rects[i];
        g[n].cp = c;
        g[n].ord = (uint32_t)n;
        g[n].joined = (uint8_t)(n > 0 && joined);
        joined = 1;
        g[n].x0 = (float)fmin(r->x1, r->x2);
        g[n].x1 = (float)fmax(r->x1, r->x2);
        g[n].y0 = (float)fmin(r->y1, r->y2);
        g[n].y1 = (float)fmax(r->y1, r->y2);
        if (g[n].y1 - g[n].y0 < 0.5f) g[n].y1 = g[n].y0 + 0.5f;
        n++;
    }
    g_free(text);
    g_free(rects);
    *out = g;
    return n;
}

/* A CJK ideograph (the unified block and extension A). */
static int is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Emit one line built from glyphs g[0..n) already sorted by x. */
static void emit_line(nb_doc *d, glyph *g, size_t n, GString *buf, GArray *geo, uint32_t flags)
{
    float y0 = g[0].y0, y1 = g[0].y1, hsum = 0;
    for (size_t i = 0; i < n; i++) {
        if (g[i].y0 < y0) y0 = g[i].y0;
        if (g[i].y1 > y1) y1 = g[i].y1;
        hsum += g[i].sh;
    }
    float h = hsum / (float)n;
    g_string_truncate(buf, 0);
    g_array_set_size(geo, 0);
    const glyph *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        const glyph *c = &g[i];
        if (prev) {
            float w = prev->x1 - prev->x0;
            /* fake bold: the same character again at nearly the same place */
            if (c->cp == prev->cp && fabsf(c->x0 - prev->x0) < 0.3f * (w > 0 ? w : h)) continue;
            /* a gap wider than a quarter of the line's height; or, between two Han characters
             * where poppler itself ended a word, one of a tenth: the cells of a tight table header
             * (自然人 商业企 科研机, 3 pt apart in 10.5 pt type) that LibreOffice draws one by one
             * (a digit before Han is list numbering: 1申请人…, kept whole) */
            float gap = c->x0 - prev->x1;
            if (gap > 0.25f * h || (gap > 0.1f * h && !c->joined && is_han(prev->cp) && is_han(c->cp))) {
                nb_xspan sp = {prev->x1, c->x0};
                g_string_append_c(buf, ' ');
                g_array_append_val(geo, sp);
            }
        }
        char u[4];
        int k = nb_utf8_encode(c->cp, u);
        g_string_append_len(buf, u, k);
        nb_xspan xs = {c->x0, c->x1};
        for (int j = 0; j < k; j++) g_array_append_val(geo, xs);
        prev = c;
    }
    nb_line *l = nb_doc_add_line(d, buf->str, buf->len, (const nb_xspan *)(void *)geo->data, y0, y1, 0);
    l->flags |= flags;
}

/* Lines read by OCR from pictures (pics, top down) whose vertical centre lies above y, added now:
 * the page's lines go top down whichever source they come from. */
static void add_pictures_above(nb_doc *d, const nb_ocr_lines *pics, size_t *next, float y)
{
    for (; pics && *next < pics->n && (pics->v[*next].y0 + pics->v[*next].y1) / 2 < y; ++*next)
        nb_ocr_line_add(d, &pics->v[*next]);
}

/* Cluster glyphs into lines by vertical centre, then emit each sorted by x; the lines of pics
 * (OCR of the page's pictures, or NULL) go among them by height. */
static void build_lines(nb_doc *d, glyph *g, size_t n, glyph *tmp, GString *buf, GArray *geo, uint32_t flags,
                        const nb_ocr_lines *pics)
{
    size_t next = 0;
    if (n == 0) {
        add_pictures_above(d, pics, &next, INFINITY);
        return;
    }
    sort_by_y(g, n, tmp);
    size_t start = 0;
    float cy = yc(&g[0]), ch = gh(&g[0]);
    for (size_t i = 1; i <= n; i++) {
        if (i < n) {
            float tol = 0.45f * (ch > gh(&g[i]) ? ch : gh(&g[i]));
            if (fabsf(yc(&g[i]) - cy) <= tol) {
                /* running mean keeps a long line from drifting */
                size_t k = i - start + 1;
                cy += (yc(&g[i]) - cy) / (float)k;
                ch += (gh(&g[i]) - ch) / (float)k;
                continue;
            }
        }
        sort_by_x(g + start, i - start, tmp);
        add_pictures_above(d, pics, &next, cy);
        emit_line(d, g + start, i - start, buf, geo, flags);
        if (i < n) {
            start = i;
            cy = yc(&g[i]);
            ch = gh(&g[i]);
        }
    }
    add_pictures_above(d, pics, &next, INFINITY);
}

/* ---- mixed pages: a picture where the text layer has nothing ---- */

/* The integer after key within [p, e) (a dictionary's bytes), or -1: absent, or not a plain number
 * (an indirect reference "7 0 R" is no size to trust). */
static long dict_int(const unsigned char *p, const unsigned char *e, const char *key)
{
    size_t k = strlen(key);
    for (const unsigned char *q = p; (q = memmem(q, (size_t)(e - q), key, k)); q += k) {
        const unsigned char *v = q + k;
        if (v < e && ((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z'))) continue;   /* /WidthX */
        while (v < e && (*v == ' ' || *v == '\r' || *v == '\n' || *v == '\t')) v++;
        long x = 0;
        int digits = 0;
        for (; v < e && *v >= '0' && *v <= '9' && digits < 12; v++, digits++) x = x * 10 + (*v - '0');
        if (!digits) return -1;
        while (v < e && *v == ' ') v++;
        if (v < e && *v >= '0' && *v <= '9') return -1;   /* "7 0 R" */
        return x;
    }
    return -1;
}

/* The image XObjects of the file, from its bytes: their dictionaries say /Subtype /Image, and a
 * stream's dictionary is never inside a compressed object stream, so the bytes tell without
 * poppler drawing any page (/ImageB and the like of a ProcSet are not it). Returns whether there
 * is any (sparing text-only files the image mapping, which interprets each page's content again);
 * *pixels is the largest one's declared width × height, the side over which OCR would have
 * poppler decode a damaged file's gigabytes. */
static int image_xobjects(const unsigned char *s, size_t n, double *pixels)
{
    static const char name[] = "/Image";
    const size_t k = sizeof name - 1;
    int any = 0;
    *pixels = 0;
    for (const unsigned char *p = s; (p = memmem(p, (size_t)(s + n - p), name, k)); p += k) {
        const unsigned char *e = p + k;
        if (e < s + n && ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9'))) continue;
        const unsigned char *b = p;
        while (b > s && (b[-1] == ' ' || b[-1] == '\r' || b[-1] == '\n' || b[-1] == '\t')) b--;
        if (b - s < 8 || memcmp(b - 8, "/Subtype", 8)) continue;
        any = 1;
        /* the dictionary around it: back to its "<<", on to its "stream" (a bound either way) */
        const unsigned char *d0 = b - 8, *d1 = e;
        for (int i = 0; d0 > s && i < 4096 && !(d0[0] == '<' && d0[1] == '<'); i++) d0--;
        const unsigned char *st = memmem(e, (size_t)(s + n - e) < 4096 ? (size_t)(s + n - e) : 4096, "stream", 6);
        d1 = st ? st : (size_t)(s + n - e) < 4096 ? s + n : e + 4096;
        long w = dict_int(d0, d1, "/Width"), h = dict_int(d0, d1, "/Height");
        if (w > 0 && h > 0 && (double)w * (double)h > *pixels) *pixels = (double)w * (double)h;
    }
    return any;
}

/* A picture worth reading: a twentieth of the page or more, at least a quarter of its width and
 * half an inch high (a seal, a logo or a rule drawn as an image is smaller), with no more than a
 * couple of the text layer's characters over it (a caption's stray mark; a scan under its own
 * OCR text layer has them all). */
static int picture_to_read(const PopplerRectangle *a, double pw, double ph, const glyph *g, size_t ng)
{
    double x0 = fmin(a->x1, a->x2), x1 = fmax(a->x1, a->x2), y0 = fmin(a->y1, a->y2), y1 = fmax(a->y1, a->y2);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > pw) x1 = pw;
    if (y1 > ph) y1 = ph;
    double w = x1 - x0, h = y1 - y0;
    if (w < 0.25 * pw || h < 36 || w * h < 0.05 * pw * ph) return 0;
    size_t over = 0;
    for (size_t i = 0; i < ng && over <= 2; i++) {
        double cx = (g[i].x0 + g[i].x1) / 2, cy = (g[i].y0 + g[i].y1) / 2;
        over += cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
    }
    return over <= 2;
}

/* OCR of the pictures of an upright page with text that picture_to_read takes, into pics; the
 * page counts as read by OCR when any was. */
static void read_pictures(nb_doc *d, PopplerPage *page, double pw, double ph, const glyph *g, size_t ng,
                          const nb_ingest_limits *lim, nb_ocr_lines *pics)
{
    if (lim && lim->ocr == NB_OCR_NEVER) return;
    GList *maps = poppler_page_get_image_mapping(page);
    int read = 0;
    for (GList *m = maps; m; m = m->next) {
        const PopplerImageMapping *im = m->data;
        if (getenv("NB_OCR_DEBUG"))
            fprintf(stderr, "ocr: picture %d at %.0f,%.0f-%.0f,%.0f on a page with %zu characters\n", im->image_id,
                    im->area.x1, im->area.y1, im->area.x2, im->area.y2, ng);
        if (!picture_to_read(&im->area, pw, ph, g, ng)) continue;
        const char *why = nb_ocr_unavailable();
        if (why) {
            d->ocr_note = why;
            break;
        }
        size_t before = pics->n;
        if (nb_ocr_region(d, page, im->image_id, &im->area, pics) >= 0) read = 1;
        /* two pictures side by side: their lines, each top down, merged top down */
        if (before && pics->n > before) {
            nb_ocr_line *v = pics->v;
            for (size_t i = before; i < pics->n; i++)
                for (size_t j = i; j > 0 && v[j - 1].y0 + v[j - 1].y1 > v[j].y0 + v[j].y1; j--) {
                    nb_ocr_line t = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = t;
                }
        }
    }
    poppler_page_free_image_mapping(maps);
    d->ocr_pages += (uint32_t)read;
}

static void read_metadata(nb_doc *d, PopplerDocument *pd)
{
    char *s;
    if ((s = poppler_document_get_title(pd))) { d->meta.title = nb_strdup(&d->arena, s); g_free(s); }
    if ((s = poppler_document_get_author(pd))) { d->meta.author = nb_strdup(&d->arena, s); g_free(s); }
    if ((s = poppler_document_get_creator(pd))) { d->meta.creator = nb_strdup(&d->arena, s); g_free(s); }
    if ((s = poppler_document_get_producer(pd))) { d->meta.producer = nb_strdup(&d->arena, s); g_free(s); }
    GDateTime *t = poppler_document_get_creation_date_time(pd);
    if (t) {
        char *iso = g_date_time_format(t, "%Y-%m-%dT%H:%M:%S%:z");
        d->meta.creation_date = nb_strdup(&d->arena, iso);
        g_free(iso);
        g_date_time_unref(t);
    }
    t = poppler_document_get_modification_date_time(pd);
    if (t) {
        char *iso = g_date_time_format(t, "%Y-%m-%dT%H:%M:%S%:z");
        d->meta.mod_date = nb_strdup(&d->arena, iso);
        g_free(iso);
        g_date_time_unref(t);
    }
}

/* poppler prints its complaints about damaged files on stderr; they are ours to report. */
static void quiet_poppler(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain; (void)level; (void)msg; (void)data;
}

static int ingest_pdf(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim)
{
    static int quiet;
    if (!quiet) {
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_poppler, NULL);
        quiet = 1;
    }
    GBytes *bytes = g_bytes_new_static(data, n);
    GError *err = NULL;
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!pd) {
        int enc = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        nb_doc_fail(d, enc ? NB_ERR_PDF_ENCRYPTED : NB_ERR_PDF_DAMAGED, err ? err->message : NULL);
        if (err) g_error_free(err);
        g_bytes_unref(bytes);
        return -1;
    }
    read_metadata(d, pd);
    int npages = poppler_document_get_n_pages(pd);
    if (lim && lim->max_pages && npages > (int)lim->max_pages) npages = (int)lim->max_pages;
    GString *buf = g_string_new(NULL);
    GArray *geo = g_array_new(FALSE, FALSE, sizeof(nb_xspan));
    size_t total = 0;
    double pixels;
    int pictures = image_xobjects(data, n, &pixels);
    nb_ingest_limits own = lim ? *lim : (nb_ingest_limits){0};
    if (pixels > NB_OCR_MAX_PIXELS && own.ocr != NB_OCR_NEVER) {
        /* OCR would have poppler decode it whole: the pages are read as their text layer has them */
        d->ocr_note = "an image of the file is too large for OCR (over 120 million pixels)";
        own.ocr = NB_OCR_NEVER;
        pictures = 0;
    }
    lim = &own;
    for (int p = 0; p < npages; p++) {
        PopplerPage *page = poppler_document_get_page(pd, p);
        double w = 0, h = 0;
        if (page) poppler_page_get_size(page, &w, &h);
        nb_doc_begin_page(d, (float)w, (float)h);
        nb_page *pg = (nb_page *)d->vpages.data + d->vpages.len - 1;
        if (!page) {
            d->pages_without_text++;
            continue;
        }
        glyph *g;
        size_t ng = page_glyphs(page, &g);
        if (ng == 0) d->pages_without_text++;
        long nocr = nb_ocr_take_page(d, page, ng, lim);    /* OCR as the page's source (ocr.c) */
        if (nocr >= 0) {
            total += (size_t)nocr;
            free(g);
            g_object_unref(page);
            continue;
        }
        glyph *tmp = malloc((ng ? ng : 1) * sizeof *tmp);     /* the sorts' scratch */
        size_t along_x, along_y;
        nb_text_dir dir = nb_pdf_text_direction(g, ng, &along_x, &along_y);
        uint32_t flags = 0;
        if (nb_pdf_direction_mixed(along_x, along_y)) {
            d->mixed_direction_pages++;
            flags = NB_LINE_DOUBTFUL;
        }
        if (dir != NB_DIR_UPRIGHT) {
            nb_pdf_turn_upright(g, ng, dir, (float)w, (float)h);
            pg->width = (float)h;           /* the page as read, text upright */
            pg->height = (float)w;
        }
        nb_pdf_settle_heights(g, ng);
        nb_ocr_lines pics = {0};
        if (pictures && dir == NB_DIR_UPRIGHT) read_pictures(d, page, w, h, g, ng, lim, &pics);
        build_lines(d, g, ng, tmp, buf, geo, flags, &pics);
        nb_ocr_lines_free(&pics);
        total += ng;
        free(tmp);
        free(g);
        g_object_unref(page);
    }
    g_string_free(buf, TRUE);
    g_array_free(geo, TRUE);
    nb_pdf_mark_running_heads(d);
    g_object_unref(pd);
    g_bytes_unref(bytes);
    if (total == 0) d->status = NB_STATUS_NO_TEXT_LAYER;
    return 0;
}

const nb_ingester nb_ingest_pdf = {
    .name = "pdf",
    .kind = NB_KIND_PDF,
    .sniff = sniff_pdf,
    .ingest = ingest_pdf,
};
