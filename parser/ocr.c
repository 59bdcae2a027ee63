/*
 * parser/ocr.c — a scanned page read by Tesseract into the document model (see ocr.h).
 *
 *   page ─► grey image ─► upright, ─► ruled cells (ocr_cells.c) ─► each cell read on its own,
 *           (the image     specks    and the rules wiped           number cells again with digits
 *            itself, or                                              only; then the rest of the page
 *            rendered)                                               ─► characters ─► lines
 *
 * The page's image is taken as it is when the page is one image (a scanner's PDF, img2pdf), so it
 * is read at its own resolution; otherwise poppler renders it at --ocr-dpi. Red is dropped when
 * turning colour to grey, so a seal stamped over the signature or a table does not hide the black
 * ink under it. Tesseract's characters come with boxes and a confidence; they are clustered into
 * lines by their vertical centres like the characters of a text layer, a space put where the gap
 * is wide, and each byte of a line keeps its character's confidence (nb_line.conf), so the table
 * reader can leave a number whose digits Tesseract doubted uncertain instead of guessing.
 *
 * Tesseract is loaded with dlopen on the first scanned page (ocr.h says why) and kept for the
 * worker's life; OMP_THREAD_LIMIT=1 unless set: pages run in parallel across workers, and its
 * OpenMP threads would only fight them for the cores. NB_OCR_DEBUG=1 in the environment prints each
 * cell's reading and each digits re-reading on stderr (for tuning on generated scans).
 */
#include "ocr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ocr_image.h"
#include "utf8.h"

#ifdef NB_HAVE_OCR
#include <cairo.h>
#include <dlfcn.h>
#include <tesseract/capi.h>

/* ---------- the library, loaded on first use ---------- */

#define TESS_FUNCS(X)                                                                               \
    X(TessBaseAPICreate) X(TessBaseAPIInit3) X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage)   \
    X(TessBaseAPISetSourceResolution) X(TessBaseAPISetRectangle) X(TessBaseAPIRecognize)           \
    X(TessBaseAPIGetIterator) X(TessBaseAPISetVariable) X(TessResultIteratorDelete)                \
    X(TessResultIteratorNext) X(TessResultIteratorGetUTF8Text) X(TessResultIteratorConfidence)     \
    X(TessResultIteratorGetPageIteratorConst) X(TessPageIteratorBoundingBox) X(TessDeleteText)      \
    X(TessPageIteratorIsAtBeginningOf) X(TessBaseAPIClear) X(TessBaseAPIDelete)

#define TESS_DECLARE(f) __typeof__(f) *f;
static struct {
    TESS_FUNCS(TESS_DECLARE)
} T;

static TessBaseAPI *api;          /* chi_sim: the page and its cells */
static TessBaseAPI *digits_api;   /* eng, digits only: numbers again (chi_sim reads a 6 as 0 in some
                                   * faces; the Latin model, given only digits, does not) */
static TessBaseAPI *osd_api;      /* orientation and script detection: a page scanned turned */
static __typeof__(TessBaseAPIDetectOrientationScript) *detect_os;   /* resolved apart: a library
                                   * built without the legacy engine lacks it, and OCR still runs */
static const char *osd_missing;   /* why pages are not turned upright (no osd data), else NULL */
static const char *unavailable;   /* why not, once tried */
static int tried;

/* One recognizer for a language, its warnings (resolution guesses, empty pages) silenced: they are
 * Tesseract's business, not the user's. NULL, with the package to install said, when the language
 * data is missing. */
static TessBaseAPI *open_model(const char *lang, const char *package)
{
    static char why[160];
    TessBaseAPI *a = T.TessBaseAPICreate();
    T.TessBaseAPISetVariable(a, "debug_file", "/dev/null");
    if (T.TessBaseAPIInit3(a, NULL, lang) != 0) {
        snprintf(why, sizeof why, "Tesseract has no %s language data (install %s)", lang, package);
        unavailable = why;
        T.TessBaseAPIDelete(a);   /* the half-initialised recognizer: no leak when osd alone is missing */
        return NULL;
    }
    T.TessBaseAPISetVariable(a, "debug_file", "/dev/null");
    return a;
}

/* Orientation detection is optional: without its data (Debian tesseract-ocr-osd) pages are read
 * as they lie, and the document says so. */
static void load_osd(void *h)
{
    *(void **)(&detect_os) = dlsym(h, "TessBaseAPIDetectOrientationScript");
    if (!detect_os) {
        osd_missing = "libtesseract.so.5 lacks orientation detection: pages not turned upright";
        return;
    }
    const char *why = unavailable;
    osd_api = open_model("osd", "tesseract-ocr-osd");
    unavailable = why;     /* open_model said what is missing; here it is no reason to stop */
    if (!osd_api) osd_missing = "Tesseract has no osd data (install tesseract-ocr-osd): pages not turned upright";
}

static void load(void)
{
    if (tried) return;
    tried = 1;
    setenv("OMP_THREAD_LIMIT", "1", 0);
    void *h = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        unavailable = "libtesseract.so.5 cannot be loaded (install tesseract-ocr)";
        return;
    }
