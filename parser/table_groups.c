/*
 * parser/table_groups.c — values grouped per line and bound to the template's rows.
 *
 * A group is the values of a line between two labels. Its row is the label before it on the same
 * line (strong), a wrapped label's cell covering the line, or a label standing above it (weak).
 * Strong labels anchor; weak ones when they keep the template order; groups with no label fill
 * the free rows between two anchors when the counts agree (labels split from their values, or a
 * label too mangled to match), and are left out otherwise.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"

typedef struct line_item {
    int is_label;
    uint32_t rs;
    int index;            /* into labels or toks */
} line_item;

/* Items of a line in raw order; a label before a value at the same place. */
static int by_rs(const void *a, const void *b)
{
    const line_item *x = a, *y = b;
    if (x->rs != y->rs) return x->rs < y->rs ? -1 : 1;
    return y->is_label - x->is_label;    /* a label before a token at the same place */
}

/* Collect the labels and tokens of line li within normalised [ns, ne), in reading order. */
static int line_items(reader *rd, uint32_t li, uint32_t ns, uint32_t ne, line_item **out, nb_vec *buf)
{
    const nb_line *l = &rd->d->lines[li];
    nb_re *lp = tr_label_pattern(rd->def);
    size_t first_label = rd->labels.len, first_tok = rd->toks.len, pos = ns, ov[2];
    int last_row = -1;
    uint32_t last_end = 0;
    if (rd->by_cells && li >= rd->la && li <= rd->lb && rd->by_cells[li - rd->la]) {
        for (size_t i = 0; i < rd->cell_labels.len; i++) {
            const label *c = (const label *)rd->cell_labels.data + i;
            if (c->line == li) *(label *)nb_vec_push(&rd->labels) = *c;
        }
        pos = ne;          /* the cells have found this line's labels */
    }
    while (pos < ne && nb_re_find(lp, l->norm.text, ne, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (row < 0) continue;
        /* two keys of one label (危及“三安全一稳定”) name the row once */
        if (row == last_row && ov[0] <= last_end + 24) {
            last_end = (uint32_t)ov[1];
            continue;
        }
        tr_add_label(rd, li, (uint32_t)ov[0], (uint32_t)ov[1], row);
        last_row = row;
        last_end = (uint32_t)ov[1];
    }
    if (l->flags & NB_LINE_FIELDS)
        tr_field_tokens(rd, li, ns ? l->norm.map[ns] : 0, ne < l->norm.len ? l->norm.map[ne] : l->raw_len);
    else tr_scan_tokens(rd, li, ns, ne);
    buf->len = 0;
    for (size_t i = first_label; i < rd->labels.len; i++) {
        line_item *it = nb_vec_push(buf);
        it->is_label = 1;
        it->rs = ((label *)rd->labels.data)[i].rs;
        it->index = (int)i;
    }
    for (size_t i = first_tok; i < rd->toks.len; i++) {
        line_item *it = nb_vec_push(buf);
        it->rs = T(rd, (int)i)->rs;
        it->index = (int)i;
    }
    if (buf->len > 1) qsort(buf->data, buf->len, sizeof(line_item), by_rs);
    *out = buf->data;
    return (int)buf->len;
}

/* Tokens inside a label's own text (a field that is a label, digits of a key) are not values. */
static int inside_label(const reader *rd, const tok *t)
{
    for (size_t i = rd->labels.len; i-- > 0;) {
        const label *lb = (const label *)rd->labels.data + i;
        if (lb->line != t->line) return 0;
        if (t->rs >= lb->rs && t->re <= lb->re) return 1;
    }
    return 0;
}

/* Start a group at token first_tok, with its strong label and the pending ones. */
static group *open_group(reader *rd, int first_tok, uint32_t line, int strong, const int *pending, int npending)
{
    group *g = nb_vec_push(&rd->groups);
    g->first = first_tok;
    g->n = 0;
    g->strong = strong;
    g->row = -1;
    g->line = line;
    for (int i = 0; i < npending && g->nweak < 4; i++)
        if (pending[i] != strong) g->weak[g->nweak++] = pending[i];
    return g;
}

/* Walk the region's lines, building groups of tokens with their labels. Tokens are re-laid so that
 * each group's tokens are contiguous in rd->toks. */
void tr_collect_groups(reader *rd, size_t a, size_t b)
{
    nb_doc *d = rd->d;
    if (d->nlines == 0 || b <= a) return;
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, d->nlines, b, &lb, &ob);
    tr_find_cell_labels(rd, la, oa, lb, ob);
    nb_vec items, ordered;
    nb_vec_init(&items, sizeof(line_item));
    nb_vec_init(&ordered, sizeof(tok));
    int pending[8], npending = 0;
    for (uint32_t li = la; li <= lb && li < d->nlines; li++) {
        const nb_line *l = &d->lines[li];
        if (l->flags & (NB_LINE_FURNITURE | NB_LINE_RULE) || l->norm.len == 0) continue;
        uint32_t ns = li == la ? oa : 0, ne = li == lb ? ob : l->norm.len;
        if (ns > l->norm.len) ns = l->norm.len;
        if (ne > l->norm.len) ne = l->norm.len;
        if (ns >= ne) continue;
        line_item *it;
        int n = line_items(rd, li, ns, ne, &it, &items);
        /* a wrapped label whose key stands on an earlier line of its cell still names this line */
        float cover_x;
        int cover = tr_covering_label(rd, li, &cover_x), strong = cover;
        group *g = NULL;
        for (int i = 0; i < n; i++) {
            if (it[i].is_label) {
                const label *lb_ = (const label *)rd->labels.data + it[i].index;
                /* a heading column beside a wrapped row label (（六）其他 | 缴纳费用…) names
                 * nothing: the row label, further right, does */
                strong = cover >= 0 && (tr_is_heading(rd->def, lb_->row) || cover_x > lb_->x0) ? cover : lb_->row;
                g = NULL;
                if (npending < 8) pending[npending++] = lb_->row;
                continue;
            }
            tok *t = T(rd, it[i].index);
            if (inside_label(rd, t)) continue;
            if (!g) {
                g = open_group(rd, (int)ordered.len, li, strong, pending, npending);
                npending = 0;
            }
            *(tok *)nb_vec_push(&ordered) = *t;
            g->n++;
        }
    }
    /* the groups index `ordered`: swap it in */
    nb_vec_free(&rd->toks);
    rd->toks = ordered;
    nb_vec_free(&items);
}

