/*
 * tests/test_report.c — the HTML report's parts, on real outputs: an output folder read back by
 * header names; the cells a finding involves; the evidence image of 洪泽区 2023's table 4 sums, whose
 * outlines must sit on the cells' boxes of cells.csv and whose pixels must show them; the quoted
 * source lines of a text report with the cells marked; the page self-contained and the same bytes
 * twice. (The page in a browser: tests/cli/html_report.sh and tests/browser/report_test.mjs.)
 */
#include "batchutil.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>

#include "../report/evidence.h"
#include "../report/html.h"
#include "../rules/audit_opts.h"

static const char *out_dir(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/report-%s", nb_test_tmpdir(), name);
    return buf;
}

/* Audit one real report into its own folder and load the folder. */
static void audit_and_load(const char *rel, const char *name, nb_rundata *run)
{
    const char *path = nb_test_corpus(rel);
    NB_NEED_FILE(path);
    char dir[512], p[4096];
    snprintf(dir, sizeof dir, "%s", out_dir(name));
    snprintf(p, sizeof p, "%s", path);
    char *argv[] = {"nianbao", "audit", "-q", "--today", "2025-06-01", "-o", dir, p, NULL};
    int rc = nb_run_cli(argv, NULL);
    assert_true(rc == 0 || rc == 1);
    const char *err = NULL;
    if (nb_rundata_load(dir, 0, run, &err) != 0) fail_msg("%s", err);
}

static int find_finding(const nb_rundata *run, const char *rule, const char *table, const char *row, const char *col)
{
    for (int i = 0; i < run->nfindings; i++) {
        const nb_finding *f = &run->findings[i].f;
        if (!strcmp(f->rule->id, rule) && !strcmp(f->table, table) && !strcmp(f->row, row) && !strcmp(f->col, col)) return i;
    }
    return -1;
}

static void folder_is_read_by_header_names(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2023_huaian_hongze_district_gov.pdf", "hz23", &run);
    assert_int_equal(run.ndocs, 1);
    const nb_rdoc *d = &run.docs[0];
    assert_string_equal(d->kind, "pdf");
    assert_int_equal(d->year, 2023);
    assert_string_equal(d->version, "2021");
    const nb_rcell *c = nb_rdoc_cell(d, "t4", "review", "upheld");
    assert_non_null(c);
    assert_string_equal(c->value, "10");
    assert_int_equal(c->page, 4);
    assert_true(c->has_box);
    assert_true(run.messages_rerendered);
    int i = find_finding(&run, "SUM-T4-ROW", "t4", "review", "total");
    assert_true(i >= 0);
    assert_string_equal(run.findings[i].f.expected, "11");
    assert_string_equal(run.findings[i].f.actual, "0");
    /* the message rendered again, in the language asked for */
    nb_rundata en;
    const char *err = NULL;
    assert_int_equal(nb_rundata_load(out_dir("hz23"), 1, &en, &err), 0);
    assert_non_null(strstr(en.findings[i].message, "Table 4"));
    assert_non_null(strstr(run.findings[i].message, "表四"));
    nb_rundata_free(&en);
    nb_rundata_free(&run);
}

/* A cells.csv with columns added (unit after value, provenance at the end) is read by name. */
static void extra_columns_do_not_shift_fields(void **state)
{
    (void)state;
    const char *dir = out_dir("extra");
    mkdir(dir, 0777);
    char p[600];
    snprintf(p, sizeof p, "%s/documents.csv", dir);
    const char *docs = "file,sha256,kind,pages,agency,year,version,signed_date,published_date,published_source,status,message\n"
                       "a.docx,abc,docx,2,某某局,2023,2021,2024-01-20,,,ok,\n";
    nb_write_file(p, docs, strlen(docs));
    snprintf(p, sizeof p, "%s/cells.csv", dir);
    const char *cells = "file,sha256,agency,year,version,table,row,col,value,unit,raw,certain,page,x0,y0,x1,y1,docx_table,docx_row\n"
                        "a.docx,abc,某某局,2023,2021,t2,fees,amount_wan,5.77,万元,5.77万元,yes,1,,,,,3,7\n";
    nb_write_file(p, cells, strlen(cells));
    nb_rundata run;
    const char *err = NULL;
    assert_int_equal(nb_rundata_load(dir, 0, &run, &err), 0);
    assert_int_equal(run.docs[0].ncells, 1);
    const nb_rcell *c = &run.docs[0].cells[0];
    assert_string_equal(c->value, "5.77");
    assert_string_equal(c->unit, "万元");
    assert_string_equal(c->raw, "5.77万元");
    assert_true(c->certain);
    assert_false(c->has_box);
    assert_string_equal(run.docs[0].signed_date, "2024-01-20");
    assert_int_equal(run.nfindings, 0);
    nb_rundata_free(&run);
}

