/*
 * scripts/gen/narrative.c — writes a report's text as blocks: title, preface with the statistics
 * period, the six sections with their sub-headings and tables, the signature.
 *
 * The sentences are the generator's own, drawn from small banks so that reports differ. Sentences
 * that name a quantity the tables also hold (applications, reviews, suits, fees) agree with the
 * printed tables unless a prose defect asks otherwise; the facts they state are recorded in the
 * model for findings.c. The year in "YYYY年，我局…" phrases is the narrative year, which a
 * stale-year defect sets to Y-1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void add(greport *g, int kind, int section, char *text)
{
    if (g->nblocks >= MAXBLOCKS) { free(text); return; }
    g->blocks[g->nblocks++] = (gblock){kind, section, -1, text};
}

static void add_table(greport *g, int section, int table)
{
    if (g->nblocks >= MAXBLOCKS) return;
    g->blocks[g->nblocks++] = (gblock){BK_TABLE, section, table, NULL};
}

/* Wrap a one-line title as an office suite does, anywhere but inside the year's digits: two lines
 * broken mid-word (…工作年 / 度报告), or three. */
static char *wrap_title(rng *r, const char *t)
{
    int n = utf8_len(t), lines = rng_chance(r, 0.3) ? 3 : 2;
    int cuts[2], ncut = 0;
    for (int tries = 0; ncut < lines - 1 && tries < 50; tries++) {
        int at = (int)rng_range(r, 2, n - 2);
        size_t b = utf8_prefix(t, at);
        if ((t[b] >= '0' && t[b] <= '9') || (b > 0 && t[b - 1] >= '0' && t[b - 1] <= '9')) continue;
        if (ncut && (at == cuts[0] || abs(at - cuts[0]) < 2)) continue;
        cuts[ncut++] = at;
    }
    if (ncut == 2 && cuts[1] < cuts[0]) { int x = cuts[0]; cuts[0] = cuts[1]; cuts[1] = x; }
    sbuf b = {0};
    size_t from = 0;
    for (int k = 0; k < ncut; k++) {
        size_t to = utf8_prefix(t, cuts[k]);
        sb_putn(&b, t + from, to - from);
        sb_putc(&b, '\n');
        from = to;
    }
    sb_put(&b, t + from);
    char *out = xstrdup(b.s);
    sb_free(&b);
    return out;
}

static void title(greport *g)
{
    rng *r = &g->r;
    int y = g->year;
    char *t;
    switch (rng_range(r, 0, 3)) {
    case 0: t = xasprintf("%s\n%d年政府信息公开工作年度报告", g->agency, y); break;
    case 1: t = xasprintf("%s%d年政府信息公开工作年度报告", g->agency, y); break;
    case 2: t = xasprintf("%d年%s政府信息公开工作年度报告", y, g->agency); break;
    default: t = xasprintf("%s%d年度政府信息公开工作年度报告", g->agency, y); break;
    }
    /* the wordings agencies use beside the template's: the year after the words, 关于 … 的, the year
     * in Chinese numerals (tagged title_wording) */
    if (rng_chance(r, 0.15)) {
        free(t);
        char cy[32] = "";
        static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        for (int k = 1000; k; k /= 10) strcat(cy, digits[(y / k) % 10]);
        switch (rng_range(r, 0, 3)) {
        case 0: t = xasprintf("%s政府信息公开工作%d年度报告", g->agency, y); break;
        case 1: t = xasprintf("%s关于%d年政府信息公开工作的年度报告", g->agency, y); break;
        case 2: t = xasprintf("关于%s%d年度政府信息公开工作年度报告", g->agency, y); break;
        default: t = xasprintf("%s%s年政府信息公开工作年度报告", g->agency, cy); break;
        }
        tag(&g->variations, "title_wording");
    }
    if (!strchr(t, '\n') && rng_chance(r, 0.2)) {
        char *w = wrap_title(r, t);
        free(t);
        t = w;
        if (strchr(t, '\n')) tag(&g->variations, "wrapped_title");
    }
    add(g, BK_TITLE, -1, t);
}

