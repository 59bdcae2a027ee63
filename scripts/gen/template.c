/*
 * scripts/gen/template.c — the rows and columns of the three template tables, per version, as data
 * (FORMAT.md §4). The codes here are the CSV contract; the labels are what a report prints.
 */
#include "model.h"

const char *const t3_cols[7] = {"natural", "commercial", "research", "ngo", "legal", "other_org", "total"};
const char *const t3_col_labels[7] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
const char *const t4_rows[3] = {"review", "suit_direct", "suit_after_review"};
const char *const t4_cols[5] = {"upheld", "corrected", "other", "pending", "total"};
const char *const t4_col_labels[5] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};

#define T3ROW(code, label, group, outcome) {code, label, group, outcome, 7, t3_cols}

/* rows 一 … （五）5, the same in both versions; they differ only in （六） */
#define T3_COMMON_ROWS \
    T3ROW("new", "一、本年新收政府信息公开申请数量", NULL, 0), \
    T3ROW("carried", "二、上年结转政府信息公开申请数量", NULL, 0), \
    T3ROW("granted", "（一）予以公开", NULL, 1), \
    T3ROW("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL, 1), \
    T3ROW("denied.secret", "1.属于国家秘密", "（三）不予公开", 1), \
    T3ROW("denied.law", "2.其他法律行政法规禁止公开", "（三）不予公开", 1), \
    T3ROW("denied.safety", "3.危及“三安全一稳定”", "（三）不予公开", 1), \
    T3ROW("denied.third_party", "4.保护第三方合法权益", "（三）不予公开", 1), \
    T3ROW("denied.internal", "5.属于三类内部事务信息", "（三）不予公开", 1), \
    T3ROW("denied.process", "6.属于四类过程性信息", "（三）不予公开", 1), \
    T3ROW("denied.enforcement", "7.属于行政执法案卷", "（三）不予公开", 1), \
    T3ROW("denied.query", "8.属于行政查询事项", "（三）不予公开", 1), \
    T3ROW("unable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", 1), \
    T3ROW("unable.need_create", "2.没有现成信息需要另行制作", "（四）无法提供", 1), \
    T3ROW("unable.unclear", "3.补正后申请内容仍不明确", "（四）无法提供", 1), \
    T3ROW("rejected.petition", "1.信访举报投诉类申请", "（五）不予处理", 1), \
    T3ROW("rejected.repeat", "2.重复申请", "（五）不予处理", 1), \
    T3ROW("rejected.publication", "3.要求提供公开出版物", "（五）不予处理", 1), \
    T3ROW("rejected.excessive", "4.无正当理由大量反复申请", "（五）不予处理", 1), \
    T3ROW("rejected.confirm", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", 1),

static const trow t3_2021[] = {
    T3_COMMON_ROWS
    T3ROW("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", 1),
    T3ROW("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理", 1),
    T3ROW("other.other", "3.其他", "（六）其他处理", 1),
    T3ROW("total", "（七）总计", NULL, 1),
    T3ROW("forward", "四、结转下年度继续办理", NULL, 0),
};

static const trow t3_single[] = {
    T3_COMMON_ROWS
    T3ROW("other", "（六）其他处理", NULL, 1),
    T3ROW("total", "（七）总计", NULL, 1),
    T3ROW("forward", "四、结转下年度继续办理", NULL, 0),
};

static const char *const t4c[] = {"upheld", "corrected", "other", "pending", "total"};
static const trow t4_rows_tpl[] = {
    {"review", "行政复议", NULL, 0, 5, t4c},
    {"suit_direct", "未经复议直接起诉", "行政诉讼", 0, 5, t4c},
    {"suit_after_review", "复议后起诉", "行政诉讼", 0, 5, t4c},
};

static const char *const c2021a[] = {"issued", "repealed", "in_force"};
static const char *const c_decisions[] = {"decisions"};
static const char *const c_amount_wan[] = {"amount_wan"};
static const trow t2_2021[] = {
    {"rules", "规章", NULL, 0, 3, c2021a},
    {"normative", "行政规范性文件", NULL, 0, 3, c2021a},
    {"license", "行政许可", NULL, 0, 1, c_decisions},
    {"penalty", "行政处罚", NULL, 0, 1, c_decisions},
    {"coercion", "行政强制", NULL, 0, 1, c_decisions},
    {"fees", "行政事业性收费", NULL, 0, 1, c_amount_wan},
};

static const char *const c2019a[] = {"new_made", "new_published", "total_published"};
static const char *const c2019b[] = {"prev_items", "change", "decisions"};
static const char *const c2019fee[] = {"prev_items", "change"};
static const char *const c2019proc[] = {"items", "amount"};
static const trow t2_2019[] = {
    {"rules", "规章", NULL, 0, 3, c2019a},
    {"normative", "规范性文件", NULL, 0, 3, c2019a},
    {"license", "行政许可", NULL, 0, 3, c2019b},
    {"other_service", "其他对外管理服务事项", NULL, 0, 3, c2019b},
    {"penalty", "行政处罚", NULL, 0, 3, c2019b},
    {"coercion", "行政强制", NULL, 0, 3, c2019b},
    {"fees", "行政事业性收费", NULL, 0, 2, c2019fee},
    {"procurement", "政府集中采购", NULL, 0, 2, c2019proc},
};

static const t2block blocks_2021[] = {
    {"第二十条第（一）项", 3, {"本年制发件数", "本年废止件数", "现行有效件数"}, 2, {0, 1}},
    {"第二十条第（五）项", 1, {"本年处理决定数量"}, 1, {2}},
    {"第二十条第（六）项", 1, {"本年处理决定数量"}, 2, {3, 4}},
    {"第二十条第（八）项", 1, {"本年收费金额（单位：万元）"}, 1, {5}},
};

static const t2block blocks_2019[] = {
    {"第二十条第（一）项", 3, {"本年新制作数量", "本年新公开数量", "对外公开总数量"}, 2, {0, 1}},
    {"第二十条第（五）项", 3, {"上一年项目数量", "本年增/减", "处理决定数量"}, 2, {2, 3}},
    {"第二十条第（六）项", 3, {"上一年项目数量", "本年增/减", "处理决定数量"}, 2, {4, 5}},
    {"第二十条第（八）项", 2, {"上一年项目数量", "本年增/减"}, 1, {6}},
    {"第二十条第（九）项", 2, {"采购项目数量", "采购总金额"}, 1, {7}},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const ttemplate *t2_template(int v2019)
{
    static const ttemplate a = {N(t2_2021), t2_2021}, b = {N(t2_2019), t2_2019};
    return v2019 ? &b : &a;
}

const ttemplate *t3_template(int single_other)
{
    static const ttemplate a = {N(t3_2021), t3_2021}, b = {N(t3_single), t3_single};
    return single_other ? &b : &a;
}

const ttemplate *t4_template(void)
{
    static const ttemplate a = {N(t4_rows_tpl), t4_rows_tpl};
    return &a;
}

const t2block *template_t2_blocks(int v2019, int *n)
{
    *n = v2019 ? N(blocks_2019) : N(blocks_2021);
    return v2019 ? blocks_2019 : blocks_2021;
}

const t2block *t2_blocks(const greport *g, int *n)
{
    *n = g->nt2b;
    return g->t2b;
}
