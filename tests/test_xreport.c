/*
 * tests/test_xreport.c — the rules across reports on hand-built summaries (rules/xreport.h): each
 * rule fires with the exact finding where it must and stays silent where it must not; the summary
 * line reads back what was written; the copy sketch sees through masked years, numbers and names.
 */
#include "testutil.h"

#include <glib.h>
#include <stdint.h>

#include "../rules/audit_opts.h"
#include "../rules/roster.h"
#include "../rules/spill.h"
#include "../rules/xreport.h"

typedef struct set {
    nb_arena a;
    nb_xdoc  d[8];
    nb_xdoc *p[8];
    int      n;
    nb_xfindings f;
    nb_xopts o;
} set;

static void set_init(set *s)
{
    memset(s, 0, sizeof *s);
    nb_arena_init(&s->a);
    nb_xfindings_init(&s->f, &s->a);
    s->o.copy_last_year = NB_COPY_LAST_YEAR_DEFAULT;
    s->o.copy_other = NB_COPY_OTHER_DEFAULT;
}

static void set_free(set *s)
{
    nb_xfindings_free(&s->f);
    nb_arena_free(&s->a);
}

/* A report of agency and year whose numbers are all 0 and whose narrative is text. */
static nb_xdoc *add(set *s, const char *file, const char *agency, int year, const char *version, const char *text)
{
    nb_xdoc *d = &s->d[s->n];
    memset(d, 0, sizeof *d);
    d->file = file;
    d->sha256 = nb_sprintf(&s->a, "sha-%s", file);
    d->agency = agency;
    d->key = nb_agency_key(&s->a, agency);
    d->year = year;
    d->version = version;
    d->t3_page = 3;
    d->order = s->n;
    d->content = (uint64_t)s->n + 1;
    if (text) d->has_sketch = nb_copy_sketch(text, strlen(text), agency, d->sketch);
    s->p[s->n++] = d;
    return d;
}

static const nb_xfinding *only(const set *s, const char *rule)
{
    const nb_xfinding *x = NULL;
    for (int i = 0; i < s->f.n; i++)
        if (!strcmp(s->f.v[i].rule->id, rule)) {
            assert_null(x);
            x = &s->f.v[i];
        }
    return x;
}

static void year_carryover_fires(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a.pdf", "某县财政局", 2022, "2021", NULL), *b = add(&s, "b.pdf", "某县 财政局", 2023, "2021", NULL);
    a->num[NB_X_FORWARD + 6] = 2;
    b->num[NB_X_CARRIED + 6] = 3;
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    const nb_xfinding *x = only(&s, "YEAR-CARRYOVER");
    assert_non_null(x);
    assert_ptr_equal(x->doc, b);
    assert_string_equal(x->table, "t3");
    assert_string_equal(x->row, "carried");
    assert_string_equal(x->col, "total");
    assert_string_equal(x->expected, "2");
    assert_string_equal(x->actual, "3");
    assert_int_equal(x->page, 3);
    assert_non_null(strstr(x->msg_en, "a.pdf"));
    assert_int_equal(s.f.n, 1);
    set_free(&s);
}

static void year_carryover_agrees(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a", "某县财政局", 2022, "2021", NULL), *b = add(&s, "b", "某县财政局", 2023, "2021", NULL),
            *c = add(&s, "c", "某县财政局", 2025, "2021", NULL);
    a->num[NB_X_FORWARD] = 1;
    b->num[NB_X_CARRIED] = 1;
    b->num[NB_X_CARRIED + 1] = NB_X_UNKNOWN;     /* read with doubt: not compared */
    a->num[NB_X_FORWARD + 1] = 5;
    c->num[NB_X_CARRIED] = 9;                    /* 2024 is missing: not compared with 2023 */
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 0);
    set_free(&s);
}

static void year_in_force_fires(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a", "某市人民政府", 2022, "2021", NULL), *b = add(&s, "b", "某市人民政府", 2023, "2021", NULL);
    a->num[NB_X_NORM_IN_FORCE] = 40;
    b->num[NB_X_NORM_ISSUED] = 3;
    b->num[NB_X_NORM_REPEALED] = 1;
    b->num[NB_X_NORM_IN_FORCE] = 45;
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    const nb_xfinding *x = only(&s, "YEAR-IN-FORCE");
    assert_non_null(x);
    assert_string_equal(x->row, "normative");
    assert_string_equal(x->expected, "42");
    assert_string_equal(x->actual, "45");
    assert_non_null(strstr(x->msg_en, "amendments"));
    set_free(&s);
}

