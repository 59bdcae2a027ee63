/*
 * rules/xrun.h — inside the stage across reports (xrun.c): what the families (year.c, copy.c,
 * roster.c) share while they work from temporary files. Not for use outside rules/.
 *
 * Report `order` (its position among the summaries) names it everywhere; its record in the
 * records file is at order * sizeof(nb_xrec), its line in the lines file at rec.line_off. A family
 * raises findings into r->pending (strings in r->scratch) and calls nb_xrun_flush, which moves them
 * to the findings file; scratch is then free for the next group.
 */
#ifndef NB_XRUN_H
#define NB_XRUN_H

#include <glib.h>

#include "roster.h"
#include "spill.h"
#include "xreport.h"

/* What the copy rules compare, fixed-size: read back two at a time. */
typedef struct nb_xrec {
    uint64_t line_off;
    uint32_t line_len;
    uint32_t key_id;            /* the agency (roster-joined) when it and the year are known, else 0 (year.c) */
    int32_t  year, prev_year;   /* prev_year: the agency's latest year before `year`, 0 none (year.c) */
    int64_t  run;
    uint8_t  has_sketch, has_part[2];
    char     sha256[65];
    uint32_t sketch[NB_XSKETCH], part[2][NB_XSKETCH];
} nb_xrec;

/* Memory each sort may hold (spill.h): the stage's peak is a few of these, whatever the reports. */
enum { NB_XRUN_BUDGET = 2 << 20 };

struct nb_xrun {
    nb_xopts     o;
    nb_tmp       lines, recs, found_data;
    int          n;              /* summaries taken */
    uint32_t     nkeys;          /* key ids handed out (year.c) */
    nb_spill    *year;           /* (agency key hash, order) of reports with agency and year */
    nb_spill    *found;          /* (order + 1, seq, offset in found_data) */
    uint32_t     seq;
    nb_arena     scratch;
    nb_xfindings pending;
    GHashTable  *roster_seen;    /* (entry index, year) of reports of roster agencies */
    GArray      *run_years;      /* the years of this run's reports, each once */
    int          failed;
};

void nb_xrun_rec(nb_xrun *r, int order, nb_xrec *rec);
void nb_xrun_set_rec(nb_xrun *r, int order, const nb_xrec *rec);
/* The whole summary of report order again, strings in a, its key joined by the roster. */
void nb_xrun_doc(nb_xrun *r, int order, nb_arena *a, nb_xdoc *d);
/* The findings in r->pending to the findings file; pending and scratch emptied. */
void nb_xrun_flush(nb_xrun *r);

/* The families' passes. */
void nb_xroster_doc(nb_xrun *r, nb_xdoc *d);       /* as each summary comes: join, UNLISTED */
void nb_xroster_missing(nb_xrun *r);               /* at the end: MISSING */
void nb_xyear_pass(nb_xrun *r);                    /* sets key_id and prev_year, YEAR-* */
void nb_xcopy_pass(nb_xrun *r);                    /* after the year pass: COPY-* */

/* Findings in their stable order (xdoc.c). */
int  nb_xfinding_cmp(const nb_xfinding *a, const nb_xfinding *b);

#endif
