/*
 * scripts/gen/sbuf.h — a growable byte string for building documents and CSV fields.
 *
 * The renderers append a whole report into one sbuf and write it out once; the caller owns the
 * buffer and frees it with sb_free.
 */
#ifndef GEN_SBUF_H
#define GEN_SBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sbuf { char *s; size_t len, cap; } sbuf;

void sb_put(sbuf *b, const char *s);
void sb_putn(sbuf *b, const char *s, size_t n);
void sb_putc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_repeat(sbuf *b, const char *s, int times);
void sb_clear(sbuf *b);
void sb_free(sbuf *b);

/* Append src to the NUL-terminated dst of capacity cap, truncating. */
void str_append(char *dst, size_t cap, const char *src);

/* Display width of UTF-8 text in a monospaced layout: Han and full-width forms count 2. */
int utf8_width(const char *s);
/* Bytes of the first n characters of s (or of all of s). */
size_t utf8_prefix(const char *s, int nchars);
/* Number of characters. */
int utf8_len(const char *s);
/* Bytes taken by the first characters of s whose display width fits in w. */
size_t utf8_fit(const char *s, int w);

#endif
