/*
 * scripts/gen/render_docx.c — a report as a word processor saves it: .docx (Office Open XML, as
 * Word and WPS write it) and .odt (OpenDocument, as LibreOffice writes it), zip files written with
 * libzip from the same model as every other kind, byte for byte the same on every run.
 *
 * Tables are real tables with the merges a word processor makes: the cells and spans of the web
 * page (render_html.c's layout), as w:gridSpan and w:vMerge restart/continue (ODF:
 * number-columns-spanned / number-rows-spanned and covered-table-cell), with short rows closed by
 * w:gridAfter. Per report, by the kind's own random stream (tags in brackets):
 *   docx  headings numbered automatically by numbering.xml — chineseCounting "%1、" and "（%2）",
 *         a new w:num with a startOverride where a removed section skips a number — through the
 *         paragraph or through its heading style [auto_numbering, numbering_in_style]; heading
 *         styles with outline levels [heading_styles]; text split over many runs with proofing
 *         marks and bookmarks between them [split_runs]; a running header and a PAGE footer
 *         [header_footer]; the title in a text box with its VML fallback [title_in_textbox]; a
 *         table of contents [toc]; header rows marked w:tblHeader [tbl_header]; table 3 split in
 *         two tables [split_table]; labels in two paragraphs [cell_paras]; a footnote, hidden text,
 *         a tracked deletion and insertion, the signature date as a field [footnote, hidden_text,
 *         tracked_changes, field_date]; WPS as the producer [wps_producer].
 *   odt   headings as text:h, numbered by a text:list whose list style prints 一、 [auto_numbering];
 *         a master page header and footer [header_footer]; the title in a frame [title_in_textbox];
 *         header rows in table:table-header-rows [tbl_header]; a footnote [footnote];
 *         soft page breaks [soft_page_break]; split_table and cell_paras as for docx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "model.h"

/* ---- tables as cells with spans ---- */

enum { XROWS = 72, XCELLS = 40 };

typedef struct xcell { const char *text; int rs, cs; } xcell;
typedef struct xrow { xcell c[XCELLS]; int n; int header; } xrow;
typedef struct xtable { xrow r[XROWS]; int n, width; } xtable;

static xrow *xt_row(xtable *t, int header)
{
    xrow *r = &t->r[t->n < XROWS ? t->n++ : XROWS - 1];
    r->n = 0;
    r->header = header;
    return r;
}

static void xt_cell(xrow *r, int rs, int cs, const char *text)
{
    if (r->n < XCELLS) r->c[r->n++] = (xcell){text, rs, cs};
}

static void build_t2(const greport *g, xtable *t)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *tb = &g->t[T2];
    static const int spans[4][3] = {{0}, {3, 0, 0}, {1, 2, 0}, {1, 1, 1}};
    t->n = 0;
    t->width = 4;
    for (int k = 0; k < nb; k++) {
        const int *span = spans[bl[k].ncols];
        xt_cell(xt_row(t, 0), 1, 4, bl[k].item);
        xrow *h = xt_row(t, 0);
        xt_cell(h, 1, 1, "信息内容");
        for (int c = 0; c < bl[k].ncols; c++) xt_cell(h, 1, span[c], bl[k].heads[c]);
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            xrow *r = xt_row(t, 0);
            xt_cell(r, 1, 1, tb->tpl->rows[row].label);
            for (int c = 0; c < tb->tpl->rows[row].ncols; c++) xt_cell(r, 1, span[c], tb->c[row][c].raw);
        }
    }
}

/* Rows [a, b) of table 3; spans count only the rows inside the part. */
static void build_t3(const greport *g, xtable *t, int a, int b, int header)
{
    const gtable *tb = &g->t[T3];
    t->n = 0;
    t->width = 10;
    if (header) {
        xrow *r = xt_row(t, 1);
        xt_cell(r, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
        xt_cell(r, 1, 7, "申请人情况");
        r = xt_row(t, 1);
        xt_cell(r, 2, 1, "自然人");
        xt_cell(r, 1, 5, "法人或其他组织");
        xt_cell(r, 2, 1, "总计");
        r = xt_row(t, 1);
        for (int c = 1; c < 6; c++) xt_cell(r, 1, 1, t3_col_labels[c]);
    }
    int vertical_done = 0;
    for (int i = a; i < b; i++) {
        if (!tb->row_present[i]) continue;
        const trow *row = &tb->tpl->rows[i];
        xrow *r = xt_row(t, 0);
        if (!row->outcome) {
            xt_cell(r, 1, 3, row->label);
        } else {
            if (!vertical_done) {
                int n = 0;
                for (int k = i; k < b; k++) n += tb->row_present[k] && tb->tpl->rows[k].outcome;
                xt_cell(r, n, 1, a == 0 || header ? "三、本年度办理结果" : "");
                vertical_done = 1;
            }
            if (row->group) {
                int first = i == a || !tb->row_present[i - 1] || tb->tpl->rows[i - 1].group != row->group;
                for (int k = i - 1; k >= a && !tb->row_present[k] && tb->tpl->rows[k].group == row->group; k--)
                    first = k == a || tb->tpl->rows[k - 1].group != row->group;
                if (first) {
                    int n = 0;
                    for (int k = i; k < b && tb->tpl->rows[k].group == row->group; k++) n += tb->row_present[k];
                    xt_cell(r, n, 1, row->group);
                }
                xt_cell(r, 1, 1, row->label);
            } else {
                xt_cell(r, 1, 2, row->label);
            }
        }
        for (int c = 0; c < 7; c++) xt_cell(r, 1, 1, tb->c[i][c].raw);
    }
}

static void build_t4(const greport *g, xtable *t)
{
    const gtable *tb = &g->t[T4];
    t->n = 0;
    t->width = 15;
    xrow *r = xt_row(t, 1);
    xt_cell(r, 1, 5, "行政复议");
    xt_cell(r, 1, 10, "行政诉讼");
    r = xt_row(t, 1);
    for (int c = 0; c < 5; c++) xt_cell(r, 2, 1, t4_col_labels[c]);
    xt_cell(r, 1, 5, "未经复议直接起诉");
    xt_cell(r, 1, 5, "复议后起诉");
    r = xt_row(t, 1);
    for (int c = 0; c < 10; c++) xt_cell(r, 1, 1, t4_col_labels[c % 5]);
    r = xt_row(t, 0);
    for (int c = 0; c < 15; c++) xt_cell(r, 1, 1, tb->c[c / 5][c % 5].raw);
}

typedef void (*emit_table_fn)(void *ctx, const xtable *t);

/* A BK_ROWS block (a pre-2019 statistics table): rows at '\n', cells at '\t', no spans. The cell
 * texts point into text, which must outlive the table. */
static void build_rows(char *text, xtable *t)
{
    t->n = 0;
    t->width = 1;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        xrow *r = xt_row(t, 0);
        for (char *cell = line, *tab; cell; cell = tab) {
            tab = strchr(cell, '\t');
            if (tab) *tab++ = '\0';
            xt_cell(r, 1, 1, cell);
        }
        if (r->n > t->width) t->width = r->n;
    }
}

