/*
 * report/focus.c — which cells a finding involves (see focus.h), from the template's declarations.
 */
#include "focus.h"

#include <string.h>

#include "../parser/template.h"

int nb_focus_is_tabular(const nb_finding *x)
{
    return x->table[0] == 't' && x->table[1] >= '2' && x->table[1] <= '4' && !x->table[2];
}

static void add(nb_focus *fo, int cell, int side)
{
    for (int i = 0; i < fo->n; i++)
        if (fo->cell[i] == cell) {
            fo->side[i] |= side;
            return;
        }
    if (fo->n < NB_FOCUS_MAX) {
        fo->cell[fo->n] = cell;
        fo->side[fo->n] = side;
        fo->n++;
    }
}

/* The declaration behind a sum finding: its rule and table, and a scope that admits the finding's
 * instance (a row for each=row, a column for each=col). */
static const nb_sum_def *sum_of(const nb_template *t, const nb_finding *x)
{
    if (!t) return NULL;
    for (int i = 0; i < t->nsums; i++) {
        const nb_sum_def *s = &t->sums[i];
        if (strcmp(s->rule, x->rule->id) || strcmp(s->table, x->table)) continue;
        const char *inst = s->each[0] == 'r' ? x->row : x->col;
        if (s->scope && !nb_code_in_list(s->scope, inst)) continue;
        return s;
    }
    return NULL;
}

static void focus_sum(const nb_rdoc *d, const nb_finding *x, const nb_sum_def *s, nb_focus *fo)
{
    int by_row = s->each[0] == 'r';
    const char *inst = by_row ? x->row : x->col;
    for (int i = 0; i < d->ncells; i++) {
        const nb_rcell *c = &d->cells[i];
        if (strcmp(c->table, x->table)) continue;
        if (strcmp(by_row ? c->row : c->col, inst)) continue;
        const char *member = by_row ? c->col : c->row;
        int lhs = nb_code_in_list(s->lhs, member), rhs = nb_code_in_list(s->rhs, member);
        if (!lhs && !rhs) continue;
        /* the side that holds the `at` cell is the reported one */
        int at_lhs = nb_code_in_list(s->lhs, s->at);
        add(fo, i, (lhs && at_lhs) || (rhs && !at_lhs));
    }
    fo->band = by_row ? 'r' : 'c';
}

int nb_focus_of(const nb_rdoc *d, const nb_finding *x, nb_focus *fo)
{
    memset(fo, 0, sizeof *fo);
    if (!nb_focus_is_tabular(x)) return 0;
    const nb_sum_def *s = strncmp(x->rule->id, "SUM-", 4) == 0 ? sum_of(nb_template_find(d->version), x) : NULL;
    if (s) {
        focus_sum(d, x, s, fo);
        return fo->n;
    }
    /* one cell, or a whole row (MISSING-ROW names no column) */
    for (int i = 0; i < d->ncells; i++) {
        const nb_rcell *c = &d->cells[i];
        if (strcmp(c->table, x->table) || !*x->row || strcmp(c->row, x->row)) continue;
        if (*x->col && strcmp(c->col, x->col)) continue;
        add(fo, i, 1);
    }
    if (!*x->col && fo->n) fo->band = 'r';
    return fo->n;
}