static void year_in_force_2019_not_compared(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a", "某市人民政府", 2020, "2019", NULL), *b = add(&s, "b", "某市人民政府", 2021, "2021", NULL);
    a->num[NB_X_NORM_IN_FORCE] = 40;
    b->num[NB_X_NORM_IN_FORCE] = 45;
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 0);
    set_free(&s);
}

static void year_duplicate_fires(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a", "某县财政局", 2023, "2021", NULL), *b = add(&s, "b", "某县财政局", 2023, "2021", NULL);
    a->num[NB_X_NEW_TOTAL] = 21;
    b->num[NB_X_NEW_TOTAL] = 23;
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 2);
    assert_string_equal(s.f.v[0].rule->id, "YEAR-DUPLICATE");
    assert_string_equal(s.f.v[0].actual, "b");
    assert_string_equal(s.f.v[1].actual, "a");
    set_free(&s);
}

static void year_duplicate_same_bytes_silent(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    nb_xdoc *a = add(&s, "a", "某县财政局", 2023, "2021", NULL), *b = add(&s, "b", "某县财政局", 2023, "2021", NULL),
            *c = add(&s, "c.html", "某县财政局", 2023, "2021", NULL);
    b->sha256 = a->sha256;                       /* the same file twice */
    c->content = a->content;                     /* the same numbers and text in another format */
    c->num[NB_X_NEW_TOTAL] = NB_X_UNKNOWN;
    nb_xcheck_year(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 0);
    set_free(&s);
}

/* A narrative of some length: the same sentences with other years, numbers and names. */
static char *narrative(const char *who, int year, int n, int variant)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 12; i++)
        g_string_append_printf(s, "%d年，%s认真贯彻落实《条例》，第%d项工作稳步推进，全年公开信息%d条，完善工作机制%s。", year, who,
                               i + 1, n * (i + 1), variant && i % 2 ? "，另行部署专项检查和培训事项" : "");
    return g_string_free(s, FALSE);
}

/* The agency's 2022 report with text t1 and its 2023 report with t2: the 2023 one is raised as
 * last year's reused, similarity 1.00, comparing the narrative. Returns the 2023 report. */
static nb_xdoc *last_year_reused(set *s, const char *t1, const char *t2)
{
    add(s, "a", "某县财政局", 2022, "2021", t1);
    nb_xdoc *b = add(s, "b", "某县财政局", 2023, "2021", t2);
    nb_xcheck_copy(s->p, s->n, &s->o, &s->f);
    const nb_xfinding *x = only(s, "COPY-LAST-YEAR");
    assert_non_null(x);
    assert_ptr_equal(x->doc, b);
    assert_string_equal(x->actual, "1.00");
    assert_string_equal(x->table, "section");
    return b;
}

static void copy_last_year_fires(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    char *t1 = narrative("某县财政局", 2022, 7, 0), *t2 = narrative("某县财政局", 2023, 9, 0);
    last_year_reused(&s, t1, t2);
    assert_int_equal(s.f.n, 1);
    g_free(t1);
    g_free(t2);
    set_free(&s);
}

/* A narrative whose years and counts are written in Chinese, as many reports write them. */
static char *narrative_cn(const char *year, const char *count, const char *ordinal)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 6; i++)
        g_string_append_printf(s, "%s年，本机关共收到政府信息公开申请%s件，较上年增加%s 件，办结率百分之百。%s是健全制度，"
                                  "规范办理流程第%d环节，组织培训%s次。",
                               year, count, count, ordinal, i + 1, count);
    return g_string_free(s, FALSE);
}

/* Last year's report with its years and counts changed in Chinese (二〇二二年 → 二〇二三年, 二十二件 →
 * 一百零五件) is last year's (similarity 1, as with digits); numerals that are words (一是, 三是) are
 * not masked. */
static void copy_last_year_chinese_numbers(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    char *t1 = narrative_cn("二〇二二", "二十二", "一"), *t2 = narrative_cn("二〇二三", "一百零五", "一"),
         *t3 = narrative_cn("二〇二三", "一百零五", "三");
    nb_xdoc *b = last_year_reused(&s, t1, t2), *c = add(&s, "c", "某县财政局", 2023, "2021", t3);
    assert_true(nb_copy_similarity(b->sketch, c->sketch) < 1.0);
    assert_true(nb_copy_similarity(b->sketch, c->sketch) > 0.5);
    g_free(t1);
    g_free(t2);
    g_free(t3);
    set_free(&s);
}

