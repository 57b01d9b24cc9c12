#ifndef REPOGEN_CLIBPQ_SHIM_H
#define REPOGEN_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

/// Waits up to `microseconds` (negative: without limit) for `fd` to become readable: 1 readable, 0 timed out,
/// -1 error (errno set).
///
/// On Linux this is ppoll, which has microsecond resolution where poll has milliseconds; it is called through
/// syscall(2) because glibc declares ppoll only under _GNU_SOURCE, which Swift's Glibc module is built without.
/// Elsewhere (Darwin has no ppoll) it is poll with the timeout rounded up to whole milliseconds, so a wait is
/// never shorter than asked.
static inline int repogen_wait_readable(int fd, long long microseconds) {
    struct pollfd descriptor = {fd, POLLIN, 0};
#ifdef __linux__
    struct timespec timeout = {(time_t)(microseconds / 1000000), (long)(microseconds % 1000000) * 1000};
    return (int)syscall(SYS_ppoll, &descriptor, 1, microseconds < 0 ? NULL : &timeout, NULL, (size_t)8);
#else
    int milliseconds = -1;
    if (microseconds >= 0) {
        long long rounded = (microseconds + 999) / 1000;
        milliseconds = rounded > 2147483647LL ? 2147483647 : (int)rounded;
    }
    return poll(&descriptor, 1, milliseconds);
#endif
}
#endif
