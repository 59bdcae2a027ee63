/*
 * rules/xreport.h — the rules across reports (year to year, copies, the roster) and the compact
 * summary of a report they work on.
 *
 * The per-document pipeline frees each document's model once its rows are written; what the
 * per-run stage needs of it is nb_xdoc: identity, the few cells compared across years, a MinHash
 * sketch of its narrative and a hash of its content. A summary is one line of text (written by the
 * worker, read by the parent, kept in the state), so it crosses process boundaries and runs
 * unchanged. The families (year.c, copy.c, roster.c) take an array of summaries and append
 * nb_xfinding's; the rules' texts are in the one catalog (catalog.c) like every other rule.
 */
#ifndef NB_XREPORT_H
#define NB_XREPORT_H

#include <stdint.h>

#include "../parser/arena.h"
#include "../parser/report.h"
#include "finding.h"

enum { NB_XSKETCH = 64 };          /* MinHash values per report (copy.c: 16 bands of 4) */

/* The cells compared across years, by position in nb_xdoc.num. t3 columns in FORMAT.md order. */
enum {
    NB_X_CARRIED = 0,              /* t3 carried.<col>, 7 columns */
    NB_X_FORWARD = 7,              /* t3 forward.<col>, 7 columns */
    NB_X_RULES_ISSUED = 14, NB_X_RULES_REPEALED, NB_X_RULES_IN_FORCE,
    NB_X_NORM_ISSUED, NB_X_NORM_REPEALED, NB_X_NORM_IN_FORCE,
    /* the report's main totals: two reports for one year that differ in one of them differ */
    NB_X_NEW_TOTAL, NB_X_CONCLUDED_TOTAL, NB_X_REVIEW_TOTAL, NB_X_SUIT_DIRECT_TOTAL, NB_X_SUIT_AFTER_TOTAL,
    NB_X_GRANTED_TOTAL,
    NB_X__COUNT
};
#define NB_X_UNKNOWN INT64_MIN     /* not read, or read with doubt */

extern const char *const nb_x_t3_cols[7];

typedef struct nb_xdoc {
    const char *file, *sha256;
    const char *agency;            /* as read from the title ("" unknown) */
    const char *key;               /* the agency normalised (and joined by the roster's aliases) */
    int         year;
    const char *version;           /* 2021, 2019, pre2019 or "" */
    uint32_t    t3_page, t2_page;  /* provenance of the compared cells */
    int64_t     num[NB_X__COUNT];
    int         has_sketch;        /* narrative long enough to compare */
    uint32_t    sketch[NB_XSKETCH];    /* parts 一, 五 and 六 together (or the whole narrative) */
    int         has_part[2];
    uint32_t    part[2][NB_XSKETCH];   /* part 一 alone, part 五 alone: a copy with the other part changed */
    uint64_t    content;           /* hash of the cells and the narrative: equal, the same report */
    long        run;               /* the state's run that read it; 0: this run */
    int         order;             /* position among the summaries (stable output order) */
} nb_xdoc;

/* A finding of a cross-report rule: on one report (file), naming the other one. */
typedef struct nb_xfinding {
    const nb_rule *rule;
    const nb_xdoc *doc;            /* the report the finding is on; NULL: about the run (ROSTER-MISSING) */
    const char *table, *row, *col;
    uint32_t    page;
    const char *expected, *actual;
    const char *msg_zh, *msg_en;   /* rendered */
} nb_xfinding;

typedef struct nb_xfindings {
    nb_arena    *a;
    nb_xfinding *v;
    int          n, cap;
} nb_xfindings;

/* Options of the cross-report stage. */
typedef struct nb_xopts {
    double copy_last_year;         /* --copy-last-year T: Jaccard estimate at or above (default 0.71) */
    double copy_other;             /* --copy-other-agency T (default 0.83) */
    int    year;                   /* --year Y: the roster's year (0: every year seen) */
    const struct nb_roster *roster;
    const char *roster_path;
} nb_xopts;

#define NB_COPY_LAST_YEAR_DEFAULT 0.71
#define NB_COPY_OTHER_DEFAULT 0.83

/* ---- the summary (xdoc.c) ---- */

/* The summary line of a report whose tables are read (one line, ending in '\n', appended to b as
 * bytes). The fields are tab-separated, escaped (\t \n \\). */
struct nb_buf;
void nb_xdoc_line(const nb_report *r, char **out, size_t *len);
/* Parse one line (without its '\n') into d, strings in a. Returns 0, or -1 for a malformed line. */
int  nb_xdoc_parse(const char *line, size_t len, nb_arena *a, nb_xdoc *d);
/* The agency as compared: white space and punctuation dropped, 管理委员会 → 管委会. In a. */
const char *nb_agency_key(nb_arena *a, const char *agency);

/* ---- findings ---- */
void nb_xfindings_init(nb_xfindings *f, nb_arena *a);
void nb_xfindings_free(nb_xfindings *f);
nb_xfinding *nb_xfinding_add(nb_xfindings *f, const char *rule_id, const nb_xdoc *doc);

/* ---- the families ---- */

/* year.c: YEAR-CARRYOVER, YEAR-IN-FORCE, YEAR-DUPLICATE over docs (any order; n of them). Only
 * findings on a report of this run (run == 0) are raised: the earlier ones were raised before. */
void nb_xcheck_year(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out);
/* copy.c: COPY-LAST-YEAR, COPY-OTHER-AGENCY. */
void nb_xcheck_copy(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out);
/* roster.c: ROSTER-MISSING, ROSTER-UNLISTED; the aliases of the roster rewrite docs' keys first
 * (nb_roster_join). */
void nb_xcheck_roster(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out);

/* Run every cross-report family, in catalog order, findings sorted by report then rule. */
void nb_xcheck_all(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out);

/* copy.c: the sketch of a narrative (digits and the agency's name masked, 5-character shingles).
 * Returns 1 when the text is long enough to compare. */
int  nb_copy_sketch(const char *text, size_t n, const char *agency, uint32_t sketch[NB_XSKETCH]);
/* The same with another least length (normalised characters): a part compared alone must be long
 * enough that shared boilerplate does not make it a copy (NB_PART_MIN_CHARS). */
int  nb_copy_sketch_min(const char *text, size_t n, const char *agency, int min_chars, uint32_t sketch[NB_XSKETCH]);
enum { NB_PART_MIN_CHARS = 150 };
/* The estimated Jaccard similarity of two sketches: the share of equal values. */
double nb_copy_similarity(const uint32_t *a, const uint32_t *b);

#endif
