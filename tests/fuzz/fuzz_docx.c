/*
 * tests/fuzz/fuzz_docx.c — libFuzzer target for the Word and OpenDocument readers (the zip and the
 * XML inside it) and everything downstream of them.
 *
 * An input that starts with "PK" is a zip as it is (seeded with generated .docx and .odt files, so
 * mutations reach libzip and the limits). Any other input is a package's parts: its first byte says
 * Word (even) or ODF (odd), the rest is split at "\n====\n" into document.xml, styles.xml,
 * numbering.xml and header1.xml (Word) or content.xml, styles.xml and meta.xml (ODF), zipped here
 * around the fixed package files, so that the XML itself is what gets mutated (tests/fuzz/docx.dict
 * holds the element names). `make fuzz FUZZ_TARGETS=fuzz_docx`.
 */
#include <stdlib.h>

#include "fuzz_common.h"
#include "../office_fixtures.h"

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size);

/* Split s[0..n) at the separator into at most max parts. */
static int split_parts(const char *s, size_t n, const char **part, size_t *len, int max)
{
    static const char sep[] = "\n====\n";
    int k = 0;
    while (k < max) {
        const char *at = k + 1 < max ? memmem(s, n, sep, sizeof sep - 1) : NULL;
        part[k] = s;
        len[k] = at ? (size_t)(at - s) : n;
        k++;
        if (!at) break;
        n -= (size_t)(at - s) + sizeof sep - 1;
        s = at + sizeof sep - 1;
    }
    return k;
}

int NB_FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        nb_fuzz_one("fuzz.docx", data, size);
        return 0;
    }
    if (size == 0) return 0;
    int odt = data[0] & 1;
    const char *part[4];
    size_t len[4];
    int n = split_parts((const char *)data + 1, size - 1, part, len, odt ? 3 : 4);
    static const char *const wnames[4] = {"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/header1.xml"};
    static const char *const onames[3] = {"content.xml", "styles.xml", "meta.xml"};
    nb_part parts[8];
    int k = 0;
    if (odt) {
        parts[k++] = (nb_part){"mimetype", "application/vnd.oasis.opendocument.text", 0};
    } else {
        parts[k++] = (nb_part){"[Content_Types].xml", nb_docx_types, 0};
        parts[k++] = (nb_part){"_rels/.rels", nb_docx_rels, 0};
        parts[k++] = (nb_part){"word/_rels/document.xml.rels", nb_docx_doc_rels, 0};
    }
    /* an empty part would be measured with strlen: give it one space */
    for (int i = 0; i < n; i++)
        parts[k++] = (nb_part){odt ? onames[i] : wnames[i], len[i] ? part[i] : " ", len[i] ? len[i] : 1};
    size_t zlen;
    unsigned char *zip = nb_make_zip(parts, k, &zlen, 0);
    if (zip) nb_fuzz_one(odt ? "fuzz.odt" : "fuzz.docx", zip, zlen);
    free(zip);
    return 0;
}
