#ifndef REPOGEN_CLIBPQ_SHIM_H
#define REPOGEN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/// Waits up to `microseconds` (negative: without limit) for `fd` to become readable: 1 readable, 0 timed out,
/// -1 error (errno set). ppoll has microsecond resolution where poll has milliseconds; it is called through
/// syscall(2) because glibc declares ppoll only under _GNU_SOURCE, which Swift's Glibc module is built without.
static inline int repogen_wait_readable(int fd, long long microseconds) {
    struct pollfd descriptor = {fd, POLLIN, 0};
    struct timespec timeout = {(time_t)(microseconds / 1000000), (long)(microseconds % 1000000) * 1000};
    return (int)syscall(SYS_ppoll, &descriptor, 1, microseconds < 0 ? NULL : &timeout, NULL, (size_t)8);
}
#endif
