/*
 * parser/grid.c — cell text and table grids shared by the HTML, Word and OpenDocument ingesters
 * (see grid.h).
 */
#include "grid.h"

#include <string.h>

#include "utf8.h"

/* ---- text with markup's white space ------------------------------------------------------ */

void nb_tbuf_init(nb_tbuf *t, int cell)
{
    t->s = g_string_new(NULL);
    t->last = 0;
    t->pending = 0;
    t->cell = cell;
}

void nb_tbuf_free(nb_tbuf *t)
{
    if (t->s) g_string_free(t->s, TRUE);
    t->s = NULL;
}

static int is_ws(uint32_t c)
{
    return nb_is_space(c) || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Write the pending space or soft break before the character c. */
static void tb_separate(nb_tbuf *t, uint32_t c)
{
    if (t->pending && t->s->len && (t->pending == 1 || !nb_is_joinable(t->last) || !nb_is_joinable(c)))
        g_string_append_c(t->s, ' ');
    t->pending = 0;
}

void nb_tbuf_text(nb_tbuf *t, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        if (len <= 0) break;
        if (c == 0 || is_ws(c)) {
            if (t->s->len && !t->pending) t->pending = 1;
            i += (size_t)len;
            continue;
        }
        tb_separate(t, c);
        if (c == '|' && t->cell) {
            g_string_append(t->s, "\xEF\xBD\x9C");
            t->last = c;
            i++;
            continue;
        }
        /* the run up to the next white space (or '|' in a cell) is copied at once */
        size_t start = i;
        uint32_t last = c;
        i += (size_t)len;
        while (i < n) {
            unsigned char b = (unsigned char)s[i];
            if (b < 0x80) {
                if (b <= ' ' || (b == '|' && t->cell)) break;
                last = b;
                i++;
                continue;
            }
            uint32_t d = nb_utf8_decode(s + i, n - i, &len);
            if (is_ws(d)) break;
            last = d;
            i += (size_t)len;
        }
        g_string_append_len(t->s, s + start, (gssize)(i - start));
        t->last = last;
    }
}

void nb_tbuf_break(nb_tbuf *t)
{
    if (t->s->len) t->pending = 2;
}

void nb_tbuf_space(nb_tbuf *t)
{
    if (t->s->len && !t->pending) t->pending = 1;
}

void nb_tbuf_literal(nb_tbuf *t, char c)
{
    t->pending = 0;
    g_string_append_c(t->s, c);
    t->last = (unsigned char)c;
}

void nb_tbuf_reset(nb_tbuf *t)
{
    g_string_truncate(t->s, 0);
    t->pending = 0;
    t->last = 0;
}

/* ---- grids ------------------------------------------------------------------------------- */

void nb_grid_init(nb_grid *g)
{
    memset(g, 0, sizeof *g);
    g->cells = g_array_new(FALSE, TRUE, sizeof(nb_grid_cell));
    g->rows = g_array_new(FALSE, TRUE, sizeof(nb_grid_row));
    g->text = g_string_new(NULL);
    g->busy = g_new0(uint32_t, NB_GRID_MAX_COLS);
}

void nb_grid_free(nb_grid *g)
{
    g_array_free(g->cells, TRUE);
    g_array_free(g->rows, TRUE);
    g_string_free(g->text, TRUE);
    g_free(g->busy);
}

void nb_grid_start_row(nb_grid *g)
{
    nb_grid_row r = {g->cells->len, 0};
    g_array_append_val(g->rows, r);
}

static uint32_t cap_span(uint32_t v, uint32_t cap)
{
    return v < 1 ? 1 : v > cap ? cap : v;
}

static long place(nb_grid *g, uint32_t at, const char *text, size_t n, uint32_t span, uint32_t rspan, int hole)
{
    if (!g->rows->len) nb_grid_start_row(g);
    nb_grid_row *r = &g_array_index(g->rows, nb_grid_row, g->rows->len - 1);
    uint32_t ri = g->rows->len - 1, col = 0;
    if (at != NB_GRID_NEXT) {
        col = at;
    } else if (r->n) {
        const nb_grid_cell *prev = &g_array_index(g->cells, nb_grid_cell, r->first + r->n - 1);
        col = prev->col + prev->span;
    }
    while (col < NB_GRID_MAX_COLS && g->busy[col] > ri) col++;
    if (col >= NB_GRID_MAX_COLS) return -1;          /* beyond the grid's width: dropped */
    span = cap_span(span, NB_GRID_MAX_COLSPAN);
    rspan = hole ? 1 : cap_span(rspan, NB_GRID_MAX_ROWSPAN);
    if (col + span > NB_GRID_MAX_COLS) span = NB_GRID_MAX_COLS - col;
    for (uint32_t k = col; k < col + span; k++) g->busy[k] = ri + rspan;
    nb_grid_cell gc = {col, span, rspan, (uint32_t)g->text->len, (uint32_t)n, hole};
    if (n) g_string_append_len(g->text, text, (gssize)n);
    g_array_append_val(g->cells, gc);
    r->n++;
    if (col + span > g->width) g->width = col + span;
    return col;
}

