/*
 * cmd/worker.c — the worker processes and the parent's watch over them (see worker.h).
 *
 * Protocol. Parent → worker: an int64 input index per task. Worker → parent: one frame per task,
 *   frame_head (magic, index, result flags, the byte length of each buffer) then the buffers:
 *   every output file's rows, the terminal summary, the error detail.
 * The parent reads frames without blocking into a per-worker buffer, so one slow or dying worker
 * never holds up the others, and the frame of a worker that dies halfway is simply discarded.
 * A worker holds up to NB_WORKER_DEPTH tasks and answers them in order, holding finished frames
 * back while its next task is already queued (see should_send). So when a worker holding several
 * tasks dies, any of them may be the one it died on: they become suspects, and a fresh worker in
 * its place, in careful mode, is given them one at a time. The one that kills it again is reported
 * (a hang thus costs two --timeout periods); the others come back as ordinary results.
 *
 * Telling memory exhaustion from other crashes. A worker that hits RLIMIT_AS sees an allocation
 * fail; glib (g_malloc), poppler (operator new → std::terminate) and our own buffers then abort,
 * and errno is still ENOMEM when SIGABRT arrives. A fatal-signal handler in the worker (on its own
 * stack, so that a stack overflow reaches it too) exits with NB_WORKER_EXIT_MEMORY when errno is
 * ENOMEM or the address space is within a few MB of the limit; any other fatal signal is
 * re-raised, and the parent sees it. The parent also kills a worker whose resident size passes the
 * limit (the only guard in sanitizer builds) and takes an unexplained SIGKILL for the kernel's
 * out-of-memory killer.
 */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../parser/ingest.h"
#include "fdio.h"

/* Sanitizer builds reserve terabytes of shadow address space: RLIMIT_AS cannot apply there. */
#if defined(__SANITIZE_ADDRESS__)
#define NB_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define NB_SANITIZED 1
#endif
#endif
#ifndef NB_SANITIZED
#define NB_SANITIZED 0
#endif

enum { NB_WORKER_EXIT_MEMORY = 86 };        /* a worker's way of saying "out of memory" */
enum { NB_FRAME_BUFS = NB_OUT__COUNT + 2 };  /* the outputs, the summary, the detail */
#define NB_FRAME_MAGIC 0x4E424652u          /* "NBFR" */

typedef struct frame_head {
    uint32_t magic;
    int32_t  unreadable, worst, counts[3], status, err;
    int64_t  index;
    int64_t  today_from, today_until;      /* nb_result's window of days */
    uint64_t len[NB_FRAME_BUFS];
} frame_head;

/* Why the parent killed a worker, if it did. */
enum { KILLED_NOT = 0, KILLED_TIMEOUT, KILLED_MEMORY };

double nb_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- the test hook */

void nb_test_fault(const char *path)
{
    const char *spec = getenv("NIANBAO_TEST_FAULT");
    if (!spec || !*spec) return;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(item, ':');
        if (!colon || !strstr(path, colon + 1)) continue;
        *colon = '\0';
        if (!strcmp(item, "abort")) abort();
        if (!strcmp(item, "segv")) raise(SIGSEGV);
        if (!strcmp(item, "hang"))
            for (;;) pause();
        if (!strcmp(item, "slow")) sleep(2);
        if (!strcmp(item, "oom")) {
            /* what glib does when an allocation fails: complain and abort */
            for (;;) {
                size_t chunk = 16u << 20;
                char *p = malloc(chunk);
                if (!p) {
                    fputs("nianbao (test): failed to allocate 16 MB\n", stderr);
                    abort();
                }
                memset(p, 1, chunk);
            }
        }
    }
}

/* ---------------------------------------------------------------- the worker's side */

static long fatal_limit_mb;            /* the worker's RLIMIT_AS, for the fatal handler */

/* Address space of this process in MB, read from /proc with async-signal-safe calls only. */
static long own_vm_mb(void)
{
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0) return -1;
    char b[64];
    ssize_t n = read(fd, b, sizeof b - 1);
    close(fd);
    if (n <= 0) return -1;
    long pages = 0;
    for (ssize_t i = 0; i < n && b[i] >= '0' && b[i] <= '9'; i++) pages = pages * 10 + (b[i] - '0');
    return pages * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

