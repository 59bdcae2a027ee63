/*
 * parser/table_fill.c — a row's cells from its group of values.
 *
 * As many values as the row has columns: in order. Fewer: each to the column its x-centre falls
 * in, columns learned from the complete rows of the page, or from the headings — a blank never
 * shifts the numbers after it. A number wrapped inside its narrow cell is joined from the lines
 * around, and stands when the row's sums hold. Without geometry (a flattened page) digit runs are
 * split by glue.c: one split the row's sums allow, or one the column sums settle; else uncertain.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"

/* ---------- cells ---------- */

/* Set a cell from one token: its value (when certain), raw text, page and box. */
void tr_set_cell_from_tok(reader *rd, int row, int col, const tok *t, int certain, const char *why)
{
    nb_cell *c = nb_table_cell(rd->t, row, col);
    const nb_line *l = &rd->d->lines[t->line];
    c->raw = nb_strndup(rd->a, l->raw + t->rs, t->re - t->rs);
    c->page = l->page;
    c->line = t->line;
    c->box = (nb_box){t->x0, l->box.y0, t->x1, l->box.y1};
    c->has_box = t->geo && rd->d->kind == NB_KIND_PDF;
    if (certain && (l->flags & NB_LINE_DOUBTFUL)) {    /* its page's text runs two ways */
        certain = 0;
        why = "page_direction_mixed";
    } else if (certain && l->conf) {  /* a recognised number: every character sure, or uncertain */
        for (uint32_t i = t->rs; i < t->re && certain; i++)
            if (l->conf[i] < NB_OCR_CONF_CERTAIN) {
                certain = 0;
                why = "ocr_low_confidence";
            }
    }
    c->certain = (uint8_t)certain;
    c->why = why;
    nb_value v;
    nb_vkind k = nb_parse_value(t->norm, t->nlen, &v);
    if (k == NB_V_NUMBER && certain) {
        c->kind = NB_CELL_NUMBER;
        c->mant = v.mant;
        c->scale = v.scale;
        c->value = nb_strdup(rd->a, v.text);
    } else {
        c->kind = NB_CELL_BLANK;    /* a marker, or a number read with doubt: no value */
        c->value = "";
    }
}

/* A cell printed empty (certain) or left unread (with the reason), placed on line li. */
void tr_set_blank(reader *rd, nb_cell *c, uint32_t li, int certain, const char *why)
{
    c->kind = NB_CELL_BLANK;
    c->certain = (uint8_t)certain;
    c->why = why;
    c->value = "";
    c->raw = "";
    c->page = rd->d->lines[li].page;
    c->line = li;
}

/* Mark every cell of a row uncertain (nothing read with confidence) with a reason. */
void tr_row_uncertain(reader *rd, int row, const char *why, const group *g)
{
    for (int c = 0; c < rd->def->ncols; c++)
        if (nb_row_has_col(rd->def, row, c)) tr_set_blank(rd, nb_table_cell(rd->t, row, c), g->line, 0, why);
    if (g->n > 0) {
        /* keep what was printed, for whoever checks by hand */
        const tok *f = T(rd, g->first), *e = T(rd, g->first + g->n - 1);
        if (f->line == e->line) {
            const nb_line *fl = &rd->d->lines[f->line];
            const char *raw = nb_strndup(rd->a, fl->raw + f->rs, e->re - f->rs);
            for (int c = 0; c < rd->def->ncols; c++)
                if (nb_row_has_col(rd->def, row, c)) nb_table_cell(rd->t, row, c)->raw = raw;
        }
    }
}

/* Learn column centres from complete groups (as many tokens as columns, with layout geometry). */
static void learn_centres(reader *rd)
{
    const nb_table_def *def = rd->def;
    uint32_t np = rd->d->npages;
    size_t n = ((size_t)np + 1) * (size_t)def->ncols;
    rd->csum = nb_alloc(rd->a, n * sizeof(float));
    rd->ccnt = nb_alloc(rd->a, n * sizeof(float));
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->row < 0 || g->n != tr_row_ncols(def, g->row) || g->n < 2) continue;
        for (int k = 0; k < g->n; k++) {
            tok *t = T(rd, g->first + k);
            if (!t->geo) goto next;
        }
        for (int k = 0; k < g->n; k++) {
            tok *t = T(rd, g->first + k);
            int c = tr_row_col(def, g->row, k);
            uint32_t page = rd->d->lines[t->line].page;
            float xc = (t->x0 + t->x1) / 2;
            rd->csum[c] += xc;
            rd->ccnt[c] += 1;
            if (page <= np) {
                rd->csum[(size_t)page * def->ncols + c] += xc;
                rd->ccnt[(size_t)page * def->ncols + c] += 1;
            }
        }
    next:;
    }
}

/* Does the table mix rows of different columns (table 2)? Then each row's own block of headings
 * places its numbers. */
static int mixed_columns(const nb_table_def *def)
{
    for (int r = 0; r < def->nrows; r++)
        if (def->rows[r].cols) return 1;
    return 0;
}

