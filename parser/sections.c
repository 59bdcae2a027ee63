/*
 * parser/sections.c — the stream, the six sections and the report's identity.
 *
 * Sections are found in order: each heading is searched from where the previous one was found, so
 * that a mention of a later part in the introduction (本报告包括总体情况、主动公开…) or a sub-heading
 * such as （一）主动公开政府信息情况 inside 一、总体情况 is not taken for the heading itself. A heading
 * is a Chinese numeral with 、 (or 第N部分) followed, within a few characters, by the section's key
 * words; the numeral itself is not checked against the section, because department reports renumber.
 *
 * Identity: the title is looked for in a crawler's header (标题:), then in the first lines of the
 * body, then in the PDF's Title; both word orders occur (招远市工信局2023年… and 2019年上海市…).
 * The signature is the last date standing alone on a line at the end of the report, with the line
 * before it as the signing agency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "report.h"
#include "utf8.h"

static const char *const section_names[NB_NSECTIONS] = {
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
};

/* Data: the words of each part's heading after its number — the template's, and the variants real
 * reports print (an alternation is built of each list; (?s) lets a heading wrap a line). Between
 * the number and these words an optional 政府信息公开工作 is allowed (五、政府信息公开工作存在的主要问
 * 题及改进情况). Adding a variant is one string here. */
#define NB_MAX_VARIANTS 10
static const char *const section_variants[NB_NSECTIONS][NB_MAX_VARIANTS] = {
    /* 一、总体情况 / 概述 / 概况 / 总述 / 基本情况 / 工作概述 / 年度工作概况 / 总体工作情况 */
    {"总体情况", "总体概况", "基本情况", "总体工作情况", "总述", "(?:年度)?(?:工作)?(?:概述|概况)", NULL},
    /* 二、主动公开政府信息情况 / 主动公开政府信息 / 主动公开情况 / 主动公开政府信息工作开展情况 / 主动公开 */
    {"主动公开政府信息(?:的)?(?:工作)?(?:开展)?(?:情况)?", "主动公开(?:工作)?(?:情况)?", NULL},
    /* not a bare 政府信息公开申请情况: 上海市科委 2024 heads its narrative part 四 so, and then prints
     * the template's tables under their own 二、收到和处理… heading, where part 三 must start */
    {"收到和处理政府信息公开申请(?:的)?情况", "收到和处理政府信息公开申请",
     "政府信息公开申请(?:的)?(?:办理|收到和处理|受理和处理)情况", "受理和处理政府信息公开申请(?:的)?情况",
     "依申请公开(?:政府信息)?(?:工作)?(?:的)?(?:情况)?", NULL},
    /* 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况; a typo 行政法复议 */
    {"[^。\n]{0,16}?行政法?复议[^。]{0,10}?行政诉讼(?:的)?(?:情况)?", NULL},
    /* 五、存在的主要问题及改进情况 / …及明年工作计划 / 存在的不足和改进措施 */
    {"[^。\n]{0,14}?主要问题(?:及|和|与)?[^。\n]{0,3}?(?:改进|整改)(?:情况|措施)?",
     "[^。\n]{0,14}?(?:问题|不足)[^。\n]{0,12}?(?:改进|整改|工作计划|计划|打算|工作思路|思路|安排|举措|措施|方向)",
     NULL},
    /* 六、其他需要报告的事项 / …说明的情况 / 需要说明的其他事项 / 其他事项 / 其他 (then a space or the line's end) */
    {"其他需要报告的事项", "其他需要报告事项", "其他需报告的事项", "其他需要(?:说明|报告)的?(?:有关)?(?:事项|情况)",
     "其他(?:有关)?事项", "需要?(?:说明|报告)的其他(?:有关)?(?:事项|情况)", "其他(?=\\s|$)", NULL},
};

/* Data: a part printed without a numbered heading of its own, found by its sub-headings where the
 * numbered heading is missing, between the parts found before and after it (上海市科委 2024:
 * （一）主要问题 … （二）改进情况 between 三、…行政诉讼情况 and 五、其他需要报告的事项). NULL: none. */
static const char *const section_unnumbered[NB_NSECTIONS] = {
    NULL, NULL, NULL, NULL,
    "(?s)\\((?:一|1)\\)\\s*(?:存在的)?(?:主要)?问题.{0,600}?\\((?:二|2)\\)\\s*(?:改进|整改)(?:情况|措施)",
    NULL,
};

const char *nb_section_name(int k)
{
    return k >= 0 && k < NB_NSECTIONS ? section_names[k] : "";
}

static void build_stream(nb_report *r)
{
    nb_doc *d = r->doc;
    size_t total = 1;
    for (uint32_t i = 0; i < d->nlines; i++) total += d->lines[i].norm.len + 1;
    char *t = nb_alloc(&d->arena, total);
    size_t *starts = nb_alloc(&d->arena, ((size_t)d->nlines + 1) * sizeof *starts);
    size_t o = 0;
    for (uint32_t i = 0; i < d->nlines; i++) {
        const nb_line *l = &d->lines[i];
        starts[i] = o;
        if (!(l->flags & (NB_LINE_FURNITURE | NB_LINE_RULE))) {
            memcpy(t + o, l->norm.text, l->norm.len);
            o += l->norm.len;
        }
        t[o++] = '\n';
    }
    starts[d->nlines] = o;
    t[o] = '\0';
    r->stream.text = t;
    r->stream.len = o;
    r->stream.line_start = starts;
}

void nb_stream_locate(const nb_stream *s, uint32_t nlines, size_t at, uint32_t *line, uint32_t *off)
{
    uint32_t lo = 0, hi = nlines;           /* last line whose start <= at */
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (s->line_start[mid] <= at) lo = mid;
        else hi = mid;
    }
    *line = lo;
    *off = (uint32_t)(at - s->line_start[lo]);
}

/* ---- sections ---- */

/* The numbering a heading starts with: a numeral + 、 (or 第N部分), not preceded by another numeral
 * (二十、 is not 十、). Each section's pattern is this, then its own words. */
#define NB_HEADING_NUMBER \
    "(?<![一二三四五六七八九十])(?:[一二三四五六七八九十]{1,2}\\s*[、.,]|第[一二三四五六七八九十]部分\\s*[、.,:]?)"

