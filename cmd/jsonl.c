/*
 * cmd/jsonl.c — JSON Lines records from a document's rows, and rows from records (see jsonl.h).
 *
 * Records are written by hand into a buffer (the parent writes one per document, and json-c's
 * object tree would cost more than the rows themselves); they are read back with json-c, which
 * accepts whatever a JSON tool upstream made of them. The CSV rows read here are nianbao's own
 * (buf.c: a field is quoted only when it must be, quotes doubled), so a small splitter does.
 */
#include "jsonl.h"

#include <json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/finding.h"

/* ---------------------------------------------------------------- CSV rows and columns */

enum { MAX_FIELDS = 256 };

/* One CSV record split into NUL-terminated fields (kept in text, pointed to by f). */
typedef struct row {
    nb_buf      text;
    const char *f[MAX_FIELDS];
    size_t      at[MAX_FIELDS];
    int         n;
} row;

/* Split the record starting at *p (before end) into r, moving *p past it. Returns 0, or -1 at the
 * end of the rows. */
static int next_row(const char **p, const char *end, row *r)
{
    const char *s = *p;
    if (s >= end) return -1;
    nb_buf_clear(&r->text);
    r->n = 0;
    for (;;) {
        if (r->n < MAX_FIELDS) r->at[r->n++] = r->text.len;
        if (s < end && *s == '"') {
            for (s++; s < end; s++) {
                if (*s == '"' && s + 1 < end && s[1] == '"') nb_buf_put(&r->text, s++, 1);
                else if (*s == '"') break;
                else nb_buf_put(&r->text, s, 1);
            }
            s++;
        }
        const char *q = s;
        while (q < end && *q != ',' && *q != '\n') q++;
        nb_buf_put(&r->text, s, (size_t)(q - s));
        nb_buf_put(&r->text, "", 1);        /* the field's NUL, kept in the buffer */
        s = q;
        if (s >= end || *s == '\n') break;
        s++;
    }
    *p = s < end ? s + 1 : end;
    for (int i = 0; i < r->n; i++) r->f[i] = r->text.p + r->at[i];
    return 0;
}

static const char *field(const row *r, int i) { return i < r->n ? r->f[i] : ""; }

/* The column names of output k, from its header row: the same list the CSV files are written by. */
static const row *columns(int k)
{
    static row cache[NB_OUT__COUNT];
    static int ready[NB_OUT__COUNT];
    if (!ready[k]) {
        nb_buf h = {0};
        nb_out_header(k, &h);
        const char *p = h.p;
        next_row(&p, h.p + h.len, &cache[k]);
        nb_buf_free(&h);
        ready[k] = 1;
    }
    return &cache[k];
}

/* Where a row's own columns start: after file, sha256 (documents, findings) or after the five
 * key columns every per-report file starts with (cells, t2–t4). */
static int first_own_column(int k)
{
    return k == NB_OUT_DOCUMENTS || k == NB_OUT_FINDINGS ? 2 : 5;
}

typedef enum { K_STR, K_INT, K_FIXED1, K_BOOL } kind;

static kind kind_of(const char *name)
{
    static const char *const ints[] = {"pages", "year", "page", "src_table", "src_row", "src_col"};
    static const char *const fixed[] = {"x0", "y0", "x1", "y1"};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        if (!strcmp(name, ints[i])) return K_INT;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (!strcmp(name, fixed[i])) return K_FIXED1;
    return strcmp(name, "certain") ? K_STR : K_BOOL;
}

/* ---------------------------------------------------------------- rows to a record */

static void json_value(nb_buf *b, kind k, const char *v)
{
    if (k == K_STR) nb_json_string(b, v);
    else if (k == K_BOOL) nb_buf_puts(b, !strcmp(v, "yes") ? "true" : "false");
    else if (!*v) nb_buf_puts(b, "null");
    else nb_buf_puts(b, v);                  /* digits as the CSV writer made them */
}

