/*
 * cmd/report.c — `nianbao report OUTDIR --html FILE`: the page people read, made from an output
 * folder that `nianbao audit -o OUTDIR` wrote (and from the run's history with --state). `nianbao
 * audit --html FILE` calls the same function once its outputs are in place, so the two pages are
 * the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "../report/html.h"
#include "../report/state.h"
#include "../rules/audit_opts.h"
#include "../rules/roster.h"
#include "cli.h"

#ifndef NB_VERSION
#define NB_VERSION "dev"
#endif

int nb_write_html_report(const nb_opts *o, const char *dir)
{
    const char *err = NULL;
    nb_audit_opts aopts;
    if (nb_audit_opts_init(&aopts, o->today, o->deadline, o->deadlines_file, o->en, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        nb_audit_opts_free(&aopts);
        return NB_EXIT_TROUBLE;
    }
    /* the roster's kinds and deadlines are the page's deadlines, as they were the audit's */
    nb_roster roster;
    int have_roster = o->roster != NULL;
    if (have_roster && nb_roster_load(o->roster, &roster, o->en, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        nb_roster_free(&roster);
        nb_audit_opts_free(&aopts);
        return NB_EXIT_TROUBLE;
    }
    if (have_roster) aopts.roster = &roster;
    nb_rundata run;
    int rc = NB_EXIT_OK;
    if (nb_rundata_load(dir, o->en, &run, &err) != 0) {
        fprintf(stderr, "nianbao: %s\n", err);
        rc = NB_EXIT_TROUBLE;
    }
    nb_state_view state;
    int have_state = 0;
    if (rc == NB_EXIT_OK && o->state) {
        if (nb_state_view_load(o->state, &run, o->en, &state, &err) != 0) {
            fprintf(stderr, "nianbao: %s\n", err);
            rc = NB_EXIT_TROUBLE;
        } else have_state = 1;
    }
    if (rc == NB_EXIT_OK) {
        nb_html_opts ho = {
            .en = o->en,
            .evidence_budget = (size_t)(o->evidence_budget_mb < 0 ? 0 : o->evidence_budget_mb) * 1024 * 1024,
            .aopts = &aopts,
            .state = have_state ? &state : NULL,
            .open_reports = 40,
            .version = NB_VERSION,
        };
        nb_html_stats st;
        if (nb_html_write(&run, &ho, o->html, &st, &err) != 0) {
            fprintf(stderr, "nianbao: %s\n", err);
            rc = NB_EXIT_TROUBLE;
        } else if (!o->quiet) {
            fprintf(stderr, o->en ? "nianbao: %s: %d reports, %d findings, %d evidence images (%.1f MB of PNG%s), %.1f MB\n"
                                  : "nianbao: %s：%d 份报告，%d 条发现，%d 张证据图（PNG 共 %.1f MB%s），页面 %.1f MB\n",
                    o->html, st.reports, st.findings, st.images, st.png_bytes / 1048576.0,
                    st.images_left_out ? (o->en ? "; some left out for --evidence-budget" : "；部分因 --evidence-budget 略去") : "",
                    st.page_bytes / 1048576.0);
        }
    }
    nb_rundata_free(&run);
    if (have_roster) nb_roster_free(&roster);
    nb_audit_opts_free(&aopts);
    return rc;
}

int cmd_report(int argc, char **argv, nb_opts *o)
{
    (void)argc;
    (void)argv;
    if (o->ninputs != 1 || !o->html) {
        fprintf(stderr, "%s", NB_TR(o, "用法: nianbao report 输出目录 --html 文件 [--state 状态库] [--lang zh|en]\n",
                                       "usage: nianbao report OUTDIR --html FILE [--state DB] [--lang zh|en]\n"));
        return NB_EXIT_TROUBLE;
    }
    return nb_write_html_report(o, o->inputs[0]);
}
