/*
 * scripts/gen/grid.c — the three template tables as grids of spanned cells, the shape an office
 * suite or a browser holds a table in: rows of cells, each with its row and column span, header
 * rows that a page break may repeat, relative column widths. render_fodt.c and render_print.c
 * write these grids (ODF covered cells, HTML rowspan/colspan); the grid is built from the model
 * alone, so every producer prints the same cells.
 *
 * Table 2 is one grid (a 第二十条 item row, its column heads, its rows, for each item) or one grid
 * per item; table 3 has the note cell over the label columns, the two-level 申请人情况 header, the
 * merged 三、本年度办理结果 label in a narrow column and the group labels merged over their rows;
 * table 4 has the three-level header over one row of fifteen numbers.
 */
#include <string.h>

#include "model.h"

static gridcell *add_cell(grid *gr, int row, int col, int rowspan, int colspan, int role, const char *text)
{
    if (gr->ncells >= GRID_MAXCELLS) return NULL;
    gridcell *c = &gr->cells[gr->ncells++];
    *c = (gridcell){row, col, rowspan, colspan, role, text ? text : ""};
    if (row + rowspan > gr->nrows) gr->nrows = row + rowspan;
    return c;
}

/* occ[r][c]: the index of the cell that covers (r, c), -1 where none does. */
void grid_finish(grid *gr)
{
    for (int r = 0; r < GRID_MAXROWS; r++)
        for (int c = 0; c < GRID_MAXCOLS; c++) gr->occ[r][c] = -1;
    for (int k = 0; k < gr->ncells; k++) {
        const gridcell *c = &gr->cells[k];
        for (int r = c->row; r < c->row + c->rowspan && r < GRID_MAXROWS; r++)
            for (int q = c->col; q < c->col + c->colspan && q < GRID_MAXCOLS; q++) gr->occ[r][q] = k;
    }
}

static void grid_reset(grid *gr, int ncols)
{
    memset(gr, 0, sizeof *gr);
    gr->ncols = ncols;
}

/* Items [a, b) of table 2: label column and three value columns; an item's one or two value
 * headings span the three columns as the template prints them. */
void grid_t2(const greport *g, grid *gr, int a, int b)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *t = &g->t[T2];
    static const int spans[4][3] = {{0}, {3, 0, 0}, {1, 2, 0}, {1, 1, 1}};
    grid_reset(gr, 4);
    gr->width[0] = 0.34;
    gr->width[1] = gr->width[2] = gr->width[3] = 0.22;
    int row = 0;
    for (int k = a; k < b && k < nb; k++) {
        const int *span = spans[bl[k].ncols];
        add_cell(gr, row++, 0, 1, 4, CR_ITEM, bl[k].item);
        add_cell(gr, row, 0, 1, 1, CR_HEAD, "信息内容");
        for (int c = 0, col = 1; c < bl[k].ncols; col += span[c], c++) add_cell(gr, row, col, 1, span[c], CR_HEAD, bl[k].heads[c]);
        row++;
        for (int i = 0; i < bl[k].nrows; i++) {
            int r = bl[k].rows[i];
            if (!t->row_present[r]) continue;
            add_cell(gr, row, 0, 1, 1, CR_LABEL, t->tpl->rows[r].label);
            for (int c = 0, col = 1; c < t->tpl->rows[r].ncols; col += span[c], c++)
                add_cell(gr, row, col, 1, span[c], CR_NUMBER, t->c[r][c].raw);
            row++;
        }
    }
    grid_finish(gr);
}

/* Table 3: columns vertical label, group label, row label, then the seven applicant columns.
 * label_share is the row label column's share of the width; letter_spaced prints 总 计. */
