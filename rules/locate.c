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

/* Append the 。 that separates sentences, unless one is there already. */
static void put_stop(char *s, size_t *at, size_t *n, size_t where)
{
    static const char stop[] = "。";
    if (*n >= 3 && memcmp(s + *n - 3, stop, 3) == 0) return;
    for (int j = 0; j < 3; j++) at[*n] = where, s[(*n)++] = stop[j];
}

/* The stream offsets where a found section's heading starts or ends, ascending, without repeats.
 * Returns how many (at most 2 * NB_NSECTIONS). */
static int heading_edges(const nb_report *r, size_t *e)
{
    int n = 0;
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!r->sec[k].found) continue;
        size_t v[2] = {r->sec[k].head, r->sec[k].body};
        for (int j = 0; j < 2; j++) {
            int i = n;
            while (i > 0 && e[i - 1] > v[j]) i--;
            if (i > 0 && e[i - 1] == v[j]) continue;
            memmove(e + i + 1, e + i, (size_t)(n - i) * sizeof *e);
            e[i] = v[j];
            n++;
        }
    }
    return n;
}

/* Every rule of the prose family asks for this text, so it is built for each: copied a run of
 * bytes at a time between heading edges, rather than asking at every byte whether one is there. */
void nb_rules_prose(const nb_report *r, nb_arena *a, nb_prose *out)
{
    const nb_doc *d = r->doc;
    size_t from = body_start(r), len = r->stream.len;
    /* every byte once, plus a stop per line and per heading edge at most */
    size_t cap = len + 3 * ((size_t)d->nlines + 2 * NB_NSECTIONS) + 4;
    /* not zeroed: s[0..n] and at[0..n] are all written, and nothing reads past n */
    char *s = nb_alloc_uninit(a, cap);
    size_t *at = nb_alloc_uninit(a, (cap + 1) * sizeof *at), n = 0;
    size_t edge[2 * NB_NSECTIONS];
    int nedge = heading_edges(r, edge), e = 0;
    for (uint32_t li = 0; li < d->nlines && r->stream.line_start; li++) {
        size_t la = r->stream.line_start[li], lb = r->stream.line_start[li + 1] - 1;   /* lb: its '\n' */
        if (lb < from) continue;
        if (la < from) la = from;
        if (d->lines[li].flags & NB_LINE_FIELDS) {
            put_stop(s, at, &n, la);
            continue;
        }
        while (e < nedge && edge[e] < la) e++;
        /* bytes [la, lb), a stop before each heading edge in [la, lb] */
        size_t i = la;
        for (;;) {
            size_t stop = e < nedge && edge[e] <= lb ? edge[e] : lb + 1;
            size_t end = stop < lb ? stop : lb;
            memcpy(s + n, r->stream.text + i, end - i);
            for (size_t j = i; j < end; j++) at[n++] = j;
            if (stop > lb) break;
            put_stop(s, at, &n, stop);
            e++;
            i = end;
        }
    }
    at[n] = len;
    s[n] = '\0';
    out->s = s;
    out->n = n;
    out->at = at;
}

const nb_prose *nb_rules_prose_shared(const nb_report *r, nb_findings *out)
{
    if (!out->prose) {
        nb_prose *p = nb_alloc(out->arena, sizeof *p);
        nb_rules_prose(r, out->arena, p);
        out->prose = p;
    }
    return out->prose;
}

/* Constant names for sections 0-9 (every table there is): this is asked for twice per finding, and
 * two nb_sprintf calls each were a tenth of the rules' time on reports with many blank cells. */
const char *nb_rules_table_name(nb_arena *a, const nb_table_def *def, int en)
{
    static const char *const zh[] = {"表零", "表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九"};
    static const char *const en_names[] = {"Table 0", "Table 1", "Table 2", "Table 3", "Table 4",
                                           "Table 5", "Table 6", "Table 7", "Table 8", "Table 9"};
    int k = def->section;
    if (k >= 0 && k <= 9) return en ? en_names[k] : zh[k];
    return en ? nb_sprintf(a, "Table %d", k) : "表";
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

const nb_date *nb_rules_stand_in(const nb_report *r)
{
    const char *src = r->id.published_source;
    if (!r->id.published.found || !src || !strcmp(src, "pdf-creation")) return NULL;
    return &r->id.published;
}

const char *nb_rules_published_from(const nb_report *r, int en)
{
    /* published_source's words, for messages */
    static const char *const names[][3] = {
        {"meta", "网页元数据 PubDate", "the page's PubDate meta tag"},
        {"header", "网页采集的“发布时间”", "the crawler's 发布时间 header"},
        {"text", "页面上的“发布日期”", "the page's 发布日期 line"},
        {"pdf-creation", "PDF 文件的创建日期", "the PDF's creation date"},
    };
    const char *src = r->id.published_source ? r->id.published_source : "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(src, names[i][0])) return names[i][en ? 2 : 1];
    return src;
}
