/*
 * scripts/gen/render_html.c — a report as a CMS publishes it: <p> paragraphs and <table>s with
 * rowspan/colspan (like the Shanghai page), &nbsp; in empty cells; sometimes a whole page with
 * navigation, 当前位置 and 附件下载, sometimes only the article fragment; a table nested in a layout
 * table or split into several <table> elements; UTF-8 or GBK bytes as the page declares. A whole
 * page may carry the CMS's <meta name="ArticleTitle|PubDate|ContentSource"> (tag pubdate_meta), and
 * then often no 发布日期 line in the article (pubdate_line when it has one).
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct hstyle { int nbsp, p_in_td, split_row, nested, date_line, info_box; } hstyle;

static void esc(sbuf *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '&') sb_put(o, "&amp;");
        else if (*s == '<') sb_put(o, "&lt;");
        else if (*s == '>') sb_put(o, "&gt;");
        else sb_putc(o, *s);
    }
}

/* <td rowspan colspan>text</td>; an empty text is a blank cell */
static void td(sbuf *o, const hstyle *st, int rowspan, int colspan, const char *text)
{
    sb_put(o, "<td");
    if (rowspan > 1) sb_printf(o, " rowspan=\"%d\"", rowspan);
    if (colspan > 1) sb_printf(o, " colspan=\"%d\"", colspan);
    sb_put(o, " nowrap=\"nowrap\">");
    if (st->p_in_td) sb_put(o, "<p align=\"center\">");
    if (text[0]) esc(o, text);
    else if (st->nbsp) sb_put(o, "&nbsp;");
    if (st->p_in_td) sb_put(o, "</p>");
    sb_put(o, "</td>");
}

static void table_open(sbuf *o, const hstyle *st)
{
    if (st->nested) sb_put(o, "<table width=\"100%\" class=\"layout\"><tr><td>");
    sb_put(o, "<table align=\"center\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\"><tbody>");
}

static void table_close(sbuf *o, const hstyle *st)
{
    sb_put(o, "</tbody></table>");
    if (st->nested) sb_put(o, "</td></tr></table>");
}

static void html_t2(greport *g, sbuf *o, const hstyle *st)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *t = &g->t[T2];
    static const int spans[4][3] = {{0}, {3, 0, 0}, {1, 2, 0}, {1, 1, 1}};
    table_open(o, st);
    for (int k = 0; k < nb; k++) {
        const int *span = spans[bl[k].ncols];
        sb_put(o, "<tr>");
        td(o, st, 1, 4, bl[k].item);
        sb_put(o, "</tr><tr>");
        td(o, st, 1, 1, "信息内容");
        for (int c = 0; c < bl[k].ncols; c++) td(o, st, 1, span[c], bl[k].heads[c]);
        sb_put(o, "</tr>");
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            sb_put(o, "<tr>");
            td(o, st, 1, 1, t->tpl->rows[row].label);
            for (int c = 0; c < t->tpl->rows[row].ncols; c++) td(o, st, 1, span[c], t->c[row][c].raw);
            sb_put(o, "</tr>");
        }
    }
    table_close(o, st);
}

