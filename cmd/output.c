/*
 * cmd/output.c — write the output files atomically (see output.h).
 *
 * Temporary names are ".NAME.tmp-PID" in the output directory itself, so the final rename never
 * crosses a file system. Their paths are also kept in a static table that a signal handler can
 * walk with unlink(2), the only thing it does before the process exits.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *temps[NB_OUT__COUNT + 1];
static int ntemps;

void nb_outputs_unlink_all_temps(void)
{
    for (int i = 0; i < ntemps; i++)
        if (temps[i]) unlink(temps[i]);
}

static char *join(const char *dir, const char *name, const char *prefix, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(prefix) + strlen(suffix) + 3;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

static int make_dirs(const char *dir)
{
    char *p = strdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

int nb_outputs_open(nb_outputs *o, const char *dir, const nb_run *run, int bom)
{
    memset(o, 0, sizeof *o);
    o->dir = dir;
    o->bom = bom;
    if (make_dirs(dir) != 0) {
        fprintf(stderr, "nianbao: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".tmp-%ld", (long)getpid());
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (k < NB_OUT__COUNT && !nb_out_enabled(run, k)) continue;
        const char *name = k < NB_OUT__COUNT ? nb_out_name(k) : "datapackage.json";
        o->final[k] = join(dir, name, "", "");
        o->tmp[k] = join(dir, name, ".", suffix);
        o->f[k] = fopen(o->tmp[k], "w");
        if (!o->f[k]) {
            fprintf(stderr, "nianbao: %s: %s\n", o->tmp[k], strerror(errno));
            nb_outputs_abort(o);
            return -1;
        }
        temps[ntemps++] = o->tmp[k];
        if (k == NB_OUT__COUNT) continue;
        if (bom && k != NB_OUT_JSONL) fputs("\xEF\xBB\xBF", o->f[k]);
        nb_buf h = {0};
        nb_out_header(k, &h);
        if (h.len) fwrite(h.p, 1, h.len, o->f[k]);
        nb_buf_free(&h);
    }
    return 0;
}

void nb_outputs_append(nb_outputs *o, const nb_result *res)
{
    for (int k = 0; k < NB_OUT__COUNT; k++)
        if (o->f[k] && res->out[k].len) fwrite(res->out[k].p, 1, res->out[k].len, o->f[k]);
}

int nb_outputs_commit(nb_outputs *o, const nb_run *run)
{
    nb_buf dp = {0};
    nb_datapackage(run, &dp);
    fwrite(dp.p, 1, dp.len, o->f[NB_OUT__COUNT]);
    nb_buf_free(&dp);
    int rc = 0;
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (!o->f[k]) continue;
        if (fflush(o->f[k]) != 0 || fsync(fileno(o->f[k])) != 0 || ferror(o->f[k])) rc = -1;
        if (fclose(o->f[k]) != 0) rc = -1;
        o->f[k] = NULL;
    }
    if (rc != 0) {
        fprintf(stderr, "nianbao: %s: %s\n", o->dir, strerror(errno));
        nb_outputs_abort(o);
        return -1;
    }
    /* the data files first, the package description last: a reader that sees the new
     * datapackage.json sees new data */
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (!o->tmp[k]) continue;
        if (rename(o->tmp[k], o->final[k]) != 0) {
            fprintf(stderr, "nianbao: %s: %s\n", o->final[k], strerror(errno));
            rc = -1;
        }
    }
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        free(o->tmp[k]);
        free(o->final[k]);
        o->tmp[k] = o->final[k] = NULL;
    }
    ntemps = 0;
    return rc;
}

void nb_outputs_abort(nb_outputs *o)
{
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (o->f[k]) fclose(o->f[k]);
        o->f[k] = NULL;
        if (o->tmp[k]) unlink(o->tmp[k]);
        free(o->tmp[k]);
        free(o->final[k]);
        o->tmp[k] = o->final[k] = NULL;
    }
    ntemps = 0;
}
