/*
 * cmd/shard.h — --shard K/N: a deterministic part of a run's inputs, and the index that lets
 * `nianbao merge` put the parts back together byte for byte (merge.c).
 *
 * Which shard an input belongs to is a hash (FNV-1a, 64 bits) of its path relative to the input
 * named on the command line ("docs/a.pdf" for a.pdf found in a walk of corpus/, the path as given,
 * less a leading "./", for a file named or listed), modulo N. So every machine that is given the
 * same tree, wherever it is mounted, picks the same split with no coordinator.
 *
 * A shard's output folder holds the usual files over its part of the inputs and shard-index.tsv:
 *
 *   nianbao-shard 1 <TAB> K/N <TAB> inputs <TAB> options           (one line)
 *   D <TAB> index <TAB> unreadable <TAB> worst <TAB> info <TAB> warnings <TAB> errors <TAB> status
 *     <TAB> err <TAB> (offset <TAB> length) for each output file <TAB> detail <TAB> path
 *
 * one D line per document, in the shard's order: its place among all the run's inputs (0-based),
 * what the batch counts of it (exit status, summary), and where its rows are in each output file.
 * options are those that shape the output bytes (batch.c), so that merge refuses shards of
 * different runs. detail and path are escaped (%25 %09 %0A %0D).
 */
#ifndef NB_SHARD_H
#define NB_SHARD_H

#include <stdint.h>

#include "buf.h"
#include "inputs.h"
#include "pipeline.h"

#define NB_SHARD_INDEX "shard-index.tsv"

/* Parse "K/N" (1 <= K <= N). Returns 0, or -1. */
int nb_shard_parse(const char *spec, int *k, int *n);

/* The shard (1..n) of an input. */
int nb_shard_of(const nb_input *in, int n);

/* Keep only the inputs of shard k of n, in order. global[i] (allocated, caller frees) is the place
 * of the kept input i among all of them; *total how many there were. */
void nb_shard_filter(nb_inputs *in, int k, int n, size_t **global, size_t *total);

/* The first line of shard-index.tsv. */
void nb_shard_head(nb_buf *b, int k, int n, size_t total, const char *options);

/* One document's D line: off[] where its rows start in each output file, res its result. */
void nb_shard_line(nb_buf *b, size_t index, const nb_result *res, const long long off[], const char *path);

/* One document as a shard recorded it. */
typedef struct nb_shard_doc {
    size_t    index;
    int       shard;                 /* which of the folders given to merge */
    int       unreadable, worst, counts[3], status, err;
    long long off[NB_OUT__COUNT], len[NB_OUT__COUNT];
    char     *detail, *path;
} nb_shard_doc;

typedef struct nb_shard_index {
    int    k, n;
    size_t total;
    char  *options;
    nb_shard_doc *docs;
    size_t ndocs;
} nb_shard_index;

/* Read DIR/shard-index.tsv as shard number `shard` of the merge. Returns 0, or -1 with a message
 * (in err, static or in errbuf) saying what is wrong. */
int  nb_shard_index_load(const char *dir, int shard, nb_shard_index *x, char *errbuf, size_t errlen);
void nb_shard_index_free(nb_shard_index *x);

/* The %-escaping of shard-index.tsv (also used for the options of JSON Lines records). */
void nb_shard_escape(nb_buf *b, const char *s);
void nb_shard_unescape(char *s);

#endif
