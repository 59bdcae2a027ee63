/*
 * parser/arena.c — bump allocator in chunks, and a small growable vector.
 *
 * Chunks double from 64 KiB so that a 5-page report needs one or two and a 500-page one a handful.
 * nb_arena_reset keeps the first chunk: a batch of thousands of reports then allocates nothing new
 * for most documents, which is what keeps peak memory flat in corpus size.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nb_arena_chunk {
    nb_arena_chunk *next;
    size_t size, used;
    max_align_t data[];   /* keeps data aligned for any type */
};

#define NB_CHUNK_MIN (64u * 1024u)

static nb_arena_chunk *chunk_new(size_t size)
{
    nb_arena_chunk *c = malloc(sizeof *c + size);
    if (!c) {
        fputs("nianbao: out of memory\n", stderr);
        abort();
    }
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void nb_arena_init(nb_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void nb_arena_free(nb_arena *a)
{
    nb_arena_chunk *c = a->head;
    while (c) {
        nb_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

void nb_arena_reset(nb_arena *a)
{
    nb_arena_chunk *c = a->head, *keep = NULL;
    while (c) {
        nb_arena_chunk *n = c->next;
        if (!n) keep = c;          /* the oldest chunk is the first, smallest one */
        else free(c);
        c = n;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->total = 0;
}

void *nb_alloc(nb_arena *a, size_t n)
{
    void *p = nb_alloc_uninit(a, n);
    memset(p, 0, n);
    return p;
}

void *nb_alloc_uninit(nb_arena *a, size_t n)
{
    n = (n + 15u) & ~(size_t)15u;
    nb_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = c ? c->size * 2 : NB_CHUNK_MIN;
        while (size < n) size *= 2;
        nb_arena_chunk *fresh = chunk_new(size);
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}

char *nb_strndup(nb_arena *a, const char *s, size_t n)
{
    char *d = nb_alloc_uninit(a, n + 1);
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *nb_strdup(nb_arena *a, const char *s)
{
    return s ? nb_strndup(a, s, strlen(s)) : NULL;
}

char *nb_sprintf(nb_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return nb_strdup(a, "");
    char *d = nb_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void nb_vec_init(nb_vec *v, size_t elem)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->elem = elem;
}

void *nb_vec_push(nb_vec *v)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *d = realloc(v->data, cap * v->elem);
        if (!d) {
            fputs("nianbao: out of memory\n", stderr);
            abort();
        }
        v->data = d;
        v->cap = cap;
    }
    void *p = (char *)v->data + v->len * v->elem;
    memset(p, 0, v->elem);
    v->len++;
    return p;
}

void nb_vec_free(nb_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}
