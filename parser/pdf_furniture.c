/*
 * parser/pdf_furniture.c — running heads and feet of a PDF's pages marked as furniture, so that
 * the title, sections, tables continuing over a page and the signature read past them.
 *
 * A browser printing a page puts the date, time and document title at the head of every sheet and
 * the address and "2/3" at its foot; a word processor repeats a header line. Such a line sits at
 * the page's edge, apart from the text block, and recurs at the same height on every page but at
 * most one, equal but for its digits. A repeated table header at the top of a continued page is
 * not furniture: it is part of the text block (no gap) and is on the continued pages only. A line
 * at an edge, apart from the text, that holds a web address is furniture on any page (a one-page
 * print has its foot).
 * Page numbers are told apart later, by nb_mark_furniture (ingest.c), for every kind of input.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_furniture.h"

/* The line's text without white space and with each run of digits as one '#'. */
static char *edge_key(const nb_line *l)
{
    char *k = malloc(l->norm.len + 1);
    size_t n = 0;
    for (size_t i = 0; i < l->norm.len; i++) {
        char c = l->norm.text[i];
        if (c == ' ' || c == '\t') continue;
        if (c >= '0' && c <= '9') {
            if (n > 0 && k[n - 1] == '#') continue;
            c = '#';
        }
        k[n++] = c;
    }
    k[n] = '\0';
    return k;
}

static int has_web_address(const nb_line *l)
{
    return memmem(l->norm.text, l->norm.len, "http://", 7) || memmem(l->norm.text, l->norm.len, "https://", 8) ||
           memmem(l->norm.text, l->norm.len, "www.", 4);
}

typedef struct edge {
    uint32_t line, page;
    int top;                /* at the head (1) or the foot (0) */
    int apart;              /* a clear gap from the text block */
    float y;
    char *key;
} edge;

/* The head or foot line of a page: in the outer tenth of its height, and apart from the next line
 * in by more than one and a half of its own heights. */
static int edge_of(const nb_line *lines, const nb_page *pg, uint32_t li, int top, edge *e)
{
    const nb_line *l = &lines[li];
    if (l->norm.len == 0 || pg->height <= 0) return 0;
    if (top ? l->box.y1 > 0.1f * pg->height : l->box.y0 < 0.9f * pg->height) return 0;
    float h = l->box.y1 - l->box.y0, gap = INFINITY;
    uint32_t end = pg->first_line + pg->nlines;
    if (top && li + 1 < end) gap = lines[li + 1].box.y0 - l->box.y1;
    if (!top && li > pg->first_line) gap = l->box.y0 - lines[li - 1].box.y1;
    e->line = li;
    e->top = top;
    e->apart = gap > 1.5f * (h > 1 ? h : 1);
    e->y = top ? l->box.y0 : l->box.y1;
    e->key = edge_key(l);
    return 1;
}

void nb_pdf_mark_running_heads(nb_doc *d)
{
    nb_page *pages = d->vpages.data;
    nb_line *lines = d->vlines.data;
    size_t np = d->vpages.len;
    edge *e = malloc((2 * np + 1) * sizeof *e);
    size_t ne = 0;
    for (uint32_t p = 0; p < np; p++) {
        const nb_page *pg = &pages[p];
        if (pg->nlines == 0) continue;
        if (edge_of(lines, pg, pg->first_line, 1, &e[ne])) e[ne++].page = p;
        if (pg->nlines > 1 && edge_of(lines, pg, pg->first_line + pg->nlines - 1, 0, &e[ne])) e[ne++].page = p;
    }
    size_t need = np >= 3 ? np - 1 : 2;     /* every page but one */
    for (size_t i = 0; i < ne; i++) {
        nb_line *l = &lines[e[i].line];
        int furniture = e[i].apart && has_web_address(l);
        if (!furniture && e[i].apart && np >= 2) {
            size_t pages_with = 1;
            for (size_t j = 0; j < ne; j++)
                if (j != i && e[j].page != e[i].page && e[j].top == e[i].top && fabsf(e[j].y - e[i].y) < 3 &&
                    !strcmp(e[j].key, e[i].key))
                    pages_with++;
            furniture = pages_with >= need;
        }
        if (furniture) l->flags |= NB_LINE_FURNITURE;
    }
    for (size_t i = 0; i < ne; i++) free(e[i].key);
    free(e);
}