/* Where a heading could start: the matches of the numbering, found in one pass as far as they
 * are asked for. Searching the stream with each section's whole pattern took six passes over a
 * report, and those scans were a quarter of all pattern matching in a batch of text reports;
 * trying each pattern, anchored (\G), only where a numbering starts finds the same first match. */
typedef struct starts {
    const char *s;
    size_t      n, scanned;          /* the numbering's matches in s[0..scanned) are in at */
    nb_vec      at;                  /* size_t offsets, ascending */
} starts;

/* Is the three-byte character at s one of 一二三四五六七八九十 or 第 (what a heading number can
 * start with)? Compared as bytes: the unanchored pattern, trying every position of a report, was
 * itself the costliest pattern of a batch. */
static int is_numeral3(const unsigned char *s)
{
    switch (((uint32_t)s[0] << 16) | ((uint32_t)s[1] << 8) | s[2]) {
    case 0xE4B880: case 0xE4BA8C: case 0xE4B889: case 0xE59B9B: case 0xE4BA94:   /* 一二三四五 */
    case 0xE585AD: case 0xE4B883: case 0xE585AB: case 0xE4B99D: case 0xE58D81:   /* 六七八九十 */
    case 0xE7ACAC:                                                                /* 第 */
        return 1;
    }
    return 0;
}

/* The i-th start, scanning on for it if need be; (size_t)-1 when there is none. A start is a
 * position where the numbering matches, anchored; it is tried only where a numeral stands. */
static size_t start_at(starts *st, size_t i)
{
    static nb_re *re;
    nb_re *num = nb_re_once(&re, "(?s)\\G" NB_HEADING_NUMBER);
    while (st->at.len <= i && st->scanned < st->n) {
        const unsigned char *s = (const unsigned char *)st->s;
        size_t at = st->scanned, ov[2];
        /* character by character (the text is valid UTF-8): ASCII a byte, three-byte ones whole */
        while (at < st->n) {
            if (s[at] >= 0xE0 && s[at] < 0xF0 && at + 3 <= st->n) {
                if (is_numeral3(s + at)) break;
                at += 3;
            } else {
                at++;
            }
        }
        if (at >= st->n) {
            st->scanned = st->n;
            break;
        }
        if (nb_re_find(num, st->s, st->n, at, ov, 1)) *(size_t *)nb_vec_push(&st->at) = at;
        st->scanned = at + 3;                /* the next start may lie inside this match */
    }
    return i < st->at.len ? ((const size_t *)st->at.data)[i] : (size_t)-1;
}

/* Where an unfound part k can lie: from the body of the found part before it (or the start) to the
 * head of the found part after it (or the end). 0 when that is empty. */
static int section_gap(const nb_report *r, int k, size_t *from, size_t *to)
{
    *from = 0;
    *to = r->stream.len;
    for (int j = k - 1; j >= 0; j--)
        if (r->sec[j].found) { *from = r->sec[j].body; break; }
    for (int j = k + 1; j < NB_NSECTIONS; j++)
        if (r->sec[j].found) { *to = r->sec[j].head; break; }
    return *from < *to;
}

/* A part without a numbered heading (section_unnumbered), looked for between the parts found
 * around it. */
static void find_unnumbered_sections(nb_report *r)
{
    static nb_re *re[NB_NSECTIONS];
    const char *s = r->stream.text;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (r->sec[k].found || !section_unnumbered[k]) continue;
        size_t from, to, ov[2];
        if (!section_gap(r, k, &from, &to)) continue;
        if (!re[k]) {
            static char spread[NB_NSECTIONS][1024];      /* the pattern cache keeps the text */
            nb_pattern_spread(section_unnumbered[k], spread[k], sizeof spread[k]);
            re[k] = nb_re_get(spread[k]);
        }
        if (!nb_re_find(re[k], s, to, from, ov, 1)) continue;
        nb_section *sec = &r->sec[k];
        sec->found = 1;
        sec->head = ov[0];
        sec->body = ov[0];            /* the sub-headings are the part's own text */
        sec->heading = "";
    }
}

/* The words of part k's heading as one alternation (section_variants), spread for letter-spacing. */
static void section_words(int k, char *spread, size_t cap)
{
    char alts[1024];
    size_t o = 0;
    for (int v = 0; v < NB_MAX_VARIANTS && section_variants[k][v]; v++)
        o += (size_t)snprintf(alts + o, sizeof alts - o, "%s%s", v ? "|" : "", section_variants[k][v]);
    nb_pattern_spread(alts, spread, cap);
}

static int record_section(nb_report *r, int k, const size_t *ov)
{
    nb_section *sec = &r->sec[k];
    sec->found = 1;
    sec->head = ov[0];
    sec->body = ov[1];
    sec->heading = nb_strndup(&r->doc->arena, r->stream.text + ov[0], ov[1] - ov[0]);
    return 1;
}

/* The parts under the template's numbering (一、 / 第一部分), in order; returns how many were found. */
static int find_numbered_sections(nb_report *r)
{
    static nb_re *re[NB_NSECTIONS];
    static char src[NB_NSECTIONS][2560];
    const char *s = r->stream.text;
    size_t n = r->stream.len, from = 0, next = 0;
    int count = 0;
    starts st = {s, n, 0, {0}};
    nb_vec_init(&st.at, sizeof(size_t));
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!re[k]) {
            char spread[2048];
            section_words(k, spread, sizeof spread);
            snprintf(src[k], sizeof src[k], "(?s)\\G" NB_HEADING_NUMBER "\\s*(?:政府信息公开工作)?(?:%s)", spread);
            re[k] = nb_re_get(src[k]);
        }
        size_t ov[2], at;
        int found = 0;
        while ((at = start_at(&st, next)) != (size_t)-1 && at < from) next++;
        for (size_t i = next; !found && (at = start_at(&st, i)) != (size_t)-1; i++)
            found = nb_re_find(re[k], s, n, at, ov, 1);
        if (found) {
            count += record_section(r, k, ov);
            from = ov[1];
        }
    }
    nb_vec_free(&st.at);
    return count;
}

/* Data: the other numberings reports give their six parts — （一） (with 1． under it) and 1. / 1、
 * (with （1） under it), anywhere the section's words follow (a flattened page has no lines, and runs a
 * table's last number into the heading: …收费28.2704253. 收到和处理…). Tried only when the template's numbering
 * leaves parts unfound; a report is read in the one numbering that finds the most parts, so that
 * the （一）主动公开 / （二）依申请公开 sub-headings of 一、总体情况 are never taken for parts of a
 * report numbered 一、. */
