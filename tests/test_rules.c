/*
 * tests/test_rules.c — the rule catalog's conformance cases: for every rule a report where it must
 * fire, with the exact finding (rule, location, expected, actual), and one where it must not,
 * usually a near miss (a mark instead of an empty cell, a scope word, the deadline day itself).
 *
 * Reports are a few lines of text ingested as the real ones are, so sections, identity and dates
 * come from the parser; tables are filled by hand (rulesfix.h) the way the table reader leaves them.
 * "Today" is 2024-06-01. The baseline report — a department's 2023 report signed 2024-01-20, its
 * tables adding up — raises nothing; each case changes one thing.
 */
#include "rulesfix.h"

#include "../rules/agency.h"
#include "../rules/waivers.h"

/* ---- the baseline report and its variations ---- */

typedef struct parts {
    const char *title, *period, *general, *problems, *other, *signer, *date, *header;
    const char *heads[6];       /* a section's heading as printed (NULL: the template's) */
    int drop;                   /* a section (1..6) to leave out */
} parts;

/* The baseline's words; a field left NULL in parts takes them. */
static const parts base = {
    .title = "测试市测试局2023年政府信息公开工作年度报告",
    .period = "本报告统计期限自2023年1月1日起至2023年12月31日止。",
    .general = "2023年，我局认真贯彻落实《条例》，不断拓展公开内容。",
    .problems = "政务公开人手不足。", .other = "无其他需要报告的事项。",
    .signer = "测试市测试局", .date = "2024年1月20日", .header = "",
};

#define OR_BASE(p, f) ((p)->f ? (p)->f : base.f)

static const char *build(char *buf, size_t cap, const parts *p)
{
    static const char *const heads[6] = {
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    };
    const char *bodies[6] = {OR_BASE(p, general), "第二十条第（一）项", "（见表）", "（见表）",
                             OR_BASE(p, problems), OR_BASE(p, other)};
    size_t o = (size_t)snprintf(buf, cap, "%s%s\n%s\n", OR_BASE(p, header), OR_BASE(p, title), OR_BASE(p, period));
    for (int k = 0; k < 6; k++)
        if (p->drop != k + 1)
            o += (size_t)snprintf(buf + o, cap - o, "%s\n%s\n", p->heads[k] ? p->heads[k] : heads[k], bodies[k]);
    if (*OR_BASE(p, signer)) o += (size_t)snprintf(buf + o, cap - o, "%s\n", OR_BASE(p, signer));
    if (*OR_BASE(p, date)) snprintf(buf + o, cap - o, "%s\n", OR_BASE(p, date));
    return buf;
}

/* The baseline with its consistent 2021 tables. */
static void open_parts(fixture *fx, const parts *p)
{
    static char buf[8192];
    fx_open(fx, build(buf, sizeof buf, p));
    fx_consistent_2021(fx);
}

#define OPEN(fx, ...)                                \
    do {                                             \
        parts p_ = {__VA_ARGS__};                    \
        open_parts((fx), &p_);                       \
    } while (0)

static void baseline_raises_nothing(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    assert_string_equal(fx.r.id.agency, "测试市测试局");
    assert_int_equal(fx.r.id.year, 2023);
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

/* ---- the catalog itself ---- */

static int has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static void catalog_is_complete(void **state)
{
    (void)state;
    static const char *const families[] = {"SUM-", "MISSING-", "DATE-", "PROSE-", "EXTRACT-", "YEAR-", "COPY-", "ROSTER-"};
    assert_int_equal(nb_nrules, 40);
    for (int i = 0; i < nb_nrules; i++) {
        const nb_rule *r = &nb_rules[i];
        int fam = 0;
        for (int k = 0; k < 8; k++) fam += has_prefix(r->id, families[k]);
        if (fam != 1) fail_msg("%s: no family prefix", r->id);
        for (int j = 0; j < i; j++)
            if (!strcmp(nb_rules[j].id, r->id)) fail_msg("%s twice", r->id);
        assert_ptr_equal(nb_rule_find(r->id), r);
        const char *texts[] = {r->title_zh, r->title_en, r->msg_zh, r->msg_en, r->desc_zh, r->desc_en, r->example};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            if (!texts[k] || !*texts[k]) fail_msg("%s: empty text %zu", r->id, k);
        /* the SUM- rules are raised from the templates' declarations, the rules across reports by the
         * per-run stage (rules/xreport.h), every other by its function */
        assert_int_equal(r->check == NULL, has_prefix(r->id, "SUM-") || nb_rule_is_cross_report(r));
        assert_int_equal(nb_rule_is_cross_report(r), fam && (has_prefix(r->id, "YEAR-") || has_prefix(r->id, "COPY-") ||
                                                             has_prefix(r->id, "ROSTER-")));
    }
    assert_null(nb_rule_find("SUM-T9-NOPE"));
    for (int t = 0; nb_templates[t]; t++)
        for (int s = 0; s < nb_templates[t]->nsums; s++)
            if (!nb_rule_find(nb_templates[t]->sums[s].rule))
                fail_msg("template %s declares a sum under %s, not in the catalog", nb_templates[t]->version,
                         nb_templates[t]->sums[s].rule);
}

/* docs/RULES.md is the catalog for people: every rule has its section there. */
static void rules_page_names_every_rule(void **state)
{
    (void)state;
    char *doc = nb_test_slurp("docs/RULES.md", NULL);
    assert_non_null(doc);
    for (int i = 0; i < nb_nrules; i++) {
        char head[64];
        snprintf(head, sizeof head, "### %s", nb_rules[i].id);
        if (!strstr(doc, head)) fail_msg("docs/RULES.md has no section %s", head);
    }
    free(doc);
}

/* ---- sums ---- */

static void sum_t3_row_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    /* the total column says 4 where the applicants add up to 3, in three rows that agree downwards */
    fx_row(&fx, "t3", "new", "3 0 0 0 0 0 4");
    fx_row(&fx, "t3", "granted", "2 0 0 0 0 0 3");
    fx_row(&fx, "t3", "total", "3 0 0 0 0 0 4");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 3);
    assert_int_equal(fx_count(&fx, "SUM-T3-ROW"), 3);
    fx_expect_at(fx_get(&fx, "SUM-T3-ROW", 0), "t3", "new", "total", "3", "4");
    fx_expect_at(fx_get(&fx, "SUM-T3-ROW", 1), "t3", "granted", "total", "2", "3");
    fx_expect_at(fx_get(&fx, "SUM-T3-ROW", 2), "t3", "total", "total", "3", "4");
    assert_int_equal(fx_get(&fx, "SUM-T3-ROW", 0)->page, 2);
    fx_close(&fx);
}

static void sum_skips_a_cell_read_with_doubt(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    /* 1 + 0 + 0 + ? ≠ 2 as far as it can be read: not checked; the doubt is reported instead */
    fx_row(&fx, "t4", "review", "1 0 0 ? 2");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "EXTRACT-UNCERTAIN", "t4", "review", "pending", "", "630020469");
    assert_string_equal(nb_finding_get(x, "why", 0), "glued_ambiguous");
    fx_close(&fx);
}

static void sum_t3_outcomes_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "granted", "3 0 0 0 0 0 3");     /* 3 + 1 partial = 4, (七) total says 3 */
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "SUM-T3-OUTCOMES", 0), "t3", "total", "natural", "4", "3");
    fx_expect_at(fx_get(&fx, "SUM-T3-OUTCOMES", 1), "t3", "total", "total", "4", "3");
    fx_close(&fx);
}

/* A 2021 report that prints （六）其他处理 as one row: the row counts, its three sub-rows are not
 * missing. */
static void sum_t3_outcomes_counts_collapsed_other(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "other.other", ". . . . . . .");
    fx_row(&fx, "t3", "other.no_correction", ". . . . . . .");
    fx_row(&fx, "t3", "other.no_fee", ". . . . . . .");
    fx_row(&fx, "t3", "other", "1 0 0 0 0 0 1");
    fx_row(&fx, "t3", "granted", "1 0 0 0 0 0 1");      /* 1 + 1 partial + 1 other = 3 */
    fx_audit(&fx);
    fx_expect_none(&fx);

    fx_row(&fx, "t3", "granted", "2 0 0 0 0 0 2");      /* now 4 against 3 */
    fx_audit(&fx);
    assert_int_equal(fx_count(&fx, "SUM-T3-OUTCOMES"), 2);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "SUM-T3-OUTCOMES", 0), "t3", "total", "natural", "4", "3");
    assert_non_null(strstr(nb_finding_get(fx_get(&fx, "SUM-T3-OUTCOMES", 0), "cells", 1), "other=1"));
    fx_close(&fx);
}

static void sum_t3_balance_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "forward", "1 0 0 0 0 0 1");      /* 3 + 0 = 3 against 3 + 1 */
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "SUM-T3-BALANCE", 0), "t3", "forward", "natural", "3", "4");
    fx_expect_at(fx_get(&fx, "SUM-T3-BALANCE", 1), "t3", "forward", "total", "3", "4");
    fx_close(&fx);
}

static void sum_t3_balance_holds_with_carried(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "carried", "1 0 0 0 0 0 1");
    fx_row(&fx, "t3", "forward", "1 0 0 0 0 0 1");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void sum_t4_row_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    /* 洪泽区 2023 as printed */
    fx_row(&fx, "t4", "review", "10 1 0 0 0");
    fx_row(&fx, "t4", "suit_direct", "0 0 0 0 0");
    fx_row(&fx, "t4", "suit_after_review", "5 0 0 0 0");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "SUM-T4-ROW", 0), "t4", "review", "total", "11", "0");
    fx_expect_at(fx_get(&fx, "SUM-T4-ROW", 1), "t4", "suit_after_review", "total", "5", "0");
    fx_close(&fx);
}

static void sum_t4_row_holds(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "10 1 0 0 11");
    fx_row(&fx, "t4", "suit_after_review", "5 0 0 0 5");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

/* Money compares as intervals at the printed precision: a template of one decimal row. */
static const nb_col_def money_cols[] = {
    {"a", "甲", "甲", NB_COL_DECIMAL}, {"b", "乙", "乙", NB_COL_DECIMAL},
    {"total", "合计", "合计", NB_COL_DECIMAL | NB_COL_TOTAL},
};
static const nb_row_def money_rows[] = {{"fees", "收费", "收费", NULL, 0}};
static const nb_table_def money_tables[] = {{"t4", "测试", 4, NB_LAYOUT_ROWS, money_cols, 3, money_rows, 1}};
static const nb_sum_def money_sums[] = {{"SUM-T4-ROW", "t4", "row", "total", "a,b", NULL, "total"}};
static const nb_template money_template = {"test", "", money_tables, 1, money_sums, 1, NULL};

static int money_findings(const char *cells, const char **expected, const char **actual)
{
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_tables(&fx, &money_template);
    fx_row(&fx, "t4", "fees", cells);
    fx_run(&fx, NB_RULES_AUDIT);
    int n = fx_count(&fx, "SUM-T4-ROW");
    if (n && expected) *expected = strdup(fx_get(&fx, "SUM-T4-ROW", 0)->expected);
    if (n && actual) *actual = strdup(fx_get(&fx, "SUM-T4-ROW", 0)->actual);
    fx_close(&fx);
    return n;
}

