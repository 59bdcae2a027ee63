/*
 * parser/value.c — parse a cell's normalised text into a number or a blank (see value.h).
 */
#include "value.h"

#include <string.h>

/* The decimal digits of v, written backwards so that they end just before e; returns their start. */
static char *put_digits(unsigned long long v, char *e)
{
    do *--e = (char)('0' + v % 10); while (v /= 10);
    return e;
}

/* By hand rather than with snprintf, whose format parsing cost 3% of a text batch (every number
 * read is formatted). Same text as "%lld" / "%lld.%0*lld": "-12", "7730.28", "0.05"; cut to size
 * like snprintf. */
void nb_format_value(int64_t mant, int scale, char *buf, size_t size)
{
    char tmp[48], *e = tmp + sizeof tmp, *p;
    unsigned long long a = mant < 0 ? 0ULL - (unsigned long long)mant : (unsigned long long)mant;
    if (scale <= 0 || scale > 17) {
        p = put_digits(a, e);
    } else {
        unsigned long long pw = 1, f;
        for (int i = 0; i < scale; i++) pw *= 10;
        p = e;
        f = a % pw;
        for (int i = 0; i < scale; i++, f /= 10) *--p = (char)('0' + f % 10);
        *--p = '.';
        p = put_digits(a / pw, p);
    }
    if (mant < 0) *--p = '-';
    if (size == 0) return;
    size_t n = (size_t)(e - p);
    if (n >= size) n = size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

/* Data: money units, longest first (万元 before 元). */
const char *const nb_money_units[] = {"万元", "元", NULL};

/* Strip a unit the template prints after some numbers: 元, 万元 (kept in *unit), 件, 个, 项, 条. */
static size_t strip_unit(const char *s, size_t n, const char **unit)
{
    static const char *const units[] = {"万元", "元", "件", "个", "项", "条", NULL};
    *unit = "";
    for (int i = 0; units[i]; i++) {
        size_t u = strlen(units[i]);
        if (n > u && memcmp(s + n - u, units[i], u) == 0) {
            n -= u;
            while (n && s[n - 1] == ' ') n--;
            for (int k = 0; nb_money_units[k]; k++)
                if (!strcmp(units[i], nb_money_units[k])) *unit = nb_money_units[k];
            return n;
        }
    }
    return n;
}

/* '', '-', '--' (dashes of every width fold to '-'), '/', '无': printed, but no number. */
static int is_blank_marker(const char *s, size_t n)
{
    if (n == 0) return 1;
    size_t dashes = 0;
    while (dashes < n && s[dashes] == '-') dashes++;
    if (dashes == n) return n <= 4;
    return (n == 1 && s[0] == '/') || (n == 3 && memcmp(s, "无", 3) == 0);
}

nb_vkind nb_parse_value(const char *s, size_t n, nb_value *out)
{
    memset(out, 0, sizeof *out);
    out->unit = "";
    while (n && s[0] == ' ') s++, n--;
    while (n && s[n - 1] == ' ') n--;
    if (is_blank_marker(s, n)) {
        out->kind = NB_V_BLANK;
        return NB_V_BLANK;
    }
    const char *unit;
    n = strip_unit(s, n, &unit);
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    if (i == n || s[i] < '0' || s[i] > '9') return NB_V_NONE;
    int64_t v = 0;
    int scale = 0, dot = 0, digits = 0, group = 0, commas = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (++digits > 17) return NB_V_NONE;
            v = v * 10 + (c - '0');
            if (dot) scale++;
            else group++;
        } else if (c == ',' && !dot) {
            /* thousands separators: groups of three after the first */
            if (commas ? group != 3 : (group < 1 || group > 3)) return NB_V_NONE;
            commas++;
            group = 0;
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            return NB_V_NONE;
        }
    }
    if ((commas && group != 3) || (dot && scale == 0)) return NB_V_NONE;
    out->kind = NB_V_NUMBER;
    out->unit = unit;
    out->mant = neg ? -v : v;
    out->scale = (uint8_t)scale;
    nb_format_value(out->mant, scale, out->text, sizeof out->text);
    return NB_V_NUMBER;
}
