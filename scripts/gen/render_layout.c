/*
 * scripts/gen/render_layout.c — a report as `pdftotext -layout` prints a PDF: fixed-width lines
 * (Han characters two columns wide), form feeds between pages, page numbers at the foot, and
 * tables whose cells stand at column positions.
 *
 * Drawn without a PDF so that ten thousand can be written in seconds. What pdftotext does to a
 * table is imitated: a wrapped label keeps its lines, and the row's numbers (vertically centred in
 * the PDF) land on the label's middle line, or on a line of their own between the two middle lines
 * when the label has an even number of lines; the merged label 三、本年度办理结果 comes out one
 * character per line in its own column; a table broken over a page continues after the form feed,
 * with or without its header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct lw {
    sbuf *out;
    rng *r;
    int height, width, margin, textw;   /* page lines, page columns, left margin, text width */
    int line, page;
    int pnum_style;
    int spaced_digits;
    int in_t3, t3_broken, repeat_header, header_repeated;
    int landscape;
} lw;

static void put_line(lw *w, const char *s);
static void place(sbuf *line, int *cur, int col, const char *text);

/* A table of text (BK_ROWS): each row on a line, its cells at fixed columns. */
static void layout_rows(lw *w, const char *text)
{
    char *copy = xstrdup(text);
    for (char *save = NULL, *row = strtok_r(copy, "\n", &save); row; row = strtok_r(NULL, "\n", &save)) {
        sbuf line = {0};
        int cur = 0, col = w->margin;
        static const int widths[] = {44, 10, 12, 12};
        char *cell = row;
        for (int k = 0; cell; k++) {
            char *tab = strchr(cell, '\t');
            if (tab) *tab = '\0';
            if (*cell) place(&line, &cur, col, cell);
            col += widths[k < 3 ? k : 3];
            cell = tab ? tab + 1 : NULL;
        }
        put_line(w, line.s ? line.s : "");
        sb_free(&line);
    }
    free(copy);
}

static void footer(lw *w)
{
    char num[32];
    switch (w->pnum_style) {
    case 0: snprintf(num, sizeof num, "-%d-", w->page); break;
    case 1: snprintf(num, sizeof num, "— %d —", w->page); break;
    case 2: snprintf(num, sizeof num, "第 %d 页", w->page); break;
    default: snprintf(num, sizeof num, "- %d -", w->page); break;
    }
    sb_put(w->out, "\n");
    int col = w->pnum_style == 3 && w->page % 2 == 0 ? w->margin : (w->width - utf8_width(num)) / 2;
    sb_repeat(w->out, " ", col);
    sb_put(w->out, num);
    sb_put(w->out, "\n\f");
}

static void new_page(lw *w)
{
    footer(w);
    w->page++;
    w->line = 0;
}

static void put_line(lw *w, const char *s)
{
    if (w->line >= w->height) new_page(w);
    sb_put(w->out, s);
    sb_putc(w->out, '\n');
    w->line++;
}

/* Place text at display column col of a line being built. */
static void place(sbuf *line, int *cur, int col, const char *text)
{
    if (*cur > col) col = *cur + (*cur > 0);
    sb_repeat(line, " ", col - *cur);
    sb_put(line, text);
    *cur = col + utf8_width(text);
}

/* Right-align text so that it ends at column end. */
static void place_right(sbuf *line, int *cur, int end, const char *text)
{
    place(line, cur, end - utf8_width(text), text);
}

/* Split text into lines of display width w; returns the count, pieces malloc'd. */
static int wrap(const char *text, int w, char **lines, int max)
{
    int n = 0;
    while (*text && n < max) {
        size_t k = utf8_fit(text, w);
        if (k == 0) k = utf8_prefix(text, 1);
        if (n == max - 1) k = strlen(text);
        lines[n++] = strndup(text, k);
        text += k;
    }
    if (n == 0) lines[n++] = strdup("");
    return n;
}

static void free_lines(char **lines, int n)
{
    for (int i = 0; i < n; i++) free(lines[i]);
}

/* Narrative text as pdftotext gives it when digits are set in a Latin font: "2023 年". */
static char *space_digits(const char *s)
{
    sbuf b = {0};
    for (const char *p = s; *p; p++) {
        int digit = *p >= '0' && *p <= '9';
        int prev_han = p > s && (unsigned char)p[-1] >= 0x80;
        int next_han = (unsigned char)p[1] >= 0x80;
        if (digit && prev_han) sb_putc(&b, ' ');
        sb_putc(&b, *p);
        if (digit && next_han) sb_putc(&b, ' ');
    }
    char *r = xstrdup(b.s ? b.s : "");
    sb_free(&b);
    return r;
}