static void sum_money_compares_intervals(void **state)
{
    (void)state;
    assert_int_equal(money_findings("7730.28 0.00 7730.3", NULL, NULL), 0);   /* [7730.25, 7730.35) */
    assert_int_equal(money_findings("0.1 0.2 0.3", NULL, NULL), 0);
    assert_int_equal(money_findings("1 2 3.01", NULL, NULL), 0);              /* whole numbers: ±0.5 */
    assert_int_equal(money_findings("5949.088667 0 5949.09", NULL, NULL), 0);
    const char *e = NULL, *a = NULL;
    assert_int_equal(money_findings("7730.28 0.00 7730.2", &e, &a), 1);
    assert_string_equal(e, "7730.28");
    assert_string_equal(a, "7730.20");
    free((void *)e);
    free((void *)a);
    assert_int_equal(money_findings("0.10 0.20 0.31", NULL, NULL), 0);       /* [0.29, 0.31) ∩ [0.305, 0.315) */
    assert_int_equal(money_findings("0.10 0.20 0.32", NULL, NULL), 1);
    /* intervals that only touch do not overlap: a+b in [3.3, 3.5), the total 4 in [3.5, 4.5) */
    assert_int_equal(money_findings("1.0 2.4 4", NULL, NULL), 1);
    assert_int_equal(money_findings("1.0 2.45 4", NULL, NULL), 0);
}

/* ---- missing ---- */

static void missing_section_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 5);
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "MISSING-SECTION", "section", "5", "", "", "");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0), "未找到第5部分「存在的主要问题及改进情况」。");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 1), "Part 5 (Main problems and improvements) was not found.");
    fx_close(&fx);
}

/* The parts are found in their order: a heading printed before the part it should follow is not
 * taken for it, so every part found starts after the one before and ends where the next begins. */
static void sections_found_in_order(void **state)
{
    (void)state;
    fixture fx;
    /* parts 4 and 5 swapped: the problems printed before table 4 */
    OPEN(&fx, .heads = {[3] = "四、存在的主要问题及改进情况", [4] = "五、政府信息公开行政复议、行政诉讼情况"});
    int found = 0;
    size_t prev_end = 0;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        const nb_section *sec = &fx.r.sec[k];
        if (!sec->found) continue;
        found++;
        assert_true(sec->head >= prev_end);
        assert_true(sec->head < sec->body && sec->body <= sec->end);
        prev_end = sec->end;
    }
    assert_int_equal(found, 5);
    assert_true(fx.r.sec[3].found);   /* table 4's part, where it really is */
    fx_close(&fx);
}

/* The wording variants of real reports' headings are the parts all the same. */
static void missing_section_not_for_heading_variants(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .heads = {[3] = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                        [4] = "五、存在的主要问题及明年工作计划"});
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    OPEN(&fx, .heads = {[4] = "五、政府信息公开工作存在的主要问题及改进情况"});
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    OPEN(&fx, .heads = {[4] = "五、存在的不足和改进措施", [5] = "六、其他需要说明的事项"});
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* a department report renumbering its parts */
    OPEN(&fx, .heads = {[1] = "三、主动公开工作情况", [2] = "四、收到和处理政府信息公开申请情况",
                        [3] = "五、政府信息公开行政复议、行政诉讼情况", [4] = "六、存在的主要问题及改进情况",
                        [5] = "七、其他需要报告的事项"});
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* part 5 printed under its sub-headings only (上海市科委 2024) */
    OPEN(&fx, .drop = 5);
    fx_close(&fx);
    OPEN(&fx, .heads = {[4] = "（一）主要问题"}, .problems = "人手不足。\n（二）改进情况\n加强培训。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    assert_true(fx.r.sec[4].found);
    fx_close(&fx);
    /* but a heading of another part is not part 5 */
    OPEN(&fx, .heads = {[4] = "五、加强组织领导"});
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SECTION", "section", "5", "", "", "");
    fx_close(&fx);
}

/* A part whose heading is in another numbering than the report's (copied with another report's
 * heading: （五） or 5. in a report numbered 一、) is found, between the parts around it; a sub-heading
 * bearing another number is not taken for a part the report left out. */
static void sections_in_another_numbering(void **state)
{
    (void)state;
    static const char *const heads[] = {"（五）存在的主要问题及改进情况", "5. 存在的主要问题及改进情况",
                                        "第五部分　存在的主要问题及改进情况", "　　(五)存在的主要问题及改进情况"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        fixture fx;
        OPEN(&fx, .heads = {[4] = heads[i]});
        fx_audit(&fx);
        fx_expect_none(&fx);
        assert_true(fx.r.sec[4].found);
        assert_true(fx.r.sec[3].end == fx.r.sec[4].head);     /* part 四 ends where part 五 starts */
        assert_non_null(strstr(fx.r.sec[4].heading, "存在的主要问题"));
        fx_close(&fx);
    }
    /* a page flattened to one line: the heading after a sentence's end */
    fixture fx;
    OPEN(&fx, .drop = 5, .heads = {[3] = "四、政府信息公开行政复议、行政诉讼情况\n无。（五）存在的主要问题及改进情况人手不足。"});
    fx_audit(&fx);
    fx_expect_none(&fx);
    assert_true(fx.r.sec[4].found);
    assert_non_null(strstr(fx.r.sec[4].heading, "(五)"));
    fx_close(&fx);
    /* part 二 left out; part 一's sub-heading （一）主动公开情况 is not it */
    OPEN(&fx, .drop = 2, .general = "2023年，我局认真贯彻落实《条例》。\n（一）主动公开情况\n全年主动公开信息120条。");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SECTION", "section", "2", "", "", "");
    assert_false(fx.r.sec[1].found);
    fx_close(&fx);
}

/* More headings as agencies print them (概况, 总述, 主动公开政府信息 with no 情况, a bare 依申请公开,
 * 其他 alone on its line, 需要说明的其他事项 …): every part found, nothing raised. */
static void missing_section_not_for_more_heading_variants(void **state)
{
    (void)state;
    static const char *const sets[][6] = {
        {"一、概况", "二、主动公开政府信息", "三、收到和处理政府信息公开申请", "四、行政复议和行政诉讼情况",
         "五、存在问题及改进措施", "六、其他需要说明的情况"},
        {"一、总述", "二、主动公开政府信息工作开展情况", "三、依申请公开", "四、政府信息公开行政复议、行政诉讼",
         "五、主要问题和改进措施", "六、其他"},
        {"一、工作概述", "二、主动公开情况", "三、依申请公开政府信息情况", "四、行政复议、行政诉讼",
         "五、存在的问题及改进", "六、需要说明的其他事项"},
        {"一、年度工作概况", "二、主动公开", "三、依申请公开工作情况", "四、政府信息公开行政复议、行政诉讼的情况",
         "五、工作中存在的不足及改进措施", "六、其他需要报告事项"},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        fixture fx;
        OPEN(&fx, .heads = {sets[i][0], sets[i][1], sets[i][2], sets[i][3], sets[i][4], sets[i][5]});
        fx_audit(&fx);
        if (fx.f.n) print_message("# set %zu\n", i);
        fx_expect_none(&fx);
        for (int k = 0; k < 6; k++) assert_true(fx.r.sec[k].found);
        fx_close(&fx);
    }
    /* a bare 其他 is a heading only before a space or the line's end */
    fixture fx;
    OPEN(&fx, .heads = {[5] = "六、其他工作"});
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SECTION", "section", "6", "", "", "");
    fx_close(&fx);
}

/* A title wrapped in the middle of a word, or over three lines, is the title all the same. */
static void identity_from_wrapped_titles(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "测试市测试局2023年政府信息公开工作年\n度报告",
        "测试市测试局\n2023年政府信息公开工作\n年度报告",
        "测试市测试局2023年政府信\n息公开工作年度报告",
        "测试市测\n试局2023年政府信息公开工作年度报告",
        "2023年测试市测试局政府信息公开\n工作年度报告",
        /* a line of two characters in the middle (joining it once read past what was joined) */
        "        2023年测试市测试局政府信息公\n              开工\n           作年度报告",
        NULL,
    };
    for (int i = 0; titles[i]; i++) {
        fixture fx;
        OPEN(&fx, .title = titles[i]);
        if (!fx.r.id.agency || strcmp(fx.r.id.agency, "测试市测试局")) print_message("# %s\n", titles[i]);
        assert_non_null(fx.r.id.agency);
        assert_string_equal(fx.r.id.agency, "测试市测试局");
        assert_int_equal(fx.r.id.year, 2023);
        fx_audit(&fx);
        fx_expect_none(&fx);
        fx_close(&fx);
    }
}

/* A CMS page: the title names no agency, the page's ContentSource does; its PubDate stands in for
 * the signature (the missing signature is info, and a late date is judged by it). */
static void identity_from_page_meta(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
                 "<meta name=\"ArticleTitle\" content=\"2023年政府信息公开工作年度报告\">"
                 "<meta name=\"PubDate\" content=\"2024-02-05 10:00\">"
                 "<meta name=\"ContentSource\" content=\"测试市测试局\">"
                 "<title>2023年政府信息公开工作年度报告_测试市人民政府门户网站</title></head><body>"
                 "<p>2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2023年，我局认真贯彻落实《条例》。</p>"
                 "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"
                 "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>无。</p>"
                 "<p>六、其他需要报告的事项</p><p>无。</p></body></html>");
    fx_consistent_2021(&fx);
    assert_string_equal(fx.r.id.agency, "测试市测试局");
    assert_int_equal(fx.r.id.year, 2023);
    assert_string_equal(fx.r.id.published_source, "meta");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    const nb_finding *m = fx_get(&fx, "MISSING-SIGNATURE-DATE", 0);
    assert_int_equal(m->severity, NB_SEV_INFO);
    assert_string_equal(nb_finding_message(&fx.doc->arena, m, 1),
                        "There is no date under the signature at the end of the report. The deadline is judged by "
                        "the page's PubDate meta tag, 2024-02-05.");
    fx_expect_at(fx_get(&fx, "DATE-LATE", 0), "", "", "", "2024-01-31", "2024-02-05");
    fx_close(&fx);
}

/* A pre-2019 report is told by its old statistics table, whatever words it shares with table 3. */
static void pre2019_from_the_old_table(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, "测试县民政局2018年政府信息公开工作年度报告\n一、概述\n2018年，我局认真贯彻落实《条例》。\n"
                 "附表：政府信息公开情况统计表\n指标名称\t计量单位\t2018年度\t历年累计\n"
                 "（一）收到申请数\t件\t5\t30\n（二）申请答复数\t件\t5\t30\n"
                 "1.同意公开答复数\t件\t3\t20\n2.同意部分公开答复数\t件\t1\t2\n"
                 "其中：涉及国家秘密\t件\t0\t1\n危及国家安全、公共安全、经济安全和社会稳定\t件\t0\t0\n"
                 "举报投诉数量\t件\t0\t0\n行政复议数量\t件\t0\t0\n"
                 "六、政府信息公开工作存在的主要问题及改进情况\n人手不足。\n");
    nb_read_tables(&fx.r);
    assert_string_equal(fx.r.tables->version, "pre2019");
    assert_int_equal(fx.doc->status, NB_STATUS_PRE2019);
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-PRE2019", "", "", "", "", "");
    fx_close(&fx);
}

