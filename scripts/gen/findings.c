/*
 * scripts/gen/findings.c — the findings a correct auditor must emit for a report, computed from
 * what the report prints (after defects), with the rule catalog's definitions: every declared sum
 * on printed values (blank = 0), missing parts, dates against 条例 第四十九条, and the prose facts
 * the narrative states.
 *
 * Locations follow the catalog: (table,row,col), '' where a rule has none.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

static void emit(greport *g, const char *rule, const char *table, const char *row, const char *col)
{
    if (g->nfind >= MAXFIND) return;
    gfinding *f = &g->find[g->nfind++];
    f->rule = rule;
    snprintf(f->table, sizeof f->table, "%s", table);
    snprintf(f->row, sizeof f->row, "%s", row);
    snprintf(f->col, sizeof f->col, "%s", col);
}

static const char *const table_names[NTABLES] = {"t2", "t3", "t4"};

/* total = Σ the other columns of the row, for every t3 and t4 row printed */
static void row_sums(greport *g, int ti, const char *rule)
{
    gtable *t = &g->t[ti];
    for (int i = 0; i < t->tpl->nrows; i++) {
        if (!t->row_present[i]) continue;
        int n = t->tpl->rows[i].ncols;
        int64_t s = 0;
        for (int c = 0; c < n - 1; c++) s += cell_num(t, i, c);
        if (s != cell_num(t, i, n - 1)) emit(g, rule, table_names[ti], t->tpl->rows[i].code, "total");
    }
}

static void t3_column_sums(greport *g)
{
    gtable *t = &g->t[T3];
    int inew = row_index(t, "new"), icar = row_index(t, "carried"), itot = row_index(t, "total"),
        ifwd = row_index(t, "forward");
    for (int c = 0; c < 7; c++) {
        int64_t s = 0;
        for (int i = 0; i < t->tpl->nrows; i++)
            if (t->tpl->rows[i].outcome && i != itot) s += cell_num(t, i, c);
        if (t->row_present[itot] && s != cell_num(t, itot, c)) emit(g, "SUM-T3-OUTCOMES", "t3", "total", t3_cols[c]);
        if (cell_num(t, inew, c) + cell_num(t, icar, c) != cell_num(t, itot, c) + cell_num(t, ifwd, c) &&
            t->row_present[ifwd])
            emit(g, "SUM-T3-BALANCE", "t3", "forward", t3_cols[c]);
    }
}

static void missing_parts(greport *g)
{
    for (int k = 0; k < 6; k++)
        if (!g->section_present[k]) {
            char n[4];
            snprintf(n, sizeof n, "%d", k + 1);
            emit(g, "MISSING-SECTION", "section", n, "");
        }
    for (int ti = 0; ti < NTABLES; ti++) {
        gtable *t = &g->t[ti];
        if (!t->present) { emit(g, "MISSING-TABLE", table_names[ti], "", ""); continue; }
        for (int i = 0; i < t->tpl->nrows; i++) {
            const trow *row = &t->tpl->rows[i];
            if (!t->row_present[i]) { emit(g, "MISSING-ROW", table_names[ti], row->code, ""); continue; }
            int nonzero = 0;
            for (int c = 0; c < row->ncols; c++) {
                if (t->c[i][c].raw[0] == '\0') emit(g, "MISSING-CELL", table_names[ti], row->code, row->cols[c]);
                if (strcmp(row->cols[c], "total") && t->c[i][c].value[0] && strspn(t->c[i][c].value, "0.-") != strlen(t->c[i][c].value))
                    nonzero = 1;
            }
            int tc = row->ncols - 1;
            if (ti != T2 && !t->c[i][tc].value[0] && nonzero) emit(g, "MISSING-TOTAL", table_names[ti], row->code, "total");
        }
    }
    if (!g->has_signature) emit(g, "MISSING-SIGNATURE-DATE", "", "", "");
}

static void dates(greport *g, const genopts *o)
{
    int y = g->year;
    if (g->has_signature) {
        if (!is_date_valid(g->sy, g->sm, g->sd)) {
            emit(g, "DATE-IMPOSSIBLE", "", "", "");
        } else {
            if (date_cmp(g->sy, g->sm, g->sd, y + 1, 1, 1) < 0) emit(g, "DATE-EARLY", "", "", "");
            if (date_cmp(g->sy, g->sm, g->sd, y + 1, g->government ? 3 : 1, 31) > 0) emit(g, "DATE-LATE", "", "", "");
            if (date_cmp(g->sy, g->sm, g->sd, o->ty, o->tm, o->td) > 0) emit(g, "DATE-FUTURE", "", "", "");
        }
    }
    if (g->has_period && (g->per_y1 != y || g->per_m1 != 1 || g->per_d1 != 1 || g->per_y2 != y ||
                          g->per_m2 != 12 || g->per_d2 != 31))
        emit(g, "DATE-PERIOD", "", "", "");
    if (g->narrative_year != y) emit(g, "DATE-STALE-YEAR", "", "", "");
}

static void prose(greport *g)
{
    gtable *t3 = &g->t[T3], *t4 = &g->t[T4];
    if (t3->present) {
        int64_t nw = cell_num(t3, row_index(t3, "new"), 6), car = cell_num(t3, row_index(t3, "carried"), 6);
        int itot = row_index(t3, "total");
        if (g->prose_no_apps && nw > 0) emit(g, "PROSE-NO-APPLICATIONS", "", "", "");
        /* the count agrees when it is any of the quantities its verb may mean, as printed */
        if (g->prose_apps >= 0) {
            unsigned rd = g->prose_apps_readings;
            int agrees = ((rd & READ_NEW) && g->prose_apps == nw) || ((rd & READ_NEW_CARRIED) && g->prose_apps == nw + car) ||
                         ((rd & READ_TOTAL) && t3->row_present[itot] && g->prose_apps == cell_num(t3, itot, 6));
            if (!agrees) emit(g, "PROSE-APPLICATIONS", "", "", "");
        }
    }
    if (t4->present) {
        if (g->prose_review >= 0 && g->prose_review != cell_num(t4, 0, 4)) emit(g, "PROSE-REVIEW", "", "", "");
        /* a count of lawsuits is both kinds, or the direct ones alone (rules/prose.c) */
        if (g->prose_litigation >= 0 && g->prose_litigation != cell_num(t4, 1, 4) + cell_num(t4, 2, 4) &&
            g->prose_litigation != cell_num(t4, 1, 4))
            emit(g, "PROSE-LITIGATION", "", "", "");
    }
    if (g->prose_no_fee && g->prose_fee > 0) emit(g, "PROSE-FEE", "", "", "");
}

void findings_compute(greport *g, const genopts *o)
{
    g->nfind = 0;
    if (g->pre2019) return;   /* no template: the auditor should only say EXTRACT-PRE2019 */
    if (g->t[T3].present) {
        row_sums(g, T3, "SUM-T3-ROW");
        t3_column_sums(g);
    }
    if (g->t[T4].present) row_sums(g, T4, "SUM-T4-ROW");
    missing_parts(g);
    dates(g, o);
    prose(g);
}
