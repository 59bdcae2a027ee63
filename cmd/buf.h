/*
 * cmd/buf.h — growable byte buffers and the CSV/JSON field writers that fill them.
 *
 * A document's output rows are built in buffers first (so a worker process can hand them to the
 * parent whole, and the parent can write every file in input order). CSV quoting is libcsv's:
 * a field is quoted only when it must be (separator, quote, line break, edge spaces).
 */
#ifndef NB_BUF_H
#define NB_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct nb_buf {
    char  *p;
    size_t len, cap;
} nb_buf;

/* Make room for extra more bytes and the terminating NUL (growing by doubling). */
void nb_buf_grow(nb_buf *b, size_t extra);

/* Inline: a document's rows are built from some 700 small pieces, and the call and the capacity
 * check were a tenth of the cost of writing them. */
static inline void nb_buf_put(nb_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) nb_buf_grow(b, n);
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
void nb_buf_puts(nb_buf *b, const char *s);
void nb_buf_printf(nb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nb_buf_free(nb_buf *b);
static inline void nb_buf_clear(nb_buf *b) { b->len = 0; }

/* Append one CSV field (preceded by a comma unless first); s may be NULL (empty field). */
void nb_csv_field(nb_buf *b, const char *s, int first);
/* A field from a number. */
void nb_csv_int(nb_buf *b, long long v, int first);
/* A field from a coordinate, with one decimal: the same bytes as printf's "%.1f". */
void nb_csv_fixed1(nb_buf *b, float v, int first);
/* End the record. */
static inline void nb_csv_end(nb_buf *b) { nb_buf_put(b, "\n", 1); }

/* A JSON string literal (with quotes), escaping what JSON requires. */
void nb_json_string(nb_buf *b, const char *s);

#endif
