/*
 * tests/test_sha256.c — the fingerprint: FIPS 180-4 test vectors, and the same digest as glib's
 * portable code on every length around the block and padding boundaries and on the real reports
 * (which exercises the SHA-instruction path wherever the processor has it).
 */
#include "testutil.h"

#include <glib.h>
#include <stdint.h>

#include "../parser/sha256.h"

static void check_same_as_glib(const unsigned char *data, size_t n)
{
    char ours[65];
    nb_sha256_hex(data, n, ours);
    gchar *ref = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, n);
    if (strcmp(ours, ref) != 0) print_error("length %zu: %s != %s\n", n, ours, ref);
    assert_string_equal(ours, ref);
    g_free(ref);
}

static void known_vectors(void **state)
{
    (void)state;
    char out[65];
    nb_sha256_hex(NULL, 0, out);            /* an empty file has no bytes to point at */
    assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    nb_sha256_hex("", 0, out);
    assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    nb_sha256_hex("abc", 3, out);
    assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    nb_sha256_hex(two, strlen(two), out);
    assert_string_equal(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    print_message("# sha256: %s\n", nb_sha256_accelerated() ? "SHA instructions" : "glib (no SHA instructions)");
}

static void every_length_matches_glib(void **state)
{
    (void)state;
    unsigned char buf[1100];
    uint32_t x = 2463534242u;                 /* xorshift: any bytes will do, the same every run */
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    for (size_t n = 0; n <= sizeof buf; n++) check_same_as_glib(buf, n);
    /* at an unaligned start too */
    for (size_t n = 0; n <= 200; n++) check_same_as_glib(buf + 3, n);
}

static void real_reports_match_glib(void **state)
{
    (void)state;
    const char *names[] = {"real/2023_huaian_hongze_district_gov.pdf", "real/2019_pingtan_zone_gov.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *path = nb_test_corpus(names[i]);
        NB_NEED_FILE(path);
        size_t n;
        char *data = nb_test_slurp(path, &n);
        assert_non_null(data);
        check_same_as_glib((const unsigned char *)data, n);
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_vectors),
        cmocka_unit_test(every_length_matches_glib),
        cmocka_unit_test(real_reports_match_glib),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
