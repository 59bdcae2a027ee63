/*
 * rules/prose.c — the PROSE- family: the narrative says one number, the tables another.
 *
 * Conservative by design: a false alarm costs an auditor's trust, a miss costs little. A statement
 * is compared only when its pattern clearly names the same quantity as a table cell, and it is
 * dropped when its clause carries any word that changes what the number counts:
 *   - comparison or accumulation: 同比, 累计, 增长, 减少, 较上年, %, 占, 平均, 以来 …
 *   - approximation: 约, 近, 逾, 超过, 以上 …
 *   - a different scope: 各级, 各部门, 各单位, 下属, 本级, 代表 (but not 代表…政府: 区政府办代表区政府受理
 *     …17件 is the count of the government the report is for, and 洪泽区 2024's table says 95 — a real
 *     contradiction), or 全市/全区/全县 … unless the report is that government's own (洪泽区人民政府 may
 *     say 全区; a department may not)
 *   - a part rather than the whole: 其中, 分别, 未经复议, 复议后, 部分, 个别 …
 * and when its sentence, before it, makes an exception (除…外) or names another period: a year other
 * than the narrative's own (the report's, or the year before in a stale report; in digits or as
 * 二〇二〇年), 上年 (but not 上年结转), 去年, part of the year (上半年, 1-6月) or years together (截至目前,
 * 三年来, 2019年至2021年). A sentence whose counts of one kind differ (本级3件，乡镇1件) breaks a count
 * down: none of them is compared. A blank table total counts 0. The text searched is
 * nb_rules_prose's: the body without tables printed as fields, line breaks removed (a PDF wraps
 * 行政复\n议 anywhere). Each rule reports at most one finding, for the first statement that disagrees.
 *
 * Location: none ('', '', '') — a statement is not a cell; the cell it is compared with is the
 * argument {cell}. expected is the number the text states, actual the table's; page is where the
 * statement is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/pattern.h"
#include "../parser/utf8.h"
#include "agency.h"
#include "checks.h"

/* What every check here works on: the report, its narrative as sentences, and the year the
 * narrative calls its own (the report's, or the year before in a report copied from last year's,
 * where "2022年，我局共收到…" still states this report's count). */
typedef struct prose {
    const nb_report *r;
    nb_prose         t;
    nb_arena        *a;
    int              year;
} prose;

static void index_clause_ends(nb_prose *t, nb_arena *a);

/* The shared narrative, with what every prose rule needs of it worked out by the first: the
 * year it speaks of (counting year phrases over the whole report once per rule was a seventh of
 * the rules' work) and its clause ends. */
static prose prose_of(const nb_report *r, nb_findings *out)
{
    nb_prose *shared = (nb_prose *)nb_rules_prose_shared(r, out);   /* ours: allocated in locate.c */
    if (!shared->derived) {
        shared->year = nb_rules_narrative_year(r, shared);
        index_clause_ends(shared, out->arena);
        shared->derived = 1;
    }
    return (prose){r, *shared, out->arena, shared->year};
}

/* ---- the text around a match ---- */

static int is_clause_end(uint32_t c)
{
    return c == 0x3002 || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* The clause ends of the narrative, found once per report by their bytes (。 is E3 80 82; in UTF-8
 * neither it nor an ASCII byte can start inside another character): the statement search asks
 * for the clause around every occurrence of its literal, and walking a character at a time to
 * each end was a twentieth of an audit. */
static void index_clause_ends(nb_prose *t, nb_arena *a)
{
    /* the first bytes of the characters is_clause_end accepts: keep the two in step */
    const char *s = t->s;               /* NUL-terminated (nb_rules_prose), no NUL inside */
    size_t n = t->n, cap = 64, k = 0;
    size_t *v = nb_alloc_uninit(a, cap * sizeof *v);
    for (size_t i = strcspn(s, ",;:!?\xE3"); i < n; i += 1 + strcspn(s + i + 1, ",;:!?\xE3")) {
        if ((unsigned char)s[i] == 0xE3 && !(i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                                               (unsigned char)s[i + 2] == 0x82))
            continue;
        if (k == cap) {
            size_t *w = nb_alloc_uninit(a, 2 * cap * sizeof *w);
            memcpy(w, v, cap * sizeof *v);
            v = w;
            cap *= 2;
        }
        v[k++] = i;
    }
    t->ends = v;
    t->nends = k;
}

/* Index of the first clause end at or after byte i (nends if none). */
static size_t first_end_from(const nb_prose *t, size_t i)
{
    size_t lo = 0, hi = t->nends;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->ends[mid] < i) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int is_sentence_end(uint32_t c)
{
    return c == 0x3002 || c == '!' || c == '?';
}

/* Start of the character before byte i. */
static size_t prev_char(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80) {}
    return i;
}

/* Walk back from at to just after the previous stop character, at most max characters. */
static size_t back_to_stop(const prose *p, size_t at, int (*stop)(uint32_t), int max)
{
    size_t i = at;
    while (i > 0 && max-- > 0) {
        size_t k = prev_char(p->t.s, i);
        int len;
        if (stop(nb_utf8_decode(p->t.s + k, i - k, &len))) break;
        i = k;
    }
    return i;
}

/* Walk forward from at to the next stop character (excluded), at most max characters. */
static size_t fwd_to_stop(const prose *p, size_t at, int (*stop)(uint32_t), int max)
{
    size_t i = at;
    while (i < p->t.n && max-- > 0) {
        int len;
        if (stop(nb_utf8_decode(p->t.s + i, p->t.n - i, &len))) break;
        i += (size_t)len;
    }
    return i;
}