enum { NB_ALT_NUMBERINGS = 2 };
static const char *const alt_numbering[NB_ALT_NUMBERINGS] = {
    "(?<![一二三四五六七八九十])\\([一二三四五六七八九十]{1,2}\\)",
    "(?<![.])[1-9]\\s*[.、](?![0-9])",
};

/* The parts under alternative numbering a, in order, into sec (not r->sec); how many were found. */
static int find_sections_numbered(const nb_report *r, int a, nb_section *sec, size_t *ovs)
{
    static nb_re *re[NB_ALT_NUMBERINGS][NB_NSECTIONS];
    static char src[NB_ALT_NUMBERINGS][NB_NSECTIONS][2560];
    size_t from = 0;
    int count = 0;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!re[a][k]) {
            char spread[2048];
            section_words(k, spread, sizeof spread);
            snprintf(src[a][k], sizeof src[a][k], "%s\\s*(?:政府信息公开工作)?(?:%s)", alt_numbering[a], spread);
            re[a][k] = nb_re_get(src[a][k]);
        }
        size_t ov[2];
        if (!nb_re_find(re[a][k], r->stream.text, r->stream.len, from, ov, 1)) continue;
        sec[k].found = 1;
        ovs[2 * k] = ov[0];
        ovs[2 * k + 1] = ov[1];
        from = ov[1];
        count++;
    }
    return count;
}

/* A part the report's numbering left unfound, looked for in any numbering between the parts found
 * around it: a part copied from another report keeps that report's heading (（五）存在的主要问题… in a
 * report numbered 一、, 5. in one numbered （一）). Stricter than the numbering's own search, since
 * sub-headings are numbered too: the heading starts its line (or, on a page flattened to one line,
 * follows a sentence's end) and bears the part's own number (（二）依申请公开 under 一、总体情况 is not
 * part 三). */
static void find_sections_other_numbering(nb_report *r)
{
    static const char *const cn[NB_NSECTIONS] = {"一", "二", "三", "四", "五", "六"};
    static nb_re *re[NB_NSECTIONS];
    static char src[NB_NSECTIONS][2560];
    const char *s = r->stream.text;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (r->sec[k].found) continue;
        size_t from, to, ov[4];
        if (!section_gap(r, k, &from, &to)) continue;
        if (!re[k]) {
            char spread[2048];
            section_words(k, spread, sizeof spread);
            snprintf(src[k], sizeof src[k],
                     "(?m)(?:^|(?<=[。;；]))\\h*((?:%s\\s*[、.,]|第%s部分\\s*[、.,:]?|\\(%s\\)|%d\\s*[.、](?![0-9]))\\s*(?:政府信息公开工作)?(?:%s))",
                     cn[k], cn[k], cn[k], k + 1, spread);
            re[k] = nb_re_get(src[k]);
        }
        if (nb_re_find(re[k], s, to, from, ov, 2)) record_section(r, k, ov + 2);
    }
}

static void find_sections(nb_report *r)
{
    int best = find_numbered_sections(r), best_alt = -1;
    size_t ovs[NB_ALT_NUMBERINGS][2 * NB_NSECTIONS];
    nb_section alt[NB_ALT_NUMBERINGS][NB_NSECTIONS];
    memset(alt, 0, sizeof alt);
    for (int a = 0; best < NB_NSECTIONS && a < NB_ALT_NUMBERINGS; a++) {
        int c = find_sections_numbered(r, a, alt[a], ovs[a]);
        if (c > best) { best = c; best_alt = a; }
    }
    if (best_alt >= 0) {
        memset(r->sec, 0, sizeof r->sec);
        for (int k = 0; k < NB_NSECTIONS; k++)
            if (alt[best_alt][k].found) record_section(r, k, ovs[best_alt] + 2 * k);
    }
    if (best < NB_NSECTIONS) find_sections_other_numbering(r);
    find_unnumbered_sections(r);
    /* each found section ends where the next found one starts */
    size_t end = r->stream.len;
    for (int k = NB_NSECTIONS - 1; k >= 0; k--) {
        if (!r->sec[k].found) continue;
        r->sec[k].end = end;
        end = r->sec[k].head;
    }
}

/* ---- dates ---- */

static int cn_digit(uint32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: case 0x25CB: case 'O': case 'o': case '0': return 0;   /* 〇 零 ○ */
    case 0x4E00: return 1; case 0x4E8C: return 2; case 0x4E09: return 3; case 0x56DB: return 4;
    case 0x4E94: return 5; case 0x516D: return 6; case 0x4E03: return 7; case 0x516B: return 8;
    case 0x4E5D: return 9;
    }
    return -1;
}

/* A number in Arabic digits, digit-by-digit Chinese (二〇二四) or counted Chinese (二十一). */
static int parse_number(const char *s, size_t n)
{
    int v = 0, any = 0, counted = 0, tens = -1;
    size_t i = 0;
    while (i < n) {
        int len;
        uint32_t c = nb_utf8_decode(s + i, n - i, &len);
        i += (size_t)len;
        if (c == ' ') continue;
        if (c >= '0' && c <= '9') { v = v * 10 + (int)(c - '0'); any = 1; continue; }
        if (c == 0x5341) {                     /* 十 */
            tens = any ? v : 1;
            v = 0;
            any = 1;
            counted = 1;
            continue;
        }
        int dgt = cn_digit(c);
        if (dgt < 0) return -1;
        v = v * 10 + dgt;
        any = 1;
    }
    if (!any) return -1;
    if (counted) return tens * 10 + v;
    return v;
}

/* Data: a date in digits with one separator throughout (2024-01-05, 2024.1.5, 2024/1/5), as
 * signatures and CMS boxes print it; the year first, never a day-first form. */
#define NB_NUM_DATE_RE "((?:19|20)\\d{2})\\s*([-./])\\s*(\\d{1,2})\\s*\\g{-2}\\s*(\\d{1,2})(?!\\d)"

