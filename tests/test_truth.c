/*
 * tests/test_truth.c — every cell and identity field of every real report against its hand-labelled
 * truth in ../shared/corpus/truth/ (read by eye from the rendered pages and the sources, not from
 * nianbao's output; README there), with the allow-list tests/truth-allow.txt (tests/truth.h).
 *
 * Prints, per report, the truth cells exact / uncertain / wrong / missing, as `make eval` does, and
 * fails on any wrong or missing cell, on a certain truth cell read uncertain, on a cell read that the
 * truth does not list and on an identity field read wrong — unless the allow-list names it with a
 * reason — and on an allow-list entry that no longer happens.
 */
#include "testutil.h"
#include "truth.h"

#include "../parser/ingest.h"
#include "../parser/pattern.h"

static const char *const sources[] = {
    "seed/zhaoyuan-gxj-2023.txt",
    "real/2023_huaian_hongze_district_gov.pdf",
    "real/2024_huaian_hongze_district_gov.pdf",
    "real/2019_pingtan_zone_gov.txt",
    "real/2020_pingtan_zone_gov.txt",
    "real/2021_pingtan_zone_gov.txt",
    "real/2023_pingtan_zone_gov.txt",
    "real/2024_shanghai_stcsm_kewei.md",
    "real/2019_shanghai_city_gov_office.html",
};

static truth_allow allow;

/* The truth's name of a source: its base name without the extension. */
static void truth_name(const char *source, char *name, size_t cap)
{
    snprintf(name, cap, "%s", strrchr(source, '/') + 1);
    char *dot = strrchr(name, '.');
    if (dot) *dot = '\0';
}

/* Read `path` as nianbao does and compare it with the truth of `source`. */
static void check_file(const char *source, const char *path, const char *label)
{
    char name[256], dir[4096];
    truth_name(source, name, sizeof name);
    snprintf(dir, sizeof dir, "%s/corpus/truth", nb_test_shared());
    truth_file t;
    if (truth_load(dir, name, &t) != 0) fail_msg("%s/%s.csv: no truth", dir, name);
    nb_doc *d = nb_ingest(path, NULL);
    assert_non_null(d);
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    truth_score sc;
    truth_compare(&t, &r, name, &allow, &sc);
    print_message("# %-32s%s cells %3d: exact %3d (claimed split %2d), uncertain %2d (source undetermined %2d), wrong %d, "
                  "missing %d; identity %d/%d; allowed %d\n",
                  name, label, t.n, sc.n[TRUTH_EXACT], sc.claimed, sc.n[TRUTH_UNCERTAIN], sc.undeterminable,
                  sc.n[TRUTH_WRONG], sc.n[TRUTH_MISSING], sc.identity_checked - sc.identity_wrong, sc.identity_checked,
                  sc.allowed);
    truth_free(&t);
    nb_doc_free(d);
    if (sc.failures) fail_msg("%s: %d disagreements with the truth not in tests/truth-allow.txt", name, sc.failures);
}

static void check_source(int k)
{
    const char *path = nb_test_corpus(sources[k]);
    NB_NEED_FILE(path);
    check_file(sources[k], path, "");
}

static void truth_seed(void **s) { (void)s; check_source(0); }
static void truth_hongze_2023(void **s) { (void)s; check_source(1); }
static void truth_hongze_2024(void **s) { (void)s; check_source(2); }
static void truth_pingtan_2019(void **s) { (void)s; check_source(3); }
static void truth_pingtan_2020(void **s) { (void)s; check_source(4); }
static void truth_pingtan_2021(void **s) { (void)s; check_source(5); }
static void truth_pingtan_2023(void **s) { (void)s; check_source(6); }
static void truth_kewei_2024_md(void **s) { (void)s; check_source(7); }
static void truth_shanghai_2019_html(void **s) { (void)s; check_source(8); }

/* The same report with its table pages turned sideways (/Rotate 90 and 270) reads the same. */
static void truth_hongze_rotated(void **s)
{
    (void)s;
    const char *out = nb_test_qpdf(sources[2], "--rotate=+90:3 --rotate=-90:4", "rotated.pdf");
    check_file(sources[2], out, " (rotated)");
    unlink(out);
}

