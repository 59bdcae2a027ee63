/*
 * tests/test_table.c — the table reader on small reports written here, one difficulty each:
 * blank cells in a laid-out table (placed by column, never shifted), labels wrapped over lines
 * with the numbers on the first, middle or last line, a page break with a page number and a
 * repeated header inside table 3, a typo in a label, numbering variants, the collapsed （六）
 * row, flattened text with glued digits (split by the sums, or left uncertain), and the glue
 * splitter itself.
 */
#include <cairo-pdf.h>
#include <cairo.h>

#include "testutil.h"

#include "../parser/glue.h"
#include "../parser/ingest.h"
#include "../parser/pattern.h"
#include "../parser/report.h"
#include "../parser/table.h"

typedef struct parsed {
    nb_doc *d;
    nb_report r;
} parsed;

static parsed *parse(const char *text)
{
    parsed *p = calloc(1, sizeof *p);
    p->d = nb_ingest_bytes("t.txt", (const unsigned char *)text, strlen(text), NULL);
    nb_report_init(&p->r, p->d);
    nb_read_tables(&p->r);
    return p;
}

static void done(parsed *p)
{
    nb_doc_free(p->d);
    free(p);
}

/* The cells of one row as text: numbers, [raw] for blanks, ? for uncertain, . for absent. */
static const char *row_text(parsed *p, const char *table, const char *row)
{
    static char buf[512];
    const nb_table *t = nb_tables_get(p->r.tables, table);
    buf[0] = '\0';
    if (!t) return "(no table)";
    int r = nb_row_index(t->def, row);
    if (r < 0) return "(no row)";
    size_t o = 0;
    for (int c = 0; c < t->def->ncols; c++) {
        if (!nb_row_has_col(t->def, r, c)) continue;
        const nb_cell *cell = nb_table_cell(t, r, c);
        const char *s = cell->kind == NB_CELL_ABSENT ? "." : !cell->certain ? "?" : cell->kind == NB_CELL_BLANK ? "[]" : cell->value;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? " " : "", s);
    }
    return buf;
}

#define T3_HEAD "三、收到和处理政府信息公开申请情况\n" \
    "                                      自然人  商业企业 科研机构 社会公益组织 法律服务机构 其他  总计\n"

/* pdftotext -layout: a blank cell is just spaces; the numbers keep their columns. */
static void blanks_stay_in_their_columns(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n"
        T3_HEAD
        "一、本年新收政府信息公开申请数量          5       1        0         0          0       0     6\n"
        "二、上年结转政府信息公开申请数量          1                                                   1\n"
        "（一）予以公开                            3       1                                           4\n"
        "四、结转下年度继续办理                    3                                                   3\n"
        "四、政府信息公开行政复议、行政诉讼情况\n");
    assert_string_equal(row_text(p, "t3", "new"), "5 1 0 0 0 0 6");
    assert_string_equal(row_text(p, "t3", "carried"), "1 [] [] [] [] [] 1");
    assert_string_equal(row_text(p, "t3", "granted"), "3 1 [] [] [] [] 4");
    assert_string_equal(row_text(p, "t3", "forward"), "3 [] [] [] [] [] 3");
    done(p);
}

/* Two numbers nearest one column's centre are not both put in it (nor the later one alone): with
 * seven numbers for seven cells the row is read in order; with six, which column the second one
 * belongs to is unclear, and the row says so. */
static void two_numbers_never_share_a_column(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n"
        T3_HEAD
        "一、本年新收政府信息公开申请数量          5       1        0         0          0       0     6\n"
        "二、上年结转政府信息公开申请数量        1 1                0         0          0       0     2\n"
        "（一）予以公开                          1 1                          0          0       0     2\n"
        "四、结转下年度继续办理                    3                                                   3\n"
        "四、政府信息公开行政复议、行政诉讼情况\n");
    assert_string_equal(row_text(p, "t3", "carried"), "1 1 0 0 0 0 2");
    assert_string_equal(row_text(p, "t3", "granted"), "? ? ? ? ? ? ?");
    done(p);
}

/* A label over two or three lines, its numbers on the first, a middle or the last line. */
static void wrapped_labels(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n"
        T3_HEAD
        "一、本年新收政府信息公开申请数量          5       0        0         0          0       0     5\n"
        "（二）部分公开（区分处理的，只计这一\n"
        "情形，不计其他情形）                      2       0        0         0          0       0     2\n"
        "5.要求行政机关确认或重新出具              1       0        0         0          0       0     1\n"
        "已获取信息\n"
        "1.申请人无正当理由逾期不补正、行\n"
        "政机关不再处理其政府信息公开申请          0       0        0         0          0       0     0\n"
        "（七）总计                                3       0        0         0          0       0     3\n");
    assert_string_equal(row_text(p, "t3", "partial"), "2 0 0 0 0 0 2");
    assert_string_equal(row_text(p, "t3", "rejected.confirm"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "other.no_correction"), "0 0 0 0 0 0 0");
    assert_string_equal(row_text(p, "t3", "total"), "3 0 0 0 0 0 3");
    done(p);
}

/* Table 3 broken over a page: page number, repeated header, a label split by the break. */
static void page_break_inside_table(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n"
        T3_HEAD
        "一、本年新收政府信息公开申请数量          5       0        0         0          0       0     5\n"
        "8.属于行政查询事项                        1       0        0         0          0       0     1\n"
        "                                 -3-\n"
        "\f"
        "                                      自然人  商业企业 科研机构 社会公益组织 法律服务机构 其他  总计\n"
        "（四）无\n"
        "法提供  1.本机关不掌握相关政府信息        4       0        0         0          0       0     4\n"
        "（七）总计                                5       0        0         0          0       0     5\n");
    assert_string_equal(row_text(p, "t3", "denied.query"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "unable.not_held"), "4 0 0 0 0 0 4");
    assert_string_equal(row_text(p, "t3", "total"), "5 0 0 0 0 0 5");
    done(p);
}

/* Typos and numbering variants: 其他法律行政止公开, １．, 3、其他, （六）其他处理 collapsed. */
static void label_variants(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n"
        T3_HEAD
        "一、本年新收政府信息公开申请数量          2       0        0         0          0       0     2\n"
        "１．属于国家秘密                          1       0        0         0          0       0     1\n"
        "2.其他法律行政止公开                      0       0        0         0          0       0     0\n"
        "（六）其他处理                            1       0        0         0          0       0     1\n"
        "（七）总计                                2       0        0         0          0       0     2\n");
    assert_string_equal(row_text(p, "t3", "denied.secret"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "denied.law"), "0 0 0 0 0 0 0");
    assert_string_equal(row_text(p, "t3", "other"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "other.other"), ". . . . . . .");   /* absent: the collapsed row replaces it */
    done(p);
}

/* The title, table 3's heading and columns, and a first row of 5 applications (columns wider apart
 * than T3_HEAD's). */
#define T3_HEAD_NEW5 "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" \
    "                                              自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n" \
    "一、本年新收政府信息公开申请数量                 5      0       0        0           0       0     5\n"

/* A group label glued to the row label beside it on one line ((六)其 + 2.申请人…缴纳), its rest
 * (他处理) on the next line beside the row label's continuation: the cell above (1.申请人…) must
 * not skip the glued line and take that continuation with its values (found in a LibreOffice
 * PDF: no_fee came out blank and certain, its numbers counted as a second copy of no_correction). */
