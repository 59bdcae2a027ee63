/*
 * tests/test_golden.c — every cell of every real report against its golden file.
 *
 * The golden files (tests/golden/) were written by reading each source by eye — rendered PDF pages,
 * the text files — not copied from nianbao's output. The test prints, per document, the cells
 * exact / uncertain / wrong, and fails on any wrong or missing cell, on any determinable cell left
 * uncertain, and on a version or status that is not the expected one.
 */
#include "testutil.h"
#include "golden.h"

#include "../parser/ingest.h"
#include "../parser/pattern.h"
#include "../parser/report.h"

typedef struct golden_case {
    const char *source;       /* under the shared corpus */
    const char *version;
} golden_case;

static const golden_case cases[] = {
    {"seed/zhaoyuan-gxj-2023.txt", "2021"},
    {"real/2023_huaian_hongze_district_gov.pdf", "2021"},
    {"real/2024_huaian_hongze_district_gov.pdf", "2021"},
    {"real/2019_pingtan_zone_gov.txt", "2019"},
    {"real/2020_pingtan_zone_gov.txt", "2019"},
    {"real/2021_pingtan_zone_gov.txt", "2021"},
    {"real/2023_pingtan_zone_gov.txt", "2021"},
    {"real/2024_shanghai_stcsm_kewei.md", "2021"},
    {"real/2019_shanghai_city_gov_office.html", "2019"},
};

/* Read `path` and compare it with the golden file of `source`. */
static void check_file(const golden_case *gc, const char *path)
{
    const char *base = strrchr(gc->source, '/') + 1;
    char gpath[512];
    snprintf(gpath, sizeof gpath, "tests/golden/%s.cells.csv", base);
    golden g;
    assert_int_equal(golden_load(gpath, &g), 0);
    nb_doc *d = nb_ingest(path, NULL);
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    assert_string_equal(r.tables->version, gc->version);
    golden_score sc;
    golden_compare(&g, r.tables, base, &sc);
    print_message("# %-45s cells %3d: exact %3d, uncertain %2d (source undeterminable %2d), wrong %d, missing %d\n",
                  base, g.n, sc.exact, sc.uncertain, sc.undeterminable, sc.wrong, sc.missing);
    int determinable_uncertain = sc.uncertain - sc.undeterminable;
    free(g.v);
    nb_doc_free(d);
    assert_int_equal(sc.wrong, 0);
    assert_int_equal(sc.missing, 0);
    assert_int_equal(sc.extra, 0);
    assert_int_equal(determinable_uncertain, 0);
}

static void check_case(const golden_case *gc)
{
    const char *path = nb_test_corpus(gc->source);
    NB_NEED_FILE(path);
    check_file(gc, path);
}

static void golden_seed(void **s) { (void)s; check_case(&cases[0]); }
static void golden_hongze_2023(void **s) { (void)s; check_case(&cases[1]); }
static void golden_hongze_2024(void **s) { (void)s; check_case(&cases[2]); }
static void golden_pingtan_2019(void **s) { (void)s; check_case(&cases[3]); }
static void golden_pingtan_2020(void **s) { (void)s; check_case(&cases[4]); }
static void golden_pingtan_2021(void **s) { (void)s; check_case(&cases[5]); }
static void golden_pingtan_2023(void **s) { (void)s; check_case(&cases[6]); }
static void golden_kewei_2024_md(void **s) { (void)s; check_case(&cases[7]); }
static void golden_shanghai_2019_html(void **s) { (void)s; check_case(&cases[8]); }

/* The same report with its table pages turned sideways (/Rotate 90 and 270) reads the same. */
static void golden_hongze_rotated(void **s)
{
    (void)s;
    const char *src = nb_test_corpus(cases[2].source);
    NB_NEED_FILE(src);
    NB_NEED_TOOL("qpdf");
    char out[512], cmd[10240];
    snprintf(out, sizeof out, "%s/rotated.pdf", nb_test_tmpdir());
    snprintf(cmd, sizeof cmd, "qpdf --rotate=+90:3 --rotate=-90:4 '%s' '%s'", src, out);
    assert_int_equal(system(cmd), 0);
    check_file(&cases[2], out);
    unlink(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_seed),         cmocka_unit_test(golden_hongze_2023),
        cmocka_unit_test(golden_hongze_2024),  cmocka_unit_test(golden_pingtan_2019),
        cmocka_unit_test(golden_pingtan_2020), cmocka_unit_test(golden_pingtan_2021),
        cmocka_unit_test(golden_pingtan_2023), cmocka_unit_test(golden_kewei_2024_md),
        cmocka_unit_test(golden_shanghai_2019_html),
        cmocka_unit_test(golden_hongze_rotated),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
