/*
 * tests/golden.h — read a golden cells file (tests/golden/NAME.cells.csv: table,row,col,value,raw)
 * and compare a report's extracted cells with it, cell by cell.
 *
 * A golden value '?' marks a cell the source itself does not determine (digits glued with no sum
 * to split them by): the extraction must then say it is uncertain. Every other cell must come out
 * exact: same value, same raw text, marked certain.
 */
#ifndef NB_GOLDEN_H
#define NB_GOLDEN_H

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/table.h"

typedef struct golden_cell {
    char table[8], row[32], col[24], value[40], raw[64];
} golden_cell;

typedef struct golden {
    golden_cell *v;
    int n, cap;
    int field;
    golden_cell cur;
    int header;
} golden;

static void golden_field(void *s, size_t len, void *data)
{
    golden *g = data;
    char *dst[] = {g->cur.table, g->cur.row, g->cur.col, g->cur.value, g->cur.raw};
    size_t cap[] = {sizeof g->cur.table, sizeof g->cur.row, sizeof g->cur.col, sizeof g->cur.value, sizeof g->cur.raw};
    if (g->field < 5) {
        size_t n = len < cap[g->field] - 1 ? len : cap[g->field] - 1;
        memcpy(dst[g->field], s, n);
        dst[g->field][n] = '\0';
    }
    g->field++;
}

static void golden_row(int c, void *data)
{
    (void)c;
    golden *g = data;
    if (g->header) g->header = 0;
    else {
        if (g->n == g->cap) {
            g->cap = g->cap ? g->cap * 2 : 256;
            g->v = realloc(g->v, (size_t)g->cap * sizeof *g->v);
        }
        g->v[g->n++] = g->cur;
    }
    memset(&g->cur, 0, sizeof g->cur);
    g->field = 0;
}

/* Load a golden file; returns 0 or -1. */
static int golden_load(const char *path, golden *g)
{
    memset(g, 0, sizeof *g);
    g->header = 1;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) csv_parse(&p, buf, n, golden_field, golden_row, g);
    csv_fini(&p, golden_field, golden_row, g);
    csv_free(&p);
    fclose(f);
    return 0;
}

typedef struct golden_score {
    int exact, uncertain, wrong, missing, extra, undeterminable;
} golden_score;

/* Compare; print every disagreement; fill the score. */
static void golden_compare(const golden *g, const nb_tables *ts, const char *name, golden_score *sc)
{
    memset(sc, 0, sizeof *sc);
    int matched_total = 0;
    for (int i = 0; i < g->n; i++) {
        const golden_cell *gc = &g->v[i];
        const nb_table *t = nb_tables_get(ts, gc->table);
        int r = t ? nb_row_index(t->def, gc->row) : -1, c = t ? nb_col_index(t->def, gc->col) : -1;
        const nb_cell *cell = r >= 0 && c >= 0 ? nb_table_cell(t, r, c) : NULL;
        if (!cell || cell->kind == NB_CELL_ABSENT) {
            sc->missing++;
            printf("  %s: %s.%s.%s missing (expected %s)\n", name, gc->table, gc->row, gc->col, gc->value);
            continue;
        }
        matched_total++;
        int undet = strcmp(gc->value, "?") == 0;
        if (undet) {
            sc->undeterminable++;
            if (cell->certain) {
                sc->wrong++;
                printf("  %s: %s.%s.%s = %s read as certain, but the source does not determine it\n", name, gc->table,
                       gc->row, gc->col, cell->value);
            } else {
                sc->uncertain++;
            }
            continue;
        }
        if (!cell->certain) {
            sc->uncertain++;
            printf("  %s: %s.%s.%s uncertain (%s), expected %s\n", name, gc->table, gc->row, gc->col,
                   cell->why ? cell->why : "", gc->value);
            continue;
        }
        if (strcmp(cell->value, gc->value) || strcmp(cell->raw, gc->raw)) {
            sc->wrong++;
            printf("  %s: %s.%s.%s = '%s' raw '%s', expected '%s' raw '%s'\n", name, gc->table, gc->row, gc->col,
                   cell->value, cell->raw, gc->value, gc->raw);
            continue;
        }
        sc->exact++;
    }
    /* cells read that the golden file does not have */
    int read = 0;
    for (int i = 0; ts && i < ts->ntables; i++)
        for (int k = 0; k < ts->t[i].def->nrows * ts->t[i].def->ncols; k++) read += ts->t[i].cells[k].kind != NB_CELL_ABSENT;
    sc->extra = read - matched_total;
    if (sc->extra > 0) printf("  %s: %d cells read that the golden file does not list\n", name, sc->extra);
}

#endif
