/*
 * scripts/eval/nbeval.c — scores nianbao's output against the generator's truth and prints a table a
 * person reads at a glance. (The real reports are scored against their hand-labelled truth by
 * tests/test_truth, which `make eval` runs after this.)
 *
 *   nbeval --truth GEN/truth --out OUT [--summary FILE] [--strict]
 *
 * Cells: exact / uncertain (certain=no) / wrong (certain=yes, value differs) / missing, overall, per
 * kind and per variation tag. Findings: per rule, recall of truth findings (file+rule+table+row+col;
 * a truth finding with no location matches the rule anywhere in the file) and false positives at
 * warning/error severity; info findings and EXTRACT-* counted apart. Documents: version right/wrong.
 * Both cells and findings are also broken down per kind, per producer (producer_*), per font
 * (font_*), size (size_*) and pitch (pitch_*), per producer × font and per variation tag, so a weak
 * combination shows as a number (printed, and in the summary's "groups").
 * Files are matched by basename. --strict (the eval-fast gate) exits 1 when a cell is wrong while
 * certain, missing, or uncertain outside a flat page's known ambiguity (nbgen's glued_ambiguous), or
 * when warning/error findings have recall or precision below 100%. --examples N prints N examples of each
 * failure (12 by default); --files CSV writes one row per file (its counts, its cells that are not
 * exact, its missed and false findings), to list the files of a failure class.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

enum { EXACT, UNCERTAIN, WRONG, MISSING, NCELLSTAT };
enum { MAXGROUPS = 160, MAXEXAMPLES = 400 };

/* Cells by outcome and warning/error findings (truth, found of them, output, false of those). */
typedef struct group { char name[64]; long n[NCELLSTAT]; long docs, ftruth, ffound, fout, ffalse; } group;

/* The breakdowns by a family of tags: per kind, per producer_*, font_* … */
enum { BY_KIND, BY_PRODUCER, BY_FONT, BY_SIZE, BY_PITCH, BY_PRODUCER_FONT, BY_TAG, NBY };
static const char *const by_names[NBY] = {"kind", "producer", "font", "size", "pitch", "producer_font", "variation"};
typedef struct breakdown { group g[MAXGROUPS]; int n; } breakdown;
typedef struct rulestat { char rule[40]; long truth, found, fp, out; int info; } rulestat;

typedef struct eval {
    group overall, kinds[16], tags[MAXGROUPS];
    int nkinds, ntags;
    rulestat rules[64];
    int nrules;
    long extract[16];
    char extract_names[16][40];
    int nextract;
    long version_right, version_wrong, version_missing, extra_cells;
    long pub_right, pub_wrong, pub_missing, pub_extra;   /* published_date where the file states one */
    char examples[4][MAXEXAMPLES][400];   /* wrong cells, missed findings, false positives, uncertain */
    int nexamples[4], max_examples;
    long missed_injected;
    long unexplained_uncertain;   /* uncertain cells outside a flat page's known ambiguity */
    breakdown by[NBY];
} eval;

static group *find_group(group *g, int *n, int max, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(g[i].name, name)) return &g[i];
    if (*n >= max) return NULL;
    snprintf(g[*n].name, sizeof g[*n].name, "%s", name);
    return &g[(*n)++];
}

static rulestat *find_rule(eval *e, const char *rule)
{
    for (int i = 0; i < e->nrules; i++)
        if (!strcmp(e->rules[i].rule, rule)) return &e->rules[i];
    if (e->nrules >= 64) return NULL;
    rulestat *r = &e->rules[e->nrules++];
    memset(r, 0, sizeof *r);
    snprintf(r->rule, sizeof r->rule, "%s", rule);
    r->info = !strcmp(rule, "MISSING-CELL");
    return r;
}

static void example(eval *e, int kind, const char *fmt, const char *a, const char *b, const char *c)
{
    if (e->nexamples[kind] >= e->max_examples || e->nexamples[kind] >= MAXEXAMPLES) return;
    char *s;
    if (asprintf(&s, fmt, a, b, c) < 0) return;
    snprintf(e->examples[kind][e->nexamples[kind]++], 400, "%.399s", s);
    free(s);
}

