/*
 * rules/sums.c — the SUM- family: one generic check of every sum the detected template declares
 * (nb_sum_def, template.h). Nothing here names a cell: a relation "lhs = rhs" is instantiated in
 * every row (each = "row": lhs/rhs are column codes) or every column (each = "col": lhs/rhs are row
 * codes) of its table, and a failure is reported under the rule the declaration names, at the
 * declared `at` cell of that row or column.
 *
 * An instance is skipped when any cell in it was read with doubt (the doubt is EXTRACT-UNCERTAIN's
 * business, not the agency's), and when either side has no cell at all in the report (a row not
 * found: MISSING-ROW says so; summing nothing against something would only repeat it). Absent cells
 * contribute nothing, blank cells count 0. Counts compare exactly. Money (NB_COL_DECIMAL) compares
 * as intervals at the printed precision: 7730.28 stands for [7730.275, 7730.285), a sum of such
 * numbers for the sum of the intervals, and two sides agree when their intervals overlap.
 *
 * The side holding the `at` cell is the reported one (actual); the other side is what it should be
 * (expected). For SUM-T3-BALANCE that is total + forward against new + carried.
 *
 * A scanned report's doubt is of another kind: a cell whose digits OCR recognised with low
 * confidence (why ocr_low_confidence) keeps the reading in its raw text. EXTRACT-OCR-DOUBT runs
 * every sum whose only doubt is such cells with those readings put in: when it fails, the failure
 * may be a misread as well as the agency's, so it is reported as nianbao's doubt (a warning), never
 * as a SUM- error. A sum over digits read with confidence fails as SUM- as for any other input.
 */
#include <string.h>

#include "../parser/value.h"
#include "checks.h"

enum { MAX_TERMS = 64, MAX_SCALE = 9 };

typedef struct term {
    const nb_cell *cell;
    const char    *code;      /* the row code (each = col) or column code (each = row) */
} term;

typedef struct side {
    term     t[MAX_TERMS];
    int      n;
    int      present;         /* cells not absent */
    long long sum;            /* at the common scale, times 10 (room for the interval's half) */
    long long half;           /* sum of the half-widths of the printed precision, same unit */
} side;

/* Is code one of the comma-separated patterns in list ("denied.*,unable.*,other*")? Matched in
 * place (copying each pattern out first was a quarter of the audit rules' time). */
static int list_matches(const char *list, const char *code)
{
    return list && nb_code_in_list(list, code);
}

static void add_term(side *s, const nb_cell *c, const char *code)
{
    if (s->n < MAX_TERMS) s->t[s->n++] = (term){c, code};
}

/* 10^k for small k. */
static long long pow10ll(int k)
{
    long long v = 1;
    while (k-- > 0) v *= 10;
    return v;
}

/* Doubt anywhere in the instance, and the largest number of decimals printed. */
static int instance_doubtful(const side *s, int *scale)
{
    for (int i = 0; i < s->n; i++) {
        const nb_cell *c = s->t[i].cell;
        if (c->kind == NB_CELL_ABSENT) continue;
        if (!c->certain) return 1;
        if (c->kind == NB_CELL_NUMBER && c->scale > *scale) *scale = c->scale;
    }
    return 0;
}

/* Sum a side at the common scale. Returns 0 when a number is too large to add safely. */
static int sum_side(side *s, int scale)
{
    s->sum = s->half = 0;
    s->present = 0;
    for (int i = 0; i < s->n; i++) {
        const nb_cell *c = s->t[i].cell;
        if (c->kind == NB_CELL_ABSENT) continue;
        s->present++;
        if (c->kind != NB_CELL_NUMBER) continue;              /* blank: 0, exactly */
        long long f = pow10ll(scale - c->scale + 1), v;
        if (__builtin_mul_overflow(c->mant, f, &v) || __builtin_add_overflow(s->sum, v, &s->sum))
            return 0;
        s->half += 5 * pow10ll(scale - c->scale);
    }
    return 1;
}