static void missing_section_not_for_pre2019(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 5);
    fx.r.tables = NULL;
    fx.doc->status = NB_STATUS_PRE2019;
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-PRE2019", "", "", "", "", "");
    fx_close(&fx);
}

static void missing_table_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    nb_table *t4 = fx_table(&fx, "t4");
    t4->found = 0;
    memset(t4->row_found, 0, (size_t)t4->def->nrows);
    memset(t4->cells, 0, (size_t)(t4->def->nrows * t4->def->ncols) * sizeof *t4->cells);
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-TABLE", "t4", "", "", "", "");
    fx_close(&fx);
}

static void missing_table_not_without_template(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx.r.tables = NULL;                          /* the tables were not read: nothing to say */
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void missing_row_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "denied.query", ". . . . . . .");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "MISSING-ROW", "t3", "denied.query", "", "", "");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0), "表三缺少「8.属于行政查询事项」一行（denied.query）。");
    fx_close(&fx);
}

/* A 2021 report printing （六）'s group without one of its rows. */
static void missing_row_fires_in_a_group(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "other.no_fee", ". . . . . . .");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-ROW", "t3", "other.no_fee", "", "", "");
    fx_close(&fx);
}

static void missing_row_not_for_optional_rows(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    /* a 2021 report without any （六） row at all: all four are optional */
    fx_row(&fx, "t3", "other.no_correction", ". . . . . . .");
    fx_row(&fx, "t3", "other.no_fee", ". . . . . . .");
    fx_row(&fx, "t3", "other.other", ". . . . . . .");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void missing_cell_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "_ _ _ _ _");             /* the seed report's 行政复议 */
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 5);
    static const char *const cols[] = {"upheld", "corrected", "other", "pending", "total"};
    for (int k = 0; k < 5; k++) fx_expect_at(fx_get(&fx, "MISSING-CELL", k), "t4", "review", cols[k], "", "");
    assert_int_equal(fx_get(&fx, "MISSING-CELL", 0)->rule->severity, NB_SEV_INFO);
    fx_close(&fx);
}

static void missing_cell_not_for_a_mark(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "— / - 无 —");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void missing_total_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    /* 上海市科委 2024: one request carried forward, its total left empty */
    fx_row(&fx, "t3", "new", "4 0 0 0 0 0 4");
    fx_row(&fx, "t3", "forward", "1 0 0 0 0 0 _");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 4);
    fx_expect_at(fx_get(&fx, "SUM-T3-ROW", 0), "t3", "forward", "total", "1", "0");
    fx_expect_at(fx_get(&fx, "SUM-T3-BALANCE", 0), "t3", "forward", "total", "4", "3");
    fx_expect_at(fx_get(&fx, "MISSING-CELL", 0), "t3", "forward", "total", "", "");
    const nb_finding *x = fx_get(&fx, "MISSING-TOTAL", 0);
    fx_expect_at(x, "t3", "forward", "total", "", "");
    assert_string_equal(nb_finding_get(x, "nonzero", 0), "natural=1");
    fx_close(&fx);
}

/* A blank cell beside numbers is missing (info), but only a blank total is MISSING-TOTAL. */
static void missing_total_only_for_a_total(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "new", "4 _ 0 0 0 0 4");
    fx_audit(&fx);
    fx_expect_at(fx_get(&fx, "MISSING-CELL", 0), "t3", "new", "commercial", "", "");
    fx_expect_no(&fx, "MISSING-TOTAL");
    fx_close(&fx);
}

static void missing_total_not_when_row_is_blank(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t3", "forward", "0 0 0 0 0 0 —");
    fx_row(&fx, "t4", "review", "— — — — —");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void missing_identity_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .title = "");                      /* no title: no agency, no year either */
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 3);
    fx_expect_at(fx_get(&fx, "MISSING-TITLE", 0), "", "", "", "", "");
    fx_expect_at(fx_get(&fx, "MISSING-AGENCY", 0), "", "", "", "", "");
    fx_expect_at(fx_get(&fx, "MISSING-YEAR", 0), "", "", "", "", "");
    fx_close(&fx);

    OPEN(&fx, .drop = 0);
    fx.r.id.agency = NULL;                       /* read a title, but no agency in it */
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-AGENCY", "", "", "", "", "");
    fx_close(&fx);
}

/* Titles as agencies write them: the year after the words, 关于 and 的, the year in Chinese numerals.
 * Each is the report's identity, and nothing is missing. */
static void title_wordings_raise_nothing(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "测试市测试局政府信息公开工作2023年度报告",
        "测试市测试局关于2023年政府信息公开工作的年度报告",
        "关于测试市测试局2023年度政府信息公开工作年度报告",
        "测试市测试局二〇二三年政府信息公开工作年度报告",
        "测试市测试局2023年度政府信息公开年报",
        NULL,
    };
    for (int i = 0; titles[i]; i++) {
        fixture fx;
        OPEN(&fx, .title = titles[i]);
        fx_audit(&fx);
        if (fx.f.n) print_message("# %s\n", titles[i]);
        fx_expect_none(&fx);
        assert_string_equal(fx.r.id.agency, "测试市测试局");
        assert_int_equal(fx.r.id.year, 2023);
        fx_close(&fx);
    }
}

static void missing_signature_date_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "");
    fx_close(&fx);
}

/* What a browser or a word processor prints under the signature at the page's foot (the address,
 * the page number, the time printed), an office's remark and a site's footer printed with the page
 * are not the end of the report: the date above them is the signature's. A table's last row is not
 * furniture. */
static void signature_date_above_print_furniture(void **state)
{
    (void)state;
    static const char *const after[] = {
        "http://www.example.gov.cn/zwgk/ndbg/r0009.html 2/2",
        "file:///tmp/report.html\n3/3",
        "第 3 页 共 3 页",
        "- 3 -",
        "3",
        "Page 3 of 3",
        "2024/6/1 10:15",
        "6/1/24, 10:15 AM",
        "（此件公开发布）",
        /* a government site's footer, printed with the page */
        "主办单位：政府办公室　版权所有",
        "主办：测试市测试局　承办：测试市测试局信息中心\n网站标识码：1234567890　苏ICP备12345678号　苏公网安备 176366555号",
        "主办单位：测试市测试局\n地址：人民路12号　联系电话：025-12345678\n浙ICP备12345678号-1",
        "版权所有：测试市测试局　技术支持：大数据管理中心\n联系我们 | 网站地图 | 建议使用1920×1080分辨率浏览",
        NULL,
    };
    for (int i = 0; after[i]; i++) {
        static char date[256];
        snprintf(date, sizeof date, "2024年1月20日\n%s", after[i]);
        fixture fx;
        OPEN(&fx, .date = date);
        fx_audit(&fx);
        if (fx.f.n) print_message("# %s\n", after[i]);
        fx_expect_none(&fx);
        assert_int_equal(fx.r.id.signed_on.found, 1);
        assert_int_equal(fx.r.id.signed_on.d, 20);
        assert_string_equal(fx.r.id.signed_by, "测试市测试局");
        fx_close(&fx);
    }
    fixture fx;
    OPEN(&fx, .date = "2024年1月20日\n0 0 0 0 0");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "");
    fx_close(&fx);
}

/* A CMS page's information box states the document's 成文日期: with no signature at the end, it is
 * the date judged; a signature, when there is one, comes first. */
static void written_date_of_a_page_stands_for_the_signature(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .header = "索引号：11320800/2024-00012 成文日期：2024-01-22 发布机构：测试市测试局\n", .date = "");
    fx_audit(&fx);
    fx_expect_none(&fx);
    assert_int_equal(fx.r.id.signed_on.m, 1);
    assert_int_equal(fx.r.id.signed_on.d, 22);
    fx_close(&fx);
    OPEN(&fx, .header = "成文日期：2024年03月05日\n", .date = "");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-01-31", "2024-03-05");
    fx_close(&fx);
    OPEN(&fx, .header = "成文日期：2024年03月05日\n");
    fx_audit(&fx);
    fx_expect_none(&fx);
    assert_int_equal(fx.r.id.signed_on.d, 20);
    fx_close(&fx);
}

/* ---- dates ---- */

static void date_early_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "2023年1月24日");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "DATE-EARLY", "", "", "", "2024-01-01", "2023-01-24");
    assert_int_equal(x->page, 1);
    fx_close(&fx);
}

static void date_early_not_on_new_year(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "二〇二四年一月一日");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void date_late_department(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "2024年1月31日");          /* the deadline day itself */
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    OPEN(&fx, .date = "2024年2月1日");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-01-31", "2024-02-01");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0),
                        "落款日期 2024-02-01 晚于截止日期 2024-01-31（《条例》第四十九条：政府部门的年度报告于1月31日前）。");
    fx_close(&fx);
}

/* Reports for 2018 and before: the 2007 条例, 31 March for every agency, a department's too; from
 * the 2019 report on, a department's is due by 31 January. */
static void date_late_2018_by_the_old_regulations(void **state)
{
    (void)state;
    fixture fx;
    const char *t2018 = "测试市测试局2018年政府信息公开工作年度报告", *p2018 = "本报告统计期限自2018年1月1日起至2018年12月31日止。";
    OPEN(&fx, .title = t2018, .period = p2018, .date = "2019年3月31日");
    fx_audit(&fx);
    fx_expect_no(&fx, "DATE-LATE");
    fx_close(&fx);
    OPEN(&fx, .title = t2018, .period = p2018, .date = "2019年4月1日");
    fx_audit(&fx);
    fx_expect_at(fx_get(&fx, "DATE-LATE", 0), "", "", "", "2019-03-31", "2019-04-01");
    fx_close(&fx);
    OPEN(&fx, .title = "测试市测试局2019年政府信息公开工作年度报告", .period = "本报告统计期限自2019年1月1日起至2019年12月31日止。",
         .date = "2020年2月1日");
    fx_audit(&fx);
    fx_expect_at(fx_get(&fx, "DATE-LATE", 0), "", "", "", "2020-01-31", "2020-02-01");
    fx_close(&fx);
}

static void date_late_government(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .title = "测试市人民政府2023年政府信息公开工作年度报告", .signer = "测试市人民政府",
         .date = "2024年3月31日");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    OPEN(&fx, .title = "测试市人民政府2023年政府信息公开工作年度报告", .signer = "测试市人民政府",
         .date = "2024年4月1日");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-03-31", "2024-04-01");
    fx_close(&fx);
}

