/*
 * report/html.c — the page: its frame, the summary, the findings table's shell and data, the
 * review panel (see html.h). Each report's own section is written by html_doc.c.
 *
 * The findings table is drawn by the page's script from a JSON block (one array per finding), so a
 * run of a thousand reports opens fast: the rows shown are built, the rest wait for a filter. A
 * large run's report sections are kept as raw text in <script type="text/x-nb-report"> blocks and
 * turned into HTML when a reader opens one (or prints): raw text costs the browser no DOM.
 */
#include "html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../parser/template.h"
#include "../rules/audit_opts.h"
#include "evidence.h"
#include "hstr.h"
#include "html_doc.h"
#include "page_assets.h"
#include "svg.h"

#define TR(o, zh, en_) ((o)->en ? (en_) : (zh))

static const char *const sev_zh[3] = {"提示", "警告", "错误"};
static const char *const sev_en[3] = {"info", "warning", "error"};

const char *nb_html_sev_word(const nb_html_opts *o, int sev)
{
    return o->en ? sev_en[sev] : sev_zh[sev];
}

/* ---------- what the summary counts ---------- */

static int is_audit_finding(const nb_rfinding *x)
{
    return !nb_rule_is_extraction(x->f.rule);
}

static int sev_of(const nb_rfinding *x)
{
    return (int)x->f.severity;
}

/* The family of a rule: its ID up to the first '-' (SUM, MISSING, DATE, PROSE, EXTRACT …). */
static size_t family_len(const char *id)
{
    const char *dash = strchr(id, '-');
    return dash ? (size_t)(dash - id) : strlen(id);
}

static void cards(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    int failed = 0, counts[3] = {0}, waived = 0, extract = 0;
    for (int k = 0; k < run->ndocs; k++)
        failed += !strcmp(run->docs[k].status, "error") || !strcmp(run->docs[k].status, "no_text_layer");
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        if (x->f.waived) waived++;
        else if (!is_audit_finding(x)) extract++;
        else counts[sev_of(x)]++;
    }
    g_string_append(s, "<div class=\"cards\">");
    g_string_append_printf(s, "<div class=\"card\"><b>%d</b><span>%s</span></div>", run->ndocs, TR(o, "份文件", "files"));
    g_string_append_printf(s, "<div class=\"card\"><b>%d</b><span>%s</span></div>", run->ndocs - failed,
                           TR(o, "已读取", "read"));
    g_string_append_printf(s, "<div class=\"card\"><b%s>%d</b><span>%s</span></div>", failed ? " class=\"late\"" : "",
                           failed, TR(o, "未能读取", "not read"));
    for (int k = 2; k >= 0; k--)
        g_string_append_printf(s, "<div class=\"card sev-%s\"><b>%d</b><span class=\"sev\">%s</span></div>", sev_en[k],
                               counts[k], nb_html_sev_word(o, k));
    g_string_append_printf(s, "<div class=\"card\"><b>%d</b><span>%s</span></div>", extract,
                           TR(o, "提取存疑（本工具）", "extraction doubts (ours)"));
    g_string_append_printf(s, "<div class=\"card\"><b>%d</b><span>%s</span></div></div>", waived,
                           TR(o, "已豁免", "waived"));
    g_string_append_printf(s, "<p class=\"note\">%s</p>",
                           TR(o, "错误、警告、提示只计审查规则（不含已豁免的和 EXTRACT- 提取存疑）。",
                                 "Errors, warnings and info count the audit rules only (not waived ones, not "
                                 "EXTRACT- doubts, which are nianbao's own)."));
}

static void status_table(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    const char *names[16];
    int n = 0, count[16] = {0};
    for (int k = 0; k < run->ndocs; k++) {
        int j = 0;
        while (j < n && strcmp(names[j], run->docs[k].status)) j++;
        if (j == n && n < 16) names[n++] = run->docs[k].status;
        if (j < 16) count[j]++;
    }
    g_string_append_printf(s, "<table class=\"data\"><caption class=\"note\">%s</caption><tr><th>%s</th><th class=\"n\">%s</th></tr>",
                           TR(o, "文件状态", "files by status"), TR(o, "状态", "status"), TR(o, "文件", "files"));
    for (int j = 0; j < n; j++) {
        g_string_append(s, "<tr><td><code>");
        nb_h_text(s, *names[j] ? names[j] : "?");
        g_string_append_printf(s, "</code></td><td class=\"n\">%d</td></tr>", count[j]);
    }
    g_string_append(s, "</table>");
    /* the files that could not be read, by name */
    int shown = 0;
    for (int k = 0; k < run->ndocs && shown < 50; k++) {
        const nb_rdoc *d = &run->docs[k];
        if (strcmp(d->status, "error") && strcmp(d->status, "no_text_layer")) continue;
        if (!shown++) g_string_append_printf(s, "<h4>%s</h4><ul>", TR(o, "未能读取的文件", "files not read"));
        g_string_append_printf(s, "<li><a href=\"#r-%d\">", k);
        nb_h_text(s, d->file);
        g_string_append(s, "</a> — ");
        nb_h_text(s, d->message);
        g_string_append(s, "</li>");
    }
    if (shown) g_string_append(s, "</ul>");
}

