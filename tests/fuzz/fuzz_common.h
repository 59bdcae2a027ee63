/*
 * tests/fuzz/fuzz_common.h — what the libFuzzer targets share: one document from bytes through the
 * whole pipeline (ingest, report, tables, audit when there is one, every output row), with the
 * size limits a batch run would apply, and everything freed afterwards so LeakSanitizer sees a
 * leak in the first input that causes one.
 *
 * The targets are also compiled into tests/test_fuzz_regress.c (under their own names, see
 * NB_FUZZ_ENTRY) so that every crash the fuzzers found is replayed by `make test`.
 */
#ifndef NB_FUZZ_COMMON_H
#define NB_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../cmd/pipeline.h"
#include "../../parser/ingest.h"

/* The entry point's name: LLVMFuzzerTestOneInput in a fuzzer, something else in the replay test. */
#ifndef NB_FUZZ_ENTRY
#define NB_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

/* Does the input start like a PDF (the same test as the PDF ingester's sniffer)? */
static inline int nb_fuzz_looks_like_pdf(const uint8_t *data, size_t size)
{
    size_t lim = size < 1024 ? size : 1024;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (memcmp(data + i, "%PDF-", 5) == 0) return 1;
    return 0;
}

/* Run one document through everything and free it all. */
static inline void nb_fuzz_one(const char *name, const uint8_t *data, size_t size)
{
    /* the limits a batch run applies by default: PDF pages beyond 2000 are not read */
    static const nb_ingest_limits limits = {0, 2000};
    nb_run run = {0};
    run.limits = limits;
    nb_doc *d = nb_ingest_bytes(name, data, size, &limits);
    nb_result res = {0};
    nb_process_doc(&run, d, &res);
    nb_result_free(&res);
    nb_doc_free(d);
}

#endif