/* A value at scale (times 10, as summed) as printed: "27", "7730.28". */
static const char *format_value(nb_arena *a, long long v10, int scale)
{
    long long v = v10 / 10;
    if (scale == 0) return nb_sprintf(a, "%lld", v);
    long long p = pow10ll(scale), iv = v < 0 ? -v : v;
    return nb_sprintf(a, "%s%lld.%0*lld", v < 0 ? "-" : "", iv / p, scale, iv % p);
}

/* "granted=6, unable.not_held=4; 18 other cells 0" (en) or its Chinese form. */
static const char *describe_terms(nb_arena *a, const side *s, int en)
{
    const char *out = "";
    int zeros = 0, listed = 0;
    for (int i = 0; i < s->n; i++) {
        const nb_cell *c = s->t[i].cell;
        if (c->kind != NB_CELL_NUMBER) continue;
        if (c->mant == 0) {
            zeros++;
            continue;
        }
        out = nb_sprintf(a, "%s%s%s=%s", out, listed ? (en ? ", " : "、") : "", s->t[i].code, c->value);
        listed++;
    }
    if (zeros && listed) out = nb_sprintf(a, en ? "%s; %d other cells 0" : "%s，其余 %d 格为 0", out, zeros);
    else if (zeros) out = nb_sprintf(a, en ? "all %d cells 0" : "%d 格均为 0", zeros);
    else if (!listed) out = en ? "no numbers" : "没有数字";
    return out;
}

/* " Blank cells counted as 0: a, b." for both sides, or "". */
static const char *describe_blanks(nb_arena *a, const side *l, const side *r, int en)
{
    const char *list = "";
    int n = 0;
    const side *sides[2] = {l, r};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < sides[k]->n; i++)
            if (sides[k]->t[i].cell->kind == NB_CELL_BLANK)
                list = nb_sprintf(a, "%s%s%s", list, n++ ? (en ? ", " : "、") : "", sides[k]->t[i].code);
    if (!n) return "";
    return nb_sprintf(a, en ? " Blank cells counted as 0: %s." : "空白格按 0 计：%s。", list);
}

/* Does side s hold the cell named code? */
static int side_has(const side *s, const char *code)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->t[i].code, code) == 0) return 1;
    return 0;
}

/* Does the relation hold? Exact for counts; overlapping intervals for money. */
static int sides_agree(const side *l, const side *r, int decimal)
{
    if (!decimal) return l->sum == r->sum;
    long long diff = l->sum > r->sum ? l->sum - r->sum : r->sum - l->sum;
    return diff < l->half + r->half;
}

/* One instance: a row (each = row) or a column (each = col) of the table. */
typedef struct instance {
    const nb_sum_def *def;
    const nb_table   *t;
    const char       *line_code, *line_label;   /* the row or column the relation runs along */
    const char       *at_row, *at_col;          /* location of a failure */
    const nb_cell    *at;
    int               decimal;
    int               ocr;                      /* EXTRACT-OCR-DOUBT's pass (check_ocr_instance) */
} instance;

static void report_failure(nb_findings *out, const instance *in, side *rep, side *comp, int scale)
{
    nb_arena *a = out->arena;
    const char *reported = format_value(a, rep->sum, scale), *computed = format_value(a, comp->sum, scale);
    nb_finding *x = nb_add_finding(out, in->def->rule, in->t->def->code, in->at_row, in->at_col,
                                   in->at->page, computed, reported);
    nb_finding_arg(out, x, "reported", reported);
    nb_finding_arg(out, x, "computed", computed);
    nb_finding_arg(out, x, "line", in->line_code);
    nb_finding_arg(out, x, "label", in->line_label);
    nb_finding_arg_tr(out, x, "tname", nb_rules_table_name(a, in->t->def, 0), nb_rules_table_name(a, in->t->def, 1));
    nb_finding_arg_tr(out, x, "cells", describe_terms(a, comp, 0), describe_terms(a, comp, 1));
    nb_finding_arg_tr(out, x, "reported_cells", describe_terms(a, rep, 0), describe_terms(a, rep, 1));
    nb_finding_arg_tr(out, x, "blanks", describe_blanks(a, rep, comp, 0), describe_blanks(a, rep, comp, 1));
}

