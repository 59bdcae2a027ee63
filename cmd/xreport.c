/*
 * cmd/xreport.c — the per-run stage and the state of nightly runs (see xreport.h).
 *
 * What the stage reads is what the workers wrote: each readable report's summary line (the
 * internal output NB_OUT_XSUM, a partial file like the others, so --resume keeps it) and the
 * findings rows. It never sees a document model, and reads both files a line (a row) at a time;
 * what it holds per report is the compact nb_xdoc. With --state, an input whose stat or bytes and
 * versions are unchanged gets its result back from the state (its head; its rows too unless the
 * outputs stay), the earlier reports' summaries join this run's, and the findings rows of the inputs
 * read and of the rules across reports go to the state (a reused input's own are its open ones),
 * which works out the new and resolved ones in the run's one transaction.
 *
 * A rerun in the folder of the last run (plan_keep): when every input is reused and each output file
 * the last run recorded is still there as it left it, the documents' files are not written again;
 * the two ending with the findings across reports stay too when those are the same bytes, else are
 * made again from the documents' part of the file in place and the new tail (keep_or_rewrite).
 * The outputs this run leaves are recorded before the commit (record_outputs): a run killed after
 * it, before the renames, leaves files the state does not know, and the next run writes them all.
 */
#include "xreport.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../parser/sha256.h"
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
    int              keep;            /* the folder holds the last run's outputs of these very inputs, or
                                       * src does: the documents' rows are not read from the state */
    char             src[4096];       /* the other folder the outputs are copied from, or "" */
    int              resumed;         /* --resume took over part of the run: its findings from the file */
    char             dir[4096];       /* the output folder, resolved (where the outputs are recorded) */
    char             key[65];         /* what shaped the rows of the outputs in place: options, versions, inputs */
    char             run_key[65];     /* the same of this run's, as its inputs are recorded */
    nb_state_output  last[NB_OUT__COUNT];  /* the outputs the last run left here (keep) */
    int              nlast;
    nb_roster        roster;          /* the roster when the run has none loaded (a merge) */
    int              own_roster;
    nb_waivers       waivers;         /* the same for the waivers */
    nb_audit_opts    aopts;           /* a merge's: the day the waivers are judged by */
    int              own_waivers;
    long             today;           /* the run's day (nb_day_number): a kept result must hold on it */
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

/* A result is kept in two parts: its head (counts, status, the terminal lines, the length of each
 * output's rows), small and read for every reused input; and its rows, zlib-compressed (level 1:
 * cells.csv rows compress about tenfold), read only when the outputs are written again. */
enum { BLOB_MAGIC = 0x4E425332 };   /* "NBS2" */

typedef struct blob_head {
    uint32_t magic, nbufs;
    int32_t  unreadable, worst, counts[3], status, err;
    uint64_t len[NB_OUT__COUNT + 2];
} blob_head;

/* The head: blob_head, then the summary and the detail. */
static void result_head(const nb_result *res, nb_buf *b)
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
    nb_buf_put(b, res->summary.p ? res->summary.p : "", res->summary.len);
    nb_buf_puts(b, res->detail);
}

/* The rows: their raw length, then every output's rows one after the other, compressed. */
static void result_rows(const nb_result *res, nb_buf *b)
{
    nb_buf raw = {0};
    for (int k = 0; k < NB_OUT__COUNT; k++) nb_buf_put(&raw, res->out[k].p ? res->out[k].p : "", res->out[k].len);
    uLongf zn = compressBound((uLong)raw.len);
    uint64_t rawlen = raw.len;
    nb_buf_put(b, (const char *)&rawlen, sizeof rawlen);
    size_t at = b->len;
    nb_buf_grow(b, zn + 1);
    if (compress2((Bytef *)b->p + at, &zn, (const Bytef *)(raw.p ? raw.p : ""), (uLong)raw.len, 1) != Z_OK) abort();
    b->len = at + zn;
    nb_buf_free(&raw);
}