static int has(const prose *p, size_t a, size_t b, nb_re *re)
{
    size_t ov[2];
    return a < b && nb_re_find(re, p->t.s, b, a, ov, 1);
}

/* ---- vetoes ---- */

/* Data: words that change what a number in the same clause counts (see the file comment). */
static const char *const veto_words =
    "同比|累计|增长|增加|减少|下降|上升|较上年|比上年|较去年|比去年|同期|%|占|平均|历年|以来|"
    "约|近|逾|超过|不足|以上|左右|其中|分别|"
    "下属|所属|系统内|全系统|代表(?![^。;,:!?]{0,8}?政府)|本级|如果|假如|若|是否|"
    "部分(?!公开)|个别|有的|少数|"
    "各(?:级|部门|单位|镇|乡|街道|县|区|地|市|分局|直属|科室|处室|委|办|局|成员|派出|学校|医院|中心|站|所|队|支队|大队)|县直|市直|区直|直属|环比";

/* Data: an exception anywhere in the sentence before a statement (除网上申请外，未收到…申请; 除上年结转外，
 * 共收到…2件): the count leaves out what the table may hold. */
static const char *const except_words = "除[^。;!?]{0,20}?(?:以外|之外|外)";

/* Data: words anywhere in a statement's sentence before it (or in its clause) that make its count
 * one of another span than the report's year: part of the year (上半年, 第四季度, 1-6月, 12月份 —
 * not a date, 12月31日), a total over years (截至目前, 施行至今, 三年来, “十三五”期间, 2019年至2021年),
 * or a comparison with a year named in digits (较2020年受理的…6件). */
static const char *const other_span =
    "上半年|下半年|季度|(?:\\d|[一二三四五六七八九十])月(?!\\s*(?:\\d|[一二三四五六七八九十])+\\s*日)|月份|每月|月均|"
    "截至|截止|至今|迄今|年来|十[一二三四五]五|往年|前一年|上个年度|"
    "(?:(?:19|20)\\d{2}|[一二][〇零一二三四五六七八九]{3})\\s*年?度?\\s*(?:至|到|—|–|－|-|~|～)\\s*"
    "(?:(?:19|20)\\d{2}|[一二][〇零一二三四五六七八九]{3})|"
    "(?:较|比|与|同)\\s*(?:19|20)\\d{2}";

/* Data: 全X where X names an area. */
static const char *const area_words = "全(省|市|区|县|州|旗|盟|镇|乡|国)";

/* Data: another period named in words. */
static const char *const other_period = "上年(?!度?结转)|去年|前年|上一年(?!度?结转)";

/* The last character of the place a government's name stands for (洪泽区人民政府 → 区), or NULL. */
static const char *own_area_char(nb_arena *a, const char *agency)
{
    static const char *const organs[] = {"人民政府", "政府", "管理委员会", "管委会", NULL};
    if (!agency || !nb_agency_is_government(agency)) return NULL;
    size_t n = strlen(agency);
    for (int i = 0; organs[i]; i++) {
        size_t k = strlen(organs[i]);
        if (n > k && strcmp(agency + n - k, organs[i]) == 0) {
            n -= k;
            break;
        }
    }
    if (!n) return NULL;
    size_t k = prev_char(agency, n);
    return nb_strndup(a, agency + k, n - k);
}

/* Does [a, b) speak of an area wider than the report's own? */
static int other_area(const prose *p, size_t a, size_t b)
{
    static nb_re *re;
    size_t ov[4], at = a;
    const char *own = own_area_char(p->a, p->r->id.agency);
    while (at < b && nb_re_find(nb_re_once(&re, area_words), p->t.s, b, at, ov, 2)) {
        if (!own || strlen(own) != ov[3] - ov[2] || strncmp(own, p->t.s + ov[2], ov[3] - ov[2])) return 1;
        at = ov[1];
    }
    return 0;
}

/* Data: a period named as the one a statement is about — this year's words, another year's
 * words, or a year in digits or Chinese numerals (二〇二〇年) — and not as the term of a comparison (较上年, 比2022年, 与去年相比,
 * 同比): the last one before a number is the period the number is of. */
static const char *const period_marker =
    "(?<!较|比|与|同)(?:(本年度|本年|今年|全年)|(上年(?!度?结转)|去年|前年|上一年(?!度?结转))|(?<!\\d)((?:19|20)\\d{2})(?!\\d)(?!\\s*[-./])"
    "|(?<![〇零一二三四五六七八九])([一二][〇零一二三四五六七八九]{3})(?=\\s*年))";

/* The year a period_marker match names in digits (group 3) or in Chinese numerals (group 4,
 * 二〇二〇年): its value, or 0 when the match names it in words. */
static int marker_year(const char *s, const size_t *ov)
{
    if (ov[6] != (size_t)-1) return atoi(s + ov[6]);
    if (ov[8] == (size_t)-1) return 0;
    static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int y = 0;
    for (size_t i = ov[8]; i + 3 <= ov[9]; i += 3) {
        int d = 0;                                  /* 零 reads as 〇 */
        for (int k = 0; k < 10; k++)
            if (!memcmp(s + i, digits[k], 3)) d = k;
        y = 10 * y + d;
    }
    return y;
}

/* Does the statement name a period other than the report's year: another period in its clause
 * after the number (…21件，上年为30件 is the next clause's), or, as the last period named before
 * the number in its sentence, another year in digits or 上年/去年 (2022年，我局共收到…7件 is last
 * year's count although the year sits in the clause before; 上年度办结30件，本年度办结21件 — the 21 is
 * this year's). Digits inside the number [na, nb) itself are not a year. */
