/*
 * rules/audit_opts.h — the audit's options (nb_audit_opts, finding.h) from the command line's
 * strings: --today YYYY-MM-DD (else the clock), --deadline MM-DD, --deadlines FILE (CSV
 * agency,MM-DD, a header row optional), and the date parsing they share with the waivers.
 */
#ifndef NB_AUDIT_OPTS_H
#define NB_AUDIT_OPTS_H

#include "finding.h"

/* Fill o. Any string may be NULL (not given). Returns 0, or -1 with *err set to a message in
 * Chinese (en = 0) or English; the message lives until nb_audit_opts_free, which must be called in
 * either case. */
int nb_audit_opts_init(nb_audit_opts *o, const char *today, const char *deadline,
                       const char *deadlines_file, int en, const char **err);
void nb_audit_opts_free(nb_audit_opts *o);

/* The deadline of a report for year Y (month and day of Y+1) and, for messages, where it comes
 * from: the agency's own (--deadlines, by the agency or the signer named), the one given
 * (--deadline), else the law — 31 March for everyone up to 2018 (2007 条例), then 31 January for a
 * department and 31 March for a government (条例 第四十九条). An unknown agency gets the later
 * date: a false alarm is worse than a miss. agency and signed_by may be NULL. */
typedef struct nb_deadline {
    int m, d;
    const char *basis_zh, *basis_en;
} nb_deadline;
nb_deadline nb_deadline_for(const nb_audit_opts *o, const char *agency, const char *signed_by, int year);

/* Today by the local clock. */
void nb_audit_opts_clock(nb_audit_opts *o);

/* Parse "YYYY-MM-DD" (a real calendar date) / "MM-DD" (a day that exists in a leap year).
 * Return 1 on success. */
int nb_parse_ymd(const char *s, int *y, int *m, int *d);
int nb_parse_md(const char *s, int *m, int *d);

/* A date as one comparable number: 20240131. */
static inline long nb_ymd(int y, int m, int d)
{
    return (long)y * 10000L + m * 100L + d;
}

/* Days from 1970-01-01 of a calendar date (proleptic Gregorian): dates one can count days with. */
long nb_day_number(int y, int m, int d);
/* The same of a date as nb_ymd gives it (20240131). */
long nb_day_of_ymd(long ymd);
/* Today's day number. */
long nb_today_number(const nb_audit_opts *o);

/* The only ways a rule about one document asks about today. Each narrows out's window of days
 * (nb_findings.today_from/until) to those on which the answer is the same, so that a result kept in
 * the state (--state) is reused exactly on the days its findings would come out the same; a rule that
 * read o->today_y itself would break that. out may be NULL for the first two (the rules across
 * reports, never kept).
 *   nb_today_before(day): today < day;  nb_today_after(day): today > day (days: nb_day_number);
 *   nb_today_text: today as YYYY-MM-DD, for a message — which then holds for today alone. */
int nb_today_before(nb_findings *out, const nb_audit_opts *o, long day);
int nb_today_after(nb_findings *out, const nb_audit_opts *o, long day);
const char *nb_today_text(nb_findings *out, const nb_audit_opts *o);

#endif
