/*
 * rules/roster.c — the roster (roster.h) and its two rules: ROSTER-MISSING, an agency on the roster
 * with no report for a year seen in the run (or --year), and ROSTER-UNLISTED, a report from an
 * agency the roster does not name.
 *
 * Before any cross-report rule runs, a report whose agency is an alias of a roster entry takes
 * that entry's key, so that the year-to-year rules see one agency. Names are looked up in two hash
 * tables made when the roster is read (a roster of 2,000 agencies searched name by name for each of
 * 10,000 reports was most of the stage's time).
 */
#include "roster.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "audit_opts.h"
#include "csvin.h"
#include "xrun.h"

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

/* The first entry of each key, and the first entry naming each alias, as the search in file order
 * found them. */
static void index_roster(nb_roster *r)
{
    GHashTable *k = g_hash_table_new(g_str_hash, g_str_equal), *al = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < r->n; i++) {
        nb_roster_entry *e = &r->v[i];
        if (!g_hash_table_contains(k, e->key)) g_hash_table_insert(k, (gpointer)e->key, e);
        for (int j = 0; j < e->naliases; j++)
            if (!g_hash_table_contains(al, e->alias_keys[j])) g_hash_table_insert(al, (gpointer)e->alias_keys[j], e);
    }
    r->by_key = k;
    r->by_alias = al;
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
    index_roster(r);
    return 0;
}

void nb_roster_free(nb_roster *r)
{
    if (r->by_key) g_hash_table_destroy(r->by_key);
    if (r->by_alias) g_hash_table_destroy(r->by_alias);
    nb_arena_free(&r->a);
    memset(r, 0, sizeof *r);
}

const nb_roster_entry *nb_roster_find_key(const nb_roster *r, const char *key)
{
    if (!r || !key || !*key || !r->by_key) return NULL;
    const nb_roster_entry *e = g_hash_table_lookup(r->by_key, key);
    return e ? e : g_hash_table_lookup(r->by_alias, key);
}

const nb_roster_entry *nb_roster_find(const nb_roster *r, const char *agency)
{
    if (!r || !agency) return NULL;
    nb_arena tmp;
    nb_arena_init(&tmp);
    const nb_roster_entry *e = nb_roster_find_key(r, nb_agency_key(&tmp, agency));
    nb_arena_free(&tmp);
    return e;
}

static int int_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static gint64 seen_key(const nb_roster *r, const nb_roster_entry *e, int year)
{
    return (gint64)(e - r->v) << 32 | (guint32)year;
}

void nb_xroster_doc(nb_xrun *x, nb_xdoc *d)
{
    const nb_roster *r = x->o.roster;
    if (!d->run && d->year && !x->o.year) {
        gboolean have = FALSE;
        for (guint i = 0; i < x->run_years->len && !have; i++) have = g_array_index(x->run_years, int, i) == d->year;
        if (!have) g_array_append_val(x->run_years, d->year);
    }
    const nb_roster_entry *e = nb_roster_find_key(r, d->key);
    if (e) {
        d->key = e->key;                       /* an alias joins its agency */
        gint64 k = seen_key(r, e, d->year);
        if (!g_hash_table_contains(x->roster_seen, &k)) {
            gint64 *p = g_new(gint64, 1);
            *p = k;
            g_hash_table_add(x->roster_seen, p);
        }
    } else if (!d->run && *d->agency) {
        nb_arena *a = x->pending.a;
        nb_xfinding *f = nb_xfinding_add(&x->pending, "ROSTER-UNLISTED", d);
        f->actual = d->agency;
        f->msg_zh = nb_sprintf(a, "报告机关「%s」不在名册 %s 中。", d->agency, r->path);
        f->msg_en = nb_sprintf(a, "The reporting agency '%s' is not on the roster %s.", d->agency, r->path);
    }
}

/* Every roster agency without a report for a year asked about: --year, or each year of this run's
 * reports. */
void nb_xroster_missing(nb_xrun *x)
{
    const nb_roster *r = x->o.roster;
    GArray *years = g_array_new(FALSE, FALSE, sizeof(int));
    if (x->o.year) g_array_append_val(years, x->o.year);
    else g_array_append_vals(years, x->run_years->data, x->run_years->len);
    g_array_sort(years, int_cmp);
    nb_arena *a = x->pending.a;
    for (int k = 0; k < r->n; k++) {
        for (guint y = 0; y < years->len; y++) {
            int year = g_array_index(years, int, y);
            const nb_roster_entry *e = &r->v[k];
            gint64 key = seen_key(r, e, year);
            if (g_hash_table_contains(x->roster_seen, &key)) continue;
            nb_xfinding *f = nb_xfinding_add(&x->pending, "ROSTER-MISSING", NULL);
            f->expected = nb_sprintf(a, "%s %d", e->agency, year);
            f->row = nb_sprintf(a, "%d", year);
            f->col = e->agency;
            f->msg_zh = nb_sprintf(a, "名册中的「%s」没有 %d 年度的报告。", e->agency, year);
            f->msg_en = nb_sprintf(a, "%s, on the roster, has no report for %d.", e->agency, year);
        }
        nb_xrun_flush(x);
    }
    g_array_free(years, TRUE);
}
