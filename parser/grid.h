/*
 * parser/grid.h — what the ingesters of explicit tables share (HTML, Word, OpenDocument): the text
 * of a cell or block built with markup's white-space rules, and a table as a grid of slots whose
 * rows become the field lines the table reader understands.
 *
 * A grid row is emitted as one NB_LINE_FIELDS line whose fields are the row's cells separated by
 * tabs. Every byte of a cell's text gets the cell's x extent in grid units — columns c..c+k-1 span
 * x = c*NB_GRID_COL_W … (c+k)*NB_GRID_COL_W-1 — so each field is one word whose box covers its grid
 * columns. A slot covered by a cell from a row above (rowspan, vMerge, covered-table-cell) yields no
 * field; an empty cell is an empty field, placed by the separator tab next to it at the centre of
 * its columns (doc.c gives an empty field the x of the byte after it). Slots that no cell and no
 * span reaches are blank fields, as a browser draws them; a hole (Word's gridBefore/gridAfter) is
 * neither.
 *
 * Everything is linear in the input: spans and the grid's width are capped.
 */
#ifndef NB_GRID_H
#define NB_GRID_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

#define NB_GRID_COL_W    10.0f       /* x units per grid column */
#define NB_GRID_MAX_COLSPAN 64
#define NB_GRID_MAX_ROWSPAN 1000
#define NB_GRID_MAX_COLS 256         /* cells beyond this column are dropped */
#define NB_GRID_MAX_PAD  (1u << 20)  /* blank fields added for missing cells, per table */

/* ---- text with markup's white space ------------------------------------------------------ */

/* Text being assembled from the nodes of a block or a cell. Runs of white space collapse to one
 * space, written only when text follows; a pending soft break (a line break or a paragraph inside
 * a cell) joins with nothing between two Chinese characters and with a space otherwise. In a cell
 * '|' is written ｜, since it would split a one-field line's fields. */
typedef struct nb_tbuf {
    GString *s;
    uint32_t last;      /* last character written */
    int      pending;   /* 0 nothing, 1 a space, 2 a soft break */
    int      cell;      /* a table cell */
} nb_tbuf;

void nb_tbuf_init(nb_tbuf *t, int cell);
void nb_tbuf_free(nb_tbuf *t);
void nb_tbuf_text(nb_tbuf *t, const char *s, size_t n);
void nb_tbuf_break(nb_tbuf *t);     /* a soft break before the next text */
void nb_tbuf_space(nb_tbuf *t);     /* a space before the next text */
/* A tab or line break as it is ('\t', '\n'), in place of any pending space; for text lines whose
 * tabs separate fields and whose breaks end lines. */
void nb_tbuf_literal(nb_tbuf *t, char c);
void nb_tbuf_reset(nb_tbuf *t);

/* ---- grids ------------------------------------------------------------------------------- */

typedef struct nb_grid_cell {
    uint32_t col, span, rspan;
    uint32_t off, len;           /* text in grid.text */
    int      hole;               /* covers slots but is no cell: no field */
} nb_grid_cell;

typedef struct nb_grid_row {
    uint32_t first, n;           /* cells */
} nb_grid_row;

typedef struct nb_grid {
    GArray   *cells, *rows;      /* nb_grid_cell, nb_grid_row */
    GString  *text;              /* cell texts, back to back */
    uint32_t *busy;              /* NB_GRID_MAX_COLS: row index until which each column is covered */
    uint32_t  width;             /* columns used */
} nb_grid;

void nb_grid_init(nb_grid *g);
void nb_grid_free(nb_grid *g);
void nb_grid_start_row(nb_grid *g);
/* Rows so far. */
static inline uint32_t nb_grid_nrows(const nb_grid *g) { return g->rows->len; }

/* Place a cell in the current row (starting one if there is none) at the first column at or after
 * `at` that no cell from above covers; at = NB_GRID_NEXT means after the row's last cell. Spans are
 * capped. Returns the column, or -1 when it lies beyond the grid's width (the cell is dropped). */
#define NB_GRID_NEXT UINT32_MAX
long nb_grid_place(nb_grid *g, uint32_t at, const char *text, size_t n, uint32_t colspan, uint32_t rowspan);
/* The same for a hole: span slots that are covered but hold no cell. */
long nb_grid_hole(nb_grid *g, uint32_t at, uint32_t span);

/* Is a table cell holding this much text (bytes, paragraphs or blocks, headings) there for page
 * layout rather than data? A table with such a cell is read as paragraphs (HTML, Word, ODF). */
static inline int nb_grid_layout_cell(size_t bytes, size_t blocks, size_t headings)
{
    return bytes > 2000 || (bytes > 600 && blocks >= 3) || headings > 0;
}

/* Scratch for emitting a grid's rows as lines. */
typedef struct nb_grid_out {
    GString *raw;
    GArray  *geo;                /* nb_xspan per raw byte */
    GArray  *fields;
    size_t   padded;
} nb_grid_out;

void nb_grid_out_init(nb_grid_out *o);
void nb_grid_out_free(nb_grid_out *o);
/* Start emitting g (rows must then be asked for in order, 0 first). */
void nb_grid_emit_begin(nb_grid *g, nb_grid_out *o);
/* Build row ri's field line in o->raw and o->geo. Returns 0 when the row says nothing (no field,
 * or a lone blank cell) and is not to be emitted. */
int nb_grid_row_line(nb_grid *g, uint32_t ri, nb_grid_out *o);
/* After nb_grid_row_line: how many fields the line has, and field k's first grid column (0-based). */
uint32_t nb_grid_out_fields(const nb_grid_out *o);
uint32_t nb_grid_out_col(const nb_grid_out *o, uint32_t k);

#endif