/* Fill res from a head (its rows left empty); h takes the lengths. Returns 0 or -1. */
static int head_result(const char *p, size_t n, nb_result *res, blob_head *h)
{
    if (n < sizeof *h) return -1;
    memcpy(h, p, sizeof *h);
    if (h->magic != BLOB_MAGIC || h->nbufs != NB_OUT__COUNT + 2) return -1;
    if (sizeof *h + h->len[NB_OUT__COUNT] + h->len[NB_OUT__COUNT + 1] != n) return -1;
    nb_result_clear(res);
    res->unreadable = h->unreadable;
    res->worst = h->worst;
    for (int s = 0; s < 3; s++) res->counts[s] = h->counts[s];
    res->status = (nb_status)h->status;
    res->err = (nb_error)h->err;
    uint64_t len[NB_OUT__COUNT + 2] = {0};
    len[NB_OUT__COUNT] = h->len[NB_OUT__COUNT];
    len[NB_OUT__COUNT + 1] = h->len[NB_OUT__COUNT + 1];
    nb_result_fill(res, p + sizeof *h, len);
    return 0;
}

/* Put the stored rows (rows, n bytes as result_rows made them) into res. Returns 0 or -1. */
static int rows_result(const char *rows, size_t n, const blob_head *h, nb_result *res)
{
    uint64_t rawlen, want = 0;
    for (int k = 0; k < NB_OUT__COUNT; k++) want += h->len[k];
    if (n < sizeof rawlen) return -1;
    memcpy(&rawlen, rows, sizeof rawlen);
    if (rawlen != want || rawlen >= ((uint64_t)1 << 32)) return -1;
    char *raw = malloc((size_t)rawlen + 1);
    if (!raw) abort();
    uLongf got = (uLongf)rawlen;
    int ok = uncompress((Bytef *)raw, &got, (const Bytef *)rows + sizeof rawlen, (uLong)(n - sizeof rawlen)) == Z_OK &&
             got == rawlen;
    const char *at = raw;
    for (int k = 0; ok && k < NB_OUT__COUNT; k++) {
        nb_buf_put(&res->out[k], at, h->len[k]);
        at += h->len[k];
    }
    free(raw);
    return ok ? 0 : -1;
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

/* The length of the whole CSV row at p (a quoted field may hold a newline), its newline included. */
static size_t row_length(const char *p, size_t n)
{
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"') quoted = !quoted;
        else if (p[i] == '\n' && !quoted) return i + 1;
    }
    return n;
}