#define TESS_RESOLVE(f)                                                                             \
    if (!(*(void **)(&T.f) = dlsym(h, #f))) {                                                      \
        unavailable = "libtesseract.so.5 lacks " #f;                                               \
        return;                                                                                     \
    }
    TESS_FUNCS(TESS_RESOLVE)
    api = open_model("chi_sim", "tesseract-ocr-chi-sim");
    digits_api = api ? open_model("eng", "tesseract-ocr-eng") : NULL;
    if (!digits_api) {
        api = NULL;
        return;
    }
    T.TessBaseAPISetVariable(digits_api, "tessedit_char_whitelist", "0123456789.-/");
    load_osd(h);
}

const char *nb_ocr_unavailable(void)
{
    load();
    return unavailable;
}

/* ---------- the page as a grey image ---------- */

/* Grey from a cairo pixel (ARGB32 premultiplied or RGB24), on white; red ink (a seal) drops to
 * its red channel, which is light. */
static uint8_t grey_of(uint32_t px, int alpha)
{
    int a = alpha ? (int)(px >> 24) : 255;
    int r = (int)((px >> 16) & 255) + 255 - a, g = (int)((px >> 8) & 255) + 255 - a, b = (int)(px & 255) + 255 - a;
    if (r > 255) r = 255;
    if (g > 255) g = 255;
    if (b > 255) b = 255;
    if (r > g + 60 && r > b + 60) return (uint8_t)r;
    return (uint8_t)((299 * r + 587 * g + 114 * b) / 1000);
}

static int grey_from_surface(cairo_surface_t *s, ocr_gray *g)
{
    cairo_format_t f = cairo_image_surface_get_format(s);
    if (f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24) return -1;
    cairo_surface_flush(s);
    g->w = cairo_image_surface_get_width(s);
    g->h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    if (g->w <= 0 || g->h <= 0 || !data) return -1;
    g->p = malloc((size_t)g->w * (size_t)g->h);
    for (int y = 0; y < g->h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        uint8_t *o = g->p + (size_t)y * (size_t)g->w;
        for (int x = 0; x < g->w; x++) o[x] = grey_of(row[x], f == CAIRO_FORMAT_ARGB32);
    }
    return 0;
}

/* The page's only image, when it covers the page: read at its own resolution. */
static int page_own_image(PopplerPage *page, double pw, double ph, ocr_gray *g, double *dpi)
{
    GList *maps = poppler_page_get_image_mapping(page);
    int ok = -1;
    if (maps && !maps->next) {
        const PopplerImageMapping *m = maps->data;
        double aw = fabs(m->area.x2 - m->area.x1), ah = fabs(m->area.y2 - m->area.y1);
        if (aw >= 0.95 * pw && ah >= 0.95 * ph) {
            cairo_surface_t *s = poppler_page_get_image(page, m->image_id);
            if (s) {
                double r = cairo_image_surface_get_width(s) * 72.0 / pw;
                if (r >= 100 && r <= 650 && grey_from_surface(s, g) == 0) {
                    *dpi = r;
                    ok = 0;
                }
                cairo_surface_destroy(s);
            }
        }
    }
    poppler_page_free_image_mapping(maps);
    return ok;
}

static int page_rendered(PopplerPage *page, double pw, double ph, unsigned dpi, ocr_gray *g)
{
    int w = (int)ceil(pw * dpi / 72), h = (int)ceil(ph * dpi / 72);
    if (w <= 0 || h <= 0 || (double)w * h > NB_OCR_MAX_PIXELS) return -1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    int rc = grey_from_surface(s, g);
    cairo_surface_destroy(s);
    return rc;
}

/* ---------- recognition ---------- */

typedef struct sym {
    float   x0, y0, x1, y1;   /* pixels, then points */
    uint32_t word;            /* Tesseract's word it belongs to (numbered across the page) */
    uint32_t line;            /* and its text line (numbered likewise) */
    float   wx0, wx1;         /* its word's extent: the ink's, where a character's box, the
                               * recogniser's estimate, may be off by half a digit */
    uint8_t in_cell;          /* read from a ruled cell */
    uint8_t conf;
    uint8_t len;
    char    u[14];            /* UTF-8 */
} sym;

typedef struct syms {
    sym   *s;
    size_t n, cap;
} syms;

static void syms_add(syms *v, const sym *s)
{
    if (v->n == v->cap) v->s = realloc(v->s, (v->cap = v->cap ? 2 * v->cap : 256) * sizeof *v->s);
    v->s[v->n++] = *s;
}

static uint32_t words_seen, lines_seen;

/* Every character of the last recognition by a, appended to out. */
static void collect(TessBaseAPI *a, syms *out)
{
    TessResultIterator *ri = T.TessBaseAPIGetIterator(a);
    if (!ri) return;
    const TessPageIterator *pi = T.TessResultIteratorGetPageIteratorConst(ri);
    int ly0 = 0, ly1 = 0, wx0 = 0, wx1 = 0;
    do {
        if (T.TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
            int wy0, wy1;
            words_seen++;
            if (!T.TessPageIteratorBoundingBox(pi, RIL_WORD, &wx0, &wy0, &wx1, &wy1)) wx0 = wx1 = 0;
        }
        int lx0, lx1;
        if (T.TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            T.TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &lx0, &ly0, &lx1, &ly1);
            lines_seen++;
        }
        char *t = T.TessResultIteratorGetUTF8Text(ri, RIL_SYMBOL);
        int l, tp, r, b;
        size_t n = t ? strlen(t) : 0;
        if (n && n < sizeof ((sym *)0)->u && t[0] != ' ' && T.TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &l, &tp, &r, &b)) {
            float c = T.TessResultIteratorConfidence(ri, RIL_SYMBOL);
            /* a character spans its text line's height, as a glyph of a text layer spans its
             * em: a digit's ink sits low, a comma's lower, and lines are built from centres */
            if (ly1 > ly0 && tp >= ly0 - 2 && b <= ly1 + 2) {
                tp = ly0;
                b = ly1;
            }
            sym s = {(float)l, (float)tp, (float)r, (float)b, words_seen, lines_seen,
                     (float)(wx1 > wx0 ? wx0 : l), (float)(wx1 > wx0 ? wx1 : r), 0,
                     (uint8_t)(c < 0 ? 0 : c > 100 ? 100 : c), (uint8_t)n, {0}};
            memcpy(s.u, t, n);
            /* chi_sim reads a full-width parenthesis as an angle bracket, which reports do not use */
            if (!strcmp(s.u, "〈")) memcpy(s.u, "（", (s.len = 3) + 1);
            else if (!strcmp(s.u, "〉")) memcpy(s.u, "）", (s.len = 3) + 1);
            syms_add(out, &s);
        }
        if (t) T.TessDeleteText(t);
    } while (T.TessResultIteratorNext(ri, RIL_SYMBOL));
    T.TessResultIteratorDelete(ri);
}

static char digit_of(const sym *s);

/* Could the characters v[from..to) be a number misread as something else? Digits, separators,
 * and the letters and Han characters the general model takes digits for (digit_of), with at least
 * one digit among them — or one such character alone: in a ruled cell or a group of ink of its
 * own (a 0 read as O, a serif 1 as 工), or a Latin one in Han text (2026年]月9日). In prose a
 * lone comma is a comma, and a lone 工 is 工. */
static int numberish(const sym *v, size_t from, size_t to)
{
    size_t digits = 0;
    for (size_t i = from; i < to; i++) {
        char c = digit_of(&v[i]);
        if (!c) return 0;
        digits += v[i].len == 1 && c >= '0' && c <= '9';
    }
    /* alone: in a cell, or a Latin look-alike among Han characters (2026年]月9日) */
    return digits > 0 || (to - from == 1 && (v[from].in_cell || v[from].len == 1));
}

static int image_w, image_h;   /* the image the recognizers were given last (read_image) */

/* Recognise the rectangle x0,y0-x1,y1 of the image, clipped to it: Tesseract reads whatever
 * rectangle it is given, beyond the image's last row too (a cell or a group of ink at the edge,
 * padded, reached past it). */
static void recognise_rect(TessBaseAPI *a, int x0, int y0, int x1, int y1, TessPageSegMode psm, syms *out)
{
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > image_w) x1 = image_w;
    if (y1 > image_h) y1 = image_h;
    if (x1 - x0 < 2 || y1 - y0 < 2) return;
    T.TessBaseAPISetPageSegMode(a, psm);
    T.TessBaseAPISetRectangle(a, x0, y0, x1 - x0, y1 - y0);
    if (T.TessBaseAPIRecognize(a, NULL) == 0) collect(a, out);
}

/* Read v[from..to) (one word, or one cell) again with digits only, from page (the page before the
 * read cells were wiped out of it) at dpi; when that gives something, it replaces them in out
 * (returns 1). The number is cut out and put on white with a margin: on the page a stroke of the
 * 年 after 2026 is read as a 4, and with no margin the first digit is lost (2025 as 0255). */
