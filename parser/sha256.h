/*
 * parser/sha256.h — SHA-256 of a buffer as 64 lowercase hex digits: the sha256 column of every output.
 */
#ifndef NB_SHA256_H
#define NB_SHA256_H

#include <stddef.h>

/* Write the hex digest of data[0..n) and a NUL into out. */
void nb_sha256_hex(const void *data, size_t n, char out[65]);

/* SHA-256 of a regular file's bytes, streamed (a file that crashed a worker may be large); "" when it
 * cannot be read. */
void nb_sha256_file(const char *path, char out[65]);

/* 1 when the processor's SHA instructions are used, 0 when glib's portable code is. */
int nb_sha256_accelerated(void);

#endif
