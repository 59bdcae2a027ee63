/*
 * cmd/merge.c — `nianbao merge -o OUT DIR...` and `nianbao merge --from-jsonl -o OUT FILE|DIR...`:
 * the output folder of one whole run, byte for byte, from the output folders of its shards
 * (--shard K/N, shard.h) or from the JSON Lines records (--jsonl, jsonl.h) of its parts.
 *
 * Nothing is re-implemented here: merge lists the run's documents in their places (each shard's
 * shard-index.tsv, or each record's index, says which), and hands that list to the batch runner
 * with a producer that gives each document's result (its rows of every file, its counts) as the
 * shard or the record holds it. The batch runner then writes, journals, counts and finishes the
 * run exactly as when it parsed the files itself (nb_batch_inputs, finish_run in batch.c), so the
 * headers, datapackage.json, the summary, the exit status and any per-run stage are a single
 * run's. A shard missing, one given twice, or shards of differently configured runs are refused:
 * their merge would not be any single run's output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "jsonl.h"
#include "shard.h"

/* merge reads results, it never audits: this non-NULL step only says that the run being rebuilt
 * was an audit (findings files, datapackage); it is never called, run.produce is. */
static void audit_was_run(const nb_run *run, const nb_report *r, nb_result *res)
{
    (void)run;
    (void)r;
    (void)res;
}

/* The options of the run being merged (batch.c's options_key: "audit lang=en bom=0 …"): they
 * decide the headers and datapackage.json, so the merged run takes them, not merge's own. */
static void take_run_options(const char *options, nb_opts *o, nb_run *run)
{
    run->audit = !strncmp(options, "audit ", 6) ? audit_was_run : NULL;
    o->en = strstr(options, " lang=en") != NULL;
    o->bom = strstr(options, " bom=1") != NULL;
    run->en = o->en;
}

static int fail(const nb_opts *o, const char *zh, const char *en, const char *what)
{
    fprintf(stderr, NB_TR(o, zh, en), what);
    return NB_EXIT_TROUBLE;
}

/* ---------------------------------------------------------------- from shard folders */

typedef struct shard_merge {
    nb_shard_index *x;                 /* one per folder */
    int             nx;
    int            *fd;                /* nx × NB_OUT__COUNT, -1: no such file */
    const nb_shard_doc **at;           /* the run's documents in their places */
    const char     *const *dirs;
} shard_merge;

static void read_exactly(int fd, long long off, long long len, nb_buf *b, const char *dir)
{
    nb_buf_clear(b);
    nb_buf_grow(b, (size_t)len);
    long long got = 0;
    while (got < len) {
        ssize_t r = pread(fd, b->p + got, (size_t)(len - got), (off_t)(off + got));
        if (r <= 0) {
            /* checked against the sizes before starting: only an I/O error gets here; the partial
             * outputs stay hidden and the previous ones untouched, as with any interrupted run */
            fprintf(stderr, "nianbao: %s: %s\n", dir, r < 0 ? strerror(errno) : "file shorter than its shard index says");
            exit(NB_EXIT_TROUBLE);
        }
        got += r;
    }
    b->len = (size_t)len;
    b->p[b->len] = '\0';
}

static void produce_from_shard(const nb_run *run, size_t index, nb_result *res)
{
    const shard_merge *m = run->produce_ctx;
    const nb_shard_doc *d = m->at[index];
    nb_result_clear(res);
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (k == NB_OUT_SHARD || !d->len[k]) continue;
        read_exactly(m->fd[d->shard * NB_OUT__COUNT + k], d->off[k], d->len[k], &res->out[k], m->dirs[d->shard]);
    }
    res->unreadable = d->unreadable;
    res->worst = d->worst;
    memcpy(res->counts, d->counts, sizeof res->counts);
    res->status = (nb_status)d->status;
    res->err = (nb_error)d->err;
    snprintf(res->detail, sizeof res->detail, "%s", d->detail);
}

