/*
 * tests/rulesfix.h — fixtures for the rule tests: a report from a few lines of text, template tables
 * filled by hand (cells in the document's arena, as the table reader would leave them), the audit
 * run with a fixed "today", and assertions on the exact findings raised.
 *
 * A row is written as its cells left to right, separated by spaces:
 *   12  7730.28  -3   a number, read without doubt
 *   _                 blank, nothing printed (raw "")
 *   —  /  -  无       blank, printed as that mark
 *   ?                 read with doubt (certain 0, why "glued_ambiguous", raw "630020469")
 *   .                 absent (no such cell in the report)
 * Only the columns the row has are given (table 2's rows have one to three).
 */
#ifndef NB_RULESFIX_H
#define NB_RULESFIX_H

#include "testutil.h"

#include "../parser/ingest.h"
#include "../parser/pattern.h"
#include "../parser/report.h"
#include "../parser/table.h"
#include "../parser/template.h"
#include "../rules/audit_opts.h"
#include "../rules/finding.h"

typedef struct fixture {
    nb_doc       *doc;
    nb_report     r;
    nb_findings   f;
    nb_audit_opts o;
} fixture;

/* A report from text, "today" 2024-06-01, no tables yet. */
static inline void fx_open(fixture *fx, const char *text)
{
    memset(fx, 0, sizeof *fx);
    fx->doc = nb_ingest_bytes("fixture.txt", (const unsigned char *)text, strlen(text), NULL);
    nb_report_init(&fx->r, fx->doc);
    nb_findings_init(&fx->f, &fx->doc->arena);
    const char *err;
    assert_int_equal(nb_audit_opts_init(&fx->o, "2024-06-01", NULL, NULL, 0, &err), 0);
}

/* A report from a file (the shared corpus), "today" 2025-06-01. */
static inline void fx_open_file(fixture *fx, const char *path)
{
    memset(fx, 0, sizeof *fx);
    fx->doc = nb_ingest(path, NULL);
    nb_report_init(&fx->r, fx->doc);
    nb_findings_init(&fx->f, &fx->doc->arena);
    const char *err;
    assert_int_equal(nb_audit_opts_init(&fx->o, "2025-06-01", NULL, NULL, 0, &err), 0);
}

static inline void fx_close(fixture *fx)
{
    nb_findings_free(&fx->f);
    nb_audit_opts_free(&fx->o);
    nb_doc_free(fx->doc);
}

/* The tables of a template, every table found but every row absent until filled. */
static inline nb_tables *fx_tables(fixture *fx, const nb_template *tp)
{
    nb_arena *a = &fx->doc->arena;
    nb_tables *ts = nb_alloc(a, sizeof *ts);
    ts->tmpl = tp;
    ts->version = tp->version;
    ts->ntables = tp->ntables;
    for (int i = 0; i < tp->ntables; i++) {
        nb_table *t = &ts->t[i];
        t->def = &tp->tables[i];
        t->found = 1;
        t->copies = 1;
        t->cells = nb_alloc(a, (size_t)(t->def->nrows * t->def->ncols) * sizeof *t->cells);
        t->row_found = nb_alloc(a, (size_t)t->def->nrows);
        t->first_page = t->last_page = 1;
    }
    fx->r.tables = ts;
    return ts;
}

static inline nb_table *fx_table(fixture *fx, const char *code)
{
    for (int i = 0; i < fx->r.tables->ntables; i++)
        if (strcmp(fx->r.tables->t[i].def->code, code) == 0) return &fx->r.tables->t[i];
    fail_msg("no table %s", code);
    return NULL;
}

/* Read one token into a cell. */
static inline void fx_cell(nb_arena *a, nb_cell *c, const char *tok)
{
    memset(c, 0, sizeof *c);
    c->page = 2;
    c->certain = 1;
    if (strcmp(tok, ".") == 0) {
        c->kind = NB_CELL_ABSENT;
        c->certain = 0;
        c->page = 0;
    } else if (strcmp(tok, "?") == 0) {
        c->kind = NB_CELL_NUMBER;
        c->certain = 0;
        c->value = "";
        c->raw = "630020469";
        c->why = "glued_ambiguous";
    } else if (strcmp(tok, "_") == 0 || strcmp(tok, "—") == 0 || strcmp(tok, "/") == 0 || strcmp(tok, "-") == 0 ||
               strcmp(tok, "无") == 0) {
        c->kind = NB_CELL_BLANK;
        c->value = "";
        c->raw = strcmp(tok, "_") == 0 ? "" : nb_strdup(a, tok);
    } else {
        c->kind = NB_CELL_NUMBER;
        c->value = nb_strdup(a, tok);
        c->raw = c->value;
        const char *dot = strchr(tok, '.');
        c->scale = dot ? (uint8_t)strlen(dot + 1) : 0;
        long long m = 0;
        int neg = tok[0] == '-';
        for (const char *p = tok + neg; *p; p++)
            if (*p != '.') m = m * 10 + (*p - '0');
        c->mant = neg ? -m : m;
    }
}

/* Fill a row from its tokens (see the file comment). */
static inline void fx_row(fixture *fx, const char *table, const char *row, const char *cells)
{
    nb_table *t = fx_table(fx, table);
    int ri = nb_row_index(t->def, row);
    if (ri < 0) fail_msg("no row %s in %s", row, table);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", cells);
    char *save = NULL, *tok = strtok_r(buf, " ", &save);
    int any = 0;
    for (int ci = 0; ci < t->def->ncols; ci++) {
        if (!nb_row_has_col(t->def, ri, ci)) continue;
        if (!tok) fail_msg("%s.%s: too few cells in '%s'", table, row, cells);
        fx_cell(&fx->doc->arena, nb_table_cell(t, ri, ci), tok);
        if (strcmp(tok, ".") != 0) any = 1;
        tok = strtok_r(NULL, " ", &save);
    }
    if (tok) fail_msg("%s.%s: too many cells in '%s'", table, row, cells);
    t->row_found[ri] = (uint8_t)any;
}