static void date_late_deadline_option(void **state)
{
    (void)state;
    fixture fx;
    const char *err;
    OPEN(&fx, .date = "2024年2月15日");
    nb_audit_opts_free(&fx.o);
    assert_int_equal(nb_audit_opts_init(&fx.o, "2024-06-01", "02-15", NULL, 0, &err), 0);
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    OPEN(&fx, .date = "2024年2月16日");
    nb_audit_opts_free(&fx.o);
    assert_int_equal(nb_audit_opts_init(&fx.o, "2024-06-01", "02-15", NULL, 0, &err), 0);
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-02-15", "2024-02-16");
    assert_string_equal(nb_finding_get(x, "basis", 1), "the deadline given (--deadline)");
    fx_close(&fx);
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", nb_test_tmpdir(), name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void date_late_per_agency_override(void **state)
{
    (void)state;
    fixture fx;
    const char *err;
    const char *path = write_tmp("deadlines.csv", "\xEF\xBB\xBF" "agency,deadline\n测试市测试局,01-10\n其他局,03-31\n");
    OPEN(&fx, .drop = 0);                        /* signed 2024-01-20, within the legal date */
    nb_audit_opts_free(&fx.o);
    /* the override beats --deadline too */
    assert_int_equal(nb_audit_opts_init(&fx.o, "2024-06-01", "03-31", path, 0, &err), 0);
    assert_int_equal(fx.o.noverrides, 2);
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-01-10", "2024-01-20");
    assert_string_equal(nb_finding_get(x, "basis", 0), "按机关设定的截止日期（--deadlines）");
    fx_close(&fx);

    path = write_tmp("deadlines-bad.csv", "测试市测试局,01-10\n其他局,13-01\n");
    nb_audit_opts o;
    assert_int_equal(nb_audit_opts_init(&o, NULL, NULL, path, 1, &err), -1);
    assert_non_null(strstr(err, "line 2"));
    nb_audit_opts_free(&o);
}

static void date_late_by_publication_date(void **state)
{
    (void)state;
    fixture fx;
    /* no signature: a crawler's 发布时间 is judged for lateness, and the message says so */
    OPEN(&fx, .date = "", .signer = "",
         .header = "标题: 测试市测试局2023年政府信息公开工作年度报告\n发布时间: 2024-02-05 10:00\n"
                   "==================== 正文 ====================\n");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    /* the publication date stands in: the missing signature is info, and names the date judged */
    const nb_finding *m = fx_get(&fx, "MISSING-SIGNATURE-DATE", 0);
    assert_int_equal(m->severity, NB_SEV_INFO);
    assert_string_equal(m->actual, "2024-02-05");
    assert_string_equal(nb_finding_message(&fx.doc->arena, m, 0),
                        "报告末尾没有落款日期（成文日期）。期限按网页采集的“发布时间” 2024-02-05 判断。");
    const nb_finding *x = fx_get(&fx, "DATE-LATE", 0);
    fx_expect_at(x, "", "", "", "2024-01-31", "2024-02-05");
    assert_string_equal(nb_finding_get(x, "which", 1), "publication date (the crawler's 发布时间 header)");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 1),
                        "The publication date (the crawler's 发布时间 header) 2024-02-05 is after the deadline "
                        "2024-01-31 (regulations art. 49: a department's report by 31 January).");
    fx_close(&fx);

    /* but a publication date is never early: only the missing signature */
    OPEN(&fx, .date = "", .signer = "",
         .header = "标题: 测试市测试局2023年政府信息公开工作年度报告\n发布时间: 2023-12-20 10:00\n"
                   "==================== 正文 ====================\n");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "2023-12-20");
    fx_close(&fx);
}

/* A 发布日期 line of the page (top or foot) is a publication date too; a PDF's creation date is shown
 * but never judged, and leaves the missing signature a warning. */
static void date_late_by_publication_line(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "", .signer = "", .header = "发布日期：2024年2月6日\n");
    fx_audit(&fx);
    assert_string_equal(fx.r.id.published_source, "text");
    assert_int_equal(fx.f.n, 2);
    assert_int_equal(fx_get(&fx, "MISSING-SIGNATURE-DATE", 0)->severity, NB_SEV_INFO);
    fx_expect_at(fx_get(&fx, "DATE-LATE", 0), "", "", "", "2024-01-31", "2024-02-06");
    fx_close(&fx);

    OPEN(&fx, .date = "", .signer = "", .other = "无。\n打印本页 关闭窗口\n发布时间：2024-01-30 09:12");
    fx_audit(&fx);
    assert_string_equal(fx.r.id.published_source, "text");
    const nb_finding *m = fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "2024-01-30");
    assert_int_equal(m->severity, NB_SEV_INFO);
    fx_close(&fx);

    /* a page listing other articles with their dates: lines that disagree give no date */
    OPEN(&fx, .date = "", .signer = "", .header = "发布时间：2024-01-25\n",
         .other = "无。\n相关文章 发布时间：2024-06-10");
    fx_audit(&fx);
    assert_false(fx.r.id.published.found);
    assert_int_equal(fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "")->severity, NB_SEV_WARNING);
    fx_close(&fx);

    OPEN(&fx, .date = "", .signer = "");
    fx.r.id.published = (nb_date){1, 2024, 5, 1, 0, "2024-05-01"};
    fx.r.id.published_source = "pdf-creation";
    fx_audit(&fx);
    const nb_finding *w = fx_expect_only(&fx, "MISSING-SIGNATURE-DATE", "", "", "", "", "");
    assert_int_equal(w->severity, NB_SEV_WARNING);
    fx_close(&fx);
}

static void date_impossible_fires_alone(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .date = "2024年2月30日");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-IMPOSSIBLE", "", "", "", "", "2024-02-30");
    fx_close(&fx);
}

/* The calendar: a century is a leap year only when divisible by 400. */
static void calendar_knows_century_leap_years(void **state)
{
    (void)state;
    assert_true(nb_date_valid(2024, 2, 29));
    assert_true(nb_date_valid(2000, 2, 29));
    assert_false(nb_date_valid(2023, 2, 29));
    assert_false(nb_date_valid(1900, 2, 29));
    assert_false(nb_date_valid(2100, 2, 29));
    assert_false(nb_date_valid(2024, 4, 31));
    assert_true(nb_date_valid(2024, 12, 31));
    assert_false(nb_date_valid(2024, 13, 1));
}

static void date_impossible_not_on_leap_day(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .title = "测试区人民政府2023年政府信息公开工作年度报告", .signer = "测试区人民政府",
         .date = "2024年2月29日");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void date_future_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .title = "测试市人民政府2023年政府信息公开工作年度报告", .signer = "测试市人民政府",
         .date = "2024年3月1日");
    nb_audit_opts_free(&fx.o);
    const char *err;
    assert_int_equal(nb_audit_opts_init(&fx.o, "2024-02-01", NULL, NULL, 0, &err), 0);
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-FUTURE", "", "", "", "2024-02-01", "2024-03-01");
    fx_close(&fx);
    OPEN(&fx, .date = "2024年7月1日");           /* past the deadline as well */
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "DATE-LATE", 0), "", "", "", "2024-01-31", "2024-07-01");
    fx_expect_at(fx_get(&fx, "DATE-FUTURE", 0), "", "", "", "2024-06-01", "2024-07-01");
    fx_close(&fx);
    OPEN(&fx, .date = "2024年6月1日");           /* today itself: late, not future */
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-01-31", "2024-06-01");
    fx_close(&fx);
}

static void date_period_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .period = "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-PERIOD", "", "", "", "2023-01-01/2023-12-31", "2022-01-01/2022-12-31");
    fx_close(&fx);
}

static void date_period_must_end_on_31_december(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .period = "本报告统计期限自2023年1月1日起至2023年12月30日止。");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-PERIOD", "", "", "", "2023-01-01/2023-12-31", "2023-01-01/2023-12-30");
    fx_close(&fx);
}

static void date_period_short_form_holds(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .period = "本年度报告中所列数据的统计周期为 2023 年 1 月 1 日至 12 月 31 日。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void date_stale_year_fires(void **state)
{
    (void)state;
    fixture fx;
    /* the plan for the next year, written in last year's report, names 2023: it does not count */
    OPEN(&fx, .general = "2022年，我局认真贯彻落实《条例》。2022年以来，我局不断完善制度。",
         .problems = "2022年度，人手不足。2023年，我局将进一步加强培训。");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "DATE-STALE-YEAR", "", "", "", "2023", "2022");
    assert_string_equal(nb_finding_get(x, "count", 0), "3");
    fx_close(&fx);
}

/* One mention of last year is no copy: 2022年 named once, and the current year not at all. */
static void date_stale_year_not_for_one_mention(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "我局认真贯彻落实《条例》。2022年，公开内容不断拓展。");
    fx_audit(&fx);
    fx_expect_no(&fx, "DATE-STALE-YEAR");
    fx_close(&fx);
}

static void date_stale_year_not_with_current_year(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2022年，我局认真贯彻落实《条例》。2022年以来，我局不断完善制度。2023年，我局继续推进。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

/* 自2022年以来 in a 2023 report is a span that began last year, not last year spoken of as this one:
 * a report that calls its own year 本年度 and says so twice is not stale. */
static void date_stale_year_not_for_a_span_since_last_year(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "本年度，我局认真贯彻落实《条例》。自2022年以来，我局不断完善制度。从 2022年以来，我局持续推进标准化建设。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* without 自/从 the phrases still count */
    OPEN(&fx, .general = "本年度，我局认真贯彻落实《条例》。2022年以来，我局不断完善制度。2022年，我局持续推进标准化建设。");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-STALE-YEAR", "", "", "", "2023", "2022");
    fx_close(&fx);
}

/* ---- prose ---- */

static void prose_no_applications_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年度，我局未收到政府信息公开申请。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-NO-APPLICATIONS", "", "", "", "0", "3");
    fx_close(&fx);
}

static void prose_no_applications_not_for_other_units(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年度，各乡镇均未收到政府信息公开申请。对申请人补正材料，未收到申请人回复的不再处理。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* some units counted, a relative clause, how one request was treated: not the agency's own zero */
    OPEN(&fx, .general = "2023年度，全局有5个科室未收到政府信息公开申请。未收到政府信息公开申请的科室也开展了培训。"
                         "对不属于本机关职责的，未受理申请并告知申请人。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* the agency's own zero is still compared */
    OPEN(&fx, .general = "2023年度，我局未收到政府信息公开申请。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-NO-APPLICATIONS", "", "", "", "0", "3");
    fx_close(&fx);
}

static void prose_applications_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，我局共收到政府信息公开申请5件，均已按时答复。");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "PROSE-APPLICATIONS", "", "", "", "5", "3");
    assert_string_equal(nb_finding_get(x, "cell", 0), "t3.new.total");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 1),
                        "The text says '我局共收到政府信息公开申请5件' (5), which agrees with no reading of table 3: "
                        "new requests 3, new plus carried over 3.");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0),
                        "正文称「我局共收到政府信息公开申请5件」（5 件），与表三的任何一种口径都不符：本年新收 3、"
                        "本年新收加上年结转 3。");
    fx_close(&fx);
}

/* new 3, carried 1, （七）总计 4: a count agreeing with any reading its verb allows is consistent. */
static void open_with_carried(fixture *fx, const char *general)
{
    OPEN(fx, .general = general);
    fx_row(fx, "t3", "carried", "1 0 0 0 0 0 1");
    fx_row(fx, "t3", "granted", "3 0 0 0 0 0 3");
    fx_row(fx, "t3", "total", "4 0 0 0 0 0 4");
}

