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

/* The columns each row with a column list has, as bit masks, per table declaration (static data,
 * so its address is a safe key). The last declaration asked for is checked first: callers go
 * through one table at a time. */
static const uint64_t *row_masks(const nb_table_def *t)
{
    enum { MAX_DEFS = 32, MAX_ROWS = 64 };
    static const nb_table_def *defs[MAX_DEFS];
    static uint64_t masks[MAX_DEFS][MAX_ROWS];
    static int n, last = -1;
    if (last >= 0 && defs[last] == t) return masks[last];
    for (int i = 0; i < n; i++)
        if (defs[i] == t) return masks[last = i];
    if (n == MAX_DEFS || t->nrows > MAX_ROWS || t->ncols > 64) return NULL;
    for (int r = 0; r < t->nrows; r++) {
        uint64_t m = 0;
        for (int c = 0; c < t->ncols; c++)
            if (!t->rows[r].cols || in_list(t->rows[r].cols, t->cols[c].code)) m |= 1ULL << c;
        masks[n][r] = m;
    }
    defs[n] = t;
    return masks[last = n++];
}

/* nb_row_has_col for a row with a column list, r and c in range. */
int nb_row_has_listed_col(const nb_table_def *t, int r, int c)
{
    const uint64_t *m = row_masks(t);
    if (m) return (int)((m[r] >> c) & 1u);
    return in_list(t->rows[r].cols, t->cols[c].code);
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

const uint8_t *nb_sum_sides(const nb_sum_def *sd, const nb_table_def *td)
{
    enum { MAX_PAIRS = 64, MAX_MEMBERS = 64 };
    static const nb_sum_def *sums[MAX_PAIRS];
    static const nb_table_def *defs[MAX_PAIRS];
    static uint8_t sides[MAX_PAIRS][MAX_MEMBERS];
    static int n, last = -1;
    if (last >= 0 && sums[last] == sd && defs[last] == td) return sides[last];
    for (int i = 0; i < n; i++)
        if (sums[i] == sd && defs[i] == td) return sides[last = i];
    int by_col = strcmp(sd->each, "row") == 0, m = by_col ? td->ncols : td->nrows;
    if (m > MAX_MEMBERS) return NULL;
    int slot = n < MAX_PAIRS ? n++ : MAX_PAIRS - 1;     /* full: the last slot is recomputed */
    for (int i = 0; i < m; i++) {
        const char *code = by_col ? td->cols[i].code : td->rows[i].code;
        sides[slot][i] = (uint8_t)((sd->lhs && nb_code_in_list(sd->lhs, code)) |
                                   (sd->rhs && nb_code_in_list(sd->rhs, code)) << 1);
    }
    sums[slot] = sd;
    defs[slot] = td;
    return sides[last = slot];
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