static void family_table(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    /* families in catalog order */
    const char *fam[32];
    size_t flen[32];
    int nf = 0, cnt[32][4];
    memset(cnt, 0, sizeof cnt);
    for (int r = 0; r < nb_nrules && nf < 32; r++) {
        size_t n = family_len(nb_rules[r].id);
        int j = 0;
        while (j < nf && (flen[j] != n || strncmp(fam[j], nb_rules[r].id, n))) j++;
        if (j == nf) fam[nf] = nb_rules[r].id, flen[nf++] = n;
    }
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        size_t n = family_len(x->f.rule->id);
        for (int j = 0; j < nf; j++)
            if (flen[j] == n && !strncmp(fam[j], x->f.rule->id, n)) {
                cnt[j][x->f.waived ? 3 : sev_of(x)]++;
                break;
            }
    }
    g_string_append_printf(s, "<table class=\"data\"><caption class=\"note\">%s</caption><tr><th>%s</th>",
                           TR(o, "按规则族和严重程度", "by rule family and severity"), TR(o, "规则族", "family"));
    for (int k = 2; k >= 0; k--) g_string_append_printf(s, "<th class=\"n\">%s</th>", nb_html_sev_word(o, k));
    g_string_append_printf(s, "<th class=\"n\">%s</th></tr>", TR(o, "已豁免", "waived"));
    for (int j = 0; j < nf; j++) {
        g_string_append(s, "<tr><td><code>");
        g_string_append_len(s, fam[j], (gssize)flen[j]);
        g_string_append(s, "-*</code></td>");
        for (int k = 2; k >= 0; k--) g_string_append_printf(s, "<td class=\"n\">%d</td>", cnt[j][k]);
        g_string_append_printf(s, "<td class=\"n\">%d</td></tr>", cnt[j][3]);
    }
    g_string_append(s, "</table>");
}

/* ---------- agencies ---------- */

typedef struct agency_sum {
    const char *name;
    int v[3], first_doc;
} agency_sum;

static int by_findings(const void *pa, const void *pb)
{
    const agency_sum *a = pa, *b = pb;
    for (int k = 2; k >= 0; k--)
        if (a->v[k] != b->v[k]) return b->v[k] - a->v[k];
    return strcmp(a->name, b->name);
}

static void agencies(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    GHashTable *idx = g_hash_table_new(g_str_hash, g_str_equal);
    agency_sum *v = g_new0(agency_sum, run->ndocs + 1);
    int n = 0;
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        if (x->doc < 0 || x->f.waived || !is_audit_finding(x)) continue;
        const char *name = run->docs[x->doc].agency;
        if (!*name) continue;
        int j = GPOINTER_TO_INT(g_hash_table_lookup(idx, name)) - 1;
        if (j < 0) {
            j = n++;
            v[j].name = name;
            v[j].first_doc = x->doc;
            g_hash_table_insert(idx, (gpointer)name, GINT_TO_POINTER(j + 1));
        }
        v[j].v[sev_of(x)]++;
    }
    qsort(v, (size_t)n, sizeof *v, by_findings);
    int top = n < 15 ? n : 15;
    g_string_append_printf(s, "<h3 id=\"agencies\">%s</h3>", TR(o, "发现最多的机关", "Agencies with the most findings"));
    if (!top) g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "没有审查发现。", "No audit findings."));
    else {
        nb_svg_bar *bars = g_new0(nb_svg_bar, top);
        GPtrArray *hrefs = g_ptr_array_new_with_free_func(g_free);
        for (int j = 0; j < top; j++) {
            char *h = g_strdup_printf("#r-%d", v[j].first_doc);
            g_ptr_array_add(hrefs, h);
            bars[j] = (nb_svg_bar){v[j].name, h, {v[j].v[0], v[j].v[1], v[j].v[2]}};
        }
        const char *names[3] = {nb_html_sev_word(o, 0), nb_html_sev_word(o, 1), nb_html_sev_word(o, 2)};
        nb_svg_bars(s, TR(o, "各机关的审查发现", "Findings per agency"), bars, top, names);
        if (n > top) {
            char *note = o->en ? g_strdup_printf("%d more agencies have findings; the table below filters by agency.", n - top)
                               : g_strdup_printf("另有 %d 个机关有发现；下方发现表可按机关筛选。", n - top);
            g_string_append_printf(s, "<p class=\"note\">%s</p>", note);
            g_free(note);
        }
        g_ptr_array_free(hrefs, TRUE);
        g_free(bars);
    }
    g_free(v);
    g_hash_table_destroy(idx);
}

/* ---------- dates against the deadline ---------- */

/* Days from the deadline to the date the deadline rules judge (signed, else published); 0 and
 * *ok = 0 when the report has no such date or no year. */
int nb_html_margin(const nb_rdoc *d, const nb_html_opts *o, int *ok, int *dl_m, int *dl_d, const char **which)
{
    *ok = 0;
    /* a PDF's creation date is shown, never judged (rules/dates.c) */
    const char *published = d->published_source && !strcmp(d->published_source, "pdf-creation") ? "" : d->published_date;
    const char *date = *d->signed_date ? d->signed_date : published;
    if (which) *which = *d->signed_date ? "signed" : "published";
    int y, m, dd;
    if (!d->year || !date || !*date || !nb_parse_ymd(date, &y, &m, &dd)) return 0;
    nb_deadline dl = nb_deadline_for(o->aopts, *d->agency ? d->agency : NULL, NULL, d->year);
    if (dl_m) *dl_m = dl.m;
    if (dl_d) *dl_d = dl.d;
    if (!g_date_valid_dmy((GDateDay)dl.d, (GDateMonth)dl.m, (GDateYear)(d->year + 1))) return 0;
    GDate a, b;
    g_date_clear(&a, 1);
    g_date_clear(&b, 1);
    g_date_set_dmy(&a, (GDateDay)dl.d, (GDateMonth)dl.m, (GDateYear)(d->year + 1));
    g_date_set_dmy(&b, (GDateDay)dd, (GDateMonth)m, (GDateYear)y);
    *ok = 1;
    return g_date_days_between(&a, &b);
}

