/*
 * rules/finding.c — the list of findings of one document, their arguments, and the rendering of a
 * rule's message template in Chinese or English.
 *
 * Findings live in the document's arena: the array grows by copying into a larger arena block
 * (the old block is simply left behind; the arena is freed with the document). A pointer returned
 * by nb_add_finding therefore stays valid only until the next nb_add_finding.
 *
 * Templates are plain text with {name} placeholders. A value is looked up as name@zh / name@en
 * first (an argument whose words depend on the language), then as name, then among the finding's
 * own fields. Rendering never fails: an unknown placeholder is copied as written so that a
 * forgotten argument is visible in the output and in the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"

void nb_findings_init(nb_findings *f, nb_arena *a)
{
    f->arena = a;
    f->v = NULL;
    f->n = f->cap = 0;
    f->prose = NULL;
    f->today_from = NB_DAY_FIRST;          /* no rule has asked about today yet: any day will do */
    f->today_until = NB_DAY_LAST;
}

/* The memory belongs to the arena; forgetting the array is all there is to do. */
void nb_findings_free(nb_findings *f)
{
    f->v = NULL;
    f->n = f->cap = 0;
    f->prose = NULL;
}

static void grow(nb_findings *f)
{
    int cap = f->cap ? f->cap * 2 : 16;
    nb_finding *v = nb_alloc(f->arena, (size_t)cap * sizeof *v);
    if (f->n) memcpy(v, f->v, (size_t)f->n * sizeof *v);
    f->v = v;
    f->cap = cap;
}

static const char *copy_or_empty(nb_arena *a, const char *s)
{
    return s && *s ? nb_strdup(a, s) : "";
}

nb_finding *nb_add_finding(nb_findings *f, const char *rule_id, const char *table, const char *row,
                           const char *col, uint32_t page, const char *expected, const char *actual)
{
    const nb_rule *rule = nb_rule_find(rule_id);
    if (!rule) {
        /* a rule raised but not in the catalog is a programming error, like a bad pattern */
        fprintf(stderr, "nianbao: finding for a rule not in the catalog: %s\n", rule_id);
        abort();
    }
    if (f->n == f->cap) grow(f);
    nb_finding *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    x->rule = rule;
    x->severity = rule->severity;
    x->table = copy_or_empty(f->arena, table);
    x->row = copy_or_empty(f->arena, row);
    x->col = copy_or_empty(f->arena, col);
    x->page = page;
    x->expected = copy_or_empty(f->arena, expected);
    x->actual = copy_or_empty(f->arena, actual);
    return x;
}

void nb_finding_arg(nb_findings *f, nb_finding *x, const char *name, const char *value)
{
    const char *v = value ? nb_strdup(f->arena, value) : "";
    for (int i = 0; i < x->nargs; i++) {
        if (strcmp(x->arg_name[i], name) == 0) {
            x->arg_value[i] = v;
            return;
        }
    }
    if (x->nargs == NB_MAX_ARGS) {
        fprintf(stderr, "nianbao: too many arguments for %s\n", x->rule->id);
        abort();
    }
    x->arg_name[x->nargs] = nb_strdup(f->arena, name);
    x->arg_value[x->nargs] = v;
    x->nargs++;
}

/* name + suffix, in a stack buffer when it fits (nb_finding_arg copies it): formatting the two
 * names with nb_sprintf was a fifth of the cost of a MISSING-CELL finding, the most frequent one. */
static void arg_suffixed(nb_findings *f, nb_finding *x, const char *name, const char *suffix,
                         const char *value)
{
    char buf[64];
    size_t n = strlen(name), k = strlen(suffix);
    if (n + k >= sizeof buf) {
        nb_finding_arg(f, x, nb_sprintf(f->arena, "%s%s", name, suffix), value);
        return;
    }
    memcpy(buf, name, n);
    memcpy(buf + n, suffix, k + 1);
    nb_finding_arg(f, x, buf, value);
}

void nb_finding_arg_tr(nb_findings *f, nb_finding *x, const char *name, const char *zh,
                       const char *en)
{
    arg_suffixed(f, x, name, "@zh", zh);
    arg_suffixed(f, x, name, "@en", en);
}

/* Look an argument up by a name given as s[0..n) (the inside of a placeholder). */
static const char *arg_named(const nb_finding *x, const char *s, size_t n, const char *suffix)
{
    size_t k = suffix ? strlen(suffix) : 0;
    for (int i = 0; i < x->nargs; i++) {
        const char *a = x->arg_name[i];
        if (strlen(a) == n + k && strncmp(a, s, n) == 0 && (!k || strcmp(a + n, suffix) == 0))
            return x->arg_value[i];
    }
    return NULL;
}

/* The finding's own fields, for templates that name them. page is formatted into buf. */
static const char *field_named(const nb_finding *x, const char *s, size_t n, char *buf, size_t cap)
{
#define FIELD(name, value) if (n == sizeof name - 1 && strncmp(s, name, n) == 0) return value
    FIELD("table", x->table);
    FIELD("row", x->row);
    FIELD("col", x->col);
    FIELD("expected", x->expected);
    FIELD("actual", x->actual);
    FIELD("rule", x->rule->id);
#undef FIELD
    if (n == 4 && strncmp(s, "page", 4) == 0 && cap) {
        snprintf(buf, cap, "%u", x->page);
        return buf;
    }
    return NULL;
}

static const char *lookup(const nb_finding *x, const char *s, size_t n, int en, char *buf, size_t cap)
{
    const char *v = arg_named(x, s, n, en ? "@en" : "@zh");
    if (!v) v = arg_named(x, s, n, NULL);
    if (!v) v = field_named(x, s, n, buf, cap);
    return v;
}

/* {page} needs a buffer to be formatted into; this lookup has none, so it answers NULL for it
 * (x->page is at hand). */
const char *nb_finding_get(const nb_finding *x, const char *name, int en)
{
    return lookup(x, name, strlen(name), en, NULL, 0);
}

/* A growable string in the arena, for rendering. */
typedef struct sbuf {
    nb_arena *a;
    char *s;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->n + n + 1) cap *= 2;
        char *t = nb_alloc(b->a, cap);
        if (b->n) memcpy(t, b->s, b->n);
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

const char *nb_render_template(nb_arena *a, const char *tmpl, const nb_finding *x, int en)
{
    sbuf b = {a, NULL, 0, 0};
    sb_put(&b, "", 0);
    const char *p = tmpl ? tmpl : "";
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open + 1, '}') : NULL;
        if (!open || !close) {
            sb_put(&b, p, strlen(p));
            break;
        }
        sb_put(&b, p, (size_t)(open - p));
        char page[16];
        const char *v = x ? lookup(x, open + 1, (size_t)(close - open - 1), en, page, sizeof page) : NULL;
        if (v) sb_put(&b, v, strlen(v));
        else sb_put(&b, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    return b.s;
}

const char *nb_finding_message(nb_arena *a, const nb_finding *x, int en)
{
    return nb_render_template(a, en ? x->rule->msg_en : x->rule->msg_zh, x, en);
}

const char *nb_severity_name(nb_severity s)
{
    switch (s) {
    case NB_SEV_ERROR: return "error";
    case NB_SEV_WARNING: return "warning";
    case NB_SEV_INFO: return "info";
    }
    return "info";
}

int nb_rule_is_extraction(const nb_rule *rule)
{
    return strncmp(rule->id, "EXTRACT-", 8) == 0;
}
