/*
 * rules/waivers.h — accepted findings (--waivers FILE): a finding someone has looked at and accepted
 * stays in the output, marked with the reason, and no longer counts towards --fail-on.
 *
 * The file is CSV with the header rule,target,cell,reason,expires:
 *   rule     a rule ID (SUM-T4-ROW), or a family prefix ending in '*' (MISSING-*)
 *   target   the file's sha256, or agency+year (招远市工业和信息化局+2023)
 *   cell     table.row.col (t4.review.total; section.4 for a section), empty for every finding of
 *            the rule on that target
 *   reason   why it is accepted; copied into nb_finding.waived
 *   expires  YYYY-MM-DD, the last day it applies; empty: never expires
 */
#ifndef NB_WAIVERS_H
#define NB_WAIVERS_H

#include "finding.h"

typedef struct nb_waiver {
    const char *rule, *target, *cell, *reason;
    long        expires;       /* YYYYMMDD, 0 for never */
    int         line;          /* in the file, for messages */
} nb_waiver;

typedef struct nb_waivers {
    nb_waiver *v;
    int        n;
    nb_arena   arena;          /* everything read */
} nb_waivers;

/* Read a waivers file. Returns 0, or -1 with *err (a message in Chinese, or English when en) naming
 * the file and line. w is initialised in every case: free it with nb_waivers_free. */
int nb_waivers_load(const char *path, nb_waivers *w, int en, const char **err);
void nb_waivers_free(nb_waivers *w);

/* Mark the findings of one document that a waiver in force covers (o gives today). Returns how many
 * were marked. */
int nb_waivers_apply(const nb_waivers *w, const char *sha256, const char *agency, int year,
                     nb_findings *f, const nb_audit_opts *o);

/* The reason of the first waiver in force today (o) that covers finding x of the document (sha256,
 * agency, year), or NULL. The expiry of each waiver that covers x is asked through nb_today_after,
 * narrowing window's days (the document's findings; NULL for the findings across reports, which
 * use it with the report the finding is on — ROSTER-MISSING: the roster's agency and the year
 * missing, as agency+year). */
const char *nb_waiver_match(const nb_waivers *w, const char *sha256, const char *agency, int year, const nb_finding *x,
                            const nb_audit_opts *o, nb_findings *window);

#endif