/* ---- cells ---- */

typedef struct outcells { csvtab t; strmap index; int cv, cr, cc, cu; } outcells;

static void load_out_cells(const char *dir, outcells *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/cells.csv", dir);
    if (tab_load(path, &o->t) < 0) fprintf(stderr, "nbeval: %s: bad CSV\n", path);
    int cf = tab_col(&o->t, "file"), ct = tab_col(&o->t, "table"), crow = tab_col(&o->t, "row"), ccol = tab_col(&o->t, "col");
    o->cv = tab_col(&o->t, "value");
    o->cr = tab_col(&o->t, "raw");
    o->cc = tab_col(&o->t, "certain");
    o->cu = tab_col(&o->t, "unit");
    for (int i = 1; i < o->t.nrows; i++) {
        char key[1024], name[512];
        snprintf(name, sizeof name, "%s", base_name(tab_get(&o->t, i, cf)));
        snprintf(key, sizeof key, "%s|%s|%s|%s", name, tab_get(&o->t, i, ct), tab_get(&o->t, i, crow), tab_get(&o->t, i, ccol));
        map_put(&o->index, key, i);
    }
}

/* Classify one truth cell against the output; returns EXACT … MISSING. unit is the truth's unit,
 * or NULL where the truth has none to compare: a money cell is exact only with
 * its value and its unit (FORMAT.md §5). */
static int score_cell(const outcells *o, const char *key, const char *value, const char *unit)
{
    int i = map_get(&o->index, key);
    if (i < 0) return MISSING;
    if (!strcmp(tab_get(&o->t, i, o->cc), "no")) return UNCERTAIN;
    if (strcmp(tab_get(&o->t, i, o->cv), value)) return WRONG;
    return unit && strcmp(tab_get(&o->t, i, o->cu), unit) ? WRONG : EXACT;
}

/* Add one file's counts to a group. */
static void group_add(group *g, const group *f)
{
    for (int i = 0; i < NCELLSTAT; i++) g->n[i] += f->n[i];
    g->docs += f->docs;
    g->ftruth += f->ftruth;
    g->ffound += f->ffound;
    g->fout += f->fout;
    g->ffalse += f->ffalse;
}

static void by_add(eval *e, int by, const char *name, const group *f)
{
    group *g = find_group(e->by[by].g, &e->by[by].n, MAXGROUPS, name);
    if (g) group_add(g, f);
}

