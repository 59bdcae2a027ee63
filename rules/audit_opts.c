/*
 * rules/audit_opts.c — fill nb_audit_opts from the command line's strings (see audit_opts.h).
 *
 * The override table read from --deadlines lives in one arena owned by the options, so freeing the
 * options is one call whatever was read.
 */
#include "audit_opts.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../parser/report.h"
#include "agency.h"
#include "csvin.h"
#include "roster.h"

/* Exactly `digits` ASCII digits at s; their value, or -1. */
static int digits_at(const char *s, int digits)
{
    int v = 0;
    for (int i = 0; i < digits; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int nb_parse_ymd(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    int yy = digits_at(s, 4), mm = digits_at(s + 5, 2), dd = digits_at(s + 8, 2);
    if (yy < 0 || mm < 0 || dd < 0 || !nb_date_valid(yy, mm, dd)) return 0;
    *y = yy, *m = mm, *d = dd;
    return 1;
}

int nb_parse_md(const char *s, int *m, int *d)
{
    if (!s || strlen(s) != 5 || s[2] != '-') return 0;
    int mm = digits_at(s, 2), dd = digits_at(s + 3, 2);
    if (mm < 0 || dd < 0 || !nb_date_valid(2000, mm, dd)) return 0;   /* 2000: 02-29 allowed */
    *m = mm, *d = dd;
    return 1;
}

void nb_audit_opts_clock(nb_audit_opts *o)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    o->today_y = tm.tm_year + 1900;
    o->today_m = tm.tm_mon + 1;
    o->today_d = tm.tm_mday;
}

long nb_day_number(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long nb_day_of_ymd(long ymd)
{
    return nb_day_number((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

long nb_today_number(const nb_audit_opts *o)
{
    return nb_day_number(o->today_y, o->today_m, o->today_d);
}

/* The answer to "today < day" holds from day on when it is no, up to day when it is yes. */
static void narrow(nb_findings *out, long day, int before)
{
    if (!out) return;
    if (before && day < out->today_until) out->today_until = day;
    if (!before && day > out->today_from) out->today_from = day;
}

int nb_today_before(nb_findings *out, const nb_audit_opts *o, long day)
{
    int before = nb_today_number(o) < day;
    narrow(out, day, before);
    return before;
}

int nb_today_after(nb_findings *out, const nb_audit_opts *o, long day)
{
    return !nb_today_before(out, o, day + 1);
}

const char *nb_today_text(nb_findings *out, const nb_audit_opts *o)
{
    long today = nb_today_number(o);
    narrow(out, today, 0);
    narrow(out, today + 1, 1);
    return nb_sprintf(out->arena, "%04d-%02d-%02d", o->today_y, o->today_m, o->today_d);
}

/* Fill the override table from the rows of a deadlines file. Returns 0 or -1 with *err. */
static int read_overrides(nb_audit_opts *o, nb_arena *a, const char *path, int en, const char **err)
{
    nb_csvin_file csv;
    if (nb_csvin_load(path, a, &csv, en, err) != 0) return -1;
    const char **names = nb_alloc(a, ((size_t)csv.n + 1) * sizeof *names);
    int *ms = nb_alloc(a, ((size_t)csv.n + 1) * sizeof *ms), *ds = nb_alloc(a, ((size_t)csv.n + 1) * sizeof *ds);
    int n = 0;
    for (int i = 0; i < csv.n; i++) {
        const nb_csvin_row *row = &csv.rows[i];
        const char *agency = nb_csvin_field(row, 0), *md = nb_csvin_field(row, 1);
        if (i == 0 && strcmp(agency, "agency") == 0) continue;      /* the header */
        if (!*agency || !nb_parse_md(md, &ms[n], &ds[n])) {
            *err = nb_sprintf(a, en ? "%s: line %d: expected agency,MM-DD, got '%s,%s'"
                                    : "%s: 第 %d 行：应为 机关,MM-DD，实为“%s,%s”",
                              path, row->line, agency, md);
            return -1;
        }
        names[n++] = agency;
    }
    o->override_agency = names;
    o->override_m = ms;
    o->override_d = ds;
    o->noverrides = n;
    return 0;
}

int nb_audit_opts_init(nb_audit_opts *o, const char *today, const char *deadline,
                       const char *deadlines_file, int en, const char **err)
{
    memset(o, 0, sizeof *o);
    nb_arena *a = malloc(sizeof *a);
    if (!a) abort();
    nb_arena_init(a);
    o->owned = a;
    *err = NULL;
    if (today && *today) {
        if (!nb_parse_ymd(today, &o->today_y, &o->today_m, &o->today_d)) {
            *err = nb_sprintf(a, en ? "--today %s: expected a date YYYY-MM-DD" : "--today %s：应为日期 YYYY-MM-DD", today);
            return -1;
        }
    } else {
        nb_audit_opts_clock(o);
    }
    if (deadline && *deadline && !nb_parse_md(deadline, &o->deadline_m, &o->deadline_d)) {
        *err = nb_sprintf(a, en ? "--deadline %s: expected MM-DD" : "--deadline %s：应为 MM-DD", deadline);
        return -1;
    }
    if (deadlines_file && *deadlines_file) return read_overrides(o, a, deadlines_file, en, err);
    return 0;
}

void nb_audit_opts_free(nb_audit_opts *o)
{
    if (o->owned) {
        nb_arena_free(o->owned);
        free(o->owned);
    }
    memset(o, 0, sizeof *o);
}

static int override_for(const nb_audit_opts *o, const char *agency, nb_deadline *dl)
{
    if (!agency) return 0;
    for (int i = 0; i < o->noverrides; i++) {
        if (strcmp(o->override_agency[i], agency) != 0) continue;
        *dl = (nb_deadline){o->override_m[i], o->override_d[i], "按机关设定的截止日期（--deadlines）",
                            "the agency's own deadline (--deadlines)"};
        return 1;
    }
    return 0;
}

nb_deadline nb_deadline_for(const nb_audit_opts *o, const char *agency, const char *signed_by, int year)
{
    nb_deadline dl;
    if (override_for(o, agency, &dl) || override_for(o, signed_by, &dl)) return dl;
    /* the roster knows the agency: its deadline if it gives one, else its kind */
    const nb_roster_entry *re = o->roster ? nb_roster_find(o->roster, agency) : NULL;
    if (!re && o->roster) re = nb_roster_find(o->roster, signed_by);
    if (re && re->dl_m)
        return (nb_deadline){re->dl_m, re->dl_d, "名册中该机关的截止日期（--roster）", "the agency's deadline in the roster (--roster)"};
    if (o->deadline_m)
        return (nb_deadline){o->deadline_m, o->deadline_d, "指定的截止日期（--deadline）", "the deadline given (--deadline)"};
    if (year <= 2018)
        return (nb_deadline){3, 31, "2007年《条例》：3月31日前", "the 2007 regulations: by 31 March"};
    if (re && !re->government)
        return (nb_deadline){1, 31, "《条例》第四十九条：政府部门的年度报告于1月31日前（名册：部门）",
                             "regulations art. 49: a department's report by 31 January (roster: department)"};
    if (re || !agency || nb_agency_is_government(agency))
        return (nb_deadline){3, 31, "《条例》第四十九条：人民政府的年度报告于3月31日前",
                             "regulations art. 49: a government's own report by 31 March"};
    return (nb_deadline){1, 31, "《条例》第四十九条：政府部门的年度报告于1月31日前",
                         "regulations art. 49: a department's report by 31 January"};
}
