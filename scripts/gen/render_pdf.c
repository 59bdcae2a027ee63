/*
 * scripts/gen/render_pdf.c — a report drawn as a PDF with cairo and pango: A4 pages with margins,
 * a centred title, indented paragraphs in Noto Serif CJK SC, headings in Noto Sans CJK SC, page
 * numbers at the foot, the signature on the right, and the three tables drawn cell by cell.
 *
 * Table 3 is drawn like the reports made with WPS: a note cell over the label columns, the two-level
 * 申请人情况 header, the merged 三、本年度办理结果 label one character per line in its own column,
 * group labels merged over their rows, numbers vertically centred in rows whose labels wrap; it
 * breaks over a page wherever it runs out of room (or at a random row), with or without its
 * header repeated. Table 4 has the three-level header over one line of fifteen numbers.
 * Metadata dates are fixed so that the same model gives the same bytes.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct pdf {
    cairo_surface_t *surf;
    cairo_t *cr;
    rng *r;
    double pw, ph, ml, mr, mt, mb, y;
    int page, pnum_style, ruled, landscape_tables, in_landscape;
    double body_pt, table_pt;
    /* drawn from a stream of their own (tv), so that the other draws keep their values */
    double t2_label_share;     /* table 2's label column, of the text width: narrow ones wrap labels */
    int t2_flow, t2_at_foot;   /* table 2 breaks between rows, not blocks; starts in a page's last lines */
    int t2_wrapped, t2_broken, t2_started_at_foot, label_space;
    int t2_header_repeat, t2_header_repeated;   /* a block broken by the page repeats its heading rows */
    int t4_split, t4_broken;   /* table 4's values on the page after its headings */
    rng *tv;
    int t3_broken, header_repeat, header_repeated, valign_top, letter_spaced, max_label_lines;
    int force_break_row;
    int t3_header_split;       /* table 3 starts at a page's foot and the page breaks inside its
                                * header (drawn from a stream of its own, th), as LibreOffice breaks
                                * a header row: 自然 | page number | 人 and the five columns' names */
    int in_picture;            /* drawing into the picture of a table (render_pdf_image_table) */
    const char *head_family;   /* 黑体-like headings, or the body face (one font embedded: a smaller file) */
    const char *body_family;   /* the title, prose and signature */
    double line_factor;        /* baseline to baseline in line heights (ascent + descent); 0: spaced apart */
} pdf;

static const char *const serif = "Noto Serif CJK SC", *const sans = "Noto Sans CJK SC";

