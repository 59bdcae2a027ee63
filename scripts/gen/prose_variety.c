/*
 * scripts/gen/prose_variety.c — the ways real agencies write the sentences an auditor reads beside
 * the tables, in the generator: numbers in Chinese numerals (三十五件), approximate counts (30余件,
 * 近40件, 约35件), comparisons with last year's figure (较上年的28件增加7件，同比增长25.0%), counts
 * split by channel, applicant or outcome in 其中 clauses, notes in parentheses, tables referred to as
 * 见下表, verb-less orders (政府信息公开申请数量为35件), other counts of 件 that are not applications
 * (12345 工单, 人大代表建议), headings numbered （一） / 1． / 第一部分, section 六 saying 无, dates
 * written 2024-01-05 / 2024.1.5 / 二○二四年…, the date before the agency in the signature, a
 * government's report signed by its 办公室, a 印发 line, 成文日期/发布日期 boxes under the title.
 *
 * Written from what reports print, not from how nianbao reads them. Every choice here draws from
 * the report's own prose stream (g->pv), so the tables and the other variations of a report are
 * the same with or without it. A sentence that states a fact the tables hold states it truly,
 * unless the report carries a prose defect, and the fact is recorded in the model as narrative.c
 * does (prose_apps …), so findings.c owes a finding only for a real disagreement; an approximate
 * count (余/近/约) is recorded as no count. Each variation is tagged (prose_*, date_*, heading_*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Whether the report writes in the varied ways at all (a share keeps the template's phrasings). */
void variety_init(greport *g)
{
    rng_seed(&g->pv, g->r.s[0] ^ 0x70726f7365ull, (uint64_t)g->index + 1);
    g->pv_on = rng_chance(&g->pv, 0.55);
}

static int on(greport *g, double p)
{
    return g->pv_on && rng_chance(&g->pv, p);
}

