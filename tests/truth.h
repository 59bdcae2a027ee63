/*
 * tests/truth.h — compare a real report as nianbao reads it with its hand-labelled truth in
 * ../shared/corpus/truth/ (NAME.csv: table,row,col,value,certain,note; NAME.meta: key=value), cell
 * by cell and field by field, and with the allow-list tests/truth-allow.txt.
 *
 * A truth cell marked certain=yes must be read certain with the same value (and, where the truth
 * names a money unit, that unit). A certain=no cell is one the source does not determine: reading
 * it uncertain is right, reading it certain is a guess (wrong) — except where its note says the
 * column sums are "satisfied only by a/b/c/…": that one split may be claimed, no other. The split's
 * parts go, in order, to the cells of that row sharing the note.
 *
 * Outcomes per cell: exact, uncertain (read uncertain; "expected" when the truth is uncertain too),
 * wrong (certain and different), missing (not read). The allow-list names, with a reason, the cells
 * and identity fields not yet read right: an outcome listed there does not fail; an entry whose
 * outcome no longer happens fails as stale, so that the list stays the honest record.
 */
#ifndef NB_TRUTH_H
#define NB_TRUTH_H

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parser/report.h"
#include "../parser/table.h"

enum { TRUTH_EXACT, TRUTH_UNCERTAIN, TRUTH_WRONG, TRUTH_MISSING, TRUTH_NOUTCOMES };
static const char *const truth_outcome_names[TRUTH_NOUTCOMES] = {"exact", "uncertain", "wrong", "missing"};

typedef struct truth_cell {
    char table[8], row[40], col[24], value[48], unit[12];
    int certain;
    char claim[48];      /* certain=no: the one split part the column sums allow, or "" */
    char *note;
} truth_cell;

typedef struct truth_file {
    truth_cell *v;
    int n, cap;
    char *meta[32][2];   /* key, value */
    int nmeta;
    /* csv parsing state */
    int field, header;
    truth_cell cur;
} truth_file;

static void truth_copy(char *dst, size_t cap, const char *s, size_t len)
{
    size_t n = len < cap - 1 ? len : cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static void truth_csv_field(void *s, size_t len, void *data)
{
    truth_file *t = data;
    truth_cell *c = &t->cur;
    switch (t->field++) {
    case 0: truth_copy(c->table, sizeof c->table, s, len); break;
    case 1: truth_copy(c->row, sizeof c->row, s, len); break;
    case 2: truth_copy(c->col, sizeof c->col, s, len); break;
    case 3: truth_copy(c->value, sizeof c->value, s, len); break;
    case 4: c->certain = len == 3 && !memcmp(s, "yes", 3); break;
    case 5: c->note = strndup(s, len); break;
    default: break;
    }
}

static void truth_csv_row(int ch, void *data)
{
    (void)ch;
    truth_file *t = data;
    if (t->header) {
        t->header = 0;
        free(t->cur.note);
    } else {
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 256;
            t->v = realloc(t->v, (size_t)t->cap * sizeof *t->v);
        }
        t->v[t->n++] = t->cur;
    }
    memset(&t->cur, 0, sizeof t->cur);
    t->field = 0;
}

/* A money value carries its unit ("13575394432.52元"); a note may name it ("unit 元 kept in print").
 * Where neither does, the unit is not compared. */
static void truth_split_unit(truth_cell *c)
{
    static const char *const units[] = {"万元", "元"};
    for (int k = 0; k < 2; k++) {
        size_t lv = strlen(c->value), lu = strlen(units[k]);
        if (lv > lu && !strcmp(c->value + lv - lu, units[k])) {
            c->value[lv - lu] = '\0';
            snprintf(c->unit, sizeof c->unit, "%s", units[k]);
            return;
        }
    }
    for (int k = 0; k < 2; k++) {
        char want[32];
        snprintf(want, sizeof want, "unit %s ", units[k]);
        if (c->note && strstr(c->note, want)) { snprintf(c->unit, sizeof c->unit, "%s", units[k]); return; }
    }
}

