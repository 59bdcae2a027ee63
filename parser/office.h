/*
 * parser/office.h — what the Word (ingest_docx.c), OpenDocument (ingest_odt.c) and legacy Word/WPS
 * (ingest_ole.c) readers share: a zip archive read from memory within limits, its XML parts parsed
 * without ever resolving an external entity, small helpers over libxml2's tree, and the lines an
 * office document becomes.
 *
 * Limits (a zip bomb costs one file's error, not the worker): at most NB_OFFICE_MAX_ENTRIES entries,
 * a part read may not inflate beyond NB_OFFICE_MAX_PART bytes, nor all parts read together beyond
 * NB_OFFICE_MAX_TOTAL. A part is read up to its declared size and the CRC checked by libzip.
 *
 * XML: XML_PARSE_NONET, never XML_PARSE_NOENT or XML_PARSE_DTDLOAD, and an external entity loader
 * that refuses everything; the walkers read text nodes only, so an entity reference (which Word and
 * LibreOffice never write) contributes nothing.
 */
#ifndef NB_OFFICE_H
#define NB_OFFICE_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "grid.h"

#define NB_OFFICE_MAX_ENTRIES 20000u
#define NB_OFFICE_MAX_PART    (48u << 20)
#define NB_OFFICE_MAX_TOTAL   (128u << 20)
#define NB_OFFICE_MAX_NESTING 8          /* tables deeper than this are read as text */

typedef struct nb_zip nb_zip;

/* Open a zip archive held in data[0..n) (not copied: it must outlive the archive). On failure the
 * document is marked (office_damaged, too_large) and NULL returned. */
nb_zip *nb_zip_open(nb_doc *d, const unsigned char *data, size_t n);
void    nb_zip_close(nb_zip *z);
/* Is there an entry of this name (case-insensitive, as OPC part names are)? */
int     nb_zip_has(nb_zip *z, const char *name);
/* The bytes of an entry, NUL-terminated, malloc'd (free them); *len its length. NULL when it is
 * absent (the document untouched) or cannot be read (the document marked: damaged, encrypted, too
 * large). */
char   *nb_zip_read(nb_zip *z, nb_doc *d, const char *name, size_t *len);

/* Parse an XML part (name for messages). NULL and the document marked office_damaged when it is
 * not well-formed. Free with xmlFreeDoc. */
xmlDoc *nb_xml_parse(nb_doc *d, const char *buf, size_t n, const char *name);
/* Read and parse a part; NULL when absent (d untouched) or broken (d marked). */
xmlDoc *nb_zip_xml(nb_zip *z, nb_doc *d, const char *name);

/* Is n an element of namespace ns (NULL: any) with local name name? */
int         nb_xml_is(const xmlNode *n, const char *ns, const char *name);
/* The first element child of n with that namespace and local name, or NULL. */
xmlNode    *nb_xml_child(const xmlNode *n, const char *ns, const char *name);
/* An attribute by local name and namespace (NULL: any); the value lives in the tree. */
const char *nb_xml_attr(const xmlNode *n, const char *ns, const char *name);
/* The concatenated text nodes below n (no entity is expanded), into out (reset first). */
void        nb_xml_text(const xmlNode *n, GString *out);
/* The first element of the document root's subtree with that name (depth-first), or NULL. */
xmlNode    *nb_xml_find(xmlNode *root, const char *ns, const char *name);
/* A non-negative integer attribute value, capped; dflt when absent or not a number. */
long        nb_xml_long(const char *v, long dflt, long cap);

/* ---- output: the lines of an office document ---------------------------------------------- */

typedef struct nb_office_out {
    nb_doc     *d;
    float       y;               /* next line's y */
    float       width;           /* widest line so far */
    uint32_t    tables;          /* tables met so far (their 1-based index) */
    nb_grid_out go;
} nb_office_out;

void nb_office_out_init(nb_office_out *o, nb_doc *d);
void nb_office_out_finish(nb_office_out *o);
/* A text line: white space at either end dropped, tabs inside kept (a field line then); several
 * lines when it holds line breaks ('\n'). level: heading level or 0; flags: NB_LINE_FURNITURE for
 * headers and footers. */
void nb_office_line(nb_office_out *o, const char *s, size_t n, uint32_t level, uint32_t flags);
/* Emit grid row ri of table index tab (see nb_grid_row_line) with its provenance. */
void nb_office_grid_row(nb_office_out *o, nb_grid *g, uint32_t ri, uint32_t tab, uint32_t flags);

/* A table being read: its grid, and the tables nested in its cells, which are read after the row
 * that holds them. Rows: nb_grid_start_row, cells, then nb_office_table_end_row. */
typedef struct nb_office_table {
    nb_grid    g;
    GPtrArray *nested;           /* xmlNode *, in row order */
    GArray    *nested_end;       /* guint per row: where its nested tables end in `nested` */
} nb_office_table;

void nb_office_table_init(nb_office_table *t);
void nb_office_table_end_row(nb_office_table *t);
/* Emit every row (with provenance: table index, row) followed by its nested tables, each given to
 * read_nested; then free the table. */
void nb_office_table_emit(nb_office_out *o, nb_office_table *t, uint32_t index, uint32_t flags,
                          void (*read_nested)(void *ctx, xmlNode *table), void *ctx);

/* Text boxes met while reading a block, read after it (a box may anchor boxes, to a depth). */
typedef struct nb_office_boxes {
    GPtrArray *pending;          /* xmlNode *: the containers of their paragraphs */
    int        depth;
} nb_office_boxes;

void nb_office_boxes_init(nb_office_boxes *b);
void nb_office_boxes_free(nb_office_boxes *b);
/* Hand each pending box to read (which may note more, read in their turn up to a depth). */
void nb_office_read_boxes(nb_office_boxes *b, void (*read)(void *ctx, xmlNode *box), void *ctx);

/* Document properties: an ISO 8601 date as the PDF reader writes them, or the text as it is. */
const char *nb_office_date(nb_doc *d, const char *text);

/* The readers (ingest_docx.c, ingest_odt.c): fill d from an open archive; 0, or -1 with d marked. */
int nb_read_docx(nb_doc *d, nb_zip *z, const char *main_part);
int nb_read_odt(nb_doc *d, nb_zip *z);

/* Read an office zip held in memory (docx or odt, by content) into d, whose kind is set here unless
 * keep_kind (a .doc converted to .docx stays a doc). */
int nb_read_office_zip(nb_doc *d, const unsigned char *data, size_t n, int keep_kind);

/* Number formats shared by the Word and ODF numbering (office.c): v formatted as fmt into out. */
typedef enum nb_numfmt {
    NB_NUM_DECIMAL, NB_NUM_DECIMAL_ZERO, NB_NUM_UPPER_LETTER, NB_NUM_LOWER_LETTER, NB_NUM_UPPER_ROMAN,
    NB_NUM_LOWER_ROMAN, NB_NUM_CHINESE, NB_NUM_CHINESE_LEGAL, NB_NUM_IDEOGRAPH_DIGITAL,
    NB_NUM_IDEOGRAPH_TRADITIONAL, NB_NUM_ZODIAC, NB_NUM_FULLWIDTH, NB_NUM_CIRCLED, NB_NUM_PAREN,
    NB_NUM_FULLSTOP, NB_NUM_NONE, NB_NUM_BULLET
} nb_numfmt;
void nb_format_number(GString *out, long v, nb_numfmt fmt);

#endif
