/*
 * rules/catalog.c — THE table of audit rules, and the runner that applies them to a report.
 *
 * One entry per rule: stable ID, severity, title, message template (with {named} arguments) and
 * description in Chinese and English, an example, and the function that checks it. Adding a rule
 * is one entry here and one function in its family's file (checks.h); docs/RULES.md is the same
 * catalog written for people, and a test keeps the two in step.
 *
 * The SUM- rules have no function of their own: the template versions declare the sums
 * (template_common.h), each naming the rule that reports it, and one generic check (sums.c) verifies
 * the declarations naming a rule when that rule's turn comes. IDs are never reused or renamed: the
 * corpus generator, the evaluation harness and users' waivers refer to them.
 */
#include <string.h>

#include "audit_opts.h"
#include "checks.h"

const nb_rule nb_rules[] = {
    /* ---------------- sums: the template's own arithmetic ---------------- */
    {
        .id = "SUM-T3-ROW", .severity = NB_SEV_ERROR,
        .title_zh = "表三某行的总计不等于各类申请人之和",
        .title_en = "Table 3: a row's total is not the sum of its applicant columns",
        .msg_zh = "{tname}「{label}」行：总计填报 {reported}，各类申请人之和为 {computed}（{cells}）。{blanks}",
        .msg_en = "{tname}, row {line}: the total is {reported} but the applicant columns add up to {computed} ({cells}).{blanks}",
        .desc_zh = "表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和"
                   "（格式通知的表格结构所蕴含）。空白格按 0 计；读取存疑的格所在的行不检查。",
        .desc_en = "In every row of table 3 the 总计 column must equal the sum of the six applicant columns "
                   "(natural persons, businesses, research bodies, NGOs, legal services, others), as the "
                   "format notice's table implies. Blank cells count 0; a row with a cell read in doubt is "
                   "not checked.",
        .example = "一、本年新收政府信息公开申请数量: 20 0 0 0 0 1 | 总计 23 → reported 23, computed 21",
        .check = NULL,
    },
    {
        .id = "SUM-T3-OUTCOMES", .severity = NB_SEV_ERROR,
        .title_zh = "表三办理结果之和不等于（七）总计",
        .title_en = "Table 3: the outcome rows do not add up to (七) total",
        .msg_zh = "{tname}「{label}」列：（七）总计填报 {reported}，各项办理结果之和为 {computed}（{cells}）。{blanks}",
        .msg_en = "{tname}, column {line}: the (七) total is {reported} but the outcome rows add up to {computed} ({cells}).{blanks}",
        .desc_zh = "表三每一列中，（一）予以公开、（二）部分公开、（三）不予公开各项、（四）无法提供各项、"
                   "（五）不予处理各项、（六）其他处理各项之和应等于（七）总计。",
        .desc_en = "In every column of table 3, granted + partial + the denied, unable, rejected and other "
                   "rows must add up to the (七) total row.",
        .example = "平潭综合实验区 2020: the outcome rows add up to 27 while (七)总计 says 21",
        .check = NULL,
    },
    {
        .id = "SUM-T3-BALANCE", .severity = NB_SEV_ERROR,
        .title_zh = "表三收支不平衡：新收加结转不等于总计加结转下年",
        .title_en = "Table 3 does not balance: new + carried over ≠ total + carried forward",
        .msg_zh = "{tname}「{label}」列：（七）总计加结转下年度继续办理为 {reported}（{reported_cells}），"
                  "本年新收加上年结转为 {computed}（{cells}），二者应相等。{blanks}",
        .msg_en = "{tname}, column {line}: total plus carried forward is {reported} ({reported_cells}) but new "
                  "plus carried over is {computed} ({cells}); the two must be equal.{blanks}",
        .desc_zh = "表三表头写明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”："
                   "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理。发现报在“结转下年度”一格。",
        .desc_en = "Table 3's own header states it: new + carried over = (七) total + carried forward, in "
                   "every column. The finding points at the carried-forward cell; expected is new + carried "
                   "over, actual is total + carried forward.",
        .example = "总计 column: new 36, carried 2, (七) total 35, forward 1 → expected 38, actual 36",
        .check = NULL,
    },
    {
        .id = "SUM-T4-ROW", .severity = NB_SEV_ERROR,
        .title_zh = "表四某行的总计不等于各项结果之和",
        .title_en = "Table 4: a row's total is not the sum of its outcomes",
        .msg_zh = "{tname}「{label}」：总计填报 {reported}，结果维持、结果纠正、其他结果、尚未审结之和为 {computed}（{cells}）。{blanks}",
        .msg_en = "{tname}, row {line}: the total is {reported} but upheld, corrected, other and pending add up to {computed} ({cells}).{blanks}",
        .desc_zh = "表四中行政复议、未经复议直接起诉、复议后起诉三组，每组的总计应等于结果维持、结果纠正、"
                   "其他结果、尚未审结之和。",
        .desc_en = "In table 4, for reconsideration and each kind of lawsuit, the total must equal upheld + "
                   "corrected + other + pending.",
        .example = "洪泽区 2023: 行政复议 维持 10 纠正 1 其他 0 尚未审结 0 总计 0 → reported 0, computed 11",
        .check = NULL,
    },

    /* ---------------- missing: what the format requires ---------------- */
    {
        .id = "MISSING-SECTION", .severity = NB_SEV_WARNING,
        .title_zh = "缺少报告的一个组成部分", .title_en = "A part of the report is missing",
        .msg_zh = "未找到第{n}部分「{name}」。",
        .msg_en = "Part {n} ({name}) was not found.",
        .desc_zh = "《条例》第五十条与格式通知规定年度报告由六部分组成：总体情况；主动公开政府信息情况；收到和处理"
                   "政府信息公开申请情况；政府信息公开行政复议、行政诉讼情况；存在的主要问题及改进情况；其他需要报告"
                   "的事项。位置为 (section, N)。2019年以前的报告不适用。",
        .desc_en = "Article 50 of the regulations and the format notice require six parts: general "
                   "situation; proactive disclosure; requests received and processed; reconsideration and "
                   "litigation; main problems and improvements; other matters. Located at (section, N). Not "
                   "applied to pre-2019 reports.",
        .example = "a department report that goes from 三、… straight to 五、其他需要报告的事项 → section 4 and 5",
        .check = nb_check_missing_section,
    },
    {
        .id = "MISSING-TABLE", .severity = NB_SEV_ERROR,
        .title_zh = "缺少模板表格", .title_en = "A template table is missing",
        .msg_zh = "未找到{tname}「{title}」（{version} 版格式）。",
        .msg_en = "{tname} ({title}) of the {version} template was not found.",
        .desc_zh = "识别出模板版本（2021 或 2019）的报告，应包含表二（主动公开）、表三（依申请公开）和表四"
                   "（行政复议、行政诉讼）。",
        .desc_en = "A report whose template version was recognised (2021 or 2019) must contain table 2 "
                   "(proactive disclosure), table 3 (requests) and table 4 (reconsideration and litigation).",
        .example = "a 2021-format report whose 四、 section has only a sentence and no table → t4",
        .check = nb_check_missing_table,
    },
    {
        .id = "MISSING-ROW", .severity = NB_SEV_WARNING,
        .title_zh = "表格缺少一行", .title_en = "A table row is missing",
        .msg_zh = "{tname}缺少「{label}」一行（{row}）。",
        .msg_en = "{tname} has no row {row} ({label}).",
        .desc_zh = "模板规定的行在报告中找不到。可选行（如被合并为一行的（六）其他处理的三个子项）以及整表缺失时不报。",
        .desc_en = "A row the template prescribes was not found in the report. Optional rows (the three "
                   "sub-rows a collapsed （六）其他处理 line replaces) are not reported, nor rows of a table "
                   "missing altogether.",
        .example = "table 3 without the line 8.属于行政查询事项 → (t3, denied.query)",
        .check = nb_check_missing_row,
    },
    {
        .id = "MISSING-CELL", .severity = NB_SEV_INFO,
        .title_zh = "单元格未填写", .title_en = "A cell is left empty",
        .msg_zh = "{tname}「{label}」行「{col_label}」列什么也没有填写。",
        .msg_en = "{tname}, cell {row}/{col} is empty: nothing printed.",
        .desc_zh = "单元格完全空白（模板要求填数，没有数应填 0）。“—”“/”“-”“无”是明示的“没有”，不算缺失。",
        .desc_en = "A cell printed completely empty (the template asks for a number, 0 when there is none). "
                   "'—', '/', '-' and '无' say \"none\" explicitly and are not missing.",
        .example = "招远市工信局 2023: table 4's 行政复议 cells are blank → (t4, review, upheld) … (t4, review, total)",
        .check = nb_check_missing_cell,
    },
    {
        .id = "MISSING-TOTAL", .severity = NB_SEV_WARNING,
        .title_zh = "总计为空而同行有数", .title_en = "A total is blank next to numbers",
        .msg_zh = "{tname}「{label}」行的总计为空白「{raw}」，但同一行有非零数值：{nonzero}。",
        .msg_en = "{tname}: the total of row {row} is blank ('{raw}') while these are not zero: {nonzero}.",
        .desc_zh = "总计列的单元格为空白（含“—”“/”等），而同一行有非零数值。空白的格同时报告 MISSING-CELL；"
                   "（七）总计行中的空白已由合计检查和 MISSING-CELL 报告。",
        .desc_en = "A cell of a total column is blank (any blank, '—' and '/' included) while another cell "
                   "of its row is non-zero. An empty cell is MISSING-CELL as well; a blank in the (七) total "
                   "row is already a failing sum and an empty cell.",
        .example = "四、结转下年度继续办理: 1 0 0 0 0 0 | 总计 (empty) → (t3, forward, total)",
        .check = nb_check_missing_total,
    },
    {
        .id = "MISSING-TITLE", .severity = NB_SEV_WARNING,
        .title_zh = "未找到报告标题", .title_en = "Title not found",
        .msg_zh = "未找到报告标题（“……年政府信息公开工作年度报告”）。",
        .msg_en = "No title (\"… 年政府信息公开工作年度报告\") was found.",
        .desc_zh = "正文开头、网页采集的“标题”或 PDF 文档属性中都找不到“某机关某年政府信息公开工作年度报告”。",
        .desc_en = "Neither the first lines, a crawler's 标题 nor the PDF's Title hold \"<agency> <year> "
                   "政府信息公开工作年度报告\".",
        .example = "a report that starts directly with 一、总体情况",
        .check = nb_check_missing_title,
    },
    {
        .id = "MISSING-AGENCY", .severity = NB_SEV_WARNING,
        .title_zh = "未找到发布机关", .title_en = "Agency not found",
        .msg_zh = "未能从标题中识别出发布报告的机关。",
        .msg_en = "The agency publishing the report could not be read from the title.",
        .desc_zh = "标题中应写明机关名称；它决定发布期限（部门1月31日，人民政府3月31日）。",
        .desc_en = "The title names the agency; its kind sets the deadline (departments 31 January, "
                   "governments 31 March).",
        .example = "title 2023年政府信息公开工作年度报告 with no agency",
        .check = nb_check_missing_agency,
    },
    {
        .id = "MISSING-YEAR", .severity = NB_SEV_WARNING,
        .title_zh = "未找到报告年度", .title_en = "Report year not found",
        .msg_zh = "未能从标题中识别出报告所属年度。",
        .msg_en = "The year the report covers could not be read from the title.",
        .desc_zh = "标题中应写明年度；日期类检查都以它为准。",
        .desc_en = "The title names the year reported on; every date rule is judged against it.",
        .example = "title 招远市工业和信息化局政府信息公开工作年度报告",
        .check = nb_check_missing_year,
    },
    {
        .id = "MISSING-SIGNATURE-DATE", .severity = NB_SEV_WARNING,
        .title_zh = "未找到落款日期", .title_en = "Signature date not found",
        .msg_zh = "报告末尾没有落款日期（成文日期）。{instead}",
        .msg_en = "There is no date under the signature at the end of the report.{instead}",
        .desc_zh = "公文应有成文日期；没有落款日期时只能用发布日期（网页元数据 PubDate、网页采集的“发布时间”、页面上的"
                   "“发布日期”）判断是否逾期：有这样的发布日期时为提示（info），并写明用哪个日期判断；都没有时为警告。"
                   "PDF 的创建日期只在 documents.csv 中列出，不作判断依据。",
        .desc_en = "An official document carries the date it was signed; without one, lateness can only be "
                   "judged by a publication date the source states (a page's PubDate meta tag, a crawler's "
                   "发布时间, a 发布日期 line): when there is one the finding is info and says which date is "
                   "judged, else a warning. A PDF's creation date is listed in documents.csv, never judged.",
        .example = "a web page that ends with 六、其他需要报告的事项 无。 and no date",
        .check = nb_check_missing_signature_date,
    },

    /* ---------------- dates: 条例 第四十九条 ---------------- */
    {
        .id = "DATE-EARLY", .severity = NB_SEV_ERROR,
        .title_zh = "落款日期早于报告年度结束", .title_en = "Signed before the year reported on ended",
        .msg_zh = "{year}年度报告的落款日期为 {date}，早于 {min}：年度尚未结束，报告不可能成文。",
        .msg_en = "The report for {year} is dated {date}, before {min}: it cannot be signed before the year it reports on is over.",
        .desc_zh = "Y 年度的报告统计 Y 年1月1日至12月31日，不可能在 Y+1 年1月1日之前成文。多为沿用上年报告时未改日期。"
                   "只看落款日期，不看网页发布日期。",
        .desc_en = "A report for year Y covers 1 January to 31 December of Y and cannot be signed before 1 "
                   "January Y+1 — usually last year's report reused without changing the date. Judged on "
                   "the signature date only, never on a publication date.",
        .example = "招远市工信局 2023年度报告 signed 2023年1月24日 → expected ≥ 2024-01-01, actual 2023-01-24",
        .check = nb_check_date_early,
    },
    {
        .id = "DATE-LATE", .severity = NB_SEV_WARNING,
        .title_zh = "晚于截止日期发布", .title_en = "Published after the deadline",
        .msg_zh = "{which} {date} 晚于截止日期 {deadline}（{basis}）。",
        .msg_en = "The {which} {date} is after the deadline {deadline} ({basis}).",
        .desc_zh = "《条例》第四十九条：政府部门于每年1月31日前、县级以上地方人民政府的主管部门于3月31日前公布本级"
                   "人民政府上一年度的报告（2018年度及以前：2007年《条例》，一律3月31日）。机关类型：名称以人民政府、"
                   "政府、管委会、管理委员会结尾，或为以省市区县旗州盟镇乡街道结尾的地名，为人民政府；否则为部门。"
                   "--deadline MM-DD 统一替换，--deadlines 文件按机关替换。无落款日期时用发布日期并注明。",
        .desc_en = "Regulations art. 49: departments publish by 31 January, a government's own report is "
                   "published by 31 March (reports for 2018 and before: the 2007 regulations, 31 March for "
                   "all). A government: the name ends with 人民政府, 政府, 管委会 or 管理委员会, or is a place "
                   "name ending in 省 市 区 县 旗 州 盟 镇 乡 街道; anything else is a department. --deadline "
                   "MM-DD replaces both dates, a --deadlines file replaces them per agency. Without a "
                   "signature the publication date is judged, and the message says so.",
        .example = "a 局 report for 2023 signed 2024年2月20日 → expected ≤ 2024-01-31, actual 2024-02-20",
        .check = nb_check_date_late,
    },
    {
        .id = "DATE-IMPOSSIBLE", .severity = NB_SEV_ERROR,
        .title_zh = "日期不存在", .title_en = "The date does not exist",
        .msg_zh = "落款日期「{text}」在日历上不存在（{date}）。",
        .msg_en = "The signature date '{text}' does not exist in the calendar ({date}).",
        .desc_zh = "落款日期不是真实存在的日期（2月30日、13月、4月31日）。不再判断早于或晚于期限。",
        .desc_en = "The signature date is not a calendar date (30 February, month 13, 31 April). Neither "
                   "DATE-EARLY nor DATE-LATE is judged then.",
        .example = "signed 2024年2月30日",
        .check = nb_check_date_impossible,
    },
    {
        .id = "DATE-FUTURE", .severity = NB_SEV_ERROR,
        .title_zh = "日期晚于今天", .title_en = "Date in the future",
        .msg_zh = "{which} {date} 晚于今天（{today}）。",
        .msg_en = "The {which} {date} is after today ({today}).",
        .desc_zh = "落款日期（无落款时为发布日期）晚于今天（--today 或系统时钟），多为笔误。晚于截止日期时同时报告 DATE-LATE。",
        .desc_en = "The signature date (the publication date when there is none) is after today (--today "
                   "or the clock): a typo, usually. Past the deadline, it is DATE-LATE as well.",
        .example = "a 2023 report signed 2042年1月20日",
        .check = nb_check_date_future,
    },
    {
        .id = "DATE-PERIOD", .severity = NB_SEV_ERROR,
        .title_zh = "统计期限不是报告年度整年", .title_en = "The stated period is not the report year",
        .msg_zh = "报告所述统计期限为 {stated}，{year}年度报告应为 {year}-01-01 至 {year}-12-31。",
        .msg_en = "The report states the period {stated}; a report for {year} covers {year}-01-01 to {year}-12-31.",
        .desc_zh = "“本报告所列数据的统计期限自……起至……止”应为报告年度的1月1日至12月31日。",
        .desc_en = "The stated statistical period (统计期限自…起至…止) must be 1 January to 31 December of the "
                   "report year.",
        .example = "2023年度报告：统计期限自2022年1月1日起至2022年12月31日止",
        .check = nb_check_date_period,
    },
    {
        .id = "DATE-STALE-YEAR", .severity = NB_SEV_WARNING,
        .title_zh = "正文仍以上一年为本年度", .title_en = "The narrative speaks of last year as this year",
        .msg_zh = "正文多处以「{prev}年」为本年度（{count} 处，如「{sample}」），却没有一处这样说「{year}年」：疑似沿用上年报告。",
        .msg_en = "The narrative speaks of {prev} as the current year {count} times (e.g. '{sample}') and never so of {year}: possibly last year's report reused.",
        .desc_zh = "统计正文（不含标题、统计期限和表格）中“YYYY年，”“YYYY年以来”“YYYY年我局/我区/全年/本机关”"
                   "“YYYY年度，”等说法（“YYYY年，我局将……”之类的计划不算）：上一年至少两次、本年一次也没有时报告。",
        .desc_en = "Counts \"current year\" phrases in the narrative (not the title, the period statement or "
                   "the tables): YYYY年，, YYYY年以来, YYYY年我局/我区/全年/本机关…, YYYY年度，; plans "
                   "(YYYY年，我局将…) do not count. Raised when Y-1 occurs at least twice and Y never.",
        .example = "a 2023 report whose text says 2022年，我局… and 2022年以来… and never 2023年，",
        .check = nb_check_date_stale_year,
    },

    /* ---------------- prose: the narrative against the tables ---------------- */
    {
        .id = "PROSE-NO-APPLICATIONS", .severity = NB_SEV_ERROR,
        .title_zh = "正文称未收到申请，表三却有申请", .title_en = "The text says no requests; table 3 counts some",
        .msg_zh = "正文称「{quote}」，但表三本年新收申请总计为 {counted}。",
        .msg_en = "The text says '{quote}' (no requests received), but table 3 counts {counted} new requests.",
        .desc_zh = "正文说“未收到/没有收到政府信息公开申请”，而表三“本年新收政府信息公开申请数量”的总计大于 0。"
                   "带有范围、比较或其他年份字样的句子不比较。",
        .desc_en = "The narrative says no requests were received (未收到/没有收到政府信息公开申请) while "
                   "table 3's new-requests total is above 0. Sentences with scope, comparison or another "
                   "year in them are not compared.",
        .example = "2023年度，我局未收到政府信息公开申请。 with 一、本年新收 … 总计 3",
        .check = nb_check_prose_no_applications,
    },
    {
        .id = "PROSE-APPLICATIONS", .severity = NB_SEV_WARNING,
        .title_zh = "正文申请数与表三不符", .title_en = "The requests in the text differ from table 3",
        .msg_zh = "正文称「{quote}」（{said} 件），与表三的任何一种口径都不符：{readings}。",
        .msg_en = "The text says '{quote}' ({said}), which agrees with no reading of table 3: {readings}.",
        .desc_zh = "正文所述申请件数（共收到/受理/接收/办理/办结/答复……政府信息公开申请、公开申请、依申请公开 N 件）"
                   "与表三的每一种可能口径都不符才报告：收到、受理、接收可指本年新收或本年新收加上年结转；办理、办结、"
                   "答复还可指（七）总计；新收只指本年新收；句中说明含上年结转的，与新收加结转（及总计）比较。含“各级”"
                   "“本级”、“代表”（代表本级政府的除外）、比本机关更大的地域（部门报告中的“全市”）、“同比”“累计”"
                   "“其中”、百分比或其他年份的句子不比较。报告列出比较过的口径。",
        .desc_en = "The number of requests the text states (共收到/受理/接收/办理/办结/答复…政府信息公开申请, 公开申请, "
                   "依申请公开 N件) is reported only when it agrees with no reading of table 3 its verb allows: "
                   "received, accepted may be the new requests or new plus carried over; handled, concluded, "
                   "answered may also be the (七) total; 新收 is the new requests only; a sentence saying the count "
                   "includes those carried over is compared with new plus carried over (and the total). Sentences "
                   "with 各级, 本级, 代表 (except on behalf of a government), an area wider than the report's own "
                   "(全市 in a department's report), 同比, 累计, 其中, a percentage or another year are not "
                   "compared. The finding lists the readings compared.",
        .example = "本年度共收到政府信息公开申请25件。 with 一、本年新收 … 总计 21 and 上年结转 0",
        .check = nb_check_prose_applications,
    },
    {
        .id = "PROSE-REVIEW", .severity = NB_SEV_WARNING,
        .title_zh = "正文行政复议数与表四不符", .title_en = "Reconsiderations in the text differ from table 4",
        .msg_zh = "正文称「{quote}」（{said} 件），表四行政复议总计为 {counted}。",
        .msg_en = "The text says '{quote}' ({said}), table 4 counts {counted} reconsiderations.",
        .desc_zh = "正文所述因政府信息公开被申请行政复议的件数（N件/起/宗）与表四行政复议总计不符。句子（或前一句）"
                   "须提到信息公开，以免把机关的一般行政复议工作当作信息公开复议；机关作为复议机关审理、受理、"
                   "办理复议案件的句子不比较。",
        .desc_en = "The number of reconsiderations over information disclosure the text states (N件/起/宗) "
                   "differs from table 4's reconsideration total. The sentence (or the one before) must be "
                   "about disclosure, so that an agency's general reconsideration casework is not compared; "
                   "sentences where the agency hears, accepts or handles reconsiderations as the deciding "
                   "organ (复议机关, 审理, 受理/办理行政复议案件) are not compared.",
        .example = "因政府信息公开引起的行政复议案件3件 with table 4 行政复议 总计 2",
        .check = nb_check_prose_review,
    },
    {
        .id = "PROSE-LITIGATION", .severity = NB_SEV_WARNING,
        .title_zh = "正文行政诉讼数与表四不符", .title_en = "Lawsuits in the text differ from table 4",
        .msg_zh = "正文称「{quote}」（{said} 件），与表四的任何一种口径都不符：{readings}。",
        .msg_en = "The text says '{quote}' ({said}), which agrees with no reading of table 4: {readings}.",
        .desc_zh = "正文所述行政诉讼件数与表四“未经复议直接起诉”和“复议后起诉”两个总计之和不符，也与“未经复议"
                   "直接起诉”总计不符（有的报告把复议后起诉的案件算在复议里）。只说其中一类、"
                   "或把复议和诉讼合并计数的句子不比较。报告列出比较过的口径。",
        .desc_en = "The number of lawsuits the text states differs from the sum of table 4's two lawsuit "
                   "totals (direct and after reconsideration) and from the direct total alone (some reports "
                   "count a suit after reconsideration with the reconsideration). Sentences about one kind "
                   "only, or counting reconsiderations and lawsuits together, are not compared. The finding "
                   "lists the readings compared.",
        .example = "行政诉讼案件7件 with table 4 直接起诉 总计 5, 复议后起诉 总计 1",
        .check = nb_check_prose_litigation,
    },
    {
        .id = "PROSE-FEE", .severity = NB_SEV_WARNING,
        .title_zh = "信息处理费说法自相矛盾", .title_en = "The information-processing fee is both denied and stated",
        .msg_zh = "正文既称「{none}」，又称「{charged}」。",
        .msg_en = "The text says both '{none}' (no fee) and '{charged}'.",
        .desc_zh = "报告既说未收取信息处理费（或收取0元），又写明收取了金额大于 0 的信息处理费。收费标准、"
                   "其他年份的说法不算。",
        .desc_en = "The report says no information-processing fee was charged (or 0 元) and also states a "
                   "positive amount charged. Fee rates and other years' amounts do not count.",
        .example = "本年度未收取信息处理费。… 共收取信息处理费200元。",
        .check = nb_check_prose_fee,
    },

    /* ---------------- across reports: run after every document is read (cmd/xreport.c) ---------------- */
    {
        .id = "YEAR-CARRYOVER", .severity = NB_SEV_ERROR,
        .title_zh = "上年结转与上年报告的结转下年度不符", .title_en = "Carried over differs from last year's carried forward",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "同一机关（名称规范化，名册别名合并）本年表三“二、上年结转政府信息公开申请数量”应等于上一年度报告表三"
                   "“四、结转下年度继续办理”，逐列比较。两年都读取无疑的格才比较。",
        .desc_en = "For one agency (names normalised, the roster's aliases joined), this year's table 3 row 二、上年结转 "
                   "must equal last year's row 四、结转下年度继续办理, column by column. Only cells read without doubt "
                   "in both years are compared.",
        .example = "2023: 上年结转 总计 3; the 2022 report: 结转下年度继续办理 总计 2 → (t3, carried, total) expected 2, actual 3",
        .check = NULL,
    },
    {
        .id = "YEAR-IN-FORCE", .severity = NB_SEV_WARNING,
        .title_zh = "现行有效件数与上年及本年制发、废止不符", .title_en = "In force ≠ last year's + issued − repealed",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "2021 年格式表二：规章、行政规范性文件的现行有效件数应为上年现行有效件数加本年制发件数减本年废止件数。"
                   "修改也可能造成差异，故为警告。",
        .desc_en = "2021 format, table 2: rules and normative documents in force should be last year's in force plus "
                   "this year's issued minus repealed. Amendments can explain a difference, hence a warning.",
        .example = "2022 in force 40; 2023 issued 3, repealed 1, in force 45 → expected 42, actual 45",
        .check = NULL,
    },
    {
        .id = "YEAR-DUPLICATE", .severity = NB_SEV_ERROR,
        .title_zh = "同一机关同一年度有两份不同的报告", .title_en = "Two different reports for one agency and year",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "同一机关同一年度有两份数字或文字不同的报告。字节相同的同一文件出现两次不算；数字与正文都相同的"
                   "不同文件（如 PDF 与网页）也不算。",
        .desc_en = "One agency has two reports for one year whose numbers or text differ. The same bytes twice is not a "
                   "finding, nor two files with the same numbers and text (a PDF and its web page).",
        .example = "two 2023 reports of 某市财政局, one with 申请 21, the other with 申请 23",
        .check = NULL,
    },
    {
        .id = "COPY-LAST-YEAR", .severity = NB_SEV_WARNING,
        .title_zh = "报告与本机关上年报告雷同", .title_en = "The report repeats the agency's previous report",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "叙述部分（六个部分的正文，不含表格）与同一机关上一份报告的相似度（5 字 shingle 的 MinHash 估计的 Jaccard"
                   "系数，年份、数字和机关名称屏蔽后）达到 --copy-last-year（默认 0.71）。评分细则对雷同超过一半的报告扣分。",
        .desc_en = "The narrative (the six parts' text, tables excluded) is at least --copy-last-year (default 0.71) "
                   "similar to the same agency's previous report: Jaccard similarity of 5-character shingles estimated by "
                   "MinHash, years, numbers and the agency's name masked. Assessment rubrics deduct points when more than "
                   "half repeats last year's.",
        .example = "a 2023 report that is the 2022 one with the years and numbers changed → similarity 0.97",
        .check = NULL,
    },
    {
        .id = "COPY-OTHER-AGENCY", .severity = NB_SEV_WARNING,
        .title_zh = "报告与其他机关的报告雷同", .title_en = "The report is nearly another agency's",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "叙述部分（或单独的第一、第五部分，以便发现只改写了其中一部分的抄袭）与另一机关（任一年度）报告的相似度"
                   "达到 --copy-other-agency（默认 0.83），屏蔽方法同 COPY-LAST-YEAR。两份报告各得一条，互相指明；row 说明比较的部分。",
        .desc_en = "The narrative (or part 一 or part 五 alone, so that a copy with one part rewritten is found) is at least "
                   "--copy-other-agency (default 0.83) similar to another agency's report of any year, masked as for "
                   "COPY-LAST-YEAR. Each of the two reports gets a finding naming the other; row says what was compared.",
        .example = "县财政局's report with 县教育局's name swapped in → similarity 0.95",
        .check = NULL,
    },
    {
        .id = "ROSTER-MISSING", .severity = NB_SEV_ERROR,
        .title_zh = "名册中的机关没有报告", .title_en = "An agency on the roster has no report",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "--roster 名册中的机关，在本次运行出现的年度（或 --year）没有报告（有 --state 时包括往次运行的报告）。"
                   "发现属于本次运行，不属于某份报告：file 为名册文件，row 为年度，col 为机关。",
        .desc_en = "An agency on the --roster has no report for a year seen in the run (or --year), counting the reports "
                   "of earlier runs with --state. The finding is about the run, not one report: file is the roster, row "
                   "the year, col the agency.",
        .example = "roster lists 某县审计局; the run has 2023 reports of other agencies and none of it",
        .check = NULL,
    },
    {
        .id = "ROSTER-UNLISTED", .severity = NB_SEV_INFO,
        .title_zh = "报告机关不在名册中", .title_en = "The agency is not on the roster",
        .msg_zh = "{message}", .msg_en = "{message}",
        .desc_zh = "报告的机关（规范化后，含别名）不在 --roster 名册中。",
        .desc_en = "The report's agency (normalised, aliases included) is not on the --roster.",
        .example = "a report of 某县档案馆 with a roster that does not list it",
        .check = NULL,
    },

    /* ---------------- extraction quality: nianbao's own doubt ---------------- */
    {
        .id = "EXTRACT-UNCERTAIN", .severity = NB_SEV_WARNING,
        .title_zh = "单元格读取存疑", .title_en = "A cell was read with doubt",
        .msg_zh = "{tname}「{label}」行「{col_label}」列读取存疑（{why}），原文「{raw}」：值留空。",
        .msg_en = "{tname}, cell {row}/{col} was read with doubt ({why}), raw text '{raw}': value left empty.",
        .desc_zh = "nianbao 无法确定该格的数值（数字粘连、列位置不清等），宁可留空也不猜测。这不是报告的错误；"
                   "涉及该格的合计检查跳过。",
        .desc_en = "nianbao could not be sure of the cell's value (glued digits, unclear column …) and left "
                   "it empty rather than guess. Not a fault of the report; the sums over that cell are "
                   "skipped.",
        .example = "glued 630020469 that splits more than one way → why glued_ambiguous",
        .check = nb_check_extract_uncertain,
    },
    {
        .id = "EXTRACT-OCR-DOUBT", .severity = NB_SEV_WARNING,
        .title_zh = "合计不符，但可能是文字识别有误", .title_en = "A sum fails, but OCR may have misread a digit",
        .msg_zh = "{tname}「{label}」的合计按识别结果为 {lhs} 与 {rhs}，不相符；其中有识别置信度低的数字，"
                  "可能是识别错误而非报告错误（{rule}）。",
        .msg_en = "{tname}, {line}: with the digits as recognised the sum gives {lhs} against {rhs}; some of "
                  "those digits were recognised with low confidence, so this may be a misread rather than "
                  "the report's error ({rule}).",
        .desc_zh = "扫描件经文字识别读取。某项合计只在识别置信度低的单元格上不相符时，报告为 nianbao 的读取疑问"
                   "（警告），而不是报告单位的错误；这些单元格的值仍留空。置信度高的数字上不相符的合计照常报告为 SUM- 错误。",
        .desc_en = "A scanned report is read by OCR. A sum that fails only where some digit was recognised "
                   "with low confidence is reported as nianbao's doubt (a warning), not as the agency's "
                   "error; those cells' values stay empty. A sum that fails on digits recognised with "
                   "confidence is a SUM- error as usual.",
        .example = "t3 total/natural 18 against 1 + 2 + 1? (the 1? recognised at 62%)",
        .check = nb_check_extract_ocr_doubt,
    },
    {
        .id = "EXTRACT-VERSION", .severity = NB_SEV_WARNING,
        .title_zh = "无法识别模板版本", .title_en = "Template version not recognised",
        .msg_zh = "找到了表格，但不符合已知的格式版本（2021、2019）。",
        .msg_en = "Tables were found but they fit no known template version (2021, 2019).",
        .desc_zh = "报告有统计表格，但表头与已知的两版格式都不对应，未提取单元格。",
        .desc_en = "The report has statistics tables, but their headers match neither known format; no "
                   "cells were extracted.",
        .example = "a provincial variant with its own table 2 columns",
        .check = nb_check_extract_version,
    },
    {
        .id = "EXTRACT-NO-TEXT", .severity = NB_SEV_WARNING,
        .title_zh = "没有文字层", .title_en = "No text layer",
        .msg_zh = "PDF 没有文字层（扫描件，{pages} 页），无法提取和检查。",
        .msg_en = "The PDF has no text layer (scanned, {pages} pages): nothing could be extracted or checked.",
        .desc_zh = "扫描件 PDF 只有图像，需要 OCR 后才能处理。",
        .desc_en = "A scanned PDF holds only images; it needs OCR first.",
        .example = "a scanned, stamped report",
        .check = nb_check_extract_no_text,
    },
    {
        .id = "EXTRACT-PRE2019", .severity = NB_SEV_INFO,
        .title_zh = "2019年以前格式的报告", .title_en = "A pre-2019 report",
        .msg_zh = "没有模板表格：{year}年度报告早于2019年的全国统一格式，不提取表格。",
        .msg_en = "No template tables: the report for {year} predates the 2019 national format; no tables are extracted.",
        .desc_zh = "2019年以前没有全国统一的年报表格，统计表格式各异，不在提取范围内。",
        .desc_en = "Before 2019 there was no national table format; those statistics tables are not "
                   "extracted.",
        .example = "a 2017 report with free-form statistics",
        .check = nb_check_extract_pre2019,
    },
    {
        .id = "EXTRACT-NOT-REPORT", .severity = NB_SEV_WARNING,
        .title_zh = "不像年度报告", .title_en = "Not an annual report",
        .msg_zh = "文件可以读取，但既没有年度报告的标题，也没有六个部分中的任何一个和模板表格：不像政府信息公开工作年度报告。",
        .msg_en = "The file reads, but has no annual report title, none of the six parts and no template table: it does "
                  "not look like a government information disclosure annual report.",
        .desc_zh = "批量目录里常混有通知、附件或其他文件。与其对它逐条报缺失，不如一条说明它不是年报。",
        .desc_en = "Batches of crawled files hold notices, attachments and other documents. Rather than a missing-part "
                   "finding for each part, one finding says the file is not a report.",
        .example = "a crawled notice page saved beside the reports",
        .check = nb_check_extract_not_report,
    },
    {
        .id = "EXTRACT-DUPLICATE", .severity = NB_SEV_WARNING,
        .title_zh = "表格重复出现", .title_en = "A table appears more than once",
        .msg_zh = "{tname}在报告中出现了 {copies} 次。",
        .msg_en = "{tname} appears {copies} times in the report.",
        .desc_zh = "同一张模板表格出现多次（如附件重复、网页与附件并存），提取的是其中一份。",
        .desc_en = "The same template table appears more than once (a repeated attachment, a page and its "
                   "attachment); one copy is extracted.",
        .example = "a web page followed by the same report as an attachment",
        .check = nb_check_extract_duplicate,
    },
    {
        .id = "EXTRACT-ENCODING", .severity = NB_SEV_INFO,
        .title_zh = "有无法解码的字节", .title_en = "Undecodable bytes replaced",
        .msg_zh = "读取时有 {count} 个字节无法按 {encoding} 解码，已替换。",
        .msg_en = "{count} bytes could not be decoded as {encoding} and were replaced.",
        .desc_zh = "文本中有无法解码的字节，已替换为 U+FFFD；附近的文字可能缺失。",
        .desc_en = "Some bytes of the text could not be decoded and were replaced with U+FFFD; words near "
                   "them may be lost.",
        .example = "a GBK page with a truncated final character",
        .check = nb_check_extract_encoding,
    },
    {
        .id = "EXTRACT-UNREADABLE", .severity = NB_SEV_ERROR,
        .title_zh = "文件无法读取", .title_en = "The file could not be read",
        .msg_zh = "{message}",
        .msg_en = "{message}",
        .desc_zh = "文件无法读取（损坏、加密、为空、不是 PDF/文本/HTML 等），没有做任何检查。",
        .desc_en = "The file could not be read at all (damaged, encrypted, empty, not PDF/text/HTML …); "
                   "nothing was checked.",
        .example = "a truncated PDF → pdf_damaged",
        .check = nb_check_extract_unreadable,
    },
};

