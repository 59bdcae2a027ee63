/* parser/ingest_html.c — placeholder until the HTML ingester lands (issue 7): recognises nothing. */
#include "ingest.h"

static int sniff_html(const unsigned char *s, size_t n) { (void)s; (void)n; return 0; }
static int ingest_html(nb_doc *d, const unsigned char *data, size_t n, const struct nb_ingest_limits *lim)
{
    (void)data; (void)n; (void)lim;
    return nb_doc_fail(d, NB_ERR_UNKNOWN_FORMAT, "HTML");
}

const nb_ingester nb_ingest_html = {"html", NB_KIND_HTML, sniff_html, ingest_html};