/* "satisfied only by 27/0/0/2/0/1/30": give each cell of the row sharing the note its part. */
static void truth_assign_claims(truth_file *t)
{
    static const char key[] = "satisfied only by ";
    for (int i = 0; i < t->n; i++) {
        truth_cell *c = &t->v[i];
        const char *at = c->certain || !c->note ? NULL : strstr(c->note, key);
        if (!at || c->claim[0]) continue;
        at += sizeof key - 1;
        size_t len = strspn(at, "0123456789./-");
        char split[256];
        truth_copy(split, sizeof split, at, len);
        while (len && split[len - 1] == '.') split[--len] = '\0';   /* a sentence's full stop */
        int members[64], nm = 0;
        for (int j = i; j < t->n && nm < 64; j++)
            if (!strcmp(t->v[j].table, c->table) && !strcmp(t->v[j].row, c->row) && t->v[j].note &&
                !strcmp(t->v[j].note, c->note))
                members[nm++] = j;
        char *save = NULL;
        int k = 0;
        for (char *p = strtok_r(split, "/", &save); p; p = strtok_r(NULL, "/", &save), k++)
            if (k < nm) snprintf(t->v[members[k]].claim, sizeof c->claim, "%s", p);
        if (k != nm) {   /* the note does not split this row's cells: claim nothing */
            printf("  truth: %s.%s: 'satisfied only by' names %d parts for %d cells, ignored\n", c->table, c->row, k, nm);
            for (int m = 0; m < nm; m++) t->v[members[m]].claim[0] = '\0';
        }
    }
}

static void truth_load_meta(const char *path, truth_file *t)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[4096];
    while (fgets(line, sizeof line, f) && t->nmeta < 32) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq) continue;
        *eq = '\0';
        t->meta[t->nmeta][0] = strdup(line);
        t->meta[t->nmeta][1] = strdup(eq + 1);
        t->nmeta++;
    }
    fclose(f);
}

/* Load DIR/NAME.csv and DIR/NAME.meta; returns 0, or -1 when the CSV is absent or empty. */
static int truth_load(const char *dir, const char *name, truth_file *t)
{
    memset(t, 0, sizeof *t);
    t->header = 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) csv_parse(&p, buf, n, truth_csv_field, truth_csv_row, t);
    csv_fini(&p, truth_csv_field, truth_csv_row, t);
    csv_free(&p);
    fclose(f);
    for (int i = 0; i < t->n; i++) truth_split_unit(&t->v[i]);
    truth_assign_claims(t);
    snprintf(path, sizeof path, "%s/%s.meta", dir, name);
    truth_load_meta(path, t);
    return t->n ? 0 : -1;
}

static const char *truth_meta(const truth_file *t, const char *key)
{
    for (int i = 0; i < t->nmeta; i++)
        if (!strcmp(t->meta[i][0], key)) return t->meta[i][1];
    return NULL;
}

static void truth_free(truth_file *t)
{
    for (int i = 0; i < t->n; i++) free(t->v[i].note);
    for (int i = 0; i < t->nmeta; i++) { free(t->meta[i][0]); free(t->meta[i][1]); }
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* ---- the allow-list: "NAME WHAT OUTCOME reason…", '#' comments ---- */

typedef struct truth_allow_entry { char name[64], what[80], outcome[16]; char *reason; int used; } truth_allow_entry;
typedef struct truth_allow { truth_allow_entry *v; int n; } truth_allow;

static int truth_allow_load(const char *path, truth_allow *a)
{
    memset(a, 0, sizeof *a);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        truth_allow_entry e = {0};
        int off = 0;
        if (sscanf(line, "%63s %79s %15s %n", e.name, e.what, e.outcome, &off) < 3 || !line[off]) {
            printf("  %s: bad line (NAME WHAT OUTCOME reason): %s\n", path, line);
            fclose(f);
            return -1;
        }
        e.reason = strdup(line + off);
        a->v = realloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
        a->v[a->n++] = e;
    }
    fclose(f);
    return 0;
}

static truth_allow_entry *truth_allowed(truth_allow *a, const char *name, const char *what, const char *outcome)
{
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->v[i].name, name) && !strcmp(a->v[i].what, what) && !strcmp(a->v[i].outcome, outcome)) {
            a->v[i].used = 1;
            return &a->v[i];
        }
    return NULL;
}

