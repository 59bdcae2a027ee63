/*
 * cmd/buf.c — byte buffers, CSV fields (quoted by libcsv when needed) and JSON strings.
 */
#include "buf.h"

#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nb_buf_grow(nb_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("nianbao: out of memory\n", stderr);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void nb_buf_puts(nb_buf *b, const char *s)
{
    if (s) nb_buf_put(b, s, strlen(s));
}

/* Formatted into the free space first; only what does not fit is formatted a second time. */
void nb_buf_printf(nb_buf *b, const char *fmt, ...)
{
    if (b->cap - b->len < 64) nb_buf_grow(b, 64);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        b->p[b->len] = '\0';
        return;
    }
    if ((size_t)n >= b->cap - b->len) {
        nb_buf_grow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

void nb_buf_free(nb_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void nb_csv_field(nb_buf *b, const char *s, int first)
{
    if (!first) nb_buf_put(b, ",", 1);
    if (!s || !*s) return;
    /* one pass finds both the length and whether a character needs quotes (glibc's strcspn
     * scans a 16-byte block at a time) */
    size_t n = strcspn(s, ",\"\n\r");
    if (!s[n] && s[0] != ' ' && s[n - 1] != ' ') {
        nb_buf_put(b, s, n);
        return;
    }
    n += strlen(s + n);
    /* csv_write quotes and doubles embedded quotes: at most 2n + 2 bytes */
    nb_buf_grow(b, 2 * n + 2);
    b->len += csv_write(b->p + b->len, 2 * n + 2, s, n);
    b->p[b->len] = '\0';
}

/* Digits by hand: snprintf's format parsing was most of the cost of writing an integer field. */
void nb_csv_int(nb_buf *b, long long v, int first)
{
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do *--p = (char)('0' + u % 10); while (u /= 10);
    if (v < 0) *--p = '-';
    if (!first) nb_buf_put(b, ",", 1);
    nb_buf_put(b, p, (size_t)(e - p));      /* digits and '-' never need quotes */
}

/* Four coordinates per cell made snprintf's "%.1f" the largest cost of writing cells.csv. A float
 * times 10 is exact in a double (24 + 4 bits of mantissa), so rint() of it rounds exactly as printf
 * does from the true value, ties to even under the default rounding mode; the sign is printed for
 * any negative value, -0.0 included, as printf does. Values too large for the fast path, and
 * non-finite ones, go to snprintf. */
void nb_csv_fixed1(nb_buf *b, float v, int first)
{
    double a = fabs((double)v) * 10.0;
    if (!(a < 1e15)) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.1f", v);
        nb_csv_field(b, tmp, first);
        return;
    }
    long long t = llrint(a);
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    *--p = (char)('0' + t % 10);
    *--p = '.';
    t /= 10;
    do *--p = (char)('0' + t % 10); while (t /= 10);
    if (signbit(v)) *--p = '-';
    if (!first) nb_buf_put(b, ",", 1);
    nb_buf_put(b, p, (size_t)(e - p));
}

void nb_json_string(nb_buf *b, const char *s)
{
    nb_buf_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        /* a run of bytes that need no escape goes in with one copy, not one call per byte */
        const unsigned char *q = p;
        while (*q >= 0x20 && *q != '"' && *q != '\\') q++;
        if (q > p) {
            nb_buf_put(b, (const char *)p, (size_t)(q - p));
            p = q;
            if (!*p) break;
        }
        switch (*p) {
        case '"': nb_buf_put(b, "\\\"", 2); break;
        case '\\': nb_buf_put(b, "\\\\", 2); break;
        case '\n': nb_buf_put(b, "\\n", 2); break;
        case '\r': nb_buf_put(b, "\\r", 2); break;
        case '\t': nb_buf_put(b, "\\t", 2); break;
        default:
            if (*p < 0x20) nb_buf_printf(b, "\\u%04x", *p);
            else nb_buf_put(b, (const char *)p, 1);
        }
    }
    nb_buf_put(b, "\"", 1);
}
