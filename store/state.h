/*
 * store/state.h — the run's history (--state FILE): one SQLite file holding, per input, what was
 * read from it (path, sha256, size, mtime, the nianbao and rule-catalog versions and options it was
 * read with, its output rows and its summary for the cross-report rules), every run, and every
 * finding with the runs it was first and last seen in, and what changed in each run.
 *
 * A run opens the state read-write (nb_state_open), which migrates an older schema or refuses a
 * newer one, and takes the write lock at once (BEGIN IMMEDIATE): a second run on the same file
 * waits up to the busy timeout, then fails with a clear message. Everything a run records goes
 * into that one transaction, committed by nb_state_finish: a killed run leaves the previous state
 * as it was. The state is never the only copy of anything the outputs need: the outputs are
 * complete files; the state only lets the next run skip inputs that did not change.
 */
#ifndef NB_STORE_STATE_H
#define NB_STORE_STATE_H

#include <stddef.h>

#include "../parser/arena.h"

typedef struct nb_state nb_state;

enum { NB_STATE_SCHEMA = 3 };          /* the schema this build writes (state.c: the migrations to it) */

/* Open (create) the state for a run: migrated to the current schema, the write lock taken.
 * Returns 0, or -1 with *err (valid until the next call into the store) and *st NULL. */
int  nb_state_open(const char *path, int busy_ms, int en, nb_state **st, const char **err);
/* Open for reading only (the HTML report, `nianbao runs`, `diff`): never changes the file. */
int  nb_state_open_ro(const char *path, int busy_ms, int en, nb_state **st, const char **err);
/* Roll back anything not finished, close. */
void nb_state_close(nb_state *st);

/* ---- a run ---- */

/* Begin run: its id (runs row), the versions and options every reused input must match, and the
 * day it judges by (today, a day number: nb_day_number), which must be inside a reused input's days. */
long long nb_state_begin_run(nb_state *st, const char *version, const char *catalog, const char *options, long today);

/* What the state holds of an input that can be reused (nb_state_lookup): malloc'd, freed by
 * nb_state_file_free. */
typedef struct nb_state_file {
    char   sha256[65];
    void  *head;                       /* the result's counts and terminal lines (cmd/xreport.c) */
    size_t head_len;
    char  *line;                       /* its summary for the rules across reports, or NULL */
    size_t line_len;
} nb_state_file;

/* An input whose stat (size, mtime) or content (sha256, computed only when the stat differs) and
 * versions are the state's, and whose days (nb_state_put_file) hold the run's today: 1 and f filled — its sha256, and with data its head and line too (its
 * rows are not read: nb_state_rows); else 0. */
int  nb_state_lookup(nb_state *st, const char *path, long long size, long long mtime_ns, int data, nb_state_file *f);
void nb_state_file_free(nb_state_file *f);
/* The stored output rows of an input (malloc'd, *len bytes): 1, or 0 when there are none. */
int  nb_state_rows(nb_state *st, const char *path, void **rows, size_t *len);

/* Record what this run read from an input (head: its counts, rows: the outputs, line: its summary,
 * may be NULL), and the days [today_from, today_until) over which it holds (day numbers). */
void nb_state_put_file(nb_state *st, const char *path, const char *sha256, long long size, long long mtime_ns,
                       const void *head, size_t head_len, const void *rows, size_t len, const char *line,
                       long today_from, long today_until);
/* The input's result was reused from the state: its findings stay as they are (not put again). */
void nb_state_mark_reused(nb_state *st, const char *path);
/* The input was given to this run (findings of inputs not given are neither new nor resolved). */
void nb_state_mark_input(nb_state *st, const char *path);

/* The summaries of reports read by earlier runs and not given to this one: cb(ctx, run, line). */
int  nb_state_each_earlier_summary(nb_state *st, void (*cb)(void *ctx, long long run, const char *line, size_t len),
                                   void *ctx);

/* Every report's summary in the state (the HTML report's figures across years): cb(ctx, run, line). */
int  nb_state_each_summary(nb_state *st, void (*cb)(void *ctx, long long run, const char *line, size_t len), void *ctx);

