/*
 * parser/table_reader.h — what the files of the table reader share (not a public interface: the
 * rest of nianbao calls nb_read_tables in table.h).
 *
 *   table_base.c    what every stage asks: a row's columns, raw offsets, layout, row keys, row sums
 *   table_tokens.c  values on a line: numbers, blank markers, empty fields, list numbering
 *   table_cells.c   labels and headings that wrap over lines, joined into cells
 *   table_groups.c  tokens grouped per line and bound to rows (labels, template order)
 *   table_narrative.c  what the narrative before a table says one of its cells holds
 *   table_fill.c    cells from groups: in order, by column position, wrapped, or glued digits
 *   table_wide.c    table 4: every row on one printed line
 *   table.c         the driver: version detection, regions, one table at a time, its shape
 *
 * Listed bottom up: each file calls only the ones above it, so the reader reads in one direction.
 * One reader holds the state of the table being read; it lives for one table.
 */
#ifndef NB_TABLE_READER_H
#define NB_TABLE_READER_H

#include "arena.h"
#include "glue.h"
#include "pattern.h"
#include "table.h"

typedef enum { TK_NUM, TK_MARK, TK_EMPTY } tk_kind;

typedef struct tok {
    uint32_t    line;
    uint32_t    rs, re;       /* raw bytes of the line */
    const char *norm;         /* normalised text (arena) */
    uint32_t    nlen;
    uint8_t     kind;
    uint8_t     geo;          /* x positions are layout, not just order */
    float       x0, x1;
} tok;

typedef struct label {
    int      row;
    uint32_t line, rs, re;    /* where its key starts: line and raw bytes there */
    uint32_t first, last;     /* the lines of its label cell (a wrapped label spans several) */
    float    x0;              /* where the cell starts: a row label stands right of a heading */
} label;

typedef struct group {
    int      first, n;        /* tokens[first .. first+n) */
    int      strong;          /* row of a label before it on the same line, or -1 */
    int      weak[4];         /* rows of labels seen since the previous group */
    int      nweak;
    int      row;             /* assigned row, or -1 */
    int      certain_row;     /* assignment sure */
    uint32_t line;
} group;

/* A text cell of the region that names no row: a column heading, perhaps (自然/人 joined). */
typedef struct hcell {
    const char *text;
    uint32_t    len;
    float       x0, x1;       /* its widest extent */
    uint32_t    last_line;    /* the line it ends on */
    int         group;        /* the cell it is a tail of: a group heading (行政诉讼) may stand
                               * above a column's own (总计), so every tail of a cell is offered */
} hcell;

typedef struct reader {
    nb_report  *r;
    nb_doc     *d;
    nb_arena   *a;
    const nb_table_def *def;
    nb_table   *t;
    nb_vec      toks;         /* tok */
    nb_vec      groups;       /* group */
    nb_vec      labels;       /* label: every label seen, for row_found */
    nb_vec      cell_labels;  /* label: found in wrapped label cells, before the line walk */
    nb_vec      hcells;       /* hcell: label cells with no row key (headings), for column centres */
    uint32_t    la, lb;       /* the region's lines */
    uint8_t    *by_cells;     /* per region line: its labels come from cell_labels */
    int         fallback;     /* the table's section was not found: the region is a guess */
    size_t      ra, rb;       /* the region, in stream offsets */
    uint32_t    hoa, hob;     /* and its first and last lines' offsets, for the headings pass */
    int         headings;     /* hcells built (only when a row needs column positions) */
    int         hgroups;      /* heading cells numbered so far (hcell.group) */
    /* column centres learned from complete rows: per column, sum and count, per page and overall */
    float      *csum, *ccnt;  /* [ (npages+1) * ncols ] : index 0 = all pages */
    float      *hdr;          /* header-derived centres per column (NAN if unknown) */
} reader;

static inline tok *T(reader *rd, int i) { return (tok *)rd->toks.data + i; }
static inline group *G(reader *rd, int i) { return (group *)rd->groups.data + i; }

/* table_base.c */
int tr_row_ncols(const nb_table_def *def, int row);
int tr_row_col(const nb_table_def *def, int row, int k);
uint32_t tr_raw_end_of(const nb_line *l, uint32_t e);
int tr_line_has_layout(const nb_doc *d, const nb_line *l);
nb_re *tr_label_pattern(const nb_table_def *def);
int tr_is_heading(const nb_table_def *def, int row);
int tr_row_relations(const reader *rd, int row, nb_glue_rel *rel, int max);

/* table_tokens.c */
void tr_add_label(reader *rd, uint32_t li, uint32_t ns, uint32_t ne, int row);
void tr_scan_tokens(reader *rd, uint32_t li, uint32_t ns, uint32_t ne);
void tr_field_tokens(reader *rd, uint32_t li, uint32_t rs_from, uint32_t rs_to);
char *tr_column_digits(reader *rd, uint32_t li, float lo, float hi, size_t *n);
int tr_spaced_numbering(const reader *rd, const nb_line *l, size_t a, size_t b);

/* table_cells.c */
void tr_find_cell_labels(reader *rd, uint32_t la, uint32_t oa, uint32_t lb, uint32_t ob);
int tr_covering_label(const reader *rd, uint32_t li, float *x);
void tr_need_headings(reader *rd);
float tr_header_above(reader *rd, int c, uint32_t li);
void tr_header_centres(reader *rd, size_t a, size_t b);

/* table_groups.c */
void tr_collect_groups(reader *rd, size_t a, size_t b);
void tr_drop_layout_groups(reader *rd);
void tr_merge_offset_groups(reader *rd);
void tr_anchor_groups(reader *rd);
int tr_label_seen(const reader *rd, int row);

/* table_narrative.c */
int tr_narrative_count(reader *rd, int row, int col, int64_t *v);

/* table_fill.c */
void tr_set_cell_from_tok(reader *rd, int row, int col, const tok *t, int certain, const char *why);
void tr_set_blank(reader *rd, nb_cell *c, uint32_t li, int certain, const char *why);
void tr_row_uncertain(reader *rd, int row, const char *why, const group *g);
float tr_centre(reader *rd, uint32_t page, int c);
void tr_apply_split(reader *rd, const group *g, int row, const nb_glue_split *sp, int certain);
void tr_apply_parts(reader *rd, const group *g, int row, const nb_glue_split *sp, uint32_t mask);
void tr_read_rows_table(reader *rd, size_t a, size_t b);

/* table_wide.c */
void tr_read_wide_table(reader *rd, size_t a, size_t b);

#endif
