/*
 * rules/xrun.c — the rules across reports over every report of a run, in memory that does not grow
 * with their number (xreport.h, xrun.h).
 *
 * Each summary line, as it comes, goes to a lines file and a fixed-size record (nb_xrec: sketches,
 * year, sha256) to a records file; the roster joins its agency and notes it seen; a reports' agency
 * key hash goes to a sort. At the end the year pass walks the sort one agency at a time (year.c),
 * the copy pass sorts band keys, pairs and candidates on disk (copy.c), the roster names who did
 * not report (roster.c). Findings are written as they are raised to a findings file, keyed by
 * report; read back sorted, each report's few are put in their stable order in memory. What stays
 * in memory: one agency's reports, the sorts' buffers (NB_XRUN_BUDGET each), the roster.
 */
#include "xrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Mixing the key's FNV-1a hash: the year sort groups by it. */
static uint64_t key_hash(const char *key)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = key; *p; p++) h = (h ^ (uint8_t)*p) * 1099511628211ull;
    h ^= h >> 31;
    h *= 0x7fb5d329728ea185ull;
    return h ^ (h >> 27);
}

nb_xrun *nb_xrun_open(const nb_xopts *o)
{
    nb_xrun *r = calloc(1, sizeof *r);
    if (!r) abort();
    r->o = *o;
    if (nb_tmp_open(&r->lines) || nb_tmp_open(&r->recs) || nb_tmp_open(&r->found_data)) r->failed = 1;
    r->year = nb_spill_new(12, NB_XRUN_BUDGET);
    r->found = nb_spill_new(16, NB_XRUN_BUDGET);
    nb_arena_init(&r->scratch);
    nb_xfindings_init(&r->pending, &r->scratch);
    r->roster_seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    r->run_years = g_array_new(FALSE, FALSE, sizeof(int));
    return r;
}

void nb_xrun_close(nb_xrun *r)
{
    if (!r) return;
    nb_tmp_close(&r->lines);
    nb_tmp_close(&r->recs);
    nb_tmp_close(&r->found_data);
    nb_spill_free(r->year);
    nb_spill_free(r->found);
    nb_xfindings_free(&r->pending);
    nb_arena_free(&r->scratch);
    g_hash_table_destroy(r->roster_seen);
    g_array_free(r->run_years, TRUE);
    free(r);
}

int nb_xrun_count(const nb_xrun *r)
{
    return r->n;
}

static int families(const nb_xrun *r, unsigned f)
{
    return !r->o.families || (r->o.families & f);
}

void nb_xrun_add(nb_xrun *r, const char *line, size_t len, long run)
{
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    nb_xdoc d;
    if (nb_xdoc_parse(line, len, &r->scratch, &d) != 0) {
        nb_arena_reset(&r->scratch);
        return;
    }
    d.run = run;
    d.order = r->n;
    if (r->o.roster && families(r, NB_XFAM_ROSTER)) nb_xroster_doc(r, &d);
    const nb_roster_entry *e = nb_roster_find_key(r->o.roster, d.key);
    if (e) d.key = e->key;                    /* the roster's join, whether or not its rules run */
    nb_xrec rec;
    memset(&rec, 0, sizeof rec);
    rec.line_off = nb_tmp_put(&r->lines, line, len);
    rec.line_len = (uint32_t)len;
    rec.year = d.year;
    rec.run = d.run;
    rec.has_sketch = (uint8_t)d.has_sketch;
    snprintf(rec.sha256, sizeof rec.sha256, "%s", d.sha256);
    memcpy(rec.sketch, d.sketch, sizeof rec.sketch);
    for (int k = 0; k < 2; k++) {
        rec.has_part[k] = (uint8_t)d.has_part[k];
        memcpy(rec.part[k], d.part[k], sizeof rec.part[k]);
    }
    nb_tmp_put(&r->recs, &rec, sizeof rec);
    if (*d.key && d.year) {
        uint8_t y[12];
        nb_put_be64(y, key_hash(d.key));
        nb_put_be32(y + 8, (uint32_t)d.order);
        nb_spill_add(r->year, y);
    }
    r->n++;
    nb_xrun_flush(r);
}

