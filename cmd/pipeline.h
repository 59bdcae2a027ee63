/*
 * cmd/pipeline.h — one document through the whole pipeline, into output rows.
 *
 *   file ─► ingest ─► report (sections, identity) ─► tables ─► findings ─► rows
 *
 * nb_process_path runs it for one input and leaves the rows of every output file in an nb_result;
 * the batch runner (batch.c) writes results in input order, whichever process produced them, so
 * the output is the same bytes whatever the number of workers. Nothing of the document outlives
 * the call: its arena is freed before returning.
 */
#ifndef NB_PIPELINE_H
#define NB_PIPELINE_H

#include "../parser/ingest.h"
#include "../rules/finding.h"
#include "buf.h"
#include "inputs.h"

enum {
    NB_OUT_DOCUMENTS = 0,
    NB_OUT_CELLS,
    NB_OUT_T2,
    NB_OUT_T3,
    NB_OUT_T4,
    NB_OUT_FINDINGS,
    NB_OUT_JSONL,
    NB_OUT_METRICS,          /* metrics.csv: the indicators (audit) */
    NB_OUT_XSUM,             /* the reports' summaries for the per-run stage: no file of its own (xreport.c) */
    NB_OUT_SHARD,        /* shard-index.tsv: only with --shard, written by the batch runner (shard.h) */
    NB_OUT__COUNT
};

struct nb_waivers;

struct nb_run;
struct nb_result;

/* Where a run's results come from when not from parsing the inputs: merge (merge.c) gives each
 * input's result as the shards or the JSON Lines stream recorded it. index is the input's place
 * in the run. NULL: the pipeline (nb_process_input). */
typedef void (*nb_produce_fn)(const struct nb_run *run, size_t index, struct nb_result *res);

/* The audit step: run the rules over a report whose tables are read, append the findings rows to
 * res (audit.c). NULL for extract. */
typedef void (*nb_audit_step)(const struct nb_run *run, const nb_report *r, struct nb_result *res);

typedef struct nb_run {
    nb_audit_step         audit;     /* NULL: extract only */
    int                   en;        /* messages in English */
    nb_ingest_limits      limits;
    nb_audit_opts         aopts;
    const struct nb_waivers *waivers;
    nb_produce_fn         produce;   /* NULL: parse the inputs; merge: read the shards */
    void                 *produce_ctx;
    const char           *shard_head; /* --shard: the first line of shard-index.tsv (shard.h) */
} nb_run;

typedef struct nb_result {
    nb_buf out[NB_OUT__COUNT];
    nb_buf summary;          /* a few lines for the terminal */
    int    unreadable;       /* the file could not be read at all */
    int    worst;            /* highest severity among unwaived findings; -1 when none */
    int    counts[3];        /* unwaived findings per severity */
    nb_status status;        /* the document's status (documents.csv), for --verbose */
    nb_error err;            /* why an unreadable file failed (for the message on stderr) */
    char   detail[160];      /* the error's detail, or "" */
    /* the days (nb_day_number) over which the audit's findings of it would be the same bytes
     * (nb_findings.today_from/until); from == until: not known, it holds for the day it was made */
    long   today_from, today_until;
} nb_result;

void nb_result_clear(nb_result *r);
/* Fill r's buffers from bytes laid out one after the other — out[0..NB_OUT__COUNT), the summary, the
 * detail — of the lengths len[] (a worker's frame, a result kept in the state). */
void nb_result_fill(nb_result *r, const char *at, const uint64_t len[NB_OUT__COUNT + 2]);
void nb_result_free(nb_result *r);

/* Run the pipeline for one input. An input that already carries an error (a symlink loop found
 * while walking, or a worker that crashed, timed out or ran out of memory on it) produces its
 * documents row without being parsed. */
void nb_process_input(const nb_run *run, const nb_input *in, nb_result *res);

/* The part after ingestion: report, tables, audit and every output row of a document already
 * read (the fuzzers enter here with documents made from bytes). Does not free d. */
void nb_process_doc(const nb_run *run, nb_doc *d, nb_result *res);

/* The findings.csv and findings.jsonl rows of one finding of file (audit.c): the per-run stage's
 * findings are written by the same code as the documents'. */
void nb_finding_rows(const char *file, const char *sha256, const nb_finding *x, const char *msg, int en, nb_buf *csv,
                     nb_buf *json);

/* The file name and header row of each output. */
const char *nb_out_name(int k);
void nb_out_header(int k, nb_buf *b);
/* Does output k exist for this run (findings only with audit)? */
int nb_out_enabled(const nb_run *run, int k);
/* Is output k internal: written while the run goes (so --resume keeps it), removed at the end (a
 * shard run, --shard, keeps it for the merge)? */
int nb_out_internal(int k);

/* Write datapackage.json (Frictionless) describing the CSV outputs into b. */
void nb_datapackage(const nb_run *run, nb_buf *b);

#endif
