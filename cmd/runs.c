/*
 * cmd/runs.c — `nianbao runs --state FILE`: the runs recorded in the state, one line each; and
 * `nianbao diff --state FILE RUN1 RUN2`: the findings open after RUN2 and not after RUN1 (+) and
 * the other way round (-), as their findings.csv rows.
 */
#include <stdlib.h>
#include <string.h>

#include "../store/state.h"
#include "cli.h"

static int open_state(const nb_opts *o, nb_state **st)
{
    const char *err = NULL;
    if (!o->state) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: 需要 --state 状态库\n", "nianbao: --state FILE is required\n"));
        return -1;
    }
    if (nb_state_open_ro(o->state, o->busy_timeout_ms, o->en, st, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        return -1;
    }
    return 0;
}

static int print_run(void *ctx, const nb_state_run *r)
{
    (void)ctx;
    printf("%lld\t%s\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%s\n", r->id, r->started, r->finished, r->files, r->reused, r->findings,
           r->nnew, r->nresolved, r->version);
    return 0;
}

int cmd_runs(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    nb_state *st;
    if (open_state(o, &st) != 0) return NB_EXIT_TROUBLE;
    printf("run\tstarted\tfinished\tfiles\treused\tfindings\tnew\tresolved\tversion\n");
    nb_arena a;
    nb_arena_init(&a);
    int rc = nb_state_each_run(st, &a, print_run, NULL);
    nb_arena_free(&a);
    nb_state_close(st);
    return rc == 0 ? NB_EXIT_OK : NB_EXIT_TROUBLE;
}

static int print_change(void *ctx, const nb_state_change *c)
{
    (void)ctx;
    fputs(c->kind == NB_CHANGE_NEW ? "+" : "-", stdout);
    fwrite(c->f.csv, 1, c->f.csv_len, stdout);
    if (!c->f.csv_len || c->f.csv[c->f.csv_len - 1] != '\n') fputc('\n', stdout);
    return 0;
}

int cmd_diff(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    char *e1 = NULL, *e2 = NULL;
    long long r1 = o->ninputs == 2 ? strtoll(o->inputs[0], &e1, 10) : 0;
    long long r2 = o->ninputs == 2 ? strtoll(o->inputs[1], &e2, 10) : 0;
    if (o->ninputs != 2 || *e1 || *e2 || r1 < 0 || r2 <= 0) {
        fprintf(stderr, "%s", NB_TR(o, "用法: nianbao diff --state 状态库 运行1 运行2\n",
                                       "usage: nianbao diff --state DB RUN1 RUN2\n"));
        return NB_EXIT_TROUBLE;
    }
    nb_state *st;
    if (open_state(o, &st) != 0) return NB_EXIT_TROUBLE;
    nb_arena a;
    nb_arena_init(&a);
    int rc = nb_state_each_difference(st, r1, r2, &a, print_change, NULL);
    nb_arena_free(&a);
    nb_state_close(st);
    return rc == 0 ? NB_EXIT_OK : NB_EXIT_TROUBLE;
}
