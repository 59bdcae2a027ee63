/*
 * rules/dates.c — the DATE- family: when the report was signed and what period it says it covers,
 * against 条例 第四十九条. A report for year Y covers 1 January to 31 December of Y, cannot be
 * signed before 1 January Y+1, and is due by 31 January Y+1 from a department or by 31 March Y+1
 * for a government's own report (the 2007 条例 set 31 March for everyone: reports for 2018 and
 * before). --deadline MM-DD replaces the legal dates; a --deadlines file replaces them per agency.
 *
 * The signed date is the one judged. A report with no signature but a publication date (a page's
 * PubDate meta tag, a crawler's 发布时间, a page's 发布日期 line) is judged by that date for lateness
 * and for a date in the future — publication is what the deadline is about, and the message says
 * which date was judged — but never for DATE-EARLY: a page can be published long after it was
 * signed, not before, so an early publication date proves nothing the signature would not. A PDF's
 * creation date is never judged: a file may be made long after the report was published (it is
 * only shown, in documents.csv). A date that does not exist (2月30日) is DATE-IMPOSSIBLE and is
 * judged no further; a date after today is DATE-FUTURE, and late as well when it is past the
 * deadline.
 *
 * DATE-STALE-YEAR looks for a report copied from last year's: the narrative keeps speaking of Y-1
 * as "this year" (2022年，… 2022年以来 … 2022年我局 …) and never of Y — plans ("2023年，我局将…",
 * written in the Y-1 report about Y) are not "this year" either way.
 */
#include <string.h>

#include "../parser/pattern.h"
#include "agency.h"
#include "audit_opts.h"
#include "checks.h"

static long date_ymd(const nb_date *d)
{
    return nb_ymd(d->y, d->m, d->d);
}

/* The date the deadline rules judge: the signature, else the publication date (nb_rules_stand_in).
 * NULL when neither exists as a calendar date. *is_signed says which. */
static const nb_date *judged_date(const nb_report *r, int *is_signed)
{
    *is_signed = r->id.signed_on.found;
    const nb_date *d = *is_signed ? &r->id.signed_on : nb_rules_stand_in(r);
    return d && nb_date_valid(d->y, d->m, d->d) ? d : NULL;
}

/* Which date was judged, in the message: 落款日期, or 发布日期 with where it was read. */
static void add_which_arg(nb_findings *out, nb_finding *x, const nb_report *r, int is_signed)
{
    if (is_signed) {
        nb_finding_arg_tr(out, x, "which", "落款日期", "signature date");
        return;
    }
    nb_finding_arg_tr(out, x, "which", nb_sprintf(out->arena, "发布日期（%s）", nb_rules_published_from(r, 0)),
                      nb_sprintf(out->arena, "publication date (%s)", nb_rules_published_from(r, 1)));
}

NB_CHECK(nb_check_date_impossible)
{
    (void)o;
    const nb_date *d = &r->id.signed_on;
    if (!d->found || nb_date_valid(d->y, d->m, d->d)) return;
    const char *as_read = nb_sprintf(out->arena, "%04d-%02d-%02d", d->y, d->m, d->d);
    nb_finding *x = nb_add_finding(out, "DATE-IMPOSSIBLE", "", "", "", nb_rules_page_at(r, d->at), "", as_read);
    nb_finding_arg(out, x, "text", d->text ? d->text : "");
    nb_finding_arg(out, x, "date", as_read);
}

NB_CHECK(nb_check_date_early)
{
    (void)o;
    const nb_date *d = &r->id.signed_on;
    int y = r->id.year;
    if (!y || !d->found || !nb_date_valid(d->y, d->m, d->d)) return;
    if (date_ymd(d) >= nb_ymd(y + 1, 1, 1)) return;
    const char *min = nb_rules_date_text(out->arena, y + 1, 1, 1);
    const char *date = nb_rules_date_text(out->arena, d->y, d->m, d->d);
    nb_finding *x = nb_add_finding(out, "DATE-EARLY", "", "", "", nb_rules_page_at(r, d->at), min, date);
    nb_finding_arg(out, x, "year", nb_sprintf(out->arena, "%d", y));
    nb_finding_arg(out, x, "date", date);
    nb_finding_arg(out, x, "min", min);
}

NB_CHECK(nb_check_date_future)
{
    int is_signed;
    const nb_date *d = judged_date(r, &is_signed);
    /* today asked through nb_today_*: the days on which this verdict holds are recorded (--state) */
    if (!d || !nb_today_before(out, o, nb_day_number(d->y, d->m, d->d))) return;
    const char *today = nb_today_text(out, o);
    const char *date = nb_rules_date_text(out->arena, d->y, d->m, d->d);
    nb_finding *x = nb_add_finding(out, "DATE-FUTURE", "", "", "", nb_rules_page_at(r, d->at), today, date);
    add_which_arg(out, x, r, is_signed);
    nb_finding_arg(out, x, "date", date);
    nb_finding_arg(out, x, "today", today);
}

NB_CHECK(nb_check_date_late)
{
    int is_signed;
    const nb_date *d = judged_date(r, &is_signed);
    int y = r->id.year;
    if (!y || !d) return;
    nb_deadline dl = nb_deadline_for(o, r->id.agency, r->id.signed_by, y);
    if (date_ymd(d) <= nb_ymd(y + 1, dl.m, dl.d)) return;
    const char *due = nb_rules_date_text(out->arena, y + 1, dl.m, dl.d);
    const char *date = nb_rules_date_text(out->arena, d->y, d->m, d->d);
    nb_finding *x = nb_add_finding(out, "DATE-LATE", "", "", "", nb_rules_page_at(r, d->at), due, date);
    add_which_arg(out, x, r, is_signed);
    nb_finding_arg(out, x, "date", date);
    nb_finding_arg(out, x, "deadline", due);
    nb_finding_arg_tr(out, x, "basis", dl.basis_zh, dl.basis_en);
}

