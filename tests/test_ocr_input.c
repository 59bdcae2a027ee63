/*
 * tests/test_ocr_input.c — odd and damaged page images through the OCR path, under ASan/UBSan (the
 * fuzzers run with OCR off): a one-page PDF whose page is one image, or text with an image under
 * it, with the image 1×1, declared gigantic, 1-bit, CMYK, a stencil mask, truncated, with a bad
 * bit depth or a zero width, or JPEG-filtered garbage. Each gives one clear outcome — read,
 * no_text_layer, or the note that its image is too large for OCR — never a crash or a runaway
 * allocation, and the batch's other outputs (the text layer) stand. Where Tesseract is not
 * installed the same inputs go through everything but the recogniser.
 */
#include "testutil.h"

#include "../parser/doc.h"
#include "../parser/ingest.h"
#include "../parser/ocr.h"
#include "pdfmini.h"

/* The page is the image: drawn over the whole A4 page. */
static const char whole_page[] = "q 595 0 0 842 0 0 cm /Im1 Do Q";
/* Text with the image under it, 450 × 300 points, over none of the text (the images drawn there
 * keep their aspect: poppler's image mapping misplaces a stretched one). */
static const char text_and_picture[] =
    "BT /F1 12 Tf 72 780 Td (Annual report on government information disclosure) Tj ET "
    "q 450 0 0 300 72 300 cm /Im1 Do Q "
    "BT /F1 12 Tf 72 200 Td (The end of the report) Tj ET";

static nb_doc *ingest_image(const char *content, const char *dict, const void *data, size_t dlen)
{
    size_t n;
    char *pdf = nb_pdfmini_image(content, dict, data, dlen, &n);
    nb_ingest_limits lim = {.ocr = NB_OCR_AUTO};
    nb_doc *d = nb_ingest_bytes("image.pdf", (const unsigned char *)pdf, n, &lim);
    free(pdf);
    return d;
}

/* A page image of w × h at bpc bits in ncomp components: bars of ink on white, as text lines are. */
static unsigned char *bars(int w, int h, int bpc, int ncomp, size_t *len)
{
    size_t row = ((size_t)w * (size_t)ncomp * (size_t)bpc + 7) / 8;
    unsigned char *p = malloc(row * (size_t)h);
    for (int y = 0; y < h; y++) {
        int ink = (y / 20) % 3 == 1;
        /* 1-bit and 8-bit grey: 0 is black; CMYK: the K component high */
        memset(p + row * (size_t)y, ncomp == 4 ? 0 : 0xff, row);
        if (!ink) continue;
        for (int x = w / 10; x < w - w / 10; x++) {
            if ((x / 12) % 2) continue;
            if (bpc == 1) p[row * (size_t)y + (size_t)x / 8] &= (unsigned char)~(0x80 >> (x % 8));
            else if (ncomp == 4) p[row * (size_t)y + (size_t)x * 4 + 3] = 0xff;
            else p[row * (size_t)y + (size_t)x] = 0;
        }
    }
    *len = row * (size_t)h;
    return p;
}

static int ocr_here(void) { return nb_ocr_unavailable() == NULL; }

/* Whatever the image, a page that is one image ends as a read page or as no text layer, never an
 * error of the file; a page with text keeps its text. */
static void settled(const nb_doc *d, int with_text)
{
    assert_int_not_equal(d->status, NB_STATUS_ERROR);
    assert_int_equal(d->npages, 1);
    if (with_text) {
        int found = 0;
        for (uint32_t i = 0; i < d->nlines; i++) found |= strstr(d->lines[i].raw, "The end of the report") != NULL;
        assert_true(found);
    }
}

static void tiny_image(void **state)
{
    (void)state;
    static const unsigned char px[1] = {0};
    nb_doc *d = ingest_image(whole_page, "/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", px, 1);
    settled(d, 0);
    if (ocr_here()) assert_int_equal(d->ocr_pages, 1);   /* looked at: one black page, no text */
    nb_doc_free(d);
    d = ingest_image(text_and_picture, "/Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", px, 1);
    settled(d, 1);
    nb_doc_free(d);
}

/* Declared 60000 × 60000 (3.6 billion pixels) with a few bytes of data: decoding it for OCR would
 * allocate gigabytes. It is not decoded: the note says why, the page stays without text. */
