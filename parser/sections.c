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

/* Data: the key words of each heading, after the numeral. (?s) lets a heading wrap a line. */
static const char *const section_patterns[NB_NSECTIONS] = {
    "(?:总体情况|概述|总体概况|基本情况)",
    "(?:主动公开政府信息(?:的)?情况|主动公开情况)",
    "(?:收到和处理政府信息公开申请(?:的)?情况|收到和处理政府信息公开申请|政府信息公开申请(?:的)?(?:办理|收到和处理)情况)",
    "(?:[^。\\n]{0,16}?行政法?复议[^。]{0,10}?行政诉讼(?:的)?(?:情况)?)",
    "(?:[^。\\n]{0,14}?主要问题(?:及|和|与)?[^。\\n]{0,3}?(?:改进|整改)(?:情况|措施)?)",
    "(?:其他需要报告的事项|其他需要报告事项|其他需报告的事项)",
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

static void find_sections(nb_report *r)
{
    static nb_re *re[NB_NSECTIONS];
    static char src[NB_NSECTIONS][1024];
    const char *s = r->stream.text;
    size_t n = r->stream.len, from = 0, next = 0;
    starts st = {s, n, 0, {0}};
    nb_vec_init(&st.at, sizeof(size_t));
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!re[k]) {
            char spread[512];
            nb_pattern_spread(section_patterns[k], spread, sizeof spread);
            snprintf(src[k], sizeof src[k], "(?s)\\G" NB_HEADING_NUMBER "\\s*(?:政府信息公开工作)?%s", spread);
            re[k] = nb_re_get(src[k]);
        }
        size_t ov[2], at;
        int found = 0;
        while ((at = start_at(&st, next)) != (size_t)-1 && at < from) next++;
        for (size_t i = next; !found && (at = start_at(&st, i)) != (size_t)-1; i++)
            found = nb_re_find(re[k], s, n, at, ov, 1);
        if (found) {
            nb_section *sec = &r->sec[k];
            sec->found = 1;
            sec->head = ov[0];
            sec->body = ov[1];
            sec->heading = nb_strndup(&r->doc->arena, s + ov[0], ov[1] - ov[0]);
            from = ov[1];
        }
    }
    nb_vec_free(&st.at);
    /* each found section ends where the next found one starts */
    size_t end = n;
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

