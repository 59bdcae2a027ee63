/*
 * cmd/batch.c — run the pipeline over a batch of inputs (see batch.h).
 *
 * Scheduling: inputs go out to worker processes (worker.h) in input order, at most `window` ahead
 * of the first one not yet written; results come back in any order into a ring of that many slots
 * and are written strictly in input order. So memory stays flat however many files there are, and
 * the bytes written (outputs and stderr) do not depend on -j. With --no-fork each input is
 * processed right here, through the same ring and writer.
 *
 * After each document's rows are appended, the journal (journal.h) records it, which is what lets
 * --resume continue an interrupted run. SIGINT/SIGTERM leave the partial files and the journal in
 * place (and the previous outputs untouched) and say how to continue.
 */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"
#include "inputs.h"
#include "journal.h"
#include "jsonl.h"
#include "output.h"
#include "progress.h"
#include "shard.h"
#include "worker.h"
#include "xreport.h"

int nb_fail_on_level(const char *s)
{
    if (!s || !strcmp(s, "error")) return 2;
    if (!strcmp(s, "warning")) return 1;
    if (!strcmp(s, "info")) return 0;
    if (!strcmp(s, "never") || !strcmp(s, "none")) return 3;
    return -1;
}

typedef struct slot {
    nb_result  res;
    nb_file_id id;            /* the input's size and mtime when it was sent out (the journal's) */
    int        ready;
    int        reused;        /* the result came from the state (--state), the file was not read */
} slot;

typedef struct batch {
    const nb_opts   *o;
    const nb_run    *run;
    const nb_inputs *in;
    int              fail_level;
    slot            *ring;
    size_t           window;
    size_t           next_send, next_write;
    nb_outputs       out;
    nb_journal       journal;
    nb_progress      progress;
    nb_pool          pool;
    nb_xstage       *xs;              /* the per-run stage (audit), with the state */
    int              unreadable, failing, write_failed;
    long             counts[3];
    const size_t    *global;          /* --shard: each input's place among all (NULL: i itself) */
    size_t           total;           /* how many inputs the whole run has */
    nb_buf           options;         /* what shapes the output bytes (options_key) */
    int              jsonl_fd;        /* --jsonl: the stream, -1 without */
    char            *jsonl_partial, *jsonl_final;   /* NULL for standard output */
    nb_buf           jsonl;           /* records of the documents emitted, not yet written */
} batch;

/* ---------------------------------------------------------------- interruption */

static char interrupted_msg[1024];