/* Centre of column c on a page: that page's complete rows, else all pages', else the headings'. */
float tr_centre(reader *rd, uint32_t page, int c)
{
    size_t nc = (size_t)rd->def->ncols;
    if (page <= rd->d->npages && rd->ccnt[page * nc + c] > 0) return rd->csum[page * nc + c] / rd->ccnt[page * nc + c];
    if (rd->ccnt[c] > 0) return rd->csum[c] / rd->ccnt[c];
    if (!rd->hdr) tr_header_centres(rd, rd->ra, rd->rb);
    return rd->hdr[c];
}

/* Is line li a line of number fragments: digits only across the value columns [lo, hi), and no
 * row of its own? (a vertical label's character or a heading may stand left of them) */
static int stray_digits_line(reader *rd, uint32_t li, uint32_t page, float y, float h, float lo, float hi)
{
    const nb_doc *d = rd->d;
    if (li >= d->nlines) return 0;
    const nb_line *l = &d->lines[li];
    if (l->page != page || (l->flags & (NB_LINE_FURNITURE | NB_LINE_FIELDS)) || l->norm.len == 0) return 0;
    /* a wrapped number's next line sits one text line away; the next row further */
    if (fabsf(l->box.y0 - y) > 1.6f * h) return 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *g = G(rd, (int)i);
        if (g->line == li && g->row >= 0 && g->n > 0) return 0;
    }
    size_t n;
    return tr_column_digits(rd, li, lo, hi, &n) != NULL && n > 0;
}

/* The first line past `frag` (going `step`, within three lines and the page) that holds a row's
 * numbers: a label's first line with no number of its own, which a row centred lower leaves
 * above its numbers, is no row to weigh a fragment against. */
static uint32_t row_line_beyond(reader *rd, uint32_t frag, int step)
{
    const nb_doc *d = rd->d;
    for (int k = 1; k <= 3; k++) {
        if (step < 0 && frag < (uint32_t)k) break;
        uint32_t li = step < 0 ? frag - (uint32_t)k : frag + (uint32_t)k;
        if (li >= d->nlines || d->lines[li].page != d->lines[frag].page) break;
        for (size_t i = 0; i < rd->groups.len; i++) {
            const group *g = G(rd, (int)i);
            if (g->line == li && g->row >= 0 && g->n > 0) return li;
        }
    }
    return UINT32_MAX;
}

/* The line a wrapped number's other part would be on, next to the row's own line `own` going
 * `step`: a line with nothing in the value columns [vlo, vhi) (a label's line, centred between the
 * row and its number's second line) is passed over, once. UINT32_MAX when there is none. */
static uint32_t fragment_line(reader *rd, uint32_t own, int step, float vlo, float vhi)
{
    const nb_doc *d = rd->d;
    uint32_t li = own;
    for (int k = 0; k < 2; k++) {
        if (step < 0 ? li == 0 : li + 1 >= d->nlines) break;
        li = step < 0 ? li - 1 : li + 1;
        if (d->lines[li].page != d->lines[own].page) break;
        size_t n = 0;
        if (!tr_column_digits(rd, li, vlo, vhi, &n) || n > 0) return li;
    }
    return UINT32_MAX;
}

/* Is line `frag` nearer to line `own` than to line `other` (the row on its far side)? A stray line
 * of fragments between two rows belongs to the row it sits against. */
static int nearer_to(const nb_doc *d, uint32_t frag, uint32_t own, uint32_t other)
{
    if (other >= d->nlines || d->lines[other].page != d->lines[frag].page) return 1;
    return fabsf(d->lines[frag].box.y0 - d->lines[own].box.y0) <
           fabsf(d->lines[frag].box.y0 - d->lines[other].box.y0);
}

enum { WRAP_LINES = 3 };   /* fragment lines read each way: a number of up to seven lines */

/* The fragment lines of the row at line `own` going `step` (-1 up, +1 down), nearest first: the
 * one found next to the row (`first`, UINT32_MAX for none), then each further line of digits only
 * that stands against the previous fragment and nearer the row than the row beyond it. */
static int fragment_chain(reader *rd, uint32_t own, uint32_t first, int step, float h, float lo, float hi, uint32_t *out)
{
    const nb_doc *d = rd->d;
    int n = 0;
    if (first == UINT32_MAX) return 0;
    out[n++] = first;
    while (n < WRAP_LINES) {
        uint32_t prev = out[n - 1];
        if (step < 0 && prev == 0) break;
        uint32_t li = prev + (uint32_t)step;
        if (!stray_digits_line(rd, li, d->lines[own].page, d->lines[prev].box.y0, h, lo, hi) ||
            !nearer_to(d, li, own, row_line_beyond(rd, li, step)))
            break;
        out[n++] = li;
    }
    return n;
}

/* The digits of one column on the fragment lines, joined top to bottom ("" when none). */
static char *column_fragments(reader *rd, const uint32_t *lines, int n, int step, float lo, float hi, size_t *len)
{
    char *s = "";
    *len = 0;
    for (int i = 0; i < n; i++) {
        size_t k = 0;
        char *f = tr_column_digits(rd, lines[i], lo, hi, &k);
        if (!f || !k) continue;
        s = step < 0 ? nb_sprintf(rd->a, "%s%s", f, s) : nb_sprintf(rd->a, "%s%s", s, f);
        *len += k;
    }
    return s;
}

/* The line just past a row's fragment chain holds digits no row claims, but stands nearer the
 * next row than this one (a row whose short values sit centred between its long numbers' two
 * lines: ３０ | ６ ２ ３ | ７). Those digits may be the end of this row's number in their column:
 * a cell of the row read there is uncertain, not a confident 30 for 307. */