/* ---------- rows for groups ---------- */

/* A group made only of empty fields, with no label on its line, is layout (a merged cell's
 * continuation), not a row. Leading empty fields before the first value are trimmed likewise. */
void tr_drop_layout_groups(reader *rd)
{
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->strong >= 0) continue;
        while (g->n > 0 && T(rd, g->first)->kind == TK_EMPTY) {
            g->first++;
            g->n--;
        }
    }
}

/* How many cells a group could fill: a run of glued digits can hold one cell per digit. */
static int group_capacity(reader *rd, const group *g)
{
    int cap = 0;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        int digits = 0;
        if (t->kind == TK_NUM && !t->geo)
            for (uint32_t k = 0; k < t->nlen; k++) digits += t->norm[k] >= '0' && t->norm[k] <= '9';
        cap += digits > 1 ? digits : 1;
    }
    return cap;
}

/* Could a group be (most of) a row with nc cells, or is it a stray number? */
static int group_fits(reader *rd, const group *g, int nc)
{
    return group_capacity(rd, g) * 2 > nc;
}

/* Tokens left to right. */
static int by_x0(const void *a, const void *b)
{
    float d = ((const tok *)a)->x0 - ((const tok *)b)->x0;
    return d < 0 ? -1 : d > 0;
}

/* Do lines above, a (a row's own) and b stand at one pitch, the line above holding numbers of no
 * row? Then they are the lines of numbers wrapped in narrow cells, centred on the row (２ | ５ １ ８ |
 * ９ for 25…, 29, 1, 28…), and b holds the ends of those numbers, not the row's values set on a
 * lower baseline. */
static int in_wrapped_stack(reader *rd, const group *above, const group *a, const group *b)
{
    const nb_doc *d = rd->d;
    if (above->n == 0 || above->strong >= 0 || above->line + 1 != a->line) return 0;
    const nb_line *lu = &d->lines[above->line], *la = &d->lines[a->line], *lb = &d->lines[b->line];
    if (lu->page != la->page) return 0;
    float up = la->box.y0 - lu->box.y0, down = lb->box.y0 - la->box.y0;
    return up > 0 && fabsf(up - down) <= 0.25f * (la->box.y1 - la->box.y0);
}

/* A row's numbers printed a little lower than its label (another font, another baseline) fall on
 * a line of their own right under it. Such a group, unlabelled, closer to the label's line than a
 * line apart and sharing no column with it, is the same row: merge it, in x order. */
