/*
 * parser/ingest.h — from a file to the document model.
 *
 * nb_ingest reads a file, fingerprints it (SHA-256), picks an ingester by sniffing the content (not
 * the extension) and runs it. Each ingester is one file (ingest_pdf.c, office.c for Word and ODF
 * zips, ingest_ole.c for legacy Word/WPS, ingest_html.c, ingest_text.c) declaring one nb_ingester;
 * the table in ingest.c lists them in the order they are asked.
 * The result is always a document: unreadable input comes back with status error and a reason.
 */
#ifndef NB_INGEST_H
#define NB_INGEST_H

#include <stddef.h>
#include <sys/types.h>

#include "doc.h"

struct nb_ingest_limits;

typedef struct nb_ingester {
    const char *name;
    nb_kind     kind;
    /* Does the content look like this kind? head is the first bytes of the file (up to 64 KiB). */
    int (*sniff)(const unsigned char *head, size_t n);
    /* Fill d from data[0..n). On failure call nb_doc_fail and return -1. */
    int (*ingest)(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim);
} nb_ingester;

extern const nb_ingester nb_ingest_pdf;
extern const nb_ingester nb_ingest_office;   /* office.c: .docx, .odt (a zip) */
extern const nb_ingester nb_ingest_ole;      /* ingest_ole.c: .doc, .wps (a compound file) */
extern const nb_ingester nb_ingest_html;
extern const nb_ingester nb_ingest_text;

typedef struct nb_ingest_limits {
    unsigned long long max_bytes;   /* larger files are refused (0: no limit) */
    unsigned max_pages;             /* PDF pages beyond this are not read (0: no limit) */
    unsigned timeout_s;             /* a LibreOffice conversion is stopped after this (0: 60 s) */
    int      ocr;                   /* NB_OCR_AUTO (0): pages without text; NB_OCR_NEVER; NB_OCR_ALWAYS */
    unsigned ocr_dpi;               /* pages rendered for OCR at this resolution (0: 300), unless a
                                     * page is one image, read at its own resolution */
} nb_ingest_limits;

enum { NB_OCR_AUTO = 0, NB_OCR_NEVER, NB_OCR_ALWAYS };

/* Read path into a new document. Never returns NULL. */
nb_doc *nb_ingest(const char *path, const nb_ingest_limits *limits);

/* Same, from bytes already in memory (tests and fuzzers); path is only a name. */
nb_doc *nb_ingest_bytes(const char *path, const unsigned char *data, size_t n,
                        const nb_ingest_limits *limits);

/* Remove what LibreOffice conversions in process pid left behind (its private profile and work
 * files under $TMPDIR/nianbao-lo-<pid>): the parent calls it for a worker it had to kill; a worker
 * that exits normally cleans up after itself (ingest_ole.c). */
void nb_office_cleanup(pid_t pid);

/* Shared by ingesters: mark page numbers and running headers as furniture (ingest.c). */
void nb_mark_furniture(nb_doc *d);

#endif