static PangoLayout *make_layout(pdf *p, const char *family, double pt, int bold, const char *text, double width,
                                PangoAlignment align)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text, -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void draw_layout(pdf *p, PangoLayout *l, double x, double y)
{
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

/* ---- pages ---- */

static void page_number(pdf *p)
{
    char num[32];
    switch (p->pnum_style) {
    case 0: snprintf(num, sizeof num, "-%d-", p->page); break;
    case 1: snprintf(num, sizeof num, "— %d —", p->page); break;
    case 2: snprintf(num, sizeof num, "第 %d 页", p->page); break;
    default: snprintf(num, sizeof num, "- %d -", p->page); break;
    }
    PangoLayout *l = make_layout(p, serif, 10.5, 0, num, 0, PANGO_ALIGN_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    double x = p->pnum_style == 3 ? (p->page % 2 ? p->pw - p->mr - w / (double)PANGO_SCALE : p->ml)
                                  : (p->pw - w / (double)PANGO_SCALE) / 2;
    draw_layout(p, l, x, p->ph - p->mb + 18);
    g_object_unref(l);
}

static void set_page_size(pdf *p, int landscape)
{
    p->in_landscape = landscape;
    p->pw = landscape ? 842 : 595;
    p->ph = landscape ? 595 : 842;
    cairo_pdf_surface_set_size(p->surf, p->pw, p->ph);
}

static void new_page(pdf *p, int landscape)
{
    page_number(p);
    cairo_show_page(p->cr);
    p->page++;
    if (landscape != p->in_landscape) set_page_size(p, landscape);
    p->y = p->mt;
}

static double text_width(const pdf *p) { return p->pw - p->ml - p->mr; }

/* Paragraph text line by line, breaking pages between lines. */
static void paragraph(pdf *p, const char *text, const char *family, double pt, int bold, double indent_em,
                      PangoAlignment align)
{
    PangoLayout *l = make_layout(p, family, pt, bold, text, text_width(p), align);
    pango_layout_set_indent(l, (int)(indent_em * pt * PANGO_SCALE));
    double gap = pt * 0.55;
    if (p->line_factor > 0) {
        pango_layout_set_line_spacing(l, (float)p->line_factor);
        gap = pt * 0.2;
    } else {
        pango_layout_set_spacing(l, (int)(gap * PANGO_SCALE));
    }
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double top = -1, base_y = p->y;
    do {
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        double ly = (double)logical.y / PANGO_SCALE, lh = (double)logical.height / PANGO_SCALE;
        if (top < 0) top = ly;
        if (base_y + (ly - top) + lh > p->ph - p->mb) {
            new_page(p, p->in_landscape);
            base_y = p->y - (ly - top);
        }
        double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        cairo_move_to(p->cr, p->ml + (double)logical.x / PANGO_SCALE, base_y + (baseline - top));
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        p->y = base_y + (ly - top) + lh + gap;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
}

/* ---- cells ---- */

static void rect(pdf *p, double x, double y, double w, double h)
{
    if (!p->ruled) return;
    cairo_set_line_width(p->cr, 0.6);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_stroke(p->cr);
}

/* Text in a box, centred (or top-aligned) vertically; align horizontally as asked. */
static void cell_text(pdf *p, const char *text, const char *family, double pt, double x, double y, double w, double h,
                      PangoAlignment align, int top)
{
    if (!text || !*text) return;
    PangoLayout *l = make_layout(p, family, pt, 0, text, w - 4, align);
    double th = layout_height(l);
    draw_layout(p, l, x + 2, top ? y + 2 : y + (h - th) / 2);
    g_object_unref(l);
}

static double text_height(pdf *p, const char *text, double pt, double w)
{
    PangoLayout *l = make_layout(p, serif, pt, 0, text, w - 4, PANGO_ALIGN_LEFT);
    double h = layout_height(l);
    int lines = pango_layout_get_line_count(l);
    if (lines > p->max_label_lines && w < 400) p->max_label_lines = lines;
    g_object_unref(l);
    return h;
}

/* A label's height in a cell of width w and how many lines it wraps to (not counted in
 * max_label_lines, which tags table 3's labels). */
static double label_height(pdf *p, const char *text, double pt, double w, int *lines)
{
    PangoLayout *l = make_layout(p, serif, pt, 0, text, w - 4, PANGO_ALIGN_LEFT);
    double h = layout_height(l) + 6;
    *lines = pango_layout_get_line_count(l);
    g_object_unref(l);
    return h;
}

/* A row label with its item numbering followed by a space instead of a dot (3 其他, 1 属于国家秘密),
 * as some reports print it. */
static const char *spaced_numbering(const char *label, char *buf, size_t n)
{
    if (label[0] >= '0' && label[0] <= '9' && label[1] == '.') {
        snprintf(buf, n, "%c %s", label[0], label + 2);
        return buf;
    }
    return label;
}

/* ---- table 2 ---- */

/* A new page when the next row of height h does not fit: in flow mode table 2 breaks between any
 * two of its rows, as a word processor breaks it (else its blocks move whole, and this only keeps
 * a block of tall wrapped rows off the page number). Returns 0 when it broke the page. */
static int t2_row_fits(pdf *p, double h)
{
    if (p->y + h > p->ph - p->mb) {
        new_page(p, p->in_landscape);
        p->t2_broken = 1;
        return 0;
    }
    return 1;
}

/* A block's 第二十条第（N）项 row, shaded when ruled. */
static void t2_item_row(pdf *p, const t2block *b, double x, double W, double rh, double pt)
{
    cairo_set_source_rgb(p->cr, 0.85, 0.9, 0.96);
    if (p->ruled) { cairo_rectangle(p->cr, x, p->y, W, rh); cairo_fill(p->cr); }
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    rect(p, x, p->y, W, rh);
    cell_text(p, b->item, serif, pt, x, p->y, W, rh, PANGO_ALIGN_CENTER, 0);
    p->y += rh;
}

/* A block's column headings: 信息内容 over the labels, then its one to three columns. */
static void t2_head_row(pdf *p, const t2block *b, double x, double lw, double span, double rh, double pt)
{
    rect(p, x, p->y, lw, rh);
    cell_text(p, "信息内容", p->head_family, pt, x, p->y, lw, rh, PANGO_ALIGN_CENTER, 0);
    for (int c = 0; c < b->ncols; c++) {
        rect(p, x + lw + c * span, p->y, span, rh);
        cell_text(p, b->heads[c], p->head_family, pt, x + lw + c * span, p->y, span, rh, PANGO_ALIGN_CENTER, 0);
    }
    p->y += rh;
}

static void draw_t2(pdf *p, greport *g)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *t = &g->t[T2];
    double W = text_width(p), lw = W * p->t2_label_share, cw = (W - lw) / 3, pt = p->table_pt + 1, rh = pt * 2.4;
    /* starting in the last lines of a page, as a table after a long section does */
    if (p->t2_at_foot && p->y < p->ph - p->mb - 4 * rh) p->y = p->ph - p->mb - rh * (1.3 + 2.5 * rng_unit(p->tv));
    if (p->y > p->ph - (p->ph - p->mt - p->mb) / 4 - p->mb && p->y + rh * 2 <= p->ph - p->mb) p->t2_started_at_foot = 1;
    for (int k = 0; k < nb; k++) {
        if (!p->t2_flow && p->y + rh * (2 + bl[k].nrows) > p->ph - p->mb) new_page(p, p->in_landscape);
        double x = p->ml, span = bl[k].ncols == 1 ? 3 * cw : bl[k].ncols == 2 ? 1.5 * cw : cw;
        t2_row_fits(p, rh);
        t2_item_row(p, &bl[k], x, W, rh, pt);
        t2_row_fits(p, rh);
        t2_head_row(p, &bl[k], x, lw, span, rh, pt);
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            /* a narrow label column wraps the label anywhere (其他对外管理服务事 / 项); the row grows */
            const char *label = t->tpl->rows[row].label;
            int lines = 0;
            double h = label_height(p, label, pt, lw, &lines);
            if (h < rh) h = rh;
            if (lines > 1) p->t2_wrapped = 1;
            if (!t2_row_fits(p, h) && p->t2_header_repeat) {
                /* the block's heading rows again over its rest, as a repeated table header */
                t2_item_row(p, &bl[k], x, W, rh, pt);
                t2_head_row(p, &bl[k], x, lw, span, rh, pt);
                p->t2_header_repeated = 1;
            }
            rect(p, x, p->y, lw, h);
            cell_text(p, label, serif, pt, x, p->y, lw, h, PANGO_ALIGN_LEFT, 0);
            for (int c = 0; c < t->tpl->rows[row].ncols; c++) {
                rect(p, x + lw + c * span, p->y, span, h);
                cell_text(p, t->c[row][c].raw, serif, pt, x + lw + c * span, p->y, span, h, PANGO_ALIGN_CENTER, 0);
            }
            p->y += h;
        }
    }
    p->y += 8;
}

/* ---- table 3 ---- */

typedef struct t3cols { double x0, v, g, l, n; } t3cols;   /* column widths */

static void t3_header(pdf *p, const t3cols *c, int split)
{
    double pt = p->table_pt, lab = c->v + c->g + c->l, x = c->x0, y = p->y;
    double h1 = pt * 2, h2 = pt * 2, h3 = 0;
    for (int k = 1; k < 6; k++) {
        double h = text_height(p, t3_col_labels[k], pt, c->n) + 6;
        if (h > h3) h3 = h;
    }
    double nx = x + lab;
    const char *total = p->letter_spaced ? "总 计" : "总计";
    if (split) {
        /* the header's first two rows in the page's last lines; the page breaks inside the rows
         * that 自然人 and 总计 span, the rest of 自然人 (人) and the five names on the next page */
        if (p->y + h1 + h2 > p->ph - p->mb) new_page(p, p->in_landscape);
        if (p->y < p->ph - p->mb - h1 - h2 - 4) p->y = p->ph - p->mb - h1 - h2 - 4;
        y = p->y;
        rect(p, x, y, lab, h1 + h2);
        cell_text(p, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", serif, pt, x, y, lab, h1 + h2,
                  PANGO_ALIGN_CENTER, 0);
        rect(p, nx, y, 7 * c->n, h1);
        cell_text(p, "申请人情况", serif, pt, nx, y, 7 * c->n, h1, PANGO_ALIGN_CENTER, 0);
        rect(p, nx, y + h1, c->n, h2);
        cell_text(p, "自然", serif, pt, nx, y + h1, c->n, h2, PANGO_ALIGN_CENTER, 0);
        rect(p, nx + c->n, y + h1, 5 * c->n, h2);
        cell_text(p, "法人或其他组织", serif, pt, nx + c->n, y + h1, 5 * c->n, h2, PANGO_ALIGN_CENTER, 0);
        rect(p, nx + 6 * c->n, y + h1, c->n, h2);
        cell_text(p, total, serif, pt, nx + 6 * c->n, y + h1, c->n, h2, PANGO_ALIGN_CENTER, 0);
        new_page(p, p->in_landscape);
        y = p->y;
        rect(p, x, y, lab, h3);
        rect(p, nx, y, c->n, h3);
        cell_text(p, "人", serif, pt, nx, y, c->n, h3, PANGO_ALIGN_CENTER, 0);
        rect(p, nx + 6 * c->n, y, c->n, h3);
        for (int k = 1; k < 6; k++) {
            rect(p, nx + k * c->n, y, c->n, h3);
            cell_text(p, t3_col_labels[k], serif, pt, nx + k * c->n, y, c->n, h3, PANGO_ALIGN_CENTER, 0);
        }
        p->y = y + h3;
        return;
    }
    rect(p, x, y, lab, h1 + h2 + h3);
    cell_text(p, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", serif, pt, x, y, lab, h1 + h2 + h3,
              PANGO_ALIGN_CENTER, 0);
    rect(p, nx, y, 7 * c->n, h1);
    cell_text(p, "申请人情况", serif, pt, nx, y, 7 * c->n, h1, PANGO_ALIGN_CENTER, 0);
    rect(p, nx, y + h1, c->n, h2 + h3);
    cell_text(p, "自然人", serif, pt, nx, y + h1, c->n, h2 + h3, PANGO_ALIGN_CENTER, 0);
    rect(p, nx + c->n, y + h1, 5 * c->n, h2);
    cell_text(p, "法人或其他组织", serif, pt, nx + c->n, y + h1, 5 * c->n, h2, PANGO_ALIGN_CENTER, 0);
    rect(p, nx + 6 * c->n, y + h1, c->n, h2 + h3);
    cell_text(p, total, serif, pt, nx + 6 * c->n, y + h1, c->n, h2 + h3, PANGO_ALIGN_CENTER, 0);
    for (int k = 1; k < 6; k++) {
        rect(p, nx + k * c->n, y + h1 + h2, c->n, h3);
        cell_text(p, t3_col_labels[k], serif, pt, nx + k * c->n, y + h1 + h2, c->n, h3, PANGO_ALIGN_CENTER, 0);
    }
    p->y = y + h1 + h2 + h3;
}

typedef struct placed { int row; double y, h; int page_seg; } placed;

/* Merged cells over the rows of one page segment: the vertical label and the group labels. */
static void t3_merged(pdf *p, const gtable *t, const t3cols *c, const placed *rows, int a, int b, int *vertical_done)
{
    double pt = p->table_pt;
    /* the outcome rows of this segment */
    int oa = -1, ob = -1;
    for (int k = a; k < b; k++)
        if (t->tpl->rows[rows[k].row].outcome) { if (oa < 0) oa = k; ob = k; }
    if (oa >= 0) {
        double y0 = rows[oa].y, y1 = rows[ob].y + rows[ob].h;
        rect(p, c->x0, y0, c->v, y1 - y0);
        if (!*vertical_done && y1 - y0 > 9 * pt * 1.3) {
            cell_text(p, "三\n、\n本\n年\n度\n办\n理\n结\n果", p->head_family, pt, c->x0, y0, c->v, y1 - y0, PANGO_ALIGN_CENTER, 0);
            *vertical_done = 1;
        }
    }
    for (int k = a; k < b;) {
        const char *grp = t->tpl->rows[rows[k].row].group;
        int e = k;
        while (e < b && t->tpl->rows[rows[e].row].group == grp) e++;
        if (grp) {
            double y0 = rows[k].y, y1 = rows[e - 1].y + rows[e - 1].h;
            rect(p, c->x0 + c->v, y0, c->g, y1 - y0);
            /* a group cut by the page keeps its label on the part with more rows */
            int before = 0, after = 0;
            for (int q = a - 1; q >= 0 && t->tpl->rows[rows[q].row].group == grp; q--) before++;
            for (int q = b; rows[q].row >= 0 && t->tpl->rows[rows[q].row].group == grp; q++) after++;
            if (e - k >= before && e - k > after)
                cell_text(p, grp, serif, pt, c->x0 + c->v, y0, c->g, y1 - y0, PANGO_ALIGN_CENTER, 0);
        }
        k = e;
    }
}

static void draw_t3(pdf *p, greport *g)
{
    const gtable *t = &g->t[T3];
    rng *r = p->r;
    double W = text_width(p), pt = p->table_pt;
    t3cols c = {p->ml, pt * 2.2, pt * 6.5, 0, 0};
    double label_share = 0.30 + 0.15 * rng_unit(r);
    c.l = W * label_share;
    c.n = (W - c.v - c.g - c.l) / 7;
    if (!p->t3_header_split && p->y + 120 > p->ph - p->mb) new_page(p, p->in_landscape);
    t3_header(p, &c, p->t3_header_split);
    if (p->t3_header_split) p->t3_broken = 1;
    placed rows[MAXROWS + 1];
    int n = 0, seg_start = 0, vertical_done = 0;
    for (int i = 0; i < t->tpl->nrows; i++) {
        if (!t->row_present[i]) continue;
        const trow *row = &t->tpl->rows[i];
        double lx = !row->outcome ? c.x0 : row->group ? c.x0 + c.v + c.g : c.x0 + c.v;
        double lw = c.x0 + c.v + c.g + c.l - lx;
        double h = text_height(p, row->label, pt, lw) + 6;
        if (h < pt * 1.9) h = pt * 1.9;
        /* a number too wide for its cell wraps inside it, and the row grows to hold it, as a word
         * processor does; it never spills over the next row */
        for (int k = 0; k < 7; k++) {
            double vh = text_height(p, t->c[i][k].raw, pt + 1, c.n) + 6;
            if (vh > h) h = vh;
        }
        if (p->y + h > p->ph - p->mb || i == p->force_break_row) {
            rows[n].row = -1;
            t3_merged(p, t, &c, rows, seg_start, n, &vertical_done);
            new_page(p, p->in_landscape);
            p->t3_broken = 1;
            seg_start = n;
            if (p->header_repeat) { t3_header(p, &c, 0); p->header_repeated = 1; }
        }
        rect(p, lx, p->y, lw, h);
        char spaced[256];
        cell_text(p, p->label_space ? spaced_numbering(row->label, spaced, sizeof spaced) : row->label, serif, pt, lx,
                  p->y, lw, h, PANGO_ALIGN_LEFT, 0);
        for (int k = 0; k < 7; k++) {
            double x = c.x0 + c.v + c.g + c.l + k * c.n;
            rect(p, x, p->y, c.n, h);
            cell_text(p, t->c[i][k].raw, serif, pt + 1, x, p->y, c.n, h, PANGO_ALIGN_CENTER, p->valign_top);
        }
        rows[n++] = (placed){i, p->y, h, 0};
        p->y += h;
    }
    rows[n].row = -1;
    t3_merged(p, t, &c, rows, seg_start, n, &vertical_done);
    p->y += 8;
}

/* ---- table 4 ---- */

int render_pdf_image_table;

static void draw_t4(pdf *p, greport *g);

/* Table 4 as a picture (render_pdf_image_table): drawn as always, but into a 300 dpi image that is
 * put on the page in its place, as a report pasting a spreadsheet's screenshot does. The page
 * keeps its text layer for the prose around it; the table's cells are only in the image. */
static void t4_picture(pdf *p, greport *g)
{
    double W = text_width(p), cw = W / 15, pt = p->table_pt - 0.5;
    double H = pt * 2 + pt * 2 + text_height(p, "结果维持", pt, cw) + 6 + pt * 2.2;
    if (p->y + H > p->ph - p->mb) new_page(p, p->in_landscape);
    double s = 300 / 72.0, x = p->ml - 3, y = p->y - 3, w = W + 6, h = H + 6;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * s + 1), (int)(h * s + 1));
    cairo_t *cr = cairo_create(img), *page = p->cr;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_scale(cr, s, s);
    cairo_translate(cr, -x, -y);
    int split = p->t4_split;
    p->cr = cr;
    p->t4_split = 0;
    p->in_picture = 1;
    draw_t4(p, g);
    p->in_picture = 0;
    p->t4_split = split;
    p->cr = page;
    cairo_destroy(cr);
    cairo_save(page);
    cairo_translate(page, x, y);
    cairo_scale(page, 1 / s, 1 / s);
    cairo_set_source_surface(page, img, 0, 0);
    cairo_paint(page);
    cairo_restore(page);
    cairo_surface_destroy(img);
}

