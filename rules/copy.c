/*
 * rules/copy.c — COPY-LAST-YEAR and COPY-OTHER-AGENCY: a report whose narrative is nearly that of
 * the same agency's previous report, or of another agency's report.
 *
 * Each report's narrative (the text of its six parts, tables left out) is normalised — white
 * space and punctuation dropped, every run of digits (ASCII, full width, 〇) one '#', the agency's
 * own name one '@' — so that a report rewritten from last year with the years and numbers changed,
 * or another agency's with the names swapped, compares equal. Its 5-character shingles (the usual
 * choice for Chinese) are summarised by MinHash: NB_XSKETCH minima of as many hash functions, whose
 * share of equal values estimates the Jaccard similarity of the two shingle sets. LSH banding (16
 * bands of 4 values) makes the candidate pairs: two reports are compared only when one band is
 * equal, which a pair at similarity 0.71 is with probability 0.99 and a pair at 0.3 with 0.12, so
 * 100,000 reports are not compared pair by pair. Parts 一 and 五 are also sketched alone, and
 * banded alike, so that a copy with one of them rewritten is still found (the finding says which
 * part was compared). The thresholds are options; their defaults come
 * from the precision and recall measured on generated copies (docs/RULES.md).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "xreport.h"

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

/* The narrative as code points, normalised (see the top of the file). */
static GArray *normalised(const char *text, size_t n, const char *agency)
{
    GArray *cp = g_array_new(FALSE, FALSE, sizeof(gunichar));
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
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++;
            continue;
        }
        p = g_utf8_next_char(p);
        if (is_digit_char(c)) {
            if (!in_digits) {
                gunichar h = '#';
                g_array_append_val(cp, h);
            }
            in_digits = 1;
            continue;
        }
        in_digits = 0;
        if (g_unichar_isspace(c) || g_unichar_ispunct(c) || c == '.' || c == '%') continue;
        g_array_append_val(cp, c);
    }
    return cp;
}

int nb_copy_sketch_min(const char *text, size_t n, const char *agency, int min_chars, uint32_t sketch[NB_XSKETCH])
{
    GArray *cp = normalised(text, n, agency);
    int ok = cp->len >= (guint)(SHINGLE + min_chars);
    uint64_t mins[NB_XSKETCH];
    for (int i = 0; i < NB_XSKETCH; i++) mins[i] = UINT64_MAX;
    for (guint i = 0; ok && i + SHINGLE <= cp->len; i++) {
        uint64_t h = 1469598103934665603ull;
        for (int k = 0; k < SHINGLE; k++) h = (h ^ g_array_index(cp, gunichar, i + k)) * 1099511628211ull;
        for (int j = 0; j < NB_XSKETCH; j++) {
            uint64_t v = mix64(h ^ (0x9e3779b97f4a7c15ull * (uint64_t)(j + 1)));
            if (v < mins[j]) mins[j] = v;
        }
    }
    for (int i = 0; i < NB_XSKETCH; i++) sketch[i] = (uint32_t)(mins[i] >> 32);
    g_array_free(cp, TRUE);
    return ok;
}

int nb_copy_sketch(const char *text, size_t n, const char *agency, uint32_t sketch[NB_XSKETCH])
{
    return nb_copy_sketch_min(text, n, agency, MIN_SHINGLES, sketch);
}

double nb_copy_similarity(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < NB_XSKETCH; i++) same += a[i] == b[i];
    return (double)same / NB_XSKETCH;
}

/* ---- candidates by banding ---- */

typedef struct band_entry {
    uint64_t key;
    int      doc;
} band_entry;

static int band_cmp(const void *pa, const void *pb)
{
    const band_entry *a = pa, *b = pb;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->doc - b->doc;
}

/* The latest year before `year` in which the agency `key` has a report, or 0. */
static int previous_year(GHashTable *years, const char *key, int year)
{
    GArray *ys = g_hash_table_lookup(years, key);
    int best = 0;
    for (guint i = 0; ys && i < ys->len; i++) {
        int y = g_array_index(ys, int, i);
        if (y < year && y > best) best = y;
    }
    return best;
}

/* The most similar other report found so far for each report and rule (0 last year, 1 other). */
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

static void keep_best(best *b, const nb_xdoc *other, double sim, int part)
{
    /* ties go to the report first in input order, so the finding does not depend on the bands */
    if (!b->other || sim > b->sim || (sim == b->sim && other->order < b->other->order)) *b = (best){other, sim, part};
}

/* The similarity of two reports as copies of each other: the narrative's, or one part's when that
 * part alone is nearly the same (a copy with the other part rewritten). */
