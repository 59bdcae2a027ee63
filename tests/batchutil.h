/*
 * tests/batchutil.h — what the batch-level tests share: running the nianbao binary under test
 * ($NIANBAO, the sanitizer build) with an argument vector (no shell, so paths with spaces and
 * Chinese pass as they are), writing generated files, and reading a CSV output back into rows.
 * For the cmocka tests (it includes testutil.h).
 */
#ifndef NB_BATCHUTIL_H
#define NB_BATCHUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

extern char **environ;

/* The binary under test: $NIANBAO, else ./nianbao. */
static inline const char *nb_bin(void)
{
    const char *b = getenv("NIANBAO");
    return b && *b ? b : "./nianbao";
}

/* Run nianbao with argv (NULL-terminated, argv[0] ignored); stderr goes to err_path (or
 * /dev/null), stdout to /dev/null. Returns the exit status, or 128+signal. */
static inline int nb_run_cli(char *const argv[], const char *err_path)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, err_path ? err_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char *args[64];
    int n = 0;
    args[n++] = (char *)nb_bin();
    for (int i = 1; argv[i] && n < 63; i++) args[n++] = argv[i];
    args[n] = NULL;
    pid_t pid;
    int rc = posix_spawn(&pid, args[0], &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static inline void nb_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
    if (n && fwrite(data, 1, n, f) != n) abort();
    fclose(f);
}

/* One CSV file in memory: rows of fields (RFC 4180 quoting). */
typedef struct nb_csv {
    char ***rows;       /* rows[i][j], each row NULL-terminated */
    int     nrows;
} nb_csv;

static inline void nb_csv_free(nb_csv *c)
{
    for (int i = 0; i < c->nrows; i++) {
        for (int j = 0; c->rows[i][j]; j++) free(c->rows[i][j]);
        free(c->rows[i]);
    }
    free(c->rows);
    memset(c, 0, sizeof *c);
}

/* Parse text[0..n) (a BOM is skipped). */
static inline void nb_csv_parse(nb_csv *c, const char *s, size_t n)
{
    memset(c, 0, sizeof *c);
    size_t i = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < n) {
        char **row = NULL;
        int nf = 0;
        for (;;) {
            size_t cap = 64, len = 0;
            char *f = malloc(cap);
            if (i < n && s[i] == '"') {
                for (i++; i < n; i++) {
                    if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') i++;
                    else if (s[i] == '"') { i++; break; }
                    if (len + 2 > cap) f = realloc(f, cap *= 2);
                    f[len++] = s[i];
                }
            }
            for (; i < n && s[i] != ',' && s[i] != '\n'; i++) {
                if (len + 2 > cap) f = realloc(f, cap *= 2);
                f[len++] = s[i];
            }
            f[len] = '\0';
            row = realloc(row, (size_t)(nf + 2) * sizeof *row);
            row[nf++] = f;
            row[nf] = NULL;
            if (i >= n || s[i] == '\n') { i++; break; }
            i++;                                     /* the comma */
        }
        c->rows = realloc(c->rows, (size_t)(c->nrows + 1) * sizeof *c->rows);
        c->rows[c->nrows++] = row;
    }
}

/* Load and parse a CSV file (nb_test_slurp: testutil.h). Returns 0, or -1 if it cannot be read. */
static inline int nb_csv_load(nb_csv *c, const char *path)
{
    size_t n;
    char *b = nb_test_slurp(path, &n);
    if (!b) return -1;
    nb_csv_parse(c, b, n);
    free(b);
    return 0;
}

/* The first row whose column col equals value, or NULL. */
static inline char **nb_csv_find(const nb_csv *c, int col, const char *value)
{
    for (int i = 1; i < c->nrows; i++) {
        int k = 0;
        while (k < col && c->rows[i][k]) k++;
        if (k == col && c->rows[i][k] && !strcmp(c->rows[i][k], value)) return c->rows[i];
    }
    return NULL;
}

/* How many rows have column col equal to value. */
static inline int nb_csv_count(const nb_csv *c, int col, const char *value)
{
    int m = 0;
    for (int i = 1; i < c->nrows; i++) {
        int k = 0;
        while (k < col && c->rows[i][k]) k++;
        m += k == col && c->rows[i][k] && !strcmp(c->rows[i][k], value);
    }
    return m;
}

/* Every row of c whose first column is file, joined as text (for comparing two runs). */
static inline char *nb_csv_rows_of(const nb_csv *c, const char *file)
{
    size_t cap = 1024, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (int i = 1; i < c->nrows; i++) {
        if (!c->rows[i][0] || strcmp(c->rows[i][0], file)) continue;
        for (int j = 0; c->rows[i][j]; j++) {
            size_t fl = strlen(c->rows[i][j]);
            while (len + fl + 4 > cap) out = realloc(out, cap *= 2);
            memcpy(out + len, c->rows[i][j], fl);
            len += fl;
            out[len++] = c->rows[i][j + 1] ? '\x1f' : '\n';
        }
        out[len] = '\0';
    }
    return out;
}

#endif
