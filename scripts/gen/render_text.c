/*
 * scripts/gen/render_text.c — two plain-text kinds of a report:
 *   tsv   tab-separated table rows, like text pulled out of a PDF by a table-aware tool (the seed
 *         report): empty fields for blank cells, the merged label spelled 本 年 度 办 理 结 果,
 *         long labels continued on a line of their own;
 *   flat  a crawled web page flattened to one line after the crawler's header, where cell
 *         boundaries are lost and the digits of adjacent cells run together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* ---- shared: the text of the blocks that are not tables ---- */

static const char *sign_date_line(const gblock *b)
{
    const char *nl = strchr(b->text, '\n');
    return nl ? nl + 1 : "";
}

static void put_sign_agency(sbuf *out, const gblock *b)
{
    const char *nl = strchr(b->text, '\n');
    sb_putn(out, b->text, nl ? (size_t)(nl - b->text) : strlen(b->text));
}

/* "（一）予以公开" → "(一) 予以公开", "1.属于" → "1. 属于" as the seed's extraction prints them */
static void put_ascii_label(sbuf *out, const char *label)
{
    if (!strncmp(label, "（", 3)) {
        const char *close = strstr(label, "）");
        if (close) {
            sb_put(out, "(");
            sb_putn(out, label + 3, (size_t)(close - label - 3));
            sb_put(out, ") ");
            sb_put(out, close + 3);
            return;
        }
    }
    if (label[0] >= '1' && label[0] <= '9' && label[1] == '.') {
        sb_putn(out, label, 2);
        sb_putc(out, ' ');
        sb_put(out, label + 2);
        return;
    }
    sb_put(out, label);
}

/* ---- tsv ---- */

typedef struct tsvstyle { int ascii; int wrap; int page_break_row; } tsvstyle;

static void tsv_label(sbuf *out, const tsvstyle *st, const char *label)
{
    if (st->ascii) put_ascii_label(out, label);
    else sb_put(out, label);
}

static void tsv_cells(sbuf *out, const gtable *t, int row)
{
    for (int c = 0; c < t->tpl->rows[row].ncols; c++) {
        sb_putc(out, '\t');
        sb_put(out, t->c[row][c].raw);
    }
    sb_putc(out, '\n');
}

static void tsv_t2(greport *g, sbuf *out)
{
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    const gtable *t = &g->t[T2];
    for (int k = 0; k < nb; k++) {
        sb_printf(out, "%s\t\t\t\n信息内容", bl[k].item);
        for (int c = 0; c < 3; c++) sb_printf(out, "\t%s", c < bl[k].ncols ? bl[k].heads[c] : "");
        sb_putc(out, '\n');
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            sb_put(out, t->tpl->rows[row].label);
            for (int c = 0; c < 3; c++) sb_printf(out, "\t%s", c < t->tpl->rows[row].ncols ? t->c[row][c].raw : "");
            sb_putc(out, '\n');
        }
    }
}

static void tsv_t3_header(sbuf *out)
{
    sb_put(out, "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\n");
    sb_put(out, "\t\t自然人\t法人或其他组织\t\t\t\t\t\n");
    sb_put(out, "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n");
}

static void tsv_t3(greport *g, sbuf *out, const tsvstyle *st)
{
    const gtable *t = &g->t[T3];
    tsv_t3_header(out);
    int first_outcome = -1, spelled = 0;
    const char *last_group = NULL;
    for (int i = 0; i < t->tpl->nrows; i++) {
        const trow *row = &t->tpl->rows[i];
        if (i == st->page_break_row) sb_putc(out, '\n');
        if (!t->row_present[i]) continue;
        if (!row->outcome) {
            /* 一、 / 二、 split from their words like the seed; 四、 kept whole */
            if (!strcmp(row->code, "forward")) {
                sb_printf(out, "%s\t", row->label);
            } else {
                sb_putn(out, row->label, utf8_prefix(row->label, 2));
                sb_putc(out, '\t');
                sb_put(out, row->label + utf8_prefix(row->label, 2));
            }
            tsv_cells(out, t, i);
            continue;
        }
        if (first_outcome < 0) {
            first_outcome = i;
            sb_put(out, "三、");
        } else if (!spelled && i >= first_outcome + 3) {
            sb_put(out, "本 年 度 办 理 结 果");
            spelled = 1;
        }
        sb_putc(out, '\t');
        if (row->group) {
            if (row->group != last_group) tsv_label(out, st, row->group);
            sb_putc(out, '\t');
        }
        last_group = row->group;
        const char *label = row->label;
        int n = utf8_len(label);
        if (st->wrap && n > 18) {
            /* the label's tail on a line of its own after the values */
            size_t head = utf8_prefix(label, 18);
            char *first = strndup(label, head);
            tsv_label(out, st, first);
            free(first);
            tsv_cells(out, t, i);
            sb_printf(out, "\t%s%s\t\t\t\t\t\t\t\n", row->group ? "\t" : "", label + head);
        } else {
            tsv_label(out, st, label);
            tsv_cells(out, t, i);
        }
    }
}