static int other_year(const prose *p, size_t a, size_t b, size_t na, size_t nb)
{
    static nb_re *re, *words;
    size_t ov[10], at = a;
    int last = 0;          /* 1 this period, 2 another, 0 none named */
    while (at < na && nb_re_find(nb_re_once(&re, period_marker), p->t.s, na, at, ov, 5)) {
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (ov[2] != (size_t)-1) last = 1;
        else if (ov[4] != (size_t)-1) last = 2;
        else last = marker_year(p->t.s, ov) == p->year ? 1 : 2;
    }
    if (last == 2) return 1;
    if (has(p, nb, b, nb_re_once(&words, other_period))) return 1;
    at = nb;
    while (at < b && nb_re_find(nb_re_once(&re, period_marker), p->t.s, b, at, ov, 5)) {
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        int y = marker_year(p->t.s, ov);
        if (y && y != p->year) return 1;
    }
    return 0;
}

/* The clause around a match. */
typedef struct clause {
    size_t a, b;
} clause;

static clause clause_of(const prose *p, size_t ma, size_t mb)
{
    return (clause){back_to_stop(p, ma, is_clause_end, 60), fwd_to_stop(p, mb, is_clause_end, 40)};
}

/* Is the count at [na, nb), whose clause ends at b, named as another period's anywhere in its
 * sentence (from `sentence`) up to its clause's end: another year or 上年 (other_year), or a span
 * other than the year (other_span)? */
static int names_another_period(const prose *p, size_t sentence, size_t b, size_t na, size_t nb)
{
    static nb_re *span;
    return has(p, sentence, b, nb_re_once(&span, other_span)) || other_year(p, sentence, b, na, nb);
}

/* Does the clause carry a word that changes what its count counts, or name another area? */
static int names_a_part(const prose *p, clause c)
{
    static nb_re *re;
    return has(p, c.a, c.b, nb_re_once(&re, veto_words)) || other_area(p, c.a, c.b);
}

/* Vetoes: words that change the count in its clause; another area in its clause; another period
 * anywhere in its sentence up to the clause's end ("2022年，我局共收到…7件" is last year's count
 * although the year sits in the clause before). */
static int vetoed(const prose *p, clause c, size_t na, size_t nb)
{
    static nb_re *except;
    size_t sentence = back_to_stop(p, c.a, is_sentence_end, 120);
    return names_a_part(p, c) || has(p, sentence, c.b, nb_re_once(&except, except_words)) ||
           names_another_period(p, sentence, c.b, na, nb);
}

/* Is the statement about information disclosure: 信息公开 (or 依申请) in its sentence before it or in
 * the `back` sentences before that? Other statements about 行政复议 may be the agency's general
 * casework; a bare 收到70件申请 needs its paragraph to be about 依申请公开. */
static int about_disclosure(const prose *p, size_t ma, size_t mb, int back)
{
    static nb_re *re;
    size_t s = back_to_stop(p, ma, is_sentence_end, 150);
    while (back-- > 0 && s > 0) s = back_to_stop(p, prev_char(p->t.s, s), is_sentence_end, 150);
    return has(p, s, mb, nb_re_once(&re, "信息公开|依申请|公开申请"));
}

static const char *quote(const prose *p, clause c)
{
    return nb_strndup(p->a, p->t.s + c.a, c.b - c.a);
}

static uint32_t page_of(const prose *p, size_t i)
{
    return nb_rules_page_at(p->r, p->t.at[i]);
}

/* ---- the table side ---- */

/* A count from a table cell: 1 with *v for a number read without doubt or a blank (a blank count
 * is 0, as the template has it); 0 when the cell is absent or not a count; -1 when it was read with
 * doubt. */
static int table_count(const nb_report *r, const char *table, const char *row, const char *col, long long *v)
{
    const nb_cell *c = nb_rules_cell(nb_rules_table(r, table), row, col);
    if (!c || c->kind == NB_CELL_ABSENT) return 0;
    if (!c->certain) return -1;
    if (c->kind == NB_CELL_BLANK) return *v = 0, 1;
    if (c->scale) return 0;
    *v = c->mant;
    return 1;
}

/* ---- matching statements ---- */

/* A count as prose writes it: digits, or Chinese numerals (二百五十二件, 两件), never the end of a
 * longer number, a range (3至5件) or an estimate (数十件, 几十件). The pattern's group; its value is
 * count_value's. */
#define NB_COUNT "(?<![\\d.至~\\-数几余多〇零一二三四五六七八九十百千万两])(\\d+|[〇零一二三四五六七八九十百千万两]+)"

/* The value of a count matched by NB_COUNT: digits, or Chinese numerals in their counted form
 * (三十五, 一百零五, 二千三百, 十二); -1 for a form that is not one number (二三十: twenty or thirty). */