static void glued_group_label(void **state)
{
    (void)state;
    parsed *p = parse(
        T3_HEAD_NEW5
        "          1.申请人无正当理由逾期不补正、行        0      0       0        0           2       0     2\n"
        "          政机关不再处理其政府信息公开申请\n"
        "（六）其2.申请人逾期未按收费通知要求缴纳\n"
        "他处理    费用、行政机关不再处理其政府信        1      0       0        0           0       0     1\n"
        "          息公开申请\n"
        "          3.其他                                 2      0       0        0           0       0     2\n"
        "（七）总计                                       5      0       0        0           2       0     7\n"
        "四、政府信息公开行政复议、行政诉讼情况\n");
    assert_string_equal(row_text(p, "t3", "other.no_correction"), "0 0 0 0 2 0 2");
    assert_string_equal(row_text(p, "t3", "other.no_fee"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "other.other"), "2 0 0 0 0 0 2");
    done(p);
}

/* Item numbering written with a space instead of a dot (3 其他, 1 属于国家秘密): the number is the
 * label's, not a value (it made eight numbers of a seven-cell row, or lost 3 其他 altogether); a
 * number before a label that is itself numbered (四、结转…) stays a value. */
static void numbering_with_a_space(void **state)
{
    (void)state;
    parsed *p = parse(
        T3_HEAD_NEW5
        "（三）不予公开  1 属于国家秘密                   1      0       0        0           0       0     1\n"
        "                2 其他法律行政法规禁止公开       0      0       0        0           0       0     0\n"
        "（六）其他处理  1 申请人无正当理由逾期不补正     0      0       0        0           2       0     2\n"
        "                3 其他                           2      0       0        0           0       0     2\n"
        "（七）总计                                       5      0       0        0           2       0     7\n"
        "四、结转下年度继续办理                           0      0       0        0           0       0     5 四、政府信息公开行政复议、行政诉讼情况\n");
    assert_string_equal(row_text(p, "t3", "denied.secret"), "1 0 0 0 0 0 1");
    assert_string_equal(row_text(p, "t3", "denied.law"), "0 0 0 0 0 0 0");
    assert_string_equal(row_text(p, "t3", "other.no_correction"), "0 0 0 0 2 0 2");
    assert_string_equal(row_text(p, "t3", "other.other"), "2 0 0 0 0 0 2");
    assert_string_equal(row_text(p, "t3", "forward"), "0 0 0 0 0 0 5");
    done(p);
}

#define T4_T3_ROWS "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" \
    "一、本年新收政府信息公开申请数量  0 0 0 0 0 0 0\n二、上年结转政府信息公开申请数量  0 0 0 0 0 0 0\n" \
    "（七）总计  0 0 0 0 0 0 0\n四、结转下年度继续办理  0 0 0 0 0 0 0\n四、政府信息公开行政复议、行政诉讼情况\n" \
    "        行政复议                            行政诉讼\n" \
    "                               未经复议直接起诉             复议后起诉\n"

/* Table 4 under T4_T3_ROWS with these lines of headings (and values), one row as row_text. */
static const char *t4_row(const char *lines, const char *row)
{
    static char buf[512];
    char text[4096];
    snprintf(text, sizeof text, "%s%s五、存在的主要问题及改进情况\n", T4_T3_ROWS, lines);
    parsed *p = parse(text);
    snprintf(buf, sizeof buf, "%s", row_text(p, "t4", row));
    done(p);
    return buf;
}

#define T4_HEAD1 "结果  结果  其他  尚未  总计  结果  结果  其他  尚未  总计  结果  结果  其他  尚未  总计\n"
#define T4_HEAD2 "维持  纠正  结果  审结        维持  纠正  结果  审结        维持  纠正  结果  审结\n"

/* Table 4 printed with every cell empty, under the part's sentence that counts its cases in prose
 * and names 行政复议 and 行政诉讼 (…案件均为 0 / 件。): the sentence's numbers are not cells standing
 * among the headings, so every cell is printed empty (all fifteen were left uncertain). */
static void t4_empty_under_a_counting_sentence(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量  0 0 0 0 0 0 0\n（七）总计  0 0 0 0 0 0 0\n"
        "四、结转下年度继续办理  0 0 0 0 0 0 0\n"
        "    四、政府信息公开行政复议、行政诉讼情况\n"
        "    2023 年，我局政府信息公开行政复议、行政诉讼案件均为 0 \n"
        "件。\n"
        "       行政复议                                     行政诉讼\n"
        "                                 未经复议直接起诉                 复议后起诉\n"
        T4_HEAD1 T4_HEAD2 "\n\n"
        "五、政府信息公开工作存在的主要问题及改进情况\n");
    assert_string_equal(row_text(p, "t4", "review"), "[] [] [] [] []");
    assert_string_equal(row_text(p, "t4", "suit_direct"), "[] [] [] [] []");
    assert_string_equal(row_text(p, "t4", "suit_after_review"), "[] [] [] [] []");
    done(p);
}

/* Table 4's values merged into a line of its headings (glyph boxes of a tight layout): on the last
 * heading line they are its cells wherever they stand among the words; on an earlier one, a line of
 * all fifteen is read in order, and anything less is uncertain — never "every cell printed empty"
 * (which the reader said while the page printed 0s). */
static void t4_values_among_headings(void **state)
{
    (void)state;
    const char *last = T4_HEAD1 "维持 1 纠正 0 结果 0 审结 0 1 维持 2 纠正 0 结果 0 审结 0 2 维持 0 纠正 0 结果 0 审结 0 0\n";
    assert_string_equal(t4_row(last, "review"), "1 0 0 0 1");
    assert_string_equal(t4_row(last, "suit_direct"), "2 0 0 0 2");
    assert_string_equal(t4_row(last, "suit_after_review"), "0 0 0 0 0");
    const char *first = "结果 1 结果 0 其他 0 尚未 0 总计 1 结果 2 结果 0 其他 0 尚未 0 总计 2 结果 0 结果 0 其他 0 尚未 0 总计 0\n" T4_HEAD2;
    assert_string_equal(t4_row(first, "review"), "1 0 0 0 1");
    assert_string_equal(t4_row(first, "suit_after_review"), "0 0 0 0 0");
    const char *part = "结果 1 结果 0 其他 0 尚未 0 总计 1 结果 2 结果 0 其他 0 尚未 0 总计 2\n" T4_HEAD2;
    assert_string_equal(t4_row(part, "review"), "? ? ? ? ?");
    assert_string_equal(t4_row(part, "suit_after_review"), "? ? ? ? ?");
    /* the headings with nothing under them: every cell printed empty, certain */
    assert_string_equal(t4_row(T4_HEAD1 T4_HEAD2, "review"), "[] [] [] [] []");
}

/* ---------- PDFs drawn here with cairo, for what only page geometry shows ---------- */

typedef struct drawn { float x, y; const char *text; } drawn;
typedef struct membuf { unsigned char *p; size_t n, cap; } membuf;

static cairo_status_t to_membuf(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (m->n + len > m->cap) {
        m->cap = (m->n + len) * 2;
        m->p = realloc(m->p, m->cap);
    }
    memcpy(m->p + m->n, data, len);
    m->n += len;
    return CAIRO_STATUS_SUCCESS;
}

/* A4 pages with each text drawn at its (x, baseline y) in Noto Sans CJK at pt, read back; a y of
 * 842 or more is on the next page (y - 842). */
