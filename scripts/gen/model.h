/*
 * scripts/gen/model.h — the generator's model of one report: identity, the three template tables
 * with every cell's value and printed text, the narrative as a list of blocks, the chosen
 * variations and injected defects, and the findings a correct auditor must emit.
 *
 * One model is rendered into every kind (pdf, layout, tsv, html, flat, docx, odt); a renderer may add
 * kind-specific variation tags but never changes a cell, so the truth cells of one report are the
 * same in every file it is rendered to.
 */
#ifndef GEN_MODEL_H
#define GEN_MODEL_H

#include <stdint.h>

#include "rng.h"
#include "sbuf.h"

enum { T2, T3, T4, NTABLES };
enum { MAXROWS = 28, MAXCOLS = 7, MAXBLOCKS = 96, MAXFIND = 512 };

/* ---- the templates (template.c): pure data ---- */

typedef struct trow {
    const char *code;     /* FORMAT.md §4 row code: new, denied.secret, review … */
    const char *label;    /* the row's label as printed */
    const char *group;    /* merged group label (（三）不予公开) or NULL */
    int outcome;          /* t3: inside 三、本年度办理结果 */
    int ncols;
    const char *const *cols;   /* column codes */
} trow;

/* A 第二十条第（N）项 block of table 2: a heading, column headers, one or two rows. */
typedef struct t2block {
    const char *item;
    int ncols;
    const char *heads[3];
    int nrows;
    int rows[2];          /* indexes into the t2 rows of the version */
} t2block;

typedef struct ttemplate {
    int nrows;
    const trow *rows;
} ttemplate;

extern const char *const t3_cols[7], *const t3_col_labels[7];
extern const char *const t4_rows[3], *const t4_cols[5], *const t4_col_labels[5];
/* version: 0 = 2021, 1 = 2019; collapsed selects the single （六） row */
const ttemplate *t2_template(int v2019);
const ttemplate *t3_template(int single_other);
const ttemplate *t4_template(void);
const t2block *t2_blocks(int v2019, int *n);

/* ---- the model ---- */

typedef struct gcell {
    char value[40];       /* normalised: ASCII digits, no separators; '' for blank, —, /, 无 */
    char raw[48];         /* exactly as printed */
} gcell;

typedef struct gtable {
    int present;          /* printed at all */
    const ttemplate *tpl;
    int row_present[MAXROWS];
    gcell c[MAXROWS][MAXCOLS];
    int64_t v[MAXROWS][MAXCOLS];   /* the generated numbers before printing (t3, t4) */
} gtable;

enum block_kind { BK_TITLE, BK_PARA, BK_HEAD, BK_SUB, BK_TABLE, BK_SIGN };

typedef struct gblock {
    int kind;
    int section;          /* 0..5 the section it belongs to, -1 before 一 */
    int table;            /* BK_TABLE: T2/T3/T4 */
    char *text;           /* title lines separated by '\n'; BK_SIGN: agency '\n' date */
} gblock;

typedef struct gfinding { const char *rule; char table[12], row[24], col[16]; } gfinding;

/* Defects that the narrative must write (the others change the model directly). */
enum defect_flag {
    D_PERIOD = 1 << 0, D_STALE = 1 << 1, D_PROSE_APPS = 1 << 2, D_PROSE_NO_APPS = 1 << 3,
    D_PROSE_REVIEW = 1 << 4, D_PROSE_LITIGATION = 1 << 5, D_PROSE_FEE = 1 << 6, D_PROSE_HANDLED = 1 << 7,
    D_TABLE_EDIT = 1 << 8,   /* a cell or row of t3/t4 changed */
};

/* Number styles chosen per report (the zero style decides how a 0 cell is printed). */
enum zero_style { ZERO_DIGIT, ZERO_BLANK, ZERO_DASH, ZERO_SLASH, ZERO_MIXED };

typedef struct greport {
    char id[16];
    int index;
    rng r;
    const char *version;  /* "2021", "2019", "pre2019" */
    int v2019, collapsed, pre2019;
    char agency[96];
    char who[16];         /* how the narrative names the agency: 我局, 我区 … */
    int government;
    int year;
    int has_signature, cn_date;
    int sy, sm, sd;       /* signed date as printed (may be impossible) */
    int py, pm, pd;       /* publication date (crawler header, page) */
    int has_period;
    int per_y1, per_m1, per_d1, per_y2, per_m2, per_d2;
    int zero_style, fullwidth, thousands;
    int section_present[6];
    unsigned dflags;      /* enum defect_flag */
    int narrative_year;   /* Y, or Y-1 when the years are stale */
    /* prose facts the narrative states (-1: no such sentence) */
    int64_t prose_apps, prose_handled, prose_review, prose_litigation, prose_fee;
    int prose_no_apps, prose_no_fee;
    gtable t[NTABLES];
    gblock blocks[MAXBLOCKS];
    int nblocks;
    sbuf variations, defects;   /* ';'-separated tags */
    gfinding find[MAXFIND];
    int nfind;
    char kinds[8][8];     /* which kinds this report is rendered to */
    int nkinds;
    int flat_safe;        /* printed so that a flattened page can still be read */
} greport;

typedef struct genopts {
    uint64_t seed;
    int count;
    const char *out;
    const char *kinds[8];
    int nkinds;
    double defect_rate;
    double multi;         /* probability that a report is rendered in every requested kind */
    int ty, tm, td;       /* today */
} genopts;

/* model.c */
void model_build(greport *g, const genopts *o, int index);
void model_free(greport *g);
void tag(sbuf *tags, const char *t);
int  has_tag(const sbuf *tags, const char *t);
int  row_index(const gtable *t, const char *code);
int64_t cell_num(const gtable *t, int row, int col);   /* printed value, blank = 0 */
void print_cell(greport *g, gcell *c, int64_t v, int is_total);
void print_text_cell(greport *g, gcell *c, const char *digits);
void set_blank(gcell *c, const char *raw);
int  is_date_valid(int y, int m, int d);
int  date_cmp(int y1, int m1, int d1, int y2, int m2, int d2);
void cn_date(char *buf, size_t n, int y, int m, int d);

/* narrative.c */
void narrative_build(greport *g);

/* defects.c */
void defects_choose(greport *g, const genopts *o);

/* findings.c */
void findings_compute(greport *g, const genopts *o);

/* renderers: append one document to out; they may tag kind-specific variations in vars */
void render_tsv(greport *g, sbuf *out, sbuf *vars);
void render_flat(greport *g, sbuf *out, sbuf *vars, sbuf *defs);
void render_layout(greport *g, sbuf *out, sbuf *vars);
void render_html(greport *g, sbuf *out, sbuf *vars, int *gbk);
int  render_pdf(greport *g, const char *path, sbuf *vars);
int  render_docx(greport *g, const char *path, sbuf *vars);   /* render_docx.c */
int  render_odt(greport *g, const char *path, sbuf *vars);

char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