static int reread_digits(const ocr_gray *page, double dpi, const sym *v, size_t from, size_t to, syms *out)
{
    float x0 = v[from].x0, y0 = v[from].y0, x1 = v[from].x1, y1 = v[from].y1;
    for (size_t i = from; i < to; i++) {
        if (v[i].x0 < x0) x0 = v[i].x0;
        if (v[i].y0 < y0) y0 = v[i].y0;
        if (v[i].x1 > x1) x1 = v[i].x1;
        if (v[i].y1 > y1) y1 = v[i].y1;
        if (v[i].wx0 < x0) x0 = v[i].wx0;
        if (v[i].wx1 > x1) x1 = v[i].wx1;
    }
    size_t before = out->n;
    /* a cell's inside is clean: a little around its characters is theirs too */
    int around = v[from].in_cell ? (int)(dpi / 60) : 1, margin = (int)((y1 - y0) / 3) + 2;
    int cx0 = (int)x0 - around < 0 ? 0 : (int)x0 - around, cy0 = (int)y0 - around < 0 ? 0 : (int)y0 - around;
    int cx1 = (int)x1 + around, cy1 = (int)y1 + around, reach = (cy1 - cy0) / 2;
    /* the recogniser's boxes are estimates: an edge that cuts a digit goes out to its ink's end */
    for (int k = 0; k < reach && cx0 > 0 && ocr_ink(page, cx0 - 1, cy0, cx0, cy1); k++) cx0--;
    for (int k = 0; k < reach && cx1 < page->w && ocr_ink(page, cx1, cy0, cx1 + 1, cy1); k++) cx1++;
    ocr_gray crop;
    ocr_crop(page, cx0, cy0, cx1, cy1, 1, margin, &crop);
    if (!crop.p) return 0;
    T.TessBaseAPISetImage(digits_api, crop.p, crop.w, crop.h, 1, crop.w);
    T.TessBaseAPISetSourceResolution(digits_api, (int)lround(dpi));
    recognise_rect(digits_api, 0, 0, crop.w, crop.h, PSM_SINGLE_LINE, out);
    /* a lone digit is sometimes too little for a line's layout analysis (a noisy 1 comes back
     * empty): read as one character, or one word */
    if (out->n == before)
        recognise_rect(digits_api, 0, 0, crop.w, crop.h, to - from == 1 ? PSM_SINGLE_CHAR : PSM_SINGLE_WORD, out);
    free(crop.p);
    for (size_t i = before; i < out->n; i++) {   /* back to the page's pixels */
        out->s[i].x0 += (float)(cx0 - margin);
        out->s[i].x1 += (float)(cx0 - margin);
        out->s[i].wx0 += (float)(cx0 - margin);
        out->s[i].wx1 += (float)(cx0 - margin);
        out->s[i].y0 += (float)(cy0 - margin);
        out->s[i].y1 += (float)(cy0 - margin);
    }
    if (getenv("NB_OCR_DEBUG")) {
        fprintf(stderr, "reread %d,%d-%d,%d:", (int)x0, (int)y0, (int)x1, (int)y1);
        for (size_t i = from; i < to; i++) fprintf(stderr, " %s/%d", v[i].u, v[i].conf);
        fprintf(stderr, " ->");
        for (size_t i = before; i < out->n; i++) fprintf(stderr, " %s/%d", out->s[i].u, out->s[i].conf);
        fprintf(stderr, "\n");
    }
    return out->n > before;
}

/* The digit a general reading stands for: itself, or the letter or Han character that looks like
 * it; 0 for anything else. */
static char digit_of(const sym *s)
{
    static const struct { const char *u; char d; } alike[] = {
        {"O", '0'}, {"o", '0'}, {"D", '0'}, {"〇", '0'}, {"口", '0'}, {"l", '1'}, {"I", '1'}, {"|", '1'},
        {"i", '1'}, {"!", '1'}, {"]", '1'}, {"[", '1'}, {"工", '1'}, {"丨", '1'}, {"S", '5'}, {"Z", '2'},
        {"B", '8'}, {"g", '9'}, {"q", '9'},
    };
    if (s->len == 1 && ((s->u[0] >= '0' && s->u[0] <= '9') || s->u[0] == '.' || s->u[0] == '-' || s->u[0] == '/'))
        return s->u[0];
    for (size_t k = 0; k < sizeof alike / sizeof alike[0]; k++)
        if (!strcmp(s->u, alike[k].u)) return alike[k].d;
    return 0;
}

/* Does v[from..to) hold a digit 0-9 (not only a dash or a mark)? */
static int holds_digit(const sym *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (digit_of(&v[i]) >= '0' && digit_of(&v[i]) <= '9') return 1;
    return 0;
}

/* Make v[from..to) uncertain: no confidence at or above the certain mark. */
static void doubt(sym *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (v[i].conf >= NB_OCR_CONF_CERTAIN) v[i].conf = NB_OCR_CONF_CERTAIN / 2;
}

/* Two readers of a number: the general model (v[from..to)) and the digits-only one (d[0..n)).
 * Where they disagree digit for digit, the digits reading stands but is not sure (its confidence
 * capped below NB_OCR_CONF_CERTAIN): one of the two misread, and which is not known. Returns 0
 * when they do not even agree on the number of digits: the general reading stays then, as
 * doubtful (the digits reader, given only digits, makes some of whatever ink it is shown). */
static int cross_check(sym *v, size_t from, size_t to, sym *d, size_t n)
{
    size_t m = 0;
    char gen[64];
    for (size_t i = from; i < to && m < sizeof gen; i++) {
        char c = digit_of(&v[i]);
        if (c && c != '.' && c != '-' && c != '/') gen[m++] = c;
    }
    size_t k = 0;
    int same = 1;
    for (size_t i = 0; i < n; i++) {
        char c = d[i].len == 1 ? d[i].u[0] : 0;
        if (!(c >= '0' && c <= '9')) continue;
        if (k >= m || gen[k] != c) {
            same = 0;
            d[i].conf = d[i].conf < NB_OCR_CONF_CERTAIN / 2 ? d[i].conf : NB_OCR_CONF_CERTAIN / 2;
        }
        k++;
    }
    if (getenv("NB_OCR_DEBUG") && (!same || k != m)) fprintf(stderr, "  disagree\n");
    /* the general reading held no digit at all (a lone mark, lone_mark): the digits it missed
     * stand, all of them doubtful */
    if (k == m || m == 0) return 1;
    doubt(v, from, to);
    return 0;
}

/* Do the characters v->s[i..j) stand apart on their line: no other character within half the
 * line's height before or after them? A number in a table's row does; one in a sentence
 * (2023年1月) does not, and there the digits reader, shown a box the general model placed half a
 * digit off, loses a digit (2023 as 023): the general reading stands. */
static int stands_apart(const syms *v, size_t i, size_t j, float k)
{
    const sym *s = &v->s[i], *e = &v->s[j - 1];
    float h = s->y1 - s->y0;
    if (i > 0 && v->s[i - 1].line == s->line && s->x0 - v->s[i - 1].x1 < k * h) return 0;
    if (j < v->n && v->s[j].line == e->line && v->s[j].x0 - e->x1 < k * h) return 0;
    return 1;
}

/* Is v->s[i] a mark standing alone — in a cell, or with no character within a line's height either
 * side on its line — that a digit is misread as (a 6 with a speck beside it as ，)? A comma of
 * prose follows its word. */
