/*
 * parser/ocr.h — OCR as a page source of the PDF ingester: a page with no text layer is rendered
 * and read by Tesseract (Simplified Chinese) into the same document model as a text page.
 *
 * The result is lines of words with boxes in PDF points, each byte of a line carrying the
 * confidence of the character it belongs to (nb_line.conf); the table reader leaves a number
 * uncertain when one of its characters was recognised below NB_OCR_CONF_CERTAIN.
 *
 * Tesseract is optional: the build compiles this against its headers when pkg-config finds them
 * (-DNB_HAVE_OCR) and loads libtesseract.so.5 on the first scanned page, so that the ~55 libraries
 * it brings (curl, krb5, gnutls, ICU …) cost nothing to a run that meets no scan.
 */
#ifndef NB_OCR_H
#define NB_OCR_H

#include <poppler.h>

#include "doc.h"
#include "ingest.h"

/* NULL when OCR can run here; else why not (not built, library or language data missing), in
 * English, for documents.csv and --version. */
const char *nb_ocr_unavailable(void);

/* Recognise page into d's current page (begun by the caller). dpi: the resolution a page drawn
 * from vectors is rendered at (0: 300); a page that is one image is read at the image's own.
 * Returns the number of characters recognised, or -1 when OCR is unavailable. */
long nb_ocr_page(nb_doc *d, PopplerPage *page, unsigned dpi);

/* The PDF ingester's hook: a page whose text layer has ntext characters goes to OCR when lim asks
 * for it (--ocr auto: no characters; always: every page). Returns the characters recognised into
 * d's current page, or -1 when the page is left to the text layer (also when OCR is unavailable:
 * then d->ocr_note says why). */
long nb_ocr_take_page(nb_doc *d, PopplerPage *page, size_t ntext, const nb_ingest_limits *lim);

#endif