/* Open every output file of shard s and check that it holds what its index says. */
static int open_shard_files(const nb_opts *o, shard_merge *m, int s, const nb_run *run)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        int *fd = &m->fd[s * NB_OUT__COUNT + k];
        *fd = -1;
        if (k == NB_OUT_SHARD || !nb_out_enabled(run, k)) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", m->dirs[s], nb_out_name(k));
        *fd = open(path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (*fd < 0 || fstat(*fd, &st) != 0) return fail(o, "nianbao: %s: 无法打开\n", "nianbao: %s: cannot open\n", path);
        for (size_t i = 0; i < m->x[s].ndocs; i++) {
            const nb_shard_doc *d = &m->x[s].docs[i];
            if (d->off[k] + d->len[k] > (long long)st.st_size)
                return fail(o, "nianbao: %s: 比分片索引所记的短\n", "nianbao: %s: shorter than its shard index says\n", path);
        }
    }
    return 0;
}

/* Check that the folders are the N shards of one run, and put each document in its place. */
static int check_shards(const nb_opts *o, shard_merge *m)
{
    const nb_shard_index *a = &m->x[0];
    char *seen = calloc((size_t)a->n + 1, 1);
    int rc = 0;
    for (int s = 0; s < m->nx && rc == 0; s++) {
        const nb_shard_index *x = &m->x[s];
        if (strcmp(x->options, a->options) || x->n != a->n || x->total != a->total)
            rc = fail(o, "nianbao: %s: 与第一个目录不是同一次运行的分片（选项、份数或输入数不同）\n",
                      "nianbao: %s: not a shard of the same run as the first folder (options, N or inputs differ)\n", m->dirs[s]);
        else if (seen[x->k]++)
            rc = fail(o, "nianbao: %s: 这一份已经给过了\n", "nianbao: %s: this shard was given twice\n", m->dirs[s]);
    }
    for (int k = 1; rc == 0 && k <= a->n; k++)
        if (!seen[k]) {
            char what[32];
            snprintf(what, sizeof what, "%d/%d", k, a->n);
            rc = fail(o, "nianbao: 缺少分片 %s\n", "nianbao: shard %s is missing\n", what);
        }
    free(seen);
    m->at = calloc(a->total ? a->total : 1, sizeof *m->at);
    for (int s = 0; s < m->nx && rc == 0; s++)
        for (size_t i = 0; i < m->x[s].ndocs && rc == 0; i++) {
            const nb_shard_doc *d = &m->x[s].docs[i];
            if (m->at[d->index]) rc = fail(o, "nianbao: %s: 同一输入出现在两个分片中\n",
                                           "nianbao: %s: one input is in two shards\n", d->path);
            m->at[d->index] = d;
        }
    for (size_t i = 0; rc == 0 && i < a->total; i++)
        if (!m->at[i]) {
            char what[32];
            snprintf(what, sizeof what, "%zu", i + 1);
            rc = fail(o, "nianbao: 第 %s 个输入不在任何分片中\n", "nianbao: input %s is in no shard\n", what);
        }
    return rc;
}

/* The run's inputs in their places, as the batch runner takes them. */
static void inputs_in_place(nb_inputs *in, size_t total, const char *(*path_of)(const void *, size_t), const void *ctx)
{
    memset(in, 0, sizeof *in);
    in->v = calloc(total ? total : 1, sizeof *in->v);
    if (!in->v) abort();
    for (size_t i = 0; i < total; i++) in->v[i].path = strdup(path_of(ctx, i));
    in->n = in->cap = total;
}

static const char *shard_path(const void *ctx, size_t i)
{
    return ((const shard_merge *)ctx)->at[i]->path;
}