static long long count_value(const char *s, size_t n)
{
    if (n && s[0] >= '0' && s[0] <= '9') return strtoll(s, NULL, 10);
    static const struct { const char *c; int v; } digit[] = {
        {"〇", 0}, {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4},
        {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9},
    };
    static const struct { const char *c; long long v; } unit[] = {{"十", 10}, {"百", 100}, {"千", 1000}, {"万", 10000}};
    long long total = 0, section = 0;
    int pending = -1;              /* a digit waiting for its unit */
    long long last_unit = 100000;  /* units fall from left to right (within 万) */
    for (size_t i = 0; i + 3 <= n; i += 3) {
        int d = -1;
        for (size_t k = 0; k < sizeof digit / sizeof digit[0] && d < 0; k++)
            if (!memcmp(s + i, digit[k].c, 3)) d = digit[k].v;
        if (d >= 0) {
            if (pending > 0) return -1;            /* 二三: two digits side by side */
            pending = d;
            continue;
        }
        long long u = 0;
        for (size_t k = 0; k < sizeof unit / sizeof unit[0] && !u; k++)
            if (!memcmp(s + i, unit[k].c, 3)) u = unit[k].v;
        if (!u) return -1;
        if (u == 10000) {
            total = (section + (pending > 0 ? pending : 0)) * 10000;
            section = 0, pending = -1, last_unit = 100000;
            continue;
        }
        if (u >= last_unit) return -1;
        section += (pending < 0 ? (u == 10 ? 1 : -1000000) : pending) * u;
        if (section < 0) return -1;
        pending = -1;
        last_unit = u;
    }
    return total + section + (pending > 0 ? pending : 0);
}

/* One statement found: the whole match, the number in it and its value. */
typedef struct stmt {
    size_t a, b, na, nb;
    size_t g1a, g1b;          /* group 1, for patterns that keep it for a word */
    int group;                /* the group the number was in (which alternative matched) */
    long long n;
    clause c;
} stmt;

/* Where, from at, a match of a pattern can first start when every match holds the literal lit and
 * spans none of 。,;:!? (the statement patterns below, each marked so): just after the last of
 * those before lit's next occurrence, since a match starting earlier would have to hold lit before
 * that occurrence; and the match, if any, ends by the end of that clause (*end). So the search
 * looks only at the clauses that hold lit, which was most of an audit's pattern-matching time.
 * (size_t)-1 when lit does not occur again. */
static size_t clause_of_next(const prose *p, size_t at, const char *lit, size_t *end)
{
    size_t n = strlen(lit);
    const char *q = memmem(p->t.s + at, p->t.n - at, lit, n);
    if (!q) return (size_t)-1;
    size_t i = (size_t)(q - p->t.s), k = first_end_from(&p->t, i);
    /* the clause starts after the last end before the literal (not before at), and stops at the
     * first end after it (the literal, Han words, holds none) */
    size_t start = at;
    if (k > 0) {
        size_t prev = p->t.ends[k - 1];
        size_t after = prev + ((unsigned char)p->t.s[prev] == 0xE3 ? 3 : 1);
        if (after > start) start = after;
    }
    size_t e = first_end_from(&p->t, i + n);
    *end = e < p->t.nends ? p->t.ends[e] : p->t.n;
    return start;
}

/* Find the next match of re from *at that passes the vetoes (and, when back >= 0, is about
 * information disclosure within `back` sentences before it). The number is the first group that
 * took part after group `first` (patterns with alternatives put it in a different group in each;
 * a pattern may keep group 1 for something else). lit, when not NULL: see clause_of_next. Returns
 * 1 and fills st. */
enum { STMT_GROUPS = 7 };

static int next_statement(const prose *p, size_t *at, nb_re *re, int back, int first, const char *lit,
                              stmt *st)
{
    size_t ov[2 * STMT_GROUPS];
    while (*at < p->t.n) {
        size_t end = p->t.n;
        if (lit) {
            size_t from = clause_of_next(p, *at, lit, &end);
            if (from == (size_t)-1) return 0;
            *at = from;
        }
        if (!nb_re_find(re, p->t.s, end, *at, ov, STMT_GROUPS)) {
            if (end == p->t.n) break;
            *at = end;                       /* none in this clause: on to lit's next one */
            continue;
        }
        *at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        st->a = ov[0], st->b = ov[1];
        st->na = st->nb = ov[0];
        st->g1a = ov[2], st->g1b = ov[3];
        st->group = 0;
        for (int g = first; g < STMT_GROUPS; g++)
            if (ov[2 * g] != (size_t)-1) {
                st->na = ov[2 * g], st->nb = ov[2 * g + 1];
                st->group = g;
                break;
            }
        st->n = st->nb > st->na ? count_value(p->t.s + st->na, st->nb - st->na) : 0;
        if (st->n < 0) continue;           /* not one number (二三十件) */
        st->c = clause_of(p, ov[0], ov[1]);
        if (vetoed(p, st->c, st->na, st->nb)) continue;
        if (back >= 0 && !about_disclosure(p, ov[0], ov[1], back)) continue;
        return 1;
    }
    return 0;
}

enum { ANY_TOPIC = -1 };

/* Does the statement's sentence hold another match of re, not named as another period's, whose
 * count differs from the statement's or whose clause names a part (本级, 各乡镇 …: vetoed for its scope)?
 * Then the sentence breaks a count down (本级受理3件，乡镇受理1件; 县政府办受理2件，各乡镇受理2件) and no
 * one of its counts can be tied with certainty to the table's total: say nothing of it. The same
 * count said twice (收到5件…办结5件) is still one claim, and last year's beside this year's
 * (上年度办结30件，本年度办结21件) leaves this year's compared. */
static int sentence_counts_differ(const prose *p, nb_re *re, int first, const stmt *st)
{
    size_t a = back_to_stop(p, st->a, is_sentence_end, 150), b = fwd_to_stop(p, st->b, is_sentence_end, 150);
    size_t ov[2 * STMT_GROUPS], at = a;
    while (at < b && nb_re_find(re, p->t.s, b, at, ov, STMT_GROUPS)) {
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        for (int g = first; g < STMT_GROUPS; g++) {
            size_t na = ov[2 * g], nb = ov[2 * g + 1];
            if (na == (size_t)-1) continue;
            clause c = clause_of(p, ov[0], ov[1]);
            if (na != st->na && nb > na &&
                (count_value(p->t.s + na, nb - na) != st->n || names_a_part(p, c)) &&
                !names_another_period(p, a, c.b, na, nb))
                return 1;
            break;
        }
    }
    return 0;
}