void nb_xrun_rec(nb_xrun *r, int order, nb_xrec *rec)
{
    nb_tmp_get(&r->recs, (uint64_t)order * sizeof *rec, rec, sizeof *rec);
}

void nb_xrun_set_rec(nb_xrun *r, int order, const nb_xrec *rec)
{
    nb_tmp_set(&r->recs, (uint64_t)order * sizeof *rec, rec, sizeof *rec);
}

void nb_xrun_doc(nb_xrun *r, int order, nb_arena *a, nb_xdoc *d)
{
    nb_xrec rec;
    nb_xrun_rec(r, order, &rec);
    char *line = nb_alloc_uninit(a, (size_t)rec.line_len + 1);
    nb_tmp_get(&r->lines, rec.line_off, line, rec.line_len);
    line[rec.line_len] = '\0';
    if (nb_xdoc_parse(line, rec.line_len, a, d) != 0) r->failed = 1;   /* only after a failed write */
    d->run = (long)rec.run;
    d->order = order;
    const nb_roster_entry *e = nb_roster_find_key(r->o.roster, d->key);
    if (e) d->key = e->key;
}

/* ---------------------------------------------------------------- the findings file */

/* A finding as bytes: rule index, page, year, then NUL-terminated strings. */
enum { NSTR = 10 };

static void strings_of(const nb_xfinding *f, const char *s[NSTR])
{
    const nb_xdoc *d = f->doc;
    const char *v[NSTR] = {d ? d->file : "", d ? d->sha256 : "", d ? d->agency : "", f->table, f->row, f->col,
                           f->expected, f->actual, f->msg_zh, f->msg_en};
    memcpy(s, v, sizeof v);
}

void nb_xrun_flush(nb_xrun *r)
{
    for (int i = 0; i < r->pending.n; i++) {
        const nb_xfinding *f = &r->pending.v[i];
        const char *s[NSTR];
        strings_of(f, s);
        uint32_t head[4] = {0, (uint32_t)(f->rule - nb_rules), f->page, (uint32_t)(f->doc ? f->doc->year : 0)};
        for (int k = 0; k < NSTR; k++) head[0] += (uint32_t)strlen(s[k] ? s[k] : "") + 1;
        head[0] += sizeof head;
        uint64_t off = nb_tmp_put(&r->found_data, head, sizeof head);
        for (int k = 0; k < NSTR; k++) nb_tmp_put(&r->found_data, s[k] ? s[k] : "", strlen(s[k] ? s[k] : "") + 1);
        uint8_t key[16];
        nb_put_be32(key, f->doc ? (uint32_t)f->doc->order + 1 : 0);
        nb_put_be32(key + 4, r->seq++);
        nb_put_be64(key + 8, off);
        nb_spill_add(r->found, key);
    }
    r->pending.n = 0;
    nb_arena_reset(&r->scratch);
}

typedef struct held {
    nb_xfinding f;
    nb_xdoc     doc;
    uint32_t    seq;
} held;

static void read_finding(nb_xrun *r, const uint8_t key[16], nb_arena *a, held *h)
{
    uint32_t head[4];
    uint64_t off = nb_get_be64(key + 8);
    nb_tmp_get(&r->found_data, off, head, sizeof head);
    if (head[0] < sizeof head || head[1] >= (uint32_t)nb_nrules) head[0] = sizeof head, head[1] = 0, r->failed = 1;
    size_t n = head[0] - sizeof head;
    char *p = nb_alloc(a, n + NSTR);
    nb_tmp_get(&r->found_data, off + sizeof head, p, n);
    const char *s[NSTR];
    for (int k = 0; k < NSTR; k++) {
        s[k] = p;
        p += strlen(p) + 1;
    }
    memset(h, 0, sizeof *h);
    uint32_t order = nb_get_be32(key);
    h->seq = nb_get_be32(key + 4);
    h->doc.file = s[0], h->doc.sha256 = s[1], h->doc.agency = s[2];
    h->doc.year = (int)head[3];
    h->doc.order = (int)order - 1;
    h->f.rule = &nb_rules[head[1]];
    h->f.doc = order ? &h->doc : NULL;
    h->f.table = s[3], h->f.row = s[4], h->f.col = s[5], h->f.expected = s[6], h->f.actual = s[7];
    h->f.msg_zh = s[8], h->f.msg_en = s[9];
    h->f.page = head[2];
}

