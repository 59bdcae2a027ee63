/*
 * parser/pattern.c — the process-wide cache of compiled PCRE2 patterns (see pattern.h).
 *
 * Patterns are few (a few hundred) and looked up by the address of their static string first,
 * falling back to comparing text, so a lookup on the hot path is a short scan of pointers.
 *
 * JIT when it pays. Compiling a pattern to machine code costs about as much as 30 to 60 matches
 * of a line in the interpreter, and a run over one PDF matches most of its ~150 patterns only a
 * few times: JIT-compiling all of them up front was an eighth of the instructions of `nianbao
 * audit` on a five-page report. So a pattern is interpreted until its work reaches JIT_AFTER, then
 * compiled with JIT. Work counts a unit per match and one per 64 bytes of subject: a pattern that
 * searches a whole report (20 KB) at once, as the narrative-year count does, is worth compiling at
 * once; the patterns a batch leans on (numbers, row labels, page furniture) are compiled within
 * the first report.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nb_re {
    const char *src;
    pcre2_code *code;
    size_t work;            /* interpreted so far (see above); JIT_AFTER once compiled */
};

enum { JIT_AFTER = 32 };

#define NB_MAX_PATTERNS 1024
static nb_re cache[NB_MAX_PATTERNS];
static int ncache;
static pcre2_match_data *mdata;      /* shared: one match at a time per process */

static nb_re *compile(const char *pattern)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "nianbao: bad pattern at %zu: %s\n  %s\n", (size_t)off, msg, pattern);
        abort();
    }
    if (ncache == NB_MAX_PATTERNS) {
        fputs("nianbao: too many patterns\n", stderr);
        abort();
    }
    nb_re *r = &cache[ncache++];
    r->src = pattern;
    r->code = code;
    r->work = 0;
    return r;
}

nb_re *nb_re_get(const char *pattern)
{
    for (int i = 0; i < ncache; i++)
        if (cache[i].src == pattern) return &cache[i];
    for (int i = 0; i < ncache; i++)
        if (strcmp(cache[i].src, pattern) == 0) return &cache[i];
    return compile(pattern);
}

/* Count the work of a match over `len` bytes; JIT-compile when it reaches JIT_AFTER (pcre2_match
 * takes the JIT path by itself once the code has it, and stays interpreted if JIT is unavailable).
 * The entry lives in the non-const cache, so writing through the const handle is sound. */
static void count_work(const nb_re *re, size_t len)
{
    nb_re *w = (nb_re *)re;
    if (w->work >= JIT_AFTER) return;
    w->work += 1 + len / 64;
    if (w->work >= JIT_AFTER) {
        pcre2_jit_compile(w->code, PCRE2_JIT_COMPLETE);
        w->work = JIT_AFTER;
    }
}

int nb_re_find(const nb_re *re, const char *s, size_t n, size_t start, size_t *ov, int nov)
{
    if (!mdata) mdata = pcre2_match_data_create(64, NULL);
    if (start > n) return 0;
    count_work(re, n - start);
    /* the text is valid UTF-8 by construction (normalize.c), so the check is skipped */
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, mdata, NULL);
    if (rc < 0) return 0;
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(mdata);
    uint32_t have = pcre2_get_ovector_count(mdata);
    for (int i = 0; i < nov; i++) {
        if ((uint32_t)i < have && i < rc) {
            ov[2 * i] = v[2 * i] == PCRE2_UNSET ? (size_t)-1 : v[2 * i];
            ov[2 * i + 1] = v[2 * i + 1] == PCRE2_UNSET ? (size_t)-1 : v[2 * i + 1];
        } else {
            ov[2 * i] = ov[2 * i + 1] = (size_t)-1;
        }
    }
    return 1;
}

int nb_re_last_mark(void)
{
    if (!mdata) return -1;
    PCRE2_SPTR m = pcre2_get_mark(mdata);
    return m ? atoi((const char *)m) : -1;
}

int nb_re_test(const nb_re *re, const char *s, size_t n)
{
    size_t ov[2];
    return nb_re_find(re, s, n, 0, ov, 1);
}

int nb_re_group(const nb_re *re, const char *name)
{
    int g = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return g < 0 ? -1 : g;
}

/* Length of the UTF-8 character at s when it is a Han ideograph (3 bytes, U+3400..U+9FFF), else 0. */
static int han_len(const unsigned char *s)
{
    if (s[0] >= 0xE3 && s[0] <= 0xE9 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        unsigned cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (cp >= 0x3400 && cp <= 0x9FFF) return 3;
    }
    return 0;
}

void nb_pattern_spread(const char *pattern, char *out, size_t size)
{
    const unsigned char *p = (const unsigned char *)pattern;
    size_t o = 0;
    int prev_han = 0;
    while (*p && o + 8 < size) {
        int h = han_len(p);
        if (h && prev_han) {
            memcpy(out + o, "\\s*", 3);
            o += 3;
        }
        int len = h ? h : 1;
        /* an escaped character stays with its backslash */
        if (!h && *p == '\\' && p[1]) len = 2;
        memcpy(out + o, p, (size_t)len);
        o += (size_t)len;
        p += len;
        prev_han = h != 0;
    }
    out[o] = '\0';
}

void nb_re_free_all(void)
{
    for (int i = 0; i < ncache; i++) pcre2_code_free(cache[i].code);
    ncache = 0;
    if (mdata) pcre2_match_data_free(mdata);
    mdata = NULL;
}
