/*
 * tests/testutil.h — what the cmocka unit tests share: where the real reports are, skipping with a
 * printed reason when they or a tool are absent (a failure under CI=true), and small file helpers.
 */
#ifndef NB_TESTUTIL_H
#define NB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

/* The shared corpus: $NB_SHARED, else ../shared relative to the repository root (the cwd of make). */
static inline const char *nb_test_shared(void)
{
    const char *s = getenv("NB_SHARED");
    return s && *s ? s : "../shared";
}

/* Full path of a file in the shared corpus, in a static buffer (one at a time). */
static inline const char *nb_test_corpus(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/corpus/%s", nb_test_shared(), rel);
    return buf;
}

/* Under CI (CI=true, or NB_NO_SKIP=1) nothing may be skipped: the shared corpus and every tool
 * the tests use are there (scripts/install-deps installs them), so an absence is a failure. */
static inline int nb_test_no_skips(void)
{
    const char *ci = getenv("CI"), *no = getenv("NB_NO_SKIP");
    return (ci && !strcmp(ci, "true")) || (no && *no && strcmp(no, "0"));
}

/* Skip the current test with a reason, printed as a "skipped: " line that tests/run-all counts and
 * shows; under CI, fail instead. */
#define NB_SKIP(...)                                                                \
    do {                                                                            \
        if (nb_test_no_skips()) {                                                   \
            print_error("ERROR: no skip under CI=true (CI has ../shared, install-deps every tool): " \
                        __VA_ARGS__);                                               \
            print_error("\n");                                                      \
            fail();                                                                 \
        }                                                                           \
        print_message("skipped: " __VA_ARGS__);                                     \
        print_message("\n");                                                        \
        skip();                                                                     \
    } while (0)

/* Skip the current test, saying why, when a shared file is absent. */
#define NB_NEED_FILE(path)                                                          \
    do {                                                                            \
        struct stat st_;                                                            \
        if (stat((path), &st_) != 0) NB_SKIP("%s is absent (no shared corpus, or not built)", (path)); \
    } while (0)

static inline int nb_test_have_tool(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v '%s' >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* Skip the current test, saying why, when a command it needs is not installed. */
#define NB_NEED_TOOL(name)                                                          \
    do {                                                                            \
        if (!nb_test_have_tool(name)) NB_SKIP("%s is absent (scripts/install-deps installs it)", (name)); \
    } while (0)

/* Read a whole file into a malloc'd, NUL-terminated buffer. */
static inline char *nb_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    fclose(f);
    b[got] = '\0';
    if (len) *len = got;
    return b;
}

/* A scratch directory for the test (removed by the runner). */
static inline const char *nb_test_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        const char *t = getenv("NB_TMP");
        snprintf(dir, sizeof dir, "%s", t && *t ? t : "/tmp");
    }
    return dir;
}

/* A report of the shared corpus remade by qpdf (`qpdf OPTIONS 'src' 'out'`: OPTIONS end where qpdf
 * wants the input) into the test's scratch directory as `name`; skips, saying why, without the
 * report or qpdf. Returns the output path, in a static buffer (one at a time). */
static inline const char *nb_test_qpdf(const char *rel, const char *options, const char *name)
{
    static char out[1024];
    char src[4096], cmd[10240];
    snprintf(src, sizeof src, "%s", nb_test_corpus(rel));
    NB_NEED_FILE(src);
    NB_NEED_TOOL("qpdf");
    snprintf(out, sizeof out, "%s/%s", nb_test_tmpdir(), name);
    snprintf(cmd, sizeof cmd, "qpdf %s '%s' '%s'", options, src, out);
    assert_int_equal(system(cmd), 0);
    return out;
}

#endif
