/*
 * rules/spill.c — temporary files and the external sort of the rules across reports (spill.h).
 *
 * The sort is the plain one: records gather in a buffer of the budget's size; a full buffer is
 * sorted (qsort) and written as one run; reading merges the runs through a small heap, each run
 * read through a buffer of RUN_BUF bytes. With the stage's budgets a run of 100,000 reports makes
 * a few dozen runs, so one merge pass is enough. A sort that never filled its buffer never touches
 * the disk.
 */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { TMP_BUF = 64 * 1024, RUN_BUF = 32 * 1024 };

/* ---------------------------------------------------------------- temporary files */

int nb_tmp_open(nb_tmp *t)
{
    memset(t, 0, sizeof *t);
    const char *dir = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/nianbao-xreport-XXXXXX", dir && *dir ? dir : "/tmp") < 0) abort();
    t->fd = mkostemp(path, O_CLOEXEC);
    if (t->fd >= 0) unlink(path);
    free(path);
    t->buf = malloc(TMP_BUF);
    if (!t->buf) abort();
    t->failed = t->fd < 0;
    return t->failed ? -1 : 0;
}

static void tmp_flush(nb_tmp *t)
{
    if (!t->blen) return;
    uint64_t at = t->len - t->blen;
    size_t done = 0;
    while (!t->failed && done < t->blen) {
        ssize_t w = pwrite(t->fd, t->buf + done, t->blen - done, (off_t)(at + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) t->failed = 1;
        else done += (size_t)w;
    }
    t->blen = 0;
}

uint64_t nb_tmp_put(nb_tmp *t, const void *p, size_t n)
{
    uint64_t at = t->len;
    const char *q = p;
    while (n) {
        if (t->blen == TMP_BUF) tmp_flush(t);
        size_t k = TMP_BUF - t->blen < n ? TMP_BUF - t->blen : n;
        memcpy(t->buf + t->blen, q, k);
        t->blen += k, t->len += k, q += k, n -= k;
    }
    return at;
}

void nb_tmp_get(nb_tmp *t, uint64_t off, void *p, size_t n)
{
    tmp_flush(t);
    size_t done = 0;
    while (!t->failed && done < n) {
        ssize_t r = pread(t->fd, (char *)p + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        done += (size_t)r;
    }
    memset((char *)p + done, 0, n - done);
}

void nb_tmp_set(nb_tmp *t, uint64_t off, const void *p, size_t n)
{
    tmp_flush(t);
    size_t done = 0;
    while (!t->failed && done < n) {
        ssize_t w = pwrite(t->fd, (const char *)p + done, n - done, (off_t)(off + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) t->failed = 1;
        else done += (size_t)w;
    }
}

void nb_tmp_close(nb_tmp *t)
{
    if (t->fd >= 0) close(t->fd);
    free(t->buf);
    memset(t, 0, sizeof *t);
    t->fd = -1;
}

/* ---------------------------------------------------------------- the sort */

typedef struct run {
    uint64_t at, end;       /* what is left of the run in the file */
    char    *buf;           /* records read and not yet taken */
    size_t   pos, len;
} run;

struct nb_spill {
    size_t   rec, cap;      /* record size; records the buffer holds */
    char    *mem;
    size_t   n;             /* records in mem */
    uint64_t count;
    nb_tmp   file;
    int      have_file, reading;
    run     *runs;
    int      nruns, capruns;
    int     *heap, nheap;   /* runs by their current record */
    size_t   mpos;          /* reading mem without a file */
};

nb_spill *nb_spill_new(size_t rec, size_t budget)
{
    nb_spill *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->rec = rec;
    s->cap = budget / rec ? budget / rec : 1;
    s->mem = malloc(s->cap * rec);
    if (!s->mem) abort();
    s->file.fd = -1;
    return s;
}

/* memcmp order, eight bytes at a time (the sorts' records are 12 and 16 bytes: a call to memcmp
 * for each was most of a sort's time). */
static int rec_cmp(const void *a, const void *b, void *ctx)
{
    size_t n = *(const size_t *)ctx, i = 0;
    const char *p = a, *q = b;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, p + i, 8);
        memcpy(&y, q + i, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        x = __builtin_bswap64(x), y = __builtin_bswap64(y);
#endif
        if (x != y) return x < y ? -1 : 1;
    }
    return i < n ? memcmp(p + i, q + i, n - i) : 0;
}

static void write_run(nb_spill *s)
{
    if (!s->have_file) {
        nb_tmp_open(&s->file);
        s->have_file = 1;
    }
    qsort_r(s->mem, s->n, s->rec, rec_cmp, &s->rec);
    if (s->nruns == s->capruns) {
        s->capruns = s->capruns ? 2 * s->capruns : 16;
        s->runs = realloc(s->runs, (size_t)s->capruns * sizeof *s->runs);
        if (!s->runs) abort();
    }
    run *r = &s->runs[s->nruns++];
    memset(r, 0, sizeof *r);
    r->at = nb_tmp_put(&s->file, s->mem, s->n * s->rec);
    r->end = r->at + s->n * s->rec;
    s->n = 0;
}

void nb_spill_add(nb_spill *s, const void *rec)
{
    if (s->reading) abort();
    if (s->n == s->cap) write_run(s);
    memcpy(s->mem + s->n * s->rec, rec, s->rec);
    s->n++;
    s->count++;
}

/* The run's current record, reading more when its buffer is empty; NULL at its end. */
static const char *run_head(nb_spill *s, run *r)
{
    if (r->pos < r->len) return r->buf + r->pos;
    if (r->at >= r->end) return NULL;
    size_t want = (RUN_BUF / s->rec ? RUN_BUF / s->rec : 1) * s->rec;
    if (want > r->end - r->at) want = (size_t)(r->end - r->at);
    if (!r->buf) r->buf = malloc((RUN_BUF / s->rec ? RUN_BUF / s->rec : 1) * s->rec);
    if (!r->buf) abort();
    nb_tmp_get(&s->file, r->at, r->buf, want);
    r->at += want;
    r->pos = 0;
    r->len = want;
    return r->buf;
}

static int heap_less(nb_spill *s, int a, int b)
{
    return rec_cmp(run_head(s, &s->runs[a]), run_head(s, &s->runs[b]), &s->rec) < 0;
}

static void sift_down(nb_spill *s, int i)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < s->nheap && heap_less(s, s->heap[l], s->heap[m])) m = l;
        if (r < s->nheap && heap_less(s, s->heap[r], s->heap[m])) m = r;
        if (m == i) return;
        int t = s->heap[i];
        s->heap[i] = s->heap[m];
        s->heap[m] = t;
        i = m;
    }
}

