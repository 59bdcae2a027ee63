/*
 * parser/utf8.h — the few UTF-8 facts the parser needs: decoding, encoding, character classes
 * (Han, wide, digits in any width) and display width. Inline because they sit in every inner loop.
 */
#ifndef NB_UTF8_H
#define NB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (at most n bytes). Stores its length in *len (>= 1 even for invalid
 * bytes, which decode as U+FFFD) so that callers always advance. */
static inline uint32_t nb_utf8_decode(const char *s, size_t n, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) { *len = 0; return 0; }
    if (u[0] < 0x80) { *len = 1; return u[0]; }
    if ((u[0] & 0xF0) == 0xE0) {
        /* three bytes, the whole of Han and CJK punctuation: the general path below, unrolled */
        if (n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
            uint32_t c3 = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
            if (c3 >= 0x800 && (c3 < 0xD800 || c3 > 0xDFFF)) { *len = 3; return c3; }
        }
        *len = 1;
        return 0xFFFD;
    }
    int k; uint32_t c;
    if ((u[0] & 0xE0) == 0xC0) { k = 2; c = u[0] & 0x1F; }
    else if ((u[0] & 0xF0) == 0xE0) { k = 3; c = u[0] & 0x0F; }
    else if ((u[0] & 0xF8) == 0xF0) { k = 4; c = u[0] & 0x07; }
    else { *len = 1; return 0xFFFD; }
    if ((size_t)k > n) { *len = 1; return 0xFFFD; }
    for (int i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
        c = (c << 6) | (u[i] & 0x3F);
    }
    /* overlong forms and surrogates are invalid */
    if ((k == 2 && c < 0x80) || (k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        *len = 1;
        return 0xFFFD;
    }
    *len = k;
    return c;
}

/* Encode c into out (room for 4 bytes); returns the byte count. */
static inline int nb_utf8_encode(uint32_t c, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
    if (c < 0x800) { o[0] = 0xC0 | (c >> 6); o[1] = 0x80 | (c & 0x3F); return 2; }
    if (c < 0x10000) {
        o[0] = 0xE0 | (c >> 12); o[1] = 0x80 | ((c >> 6) & 0x3F); o[2] = 0x80 | (c & 0x3F);
        return 3;
    }
    o[0] = 0xF0 | (c >> 18); o[1] = 0x80 | ((c >> 12) & 0x3F);
    o[2] = 0x80 | ((c >> 6) & 0x3F); o[3] = 0x80 | (c & 0x3F);
    return 4;
}

/* Is s[0..n) at a common Han ideograph, U+4E00..U+9FFF, three bytes (E4 B8 80 .. E9 BF BF)? Most
 * of a report's characters are; the per-line passes take them without decoding: they are wide,
 * joinable, kept as they are by normalisation, and never white space. */
static inline int nb_is_common_han3(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 3 && u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
           (u[0] != 0xE4 || u[1] >= 0xB8);
}

/* A Han ideograph (CJK unified, extension A, compatibility, radicals). */
static inline int nb_is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2E80 && c <= 0x2FDF) || c == 0x3007 ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

/* Characters that take two display columns and, between which, a space is layout, not content:
 * Han, CJK punctuation (、。「」〇), full-width forms (（），：１). */
static inline int nb_is_wide(uint32_t c)
{
    return nb_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
}

/* Display columns of c in a fixed-width rendering (pdftotext -layout, a terminal). */
/* Characters between which white space is layout, not content (本 年 度 → 本年度): Han and CJK
 * punctuation, full-width punctuation included, but not full-width digits or letters — １２ ３４
 * are two numbers. */
static inline int nb_is_joinable(uint32_t c)
{
    return nb_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
           c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
           c == 0x00B7;
}

static inline int nb_display_width(uint32_t c)
{
    if (c == 0) return 0;
    /* East Asian "ambiguous" punctuation is wide in a Chinese text: — ‘ ’ “ ” … */
    if (c == 0x2014 || c == 0x2015 || (c >= 0x2018 && c <= 0x201D && c != 0x201A && c != 0x201B) || c == 0x2026)
        return 2;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
    if ((c >= 0x200B && c <= 0x200F) || c == 0xFEFF || (c >= 0x0300 && c <= 0x036F)) return 0;
    return nb_is_wide(c) ? 2 : 1;
}

static inline int nb_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F;
}

#endif
