/*
 * parser/template_pre2019.c — data: how a report from before the national format shows itself in
 * its statistics table. Reports for 2018 and before (the 2007 条例) print a 政府信息公开情况统计表 of
 * their province's own design, commonly with the columns 指标名称 (统计指标) / 计量单位 / 2018年度 /
 * 历年累计 and rows such as 收到申请数, 申请答复数, 同意公开答复数, 维持具体行政行为数. Some of its rows
 * share words with table 3 of the 2019 format (国家秘密, 危及…, 举报投诉, 部分公开), so the version is
 * told by these words of the old table itself, never by the report's year (table.c).
 */
#include <stddef.h>

#include "template.h"

const char *const nb_pre2019_markers[] = {
    "指标名称", "统计指标", "计量单位", "历年累计", "收到申请数", "申请办结数", "申请答复数",
    "同意公开答复数", "同意部分公开答复数", "不同意公开答复数", "属于已主动公开范围", "不属于本行政机关公开",
    "申请信息不存在", "告知作出更改补充", "告知通过其他途径办理", "维持具体行政行为", "被依法纠错",
    "举报投诉数", "政府信息公开查阅点", "主动公开政府信息数", "依申请公开信息收取的费用", NULL,
};
