/*
 * cmd/batch.h — the batch runner: every input through the pipeline, results merged in input
 * order into the output files, a summary, and grep-like exit status.
 */
#ifndef NB_BATCH_H
#define NB_BATCH_H

#include "cli.h"
#include "pipeline.h"

/* Run the pipeline over every input named by o, writing to o->out_dir. Returns the exit status. */
int nb_batch(const nb_opts *o, nb_run *run);

/* The same over a list of inputs already made: global[i] is input i's place among all the run's
 * total inputs (NULL: i; --shard gives a part), and run->produce, when set, gives each result
 * instead of the pipeline (merge). Every run ends in the same place (finish_run, batch.c). */
int nb_batch_inputs(const nb_opts *o, nb_run *run, const nb_inputs *in, const size_t *global, size_t total);

/* The --fail-on threshold as a severity (0 info, 1 warning, 2 error; 3 never); -1 if invalid. */
int nb_fail_on_level(const char *s);

#endif
