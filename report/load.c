/*
 * report/load.c — read an output folder back into memory (see load.h).
 *
 * documents.csv gives the documents in input order; cells.csv and the findings file are in the same
 * order, each row naming its file and sha256, so rows are attached to their document through a
 * hash of "sha256 file". findings.jsonl lines are flat objects with one nested object of string
 * arguments, which a small reader below takes apart; nothing else of JSON is needed.
 */
#include "load.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/csvin.h"

static int fail(const char **err, const char *msg)
{
    *err = msg;
    return -1;
}

static char *path_in(nb_arena *a, const char *dir, const char *name)
{
    return nb_sprintf(a, "%s/%s", dir, name);
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fclose(f);
    return 1;
}

/* "sha256 file": what ties a cell or finding row to its document. */
static char *doc_key(nb_arena *a, const char *sha, const char *file)
{
    return nb_sprintf(a, "%s %s", sha, file);
}

/* Column indexes of a header, by name; -1 for a column the file does not have. */
static void columns(const nb_csvin_row *h, const char *const *names, int *col, int n)
{
    for (int i = 0; i < n; i++) col[i] = nb_csvin_column(h, names[i]);
}

/* ---------- documents.csv ---------- */

enum { D_FILE, D_SHA, D_KIND, D_PAGES, D_AGENCY, D_YEAR, D_VERSION, D_SIGNED, D_PUBLISHED, D_STATUS, D_MSG, D_N };
static const char *const doc_names[D_N] = {"file", "sha256", "kind", "pages", "agency", "year", "version",
                                           "signed_date", "published_date", "status", "message"};

static int load_documents(nb_rundata *run, GHashTable *index, int en, const char **err)
{
    nb_arena *a = &run->arena;
    const char *path = path_in(a, run->dir, "documents.csv");
    nb_csvin_file csv;
    if (nb_csvin_load(path, a, &csv, en, err) != 0) return -1;
    if (csv.n < 1) return fail(err, nb_sprintf(a, en ? "%s: empty" : "%s：文件为空", path));
    int c[D_N];
    columns(&csv.rows[0], doc_names, c, D_N);
    if (c[D_FILE] < 0 || c[D_SHA] < 0)
        return fail(err, nb_sprintf(a, en ? "%s: no file,sha256 columns: not a nianbao documents.csv"
                                          : "%s：没有 file、sha256 列，不是 nianbao 的 documents.csv", path));
    run->docs = nb_alloc(a, (size_t)csv.n * sizeof *run->docs);
    for (int i = 1; i < csv.n; i++) {
        const nb_csvin_row *r = &csv.rows[i];
        nb_rdoc *d = &run->docs[run->ndocs];
        d->file = nb_csvin_field(r, c[D_FILE]);
        d->sha256 = nb_csvin_field(r, c[D_SHA]);
        d->kind = nb_csvin_field(r, c[D_KIND]);
        d->pages = atoi(nb_csvin_field(r, c[D_PAGES]));
        d->agency = nb_csvin_field(r, c[D_AGENCY]);
        d->year = atoi(nb_csvin_field(r, c[D_YEAR]));
        d->version = nb_csvin_field(r, c[D_VERSION]);
        d->signed_date = nb_csvin_field(r, c[D_SIGNED]);
        d->published_date = nb_csvin_field(r, c[D_PUBLISHED]);
        d->status = nb_csvin_field(r, c[D_STATUS]);
        d->message = nb_csvin_field(r, c[D_MSG]);
        g_hash_table_insert(index, doc_key(a, d->sha256, d->file), GINT_TO_POINTER(run->ndocs + 1));
        run->ndocs++;
    }
    return 0;
}

static int doc_of(GHashTable *index, nb_arena *scratch, const char *sha, const char *file)
{
    char key[1024];
    int n = snprintf(key, sizeof key, "%s %s", sha, file);
    const char *k = n < (int)sizeof key ? key : doc_key(scratch, sha, file);
    return GPOINTER_TO_INT(g_hash_table_lookup(index, k)) - 1;
}

/* ---------- cells.csv ---------- */

enum { C_FILE, C_SHA, C_TABLE, C_ROW, C_COL, C_VALUE, C_UNIT, C_RAW, C_CERTAIN, C_PAGE, C_X0, C_Y0, C_X1, C_Y1, C_N };
static const char *const cell_names[C_N] = {"file", "sha256", "table", "row", "col", "value", "unit", "raw",
                                            "certain", "page", "x0", "y0", "x1", "y1"};