const int nb_nrules = (int)(sizeof nb_rules / sizeof nb_rules[0]);

const nb_rule *nb_rule_find(const char *id)
{
    if (!id) return NULL;
    for (int i = 0; i < nb_nrules; i++)
        if (strcmp(nb_rules[i].id, id) == 0) return &nb_rules[i];
    return NULL;
}

int nb_rule_is_cross_report(const nb_rule *rule)
{
    return !strncmp(rule->id, "YEAR-", 5) || !strncmp(rule->id, "COPY-", 5) || !strncmp(rule->id, "ROSTER-", 7);
}

/* The rules that say something about a document nianbao could not read as text: only the one
 * saying so. Everything else would be noise about a document no one has seen. A pre-2019 report
 * follows no national format: the extraction family says so, and the audit families, written for
 * the 2019 format and the 2019 条例, stay silent (the corpus generator's truth says the same). */
static int applies_to(const nb_rule *rule, const nb_doc *d)
{
    if (d->status == NB_STATUS_ERROR) return strcmp(rule->id, "EXTRACT-UNREADABLE") == 0;
    if (d->status == NB_STATUS_NO_TEXT_LAYER) return strcmp(rule->id, "EXTRACT-NO-TEXT") == 0;
    if (d->status == NB_STATUS_PRE2019) return nb_rule_is_extraction(rule);
    if (d->status == NB_STATUS_NOT_REPORT) return strcmp(rule->id, "EXTRACT-NOT-REPORT") == 0;
    return 1;
}

static int in_families(const nb_rule *rule, unsigned families)
{
    return nb_rule_is_extraction(rule) ? (families & NB_RULES_EXTRACT) != 0 : (families & NB_RULES_AUDIT) != 0;
}

void nb_run_rules(const nb_report *r, nb_findings *out, const nb_audit_opts *o, unsigned families)
{
    nb_audit_opts now;
    if (!o) {
        memset(&now, 0, sizeof now);
        nb_audit_opts_clock(&now);
        o = &now;
    }
    out->prose = NULL;          /* built for this report by the first rule that reads it */
    for (int i = 0; i < nb_nrules; i++) {
        const nb_rule *rule = &nb_rules[i];
        if (!in_families(rule, families) || !applies_to(rule, r->doc)) continue;
        if (rule->check) rule->check(r, out, o);
        else if (strncmp(rule->id, "SUM-", 4) == 0) nb_check_sums_of_rule(r, out, rule->id);
    }
    out->prose = NULL;
}

void nb_audit(const nb_report *r, nb_findings *out, const nb_audit_opts *o)
{
    nb_run_rules(r, out, o, NB_RULES_ALL);
}
