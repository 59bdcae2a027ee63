/*
 * parser/normalize.h — the matching form of a line of text.
 *
 * Every line keeps its raw text exactly as extracted; matching (sections, labels, dates, numbers) runs on
 * a normalised copy: full-width ASCII and digits folded to half-width, Kangxi radicals and compatibility
 * ideographs folded to unified Han, dashes folded to '-', zero-width and control characters removed,
 * runs of white space collapsed to one space, and white space between two Han characters or CJK
 * punctuation marks removed, so that 本 年 度 办 理 结 果 reads 本年度办理结果 (but full-width digits
 * keep their spaces: １２ ３４ are two numbers).
 * A byte map leads from each normalised byte back to the raw byte it came from, which is how a number
 * found in the normalised text recovers its raw text and its position on the page.
 */
#ifndef NB_NORMALIZE_H
#define NB_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct nb_norm {
    char     *text;   /* NUL-terminated, in the arena */
    uint32_t  len;
    uint32_t *map;    /* len + 1 entries: raw byte offset of each normalised byte; map[len] = raw length */
} nb_norm;

/* Normalise raw[0..n) into the arena. */
void nb_normalize(nb_arena *a, const char *raw, size_t n, nb_norm *out);

/* The fold of a single code point (0 when the character is dropped). Exposed for the tests and for
 * ingesters that classify characters before lines exist. */
uint32_t nb_fold_char(uint32_t c);

#endif
