/*
 * parser/pattern.h — PCRE2 patterns compiled once, with JIT, and matched without allocation.
 *
 * Every module declares its patterns as static data and compiles them on first use through
 * nb_re_get; the compiled code is shared for the life of the process (nianbao is single-threaded
 * within a process; parallelism is by worker processes). Matching reuses one match-data block.
 * Patterns are UTF-8 and run on normalised text (normalize.h): write ASCII parentheses, digits,
 * '-' for every dash.
 */
#ifndef NB_PATTERN_H
#define NB_PATTERN_H

#include <stddef.h>

typedef struct nb_re nb_re;

/* The compiled form of a pattern, compiled (with JIT) the first time it is asked for.
 * A pattern that does not compile is a programming error: the process aborts naming it. */
nb_re *nb_re_get(const char *pattern);

/* Find the first match of re in s[0..n) at or after start. On success returns 1 and fills
 * ov[0..2*nov) with start/end byte offsets of the whole match and its groups (-1 where a group did
 * not take part, as (size_t)-1). Returns 0 when there is no match. */
int nb_re_find(const nb_re *re, const char *s, size_t n, size_t start, size_t *ov, int nov);

/* The (*MARK:NAME) the last successful match passed through, as a number (-1 if none). Patterns
 * built as an alternation of keys, each ending in (*MARK:i), tell which key matched in one pass. */
int nb_re_last_mark(void);

/* Convenience: does re match anywhere in s? */
int nb_re_test(const nb_re *re, const char *s, size_t n);

/* Number of a named group, for patterns that use (?<name>...). */
int nb_re_group(const nb_re *re, const char *name);

/* Copy pattern into out with \s* between every two adjacent Han characters, so that words match
 * across a line break or letter spacing (行政诉/讼). Only literal Han characters are touched. */
void nb_pattern_spread(const char *pattern, char *out, size_t size);

/* Release every compiled pattern (tests and leak checkers call it at exit). */
void nb_re_free_all(void);



/* The usual way to use a pattern: a static slot per call site, filled once.
 *     static nb_re *re;  if (nb_re_find(nb_re_once(&re, "..."), ...)) ... */
static inline nb_re *nb_re_once(nb_re **slot, const char *pattern)
{
    if (!*slot) *slot = nb_re_get(pattern);
    return *slot;
}
#endif
