/*
 * tests/test_html.c — HTML report pages: the real Shanghai fragment, generated pages that exercise
 * the table model (rowspan/colspan, nesting, split tables, <br> in labels), encodings, page chrome,
 * sniffing, and bad input (malformed markup, absurd spans, a 10 MB page, binary noise).
 *
 * Grid lines put each cell's words at x = column*10 … (column+span)*10-1; a blank cell is an empty
 * field whose (point) box sits at the centre of its columns; a slot covered by a rowspan has no field.
 */
#include <glib.h>
#include <iconv.h>
#include <time.h>

#include "testutil.h"

#include "../parser/ingest.h"
#include "../parser/pattern.h"
#include "../parser/report.h"

static nb_doc *ingest_str(const char *name, const char *html)
{
    return nb_ingest_bytes(name, (const unsigned char *)html, strlen(html), NULL);
}

/* Index of the first line whose normalised text contains s, or -1 (full-width brackets and
 * digits are folded to ASCII in the normalised text: search for (一), not （一）). */
static int line_with(const nb_doc *d, const char *s)
{
    for (uint32_t i = 0; i < d->nlines; i++)
        if (strstr(d->lines[i].norm.text, s)) return (int)i;
    return -1;
}

static int must_line(const nb_doc *d, const char *s)
{
    int li = line_with(d, s);
    if (li < 0) fail_msg("no line holds \"%s\"", s);
    return li;
}

/* The first grid row (a field line) whose normalised text contains s. */
static int must_row(const nb_doc *d, const char *s)
{
    for (uint32_t i = 0; i < d->nlines; i++)
        if ((d->lines[i].flags & NB_LINE_FIELDS) && strstr(d->lines[i].norm.text, s)) return (int)i;
    fail_msg("no grid row holds \"%s\"", s);
    return -1;
}

static const nb_word *word(const nb_doc *d, int li, uint32_t k)
{
    const nb_line *l = &d->lines[li];
    if (k >= l->nwords) fail_msg("line %d has %u words, wanted word %u", li + 1, l->nwords, k);
    return &d->words[l->first_word + k];
}

static void expect_word(const nb_doc *d, int li, uint32_t k, const char *text, float x0, float x1)
{
    const nb_word *w = word(d, li, k);
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)w->len, nb_word_text(d, w));
    if (strcmp(buf, text) != 0) fail_msg("line %d word %u: \"%s\", expected \"%s\"", li + 1, k, buf, text);
    assert_true(w->flags & NB_WORD_FIELD);
    if (w->box.x0 != x0 || w->box.x1 != x1)
        fail_msg("line %d word %u \"%s\": x %.1f-%.1f, expected %.1f-%.1f", li + 1, k, text, w->box.x0,
                 w->box.x1, x0, x1);
}

/* A blank cell: an empty field whose point lies at the centre of columns col..col+span-1. */
static void expect_blank(const nb_doc *d, int li, uint32_t k, uint32_t col, uint32_t span)
{
    float c = ((float)col * 10 + (float)(col + span) * 10 - 1) / 2;
    expect_word(d, li, k, "", c, c);
}

/* ---- the real report ---- */

