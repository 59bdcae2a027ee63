/*
 * report/load.h — a finished run read back from its output folder, for the writers people read.
 *
 * The HTML report is built from what `nianbao audit -o DIR` wrote (documents.csv, cells.csv,
 * findings.jsonl or findings.csv), never from the worker's memory: `audit --html` and `report DIR
 * --html` are then one code path, and a page can be made again from an old folder. Every file is
 * read by its header's column names, not positions, so columns added by later versions (cells'
 * unit, a Word cell's provenance, OCR confidence) are read when present and ignored otherwise.
 *
 * Findings come from findings.jsonl when it is there: its named arguments let the message be
 * rendered again in the language the page is asked for (--lang), whatever the audit's language
 * was. findings.csv, when it is the only one, gives the message as written.
 */
#ifndef NB_REPORT_LOAD_H
#define NB_REPORT_LOAD_H

#include "../parser/arena.h"
#include "../rules/finding.h"

typedef struct nb_rcell {
    const char *table, *row, *col;     /* FORMAT.md §4 codes */
    const char *value, *unit, *raw;
    int         certain;
    int         page;                  /* 0 unknown */
    int         has_box;               /* x0..y1 given (PDF input) */
    float       x0, y0, x1, y1;        /* PDF points from the page's top left */
} nb_rcell;

typedef struct nb_rfinding {
    nb_finding  f;                     /* rule, place, page, expected, actual, arguments, waived */
    const char *message;               /* in the language asked for (or as written in findings.csv) */
    int         doc;                   /* index in nb_rundata.docs, -1 when its file is not listed */
} nb_rfinding;

typedef struct nb_rdoc {
    const char *file, *sha256, *kind, *agency, *version, *signed_date, *published_date;
    const char *status, *message;
    int         pages, year;
    nb_rcell   *cells;                 /* in cells.csv order */
    int         ncells;
    int        *findings;              /* indexes into nb_rundata.findings, in file order */
    int         nfindings;
} nb_rdoc;

typedef struct nb_rundata {
    nb_arena     arena;                /* everything read */
    const char  *dir;
    nb_rdoc     *docs;                 /* documents.csv order: input order */
    int          ndocs;
    nb_rfinding *findings;             /* findings file order */
    int          nfindings;
    int          messages_rerendered;  /* 1 when findings came from findings.jsonl */
} nb_rundata;

/* Read the output folder dir. en chooses the language of the messages and of *err. Returns 0, or
 * -1 with *err (in run's arena) naming the file and the problem; run is initialised in either case
 * and must be freed with nb_rundata_free. */
int nb_rundata_load(const char *dir, int en, nb_rundata *run, const char **err);
void nb_rundata_free(nb_rundata *run);

/* The cell (table,row,col) of a document, or NULL. */
const nb_rcell *nb_rdoc_cell(const nb_rdoc *d, const char *table, const char *row, const char *col);

#endif
