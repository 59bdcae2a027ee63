/*
 * tests/test_ocr.c — OCR's parts that do not need Tesseract, and the rule over its doubt:
 * ruled cells found in a drawn grid (a label spanning rows, the rules wiped), the skew of a page of
 * drawn lines measured and undone, a page turned by quarters, ink the recogniser left out found,
 * specks wiped, grainy paper whitened with the ink kept, a number whose digit was recognised with
 * low confidence left uncertain by the table reader with its reading kept, and EXTRACT-OCR-DOUBT
 * raised only where such a reading makes a sum fail. The recogniser itself is
 * exercised end to end on a generated scan by tests/cli/ocr.sh.
 */
#include "rulesfix.h"

#include <math.h>

#include "../parser/ocr_image.h"

static ocr_gray blank_image(int w, int h)
{
    ocr_gray g = {w, h, malloc((size_t)w * (size_t)h)};
    memset(g.p, 255, (size_t)w * (size_t)h);
    return g;
}

static void fill(ocr_gray *g, int x0, int y0, int x1, int y1, uint8_t v)
{
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            if (x >= 0 && y >= 0 && x < g->w && y < g->h) g->p[(size_t)y * (size_t)g->w + (size_t)x] = v;
}

/* A grid of three rows and three columns, 3-pixel rules; the first column's cell spans the first
 * two rows (no rule between them there); a blob of "text" in the middle cell of the last row. */
static ocr_gray ruled_grid(void)
{
    ocr_gray g = blank_image(700, 500);
    int xs[] = {50, 250, 450, 650}, ys[] = {50, 180, 310, 440};
    for (int i = 0; i < 4; i++) fill(&g, xs[i], 50, xs[i] + 3, 443, 0);
    for (int i = 0; i < 4; i++) fill(&g, 50, ys[i], 653, ys[i] + 3, 0);
    fill(&g, 53, 180, 250, 183, 255);            /* the span */
    fill(&g, 330, 360, 370, 390, 20);            /* text */
    return g;
}

static void grid_cells_are_found_and_rules_wiped(void **state)
{
    (void)state;
    ocr_gray g = ruled_grid();
    ocr_cells cells = {0};
    assert_int_equal(ocr_find_cells(&g, 135, &cells), 8);
    /* the spanning cell: from the first rule to the third */
    int spans = 0, with_ink = 0;
    for (size_t i = 0; i < cells.n; i++) {
        const ocr_cell *c = &cells.c[i];
        if (c->x0 < 100 && c->y0 < 100) {
            assert_true(c->y1 > 300 && c->y1 < 311);
            spans++;
        }
        if (c->ink) {
            assert_true(c->x0 < 330 && c->x1 > 370 && c->y0 < 360 && c->y1 > 390);
            assert_int_equal(c->ink, 40 * 30);
            with_ink++;
        }
    }
    assert_int_equal(spans, 1);
    assert_int_equal(with_ink, 1);
    /* the rules are white now; the text is not */
    assert_int_equal(ocr_ink(&g, 0, 0, g.w, 330), 0);
    assert_int_equal(ocr_ink(&g, 0, 0, g.w, g.h), 40 * 30);
    free(cells.c);
    free(g.p);
}

/* Strokes shorter than a rule are no rule: nothing found, nothing wiped. */
static void short_strokes_are_no_rules(void **state)
{
    (void)state;
    ocr_gray g = blank_image(600, 300);
    for (int i = 0; i < 8; i++) fill(&g, 40 + i * 60, 100, 80 + i * 60, 104, 0);   /* 40 px dashes */
    ocr_cells cells = {0};
    assert_int_equal(ocr_find_cells(&g, 135, &cells), 0);
    assert_int_equal(ocr_ink(&g, 0, 0, g.w, g.h), 8 * 40 * 4);
    free(cells.c);
    free(g.p);
}

