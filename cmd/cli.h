/*
 * cmd/cli.h — what the subcommands share: the option set, the language of messages, exit codes.
 *
 * Like git's builtins, each subcommand is one file exposing cmd_<name>(argc, argv, opts); main.c
 * dispatches from one table and parses the options every command shares in one place.
 */
#ifndef NB_CLI_H
#define NB_CLI_H

#include <stdio.h>

/* Exit status, like grep: 0 clean, 1 findings at or above --fail-on, 2 some input unreadable
 * (or bad usage). */
enum { NB_EXIT_OK = 0, NB_EXIT_FINDINGS = 1, NB_EXIT_TROUBLE = 2 };

typedef struct nb_opts {
    int         en;             /* messages in English (--lang en, or LANG not Chinese) */
    const char *out_dir;        /* -o DIR */
    const char *files_from;     /* --files-from FILE ('-' for stdin) */
    const char *fail_on;        /* --fail-on error|warning|info|never */
    const char *waivers;        /* --waivers FILE */
    const char *deadline;       /* --deadline MM-DD: one deadline for every agency */
    const char *deadlines_file; /* --deadlines FILE: per-agency deadline overrides */
    const char *today;          /* --today YYYY-MM-DD: the date "now" (tests, replays) */
    int         jobs;           /* -j N (0: one per core) */
    int         timeout;        /* --timeout SECONDS per file */
    long        max_memory_mb;  /* --max-memory MB per worker */
    int         bom;            /* --bom: UTF-8 BOM on CSV files, for Excel */
    int         quiet, verbose;
    int         resume;
    int         no_fork;        /* --no-fork: process in this process (debugging) */
    const char *html;           /* --html FILE: the page people read (audit, report) */
    const char *state;          /* --state FILE: the run's history (audit: kept there; report: read) */
    int         busy_timeout_ms; /* --busy-timeout MS: wait for another run holding the state */
    const char *roster;         /* --roster FILE: the agencies expected to report (rules/roster.h) */
    int         year;           /* --year Y: the year the roster is checked for (0: the years seen) */
    double      copy_last_year; /* --copy-last-year T (0: the default) */
    double      copy_other;     /* --copy-other-agency T (0: the default) */
    long        evidence_budget_mb; /* --evidence-budget MB: PNG evidence in the page at most (0: no limit) */
    int         ocr;            /* --ocr auto|never|always (NB_OCR_AUTO, NB_OCR_NEVER, NB_OCR_ALWAYS) */
    int         ocr_dpi;        /* --ocr-dpi N: pages drawn from vectors are rendered at this (0: 300) */
    const char *shard;          /* --shard K/N: this part of the inputs (shard.h) */
    const char *jsonl;          /* --jsonl FILE|-: a JSON object per report as it is done (jsonl.h) */
    int         from_jsonl;     /* merge --from-jsonl: the inputs are JSON Lines streams */
    char      **inputs;         /* files and directories named on the command line */
    int         ninputs;
} nb_opts;

/* Pick the message in the chosen language. */
#define NB_TR(o, zh, en_) ((o)->en ? (en_) : (zh))

int cmd_dump(int argc, char **argv, nb_opts *o);
int cmd_extract(int argc, char **argv, nb_opts *o);
int cmd_audit(int argc, char **argv, nb_opts *o);
int cmd_rules(int argc, char **argv, nb_opts *o);
int cmd_explain(int argc, char **argv, nb_opts *o);
int cmd_report(int argc, char **argv, nb_opts *o);
int cmd_runs(int argc, char **argv, nb_opts *o);
int cmd_diff(int argc, char **argv, nb_opts *o);
int cmd_merge(int argc, char **argv, nb_opts *o);

/* Write the HTML report (--html) of the output folder dir. Returns an exit status. */
int nb_write_html_report(const nb_opts *o, const char *dir);

/* Report an error about one input on stderr: "nianbao: FILE: message". */
void nb_warn_file(const nb_opts *o, const char *path, const char *msg, const char *detail);

#endif