int nb_parse_date(const char *text, size_t n, int *y, int *m, int *d)
{
    static nb_re *re;
    size_t ov[8];
    if (!nb_re_find(nb_re_once(&re, "((?:19|20)\\d{2}|[〇零○O一二三四五六七八九]{4})\\s*年\\s*"
                                    "(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*"
                                    "(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号]"),
                    text, n, 0, ov, 4))
        return 0;
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

/* Title words: agency then year, or year then agency, then 政府信息公开…年度报告. */
static int match_title(nb_report *r, const char *s, size_t n, size_t base, const char *source)
{
    static nb_re *agency_first, *year_first;
    size_t ov[6];
    const char *agency = NULL;
    size_t aa = 0, ab = 0, ya = 0, yb = 0, at = 0, end = 0;
    if (nb_re_find(nb_re_once(&agency_first,
                              "(?<![^\\s:：>])([^\\s\\d:：,，。;；()《》\"]{2,40}?)\\s*((?:19|20)\\d{2})\\s*年度?\\s*"
                              "(?:度\\s*)?(?:政府信息公开|政务公开|信息公开)(?:工作)?\\s*(?:年度)?\\s*(?:报告|年报)"),
                   s, n, 0, ov, 3)) {
        aa = ov[2]; ab = ov[3]; ya = ov[4]; yb = ov[5]; at = ov[0]; end = ov[1];
    } else if (nb_re_find(nb_re_once(&year_first,
                                     "((?:19|20)\\d{2})\\s*年度?\\s*([^\\s\\d:：,，。;；()《》\"]{2,40}?)\\s*"
                                     "(?:政府信息公开|政务公开|信息公开)(?:工作)?\\s*(?:年度)?\\s*(?:报告|年报)"),
                          s, n, 0, ov, 3)) {
        ya = ov[2]; yb = ov[3]; aa = ov[4]; ab = ov[5]; at = ov[0]; end = ov[1];
    } else {
        return 0;
    }
    agency = nb_strndup(&r->doc->arena, s + aa, ab - aa);
    r->id.agency = agency;
    r->id.year = atoi(nb_strndup(&r->doc->arena, s + ya, yb - ya));
    r->id.title = nb_strndup(&r->doc->arena, s + at, end - at);
    r->id.title_source = source;
    r->id.title_at = base + at;
    return 1;
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
    if (nb_re_find(nb_re_once(&pub, "(?m)^发布(?:时间|日期)\\s*[:：]\\s*(((?:19|20)\\d{2})-(\\d{1,2})-(\\d{1,2}))"),
                   s, body, 0, tv, 2)) {
        int y = atoi(s + tv[2]), m = 0, d = 0;
        const char *p = strchr(s + tv[2], '-');
        if (p) { m = atoi(p + 1); p = strchr(p + 1, '-'); }
        if (p) d = atoi(p + 1);
        r->id.published = (nb_date){1, y, m, d, tv[2], nb_strndup(&r->doc->arena, s + tv[2], tv[3] - tv[2])};
    }
    return body;
}

/* Title in the body: the first line naming a 年度报告, joined with its neighbours (titles wrap). */
static void find_title(nb_report *r, size_t from)
{
    static nb_re *report_word;
    const char *s = r->stream.text;
    size_t n = r->stream.len;
    uint32_t first, off;
    nb_stream_locate(&r->stream, r->doc->nlines, from, &first, &off);
    int seen = 0;
    for (uint32_t i = first; i < r->doc->nlines && seen < 15; i++) {
        size_t a = r->stream.line_start[i], b = r->stream.line_start[i + 1] - 1;
        if (a < from) a = from;
        if (b <= a) continue;
        seen++;
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

/* Words a web page puts after the text (附件下载, 【打印本页】…): not part of the report. */
static int is_chrome(const char *s, size_t n)
{
    static nb_re *re;
    return nb_re_test(nb_re_once(&re, "^\\s*(?:(?:附件下载|附件|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?|"
                                      "【[^】]{0,12}】|\\[[^\\]]{0,12}\\])\\s*)+$"),
                      s, n);
}

#define NB_DATE_RE "((?:19|20)\\d{2}|[〇零○O一二三四五六七八九]{4})\\s*年\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*" \
                   "(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号]"

/* The signature: at the end of the report, a line that is only a date, the agency on the line
 * before it; or one line with both (金湖县人民政府 二〇二五年二月十九日), which is also how a
 * flattened page ends its last line. Page chrome after it is skipped. */
static void find_signature(nb_report *r)
{
    static nb_re *date_line, *tail;
    nb_doc *d = r->doc;
    const char *s = r->stream.text;
    int seen = 0;
    for (uint32_t i = d->nlines; i-- > 0 && seen < 12;) {
        size_t a = r->stream.line_start[i], b = r->stream.line_start[i + 1] - 1;
        if (b <= a || is_chrome(s + a, b - a)) continue;
        seen++;
        size_t ov[6];
        if (nb_re_find(nb_re_once(&date_line, "^\\s*" NB_DATE_RE "\\s*$"), s + a, b - a, 0, ov, 1)) {
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
        if (nb_re_find(nb_re_once(&tail, "(?:^|[。;；!！]|\\s)\\s*([^。;；:：\\s\\d]{2,30}?)\\s*(" NB_DATE_RE ")"
                                         "\\s*(?:(?:附件下载|打印本页|关闭窗口|【[^】]{0,12}】)\\s*)*$"),
                       s + from, b - from, 0, ov, 3)) {
            set_date(r, &r->id.signed_on, s, from + ov[4], from + ov[5]);
            r->id.signed_by = nb_strndup(&d->arena, s + from + ov[2], ov[3] - ov[2]);
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
        if (!nb_re_find(nb_re_once(&re, "^统\\s*计\\s*(?:期限|周期|时限|时间|区间|范围)[^。]{0,12}?"
                                        "((?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)\\s*(?:起)?\\s*"
                                        "(?:至|到|-|—)\\s*((?:(?:19|20)\\d{2}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)"),
                        buf, n, 0, ov, 3))
            continue;
        set_date(r, &r->id.period_from, buf, ov[2], ov[3]);
        r->id.period_from.at = wv[0];
        r->id.period_from.text = nb_strndup(&r->doc->arena, buf + ov[2], ov[3] - ov[2]);
        /* "至12月31日" leaves the year to the start date */
        int y, m, d;
        char to[64];
        size_t len = ov[5] - ov[4];
        if (!memmem(buf + ov[4], len, "年", 3) && len < 40) {
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

/* A page's own 发布日期/发布时间 line near the top (HTML fragments carry one). */
static void find_published_line(nb_report *r)
{
    static nb_re *re;
    const char *s = r->stream.text;
    size_t n = r->stream.len < 4096 ? r->stream.len : 4096, ov[4];
    if (r->id.published.found) return;
    if (nb_re_find(nb_re_once(&re, "发布(?:日期|时间)\\s*[:：]\\s*((?:19|20)\\d{2})[-年/.](\\d{1,2})[-月/.](\\d{1,2})"),
                   s, n, 0, ov, 2)) {
        int y = atoi(s + ov[2]), m = 0, d = 0;
        const char *p = s + ov[2] + 4;
        while (*p && (*p < '0' || *p > '9')) p++;
        m = atoi(p);
        while (*p >= '0' && *p <= '9') p++;
        while (*p && (*p < '0' || *p > '9')) p++;
        d = atoi(p);
        r->id.published = (nb_date){1, y, m, d, ov[2], nb_strndup(&r->doc->arena, s + ov[2], ov[1] - ov[2])};
    }
}

void nb_report_init(nb_report *r, nb_doc *doc)
{
    memset(r, 0, sizeof *r);
    r->doc = doc;
    build_stream(r);
    size_t body = read_crawler_header(r);
    find_sections(r);
    if (!r->id.title) find_title(r, body);
    find_signature(r);
    find_period(r);
    find_published_line(r);
}
