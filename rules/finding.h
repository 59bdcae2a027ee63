/*
 * rules/finding.h — findings and the rule catalog's types.
 *
 * A rule has a stable ID (prefixed by its family: SUM-, MISSING-, DATE-, PROSE-, EXTRACT-), a
 * severity, a title, message templates in Chinese and English with {named} placeholders, a
 * description, an example, and the function that checks a report. A finding names its rule, where
 * it points (table, row, column codes, or "section" and the section number), the page, the
 * expected and actual values, and the named arguments that fill the message template. Messages are
 * rendered at output time in the language the user chose.
 *
 * Extraction-quality findings (EXTRACT-…) are about nianbao's own doubt, not the agency's error;
 * they form their own family so that no one mistakes one for the other.
 */
#ifndef NB_FINDING_H
#define NB_FINDING_H

#include <stdint.h>

#include "../parser/arena.h"
#include "../parser/table.h"

typedef enum nb_severity { NB_SEV_INFO = 0, NB_SEV_WARNING = 1, NB_SEV_ERROR = 2 } nb_severity;

struct nb_findings;
struct nb_audit_opts;

typedef struct nb_rule {
    const char *id;            /* stable, never reused: SUM-T3-ROW */
    nb_severity severity;
    const char *title_zh, *title_en;
    const char *msg_zh, *msg_en;       /* templates: "{reported}", "{computed}", "{cells}" … */
    const char *desc_zh, *desc_en;     /* what the rule checks and why (nianbao explain) */
    const char *example;               /* a short example of a report where it fires */
    /* Check one report, appending findings. NULL for rules raised elsewhere (the generic sum check
     * raises every SUM- rule from the template's declarations). */
    void (*check)(const nb_report *r, struct nb_findings *out, const struct nb_audit_opts *o);
} nb_rule;

/* Room for the arguments of the wordiest message: the sums' six, some in two languages. */
enum { NB_MAX_ARGS = 16 };

typedef struct nb_finding {
    const nb_rule *rule;
    nb_severity    severity;           /* the rule's, unless the check lowered it for this finding
                                        * (MISSING-SIGNATURE-DATE with a publication date to judge by) */
    const char *table, *row, *col;     /* codes, "" where not applicable; sections: "section", "N" */
    uint32_t    page;                  /* 0 unknown */
    const char *expected, *actual;     /* "" where not applicable */
    const char *arg_name[NB_MAX_ARGS], *arg_value[NB_MAX_ARGS];
    int         nargs;
    const char *waived;                /* the waiver's reason when a waiver applies, else NULL */
} nb_finding;

struct nb_prose;

/* The ends of time for a window of days (nb_findings.today_from/until): before and after any date. */
#define NB_DAY_FIRST (-1000000000L)
#define NB_DAY_LAST  1000000000L

typedef struct nb_findings {
    nb_arena   *arena;                 /* the document's: findings live and die with it */
    nb_finding *v;
    int         n, cap;
    /* the report's narrative (rules/checks.h), built by the first rule of a run that reads it and
     * shared by the others of that run; nb_run_rules clears it */
    const struct nb_prose *prose;
    /* the days (nb_day_number) 'today' can be with these findings staying byte for byte what they
     * are: [today_from, today_until). Every question a rule asks about today (nb_today_before,
     * nb_today_after, nb_today_text in audit_opts.h) narrows it, so --state reuses a kept result on
     * any day inside it (issue 15) and on no other */
    long today_from, today_until;
} nb_findings;

/* Options the date rules and the waivers need. */
typedef struct nb_audit_opts {
    /* "now" (--today, or the clock). A per-document rule never reads these: it asks through
     * nb_today_before/after/text (audit_opts.h), which record the days its verdict holds over */
    int today_y, today_m, today_d;
    int deadline_m, deadline_d;        /* --deadline: one deadline for all (0: the legal ones) */
    /* per-agency deadline overrides (--deadlines FILE): agency name → month/day */
    const char *const *override_agency;
    const int *override_m, *override_d;
    int noverrides;
    const struct nb_roster *roster;    /* --roster: an agency's kind and deadline (roster.h), or NULL */
    void *owned;                       /* what nb_audit_opts_init allocated (audit_opts.h) */
} nb_audit_opts;

void nb_findings_init(nb_findings *f, nb_arena *a);
void nb_findings_free(nb_findings *f);

/* Append a finding for rule id (which must be in the catalog) and return it for the caller to fill
 * with nb_finding_arg. table/row/col may be NULL (stored as ""). */
nb_finding *nb_add_finding(nb_findings *f, const char *rule_id, const char *table, const char *row,
                           const char *col, uint32_t page, const char *expected, const char *actual);

/* Attach a named argument for the message template (copied into the arena). Attaching a name
 * again replaces its value. */
void nb_finding_arg(nb_findings *f, nb_finding *x, const char *name, const char *value);

/* An argument whose words depend on the language ("落款日期" / "signature date"): stored as
 * name@zh and name@en; {name} in a template picks the one of the language rendered. */
void nb_finding_arg_tr(nb_findings *f, nb_finding *x, const char *name, const char *zh,
                       const char *en);

/* The value of a named argument as {name} would render it in that language, or NULL. */
const char *nb_finding_get(const nb_finding *x, const char *name, int en);

/* Render a finding's message in Chinese (en = 0) or English (en = 1) into the arena. Placeholders
 * are the finding's arguments and its fields {table} {row} {col} {page} {expected} {actual}; a
 * placeholder with no value is left as written, so that a missing argument shows. */
const char *nb_finding_message(nb_arena *a, const nb_finding *x, int en);

/* Render any template with a finding's arguments (nianbao explain shows templates unrendered). */
const char *nb_render_template(nb_arena *a, const char *tmpl, const nb_finding *x, int en);

const char *nb_severity_name(nb_severity s);

/* The catalog (catalog.c): every rule, in a stable order. */
extern const nb_rule nb_rules[];
extern const int nb_nrules;
const nb_rule *nb_rule_find(const char *id);

/* Extraction-quality rules (EXTRACT-…) report nianbao's own doubt; every other family reports the
 * agency's report. The two are run, written and counted apart. */
int nb_rule_is_extraction(const nb_rule *rule);

/* The rules across reports (YEAR-, COPY-, ROSTER-) are raised once every document of a run is read
 * (rules/xreport.h), never by nb_run_rules. */
int nb_rule_is_cross_report(const nb_rule *rule);

/* Which families to run. */
enum { NB_RULES_AUDIT = 1u << 0, NB_RULES_EXTRACT = 1u << 1, NB_RULES_ALL = 3u };

/* Run the rules of the chosen families over a report (its tables read, or r->tables NULL), in
 * catalog order; a rule raises its findings in the order of the template's tables, rows and
 * columns, so the order is stable from run to run. o may be NULL: the clock's today and the legal
 * deadlines. An unreadable document (status error) gets EXTRACT-UNREADABLE and nothing else; a
 * document without a text layer, EXTRACT-NO-TEXT and nothing else. */
void nb_run_rules(const nb_report *r, nb_findings *out, const nb_audit_opts *o, unsigned families);

/* Run every rule over a report: nb_run_rules(r, out, o, NB_RULES_ALL). */
void nb_audit(const nb_report *r, nb_findings *out, const nb_audit_opts *o);

#endif
