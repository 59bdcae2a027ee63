/*
 * parser/encoding.c — decoding text and HTML files to UTF-8 (encoding.h).
 *
 * Chinese government pages come in UTF-8, GBK/GB2312 (read as GB18030, which contains both) and now
 * and then UTF-16. GB18030 decodes almost any byte string, so it is accepted only when the result
 * reads as Chinese; a few undecodable bytes in otherwise good UTF-8 are replaced and counted
 * (doc->invalid_bytes); data that decodes as nothing is refused.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

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

int nb_utf16_order(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) return 'L';
    if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) return 'B';
    size_t m = n < 4096 ? n : 4096, odd, even;
    if (m < 16 || !memchr(s, 0, m) || !count_nuls(s, m, &odd, &even)) return 0;
    if (odd > m / 8 && even < m / 64) return 'L';
    if (even > m / 8 && odd < m / 64) return 'B';
    return 0;
}

static size_t count_invalid_utf8(const char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        /* eight ASCII bytes at a time (a layout's runs of spaces), common Han whole */
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull))) { i += 8; continue; }
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        if (nb_is_common_han3(s + i, n - i)) { i += 3; continue; }
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

static char *copy_bytes(const unsigned char *s, size_t n, size_t *len)
{
    char *u = malloc(n + 1);
    memcpy(u, s, n);
    u[n] = '\0';
    *len = n;
    return u;
}

const char *nb_charset_iconv_name(const char *declared)
{
    static const char *const gb[] = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936",
                                     "euc-cn", "x-euc-cn", "csgb2312", "gb_2312-80", "chinese"};
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"};
    if (!declared || !*declared) return NULL;
    for (size_t i = 0; i < sizeof gb / sizeof gb[0]; i++)
        if (strcasecmp(declared, gb[i]) == 0) return "GB18030";
    for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
        if (strcasecmp(declared, utf8[i]) == 0) return "UTF-8";
    iconv_t cd = iconv_open("UTF-8", declared);
    if (cd == (iconv_t)-1) return NULL;
    iconv_close(cd);
    return declared;
}

/* The declared charset, when it is neither UTF-8 nor contradicted by the bytes; NULL otherwise. */
static char *decode_declared(nb_doc *d, const char *declared, const unsigned char *s, size_t n, size_t *len)
{
    const char *name = nb_charset_iconv_name(declared);
    if (!name || strcmp(name, "UTF-8") == 0) return NULL;
    char *u = convert(name, s, n, len);
    if (!u) return NULL;
    if (strcmp(name, "GB18030") == 0) d->meta.encoding = "GB18030";
    else d->meta.encoding = nb_strdup(&d->arena, name);
    return u;
}

char *nb_decode(nb_doc *d, const unsigned char *s, size_t n, const char *declared, size_t *len)
{
    int order = nb_utf16_order(s, n);
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
        declared = NULL;                       /* the BOM outranks any declaration */
    }
    size_t bad = count_invalid_utf8((const char *)s, n);
    if (bad == 0) {
        d->meta.encoding = "UTF-8";
        return copy_bytes(s, n, len);
    }
    char *u = decode_declared(d, declared, s, n, len);
    if (u) return u;
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
