/*
 * parser/ingest_text.c — plain-text reports: text extracted from PDFs (pdftotext -layout, with its
 * form feeds between pages), tab-separated table rows, markdown conversions, crawled page text.
 *
 * Encodings: UTF-8 with or without BOM, UTF-16 with BOM (or with the tell-tale NUL pattern), and
 * GB18030/GBK, recognised when the bytes are not UTF-8 but decode as GB18030 into mostly Han text.
 * A few undecodable bytes in otherwise good UTF-8 are replaced and counted (doc->invalid_bytes);
 * data that decodes as nothing is refused as binary.
 *
 * Lines: split at \n, \r\n or \r; \f starts a new page. A line with a tab, or a markdown row
 * (| a | b |), is a field line: its cells are its words, empty cells included. Positions are
 * display columns (a Han character is two columns wide), which is what keeps pdftotext -layout
 * columns usable.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "utf8.h"

/* Lines longer than this are cut into pieces (a 50 MB line must not need 50 MB × 13 of maps). */
#define NB_MAX_LINE (1u << 20)

static int count_nuls(const unsigned char *s, size_t n, size_t *odd, size_t *even)
{
    size_t o = 0, e = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == 0) {
            if (i & 1) o++;
            else e++;
        }
    *odd = o;
    *even = e;
    return o + e > 0;
}

/* 'LE', 'BE' or 0: UTF-16 by BOM, or by NULs filling one byte of every ASCII character. */
static int utf16_order(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) return 'L';
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) return 'B';
    size_t m = n < 4096 ? n : 4096, odd, even;
    if (m < 16 || !memchr(s, 0, m) || !count_nuls(s, m, &odd, &even)) return 0;
    if (odd > m / 8 && even < m / 64) return 'L';
    if (even > m / 8 && odd < m / 64) return 'B';
    return 0;
}

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
    if (utf16_order(s, n)) return 1;
    if (memchr(s, 0, n)) return 0;
    return count_controls(s, n) * 100 <= n;
}

static size_t count_invalid_utf8(const char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        if (c == 0xFFFD && len == 1) bad++;
        i += (size_t)len;
    }
    return bad;
}

/* Convert with iconv; returns a malloc'd NUL-terminated buffer or NULL if the bytes do not decode. */
static char *convert(const char *from, const unsigned char *s, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = n * 2 + 16, left_out = cap;
    char *out = malloc(cap + 1), *op = out;
    char *ip = (char *)s;
    size_t left_in = n;
    int ok = 1;
    while (left_in > 0) {
        if (iconv(cd, &ip, &left_in, &op, &left_out) == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(op - out);
                cap *= 2;
                out = realloc(out, cap + 1);
                op = out + used;
                left_out = cap - used;
                continue;
            }
            ok = 0;
            break;
        }
    }
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *op = '\0';
    *out_len = (size_t)(op - out);
    return out;
}

/* GB18030 decodes many byte strings; accept it only when the result reads as Chinese. */
static int reads_as_chinese(const char *s, size_t n)
{
    size_t han = 0, other = 0, i = 0;
    while (i < n) {
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        if (c >= 0x80) {
            if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E) ||
                c == 0x201C || c == 0x201D || c == 0x2014 || c == 0x2026)
                han++;
            else
                other++;
        }
        i += (size_t)len;
    }
    return han > 0 && han >= 4 * other;
}

/* UTF-8 copy of s with each undecodable byte replaced by U+FFFD. */
static char *repair_utf8(const char *s, size_t n, size_t *out_len)
{
    char *out = malloc(n * 3 + 1), *o = out;
    size_t i = 0;
    while (i < n) {
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        if (c == 0xFFFD && len == 1) o += nb_utf8_encode(0xFFFD, o);
        else {
            memcpy(o, s + i, (size_t)len);
            o += len;
        }
        i += (size_t)len;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* Decode the file to UTF-8. Returns a malloc'd buffer (or NULL after nb_doc_fail). */
static char *decode(nb_doc *d, const unsigned char *s, size_t n, size_t *len)
{
    int order = utf16_order(s, n);
    if (order) {
        int bom = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
        char *u = convert(order == 'L' ? "UTF-16LE" : "UTF-16BE", s + (bom ? 2 : 0), n - (bom ? 2 : 0), len);
        d->meta.encoding = order == 'L' ? "UTF-16LE" : "UTF-16BE";
        if (!u) nb_doc_fail(d, NB_ERR_ENCODING, d->meta.encoding);
        return u;
    }
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        s += 3;
        n -= 3;
    }
    size_t bad = count_invalid_utf8((const char *)s, n);
    if (bad == 0) {
        d->meta.encoding = "UTF-8";
        char *u = malloc(n + 1);
        memcpy(u, s, n);
        u[n] = '\0';
        *len = n;
        return u;
    }
    char *g = convert("GB18030", s, n, len);
    if (g && reads_as_chinese(g, *len)) {
        d->meta.encoding = "GB18030";
        return g;
    }
    free(g);
    /* mostly UTF-8 with a few bad bytes: keep the text, count the damage */
    size_t nonascii = 0;
    for (size_t i = 0; i < n; i++) nonascii += s[i] >= 0x80;
    if (bad * 20 <= nonascii) {
        d->meta.encoding = "UTF-8";
        d->invalid_bytes = (uint32_t)bad;
        return repair_utf8((const char *)s, n, len);
    }
    nb_doc_fail(d, NB_ERR_ENCODING, NULL);
    return NULL;
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
    char *u = decode(d, data, n, &len);
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
