/*
 * rules/copy.c — COPY-LAST-YEAR and COPY-OTHER-AGENCY: a report whose narrative is nearly that of
 * the same agency's previous report, or of another agency's report.
 *
 * Each report's narrative (the text of its six parts, tables left out) is normalised — white
 * space and punctuation dropped, every run of digits (ASCII, full width, 〇) one '#', and so is a
 * number in Chinese before a counter (二十二件, 二〇二三年), the agency's own name one '@' — so that a report rewritten from last year with the years and numbers changed,
 * or another agency's with the names swapped, compares equal. Its 5-character shingles (the usual
 * choice for Chinese) are summarised by MinHash: NB_XSKETCH minima of as many hash functions, whose
 * share of equal values estimates the Jaccard similarity of the two shingle sets. LSH banding (16
 * bands of 4 values, keys sorted on disk: memory does not grow with the reports) makes the candidate pairs: two reports are compared only when one band is
 * equal, which a pair at similarity 0.71 is with probability 0.99 and a pair at 0.3 with 0.12, so
 * 100,000 reports are not compared pair by pair. Parts 一 and 五 are also sketched alone, and
 * banded alike, so that a copy with one of them rewritten is still found (the finding says which
 * part was compared). The thresholds are options; their defaults come
 * from the precision and recall measured on generated copies (docs/RULES.md).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "xrun.h"

enum { SHINGLE = 5, BANDS = 16, ROWS = NB_XSKETCH / BANDS, MIN_SHINGLES = 40, MAX_GROUP = 64 };

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static int is_digit_char(gunichar c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || c == 0x3007;
}

/* Data: the characters a number is written with in Chinese (二十二, 一百零五, 二〇二三, 两万):
 * 〇零一二三四五六七八九十百千万两. A switch: this is asked of every character of every narrative. */
static int is_cn_numeral(gunichar c)
{
    switch (c) {
    case 0x3007: case 0x96F6: case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D:
    case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x5343: case 0x4E07: case 0x4E24:
        return 1;
    }
    return 0;
}

/* Data: what follows a count or a date written in Chinese (二十二件, 二〇二三年, 十余次):
 * 件条项次篇人个家期场名份类批户起年月日余多. After any other character the numerals are words
 * (一是, 统一, 进一步) and are kept. */
static int is_counter(gunichar c)
{
    switch (c) {
    case 0x4EF6: case 0x6761: case 0x9879: case 0x6B21: case 0x7BC7: case 0x4EBA: case 0x4E2A: case 0x5BB6:
    case 0x671F: case 0x573A: case 0x540D: case 0x4EFD: case 0x7C7B: case 0x6279: case 0x6237: case 0x8D77:
    case 0x5E74: case 0x6708: case 0x65E5: case 0x4F59: case 0x591A:
        return 1;
    }
    return 0;
}

/* Where a number written in Chinese starting at p ends (p itself when there is none): a run of
 * numerals, at most 12, followed (after white space) by a counter. Years and counts a report
 * rewritten from last year changes are as often in words as in digits. */
static const char *cn_number_end(const char *p, const char *end)
{
    if (p >= end || (uint8_t)*p < 0xE3 || (uint8_t)*p > 0xE9) return p;    /* U+3007..U+96F6 only */
    const char *q = p;
    int k = 0;
    while (q < end && k <= 12) {
        gunichar c = g_utf8_get_char_validated(q, end - q);
        if (c == (gunichar)-1 || c == (gunichar)-2 || !is_cn_numeral(c)) break;
        q = g_utf8_next_char(q);
        k++;
    }
    if (!k || k > 12) return p;
    const char *r = q;
    while (r < end && (*r == ' ' || *r == '\n' || *r == '\t')) r++;
    gunichar c = r < end ? g_utf8_get_char_validated(r, end - r) : 0;
    return c != (gunichar)-1 && c != (gunichar)-2 && is_counter(c) ? q : p;
}

/* A number's one '#': a run of digits, or digits and numerals together (3万余件), is one. */
static void mark_number(GArray *cp, int *in_digits)
{
    if (!*in_digits) {
        gunichar h = '#';
        g_array_append_val(cp, h);
    }
    *in_digits = 1;
}