/* The row's own columns as members of an object; only_set: leave out empty ones (wide tables). */
static void row_object(nb_buf *b, int k, const row *r, int only_set)
{
    const row *cols = columns(k);
    int first = 1;
    nb_buf_puts(b, "{");
    for (int i = first_own_column(k); i < cols->n; i++) {
        const char *v = field(r, i);
        if (only_set && !*v) continue;
        if (!first) nb_buf_puts(b, ",");
        first = 0;
        nb_json_string(b, cols->f[i]);
        nb_buf_puts(b, ":");
        json_value(b, only_set ? K_STR : kind_of(cols->f[i]), v);
    }
    nb_buf_puts(b, "}");
}

static void cells_array(nb_buf *b, const nb_buf *rows, row *r)
{
    const char *p = rows->p, *end = rows->p + rows->len;
    int first = 1;
    nb_buf_puts(b, "[");
    while (rows->len && next_row(&p, end, r) == 0) {
        if (!first) nb_buf_puts(b, ",");
        first = 0;
        row_object(b, NB_OUT_CELLS, r, 0);
    }
    nb_buf_puts(b, "]");
}

static void tables_object(nb_buf *b, const nb_result *res, row *r)
{
    if (!res->out[NB_OUT_T2].len) {
        nb_buf_puts(b, "null");
        return;
    }
    static const int wide[3] = {NB_OUT_T2, NB_OUT_T3, NB_OUT_T4};
    nb_buf_puts(b, "{");
    for (int i = 0; i < 3; i++) {
        const nb_buf *rows = &res->out[wide[i]];
        const char *p = rows->p;
        nb_buf_printf(b, "%s\"t%d\":", i ? "," : "", i + 2);
        if (rows->len && next_row(&p, rows->p + rows->len, r) == 0) row_object(b, wide[i], r, 1);
        else nb_buf_puts(b, "{}");
    }
    nb_buf_puts(b, "}");
}

/* The end of the JSON string token starting at p (a quote), or NULL. */
static const char *string_end(const char *p, const char *end)
{
    if (p >= end || *p != '"') return NULL;
    for (p++; p < end; p++) {
        if (*p == '\\') p++;
        else if (*p == '"') return p + 1;
    }
    return NULL;
}

/* A finding's args, {"name":"value",…} as audit.c writes them, as [["name","value"],…]: the order
 * of the arguments is part of findings.jsonl's bytes, and a JSON tool may reorder an object's
 * members but never an array. Returns 0, or -1 (nothing appended) when p..end is not such an
 * object. */
static int args_as_pairs(nb_buf *b, const char *p, const char *end)
{
    nb_buf t = {0};
    if (p >= end || *p++ != '{') return -1;
    nb_buf_puts(&t, "[");
    int ok = 1, first = 1;
    while (ok && p < end && *p != '}') {
        const char *k = p, *ke = string_end(k, end);
        const char *v = ke && ke < end && *ke == ':' ? ke + 1 : NULL, *ve = v ? string_end(v, end) : NULL;
        if (!ve) {
            ok = 0;
            break;
        }
        nb_buf_puts(&t, first ? "[" : ",[");
        nb_buf_put(&t, k, (size_t)(ke - k));
        nb_buf_puts(&t, ",");
        nb_buf_put(&t, v, (size_t)(ve - v));
        nb_buf_puts(&t, "]");
        first = 0;
        p = ve;
        if (p < end && *p == ',') p++;
    }
    ok = ok && p < end && *p == '}' && p + 1 == end;
    if (ok) {
        nb_buf_puts(&t, "]");
        nb_buf_put(b, t.p, t.len);
    }
    nb_buf_free(&t);
    return ok ? 0 : -1;
}

/* One finding of findings.jsonl (line, without its newline) as a member of the record: the file
 * and sha256 it shares with the record left out, its args as pairs. */
