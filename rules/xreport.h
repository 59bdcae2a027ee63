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
    unsigned families;             /* NB_XFAM_* to run; 0: all */
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

/* ---- the stage over every report of a run (xrun.c) ----
 *
 * Memory stays flat in the number of reports: each summary is written to a temporary file as it
 * comes (its line, and a fixed-size record of what the copy rules compare), and the families work
 * from sorted files (spill.h): the year rules over one agency's reports at a time, the copy rules
 * over LSH band keys sorted on disk, candidates compared two records at a time, the findings
 * sorted on disk into their stable order. */
typedef struct nb_xrun nb_xrun;

nb_xrun *nb_xrun_open(const nb_xopts *o);
/* One summary line (without or with its '\n'); run: the state's run that read it, 0 for this run.
 * A malformed line is skipped. */
void nb_xrun_add(nb_xrun *r, const char *line, size_t len, long run);
/* How many summaries were taken. */
int  nb_xrun_count(const nb_xrun *r);
/* Run every family (roster, year, copy); cb gets each finding in the stable order — by report (in
 * the order added; ROSTER-MISSING first), catalog order, then place. f and f->doc (file, sha256,
 * agency, year, order only) are valid during the call. Returns 0, or -1 when a temporary file
 * could not be written (the findings are then incomplete). */
int  nb_xrun_check(nb_xrun *r, void (*cb)(void *ctx, const nb_xfinding *f), void *ctx);
void nb_xrun_close(nb_xrun *r);

/* ---- the families over summaries in memory (the tests' way in; the same code underneath) ----
 * Findings are appended to out (strings in out->a), their doc pointing into docs (docs[i]->order
 * must be i). */
enum { NB_XFAM_ROSTER = 1, NB_XFAM_YEAR = 2, NB_XFAM_COPY = 4, NB_XFAM_ALL = 7 };
void nb_xcheck_docs(nb_xdoc **docs, int n, const nb_xopts *o, unsigned families, nb_xfindings *out);
/* YEAR-CARRYOVER, YEAR-IN-FORCE, YEAR-DUPLICATE (year.c). Only findings on a report of this run
 * (run == 0) are raised: the earlier ones were raised before. */
#define nb_xcheck_year(docs, n, o, out) nb_xcheck_docs(docs, n, o, NB_XFAM_YEAR, out)
/* COPY-LAST-YEAR, COPY-OTHER-AGENCY (copy.c). */
#define nb_xcheck_copy(docs, n, o, out) nb_xcheck_docs(docs, n, o, NB_XFAM_COPY, out)
/* ROSTER-MISSING, ROSTER-UNLISTED (roster.c); the aliases of the roster rewrite docs' keys first. */
#define nb_xcheck_roster(docs, n, o, out) nb_xcheck_docs(docs, n, o, NB_XFAM_ROSTER, out)
#define nb_xcheck_all(docs, n, o, out) nb_xcheck_docs(docs, n, o, NB_XFAM_ALL, out)

/* The summary line of d (the inverse of nb_xdoc_parse; g_free *out). */
void nb_xdoc_format(const nb_xdoc *d, char **out, size_t *len);

/* copy.c: the sketch of a narrative (digits and the agency's name masked, 5-character shingles).
 * Returns 1 when the text is long enough to compare. */
int  nb_copy_sketch(const char *text, size_t n, const char *agency, uint32_t sketch[NB_XSKETCH]);
/* The same with another least length (normalised characters): a part compared alone must be long
 * enough that shared boilerplate does not make it a copy (NB_PART_MIN_CHARS). */
int  nb_copy_sketch_min(const char *text, size_t n, const char *agency, int min_chars, uint32_t sketch[NB_XSKETCH]);
enum { NB_PART_MIN_CHARS = 150 };
/* Both at once, in one pass over the shingles: the sketch of text[0..n) together (as one text, each
 * part followed by a line break: nb_copy_sketch of it; returns its ok) and of the parts with
 * alone[k] = 0 or 1 by themselves (nb_copy_sketch_min with NB_PART_MIN_CHARS: part_ok, part). The
 * agency must not hold a line break (its name could then span two parts). */
int  nb_copy_sketch_parts(const char *const *text, const size_t *len, int n, const char *agency, const int *alone,
                          uint32_t sketch[NB_XSKETCH], int part_ok[2], uint32_t part[2][NB_XSKETCH]);
/* The estimated Jaccard similarity of two sketches: the share of equal values (nb_copy_same of
 * NB_XSKETCH). */
double nb_copy_similarity(const uint32_t *a, const uint32_t *b);
int    nb_copy_same(const uint32_t *a, const uint32_t *b);

#endif
