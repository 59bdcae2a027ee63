/*
 * parser/units.c — the unit of every money cell (FORMAT.md §5): a money amount is never rescaled;
 * value is the number as printed and unit says what it counts, so that a sum over many reports
 * never mixes 元 with 万元. A 2019-format 政府集中采购 amount usually carries its unit in the cell
 * (5.77万元, 13575394432.52元); the 2021 fee column names it in its header (本年收费金额（单位：万元）);
 * some reports put it in the header of the 2019 column (采购总金额（万元）) and print bare numbers.
 * The cell's own unit wins over the header's — also where the reader kept only the digits of a
 * glued run (…0213373万元): then it is read after the number in the line. Neither, and unit is "".
 */
#include "units.h"

#include <stdio.h>
#include <string.h>

#include "normalize.h"
#include "pattern.h"
#include "table.h"
#include "value.h"

/* The unit printed at the end of a cell's raw text, or "". */
static const char *cell_unit(nb_arena *a, const nb_cell *c)
{
    if (!c->raw || !*c->raw) return "";
    nb_norm nm;
    nb_normalize(a, c->raw, strlen(c->raw), &nm);
    nb_value v;
    if (nb_parse_value(nm.text, nm.len, &v) != NB_V_NUMBER) return "";
    return v.unit;
}

/* The money unit at s[0..n) (after spaces), or "". */
static const char *unit_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    for (int k = 0; nb_money_units[k]; k++) {
        size_t u = strlen(nb_money_units[k]);
        if (n - i >= u && !memcmp(s + i, nb_money_units[k], u)) return nb_money_units[k];
    }
    return "";
}

/* The unit printed right after the cell's number in its line, where the reader kept only the digits
 * (a flattened page's glued run 政府集中采购0213373万元 split into 0 and 213373): the first place in
 * the line, within the table's part, where the number is followed by a unit. */
static const char *trailing_unit(const nb_report *r, const nb_table *t, const nb_cell *c)
{
    if (!c->value || !*c->value || c->line >= r->doc->nlines) return "";
    size_t a = r->stream.line_start[c->line], b = r->stream.line_start[c->line + 1];
    const nb_section *sec = t->def->section >= 1 && t->def->section <= NB_NSECTIONS ? &r->sec[t->def->section - 1] : NULL;
    if (sec && sec->found && sec->head > a && sec->head < b) a = sec->head;
    if (sec && sec->found && sec->end > a && sec->end < b) b = sec->end;
    const char *s = r->stream.text, *v = c->value;
    size_t n = strlen(v);
    for (const char *q = s + a; q < s + b && (q = memmem(q, (size_t)(s + b - q), v, n)); q++) {
        size_t end = (size_t)(q - s) + n;
        if (end < b && s[end] >= '0' && s[end] <= '9') continue;
        const char *u = unit_at(s + end, b - end < 8 ? b - end : 8);
        if (*u) return u;
    }
    return "";
}

/* The pattern of a money column's header with the unit it names in brackets: (收费金额)（单位：万元）.
 * Built once per column declaration (the pattern cache keeps the text). */
static nb_re *header_pattern(const nb_col_def *col)
{
    enum { SLOTS = 8 };
    static const nb_col_def *def[SLOTS];
    static nb_re *re[SLOTS];
    static char src[SLOTS][512];
    int k = 0;
    while (k < SLOTS && def[k] && def[k] != col) k++;
    if (k == SLOTS) k = SLOTS - 1;                      /* full: the last slot is rebuilt */
    if (def[k] == col) return re[k];
    char raw[512];
    snprintf(raw, sizeof raw, "(?:%s)[^\\d。]{0,8}?[(\\[]\\s*(?:单位\\s*[:：]?\\s*)?(万元|元)\\s*[)\\]]", col->header);
    nb_pattern_spread(raw, src[k], sizeof src[k]);
    def[k] = col;
    re[k] = nb_re_get(src[k]);
    return re[k];
}

/* The unit the column's header names before the cell: the last such header between the start of
 * the table's part (its section heading, else 8 KB before) and the end of the cell's line. */
static const char *header_unit(const nb_report *r, const nb_table *t, const nb_col_def *col, const nb_cell *c)
{
    if (!col->header || c->line >= r->doc->nlines) return "";
    size_t to = r->stream.line_start[c->line + 1], from = to > 8192 ? to - 8192 : 0;
    const nb_section *sec = t->def->section >= 1 && t->def->section <= NB_NSECTIONS ? &r->sec[t->def->section - 1] : NULL;
    if (sec && sec->found && sec->head < to) from = sec->head;
    const char *unit = "";
    size_t ov[4], at = from;
    nb_re *re = header_pattern(col);
    while (at < to && nb_re_find(re, r->stream.text, to, at, ov, 2)) {
        for (int k = 0; nb_money_units[k]; k++)
            if (ov[3] - ov[2] == strlen(nb_money_units[k]) && !memcmp(r->stream.text + ov[2], nb_money_units[k], ov[3] - ov[2]))
                unit = nb_money_units[k];
        at = ov[1] > at ? ov[1] : at + 1;
    }
    return unit;
}

void nb_tables_units(nb_report *r)
{
    nb_tables *ts = r->tables;
    for (int i = 0; ts && i < ts->ntables; i++) {
        nb_table *t = &ts->t[i];
        if (!t->def || !t->cells) continue;
        for (int row = 0; row < t->def->nrows; row++)
            for (int ci = 0; ci < t->def->ncols; ci++) {
                nb_cell *c = nb_table_cell(t, row, ci);
                c->unit = "";
                const nb_col_def *col = &t->def->cols[ci];
                if (!(col->flags & NB_COL_DECIMAL) || c->kind != NB_CELL_NUMBER || !c->certain) continue;
                c->unit = cell_unit(&r->doc->arena, c);
                if (!*c->unit) c->unit = trailing_unit(r, t, c);
                if (!*c->unit) c->unit = header_unit(r, t, col, c);
            }
    }
}