static void doubt_fragments_beyond(reader *rd, const group *g, int row, const int *cols, const float *cx, int nc,
                                   const uint32_t *chain, int n, int step, float h)
{
    const nb_doc *d = rd->d;
    if (n == 0) return;
    uint32_t last = chain[n - 1];
    if (step < 0 && last == 0) return;
    uint32_t li = last + (uint32_t)step;
    float vlo = cx[0] - (cx[1] - cx[0]) / 2, vhi = cx[nc - 1] + (cx[nc - 1] - cx[nc - 2]) / 2;
    if (!stray_digits_line(rd, li, d->lines[g->line].page, d->lines[last].box.y0, h, vlo, vhi)) return;
    for (int k = 0; k < nc; k++) {
        float lo = k > 0 ? (cx[k - 1] + cx[k]) / 2 : cx[k] - (cx[1] - cx[0]) / 2;
        float hi = k < nc - 1 ? (cx[k] + cx[k + 1]) / 2 : cx[k] + (cx[nc - 1] - cx[nc - 2]) / 2;
        size_t nd = 0, nown = 0;
        if (!tr_column_digits(rd, li, lo, hi, &nd) || nd == 0) continue;
        if (!tr_column_digits(rd, g->line, lo, hi, &nown) || nown == 0) continue;
        nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        if (!c->certain) continue;
        tr_set_blank(rd, c, g->line, 0, "wrapped_number");
    }
}

/* A number too wide for its narrow cell wraps inside it, onto the line above or below the row's
 * own (1,74 / 2 around the label; 127 above, 8 beside a label centred lower). Join each column's
 * fragments top to bottom with the row's own token; the joins stand when the row's sums then
 * hold, and are flagged wrapped_number otherwise. */
static void join_wrapped(reader *rd, const group *g, int row, const int *cols, const float *cx, int nc)
{
    const nb_doc *d = rd->d;
    if (d->kind != NB_KIND_PDF || nc < 2) return;
    const nb_line *l = &d->lines[g->line];
    float h = l->box.y1 - l->box.y0;
    float vlo = cx[0] - (cx[1] - cx[0]) / 2, vhi = cx[nc - 1] + (cx[nc - 1] - cx[nc - 2]) / 2;
    uint32_t above = fragment_line(rd, g->line, -1, vlo, vhi), below = fragment_line(rd, g->line, 1, vlo, vhi);
    int up = above != UINT32_MAX && stray_digits_line(rd, above, l->page, l->box.y0, h, vlo, vhi) &&
             nearer_to(d, above, g->line, row_line_beyond(rd, above, -1));
    int down = below != UINT32_MAX && stray_digits_line(rd, below, l->page, l->box.y0, h, vlo, vhi) &&
               nearer_to(d, below, g->line, row_line_beyond(rd, below, 1));
    if (!up && !down) return;
    /* a number wrapped over three lines or more (２/５/０) leaves fragments further on */
    uint32_t ups[WRAP_LINES], downs[WRAP_LINES];
    int nup = fragment_chain(rd, g->line, up ? above : UINT32_MAX, -1, h, vlo, vhi, ups);
    int ndown = fragment_chain(rd, g->line, down ? below : UINT32_MAX, 1, h, vlo, vhi, downs);
    doubt_fragments_beyond(rd, g, row, cols, cx, nc, ups, nup, -1, h);
    doubt_fragments_beyond(rd, g, row, cols, cx, nc, downs, ndown, 1, h);
    char *text[NB_GLUE_MAX_CELLS];
    nb_value v[NB_GLUE_MAX_CELLS];
    int joined = 0;
    for (int k = 0; k < nc; k++) {
        float lo = k > 0 ? (cx[k - 1] + cx[k]) / 2 : cx[k] - (cx[1] - cx[0]) / 2;
        float hi = k < nc - 1 ? (cx[k] + cx[k + 1]) / 2 : cx[k] + (cx[nc - 1] - cx[nc - 2]) / 2;
        size_t na = 0, nm = 0, nb = 0;
        char *a = column_fragments(rd, ups, nup, -1, lo, hi, &na);
        char *b = column_fragments(rd, downs, ndown, 1, lo, hi, &nb);
        text[k] = NULL;
        if (na == 0 && nb == 0) continue;     /* this column did not wrap: its cell stands */
        char *m = tr_column_digits(rd, g->line, lo, hi, &nm);
        if (!m) return;                       /* a marker or text beside a fragment: no join */
        text[k] = nb_sprintf(rd->a, "%s%s%s", a, m, b);
        if (nb_parse_value(text[k], strlen(text[k]), &v[k]) != NB_V_NUMBER) return;
        if (text[k][0] == '0' && text[k][1] >= '0' && text[k][1] <= '9') return;   /* 0 + 1 is not 01 */
        joined = 1;
    }
    if (!joined) return;
    /* the row's sums decide, over the joined columns and the cells already placed */
    for (int k = 0; k < nc; k++) {
        if (text[k]) continue;
        const nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        memset(&v[k], 0, sizeof v[k]);
        if (c->kind == NB_CELL_NUMBER && c->certain) {
            v[k].mant = c->mant;
            v[k].scale = c->scale;
        }
    }
    nb_glue_rel rel[NB_GLUE_MAX_RELS];
    int nrel = tr_row_relations(rd, row, rel, NB_GLUE_MAX_RELS), holds = nrel > 0;
    for (int r = 0; r < nrel && holds; r++) {
        int64_t sum = 0;
        for (int k = 0; k < nc; k++)
            if ((rel[r].addends >> k) & 1u) sum += v[k].scale ? 0 : v[k].mant;
        holds = v[rel[r].target].mant == sum;
    }
    for (int k = 0; k < nc; k++) {
        if (!text[k]) continue;
        nb_cell *c = nb_table_cell(rd->t, row, cols[k]);
        c->raw = text[k];
        c->why = holds ? NULL : "wrapped_number";
        c->certain = (uint8_t)holds;
        c->kind = NB_CELL_NUMBER;
        c->mant = v[k].mant;
        c->scale = v[k].scale;
        c->value = holds ? nb_strdup(rd->a, v[k].text) : "";
    }
}

