/*
 * parser/value.h — what a printed cell says: a number, or an explicit blank.
 *
 * FORMAT.md §5: value is the number as printed (integers for counts, decimals for money, signs
 * kept), normalised (full-width digits and thousands separators folded); raw keeps the text. Blank,
 * '—', '-', '/', '无' are blanks (no value); the caller keeps which one in raw.
 */
#ifndef NB_VALUE_H
#define NB_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum nb_vkind { NB_V_NONE = 0, NB_V_NUMBER, NB_V_BLANK } nb_vkind;

typedef struct nb_value {
    nb_vkind kind;
    int64_t  mant;        /* number × 10^scale */
    uint8_t  scale;
    char     text[32];    /* normalised: "1234", "-15", "7730.28" */
    const char *unit;     /* the money unit printed after the number ("元", "万元"), else "" */
} nb_value;

/* Parse a normalised cell text (see normalize.h). Accepts digits with an optional sign, thousands
 * separators in groups of three, decimals, and a trailing unit (元, 万元, 件, 个, 项) which is
 * taken off the value: a money unit is kept in unit (never applied: 5.77万元 is 5.77 in 万元), a
 * count's is dropped. Returns the kind (NB_V_NONE when the text is not a cell value). */
nb_vkind nb_parse_value(const char *s, size_t n, nb_value *out);

/* The money units a cell or its column header may name, as written in FORMAT.md §5; NULL-terminated. */
extern const char *const nb_money_units[];

/* Format mant / 10^scale as text. */
void nb_format_value(int64_t mant, int scale, char *buf, size_t size);

#endif
