/*
 * cmd/cli.c — small helpers every subcommand uses to talk to the user.
 */
#include "cli.h"

void nb_warn_file(const nb_opts *o, const char *path, const char *msg, const char *detail)
{
    if (o && o->quiet) return;
    if (detail && *detail) fprintf(stderr, "nianbao: %s: %s (%s)\n", path, msg, detail);
    else fprintf(stderr, "nianbao: %s: %s\n", path, msg);
}