static int lone_mark(const syms *v, size_t i, size_t j)
{
    static const char *const marks[] = {",", "，", "、", "'", "’", "‘", "`", "."};
    const sym *s = &v->s[i];
    size_t k = 0;
    if (j != i + 1) return 0;
    while (k < sizeof marks / sizeof marks[0] && strcmp(s->u, marks[k])) k++;
    if (k == sizeof marks / sizeof marks[0]) return 0;
    return s->in_cell || stands_apart(v, i, j, 1);
}

/* Is every character of v[from..to) a digit or one the general model takes digits for? */
static int alike(const sym *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!digit_of(&v[i])) return 0;
    return to > from;
}

/* A word's extent on the page, and whether it reads as a number (numberish). */
typedef struct wbox {
    float x0, y0, x1, y1;
    int   number;
} wbox;

/* The extent of every word of v, in order, one per word (words are runs of one word number). */
static wbox *word_boxes(const syms *v, size_t *nw)
{
    wbox *b = malloc((v->n ? v->n : 1) * sizeof *b);
    size_t n = 0;
    for (size_t i = 0, j; i < v->n; i = j) {
        wbox w = {v->s[i].x0, v->s[i].y0, v->s[i].x1, v->s[i].y1, 0};
        for (j = i + 1; j < v->n && v->s[j].word == v->s[i].word; j++) {
            if (v->s[j].x0 < w.x0) w.x0 = v->s[j].x0;
            if (v->s[j].y0 < w.y0) w.y0 = v->s[j].y0;
            if (v->s[j].x1 > w.x1) w.x1 = v->s[j].x1;
            if (v->s[j].y1 > w.y1) w.y1 = v->s[j].y1;
        }
        w.number = numberish(v->s, i, j) && holds_digit(v->s, i, j);
        b[n++] = w;
    }
    *nw = n;
    return b;
}

/* Is the word w (not a number as read) a number of a table misread as something else — a 2 read as
 * 风, a 3 as 则 on a noisy page, a 0 as ( on a skewed one — by where it stands: apart on its line
 * (no character within half a line's height either side: Han characters of a label stand closer),
 * with a number beside it on its row and one above or below it in its column (within a few
 * lines). A table's number cells stand so; a word of prose has neighbours,
 * and the characters of a row label or a vertical heading have no number in their column. Left
 * as text, the cell would read as printed empty: a certain blank where a number is printed. */
static int misread_in_column(const syms *v, size_t i, size_t j, const wbox *b, size_t nb, size_t self)
{
    if (j - i > 4 || !stands_apart(v, i, j, 0.5f)) return 0;
    const wbox *w = &b[self];
    float h = w->y1 - w->y0, yc = (w->y0 + w->y1) / 2, xc = (w->x0 + w->x1) / 2;
    int row = 0, column = 0;
    for (size_t k = 0; k < nb && !(row && column); k++) {
        if (k == self || !b[k].number) continue;
        float kyc = (b[k].y0 + b[k].y1) / 2, kxc = (b[k].x0 + b[k].x1) / 2;
        if (kyc > w->y0 && kyc < w->y1 && (b[k].x1 < w->x0 || b[k].x0 > w->x1)) row = 1;
        else if (fabsf(kyc - yc) <= 6 * h && fabsf(kyc - yc) > h / 2 && fabsf(kxc - xc) <= h &&
                 b[k].x0 < w->x1 && b[k].x1 > w->x0)
            column = 1;
    }
    return row && column;
}

/* Does v[from..to) end in a digit and a point ("2.")? */
static int ends_in_point(const sym *v, size_t from, size_t to)
{
    return to >= from + 2 && !strcmp(v[to - 1].u, ".") && v[to - 2].len == 1 && v[to - 2].u[0] >= '0' &&
           v[to - 2].u[0] <= '9';
}

/* A point after the last digit of a number, out[before..), that only one of the two readers saw:
 * it goes, and the digits left are doubtful. A number does not end in a point, and the table reader
 * takes a lone digit and a point for list numbering (2. before a label), not a value: the cell
 * would come out a certain blank (the digits reader reads a 2 the general reader read at 99 as
 * "2."; the general reader a 0 as "0." that the digits reader finds no digit in). Doubtful, not
 * sure: a decimal point whose digits both readers lost would otherwise stand as a certain integer.
 * A point both readers saw stays (list numbering standing apart). */
static void drop_disputed_point(syms *out, size_t before)
{
    if (!ends_in_point(out->s, before, out->n)) return;
    out->n--;
    doubt(out->s, before, out->n);
    if (getenv("NB_OCR_DEBUG")) fprintf(stderr, "  point one reader saw dropped\n");
}

/* The characters of every number again, by the digits-only reader: words of a page, or a cell. */
static void digits_pass(const ocr_gray *page, double dpi, syms *v)
{
    syms out = {0};
    size_t nb, word = 0;
    wbox *boxes = word_boxes(v, &nb);
    size_t i = 0;
    for (; i < v->n; word++) {
        size_t j = i + 1;
        while (j < v->n && v->s[j].word == v->s[i].word) j++;
        size_t before = out.n;
        int number = numberish(v->s, i, j) && (v->s[i].in_cell || stands_apart(v, i, j, 0.5f));
        int misread = !number && !numberish(v->s, i, j) && !lone_mark(v, i, j) &&
                      misread_in_column(v, i, j, boxes, nb, word);
        int read_again = number || misread || lone_mark(v, i, j);
        int reread = read_again && reread_digits(page, dpi, v->s, i, j, &out);
        int disputed_point = ends_in_point(v->s, i, j) != (reread && ends_in_point(out.s, before, out.n));
        /* digits the digits reader finds nothing in are doubtful: a 5 the general reader took for a 9
         * at confidence 91 on a turned page came back empty (a certain misread otherwise) */
        if (number && !reread && holds_digit(v->s, i, j)) doubt(v->s, i, j);
        if (reread) {
            int agree = cross_check(v->s, i, j, out.s + before, out.n - before);
            /* what the general reader took for a Han character or a letter: the digits reader's
             * reading stands, never sure — unless each character was a look-alike of the very
             * digit the digits reader found (a serif 1 read as 工) */
            if (misread && !(agree && alike(v->s, i, j))) {
                doubt(out.s, before, out.n);
                if (getenv("NB_OCR_DEBUG")) fprintf(stderr, "  misread in a column\n");
            }
            if (agree || misread) {
                for (size_t k = before; k < out.n; k++) {     /* still the cell's, or the word's */
                    out.s[k].word = v->s[i].word;
                    out.s[k].in_cell = v->s[i].in_cell;
                }
                if (disputed_point) drop_disputed_point(&out, before);
                i = j;
                continue;
            }
            out.n = before;
        }
        for (size_t k = i; k < j; k++) syms_add(&out, &v->s[k]);
        if (read_again && disputed_point) drop_disputed_point(&out, before);
        i = j;
    }
    free(boxes);
    free(v->s);
    *v = out;
}

/* One ruled cell, read as one block of text; its words are one word for the digits pass (a cell
 * holds one number: "1 234" is not two). */
