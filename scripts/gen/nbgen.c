/*
 * scripts/gen/nbgen.c — the corpus generator's entry point.
 *
 *   nbgen --seed S --count N --out DIR [--kinds pdf,lo,chromium,layout,tsv,html,flat]
 *         [--defect-rate P] [--multi P] [--today YYYY-MM-DD] [--start K] [--append] [--only ID,...]
 *
 * --start K makes reports K+1 … K+N of the run (the same reports a longer run would make there);
 * --append adds them to DIR's truth instead of starting it afresh; --only r0012,r0128 makes only
 * those reports as the whole run makes them (to reproduce one failing file): the same bytes, except
 * that LibreOffice writes the CFF faces (Noto CJK) as Type 1 programs whose bytes depend on what
 * else its process converted — the text and its geometry are the same.
 * For each report: build the model, inject defects, write the narrative, compute the findings a
 * correct auditor owes, render it into one kind (or, with probability --multi, every kind asked
 * for), and append its truth rows. Output: DIR/docs/<id>.<ext> and DIR/truth/{documents,cells,
 * findings}.csv. Same arguments, same bytes.
 *
 * The office kinds (lo, lo-docx, lo-odt: LibreOffice; chromium: a print page) are rendered as
 * sources under DIR/src/<kind>/ and converted at the end, all files of a tool in one run
 * (convert.c), LibreOffice and Chromium side by side; their truth rows are written once the file
 * exists. A kind whose tool is not installed is skipped with a message, and nbgen then exits 3
 * (after writing the other kinds).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "convert.h"
#include "model.h"

enum tool { TOOL_NONE, TOOL_SOFFICE, TOOL_CHROMIUM };

/* stream: which presentation stream the kind draws from (the LibreOffice kinds share one, so a
 * report rendered to lo and lo-docx is the same document in two formats) */
static const struct kindinfo {
    const char *kind, *ext;
    int stream, tool;
    const char *src_ext, *format;
} kinds[] = {
    {"pdf", ".pdf", 0, TOOL_NONE, NULL, NULL},
    {"layout", ".layout.txt", 1, TOOL_NONE, NULL, NULL},
    {"tsv", ".tsv", 2, TOOL_NONE, NULL, NULL},
    {"html", ".html", 3, TOOL_NONE, NULL, NULL},
    {"flat", ".flat.txt", 4, TOOL_NONE, NULL, NULL},
    {"lo", ".lo.pdf", 5, TOOL_SOFFICE, ".lo.fodt", "pdf:writer_pdf_Export"},
    {"chromium", ".chromium.pdf", 6, TOOL_CHROMIUM, ".chromium.html", NULL},
    {"lo-docx", ".lo.docx", 5, TOOL_SOFFICE, ".lo.fodt", "docx:MS Word 2007 XML"},
    {"lo-odt", ".lo.odt", 5, TOOL_SOFFICE, ".lo.fodt", "odt"},
    /* written directly (render_docx.c); the two share the last stream a report has */
    {"docx", ".docx", 7, TOOL_NONE, NULL, NULL},
    {"odt", ".odt", 7, TOOL_NONE, NULL, NULL},
};
enum { NKINDINFO = sizeof kinds / sizeof kinds[0] };

static const struct kindinfo *kind_info(const char *kind)
{
    for (size_t i = 0; i < NKINDINFO; i++)
        if (!strcmp(kinds[i].kind, kind)) return &kinds[i];
    return NULL;
}

static const char *kind_ext(const char *kind)
{
    const struct kindinfo *k = kind_info(kind);
    return k ? k->ext : NULL;
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

/* One CSV field, quoted as libcsv's csv_fwrite quotes it when it holds a comma, a quote or a
 * line break. */
static void csv_field(sbuf *b, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        sb_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"') sb_putc(b, '"');
            sb_putc(b, *s);
        }
        sb_putc(b, '"');
    } else {
        sb_put(b, s);
    }
    sb_putc(b, last ? '\n' : ',');
}

static void csv_row(sbuf *b, int n, const char *const *fields)
{
    for (int i = 0; i < n; i++) csv_field(b, fields[i] ? fields[i] : "", i == n - 1);
}

typedef struct truth { FILE *docs, *cells, *finds; } truth;

/* One file's truth rows, held until the file exists (a converted kind) or written at once; the
 * documents.csv row as fields, since reading back a converted PDF may add to its variations. */
