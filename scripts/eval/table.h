/*
 * scripts/eval/table.h — CSV files read whole into memory (libcsv), columns found by header name,
 * and a string-keyed hash index over rows. Enough for the harness to join truth and output.
 */
#ifndef EVAL_TABLE_H
#define EVAL_TABLE_H

#include <stddef.h>

typedef struct csvtab {
    char ***rows;           /* rows[i][j]; row 0 is the header */
    int *ncols;
    int nrows, cap;
} csvtab;

/* Read path; returns 0 and an empty table when the file is absent, -1 on a parse error. */
int  tab_load(const char *path, csvtab *t);
void tab_free(csvtab *t);
/* Column index of a header name, or -1. */
int  tab_col(const csvtab *t, const char *name);
/* Field j of row i, "" when the row is short or j < 0. */
const char *tab_get(const csvtab *t, int i, int j);

typedef struct strmap {
    char **keys;
    int *vals;
    size_t cap, n;
} strmap;

void map_put(strmap *m, const char *key, int val);
/* Value for key, or -1. */
int  map_get(const strmap *m, const char *key);
void map_free(strmap *m);

/* The last path component. */
const char *base_name(const char *path);

#endif
