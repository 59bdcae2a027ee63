/*
 * parser/table_narrative.c — what the report's own narrative says a table cell holds.
 *
 * A flattened page glues a table-2 row's digits (行政规范性文件77132470) and no sum settles how they
 * split; the narrative before the tables often states one of the cells in words
 * (动态更新本年度制发的规范性文件77件). A column's words below, the row's key (template data) and a
 * count in 件 within one clause make such a statement. The statement only chooses among the
 * splits the digits allow: one that no split agrees with (现行有效…393件 against …2470) is the
 * narrative disagreeing with the table, and chooses nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table_reader.h"

/* The words a narrative uses to state a column's count of a row, by column code (the 2021 table 2
 * columns; a column not listed is never read from the narrative). */
static const struct { const char *col, *said; } said_words[] = {
    {"issued",   "(?:本年度?|全年|\\d{4}年度?)[^，。；,;]{0,6}?(?:制发|印发)"},
    {"repealed", "(?:本年度?|全年|\\d{4}年度?)[^，。；,;]{0,6}?废止"},
    {"in_force", "现行有效"},
};

static const char *said_of(const char *col)
{
    for (size_t i = 0; i < sizeof said_words / sizeof said_words[0]; i++)
        if (!strcmp(said_words[i].col, col)) return said_words[i].said;
    return NULL;
}

/* The pattern of a statement of column col's count of row `row`, or NULL when the column has no
 * words. Patterns live for the process (pattern.h keeps the source string), so each
 * (template table, row, column) is built once, its text kept here. */
static nb_re *statement_pattern(reader *rd, int row, int col)
{
    enum { SLOTS = 64 };
    static struct { const nb_table_def *def; int row, col; nb_re *re; } made[SLOTS];
    static int nmade;
    const char *said = said_of(rd->def->cols[col].code), *key = rd->def->rows[row].key;
    if (!said || !key) return NULL;
    for (int i = 0; i < nmade; i++)
        if (made[i].def == rd->def && made[i].row == row && made[i].col == col) return made[i].re;
    if (nmade == SLOTS) return NULL;
    static const char fmt[] = "(?:%s)[^，。；,;\\n]{0,16}?(?:%s)[^，。；,;\\n\\d]{0,4}?(\\d{1,9})\\s*件";
    size_t n = sizeof fmt + strlen(said) + strlen(key);
    char *pat = malloc(n);
    if (!pat) return NULL;
    snprintf(pat, n, fmt, said, key);
    made[nmade].def = rd->def;
    made[nmade].row = row;
    made[nmade].col = col;
    made[nmade].re = nb_re_get(pat);
    return made[nmade++].re;
}

/* Does the narrative before the table (stream [0, rd->ra)) state the count of (row, col)? 1 and
 * *v when every statement found gives the same number; 0 when none does or they differ. */
int tr_narrative_count(reader *rd, int row, int col, int64_t *v)
{
    nb_re *re = statement_pattern(rd, row, col);
    if (!re) return 0;
    const char *text = rd->r->stream.text;
    size_t end = rd->ra < rd->r->stream.len ? rd->ra : rd->r->stream.len, pos = 0, ov[4];
    int found = 0;
    while (pos < end && nb_re_find(re, text, end, pos, ov, 2)) {
        int64_t n = 0;
        for (size_t i = ov[2]; i < ov[3]; i++) n = n * 10 + (text[i] - '0');
        if (found && n != *v) return 0;     /* two statements that differ: neither decides */
        *v = n;
        found = 1;
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return found;
}
