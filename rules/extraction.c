/*
 * rules/extraction.c — the EXTRACT- family: nianbao's own doubt about what it read, never a fault of
 * the agency. A cell read with doubt, a document that could not be read or has no text, a template
 * not recognised, a table printed twice, bytes that could not be decoded. Kept apart from the audit
 * families (nb_rule_is_extraction) so that no one reads "we could not read this" as "the report is
 * wrong", and so that a doubtful cell silences the sums over it instead of raising them.
 */
#include <string.h>

#include "checks.h"

NB_CHECK(nb_check_extract_uncertain)
{
    (void)o;
    if (!r->tables) return;
    for (int i = 0; i < r->tables->ntables && i < NB_MAX_TABLES; i++) {
        const nb_table *t = &r->tables->t[i];
        if (!t->def || !t->cells) continue;
        for (int ri = 0; ri < t->def->nrows; ri++)
            for (int ci = 0; ci < t->def->ncols; ci++) {
                const nb_cell *c = nb_table_cell(t, ri, ci);
                /* an absent cell is not doubtful, merely not there: only cells read carry a reason */
                if (c->certain || (c->kind == NB_CELL_ABSENT && !c->why)) continue;
                nb_finding *x = nb_add_finding(out, "EXTRACT-UNCERTAIN", t->def->code, t->def->rows[ri].code,
                                               t->def->cols[ci].code, c->page, "", c->raw ? c->raw : "");
                nb_rules_cell_args(out, x, t->def, ri, ci);
                nb_finding_arg(out, x, "why", c->why ? c->why : "unknown");
                nb_finding_arg(out, x, "raw", c->raw ? c->raw : "");
            }
    }
}

NB_CHECK(nb_check_extract_version)
{
    (void)o;
    int unknown = r->doc->status == NB_STATUS_NOT_TEMPLATE ||
                  (r->tables && !r->tables->tmpl && r->tables->version && !strcmp(r->tables->version, "unknown"));
    if (!unknown) return;
    nb_finding *x = nb_add_finding(out, "EXTRACT-VERSION", "", "", "", 0, "", "");
    nb_finding_arg(out, x, "version", r->tables && r->tables->version ? r->tables->version : "unknown");
}

NB_CHECK(nb_check_extract_no_text)
{
    (void)o;
    if (r->doc->status != NB_STATUS_NO_TEXT_LAYER) return;
    nb_finding *x = nb_add_finding(out, "EXTRACT-NO-TEXT", "", "", "", 0, "", "");
    nb_finding_arg(out, x, "pages", nb_sprintf(out->arena, "%u", r->doc->npages));
}

NB_CHECK(nb_check_extract_pre2019)
{
    (void)o;
    int pre = r->doc->status == NB_STATUS_PRE2019 ||
              (r->tables && r->tables->version && !strcmp(r->tables->version, "pre2019"));
    if (!pre) return;
    nb_finding *x = nb_add_finding(out, "EXTRACT-PRE2019", "", "", "", 0, "", "");
    nb_finding_arg(out, x, "year", r->id.year ? nb_sprintf(out->arena, "%d", r->id.year) : "?");
}

NB_CHECK(nb_check_extract_not_report)
{
    (void)o;
    if (r->doc->status != NB_STATUS_NOT_REPORT) return;
    nb_add_finding(out, "EXTRACT-NOT-REPORT", "", "", "", 0, "", "");
}

NB_CHECK(nb_check_extract_duplicate)
{
    (void)o;
    if (!r->tables) return;
    for (int i = 0; i < r->tables->ntables && i < NB_MAX_TABLES; i++) {
        const nb_table *t = &r->tables->t[i];
        if (!t->def || t->copies <= 1) continue;
        nb_finding *x = nb_add_finding(out, "EXTRACT-DUPLICATE", t->def->code, "", "", nb_rules_table_page(t), "",
                                       nb_sprintf(out->arena, "%d", t->copies));
        nb_rules_cell_args(out, x, t->def, -1, -1);
        nb_finding_arg(out, x, "copies", nb_sprintf(out->arena, "%d", t->copies));
    }
}

NB_CHECK(nb_check_extract_encoding)
{
    (void)o;
    if (!r->doc->invalid_bytes) return;
    nb_finding *x = nb_add_finding(out, "EXTRACT-ENCODING", "", "", "", 0, "",
                                   nb_sprintf(out->arena, "%u", r->doc->invalid_bytes));
    nb_finding_arg(out, x, "count", nb_sprintf(out->arena, "%u", r->doc->invalid_bytes));
    nb_finding_arg(out, x, "encoding", r->doc->meta.encoding ? r->doc->meta.encoding : "?");
}

NB_CHECK(nb_check_extract_unreadable)
{
    (void)o;
    const nb_doc *d = r->doc;
    if (d->status != NB_STATUS_ERROR) return;
    const char *detail = d->detail && *d->detail ? d->detail : NULL;
    nb_arena *a = out->arena;
    const char *zh = nb_error_message(d->err, "zh"), *en = nb_error_message(d->err, "en");
    nb_finding *x = nb_add_finding(out, "EXTRACT-UNREADABLE", "", "", "", 0, "", nb_error_code(d->err));
    nb_finding_arg_tr(out, x, "message", detail ? nb_sprintf(a, "%s（%s）", zh, detail) : zh,
                      detail ? nb_sprintf(a, "%s (%s)", en, detail) : en);
    nb_finding_arg(out, x, "code", nb_error_code(d->err));
}