static parsed *parse_drawn(const drawn *items, int n, double pt)
{
    membuf m = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_membuf, &m, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, pt);
    int page = 0;
    for (int i = 0; i < n; i++) {
        while (items[i].y >= 842.0f * (float)(page + 1)) {
            cairo_show_page(cr);
            page++;
        }
        cairo_move_to(cr, items[i].x, items[i].y - 842.0f * (float)page);
        cairo_show_text(cr, items[i].text);
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    parsed *p = calloc(1, sizeof *p);
    p->d = nb_ingest_bytes("t.pdf", m.p, m.n, NULL);
    free(m.p);
    nb_report_init(&p->r, p->d);
    nb_read_tables(&p->r);
    return p;
}

/* Seven numbers at table 3's value columns, on baseline y. */
#define T3_VALUES(y, a, b, c, d, e, f, g) \
    {340, y, a}, {365, y, b}, {390, y, c}, {415, y, d}, {440, y, e}, {465, y, f}, {492, y, g}

/* Table 3's header row split by a page break, as LibreOffice breaks a row at the foot of a page:
 * 自然 above the page number "- 1 -", 人 on the next page one line under the first heading line
 * there (商业). The page number is not a line of the table, so 自然/人 stays one heading cell and
 * the rows holding only 自然人 and 总计 are placed (every such row was left uncertain). */
static void header_cell_split_by_page_break(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 760, "三、收到和处理政府信息公开申请情况"},
        {380, 780, "申请人情况"},
        {335, 795, "自然"}, {390, 795, "法人或其他组织"}, {487, 795, "总计"},
        {288, 822, "- 1 -"},
        {360, 842 + 80, "商业"}, {385, 842 + 80, "科研"}, {410, 842 + 80, "社会"}, {435, 842 + 80, "法律"},
        {340, 842 + 92, "人"}, {360, 842 + 92, "企业"}, {385, 842 + 92, "机构"}, {410, 842 + 92, "公益"},
        {435, 842 + 92, "服务"}, {460, 842 + 92, "其他"},
        {410, 842 + 104, "组织"}, {435, 842 + 104, "机构"},
        {90, 842 + 125, "一、本年新收政府信息公开申请数量"}, {340, 842 + 125, "16"}, {492, 842 + 125, "16"},
        {90, 842 + 145, "二、上年结转政府信息公开申请数量"},
        {90, 842 + 165, "（一）予以公开"}, {340, 842 + 165, "6"}, {492, 842 + 165, "6"},
        {90, 842 + 185, "四、结转下年度继续办理"}, {340, 842 + 185, "1"}, {492, 842 + 185, "1"},
        {90, 842 + 215, "四、政府信息公开行政复议、行政诉讼情况"},
        {288, 842 + 822, "- 2 -"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "new"), "16 [] [] [] [] [] 16");
    assert_string_equal(row_text(p, "t3", "carried"), "[] [] [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "granted"), "6 [] [] [] [] [] 6");
    assert_string_equal(row_text(p, "t3", "forward"), "1 [] [] [] [] [] 1");
    done(p);
    /* 人 centred lower in its cell, under two lines of the other names at the next page's top (as
     * nbgen's t3_header_split draws it): the cell stays open through them */
    static const drawn page2[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 760, "三、收到和处理政府信息公开申请情况"},
        {380, 780, "申请人情况"},
        {335, 795, "自然"}, {390, 795, "法人或其他组织"}, {487, 795, "总计"},
        {288, 822, "- 1 -"},
        {410, 842 + 76, "社会"}, {435, 842 + 76, "法律"},
        {360, 842 + 82, "商业"}, {385, 842 + 82, "科研"},
        {340, 842 + 88, "人"}, {410, 842 + 88, "公益"}, {435, 842 + 88, "服务"}, {460, 842 + 88, "其他"},
        {360, 842 + 94, "企业"}, {385, 842 + 94, "机构"},
        {410, 842 + 100, "组织"}, {435, 842 + 100, "机构"},
        {90, 842 + 125, "一、本年新收政府信息公开申请数量"}, {340, 842 + 125, "8"}, {492, 842 + 125, "8"},
        {90, 842 + 145, "二、上年结转政府信息公开申请数量"},
        {90, 842 + 165, "（一）予以公开"}, {340, 842 + 165, "1"}, {492, 842 + 165, "1"},
        {90, 842 + 215, "四、政府信息公开行政复议、行政诉讼情况"},
        {288, 842 + 822, "- 2 -"},
    };
    p = parse_drawn(page2, (int)(sizeof page2 / sizeof page2[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "new"), "8 [] [] [] [] [] 8");
    assert_string_equal(row_text(p, "t3", "granted"), "1 [] [] [] [] [] 1");
    done(p);
}

/* Table 3's headings in columns narrower than their words, each cell drawn on its own 3 pt from
 * the next (自然人|商业企|科研机|社会公|法律服 in 10.5 pt, 34.6 pt apart, as LibreOffice sets a tight
 * table), their ends on the next line (业, 构, 益组织, 务机构): the cells are words of their own, so
 * the columns are found and the rows with blanks placed (the line was one word, no heading matched,
 * and every such row was left uncertain). */
static void header_cells_drawn_close(void **state)
{
    (void)state;
#define HX(k) (276.5f + 34.6f * (k))
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {HX(2) + 14, 125, "法人或其他组织"},
        {HX(0), 140, "自然人"}, {HX(1), 140, "商业企"}, {HX(2), 140, "科研机"}, {HX(3), 140, "社会公"},
        {HX(4), 140, "法律服"}, {HX(6) + 5, 140, "总计"},
        {HX(5) + 5, 150, "其他"},
        {HX(1) + 10.5f, 158, "业"}, {HX(2) + 10.5f, 158, "构"}, {HX(3), 158, "益组织"}, {HX(4), 158, "务机构"},
        {90, 180, "一、本年新收政府信息公开申请数量"}, {HX(0) + 7, 180, "239"}, {HX(2) + 13, 180, "4"},
        {HX(3) + 13, 180, "2"}, {HX(5) + 13, 180, "8"}, {HX(6) + 7, 180, "253"},
        {90, 200, "二、上年结转政府信息公开申请数量"},
        {90, 220, "（一）予以公开"}, {HX(0) + 7, 220, "117"}, {HX(2) + 13, 220, "1"}, {HX(3) + 13, 220, "1"},
        {HX(5) + 13, 220, "6"}, {HX(6) + 7, 220, "125"},
        {90, 250, "四、政府信息公开行政复议、行政诉讼情况"},
    };
#undef HX
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 10.5);
    assert_string_equal(row_text(p, "t3", "new"), "239 [] 4 2 [] 8 253");
    assert_string_equal(row_text(p, "t3", "carried"), "[] [] [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "granted"), "117 [] 1 1 [] 6 125");
    done(p);
}

/* A block of table 2 whose headings end one page and whose row begins the next (2019's
 * 第二十条第（八）项 and its column names at the foot, 行政事业性收费 at the top with its first cell
 * blank): the headings on the page before place its number (the row was left uncertain, a
 * LibreOffice page: the same column names head the blocks above, placed elsewhere, and their
 * complete rows' positions were taken instead). */
