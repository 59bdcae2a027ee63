/*
 * tests/office_fixtures.h — building Word, ODF and compound files in memory for the tests and the
 * fuzz target: a zip of named parts (libzip, to a memory buffer), a minimal .docx or .odt around a
 * body, and an OLE2 compound file holding streams of given names.
 */
#ifndef NB_OFFICE_FIXTURES_H
#define NB_OFFICE_FIXTURES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct nb_part { const char *name; const char *data; size_t len; } nb_part;

/* A zip of the parts (len 0: strlen). encrypt_first: the first part encrypted with a password.
 * Returns malloc'd bytes, or NULL when libzip cannot (encryption unsupported). */
static inline unsigned char *nb_make_zip(const nb_part *parts, int n, size_t *out_len, int encrypt_first)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) abort();
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za) abort();
    for (int i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
        zip_int64_t idx = zip_file_add(za, parts[i].name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
        if (idx < 0) abort();
        if (i == 0 && !strcmp(parts[i].name, "mimetype")) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
        if (i == 0 && encrypt_first && zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret") != 0 &&
            zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_TRAD_PKWARE, "secret") != 0) {
            zip_discard(za);
            zip_source_free(src);
            return NULL;
        }
    }
    if (zip_close(za) != 0) abort();
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t len = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)len + 1);
    if (zip_source_read(src, buf, (zip_uint64_t)len) != len) abort();
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *out_len = (size_t)len;
    return buf;
}

#define NB_W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" " \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""

