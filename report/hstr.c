/*
 * report/hstr.c — the escapes of report/ (see hstr.h).
 */
#include "hstr.h"

#include <string.h>

void nb_h_textn(GString *s, const char *p, size_t n)
{
    const char *run = p, *end = p + n;
    for (; p < end; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        g_string_append_len(s, run, p - run);
        g_string_append(s, rep);
        run = p + 1;
    }
    g_string_append_len(s, run, end - run);
}

void nb_h_text(GString *s, const char *p)
{
    if (p) nb_h_textn(s, p, strlen(p));
}

void nb_h_json(GString *s, const char *p)
{
    g_string_append_c(s, '"');
    const char *run = p ? p : "";
    for (const char *q = run; *q; q++) {
        unsigned char c = (unsigned char)*q;
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') continue;
        g_string_append_len(s, run, q - run);
        switch (c) {
        case '"': g_string_append(s, "\\\""); break;
        case '\\': g_string_append(s, "\\\\"); break;
        case '\n': g_string_append(s, "\\n"); break;
        case '\t': g_string_append(s, "\\t"); break;
        case '\r': g_string_append(s, "\\r"); break;
        default: g_string_append_printf(s, "\\u%04x", c); break;
        }
        run = q + 1;
    }
    g_string_append(s, run);
    g_string_append_c(s, '"');
}
