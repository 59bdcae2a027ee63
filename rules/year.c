/*
 * rules/year.c — YEAR-CARRYOVER, YEAR-IN-FORCE, YEAR-DUPLICATE: one agency's reports from year to
 * year (agency names normalised, nb_agency_key; the roster's aliases join names that differ).
 *
 * Reports are grouped by agency and sorted by year; a report is compared with the agency's report
 * for the year before (the first of that year, in input order, when there are two). Only reports
 * of this run get findings; earlier reports (from --state) are there to be compared with. The
 * groups come from a sort on disk by a hash of the agency (xrun.h): one agency's reports are in
 * memory at a time, whatever the number of reports.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xrun.h"

/* Narratives at least this similar are one text (MinHash estimate; formats lose a few words). */
#define NB_SAME_TEXT 0.9

static int by_agency_year(const void *pa, const void *pb)
{
    const nb_xdoc *a = *(nb_xdoc *const *)pa, *b = *(nb_xdoc *const *)pb;
    int c = strcmp(a->key, b->key);
    if (c) return c;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    return a->order - b->order;
}

static const char *num_text(nb_arena *a, int64_t v)
{
    return nb_sprintf(a, "%" PRId64, v);
}

static void carryover(const nb_xdoc *d, const nb_xdoc *p, nb_xfindings *out)
{
    static const char *const col_zh[7] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
    for (int c = 0; c < 7; c++) {
        int64_t now = d->num[NB_X_CARRIED + c], before = p->num[NB_X_FORWARD + c];
        if (now == NB_X_UNKNOWN || before == NB_X_UNKNOWN || now == before) continue;
        nb_xfinding *x = nb_xfinding_add(out, "YEAR-CARRYOVER", d);
        nb_arena *a = out->a;
        x->table = "t3";
        x->row = "carried";
        x->col = nb_x_t3_cols[c];
        x->page = d->t3_page;
        x->expected = num_text(a, before);
        x->actual = num_text(a, now);
        x->msg_zh = nb_sprintf(a, "表三「二、上年结转」「%s」列填报 %s，而 %d 年度报告 %s 的「四、结转下年度继续办理」为 %s。",
                               col_zh[c], x->actual, p->year, p->file, x->expected);
        x->msg_en = nb_sprintf(a, "Table 3: carried over from last year, column %s, is %s, but the %d report %s carried forward %s.",
                               nb_x_t3_cols[c], x->actual, p->year, p->file, x->expected);
    }
}

static void in_force(const nb_xdoc *d, const nb_xdoc *p, nb_xfindings *out)
{
    if (strcmp(d->version, "2021") || strcmp(p->version, "2021")) return;
    static const char *const rows[2] = {"rules", "normative"};
    static const char *const row_zh[2] = {"规章", "行政规范性文件"};
    for (int k = 0; k < 2; k++) {
        int64_t now = d->num[NB_X_RULES_IN_FORCE + 3 * k], before = p->num[NB_X_RULES_IN_FORCE + 3 * k];
        int64_t issued = d->num[NB_X_RULES_ISSUED + 3 * k], repealed = d->num[NB_X_RULES_REPEALED + 3 * k];
        if (now == NB_X_UNKNOWN || before == NB_X_UNKNOWN || issued == NB_X_UNKNOWN || repealed == NB_X_UNKNOWN) continue;
        int64_t want = before + issued - repealed;
        if (want == now) continue;
        nb_xfinding *x = nb_xfinding_add(out, "YEAR-IN-FORCE", d);
        nb_arena *a = out->a;
        x->table = "t2";
        x->row = rows[k];
        x->col = "in_force";
        x->page = d->t2_page;
        x->expected = num_text(a, want);
        x->actual = num_text(a, now);
        x->msg_zh = nb_sprintf(a, "表二「%s」现行有效件数为 %s，而 %d 年度报告 %s 的 %" PRId64 " 件加本年制发 %" PRId64
                                  " 件、减本年废止 %" PRId64 " 件为 %s（修改也可能造成差异）。",
                               row_zh[k], x->actual, p->year, p->file, before, issued, repealed, x->expected);
        x->msg_en = nb_sprintf(a, "Table 2, %s: %s in force, but the %d report %s had %" PRId64 ", plus %" PRId64
                                  " issued minus %" PRId64 " repealed makes %s (amendments can explain a difference).",
                               rows[k], x->actual, p->year, p->file, before, issued, repealed, x->expected);
    }
}

/* Two reports of one agency and year are different reports when a number read in both differs or
 * their narratives are not nearly the same; the same report in two formats (a PDF and its web
 * page) reads the same numbers and text, give or take what one format loses. */
