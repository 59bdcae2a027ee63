/*
 * cmd/inputs.h — turning the command line into the list of files to process.
 *
 * Files are taken as named; directories are walked recursively in byte order of names (so the same
 * tree gives the same order everywhere); --files-from adds one path per line. Hidden files and
 * directories are skipped inside a walk, and so is the output directory (-o) when it lies inside. A symbolic link loop, or a directory that cannot be read,
 * becomes an entry with an error so that it is reported once, in its place, and the batch goes on.
 */
#ifndef NB_INPUTS_H
#define NB_INPUTS_H

#include "../parser/doc.h"
#include "cli.h"

typedef struct nb_input {
    char    *path;
    nb_error err;      /* NB_ERR_NONE, or why the path cannot be processed (loop, unreadable dir) */
    char    *detail;
    size_t   rel;      /* where the path relative to the input named starts (--shard hashes it):
                        * after "DIR/" for a file found in a walk of DIR, 0 for a file named */
} nb_input;

typedef struct nb_inputs {
    nb_input *v;
    size_t    n, cap;
} nb_inputs;

/* Collect the inputs named by o (o->inputs and o->files_from). Returns 0, or -1 when
 * --files-from cannot be read (a message has been printed). */
int  nb_inputs_collect(const nb_opts *o, nb_inputs *out);
void nb_inputs_free(nb_inputs *in);

#endif
