/*
 * parser/table_cells.c — labels and headings that wrap over lines, joined into cells.
 *
 * On a laid-out page a label breaks wherever its cell is full (公开出版|物, 收|费通知); its lines
 * stand under one another, left-aligned or centred. Joining them lets a row's key words match and
 * lets the label name the values on any of its lines. Column headings are joined the same way,
 * word by word (结果维/持), to place the numbers of rows that have blanks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"

/* ---------- wrapped label cells ---------- */

/* A text run: words of one line that belong together (a label cell's line), in normalised offsets. */
typedef struct run {
    uint32_t line, ns, ne;
    float    x0, x1;
    int      numbered;        /* starts with list numbering: 1. （二） 三、 — a new label */
    int      single;          /* its last word is one character (letter spacing) */
    float    cw;              /* the width of one character */
    int      value;           /* a number or blank marker: no cell's text, but it ends the cells
                               * above it in its column */
} run;

/* First normalised offset whose raw offset is >= raw. */
static uint32_t norm_of_raw(const nb_line *l, uint32_t raw)
{
    uint32_t lo = 0, hi = l->norm.len;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (l->norm.map[mid] < raw) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Does a run start with list numbering (1. （二） 三、)? Then it begins a label of its own. */
static int starts_numbered(const char *s, size_t n)
{
    static nb_re *re;
    size_t ov[2];
    return nb_re_find(nb_re_once(&re, "^\\s*(?:\\d{1,2}\\s*[.、]|\\([一二三四五六七八九十]{1,2}\\)|[一二三四五六七八九十]{1,2}、)"),
                      s, n, 0, ov, 1);
}

/* Where text cells start: the left edges shared by the words of several lines of the region (a
 * label column at 166.4 on every row). Sorted x positions of text words' starts, and a tolerance. */
typedef struct edges {
    float *x;
    size_t n;
} edges;

static int by_float(const void *a, const void *b)
{
    float d = *(const float *)a - *(const float *)b;
    return d < 0 ? -1 : d > 0;
}

/* The start of every text word of the region's laid-out lines, sorted. */
static edges region_edges(reader *rd, uint32_t la, uint32_t lb)
{
    const nb_doc *d = rd->d;
    nb_vec v;
    nb_vec_init(&v, sizeof(float));
    for (uint32_t li = la; li <= lb && li < d->nlines; li++) {
        const nb_line *l = &d->lines[li];
        if (!tr_line_has_layout(d, l) || (l->flags & (NB_LINE_FIELDS | NB_LINE_FURNITURE | NB_LINE_RULE))) continue;
        for (uint32_t k = 0; k < l->nwords; k++) {
            const nb_word *w = &d->words[l->first_word + k];
            nb_value val;
            uint32_t ns = norm_of_raw(l, w->off), ne = norm_of_raw(l, w->off + w->len);
            if (ne <= ns || nb_parse_value(l->norm.text + ns, ne - ns, &val) != NB_V_NONE) continue;
            *(float *)nb_vec_push(&v) = w->box.x0;
        }
    }
    if (v.len > 1) qsort(v.data, v.len, sizeof(float), by_float);
    return (edges){v.data, v.len};
}

/* Do at least three words of the region start within tol of x? A word glued to the text before it
 * (no gap between two cells: （六）其他处|关不再处理…) that starts where other lines' cells start
 * begins a cell of its own. */
static int is_cell_edge(const edges *e, float x, float tol)
{
    size_t lo = 0, hi = e->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e->x[mid] < x - tol) lo = mid + 1;
        else hi = mid;
    }
    size_t n = 0;
    while (lo + n < e->n && e->x[lo + n] <= x + tol) n++;
    return n >= 3;
}