static void t3_header(sbuf *o, const hstyle *st)
{
    sb_put(o, "<tr>");
    td(o, st, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    td(o, st, 1, 7, "申请人情况");
    sb_put(o, "</tr><tr>");
    td(o, st, 2, 1, "自然人");
    td(o, st, 1, 5, "法人或其他组织");
    td(o, st, 2, 1, "总计");
    sb_put(o, "</tr><tr>");
    for (int c = 1; c < 6; c++) td(o, st, 1, 1, t3_col_labels[c]);
    sb_put(o, "</tr>");
}

/* Rows [a, b) of table 3 as one <table>; spans count only the rows inside it. */
static void t3_part(greport *g, sbuf *o, const hstyle *st, int a, int b, int header)
{
    const gtable *t = &g->t[T3];
    table_open(o, st);
    if (header) t3_header(o, st);
    int vertical_done = 0;
    for (int i = a; i < b; i++) {
        if (!t->row_present[i]) continue;
        const trow *row = &t->tpl->rows[i];
        sb_put(o, "<tr>");
        if (!row->outcome) {
            td(o, st, 1, 3, row->label);
        } else {
            if (!vertical_done) {
                int n = 0;
                for (int k = i; k < b; k++) n += t->row_present[k] && t->tpl->rows[k].outcome;
                td(o, st, n, 1, a == 0 || header ? "三、本年度办理结果" : "");
                vertical_done = 1;
            }
            if (row->group) {
                int first = i == a || !t->row_present[i - 1] || t->tpl->rows[i - 1].group != row->group;
                for (int k = i - 1; k >= a && !t->row_present[k] && t->tpl->rows[k].group == row->group; k--)
                    first = k == a || t->tpl->rows[k - 1].group != row->group;
                if (first) {
                    int n = 0;
                    for (int k = i; k < b && t->tpl->rows[k].group == row->group; k++) n += t->row_present[k];
                    td(o, st, n, 1, row->group);
                }
                td(o, st, 1, 1, row->label);
            } else {
                td(o, st, 1, 2, row->label);
            }
        }
        for (int c = 0; c < 7; c++) td(o, st, 1, 1, t->c[i][c].raw);
        sb_put(o, "</tr>");
    }
    table_close(o, st);
}

static void html_t4(greport *g, sbuf *o, const hstyle *st)
{
    const gtable *t = &g->t[T4];
    table_open(o, st);
    sb_put(o, "<tr>");
    td(o, st, 1, 5, "行政复议");
    td(o, st, 1, 10, "行政诉讼");
    sb_put(o, "</tr><tr>");
    for (int c = 0; c < 5; c++) td(o, st, 2, 1, t4_col_labels[c]);
    td(o, st, 1, 5, "未经复议直接起诉");
    td(o, st, 1, 5, "复议后起诉");
    sb_put(o, "</tr><tr>");
    for (int c = 0; c < 10; c++) td(o, st, 1, 1, t4_col_labels[c % 5]);
    sb_put(o, "</tr><tr>");
    for (int c = 0; c < 15; c++) td(o, st, 1, 1, t->c[c / 5][c % 5].raw);
    sb_put(o, "</tr>");
    table_close(o, st);
}

static void para(sbuf *o, const char *style, const char *text)
{
    sb_printf(o, "<p%s%s%s>", style ? " style=\"" : "", style ? style : "", style ? "\"" : "");
    esc(o, text);
    sb_put(o, "</p>");
}

/* Convert the page to GBK; 0 when some character has no GBK form (the page stays UTF-8). */
static int to_gbk(const sbuf *in, sbuf *out)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == (iconv_t)-1) return 0;
    size_t cap = in->len * 2 + 16, left_in = in->len, left_out = cap;
    char *buf = malloc(cap), *src = in->s, *dst = buf;
    int ok = buf && iconv(cd, &src, &left_in, &dst, &left_out) != (size_t)-1;
    iconv_close(cd);
    if (ok) sb_putn(out, buf, cap - left_out);
    free(buf);
    return ok;
}

static void body(greport *g, sbuf *o, const hstyle *st, sbuf *vars)
{
    rng *r = &g->r;
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        switch (b->kind) {
        case BK_TITLE: {
            /* the agency on a line of its own joins the title; a title wrapped mid-word keeps the
             * break as a <br> (a CMS editor pasting from the PDF) */
            char *t = xstrdup(b->text), *nl = strchr(t, '\n');
            if (nl && !has_tag(&g->variations, "wrapped_title")) memmove(nl, nl + 1, strlen(nl));
            if (st->info_box) {
                /* the CMS's information box above the article: its index number, publisher and
                 * 成文日期 (the signature's date) */
                char box[512];
                snprintf(box, sizeof box, "索引号：%d/%04d-%05d　发布机构：%s　成文日期：%04d-%02d-%02d", 11320000 + g->sd * 37,
                         g->sy, g->sm * 31 + g->sd, g->agency, g->sy, g->sm, g->sd);
                sb_put(o, "<div class=\"xxgk_info\">");
                para(o, "text-align: left", box);
                sb_put(o, "</div>");
            }
            sb_put(o, "<p style=\"text-align: center;font-weight: bold;\">");
            for (char *line = t, *next; line; line = next) {
                next = strchr(line, '\n');
                if (next) *next++ = '\0';
                esc(o, line);
                if (next) sb_put(o, "<br>");
            }
            sb_put(o, "</p>");
            free(t);
            if (st->date_line) {
                char date[40];
                snprintf(date, sizeof date, "发布日期：%04d-%02d-%02d", g->py, g->pm, g->pd);
                para(o, "text-align: center", date);
            }
            break;
        }
        case BK_ROWS: {
            /* a table of text: one <tr> per line, one <td> per tab-separated cell */
            table_open(o, st);
            char *copy = xstrdup(b->text);
            for (char *save = NULL, *row = strtok_r(copy, "\n", &save); row; row = strtok_r(NULL, "\n", &save)) {
                sb_put(o, "<tr>");
                for (char *cell = row, *tab; cell; cell = tab) {
                    tab = strchr(cell, '\t');
                    if (tab) *tab++ = '\0';
                    td(o, st, 1, 1, cell);
                }
                sb_put(o, "</tr>");
            }
            free(copy);
            table_close(o, st);
            break;
        }
        case BK_TABLE:
            if (b->table == T2) html_t2(g, o, st);
            else if (b->table == T4) html_t4(g, o, st);
            else if (st->split_row > 0) {
                int repeat = rng_chance(r, 0.5);
                t3_part(g, o, st, 0, st->split_row, 1);
                t3_part(g, o, st, st->split_row, g->t[T3].tpl->nrows, repeat);
                tag(vars, "split_table");
                if (repeat) tag(vars, "header_repeated");
            } else {
                t3_part(g, o, st, 0, g->t[T3].tpl->nrows, 1);
            }
            break;
        case BK_SIGN: {
            const char *nl = strchr(b->text, '\n');
            char *agency = strndup(b->text, nl ? (size_t)(nl - b->text) : strlen(b->text));
            para(o, "text-align: right", agency);
            if (nl) para(o, "text-align: right", nl + 1);
            free(agency);
            break;
        }
        case BK_HEAD:
            if (rng_chance(r, 0.3)) { sb_put(o, "<p><strong>"); esc(o, b->text); sb_put(o, "</strong></p>"); }
            else para(o, NULL, b->text);
            break;
        default:
            para(o, NULL, b->text);
            break;
        }
    }
}