static void rows_table(const gblock *b, emit_table_fn emit, void *ctx)
{
    static xtable t;
    char *copy = xstrdup(b->text);
    build_rows(copy, &t);
    emit(ctx, &t);
    free(copy);
}

/* The tables of one BK_TABLE block, each handed to emit: table 3 may be split in two (the second
 * part with its header or without). */
static void block_tables(const greport *g, rng *r, int table, int split_t3, emit_table_fn emit, void *ctx)
{
    static xtable t;
    if (table == T2) {
        build_t2(g, &t);
        emit(ctx, &t);
    } else if (table == T4) {
        build_t4(g, &t);
        emit(ctx, &t);
    } else if (split_t3) {
        int rows = g->t[T3].tpl->nrows, at = (int)rng_range(r, 4, rows - 3);
        build_t3(g, &t, 0, at, 1);
        emit(ctx, &t);
        build_t3(g, &t, at, rows, rng_chance(r, 0.5));
        emit(ctx, &t);
    } else {
        build_t3(g, &t, 0, g->t[T3].tpl->nrows, 1);
        emit(ctx, &t);
    }
}

/* The slots of a table: which cell (row, index) each grid slot belongs to, placing cells as a
 * browser does (after the previous cell, past slots a rowspan from above covers). */
typedef struct slots { short r[XROWS][64], k[XROWS][64]; } slots;

static void lay_out(const xtable *t, slots *s)
{
    for (int i = 0; i < XROWS; i++)
        for (int c = 0; c < 64; c++) s->r[i][c] = s->k[i][c] = -1;
    for (int i = 0; i < t->n; i++) {
        int col = 0;
        for (int k = 0; k < t->r[i].n; k++) {
            const xcell *x = &t->r[i].c[k];
            while (col < 64 && s->r[i][col] >= 0) col++;
            for (int dr = 0; dr < x->rs && i + dr < XROWS; dr++)
                for (int dc = 0; dc < x->cs && col + dc < 64; dc++) {
                    s->r[i + dr][col + dc] = (short)i;
                    s->k[i + dr][col + dc] = (short)k;
                }
            col += x->cs;
        }
    }
}

/* ---- XML text ---- */

static void esc(sbuf *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '&') sb_put(o, "&amp;");
        else if (*s == '<') sb_put(o, "&lt;");
        else if (*s == '>') sb_put(o, "&gt;");
        else if (*s == '"') sb_put(o, "&quot;");
        else sb_putc(o, *s);
    }
}

static void escn(sbuf *o, const char *s, size_t n)
{
    char *t = strndup(s, n);
    esc(o, t);
    free(t);
}

/* Leading numbering of a heading: "一、" (kind 0) or "（一）" (kind 1); its value and the rest. */
static int cn_value(const char *s, const char **end)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int v = 0, tens = 0;
    for (;;) {
        int d = 0;
        for (int i = 0; i < 9 && !d; i++)
            if (!strncmp(s, digits[i], 3)) d = i + 1;
        if (d) {
            v = v * 10 + d;
            s += 3;
            continue;
        }
        if (!strncmp(s, "十", 3)) {
            tens = v ? v : 1;
            v = 0;
            s += 3;
            tens *= 10;
            continue;
        }
        break;
    }
    *end = s;
    return tens + v;
}

static int heading_number(const char *text, int *kind, const char **rest)
{
    const char *e;
    if (!strncmp(text, "（", 3)) {
        int v = cn_value(text + 3, &e);
        if (v > 0 && !strncmp(e, "）", 3)) {
            *kind = 1;
            *rest = e + 3;
            return v;
        }
        return 0;
    }
    int v = cn_value(text, &e);
    if (v > 0 && !strncmp(e, "、", 3)) {
        *kind = 0;
        *rest = e + 3;
        return v;
    }
    return 0;
}

/* ---- docx ---- */

typedef struct dstyle {
    int auto_num, num_in_style, heading_styles, split_runs, header_footer, title_box, toc, tbl_header;
    int split_t3, cell_paras, footnote, hidden, tracked, field_date, wps, suff, title_br;
    /* numbering state while writing: counters as Word keeps them, the current w:num */
    int cnt[2], on[2], num_id, nnums, starts[16][2];
} dstyle;

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOC_NS W_NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"" \
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"" \
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"" \
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"" \
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"" \
    " xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\""

/* Runs of text; split at character boundaries with proofing marks between them, as Word saves a
 * paragraph that was edited. */
