/*
 * cmd/output.c — write the output files atomically (see output.h).
 *
 * Partial names are ".NAME.partial" in the output directory itself, so the final rename never
 * crosses a file system, and the same names are found again by --resume. Rows go out with
 * write(2) straight from the document's buffers: no stdio buffer sits between what the journal
 * records and what is on disk, so a SIGKILL right after a journal line loses nothing it claims.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"

static char *join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(prefix) + strlen(suffix) + 3;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

int nb_outputs_mkdir(const char *dir)
{
    char *p = strdup(dir);
    int rc = 0;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST) rc = -1;
    struct stat st;
    if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))) {
        errno = ENOTDIR;
        rc = -1;
    }
    if (rc != 0) fprintf(stderr, "nianbao: %s: %s\n", dir, strerror(errno));
    free(p);
    return rc;
}

/* Name every file this run writes; fds closed. */
static void name_files(nb_outputs *o, const char *dir, const nb_run *run)
{
    memset(o, 0, sizeof *o);
    o->dir = dir;
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (k < NB_OUT__COUNT) o->fd[k] = -1;
        if (k < NB_OUT__COUNT && !nb_out_enabled(run, k)) continue;
        const char *name = k < NB_OUT__COUNT ? nb_out_name(k) : "datapackage.json";
        o->final[k] = join(dir, "", name, "");
        o->partial[k] = join(dir, ".", name, ".partial");
    }
}

static void free_queues(nb_outputs *o)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        free(o->queue[k]);
        o->queue[k] = NULL;
        o->nqueue[k] = o->capqueue[k] = 0;
    }
}

static void free_names(nb_outputs *o)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        free(o->source[k]);
        o->source[k] = NULL;
    }
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        free(o->partial[k]);
        free(o->final[k]);
        o->partial[k] = o->final[k] = NULL;
    }
}

int nb_outputs_create(nb_outputs *o, const char *dir, const nb_run *run, int bom)
{
    name_files(o, dir, run);
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (!o->partial[k]) continue;
        o->fd[k] = open(o->partial[k], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (o->fd[k] < 0) {
            fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
            nb_outputs_close(o);
            return -1;
        }
        nb_buf h = {0};
        if (bom && k != NB_OUT_JSONL && k != NB_OUT_SHARD && !nb_out_internal(k)) nb_buf_puts(&h, "\xEF\xBB\xBF");
        if (k == NB_OUT_SHARD) nb_buf_puts(&h, run->shard_head);
        else nb_out_header(k, &h);
        int rc = nb_write_all(o->fd[k], h.p ? h.p : "", h.len);
        o->len[k] = (long long)h.len;
        nb_buf_free(&h);
        if (rc != 0) {
            fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
            nb_outputs_close(o);
            return -1;
        }
    }
    return 0;
}

int nb_outputs_reopen(nb_outputs *o, const char *dir, const nb_run *run, const long long len[])
{
    name_files(o, dir, run);
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (!o->partial[k]) continue;
        struct stat st;
        o->fd[k] = open(o->partial[k], O_WRONLY | O_CLOEXEC);
        if (o->fd[k] < 0 || fstat(o->fd[k], &st) != 0 || st.st_size < len[k] ||
            ftruncate(o->fd[k], len[k]) != 0 || lseek(o->fd[k], len[k], SEEK_SET) != len[k]) {
            nb_outputs_close(o);
            return -1;
        }
        o->len[k] = len[k];
    }
    return 0;
}

void nb_outputs_keep(nb_outputs *o, int k, const char *source)
{
    if (o->fd[k] < 0 || o->keep[k]) return;
    close(o->fd[k]);
    o->fd[k] = -1;
    unlink(o->partial[k]);
    o->keep[k] = 1;
    if (source && !(o->source[k] = strdup(source))) abort();
}

/* Copy the first n bytes of from to to's end, in the kernel (copy_file_range), read and write
 * when it cannot. Returns 0 or -1. */
static int copy_prefix(int from, int to, long long n)
{
    loff_t in = 0;
    while (in < n) {
        ssize_t k = copy_file_range(from, &in, to, NULL, (size_t)(n - in), 0);
        if (k > 0) continue;
        if (k == 0) return errno = EIO, -1;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return -1;
        char buf[1 << 16];
        ssize_t r = pread(from, buf, (size_t)(n - in < (long long)sizeof buf ? n - in : (long long)sizeof buf), in);
        if (r <= 0 || nb_write_all(to, buf, (size_t)r) != 0) return r == 0 ? (errno = EIO, -1) : -1;
        in += r;
    }
    return 0;
}

int nb_outputs_tail_only(nb_outputs *o, int k)
{
    if (!o->keep[k]) return 0;
    o->fd[k] = open(o->partial[k], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (o->fd[k] < 0) {
        fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
        return -1;
    }
    o->keep[k] = 0;
    o->tail_only[k] = 1;
    o->len[k] = 0;
    return 0;
}

int nb_outputs_copy_sources(nb_outputs *o)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (!o->keep[k] || !o->source[k]) continue;
        int from = open(o->source[k], O_RDONLY | O_CLOEXEC);
        struct stat sb;
        o->fd[k] = from >= 0 && fstat(from, &sb) == 0 ? open(o->partial[k], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666) : -1;
        int rc = o->fd[k] >= 0 && copy_prefix(from, o->fd[k], (long long)sb.st_size) == 0 ? 0 : -1;
        if (rc != 0) fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
        if (from >= 0) close(from);
        if (rc != 0) return -1;
        o->keep[k] = 0;
        o->len[k] = (long long)sb.st_size;
    }
    return 0;
}