static void draw_t4(pdf *p, greport *g)
{
    if (render_pdf_image_table && !p->in_picture) {
        t4_picture(p, g);
        return;
    }
    const gtable *t = &g->t[T4];
    double W = text_width(p), cw = W / 15, pt = p->table_pt - 0.5, x = p->ml;
    double h1 = pt * 2, h2 = pt * 2, h3 = text_height(p, "结果维持", pt, cw) + 6, h4 = pt * 2.2;
    /* as a word processor may: the headings at a page's foot, the line of values on the next */
    int split = p->t4_split && p->y + h1 + h2 + h3 + h4 <= p->ph - p->mb;
    if (split) p->y = p->ph - p->mb - (h1 + h2 + h3) - 0.5 * h4;
    if (p->y + h1 + h2 + h3 + h4 > p->ph - p->mb && !split) new_page(p, p->in_landscape);
    double y = p->y;
    rect(p, x, y, 5 * cw, h1);
    cell_text(p, "行政复议", serif, pt, x, y, 5 * cw, h1, PANGO_ALIGN_CENTER, 0);
    rect(p, x + 5 * cw, y, 10 * cw, h1);
    cell_text(p, "行政诉讼", serif, pt, x + 5 * cw, y, 10 * cw, h1, PANGO_ALIGN_CENTER, 0);
    for (int k = 0; k < 5; k++) {
        rect(p, x + k * cw, y + h1, cw, h2 + h3);
        cell_text(p, k == 4 && p->letter_spaced ? "总 计" : t4_col_labels[k], serif, pt, x + k * cw, y + h1, cw, h2 + h3,
                  PANGO_ALIGN_CENTER, 0);
    }
    rect(p, x + 5 * cw, y + h1, 5 * cw, h2);
    cell_text(p, "未经复议直接起诉", serif, pt, x + 5 * cw, y + h1, 5 * cw, h2, PANGO_ALIGN_CENTER, 0);
    rect(p, x + 10 * cw, y + h1, 5 * cw, h2);
    cell_text(p, "复议后起诉", serif, pt, x + 10 * cw, y + h1, 5 * cw, h2, PANGO_ALIGN_CENTER, 0);
    for (int k = 5; k < 15; k++) {
        rect(p, x + k * cw, y + h1 + h2, cw, h3);
        cell_text(p, t4_col_labels[k % 5], serif, pt, x + k * cw, y + h1 + h2, cw, h3, PANGO_ALIGN_CENTER, 0);
    }
    y += h1 + h2 + h3;
    if (split) {
        new_page(p, p->in_landscape);
        y = p->y;
        p->t4_broken = 1;
    }
    for (int k = 0; k < 15; k++) {
        rect(p, x + k * cw, y, cw, h4);
        cell_text(p, t->c[k / 5][k % 5].raw, serif, pt + 1, x + k * cw, y, cw, h4, PANGO_ALIGN_CENTER, 0);
    }
    p->y = y + h4 + 8;
}