static void tsv_t4(greport *g, sbuf *out)
{
    const gtable *t = &g->t[T4];
    sb_put(out, "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n");
    sb_put(out, "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n");
    sb_put(out, "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果维 持\t结果 纠正\t其他 结果\t尚未 审结\t总计\n");
    for (int i = 0; i < 3; i++)
        for (int c = 0; c < 5; c++) {
            sb_put(out, t->c[i][c].raw);
            sb_putc(out, i == 2 && c == 4 ? '\n' : '\t');
        }
}

void render_tsv(greport *g, sbuf *out, sbuf *vars)
{
    rng *r = &g->r;
    tsvstyle st = {rng_chance(r, 0.6), rng_chance(r, 0.4), -1};
    if (g->t[T3].present && rng_chance(r, 0.5)) {
        st.page_break_row = (int)rng_range(r, 3, g->t[T3].tpl->nrows - 2);
        tag(vars, "t3_page_break");
    }
    if (st.wrap) tag(vars, "wrap2");
    sb_put(out, "\n\n");
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        switch (b->kind) {
        case BK_TITLE:
            /* as the text of a PDF has it: a wrapped title keeps its line breaks */
            sb_put(out, b->text);
            sb_put(out, "\n\n");
            if (rng_chance(r, 0.3)) {
                sb_printf(out, "发布日期：%04d-%02d-%02d\n\n", g->py, g->pm, g->pd);
                tag(vars, "pubdate_line");
            }
            break;
        case BK_ROWS:
            sb_put(out, b->text);
            sb_put(out, "\n\n");
            break;
        case BK_TABLE:
            if (b->table == T2) tsv_t2(g, out);
            else if (b->table == T3) tsv_t3(g, out, &st);
            else tsv_t4(g, out);
            sb_putc(out, '\n');
            break;
        case BK_SIGN:
            put_sign_agency(out, b);
            sb_put(out, "\n\n");
            sb_put(out, sign_date_line(b));
            sb_putc(out, '\n');
            break;
        case BK_SUB:
            if (st.ascii) put_ascii_label(out, b->text);
            else sb_put(out, b->text);
            sb_put(out, "\n\n");
            break;
        default:
            sb_put(out, b->text);
            sb_put(out, "\n\n");
            break;
        }
    }
}

/* ---- flat ---- */

enum { JOIN_GLUED, JOIN_SPACED, JOIN_MIXED };

typedef struct flatrow {
    const char *raw[16];
    const char *sep[16];     /* separator printed before cell i (i > 0) */
    int n;
} flatrow;

static const char *next_sep(rng *r, int join)
{
    if (join == JOIN_SPACED) return " ";
    if (join == JOIN_MIXED) return rng_chance(r, 0.25) ? " " : "";
    return "";
}

/* Copy s without full-width digits (they are digits all the same when counting splits). */
static void ascii_digits(const char *s, char *out, size_t n)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < n;) {
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) { out[o++] = (char)('0' + p[2] - 0x90); p += 3; }
        else out[o++] = (char)*p++;
    }
    out[o] = '\0';
}

static int is_numeric(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == '-')) return 0;
    return 1;
}

/* Does the text part s[a,b) read as one printed number? */
static int valid_part(const char *s, int a, int b)
{
    if (b <= a) return 0;
    int dots = 0;
    if (s[a] == '-') a++;
    if (b <= a || s[a] == '.' || s[b - 1] == '.') return 0;
    for (int i = a; i < b; i++) dots += s[i] == '.';
    if (dots > 1) return 0;
    return !(s[a] == '0' && b - a > 1 && s[a + 1] != '.');
}