int nb_parse_date(const char *text, size_t n, int *y, int *m, int *d)
{
    static nb_re *re, *num;
    size_t ov[10];
    if (!nb_re_find(nb_re_once(&re, "((?:19|20)\\d{2}|[〇零○O一二三四五六七八九]{4})\\s*年\\s*"
                                    "(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*"
                                    "(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号]"),
                    text, n, 0, ov, 4)) {
        if (!nb_re_find(nb_re_once(&num, NB_NUM_DATE_RE), text, n, 0, ov, 5)) return 0;
        *y = parse_number(text + ov[2], ov[3] - ov[2]);
        *m = parse_number(text + ov[6], ov[7] - ov[6]);
        *d = parse_number(text + ov[8], ov[9] - ov[8]);
        return *y > 0 && *m >= 0 && *d >= 0;
    }
    *y = parse_number(text + ov[2], ov[3] - ov[2]);
    *m = parse_number(text + ov[4], ov[5] - ov[4]);
    *d = parse_number(text + ov[6], ov[7] - ov[6]);
    return *y > 0 && *m >= 0 && *d >= 0;
}

int nb_date_valid(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

static void set_date(nb_report *r, nb_date *out, const char *s, size_t a, size_t b)
{
    int y, m, d;
    if (!nb_parse_date(s + a, b - a, &y, &m, &d)) return;
    out->found = 1;
    out->y = y;
    out->m = m;
    out->d = d;
    out->at = a;
    out->text = nb_strndup(&r->doc->arena, s + a, b - a);
}

/* ---- identity ---- */

/* A title found in some text: where it starts and ends, its agency and year (offsets in that text). */
typedef struct title_match {
    size_t at, end, aa, ab, ya, yb;
} title_match;

/* Title words: agency then year, or year then agency, then 政府信息公开…年度报告; or the year and
 * those words with no agency (2023年政府信息公开工作年度报告: then aa == ab, and the agency is looked for
 * elsewhere); or the agency, the words and the year after them (…局政府信息公开工作2023年度报告). The
 * year may be written in Chinese numerals (二〇二三年); 关于 before the agency or the year and 的
 * before 年度报告 are not part of either (…局关于2023年政府信息公开工作的年度报告). The agency is never
 * the start of 政府信息公开 itself. */
#define NB_TITLE_YEAR "((?:19|20)\\d{2}|[〇零○O一二三四五六七八九]{4})"
#define NB_TITLE_AGENCY "([^\\s\\d:：,，。;；()《》\"]{2,40}?)"
#define NB_TITLE_WORDS "(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:的)?\\s*(?:年度)?\\s*(?:报告|年报)"
static int find_title_words(const char *s, size_t n, title_match *m)
{
    static nb_re *agency_first, *year_first, *no_agency, *year_after;
    size_t ov[6];
    if (nb_re_find(nb_re_once(&agency_first, "(?<![^\\s:：>])(?:关于)?" NB_TITLE_AGENCY "\\s*(?:关于)?\\s*" NB_TITLE_YEAR
                                             "\\s*年度?\\s*(?:度\\s*)?" NB_TITLE_WORDS),
                   s, n, 0, ov, 3)) {
        *m = (title_match){ov[0], ov[1], ov[2], ov[3], ov[4], ov[5]};
        return 1;
    }
    if (nb_re_find(nb_re_once(&year_first, "(?:关于)?" NB_TITLE_YEAR "\\s*年度?\\s*(?!(?:政府)?信息公开|政务公开)"
                                           NB_TITLE_AGENCY "\\s*" NB_TITLE_WORDS),
                   s, n, 0, ov, 3)) {
        *m = (title_match){ov[0], ov[1], ov[4], ov[5], ov[2], ov[3]};
        return 1;
    }
    if (nb_re_find(nb_re_once(&no_agency, NB_TITLE_YEAR "\\s*年度?\\s*" NB_TITLE_WORDS), s, n, 0, ov, 2)) {
        *m = (title_match){ov[0], ov[1], ov[0], ov[0], ov[2], ov[3]};
        return 1;
    }
    if (nb_re_find(nb_re_once(&year_after, "(?<![^\\s:：>])(?:关于)?" NB_TITLE_AGENCY "\\s*(?:政府信息公开|政务公开|信息公开)"
                                           "(?:工作)?\\s*" NB_TITLE_YEAR "\\s*年度?\\s*(?:工作)?\\s*(?:报告|年报)"),
                   s, n, 0, ov, 3)) {
        *m = (title_match){ov[0], ov[1], ov[2], ov[3], ov[4], ov[5]};
        return 1;
    }
    return 0;
}

/* Take a title match as the report's identity. map[i], when not NULL, is the stream offset of
 * s[i] (a title joined from several lines); else s[i] is at base + i. */
static void set_title(nb_report *r, const char *s, const title_match *m, size_t base, const size_t *map,
                      const char *source)
{
    r->id.agency = m->ab > m->aa ? nb_strndup(&r->doc->arena, s + m->aa, m->ab - m->aa) : NULL;
    r->id.year = parse_number(s + m->ya, m->yb - m->ya);          /* 2023 or 二〇二三 */
    if (r->id.year < 0) r->id.year = 0;
    r->id.title = nb_strndup(&r->doc->arena, s + m->at, m->end - m->at);
    r->id.title_source = source;
    r->id.title_at = map ? map[m->at] : base + m->at;
    r->id.title_end = map ? map[m->end - 1] + 1 : base + m->end;
}

static int match_title(nb_report *r, const char *s, size_t n, size_t base, const char *source)
{
    title_match m;
    if (!find_title_words(s, n, &m)) return 0;
    set_title(r, s, &m, base, NULL, source);
    return 1;
}

/* A publication date written 2023-02-20 15:07, 2023/2/20, 2023.02.20 or 2023年2月20日 at the start of
 * s[a, b): the report's publication date, unless an earlier source gave one (the callers go from
 * the most direct source to the least: a page's meta tag, a crawler's header, a line of the page,
 * the PDF's creation date). source is what documents.csv says (published_source). */
static void set_published_text(nb_report *r, const char *s, size_t a, size_t b, const char *source)
{
    static nb_re *re;
    size_t ov[8];
    if (r->id.published.found) return;
    if (!nb_re_find(nb_re_once(&re, "\\G\\s*((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?!\\d)(?:\\s*日)?"),
                    s, b, a, ov, 4) || ov[0] != a)
        return;
    int y = atoi(s + ov[2]), m = atoi(s + ov[4]), d = atoi(s + ov[6]);
    r->id.published = (nb_date){1, y, m, d, a, nb_strndup(&r->doc->arena, s + ov[0], ov[1] - ov[0])};
    r->id.published_source = source;
}

/* A crawler's header: "标题: …", "发布时间: 2021-03-05 08:58" lines before "==== 正文 ====". */
static size_t read_crawler_header(nb_report *r)
{
    static nb_re *body_mark, *pub;
    const char *s = r->stream.text;
    size_t n = r->stream.len, ov[4];
    if (!nb_re_find(nb_re_once(&body_mark, "\\n=+\\s*正文\\s*=+\\s*\\n"), s, n < 8192 ? n : 8192, 0, ov, 1))
        return 0;
    size_t body = ov[1];
    static nb_re *title;
    size_t tv[4];
    if (nb_re_find(nb_re_once(&title, "(?m)^标题\\s*[:：]\\s*(.+)$"), s, body, 0, tv, 2))
        match_title(r, s + tv[2], tv[3] - tv[2], tv[2], "header");
    if (nb_re_find(nb_re_once(&pub, "(?m)^发布(?:时间|日期)\\s*[:：]\\s*(.+)$"), s, body, 0, tv, 2))
        set_published_text(r, s, tv[2], tv[3], "header");
    static nb_re *publisher;
    if (nb_re_find(nb_re_once(&publisher, "(?m)^(?:发布机构|来源|信息来源)\\s*[:：]\\s*(\\S.*)$"), s, body, 0, tv, 2))
        r->id.publisher = nb_strndup(&r->doc->arena, s + tv[2], tv[3] - tv[2]);
    return body;
}

/* Lines [i, i + k) of the stream joined without their breaks, at most cap bytes, with the stream
 * offset of every byte in map. Returns the length. */
static size_t join_lines(const nb_report *r, uint32_t i, int k, size_t from, char *buf, size_t *map, size_t cap)
{
    const char *s = r->stream.text;
    size_t o = 0;
    for (uint32_t j = i; j < r->doc->nlines && j < i + (uint32_t)k; j++) {
        size_t a = r->stream.line_start[j], b = r->stream.line_start[j + 1] - 1;
        if (a < from) a = from;
        for (size_t x = a; x < b; x++) {
            if (o == cap) {
                /* full: cut before the character the next byte continues */
                if (((unsigned char)s[x] & 0xC0) == 0x80)
                    while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80) o--;
                if (o > 0 && ((unsigned char)s[x] & 0xC0) == 0x80) o--;
                buf[o] = '\0';
                return o;
            }
            buf[o] = s[x], map[o++] = x;
        }
    }
    buf[o] = '\0';
    return o;
}

