/*
 * cmd/audit.c — `nianbao audit -o DIR FILE|DIR...`: everything extract writes, plus the findings
 * of every rule of the catalog in findings.csv and findings.jsonl, waivers applied, and a short
 * summary per file on a terminal.
 */
#include <string.h>

#include "../rules/audit_opts.h"
#include "../rules/waivers.h"
#include "batch.h"

static void finding_csv(const nb_doc *d, const nb_finding *x, const char *msg, nb_buf *b)
{
    nb_csv_field(b, d->path, 1);
    nb_csv_field(b, d->sha256, 0);
    nb_csv_field(b, x->rule->id, 0);
    nb_csv_field(b, nb_severity_name(x->rule->severity), 0);
    nb_csv_field(b, x->table, 0);
    nb_csv_field(b, x->row, 0);
    nb_csv_field(b, x->col, 0);
    if (x->page) nb_csv_int(b, x->page, 0);
    else nb_csv_field(b, NULL, 0);
    nb_csv_field(b, x->expected, 0);
    nb_csv_field(b, x->actual, 0);
    nb_csv_field(b, msg, 0);
    nb_csv_field(b, x->waived, 0);
    nb_csv_end(b);
}

static void json_pair(nb_buf *b, const char *key, const char *value, int first)
{
    if (!first) nb_buf_puts(b, ",");
    nb_json_string(b, key);
    nb_buf_puts(b, ":");
    nb_json_string(b, value ? value : "");
}

/* One finding as a JSON object on one line, with the message's named arguments. */
static void finding_json(const nb_doc *d, const nb_finding *x, const char *msg, int en, nb_buf *b)
{
    nb_buf_puts(b, "{");
    json_pair(b, "file", d->path, 1);
    json_pair(b, "sha256", d->sha256, 0);
    json_pair(b, "rule", x->rule->id, 0);
    json_pair(b, "severity", nb_severity_name(x->rule->severity), 0);
    json_pair(b, "table", x->table, 0);
    json_pair(b, "row", x->row, 0);
    json_pair(b, "col", x->col, 0);
    nb_buf_printf(b, ",\"page\":%u", x->page);
    json_pair(b, "expected", x->expected, 0);
    json_pair(b, "actual", x->actual, 0);
    json_pair(b, "message", msg, 0);
    if (x->waived) json_pair(b, "waived", x->waived, 0);
    else nb_buf_puts(b, ",\"waived\":null");
    nb_buf_puts(b, ",\"args\":{");
    int first = 1;
    for (int i = 0; i < x->nargs; i++) {
        /* arguments given in both languages appear once, in the chosen one */
        const char *name = x->arg_name[i];
        int dup = 0;
        for (int k = 0; k < i && !dup; k++) dup = strcmp(x->arg_name[k], name) == 0;
        if (dup) continue;
        json_pair(b, name, nb_finding_get(x, name, en), first);
        first = 0;
    }
    nb_buf_puts(b, "}}\n");
}

/* The terminal summary: one line per file, then its errors and warnings (at most a dozen). */
static void summary(const nb_run *run, const nb_report *r, const nb_findings *f, nb_result *res)
{
    nb_doc *d = r->doc;
    nb_buf *s = &res->summary;
    nb_buf_printf(s, "%s  %s %d: ", d->path, r->id.agency ? r->id.agency : "?", r->id.year);
    if (run->en) nb_buf_printf(s, "%d errors, %d warnings, %d info\n", res->counts[2], res->counts[1], res->counts[0]);
    else nb_buf_printf(s, "错误 %d，警告 %d，提示 %d\n", res->counts[2], res->counts[1], res->counts[0]);
    int shown = 0;
    for (int i = 0; i < f->n && shown < 12; i++) {
        const nb_finding *x = &f->v[i];
        if (x->rule->severity == NB_SEV_INFO || x->waived) continue;
        nb_buf_printf(s, "  %-7s %-22s %s\n", nb_severity_name(x->rule->severity), x->rule->id,
                      nb_finding_message(&d->arena, x, run->en));
        shown++;
    }
}

static void audit_step(const nb_run *run, const nb_report *r, nb_result *res)
{
    nb_doc *d = r->doc;
    nb_findings f;
    nb_findings_init(&f, &d->arena);
    nb_audit(r, &f, &run->aopts);
    if (run->waivers) nb_waivers_apply(run->waivers, d->sha256, r->id.agency, r->id.year, &f, &run->aopts);
    for (int i = 0; i < f.n; i++) {
        const nb_finding *x = &f.v[i];
        const char *msg = nb_finding_message(&d->arena, x, run->en);
        finding_csv(d, x, msg, &res->out[NB_OUT_FINDINGS]);
        finding_json(d, x, msg, run->en, &res->out[NB_OUT_JSONL]);
        if (x->waived) continue;
        int sev = (int)x->rule->severity;
        res->counts[sev]++;
        if (sev > res->worst) res->worst = sev;
    }
    summary(run, r, &f, res);
    nb_findings_free(&f);
}

int cmd_audit(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    nb_run run = {0};
    run.en = o->en;
    run.audit = audit_step;
    const char *err = NULL;
    if (nb_audit_opts_init(&run.aopts, o->today, o->deadline, o->deadlines_file, o->en, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        nb_audit_opts_free(&run.aopts);
        return NB_EXIT_TROUBLE;
    }
    nb_waivers w;
    int have_waivers = 0;
    if (o->waivers) {
        if (nb_waivers_load(o->waivers, &w, o->en, &err) != 0) {
            fprintf(stderr, "nianbao: %s\n", err);
            nb_waivers_free(&w);
            nb_audit_opts_free(&run.aopts);
            return NB_EXIT_TROUBLE;
        }
        have_waivers = 1;
        run.waivers = (const struct nb_waivers *)&w;
    }
    int rc = nb_batch(o, &run);
    if (have_waivers) nb_waivers_free(&w);
    nb_audit_opts_free(&run.aopts);
    return rc;
}