/* Text runs of a laid-out line, and whether the line holds values at all. */
static int line_runs(reader *rd, uint32_t li, nb_vec *runs, int merge, const edges *e)
{
    const nb_doc *d = rd->d;
    const nb_line *l = &d->lines[li];
    /* a label's own words are split by letter spacing (总 计, 情 形) — about a character's width;
     * two columns stand further apart */
    int pdf = d->kind == NB_KIND_PDF;
    int values = 0, after_numbering = 0;
    run *cur = NULL;
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_word *w = &d->words[l->first_word + k];
        uint32_t ns = norm_of_raw(l, w->off), ne = norm_of_raw(l, w->off + w->len);
        nb_value v;
        if (ne <= ns) continue;
        int spaced = tr_spaced_numbering(rd, l, ns, ne);   /* 3 其他: the label's numbering */
        if (!spaced && nb_parse_value(l->norm.text + ns, ne - ns, &v) != NB_V_NONE) {
            values = 1;
            cur = NULL;
            after_numbering = 0;
            run *vr = nb_vec_push(runs);
            *vr = (run){li, ns, ne, w->box.x0, w->box.x1, 0, 0, w->box.x1 > w->box.x0 ? (w->box.x1 - w->box.x0) / (float)(ne - ns) : 1, 1};
            continue;
        }
        int numbered = spaced || starts_numbered(l->norm.text + ns, ne - ns);
        float gap_max = 0;
        uint32_t chars = 0;
        for (uint32_t k2 = w->off; k2 < w->off + w->len; k2++) chars += ((unsigned char)l->raw[k2] & 0xC0) != 0x80;
        if (pdf) {
            /* a character's width; tight table columns stand about that far apart too, so only a
             * lone letter-spaced character (总 计) may bridge that much */
            float cw = chars ? (w->box.x1 - w->box.x0) / (float)chars : 0;
            gap_max = chars == 1 && cur && cur->single ? 1.5f * cw : 0.6f * cw;
        } else if (chars == 1 && cur && cur->single) {
            gap_max = 1.5f;          /* text: one space between two lone characters (总 计) */
        }
        /* the words after spaced numbering (3 | 其他) are its label's */
        float cwn = chars ? (w->box.x1 - w->box.x0) / (float)chars : 1;
        int edge = pdf && cur && w->box.x0 > cur->x1 && is_cell_edge(e, w->box.x0, 0.3f * cwn);
        /* word by word (headings pass) still joins lone characters letter-spaced by less than a
         * character (总 计), not those of columns one character wide, further apart (自 | 商 | 科) */
        float cwl = chars ? (w->box.x1 - w->box.x0) / (float)chars : 0;
        int lone = pdf && chars == 1 && cur && cur->single && w->box.x0 - cur->x1 <= 1.0f * cwl;
        if ((merge || lone) && cur && !numbered && !edge && (w->box.x0 - cur->x1 <= gap_max || after_numbering)) {
            after_numbering = 0;
            cur->ne = ne;
            cur->x1 = w->box.x1;
            cur->single = chars == 1;
            continue;
        }
        after_numbering = spaced;
        cur = nb_vec_push(runs);
        *cur = (run){li, ns, ne, w->box.x0, w->box.x1, numbered, chars == 1,
                     chars ? (w->box.x1 - w->box.x0) / (float)chars : 1, 0};
    }
    return values;
}

/* Match the row keys in the joined text of one label cell (runs r[0..n)); each key found becomes a
 * label on the line where it starts, covering the cell's lines from there on. */
/* Record runs r[0..n) as one heading cell. */
static void add_hcell(reader *rd, const run *r, int n, int gid)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) len += r[i].ne - r[i].ns;
    if (n == 0 || len >= 64) return;
    hcell *h = nb_vec_push(&rd->hcells);
    char *t = nb_alloc(rd->a, len + 1);
    size_t o = 0;
    h->x0 = r[0].x0;
    h->x1 = r[0].x1;
    for (int i = 0; i < n; i++) {
        memcpy(t + o, rd->d->lines[r[i].line].norm.text + r[i].ns, r[i].ne - r[i].ns);
        o += r[i].ne - r[i].ns;
        if (r[i].x0 < h->x0) h->x0 = r[i].x0;
        if (r[i].x1 > h->x1) h->x1 = r[i].x1;
    }
    t[o] = '\0';
    h->text = t;
    h->len = (uint32_t)o;
    h->last_line = r[n - 1].line;
    h->group = gid;
}