static void on_interrupt(int sig)
{
    ssize_t w = write(2, interrupted_msg, strlen(interrupted_msg));
    (void)w;
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_interrupts(const nb_opts *o)
{
    snprintf(interrupted_msg, sizeof interrupted_msg,
             NB_TR(o, "\nnianbao: 已中断；%s 中原有的输出未动，用 --resume 继续这次运行\n",
                      "\nnianbao: interrupted; the previous outputs in %s are untouched; --resume continues this run\n"),
             o->out_dir);
    signal(SIGINT, on_interrupt);
    signal(SIGTERM, on_interrupt);
    signal(SIGPIPE, SIG_IGN);          /* a worker that died is noticed by its pipe, not by a signal */
}

static void release_interrupts(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
}

/* ---------------------------------------------------------------- start: fresh or resumed */

/* Everything that shapes the output bytes, so that --resume never mixes two kinds of run. with_today:
 * --today too (the journal's key); the state's key leaves it out, since a result kept there says
 * itself over which days it holds (nb_result.today_from/until). */
static void options_key(const nb_opts *o, const nb_run *run, int with_today, nb_buf *b)
{
    nb_buf_printf(b, "%s lang=%s bom=%d version=%s", run->audit ? "audit" : "extract", o->en ? "en" : "zh",
                  o->bom, NB_VERSION);
    const char *files[3] = {o->waivers, o->deadlines_file, o->roster};
    const char *names[3] = {"waivers", "deadlines", "roster"};
    for (int i = 0; i < 3; i++) {
        if (!files[i]) continue;
        nb_file_id id;
        nb_file_identify(files[i], &id);
        nb_buf_printf(b, " %s=%s@%lld.%lld", names[i], files[i], id.size, id.mtime_ns);
    }
    if (o->deadline) nb_buf_printf(b, " deadline=%s", o->deadline);
    if (o->today && with_today) nb_buf_printf(b, " today=%s", o->today);
}

/* Open the output directory: take over an interrupted run (--resume) or start fresh. Returns the
 * index of the first input to process, or -1 (message printed). */
static long start_outputs(batch *b)
{
    const nb_opts *o = b->o;
    if (nb_outputs_mkdir(o->out_dir) != 0 || nb_journal_open(&b->journal, o->out_dir, o->en) != 0) return -1;
    nb_buf key = {0};
    nb_buf_puts(&key, b->options.p);
    if (o->shard) nb_buf_printf(&key, " shard=%s", o->shard);
    nb_resume r;
    long first = -1;
    if (o->resume && nb_journal_resume(&b->journal, key.p, b->in, b->fail_level, &r) &&
        nb_outputs_reopen(&b->out, o->out_dir, b->run, r.len) == 0) {
        first = (long)r.done;
        b->unreadable = r.unreadable;
        b->failing = r.failing;
        memcpy(b->counts, r.counts, sizeof b->counts);
        if (!o->quiet)
            fprintf(stderr, NB_TR(o, "nianbao: 继续上次中断的运行：%zu 个文件已完成\n",
                                     "nianbao: resuming the interrupted run: %zu files already done\n"),
                    r.done);
    } else {
        if (o->resume && !o->quiet)
            fprintf(stderr, "%s", NB_TR(o, "nianbao: 没有可继续的运行，从头开始\n",
                                           "nianbao: no interrupted run to resume; starting from the beginning\n"));
        if (nb_outputs_create(&b->out, o->out_dir, b->run, o->bom) == 0 &&
            nb_journal_begin(&b->journal, key.p, b->out.len) == 0)
            first = 0;
    }
    nb_buf_free(&key);
    if (first < 0) nb_journal_close(&b->journal);
    return first;
}

/* ---------------------------------------------------------------- one result, in order */

static void report_unreadable(const batch *b, const char *path, const nb_result *res)
{
    const char *msg = nb_error_message(res->err ? res->err : NB_ERR_OPEN, b->o->en ? "en" : "zh");
    /* the file errors are the one thing --quiet keeps */
    if (res->detail[0]) fprintf(stderr, "nianbao: %s: %s (%s)\n", path, msg, res->detail);
    else fprintf(stderr, "nianbao: %s: %s\n", path, msg);
}

/* -v: a line per file, then the audit's summary of it */
static void report_verbose(const batch *b, size_t i, const nb_result *res)
{
    fprintf(stderr, "nianbao: [%zu/%zu] %s: %s\n", i + 1, b->in->n, b->in->v[i].path, nb_status_name(res->status));
    if (res->summary.len) fputs(res->summary.p, stderr);
}

/* What goes on the terminal for one file besides the progress line: with -v every file; otherwise
 * (a terminal, not -q) the audit's summary of the files that fail --fail-on. */
static void report_file(batch *b, size_t i, const nb_result *res)
{
    int failing = res->worst >= b->fail_level;
    if (!b->o->verbose && !(b->progress.on && failing && res->summary.len)) return;
    nb_progress_clear(&b->progress);
    if (b->o->verbose) report_verbose(b, i, res);
    else fputs(res->summary.p, stderr);
}

/* Write the result of input i (its slot is ready) and journal it. */
static void emit(batch *b, size_t i)
{
    slot *s = &b->ring[i % b->window];
    nb_result *res = &s->res;
    size_t place = b->global ? b->global[i] : i;
    if (b->run->shard_head) {
        /* where this document's rows start in each file: merge copies them from there */
        nb_buf_clear(&res->out[NB_OUT_SHARD]);
        nb_shard_line(&res->out[NB_OUT_SHARD], place, res, b->out.len, b->in->v[i].path);
    }
    if (b->jsonl_fd >= 0) nb_jsonl_record(&b->jsonl, b->options.p, place, b->total, res);
    if (!b->write_failed) {
        nb_outputs_append(&b->out, res);
        nb_journal_record(&b->journal, i, b->in->v[i].path, &s->id, res, b->out.len);
        nb_xstage_record(b->xs, b->in->v[i].path, &s->id, res, s->reused);
    }
    if (res->unreadable) {
        nb_progress_clear(&b->progress);
        b->unreadable++;
        report_unreadable(b, b->in->v[i].path, res);
    }
    report_file(b, i, res);
    for (int k = 0; k < 3; k++) b->counts[k] += res->counts[k];
    if (res->worst >= b->fail_level) b->failing++;
    s->ready = 0;
    s->reused = 0;
    nb_progress_update(&b->progress, i + 1, (size_t)b->unreadable);
}

/* The JSON Lines records of the documents just written: each goes out as soon as its rows have. */
static void write_jsonl(batch *b)
{
    if (b->jsonl_fd < 0 || !b->jsonl.len) return;
    if (nb_write_all(b->jsonl_fd, b->jsonl.p, b->jsonl.len) != 0) {
        fprintf(stderr, "nianbao: %s: %s\n", b->jsonl_partial ? b->jsonl_partial : "-", strerror(errno));
        b->write_failed = 1;
    }
    nb_buf_clear(&b->jsonl);
}

/* Emit every result that is next in order, then write their rows and, once those are written,
 * their journal lines: one write per file for the lot (the slots keep their rows until then). */
static void write_ready(batch *b)
{
    int any = 0;
    while (b->next_write < b->next_send && b->ring[b->next_write % b->window].ready && !b->write_failed) {
        emit(b, b->next_write++);
        any = 1;
    }
    if (any && !b->write_failed &&
        (nb_outputs_flush(&b->out) != 0 || nb_journal_flush(&b->journal) != 0))
        b->write_failed = 1;
    if (any) write_jsonl(b);
}

/* ---------------------------------------------------------------- producing results */

/* Process input i in this process (--no-fork, inputs that failed while walking, or a failed fork). */
static void process_here(batch *b, size_t i)
{
    slot *s = &b->ring[i % b->window];
    if (b->run->produce) {
        b->run->produce(b->run, i, &s->res);
    } else {
        if (b->o->no_fork && !b->in->v[i].err) nb_test_fault(b->in->v[i].path);
        nb_process_input(b->run, &b->in->v[i], &s->res);
    }
    s->ready = 1;
}

/* A worker finished (res) or died on the input (err, detail): fill its slot. */
static void on_done(void *ctx, long index, nb_result *res, nb_error err, const char *detail)
{
    batch *b = ctx;
    slot *s = &b->ring[(size_t)index % b->window];
    if (res) {
        nb_result tmp = s->res;
        s->res = *res;
        *res = tmp;
    } else {
        /* the row says why, like any unreadable file: built here, from the path alone */
        nb_input failed = b->in->v[index];
        failed.err = err;
        failed.detail = (char *)detail;
        nb_process_input(b->run, &failed, &s->res);
    }
    s->ready = 1;
}

/* Send out inputs while the window has room; returns 1 if it sent or produced anything. */
static int dispatch(batch *b)
{
    int moved = 0;
    while (b->next_send < b->in->n && b->next_send < b->next_write + b->window) {
        size_t i = b->next_send;
        slot *s = &b->ring[i % b->window];
        nb_file_identify(b->in->v[i].path, &s->id);
        if (!b->in->v[i].err && nb_xstage_reuse(b->xs, b->in->v[i].path, &s->id, &s->res)) {
            s->ready = s->reused = 1;                      /* unchanged since the state's run */
        } else if (b->o->no_fork || b->in->v[i].err) {
            process_here(b, i);
        } else {
            /* small files (text reports) queue deep; a large one, two deep (worker.h) */
            nb_worker *w = nb_pool_idle(&b->pool, s->id.size < (256 << 10) ? NB_WORKER_DEPTH : 2);
            if (!w) {
                if (nb_pool_busy(&b->pool)) break;        /* all busy: wait for one */
                process_here(b, i);                        /* cannot fork at all: do it here */
            } else if (nb_pool_send(&b->pool, w, (long)i) != 0) {
                continue;                                  /* that worker was gone: another */
            }
        }
        b->next_send++;
        moved = 1;
        if (b->o->no_fork) break;                          /* write each before the next */
    }
    return moved;
}

static int default_jobs(const nb_opts *o, size_t todo)
{
    long j = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (j < 1) j = 1;
    if (j > 256) j = 256;
    if ((size_t)j > todo) j = todo ? (long)todo : 1;
    return (int)j;
}

static void run_all(batch *b, size_t first)
{
    b->next_send = b->next_write = first;
    while (b->next_write < b->in->n && !b->write_failed) {
        int moved = dispatch(b);
        write_ready(b);
        if (b->next_write >= b->in->n || b->write_failed) break;
        if (!moved || nb_pool_busy(&b->pool)) nb_pool_wait(&b->pool, 100, on_done, b);
        nb_progress_update(&b->progress, b->next_write, (size_t)b->unreadable);
    }
}

/* ---------------------------------------------------------------- the command */

static int check_options(const nb_opts *o, int fail_level)
{
    if (fail_level < 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: --fail-on 取 error|warning|info|never\n",
                                       "nianbao: --fail-on takes error|warning|info|never\n"));
        return -1;
    }
    if (!o->out_dir) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: 需要 -o 输出目录\n", "nianbao: -o DIR is required\n"));
        return -1;
    }
    if (o->timeout < 0 || o->max_memory_mb < 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: --timeout 与 --max-memory 不能为负\n",
                                       "nianbao: --timeout and --max-memory cannot be negative\n"));
        return -1;
    }
    return 0;
}