/* The first fifteen non-empty lines of the body, one at a time: the title is among them. */
typedef struct head_lines {
    uint32_t next;
    int      seen;
    size_t   from;            /* where the body starts (after a crawler's header) */
} head_lines;

/* The next of those lines: its index and stream bytes [*a, *b). Returns 0 when there is none. */
static int next_head_line(const nb_report *r, head_lines *h, uint32_t *line, size_t *a, size_t *b)
{
    for (; h->next < r->doc->nlines && h->seen < 15; h->next++) {
        size_t la = r->stream.line_start[h->next], lb = r->stream.line_start[h->next + 1] - 1;
        if (la < h->from) la = h->from;
        if (lb <= la) continue;
        h->seen++;
        *line = h->next++;
        *a = la, *b = lb;
        return 1;
    }
    return 0;
}

/* A title that starts a line and runs over up to four lines, broken anywhere (office suites break
 * CJK lines mid-word: …工作年 / 度报告; the agency on a line of its own above the year). Tried from
 * the first lines down, shortest join first, so that the first line starting a title wins. */
static int find_title_lines(nb_report *r, uint32_t first, size_t from)
{
    enum { CAP = 480, MAX_LINES = 4 };
    char buf[CAP + 1];
    size_t map[CAP + 1];
    head_lines h = {first, 0, from};
    uint32_t i;
    size_t a, b;
    while (next_head_line(r, &h, &i, &a, &b)) {
        if (b - a > 300) continue;                   /* a paragraph, or a flattened page */
        for (int k = 1; k <= MAX_LINES; k++) {
            size_t n = join_lines(r, i, k, from, buf, map, CAP);
            title_match m;
            if (find_title_words(buf, n, &m) && strspn(buf, " \t") == m.at) {
                set_title(r, buf, &m, 0, map, "text");
                return 1;
            }
            if (i + (uint32_t)k >= r->doc->nlines || n >= CAP) break;
        }
    }
    return 0;
}

/* Title in the body: a title starting a line (find_title_lines); else the first line naming a
 * 年度报告, joined with its neighbours, the title anywhere in it (a flattened page puts chrome
 * before it); else the document's own title (PDF Title, HTML <title> or ArticleTitle). */
static void find_title(nb_report *r, size_t from)
{
    static nb_re *report_word;
    const char *s = r->stream.text;
    size_t n = r->stream.len;
    uint32_t first, off;
    nb_stream_locate(&r->stream, r->doc->nlines, from, &first, &off);
    if (find_title_lines(r, first, from)) return;
    head_lines h = {first, 0, from};
    uint32_t i;
    size_t a, b;
    while (next_head_line(r, &h, &i, &a, &b)) {
        if (!nb_re_test(nb_re_once(&report_word, "(?:年度报告|年报|工作报告|年度\\s*$|工作\\s*$)"), s + a, b - a))
            continue;
        /* join up to one line before and one after, without the line breaks */
        size_t ja = i > first ? r->stream.line_start[i - 1] : a;
        if (ja < from) ja = from;
        size_t jb = i + 1 < r->doc->nlines ? r->stream.line_start[i + 2] - 1 : b;
        if (jb > n) jb = n;
        char *joined = nb_alloc(&r->doc->arena, jb - ja + 1);
        size_t o = 0;
        for (size_t k = ja; k < jb; k++)
            if (s[k] != '\n') joined[o++] = s[k];
        joined[o] = '\0';
        /* a long first line is a flattened page: only its head can be the title */
        if (o > 400) o = 400, joined[o] = '\0';
        while (o > 0 && ((unsigned char)joined[o] & 0xC0) == 0x80) o--;
        if (match_title(r, joined, o, ja, "text")) return;
    }
    if (r->doc->meta.title && *r->doc->meta.title) {
        nb_norm nm;
        nb_normalize(&r->doc->arena, r->doc->meta.title, strlen(r->doc->meta.title), &nm);
        match_title(r, nm.text, nm.len, 0, "metadata");
    }
}