/* Every findings row of rows (findings.csv rows, no header) into the state. */
static void record_rows(nb_xstage *x, const char *p, size_t n, int cross)
{
    while (n) {
        size_t len = row_length(p, n);
        char *v[7] = {0};
        int k = csv_split(p, len, v, 7);
        if (k == 7) nb_state_put_finding(x->st, v[0], v[2], v[4], v[5], v[6], p, len, cross);
        for (int i = 0; i < k; i++) free(v[i]);
        p += len;
        n -= len;
    }
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

/* The outputs whose bytes are the documents' rows alone, and those that end with the findings
 * across reports (their tail). */
static int documents_only(int k)
{
    return k == NB_OUT_DOCUMENTS || k == NB_OUT_CELLS || k == NB_OUT_T2 || k == NB_OUT_T3 || k == NB_OUT_T4 ||
           k == NB_OUT_METRICS;
}

static int with_tail(int k)
{
    return k == NB_OUT_FINDINGS || k == NB_OUT_JSONL;
}

static const nb_state_output *last_output(const nb_xstage *x, int k)
{
    for (int i = 0; i < x->nlast; i++)
        if (!strcmp(x->last[i].name, nb_out_name(k))) return &x->last[i];
    return NULL;
}

/* Is the file at path the one recorded (same file, size and modification time)? */
static int same_file(const char *path, const nb_state_output *r)
{
    struct stat sb;
    return r && stat(path, &sb) == 0 && (long long)sb.st_dev == r->dev && (long long)sb.st_ino == r->ino &&
           (long long)sb.st_size == r->size && (long long)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec == r->mtime_ns;
}

/* The key of the documents' rows of a run: the versions and options, then each input in order with
 * the sha256 of the bytes its rows were read from, folded in one at a time (memory stays flat). */
static void key_start(const nb_xstage *x, char key[65])
{
    char *s = g_strdup_printf("%s\n%s\n%s\n", NB_VERSION, x->catalog, x->options);
    nb_sha256_hex(s, strlen(s), key);
    g_free(s);
}

static void key_add(char key[65], const char *path, const char *sha256)
{
    char *s = g_strdup_printf("%s\n%s\t%s\n", key, path, sha256);
    nb_sha256_hex(s, strlen(s), key);
    g_free(s);
}

/* Is each output the run writes, in dir, still the file x->last recorded? */
static int outputs_intact(const nb_xstage *x, const char *dir)
{
    int ok = x->nlast > 0;
    for (int k = 0; k < NB_OUT__COUNT && ok; k++) {
        if (!nb_out_enabled(x->run, k) || nb_out_internal(k) || k == NB_OUT_SHARD) continue;
        char *path = g_strdup_printf("%s/%s", dir, nb_out_name(k));
        ok = same_file(path, last_output(x, k));
        g_free(path);
    }
    return ok;
}

/* Can the outputs the last run left in the folder stay? Only when every input is reused (so the
 * documents' rows are the state's, in the same order: the key says so) and each of those files is
 * still the one it recorded. The findings across reports are compared at the end (their tail). */
static void plan_keep(nb_xstage *x)
{
    const nb_opts *o = x->o;
    if (o->resume || o->jsonl || x->run->produce || !*x->dir) return;
    key_start(x, x->key);
    int all = 1;
    for (size_t i = 0; i < x->in->n && all; i++) {
        nb_file_id id;
        nb_state_file f;
        const char *path = x->in->v[i].path;
        nb_file_identify(path, &id);
        all = !x->in->v[i].err && id.size >= 0 && nb_state_lookup(x->st, path, id.size, id.mtime_ns, 0, &f);
        if (!all) break;
        key_add(x->key, path, f.sha256);
        nb_state_file_free(&f);
    }
    if (!all) return;
    x->nlast = nb_state_last_outputs(x->st, x->dir, x->key, x->last, NB_OUT__COUNT);
    x->keep = outputs_intact(x, o->out_dir);
    if (x->keep) return;
    /* another folder holds the same bytes, from a run with the same key: copied from there */
    x->nlast = nb_state_key_outputs(x->st, x->key, x->src, sizeof x->src, x->last, NB_OUT__COUNT);
    x->keep = x->nlast > 0 && strcmp(x->src, x->dir) && outputs_intact(x, x->src);
    if (!x->keep) x->src[0] = '\0';
    else if (o->verbose)
        fprintf(stderr, NB_TR(o, "nianbao: 输出与 %s 中的相同：从那里复制\n", "nianbao: the outputs are those in %s: copied from there\n"),
                x->src);
}

/* The day the run judges by: the audit's (a merge has none loaded: --today, else the clock). */
static long run_today(const nb_xstage *x)
{
    if (x->run->aopts.today_y) return nb_today_number(&x->run->aopts);
    nb_audit_opts a;
    const char *err = NULL;
    memset(&a, 0, sizeof a);
    long today = nb_audit_opts_init(&a, x->o->today, NULL, NULL, x->o->en, &err) == 0 ? nb_today_number(&a) : 0;
    nb_audit_opts_free(&a);
    return today;
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
        x->today = run_today(x);
        nb_state_begin_run(x->st, NB_VERSION, x->catalog, x->options, x->today);
        for (size_t i = 0; i < in->n; i++) nb_state_mark_input(x->st, in->v[i].path);
        key_start(x, x->run_key);
        if (!realpath(o->out_dir, x->dir)) x->dir[0] = '\0';
        plan_keep(x);
    }
    return x;
}

int nb_xstage_keeps(const nb_xstage *x, int k)
{
    return x && x->keep && (documents_only(k) || with_tail(k));
}