/* Report a statement that disagrees with the table: expected = the text's number, actual = the
 * table's. */
static nb_finding *add_disagreement(const prose *p, nb_findings *out, const char *rule, const char *table,
                                    const char *row, const stmt *st, long long said, long long counted)
{
    const char *e = nb_sprintf(p->a, "%lld", said), *c = nb_sprintf(p->a, "%lld", counted);
    nb_finding *x = nb_add_finding(out, rule, "", "", "", page_of(p, st->a), e, c);
    nb_finding_arg(out, x, "cell", nb_sprintf(p->a, "%s%s%s.total", table, *row ? "." : "", row));
    nb_finding_arg(out, x, "quote", quote(p, st->c));
    nb_finding_arg(out, x, "said", e);
    nb_finding_arg(out, x, "counted", c);
    return x;
}

/* ---- PROSE-NO-APPLICATIONS ---- */

/* Data: words that make a count of applications a part of the whole — by the applicant (收到自然人
 * 提出的政府信息公开申请15件) or by the channel (网上申请) — when they stand between the verb and the
 * number; or a count of more than applications (受理咨询和政府信息公开申请50件). Before 未收到…申请 in its
 * clause they make the zero a part's (网上平台未收到…申请, 当面申请4件). */
static const char *const applications_part =
    "自然人|法人|其他组织|企业|商业|科研|社会公益|法律服务|律师|个人|网上|网络|在线|当面|现场|信函|邮寄|"
    "传真|电子邮件|邮件|电话|咨询|留言|信访|投诉|举报|热线|诉求|来信|来电|来访";

/* Data: 未收到政府信息公开申请 (and not 未收到申请人补正材料, 未收到…申请的乡镇 — a relative clause
 * about someone — nor 未受理申请并告知…, how one request was treated). Every match holds 申请 and none
 * of 。,;:!? (clause_of_next): keep it so. */
static const char *const no_applications =
    "(?:未|没有)(?:收到|接到|受理)(?:过)?(?:任何)?(?:(?:政府)?信息公开|依申请公开)?申请(?![人书表材的并])";

/* Data: units counted before the statement (5个乡镇未收到…申请, 3家单位): some of them, not the report's
 * agency. */
static const char *const counted_units = "(?:\\d+|[一二三四五六七八九十两]+)\\s*(?:个|家)";

NB_CHECK(nb_check_prose_no_applications)
{
    (void)o;
    static nb_re *re;
    long long total;
    if (table_count(r, "t3", "new", "total", &total) != 1 || total <= 0) return;
    prose p = prose_of(r, out);
    size_t at = 0;
    stmt st;
    static nb_re *units, *part;
    while (next_statement(&p, &at, nb_re_once(&re, no_applications), ANY_TOPIC, 1, "申请", &st)) {
        if (has(&p, st.c.a, st.a, nb_re_once(&units, counted_units))) continue;
        /* 网上平台未收到…申请: none by one channel or from one kind of applicant, not none at all */
        if (has(&p, st.c.a, st.a, nb_re_once(&part, applications_part))) continue;
        add_disagreement(&p, out, "PROSE-NO-APPLICATIONS", "t3", "new", &st, 0, total);
        return;
    }
}

/* ---- PROSE-APPLICATIONS ---- */

/* What a count of applications in the text may stand for. The template has three quantities a
 * sentence can defensibly mean: 本年新收 (t3.new.total), 本年新收 + 上年结转 (everything on the
 * desk this year) and （七）总计 (everything concluded). Reports use all three: 平潭 2021 收到70件 is
 * its new requests, 上海市政府办公厅 2019 答复…805件（含上年度结转申请18件） its （七）总计. A statement
 * agreeing with any reading its verb allows is consistent. */
enum { READ_NEW = 1u << 0, READ_NEW_CARRIED = 1u << 1, READ_CONCLUDED = 1u << 2 };

/* Data: the verbs that state a count of applications, and the readings each allows. 新收 is the
 * table's own word for new requests; received/accepted may include the carried ones; handled,
 * concluded and answered may also be （七）总计. */
static const struct app_verb {
    const char *verb;
    unsigned    readings;
} app_verbs[] = {
    {"新收", READ_NEW},
    {"收到", READ_NEW | READ_NEW_CARRIED}, {"接收", READ_NEW | READ_NEW_CARRIED},
    {"接到", READ_NEW | READ_NEW_CARRIED}, {"受理", READ_NEW | READ_NEW_CARRIED},
    {"办理", READ_NEW | READ_NEW_CARRIED | READ_CONCLUDED}, {"处理", READ_NEW | READ_NEW_CARRIED | READ_CONCLUDED},
    {"办结", READ_NEW | READ_NEW_CARRIED | READ_CONCLUDED}, {"答复", READ_NEW | READ_NEW_CARRIED | READ_CONCLUDED},
};

/* Data: after the verb (group 1), the ways a report names the applications and their count:
 * 共收到政府信息公开申请21件, 共受理公开申请34件, 接收…各类政府信息公开申请共计81件; 受理申请12件 (a
 * bare 申请 straight after the verb, in a paragraph about disclosure); 办结依申请公开81件; 共收到70件
 * (政府信息公开)申请. The number is the first group from 2 that took part. Every match holds 申请 and
 * none of 。,;:!? (clause_of_next): keep it so. */