long nb_grid_place(nb_grid *g, uint32_t at, const char *text, size_t n, uint32_t colspan, uint32_t rowspan)
{
    return place(g, at, text, n, colspan, rowspan, 0);
}

long nb_grid_hole(nb_grid *g, uint32_t at, uint32_t span)
{
    return place(g, at, NULL, 0, span, 1, 1);
}

/* ---- emitting ---------------------------------------------------------------------------- */

typedef struct field { uint32_t col, span, off, len; } field;

void nb_grid_out_init(nb_grid_out *o)
{
    o->raw = g_string_new(NULL);
    o->geo = g_array_new(FALSE, FALSE, sizeof(nb_xspan));
    o->fields = g_array_new(FALSE, FALSE, sizeof(field));
    o->padded = 0;
}

void nb_grid_out_free(nb_grid_out *o)
{
    g_string_free(o->raw, TRUE);
    g_array_free(o->geo, TRUE);
    g_array_free(o->fields, TRUE);
}

void nb_grid_emit_begin(nb_grid *g, nb_grid_out *o)
{
    memset(g->busy, 0, NB_GRID_MAX_COLS * sizeof *g->busy);
    o->padded = 0;
}

static float centre(float x0, float x1) { return (x0 + x1) / 2; }

/* The fields f[0..nf) as one tab-separated line with grid geometry. */
static int build_line(const nb_grid *g, const field *f, size_t nf, nb_grid_out *o)
{
    /* a row of blanks is kept (table 4's numbers may all be blank: that is not a missing row);
     * a row whose slots are all covered from above, or a lone blank cell, says nothing */
    if (nf == 0 || (nf == 1 && f[0].len == 0)) return 0;
    g_string_truncate(o->raw, 0);
    g_array_set_size(o->geo, 0);
    for (size_t k = 0; k < nf; k++) {
        float x0 = (float)f[k].col * NB_GRID_COL_W, x1 = (float)(f[k].col + f[k].span) * NB_GRID_COL_W - 1;
        if (k) {
            /* the separator: an empty field takes the x of the byte after it (or, at the end of
             * the line, the x1 of the byte before), so the tab carries the blank cell's centre */
            float p0 = (float)f[k - 1].col * NB_GRID_COL_W;
            float p1 = (float)(f[k - 1].col + f[k - 1].span) * NB_GRID_COL_W - 1;
            nb_xspan tab = {f[k - 1].len ? p1 : centre(p0, p1), f[k].len ? x0 : centre(x0, x1)};
            g_string_append_c(o->raw, '\t');
            g_array_append_val(o->geo, tab);
        }
        nb_xspan xs = {x0, x1};
        g_string_append_len(o->raw, g->text->str + f[k].off, f[k].len);
        guint at = o->geo->len;
        g_array_set_size(o->geo, at + f[k].len);
        for (uint32_t b = 0; b < f[k].len; b++) g_array_index(o->geo, nb_xspan, at + b) = xs;
    }
    return 1;
}

/* Rows are replayed in order so that the spans from above say which slots of this row are
 * covered, and which trailing slots no cell reaches. */
int nb_grid_row_line(nb_grid *g, uint32_t ri, nb_grid_out *o)
{
    const nb_grid_row *r = &g_array_index(g->rows, nb_grid_row, ri);
    g_array_set_size(o->fields, 0);
    for (uint32_t k = 0; k < r->n; k++) {
        const nb_grid_cell *gc = &g_array_index(g->cells, nb_grid_cell, r->first + k);
        for (uint32_t x = gc->col; x < gc->col + gc->span; x++) g->busy[x] = ri + gc->rspan;
        if (gc->hole) continue;
        field f = {gc->col, gc->span, gc->off, gc->len};
        g_array_append_val(o->fields, f);
    }
    /* slots no cell and no span reaches: blank cells, as a browser draws them */
    for (uint32_t x = 0; r->n && x < g->width && o->padded < NB_GRID_MAX_PAD; x++)
        if (g->busy[x] <= ri) {
            field f = {x, 1, 0, 0};
            g_array_append_val(o->fields, f);
            o->padded++;
        }
    return build_line(g, (const field *)(void *)o->fields->data, o->fields->len, o);
}

uint32_t nb_grid_out_fields(const nb_grid_out *o)
{
    return o->fields->len;
}

uint32_t nb_grid_out_col(const nb_grid_out *o, uint32_t k)
{
    return k < o->fields->len ? g_array_index(o->fields, field, k).col : 0;
}