static const char nb_docx_types[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char nb_docx_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";
static const char nb_docx_doc_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>";

/* A .docx: document.xml is body (inside w:body) unless it starts with '<?xml' or '<!DOCTYPE' (the
 * whole part); styles, numbering, header, footer, core properties may be NULL. */
static inline unsigned char *nb_make_docx(const char *body, const char *styles, const char *numbering,
                                          const char *header, const char *footer, const char *core, size_t *len)
{
    char *doc;
    if (!strncmp(body, "<?xml", 5) || !strncmp(body, "<!DOCTYPE", 9)) {
        doc = strdup(body);
    } else {
        size_t n = strlen(body) + 512;
        doc = malloc(n);
        snprintf(doc, n, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " NB_W_NS "><w:body>%s</w:body></w:document>", body);
    }
    nb_part parts[10];
    int k = 0;
    parts[k++] = (nb_part){"[Content_Types].xml", nb_docx_types, 0};
    parts[k++] = (nb_part){"_rels/.rels", nb_docx_rels, 0};
    parts[k++] = (nb_part){"word/document.xml", doc, 0};
    parts[k++] = (nb_part){"word/_rels/document.xml.rels", nb_docx_doc_rels, 0};
    if (styles) parts[k++] = (nb_part){"word/styles.xml", styles, 0};
    if (numbering) parts[k++] = (nb_part){"word/numbering.xml", numbering, 0};
    if (header) parts[k++] = (nb_part){"word/header1.xml", header, 0};
    if (footer) parts[k++] = (nb_part){"word/footer1.xml", footer, 0};
    if (core) parts[k++] = (nb_part){"docProps/core.xml", core, 0};
    unsigned char *z = nb_make_zip(parts, k, len, 0);
    free(doc);
    return z;
}

#define NB_ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""

/* An .odt: styles are the office:automatic-styles of content.xml, body goes in office:text. */
static inline unsigned char *nb_make_odt(const char *auto_styles, const char *body, const char *styles_xml,
                                         const char *meta_xml, const char *manifest, size_t *len)
{
    size_t n = strlen(body) + (auto_styles ? strlen(auto_styles) : 0) + 4096;
    char *content = malloc(n);
    snprintf(content, n, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " NB_ODF_NS ">"
                         "<office:automatic-styles>%s</office:automatic-styles><office:body><office:text>%s"
                         "</office:text></office:body></office:document-content>", auto_styles ? auto_styles : "", body);
    nb_part parts[6];
    int k = 0;
    parts[k++] = (nb_part){"mimetype", "application/vnd.oasis.opendocument.text", 0};
    if (manifest) parts[k++] = (nb_part){"META-INF/manifest.xml", manifest, 0};
    parts[k++] = (nb_part){"content.xml", content, 0};
    if (styles_xml) parts[k++] = (nb_part){"styles.xml", styles_xml, 0};
    if (meta_xml) parts[k++] = (nb_part){"meta.xml", meta_xml, 0};
    unsigned char *z = nb_make_zip(parts, k, len, 0);
    free(content);
    return z;
}

/* ---- compound files ---- */

static inline void nb_put32(unsigned char *p, uint32_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24); }
static inline void nb_put16(unsigned char *p, uint16_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }

/* A version-3 compound file (512-byte sectors) whose directory holds the named streams; a stream
 * named WordDocument gets 4096 bytes starting with a Word FIB: fEncrypted when word_flags has 1, a
 * wrong magic number (nothing LibreOffice recognises) when it has 2. Sector 0 is the FAT, 1-2 the
 * directory, 3-10 the WordDocument stream. */
static inline unsigned char *nb_make_ole(const char *const *names, int n, int word_flags, size_t *len)
{
    enum { SS = 512, NSECT = 11 };
    size_t total = SS * (NSECT + 1);
    unsigned char *f = calloc(1, total);
    static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    memcpy(f, magic, 8);
    nb_put16(f + 0x18, 0x3E);
    nb_put16(f + 0x1A, 3);
    nb_put16(f + 0x1C, 0xFFFE);
    nb_put16(f + 0x1E, 9);
    nb_put16(f + 0x20, 6);
    nb_put32(f + 0x2C, 1);                 /* FAT sectors */
    nb_put32(f + 0x30, 1);                 /* first directory sector */
    nb_put32(f + 0x38, 4096);
    nb_put32(f + 0x3C, 0xFFFFFFFE);
    nb_put32(f + 0x44, 0xFFFFFFFE);
    for (int k = 0; k < 109; k++) nb_put32(f + 0x4C + 4 * k, k == 0 ? 0 : 0xFFFFFFFF);
    unsigned char *fat = f + SS * 1;
    for (int k = 0; k < SS / 4; k++) nb_put32(fat + 4 * k, 0xFFFFFFFF);
    nb_put32(fat + 0, 0xFFFFFFFD);         /* the FAT itself */
    nb_put32(fat + 4, 2);                  /* directory: 1 → 2 */
    nb_put32(fat + 8, 0xFFFFFFFE);
    for (int k = 3; k < 10; k++) nb_put32(fat + 4 * k, (uint32_t)k + 1);
    nb_put32(fat + 40, 0xFFFFFFFE);
    unsigned char *dir = f + SS * 2;
    const char *all[8] = {"Root Entry"};
    int m = 1;
    for (int i = 0; i < n && m < 8; i++) all[m++] = names[i];
    for (int i = 0; i < m; i++) {
        unsigned char *e = dir + 128 * i;
        size_t k = strlen(all[i]);
        for (size_t c = 0; c < k; c++) nb_put16(e + 2 * c, (unsigned char)all[i][c]);
        nb_put16(e + 0x40, (uint16_t)(2 * (k + 1)));
        e[0x42] = i == 0 ? 5 : 2;
        nb_put32(e + 0x44, 0xFFFFFFFF);
        nb_put32(e + 0x48, 0xFFFFFFFF);
        nb_put32(e + 0x4C, i == 0 && m > 1 ? 1 : 0xFFFFFFFF);
        if (i > 0 && i + 1 < m) nb_put32(e + 0x48, (uint32_t)i + 1);
        int word = !strcmp(all[i], "WordDocument");
        nb_put32(e + 0x74, word ? 3 : 0xFFFFFFFE);
        nb_put32(e + 0x78, word ? 4096 : 0);
    }
    unsigned char *wd = f + SS * 4;        /* sector 3 */
    nb_put16(wd, word_flags & 2 ? 0x1234 : 0xA5EC);
    nb_put16(wd + 2, 0x00C1);
    nb_put16(wd + 0x0A, word_flags & 1 ? 0x0100 : 0);
    *len = total;
    return f;
}

#endif
