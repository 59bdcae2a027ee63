/*
 * cmd/progress.h — the progress line on a terminal: files done / total, files per second, time
 * left, errors so far; redrawn in place with '\r' at most ten times a second, on stderr, and only
 * when stderr is a terminal (like ripgrep and curl: nothing of it reaches a pipe or a log file).
 */
#ifndef NB_PROGRESS_H
#define NB_PROGRESS_H

#include <stddef.h>

typedef struct nb_progress {
    int    on;                /* drawing at all (a terminal, not --quiet) */
    int    en;
    int    drawn;             /* a line is on the screen now */
    size_t total, skipped;    /* skipped: finished by the run --resume continues */
    double t0, last;
} nb_progress;

void nb_progress_init(nb_progress *p, int on, int en, size_t total, size_t skipped);
/* done files so far (skipped included), errors so far; redraws when 100 ms have passed. */
void nb_progress_update(nb_progress *p, size_t done, size_t errors);
/* Erase the line (before another message is printed on stderr); the next update redraws it. */
void nb_progress_clear(nb_progress *p);

#endif