typedef struct agency_row {
    const char *name;
    int worst;      /* the latest margin of its reports */
} agency_row;

static int by_worst(const void *pa, const void *pb)
{
    const agency_row *a = pa, *b = pb;
    if (a->worst != b->worst) return b->worst - a->worst;
    return strcmp(a->name, b->name);
}

enum { DEADLINE_ROWS = 30 };

static void deadline_plot(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    GHashTable *idx = g_hash_table_new(g_str_hash, g_str_equal);
    agency_row *rows = g_new0(agency_row, run->ndocs + 1);
    int *margin = g_new0(int, run->ndocs + 1), *has = g_new0(int, run->ndocs + 1);
    int nr = 0, dated = 0, late = 0;
    for (int k = 0; k < run->ndocs; k++) {
        const nb_rdoc *d = &run->docs[k];
        margin[k] = nb_html_margin(d, o, &has[k], NULL, NULL, NULL);
        if (!has[k]) continue;
        dated++;
        late += margin[k] > 0;
        const char *name = *d->agency ? d->agency : d->file;
        int j = GPOINTER_TO_INT(g_hash_table_lookup(idx, name)) - 1;
        if (j < 0) {
            j = nr++;
            rows[j] = (agency_row){name, margin[k]};
            g_hash_table_insert(idx, (gpointer)name, GINT_TO_POINTER(j + 1));
        } else if (margin[k] > rows[j].worst) rows[j].worst = margin[k];
    }
    g_string_append_printf(s, "<h3 id=\"dates\">%s</h3>", TR(o, "落款/发布日期与截止日期", "Signing and publication dates against the deadline"));
    if (!dated) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "没有报告带有可判断的日期。", "No report has a date to judge."));
    } else {
        qsort(rows, (size_t)nr, sizeof *rows, by_worst);
        int shown = nr < DEADLINE_ROWS ? nr : DEADLINE_ROWS;
        g_hash_table_remove_all(idx);
        const char **labels = g_new0(const char *, shown + 1);
        for (int j = 0; j < shown; j++) {
            labels[j] = rows[j].name;
            g_hash_table_insert(idx, (gpointer)rows[j].name, GINT_TO_POINTER(j + 1));
        }
        nb_svg_dot *dots = g_new0(nb_svg_dot, run->ndocs + 1);
        GPtrArray *own = g_ptr_array_new_with_free_func(g_free);
        int nd = 0;
        for (int k = 0; k < run->ndocs; k++) {
            const nb_rdoc *d = &run->docs[k];
            if (!has[k]) continue;
            int j = GPOINTER_TO_INT(g_hash_table_lookup(idx, *d->agency ? d->agency : d->file)) - 1;
            if (j < 0) continue;
            char *tip = o->en ? g_strdup_printf("%s %d: %s, %+d days", d->agency, d->year,
                                                *d->signed_date ? d->signed_date : d->published_date, margin[k])
                              : g_strdup_printf("%s %d：%s，%+d 天", d->agency, d->year,
                                                *d->signed_date ? d->signed_date : d->published_date, margin[k]);
            char *href = g_strdup_printf("#r-%d", k);
            g_ptr_array_add(own, tip);
            g_ptr_array_add(own, href);
            dots[nd++] = (nb_svg_dot){j, margin[k], tip, href};
        }
        nb_svg_deadline(s, TR(o, "各机关报告日期距截止日期的天数", "Days from the deadline, per agency"), labels, shown,
                        dots, nd, TR(o, "截止", "deadline"), TR(o, "天（正数为逾期）", "days (positive: late)"));
        char *note = o->en ? g_strdup_printf("%d of %d dated reports after their deadline; agencies sorted latest first%s.",
                                             late, dated, nr > shown ? ", the 30 latest shown" : "")
                           : g_strdup_printf("%d 份有日期的报告中 %d 份晚于截止日期；机关按最晚的排在前面%s。", dated, late,
                                             nr > shown ? "，只显示最晚的 30 个" : "");
        g_string_append_printf(s, "<p class=\"note\">%s</p>", note);
        g_free(note);
        g_ptr_array_free(own, TRUE);
        g_free(dots);
        g_free(labels);
    }
    g_free(margin);
    g_free(has);
    g_free(rows);
    g_hash_table_destroy(idx);
}

/* ---------- late and missing ---------- */