static void t2_headings_on_the_page_before(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2019年政府信息公开工作年度报告"},
        {90, 520, "二、主动公开政府信息情况"},
        {248, 545, "第二十条第（五）项"},
        {92, 570, "信息内容"}, {178, 570, "上一年项目数量"}, {300, 570, "本年增/减"}, {422, 570, "处理决定数量"},
        {82, 595, "行政许可"}, {206, 595, "10"}, {328, 595, "2"}, {450, 595, "12"},
        {248, 625, "第二十条第（六）项"},
        {92, 650, "信息内容"}, {178, 650, "上一年项目数量"}, {300, 650, "本年增/减"}, {422, 650, "处理决定数量"},
        {82, 675, "行政处罚"}, {328, 675, "29"},
        {82, 700, "行政强制"}, {206, 700, "1503"},
        {248, 750, "第二十条第（八）项"},
        {92, 775, "信息内容"}, {238, 775, "上一年项目数量"}, {400, 775, "本年增/减"},
        {288, 822, "- 1 -"},
        {82, 842 + 80, "行政事业性收费"}, {418, 842 + 80, "-8"},
        {248, 842 + 105, "第二十条第（九）项"},
        {92, 842 + 130, "信息内容"}, {178, 842 + 130, "采购项目数量"}, {322, 842 + 130, "采购总金额"},
        {82, 842 + 155, "政府集中采购"}, {322, 842 + 155, "413468840.77元"},
        {90, 842 + 190, "三、收到和处理政府信息公开申请情况"},
        {288, 842 + 822, "- 2 -"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t2", "license"), "10 2 12");
    assert_string_equal(row_text(p, "t2", "penalty"), "[] 29 []");
    assert_string_equal(row_text(p, "t2", "fees"), "[] -8");
    done(p);
}

/* A group label's cell full to its right edge (（六）其他处, 9.4 pt glyphs from 106 to 162.4) and
 * the row label beside it (关不再处理…, from 166.4): two words 4 pt apart, less than the letter spacing
 * a label's words may have. Where other lines' cells start (166.4) the text
 * begins a cell of its own, so the row label's lines stay one cell and its numbers, printed on a
 * line of their own between them, are its (a cairo report read this row as printed empty). */
static void cell_glued_to_its_neighbour(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {330, 140, "自然人"}, {360, 140, "商业"}, {385, 140, "科研"}, {410, 140, "公益"}, {435, 140, "法律"},
        {460, 140, "其他"}, {487, 140, "总计"},
        {90, 170, "一、本年新收政府信息公开申请数量"}, T3_VALUES(170, "2", "0", "0", "0", "0", "0", "2"),
        {166.4f, 200, "1.申请人无正当理由逾期不补正、行政机"},
        {340, 210, "2"}, {492, 210, "2"},
        {106, 220, "（六）其他处"}, {166.4f, 220, "关不再处理其政府信息公开申请"},
        {130, 236, "理"}, {166.4f, 236, "2.申请人逾期未按收费通知要求缴纳费用"},
        {166.4f, 252, "、行政机关不再处理其政府信息公开申请"},
        {166.4f, 265, "3.其他"}, T3_VALUES(265, "0", "0", "0", "0", "0", "0", "0"),
        {107.8f, 285, "（七）总计"}, T3_VALUES(285, "2", "0", "0", "0", "0", "0", "2"),
        {90, 320, "四、政府信息公开行政复议、行政诉讼情况"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "new"), "2 0 0 0 0 0 2");
    assert_string_equal(row_text(p, "t3", "other.no_correction"), "2 [] [] [] [] [] 2");
    assert_string_equal(row_text(p, "t3", "other.no_fee"), "[] [] [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "other.other"), "0 0 0 0 0 0 0");
    done(p);
}

/* A row of table 2 whose cells print — 11 — on a line of their own (its label wrapped above and
 * below) is not the page number "— 11 —": that one is narrow (read as furniture, 11 was lost and
 * the cell came out empty and certain). */
static void dashed_row_is_not_a_page_number(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "二、主动公开政府信息情况"},
        {248, 140, "第二十条第（一）项"},
        {92, 165, "信息内容"}, {178, 165, "本年制发件数"}, {300, 165, "本年废止件数"}, {422, 165, "现行有效件数"},
        {82, 190, "规章"}, {206, 190, "—"}, {328, 190, "—"}, {450, 190, "—"},
        {82, 213, "行政规范性文"}, {206, 222, "—"}, {328, 222, "11"}, {450, 222, "—"}, {82, 231, "件"},
        {90, 270, "三、收到和处理政府信息公开申请情况"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t2", "rules"), "[] [] []");
    assert_string_equal(row_text(p, "t2", "normative"), "[] 11 []");
    done(p);
}

/* Table 4's headings wrapped in narrow columns (结果维/持), staggered over four lines, the fifth
 * column's 总 计 letter-spaced on one of them, and blanks in the values: the columns come from the
 * heading cells, 总 计 joined as one (it was two, fourteen columns were found and every cell left
 * uncertain, in a Chromium print). */
static void t4_staggered_headings(void **state)
{
    (void)state;
#define CX(k) (60.0f + 35.0f * (k))
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {90, 130, "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"},
        {90, 150, "（七）总计 0 0 0 0 0 0 0"},
        {90, 170, "四、结转下年度继续办理 0 0 0 0 0 0 0"},
        {90, 200, "四、政府信息公开行政复议、行政诉讼情况"},
        {CX(2) - 19, 230, "行政复议"}, {CX(10) - 19, 230, "行政诉讼"},
        {CX(7) - 38, 249, "未经复议直接起诉"}, {CX(12) - 24, 249, "复议后起诉"},
        {CX(0) - 12, 262, "结果维"}, {CX(1) - 12, 262, "结果纠"}, {CX(2) - 12, 262, "其他结"}, {CX(3) - 12, 262, "尚未审"},
        {CX(0) - 4, 272, "持"}, {CX(1) - 4, 272, "正"}, {CX(2) - 4, 272, "果"}, {CX(3) - 4, 272, "结"},
        {CX(4) - 12, 272, "总"}, {CX(4) + 3, 272, "计"},
        {CX(5) - 12, 272, "结果维"}, {CX(6) - 12, 272, "结果纠"}, {CX(7) - 12, 272, "其他结"}, {CX(8) - 12, 272, "尚未审"},
        {CX(10) - 12, 272, "结果维"}, {CX(11) - 12, 272, "结果纠"}, {CX(12) - 12, 272, "其他结"}, {CX(13) - 12, 272, "尚未审"},
        {CX(9) - 9, 283, "总计"}, {CX(14) - 9, 283, "总计"},
        {CX(5) - 4, 292, "持"}, {CX(6) - 4, 292, "正"}, {CX(7) - 4, 292, "果"}, {CX(8) - 4, 292, "结"},
        {CX(10) - 4, 292, "持"}, {CX(11) - 4, 292, "正"}, {CX(12) - 4, 292, "果"}, {CX(13) - 4, 292, "结"},
        {CX(0) - 3, 315, "0"}, {CX(2) - 3, 315, "0"}, {CX(3) - 3, 315, "0"}, {CX(4) - 3, 315, "0"},
        {CX(7) - 3, 315, "0"}, {CX(8) - 5, 315, "—"}, {CX(9) - 3, 315, "0"}, {CX(10) - 3, 315, "0"},
        {CX(11) - 5, 315, "—"}, {CX(12) - 3, 315, "0"}, {CX(13) - 3, 315, "0"},
        {90, 350, "五、存在的主要问题及改进情况"},
    };
#undef CX
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 8);
    assert_string_equal(row_text(p, "t4", "review"), "0 [] 0 0 0");
    assert_string_equal(row_text(p, "t4", "suit_direct"), "[] [] 0 [] 0");
    assert_string_equal(row_text(p, "t4", "suit_after_review"), "0 [] 0 0 []");
    done(p);
}