static int has_prefix(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* One file's counts into every breakdown its kind and tags belong to. */
static void file_into_groups(eval *e, const char *kind, const char *vars, const char *defs, const group *f)
{
    by_add(e, BY_KIND, kind, f);
    char buf[2048], producer[64] = "", font[64] = "";
    snprintf(buf, sizeof buf, "%s;%s", vars, defs);
    for (char *save = NULL, *t = strtok_r(buf, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        int by = has_prefix(t, "producer_") ? BY_PRODUCER : has_prefix(t, "font_") ? BY_FONT : has_prefix(t, "size_") ? BY_SIZE
               : has_prefix(t, "pitch_") ? BY_PITCH : BY_TAG;
        by_add(e, by, by == BY_PRODUCER ? t + 9 : by == BY_FONT ? t + 5 : t, f);
        group *all = find_group(e->tags, &e->ntags, MAXGROUPS, t);
        if (all) group_add(all, f);
        if (by == BY_PRODUCER) snprintf(producer, sizeof producer, "%s", t + 9);
        if (by == BY_FONT) snprintf(font, sizeof font, "%s", t + 5);
    }
    if (*producer && *font) {
        char pf[130];
        snprintf(pf, sizeof pf, "%s/%s", producer, font);
        by_add(e, BY_PRODUCER_FONT, pf, f);
    }
}

/* A truth finding (found or not) or an output finding (false or not) of one file. */
typedef struct seenf { int doc; const rulestat *rule; int flag, truth; char where[56]; } seenf;
typedef struct seenlist { seenf *v; int n, cap; } seenlist;

static void seen_add(seenlist *l, int doc, const rulestat *rule, int flag, int truth, const char *t, const char *r, const char *c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
        if (!l->v) { perror("nbeval"); exit(2); }
    }
    seenf *x = &l->v[l->n++];
    *x = (seenf){doc, rule, flag, truth, ""};
    if (*t || *r || *c) snprintf(x->where, sizeof x->where, "%s.%s.%s", t, r, c);
}

/* Append "RULE@where" to a per-file list (truncated when long). */
static void list_add(char *list, size_t cap, const seenf *x)
{
    size_t n = strlen(list);
    if (n + 2 >= cap) return;
    snprintf(list + n, cap - n, "%s%s%s%s", n ? " " : "", x->rule->rule, *x->where ? "@" : "", x->where);
}

typedef struct filelists { char missed[600], falsef[600], cells[600]; } filelists;

/* build/eval/files.csv: one row per file, to find the failing files of a class at a glance. */
static void write_files(const char *path, const csvtab *docs, int dkind, int dvar, int ddef, const group *files,
                        const filelists *lists)
{
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return; }
    fputs("file,kind,variations,defects,cells,exact,uncertain,wrong,missing,findings_truth,found,output,false_positives,"
          "bad_cells,missed,false\n", f);
    for (int d = 1; d < docs->nrows; d++) {
        const group *g = &files[d];
        long t = g->n[EXACT] + g->n[UNCERTAIN] + g->n[WRONG] + g->n[MISSING];
        fprintf(f, "%s,%s,%s,%s,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%s,%s,%s\n", tab_get(docs, d, 0), tab_get(docs, d, dkind),
                tab_get(docs, d, dvar), tab_get(docs, d, ddef), t, g->n[EXACT], g->n[UNCERTAIN], g->n[WRONG], g->n[MISSING],
                g->ftruth, g->ffound, g->fout, g->ffalse, lists[d].cells, lists[d].missed, lists[d].falsef);
    }
    fclose(f);
}

/* ---- the generated corpus ---- */

/* A flattened page whose glued rows have more than one reading even with the row sums (nbgen tags
 * it glued_ambiguous): the only place where an uncertain cell is the right answer. */
static int known_ambiguity(const char *kind, const char *vars)
{
    if (strcmp(kind, "flat")) return 0;
    char buf[2048];
    snprintf(buf, sizeof buf, ";%s;", vars);
    return strstr(buf, ";glued_ambiguous;") != NULL;
}

typedef struct docinfo { const char *kind, *version, *tags, *defects; } docinfo;