/* Place fewer tokens than columns by x-centre. Returns 0 when a token's column is unclear. */
static int place_by_position(reader *rd, const group *g, int row)
{
    const nb_table_def *def = rd->def;
    int nc = tr_row_ncols(def, row), cols[NB_GLUE_MAX_CELLS], assigned[NB_GLUE_MAX_CELLS];
    float cx[NB_GLUE_MAX_CELLS];
    if (nc > NB_GLUE_MAX_CELLS) return 0;
    uint32_t page = rd->d->lines[g->line].page;
    for (int k = 0; k < nc; k++) {
        cols[k] = tr_row_col(def, row, k);
        cx[k] = mixed_columns(def) ? tr_header_above(rd, cols[k], g->line) : NAN;
        if (isnan(cx[k])) cx[k] = tr_centre(rd, page, cols[k]);
        if (isnan(cx[k])) return 0;
        if (k && cx[k] <= cx[k - 1]) return 0;
    }
    int prev = -1;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        if (!t->geo) return 0;
        float xc = (t->x0 + t->x1) / 2;
        int best = -1;
        float bd = 0;
        for (int k = 0; k < nc; k++) {
            float dist = fabsf(xc - cx[k]);
            if (best < 0 || dist < bd) { best = k; bd = dist; }
        }
        /* within half the gap to the neighbouring centre, and left to right */
        float gap = nc > 1 ? (best > 0 ? cx[best] - cx[best - 1] : cx[1] - cx[0]) : 1e9f;
        if (best < nc - 1 && cx[best + 1] - cx[best] < gap) gap = cx[best + 1] - cx[best];
        if (bd > gap * 0.5f || best <= prev) return 0;
        /* a token spanning two centres is glued digits, not one cell */
        for (int k = 0; k < nc; k++)
            if (k != best && cx[k] > t->x0 && cx[k] < t->x1) return 0;
        assigned[i] = best;
        prev = best;
    }
    for (int i = 0; i < g->n; i++) tr_set_cell_from_tok(rd, row, cols[assigned[i]], T(rd, g->first + i), 1, NULL);
    /* the columns no token reached were printed empty — unless a number wrapped (join_wrapped) */
    for (int k = 0; k < nc; k++) {
        int used = 0;
        for (int i = 0; i < g->n; i++) used |= assigned[i] == k;
        if (!used) tr_set_blank(rd, nb_table_cell(rd->t, row, cols[k]), g->line, 1, NULL);
    }
    join_wrapped(rd, g, row, cols, cx, nc);
    return 1;
}

typedef struct pending_row {
    int row;
    int group;
    nb_glue_result *res;
} pending_row;

/* Write part p of a split (the row's k-th cell) into its cell. */
static void apply_part(reader *rd, const group *g, int row, int k, const nb_glue_part *p, int certain)
{
    const tok *t = T(rd, g->first + p->tok);
    int col = tr_row_col(rd->def, row, k);
    const char *why = certain ? NULL : "glued_ambiguous";
    if (t->kind == TK_MARK) {
        tr_set_cell_from_tok(rd, row, col, t, certain, why);
        return;
    }
    tok part = *t;
    /* the part's raw bytes: normalised offsets map to raw through the token's own text. Tokens of
     * ordinary lines: norm bytes equal raw bytes for ASCII digits; full-width digits take three raw
     * bytes each, so walk the raw text counting characters */
    const nb_line *l = &rd->d->lines[t->line];
    uint32_t rs = t->rs, idx = 0;
    while (rs < t->re && idx < p->start) {
        int len;
        nb_utf8_decode(l->raw + rs, t->re - rs, &len);
        rs += (uint32_t)len;
        idx++;
    }
    uint32_t re = rs;
    while (re < t->re && idx < p->end) {
        int len;
        nb_utf8_decode(l->raw + re, t->re - re, &len);
        re += (uint32_t)len;
        idx++;
    }
    part.rs = rs;
    part.re = re;
    part.norm = nb_strndup(rd->a, t->norm + p->start, (size_t)(p->end - p->start));
    part.nlen = (uint32_t)(p->end - p->start);
    part.x0 = nb_line_x0(l, rs);
    part.x1 = nb_line_x1(l, re > rs ? re - 1 : rs);
    tr_set_cell_from_tok(rd, row, col, &part, certain, why);
}