/* The narrative as code points, normalised (see the top of the file), appended to cp. */
static void normalise_into(GArray *cp, const char *text, size_t n, const char *agency)
{
    size_t alen = agency ? strlen(agency) : 0;
    int in_digits = 0;
    for (const char *p = text, *end = text + n; p < end;) {
        if (alen >= 6 && (size_t)(end - p) >= alen && !memcmp(p, agency, alen)) {
            gunichar at = '@';
            g_array_append_val(cp, at);
            p += alen;
            in_digits = 0;
            continue;
        }
        const char *num = cn_number_end(p, end);
        if (num != p) {
            mark_number(cp, &in_digits);
            p = num;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++;
            continue;
        }
        p = g_utf8_next_char(p);
        if (is_digit_char(c)) {
            mark_number(cp, &in_digits);
            continue;
        }
        in_digits = 0;
        if (g_unichar_isspace(c) || g_unichar_ispunct(c) || c == '.' || c == '%') continue;
        g_array_append_val(cp, c);
    }
}

/* The MinHash minima of the shingles of cp (mins[0]) and of those lying wholly within each of the
 * nr regions [from[k], to[k]) (mins[1 + k]). A shingle met again in the same region is not
 * hashed again: its 64 values are the same (boilerplate repeats, and hashing is most of an
 * audit's time for copies). */
static void sketch_mins(const GArray *cp, const guint *from, const guint *to, int nr, uint64_t (*mins)[NB_XSKETCH])
{
    for (int k = 0; k <= nr; k++)
        for (int i = 0; i < NB_XSKETCH; i++) mins[k][i] = UINT64_MAX;
    if (cp->len < SHINGLE) return;
    guint count = cp->len - SHINGLE + 1, cap = 16;
    while (cap < 2 * count) cap *= 2;
    uint64_t *seen = malloc(cap * sizeof *seen);
    uint8_t *used = calloc(cap, 1);                   /* 0 empty, else region + 2 */
    if (!seen || !used) abort();
    const gunichar *v = (const gunichar *)(const void *)cp->data;
    for (guint i = 0; i < count; i++) {
        uint64_t h = 1469598103934665603ull;
        for (int k = 0; k < SHINGLE; k++) h = (h ^ v[i + k]) * 1099511628211ull;
        int region = -1;
        for (int k = 0; k < nr && region < 0; k++)
            if (i >= from[k] && i + SHINGLE <= to[k]) region = k;
        uint64_t at = (mix64(h) + (uint64_t)region) & (cap - 1);
        while (used[at] && (seen[at] != h || used[at] != region + 2)) at = (at + 1) & (cap - 1);
        if (used[at]) continue;
        seen[at] = h;
        used[at] = (uint8_t)(region + 2);
        uint64_t *m = mins[0], *pm = region >= 0 ? mins[1 + region] : NULL;
        for (int j = 0; j < NB_XSKETCH; j++) {
            uint64_t x = mix64(h ^ (0x9e3779b97f4a7c15ull * (uint64_t)(j + 1)));
            if (x < m[j]) m[j] = x;
            if (pm && x < pm[j]) pm[j] = x;
        }
    }
    free(seen);
    free(used);
}

static void sketch_of(const uint64_t *mins, uint32_t sketch[NB_XSKETCH])
{
    for (int i = 0; i < NB_XSKETCH; i++) sketch[i] = (uint32_t)(mins[i] >> 32);
}

int nb_copy_sketch_min(const char *text, size_t n, const char *agency, int min_chars, uint32_t sketch[NB_XSKETCH])
{
    GArray *cp = g_array_new(FALSE, FALSE, sizeof(gunichar));
    normalise_into(cp, text, n, agency);
    int ok = cp->len >= (guint)(SHINGLE + min_chars);
    uint64_t mins[1][NB_XSKETCH];
    if (ok) sketch_mins(cp, NULL, NULL, 0, mins);
    else
        for (int i = 0; i < NB_XSKETCH; i++) mins[0][i] = UINT64_MAX;
    sketch_of(mins[0], sketch);
    g_array_free(cp, TRUE);
    return ok;
}