static void score_generated(eval *e, const char *truth_dir, const char *out_dir, const char *files_csv)
{
    char path[4096];
    csvtab docs, cells, finds, odocs, ofinds;
    snprintf(path, sizeof path, "%s/documents.csv", truth_dir);
    tab_load(path, &docs);
    snprintf(path, sizeof path, "%s/cells.csv", truth_dir);
    tab_load(path, &cells);
    snprintf(path, sizeof path, "%s/findings.csv", truth_dir);
    tab_load(path, &finds);
    snprintf(path, sizeof path, "%s/documents.csv", out_dir);
    tab_load(path, &odocs);
    snprintf(path, sizeof path, "%s/findings.csv", out_dir);
    tab_load(path, &ofinds);
    if (docs.nrows < 2) { fprintf(stderr, "nbeval: no truth in %s\n", truth_dir); exit(2); }

    /* documents: tags per file, both the variations and the defects */
    strmap docidx = {0};
    int dfile = tab_col(&docs, "file"), dkind = tab_col(&docs, "kind"), dver = tab_col(&docs, "version"),
        dvar = tab_col(&docs, "variations"), ddef = tab_col(&docs, "defects");
    for (int i = 1; i < docs.nrows; i++) map_put(&docidx, tab_get(&docs, i, dfile), i);
    e->overall.docs = docs.nrows - 1;

    /* per file (by its row in documents.csv): its cells and findings, put into the groups at the end */
    group *files = calloc((size_t)docs.nrows, sizeof *files);
    filelists *lists = files_csv ? calloc((size_t)docs.nrows, sizeof *lists) : NULL;
    outcells oc = {0};
    load_out_cells(out_dir, &oc);
    int tf = tab_col(&cells, "file"), tt = tab_col(&cells, "table"), tr = tab_col(&cells, "row"), tc = tab_col(&cells, "col"),
        tv = tab_col(&cells, "value"), tu = tab_col(&cells, "unit");
    strmap truthcells = {0};
    for (int i = 1; i < cells.nrows; i++) {
        char key[1024];
        const char *file = tab_get(&cells, i, tf);
        snprintf(key, sizeof key, "%s|%s|%s|%s", file, tab_get(&cells, i, tt), tab_get(&cells, i, tr), tab_get(&cells, i, tc));
        map_put(&truthcells, key, i);
        int stat = score_cell(&oc, key, tab_get(&cells, i, tv), tu >= 0 ? tab_get(&cells, i, tu) : NULL);
        int d = map_get(&docidx, file);
        e->overall.n[stat]++;
        group *k = find_group(e->kinds, &e->nkinds, 16, d > 0 ? tab_get(&docs, d, dkind) : "?");
        if (k) k->n[stat]++;
        if (d > 0) files[d].n[stat]++;
        if (stat == UNCERTAIN && !known_ambiguity(d > 0 ? tab_get(&docs, d, dkind) : "", d > 0 ? tab_get(&docs, d, dvar) : "")) {
            e->unexplained_uncertain++;
            example(e, 3, "%s: uncertain (%s)%s", key, d > 0 ? tab_get(&docs, d, dvar) : "", "");
        }
        if (d > 0 && lists && stat != EXACT) {
            char *l = lists[d].cells;
            size_t n = strlen(l);
            static const char *const what[] = {"", "uncertain", "wrong", "missing"};
            if (n + 80 < sizeof lists[0].cells)
                snprintf(l + n, sizeof lists[0].cells - n, "%s%s.%s.%s:%s", n ? " " : "", tab_get(&cells, i, tt), tab_get(&cells, i, tr),
                         tab_get(&cells, i, tc), what[stat]);
        }
        if (stat == WRONG) {
            int o = map_get(&oc.index, key);
            char got[256];
            char want[160];
            snprintf(got, sizeof got, "%.110s%.10s (raw %.100s)", tab_get(&oc.t, o, oc.cv), tab_get(&oc.t, o, oc.cu),
                     tab_get(&oc.t, o, oc.cr));
            snprintf(want, sizeof want, "%.140s%.10s", tab_get(&cells, i, tv), tu >= 0 ? tab_get(&cells, i, tu) : "");
            example(e, 0, "%s: want %s, got %s", key, want, got);
        }
    }
    /* cells the truth does not have (a row or a table that is not there) */
    for (size_t k = 0; k < oc.index.cap; k++)
        if (oc.index.keys[k]) {
            char file[512];
            snprintf(file, sizeof file, "%s", oc.index.keys[k]);
            *strchr(file, '|') = '\0';
            if (map_get(&docidx, file) >= 0 && map_get(&truthcells, oc.index.keys[k]) < 0) e->extra_cells++;
        }

    /* findings */
    strmap truthf = {0}, truthrule = {0}, outf = {0}, outrule = {0};
    seenlist seen = {0};
    int ff = tab_col(&finds, "file"), fr = tab_col(&finds, "rule"), ft = tab_col(&finds, "table"), frow = tab_col(&finds, "row"),
        fc = tab_col(&finds, "col");
    int of = tab_col(&ofinds, "file"), orl = tab_col(&ofinds, "rule"), osev = tab_col(&ofinds, "severity"),
        ot = tab_col(&ofinds, "table"), orow = tab_col(&ofinds, "row"), oc2 = tab_col(&ofinds, "col");
    for (int i = 1; i < ofinds.nrows; i++) {
        char key[1024];
        const char *base = base_name(tab_get(&ofinds, i, of)), *rule = tab_get(&ofinds, i, orl);
        snprintf(key, sizeof key, "%s|%s|%s|%s|%s", base, rule, tab_get(&ofinds, i, ot), tab_get(&ofinds, i, orow),
                 tab_get(&ofinds, i, oc2));
        map_put(&outf, key, i);
        snprintf(key, sizeof key, "%s|%s", base, rule);
        map_put(&outrule, key, i);
    }
    for (int i = 1; i < finds.nrows; i++) {
        char key[1024], rkey[512];
        const char *file = tab_get(&finds, i, ff), *rule = tab_get(&finds, i, fr);
        int anywhere = !*tab_get(&finds, i, ft) && !*tab_get(&finds, i, frow) && !*tab_get(&finds, i, fc);
        snprintf(key, sizeof key, "%s|%s|%s|%s|%s", file, rule, tab_get(&finds, i, ft), tab_get(&finds, i, frow), tab_get(&finds, i, fc));
        snprintf(rkey, sizeof rkey, "%s|%s", file, rule);
        map_put(&truthf, key, i);
        if (anywhere) map_put(&truthrule, rkey, i);
        rulestat *rs = find_rule(e, rule);
        if (!rs) continue;
        rs->truth++;
        int found = anywhere ? map_get(&outrule, rkey) >= 0 : map_get(&outf, key) >= 0;
        int d = map_get(&docidx, file);
        seen_add(&seen, d, rs, found, 1, tab_get(&finds, i, ft), tab_get(&finds, i, frow), tab_get(&finds, i, fc));
        if (found) { rs->found++; continue; }
        if (!rs->info) {
            example(e, 1, "%s (%s) [%s]", key, d > 0 ? tab_get(&docs, d, dvar) : "", d > 0 ? tab_get(&docs, d, ddef) : "");
            if (d > 0 && *tab_get(&docs, d, ddef)) e->missed_injected++;
        }
    }
    for (int i = 1; i < ofinds.nrows; i++) {
        char key[1024], rkey[512];
        const char *base = base_name(tab_get(&ofinds, i, of)), *rule = tab_get(&ofinds, i, orl), *sev = tab_get(&ofinds, i, osev);
        if (map_get(&docidx, base) < 0) continue;
        if (!strncmp(rule, "EXTRACT-", 8)) {
            int k = 0;
            while (k < e->nextract && strcmp(e->extract_names[k], rule)) k++;
            if (k == e->nextract && k < 16) snprintf(e->extract_names[e->nextract++], 40, "%s", rule);
            if (k < 16) e->extract[k]++;
            continue;
        }
        rulestat *rs = find_rule(e, rule);
        if (!rs) continue;
        rs->out++;
        int d = map_get(&docidx, base);
        if (!strcmp(sev, "info")) { rs->info = 1; seen_add(&seen, d, rs, 0, 0, "", "", ""); continue; }
        snprintf(key, sizeof key, "%s|%s|%s|%s|%s", base, rule, tab_get(&ofinds, i, ot), tab_get(&ofinds, i, orow), tab_get(&ofinds, i, oc2));
        snprintf(rkey, sizeof rkey, "%s|%s", base, rule);
        int is_false = map_get(&truthf, key) < 0 && map_get(&truthrule, rkey) < 0;
        seen_add(&seen, d, rs, is_false, 0, tab_get(&ofinds, i, ot), tab_get(&ofinds, i, orow), tab_get(&ofinds, i, oc2));
        if (is_false) {
            rs->fp++;
            example(e, 2, "%s (%s) [%s]", key, tab_get(&docs, d, dvar), tab_get(&docs, d, ddef));
        }
    }

    /* findings per file, counted once every rule's severity is known (a rule reported as info is
     * left out of recall and precision, as in the overall figures) */
    for (int i = 0; i < seen.n; i++) {
        const seenf *x = &seen.v[i];
        if (x->doc <= 0 || x->rule->info) continue;
        group *f = &files[x->doc];
        if (x->truth) { f->ftruth++; f->ffound += x->flag; }
        else { f->fout++; f->ffalse += x->flag; }
        if (lists && x->truth && !x->flag) list_add(lists[x->doc].missed, sizeof lists[0].missed, x);
        if (lists && !x->truth && x->flag) list_add(lists[x->doc].falsef, sizeof lists[0].falsef, x);
    }
    free(seen.v);
    if (lists) write_files(files_csv, &docs, dkind, dvar, ddef, files, lists);
    free(lists);
    for (int d = 1; d < docs.nrows; d++) {
        files[d].docs = 1;
        file_into_groups(e, tab_get(&docs, d, dkind), tab_get(&docs, d, dvar), tab_get(&docs, d, ddef), &files[d]);
    }
    free(files);

    /* documents: version */
    int odf = tab_col(&odocs, "file"), odv = tab_col(&odocs, "version");
    strmap outdocs = {0};
    for (int i = 1; i < odocs.nrows; i++) map_put(&outdocs, base_name(tab_get(&odocs, i, odf)), i);
    int dpub = tab_col(&docs, "published_date"), opub = tab_col(&odocs, "published_date"),
        osrc = tab_col(&odocs, "published_source");
    for (int i = 1; i < docs.nrows; i++) {
        int o = map_get(&outdocs, tab_get(&docs, i, dfile));
        if (o < 0) e->version_missing++;
        else if (!strcmp(tab_get(&odocs, o, odv), tab_get(&docs, i, dver))) e->version_right++;
        else e->version_wrong++;
        /* the publication date the file states (a PDF's creation date is not one) */
        if (o < 0 || opub < 0) continue;
        const char *want = tab_get(&docs, i, dpub), *got = tab_get(&odocs, o, opub);
        if (!strcmp(tab_get(&odocs, o, osrc), "pdf-creation")) got = "";
        if (*want && !*got) e->pub_missing++;
        else if (*want && strcmp(want, got)) e->pub_wrong++;
        else if (*want) e->pub_right++;
        else if (*got) e->pub_extra++;
    }
    map_free(&docidx); map_free(&truthcells); map_free(&truthf); map_free(&truthrule);
    map_free(&outf); map_free(&outrule); map_free(&outdocs); map_free(&oc.index);
    tab_free(&docs); tab_free(&cells); tab_free(&finds); tab_free(&odocs); tab_free(&ofinds); tab_free(&oc.t);
}