static void truth_allow_free(truth_allow *a)
{
    for (int i = 0; i < a->n; i++) free(a->v[i].reason);
    free(a->v);
}

/* ---- scoring ---- */

typedef struct truth_score {
    int n[TRUTH_NOUTCOMES];
    int undeterminable;   /* uncertain where the truth is uncertain too: right */
    int claimed;          /* exact by the one split the column sums allow */
    int allowed;          /* outcomes the allow-list excuses */
    int failures;         /* everything else that is not right: cells, extra cells, identity, stale entries */
    int extra;            /* cells read that the truth does not list */
    int identity_checked, identity_wrong;
} truth_score;

/* One truth cell against what was read. */
static int truth_cell_outcome(const truth_cell *tc, const nb_cell *cell)
{
    if (!cell || cell->kind == NB_CELL_ABSENT) return TRUTH_MISSING;
    if (!cell->certain) return TRUTH_UNCERTAIN;
    const char *want = tc->certain ? tc->value : tc->claim;
    if (!tc->certain && !*want) return TRUTH_WRONG;   /* a guess where the source does not decide */
    if (strcmp(cell->value ? cell->value : "", want)) return TRUTH_WRONG;
    if (tc->unit[0] && strcmp(cell->unit ? cell->unit : "", tc->unit)) return TRUTH_WRONG;
    return TRUTH_EXACT;
}

/* Count an outcome that is not right: excused by the allow-list, or a failure (printed either way). */
static void truth_not_right(truth_score *sc, truth_allow *a, const char *name, const char *what, const char *outcome,
                            const char *detail)
{
    truth_allow_entry *e = truth_allowed(a, name, what, outcome);
    if (e) sc->allowed++;
    else sc->failures++;
    printf("  %s: %s %s: %s%s%s\n", name, what, outcome, detail, e ? " — allowed: " : "", e ? e->reason : "");
}

static void truth_compare_cells(const truth_file *t, const nb_tables *ts, const char *name, truth_allow *a,
                                truth_score *sc)
{
    int matched = 0;
    for (int i = 0; i < t->n; i++) {
        const truth_cell *tc = &t->v[i];
        const nb_table *tb = ts ? nb_tables_get(ts, tc->table) : NULL;
        int r = tb ? nb_row_index(tb->def, tc->row) : -1, c = tb ? nb_col_index(tb->def, tc->col) : -1;
        const nb_cell *cell = r >= 0 && c >= 0 ? nb_table_cell(tb, r, c) : NULL;
        int o = truth_cell_outcome(tc, cell);
        sc->n[o]++;
        matched += o != TRUTH_MISSING;
        if (o == TRUTH_EXACT) { sc->claimed += !tc->certain; continue; }
        if (o == TRUTH_UNCERTAIN && !tc->certain) { sc->undeterminable++; continue; }
        char what[96], detail[256];
        snprintf(what, sizeof what, "%s.%s.%s", tc->table, tc->row, tc->col);
        if (o == TRUTH_MISSING)
            snprintf(detail, sizeof detail, "not read (truth %s%s)", tc->certain ? tc->value : "uncertain", tc->unit);
        else if (o == TRUTH_UNCERTAIN)
            snprintf(detail, sizeof detail, "read uncertain (%s), truth %s%s", cell->why ? cell->why : "", tc->value, tc->unit);
        else
            snprintf(detail, sizeof detail, "read %s%s raw '%.60s', truth %s%s", cell->value ? cell->value : "",
                     cell->unit ? cell->unit : "", cell->raw ? cell->raw : "",
                     tc->certain ? tc->value : *tc->claim ? tc->claim : "not determined by the source",
                     tc->certain ? tc->unit : "");
        truth_not_right(sc, a, name, what, truth_outcome_names[o], detail);
    }
    int read = 0;
    for (int i = 0; ts && i < ts->ntables; i++)
        for (int k = 0; k < ts->t[i].def->nrows * ts->t[i].def->ncols; k++) read += ts->t[i].cells[k].kind != NB_CELL_ABSENT;
    sc->extra = read - matched;
    if (sc->extra > 0) {
        sc->failures++;
        printf("  %s: %d cells read that the truth does not list\n", name, sc->extra);
    }
}

