/*
 * report/state.h — what the page needs from the run's history (--state), behind one small
 * interface, so that the page does not depend on how the store keeps it.
 *
 * The store (store/, issue 15) knows the earlier runs: which findings are new since the last one
 * and which were resolved, which reports a roster expected and did not get, and an agency's
 * figures across years. nb_state_view is that, as plain arrays the HTML writer draws; the
 * provider (state.c) fills it from the store. Until the store is in the build, asking for it is a
 * clear error, and the page is made without it.
 */
#ifndef NB_REPORT_STATE_H
#define NB_REPORT_STATE_H

#include "load.h"

/* A finding of the previous run that this run no longer has (resolved), or a new one. */
typedef struct nb_state_finding {
    const char *agency, *sha256, *rule, *cell, *message;
    int         year;
    int         finding;        /* new ones: index in nb_rundata.findings; resolved: -1 */
} nb_state_finding;

/* A report the roster expected for a year and no run has seen. */
typedef struct nb_state_missing {
    const char *agency;
    int         year;
    const char *deadline;       /* YYYY-MM-DD */
} nb_state_missing;

/* One figure of one agency's report for one year (applications received, granted, reviews …). */
typedef struct nb_state_point {
    const char *agency, *series;    /* series: a cell code, "t3.new.total" */
    int         year;
    double      value;
} nb_state_point;

typedef struct nb_state_view {
    const char       *previous_run;     /* how the last run is named (its date), NULL: no earlier run */
    nb_state_finding *added, *resolved;
    int               nadded, nresolved;
    nb_state_missing *missing;
    int               nmissing;
    nb_state_point   *history;
    int               nhistory;
} nb_state_view;

/* Fill v from the state at path for this run (in run's arena). Returns 0, or -1 with *err in the
 * language asked for. v is zeroed in either case. */
int nb_state_view_load(const char *path, const nb_rundata *run, int en, nb_state_view *v, const char **err);

#endif
