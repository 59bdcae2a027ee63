/*
 * parser/template.c — lookups over the template declarations (template_2021.c, template_2019.c).
 *
 * Everything here is generic: codes are resolved by name, row/column membership is read from the
 * row's column list. Nothing in this file knows a particular table.
 */
#include "template.h"

#include <string.h>

const nb_template *const nb_templates[] = {&nb_template_2021, &nb_template_2019, NULL};

const nb_template *nb_template_find(const char *version)
{
    for (int i = 0; nb_templates[i]; i++)
        if (strcmp(nb_templates[i]->version, version) == 0) return nb_templates[i];
    return NULL;
}

int nb_col_index(const nb_table_def *t, const char *code)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].code, code) == 0) return i;
    return -1;
}

int nb_row_index(const nb_table_def *t, const char *code)
{
    for (int i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].code, code) == 0) return i;
    return -1;
}

/* Is `code` one of the comma-separated names in list? */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

int nb_row_has_col(const nb_table_def *t, int r, int c)
{
    if (r < 0 || r >= t->nrows || c < 0 || c >= t->ncols) return 0;
    const char *cols = t->rows[r].cols;
    return !cols || in_list(cols, t->cols[c].code);
}

int nb_code_match(const char *pattern, const char *code)
{
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*') return strncmp(pattern, code, n - 1) == 0;
    return strcmp(pattern, code) == 0;
}

/* The pattern p[0..n), not NUL-terminated: as nb_code_match. */
static int code_match_n(const char *p, size_t n, const char *code)
{
    if (n && p[n - 1] == '*') return strncmp(p, code, n - 1) == 0;
    return strncmp(p, code, n) == 0 && code[n] == '\0';
}

int nb_code_in_list(const char *list, const char *code)
{
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (code_match_n(p, len, code)) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}
