/*
 * rules/csvin.h — a small CSV file read whole into rows of fields (libcsv), for the two option
 * files of the audit: the waivers (--waivers) and the per-agency deadlines (--deadlines).
 *
 * Fields are trimmed of surrounding white space; a UTF-8 byte-order mark (Excel writes one) is
 * skipped; empty lines are dropped. Everything lives in the arena given.
 */
#ifndef NB_CSVIN_H
#define NB_CSVIN_H

#include "../parser/arena.h"

typedef struct nb_csvin_row {
    char **f;           /* fields */
    int    n;
    int    line;        /* 1-based line of the file where the row starts, for messages */
} nb_csvin_row;

typedef struct nb_csvin_file {
    nb_csvin_row *rows;
    int         n;
} nb_csvin_file;

/* Read path into out. Returns 0, or -1 with *err (in the arena) naming the file and the problem,
 * in Chinese (en = 0) or English. */
int nb_csvin_load(const char *path, nb_arena *a, nb_csvin_file *out, int en, const char **err);

/* The index of the column named name in a header row, or -1. */
int nb_csvin_column(const nb_csvin_row *header, const char *name);

/* Field i of a row, or "" when the row is shorter. */
const char *nb_csvin_field(const nb_csvin_row *row, int i);

#endif