static void on_fatal_signal(int sig)
{
    int e = errno;
    if (e == ENOMEM || (fatal_limit_mb > 0 && own_vm_mb() + 32 >= fatal_limit_mb))
        _exit(NB_WORKER_EXIT_MEMORY);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_fatal_handlers(void)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGABRT, &sa, NULL);
    /* the sanitizers report SIGSEGV and friends themselves, with a stack trace worth keeping */
    if (!NB_SANITIZED) {
        sigaction(SIGSEGV, &sa, NULL);
        sigaction(SIGBUS, &sa, NULL);
        sigaction(SIGFPE, &sa, NULL);
        sigaction(SIGILL, &sa, NULL);
    }
}

/* Read exactly n bytes; returns n, 0 at end of file, -1 on error or a short read. */
static ssize_t read_full(int fd, void *p, size_t n)
{
    char *s = p;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, s + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) return got ? -1 : 0;
        got += (size_t)r;
    }
    return (ssize_t)n;
}

/* The results a worker has finished and not yet sent. Sending each document's frame by itself
 * woke the parent once per document; a few held back go out in one writev. */
typedef struct held {
    nb_result  res[NB_WORKER_DEPTH];
    frame_head head[NB_WORKER_DEPTH];
    int        n;
    size_t     bytes;
    double     since;              /* when the first of them was finished */
} held;

/* Fill the frame head of result i of hp for input index. */
static void hold_frame(held *hp, int64_t index)
{
    const nb_result *res = &hp->res[hp->n];
    frame_head *h = &hp->head[hp->n];
    memset(h, 0, sizeof *h);
    h->magic = NB_FRAME_MAGIC;
    h->index = index;
    h->unreadable = res->unreadable;
    h->worst = res->worst;
    for (int s = 0; s < 3; s++) h->counts[s] = res->counts[s];
    h->status = (int32_t)res->status;
    h->err = (int32_t)res->err;
    h->today_from = res->today_from;
    h->today_until = res->today_until;
    for (int k = 0; k < NB_OUT__COUNT; k++) h->len[k] = res->out[k].len;
    h->len[NB_OUT__COUNT] = res->summary.len;
    h->len[NB_OUT__COUNT + 1] = strlen(res->detail);
    for (int k = 0; k < NB_FRAME_BUFS; k++) hp->bytes += h->len[k];
    if (hp->n++ == 0) hp->since = nb_now();
}

/* Send every held frame, in order, in one writev. */
static int send_held(int fd, held *hp)
{
    struct iovec iov[NB_WORKER_DEPTH * (1 + NB_FRAME_BUFS)];
    int n = 0;
    for (int i = 0; i < hp->n; i++) {
        const nb_result *res = &hp->res[i];
        const frame_head *h = &hp->head[i];
        iov[n++] = (struct iovec){(void *)h, sizeof *h};
        for (int k = 0; k < NB_OUT__COUNT; k++)
            if (h->len[k]) iov[n++] = (struct iovec){res->out[k].p, h->len[k]};
        if (h->len[NB_OUT__COUNT]) iov[n++] = (struct iovec){res->summary.p, h->len[NB_OUT__COUNT]};
        if (h->len[NB_OUT__COUNT + 1]) iov[n++] = (struct iovec){(void *)res->detail, h->len[NB_OUT__COUNT + 1]};
    }
    hp->n = 0;
    hp->bytes = 0;
    return n ? nb_writev_all(fd, iov, n) : 0;
}

/* Hold the frames back only while the parent has already queued the next task (it then needs
 * nothing from us yet), and not past a quarter of a second or 256 KB: the parent's --timeout
 * clock runs from the last frame it received. */
static int should_send(int task_fd, const held *hp)
{
    if (hp->n == 0) return 0;
    if (hp->n == NB_WORKER_DEPTH || hp->bytes >= 256u << 10 || nb_now() - hp->since >= 0.25) return 1;
    struct pollfd pf = {task_fd, POLLIN, 0};
    return poll(&pf, 1, 0) <= 0;
}