/* Lines of "text" drawn at a slope are measured at it, and lie flat once turned back. */
static void skew_is_measured_and_undone(void **state)
{
    (void)state;
    const double deg = 1.5, t = tan(deg * M_PI / 180);
    ocr_gray g = blank_image(1200, 900);
    for (int line = 0; line < 12; line++)
        for (int x = 100; x < 1100; x++) {
            if ((x / 30) % 4 == 3) continue;                  /* word gaps */
            int y = 100 + line * 60 + (int)lround((x - 600) * t);
            fill(&g, x, y, x + 1, y + 12, 0);
        }
    double m = ocr_measure_skew(&g, 3.0);
    if (fabs(m - deg) > 0.05) {
        free(g.p);
        fail_msg("skew measured %.2f, drawn %.2f", m, deg);
    }
    ocr_rotate(&g, m);
    assert_true(fabs(ocr_measure_skew(&g, 3.0)) <= 0.05);
    free(g.p);

    ocr_gray flat = blank_image(400, 300);
    fill(&flat, 50, 100, 350, 112, 0);
    assert_true(ocr_measure_skew(&flat, 3.0) == 0);
    free(flat.p);
}

/* Ink no box covers, standing apart, comes back as a group; covered ink does not. */
static void left_out_ink_is_found(void **state)
{
    (void)state;
    ocr_gray g = blank_image(800, 300);
    fill(&g, 100, 100, 200, 130, 0);                    /* read already */
    fill(&g, 600, 100, 612, 130, 0);                    /* a lone 1, left out */
    fill(&g, 400, 250, 402, 252, 0);                    /* a speck */
    ocr_cell read = {100, 100, 200, 130, 0};
    ocr_cells out = {0};
    assert_int_equal(ocr_uncovered(&g, &read, 1, 12, 120, 30, &out), 1);
    assert_true(out.c[0].x0 <= 600 && out.c[0].x1 >= 612 && out.c[0].y0 <= 100 && out.c[0].y1 >= 130);
    assert_int_equal(out.c[0].ink, 12 * 30);
    free(out.c);
    free(g.p);
}

/* Dust goes, a decimal point and a digit stay. */
static void specks_are_wiped_points_stay(void **state)
{
    (void)state;
    ocr_gray g = blank_image(300, 200);
    fill(&g, 10, 10, 13, 13, 30);                       /* a 3 x 3 speck: 9 pixels */
    fill(&g, 50, 50, 51, 51, 30);                       /* a single dark pixel */
    fill(&g, 100, 100, 104, 104, 0);                    /* a decimal point: 16 pixels */
    fill(&g, 150, 80, 154, 110, 0);                     /* a 1 */
    assert_int_equal(ocr_despeckle(&g, 9), 2);
    assert_int_equal(ocr_ink(&g, 0, 0, g.w, g.h), 16 + 4 * 30);
    assert_int_equal(ocr_ink(&g, 0, 0, 60, 60), 0);
    free(g.p);
}

/* The paper whitened: a clean page is left byte for byte; on grainy paper (grey noise below 255,
 * as a scanner's) every pixel of the paper comes out 255 and the ink stays as it was. */
static void paper_is_whitened_ink_stays(void **state)
{
    (void)state;
    ocr_gray g = blank_image(400, 300);
    fill(&g, 100, 100, 104, 140, 0);                    /* a 1 */
    fill(&g, 104, 100, 105, 140, 128);                  /* and its grey edge */
    uint8_t *orig = malloc((size_t)g.w * (size_t)g.h);
    memcpy(orig, g.p, (size_t)g.w * (size_t)g.h);
    assert_int_equal(ocr_whiten(&g), 255);
    assert_memory_equal(g.p, orig, (size_t)g.w * (size_t)g.h);
    /* grain: half the paper's pixels 255, the rest 255 - 1..30 (a fixed pseudo-random sequence) */
    unsigned r = 12345;
    for (size_t i = 0; i < (size_t)g.w * (size_t)g.h; i++) {
        r = r * 1103515245u + 12345u;
        if (g.p[i] == 255 && (r >> 16) % 2) g.p[i] = (uint8_t)(255 - 1 - (r >> 17) % 30);
    }
    uint8_t t = ocr_whiten(&g);
    assert_true(t > 160 && t < 240);
    for (int y = 0; y < g.h; y++)
        for (int x = 0; x < g.w; x++) {
            size_t k = (size_t)y * (size_t)g.w + (size_t)x;
            if (x >= 100 && x < 105 && y >= 100 && y < 140) assert_int_equal(g.p[k], orig[k]);
            else assert_int_equal(g.p[k], 255);
        }
    free(orig);
    free(g.p);
}

