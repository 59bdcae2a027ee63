/*
 * cmd/audit.c — `nianbao audit -o DIR FILE|DIR...`: everything extract writes, plus the findings
 * of every rule of the catalog in findings.csv and findings.jsonl, waivers applied, and a short
 * summary per file on a terminal.
 */
#include <string.h>

#include "../rules/audit_opts.h"
#include "../rules/roster.h"
#include "../rules/waivers.h"
#include "batch.h"

/* The fields that are the same on every finding of a document (file, sha256) are formatted once
 * per document, for both files: with some twenty findings a report, writing them was a quarter
 * of the cost of the findings' rows. */
typedef struct doc_keys {
    nb_buf csv;                  /* file,sha256 */
    nb_buf json;                 /* {"file":…,"sha256":… */
} doc_keys;

static void doc_keys_init(doc_keys *k, const char *file, const char *sha256)
{
    memset(k, 0, sizeof *k);
    nb_csv_field(&k->csv, file, 1);
    nb_csv_field(&k->csv, sha256, 0);
    nb_buf_puts(&k->json, "{\"file\":");
    nb_json_string(&k->json, file);
    nb_buf_puts(&k->json, ",\"sha256\":");
    nb_json_string(&k->json, sha256);
}

static void doc_keys_free(doc_keys *k)
{
    nb_buf_free(&k->csv);
    nb_buf_free(&k->json);
}

static void finding_csv(const doc_keys *k, const nb_finding *x, const char *msg, nb_buf *b)
{
    nb_buf_put(b, k->csv.p, k->csv.len);
    nb_csv_field(b, x->rule->id, 0);
    nb_csv_field(b, nb_severity_name(x->severity), 0);
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

/* A member whose key is a constant: its quoted form, separator included, is written as is. */
static void json_member(nb_buf *b, const char *quoted_key, const char *value)
{
    nb_buf_puts(b, quoted_key);
    nb_json_string(b, value ? value : "");
}

/* One finding as a JSON object on one line, with the message's named arguments. */
static void finding_json(const doc_keys *k, const nb_finding *x, const char *msg, int en, nb_buf *b)
{
    nb_buf_put(b, k->json.p, k->json.len);
    json_member(b, ",\"rule\":", x->rule->id);
    json_member(b, ",\"severity\":", nb_severity_name(x->severity));
    json_member(b, ",\"table\":", x->table);
    json_member(b, ",\"row\":", x->row);
    json_member(b, ",\"col\":", x->col);
    nb_buf_puts(b, ",\"page\":");
    nb_csv_int(b, x->page, 1);
    json_member(b, ",\"expected\":", x->expected);
    json_member(b, ",\"actual\":", x->actual);
    json_member(b, ",\"message\":", msg);
    if (x->waived) json_member(b, ",\"waived\":", x->waived);
    else nb_buf_puts(b, ",\"waived\":null");
    nb_buf_puts(b, ",\"args\":{");
    int first = 1;
    for (int i = 0; i < x->nargs; i++) {
        /* arguments given in both languages appear once, in the chosen one */
        const char *name = x->arg_name[i];
        int dup = 0;
        for (int j = 0; j < i && !dup; j++) dup = strcmp(x->arg_name[j], name) == 0;
        if (dup) continue;
        json_pair(b, name, nb_finding_get(x, name, en), first);
        first = 0;
    }
    nb_buf_puts(b, "}}\n");
}

void nb_finding_rows(const char *file, const char *sha256, const nb_finding *x, const char *msg, int en, nb_buf *csv,
                     nb_buf *json)
{
    doc_keys k;
    doc_keys_init(&k, file, sha256);
    finding_csv(&k, x, msg, csv);
    finding_json(&k, x, msg, en, json);
    doc_keys_free(&k);
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
        if (x->severity == NB_SEV_INFO || x->waived) continue;
        nb_buf_printf(s, "  %-7s %-22s %s\n", nb_severity_name(x->severity), x->rule->id,
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
    doc_keys k;
    doc_keys_init(&k, d->path, d->sha256);
    for (int i = 0; i < f.n; i++) {
        const nb_finding *x = &f.v[i];
        const char *msg = nb_finding_message(&d->arena, x, run->en);
        finding_csv(&k, x, msg, &res->out[NB_OUT_FINDINGS]);
        finding_json(&k, x, msg, run->en, &res->out[NB_OUT_JSONL]);
        if (x->waived) continue;
        int sev = (int)x->severity;
        res->counts[sev]++;
        if (sev > res->worst) res->worst = sev;
    }
    doc_keys_free(&k);
    summary(run, r, &f, res);
    /* the days these rows hold over, as the rules found by asking about today (--state reuses them) */
    res->today_from = f.today_from;
    res->today_until = f.today_until;
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
    /* one way out: each part loaded is freed once, whichever step failed (a failed load is freed too:
     * it may hold what it read before the error) */
    int rc = NB_EXIT_TROUBLE;
    nb_roster roster;
    nb_waivers w;
    int have_roster = 0, have_waivers = 0, loaded = 0;
    if (o->roster) {
        have_roster = 1;
        if (nb_roster_load(o->roster, &roster, o->en, &err) != 0) goto failed;
        run.aopts.roster = &roster;
    }
    if (o->waivers) {
        have_waivers = 1;
        if (nb_waivers_load(o->waivers, &w, o->en, &err) != 0) goto failed;
        run.waivers = (const struct nb_waivers *)&w;
    }
    rc = nb_batch(o, &run);
    loaded = 1;
failed:
    if (!loaded) fprintf(stderr, "nianbao: %s\n", err);
    if (have_waivers) nb_waivers_free(&w);
    if (have_roster) nb_roster_free(&roster);
    nb_audit_opts_free(&run.aopts);
    if (!loaded) return rc;
    /* the page is made from the outputs just written: the same page `nianbao report` makes */
    if (o->html && o->out_dir && nb_write_html_report(o, o->out_dir) != NB_EXIT_OK) rc = NB_EXIT_TROUBLE;
    return rc;
}