void grid_t3(const greport *g, grid *gr, double label_share, int letter_spaced)
{
    const gtable *t = &g->t[T3];
    grid_reset(gr, 10);
    gr->width[0] = 0.045;
    gr->width[1] = 0.10;
    gr->width[2] = label_share;
    for (int c = 3; c < 10; c++) gr->width[c] = (1 - 0.145 - label_share) / 7;
    add_cell(gr, 0, 0, 3, 3, CR_HEAD, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    add_cell(gr, 0, 3, 1, 7, CR_HEAD, "申请人情况");
    add_cell(gr, 1, 3, 2, 1, CR_HEAD, t3_col_labels[0]);
    add_cell(gr, 1, 4, 1, 5, CR_HEAD, "法人或其他组织");
    add_cell(gr, 1, 9, 2, 1, CR_HEAD, letter_spaced ? "总 计" : "总计");
    for (int c = 1; c < 6; c++) add_cell(gr, 2, 3 + c, 1, 1, CR_HEAD, t3_col_labels[c]);
    gr->nhead = 3;
    int row = 3, outcome_first = -1;
    for (int i = 0; i < t->tpl->nrows; i++) {
        if (!t->row_present[i]) continue;
        const trow *tr = &t->tpl->rows[i];
        if (!tr->outcome) {
            add_cell(gr, row, 0, 1, 3, CR_LABEL, tr->label);
        } else {
            if (outcome_first < 0) {
                int n = 0;
                for (int k = i; k < t->tpl->nrows; k++) n += t->row_present[k] && t->tpl->rows[k].outcome;
                add_cell(gr, row, 0, n, 1, CR_VERTICAL, "三、本年度办理结果");
                outcome_first = row;
            }
            if (tr->group) {
                int first = 1;
                for (int k = i - 1; k >= 0 && t->tpl->rows[k].group == tr->group; k--) first &= !t->row_present[k];
                if (first) {
                    int n = 0;
                    for (int k = i; k < t->tpl->nrows && t->tpl->rows[k].group == tr->group; k++) n += t->row_present[k];
                    add_cell(gr, row, 1, n, 1, CR_LABEL, tr->group);
                }
                add_cell(gr, row, 2, 1, 1, CR_LABEL, tr->label);
            } else {
                add_cell(gr, row, 1, 1, 2, CR_LABEL, tr->label);
            }
        }
        for (int c = 0; c < 7; c++) add_cell(gr, row, 3 + c, 1, 1, CR_NUMBER, t->c[i][c].raw);
        row++;
    }
    grid_finish(gr);
}

/* Table 4: 行政复议 over five columns, 行政诉讼 over ten, then one row of fifteen numbers. */
void grid_t4(const greport *g, grid *gr, int letter_spaced)
{
    const gtable *t = &g->t[T4];
    grid_reset(gr, 15);
    for (int c = 0; c < 15; c++) gr->width[c] = 1.0 / 15;
    add_cell(gr, 0, 0, 1, 5, CR_HEAD, "行政复议");
    add_cell(gr, 0, 5, 1, 10, CR_HEAD, "行政诉讼");
    for (int c = 0; c < 5; c++) add_cell(gr, 1, c, 2, 1, CR_HEAD, c == 4 && letter_spaced ? "总 计" : t4_col_labels[c]);
    add_cell(gr, 1, 5, 1, 5, CR_HEAD, "未经复议直接起诉");
    add_cell(gr, 1, 10, 1, 5, CR_HEAD, "复议后起诉");
    for (int c = 0; c < 10; c++) add_cell(gr, 2, 5 + c, 1, 1, CR_HEAD, t4_col_labels[c % 5]);
    gr->nhead = 3;
    for (int c = 0; c < 15; c++) add_cell(gr, 3, c, 1, 1, CR_NUMBER, t->c[c / 5][c % 5].raw);
    grid_finish(gr);
}

/* Text for XML (and HTML) content and attribute values. */
void sb_xml(sbuf *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_put(o, "&amp;"); break;
        case '<': sb_put(o, "&lt;"); break;
        case '>': sb_put(o, "&gt;"); break;
        case '"': sb_put(o, "&quot;"); break;
        default: sb_putc(o, *s);
        }
    }
}