/* A crop is scaled by area means and set on a white margin; a rectangle past the edge is clipped. */
static void crops_scale_and_pad(void **state)
{
    (void)state;
    ocr_gray g = blank_image(200, 100);
    fill(&g, 40, 20, 80, 60, 0);                        /* a black 40 x 40 square */
    fill(&g, 80, 20, 81, 60, 100);                      /* and a grey column beside it */
    ocr_gray c;
    ocr_crop(&g, 30, 10, 90, 70, 0.5, 5, &c);
    assert_non_null(c.p);
    assert_int_equal(c.w, 30 + 10);
    assert_int_equal(c.h, 30 + 10);
    assert_int_equal(c.p[0], 255);                                  /* the margin */
    assert_int_equal(c.p[(size_t)(5 + 10) * (size_t)c.w + 5 + 10], 0);   /* inside the square */
    assert_int_equal(c.p[(size_t)(5 + 10) * (size_t)c.w + 5 + 25], 177);   /* (100 + 255) / 2 */
    assert_int_equal(c.p[(size_t)(5 + 10) * (size_t)c.w + 5 + 2], 255);    /* left of it */
    free(c.p);
    ocr_crop(&g, 190, 90, 260, 160, 1, 0, &c);           /* clipped to 10 x 10 */
    assert_int_equal(c.w, 10);
    assert_int_equal(c.h, 10);
    free(c.p);
    ocr_crop(&g, 250, 0, 260, 10, 1, 3, &c);             /* off the image: nothing */
    assert_null(c.p);
    free(g.p);
}

/* ---- the reader and the rule: confidence carried from the line to the cell ---- */

static const char *report_t3 =
    "某某市某某局2023年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "                                      自然人  商业企业 科研机构 社会公益组织 法律服务机构 其他  总计\n"
    "一、本年新收政府信息公开申请数量          5       1        0         0          0       0     6\n"
    "二、上年结转政府信息公开申请数量          1       0        0         0          0       0     1\n"
    "（一）予以公开                            3       1                                           4\n"
    "四、结转下年度继续办理                    3                                                   3\n"
    "四、政府信息公开行政复议、行政诉讼情况\n";

/* Give the line holding needle a confidence array as OCR would: 99 everywhere but at the byte of
 * the digit at mark (an offset into the needle's line), set to low. */
static void recognised(nb_doc *d, const char *needle, const char *digit_after, uint8_t low)
{
    for (uint32_t i = 0; i < d->nlines; i++) {
        nb_line *l = &d->lines[i];
        if (!strstr(l->raw, needle)) continue;
        l->conf = nb_alloc(&d->arena, l->raw_len);
        memset(l->conf, 99, l->raw_len);
        const char *p = strstr(l->raw, digit_after);
        assert_non_null(p);
        p += strlen(digit_after);
        while (*p == ' ') p++;
        l->conf[p - l->raw] = low;
        d->ocr_pages = 1;
        return;
    }
    fail_msg("no line with %s", needle);
}

