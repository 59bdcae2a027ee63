/*
 * parser/table_tokens.c — the values on a line: numbers (signs, thousands, decimals, a money
 * unit), explicit blanks (—, /, 无) and, on tab/pipe/HTML-grid lines, empty fields.
 *
 * What is not a value: list numbering glued to values (00000002.其他 → 0000000 and the next
 * label's 2.), parenthesised numbers, numbers followed by a narrative unit (2023年, 52条, 0 件).
 * On a flattened page each glued em-dash is a blank cell; an ASCII hyphen before digits a sign.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"

/* Record a label for row found at normalised [ns, ne) of line li. */
void tr_add_label(reader *rd, uint32_t li, uint32_t ns, uint32_t ne, int row)
{
    const nb_line *l = &rd->d->lines[li];
    label *lb = nb_vec_push(&rd->labels);
    lb->row = row;
    lb->line = lb->first = lb->last = li;
    lb->rs = l->norm.map[ns];
    lb->re = tr_raw_end_of(l, ne);
    lb->x0 = nb_line_x0(l, lb->rs);
}

/* ---------- tokens ---------- */

/* A token's x extent, and whether its line's geometry is layout. */
static void set_tok_geometry(reader *rd, tok *t, const nb_line *l)
{
    t->geo = (uint8_t)tr_line_has_layout(rd->d, l);
    t->x0 = nb_line_x0(l, t->rs);
    t->x1 = t->re > t->rs ? nb_line_x1(l, t->re - 1) : t->x0;
}

/* Append a token of line li at raw [rs, re). */
static void add_tok(reader *rd, uint32_t li, uint32_t rs, uint32_t re, const char *norm, uint32_t nlen, tk_kind kind)
{
    const nb_line *l = &rd->d->lines[li];
    tok *t = nb_vec_push(&rd->toks);
    t->line = li;
    t->rs = rs;
    t->re = re;
    t->norm = nb_strndup(rd->a, norm, nlen);
    t->nlen = nlen;
    t->kind = (uint8_t)kind;
    set_tok_geometry(rd, t, l);
}

/* Is the digit run at s[a..b) a value, given what surrounds it in the normalised line? Adjusts *b
 * when the run ends in list numbering glued to the next label (00000002.其他 → 0000000). */
static int value_context_ok(const char *s, size_t n, size_t a, size_t *b)
{
    size_t e = *b;
    /* (5), （三） */
    if (a > 0 && s[a - 1] == '(' && e < n && s[e] == ')') return 0;
    /* 第20条, 20年, 52条, 33家, 100%, 8.5万 … narrative, not a cell */
    if (a >= 3 && memcmp(s + a - 3, "第", 3) == 0) return 0;
    size_t f = e;
    while (f < n && s[f] == ' ') f++;          /* 行政诉讼 0 件 */
    if (f < n) {
        static const char *const units[] = {"年", "月", "日", "号", "条", "家", "次", "人", "名", "篇", "期",
                                            "%", "个", "项", "件", "万", "亿", "位", "户", "起", NULL};
        for (int i = 0; units[i]; i++) {
            size_t u = strlen(units[i]);
            if (f + u <= n && memcmp(s + f, units[i], u) == 0) return 0;
        }
    }
    /* list numbering: one digit and '.' or '、' before a label (1.属于国家秘密, 3、其他) */
    int dot = e < n && s[e] == '.';
    int dun = e + 3 <= n && memcmp(s + e, "、", 3) == 0;
    size_t after = e + (dot ? 1 : dun ? 3 : 0);
    if ((dot || dun) && !(after < n && s[after] >= '0' && s[after] <= '9')) {
        if (e - a == 1) return 0;
        *b = e - 1;          /* the last digit is the numbering of the next label */
    }
    return 1;
}

/* The raw character behind normalised byte i of a line. */
static uint32_t raw_char_at(const nb_line *l, uint32_t i)
{
    int len;
    uint32_t r = l->norm.map[i];
    return nb_utf8_decode(l->raw + r, l->raw_len - r, &len);
}

