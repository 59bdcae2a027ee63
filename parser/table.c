/*
 * parser/table.c — the table reader's driver: template tables out of a report's lines.
 *
 * Generic over the template declarations (template.h); nothing in the reader names a cell. The
 * version is detected from the tables, not the year; each table of that version is read from the
 * section it lives in (or, when that section is missing, the gap where it should be):
 *
 *  1. Items: on each line, row labels found by their key words (one PCRE2 alternation per table,
 *     (*MARK) telling which row) and values (table_tokens.c); labels and headings that wrap over
 *     lines are joined into cells first (table_cells.c).
 *  2. Groups: the values of a line between two labels, bound to the label before them on the line,
 *     to a wrapped label's cell, or to labels standing above them; unlabelled groups fill the rows
 *     between two anchored ones when the counts agree (table_groups.c).
 *  3. Cells: a group with as many values as the row has columns is read in order; with fewer, each
 *     value goes to the column its x-centre falls in, so a blank never shifts the rest; digit runs
 *     whose boundaries were lost are split only as the template's sums allow (table_fill.c).
 *  Table 4 prints every row on one line of 15 cells (table_wide.c). Anything in doubt is left
 *  uncertain, with a reason, never guessed. The helpers every stage shares are in table_base.c; the
 *  stages call downwards only (tokens, cells, groups, fill, wide, this driver).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "units.h"
#include "utf8.h"
#include "value.h"

/* ---------- region ---------- */

/* Stream range of the section holding the table; when the section was not found, the gap between
 * the neighbouring sections that were (and the return is 1: a guess). */
static int table_region(const nb_report *r, int section, size_t *a, size_t *b)
{
    int k = section - 1;
    if (k >= 0 && k < NB_NSECTIONS && r->sec[k].found) {
        *a = r->sec[k].body;
        *b = r->sec[k].end;
        return 0;
    }
    *a = 0;
    *b = r->stream.len;
    for (int j = k - 1; j >= 0; j--)
        if (r->sec[j].found) {
            *a = r->sec[j].body;
            break;
        }
    for (int j = k + 1; j < NB_NSECTIONS; j++)
        if (r->sec[j].found) {
            *b = r->sec[j].head;
            break;
        }
    return 1;
}


/* Read one table from the region of its section, then note its pages and copies. */
static void read_table(nb_report *r, nb_table *t)
{
    reader rd = {.r = r, .d = r->doc, .a = &r->doc->arena, .def = t->def, .t = t};
    nb_vec_init(&rd.toks, sizeof(tok));
    nb_vec_init(&rd.groups, sizeof(group));
    nb_vec_init(&rd.labels, sizeof(label));
    nb_vec_init(&rd.cell_labels, sizeof(label));
    nb_vec_init(&rd.hcells, sizeof(hcell));
    size_t a, b;
    rd.fallback = table_region(r, t->def->section, &a, &b);
    if (t->def->layout == NB_LAYOUT_WIDE) tr_read_wide_table(&rd, a, b);
    else tr_read_rows_table(&rd, a, b);
    for (int i = 0; i < t->def->nrows; i++) t->found |= t->row_found[i];
    for (int i = 0; i < t->def->nrows * t->def->ncols; i++) {
        const nb_cell *c = &t->cells[i];
        if (c->kind == NB_CELL_ABSENT || !c->page) continue;
        if (!t->first_page || c->page < t->first_page) t->first_page = c->page;
        if (c->page > t->last_page) t->last_page = c->page;
    }
    if (t->found && !t->copies) t->copies = 1;
    nb_vec_free(&rd.toks);
    nb_vec_free(&rd.groups);
    nb_vec_free(&rd.labels);
    nb_vec_free(&rd.cell_labels);
    nb_vec_free(&rd.hcells);
}

/* A table whose rows mostly hold more numbers than the template has columns, or whose numbers
 * could not be put in columns at all, is not the template's: say so rather than pass it off. */
static void judge_shape(nb_doc *d, nb_table *t)
{
    int rows = 0, extra = 0, unclear = 0;
    for (int r = 0; r < t->def->nrows; r++) {
        if (!t->row_found[r]) continue;
        rows++;
        for (int c = 0; c < t->def->ncols; c++) {
            const nb_cell *cell = nb_table_cell(t, r, c);
            if (cell->kind == NB_CELL_ABSENT || cell->certain || !cell->why) continue;
            if (!strcmp(cell->why, "extra_values")) extra++;
            else if (!strcmp(cell->why, "column_unclear")) unclear++;
            break;
        }
    }
    if (rows == 0) return;
    if (extra * 2 >= rows) t->note = "extra_columns";
    else if (unclear * 2 >= rows) t->note = "fewer_columns";
    if (t->note && d->status == NB_STATUS_OK) d->status = NB_STATUS_NOT_TEMPLATE;
}

/* ---------- version ---------- */