/* Every row of a 2021 report that adds up: 3 new requests from natural persons, 2 granted, 1
 * partial; no reconsideration or lawsuit; table 2 all zero. */
static inline void fx_consistent_2021(fixture *fx)
{
    fx_tables(fx, &nb_template_2021);
    static const char *const t3[][2] = {
        {"new", "3 0 0 0 0 0 3"}, {"carried", "0 0 0 0 0 0 0"}, {"granted", "2 0 0 0 0 0 2"},
        {"partial", "1 0 0 0 0 0 1"}, {"total", "3 0 0 0 0 0 3"}, {"forward", "0 0 0 0 0 0 0"},
    };
    const nb_table_def *def = fx_table(fx, "t3")->def;
    for (int ri = 0; ri < def->nrows; ri++)
        if (!(def->rows[ri].flags & NB_ROW_HEADING)) fx_row(fx, "t3", def->rows[ri].code, "0 0 0 0 0 0 0");
    for (size_t i = 0; i < sizeof t3 / sizeof t3[0]; i++) fx_row(fx, "t3", t3[i][0], t3[i][1]);
    fx_row(fx, "t4", "review", "0 0 0 0 0");
    fx_row(fx, "t4", "suit_direct", "0 0 0 0 0");
    fx_row(fx, "t4", "suit_after_review", "0 0 0 0 0");
    fx_row(fx, "t2", "rules", "0 0 0");
    fx_row(fx, "t2", "normative", "0 0 0");
    fx_row(fx, "t2", "license", "0");
    fx_row(fx, "t2", "penalty", "0");
    fx_row(fx, "t2", "coercion", "0");
    fx_row(fx, "t2", "fees", "0");
}

/* Every finding's message renders in both languages with no placeholder left unfilled. */
static inline void fx_check_messages(const fixture *fx)
{
    for (int i = 0; i < fx->f.n; i++)
        for (int en = 0; en < 2; en++) {
            const char *m = nb_finding_message(&fx->doc->arena, &fx->f.v[i], en);
            if (strchr(m, '{')) fail_msg("%s: unfilled placeholder in '%s'", fx->f.v[i].rule->id, m);
        }
}

/* Run the rules of the given families. */
static inline void fx_run(fixture *fx, unsigned families)
{
    fx->f.n = 0;
    nb_run_rules(&fx->r, &fx->f, &fx->o, families);
    fx_check_messages(fx);
}

static inline void fx_audit(fixture *fx)
{
    fx_run(fx, NB_RULES_ALL);
}

/* Print the findings (on failure, to see what was raised instead). */
static inline void fx_print(const fixture *fx)
{
    for (int i = 0; i < fx->f.n; i++) {
        const nb_finding *x = &fx->f.v[i];
        print_message("  %s (%s,%s,%s) p%u expected '%s' actual '%s': %s\n", x->rule->id, x->table, x->row, x->col,
                      x->page, x->expected, x->actual, nb_finding_message(&fx->doc->arena, x, 0));
    }
}

/* How many findings of a rule. */
static inline int fx_count(const fixture *fx, const char *rule)
{
    int n = 0;
    for (int i = 0; i < fx->f.n; i++) n += strcmp(fx->f.v[i].rule->id, rule) == 0;
    return n;
}

/* The k-th finding of a rule, or fail. */
static inline const nb_finding *fx_get(const fixture *fx, const char *rule, int k)
{
    for (int i = 0; i < fx->f.n; i++)
        if (strcmp(fx->f.v[i].rule->id, rule) == 0 && k-- == 0) return &fx->f.v[i];
    fx_print(fx);
    fail_msg("no finding %s", rule);
    return NULL;
}

/* Assert one finding's place and values. */
static inline void fx_expect_at(const nb_finding *x, const char *table, const char *row, const char *col,
                                const char *expected, const char *actual)
{
    assert_string_equal(x->table, table);
    assert_string_equal(x->row, row);
    assert_string_equal(x->col, col);
    if (expected) assert_string_equal(x->expected, expected);
    if (actual) assert_string_equal(x->actual, actual);
}

/* Exactly one finding in all, of this rule, here, with these values (NULL: not checked). */
static inline const nb_finding *fx_expect_only(const fixture *fx, const char *rule, const char *table,
                                               const char *row, const char *col, const char *expected,
                                               const char *actual)
{
    if (fx->f.n != 1 || strcmp(fx->f.v[0].rule->id, rule) != 0) {
        fx_print(fx);
        fail_msg("expected exactly one %s, got %d findings", rule, fx->f.n);
    }
    fx_expect_at(&fx->f.v[0], table, row, col, expected, actual);
    return &fx->f.v[0];
}

static inline void fx_expect_none(const fixture *fx)
{
    if (fx->f.n) {
        fx_print(fx);
        fail_msg("expected no findings, got %d", fx->f.n);
    }
}

/* No finding of this rule. */
static inline void fx_expect_no(const fixture *fx, const char *rule)
{
    if (fx_count(fx, rule)) {
        fx_print(fx);
        fail_msg("expected no %s", rule);
    }
}

#endif
