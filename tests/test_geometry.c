/*
 * tests/test_geometry.c — PDF page geometry (parser/pdf_geometry.c and the PDF ingester's lines).
 *
 * Glyph boxes that overlap the next line must not turn a page sideways nor merge lines: glyph
 * arrays shaped like Chromium's Type 3 Noto (10.5 pt characters in 27.3 pt boxes, lines 16.5 pt
 * apart) and like text drawn down or up the page; PDFs drawn with cairo in Noto Sans CJK at a
 * pitch of 1.05-1.3 em (boxes 1.45 em), upright and turned; and generated reports (build/nbgen):
 * a Chromium print whose pages 3 and 4 were once read sideways, and a cairo report whose wrapped
 * full-width number ６/８ was once read as a certain 6. Running heads and feet: a browser's
 * date/title head and address/page foot are furniture; a table header repeated at the top of the
 * continued pages, and a prose line that names a web address, are not.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <sys/wait.h>
#include <math.h>

#include "testutil.h"

#include "../parser/ingest.h"
#include "../parser/pdf_furniture.h"
#include "../parser/pdf_geometry.h"
#include "../parser/report.h"
#include "../parser/table.h"

/* rows x cols full-width glyphs of width w in boxes of height h, rows pitch apart, joined along
 * each row as poppler gives a word: the page as Chromium's Type 3 Noto draws it. */
static nb_glyph *grid(int rows, int cols, float w, float h, float pitch, size_t *n)
{
    nb_glyph *g = calloc((size_t)(rows * cols), sizeof *g);
    size_t k = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++, k++) {
            g[k].cp = 0x4E00 + (uint32_t)k;
            g[k].ord = (uint32_t)k;
            g[k].x0 = 60 + c * w;
            g[k].x1 = g[k].x0 + w;
            g[k].y0 = 70 + r * pitch;
            g[k].y1 = g[k].y0 + h;
            g[k].joined = c > 0;
        }
    *n = k;
    return g;
}

static void tall_boxes_stay_upright(void **state)
{
    (void)state;
    size_t n, ax, ay;
    nb_glyph *g = grid(12, 20, 10.5f, 27.3f, 16.5f, &n);
    assert_int_equal(nb_pdf_text_direction(g, n, &ax, &ay), NB_DIR_UPRIGHT);
    assert_int_equal(ax, 12 * 19);
    assert_int_equal(ay, 0);
    nb_pdf_settle_heights(g, n);
    /* 1.2 em about the box's centre: 70 + 27.3/2 = 83.65, +-6.3 */
    assert_float_equal(g[0].y0, 83.65f - 6.3f, 0.01f);
    assert_float_equal(g[0].y1, 83.65f + 6.3f, 0.01f);
    assert_float_equal(g[0].sh, 1.45f * 10.5f, 0.01f);
    /* a line no longer reaches into the next */
    assert_true(g[19].y1 < g[20].y0);
    free(g);
}

/* Turn the grid so that its text runs down the page (lines stacked from the right), or up. */
static void turn(nb_glyph *g, size_t n, int down, float width, float height)
{
    for (size_t i = 0; i < n; i++) {
        nb_glyph c = g[i];
        if (down) {
            g[i].x0 = width - c.y1;
            g[i].x1 = width - c.y0;
            g[i].y0 = c.x0;
            g[i].y1 = c.x1;
        } else {
            g[i].x0 = c.y0;
            g[i].x1 = c.y1;
            g[i].y0 = height - c.x1;
            g[i].y1 = height - c.x0;
        }
    }
}

static void turned_text_is_turned_back(void **state)
{
    (void)state;
    for (int down = 0; down <= 1; down++) {
        size_t n;
        nb_glyph *g = grid(6, 15, 12, 12, 18, &n);
        nb_glyph first = g[0], second = g[1];
        turn(g, n, down, 595, 842);
        nb_text_dir dir = nb_pdf_text_direction(g, n, NULL, NULL);
        assert_int_equal(dir, down ? NB_DIR_DOWN : NB_DIR_UP);
        nb_pdf_turn_upright(g, n, dir, 595, 842);
        /* read upright again: the page is 842 wide, the same glyphs in the same places */
        assert_float_equal(g[0].x0, first.x0, 0.01f);
        assert_float_equal(g[0].y0, first.y0, 0.01f);
        assert_float_equal(g[1].x0, second.x0, 0.01f);
        assert_float_equal(g[1].y1, second.y1, 0.01f);
        free(g);
    }
}

