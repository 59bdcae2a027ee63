/*
 * cmd/journal.h — the run journal that lets --resume continue an interrupted run.
 *
 * DIR/.nianbao-journal is written beside the partial outputs. Its first lines name the options
 * that shape the output bytes (command, language, BOM, waivers, deadlines, today, version) and the
 * length of every partial file once its header is written; then, after each document's rows are
 * appended, one line: which input it was (index, size, modification time, path), what it counted
 * (unreadable, worst severity, findings per severity) and the byte length of every partial file.
 *
 * Resuming reads the longest prefix of lines that still describes the inputs in order (same path,
 * size and mtime), cuts each partial file back to the lengths of that prefix's last line, and goes
 * on with the next input: the end result is byte for byte what an uninterrupted run writes.
 * The journal is also the output directory's lock (flock), so two runs never write one directory.
 */
#ifndef NB_JOURNAL_H
#define NB_JOURNAL_H

#include "inputs.h"
#include "pipeline.h"

/* What identifies the bytes of an input without reading them. size -1: cannot be stat'ed. */
typedef struct nb_file_id {
    long long size, mtime_ns;
} nb_file_id;

void nb_file_identify(const char *path, nb_file_id *id);

typedef struct nb_journal {
    int    fd;
    char  *path;
    nb_buf pending;               /* lines recorded and not yet written (nb_journal_flush) */
} nb_journal;

/* What a resumed run takes over. */
typedef struct nb_resume {
    size_t    done;                    /* inputs [0, done) are finished */
    long long len[NB_OUT__COUNT];      /* the partial files' lengths after them */
    int       unreadable, failing;     /* as the batch counts them, for the exit status */
    long      counts[3];               /* findings per severity */
} nb_resume;

/* Open (creating) and lock DIR's journal. Returns 0, or -1 with a message (another run holds it). */
int  nb_journal_open(nb_journal *j, const char *dir, int en);
/* Read the journal of an interrupted run for these options and inputs. Returns 1 and fills r
 * when there is something to resume (the journal is cut back to what is kept), else 0. */
int  nb_journal_resume(nb_journal *j, const char *options, const nb_inputs *in, int fail_level,
                       nb_resume *r);
/* Start a fresh journal: options and the lengths of the partial files with their headers. */
int  nb_journal_begin(nb_journal *j, const char *options, const long long len[]);
/* Record one document appended: the line is queued, and written by nb_journal_flush, which the
 * caller calls once the outputs it describes are written (output.h). */
void nb_journal_record(nb_journal *j, size_t index, const char *path, const nb_file_id *id,
                       const nb_result *res, const long long len[]);
/* Write the queued lines. Returns 0 or -1. */
int  nb_journal_flush(nb_journal *j);
/* The run is complete: remove the journal and release the lock. */
void nb_journal_finish(nb_journal *j);
/* Release the lock, keeping the journal (interrupted or failed run). */
void nb_journal_close(nb_journal *j);

#endif
