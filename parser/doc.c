/*
 * parser/doc.c — building and freeing the document model (doc.h).
 *
 * Ingesters call nb_doc_begin_page / nb_doc_add_line; this file copies the text into the arena,
 * computes display-column geometry for text, normalises, marks ruling lines and splits words, so
 * that every ingester produces exactly the same shape.
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Text lines longer than this are flattened web pages, not layout: their display columns say
 * nothing, and 8 bytes of geometry per byte would dominate memory on a 50 MB line. */
#define NB_TEXT_GEO_MAX 4096u

nb_doc *nb_doc_new(const char *path)
{
    nb_doc *d = calloc(1, sizeof *d);
    if (!d) abort();
    nb_arena_init(&d->arena);
    d->path = nb_strdup(&d->arena, path ? path : "");
    nb_vec_init(&d->vpages, sizeof(nb_page));
    nb_vec_init(&d->vlines, sizeof(nb_line));
    nb_vec_init(&d->vwords, sizeof(nb_word));
    return d;
}

void nb_doc_free(nb_doc *d)
{
    if (!d) return;
    nb_vec_free(&d->vpages);
    nb_vec_free(&d->vlines);
    nb_vec_free(&d->vwords);
    nb_arena_free(&d->arena);
    free(d);
}

int nb_doc_fail(nb_doc *d, nb_error err, const char *detail)
{
    d->status = NB_STATUS_ERROR;
    d->err = err;
    d->detail = detail ? nb_strdup(&d->arena, detail) : NULL;
    return -1;
}

void nb_doc_begin_page(nb_doc *d, float width, float height)
{
    nb_page *p = nb_vec_push(&d->vpages);
    p->first_line = (uint32_t)d->vlines.len;
    p->width = width;
    p->height = height;
}

/* Display-column extents for a text line: tabs advance to the next multiple of 8. */
static nb_xspan *text_geometry(nb_arena *a, const char *s, size_t n)
{
    nb_xspan *g = nb_alloc_uninit(a, (n ? n : 1) * sizeof *g);
    if (!n) g[0] = (nb_xspan){0, 0};
    float col = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) {         /* printable ASCII (the spaces of a layout): one column */
            g[i].x0 = col;
            g[i].x1 = col + 1;
            col += 1;
            i++;
            continue;
        }
        if (nb_is_common_han3(s + i, n - i)) {   /* two columns */
            g[i] = g[i + 1] = g[i + 2] = (nb_xspan){col, col + 2};
            col += 2;
            i += 3;
            continue;
        }
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        float w = c == '\t' ? (float)(8 - ((int)col % 8)) : (float)nb_display_width(c);
        for (int k = 0; k < len; k++) {
            g[i + (size_t)k].x0 = col;
            g[i + (size_t)k].x1 = col + w;
        }
        col += w;
        i += (size_t)len;
    }
    return g;
}

/* A line made only of rules: markdown table separators (|---|:---:|), box drawing, ===, ___.
 * Every run of rule characters must be at least three long: "- - -" or "—\t—" are cells
 * printed as dashes, not a rule; and a tab-separated line is a row of cells. */
static int is_rule_line(const char *s, size_t n)
{
    size_t i = 0, run = 0, runs = 0;
    if (memchr(s, '\t', n)) return 0;
    while (i < n) {
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        if (c == '-' || c == '=' || c == '_' || c == ':' || (c >= 0x2500 && c <= 0x257F)) {
            run++;
        } else if (c == '|' || c == '+' || nb_is_space(c)) {
            if (run && run < 3) return 0;
            runs += run > 0;
            run = 0;
        } else {
            return 0;
        }
        i += (size_t)len;
    }
    if (run && run < 3) return 0;
    return runs + (run > 0) > 0;
}

static void push_word(nb_doc *d, uint32_t line, const nb_line *ln, size_t off, size_t end, uint32_t flags)
{
    nb_word *w = nb_vec_push(&d->vwords);
    w->line = line;
    w->off = (uint32_t)off;
    w->len = (uint32_t)(end - off);
    w->flags = flags;
    if (end > off) {
        w->box.x0 = nb_line_x0(ln, (uint32_t)off);
        w->box.x1 = nb_line_x1(ln, (uint32_t)(end - 1));
    } else {                                  /* an empty field sits where its separator is */
        w->box.x0 = w->box.x1 = off < ln->raw_len ? nb_line_x0(ln, (uint32_t)off)
                                                  : nb_line_x1(ln, ln->raw_len);
    }
    w->box.y0 = ln->box.y0;
    w->box.y1 = ln->box.y1;
}

