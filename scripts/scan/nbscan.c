/*
 * scripts/scan/nbscan.c — build/nbscan: make a clean page render look scanned, for the OCR tests
 * and `make eval-ocr` (scripts/make-scans drives it: pdftoppm renders, nbscan degrades, img2pdf
 * wraps the pages as an image-only PDF).
 *
 *   nbscan [--skew DEG] [--noise SIGMA] [--specks PER_MILLION] [--stamp] [--jpeg QUALITY]
 *          [--seed N] IN.png OUT
 *
 * In order: a red seal over the signature (the lowest ink right of the page's middle, which the
 * template puts under the report: agency and date), multiplied into the ink as a stamp is; the page
 * turned by DEG about its centre (a sheet fed askew); grey noise of SIGMA levels and dark specks
 * (dust, toner); then OUT written as a JPEG of QUALITY (block artefacts) or, without --jpeg, as a
 * PNG. Same arguments, same bytes.
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>    /* after stdio.h: it uses FILE and size_t without including them */

typedef struct img {
    int w, h;
    uint8_t *rgb;   /* w * h * 3 */
} img;

static uint64_t rng_state = 88172645463325252ull;

static double uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / (double)(1ull << 53);
}

static double gaussian(void)
{
    double u = uniform(), v = uniform();
    if (u < 1e-12) u = 1e-12;
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static int load_png(const char *path, img *im)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return -1;
    cairo_surface_flush(s);
    im->w = cairo_image_surface_get_width(s);
    im->h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t f = cairo_image_surface_get_format(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    im->rgb = malloc((size_t)im->w * (size_t)im->h * 3);
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++) {
            uint8_t *o = im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
            if (f == CAIRO_FORMAT_A8) {
                o[0] = o[1] = o[2] = (uint8_t)(255 - d[(size_t)y * (size_t)stride + (size_t)x]);
                continue;
            }
            uint32_t px = *(const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride + (size_t)x * 4);
            int a = f == CAIRO_FORMAT_ARGB32 ? (int)(px >> 24) : 255;
            o[0] = (uint8_t)((px >> 16 & 255) + 255 - a);
            o[1] = (uint8_t)((px >> 8 & 255) + 255 - a);
            o[2] = (uint8_t)((px & 255) + 255 - a);
        }
    cairo_surface_destroy(s);
    return 0;
}

static int is_ink(const img *im, int x, int y)
{
    const uint8_t *p = im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
    return p[0] + p[1] + p[2] < 3 * 128;
}

/* Multiply a red seal into the image at (cx, cy), radius r: a ring, a star, an arc of marks. */
static void stamp_at(img *im, double cx, double cy, double r)
{
    const double red[3] = {0.86, 0.12, 0.12};
    double ring = r * 0.07;
    for (int y = (int)(cy - r - 2); y <= (int)(cy + r + 2); y++)
        for (int x = (int)(cx - r - 2); x <= (int)(cx + r + 2); x++) {
            if (x < 0 || y < 0 || x >= im->w || y >= im->h) continue;
            double dx = x - cx, dy = y - cy, d = sqrt(dx * dx + dy * dy);
            int on = d <= r && d >= r - ring;
            /* a five-pointed star in the middle */
            double ang = atan2(dy, dx) + M_PI / 2, rs = r * 0.28;
            double k = fmod(ang * 5 / (2 * M_PI) + 10.5, 1.0);       /* 0.5 at a point */
            double edge = rs * (0.38 + 0.62 * (1 - fabs(k - 0.5) * 2));
            if (d <= edge) on = 1;
            /* the agency's name around the upper arc: a row of blocky marks */
            if (d < r - ring * 2 && d > r - ring * 5 && dy < r * 0.3) {
                double t = atan2(dy, dx) * 18 / M_PI;
                if (fmod(t + 100, 1.0) < 0.6 && fmod(d, ring) < ring * 0.7) on = 1;
            }
            if (!on || uniform() < 0.08) continue;          /* ink misses the paper here and there */
            uint8_t *p = im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
            for (int c = 0; c < 3; c++) p[c] = (uint8_t)(p[c] * red[c]);
        }
}

/* The seal goes over the signature: the lowest block of ink in the right half of the page (the
 * page number below it is centred). */
static void stamp(img *im)
{
    int bottom = -1;
    for (int y = im->h - 1; y >= 0 && bottom < 0; y--)
        for (int x = im->w * 6 / 10; x < im->w; x++)
            if (is_ink(im, x, y)) {
                bottom = y;
                break;
            }
    if (bottom < 0) return;
    int band = im->h / 12, x0 = im->w, x1 = -1;
    for (int y = bottom - band; y <= bottom; y++)
        for (int x = im->w / 2; x < im->w; x++)
            if (y >= 0 && is_ink(im, x, y)) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
            }
    if (x1 < 0) return;
    double r = im->w * 0.085;          /* a 4 cm seal on an A4 page */
    stamp_at(im, (x0 + x1) / 2.0, bottom - band / 3.0, r);
}