static void read_cell(const nb_csvin_row *r, const int *c, nb_rcell *out)
{
    out->table = nb_csvin_field(r, c[C_TABLE]);
    out->row = nb_csvin_field(r, c[C_ROW]);
    out->col = nb_csvin_field(r, c[C_COL]);
    out->value = nb_csvin_field(r, c[C_VALUE]);
    out->unit = nb_csvin_field(r, c[C_UNIT]);
    out->raw = nb_csvin_field(r, c[C_RAW]);
    out->certain = strcmp(nb_csvin_field(r, c[C_CERTAIN]), "no") != 0;
    out->page = atoi(nb_csvin_field(r, c[C_PAGE]));
    const char *x0 = nb_csvin_field(r, c[C_X0]);
    out->has_box = *x0 != '\0';
    if (out->has_box) {
        out->x0 = strtof(x0, NULL);
        out->y0 = strtof(nb_csvin_field(r, c[C_Y0]), NULL);
        out->x1 = strtof(nb_csvin_field(r, c[C_X1]), NULL);
        out->y1 = strtof(nb_csvin_field(r, c[C_Y1]), NULL);
    }
}

static int load_cells(nb_rundata *run, GHashTable *index, int en, const char **err)
{
    nb_arena *a = &run->arena;
    const char *path = path_in(a, run->dir, "cells.csv");
    if (!file_exists(path)) return 0;       /* a run with no template table read */
    nb_csvin_file csv;
    if (nb_csvin_load(path, a, &csv, en, err) != 0) return -1;
    if (csv.n < 1) return 0;
    int c[C_N];
    columns(&csv.rows[0], cell_names, c, C_N);
    if (c[C_FILE] < 0 || c[C_SHA] < 0 || c[C_TABLE] < 0 || c[C_ROW] < 0 || c[C_COL] < 0)
        return fail(err, nb_sprintf(a, en ? "%s: the header lacks file,sha256,table,row,col"
                                          : "%s：表头缺少 file、sha256、table、row、col", path));
    /* two passes: count per document, then fill, so each document's cells are one array */
    int *doc = nb_alloc(a, (size_t)csv.n * sizeof *doc);
    for (int i = 1; i < csv.n; i++) {
        const nb_csvin_row *r = &csv.rows[i];
        doc[i] = doc_of(index, a, nb_csvin_field(r, c[C_SHA]), nb_csvin_field(r, c[C_FILE]));
        if (doc[i] >= 0) run->docs[doc[i]].ncells++;
    }
    for (int k = 0; k < run->ndocs; k++) {
        run->docs[k].cells = nb_alloc(a, (size_t)run->docs[k].ncells * sizeof(nb_rcell));
        run->docs[k].ncells = 0;
    }
    for (int i = 1; i < csv.n; i++) {
        if (doc[i] < 0) continue;
        nb_rdoc *d = &run->docs[doc[i]];
        read_cell(&csv.rows[i], c, &d->cells[d->ncells++]);
    }
    return 0;
}

/* ---------- findings.jsonl: a flat object with one object of string arguments ---------- */

typedef struct jreader {
    const char *p, *end;
    nb_arena   *a;
} jreader;

static void j_space(jreader *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n')) j->p++;
}

static int j_hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

static void put_utf8(GString *s, unsigned cp)
{
    g_string_append_unichar(s, (gunichar)cp);
}

/* A JSON string at j->p (the opening quote), decoded into the arena; NULL on a syntax error. */
static const char *j_string(jreader *j)
{
    j_space(j);
    if (j->p >= j->end || *j->p != '"') return NULL;
    j->p++;
    GString *s = g_string_new(NULL);
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c != '\\') {
            g_string_append_c(s, c);
            continue;
        }
        if (j->p >= j->end) break;
        char e = *j->p++;
        unsigned cp;
        switch (e) {
        case 'n': g_string_append_c(s, '\n'); break;
        case 't': g_string_append_c(s, '\t'); break;
        case 'r': g_string_append_c(s, '\r'); break;
        case 'b': g_string_append_c(s, '\b'); break;
        case 'f': g_string_append_c(s, '\f'); break;
        case 'u':
            if (j->end - j->p < 4 || !j_hex4(j->p, &cp)) goto bad;
            j->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                unsigned lo;
                if (j_hex4(j->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    j->p += 6;
                }
            }
            put_utf8(s, cp);
            break;
        default: g_string_append_c(s, e); break;
        }
    }
    if (j->p >= j->end) goto bad;
    j->p++;
    const char *out = nb_strndup(j->a, s->str, s->len);
    g_string_free(s, TRUE);
    return out;
bad:
    g_string_free(s, TRUE);
    return NULL;
}

