/*
 * tests/test_value.c — numbers as the outputs print them: nb_format_value against the printf
 * formats it replaced, and nb_parse_value on the forms reports use.
 */
#include "testutil.h"

#include <stdint.h>

#include "../parser/value.h"

/* What nb_format_value printed when it was written with snprintf. */
static void reference(int64_t mant, int scale, char *buf, size_t size)
{
    if (scale <= 0 || scale > 17) {
        snprintf(buf, size, "%lld", (long long)mant);
        return;
    }
    int64_t p = 1;
    for (int i = 0; i < scale; i++) p *= 10;
    int64_t a = mant < 0 ? -mant : mant;
    char frac[24];
    snprintf(frac, sizeof frac, "%018lld", (long long)(a % p));
    snprintf(buf, size, "%s%lld.%s", mant < 0 ? "-" : "", (long long)(a / p), frac + 18 - scale);
}

static void format_matches_printf(void **state)
{
    (void)state;
    static const int64_t mants[] = {0, 1, -1, 5, 9, 10, -10, 99, 100, 123, -123, 7730, 773028, 100000,
                                    999999999, -999999999, 12345678901234567LL, -12345678901234567LL,
                                    INT64_MAX, INT64_MIN + 1};
    static const size_t sizes[] = {32, 8, 4, 2, 1, 0};
    for (size_t m = 0; m < sizeof mants / sizeof mants[0]; m++)
        for (int scale = -1; scale <= 18; scale++)
            for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                char want[32], got[32];
                memset(want, 'x', sizeof want);
                memset(got, 'x', sizeof got);
                reference(mants[m], scale, want, sizes[z]);
                nb_format_value(mants[m], scale, got, sizes[z]);
                assert_memory_equal(want, got, sizeof want);
            }
}

static void parse_forms(void **state)
{
    (void)state;
    nb_value v;
    assert_int_equal(nb_parse_value("7,730.28", 8, &v), NB_V_NUMBER);
    assert_string_equal(v.text, "7730.28");
    assert_int_equal(nb_parse_value("1,234,567", 9, &v), NB_V_NUMBER);
    assert_string_equal(v.text, "1234567");
    /* separators only every three digits: 1,23,456 and 12,34 are not numbers as printed */
    assert_int_equal(nb_parse_value("1,23,456", 8, &v), NB_V_NONE);
    assert_int_equal(nb_parse_value("12,34", 5, &v), NB_V_NONE);
    assert_int_equal(nb_parse_value("1234,567", 8, &v), NB_V_NONE);
    assert_int_equal(nb_parse_value("-15", 3, &v), NB_V_NUMBER);
    assert_string_equal(v.text, "-15");
    assert_int_equal(nb_parse_value("0.05万元", strlen("0.05万元"), &v), NB_V_NUMBER);
    assert_string_equal(v.text, "0.05");
    assert_int_equal(nb_parse_value("--", 2, &v), NB_V_BLANK);
}

/* A money unit is taken off the value and kept, never applied; a count's unit is dropped. */
static void parse_units(void **state)
{
    (void)state;
    nb_value v;
    assert_int_equal(nb_parse_value("5.77万元", strlen("5.77万元"), &v), NB_V_NUMBER);
    assert_string_equal(v.text, "5.77");
    assert_string_equal(v.unit, "万元");
    assert_int_equal(nb_parse_value("5.77 元", strlen("5.77 元"), &v), NB_V_NUMBER);
    assert_string_equal(v.text, "5.77");
    assert_string_equal(v.unit, "元");
    assert_int_equal(nb_parse_value("12件", strlen("12件"), &v), NB_V_NUMBER);
    assert_string_equal(v.unit, "");
    assert_int_equal(nb_parse_value("12", 2, &v), NB_V_NUMBER);
    assert_string_equal(v.unit, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_matches_printf),
        cmocka_unit_test(parse_forms),
        cmocka_unit_test(parse_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