int nb_copy_sketch_parts(const char *const *text, const size_t *len, int n, const char *agency, const int *alone,
                         uint32_t sketch[NB_XSKETCH], int part_ok[2], uint32_t part[2][NB_XSKETCH])
{
    GArray *cp = g_array_new(FALSE, FALSE, sizeof(gunichar));
    guint from[2] = {0, 0}, to[2] = {0, 0};
    for (int k = 0; k < n; k++) {
        guint start = cp->len;
        normalise_into(cp, text[k], len[k], agency);
        if (alone[k] >= 0) from[alone[k]] = start, to[alone[k]] = cp->len;
    }
    uint64_t mins[3][NB_XSKETCH];
    sketch_mins(cp, from, to, 2, mins);
    int ok = cp->len >= (guint)(SHINGLE + MIN_SHINGLES);
    sketch_of(mins[0], sketch);
    for (int k = 0; k < 2; k++) {
        part_ok[k] = to[k] - from[k] >= (guint)(SHINGLE + NB_PART_MIN_CHARS);
        sketch_of(mins[1 + k], part[k]);
    }
    g_array_free(cp, TRUE);
    return ok;
}

int nb_copy_sketch(const char *text, size_t n, const char *agency, uint32_t sketch[NB_XSKETCH])
{
    return nb_copy_sketch_min(text, n, agency, MIN_SHINGLES, sketch);
}

int nb_copy_same(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < NB_XSKETCH; i++) same += a[i] == b[i];
    return same;
}

double nb_copy_similarity(const uint32_t *a, const uint32_t *b)
{
    return (double)nb_copy_same(a, b) / NB_XSKETCH;
}

/* ---- candidates by banding, on disk ----
 *
 * Three sorts (spill.h), each read once: the band keys (band, key, report) give the candidate pairs
 * (x, y), x < y, within a bucket; the pairs, sorted, are judged once each, reading the two records;
 * the candidates (report, rule, similarity, other) sorted leave each report's best other first. */

/* The most similar other report of a report, for one rule. */
typedef struct best {
    const nb_xdoc *other;
    double sim;
    int part;                   /* what was compared: 0 parts 一, 五 and 六; 1 part 一; 2 part 五 */
} best;

static void raise_copy(nb_xfindings *out, const char *rule, const nb_xdoc *d, const best *b, double threshold)
{
    static const char *const what_zh[3] = {"叙述部分（一、五、六部分的正文）", "第一部分（总体情况）", "第五部分（存在的主要问题及改进情况）"};
    static const char *const what_en[3] = {"The narrative (parts 一, 五 and 六)", "Part 一 (general situation)",
                                           "Part 五 (problems and improvements)"};
    static const char *const row[3] = {"", "1", "5"};
    const nb_xdoc *other = b->other;
    nb_xfinding *x = nb_xfinding_add(out, rule, d);
    nb_arena *a = out->a;
    x->table = "section";
    x->row = row[b->part];
    x->expected = nb_sprintf(a, "< %.2f", threshold);
    x->actual = nb_sprintf(a, "%.2f", b->sim);
    const char *oa = *other->agency ? other->agency : "?";
    if (!strcmp(rule, "COPY-LAST-YEAR")) {
        x->msg_zh = nb_sprintf(a, "%s与本机关 %d 年度报告 %s 的相似度为 %.2f（阈值 %.2f；年份和数字不计）：疑似沿用上年报告。",
                               what_zh[b->part], other->year, other->file, b->sim, threshold);
        x->msg_en = nb_sprintf(a, "%s is %.2f similar to the agency's %d report %s (threshold %.2f; years and numbers masked): last year's report reused?",
                               what_en[b->part], b->sim, other->year, other->file, threshold);
    } else {
        x->msg_zh = nb_sprintf(a, "%s与其他机关 %s 的 %d 年度报告 %s 的相似度为 %.2f（阈值 %.2f；年份、数字和机关名称不计）：内容雷同。",
                               what_zh[b->part], oa, other->year, other->file, b->sim, threshold);
        x->msg_en = nb_sprintf(a, "%s is %.2f similar to the %d report %s of another agency, %s (threshold %.2f; years, numbers and agency names masked): copied?",
                               what_en[b->part], b->sim, other->year, other->file, oa, threshold);
    }
}

/* A band record: band (1), key (8), order (4), "judged before" (1), padding. A pair: the blocks of
 * its two reports (2 + 2), then the two (4 + 4). */
enum { BAND_REC = 16, PAIR_REC = 12, CAND_REC = 12 };

/* Pairs are judged a block of records against a block at a time: sorted by their reports' blocks,
 * each pair of blocks is read once, in two reads, instead of a read per pair (a pread each was
 * most of the copy rules' time). Two blocks of BLOCK records are the judge's memory. */