int nb_outputs_tail_settle(nb_outputs *o, int k, long long prefix, int same)
{
    if (!o->tail_only[k]) return 0;
    o->tail_only[k] = 0;
    close(o->fd[k]);
    o->fd[k] = -1;
    if (same && !o->source[k]) {
        unlink(o->partial[k]);
        o->keep[k] = 1;
        return 0;
    }
    /* the rows aside, then the partial made again: the documents' part, the rows */
    char *rows = join(o->dir, ".", nb_out_name(k), ".tail.partial");
    long long n = o->len[k];
    int rc = rename(o->partial[k], rows);
    int from = rc == 0 ? open(o->source[k] ? o->source[k] : o->final[k], O_RDONLY | O_CLOEXEC) : -1, tail = rc == 0 ? open(rows, O_RDONLY | O_CLOEXEC) : -1;
    o->fd[k] = from >= 0 && tail >= 0 ? open(o->partial[k], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666) : -1;
    if (o->fd[k] < 0 || copy_prefix(from, o->fd[k], prefix) != 0 || copy_prefix(tail, o->fd[k], n) != 0) rc = -1;
    if (rc != 0) fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
    if (from >= 0) close(from);
    if (tail >= 0) close(tail);
    unlink(rows);
    free(rows);
    o->len[k] = prefix + n;
    return rc;
}

int nb_outputs_stat(const nb_outputs *o, int k, struct stat *st)
{
    if (o->fd[k] >= 0) return fstat(o->fd[k], st);
    return o->keep[k] && o->final[k] ? stat(o->final[k], st) : -1;
}

void nb_outputs_append(nb_outputs *o, const nb_result *res)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (o->fd[k] < 0 || !res->out[k].len) continue;
        if (o->nqueue[k] == o->capqueue[k]) {
            o->capqueue[k] = o->capqueue[k] ? 2 * o->capqueue[k] : 32;
            o->queue[k] = realloc(o->queue[k], (size_t)o->capqueue[k] * sizeof *o->queue[k]);
            if (!o->queue[k]) abort();
        }
        o->queue[k][o->nqueue[k]++] = (struct iovec){res->out[k].p, res->out[k].len};
        o->len[k] += (long long)res->out[k].len;
    }
}

int nb_outputs_flush(nb_outputs *o)
{
    int rc = 0;
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (o->nqueue[k] && rc == 0 && nb_writev_all(o->fd[k], o->queue[k], o->nqueue[k]) != 0) {
            fprintf(stderr, "nianbao: %s: %s\n", o->partial[k], strerror(errno));
            rc = -1;
        }
        o->nqueue[k] = 0;
    }
    return rc;
}

static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int nb_outputs_commit(nb_outputs *o, const nb_run *run)
{
    nb_buf dp = {0};
    nb_datapackage(run, &dp);
    int fd = open(o->partial[NB_OUT__COUNT], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int rc = fd < 0 || nb_write_all(fd, dp.p, dp.len) != 0 || fsync(fd) != 0 ? -1 : 0;
    if (fd >= 0 && close(fd) != 0) rc = -1;
    nb_buf_free(&dp);
    for (int k = 0; k < NB_OUT__COUNT && rc == 0; k++) {
        if (o->fd[k] < 0) continue;
        if (fsync(o->fd[k]) != 0) rc = -1;
        if (close(o->fd[k]) != 0) rc = -1;
        o->fd[k] = -1;
    }
    if (rc != 0) {
        fprintf(stderr, "nianbao: %s: %s\n", o->dir, strerror(errno));
        nb_outputs_close(o);
        return -1;
    }
    /* the data files first, the package description last: a reader that sees the new
     * datapackage.json sees new data */
    for (int k = 0; k <= NB_OUT__COUNT; k++) {
        if (!o->partial[k] || (k < NB_OUT__COUNT && o->keep[k])) continue;
        if (k < NB_OUT__COUNT && nb_out_internal(k) && !run->shard_head) {
            unlink(o->partial[k]);          /* the run's own working file, read by now; a shard keeps it for the merge */
            continue;
        }
        if (rename(o->partial[k], o->final[k]) != 0) {
            fprintf(stderr, "nianbao: %s: %s\n", o->final[k], strerror(errno));
            rc = -1;
        }
    }
    sync_dir(o->dir);
    free_queues(o);
    free_names(o);
    return rc;
}

void nb_outputs_close(nb_outputs *o)
{
    for (int k = 0; k < NB_OUT__COUNT; k++) {
        if (o->fd[k] >= 0) close(o->fd[k]);
        o->fd[k] = -1;
    }
    free_queues(o);
    free_names(o);
}

int nb_outputs_fds(const nb_outputs *o, int *fds, int max)
{
    int n = 0;
    for (int k = 0; k < NB_OUT__COUNT && n < max; k++)
        if (o->fd[k] >= 0) fds[n++] = o->fd[k];
    return n;
}