static int held_cmp(const void *pa, const void *pb)
{
    const held *a = *(held *const *)pa, *b = *(held *const *)pb;
    int c = nb_xfinding_cmp(&a->f, &b->f);
    return c ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* One report's findings (all read in a) in their order. */
static void emit_group(GPtrArray *g, void (*cb)(void *ctx, const nb_xfinding *f), void *ctx)
{
    g_ptr_array_sort(g, held_cmp);
    for (guint i = 0; i < g->len; i++) {
        held *h = g->pdata[i];
        if (h->f.doc) h->f.doc = &h->doc;
        cb(ctx, &h->f);
    }
}

static void emit_all(nb_xrun *r, void (*cb)(void *ctx, const nb_xfinding *f), void *ctx)
{
    nb_arena a;
    nb_arena_init(&a);
    GPtrArray *g = g_ptr_array_new();
    uint8_t key[16];
    uint32_t cur = 0;
    for (;;) {
        int more = nb_spill_next(r->found, key);
        if (g->len && (!more || nb_get_be32(key) != cur)) {
            emit_group(g, cb, ctx);
            g_ptr_array_set_size(g, 0);
            nb_arena_reset(&a);
        }
        if (!more) break;
        cur = nb_get_be32(key);
        held *h = nb_alloc(&a, sizeof *h);
        read_finding(r, key, &a, h);
        g_ptr_array_add(g, h);
    }
    g_ptr_array_free(g, TRUE);
    nb_arena_free(&a);
}

int nb_xrun_check(nb_xrun *r, void (*cb)(void *ctx, const nb_xfinding *f), void *ctx)
{
    nb_xyear_pass(r);
    if (nb_spill_failed(r->year)) r->failed = 1;
    nb_spill_free(r->year);                   /* its buffer is the copy rules' now */
    r->year = NULL;
    if (families(r, NB_XFAM_COPY)) nb_xcopy_pass(r);
    if (r->o.roster && families(r, NB_XFAM_ROSTER)) nb_xroster_missing(r);
    emit_all(r, cb, ctx);
    if (r->lines.failed || r->recs.failed || r->found_data.failed || nb_spill_failed(r->found))
        r->failed = 1;
    return r->failed ? -1 : 0;
}

/* ---------------------------------------------------------------- summaries in memory */

typedef struct collect {
    nb_xdoc     **docs;
    int           n;
    nb_xfindings *out;
} collect;

static const char *keep(nb_arena *a, const char *s)
{
    return s ? nb_strdup(a, s) : NULL;
}

static void on_finding(void *ctx, const nb_xfinding *f)
{
    collect *c = ctx;
    nb_arena *a = c->out->a;
    nb_xfinding *x = nb_xfinding_add(c->out, f->rule->id, f->doc && f->doc->order < c->n ? c->docs[f->doc->order] : NULL);
    x->table = keep(a, f->table), x->row = keep(a, f->row), x->col = keep(a, f->col);
    x->expected = keep(a, f->expected), x->actual = keep(a, f->actual);
    x->msg_zh = keep(a, f->msg_zh), x->msg_en = keep(a, f->msg_en);
    x->page = f->page;
}

void nb_xcheck_docs(nb_xdoc **docs, int n, const nb_xopts *o, unsigned fam, nb_xfindings *out)
{
    nb_xopts xo = *o;
    xo.families = fam;
    nb_xrun *r = nb_xrun_open(&xo);
    for (int i = 0; i < n; i++) {
        char *line;
        size_t len;
        nb_xdoc_format(docs[i], &line, &len);
        nb_xrun_add(r, line, len, docs[i]->run);
        g_free(line);
        /* the roster's join, as the rules saw it */
        const nb_roster_entry *e = nb_roster_find_key(o->roster, docs[i]->key);
        if (e) docs[i]->key = e->key;
    }
    collect c = {docs, n, out};
    nb_xrun_check(r, on_finding, &c);
    nb_xrun_close(r);
}