/* Is every doubtful cell of the side one OCR doubted, its reading a number (put into tmp)? */
static int ocr_readings(side *s, nb_cell *tmp, int *used, int *scale)
{
    for (int i = 0; i < s->n; i++) {
        const nb_cell *c = s->t[i].cell;
        if (c->kind == NB_CELL_ABSENT || c->certain) continue;
        nb_value v;
        if (!c->why || strcmp(c->why, "ocr_low_confidence") != 0 || !c->raw ||
            nb_parse_value(c->raw, strlen(c->raw), &v) != NB_V_NUMBER || *used >= 2 * MAX_TERMS)
            return 0;
        nb_cell *t = &tmp[(*used)++];
        *t = *c;
        t->kind = NB_CELL_NUMBER;
        t->certain = 1;
        t->mant = v.mant;
        t->scale = v.scale;
        if (t->scale > *scale) *scale = t->scale;
        s->t[i].cell = t;
    }
    return 1;
}

/* EXTRACT-OCR-DOUBT for one instance: doubtful only by OCR, and failing with OCR's readings. */
static void check_ocr_instance(nb_findings *out, const instance *in, side *lhs, side *rhs)
{
    int scale = 0;
    if (!instance_doubtful(lhs, &scale) && !instance_doubtful(rhs, &scale)) return;
    nb_cell tmp[2 * MAX_TERMS];
    int used = 0;
    if (!ocr_readings(lhs, tmp, &used, &scale) || !ocr_readings(rhs, tmp, &used, &scale)) return;
    if (scale > MAX_SCALE || !sum_side(lhs, scale) || !sum_side(rhs, scale)) return;
    if (!lhs->present || !rhs->present || sides_agree(lhs, rhs, in->decimal)) return;
    nb_arena *a = out->arena;
    const char *l = format_value(a, lhs->sum, scale), *r = format_value(a, rhs->sum, scale);
    /* as for SUM-: the side holding the `at` cell is the one reported (actual) */
    const char *at_code = strcmp(in->def->each, "row") == 0 ? in->at_col : in->at_row;
    int rhs_reported = side_has(rhs, at_code) && !side_has(lhs, at_code);
    nb_finding *x = nb_add_finding(out, "EXTRACT-OCR-DOUBT", in->t->def->code, in->at_row, in->at_col,
                                   in->at->page, rhs_reported ? l : r, rhs_reported ? r : l);
    nb_finding_arg(out, x, "rule", in->def->rule);
    nb_finding_arg(out, x, "line", in->line_code);
    nb_finding_arg(out, x, "label", in->line_label);
    nb_finding_arg(out, x, "lhs", l);
    nb_finding_arg(out, x, "rhs", r);
    nb_finding_arg_tr(out, x, "tname", nb_rules_table_name(a, in->t->def, 0), nb_rules_table_name(a, in->t->def, 1));
}

static void check_instance(nb_findings *out, const instance *in, side *lhs, side *rhs)
{
    if (in->ocr) {
        check_ocr_instance(out, in, lhs, rhs);
        return;
    }
    int scale = 0;
    if (instance_doubtful(lhs, &scale) || instance_doubtful(rhs, &scale)) return;
    if (scale > MAX_SCALE) return;
    if (!sum_side(lhs, scale) || !sum_side(rhs, scale)) return;
    if (!lhs->present || !rhs->present) return;
    if (sides_agree(lhs, rhs, in->decimal)) return;
    const char *at_code = strcmp(in->def->each, "row") == 0 ? in->at_col : in->at_row;
    if (side_has(rhs, at_code) && !side_has(lhs, at_code)) report_failure(out, in, rhs, lhs, scale);
    else report_failure(out, in, lhs, rhs, scale);
}

/* Put a cell on the side of the relation its code belongs to; 1 when it belongs to either. known:
 * the member's sides from nb_sum_sides (bit 0 lhs, bit 1 rhs), or -1 to read the lists. */
