/*
 * parser/report.h — what the parser knows about one report beyond its text: the joined text stream,
 * the six sections, the report's identity (title, agency, year, signature, dates), and its tables.
 *
 * The stream is every line's normalised text joined with '\n' (page furniture left out), so that a
 * pattern can follow a heading or a sentence across a line or page break, and a flattened web page
 * (one line for the whole report) is searched the same way as a laid-out PDF. A position in the
 * stream converts back to a line and an offset in that line's normalised text (nb_stream_locate).
 */
#ifndef NB_REPORT_H
#define NB_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

typedef struct nb_stream {
    char     *text;          /* NUL-terminated */
    size_t    len;
    size_t   *line_start;    /* nlines + 1 entries: offset of each line's text in the stream */
} nb_stream;

enum { NB_NSECTIONS = 6 };

typedef struct nb_section {
    int         found;
    size_t      head;        /* stream offset where the heading starts */
    size_t      body;        /* stream offset just after the heading's words */
    size_t      end;         /* where the next found section starts, or the end of the stream */
    const char *heading;     /* the heading as matched (normalised) */
} nb_section;

typedef struct nb_date {
    int         found;
    int         y, m, d;     /* as printed; may be impossible (2月30日): see nb_date_valid */
    size_t      at;          /* stream offset */
    const char *text;        /* as matched (normalised) */
} nb_date;

typedef struct nb_identity {
    const char *title;       /* the title as found (normalised), or NULL */
    const char *title_source;/* "text", "header" (a crawler's 标题) or "metadata" (PDF Title) */
    size_t      title_at;    /* stream offsets where the title starts and ends ("text" titles) */
    size_t      title_end;
    const char *agency;      /* e.g. 招远市工业和信息化局, or NULL */
    int         year;        /* report year, or 0 */
    nb_date     signed_on;   /* the date under the signature */
    const char *signed_by;   /* the agency named in the signature block, or NULL */
    nb_date     published;   /* when the report was published, from published_source */
    const char *published_source;  /* "meta" (<meta name="PubDate">), "header" (a crawler's 发布时间),
                                    * "text" (a 发布日期/发布时间 line of the page), "pdf-creation" */
    const char *publisher;   /* a crawler's 发布机构 line, or NULL */
    nb_date     period_from, period_to;  /* 统计期限 as stated */
} nb_identity;

struct nb_tables;            /* table.h */

typedef struct nb_report {
    nb_doc          *doc;
    nb_stream        stream;
    nb_section       sec[NB_NSECTIONS];   /* sec[0] is 一、总体情况 … sec[5] 六、其他需要报告的事项 */
    nb_identity      id;
    struct nb_tables *tables;             /* filled by nb_read_tables (table.h) */
} nb_report;

/* Build the stream, find sections and identity. Everything lives in doc's arena. */
void nb_report_init(nb_report *r, nb_doc *doc);

/* Convert a stream offset to a line index and a byte offset in that line's normalised text. */
void nb_stream_locate(const nb_stream *s, uint32_t nlines, size_t at, uint32_t *line, uint32_t *off);

/* Parse a date written with Arabic or Chinese numerals (2023年1月24日, 二〇二四年一月二十日).
 * Returns 1 and fills y/m/d when text holds one; validity is a separate question. */
int nb_parse_date(const char *text, size_t n, int *y, int *m, int *d);
/* Does the date exist in the calendar? */
int nb_date_valid(int y, int m, int d);

/* The heading words for section k (0-based), in Chinese; for messages and the dump. */
const char *nb_section_name(int k);

#endif