static void read_cell(const ocr_cell *c, int pad, syms *out)
{
    size_t from = out->n;
    recognise_rect(api, c->x0 - pad, c->y0 - pad, c->x1 + pad, c->y1 + pad, PSM_SINGLE_BLOCK, out);
    /* a lone digit in a cell is too small a block for the layout analysis: read it as a line of
     * digits, or as a line (a dash, 无) */
    if (out->n == from)
        recognise_rect(digits_api, c->x0 - pad, c->y0 - pad, c->x1 + pad, c->y1 + pad, PSM_SINGLE_LINE, out);
    if (out->n == from) recognise_rect(api, c->x0 - pad, c->y0 - pad, c->x1 + pad, c->y1 + pad, PSM_SINGLE_LINE, out);
    for (size_t i = from; i < out->n; i++) {
        out->s[i].word = out->s[from].word;
        out->s[i].in_cell = 1;
    }
    /* a cell holding only a horizontal stroke holds a dash, not the numeral 一 */
    if (out->n == from + 1 && !strcmp(out->s[from].u, "一")) {
        strcpy(out->s[from].u, "—");
        out->s[from].len = (uint8_t)strlen("—");
    }
    if (getenv("NB_OCR_DEBUG")) {
        fprintf(stderr, "cell %d,%d-%d,%d ink %d:", c->x0, c->y0, c->x1, c->y1, c->ink);
        for (size_t i = from; i < out->n; i++) fprintf(stderr, " %s/%d", out->s[i].u, out->s[i].conf);
        fprintf(stderr, "\n");
    }
}

/* Drop the digits (and look-alikes, digit_of) of v[from..) whose box is much wider than their line
 * is high and spans a blank wider than that: the recogniser ran several numbers together — on a
 * noisy page it reads a row of seven lone digits, a column apart, as one 0 spanning them all. Their
 * ink is then left out (read_left_out reads it group by group) instead of covered by a guess that
 * would leave the numbers between as printed blanks. (A character's box is sometimes as wide, over
 * the characters after it, when the reading is right — 5 of 2025年 in a serif face: with no such
 * blank in it, it stays.) Returns how many were dropped. */
/* The widest run of blank columns in a box of g. */
static int widest_gap(const ocr_gray *g, const sym *s)
{
    int best = 0, run = 0;
    for (int x = (int)s->x0; x < (int)s->x1; x++) {
        run = ocr_ink(g, x, (int)s->y0, x + 1, (int)s->y1) ? 0 : run + 1;
        if (run > best) best = run;
    }
    return best;
}

static size_t drop_smeared(const ocr_gray *g, syms *v, size_t from)
{
    size_t k = from;
    for (size_t i = from, j; i < v->n; i = j) {
        /* the height of the line: a flat character (一, 工) has a box wider than its own ink is high */
        float top = v->s[i].y0, bottom = v->s[i].y1;
        for (j = i + 1; j < v->n && v->s[j].line == v->s[i].line; j++) {
            if (v->s[j].y0 < top) top = v->s[j].y0;
            if (v->s[j].y1 > bottom) bottom = v->s[j].y1;
        }
        for (size_t q = i; q < j; q++) {
            const sym *c = &v->s[q];
            if (c->x1 - c->x0 <= 1.6f * (bottom - top) || !digit_of(c) || widest_gap(g, c) < bottom - top)
                v->s[k++] = *c;
            else if (getenv("NB_OCR_DEBUG"))
                fprintf(stderr, "smeared %s %d,%d-%d,%d in line %d-%d\n", v->s[q].u, (int)v->s[q].x0, (int)v->s[q].y0,
                        (int)v->s[q].x1, (int)v->s[q].y1, (int)top, (int)bottom);
        }
    }
    size_t dropped = v->n - k;
    v->n = k;
    return dropped;
}

/* What the page's layout analysis left out (ocr_uncovered), each group read as one line and, like
 * a cell, as one word. g has the read cells wiped already. */
static void read_left_out(const ocr_gray *g, const ocr_cells *cells, syms *v, double dpi, int min_ink)
{
    size_t nb = v->n;
    ocr_cell *boxes = malloc((nb ? nb : 1) * sizeof *boxes);
    for (size_t i = 0; i < nb; i++)
        boxes[i] = (ocr_cell){(int)v->s[i].x0, (int)v->s[i].y0, (int)v->s[i].x1, (int)v->s[i].y1, 0};
    ocr_cells left = {0};
    ocr_uncovered(g, boxes, nb, (int)(dpi * 0.04), (int)(dpi * 0.4), min_ink, &left);
    (void)cells;
    int pad = (int)(dpi / 30), apart = (int)(dpi * 0.08);
    for (size_t i = 0; i < left.n; i++) {
        const ocr_cell *c = &left.c[i];
        /* stroke ends of characters read already (outside their boxes) are no word of their own:
         * what was left out stands apart from everything read */
        int near = 0;
        for (size_t k = 0; k < nb && !near; k++)
            near = boxes[k].x0 < c->x1 + apart && boxes[k].x1 > c->x0 - apart && boxes[k].y0 < c->y1 && boxes[k].y1 > c->y0;
        if (getenv("NB_OCR_DEBUG")) fprintf(stderr, "left out %d,%d-%d,%d ink %d%s\n", c->x0, c->y0, c->x1, c->y1, c->ink, near ? " (near)" : "");
        if (near) continue;
        size_t from = v->n;
        recognise_rect(api, c->x0 - pad, c->y0 - pad, c->x1 + pad, c->y1 + pad, PSM_SINGLE_LINE, v);
        for (size_t k = from; k < v->n; k++) {
            v->s[k].word = v->s[from].word;
            v->s[k].in_cell = 1;
        }
    }
    free(left.c);
    free(boxes);
}

/* ---------- large print ---------- */

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

static double mean_conf(const sym *v, size_t from, size_t to)
{
    double sum = 0;
    for (size_t i = from; i < to; i++) sum += v[i].conf;
    return to > from ? sum / (double)(to - from) : 0;
}

/* The lines of the page's own reading (v[from..)) printed much taller than its body text — the
 * title, a heading — read again from a copy scaled down to about 48 pixels a line: Tesseract
 * reads a bold title face of 90 pixels worse (报告 as 报后, 青山 as 育山) than the same line at half
 * the size. The reading with the higher mean confidence stays, if it keeps most of the characters.
 * api's image is left changed: the caller sets the page again. */
