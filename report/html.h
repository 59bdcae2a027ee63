/*
 * report/html.h — the HTML report: one self-contained page per run that people read.
 *
 * Summary (files read and failed, findings by severity and family, the agencies with the most
 * findings, late and missing reports, what is new and resolved with --state, plots), the findings
 * table (filtered and sorted in the page), one section per report (identity, deadline margin, its
 * findings with their evidence, its tables 2–4 as extracted), and the review (confirm / dismiss,
 * exported as a --waivers file). Styles, script, images and plots are inline: the page loads
 * nothing, and the same run gives the same bytes.
 */
#ifndef NB_REPORT_HTML_H
#define NB_REPORT_HTML_H

#include <glib.h>
#include <stddef.h>

#include "../rules/finding.h"
#include "load.h"
#include "state.h"

typedef struct nb_html_opts {
    int                  en;               /* the page's language (--lang) */
    size_t               evidence_budget;  /* bytes of PNG at most (0: no limit) */
    const nb_audit_opts *aopts;            /* deadlines and today, as the audit had them */
    const nb_state_view *state;            /* NULL without --state */
    int                  open_reports;     /* runs of at most this many reports have every report
                                            * section written open; larger ones open on demand */
    const char          *version;          /* nianbao's, shown in the header */
} nb_html_opts;

/* What the page holds, for the command's closing line and the benchmark. */
typedef struct nb_html_stats {
    size_t page_bytes, png_bytes;
    int    images, images_left_out, reports, findings;
} nb_html_stats;

/* Write the page for run to path (under a temporary name, renamed when complete). Returns 0, or -1
 * with *err (in run's arena) in the page's language. */
int nb_html_write(const nb_rundata *run, const nb_html_opts *o, const char *path, nb_html_stats *st,
                  const char **err);

/* The page as a string (the writer's body; tests use it). Caller frees with g_string_free. */
GString *nb_html_page(const nb_rundata *run, const nb_html_opts *o, nb_html_stats *st);

#endif