static void print_summary(const batch *b)
{
    const nb_opts *o = b->o;
    if (o->quiet) return;
    if (b->run->audit)
        fprintf(stderr, NB_TR(o, "nianbao: %zu 个文件，%d 个无法读取；发现 错误 %ld、警告 %ld、提示 %ld；输出在 %s\n",
                                 "nianbao: %zu files, %d unreadable; findings: %ld errors, %ld warnings, %ld info; output in %s\n"),
                b->in->n, b->unreadable, b->counts[2], b->counts[1], b->counts[0], o->out_dir);
    else
        fprintf(stderr, NB_TR(o, "nianbao: %zu 个文件，%d 个无法读取；输出在 %s\n",
                                 "nianbao: %zu files, %d unreadable; output in %s\n"),
                b->in->n, b->unreadable, o->out_dir);
}

/* --jsonl FILE|-: open the stream. A file is written under a partial name beside it and renamed
 * with the other outputs; standard output is written as it goes. Returns 0 or -1 (message). */
static int open_jsonl(batch *b)
{
    b->jsonl_fd = -1;
    const char *path = b->o->jsonl;
    if (!path) return 0;
    if (!strcmp(path, "-")) {
        b->jsonl_fd = 1;
        return 0;
    }
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path + 1) : 0, n = strlen(path) + 16;
    b->jsonl_final = strdup(path);
    b->jsonl_partial = malloc(n);
    if (!b->jsonl_final || !b->jsonl_partial) abort();
    snprintf(b->jsonl_partial, n, "%.*s.%s.partial", (int)dl, path, path + dl);
    b->jsonl_fd = open(b->jsonl_partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (b->jsonl_fd < 0) {
        fprintf(stderr, "nianbao: %s: %s\n", b->jsonl_partial, strerror(errno));
        return -1;
    }
    return 0;
}

