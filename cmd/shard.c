/*
 * cmd/shard.c — choosing a shard's inputs and reading and writing shard-index.tsv (see shard.h).
 */
#include "shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHARD_MAGIC "nianbao-shard 1"

int nb_shard_parse(const char *spec, int *k, int *n)
{
    char *end;
    errno = 0;
    long a = strtol(spec, &end, 10);
    if (errno || end == spec || *end != '/') return -1;
    const char *s = end + 1;
    long b = strtol(s, &end, 10);
    if (errno || end == s || *end || b < 1 || b > 1000000 || a < 1 || a > b) return -1;
    *k = (int)a;
    *n = (int)b;
    return 0;
}

/* FNV-1a: simple, fast on short strings, and the same on every machine and build. */
static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

int nb_shard_of(const nb_input *in, int n)
{
    const char *rel = in->path + in->rel;
    while (rel[0] == '.' && rel[1] == '/') rel += 2;     /* ./a.pdf and a.pdf are one file */
    return (int)(fnv1a(rel) % (uint64_t)n) + 1;
}

void nb_shard_filter(nb_inputs *in, int k, int n, size_t **global, size_t *total)
{
    *total = in->n;
    *global = malloc((in->n ? in->n : 1) * sizeof **global);
    if (!*global) abort();
    size_t kept = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (nb_shard_of(&in->v[i], n) != k) {
            free(in->v[i].path);
            free(in->v[i].detail);
            continue;
        }
        (*global)[kept] = i;
        in->v[kept++] = in->v[i];
    }
    in->n = kept;
}

void nb_shard_escape(nb_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': nb_buf_puts(b, "%25"); break;
        case '\t': nb_buf_puts(b, "%09"); break;
        case '\n': nb_buf_puts(b, "%0A"); break;
        case '\r': nb_buf_puts(b, "%0D"); break;
        default: nb_buf_put(b, s, 1);
        }
    }
}

void nb_shard_unescape(char *s)
{
    static const char *const codes[] = {"%25", "%09", "%0A", "%0D"};
    static const char chars[] = {'%', '\t', '\n', '\r'};
    char *o = s;
    while (*s) {
        int done = 0;
        for (int i = 0; i < 4 && !done; i++)
            if (!strncmp(s, codes[i], 3)) {
                *o++ = chars[i];
                s += 3;
                done = 1;
            }
        if (!done) *o++ = *s++;
    }
    *o = '\0';
}

void nb_shard_head(nb_buf *b, int k, int n, size_t total, const char *options)
{
    nb_buf_printf(b, SHARD_MAGIC "\t%d/%d\t%zu\t", k, n, total);
    nb_shard_escape(b, options);
    nb_buf_puts(b, "\n");
}

void nb_shard_line(nb_buf *b, size_t index, const nb_result *res, const long long off[], const char *path)
{
    nb_buf_printf(b, "D\t%zu\t%d\t%d\t%d\t%d\t%d\t%d\t%d", index, res->unreadable, res->worst, res->counts[0],
                  res->counts[1], res->counts[2], (int)res->status, (int)res->err);
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        long long len = k == NB_OUT_SHARD ? 0 : (long long)res->out[k].len;
        nb_buf_printf(b, "\t%lld\t%lld", off[k], len);
    }
    nb_buf_puts(b, "\t");
    nb_shard_escape(b, res->detail);
    nb_buf_puts(b, "\t");
    nb_shard_escape(b, path);
    nb_buf_puts(b, "\n");
}

/* Split line at tabs into at most max fields. Returns how many. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static int parse_ll(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return errno || end == s || *end ? -1 : 0;
}

enum { D_FIXED = 9, D_FIELDS = D_FIXED + 2 * NB_OUT__COUNT + 2 };

static int parse_doc(char *line, nb_shard_doc *d)
{
    char *f[D_FIELDS + 1];
    if (split_tabs(line, f, D_FIELDS + 1) != D_FIELDS || strcmp(f[0], "D")) return -1;
    long long v[D_FIXED - 1 + 2 * NB_OUT__COUNT];
    for (int i = 1; i < D_FIELDS - 2; i++)
        if (parse_ll(f[i], &v[i - 1]) != 0) return -1;
    d->index = (size_t)v[0];
    d->unreadable = (int)v[1];
    d->worst = (int)v[2];
    for (int i = 0; i < 3; i++) d->counts[i] = (int)v[3 + i];
    d->status = (int)v[6];
    d->err = (int)v[7];
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        d->off[k] = v[8 + 2 * k];
        d->len[k] = v[9 + 2 * k];
        if (d->off[k] < 0 || d->len[k] < 0) return -1;
    }
    nb_shard_unescape(f[D_FIELDS - 2]);
    nb_shard_unescape(f[D_FIELDS - 1]);
    d->detail = strdup(f[D_FIELDS - 2]);
    d->path = strdup(f[D_FIELDS - 1]);
    return 0;
}

static int parse_head(char *line, nb_shard_index *x)
{
    char *f[5];
    if (split_tabs(line, f, 5) != 4 || strcmp(f[0], SHARD_MAGIC)) return -1;
    long long total;
    if (nb_shard_parse(f[1], &x->k, &x->n) != 0 || parse_ll(f[2], &total) != 0 || total < 0) return -1;
    x->total = (size_t)total;
    nb_shard_unescape(f[3]);
    x->options = strdup(f[3]);
    return 0;
}

int nb_shard_index_load(const char *dir, int shard, nb_shard_index *x, char *errbuf, size_t errlen)
{
    memset(x, 0, sizeof *x);
    char path[4096];
    snprintf(path, sizeof path, "%s/" NB_SHARD_INDEX, dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, capdocs = 0;
    ssize_t len;
    int rc = 0;
    long lineno = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[len - 1] != '\n') rc = -1;           /* a torn last line: the shard is unfinished */
        else line[len - 1] = '\0';
        if (rc == 0 && lineno == 1) {
            rc = parse_head(line, x);
            continue;
        }
        if (rc != 0) break;
        if (x->ndocs == capdocs) {
            capdocs = capdocs ? 2 * capdocs : 256;
            x->docs = realloc(x->docs, capdocs * sizeof *x->docs);
            if (!x->docs) abort();
        }
        nb_shard_doc *d = &x->docs[x->ndocs];
        memset(d, 0, sizeof *d);
        d->shard = shard;
        rc = parse_doc(line, d);
        if (rc == 0) {
            if (d->index >= x->total) rc = -1;
            x->ndocs++;
        }
    }
    free(line);
    fclose(f);
    if (rc == 0 && lineno == 0) rc = -1;
    if (rc != 0) {
        snprintf(errbuf, errlen, "%s: line %ld is not a shard index line", path, lineno);
        nb_shard_index_free(x);
    }
    return rc;
}

void nb_shard_index_free(nb_shard_index *x)
{
    for (size_t i = 0; i < x->ndocs; i++) {
        free(x->docs[i].detail);
        free(x->docs[i].path);
    }
    free(x->docs);
    free(x->options);
    memset(x, 0, sizeof *x);
}