/* Write one split of a group's tokens into the row's cells. */
void tr_apply_split(reader *rd, const group *g, int row, const nb_glue_split *sp, int certain)
{
    int nc = tr_row_ncols(rd->def, row);
    for (int k = 0; k < nc; k++) apply_part(rd, g, row, k, &sp->part[k], certain);
}

/* Write the cells of a split that mask selects (bit k: the row's k-th cell), certain. */
void tr_apply_parts(reader *rd, const group *g, int row, const nb_glue_split *sp, uint32_t mask)
{
    int nc = tr_row_ncols(rd->def, row);
    for (int k = 0; k < nc && k < 32; k++)
        if ((mask >> k) & 1u) apply_part(rd, g, row, k, &sp->part[k], 1);
}

static int group_has_geometry(reader *rd, const group *g);

/* A row whose glued digits split several ways, left uncertain: the cells every split agrees on are
 * printed values all the same (2648|-18538: the sign can only start 本年增/减, so 上一年项目数量 is
 * 2648 whichever way the rest splits). Agreement over the splits the row's sums allow, or, when
 * none does (the printed row does not add up), over every split by counting. */
static void keep_agreed_cells(reader *rd, const group *g, int row, const nb_glue_result *res)
{
    /* only where digits are known to be glued (no layout): on a laid-out page a run that splits
     * several ways is more likely a number wrapped in its cell than glued cells */
    if (!res || group_has_geometry(rd, g)) return;
    if (res->ncand > 0) tr_apply_parts(rd, g, row, &res->agree, res->agreed);
    else tr_apply_parts(rd, g, row, &res->agree_by_count, res->agreed_by_count);
}

/* Every split of a group's digit runs into the row's cells that the row's own sums allow. */
static nb_glue_result *split_group(reader *rd, const group *g, int row)
{
    int nc = tr_row_ncols(rd->def, row);
    const char *texts[64];
    size_t lens[64];
    if (g->n > 64) return NULL;
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        if (t->kind == TK_EMPTY) return NULL;
        texts[i] = t->norm;
        lens[i] = t->kind == TK_MARK ? 0 : t->nlen;    /* a marker is one blank cell */
        while (lens[i] && (texts[i][lens[i] - 1] < '0' || texts[i][lens[i] - 1] > '9')) lens[i]--;  /* a unit */
    }
    nb_glue_rel rel[NB_GLUE_MAX_RELS];
    uint32_t signed_cells = 0;
    for (int k = 0; k < nc; k++)
        if (rd->def->cols[tr_row_col(rd->def, row, k)].flags & NB_COL_SIGNED) signed_cells |= 1u << k;
    nb_glue_input in = {texts, lens, g->n, nc, signed_cells, rel, tr_row_relations(rd, row, rel, NB_GLUE_MAX_RELS)};
    nb_glue_result *res = nb_alloc_uninit(rd->a, sizeof *res);   /* 12 KB, filled by the splitter */
    nb_glue_split_row(&in, res);
    return res;
}

/* Rows whose glued digits split several ways: try every combination against the column sums. */
typedef struct joint {
    reader *rd;
    pending_row *p;
    int np;
    int choice[32];
    int solutions, sol[32];
    long budget;
} joint;

/* A cell's number at a given scale (blank: 0). */
static int64_t cell_mant_scaled(const nb_cell *c, int scale)
{
    if (c->kind != NB_CELL_NUMBER) return 0;
    int64_t v = c->mant;
    for (int k = c->scale; k < scale; k++) v *= 10;
    return v;
}

/* Do the column relations hold with the pending rows set to their chosen candidates? */
static int columns_hold(joint *j)
{
    reader *rd = j->rd;
    const nb_template *tm = rd->r->tables->tmpl;
    const nb_table_def *def = rd->def;
    /* temporarily write the choices */
    for (int i = 0; i < j->np; i++) {
        const pending_row *p = &j->p[i];
        const nb_glue_split *sp = &p->res->cand[j->choice[i]];
        int nc = tr_row_ncols(def, p->row);
        for (int k = 0; k < nc; k++) {
            nb_cell *c = nb_table_cell(rd->t, p->row, tr_row_col(def, p->row, k));
            c->kind = NB_CELL_NUMBER;
            c->mant = sp->part[k].mant;
            c->scale = sp->part[k].scale;
        }
    }
    for (int s = 0; s < tm->nsums; s++) {
        const nb_sum_def *sd = &tm->sums[s];
        if (strcmp(sd->table, def->code) || strcmp(sd->each, "col")) continue;
        /* which side each row adds to is the same in every column, and for every combination the
         * joint search tries: template.c works it out once per sum and declaration */
        uint8_t side[256];
        const uint8_t *known = nb_sum_sides(sd, def);
        for (int row = 0; row < def->nrows && row < 256; row++)
            side[row] = known ? known[row]
                              : (uint8_t)(nb_code_in_list(sd->lhs, def->rows[row].code) |
                                          nb_code_in_list(sd->rhs, def->rows[row].code) << 1);
        for (int c = 0; c < def->ncols; c++) {
            int64_t l = 0, r = 0;
            int uncertain = 0;
            for (int row = 0; row < def->nrows && row < 256; row++) {
                const nb_cell *cell = nb_table_cell(rd->t, row, c);
                int in_l = side[row] & 1, in_r = side[row] >> 1;
                if (!in_l && !in_r) continue;
                int pend = 0;
                for (int i = 0; i < j->np; i++) pend |= j->p[i].row == row;
                if (!cell->certain && !pend && cell->kind != NB_CELL_ABSENT) uncertain = 1;
                if (in_l) l += cell_mant_scaled(cell, 0);
                if (in_r) r += cell_mant_scaled(cell, 0);
            }
            if (!uncertain && l != r) return 0;
        }
    }
    return 1;
}

