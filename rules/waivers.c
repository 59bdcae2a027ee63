/*
 * rules/waivers.c — read the waivers file and mark the findings it covers (see waivers.h).
 *
 * A waiver matches a finding when the rule matches (exactly, or by a prefix ending in '*'), the
 * target names the document (its sha256, or its agency and year as read from the title), the cell
 * is empty or equals the finding's table.row.col, and it has not expired (today ≤ expires).
 * Waived findings are kept, with the waiver's reason: an accepted finding is still a fact.
 */
#include "waivers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit_opts.h"
#include "csvin.h"

static int fail(const char **err, const char *msg)
{
    *err = msg;
    return -1;
}

/* Read one data row into a waiver. Returns 0, or -1 with *err. */
static int read_waiver(nb_waivers *w, const nb_csvin_row *row, const int col[5], const char *path, int en,
                       nb_waiver *out, const char **err)
{
    nb_arena *a = &w->arena;
    out->rule = nb_csvin_field(row, col[0]);
    out->target = nb_csvin_field(row, col[1]);
    out->cell = nb_csvin_field(row, col[2]);
    out->reason = nb_csvin_field(row, col[3]);
    out->line = row->line;
    const char *exp = nb_csvin_field(row, col[4]);
    if (!*out->rule || !*out->target)
        return fail(err, nb_sprintf(a, en ? "%s: line %d: rule and target are required"
                                             : "%s: 第 %d 行：rule 和 target 不能为空", path, row->line));
    size_t n = strlen(out->rule);
    if (out->rule[n - 1] != '*' && !nb_rule_find(out->rule))
        return fail(err, nb_sprintf(a, en ? "%s: line %d: no rule '%s' (nianbao rules lists them)"
                                             : "%s: 第 %d 行：没有规则“%s”（nianbao rules 列出全部规则）",
                                       path, row->line, out->rule));
    int y, m, d;
    out->expires = 0;
    if (*exp) {
        if (!nb_parse_ymd(exp, &y, &m, &d))
            return fail(err, nb_sprintf(a, en ? "%s: line %d: expires '%s' is not a date YYYY-MM-DD"
                                                 : "%s: 第 %d 行：expires“%s”不是 YYYY-MM-DD 格式的日期",
                                           path, row->line, exp));
        out->expires = nb_ymd(y, m, d);
    }
    return 0;
}

int nb_waivers_load(const char *path, nb_waivers *w, int en, const char **err)
{
    static const char *const names[5] = {"rule", "target", "cell", "reason", "expires"};
    memset(w, 0, sizeof *w);
    nb_arena_init(&w->arena);
    nb_csvin_file csv;
    if (nb_csvin_load(path, &w->arena, &csv, en, err) != 0) return -1;
    if (!csv.n) return 0;
    int col[5];
    for (int k = 0; k < 5; k++) {
        col[k] = nb_csvin_column(&csv.rows[0], names[k]);
        if (col[k] < 0)
            return fail(err, nb_sprintf(&w->arena, en ? "%s: the header must name rule,target,cell,reason,expires (no '%s')"
                                                         : "%s: 表头应为 rule,target,cell,reason,expires（缺少“%s”）",
                                           path, names[k]));
    }
    w->v = nb_alloc(&w->arena, (size_t)csv.n * sizeof *w->v);
    for (int i = 1; i < csv.n; i++)
        if (read_waiver(w, &csv.rows[i], col, path, en, &w->v[w->n++], err) != 0) return -1;
    return 0;
}

void nb_waivers_free(nb_waivers *w)
{
    nb_arena_free(&w->arena);
    w->v = NULL;
    w->n = 0;
}

/* Does the target name this document: its sha256, or agency+year? */
static int target_matches(const char *target, const char *sha256, const char *agency, int year)
{
    if (sha256 && *sha256 && strcasecmp(target, sha256) == 0) return 1;
    const char *plus = strrchr(target, '+');
    if (!plus || !agency || !year) return 0;
    return (size_t)(plus - target) == strlen(agency) && strncmp(target, agency, (size_t)(plus - target)) == 0 &&
           atoi(plus + 1) == year && plus[1];
}

/* Does the cell "t4.review.total" name the finding's place? Parts left empty in the finding are
 * left out: "section.4", "t4" for MISSING-TABLE. */
static int cell_matches(const char *cell, const nb_finding *x)
{
    if (!*cell) return 1;
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s%s%s%s", x->table, *x->row ? "." : "", x->row, *x->col ? "." : "", x->col);
    return strcmp(cell, buf) == 0;
}

static int rule_matches(const char *pattern, const char *id)
{
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*') return strncmp(pattern, id, n - 1) == 0;
    return strcmp(pattern, id) == 0;
}

const char *nb_waiver_match(const nb_waivers *w, const char *sha256, const char *agency, int year, const nb_finding *x,
                            const nb_audit_opts *o, nb_findings *window)
{
    for (int k = 0; k < w->n; k++) {
        const nb_waiver *wv = &w->v[k];
        if (!rule_matches(wv->rule, x->rule->id) || !cell_matches(wv->cell, x) || !target_matches(wv->target, sha256, agency, year))
            continue;
        /* after the match: only the expiry of a waiver that covers x makes a day differ */
        if (wv->expires && nb_today_after(window, o, nb_day_of_ymd(wv->expires))) continue;
        return *wv->reason ? wv->reason : "waived";
    }
    return NULL;
}

int nb_waivers_apply(const nb_waivers *w, const char *sha256, const char *agency, int year,
                     nb_findings *f, const nb_audit_opts *o)
{
    int marked = 0;
    for (int i = 0; i < f->n; i++) {
        nb_finding *x = &f->v[i];
        if (x->waived) continue;
        const char *reason = nb_waiver_match(w, sha256, agency, year, x, o, f);
        if (!reason) continue;
        x->waived = nb_strdup(f->arena, reason);
        marked++;
    }
    return marked;
}
