/*
 * tests/test_fuzz_regress.c — every input the fuzzers found a bug with, replayed under ASan and
 * UBSan by `make test`: every file in tests/fuzz/regressions/TARGET/ through the same entry point as the fuzz
 * target TARGET (the targets' sources are compiled in here under their own names).
 */
#include <dirent.h>

#include "testutil.h"

#define NB_FUZZ_ENTRY fuzz_text_one
#include "fuzz/fuzz_text.c"
#undef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY fuzz_pdf_one
#include "fuzz/fuzz_pdf.c"
#undef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY fuzz_html_one
#include "fuzz/fuzz_html.c"
#undef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY fuzz_docx_one
#include "fuzz/fuzz_docx.c"
#undef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY fuzz_journal_one
#include "fuzz/fuzz_journal.c"
#undef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY fuzz_ocr_one
#include "fuzz/fuzz_ocr.c"
#undef NB_FUZZ_ENTRY

#include "../parser/glue.h"
#include "../parser/pattern.h"

/* Run every file of tests/fuzz/regressions/<target>/ through fn; returns how many. */
static int replay(const char *target, int (*fn)(const uint8_t *, size_t))
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", target);
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = nb_test_slurp(path, &len);
        assert_non_null(data);
        print_message("# %s %s\n", target, e->d_name);
        fn((const uint8_t *)data, len);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

/* Every target with its entry point: each one's regressions replay through it. */
static const struct {
    const char *target;
    int (*fn)(const uint8_t *, size_t);
} targets[] = {
    {"fuzz_text", fuzz_text_one},
    {"fuzz_pdf", fuzz_pdf_one},
    {"fuzz_html", fuzz_html_one},
    {"fuzz_docx", fuzz_docx_one},
    {"fuzz_journal", fuzz_journal_one},
    {"fuzz_ocr", fuzz_ocr_one},
};

static void all_regressions(void **state)
{
    (void)state;
    int n = 0;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) n += replay(targets[i].target, targets[i].fn);
    assert_true(n > 0);
}

/* fuzz_text found: aligning a 17-digit part to another part's three decimals overflowed int64 in
 * the relation check (parser/glue.c). The row cannot add up, and says so without overflowing. */
static void glue_scale_overflow(void **state)
{
    (void)state;
    const char *tok[] = {"11002400151010200", "0.001", "1"};
    const size_t len[] = {17, 5, 1};
    const nb_glue_rel rel = {0, 0x6u};
    nb_glue_input in = {tok, len, 3, 3, 0, &rel, 1};
    nb_glue_result *out = calloc(1, sizeof *out);
    nb_glue_split_row(&in, out);
    assert_int_equal(out->by_count, 1);
    free(out);
    const char *glued[] = {"110024001510102000010.0011"};
    const size_t glen[] = {26};
    nb_glue_input in2 = {glued, glen, 1, 3, 0, &rel, 1};
    out = calloc(1, sizeof *out);
    nb_glue_split_row(&in2, out);
    assert_int_equal(out->ncand, 0);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glue_scale_overflow),
        cmocka_unit_test(all_regressions),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
