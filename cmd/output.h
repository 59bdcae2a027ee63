/*
 * cmd/output.h — the output directory: every file written under a hidden partial name
 * (DIR/.NAME.partial) and renamed into place only when the run completes, so an interrupted run
 * never leaves a half-written file under a final name and never touches the previous outputs.
 *
 * The partial files outlive an interrupted run on purpose: with the journal (journal.h) they are
 * what --resume continues from. Their byte lengths are counted as rows are appended, so the journal
 * can record, after each document, how far each file is good.
 *
 * Rows are queued, not written, as each document comes in order, and the queue goes out in one
 * writev per file when the caller flushes (after every document that is ready): a write per file
 * per document was eight system calls for each small text report. The caller writes the journal's
 * lines for those documents only after a flush succeeded.
 */
#include <sys/stat.h>
#include <sys/uio.h>

#ifndef NB_OUTPUT_H
#define NB_OUTPUT_H

#include "pipeline.h"

typedef struct nb_outputs {
    const char *dir;
    int         fd[NB_OUT__COUNT];            /* -1: not written by this run */
    long long   len[NB_OUT__COUNT];           /* bytes in each partial file so far */
    char       *partial[NB_OUT__COUNT + 1];   /* + datapackage.json, written at commit */
    char       *final[NB_OUT__COUNT + 1];
    struct iovec *queue[NB_OUT__COUNT];       /* rows appended and not yet written */
    int           nqueue[NB_OUT__COUNT], capqueue[NB_OUT__COUNT];
    int           keep[NB_OUT__COUNT];        /* 1: the file in place stays, no partial file */
    int           tail_only[NB_OUT__COUNT];   /* 1: kept, its partial holds only the rows to end with */
    char         *source[NB_OUT__COUNT];      /* kept: the file it is copied from (another folder's), or
                                               * NULL: the file in place */
} nb_outputs;

/* Create the directory (and its parents) if needed. Returns 0, or -1 with a message printed. */
int  nb_outputs_mkdir(const char *dir);
/* Start fresh partial files holding their header rows. Returns 0, or -1 (message printed). */
int  nb_outputs_create(nb_outputs *o, const char *dir, const nb_run *run, int bom);
/* Take over the partial files of an interrupted run, cut back to len[] (what the journal says is
 * complete). Returns 0, or -1 when a partial file is missing or shorter (then start fresh). */
int  nb_outputs_reopen(nb_outputs *o, const char *dir, const nb_run *run, const long long len[]);
/* Leave output k's file in place as it is (a rerun whose outputs are there already): its partial
 * file is dropped, nothing is appended to it, the commit does not touch it. With source (not NULL),
 * the same bytes are in that file of another folder: they are copied from it (nb_outputs_copy_sources,
 * and the prefix of nb_outputs_tail_settle) instead. */
void nb_outputs_keep(nb_outputs *o, int k, const char *source);
/* Each output kept from a source becomes a partial file holding the source's bytes (copied in the
 * kernel), renamed into place at the commit. Returns 0, or -1 (message printed). */
int  nb_outputs_copy_sources(nb_outputs *o);
/* Output k, kept, is to end with rows not known yet (the findings across reports): they go to a
 * partial file of their own, appended to as any other. Returns 0, or -1 (message printed). */
int  nb_outputs_tail_only(nb_outputs *o, int k);
/* Then: same, the file in place already ends with those rows: it stays (the partial is dropped);
 * else the partial becomes the first prefix bytes of the file in place, or of its source (copied in
 * the kernel), followed by the rows. Returns 0, or -1 (message printed). */
int  nb_outputs_tail_settle(nb_outputs *o, int k, long long prefix, int same);
/* The file output k will be once in place: its partial file, or the file kept. Returns 0 or -1. */
int  nb_outputs_stat(const nb_outputs *o, int k, struct stat *st);
/* Queue one document's rows (res must stay as it is until the next flush); len[] counts them. */
void nb_outputs_append(nb_outputs *o, const nb_result *res);
/* Write what is queued. Returns 0, or -1 on a write error (disk full: message printed). */
int  nb_outputs_flush(nb_outputs *o);
/* Write datapackage.json, sync, rename every file into place. Returns 0 or -1 (message printed). */
int  nb_outputs_commit(nb_outputs *o, const nb_run *run);
/* Close without renaming: the partial files stay for --resume. */
void nb_outputs_close(nb_outputs *o);

/* The descriptors open for writing (for worker processes to close). Returns how many. */
int  nb_outputs_fds(const nb_outputs *o, int *fds, int max);

#endif