static void late_list(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    g_string_append_printf(s, "<h3 id=\"late\">%s</h3>", TR(o, "逾期和缺失的报告", "Late and missing reports"));
    int n = 0;
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        if (strcmp(x->f.rule->id, "DATE-LATE") || x->doc < 0) continue;
        const nb_rdoc *d = &run->docs[x->doc];
        if (!n++)
            g_string_append_printf(s, "<table class=\"data\"><tr><th>%s</th><th class=\"n\">%s</th><th>%s</th><th>%s</th><th></th></tr>",
                                   TR(o, "机关", "agency"), TR(o, "年度", "year"), TR(o, "日期", "date"),
                                   TR(o, "截止日期", "deadline"));
        g_string_append(s, "<tr><td>");
        nb_h_text(s, d->agency);
        g_string_append_printf(s, "</td><td class=\"n\">%d</td><td class=\"late\">", d->year);
        nb_h_text(s, x->f.actual);
        g_string_append(s, "</td><td>");
        nb_h_text(s, x->f.expected);
        g_string_append_printf(s, "</td><td><a href=\"#f-%d\">%s</a></td></tr>", i, TR(o, "查看", "see"));
    }
    if (n) g_string_append(s, "</table>");
    else g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "没有逾期的报告（DATE-LATE）。", "No late report (DATE-LATE)."));

    /* years missing between an agency's reports in this run */
    GHashTable *years = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);
    GPtrArray *order = g_ptr_array_new();
    for (int k = 0; k < run->ndocs; k++) {
        const nb_rdoc *d = &run->docs[k];
        if (!*d->agency || !d->year) continue;
        GArray *a = g_hash_table_lookup(years, d->agency);
        if (!a) {
            a = g_array_new(FALSE, FALSE, sizeof(int));
            g_hash_table_insert(years, (gpointer)d->agency, a);
            g_ptr_array_add(order, (gpointer)d->agency);
        }
        g_array_append_val(a, d->year);
    }
    int gaps = 0;
    for (guint i = 0; i < order->len; i++) {
        GArray *a = g_hash_table_lookup(years, order->pdata[i]);
        int lo = 9999, hi = 0;
        for (guint j = 0; j < a->len; j++) {
            int y = g_array_index(a, int, j);
            if (y < lo) lo = y;
            if (y > hi) hi = y;
        }
        for (int y = lo + 1; y < hi; y++) {
            int seen = 0;
            for (guint j = 0; j < a->len && !seen; j++) seen = g_array_index(a, int, j) == y;
            if (seen) continue;
            if (!gaps++)
                g_string_append_printf(s, "<h4>%s</h4><ul>", TR(o, "本次运行中某机关缺少的年度（前后年度都有报告）",
                                                              "Years missing between an agency's reports in this run"));
            g_string_append(s, "<li>");
            nb_h_text(s, order->pdata[i]);
            g_string_append_printf(s, " %d</li>", y);
        }
    }
    if (gaps) g_string_append(s, "</ul>");
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(years);
    /* findings about the run rather than one report (the roster's ROSTER-MISSING: the agencies
     * expected that sent nothing) */
    int nrun = 0;
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        if (x->doc >= 0) continue;
        if (!nrun++) g_string_append_printf(s, "<h4>%s</h4><ol class=\"flist\">", TR(o, "关于本次运行（不属于某份报告）的发现",
                                                                                     "Findings about the run (no one report)"));
        static const char *const sev_class[3] = {"info", "warning", "error"};
        g_string_append_printf(s, "<li class=\"f sev-%s\" id=\"f-%d\" data-i=\"%d\" tabindex=\"-1\">", sev_class[x->f.severity], i, i);
        nb_html_finding_words(s, x, o);
        g_string_append(s, "</li>");
    }
    if (nrun) g_string_append(s, "</ol>");
    const nb_state_view *st = o->state;
    if (st && st->nmissing) {
        g_string_append_printf(s, "<h4>%s</h4><ul>", TR(o, "名册中应有而未见的报告", "Reports the roster expects and no run has seen"));
        for (int i = 0; i < st->nmissing; i++) {
            g_string_append(s, "<li>");
            nb_h_text(s, st->missing[i].agency);
            g_string_append_printf(s, " %d", st->missing[i].year);
            if (st->missing[i].deadline) {
                g_string_append(s, " — ");
                nb_h_text(s, st->missing[i].deadline);
            }
            g_string_append(s, "</li>");
        }
        g_string_append(s, "</ul>");
    } else if (!st) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>",
                               TR(o, "按名册核对缺失的报告需要 --state。", "Checking for missing reports against a roster needs --state."));
    }
}

static void state_changes(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    const nb_state_view *st = o->state;
    g_string_append_printf(s, "<h3 id=\"changes\">%s</h3>", TR(o, "与上次运行相比", "Since the last run"));
    if (!st) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>",
                               TR(o, "新增和已解决的发现需要 --state（之前运行的记录）。",
                                     "New and resolved findings need --state (the record of earlier runs)."));
        return;
    }
    if (!st->previous_run) {
        g_string_append_printf(s, "<p class=\"note\">%s</p>", TR(o, "这是第一次运行。", "This is the first run."));
        return;
    }
    g_string_append_printf(s, "<p>%s ", TR(o, "状态库中最近一次运行：", "The last run recorded in the state:"));
    nb_h_text(s, st->previous_run);
    g_string_append_printf(s, " — %s %d%s%s %d</p>", TR(o, "新增", "new"), st->nadded, TR(o, "，", ", "), TR(o, "已解决", "resolved"),
                           st->nresolved);
    for (int pass = 0; pass < 2; pass++) {
        const nb_view_finding *v = pass ? st->resolved : st->added;
        int n = pass ? st->nresolved : st->nadded;
        if (!n) continue;
        g_string_append_printf(s, "<h4>%s</h4><ul>", pass ? TR(o, "已解决", "Resolved") : TR(o, "新增", "New"));
        for (int i = 0; i < n && i < 200; i++) {
            g_string_append(s, "<li>");
            if (v[i].finding >= 0 && v[i].finding < run->nfindings) g_string_append_printf(s, "<a href=\"#f-%d\">", v[i].finding);
            nb_h_text(s, v[i].agency);
            if (v[i].year) g_string_append_printf(s, " %d", v[i].year);
            g_string_append(s, " <code>");
            nb_h_text(s, v[i].rule);
            g_string_append(s, "</code> ");
            nb_h_text(s, v[i].cell);
            if (v[i].finding >= 0 && v[i].finding < run->nfindings) g_string_append(s, "</a>");
            g_string_append(s, " ");
            nb_h_text(s, v[i].message);
            g_string_append(s, "</li>");
        }
        g_string_append(s, "</ul>");
    }
}

