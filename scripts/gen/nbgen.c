/*
 * scripts/gen/nbgen.c — the corpus generator's entry point.
 *
 *   nbgen --seed S --count N --out DIR [--kinds pdf,layout,tsv,html,flat] [--defect-rate P]
 *         [--multi P] [--today YYYY-MM-DD]
 *
 * For each report: build the model, inject defects, write the narrative, compute the findings a
 * correct auditor owes, render it into one kind (or, with probability --multi, every kind asked
 * for), and append its truth rows. Output: DIR/docs/<id>.<ext> and DIR/truth/{documents,cells,
 * findings}.csv. Same arguments, same bytes.
 */
#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"

static const struct { const char *kind, *ext; } kinds[] = {
    {"pdf", ".pdf"}, {"layout", ".layout.txt"}, {"tsv", ".tsv"}, {"html", ".html"}, {"flat", ".flat.txt"},
    {"docx", ".docx"}, {"odt", ".odt"},
};

static const char *kind_ext(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].kind, kind)) return kinds[i].ext;
    return NULL;
}

static void die(const char *msg, const char *detail)
{
    fprintf(stderr, "nbgen: %s%s%s\n", msg, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) die("cannot create directory", path);
}

/* One CSV field: quoted by libcsv when it holds a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) csv_fwrite(f, s, strlen(s));
    else fputs(s, f);
    fputc(last ? '\n' : ',', f);
}

static void csv_row(FILE *f, int n, const char *const *fields)
{
    for (int i = 0; i < n; i++) csv_field(f, fields[i] ? fields[i] : "", i == n - 1);
}

typedef struct truth { FILE *docs, *cells, *finds; } truth;

static FILE *open_truth(const char *dir, const char *name, const char *header)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) die("cannot write", path);
    fputs(header, f);
    return f;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) die("cannot write", path);
}

static void truth_rows(truth *t, greport *g, const char *file, const char *kind, const sbuf *vars,
                       const sbuf *defs, const char *published)
{
    char year[8], signed_on[16] = "";
    snprintf(year, sizeof year, "%d", g->year);
    if (g->has_signature) snprintf(signed_on, sizeof signed_on, "%04d-%02d-%02d", g->sy, g->sm, g->sd);
    const char *drow[] = {file, g->id, kind, g->version, g->agency, g->government ? "government" : "department",
                          year, signed_on, published, vars->s ? vars->s : "", defs->s ? defs->s : ""};
    csv_row(t->docs, 11, drow);
    static const char *const tnames[] = {"t2", "t3", "t4"};
    for (int ti = 0; ti < NTABLES; ti++) {
        gtable *tb = &g->t[ti];
        if (!tb->present) continue;
        for (int i = 0; i < tb->tpl->nrows; i++) {
            if (!tb->row_present[i]) continue;
            const trow *row = &tb->tpl->rows[i];
            for (int c = 0; c < row->ncols; c++) {
                const char *crow[] = {file, tnames[ti], row->code, row->cols[c], tb->c[i][c].value, tb->c[i][c].unit,
                                      tb->c[i][c].raw};
                csv_row(t->cells, 7, crow);
            }
        }
    }
    for (int k = 0; k < g->nfind; k++) {
        const gfinding *f = &g->find[k];
        const char *frow[] = {file, f->rule, f->table, f->row, f->col};
        csv_row(t->finds, 5, frow);
    }
}

/* Render one report into one kind; returns 0 when the kind was skipped. */
static int render_one(greport *g, const genopts *o, truth *t, const char *kind)
{
    char file[64], path[4096], published[16] = "";
    snprintf(file, sizeof file, "%s%s", g->id, kind_ext(kind));
    snprintf(path, sizeof path, "%s/docs/%s", o->out, file);
    sbuf out = {0}, vars = {0}, defs = {0};
    sb_put(&vars, g->variations.s);
    if (g->defects.len) sb_put(&defs, g->defects.s);
    /* each kind draws its presentation from its own stream, so adding a kind changes no other file */
    rng saved = g->r;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].kind, kind)) rng_seed(&g->r, o->seed ^ 0x6b696e64ull, (uint64_t)g->index * 8 + i);
    if (!strcmp(kind, "pdf")) {
        if (render_pdf(g, path, &vars) != 0) die("cannot draw", path);
    } else if (!strcmp(kind, "docx") || !strcmp(kind, "odt")) {
        if ((kind[0] == 'd' ? render_docx : render_odt)(g, path, &vars) != 0) die("cannot write", path);
    } else {
        int gbk = 0;
        if (!strcmp(kind, "tsv")) render_tsv(g, &out, &vars);
        else if (!strcmp(kind, "flat")) render_flat(g, &out, &vars, &defs);
        else if (!strcmp(kind, "layout")) render_layout(g, &out, &vars);
        else if (!strcmp(kind, "html")) render_html(g, &out, &vars, &gbk);
        write_file(path, out.s, out.len);
    }
    /* the publication date, where the file states it: a crawler's header, a page's PubDate meta tag
     * or a 发布日期 line (the renderers tag the last two) */
    if (!strcmp(kind, "flat") || has_tag(&vars, "pubdate_meta") || has_tag(&vars, "pubdate_line"))
        snprintf(published, sizeof published, "%04d-%02d-%02d", g->py, g->pm, g->pd);
    truth_rows(t, g, file, kind, &vars, &defs, published);
    g->r = saved;
    sb_free(&out);
    sb_free(&vars);
    sb_free(&defs);
    return 1;
}

