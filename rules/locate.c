/*
 * rules/locate.c — what the rule families share: finding tables and cells by code, the page of a
 * place in the text, the narrative stretches of the text, and the names used in messages.
 */
#include <string.h>

#include "../parser/pattern.h"
#include "checks.h"

const nb_table *nb_rules_table(const nb_report *r, const char *code)
{
    if (!r->tables) return NULL;
    for (int i = 0; i < r->tables->ntables && i < NB_MAX_TABLES; i++) {
        const nb_table *t = &r->tables->t[i];
        if (t->def && strcmp(t->def->code, code) == 0) return t;
    }
    return NULL;
}

const nb_cell *nb_rules_cell(const nb_table *t, const char *row, const char *col)
{
    if (!t || !t->cells) return NULL;
    int ri = nb_row_index(t->def, row), ci = nb_col_index(t->def, col);
    if (ri < 0 || ci < 0) return NULL;
    return nb_table_cell(t, ri, ci);
}

uint32_t nb_rules_page_at(const nb_report *r, size_t at)
{
    const nb_doc *d = r->doc;
    if (!d || !d->nlines || !r->stream.line_start || at > r->stream.len) return 0;
    uint32_t line, off;
    nb_stream_locate(&r->stream, d->nlines, at, &line, &off);
    return line < d->nlines ? d->lines[line].page : 0;
}

uint32_t nb_rules_table_page(const nb_table *t)
{
    return t ? t->first_page : 0;
}

/* Where the body starts after a crawler's header ("==== 正文 ===="), or 0. */
static size_t body_start(const nb_report *r)
{
    static nb_re *mark;
    size_t n = r->stream.len < 8192 ? r->stream.len : 8192, ov[2];
    if (nb_re_find(nb_re_once(&mark, "\\n=+\\s*正文\\s*=+\\s*\\n"), r->stream.text, n, 0, ov, 1))
        return ov[1];
    return 0;
}

int nb_rules_narrative(const nb_report *r, nb_span spans[NB_MAX_SPANS])
{
    int n = 0;
    size_t from = body_start(r);
    if (!r->stream.text) return 0;
    /* sections 二 to 四 (k = 1..3) are contiguous when found: each ends where the next found starts */
    for (int k = 1; k <= 3; k++) {
        const nb_section *s = &r->sec[k];
        if (!s->found || s->end <= from) continue;
        if (s->head > from && n < NB_MAX_SPANS) spans[n++] = (nb_span){from, s->head};
        if (s->end > from) from = s->end;
    }
    if (from < r->stream.len && n < NB_MAX_SPANS) spans[n++] = (nb_span){from, r->stream.len};
    return n;
}

/* Is a section heading's start or end at stream offset i? */
static int heading_edge(const nb_report *r, size_t i)
{
    for (int k = 0; k < NB_NSECTIONS; k++)
        if (r->sec[k].found && (r->sec[k].head == i || r->sec[k].body == i)) return 1;
    return 0;
}

void nb_rules_prose(const nb_report *r, nb_arena *a, nb_prose *out)
{
    static const char stop[] = "。";
    nb_span spans[NB_MAX_SPANS];
    int ns = nb_rules_narrative(r, spans);
    size_t cap = 1;
    for (int k = 0; k < ns; k++) cap += (spans[k].b - spans[k].a) * 2 + 2 * sizeof stop;
    char *s = nb_alloc(a, cap);
    size_t *at = nb_alloc(a, (cap + 1) * sizeof *at), n = 0;
    for (int k = 0; k < ns; k++) {
        for (size_t i = spans[k].a; i <= spans[k].b; i++) {
            /* a stop at every heading edge and at the end of the span; never two in a row */
            if ((i == spans[k].b || heading_edge(r, i)) && !(n >= 3 && memcmp(s + n - 3, stop, 3) == 0)) {
                for (int j = 0; j < 3; j++) at[n] = i, s[n++] = stop[j];
            }
            if (i == spans[k].b || r->stream.text[i] == '\n') continue;
            at[n] = i;
            s[n++] = r->stream.text[i];
        }
    }
    at[n] = r->stream.len;
    s[n] = '\0';
    out->s = s;
    out->n = n;
    out->at = at;
}

const char *nb_rules_table_name(nb_arena *a, const nb_table_def *def, int en)
{
    static const char *const numerals[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int k = def->section;
    if (en) return nb_sprintf(a, "Table %d", k);
    return nb_sprintf(a, "表%s", k >= 0 && k <= 9 ? numerals[k] : "");
}

void nb_rules_cell_args(nb_findings *out, nb_finding *x, const nb_table_def *def, int row, int col)
{
    nb_finding_arg_tr(out, x, "tname", nb_rules_table_name(out->arena, def, 0),
                      nb_rules_table_name(out->arena, def, 1));
    if (row >= 0) nb_finding_arg(out, x, "label", def->rows[row].label);
    if (col >= 0) nb_finding_arg(out, x, "col_label", def->cols[col].label);
}

const char *nb_rules_date_text(nb_arena *a, int y, int m, int d)
{
    return nb_sprintf(a, "%04d-%02d-%02d", y, m, d);
}