static void copy_other_agency_fires(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    char *t1 = narrative("某县财政局", 2023, 7, 0), *t2 = narrative("某县教育局", 2023, 7, 0);
    add(&s, "a", "某县财政局", 2023, "2021", t1);
    add(&s, "b", "某县教育局", 2023, "2021", t2);
    nb_xcheck_copy(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 2);
    assert_string_equal(s.f.v[0].rule->id, "COPY-OTHER-AGENCY");
    assert_non_null(strstr(s.f.v[0].msg_en, "某县"));
    g_free(t1);
    g_free(t2);
    set_free(&s);
}

static void copy_unrelated_silent(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    char *t1 = narrative("某县财政局", 2023, 7, 0), *t3 = narrative("某县教育局", 2024, 7, 0);
    const char *t2 = "本机关高度重视政府信息公开工作，明确分管领导和经办人员，规范依申请公开的受理、登记、办理和答复流程，"
                     "按照法定时限答复申请人。加强政府网站建设与管理，及时更新栏目内容，做好政策解读和回应关切工作，"
                     "对涉及群众切身利益的重要政策文件逐项解读。存在的问题是公开内容还不够全面，下一步将继续加强培训。";
    add(&s, "a", "某县财政局", 2023, "2021", t1);
    add(&s, "b", "某县教育局", 2023, "2021", t2);
    add(&s, "c", "某县教育局", 2024, "2021", t3);     /* a's text with c's name: its previous report is b */
    nb_xcheck_copy(s.p, s.n, &s.o, &s.f);
    for (int i = 0; i < s.f.n; i++) assert_string_not_equal(s.f.v[i].rule->id, "COPY-LAST-YEAR");
    assert_int_equal(s.f.n, 2);                        /* a and c: other agencies, the same text */
    g_free(t1);
    g_free(t3);
    set_free(&s);
}

static void roster_missing_and_unlisted(void **state)
{
    (void)state;
    char path[] = "/tmp/nb-roster-XXXXXX";
    int fd = mkstemp(path);
    const char *csv = "agency,kind,deadline,parent,aliases\n某县人民政府,government,,,某县政府\n某县审计局,department,02-15,,\n";
    assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
    close(fd);
    nb_roster r;
    const char *err = NULL;
    assert_int_equal(nb_roster_load(path, &r, 1, &err), 0);
    unlink(path);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.v[1].dl_m, 2);
    assert_ptr_equal(nb_roster_find(&r, "某县 政府"), &r.v[0]);
    set s;
    set_init(&s);
    s.o.roster = &r;
    add(&s, "a", "某县政府", 2023, "2021", NULL);
    add(&s, "b", "某县档案馆", 2023, "2021", NULL);
    nb_xcheck_roster(s.p, s.n, &s.o, &s.f);
    assert_string_equal(s.p[0]->key, r.v[0].key);       /* the alias joined its agency */
    const nb_xfinding *m = only(&s, "ROSTER-MISSING"), *u = only(&s, "ROSTER-UNLISTED");
    assert_non_null(m);
    assert_null(m->doc);
    assert_string_equal(m->col, "某县审计局");
    assert_string_equal(m->row, "2023");
    assert_non_null(u);
    assert_string_equal(u->actual, "某县档案馆");
    /* the roster's deadline and kind feed the deadline rule */
    nb_audit_opts o;
    memset(&o, 0, sizeof o);
    o.roster = &r;
    nb_deadline dl = nb_deadline_for(&o, "某县审计局", NULL, 2023);
    assert_int_equal(dl.m, 2);
    assert_int_equal(dl.d, 15);
    set_free(&s);
    nb_roster_free(&r);
}

static void summary_line_round_trip(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    const char *line = "dir/a\\tb.pdf\tabc\t某县财政局\t2023\t2021\t3\t2\t"
                       "0,1,?,0,0,0,1,0,0,0,0,0,0,2,?,?,?,5,1,44,21,21,0,0,0,7\t\t00000000000000ff\t,";
    nb_xdoc d;
    assert_int_equal(nb_xdoc_parse(line, strlen(line), &a, &d), 0);
    assert_string_equal(d.file, "dir/a\tb.pdf");
    assert_int_equal(d.year, 2023);
    assert_int_equal(d.num[NB_X_CARRIED + 1], 1);
    assert_true(d.num[NB_X_CARRIED + 2] == NB_X_UNKNOWN);
    assert_int_equal(d.num[NB_X_NORM_IN_FORCE], 44);
    assert_int_equal(d.has_sketch, 0);
    assert_true(d.content == 255);
    assert_int_equal(nb_xdoc_parse(line, strlen(line) - 5, &a, &d), -1);
    nb_arena_free(&a);
}