/* A number too wide for its narrow cell wraps over three lines (２/５/０ = 250, ２/６/２ = 262), and
 * a two-line one beside it (１/２ = 12) staggered against them: every fragment line is joined, each
 * against the previous one (was read as a certain 5 and 6 from the row's own line). */
static void number_wrapped_over_three_lines(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {335, 140, "自然"}, {360, 140, "商业"}, {385, 140, "科研"}, {410, 140, "公益"}, {435, 140, "法律"},
        {460, 140, "其他"}, {487, 140, "总计"},
        {340, 193, "２"}, {492, 193, "２"},
        {440, 200.5f, "１"},
        {90, 208, "一、本年新收政府信息公开申请数量"},
        {340, 208, "５"}, {365, 208, "０"}, {390, 208, "０"}, {415, 208, "０"}, {465, 208, "０"}, {492, 208, "６"},
        {440, 215.5f, "２"},
        {340, 223, "０"}, {492, 223, "２"},
        {90, 250, "二、上年结转政府信息公开申请数量"}, T3_VALUES(250, "0", "0", "0", "0", "0", "0", "0"),
        {90, 275, "（七）总计"}, T3_VALUES(275, "250", "0", "0", "0", "12", "0", "262"),
        {90, 310, "四、政府信息公开行政复议、行政诉讼情况"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "new"), "250 0 0 0 12 0 262");
    assert_string_equal(row_text(p, "t3", "total"), "250 0 0 0 12 0 262");
    done(p);
}

/* Numbers of different lengths wrapped in narrow cells, the row's label centred on them (as cairo
 * sets a table 3 with large counts): ２/５/３ and ２/８/３ over three lines, ２/９ over the two lines
 * between, １ on the label's line; the row below printed empty. The line under the label (９) is the
 * end of 29, not the row's values set on a lower baseline, and the last line (３ ３) is the end of
 * 253 and 283, not the next row's values (read 25 2 … 28, and 3 … 3 for 四、结转下年度继续办理:
 * wrong while certain, and three false SUM- errors). */
static void wrapped_stack_around_its_label(void **state)
{
    (void)state;
    static const drawn page[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {335, 140, "自然"}, {360, 140, "商业"}, {385, 140, "科研"}, {410, 140, "公益"}, {435, 140, "法律"},
        {460, 140, "其他"}, {487, 140, "总计"},
        {90, 170, "一、本年新收政府信息公开申请数量"}, T3_VALUES(170, "0", "0", "0", "0", "0", "0", "0"),
        {90, 195, "3.其他"}, {340, 195, "２"}, {492, 195, "２"},
        {340, 215, "２"}, {492, 215, "２"},
        {365, 222.5f, "２"},
        {90, 230, "（七）总计"}, {340, 230, "５"}, {440, 230, "１"}, {492, 230, "８"},
        {365, 237.5f, "９"},
        {340, 245, "３"}, {492, 245, "３"},
        {90, 268, "四、结转下年度继续办理"},
        {90, 310, "四、政府信息公开行政复议、行政诉讼情况"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "other.other"), "2 [] [] [] [] [] 2");
    assert_string_equal(row_text(p, "t3", "total"), "253 29 [] [] 1 [] 283");
    assert_string_equal(row_text(p, "t3", "forward"), "[] [] [] [] [] [] []");
    done(p);
    /* the row above printed empty: the first line of the wrapped numbers (211 242, nearer the
     * total's label than 3.其他's) is not its values (it took them: 211 … 242, certain) */
    static const drawn page2[] = {
        {90, 80, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 110, "三、收到和处理政府信息公开申请情况"},
        {335, 140, "自然"}, {360, 140, "商业"}, {385, 140, "科研"}, {410, 140, "公益"}, {435, 140, "法律"},
        {460, 140, "其他"}, {487, 140, "总计"},
        {90, 170, "一、本年新收政府信息公开申请数量"}, T3_VALUES(170, "0", "0", "0", "0", "0", "0", "0"),
        {90, 195, "3.其他"},
        {336, 215, "211"}, {486, 215, "242"},
        {90, 222.5f, "（七）总计"}, {361, 222.5f, "282"}, {462, 222.5f, "26"},
        {340, 230, "5"}, {492, 230, "3"},
        {90, 255, "四、结转下年度继续办理"}, {336, 255, "221"}, {486, 255, "221"},
        {90, 300, "四、政府信息公开行政复议、行政诉讼情况"},
    };
    p = parse_drawn(page2, (int)(sizeof page2 / sizeof page2[0]), 9.4);
    assert_string_equal(row_text(p, "t3", "other.other"), "[] [] [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "total"), "2115 282 [] [] [] 26 2423");
    assert_string_equal(row_text(p, "t3", "forward"), "221 [] [] [] [] [] 221");
    done(p);
}

/* A flattened web page: digits glued; the row sums split them, or they stay uncertain. */
static void glued_digits(void **state)
{
    (void)state;
    parsed *p = parse(
        "平潭综合实验区2021年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（一）项信息内容"
        "本年制发件数本年废止件数现行有效件数规章 000行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量"
        "行政许可2293 三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织"
        "法律服务机构其他一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
        "三、本年度办理结果（一）予以公开270020130（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
        "（七）总计630020469四、结转下年度继续办理1000001 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼"
        "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
        "结果维持结果纠正其他结果尚未审结总计10203120001200000五、存在的主要问题及改进情况");
    assert_string_equal(p->r.tables->version, "2021");
    assert_string_equal(row_text(p, "t2", "rules"), "0 0 0");                 /* by counting */
    assert_string_equal(row_text(p, "t2", "normative"), "? ? ?");             /* 693665: no sum decides */
    assert_string_equal(row_text(p, "t2", "license"), "2293");
    assert_string_equal(row_text(p, "t3", "new"), "64 0 0 2 0 4 70");         /* the only split that adds up */
    /* 27,0,0,2,0,1,30 and 2,7,0,0,20,1,30 both add up, and this partial table has no column
     * sums to choose between them: left uncertain, not guessed — but for the cells both agree on */
    assert_string_equal(row_text(p, "t3", "granted"), "? ? 0 ? ? 1 30");
    assert_string_equal(row_text(p, "t3", "denied.secret"), "0 0 0 0 0 0 0"); /* 2. is the next label's number */
    assert_string_equal(row_text(p, "t3", "total"), "63 0 0 2 0 4 69");
    assert_string_equal(row_text(p, "t4", "review"), "1 0 2 0 3");
    assert_string_equal(row_text(p, "t4", "suit_direct"), "12 0 0 0 12");
    assert_string_equal(row_text(p, "t4", "suit_after_review"), "0 0 0 0 0");
    const nb_cell *c = nb_table_cell(nb_tables_get(p->r.tables, "t3"), 0, 0);
    assert_string_equal(c->raw, "64");
    done(p);
}

/* The same ambiguous row, settled by the column sums of a table whose other rows are certain. */
static void glued_row_settled_by_columns(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市2021年政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况"
        "一、本年新收政府信息公开申请数量64 0 0 2 0 4 70二、上年结转政府信息公开申请数量0 0 0 0 0 0 0"
        "（一）予以公开270020130（二）部分公开（区分处理的，只计这一情形，不计其他情形）37 0 0 0 0 3 40"
        "（七）总计64 0 0 2 0 4 70四、结转下年度继续办理0 0 0 0 0 0 0 四、政府信息公开行政复议、行政诉讼情况");
    assert_string_equal(row_text(p, "t3", "granted"), "27 0 0 2 0 1 30");
    assert_string_equal(row_text(p, "t3", "partial"), "37 0 0 0 0 3 40");
    done(p);
}