/* A finding of this run: its key (path, rule, place), its findings.csv row, and whether a rule
 * across reports raised it (cross). The findings of reused inputs are not put (nb_state_mark_reused). */
void nb_state_put_finding(nb_state *st, const char *path, const char *rule, const char *table, const char *row,
                          const char *col, const char *csv, size_t csv_len, int cross);

/* An output file a run leaves in its folder, as the file system knows it once in place. */
typedef struct nb_state_output {
    char      name[32];
    long long dev, ino, size, mtime_ns;
    long long split;                    /* bytes of the documents' rows; the rest is the tail */
    char      tail[65];                 /* sha256 of the tail (the findings across reports), or "" */
} nb_state_output;

/* The outputs the last finished run left in dir, when it ran with key (what shapes their bytes):
 * up to max into v; returns how many (0: none, another folder or another key). */
int  nb_state_last_outputs(nb_state *st, const char *dir, const char *key, nb_state_output *v, int max);
/* The outputs of the latest run that left them, in whatever folder, made with key (so the same bytes
 * as this run's when key is this run's): their folder into dir (n bytes), up to max into v; returns
 * how many (0: none). */
int  nb_state_key_outputs(nb_state *st, const char *key, char *dir, size_t n, nb_state_output *v, int max);
/* Record an output file this run leaves in dir. */
void nb_state_put_output(nb_state *st, const char *dir, const char *key, const nb_state_output *out);

/* The findings across reports of a run, kept under the sha256 of everything they were worked out
 * from (key): their findings.csv and findings.jsonl rows as written, their counts per severity
 * (counts[2] errors) and the worst (-1: none). */
typedef struct nb_state_stage {
    int    worst, counts[3];
    char  *csv, *jsonl;                 /* malloc'd by nb_state_get_stage */
    size_t csv_len, jsonl_len;
} nb_state_stage;

/* Those of the last run, when it worked them out from key: 1 and g filled (nb_state_stage_free), else 0. */
int  nb_state_get_stage(nb_state *st, const char *key, nb_state_stage *g);
void nb_state_stage_free(nb_state_stage *g);
/* Keep this run's (in place of any other's). */
void nb_state_put_stage(nb_state *st, const char *key, const nb_state_stage *g);

/* Work out what changed (new and resolved findings), record the counts, commit. Returns 0, or -1
 * (the state is then as before the run). */
int  nb_state_finish(nb_state *st, long files, long reused, long *nnew, long *nresolved);

/* ---- reading ---- */

typedef struct nb_state_run {
    long long   id;                     /* 0: no run recorded */
    const char *started, *finished, *version;
    long        files, reused, findings, nnew, nresolved;
} nb_state_run;

/* The last finished run (r->id 0 when there is none). Returns 0 or -1. */
int  nb_state_last_run(nb_state *st, nb_arena *a, nb_state_run *r);
/* Every finished run, oldest first. */
int  nb_state_each_run(nb_state *st, nb_arena *a, int (*cb)(void *ctx, const nb_state_run *r), void *ctx);

typedef struct nb_state_finding {
    const char *rule, *table, *row, *col;
    const char *csv;                    /* its findings.csv row, as written */
    size_t      csv_len;
} nb_state_finding;

enum { NB_CHANGE_NEW = 1, NB_CHANGE_RESOLVED = 2 };

typedef struct nb_state_change {
    int              kind;
    long long        run;
    const char      *path;
    nb_state_finding f;
} nb_state_change;

/* The changes recorded by run (in a, which is reset after each call of cb). cb returns non-zero to
 * stop. Returns 0 or -1. */
int  nb_state_each_change(nb_state *st, long long run, nb_arena *a, int (*cb)(void *ctx, const nb_state_change *c),
                          void *ctx);
/* What differs between the findings open after run1 and after run2: NEW for those open after run2
 * only, RESOLVED for those open after run1 only. */
int  nb_state_each_difference(nb_state *st, long long run1, long long run2, nb_arena *a,
                              int (*cb)(void *ctx, const nb_state_change *c), void *ctx);

#endif