void tr_merge_offset_groups(reader *rd)
{
    const nb_doc *d = rd->d;
    for (size_t i = 0; i + 1 < rd->groups.len; i++) {
        group *a = G(rd, (int)i), *b = G(rd, (int)i + 1);
        if (a->n == 0 || b->n == 0 || a->strong < 0 || b->strong >= 0 || b->line != a->line + 1) continue;
        const nb_line *la = &d->lines[a->line], *lb = &d->lines[b->line];
        if (d->kind != NB_KIND_PDF || la->page != lb->page) continue;
        if (fabsf(lb->box.y0 - la->box.y0) >= 0.8f * (la->box.y1 - la->box.y0)) continue;
        if (a->n + b->n > tr_row_ncols(rd->def, a->strong) || b->first != a->first + a->n) continue;
        if (i > 0 && in_wrapped_stack(rd, G(rd, (int)i - 1), a, b)) continue;
        int overlap = 0;
        for (int p = 0; p < a->n && !overlap; p++)
            for (int q = 0; q < b->n && !overlap; q++) {
                const tok *ta = T(rd, a->first + p), *tb = T(rd, b->first + q);
                overlap = tb->x0 < ta->x1 && ta->x0 < tb->x1;
            }
        if (overlap) continue;
        a->n += b->n;
        b->n = 0;
        qsort(T(rd, a->first), (size_t)a->n, sizeof(tok), by_x0);
    }
}

/* Mark the further lines of a wrapped stack from group `from` going `step` (-1 up, +1 down): up
 * to three more unlabelled groups, each on the next line at the stack's pitch. */
static void extend_stack(reader *rd, uint8_t *frag, int from, int step, float pitch, float tol)
{
    int ng = (int)rd->groups.len;
    for (int k = from + step, prev = from; k >= 0 && k < ng && abs(k - from) <= 3; k += step) {
        const group *g = G(rd, k), *p = G(rd, prev);
        if (g->n == 0) continue;
        const nb_line *lg = &rd->d->lines[g->line], *lp = &rd->d->lines[p->line];
        if (g->strong >= 0 || (int)g->line - (int)p->line != step || lg->page != lp->page ||
            fabsf((lg->box.y0 - lp->box.y0) * (float)step - pitch) > tol)
            break;
        frag[k] = 1;
        prev = k;
    }
}

/* Mark the unlabelled groups standing in a wrapped stack around a labelled row: the lines just
 * above and below the row's line both hold numbers of no row, at one pitch (a number wrapped in
 * its narrow cell, the row centred on it: ２１１ | （七）总计 ２８２ | ５). They are the ends of that
 * row's numbers (join_wrapped reads them), not rows of their own: a blank row above (3.其他,
 * printed empty) must not take them for its values. frag[i] = 1 for such groups. */
static void mark_wrapped_stacks(reader *rd, uint8_t *frag)
{
    int ng = (int)rd->groups.len;
    for (int i = 1; i + 1 < ng; i++) {
        const group *a = G(rd, i);
        if (a->n == 0 || a->strong < 0) continue;
        /* the nearest non-empty groups on each side */
        int u = i - 1, w = i + 1;
        while (u > 0 && G(rd, u)->n == 0) u--;
        while (w + 1 < ng && G(rd, w)->n == 0) w++;
        const group *gu = G(rd, u), *gw = G(rd, w);
        if (gu->n == 0 || gw->n == 0 || gw->strong >= 0 || gw->line != a->line + 1) continue;
        if (!in_wrapped_stack(rd, gu, a, gw)) continue;
        const nb_line *la = &rd->d->lines[a->line];
        float pitch = la->box.y0 - rd->d->lines[gu->line].box.y0, tol = 0.25f * (la->box.y1 - la->box.y0);
        frag[u] = frag[w] = 1;
        extend_stack(rd, frag, u, -1, pitch, tol);
        extend_stack(rd, frag, w, +1, pitch, tol);
    }
}

/* Give groups their rows: strong labels first, then weak ones in template order, then the
 * unlabelled runs between two anchors when the counts agree (the ends of wrapped numbers left
 * out: mark_wrapped_stacks). */
