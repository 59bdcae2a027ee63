/*
 * scripts/bench/pgfloor.c — the poppler-glib floor for `make bench`: what any program that reads a
 * PDF's text and character boxes through poppler-glib must spend, and nothing else.
 *
 *   pgfloor IN.pdf OUT.txt
 *
 * The same poppler calls as parser/ingest_pdf.c (the file mapped and opened from bytes; per page
 * its size, its text and the text's rectangles) and the text written to OUT, as pdftotext writes
 * its output. Linked like nianbao. Set against pdftotext it shows how much of nianbao's distance
 * from pdftotext is the library's (start-up of poppler-glib's ~50 shared objects, the glib/GObject
 * layer) and how much is nianbao's own.
 */
#include <fcntl.h>
#include <poppler.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: pgfloor IN.pdf OUT.txt\n", stderr);
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) return 2;
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return 2;
    GBytes *bytes = g_bytes_new_static(map, (size_t)st.st_size);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    if (!doc) return 2;
    FILE *out = fopen(argv[2], "w");
    if (!out) return 2;
    int n = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        double w, h;
        poppler_page_get_size(page, &w, &h);
        char *text = poppler_page_get_text(page);
        PopplerRectangle *rects = NULL;
        guint nrects = 0;
        poppler_page_get_text_layout(page, &rects, &nrects);
        if (text) fputs(text, out);
        g_free(text);
        g_free(rects);
        g_object_unref(page);
    }
    int rc = fclose(out) == 0 ? 0 : 2;
    g_object_unref(doc);
    g_bytes_unref(bytes);
    munmap(map, (size_t)st.st_size);
    return rc;
}