/* A vertical label, one upright character per line (not joined), beside a few lines of text. */
static void stacked_label_is_no_turned_page(void **state)
{
    (void)state;
    size_t n;
    nb_glyph *g = grid(3, 4, 12, 17.4f, 15, &n);
    nb_glyph *all = calloc(n + 9, sizeof *all);
    memcpy(all, g, n * sizeof *g);
    for (int k = 0; k < 9; k++) {
        nb_glyph *c = &all[n + (size_t)k];
        *c = (nb_glyph){.cp = 0x4E00, .ord = (uint32_t)(n + (size_t)k), .x0 = 30, .x1 = 42, .y0 = 70 + k * 13.0f,
                        .y1 = 70 + k * 13.0f + 17.4f, .joined = 0};
    }
    assert_int_equal(nb_pdf_text_direction(all, n + 9, NULL, NULL), NB_DIR_UPRIGHT);
    /* the same column as one joined word, as a turned page gives it, is text running down */
    for (int k = 1; k < 9; k++) all[n + (size_t)k].joined = 1;
    assert_int_equal(nb_pdf_text_direction(all + n, 9, NULL, NULL), NB_DIR_DOWN);
    free(all);
    free(g);
}

/* Digits in a box height no full-width glyph has take the page's ratio of height to em. */
static void digits_take_the_pages_ratio(void **state)
{
    (void)state;
    size_t n;
    nb_glyph *g = grid(2, 10, 10.5f, 27.3f, 30, &n);
    g[n - 1].cp = '7';
    g[n - 1].y0 = 200;
    g[n - 1].y1 = 220.8f;          /* 20.8 / 2.6 = 8 pt em */
    g[n - 1].x1 = g[n - 1].x0 + 4.4f;
    nb_pdf_settle_heights(g, n);
    assert_float_equal(g[n - 1].y1 - g[n - 1].y0, 1.2f * 8.0f, 0.01f);
    assert_float_equal((g[n - 1].y0 + g[n - 1].y1) / 2, 210.4f, 0.01f);
    free(g);
}

static const char *const prose[] = {
    "某某市人民政府办公室政府信息公开工作年度报告",
    "本报告根据中华人民共和国政府信息公开条例和",
    "中华人民共和国政府信息公开工作年度报告格式要求",
    "由本机关编制本报告所列数据的统计期限自一月一日",
    "起至十二月三十一日止本报告电子版可在门户网站",
    "查阅和下载如对本报告有疑问请与本机关办公室联系",
    "一总体情况本年度本机关坚持以新时代思想为指导认",
    "真贯彻落实条例和上级关于政务公开工作的部署围绕",
    "中心工作不断提升政府信息公开工作质效主动公开情",
};
#define NPROSE 9

