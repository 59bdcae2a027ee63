/*
 * tests/pdfmini.h — build tiny PDFs in memory for the bad-input tests: a page whose content
 * stream the test chooses (a filled rectangle for a "scanned" page with no text), with a correct
 * cross-reference table, so that truncating or damaging it is a deliberate act of the test; or a
 * page drawing an image XObject of the test's making (the OCR input tests).
 */
#ifndef NB_PDFMINI_H
#define NB_PDFMINI_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A one-page PDF (A4) whose page draws `content`, with the image XObject /Im1 in its resources
 * when dict is not NULL: `dict` is the image's dictionary entries after /Subtype /Image (/Width,
 * /Height, /ColorSpace, /BitsPerComponent, /ImageMask, /Filter: whatever the test wants, sound or
 * not), `data` its stream's dlen bytes, which may be binary. Font /F1 is Helvetica. Returns a
 * malloc'd buffer, its length in *len. */
static inline char *nb_pdfmini_image(const char *content, const char *dict, const void *data, size_t dlen, size_t *len)
{
    size_t cap = 4096 + strlen(content) + (dict ? strlen(dict) : 0) + dlen;
    char *b = malloc(cap);
    size_t off[7], n = 0;
    int nobj = dict ? 6 : 5;
    n += (size_t)snprintf(b + n, cap - n, "%%PDF-1.4\n");
    off[1] = n;
    n += (size_t)snprintf(b + n, cap - n, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    off[2] = n;
    n += (size_t)snprintf(b + n, cap - n, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
    off[3] = n;
    n += (size_t)snprintf(b + n, cap - n,
                          "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                          "/Resources << /Font << /F1 5 0 R >> %s>> >> endobj\n",
                          dict ? "/XObject << /Im1 6 0 R >> " : "");
    off[4] = n;
    n += (size_t)snprintf(b + n, cap - n, "4 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n",
                          strlen(content) + 1, content);
    off[5] = n;
    n += (size_t)snprintf(b + n, cap - n,
                          "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
    if (dict) {
        off[6] = n;
        n += (size_t)snprintf(b + n, cap - n, "6 0 obj << /Type /XObject /Subtype /Image %s /Length %zu >> stream\n",
                              dict, dlen);
        memcpy(b + n, data, dlen);
        n += dlen;
        n += (size_t)snprintf(b + n, cap - n, "\nendstream endobj\n");
    }
    size_t xref = n;
    n += (size_t)snprintf(b + n, cap - n, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
    for (int i = 1; i <= nobj; i++) n += (size_t)snprintf(b + n, cap - n, "%010zu 00000 n \n", off[i]);
    n += (size_t)snprintf(b + n, cap - n, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
    *len = n;
    return b;
}

/* A one-page PDF whose page draws `content`. Returns a malloc'd buffer, its length in *len. */
static inline char *nb_pdfmini(const char *content, size_t *len)
{
    return nb_pdfmini_image(content, NULL, NULL, 0, len);
}

#endif