/* ---- report ---- */

static double pct(long a, long b) { return b ? 100.0 * (double)a / (double)b : 100.0; }

static long total(const group *g)
{
    long s = 0;
    for (int i = 0; i < NCELLSTAT; i++) s += g->n[i];
    return s;
}

static void print_group(const group *g)
{
    long t = total(g);
    printf("  %-22s %8ld %7.2f%% %7ld %7ld %7ld\n", g->name, t, pct(g->n[EXACT], t), g->n[UNCERTAIN], g->n[WRONG], g->n[MISSING]);
}

static int by_name(const void *a, const void *b) { return strcmp(((const group *)a)->name, ((const group *)b)->name); }

/* A group with a cell not exact, a finding missed or a false one. */
static int imperfect(const group *g)
{
    return g->n[EXACT] != total(g) || g->ffound != g->ftruth || g->ffalse;
}

/* One line: documents, cells by outcome, then warning/error findings: recall (found/truth) and
 * precision (true/output). */
static void print_breakdown_line(const group *g)
{
    long t = total(g);
    printf("  %-30s %5ld %7ld %7.2f%% %6ld %6ld %6ld %7.1f%% %5ld/%-5ld %6.1f%% %5ld/%-5ld\n", g->name, g->docs, t,
           pct(g->n[EXACT], t), g->n[UNCERTAIN], g->n[WRONG], g->n[MISSING], pct(g->ffound, g->ftruth), g->ffound, g->ftruth,
           pct(g->fout - g->ffalse, g->fout), g->fout - g->ffalse, g->fout);
}

