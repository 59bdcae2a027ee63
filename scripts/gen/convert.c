/*
 * scripts/gen/convert.c — turns the office producers' source documents into the files an agency
 * would publish: LibreOffice (soffice --headless --convert-to, many files per call, a private
 * profile per call) for .fodt, and headless Chromium printing HTML pages to PDF through the
 * DevTools protocol over a pipe (--remote-debugging-pipe: one browser prints every page, about
 * ten times faster than one `chromium --print-to-pdf` per file).
 *
 * A tool that is not installed is found out before anything is rendered (tool_find), so nbgen
 * can skip its kinds with a message. A file a tool failed to write is reported by the caller,
 * which leaves it out of the truth. The dates and document ids both tools stamp into a PDF are
 * overwritten in place, with bytes of the same length, by the report's publication date and a
 * hash of the file name (pdf_normalise), so a conversion gives the same bytes on every run.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "convert.h"

/* ---- processes ---- */

/* The first of the names that is an executable on PATH (or the value of env when set). */
const char *tool_find(const char *env, const char *const *names, char *buf, size_t n)
{
    const char *forced = env ? getenv(env) : NULL;
    if (forced && *forced) {
        if (access(forced, X_OK) != 0) return NULL;
        snprintf(buf, n, "%s", forced);
        return buf;
    }
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    for (const char *const *nm = names; *nm; nm++)
        for (const char *p = path; *p;) {
            const char *e = strchr(p, ':');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            snprintf(buf, n, "%.*s/%s", (int)len, p, *nm);
            if (len && access(buf, X_OK) == 0) return buf;
            p = e ? e + 1 : p + len;
        }
    return NULL;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

static void rm_tree(const char *dir) { nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* Wait for pid until deadline (seconds since the epoch); kill its process group when it is late.
 * Returns the exit status, or -1 when it was killed. */
static int wait_until(pid_t pid, time_t deadline)
{
    for (;;) {
        int st;
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        if (w < 0 && errno != EINTR) return -1;
        if (time(NULL) > deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        usleep(50 * 1000);
    }
}

/* fork + exec argv in its own process group, stdout and stderr appended to log. */
static pid_t spawn(char *const *argv, const char *log, int in_fd, int out_fd)
{
    pid_t pid = fork();
    if (pid != 0) return pid;
    setpgid(0, 0);
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) { dup2(devnull, 0); close(devnull); }
    if (in_fd >= 0) {
        /* the DevTools pipe: the browser reads commands on fd 3 and writes answers on fd 4 */
        int a = fcntl(in_fd, F_DUPFD, 10), b = fcntl(out_fd, F_DUPFD, 10);
        dup2(a, 3);
        dup2(b, 4);
        close(a);
        close(b);
    }
    execv(argv[0], argv);
    _exit(127);
}

/* ---- LibreOffice ---- */

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && st.st_size > 0;
}

/* One soffice call over srcs[0..n); a private profile so that concurrent runs never collide. */
static void soffice_batch(const char *soffice, const char *format, const char *outdir, char *const *srcs, int n,
                          const char *log)
{
    char profile[] = "/tmp/nbgen-lo-XXXXXX";
    if (!mkdtemp(profile)) return;
    char env[PATH_MAX + 64];
    snprintf(env, sizeof env, "-env:UserInstallation=file://%s", profile);
    char **argv = calloc((size_t)n + 12, sizeof *argv);
    int a = 0;
    argv[a++] = (char *)soffice;
    argv[a++] = env;
    argv[a++] = "--headless";
    argv[a++] = "--norestore";
    argv[a++] = "--nologo";
    argv[a++] = "--nolockcheck";
    argv[a++] = "--convert-to";
    argv[a++] = (char *)format;
    argv[a++] = "--outdir";
    argv[a++] = (char *)outdir;
    for (int i = 0; i < n; i++) argv[a++] = srcs[i];
    argv[a] = NULL;
    pid_t pid = spawn(argv, log, -1, -1);
    if (pid > 0) wait_until(pid, time(NULL) + 120 + 5 * n);
    free(argv);
    rm_tree(profile);
}

void convert_lo(const char *soffice, const char *format, const char *outdir, conv_job *jobs, int n, const char *log)
{
    enum { BATCH = 150 };
    char **srcs = calloc((size_t)n + 1, sizeof *srcs);
    /* two passes: a file the first call did not write (a crash part-way through a batch) is tried
     * once more in a call of its own batch */
    for (int pass = 0; pass < 2; pass++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (!file_exists(jobs[i].dst)) srcs[m++] = jobs[i].src;
        for (int i = 0; i < m; i += BATCH) soffice_batch(soffice, format, outdir, srcs + i, m - i < BATCH ? m - i : BATCH, log);
    }
    free(srcs);
}

/* ---- Chromium over the DevTools pipe ---- */

typedef struct browser {
    pid_t pid;
    int wr, rd;             /* our ends: commands out, answers in */
    char *buf;              /* bytes read, not yet split into messages */
    size_t len, cap;
    int next_id;
    char session[128];
    char profile[64];
} browser;

static int send_msg(browser *b, const char *msg)
{
    size_t n = strlen(msg) + 1;   /* messages are NUL-terminated */
    for (size_t off = 0; off < n;) {
        ssize_t w = write(b->wr, msg + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        off += (size_t)w;
    }
    return 0;
}

/* The next message (malloc'd) or NULL on timeout or when the browser has gone. */
static char *recv_msg(browser *b, int timeout_ms)
{
    for (;;) {
        char *nul = b->len ? memchr(b->buf, '\0', b->len) : NULL;
        if (nul) {
            size_t n = (size_t)(nul - b->buf);
            char *m = malloc(n + 1);
            memcpy(m, b->buf, n + 1);
            memmove(b->buf, nul + 1, b->len - n - 1);
            b->len -= n + 1;
            return m;
        }
        struct pollfd pf = {b->rd, POLLIN, 0};
        int pr = poll(&pf, 1, timeout_ms);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) return NULL;
        if (b->cap - b->len < 65536) {
            b->cap = b->cap ? b->cap * 2 : 1 << 20;
            b->buf = realloc(b->buf, b->cap);
        }
        ssize_t r = read(b->rd, b->buf + b->len, b->cap - b->len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return NULL;
        b->len += (size_t)r;
    }
}

/* The id of an answer ({"id":N,...}), -1 for an event. */
static int msg_id(const char *m) { return strncmp(m, "{\"id\":", 6) ? -1 : atoi(m + 6); }

/* The string value of "key":"…" in m, copied to out; 0 when absent. */
static int json_string(const char *m, const char *key, char *out, size_t n)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(m, pat);
    if (!p) return 0;
    p += strlen(pat);
    const char *e = strchr(p, '"');
    if (!e || (size_t)(e - p) >= n) return 0;
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    return 1;
}

/* Send a command and wait for its answer; events met meanwhile are counted in *loads when they are
 * Page.loadEventFired. The answer is malloc'd; NULL on timeout. */
static char *call(browser *b, const char *method, const char *params, int with_session, int *loads, int timeout_ms)
{
    int id = ++b->next_id;
    size_t n = strlen(method) + (params ? strlen(params) : 0) + 256;
    char *msg = malloc(n);
    snprintf(msg, n, "{\"id\":%d%s%s%s,\"method\":\"%s\"%s%s%s}", id, with_session ? ",\"sessionId\":\"" : "",
             with_session ? b->session : "", with_session ? "\"" : "", method, params ? ",\"params\":{" : "", params ? params : "",
             params ? "}" : "");
    int bad = send_msg(b, msg);
    free(msg);
    if (bad) return NULL;
    for (;;) {
        char *m = recv_msg(b, timeout_ms);
        if (!m) return NULL;
        if (msg_id(m) == id) return m;
        if (loads && strstr(m, "\"method\":\"Page.loadEventFired\"")) (*loads)++;
        free(m);
    }
}

static void browser_stop(browser *b)
{
    if (b->pid > 0) {
        char *m = call(b, "Browser.close", NULL, 0, NULL, 5000);
        free(m);
        close(b->wr);
        close(b->rd);
        wait_until(b->pid, time(NULL) + 10);
    }
    b->pid = 0;
    free(b->buf);
    b->buf = NULL;
    b->len = b->cap = 0;
    if (b->profile[0]) rm_tree(b->profile);
    b->profile[0] = '\0';
}

static int browser_start(browser *b, const char *chromium, const char *log)
{
    memset(b, 0, sizeof *b);
    snprintf(b->profile, sizeof b->profile, "/tmp/nbgen-chromium-XXXXXX");
    if (!mkdtemp(b->profile)) { b->profile[0] = '\0'; return -1; }
    int cmd[2], ans[2];
    if (pipe(cmd) != 0) return -1;
    if (pipe(ans) != 0) { close(cmd[0]); close(cmd[1]); return -1; }
    char udd[128];
    snprintf(udd, sizeof udd, "--user-data-dir=%s", b->profile);
    char *argv[] = {(char *)chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-extensions", "--remote-debugging-pipe", udd, "about:blank", NULL};
    fcntl(cmd[1], F_SETFD, FD_CLOEXEC);
    fcntl(ans[0], F_SETFD, FD_CLOEXEC);
    b->pid = spawn(argv, log, cmd[0], ans[1]);
    close(cmd[0]);
    close(ans[1]);
    b->wr = cmd[1];
    b->rd = ans[0];
    if (b->pid < 0) return -1;
    signal(SIGPIPE, SIG_IGN);
    char target[128], *m = call(b, "Target.createTarget", "\"url\":\"about:blank\"", 0, NULL, 60000);
    int ok = m && json_string(m, "targetId", target, sizeof target);
    free(m);
    if (!ok) return -1;
    char params[256];
    snprintf(params, sizeof params, "\"targetId\":\"%s\",\"flatten\":true", target);
    m = call(b, "Target.attachToTarget", params, 0, NULL, 30000);
    ok = m && json_string(m, "sessionId", b->session, sizeof b->session);
    free(m);
    if (!ok) return -1;
    m = call(b, "Page.enable", NULL, 1, NULL, 30000);
    ok = m != NULL;
    free(m);
    return ok ? 0 : -1;
}

static int b64_value(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decode the base64 "data" of a printToPDF answer into path (written under a temporary name). */
static int write_b64(const char *m, const char *path)
{
    const char *p = strstr(m, "\"data\":\"");
    if (!p) return -1;
    p += 8;
    const char *e = strchr(p, '"');
    if (!e) return -1;
    size_t n = (size_t)(e - p);
    unsigned char *out = malloc(n / 4 * 3 + 3);
    size_t k = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64_value((unsigned char)p[i]);
        if (v < 0) continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) { bits -= 8; out[k++] = (unsigned char)(acc >> bits); }
    }
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int bad = !f || fwrite(out, 1, k, f) != k;
    if (f && fclose(f) != 0) bad = 1;
    free(out);
    if (bad || rename(tmp, path) != 0) { remove(tmp); return -1; }
    return 0;
}

/* Navigate to one page, wait for its load event, print it. */
static int print_one(browser *b, const conv_job *j)
{
    char abs[PATH_MAX], params[PATH_MAX + 64];
    if (!realpath(j->src, abs)) return -1;
    snprintf(params, sizeof params, "\"url\":\"file://%s\"", abs);
    int loads = 0;
    char *m = call(b, "Page.navigate", params, 1, &loads, 60000);
    int ok = m && !strstr(m, "\"errorText\"");
    free(m);
    while (ok && !loads) {
        m = recv_msg(b, 60000);
        if (!m) { ok = 0; break; }
        if (strstr(m, "\"method\":\"Page.loadEventFired\"")) loads++;
        free(m);
    }
    if (!ok) return -1;
    size_t n = strlen(j->opts ? j->opts : "") + 64;
    char *pp = malloc(n);
    snprintf(pp, n, "%s%s\"transferMode\":\"ReturnAsBase64\"", j->opts ? j->opts : "", j->opts && *j->opts ? "," : "");
    m = call(b, "Page.printToPDF", pp, 1, NULL, 120000);
    free(pp);
    ok = m && write_b64(m, j->dst) == 0;
    free(m);
    return ok ? 0 : -1;
}

void convert_chromium(const char *chromium, conv_job *jobs, int n, const char *log)
{
    browser b = {0};
    int started = 0, restarts = 0;
    for (int i = 0; i < n; i++) {
        if (!started) {
            if (browser_start(&b, chromium, log) != 0) {
                browser_stop(&b);
                if (++restarts > 3) return;
                i--;
                continue;
            }
            started = 1;
        }
        if (print_one(&b, &jobs[i]) != 0) {
            /* a browser that failed one page is replaced: the next page starts clean */
            browser_stop(&b);
            started = 0;
            if (++restarts > 3) return;
        }
    }
    if (started) browser_stop(&b);
}

/* ---- PDF bytes that vary from run to run ---- */

static int digits(const unsigned char *p, const unsigned char *end, int n)
{
    if (end - p < n) return 0;
    for (int i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return 1;
}

static int is_hex(int c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int pdf_normalise(const char *path, int y, int m, int d, const char *name)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *s = malloc((size_t)n + 1);
    int bad = n <= 0 || fread(s, 1, (size_t)n, f) != (size_t)n;
    fclose(f);
    if (bad) { free(s); return -1; }
    char stamp[16], xmp[20];
    snprintf(stamp, sizeof stamp, "%04d%02d%02d090000", y, m, d > 28 ? 28 : d);
    snprintf(xmp, sizeof xmp, "%04d-%02d-%02dT09:00:00", y, m, d > 28 ? 28 : d);
    uint64_t h = 1469598103934665603ull;
    for (const char *p = name; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    const unsigned char *end = s + n;
    for (unsigned char *p = s; p < end; p++) {
        /* PDF dates: (D:YYYYMMDDHHmmSS… */
        if (p[0] == '(' && end - p > 3 && p[1] == 'D' && p[2] == ':' && digits(p + 3, end, 14)) memcpy(p + 3, stamp, 14);
        /* XMP dates: >YYYY-MM-DDTHH:MM:SS */
        else if (p[0] == '>' && end - p > 20 && digits(p + 1, end, 4) && p[5] == '-' && p[8] == '-' && p[11] == 'T' && p[14] == ':')
            memcpy(p + 1, xmp, 19);
        /* document ids: /ID [<hex><hex>], LibreOffice's /DocChecksum, XMP uuid:… */
        else if (p[0] == '/' && end - p > 4 && !memcmp(p, "/ID", 3)) {
            unsigned char *q = p + 3;
            for (int k = 0; k < 2; k++) {
                while (q < end && (*q == ' ' || *q == '[' || *q == '\n' || *q == '\r')) q++;
                if (q >= end || *q != '<') break;
                uint64_t x = h ^ (uint64_t)k;
                for (q++; q < end && is_hex(*q); q++) {
                    x = x * 6364136223846793005ull + 1442695040888963407ull;
                    *q = "0123456789ABCDEF"[(x >> 60) & 15];
                }
                if (q < end) q++;
            }
        } else if (p[0] == '/' && end - p > 14 && !memcmp(p, "/DocChecksum /", 14)) {
            uint64_t x = h ^ 2;
            for (unsigned char *q = p + 14; q < end && is_hex(*q); q++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                *q = "0123456789ABCDEF"[(x >> 60) & 15];
            }
        } else if (p[0] == 'u' && end - p > 41 && !memcmp(p, "uuid:", 5)) {
            uint64_t x = h;
            for (unsigned char *q = p + 5; q < p + 41; q++)
                if (is_hex(*q)) { x = x * 6364136223846793005ull + 1442695040888963407ull; *q = "0123456789abcdef"[(x >> 60) & 15]; }
        }
    }
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
    bad = !f || fwrite(s, 1, (size_t)n, f) != (size_t)n;
    if (f && fclose(f) != 0) bad = 1;
    free(s);
    if (bad || rename(tmp, path) != 0) { remove(tmp); return -1; }
    return 0;
}
