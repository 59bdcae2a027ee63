/*
 * rules/roster.c — the roster (roster.h) and its two rules: ROSTER-MISSING, an agency on the roster
 * with no report for a year seen in the run (or --year), and ROSTER-UNLISTED, a report from an
 * agency the roster does not name.
 *
 * Before any cross-report rule runs, a report whose agency is an alias of a roster entry takes
 * that entry's key, so that the year-to-year rules see one agency.
 */
#include "roster.h"

#include <stdlib.h>
#include <string.h>

#include "audit_opts.h"
#include "csvin.h"
#include "xreport.h"

static int kind_of(const char *s)
{
    if (!strcmp(s, "government") || !strcmp(s, "政府") || !strcmp(s, "人民政府")) return 1;
    if (!strcmp(s, "department") || !strcmp(s, "部门")) return 0;
    return -1;
}

static void split_aliases(nb_arena *a, const char *s, nb_roster_entry *e)
{
    int cap = 1;
    for (const char *p = s; *p; p++) cap += *p == ';' || *p == '|';
    e->alias_keys = nb_alloc(a, (size_t)cap * sizeof *e->alias_keys);
    e->naliases = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p && *p != ';' && *p != '|') continue;
        const char *k = nb_agency_key(a, nb_strndup(a, start, (size_t)(p - start)));
        if (*k) e->alias_keys[e->naliases++] = k;
        if (!*p) break;
        start = p + 1;
    }
}

int nb_roster_load(const char *path, nb_roster *r, int en, const char **err)
{
    memset(r, 0, sizeof *r);
    nb_arena_init(&r->a);
    nb_arena *a = &r->a;
    r->path = nb_strdup(a, path);
    nb_csvin_file csv;
    if (nb_csvin_load(path, a, &csv, en, err) != 0) return -1;
    r->v = nb_alloc(a, ((size_t)csv.n + 1) * sizeof *r->v);
    for (int i = 0; i < csv.n; i++) {
        const nb_csvin_row *row = &csv.rows[i];
        const char *agency = nb_csvin_field(row, 0), *kind = nb_csvin_field(row, 1);
        if (i == 0 && !strcmp(agency, "agency")) continue;
        nb_roster_entry *e = &r->v[r->n];
        memset(e, 0, sizeof *e);
        const char *dl = nb_csvin_field(row, 2);
        e->government = kind_of(kind);
        if (!*agency || e->government < 0 || (*dl && !nb_parse_md(dl, &e->dl_m, &e->dl_d))) {
            *err = nb_sprintf(a, en ? "%s: line %d: expected agency,department|government[,MM-DD][,parent][,aliases]"
                                    : "%s：第 %d 行：应为 机关,department|government[,MM-DD][,上级][,别名]",
                              path, row->line);
            return -1;
        }
        e->agency = agency;
        e->key = nb_agency_key(a, agency);
        e->parent = nb_csvin_field(row, 3);
        split_aliases(a, nb_csvin_field(row, 4), e);
        r->n++;
    }
    return 0;
}

void nb_roster_free(nb_roster *r)
{
    nb_arena_free(&r->a);
    memset(r, 0, sizeof *r);
}

static const nb_roster_entry *find_key(const nb_roster *r, const char *key)
{
    if (!*key) return NULL;
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].key, key)) return &r->v[i];
    for (int i = 0; i < r->n; i++)
        for (int k = 0; k < r->v[i].naliases; k++)
            if (!strcmp(r->v[i].alias_keys[k], key)) return &r->v[i];
    return NULL;
}

const nb_roster_entry *nb_roster_find(const nb_roster *r, const char *agency)
{
    if (!r || !agency) return NULL;
    nb_arena tmp;
    nb_arena_init(&tmp);
    const nb_roster_entry *e = find_key(r, nb_agency_key(&tmp, agency));
    nb_arena_free(&tmp);
    return e;
}

static int int_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

void nb_xcheck_roster(nb_xdoc **docs, int n, const nb_xopts *o, nb_xfindings *out)
{
    const nb_roster *r = o->roster;
    nb_arena *a = out->a;
    /* the years asked about: --year, or every year of this run's reports */
    int *years = malloc(((size_t)n + 1) * sizeof *years), ny = 0;
    if (!years) abort();
    if (o->year) years[ny++] = o->year;
    for (int i = 0; i < n && !o->year; i++)
        if (!docs[i]->run && docs[i]->year) years[ny++] = docs[i]->year;
    qsort(years, (size_t)ny, sizeof *years, int_cmp);
    int u = 0;
    for (int i = 0; i < ny; i++)
        if (!u || years[u - 1] != years[i]) years[u++] = years[i];
    ny = u;
    char *seen = calloc((size_t)r->n * (size_t)(ny ? ny : 1) + 1, 1);
    if (!seen) abort();
    for (int i = 0; i < n; i++) {
        nb_xdoc *d = docs[i];
        const nb_roster_entry *e = find_key(r, d->key);
        if (e) {
            d->key = e->key;                   /* an alias joins its agency */
            for (int y = 0; y < ny; y++)
                if (years[y] == d->year) seen[(size_t)(e - r->v) * (size_t)ny + (size_t)y] = 1;
        } else if (!d->run && *d->agency) {
            nb_xfinding *x = nb_xfinding_add(out, "ROSTER-UNLISTED", d);
            x->actual = d->agency;
            x->msg_zh = nb_sprintf(a, "报告机关「%s」不在名册 %s 中。", d->agency, r->path);
            x->msg_en = nb_sprintf(a, "The reporting agency '%s' is not on the roster %s.", d->agency, r->path);
        }
    }
    for (int k = 0; k < r->n; k++)
        for (int y = 0; y < ny; y++) {
            if (seen[(size_t)k * (size_t)ny + (size_t)y]) continue;
            const nb_roster_entry *e = &r->v[k];
            nb_xfinding *x = nb_xfinding_add(out, "ROSTER-MISSING", NULL);
            x->expected = nb_sprintf(a, "%s %d", e->agency, years[y]);
            x->row = nb_sprintf(a, "%d", years[y]);
            x->col = e->agency;
            x->msg_zh = nb_sprintf(a, "名册中的「%s」没有 %d 年度的报告。", e->agency, years[y]);
            x->msg_en = nb_sprintf(a, "%s, on the roster, has no report for %d.", e->agency, years[y]);
        }
    free(seen);
    free(years);
}