static void print_breakdowns(eval *e)
{
    for (int by = 0; by < NBY; by++) {
        breakdown *b = &e->by[by];
        if (!b->n) continue;
        qsort(b->g, (size_t)b->n, sizeof b->g[0], by_name);
        printf("by %-28s  docs   cells   exact uncert  wrong  miss   recall found/truth  precis  true/out\n",
               by == BY_TAG ? "variation (not perfect)" : by_names[by]);
        int shown = 0;
        for (int i = 0; i < b->n; i++)
            if (by != BY_TAG || imperfect(&b->g[i])) { print_breakdown_line(&b->g[i]); shown++; }
        if (!shown) printf("  (none)\n");
    }
}

static void print_report(eval *e)
{
    printf("cells                     total   exact  uncert   wrong missing\n");
    print_group(&e->overall);
    for (int i = 0; i < e->nkinds; i++) print_group(&e->kinds[i]);
    printf("findings                  truth   found  recall   false+\n");
    for (int i = 0; i < e->nrules; i++) {
        const rulestat *r = &e->rules[i];
        printf("  %-22s %7ld %7ld %6.1f%% %7ld%s\n", r->rule, r->truth, r->found, pct(r->found, r->truth), r->fp,
               r->info ? "  (info)" : "");
    }
    long tp = 0, fp = 0, tr = 0, fd = 0;
    for (int i = 0; i < e->nrules; i++)
        if (!e->rules[i].info) { tr += e->rules[i].truth; fd += e->rules[i].found; tp += e->rules[i].out - e->rules[i].fp; fp += e->rules[i].fp; }
    printf("  warning/error: recall %.2f%% (%ld/%ld), precision %.2f%% (%ld false positives)\n", pct(fd, tr), fd, tr,
           pct(tp, tp + fp), fp);
    if (e->nextract) {
        printf("  extraction findings:");
        for (int i = 0; i < e->nextract; i++) printf(" %s %ld", e->extract_names[i], e->extract[i]);
        printf("\n");
    }
    printf("documents: version right %ld, wrong %ld, no output %ld; cells not in the truth %ld\n", e->version_right,
           e->version_wrong, e->version_missing, e->extra_cells);
    printf("documents: published_date right %ld, wrong %ld, missing %ld, stated where the file has none %ld\n",
           e->pub_right, e->pub_wrong, e->pub_missing, e->pub_extra);
    print_breakdowns(e);
    static const char *const heads[4] = {"wrong cells (certain)", "missed findings", "false positives",
                                         "uncertain cells outside a flat page's known ambiguity"};
    for (int k = 0; k < 4; k++)
        if (e->nexamples[k]) {
            printf("%s, first %d:\n", heads[k], e->nexamples[k]);
            for (int i = 0; i < e->nexamples[k]; i++) printf("  %s\n", e->examples[k][i]);
        }
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if ((unsigned char)*s < 0x20) fprintf(f, "\\u%04x", *s);
        else fputc(*s, f);
    }
    fputc('"', f);
}

