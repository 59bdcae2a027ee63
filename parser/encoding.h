/*
 * parser/encoding.h — from the bytes of a text or HTML file to UTF-8.
 *
 * Shared by the text and HTML ingesters. A byte-order mark wins; then a charset the content
 * declares (an HTML <meta charset>), unless the bytes are plainly UTF-8 anyway (crawlers save pages
 * as UTF-8 and keep the page's old declaration); then detection: UTF-8, else GB18030 when that reads
 * as Chinese, else UTF-8 with the few bad bytes replaced and counted. GB2312 and GBK are read as
 * GB18030, their superset.
 */
#ifndef NB_ENCODING_H
#define NB_ENCODING_H

#include <stddef.h>

#include "doc.h"

/* 'L' or 'B' when the bytes are UTF-16 (by BOM, or by NULs filling one byte of every ASCII
 * character), else 0. */
int nb_utf16_order(const unsigned char *s, size_t n);

/* The iconv name to decode a declared charset with ("GB18030" for gb2312/gbk/gb18030, "UTF-8"
 * for utf-8/utf8, the name itself when iconv knows it), or NULL when it is unknown. */
const char *nb_charset_iconv_name(const char *declared);

/* Decode s[0..n) to UTF-8: a malloc'd, NUL-terminated buffer (the caller frees it) with its length
 * in *len, and d->meta.encoding set. declared is the charset the content names, or NULL.
 * Returns NULL after nb_doc_fail(d, NB_ERR_ENCODING, …) when nothing decodes. */
char *nb_decode(nb_doc *d, const unsigned char *s, size_t n, const char *declared, size_t *len);

#endif
