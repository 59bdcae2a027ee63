/*
 * parser/template_2021.c — data: the 2021 template (国办公开办函〔2021〕30号), reports for 2021 on.
 *
 * Pure declarations; see template.h for what each field means. Keys are PCRE2 patterns on the
 * normalised text (ASCII parentheses, spaces between Han removed): the distinctive words of each
 * label, so that a wrapped label or a typo elsewhere in it (其他法律行政止公开) still matches.
 * Tables 3 and 4 and the sums are shared with the 2019 template (template_common.h).
 */
#include "template.h"
#include "template_common.h"

static const nb_col_def t2_cols[] = {
    {"issued",     "本年制发件数",   "本年制发件数|制发件数", 0},
    {"repealed",   "本年废止件数",   "本年废止件数|废止件数", 0},
    {"in_force",   "现行有效件数",   "现行有效件数|有效件数", 0},
    {"decisions",  "本年处理决定数量", "处理决定数量",        0},
    {"amount_wan", "本年收费金额（单位：万元）", "收费金额", NB_COL_DECIMAL},
};

static const nb_row_def t2_rows[] = {
    {"rules",     "规章",           "规章",           "issued,repealed,in_force", 0},
    {"normative", "行政规范性文件", "规范性文件",     "issued,repealed,in_force", 0},
    {"license",   "行政许可",       "行政许可",       "decisions",  NB_ROW_SEPARATE},
    {"penalty",   "行政处罚",       "行政处罚",       "decisions",  NB_ROW_SEPARATE},
    {"coercion",  "行政强制",       "行政强制",       "decisions",  0},
    {"fees",      "行政事业性收费", "行政事业性收费", "amount_wan", NB_ROW_SEPARATE},
};

static const nb_row_def t3_rows[] = {
    NB_T3_ROWS_HEAD,
    /* a heading over the three rows below; a row of its own where a report collapses them */
    {"other", "（六）其他处理", "其他处理", NULL, NB_ROW_HEADING | NB_ROW_OPTIONAL},
    {"other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "逾期不补正", NULL, NB_ROW_OPTIONAL},
    {"other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "收费通知|缴纳费用", NULL, NB_ROW_OPTIONAL},
    {"other.other", "3.其他", "3\\s*[.、]?\\s*其他(?!处理|法律|需要|结果)", NULL, NB_ROW_OPTIONAL},
    NB_T3_ROWS_TAIL,
};

static const nb_table_def tables[] = {
    {"t2", "主动公开政府信息情况", 2, NB_LAYOUT_ROWS, t2_cols, NB_COUNT(t2_cols), t2_rows, NB_COUNT(t2_rows)},
    NB_TABLE_T3(t3_rows),
    NB_TABLE_T4,
};

static const char *const markers[] = {
    "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "收费通知", NULL,
};

const nb_template nb_template_2021 = {
    .version = "2021",
    .notice = "国办公开办函〔2021〕30号",
    .tables = tables,
    .ntables = NB_COUNT(tables),
    .sums = nb_common_sums,
    .nsums = NB_COMMON_NSUMS,
    .markers = markers,
};
