/*
 * tests/fuzz/fuzz_journal.c — libFuzzer target: bytes as the --resume journal of an interrupted
 * run (cmd/journal.c). The journal is read back from disk after a crash, a kill or a full disk, so
 * any bytes may be there: reading must never crash, never keep more documents than there are
 * inputs, and never report lengths it did not read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../cmd/journal.h"

#ifndef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    static char dir[512], path[560];
    if (!dir[0]) {
        const char *base = getenv("NB_TMP");
        if (!base || !*base) base = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/nbfuzz-journal-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(dir)) abort();
        snprintf(path, sizeof path, "%s/.nianbao-journal", dir);
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size) fwrite(data, 1, size, f);
    fclose(f);
    /* three inputs that do not exist: size -1, mtime 0, as a journal line can say */
    static char p0[] = "a.txt", p1[] = "b c.txt", p2[] = "报告%0A.pdf";
    nb_input v[3] = {{p0, NB_ERR_NONE, NULL, 0}, {p1, NB_ERR_NONE, NULL, 0}, {p2, NB_ERR_NONE, NULL, 0}};
    nb_inputs in = {v, 3, 3};
    nb_journal j;
    if (nb_journal_open(&j, dir, 1) != 0) abort();
    nb_resume r;
    if (nb_journal_resume(&j, "extract lang=zh bom=0", &in, 2, &r)) {
        if (r.done > in.n) abort();
        if (r.unreadable < 0 || (size_t)r.unreadable > r.done) abort();
    }
    nb_journal_close(&j);
    return 0;
}
