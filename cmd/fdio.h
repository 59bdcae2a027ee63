/*
 * cmd/fdio.h — writing whole buffers to a file descriptor: the outputs, the journal and the
 * worker pipes all need "all of it, or an error", across short writes and EINTR.
 */
#ifndef NB_FDIO_H
#define NB_FDIO_H

#include <stddef.h>
#include <sys/uio.h>

/* Write s[0..n). Returns 0, or -1 with errno set. */
int nb_write_all(int fd, const void *s, size_t n);

/* Write every buffer of iov[0..n) in order, IOV_MAX at a time; iov is used up (adjusted in place).
 * Returns 0, or -1 with errno set. */
int nb_writev_all(int fd, struct iovec *iov, int n);

#endif