static char *period_sentence(greport *g)
{
    char *varied = vary_period(g);
    if (varied) return varied;
    int a = g->per_y1, b = g->per_y2;
    switch (rng_range(&g->r, 0, 2)) {
    case 0: return xasprintf("本报告中所列数据的统计期限自%d年%d月%d日起至%d年%d月%d日止。", a, g->per_m1, g->per_d1, b, g->per_m2, g->per_d2);
    case 1: return xasprintf("本报告所列数据统计期限为%d年%d月%d日至%d年%d月%d日。", a, g->per_m1, g->per_d1, b, g->per_m2, g->per_d2);
    default:
        if (a != b) return xasprintf("本年度报告中所列数据的统计期限自%d年%d月%d日起至%d年%d月%d日止。", a, g->per_m1, g->per_d1, b, g->per_m2, g->per_d2);
        return xasprintf("本年度报告中所列数据的统计周期为%d年%d月%d日至%d月%d日。", a, g->per_m1, g->per_d1, g->per_m2, g->per_d2);
    }
}

static void preface(greport *g)
{
    rng *r = &g->r;
    const char *notice = g->v2019 || g->pre2019 ? "国办公开办函〔2019〕60号" : "国办公开办函〔2021〕30号";
    sbuf b = {0};
    if (g->pre2019)
        sb_printf(&b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由%s编制。", g->agency);
    else
        sb_printf(&b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（%s）要求，由%s编制。",
                  notice, g->agency);
    if (g->has_period) {
        char *p = period_sentence(g);
        sb_put(&b, p);
        free(p);
    }
    sb_printf(&b, "本报告电子版可在%s门户网站查阅和下载。如对本报告有疑问，请与%s联系（地址：%s路%d号，邮编：%06d，电话：0%d-%08d）。",
              g->agency, g->government ? "政务公开办公室" : "本机关办公室",
              rng_chance(r, 0.5) ? "人民" : "建设", (int)rng_range(r, 1, 399), (int)rng_range(r, 100000, 859999),
              (int)rng_range(r, 10, 999), (int)rng_range(r, 20000000, 89999999));
    add(g, BK_PARA, -1, xstrdup(b.s));
    sb_free(&b);
}

/* One sentence of a bank, numbers filled in. */
static char *pick_open(greport *g)
{
    static const char *const bank[] = {
        "%d年，%s坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级关于政务公开工作的部署，围绕中心工作，不断提升政府信息公开工作质效。",
        "%d年，%s深入贯彻落实《条例》，把政务公开作为转变政府职能、建设法治政府的重要抓手，推动政府信息公开工作规范有序开展。",
        "%d年，%s紧扣年度政务公开工作要点，坚持“以公开为常态、不公开为例外”，持续深化重点领域信息公开，切实保障人民群众的知情权、参与权和监督权。",
    };
    return xasprintf(RNG_PICK(&g->r, bank), g->narrative_year, g->who);
}

static char *active_disclosure(greport *g)
{
    rng *r = &g->r;
    int n = (int)rng_range(r, 30, g->government ? 6000 : 900);
    switch (rng_range(r, 0, 2)) {
    case 0:
        return xasprintf("%d年全年，%s通过门户网站主动公开政府信息%d条，其中政策文件%d条、工作动态%d条，发布政策解读%d篇。",
                         g->narrative_year, g->who, n, n / 10 + 1, n / 2, (int)rng_range(r, 1, 60));
    case 1:
        return xasprintf("%d年，%s依托政府网站、政务新媒体等平台累计主动公开各类政府信息%d条，及时更新机构职能、领导信息和财政预决算等内容。",
                         g->narrative_year, g->who, n);
    default:
        return xasprintf("%d年，%s主动公开政府信息%d条，围绕群众关心的热点问题开展政策解读%d次，回应社会关切%d次。",
                         g->narrative_year, g->who, n, (int)rng_range(r, 1, 40), (int)rng_range(r, 0, 30));
    }
}

static int64_t t3_total(greport *g, const char *row)
{
    gtable *t = &g->t[T3];
    return cell_num(t, row_index(t, row), 6);
}

static int64_t off_by(rng *r, int64_t v)
{
    int64_t d = rng_range(r, 1, 9);
    return v >= d && rng_chance(r, 0.5) ? v - d : v + d;
}

/* Data: the verbs a narrative counts its applications with, and the table quantities each may mean
 * (rules/prose.c has the same table: 收到/受理/接收 the new requests or new + carried; 办理/办结/答复
 * also （七）总计; 新收 the new requests only). */
static const struct { const char *verb; unsigned readings; } app_verbs[] = {
    {"收到", READ_NEW | READ_NEW_CARRIED}, {"受理", READ_NEW | READ_NEW_CARRIED}, {"接收", READ_NEW | READ_NEW_CARRIED},
    {"新收", READ_NEW}, {"办理", READ_NEW | READ_NEW_CARRIED | READ_TOTAL},
    {"办结", READ_NEW | READ_NEW_CARRIED | READ_TOTAL}, {"答复", READ_NEW | READ_NEW_CARRIED | READ_TOTAL},
};

/* A number that is none of the readings: the count a prose defect prints. */
static int64_t off_all(rng *r, const int64_t *v, unsigned readings)
{
    for (;;) {
        int64_t said = off_by(r, v[0]);
        int clash = 0;
        for (int i = 0; i < 3; i++) clash |= (readings & (1u << i)) && said == v[i];
        if (!clash) return said;
    }
}

/* （二）依申请公开: the sentence counting the applications (PROSE-APPLICATIONS, -NO-APPLICATIONS). The
 * verb and the wording vary as in real reports, and so does what the count means: the new requests,
 * new + carried, or （七）总计, as the verb allows; a prose defect prints a count that is none of them. */
static char *applications(greport *g)
{
    rng *r = &g->r;
    int ny = g->narrative_year;
    if (!g->t[T3].present || g->pre2019)
        return xasprintf("%s严格执行依申请公开工作制度，规范受理、办理、答复流程，依法保障申请人的合法权益。", g->who);
    gtable *t3 = &g->t[T3];
    int64_t nw = t3_total(g, "new"), car = t3_total(g, "carried");
    int64_t v[3] = {nw, nw + car, cell_num(t3, row_index(t3, "total"), 6)};
    if (g->dflags & D_PROSE_NO_APPS) {
        g->prose_no_apps = 1;
        return xasprintf("%d年，%s未收到政府信息公开申请，依申请公开工作平稳有序。", ny, g->who);
    }
    int bad = (g->dflags & (D_PROSE_APPS | D_PROSE_HANDLED)) != 0;
    int vi = (int)rng_range(r, 0, (int)(sizeof app_verbs / sizeof app_verbs[0]) - 1);
    const char *verb = app_verbs[vi].verb;
    unsigned allowed = app_verbs[vi].readings;
    /* the count says it includes the carried ones: new + carried (or （七）总计 for 办理/办结/答复) */
    int note = (g->dflags & D_PROSE_HANDLED) || (car > 0 && !(allowed == READ_NEW) && rng_chance(r, 0.35));
    if (note) allowed = READ_NEW_CARRIED | (allowed & READ_TOTAL);
    int reading;
    do reading = (int)rng_range(r, 0, 2);
    while (!(allowed & (1u << reading)));
    int64_t said = bad ? off_all(r, v, allowed) : v[reading];
    if (said == 0 && !bad) {
        if (nw == 0 && rng_chance(r, 0.5)) {
            g->prose_no_apps = 1;
            return xasprintf("%d年度，%s未收到政府信息公开申请。", ny, g->who);
        }
        return xasprintf("%d年，%s进一步规范依申请公开办理流程，畅通申请渠道。", ny, g->who);
    }
    g->prose_apps = said;
    g->prose_apps_readings = allowed;
    if (!bad) {
        static const char *const reading_tags[3] = {"apps_new", "apps_new_carried", "apps_total"};
        /* the tag says what the count is; with no carried requests new and new + carried agree */
        tag(&g->variations, reading_tags[reading == 1 && car == 0 ? 0 : reading]);
    }
    /* the count of the new requests told by applicant before anything else: the parts, never the
     * whole, are stated (rules/prose.c must not compare them) */
    int64_t natural = cell_num(t3, row_index(t3, "new"), 0);
    if (!bad && reading == 0 && natural > 0 && nw > natural && rng_chance(r, 0.12)) {
        g->prose_apps = -1;
        tag(&g->variations, "apps_parts");
        return xasprintf("%d年，%s收到自然人提出的政府信息公开申请%lld件，法人或其他组织提出的政府信息公开申请%lld件。", ny,
                         g->who, (long long)natural, (long long)(nw - natural));
    }
    char *varied = vary_applications(g, verb, said, allowed, note, bad);
    if (varied) return varied;
    char *tail = note ? xasprintf("（含上年结转%lld件）", (long long)car) : xstrdup("");
    /* the new requests, saying the carried ones are not in the count */
    if (!note && reading == 0 && car > 0 && rng_chance(r, 0.2)) {
        free(tail);
        tail = xasprintf("（不含上年结转%lld件）", (long long)car);
        tag(&g->variations, "apps_excl_carried");
    }
    char *text;
    int wording = (int)rng_range(r, 0, 5);
    /* two verbs (收到并办理): the count may be what either allows */
    if (!note && (allowed & READ_TOTAL) && rng_chance(r, 0.2)) {
        tag(&g->variations, "apps_two_verbs");
        text = xasprintf("%d年，%s共收到并%s政府信息公开申请%lld件，均已按期答复。", ny, g->who, verb, (long long)said);
        free(tail);
        return text;
    }
    if (wording >= 2) tag(&g->variations, "apps_wording");
    switch (wording) {
    case 0: case 1:
        text = xasprintf("%d年，%s共%s政府信息公开申请%lld件%s，均已按期答复。", ny, g->who, verb, (long long)said, tail);
        break;
    case 2:
        text = xasprintf("%d年，%s共%s公开申请%lld件%s，均在法定期限内答复。", ny, g->who, verb, (long long)said, tail);
        break;
    case 3:
        text = xasprintf("%d年，%s共%s%lld件政府信息公开申请%s。", ny, g->who, verb, (long long)said, tail);
        break;
    case 4:
        text = xasprintf("%d年，%s%s依申请公开%lld件%s，办理情况详见下表。", ny, g->who, verb, (long long)said, tail);
        break;
    default:
        /* a bare 申请: the sub-heading above it says what it is about */
        text = xasprintf("%d年，%s共%s申请%lld件%s。", ny, g->who, verb, (long long)said, tail);
        break;
    }
    free(tail);
    /* a government's report telling how many of its towns had none: not its own zero
     * (PROSE-NO-APPLICATIONS must stay silent); tagged units_no_apps */
    if (g->government && rng_chance(r, 0.15)) {
        char *more = xasprintf("%s辖区内有%d个乡镇（街道）未收到政府信息公开申请。", text, (int)rng_range(r, 2, 12));
        free(text);
        text = more;
        tag(&g->variations, "units_no_apps");
    }
    return text;
}

static char *info_management(greport *g)
{
    static const char *const bank[] = {
        "严格落实公文公开属性源头认定制度，拟制公文时明确公开属性，全年清理行政规范性文件%d件。",
        "健全政府信息发布前保密审查机制，坚持“先审后发”，全年审核拟公开信息%d条。",
        "动态调整主动公开基本目录，规范政府信息公开指南，全年更新公开目录事项%d项。",
    };
    return xasprintf(RNG_PICK(&g->r, bank), (int)rng_range(&g->r, 2, 120));
}

static char *platforms(greport *g)
{
    static const char *const bank[] = {
        "加强政府网站和政务新媒体日常监测，全年通过政务新媒体发布信息%d条，及时整改错链、空白栏目等问题。",
        "优化政府信息公开专栏设置，完善检索功能，全年新增专题专栏%d个，提升信息查阅的便利度。",
        "推进政府网站集约化建设，规范栏目内容保障，全年发布各类信息%d条。",
    };
    return xasprintf(RNG_PICK(&g->r, bank), (int)rng_range(&g->r, 3, 2000));
}

static char *oversight(greport *g)
{
    static const char *const bank[] = {
        "将政务公开工作纳入年度绩效考核，组织政务公开业务培训%d次，参训%d人次。",
        "定期开展政务公开工作自查，组织专题培训%d次，覆盖工作人员%d人次，未发生因政府信息公开工作引起的责任追究情况。",
    };
    rng *r = &g->r;
    return xasprintf(RNG_PICK(r, bank), (int)rng_range(r, 1, 12), (int)rng_range(r, 10, 400));
}

/* Data: each part's heading as the template prints it, then the variants real reports print
 * (parser/sections.c knows them), with the chance of each variant. Not a bare 六、其他: a page
 * flattened to one line runs it into its text (六、其他无其他需要报告的事项), where no reader can tell. */
enum { HEADING_VARIANTS = 8 };
static const struct { const char *text; double p; } headings[6][HEADING_VARIANTS] = {
    {{"一、总体情况", 0}, {"一、政府信息公开工作总体情况", 0.05}, {"一、概况", 0.03}, {"一、工作概述", 0.03},
     {"一、基本情况", 0.03}},
    {{"二、主动公开政府信息情况", 0}, {"二、主动公开政府信息", 0.04}, {"二、主动公开政府信息工作开展情况", 0.03}},
    {{"三、收到和处理政府信息公开申请情况", 0}, {"三、依申请公开政府信息情况", 0.04}, {"三、收到和处理政府信息公开申请", 0.03}},
    {{"四、政府信息公开行政复议、行政诉讼情况", 0}, {"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 0.3},
     {"四、行政复议、行政诉讼情况", 0.04}},
    {{"五、存在的主要问题及改进情况", 0}, {"五、政府信息公开工作存在的主要问题及改进情况", 0.2},
     {"五、存在的主要问题及明年工作计划", 0.08}, {"五、存在的不足和改进措施", 0.06},
     {"五、存在的主要问题及下一步工作打算", 0.06}},
    {{"六、其他需要报告的事项", 0}, {"六、其他需要说明的事项", 0.04}, {"六、其他事项", 0.05}, {"六、需要说明的其他事项", 0.03}},
};

/* Part k's heading: a variant by its chance, else the template's; tagged heading_variant. */
static const char *heading(greport *g, int k)
{
    double x = rng_unit(&g->r);
    for (int v = 1; v < HEADING_VARIANTS && headings[k][v].text; v++) {
        if (x < headings[k][v].p) {
            tag(&g->variations, "heading_variant");
            return headings[k][v].text;
        }
        x -= headings[k][v].p;
    }
    return headings[k][0].text;
}

static void overview(greport *g)
{
    rng *r = &g->r;
    add(g, BK_HEAD, 0, xstrdup(g->pre2019 && rng_chance(r, 0.5) ? "一、概述" : heading(g, 0)));
    add(g, BK_PARA, 0, pick_open(g));
    add(g, BK_SUB, 0, xstrdup(rng_chance(r, 0.5) ? "（一）主动公开" : "（一）主动公开情况"));
    add(g, BK_PARA, 0, active_disclosure(g));
    add(g, BK_SUB, 0, xstrdup(rng_chance(r, 0.5) ? "（二）依申请公开" : "（二）依申请公开情况"));
    add(g, BK_PARA, 0, applications(g));
    add(g, BK_SUB, 0, xstrdup("（三）政府信息管理"));
    add(g, BK_PARA, 0, info_management(g));
    add(g, BK_SUB, 0, xstrdup(rng_chance(r, 0.5) ? "（四）政府信息公开平台建设" : "（四）平台建设"));
    add(g, BK_PARA, 0, platforms(g));
    char *hotline = vary_hotline(g);
    if (hotline) add(g, BK_PARA, 0, hotline);
    add(g, BK_SUB, 0, xstrdup("（五）监督保障"));
    add(g, BK_PARA, 0, oversight(g));
}

/* Section 四's lead sentence: a number only when there is one to state (PROSE-REVIEW, -LITIGATION). */
static void reviews_sentence(greport *g)
{
    rng *r = &g->r;
    gtable *t = &g->t[T4];
    int64_t rev = cell_num(t, 0, 4), lit = cell_num(t, 1, 4) + cell_num(t, 2, 4);
    int force_rev = g->dflags & D_PROSE_REVIEW, force_lit = g->dflags & D_PROSE_LITIGATION;
    if (!force_rev && !force_lit) {
        if (rev == 0 && lit == 0) {
            char *varied = vary_no_reviews(g);
            if (varied) add(g, BK_PARA, 3, varied);
            else if (rng_chance(r, 0.5)) add(g, BK_PARA, 3, xasprintf("本年度，%s未发生因政府信息公开工作引起的行政复议和行政诉讼。", g->who));
            return;
        }
        if (rng_chance(r, 0.4)) return;
    }
    /* a count of lawsuits may be the direct ones alone (the suit after a reconsideration counted with
     * it); a defect then prints a number that is neither reading */
    int64_t direct = cell_num(t, 1, 4);
    int direct_only = direct != lit && rng_chance(r, 0.3);
    g->prose_review = force_rev ? off_by(r, rev) : rev;
    if (force_lit) {
        do g->prose_litigation = off_by(r, lit);
        while (g->prose_litigation == direct);
    } else {
        g->prose_litigation = direct_only ? direct : lit;
        if (direct_only) tag(&g->variations, "suits_direct_only");
    }
    char *varied = vary_reviews(g);
    if (varied) {
        add(g, BK_PARA, 3, varied);
        return;
    }
    if (rng_chance(r, 0.3)) {
        tag(&g->variations, "cases_wording");
        add(g, BK_PARA, 3, xasprintf("%d年，%s发生涉及政府信息公开的行政复议案件%lld件、行政诉讼案件%lld件。", g->narrative_year,
                                     g->who, (long long)g->prose_review, (long long)g->prose_litigation));
        return;
    }
    add(g, BK_PARA, 3, xasprintf("本年度，%s因政府信息公开工作被申请行政复议%lld件，被提起行政诉讼%lld件。", g->who,
                                 (long long)g->prose_review, (long long)g->prose_litigation));
}

/* A government's own report may say, under part 四, what it decided as the organ hearing
 * reconsiderations: its casework, not cases over its disclosure (tagged reviewer_role). */
static void reviewer_sentence(greport *g)
{
    rng *r = &g->r;
    if (!g->government || !rng_chance(r, 0.25)) return;
    tag(&g->variations, "reviewer_role");
    int n = (int)rng_range(r, 5, 300);
    if (rng_chance(r, 0.5))
        add(g, BK_PARA, 3, xasprintf("%s作为行政复议机关，全年审理行政复议案件%d件，依法纠正违法或不当行政行为%d件。", g->who, n,
                                     (int)rng_range(r, 0, 5)));
    else
        add(g, BK_PARA, 3, xasprintf("全年%s共受理行政复议申请%d件，审结%d件。", g->who, n, n - (int)rng_range(r, 0, 4)));
}

static void problems(greport *g)
{
    static const char *const problems_bank[] = {
        "一是政策解读形式还不够丰富，图解、视频等解读方式运用较少；二是依申请公开办理的规范化水平有待提高；三是政务公开工作人员业务能力仍需加强。",
        "主要问题：基层政务公开标准化规范化水平有待提升，部分栏目更新不够及时，政务新媒体互动回应有待加强。",
        "一是主动公开的深度和广度不够，部分重点领域信息公开不够全面；二是公开队伍人员变动较大，业务培训有待常态化。",
    };
    static const char *const plans_bank[] = {
        "%d年，%s将进一步健全工作机制，加强业务培训，丰富政策解读形式，不断提升政府信息公开工作水平。",
        "%d年，%s将围绕群众关切深化重点领域信息公开，规范依申请公开办理流程，强化政府网站和政务新媒体管理。",
    };
    rng *r = &g->r;
    add(g, BK_PARA, 4, xstrdup(RNG_PICK(r, problems_bank)));
    /* an honest report speaking of a span that began last year, twice (自2022年以来 is not 2022 as this
     * year: DATE-STALE-YEAR must stay silent); tagged since_last_year */
    if (g->narrative_year == g->year && rng_chance(r, 0.25)) {
        add(g, BK_PARA, 4, xasprintf("自%d年以来，%s持续推进政务公开标准化规范化建设，但基层公开事项目录仍需完善。", g->year - 1, g->who));
        add(g, BK_PARA, 4, xasprintf("从%d年以来，%s政务新媒体数量有所增加，日常管理有待加强。", g->year - 1, g->who));
        tag(&g->variations, "since_last_year");
    }
    char *last = vary_last_year_mention(g);
    if (last) add(g, BK_PARA, 4, last);
    add(g, BK_PARA, 4, xasprintf(RNG_PICK(r, plans_bank), g->narrative_year + 1, g->who));
}

/* Section 六: the information processing fee (PROSE-FEE). */
static void other_matters(greport *g)
{
    rng *r = &g->r;
    if (g->dflags & D_PROSE_FEE) {
        g->prose_no_fee = 1;
        g->prose_fee = rng_range(r, 10, 900);
        add(g, BK_PARA, 5, xasprintf("本年度%s未收取信息处理费。依据《政府信息公开信息处理费管理办法》，全年收取信息处理费%lld元。",
                                     g->who, (long long)g->prose_fee));
        return;
    }
    char *varied = vary_other_matters(g);
    if (varied) {
        add(g, BK_PARA, 5, varied);
        return;
    }
    switch (rng_range(r, 0, 3)) {
    case 0:
        g->prose_no_fee = 1;
        add(g, BK_PARA, 5, xasprintf("本年度%s未收取信息处理费，无其他需要报告的事项。", g->who));
        break;
    case 1:
        g->prose_no_fee = 1;
        add(g, BK_PARA, 5, xasprintf("%s严格落实《政府信息公开信息处理费管理办法》，全年收取信息处理费0元。", g->who));
        break;
    case 2:
        g->prose_fee = rng_range(r, 20, 600);
        add(g, BK_PARA, 5, xasprintf("依据《政府信息公开信息处理费管理办法》，本年度共收取信息处理费%lld元。", (long long)g->prose_fee));
        break;
    default:
        add(g, BK_PARA, 5, xstrdup("无其他需要报告的事项。"));
        break;
    }
}

static void signature(greport *g)
{
    rng *r = &g->r;
    char date[64], signer[128];
    vary_signer(g, signer, sizeof signer);
    if (g->cn_date) cn_date(date, sizeof date, g->sy, g->sm, g->sd);
    else if (vary_sign_date(g, date, sizeof date)) (void)0;
    else if (rng_chance(r, 0.15)) {
        snprintf(date, sizeof date, "%d年%02d月%02d日", g->sy, g->sm, g->sd);
        tag(&g->variations, "date_padded");
    } else snprintf(date, sizeof date, "%d年%d月%d日", g->sy, g->sm, g->sd);
    add(g, BK_SIGN, 5, vary_sign_block(g, signer, date));
    if (g->cn_date) tag(&g->variations, "cn_date");
    /* an office's remark under the signature: not the end of the report's text */
    if (rng_chance(r, 0.1)) {
        add(g, BK_PARA, 5, xstrdup(rng_chance(r, 0.5) ? "（此件公开发布）" : "（此页无正文）"));
        tag(&g->variations, "sign_remark");
    }
    char *printed = vary_print_line(g);
    if (printed) add(g, BK_PARA, 5, printed);
    char *note = vary_after_signature(g);
    if (note) add(g, BK_PARA, 5, note);
}

/* The statistics table of a report under the 2007 条例 (指标名称 / 计量单位 / 2018年度 / 历年累计),
 * whose rows share words with table 3 of the 2019 format (国家秘密, 危及…, 部分公开, 举报投诉): the
 * version must be told from the table's own words, not from those. Tagged old_table. */
static void old_statistics_table(greport *g, int n)
{
    rng *r = &g->r;
    int granted = n / 2, partial = n / 6, denied = n - granted - partial;
    sbuf b = {0};
    sb_printf(&b, "指标名称\t计量单位\t%d年度\t历年累计\n", g->year);
    sb_printf(&b, "一、主动公开情况\t\t\t\n（一）主动公开政府信息数\t条\t%d\t%d\n", (int)rng_range(r, 50, 900),
              (int)rng_range(r, 1000, 9000));
    sb_printf(&b, "二、依申请公开情况\t\t\t\n（一）收到申请数\t件\t%d\t%d\n（二）申请答复数\t件\t%d\t%d\n", n, n * 5 + 3, n,
              n * 5 + 3);
    sb_printf(&b, "1.属于已主动公开范围数\t件\t0\t2\n2.同意公开答复数\t件\t%d\t%d\n3.同意部分公开答复数\t件\t%d\t%d\n",
              granted, granted * 4, partial, partial * 3);
    sb_printf(&b, "4.不同意公开答复数\t件\t%d\t%d\n其中：涉及国家秘密\t件\t0\t0\n"
                  "危及国家安全、公共安全、经济安全和社会稳定\t件\t0\t0\n", denied, denied * 2);
    sb_printf(&b, "三、行政复议数量\t件\t0\t%d\n四、行政诉讼数量\t件\t0\t%d\n五、举报投诉数量\t件\t0\t0\n"
                  "六、依申请公开信息收取的费用\t万元\t0\t0", (int)rng_range(r, 0, 3), (int)rng_range(r, 0, 2));
    add(g, BK_PARA, 2, xasprintf("附表：%d年度政府信息公开情况统计表", g->year));
    add(g, BK_ROWS, 2, xstrdup(b.s));
    sb_free(&b);
    tag(&g->variations, "old_table");
}

/* The free-form statistics of a report under the 2007 条例: no template table to extract. */
static void pre2019_body(greport *g)
{
    rng *r = &g->r;
    add(g, BK_HEAD, 1, xstrdup("二、主动公开政府信息情况"));
    add(g, BK_PARA, 1, xasprintf("%d年，%s共主动公开政府信息%d条，其中通过政府网站公开%d条，通过政务微博、微信公开%d条。", g->year,
                                 g->who, (int)rng_range(r, 100, 3000), (int)rng_range(r, 50, 1000), (int)rng_range(r, 10, 500)));
    add(g, BK_HEAD, 2, xstrdup("三、依申请公开政府信息情况"));
    int n = (int)rng_range(r, 0, 60);
    add(g, BK_PARA, 2, xasprintf("全年共受理政府信息公开申请%d件，其中当面申请%d件、网络申请%d件、信函申请%d件；已答复%d件。", n,
                                 n / 3, n / 2, n - n / 3 - n / 2, n));
    if (rng_chance(r, 0.6)) old_statistics_table(g, n);
    add(g, BK_HEAD, 3, xstrdup("四、政府信息公开的收费及减免情况"));
    add(g, BK_PARA, 3, xstrdup("本年度未收取任何费用。"));
    add(g, BK_HEAD, 3, xstrdup("五、因政府信息公开申请提起行政复议、行政诉讼的情况"));
    add(g, BK_PARA, 3, xasprintf("全年因政府信息公开申请提起行政复议%d件，提起行政诉讼%d件。", (int)rng_range(r, 0, 3), (int)rng_range(r, 0, 2)));
    add(g, BK_HEAD, 4, xstrdup("六、政府信息公开工作存在的主要问题及改进情况"));
    problems(g);
    add(g, BK_HEAD, 5, xstrdup("七、其他需要报告的事项"));
    add(g, BK_PARA, 5, xstrdup("无。"));
}

static char *site_footer_text(greport *g)
{
    rng *r = &g->r;
    int code = (int)rng_range(r, 1000000000, 2000000000), icp = (int)rng_range(r, 10000000, 99999999);
    switch (rng_range(r, 0, 3)) {
    case 0: return xstrdup("主办单位：政府办公室　版权所有");
    case 1:
        return xasprintf("主办：%s　承办：%s信息中心\n网站标识码：%d　苏ICP备%08d号　苏公网安备 %d号", g->agency, g->agency,
                         code, icp, code / 7);
    case 2:
        return xasprintf("版权所有：%s　技术支持：大数据管理中心\n联系我们 | 网站地图 | 建议使用1920×1080分辨率浏览", g->agency);
    default:
        return xasprintf("主办单位：%s\n地址：人民路%d号　联系电话：0%d-%08d\n浙ICP备%08d号-1", g->agency,
                         (int)rng_range(r, 1, 399), (int)rng_range(r, 10, 999), (int)rng_range(r, 20000000, 89999999), icp);
    }
}

void put_site_footer(greport *g, sbuf *o, const char *open, const char *close)
{
    char *f = site_footer_text(g);
    for (char *line = f, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        sb_printf(o, "%s%s%s", open, line, close);
    }
    free(f);
}

void narrative_build(greport *g)
{
    variety_init(g);
    title(g);
    vary_info_box(g);
    preface(g);
    if (g->section_present[0]) overview(g);
    if (g->pre2019) {
        pre2019_body(g);
    } else {
        if (g->section_present[1]) {
            add(g, BK_HEAD, 1, xstrdup(heading(g, 1)));
            add_table(g, 1, T2);
        }
        if (g->section_present[2]) {
            add(g, BK_HEAD, 2, xstrdup(heading(g, 2)));
            char *lead = vary_t3_lead(g);
            if (lead) add(g, BK_PARA, 2, lead);
            add_table(g, 2, T3);
        }
        if (g->section_present[3]) {
            add(g, BK_HEAD, 3, xstrdup(heading(g, 3)));
            reviewer_sentence(g);
            reviews_sentence(g);
            add_table(g, 3, T4);
        }
        if (g->section_present[4]) {
            add(g, BK_HEAD, 4, xstrdup(heading(g, 4)));
            problems(g);
        }
        if (g->section_present[5]) {
            add(g, BK_HEAD, 5, xstrdup(heading(g, 5)));
            other_matters(g);
        }
    }
    if (!g->has_period) tag(&g->variations, "no_period");
    if (g->has_signature) signature(g);
    else tag(&g->variations, "no_signature");
    vary_headings(g);
}
