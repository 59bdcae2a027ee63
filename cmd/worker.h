/*
 * cmd/worker.h — worker processes: each document is run through the pipeline in a forked child,
 * so that a crash, a hang or runaway memory inside poppler or our own code costs only that file.
 *
 *   parent ──index──► worker: nb_process_input(...) ──frame──► parent (reorders, writes)
 *
 * A worker is forked once and processes one input after another: the parent sends the index of an
 * input over a pipe (the input list was inherited at fork), the worker answers with one frame
 * holding the document's nb_result (length-prefixed buffers). Each worker holds up to
 * NB_WORKER_DEPTH indexes, so that it starts on the next input at once instead of sleeping until
 * the parent has read its frame and answered, and it sends the frames of several documents in one
 * write: with small text files, a round trip per document (two wake-ups across CPUs) cost as much
 * as a fifth of the work. Large inputs are queued two deep only, so that a slow file does not hold
 * up several behind it while another worker idles. The parent watches every busy worker:
 * past --timeout it kills it (SIGKILL); past --max-memory (resident size read from /proc) it kills
 * it; a worker that dies is classified as a crash or as memory exhaustion, and replaced lazily.
 * In the worker, --max-memory is also a hard limit (setrlimit RLIMIT_AS) except in sanitizer
 * builds, whose shadow memory makes an address-space limit meaningless.
 */
#ifndef NB_WORKER_H
#define NB_WORKER_H

#include <sys/types.h>

#include "buf.h"
#include "inputs.h"
#include "pipeline.h"

enum { NB_WORKER_DEPTH = 8 };

typedef struct nb_worker {
    pid_t  pid;               /* 0: not running */
    int    task_fd;           /* parent → worker: input indexes */
    int    result_fd;         /* worker → parent: result frames */
    long   task[NB_WORKER_DEPTH];  /* input indexes sent, in order; task[0] is in progress */
    int    ntask;             /* how many; 0 when idle */
    int    gone;              /* a task could not be sent: dead, its pipe will say so */
    int    careful;           /* trying suspects one at a time (worker.c) */
    long   suspect[NB_WORKER_DEPTH];   /* the tasks of a worker that died holding several */
    int    nsuspect;
    double started;           /* monotonic seconds when task[0] began (sent, or the last frame) */
    nb_buf rx;                /* bytes received and not yet taken as frames */
} nb_worker;

/* What became of one task: a result, or why there is none. */
typedef void (*nb_pool_done)(void *ctx, long index, nb_result *res, nb_error err, const char *detail);

typedef struct nb_pool {
    nb_worker       *w;
    int              n;
    const nb_run    *run;
    const nb_inputs *in;
    int              timeout;         /* seconds per file; 0: none */
    long             max_memory_mb;   /* per worker; 0: none */
    const int       *close_fds;       /* the parent's own files, closed in every new worker */
    int              nclose_fds;
    nb_result        scratch;         /* a frame decoded, before the caller takes it */
    double           last_rss_check;  /* /proc is read at most every 50 ms */
} nb_pool;

/* Prepare n workers (forked on first use). Returns 0. */
int  nb_pool_init(nb_pool *p, int n, const nb_run *run, const nb_inputs *in, int timeout,
                  long max_memory_mb, const int *close_fds, int nclose_fds);
/* A worker with room for another task, holding fewer than depth (at most NB_WORKER_DEPTH): an idle
 * one first, then a new one, then the least loaded; NULL when all are full. A worker that cannot be
 * forked is reported as NULL with errno set. */
nb_worker *nb_pool_idle(nb_pool *p, int depth);
/* Send input index to w. Returns 0, or -1 if the worker is gone (the caller retries elsewhere). */
int  nb_pool_send(nb_pool *p, nb_worker *w, long index);
/* Is any worker busy? */
int  nb_pool_busy(const nb_pool *p);
/* Wait up to ms for results, deaths and deadlines; call done for each task that ended. */
void nb_pool_wait(nb_pool *p, int ms, nb_pool_done done, void *ctx);
/* Stop every worker (end of input: they exit on EOF; wait for them) and free the pool. Returns
 * the number of idle workers that did not exit cleanly (under the sanitizers: a leak report). */
int  nb_pool_close(nb_pool *p);

/* Test hook: NIANBAO_TEST_FAULT="kind:SUBSTRING,..." makes the processing of an input whose path
 * contains SUBSTRING crash (abort), segfault (segv), hang, eat memory (oom) or sleep 2 s (slow),
 * so that the tests can reach the paths that real bad input reaches only by chance. */
void nb_test_fault(const char *path);

/* Seconds on the monotonic clock. */
double nb_now(void);

#endif
