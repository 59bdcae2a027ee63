/*
 * rules/missing.c — the MISSING- family: parts of the report the format requires and the report
 * lacks: a section, a template table, a row of one, a cell printed empty, a blank total next to
 * numbers, and the identity every report carries (title, agency, year, the date it was signed).
 *
 * Absence is judged against the template the report was detected as, and only where something is
 * there to judge: no table findings for a pre-2019 report (it has no template), no row findings
 * when a whole table is missing (MISSING-TABLE says it once), none for rows a collapsed
 * （六）其他处理 line replaces, and none for optional rows unless the report prints their group
 * without them. A blank total is judged along its row (the total column): a blank in the (七)
 * row is already a sum that fails and an empty cell.
 */
#include <string.h>

#include "checks.h"

/* ---- sections ---- */

static const char *const section_names_en[NB_NSECTIONS] = {
    "General situation", "Information disclosed proactively", "Requests received and processed",
    "Administrative reconsideration and litigation", "Main problems and improvements",
    "Other matters to report",
};

NB_CHECK(nb_check_missing_section)
{
    (void)o;
    /* the six parts are those of the 2019 format notice; a pre-2019 report is not held to them */
    if (r->doc->status == NB_STATUS_PRE2019) return;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (r->sec[k].found) continue;
        char n[4];
        n[0] = (char)('1' + k);
        n[1] = '\0';
        nb_finding *x = nb_add_finding(out, "MISSING-SECTION", "section", n, "", 0, "", "");
        nb_finding_arg(out, x, "n", n);
        nb_finding_arg_tr(out, x, "name", nb_section_name(k), section_names_en[k]);
    }
}

/* ---- tables, rows, cells ---- */

static const char *const table_titles_en[] = {"", "", "information disclosed proactively",
                                              "requests received and processed",
                                              "administrative reconsideration and litigation"};

NB_CHECK(nb_check_missing_table)
{
    (void)o;
    if (!r->tables || !r->tables->tmpl) return;
    const nb_template *tp = r->tables->tmpl;
    for (int i = 0; i < tp->ntables; i++) {
        const nb_table_def *def = &tp->tables[i];
        const nb_table *t = nb_rules_table(r, def->code);
        if (t && t->found) continue;
        nb_finding *x = nb_add_finding(out, "MISSING-TABLE", def->code, "", "", 0, "", "");
        nb_rules_cell_args(out, x, def, -1, -1);
        int s = def->section;
        nb_finding_arg_tr(out, x, "title", def->title, s >= 2 && s <= 4 ? table_titles_en[s] : def->title);
        nb_finding_arg(out, x, "version", tp->version);
    }
}

/* Is row ri replaced by a row found above it: the collapsed heading "other" standing for
 * "other.no_correction", "other.no_fee" and "other.other"? */
static int replaced_by_found_heading(const nb_table *t, int ri)
{
    const char *code = t->def->rows[ri].code;
    const char *dot = strrchr(code, '.');
    if (!dot) return 0;
    for (int k = 0; k < t->def->nrows; k++) {
        const char *h = t->def->rows[k].code;
        if (k != ri && strlen(h) == (size_t)(dot - code) && strncmp(h, code, (size_t)(dot - code)) == 0 &&
            t->row_found && t->row_found[k])
            return 1;
    }
    return 0;
}

/* An optional sub-row ("other.no_fee") is missing all the same when a sibling of it was found and
 * the heading standing for all of them was not: the report prints the group, less this row. */
static int missing_from_its_group(const nb_table *t, int ri)
{
    const char *code = t->def->rows[ri].code, *dot = strrchr(code, '.');
    if (!dot) return 0;
    size_t n = (size_t)(dot - code) + 1;                 /* "other." */
    for (int k = 0; k < t->def->nrows; k++)
        if (k != ri && t->row_found[k] && strncmp(t->def->rows[k].code, code, n) == 0) return 1;
    return 0;
}

NB_CHECK(nb_check_missing_row)
{
    (void)o;
    if (!r->tables || !r->tables->tmpl) return;
    for (int i = 0; i < r->tables->ntables && i < NB_MAX_TABLES; i++) {
        const nb_table *t = &r->tables->t[i];
        if (!t->def || !t->found || !t->row_found) continue;
        for (int ri = 0; ri < t->def->nrows; ri++) {
            if (t->row_found[ri] || replaced_by_found_heading(t, ri)) continue;
            if ((t->def->rows[ri].flags & NB_ROW_OPTIONAL) && !missing_from_its_group(t, ri)) continue;
            nb_finding *x = nb_add_finding(out, "MISSING-ROW", t->def->code, t->def->rows[ri].code, "",
                                           nb_rules_table_page(t), "", "");
            nb_rules_cell_args(out, x, t->def, ri, -1);
        }
    }
}

/* Every cell of every found table, row-major, in template order. */
typedef void (*cell_visit)(const nb_table *t, int ri, int ci, const nb_cell *c, nb_findings *out);

