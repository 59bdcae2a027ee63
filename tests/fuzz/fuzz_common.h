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
#include "../../rules/audit_opts.h"
#include "../../rules/finding.h"

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

/* The audit step as cmd/audit.c runs it, less the CSV/JSON writers: every rule, and every
 * finding's message rendered in both languages (the templates are filled from the report). */
static inline void nb_fuzz_audit(const nb_run *run, const nb_report *r, nb_result *res)
{
    nb_findings f;
    nb_findings_init(&f, &r->doc->arena);
    nb_audit(r, &f, &run->aopts);
    for (int i = 0; i < f.n; i++) {
        const char *zh = nb_finding_message(&r->doc->arena, &f.v[i], 0);
        const char *en = nb_finding_message(&r->doc->arena, &f.v[i], 1);
        nb_buf_puts(&res->out[NB_OUT_FINDINGS], zh);
        nb_buf_puts(&res->out[NB_OUT_JSONL], en);
    }
    nb_findings_free(&f);
}

/* Run one document through everything, read within limits, and free it all. */
static inline void nb_fuzz_one_within(const char *name, const uint8_t *data, size_t size, const nb_ingest_limits *limits)
{
    static nb_audit_opts aopts;
    static int ready;
    if (!ready) {
        const char *err;
        nb_audit_opts_init(&aopts, "2025-06-01", NULL, NULL, 0, &err);   /* a fixed today */
        ready = 1;
    }
    nb_run run = {0};
    run.limits = *limits;
    run.aopts = aopts;
    run.audit = nb_fuzz_audit;
    nb_doc *d = nb_ingest_bytes(name, data, size, limits);
    nb_result res = {0};
    nb_process_doc(&run, d, &res);
    nb_result_free(&res);
    nb_doc_free(d);
}

/* Run one document through everything and free it all, with the limits a batch run applies by
 * default: PDF pages beyond 2000 are not read; no OCR (the recogniser is Tesseract's code, not
 * ours, and a second per page would starve the fuzzer; fuzz_ocr is the target that reads). */
static inline void nb_fuzz_one(const char *name, const uint8_t *data, size_t size)
{
    static const nb_ingest_limits limits = {.max_pages = 2000, .ocr = NB_OCR_NEVER};
    nb_fuzz_one_within(name, data, size, &limits);
}

#endif