static void shanghai_report(void **state)
{
    (void)state;
    const char *path = nb_test_corpus("real/2019_shanghai_city_gov_office.html");
    NB_NEED_FILE(path);
    nb_doc *d = nb_ingest(path, NULL);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_string_equal(d->meta.encoding, "UTF-8");
    assert_int_equal(d->npages, 1);
    nb_report r;
    nb_report_init(&r, d);
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!r.sec[k].found) fail_msg("section %d (%s) not found", k + 1, nb_section_name(k));
        if (k) assert_true(r.sec[k].head > r.sec[k - 1].head);
    }
    assert_string_equal(r.id.title, "2019年上海市人民政府办公厅政府信息公开工作年度报告");
    assert_string_equal(r.id.agency, "上海市人民政府办公厅");
    assert_int_equal(r.id.year, 2019);
    assert_true(r.id.published.found);
    assert_int_equal(r.id.published.y, 2020);
    assert_int_equal(r.id.published.m, 1);
    assert_int_equal(r.id.published.d, 31);
    assert_int_equal(must_line(d, "2019年上海市人民政府办公厅"), 0);    /* the title is the first line */

    /* table 3: the label spans three columns, then seven cells; 科研机构 and 社会公益组织 blank */
    int li = must_row(d, "一、本年新收政府信息公开申请数量");
    assert_true(d->lines[li].flags & NB_LINE_FIELDS);
    assert_int_equal(d->lines[li].nwords, 8);
    expect_word(d, li, 0, "一、本年新收政府信息公开申请数量", 0, 29);
    expect_word(d, li, 1, "821", 30, 39);
    expect_word(d, li, 2, "35", 40, 49);
    expect_blank(d, li, 3, 5, 1);
    expect_blank(d, li, 4, 6, 1);
    expect_word(d, li, 5, "2", 70, 79);
    expect_word(d, li, 6, "1", 80, 89);
    expect_word(d, li, 7, "859", 90, 99);
    for (uint32_t k = 1; k < 8; k++) assert_true(word(d, li, k)->box.x0 > word(d, li, k - 1)->box.x0);

    /* the header: 法人或其他组织 spans five columns, 总计 sits in the last one */
    int hd = must_row(d, "法人或其他组织");
    expect_word(d, hd, 0, "自然人", 30, 39);
    expect_word(d, hd, 1, "法人或其他组织", 40, 89);
    expect_word(d, hd, 2, "总计", 90, 99);

    /* an outcome row: 三、本年度办理结果 (rowspan 20) starts it, 总计 is blank but present */
    int oc = must_row(d, "予以公开");
    assert_int_equal(d->lines[oc].nwords, 9);
    expect_word(d, oc, 0, "三、本年度办理结果", 0, 9);
    expect_word(d, oc, 1, "（一）予以公开", 10, 29);
    expect_word(d, oc, 2, "258", 30, 39);
    expect_blank(d, oc, 8, 9, 1);
    /* the rows below it have no field for the covered column 0 */
    int pt = must_row(d, "部分公开(区分处理的");
    assert_int_equal(d->lines[pt].nwords, 8);
    expect_word(d, pt, 0, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 10, 29);
    int sec = must_row(d, "1.属于国家秘密");
    expect_word(d, sec, 0, "（三）不予公开", 10, 19);
    expect_word(d, sec, 1, "1.属于国家秘密", 20, 29);

    /* table 2: a header spanning two columns is one word over both; <br> joined the label */
    int t2 = must_row(d, "本年新制作数量");
    expect_word(d, t2, 0, "信息内容", 0, 9);
    expect_word(d, t2, 1, "本年新制作数量", 10, 19);
    expect_word(d, t2, 2, "本年新公开数量", 20, 39);
    expect_word(d, t2, 3, "对外公开总数量", 40, 49);

    /* table 4: one row of 15 cells, blanks included */
    int t4 = must_row(d, "未经复议直接起诉") + 2;
    assert_int_equal(d->lines[t4].nwords, 15);
    expect_word(d, t4, 0, "5", 0, 9);
    expect_blank(d, t4, 1, 1, 1);
    expect_word(d, t4, 9, "9", 90, 99);
    expect_blank(d, t4, 14, 14, 1);
    nb_doc_free(d);
}

/* ---- generated tables ---- */

