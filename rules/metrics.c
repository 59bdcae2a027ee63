/*
 * rules/metrics.c — the indicators of metrics.csv (metrics.h): one table, one function per row.
 *
 * Counts are the template's: a blank cell counts 0, a cell read with doubt leaves the indicator
 * empty. Rates are fractions (0.8125), not percentages.
 */
#include "metrics.h"

#include <string.h>

#include "audit_opts.h"
#include "checks.h"

/* The sum of the total column over the t3 rows whose code starts with prefix; -1 if unknown. */
static double t3_sum(const nb_report *r, const char *prefix)
{
    const nb_table *t = nb_rules_table(r, "t3");
    if (!t) return -1;
    int col = nb_col_index(t->def, "total");
    if (col < 0) return -1;
    double s = 0;
    size_t pl = strlen(prefix);
    int any = 0;
    for (int row = 0; row < t->def->nrows; row++) {
        const char *code = t->def->rows[row].code;
        if (strncmp(code, prefix, pl) || (code[pl] && code[pl] != '.')) continue;
        const nb_cell *c = nb_table_cell(t, row, col);
        if (c->kind == NB_CELL_ABSENT) continue;
        if (!c->certain) return -1;
        s += c->kind == NB_CELL_NUMBER ? nb_cell_number(c) : 0;
        any = 1;
    }
    return any ? s : -1;
}

static double cell(const nb_report *r, const char *table, const char *row, const char *col)
{
    const nb_table *t = nb_rules_table(r, table);
    const nb_cell *c = t ? nb_rules_cell(t, row, col) : NULL;
    if (!c || c->kind == NB_CELL_ABSENT || !c->certain) return -1;
    return c->kind == NB_CELL_NUMBER ? nb_cell_number(c) : 0;
}

static int ratio(double num, double den, double *v)
{
    if (num < 0 || den <= 0) return 0;
    *v = num / den;
    return 1;
}

static int m_applications(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    *v = cell(r, "t3", "new", "total");
    return *v >= 0;
}

static int m_granted(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    double g = cell(r, "t3", "granted", "total"), p = cell(r, "t3", "partial", "total");
    return ratio(g < 0 || p < 0 ? -1 : g + p, cell(r, "t3", "total", "total"), v);
}

static int m_denied(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    return ratio(t3_sum(r, "denied"), cell(r, "t3", "total", "total"), v);
}

static int m_unable(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    return ratio(t3_sum(r, "unable"), cell(r, "t3", "total", "total"), v);
}

static int m_review(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    double t = cell(r, "t4", "review", "total"), p = cell(r, "t4", "review", "pending");
    return ratio(cell(r, "t4", "review", "corrected"), t < 0 || p < 0 ? -1 : t - p, v);
}

static int m_suit(const nb_report *r, const nb_audit_opts *o, double *v)
{
    (void)o;
    static const char *const rows[2] = {"suit_direct", "suit_after_review"};
    double corr = 0, den = 0;
    for (int k = 0; k < 2; k++) {
        double c = cell(r, "t4", rows[k], "corrected"), t = cell(r, "t4", rows[k], "total"), p = cell(r, "t4", rows[k], "pending");
        if (c < 0 || t < 0 || p < 0) return 0;
        corr += c;
        den += t - p;
    }
    return ratio(corr, den, v);
}

/* Not today's business: the margin is the deadline against the report's date, whatever day it is. */
static int m_margin(const nb_report *r, const nb_audit_opts *o, double *v)
{
    if (!r->id.year) return 0;
    const nb_date *d = r->id.signed_on.found ? &r->id.signed_on : nb_rules_stand_in(r);
    if (!d || !d->found || !nb_date_valid(d->y, d->m, d->d)) return 0;
    nb_deadline dl = nb_deadline_for(o, r->id.agency, r->id.signed_by, r->id.year);
    *v = (double)(nb_day_number(r->id.year + 1, dl.m, dl.d) - nb_day_number(d->y, d->m, d->d));
    return 1;
}

typedef int (*metric_fn)(const nb_report *, const nb_audit_opts *, double *);

const nb_metric nb_metrics[] = {
    {"applications", "t3 new.total", "申请总量: requests received this year (table 3, 一、本年新收, total)", 1},
    {"granted_rate", "(t3 granted.total + t3 partial.total) / t3 total.total",
     "予以公开率: granted in full or in part, over all requests concluded", 0},
    {"denied_rate", "Σ t3 denied.*.total / t3 total.total", "不予公开率: denied, over all requests concluded", 0},
    {"unable_rate", "Σ t3 unable.*.total / t3 total.total", "无法提供率: could not be provided, over all requests concluded", 0},
    {"review_correction_rate", "t4 review.corrected / (t4 review.total − t4 review.pending)",
     "行政复议纠错率: reconsiderations corrected, over those concluded", 0},
    {"suit_correction_rate",
     "(suit_direct.corrected + suit_after_review.corrected) / (suit_direct.total + suit_after_review.total − both pending)",
     "行政诉讼纠错率: lawsuits corrected, over those concluded", 0},
    {"deadline_margin_days", "deadline − signature date (the publication date without one), days",
     "days to spare before the deadline (negative: late), by the same deadline as DATE-LATE", 1},
};
static const metric_fn metric_fns[] = {m_applications, m_granted, m_denied, m_unable, m_review, m_suit, m_margin};

const int nb_nmetrics = (int)(sizeof nb_metrics / sizeof nb_metrics[0]);

void nb_metrics_compute(const nb_report *r, const nb_audit_opts *o, double *value, int *have)
{
    for (int i = 0; i < nb_nmetrics; i++) {
        value[i] = 0;
        have[i] = r->tables || i == nb_nmetrics - 1 ? metric_fns[i](r, o, &value[i]) : 0;
    }
}