static int different_reports(const nb_xdoc *a, const nb_xdoc *b)
{
    if (!strcmp(a->sha256, b->sha256) || a->content == b->content) return 0;
    for (int i = 0; i < NB_X__COUNT; i++)
        if (a->num[i] != NB_X_UNKNOWN && b->num[i] != NB_X_UNKNOWN && a->num[i] != b->num[i]) return 1;
    return a->has_sketch && b->has_sketch && nb_copy_similarity(a->sketch, b->sketch) < NB_SAME_TEXT;
}

/* One finding per report, naming the other reports of its agency and year that differ from it. */
static void duplicate(const nb_xdoc *d, const nb_xdoc *const *others, int n, nb_xfindings *out)
{
    nb_xfinding *x = nb_xfinding_add(out, "YEAR-DUPLICATE", d);
    nb_arena *a = out->a;
    const char *list = others[0]->file;
    for (int i = 1; i < n && i < 3; i++) list = nb_sprintf(a, "%s, %s", list, others[i]->file);
    const char *more_zh = n > 3 ? nb_sprintf(a, "等 %d 份", n) : "", *more_en = n > 3 ? nb_sprintf(a, " and %d more", n - 3) : "";
    x->actual = others[0]->file;
    x->msg_zh = nb_sprintf(a, "%s %d 年度另有内容不同的报告：%s%s。", *d->agency ? d->agency : "?", d->year, list, more_zh);
    x->msg_en = nb_sprintf(a, "%s has another, different report for %d: %s%s.", *d->agency ? d->agency : "?", d->year, list, more_en);
}

/* One agency's reports, sorted by year then order: each report of this run against the agency's
 * report for the year before (the first of that year) and the others of its year. */
static void agency_group(nb_xdoc **v, int n, nb_xfindings *out)
{
    const nb_xdoc **dup = malloc(((size_t)n + 1) * sizeof *dup);
    if (!dup) abort();
    for (int i = 0; i < n; i++) {
        const nb_xdoc *d = v[i];
        if (d->run) continue;
        const nb_xdoc *prev = NULL;
        int ndup = 0;
        for (int j = 0; j < n; j++) {
            const nb_xdoc *q = v[j];
            if (q->year == d->year - 1 && !prev) prev = q;
            if (q != d && q->year == d->year && different_reports(d, q)) dup[ndup++] = q;
        }
        if (ndup) duplicate(d, dup, ndup, out);
        if (prev) {
            carryover(d, prev, out);
            in_force(d, prev, out);
        }
    }
    free(dup);
}

/* The reports whose agency keys share one hash: split by key, each key its id and each report the
 * agency's latest year before its own (the copy rules' "last year"), then the rules. */
static void hash_group(nb_xrun *r, nb_xdoc **v, int m)
{
    qsort(v, (size_t)m, sizeof *v, by_agency_year);
    for (int s = 0; s < m;) {
        int e = s;
        while (e < m && !strcmp(v[e]->key, v[s]->key)) e++;
        uint32_t id = ++r->nkeys;
        int prev = 0;
        for (int i = s; i < e; i++) {
            if (i > s && v[i]->year != v[i - 1]->year) prev = v[i - 1]->year;
            nb_xrec rec;
            nb_xrun_rec(r, v[i]->order, &rec);
            rec.key_id = id;
            rec.prev_year = prev;
            nb_xrun_set_rec(r, v[i]->order, &rec);
        }
        if (!r->o.families || (r->o.families & NB_XFAM_YEAR)) agency_group(v + s, e - s, &r->pending);
        s = e;
    }
    nb_xrun_flush(r);
}

void nb_xyear_pass(nb_xrun *r)
{
    nb_arena a;
    nb_arena_init(&a);
    GPtrArray *v = g_ptr_array_new();
    uint8_t rec[12];
    uint64_t cur = 0;
    for (;;) {
        int more = nb_spill_next(r->year, rec);
        uint64_t h = more ? nb_get_be64(rec) : 0;
        if (v->len && (!more || h != cur)) {
            hash_group(r, (nb_xdoc **)v->pdata, (int)v->len);
            g_ptr_array_set_size(v, 0);
            nb_arena_reset(&a);
        }
        if (!more) break;
        cur = h;
        nb_xdoc *d = nb_alloc(&a, sizeof *d);
        nb_xrun_doc(r, (int)nb_get_be32(rec + 8), &a, d);
        g_ptr_array_add(v, d);
    }
    g_ptr_array_free(v, TRUE);
    nb_arena_free(&a);
}