static void prose_applications_agree(const char *general)
{
    fixture fx;
    open_with_carried(&fx, general);
    fx_audit(&fx);
    if (fx.f.n) print_message("# %s\n", general);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static const nb_finding *prose_applications_differ(fixture *fx, const char *general, const char *said,
                                                   const char *counted)
{
    open_with_carried(fx, general);
    fx_audit(fx);
    return fx_expect_only(fx, "PROSE-APPLICATIONS", "", "", "", said, counted);
}

static void prose_applications_with_carried(void **state)
{
    (void)state;
    fixture fx;
    /* received or accepted: the new ones (3) or new and carried (4) */
    prose_applications_agree("2023年，我局共收到政府信息公开申请4件（含上年结转1件）。");
    prose_applications_agree("2023年，我局收到政府信息公开申请4件。");
    prose_applications_agree("2023年，我局受理政府信息公开申请3件。");
    /* handled, concluded, answered: also （七）总计 */
    prose_applications_agree("2023年，我局共办理政府信息公开申请4件（含上年结转1件），均在法定期限内答复。");
    prose_applications_agree("2023年，我局办结政府信息公开申请4件。");
    prose_applications_agree("2023年，我局答复政府信息公开申请4件（含上年度结转申请1件）。");
    /* 不含上年结转 says the count is the new ones */
    prose_applications_agree("2023年，我局共收到政府信息公开申请3件（不含上年结转1件）。");
    prose_applications_agree("2023年，我局受理政府信息公开申请3件，未包括上年结转的1件。");
    prose_applications_agree("2023年，我局收到政府信息公开申请3件（不包含上年结转申请1件）。");
    /* a note about carried requests after a ';' belongs to the next count (上海 2019) */
    prose_applications_agree("2023年，我局受理政府信息公开申请3件；答复政府信息公开申请4件（含上年度结转申请1件）。");
    /* 新收 is the new ones only */
    prose_applications_differ(&fx, "2023年，我局新收政府信息公开申请4件。", "4", "3");
    fx_close(&fx);
    /* a count saying it includes the carried ones: not the new ones alone */
    const nb_finding *x = prose_applications_differ(&fx, "2023年，我局共收到政府信息公开申请3件，其中上年结转1件。",
                                                    "3", "4");
    assert_string_equal(nb_finding_get(x, "readings", 1), "new plus carried over 4");
    assert_string_equal(nb_finding_get(x, "cell", 0), "t3.new.total+t3.carried.total");
    fx_close(&fx);
    x = prose_applications_differ(&fx, "2023年，我局共办理政府信息公开申请5件（含上年结转1件）。", "5", "4");
    assert_string_equal(nb_finding_get(x, "readings", 0), "本年新收加上年结转 4、（七）总计 4");
    fx_close(&fx);
    /* handled 9: none of the three readings */
    x = prose_applications_differ(&fx, "2023年，我局共办理政府信息公开申请9件，均在法定期限内答复。", "9", "3");
    assert_string_equal(nb_finding_get(x, "readings", 1), "new requests 3, new plus carried over 4, (七) total 4");
    fx_close(&fx);
    prose_applications_differ(&fx, "2023年，我局收到政府信息公开申请5件。", "5", "3");
    fx_close(&fx);
}

/* Each report (new 3, carried 1) says 5 applications: one PROSE-APPLICATIONS, 5 against 3. */
static void prose_applications_each_say_5(const char *const *generals)
{
    fixture fx;
    for (int i = 0; generals[i]; i++) {
        open_with_carried(&fx, generals[i]);
        fx_audit(&fx);
        if (fx.f.n != 1) print_message("# %s\n", generals[i]);
        fx_expect_only(&fx, "PROSE-APPLICATIONS", "", "", "", "5", "3");
        fx_close(&fx);
    }
}

/* The ways reports name the applications: 公开申请, 依申请公开, a bare 申请 in a paragraph about
 * disclosure; and a count on behalf of the report's own government is compared. */
static void prose_applications_phrasings(void **state)
{
    (void)state;
    static const char *const differ[] = {
        "2023年，我局共受理公开申请5件，均已按时答复。",
        "2023年，我局办结依申请公开5件。",
        "（二）依申请公开情况。2023年，我局共受理申请5件。",
        "2023年，我局共收到5件政府信息公开申请。",
        "2023年，区政府办代表区政府受理政府信息公开申请5件。",
        NULL,
    };
    prose_applications_each_say_5(differ);
    static const char *const agree[] = {
        "2023年，我局共受理公开申请4件。",
        "2023年，我局办结依申请公开4件。",
        /* a bare 申请 with nothing about disclosure near it: someone else's applications */
        "2023年，政务服务中心共受理申请12000件。",
        /* 代表 someone other than a government: another scope */
        "2023年，各乡镇代表处共受理政府信息公开申请9件。",
        "2023年，我局受理行政许可申请300件。",
        NULL,
    };
    for (int i = 0; agree[i]; i++) prose_applications_agree(agree[i]);
}

/* How agencies phrase counts the table does not hold (new 3, carried 1, （七）总计 4 here): part of
 * the year, a total over years, a comparison with a year named in digits or Chinese numerals, a
 * scope narrower or wider than the agency's, more than applications, a sentence breaking a count
 * down or setting it beside another year's. None claims a number that contradicts the table. */
static void prose_applications_other_spans_silent(void **state)
{
    (void)state;
    static const char *const agree[] = {
        "二〇二二年，我局共受理政府信息公开申请6件。",
        "2023年，我局共受理政府信息公开申请3件，二〇二二年受理政府信息公开申请6件。",
        "2021年至2023年，我局共受理政府信息公开申请20件。",
        "2021—2023年，我局共受理政府信息公开申请20件。",
        "2021-2023年，我局共受理政府信息公开申请20件。",
        "2023年上半年，我局共受理政府信息公开申请2件。",
        "第四季度，我局共受理政府信息公开申请2件。",
        "2023年1-6月，我局共受理政府信息公开申请2件。",
        "12月份，我局受理政府信息公开申请2件。",
        "截至目前，我局共受理政府信息公开申请400件。",
        "《条例》施行至今，我局共受理政府信息公开申请400件。",
        "三年来，我局共受理政府信息公开申请40件。",
        "“十三五”期间，我局共受理政府信息公开申请40件。",
        "2023年，我局共受理政府信息公开申请3件，较2022年受理的政府信息公开申请6件有所回落。",
        "2023年，我局受理咨询和政府信息公开申请50件。",
        "2023年，部分科室受理政府信息公开申请2件。",
        "2023年，个别单位受理政府信息公开申请2件。",
        "2023年，我局及各县区分局共受理政府信息公开申请40件。",
        "2023年，我局共受理政府信息公开申请3件，往年受理政府信息公开申请10件。",
        "2023年，我局共受理政府信息公开申请3件，前一年受理政府信息公开申请10件。",
        "2023年，我局受理政府信息公开申请3件，与上一年度受理政府信息公开申请6件相比有所回落。",
        "2023年，局办公室受理政府信息公开申请2件，执法支队受理政府信息公开申请1件。",
        "2023年，我局通过网上申请受理政府信息公开申请2件，通过信函受理政府信息公开申请1件。",
        "2023年，我局收到政府信息公开申请三件，二〇二二年收到政府信息公开申请六件。",
        "2023年上半年，我局未收到政府信息公开申请。",
        "2023年，部分科室未收到政府信息公开申请。",
        "2023年，我局除网上申请外，未收到政府信息公开申请。",
        "2023年，我局除上年结转外，共收到政府信息公开申请2件。",
        "2023年，我局网上平台未收到政府信息公开申请，当面申请3件。",
        "2023年，我局信函渠道未收到政府信息公开申请。",
        "二〇二一年至二〇二三年，我局共受理政府信息公开申请15件。",
        "2023年，局办公室受理政府信息公开申请2件，各分局受理政府信息公开申请2件。",
        "2023年，我局受理群众来信、来电和政府信息公开申请30件。",
        NULL,
    };
    for (int i = 0; agree[i]; i++) prose_applications_agree(agree[i]);
}

/* ...and where the sentence does claim the report's own count, it is still compared: the year in
 * Chinese numerals, a date range within the year, the same count said twice, 部分公开 (an outcome, not
 * a scope), a comparison word in another clause. */
static void prose_applications_own_count_still_fires(void **state)
{
    (void)state;
    static const char *const differ[] = {
        "二〇二三年，我局共受理政府信息公开申请5件。",
        "2023年，我局共受理政府信息公开申请5件，办结政府信息公开申请5件。",
        "2023年1月1日至12月31日，我局共受理政府信息公开申请5件。",
        "2023年，我局共受理政府信息公开申请5件，部分公开1件。",
        "2023年，我局共受理政府信息公开申请5件，较上年减少1件。",
        "2023年，我局共受理政府信息公开申请五件。",
        "2023年，我局共受理政府信息公开申请5件次。",
        /* last year's count beside it is not a breakdown */
        "2022年，我局共受理政府信息公开申请6件；2023年，我局共受理政府信息公开申请5件。",
        NULL,
    };
    fixture fx;
    prose_applications_each_say_5(differ);
    /* none for three years running includes this one */
    OPEN(&fx, .general = "我局连续三年未收到政府信息公开申请。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-NO-APPLICATIONS", "", "", "", "0", "3");
    fx_close(&fx);
}

/* Case counts: a case carried from last year's, or a sentence breaking counts down, is not compared;
 * the report's own count still is (the fixture's table 4 has no cases). */
static void prose_cases_carried_or_broken_down(void **state)
{
    (void)state;
    fixture fx;
    static const char *const silent[] = {
        "2023年，我局上年度结转的政府信息公开行政复议案件1件已审结。",
        "2023年，我局政府信息公开行政复议案件1件（上年结转），已审结。",
        "2023年上半年，我局因政府信息公开工作被申请行政复议2件。",
        "2023年，我局因政府信息公开工作被申请行政复议0件，二〇二二年被申请行政复议2件。",
        NULL,
    };
    for (int i = 0; silent[i]; i++) {
        OPEN(&fx, .general = silent[i]);
        fx_audit(&fx);
        if (fx.f.n) print_message("# %s\n", silent[i]);
        fx_expect_none(&fx);
        fx_close(&fx);
    }
    OPEN(&fx, .general = "2023年，我局因政府信息公开工作被申请行政复议2件，被提起行政诉讼0件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
    OPEN(&fx, .general = "二〇二三年，我局因政府信息公开工作被申请行政复议2件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
}

/* A count by applicant or by channel is a part of the whole; a statement with two verbs allows the
 * readings of both. */
static void prose_applications_parts_and_two_verbs(void **state)
{
    (void)state;
    static const char *const agree[] = {
        "2023年，我局收到自然人提出的政府信息公开申请2件，法人或其他组织提出的政府信息公开申请1件。",
        "2023年，我局共收到网上政府信息公开申请2件、信函申请1件。",
        "2023年，我局收到当面提交的政府信息公开申请1件。",
        /* 收到并办理: received (3, 4) or handled (also （七）总计 4) */
        "2023年，我局共收到并办理政府信息公开申请4件。",
        NULL,
    };
    for (int i = 0; agree[i]; i++) prose_applications_agree(agree[i]);
    fixture fx;
    prose_applications_differ(&fx, "2023年，我局共收到并办结政府信息公开申请6件。", "6", "3");
    fx_close(&fx);
}

/* ---- written in ways nobody tuned the rules to (the generator's prose variety) ---- */

/* Parts numbered （一）…（六） (with 1． under them) or 1. … 6.: every part is found; a report numbered
 * 一、 that lacks a part is still told so although its 一 holds （一）主动公开 / （二）依申请公开. */
static void sections_numbered_otherwise(void **state)
{
    (void)state;
    static const char *const styles[][6] = {
        {"（一）总体情况", "（二）主动公开政府信息情况", "（三）收到和处理政府信息公开申请情况",
         "（四）政府信息公开行政复议、行政诉讼情况", "（五）存在的主要问题及改进情况", "（六）其他需要报告的事项"},
        {"1. 总体情况", "2. 主动公开政府信息情况", "3. 收到和处理政府信息公开申请情况", "4. 政府信息公开行政复议、行政诉讼情况",
         "5. 存在的主要问题及改进情况", "6. 其他需要报告的事项"},
        {"第一部分　总体情况", "第二部分　主动公开政府信息情况", "第三部分　收到和处理政府信息公开申请情况",
         "第四部分　政府信息公开行政复议、行政诉讼情况", "第五部分　存在的主要问题及改进情况", "第六部分　其他需要报告的事项"},
    };
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        fixture fx;
        OPEN(&fx, .heads = {styles[i][0], styles[i][1], styles[i][2], styles[i][3], styles[i][4], styles[i][5]});
        fx_audit(&fx);
        if (fx.f.n) print_message("# %s\n", styles[i][0]);
        fx_expect_none(&fx);
        for (int k = 0; k < 6; k++) assert_true(fx.r.sec[k].found);
        fx_close(&fx);
    }
    fixture fx;
    OPEN(&fx, .drop = 2, .general = "2023年，我局认真贯彻落实《条例》。\n（一）主动公开情况\n全年主动公开信息30条。\n"
                                    "（二）依申请公开情况\n全年共收到政府信息公开申请3件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "MISSING-SECTION", "section", "2", "", "", "");
    fx_close(&fx);
}

/* Signature dates as reports print them: in digits with one separator, with ○ or 零 for zero, the
 * date above the agency, a 版记 (…印发) under it, a flattened page's end with the date first, and
 * one with the attachment's name or the contact run on after the signature (the date was lost). */
static void signature_dates_written_otherwise(void **state)
{
    (void)state;
    static const struct { const char *signer, *date; } sig[] = {
        {"测试市测试局", "2024-01-20"}, {"测试市测试局", "2024.1.20"}, {"测试市测试局", "2024/1/20"},
        {"测试市测试局", "二○二四年一月二十日"}, {"测试市测试局", "二零二四年一月二十日"},
        {"2024年1月20日", "测试市测试局"},
        {"测试市测试局", "2024年1月20日\n测试市测试局办公室　　2024年1月22日印发"},
        {"测试市测试局", "2024年1月20日\n抄送：测试市人民政府办公室。"},
        {"测试市测试局", "2024年1月20日\n附件：测试市测试局2023年政府信息公开情况统计表"},
        {"测试市测试局", "2024年1月20日\n附件：测试市测试局2023年政府信息公开情\n况统计表"},
        {"测试市测试局", "2024年1月20日\n（联系人：王伟，联系电话：0551-12345678）"},
        {"测试市测试局", "2024年1月20日\n测试市测试局办公室　　2024年1月22日\n印发"},
        {"测试市测试局", "2024年1月20日\n测试市测试局办公室　　2024年1月2\n2日印发"},
        {"", "无其他需要报告的事项。二〇二四年一月二十日测试市测试局"},
        {"", "无其他需要报告的事项。测试市测试局2024.1.20测试市测试局办公室　　2024年1月22日印发"},
        /* a flattened page's end with the note printed under the signature run onto it */
        {"", "无其他需要报告的事项。2024年1月20日测试市测试局附件：测试市测试局2023年政府信息公开情况统计表"},
        {"", "无其他需要报告的事项。测试市测试局2024年1月20日附件：测试市2023年政府信息公开情况统计表"},
        /* (a flattened page is one long line: a short one naming 联系电话 is a site's footer) */
        {"", "本年度我局未产生信息处理费，行政事业性收费情况见第二部分表格。本年度我局共办理人大代表建议四十七件、"
             "政协委员提案六件，办复率百分之百。我局将进一步健全工作机制，加强业务培训，丰富政策解读形式，"
             "不断提升政府信息公开工作水平。无其他需要报告的事项。"
             "二〇二四年一月二十日测试市测试局（联系人：王伟，联系电话：0551-12345678）"},
        /* …and in any order with a remark, a 版记 and the site's links */
        {"", "无其他需要报告的事项。测试市测试局2024年1月20日（此件公开发布）测试市测试局办公室　　2024年1月22日印发"
             "附件：测试市2023年政府信息公开情况统计表 附件下载"},
        {"", "无其他需要报告的事项。二〇二四年一月二十日测试市测试局附件：测试市测试局2023年政府信息公开情况统计表 附件下载"},
        {"", "无其他需要报告的事项。测试市测试局2024.1.20测试市测试局办公室　　2024年1月22日印发 附件下载"},
    };
    for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++) {
        fixture fx;
        OPEN(&fx, .signer = sig[i].signer, .date = sig[i].date);
        fx_audit(&fx);
        if (fx.f.n || !fx.r.id.signed_on.found) print_message("# %s / %s\n", sig[i].signer, sig[i].date);
        fx_expect_none(&fx);
        assert_int_equal(fx.r.id.signed_on.found, 1);
        assert_int_equal(fx.r.id.signed_on.y, 2024);
        assert_int_equal(fx.r.id.signed_on.m, 1);
        assert_int_equal(fx.r.id.signed_on.d, 20);
        assert_string_equal(fx.r.id.signed_by, "测试市测试局");
        fx_close(&fx);
    }
    /* a late one in digits is late */
    fixture fx;
    OPEN(&fx, .date = "2024-02-05");
    fx_audit(&fx);
    fx_expect_only(&fx, "DATE-LATE", "", "", "", "2024-01-31", "2024-02-05");
    fx_close(&fx);
    /* the 印发 date is not the signature's: signed in time, printed late */
    OPEN(&fx, .date = "2024年1月30日\n测试市测试局办公室　　2024年2月2日印发");
    fx_audit(&fx);
    fx_expect_none(&fx);
    assert_int_equal(fx.r.id.signed_on.d, 30);
    fx_close(&fx);
}

/* The statistics period in digits or as 统计数据时间范围: read, and wrong ones still found. */
static void period_written_otherwise(void **state)
{
    (void)state;
    static const char *const whole[] = {
        "统计时段：2023.1.1—2023.12.31。", "本报告所列数据统计期限为2023-01-01至2023-12-31。",
        "本报告统计数据时间范围为2023年1月1日—2023年12月31日。", "本报告中使用数据统计期限为2023年1月1日到2023年12月31日。",
        NULL,
    };
    for (int i = 0; whole[i]; i++) {
        fixture fx;
        OPEN(&fx, .period = whole[i]);
        fx_audit(&fx);
        if (fx.f.n || !fx.r.id.period_to.found) print_message("# %s\n", whole[i]);
        fx_expect_none(&fx);
        assert_int_equal(fx.r.id.period_to.m, 12);
        fx_close(&fx);
    }
    static const char *const part[] = {
        "统计时段：2023.1.1—2023.6.30。", "本报告统计数据时间范围为2023年1月1日—2023年6月30日。", NULL,
    };
    for (int i = 0; part[i]; i++) {
        fixture fx;
        OPEN(&fx, .period = part[i]);
        fx_audit(&fx);
        fx_expect_only(&fx, "DATE-PERIOD", "", "", "", "2023-01-01/2023-12-31", "2023-01-01/2023-06-30");
        fx_close(&fx);
    }
}

/* Counts in Chinese numerals are compared; a range or two numerals side by side (二三件) is not a
 * count. (new 3, carried 1, （七）总计 4) */
static void prose_counts_in_chinese_numerals(void **state)
{
    (void)state;
    static const char *const agree[] = {
        "2023年，我局共收到政府信息公开申请三件，均已按期答复。",
        "2023年，我局共办理政府信息公开申请四件（含上年结转1件）。",
        "2023年，我局共收到政府信息公开申请二三件。",
        "2023年，我局共收到政府信息公开申请3至5件。",
        "2023年，我局共收到政府信息公开申请30余件。",
        NULL,
    };
    for (int i = 0; agree[i]; i++) prose_applications_agree(agree[i]);
    fixture fx;
    prose_applications_differ(&fx, "2023年，我局共收到政府信息公开申请五件，均已按期答复。", "5", "3");
    fx_close(&fx);
    prose_applications_differ(&fx, "依申请公开方面，2023年我局办理政府信息公开申请二十五件（含上年结转1件）。", "25", "4");
    fx_close(&fx);
    OPEN(&fx, .general = "2023年，因政府信息公开被申请行政复议两件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
    /* a numeral between the two kinds is the first kind's count, not a joint one */
    OPEN(&fx, .general = "2023年，我局被提起政府信息公开行政诉讼八件、被申请行政复议0件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-LITIGATION", "", "", "", "8", "0");
    fx_close(&fx);
}

/* A count beside last year's: the period of a count is the last one named before it, not a term
 * of comparison (较上年, 比2022年), not 上年度结转. */
static void prose_counts_beside_last_years(void **state)
{
    (void)state;
    static const char *const agree[] = {
        "2023年，我局共收到政府信息公开申请3件，较2022年的5件减少2件，同比下降40.0%。",
        "我局上年度收到政府信息公开申请9件，本年度收到政府信息公开申请3件。",
        "我局上年度办结政府信息公开申请30件，本年度办结政府信息公开申请4件（含上年结转1件）。",
        "2023年，我局共办理政府信息公开申请4件（含上年度结转申请1件）。",
        /* last year's count alone is not compared */
        "2022年，我局共收到政府信息公开申请9件。",
        NULL,
    };
    for (int i = 0; agree[i]; i++) prose_applications_agree(agree[i]);
    fixture fx;
    prose_applications_differ(&fx, "我局上年度办结政府信息公开申请30件，本年度办结政府信息公开申请21件（含上年结转1件）。", "21", "4");
    fx_close(&fx);
    prose_applications_differ(&fx, "2023年，我局共办理政府信息公开申请6件（含上年度结转申请1件）。", "6", "4");
    fx_close(&fx);
    OPEN(&fx, .general = "本年度，我局因政府信息公开工作被申请行政复议0件，较上年（3件）有所减少；被提起行政诉讼8件，上年为9件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-LITIGATION", "", "", "", "8", "0");
    fx_close(&fx);
}

/* Table 3 read without its 本年新收 row (its top lost): the count is not compared with what is left. */
static void prose_applications_not_without_the_new_row(void **state)
{
    (void)state;
    fixture fx;
    open_with_carried(&fx, "2023年，我局共办理政府信息公开申请9件。");
    fx_row(&fx, "t3", "new", ". . . . . . .");
    fx_audit(&fx);
    fx_expect_no(&fx, "PROSE-APPLICATIONS");
    fx_close(&fx);
}

static void prose_applications_scope(void **state)
{
    (void)state;
    fixture fx;
    /* a department's report quoting the whole city's figure */
    OPEN(&fx, .general = "2023年，全市共收到政府信息公开申请120件。我局收到政府信息公开申请3件。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
    /* the city government's own report may say 全市 */
    OPEN(&fx, .title = "测试市人民政府2023年政府信息公开工作年度报告", .signer = "测试市人民政府",
         .general = "2023年，全市共收到政府信息公开申请120件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-APPLICATIONS", "", "", "", "120", "3");
    fx_close(&fx);
    /* a comparison, an accumulation, another year: not compared */
    OPEN(&fx, .general = "2023年，受理政府信息公开申请累计120件。2022年，我局共收到政府信息公开申请7件。"
                         "共收到政府信息公开申请约10件。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void prose_review_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，因政府信息公开被申请行政复议2件。");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
}

/* A blank total counts 0, as the template has it (a report printing its zeros as —). */
static void prose_review_blank_total_counts_zero(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，因政府信息公开被申请行政复议2件。");
    fx_row(&fx, "t4", "review", "— — — — —");
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
}

/* A report copied from last year's still states this report's counts under last year's number. */
static void prose_in_a_stale_report(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2022年，我局认真贯彻落实《条例》。2022年，我局共收到政府信息公开申请5件。");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    fx_expect_at(fx_get(&fx, "DATE-STALE-YEAR", 0), "", "", "", "2023", "2022");
    fx_expect_at(fx_get(&fx, "PROSE-APPLICATIONS", 0), "", "", "", "5", "3");
    fx_close(&fx);
}

static void prose_review_not_general_casework(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，我局认真贯彻落实《条例》。全年共办理行政复议案件120件。"
                         "因政府信息公开被申请行政复议和提起行政诉讼共2件。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void prose_litigation_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，因政府信息公开工作被提起行政诉讼1起。");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "PROSE-LITIGATION", "", "", "", "1", "0");
    assert_string_equal(nb_finding_get(x, "cell", 1), "t4.suit_direct.total+t4.suit_after_review.total");
    assert_string_equal(nb_finding_get(x, "readings", 1), "both kinds of lawsuit 0");
    fx_close(&fx);
}

/* A report with 2 direct lawsuits and 1 after a reconsideration, audited. */
static void audit_with_suits(fixture *fx, const char *general)
{
    OPEN(fx, .general = general);
    fx_row(fx, "t4", "suit_direct", "1 0 0 1 2");
    fx_row(fx, "t4", "suit_after_review", "1 0 0 0 1");
    fx_audit(fx);
}

/* A count of lawsuits may be both kinds or the direct ones alone (a suit after a reconsideration
 * counted with it); a count that is neither names both readings. */
static void prose_litigation_two_readings(void **state)
{
    (void)state;
    fixture fx;
    audit_with_suits(&fx, "2023年，因政府信息公开工作被提起行政诉讼3起。");
    fx_expect_none(&fx);
    fx_close(&fx);
    audit_with_suits(&fx, "2023年，因政府信息公开工作被提起行政诉讼2起。");
    fx_expect_none(&fx);
    fx_close(&fx);
    audit_with_suits(&fx, "2023年，因政府信息公开工作被提起行政诉讼4起。");
    const nb_finding *x = fx_expect_only(&fx, "PROSE-LITIGATION", "", "", "", "4", "3");
    assert_string_equal(nb_finding_get(x, "readings", 0), "两类行政诉讼之和 3、未经复议直接起诉 2");
    fx_close(&fx);
}

/* The agency as the organ deciding reconsiderations, right under part 四's heading (which is about
 * disclosure): its casework, not cases brought against it. */
static void prose_review_not_as_the_deciding_organ(void **state)
{
    (void)state;
    fixture fx;
    static const char *const said[] = {
        "本机关作为行政复议机关，全年审理行政复议案件35件。",
        "全年受理行政复议申请40件，依法作出复议决定38件。",
        "全年共办理行政复议案件120件。",
        NULL,
    };
    for (int i = 0; said[i]; i++) {
        static char buf[256];
        snprintf(buf, sizeof buf, "四、政府信息公开行政复议、行政诉讼情况\n%s", said[i]);
        OPEN(&fx, .heads = {[3] = buf});
        fx_audit(&fx);
        if (fx.f.n) print_message("# %s\n", said[i]);
        fx_expect_none(&fx);
        fx_close(&fx);
    }
    /* but the agency as respondent is compared */
    OPEN(&fx, .heads = {[3] = "四、政府信息公开行政复议、行政诉讼情况\n本年度被申请行政复议2件。"});
    fx_audit(&fx);
    fx_expect_only(&fx, "PROSE-REVIEW", "", "", "", "2", "0");
    fx_close(&fx);
}

static void prose_litigation_not_for_one_kind(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .general = "2023年，因政府信息公开经复议后提起行政诉讼1起。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

static void prose_fee_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .other = "本年度未收取信息处理费。全年共收取信息处理费200元。");
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "PROSE-FEE", "", "", "", "0", "200元");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0),
                        "正文既称「本年度未收取信息处理费」，又称「全年共收取信息处理费200元」。");
    fx_close(&fx);
}

