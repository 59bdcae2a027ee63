/*
 * tests/fuzz/fuzz_html.c — libFuzzer target for the HTML ingester and what reads its output.
 *
 * Each input goes through the whole ingest driver (sniffing included, so inputs that are not HTML
 * exercise the other ingesters' refusals) and then everything downstream: report, tables, the
 * audit and the output rows (fuzz_common.h). `make fuzz FUZZ_TARGETS=fuzz_html` builds and runs
 * it, seeded from tests/fuzz/html-seeds with tests/fuzz/html.dict.
 *
 * Inputs are prefixed with "<html>" half of the time (by the first byte) so that most runs reach
 * the HTML parser rather than stopping at the sniff.
 */
#include <stdlib.h>

#include "fuzz_common.h"

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned char *buf = malloc(size + 6);
    size_t n = 0;
    if (data[0] & 1) {
        memcpy(buf, "<html>", 6);
        n = 6;
    }
    memcpy(buf + n, data + 1, size - 1);
    n += size - 1;
    nb_fuzz_one("fuzz.html", buf, n);
    free(buf);
    return 0;
}