/* A scalar that is not a string (a number, null, true, false) as its text; "" for null. */
static const char *j_scalar(jreader *j)
{
    j_space(j);
    const char *s = j->p;
    while (j->p < j->end && *j->p != ',' && *j->p != '}' && *j->p != ' ') j->p++;
    size_t n = (size_t)(j->p - s);
    if (n == 4 && memcmp(s, "null", 4) == 0) return "";
    return nb_strndup(j->a, s, n);
}

static int j_expect(jreader *j, char c)
{
    j_space(j);
    if (j->p >= j->end || *j->p != c) return 0;
    j->p++;
    return 1;
}

/* Members of an object, each handed to fn(key, value, ctx); an object value ("args") to obj. */
typedef void (*member_fn)(const char *key, const char *value, void *ctx);

static int j_object(jreader *j, member_fn fn, member_fn nested, void *ctx)
{
    if (!j_expect(j, '{')) return 0;
    j_space(j);
    if (j->p < j->end && *j->p == '}') return ++j->p, 1;
    for (;;) {
        const char *key = j_string(j);
        if (!key || !j_expect(j, ':')) return 0;
        j_space(j);
        if (j->p < j->end && *j->p == '{') {
            if (!nested || !j_object(j, nested, NULL, ctx)) return 0;
        } else {
            const char *v = j->p < j->end && *j->p == '"' ? j_string(j) : j_scalar(j);
            if (!v) return 0;
            fn(key, v, ctx);
        }
        j_space(j);
        if (j_expect(j, ',')) continue;
        return j_expect(j, '}');
    }
}

typedef struct jfinding {
    nb_rfinding *out;
    const char *file, *sha, *rule, *message;
} jfinding;

static void on_member(const char *key, const char *v, void *ctx)
{
    jfinding *jf = ctx;
    nb_finding *f = &jf->out->f;
    if (!strcmp(key, "file")) jf->file = v;
    else if (!strcmp(key, "sha256")) jf->sha = v;
    else if (!strcmp(key, "rule")) jf->rule = v;
    else if (!strcmp(key, "table")) f->table = v;
    else if (!strcmp(key, "row")) f->row = v;
    else if (!strcmp(key, "col")) f->col = v;
    else if (!strcmp(key, "page")) f->page = (uint32_t)atoi(v);
    else if (!strcmp(key, "expected")) f->expected = v;
    else if (!strcmp(key, "actual")) f->actual = v;
    else if (!strcmp(key, "message")) jf->message = v;
    else if (!strcmp(key, "waived")) f->waived = *v ? v : NULL;
}

static void on_arg(const char *key, const char *v, void *ctx)
{
    nb_finding *f = &((jfinding *)ctx)->out->f;
    if (f->nargs >= NB_MAX_ARGS) return;
    f->arg_name[f->nargs] = key;
    f->arg_value[f->nargs] = v;
    f->nargs++;
}

/* Place a finding whose fields are read: its rule, its document, its message. */
static int settle_finding(nb_rundata *run, GHashTable *index, jfinding *jf, int en)
{
    nb_rfinding *x = jf->out;
    x->f.rule = jf->rule ? nb_rule_find(jf->rule) : NULL;
    if (!x->f.rule) return -1;
    if (!x->f.table) x->f.table = "";
    if (!x->f.row) x->f.row = "";
    if (!x->f.col) x->f.col = "";
    if (!x->f.expected) x->f.expected = "";
    if (!x->f.actual) x->f.actual = "";
    x->doc = doc_of(index, &run->arena, jf->sha ? jf->sha : "", jf->file ? jf->file : "");
    x->message = run->messages_rerendered ? nb_finding_message(&run->arena, &x->f, en)
                                          : (jf->message ? jf->message : "");
    return 0;
}

static int load_jsonl(nb_rundata *run, GHashTable *index, const char *path, int en, const char **err)
{
    nb_arena *a = &run->arena;
    gchar *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL))
        return fail(err, nb_sprintf(a, en ? "%s: cannot read" : "%s：无法读取", path));
    int lines = 0;
    for (gsize i = 0; i < len; i++) lines += text[i] == '\n';
    run->findings = nb_alloc(a, (size_t)(lines + 1) * sizeof *run->findings);
    run->messages_rerendered = 1;
    const char *p = text, *end = text + len;
    int lineno = 0, rc = 0;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        if (le > p) {
            jfinding jf = {.out = &run->findings[run->nfindings]};
            jreader j = {p, le, a};
            if (!j_object(&j, on_member, on_arg, &jf) || settle_finding(run, index, &jf, en) != 0)
                rc = fail(err, nb_sprintf(a, en ? "%s: line %d: not a finding of this nianbao"
                                                : "%s：第 %d 行：不是本版本 nianbao 的发现记录", path, lineno));
            else run->nfindings++;
        }
        p = le + 1;
    }
    g_free(text);
    return rc;
}

