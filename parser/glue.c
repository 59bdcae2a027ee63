/*
 * parser/glue.c — enumerate the splits of glued digit runs into a row's cells (see glue.h).
 *
 * Depth-first over tokens: for each token, every way to cut it into k parts (k from 1 up to what
 * the remaining cells allow), pruning parts that cannot be numbers. Rows have at most 15 cells and
 * tokens are short, so the search is small; it is nonetheless capped so that a pathological run of
 * digits costs bounded time.
 */
#include "glue.h"

#include <string.h>

enum { SEARCH_BUDGET = 200000 };

typedef struct search {
    const nb_glue_input *in;
    nb_glue_result *out;
    nb_glue_split cur;
    int budget;
    int first_by_count_set;
    nb_glue_split first_by_count;
} search;

/* Is s[0..n) a number we accept as one cell? Fills its value. */
static int part_value(const char *s, size_t n, int allow_sign, int64_t *mant, uint8_t *scale)
{
    size_t i = 0;
    int neg = 0;
    if (n && (s[0] == '-' || s[0] == '+')) {
        if (!allow_sign) return 0;
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n || s[i] < '0' || s[i] > '9') return 0;
    /* a leading zero only for "0" or "0.x" */
    if (s[i] == '0' && i + 1 < n && s[i + 1] != '.') return 0;
    int64_t v = 0;
    uint8_t sc = 0;
    int dot = 0, digits = 0;
    for (; i < n; i++) {
        if (s[i] == '.') {
            if (dot) return 0;
            dot = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') return 0;
        if (++digits > 17) return 0;
        v = v * 10 + (s[i] - '0');
        if (dot) sc++;
    }
    if (dot && sc == 0) return 0;
    *mant = neg ? -v : v;
    *scale = sc;
    return 1;
}

/* Relations hold on the values of a complete split (scales aligned to the largest). */
static int relations_hold(const search *s)
{
    const nb_glue_input *in = s->in;
    for (int r = 0; r < in->nrel; r++) {
        const nb_glue_rel *rel = &in->rel[r];
        int maxscale = s->cur.part[rel->target].scale;
        for (int i = 0; i < in->ncells; i++)
            if ((rel->addends >> i) & 1u && s->cur.part[i].scale > maxscale) maxscale = s->cur.part[i].scale;
        /* parts have up to 17 digits and 16 decimals: aligning scales can overflow, and a split
         * whose sum overflows int64 is no report's (found by fuzz_text) */
        int64_t sum = 0, target = s->cur.part[rel->target].mant;
        for (int k = s->cur.part[rel->target].scale; k < maxscale; k++)
            if (__builtin_mul_overflow(target, 10, &target)) return 0;
        for (int i = 0; i < in->ncells; i++) {
            if (!((rel->addends >> i) & 1u)) continue;
            int64_t v = s->cur.part[i].mant;
            for (int k = s->cur.part[i].scale; k < maxscale; k++)
                if (__builtin_mul_overflow(v, 10, &v)) return 0;
            if (__builtin_add_overflow(sum, v, &sum)) return 0;
        }
        if (sum != target) return 0;
    }
    return 1;
}

/* Narrow `mask` to the cells where split `cur` has the same value as `agree` (the first split seen
 * starts it with every cell). The value, not the bytes: 2|7|0|0|20|1|30 and 27|0|0|2|0|1|30 both
 * give the third cell 0, from different zeros of the run, and either way it is 0. */
static void narrow_agreement(const nb_glue_split *cur, nb_glue_split *agree, uint32_t *mask, int first, int ncells)
{
    if (first) {
        *agree = *cur;
        *mask = ncells >= 32 ? 0xFFFFFFFFu : (1u << ncells) - 1u;
        return;
    }
    for (int i = 0; i < ncells; i++) {
        const nb_glue_part *a = &agree->part[i], *b = &cur->part[i];
        if (a->mant != b->mant || a->scale != b->scale) *mask &= ~(1u << i);
    }
}

static void record(search *s)
{
    nb_glue_result *o = s->out;
    int ncells = s->in->ncells;
    narrow_agreement(&s->cur, &o->agree_by_count, &o->agreed_by_count, o->by_count == 0, ncells);
    if (o->by_count < 1000000) o->by_count++;
    if (!s->first_by_count_set) {
        s->first_by_count = s->cur;
        s->first_by_count_set = 1;
    }
    if (!relations_hold(s)) return;
    narrow_agreement(&s->cur, &o->agree, &o->agreed, o->ncand == 0 && !o->more, ncells);
    if (o->ncand < NB_GLUE_MAX_CAND) o->cand[o->ncand++] = s->cur;
    else o->more = 1;
}

/* Place the parts of token t starting at byte `from`, filling cells from `cell`. */
static void split_token(search *s, int t, size_t from, int cell);

static void next_token(search *s, int t, int cell)
{
    const nb_glue_input *in = s->in;
    if (t == in->ntok) {
        if (cell == in->ncells) record(s);
        return;
    }
    /* every remaining token needs at least one cell */
    if (in->ncells - cell < in->ntok - t) return;
    split_token(s, t, 0, cell);
}

static void split_token(search *s, int t, size_t from, int cell)
{
    const nb_glue_input *in = s->in;
    const char *tok = in->tok[t];
    size_t n = in->toklen[t];
    if (--s->budget < 0) return;
    if (cell >= in->ncells) return;
    if (n == 0) {              /* a blank marker: exactly one cell, counted as 0 */
        s->cur.part[cell] = (nb_glue_part){(uint8_t)t, 0, 0, 0, 0};
        next_token(s, t + 1, cell + 1);
        return;
    }
    for (size_t end = from + 1; end <= n; end++) {
        /* decimals stay with the token's last part: a part holding the point runs to the end */
        if (end < n && memchr(tok + from, '.', end - from)) end = n;
        int64_t v;
        uint8_t sc;
        int allow_sign = from == 0 && ((in->signed_cells >> cell) & 1u);
        if (!part_value(tok + from, end - from, allow_sign, &v, &sc)) continue;
        s->cur.part[cell] = (nb_glue_part){(uint8_t)t, (uint16_t)from, (uint16_t)end, v, sc};
        if (end == n) next_token(s, t + 1, cell + 1);
        else split_token(s, t, end, cell + 1);
    }
}

void nb_glue_split_row(const nb_glue_input *in, nb_glue_result *out)
{
    /* only cand[0..ncand) is ever written or read: clearing all 32 candidates (12 KB) on every
     * call was most of this function's cost */
    out->by_count = out->ncand = out->more = out->against_sums = 0;
    out->agreed = out->agreed_by_count = 0;
    if (in->ncells <= 0 || in->ncells > NB_GLUE_MAX_CELLS || in->ntok <= 0) return;
    search s = {.in = in, .out = out, .budget = SEARCH_BUDGET};
    next_token(&s, 0, 0);
    if (s.budget < 0) {              /* gave up: treat as hopelessly ambiguous */
        out->ncand = 0;
        out->by_count = 1000000;
        out->agreed = out->agreed_by_count = 0;
        return;
    }
    if (out->by_count == 1) {
        /* determined by counting alone: printed values stand even if they do not add up */
        out->against_sums = out->ncand == 0;
        out->cand[0] = s.first_by_count;
        out->ncand = 1;
        out->more = 0;
    }
}