static void finding_member(nb_buf *b, const char *p, const char *end, const nb_buf *prefix)
{
    static const char args_key[] = ",\"args\":";
    if ((size_t)(end - p) > prefix->len && !memcmp(p, prefix->p, prefix->len)) {
        nb_buf_puts(b, "{");
        p += prefix->len;
    }
    /* args is the last member: the line ends with ,"args":{…}} */
    const char *a = NULL;
    for (const char *q = p; (q = memmem(q, (size_t)(end - q), args_key, sizeof args_key - 1)); q++) a = q;
    size_t at = b->len;
    if (a && end > p && end[-1] == '}') {
        nb_buf_put(b, p, (size_t)(a - p) + sizeof args_key - 1);
        if (args_as_pairs(b, a + sizeof args_key - 1, end - 1) == 0) {
            nb_buf_puts(b, "}");
            return;
        }
        b->len = at;
    }
    nb_buf_put(b, p, (size_t)(end - p));
}

/* The findings are findings.jsonl's objects. */
static void findings_array(nb_buf *b, const nb_buf *lines, const char *file, const char *sha256)
{
    nb_buf prefix = {0};
    nb_buf_puts(&prefix, "{\"file\":");
    nb_json_string(&prefix, file);
    nb_buf_puts(&prefix, ",\"sha256\":");
    nb_json_string(&prefix, sha256);
    nb_buf_puts(&prefix, ",");
    nb_buf_puts(b, "[");
    const char *p = lines->p, *end = lines->p + lines->len;
    for (int first = 1; lines->len && p < end; first = 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        if (!first) nb_buf_puts(b, ",");
        finding_member(b, p, nl, &prefix);
        p = nl + 1;
    }
    nb_buf_puts(b, "]");
    nb_buf_free(&prefix);
}

void nb_jsonl_record(nb_buf *b, const char *options, size_t index, size_t total, const nb_result *res)
{
    row r = {0};
    const nb_buf *docs = &res->out[NB_OUT_DOCUMENTS];
    const char *p = docs->p;
    if (!docs->len || next_row(&p, docs->p + docs->len, &r) != 0) r.n = 0;
    row doc = r;                         /* the fields stay in r.text, which is not reused below */
    r = (row){0};
    nb_buf_printf(b, "{\"index\":%zu,\"of\":%zu,\"run\":", index, total);
    nb_json_string(b, options);
    nb_buf_puts(b, ",\"file\":");
    nb_json_string(b, field(&doc, 0));
    nb_buf_puts(b, ",\"sha256\":");
    nb_json_string(b, field(&doc, 1));
    nb_buf_puts(b, ",\"status\":");
    nb_json_string(b, nb_status_name(res->status));
    nb_buf_puts(b, res->unreadable ? ",\"unreadable\":true,\"error\":" : ",\"unreadable\":false,\"error\":");
    if (res->err) {
        nb_buf_puts(b, "{\"code\":");
        nb_json_string(b, nb_error_code(res->err));
        nb_buf_puts(b, ",\"detail\":");
        nb_json_string(b, res->detail);
        nb_buf_puts(b, "}");
    } else {
        nb_buf_puts(b, "null");
    }
    nb_buf_puts(b, ",\"worst\":");
    if (res->worst >= 0) nb_json_string(b, nb_severity_name((nb_severity)res->worst));
    else nb_buf_puts(b, "null");
    nb_buf_printf(b, ",\"counts\":{\"info\":%d,\"warning\":%d,\"error\":%d},\"document\":", res->counts[0],
                  res->counts[1], res->counts[2]);
    row_object(b, NB_OUT_DOCUMENTS, &doc, 0);
    nb_buf_puts(b, ",\"cells\":");
    cells_array(b, &res->out[NB_OUT_CELLS], &r);
    nb_buf_puts(b, ",\"tables\":");
    tables_object(b, res, &r);
    nb_buf_puts(b, ",\"findings\":");
    findings_array(b, &res->out[NB_OUT_JSONL], field(&doc, 0), field(&doc, 1));
    nb_buf_puts(b, "}\n");
    nb_buf_free(&doc.text);
    nb_buf_free(&r.text);
}

/* ---------------------------------------------------------------- a record back to rows */