static void paragraph(lw *w, const char *text, int indent)
{
    char *t = w->spaced_digits ? space_digits(text) : xstrdup(text);
    const char *p = t;
    int first = 1;
    while (*p) {
        int avail = w->textw - (first ? indent : 0);
        size_t k = utf8_fit(p, avail);
        if (k == 0) k = utf8_prefix(p, 1);
        sbuf line = {0};
        sb_repeat(&line, " ", w->margin + (first ? indent : 0));
        sb_putn(&line, p, k);
        put_line(w, line.s);
        sb_free(&line);
        p += k;
        first = 0;
    }
    free(t);
}

static void centred(lw *w, const char *text)
{
    sbuf line = {0};
    int col = (w->width - utf8_width(text)) / 2;
    sb_repeat(&line, " ", col > 0 ? col : 0);
    sb_put(&line, text);
    put_line(w, line.s);
    sb_free(&line);
}

/* ---- table 2 ---- */

static void layout_t2(lw *w, greport *g)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *t = &g->t[T2];
    int labw = 24, colw = 16;
    for (int k = 0; k < nb; k++) {
        if (w->line + 4 + bl[k].nrows > w->height) new_page(w);
        put_line(w, "");
        sbuf line = {0};
        int cur = 0;
        place(&line, &cur, w->margin + (labw + 3 * colw - utf8_width(bl[k].item)) / 2, bl[k].item);
        put_line(w, line.s);
        sb_clear(&line);
        cur = 0;
        place(&line, &cur, w->margin + 4, "信息内容");
        int span = bl[k].ncols == 1 ? 3 * colw : colw;
        for (int c = 0; c < bl[k].ncols; c++)
            place(&line, &cur, w->margin + labw + c * colw + (span - utf8_width(bl[k].heads[c])) / 2, bl[k].heads[c]);
        put_line(w, line.s);
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            sb_clear(&line);
            cur = 0;
            place(&line, &cur, w->margin, t->tpl->rows[row].label);
            for (int c = 0; c < t->tpl->rows[row].ncols; c++) {
                const char *raw = t->c[row][c].raw;
                if (raw[0]) place(&line, &cur, w->margin + labw + c * colw + (span - utf8_width(raw)) / 2, raw);
            }
            put_line(w, line.s);
        }
        sb_free(&line);
    }
}

/* ---- table 3 ---- */

typedef struct tline {
    const char *v;           /* a character of the vertical label */
    char *grp, *lab;         /* pieces of the group label and the row label */
    int nums;                /* row whose numbers stand on this line, or -1 */
    int row;                 /* the row this line belongs to (page breaks fall between rows) */
} tline;

typedef struct t3geom { int vcol, gcol, lcol, ncol0, ncolw, valign_top; } t3geom;

static int numbers_width(const gtable *t)
{
    int w = 4;
    for (int i = 0; i < t->tpl->nrows; i++)
        for (int c = 0; c < t->tpl->rows[i].ncols; c++) {
            int k = utf8_width(t->c[i][c].raw);
            if (k > w) w = k;
        }
    return w + 2;
}

static void t3_header(lw *w, const t3geom *q, int letter_spaced)
{
    static const char *const heads[7][3] = {
        {"", "自然人", ""}, {"商业", "企业", ""}, {"科研", "机构", ""}, {"社会", "公益", "组织"},
        {"法律", "服务", "机构"}, {"其他", "", ""}, {"", "总计", ""},
    };
    int n0 = w->margin + q->ncol0, cw = q->ncolw;
    char *note[4];
    int nn = wrap("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", q->ncol0 - 2, note, 4);
    for (int l = 0; l < 6; l++) {
        sbuf line = {0};
        int cur = 0;
        if (l >= 2 && l - 2 < nn) place(&line, &cur, w->margin, note[l - 2]);
        if (l == 0) place(&line, &cur, n0 + (7 * cw - 10) / 2, "申请人情况");
        if (l == 1) place(&line, &cur, n0 + cw + (5 * cw - 14) / 2, "法人或其他组织");
        if (l >= 2 && l <= 4)
            for (int c = 0; c < 7; c++) {
                const char *h = heads[c][l - 2];
                if (c == 6 && letter_spaced && h[0]) h = "总 计";
                if (h[0]) place(&line, &cur, n0 + c * cw + (cw - utf8_width(h)) / 2, h);
            }
        put_line(w, line.s ? line.s : "");
        sb_free(&line);
    }
    free_lines(note, nn);
}

/* Lay out every line of the table body before printing, so that spans (the vertical label, the
 * group labels) can be centred over the lines of their rows. */