static void prose_fee_not_for_rates(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .other = "本年度未收取信息处理费。按规定超出部分每页收取信息处理费0.1元。2022年收取信息处理费200元。"
                       "全年收取政府信息公开信息处理费0元。");
    fx_audit(&fx);
    fx_expect_none(&fx);
    fx_close(&fx);
}

/* ---- extraction quality ---- */

static void extract_uncertain_not_in_audit_family(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "1 0 0 ? 2");
    fx_run(&fx, NB_RULES_AUDIT);
    fx_expect_none(&fx);
    fx_run(&fx, NB_RULES_EXTRACT);
    fx_expect_only(&fx, "EXTRACT-UNCERTAIN", "t4", "review", "pending", "", "630020469");
    fx_close(&fx);
}

/* A cell the reader left unread for a reason (row_unclear …) is doubtful, not merely absent. */
static void extract_uncertain_for_a_cell_left_unread(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    nb_table *t = fx_table(&fx, "t4");
    nb_cell *c = nb_table_cell(t, nb_row_index(t->def, "review"), nb_col_index(t->def, "pending"));
    *c = (nb_cell){.kind = NB_CELL_ABSENT, .certain = 0, .why = "row_unclear", .value = "", .raw = ""};
    fx_run(&fx, NB_RULES_EXTRACT);
    fx_expect_only(&fx, "EXTRACT-UNCERTAIN", "t4", "review", "pending", "", "");
    fx_close(&fx);
}