/* ---------- across years ---------- */

enum { NSERIES = 4, YEAR_AGENCIES = 8 };
static const char *const series_code[NSERIES][2] = {
    {"t3", "new"}, {"t3", "granted"}, {"t4", "review"}, {"t4", "suit_direct"},
};

static double cell_total(const nb_rdoc *d, const char *table, const char *row)
{
    const nb_rcell *c = nb_rdoc_cell(d, table, row, "total");
    return c && *c->value ? strtod(c->value, NULL) : NAN;
}

/* The store's figure of an agency's series for a year (--state), or NAN. */
static double history_value(const nb_state_view *st, const char *agency, const char *table, const char *row, int year)
{
    char series[64];
    snprintf(series, sizeof series, "%s.%s", table, row);
    for (int i = 0; st && i < st->nhistory; i++) {
        const nb_view_point *p = &st->history[i];
        if (p->year == year && !strcmp(p->agency, agency) && !strcmp(p->series, series)) return p->value;
    }
    return NAN;
}

static void years_plots(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    const char *names_zh[NSERIES] = {"新收申请", "予以公开", "行政复议", "行政诉讼"};
    const char *names_en[NSERIES] = {"applications", "granted", "reviews", "suits"};
    const nb_state_view *st = o->state;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    int plots = 0;
    g_string_append_printf(s, "<h3 id=\"years\">%s</h3>", TR(o, "机关的历年申请与结果", "An agency's applications and outcomes across years"));
    g_string_append(s, "<div class=\"cards\">");
    for (int k = 0; k < run->ndocs && plots < YEAR_AGENCIES; k++) {
        const char *name = run->docs[k].agency;
        if (!*name || g_hash_table_contains(seen, name)) continue;
        g_hash_table_add(seen, (gpointer)name);
        int years[64], ny = 0, docs[64];       /* docs[j] -1: the year comes from the store */
        for (int j = k; j < run->ndocs && ny < 64; j++) {
            const nb_rdoc *d = &run->docs[j];
            if (strcmp(d->agency, name) || !d->year || !d->ncells) continue;
            int at = 0;
            while (at < ny && years[at] < d->year) at++;
            if (at < ny && years[at] == d->year) continue;     /* one report a year: the first */
            memmove(years + at + 1, years + at, (size_t)(ny - at) * sizeof *years);
            memmove(docs + at + 1, docs + at, (size_t)(ny - at) * sizeof *docs);
            years[at] = d->year;
            docs[at] = j;
            ny++;
        }
        /* the years of earlier runs (--state) that this run has no report for */
        for (int i = 0; st && i < st->nhistory && ny < 64; i++) {
            const nb_view_point *p = &st->history[i];
            if (strcmp(p->agency, name)) continue;
            int at = 0;
            while (at < ny && years[at] < p->year) at++;
            if (at < ny && years[at] == p->year) continue;
            memmove(years + at + 1, years + at, (size_t)(ny - at) * sizeof *years);
            memmove(docs + at + 1, docs + at, (size_t)(ny - at) * sizeof *docs);
            years[at] = p->year;
            docs[at] = -1;
            ny++;
        }
        if (ny < 2) continue;
        double vals[NSERIES * 64];
        for (int q = 0; q < NSERIES; q++)
            for (int j = 0; j < ny; j++)
                vals[q * ny + j] = docs[j] >= 0 ? cell_total(&run->docs[docs[j]], series_code[q][0], series_code[q][1])
                                                : history_value(st, name, series_code[q][0], series_code[q][1], years[j]);
        g_string_append(s, "<div class=\"card\">");
        nb_svg_years(s, name, years, ny, o->en ? names_en : names_zh, vals, NSERIES);
        g_string_append(s, "</div>");
        plots++;
    }
    g_string_append(s, "</div>");
    if (!plots)
        g_string_append_printf(s, "<p class=\"note\">%s</p>",
                               TR(o, "本次运行中没有同一机关两个以上年度的报告；--state 可补上往年的数据。",
                                     "No agency has reports of two or more years in this run; --state adds the earlier years."));
    else
        g_string_append_printf(s, "<p class=\"note\">%s%s</p>",
                               TR(o, "表三“新收申请”“予以公开”与表四“行政复议”“行政诉讼（未经复议直接起诉）”的总计。",
                                     "Totals of table 3's new applications and granted, and table 4's reviews and suits filed directly."),
                               st && st->nhistory ? TR(o, "本次运行没有的年度取自状态库（--state）。", " Years this run has no report for come from the state (--state).") : "");
    g_hash_table_destroy(seen);
}

