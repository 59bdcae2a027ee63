/*
 * parser/table_wide.c — table 4: every row printed on one line of fifteen cells under a
 * three-level heading. The values are the first line of numbers after the column headings; with
 * blanks they are placed by the headings' columns, joined across their lines; on a flattened
 * page the digit run is split by the three rows' sums.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"

/* Where a wide table's column headings (结果维持 … 总计) end: the last line holding at least three of
 * them, and the raw offset just past the last one there (a flattened page has the values on the
 * same line). *line = UINT32_MAX when the region shows no headings. */
static void header_end(reader *rd, size_t a, size_t b, uint32_t *line, uint32_t *raw)
{
    static nb_re *re;
    tr_need_headings(rd);
    uint32_t la, oa, lb, ob;
    nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
    nb_stream_locate(&rd->r->stream, rd->d->nlines, b, &lb, &ob);
    *line = UINT32_MAX;
    *raw = 0;
    for (uint32_t li = la; li <= lb && li < rd->d->nlines; li++) {
        const nb_line *l = &rd->d->lines[li];
        size_t pos = 0, ov[2], end = 0;
        int hits = 0;
        while (nb_re_find(nb_re_once(&re, "维持|纠正|审结|总\\s*计"), l->norm.text, l->norm.len, pos, ov, 1)) {
            pos = end = ov[1];
            hits++;
        }
        if (hits >= 3) {
            *line = li;
            *raw = tr_raw_end_of(l, (uint32_t)end);
        }
    }
    /* headings wrapped over lines (结果维/持) are whole only as cells */
    int cells = 0;
    uint32_t last = 0;
    for (size_t i = 0; i < rd->hcells.len; i++) {
        const hcell *h = (const hcell *)rd->hcells.data + i;
        if (!nb_re_test(re, h->text, h->len)) continue;
        cells++;
        if (h->last_line > last) last = h->last_line;
    }
    if (cells >= 3 && (*line == UINT32_MAX || last > *line)) {
        *line = last;
        *raw = rd->d->lines[last].raw_len;
    }
}

/* Numbers or blank markers printed on the heading lines ending at line `after` (lines naming 结果,
 * 维持 …, up to a few lines above): values merged into a heading line, skipped above. Returns how
 * many; *line_first is the first token of the first such line and *line_n its count, so that a line
 * holding every cell can still be read in order. */
static int numbers_among_headings(reader *rd, uint32_t after, int *line_first, int *line_n)
{
    static nb_re *heading, *sentence;
    nb_re *re = nb_re_once(&heading, "结果|维持|纠正|审结|总\\s*计|复议|诉讼");
    /* the part's sentence above the table (…行政复议、行政诉讼案件均为 0 件。) names 复议 and 诉讼 too,
     * but its numbers are counts in prose, not cells among the headings */
    nb_re *prose = nb_re_once(&sentence, "[，,。；;：:]|\\d\\s*[件年]");
    int n = 0;
    *line_first = -1;
    *line_n = 0;
    for (size_t i = 0; i < rd->toks.len; i++) {
        const tok *t = T(rd, (int)i);
        if (t->kind == TK_EMPTY || t->line > after || t->line + 6 < after) continue;
        const nb_line *l = &rd->d->lines[t->line];
        if (!nb_re_test(re, l->norm.text, l->norm.len) || nb_re_test(prose, l->norm.text, l->norm.len)) continue;
        n++;
        if (*line_first < 0) *line_first = (int)i;
        if (t->line == T(rd, *line_first)->line) (*line_n)++;
    }
    return n;
}

/* Every cell of a wide table printed empty: the headings stand with nothing under them. */
static void wide_all_blank(reader *rd, uint32_t line)
{
    const nb_table_def *def = rd->def;
    for (int r = 0; r < def->nrows; r++) {
        rd->t->row_found[r] = 1;
        for (int c = 0; c < def->ncols; c++) tr_set_blank(rd, nb_table_cell(rd->t, r, c), line, 1, NULL);
    }
}

/* Table 4's glued line left uncertain: the cells every split agrees on stand (see glue.h), each
 * table row handed its slice of the split. */
static void keep_agreed_wide(reader *rd, const group *g, const nb_glue_result *res)
{
    const nb_table_def *def = rd->def;
    uint32_t mask = res->ncand > 0 ? res->agreed : res->agreed_by_count;
    const nb_glue_split *sp = res->ncand > 0 ? &res->agree : &res->agree_by_count;
    for (int r = 0; r < def->nrows; r++) {
        nb_glue_split one;
        memset(&one, 0, sizeof one);
        uint32_t rmask = 0;
        for (int c = 0; c < def->ncols; c++) {
            one.part[c] = sp->part[r * def->ncols + c];
            if ((mask >> (r * def->ncols + c)) & 1u) rmask |= 1u << c;
        }
        if (rmask) tr_apply_parts(rd, g, r, &one, rmask);
    }
}