static const char *const app_objects =
    "(?:[^。;,:!?]{0,20}?公开申请(?:数)?(?:共计|共|合计|总计|为)?\\s*" NB_COUNT "\\s*件(?!以上)"
    "|(?:各类|的)?申请(?:共计|共|合计|总计|为)?\\s*" NB_COUNT "\\s*件(?!以上)"
    "|[^。;,:!?\\d]{0,6}?依申请公开(?:事项|案件)?(?:共计|共|合计|总计|为)?\\s*" NB_COUNT "\\s*件(?!以上)"
    "|\\s*" NB_COUNT "\\s*件(?:(?:政府信息公开|信息公开|依申请公开|公开)(?:的)?)?申请(?![人书表材]))";

/* The group of app_objects' second alternative, the bare 申请 (group 1 is the verb). */
enum { BARE_APPLICATIONS = 3 };

/* The statement pattern: (verb|verb|…) then app_objects, built once from the table above. */
static const char *applications_pattern(void)
{
    static char buf[1024];
    if (buf[0]) return buf;
    size_t o = (size_t)snprintf(buf, sizeof buf, "(");
    for (size_t i = 0; i < sizeof app_verbs / sizeof app_verbs[0]; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? "|" : "", app_verbs[i].verb);
    snprintf(buf + o, sizeof buf - o, ")%s", app_objects);
    return buf;
}

/* The readings the verbs of a statement allow: its own verb's, and those of every other verb between
 * it and the number (收到并办理…申请21件 may count what was handled). */
static unsigned verb_readings(const prose *p, const stmt *st)
{
    unsigned readings = 0;
    for (size_t i = 0; i < sizeof app_verbs / sizeof app_verbs[0]; i++) {
        size_t n = strlen(app_verbs[i].verb);
        if (st->g1b - st->g1a == n && !memcmp(p->t.s + st->g1a, app_verbs[i].verb, n)) readings |= app_verbs[i].readings;
        else if (st->na > st->g1b && memmem(p->t.s + st->g1b, st->na - st->g1b, app_verbs[i].verb, n))
            readings |= app_verbs[i].readings;
    }
    return readings ? readings : READ_NEW;
}

static int counts_a_part(const prose *p, const stmt *st)
{
    static nb_re *re;
    return has(p, st->a, st->na, nb_re_once(&re, applications_part));
}

/* Data: the sentence says its count includes the applications carried over from last year (not
 * 不含/未包括上年结转, which says the opposite). */
static const char *const includes_carried = "(?:(?<![不未])包括|(?<![不未])包含|(?<![不未包])含|其中)[^。;]{0,4}?上年(?:度)?结转";

static int is_sentence_or_semicolon(uint32_t c)
{
    return is_sentence_end(c) || c == ';';
}

/* From the clause's start to the end of its sentence or the next ';' (上海 2019: 受理…859件，…；答复…
 * 805件（含上年度结转申请18件）: the note belongs to the 805): does it say the count includes 上年结转? */
static int says_includes_carried(const prose *p, const stmt *st)
{
    static nb_re *re;
    return has(p, st->c.a, fwd_to_stop(p, st->b, is_sentence_or_semicolon, 60), nb_re_once(&re, includes_carried));
}

/* 结转 between the verb and the number: the count is (or includes) the carried applications. */
static int carried_in_statement(const prose *p, const stmt *st)
{
    static nb_re *re;
    return has(p, st->a, st->na, nb_re_once(&re, "结转"));
}

/* The table's side: each reading's value, read once per report. ok[i] is 1 when reading i has a
 * value, 0 when its cells are absent, -1 when one was read with doubt (nothing can be ruled out). */
typedef struct app_counts {
    long long v[3];
    int       ok[3];
} app_counts;

static const char *const reading_zh[3] = {"本年新收", "本年新收加上年结转", "（七）总计"};
static const char *const reading_en[3] = {"new requests", "new plus carried over", "(七) total"};

static app_counts app_counts_of(const nb_report *r)
{
    app_counts c = {{0, 0, 0}, {0, 0, 0}};
    long long fresh = 0, carried = 0, done = 0;
    int f = table_count(r, "t3", "new", "total", &fresh), k = table_count(r, "t3", "carried", "total", &carried),
        t = table_count(r, "t3", "total", "total", &done);
    if (k == 0) carried = 0, k = f;                          /* absent: none carried */
    c.v[0] = fresh, c.ok[0] = f;
    c.v[1] = fresh + carried, c.ok[1] = f < 0 || k < 0 ? -1 : f && k;
    c.v[2] = done, c.ok[2] = t;
    return c;
}

/* Does the statement agree with a reading it allows? 1 yes, 0 no, -1 cannot tell (a cell read with
 * doubt, or no reading it allows has a value). *first is the first reading compared. */
static int agrees(const app_counts *c, unsigned allowed, long long said, int *first)
{
    int any = 0;
    *first = -1;
    for (int i = 0; i < 3; i++) {
        if (!(allowed & (1u << i))) continue;
        if (c->ok[i] < 0) return -1;
        if (!c->ok[i]) continue;
        if (*first < 0) *first = i;
        any = 1;
        if (c->v[i] == said) return 1;
    }
    return any ? 0 : -1;
}

/* The readings compared, for the message: "本年新收 21、本年新收加上年结转 23". */
static void readings_arg(nb_findings *out, nb_finding *x, const app_counts *c, unsigned allowed)
{
    char zh[256] = "", en[256] = "";
    size_t oz = 0, oe = 0;
    for (int i = 0; i < 3; i++) {
        if (!(allowed & (1u << i)) || c->ok[i] != 1) continue;
        oz += (size_t)snprintf(zh + oz, sizeof zh - oz, "%s%s %lld", oz ? "、" : "", reading_zh[i], c->v[i]);
        oe += (size_t)snprintf(en + oe, sizeof en - oe, "%s%s %lld", oe ? ", " : "", reading_en[i], c->v[i]);
    }
    nb_finding_arg_tr(out, x, "readings", zh, en);
}