static void spans_in_odd_places(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("spans.html",
                           "<table border=1>"
                           "<tr><th colspan=3>项目</th><th colspan=2>数量</th></tr>"
                           "<tr><th colspan=3></th><th>甲</th><th>乙</th></tr>"
                           "<tr><td colspan=3>一、本年新收</td><td rowspan=2>7</td><td>1</td></tr>"
                           "<tr><td colspan=3>二、上年结转</td><td>2</td></tr>"
                           "<tr><td rowspan=2>三、结果</td><td colspan=2>（一）公开</td><td>3</td><td>&nbsp;</td></tr>"
                           "<tr><td>（二）</td><td>部分</td><td></td><td>4</td></tr>"
                           "<tr><td colspan=3>短行</td><td>5</td></tr>"
                           "<tr><td></td><td>&nbsp;</td><td> </td><td></td><td></td></tr>"
                           "</table>");
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_int_equal(d->nlines, 8);
    int li = must_line(d, "项目");
    expect_word(d, li, 0, "项目", 0, 29);
    expect_word(d, li, 1, "数量", 30, 49);
    li = must_line(d, "甲");                          /* a blank header cell spanning three columns */
    expect_blank(d, li, 0, 0, 3);
    expect_word(d, li, 1, "甲", 30, 39);
    li = must_line(d, "一、本年新收");
    expect_word(d, li, 1, "7", 30, 39);
    expect_word(d, li, 2, "1", 40, 49);
    li = must_line(d, "二、上年结转");               /* column 3 is covered by the 7 above */
    assert_int_equal(d->lines[li].nwords, 2);
    expect_word(d, li, 1, "2", 40, 49);
    li = must_line(d, "三、结果");
    expect_word(d, li, 0, "三、结果", 0, 9);
    expect_word(d, li, 1, "（一）公开", 10, 29);
    expect_word(d, li, 2, "3", 30, 39);
    expect_blank(d, li, 3, 4, 1);                     /* &nbsp; is a blank cell */
    li = must_line(d, "部分");                        /* column 0 covered by 三、结果 */
    assert_int_equal(d->lines[li].nwords, 4);
    expect_word(d, li, 0, "（二）", 10, 19);
    expect_word(d, li, 1, "部分", 20, 29);
    expect_blank(d, li, 2, 3, 1);                     /* an empty <td></td> is a blank cell */
    expect_word(d, li, 3, "4", 40, 49);
    li = must_line(d, "短行");                        /* a missing cell at the row's end is blank */
    assert_int_equal(d->lines[li].nwords, 3);
    expect_blank(d, li, 2, 4, 1);
    assert_int_equal(d->lines[li + 1].nwords, 5);   /* a row of blanks is still a row */
    expect_blank(d, li + 1, 0, 0, 1);
    expect_blank(d, li + 1, 4, 4, 1);
    assert_true(d->pages[0].width >= 50);
    nb_doc_free(d);
}

static void nested_tables(void **state)
{
    (void)state;
    /* a layout table wrapping the whole report, the data table inside it */
    nb_doc *d = ingest_str("layout.html",
                           "<html><body><table width=\"100%\"><tr><td>"
                           "<h1>2019年某某县统计局政府信息公开工作年度报告</h1><p>一、总体情况</p>"
                           "<table border=1><tr><td>规章</td><td>5</td></tr></table><p>正文。</p>"
                           "</td></tr></table></body></html>");
    int title = must_line(d, "年度报告");
    assert_false(d->lines[title].flags & NB_LINE_FIELDS);
    assert_int_equal(d->lines[title].nwords, 1);
    int li = must_line(d, "规章");
    expect_word(d, li, 0, "规章", 0, 9);
    expect_word(d, li, 1, "5", 10, 19);
    assert_true(li > must_line(d, "一、总体情况"));
    assert_true(li < must_line(d, "正文"));
    nb_report r;
    nb_report_init(&r, d);
    assert_string_equal(r.id.agency, "某某县统计局");
    nb_doc_free(d);

    /* a data table with a table inside a cell: the inner rows follow the outer row that holds them */
    d = ingest_str("nested.html", "<table><tr><td>外层甲</td><td>外层乙<table><tr><td>内一</td><td>内二</td></tr>"
                                  "<tr><td colspan=2>内三</td></tr></table></td></tr>"
                                  "<tr><td>外层丙</td><td>外层丁</td></tr></table>");
    assert_int_equal(d->nlines, 4);
    expect_word(d, 0, 0, "外层甲", 0, 9);
    expect_word(d, 0, 1, "外层乙", 10, 19);
    expect_word(d, 1, 0, "内一", 0, 9);
    expect_word(d, 1, 1, "内二", 10, 19);
    expect_word(d, 2, 0, "内三", 0, 19);
    expect_word(d, 3, 0, "外层丙", 0, 9);
    nb_doc_free(d);
}

static void split_table(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("split.html", "<p>三、收到和处理政府信息公开申请情况</p>"
                                         "<table><tr><td>一、本年新收</td><td>3</td><td>4</td></tr></table>"
                                         "<table><tr><td>二、上年结转</td><td>5</td><td>6</td></tr></table>");
    int a = must_line(d, "一、本年新收"), b = must_line(d, "二、上年结转");
    assert_int_equal(b, a + 1);
    for (uint32_t k = 0; k < 3; k++) {
        assert_true(word(d, a, k)->box.x0 == word(d, b, k)->box.x0);
        assert_true(word(d, a, k)->box.x1 == word(d, b, k)->box.x1);
    }
    nb_doc_free(d);
}