/* Is the digit run at normalised [a, b) of line l list numbering written with a space instead of a dot (3 其他, 1 属于国家
 * 秘密)? A one- or two-digit integer with a Han character right after it: on a laid-out line, no
 * further away than about a character (a value stands a column away from any text); on a line
 * without layout nothing tells, so not there. A Han
 * character that is itself numbering (5 四、结转…) leaves the number a value. */
int tr_spaced_numbering(const reader *rd, const nb_line *l, size_t a, size_t b)
{
    const char *s = l->norm.text;
    size_t n = l->norm.len;
    if (b <= a || b - a > 2 || b >= n || !tr_line_has_layout(rd->d, l)) return 0;
    if (rd->def->layout != NB_LAYOUT_ROWS) return 0;      /* numbering belongs to row labels */
    for (size_t i = a; i < b; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    size_t f = b;
    while (f < n && s[f] == ' ') f++;
    if (f >= n || f - b > 1) return 0;
    int len;
    uint32_t c = nb_utf8_decode(s + f, n - f, &len);
    if (!nb_is_han(c)) return 0;
    static nb_re *numeral;
    size_t ov[2];
    if (nb_re_find(nb_re_once(&numeral, "^[一二三四五六七八九十]{1,2}、"), s + f, n - f, 0, ov, 1)) return 0;
    float x1 = nb_line_x1(l, l->norm.map[b - 1]), xn = nb_line_x0(l, l->norm.map[f]);
    float digit = (x1 - nb_line_x0(l, l->norm.map[a])) / (float)(b - a);
    return xn - x1 <= 2.5f * digit;
}

/* A dash drawn as a cell marker (—, ―, －, –) rather than typed as a minus sign. */
static int is_wide_dash(uint32_t c)
{
    return c == 0x2014 || c == 0x2015 || c == 0xFF0D || c == 0x2013 || c == 0x2E3A || c == 0xFE58;
}

/* Is the character before (or at) i a separator: a space, a pipe, or the range's edge? */
static int is_sep(const char *s, size_t i, size_t ns, size_t ne, int before)
{
    if (before ? i <= ns : i >= ne) return 1;
    char c = before ? s[i - 1] : s[i];
    return c == ' ' || c == '|';
}

/* Numbers and explicit blanks in the normalised range [ns, ne) of an ordinary line.
 * A run of dashes standing alone is one blank cell; glued between digits or words (a flattened
 * page: 153——1——154) every em-dash is a cell of its own, while an ASCII '-' before digits is a
 * minus sign (本年增/减 2648-185). */
void tr_scan_tokens(reader *rd, uint32_t li, uint32_t ns, uint32_t ne)
{
    static nb_re *num;
    const nb_line *l = &rd->d->lines[li];
    const char *s = l->norm.text;
    size_t pos = ns, ov[2];
    nb_re *pat = nb_re_once(&num, "[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s?万?元)?");
    while (pos < ne) {
        char c = s[pos];
        int sign = (c == '-' || c == '+') && pos + 1 < ne && s[pos + 1] >= '0' && s[pos + 1] <= '9' &&
                   !is_wide_dash(raw_char_at(l, (uint32_t)pos));
        if ((c >= '0' && c <= '9') || sign) {
            if (!nb_re_find(pat, s, ne, pos, ov, 1) || ov[0] != pos) { pos++; continue; }
            size_t a = ov[0], b = ov[1];
            pos = b;
            if (!value_context_ok(s, ne, a, &b) || b <= a) continue;
            if (tr_spaced_numbering(rd, l, a, b)) continue;
            add_tok(rd, li, l->norm.map[a], tr_raw_end_of(l, (uint32_t)b), s + a, (uint32_t)(b - a), TK_NUM);
            continue;
        }
        if (c == '-' || c == '/') {
            size_t q = pos;
            /* the run stops before a minus sign of the next number (—-6—: a blank, then -6) */
            while (q < ne && s[q] == c &&
                   !(q > pos && c == '-' && q + 1 < ne && s[q + 1] >= '0' && s[q + 1] <= '9' &&
                     !is_wide_dash(raw_char_at(l, (uint32_t)q))))
                q++;
            /* on a laid-out line a dash run between spaces is one cell; a flattened page has lost
             * the cell boundaries, and each em-dash there is a cell of its own */
            int alone = is_sep(s, pos, ns, ne, 1) && is_sep(s, q, ns, ne, 0);
            if (alone && c == '-' && !tr_line_has_layout(rd->d, l)) alone = q - pos == 1 || !is_wide_dash(raw_char_at(l, (uint32_t)pos));
            if (alone) {
                if (c == '/' ? q - pos == 1 : q - pos <= 4)
                    add_tok(rd, li, l->norm.map[pos], tr_raw_end_of(l, (uint32_t)q), s + pos, (uint32_t)(q - pos), TK_MARK);
            } else if (c == '-') {
                for (size_t k = pos; k < q; k++)
                    if (is_wide_dash(raw_char_at(l, (uint32_t)k)))
                        add_tok(rd, li, l->norm.map[k], tr_raw_end_of(l, (uint32_t)k + 1), s + k, 1, TK_MARK);
            }   /* a glued '/' is text: 增/减, 电话/传真 */
            pos = q;
            continue;
        }
        if (pos + 3 <= ne && !memcmp(s + pos, "无", 3) && is_sep(s, pos, ns, ne, 1) &&
            is_sep(s, pos + 3, ns, ne, 0)) {
            add_tok(rd, li, l->norm.map[pos], tr_raw_end_of(l, (uint32_t)pos + 3), s + pos, 3, TK_MARK);
            pos += 3;
            continue;
        }
        pos++;
    }
}

/* The fields of a tab/pipe/grid line: each a number, a blank marker, empty, or text (skipped). */
void tr_field_tokens(reader *rd, uint32_t li, uint32_t rs_from, uint32_t rs_to)
{
    const nb_doc *d = rd->d;
    const nb_line *l = &d->lines[li];
    for (uint32_t k = 0; k < l->nwords; k++) {
        const nb_word *w = &d->words[l->first_word + k];
        if (!(w->flags & NB_WORD_FIELD)) continue;
        if (w->off < rs_from || w->off > rs_to) continue;
        nb_norm nm;
        nb_normalize(rd->a, l->raw + w->off, w->len, &nm);
        nb_value v;
        nb_vkind kind = nb_parse_value(nm.text, nm.len, &v);
        if (kind == NB_V_NONE) continue;
        tok *t = nb_vec_push(&rd->toks);
        t->line = li;
        t->rs = w->off;
        t->re = w->off + w->len;
        t->norm = nm.text;
        t->nlen = nm.len;
        t->kind = (uint8_t)(nm.len == 0 ? TK_EMPTY : kind == NB_V_BLANK ? TK_MARK : TK_NUM);
        t->geo = 1;
        t->x0 = w->box.x0;
        t->x1 = w->box.x1;
    }
}

/* Digits and separators of line li whose characters stand within [lo, hi), or NULL when anything
 * else stands there (a label, a heading). */
char *tr_column_digits(reader *rd, uint32_t li, float lo, float hi, size_t *n)
{
    const nb_line *l = &rd->d->lines[li];
    char *buf = nb_alloc(rd->a, l->norm.len + 1);
    size_t o = 0;
    for (uint32_t i = 0; i < l->norm.len; i++) {
        uint32_t r = l->norm.map[i];
        float xc = (nb_line_x0(l, r) + nb_line_x1(l, r)) / 2;
        if (xc < lo || xc >= hi || l->norm.text[i] == ' ') continue;
        char ch = l->norm.text[i];
        if (!((ch >= '0' && ch <= '9') || ch == ',' || ch == '.')) return NULL;
        buf[o++] = ch;
    }
    buf[o] = '\0';
    *n = o;
    return buf;
}