static cairo_status_t to_buffer(void *closure, const unsigned char *data, unsigned int len)
{
    GString *s = closure;
    g_string_append_len(s, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* An A4 page of prose in Noto Sans CJK SC 12 pt at pitch em, three times over; turned: the same
 * drawn running down a portrait page (a landscape table's page). */
static GString *prose_pdf(double pitch, int turned)
{
    GString *s = g_string_new(NULL);
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(to_buffer, s, 595, 842);
    cairo_t *cr = cairo_create(surf);
    if (turned) {
        cairo_translate(cr, 595, 0);
        cairo_rotate(cr, M_PI / 2);
    }
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    int rows = turned ? 2 * NPROSE : 3 * NPROSE;
    for (int i = 0; i < rows; i++) {
        cairo_move_to(cr, 80, 100 + i * pitch * 12);
        cairo_show_text(cr, prose[i % NPROSE]);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    cairo_surface_destroy(surf);
    return s;
}

static void check_prose(nb_doc *d, int rows, float width, float height)
{
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->npages, 1);
    assert_float_equal(d->pages[0].width, width, 0.5f);
    assert_float_equal(d->pages[0].height, height, 0.5f);
    assert_int_equal(d->nlines, rows);
    for (int i = 0; i < rows; i++) assert_string_equal(d->lines[i].raw, prose[i % NPROSE]);
}

/* The bug: at 1.05-1.3 em the 1.45 em boxes overlap, and the page was read as vertical text
 * (842x595, characters in column order). */
static void tight_noto_page_reads_upright(void **state)
{
    (void)state;
    NB_NEED_FILE("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    static const double pitches[] = {1.05, 1.25, 1.3, 1.6};
    for (size_t k = 0; k < sizeof pitches / sizeof *pitches; k++) {
        GString *pdf = prose_pdf(pitches[k], 0);
        nb_doc *d = nb_ingest_bytes("tight.pdf", (const unsigned char *)pdf->str, pdf->len, NULL);
        check_prose(d, 3 * NPROSE, 595, 842);
        /* a line's box is the capped height (1.2 em), and at 1.2 em or more the next starts below it */
        assert_float_equal(d->lines[0].box.y1 - d->lines[0].box.y0, 1.2f * 12, 0.3f);
        if (pitches[k] >= 1.2) assert_true(d->lines[0].box.y1 < d->lines[1].box.y0);
        nb_doc_free(d);
        g_string_free(pdf, TRUE);
    }
}

static void turned_noto_page_reads_upright(void **state)
{
    (void)state;
    NB_NEED_FILE("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    GString *pdf = prose_pdf(1.25, 1);
    nb_doc *d = nb_ingest_bytes("turned.pdf", (const unsigned char *)pdf->str, pdf->len, NULL);
    check_prose(d, 2 * NPROSE, 842, 595);
    nb_doc_free(d);
    g_string_free(pdf, TRUE);
}

/* Prose upright in the top half of a page and the same drawn turned in the bottom half: no way of
 * reading it is sure, so it is read the way most of it runs and every line is marked doubtful. */
static void half_turned_page_is_doubtful(void **state)
{
    (void)state;
    NB_NEED_FILE("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    GString *s = g_string_new(NULL);
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(to_buffer, s, 595, 842);
    cairo_t *cr = cairo_create(surf);
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    for (int i = 0; i < NPROSE; i++) {
        cairo_move_to(cr, 60, 80 + i * 18);
        cairo_show_text(cr, prose[i]);
    }
    cairo_translate(cr, 560, 420);
    cairo_rotate(cr, M_PI / 2);
    for (int i = 0; i < NPROSE; i++) {
        cairo_move_to(cr, 0, i * 18);
        cairo_show_text(cr, prose[i]);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    cairo_surface_destroy(surf);
    nb_doc *d = nb_ingest_bytes("half.pdf", (const unsigned char *)s->str, s->len, NULL);
    assert_int_equal(d->mixed_direction_pages, 1);
    assert_true(d->nlines > 0);
    for (uint32_t i = 0; i < d->nlines; i++) assert_true(d->lines[i].flags & NB_LINE_DOUBTFUL);
    nb_doc_free(d);
    g_string_free(s, TRUE);
    /* a wholly upright page is not */
    s = prose_pdf(1.25, 0);
    d = nb_ingest_bytes("upright.pdf", (const unsigned char *)s->str, s->len, NULL);
    assert_int_equal(d->mixed_direction_pages, 0);
    assert_false(d->lines[0].flags & NB_LINE_DOUBTFUL);
    nb_doc_free(d);
    g_string_free(s, TRUE);
    assert_false(nb_pdf_direction_mixed(400, 5));
    assert_false(nb_pdf_direction_mixed(21, 309));
    assert_true(nb_pdf_direction_mixed(200, 100));
}

/* Make report number `index` (0-based) of a seed in `kinds`; the path of its `file`, or NULL. */
static const char *generated_seed(const char *seed, const char *name, int index, const char *kinds, const char *multi,
                                  const char *file)
{
    static char path[1024];
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -rf %s/%s && build/nbgen --seed %s --start %d --count 1 --multi %s --kinds %s --out %s/%s >/dev/null 2>&1",
             nb_test_tmpdir(), name, seed, index, multi, kinds, nb_test_tmpdir(), name);
    int rc = system(cmd);
    if (rc != 0 && !(WIFEXITED(rc) && WEXITSTATUS(rc) == 3)) return NULL;   /* 3: a producer's tool is absent */
    snprintf(path, sizeof path, "%s/%s/docs/%s", nb_test_tmpdir(), name, file);
    return path;
}

static const char *generated(const char *name, int index, const char *kinds, const char *multi, const char *file)
{
    return generated_seed("20260630", name, index, kinds, multi, file);
}

static const char *t3_row(const nb_report *r, const char *row)
{
    static char buf[256];
    const nb_table *t = nb_tables_get(r->tables, "t3");
    if (!t) return "(no table)";
    int ri = nb_row_index(t->def, row);
    size_t o = 0;
    buf[0] = '\0';
    for (int c = 0; c < t->def->ncols; c++) {
        const nb_cell *cell = nb_table_cell(t, ri, c);
        const char *v = cell->kind == NB_CELL_ABSENT ? "." : !cell->certain ? "?" : cell->kind == NB_CELL_BLANK ? "[]" : cell->value;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o ? " " : "", v);
    }
    return buf;
}

/* Read the generated report at path and check one row of its table 3. */
static void expect_t3_row(const char *path, const char *row, const char *want)
{
    assert_non_null(path);
    nb_doc *d = nb_ingest(path, NULL);
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    assert_string_equal(t3_row(&r, row), want);
    nb_doc_free(d);
}

/* Chromium prints Noto CJK as Type 3 fonts with boxes 2.6 em tall: its pages 3 and 4 (the end of
 * table 3, table 4, sections 五 and 六, the signature) were read as 842x596 vertical text. */
static void chromium_noto_pages_upright(void **state)
{
    (void)state;
    NB_NEED_FILE("build/nbgen");
    NB_NEED_TOOL("chromium");
    const char *path = generated("geo-chromium", 14, "chromium", "0.15", "r0015.chromium.pdf");
    assert_non_null(path);
    nb_doc *d = nb_ingest(path, NULL);
    assert_int_equal(d->npages, 4);
    for (uint32_t p = 0; p < d->npages; p++) assert_true(d->pages[p].width < d->pages[p].height);
    nb_report r;
    nb_report_init(&r, d);
    for (int k = 0; k < NB_NSECTIONS; k++)
        if (!r.sec[k].found) fail_msg("section %d not found", k + 1);
    assert_memory_equal(r.sec[4].heading, "五、存在的主要问题及下一步工作打算", strlen("五、存在的主要问题及下一步工作打算"));
    nb_read_tables(&r);
    assert_string_equal(t3_row(&r, "unable.not_held"), "12 0 0 0 0 0 12");
    assert_string_equal(t3_row(&r, "rejected.petition"), "1 0 0 0 0 0 1");
    nb_doc_free(d);
}

/* A full-width ６８ wrapped in its narrow cell, ６ above the row's line and ８ below, beside a
 * label's first line （四）无法提: both halves join (it was a certain 6). */
static void wrapped_fullwidth_number_joins(void **state)
{
    (void)state;
    NB_NEED_FILE("build/nbgen");
    expect_t3_row(generated("geo-cairo", 16, "pdf", "0", "r0017.pdf"), "unable.not_held", "68 0 0 0 0 0 68");
}

/* One line of text at y0..y1 on the current page, spanning x 60..300. */
static nb_line *put_line(nb_doc *d, const char *text, float y0, float y1)
{
    size_t n = strlen(text);
    nb_xspan *geo = malloc((n ? n : 1) * sizeof *geo);
    for (size_t i = 0; i < n; i++) geo[i] = (nb_xspan){60 + (float)i, 61 + (float)i};
    nb_line *l = nb_doc_add_line(d, text, n, geo, y0, y1, 0);
    free(geo);
    return l;
}

static int furniture(const nb_doc *d, uint32_t li) { return (((nb_line *)d->vlines.data)[li].flags & NB_LINE_FURNITURE) != 0; }

static void browser_heads_and_feet_are_furniture(void **state)
{
    (void)state;
    nb_doc *d = nb_doc_new("print.pdf");
    uint32_t head[3], foot[3], table_head[2], body_last[3];
    for (int p = 0; p < 3; p++) {
        char t[128];
        nb_doc_begin_page(d, 596, 842);
        head[p] = (uint32_t)d->vlines.len;
        put_line(d, "2023/1/27 10:47 石家庄市财政局2022年政府信息公开工作年度报告", 11, 18);
        if (p > 0) {             /* table 3 goes on, its header repeated at the top of the block */
            table_head[p - 1] = (uint32_t)d->vlines.len;
            put_line(d, "申请人情况", 60, 72);
        }
        for (int i = 0; i < 30; i++) put_line(d, "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5", 78 + 18 * i, 90 + 18 * i);
        body_last[p] = (uint32_t)d->vlines.len;
        put_line(d, "本报告电子版可在www.example.gov.cn查阅", 780, 792);
        foot[p] = (uint32_t)d->vlines.len;
        snprintf(t, sizeof t, "http://www.example.gov.cn/zwgk/ndbg/r0030.html %d/3", p + 1);
        put_line(d, t, 817, 824);
    }
    nb_pdf_mark_running_heads(d);
    for (int p = 0; p < 3; p++) {
        assert_true(furniture(d, head[p]));
        assert_true(furniture(d, foot[p]));
        assert_false(furniture(d, body_last[p]));
        assert_false(furniture(d, head[p] + (p > 0) + 1));
    }
    assert_false(furniture(d, table_head[0]));
    assert_false(furniture(d, table_head[1]));
    nb_doc_finish(d);
    nb_doc_free(d);
}

/* One page: its foot with an address is furniture; a head line seen once is not (nothing repeats
 * it), nor a last line of text that names the site. */
static void one_page_print_keeps_its_head(void **state)
{
    (void)state;
    nb_doc *d = nb_doc_new("one.pdf");
    nb_doc_begin_page(d, 596, 842);
    put_line(d, "2023/1/27 10:47 石家庄市财政局2022年政府信息公开工作年度报告", 11, 18);
    for (int i = 0; i < 20; i++) put_line(d, "正文", 78 + 18 * i, 90 + 18 * i);
    put_line(d, "http://www.example.gov.cn/zwgk/ndbg/r0030.html 1/1", 817, 824);
    nb_pdf_mark_running_heads(d);
    assert_false(furniture(d, 0));
    assert_false(furniture(d, 1));
    assert_true(furniture(d, 21));
    nb_doc_finish(d);
    nb_doc_free(d);
    /* the last line of the text block names the site: it is text, not a foot */
    d = nb_doc_new("prose.pdf");
    nb_doc_begin_page(d, 596, 842);
    for (int i = 0; i < 40; i++) put_line(d, "正文", 78 + 18 * i, 90 + 18 * i);
    put_line(d, "本报告电子版可在www.example.gov.cn查阅", 798, 810);
    nb_pdf_mark_running_heads(d);
    assert_false(furniture(d, 40));
    nb_doc_finish(d);
    nb_doc_free(d);
}

/* 2026 wrapped in its cell as 202 / 6, the row's label line （七）总计 between the two (seed 4242):
 * the fragment below the label joins (the total was a certain 202). The three kinds are asked for
 * because they decide the report's model; the test reads the cairo one. */
static void wrapped_number_past_a_label_line(void **state)
{
    (void)state;
    NB_NEED_FILE("build/nbgen");
    expect_t3_row(generated_seed("4242", "geo-label", 16, "pdf,lo,chromium", "0.15", "r0017.pdf"), "total",
                  "1980 [] [] [] 46 [] 2026");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tall_boxes_stay_upright),
        cmocka_unit_test(turned_text_is_turned_back),
        cmocka_unit_test(stacked_label_is_no_turned_page),
        cmocka_unit_test(digits_take_the_pages_ratio),
        cmocka_unit_test(tight_noto_page_reads_upright),
        cmocka_unit_test(turned_noto_page_reads_upright),
        cmocka_unit_test(half_turned_page_is_doubtful),
        cmocka_unit_test(chromium_noto_pages_upright),
        cmocka_unit_test(wrapped_fullwidth_number_joins),
        cmocka_unit_test(wrapped_number_past_a_label_line),
        cmocka_unit_test(browser_heads_and_feet_are_furniture),
        cmocka_unit_test(one_page_print_keeps_its_head),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