static void br_in_labels(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("br.html", "<table><tr><td>本年新<br>制作数量</td><td>Total<br/>count</td>"
                                      "<td>合计<br>2019</td><td><p>一、本年新收</p><p>申请数量</p></td>"
                                      "<td>a | b</td></tr></table>");
    assert_int_equal(d->nlines, 1);
    expect_word(d, 0, 0, "本年新制作数量", 0, 9);
    expect_word(d, 0, 1, "Total count", 10, 19);
    expect_word(d, 0, 2, "合计 2019", 20, 29);
    expect_word(d, 0, 3, "一、本年新收申请数量", 30, 39);
    expect_word(d, 0, 4, "a ｜ b", 40, 49);          /* a '|' must not split the field */
    nb_doc_free(d);
}

static void pre_keeps_lines(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("pre.html", "<pre>一、总体情况\n规章\t5\t6\n</pre><p>完 | 毕</p>");
    assert_int_equal(d->nlines, 3);
    assert_string_equal(d->lines[1].raw, "规章\t5\t6");
    assert_true(d->lines[1].flags & NB_LINE_FIELDS);
    assert_int_equal(d->lines[1].nwords, 3);
    assert_string_equal(d->lines[2].raw, "完 | 毕");         /* outside a table '|' is text */
    assert_false(d->lines[2].flags & NB_LINE_FIELDS);
    nb_doc_free(d);
}

/* ---- encodings ---- */

static const char *const page_body =
    "<body><p>2019年某某市交通运输局政府信息公开工作年度报告</p><p>一、总体情况</p>"
    "<p>本年度共收到申请&nbsp;12&nbsp;件。</p>"
    "<table><tr><td>一、本年新收政府信息公开申请数量</td><td>12</td><td>&nbsp;</td></tr></table>"
    "</body></html>";

