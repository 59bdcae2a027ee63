/*
 * rules/csvin.c — read a CSV file whole with libcsv (see csvfile.h).
 *
 * libcsv calls back once per field and once per record; the callbacks append to vectors on the
 * heap and the finished rows are copied into the arena, so the caller frees nothing but the arena.
 */
#include "csvin.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct reader {
    nb_arena *a;
    nb_vec    rows;      /* nb_csvin_row */
    nb_vec    fields;    /* char * of the record being read */
    int       line;      /* current line, counted from the newlines seen */
    int       row_line;  /* line where the record being read started */
} reader;

static char *trimmed_copy(nb_arena *a, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return nb_strndup(a, s, n);
}

static void on_field(void *s, size_t n, void *data)
{
    reader *r = data;
    if (r->fields.len == 0) r->row_line = r->line;
    *(char **)nb_vec_push(&r->fields) = trimmed_copy(r->a, s ? s : "", s ? n : 0);
}

static void on_record(int c, void *data)
{
    (void)c;
    reader *r = data;
    size_t n = r->fields.len;
    char **f = n ? (char **)r->fields.data : NULL;
    int empty = n == 0 || (n == 1 && !f[0][0]);
    if (!empty) {
        nb_csvin_row *row = nb_vec_push(&r->rows);
        row->f = nb_alloc(r->a, n * sizeof *row->f);
        memcpy(row->f, f, n * sizeof *row->f);
        row->n = (int)n;
        row->line = r->row_line;
    }
    r->fields.len = 0;
}

/* Feed the parser line by line so that messages can name the line a record starts on. */
static int parse_stream(FILE *fp, struct csv_parser *p, reader *r)
{
    char buf[8192];
    int first = 1;
    r->line = 1;
    while (fgets(buf, sizeof buf, fp)) {
        const char *s = buf;
        size_t n = strlen(buf);
        if (first && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, n -= 3;
        first = 0;
        if (csv_parse(p, s, n, on_field, on_record, r) != n) return -1;
        if (n && s[n - 1] == '\n') r->line++;
    }
    return csv_fini(p, on_field, on_record, r) == 0 ? 0 : -1;
}

int nb_csvin_load(const char *path, nb_arena *a, nb_csvin_file *out, int en, const char **err)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        *err = nb_sprintf(a, en ? "%s: cannot open: %s" : "%s: 无法打开：%s", path, strerror(errno));
        return -1;
    }
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    reader r = {.a = a};
    nb_vec_init(&r.rows, sizeof(nb_csvin_row));
    nb_vec_init(&r.fields, sizeof(char *));
    int rc = parse_stream(fp, &p, &r);
    if (rc != 0)
        *err = nb_sprintf(a, en ? "%s: line %d: %s" : "%s: 第 %d 行：%s", path, r.line,
                          csv_strerror(csv_error(&p)));
    csv_free(&p);
    fclose(fp);
    if (rc == 0 && r.rows.len) {
        out->rows = nb_alloc(a, r.rows.len * sizeof *out->rows);
        memcpy(out->rows, r.rows.data, r.rows.len * sizeof *out->rows);
        out->n = (int)r.rows.len;
    }
    nb_vec_free(&r.rows);
    nb_vec_free(&r.fields);
    return rc;
}

int nb_csvin_column(const nb_csvin_row *header, const char *name)
{
    for (int i = 0; i < header->n; i++)
        if (strcmp(header->f[i], name) == 0) return i;
    return -1;
}

const char *nb_csvin_field(const nb_csvin_row *row, int i)
{
    return i >= 0 && i < row->n ? row->f[i] : "";
}