static json_object *parse(const char *line, size_t len, char *msg, size_t msglen)
{
    json_tokener *t = json_tokener_new();
    json_object *o = json_tokener_parse_ex(t, line, (int)len);
    enum json_tokener_error e = json_tokener_get_error(t);
    json_tokener_free(t);
    if (!o || e != json_tokener_success || !json_object_is_type(o, json_type_object)) {
        snprintf(msg, msglen, "not a JSON object (%s)", json_tokener_error_desc(e));
        json_object_put(o);
        return NULL;
    }
    return o;
}

static json_object *member(json_object *o, const char *name)
{
    json_object *v = NULL;
    return o && json_object_object_get_ex(o, name, &v) ? v : NULL;
}

static const char *member_string(json_object *o, const char *name)
{
    json_object *v = member(o, name);
    return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* The members a record of ours starts with, read without parsing the rest: merge reads every
 * record once to place it, and parsing each whole twice made --from-jsonl cost as much as reading
 * the reports. A string with an escape in it, or members in another order (a JSON tool rewrote
 * the stream), leave it to json-c. Returns 0 or -1. */
static int quick_number(const char **p, const char *end, const char *key, long long *v)
{
    size_t n = strlen(key);
    if ((size_t)(end - *p) <= n || memcmp(*p, key, n)) return -1;
    const char *s = *p + n;
    if (s >= end || *s < '0' || *s > '9') return -1;
    long long x = 0;
    for (; s < end && *s >= '0' && *s <= '9'; s++) x = x * 10 + (*s - '0');
    *v = x;
    *p = s;
    return 0;
}

static int quick_string(const char **p, const char *end, const char *key, char **v)
{
    size_t n = strlen(key);
    if ((size_t)(end - *p) <= n || memcmp(*p, key, n) || (*p)[n] != '"') return -1;
    const char *s = *p + n + 1, *q = s;
    while (q < end && *q != '"' && *q != '\\') q++;
    if (q >= end || *q != '"') return -1;
    *v = strndup(s, (size_t)(q - s));
    *p = q + 1;
    return 0;
}

static int quick_peek(const char *line, size_t len, long long *index, long long *total, char **options, char **file)
{
    const char *p = line, *end = line + len;
    *options = *file = NULL;
    if (quick_number(&p, end, "{\"index\":", index) == 0 && quick_number(&p, end, ",\"of\":", total) == 0 &&
        quick_string(&p, end, ",\"run\":", options) == 0 && quick_string(&p, end, ",\"file\":", file) == 0)
        return 0;
    free(*options);
    *options = NULL;
    return -1;
}

int nb_jsonl_peek(const char *line, size_t len, long long *index, long long *total, char **options,
                  char **file, char *msg, size_t msglen)
{
    if (quick_peek(line, len, index, total, options, file) == 0) return 0;
    json_object *o = parse(line, len, msg, msglen);
    if (!o) return -1;
    json_object *i = member(o, "index"), *n = member(o, "of");
    const char *run = member_string(o, "run"), *path = member_string(o, "file");
    int rc = -1;
    if (!i || !n || !run || !path || !json_object_is_type(i, json_type_int) || !json_object_is_type(n, json_type_int)) {
        snprintf(msg, msglen, "a record needs index, of, run and file");
    } else {
        *index = json_object_get_int64(i);
        *total = json_object_get_int64(n);
        *options = strdup(run);
        *file = strdup(path);
        rc = 0;
    }
    json_object_put(o);
    return rc;
}

/* One value as the CSV field of a column of that kind. */
static void csv_value(nb_buf *b, kind k, json_object *v, int first)
{
    if (!v || json_object_is_type(v, json_type_null)) {
        nb_csv_field(b, NULL, first);
    } else if (k == K_BOOL) {
        nb_csv_field(b, json_object_get_boolean(v) ? "yes" : "no", first);
    } else if (k == K_INT) {
        nb_csv_int(b, json_object_get_int64(v), first);
    } else if (k == K_FIXED1) {
        nb_csv_fixed1(b, (float)json_object_get_double(v), first);    /* written from a float */
    } else {
        nb_csv_field(b, json_object_get_string(v), first);
    }
}

/* The five key columns of cells and t2–t4 rows, from the record. */
static void key_fields(nb_buf *b, const char *file, const char *sha256, json_object *doc)
{
    nb_csv_field(b, file, 1);
    nb_csv_field(b, sha256, 0);
    csv_value(b, K_STR, member(doc, "agency"), 0);
    csv_value(b, K_INT, member(doc, "year"), 0);
    csv_value(b, K_STR, member(doc, "version"), 0);
}

/* A row of output k: its key (already in key) and then its own columns, from object o. */
static void object_row(nb_buf *b, int k, const nb_buf *key, json_object *o, int all_strings)
{
    const row *cols = columns(k);
    nb_buf_put(b, key->p, key->len);
    for (int i = first_own_column(k); i < cols->n; i++)
        csv_value(b, all_strings ? K_STR : kind_of(cols->f[i]), member(o, cols->f[i]), 0);
    nb_csv_end(b);
}

/* A JSON value written compactly, as audit.c writes findings.jsonl. */
static void json_compact(nb_buf *b, json_object *v)
{
    switch (v ? json_object_get_type(v) : json_type_null) {
    case json_type_null: nb_buf_puts(b, "null"); break;
    case json_type_boolean: nb_buf_puts(b, json_object_get_boolean(v) ? "true" : "false"); break;
    case json_type_int: nb_csv_int(b, json_object_get_int64(v), 1); break;
    case json_type_double: nb_buf_printf(b, "%.17g", json_object_get_double(v)); break;
    case json_type_string: nb_json_string(b, json_object_get_string(v)); break;
    case json_type_array: {
        nb_buf_puts(b, "[");
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            if (i) nb_buf_puts(b, ",");
            json_compact(b, json_object_array_get_idx(v, i));
        }
        nb_buf_puts(b, "]");
        break;
    }
    case json_type_object: {
        int first = 1;
        nb_buf_puts(b, "{");
        json_object_object_foreach(v, name, val) {
            if (!first) nb_buf_puts(b, ",");
            first = 0;
            nb_json_string(b, name);
            nb_buf_puts(b, ":");
            json_compact(b, val);
        }
        nb_buf_puts(b, "}");
        break;
    }
    }
}