static void extract_version_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx.r.tables->tmpl = NULL;
    fx.r.tables->version = "unknown";
    fx.doc->status = NB_STATUS_NOT_TEMPLATE;
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-VERSION", "", "", "", "", "");
    fx_close(&fx);
}

static void extract_no_text_fires_alone(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 5, .date = "2023年1月1日");   /* would raise plenty if it were read */
    fx.doc->status = NB_STATUS_NO_TEXT_LAYER;
    fx.r.tables = NULL;
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-NO-TEXT", "", "", "", "", "");
    fx_close(&fx);
}

static void extract_duplicate_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_table(&fx, "t3")->copies = 2;
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-DUPLICATE", "t3", "", "", "", "2");
    fx_close(&fx);
}

static void extract_encoding_fires(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx.doc->invalid_bytes = 3;
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-ENCODING", "", "", "", "", "3");
    fx_close(&fx);
}

static void extract_unreadable_fires_alone(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, "");
    assert_int_equal(fx.doc->status, NB_STATUS_ERROR);
    fx_audit(&fx);
    const nb_finding *x = fx_expect_only(&fx, "EXTRACT-UNREADABLE", "", "", "", "", "empty");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0), "文件为空");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 1), "the file is empty");
    fx_close(&fx);
}

static void extract_not_report_fires_alone(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, "关于开展2024年度安全生产检查的通知\n各乡镇、各有关单位：\n现将有关事项通知如下。\n");
    nb_read_tables(&fx.r);
    assert_int_equal(fx.doc->status, NB_STATUS_NOT_REPORT);
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-NOT-REPORT", "", "", "", "", "");
    fx_close(&fx);
    /* a report from before the format is a report: pre2019, not this */
    fx_open(&fx, "某某县财政局2017年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n");
    nb_read_tables(&fx.r);
    assert_int_equal(fx.doc->status, NB_STATUS_PRE2019);
    fx_audit(&fx);
    fx_expect_only(&fx, "EXTRACT-PRE2019", "", "", "", "", "");
    fx_close(&fx);
}

/* ---- messages ---- */

static void messages_render_in_both_languages(void **state)
{
    (void)state;
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "10 1 0 _ 0");
    fx_audit(&fx);
    const nb_finding *x = fx_get(&fx, "SUM-T4-ROW", 0);
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 0),
                        "表四「行政复议」：总计填报 0，结果维持、结果纠正、其他结果、尚未审结之和为 11"
                        "（upheld=10、corrected=1，其余 1 格为 0）。空白格按 0 计：pending。");
    assert_string_equal(nb_finding_message(&fx.doc->arena, x, 1),
                        "Table 4, row review: the total is 0 but upheld, corrected, other and pending add up to 11 "
                        "(upheld=10, corrected=1; 1 other cells 0). Blank cells counted as 0: pending.");
    /* a placeholder without a value shows as written; the finding's own fields are placeholders too */
    assert_string_equal(nb_render_template(&fx.doc->arena, "{table}.{row}.{col} p{page} {nope}", x, 0),
                        "t4.review.total p2 {nope}");
    assert_string_equal(nb_severity_name(x->rule->severity), "error");
    fx_close(&fx);
}

/* ---- waivers ---- */

/* The 洪泽-like report with two SUM-T4-ROW findings, then the waivers file applied. */
static int waived_after(const char *csv, const char **reason0, const char **reason1, int use_sha)
{
    fixture fx;
    OPEN(&fx, .drop = 0);
    fx_row(&fx, "t4", "review", "10 1 0 0 0");
    fx_row(&fx, "t4", "suit_after_review", "5 0 0 0 0");
    fx_audit(&fx);
    assert_int_equal(fx.f.n, 2);
    char text[1024];
    snprintf(text, sizeof text, csv, fx.doc->sha256);
    nb_waivers w;
    const char *err = NULL;
    if (nb_waivers_load(write_tmp("waivers.csv", text), &w, 0, &err) != 0) fail_msg("%s", err);
    int n = nb_waivers_apply(&w, use_sha ? fx.doc->sha256 : "", fx.r.id.agency, fx.r.id.year, &fx.f, &fx.o);
    *reason0 = fx.f.v[0].waived ? strdup(fx.f.v[0].waived) : NULL;
    *reason1 = fx.f.v[1].waived ? strdup(fx.f.v[1].waived) : NULL;
    nb_waivers_free(&w);
    fx_close(&fx);
    return n;
}

