/*
 * scripts/gen/pdfprobe.c — what an office tool decided about a report's layout, read back from the
 * PDF it wrote, as variation tags: whether table 2 or 3 crosses a page (t2_page_break,
 * t3_page_break), starts in the bottom quarter of a page (t2_at_foot, t3_at_foot), has its header
 * repeated on the next page (header_repeated), and whether the title was wrapped somewhere else
 * than where the model breaks it (title_wrapped). cairo's renderer knows these as it draws; for
 * LibreOffice and Chromium only the PDF tells.
 *
 * Each table is found by text that only it prints, in one cell line short enough not to wrap: its
 * first marker (第二十条第（一）项, 申请人情况) and its last row label (行政事业性收费 or 政府集中采购,
 * 结转下年度). Page text is compared with all white space removed. Table 4, whose one row has no
 * label, crosses a page when no number stands just below its header (t4_page_break).
 */
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Page text without white space (malloc'd). */
static char *squeezed_text(PopplerPage *page, int keep_newlines)
{
    char *t = poppler_page_get_text(page);
    if (!t) return xstrdup("");
    char *w = t;
    for (char *r = t; *r; r++)
        if ((*r != ' ' && *r != '\t' && *r != '\r' && *r != '\n' && *r != '\f') || (keep_newlines && *r == '\n')) *w++ = *r;
    *w = '\0';
    char *s = xstrdup(t);
    g_free(t);
    return s;
}

typedef struct probe_pages { int n; char **text; double *height; PopplerDocument *doc; } probe_pages;

static int first_page(const probe_pages *p, const char *marker, int from)
{
    for (int i = from < 0 ? 0 : from; i < p->n; i++)
        if (strstr(p->text[i], marker)) return i;
    return -1;
}

/* Whether marker's first occurrence on page i lies in the bottom quarter of the page. */
static int near_foot(const probe_pages *p, int i, const char *marker)
{
    PopplerPage *page = poppler_document_get_page(p->doc, i);
    if (!page) return 0;
    GList *hits = poppler_page_find_text(page, marker);
    int foot = 0;
    if (hits) {
        const PopplerRectangle *r = hits->data;
        /* find_text measures from the bottom of the page */
        foot = (r->y1 < r->y2 ? r->y1 : r->y2) < p->height[i] * 0.25;
    }
    g_list_free_full(hits, (GDestroyNotify)poppler_rectangle_free);
    g_object_unref(page);
    return foot;
}

static void probe_table(const probe_pages *p, sbuf *vars, const char *start, const char *end, const char *name,
                        const char *repeat_marker, int header_rows)
{
    int a = first_page(p, start, 0);
    if (a < 0) return;
    int b = first_page(p, end, a);
    char t[32];
    if (b > a) {
        snprintf(t, sizeof t, "%s_page_break", name);
        tag(vars, t);
        if (header_rows && repeat_marker && first_page(p, repeat_marker, a + 1) >= 0 && first_page(p, repeat_marker, a + 1) <= b)
            tag(vars, "header_repeated");
    }
    if (near_foot(p, a, start)) {
        snprintf(t, sizeof t, "%s_at_foot", name);
        tag(vars, t);
    }
}

static int is_number_char(gunichar c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == 0x2014 || c == '/' || c == '-';
}

/* Table 4 has no row label: it crosses a page when, on the page of its header, nothing that prints
 * a number stands within a few lines below the header's last row (尚未审结 … 总计). */
static void probe_t4(PopplerDocument *doc, const probe_pages *p, sbuf *vars)
{
    int a = first_page(p, "复议后起诉", 0);
    if (a < 0) return;
    PopplerPage *page = poppler_document_get_page(doc, a);
    if (!page) return;
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint n = 0;
    poppler_page_get_text_layout(page, &rects, &n);
    /* the header's last line: the lowest 审 or 计 in the characters after 复议后起诉, by the middle of
     * its box (Type 3 glyph boxes can be twice as tall as the line) */
    const char *at = text ? strstr(text, "复议后起诉") : NULL;
    double head = -1, numbers = -1;
    if (at && rects) {
        guint i = (guint)g_utf8_pointer_to_offset(text, at);
        int seen = 0;
        for (const char *c = at; *c && i < n; c = g_utf8_next_char(c), i++, seen++) {
            gunichar u = g_utf8_get_char(c);
            double mid = (rects[i].y1 + rects[i].y2) / 2;
            if (seen < 120 && (u == 0x5BA1 || u == 0x8BA1) && mid > head) head = mid;
            if (head > 0 && is_number_char(u) && mid > head + 2 && (numbers < 0 || mid < numbers)) numbers = mid;
        }
    }
    if (head > 0 && (numbers < 0 || numbers > head + 35) && a + 1 < p->n) tag(vars, "t4_page_break");
    g_free(rects);
    g_free(text);
    g_object_unref(page);
}

/* The title's lines as the model breaks them: each should stand whole on one line of page 1. */
static int title_wrapped(PopplerDocument *doc, const char *title)
{
    PopplerPage *page = poppler_document_get_page(doc, 0);
    if (!page) return 0;
    char *text = squeezed_text(page, 1);
    g_object_unref(page);
    int wrapped = 0;
    for (const char *s = title; s && !wrapped;) {
        const char *nl = strchr(s, '\n');
        char line[512];
        size_t n = 0;
        for (const char *q = s; *q && q != nl && n + 1 < sizeof line; q++)
            if (*q != ' ') line[n++] = *q;
        line[n] = '\0';
        wrapped = n && !strstr(text, line);
        s = nl ? nl + 1 : NULL;
    }
    free(text);
    return wrapped;
}

/* Open a PDF and squeeze each page's text; 0 when it cannot be read. */
static int open_pages(const char *path, probe_pages *p)
{
    char *abs = realpath(path, NULL);   /* a file URI needs an absolute path */
    char *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
    free(abs);
    PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, NULL) : NULL;
    g_free(uri);
    if (!doc) return 0;
    *p = (probe_pages){poppler_document_get_n_pages(doc), NULL, NULL, doc};
    p->text = calloc((size_t)p->n + 1, sizeof *p->text);
    p->height = calloc((size_t)p->n + 1, sizeof *p->height);
    for (int i = 0; i < p->n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        double w = 0, h = 0;
        if (page) poppler_page_get_size(page, &w, &h);
        p->height[i] = h;
        p->text[i] = page ? squeezed_text(page, 0) : xstrdup("");
        if (page) g_object_unref(page);
    }
    return 1;
}