void tr_anchor_groups(reader *rd)
{
    const nb_table_def *def = rd->def;
    int ng = (int)rd->groups.len;
    int *taken = calloc((size_t)def->nrows, sizeof *taken);
    uint8_t *frag = calloc((size_t)ng + 1, 1);
    if (rd->d->kind == NB_KIND_PDF) mark_wrapped_stacks(rd, frag);
    /* strong labels: always, first occurrence of a row */
    for (int i = 0; i < ng; i++) {
        group *g = G(rd, i);
        if (g->n == 0 || g->strong < 0) continue;
        if (taken[g->strong]) {
            rd->t->copies = rd->t->copies < 2 ? 2 : rd->t->copies;
            g->n = 0;      /* a second copy of the row: the first one stands */
            continue;
        }
        g->row = g->strong;
        g->certain_row = 1;
        taken[g->row] = 1;
    }
    /* weak labels: the nearest pending label that keeps the template order between strong anchors.
     * A stray group too short for the rows it could be (a lone page number) hands its labels on. */
    for (int i = 0; i < ng; i++) {
        group *g = G(rd, i);
        if (g->n == 0 || g->row >= 0 || g->nweak == 0 || frag[i]) continue;
        int fits = 0;
        for (int k = 0; k < g->nweak; k++) fits |= group_fits(rd, g, tr_row_ncols(def, g->weak[k]));
        if (!fits) {
            group *next = i + 1 < ng ? G(rd, i + 1) : NULL;
            for (int k = 0; next && next->strong < 0 && k < g->nweak && next->nweak < 4; k++)
                next->weak[next->nweak++] = g->weak[k];
            g->nweak = 0;
            continue;
        }
        int lo = -1, hi = def->nrows;
        for (int j = i - 1; j >= 0; j--)
            if (G(rd, j)->row >= 0) { lo = G(rd, j)->row; break; }
        for (int j = i + 1; j < ng; j++)
            if (G(rd, j)->row >= 0) { hi = G(rd, j)->row; break; }
        /* the first row in template order; a heading only when nothing else fits */
        int best = -1;
        for (int pass = 0; pass < 2 && best < 0; pass++)
            for (int k = 0; k < g->nweak; k++) {
                int r = g->weak[k];
                if (pass == 0 && tr_is_heading(def, r)) continue;
                if (r > lo && r < hi && !taken[r] && (best < 0 || r < best)) best = r;
            }
        if (best >= 0) {
            g->row = best;
            g->certain_row = 1;
            taken[best] = 1;
        }
    }
    /* unlabelled runs between anchors fill the free rows between them when the counts agree */
    int i = 0;
    while (i < ng) {
        if (G(rd, i)->n == 0 || G(rd, i)->row >= 0) { i++; continue; }
        int j = i;
        while (j < ng && (G(rd, j)->n == 0 || G(rd, j)->row < 0)) j++;
        int lo = -1, hi = def->nrows;
        for (int k = i - 1; k >= 0; k--)
            if (G(rd, k)->row >= 0) { lo = G(rd, k)->row; break; }
        if (j < ng) hi = G(rd, j)->row;
        int slots[64], ns = 0, slots_all[64], nsa = 0;
        for (int r = lo + 1; r < hi && r >= 0; r++) {
            if (taken[r]) continue;
            if (nsa < 64) slots_all[nsa++] = r;
            if (!tr_is_heading(def, r) && ns < 64) slots[ns++] = r;
        }
        int members[64], nm = 0, complete[64], nc = 0;
        for (int k = i; k < j; k++) {
            if (G(rd, k)->n == 0 || frag[k]) continue;
            if (nm < 64) members[nm++] = k;
        }
        /* groups shorter than any row they could be are strays (a lone page number) */
        for (int k = 0; k < nm; k++) {
            group *g = G(rd, members[k]);
            int fits = 0;
            for (int s = 0; s < nsa; s++) fits |= group_fits(rd, g, tr_row_ncols(def, slots_all[s]));
            if (fits && nc < 64) complete[nc++] = members[k];
        }
        const int *use = NULL, *rows = NULL;
        int count = 0;
        /* strays out first, headings only when the rows need them */
        if (nc == ns) { use = complete; rows = slots; count = nc; }
        else if (nm == ns) { use = members; rows = slots; count = nm; }
        else if (nc == nsa) { use = complete; rows = slots_all; count = nc; }
        else if (nm == nsa) { use = members; rows = slots_all; count = nm; }
        for (int k = 0; k < count; k++) {
            group *g = G(rd, use[k]);
            g->row = rows[k];
            g->certain_row = 1;
            taken[rows[k]] = 1;
        }
        i = j;
    }
    free(frag);
    free(taken);
}

/* Was a label of this row seen in the region? */
int tr_label_seen(const reader *rd, int row)
{
    for (size_t i = 0; i < rd->labels.len; i++)
        if (((const label *)rd->labels.data)[i].row == row) return 1;
    return 0;
}