/* Words of an ordinary line: maximal runs of non-space characters. */
static void split_words(nb_doc *d, uint32_t li, nb_line *ln)
{
    size_t i = 0, n = ln->raw_len, start = 0;
    int in_word = 0;
    while (i < n) {
        int len;
        uint32_t c;
        unsigned char b = (unsigned char)ln->raw[i];
        if (b < 0x80) c = b, len = 1;        /* ASCII: no decoding */
        else if (nb_is_common_han3(ln->raw + i, n - i)) c = 0x4E00, len = 3;   /* never a space */
        else c = nb_utf8_decode(ln->raw + i, n - i, &len);
        int sp = nb_is_space(c) || c == '\r' || c == '\n';
        if (sp && in_word) { push_word(d, li, ln, start, i, 0); in_word = 0; }
        else if (!sp && !in_word) { start = i; in_word = 1; }
        i += (size_t)len;
    }
    if (in_word) push_word(d, li, ln, start, n, 0);
}

/* Fields of a tab- or pipe-separated line. A markdown row's outer pipes delimit nothing. */
static void split_fields(nb_doc *d, uint32_t li, nb_line *ln)
{
    const char *s = ln->raw;
    size_t n = ln->raw_len, i = 0;
    char sep = memchr(s, '\t', n) ? '\t' : '|';
    if (sep == '|') {
        while (i < n && (s[i] == ' ' || s[i] == '|')) {
            if (s[i] == '|') { i++; break; }
            i++;
        }
        while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\r')) n--;
        if (n > i && s[n - 1] == '|') n--;
    }
    size_t start = i;
    for (;; i++) {
        if (i == n || s[i] == sep) {
            size_t a = start, b = i;
            while (a < b && (s[a] == ' ')) a++;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r')) b--;
            push_word(d, li, ln, a, b, NB_WORD_FIELD);
            if (i == n) break;
            start = i + 1;
        }
    }
}

nb_line *nb_doc_add_line(nb_doc *d, const char *raw, size_t n, const nb_xspan *geo,
                         float y0, float y1, uint32_t flags)
{
    if (d->vpages.len == 0) nb_doc_begin_page(d, 0, 0);
    nb_page *pg = (nb_page *)d->vpages.data + d->vpages.len - 1;
    uint32_t li = (uint32_t)d->vlines.len;
    nb_line *ln = nb_vec_push(&d->vlines);
    ln->page = (uint32_t)d->vpages.len;
    ln->raw = nb_strndup(&d->arena, raw, n);
    ln->raw_len = (uint32_t)n;
    if (geo) {
        ln->geo = nb_alloc_uninit(&d->arena, (n ? n : 1) * sizeof *ln->geo);
        if (n) memcpy(ln->geo, geo, n * sizeof *geo);
        else ln->geo[0] = (nb_xspan){0, 0};
    } else if (n <= NB_TEXT_GEO_MAX) {
        ln->geo = text_geometry(&d->arena, ln->raw, n);
    }   /* else: a flattened web page; byte offsets order its tokens (nb_line_x0) */
    nb_normalize(&d->arena, ln->raw, n, &ln->norm);
    ln->flags = flags;
    if (is_rule_line(ln->raw, n)) ln->flags |= NB_LINE_RULE;
    ln->box.y0 = y0;
    ln->box.y1 = y1;
    ln->box.x0 = nb_line_x0(ln, 0);
    ln->box.x1 = nb_line_x1(ln, ln->raw_len ? ln->raw_len - 1 : 0);
    ln->first_word = (uint32_t)d->vwords.len;
    if (!(ln->flags & NB_LINE_RULE)) {
        if (ln->flags & NB_LINE_FIELDS) split_fields(d, li, ln);
        else split_words(d, li, ln);
    }
    ln->nwords = (uint32_t)d->vwords.len - ln->first_word;
    pg->nlines++;
    return ln;
}

void nb_doc_finish(nb_doc *d)
{
    d->pages = d->vpages.data;
    d->npages = (uint32_t)d->vpages.len;
    d->lines = d->vlines.data;
    d->nlines = (uint32_t)d->vlines.len;
    d->words = d->vwords.data;
    d->nwords = (uint32_t)d->vwords.len;
}

const char *nb_kind_name(nb_kind k)
{
    switch (k) {
    case NB_KIND_PDF: return "pdf";
    case NB_KIND_TEXT: return "text";
    case NB_KIND_HTML: return "html";
    case NB_KIND_DOCX: return "docx";
    case NB_KIND_ODT: return "odt";
    case NB_KIND_DOC: return "doc";
    case NB_KIND_WPS: return "wps";
    case NB_KIND_UNKNOWN: break;
    }
    return "";
}

const char *nb_status_name(nb_status s)
{
    switch (s) {
    case NB_STATUS_OK: return "ok";
    case NB_STATUS_ERROR: return "error";
    case NB_STATUS_NO_TEXT_LAYER: return "no_text_layer";
    case NB_STATUS_PRE2019: return "pre2019";
    case NB_STATUS_NOT_TEMPLATE: return "not_template";
    case NB_STATUS_NOT_REPORT: return "not_report";
    }
    return "error";
}
