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

struct greport;
typedef struct greport greport;

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
/* Table 2's blocks as the template prints them, and as a report prints them (its headers may name
 * a unit: 采购总金额（万元）). Renderers use the report's. */
const t2block *template_t2_blocks(int v2019, int *n);
const t2block *t2_blocks(const greport *g, int *n);

/* ---- the model ---- */

typedef struct gcell {
    char value[40];       /* normalised: ASCII digits, no separators; '' for blank, —, /, 无 */
    char unit[8];         /* a money cell's unit (元, 万元) from the cell or its header; '' else (FORMAT.md §5) */
    char raw[48];         /* exactly as printed */
} gcell;

typedef struct gtable {
    int present;          /* printed at all */
    const ttemplate *tpl;
    int row_present[MAXROWS];
    gcell c[MAXROWS][MAXCOLS];
    int64_t v[MAXROWS][MAXCOLS];   /* the generated numbers before printing (t3, t4) */
} gtable;

/* BK_ROWS: a table of text, rows separated by '\n', cells by '\t' (a pre-2019 statistics table);
 * a renderer that knows no better prints each row as a line. */
enum block_kind { BK_TITLE, BK_PARA, BK_HEAD, BK_SUB, BK_TABLE, BK_SIGN, BK_ROWS };

typedef struct gblock {
    int kind;
    int section;          /* 0..5 the section it belongs to, -1 before 一 */
    int table;            /* BK_TABLE: T2/T3/T4 */
    char *text;           /* title lines separated by '\n'; BK_SIGN: agency '\n' date */
} gblock;

typedef struct gfinding { const char *rule; char table[12], row[24], col[16]; } gfinding;

/* What a count of applications in the narrative may stand for (rules/prose.c): 本年新收,
 * 本年新收 + 上年结转, （七）总计. */
enum app_reading { READ_NEW = 1, READ_NEW_CARRIED = 2, READ_TOTAL = 4 };

/* Defects that the narrative must write (the others change the model directly). */
enum defect_flag {
    D_PERIOD = 1 << 0, D_STALE = 1 << 1, D_PROSE_APPS = 1 << 2, D_PROSE_NO_APPS = 1 << 3,
    D_PROSE_REVIEW = 1 << 4, D_PROSE_LITIGATION = 1 << 5, D_PROSE_FEE = 1 << 6,
    D_PROSE_HANDLED = 1 << 7,   /* the count written with （含上年结转M件）, and wrong */
    D_TABLE_EDIT = 1 << 8,   /* a cell or row of t3/t4 changed */
};

/* Number styles chosen per report (the zero style decides how a 0 cell is printed). */
enum zero_style { ZERO_DIGIT, ZERO_BLANK, ZERO_DASH, ZERO_SLASH, ZERO_MIXED };

struct greport {
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
    int64_t prose_apps, prose_review, prose_litigation, prose_fee;
    unsigned prose_apps_readings;   /* which table quantities prose_apps may mean (enum app_reading) */
    int prose_no_apps, prose_no_fee;
    const char *amount_unit_head;   /* 2019 采购总金额: the unit its header names ("", 元, 万元) */
    t2block t2b[6];                 /* table 2's blocks as this report prints them (t2_blocks) */
    int nt2b;
    gtable t[NTABLES];
    gblock blocks[MAXBLOCKS];
    int nblocks;
    sbuf variations, defects;   /* ';'-separated tags */
    gfinding find[MAXFIND];
    int nfind;
    char kinds[12][12];   /* which kinds this report is rendered to */
    int nkinds;
    int flat_safe;        /* printed so that a flattened page can still be read */
    rng pv;               /* the prose variety's own stream (prose_variety.c) */
    int pv_on;            /* the report writes in the varied ways */
};

typedef struct genopts {
    uint64_t seed;
    int count;
    int start;            /* index of the first report (--start): ids and seeds continue a run */
    const char *out;
    const char *kinds[12];
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
/* A government site's footer under the article, one to three lines, each written to o between open
 * and close: 主办单位, 承办, 网站标识码, ICP备, 公网安备, 版权所有, 技术支持 … in one of a few layouts. */
void put_site_footer(greport *g, sbuf *o, const char *open, const char *close);

/* prose_variety.c: the ways real agencies write the sentences the rules read; each returns NULL (or
 * 0) to keep narrative.c's own sentence, and draws only from g->pv */
void variety_init(greport *g);
void cn_number(char *buf, size_t cap, int64_t n);
char *vary_applications(greport *g, const char *verb, int64_t said, unsigned allowed, int note, int bad);
char *vary_reviews(greport *g);
char *vary_no_reviews(greport *g);
char *vary_other_matters(greport *g);
char *vary_hotline(greport *g);
char *vary_t3_lead(greport *g);
char *vary_period(greport *g);
char *vary_last_year_mention(greport *g);
int  vary_sign_date(greport *g, char *buf, size_t cap);
void vary_signer(greport *g, char *buf, size_t cap);
char *vary_sign_block(greport *g, const char *signer, const char *date);
char *vary_print_line(greport *g);
char *vary_after_signature(greport *g);
void vary_info_box(greport *g);
void vary_headings(greport *g);

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

/* faces.c: the CJK faces, sizes and pitches renderers draw from, and the tags that name them */
enum { NFACES = 6 };
typedef struct genface { const char *family, *tag, *generic; } genface;
extern const genface gen_faces[NFACES];
const genface *face_pick(rng *r);
const genface *face_by_family(const char *family);
double size_pick(rng *r);
double face_line_em(const char *family);          /* ascent + descent per em */
void tag_face(sbuf *vars, const char *family);    /* font_noto_serif … font_other */
void tag_size(sbuf *vars, double pt);             /* size_10.5, size_12, size_14 */
void tag_pitch(sbuf *vars, double em);            /* line pitch / size: pitch_1.0 … pitch_2.2 */
void tag_producer(sbuf *vars, const char *producer);   /* producer_cairo, producer_lo … */

/* grid.c: a template table as rows of spanned cells (render_fodt.c, render_print.c) */
enum { GRID_MAXROWS = 40, GRID_MAXCOLS = 16, GRID_MAXCELLS = 640 };
enum cell_role { CR_HEAD, CR_ITEM, CR_LABEL, CR_VERTICAL, CR_NUMBER };
typedef struct gridcell { int row, col, rowspan, colspan, role; const char *text; } gridcell;
typedef struct grid {
    int ncols, nrows, nhead;          /* nhead: header rows a page break may repeat */
    double width[GRID_MAXCOLS];       /* share of the table width */
    gridcell cells[GRID_MAXCELLS];
    int ncells;
    int occ[GRID_MAXROWS][GRID_MAXCOLS];   /* index of the covering cell, -1 */
} grid;
void grid_t2(const greport *g, grid *gr, int first_item, int end_item);
void grid_t3(const greport *g, grid *gr, double label_share, int letter_spaced);
void grid_t4(const greport *g, grid *gr, int letter_spaced);
void sb_xml(sbuf *o, const char *s);

/* the office producers: a source document that a converter turns into the file (convert.c) */
void render_fodt(greport *g, sbuf *out, sbuf *vars);    /* LibreOffice flat ODF text */
void render_print(greport *g, sbuf *out, sbuf *vars, sbuf *print_opts);   /* HTML for Chromium */

/* pdfprobe.c: tags read back from a converted PDF (page breaks in tables, a wrapped title) */
typedef struct pdf_probe { char *title; int v2019, t2, t3, t4, header_rows; } pdf_probe;   /* t4: printed, with a number */
void probe_pdf(const char *path, const pdf_probe *p, sbuf *vars);

char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