NB_CHECK(nb_check_prose_applications)
{
    (void)o;
    static nb_re *re;
    app_counts c = app_counts_of(r);
    /* no 本年新收 row: a table 3 read in part (its top lost over a page, or sideways) — the cells
     * that were read cannot be trusted to be where the total is */
    if (c.ok[0] == 0) return;
    if (c.ok[0] != 1 && c.ok[1] != 1 && c.ok[2] != 1) return;
    prose p = prose_of(r, out);
    size_t at = 0;
    stmt st;
    /* three sentences back: 收到70件申请 may close a paragraph that began with 依申请公开 */
    while (next_statement(&p, &at, nb_re_once(&re, applications_pattern()), 3, 2, "申请", &st)) {
        /* a bare 申请 (受理申请12件) says nothing of disclosure itself: its sentence or the one
         * before must (（二）依申请公开情况。…共受理申请12件) */
        if (st.group == BARE_APPLICATIONS && !about_disclosure(&p, st.a, st.b, 1)) continue;
        if (counts_a_part(&p, &st)) continue;
        unsigned allowed = verb_readings(&p, &st);
        /* the sentence says it counts the carried ones too: not the new requests alone */
        if (says_includes_carried(&p, &st)) allowed = READ_NEW_CARRIED | (allowed & READ_CONCLUDED);
        else if (carried_in_statement(&p, &st)) continue;
        int first;
        if (agrees(&c, allowed, st.n, &first) != 0) continue;
        if (sentence_counts_differ(&p, re, 2, &st)) continue;
        static const char *const cells[3] = {"t3.new.total", "t3.new.total+t3.carried.total", "t3.total.total"};
        nb_finding *x = add_disagreement(&p, out, "PROSE-APPLICATIONS", "t3", "new", &st, st.n, c.v[first]);
        nb_finding_arg(out, x, "cell", cells[first]);
        readings_arg(out, x, &c, allowed);
        return;
    }
}

/* ---- PROSE-REVIEW, PROSE-LITIGATION ---- */

/* Between a count and the kind of case it counts: "涉及政府信息公开工作的", "被申请", "提起" — and
 * nothing else, so that "行政复议案件2件、行政诉讼案件7件" never reads as 2 lawsuits. */
#define DISCLOSURE_CASE "(?:(?:涉及|因|有关|关于)[^。;,:!?\\d、]{0,14}?的)?(?:被申请|被提起|提起的?)?"

/* Data: 行政复议案件2件; 被申请行政复议1件; 1件涉及政府信息公开工作的行政复议. Every match holds
 * 行政复议 and none of 。,;:!? (check_case_count skips clauses by it): keep it so. */
static const char *const reviews =
    "行政复议(?:案件|申请)?(?:共计|共|合计|为)?\\s*" NB_COUNT "\\s*(?:件|起|宗)"
    "|" NB_COUNT "\\s*(?:件|起|宗)" DISCLOSURE_CASE "行政复议(?!决定|机关|后)";

/* Data: 行政诉讼案件7件; 涉及的行政诉讼数为0件; 被提起行政诉讼2起. Every match holds 行政诉讼 and
 * none of 。,;:!? (as reviews). */
static const char *const lawsuits =
    "行政诉讼(?:案件|数)?(?:共计|共|合计|为)?\\s*" NB_COUNT "\\s*(?:件|起|宗)"
    "|" NB_COUNT "\\s*(?:件|起|宗)" DISCLOSURE_CASE "行政诉讼";

/* Data: a count naming only one kind of lawsuit (未经复议直接起诉 / 复议后起诉) is a part, not the
 * whole; a count of both kinds of case together (行政复议和行政诉讼共3件) is neither — but a count between
 * them, in digits or numerals, is the first kind's (行政诉讼八件、被申请行政复议0件). */
static const char *const partial_or_joined =
    "未经复议|直接起诉|复议后"
    "|行政复议[^。;,:\\d〇零一二三四五六七八九十百千两]{0,6}?(?:和|及|与|、|或)[^。;,:\\d]{0,4}?行政诉讼"
    "|行政诉讼[^。;,:\\d〇零一二三四五六七八九十百千两]{0,6}?(?:和|及|与|、|或)[^。;,:\\d]{0,4}?行政复议";

/* Data: the report's agency speaking as the organ that decides reconsiderations (本机关作为行政复议机关
 * 审理…案件35件) or of its casework at large (办理行政复议案件120件): not cases brought against it
 * over disclosure. */
static const char *const reviewer_role = "复议机关|审理|(?:受理|办理|收到)[^。;,:\\d]{0,6}?行政复议(?:案件|申请)";

/* What a count of cases in the text may stand for: each reading a table value, with its cells and
 * its name for the message. A count agreeing with any reading is consistent (as for applications). */
typedef struct case_reading {
    long long   v;
    const char *cell, *zh, *en;
} case_reading;

static void readings_of_cases(nb_findings *out, nb_finding *x, const case_reading *rd, int n)
{
    char zh[256] = "", en[256] = "";
    size_t oz = 0, oe = 0;
    for (int i = 0; i < n; i++) {
        oz += (size_t)snprintf(zh + oz, sizeof zh - oz, "%s%s %lld", oz ? "、" : "", rd[i].zh, rd[i].v);
        oe += (size_t)snprintf(en + oe, sizeof en - oe, "%s%s %lld", oe ? ", " : "", rd[i].en, rd[i].v);
    }
    nb_finding_arg_tr(out, x, "readings", zh, en);
}