static void for_each_cell(const nb_report *r, nb_findings *out, cell_visit visit)
{
    if (!r->tables) return;
    for (int i = 0; i < r->tables->ntables && i < NB_MAX_TABLES; i++) {
        const nb_table *t = &r->tables->t[i];
        if (!t->def || !t->found || !t->cells) continue;
        for (int ri = 0; ri < t->def->nrows; ri++)
            for (int ci = 0; ci < t->def->ncols; ci++)
                if (nb_row_has_col(t->def, ri, ci)) visit(t, ri, ci, nb_table_cell(t, ri, ci), out);
    }
}

static void visit_empty_cell(const nb_table *t, int ri, int ci, const nb_cell *c, nb_findings *out)
{
    /* '—', '/', '-', '无' are a deliberate "none"; only a cell with nothing printed is missing */
    if (c->kind != NB_CELL_BLANK || (c->raw && c->raw[0])) return;
    nb_finding *x = nb_add_finding(out, "MISSING-CELL", t->def->code, t->def->rows[ri].code,
                                   t->def->cols[ci].code, c->page, "", "");
    nb_rules_cell_args(out, x, t->def, ri, ci);
}

NB_CHECK(nb_check_missing_cell)
{
    (void)o;
    for_each_cell(r, out, visit_empty_cell);
}

static const char *append_nonzero(nb_arena *a, const char *list, const nb_cell *c, const char *code)
{
    if (!nb_cell_sure_number(c) || c->mant == 0) return list;
    return nb_sprintf(a, "%s%s%s=%s", list ? list : "", list ? ", " : "", code, c->value);
}

/* The non-zero numbers in the row of a blank total, as "natural=3, ngo=1", or NULL when none. */
static const char *nonzero_in_row(nb_arena *a, const nb_table *t, int ri, int ci)
{
    const nb_table_def *td = t->def;
    const char *list = NULL;
    for (int k = 0; k < td->ncols; k++)
        if (k != ci && nb_row_has_col(td, ri, k) && !(td->cols[k].flags & NB_COL_TOTAL))
            list = append_nonzero(a, list, nb_table_cell(t, ri, k), td->cols[k].code);
    return list;
}

static void visit_blank_total(const nb_table *t, int ri, int ci, const nb_cell *c, nb_findings *out)
{
    const nb_table_def *td = t->def;
    if (c->kind != NB_CELL_BLANK || !(td->cols[ci].flags & NB_COL_TOTAL)) return;
    const char *beside = nonzero_in_row(out->arena, t, ri, ci);
    if (!beside) return;
    nb_finding *x = nb_add_finding(out, "MISSING-TOTAL", td->code, td->rows[ri].code, td->cols[ci].code,
                                   c->page, "", c->raw ? c->raw : "");
    nb_rules_cell_args(out, x, td, ri, ci);
    nb_finding_arg(out, x, "raw", c->raw ? c->raw : "");
    nb_finding_arg(out, x, "nonzero", beside);
}

NB_CHECK(nb_check_missing_total)
{
    (void)o;
    for_each_cell(r, out, visit_blank_total);
}

/* ---- identity ---- */

NB_CHECK(nb_check_missing_title)
{
    (void)o;
    if (!r->id.title) nb_add_finding(out, "MISSING-TITLE", "", "", "", 0, "", "");
}

NB_CHECK(nb_check_missing_agency)
{
    (void)o;
    if (!r->id.agency || !*r->id.agency) nb_add_finding(out, "MISSING-AGENCY", "", "", "", 0, "", "");
}

NB_CHECK(nb_check_missing_year)
{
    (void)o;
    if (!r->id.year) nb_add_finding(out, "MISSING-YEAR", "", "", "", 0, "", "");
}

/* Without a signature the deadline rules judge a publication date the source states: then the
 * missing signature is worth knowing (info), not a fault that leaves lateness unjudged. */
NB_CHECK(nb_check_missing_signature_date)
{
    (void)o;
    if (r->id.signed_on.found) return;
    const nb_date *pub = nb_rules_stand_in(r);
    nb_finding *x = nb_add_finding(out, "MISSING-SIGNATURE-DATE", "", "", "", 0, "",
                                   pub ? nb_rules_date_text(out->arena, pub->y, pub->m, pub->d) : "");
    if (!pub) {
        nb_finding_arg_tr(out, x, "instead", "", "");
        return;
    }
    x->severity = NB_SEV_INFO;
    const char *date = nb_rules_date_text(out->arena, pub->y, pub->m, pub->d);
    nb_finding_arg_tr(out, x, "instead",
                      nb_sprintf(out->arena, "期限按%s %s 判断。", nb_rules_published_from(r, 0), date),
                      nb_sprintf(out->arena, " The deadline is judged by %s, %s.", nb_rules_published_from(r, 1), date));
}