/* ---- the document ---- */

static void title(pdf *p, const char *text)
{
    p->y += 30;
    paragraph(p, text, p->body_family, 21, 0, 0, PANGO_ALIGN_CENTER);
    p->y += 14;
}

static void signature(pdf *p, const char *text)
{
    p->y += 24;
    const char *nl = strchr(text, '\n');
    char *agency = strndup(text, nl ? (size_t)(nl - text) : strlen(text));
    paragraph(p, agency, p->body_family, p->body_pt, 0, 0, PANGO_ALIGN_RIGHT);
    if (nl) paragraph(p, nl + 1, p->body_family, p->body_pt, 0, 0, PANGO_ALIGN_RIGHT);
    free(agency);
}

/* The body's face, size and line pitch. Half the reports keep the look this renderer always had
 * (Noto Serif CJK at 14-16 pt, lines two em apart); the others take any face, a word processor's
 * size and a pitch of 1.0-2.0 em, most often the tight 1.05-1.35 em at which Noto's glyph boxes
 * (1.45 em) overlap the next line. Drawn from a stream of its own, so that adding it changed no
 * other choice. Returns the pitch in em. */
static double body_look(pdf *p, const greport *g)
{
    rng look;
    rng_seed(&look, g->r.s[0] ^ 0x626f6479ull, (uint64_t)g->index);
    p->body_family = serif;
    p->line_factor = 0;
    if (!rng_chance(&look, 0.5)) return face_line_em(serif) + 0.55;
    p->body_family = face_pick(&look)->family;
    p->body_pt = size_pick(&look);
    double pitch = rng_chance(&look, 0.6) ? 1.05 + 0.3 * rng_unit(&look) : 1.0 + rng_unit(&look);
    p->line_factor = pitch / face_line_em(p->body_family);
    return pitch;
}