static void sum_focus_is_the_row_of_the_relation(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2023_huaian_hongze_district_gov.pdf", "hz23", &run);
    int i = find_finding(&run, "SUM-T4-ROW", "t4", "review", "total");
    assert_true(i >= 0);
    nb_focus fo;
    assert_int_equal(nb_focus_of(&run.docs[0], &run.findings[i].f, &fo), 5);
    assert_int_equal(fo.band, 'r');
    int reported = 0;
    for (int j = 0; j < fo.n; j++) {
        const nb_rcell *c = &run.docs[0].cells[fo.cell[j]];
        assert_string_equal(c->table, "t4");
        assert_string_equal(c->row, "review");
        if (fo.side[j]) {
            reported++;
            assert_string_equal(c->col, "total");
        }
    }
    assert_int_equal(reported, 1);
    nb_rundata_free(&run);
}

/* A pixel of the decoded PNG, as 0xRRGGBB. */
static unsigned pixel(cairo_surface_t *sf, int x, int y)
{
    unsigned char *data = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    uint32_t v = *(uint32_t *)(data + y * stride + x * 4);
    return v & 0xFFFFFF;
}

static int is_red(unsigned p) { return (p >> 16) > 190 && ((p >> 8) & 0xFF) < 60 && (p & 0xFF) < 60; }
static int is_blue(unsigned p) { return (p >> 16) < 60 && ((p >> 8) & 0xFF) < 120 && (p & 0xFF) > 190; }
static int is_yellow(unsigned p) { return (p >> 16) > 230 && ((p >> 8) & 0xFF) > 200 && (p & 0xFF) < 180; }

typedef struct png_src { const guchar *p; gsize n, at; } png_src;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length)
{
    png_src *s = closure;
    if (s->at + length > s->n) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, s->p + s->at, length);
    s->at += length;
    return CAIRO_STATUS_SUCCESS;
}

static void hongze_t4_evidence_outlines_the_cells(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2023_huaian_hongze_district_gov.pdf", "hz23", &run);
    int fi = find_finding(&run, "SUM-T4-ROW", "t4", "review", "total");
    int fj = find_finding(&run, "SUM-T4-ROW", "t4", "suit_after_review", "total");
    assert_true(fi >= 0 && fj >= 0);
    nb_evidence ev;
    nb_evidence_build(&run, 0, &ev);
    int imgs[4];
    assert_int_equal(nb_evidence_images_of(&ev, fi, imgs, 4), 1);
    /* one image for the table region, shared by both findings */
    int other[4];
    assert_int_equal(nb_evidence_images_of(&ev, fj, other, 4), 1);
    assert_int_equal(other[0], imgs[0]);
    const nb_evimage *img = &ev.img[imgs[0]];
    assert_int_equal(img->rendered, 1);
    assert_string_equal(img->table, "t4");
    assert_int_equal(img->page, 4);
    assert_true(img->png_bytes > 1000);

    /* the cells' boxes, read here straight from cells.csv (not through the loader) */
    nb_csv csv;
    char path[600];
    snprintf(path, sizeof path, "%s/cells.csv", out_dir("hz23"));
    assert_int_equal(nb_csv_load(&csv, path), 0);
    int col[32] = {0}, ncol = 0;
    const char *names[] = {"table", "row", "col", "page", "x0", "y0", "x1", "y1"};
    for (int k = 0; k < 8; k++) {
        col[k] = -1;
        for (int j = 0; csv.rows[0][j]; j++)
            if (!strcmp(csv.rows[0][j], names[k])) col[k] = j;
        assert_true(col[k] >= 0);
        ncol++;
    }
    gsize n = 0;
    guchar *png = g_base64_decode(img->png_base64, &n);
    png_src src = {png, n, 0};
    cairo_surface_t *sf = cairo_image_surface_create_from_png_stream(png_read, &src);
    assert_int_equal(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(sf), img->width);
    cairo_surface_flush(sf);
    int seen = 0, last_x = -1;
    for (int m = 0; m < img->nmarks; m++) {
        const nb_evmark *mk = &img->marks[m];
        if (mk->finding != fi) continue;
        const nb_rcell *c = &run.docs[0].cells[mk->cell];
        /* the box of this cell in cells.csv */
        double x0 = NAN, y0 = NAN, x1 = NAN, y1 = NAN;
        for (int r = 1; r < csv.nrows; r++) {
            char **row = csv.rows[r];
            if (strcmp(row[col[0]], "t4") || strcmp(row[col[1]], "review") || strcmp(row[col[2]], c->col)) continue;
            assert_int_equal(atoi(row[col[3]]), 4);
            x0 = atof(row[col[4]]), y0 = atof(row[col[5]]), x1 = atof(row[col[6]]), y1 = atof(row[col[7]]);
        }
        assert_false(isnan(x0));
        /* the outline drawn is the box, padded, in the image's pixels */
        double s = img->scale, pad = NB_EVIDENCE_PAD;
        assert_true(fabs(mk->px - (x0 - pad - img->rx0) * s) <= 1.0);
        assert_true(fabs(mk->py - (y0 - pad - img->ry0) * s) <= 1.0);
        assert_true(fabs(mk->px + mk->pw - (x1 + pad - img->rx0) * s) <= 1.0);
        assert_true(fabs(mk->py + mk->ph - (y1 + pad - img->ry0) * s) <= 1.0);
        /* columns left to right, the total last and the only reported one */
        assert_true(mk->px > last_x);
        last_x = mk->px;
        assert_int_equal(mk->reported, !strcmp(c->col, "total"));
        /* and the PNG shows it: the outline's colour on all four sides, not inside */
        int cx = mk->px + mk->pw / 2, cy = mk->py + mk->ph / 2;
        unsigned edges[4] = {pixel(sf, mk->px, cy), pixel(sf, mk->px + mk->pw - 1, cy), pixel(sf, cx, mk->py),
                             pixel(sf, cx, mk->py + mk->ph - 1)};
        for (int e = 0; e < 4; e++) {
            if (mk->reported) assert_true(is_red(edges[e]));
            else assert_true(is_blue(edges[e]) || is_red(edges[e]));
        }
        assert_false(is_red(pixel(sf, mk->px + 4, cy)) || is_blue(pixel(sf, mk->px + 4, cy)));
        seen++;
    }
    assert_int_equal(seen, 5);
    /* the row of the sum is shaded: left of the cells, on the row's line, the paper is yellow */
    const nb_evmark *first = NULL;
    for (int m = 0; m < img->nmarks && !first; m++)
        if (img->marks[m].finding == fi) first = &img->marks[m];
    assert_true(is_yellow(pixel(sf, 8, first->py + first->ph / 2)));
    /* and above the table's numbers (the headings), it is not */
    assert_false(is_yellow(pixel(sf, 8, first->py - 40)));
    cairo_surface_destroy(sf);
    g_free(png);
    nb_csv_free(&csv);
    nb_rundata_free(&run);
}