static void runs(sbuf *o, rng *r, const dstyle *st, const char *text, int bold)
{
    const char *rpr = bold ? "<w:rPr><w:b/><w:rFonts w:hint=\"eastAsia\"/></w:rPr>" : "<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>";
    size_t n = strlen(text);
    size_t at = 0;
    while (at < n) {
        size_t k = n - at;
        if (st->split_runs && k > 6 && rng_chance(r, 0.5)) {
            k = (size_t)rng_range(r, 1, (int64_t)(k - 1));
            while (k < n - at && ((unsigned char)text[at + k] & 0xC0) == 0x80) k++;
        }
        sb_printf(o, "<w:r>%s<w:t xml:space=\"preserve\">", rpr);
        escn(o, text + at, k);
        sb_put(o, "</w:t></w:r>");
        at += k;
        if (at < n && st->split_runs) {
            switch (rng_range(r, 0, 2)) {
            case 0: sb_put(o, "<w:proofErr w:type=\"gramStart\"/>"); break;
            case 1: sb_printf(o, "<w:bookmarkStart w:id=\"%d\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"%d\"/>", (int)at, (int)at); break;
            default: break;
            }
        }
    }
}

static void ppr(sbuf *o, const char *style, const char *jc, const char *numpr)
{
    if (!style && !jc && !numpr) return;
    sb_put(o, "<w:pPr>");
    if (style) sb_printf(o, "<w:pStyle w:val=\"%s\"/>", style);
    if (numpr) sb_put(o, numpr);
    if (jc) sb_printf(o, "<w:jc w:val=\"%s\"/>", jc);
    sb_put(o, "</w:pPr>");
}

static void w_para(sbuf *o, rng *r, const dstyle *st, const char *style, const char *jc, const char *text, int bold)
{
    sb_put(o, "<w:p>");
    ppr(o, style, jc, NULL);
    runs(o, r, st, text, bold);
    sb_put(o, "</w:p>");
}

/* A numbered heading: automatic when the style asks for it. Word's counters are simulated so that
 * a number the list would not reach by itself (a removed section) gets a new w:num restarting
 * there. */