static void summary(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    g_string_append_printf(s, "<section id=\"summary\"><h2>%s</h2>", TR(o, "概况", "Summary"));
    cards(s, run, o);
    g_string_append(s, "<div class=\"grid2\"><div>");
    status_table(s, run, o);
    g_string_append(s, "</div><div>");
    family_table(s, run, o);
    g_string_append(s, "</div></div>");
    agencies(s, run, o);
    late_list(s, run, o);
    deadline_plot(s, run, o);
    state_changes(s, run, o);
    years_plots(s, run, o);
    g_string_append(s, "</section>");
}

/* ---------- the findings table ---------- */

static void findings_section(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    g_string_append_printf(s, "<section id=\"findings\"><h2>%s</h2>", TR(o, "全部发现", "Findings"));
    g_string_append(s, "<form id=\"filters\" class=\"filters\" role=\"search\">");
    g_string_append_printf(s, "<label>%s<select id=\"f-sev\"><option value=\"\">%s</option>", TR(o, "严重程度", "severity"),
                           TR(o, "全部", "all"));
    for (int k = 2; k >= 0; k--) g_string_append_printf(s, "<option value=\"%d\">%s</option>", k, nb_html_sev_word(o, k));
    g_string_append_printf(s, "</select></label><label>%s<select id=\"f-rule\"><option value=\"\">%s</option>",
                           TR(o, "规则", "rule"), TR(o, "全部", "all"));
    /* the rules and families present, in catalog order */
    const char *last_family = NULL;
    size_t last_len = 0;
    for (int r = 0; r < nb_nrules; r++) {
        int present = 0;
        for (int i = 0; i < run->nfindings && !present; i++) present = run->findings[i].f.rule == &nb_rules[r];
        if (!present) continue;
        size_t fl = family_len(nb_rules[r].id);
        if (!last_family || fl != last_len || strncmp(last_family, nb_rules[r].id, fl)) {
            g_string_append(s, "<option value=\"");
            g_string_append_len(s, nb_rules[r].id, (gssize)fl);
            g_string_append(s, "-*\">");
            g_string_append_len(s, nb_rules[r].id, (gssize)fl);
            g_string_append(s, "-*</option>");
            last_family = nb_rules[r].id;
            last_len = fl;
        }
        g_string_append_printf(s, "<option value=\"%s\">%s — ", nb_rules[r].id, nb_rules[r].id);
        nb_h_text(s, o->en ? nb_rules[r].title_en : nb_rules[r].title_zh);
        g_string_append(s, "</option>");
    }
    g_string_append_printf(s, "</select></label><label>%s<input id=\"f-agency\" list=\"agency-list\" autocomplete=\"off\"></label>",
                           TR(o, "机关", "agency"));
    g_string_append_printf(s, "<label>%s<select id=\"f-year\"><option value=\"\">%s</option>", TR(o, "年度", "year"),
                           TR(o, "全部", "all"));
    int ymin = 9999, ymax = 0;
    for (int k = 0; k < run->ndocs; k++)
        if (run->docs[k].year) {
            if (run->docs[k].year < ymin) ymin = run->docs[k].year;
            if (run->docs[k].year > ymax) ymax = run->docs[k].year;
        }
    for (int y = ymax; y >= ymin && ymax - ymin < 100; y--) {
        int any = 0;
        for (int k = 0; k < run->ndocs && !any; k++) any = run->docs[k].year == y;
        if (any) g_string_append_printf(s, "<option>%d</option>", y);
    }
    g_string_append_printf(s, "</select></label><label>%s<input type=\"search\" id=\"f-text\" placeholder=\"%s\"></label>",
                           TR(o, "文字", "text"), TR(o, "在消息、机关、文件中查找（按 / 键）", "search messages, agencies, files (press /)"));
    g_string_append_printf(s, "<label>%s<select id=\"f-review\"><option value=\"\">%s</option><option value=\"none\">%s</option>"
                              "<option value=\"confirmed\">%s</option><option value=\"dismissed\">%s</option></select></label>",
                           TR(o, "复核", "review"), TR(o, "全部", "all"), TR(o, "未复核", "not reviewed"),
                           TR(o, "已确认", "confirmed"), TR(o, "已驳回", "dismissed"));
    g_string_append_printf(s, "<label class=\"check\"><input type=\"checkbox\" id=\"f-waived\" checked>%s</label></form>",
                           TR(o, "含已豁免", "include waived"));
    /* agencies for the agency field's suggestions */
    g_string_append(s, "<datalist id=\"agency-list\">");
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int k = 0; k < run->ndocs; k++) {
        const char *a = run->docs[k].agency;
        if (!*a || g_hash_table_contains(seen, a)) continue;
        g_hash_table_add(seen, (gpointer)a);
        g_string_append(s, "<option value=\"");
        nb_h_text(s, a);
        g_string_append(s, "\">");
    }
    g_hash_table_destroy(seen);
    g_string_append(s, "</datalist>");
    g_string_append(s, "<p id=\"fcount\" class=\"note\" aria-live=\"polite\"></p>");
    g_string_append(s, "<div class=\"tw\"><table id=\"ftable\" class=\"data\"><thead><tr></tr></thead><tbody id=\"ftbody\"></tbody></table></div>");
    g_string_append_printf(s, "<button type=\"button\" id=\"fmore\" class=\"more\" hidden>%s</button>", TR(o, "显示更多", "show more"));
    g_string_append_printf(s, "<noscript><p>%s</p></noscript></section>",
                           TR(o, "发现表需要 JavaScript；每份报告的发现也列在下方各报告中。",
                                 "The findings table needs JavaScript; each report's findings are also listed in its section below."));
}