/* A finding's args back as findings.jsonl has them: an object, from the record's pairs. */
static void args_object(nb_buf *b, json_object *args)
{
    if (!args || !json_object_is_type(args, json_type_array)) {
        if (args && json_object_is_type(args, json_type_object)) json_compact(b, args);
        else nb_buf_puts(b, "{}");
        return;
    }
    nb_buf_puts(b, "{");
    for (size_t i = 0; i < json_object_array_length(args); i++) {
        json_object *pair = json_object_array_get_idx(args, i);
        if (!json_object_is_type(pair, json_type_array) || json_object_array_length(pair) != 2) continue;
        if (b->p[b->len - 1] != '{') nb_buf_puts(b, ",");
        json_compact(b, json_object_array_get_idx(pair, 0));
        nb_buf_puts(b, ":");
        json_compact(b, json_object_array_get_idx(pair, 1));
    }
    nb_buf_puts(b, "}");
}

/* One finding: its findings.csv row and its findings.jsonl line, members in the columns' order. */
static void finding_rows(nb_result *res, const char *file, const char *sha256, json_object *x)
{
    const row *cols = columns(NB_OUT_FINDINGS);
    nb_buf *csv = &res->out[NB_OUT_FINDINGS], *js = &res->out[NB_OUT_JSONL];
    nb_csv_field(csv, file, 1);
    nb_csv_field(csv, sha256, 0);
    nb_buf_puts(js, "{\"file\":");
    nb_json_string(js, file);
    nb_buf_puts(js, ",\"sha256\":");
    nb_json_string(js, sha256);
    for (int i = 2; i < cols->n; i++) {
        const char *name = cols->f[i];
        json_object *v = member(x, name);
        int is_page = !strcmp(name, "page");
        /* findings.jsonl always has a page number; findings.csv leaves page 0 (none) empty */
        if (is_page && v && json_object_get_int64(v) == 0) nb_csv_field(csv, NULL, 0);
        else csv_value(csv, is_page ? K_INT : K_STR, v, 0);
        nb_buf_puts(js, ",");
        nb_json_string(js, name);
        nb_buf_puts(js, ":");
        if (is_page) nb_csv_int(js, v ? json_object_get_int64(v) : 0, 1);
        else if (!v || json_object_is_type(v, json_type_null)) nb_buf_puts(js, strcmp(name, "waived") ? "\"\"" : "null");
        else json_compact(js, v);
    }
    nb_csv_end(csv);
    nb_buf_puts(js, ",\"args\":");
    args_object(js, member(x, "args"));
    nb_buf_puts(js, "}\n");
}