/* Put the stream's file in place (ok) or drop it. Returns 0 or -1 (message). */
static int close_jsonl(batch *b, int ok)
{
    int rc = 0;
    if (b->jsonl_partial && b->jsonl_fd >= 0) {
        if (ok && (fsync(b->jsonl_fd) != 0 || close(b->jsonl_fd) != 0 ||
                   rename(b->jsonl_partial, b->jsonl_final) != 0)) {
            fprintf(stderr, "nianbao: %s: %s\n", b->jsonl_final, strerror(errno));
            rc = -1;
        }
        if (!ok) close(b->jsonl_fd);
        if (!ok || rc) unlink(b->jsonl_partial);
    }
    b->jsonl_fd = -1;
    free(b->jsonl_partial);
    free(b->jsonl_final);
    b->jsonl_partial = b->jsonl_final = NULL;
    nb_buf_free(&b->jsonl);
    return rc;
}

/* The end of a run, whichever way its results came (parsed here, or read back from shards by
 * merge): every document has been emitted in input order; put the outputs in place. Returns 0,
 * or -1 (message printed).
 *
 * The per-run stage (rules across reports, --state; issue 15) belongs here, before the commit: it
 * sees the whole run, and a merge of shards comes through this same function with the same
 * documents in the same order, so its cross-report findings are those of a single run. */