/* Score each template by its markers; the words of a pre-2019 statistics table, more of them than
 * any template's: pre2019; no markers but table 3's rows present: decide by the （六） rows, then by
 * the year; nothing of table 3 at all: pre2019. */
static const nb_template *detect_version(const nb_report *r, const char **why)
{
    const char *s = r->stream.text;
    size_t n = r->stream.len;
    const nb_template *best = NULL;
    int best_score = 0, tie = 0;
    for (int i = 0; nb_templates[i]; i++) {
        int score = 0;
        for (int k = 0; nb_templates[i]->markers[k]; k++)
            score += nb_re_test(nb_re_get(nb_templates[i]->markers[k]), s, n);
        if (score > best_score) { best = nb_templates[i]; best_score = score; tie = 0; }
        else if (score == best_score && score > 0) tie = 1;
    }
    /* a pre-2019 statistics table, told by its own words (template_pre2019.c) */
    int old = 0;
    for (int k = 0; nb_pre2019_markers[k]; k++) old += nb_re_test(nb_re_get(nb_pre2019_markers[k]), s, n);
    if (old >= NB_PRE2019_MIN_MARKERS && old > best_score) {
        *why = "old statistics table";
        return NULL;
    }
    if (best && !tie) {
        *why = "markers";
        return best;
    }
    /* table 3's rows, by the same keys the reader uses: three different rows make a table 3 */
    const nb_table_def *t3 = NULL;
    for (int i = 0; i < nb_template_2021.ntables; i++)
        if (!strcmp(nb_template_2021.tables[i].code, "t3")) t3 = &nb_template_2021.tables[i];
    uint8_t seen[64] = {0};
    int rows = 0;
    size_t pos = 0, ov[2];
    nb_re *keys = tr_label_pattern(t3);
    while (rows < 3 && pos < n && nb_re_find(keys, s, n, pos, ov, 1)) {
        int row = nb_re_last_mark();
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (row >= 0 && row < 64 && !seen[row] && !tr_is_heading(t3, row)) {
            seen[row] = 1;
            rows++;
        }
    }
    if (rows < 3) {
        *why = "no template tables";
        return NULL;
    }
    static nb_re *subrows;
    if (nb_re_test(nb_re_once(&subrows, "逾期不补正|收费通知"), s, n)) {
        *why = "table 3 rows";
        return &nb_template_2021;
    }
    *why = "report year";
    return r->id.year >= 2021 ? &nb_template_2021 : &nb_template_2019;
}

/* See table.h. */
void nb_read_tables(nb_report *r)
{
    nb_doc *d = r->doc;
    nb_tables *ts = nb_alloc(&d->arena, sizeof *ts);
    r->tables = ts;
    if (d->status == NB_STATUS_ERROR || d->status == NB_STATUS_NO_TEXT_LAYER) {
        ts->version = "unknown";
        return;
    }
    const char *why;
    ts->tmpl = detect_version(r, &why);
    if (!ts->tmpl) {
        /* no template tables: a report from before the format, or not a report at all */
        int sections = 0;
        for (int k = 0; k < NB_NSECTIONS; k++) sections += r->sec[k].found;
        int report = r->id.title || sections > 0;
        ts->version = report ? "pre2019" : "unknown";
        d->status = report ? NB_STATUS_PRE2019 : NB_STATUS_NOT_REPORT;
        return;
    }
    ts->version = ts->tmpl->version;
    ts->ntables = ts->tmpl->ntables < NB_MAX_TABLES ? ts->tmpl->ntables : NB_MAX_TABLES;
    for (int i = 0; i < ts->ntables; i++) {
        nb_table *t = &ts->t[i];
        t->def = &ts->tmpl->tables[i];
        t->cells = nb_alloc(&d->arena, (size_t)t->def->nrows * (size_t)t->def->ncols * sizeof(nb_cell));
        for (int k = 0; k < t->def->nrows * t->def->ncols; k++) {
            t->cells[k].value = "";
            t->cells[k].raw = "";
            t->cells[k].certain = 1;
        }
        t->row_found = nb_alloc(&d->arena, (size_t)t->def->nrows);
        read_table(r, t);
        for (int k = 0; k < t->def->nrows * t->def->ncols; k++)
            if (t->cells[k].kind != NB_CELL_ABSENT && !t->cells[k].certain) ts->uncertain++;
        judge_shape(d, t);
    }
    nb_tables_units(r);
}

/* See table.h. */
nb_table *nb_tables_get(const nb_tables *ts, const char *code)
{
    if (!ts) return NULL;
    for (int i = 0; i < ts->ntables; i++)
        if (strcmp(ts->t[i].def->code, code) == 0) return (nb_table *)&ts->t[i];
    return NULL;
}

/* See table.h. */
double nb_cell_number(const nb_cell *c)
{
    if (c->kind != NB_CELL_NUMBER || !c->certain) return 0;
    double v = (double)c->mant;
    for (int i = 0; i < c->scale; i++) v /= 10;
    return v;
}