/* Words a web page puts after the text (附件下载, 【打印本页】…), the remark an office adds under
 * a signature ((此件公开发布), (此页无正文)), and a site footer printed with the page (主办单位：…
 * 版权所有, an ICP number): not part of the report. */
static int is_chrome(const char *s, size_t n)
{
    static nb_re *re, *footer;
    return nb_re_test(nb_re_once(&re, "^\\s*(?:(?:附件下载|附件|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?|"
                                      "【[^】]{0,12}】|\\[[^\\]]{0,12}\\]|\\((?:此件|本件|此页|本页)[^)]{0,10}\\))\\s*)+$"),
                      s, n) ||
           (n <= 240 && nb_re_test(nb_re_once(&footer, "^\\s*(?:主办单位|承办单位|技术支持|网站标识码)\\s*[:：]|版权所有|ICP备"), s, n));
}

/* What a browser or a word processor prints at a page's edge, alone or together on one line: the
 * page's address, its number (2/3, 第 2 页 共 3 页, - 2 -, or a bare number alone on its line —
 * never several: a table's last row is that), the time it was printed (2026/6/30 10:15,
 * 6/30/26, 10:15 AM). The signature may come before it on the last page (Chromium prints the address
 * and the page number under it); ingest marks some of these as furniture, not every one. */
static int is_print_furniture(const char *s, size_t n)
{
    static nb_re *re;
    if (n > 300) return 0;
    return nb_re_test(
        nb_re_once(&re, "^\\s*(?:(?:(?:https?|file)://\\S+|www\\.\\S+"
                        "|第\\s*\\d{1,4}\\s*页(?:\\s*[,，/]?\\s*共\\s*\\d{1,4}\\s*页)?|共\\s*\\d{1,4}\\s*页"
                        "|[-—–－]+\\s*\\d{1,4}\\s*[-—–－]+|\\d{1,4}\\s*/\\s*\\d{1,4}"
                        "|(?i:page)\\s*\\d{1,4}(?:\\s*(?i:of)\\s*\\d{1,4})?"
                        "|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4},?\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*(?i:[ap]m))?)\\s*)+$|^\\s*\\d{1,4}\\s*$"),
        s, n);
}

/* A government site's footer under the article (主办单位：… 版权所有, 网站标识码, 苏ICP备…号, 公网安备,
 * 技术支持, 联系电话, 联系我们 | 网站地图), printed with the page. Only looked for below the signature. */
static int is_site_footer(const char *s, size_t n)
{
    static nb_re *re;
    return n <= 400 && nb_re_test(nb_re_once(&re, "主办(?:单位)?\\s*[:：]|承办(?:单位)?\\s*[:：]|版权所有|网站标识码|ICP备|"
                                                  "公网安备|技术支持\\s*[:：]|联系我们|联系电话|网站地图|分辨率"),
                                  s, n);
}

#define NB_DATE_RE "((?:19|20)\\d{2}|[〇零○O一二三四五六七八九]{4})\\s*年\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*" \
                   "(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号]"

/* The lines a formal document prints under its signature (版记): who printed it and when
 * (…办公室 2024年1月8日印发), 抄送, an attachment's name, a contact. Their date is not the signature's. */
static int is_print_record(const char *s, size_t n)
{
    static nb_re *re;
    return n <= 200 && nb_re_test(nb_re_once(&re, "^\\s*(?:(?:抄送|抄报|附件|联系人|\\(联系人)\\s*[:：]|[^。;；:：\\d]{0,30}?\\s*(?:" NB_DATE_RE "|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2})\\s*印发\\s*$)"),
                                  s, n);
}

/* Is line i (short, no digits, no sentence end) the wrapped end of a 附件：/抄送： line just above it? */
static int wraps_print_record(const nb_report *r, uint32_t i)
{
    static nb_re *tailpart, *head;
    const char *s = r->stream.text;
    size_t a = r->stream.line_start[i], b = r->stream.line_start[i + 1] - 1;
    if (!nb_re_test(nb_re_once(&tailpart, "^\\s*[^\\d。;；:：!?]{1,30}\\s*$"), s + a, b - a)) return 0;
    for (uint32_t j = i; j-- > 0;) {
        size_t pa = r->stream.line_start[j], pb = r->stream.line_start[j + 1] - 1;
        if (pb <= pa) continue;
        return nb_re_test(nb_re_once(&head, "^\\s*(?:抄送|抄报|附件)\\s*[:：][^。]*$"), s + pa, pb - pa);
    }
    return 0;
}

/* A line that is only a date (2024年1月5日, 二〇二四年一月五日, 2024-01-05, 2024.1.5). */
static int date_only_line(const char *s, size_t n, size_t *ov)
{
    static nb_re *re;
    return nb_re_find(nb_re_once(&re, "^\\s*(?:" NB_DATE_RE "|" NB_NUM_DATE_RE ")\\s*$"), s, n, 0, ov, 1);
}

/* The signature: at the end of the report, a line that is only a date, the agency on the line
 * before it (or, as some reports print it, after it); or one line with both (金湖县人民政府
 * 二〇二五年二月十九日), which is also how a flattened page ends its last line. Page chrome and a
 * 版记 after it are skipped. */
/* A 版记 run onto the end of a flattened page: …办公室 2024年1月8日印发. */
#define NB_TAIL_PRINTED "(?:\\s*[^。;；:：\\s\\d]{2,30}?\\s*(?:" NB_DATE_RE "|\\d{4}[-./]\\d{1,2}[-./]\\d{1,2})\\s*印发)?\\s*"

