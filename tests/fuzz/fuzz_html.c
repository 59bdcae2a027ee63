/*
 * tests/fuzz/fuzz_html.c — libFuzzer target for the HTML ingester and what reads its output.
 *
 * Each input goes through the whole ingest driver (sniffing included, so inputs that are not HTML
 * exercise the other ingesters' refusals) and then nb_report_init, which reads every line the
 * ingester made. Build, from the repository root, with the parser objects:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -std=c11 \
 *       $(pkg-config --cflags poppler-glib libpcre2-8 libxml-2.0) \
 *       tests/fuzz/fuzz_html.c $(find parser -name '*.c') \
 *       $(pkg-config --libs poppler-glib libpcre2-8 libxml-2.0) -lm -o build/fuzz_html
 *   mkdir -p build/fuzz-html-corpus
 *   build/fuzz_html -max_len=65536 -timeout=10 build/fuzz-html-corpus tests/fuzz/html-seeds
 *
 * Inputs are prefixed with "<html>" half of the time (by the first byte) so that most runs reach
 * the HTML parser rather than stopping at the sniff.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../parser/ingest.h"
#include "../../parser/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
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
    nb_doc *d = nb_ingest_bytes("fuzz.html", buf, n, NULL);
    if (d->status != NB_STATUS_ERROR) {
        nb_report r;
        nb_report_init(&r, d);
    }
    nb_doc_free(d);
    free(buf);
    return 0;
}