enum { BLOCK = 2048 };

static void read_block(nb_xrun *r, uint32_t b, nb_xrec *v);

static void band_keys(nb_xrun *r, nb_spill *bands)
{
    nb_xrec *v = malloc(BLOCK * sizeof *v);
    if (!v) abort();
    uint8_t b[BAND_REC];
    memset(b, 0, sizeof b);
    for (int i = 0; i < r->n; i++) {
        if (i % BLOCK == 0) read_block(r, (uint32_t)(i / BLOCK), v);
        const nb_xrec *rec = &v[i % BLOCK];
        for (int pb = 0; pb < 3 * BANDS; pb++) {
            int part = pb / BANDS, band = pb % BANDS;
            if (part ? !rec->has_part[part - 1] : !rec->has_sketch) continue;
            const uint32_t *sk = part ? rec->part[part - 1] : rec->sketch;
            uint64_t h = mix64((uint64_t)pb + 1);
            for (int k = 0; k < ROWS; k++) h = mix64(h ^ sk[band * ROWS + k]);
            b[0] = (uint8_t)pb;
            nb_put_be64(b + 1, h);
            nb_put_be32(b + 9, (uint32_t)i);
            b[13] = rec->run != 0;
            nb_spill_add(bands, b);
        }
    }
    free(v);
}

/* The pairs within each bucket; a very large bucket is text every report shares: its members are
 * paired with their MAX_GROUP neighbours only. Pairs of two reports judged before are left out. */
static void bucket_pairs(nb_spill *bands, nb_spill *pairs)
{
    uint8_t b[BAND_REC], cur[9], p[PAIR_REC];
    memset(p, 0, sizeof p);
    uint32_t win[MAX_GROUP];
    uint8_t old[MAX_GROUP];
    int nwin = 0, at = 0;           /* the last nwin members of the bucket, a ring ending before at */
    while (nb_spill_next(bands, b)) {
        if (nwin && memcmp(b, cur, 9)) nwin = 0;
        memcpy(cur, b, 9);
        uint32_t y = nb_get_be32(b + 9);
        for (int k = 0; k < nwin; k++) {
            int slot = (at - 1 - k + MAX_GROUP) % MAX_GROUP;
            if (old[slot] && b[13]) continue;
            uint32_t x = win[slot];
            p[0] = (uint8_t)(x / BLOCK >> 8), p[1] = (uint8_t)(x / BLOCK);
            p[2] = (uint8_t)(y / BLOCK >> 8), p[3] = (uint8_t)(y / BLOCK);
            nb_put_be32(p + 4, x);
            nb_put_be32(p + 8, y);
            nb_spill_add(pairs, p);
        }
        win[at] = y;
        old[at] = b[13];
        at = (at + 1) % MAX_GROUP;
        if (nwin < MAX_GROUP) nwin++;
    }
}

static void candidate(nb_spill *cands, uint32_t doc, int rule, int same, uint32_t other, int part)
{
    uint8_t c[CAND_REC];
    memset(c, 0, sizeof c);
    nb_put_be32(c, doc);
    c[4] = (uint8_t)rule;
    c[5] = (uint8_t)(NB_XSKETCH - same);       /* the most similar first */
    nb_put_be32(c + 6, other);
    c[10] = (uint8_t)part;
    nb_spill_add(cands, c);
}

/* The similarity of two reports as copies of each other (in equal values): the narrative's, or one
 * part's when that part alone is nearly the same (a copy with the other part rewritten). */
static int copy_same(const nb_xrec *a, const nb_xrec *b, int *part)
{
    int same = nb_copy_same(a->sketch, b->sketch);
    *part = 0;
    for (int k = 0; k < 2; k++) {
        if (!a->has_part[k] || !b->has_part[k]) continue;
        int s = nb_copy_same(a->part[k], b->part[k]);
        if (s > same) same = s, *part = k + 1;
    }
    return same;
}

