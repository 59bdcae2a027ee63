/*
 * cmd/xreport.c — the per-run stage and the state of nightly runs (see xreport.h).
 *
 * What the stage reads is what the workers wrote: each readable report's summary line (the
 * internal output NB_OUT_XSUM, a partial file like the others, so --resume keeps it) and the
 * findings rows. It never sees a document model, and reads both files a line (a row) at a time;
 * what it holds per report is the compact nb_xdoc. With --state, an input whose stat or bytes and
 * versions are unchanged gets its rows back from the state (serialised nb_result), the earlier
 * reports' summaries join this run's, and every finding row of the run goes to the state, which
 * works out the new and resolved ones in the run's one transaction.
 */
#include "xreport.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../rules/audit_opts.h"
#include "../rules/roster.h"
#include "../rules/waivers.h"
#include "../rules/xreport.h"
#include "../store/state.h"
#include "fdio.h"
#include "worker.h"

#ifndef NB_VERSION
#define NB_VERSION "dev"
#endif

struct nb_xstage {
    const nb_opts   *o;
    const nb_run    *run;
    const nb_inputs *in;
    nb_state        *st;
    char            *catalog, *options;
    long             files, reused;
    nb_roster        roster;          /* the roster when the run has none loaded (a merge) */
    int              own_roster;
    nb_waivers       waivers;         /* the same for the waivers */
    nb_audit_opts    aopts;           /* a merge's: the day the waivers are judged by */
    int              own_waivers;
};

/* ---------------------------------------------------------------- the catalog's version */

/* A hash of every rule's id, severity and texts: a state read with another catalog is not reused. */
static char *catalog_version(void)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < nb_nrules; i++) {
        const nb_rule *r = &nb_rules[i];
        const char *parts[5] = {r->id, r->msg_zh, r->msg_en, r->desc_en, r->severity == NB_SEV_ERROR ? "e" : r->severity == NB_SEV_WARNING ? "w" : "i"};
        for (int k = 0; k < 5; k++) {
            for (const char *p = parts[k]; p && *p; p++) h = (h ^ (uint8_t)*p) * 1099511628211ull;
            h = (h ^ 0x1e) * 1099511628211ull;
        }
    }
    char *s = malloc(32);
    if (!s) abort();
    snprintf(s, 32, "%d-%016llx", nb_nrules, (unsigned long long)h);
    return s;
}

/* ---------------------------------------------------------------- results as bytes */

/* A result is kept zlib-compressed (level 1): cells.csv rows compress about tenfold, and a state of
 * 10,000 reports stays a fraction of their outputs' size. */
enum { BLOB_MAGIC = 0x4E425354 };   /* "NBST" */

typedef struct blob_head {
    uint32_t magic, nbufs;
    int32_t  unreadable, worst, counts[3], status, err;
    uint64_t len[NB_OUT__COUNT + 2];
} blob_head;

static void result_raw(const nb_result *res, nb_buf *b)
{
    blob_head h;
    memset(&h, 0, sizeof h);
    h.magic = BLOB_MAGIC;
    h.nbufs = NB_OUT__COUNT + 2;
    h.unreadable = res->unreadable;
    h.worst = res->worst;
    for (int s = 0; s < 3; s++) h.counts[s] = res->counts[s];
    h.status = (int32_t)res->status;
    h.err = (int32_t)res->err;
    for (int k = 0; k < NB_OUT__COUNT; k++) h.len[k] = res->out[k].len;
    h.len[NB_OUT__COUNT] = res->summary.len;
    h.len[NB_OUT__COUNT + 1] = strlen(res->detail);
    nb_buf_put(b, (const char *)&h, sizeof h);
    for (int k = 0; k < NB_OUT__COUNT; k++) nb_buf_put(b, res->out[k].p ? res->out[k].p : "", res->out[k].len);
    nb_buf_put(b, res->summary.p ? res->summary.p : "", res->summary.len);
    nb_buf_puts(b, res->detail);
}

