/*
 * /proc/self/mountinfo for the runtime's start-up, cut to the cgroup mounts it looks for.
 *
 * Why C: the readers are the NativeAOT runtime's own C++ (InitializeCpuCGroup in PalInit, and
 * the GC's InitializeCGroup), which run inside the first call of an export, before any managed
 * code; their fopen is reachable only at link time (-Wl,--wrap=fopen64, see the .csproj; glibc's headers name fopen
 * fopen64 when files are 64-bit, as in the runtime).
 *
 * Why: each reader walks /proc/self/mountinfo line by line and runs
 * sscanf(strstr(line, " - "), " - %s %*s %s") on every line, about 2,000 instructions a line,
 * to find the mounts whose filesystem type begins with "cgroup". Twice: about 100,000
 * instructions on a machine with 25 mounts, and far more on a container host.
 *
 * What: fopen("/proc/self/mountinfo", ...) from the runtime returns an in-memory stream (its
 * buffer is freed by fclose) holding the lines of that file whose filesystem type, the first
 * word after " - ", begins with "cgroup", and every line without " - " (none, from a Linux
 * kernel; kept so that such a line reaches the runtime as before). The runtime skips every
 * other line without effect: its only other outcome for a line, stopping at a line that its
 * sscanf cannot parse, needs a line without the three fields after " - ", which the kernel
 * never writes (mount points with spaces are escaped as \040, so " - " appears once). Any
 * other path, and any error, goes to the real fopen.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *__real_fopen64(const char *path, const char *mode);

static int wanted(const char *line, size_t length)
{
    /* The first " - " (memmem's general search costs more than the whole line here). */
    for (const char *p = line, *end = line + length; (p = memchr(p, '-', (size_t)(end - p))) != NULL; p++) {
        if (p > line && p[-1] == ' ' && p + 1 < end && p[1] == ' ') {
            const char *type = p + 2;
            return end - type >= 6 && memcmp(type, "cgroup", 6) == 0;
        }
    }
    return 1;
}

/* Reads the whole file into a malloc'ed buffer; returns its length, or -1. */
static ssize_t read_all(const char *path, char **out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t size = 0, capacity = 16384;
    char *buffer = malloc(capacity);
    while (buffer != NULL) {
        if (size == capacity) {
            char *bigger = realloc(buffer, capacity * 2);
            if (bigger == NULL)
                break;
            buffer = bigger;
            capacity *= 2;
        }
        ssize_t n = read(fd, buffer + size, capacity - size);
        if (n == 0) {
            close(fd);
            *out = buffer;
            return (ssize_t)size;
        }
        if (n < 0)
            break;
        size += (size_t)n;
    }
    free(buffer);
    close(fd);
    return -1;
}

FILE *__wrap_fopen64(const char *path, const char *mode)
{
    if (strcmp(path, "/proc/self/mountinfo") != 0 || strcmp(mode, "r") != 0)
        return __real_fopen64(path, mode);

    char *all;
    ssize_t size = read_all(path, &all);
    if (size < 0)
        return __real_fopen64(path, mode);

    /* Keep the wanted lines, in order, at the front of the same buffer. */
    size_t kept = 0;
    for (size_t at = 0; at < (size_t)size;) {
        const char *nl = memchr(all + at, '\n', (size_t)size - at);
        size_t length = (nl ? (size_t)(nl - (all + at)) + 1 : (size_t)size - at);
        if (wanted(all + at, length)) {
            memmove(all + kept, all + at, length);
            kept += length;
        }
        at += length;
    }

    /* A stream that owns its buffer (freed by fclose; one byte more than the lines, as an
     * empty stream needs a size): write the lines, then read them back. */
    FILE *stream = fmemopen(NULL, kept + 1, "w+");
    if (stream == NULL || (kept > 0 && fwrite(all, 1, kept, stream) != kept)) {
        if (stream != NULL)
            fclose(stream);
        free(all);
        return __real_fopen64(path, mode);
    }
    free(all);
    rewind(stream);
    return stream;
}
