/*
 * cmd/inputs.c — collect input paths: files, directories walked recursively, --files-from lists.
 *
 * Walking records the (device, inode) of every directory on the current path; meeting one again is a
 * loop, reported once as an input with NB_ERR_LOOP and not followed.
 */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct dir_id { dev_t dev; ino_t ino; } dir_id;

/* The output directory, when it exists: a walk does not descend into it, so that `-o reports/out
 * reports/` does not read the last run's CSV files as reports. */
static dir_id out_dir;
static int have_out_dir;
/* The length of "DIR/" while walking DIR, named on the command line; 0 otherwise. */
static size_t walk_root;

static void push(nb_inputs *in, const char *path, nb_error err, const char *detail)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->v = realloc(in->v, in->cap * sizeof *in->v);
        if (!in->v) abort();
    }
    nb_input *e = &in->v[in->n++];
    e->path = strdup(path);
    e->err = err;
    e->detail = detail ? strdup(detail) : NULL;
    size_t n = strlen(path);
    e->rel = walk_root <= n ? walk_root : 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(nb_inputs *in, const char *dir, dir_id *stack, int depth)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        push(in, dir, errno == ELOOP ? NB_ERR_LOOP : NB_ERR_OPEN, strerror(errno));
        return;
    }
    for (int i = 0; i < depth; i++)
        if (stack[i].dev == st.st_dev && stack[i].ino == st.st_ino) {
            push(in, dir, NB_ERR_LOOP, NULL);
            return;
        }
    if (depth >= 64) {
        push(in, dir, NB_ERR_LOOP, "too deep");
        return;
    }
    stack[depth] = (dir_id){st.st_dev, st.st_ino};
    DIR *d = opendir(dir);
    if (!d) {
        push(in, dir, NB_ERR_OPEN, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = realloc(names, cap * sizeof *names);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, by_name);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + strlen(names[i]) + 2;
        char *p = malloc(len);
        snprintf(p, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        struct stat ls;
        if (stat(p, &ls) != 0) {
            if (errno == ELOOP) push(in, p, NB_ERR_LOOP, NULL);
            else if (lstat(p, &ls) == 0 && S_ISLNK(ls.st_mode)) push(in, p, NB_ERR_OPEN, strerror(ENOENT));
            else push(in, p, NB_ERR_OPEN, strerror(errno));
        } else if (S_ISDIR(ls.st_mode)) {
            if (!(have_out_dir && ls.st_dev == out_dir.dev && ls.st_ino == out_dir.ino))
                walk(in, p, stack, depth + 1);
        } else if (S_ISREG(ls.st_mode)) {
            push(in, p, NB_ERR_NONE, NULL);
        }
        free(p);
        free(names[i]);
    }
    free(names);
}

static void add_path(nb_inputs *in, const char *path)
{
    struct stat st;
    dir_id stack[64];
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        walk_root = n + (n && path[n - 1] == '/' ? 0 : 1);
        walk(in, path, stack, 0);
        walk_root = 0;
    } else {
        push(in, path, NB_ERR_NONE, NULL);   /* errors surface when the file is opened */
    }
}

int nb_inputs_collect(const nb_opts *o, nb_inputs *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    have_out_dir = o->out_dir && stat(o->out_dir, &st) == 0 && S_ISDIR(st.st_mode);
    if (have_out_dir) out_dir = (dir_id){st.st_dev, st.st_ino};
    for (int i = 0; i < o->ninputs; i++) add_path(out, o->inputs[i]);
    if (o->files_from) {
        FILE *f = strcmp(o->files_from, "-") ? fopen(o->files_from, "r") : stdin;
        if (!f) {
            fprintf(stderr, "nianbao: %s: %s\n", o->files_from, strerror(errno));
            return -1;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, f)) > 0) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
            if (len > 0) add_path(out, line);
        }
        free(line);
        if (f != stdin) fclose(f);
    }
    return 0;
}

void nb_inputs_free(nb_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].detail);
    }
    free(in->v);
    memset(in, 0, sizeof *in);
}
