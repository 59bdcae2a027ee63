/*
 * rules/metrics.h — the indicators researchers compare reports by (metrics.csv, one row per
 * report): each defined once, in the table of metrics.c, with its formula (docs/RULES.md says the
 * same in words). A ratio whose denominator is 0 (or whose cells were not read) has no value.
 */
#ifndef NB_METRICS_H
#define NB_METRICS_H

#include "../parser/report.h"
#include "finding.h"

typedef struct nb_metric {
    const char *name;           /* the metrics.csv column */
    const char *formula;        /* in cell codes (FORMAT.md) */
    const char *desc;           /* for datapackage.json */
    int         integer;        /* a count (else a ratio with 4 decimals) */
} nb_metric;

extern const nb_metric nb_metrics[];
extern const int nb_nmetrics;

/* Compute every metric of a report: have[i] 0 when metric i has no value. */
void nb_metrics_compute(const nb_report *r, const nb_audit_opts *o, double *value, int *have);

#endif