/* n (0 … 99999) in Chinese numerals as prose writes a count: 三十五, 一百零五, 一千二百, 十二. */
void cn_number(char *buf, size_t cap, int64_t n)
{
    static const char *const dg[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const unit[] = {"", "十", "百", "千", "万"};
    buf[0] = '\0';
    if (n <= 0 || n > 99999) { snprintf(buf, cap, "%s", n == 0 ? "零" : "?"); return; }
    int d[5], top = 0;
    for (int i = 0; i < 5; i++) { d[i] = (int)(n % 10); n /= 10; if (d[i]) top = i; }
    int zero = 0;
    for (int i = top; i >= 0; i--) {
        if (d[i] == 0) { zero = 1; continue; }
        if (zero) { str_append(buf, cap, "零"); zero = 0; }
        /* 十二, not 一十二, when the tens lead */
        if (!(i == 1 && d[i] == 1 && i == top)) str_append(buf, cap, dg[d[i]]);
        str_append(buf, cap, unit[i]);
    }
}

/* A count as the sentence prints it: digits, or Chinese numerals (tagged prose_cn_numeral). */
static void count_text(greport *g, char *buf, size_t cap, int64_t n, int cn)
{
    if (cn && n > 0 && n < 10000) {
        cn_number(buf, cap, n);
        tag(&g->variations, "prose_cn_numeral");
    } else {
        snprintf(buf, cap, "%lld", (long long)n);
    }
}

static int64_t t3_cell(greport *g, const char *row, int col)
{
    gtable *t = &g->t[T3];
    return cell_num(t, row_index(t, row), col);
}

/* Σ of t3's total column over the rows whose code starts with prefix (denied., unable. …). */
static int64_t t3_group(greport *g, const char *prefix)
{
    gtable *t = &g->t[T3];
    int64_t s = 0;
    for (int i = 0; i < t->tpl->nrows; i++)
        if (!strncmp(t->tpl->rows[i].code, prefix, strlen(prefix))) s += cell_num(t, i, 6);
    return s;
}

/* An approximate count that is honest about n: 30余件 (more than 30), 近40件 (a little under 40),
 * 约40件 (about). NULL when n is too small to round. */
static char *approximate(greport *g, int64_t n)
{
    rng *r = &g->pv;
    if (n < 12) return NULL;
    int64_t step = n >= 1000 ? 100 : 10, lo = n / step * step, hi = lo + step;
    char num[32];
    int cn = rng_chance(r, 0.3), form = (int)rng_range(r, 0, 2);
    if (form == 0 && n > lo) {
        count_text(g, num, sizeof num, lo, cn);
        return xasprintf("%s余件", num);
    }
    if (form == 1 && hi - n <= 3) {
        count_text(g, num, sizeof num, hi, cn);
        return xasprintf("近%s件", num);
    }
    count_text(g, num, sizeof num, n - lo <= hi - n ? lo : hi, cn);
    return xasprintf("约%s件", num);
}

/* Split n into k positive-or-zero parts (channels). */
static void split(rng *r, int64_t n, int k, int64_t *out)
{
    int64_t left = n;
    for (int i = 0; i < k - 1; i++) {
        out[i] = left ? rng_range(r, 0, left) : 0;
        left -= out[i];
    }
    out[k - 1] = left;
}

/* 其中 by channel: the parts add up to n. */
static char *channels(greport *g, int64_t n)
{
    static const char *const names[] = {"网上申请", "当面申请", "信函申请", "传真申请", "电子邮件申请"};
    rng *r = &g->pv;
    int k = (int)rng_range(r, 2, 4);
    int64_t part[5];
    split(r, n, k, part);
    sbuf b = {0};
    sb_put(&b, rng_chance(r, 0.5) ? "其中，" : "从申请渠道看，");
    for (int i = 0; i < k; i++) sb_printf(&b, "%s%s%lld件", i ? "、" : "", names[i], (long long)part[i]);
    sb_put(&b, "。");
    char *s = xstrdup(b.s);
    sb_free(&b);
    tag(&g->variations, "prose_channels");
    return s;
}

/* 其中 by outcome, from table 3 (the count must be （七）总计 for them to add up). */
static char *outcomes(greport *g)
{
    struct { const char *name; int64_t v; } o[] = {
        {"予以公开", t3_cell(g, "granted", 6)}, {"部分公开", t3_cell(g, "partial", 6)},
        {"不予公开", t3_group(g, "denied.")},   {"无法提供", t3_group(g, "unable.")},
        {"不予处理", t3_group(g, "rejected.")}, {"其他处理", t3_group(g, "other")},
    };
    int64_t total = t3_cell(g, "total", 6);
    sbuf b = {0};
    sb_put(&b, "其中");
    int n = 0;
    for (size_t i = 0; i < sizeof o / sizeof o[0]; i++) {
        if (!o[i].v) continue;
        sb_printf(&b, "%s%s%lld件", n++ ? "，" : "", o[i].name, (long long)o[i].v);
        if (total > 0 && rng_chance(&g->pv, 0.3)) sb_printf(&b, "（占%.1f%%）", 100.0 * (double)o[i].v / (double)total);
    }
    sb_put(&b, "。");
    char *s = n ? xstrdup(b.s) : xstrdup("");
    sb_free(&b);
    if (n) tag(&g->variations, "prose_outcomes");
    return s;
}

/* Last year's figure, unlike any this year's reading could be. */
static int64_t last_year_count(greport *g, int64_t said, const int64_t *v)
{
    rng *r = &g->pv;
    for (;;) {
        int64_t l = said > 3 ? rng_range(r, said / 2, said * 3 / 2 + 3) : rng_range(r, 1, 12);
        if (l != said && l != v[0] && l != v[1] && l != v[2] && l > 0) return l;
    }
}

/* 较上年的28件增加7件，同比增长25.0% */
static char *compared(greport *g, int64_t said, int64_t last, int year_named)
{
    rng *r = &g->pv;
    int64_t d = said - last;
    double pct = 100.0 * (double)(d < 0 ? -d : d) / (double)last;
    const char *way = d > 0 ? "增加" : "减少", *pway = d > 0 ? "增长" : "下降";
    char prev[32];
    if (year_named) snprintf(prev, sizeof prev, "%d年", g->year - 1);
    else snprintf(prev, sizeof prev, "%s", rng_chance(r, 0.5) ? "上年" : "上年度");
    if (d == 0) return xasprintf("，与%s持平", prev);
    switch (rng_range(r, 0, 2)) {
    case 0: return xasprintf("，较%s的%lld件%s%lld件，同比%s%.1f%%", prev, (long long)last, way, (long long)(d < 0 ? -d : d), pway, pct);
    case 1: return xasprintf("，比%s（%lld件）%s%lld件", prev, (long long)last, way, (long long)(d < 0 ? -d : d));
    default: return xasprintf("，同比%s%.0f%%（%s为%lld件）", pway, pct, prev, (long long)last);
    }
}

/* The sentence counting the applications, written in one of the ways of real reports; NULL to keep
 * narrative.c's. said is the count it states, allowed the readings its verb allows (enum
 * app_reading), note whether it says it includes the carried ones, bad whether it is a prose
 * defect (then it states said exactly, with the verb, so that the disagreement is plain). */
char *vary_applications(greport *g, const char *verb, int64_t said, unsigned allowed, int note, int bad)
{
    if (!on(g, 0.8)) return NULL;
    rng *r = &g->pv;
    int ny = g->narrative_year;
    int64_t nw = t3_cell(g, "new", 6), car = t3_cell(g, "carried", 6), tot = t3_cell(g, "total", 6);
    int64_t v[3] = {nw, nw + car, tot};
    char num[48], *extra = xstrdup(""), *tail;
    count_text(g, num, sizeof num, said, rng_chance(r, 0.25));
    tail = note ? xasprintf("（含上年结转%lld件）", (long long)car) : xstrdup("");
    char *text = NULL;
    int form = (int)rng_range(r, 0, 9);
    if (bad && form >= 6) form = (int)rng_range(r, 0, 5);
    switch (form) {
    case 0: {   /* with last year's figure beside it */
        int64_t last = last_year_count(g, said, v);
        char *cmp = compared(g, said, last, rng_chance(r, 0.4));
        text = xasprintf("%d年，%s共%s政府信息公开申请%s件%s%s。", ny, g->who, verb, num, tail, cmp);
        free(cmp);
        tag(&g->variations, "prose_yoy");
        break;
    }
    case 1: {   /* last year's figure first */
        int64_t last = last_year_count(g, said, v);
        text = xasprintf("%s上年度%s政府信息公开申请%lld件，本年度%s政府信息公开申请%s件%s。", g->who, verb, (long long)last, verb,
                         num, tail);
        tag(&g->variations, "prose_yoy");
        tag(&g->variations, "prose_last_year_first");
        break;
    }
    case 2:   /* by channel */
        free(extra);
        extra = channels(g, said);
        text = xasprintf("%d年，%s共%s政府信息公开申请%s件%s。%s", ny, g->who, verb, num, tail, extra);
        break;
    case 3: {   /* by applicant (the new requests only) or by outcome (the total only) */
        int reading = said == tot && (allowed & READ_TOTAL) ? 2 : said == nw && (allowed & READ_NEW) ? 0 : -1;
        free(extra);
        if (reading == 2 && !bad) extra = outcomes(g);
        else if (reading == 0 && !bad) {
            int64_t nat = t3_cell(g, "new", 0);
            extra = xasprintf("其中，自然人申请%lld件，法人或其他组织申请%lld件。", (long long)nat, (long long)(nw - nat));
            tag(&g->variations, "prose_applicants");
        } else extra = xstrdup("");
        text = xasprintf("%d年，%s%s政府信息公开申请%s件%s，%s%s", ny, g->who, verb, num, tail,
                         rng_chance(r, 0.5) ? "办理情况详见下表。" : "具体情况见下表。", extra);
        tag(&g->variations, "prose_see_table");
        break;
    }
    case 4:   /* the time it took: ranges and averages of 工作日, not counts */
        text = xasprintf("%d年，%s共%s政府信息公开申请%s件%s，平均答复时间%d个工作日，最短%d个工作日、最长%d个工作日，按时答复率100%%。", ny,
                         g->who, verb, num, tail, (int)rng_range(r, 3, 12), (int)rng_range(r, 1, 2), (int)rng_range(r, 13, 20));
        tag(&g->variations, "prose_ranges");
        break;
    case 5:   /* the verb after the count */
        text = xasprintf("依申请公开方面，%d年%s政府信息公开申请共%s件%s，均已依法%s。", ny, "全年", num, tail,
                         strcmp(verb, "答复") ? "答复" : "办结");
        /* the verb is not the one counted: the count may mean what any verb allows */
        if (!bad) g->prose_apps_readings = READ_NEW | READ_NEW_CARRIED | READ_TOTAL;
        else { free(text); text = xasprintf("依申请公开方面，%d年%s%s政府信息公开申请%s件%s。", ny, g->who, verb, num, tail); }
        tag(&g->variations, "prose_order");
        break;
    case 6:   /* no verb at all (the count may mean any reading), or the verb in a relative clause */
        if (rng_chance(r, 0.5)) {
            text = xasprintf("%d年，%s政府信息公开申请数量为%s件%s，较好保障了申请人的知情权。", ny, g->who, num, tail);
            g->prose_apps_readings = READ_NEW | READ_NEW_CARRIED | READ_TOTAL;
        } else {
            text = xasprintf("%d年，%s%s的政府信息公开申请共计%s件%s。", ny, g->who, verb, num, tail);
        }
        tag(&g->variations, "prose_order");
        break;
    case 7:   /* 新收 and 结转 apart, then the sum */
        if (car > 0) {
            text = xasprintf("%d年，%s新收政府信息公开申请%lld件，上年结转%lld件，合计%lld件，已办结%lld件，结转下年度继续办理%lld件。", ny,
                             g->who, (long long)nw, (long long)car, (long long)(nw + car), (long long)tot,
                             (long long)t3_cell(g, "forward", 6));
            g->prose_apps = nw + car;
            g->prose_apps_readings = READ_NEW_CARRIED;
            tag(&g->variations, "prose_carried_apart");
            break;
        }
        /* fall through */
    case 8: {   /* approximate: no exact count to compare */
        char *a = approximate(g, said);
        if (a) {
            text = xasprintf("%d年，%s共%s政府信息公开申请%s，均在法定期限内予以答复。", ny, g->who, verb, a);
            free(a);
            g->prose_apps = -1;
            tag(&g->variations, "prose_approx");
            break;
        }
    }
        /* fall through */
    default:   /* a note in parentheses */
        text = xasprintf("%d年，%s共%s政府信息公开申请%s件%s（详见下表），%s。", ny, g->who, verb, num, tail,
                         rng_chance(r, 0.5) ? "办结率100%" : "均在规定时限内答复");
        tag(&g->variations, "prose_paren_note");
        break;
    }
    free(tail);
    free(extra);
    tag(&g->variations, "prose_varied");
    return text;
}

/* Section 四's sentence in the varied ways; NULL to keep narrative.c's. The facts are already in
 * g->prose_review / prose_litigation (the numbers the sentence states). */
char *vary_reviews(greport *g)
{
    if (!on(g, 0.8)) return NULL;
    rng *r = &g->pv;
    gtable *t = &g->t[T4];
    char rv[32], lt[32];
    int cn = rng_chance(r, 0.3);
    count_text(g, rv, sizeof rv, g->prose_review, cn);
    count_text(g, lt, sizeof lt, g->prose_litigation, cn);
    char *s;
    switch (rng_range(r, 0, 3)) {
    case 0:   /* suits first */
        s = xasprintf("%d年，%s被提起政府信息公开行政诉讼%s件、被申请行政复议%s件。", g->narrative_year, g->who, lt, rv);
        break;
    case 1: {   /* with the outcomes of the reconsiderations in parentheses */
        sbuf b = {0};
        static const char *const names[] = {"维持", "纠正", "其他结果", "尚未审结"};
        for (int c = 0; c < 4; c++)
            if (cell_num(t, 0, c)) sb_printf(&b, "%s%s%lld件", b.len ? "、" : "", names[c], (long long)cell_num(t, 0, c));
        if (b.len && g->prose_review == cell_num(t, 0, 4))
            s = xasprintf("本年度，%s共发生政府信息公开行政复议案件%s件（其中%s），行政诉讼案件%s件。", g->who, rv, b.s, lt);
        else
            s = xasprintf("本年度，%s共发生政府信息公开行政复议案件%s件，行政诉讼案件%s件。", g->who, rv, lt);
        sb_free(&b);
        break;
    }
    case 2: {   /* compared with last year */
        int64_t lr = g->prose_review + rng_range(r, 1, 4), ll = g->prose_litigation + rng_range(r, 0, 3);
        s = xasprintf("本年度，%s因政府信息公开工作被申请行政复议%s件，较上年（%lld件）有所减少；被提起行政诉讼%s件，上年为%lld件。",
                      g->who, rv, (long long)lr, lt, (long long)ll);
        tag(&g->variations, "prose_yoy");
        break;
    }
    default:
        s = xasprintf("%s全年涉及政府信息公开的行政复议%s件，行政诉讼%s件，详见下表。", g->who, rv, lt);
        break;
    }
    tag(&g->variations, "prose_varied");
    return s;
}

/* Section 四 when nothing happened, in other words than narrative.c's; NULL to keep its. */
char *vary_no_reviews(greport *g)
{
    static const char *const bank[] = {
        "本年度，%s未发生因政府信息公开引起的行政复议、行政诉讼案件。",
        "%d年，%s政府信息公开行政复议、行政诉讼案件均为0件。",
        "%d年度，%s无因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
        "本年度%s政府信息公开工作被申请行政复议和提起行政诉讼数量均为零。",
    };
    if (!on(g, 0.7)) return NULL;
    int k = (int)rng_range(&g->pv, 0, 3);
    tag(&g->variations, "prose_varied");
    if (k == 1 || k == 2) return xasprintf(bank[k], g->narrative_year, g->who);
    return xasprintf(bank[k], g->who);
}

/* Section 六 without a fee defect, in the varied ways; NULL to keep narrative.c's. Sets the fee
 * facts it states. */
char *vary_other_matters(greport *g)
{
    if (!on(g, 0.7)) return NULL;
    rng *r = &g->pv;
    tag(&g->variations, "prose_varied");
    char *more = xstrdup("");
    if (rng_chance(r, 0.35)) {   /* counts of 件 that are not applications */
        free(more);
        more = xasprintf("本年度%s共办理人大代表建议%d件、政协委员提案%d件，办复率100%%。", g->who, (int)rng_range(r, 1, 60),
                         (int)rng_range(r, 1, 40));
        tag(&g->variations, "prose_other_counts");
    }
    char *s;
    switch (rng_range(r, 0, 6)) {
    case 0: s = xstrdup("无。"); tag(&g->variations, "section6_none"); break;
    case 1: s = xstrdup("本年度无其他需要报告的事项。"); tag(&g->variations, "section6_none"); break;
    case 2:
        g->prose_no_fee = 1;
        s = xasprintf("%s依申请提供政府信息，未向申请人收取任何费用。", g->who);
        break;
    case 3:
        g->prose_no_fee = 1;
        s = xasprintf("本年度，%s收取信息处理费0.00元。", g->who);
        break;
    case 4:
        g->prose_no_fee = 1;
        s = xasprintf("本年度%s未产生信息处理费。行政事业性收费情况见第二部分表格。", g->who);
        break;
    case 5: {
        g->prose_fee = rng_range(r, 20, 900);
        char fee[32];
        count_text(g, fee, sizeof fee, g->prose_fee, rng_chance(r, 0.3));
        s = xasprintf("依据《政府信息公开信息处理费管理办法》，本年度%s对%d件申请数量、频次明显超过合理范围的政府信息公开申请收取信息处理费，共计%s元。",
                      g->who, (int)rng_range(r, 1, 4), fee);
        break;
    }
    default:
        g->prose_no_fee = 1;
        s = xstrdup("信息处理费收取情况：无。其他需要报告的事项：无。");
        break;
    }
    char *out = xasprintf("%s%s", s, more);
    free(s);
    free(more);
    return out;
}

/* A sentence counting 件 in section 一 that is not an application (受理…件 of a hotline). */
char *vary_hotline(greport *g)
{
    if (!on(g, 0.3)) return NULL;
    rng *r = &g->pv;
    tag(&g->variations, "prose_other_counts");
    if (rng_chance(r, 0.5))
        return xasprintf("全年受理12345政务服务便民热线工单%d件，按时办结率100%%，群众满意率%d.%d%%。", (int)rng_range(r, 50, 9000),
                         (int)rng_range(r, 90, 99), (int)rng_range(r, 0, 9));
    return xasprintf("全年通过领导信箱、互动平台收到群众咨询%d件，均已按时答复，平均答复时间%d个工作日。", (int)rng_range(r, 5, 900),
                     (int)rng_range(r, 1, 7));
}

/* Section 三's lead above table 3; NULL for none. States the new and carried requests truly. */
char *vary_t3_lead(greport *g)
{
    if (!g->t[T3].present || !on(g, 0.3)) return NULL;
    tag(&g->variations, "prose_see_table");
    int64_t nw = t3_cell(g, "new", 6), car = t3_cell(g, "carried", 6);
    if (rng_chance(&g->pv, 0.5) || nw == 0) return xstrdup("收到和处理政府信息公开申请情况见下表：");
    return xasprintf("本年度新收政府信息公开申请%lld件，上年结转%lld件，具体办理情况如下表。", (long long)nw, (long long)car);
}

/* The statistics period in other words than narrative.c's; NULL to keep its. */
char *vary_period(greport *g)
{
    if (!on(g, 0.5)) return NULL;
    int a = g->per_y1, m1 = g->per_m1, d1 = g->per_d1, b = g->per_y2, m2 = g->per_m2, d2 = g->per_d2;
    tag(&g->variations, "date_period_format");
    switch (rng_range(&g->pv, 0, 4)) {
    case 0: return xasprintf("本报告中使用数据统计期限为%d年%d月%d日到%d年%d月%d日。", a, m1, d1, b, m2, d2);
    case 1: return xasprintf("本报告统计数据时间范围为%d年%d月%d日—%d年%d月%d日。", a, m1, d1, b, m2, d2);
    case 2: return xasprintf("统计时段：%d.%d.%d—%d.%d.%d。", a, m1, d1, b, m2, d2);
    case 3: return xasprintf("本报告所列数据统计期限为%d-%02d-%02d至%d-%02d-%02d。", a, m1, d1, b, m2, d2);
    default: return xasprintf("本报告所列数据的统计期限为%d年%d月%d日至%d年%d月%d日，数据来源于%s政府信息公开工作台账。", a, m1, d1, b, m2,
                              d2, g->who);
    }
}

/* Sentences mentioning last year as last year (not as this year): the problems of last year's
 * report put right, a comparison of the proactive disclosure. */
char *vary_last_year_mention(greport *g)
{
    if (!on(g, 0.35)) return NULL;
    tag(&g->variations, "prose_last_year_named");
    if (rng_chance(&g->pv, 0.5))
        return xasprintf("针对%d年度政府信息公开工作年度报告中查找出的问题，%s逐项制定整改措施，目前已全部整改到位。", g->year - 1, g->who);
    return xasprintf("对照《%d年政务公开工作要点》，%s主动公开政府信息数量较%d年增长%d.%d%%。", g->year, g->who, g->year - 1,
                     (int)rng_range(&g->pv, 1, 40), (int)rng_range(&g->pv, 0, 9));
}

/* ---- dates and signatures ---- */

/* The signature date in one of the forms reports print; 0 to keep narrative.c's. */
int vary_sign_date(greport *g, char *buf, size_t cap)
{
    if (!on(g, 0.5)) return 0;
    int y = g->sy, m = g->sm, d = g->sd;
    switch (rng_range(&g->pv, 0, 6)) {
    case 0: snprintf(buf, cap, "%d-%02d-%02d", y, m, d); tag(&g->variations, "date_iso"); break;
    case 1: snprintf(buf, cap, "%d.%d.%d", y, m, d); tag(&g->variations, "date_dotted"); break;
    case 2: snprintf(buf, cap, "%d/%d/%d", y, m, d); tag(&g->variations, "date_slashed"); break;
    case 3: snprintf(buf, cap, "%d 年 %d 月 %d 日", y, m, d); tag(&g->variations, "date_spaced"); break;
    case 4: case 5: {
        /* 二○二四年 with the white circle (U+25CB) or 零 for the zero, as typed in real reports */
        char cn[64];
        cn_date(cn, sizeof cn, y, m, d);
        const char *zero = rng_chance(&g->pv, 0.6) ? "○" : "零";
        sbuf b = {0};
        for (const char *p = cn; *p;) {
            if (!strncmp(p, "〇", 3)) { sb_put(&b, zero); p += 3; }
            else sb_putc(&b, *p++);
        }
        snprintf(buf, cap, "%s", b.s);
        sb_free(&b);
        tag(&g->variations, "date_cn_circle");
        break;
    }
    default: snprintf(buf, cap, "%d年%d月%d日", y, m, d); break;
    }
    return 1;
}

/* Who signs: a government's report is often signed by its 办公室. */
void vary_signer(greport *g, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", g->agency);
    if (!g->government || !on(g, 0.25)) return;
    size_t n = strlen(g->agency);
    if (n > 12 && !strcmp(g->agency + n - 12, "人民政府")) snprintf(buf, cap, "%s办公室", g->agency);
    else if (n >= 9 && (!strcmp(g->agency + n - 3, "区") || !strcmp(g->agency + n - 3, "县") || !strcmp(g->agency + n - 3, "市")))
        snprintf(buf, cap, "%s人民政府办公室", g->agency);
    else return;
    tag(&g->variations, "sign_office");
}

/* The signature block's text: agency then date, or the date first. */
char *vary_sign_block(greport *g, const char *signer, const char *date)
{
    if (on(g, 0.2)) {
        tag(&g->variations, "sign_date_first");
        return xasprintf("%s\n%s", date, signer);
    }
    return xasprintf("%s\n%s", signer, date);
}

static int deadline_month(const greport *g)
{
    return g->government ? 3 : 1;
}

/* A 版记 after the signature: who prints it and when (a day or two after it was signed, never past
 * the deadline, so that its date is never the one that makes a report late). */
char *vary_print_line(greport *g)
{
    if (!g->has_signature || !is_date_valid(g->sy, g->sm, g->sd) || !on(g, 0.2)) return NULL;
    int y = g->sy, m = g->sm, d = g->sd, dm = deadline_month(g);
    for (int k = (int)rng_range(&g->pv, 0, 2); k > 0; k--) {
        if (is_date_valid(y, m, d + 1)) d++;
        else if (m < 12) { m++; d = 1; }
    }
    if (date_cmp(g->sy, g->sm, g->sd, g->year + 1, dm, 31) <= 0 && date_cmp(y, m, d, g->year + 1, dm, 31) > 0) { m = g->sm; d = g->sd; }
    tag(&g->variations, "sign_print_line");
    return xasprintf("%s办公室　　%d年%d月%d日印发", g->agency, y, m, d);
}

/* A line under the signature: an attachment's name, a contact (neither is the end of the text). */
char *vary_after_signature(greport *g)
{
    if (!g->has_signature || !on(g, 0.15)) return NULL;
    rng *r = &g->pv;
    tag(&g->variations, "sign_after_note");
    if (rng_chance(r, 0.5)) return xasprintf("附件：%s%d年政府信息公开情况统计表", g->agency, g->year);
    return xasprintf("（联系人：王%s，联系电话：0%d-%08d）", rng_chance(r, 0.5) ? "伟" : "芳", (int)rng_range(r, 10, 999),
                     (int)rng_range(r, 20000000, 89999999));
}

/* A CMS's box under the title: 索引号, 发布机构, 成文日期 (the signature's date) and 发布日期. The
 * publication date only when it is not before the signature (a date defect moves the signature).
 * Adds the blocks itself; tags pubdate_line when it prints a 发布日期. */
void vary_info_box(greport *g)
{
    if (!on(g, 0.2) || g->nblocks + 2 >= MAXBLOCKS) return;
    rng *r = &g->pv;
    int signed_ok = g->has_signature && is_date_valid(g->sy, g->sm, g->sd);
    int pub_ok = !g->has_signature || (signed_ok && date_cmp(g->py, g->pm, g->pd, g->sy, g->sm, g->sd) >= 0);
    char written[48] = "", pub[48] = "";
    if (signed_ok) snprintf(written, sizeof written, "成文日期：%d-%02d-%02d", g->sy, g->sm, g->sd);
    if (pub_ok) snprintf(pub, sizeof pub, "发布日期：%d-%02d-%02d", g->py, g->pm, g->pd);
    if (!*written && !*pub) return;
    g->blocks[g->nblocks++] = (gblock){BK_PARA, -1, -1, xasprintf("索引号：%08d/%d-%05d　　发布机构：%s", (int)rng_range(r, 10000000, 99999999),
                                                                   g->year + 1, (int)rng_range(r, 1, 99999), g->agency)};
    g->blocks[g->nblocks++] = (gblock){BK_PARA, -1, -1, xasprintf("%s%s%s", written, *written && *pub ? "　　" : "", pub)};
    tag(&g->variations, "info_box");
    if (*written) tag(&g->variations, "written_date_line");
    if (*pub) tag(&g->variations, "pubdate_line");
}

/* ---- headings ---- */

static const char *const cn_digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

/* text without its leading 一、 / （一） numbering, or NULL when it has none. */
static const char *after_number(const char *text, int paren)
{
    const char *p = text;
    if (paren) {
        if (strncmp(p, "（", 3)) return NULL;
        p += 3;
    }
    int digits = 0;
    while (digits < 2) {
        int hit = 0;
        for (int i = 0; i < 10 && !hit; i++)
            if (!strncmp(p, cn_digits[i], 3)) hit = 1;
        if (!hit) break;
        p += 3;
        digits++;
    }
    if (!digits) return NULL;
    const char *close = paren ? "）" : "、";
    return strncmp(p, close, 3) ? NULL : p + 3;
}

/* Renumber the parts' headings and their sub-headings in one of the ways reports do: 一．,
 * 第一部分, （一） over 1．, 1. over （1）, 一、 with a space. Applied after the narrative is written. */
void vary_headings(greport *g)
{
    if (g->pre2019 || !on(g, 0.3)) return;
    static const char *const tags[] = {"heading_dot", "heading_part", "heading_paren", "heading_arabic", "heading_space"};
    int style = (int)rng_range(&g->pv, 0, 4);
    for (int k = 0; k < g->nblocks; k++) {
        gblock *b = &g->blocks[k];
        if (b->kind != BK_HEAD && b->kind != BK_SUB) continue;
        const char *rest = after_number(b->text, b->kind == BK_SUB);
        if (!rest) continue;
        int n = 0;   /* the number: a sub-heading's from its own text, a part's from its section */
        if (b->kind == BK_HEAD) n = b->section + 1;
        else
            for (int i = 0; i < 10; i++)
                if (!strncmp(b->text + 3, cn_digits[i], 3)) n = i + 1;
        if (n < 1 || n > 10) continue;
        char *t = NULL;
        if (b->kind == BK_HEAD) {
            switch (style) {
            case 0: t = xasprintf("%s．%s", cn_digits[n - 1], rest); break;
            case 1: t = xasprintf("第%s部分　%s", cn_digits[n - 1], rest); break;
            case 2: t = xasprintf("（%s）%s", cn_digits[n - 1], rest); break;
            case 3: t = xasprintf("%d. %s", n, rest); break;
            default: t = xasprintf("%s、 %s", cn_digits[n - 1], rest); break;
            }
        } else {
            if (style == 2) t = xasprintf("%d．%s", n, rest);
            else if (style == 3) t = xasprintf("（%d）%s", n, rest);
        }
        if (!t) continue;
        free(b->text);
        b->text = t;
    }
    tag(&g->variations, tags[style]);
}