static int merge_shards(nb_opts *o, int *ran)
{
    shard_merge m = {0};
    m.nx = o->ninputs;
    m.dirs = (const char *const *)o->inputs;
    m.x = calloc((size_t)m.nx, sizeof *m.x);
    m.fd = malloc((size_t)m.nx * NB_OUT__COUNT * sizeof *m.fd);
    if (!m.x || !m.fd) abort();
    for (int i = 0; i < m.nx * NB_OUT__COUNT; i++) m.fd[i] = -1;
    int rc = 0, loaded = 0;
    for (; loaded < m.nx && rc == 0; loaded++) {
        char err[4200];
        if (nb_shard_index_load(m.dirs[loaded], loaded, &m.x[loaded], err, sizeof err) != 0)
            rc = fail(o, "nianbao: %s（不是完整的分片输出目录？）\n", "nianbao: %s (not a finished shard output folder?)\n", err);
    }
    nb_run run = {0};
    if (rc == 0) {
        take_run_options(m.x[0].options, o, &run);
        rc = check_shards(o, &m);
    }
    for (int s = 0; s < m.nx && rc == 0; s++) rc = open_shard_files(o, &m, s, &run);
    if (rc == 0) {
        nb_inputs in;
        inputs_in_place(&in, m.x[0].total, shard_path, &m);
        run.produce = produce_from_shard;
        run.produce_ctx = &m;
        rc = nb_batch_inputs(o, &run, &in, NULL, in.n);
        *ran = 1;
        nb_inputs_free(&in);
    }
    for (int i = 0; i < m.nx * NB_OUT__COUNT; i++)
        if (m.fd[i] >= 0) close(m.fd[i]);
    for (int s = 0; s < loaded; s++) nb_shard_index_free(&m.x[s]);
    free(m.x);
    free(m.fd);
    free(m.at);
    return rc;
}

/* ---------------------------------------------------------------- from JSON Lines records */

typedef struct record_at {
    int       file;                   /* which of the streams */
    long long off, len;               /* where its line is */
    char     *path;
} record_at;

typedef struct jsonl_merge {
    nb_inputs  files;                 /* the streams, walked like any inputs */
    int       *fd;
    record_at *at;                    /* the run's documents in their places */
    size_t     total;
    char      *options;
} jsonl_merge;

static void produce_from_record(const nb_run *run, size_t index, nb_result *res)
{
    const jsonl_merge *m = run->produce_ctx;
    const record_at *r = &m->at[index];
    nb_buf line = {0};
    read_exactly(m->fd[r->file], r->off, r->len, &line, m->files.v[r->file].path);
    char msg[256];
    if (nb_jsonl_to_result(line.p, line.len, res, msg, sizeof msg) != 0) {
        /* a record is read whole only here (placing them read their first members): stop as any
         * interrupted run stops, the previous outputs untouched, the partial ones hidden */
        fprintf(stderr, "nianbao: %s: %s @%lld\n", m->files.v[r->file].path, msg, r->off);
        exit(NB_EXIT_TROUBLE);
    }
    nb_buf_free(&line);
}

/* Note one record: where it is, and that its place is taken. Returns 0 or an exit status. */
static int place_record(const nb_opts *o, jsonl_merge *m, int file, long long off, const char *line, size_t len)
{
    long long index, total;
    char *options = NULL, *path = NULL, msg[256];
    const char *where = m->files.v[file].path;
    if (nb_jsonl_peek(line, len, &index, &total, &options, &path, msg, sizeof msg) != 0) {
        fprintf(stderr, "nianbao: %s: %s @%lld\n", where, msg, off);
        return NB_EXIT_TROUBLE;
    }
    int rc = 0;
    if (!m->options) {
        m->options = options;
        m->total = (size_t)total;
        m->at = calloc(m->total ? m->total : 1, sizeof *m->at);
        options = NULL;
    } else if (strcmp(options, m->options) || (size_t)total != m->total) {
        rc = fail(o, "nianbao: %s: 记录来自另一次运行（选项或输入数不同）\n",
                  "nianbao: %s: a record of another run (options or number of inputs differ)\n", where);
    }
    if (rc == 0 && (index < 0 || (size_t)index >= m->total))
        rc = fail(o, "nianbao: %s: 记录的 index 超出范围\n", "nianbao: %s: a record's index is out of range\n", where);
    else if (rc == 0 && m->at[index].path)
        rc = fail(o, "nianbao: %s: 同一输入有两条记录\n", "nianbao: %s: two records for one input\n", where);
    if (rc == 0) {
        m->at[index].path = path;
        path = NULL;
        m->at[index].file = file;
        m->at[index].off = off;
        m->at[index].len = (long long)len;
    }
    free(options);
    free(path);
    return rc;
}

