/*
 * parser/doc.h — the document model every ingester produces and every later stage reads.
 *
 *   document ─► pages ─► lines ─► words
 *
 * A line holds its raw text exactly as extracted, the x extent of every raw byte (PDF points for a
 * PDF, display columns for text, where a Han character is two columns wide), and a normalised form
 * for matching (normalize.h) with a map back to the raw bytes. Words are the line's runs between
 * white space, or, on a line whose cells are separated by tabs or '|', its fields (which may be
 * empty: an empty field is a blank cell). Everything lives in the document's arena.
 *
 * Errors are values: an ingester sets status/err/detail and returns; only cmd/ turns them into exit
 * codes and messages.
 */
#ifndef NB_DOC_H
#define NB_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "normalize.h"

/* The input's format, by content. doc and wps are Word-binary files read through LibreOffice. */
typedef enum nb_kind {
    NB_KIND_UNKNOWN = 0, NB_KIND_PDF, NB_KIND_TEXT, NB_KIND_HTML, NB_KIND_DOCX, NB_KIND_ODT, NB_KIND_DOC, NB_KIND_WPS
} nb_kind;

/* What happened to a document as a whole; the words are the status column of documents.csv. */
typedef enum nb_status {
    NB_STATUS_OK = 0,
    NB_STATUS_ERROR,          /* could not be read at all; err says why */
    NB_STATUS_NO_TEXT_LAYER,  /* a PDF whose pages carry no text (scanned) */
    NB_STATUS_PRE2019,        /* readable, but holds none of the template tables */
    NB_STATUS_NOT_TEMPLATE,   /* tables found, but they do not fit a known template */
    NB_STATUS_NOT_REPORT,     /* readable, but no title, no section and no table of a report */
} nb_status;

/* Why a document could not be read (or was read only in part). Messages: errors.c. */
typedef enum nb_error {
    NB_ERR_NONE = 0,
    NB_ERR_OPEN,            /* cannot open or read the file (detail: strerror) */
    NB_ERR_IS_DIR,          /* a directory where a file was expected */
    NB_ERR_EMPTY,           /* zero bytes */
    NB_ERR_UNKNOWN_FORMAT,  /* neither PDF, text nor HTML: binary data */
    NB_ERR_PDF_DAMAGED,     /* a PDF poppler cannot open: truncated or corrupt */
    NB_ERR_PDF_ENCRYPTED,   /* a PDF that needs a user password */
    NB_ERR_ENCODING,        /* text in an encoding that could not be decoded */
    NB_ERR_TOO_LARGE,       /* beyond the configured size limits */
    NB_ERR_LOOP,            /* a symbolic link loop */
    NB_ERR_TIMEOUT,         /* the worker ran past --timeout */
    NB_ERR_CRASH,           /* the worker died on a signal */
    NB_ERR_MEMORY,          /* the worker ran past --max-memory */
    NB_ERR_NOT_DOCUMENT,    /* a zip or compound file that is no text document (xlsx, ods, xls …) */
    NB_ERR_OFFICE_DAMAGED,  /* a Word or ODF file whose zip or XML is broken or truncated */
    NB_ERR_OFFICE_ENCRYPTED,/* a Word, WPS or ODF file that needs a password */
    NB_ERR_NEEDS_LIBREOFFICE, /* a .doc or .wps, and LibreOffice is not installed */
    NB_ERR_CONVERT,         /* LibreOffice could not convert the .doc or .wps */
    NB_ERR__COUNT
} nb_error;

typedef struct nb_box { float x0, y0, x1, y1; } nb_box;
typedef struct nb_xspan { float x0, x1; } nb_xspan;

enum {
    NB_LINE_FIELDS = 1u << 0,   /* cells separated by tabs or '|': words are fields */
    NB_LINE_RULE   = 1u << 1,   /* a ruling line (|---|---|, ─────): no content */
    NB_LINE_FURNITURE = 1u << 2,/* page number or running header/footer: skipped by the readers */
    NB_LINE_DOUBTFUL = 1u << 3  /* on a PDF page whose text runs two ways: its cells are uncertain */
};

enum {
    NB_WORD_FIELD = 1u << 0     /* a field of a NB_LINE_FIELDS line; may be empty */
};

typedef struct nb_word {
    uint32_t line;               /* index into doc->lines */
    uint32_t off, len;           /* bytes of the line's raw text */
    nb_box   box;
    uint32_t flags;
} nb_word;

typedef struct nb_line {
    uint32_t  page;              /* 1-based page number */
    uint32_t  first_word, nwords;
    char     *raw;               /* exactly as extracted (NUL-terminated) */
    uint32_t  raw_len;
    nb_xspan *geo;               /* raw_len entries: x extent of the character each byte belongs to;
                                  * NULL on very long text lines (flattened web text), where the byte
                                  * offset stands in for x: use nb_line_x0/x1 */
    nb_norm   norm;              /* matching form, with its map to raw bytes */
    nb_box    box;
    uint32_t  flags;
    uint32_t  level;             /* heading level 1-9 from a Word or ODF outline; 0 for body text */
    uint32_t  src_table, src_row;/* a row of a Word or ODF table: the table's index and the row, both
                                  * 1-based, in document order; 0 for other lines */
    uint16_t *src_col;           /* then, per word (field) of the line, its cell's 1-based grid column */
    uint8_t  *conf;              /* a line read by OCR (ocr.c): raw_len entries, the recogniser's
                                  * confidence 0-100 in the character each byte belongs to; NULL for
                                  * text that was not recognised */
} nb_line;