const char *nb_xstage_source(const nb_xstage *x, int k, char *buf, size_t n)
{
    if (!x || !x->keep || !*x->src) return NULL;
    snprintf(buf, n, "%s/%s", x->src, nb_out_name(k));
    return buf;
}

void nb_xstage_resumed(nb_xstage *x)
{
    if (x) x->resumed = 1;
}

int nb_xstage_reuse(nb_xstage *x, const char *path, const nb_file_id *id, nb_result *res)
{
    if (!x || !x->st || id->size < 0) return 0;
    nb_state_file f;
    if (!nb_state_lookup(x->st, path, id->size, id->mtime_ns, 1, &f)) return 0;
    blob_head h;
    int ok = head_result(f.head, f.head_len, res, &h) == 0;
    if (ok && x->keep) {
        /* the outputs stay: of the rows, only the summary the stage reads */
        if (f.line) {
            nb_buf_put(&res->out[NB_OUT_XSUM], f.line, f.line_len);
            nb_buf_put(&res->out[NB_OUT_XSUM], "\n", 1);
        }
    } else if (ok) {
        void *rows = NULL;
        size_t len = 0;
        ok = nb_state_rows(x->st, path, &rows, &len) && rows_result(rows, len, &h, res) == 0;
        free(rows);
    }
    nb_state_file_free(&f);
    if (!ok) nb_result_clear(res);
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
    /* the key of the rows written (kept outputs: the key they were recorded with) */
    char *sha = x->st && !x->keep ? row_sha256(res) : NULL;
    if (sha) key_add(x->run_key, path, sha);
    if (reused) {
        x->reused++;
        if (x->st) nb_state_mark_reused(x->st, path);
        free(sha);
        return;
    }
    if (!x->st) return;
    record_rows(x, res->out[NB_OUT_FINDINGS].p, res->out[NB_OUT_FINDINGS].len, 0);
    /* an input that failed for want of time or memory is tried again next time */
    if (id->size < 0 || res->err == NB_ERR_TIMEOUT || res->err == NB_ERR_MEMORY || res->err == NB_ERR_CRASH) {
        free(sha);
        return;
    }
    nb_buf head = {0}, rows = {0};
    result_head(res, &head);
    result_rows(res, &rows);
    nb_buf line = {0};
    const nb_buf *xs = &res->out[NB_OUT_XSUM];
    if (xs->len) nb_buf_put(&line, xs->p, xs->len - (xs->p[xs->len - 1] == '\n'));
    /* the days it holds over; a result that does not say (read back from a shard) holds today alone */
    int known = res->today_from < res->today_until;
    nb_state_put_file(x->st, path, sha, id->size, id->mtime_ns, head.p, head.len, rows.p, rows.len,
                      xs->len ? line.p : NULL, known ? res->today_from : x->today, known ? res->today_until : x->today + 1);
    free(sha);
    nb_buf_free(&line);
    nb_buf_free(&head);
    nb_buf_free(&rows);
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
    int          stage_counts[3];   /* the counts the stage added (kept for a replay) */
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
        nf.waived = f->doc ? nb_waiver_match(e->waivers, f->doc->sha256, f->doc->agency, f->doc->year, &nf, e->aopts, NULL)
                           : nb_waiver_match(e->waivers, "", f->col, atoi(f->row), &nf, e->aopts, NULL);
    }
    nb_finding_rows(f->doc ? f->doc->file : o->roster ? o->roster : "", f->doc ? f->doc->sha256 : "", &nf,
                    o->en ? f->msg_en : f->msg_zh, o->en, &e->res.out[NB_OUT_FINDINGS], &e->res.out[NB_OUT_JSONL]);
    e->n++;
    if (!nf.waived) {
        int sev = (int)f->rule->severity;
        e->counts[sev]++;
        e->stage_counts[sev]++;
        if (sev > e->worst) e->worst = sev;
    }
    if (++e->queued == EMIT_BATCH) emit_flush(e);
}

/* The findings rows of the file from byte from on into the state (cross: raised by the rules across
 * reports). header: the file starts with its header row, which is skipped. The rules across reports'
 * rows are read back from where the stage wrote them; a resumed run reads the whole file, since the
 * documents done before the interruption were never recorded. */