static int place_term(const nb_sum_def *def, const nb_cell *c, const char *code, int known, side *lhs, side *rhs)
{
    if (known >= 0 ? known & 1 : list_matches(def->lhs, code)) add_term(lhs, c, code);
    else if (known >= 0 ? known & 2 : list_matches(def->rhs, code)) add_term(rhs, c, code);
    else return 0;
    return 1;
}

/* each = row: in every row having the `at` column, sum the lhs columns against the rhs columns. */
static void check_rows(nb_findings *out, const nb_sum_def *def, const nb_table *t, int ocr)
{
    const nb_table_def *td = t->def;
    int at = nb_col_index(td, def->at);
    if (at < 0) return;
    const uint8_t *sides = nb_sum_sides(def, td);          /* per column */
    for (int ri = 0; ri < td->nrows; ri++) {
        if (def->scope && !list_matches(def->scope, td->rows[ri].code)) continue;
        if (!nb_row_has_col(td, ri, at)) continue;
        side lhs = {0}, rhs = {0};
        int decimal = 0;
        for (int ci = 0; ci < td->ncols; ci++)
            if (nb_row_has_col(td, ri, ci) &&
                place_term(def, nb_table_cell(t, ri, ci), td->cols[ci].code, sides ? sides[ci] : -1, &lhs, &rhs) &&
                (td->cols[ci].flags & NB_COL_DECIMAL))
                decimal = 1;
        instance in = {def, t, td->rows[ri].code, td->rows[ri].label, td->rows[ri].code, td->cols[at].code,
                       nb_table_cell(t, ri, at), decimal, ocr};
        check_instance(out, &in, &lhs, &rhs);
    }
}

/* each = col: in every column of the scope, sum the lhs rows against the rhs rows. */
static void check_cols(nb_findings *out, const nb_sum_def *def, const nb_table *t, int ocr)
{
    const nb_table_def *td = t->def;
    int at = nb_row_index(td, def->at);
    if (at < 0) return;
    const uint8_t *sides = nb_sum_sides(def, td);          /* per row */
    for (int ci = 0; ci < td->ncols; ci++) {
        if (def->scope && !list_matches(def->scope, td->cols[ci].code)) continue;
        if (!nb_row_has_col(td, at, ci)) continue;
        side lhs = {0}, rhs = {0};
        for (int ri = 0; ri < td->nrows; ri++)
            if (nb_row_has_col(td, ri, ci))
                place_term(def, nb_table_cell(t, ri, ci), td->rows[ri].code, sides ? sides[ri] : -1, &lhs, &rhs);
        instance in = {def, t, td->cols[ci].code, td->cols[ci].label, td->rows[at].code, td->cols[ci].code,
                       nb_table_cell(t, at, ci), (td->cols[ci].flags & NB_COL_DECIMAL) != 0, ocr};
        check_instance(out, &in, &lhs, &rhs);
    }
}

/* Every sum of the template (rule_id NULL) or of one rule. */
static void check_sums(const nb_report *r, nb_findings *out, const char *rule_id, int ocr)
{
    if (!r->tables || !r->tables->tmpl) return;
    const nb_template *tp = r->tables->tmpl;
    for (int i = 0; i < tp->nsums; i++) {
        const nb_sum_def *def = &tp->sums[i];
        if (rule_id && strcmp(def->rule, rule_id) != 0) continue;
        const nb_table *t = nb_rules_table(r, def->table);
        if (!t || !t->found || !t->cells) continue;
        if (strcmp(def->each, "row") == 0) check_rows(out, def, t, ocr);
        else check_cols(out, def, t, ocr);
    }
}

void nb_check_sums_of_rule(const nb_report *r, nb_findings *out, const char *rule_id)
{
    check_sums(r, out, rule_id, 0);
}

NB_CHECK(nb_check_extract_ocr_doubt)
{
    (void)o;
    if (r->doc->ocr_pages) check_sums(r, out, NULL, 1);
}