enum { DOC_FIELDS = 11, DOC_VARIATIONS = 9 };
typedef struct rows { char *doc[DOC_FIELDS]; sbuf cells, finds; } rows;

/* A truth file, new (with its header) or, with --append, continued. */
static FILE *open_truth(const char *dir, const char *name, const char *header, int append)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    int fresh = !append || stat(path, &st) != 0 || st.st_size == 0;
    FILE *f = fopen(path, fresh ? "w" : "a");
    if (!f) die("cannot write", path);
    if (fresh) fputs(header, f);
    return f;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) die("cannot write", path);
}

static void put_rows(truth *t, const rows *r)
{
    sbuf d = {0};
    csv_row(&d, DOC_FIELDS, (const char *const *)r->doc);
    fwrite(d.s, 1, d.len, t->docs);
    sb_free(&d);
    if (r->cells.len) fwrite(r->cells.s, 1, r->cells.len, t->cells);
    if (r->finds.len) fwrite(r->finds.s, 1, r->finds.len, t->finds);
}

static void free_rows(rows *r)
{
    for (int i = 0; i < DOC_FIELDS; i++) free(r->doc[i]);
    sb_free(&r->cells);
    sb_free(&r->finds);
}

static void truth_rows(rows *t, greport *g, const char *file, const char *kind, const sbuf *vars,
                       const sbuf *defs, const char *published)
{
    char year[8], signed_on[16] = "";
    snprintf(year, sizeof year, "%d", g->year);
    if (g->has_signature) snprintf(signed_on, sizeof signed_on, "%04d-%02d-%02d", g->sy, g->sm, g->sd);
    const char *drow[DOC_FIELDS] = {file, g->id, kind, g->version, g->agency, g->government ? "government" : "department",
                                    year, signed_on, published, vars->s ? vars->s : "", defs->s ? defs->s : ""};
    for (int i = 0; i < DOC_FIELDS; i++) t->doc[i] = xstrdup(drow[i]);
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
                csv_row(&t->cells, 7, crow);
            }
        }
    }
    for (int k = 0; k < g->nfind; k++) {
        const gfinding *f = &g->find[k];
        const char *frow[] = {file, f->rule, f->table, f->row, f->col};
        csv_row(&t->finds, 5, frow);
    }
}

/* Whether table 4 is printed with at least one non-blank cell (a page break in it can be seen). */
static int t4_prints_a_number(const greport *g)
{
    if (!g->t[T4].present) return 0;
    for (int i = 0; i < 3; i++)
        for (int c = 0; c < 5; c++)
            if (g->t[T4].c[i][c].raw[0]) return 1;
    return 0;
}

/* A file of a converted kind: its source, where the tool must write it, its truth rows. */
typedef struct pending {
    const struct kindinfo *k;
    char *src, *dst, *opts, *file;
    int py, pm, pd;
    pdf_probe probe;      /* what to read back from the PDF (pdfprobe.c) */
    rows truth;
} pending;

typedef struct queue { pending *p; int n, cap; } queue;

/* Render one report into one kind: write the file and its truth rows, or, for a converted kind,
 * its source and a queue entry. */
