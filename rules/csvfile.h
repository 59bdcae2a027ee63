/*
 * rules/csvfile.h — a small CSV file read whole into rows of fields (libcsv), for the two option
 * files of the audit: the waivers (--waivers) and the per-agency deadlines (--deadlines).
 *
 * Fields are trimmed of surrounding white space; a UTF-8 byte-order mark (Excel writes one) is
 * skipped; empty lines are dropped. Everything lives in the arena given.
 */
#ifndef NB_CSVFILE_H
#define NB_CSVFILE_H

#include "../parser/arena.h"

typedef struct nb_csv_row {
    char **f;           /* fields */
    int    n;
    int    line;        /* 1-based line of the file where the row starts, for messages */
} nb_csv_row;

typedef struct nb_csv_file {
    nb_csv_row *rows;
    int         n;
} nb_csv_file;

/* Read path into out. Returns 0, or -1 with *err (in the arena) naming the file and the problem,
 * in Chinese (en = 0) or English. */
int nb_csv_load(const char *path, nb_arena *a, nb_csv_file *out, int en, const char **err);

/* The index of the column named name in a header row, or -1. */
int nb_csv_column(const nb_csv_row *header, const char *name);

/* Field i of a row, or "" when the row is shorter. */
const char *nb_csv_field(const nb_csv_row *row, int i);

#endif