/* Set the process up as a worker: die with the parent, leave Ctrl-C to the parent, limits. */
static void become_worker(const nb_pool *p, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);          /* the parent died before prctl */
    /* Ctrl-C and SIGTERM go to the parent, which decides; workers die with it (PDEATHSIG) */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGPIPE, SIG_DFL);
    if (!NB_SANITIZED && p->max_memory_mb > 0) {
        struct rlimit rl;
        rl.rlim_cur = rl.rlim_max = (rlim_t)p->max_memory_mb << 20;
        if (setrlimit(RLIMIT_AS, &rl) == 0) fatal_limit_mb = p->max_memory_mb;
    }
    install_fatal_handlers();
}

static void worker_main(nb_pool *p, int task_fd, int result_fd)
{
    static held hp;               /* static: ~1 KB of heads, not on the signal-sized stack */
    for (;;) {
        if (should_send(task_fd, &hp) && send_held(result_fd, &hp) != 0) break;
        int64_t index;
        if (read_full(task_fd, &index, sizeof index) != (ssize_t)sizeof index) break;
        if (index < 0 || (size_t)index >= p->in->n) break;
        const nb_input *in = &p->in->v[index];
        errno = 0;                                /* ENOMEM from now on means this document */
        nb_test_fault(in->path);
        nb_process_input(p->run, in, &hp.res[hp.n]);
        hold_frame(&hp, index);
    }
    send_held(result_fd, &hp);
    for (int i = 0; i < NB_WORKER_DEPTH; i++) nb_result_free(&hp.res[i]);
    nb_result_free(&p->scratch);
    /* exit, not _exit: under the sanitizers this is when LeakSanitizer looks for our leaks */
    exit(0);
}

/* ---------------------------------------------------------------- the parent's side */

int nb_pool_init(nb_pool *p, int n, const nb_run *run, const nb_inputs *in, int timeout,
                 long max_memory_mb, const int *close_fds, int nclose_fds)
{
    memset(p, 0, sizeof *p);
    p->w = calloc((size_t)n, sizeof *p->w);
    if (!p->w) abort();
    p->n = n;
    p->run = run;
    p->in = in;
    p->timeout = timeout;
    p->max_memory_mb = max_memory_mb;
    p->close_fds = close_fds;
    p->nclose_fds = nclose_fds;
    for (int i = 0; i < n; i++) p->w[i].task_fd = p->w[i].result_fd = -1;
    return 0;
}

static int spawn(nb_pool *p, nb_worker *w)
{
    int task[2], result[2];
    if (pipe2(task, O_CLOEXEC) != 0) return -1;
    if (pipe2(result, O_CLOEXEC) != 0) {
        close(task[0]);
        close(task[1]);
        return -1;
    }
    pid_t parent = getpid();
    fflush(NULL);                                /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(task[0]); close(task[1]); close(result[0]); close(result[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(task[1]);
        close(result[0]);
        /* another worker's pipe held open here would hide that worker's death from the parent */
        for (int i = 0; i < p->n; i++) {
            if (p->w[i].task_fd >= 0) close(p->w[i].task_fd);
            if (p->w[i].result_fd >= 0) close(p->w[i].result_fd);
        }
        for (int i = 0; i < p->nclose_fds; i++) close(p->close_fds[i]);
        become_worker(p, parent);
        worker_main(p, task[0], result[1]);
    }
    close(task[0]);
    close(result[1]);
    fcntl(result[0], F_SETFL, fcntl(result[0], F_GETFL) | O_NONBLOCK);
    /* room for a whole frame (a text report's is ~50 KB, a PDF's more): the worker then goes on to
     * its next task instead of waiting for the parent to empty the default 64 KB. A refusal (the
     * system's pipe-max-size) only costs speed. */
    fcntl(result[0], F_SETPIPE_SZ, 1 << 20);
    w->pid = pid;
    w->task_fd = task[1];
    w->result_fd = result[0];
    w->ntask = 0;
    w->gone = 0;
    nb_buf_clear(&w->rx);
    return 0;
}

/* Close the pipes of a worker that has been waited for. */
static void forget(nb_worker *w)
{
    if (w->task_fd >= 0) close(w->task_fd);
    if (w->result_fd >= 0) close(w->result_fd);
    w->task_fd = w->result_fd = -1;
    w->pid = 0;
    w->ntask = 0;
    w->gone = 0;
    nb_buf_clear(&w->rx);
}

/* Wait for a worker; what a LibreOffice conversion it was killed in left behind goes with it. */
static int reap(nb_worker *w)
{
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) nb_office_cleanup(w->pid);
    return status;
}