static void result_blob(const nb_result *res, nb_buf *b)
{
    nb_buf raw = {0};
    result_raw(res, &raw);
    uLongf zn = compressBound((uLong)raw.len);
    uint64_t rawlen = raw.len;
    nb_buf_put(b, (const char *)&rawlen, sizeof rawlen);
    size_t at = b->len;
    nb_buf_grow(b, zn + 1);
    if (compress2((Bytef *)b->p + at, &zn, (const Bytef *)raw.p, (uLong)raw.len, 1) != Z_OK) abort();
    b->len = at + zn;
    nb_buf_free(&raw);
}

static int raw_result(const char *p, size_t n, nb_result *res)
{
    blob_head h;
    if (n < sizeof h) return -1;
    memcpy(&h, p, sizeof h);
    if (h.magic != BLOB_MAGIC || h.nbufs != NB_OUT__COUNT + 2) return -1;
    size_t total = sizeof h;
    for (unsigned k = 0; k < h.nbufs; k++) total += h.len[k];
    if (total != n) return -1;
    nb_result_clear(res);
    res->unreadable = h.unreadable;
    res->worst = h.worst;
    for (int s = 0; s < 3; s++) res->counts[s] = h.counts[s];
    res->status = (nb_status)h.status;
    res->err = (nb_error)h.err;
    nb_result_fill(res, p + sizeof h, h.len);
    return 0;
}

/* ---------------------------------------------------------------- CSV rows read back */

/* Split one CSV row (quotes undone) into at most max fields, each malloc'd; returns how many. */
static int csv_split(const char *p, size_t n, char **f, int max)
{
    int k = 0;
    const char *end = p + n;
    while (k < max) {
        nb_buf v = {0};
        nb_buf_put(&v, "", 0);
        int quoted = p < end && *p == '"';
        if (quoted) p++;
        while (p < end) {
            if (quoted && *p == '"' && p + 1 < end && p[1] == '"') nb_buf_put(&v, "\"", 1), p += 2;
            else if (quoted && *p == '"') quoted = 0, p++;
            else if (!quoted && (*p == ',' || *p == '\n' || *p == '\r')) break;
            else nb_buf_put(&v, p++, 1);
        }
        f[k++] = v.p;
        if (p >= end || *p != ',') break;
        p++;
    }
    return k;
}

/* Read whole CSV rows (a quoted field may hold a newline) from f, one at a time into row. */
static int next_row(FILE *f, nb_buf *row)
{
    row->len = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int quotes = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        nb_buf_put(row, line, (size_t)n);
        for (ssize_t i = 0; i < n; i++) quotes += line[i] == '"';
        if (quotes % 2 == 0) break;
    }
    free(line);
    return row->len > 0;
}

/* ---------------------------------------------------------------- open, reuse, record */

