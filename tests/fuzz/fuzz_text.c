/*
 * tests/fuzz/fuzz_text.c — libFuzzer target: bytes as a text report (UTF-8, UTF-16, GBK, tabs,
 * markdown pipes) through ingestion, sections, identity, the table reader and the writers.
 * Inputs that would be sniffed as PDF are left to fuzz_pdf.c, so the time goes to the text path.
 */
#include "fuzz_common.h"

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (nb_fuzz_looks_like_pdf(data, size)) return 0;
    nb_fuzz_one("fuzz.txt", data, size);
    return 0;
}