/* An idle worker first, then a new one, then the least loaded with room: work spreads over -j
 * workers before any of them queues a second task. */
nb_worker *nb_pool_idle(nb_pool *p, int depth)
{
    if (depth > NB_WORKER_DEPTH) depth = NB_WORKER_DEPTH;
    for (int i = 0; i < p->n; i++)
        if (p->w[i].pid && !p->w[i].gone && !p->w[i].careful && p->w[i].ntask == 0) return &p->w[i];
    for (int i = 0; i < p->n; i++) {
        if (p->w[i].pid || p->w[i].careful) continue;
        if (spawn(p, &p->w[i]) == 0) return &p->w[i];
        break;
    }
    nb_worker *best = NULL;
    for (int i = 0; i < p->n; i++) {
        nb_worker *w = &p->w[i];
        if (w->pid && !w->gone && !w->careful && w->ntask < depth && (!best || w->ntask < best->ntask)) best = w;
    }
    return best;
}

int nb_pool_send(nb_pool *p, nb_worker *w, long index)
{
    int64_t v = index;
    if (nb_write_all(w->task_fd, &v, sizeof v) != 0) {
        /* it died (killed from outside). Idle: wait for it now. Holding tasks: its result pipe
         * says so at the next wait, which reports the first and sends the others again. */
        if (w->ntask == 0) {
            kill(w->pid, SIGKILL);
            reap(w);
            forget(w);
        } else {
            w->gone = 1;
        }
        return -1;
    }
    (void)p;
    if (w->ntask == 0) w->started = nb_now();
    w->task[w->ntask++] = index;
    return 0;
}

int nb_pool_busy(const nb_pool *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->w[i].pid && p->w[i].ntask > 0) return 1;
    return 0;
}

/* Resident size of a process in MB, or -1. */
static long rss_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long size = 0, resident = -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

/* Why a worker died, as an nb_error and a detail for the documents row. */
static nb_error classify(const nb_pool *p, int status, int killed, char *detail, size_t n)
{
    if (killed == KILLED_TIMEOUT) {
        snprintf(detail, n, "%d s", p->timeout);
        return NB_ERR_TIMEOUT;
    }
    if (killed == KILLED_MEMORY) {
        snprintf(detail, n, "RSS > %ld MB", p->max_memory_mb);
        return NB_ERR_MEMORY;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == NB_WORKER_EXIT_MEMORY) {
        snprintf(detail, n, "allocation failed at the %ld MB limit", p->max_memory_mb);
        return NB_ERR_MEMORY;
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char *name = sigabbrev_np(sig);
        if (sig == SIGKILL) {
            /* nobody here sent it: the kernel's out-of-memory killer is the usual sender */
            snprintf(detail, n, "SIGKILL");
            return NB_ERR_MEMORY;
        }
        snprintf(detail, n, "SIG%s", name ? name : "?");
        return NB_ERR_CRASH;
    }
    if (WIFEXITED(status)) snprintf(detail, n, "exit status %d", WEXITSTATUS(status));
    else snprintf(detail, n, "lost");
    return NB_ERR_CRASH;
}

/* Give the careful worker in slot w its next suspect (starting a worker there if none runs); with
 * none left it is an ordinary worker again. A suspect no worker can be started for is lost. */