/* A merge's waivers (the run's are loaded by audit): for the findings across reports. */
static int open_waivers(nb_xstage *x, const nb_opts *o)
{
    const char *err = NULL;
    x->own_waivers = 1;
    if (nb_audit_opts_init(&x->aopts, o->today, o->deadline, NULL, o->en, &err) != 0 ||
        nb_waivers_load(o->waivers, &x->waivers, o->en, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        return -1;
    }
    return 0;
}

nb_xstage *nb_xstage_open(const nb_opts *o, const nb_run *run, const nb_inputs *in, const char *options_key, int *failed)
{
    *failed = 0;
    /* a shard's reports are judged across reports when the shards are merged: the shard keeps their
     * summaries (xreport.tsv) for the merge, which runs this stage */
    if (!run->audit || run->shard_head) return NULL;
    nb_xstage *x = calloc(1, sizeof *x);
    if (!x) abort();
    x->o = o;
    x->run = run;
    x->in = in;
    x->catalog = catalog_version();
    x->options = strdup(options_key);
    if (o->roster && !run->aopts.roster) {
        /* a merge: the documents' rows are made, the roster is only the stage's */
        const char *err = NULL;
        x->own_roster = 1;
        if (nb_roster_load(o->roster, &x->roster, o->en, &err) != 0) {
            fprintf(stderr, "nianbao: %s\n", err);
            nb_xstage_close(x);
            *failed = 1;
            return NULL;
        }
    }
    if (o->waivers && !run->waivers && open_waivers(x, o) != 0) {
        nb_xstage_close(x);
        *failed = 1;
        return NULL;
    }
    if (o->state) {
        const char *err = NULL;
        if (nb_state_open(o->state, o->busy_timeout_ms, o->en, &x->st, &err) != 0) {
            fprintf(stderr, "nianbao: %s\n", err);
            nb_xstage_close(x);
            *failed = 1;
            return NULL;
        }
        nb_state_begin_run(x->st, NB_VERSION, x->catalog, x->options);
        for (size_t i = 0; i < in->n; i++) nb_state_mark_input(x->st, in->v[i].path);
    }
    return x;
}

int nb_xstage_reuse(nb_xstage *x, const char *path, const nb_file_id *id, nb_result *res)
{
    if (!x || !x->st || id->size < 0) return 0;
    void *rows;
    size_t len;
    if (!nb_state_reuse(x->st, path, id->size, id->mtime_ns, &rows, &len)) return 0;
    int ok = 0;
    uint64_t rawlen;
    if (len > sizeof rawlen) {
        memcpy(&rawlen, rows, sizeof rawlen);
        uLongf n = (uLongf)rawlen;
        char *raw = rawlen < ((uint64_t)1 << 32) ? malloc((size_t)rawlen + 1) : NULL;
        ok = raw && uncompress((Bytef *)raw, &n, (const Bytef *)rows + sizeof rawlen, (uLong)(len - sizeof rawlen)) == Z_OK &&
             n == rawlen && raw_result(raw, (size_t)n, res) == 0;
        free(raw);
    }
    free(rows);
    return ok;
}

/* The sha256 of a document's row (documents.csv, second field). */
static char *row_sha256(const nb_result *res)
{
    char *f[2] = {NULL, NULL};
    int n = csv_split(res->out[NB_OUT_DOCUMENTS].p ? res->out[NB_OUT_DOCUMENTS].p : "", res->out[NB_OUT_DOCUMENTS].len, f, 2);
    char *sha = n == 2 ? f[1] : strdup("");
    if (n == 2) free(f[0]);
    else free(f[0]);
    return sha;
}

void nb_xstage_record(nb_xstage *x, const char *path, const nb_file_id *id, const nb_result *res, int reused)
{
    if (!x) return;
    x->files++;
    if (reused) {
        x->reused++;
        return;
    }
    /* an input that failed for want of time or memory is tried again next time */
    if (!x->st || id->size < 0 || res->err == NB_ERR_TIMEOUT || res->err == NB_ERR_MEMORY || res->err == NB_ERR_CRASH)
        return;
    nb_buf blob = {0};
    result_blob(res, &blob);
    char *sha = row_sha256(res);
    nb_buf line = {0};
    const nb_buf *xs = &res->out[NB_OUT_XSUM];
    if (xs->len) nb_buf_put(&line, xs->p, xs->len - (xs->p[xs->len - 1] == '\n'));
    nb_state_put_file(x->st, path, sha, id->size, id->mtime_ns, blob.p, blob.len, xs->len ? line.p : NULL);
    free(sha);
    nb_buf_free(&line);
    nb_buf_free(&blob);
}

/* ---------------------------------------------------------------- the stage */

/* This process's CPU time (user + system), for -v: the stage's share of an audit's CPU. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_earlier(void *ctx, long long run, const char *line, size_t len)
{
    nb_xrun_add(ctx, line, len, run ? (long)run : 1);
}

static int read_summaries(const char *path, nb_xrun *xr)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) nb_xrun_add(xr, line, (size_t)n, 0);
    free(line);
    fclose(f);
    return 0;
}

/* The findings across reports as they come out of the stage, in order: rows queued and written
 * every EMIT_BATCH findings, so that they are never all in memory. */
enum { EMIT_BATCH = 256 };

typedef struct emit {
    nb_xstage   *x;
    nb_outputs  *out;
    nb_result    res;
    int          queued, n, worst, write_failed;
    long        *counts;
    const nb_waivers *waivers;
    const nb_audit_opts *aopts;
} emit;

static void emit_flush(emit *e)
{
    if (!e->queued) return;
    nb_outputs_append(e->out, &e->res);
    if (nb_outputs_flush(e->out) != 0) e->write_failed = 1;
    for (int k = 0; k < NB_OUT__COUNT; k++) e->res.out[k].len = 0;
    e->queued = 0;
}

static void on_xfinding(void *ctx, const nb_xfinding *f)
{
    emit *e = ctx;
    const nb_opts *o = e->x->o;
    nb_finding nf;
    memset(&nf, 0, sizeof nf);
    nf.rule = f->rule;
    nf.severity = f->rule->severity;
    nf.table = f->table;
    nf.row = f->row;
    nf.col = f->col;
    nf.page = f->page;
    nf.expected = f->expected;
    nf.actual = f->actual;
    /* a waiver names the report the finding is on; ROSTER-MISSING is on no report: its target is
     * the roster's agency and the year missing */
    if (e->waivers) {
        long today = nb_ymd(e->aopts->today_y, e->aopts->today_m, e->aopts->today_d);
        nf.waived = f->doc ? nb_waiver_match(e->waivers, f->doc->sha256, f->doc->agency, f->doc->year, &nf, today)
                           : nb_waiver_match(e->waivers, "", f->col, atoi(f->row), &nf, today);
    }
    nb_finding_rows(f->doc ? f->doc->file : o->roster ? o->roster : "", f->doc ? f->doc->sha256 : "", &nf,
                    o->en ? f->msg_en : f->msg_zh, o->en, &e->res.out[NB_OUT_FINDINGS], &e->res.out[NB_OUT_JSONL]);
    e->n++;
    if (!nf.waived) {
        int sev = (int)f->rule->severity;
        e->counts[sev]++;
        if (sev > e->worst) e->worst = sev;
    }
    if (++e->queued == EMIT_BATCH) emit_flush(e);
}

/* Every findings row of this run into the state. */
static void record_findings(nb_xstage *x, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    nb_buf row = {0};
    int first = 1;
    while (next_row(f, &row)) {
        const char *p = row.p;
        size_t n = row.len;
        if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3, n -= 3;
        if (first) {                  /* the header */
            first = 0;
            continue;
        }
        char *v[7] = {0};
        int k = csv_split(p, n, v, 7);
        if (k == 7) nb_state_put_finding(x->st, v[0], v[2], v[4], v[5], v[6], p, n);
        for (int i = 0; i < k; i++) free(v[i]);
    }
    nb_buf_free(&row);
    fclose(f);
}

static int write_file_atomic(const char *dir, const char *name, const nb_buf *b)
{
    char *tmp = g_strdup_printf("%s/.%s.partial", dir, name), *final = g_strdup_printf("%s/%s", dir, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int rc = fd < 0 || nb_write_all(fd, b->p ? b->p : "", b->len) != 0 || fsync(fd) != 0 ? -1 : 0;
    if (fd >= 0 && close(fd) != 0) rc = -1;
    if (rc == 0 && rename(tmp, final) != 0) rc = -1;
    if (rc != 0) fprintf(stderr, "nianbao: %s: %s\n", final, strerror(errno));
    g_free(tmp);
    g_free(final);
    return rc;
}

typedef struct changes_out {
    nb_buf csv[3];
} changes_out;

static int on_change(void *ctx, const nb_state_change *c)
{
    changes_out *co = ctx;
    if (c->kind == NB_CHANGE_NEW || c->kind == NB_CHANGE_RESOLVED) nb_buf_put(&co->csv[c->kind], c->f.csv, c->f.csv_len);
    return 0;
}

/* findings-new.csv and findings-resolved.csv of run, beside findings.csv. */
static int write_changes(nb_xstage *x, long long run_id)
{
    nb_state *ro;
    const char *err = NULL;
    if (nb_state_open_ro(x->o->state, x->o->busy_timeout_ms, x->o->en, &ro, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        return -1;
    }
    changes_out co;
    memset(&co, 0, sizeof co);
    for (int k = 1; k <= 2; k++) {
        if (x->o->bom) nb_buf_puts(&co.csv[k], "\xEF\xBB\xBF");
        nb_out_header(NB_OUT_FINDINGS, &co.csv[k]);
    }
    nb_arena a;
    nb_arena_init(&a);
    int rc = nb_state_each_change(ro, run_id, &a, on_change, &co);
    nb_arena_free(&a);
    nb_state_close(ro);
    if (rc == 0) rc = write_file_atomic(x->o->out_dir, "findings-new.csv", &co.csv[1]);
    if (rc == 0) rc = write_file_atomic(x->o->out_dir, "findings-resolved.csv", &co.csv[2]);
    for (int k = 0; k < 3; k++) nb_buf_free(&co.csv[k]);
    return rc;
}

int nb_xstage_finish(nb_xstage *x, nb_outputs *out, int fail_level, long counts[3], int *failing)
{
    if (!x) return 0;
    const nb_opts *o = x->o;
    if (nb_outputs_flush(out) != 0) return -1;
    nb_xopts xo = {
        .copy_last_year = o->copy_last_year > 0 ? o->copy_last_year : NB_COPY_LAST_YEAR_DEFAULT,
        .copy_other = o->copy_other > 0 ? o->copy_other : NB_COPY_OTHER_DEFAULT,
        .year = o->year,
        .roster = x->own_roster ? &x->roster : x->run->aopts.roster,
        .roster_path = o->roster,
    };
    double t0 = nb_now(), c0 = cpu_now();
    nb_xrun *xr = nb_xrun_open(&xo);
    read_summaries(out->partial[NB_OUT_XSUM], xr);
    int nrun = nb_xrun_count(xr);
    if (x->st) nb_state_each_earlier_summary(x->st, on_earlier, xr);
    emit e = {.x = x, .out = out, .worst = -1, .counts = counts,
              .waivers = x->own_waivers ? &x->waivers : x->run->waivers,
              .aopts = x->own_waivers ? &x->aopts : &x->run->aopts};
    int rc = nb_xrun_check(xr, on_xfinding, &e);
    if (rc != 0)
        fprintf(stderr, NB_TR(o, "nianbao: 跨报告检查：无法写入临时文件（%s）\n", "nianbao: rules across reports: cannot write a temporary file (%s)\n"),
                getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    emit_flush(&e);
    if (o->verbose)
        fprintf(stderr, NB_TR(o, "nianbao: 跨报告检查：%d 份报告（%d 份来自状态库），%d 条发现，%.3f 秒（CPU %.3f 秒）\n",
                                 "nianbao: rules across reports: %d reports (%d from the state), %d findings, %.3f s (CPU %.3f s)\n"),
                nb_xrun_count(xr), nb_xrun_count(xr) - nrun, e.n, nb_now() - t0, cpu_now() - c0);
    nb_xrun_close(xr);
    if (e.worst >= fail_level) (*failing)++;
    nb_result_free(&e.res);
    if (e.write_failed) rc = -1;
    if (rc != 0 || !x->st) return rc;

    record_findings(x, out->partial[NB_OUT_FINDINGS]);
    long nnew = 0, nres = 0;
    long long run_id;
    nb_state_run last;
    nb_arena a;
    nb_arena_init(&a);
    if (nb_state_finish(x->st, x->files, x->reused, &nnew, &nres) != 0) {
        fprintf(stderr, NB_TR(o, "nianbao: %s：无法写入状态库\n", "nianbao: %s: cannot write the state\n"), o->state);
        nb_arena_free(&a);
        return -1;
    }
    nb_state_last_run(x->st, &a, &last);
    run_id = last.id;
    nb_arena_free(&a);
    rc = write_changes(x, run_id);
    if (!o->quiet)
        fprintf(stderr, NB_TR(o, "nianbao: 第 %lld 次运行：%ld 个文件，%ld 个未变而沿用；发现 新增 %ld、已解决 %ld\n",
                                 "nianbao: run %lld: %ld files, %ld unchanged and reused; findings: %ld new, %ld resolved\n"),
                run_id, x->files, x->reused, nnew, nres);
    return rc;
}

void nb_xstage_close(nb_xstage *x)
{
    if (!x) return;
    nb_state_close(x->st);
    if (x->own_roster) nb_roster_free(&x->roster);
    if (x->own_waivers) {
        nb_waivers_free(&x->waivers);
        nb_audit_opts_free(&x->aopts);
    }
    free(x->catalog);
    free(x->options);
    free(x);
}