static void reread_large_print(const ocr_gray *g, syms *v, size_t from, double dpi)
{
    enum { TARGET = 48 };
    typedef struct { size_t i, j; float x0, y0, x1, y1; } span;
    size_t end = v->s ? v->n : 0, nl = 0;
    if (end - from < 8) return;
    span *ls = malloc((end - from) * sizeof *ls);
    float *h = malloc((end - from) * sizeof *h);
    for (size_t i = from, j; i < end; i = j) {
        span l = {i, 0, v->s[i].x0, v->s[i].y0, v->s[i].x1, v->s[i].y1};
        for (j = i + 1; j < end && v->s[j].line == v->s[i].line; j++) {
            if (v->s[j].x0 < l.x0) l.x0 = v->s[j].x0;
            if (v->s[j].y0 < l.y0) l.y0 = v->s[j].y0;
            if (v->s[j].x1 > l.x1) l.x1 = v->s[j].x1;
            if (v->s[j].y1 > l.y1) l.y1 = v->s[j].y1;
        }
        l.j = j;
        h[nl] = l.y1 - l.y0;
        ls[nl++] = l;
    }
    qsort(h, nl, sizeof *h, by_value);
    float big = 1.25f * h[nl / 2];   /* the body text's lines are the most */
    free(h);
    if (big < TARGET * 1.2f) big = TARGET * 1.2f;   /* scaled by less than that it reads the same */
    size_t replaced = 0;
    for (size_t q = 0; q < nl; q++) {
        size_t i = ls[q].i, j = ls[q].j;
        float x0 = ls[q].x0, y0 = ls[q].y0, x1 = ls[q].x1, y1 = ls[q].y1, lh = y1 - y0;
        if (lh < big) continue;
        /* the line's own height (the lines above and below kept out), a character's width more
         * either side, on white */
        int cx0 = (int)(x0 - lh) < 0 ? 0 : (int)(x0 - lh), cy0 = (int)y0;
        double sc = TARGET / (double)lh;
        ocr_gray small;
        ocr_crop(g, cx0, cy0, (int)(x1 + lh), (int)y1, sc, TARGET / 4, &small);
        if (!small.p) continue;
        syms alt = {0};
        T.TessBaseAPISetImage(api, small.p, small.w, small.h, 1, small.w);
        T.TessBaseAPISetSourceResolution(api, (int)lround(dpi * sc));
        recognise_rect(api, 0, 0, small.w, small.h, PSM_SINGLE_LINE, &alt);
        free(small.p);
        for (size_t k = 0; k < alt.n; k++) {   /* back to the page, on the line where it was read */
            sym *a = &alt.s[k];
            a->x0 = (float)(cx0 + (a->x0 - TARGET / 4) / sc);
            a->x1 = (float)(cx0 + (a->x1 - TARGET / 4) / sc);
            a->wx0 = (float)(cx0 + (a->wx0 - TARGET / 4) / sc);
            a->wx1 = (float)(cx0 + (a->wx1 - TARGET / 4) / sc);
            a->y0 = y0;
            a->y1 = y1;
        }
        double before = mean_conf(v->s, i, j), after = mean_conf(alt.s, 0, alt.n);
        if (getenv("NB_OCR_DEBUG")) {
            fprintf(stderr, "large line %d px, %.2f:", (int)lh, sc);
            for (size_t k = i; k < j; k++) fprintf(stderr, "%s", v->s[k].u);
            fprintf(stderr, " (%.1f) ->", before);
            for (size_t k = 0; k < alt.n; k++) fprintf(stderr, "%s", alt.s[k].u);
            fprintf(stderr, " (%.1f)\n", after);
        }
        if (after > before && (double)alt.n >= 0.8 * (double)(j - i)) {
            for (size_t k = 0; k < alt.n; k++) syms_add(v, &alt.s[k]);
            for (size_t k = i; k < j; k++) v->s[k].len = 0;   /* dropped below */
            replaced += j - i;
        }
        free(alt.s);
    }
    free(ls);
    if (!replaced) return;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++)
        if (v->s[i].len) v->s[k++] = v->s[i];
    v->n = k;
}

/* ---------- lines ---------- */

static int by_yc(const void *a, const void *b)
{
    const sym *x = a, *y = b;
    float d = (x->y0 + x->y1) - (y->y0 + y->y1);
    if (d != 0) return d < 0 ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int by_x(const void *a, const void *b)
{
    const sym *x = a, *y = b;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* A character whose ink is much narrower than the box a text layer gives it: Han, CJK
 * punctuation, full-width forms (UTF-8 lead byte E2-EF covers them, and little else a report
 * prints), and the marks of numbering and punctuation (3.其他, 第一项,等). */
static int wide(const sym *s)
{
    unsigned char c = (unsigned char)s->u[0];
    if (s->len == 1) return strchr(".,:;()", c) != NULL;
    return s->len >= 3 && c >= 0xE2 && c <= 0xEF;
}

/* One line from characters s[0..n) sorted by x: a space between two ruled cells, and where the
 * gap is wider than a third of the line's height — next to a wide character, wider than 0.55 of
 * it (a full height inside one cell): a text layer's glyphs are advance boxes that touch, a
 * recogniser's are ink boxes, and between Han characters the ink leaves gaps of a third of an em
 * that are no space. Every byte keeps its character's extent and confidence. */
static int spaced(const sym *a, const sym *b, float h)
{
    /* characters of two ruled cells are two words; within one cell, Han characters are spaced
     * apart only by a gap of a full line height */
    int cells = a->in_cell && b->in_cell, same = cells && a->word == b->word;
    if (cells && !same) return 1;
    float k = wide(a) || wide(b) ? (same ? 1.0f : 0.55f) : 0.33f;
    return b->x0 - a->x1 > k * h;
}

static void emit_line(nb_ocr_lines *out, sym *s, size_t n, char *buf, nb_xspan *geo, uint8_t *conf)
{
    float y0 = s[0].y0, y1 = s[0].y1;
    for (size_t i = 1; i < n; i++) {
        if (s[i].y0 < y0) y0 = s[i].y0;
        if (s[i].y1 > y1) y1 = s[i].y1;
    }
    float h = y1 - y0;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && spaced(&s[i - 1], &s[i], h)) {
            geo[len] = (nb_xspan){s[i - 1].x1, s[i].x0};
            conf[len] = 100;
            buf[len++] = ' ';
        }
        for (size_t k = 0; k < s[i].len; k++) {
            geo[len] = (nb_xspan){s[i].x0, s[i].x1};
            conf[len] = s[i].conf;
            buf[len++] = s[i].u[k];
        }
    }
    if (out->n == out->cap) out->v = realloc(out->v, (out->cap = out->cap ? 2 * out->cap : 32) * sizeof *out->v);
    nb_ocr_line *l = &out->v[out->n++];
    l->n = len;
    l->raw = malloc(len + 1);
    memcpy(l->raw, buf, len);
    l->raw[len] = '\0';
    l->geo = malloc((len ? len : 1) * sizeof *l->geo);
    memcpy(l->geo, geo, len * sizeof *geo);
    l->conf = malloc(len ? len : 1);
    memcpy(l->conf, conf, len);
    l->y0 = y0;
    l->y1 = y1;
}

/* Cluster characters (already in points) into lines by vertical centre, as the text layer's are;
 * appended to out from the top down. */
static void build_lines(nb_ocr_lines *out, syms *v)
{
    if (!v->n) return;
    qsort(v->s, v->n, sizeof *v->s, by_yc);
    size_t cap = v->n * (sizeof v->s->u + 1);
    char *buf = malloc(cap);
    nb_xspan *geo = malloc(cap * sizeof *geo);
    uint8_t *conf = malloc(cap);
    size_t start = 0;
    float cy = (v->s[0].y0 + v->s[0].y1) / 2, ch = v->s[0].y1 - v->s[0].y0;
    for (size_t i = 1; i <= v->n; i++) {
        if (i < v->n) {
            float y = (v->s[i].y0 + v->s[i].y1) / 2, h = v->s[i].y1 - v->s[i].y0;
            if (fabsf(y - cy) <= 0.45f * (ch > h ? ch : h)) {
                size_t k = i - start + 1;
                cy += (y - cy) / (float)k;
                ch += (h - ch) / (float)k;
                continue;
            }
        }
        qsort(v->s + start, i - start, sizeof *v->s, by_x);
        emit_line(out, v->s + start, i - start, buf, geo, conf);
        if (i < v->n) {
            start = i;
            cy = (v->s[i].y0 + v->s[i].y1) / 2;
            ch = v->s[i].y1 - v->s[i].y0;
        }
    }
    free(buf);
    free(geo);
    free(conf);
}