/* Eight numbers a row where the template has seven columns: nothing is shifted into place. */
static void extra_columns_not_forced(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量   1  0  0  0  0  0  0  1\n"
        "二、上年结转政府信息公开申请数量   0  0  0  0  0  0  0  0\n"
        "（一）予以公开                     1  0  0  0  0  0  0  1\n"
        "（七）总计                         1  0  0  0  0  0  0  1\n");
    assert_string_equal(row_text(p, "t3", "new"), "? ? ? ? ? ? ?");
    assert_string_equal(nb_tables_get(p->r.tables, "t3")->note, "extra_columns");
    assert_int_equal(p->d->status, NB_STATUS_NOT_TEMPLATE);
    done(p);
}

/* Six numbers a row and no 其他 column: no column to put them in, nothing guessed. */
static void fewer_columns_not_forced(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "                                  自然人  商业企业 科研机构 社会公益组织 法律服务机构  总计\n"
        "一、本年新收政府信息公开申请数量   1       0        0         0          0          1\n"
        "二、上年结转政府信息公开申请数量   0       0        0         0          0          0\n"
        "（一）予以公开                     1       0        0         0          0          1\n"
        "（七）总计                         1       0        0         0          0          1\n");
    assert_string_equal(row_text(p, "t3", "new"), "? ? ? ? ? ? ?");
    assert_string_equal(nb_tables_get(p->r.tables, "t3")->note, "fewer_columns");
    assert_int_equal(p->d->status, NB_STATUS_NOT_TEMPLATE);
    done(p);
}

/* A wrapped label whose key words stand on its second line (1.申请人无正当理由 | 逾期不补正…) names
 * the values printed on its first line (seed 31337's r0022.layout.txt: they were lost). */
