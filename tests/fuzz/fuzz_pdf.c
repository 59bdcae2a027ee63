/*
 * tests/fuzz/fuzz_pdf.c — libFuzzer target: bytes as a PDF through poppler-glib, the line
 * rebuilding from character boxes, and everything downstream. Inputs that do not start like a PDF
 * get a PDF header put in front, so that mutations of the body still reach poppler.
 */
#include <stdlib.h>

#include "fuzz_common.h"

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (nb_fuzz_looks_like_pdf(data, size)) {
        nb_fuzz_one("fuzz.pdf", data, size);
        return 0;
    }
    static const char head[] = "%PDF-1.4\n";
    uint8_t *buf = malloc(size + sizeof head);
    memcpy(buf, head, sizeof head - 1);
    if (size) memcpy(buf + sizeof head - 1, data, size);
    nb_fuzz_one("fuzz.pdf", buf, size + sizeof head - 1);
    free(buf);
    return 0;
}