static void start_reading(nb_spill *s)
{
    s->reading = 1;
    if (!s->nruns) {
        qsort_r(s->mem, s->n, s->rec, rec_cmp, &s->rec);
        return;
    }
    if (s->n) write_run(s);
    free(s->mem);
    s->mem = NULL;
    s->heap = malloc((size_t)s->nruns * sizeof *s->heap);
    if (!s->heap) abort();
    for (int i = 0; i < s->nruns; i++)
        if (run_head(s, &s->runs[i])) s->heap[s->nheap++] = i;
    for (int i = s->nheap / 2 - 1; i >= 0; i--) sift_down(s, i);
}

int nb_spill_next(nb_spill *s, void *rec)
{
    if (!s->reading) start_reading(s);
    if (!s->nruns) {
        if (s->mpos >= s->n) return 0;
        memcpy(rec, s->mem + s->mpos++ * s->rec, s->rec);
        return 1;
    }
    if (!s->nheap) return 0;
    run *r = &s->runs[s->heap[0]];
    memcpy(rec, run_head(s, r), s->rec);
    r->pos += s->rec;
    if (!run_head(s, r)) s->heap[0] = s->heap[--s->nheap];
    sift_down(s, 0);
    return 1;
}

uint64_t nb_spill_count(const nb_spill *s)
{
    return s->count;
}

int nb_spill_failed(const nb_spill *s)
{
    return s->have_file && s->file.failed;
}

void nb_spill_free(nb_spill *s)
{
    if (!s) return;
    for (int i = 0; i < s->nruns; i++) free(s->runs[i].buf);
    free(s->runs);
    free(s->heap);
    free(s->mem);
    if (s->have_file) nb_tmp_close(&s->file);
    free(s);
}