static void key_on_label_second_line(void **state)
{
    (void)state;
    parsed *p = parse(
        "某某县应急管理局2024年政府信息公开工作年度报告\n"
        "          三、收到和处理政府信息公开申请情况\n"
        "                                                              申请人情况\n"
        "                                                            法人或其他组织\n"
        "      （本列数据的勾稽关系为：第一项加第二项         商业  科研  社会  法律  其他\n"
        "      之和，等于第三项加第四项之和）          自然人 企业  机构  公益  服务        总计\n"
        "                                                                 组织  机构\n"
        "\n"
        "      一、本年新收政府信息公开申请数量            3     1                             4\n"
        "      二、上年结转政府信息公开申请数量            2                                   2\n"
        "           （一）予以公开                         2     1                             3\n"
        "                          2.重复申请              2                                   2\n"
        "                          5.要求行政机关确认\n"
        "           （五）不予处理 或重新出具已获取信\n"
        "                          息\n"
        "                          1.申请人无正当理由      1                                   1\n"
        "                          逾期不补正、行政机\n"
        "                          关不再处理其政府信\n"
        "                          息公开申请\n"
        "           （六）其他处理 2.申请人逾期未按收            5\n"
        "                          费通知要求缴纳费用\n"
        "                          、行政机关不再处理\n"
        "                          其政府信息公开申请\n"
        "                          3.其他\n"
        "           （七）总计                             5     1                             6\n"
        "      四、结转下年度继续办理\n"
        "      四、政府信息公开行政复议、行政诉讼情况\n");
    assert_string_equal(row_text(p, "t3", "other.no_correction"), "1 [] [] [] [] [] 1");
    assert_string_equal(row_text(p, "t3", "other.no_fee"), "[] 5 [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "rejected.confirm"), "[] [] [] [] [] [] []");
    assert_string_equal(row_text(p, "t3", "rejected.repeat"), "2 [] [] [] [] [] 2");
    done(p);
}

/* Is every cell of row text `got` (row_text) either as in `want` or uncertain (?)? */
static int right_or_uncertain(const char *got, const char *want)
{
    char g[512], w[512], *sg, *sw;
    snprintf(g, sizeof g, "%s", got);
    snprintf(w, sizeof w, "%s", want);
    char *a = strtok_r(g, " ", &sg), *b = strtok_r(w, " ", &sw);
    for (; a && b; a = strtok_r(NULL, " ", &sg), b = strtok_r(NULL, " ", &sw))
        if (strcmp(a, "?") && strcmp(a, b)) return 0;
    return !a && !b;
}

/* A number wrapped in its narrow cell whose first fragment stands on the label's line and whose
 * row's other values stand on the line below (３０ | ６ ２ ３ | ７ for 307; seed 555's r0182.lo.pdf):
 * the fragments must not be split digit by digit into seven cells because counting alone allows
 * it — the row does not add up that way. Uncertain, never a certain 3, 0, 6 … */
static void wrapped_number_not_split_by_counting(void **state)
{
    (void)state;
    /* the words of r0182.lo.pdf's page 3, where they stood (12 pt full-width digits) */
    static const drawn page[] = {
        {90, 40, "某某市某某局2023年政府信息公开工作年度报告"},
        {90, 60, "三、收到和处理政府信息公开申请情况"},
        {291.8f, 95.1f, "自然"}, {388.7f, 95.1f, "社会"}, {421.0f, 95.1f, "法律"}, {485.6f, 95.1f, "总计"},
        {324.1f, 103.2f, "商业"}, {356.4f, 103.2f, "科研"}, {297.8f, 111.4f, "人"}, {388.7f, 111.4f, "公益"},
        {421.0f, 111.4f, "服务"}, {453.3f, 111.4f, "其他"}, {324.1f, 119.5f, "企业"}, {356.4f, 119.5f, "机构"},
        {388.7f, 127.6f, "组织"}, {421.0f, 127.6f, "机构"},
        {291.8f, 146.7f, "２４"}, {485.6f, 146.7f, "２５"},
        {83.4f, 154.8f, "一、本年新收政府信息公开申请数量"}, {330.1f, 154.8f, "２"}, {356.4f, 154.8f, "２７"},
        {388.7f, 154.8f, "１２"}, {459.3f, 154.8f, "９"},
        {291.8f, 162.9f, "６７"}, {485.6f, 162.9f, "１７"},
        {83.4f, 182.0f, "二、上年结转政府信息公开申请数量"}, {459.3f, 182.0f, "１"}, {491.6f, 182.0f, "１"},
        {85.7f, 201.0f, "三"}, {291.8f, 201.0f, "８１"}, {485.6f, 201.0f, "８２"},
        {102.8f, 209.1f, "（一）予以公开"}, {330.1f, 209.1f, "１"}, {356.4f, 209.1f, "１１"}, {459.3f, 209.1f, "２"},
        {85.7f, 217.3f, "、"}, {297.8f, 217.3f, "２"}, {491.6f, 217.3f, "６"},
        {85.7f, 233.5f, "本"}, {102.8f, 233.5f, "（二）部分公开（区分处理的，只"}, {291.8f, 233.5f, "３０"},
        {485.6f, 233.5f, "３１"},
        {85.7f, 244.4f, "年"}, {362.4f, 244.4f, "６"}, {394.7f, 244.4f, "２"}, {459.3f, 244.4f, "３"},
        {102.8f, 252.6f, "计这一情形，不计其他情形）"}, {297.8f, 252.6f, "７"}, {491.6f, 252.6f, "８"},
        {85.7f, 266.0f, "度"}, {146.0f, 266.0f, "1.属于国家秘密"}, {297.8f, 266.0f, "４"}, {491.6f, 266.0f, "４"},
        {90, 300, "四、政府信息公开行政复议、行政诉讼情况"},
    };
    parsed *p = parse_drawn(page, (int)(sizeof page / sizeof page[0]), 12);
    /* each cell right or uncertain: was 3 0 6 2 3 3 1 (LibreOffice, WenQuanYi) and 30 [] ? ? [] ? 31
     * (this page in Noto), certain */
    assert_true(right_or_uncertain(row_text(p, "t3", "partial"), "307 [] 6 2 [] 3 318"));
    assert_true(right_or_uncertain(row_text(p, "t3", "new"), "2467 2 27 12 [] 9 2517"));
    done(p);
}

/* One row of a report given as text, as row_text prints it (the report parsed and freed). */
static const char *row_of_text(const char *text, const char *table, const char *row)
{
    static char out[512];
    parsed *p = parse(text);
    snprintf(out, sizeof out, "%s", row_text(p, table, row));
    done(p);
    return out;
}

/* A glued table-2 row the sums cannot split (行政规范性文件77132470): the narrative's own count
 * (本年度制发的规范性文件77件) chooses among the splits; one no split agrees with (现行有效…393件)
 * chooses nothing; two statements that differ neither. (平潭 2023) */
static const char *normative_with(const char *narrative)
{
    static char text[2048];
    /* one line longer than a laid-out one: a flattened web page, its digits glued */
    snprintf(text, sizeof text,
             "平潭综合实验区2023年政府信息公开工作年度报告 一、总体情况 %s"
             "坚持应公开尽公开，持续推进基础信息公开、深化重点领域信息公开，全年发布政策解读117篇，"
             "组织各片区、区直各单位围绕热点民生主题每月录制在线访谈栏目，主动回应社会关切。"
             "二、主动公开政府信息情况"
             "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470"
             "第二十条第（五）项信息内容本年处理决定数量行政许可2629 三、收到和处理政府信息公开申请情况",
             narrative);
    return row_of_text(text, "t2", "normative");
}

static void narrative_count_chooses_split(void **state)
{
    (void)state;
    assert_string_equal(normative_with("共主动公开政府信息13561条。"), "? ? ?");
    assert_string_equal(normative_with("清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。"),
                        "77 ? ?");
    /* with 本年废止 stated too, one split is left: 77/13/2470 */
    assert_string_equal(normative_with("本年度制发的规范性文件77件，本年废止规范性文件13件。"), "77 13 2470");
    /* a count no split has (7 is a split's first part too: 7/71/32470 …, so 7 would choose) */
    assert_string_equal(normative_with("本年度制发的规范性文件78件。"), "? ? ?");
    /* two statements that differ decide nothing */
    assert_string_equal(normative_with("本年度制发规范性文件77件。全年制发规范性文件7件。"), "? ? ?");
    /* a count of another row (规章) is not this row's */
    assert_string_equal(normative_with("本年度制发规章77件。"), "? ? ?");
}

/* An empty cell that a column sum needs to be exactly a detached number of the table (上海市科委 2024's
 * Markdown: 四、结转 总计 empty, a lone 1 elsewhere) is uncertain; without that number it is the
 * blank it was printed as, even though the sums then fail. */
static const char *forward_with(const char *stray)
{
    static char text[2048];
    snprintf(text, sizeof text,
             "某某市某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
             "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
             "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
             "（一）予以公开\t2\t0\t0\t0\t0\t0\t2\n%s"
             "（七）总计\t2\t0\t0\t0\t0\t0\t2\n"
             "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t\n"
             "四、政府信息公开行政复议、行政诉讼情况\n", stray);
    return row_of_text(text, "t3", "forward");
}

static void blank_a_stray_number_may_fill(void **state)
{
    (void)state;
    assert_string_equal(forward_with(""), "1 0 0 0 0 0 []");
    assert_string_equal(forward_with("1\n"), "1 0 0 0 0 0 ?");
    /* a detached number the balance does not lack decides nothing */
    assert_string_equal(forward_with("4\n"), "1 0 0 0 0 0 []");
}

static void glue_splitter(void **state)
{
    (void)state;
    /* 7 cells, total = sum of the first six */
    nb_glue_rel rel = {6, 0x3F};
    const char *t1[] = {"640020470"};
    size_t l1[] = {9};
    nb_glue_input in = {t1, l1, 1, 7, 0, &rel, 1};
    nb_glue_result res;
    nb_glue_split_row(&in, &res);
    /* 12 splits without a leading zero (28 with them); one of them adds up */
    assert_int_equal(res.by_count, 12);
    assert_int_equal(res.ncand, 1);
    static const int64_t want1[7] = {64, 0, 0, 2, 0, 4, 70};
    for (int k = 0; k < 7; k++) assert_int_equal(res.cand[0].part[k].mant, want1[k]);
    /* printed values that do not add up still stand when counting alone decides */
    const char *t2[] = {"1234567"};
    size_t l2[] = {7};
    nb_glue_input in2 = {t2, l2, 1, 7, 0, &rel, 1};
    nb_glue_split_row(&in2, &res);
    assert_int_equal(res.by_count, 1);
    assert_int_equal(res.ncand, 1);
    assert_int_equal(res.cand[0].part[6].mant, 7);
    /* several splits add up: all returned, none chosen here (平潭 2021's 予以公开 row: 12 splits,
     * 2/7/0/0/20/1/30 and 27/0/0/2/0/1/30 add up) */
    const char *t3[] = {"270020130"};
    size_t l3[] = {9};
    nb_glue_input in3 = {t3, l3, 1, 7, 0, &rel, 1};
    nb_glue_split_row(&in3, &res);
    assert_int_equal(res.by_count, 12);
    assert_int_equal(res.ncand, 2);
    int seen_2 = 0, seen_27 = 0;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(res.cand[i].part[6].mant, 30);
        seen_2 += res.cand[i].part[0].mant == 2 && res.cand[i].part[4].mant == 20;
        seen_27 += res.cand[i].part[0].mant == 27 && res.cand[i].part[3].mant == 2;
    }
    assert_int_equal(seen_2, 1);
    assert_int_equal(seen_27, 1);
    /* nothing adds up: no candidate (11000011 has 3 splits, none summing to its last part) */
    const char *t3b[] = {"11000011"};
    size_t l3b[] = {8};
    nb_glue_input in3b = {t3b, l3b, 1, 7, 0, &rel, 1};
    nb_glue_split_row(&in3b, &res);
    assert_int_equal(res.by_count, 3);
    assert_int_equal(res.ncand, 0);
    /* no leading zeros, decimals stay whole, a sign only on a signed cell */
    const char *t4[] = {"35", "-15"};
    size_t l4[] = {2, 3};
    nb_glue_input in4 = {t4, l4, 2, 2, 0x2, NULL, 0};
    nb_glue_split_row(&in4, &res);
    assert_int_equal(res.ncand, 1);
    assert_int_equal(res.cand[0].part[1].mant, -15);
    nb_glue_input in5 = {t4, l4, 2, 2, 0x0, NULL, 0};
    nb_glue_split_row(&in5, &res);
    assert_int_equal(res.ncand, 0);
    /* a sign only starts a token (the tokenizer cuts 平潭 2020's 35-15 before it): inside one, no
     * part may take it, so nothing splits */
    const char *t5[] = {"35-15"};
    size_t l5[] = {5};
    nb_glue_input in5b = {t5, l5, 1, 2, 0x2, NULL, 0};
    nb_glue_split_row(&in5b, &res);
    assert_int_equal(res.by_count, 0);
    assert_int_equal(res.ncand, 0);
    /* cells every split agrees on (平潭 2020's 行政处罚 2648-18538: the sign can only start the signed
     * 本年增/减, so whichever way -18538 splits, 上一年项目数量 is 2648) */
    const char *t7[] = {"2648", "-18538"};
    size_t l7[] = {4, 6};
    nb_glue_input in7 = {t7, l7, 2, 3, 0x2, NULL, 0};
    nb_glue_split_row(&in7, &res);
    assert_int_equal(res.ncand, 4);
    assert_int_equal(res.agreed, 0x1);
    assert_int_equal(res.agree.part[0].mant, 2648);
    assert_int_equal(res.agreed_by_count, 0x1);
    /* 平潭 2020's 行政强制 1262629 into three cells: 15 splits, no cell the same in all of them */
    const char *t8[] = {"1262629"};
    size_t l8[] = {7};
    nb_glue_input in8 = {t8, l8, 1, 3, 0, NULL, 0};
    nb_glue_split_row(&in8, &res);
    assert_int_equal(res.ncand, 15);
    assert_int_equal(res.agreed, 0);
    /* the row sum leaves two splits of 270020130 (2/7/0/0/20/1/30, 27/0/0/2/0/1/30): they agree on
     * the third cell's value (0, from different zeros of the run), the sixth and the seventh */
    nb_glue_split_row(&in3, &res);
    assert_int_equal(res.agreed, 0x4 | 0x20 | 0x40);
    assert_int_equal(res.agree.part[6].mant, 30);
    const char *t6[] = {"13575394432.52"};
    size_t l6[] = {14};
    nb_glue_input in6 = {t6, l6, 1, 2, 0, NULL, 0};
    nb_glue_split_row(&in6, &res);
    /* 平潭 2019's 政府集中采购: 1/3575394432.52 … 1357539443/2.52, the decimals never split off */
    assert_int_equal(res.ncand, 10);
    for (int i = 0; i < res.ncand; i++) assert_int_equal(res.cand[i].part[1].scale, 2);
}