void render_html(greport *g, sbuf *out, sbuf *vars, int *gbk)
{
    rng *r = &g->r;
    hstyle st = {rng_chance(r, 0.7), rng_chance(r, 0.6), 0, rng_chance(r, 0.15), 1, 0};
    if (g->t[T3].present && rng_chance(r, 0.25)) st.split_row = (int)rng_range(r, 4, g->t[T3].tpl->nrows - 3);
    if (st.nested) tag(vars, "nested");
    int fragment = rng_chance(r, 0.35), chrome = !fragment && rng_chance(r, 0.6);
    /* a government CMS names the article, its publication time and its publisher in <meta> tags;
     * such a page often prints no 发布日期 line in the article itself */
    int meta = !fragment && rng_chance(r, 0.6);
    if (meta) st.date_line = rng_chance(r, 0.4);
    if (meta && g->has_signature && rng_chance(r, 0.4)) {
        st.info_box = 1;
        tag(vars, "written_date_box");
    }
    *gbk = !fragment && rng_chance(r, 0.3);
    sbuf page = {0};
    if (!fragment) {
        sb_printf(&page, "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">\n",
                  *gbk ? "gbk" : "utf-8");
        sbuf title = {0};
        for (const char *p = g->blocks[0].text; *p; p++)
            if (*p != '\n') sb_putc(&title, *p);
        if (meta) {
            sb_put(&page, "<meta name=\"ArticleTitle\" content=\"");
            esc(&page, title.s);
            sb_printf(&page, "\">\n<meta name=\"PubDate\" content=\"%04d-%02d-%02d %02d:%02d\">\n<meta name=\"ContentSource\" content=\"",
                      g->py, g->pm, g->pd, (int)rng_range(r, 8, 18), (int)rng_range(r, 0, 59));
            esc(&page, g->agency);
            sb_put(&page, "\">\n");
            tag(vars, "pubdate_meta");
        }
        sb_put(&page, "<title>");
        esc(&page, title.s);
        sb_free(&title);
        sb_put(&page, "</title>\n</head>\n<body>\n");
        if (chrome)
            sb_put(&page, "<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | <a href=\"/hdjl/\">互动交流</a></div>\n"
                          "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 政府信息公开年报</div>\n");
        sb_put(&page, "<div class=\"article\">\n");
    }
    body(g, &page, &st, vars);
    if (!fragment) {
        sb_put(&page, "\n</div>\n");
        if (chrome) {
            sb_put(&page, "<div class=\"attach\">附件下载：<a href=\"/files/report.pdf\">年度报告.pdf</a></div>\n");
            put_site_footer(g, &page, "<div class=\"footer\">", "</div>\n");
        }
        sb_put(&page, "</body>\n</html>\n");
    }
    if (fragment) tag(vars, "fragment");
    if (chrome) tag(vars, "chrome");
    if (st.nbsp) tag(vars, "nbsp");
    if (st.date_line) tag(vars, "pubdate_line");
    if (*gbk && !to_gbk(&page, out)) {
        /* keep the page readable: declare what the bytes are */
        *gbk = 0;
        char *p = strstr(page.s, "charset=gbk");
        if (p) memcpy(p, "charset=utf", 11);
    }
    if (*gbk) tag(vars, "gbk");
    else sb_putn(out, page.s, page.len);
    sb_free(&page);
}