/* Table 4: one printed line of every row's cells (15 numbers), read as one group. */
void tr_read_wide_table(reader *rd, size_t a, size_t b)
{
    const nb_table_def *def = rd->def;
    int ncells = def->nrows * def->ncols;
    tr_collect_groups(rd, a, b);
    /* labels are header words here. The values follow the column headings (结果维持 … 总计): take
     * the first line with a number or marker after them, and the next line if it is short. */
    uint32_t after, after_raw;
    header_end(rd, a, b, &after, &after_raw);
    /* no column headings, no table 4: numbers elsewhere in the region are not its cells */
    if (after == UINT32_MAX) return;
    int first = -1, count = 0;
    uint32_t line = 0;
    for (size_t i = 0; i < rd->toks.len && count < ncells; i++) {
        tok *t = T(rd, (int)i);
        if (first < 0) {
            /* on a laid-out line the headings hold no numbers: numbers on the headings' last line
             * (a values line merged into it) are values wherever they stand; on a flattened page
             * they are those after the last heading */
            if (after != UINT32_MAX && (t->line < after || (t->line == after && t->rs < after_raw &&
                                                            !tr_line_has_layout(rd->d, &rd->d->lines[t->line]))))
                continue;
            if (t->kind == TK_EMPTY && !(rd->d->lines[t->line].flags & NB_LINE_FIELDS)) continue;
            /* the value line: one that holds a number or a marker */
            int has_value = 0;
            for (size_t k = i; k < rd->toks.len && T(rd, (int)k)->line == t->line; k++)
                has_value |= T(rd, (int)k)->kind != TK_EMPTY;
            if (!has_value) continue;
            first = (int)i;
            line = t->line;
        }
        if (t->line != line && t->line != line + 1) break;
        count++;
    }
    if (first < 0) {
        /* the headings are there and nothing under them: every cell printed empty — unless numbers
         * stand among the headings' lines, which were not placed: then nothing is certain */
        int lf, ln, among = numbers_among_headings(rd, after, &lf, &ln);
        if (among == ncells && ln == ncells) {
            /* one heading line holds every cell: they are in order */
            first = lf;
            count = ln;
            line = T(rd, lf)->line;
        } else if (among) {
            group g0 = {.first = 0, .n = 0, .row = 0, .line = after};
            for (int r = 0; r < def->nrows; r++) {
                tr_row_uncertain(rd, r, "column_unclear", &g0);
                rd->t->row_found[r] = 1;
            }
            return;
        } else {
            wide_all_blank(rd, after);
            return;
        }
    }
    rd->t->found = 1;
    /* a virtual wide row: cells index r*ncols + c; relations: each row's total */
    group g = {.first = first, .n = count, .row = 0, .line = line};
    const nb_line *l = &rd->d->lines[line];
    if (count > ncells) {
        for (int r = 0; r < def->nrows; r++) tr_row_uncertain(rd, r, "extra_values", &g);
        return;
    }
    int placed[64];
    for (int i = 0; i < 64; i++) placed[i] = -1;
    int ok = 0;
    if (count == ncells) {
        for (int i = 0; i < count; i++) placed[i] = i;
        ok = 1;
    } else if (tr_line_has_layout(rd->d, l)) {
        /* fewer than 15: place by the header columns, clustered from the header words' x */
        float xs[64];
        int nx = 0;
        uint32_t la, oa;
        nb_stream_locate(&rd->r->stream, rd->d->nlines, a, &la, &oa);
        /* the column headings, joined across their lines (结果维/持), each a printed column */
        (void)la;
        (void)oa;
        for (size_t i = 0; i < rd->hcells.len && nx < 64; i++) {
            const hcell *h = (const hcell *)rd->hcells.data + i, *best = NULL;
            if (i > 0 && h->group == ((const hcell *)rd->hcells.data)[i - 1].group) continue;
            /* of a cell's tails, the shortest that names a column */
            for (size_t k = i; k < rd->hcells.len; k++) {
                const hcell *t = (const hcell *)rd->hcells.data + k;
                if (t->group != h->group) break;
                if (t->last_line >= line) continue;
                for (int c = 0; c < def->ncols; c++)
                    if (nb_re_test(nb_re_get(def->cols[c].header), t->text, t->len) && (!best || t->len < best->len))
                        best = t;
            }
            if (best) xs[nx++] = (best->x0 + best->x1) / 2;
        }
        /* cluster the x positions: one cluster per printed column */
        for (int i = 1; i < nx; i++)
            for (int k = i; k > 0 && xs[k] < xs[k - 1]; k--) {
                float tmp = xs[k];
                xs[k] = xs[k - 1];
                xs[k - 1] = tmp;
            }
        float cen[64];
        int ncen = 0, members = 0;
        float sum = 0, width = (l->box.y1 - l->box.y0) * 0.9f;
        if (width <= 0) width = 1;
        for (int i = 0; i < nx; i++) {
            if (members && xs[i] - sum / (float)members > width) {
                cen[ncen++] = sum / (float)members;
                sum = 0;
                members = 0;
            }
            sum += xs[i];
            members++;
        }
        if (members) cen[ncen++] = sum / (float)members;
        if (ncen == ncells) {
            ok = 1;
            int prev = -1;
            for (int i = 0; i < count && ok; i++) {
                const tok *t = T(rd, first + i);
                float xc = (t->x0 + t->x1) / 2;
                int best = 0;
                for (int k = 1; k < ncen; k++)
                    if (fabsf(xc - cen[k]) < fabsf(xc - cen[best])) best = k;
                float gap = best > 0 ? cen[best] - cen[best - 1] : cen[1] - cen[0];
                if (best <= prev || fabsf(xc - cen[best]) > gap * 0.5f) ok = 0;
                placed[i] = best;
                prev = best;
            }
        }
    }
    if (ok) {
        for (int i = 0; i < count; i++) {
            int cell = placed[i];
            tr_set_cell_from_tok(rd, cell / def->ncols, cell % def->ncols, T(rd, first + i), 1, NULL);
        }
        for (int cell = 0; cell < ncells; cell++) {
            nb_cell *c = nb_table_cell(rd->t, cell / def->ncols, cell % def->ncols);
            if (c->kind == NB_CELL_ABSENT) tr_set_blank(rd, c, line, 1, NULL);
        }
        for (int r = 0; r < def->nrows; r++) rd->t->row_found[r] = 1;
        return;
    }
    /* glued: split the digits into 15 cells with the three row sums */
    const char *texts[64];
    size_t lens[64];
    int glueable = count <= 64;
    const nb_glue_result *glued = NULL;
    for (int i = 0; i < count && glueable; i++) {
        const tok *t = T(rd, first + i);
        glueable = t->kind != TK_EMPTY;
        texts[i] = t->norm;
        lens[i] = t->kind == TK_MARK ? 0 : t->nlen;    /* a marker is one blank cell */
    }
    if (glueable && ncells <= NB_GLUE_MAX_CELLS) {
        nb_glue_rel rel[NB_GLUE_MAX_RELS];
        int nrel = 0;
        for (int r = 0; r < def->nrows && nrel < NB_GLUE_MAX_RELS; r++) {
            nb_glue_rel one[NB_GLUE_MAX_RELS];
            int k = tr_row_relations(rd, r, one, NB_GLUE_MAX_RELS);
            for (int i = 0; i < k && nrel < NB_GLUE_MAX_RELS; i++) {
                uint32_t mask = 0;
                for (int c = 0; c < def->ncols; c++)
                    if ((one[i].addends >> c) & 1u) mask |= 1u << (r * def->ncols + c);
                rel[nrel++] = (nb_glue_rel){r * def->ncols + one[i].target, mask};
            }
        }
        nb_glue_input in = {texts, lens, count, ncells, 0, rel, nrel};
        nb_glue_result *res = nb_alloc_uninit(rd->a, sizeof *res);   /* 12 KB, filled by the splitter */
        nb_glue_split_row(&in, res);
        glued = res;
        if (res->ncand == 1 && !res->more) {
            for (int cell = 0; cell < ncells; cell++) {
                nb_glue_split one;
                memset(&one, 0, sizeof one);
                /* tr_apply_split works per table row: hand it that row's slice */
                int r = cell / def->ncols;
                if (cell % def->ncols) continue;
                for (int c = 0; c < def->ncols; c++) one.part[c] = res->cand[0].part[r * def->ncols + c];
                tr_apply_split(rd, &g, r, &one, 1);
            }
            for (int r = 0; r < def->nrows; r++) rd->t->row_found[r] = 1;
            return;
        }
    }
    for (int r = 0; r < def->nrows; r++) {
        tr_row_uncertain(rd, r, glueable ? "glued_ambiguous" : "column_unclear", &g);
        rd->t->row_found[r] = 1;
    }
    int laid_out = 0;   /* as for rows (table_fill.c): agreement only where digits are glued, not laid out */
    for (int i = 0; i < count; i++) laid_out |= T(rd, first + i)->geo;
    if (glued && !laid_out) keep_agreed_wide(rd, &g, glued);
}