static void careful_next(nb_pool *p, nb_worker *w, nb_pool_done done, void *ctx)
{
    while (w->nsuspect > 0) {
        long index = w->suspect[0];
        if (!w->pid && spawn(p, w) != 0) {
            for (int i = 0; i < w->nsuspect; i++) done(ctx, w->suspect[i], NULL, NB_ERR_CRASH, "worker lost");
            w->nsuspect = 0;
            break;
        }
        int64_t v = index;
        if (nb_write_all(w->task_fd, &v, sizeof v) == 0) {
            memmove(w->suspect, w->suspect + 1, (size_t)(--w->nsuspect) * sizeof *w->suspect);
            w->task[0] = index;
            w->ntask = 1;
            w->started = nb_now();
            return;
        }
        kill(w->pid, SIGKILL);               /* gone before its task: another in its place */
        reap(w);
        forget(w);
    }
    w->careful = 0;
}

/* A busy worker ended without a complete frame: wait for it and find why. With one task in hand
 * that task is the one it died on, and is reported; with several, they become the suspects of a
 * careful worker in its place (see the top of this file). A careful worker goes on with the rest
 * of its suspects. */
static void worker_died(nb_pool *p, nb_worker *w, int killed, nb_pool_done done, void *ctx)
{
    long tasks[NB_WORKER_DEPTH];
    int ntasks = w->ntask;
    memcpy(tasks, w->task, (size_t)ntasks * sizeof *tasks);
    if (killed) kill(w->pid, SIGKILL);
    int status = reap(w);
    char detail[96];
    nb_error err = classify(p, status, killed, detail, sizeof detail);
    forget(w);
    if (ntasks == 1) {
        done(ctx, tasks[0], NULL, err, detail);
    } else {                                 /* not careful: it had no suspects of its own */
        memcpy(w->suspect, tasks, (size_t)ntasks * sizeof *tasks);
        w->nsuspect = ntasks;
        w->careful = 1;
    }
    if (w->careful) careful_next(p, w, done, ctx);
}

/* A complete frame at offset off of w->rx? Decode it into p->scratch, set *used to its length and
 * return 1; 0 if more bytes are needed; -1 if the bytes are not a frame for the task in progress. */
static int take_frame(nb_pool *p, nb_worker *w, size_t off, size_t *used)
{
    if (w->rx.len - off < sizeof(frame_head)) return 0;
    frame_head h;
    memcpy(&h, w->rx.p + off, sizeof h);
    if (h.magic != NB_FRAME_MAGIC || h.index != w->task[0]) return -1;
    uint64_t total = sizeof h;
    for (int k = 0; k < NB_FRAME_BUFS; k++) {
        if (h.len[k] > (uint64_t)1 << 40) return -1;
        total += h.len[k];
    }
    if (w->rx.len - off < total) return 0;
    *used = (size_t)total;
    nb_result *r = &p->scratch;
    nb_result_clear(r);
    r->unreadable = h.unreadable;
    r->worst = h.worst;
    for (int s = 0; s < 3; s++) r->counts[s] = h.counts[s];
    r->status = (nb_status)h.status;
    r->err = (nb_error)h.err;
    r->today_from = (long)h.today_from;
    r->today_until = (long)h.today_until;
    nb_result_fill(r, w->rx.p + off + sizeof h, h.len);
    return 1;
}

/* Finish the tasks whose frames are whole in w->rx, in order. Returns -1 on bytes that are not
 * our protocol (the worker is then treated as crashed). */
static int take_frames(nb_pool *p, nb_worker *w, nb_pool_done done, void *ctx)
{
    size_t used, off = 0;
    int got = 0;
    while (w->ntask > 0) {
        got = take_frame(p, w, off, &used);
        if (got <= 0) break;
        long index = w->task[0];
        memmove(w->task, w->task + 1, (size_t)(--w->ntask) * sizeof *w->task);
        off += used;
        w->started = nb_now();                      /* the next task's clock starts now */
        done(ctx, index, &p->scratch, NB_ERR_NONE, NULL);
        if (w->careful && w->ntask == 0) {
            careful_next(p, w, done, ctx);
            if (w->rx.len < off) return 0;          /* it was replaced: its bytes went with it */
        }
    }
    memmove(w->rx.p, w->rx.p + off, w->rx.len - off);
    w->rx.len -= off;
    if (got < 0) return -1;
    return w->ntask == 0 && w->rx.len ? -1 : 0;    /* bytes for no task */
}