static void render_one(greport *g, const genopts *o, truth *t, queue *q, const char *kind)
{
    const struct kindinfo *k = kind_info(kind);
    char file[64], path[4096], published[16] = "";
    snprintf(file, sizeof file, "%s%s", g->id, k->ext);
    snprintf(path, sizeof path, "%s/docs/%s", o->out, file);
    sbuf out = {0}, vars = {0}, defs = {0}, opts = {0};
    sb_put(&vars, g->variations.s);
    if (g->defects.len) sb_put(&defs, g->defects.s);
    /* each kind draws its presentation from its own stream, so adding a kind changes no other file */
    rng saved = g->r;
    rng_seed(&g->r, o->seed ^ 0x6b696e64ull, (uint64_t)g->index * 8 + (uint64_t)k->stream);
    int gbk = 0;
    switch (k->tool) {
    case TOOL_SOFFICE: render_fodt(g, &out, &vars); break;
    case TOOL_CHROMIUM: render_print(g, &out, &vars, &opts); break;
    default:
        if (!strcmp(kind, "pdf")) {
            if (render_pdf(g, path, &vars) != 0) die("cannot draw", path);
            tag_producer(&vars, "cairo");
        } else if (!strcmp(kind, "docx")) {
            if (render_docx(g, path, &vars) != 0) die("cannot write", path);
        } else if (!strcmp(kind, "odt")) {
            if (render_odt(g, path, &vars) != 0) die("cannot write", path);
        } else if (!strcmp(kind, "tsv")) render_tsv(g, &out, &vars);
        else if (!strcmp(kind, "flat")) render_flat(g, &out, &vars, &defs);
        else if (!strcmp(kind, "layout")) render_layout(g, &out, &vars);
        else if (!strcmp(kind, "html")) render_html(g, &out, &vars, &gbk);
        if (strcmp(kind, "pdf") && strcmp(kind, "docx") && strcmp(kind, "odt")) write_file(path, out.s, out.len);
    }
    /* the publication date, where the file states it: a crawler's header, a page's PubDate meta tag
     * or a 发布日期 line (the renderers tag the last two) */
    if (!strcmp(kind, "flat") || has_tag(&vars, "pubdate_meta") || has_tag(&vars, "pubdate_line"))
        snprintf(published, sizeof published, "%04d-%02d-%02d", g->py, g->pm, g->pd);
    rows r = {0};
    truth_rows(&r, g, file, kind, &vars, &defs, published);
    if (k->tool == TOOL_NONE) {
        put_rows(t, &r);
        free_rows(&r);
    } else {
        char src[4096];
        snprintf(src, sizeof src, "%s/src/%s/%s%s", o->out, kind, g->id, k->src_ext);
        write_file(src, out.s, out.len);
        remove(path);
        if (q->n == q->cap) {
            q->cap = q->cap ? q->cap * 2 : 64;
            q->p = realloc(q->p, (size_t)q->cap * sizeof *q->p);
            if (!q->p) die("out of memory", NULL);
        }
        pdf_probe probe = {has_tag(&vars, "print_header") ? NULL : xstrdup(g->blocks[0].text), g->v2019,
                           g->t[T2].present, g->t[T3].present, t4_prints_a_number(g), has_tag(&vars, "header_rows")};
        q->p[q->n++] = (pending){k, xstrdup(src), xstrdup(path), opts.len ? xstrdup(opts.s) : NULL, xstrdup(file),
                                 g->py, g->pm, g->pd, probe, r};
    }
    g->r = saved;
    sb_free(&out);
    sb_free(&vars);
    sb_free(&defs);
    sb_free(&opts);
}

/* ---- the office tools ---- */

static const char *tool_of(int tool, char *buf, size_t n)
{
    static const char *const soffice[] = {"soffice", "libreoffice", NULL};
    static const char *const chromium[] = {"chromium", "chromium-browser", "google-chrome", NULL};
    if (tool == TOOL_SOFFICE) return tool_find("NBGEN_SOFFICE", soffice, buf, n);
    return tool_find("NBGEN_CHROMIUM", chromium, buf, n);
}

/* Drop the kinds whose tool is absent, saying so; returns how many were dropped. With none left
 * nbgen exits 3 (the caller tells "skipped" from "failed" by that status). */
