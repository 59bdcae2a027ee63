/*
 * cmd/xreport.h — the per-run stage of `nianbao audit`: after every document of the run is read,
 * the rules across reports (rules/xreport.h) over the run's summaries and, with --state, the
 * earlier reports kept there; and the state itself (store/state.h): inputs that did not change
 * are not read again, what was found is recorded, new and resolved findings are written.
 *
 * The batch runner (batch.c) calls these at four points: start (open the state), before sending
 * an input out (a result from the state instead?), after writing an input's rows (record it), and
 * before renaming the outputs into place (the stage itself).
 */
#ifndef NB_XREPORT_STAGE_H
#define NB_XREPORT_STAGE_H

#include "cli.h"
#include "inputs.h"
#include "journal.h"
#include "output.h"
#include "pipeline.h"

typedef struct nb_xstage nb_xstage;

/* Open the stage for an audit (NULL for extract, or on error: *failed set, message printed). */
nb_xstage *nb_xstage_open(const nb_opts *o, const nb_run *run, const nb_inputs *in, const char *options_key, int *failed);
/* With --state, when the output folder (or another, nb_xstage_source) still holds the outputs the
 * last run there left and every input is unchanged: output k stays as it is (not written again; the files ending with the findings
 * across reports are made again at the end if those differ). */
int  nb_xstage_keeps(const nb_xstage *x, int k);
/* The file kept output k is copied from (another folder's, with the same bytes: the outputs of a run
 * with the same inputs, options and versions, still as it left them) into buf, or NULL: the one in
 * place stays. */
const char *nb_xstage_source(const nb_xstage *x, int k, char *buf, size_t n);
/* The run took over an interrupted one (--resume). */
void nb_xstage_resumed(nb_xstage *x);
/* With --state: input path's result from an earlier run when the input and versions are
 * unchanged (1, res filled: without the rows of the outputs kept), else 0. */
int  nb_xstage_reuse(nb_xstage *x, const char *path, const nb_file_id *id, nb_result *res);
/* An input's rows were written (reused: they came from the state). */
void nb_xstage_record(nb_xstage *x, const char *path, const nb_file_id *id, const nb_result *res, int reused);
/* Run the cross-report rules, append their findings to the outputs, and with --state record the
 * run and write findings-new.csv and findings-resolved.csv. counts[] and *failing take the new
 * findings (fail_level as --fail-on). Returns 0, or -1 (message printed). */
int  nb_xstage_finish(nb_xstage *x, nb_outputs *out, int fail_level, long counts[3], int *failing);
void nb_xstage_close(nb_xstage *x);

#endif