static void find_signature(nb_report *r)
{
    static nb_re *tail, *tail_date_first;
    nb_doc *d = r->doc;
    const char *s = r->stream.text;
    int seen = 0, printed = 0;
    static nb_re *printed_word, *printed_end, *ends_dated;
    for (uint32_t i = d->nlines; i-- > 0 && seen < 12;) {
        size_t a = r->stream.line_start[i], b = r->stream.line_start[i + 1] - 1;
        if (b <= a || is_chrome(s + a, b - a) || is_print_furniture(s + a, b - a) || is_site_footer(s + a, b - a) ||
            is_print_record(s + a, b - a))
            continue;
        /* the wrapped end of a 附件：/抄送： line ("附件：…政府信息公开情" / "况统计表") */
        if (i > 0 && b - a <= 60 && wraps_print_record(r, i)) continue;
        /* a 版记 wrapped anywhere in its date or before its last word: "…办公室 2020年1月17日" / "印发",
         * "…办公室 2024年1月8" / "日印发": the two lines together are one */
        if (nb_re_test(nb_re_once(&printed_end, "印发\\s*$"), s + a, b - a) && b - a <= 60 && i > 0) {
            size_t pa = r->stream.line_start[i - 1], pb = r->stream.line_start[i] - 1;
            char joined[512];
            if (pb > pa && pb - pa + (b - a) < sizeof joined) {
                memcpy(joined, s + pa, pb - pa);
                memcpy(joined + (pb - pa), s + a, b - a);
                if (is_print_record(joined, pb - pa + (b - a))) {
                    i--;
                    continue;
                }
            }
        }
        if (nb_re_test(nb_re_once(&printed_word, "^\\s*印发\\s*$"), s + a, b - a)) {
            printed = 1;
            continue;
        }
        if (printed && (printed = 0, nb_re_test(nb_re_once(&ends_dated, "[^。;；:：\\d]\\s*" NB_DATE_RE "\\s*$"), s + a, b - a)))
            continue;
        seen++;
        size_t ov[6];
        if (date_only_line(s + a, b - a, ov)) {
            set_date(r, &r->id.signed_on, s, a + ov[0], a + ov[1]);
            for (uint32_t j = i; j-- > 0;) {
                size_t pa = r->stream.line_start[j], pb = r->stream.line_start[j + 1] - 1;
                if (pb <= pa) continue;
                char *prev = nb_strndup(&d->arena, s + pa, pb - pa);
                if (pb - pa <= 90 && !strstr(prev, "。")) r->id.signed_by = prev;
                break;
            }
            return;
        }
        /* agency and date on one line, or the end of a flattened page: "…事项。平潭综合实验区管委会2021年1月30日" */
        size_t from = b - a > 400 ? b - 400 : a;
        while (from > a && ((unsigned char)s[from] & 0xC0) == 0x80) from--;
        if (nb_re_find(nb_re_once(&tail, "(?:^|[。;；!！]|\\s)\\s*([^。;；:：\\s\\d]{2,30}?)\\s*(" NB_DATE_RE "|" NB_NUM_DATE_RE ")"
                                         "\\s*(?:(?:附件下载|打印本页|关闭窗口|【[^】]{0,12}】|\\((?:此件|本件|此页|本页)[^)]{0,10}\\))\\s*)*"
                                         NB_TAIL_PRINTED "$"),
                       s + from, b - from, 0, ov, 3)) {
            set_date(r, &r->id.signed_on, s, from + ov[4], from + ov[5]);
            r->id.signed_by = nb_strndup(&d->arena, s + from + ov[2], ov[3] - ov[2]);
            return;
        }
        /* a flattened page signed date first: "…事项。二〇二〇年八月二十二日兰州市…人民政府办公室" */
        if (nb_re_find(nb_re_once(&tail_date_first, "(?:^|[。;；!！])\\s*(" NB_DATE_RE "|" NB_NUM_DATE_RE ")\\s*"
                                                    "([^。;；:：\\s\\d]{2,30}?)\\s*" NB_TAIL_PRINTED "$"),
                       s + from, b - from, 0, ov, 2)) {
            set_date(r, &r->id.signed_on, s, from + ov[2], from + ov[3]);
            size_t ag = from + ov[3];
            size_t ov2[4];
            static nb_re *agency_after;
            if (nb_re_find(nb_re_once(&agency_after, "^\\s*([^。;；:：\\s\\d]{2,30}?)\\s*" NB_TAIL_PRINTED "$"), s + ag, b - ag, 0, ov2, 2))
                r->id.signed_by = nb_strndup(&d->arena, s + ag + ov2[2], ov2[3] - ov2[2]);
            return;
        }
        /* the date first, the agency under it: a name (no digits, no sentence: not a table's last
         * row), a date alone on the line above */
        static nb_re *name;
        if (b - a > 90 || !nb_re_test(nb_re_once(&name, "^\\s*[^\\d\\s。,;:!?]{2,30}\\s*$"), s + a, b - a)) return;
        for (uint32_t j = i; j-- > 0;) {
            size_t pa = r->stream.line_start[j], pb = r->stream.line_start[j + 1] - 1;
            if (pb <= pa) continue;
            if (date_only_line(s + pa, pb - pa, ov)) {
                set_date(r, &r->id.signed_on, s, pa + ov[0], pa + ov[1]);
                r->id.signed_by = nb_strndup(&d->arena, s + a, b - a);
            }
            break;
        }
        return;
    }
}

/* 统计期限自2023年1月1日起至2023年12月31日止; 统计周期为 2024 年 1 月 1 日至 12 月 31 日. */
static void find_period(nb_report *r)
{
    static nb_re *re, *word;
    const char *s = r->stream.text;
    size_t ov[10], wv[2], pos = 0;
    /* the statement may wrap anywhere, even inside a number (2020年1 / 1月30日): read each
     * occurrence of 统计 with the line breaks taken out */
    while (nb_re_find(nb_re_once(&word, "统\\s*计"), s, r->stream.len, pos, wv, 1)) {
        pos = wv[1];
        char buf[256];
        size_t n = 0;
        for (size_t k = wv[0]; k < r->stream.len && n < sizeof buf - 1 && k < wv[0] + 400; k++)
            if (s[k] != '\n') buf[n++] = s[k];
        buf[n] = '\0';
        /* 统计期限/统计数据时间范围/统计时段; the dates in words (2024年1月1日) or digits (2024.1.1,
         * 2024-01-01), the end's year left out only in words (至12月31日) */
        if (!nb_re_find(nb_re_once(&re, "^统\\s*计\\s*(?:数据)?\\s*(?:的)?\\s*(?:期限|周期|时限|时间|区间|范围|时段)[^。]{0,12}?"
                                        "((?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日"
                                        "|(?:19|20)\\d{2}\\s*([./-])\\s*\\d{1,2}\\s*\\g{-1}\\s*\\d{1,2}(?!\\d))\\s*(?:起)?\\s*"
                                        "(?:至|到|-|—|~)\\s*((?:(?:19|20)\\d{2}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日"
                                        "|(?:19|20)\\d{2}\\s*([./-])\\s*\\d{1,2}\\s*\\g{-1}\\s*\\d{1,2}(?!\\d))"),
                        buf, n, 0, ov, 5))
            continue;
        ov[4] = ov[6], ov[5] = ov[7];      /* the end date's group, after the start's separator */
        set_date(r, &r->id.period_from, buf, ov[2], ov[3]);
        r->id.period_from.at = wv[0];
        r->id.period_from.text = nb_strndup(&r->doc->arena, buf + ov[2], ov[3] - ov[2]);
        /* "至12月31日" leaves the year to the start date */
        int y, m, d;
        char to[64];
        size_t len = ov[5] - ov[4];
        if (!memmem(buf + ov[4], len, "年", 3) && memmem(buf + ov[4], len, "月", 3) && len < 40) {
            snprintf(to, sizeof to, "%d年%.*s", r->id.period_from.y, (int)len, buf + ov[4]);
            if (nb_parse_date(to, strlen(to), &y, &m, &d))
                r->id.period_to = (nb_date){1, y, m, d, wv[0], nb_strdup(&r->doc->arena, to)};
        } else {
            set_date(r, &r->id.period_to, buf, ov[4], ov[5]);
            r->id.period_to.at = wv[0];
            r->id.period_to.text = nb_strndup(&r->doc->arena, buf + ov[4], ov[5] - ov[4]);
        }
        return;
    }
}