static int check_tools(genopts *o)
{
    int n = 0;
    for (int i = 0; i < o->nkinds; i++) {
        const struct kindinfo *k = kind_info(o->kinds[i]);
        char buf[4096];
        if (k->tool != TOOL_NONE && !tool_of(k->tool, buf, sizeof buf)) {
            fprintf(stderr, "nbgen: kind %s skipped: %s not found (Debian package %s)\n", k->kind,
                    k->tool == TOOL_SOFFICE ? "soffice" : "chromium",
                    k->tool == TOOL_SOFFICE ? "libreoffice-writer-nogui" : "chromium");
            continue;
        }
        o->kinds[n++] = o->kinds[i];
    }
    int dropped = o->nkinds - n;
    if (!n) {
        fprintf(stderr, "nbgen: no kind left to render\n");
        exit(3);
    }
    o->nkinds = n;
    return dropped;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Convert every queued file of one tool: the LibreOffice kinds one batch per format. */
static void convert_tool(const genopts *o, queue *q, int tool)
{
    char exe[4096], log[4096], outdir[4096];
    if (!tool_of(tool, exe, sizeof exe)) return;
    snprintf(outdir, sizeof outdir, "%s/docs", o->out);
    snprintf(log, sizeof log, "%s/src/%s.log", o->out, tool == TOOL_SOFFICE ? "soffice" : "chromium");
    double t0 = now_s();
    int total = 0;
    for (size_t ki = 0; ki < NKINDINFO; ki++) {
        if (kinds[ki].tool != tool) continue;
        conv_job *jobs = calloc((size_t)q->n + 1, sizeof *jobs);
        int n = 0;
        for (int i = 0; i < q->n; i++)
            if (q->p[i].k == &kinds[ki]) jobs[n++] = (conv_job){q->p[i].src, q->p[i].dst, q->p[i].opts};
        if (n && tool == TOOL_SOFFICE) convert_lo(exe, kinds[ki].format, outdir, jobs, n, log);
        else if (n) convert_chromium(exe, jobs, n, log);
        total += n;
        free(jobs);
    }
    fprintf(stderr, "nbgen: %s: %d files in %.1f s\n", tool == TOOL_SOFFICE ? "soffice" : "chromium", total, now_s() - t0);
}

/* Run the tools (LibreOffice in a child process beside Chromium: one each of the two cores), then
 * write the truth of the files that exist; a file a tool did not write is left out and named. */
static int convert_all(const genopts *o, queue *q, truth *t)
{
    if (!q->n) return 0;
    int need[3] = {0};
    for (int i = 0; i < q->n; i++) need[q->p[i].k->tool] = 1;
    double t0 = now_s();
    pid_t child = -1;
    if (need[TOOL_SOFFICE] && need[TOOL_CHROMIUM]) {
        fflush(NULL);
        child = fork();
        if (child == 0) {
            convert_tool(o, q, TOOL_SOFFICE);
            _exit(0);
        }
    }
    if (child < 0 && need[TOOL_SOFFICE]) convert_tool(o, q, TOOL_SOFFICE);
    if (need[TOOL_CHROMIUM]) convert_tool(o, q, TOOL_CHROMIUM);
    if (child > 0) waitpid(child, NULL, 0);
    int missing = 0;
    for (int i = 0; i < q->n; i++) {
        pending *p = &q->p[i];
        const char *lost;
        struct stat st;
        if (stat(p->dst, &st) != 0 || st.st_size == 0) {
            fprintf(stderr, "nbgen: %s: %s did not write it (see %s/src/*.log); left out of the truth\n", p->file,
                    p->k->tool == TOOL_SOFFICE ? "soffice" : "chromium", o->out);
            missing++;
        } else if ((lost = strstr(p->dst, ".pdf") ? pdf_lost_table(p->dst, &p->probe) : NULL)) {
            /* the tool dropped a table it was given: the truth would be false for this file */
            fprintf(stderr, "nbgen: %s: %s left table %s out of the PDF; the file is left out of the truth\n", p->file,
                    p->k->tool == TOOL_SOFFICE ? "soffice" : "chromium", lost);
            unlink(p->dst);
            missing++;
        } else {
            if (strstr(p->dst, ".pdf")) {
                pdf_normalise(p->dst, p->py, p->pm, p->pd, p->file);
                sbuf vars = {0};
                sb_put(&vars, p->truth.doc[DOC_VARIATIONS]);
                probe_pdf(p->dst, &p->probe, &vars);
                free(p->truth.doc[DOC_VARIATIONS]);
                p->truth.doc[DOC_VARIATIONS] = xstrdup(vars.s ? vars.s : "");
                sb_free(&vars);
            }
            put_rows(t, &p->truth);
        }
        free_rows(&p->truth);
        free(p->src);
        free(p->dst);
        free(p->opts);
        free(p->file);
        free(p->probe.title);
    }
    fprintf(stderr, "nbgen: %d files converted in %.1f s", q->n - missing, now_s() - t0);
    if (missing) fprintf(stderr, ", %d not written or left out", missing);
    fputc('\n', stderr);
    return q->n - missing;
}

static void parse_kinds(genopts *o, char *list)
{
    o->nkinds = 0;
    for (char *k = strtok(list, ","); k; k = strtok(NULL, ",")) {
        if (!kind_ext(k)) die("unknown kind", k);
        if (o->nkinds < 12) o->kinds[o->nkinds++] = k;
    }
    if (!o->nkinds) die("no kinds", NULL);
}

/* Whether report index i has its id in the comma-separated list (--only r0012,r0128): the run's
 * other reports are not made, and these come out as the whole run makes them. */
static int listed(const char *list, int i, const genopts *o)
{
    int last = o->start + o->count;
    char id[16];
    snprintf(id, sizeof id, "r%0*d", last > 9999 ? snprintf(NULL, 0, "%d", last) : 4, i + 1);
    size_t n = strlen(id);
    for (const char *p = list; (p = strstr(p, id)); p += n)
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) return 1;
    return 0;
}

