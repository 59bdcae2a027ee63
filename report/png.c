/*
 * report/png.c — indexed-colour PNG for the evidence images (see png.h).
 *
 * Each pixel goes to its nearest palette colour through a table indexed by the colour's top five
 * bits a channel (built once), so an image costs a lookup a pixel. Rows are written with PNG
 * filter 0, as the format advises for palette images, and deflated by zlib at its best level.
 */
#include "png.h"

#include <string.h>
#include <zlib.h>

enum { GREYS = 32, CUBE = 5, NPAL = GREYS * 2 + 2 + CUBE * CUBE * CUBE };

static uint32_t palette[NPAL];
static uint8_t nearest[32 * 32 * 32];
static int ready;

/* greys, the greys multiplied by the band's yellow (1, 0.93, 0.55: evidence.c), the two outline
 * colours, a 5×5×5 cube */
static void build_palette(void)
{
    int n = 0;
    for (int i = 0; i < GREYS; i++) {
        unsigned g = (unsigned)(i * 255 / (GREYS - 1));
        palette[n++] = g << 16 | g << 8 | g;
    }
    for (int i = 0; i < GREYS; i++) {
        unsigned g = (unsigned)(i * 255 / (GREYS - 1));
        palette[n++] = g << 16 | (g * 93 / 100) << 8 | (g * 55 / 100);
    }
    palette[n++] = NB_PNG_RED;
    palette[n++] = NB_PNG_BLUE;
    for (int r = 0; r < CUBE; r++)
        for (int g = 0; g < CUBE; g++)
            for (int b = 0; b < CUBE; b++)
                palette[n++] = (unsigned)(r * 255 / (CUBE - 1)) << 16 | (unsigned)(g * 255 / (CUBE - 1)) << 8 |
                               (unsigned)(b * 255 / (CUBE - 1));
    for (int key = 0; key < 32 * 32 * 32; key++) {
        int r = (key >> 10) * 255 / 31, g = ((key >> 5) & 31) * 255 / 31, b = (key & 31) * 255 / 31;
        long best = -1;
        for (int i = 0; i < NPAL; i++) {
            int dr = r - (int)(palette[i] >> 16), dg = g - (int)((palette[i] >> 8) & 255), db = b - (int)(palette[i] & 255);
            long d = 3L * dr * dr + 4L * dg * dg + 2L * db * db;
            if (best < 0 || d < best) best = d, nearest[key] = (uint8_t)i;
        }
    }
    ready = 1;
}

static uint8_t index_of(uint32_t px)
{
    px &= 0xFFFFFF;
    /* the exact colours drawn keep their own entries, whatever the table's rounding */
    if (px == NB_PNG_RED) return (uint8_t)(2 * GREYS);
    if (px == NB_PNG_BLUE) return (uint8_t)(2 * GREYS + 1);
    return nearest[(px >> 19 & 31) << 10 | (px >> 11 & 31) << 5 | (px >> 3 & 31)];
}

static void put32(GByteArray *o, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    g_byte_array_append(o, b, 4);
}

static void chunk(GByteArray *o, const char type[4], const uint8_t *data, uint32_t n)
{
    put32(o, n);
    size_t at = o->len;
    g_byte_array_append(o, (const guint8 *)type, 4);
    if (n) g_byte_array_append(o, data, n);
    put32(o, (uint32_t)crc32(0L, o->data + at, (uInt)(n + 4)));
}

int nb_png_indexed(const unsigned char *data, int width, int height, int stride, GByteArray *out)
{
    if (!ready) build_palette();
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    g_byte_array_append(out, sig, 8);
    uint8_t ihdr[13] = {0};
    for (int i = 0; i < 4; i++) ihdr[i] = (uint8_t)((unsigned)width >> (24 - 8 * i)), ihdr[4 + i] = (uint8_t)((unsigned)height >> (24 - 8 * i));
    ihdr[8] = 8;        /* bit depth */
    ihdr[9] = 3;        /* indexed colour */
    chunk(out, "IHDR", ihdr, 13);
    uint8_t plte[NPAL * 3];
    for (int i = 0; i < NPAL; i++)
        plte[3 * i] = (uint8_t)(palette[i] >> 16), plte[3 * i + 1] = (uint8_t)(palette[i] >> 8), plte[3 * i + 2] = (uint8_t)palette[i];
    chunk(out, "PLTE", plte, NPAL * 3);
    size_t raw_n = (size_t)height * (size_t)(width + 1);
    uint8_t *raw = g_malloc(raw_n);
    for (int y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        uint8_t *o = raw + (size_t)y * (size_t)(width + 1);
        o[0] = 0;
        for (int x = 0; x < width; x++) o[1 + x] = index_of(row[x]);
    }
    uLongf zn = compressBound((uLong)raw_n);
    uint8_t *z = g_malloc(zn);
    int rc = compress2(z, &zn, raw, (uLong)raw_n, 9);
    if (rc == Z_OK) {
        chunk(out, "IDAT", z, (uint32_t)zn);
        chunk(out, "IEND", NULL, 0);
    }
    g_free(z);
    g_free(raw);
    return rc == Z_OK ? 0 : -1;
}