/* Try every combination of the pending rows' candidates; count those the column sums accept. */
static void joint_search(joint *j, int i)
{
    if (j->solutions > 1 || --j->budget < 0) return;
    if (i == j->np) {
        if (columns_hold(j)) {
            if (++j->solutions == 1) memcpy(j->sol, j->choice, sizeof j->sol);
        }
        return;
    }
    for (int k = 0; k < j->p[i].res->ncand; k++) {
        j->choice[i] = k;
        joint_search(j, i + 1);
    }
}

/* ---------- reading a table ---------- */

/* A complete row can still have a number wrapped onto the next line: check it with the row's own
 * token positions as the columns. */
static void wrapped_in_complete_row(reader *rd, const group *g, int row)
{
    int nc = tr_row_ncols(rd->def, row), cols[NB_GLUE_MAX_CELLS];
    float cx[NB_GLUE_MAX_CELLS];
    if (nc < 2 || nc > NB_GLUE_MAX_CELLS) return;
    for (int k = 0; k < nc; k++) {
        const tok *t = T(rd, g->first + k);
        if (!t->geo) return;
        cols[k] = tr_row_col(rd->def, row, k);
        cx[k] = (t->x0 + t->x1) / 2;
        if (k && cx[k] <= cx[k - 1]) return;
    }
    join_wrapped(rd, g, row, cols, cx, nc);
}

/* Do two rows have the same columns (so that they are laid out alike)? */
static int same_columns(const nb_table_def *def, int a, int b)
{
    for (int c = 0; c < def->ncols; c++)
        if (nb_row_has_col(def, a, c) != nb_row_has_col(def, b, c)) return 0;
    return 1;
}

/* Fields from the end of line up to the token at raw offset rs (0: the last field). */
static int fields_to_end(const nb_line *l, uint32_t rs)
{
    char sep = memchr(l->raw, '\t', l->raw_len) ? '\t' : '|';
    uint32_t end = l->raw_len;
    while (sep == '|' && end > 0 && (l->raw[end - 1] == ' ' || l->raw[end - 1] == '|')) end--;
    int n = 0;
    for (uint32_t i = rs; i < end; i++) n += l->raw[i] == sep;
    return n;
}

/* A field line with more fields than the row has cells: which empty fields are layout (a label
 * spanning two columns before the values, a border after them)? The table's complete rows show
 * where its values end relative to the line's end; keep that alignment. Returns how many leading
 * fields to drop, or -1 when only empty fields cannot make up the difference. */
static int layout_fields_before(reader *rd, const group *g, int nc)
{
    int extra = g->n - nc;
    /* where complete rows of this table end, counted from the end of their lines */
    int votes[8] = {0};
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *o = G(rd, (int)i);
        if (o->row < 0 || o->n != tr_row_ncols(rd->def, o->row) || !same_columns(rd->def, o->row, g->row)) continue;
        const tok *last = T(rd, o->first + o->n - 1);
        const nb_line *l = &rd->d->lines[last->line];
        if (!(l->flags & NB_LINE_FIELDS)) continue;
        int e = fields_to_end(l, last->rs);
        if (e >= 0 && e < 8) votes[e]++;
    }
    int modal = -1;
    for (int e = 0; e < 8; e++)
        if (votes[e] && (modal < 0 || votes[e] > votes[modal])) modal = e;
    int fallback = -1;
    for (int lead = 0; lead <= extra; lead++) {
        int trail = extra - lead, ok = 1;
        for (int i = 0; i < lead && ok; i++) ok = T(rd, g->first + i)->kind == TK_EMPTY;
        for (int i = 0; i < trail && ok; i++) ok = T(rd, g->first + g->n - 1 - i)->kind == TK_EMPTY;
        if (!ok) continue;
        const tok *last = T(rd, g->first + g->n - 1 - trail);
        const nb_line *l = &rd->d->lines[last->line];
        if (modal >= 0 && (l->flags & NB_LINE_FIELDS) && fields_to_end(l, last->rs) == modal) return lead;
        if (fallback < 0) fallback = lead;    /* without a rule to follow, drop the trailing ones first */
    }
    return fallback;
}

/* Do a group's values have their places on a laid-out page? */
static int group_has_geometry(reader *rd, const group *g)
{
    for (int i = 0; i < g->n; i++)
        if (T(rd, g->first + i)->geo) return 1;
    return 0;
}

/* A number printed with a leading zero (012) is two cells glued together, not one. */
static int has_glued_token(reader *rd, const group *g)
{
    for (int i = 0; i < g->n; i++) {
        const tok *t = T(rd, g->first + i);
        const char *p = t->norm;
        if (t->kind != TK_NUM) continue;
        if (*p == '-' || *p == '+') p++;
        if (p[0] == '0' && p[1] >= '0' && p[1] <= '9') return 1;
    }
    return 0;
}