/* ---------- orientation ---------- */

/* How far the page lies turned clockwise (0, 90, 180, 270), by Tesseract's orientation detection
 * (it works on Han script too: the shapes of the characters, not Latin ascenders); -1 when
 * Tesseract is not sure (below its own default orientation margin, 7): a page with little text. */
static int page_turn(const ocr_gray *g, double dpi)
{
    T.TessBaseAPISetImage(osd_api, g->p, g->w, g->h, 1, g->w);
    T.TessBaseAPISetSourceResolution(osd_api, (int)lround(dpi));
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int deg = 0;
    float conf = 0;
    /* no script name asked: capi.h says to free it, but Tesseract 5 returns its own unicharset's */
    if (!detect_os(osd_api, &deg, &conf, NULL, NULL)) conf = 0;
    T.TessBaseAPIClear(osd_api);   /* its copy of the page is not kept until the next one */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (getenv("NB_OCR_DEBUG"))
        fprintf(stderr, "ocr: orientation %d (confidence %.1f, %.2f s)\n", deg, conf,
                (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (conf < 7.0f || deg % 90 != 0) return -1;
    return ((deg % 360) + 360) % 360;
}

/* The turn most of the document's pages so far lay at (0 when none was looked at): a page with
 * too little text to tell is taken to lie as the others do. */
static int majority_turn(const nb_doc *d)
{
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (d->ocr_turned[k] > d->ocr_turned[best]) best = k;
    return best * 90;
}

/* ---------- a page ---------- */

/* One reading of a page image lying turned by turn: every character, in pixels of g as read (g
 * comes back upright, deskewed, despeckled and with its cells wiped). */
static void read_image(ocr_gray *g, double dpi, int turn, syms *v)
{
    if (turn) ocr_turn_quarter(g, 360 - turn);
    ocr_rotate(g, ocr_measure_skew(g, 3.0));
    ocr_whiten(g);
    ocr_despeckle(g, (int)(dpi * dpi / 10000));   /* 9 pixels at 300 dpi; a decimal point is 16 or more */

    ocr_cells cells = {0};
    ocr_find_cells(g, (int)(dpi * 0.45), &cells);
    image_w = g->w;
    image_h = g->h;
    T.TessBaseAPISetImage(api, g->p, g->w, g->h, 1, g->w);
    T.TessBaseAPISetSourceResolution(api, (int)lround(dpi));
    T.TessBaseAPISetImage(digits_api, g->p, g->w, g->h, 1, g->w);
    T.TessBaseAPISetSourceResolution(digits_api, (int)lround(dpi));
    int pad = (int)(dpi / 100);
    int min_ink = (int)(dpi * dpi / 3000);    /* a few specks of noise are no text: 30 px at 300 dpi */
    for (size_t i = 0; i < cells.n; i++)
        if (cells.c[i].ink >= min_ink) read_cell(&cells.c[i], pad, v);
    /* the rest of the page: the cells already read are wiped out of it (the digits pass reads
     * them again from a copy) */
    ocr_gray unwiped = {g->w, g->h, malloc((size_t)g->w * (size_t)g->h)};
    memcpy(unwiped.p, g->p, (size_t)g->w * (size_t)g->h);
    for (size_t i = 0; i < cells.n; i++) {
        const ocr_cell *c = &cells.c[i];
        for (int y = c->y0 - 2 < 0 ? 0 : c->y0 - 2; y < c->y1 + 2 && y < g->h; y++)
            memset(g->p + (size_t)y * (size_t)g->w + (c->x0 > 2 ? c->x0 - 2 : 0), 255,
                   (size_t)((c->x1 + 2 < g->w ? c->x1 + 2 : g->w) - (c->x0 > 2 ? c->x0 - 2 : 0)));
    }
    if (ocr_ink(g, 0, 0, g->w, g->h) >= min_ink) {
        T.TessBaseAPISetImage(api, g->p, g->w, g->h, 1, g->w);
        T.TessBaseAPISetSourceResolution(api, (int)lround(dpi));
        T.TessBaseAPISetPageSegMode(api, PSM_AUTO);
        size_t from = v->n;
        if (T.TessBaseAPIRecognize(api, NULL) == 0) collect(api, v);
        drop_smeared(g, v, from);
        reread_large_print(g, v, from, dpi);
        T.TessBaseAPISetImage(api, g->p, g->w, g->h, 1, g->w);
        T.TessBaseAPISetSourceResolution(api, (int)lround(dpi));
    }
    read_left_out(g, &cells, v, dpi, min_ink);
    digits_pass(&unwiped, dpi, v);
    free(unwiped.p);
    free(cells.c);
}

static double share_sure(const syms *v)
{
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) k += v->s[i].conf >= 90;
    return v->n ? (double)k / (double)v->n : 0;
}

static double page_mean_conf(const syms *v)
{
    double s = 0;
    for (size_t i = 0; i < v->n; i++) s += v->s[i].conf;
    return v->n ? s / (double)v->n : 0;
}

/* A reading that says the page was not read the way it runs: enough characters to judge, and few
 * of them sure. Tesseract reads Han characters lying on their side or upside down as other
 * characters, a third or so of them with a confidence of 90 or more; of an upright page, even a
 * noisy, skewed 200 dpi scan, four in five or more are read that surely. */
enum { NB_OCR_JUDGE_CHARS = 40 };
#define NB_OCR_POOR_SURE 0.6

static int reads_poorly(const syms *v)
{
    return v->n >= NB_OCR_JUDGE_CHARS && share_sure(v) < NB_OCR_POOR_SURE;
}

static ocr_gray gray_copy(const ocr_gray *g)
{
    ocr_gray c = {g->w, g->h, malloc((size_t)g->w * (size_t)g->h)};
    memcpy(c.p, g->p, (size_t)g->w * (size_t)g->h);
    return c;
}

/* Read the page image g (consumed) the way it runs. Orientation detection costs about a third of
 * a page's recognition, so it is not run on every page: the page is read lying as most of the
 * document's pages lay, and only a reading that comes out poor (reads_poorly) has Tesseract's
 * orientation detection look at the page; when that finds another turn, the page is read again
 * that way and the better of the two readings kept. A page with too little text to judge keeps
 * the document's turn. Returns the turn the page lay at; *g is the image as read. */
static int read_upright(nb_doc *d, ocr_gray *g, double dpi, syms *v)
{
    int turn = majority_turn(d);
    ocr_gray orig = osd_api ? gray_copy(g) : (ocr_gray){0};
    read_image(g, dpi, osd_api ? turn : 0, v);
    if (getenv("NB_OCR_DEBUG"))
        fprintf(stderr, "ocr: read at %d: %zu characters, mean confidence %.1f, sure %.2f\n", turn, v->n, page_mean_conf(v), share_sure(v));
    if (osd_api && reads_poorly(v)) {
        int t = page_turn(&orig, dpi);
        if (t >= 0 && t != turn) {
            syms v2 = {0};
            read_image(&orig, dpi, t, &v2);
            if (getenv("NB_OCR_DEBUG"))
                fprintf(stderr, "ocr: read at %d: %zu characters, mean confidence %.1f, sure %.2f\n", t, v2.n, page_mean_conf(&v2), share_sure(&v2));
            if (share_sure(&v2) > share_sure(v)) {
                ocr_gray tg = *g;
                *g = orig;
                orig = tg;
                syms tv = *v;
                *v = v2;
                v2 = tv;
                turn = t;
            }
            free(v2.s);
        }
    }
    free(orig.p);
    if (osd_api) d->ocr_turned[turn / 90]++;   /* counted only when looked at */
    return osd_api ? turn : 0;
}

long nb_ocr_page(nb_doc *d, PopplerPage *page, unsigned dpi_opt)
{
    load();
    if (unavailable) return -1;
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    if (pw <= 0 || ph <= 0) return 0;
    ocr_gray g = {0};
    double dpi = dpi_opt ? dpi_opt : 300;
    if (page_own_image(page, pw, ph, &g, &dpi) != 0 && page_rendered(page, pw, ph, (unsigned)dpi, &g) != 0)
        return 0;
    syms v = {0};
    int turn = read_upright(d, &g, dpi, &v);
    if (turn == 90 || turn == 270) {   /* the page is read upright: its size as it reads */
        double t = pw;
        pw = ph;
        ph = t;
        nb_page *cur = (nb_page *)d->vpages.data + d->vpages.len - 1;
        cur->width = (float)pw;
        cur->height = (float)ph;
    }
    /* pixels to points */
    float sx = (float)(pw / g.w), sy = (float)(ph / g.h);
    for (size_t i = 0; i < v.n; i++) {
        v.s[i].x0 *= sx;
        v.s[i].x1 *= sx;
        v.s[i].y0 *= sy;
        v.s[i].y1 *= sy;
        d->ocr_conf_sum += v.s[i].conf;
    }
    d->ocr_chars += (uint32_t)v.n;
    d->ocr_pages++;
    nb_ocr_lines lines = {0};
    build_lines(&lines, &v);
    for (size_t i = 0; i < lines.n; i++) nb_ocr_line_add(d, &lines.v[i]);
    nb_ocr_lines_free(&lines);
    long n = (long)v.n;
    free(v.s);
    free(g.p);
    return n;
}

/* ---------- a picture on a page with a text layer ---------- */

/* The rectangle area (points, top-left origin) of the page drawn at dpi. */
static int region_rendered(PopplerPage *page, const PopplerRectangle *a, double dpi, ocr_gray *g)
{
    double x0 = fmin(a->x1, a->x2), y0 = fmin(a->y1, a->y2);
    double aw = fabs(a->x2 - a->x1), ah = fabs(a->y2 - a->y1);
    int w = (int)ceil(aw * dpi / 72), h = (int)ceil(ah * dpi / 72);
    if (w < 16 || h < 16 || (double)w * h > NB_OCR_MAX_PIXELS) return -1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72.0, dpi / 72.0);
    cairo_translate(cr, -x0, -y0);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    int rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? grey_from_surface(s, g) : -1;
    cairo_surface_destroy(s);
    return rc;
}