static void check_case_count(const nb_report *r, nb_findings *out, const char *rule, const char *pattern,
                             const char *lit, nb_re **slot, const case_reading *rd, int nrd, const char *row)
{
    static nb_re *part, *role, *carried;
    prose p = prose_of(r, out);
    size_t at = 0;
    stmt st;
    while (next_statement(&p, &at, nb_re_once(slot, pattern), 1, 1, lit, &st)) {
        if (has(&p, st.c.a, st.c.b, nb_re_once(&part, partial_or_joined))) continue;
        if (has(&p, st.c.a, st.c.b, nb_re_once(&role, reviewer_role))) continue;
        if (st.nb == st.na) continue;
        /* 上年结转的行政复议案件1件: a case of another year's, which table 4 may not count */
        if (has(&p, st.c.a, st.c.b, nb_re_once(&carried, "结转"))) continue;
        int agrees_one = 0;
        for (int i = 0; i < nrd && !agrees_one; i++) agrees_one = st.n == rd[i].v;
        if (agrees_one) continue;
        if (sentence_counts_differ(&p, *slot, 1, &st)) continue;
        nb_finding *x = add_disagreement(&p, out, rule, "t4", row, &st, st.n, rd[0].v);
        nb_finding_arg(out, x, "cell", rd[0].cell);
        readings_of_cases(out, x, rd, nrd);
        return;
    }
}

NB_CHECK(nb_check_prose_review)
{
    (void)o;
    static nb_re *re;
    long long total;
    if (table_count(r, "t4", "review", "total", &total) != 1) return;
    const case_reading rd[] = {{total, "t4.review.total", "行政复议总计", "reconsiderations in all"}};
    check_case_count(r, out, "PROSE-REVIEW", reviews, "行政复议", &re, rd, 1, "review");
}

/* A count of lawsuits is both kinds together, or the direct ones alone: a suit brought after a
 * reconsideration is counted by some reports with the reconsideration it followed. */
NB_CHECK(nb_check_prose_litigation)
{
    (void)o;
    static nb_re *re;
    long long direct, after;
    if (table_count(r, "t4", "suit_direct", "total", &direct) != 1 ||
        table_count(r, "t4", "suit_after_review", "total", &after) != 1)
        return;
    const case_reading rd[] = {
        {direct + after, "t4.suit_direct.total+t4.suit_after_review.total", "两类行政诉讼之和", "both kinds of lawsuit"},
        {direct, "t4.suit_direct.total", "未经复议直接起诉", "direct lawsuits"},
    };
    check_case_count(r, out, "PROSE-LITIGATION", lawsuits, "行政诉讼", &re, rd, after ? 2 : 1, "");
}

/* ---- PROSE-FEE ---- */

/* Data: the report says no information-processing fee was charged. Every match holds 费 and none
 * of 。,;:!? (clause_of_next): keep it so. */
static const char *const no_fee =
    "(?:未|没有|无|不)(?:收取|发生|产生)(?:任何)?(?:政府信息公开)?(?:信息处理费|收费)"
    "|(?:收取|收缴)(?:政府信息公开)?信息处理费(?:共计|共|合计|为)?\\s*0(?:\\.0+)?\\s*(?:万)?元"
    "|信息处理费(?:收入|收费)?(?:共计|共|合计|为)?\\s*0(?:\\.0+)?\\s*(?:万)?元";

/* Data: it states an amount charged. Every match holds 信息处理费 and none of 。,;:!?: keep it so. */
static const char *const fee_charged =
    "(?<![未无不有])(?:收取|收缴)(?:政府信息公开)?信息处理费(?:共计|共|合计|为)?\\s*(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(?:万)?元"
    "|信息处理费(?:收入|收费)(?:共计|共|合计|为)?\\s*(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(?:万)?元";

/* Data: a rate or a rule, not an amount charged. */
static const char *const fee_rate = "标准|按|每|超出|收费办法|管理办法";

/* The first statement of a positive amount charged, not a rate. */
static int find_fee_charged(const prose *p, stmt *st)
{
    static nb_re *re, *rate;
    size_t at = 0;
    while (next_statement(p, &at, nb_re_once(&re, fee_charged), ANY_TOPIC, 1, "信息处理费", st)) {
        double v = st->nb > st->na ? strtod(p->t.s + st->na, NULL) : 0;
        if (v > 0 && !has(p, st->c.a, st->c.b, nb_re_once(&rate, fee_rate))) return 1;
    }
    return 0;
}

NB_CHECK(nb_check_prose_fee)
{
    (void)o;
    static nb_re *re;
    prose p = prose_of(r, out);
    size_t at = 0;
    stmt none, some;
    if (!next_statement(&p, &at, nb_re_once(&re, no_fee), ANY_TOPIC, 1, "费", &none) ||
        !find_fee_charged(&p, &some))
        return;
    /* the amount as printed, with its unit: "200元", "0.5万元" */
    const char *amount = nb_strndup(p.a, p.t.s + some.na, some.b - some.na);
    nb_finding *x = nb_add_finding(out, "PROSE-FEE", "", "", "", page_of(&p, some.a), "0", amount);
    nb_finding_arg(out, x, "none", quote(&p, none.c));
    nb_finding_arg(out, x, "charged", quote(&p, some.c));
    nb_finding_arg(out, x, "amount", amount);
}