static char *convert_to(const char *to, const char *utf8, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 4 + 16, left = cap, in_left = n;
    char *out = malloc(cap), *op = out, *ip = (char *)utf8;
    assert_true(iconv(cd, &ip, &in_left, &op, &left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

static void same_lines(const nb_doc *a, const nb_doc *b)
{
    assert_int_equal(a->nlines, b->nlines);
    assert_int_equal(a->nwords, b->nwords);
    for (uint32_t i = 0; i < a->nlines; i++) {
        assert_string_equal(a->lines[i].raw, b->lines[i].raw);
        assert_int_equal(a->lines[i].flags, b->lines[i].flags);
    }
    for (uint32_t i = 0; i < a->nwords; i++) {
        assert_true(a->words[i].box.x0 == b->words[i].box.x0);
        assert_true(a->words[i].box.x1 == b->words[i].box.x1);
    }
}

static nb_doc *page_with_head(const char *head, const char *to, const char *name)
{
    char page[4096];
    snprintf(page, sizeof page, "<!DOCTYPE html><html><head>%s<title>年报</title></head>%s", head, page_body);
    size_t n;
    char *bytes = to ? convert_to(to, page, strlen(page), &n) : strdup(page);
    if (!to) n = strlen(page);
    nb_doc *d = nb_ingest_bytes(name, (const unsigned char *)bytes, n, NULL);
    free(bytes);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_HTML);
    return d;
}

static void gbk_declared(void **state)
{
    (void)state;
    nb_doc *u = page_with_head("<meta charset=\"utf-8\">", NULL, "u.html");
    assert_string_equal(u->meta.encoding, "UTF-8");
    assert_int_equal(u->nlines, 4);
    assert_string_equal(u->lines[2].raw, "本年度共收到申请 12 件。");
    assert_string_equal(u->meta.title, "年报");
    const char *heads[] = {"<meta charset=\"gbk\">", "<meta charset=GB2312>",
                           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"};
    for (size_t i = 0; i < 3; i++) {
        nb_doc *g = page_with_head(heads[i], "GBK", "g.html");
        assert_string_equal(g->meta.encoding, "GB18030");
        same_lines(u, g);
        nb_doc_free(g);
        /* a crawler that re-saved the page as UTF-8 but kept its old declaration */
        g = page_with_head(heads[i], NULL, "resaved.html");
        assert_string_equal(g->meta.encoding, "UTF-8");
        same_lines(u, g);
        nb_doc_free(g);
    }
    nb_doc_free(u);
}

static void no_charset_declared(void **state)
{
    (void)state;
    nb_doc *u = page_with_head("", NULL, "u.html");
    nb_doc *g = page_with_head("", "GB18030", "g.html");
    assert_string_equal(u->meta.encoding, "UTF-8");
    assert_string_equal(g->meta.encoding, "GB18030");
    same_lines(u, g);
    nb_doc_free(u);
    nb_doc_free(g);
}

static void byte_order_marks(void **state)
{
    (void)state;
    nb_doc *u = page_with_head("", NULL, "u.html");
    char page[4096];
    /* a UTF-8 BOM outranks a (wrong) declaration */
    snprintf(page, sizeof page, "\xEF\xBB\xBF<html><head><meta charset=gbk><title>年报</title></head>%s", page_body);
    nb_doc *b = ingest_str("bom.html", page);
    assert_int_equal(b->kind, NB_KIND_HTML);
    assert_string_equal(b->meta.encoding, "UTF-8");
    same_lines(u, b);
    nb_doc_free(b);
    /* UTF-16LE with its BOM */
    snprintf(page, sizeof page, "<html><head><title>年报</title></head>%s", page_body);
    size_t n;
    char *w = convert_to("UTF-16LE", page, strlen(page), &n);
    char *bom = malloc(n + 2);
    bom[0] = (char)0xFF;
    bom[1] = (char)0xFE;
    memcpy(bom + 2, w, n);
    b = nb_ingest_bytes("u16.html", (const unsigned char *)bom, n + 2, NULL);
    assert_int_equal(b->kind, NB_KIND_HTML);
    assert_string_equal(b->meta.encoding, "UTF-16LE");
    same_lines(u, b);
    nb_doc_free(b);
    free(w);
    free(bom);
    nb_doc_free(u);
}

/* ---- page chrome, fragments, sniffing ---- */

static void chrome_not_title(void **state)
{
    (void)state;
    nb_doc *d = ingest_str(
        "page.html",
        "<!DOCTYPE html><html><head><title>2019年某某区财政局政府信息公开工作年度报告_某某区人民政府</title>"
        "<script>var t='2018年某某区财政局政府信息公开工作年度报告';</script><style>p{}</style></head><body>"
        "<header><div>某某区人民政府门户网站</div></header>"
        "<div class=\"main-nav\"><a>首页</a><a>2018年某某区财政局政府信息公开工作年度报告</a></div>"
        "<nav><a>政务公开</a></nav>"
        "<div class=\"position\">当前位置：首页 &gt; 政务公开 &gt; 2019年某某区财政局政府信息公开工作年度报告</div>"
        "<div>首页 » 年报 » 2019年某某区财政局政府信息公开工作年度报告</div>"
        "<div style=\"display: none\">2017年某某区财政局政府信息公开工作年度报告</div>"
        "<div class=\"content\"><h2>2019年某某区财政局政府信息公开工作年度报告</h2>"
        "<p>发布日期：2020-01-20</p><p>一、总体情况</p><p>正文。</p></div>"
        "<div>【打印本页】 【关闭窗口】</div><div>字体：[ 大 中 小 ]</div>"
        "<p>上一篇：2018年某某区财政局政府信息公开工作年度报告</p>"
        "<aside>相关：2018年某某区财政局政府信息公开工作年度报告</aside>"
        "<footer>版权所有 某某区人民政府</footer><!-- 2016年 --></body></html>");
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_string_equal(d->meta.title, "2019年某某区财政局政府信息公开工作年度报告_某某区人民政府");
    assert_int_equal(line_with(d, "2018年"), -1);
    assert_int_equal(line_with(d, "2017年"), -1);
    assert_int_equal(line_with(d, "当前位置"), -1);
    assert_int_equal(line_with(d, "首页"), -1);
    assert_int_equal(line_with(d, "打印"), -1);
    assert_int_equal(line_with(d, "字体"), -1);
    assert_int_equal(line_with(d, "版权"), -1);
    nb_report r;
    nb_report_init(&r, d);
    assert_string_equal(r.id.title_source, "text");
    assert_string_equal(r.id.agency, "某某区财政局");
    assert_int_equal(r.id.year, 2019);
    assert_int_equal(r.id.published.d, 20);
    assert_true(r.sec[0].found);
    nb_doc_free(d);

    /* a <header> that opens an article holds its title; <meta name=ArticleTitle> stands in for
     * a missing <title> */
    d = ingest_str("article.html", "<html><head><meta name=\"ArticleTitle\" content=\"某某局2020年年报\"></head>"
                                   "<body><header>站点横幅</header><article><header><h1>某某局2020年政府信息公开"
                                   "工作年度报告</h1></header><p>一、总体情况</p></article></body></html>");
    assert_string_equal(d->meta.title, "某某局2020年年报");
    assert_int_equal(line_with(d, "站点横幅"), -1);
    assert_int_equal(must_line(d, "某某局2020年政府信息公开工作年度报告"), 0);
    nb_doc_free(d);
}

static void fragment_reads_like_page(void **state)
{
    (void)state;
    const char *frag = "<p style='text-align: center'>2019年某某镇人民政府政府信息公开工作年度报告</p>\t"
                       "<p>一、总体情况</p><table><tr><td colspan=2>一、本年新收</td><td>3</td></tr></table>";
    char page[2048];
    snprintf(page, sizeof page, "<!DOCTYPE html>\n<html><head><meta charset=utf-8></head><body>%s</body></html>", frag);
    nb_doc *a = ingest_str("frag.txt", frag), *b = ingest_str("page.htm", page);
    assert_int_equal(a->kind, NB_KIND_HTML);
    same_lines(a, b);
    expect_word(a, 2, 0, "一、本年新收", 0, 19);
    nb_doc_free(a);
    nb_doc_free(b);
}

static void sniffing(void **state)
{
    (void)state;
    /* a plain-text report with a stray '<' stays text */
    nb_doc *d = ingest_str("report.html", "2019年某局政府信息公开工作年度报告\n一、总体情况\n印发<平潭综合实验区全面推进>的通知\n");
    assert_int_equal(d->kind, NB_KIND_TEXT);
    nb_doc_free(d);
    d = ingest_str("report.txt", "<一>总体情况\n本年度 <b> 不是标签。\n");
    assert_int_equal(d->kind, NB_KIND_TEXT);
    nb_doc_free(d);
    /* markup after a line of text: dense tags make it HTML, whatever the name */
    d = ingest_str("report.txt", "年报\n<div><p>一、总体情况</p><p>正文</p><br><p>二、主动公开</p></div>");
    assert_int_equal(d->kind, NB_KIND_HTML);
    nb_doc_free(d);
    d = ingest_str("x.dat", "  \n<!-- saved -->\n<div>一、总体情况</div>");
    assert_int_equal(d->kind, NB_KIND_HTML);
    nb_doc_free(d);
}

static void crawler_header_before_markup(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("crawl.html",
                           "标题: 某某县2021年政府信息公开工作年度报告\n发布时间: 2022-01-28 09:00\n"
                           "==================== 正文 ====================\n"
                           "<div><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p></div>");
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_string_equal(d->lines[0].raw, "标题: 某某县2021年政府信息公开工作年度报告");
    nb_report r;
    nb_report_init(&r, d);
    assert_string_equal(r.id.title_source, "header");
    assert_int_equal(r.id.year, 2021);
    assert_int_equal(r.id.published.m, 1);
    assert_true(r.sec[1].found);
    nb_doc_free(d);
}

/* ---- bad input ---- */

static void malformed_markup(void **state)
{
    (void)state;
    /* unclosed tags, a table directly inside a table, cells outside any table */
    nb_doc *d = ingest_str("bad.html", "<div><p>一、总体情况<p>二、主动公开<b>粗<i>斜"
                                       "<table><table><tr><td>规章<td>5</table><tr><td>x</td></tr>"
                                       "<td>孤立单元格</td><tr><td>孤立行</td></tr><p>完");
    assert_int_equal(d->status, NB_STATUS_OK);
    must_line(d, "一、总体情况");
    must_line(d, "孤立单元格");
    must_line(d, "完");
    int li = must_line(d, "规章");
    expect_word(d, li, 1, "5", 10, 19);
    nb_doc_free(d);
}

static void absurd_spans(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("spans.html", "<table><tr><td rowspan=\"100000\" colspan=\"99999\">大</td><td>v</td></tr>"
                                         "<tr><td>w</td></tr><tr><td colspan=\"-3\">负</td><td rowspan=\"x\">y</td></tr>"
                                         "<tr><td colspan=\"99999999999999999999\">z</td></tr></table>");
    assert_int_equal(d->status, NB_STATUS_OK);
    expect_word(d, 0, 0, "大", 0, 639);                /* colspan capped at 64 columns */
    expect_word(d, 0, 1, "v", 640, 649);
    expect_word(d, 1, 0, "w", 640, 649);                /* columns 0-63 covered below */
    expect_word(d, 2, 0, "负", 640, 649);
    nb_doc_free(d);
    /* a thousand columns: those beyond the grid's width are dropped, not a crash */
    GString *s = g_string_new("<table><tr>");
    for (int i = 0; i < 1000; i++) g_string_append(s, "<td colspan=64>c</td>");
    g_string_append(s, "</tr></table>");
    d = ingest_str("wide.html", s->str);
    assert_int_equal(d->nlines, 1);
    assert_int_equal(d->lines[0].nwords, 4);
    assert_true(d->pages[0].width <= 2560);
    nb_doc_free(d);
    g_string_free(s, TRUE);
}

static void deep_nesting(void **state)
{
    (void)state;
    GString *s = g_string_new("<p>开头</p>");
    for (int i = 0; i < 100000; i++) g_string_append(s, "<div><span>");
    g_string_append(s, "深处");
    nb_doc *d = ingest_str("deep.html", s->str);
    assert_int_equal(d->status, NB_STATUS_OK);
    must_line(d, "开头");
    nb_doc_free(d);
    g_string_assign(s, "<p>开头</p>");
    for (int i = 0; i < 5000; i++) g_string_append(s, "<table><tr><td>格");
    d = ingest_str("deeptables.html", s->str);
    assert_int_equal(d->status, NB_STATUS_OK);
    nb_doc_free(d);
    g_string_free(s, TRUE);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void ten_megabytes(void **state)
{
    (void)state;
    GString *s = g_string_new("<html><head><meta charset=\"utf-8\"><title>大</title></head><body>");
    int i = 0;
    while (s->len < 10u * 1024 * 1024) {
        g_string_append_printf(s, "<p>第%d段：本年度共收到政府信息公开申请%d件，<b>已全部办结</b>。</p>\n", i, i);
        if (i % 50 == 0) {
            g_string_append(s, "<table border=1>");
            for (int r = 0; r < 40; r++)
                g_string_append(s, "<tr><td colspan=2>（三）不予公开</td><td>14</td><td>&nbsp;</td><td>3</td></tr>");
            g_string_append(s, "</table>");
        }
        i++;
    }
    g_string_append(s, "<p>最后一段</p></body></html>");
    double t0 = seconds();
    nb_doc *d = ingest_str("big.html", s->str);
    double t = seconds() - t0;
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_int_equal((int)line_with(d, "最后一段"), (int)d->nlines - 1);
    print_message("# 10 MB page: %u lines, %u words in %.2f s (sanitizer build)\n", d->nlines, d->nwords, t);
    nb_doc_free(d);
    g_string_free(s, TRUE);
}

static void no_text(void **state)
{
    (void)state;
    nb_doc *d = ingest_str("script.html", "<html><head><script>document.write('2019年报告');</script></head>"
                                          "<body><script>var x = 1 < 2;</script><style>p{}</style></body></html>");
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_HTML);
    assert_int_equal(d->nlines, 0);
    nb_report r;
    nb_report_init(&r, d);
    assert_false(r.sec[0].found);
    nb_doc_free(d);
}

static void binary_named_html(void **state)
{
    (void)state;
    unsigned char noise[8192];
    unsigned x = 4242;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    memcpy(noise, "<html>", 6);                        /* even with a tag in front */
    nb_doc *d = nb_ingest_bytes("noise.html", noise, sizeof noise, NULL);
    assert_int_equal(d->status, NB_STATUS_ERROR);
    assert_int_equal(d->err, NB_ERR_UNKNOWN_FORMAT);
    nb_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shanghai_report),
        cmocka_unit_test(spans_in_odd_places),
        cmocka_unit_test(nested_tables),
        cmocka_unit_test(split_table),
        cmocka_unit_test(br_in_labels),
        cmocka_unit_test(pre_keeps_lines),
        cmocka_unit_test(gbk_declared),
        cmocka_unit_test(no_charset_declared),
        cmocka_unit_test(byte_order_marks),
        cmocka_unit_test(chrome_not_title),
        cmocka_unit_test(fragment_reads_like_page),
        cmocka_unit_test(sniffing),
        cmocka_unit_test(crawler_header_before_markup),
        cmocka_unit_test(malformed_markup),
        cmocka_unit_test(absurd_spans),
        cmocka_unit_test(deep_nesting),
        cmocka_unit_test(ten_megabytes),
        cmocka_unit_test(no_text),
        cmocka_unit_test(binary_named_html),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