/* Read every stream once and put each record in its place (its first members say which). */
static int index_records(const nb_opts *o, jsonl_merge *m)
{
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t f = 0; f < m->files.n && rc == 0; f++) {
        const char *path = m->files.v[f].path;
        FILE *fp = fopen(path, "r");
        if (!fp) return fail(o, "nianbao: %s: 无法打开\n", "nianbao: %s: cannot open\n", path);
        m->fd[f] = open(path, O_RDONLY | O_CLOEXEC);
        long long off = 0;
        ssize_t len;
        while (rc == 0 && (len = getline(&line, &cap, fp)) > 0) {
            size_t n = (size_t)len;
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
            if (n) rc = place_record(o, m, (int)f, off, line, n);
            off += len;
        }
        fclose(fp);
    }
    free(line);
    if (rc == 0 && !m->options)
        return fail(o, "nianbao: %s: 没有记录\n", "nianbao: %s: no records\n", m->files.n ? m->files.v[0].path : "-");
    for (size_t i = 0; rc == 0 && i < m->total; i++)
        if (!m->at[i].path) {
            char what[32];
            snprintf(what, sizeof what, "%zu", i + 1);
            rc = fail(o, "nianbao: 第 %s 个输入没有记录\n", "nianbao: input %s has no record\n", what);
        }
    return rc;
}

static const char *record_path(const void *ctx, size_t i)
{
    return ((const jsonl_merge *)ctx)->at[i].path;
}

static int merge_jsonl(nb_opts *o, int *ran)
{
    jsonl_merge m = {0};
    nb_opts walk = *o;
    walk.out_dir = NULL;
    walk.files_from = NULL;
    if (nb_inputs_collect(&walk, &m.files) != 0) return NB_EXIT_TROUBLE;
    m.fd = malloc((m.files.n ? m.files.n : 1) * sizeof *m.fd);
    if (!m.fd) abort();
    for (size_t i = 0; i < m.files.n; i++) m.fd[i] = -1;
    int rc = index_records(o, &m);
    if (rc == 0) {
        nb_run run = {0};
        take_run_options(m.options, o, &run);
        nb_inputs in;
        inputs_in_place(&in, m.total, record_path, &m);
        run.produce = produce_from_record;
        run.produce_ctx = &m;
        rc = nb_batch_inputs(o, &run, &in, NULL, in.n);
        *ran = 1;
        nb_inputs_free(&in);
    }
    for (size_t i = 0; i < m.files.n; i++)
        if (m.fd[i] >= 0) close(m.fd[i]);
    for (size_t i = 0; m.at && i < m.total; i++) free(m.at[i].path);
    free(m.at);
    free(m.fd);
    free(m.options);
    nb_inputs_free(&m.files);
    return rc;
}

int cmd_merge(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    if (!o->out_dir || o->ninputs < 1 || o->shard)
        return fail(o, "%s用法: nianbao merge -o 输出目录 分片目录...（或 --from-jsonl 文件|目录...）\n",
                    "%susage: nianbao merge -o OUT SHARD_DIR... (or --from-jsonl FILE|DIR...)\n", "");
    o->no_fork = 1;          /* results are read, not parsed: nothing to isolate */
    int ran = 0;
    int rc = o->from_jsonl ? merge_jsonl(o, &ran) : merge_shards(o, &ran);
    /* --html: the page of the merged folder, as audit --html makes it of its own (not of a
     * previous folder when the merge was refused) */
    if (ran && o->html && nb_write_html_report(o, o->out_dir) != NB_EXIT_OK) rc = NB_EXIT_TROUBLE;
    return rc;
}