static void record_findings(nb_xstage *x, const char *path, long long from, int header, int cross)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    if (from > 0 && fseeko(f, (off_t)from, SEEK_SET) != 0) {
        fclose(f);
        return;
    }
    nb_buf row = {0};
    int first = header;
    while (next_row(f, &row)) {
        const char *p = row.p;
        size_t n = row.len;
        if (first && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3, n -= 3;
        if (first) {                  /* the header */
            first = 0;
            continue;
        }
        char *v[7] = {0};
        int k = csv_split(p, n, v, 7);
        if (k == 7) nb_state_put_finding(x->st, v[0], v[2], v[4], v[5], v[6], p, n, cross);
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

/* Before the stage writes the findings across reports: an output kept from the last run that ends
 * with them gets a partial file for them alone (the stage writes as ever, a row at a time). Returns 0
 * or -1 (message printed). */
static int tails_begin(nb_outputs *out)
{
    for (int k = 0; k < NB_OUT__COUNT; k++)
        if (out->keep[k] && with_tail(k) && nb_outputs_tail_only(out, k) != 0) return -1;
    return 0;
}

/* After: such a file stays in place when the findings across reports are the same bytes as the
 * last run's (their sha256), else it is made from the documents' part of the file in place and the
 * new tail. Returns 0 or -1 (message printed). */
static int tails_end(nb_xstage *x, nb_outputs *out, long long split[])
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (!out->tail_only[k]) continue;
        const nb_state_output *r = last_output(x, k);
        char sha[65] = "";
        nb_sha256_file(out->partial[k], sha);
        int same = r && *sha && !strcmp(sha, r->tail) && r->size == r->split + out->len[k];
        if (nb_outputs_tail_settle(out, k, r ? r->split : 0, same) != 0) return -1;
        split[k] = r ? r->split : 0;
    }
    return 0;
}

static void read_tail(const char *path, long long from, nb_buf *b);

/* The sha256 of the file's bytes from from on (the findings across reports, a few thousand rows). */
static void tail_sha256(const char *path, long long from, char out[65])
{
    nb_buf b = {0};
    read_tail(path, from, &b);
    nb_sha256_hex(b.p, b.len, out);
    nb_buf_free(&b);
}

/* Record every output file this run leaves (split: the bytes before the findings across reports,
 * whose rows tail holds), as it will be once in place. */
static void record_outputs(nb_xstage *x, const nb_outputs *out, const long long split[])
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (!out->final[k] || nb_out_internal(k) || k == NB_OUT_SHARD) continue;
        struct stat sb;
        if (nb_outputs_stat(out, k, &sb) != 0) continue;
        nb_state_output r;
        memset(&r, 0, sizeof r);
        snprintf(r.name, sizeof r.name, "%s", nb_out_name(k));
        r.dev = (long long)sb.st_dev;
        r.ino = (long long)sb.st_ino;
        r.size = (long long)sb.st_size;
        r.mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
        const nb_state_output *kept = out->keep[k] ? last_output(x, k) : NULL;
        r.split = kept ? kept->split : with_tail(k) ? split[k] : r.size;
        if (kept) snprintf(r.tail, sizeof r.tail, "%s", kept->tail);
        else if (with_tail(k)) tail_sha256(out->partial[k], r.split, r.tail);
        nb_state_put_output(x->st, x->dir, x->keep ? x->key : x->run_key, &r);
    }
}

/* The sha256 of everything the findings across reports are worked out from: the versions and the
 * options (the roster's and the waivers' files among them), the stage's own, the day when waivers
 * can expire, this run's summaries in order and the earlier reports' from the state. */
typedef struct stage_key {
    nb_buf text;                 /* what is hashed, a piece at a time */
    char   key[65];
} stage_key;

static void key_fold(stage_key *k)
{
    if (!k->text.len) return;
    nb_buf_puts(&k->text, k->key);
    nb_sha256_hex(k->text.p, k->text.len, k->key);
    nb_buf_clear(&k->text);
}