static void usage(void)
{
    fputs("usage: nbgen --seed S --count N --out DIR [--kinds pdf,lo,chromium,lo-docx,lo-odt,layout,tsv,html,flat,docx,odt]\n"
          "             [--defect-rate P] [--multi P] [--today YYYY-MM-DD] [--start K] [--append] [--only ID,...]\n"
          "             [--image-table]   (pdf: table 4 drawn as a picture, the prose as text)\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    static char default_kinds[] = "pdf,layout,tsv,html,flat";
    genopts o = {.seed = 1, .count = 10, .defect_rate = 0.35, .multi = 0.1, .ty = 2026, .tm = 6, .td = 30};
    char *kinds_arg = default_kinds;
    int append = 0;
    const char *only = NULL;
    static const struct option longopts[] = {
        {"seed", required_argument, 0, 's'}, {"count", required_argument, 0, 'n'},
        {"out", required_argument, 0, 'o'}, {"kinds", required_argument, 0, 'k'},
        {"defect-rate", required_argument, 0, 'd'}, {"multi", required_argument, 0, 'm'},
        {"today", required_argument, 0, 't'}, {"start", required_argument, 0, 'S'},
        {"append", no_argument, 0, 'a'}, {"only", required_argument, 0, 'O'},
        {"image-table", no_argument, 0, 'I'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "s:n:o:k:d:m:t:S:aO:Ih", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o.seed = strtoull(optarg, NULL, 10); break;
        case 'n': o.count = atoi(optarg); break;
        case 'o': o.out = optarg; break;
        case 'k': kinds_arg = optarg; break;
        case 'd': o.defect_rate = atof(optarg); break;
        case 'm': o.multi = atof(optarg); break;
        case 'S': o.start = atoi(optarg); break;
        case 'a': append = 1; break;
        case 'O': only = optarg; break;
        case 'I': render_pdf_image_table = 1; break;
        case 't':
            if (sscanf(optarg, "%d-%d-%d", &o.ty, &o.tm, &o.td) != 3 || !is_date_valid(o.ty, o.tm, o.td))
                die("bad --today", optarg);
            break;
        default: usage();
        }
    }
    if (!o.out || o.count < 0 || o.start < 0) usage();
    parse_kinds(&o, kinds_arg);
    int skipped = check_tools(&o);
    char dir[4096];
    make_dir(o.out);
    snprintf(dir, sizeof dir, "%s/docs", o.out);
    make_dir(dir);
    for (int i = 0; i < o.nkinds; i++)
        if (kind_info(o.kinds[i])->tool != TOOL_NONE) {
            snprintf(dir, sizeof dir, "%s/src", o.out);
            make_dir(dir);
            snprintf(dir, sizeof dir, "%s/src/%s", o.out, o.kinds[i]);
            make_dir(dir);
        }
    snprintf(dir, sizeof dir, "%s/truth", o.out);
    make_dir(dir);
    truth t = {
        open_truth(dir, "documents.csv", "file,id,kind,version,agency,agency_kind,year,signed_date,published_date,variations,defects\n", append),
        open_truth(dir, "cells.csv", "file,table,row,col,value,unit,raw\n", append),
        open_truth(dir, "findings.csv", "file,rule,table,row,col\n", append),
    };
    static greport g;
    queue q = {0};
    int files = 0;
    int made = 0;
    for (int i = o.start; i < o.start + o.count; i++) {
        if (only && !listed(only, i, &o)) continue;
        made++;
        model_build(&g, &o, i);
        defects_choose(&g, &o);
        narrative_build(&g);
        findings_compute(&g, &o);
        for (int k = 0; k < g.nkinds; k++) {
            render_one(&g, &o, &t, &q, g.kinds[k]);
            files += kind_info(g.kinds[k])->tool == TOOL_NONE;
        }
        model_free(&g);
    }
    files += convert_all(&o, &q, &t);
    free(q.p);
    if (fclose(t.docs) || fclose(t.cells) || fclose(t.finds)) die("cannot write truth", dir);
    fprintf(stderr, "nbgen: %d reports, %d files in %s\n", made, files, o.out);
    return skipped ? 3 : 0;
}