/* The comparison itself, on a truth written here: an edited truth cell must make it fail. */
static void truth_compare_catches_each_outcome(void **s)
{
    (void)s;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/truth-self", nb_test_tmpdir());
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/selftest.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("table,row,col,value,certain,note\n"
          "t1,a,x,5,yes,\n"
          "t1,a,y,,no,\"glued '12': 1/2 | 12/0 … satisfied only by 1/2\"\n"
          "t1,a,z,,no,\"glued '12': 1/2 | 12/0 … satisfied only by 1/2\"\n"
          "t1,b,x,,no,glued '34': no sum\n"
          "t1,b,y,7元,yes,\n",
          f);
    fclose(f);
    truth_file t;
    assert_int_equal(truth_load(dir, "selftest", &t), 0);
    assert_int_equal(t.n, 5);
    assert_string_equal(t.v[1].claim, "1");
    assert_string_equal(t.v[2].claim, "2");
    assert_string_equal(t.v[3].claim, "");
    assert_string_equal(t.v[4].value, "7");
    assert_string_equal(t.v[4].unit, "元");
    nb_cell c = {.kind = NB_CELL_NUMBER, .certain = 1, .value = "5", .unit = ""};
    assert_int_equal(truth_cell_outcome(&t.v[0], &c), TRUTH_EXACT);
    c.value = "6";
    assert_int_equal(truth_cell_outcome(&t.v[0], &c), TRUTH_WRONG);
    c.certain = 0;
    assert_int_equal(truth_cell_outcome(&t.v[0], &c), TRUTH_UNCERTAIN);
    assert_int_equal(truth_cell_outcome(&t.v[0], NULL), TRUTH_MISSING);
    /* the one split the sums allow may be claimed; any other reading of an undetermined cell is a guess */
    c = (nb_cell){.kind = NB_CELL_NUMBER, .certain = 1, .value = "1", .unit = ""};
    assert_int_equal(truth_cell_outcome(&t.v[1], &c), TRUTH_EXACT);
    c.value = "12";
    assert_int_equal(truth_cell_outcome(&t.v[1], &c), TRUTH_WRONG);
    c.value = "3";
    assert_int_equal(truth_cell_outcome(&t.v[3], &c), TRUTH_WRONG);
    /* money: the unit too */
    c = (nb_cell){.kind = NB_CELL_NUMBER, .certain = 1, .value = "7", .unit = "万元"};
    assert_int_equal(truth_cell_outcome(&t.v[4], &c), TRUTH_WRONG);
    c.unit = "元";
    assert_int_equal(truth_cell_outcome(&t.v[4], &c), TRUTH_EXACT);
    /* an outcome the allow-list names is excused once seen, and an entry never seen is stale */
    truth_allow a = {0};
    truth_allow_entry e = {"selftest", "t1.a.x", "uncertain", strdup("why"), 0};
    a.v = &e;
    a.n = 1;
    truth_score sc = {0};
    truth_not_right(&sc, &a, "selftest", "t1.a.x", "wrong", "");
    assert_int_equal(sc.failures, 1);
    truth_not_right(&sc, &a, "selftest", "t1.a.x", "uncertain", "");
    assert_int_equal(sc.allowed, 1);
    e.used = 0;
    truth_stale_entries(&a, "selftest", &sc);
    assert_int_equal(sc.failures, 2);
    free(e.reason);
    truth_free(&t);
}

int main(void)
{
    if (truth_allow_load("tests/truth-allow.txt", &allow) != 0) {
        fprintf(stderr, "tests/truth-allow.txt: missing or malformed\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(truth_compare_catches_each_outcome),
        cmocka_unit_test(truth_seed),         cmocka_unit_test(truth_hongze_2023),
        cmocka_unit_test(truth_hongze_2024),  cmocka_unit_test(truth_pingtan_2019),
        cmocka_unit_test(truth_pingtan_2020), cmocka_unit_test(truth_pingtan_2021),
        cmocka_unit_test(truth_pingtan_2023), cmocka_unit_test(truth_kewei_2024_md),
        cmocka_unit_test(truth_shanghai_2019_html),
        cmocka_unit_test(truth_hongze_rotated),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    truth_allow_free(&allow);
    nb_re_free_all();
    return rc;
}
