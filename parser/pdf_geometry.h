/*
 * parser/pdf_geometry.h — the page geometry of a PDF's characters that line building rests on:
 * which way the text runs (upright, or turned a quarter either way), turning a page's characters
 * upright, and glyph boxes brought down to the height of a line of text.
 *
 * Producers disagree on glyph boxes: poppler gives each character the font's ascent + descent,
 * which is about 1.0 em for AR PL fonts, 1.45 em for Noto CJK drawn by cairo or LibreOffice, and
 * 2.6 em for Noto CJK that Chromium (Skia) embeds as Type 3 fonts. At an ordinary line pitch
 * (1.2–1.5 em) those boxes overlap the next line, so nothing here decides anything from a box's
 * height or aspect: the direction comes from the step between consecutive characters of one word
 * in poppler's text order (its advance), and box heights are capped from the em, which the width
 * of full-width (CJK) characters tells.
 */
#ifndef NB_PDF_GEOMETRY_H
#define NB_PDF_GEOMETRY_H

#include <stddef.h>
#include <stdint.h>

typedef struct nb_glyph {
    uint32_t cp;
    uint32_t ord;           /* position in poppler's reading order */
    float x0, y0, x1, y1;   /* the box (page points, y down) */
    float sh;               /* the height that spacing between words is judged against */
    uint8_t joined;         /* poppler put it right after the previous glyph in one word */
} nb_glyph;

typedef enum nb_text_dir {
    NB_DIR_UPRIGHT = 0,     /* text runs left to right */
    NB_DIR_DOWN,            /* runs down the page: the page's content was turned clockwise */
    NB_DIR_UP,              /* runs up the page: turned anticlockwise */
} nb_text_dir;

/* Which way the page's text runs, by a vote of the steps between joined glyphs (g in poppler's
 * order). Fewer than a handful of steps, or no clear majority along y, is upright. The counts of
 * steps along x and along y are stored in *along_x / *along_y when not NULL. */
nb_text_dir nb_pdf_text_direction(const nb_glyph *g, size_t n, size_t *along_x, size_t *along_y);

/* Do the steps say that much of the page runs each way (a quarter of them or more, and enough of
 * them)? Then no reading of the page is sure. */
int nb_pdf_direction_mixed(size_t along_x, size_t along_y);

/* Turn the glyphs of a page of width x height so that text running dir reads left to right; the
 * page as read is then height x width. */
void nb_pdf_turn_upright(nb_glyph *g, size_t n, nb_text_dir dir, float width, float height);

/* The em of each glyph, from the median width of the full-width characters drawn with the same box
 * height (the same font and size), and the boxes shrunk about their centre to at most
 * NB_PDF_LINE_EM em; sh keeps the height spacing is measured against, at most 1.45 em. */
#define NB_PDF_LINE_EM 1.2f
void nb_pdf_settle_heights(nb_glyph *g, size_t n);

/* A character drawn one em wide: Han, kana, hangul, full-width forms and CJK punctuation. */
int nb_pdf_full_width(uint32_t cp);

#endif