static int t3_lines(const gtable *t, const t3geom *q, tline *out, int max)
{
    int n = 0, first_out = -1, last_out = -1;
    for (int i = 0; i < t->tpl->nrows && n < max - 8; i++) {
        if (!t->row_present[i]) continue;
        const trow *row = &t->tpl->rows[i];
        int width = !row->outcome ? q->ncol0 - 1 : row->group ? q->ncol0 - q->lcol - 1 : q->ncol0 - q->gcol - 1;
        char *pieces[6];
        int np = wrap(row->label, width, pieces, 6);
        int start = n, numline;
        if (q->valign_top || np % 2 == 1) numline = q->valign_top ? 0 : np / 2;
        else numline = -1;   /* between the middle lines */
        for (int k = 0; k < np; k++) {
            if (numline < 0 && k == np / 2) out[n++] = (tline){NULL, NULL, NULL, i, i};
            out[n++] = (tline){NULL, NULL, pieces[k], numline == k ? i : -1, i};
        }
        if (row->outcome) {
            if (first_out < 0) first_out = start;
            last_out = n - 1;
        }
        (void)start;
    }
    /* group labels over their rows' lines */
    for (int a = 0; a < n;) {
        const char *grp = t->tpl->rows[out[a].row].group;
        int b = a;
        while (b < n && t->tpl->rows[out[b].row].group == grp) b++;
        if (grp) {
            char *gp[3];
            int ng = wrap(grp, q->lcol - q->gcol - 1, gp, 3);
            int at = a + (b - a - ng) / 2;
            for (int k = 0; k < ng; k++) {
                if (at + k < b) out[at + k].grp = gp[k];
                else free(gp[k]);
            }
        }
        a = b;
    }
    /* the merged vertical label, one character per line */
    static const char *const vchars[] = {"三", "、", "本", "年", "度", "办", "理", "结", "果"};
    int span = last_out - first_out + 1, at = first_out + (span - 9) / 2;
    for (int k = 0; k < 9 && first_out >= 0; k++)
        if (at + k >= first_out && at + k <= last_out) out[at + k].v = vchars[k];
    return n;
}

static void t3_print_line(lw *w, const gtable *t, const t3geom *q, const tline *l)
{
    sbuf line = {0};
    int cur = 0, m = w->margin;
    const trow *row = &t->tpl->rows[l->row];
    if (l->v) place(&line, &cur, m + q->vcol, l->v);
    if (l->grp) place(&line, &cur, m + q->gcol, l->grp);
    if (l->lab) place(&line, &cur, m + (!row->outcome ? 0 : row->group ? q->lcol : q->gcol), l->lab);
    if (l->nums >= 0)
        for (int c = 0; c < 7; c++) {
            const char *raw = t->c[l->nums][c].raw;
            if (raw[0]) place_right(&line, &cur, m + q->ncol0 + (c + 1) * q->ncolw - 1, raw);
        }
    put_line(w, line.s ? line.s : "");
    sb_free(&line);
}

static void layout_t3(lw *w, greport *g)
{
    rng *r = w->r;
    const gtable *t = &g->t[T3];
    t3geom q;
    static const int label_widths[] = {44, 30, 20};
    int wrapk = (int)rng_range(r, 0, 2);
    q.vcol = 1;
    q.gcol = 5;
    q.lcol = 20;
    q.ncol0 = q.lcol + label_widths[wrapk];
    q.ncolw = numbers_width(t);
    q.valign_top = rng_chance(r, 0.15);
    int letter = rng_chance(r, 0.3);
    tline lines[160];
    int n = t3_lines(t, &q, lines, 160);
    int maxpieces = 1;
    for (int i = 0; i < n; i++) {
        int k = 0;
        for (int j = i; j < n && lines[j].row == lines[i].row; j++) k += lines[j].lab != NULL;
        if (k > maxpieces) maxpieces = k;
    }
    if (w->line + 10 > w->height) new_page(w);
    t3_header(w, &q, letter);
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && lines[j].row == lines[i].row) j++;
        if (w->line + (j - i) > w->height) {
            new_page(w);
            w->t3_broken = 1;
            if (w->repeat_header) { t3_header(w, &q, letter); w->header_repeated = 1; }
        }
        for (int k = i; k < j; k++) t3_print_line(w, t, &q, &lines[k]);
        i = j;
    }
    for (int i = 0; i < n; i++) { free(lines[i].lab); free(lines[i].grp); }
    w->in_t3 = maxpieces;
    if (letter) w->in_t3 |= 16;
}

/* ---- table 4 ---- */