static int finish_run(batch *b)
{
    const nb_opts *o = b->o;
    if (b->write_failed) {
        nb_outputs_close(&b->out);
        nb_journal_close(&b->journal);        /* kept: --resume continues once there is room */
        close_jsonl(b, 0);
        fprintf(stderr, NB_TR(o, "nianbao: 无法写入 %s；原有的输出未动，问题解决后用 --resume 继续\n",
                                 "nianbao: cannot write to %s; the previous outputs are untouched; --resume continues once it is fixed\n"),
                o->out_dir);
        return -1;
    }
    /* the renames go through together: a Ctrl-C now takes effect once they are done */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, &old);
    int rc = nb_outputs_commit(&b->out, b->run);
    if (close_jsonl(b, rc == 0) != 0) rc = -1;
    if (rc == 0) nb_journal_finish(&b->journal);
    else nb_journal_close(&b->journal);
    release_interrupts();           /* a Ctrl-C held back now simply ends the process */
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int nb_batch_inputs(const nb_opts *o, nb_run *run, const nb_inputs *in, const size_t *global, size_t total)
{
    batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.run = run;
    b.in = in;
    b.global = global;
    b.total = total;
    b.jsonl_fd = -1;
    b.fail_level = nb_fail_on_level(o->fail_on);
    if (check_options(o, b.fail_level) != 0) return NB_EXIT_TROUBLE;
    options_key(o, run, 1, &b.options);
    nb_buf head = {0};
    if (o->shard) {
        int k, n;
        nb_shard_parse(o->shard, &k, &n);
        nb_shard_head(&head, k, n, total, b.options.p);
        run->shard_head = head.p;
    }
    long first = start_outputs(&b);
    int opened = first >= 0 && open_jsonl(&b) == 0;
    if (opened) {
        nb_buf key = {0};
        options_key(o, run, 0, &key);
        int xs_failed = 0;
        /* and the way scanned pages were read */
        nb_buf_printf(&key, " ocr=%d ocr_dpi=%d", o->ocr, o->ocr_dpi);
        b.xs = nb_xstage_open(o, run, in, key.p, &xs_failed);
        nb_buf_free(&key);
        opened = !xs_failed;
        if (first > 0) nb_xstage_resumed(b.xs);
        for (int k = 0; opened && k < NB_OUT__COUNT; k++)
            if (nb_xstage_keeps(b.xs, k)) {
                char src[4200];
                nb_outputs_keep(&b.out, k, nb_xstage_source(b.xs, k, src, sizeof src));
            }
    }
    if (!opened) {
        if (first >= 0) {
            nb_outputs_close(&b.out);
            nb_journal_close(&b.journal);
        }
        close_jsonl(&b, 0);
        nb_buf_free(&head);
        nb_buf_free(&b.options);
        return NB_EXIT_TROUBLE;
    }
    catch_interrupts(o);
    int jobs = default_jobs(o, in->n - (size_t)first);
    /* room for every task the workers can hold, and as many again finished out of order */
    b.window = (size_t)(jobs * 2 * NB_WORKER_DEPTH > 16 ? jobs * 2 * NB_WORKER_DEPTH : 16);
    b.ring = calloc(b.window, sizeof *b.ring);
    if (!b.ring) abort();
    int fds[NB_OUT__COUNT + 2];
    int nfds = nb_outputs_fds(&b.out, fds, NB_OUT__COUNT);
    fds[nfds++] = b.journal.fd;
    if (b.jsonl_partial) fds[nfds++] = b.jsonl_fd;
    run->limits.timeout_s = (unsigned)o->timeout;   /* a LibreOffice conversion stops within it */
    run->limits.ocr = o->ocr;                       /* scanned pages, read in the worker */
    run->limits.ocr_dpi = (unsigned)o->ocr_dpi;
    nb_pool_init(&b.pool, jobs, run, in, o->timeout, o->max_memory_mb, fds, nfds);
    nb_progress_init(&b.progress, isatty(2) && !o->quiet, o->en, in->n, (size_t)first);

    run_all(&b, (size_t)first);

    nb_progress_clear(&b.progress);
    int abnormal = nb_pool_close(&b.pool);
    if (!b.write_failed && nb_xstage_finish(b.xs, &b.out, b.fail_level, b.counts, &b.failing) != 0) b.write_failed = 1;
    nb_xstage_close(b.xs);
    int rc = finish_run(&b);
    release_interrupts();
    for (size_t k = 0; k < b.window; k++) nb_result_free(&b.ring[k].res);
    free(b.ring);
    if (rc == 0) print_summary(&b);
    run->shard_head = NULL;
    nb_buf_free(&head);
    nb_buf_free(&b.options);
    if (rc != 0 || b.unreadable || abnormal) return NB_EXIT_TROUBLE;
    return b.failing ? NB_EXIT_FINDINGS : NB_EXIT_OK;
}

int nb_batch(const nb_opts *o, nb_run *run)
{
    int k = 0, n = 0;
    if (o->shard && nb_shard_parse(o->shard, &k, &n) != 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: --shard 取 K/N（1 ≤ K ≤ N）\n", "nianbao: --shard takes K/N (1 <= K <= N)\n"));
        return NB_EXIT_TROUBLE;
    }
    nb_inputs in;
    if (nb_inputs_collect(o, &in) != 0) return NB_EXIT_TROUBLE;
    if (in.n == 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: 没有输入文件\n", "nianbao: no input files\n"));
        nb_inputs_free(&in);
        return NB_EXIT_TROUBLE;
    }
    size_t *global = NULL, total = in.n;
    /* a shard may well be empty (more shards than files): it still writes its folder and index,
     * which is what tells merge that this part of the run is done */
    if (o->shard) nb_shard_filter(&in, k, n, &global, &total);
    int rc = nb_batch_inputs(o, run, &in, global, total);
    free(global);
    nb_inputs_free(&in);
    return rc;
}