static double copy_similarity(const nb_xdoc *a, const nb_xdoc *b, int *part)
{
    double sim = nb_copy_similarity(a->sketch, b->sketch);
    *part = 0;
    for (int k = 0; k < 2; k++) {
        if (!a->has_part[k] || !b->has_part[k]) continue;
        double s = nb_copy_similarity(a->part[k], b->part[k]);
        if (s > sim) sim = s, *part = k + 1;
    }
    return sim;
}

/* One candidate pair: which rule, if any, and on which of the two (by index in docs). */
static void judge_pair(nb_xdoc **docs, int ia, int ib, GHashTable *years, const nb_xopts *o, best *bests)
{
    const nb_xdoc *a = docs[ia], *b = docs[ib];
    if (!strcmp(a->sha256, b->sha256) && *a->sha256) return;    /* the same file twice */
    double sim = nb_copy_similarity(a->sketch, b->sketch);
    if (!*a->key || !*b->key || !a->year || !b->year) return;
    if (!strcmp(a->key, b->key)) {
        if (a->year == b->year || sim < o->copy_last_year) return;    /* same year: YEAR-DUPLICATE's */
        int il = a->year > b->year ? ia : ib, ie = il == ia ? ib : ia;
        const nb_xdoc *later = docs[il], *earlier = docs[ie];
        if (later->run == 0 && previous_year(years, later->key, later->year) == earlier->year)
            keep_best(&bests[2 * il], earlier, sim, 0);
        return;
    }
    int part;
    sim = copy_similarity(a, b, &part);
    if (sim < o->copy_other) return;
    if (a->run == 0) keep_best(&bests[2 * ia + 1], b, sim, part);
    if (b->run == 0) keep_best(&bests[2 * ib + 1], a, sim, part);
}

void nb_xcheck_copy(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out)
{
    GHashTable *years = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);
    for (int i = 0; i < n; i++) {
        const nb_xdoc *d = docs[i];
        if (!*d->key || !d->year) continue;
        GArray *ys = g_hash_table_lookup(years, d->key);
        if (!ys) {
            ys = g_array_new(FALSE, FALSE, sizeof(int));
            g_hash_table_insert(years, (gpointer)d->key, ys);
        }
        g_array_append_val(ys, d->year);
    }
    band_entry *be = malloc(((size_t)n + 1) * sizeof *be);
    if (!be) abort();
    GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    best *bests = calloc(2 * (size_t)n + 1, sizeof *bests);
    if (!bests) abort();
    /* the bands of the narrative's sketch, then of part 一's and part 五's alone */
    for (int pb = 0; pb < 3 * BANDS; pb++) {
        int part = pb / BANDS, band = pb % BANDS, m = 0;
        for (int i = 0; i < n; i++) {
            const nb_xdoc *d = docs[i];
            if (part ? !d->has_part[part - 1] : !d->has_sketch) continue;
            const uint32_t *sk = part ? d->part[part - 1] : d->sketch;
            uint64_t h = mix64((uint64_t)pb + 1);
            for (int r = 0; r < ROWS; r++) h = mix64(h ^ sk[band * ROWS + r]);
            be[m++] = (band_entry){h, i};
        }
        qsort(be, (size_t)m, sizeof *be, band_cmp);
        for (int s = 0; s < m;) {
            int e = s;
            while (e < m && be[e].key == be[s].key) e++;
            /* a very large bucket is text every report shares: its members are compared with
             * their MAX_GROUP neighbours only */
            for (int i = s; i < e; i++)
                for (int j = i + 1; j < e && j <= i + MAX_GROUP; j++) {
                    int x = be[i].doc, y = be[j].doc;
                    if (docs[x]->run && docs[y]->run) continue;      /* both judged before */
                    gint64 id = (gint64)x * (gint64)n + y;
                    if (g_hash_table_contains(seen, &id)) continue;
                    gint64 *k = g_new(gint64, 1);
                    *k = id;
                    g_hash_table_add(seen, k);
                    judge_pair(docs, x, y, years, o, bests);
                }
            s = e;
        }
    }
    /* one finding per report and rule, naming the most similar other report */
    for (int i = 0; i < n; i++) {
        if (bests[2 * i].other)
            raise_copy(out, "COPY-LAST-YEAR", docs[i], &bests[2 * i], o->copy_last_year);
        if (bests[2 * i + 1].other) raise_copy(out, "COPY-OTHER-AGENCY", docs[i], &bests[2 * i + 1], o->copy_other);
    }
    free(bests);
    g_hash_table_destroy(seen);
    free(be);
    g_hash_table_destroy(years);
}
