/*
 * parser/normalize.c — builds the matching form of a line (see normalize.h for the rules).
 *
 * One pass over the raw bytes: decode, fold, decide about pending white space once the next kept
 * character is known, and record for every output byte the raw offset it came from.
 */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static const uint32_t compat_fold[][2] = {
#include "cjk_compat.inc"
};

#define NCOMPAT (sizeof compat_fold / sizeof compat_fold[0])

static uint32_t fold_compat(uint32_t c)
{
    /* The table's keys sit in a few 256-code-point blocks (radicals, compatibility ideographs);
     * the unified ideographs of ordinary text are elsewhere and need no search. */
    static uint8_t has_key[256];        /* block c >> 8, for c <= 0xFFFF */
    static int ready;
    if (!ready) {
        for (size_t i = 0; i < NCOMPAT; i++)
            if (compat_fold[i][0] <= 0xFFFF) has_key[compat_fold[i][0] >> 8] = 1;
        ready = 1;
    }
    if (c <= 0xFFFF && !has_key[c >> 8]) return c;
    size_t lo = 0, hi = NCOMPAT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (compat_fold[mid][0] == c) return compat_fold[mid][1];
        if (compat_fold[mid][0] < c) lo = mid + 1;
        else hi = mid;
    }
    return c;
}

/* Invisible characters, and U+FFFD (an undecodable byte replaced while reading: it can match nothing). */
static int is_dropped(uint32_t c)
{
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0) || c == 0xAD ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
           (c >= 0x202A && c <= 0x202E);
}

uint32_t nb_fold_char(uint32_t c)
{
    if (is_dropped(c) || c == 0xFFFD) return 0;
    if (nb_is_space(c)) return ' ';
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;          /* full-width ASCII */
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63) return '-';
    if (c == 0xFF64) return 0x3001;                               /* half-width ideographic comma */
    if (c >= 0x2E80 && c <= 0xFAFF) return fold_compat(c);
    return c;
}

void nb_normalize(nb_arena *a, const char *raw, size_t n, nb_norm *out)
{
    /* folding never grows a character beyond its raw length, so n bytes suffice; every byte read
     * later is written below (so no zeroing) */
    char *text = nb_alloc_uninit(a, n + 1);
    uint32_t *map = nb_alloc_uninit(a, (n + 1) * sizeof *map);
    size_t o = 0, i = 0;
    int pending_space = 0;           /* white space seen since the last kept character */
    uint32_t pending_raw = 0;        /* raw offset of that white space */
    int prev_wide = 0, have_prev = 0;

    while (i < n) {
        unsigned char b = (unsigned char)raw[i];
        /* ASCII, most of a line's bytes: what the general path below does for it, without the
         * decoding and folding. Printable characters are kept and join nothing; space and tab
         * are pending white space. */
        if (b > 0x20 && b < 0x7F) {
            if (pending_space && have_prev) {
                text[o] = ' ';
                map[o++] = pending_raw;
            }
            pending_space = 0;
            text[o] = (char)b;
            map[o++] = (uint32_t)i;
            prev_wide = 0;
            have_prev = 1;
            i++;
            continue;
        }
        if (b == ' ' || b == '\t') {
            if (!pending_space) pending_raw = (uint32_t)i;
            pending_space = 1;
            i++;
            continue;
        }
        /* a common Han character: what the general path does for it (kept, wide, joinable) */
        if (nb_is_common_han3(raw + i, n - i)) {
            if (pending_space && have_prev && !prev_wide) {
                text[o] = ' ';
                map[o++] = pending_raw;
            }
            pending_space = 0;
            for (int j = 0; j < 3; j++) {
                text[o] = raw[i + (size_t)j];
                map[o++] = (uint32_t)i;
            }
            prev_wide = 1;
            have_prev = 1;
            i += 3;
            continue;
        }
        int len;
        uint32_t c = nb_utf8_decode(raw + i, n - i, &len);
        /* an undecodable byte stays in the raw text only: it can match nothing */
        uint32_t f = (c == 0xFFFD && len == 1) ? 0 : nb_fold_char(c);
        if (f == 0) { i += (size_t)len; continue; }
        if (f == ' ' || f == '\t') {
            if (!pending_space) pending_raw = (uint32_t)i;
            pending_space = 1;
            i += (size_t)len;
            continue;
        }
        int wide = nb_is_joinable(c);
        if (pending_space && have_prev && !(prev_wide && wide)) {
            text[o] = ' ';
            map[o++] = pending_raw;
        }
        pending_space = 0;
        char buf[4];
        int k = nb_utf8_encode(f, buf);
        for (int j = 0; j < k; j++) {
            text[o] = buf[j];
            map[o++] = (uint32_t)i;
        }
        prev_wide = wide;
        have_prev = 1;
        i += (size_t)len;
    }
    text[o] = '\0';
    map[o] = (uint32_t)n;
    out->text = text;
    out->len = (uint32_t)o;
    out->map = map;
}