static void w_heading(sbuf *o, rng *r, dstyle *st, const char *text, int level)
{
    int kind, value;
    const char *rest;
    const char *style = st->heading_styles ? (level ? "Heading2" : "Heading1") : NULL;
    value = heading_number(text, &kind, &rest);
    /* a heading style that carries the numbering is switched off where the text has its own */
    const char *none = st->num_in_style ? "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>" : NULL;
    if (!st->auto_num || !value || kind != level) {
        sb_put(o, "<w:p>");
        ppr(o, style, NULL, none);
        runs(o, r, st, text, level == 0);
        sb_put(o, "</w:p>");
        return;
    }
    int expect = st->on[level] ? st->cnt[level] + 1 : 1;
    if (value != expect) {
        if (level == 1 || st->nnums >= 16) {        /* a sub-heading out of sequence: as printed */
            sb_put(o, "<w:p>");
            ppr(o, style, NULL, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>");
            runs(o, r, st, text, 0);
            sb_put(o, "</w:p>");
            return;
        }
        st->starts[st->nnums][0] = value;
        st->num_id = 2 + st->nnums++;
        st->on[0] = 0;
    }
    st->cnt[level] = value;
    st->on[level] = 1;
    if (level == 0) st->on[1] = 0;
    char numpr[160];
    if (st->num_in_style && st->heading_styles && st->num_id == 1)
        numpr[0] = '\0';                                /* the style carries it */
    else
        snprintf(numpr, sizeof numpr, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/></w:numPr>", level, st->num_id);
    sb_put(o, "<w:p>");
    ppr(o, style, NULL, numpr[0] ? numpr : NULL);
    runs(o, r, st, rest, level == 0);
    sb_put(o, "</w:p>");
}

/* A cell's paragraphs: one, or a long label split before its parenthesis. */
static void w_cell_text(sbuf *o, rng *r, const dstyle *st, const char *text)
{
    const char *paren = st->cell_paras ? strstr(text + (strncmp(text, "（", 3) ? 0 : 3), "（") : NULL;
    if (paren && paren > text && strlen(paren) > 9) {
        char *head = strndup(text, (size_t)(paren - text));
        w_para(o, r, st, NULL, "center", head, 0);
        w_para(o, r, st, NULL, "center", paren, 0);
        free(head);
        return;
    }
    if (!*text) {
        sb_put(o, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>");
        return;
    }
    w_para(o, r, st, NULL, "center", text, 0);
}

static void w_table(sbuf *o, rng *r, const dstyle *st, const xtable *t)
{
    static slots s;
    lay_out(t, &s);
    sb_put(o, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/><w:tblBorders>");
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (int k = 0; k < 6; k++) sb_printf(o, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[k]);
    sb_put(o, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for (int c = 0; c < t->width; c++) sb_printf(o, "<w:gridCol w:w=\"%d\"/>", c < 3 && t->width == 10 ? 1100 : 700);
    sb_put(o, "</w:tblGrid>");
    for (int i = 0; i < t->n; i++) {
        int last = -1;
        for (int c = 0; c < t->width; c++)
            if (s.r[i][c] >= 0) last = c;
        sb_put(o, "<w:tr>");
        if (last < t->width - 1 || (st->tbl_header && t->r[i].header)) {
            sb_put(o, "<w:trPr>");
            if (last < t->width - 1) sb_printf(o, "<w:gridAfter w:val=\"%d\"/>", t->width - 1 - last);
            if (st->tbl_header && t->r[i].header) sb_put(o, "<w:tblHeader/>");
            sb_put(o, "</w:trPr>");
        }
        for (int c = 0; c <= last; c++) {
            int ri = s.r[i][c], k = s.k[i][c];
            if (ri < 0) {                                  /* a hole inside the row: an empty cell */
                sb_put(o, "<w:tc><w:p/></w:tc>");
                continue;
            }
            if (c > 0 && s.r[i][c - 1] == ri && s.k[i][c - 1] == k) continue;   /* inside a gridSpan */
            const xcell *x = &t->r[ri].c[k];
            sb_put(o, "<w:tc><w:tcPr>");
            if (x->cs > 1) sb_printf(o, "<w:gridSpan w:val=\"%d\"/>", x->cs);
            if (x->rs > 1 || ri < i) sb_put(o, ri < i ? "<w:vMerge/>" : "<w:vMerge w:val=\"restart\"/>");
            sb_put(o, "<w:vAlign w:val=\"center\"/></w:tcPr>");
            if (ri < i) sb_put(o, "<w:p/>");
            else w_cell_text(o, r, st, x->text);
            sb_put(o, "</w:tc>");
        }
        sb_put(o, "</w:tr>");
    }
    sb_put(o, "</w:tbl><w:p/>");
}

/* The title in a floating text box (DrawingML, with the VML fallback older readers use). */
static void w_title_box(sbuf *o, rng *r, const dstyle *st, const char *title)
{
    sbuf paras = {0};
    char *t = xstrdup(title);
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) w_para(&paras, r, st, "Title", "center", line, 1);
    free(t);
    sb_put(o, "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor distT=\"0\" distB=\"0\" "
              "distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"1\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" "
              "allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"margin\"><wp:align>center</wp:align>"
              "</wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>"
              "<wp:extent cx=\"5400000\" cy=\"900000\"/><wp:wrapTopAndBottom/><wp:docPr id=\"1\" name=\"文本框 1\"/>"
              "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp>"
              "<wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"5400000\" cy=\"900000\"/></a:xfrm>"
              "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>");
    sb_putn(o, paras.s, paras.len);
    sb_put(o, "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
              "</mc:Choice><mc:Fallback><w:pict><v:shape id=\"TextBox1\" type=\"#_x0000_t202\" style=\"width:425pt;height:71pt\">"
              "<v:textbox><w:txbxContent>");
    sb_putn(o, paras.s, paras.len);
    sb_put(o, "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>");
    sb_free(&paras);
}

static void w_title(sbuf *o, rng *r, const dstyle *st, const char *title)
{
    if (st->title_box) {
        w_title_box(o, r, st, title);
        return;
    }
    char *t = xstrdup(title);
    if (strchr(t, '\n') && st->title_br) {                /* one paragraph, line breaks inside */
        sb_put(o, "<w:p>");
        ppr(o, "Title", "center", NULL);
        for (char *line = strtok(t, "\n"), *first = line; line; line = strtok(NULL, "\n")) {
            if (line != first) sb_put(o, "<w:r><w:br/></w:r>");
            runs(o, r, st, line, 1);
        }
        sb_put(o, "</w:p>");
    } else {
        for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) w_para(o, r, st, "Title", "center", line, 1);
    }
    free(t);
}

/* A table of contents as Word inserts it: a content control of hyperlinked TOC paragraphs. */
static void w_toc(sbuf *o, const greport *g)
{
    sb_put(o, "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/>"
              "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>");
    int page = 1;
    for (int k = 0; k < g->nblocks; k++) {
        if (g->blocks[k].kind != BK_HEAD) continue;
        sb_put(o, "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"8296\"/></w:tabs></w:pPr>"
                  "<w:hyperlink w:anchor=\"_Toc1\" w:history=\"1\"><w:r><w:t>");
        esc(o, g->blocks[k].text);
        sb_printf(o, "</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>%d</w:t></w:r></w:hyperlink></w:p>", page++);
    }
    sb_put(o, "</w:sdtContent></w:sdt>");
}

/* A body paragraph, with the per-report oddities that leave its text as it is. */
static void w_body_para(sbuf *o, rng *r, dstyle *st, const char *text, int *footnote_done, int *hidden_done,
                        int *tracked_done)
{
    if (st->footnote && !*footnote_done && strstr(text, "《条例》")) {
        const char *at = strstr(text, "《条例》") + strlen("《条例》");
        char *a = strndup(text, (size_t)(at - text));
        sb_put(o, "<w:p><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>");
        runs(o, r, st, a, 0);
        sb_put(o, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>");
        runs(o, r, st, at, 0);
        sb_put(o, "</w:p>");
        free(a);
        *footnote_done = 1;
        return;
    }
    sb_put(o, "<w:p><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>");
    if (st->hidden && !*hidden_done) {
        sb_put(o, "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部审核稿，12项）</w:t></w:r>");
        *hidden_done = 1;
    }
    if (st->tracked && !*tracked_done && strlen(text) > 12) {
        sb_put(o, "<w:del w:id=\"901\" w:author=\"审核人\" w:date=\"2024-01-10T09:00:00Z\"><w:r><w:delText>（征求意见稿）"
                  "</w:delText></w:r></w:del><w:ins w:id=\"902\" w:author=\"审核人\" w:date=\"2024-01-10T09:00:00Z\">");
        runs(o, r, st, text, 0);
        sb_put(o, "</w:ins></w:p>");
        *tracked_done = 1;
        return;
    }
    runs(o, r, st, text, 0);
    sb_put(o, "</w:p>");
}

static void w_sign(sbuf *o, rng *r, const dstyle *st, const char *text)
{
    const char *nl = strchr(text, '\n');
    char *agency = strndup(text, nl ? (size_t)(nl - text) : strlen(text));
    w_para(o, r, st, NULL, "right", agency, 0);
    free(agency);
    if (!nl) return;
    if (st->field_date) {
        sb_put(o, "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                  "<w:instrText xml:space=\"preserve\"> CREATEDATE \\@ \"yyyy年M月d日\" </w:instrText></w:r><w:r>"
                  "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>");
        esc(o, nl + 1);
        sb_put(o, "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
        return;
    }
    w_para(o, r, st, NULL, "right", nl + 1, 0);
}

struct w_emit { sbuf *o; rng *r; const dstyle *st; };

static void w_emit_table(void *ctx, const xtable *t)
{
    struct w_emit *e = ctx;
    w_table(e->o, e->r, e->st, t);
}

static void docx_body(greport *g, sbuf *o, dstyle *st)
{
    rng *r = &g->r;
    int footnote_done = 0, hidden_done = 0, tracked_done = 0;
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        switch (b->kind) {
        case BK_TITLE:
            w_title(o, r, st, b->text);
            if (st->toc) w_toc(o, g);
            break;
        case BK_HEAD: w_heading(o, r, st, b->text, 0); break;
        case BK_SUB: w_heading(o, r, st, b->text, 1); break;
        case BK_TABLE: {
            struct w_emit e = {o, r, st};
            block_tables(g, r, b->table, st->split_t3, w_emit_table, &e);
            break;
        }
        case BK_SIGN: w_sign(o, r, st, b->text); break;
        case BK_ROWS: {
            struct w_emit e = {o, r, st};
            rows_table(b, w_emit_table, &e);
            break;
        }
        default: w_body_para(o, r, st, b->text, &footnote_done, &hidden_done, &tracked_done); break;
        }
    }
}

static void styles_xml(sbuf *o, const dstyle *st)
{
    sb_put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles " W_NS ">"
              "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/><w:lang w:eastAsia=\"zh-CN\"/>"
              "</w:rPr></w:rPrDefault></w:docDefaults>"
              "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
              "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"a\"/>"
              "<w:pPr><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/></w:rPr></w:style>");
    for (int lv = 1; lv <= 2; lv++) {
        sb_printf(o, "<w:style w:type=\"paragraph\" w:styleId=\"Heading%d\"><w:name w:val=\"heading %d\"/><w:basedOn w:val=\"a\"/>"
                     "<w:next w:val=\"a\"/><w:qFormat/><w:pPr>", lv, lv);
        /* Word writes the level too, beside the lvl's pStyle link (LibreOffice reads only the level) */
        if (st->auto_num && st->num_in_style) {
            if (lv > 1) sb_printf(o, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"1\"/></w:numPr>", lv - 1);
            else sb_put(o, "<w:numPr><w:numId w:val=\"1\"/></w:numPr>");
        }
        sb_printf(o, "<w:outlineLvl w:val=\"%d\"/></w:pPr><w:rPr><w:rFonts w:eastAsia=\"%s\"/></w:rPr></w:style>", lv - 1,
                  lv == 1 ? "黑体" : "楷体_GB2312");
    }
    sb_put(o, "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"a\"/></w:style>"
              "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"a\"/></w:style>"
              "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
              "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style></w:styles>");
}

static void numbering_xml(sbuf *o, const dstyle *st)
{
    static const char *const suff[] = {"tab", "space", "nothing"};
    sb_put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering " W_NS ">"
              "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>");
    for (int lv = 0; lv < 2; lv++) {
        sb_printf(o, "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/><w:numFmt w:val=\"%s\"/>", lv,
                  st->suff == 1 && lv == 0 ? "chineseCountingThousand" : "chineseCounting");
        if (st->num_in_style && st->heading_styles) sb_printf(o, "<w:pStyle w:val=\"Heading%d\"/>", lv + 1);
        if (st->suff != 0) sb_printf(o, "<w:suff w:val=\"%s\"/>", suff[st->suff]);
        sb_printf(o, "<w:lvlText w:val=\"%s\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"0\" w:firstLine=\"640\"/></w:pPr></w:lvl>",
                  lv == 0 ? "%1、" : "（%2）");
    }
    sb_put(o, "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
    for (int k = 0; k < st->nnums; k++)
        sb_printf(o, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
                     "<w:startOverride w:val=\"%d\"/></w:lvlOverride></w:num>", 2 + k, st->starts[k][0]);
    sb_put(o, "</w:numbering>");
}

static void gz_add(zip_t *za, const char *name, const char *data, size_t n, int store)
{
    char *copy = malloc(n ? n : 1);
    if (n) memcpy(copy, data, n);
    zip_source_t *src = zip_source_buffer(za, copy, n, 1);
    zip_int64_t i = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        fprintf(stderr, "nbgen: zip: %s: %s\n", name, zip_strerror(za));
        exit(2);
    }
    zip_set_file_compression(za, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 6);
    zip_file_set_mtime(za, (zip_uint64_t)i, 1704067200, 0);   /* 2024-01-01: the same bytes every run */
}

static void gz_put(zip_t *za, const char *name, sbuf *b)
{
    gz_add(za, name, b->s ? b->s : "", b->len, 0);
    sb_clear(b);
}

static zip_t *gz_create(const char *path)
{
    int err;
    remove(path);
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) {
        fprintf(stderr, "nbgen: cannot create %s\n", path);
        exit(2);
    }
    return za;
}

static void gz_finish(zip_t *za, const char *path)
{
    if (zip_close(za) != 0) {
        fprintf(stderr, "nbgen: cannot write %s: %s\n", path, zip_strerror(za));
        exit(2);
    }
}

static void one_line_title(const greport *g, sbuf *o)
{
    for (const char *p = g->blocks[0].text; *p; p++)
        if (*p != '\n') sb_putc(o, *p);
}

static void core_xml(sbuf *o, const greport *g, rng *r)
{
    static const char *const users[] = {"Administrator", "user", "办公室", "微软用户", "lenovo"};
    sb_put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
              "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
              "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    int which = (int)rng_range(r, 0, 4);
    if (which <= 2) {
        sb_put(o, "<dc:title>");
        sbuf t = {0};
        one_line_title(g, &t);
        esc(o, t.s);
        sb_free(&t);
        sb_put(o, "</dc:title>");
    } else if (which == 3) {
        sb_put(o, "<dc:title>附件1</dc:title>");
    }
    sb_printf(o, "<dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy>", users[rng_range(r, 0, 4)],
              users[rng_range(r, 0, 4)]);
    sb_printf(o, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT09:%02d:00Z</dcterms:created>"
                 "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%04d-%02d-%02dT16:%02d:00Z</dcterms:modified>",
              g->py, g->pm, g->pd, (int)rng_range(r, 0, 59), g->py, g->pm, g->pd, (int)rng_range(r, 0, 59));
    sb_put(o, "</cp:coreProperties>");
}

int render_docx(greport *g, const char *path, sbuf *vars)
{
    rng *r = &g->r;
    dstyle st;
    memset(&st, 0, sizeof st);
    st.auto_num = rng_chance(r, 0.6);
    st.heading_styles = rng_chance(r, 0.7);
    st.num_in_style = st.auto_num && st.heading_styles && rng_chance(r, 0.5);
    st.split_runs = rng_chance(r, 0.5);
    st.header_footer = rng_chance(r, 0.5);
    st.title_box = rng_chance(r, 0.15);
    st.toc = rng_chance(r, 0.15);
    st.tbl_header = rng_chance(r, 0.5);
    st.split_t3 = g->t[T3].present && rng_chance(r, 0.2);
    st.cell_paras = rng_chance(r, 0.2);
    st.footnote = rng_chance(r, 0.15);
    st.hidden = rng_chance(r, 0.1);
    st.tracked = rng_chance(r, 0.1);
    st.field_date = rng_chance(r, 0.15);
    st.wps = rng_chance(r, 0.25);
    st.suff = (int)rng_range(r, 0, 2);
    st.title_br = rng_chance(r, 0.5);
    st.num_id = 1;

    sbuf body = {0}, b = {0};
    docx_body(g, &body, &st);
    zip_t *za = gz_create(path);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
               "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
               "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
               "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
               "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
               "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>");
    if (st.header_footer)
        sb_put(&b, "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
                   "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>");
    if (st.footnote)
        sb_put(&b, "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>");
    sb_put(&b, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
               "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
    if (st.wps) sb_put(&b, "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
    sb_put(&b, "</Types>");
    gz_put(za, "[Content_Types].xml", &b);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
               "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
               "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>");
    if (st.wps) sb_put(&b, "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>");
    sb_put(&b, "</Relationships>");
    gz_put(za, "_rels/.rels", &b);

    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " DOC_NS "><w:body>");
    sb_putn(&b, body.s, body.len);
    sb_put(&b, "<w:sectPr>");
    if (st.header_footer) sb_put(&b, "<w:headerReference w:type=\"default\" r:id=\"rId11\"/><w:footerReference w:type=\"default\" r:id=\"rId12\"/>");
    sb_put(&b, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" "
               "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
    gz_put(za, "word/document.xml", &b);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
               "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>");
    if (st.header_footer)
        sb_put(&b, "<Relationship Id=\"rId11\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
                   "<Relationship Id=\"rId12\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>");
    if (st.footnote)
        sb_put(&b, "<Relationship Id=\"rId13\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>");
    sb_put(&b, "</Relationships>");
    gz_put(za, "word/_rels/document.xml.rels", &b);
    styles_xml(&b, &st);
    gz_put(za, "word/styles.xml", &b);
    numbering_xml(&b, &st);
    gz_put(za, "word/numbering.xml", &b);
    if (st.header_footer) {
        sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr " W_NS "><w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t>");
        esc(&b, g->agency);
        sb_printf(&b, "政务公开 %d</w:t></w:r></w:p></w:hdr>", g->year + 1);
        gz_put(za, "word/header1.xml", &b);
        sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr " W_NS "><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                   "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r><w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r>"
                   "</w:fldSimple><w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>");
        gz_put(za, "word/footer1.xml", &b);
    }
    if (st.footnote) {
        sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes " W_NS "><w:footnote w:id=\"1\"><w:p><w:r>"
                   "<w:t>2019年4月3日国务院令第711号修订，自2019年5月15日起施行。</w:t></w:r></w:p></w:footnote></w:footnotes>");
        gz_put(za, "word/footnotes.xml", &b);
    }
    core_xml(&b, g, r);
    gz_put(za, "docProps/core.xml", &b);
    sb_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                  "<Application>%s</Application><AppVersion>%s</AppVersion></Properties>",
              st.wps ? "WPS Office_11.1.0.14309_F1E327BC-269C-435d-A152-05C5408002CA" : "Microsoft Office Word",
              st.wps ? "11.1" : "16.0000");
    gz_put(za, "docProps/app.xml", &b);
    if (st.wps) {
        sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
                   "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" "
                   "pid=\"2\" name=\"KSOProductBuildVer\"><vt:lpwstr>2052-11.1.0.14309</vt:lpwstr></property></Properties>");
        gz_put(za, "docProps/custom.xml", &b);
    }
    gz_finish(za, path);
    sb_free(&body);
    sb_free(&b);

    if (st.auto_num) tag(vars, "auto_numbering");
    if (st.num_in_style) tag(vars, "numbering_in_style");
    if (st.nnums) tag(vars, "numbering_restart");
    if (st.heading_styles) tag(vars, "heading_styles");
    if (st.split_runs) tag(vars, "split_runs");
    if (st.header_footer) tag(vars, "header_footer");
    if (st.title_box) tag(vars, "title_in_textbox");
    if (st.toc) tag(vars, "toc");
    if (st.tbl_header) tag(vars, "tbl_header");
    if (st.split_t3) tag(vars, "split_table");
    if (st.cell_paras) tag(vars, "cell_paras");
    if (st.footnote) tag(vars, "footnote");
    if (st.hidden) tag(vars, "hidden_text");
    if (st.tracked) tag(vars, "tracked_changes");
    if (st.field_date && g->has_signature) tag(vars, "field_date");
    if (st.wps) tag(vars, "wps_producer");
    return 0;
}