static void key_earlier(void *ctx, long long run, const char *line, size_t len)
{
    stage_key *k = ctx;
    nb_buf_printf(&k->text, "%lld\t", run);
    nb_buf_put(&k->text, line, len);
    nb_buf_put(&k->text, "\n", 1);
    if (k->text.len > (1u << 16)) key_fold(k);
}

static void stage_key_of(nb_xstage *x, const nb_outputs *out, const nb_xopts *xo, char key[65])
{
    stage_key k = {{0}, ""};
    char sums[65] = "";
    nb_sha256_file(out->partial[NB_OUT_XSUM], sums);
    nb_buf_printf(&k.text, "stage\n%s\n%s\n%s\n%.17g %.17g %d %u\n%ld\n%s\n", NB_VERSION, x->catalog, x->options,
                  xo->copy_last_year, xo->copy_other, xo->year, xo->families, x->o->waivers ? x->today : 0, sums);
    nb_state_each_earlier_summary(x->st, key_earlier, &k);
    key_fold(&k);
    memcpy(key, k.key, 65);
    nb_buf_free(&k.text);
}

/* The bytes of the file at path from from on. */
static void read_tail(const char *path, long long from, nb_buf *b)
{
    nb_buf_put(b, "", 0);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char chunk[1 << 16];
    ssize_t n;
    size_t at = b->len;
    while (fd >= 0 && (n = pread(fd, chunk, sizeof chunk, (off_t)(from + (long long)(b->len - at)))) > 0) nb_buf_put(b, chunk, (size_t)n);
    if (fd >= 0) close(fd);
}

/* Keep the findings across reports this run wrote (from split on) under key, for the next run. */
static void keep_stage(nb_xstage *x, const nb_outputs *out, const long long split[], const char *key, const emit *e)
{
    nb_buf csv = {0}, jsonl = {0};
    if (out->fd[NB_OUT_FINDINGS] >= 0) read_tail(out->partial[NB_OUT_FINDINGS], split[NB_OUT_FINDINGS], &csv);
    if (out->fd[NB_OUT_JSONL] >= 0) read_tail(out->partial[NB_OUT_JSONL], split[NB_OUT_JSONL], &jsonl);
    nb_state_stage g = {.worst = e->worst, .csv = csv.p, .jsonl = jsonl.p, .csv_len = csv.len, .jsonl_len = jsonl.len};
    for (int k = 0; k < 3; k++) g.counts[k] = e->stage_counts[k];
    nb_state_put_stage(x->st, key, &g);
    nb_buf_free(&csv);
    nb_buf_free(&jsonl);
}

/* The last run worked the findings across reports out from the same things: its rows are this run's. */
static int replay_stage(nb_outputs *out, const nb_state_stage *g, emit *e)
{
    nb_result r;
    memset(&r, 0, sizeof r);
    nb_buf_put(&r.out[NB_OUT_FINDINGS], g->csv, g->csv_len);
    nb_buf_put(&r.out[NB_OUT_JSONL], g->jsonl, g->jsonl_len);
    nb_outputs_append(out, &r);
    int rc = nb_outputs_flush(out);
    nb_result_free(&r);
    for (int k = 0; k < 3; k++) e->counts[k] += g->counts[k];
    e->worst = g->worst;
    return rc;
}

/* Work the findings across reports out (or replay the last run's, worked out from the same things)
 * and write them after the documents' rows. Returns 0 or -1 (message printed). */
