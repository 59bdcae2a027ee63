/*
 * parser/template_2019.c — data: the 2019 template (国办公开办函〔2019〕60号, 试行), reports for
 * 2019 and 2020: table 2 counts items (上一年项目数量, 本年增/减) and adds 第（九）项 政府集中采购;
 * table 3 has a single （六）其他处理 row. See template.h.
 */
#include "template.h"
#include "template_common.h"

static const nb_col_def t2_cols[] = {
    {"new_made",        "本年新制作数量", "新制作数量", 0},
    {"new_published",   "本年新公开数量", "新公开数量", 0},
    {"total_published", "对外公开总数量", "公开总数量", 0},
    {"prev_items",      "上一年项目数量", "上一年项目数量", 0},
    {"change",          "本年增/减",      "本年增\\s*/\\s*减|增\\s*/\\s*减", NB_COL_SIGNED},
    {"decisions",       "处理决定数量",   "处理决定数量", 0},
    {"items",           "采购项目数量",   "采购项目数量", 0},
    {"amount",          "采购总金额",     "采购总金额", NB_COL_DECIMAL | NB_COL_UNIT},
};

static const nb_row_def t2_rows[] = {
    {"rules",         "规章",               "规章",               "new_made,new_published,total_published", 0},
    {"normative",     "规范性文件",         "规范性文件",         "new_made,new_published,total_published", 0},
    {"license",       "行政许可",           "行政许可",           "prev_items,change,decisions", NB_ROW_SEPARATE},
    {"other_service", "其他对外管理服务事项", "对外管理服务事项", "prev_items,change,decisions", 0},
    {"penalty",       "行政处罚",           "行政处罚",           "prev_items,change,decisions", NB_ROW_SEPARATE},
    {"coercion",      "行政强制",           "行政强制",           "prev_items,change,decisions", 0},
    {"fees",          "行政事业性收费",     "行政事业性收费",     "prev_items,change", NB_ROW_SEPARATE},
    {"procurement",   "政府集中采购",       "政府集中采购",       "items,amount", NB_ROW_SEPARATE},
};

static const nb_row_def t3_rows[] = {
    NB_T3_ROWS_HEAD,
    {"other", "（六）其他处理", "其他处理", NULL, 0},
    NB_T3_ROWS_TAIL,
};

static const nb_table_def tables[] = {
    {"t2", "主动公开政府信息情况", 2, NB_LAYOUT_ROWS, t2_cols, NB_COUNT(t2_cols), t2_rows, NB_COUNT(t2_rows)},
    NB_TABLE_T3(t3_rows),
    NB_TABLE_T4,
};

static const char *const markers[] = {
    "新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量", "增\\s*/\\s*减", "政府集中采购",
    "采购总金额", "对外管理服务事项", NULL,
};

const nb_template nb_template_2019 = {
    .version = "2019",
    .notice = "国办公开办函〔2019〕60号",
    .tables = tables,
    .ntables = NB_COUNT(tables),
    .sums = nb_common_sums,
    .nsums = NB_COMMON_NSUMS,
    .markers = markers,
};