/* ---- odt ---- */

typedef struct ostyle {
    int auto_num, continue_by_id, header_footer, title_box, tbl_header, split_t3, cell_paras, footnote, soft_breaks;
    int field_date, split_runs;
    int lists;                 /* text:list elements written so far */
    int cnt[2], on[2];
} ostyle;

#define ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " \
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" " \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" " \
    "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" " \
    "office:version=\"1.3\""

/* Text, sometimes in spans as an edited paragraph is saved. */
static void o_text(sbuf *o, rng *r, const ostyle *st, const char *text)
{
    size_t n = strlen(text), at = 0;
    while (at < n) {
        size_t k = n - at;
        if (st->split_runs && k > 6 && rng_chance(r, 0.4)) {
            k = (size_t)rng_range(r, 1, (int64_t)(k - 1));
            while (k < n - at && ((unsigned char)text[at + k] & 0xC0) == 0x80) k++;
            sb_put(o, "<text:span text:style-name=\"T1\">");
            escn(o, text + at, k);
            sb_put(o, "</text:span>");
        } else {
            escn(o, text + at, k);
        }
        at += k;
    }
}

static void o_para(sbuf *o, rng *r, const ostyle *st, const char *style, const char *text)
{
    sb_printf(o, "<text:p text:style-name=\"%s\">", style);
    o_text(o, r, st, text);
    sb_put(o, "</text:p>");
}

