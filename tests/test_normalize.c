/*
 * tests/test_normalize.c — the matching form of a line: folds, removals, the byte map.
 */
#include "testutil.h"

#include "../parser/arena.h"
#include "../parser/normalize.h"

static const char *norm(nb_arena *a, const char *s, nb_norm *out)
{
    nb_normalize(a, s, strlen(s), out);
    return out->text;
}

static void spaced_han_joined(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    nb_norm n;
    assert_string_equal(norm(&a, "本 年 度 办 理 结 果", &n), "本年度办理结果");
    assert_string_equal(norm(&a, "  总 计  ", &n), "总计");
    /* a space between Han and a digit is kept: 2023 年 stays two words */
    assert_string_equal(norm(&a, "2023 年 度", &n), "2023 年度");
    assert_string_equal(norm(&a, "0   0\t 0", &n), "0 0 0");
    nb_arena_free(&a);
}

static void fullwidth_folded(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    nb_norm n;
    assert_string_equal(norm(&a, "（二）部分公开１２３，４５６", &n), "(二)部分公开123,456");
    assert_string_equal(norm(&a, "— 4 —", &n), "- 4 -");
    /* U+2F00 KANGXI RADICAL ONE and U+2F06 (二) read as the unified ideographs */
    assert_string_equal(norm(&a, "\xe2\xbc\x80\xe3\x80\x81总体情况", &n), "一、总体情况");
    nb_arena_free(&a);
}

static void invisible_removed(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    nb_norm n;
    assert_string_equal(norm(&a, "总\xe2\x80\x8b计\x01", &n), "总计");
    assert_string_equal(norm(&a, "\xef\xbb\xbf一", &n), "一");
    nb_arena_free(&a);
}

static void map_points_to_raw(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    nb_norm n;
    const char *raw = "合 计 １２";   /* 合(0..2) sp(3) 计(4..6) sp(7) １(8..10) ２(11..13) */
    assert_string_equal(norm(&a, "１２ ３４", &n), "12 34");
    norm(&a, raw, &n);
    assert_string_equal(n.text, "合计 12");
    assert_int_equal(n.map[0], 0);
    assert_int_equal(n.map[3], 4);      /* 计 */
    assert_int_equal(n.map[6], 7);      /* the kept space */
    assert_int_equal(n.map[7], 8);      /* '1' from １ */
    assert_int_equal(n.map[8], 11);
    assert_int_equal(n.map[n.len], strlen(raw));
    nb_arena_free(&a);
}

/* ASCII takes a shortcut in nb_normalize and most ideographs skip the compatibility search: the
 * results must be those of the general rules. */
static void ascii_and_ideograph_shortcuts(void **state)
{
    (void)state;
    nb_arena a;
    nb_arena_init(&a);
    nb_norm n;
    assert_string_equal(norm(&a, "  a \t b  ", &n), "a b");
    assert_int_equal(n.map[1], 3);                        /* the space maps to the run's first blank */
    assert_string_equal(norm(&a, "a\x7f" "b\x01" "c", &n), "abc");
    assert_string_equal(norm(&a, "本 a 年", &n), "本 a 年");  /* Han next to ASCII: the space stays */
    assert_string_equal(norm(&a, "合 计 12 件", &n), "合计 12 件");
    /* U+F900 (compatibility) folds to U+8C48; U+8C48 itself and U+9FA5 are left alone */
    assert_string_equal(norm(&a, "\xef\xa4\x80\xe8\xb1\x88\xe9\xbe\xa5", &n), "\xe8\xb1\x88\xe8\xb1\x88\xe9\xbe\xa5");
    nb_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spaced_han_joined),
        cmocka_unit_test(fullwidth_folded),
        cmocka_unit_test(invisible_removed),
        cmocka_unit_test(map_points_to_raw),
        cmocka_unit_test(ascii_and_ideograph_shortcuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
