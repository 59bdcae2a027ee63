/*
 * parser/ingest.c — the ingest driver: read, fingerprint, sniff, dispatch, mark page furniture.
 *
 * The order of the table matters: PDF, zip (Word, ODF) and compound files (.doc, .wps) have magic
 * numbers, HTML is recognised by its tags, and everything else that decodes as text is text.
 * Binary data falls through to an error.
 */
#include "ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pattern.h"
#include "sha256.h"

static const nb_ingester *const ingesters[] = {
    &nb_ingest_pdf,
    &nb_ingest_office,
    &nb_ingest_ole,
    &nb_ingest_html,
    &nb_ingest_text,
};

#define SNIFF_BYTES (64u * 1024u)

nb_doc *nb_ingest_bytes(const char *path, const unsigned char *data, size_t n,
                        const nb_ingest_limits *limits)
{
    static const nb_ingest_limits none = {0};
    if (!limits) limits = &none;
    nb_doc *d = nb_doc_new(path);
    d->size = n;
    nb_sha256_hex(data, n, d->sha256);
    if (n == 0) {
        nb_doc_fail(d, NB_ERR_EMPTY, NULL);
        nb_doc_finish(d);
        return d;
    }
    if (limits->max_bytes && n > limits->max_bytes) {
        nb_doc_fail(d, NB_ERR_TOO_LARGE, NULL);
        nb_doc_finish(d);
        return d;
    }
    size_t head = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    const nb_ingester *ing = NULL;
    for (size_t i = 0; i < sizeof ingesters / sizeof ingesters[0]; i++)
        if (ingesters[i]->sniff(data, head)) {
            ing = ingesters[i];
            break;
        }
    if (!ing) {
        nb_doc_fail(d, NB_ERR_UNKNOWN_FORMAT, NULL);
    } else {
        d->kind = ing->kind;
        ing->ingest(d, data, n, limits);
    }
    nb_doc_finish(d);
    if (d->status != NB_STATUS_ERROR) nb_mark_furniture(d);
    return d;
}

nb_doc *nb_ingest(const char *path, const nb_ingest_limits *limits)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    nb_doc *d;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        d = nb_doc_new(path);
        if (e == ELOOP) nb_doc_fail(d, NB_ERR_LOOP, NULL);
        else nb_doc_fail(d, NB_ERR_OPEN, strerror(e));
        if (fd >= 0) close(fd);
        nb_doc_finish(d);
        return d;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        d = nb_doc_new(path);
        nb_doc_fail(d, NB_ERR_IS_DIR, NULL);
        nb_doc_finish(d);
        return d;
    }
    size_t n = (size_t)st.st_size;
    if (n == 0 || !S_ISREG(st.st_mode)) {
        /* empty, or a pipe or device: read it the slow way */
        GByteArray *buf = g_byte_array_new();
        unsigned char tmp[65536];
        ssize_t r;
        while ((r = read(fd, tmp, sizeof tmp)) > 0) g_byte_array_append(buf, tmp, (guint)r);
        close(fd);
        d = nb_ingest_bytes(path, buf->data, buf->len, limits);
        g_byte_array_free(buf, TRUE);
        return d;
    }
    if (n <= (1u << 20)) {
        /* a small file (every text report) is read: mapping and unmapping it cost page faults and
         * a TLB flush per file, more than copying its few kilobytes */
        unsigned char *buf = malloc(n);
        size_t got = 0;
        ssize_t r = 0;
        if (!buf) abort();
        while (got < n && ((r = read(fd, buf + got, n - got)) > 0 || (r < 0 && errno == EINTR)))
            if (r > 0) got += (size_t)r;
        int e = errno;
        close(fd);
        if (r < 0) {
            free(buf);
            d = nb_doc_new(path);
            nb_doc_fail(d, NB_ERR_OPEN, strerror(e));
            nb_doc_finish(d);
            return d;
        }
        d = nb_ingest_bytes(path, buf, got, limits);
        free(buf);
        return d;
    }
    void *map = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        d = nb_doc_new(path);
        nb_doc_fail(d, NB_ERR_OPEN, strerror(errno));
        nb_doc_finish(d);
        return d;
    }
    d = nb_ingest_bytes(path, map, n, limits);
    munmap(map, n);
    return d;
}

/* Page numbers: '-3-', '— 4 —', '第3页', '3/5', '第 3 页 共 5 页', or a bare number at a page's edge
 * close to the page's own index (a lone value at the foot of a table is not a page number). */
static int is_page_number(const nb_line *l, int at_edge, uint32_t page_no, int pdf)
{
    static nb_re *dashed, *worded, *bare;
    const char *s = l->norm.text;
    size_t n = l->norm.len;
    if (n == 0 || n > 40) return 0;
    /* every form has a digit: most lines are ruled out here, before three pattern matches */
    if (strcspn(s, "0123456789") >= n) return 0;
    /* on a PDF page, a narrow line: a table's row of cells printed — 11 — spans the table, a page
     * number does not */
    float h = l->box.y1 - l->box.y0;
    int narrow = !pdf || h <= 0 || l->box.x1 - l->box.x0 <= 8 * h;
    if (narrow && nb_re_test(nb_re_once(&dashed, "^\\s*-+\\s*\\d{1,4}\\s*-+\\s*$"), s, n)) return 1;
    if (nb_re_test(nb_re_once(&worded, "^\\s*(?:第\\s*\\d{1,4}\\s*页(?:\\s*[,，]?\\s*共\\s*\\d{1,4}\\s*页)?"
                                       "|\\d{1,4}\\s*/\\s*\\d{1,4}|page\\s*\\d{1,4}(?:\\s*of\\s*\\d+)?)\\s*$"),
                   s, n))
        return at_edge;
    if (at_edge && nb_re_test(nb_re_once(&bare, "^\\s*\\d{1,3}\\s*$"), s, n)) {
        long v = strtol(s, NULL, 10);
        return v >= (long)page_no - 3 && v <= (long)page_no + 3;
    }
    return 0;
}

/* A line is at the edge of its page when no other content line lies between it and the page's top
 * or bottom. Only documents with real pages (PDF, or text with form feeds) have edges. */
void nb_mark_furniture(nb_doc *d)
{
    int paged = d->npages > 1 || d->kind == NB_KIND_PDF;
    for (uint32_t p = 0; p < d->npages; p++) {
        const nb_page *pg = &d->pages[p];
        uint32_t first = pg->first_line, end = pg->first_line + pg->nlines;
        uint32_t top = first, bottom = end;
        while (top < end && d->lines[top].norm.len == 0) top++;
        while (bottom > top && d->lines[bottom - 1].norm.len == 0) bottom--;
        for (uint32_t i = first; i < end; i++) {
            nb_line *l = &d->lines[i];
            int at_edge = paged && (i == top || i + 1 == bottom);
            if (is_page_number(l, at_edge, p + 1, d->kind == NB_KIND_PDF)) l->flags |= NB_LINE_FURNITURE;
        }
    }
}