/* Every tail of the runs r[0..n) as a heading cell of one group. */
static void add_hcell_tails(reader *rd, const run *r, int n)
{
    rd->hgroups++;
    for (int i = 0; i < n; i++) add_hcell(rd, r + i, n - i, rd->hgroups);
}

/* Heading cells: the runs of a cell between those naming a row (行政复议 above 其他/结果 is a
 * group heading, not part of the column's). */
static void match_headings(reader *rd, const run *r, int n)
{
    nb_re *lp = tr_label_pattern(rd->def);
    int start = 0;
    for (int i = 0; i < n; i++) {
        const nb_line *l = &rd->d->lines[r[i].line];
        if (!nb_re_test(lp, l->norm.text + r[i].ns, r[i].ne - r[i].ns)) continue;
        add_hcell_tails(rd, r + start, i - start);
        start = i + 1;
    }
    add_hcell_tails(rd, r + start, n - start);
}

/* Match the row keys in one joined cell (labels pass), or record it as a heading (headings pass). */
static void match_cell(reader *rd, const run *r, int n, int labels)
{
    if (!labels) {
        match_headings(rd, r, n);
        return;
    }
    size_t len = 0;
    for (int i = 0; i < n; i++) len += r[i].ne - r[i].ns;
    char *text = malloc(len + 1);
    size_t *off = malloc((size_t)(n + 1) * sizeof *off), o = 0;
    for (int i = 0; i < n; i++) {
        off[i] = o;
        memcpy(text + o, rd->d->lines[r[i].line].norm.text + r[i].ns, r[i].ne - r[i].ns);
        o += r[i].ne - r[i].ns;
    }
    off[n] = o;
    text[o] = '\0';
    nb_re *lp = tr_label_pattern(rd->def);
    size_t pos = 0, ov[2];
    /* the previous label by index: pushing the next one may move the vector (found by fuzz_text) */
    size_t prev_at = (size_t)-1;
    while (pos < len && nb_re_find(lp, text, len, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        label *prev = prev_at != (size_t)-1 ? (label *)rd->cell_labels.data + prev_at : NULL;
        if (row < 0 || (prev && prev->row == row)) continue;
        int k = 0, e = 0;
        while (k + 1 < n && off[k + 1] <= ov[0]) k++;
        while (e + 1 < n && off[e + 1] < ov[1]) e++;
        const nb_line *l = &rd->d->lines[r[k].line];
        label *lb = nb_vec_push(&rd->cell_labels);
        prev = prev_at != (size_t)-1 ? (label *)rd->cell_labels.data + prev_at : NULL;
        lb->row = row;
        lb->line = lb->first = r[k].line;
        lb->last = r[n - 1].line;
        lb->rs = l->norm.map[r[k].ns + (ov[0] - off[k])];
        lb->re = k == e ? tr_raw_end_of(l, (uint32_t)(r[k].ns + (ov[1] - off[k]))) : tr_raw_end_of(l, r[k].ne);
        lb->x0 = r[0].x0;
        if (!prev && k > 0 && r[0].numbered && r[0].line < r[k].line) {
            /* the cell's first label, its key on a later line (1.申请人无正当理由 | 逾期不补正…):
             * the label starts where its cell does, with its numbering, and names the values
             * printed on that first line */
            const nb_line *l0 = &rd->d->lines[r[0].line];
            lb->line = lb->first = r[0].line;
            lb->rs = l0->norm.map[r[0].ns];
            lb->re = tr_raw_end_of(l0, r[0].ne);
        }
        if (prev && prev->last >= lb->first) prev->last = lb->first > prev->first ? lb->first - 1 : prev->first;
        prev_at = rd->cell_labels.len - 1;
    }
    free(text);
    free(off);
}

/* Join the runs of laid-out lines into label cells: a run continues the cell above it when it
 * overlaps it horizontally, does not start with numbering, and is not a second row of values. */
typedef struct text_cell {
    int      runs[24];
    int      n;
    uint32_t last_line;
    uint32_t last_seq;        /* last_line counted without furniture lines (build_cells) */
    int      last_values;
} text_cell;

/* The right edge of a cell's widest run. A left-aligned run reaching well past it is not the
 * cell's next line but text beyond the table (a paragraph under table 4's first heading). */
static float cell_right(const text_cell *ce, const nb_vec *runs)
{
    float x1 = 0;
    for (int i = 0; i < ce->n; i++) {
        const run *ru = (const run *)runs->data + ce->runs[i];
        if (ru->x1 > x1) x1 = ru->x1;
    }
    return x1;
}

/* Do two runs share more than half a character of width? */
static int runs_overlap(const run *a, const run *b)
{
    float lo = a->x0 > b->x0 ? a->x0 : b->x0, hi = a->x1 < b->x1 ? a->x1 : b->x1;
    float cw = a->cw < b->cw ? a->cw : b->cw;
    return hi - lo > 0.5f * cw;
}

/* A cell cannot continue below text of another cell standing in its column: once a run of line li
 * (runs from `first` on) that the cell did not take overlaps the cell's last run, the cell is
 * closed. Otherwise a label glued to its neighbour on one line ((六)其2.申请人…缴纳) would let the
 * cell above skip that line and take the next one's continuation (费用、…) and its values. */
static void close_covered_cells(nb_vec *open, nb_vec *cells, const nb_vec *runs, size_t first, uint32_t li)
{
    size_t w = 0;
    for (size_t o = 0; o < open->len; o++) {
        int ci = ((int *)open->data)[o];
        const text_cell *ce = (const text_cell *)cells->data + ci;
        int covered = 0;
        if (ce->last_line != li) {
            const run *tail = (const run *)runs->data + ce->runs[ce->n - 1];
            for (size_t k = first; k < runs->len && !covered; k++) covered = runs_overlap(tail, (const run *)runs->data + k);
        }
        if (!covered) ((int *)open->data)[w++] = ci;
    }
    open->len = w;
}

/* Build the cells of the region's laid-out lines and hand each to match_cell. Only cells that
 * ended within the last two lines can take a run, so the pass stays linear in the region. */
static void build_cells(reader *rd, uint32_t la, uint32_t oa, uint32_t lb, uint32_t ob, int merge, int labels)
{
    nb_doc *d = rd->d;
    nb_vec runs, cells, open, still;
    nb_vec_init(&runs, sizeof(run));
    nb_vec_init(&cells, sizeof(text_cell));
    nb_vec_init(&open, sizeof(int));
    nb_vec_init(&still, sizeof(int));
    edges e = region_edges(rd, la, lb);
    /* lines counted for closing cells: a page's furniture (its number at the foot, a running head)
     * is not a line of the table, so a header cell split by the page break (自然 | - 1 - | 人)
     * stays open across it */
    uint32_t seq = 0, page = 0, page_top = 0, last_counted = 0, prev_page_end = 0;
    int page_values = 0;
    for (uint32_t li = la; li <= lb && li < d->nlines; li++, seq++) {
        const nb_line *l = &d->lines[li];
        if (l->flags & NB_LINE_FURNITURE) seq--;
        if (!tr_line_has_layout(d, l) || (l->flags & (NB_LINE_FIELDS | NB_LINE_FURNITURE | NB_LINE_RULE))) continue;
        if ((li == la && oa > 0) || (li == lb && ob < l->norm.len)) continue;   /* a partial line: keep it simple */
        if (labels) rd->by_cells[li - la] = 1;
        if (l->page != page) {
            prev_page_end = last_counted;
            page = l->page;
            page_top = seq;
            page_values = 0;
        }
        last_counted = seq;
        /* cells that ended more than two lines up are closed — but a header row broken at a page's
         * foot goes on at the next page's top, under its other cells' first lines (自然 | 商业 科研
         * | 人 企业 机构): a cell that reached its page's last lines stays open through the first
         * lines of the next page, until a line of values */
        still.len = 0;
        for (size_t k = 0; k < open.len; k++) {
            int ci = ((int *)open.data)[k];
            const text_cell *ce = (const text_cell *)cells.data + ci;
            int keep = seq - ce->last_seq <= 2;
            if (!keep && d->lines[ce->last_line].page < page && ce->last_seq + 2 >= prev_page_end &&
                seq - page_top <= 3 && !page_values)
                keep = 1;
            if (keep) *(int *)nb_vec_push(&still) = ci;
        }
        nb_vec tmp = open;
        open = still;
        still = tmp;
        size_t first = runs.len, opened_before = open.len;
        int values = line_runs(rd, li, &runs, merge, &e);
        page_values |= values;
        for (size_t k = first; k < runs.len; k++) {
            const run *ru = (const run *)runs.data + k;
            int best = -1;
            if (ru->value) continue;
            for (size_t o = 0; o < opened_before && !ru->numbered; o++) {
                int ci = ((int *)open.data)[o];
                text_cell *ce = (text_cell *)cells.data + ci;
                const run *tail = (const run *)runs.data + ce->runs[ce->n - 1];
                if (ce->n >= 24 || ce->last_line == li || (values && ce->last_values)) continue;
                /* a wrapped line stands under the cell's: left-aligned with it, or centred on it */
                float cw = tail->cw > ru->cw ? tail->cw : ru->cw;
                int left = fabsf(ru->x0 - tail->x0) <= 0.25f * cw && ru->x1 <= cell_right(ce, &runs) + 1.5f * cw;
                int centred = fabsf((ru->x0 + ru->x1) - (tail->x0 + tail->x1)) <= 0.5f * cw;
                if (left || centred) best = ci;
            }
            if (best < 0) {
                nb_vec_push(&cells);
                best = (int)cells.len - 1;
                *(int *)nb_vec_push(&open) = best;
            }
            text_cell *ce = (text_cell *)cells.data + best;
            ce->runs[ce->n++] = (int)k;
            ce->last_line = li;
            ce->last_seq = seq;
            ce->last_values = values;
        }
        close_covered_cells(&open, &cells, &runs, first, li);
    }
    run buf[24];
    for (size_t c = 0; c < cells.len; c++) {
        const text_cell *ce = (const text_cell *)cells.data + c;
        for (int i = 0; i < ce->n; i++) buf[i] = ((const run *)runs.data)[ce->runs[i]];
        match_cell(rd, buf, ce->n, labels);
    }
    nb_vec_free(&runs);
    nb_vec_free(&cells);
    nb_vec_free(&open);
    nb_vec_free(&still);
    free(e.x);
}

/* Wrapped labels and headings as cells: once with a label's letter-spaced words merged (for the
 * row keys), once word by word (for column headings in tight columns: 结果维/持 | 结果纠/正). */
void tr_find_cell_labels(reader *rd, uint32_t la, uint32_t oa, uint32_t lb, uint32_t ob)
{
    rd->la = la;
    rd->lb = lb;
    rd->by_cells = nb_alloc(rd->a, (size_t)(lb - la + 1));
    rd->hoa = oa;
    rd->hob = ob;
    build_cells(rd, la, oa, lb, ob, 1, 1);
}

/* The headings pass, run once and only when some row needs column positions: most tables have
 * their numbers in order and never do. */
void tr_need_headings(reader *rd)
{
    if (rd->headings || !rd->by_cells) return;
    rd->headings = 1;
    build_cells(rd, rd->la, rd->hoa, rd->lb, rd->hob, 0, 0);
}

/* The label whose wrapped cell covers line li, started on an earlier line: the row label (rightmost
 * non-heading) rather than a heading column beside it. -1 if none. */
int tr_covering_label(const reader *rd, uint32_t li, float *x)
{
    int best = -1;
    float bx = 0;
    *x = 0;
    for (size_t i = 0; i < rd->cell_labels.len; i++) {
        const label *c = (const label *)rd->cell_labels.data + i;
        if (c->first >= li || c->last < li) continue;
        int heading = (rd->def->rows[c->row].flags & NB_ROW_HEADING) != 0;
        if (best >= 0 && heading) continue;
        if (best < 0 || c->x0 > bx || (rd->def->rows[best].flags & NB_ROW_HEADING)) {
            best = c->row;
            bx = c->x0;
        }
    }
    *x = bx;
    return best;
}

/* The centre of column c's heading standing nearest above line li on page `page`; NAN if none. */
static float heading_above_on(reader *rd, int c, uint32_t li, uint32_t page)
{
    nb_re *re = nb_re_get(rd->def->cols[c].header);
    const hcell *best = NULL;
    for (size_t i = 0; i < rd->hcells.len; i++) {
        const hcell *h = (const hcell *)rd->hcells.data + i;
        if (h->last_line >= li || rd->d->lines[h->last_line].page != page) continue;
        if (!nb_re_test(re, h->text, h->len)) continue;
        if (!best || h->last_line > best->last_line || (h->last_line == best->last_line && h->len < best->len)) best = h;
    }
    return best ? (best->x0 + best->x1) / 2 : NAN;
}

/* Does a column heading of the table (any column's) stand on line li's page above it? */
static int headings_on_page_above(reader *rd, uint32_t li)
{
    uint32_t page = rd->d->lines[li].page;
    for (size_t i = 0; i < rd->hcells.len; i++) {
        const hcell *h = (const hcell *)rd->hcells.data + i;
        if (h->last_line >= li || rd->d->lines[h->last_line].page != page) continue;
        for (int c = 0; c < rd->def->ncols; c++)
            if (nb_re_test(nb_re_get(rd->def->cols[c].header), h->text, h->len)) return 1;
    }
    return 0;
}

/* The heading of column c standing nearest above line li on its page: table 2 is several small
 * tables, each with its own headings in its own places; on the page before when the line's page
 * shows none of the table's headings above it. NAN when there is none. */
float tr_header_above(reader *rd, int c, uint32_t li)
{
    tr_need_headings(rd);
    uint32_t page = rd->d->lines[li].page;
    float x = heading_above_on(rd, c, li, page);
    /* none on the line's page: when no heading of the table stands there above the line, the
     * block's headings are at the previous page's foot and its row at this one's top
     * (第二十条第（八）项 | 上一年项目数量 本年增/减 | page break | 行政事业性收费) */
    if (isnan(x) && page > 1 && !headings_on_page_above(rd, li)) x = heading_above_on(rd, c, li, page - 1);
    return x;
}

/* Header-derived column centres: where each column's header words stand, on layout lines. */
void tr_header_centres(reader *rd, size_t a, size_t b)
{
    tr_need_headings(rd);
    const nb_table_def *def = rd->def;
    rd->hdr = nb_alloc(rd->a, (size_t)def->ncols * sizeof(float));
    for (int c = 0; c < def->ncols; c++) rd->hdr[c] = NAN;
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, rd->d->nlines, b, &lb, &ob);
    for (int c = 0; c < def->ncols; c++) {
        nb_re *re = nb_re_get(def->cols[c].header);
        /* a heading cell joined across its lines (自然/人); of several, the tightest (其他, not
         * 法人或其他组织) */
        const hcell *best = NULL;
        for (size_t i = 0; i < rd->hcells.len; i++) {
            const hcell *h = (const hcell *)rd->hcells.data + i;
            if (nb_re_test(re, h->text, h->len) && (!best || h->len < best->len)) best = h;
        }
        if (best) {
            rd->hdr[c] = (best->x0 + best->x1) / 2;
            continue;
        }
        for (uint32_t li = la; li <= lb && li < rd->d->nlines; li++) {
            const nb_line *l = &rd->d->lines[li];
            if (!tr_line_has_layout(rd->d, l) || l->norm.len == 0) continue;
            size_t ov[2];
            if (!nb_re_find(re, l->norm.text, l->norm.len, 0, ov, 1)) continue;
            float x0 = nb_line_x0(l, l->norm.map[ov[0]]), x1 = nb_line_x1(l, tr_raw_end_of(l, (uint32_t)ov[1]) - 1);
            rd->hdr[c] = (x0 + x1) / 2;
            break;
        }
    }
}