static void close_pages(probe_pages *p)
{
    for (int i = 0; i < p->n; i++) free(p->text[i]);
    free(p->text);
    free(p->height);
    g_object_unref(p->doc);
}

void probe_pdf(const char *path, const pdf_probe *pr, sbuf *vars)
{
    probe_pages p;
    if (!open_pages(path, &p)) return;
    PopplerDocument *doc = p.doc;
    if (pr->t2) probe_table(&p, vars, "第二十条第（一）项", pr->v2019 ? "政府集中采购" : "行政事业性收费", "t2", NULL, 0);
    if (pr->t3) probe_table(&p, vars, "申请人情况", "结转下年度", "t3", "申请人情况", pr->header_rows);
    if (pr->t4) probe_t4(doc, &p, vars);
    if (pr->title && title_wrapped(doc, pr->title)) tag(vars, "title_wrapped");
    close_pages(&p);
}

/* A table the model printed that the PDF does not hold: an office tool can drop one (LibreOffice
 * left only the caption row of a table 2 starting at a page's foot whose rows may not split, seed
 * 90210's r0288.lo.pdf), and the truth would then be false. Each table is looked for by its first
 * marker and its last row label, as probe_pdf does (table 4, whose header words wrap in many ways,
 * is not checked). Returns the table's name ("t2", "t3"), or NULL when every table is there or the PDF cannot be read. */
const char *pdf_lost_table(const char *path, const pdf_probe *pr)
{
    probe_pages p;
    if (!open_pages(path, &p)) return NULL;
    const char *lost = NULL;
    int a;
    if (pr->t2 && ((a = first_page(&p, "第二十条第（一）项", 0)) < 0 ||
                   first_page(&p, pr->v2019 ? "政府集中采购" : "行政事业性收费", a) < 0))
        lost = "t2";
    else if (pr->t3 && ((a = first_page(&p, "申请人情况", 0)) < 0 || first_page(&p, "结转下年度", a) < 0))
        lost = "t3";
    close_pages(&p);
    return lost;
}