/* One identity field: got (NULL: none found) against the truth's want. */
static void truth_identity(truth_score *sc, truth_allow *a, const char *name, const char *field, const char *want,
                           const char *got)
{
    sc->identity_checked++;
    if (!strcmp(want, got ? got : "none")) return;
    sc->identity_wrong++;
    char what[64], detail[512];
    snprintf(what, sizeof what, "id.%s", field);
    snprintf(detail, sizeof detail, "read '%s', truth '%s'", got ? got : "none", want);
    truth_not_right(sc, a, name, what, "wrong", detail);
}

static const char *truth_date_text(char *buf, size_t cap, const nb_date *d)
{
    if (!d->found) return NULL;
    snprintf(buf, cap, "%04d-%02d-%02d", d->y, d->m, d->d);
    return buf;
}

/* version, year, agency (the truth's name before its parenthesis, or its tail), the signed or published date the
 * truth gives and where from, the sections found. */
static void truth_compare_identity(const truth_file *t, const nb_report *r, const char *name, truth_allow *a,
                                   truth_score *sc)
{
    const char *v;
    char buf[64], got[64];
    if ((v = truth_meta(t, "version"))) truth_identity(sc, a, name, "version", v, r->tables ? r->tables->version : NULL);
    if ((v = truth_meta(t, "year"))) {
        snprintf(got, sizeof got, "%d", r->id.year);
        truth_identity(sc, a, name, "year", v, r->id.year ? got : NULL);
    }
    if ((v = truth_meta(t, "agency"))) {
        char want[512];
        snprintf(want, sizeof want, "%s", v);
        char *paren = strstr(want, "（");
        if (paren) *paren = '\0';
        /* the title may name the office without its city (洪泽区人民政府 of 淮安市洪泽区人民政府) */
        const char *got_agency = r->id.agency;
        size_t lw = strlen(want), lg = got_agency ? strlen(got_agency) : 0;
        if (lg && lg < lw && !strcmp(want + lw - lg, got_agency)) got_agency = want;
        truth_identity(sc, a, name, "agency", want, got_agency);
    }
    const char *date = truth_meta(t, "signed_date"), *src = truth_meta(t, "signed_date_source");
    if (date) {
        int published = src && !strncmp(src, "publication date", 16);
        truth_identity(sc, a, name, "signed_date", published ? "none" : date, truth_date_text(got, sizeof got, &r->id.signed_on));
        if (published) {
            int pdf = r->id.published_source && !strcmp(r->id.published_source, "pdf-creation");
            truth_identity(sc, a, name, "published_date", date, pdf ? NULL : truth_date_text(buf, sizeof buf, &r->id.published));
        }
    }
    if ((v = truth_meta(t, "sections_found"))) {
        static const char *const numerals[NB_NSECTIONS] = {"一", "二", "三", "四", "五", "六"};
        char found[64] = "";
        for (int k = 0; k < NB_NSECTIONS; k++)
            if (r->sec[k].found) snprintf(found + strlen(found), sizeof found - strlen(found), "%s%s", *found ? "," : "", numerals[k]);
        truth_identity(sc, a, name, "sections_found", v, found);
    }
}

/* The entries for this report that matched nothing: each is a failure (the cell is now read). */
static void truth_stale_entries(truth_allow *a, const char *name, truth_score *sc)
{
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->v[i].name, name) && !a->v[i].used) {
            sc->failures++;
            printf("  %s: allow-list entry '%s %s' no longer happens: remove it from tests/truth-allow.txt\n", name,
                   a->v[i].what, a->v[i].outcome);
        }
}

/* Everything of one report; prints every disagreement and fills sc. */
static void truth_compare(const truth_file *t, const nb_report *r, const char *name, truth_allow *a, truth_score *sc)
{
    memset(sc, 0, sizeof *sc);
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->v[i].name, name)) a->v[i].used = 0;
    truth_compare_cells(t, r->tables, name, a, sc);
    truth_compare_identity(t, r, name, a, sc);
    truth_stale_entries(a, name, sc);
}

#endif
