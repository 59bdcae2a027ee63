/*
 * report/focus.h — the cells a finding is about, for highlighting and for its evidence image.
 *
 * A sum finding (SUM-…) involves every cell of its relation in the row or column it names: the
 * template's sum declarations (parser/template.h) say which, so nothing here names a cell. The
 * reported side holds the declaration's `at` cell (the finding's own place); the other cells are
 * the computed side's operands. Other findings involve the one cell they name, or the row, or
 * nothing (a date, a section).
 */
#ifndef NB_REPORT_FOCUS_H
#define NB_REPORT_FOCUS_H

#include "load.h"

enum { NB_FOCUS_MAX = 64 };

typedef struct nb_focus {
    int cell[NB_FOCUS_MAX];     /* indexes into the document's cells */
    int side[NB_FOCUS_MAX];     /* 1: the finding's own cell (reported); 0: an operand (computed) */
    int n;
    char band;                  /* 'r': the row of the sum is shaded, 'c': the column, 0: none */
} nb_focus;

/* Fill fo with the cells of document d that finding x involves. Returns fo->n. */
int nb_focus_of(const nb_rdoc *d, const nb_finding *x, nb_focus *fo);

/* Does the finding point at a table (so that a page region of it is evidence)? */
int nb_focus_is_tabular(const nb_finding *x);

#endif