/* An OCR character recognised with less confidence than this (0-100) leaves its cell uncertain. */
enum { NB_OCR_CONF_CERTAIN = 80 };

typedef struct nb_page {
    uint32_t first_line, nlines;
    float    width, height;      /* points for a PDF; columns and lines for text */
} nb_page;

/* Document-level metadata: the PDF information dictionary, a Word or ODF document's properties
 * (dates ISO 8601: 2024-01-20T09:30:00+08:00), or a web page's <title> and the <meta> tags
 * government CMSs set (ArticleTitle, PubDate, ContentSource). */
typedef struct nb_meta {
    const char *title, *author, *creator, *producer, *creation_date, *mod_date;
    const char *last_author;     /* who saved it last (Word lastModifiedBy, ODF dc:creator) */
    const char *encoding;        /* the input encoding text was decoded from */
    const char *published;       /* a page's <meta name="PubDate"> as written ("2023-02-20 15:07") */
    const char *source;          /* a page's <meta name="ContentSource">: who published it */
} nb_meta;

typedef struct nb_doc {
    const char *path;            /* as given on the command line */
    char        sha256[65];      /* hex digest of the file's bytes */
    uint64_t    size;            /* bytes */
    nb_kind     kind;
    nb_meta     meta;

    nb_page    *pages;  uint32_t npages;
    nb_line    *lines;  uint32_t nlines;
    nb_word    *words;  uint32_t nwords;

    nb_status   status;
    nb_error    err;
    const char *detail;          /* extra words for err (a library's message), or NULL */
    uint32_t    invalid_bytes;   /* undecodable bytes replaced while reading text */
    uint32_t    split_lines;     /* over-long lines cut into pieces */
    uint32_t    pages_without_text; /* PDF pages with no text layer (scanned pages) */
    uint32_t    mixed_direction_pages; /* PDF pages with much text both upright and turned: read the
                                        * way most of it runs, their lines NB_LINE_DOUBTFUL */
    int         repaired;        /* the PDF needed its cross-reference table rebuilt */
    uint32_t    ocr_pages;       /* pages read by OCR (parser/ocr.c), whole or a picture on them;
                                  * kind pdf-ocr when > 0 */
    double      ocr_conf_sum;    /* sum and count of the confidences of the characters recognised */
    uint32_t    ocr_chars;
    uint32_t    ocr_regions;     /* pictures read by OCR on pages with a text layer (tables pasted as images) */
    uint32_t    ocr_turned[4];   /* OCR pages by how far they lay turned: 0, 90, 180, 270 degrees
                                  * clockwise (each turned upright before reading) */
    const char *ocr_turn_note;   /* why OCR pages were read as they lay, unturned (no osd data) */
    const char *ocr_note;        /* why pages without text were not recognised (OCR not built, …) */

    nb_arena    arena;
    /* building state: used by the ingesters through the functions below, then frozen */
    nb_vec      vpages, vlines, vwords;
} nb_doc;

/* A new, empty document for path; free it with nb_doc_free. */
nb_doc *nb_doc_new(const char *path);
void    nb_doc_free(nb_doc *d);

/* Mark the document unreadable. detail may be NULL; it is copied. Returns -1 for convenience. */
int  nb_doc_fail(nb_doc *d, nb_error err, const char *detail);

/* Start a new page of the given size; later lines belong to it. */
void nb_doc_begin_page(nb_doc *d, float width, float height);

/* Append a line to the current page. raw[0..n) is copied. geo gives the x extent of every raw byte;
 * NULL means "text": positions are display columns counted from column 0. y0/y1 give the line's
 * vertical extent. flags: NB_LINE_FIELDS to split on tabs / '|' instead of white space. */
nb_line *nb_doc_add_line(nb_doc *d, const char *raw, size_t n, const nb_xspan *geo,
                         float y0, float y1, uint32_t flags);

/* Freeze the building vectors into the arrays above. Called once by the ingest driver. */
void nb_doc_finish(nb_doc *d);

/* x extent of the raw byte at off (see nb_line.geo). */
static inline float nb_line_x0(const nb_line *l, uint32_t off)
{
    if (!l->raw_len) return 0;
    if (off >= l->raw_len) off = l->raw_len - 1;
    return l->geo ? l->geo[off].x0 : (float)off;
}
static inline float nb_line_x1(const nb_line *l, uint32_t off)
{
    if (!l->raw_len) return 0;
    if (off >= l->raw_len) off = l->raw_len - 1;
    return l->geo ? l->geo[off].x1 : (float)off + 1;
}

/* Raw text of a word (not NUL-terminated: use w->len). */
static inline const char *nb_word_text(const nb_doc *d, const nb_word *w)
{
    return d->lines[w->line].raw + w->off;
}

/* The kind word written in documents.csv (pdf, text, html, docx, odt, doc, wps; "" when unknown). */
const char *nb_kind_name(nb_kind k);

/* The status word written in documents.csv. */
const char *nb_status_name(nb_status s);

/* Message for an error, in Chinese ("zh") or English ("en"). */
const char *nb_error_message(nb_error e, const char *lang);
/* Stable machine word for an error (documents.csv keeps it in front of the message). */
const char *nb_error_code(nb_error e);

#endif
