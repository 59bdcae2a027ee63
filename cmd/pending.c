/*
 * cmd/pending.c — placeholders for the subcommands still being written; removed as each lands.
 */
#include <stdio.h>

#include "cli.h"

static int pending(const char *name)
{
    fprintf(stderr, "nianbao %s: not implemented yet\n", name);
    return NB_EXIT_TROUBLE;
}

int cmd_audit(int argc, char **argv, nb_opts *o) { (void)argc; (void)argv; (void)o; return pending("audit"); }