static void o_heading(sbuf *o, rng *r, ostyle *st, const char *text, int level)
{
    int kind, value;
    const char *rest;
    value = heading_number(text, &kind, &rest);
    if (!st->auto_num || !value || kind != level) {
        sb_printf(o, "<text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">", level + 1, level + 1);
        o_text(o, r, st, text);
        sb_put(o, "</text:h>");
        return;
    }
    int expect = st->on[level] ? st->cnt[level] + 1 : 1;
    st->cnt[level] = value;
    st->on[level] = 1;
    if (level == 0) st->on[1] = 0;
    sb_put(o, "<text:list text:style-name=\"L1\"");
    if (st->lists && st->continue_by_id) sb_put(o, " text:continue-list=\"list1\"");
    else if (st->lists) sb_put(o, " text:continue-numbering=\"true\"");
    if (!st->lists) sb_put(o, " xml:id=\"list1\"");
    sb_put(o, ">");
    st->lists++;
    if (level == 1) sb_put(o, "<text:list-item><text:list>");
    sb_put(o, "<text:list-item");
    if (value != expect) sb_printf(o, " text:start-value=\"%d\"", value);
    sb_printf(o, "><text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">", level + 1, level + 1);
    o_text(o, r, st, rest);
    sb_put(o, "</text:h></text:list-item>");
    if (level == 1) sb_put(o, "</text:list></text:list-item>");
    sb_put(o, "</text:list>");
}

static void o_cell_text(sbuf *o, rng *r, const ostyle *st, const char *text)
{
    const char *paren = st->cell_paras ? strstr(text + (strncmp(text, "（", 3) ? 0 : 3), "（") : NULL;
    if (paren && paren > text && strlen(paren) > 9) {
        char *head = strndup(text, (size_t)(paren - text));
        o_para(o, r, st, "P1", head);
        o_para(o, r, st, "P1", paren);
        free(head);
        return;
    }
    if (!*text) sb_put(o, "<text:p text:style-name=\"P1\"/>");
    else o_para(o, r, st, "P1", text);
}

static void o_table(sbuf *o, rng *r, ostyle *st, const xtable *t, int index)
{
    static slots s;
    lay_out(t, &s);
    sb_printf(o, "<table:table table:name=\"表格%d\" table:style-name=\"Tbl\"><table:table-column table:number-columns-repeated=\"%d\"/>",
              index, t->width);
    int in_header = 0;
    for (int i = 0; i < t->n; i++) {
        if (st->tbl_header && t->r[i].header && !in_header) {
            sb_put(o, "<table:table-header-rows>");
            in_header = 1;
        }
        if (in_header && !t->r[i].header) {
            sb_put(o, "</table:table-header-rows>");
            in_header = 0;
        }
        if (st->soft_breaks && i == t->n / 2 && !in_header) sb_put(o, "<text:soft-page-break/>");
        int last = -1;
        for (int c = 0; c < t->width; c++)
            if (s.r[i][c] >= 0) last = c;
        sb_put(o, "<table:table-row>");
        for (int c = 0; c <= last; c++) {
            int ri = s.r[i][c], k = s.k[i][c];
            if (ri < 0) {
                sb_put(o, "<table:table-cell office:value-type=\"string\"><text:p/></table:table-cell>");
                continue;
            }
            int origin = ri == i && !(c > 0 && s.r[i][c - 1] == ri && s.k[i][c - 1] == k);
            if (!origin) {
                sb_put(o, "<table:covered-table-cell/>");
                continue;
            }
            const xcell *x = &t->r[ri].c[k];
            sb_put(o, "<table:table-cell table:style-name=\"Tbl.A1\"");
            if (x->rs > 1) sb_printf(o, " table:number-rows-spanned=\"%d\"", x->rs);
            if (x->cs > 1) sb_printf(o, " table:number-columns-spanned=\"%d\"", x->cs);
            sb_put(o, " office:value-type=\"string\">");
            o_cell_text(o, r, st, x->text);
            sb_put(o, "</table:table-cell>");
        }
        sb_put(o, "</table:table-row>");
    }
    if (in_header) sb_put(o, "</table:table-header-rows>");
    sb_put(o, "</table:table>");
}

struct o_emit { sbuf *o; rng *r; ostyle *st; int *tables; };

static void o_emit_table(void *ctx, const xtable *t)
{
    struct o_emit *e = ctx;
    o_table(e->o, e->r, e->st, t, ++*e->tables);
}

static void o_body(greport *g, sbuf *o, ostyle *st)
{
    rng *r = &g->r;
    int tables = 0, footnote_done = 0;
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        if (st->soft_breaks && k > 0 && k % 9 == 0) sb_put(o, "<text:soft-page-break/>");
        switch (b->kind) {
        case BK_TITLE: {
            char *tt = xstrdup(b->text);
            if (st->title_box) sb_put(o, "<text:p text:style-name=\"Standard\"><draw:frame draw:name=\"文本框1\" "
                                         "text:anchor-type=\"paragraph\" svg:width=\"15cm\" draw:z-index=\"0\"><draw:text-box>");
            for (char *line = strtok(tt, "\n"); line; line = strtok(NULL, "\n")) o_para(o, r, st, "Title", line);
            if (st->title_box) sb_put(o, "</draw:text-box></draw:frame></text:p>");
            free(tt);
            break;
        }
        case BK_HEAD: o_heading(o, r, st, b->text, 0); break;
        case BK_SUB: o_heading(o, r, st, b->text, 1); break;
        case BK_TABLE: {
            struct o_emit e = {o, r, st, &tables};
            block_tables(g, r, b->table, st->split_t3, o_emit_table, &e);
            break;
        }
        case BK_ROWS: {
            struct o_emit e = {o, r, st, &tables};
            rows_table(b, o_emit_table, &e);
            break;
        }
        case BK_SIGN: {
            const char *nl = strchr(b->text, '\n');
            char *agency = strndup(b->text, nl ? (size_t)(nl - b->text) : strlen(b->text));
            o_para(o, r, st, "P2", agency);
            free(agency);
            if (nl && st->field_date) {
                sb_printf(o, "<text:p text:style-name=\"P2\"><text:date style:data-style-name=\"N1\" text:date-value=\"%04d-%02d-%02d\">",
                          g->sy, g->sm > 0 ? g->sm : 1, g->sd > 0 ? g->sd : 1);
                esc(o, nl + 1);
                sb_put(o, "</text:date></text:p>");
            } else if (nl) {
                o_para(o, r, st, "P2", nl + 1);
            }
            break;
        }
        default:
            if (st->footnote && !footnote_done && strstr(b->text, "《条例》")) {
                const char *at = strstr(b->text, "《条例》") + strlen("《条例》");
                char *a = strndup(b->text, (size_t)(at - b->text));
                sb_put(o, "<text:p text:style-name=\"Text_20_body\">");
                o_text(o, r, st, a);
                sb_put(o, "<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
                          "<text:note-body><text:p text:style-name=\"Footnote\">2019年4月3日国务院令第711号修订，自2019年5月15日起施行。"
                          "</text:p></text:note-body></text:note>");
                o_text(o, r, st, at);
                sb_put(o, "</text:p>");
                free(a);
                footnote_done = 1;
            } else {
                o_para(o, r, st, "Text_20_body", b->text);
            }
            break;
        }
    }
}

int render_odt(greport *g, const char *path, sbuf *vars)
{
    rng *r = &g->r;
    ostyle st;
    memset(&st, 0, sizeof st);
    st.auto_num = rng_chance(r, 0.6);
    st.continue_by_id = rng_chance(r, 0.5);
    st.header_footer = rng_chance(r, 0.5);
    st.title_box = rng_chance(r, 0.15);
    st.tbl_header = rng_chance(r, 0.5);
    st.split_t3 = g->t[T3].present && rng_chance(r, 0.2);
    st.cell_paras = rng_chance(r, 0.2);
    st.footnote = rng_chance(r, 0.15);
    st.soft_breaks = rng_chance(r, 0.5);
    st.field_date = rng_chance(r, 0.15);
    st.split_runs = rng_chance(r, 0.4);
    sbuf body = {0}, b = {0};
    o_body(g, &body, &st);
    zip_t *za = gz_create(path);
    gz_add(za, "mimetype", "application/vnd.oasis.opendocument.text", strlen("application/vnd.oasis.opendocument.text"), 1);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
               "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
               "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
               "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
               "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
    gz_put(za, "META-INF/manifest.xml", &b);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " ODF_NS "><office:automatic-styles>"
               "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\" style:num-suffix=\"、\" "
               "style:num-format=\"一, 二, 三, ...\"/><text:list-level-style-number text:level=\"2\" style:num-prefix=\"（\" "
               "style:num-suffix=\"）\" style:num-format=\"一, 二, 三, ...\"/></text:list-style>"
               "<style:style style:name=\"P1\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"center\"/></style:style>"
               "<style:style style:name=\"P2\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"end\"/></style:style>"
               "<style:style style:name=\"T1\" style:family=\"text\"/>"
               "</office:automatic-styles><office:body><office:text><text:sequence-decls><text:sequence-decl text:display-outline-level=\"0\" "
               "text:name=\"Table\"/></text:sequence-decls>");
    sb_putn(&b, body.s, body.len);
    sb_put(&b, "</office:text></office:body></office:document-content>");
    gz_put(za, "content.xml", &b);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles " ODF_NS "><office:styles>"
               "<style:style style:name=\"Standard\" style:family=\"paragraph\"/>"
               "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"/>"
               "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"/>"
               "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:default-outline-level=\"1\"/>"
               "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:default-outline-level=\"2\"/>"
               "<text:outline-style style:name=\"Outline\"><text:outline-level-style text:level=\"1\" style:num-format=\"\"/>"
               "<text:outline-level-style text:level=\"2\" style:num-format=\"\"/></text:outline-style></office:styles>"
               "<office:automatic-styles><style:page-layout style:name=\"pm1\"/></office:automatic-styles><office:master-styles>"
               "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">");
    if (st.header_footer) {
        sb_put(&b, "<style:header><text:p text:style-name=\"Header\">");
        esc(&b, g->agency);
        sb_printf(&b, "政务公开 %d</text:p></style:header><style:footer><text:p text:style-name=\"Footer\">— "
                      "<text:page-number text:select-page=\"current\">1</text:page-number> —</text:p></style:footer>", g->year + 1);
    }
    sb_put(&b, "</style:master-page></office:master-styles></office:document-styles>");
    gz_put(za, "styles.xml", &b);
    sb_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta " ODF_NS "><office:meta>"
               "<meta:generator>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</meta:generator><dc:title>");
    one_line_title(g, &b);
    sb_printf(&b, "</dc:title><meta:initial-creator>办公室</meta:initial-creator><dc:creator>Administrator</dc:creator>"
                  "<meta:creation-date>%04d-%02d-%02dT09:00:00</meta:creation-date><dc:date>%04d-%02d-%02dT17:30:00</dc:date>"
                  "</office:meta></office:document-meta>", g->py, g->pm, g->pd, g->py, g->pm, g->pd);
    gz_put(za, "meta.xml", &b);
    gz_finish(za, path);
    sb_free(&body);
    sb_free(&b);
    if (st.auto_num) tag(vars, "auto_numbering");
    if (st.header_footer) tag(vars, "header_footer");
    if (st.title_box) tag(vars, "title_in_textbox");
    if (st.tbl_header) tag(vars, "tbl_header");
    if (st.split_t3) tag(vars, "split_table");
    if (st.cell_paras) tag(vars, "cell_paras");
    if (st.footnote) tag(vars, "footnote");
    if (st.soft_breaks) tag(vars, "soft_page_break");
    if (st.field_date && g->has_signature) tag(vars, "field_date");
    if (st.split_runs) tag(vars, "split_runs");
    return 0;
}