static void json_group(FILE *f, const group *g)
{
    json_str(f, g->name);
    fprintf(f, ": {\"total\": %ld, \"exact\": %ld, \"uncertain\": %ld, \"wrong\": %ld, \"missing\": %ld}", total(g),
            g->n[EXACT], g->n[UNCERTAIN], g->n[WRONG], g->n[MISSING]);
}

static void write_summary(const eval *e, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return; }
    fprintf(f, "{\n  \"cells\": {");
    json_group(f, &e->overall);
    fprintf(f, "},\n  \"cells_by_kind\": {");
    for (int i = 0; i < e->nkinds; i++) { if (i) fputs(", ", f); json_group(f, &e->kinds[i]); }
    fprintf(f, "},\n  \"cells_by_variation\": {");
    for (int i = 0; i < e->ntags; i++) { if (i) fputs(", ", f); fputs("\n    ", f); json_group(f, &e->tags[i]); }
    fprintf(f, "},\n  \"groups\": {");
    for (int by = 0; by < NBY; by++) {
        fprintf(f, "%s\n    \"%s\": {", by ? "," : "", by_names[by]);
        for (int i = 0; i < e->by[by].n; i++) {
            const group *g = &e->by[by].g[i];
            fprintf(f, "%s\n      ", i ? "," : "");
            json_str(f, g->name);
            fprintf(f, ": {\"docs\": %ld, \"cells\": %ld, \"exact\": %ld, \"uncertain\": %ld, \"wrong\": %ld, \"missing\": %ld, "
                       "\"findings_truth\": %ld, \"findings_found\": %ld, \"findings_output\": %ld, \"false_positives\": %ld}",
                    g->docs, total(g), g->n[EXACT], g->n[UNCERTAIN], g->n[WRONG], g->n[MISSING], g->ftruth, g->ffound, g->fout, g->ffalse);
        }
        fputc('}', f);
    }
    fprintf(f, "},\n  \"findings\": {");
    for (int i = 0; i < e->nrules; i++) {
        const rulestat *r = &e->rules[i];
        fprintf(f, "%s\n    ", i ? "," : "");
        json_str(f, r->rule);
        fprintf(f, ": {\"truth\": %ld, \"found\": %ld, \"false_positives\": %ld, \"output\": %ld, \"info\": %s}", r->truth,
                r->found, r->fp, r->out, r->info ? "true" : "false");
    }
    fprintf(f, "},\n  \"extraction_findings\": {");
    for (int i = 0; i < e->nextract; i++) {
        if (i) fputs(", ", f);
        json_str(f, e->extract_names[i]);
        fprintf(f, ": %ld", e->extract[i]);
    }
    fprintf(f, "},\n  \"documents\": {\"count\": %ld, \"version_right\": %ld, \"version_wrong\": %ld, \"no_output\": %ld, "
               "\"published_right\": %ld, \"published_wrong\": %ld, \"published_missing\": %ld, \"published_extra\": %ld},\n",
            e->overall.docs, e->version_right, e->version_wrong, e->version_missing, e->pub_right, e->pub_wrong,
            e->pub_missing, e->pub_extra);
    static const char *const names[3] = {"wrong_cells", "missed_findings", "false_positives"};
    fprintf(f, "  \"examples\": {");
    for (int k = 0; k < 3; k++) {
        fprintf(f, "%s\n    \"%s\": [", k ? "," : "", names[k]);
        for (int i = 0; i < e->nexamples[k]; i++) { if (i) fputs(", ", f); json_str(f, e->examples[k][i]); }
        fputc(']', f);
    }
    fprintf(f, "}\n}\n");
    fclose(f);
}