static cairo_status_t no_write(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int render_pdf(greport *g, const char *path, sbuf *vars)
{
    rng *r = &g->r;
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    pdf p = {.r = r, .page = 1};
    /* the table variations' own stream, seeded from the report's without drawing from it */
    rng tv;
    rng_seed(&tv, r->s[0] ^ r->s[3], 0x74626c73ull);
    p.tv = &tv;
    /* and a third, for the variations added later, so that tv's draws keep their values too */
    rng th;
    rng_seed(&th, r->s[1] ^ r->s[2], 0x74336873ull);
    p.surf = cairo_pdf_surface_create_for_stream(no_write, f, 595, 842);
    p.cr = cairo_create(p.surf);
    char date[32];
    snprintf(date, sizeof date, "%04d-%02d-%02dT09:00:00", g->py, g->pm, g->pd > 28 ? 28 : g->pd);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_MOD_DATE, date);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "nbgen");
    /* the document's Title: the title without its line breaks, or, as WPS often leaves it, the bare
     * words 政府信息公开工作年度报告 (then the title must be read from the page) */
    char *t = xstrdup(g->blocks[0].text), *o = t;
    for (const char *c = t; *c; c++)
        if (*c != '\n') *o++ = *c;
    *o = '\0';
    int generic = rng_chance(r, 0.25);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, generic ? "政府信息公开工作年度报告" : t);
    free(t);
    set_page_size(&p, 0);
    p.ml = p.mr = 70 + 20 * rng_unit(r);
    p.mt = 72;
    p.mb = 72;
    p.y = p.mt;
    p.t2_label_share = rng_chance(&tv, 0.3) ? 0.11 + 0.09 * rng_unit(&tv) : 0.34;
    p.t2_flow = rng_chance(&tv, 0.35);
    p.t2_at_foot = p.t2_flow && rng_chance(&tv, 0.6);
    p.label_space = rng_chance(&tv, 0.2);
    p.t4_split = rng_chance(&tv, 0.15);
    p.t2_header_repeat = rng_chance(&tv, 0.5);
    p.t3_header_split = g->t[T3].present && rng_chance(&th, 0.1);
    p.body_pt = 14 + 2 * rng_unit(r);
    p.table_pt = 8.5 + 1.5 * rng_unit(r);
    p.pnum_style = (int)rng_range(r, 0, 3);
    p.ruled = rng_chance(r, 0.8);
    p.header_repeat = rng_chance(r, 0.4);
    p.valign_top = rng_chance(r, 0.1);
    p.letter_spaced = rng_chance(r, 0.3);
    p.landscape_tables = rng_chance(r, 0.1);
    p.head_family = rng_chance(r, 0.4) ? sans : serif;
    p.force_break_row = g->t[T3].present && rng_chance(r, 0.4) ? (int)rng_range(r, 2, g->t[T3].tpl->nrows - 2) : -1;
    double pitch_em = body_look(&p, g);
    int tables_started = 0;
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        if (p.landscape_tables && !tables_started && b->section >= 1 && b->section <= 3 && b->kind == BK_HEAD) {
            new_page(&p, 1);
            tables_started = 1;
        } else if (p.in_landscape && b->section > 3) {
            new_page(&p, 0);
        }
        switch (b->kind) {
        case BK_TITLE: title(&p, b->text); break;
        case BK_HEAD: paragraph(&p, b->text, p.head_family, p.body_pt, 0, 2, PANGO_ALIGN_LEFT); break;
        case BK_SUB: paragraph(&p, b->text, p.body_family, p.body_pt, 0, 2, PANGO_ALIGN_LEFT); break;
        case BK_PARA: paragraph(&p, b->text, p.body_family, p.body_pt, 0, 2, PANGO_ALIGN_LEFT); break;
        case BK_ROWS: paragraph(&p, b->text, serif, p.table_pt, 0, 0, PANGO_ALIGN_LEFT); break;
        case BK_SIGN: signature(&p, b->text); break;
        case BK_TABLE:
            if (b->table == T2) draw_t2(&p, g);
            else if (b->table == T3) draw_t3(&p, g);
            else draw_t4(&p, g);
            break;
        }
    }
    page_number(&p);
    cairo_show_page(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surf);
    int bad = cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(p.surf);
    if (fclose(f) != 0) bad = 1;
    tag(vars, p.ruled ? "ruled" : "unruled");
    tag_face(vars, p.body_family);
    tag_size(vars, p.body_pt);
    tag_pitch(vars, pitch_em);
    if (p.line_factor > 0) tag(vars, "line_proportional");
    if (g->t[T3].present) {
        static const char *const wraps[] = {"wrap1", "wrap1", "wrap2", "wrap3"};
        tag(vars, wraps[p.max_label_lines > 3 ? 3 : p.max_label_lines]);
        tag(vars, "vertical_label");
    }
    if (p.t3_broken) tag(vars, "t3_page_break");
    if (g->t[T2].present) {
        if (p.t2_wrapped) tag(vars, "t2_label_wrap");
        if (p.t2_broken) tag(vars, "t2_page_break");
        if (p.t2_started_at_foot) tag(vars, "t2_at_foot");
    }
    if (p.label_space && g->t[T3].present) tag(vars, "label_space");
    if (p.t4_broken) tag(vars, "t4_page_break");
    if (p.t2_header_repeated) tag(vars, "t2_header_repeated");
    if (p.header_repeated) tag(vars, "header_repeated");
    if (p.t3_header_split) tag(vars, "t3_header_split");
    if (p.letter_spaced) tag(vars, "letter_spaced");
    if (p.landscape_tables && tables_started) tag(vars, "landscape");
    if (p.valign_top) tag(vars, "valign_top");
    if (render_pdf_image_table && g->t[T4].present) tag(vars, "t4_image");
    return bad ? -1 : 0;
}
