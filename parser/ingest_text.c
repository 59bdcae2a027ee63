/*
 * parser/ingest_text.c — plain-text reports: text extracted from PDFs (pdftotext -layout, with its
 * form feeds between pages), tab-separated table rows, markdown conversions, crawled page text.
 *
 * Encodings (encoding.c, shared with the HTML ingester): UTF-8 with or without BOM, UTF-16 with BOM
 * (or with the tell-tale NUL pattern), and GB18030/GBK, recognised when the bytes are not UTF-8 but
 * decode as GB18030 into mostly Han text. A few undecodable bytes in otherwise good UTF-8 are
 * replaced and counted (doc->invalid_bytes); data that decodes as nothing is refused as binary.
 *
 * Lines: split at \n, \r\n or \r; \f starts a new page. A line with a tab, or a markdown row
 * (| a | b |), is a field line: its cells are its words, empty cells included. Positions are
 * display columns (a Han character is two columns wide), which is what keeps pdftotext -layout
 * columns usable.
 */
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "ingest.h"

/* Lines longer than this are cut into pieces (a 50 MB line must not need 50 MB × 13 of maps). */
#define NB_MAX_LINE (1u << 20)

/* Control characters other than white space: a handful is noise, many is binary. Counted through
 * a table: this runs over the first 64 KB of every input. */
static size_t count_controls(const unsigned char *s, size_t n)
{
    static unsigned char is_control[256];
    static int ready;
    if (!ready) {
        for (int b = 0; b < 0x20; b++)
            is_control[b] = b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B;
        is_control[0x7F] = 1;
        ready = 1;
    }
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += is_control[s[i]];
    return c;
}

static int sniff_text(const unsigned char *s, size_t n)
{
    if (nb_utf16_order(s, n)) return 1;
    if (memchr(s, 0, n)) return 0;
    return count_controls(s, n) * 100 <= n;
}

/* A markdown table row: optional indent, '|', at least one more '|'. */
static int is_pipe_row(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i == n || s[i] != '|') return 0;
    return memchr(s + i + 1, '|', n - i - 1) != NULL;
}

static void add_text_line(nb_doc *d, const char *s, size_t n, float y)
{
    uint32_t flags = 0;
    if (memchr(s, '\t', n) || is_pipe_row(s, n)) flags |= NB_LINE_FIELDS;
    nb_doc_add_line(d, s, n, NULL, y, y + 1, flags);
}

/* Cut an over-long line at character boundaries, preferring white space or CJK punctuation. */
static void add_long_line(nb_doc *d, const char *s, size_t n, float y)
{
    while (n > NB_MAX_LINE) {
        size_t cut = NB_MAX_LINE;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
        size_t best = cut;
        for (size_t k = cut; k + 4096 > cut && k > 0; k--)
            if (s[k] == ' ' || s[k] == '\t' || (unsigned char)s[k] == 0xE3) { best = k; break; }
        add_text_line(d, s, best, y);
        d->split_lines++;
        s += best;
        n -= best;
    }
    add_text_line(d, s, n, y);
}

/* Offset of the first \n, \r or \f in u[i..len), or len: three memchr passes over a line beat one
 * loop testing every byte three ways. */
static size_t next_break(const char *u, size_t i, size_t len)
{
    const char *p = u + i, *end = u + len;
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    const char *cr = memchr(p, '\r', (size_t)(e - p));
    if (cr) e = cr;
    const char *ff = memchr(p, '\f', (size_t)(e - p));
    if (ff) e = ff;
    return (size_t)(e - u);
}

static int ingest_text(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim)
{
    (void)lim;
    size_t len;
    char *u = nb_decode(d, data, n, NULL, &len);
    if (!u) return -1;
    size_t start = 0;
    float y = 0, width = 0;
    nb_doc_begin_page(d, 0, 0);
    for (size_t i = 0; i <= len; i++) {
        i = next_break(u, i, len);
        char c = i < len ? u[i] : '\n';
        size_t end = i;
        if (end > start) {
            add_long_line(d, u + start, end - start, y);
            nb_line *last = (nb_line *)d->vlines.data + d->vlines.len - 1;
            if (last->box.x1 > width) width = last->box.x1;
        } else if (i < len) {
            nb_doc_add_line(d, "", 0, NULL, y, y + 1, 0);
        }
        y++;
        if (c == '\r' && i + 1 < len && u[i + 1] == '\n') i++;
        if (c == '\f' && i + 1 < len) {
            nb_page *pg = (nb_page *)d->vpages.data + d->vpages.len - 1;
            pg->width = width;
            pg->height = y;
            nb_doc_begin_page(d, 0, 0);
            y = 0;
            width = 0;
        }
        start = i + 1;
    }
    nb_page *pg = (nb_page *)d->vpages.data + d->vpages.len - 1;
    pg->width = width;
    pg->height = y;
    free(u);
    return 0;
}

const nb_ingester nb_ingest_text = {
    .name = "text",
    .kind = NB_KIND_TEXT,
    .sniff = sniff_text,
    .ingest = ingest_text,
};
