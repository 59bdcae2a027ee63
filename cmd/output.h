/*
 * cmd/output.h — the output directory: every file written under a temporary name and renamed
 * into place only when the run completes, so an interrupted run never leaves a half-written file
 * and never destroys the previous run's outputs.
 */
#ifndef NB_OUTPUT_H
#define NB_OUTPUT_H

#include <stdio.h>

#include "pipeline.h"

typedef struct nb_outputs {
    const char *dir;
    int         bom;
    FILE       *f[NB_OUT__COUNT + 1];      /* + datapackage.json */
    char       *tmp[NB_OUT__COUNT + 1];
    char       *final[NB_OUT__COUNT + 1];
} nb_outputs;

/* Create the directory if needed and open the temporary files with their header rows.
 * Returns 0, or -1 with a message printed. */
int  nb_outputs_open(nb_outputs *o, const char *dir, const nb_run *run, int bom);
/* Append one document's rows. */
void nb_outputs_append(nb_outputs *o, const nb_result *res);
/* Flush, sync and rename every file into place. Returns 0 or -1 (message printed). */
int  nb_outputs_commit(nb_outputs *o, const nb_run *run);
/* Remove the temporary files (interrupted or failed run). Async-signal-safe part: see batch.c. */
void nb_outputs_abort(nb_outputs *o);

/* Remove every temporary file registered so far; safe to call from a signal handler. */
void nb_outputs_unlink_all_temps(void);

#endif
