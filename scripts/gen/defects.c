/*
 * scripts/gen/defects.c — injects the defects of the brief into a report's model and records their
 * tags. A defect only changes what is printed; which findings follow from it is not decided here
 * but computed afterwards from the printed report (findings.c), so a defect that breaks three sums
 * yields three findings without this file knowing the rules.
 */
#include <string.h>

#include "model.h"

enum {
    DEF_SUM, DEF_BLANK, DEF_SECTION, DEF_EARLY, DEF_LATE, DEF_IMPOSSIBLE, DEF_FUTURE, DEF_PERIOD,
    DEF_STALE, DEF_PROSE_APPS, DEF_PROSE_NO_APPS, DEF_PROSE_REVIEW, DEF_PROSE_LITIGATION, DEF_PROSE_FEE,
    DEF_ROW, NDEF,
};

static const char *const defect_names[NDEF] = {
    "sum", "blank_cell", "section_removed", "signed_early", "signed_late", "date_impossible",
    "date_future", "period_wrong", "stale_year", "prose_applications", "prose_no_applications",
    "prose_review", "prose_litigation", "prose_fee", "row_removed",
};

/* A t3 or t4 cell changed by a small amount, so that the sums through it fail. */
static void break_sum(greport *g)
{
    rng *r = &g->r;
    gtable *t = rng_chance(r, 0.8) ? &g->t[T3] : &g->t[T4];
    if (!t->present) t = &g->t[T3];
    int row = (int)rng_range(r, 0, t->tpl->nrows - 1);
    int col = (int)rng_range(r, 0, t->tpl->rows[row].ncols - 1);
    int64_t v = cell_num(t, row, col);
    int64_t d = rng_range(r, 1, 5) * (v > 5 && rng_chance(r, 0.5) ? -1 : 1);
    print_cell(g, &t->c[row][col], v + d, 0);
}

/* A cell that should hold a number printed empty; a non-zero one when there is one. */
static void blank_cell(greport *g)
{
    rng *r = &g->r;
    gtable *t = rng_chance(r, 0.75) ? &g->t[T3] : &g->t[T4];
    int best_row = -1, best_col = -1;
    for (int tries = 0; tries < 40; tries++) {
        int row = (int)rng_range(r, 0, t->tpl->nrows - 1);
        int col = (int)rng_range(r, 0, t->tpl->rows[row].ncols - 1);
        if (t->c[row][col].raw[0] == '\0') continue;
        best_row = row;
        best_col = col;
        if (cell_num(t, row, col) != 0) break;
    }
    if (best_row >= 0) set_blank(&t->c[best_row][best_col], "");
}

/* A whole section left out; not one that holds the sentence an earlier prose or stale-year
 * defect wrote (the defect would vanish with it). */
static void remove_section(greport *g)
{
    int k = (int)rng_range(&g->r, 0, 5);
    if (k == 0 && (g->dflags & (D_STALE | D_PROSE_APPS | D_PROSE_NO_APPS | D_PROSE_HANDLED))) k = 4;
    if (k == 3 && (g->dflags & (D_PROSE_REVIEW | D_PROSE_LITIGATION))) k = 4;
    if (k == 5 && (g->dflags & D_PROSE_FEE)) k = 4;
    if (k >= 1 && k <= 3 && (g->dflags & D_TABLE_EDIT)) k = 4;
    g->section_present[k] = 0;
    if (k >= 1 && k <= 3) g->t[k - 1].present = 0;
}

/* An outcome row whose cells are all zero, left out of table 3 (its absence changes no sum). */
static int remove_row(greport *g)
{
    gtable *t = &g->t[T3];
    int start = (int)rng_range(&g->r, 0, t->tpl->nrows - 1);
    for (int k = 0; k < t->tpl->nrows; k++) {
        int i = (start + k) % t->tpl->nrows;
        const char *code = t->tpl->rows[i].code;
        if (!t->tpl->rows[i].outcome || !strcmp(code, "total") || !strcmp(code, "granted")) continue;
        int zero = 1;
        for (int c = 0; c < 7; c++) zero &= cell_num(t, i, c) == 0;
        if (zero) { t->row_present[i] = 0; return 1; }
    }
    return 0;
}

static void sign_date(greport *g, int which)
{
    rng *r = &g->r;
    int y = g->year;
    g->has_signature = 1;
    switch (which) {
    case DEF_EARLY:
        g->sy = y; g->sm = (int)rng_range(r, 3, 12); g->sd = (int)rng_range(r, 1, 28);
        break;
    case DEF_LATE:
        g->sy = y + 1;
        g->sm = (int)rng_range(r, g->government ? 4 : 2, 6);
        g->sd = (int)rng_range(r, 1, 28);
        break;
    case DEF_IMPOSSIBLE: {
        static const int md[][2] = {{2, 30}, {2, 31}, {4, 31}, {6, 31}};
        int k = (int)rng_range(r, 0, 3);
        g->sy = y + 1; g->sm = md[k][0]; g->sd = md[k][1];
        break;
    }
    case DEF_FUTURE:
        g->sy = rng_chance(r, 0.5) ? 2026 : 2027;
        g->sm = g->sy == 2026 ? (int)rng_range(r, 7, 12) : (int)rng_range(r, 1, 12);
        g->sd = (int)rng_range(r, 1, 28);
        break;
    }
}

