/*
 * parser/template.h — the report template as data.
 *
 * A template version (2021, 2019) is a list of tables; a table is a list of columns and a list of
 * rows; a row names the columns it has (table 2 mixes rows of one, two and three columns) and the
 * key words that find its label in a report; the sums the template implies are a list of relations
 * "left side = right side", each holding in every row or every column in its scope. Adding a
 * version, a row or a sum is one entry in template_<version>.c; the table reader (table.c) and the
 * sum rule (rules/sums.c) are generic over these declarations and never name a cell.
 *
 * The codes are FORMAT.md §4: the output contract.
 */
#ifndef NB_TEMPLATE_H
#define NB_TEMPLATE_H

#include <stdint.h>

enum {
    NB_COL_DECIMAL = 1u << 0,   /* money: decimals allowed, compared as an interval at printed precision */
    NB_COL_SIGNED  = 1u << 1,   /* may be negative (2019 本年增/减) */
    NB_COL_TOTAL   = 1u << 2,   /* a total column: a blank here next to non-zero cells is suspicious */
    NB_COL_UNIT    = 1u << 3,   /* may carry a unit after the number (采购总金额 …元); kept in raw */
};

typedef struct nb_col_def {
    const char *code;           /* natural */
    const char *label;          /* 自然人 */
    const char *header;         /* pattern for the column's header words, on normalised text */
    unsigned    flags;
} nb_col_def;

enum {
    NB_ROW_OPTIONAL  = 1u << 0, /* absent in some reports without being missing (collapsed variants) */
    NB_ROW_HEADING   = 1u << 1, /* usually a heading over other rows; a row only when values follow it
                                 * directly ((六)其他处理 collapsed to one line) */
    NB_ROW_TOTAL     = 1u << 2, /* the table's total row: a blank cell here is suspicious */
    NB_ROW_SEPARATE  = 1u << 3, /* in a table of its own on the page (table 2's 第二十条 blocks) */
};

typedef struct nb_row_def {
    const char *code;           /* denied.secret */
    const char *label;          /* the label as the template prints it */
    const char *key;            /* PCRE2 pattern on normalised text that finds the label: its distinctive
                                 * words, so wrapped labels and small typos still match */
    const char *cols;           /* comma-separated column codes this row has; NULL: all of the table's */
    unsigned    flags;
} nb_row_def;

enum {
    NB_LAYOUT_ROWS = 0,         /* one printed row per template row, found by its label */
    NB_LAYOUT_WIDE = 1,         /* all rows printed on one line, row after row (table 4: 15 numbers) */
};

typedef struct nb_table_def {
    const char       *code;     /* t2, t3, t4 */
    const char       *title;    /* 主动公开政府信息情况 */
    int               section;  /* the section it lives in, 1-based (2, 3, 4) */
    unsigned          layout;
    const nb_col_def *cols;
    int               ncols;
    const nb_row_def *rows;
    int               nrows;
} nb_table_def;

/* A relation the template implies: sum(lhs) = sum(rhs), in each row or each column of the scope.
 *   each = "row": lhs/rhs are column codes, scope lists the rows (NULL: every row having them)
 *   each = "col": lhs/rhs are row codes, scope lists the columns (NULL: every column)
 * Codes may end in '*' (a prefix: "denied.*", "other*"). A code that matches no row present in the
 * report contributes nothing (the collapsed （六） row replaces its three sub-rows). */
typedef struct nb_sum_def {
    const char *rule;           /* the audit rule reporting a failure: SUM-T3-ROW … */
    const char *table;
    const char *each;           /* "row" or "col" */
    const char *lhs, *rhs, *scope;
    const char *at;             /* where a failure is reported: a column code (each=row) or a row code
                                 * (each=col) naming the cell in that row/column */
} nb_sum_def;

typedef struct nb_template {
    const char         *version;   /* "2021", "2019" */
    const char         *notice;    /* 国办公开办函〔2021〕30号 */
    const nb_table_def *tables;
    int                 ntables;
    const nb_sum_def   *sums;
    int                 nsums;
    const char *const  *markers;   /* patterns (normalised text) whose presence speaks for this version */
} nb_template;

extern const nb_template nb_template_2021;
extern const nb_template nb_template_2019;

/* Words of the statistics tables reports printed before the 2019 format (template_pre2019.c):
 * patterns on normalised text, NULL-terminated. */
extern const char *const nb_pre2019_markers[];
/* How many distinct ones make a table the old kind (and more than any template's markers). */
enum { NB_PRE2019_MIN_MARKERS = 3 };

/* The known versions, newest first; NULL-terminated. */
extern const nb_template *const nb_templates[];

const nb_template *nb_template_find(const char *version);

/* Index of a column / row code in a table, or -1. */
int nb_col_index(const nb_table_def *t, const char *code);
int nb_row_index(const nb_table_def *t, const char *code);

/* Does row r of table t have column c? (rows of table 2 have only some columns) Inline for the
 * common case, a row with every column: the table reader asks about a million times a batch of
 * two hundred reports. */
int nb_row_has_listed_col(const nb_table_def *t, int r, int c);
static inline int nb_row_has_col(const nb_table_def *t, int r, int c)
{
    if (r < 0 || r >= t->nrows || c < 0 || c >= t->ncols) return 0;
    return !t->rows[r].cols || nb_row_has_listed_col(t, r, c);
}

/* Does a code pattern ("denied.*", "other*", "total") match a code? */
int nb_code_match(const char *pattern, const char *code);

/* Does one of the comma-separated patterns of list ("new,carried", "denied.*") match a code? */
int nb_code_in_list(const char *list, const char *code);

/* Which side of a sum each member of a table declaration is on: for each column (sum each = "row")
 * or each row (each = "col") of td, bit 0 when its code is in the sum's lhs list, bit 1 when in rhs.
 * Worked out once per (sum, declaration) pair, both static, and kept: the table reader's joint
 * search and the sum rules ask for every cell. NULL when td has more than 64 members. */
const uint8_t *nb_sum_sides(const nb_sum_def *sd, const nb_table_def *td);

#endif