static void low_confidence_digit_leaves_its_cell_uncertain(void **state)
{
    (void)state;
    nb_doc *d = nb_ingest_bytes("scan.pdf", (const unsigned char *)report_t3, strlen(report_t3), NULL);
    recognised(d, "本年新收", "数量          5", 40);     /* the 1 of 商业企业 */
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    const nb_table *t = nb_tables_get(r.tables, "t3");
    assert_non_null(t);
    const nb_cell *c = nb_table_cell(t, nb_row_index(t->def, "new"), nb_col_index(t->def, "commercial"));
    assert_int_equal(c->certain, 0);
    assert_string_equal(c->why, "ocr_low_confidence");
    assert_string_equal(c->raw, "1");
    assert_string_equal(c->value, "");
    /* its neighbours, recognised with confidence, stand */
    const nb_cell *n = nb_table_cell(t, nb_row_index(t->def, "new"), nb_col_index(t->def, "natural"));
    assert_int_equal(n->certain, 1);
    assert_string_equal(n->value, "5");
    /* a line that was not recognised (no conf) is as certain as ever */
    const nb_cell *k = nb_table_cell(t, nb_row_index(t->def, "carried"), nb_col_index(t->def, "natural"));
    assert_int_equal(k->certain, 1);
    assert_string_equal(k->value, "1");
    nb_doc_free(d);
}

/* The same digit at the threshold is certain: the threshold is the first sure value. */
static void confidence_at_the_threshold_is_certain(void **state)
{
    (void)state;
    nb_doc *d = nb_ingest_bytes("scan.pdf", (const unsigned char *)report_t3, strlen(report_t3), NULL);
    recognised(d, "本年新收", "数量          5", NB_OCR_CONF_CERTAIN);
    nb_report r;
    nb_report_init(&r, d);
    nb_read_tables(&r);
    const nb_table *t = nb_tables_get(r.tables, "t3");
    const nb_cell *c = nb_table_cell(t, nb_row_index(t->def, "new"), nb_col_index(t->def, "commercial"));
    assert_int_equal(c->certain, 1);
    assert_string_equal(c->value, "1");
    nb_doc_free(d);
}

static const char *fixture_text = "测试市测试局2023年政府信息公开工作年度报告\n一、总体情况\n";

/* A cell OCR doubted, as the reader leaves it: no value, the reading in raw. */
static void ocr_doubted(fixture *fx, const char *table, const char *row, const char *col, const char *reading)
{
    nb_table *t = fx_table(fx, table);
    nb_cell *c = nb_table_cell(t, nb_row_index(t->def, row), nb_col_index(t->def, col));
    c->kind = NB_CELL_BLANK;
    c->certain = 0;
    c->value = "";
    c->raw = reading;
    c->why = "ocr_low_confidence";
    fx->doc->ocr_pages = 1;
}

static void extract_ocr_doubt_fires(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, fixture_text);
    fx_consistent_2021(&fx);
    /* review: 1 + 0 + 0 + pending = 2, pending read "3" with low confidence: 4 against 2 */
    fx_row(&fx, "t4", "review", "1 0 0 0 2");
    ocr_doubted(&fx, "t4", "review", "pending", "3");
    fx_run(&fx, NB_RULES_ALL);
    assert_int_equal(fx_count(&fx, "EXTRACT-OCR-DOUBT"), 1);
    assert_int_equal(fx_count(&fx, "SUM-T4-ROW"), 0);
    const nb_finding *x = fx_get(&fx, "EXTRACT-OCR-DOUBT", 0);
    fx_expect_at(x, "t4", "review", "total", "4", "2");
    assert_string_equal(nb_finding_get(x, "rule", 0), "SUM-T4-ROW");
    assert_int_equal(x->rule->severity, NB_SEV_WARNING);
    assert_int_equal(fx_count(&fx, "EXTRACT-UNCERTAIN"), 1);
    fx_close(&fx);
}

static void extract_ocr_doubt_silent_when_the_reading_adds_up(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, fixture_text);
    fx_consistent_2021(&fx);
    fx_row(&fx, "t4", "review", "1 0 0 0 2");
    ocr_doubted(&fx, "t4", "review", "pending", "1");
    fx_run(&fx, NB_RULES_ALL);
    assert_int_equal(fx_count(&fx, "EXTRACT-OCR-DOUBT"), 0);
    assert_int_equal(fx_count(&fx, "SUM-T4-ROW"), 0);
    assert_int_equal(fx_count(&fx, "EXTRACT-UNCERTAIN"), 1);   /* still not guessed */
    fx_close(&fx);
}

