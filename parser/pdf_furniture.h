/*
 * parser/pdf_furniture.h — running heads and feet of a PDF's pages (pdf_furniture.c).
 */
#ifndef NB_PDF_FURNITURE_H
#define NB_PDF_FURNITURE_H

#include "doc.h"

/* Mark the running heads and feet among the lines built so far (the document is not finished):
 * NB_LINE_FURNITURE. Called by the PDF ingester once every page is read. */
void nb_pdf_mark_running_heads(nb_doc *d);

#endif