static int status_of(const char *name)
{
    for (int s = NB_STATUS_OK; s <= NB_STATUS_NOT_REPORT; s++)
        if (name && !strcmp(nb_status_name((nb_status)s), name)) return s;
    return NB_STATUS_OK;
}

static int error_of(const char *code)
{
    for (int e = NB_ERR_NONE + 1; e < NB_ERR__COUNT; e++)
        if (code && !strcmp(nb_error_code((nb_error)e), code)) return e;
    return NB_ERR_NONE;
}

static void counts_of(nb_result *res, json_object *o)
{
    json_object *w = member(o, "worst"), *c = member(o, "counts");
    static const char *const sev[3] = {"info", "warning", "error"};
    res->worst = -1;
    for (int i = 0; i < 3; i++) {
        json_object *n = member(c, sev[i]);
        res->counts[i] = n ? json_object_get_int(n) : 0;
        if (w && json_object_is_type(w, json_type_string) && !strcmp(json_object_get_string(w), sev[i]))
            res->worst = i;
    }
}

int nb_jsonl_to_result(const char *line, size_t len, nb_result *res, char *msg, size_t msglen)
{
    json_object *o = parse(line, len, msg, msglen);
    if (!o) return -1;
    nb_result_clear(res);
    const char *file = member_string(o, "file"), *sha256 = member_string(o, "sha256");
    json_object *doc = member(o, "document");
    if (!file || !sha256 || !doc || !json_object_is_type(doc, json_type_object)) {
        snprintf(msg, msglen, "a record needs file, sha256 and document");
        json_object_put(o);
        return -1;
    }
    res->status = (nb_status)status_of(member_string(o, "status"));
    json_object *u = member(o, "unreadable");
    res->unreadable = u && json_object_get_boolean(u);
    json_object *err = member(o, "error");
    if (err && json_object_is_type(err, json_type_object)) {
        res->err = (nb_error)error_of(member_string(err, "code"));
        const char *detail = member_string(err, "detail");
        snprintf(res->detail, sizeof res->detail, "%s", detail ? detail : "");
    }
    counts_of(res, o);

    nb_buf none = {0}, key = {0};
    nb_csv_field(&none, file, 1);
    nb_csv_field(&none, sha256, 0);
    object_row(&res->out[NB_OUT_DOCUMENTS], NB_OUT_DOCUMENTS, &none, doc, 0);
    key_fields(&key, file, sha256, doc);
    json_object *cells = member(o, "cells");
    for (size_t i = 0; cells && json_object_is_type(cells, json_type_array) && i < json_object_array_length(cells); i++)
        object_row(&res->out[NB_OUT_CELLS], NB_OUT_CELLS, &key, json_object_array_get_idx(cells, i), 0);
    json_object *tables = member(o, "tables");
    if (tables && json_object_is_type(tables, json_type_object)) {
        static const int wide[3] = {NB_OUT_T2, NB_OUT_T3, NB_OUT_T4};
        static const char *const names[3] = {"t2", "t3", "t4"};
        for (int i = 0; i < 3; i++) object_row(&res->out[wide[i]], wide[i], &key, member(tables, names[i]), 1);
    }
    json_object *findings = member(o, "findings");
    for (size_t i = 0; findings && json_object_is_type(findings, json_type_array) && i < json_object_array_length(findings); i++)
        finding_rows(res, file, sha256, json_object_array_get_idx(findings, i));
    nb_buf_free(&none);
    nb_buf_free(&key);
    json_object_put(o);
    return 0;
}
