/*
 * parser/template_common.h — data shared by both template versions: table 3's columns and rows,
 * table 4, and the sums (FORMAT.md §4). Included only by template_*.c.
 */
#ifndef NB_TEMPLATE_COMMON_H
#define NB_TEMPLATE_COMMON_H

#include <stddef.h>

#include "template.h"

#define NB_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The applicant columns of table 3, left to right. */
static const nb_col_def nb_t3_cols[] = {
    {"natural",    "自然人",       "自然人",                 0},
    {"commercial", "商业企业",     "商业\\s*企业",           0},
    {"research",   "科研机构",     "科研\\s*机构",           0},
    {"ngo",        "社会公益组织", "社会\\s*公益\\s*组织|公益", 0},
    {"legal",      "法律服务机构", "法律\\s*服务\\s*机构",   0},
    {"other_org",  "其他",         "其他",                   0},
    {"total",      "总计",         "总\\s*计",               NB_COL_TOTAL},
};

/* Rows shared by both versions up to （五）; the versions differ only in （六）. */
#define NB_T3_ROWS_HEAD                                                                              \
    {"new",       "一、本年新收政府信息公开申请数量", "本年新收", NULL, 0},                              \
    {"carried",   "二、上年结转政府信息公开申请数量", "上年结转", NULL, 0},                              \
    {"granted",   "（一）予以公开",                   "予以公开", NULL, 0},                              \
    {"partial",   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", NULL, 0},      \
    {"denied.secret",      "1.属于国家秘密",           "国家秘密", NULL, 0},                            \
    {"denied.law",         "2.其他法律行政法规禁止公开", "其他法律|法律行政法规禁止", NULL, 0},         \
    {"denied.safety",      "3.危及“三安全一稳定”",     "三安全|危及", NULL, 0},                         \
    {"denied.third_party", "4.保护第三方合法权益",     "第三方合法|保护第三方", NULL, 0},               \
    {"denied.internal",    "5.属于三类内部事务信息",   "内部事务", NULL, 0},                            \
    {"denied.process",     "6.属于四类过程性信息",     "过程性", NULL, 0},                              \
    {"denied.enforcement", "7.属于行政执法案卷",       "执法案卷", NULL, 0},                            \
    {"denied.query",       "8.属于行政查询事项",       "行政查询|查询事项", NULL, 0},                   \
    {"unable.not_held",    "1.本机关不掌握相关政府信息", "不掌握", NULL, 0},                            \
    {"unable.need_create", "2.没有现成信息需要另行制作", "另行制作|没有现成", NULL, 0},                 \
    {"unable.unclear",     "3.补正后申请内容仍不明确", "仍不明确|补正后申请", NULL, 0},                 \
    {"rejected.petition",  "1.信访举报投诉类申请",     "信访|举报投诉", NULL, 0},                       \
    {"rejected.repeat",    "2.重复申请",               "重复申请", NULL, 0},                            \
    {"rejected.publication", "3.要求提供公开出版物",   "公开出版物", NULL, 0},                          \
    {"rejected.excessive", "4.无正当理由大量反复申请", "大量反复", NULL, 0},                            \
    {"rejected.confirm",   "5.要求行政机关确认或重新出具已获取信息", "重新出具|确认或", NULL, 0}

#define NB_T3_ROWS_TAIL                                                                              \
    {"total",   "（七）总计",           "\\(七\\)\\s*总计|七、\\s*总计", NULL, NB_ROW_TOTAL},          \
    {"forward", "四、结转下年度继续办理", "结转下年度|结转下一年度", NULL, 0}

#define NB_TABLE_T3(rows)                                                                        \
    {"t3", "收到和处理政府信息公开申请情况", 3, NB_LAYOUT_ROWS, nb_t3_cols, NB_COUNT(nb_t3_cols), \
     rows, NB_COUNT(rows)}

static const nb_col_def nb_t4_cols[] = {
    {"upheld",    "结果维持", "维持", 0},
    {"corrected", "结果纠正", "纠正", 0},
    {"other",     "其他结果", "其他\\s*结果", 0},
    {"pending",   "尚未审结", "尚未\\s*审结", 0},
    {"total",     "总计",     "总\\s*计", NB_COL_TOTAL},
};

static const nb_row_def nb_t4_rows[] = {
    {"review",            "行政复议",               "行政复议", NULL, 0},
    {"suit_direct",       "行政诉讼·未经复议直接起诉", "未经复议|直接起诉", NULL, 0},
    {"suit_after_review", "行政诉讼·复议后起诉",     "复议后起诉", NULL, 0},
};

#define NB_TABLE_T4                                                                                 \
    {"t4", "政府信息公开行政复议、行政诉讼情况", 4, NB_LAYOUT_WIDE, nb_t4_cols, NB_COUNT(nb_t4_cols), \
     nb_t4_rows, NB_COUNT(nb_t4_rows)}

/* FORMAT.md §4: the sums the template implies. One generic check (rules/sums.c) verifies them all. */
static const nb_sum_def nb_common_sums[] = {
    {"SUM-T3-ROW", "t3", "row", "total", "natural,commercial,research,ngo,legal,other_org", NULL, "total"},
    {"SUM-T3-OUTCOMES", "t3", "col", "total", "granted,partial,denied.*,unable.*,rejected.*,other*", NULL, "total"},
    {"SUM-T3-BALANCE", "t3", "col", "new,carried", "total,forward", NULL, "forward"},
    {"SUM-T4-ROW", "t4", "row", "total", "upheld,corrected,other,pending", NULL, "total"},
};
#define NB_COMMON_NSUMS NB_COUNT(nb_common_sums)

#endif
