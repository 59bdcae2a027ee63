/*
 * cmd/batch.c — run the pipeline over a batch of inputs (see batch.h).
 *
 * Results are appended to the output files strictly in input order, so the bytes written do not
 * depend on how the work was scheduled. SIGINT/SIGTERM remove the temporary files and leave the
 * previous run's outputs as they were.
 */
#include "batch.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"
#include "output.h"

int nb_fail_on_level(const char *s)
{
    if (!s || !strcmp(s, "error")) return 2;
    if (!strcmp(s, "warning")) return 1;
    if (!strcmp(s, "info")) return 0;
    if (!strcmp(s, "never") || !strcmp(s, "none")) return 3;
    return -1;
}

static void on_signal(int sig)
{
    nb_outputs_unlink_all_temps();
    signal(sig, SIG_DFL);
    raise(sig);
}

int nb_batch(const nb_opts *o, nb_run *run)
{
    int fail_level = nb_fail_on_level(o->fail_on);
    if (fail_level < 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: --fail-on 取 error|warning|info|never\n",
                                       "nianbao: --fail-on takes error|warning|info|never\n"));
        return NB_EXIT_TROUBLE;
    }
    if (!o->out_dir) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: 需要 -o 输出目录\n", "nianbao: -o DIR is required\n"));
        return NB_EXIT_TROUBLE;
    }
    nb_inputs in;
    if (nb_inputs_collect(o, &in) != 0) return NB_EXIT_TROUBLE;
    if (in.n == 0) {
        fprintf(stderr, "%s", NB_TR(o, "nianbao: 没有输入文件\n", "nianbao: no input files\n"));
        nb_inputs_free(&in);
        return NB_EXIT_TROUBLE;
    }
    nb_outputs out;
    if (nb_outputs_open(&out, o->out_dir, run, o->bom) != 0) {
        nb_inputs_free(&in);
        return NB_EXIT_TROUBLE;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int unreadable = 0, failing = 0, tty = isatty(2) && !o->quiet;
    long counts[3] = {0, 0, 0};
    nb_result res = {0};
    for (size_t i = 0; i < in.n; i++) {
        nb_process_input(run, &in.v[i], &res);
        nb_outputs_append(&out, &res);
        if (res.unreadable) {
            unreadable++;
            const char *lang = run->en ? "en" : "zh";
            nb_warn_file(o, in.v[i].path, nb_error_message(in.v[i].err ? in.v[i].err : NB_ERR_OPEN, lang), NULL);
        }
        for (int s = 0; s < 3; s++) counts[s] += res.counts[s];
        if (res.worst >= fail_level) failing++;
        if ((tty || o->verbose) && res.summary.len) fputs(res.summary.p, stderr);
    }
    nb_result_free(&res);
    int rc = nb_outputs_commit(&out, run);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (!o->quiet) {
        if (run->audit)
            fprintf(stderr, NB_TR(o, "nianbao: %zu 个文件，%d 个无法读取；发现 错误 %ld、警告 %ld、提示 %ld；输出在 %s\n",
                                     "nianbao: %zu files, %d unreadable; findings: %ld errors, %ld warnings, %ld info; output in %s\n"),
                    in.n, unreadable, counts[2], counts[1], counts[0], o->out_dir);
        else
            fprintf(stderr, NB_TR(o, "nianbao: %zu 个文件，%d 个无法读取；输出在 %s\n",
                                     "nianbao: %zu files, %d unreadable; output in %s\n"),
                    in.n, unreadable, o->out_dir);
    }
    nb_inputs_free(&in);
    if (rc != 0 || unreadable) return NB_EXIT_TROUBLE;
    return failing ? NB_EXIT_FINDINGS : NB_EXIT_OK;
}
