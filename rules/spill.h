/*
 * rules/spill.h — what the rules across reports keep on disk so that their memory stays flat in the
 * number of reports (xrun.c): a temporary file of bytes read back by offset, and an external sort
 * of fixed-size records.
 *
 * A sort holds records in memory up to a budget, then writes them out as a sorted run; reading
 * merges the runs. Records are ordered by their bytes (memcmp), so keys are written big-endian.
 * Temporary files are made in $TMPDIR (or /tmp) and unlinked at once: nothing is left behind, even
 * by a killed run. A write that fails (a full disk) is remembered, not fatal: the caller asks
 * nb_tmp_failed / nb_spill_failed at the end and reports one clear error.
 */
#ifndef NB_SPILL_H
#define NB_SPILL_H

#include <stddef.h>
#include <stdint.h>

typedef struct nb_tmp {
    int      fd;
    uint64_t len;           /* bytes in the file, the write buffer included */
    char    *buf;           /* appended bytes not yet written */
    size_t   blen;
    int      failed;
} nb_tmp;

/* Open an empty temporary file. Returns 0, or -1 (t->failed set). */
int      nb_tmp_open(nb_tmp *t);
/* Append n bytes; returns their offset. */
uint64_t nb_tmp_put(nb_tmp *t, const void *p, size_t n);
/* Read n bytes at off (zeroes past the end, or after a failure). */
void     nb_tmp_get(nb_tmp *t, uint64_t off, void *p, size_t n);
/* Overwrite n bytes at off (within what was put). */
void     nb_tmp_set(nb_tmp *t, uint64_t off, const void *p, size_t n);
void     nb_tmp_close(nb_tmp *t);

typedef struct nb_spill nb_spill;

/* A sort of records of rec bytes, holding at most about budget bytes of them in memory. */
nb_spill *nb_spill_new(size_t rec, size_t budget);
void      nb_spill_add(nb_spill *s, const void *rec);
/* The records in order, one per call (1), then 0. No record may be added once this was called. */
int       nb_spill_next(nb_spill *s, void *rec);
/* How many records were added. */
uint64_t  nb_spill_count(const nb_spill *s);
int       nb_spill_failed(const nb_spill *s);
void      nb_spill_free(nb_spill *s);

/* Big-endian keys. */
static inline void nb_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}
static inline uint32_t nb_get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void nb_put_be64(uint8_t *p, uint64_t v)
{
    nb_put_be32(p, (uint32_t)(v >> 32));
    nb_put_be32(p + 4, (uint32_t)v);
}
static inline uint64_t nb_get_be64(const uint8_t *p)
{
    return (uint64_t)nb_get_be32(p) << 32 | nb_get_be32(p + 4);
}

#endif