static void review_section(GString *s, const nb_html_opts *o)
{
    g_string_append_printf(s, "<section id=\"review\"><h2>%s</h2><p>%s</p>", TR(o, "复核", "Review"),
                           TR(o, "在每条发现旁标记“确认”或“驳回”（驳回须写明理由）。标记保存在本浏览器中，直到导出；"
                                 "导出的豁免清单可直接交给下一次运行：nianbao audit --waivers waivers.csv …，驳回的发现便不再计入。",
                                 "Mark a finding confirmed or dismissed beside it (a dismissal needs a reason). Marks are kept in "
                                 "this browser until exported; the exported waivers file goes to the next run as "
                                 "nianbao audit --waivers waivers.csv …, and a dismissed finding counts no more."));
    g_string_append_printf(s, "<p id=\"rv-count\" aria-live=\"polite\"></p><p><button type=\"button\" id=\"rv-waivers\">%s</button> "
                              "<button type=\"button\" id=\"rv-review\">%s</button> <button type=\"button\" id=\"rv-clear\">%s</button></p>",
                           TR(o, "导出豁免清单（waivers.csv）", "Export waivers (waivers.csv)"),
                           TR(o, "导出全部复核标记（review.csv）", "Export all marks (review.csv)"),
                           TR(o, "清除全部标记", "Clear all marks"));
    g_string_append_printf(s, "<label class=\"note\">%s<br><textarea id=\"rv-csv\" rows=\"4\" cols=\"80\" style=\"width:100%%\" readonly></textarea></label></section>",
                           TR(o, "豁免清单的内容（可复制）：", "The waivers file (to copy):"));
}

/* ---------- the data the script reads ---------- */

static void page_strings(GString *s, const nb_html_opts *o)
{
    static const char *const t[][3] = {
        {"severity", "严重程度", "severity"}, {"rule", "规则", "rule"}, {"agency", "机关", "agency"},
        {"year", "年度", "year"}, {"place", "位置", "place"}, {"message", "说明", "message"},
        {"reported", "报告值", "reported"}, {"computed", "应为", "expected"}, {"review", "复核", "review"},
        {"calc", "计算值", "computed"}, {"found", "实为", "found"}, {"page", "页", "page"},
        {"confirm", "确认", "confirm"}, {"dismiss", "驳回", "dismiss"}, {"clear", "清除", "clear"},
        {"reason", "理由", "reason"}, {"reasonNeeded", "驳回须写明理由", "a dismissal needs a reason"},
        {"confirmed", "已确认", "confirmed"}, {"dismissed", "已驳回", "dismissed"}, {"waived", "已豁免", "waived"},
        {"showing", "显示 {n} 条，符合条件 {m} 条，共 {all} 条", "showing {n} of {m} matching ({all} in all)"},
        {"clearAll", "清除本浏览器中的全部复核标记？", "Clear every review mark kept in this browser?"},
        {"notRead", "未读到", "not read"},
    };
    g_string_append(s, "\"t\":{");
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (i) g_string_append_c(s, ',');
        nb_h_json(s, t[i][0]);
        g_string_append_c(s, ':');
        nb_h_json(s, o->en ? t[i][2] : t[i][1]);
    }
    g_string_append(s, ",\"sev\":[");
    for (int k = 0; k < 3; k++) {
        if (k) g_string_append_c(s, ',');
        nb_h_json(s, nb_html_sev_word(o, k));
    }
    g_string_append(s, "]}");
}

void nb_html_cell_code(GString *s, const nb_finding *f)
{
    g_string_append(s, f->table);
    if (*f->row) g_string_append_c(s, '.'), g_string_append(s, f->row);
    if (*f->col) g_string_append_c(s, '.'), g_string_append(s, f->col);
}

/* The templates' rows and columns with their labels, once for the page: the script draws every
 * report's tables against them (html_doc.c: table_grid). */
static void page_templates(GString *s)
{
    g_string_append(s, "\"tm\":{");
    for (int v = 0; nb_templates[v]; v++) {
        const nb_template *t = nb_templates[v];
        g_string_append_printf(s, "%s\"%s\":{", v ? "," : "", t->version);
        for (int i = 0; i < t->ntables; i++) {
            const nb_table_def *td = &t->tables[i];
            g_string_append_printf(s, "%s\"%s\":{\"cols\":[", i ? "," : "", td->code);
            for (int k = 0; k < td->ncols; k++) {
                if (k) g_string_append_c(s, ',');
                nb_h_json(s, td->cols[k].label);
            }
            g_string_append(s, "],\"rows\":{");
            for (int r = 0; r < td->nrows; r++) {
                if (r) g_string_append_c(s, ',');
                nb_h_json(s, td->rows[r].code);
                g_string_append_c(s, ':');
                nb_h_json(s, td->rows[r].label);
            }
            g_string_append(s, "}}");
        }
        g_string_append_c(s, '}');
    }
    g_string_append(s, "},\n");
}