/* Digits read with confidence that do not add up are the agency's: SUM-, not OCR's doubt. */
static void confident_digits_that_fail_stay_a_sum_error(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, fixture_text);
    fx_consistent_2021(&fx);
    fx.doc->ocr_pages = 1;
    fx_row(&fx, "t4", "review", "1 0 0 3 2");
    fx_run(&fx, NB_RULES_ALL);
    assert_int_equal(fx_count(&fx, "EXTRACT-OCR-DOUBT"), 0);
    assert_int_equal(fx_count(&fx, "SUM-T4-ROW"), 1);
    fx_close(&fx);
}

/* A doubt of another kind (glued digits) is not OCR's: no EXTRACT-OCR-DOUBT even on a scan. */
static void other_doubts_are_not_ocr_doubts(void **state)
{
    (void)state;
    fixture fx;
    fx_open(&fx, fixture_text);
    fx_consistent_2021(&fx);
    fx.doc->ocr_pages = 1;
    fx_row(&fx, "t4", "review", "1 0 0 ? 2");
    fx_run(&fx, NB_RULES_ALL);
    assert_int_equal(fx_count(&fx, "EXTRACT-OCR-DOUBT"), 0);
    assert_int_equal(fx_count(&fx, "EXTRACT-UNCERTAIN"), 1);
    fx_close(&fx);
}

/* A 3 x 2 image whose pixels are numbered, turned a quarter at a time: the corners land where a
 * page turned clockwise puts them, and a whole turn gives the image back. */
static void quarter_turns_move_corners(void **state)
{
    (void)state;
    ocr_gray g = blank_image(3, 2);
    for (int i = 0; i < 6; i++) g.p[i] = (uint8_t)i;   /* row 0: 0 1 2, row 1: 3 4 5 */
    ocr_turn_quarter(&g, 90);
    assert_int_equal(g.w, 2);
    assert_int_equal(g.h, 3);
    const uint8_t cw[] = {3, 0, 4, 1, 5, 2};          /* the left column, bottom up, is the top row */
    assert_memory_equal(g.p, cw, 6);
    ocr_turn_quarter(&g, 180);
    const uint8_t ccw[] = {2, 5, 1, 4, 0, 3};
    assert_memory_equal(g.p, ccw, 6);
    ocr_turn_quarter(&g, 270);                         /* 540 in all: upside down */
    assert_int_equal(g.w, 3);
    const uint8_t down[] = {5, 4, 3, 2, 1, 0};
    assert_memory_equal(g.p, down, 6);
    ocr_turn_quarter(&g, 180);
    const uint8_t up[] = {0, 1, 2, 3, 4, 5};
    assert_memory_equal(g.p, up, 6);
    ocr_turn_quarter(&g, 45);                          /* not a quarter: left as it is */
    assert_memory_equal(g.p, up, 6);
    free(g.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grid_cells_are_found_and_rules_wiped),
        cmocka_unit_test(short_strokes_are_no_rules),
        cmocka_unit_test(skew_is_measured_and_undone),
        cmocka_unit_test(quarter_turns_move_corners),
        cmocka_unit_test(left_out_ink_is_found),
        cmocka_unit_test(specks_are_wiped_points_stay),
        cmocka_unit_test(paper_is_whitened_ink_stays),
        cmocka_unit_test(crops_scale_and_pad),
        cmocka_unit_test(low_confidence_digit_leaves_its_cell_uncertain),
        cmocka_unit_test(confidence_at_the_threshold_is_certain),
        cmocka_unit_test(extract_ocr_doubt_fires),
        cmocka_unit_test(extract_ocr_doubt_silent_when_the_reading_adds_up),
        cmocka_unit_test(confident_digits_that_fail_stay_a_sum_error),
        cmocka_unit_test(other_doubts_are_not_ocr_doubts),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