typedef struct splitctx {
    const flatrow *row;
    char run[16][64];        /* the glued text each cell starts, or "" when it continues a run */
    int fixed[16];           /* a dash or a unit: one token, read one way, that ends a run */
    int64_t val[16];
    int sum_check, count;
} splitctx;

/* Count the ways a row's glued runs split into its cells (stopping at 2), with the row sum
 * (last = Σ the others) when the table declares one. */
static void count_splits(splitctx *x, int cell, const char *s, int pos)
{
    if (x->count >= 2) return;
    const flatrow *row = x->row;
    if (cell == row->n) {
        if (s[pos]) return;
        if (x->sum_check) {
            int64_t sum = 0;
            for (int i = 0; i < row->n - 1; i++) sum += x->val[i];
            if (sum != x->val[row->n - 1]) return;
        }
        x->count++;
        return;
    }
    if (x->fixed[cell]) {
        if (cell > 0 && s[pos]) return;        /* the previous run has text left over */
        x->val[cell] = 0;
        count_splits(x, cell + 1, "", 0);
        return;
    }
    if (x->run[cell][0]) {
        if (cell > 0 && s[pos]) return;        /* the previous run has text left over */
        s = x->run[cell];
        pos = 0;
    }
    int last_of_run = cell + 1 == row->n || x->run[cell + 1][0] || x->fixed[cell + 1];
    int len = (int)strlen(s);
    for (int end = pos + 1; end <= len; end++) {
        if (last_of_run && end != len) continue;
        if (!valid_part(s, pos, end)) continue;
        /* the part alone: strtoll would read on into the rest of the run */
        char part[64];
        snprintf(part, sizeof part, "%.*s", end - pos, s + pos);
        x->val[cell] = strtoll(part, NULL, 10);
        count_splits(x, cell + 1, s, end);
    }
}

/* Is there more than one way to read the row? Runs of glued cells are joined into the cell that
 * starts them; a cell that continues a run keeps an empty run. A dash or a unit is an anchor the
 * reader sees, read one way, but the digits glued after it may still split several ways
 * (—1544: 15 and 44, or 1 and 544). */
static int row_ambiguous(const flatrow *row, int sum_check)
{
    splitctx x = {.row = row, .sum_check = sum_check};
    char buf[64];
    int start = 0;
    for (int i = 0; i < row->n; i++) {
        ascii_digits(row->raw[i], buf, sizeof buf);
        if (!is_numeric(buf)) {
            x.fixed[i] = 1;
            continue;
        }
        if (i == 0 || row->sep[i][0] || x.fixed[i - 1]) {
            start = i;
            snprintf(x.run[i], sizeof x.run[i], "%s", buf);
        } else {
            str_append(x.run[start], sizeof x.run[start], buf);
        }
    }
    count_splits(&x, 0, x.run[0], 0);
    return x.count > 1;
}

typedef struct flatctx {
    greport *g;
    sbuf *out;
    int join;
    int glued, ambiguous;
} flatctx;

static void flat_row(flatctx *f, const char *label, const gtable *t, int row, int sum_check)
{
    rng *r = &f->g->r;
    flatrow fr = {.n = t->tpl->rows[row].ncols};
    sb_put(f->out, label);
    if (f->join != JOIN_GLUED && rng_chance(r, 0.15)) sb_putc(f->out, ' ');
    for (int c = 0; c < fr.n; c++) {
        fr.raw[c] = t->c[row][c].raw;
        fr.sep[c] = c ? next_sep(r, f->join) : "";
        if (c && !fr.sep[c][0] && fr.raw[c][0] && fr.raw[c - 1][0]) f->glued = 1;
        sb_put(f->out, fr.sep[c]);
        sb_put(f->out, fr.raw[c]);
    }
    if (row_ambiguous(&fr, sum_check)) f->ambiguous = 1;
}

static void flat_t2(flatctx *f)
{
    greport *g = f->g;
    int nb;
    const t2block *bl = t2_blocks(g, &nb);
    for (int k = 0; k < nb; k++) {
        sb_printf(f->out, "%s信息内容", bl[k].item);
        for (int c = 0; c < bl[k].ncols; c++) sb_put(f->out, bl[k].heads[c]);
        for (int i = 0; i < bl[k].nrows; i++) {
            int row = bl[k].rows[i];
            flat_row(f, g->t[T2].tpl->rows[row].label, &g->t[T2], row, 0);
        }
    }
}