NB_CHECK(nb_check_date_period)
{
    (void)o;
    const nb_date *from = &r->id.period_from, *to = &r->id.period_to;
    if (!from->found) return;
    int y = r->id.year ? r->id.year : from->y;
    int from_ok = from->y == y && from->m == 1 && from->d == 1;
    int to_ok = !to->found || (to->y == y && to->m == 12 && to->d == 31);
    if (from_ok && to_ok) return;
    nb_arena *a = out->arena;
    const char *stated = to->found ? nb_sprintf(a, "%04d-%02d-%02d/%04d-%02d-%02d", from->y, from->m, from->d,
                                                to->y, to->m, to->d)
                                   : nb_sprintf(a, "%04d-%02d-%02d/", from->y, from->m, from->d);
    const char *want = nb_sprintf(a, "%04d-01-01/%04d-12-31", y, y);
    nb_finding *x = nb_add_finding(out, "DATE-PERIOD", "", "", "", nb_rules_page_at(r, from->at), want, stated);
    nb_finding_arg(out, x, "year", nb_sprintf(a, "%d", y));
    nb_finding_arg(out, x, "stated", stated);
    nb_finding_arg(out, x, "text", nb_sprintf(a, "%s%s%s", from->text ? from->text : "", to->found ? "—" : "",
                                              to->found && to->text ? to->text : ""));
}

/* ---- a report copied from last year ---- */

/* Data: a year spoken of as the current one: 2023年，  2023年度，  2023年以来  2023年我局 … — but not
 * 自2022年以来 / 从2022年起, a span that starts in an earlier year (an honest 2023 report says so). */
static const char *const current_year_phrase =
    "(?<!\\d)(?<![自从])(?<![自从]\\s)((?:19|20)\\d{2})\\s*年\\s*(?:度\\s*)?"
    "(?:,|以来|全年|我(?:局|区|市|县|委|办|厅|镇|乡|街道|单位|部门|院|署|中心|省|州|旗|盟)"
    "|本(?:机关|单位|部门|局|委|办)|全(?:区|市|县|省|镇|乡|旗|州|盟))";

typedef struct year_count {
    int cur, prev;              /* phrases naming Y, Y-1 */
    size_t first_prev;          /* stream offset of the first Y-1 phrase */
    const char *sample;         /* its text */
} year_count;

/* "2024年，我局将进一步…": a plan for next year, not the current year. Looks at the rest of the
 * clause after the phrase. */
static int is_plan(const nb_prose *t, size_t from)
{
    static nb_re *re;
    size_t ov[2];
    return nb_re_find(nb_re_once(&re, "\\G[^。,;!?]{0,30}?(?:将|计划|拟|力争)"), t->s, t->n, from, ov, 1);
}

static void count_phrases(const nb_report *r, const nb_prose *t, int y, year_count *c, nb_arena *a)
{
    static nb_re *re;
    size_t ov[4], at = 0;
    size_t title_a = r->id.title_source && !strcmp(r->id.title_source, "text") ? r->id.title_at : (size_t)-1;
    size_t title_b = title_a != (size_t)-1 ? r->id.title_end : 0;
    while (nb_re_find(nb_re_once(&re, current_year_phrase), t->s, t->n, at, ov, 2)) {
        at = ov[1];
        if (t->at[ov[0]] >= title_a && t->at[ov[0]] < title_b) continue;     /* the title names its year */
        if (is_plan(t, ov[1])) continue;
        int year = 0;
        for (size_t i = ov[2]; i < ov[3]; i++) year = year * 10 + (t->s[i] - '0');
        if (year == y) c->cur++;
        if (year == y - 1 && c->prev++ == 0) {
            c->first_prev = t->at[ov[0]];
            if (a) c->sample = nb_strndup(a, t->s + ov[0], ov[1] - ov[0]);
        }
    }
}

/* Y-1 spoken of as this year at least twice, Y never. */
static int is_stale(const year_count *c)
{
    return c->prev >= 2 && !c->cur;
}

int nb_rules_narrative_year(const nb_report *r, const nb_prose *t)
{
    int y = r->id.year;
    if (!y) return 0;
    year_count c = {0, 0, 0, NULL};
    count_phrases(r, t, y, &c, NULL);
    return is_stale(&c) ? y - 1 : y;
}

NB_CHECK(nb_check_date_stale_year)
{
    (void)o;
    int y = r->id.year;
    if (!y) return;
    const nb_prose t = *nb_rules_prose_shared(r, out);
    year_count c = {0, 0, 0, NULL};
    count_phrases(r, &t, y, &c, out->arena);
    if (!is_stale(&c)) return;
    nb_arena *a = out->arena;
    const char *ys = nb_sprintf(a, "%d", y), *ps = nb_sprintf(a, "%d", y - 1);
    nb_finding *x = nb_add_finding(out, "DATE-STALE-YEAR", "", "", "", nb_rules_page_at(r, c.first_prev), ys, ps);
    nb_finding_arg(out, x, "year", ys);
    nb_finding_arg(out, x, "prev", ps);
    nb_finding_arg(out, x, "count", nb_sprintf(a, "%d", c.prev));
    nb_finding_arg(out, x, "sample", c.sample);
}
