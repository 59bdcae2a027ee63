/*
 * cmd/journal.c — the --resume journal (see journal.h for what it records and why).
 *
 * Format, one record per line, fields separated by single spaces, the path last and escaped
 * (%25 %0A %0D) so that any file name fits on one line:
 *
 *   nianbao-journal 1
 *   O <options, escaped>
 *   S <len documents> <len cells> … <len findings.jsonl>
 *   D <index> <size> <mtime_ns> <unreadable> <worst> <info> <warnings> <errors> <len …> <path>
 *
 * A line is written with one write(2) after the document's rows are on disk, so a line that is
 * there describes rows that are there; a torn last line (a kill mid-write) is simply not read.
 */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"

#define JOURNAL_NAME ".nianbao-journal"
#define JOURNAL_MAGIC "nianbao-journal 1"

void nb_file_identify(const char *path, nb_file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        id->size = -1;
        id->mtime_ns = 0;
        return;
    }
    id->size = (long long)st.st_size;
    id->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

int nb_journal_open(nb_journal *j, const char *dir, int en)
{
    j->pending = (nb_buf){0};
    size_t n = strlen(dir) + sizeof JOURNAL_NAME + 2;
    j->path = malloc(n);
    if (!j->path) abort();
    snprintf(j->path, n, "%s/%s", dir, JOURNAL_NAME);
    j->fd = open(j->path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (j->fd < 0) {
        fprintf(stderr, "nianbao: %s: %s\n", j->path, strerror(errno));
        free(j->path);
        j->path = NULL;
        return -1;
    }
    if (flock(j->fd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, en ? "nianbao: %s: another nianbao run is writing to this directory\n"
                           : "nianbao: %s: 另一个 nianbao 正在写入此目录\n", dir);
        close(j->fd);
        free(j->path);
        j->path = NULL;
        j->fd = -1;
        return -1;
    }
    return 0;
}

static void escape(nb_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '%') nb_buf_puts(b, "%25");
        else if (*s == '\n') nb_buf_puts(b, "%0A");
        else if (*s == '\r') nb_buf_puts(b, "%0D");
        else nb_buf_put(b, s, 1);
    }
}

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '%' && s[1] && s[2]) {
            if (!strncmp(s, "%25", 3)) { *o++ = '%'; s += 2; continue; }
            if (!strncmp(s, "%0A", 3)) { *o++ = '\n'; s += 2; continue; }
            if (!strncmp(s, "%0D", 3)) { *o++ = '\r'; s += 2; continue; }
        }
        *o++ = *s;
    }
    *o = '\0';
}


static void put_lengths(nb_buf *b, const long long len[])
{
    for (int k = 0; k < NB_OUT__COUNT; k++) nb_buf_printf(b, " %lld", len[k]);
}

int nb_journal_begin(nb_journal *j, const char *options, const long long len[])
{
    if (ftruncate(j->fd, 0) != 0 || lseek(j->fd, 0, SEEK_SET) != 0) return -1;
    nb_buf b = {0};
    nb_buf_puts(&b, JOURNAL_MAGIC "\nO ");
    escape(&b, options);
    nb_buf_puts(&b, "\nS");
    put_lengths(&b, len);
    nb_buf_puts(&b, "\n");
    int rc = nb_write_all(j->fd, b.p, b.len);
    nb_buf_free(&b);
    return rc;
}

void nb_journal_record(nb_journal *j, size_t index, const char *path, const nb_file_id *id,
                       const nb_result *res, const long long len[])
{
    nb_buf *b = &j->pending;
    nb_buf_printf(b, "D %zu %lld %lld %d %d %d %d %d", index, id->size, id->mtime_ns, res->unreadable,
                  res->worst, res->counts[0], res->counts[1], res->counts[2]);
    put_lengths(b, len);
    nb_buf_puts(b, " ");
    escape(b, path);
    nb_buf_puts(b, "\n");
}

int nb_journal_flush(nb_journal *j)
{
    int rc = j->pending.len ? nb_write_all(j->fd, j->pending.p, j->pending.len) : 0;
    nb_buf_clear(&j->pending);
    return rc;
}

/* Parse "count" integers separated by single spaces from *s, advancing it. */
static int parse_ints(char **s, long long *v, int count)
{
    for (int i = 0; i < count; i++) {
        char *end;
        if (**s != ' ') return -1;
        errno = 0;
        v[i] = strtoll(*s + 1, &end, 10);
        if (errno || end == *s + 1) return -1;
        *s = end;
    }
    return 0;
}

/* Read the whole journal into a NUL-terminated buffer. */
static char *slurp(int fd, size_t *n)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return NULL;
    char *b = malloc((size_t)st.st_size + 1);
    if (!b) return NULL;
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = pread(fd, b + got, (size_t)st.st_size - got, (off_t)got);
        if (r <= 0) break;
        got += (size_t)r;
    }
    b[got] = '\0';
    *n = got;
    return b;
}

int nb_journal_resume(nb_journal *j, const char *options, const nb_inputs *in, int fail_level,
                      nb_resume *r)
{
    memset(r, 0, sizeof *r);
    size_t n;
    char *text = slurp(j->fd, &n);
    if (!text) return 0;
    nb_buf want = {0};
    nb_buf_puts(&want, JOURNAL_MAGIC "\nO ");
    escape(&want, options);
    nb_buf_puts(&want, "\nS");
    int ok = n > want.len && !memcmp(text, want.p, want.len);
    char *line = text + want.len;
    nb_buf_free(&want);
    char *nl = ok ? strchr(line, '\n') : NULL;
    if (!nl) ok = 0;
    long long v[NB_OUT__COUNT + 8];
    if (ok) {
        *nl = '\0';
        ok = parse_ints(&line, v, NB_OUT__COUNT) == 0 && *line == '\0';
    }
    if (!ok) {
        free(text);
        return 0;
    }
    for (int k = 0; k < NB_OUT__COUNT; k++) r->len[k] = v[k];
    size_t keep = (size_t)(nl + 1 - text);
    /* the documents, in input order, as long as they still describe the inputs */
    for (line = nl + 1; r->done < in->n && (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        char *s = line + 1;
        if (line[0] != 'D' || parse_ints(&s, v, 8 + NB_OUT__COUNT) != 0 || *s != ' ') break;
        unescape(++s);
        nb_file_id id;
        nb_file_identify(in->v[r->done].path, &id);
        if (v[0] != (long long)r->done || strcmp(s, in->v[r->done].path) || v[1] != id.size ||
            v[2] != id.mtime_ns)
            break;
        r->unreadable += v[3] != 0;
        r->failing += v[4] >= fail_level;
        for (int k = 0; k < 3; k++) r->counts[k] += v[5 + k];
        for (int k = 0; k < NB_OUT__COUNT; k++) r->len[k] = v[8 + k];
        r->done++;
        keep = (size_t)(nl + 1 - text);
    }
    free(text);
    /* forget what is not kept, so the journal goes on from here */
    if (ftruncate(j->fd, (off_t)keep) != 0 || lseek(j->fd, 0, SEEK_END) != (off_t)keep) return 0;
    return 1;
}

void nb_journal_finish(nb_journal *j)
{
    if (j->path) unlink(j->path);
    nb_journal_close(j);
}

void nb_journal_close(nb_journal *j)
{
    nb_buf_free(&j->pending);
    if (j->fd >= 0) close(j->fd);
    j->fd = -1;
    free(j->path);
    j->path = NULL;
}
