/*
 * parser/ocr_image.h — the page image OCR works on, and what ocr_cells.c finds in it (shared by
 * ocr.c and ocr_cells.c; not a public interface: the PDF ingester calls ocr.h).
 *
 * A page is one 8-bit grey image (0 black, 255 white) at a known resolution. ocr_cells.c measures
 * its skew and turns it upright, finds the ruling lines of its tables, wipes them (they confuse the
 * recogniser's layout analysis and touch the digits) and builds the grid of cells between them, so
 * that each cell can be read on its own.
 */
#ifndef NB_OCR_IMAGE_H
#define NB_OCR_IMAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ocr_gray {
    int      w, h;
    uint8_t *p;          /* w * h bytes, row-major, malloc'd */
} ocr_gray;

/* A cell of a ruled table: its inside (ruling lines excluded), in pixels. */
typedef struct ocr_cell {
    int x0, y0, x1, y1;
    int ink;             /* dark pixels inside, after the rules are wiped */
} ocr_cell;

typedef struct ocr_cells {
    ocr_cell *c;
    size_t    n, cap;
} ocr_cells;

/* A pixel counts as ink below this grey level. */
enum { OCR_INK = 150 };

/* The page's skew in degrees (text lines rising to the right are positive), from the projection
 * profile of the ink; 0 when the page holds too little ink to tell. Searches -max_deg..max_deg. */
double ocr_measure_skew(const ocr_gray *g, double max_deg);

/* Rotate the image by -deg about its centre (bilinear, white brought in): a page measured at deg
 * comes out upright. */
void ocr_rotate(ocr_gray *g, double deg);

/* Turn the image clockwise by deg (90, 180 or 270; anything else leaves it): a page lying turned
 * 360 - deg clockwise comes out upright. Width and height swap for 90 and 270. */
void ocr_turn_quarter(ocr_gray *g, int deg);

/* Find horizontal and vertical ruling lines at least min_len pixels long, wipe them to white, and
 * append the cells of the grids they form to out. Returns the number of cells. */
size_t ocr_find_cells(ocr_gray *g, int min_len, ocr_cells *out);

/* Groups of ink that none of boxes[0..nboxes) covers — what the recogniser's layout analysis left
 * out (a column of lone digits far from the text, taken for noise) — appended to out: those from
 * min_h to max_h pixels high with at least min_ink dark pixels. Returns how many. */
size_t ocr_uncovered(const ocr_gray *g, const ocr_cell *boxes, size_t nboxes, int min_h, int max_h, int min_ink,
                     ocr_cells *out);

/* Wipe specks: groups of ink (8-connected) of at most max_px pixels — dust and toner, smaller
 * than a decimal point. Returns how many. */
size_t ocr_despeckle(ocr_gray *g, int max_px);

/* Turn the paper white: the paper's grey level (the commonest light one) and the grain of noise
 * about it (the deviation below it that nine in ten of its pixels keep) are measured, and every
 * pixel within twice that grain of the paper set to 255, the ink left as it is. Tesseract's line
 * recogniser reads the grey image, not a thresholded one: a clear 0 on a grainy ground (a
 * scanner's noise) comes back from the digits reader as nothing. A clean page (paper 255, no
 * grain) is left as it is. Returns the level from which pixels were whitened (255: none). */
uint8_t ocr_whiten(ocr_gray *g);

/* The rectangle [x0, x1) x [y0, y1) of g (clipped to it) scaled by s (0 < s <= 1, each output
 * pixel the mean of the input area it covers), with margin white pixels added on every side, into
 * out (malloc'd; out->p NULL when the rectangle is empty). Large print is read again at a smaller
 * scale (Tesseract misreads a bold title face 90 pixels high, 报告 as 报后, that it reads right at
 * half that); a number is read again on white, away from the strokes of the characters beside it. */
void ocr_crop(const ocr_gray *g, int x0, int y0, int x1, int y1, double s, int margin, ocr_gray *out);

/* Dark pixels in a rectangle. */
int ocr_ink(const ocr_gray *g, int x0, int y0, int x1, int y1);

#endif
