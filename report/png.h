/*
 * report/png.h — a rendered page region as a small PNG: 8-bit indexed colour.
 *
 * Evidence images are page text (black on white, anti-aliased), the yellow of a shaded sum and two
 * outline colours. cairo writes 24-bit PNG only, three bytes a pixel before deflate; a palette of
 * greys, the same greys under the band's yellow, the outline colours and a coarse colour cube (for
 * a seal or a coloured heading) keeps every one of those, at a third of the size or less.
 */
#ifndef NB_REPORT_PNG_H
#define NB_REPORT_PNG_H

#include <glib.h>
#include <stdint.h>

/* Encode a cairo RGB24/ARGB32 image (pixels as 0x00RRGGBB in native 32-bit words, stride in bytes)
 * as an indexed PNG appended to out. Returns 0, or -1 when deflate fails. */
int nb_png_indexed(const unsigned char *data, int width, int height, int stride, GByteArray *out);

/* The palette colour an exact outline colour maps to is itself: these are in the palette. */
#define NB_PNG_RED  0xDB1414u
#define NB_PNG_BLUE 0x1959E6u

#endif
