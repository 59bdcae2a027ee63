/*
 * parser/value.c — parse a cell's normalised text into a number or a blank (see value.h).
 */
#include "value.h"

#include <stdio.h>
#include <string.h>

void nb_format_value(int64_t mant, int scale, char *buf, size_t size)
{
    if (scale <= 0 || scale > 17) {
        snprintf(buf, size, "%lld", (long long)mant);
        return;
    }
    int64_t p = 1;
    for (int i = 0; i < scale; i++) p *= 10;
    int64_t a = mant < 0 ? -mant : mant;
    char frac[24];
    snprintf(frac, sizeof frac, "%018lld", (long long)(a % p));   /* then keep the last `scale` digits */
    snprintf(buf, size, "%s%lld.%s", mant < 0 ? "-" : "", (long long)(a / p), frac + 18 - scale);
}

/* Strip a unit the template prints after some numbers: 元, 万元, 件, 个, 项, 条. */
static size_t strip_unit(const char *s, size_t n)
{
    static const char *const units[] = {"万元", "元", "件", "个", "项", "条", NULL};
    for (int i = 0; units[i]; i++) {
        size_t u = strlen(units[i]);
        if (n > u && memcmp(s + n - u, units[i], u) == 0) {
            n -= u;
            while (n && s[n - 1] == ' ') n--;
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
    while (n && s[0] == ' ') s++, n--;
    while (n && s[n - 1] == ' ') n--;
    if (is_blank_marker(s, n)) {
        out->kind = NB_V_BLANK;
        return NB_V_BLANK;
    }
    n = strip_unit(s, n);
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
    out->mant = neg ? -v : v;
    out->scale = (uint8_t)scale;
    nb_format_value(out->mant, scale, out->text, sizeof out->text);
    return NB_V_NUMBER;
}