/* The cells of a group's row: in order, by position, or by splitting glued digits (some rows
 * wait in pend for the column sums to settle them). */
static void fill_group(reader *rd, group *g, pending_row *pend, int *npend)
{
    int row = g->row, nc = tr_row_ncols(rd->def, row);
    rd->t->row_found[row] = 1;
    if (g->n == nc && !has_glued_token(rd, g)) {
        for (int k = 0; k < nc; k++) tr_set_cell_from_tok(rd, row, tr_row_col(rd->def, row, k), T(rd, g->first + k), 1, NULL);
        wrapped_in_complete_row(rd, g, row);
        return;
    }
    if (g->n > nc) {
        /* empty fields beyond the row's cells are layout: a merged cell's border leaves one after
         * the values, a label spanning two columns one before them */
        int lead = layout_fields_before(rd, g, nc);
        if (lead >= 0) {
            g->first += lead;
            g->n = nc;
            fill_group(rd, g, pend, npend);
            return;
        }
        tr_row_uncertain(rd, row, "extra_values", g);
        return;
    }
    if (place_by_position(rd, g, row)) return;
    nb_glue_result *res = split_group(rd, g, row);
    if (!res || res->ncand == 0) {
        tr_row_uncertain(rd, row, res && res->by_count ? "glued_no_split" : "column_unclear", g);
        keep_agreed_cells(rd, g, row, res);
        return;
    }
    if (res->ncand == 1 && !res->more && res->against_sums && group_has_geometry(rd, g)) {
        /* counting alone allows one split, but the row does not add up with it and the values
         * stand on a laid-out page: numbers wrapped in narrow cells (３０ over ７) cut digit by
         * digit, not glued digits — uncertain rather than a confident misread */
        tr_row_uncertain(rd, row, "glued_no_split", g);
        return;
    }
    if (res->ncand == 1 && !res->more) {
        tr_apply_split(rd, g, row, &res->cand[0], 1);
        return;
    }
    if (*npend < 32 && !res->more) {
        pend[*npend] = (pending_row){row, (int)(g - G(rd, 0)), res};
        (*npend)++;
        tr_row_uncertain(rd, row, "glued_ambiguous", g);
        keep_agreed_cells(rd, g, row, res);
        return;
    }
    tr_row_uncertain(rd, row, "glued_ambiguous", g);
    keep_agreed_cells(rd, g, row, res);
}

/* The cells every candidate of a complete list agrees on (glue.h's `agreed`), again after the
 * list was narrowed. */
static void recompute_agreement(nb_glue_result *res, int nc)
{
    res->agreed = res->ncand > 0 ? (nc >= 32 ? 0xFFFFFFFFu : (1u << nc) - 1u) : 0;
    if (res->ncand > 0) res->agree = res->cand[0];
    for (int i = 1; i < res->ncand; i++)
        for (int k = 0; k < nc; k++)
            if (res->cand[i].part[k].mant != res->agree.part[k].mant ||
                res->cand[i].part[k].scale != res->agree.part[k].scale)
                res->agreed &= ~(1u << k);
}

/* A row's splits narrowed by what the narrative states of its cells (table_narrative.c): for each
 * column it states, keep the splits that agree — when some do; a statement no split agrees with
 * is the narrative disagreeing with the table and chooses nothing. Only a complete list of splits
 * is narrowed. */
static void narrow_by_narrative(reader *rd, pending_row *p)
{
    nb_glue_result *res = p->res;
    int nc = tr_row_ncols(rd->def, p->row);
    if (res->more || res->ncand < 2 || res->against_sums) return;
    for (int k = 0; k < nc; k++) {
        int64_t v;
        if (!tr_narrative_count(rd, p->row, tr_row_col(rd->def, p->row, k), &v)) continue;
        int keep = 0;
        for (int i = 0; i < res->ncand; i++) keep += res->cand[i].part[k].mant == v && res->cand[i].part[k].scale == 0;
        if (keep == 0 || keep == res->ncand) continue;
        int w = 0;
        for (int i = 0; i < res->ncand; i++)
            if (res->cand[i].part[k].mant == v && res->cand[i].part[k].scale == 0) res->cand[w++] = res->cand[i];
        res->ncand = w;
    }
    recompute_agreement(res, nc);
}

/* Rows whose glued digits split several ways: narrowed by the narrative, then the one combination
 * the column sums accept, or uncertain. */
static void settle_pending(reader *rd, pending_row *pend, int np)
{
    if (np == 0 || !rd->r->tables || !rd->r->tables->tmpl) return;
    for (int i = 0; i < np; i++) narrow_by_narrative(rd, &pend[i]);
    joint j = {.rd = rd, .p = pend, .np = np, .budget = 100000};
    joint_search(&j, 0);
    for (int i = 0; i < np; i++) {
        group *g = G(rd, pend[i].group);
        if (j.solutions == 1 && j.budget >= 0) tr_apply_split(rd, g, pend[i].row, &pend[i].res->cand[j.sol[i]], 1);
        else {
            tr_row_uncertain(rd, pend[i].row, "glued_ambiguous", g);
            keep_agreed_cells(rd, g, pend[i].row, pend[i].res);
        }
    }
}

