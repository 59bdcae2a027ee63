/*
 * tests/test_buf.c — the output field writers of cmd/buf.c against what they stand for:
 * nb_csv_fixed1 must print every coordinate byte for byte as snprintf's "%.1f" did; a CSV field is
 * quoted exactly when RFC 4180 (or a space at either end) needs it; a JSON string escapes what JSON
 * requires.
 */
#include "testutil.h"

#include <math.h>
#include <stdint.h>

#include "../cmd/buf.h"

static void expect_like_printf(float v)
{
    char want[64];
    snprintf(want, sizeof want, "%.1f", v);
    nb_buf b = {0};
    nb_csv_fixed1(&b, v, 1);
    if (strcmp(b.p, want) != 0) fail_msg("%a: got %s, printf %s", (double)v, b.p, want);
    nb_buf_free(&b);
}

/* Ties (x.x5 exactly representable: .25, .75 and their multiples by powers of two), negative
 * zero, values that round to zero from below, the edge of the fast path, non-finite values. */
static void fixed1_edges(void **state)
{
    (void)state;
    static const float v[] = {0.0f, -0.0f, 0.05f, 0.15f, 0.25f, 0.35f, 0.45f, 0.75f, 1.25f, 2.5f,
                              -0.04f, -0.05f, -0.25f, -0.75f, 0.95f, 9.95f, 99.95f, 999.95f,
                              595.276f, 841.89f, 1e14f, 9.999e13f, 1e15f, 1e16f, -1e16f, 3.4e38f,
                              INFINITY, -INFINITY, NAN, 1e-30f, -1e-30f};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) expect_like_printf(v[i]);
}

/* Every float on a page-sized grid at 1/128 steps, and a million pseudo-random bit patterns. */
static void fixed1_sweep(void **state)
{
    (void)state;
    for (int i = -128 * 1200; i <= 128 * 1200; i++) expect_like_printf((float)i / 128.0f);
    for (int i = -10000; i <= 10000; i++) expect_like_printf((float)i * 0.05f);
    uint32_t x = 2463534242u;
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        float f;
        memcpy(&f, &x, sizeof f);
        expect_like_printf(f);
    }
}

/* The separator comes before every field but the first. */
static void fixed1_separator(void **state)
{
    (void)state;
    nb_buf b = {0};
    nb_csv_fixed1(&b, 12.34f, 1);
    nb_csv_fixed1(&b, -1.0f, 0);
    assert_string_equal(b.p, "12.3,-1.0");
    nb_buf_free(&b);
}

/* One field alone, as written. */
static const char *csv_of(nb_buf *b, const char *s)
{
    nb_buf_clear(b);
    nb_csv_field(b, s, 1);
    nb_buf_put(b, "", 0);
    return b->len ? b->p : "";
}

static void csv_field_quotes_when_needed(void **state)
{
    (void)state;
    nb_buf b = {0};
    assert_string_equal(csv_of(&b, "平潭综合实验区"), "平潭综合实验区");
    assert_string_equal(csv_of(&b, "a,b"), "\"a,b\"");
    assert_string_equal(csv_of(&b, "say \"x\""), "\"say \"\"x\"\"\"");
    assert_string_equal(csv_of(&b, "two\nlines"), "\"two\nlines\"");
    assert_string_equal(csv_of(&b, "cr\r"), "\"cr\r\"");
    assert_string_equal(csv_of(&b, " lead"), "\" lead\"");
    assert_string_equal(csv_of(&b, "trail "), "\"trail \"");
    assert_string_equal(csv_of(&b, ""), "");
    nb_buf_clear(&b);
    nb_csv_field(&b, "x", 1);
    nb_csv_field(&b, NULL, 0);
    nb_csv_field(&b, "y,z", 0);
    assert_string_equal(b.p, "x,,\"y,z\"");
    nb_buf_free(&b);
}

static void json_string_escapes(void **state)
{
    (void)state;
    nb_buf b = {0};
    nb_json_string(&b, "表\"三\" a\\b\n\r\t\x01" "end");
    assert_string_equal(b.p, "\"表\\\"三\\\" a\\\\b\\n\\r\\t\\u0001end\"");
    nb_buf_clear(&b);
    nb_json_string(&b, NULL);
    assert_string_equal(b.p, "\"\"");
    nb_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixed1_edges),
        cmocka_unit_test(fixed1_sweep),
        cmocka_unit_test(fixed1_separator),
        cmocka_unit_test(csv_field_quotes_when_needed),
        cmocka_unit_test(json_string_escapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
