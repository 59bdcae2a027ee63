/*
 * cmd/worker.h — worker processes: each document is run through the pipeline in a forked child,
 * so that a crash, a hang or runaway memory inside poppler or our own code costs only that file.
 *
 *   parent ──index──► worker: nb_process_input(...) ──frame──► parent (reorders, writes)
 *
 * A worker is forked once and processes one input after another: the parent sends the index of an
 * input over a pipe (the input list was inherited at fork), the worker answers with one frame
 * holding the document's nb_result (length-prefixed buffers). The parent watches every busy worker:
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

typedef struct nb_worker {
    pid_t  pid;               /* 0: not running */
    int    task_fd;           /* parent → worker: input indexes */
    int    result_fd;         /* worker → parent: result frames */
    long   task;              /* input index in progress, -1 when idle */
    double started;           /* monotonic seconds when the task was sent */
    nb_buf rx;                /* bytes of the frame received so far */
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
/* An idle worker (starting one if needed), or NULL when all are busy. A worker that cannot be
 * forked is reported as NULL with errno set. */
nb_worker *nb_pool_idle(nb_pool *p);
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
