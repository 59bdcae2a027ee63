/*
 * scripts/eval/table.c — whole-file CSV reading with libcsv and a small open-addressing hash map.
 */
#include "table.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader { csvtab *t; char **fields; int n, cap; } loader;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) { perror("nbeval"); exit(2); }
    return q;
}

static void on_field(void *s, size_t len, void *data)
{
    loader *l = data;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->fields = xrealloc(l->fields, (size_t)l->cap * sizeof *l->fields);
    }
    char *f = xrealloc(NULL, len + 1);
    memcpy(f, s, len);
    f[len] = '\0';
    l->fields[l->n++] = f;
}

static void on_row(int c, void *data)
{
    (void)c;
    loader *l = data;
    csvtab *t = l->t;
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->rows = xrealloc(t->rows, (size_t)t->cap * sizeof *t->rows);
        t->ncols = xrealloc(t->ncols, (size_t)t->cap * sizeof *t->ncols);
    }
    t->rows[t->nrows] = l->fields;
    t->ncols[t->nrows] = l->n;
    t->nrows++;
    l->fields = NULL;
    l->n = l->cap = 0;
}

int tab_load(const char *path, csvtab *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    loader l = {t, NULL, 0, 0};
    char buf[65536];
    size_t n;
    int rc = 0;
    /* a UTF-8 BOM (--bom) is not part of the first header name */
    n = fread(buf, 1, 3, f);
    if (!(n == 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF))
        if (csv_parse(&p, buf, n, on_field, on_row, &l) != n) rc = -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &l) != n) rc = -1;
    csv_fini(&p, on_field, on_row, &l);
    csv_free(&p);
    fclose(f);
    return rc;
}

void tab_free(csvtab *t)
{
    for (int i = 0; i < t->nrows; i++) {
        for (int j = 0; j < t->ncols[i]; j++) free(t->rows[i][j]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->ncols);
    memset(t, 0, sizeof *t);
}

int tab_col(const csvtab *t, const char *name)
{
    if (t->nrows == 0) return -1;
    for (int j = 0; j < t->ncols[0]; j++)
        if (!strcmp(t->rows[0][j], name)) return j;
    return -1;
}

const char *tab_get(const csvtab *t, int i, int j)
{
    return j >= 0 && j < t->ncols[i] ? t->rows[i][j] : "";
}

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void map_put(strmap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        strmap big = {0};
        big.cap = m->cap ? m->cap * 2 : 1024;
        big.keys = calloc(big.cap, sizeof *big.keys);
        big.vals = calloc(big.cap, sizeof *big.vals);
        if (!big.keys || !big.vals) { perror("nbeval"); exit(2); }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t k = hash(m->keys[i]) & (big.cap - 1);
                while (big.keys[k]) k = (k + 1) & (big.cap - 1);
                big.keys[k] = m->keys[i];
                big.vals[k] = m->vals[i];
            }
        big.n = m->n;
        free(m->keys);
        free(m->vals);
        *m = big;
    }
    size_t k = hash(key) & (m->cap - 1);
    while (m->keys[k] && strcmp(m->keys[k], key)) k = (k + 1) & (m->cap - 1);
    if (!m->keys[k]) {
        m->keys[k] = strdup(key);
        m->n++;
    }
    m->vals[k] = val;
}

int map_get(const strmap *m, const char *key)
{
    if (!m->cap) return -1;
    size_t k = hash(key) & (m->cap - 1);
    while (m->keys[k]) {
        if (!strcmp(m->keys[k], key)) return m->vals[k];
        k = (k + 1) & (m->cap - 1);
    }
    return -1;
}

void map_free(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}
