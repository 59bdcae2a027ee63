/*
 * cmd/extract.c — `nianbao extract -o DIR FILE|DIR...`: read the template tables of every report
 * and write documents.csv, cells.csv, t2.csv, t3.csv, t4.csv and datapackage.json.
 */
#include "batch.h"

int cmd_extract(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    nb_run run = {0};
    run.en = o->en;
    return nb_batch(o, &run);
}
