/*
 * report/evidence.h — what a finding is shown with: a picture of the page region of a PDF's table
 * with the involved cells outlined, or the source lines of a text, HTML or Word input with the cells
 * marked.
 *
 * PDF: one image per table region (document, table, page), shared by every finding on it. poppler
 * renders the region into a cairo image surface at NB_EVIDENCE_SCALE pixels per point; the row or
 * column of each sum is shaded, each involved cell outlined (red: the reported cell, blue: the
 * operands of the computed side), and the surface encoded as an indexed PNG (png.h). The rectangles drawn are kept
 * (nb_evmark) so that the page can overlay one finding's cells and a test can check them against
 * cells.csv. Boxes come from cells.csv alone, never from a second reading of the PDF.
 *
 * Text: the document is read again by the parser (its cells carry their line), and the lines of
 * the involved cells quoted, each cell's printed text marked; a long flattened line is cut to a
 * window around the marks.
 *
 * A file whose bytes no longer match the run's sha256 gives no evidence: a picture of another
 * document would be worse than none.
 */
#ifndef NB_REPORT_EVIDENCE_H
#define NB_REPORT_EVIDENCE_H

#include <stddef.h>

#include "focus.h"

#define NB_EVIDENCE_SCALE 2.0       /* pixels per PDF point: 144 dpi, table text readable on a phone */
#define NB_EVIDENCE_PAD   1.5       /* points between a cell's text box and its outline */

typedef struct nb_evmark {
    int   finding;                  /* index in nb_rundata.findings */
    int   cell;                     /* index in the document's cells */
    int   reported;                 /* 1: the finding's own cell; 0: an operand */
    int   px, py, pw, ph;           /* the outline drawn, in image pixels */
} nb_evmark;

typedef struct nb_evimage {
    int         doc;
    const char *table;
    int         page;
    float       rx0, ry0, rx1, ry1; /* the region, PDF points from the page's top left */
    double      scale;
    int         width, height;      /* pixels */
    int         rendered;           /* 0: left out (budget, unreadable file) */
    const char *why_not;            /* when not rendered, a reason code: budget, changed, unreadable */
    char       *png_base64;         /* in the arena; NULL when not rendered */
    size_t      png_bytes;
    nb_evmark  *marks;
    int         nmarks;
} nb_evimage;

typedef struct nb_evidence {
    nb_evimage *img;
    int         nimg;
    size_t      total_png;          /* bytes of PNG embedded */
    size_t      budget;             /* the limit it was made under */
    int         left_out;           /* regions not rendered for the budget */
} nb_evidence;

/* Plan and render the images of every PDF of the run, most severe regions first, until the PNG
 * bytes reach budget (0: no limit). Everything lives in run's arena. */
void nb_evidence_build(const nb_rundata *run, size_t budget, nb_evidence *ev);

/* The images a finding appears on (up to max), as indexes in ev->img. */
int nb_evidence_images_of(const nb_evidence *ev, int finding, int *out, int max);

/* Render one region of page `page` (1-based) of the PDF at path, checking its sha256 (NULL: no
 * check), with marks[] drawn (their px fields filled here from the cells' boxes). Fills the image's
 * size and PNG. Returns 0, or -1 with img->why_not set. Exposed for the tests. */
int nb_evidence_render(nb_arena *a, const char *path, const char *sha256, const nb_rdoc *d,
                       const nb_focus *const *foci, const int *finding_of_focus, int nfoci, nb_evimage *img);

/* A text-like input read again, for quoting its lines. NULL when the file cannot be read or its
 * bytes have changed since the run. */
typedef struct nb_evtext nb_evtext;
nb_evtext *nb_evtext_open(const nb_rdoc *d);
void nb_evtext_close(nb_evtext *t);

/* The source lines that hold the involved cells, as HTML with each cell's text in <mark> (class
 * "rep" for the reported cell, "op" for an operand), in the arena; NULL when no cell was found. */
const char *nb_evtext_quote(nb_evtext *t, nb_arena *a, const nb_rdoc *d, const nb_focus *fo);

#endif