/* The page's head and foot, where a page's own dates stand: its first and last 4 KB of text (not
 * overlapping), each starting on a character. */
static void edge_windows(const nb_report *r, size_t w[2][2])
{
    const char *s = r->stream.text;
    size_t len = r->stream.len;
    w[0][0] = 0, w[0][1] = len < 4096 ? len : 4096;
    w[1][0] = len > 4096 ? len - 4096 : 0, w[1][1] = len;
    if (w[1][0] < w[0][1]) w[1][0] = w[0][1];
    for (int k = 0; k < 2; k++)
        while (w[k][0] > 0 && w[k][0] < len && ((unsigned char)s[w[k][0]] & 0xC0) == 0x80) w[k][0]++;
}

/* A page's own 发布日期/发布时间 line, near the top (HTML fragments carry one) or in the chrome at
 * the foot of the page. A page listing other articles with their dates shows several: when the
 * lines disagree, none is taken (a wrong date would make a report late). */
static void find_published_line(nb_report *r)
{
    static nb_re *re;
    const char *s = r->stream.text;
    size_t ov[4], windows[2][2];
    if (r->id.published.found) return;
    edge_windows(r, windows);
    nb_date first = {0};
    const char *first_source = NULL;
    for (int w = 0; w < 2; w++) {
        size_t a = windows[w][0], b = windows[w][1];
        while (a < b && nb_re_find(nb_re_once(&re, "(?:发布|发表)(?:日期|时间)\\s*[:：]\\s*((?:19|20)\\d{2})"), s, b, a, ov, 2)) {
            a = ov[1];
            set_published_text(r, s, ov[2], b, "text");
            if (!r->id.published.found) continue;
            nb_date d = r->id.published;
            r->id.published.found = 0;
            if (!first.found) {
                first = d;
                first_source = "text";
            } else if (d.y != first.y || d.m != first.m || d.d != first.d) {
                r->id.published_source = NULL;            /* dates that disagree: none */
                return;
            }
        }
    }
    if (first.found) {
        r->id.published = first;
        r->id.published_source = first_source;
    }
}

/* A CMS page's information box (索引号 / 发布机构 / 成文日期 / 发布日期) states the document's own date,
 * its 成文日期 — the date a signature would carry. Read, in the page's head or foot, only when no
 * signature was found at the end of the text. */
static void find_written_date(nb_report *r)
{
    static nb_re *re;
    const char *s = r->stream.text;
    size_t ov[8], windows[2][2];
    if (r->id.signed_on.found) return;
    edge_windows(r, windows);
    for (int w = 0; w < 2; w++) {
        size_t a = windows[w][0], b = windows[w][1];
        if (!nb_re_find(nb_re_once(&re, "成文(?:日期|时间)\\s*[:：]\\s*((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]"
                                        "\\s*(\\d{1,2})(?!\\d)(?:\\s*日)?"),
                        s, b, a, ov, 4))
            continue;
        size_t at = ov[2];
        r->id.signed_on = (nb_date){1, atoi(s + ov[2]), atoi(s + ov[4]), atoi(s + ov[6]), at,
                                    nb_strndup(&r->doc->arena, s + at, ov[1] - at)};
        return;
    }
}

/* The page's <meta name="PubDate">. */
static void find_published_meta(nb_report *r)
{
    const char *p = r->doc->meta.published;
    if (p) set_published_text(r, p, 0, strlen(p), "meta");
    if (r->id.published.found && !strcmp(r->id.published_source, "meta")) r->id.published.at = 0;
}

/* Last resort: the PDF's creation date ("2024-02-26T14:41:23+08:00"). A PDF may be made long after
 * the report was published, so this date is shown, not judged (rules/dates.c). */
static void find_published_pdf(nb_report *r)
{
    const char *p = r->doc->meta.creation_date;
    if (r->doc->kind == NB_KIND_PDF && p) set_published_text(r, p, 0, strlen(p), "pdf-creation");
    if (r->id.published.found && !strcmp(r->id.published_source, "pdf-creation")) r->id.published.at = 0;
}

/* Who published the report, when its title names no agency: the page's ContentSource, a crawler's
 * 发布机构. */
static void agency_from_publisher(nb_report *r)
{
    if (r->id.agency && *r->id.agency) return;
    const char *src = r->doc->meta.source ? r->doc->meta.source : r->id.publisher;
    if (!src || !*src) return;
    nb_norm nm;
    nb_normalize(&r->doc->arena, src, strlen(src), &nm);
    if (nm.len >= 2) r->id.agency = nm.text;
}

void nb_report_init(nb_report *r, nb_doc *doc)
{
    memset(r, 0, sizeof *r);
    r->doc = doc;
    build_stream(r);
    find_published_meta(r);
    size_t body = read_crawler_header(r);
    find_sections(r);
    if (!r->id.title) find_title(r, body);
    find_signature(r);
    find_written_date(r);
    find_period(r);
    find_published_line(r);
    find_published_pdf(r);
    agency_from_publisher(r);
}