/* --strict (the eval-fast gate): every truth cell read, right and certain but where a flat page is
 * known to be ambiguous, and every warning/error finding found with no false one. Returns the exit
 * status. */
static int strict_gate(const eval *e)
{
    long truth = 0, found = 0, fp = 0;
    for (int i = 0; i < e->nrules; i++)
        if (!e->rules[i].info) { truth += e->rules[i].truth; found += e->rules[i].found; fp += e->rules[i].fp; }
    int bad = e->overall.n[WRONG] || e->overall.n[MISSING] || e->unexplained_uncertain || found < truth || fp;
    if (!bad) return 0;
    fprintf(stderr, "nbeval: FAIL: %ld cells wrong while certain, %ld missing, %ld uncertain outside a flat page's known "
                    "ambiguity; findings missed %ld of %ld (%ld of injected defects), %ld false positives\n",
            e->overall.n[WRONG], e->overall.n[MISSING], e->unexplained_uncertain, truth - found, truth, e->missed_injected, fp);
    return 1;
}

int main(int argc, char **argv)
{
    const char *truth = NULL, *out = NULL, *summary = NULL, *files_csv = NULL;
    int strict = 0;
    static eval e;
    e.max_examples = 12;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--truth") && i + 1 < argc) truth = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--summary") && i + 1 < argc) summary = argv[++i];
        else if (!strcmp(argv[i], "--strict")) strict = 1;
        else if (!strcmp(argv[i], "--examples") && i + 1 < argc) e.max_examples = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--files") && i + 1 < argc) files_csv = argv[++i];
        else {
            fprintf(stderr, "usage: nbeval --truth DIR --out DIR [--summary FILE] [--strict] [--examples N] [--files CSV]\n");
            return 2;
        }
    }
    if (!out || !truth) {
        fprintf(stderr, "usage: nbeval --truth DIR --out DIR [--summary FILE] [--strict] [--examples N] [--files CSV]\n");
        return 2;
    }
    snprintf(e.overall.name, sizeof e.overall.name, "all");
    score_generated(&e, truth, out, files_csv);
    print_report(&e);
    if (summary) write_summary(&e, summary);
    if (strict) return strict_gate(&e);
    return 0;
}
