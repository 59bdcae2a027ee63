/*
 * report/hstr.h — text into HTML, attributes and JSON, appended to a glib GString.
 *
 * The writers of report/ build their page in GStrings; these are the only escapes they use, so
 * that no text from a report (an agency's name, a raw cell, a message) reaches the page unescaped.
 */
#ifndef NB_REPORT_HSTR_H
#define NB_REPORT_HSTR_H

#include <glib.h>
#include <stddef.h>

/* Text content or a quoted attribute value: & < > " ' escaped. */
void nb_h_text(GString *s, const char *p);
void nb_h_textn(GString *s, const char *p, size_t n);

/* A JSON string literal, safe inside a <script> element as well: '<' is written \u003c, so that no
 * "</script" or "<!--" can appear. */
void nb_h_json(GString *s, const char *p);

#endif
