/*
 * tests/fuzz/fuzz_ocr.c — libFuzzer target: the OCR path on odd page images. The other targets
 * run with OCR off; this one builds a one-page PDF around an image XObject made from the input and
 * reads it with OCR on (--ocr auto), so that poppler's decoding, the grey conversion, the
 * orientation, deskew, cell finding and recognition meet tiny, huge (declared; the ingester caps
 * what it decodes), 1-bit, CMYK, mask, indexed and filter-damaged images.
 *
 * Input: byte 0 the layout (bit 0: a picture under text on a text page, else the whole page is the
 * image; bit 1: width and height ×64, to reach the gigantic), byte 1 the colour space, byte 2 the
 * bit depth, byte 3 the filter, bytes 4-5 and 6-7 the width and height (big-endian), the rest the
 * image's stream.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../pdfmini.h"
#include "fuzz_common.h"

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (size < 8) return 0;
    static const char *const spaces[] = {"/ColorSpace /DeviceGray", "/ColorSpace /DeviceRGB", "/ColorSpace /DeviceCMYK",
                                         "/ImageMask true", "/ColorSpace [/Indexed /DeviceRGB 1 <000000ffffff>]",
                                         "/ColorSpace /CalGray", ""};
    static const int depths[] = {1, 2, 4, 8, 16, 7, 0};
    static const char *const filters[] = {"", "/Filter /FlateDecode", "/Filter /DCTDecode", "/Filter /CCITTFaxDecode",
                                          "/Filter /RunLengthDecode", "/Filter /LZWDecode", "/Filter /JBIG2Decode",
                                          "/Filter /JPXDecode"};
    long scale = data[0] & 2 ? 64 : 1;
    long w = ((long)data[4] << 8 | data[5]) * scale, h = ((long)data[6] << 8 | data[7]) * scale;
    char dict[256];
    snprintf(dict, sizeof dict, "/Width %ld /Height %ld %s /BitsPerComponent %d %s", w, h,
             spaces[data[1] % (sizeof spaces / sizeof spaces[0])], depths[data[2] % (sizeof depths / sizeof depths[0])],
             filters[data[3] % (sizeof filters / sizeof filters[0])]);
    const char *content = data[0] & 1 ? "BT /F1 12 Tf 72 780 Td (Annual report) Tj ET q 450 0 0 300 72 300 cm /Im1 Do Q "
                                        "BT /F1 12 Tf 72 200 Td (The end) Tj ET"
                                      : "q 595 0 0 842 0 0 cm /Im1 Do Q";
    size_t n;
    char *pdf = nb_pdfmini_image(content, dict, data + 8, size - 8, &n);
    static const nb_ingest_limits limits = {.max_pages = 2000, .ocr = NB_OCR_AUTO};
    nb_fuzz_one_within("fuzz.pdf", (const uint8_t *)pdf, n, &limits);
    free(pdf);
    return 0;
}