static void flat_t3(flatctx *f)
{
    const gtable *t = &f->g->t[T3];
    sb_put(f->out, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
                   "商业企业科研机构社会公益组织法律服务机构其他");
    const char *last_group = NULL;
    int said = 0;
    for (int i = 0; i < t->tpl->nrows; i++) {
        const trow *row = &t->tpl->rows[i];
        if (!t->row_present[i]) continue;
        if (row->outcome && !said) { sb_put(f->out, "三、本年度办理结果"); said = 1; }
        if (row->group && row->group != last_group) sb_put(f->out, row->group);
        last_group = row->group;
        flat_row(f, row->label, t, i, 1);
    }
}

static void flat_t4(flatctx *f)
{
    const gtable *t = &f->g->t[T4];
    sb_put(f->out, "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
                   "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计");
    /* one run of 15 numbers: as three rows for the split count, printed without labels */
    for (int i = 0; i < 3; i++) flat_row(f, "", t, i, 1);
}

void render_flat(greport *g, sbuf *out, sbuf *vars, sbuf *defs)
{
    rng *r = &g->r;
    flatctx f = {g, out, 0, 0, 0};
    double x = rng_unit(r);
    f.join = x < 0.6 ? JOIN_GLUED : x < 0.8 ? JOIN_MIXED : JOIN_SPACED;
    char title[256] = "";
    for (int k = 0; k < g->nblocks; k++)
        if (g->blocks[k].kind == BK_TITLE) {
            size_t o = 0;
            for (const char *p = g->blocks[k].text; *p && o + 1 < sizeof title; p++)
                if (*p != '\n') title[o++] = *p;
            title[o] = '\0';
        }
    sb_printf(out, "标题: %s\n发布时间: %04d-%02d-%02d %02d:%02d\n文号: \n发布机构: %s\n栏目: 政府信息公开年报\n",
              title, g->py, g->pm, g->pd, (int)rng_range(r, 8, 18), (int)rng_range(r, 0, 59),
              rng_chance(r, 0.5) ? g->agency : "");
    sb_printf(out, "原文链接: https://www.example.gov.cn/zwgk/zfxxgk/ndbg/%04d%02d/t%04d%02d%02d_%d.htm\n", g->py, g->pm,
              g->py, g->pm, g->pd, 80000 + g->index);
    sb_printf(out, "本地目录: zwgk/zfxxgk/ndbg/%04d%02d/%d_%s\n页面链接与图片详见 links.tsv(同目录)\n", g->py, g->pm,
              80000 + g->index, title);
    sb_put(out, "==================== 正文 ====================\n");
    int chrome = rng_chance(r, 0.3);
    if (chrome) { sb_put(out, "当前位置： 首页 > 政务公开 > 政府信息公开年报 "); tag(vars, "chrome"); }
    for (int k = 0; k < g->nblocks; k++) {
        const gblock *b = &g->blocks[k];
        switch (b->kind) {
        case BK_TITLE:
            if (rng_chance(r, 0.5)) { sb_put(out, title); sb_putc(out, ' '); }
            break;
        case BK_TABLE:
            if (b->table == T2) flat_t2(&f);
            else if (b->table == T3) flat_t3(&f);
            else flat_t4(&f);
            break;
        case BK_SIGN:
            sb_put(out, rng_chance(r, 0.5) ? " " : "");
            put_sign_agency(out, b);
            sb_put(out, sign_date_line(b));
            break;
        case BK_ROWS:
            for (const char *p = b->text; *p; p++) sb_putc(out, *p == '\n' || *p == '\t' ? ' ' : *p);
            break;
        default:
            sb_put(out, b->text);
            if (b->kind == BK_HEAD && rng_chance(r, 0.4)) sb_putc(out, ' ');
            break;
        }
    }
    if (chrome) sb_put(out, " 附件下载");
    sb_putc(out, '\n');
    if (f.glued) tag(defs, "glued");
    else tag(vars, "spaced");
    if (f.ambiguous) tag(vars, "glued_ambiguous");
}
