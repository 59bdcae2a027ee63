/*
 * scripts/gen/convert.h — running the office tools that turn generated sources into published
 * files (LibreOffice for .fodt, Chromium for print HTML), and making their PDFs reproducible.
 */
#ifndef GEN_CONVERT_H
#define GEN_CONVERT_H

#include <stddef.h>
#include <stdint.h>

typedef struct conv_job {
    char *src, *dst;      /* source document, the file the tool must write */
    char *opts;           /* Chromium: Page.printToPDF parameters (JSON members), or NULL */
} conv_job;

/* The executable: $env when set, else the first of names on PATH; NULL when absent. */
const char *tool_find(const char *env, const char *const *names, char *buf, size_t n);
/* soffice --convert-to format --outdir outdir, in batches, each with a private profile; a file
 * not written is tried once more. Tool output is appended to log. */
void convert_lo(const char *soffice, const char *format, const char *outdir, conv_job *jobs, int n, const char *log);
/* Print every job's HTML to its PDF with one headless Chromium driven over --remote-debugging-pipe;
 * a browser that fails a page is replaced (three times at most). */
void convert_chromium(const char *chromium, conv_job *jobs, int n, const char *log);
/* Overwrite the PDF's dates with y-m-d 09:00:00 and its ids with a hash of name, in place. */
int pdf_normalise(const char *path, int y, int m, int d, const char *name);

#endif