/* The single numbers of the region no row claimed (a value detached from its row, as a PDF
 * converted to Markdown leaves them: a lone 1 after a label). At most max, into v. */
static int stray_values(reader *rd, int64_t *v, int max)
{
    int n = 0;
    for (size_t i = 0; i < rd->groups.len && n < max; i++) {
        const group *g = G(rd, (int)i);
        if (g->row >= 0 || g->n != 1) continue;
        const tok *t = T(rd, g->first);
        nb_value val;
        if (t->kind != TK_NUM || nb_parse_value(t->norm, t->nlen, &val) != NB_V_NUMBER || val.scale) continue;
        v[n++] = val.mant;
    }
    return n;
}

/* A cell printed empty that a column sum needs to be exactly a detached number of the region
 * (总计 of 四、结转 empty, 34 + 2 = 35 + x, and a lone 1 elsewhere): whether the report leaves it
 * blank or the number belongs there, the source does not say — uncertain, not a certain blank.
 * Without such a number an empty cell stays what it is, even where the sums fail. */
static void doubt_blanks_a_stray_fills(reader *rd)
{
    if (!rd->r->tables || !rd->r->tables->tmpl) return;
    int64_t stray[8];
    int ns = stray_values(rd, stray, 8);
    if (ns == 0) return;
    const nb_template *tm = rd->r->tables->tmpl;
    const nb_table_def *def = rd->def;
    for (int s = 0; s < tm->nsums; s++) {
        const nb_sum_def *sd = &tm->sums[s];
        if (strcmp(sd->table, def->code) || strcmp(sd->each, "col")) continue;
        const uint8_t *side = nb_sum_sides(sd, def);
        if (!side) continue;
        for (int c = 0; c < def->ncols; c++) {
            int64_t l = 0, r = 0;
            int doubt = 0, blank_row = -1, blanks = 0;
            for (int row = 0; row < def->nrows && !doubt; row++) {
                if (!side[row] || !nb_row_has_col(def, row, c)) continue;
                const nb_cell *cell = nb_table_cell(rd->t, row, c);
                if (cell->kind == NB_CELL_ABSENT) continue;
                if (!cell->certain || cell->scale) { doubt = 1; break; }
                int64_t v = cell->kind == NB_CELL_NUMBER ? cell->mant : 0;
                if (side[row] & 1) l += v;
                if (side[row] & 2) r += v;
                if (cell->kind == NB_CELL_BLANK && cell->raw && !cell->raw[0]) {
                    blank_row = row;
                    blanks++;
                }
            }
            if (doubt || l == r || blanks != 1) continue;
            /* the blank must stand on the short side, short by exactly a detached number */
            int64_t gap = (side[blank_row] & 1) ? r - l : l - r;
            if ((side[blank_row] & 3) == 3 || gap <= 0) continue;
            for (int k = 0; k < ns; k++)
                if (stray[k] == gap) {
                    nb_cell *cell = nb_table_cell(rd->t, blank_row, c);
                    cell->certain = 0;
                    cell->why = "stray_value";
                    break;
                }
        }
    }
}

/* A table with a printed row per template row (tables 2 and 3). */
void tr_read_rows_table(reader *rd, size_t a, size_t b)
{
    tr_collect_groups(rd, a, b);
    tr_drop_layout_groups(rd);
    tr_merge_offset_groups(rd);
    tr_anchor_groups(rd);
    learn_centres(rd);
    rd->ra = a;
    rd->rb = b;
    pending_row pend[32];
    int np = 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        group *g = G(rd, (int)i);
        if (g->row < 0 || g->n == 0) continue;
        fill_group(rd, g, pend, &np);
    }
    settle_pending(rd, pend, np);
    /* labels found with no values: a row printed with every cell empty — and, when the table's
     * section was not found, only among rows that do have values (a label mentioned in the
     * narrative is not a row). A heading counts
     * only when none of the rows it heads is there: then it is the collapsed row itself */
    uint32_t span_first = UINT32_MAX, span_last = 0;
    for (size_t i = 0; i < rd->groups.len; i++) {
        const group *g = G(rd, (int)i);
        if (g->row < 0 || g->n == 0) continue;
        if (g->line < span_first) span_first = g->line;
        if (g->line > span_last) span_last = g->line;
    }
    for (size_t i = 0; i < rd->labels.len; i++) {
        const label *lb = (const label *)rd->labels.data + i;
        if (rd->t->row_found[lb->row]) continue;
        if (rd->fallback && (span_first == UINT32_MAX || lb->line + 8 < span_first || lb->line > span_last + 8))
            continue;
        if (tr_is_heading(rd->def, lb->row)) {
            int sub = 0;
            for (int r = lb->row + 1; r < rd->def->nrows && (rd->def->rows[r].flags & NB_ROW_OPTIONAL); r++)
                sub |= rd->t->row_found[r] || tr_label_seen(rd, r);
            if (sub) continue;
        }
        rd->t->row_found[lb->row] = 1;
        for (int c = 0; c < rd->def->ncols; c++)
            if (nb_row_has_col(rd->def, lb->row, c)) tr_set_blank(rd, nb_table_cell(rd->t, lb->row, c), lb->line, 1, NULL);
    }
    doubt_blanks_a_stray_fills(rd);
}