static void budget_leaves_images_out(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2023_huaian_hongze_district_gov.pdf", "hz23", &run);
    nb_evidence ev;
    nb_evidence_build(&run, 100, &ev);       /* 100 bytes: no image fits */
    assert_true(ev.nimg >= 1);
    assert_int_equal(ev.total_png, 0);
    assert_true(ev.left_out >= 1);
    assert_string_equal(ev.img[0].why_not, "budget");
    nb_rundata_free(&run);
}

/* 平潭 2020 (flattened web text): its outcome sums quoted from the source line, cells marked. */
static void text_evidence_quotes_the_line(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2020_pingtan_zone_gov.txt", "pt20", &run);
    int i = find_finding(&run, "SUM-T3-OUTCOMES", "t3", "total", "total");
    assert_true(i >= 0);
    const nb_rdoc *d = &run.docs[0];
    nb_focus fo;
    assert_true(nb_focus_of(d, &run.findings[i].f, &fo) > 10);
    assert_int_equal(fo.band, 'c');
    nb_evtext *t = nb_evtext_open(d);
    assert_non_null(t);
    const char *q = nb_evtext_quote(t, &run.arena, d, &fo);
    assert_non_null(q);
    assert_non_null(strstr(q, "<mark class=\"rep\">21</mark>"));
    assert_non_null(strstr(q, "<mark class=\"op\">"));
    nb_evtext_close(t);
    nb_rundata_free(&run);
}

static void page_is_self_contained_and_stable(void **state)
{
    (void)state;
    nb_rundata run;
    audit_and_load("real/2023_huaian_hongze_district_gov.pdf", "hz23", &run);
    nb_audit_opts ao;
    const char *err = NULL;
    assert_int_equal(nb_audit_opts_init(&ao, "2025-06-01", NULL, NULL, 0, &err), 0);
    nb_html_opts o = {.en = 0, .aopts = &ao, .open_reports = 40, .version = "test"};
    nb_html_stats st;
    GString *a = nb_html_page(&run, &o, &st);
    GString *b = nb_html_page(&run, &o, NULL);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->str, b->str, a->len);
    assert_null(strstr(a->str, "http://"));
    assert_null(strstr(a->str, "https://"));
    assert_null(strstr(a->str, "<link"));
    assert_null(strstr(a->str, "src=\"/"));
    assert_null(strstr(a->str, "@import"));
    assert_null(strstr(a->str, "url("));
    assert_non_null(strstr(a->str, "data:image/png;base64,"));
    assert_non_null(strstr(a->str, "data-cell=\"t4.review.total\""));
    assert_int_equal(st.images, 1);
    assert_int_equal(st.reports, 1);
    g_string_free(a, TRUE);
    g_string_free(b, TRUE);
    nb_audit_opts_free(&ao);
    nb_rundata_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folder_is_read_by_header_names),
        cmocka_unit_test(extra_columns_do_not_shift_fields),
        cmocka_unit_test(sum_focus_is_the_row_of_the_relation),
        cmocka_unit_test(hongze_t4_evidence_outlines_the_cells),
        cmocka_unit_test(budget_leaves_images_out),
        cmocka_unit_test(text_evidence_quotes_the_line),
        cmocka_unit_test(page_is_self_contained_and_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