static void gigantic_image(void **state)
{
    (void)state;
    static const unsigned char px[64];
    nb_doc *d = ingest_image(whole_page, "/Width 60000 /Height 60000 /ColorSpace /DeviceGray /BitsPerComponent 8", px,
                             sizeof px);
    settled(d, 0);
    assert_int_equal(d->status, NB_STATUS_NO_TEXT_LAYER);
    assert_int_equal(d->ocr_pages, 0);
    assert_non_null(d->ocr_note);
    assert_non_null(strstr(d->ocr_note, "too large for OCR"));
    nb_doc_free(d);
    /* the text of a page with such a picture is still read */
    d = ingest_image(text_and_picture, "/Width 40000 /Height 40000 /ColorSpace /DeviceRGB /BitsPerComponent 8", px,
                     sizeof px);
    settled(d, 1);
    assert_int_equal(d->ocr_pages, 0);
    nb_doc_free(d);
}

static void one_bit_image(void **state)
{
    (void)state;
    size_t n;
    unsigned char *px = bars(1240, 1754, 1, 1, &n);    /* 150 dpi over A4 */
    nb_doc *d = ingest_image(whole_page, "/Width 1240 /Height 1754 /ColorSpace /DeviceGray /BitsPerComponent 1", px, n);
    settled(d, 0);
    if (ocr_here()) assert_int_equal(d->ocr_pages, 1);
    nb_doc_free(d);
    /* the same bits as a stencil mask, painted in the fill colour */
    d = ingest_image(whole_page, "/Width 1240 /Height 1754 /ImageMask true /BitsPerComponent 1", px, n);
    settled(d, 0);
    nb_doc_free(d);
    free(px);
    /* and as a picture on a page with text: read as a picture (it is large and holds no text) */
    px = bars(1240, 827, 1, 1, &n);
    d = ingest_image(text_and_picture, "/Width 1240 /Height 827 /ColorSpace /DeviceGray /BitsPerComponent 1", px, n);
    settled(d, 1);
    if (ocr_here()) {
        assert_int_equal(d->ocr_regions, 1);
        assert_int_equal(d->ocr_pages, 1);
    }
    nb_doc_free(d);
    free(px);
}

static void cmyk_image(void **state)
{
    (void)state;
    size_t n;
    unsigned char *px = bars(620, 877, 8, 4, &n);
    nb_doc *d = ingest_image(whole_page, "/Width 620 /Height 877 /ColorSpace /DeviceCMYK /BitsPerComponent 8", px, n);
    settled(d, 0);
    if (ocr_here()) assert_int_equal(d->ocr_pages, 1);
    nb_doc_free(d);
    free(px);
    px = bars(620, 413, 8, 4, &n);
    d = ingest_image(text_and_picture, "/Width 620 /Height 413 /ColorSpace /DeviceCMYK /BitsPerComponent 8", px, n);
    settled(d, 1);
    if (ocr_here()) assert_int_equal(d->ocr_regions, 1);
    nb_doc_free(d);
    free(px);
}

/* Damaged images: data cut short, a bit depth PDF has not, no width, JPEG that is not JPEG. */
static void damaged_images(void **state)
{
    (void)state;
    static const unsigned char few[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    static const char *const dicts[] = {
        "/Width 2480 /Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 8",     /* truncated */
        "/Width 2480 /Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 7",
        "/Width 0 /Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 8",
        "/Width -5 /Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 8",
        "/Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 8",
        "/Width 2480 /Height 3508 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode",
        "/Width 2480 /Height 3508 /ColorSpace /Nonsense /BitsPerComponent 8",
    };
    for (size_t i = 0; i < sizeof dicts / sizeof dicts[0]; i++) {
        nb_doc *d = ingest_image(whole_page, dicts[i], few, sizeof few);
        settled(d, 0);
        nb_doc_free(d);
        d = ingest_image(text_and_picture, dicts[i], few, sizeof few);
        settled(d, 1);
        nb_doc_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiny_image),
        cmocka_unit_test(gigantic_image),
        cmocka_unit_test(one_bit_image),
        cmocka_unit_test(cmyk_image),
        cmocka_unit_test(damaged_images),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
