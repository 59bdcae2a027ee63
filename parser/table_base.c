/*
 * parser/table_base.c — what every stage of the table reader asks of a table and its lines: the
 * columns a row has, where a character ends in the raw text, whether a line's geometry is layout,
 * the row-key pattern, headings, and the sums a row declares among its own cells.
 *
 * The bottom of the reader: it calls no other table_*.c file, so the stages above it run in one
 * direction — tokens (table_tokens.c) and label cells (table_cells.c), groups (table_groups.c),
 * cells (table_fill.c), table 4's wide rows (table_wide.c), the driver (table.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"
#include "utf8.h"
#include "value.h"
/* How many columns row has (table 2 rows have one to three). */
int tr_row_ncols(const nb_table_def *def, int row)
{
    int n = 0;
    for (int c = 0; c < def->ncols; c++) n += nb_row_has_col(def, row, c);
    return n;
}

/* The k-th column (0-based) a row has. */
int tr_row_col(const nb_table_def *def, int row, int k)
{
    for (int c = 0; c < def->ncols; c++)
        if (nb_row_has_col(def, row, c) && k-- == 0) return c;
    return -1;
}

/* Raw end of the character whose normalised bytes end at norm offset e (exclusive). */
uint32_t tr_raw_end_of(const nb_line *l, uint32_t e)
{
    if (e == 0) return l->norm.map[0];
    uint32_t start = l->norm.map[e - 1];
    int len;
    nb_utf8_decode(l->raw + start, l->raw_len - start, &len);
    return start + (uint32_t)len;
}

/* Does this line's geometry describe layout? PDF lines and field lines do; a long text line is a
 * flattened web page whose "columns" are only character offsets. */
int tr_line_has_layout(const nb_doc *d, const nb_line *l)
{
    if (d->kind == NB_KIND_PDF || (l->flags & NB_LINE_FIELDS)) return 1;
    return l->geo != NULL && l->raw_len <= 600;
}

/* ---------- labels ---------- */

/* One alternation of every row key of a table, each branch marking its row. */
nb_re *tr_label_pattern(const nb_table_def *def)
{
    static const nb_table_def *keys[16];
    static nb_re *res[16];
    static char src[16][4096];     /* the pattern cache keeps a pointer to its text */
    static int n;
    for (int i = 0; i < n; i++)
        if (keys[i] == def) return res[i];
    if (n == 16) abort();          /* more table declarations than any template has */
    char *p = src[n], *end = src[n] + sizeof src[n];
    p += snprintf(p, (size_t)(end - p), "(?:");
    for (int i = 0; i < def->nrows && p < end; i++)
        p += snprintf(p, (size_t)(end - p), "%s(?:%s)(*MARK:%d)", i ? "|" : "", def->rows[i].key, i);
    if (p < end) snprintf(p, (size_t)(end - p), ")");
    keys[n] = def;
    res[n] = nb_re_get(src[n]);
    return res[n++];
}

/* Is the row usually a heading over others ((六)其他处理)? */
int tr_is_heading(const nb_table_def *def, int row)
{
    return (def->rows[row].flags & NB_ROW_HEADING) != 0;
}

/* ---------- glued digits ---------- */

/* The relations among a row's own cells that the template declares (each = "row" sums). */
int tr_row_relations(const reader *rd, int row, nb_glue_rel *rel, int max)
{
    const nb_template *tm = rd->r->tables ? rd->r->tables->tmpl : NULL;
    if (!tm) return 0;
    const nb_table_def *def = rd->def;
    int n = 0, nc = tr_row_ncols(def, row);
    for (int s = 0; s < tm->nsums && n < max; s++) {
        const nb_sum_def *sd = &tm->sums[s];
        if (strcmp(sd->table, def->code) || strcmp(sd->each, "row")) continue;
        /* lhs: a single column code; rhs: the addends */
        int target = -1;
        uint32_t mask = 0;
        const uint8_t *known = nb_sum_sides(sd, def);
        for (int k = 0; k < nc; k++) {
            int c = tr_row_col(def, row, k);
            const char *code = def->cols[c].code;
            if (nb_code_match(sd->lhs, code)) target = k;
            if (known ? known[c] & 2 : nb_code_in_list(sd->rhs, code)) mask |= 1u << k;
        }
        if (target >= 0 && mask) rel[n++] = (nb_glue_rel){target, mask};
    }
    return n;
}