/* ---------- findings.csv, when there is no findings.jsonl ---------- */

enum { F_FILE, F_SHA, F_RULE, F_TABLE, F_ROW, F_COL, F_PAGE, F_EXPECTED, F_ACTUAL, F_MSG, F_WAIVED, F_N };
static const char *const finding_names[F_N] = {"file", "sha256", "rule", "table", "row", "col", "page",
                                               "expected", "actual", "message", "waived"};

static int load_findings_csv(nb_rundata *run, GHashTable *index, const char *path, int en, const char **err)
{
    nb_arena *a = &run->arena;
    nb_csvin_file csv;
    if (nb_csvin_load(path, a, &csv, en, err) != 0) return -1;
    if (csv.n < 1) return 0;
    int c[F_N];
    columns(&csv.rows[0], finding_names, c, F_N);
    run->findings = nb_alloc(a, (size_t)csv.n * sizeof *run->findings);
    for (int i = 1; i < csv.n; i++) {
        const nb_csvin_row *r = &csv.rows[i];
        jfinding jf = {.out = &run->findings[run->nfindings]};
        nb_finding *f = &jf.out->f;
        jf.file = nb_csvin_field(r, c[F_FILE]);
        jf.sha = nb_csvin_field(r, c[F_SHA]);
        jf.rule = nb_csvin_field(r, c[F_RULE]);
        jf.message = nb_csvin_field(r, c[F_MSG]);
        f->table = nb_csvin_field(r, c[F_TABLE]);
        f->row = nb_csvin_field(r, c[F_ROW]);
        f->col = nb_csvin_field(r, c[F_COL]);
        f->page = (uint32_t)atoi(nb_csvin_field(r, c[F_PAGE]));
        f->expected = nb_csvin_field(r, c[F_EXPECTED]);
        f->actual = nb_csvin_field(r, c[F_ACTUAL]);
        const char *w = nb_csvin_field(r, c[F_WAIVED]);
        f->waived = *w ? w : NULL;
        if (settle_finding(run, index, &jf, en) != 0)
            return fail(err, nb_sprintf(a, en ? "%s: line %d: unknown rule '%s'" : "%s：第 %d 行：未知规则“%s”",
                                        path, r->line, jf.rule));
        run->nfindings++;
    }
    return 0;
}

/* Each document's findings, as index lists in file order. */
static void attach_findings(nb_rundata *run)
{
    for (int i = 0; i < run->nfindings; i++)
        if (run->findings[i].doc >= 0) run->docs[run->findings[i].doc].nfindings++;
    for (int k = 0; k < run->ndocs; k++) {
        run->docs[k].findings = nb_alloc(&run->arena, (size_t)run->docs[k].nfindings * sizeof(int));
        run->docs[k].nfindings = 0;
    }
    for (int i = 0; i < run->nfindings; i++) {
        int k = run->findings[i].doc;
        if (k >= 0) run->docs[k].findings[run->docs[k].nfindings++] = i;
    }
}

int nb_rundata_load(const char *dir, int en, nb_rundata *run, const char **err)
{
    memset(run, 0, sizeof *run);
    nb_arena_init(&run->arena);
    run->dir = nb_strdup(&run->arena, dir);
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    int rc = load_documents(run, index, en, err);
    if (rc == 0) rc = load_cells(run, index, en, err);
    if (rc == 0) {
        const char *jl = path_in(&run->arena, dir, "findings.jsonl");
        const char *csv = path_in(&run->arena, dir, "findings.csv");
        if (file_exists(jl)) rc = load_jsonl(run, index, jl, en, err);
        else if (file_exists(csv)) rc = load_findings_csv(run, index, csv, en, err);
    }
    if (rc == 0) attach_findings(run);
    g_hash_table_destroy(index);
    return rc;
}

void nb_rundata_free(nb_rundata *run)
{
    nb_arena_free(&run->arena);
    memset(run, 0, sizeof *run);
}

const nb_rcell *nb_rdoc_cell(const nb_rdoc *d, const char *table, const char *row, const char *col)
{
    for (int i = 0; i < d->ncells; i++) {
        const nb_rcell *c = &d->cells[i];
        if (!strcmp(c->table, table) && !strcmp(c->row, row) && !strcmp(c->col, col)) return c;
    }
    return NULL;
}