/* Read what a busy worker has sent; finish its tasks as their frames become whole. */
static void drain(nb_pool *p, nb_worker *w, nb_pool_done done, void *ctx)
{
    for (;;) {
        nb_buf_grow(&w->rx, 256u << 10);              /* read straight into the frame buffer */
        ssize_t r = read(w->result_fd, w->rx.p + w->rx.len, w->rx.cap - w->rx.len - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return;                          /* EAGAIN: more later */
        if (r == 0) {                               /* died without finishing the frame */
            if (w->ntask > 0) worker_died(p, w, KILLED_NOT, done, ctx);
            return;
        }
        w->rx.len += (size_t)r;
        if (take_frames(p, w, done, ctx) != 0) {   /* not our protocol: treat as a crash */
            worker_died(p, w, KILLED_NOT, done, ctx);
            return;
        }
        if (w->ntask == 0) {
            /* one that could not take a task but has answered all it had: replace it now */
            if (w->gone) {
                kill(w->pid, SIGKILL);
                reap(w);
                forget(w);
            }
            return;
        }
    }
}

/* Kill the workers past their time or their memory. */
static void enforce_limits(nb_pool *p, nb_pool_done done, void *ctx)
{
    double now = nb_now();
    for (int i = 0; i < p->n; i++) {
        nb_worker *w = &p->w[i];
        if (!w->pid || w->ntask == 0) continue;
        if (p->timeout > 0 && now - w->started >= p->timeout) {
            worker_died(p, w, KILLED_TIMEOUT, done, ctx);
            continue;
        }
        if (p->max_memory_mb > 0 && now - p->last_rss_check >= 0.05) {
            long rss = rss_mb(w->pid);
            if (rss > p->max_memory_mb) worker_died(p, w, KILLED_MEMORY, done, ctx);
        }
    }
    if (now - p->last_rss_check >= 0.05) p->last_rss_check = now;
}

void nb_pool_wait(nb_pool *p, int ms, nb_pool_done done, void *ctx)
{
    struct pollfd fds[p->n > 0 ? p->n : 1];
    nb_worker *who[p->n > 0 ? p->n : 1];
    int k = 0;
    double now = nb_now(), wait = ms / 1000.0;
    for (int i = 0; i < p->n; i++) {
        nb_worker *w = &p->w[i];
        if (!w->pid || w->ntask == 0) continue;
        fds[k].fd = w->result_fd;
        fds[k].events = POLLIN;
        fds[k].revents = 0;
        who[k++] = w;
        if (p->timeout > 0) {
            double left = w->started + p->timeout - now;
            if (left < wait) wait = left > 0 ? left : 0;
        }
    }
    int rc = poll(fds, (nfds_t)k, (int)(wait * 1000) + 1);
    if (rc > 0)
        for (int i = 0; i < k; i++)
            if (fds[i].revents && who[i]->ntask > 0) drain(p, who[i], done, ctx);
    enforce_limits(p, done, ctx);
}

int nb_pool_close(nb_pool *p)
{
    int abnormal = 0;
    for (int i = 0; i < p->n; i++) {
        nb_worker *w = &p->w[i];
        if (!w->pid) continue;
        if (w->ntask > 0) kill(w->pid, SIGKILL);     /* only when the batch is abandoned */
        close(w->task_fd);                           /* end of input: the worker exits */
        w->task_fd = -1;
    }
    for (int i = 0; i < p->n; i++) {
        nb_worker *w = &p->w[i];
        if (!w->pid) continue;
        int busy = w->ntask > 0, status = reap(w);
        if (!busy && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            char detail[96];
            classify(p, status, KILLED_NOT, detail, sizeof detail);
            fprintf(stderr, "nianbao: worker %ld: %s\n", (long)w->pid, detail);
            abnormal++;
        }
        forget(w);
        nb_buf_free(&w->rx);
    }
    for (int i = 0; i < p->n; i++) nb_buf_free(&p->w[i].rx);
    free(p->w);
    nb_result_free(&p->scratch);
    memset(p, 0, sizeof *p);
    return abnormal;
}
