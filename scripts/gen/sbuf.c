/*
 * scripts/gen/sbuf.c — growable strings and the UTF-8 width arithmetic the text renderers need.
 */
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sb_grow(sbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) { perror("nbgen"); exit(2); }
    b->s = s;
    b->cap = cap;
}

void sb_putn(sbuf *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_put(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

void sb_putc(sbuf *b, char c) { sb_putn(b, &c, 1); }

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_repeat(sbuf *b, const char *s, int times)
{
    for (int i = 0; i < times; i++) sb_put(b, s);
}

void sb_clear(sbuf *b)
{
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

void sb_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

static unsigned decode(const unsigned char *p, int *len)
{
    if (p[0] < 0x80) { *len = 1; return p[0]; }
    if ((p[0] & 0xE0) == 0xC0 && p[1]) { *len = 2; return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu); }
    if ((p[0] & 0xF0) == 0xE0 && p[1] && p[2]) {
        *len = 3;
        return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    if ((p[0] & 0xF8) == 0xF0 && p[1] && p[2] && p[3]) {
        *len = 4;
        return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    }
    *len = 1;
    return p[0];
}

static int char_width(unsigned c)
{
    if (c < 0x1100) return c == 0x2014 ? 2 : 1;
    if ((c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
        (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    /* East Asian "ambiguous" punctuation is wide in a Chinese text, as nianbao reads it */
    return c == 0x2014 || c == 0x2015 || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026 ? 2 : 1;
}

int utf8_width(const char *s)
{
    int w = 0, len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len) w += char_width(decode(p, &len));
    return w;
}

size_t utf8_prefix(const char *s, int nchars)
{
    const unsigned char *p = (const unsigned char *)s;
    int len;
    for (int i = 0; i < nchars && *p; i++) { decode(p, &len); p += len; }
    return (size_t)((const char *)p - s);
}

int utf8_len(const char *s)
{
    int n = 0, len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += len) { decode(p, &len); n++; }
    return n;
}

size_t utf8_fit(const char *s, int w)
{
    const unsigned char *p = (const unsigned char *)s;
    int used = 0, len;
    while (*p) {
        int cw = char_width(decode(p, &len));
        if (used + cw > w) break;
        used += cw;
        p += len;
    }
    return (size_t)((const char *)p - s);
}

void str_append(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(dst);
    if (n + 1 < cap) snprintf(dst + n, cap - n, "%s", src);
}
