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

/* Lines read by OCR, held apart from the document until their place among a page's other lines
 * is known: text and geometry in PDF points, each byte's confidence (as nb_line.conf). */
typedef struct nb_ocr_line {
    char     *raw;
    size_t    n;
    nb_xspan *geo;
    uint8_t  *conf;
    float     y0, y1;
} nb_ocr_line;

typedef struct nb_ocr_lines {
    nb_ocr_line *v;
    size_t       n, cap;
} nb_ocr_lines;

/* Add a line read by OCR to d's current page, its confidences kept. */
void nb_ocr_line_add(nb_doc *d, const nb_ocr_line *l);
void nb_ocr_lines_free(nb_ocr_lines *ls);

/* The largest page or picture rendered for OCR, in pixels (a 600 dpi A3 page is 70 million):
 * beyond it the page is not read, as a picture whose size is a damaged file's. */
#define NB_OCR_MAX_PIXELS 120e6

/* Recognise the rectangle area (points) of page, where the picture image_id lies on a page whose
 * text layer has nothing there: rendered at the picture's own resolution, read as a page is, its
 * lines appended to out from the top down (not to d: the caller puts them among the page's text
 * lines). Returns the characters recognised, or -1 when OCR is unavailable. */
long nb_ocr_region(nb_doc *d, PopplerPage *page, int image_id, const PopplerRectangle *area, nb_ocr_lines *out);

/* The PDF ingester's hook: a page whose text layer has ntext characters goes to OCR when lim asks
 * for it (--ocr auto: no characters; always: every page). Returns the characters recognised into
 * d's current page, or -1 when the page is left to the text layer (also when OCR is unavailable:
 * then d->ocr_note says why). */
long nb_ocr_take_page(nb_doc *d, PopplerPage *page, size_t ntext, const nb_ingest_limits *lim);

#endif
