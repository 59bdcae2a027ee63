/*
 * report/html_doc.h — one section per report of the page (html_doc.c), and the few helpers the
 * page's parts share. Internal to report/.
 */
#ifndef NB_REPORT_HTML_DOC_H
#define NB_REPORT_HTML_DOC_H

#include "evidence.h"
#include "html.h"

/* Every report's section, open or kept for on-demand display (o->open_reports). */
void nb_html_reports(GString *s, const nb_rundata *run, const nb_html_opts *o, const nb_evidence *ev);

/* "错误" / "error" for a severity. */
const char *nb_html_sev_word(const nb_html_opts *o, int sev);

/* Days from a report's deadline to its signed (else published) date; *ok = 0 when it has none.
 * The deadline's month and day, and which date was judged ("signed", "published"), when asked. */
int nb_html_margin(const nb_rdoc *d, const nb_html_opts *o, int *ok, int *dl_m, int *dl_d, const char **which);

/* A finding's place as the waivers file names it: table.row.col, empty parts left out. */
void nb_html_cell_code(GString *s, const nb_finding *f);

#endif
