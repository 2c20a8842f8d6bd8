/*
 * The bounds of the process's initial thread stack, for the runtime's start-up, without sscanf.
 *
 * Why C: the caller is the NativeAOT runtime itself (PalGetMaximumStackBounds, in
 * ThreadStore::AttachCurrentThread), which runs inside the first call of an export, before any
 * managed code; its libc calls are reachable only at link time (-Wl,--wrap=pthread_getattr_np,
 * see the .csproj). Nothing in C# runs early enough.
 *
 * Why: the runtime asks pthread_getattr_np for the stack of every thread that enters it, once
 * per thread, and reads the answer back with pthread_attr_getstack only. For a thread that
 * glibc created the answer is cheap. For the initial thread (where most hosts, getent, sudo,
 * ssh, call the module) glibc reads /proc/self/maps and runs sscanf on every line: about
 * 190,000 instructions, a fifth of a cold `getent ahosts` through the module.
 *
 * What: the same rule as glibc 2.36 (nptl/pthread_getattr_np.c, the branch for the initial
 * thread), on the same data, with a plain hex scan of each line's "from-to" field:
 *   top  = the page above the one holding __libc_stack_end;
 *   size = RLIMIT_STACK's soft limit - (end of the mapping holding __libc_stack_end - top),
 *          rounded down to the page size, and at most top - the end of the mapping before it.
 * It answers only when the calling thread's own stack lies in that range (so it is the initial
 * thread: not a child forked from another thread, whose stack is elsewhere); in every other case,
 * or on any error, glibc's own pthread_getattr_np answers. The attribute object carries the
 * stack and glibc's defaults otherwise: the runtime reads nothing else from it (its only call
 * site is PalGetMaximumStackBounds).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

extern void *__libc_stack_end;
int __real_pthread_getattr_np(pthread_t thread, pthread_attr_t *attr);

/* Parses a lower-case hex number at *p (below end); returns the number of digits read. */
static size_t parse_hex(const char *p, const char *end, uintptr_t *value)
{
    uintptr_t v = 0;
    size_t n = 0;
    for (; p + n < end; n++) {
        char c = p[n];
        if (c >= '0' && c <= '9')
            v = (v << 4) | (uintptr_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v = (v << 4) | (uintptr_t)(c - 'a' + 10);
        else
            break;
    }
    *value = v;
    return n;
}

/* Finds the mapping holding `address` in /proc/self/maps: its end, and the end of the mapping
 * listed before it. Returns 0 when found. */
static int find_mapping(uintptr_t address, uintptr_t *to_out, uintptr_t *last_to_out)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buffer[4096];
    size_t kept = 0; /* bytes of an unfinished line at the start of buffer */
    uintptr_t last_to = 0;
    int found = -1;
    for (;;) {
        ssize_t n = read(fd, buffer + kept, sizeof buffer - kept);
        if (n < 0)
            break;
        const char *p = buffer, *end = buffer + kept + (size_t)n;
        int at_eof = n == 0;
        for (;;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (nl == NULL && !at_eof)
                break; /* read the rest of this line first */
            const char *line_end = nl ? nl : end;
            if (line_end == p)
                goto next;
            uintptr_t from, to;
            size_t a = parse_hex(p, line_end, &from);
            if (a == 0 || p + a >= line_end || p[a] != '-')
                goto next; /* not "from-to": glibc's sscanf would not match either */
            if (parse_hex(p + a + 1, line_end, &to) == 0)
                goto next;
            if (from <= address && address < to) {
                *to_out = to;
                *last_to_out = last_to;
                found = 0;
                goto done;
            }
            last_to = to;
        next:
            if (nl == NULL)
                goto done; /* the last line, without a newline */
            p = nl + 1;
        }
        kept = (size_t)(end - p);
        if (kept == sizeof buffer)
            break; /* a line longer than the buffer: not a maps line */
        memmove(buffer, p, kept);
    }
done:
    close(fd);
    return found;
}

int __wrap_pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
    /* Only the initial thread's call is answered here (thread id == process id; a thread of a
     * child forked from another thread also passes this test, the stack check below does not). */
    if (!pthread_equal(thread, pthread_self()) || gettid() != getpid())
        return __real_pthread_getattr_np(thread, attr);

    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t stack_end = (uintptr_t)__libc_stack_end;
    uintptr_t top = (stack_end & -page) + page;
    uintptr_t to, last_to;
    struct rlimit rl;
    if (find_mapping(stack_end, &to, &last_to) != 0 || getrlimit(RLIMIT_STACK, &rl) != 0)
        return __real_pthread_getattr_np(thread, attr);

    size_t size = (size_t)rl.rlim_cur - (size_t)(to - top);
    size &= -page;
    if (size > top - last_to)
        size = top - last_to;
    uintptr_t low = top - size;

    /* The caller's own stack must be this one (the initial thread's). */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (here < low || here >= top)
        return __real_pthread_getattr_np(thread, attr);

    if (pthread_attr_init(attr) != 0)
        return __real_pthread_getattr_np(thread, attr);
    if (pthread_attr_setstack(attr, (void *)low, size) != 0) {
        pthread_attr_destroy(attr);
        return __real_pthread_getattr_np(thread, attr);
    }
    return 0;
}
