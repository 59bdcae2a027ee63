/*
 * tests/test_ingest.c — the document model from real reports and from bad input.
 *
 * Real reports (skipped when ../shared/corpus is absent): the seed's six sections, agency, year and
 * signed date; both real PDFs' titles, sections and the line of table 3 that holds
 * 一、本年新收政府信息公开申请数量 with its seven numbers at increasing x; a GBK copy of a text
 * report reads exactly like the UTF-8 one. Bad input: each kind gives its one error code.
 */
#include <iconv.h>

#include "testutil.h"
#include "pdfmini.h"

#include "../parser/ingest.h"
#include "../parser/pattern.h"
#include "../parser/report.h"

static nb_doc *ingest_mem(const char *name, const void *data, size_t n)
{
    return nb_ingest_bytes(name, data, n, NULL);
}

static void check_sections_all_found(const nb_report *r)
{
    for (int k = 0; k < NB_NSECTIONS; k++) {
        if (!r->sec[k].found) fail_msg("section %d (%s) not found", k + 1, nb_section_name(k));
        if (k > 0) assert_true(r->sec[k].head > r->sec[k - 1].head);
    }
}

static void check_signature(const nb_report *r, int y, int m, int d, const char *by)
{
    assert_true(r->id.signed_on.found);
    assert_int_equal(r->id.signed_on.y, y);
    assert_int_equal(r->id.signed_on.m, m);
    assert_int_equal(r->id.signed_on.d, d);
    assert_string_equal(r->id.signed_by, by);
}

static void seed_identity(void **state)
{
    (void)state;
    const char *path = nb_test_corpus("seed/zhaoyuan-gxj-2023.txt");
    NB_NEED_FILE(path);
    nb_doc *d = nb_ingest(path, NULL);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_TEXT);
    nb_report r;
    nb_report_init(&r, d);
    check_sections_all_found(&r);
    assert_string_equal(r.sec[3].heading, "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况");
    assert_string_equal(r.id.agency, "招远市工业和信息化局");
    assert_int_equal(r.id.year, 2023);
    check_signature(&r, 2023, 1, 24, "招远市工业和信息化局");
    nb_doc_free(d);
}

/* Find the line whose normalised text starts with the label; return its index or -1. */
static int find_line(const nb_doc *d, const char *label)
{
    for (uint32_t i = 0; i < d->nlines; i++)
        if (strstr(d->lines[i].norm.text, label)) return (int)i;
    return -1;
}

static void check_new_row(const nb_doc *d, const char *expect[7])
{
    int li = find_line(d, "一、本年新收政府信息公开申请数量");
    assert_true(li >= 0);
    const nb_line *l = &d->lines[li];
    /* the label is one word, then seven numbers left to right */
    assert_int_equal(l->nwords, 8);
    float prev = -1;
    for (int k = 0; k < 7; k++) {
        const nb_word *w = &d->words[l->first_word + 1 + k];
        char buf[32];
        snprintf(buf, sizeof buf, "%.*s", (int)w->len, nb_word_text(d, w));
        assert_string_equal(buf, expect[k]);
        assert_true(w->box.x0 > prev);
        prev = w->box.x1;
    }
    assert_int_equal(l->page, 3);
}

static void pdf_hongze(const char *file, const char *agency, int year, const char *expect[7])
{
    const char *path = nb_test_corpus(file);
    NB_NEED_FILE(path);
    nb_doc *d = nb_ingest(path, NULL);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->kind, NB_KIND_PDF);
    assert_int_equal(d->npages, 5);
    nb_report r;
    nb_report_init(&r, d);
    check_sections_all_found(&r);
    assert_string_equal(r.id.agency, agency);
    assert_int_equal(r.id.year, year);
    check_new_row(d, expect);
    /* the page number -3- in the middle of table 3 is furniture, not a cell */
    int pn = find_line(d, "-3-");
    assert_true(pn >= 0);
    assert_true(d->lines[pn].flags & NB_LINE_FURNITURE);
    nb_doc_free(d);
}

static void pdf_hongze_2023(void **state)
{
    (void)state;
    const char *v[7] = {"21", "0", "0", "0", "0", "0", "21"};
    pdf_hongze("real/2023_huaian_hongze_district_gov.pdf", "洪泽区人民政府", 2023, v);
}

