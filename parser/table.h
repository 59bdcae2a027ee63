/*
 * parser/table.h — template tables read from a report: cells with value, raw text, certainty and
 * provenance.
 *
 * nb_read_tables detects the template version from the document, then reads every table of that
 * version (table.c). A cell is one of: absent (its row was not found, or the row does not have that
 * column), blank (printed empty, —, -, / or 无: value empty, raw kept), or a number. Every cell read
 * carries the raw text it came from, its page, line and box; a cell whose reading is in doubt is
 * certain = 0 with a reason, and its value is left empty rather than guessed.
 */
#ifndef NB_TABLE_H
#define NB_TABLE_H

#include <stdint.h>

#include "report.h"
#include "template.h"

typedef enum nb_cell_kind {
    NB_CELL_ABSENT = 0,     /* nothing read: row not found, or a column this row does not have */
    NB_CELL_BLANK,          /* printed, but no number: '', —, -, /, 无 (see raw) */
    NB_CELL_NUMBER,         /* a number: mant / 10^scale */
} nb_cell_kind;

typedef struct nb_cell {
    uint8_t     kind;       /* nb_cell_kind */
    uint8_t     certain;    /* 1 when read without doubt */
    uint8_t     scale;      /* decimals printed (7730.28 → 2) */
    uint8_t     has_box;
    int64_t     mant;       /* the number times 10^scale */
    const char *value;      /* normalised number ("1234", "-15", "7730.28"); "" when blank or uncertain */
    const char *raw;        /* exactly as extracted ("", "—", "１２", "1,234", "395394432.52元") */
    const char *unit;       /* a money cell's unit, from the cell or its column header ("元", "万元");
                             * "" for counts, blanks and money whose unit is not printed (units.c) */
    const char *why;        /* when !certain: a reason code (glued_ambiguous, glued_no_split,
                             * extra_values, column_unclear, row_unclear, …) */
    uint32_t    page;       /* 1-based; 0 unknown */
    uint32_t    line;       /* index into doc->lines */
    nb_box      box;        /* where on the page (has_box) */
} nb_cell;

typedef struct nb_table {
    const nb_table_def *def;
    int       found;        /* some row of it was read */
    int       copies;       /* how many times the table appears (2: a report with two table 3s) */
    nb_cell  *cells;        /* def->nrows * def->ncols, row-major */
    uint8_t  *row_found;    /* per row: label (or values in its place) found */
    uint32_t  first_page, last_page;
    const char *note;       /* what was odd about it (extra columns, cut off …), or NULL */
} nb_table;

#define NB_MAX_TABLES 4

typedef struct nb_tables {
    const nb_template *tmpl;   /* detected template, or NULL (pre2019 / unknown) */
    const char *version;       /* "2021", "2019", "pre2019" or "unknown" */
    int         ntables;
    nb_table    t[NB_MAX_TABLES];  /* indexed like tmpl->tables */
    int         uncertain;     /* cells read with doubt */
} nb_tables;

/* Detect the version and read all tables; sets r->tables (in the doc's arena) and may set the
 * document's status to pre2019 or not_template. */
void nb_read_tables(nb_report *r);

/* The cell at (row, col) of a table. */
static inline nb_cell *nb_table_cell(const nb_table *t, int row, int col)
{
    return &t->cells[row * t->def->ncols + col];
}

/* The table with this code ("t3"), or NULL. */
nb_table *nb_tables_get(const nb_tables *ts, const char *code);

/* The numeric value of a cell as a double (0 when blank or absent). */
double nb_cell_number(const nb_cell *c);

#endif