static void parse_kinds(genopts *o, char *list)
{
    o->nkinds = 0;
    for (char *k = strtok(list, ","); k; k = strtok(NULL, ",")) {
        if (!kind_ext(k)) die("unknown kind", k);
        if (o->nkinds < 8) o->kinds[o->nkinds++] = k;
    }
    if (!o->nkinds) die("no kinds", NULL);
}

static void usage(void)
{
    fputs("usage: nbgen --seed S --count N --out DIR [--kinds pdf,layout,tsv,html,flat,docx,odt] [--defect-rate P]\n"
          "             [--multi P] [--today YYYY-MM-DD]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    static char default_kinds[] = "pdf,layout,tsv,html,flat";
    genopts o = {.seed = 1, .count = 10, .defect_rate = 0.35, .multi = 0.1, .ty = 2026, .tm = 6, .td = 30};
    char *kinds_arg = default_kinds;
    static const struct option longopts[] = {
        {"seed", required_argument, 0, 's'}, {"count", required_argument, 0, 'n'},
        {"out", required_argument, 0, 'o'}, {"kinds", required_argument, 0, 'k'},
        {"defect-rate", required_argument, 0, 'd'}, {"multi", required_argument, 0, 'm'},
        {"today", required_argument, 0, 't'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "s:n:o:k:d:m:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o.seed = strtoull(optarg, NULL, 10); break;
        case 'n': o.count = atoi(optarg); break;
        case 'o': o.out = optarg; break;
        case 'k': kinds_arg = optarg; break;
        case 'd': o.defect_rate = atof(optarg); break;
        case 'm': o.multi = atof(optarg); break;
        case 't':
            if (sscanf(optarg, "%d-%d-%d", &o.ty, &o.tm, &o.td) != 3 || !is_date_valid(o.ty, o.tm, o.td))
                die("bad --today", optarg);
            break;
        default: usage();
        }
    }
    if (!o.out || o.count < 0) usage();
    parse_kinds(&o, kinds_arg);
    char dir[4096];
    make_dir(o.out);
    snprintf(dir, sizeof dir, "%s/docs", o.out);
    make_dir(dir);
    snprintf(dir, sizeof dir, "%s/truth", o.out);
    make_dir(dir);
    truth t = {
        open_truth(dir, "documents.csv", "file,id,kind,version,agency,agency_kind,year,signed_date,published_date,variations,defects\n"),
        open_truth(dir, "cells.csv", "file,table,row,col,value,unit,raw\n"),
        open_truth(dir, "findings.csv", "file,rule,table,row,col\n"),
    };
    static greport g;
    int files = 0;
    for (int i = 0; i < o.count; i++) {
        model_build(&g, &o, i);
        defects_choose(&g, &o);
        narrative_build(&g);
        findings_compute(&g, &o);
        for (int k = 0; k < g.nkinds; k++) files += render_one(&g, &o, &t, g.kinds[k]);
        model_free(&g);
    }
    if (fclose(t.docs) || fclose(t.cells) || fclose(t.finds)) die("cannot write truth", dir);
    fprintf(stderr, "nbgen: %d reports, %d files in %s\n", o.count, files, o.out);
    return 0;
}