/* The external sort: more records than its buffer holds come back in order, every one, through
 * several runs merged; a temporary file reads back what was put and overwritten. */
static void spill_sorts_across_runs(void **state)
{
    (void)state;
    nb_spill *s = nb_spill_new(12, 12 * 100);     /* 100 records a run: 10,000 make 100 runs */
    uint8_t r[12];
    for (uint32_t i = 0; i < 10000; i++) {
        uint32_t k = (i * 7919u) % 10007u;         /* a permutation of part of 0..10006 */
        memset(r, 0, sizeof r);
        nb_put_be64(r, (uint64_t)k << 20);
        nb_put_be32(r + 8, i);
        nb_spill_add(s, r);
    }
    assert_int_equal(nb_spill_count(s), 10000);
    uint64_t last = 0, n = 0;
    while (nb_spill_next(s, r)) {
        uint64_t k = nb_get_be64(r);
        assert_true(n == 0 || k > last);
        assert_int_equal((nb_get_be32(r + 8) * 7919u) % 10007u, k >> 20);
        last = k;
        n++;
    }
    assert_int_equal(n, 10000);
    assert_int_equal(nb_spill_failed(s), 0);
    nb_spill_free(s);

    nb_tmp t;
    assert_int_equal(nb_tmp_open(&t), 0);
    char big[100000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char)('a' + i % 26);
    uint64_t at = nb_tmp_put(&t, "hello", 5), at2 = nb_tmp_put(&t, big, sizeof big);
    assert_int_equal(at, 0);
    assert_int_equal(at2, 5);
    nb_tmp_set(&t, 1, "EL", 2);
    char back[8] = {0};
    nb_tmp_get(&t, 0, back, 5);
    assert_string_equal(back, "hELlo");
    nb_tmp_get(&t, 5 + 99990, back, 8);              /* past the end: zeroes */
    assert_memory_equal(back, big + 99990, 8 > 10 ? 10 : 8);
    nb_tmp_get(&t, 5 + sizeof big - 2, back, 4);
    assert_int_equal(back[2], 0);
    nb_tmp_close(&t);
}

/* Findings come out in report order whatever the family that raised them, and a copy names the
 * most similar other report, the first in input order among equals. */
static void copy_best_and_order(void **state)
{
    (void)state;
    set s;
    set_init(&s);
    char *t[3] = {narrative("某县财政局", 2023, 7, 0), narrative("某县教育局", 2023, 7, 0), narrative("某县民政局", 2023, 7, 0)};
    add(&s, "a", "某县财政局", 2023, "2021", t[0]);
    add(&s, "b", "某县教育局", 2023, "2021", t[1]);
    add(&s, "c", "某县民政局", 2023, "2021", t[2]);
    nb_xcheck_all(s.p, s.n, &s.o, &s.f);
    assert_int_equal(s.f.n, 3);
    for (int i = 0; i < 3; i++) {
        assert_ptr_equal(s.f.v[i].doc, s.p[i]);
        assert_string_equal(s.f.v[i].rule->id, "COPY-OTHER-AGENCY");
    }
    assert_non_null(strstr(s.f.v[0].msg_en, "report b "));
    assert_non_null(strstr(s.f.v[1].msg_en, "report a "));
    assert_non_null(strstr(s.f.v[2].msg_en, "report a "));
    for (int i = 0; i < 3; i++) g_free(t[i]);
    set_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(year_carryover_fires),
        cmocka_unit_test(year_carryover_agrees),
        cmocka_unit_test(year_in_force_fires),
        cmocka_unit_test(year_in_force_2019_not_compared),
        cmocka_unit_test(year_duplicate_fires),
        cmocka_unit_test(year_duplicate_same_bytes_silent),
        cmocka_unit_test(copy_last_year_fires),
        cmocka_unit_test(copy_last_year_chinese_numbers),
        cmocka_unit_test(copy_other_agency_fires),
        cmocka_unit_test(copy_unrelated_silent),
        cmocka_unit_test(roster_missing_and_unlisted),
        cmocka_unit_test(summary_line_round_trip),
        cmocka_unit_test(spill_sorts_across_runs),
        cmocka_unit_test(copy_best_and_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
