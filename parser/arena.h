/*
 * parser/arena.h — the per-document memory arena.
 *
 * Everything a document owns (line texts, maps, words, tables, findings) is carved out of one arena
 * and released at once when the document is done. This keeps the hot path free of per-line malloc
 * and makes "nothing leaks between documents" a property of the design rather than of discipline.
 */
#ifndef NB_ARENA_H
#define NB_ARENA_H

#include <stddef.h>

typedef struct nb_arena_chunk nb_arena_chunk;

typedef struct nb_arena {
    nb_arena_chunk *head;   /* chunk being filled; older chunks follow through ->next */
    size_t total;           /* bytes handed out, for the memory benchmark */
} nb_arena;

void  nb_arena_init(nb_arena *a);
/* Release every chunk; the arena is empty and reusable afterwards. */
void  nb_arena_free(nb_arena *a);
/* Forget what was allocated but keep the first chunk, so a batch reuses it document after document. */
void  nb_arena_reset(nb_arena *a);
/* Zeroed, 16-byte aligned memory owned by the arena. Never returns NULL (aborts on OOM). */
void *nb_alloc(nb_arena *a, size_t n);
/* The same, not zeroed: for large blocks the caller fills before reading (zeroing them was a
 * measurable part of a text batch). */
void *nb_alloc_uninit(nb_arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL. */
char *nb_strndup(nb_arena *a, const char *s, size_t n);
char *nb_strdup(nb_arena *a, const char *s);
/* printf into the arena. */
char *nb_sprintf(nb_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable array whose storage lives on the heap until it is frozen into the arena. */
typedef struct nb_vec {
    void  *data;
    size_t len, cap, elem;
} nb_vec;

void  nb_vec_init(nb_vec *v, size_t elem);
/* Append one zeroed element and return it. */
void *nb_vec_push(nb_vec *v);
void  nb_vec_free(nb_vec *v);

#endif
