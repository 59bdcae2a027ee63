/*
 * rules/checks.h — inside rules/: the check function of every rule (one per catalog entry, grouped
 * in one file per family) and the few helpers the families share (locate.c): finding a table and
 * a cell, the page of a place in the text, the narrative parts of the text, labels for messages.
 *
 * Every check has the catalog's signature and may assume the document is readable text (the
 * runner, catalog.c, keeps unreadable and image-only documents from the audit families); r->tables
 * may be NULL, and a check that needs the tables then does nothing.
 */
#ifndef NB_CHECKS_H
#define NB_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "../parser/report.h"
#include "../parser/table.h"
#include "../parser/template.h"
#include "finding.h"

#define NB_CHECK(name) void name(const nb_report *r, nb_findings *out, const nb_audit_opts *o)

/* sums.c: verify every declared sum of the detected template that names this rule. */
void nb_check_sums_of_rule(const nb_report *r, nb_findings *out, const char *rule_id);

/* missing.c */
NB_CHECK(nb_check_missing_section);
NB_CHECK(nb_check_missing_table);
NB_CHECK(nb_check_missing_row);
NB_CHECK(nb_check_missing_cell);
NB_CHECK(nb_check_missing_total);
NB_CHECK(nb_check_missing_title);
NB_CHECK(nb_check_missing_agency);
NB_CHECK(nb_check_missing_year);
NB_CHECK(nb_check_missing_signature_date);

/* dates.c */
NB_CHECK(nb_check_date_early);
NB_CHECK(nb_check_date_late);
NB_CHECK(nb_check_date_impossible);
NB_CHECK(nb_check_date_future);
NB_CHECK(nb_check_date_period);
NB_CHECK(nb_check_date_stale_year);

/* prose.c */
NB_CHECK(nb_check_prose_no_applications);
NB_CHECK(nb_check_prose_applications);
NB_CHECK(nb_check_prose_review);
NB_CHECK(nb_check_prose_litigation);
NB_CHECK(nb_check_prose_fee);

/* extraction.c */
NB_CHECK(nb_check_extract_uncertain);
NB_CHECK(nb_check_extract_version);
NB_CHECK(nb_check_extract_no_text);
NB_CHECK(nb_check_extract_pre2019);
NB_CHECK(nb_check_extract_not_report);
NB_CHECK(nb_check_extract_duplicate);
NB_CHECK(nb_check_extract_encoding);
NB_CHECK(nb_check_extract_unreadable);
NB_CHECK(nb_check_extract_ocr_doubt);     /* sums.c: the sums over cells OCR doubted */

/* ---- locate.c: shared helpers ---- */

/* The table with this code, if the report's tables were read and the template has it; else NULL. */
const nb_table *nb_rules_table(const nb_report *r, const char *code);

/* A cell by row and column code, or NULL when the table lacks either code. */
const nb_cell *nb_rules_cell(const nb_table *t, const char *row, const char *col);

/* Is the cell a number read without doubt? */
static inline int nb_cell_sure_number(const nb_cell *c)
{
    return c && c->kind == NB_CELL_NUMBER && c->certain;
}

/* The page of a place in the stream (0 when unknown). */
uint32_t nb_rules_page_at(const nb_report *r, size_t at);

/* The first page of a table, or 0. */
uint32_t nb_rules_table_page(const nb_table *t);

/* The narrative as sentences: the body of the report (after a crawler's header) without the rows
 * of tables printed as fields (tab- or '|'-separated lines), with the page's line breaks removed (a
 * PDF wraps 行政复\n议 anywhere), and a 。 put where a section heading starts and where its words
 * end, so that no sentence or clause runs over a heading. Tables laid out as plain lines stay in:
 * their labels and bare numbers match none of the sentence patterns, which want 件, 起, 元 or a
 * verb. at[i] is the stream offset of s[i]. */
typedef struct nb_prose {
    const char   *s;
    size_t        n;
    const size_t *at;           /* n + 1 entries */
    /* worked out once per report by the first prose rule (prose.c), for the others */
    int           derived;
    int           year;         /* nb_rules_narrative_year */
    const size_t *ends;         /* where each clause end (。,;:!?) stands, ascending */
    size_t        nends;
} nb_prose;

void nb_rules_prose(const nb_report *r, nb_arena *a, nb_prose *out);

/* The same text, built by the first rule that asks and kept in out for the others (six rules read
 * it). Cleared when nb_run_rules starts and ends and by nb_findings_init/free: an nb_findings holds
 * the findings of one report at a time. */
const nb_prose *nb_rules_prose_shared(const nb_report *r, nb_findings *out);

/* dates.c: the year the narrative speaks of as its own — the report's year, or the year before when
 * the narrative is stale (DATE-STALE-YEAR's condition). 0 when the year is unknown. */
int nb_rules_narrative_year(const nb_report *r, const nb_prose *t);

/* "表三" / "Table 3" for a table definition (its section number is its table number). */
const char *nb_rules_table_name(nb_arena *a, const nb_table_def *def, int en);

/* Attach the usual arguments naming a cell: tname (表三 / table 3), label (the row's printed
 * label), col_label (the column's). */
void nb_rules_cell_args(nb_findings *out, nb_finding *x, const nb_table_def *def, int row, int col);

/* The number a cell holds, as printed ("" when not a number). */
static inline const char *nb_cell_text(const nb_cell *c)
{
    return c && c->kind == NB_CELL_NUMBER && c->value ? c->value : "";
}

/* The publication date that stands in for a missing signature in the deadline rules: one the
 * report's source states (a page's meta tag, a crawler's header, a 发布日期 line), not a PDF's
 * creation date. NULL when there is none. */
const nb_date *nb_rules_stand_in(const nb_report *r);

/* Where the publication date was read, in words: "网页元数据 PubDate" / "the page's PubDate meta tag". */
const char *nb_rules_published_from(const nb_report *r, int en);

/* A date as YYYY-MM-DD in the arena. */
const char *nb_rules_date_text(nb_arena *a, int y, int m, int d);

#endif