static void layout_t4(lw *w, greport *g)
{
    const gtable *t = &g->t[T4];
    int cw = numbers_width(t) < 6 ? 6 : numbers_width(t), m = w->margin;
    if (w->line + 8 > w->height) new_page(w);
    sbuf line = {0};
    int cur = 0;
    place(&line, &cur, m + (5 * cw - 8) / 2, "行政复议");
    place(&line, &cur, m + 5 * cw + (10 * cw - 8) / 2, "行政诉讼");
    put_line(w, line.s);
    sb_clear(&line); cur = 0;
    place(&line, &cur, m + 5 * cw + (5 * cw - 16) / 2, "未经复议直接起诉");
    place(&line, &cur, m + 10 * cw + (5 * cw - 10) / 2, "复议后起诉");
    put_line(w, line.s);
    static const char *const top[5] = {"结果", "结果", "其他", "尚未", "总计"}, *const bottom[5] = {"维持", "纠正", "结果", "审结", ""};
    for (int l = 0; l < 2; l++) {
        sb_clear(&line); cur = 0;
        for (int c = 0; c < 15; c++) {
            const char *h = l ? bottom[c % 5] : top[c % 5];
            if (h[0]) place(&line, &cur, m + c * cw + (cw - utf8_width(h)) / 2, h);
        }
        put_line(w, line.s);
    }
    put_line(w, "");
    sb_clear(&line); cur = 0;
    for (int c = 0; c < 15; c++) {
        const char *raw = t->c[c / 5][c % 5].raw;
        if (raw[0]) place(&line, &cur, m + c * cw + (cw - utf8_width(raw)) / 2, raw);
    }
    put_line(w, line.s ? line.s : "");
    sb_free(&line);
}

/* ---- the document ---- */

static void right_aligned(lw *w, const char *text, size_t n)
{
    char *part = strndup(text, n);
    sbuf line = {0};
    int col = w->margin + w->textw - utf8_width(part) - 4;
    sb_repeat(&line, " ", col > 0 ? col : 0);
    sb_put(&line, part);
    put_line(w, line.s);
    sb_free(&line);
    free(part);
}

/* The agency and the date under it, both to the right. */
static void signature_lines(lw *w, const char *text)
{
    const char *nl = strchr(text, '\n');
    put_line(w, "");
    right_aligned(w, text, nl ? (size_t)(nl - text) : strlen(text));
    if (nl) right_aligned(w, nl + 1, strlen(nl + 1));
}

void render_layout(greport *g, sbuf *out, sbuf *vars)
{
    rng *r = &g->r;
    lw w = {.out = out, .r = r, .page = 1};
    w.height = (int)rng_range(r, 40, 50);
    w.textw = (int)rng_range(r, 27, 32) * 2;
    w.margin = (int)rng_range(r, 0, 6);
    w.width = w.textw + 2 * w.margin;
    w.pnum_style = (int)rng_range(r, 0, 3);
    w.spaced_digits = rng_chance(r, 0.35);
    w.repeat_header = rng_chance(r, 0.4);
    if (w.spaced_digits) tag(vars, "spaced_digits");
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        switch (b->kind) {
        case BK_TITLE: {
            put_line(&w, "");
            char *copy = xstrdup(b->text);
            for (char *s = strtok(copy, "\n"); s; s = strtok(NULL, "\n")) centred(&w, s);
            free(copy);
            if (rng_chance(r, 0.3)) {
                /* a 发布日期 line under the title, as a report saved from its web page has */
                char date[48];
                snprintf(date, sizeof date, "发布日期：%04d-%02d-%02d", g->py, g->pm, g->pd);
                centred(&w, date);
                tag(vars, "pubdate_line");
            }
            put_line(&w, "");
            break;
        }
        case BK_ROWS:
            layout_rows(&w, b->text);
            break;
        case BK_HEAD:
            if (w.line + 3 > w.height) new_page(&w);
            paragraph(&w, b->text, 4);
            break;
        case BK_SUB: case BK_PARA:
            paragraph(&w, b->text, 4);
            break;
        case BK_TABLE:
            if (b->table == T2) layout_t2(&w, g);
            else if (b->table == T3) layout_t3(&w, g);
            else layout_t4(&w, g);
            put_line(&w, "");
            break;
        case BK_SIGN:
            signature_lines(&w, b->text);
            break;
        }
    }
    footer(&w);
    static const char *const wraps[] = {"wrap1", "wrap1", "wrap2", "wrap3"};
    if (w.in_t3) {
        int pieces = w.in_t3 & 15;
        tag(vars, wraps[pieces > 3 ? 3 : pieces]);
        if (w.in_t3 & 16) tag(vars, "letter_spaced");
        tag(vars, "vertical_label");
    }
    if (w.t3_broken) tag(vars, "t3_page_break");
    if (w.header_repeated) tag(vars, "header_repeated");
}