/* The resolution image_id is drawn at over area: its width in pixels over the area's in inches;
 * 300 when the image cannot be had. Kept within what recognition reads well. */
static double image_dpi(PopplerPage *page, int image_id, const PopplerRectangle *a)
{
    double dpi = 300, aw = fabs(a->x2 - a->x1);
    cairo_surface_t *s = poppler_page_get_image(page, image_id);
    if (s && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE &&
        aw > 0)
        dpi = cairo_image_surface_get_width(s) * 72.0 / aw;
    if (s) cairo_surface_destroy(s);
    return dpi < 150 ? 150 : dpi > 600 ? 600 : dpi;
}

long nb_ocr_region(nb_doc *d, PopplerPage *page, int image_id, const PopplerRectangle *area, nb_ocr_lines *out)
{
    load();
    if (unavailable) return -1;
    double dpi = image_dpi(page, image_id, area);
    ocr_gray g = {0};
    if (region_rendered(page, area, dpi, &g) != 0) return 0;
    double x0 = fmin(area->x1, area->x2), y0 = fmin(area->y1, area->y2);
    float sx = (float)(fabs(area->x2 - area->x1) / g.w), sy = (float)(fabs(area->y2 - area->y1) / g.h);
    syms v = {0};
    read_image(&g, dpi, 0, &v);
    for (size_t i = 0; i < v.n; i++) {     /* pixels of the picture to points of the page */
        v.s[i].x0 = (float)x0 + v.s[i].x0 * sx;
        v.s[i].x1 = (float)x0 + v.s[i].x1 * sx;
        v.s[i].y0 = (float)y0 + v.s[i].y0 * sy;
        v.s[i].y1 = (float)y0 + v.s[i].y1 * sy;
        d->ocr_conf_sum += v.s[i].conf;
    }
    d->ocr_chars += (uint32_t)v.n;
    d->ocr_regions++;
    build_lines(out, &v);
    long n = (long)v.n;
    free(v.s);
    free(g.p);
    return n;
}

#else /* !NB_HAVE_OCR */

const char *nb_ocr_unavailable(void)
{
    return "nianbao was built without Tesseract (libtesseract-dev)";
}

long nb_ocr_page(nb_doc *d, PopplerPage *page, unsigned dpi)
{
    (void)d; (void)page; (void)dpi;
    return -1;
}

long nb_ocr_region(nb_doc *d, PopplerPage *page, int image_id, const PopplerRectangle *area, nb_ocr_lines *out)
{
    (void)d; (void)page; (void)image_id; (void)area; (void)out;
    return -1;
}

#endif

long nb_ocr_take_page(nb_doc *d, PopplerPage *page, size_t ntext, const nb_ingest_limits *lim)
{
    int mode = lim ? lim->ocr : NB_OCR_AUTO;
    if (mode == NB_OCR_NEVER || (mode == NB_OCR_AUTO && ntext > 0)) return -1;
    const char *why = nb_ocr_unavailable();
    if (why) {
        d->ocr_note = why;
        return -1;
    }
#ifdef NB_HAVE_OCR
    d->ocr_turn_note = osd_missing;
#endif
    return nb_ocr_page(d, page, lim ? lim->ocr_dpi : 0);
}

void nb_ocr_line_add(nb_doc *d, const nb_ocr_line *l)
{
    nb_line *nl = nb_doc_add_line(d, l->raw, l->n, l->geo, l->y0, l->y1, 0);
    nl->conf = nb_alloc_uninit(&d->arena, l->n ? l->n : 1);
    memcpy(nl->conf, l->conf, l->n);
}

void nb_ocr_lines_free(nb_ocr_lines *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        free(ls->v[i].raw);
        free(ls->v[i].geo);
        free(ls->v[i].conf);
    }
    free(ls->v);
    *ls = (nb_ocr_lines){0};
}