static void wrong_period(greport *g)
{
    static const int variants[][6] = {
        {-1, 1, 1, -1, 12, 31}, {0, 1, 1, 0, 11, 30}, {-1, 12, 1, 0, 11, 30}, {0, 1, 1, 0, 6, 30}, {0, 2, 1, 1, 1, 31},
    };
    const int *v = variants[rng_range(&g->r, 0, 4)];
    g->has_period = 1;
    g->per_y1 = g->year + v[0]; g->per_m1 = v[1]; g->per_d1 = v[2];
    g->per_y2 = g->year + v[3]; g->per_m2 = v[4]; g->per_d2 = v[5];
}

static int64_t t3_value(greport *g, const char *row)
{
    return cell_num(&g->t[T3], row_index(&g->t[T3], row), 6);
}

/* Whether defect d can be injected into this report as it stands. */
static int applicable(const greport *g, int d)
{
    int s1 = g->section_present[0], t3 = g->t[T3].present, t4 = g->t[T4].present;
    switch (d) {
    case DEF_BLANK: return !g->flat_safe && t3 && t4;
    case DEF_SUM: return t3 && t4;
    case DEF_ROW: return t3;
    case DEF_PROSE_APPS: case DEF_PROSE_NO_APPS: return s1 && t3;
    case DEF_PROSE_REVIEW: case DEF_PROSE_LITIGATION: return t4 && g->section_present[3];
    case DEF_PROSE_FEE: return g->section_present[5];
    default: return 1;
    }
}

static void inject(greport *g, int d)
{
    switch (d) {
    case DEF_SUM: break_sum(g); g->dflags |= D_TABLE_EDIT; break;
    case DEF_BLANK: blank_cell(g); g->dflags |= D_TABLE_EDIT; break;
    case DEF_SECTION: remove_section(g); break;
    case DEF_ROW: if (!remove_row(g)) return; g->dflags |= D_TABLE_EDIT; break;
    case DEF_EARLY: case DEF_LATE: case DEF_IMPOSSIBLE: case DEF_FUTURE: sign_date(g, d); break;
    case DEF_PERIOD: wrong_period(g); g->dflags |= D_PERIOD; break;
    case DEF_STALE: g->narrative_year = g->year - 1; g->dflags |= D_STALE; break;
    case DEF_PROSE_APPS: g->dflags |= rng_chance(&g->r, 0.7) ? D_PROSE_APPS : D_PROSE_HANDLED; break;
    case DEF_PROSE_NO_APPS:
        if (t3_value(g, "new") == 0) { g->dflags |= D_PROSE_APPS; d = DEF_PROSE_APPS; }
        else g->dflags |= D_PROSE_NO_APPS;
        break;
    case DEF_PROSE_REVIEW: g->dflags |= D_PROSE_REVIEW; break;
    case DEF_PROSE_LITIGATION: g->dflags |= D_PROSE_LITIGATION; break;
    case DEF_PROSE_FEE: g->dflags |= D_PROSE_FEE; break;
    }
    tag(&g->defects, defect_names[d]);
}

void defects_choose(greport *g, const genopts *o)
{
    rng *r = &g->r;
    if (g->pre2019 || !rng_chance(r, o->defect_rate)) return;
    /* weights: sums and dates are the common real defects */
    static const int weight[NDEF] = {16, 8, 6, 5, 8, 4, 3, 5, 4, 5, 3, 4, 4, 3, 4};
    int n = rng_chance(r, 0.7) ? 1 : 2, done = 0, used = 0;
    for (int tries = 0; done < n && tries < 20; tries++) {
        int total = 0;
        for (int d = 0; d < NDEF; d++) total += weight[d];
        int x = (int)rng_range(r, 0, total - 1), d = 0;
        while (x >= weight[d]) x -= weight[d++];
        /* one date defect at most, and a section removal only as the last defect (it may take
         * away what an earlier one changed) */
        int is_date = d == DEF_EARLY || d == DEF_LATE || d == DEF_IMPOSSIBLE || d == DEF_FUTURE;
        if ((used >> d) & 1 || (is_date && (used & (1 << DEF_EARLY | 1 << DEF_LATE | 1 << DEF_IMPOSSIBLE | 1 << DEF_FUTURE))))
            continue;
        if (d == DEF_SECTION && done + 1 < n) continue;
        if (!applicable(g, d)) continue;
        inject(g, d);
        used |= 1 << d;
        done++;
    }
}