static int run_stage(nb_xstage *x, nb_outputs *out, const long long split[], emit *e)
{
    const nb_opts *o = x->o;
    nb_xopts xo = {
        .copy_last_year = o->copy_last_year > 0 ? o->copy_last_year : NB_COPY_LAST_YEAR_DEFAULT,
        .copy_other = o->copy_other > 0 ? o->copy_other : NB_COPY_OTHER_DEFAULT,
        .year = o->year,
        .roster = x->own_roster ? &x->roster : x->run->aopts.roster,
        .roster_path = o->roster,
    };
    char key[65] = "";
    nb_state_stage g;
    if (x->st && !x->resumed) {
        stage_key_of(x, out, &xo, key);
        if (nb_state_get_stage(x->st, key, &g)) {
            int rc = replay_stage(out, &g, e);
            if (o->verbose)
                fprintf(stderr, NB_TR(o, "nianbao: 跨报告检查：输入与上次运行相同，沿用其发现\n",
                                         "nianbao: rules across reports: the same inputs as the last run, its findings reused\n"));
            nb_state_stage_free(&g);
            return rc;
        }
    }
    double t0 = nb_now(), c0 = cpu_now();
    nb_xrun *xr = nb_xrun_open(&xo);
    read_summaries(out->partial[NB_OUT_XSUM], xr);
    int nrun = nb_xrun_count(xr);
    if (x->st) nb_state_each_earlier_summary(x->st, on_earlier, xr);
    int rc = nb_xrun_check(xr, on_xfinding, e);
    if (rc != 0)
        fprintf(stderr, NB_TR(o, "nianbao: 跨报告检查：无法写入临时文件（%s）\n", "nianbao: rules across reports: cannot write a temporary file (%s)\n"),
                getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    emit_flush(e);
    if (o->verbose)
        fprintf(stderr, NB_TR(o, "nianbao: 跨报告检查：%d 份报告（%d 份来自状态库），%d 条发现，%.3f 秒（CPU %.3f 秒）\n",
                                 "nianbao: rules across reports: %d reports (%d from the state), %d findings, %.3f s (CPU %.3f s)\n"),
                nb_xrun_count(xr), nb_xrun_count(xr) - nrun, e->n, nb_now() - t0, cpu_now() - c0);
    nb_xrun_close(xr);
    if (e->write_failed) rc = -1;
    if (rc == 0) rc = nb_outputs_flush(out);
    if (rc == 0 && *key) keep_stage(x, out, split, key, e);
    return rc;
}

int nb_xstage_finish(nb_xstage *x, nb_outputs *out, int fail_level, long counts[3], int *failing)
{
    if (!x) return 0;
    const nb_opts *o = x->o;
    if (nb_outputs_flush(out) != 0) return -1;
    emit e = {.x = x, .out = out, .worst = -1, .counts = counts,
              .waivers = x->own_waivers ? &x->waivers : x->run->waivers,
              .aopts = x->own_waivers ? &x->aopts : &x->run->aopts};
    if (x->st && x->resumed) record_findings(x, out->partial[NB_OUT_FINDINGS], 0, 1, 0);
    /* where the findings across reports start in each file (a file kept: its partial holds them alone) */
    long long split[NB_OUT__COUNT];
    int rc = tails_begin(out);
    memcpy(split, out->len, sizeof split);
    if (rc == 0) rc = run_stage(x, out, split, &e);
    if (e.worst >= fail_level) (*failing)++;
    nb_result_free(&e.res);
    if (rc == 0 && x->st) record_findings(x, out->partial[NB_OUT_FINDINGS], split[NB_OUT_FINDINGS], 0, 1);
    if (rc == 0) rc = tails_end(x, out, split);
    if (rc == 0) rc = nb_outputs_copy_sources(out);
    if (rc == 0 && x->st) record_outputs(x, out, split);
    if (rc != 0 || !x->st) return rc;

    long nnew = 0, nres = 0;
    long long run_id;
    nb_state_run last;
    nb_arena a;
    nb_arena_init(&a);
    /* the test hook (NIANBAO_TEST_FAULT=abort:state-commit): a run killed before its commit, and one
     * killed between the commit and the renames (state-renames), leave state and outputs consistent */
    nb_test_fault("<state-commit>");
    if (nb_state_finish(x->st, x->files, x->reused, &nnew, &nres) != 0) {
        fprintf(stderr, NB_TR(o, "nianbao: %s：无法写入状态库\n", "nianbao: %s: cannot write the state\n"), o->state);
        nb_arena_free(&a);
        return -1;
    }
    nb_state_last_run(x->st, &a, &last);
    run_id = last.id;
    nb_arena_free(&a);
    nb_test_fault("<state-renames>");
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