/* A money cell's unit (FORMAT.md §5): from the cell (5.77万元 apart from 5.77元), else from its
 * column header (采购总金额（万元）, 本年收费金额（单位：万元）), else none; never applied to the value. */
static const char *procurement_unit(const char *head, const char *amount, const char **value)
{
    static char text[1024];
    snprintf(text, sizeof text,
             "某某市某某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n"
             "信息内容\t采购项目数量\t%s\n政府集中采购\t3\t%s\n三、收到和处理政府信息公开申请情况\n", head, amount);
    parsed *p = parse(text);
    static char unit[16], val[32];
    const nb_table *t = nb_tables_get(p->r.tables, "t2");
    const nb_cell *c = t ? nb_table_cell(t, nb_row_index(t->def, "procurement"), nb_col_index(t->def, "amount")) : NULL;
    snprintf(unit, sizeof unit, "%s", c && c->unit ? c->unit : "(none)");
    snprintf(val, sizeof val, "%s", c && c->value ? c->value : "");
    *value = val;
    done(p);
    return unit;
}

static void money_units(void **state)
{
    (void)state;
    const char *v;
    assert_string_equal(procurement_unit("采购总金额", "5.77万元", &v), "万元");
    assert_string_equal(v, "5.77");
    assert_string_equal(procurement_unit("采购总金额", "5.77元", &v), "元");
    assert_string_equal(v, "5.77");
    assert_string_equal(procurement_unit("采购总金额（万元）", "5.77", &v), "万元");
    assert_string_equal(v, "5.77");
    assert_string_equal(procurement_unit("采购总金额（单位：元）", "577", &v), "元");
    /* the cell's own unit wins over its header's */
    assert_string_equal(procurement_unit("采购总金额（万元）", "577元", &v), "元");
    assert_string_equal(procurement_unit("采购总金额", "5.77", &v), "");
    /* a flattened page: the glued run 0213373万元 splits into 0 and 213373, and the unit after it is
     * the amount's */
    parsed *f = parse("某某市某某局2019年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（九）项信息内容"
                      "采购项目数量采购总金额政府集中采购0213373万元三、收到和处理政府信息公开申请情况 无\n");
    const nb_table *ft = nb_tables_get(f->r.tables, "t2");
    const nb_cell *fc = nb_table_cell(ft, nb_row_index(ft->def, "procurement"), nb_col_index(ft->def, "amount"));
    assert_string_equal(fc->value, "213373");
    assert_string_equal(fc->unit, "万元");
    done(f);
    /* a count is never given a unit */
    parsed *p = parse("某某市某某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n"
                      "信息内容\t采购项目数量\t采购总金额\n政府集中采购\t3件\t5.77万元\n");
    const nb_table *t = nb_tables_get(p->r.tables, "t2");
    int row = nb_row_index(t->def, "procurement");
    assert_string_equal(nb_table_cell(t, row, nb_col_index(t->def, "items"))->unit, "");
    assert_string_equal(nb_table_cell(t, row, nb_col_index(t->def, "items"))->value, "3");
    done(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(money_units),
        cmocka_unit_test(blanks_stay_in_their_columns),
        cmocka_unit_test(two_numbers_never_share_a_column),
        cmocka_unit_test(wrapped_labels),
        cmocka_unit_test(page_break_inside_table),
        cmocka_unit_test(label_variants),
        cmocka_unit_test(glued_group_label),
        cmocka_unit_test(numbering_with_a_space),
        cmocka_unit_test(t4_values_among_headings),
        cmocka_unit_test(cell_glued_to_its_neighbour),
        cmocka_unit_test(dashed_row_is_not_a_page_number),
        cmocka_unit_test(t4_staggered_headings),
        cmocka_unit_test(number_wrapped_over_three_lines),
        cmocka_unit_test(glued_digits),
        cmocka_unit_test(glued_row_settled_by_columns),
        cmocka_unit_test(extra_columns_not_forced),
        cmocka_unit_test(fewer_columns_not_forced),
        cmocka_unit_test(glue_splitter),
        cmocka_unit_test(blank_a_stray_number_may_fill),
        cmocka_unit_test(narrative_count_chooses_split),
        cmocka_unit_test(wrapped_number_not_split_by_counting),
        cmocka_unit_test(key_on_label_second_line),
        cmocka_unit_test(header_cell_split_by_page_break),
        cmocka_unit_test(t4_empty_under_a_counting_sentence),
        cmocka_unit_test(wrapped_stack_around_its_label),
        cmocka_unit_test(header_cells_drawn_close),
        cmocka_unit_test(t2_headings_on_the_page_before),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