static void waiver_applies(void **state)
{
    (void)state;
    const char *a, *b;
    assert_int_equal(waived_after("rule,target,cell,reason,expires\n"
                                  "SUM-T4-ROW,测试市测试局+2023,t4.review.total,机关已更正 %.0s,2024-12-31\n",
                                  &a, &b, 0), 1);
    assert_string_equal(a, "机关已更正");
    assert_null(b);
    free((void *)a);
    /* by sha256, the whole rule (empty cell), quoted reason with a comma, never expiring */
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T4-ROW,%s,,\"checked, accepted\",\n",
                                  &a, &b, 1), 2);
    assert_string_equal(a, "checked, accepted");
    assert_string_equal(b, "checked, accepted");
    free((void *)a);
    free((void *)b);
    /* a family prefix; the last day of a waiver still counts */
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-*,测试市测试局+2023,,ok %.0s,2024-06-01\n",
                                  &a, &b, 0), 2);
    free((void *)a);
    free((void *)b);
}

static void waiver_expired_or_elsewhere_does_not_apply(void **state)
{
    (void)state;
    const char *a, *b;
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T4-ROW,测试市测试局+2023,,old %.0s,2024-05-31\n",
                                  &a, &b, 0), 0);
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T4-ROW,测试市测试局+2022,,x %.0s,\n",
                                  &a, &b, 0), 0);
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T4-ROW,其他局+2023,,x %.0s,\n", &a, &b, 0), 0);
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T3-ROW,测试市测试局+2023,,x %.0s,\n",
                                  &a, &b, 0), 0);
    assert_int_equal(waived_after("rule,target,cell,reason,expires\nSUM-T4-ROW,测试市测试局+2023,t4.review.upheld,x %.0s,\n",
                                  &a, &b, 0), 0);
    assert_null(a);
    assert_null(b);
}

static void waiver_file_errors(void **state)
{
    (void)state;
    static const struct { const char *csv, *says; } bad[] = {
        {"rule,target,cell,reason,expires\nSUM-T9-NOPE,x+2023,,r,\n", "line 2: no rule 'SUM-T9-NOPE'"},
        {"rule,target,cell,reason,expires\nSUM-T4-ROW,x+2023,,r,2024-02-30\n", "line 2: expires '2024-02-30'"},
        {"rule,target,cell,reason\nSUM-T4-ROW,x+2023,,r\n", "no 'expires'"},
        {"rule,target,cell,reason,expires\n\nDATE-LATE,,,r,\n", "line 3: rule and target are required"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nb_waivers w;
        const char *err = NULL;
        assert_int_equal(nb_waivers_load(write_tmp("bad-waivers.csv", bad[i].csv), &w, 1, &err), -1);
        if (!strstr(err, bad[i].says)) fail_msg("'%s' does not say '%s'", err, bad[i].says);
        nb_waivers_free(&w);
    }
    nb_waivers w;
    const char *err = NULL;
    assert_int_equal(nb_waivers_load("/nonexistent/waivers.csv", &w, 1, &err), -1);
    assert_non_null(strstr(err, "cannot open"));
    nb_waivers_free(&w);
}

/* ---- options and the agency classifier ---- */

static void audit_opts_parse(void **state)
{
    (void)state;
    nb_audit_opts o;
    const char *err;
    assert_int_equal(nb_audit_opts_init(&o, "2024-02-29", "01-31", NULL, 0, &err), 0);
    assert_int_equal(o.today_y * 10000 + o.today_m * 100 + o.today_d, 20240229);
    assert_int_equal(o.deadline_m * 100 + o.deadline_d, 131);
    nb_audit_opts_free(&o);
    assert_int_equal(nb_audit_opts_init(&o, "2023-02-29", NULL, NULL, 1, &err), -1);
    assert_non_null(strstr(err, "--today"));
    nb_audit_opts_free(&o);
    assert_int_equal(nb_audit_opts_init(&o, NULL, "1-31", NULL, 1, &err), -1);
    assert_non_null(strstr(err, "--deadline"));
    nb_audit_opts_free(&o);
    assert_int_equal(nb_audit_opts_init(&o, NULL, NULL, NULL, 1, &err), 0);   /* the clock */
    assert_true(o.today_y >= 2024);
    nb_audit_opts_free(&o);
}

static void agency_classifier(void **state)
{
    (void)state;
    static const char *const governments[] = {
        "洪泽区人民政府", "淮安市洪泽区人民政府", "上海市政府", "平潭综合实验区", "平潭综合实验区管委会",
        "苏州工业园区管理委员会", "北京市", "朝阳区", "招远县", "某某镇", "某某乡", "某某街道", "内蒙古自治区",
        "阿拉善盟", "科尔沁右翼前旗", "恩施土家族苗族自治州", "福建省", NULL,
    };
    static const char *const departments[] = {
        "招远市工业和信息化局", "上海市人民政府办公厅", "上海市科委", "某市发展和改革委员会", "某区政务服务中心",
        "某省教育厅", "平潭综合实验区管委会办公室", "某街道办事处", "某县人民政府办公室", "", NULL,
    };
    for (int i = 0; governments[i]; i++)
        if (!nb_agency_is_government(governments[i])) fail_msg("%s is a government", governments[i]);
    for (int i = 0; departments[i]; i++)
        if (nb_agency_is_government(departments[i])) fail_msg("%s is a department", departments[i]);
    assert_false(nb_agency_is_government(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(baseline_raises_nothing),
        cmocka_unit_test(catalog_is_complete),
        cmocka_unit_test(rules_page_names_every_rule),
        cmocka_unit_test(sum_t3_row_fires),
        cmocka_unit_test(sum_skips_a_cell_read_with_doubt),
        cmocka_unit_test(sum_t3_outcomes_fires),
        cmocka_unit_test(sum_t3_outcomes_counts_collapsed_other),
        cmocka_unit_test(sum_t3_balance_fires),
        cmocka_unit_test(sum_t3_balance_holds_with_carried),
        cmocka_unit_test(sum_t4_row_fires),
        cmocka_unit_test(sum_t4_row_holds),
        cmocka_unit_test(sum_money_compares_intervals),
        cmocka_unit_test(missing_section_fires),
        cmocka_unit_test(sections_found_in_order),
        cmocka_unit_test(missing_section_not_for_pre2019),
        cmocka_unit_test(missing_section_not_for_heading_variants),
        cmocka_unit_test(sections_in_another_numbering),
        cmocka_unit_test(missing_section_not_for_more_heading_variants),
        cmocka_unit_test(identity_from_wrapped_titles),
        cmocka_unit_test(identity_from_page_meta),
        cmocka_unit_test(pre2019_from_the_old_table),
        cmocka_unit_test(missing_table_fires),
        cmocka_unit_test(missing_table_not_without_template),
        cmocka_unit_test(missing_row_fires),
        cmocka_unit_test(missing_row_fires_in_a_group),
        cmocka_unit_test(missing_row_not_for_optional_rows),
        cmocka_unit_test(missing_cell_fires),
        cmocka_unit_test(missing_cell_not_for_a_mark),
        cmocka_unit_test(missing_total_fires),
        cmocka_unit_test(missing_total_not_when_row_is_blank),
        cmocka_unit_test(missing_total_only_for_a_total),
        cmocka_unit_test(missing_identity_fires),
        cmocka_unit_test(title_wordings_raise_nothing),
        cmocka_unit_test(missing_signature_date_fires),
        cmocka_unit_test(date_stale_year_not_for_a_span_since_last_year),
        cmocka_unit_test(signature_date_above_print_furniture),
        cmocka_unit_test(written_date_of_a_page_stands_for_the_signature),
        cmocka_unit_test(date_early_fires),
        cmocka_unit_test(date_early_not_on_new_year),
        cmocka_unit_test(date_late_department),
        cmocka_unit_test(date_late_2018_by_the_old_regulations),
        cmocka_unit_test(date_late_government),
        cmocka_unit_test(date_late_deadline_option),
        cmocka_unit_test(date_late_per_agency_override),
        cmocka_unit_test(date_late_by_publication_date),
        cmocka_unit_test(date_late_by_publication_line),
        cmocka_unit_test(date_impossible_fires_alone),
        cmocka_unit_test(calendar_knows_century_leap_years),
        cmocka_unit_test(date_impossible_not_on_leap_day),
        cmocka_unit_test(date_future_fires),
        cmocka_unit_test(date_period_fires),
        cmocka_unit_test(date_period_must_end_on_31_december),
        cmocka_unit_test(date_period_short_form_holds),
        cmocka_unit_test(date_stale_year_fires),
        cmocka_unit_test(date_stale_year_not_with_current_year),
        cmocka_unit_test(date_stale_year_not_for_one_mention),
        cmocka_unit_test(prose_no_applications_fires),
        cmocka_unit_test(prose_no_applications_not_for_other_units),
        cmocka_unit_test(prose_applications_fires),
        cmocka_unit_test(prose_applications_parts_and_two_verbs),
        cmocka_unit_test(prose_applications_not_without_the_new_row),
        cmocka_unit_test(prose_litigation_two_readings),
        cmocka_unit_test(prose_review_not_as_the_deciding_organ),
        cmocka_unit_test(prose_applications_with_carried),
        cmocka_unit_test(prose_applications_phrasings),
        cmocka_unit_test(prose_applications_other_spans_silent),
        cmocka_unit_test(prose_applications_own_count_still_fires),
        cmocka_unit_test(prose_cases_carried_or_broken_down),
        cmocka_unit_test(sections_numbered_otherwise),
        cmocka_unit_test(signature_dates_written_otherwise),
        cmocka_unit_test(period_written_otherwise),
        cmocka_unit_test(prose_counts_in_chinese_numerals),
        cmocka_unit_test(prose_counts_beside_last_years),
        cmocka_unit_test(prose_applications_scope),
        cmocka_unit_test(prose_review_fires),
        cmocka_unit_test(prose_review_not_general_casework),
        cmocka_unit_test(prose_review_blank_total_counts_zero),
        cmocka_unit_test(prose_in_a_stale_report),
        cmocka_unit_test(prose_litigation_fires),
        cmocka_unit_test(prose_litigation_not_for_one_kind),
        cmocka_unit_test(prose_fee_fires),
        cmocka_unit_test(prose_fee_not_for_rates),
        cmocka_unit_test(extract_uncertain_not_in_audit_family),
        cmocka_unit_test(extract_uncertain_for_a_cell_left_unread),
        cmocka_unit_test(extract_version_fires),
        cmocka_unit_test(extract_no_text_fires_alone),
        cmocka_unit_test(extract_duplicate_fires),
        cmocka_unit_test(extract_encoding_fires),
        cmocka_unit_test(extract_unreadable_fires_alone),
        cmocka_unit_test(extract_not_report_fires_alone),
        cmocka_unit_test(messages_render_in_both_languages),
        cmocka_unit_test(waiver_applies),
        cmocka_unit_test(waiver_expired_or_elsewhere_does_not_apply),
        cmocka_unit_test(waiver_file_errors),
        cmocka_unit_test(audit_opts_parse),
        cmocka_unit_test(agency_classifier),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