/* One candidate pair: which rule, if any, and on which of the two. */
static void judge_pair(const nb_xopts *o, uint32_t ia, const nb_xrec *a, uint32_t ib, const nb_xrec *b, nb_spill *cands)
{
    if (!strcmp(a->sha256, b->sha256) && *a->sha256) return;    /* the same file twice */
    int same = nb_copy_same(a->sketch, b->sketch);
    double sim = (double)same / NB_XSKETCH;
    if (!a->key_id || !b->key_id) return;                      /* no agency or no year */
    if (a->key_id == b->key_id) {
        if (a->year == b->year || sim < o->copy_last_year) return;    /* same year: YEAR-DUPLICATE's */
        int a_later = a->year > b->year;
        const nb_xrec *later = a_later ? a : b, *earlier = a_later ? b : a;
        if (later->run == 0 && later->prev_year == earlier->year)
            candidate(cands, a_later ? ia : ib, 0, same, a_later ? ib : ia, 0);
        return;
    }
    int part;
    same = copy_same(a, b, &part);
    if ((double)same / NB_XSKETCH < o->copy_other) return;
    if (a->run == 0) candidate(cands, ia, 1, same, ib, part);
    if (b->run == 0) candidate(cands, ib, 1, same, ia, part);
}

/* Records [b * BLOCK, (b + 1) * BLOCK) of the n into v. */
static void read_block(nb_xrun *r, uint32_t b, nb_xrec *v)
{
    uint64_t first = (uint64_t)b * BLOCK, k = (uint64_t)r->n - first < BLOCK ? (uint64_t)r->n - first : BLOCK;
    nb_tmp_get(&r->recs, first * sizeof *v, v, (size_t)k * sizeof *v);
}

static void judge_pairs(nb_xrun *r, nb_spill *pairs, nb_spill *cands)
{
    nb_xrec *xs = malloc(BLOCK * sizeof *xs), *ys = malloc(BLOCK * sizeof *ys);
    if (!xs || !ys) abort();
    uint8_t p[PAIR_REC], last[PAIR_REC];
    int have = 0;
    uint32_t xb = UINT32_MAX, yb = UINT32_MAX;
    while (nb_spill_next(pairs, p)) {
        if (have && !memcmp(p, last, PAIR_REC)) continue;    /* found in another band too */
        memcpy(last, p, PAIR_REC);
        have = 1;
        uint32_t x = nb_get_be32(p + 4), y = nb_get_be32(p + 8);
        if (x / BLOCK != xb) read_block(r, xb = x / BLOCK, xs), yb = UINT32_MAX;
        if (y / BLOCK != yb) read_block(r, yb = y / BLOCK, ys);
        judge_pair(&r->o, x, &xs[x % BLOCK], y, &ys[y % BLOCK], cands);
    }
    free(xs);
    free(ys);
}

/* One finding per report and rule, naming the most similar other report (the first in input
 * order of those as similar). */
static void raise_best(nb_xrun *r, nb_spill *cands)
{
    static const char *const rules[2] = {"COPY-LAST-YEAR", "COPY-OTHER-AGENCY"};
    uint8_t c[CAND_REC], last[5];
    int have = 0;
    while (nb_spill_next(cands, c)) {
        if (have && !memcmp(c, last, 5)) continue;
        memcpy(last, c, 5);
        have = 1;
        nb_xdoc *d = nb_alloc(&r->scratch, sizeof *d), *other = nb_alloc(&r->scratch, sizeof *other);
        nb_xrun_doc(r, (int)nb_get_be32(c), &r->scratch, d);
        nb_xrun_doc(r, (int)nb_get_be32(c + 6), &r->scratch, other);
        best b = {other, (double)(NB_XSKETCH - c[5]) / NB_XSKETCH, c[10]};
        raise_copy(&r->pending, rules[c[4]], d, &b, c[4] ? r->o.copy_other : r->o.copy_last_year);
        nb_xrun_flush(r);
    }
}

void nb_xcopy_pass(nb_xrun *r)
{
    nb_spill *bands = nb_spill_new(BAND_REC, NB_XRUN_BUDGET);
    band_keys(r, bands);
    nb_spill *pairs = nb_spill_new(PAIR_REC, NB_XRUN_BUDGET);
    bucket_pairs(bands, pairs);
    if (nb_spill_failed(bands)) r->failed = 1;
    nb_spill_free(bands);
    nb_spill *cands = nb_spill_new(CAND_REC, NB_XRUN_BUDGET);
    judge_pairs(r, pairs, cands);
    if (nb_spill_failed(pairs)) r->failed = 1;
    nb_spill_free(pairs);
    raise_best(r, cands);
    if (nb_spill_failed(cands)) r->failed = 1;
    nb_spill_free(cands);
}