static void rotate(img *im, double deg)
{
    if (deg == 0) return;
    double a = deg * M_PI / 180, c = cos(a), s = sin(a), cx = im->w / 2.0, cy = im->h / 2.0;
    uint8_t *out = malloc((size_t)im->w * (size_t)im->h * 3);
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++) {
            double dx = x - cx, dy = y - cy;
            double sx = cx + dx * c + dy * s, sy = cy - dx * s + dy * c;
            int ix = (int)floor(sx), iy = (int)floor(sy);
            uint8_t *o = out + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
            if (ix < 0 || iy < 0 || ix + 1 >= im->w || iy + 1 >= im->h) {
                o[0] = o[1] = o[2] = 255;
                continue;
            }
            double fx = sx - ix, fy = sy - iy;
            for (int k = 0; k < 3; k++) {
                const uint8_t *p = im->rgb + ((size_t)iy * (size_t)im->w + (size_t)ix) * 3 + k;
                size_t row = (size_t)im->w * 3;
                double v = (p[0] * (1 - fx) + p[3] * fx) * (1 - fy) + (p[row] * (1 - fx) + p[row + 3] * fx) * fy;
                o[k] = (uint8_t)(v + 0.5);
            }
        }
    free(im->rgb);
    im->rgb = out;
}

static void noise(img *im, double sigma, double specks)
{
    size_t n = (size_t)im->w * (size_t)im->h;
    if (sigma > 0)
        for (size_t i = 0; i < n; i++) {
            double g = gaussian() * sigma;
            for (int k = 0; k < 3; k++) {
                double v = im->rgb[i * 3 + k] + g;
                im->rgb[i * 3 + k] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    /* specks: small dark dots of one to three pixels */
    size_t count = (size_t)(specks * (double)n / 1e6);
    for (size_t i = 0; i < count; i++) {
        int x = (int)(uniform() * im->w), y = (int)(uniform() * im->h), r = 1 + (int)(uniform() * 2);
        for (int dy = 0; dy < r; dy++)
            for (int dx = 0; dx < r; dx++)
                if (x + dx < im->w && y + dy < im->h)
                    memset(im->rgb + ((size_t)(y + dy) * (size_t)im->w + (size_t)(x + dx)) * 3, 40, 3);
    }
}

static int write_jpeg(const img *im, const char *path, int quality, int dpi)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)im->w;
    c.image_height = (JDIMENSION)im->h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    c.density_unit = 1;                   /* dots per inch: img2pdf sizes the page from it */
    c.X_density = c.Y_density = (UINT16)dpi;
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = im->rgb + (size_t)c.next_scanline * (size_t)im->w * 3;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return fclose(f);
}

static int write_png(const img *im, const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, im->w, im->h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < im->h; y++)
        for (int x = 0; x < im->w; x++) {
            const uint8_t *p = im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
            *(uint32_t *)(void *)(d + (size_t)y * (size_t)stride + (size_t)x * 4) =
                0xff000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        }
    cairo_surface_mark_dirty(s);
    cairo_status_t st = cairo_surface_write_to_png(s, path);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int main(int argc, char **argv)
{
    double skew = 0, sigma = 0, specks = 0;
    int quality = 0, do_stamp = 0, dpi = 300;
    const char *in = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--skew") && i + 1 < argc) skew = atof(argv[++i]);
        else if (!strcmp(a, "--noise") && i + 1 < argc) sigma = atof(argv[++i]);
        else if (!strcmp(a, "--specks") && i + 1 < argc) specks = atof(argv[++i]);
        else if (!strcmp(a, "--jpeg") && i + 1 < argc) quality = atoi(argv[++i]);
        else if (!strcmp(a, "--dpi") && i + 1 < argc) dpi = atoi(argv[++i]);
        else if (!strcmp(a, "--seed") && i + 1 < argc) rng_state ^= (uint64_t)strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ull;
        else if (!strcmp(a, "--stamp")) do_stamp = 1;
        else if (!in) in = a;
        else if (!out) out = a;
        else in = NULL;
    }
    if (!in || !out) {
        fprintf(stderr, "usage: nbscan [--skew DEG] [--noise SIGMA] [--specks N] [--stamp] [--jpeg Q] [--dpi N] [--seed N] IN.png OUT\n");
        return 2;
    }
    img im;
    if (load_png(in, &im) != 0) {
        fprintf(stderr, "nbscan: %s: not a PNG\n", in);
        return 1;
    }
    if (do_stamp) stamp(&im);
    rotate(&im, skew);
    noise(&im, sigma, specks);
    int rc = quality > 0 ? write_jpeg(&im, out, quality, dpi) : write_png(&im, out);
    free(im.rgb);
    if (rc != 0) {
        fprintf(stderr, "nbscan: %s: cannot write\n", out);
        return 1;
    }
    return 0;
}