static void page_data(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    g_string_append(s, "<script type=\"application/json\" id=\"nb-data\">{");
    g_string_append_printf(s, "\"lang\":\"%s\",", o->en ? "en" : "zh");
    page_strings(s, o);
    g_string_append(s, ",\n");
    page_templates(s);
    g_string_append(s, "\"rules\":[");
    for (int r = 0; r < nb_nrules; r++) {
        if (r) g_string_append_c(s, ',');
        g_string_append_printf(s, "[\"%s\",%d]", nb_rules[r].id, (int)nb_rules[r].severity);
    }
    g_string_append(s, "],\n\"docs\":[");
    for (int k = 0; k < run->ndocs; k++) {
        const nb_rdoc *d = &run->docs[k];
        g_string_append(s, k ? ",\n[" : "\n[");
        nb_h_json(s, d->agency);
        g_string_append_printf(s, ",%d,", d->year);
        nb_h_json(s, d->file);
        g_string_append_c(s, ',');
        nb_h_json(s, d->sha256);
        g_string_append_c(s, ']');
    }
    g_string_append(s, "],\n\"f\":[");
    GString *cell = g_string_new(NULL);
    for (int i = 0; i < run->nfindings; i++) {
        const nb_rfinding *x = &run->findings[i];
        g_string_append(s, i ? ",\n[" : "\n[");
        g_string_truncate(cell, 0);
        nb_html_cell_code(cell, &x->f);
        g_string_append_printf(s, "%d,%d,", x->doc, (int)(x->f.rule - nb_rules));
        nb_h_json(s, cell->str);
        g_string_append_printf(s, ",%u,", x->f.page);
        nb_h_json(s, x->f.expected);
        g_string_append_c(s, ',');
        nb_h_json(s, x->f.actual);
        g_string_append_c(s, ',');
        nb_h_json(s, x->message);
        g_string_append_c(s, ',');
        nb_h_json(s, x->f.waived ? x->f.waived : "");
        g_string_append_c(s, ']');
    }
    g_string_free(cell, TRUE);
    g_string_append(s, "]}</script>\n");
}

/* ---------- the page ---------- */

static void page_head(GString *s, const nb_rundata *run, const nb_html_opts *o)
{
    g_string_append_printf(s, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                              "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                              "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
                              "<meta name=\"generator\" content=\"nianbao %s\"><title>",
                           o->en ? "en" : "zh-CN", o->version ? o->version : "");
    g_string_append(s, TR(o, "政府信息公开年度报告审查", "Government information disclosure reports: audit"));
    g_string_append(s, "</title><style>\n");
    g_string_append(s, nb_page_css);
    g_string_append(s, "</style></head><body>");
    g_string_append_printf(s, "<a class=\"skip\" href=\"#findings\">%s</a>", TR(o, "跳到发现表", "Skip to the findings"));
    g_string_append_printf(s, "<header class=\"top\"><h1>%s</h1><p>", TR(o, "政府信息公开工作年度报告审查", "Annual disclosure reports: audit"));
    nb_h_text(s, run->dir);
    g_string_append_printf(s, " · nianbao %s</p><nav class=\"top\" aria-label=\"%s\"><a href=\"#summary\">%s</a><a href=\"#findings\">%s</a>"
                              "<a href=\"#reports\">%s</a><a href=\"#review\">%s</a></nav></header><main>",
                           o->version ? o->version : "", TR(o, "目录", "contents"), TR(o, "概况", "Summary"),
                           TR(o, "发现", "Findings"), TR(o, "各报告", "Reports"), TR(o, "复核", "Review"));
}

GString *nb_html_page(const nb_rundata *run, const nb_html_opts *o, nb_html_stats *st)
{
    nb_evidence ev;
    nb_evidence_build(run, o->evidence_budget, &ev);
    GString *s = g_string_sized_new(1 << 20);
    page_head(s, run, o);
    summary(s, run, o);
    findings_section(s, run, o);
    nb_html_reports(s, run, o, &ev);
    review_section(s, o);
    g_string_append(s, "</main>\n");
    page_data(s, run, o);
    g_string_append(s, "<script>\n");
    g_string_append(s, nb_page_js);
    g_string_append(s, "</script></body></html>\n");
    if (st) {
        memset(st, 0, sizeof *st);
        st->page_bytes = s->len;
        st->png_bytes = ev.total_png;
        for (int i = 0; i < ev.nimg; i++) st->images += ev.img[i].rendered == 1;
        st->images_left_out = ev.left_out;
        st->reports = run->ndocs;
        st->findings = run->nfindings;
    }
    return s;
}

int nb_html_write(const nb_rundata *run, const nb_html_opts *o, const char *path, nb_html_stats *st,
                  const char **err)
{
    nb_arena *a = (nb_arena *)&run->arena;
    GString *s = nb_html_page(run, o, st);
    char *tmp = nb_sprintf(a, "%s.partial", path);
    FILE *f = fopen(tmp, "wb");
    int rc = 0;
    if (!f || fwrite(s->str, 1, s->len, f) != s->len) rc = -1;
    if (f && fclose(f) != 0) rc = -1;
    if (rc == 0 && rename(tmp, path) != 0) rc = -1;
    if (rc != 0) {
        *err = nb_sprintf(a, o->en ? "%s: %s" : "%s：%s", path, strerror(errno));
        unlink(tmp);
    }
    g_string_free(s, TRUE);
    return rc;
}