static void pdf_hongze_2024(void **state)
{
    (void)state;
    const char *v[7] = {"95", "0", "0", "0", "0", "0", "95"};
    pdf_hongze("real/2024_huaian_hongze_district_gov.pdf", "淮安市洪泽区人民政府", 2024, v);
}

static char *to_gbk(const char *utf8, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 2 + 16, left = cap, in_left = n;
    char *out = malloc(cap), *op = out, *ip = (char *)utf8;
    assert_true(iconv(cd, &ip, &in_left, &op, &left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

static void gbk_reads_like_utf8(void **state)
{
    (void)state;
    const char *path = nb_test_corpus("seed/zhaoyuan-gxj-2023.txt");
    NB_NEED_FILE(path);
    size_t n = 0, gn = 0;
    char *u = nb_test_slurp(path, &n);
    char *g = to_gbk(u, n, &gn);
    assert_true(gn != n);                      /* really re-encoded */
    nb_doc *a = ingest_mem("seed.txt", u, n), *b = ingest_mem("seed-gbk.txt", g, gn);
    assert_string_equal(b->meta.encoding, "GB18030");
    assert_int_equal(a->nlines, b->nlines);
    assert_int_equal(a->nwords, b->nwords);
    for (uint32_t i = 0; i < a->nlines; i++) {
        assert_string_equal(a->lines[i].raw, b->lines[i].raw);
        assert_string_equal(a->lines[i].norm.text, b->lines[i].norm.text);
    }
    nb_report ra, rb;
    nb_report_init(&ra, a);
    nb_report_init(&rb, b);
    for (int k = 0; k < NB_NSECTIONS; k++) assert_int_equal(ra.sec[k].head, rb.sec[k].head);
    assert_string_equal(ra.id.agency, rb.id.agency);
    assert_int_equal(rb.id.signed_on.d, 24);
    nb_doc_free(a);
    nb_doc_free(b);
    free(u);
    free(g);
}

static void utf16_with_bom(void **state)
{
    (void)state;
    const char *text = "招远市工业和信息化局 2023 年政府信息公开工作年度报告\n一、总体情况\n";
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    char out[1024] = {(char)0xFF, (char)0xFE}, *op = out + 2, *ip = (char *)text;
    size_t left = sizeof out - 2, in_left = strlen(text);
    assert_true(iconv(cd, &ip, &in_left, &op, &left) != (size_t)-1);
    iconv_close(cd);
    nb_doc *d = ingest_mem("u16.txt", out, (size_t)(op - out));
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_string_equal(d->meta.encoding, "UTF-16LE");
    assert_string_equal(d->lines[0].raw, "招远市工业和信息化局 2023 年政府信息公开工作年度报告");
    nb_doc_free(d);
}

static void expect_error(const char *name, const void *data, size_t n, nb_error err)
{
    nb_doc *d = ingest_mem(name, data, n);
    if (d->status != NB_STATUS_ERROR || d->err != err)
        fail_msg("%s: status %s err %s, expected error %s", name, nb_status_name(d->status),
                 nb_error_code(d->err), nb_error_code(err));
    assert_int_equal(d->nlines, 0);
    nb_doc_free(d);
}

static void bad_empty(void **state)
{
    (void)state;
    expect_error("empty.pdf", "", 0, NB_ERR_EMPTY);
}

static void bad_binary_named_pdf(void **state)
{
    (void)state;
    unsigned char noise[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    expect_error("noise.pdf", noise, sizeof noise, NB_ERR_UNKNOWN_FORMAT);
}

static void bad_truncated_pdf(void **state)
{
    (void)state;
    const char *path = nb_test_corpus("real/2023_huaian_hongze_district_gov.pdf");
    NB_NEED_FILE(path);
    size_t n;
    char *b = nb_test_slurp(path, &n);
    /* cut inside the body: poppler finds no catalogue to repair from */
    expect_error("cut.pdf", b, 1000, NB_ERR_PDF_DAMAGED);
    expect_error("header-only.pdf", b, 9, NB_ERR_PDF_DAMAGED);
    free(b);
}

static void bad_encrypted_pdf(void **state)
{
    (void)state;
    const char *rel = "real/2024_huaian_hongze_district_gov.pdf";
    const char *out = nb_test_qpdf(rel, "--encrypt secret owner 256 --", "enc-user.pdf");
    nb_doc *d = nb_ingest(out, NULL);
    assert_int_equal(d->status, NB_STATUS_ERROR);
    assert_int_equal(d->err, NB_ERR_PDF_ENCRYPTED);
    nb_doc_free(d);
    unlink(out);
    /* owner password only: readable, and read like the original */
    out = nb_test_qpdf(rel, "--encrypt '' owner 256 --", "enc-owner.pdf");
    d = nb_ingest(out, NULL);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_true(find_line(d, "一、本年新收政府信息公开申请数量") >= 0);
    nb_doc_free(d);
    unlink(out);
}

static void bad_scanned_pdf(void **state)
{
    (void)state;
    size_t n;
    char *pdf = nb_pdfmini("0.5 g 72 72 400 600 re f", &n);
    nb_doc *d = ingest_mem("scan.pdf", pdf, n);
    assert_int_equal(d->kind, NB_KIND_PDF);
    assert_int_equal(d->status, NB_STATUS_NO_TEXT_LAYER);
    assert_int_equal(d->npages, 1);
    assert_int_equal(d->pages_without_text, 1);
    nb_doc_free(d);
    free(pdf);
}

/* A printed web page ends with the site's footer after the signature: it is chrome, and the
 * signature before it is found (chromium prints with the chrome tag lost it). */
static void signature_before_site_footer(void **state)
{
    (void)state;
    const char *text = "石家庄市财政局2020年政府信息公开工作年度报告\n"
                       "六、其他需要报告的事项\n本年度我局未收取信息处理费，无其他需要报告的事项。\n"
                       "石家庄市财政局\n2021年5月2日\n主办单位：政府办公室　版权所有\n京ICP备05012345号\n";
    nb_doc *d = ingest_mem("footer.txt", text, strlen(text));
    nb_report r;
    nb_report_init(&r, d);
    check_signature(&r, 2021, 5, 2, "石家庄市财政局");
    nb_doc_free(d);
}

static void text_pdf_minimal(void **state)
{
    (void)state;
    size_t n;
    char *pdf = nb_pdfmini("BT /F1 12 Tf 72 700 Td (Hello 2023) Tj ET", &n);
    nb_doc *d = ingest_mem("hello.pdf", pdf, n);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->nlines, 1);
    assert_string_equal(d->lines[0].raw, "Hello 2023");
    assert_int_equal(d->lines[0].nwords, 2);
    nb_doc_free(d);
    free(pdf);
}

static void invalid_utf8_kept(void **state)
{
    (void)state;
    const char text[] = "一、总体情况\n本年度共收到申请\xff\xfe 5 件。\n二、主动公开政府信息情况\n";
    nb_doc *d = ingest_mem("bad.txt", text, sizeof text - 1);
    assert_int_equal(d->status, NB_STATUS_OK);
    assert_int_equal(d->invalid_bytes, 2);
    assert_int_equal(d->nlines, 3);
    assert_string_equal(d->lines[1].norm.text, "本年度共收到申请 5 件。");
    nb_doc_free(d);
}

static void open_errors(void **state)
{
    (void)state;
    nb_doc *d = nb_ingest("/nonexistent/nianbao/report.pdf", NULL);
    assert_int_equal(d->err, NB_ERR_OPEN);
    nb_doc_free(d);
    d = nb_ingest(nb_test_tmpdir(), NULL);
    assert_int_equal(d->err, NB_ERR_IS_DIR);
    nb_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_identity),
        cmocka_unit_test(pdf_hongze_2023),
        cmocka_unit_test(pdf_hongze_2024),
        cmocka_unit_test(gbk_reads_like_utf8),
        cmocka_unit_test(utf16_with_bom),
        cmocka_unit_test(bad_empty),
        cmocka_unit_test(bad_binary_named_pdf),
        cmocka_unit_test(bad_truncated_pdf),
        cmocka_unit_test(bad_encrypted_pdf),
        cmocka_unit_test(bad_scanned_pdf),
        cmocka_unit_test(signature_before_site_footer),
        cmocka_unit_test(text_pdf_minimal),
        cmocka_unit_test(invalid_utf8_kept),
        cmocka_unit_test(open_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    nb_re_free_all();
    return rc;
}
