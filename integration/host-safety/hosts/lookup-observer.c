/* Preloaded (LD_PRELOAD) into every host of the host-safety suite: it wraps getaddrinfo and
 * pthread_create to measure what a lookup changes in the process that makes it, and writes
 * one line to $HOST_SAFETY_REPORT when the process exits:
 *   lookups=N sigs_changed=N sigs=A,B transient=A,B probes=N mask_changed=N threads=N rss_kb=N vm_kb=N fds=N
 * - sigs: signals 1-64 whose disposition differs after a lookup from what it was just before
 *   it, over every lookup that ran alone. A disposition is everything sigaction(2) reports:
 *   the handler, every bit of sa_flags (SA_RESTORER included), the restorer when it is set,
 *   and sa_mask (the kernel's 64 signals);
 * - transient: the same comparison, made from another thread while a lookup is inside a
 *   module: (1) by the probe thread (below), at every open, open64, read, pread, statx,
 *   readdir64, close and syscall a module makes during a lookup, against the dispositions queried just before that lookup; (2) by the
 *   before/after queries of lookups that overlapped another thread's lookup;
 * - probes: how many of the probe's comparisons (1) were made (0: the transient column saw
 *   nothing of this host's lookups from another thread);
 * - mask_changed: lookups after which the calling thread's signal mask differs;
 * - threads: threads created while a lookup runs (and by those threads), i.e. by the module;
 * - rss_kb, vm_kb, fds: VmRSS, VmSize and open descriptors added by the first lookup, which
 *   runs alone (module load included). Hosts first resolve "localhost" (answered by "files")
 *   so that glibc's own start-up is not counted.
 * The probe thread exists when HOST_SAFETY_PROBE=1 (repeat.sh sets it unless told otherwise):
 * the observer starts it before main, with every signal blocked (no host signal is delivered
 * to it) and a 64 KiB stack, so it is in place before any figure is taken; it is not counted
 * under threads. A forked child has no probe (the child's lookups are compared before/after
 * only). */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000 /* the kernel's flag; glibc's headers do not define it */
#endif

typedef int (*getaddrinfo_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
typedef int (*pthread_create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static __thread int inside_module;
static atomic_long lookups, threads_created, masks_changed, probes;
static atomic_ullong changed_signals, transient_signals; /* bit n-1 for signal n */
static atomic_int in_flight;
static atomic_long started;
static pthread_mutex_t first_lock = PTHREAD_MUTEX_INITIALIZER;
static int first_done;
static long first_rss_kb, first_vm_kb, first_fds;

struct dispositions { struct sigaction sa[65]; int ok[65]; };

static void query(struct dispositions *d)
{
    for (int s = 1; s <= 64; s++)
        d->ok[s] = sigaction(s, NULL, &d->sa[s]) == 0;
}

static unsigned long long differing(const struct dispositions *a, const struct dispositions *b)
{
    unsigned long long bits = 0;
    for (int s = 1; s <= 64; s++) {
        int same = a->ok[s] == b->ok[s];
        if (same && a->ok[s]) {
            same = a->sa[s].sa_sigaction == b->sa[s].sa_sigaction
                && a->sa[s].sa_flags == b->sa[s].sa_flags /* every bit: a handler reinstalled through glibc gains SA_RESTORER */
                && (!(a->sa[s].sa_flags & SA_RESTORER) || a->sa[s].sa_restorer == b->sa[s].sa_restorer)
                && memcmp(&a->sa[s].sa_mask, &b->sa[s].sa_mask, 8) == 0; /* the kernel's sigset: signals 1-64 */
        }
        if (!same)
            bits |= 1ULL << (s - 1);
    }
    return bits;
}

/* The probe: a thread of the observer's that compares the dispositions, as it sees them, with
 * those a lookup started with, while that lookup is inside a module (called from the wrappers
 * below, of the file calls both modules make, ours and Debian's; glibc's own code never
 * reaches them, only a module calls them through its PLT). One comparison at a time; the
 * calling thread waits for it. */
static __thread const struct dispositions *lookup_before; /* set while this thread's lookup runs */
static pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t probe_cond = PTHREAD_COND_INITIALIZER;
static const struct dispositions *probe_reference;
static unsigned long probe_requested, probe_answered;
static int probe_busy;
static atomic_int probe_alive; /* 0 before the probe starts and in a forked child */

static void *probe_main(void *unused)
{
    (void)unused;
    static struct dispositions now; /* only this thread uses it */
    pthread_mutex_lock(&probe_lock);
    for (;;) {
        while (probe_answered == probe_requested)
            pthread_cond_wait(&probe_cond, &probe_lock);
        const struct dispositions *reference = probe_reference;
        query(&now);
        atomic_fetch_or(&transient_signals, differing(reference, &now));
        atomic_fetch_add(&probes, 1);
        probe_answered = probe_requested;
        pthread_cond_broadcast(&probe_cond);
    }
    return NULL;
}

static void probe_now(void)
{
    const struct dispositions *reference = lookup_before;
    if (!inside_module || !reference || !atomic_load(&probe_alive))
        return;
    pthread_mutex_lock(&probe_lock);
    while (probe_busy)
        pthread_cond_wait(&probe_cond, &probe_lock);
    probe_busy = 1;
    probe_reference = reference;
    unsigned long ticket = ++probe_requested;
    pthread_cond_broadcast(&probe_cond);
    while (probe_answered != ticket)
        pthread_cond_wait(&probe_cond, &probe_lock);
    probe_busy = 0;
    pthread_cond_broadcast(&probe_cond);
    pthread_mutex_unlock(&probe_lock);
}

static void probe_gone(void) { atomic_store(&probe_alive, 0); }

__attribute__((constructor)) static void start_probe(void)
{
    const char *want = getenv("HOST_SAFETY_PROBE");
    if (!want || strcmp(want, "1") != 0)
        return;
    static pthread_create_fn real;
    real = (pthread_create_fn)dlsym(RTLD_NEXT, "pthread_create");
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* the probe inherits it: every signal blocked */
    pthread_t t;
    if (real && real(&t, &attr, probe_main, NULL) == 0) {
        pthread_atfork(NULL, NULL, probe_gone);
        atomic_store(&probe_alive, 1);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
}

#define REAL(name) \
    static __typeof__(name) *real; \
    if (!real) \
        real = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static mode_t open_mode(int flags, va_list ap)
{
    return flags & (O_CREAT | __O_TMPFILE) ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...)
{
    REAL(open);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    probe_now();
    return real(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    REAL(open64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    probe_now();
    return real(path, flags, mode);
}

ssize_t read(int fd, void *buffer, size_t count)
{
    REAL(read);
    probe_now();
    return real(fd, buffer, count);
}

ssize_t pread(int fd, void *buffer, size_t count, off_t offset)
{
    REAL(pread);
    probe_now();
    return real(fd, buffer, count, offset);
}

int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *out)
{
    REAL(statx);
    probe_now();
    return real(dirfd, path, flags, mask, out);
}

struct dirent64 *readdir64(DIR *dir)
{
    REAL(readdir64);
    probe_now();
    return real(dir);
}

int close(int fd)
{
    REAL(close);
    probe_now();
    return real(fd);
}

/* Our module makes its file calls through syscall(3) (src/LibvirtNss.Core/Os/Libc.cs). Six
 * arguments are passed on whatever the call takes, as glibc's own syscall() reads six. */
long syscall(long number, ...)
{
    REAL(syscall);
    va_list ap;
    va_start(ap, number);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    probe_now();
    return real(number, a, b, c, d, e, f);
}

static long status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':')
            value = atol(line + n + 1);
    if (f)
        fclose(f);
    return value;
}

static long open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    long n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    if (d)
        closedir(d);
    return n - 1; /* the directory's own descriptor */
}

struct start { void *(*routine)(void *); void *arg; };

static void *module_thread(void *p)
{
    struct start s = *(struct start *)p;
    free(p);
    inside_module = 1;
    return s.routine(s.arg);
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*routine)(void *), void *arg)
{
    static pthread_create_fn real;
    if (!real)
        real = (pthread_create_fn)dlsym(RTLD_NEXT, "pthread_create");
    if (!inside_module)
        return real(t, attr, routine, arg);
    struct start *s = malloc(sizeof *s);
    if (!s)
        return real(t, attr, routine, arg);
    s->routine = routine;
    s->arg = arg;
    atomic_fetch_add(&threads_created, 1);
    int r = real(t, attr, module_thread, s);
    if (r != 0)
        free(s);
    return r;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)
{
    static getaddrinfo_fn real;
    if (!real)
        real = (getaddrinfo_fn)dlsym(RTLD_NEXT, "getaddrinfo");
    if (inside_module) /* a module resolving on its own (Debian's parses addresses this way) */
        return real(node, service, hints, res);
    struct dispositions *before = malloc(sizeof *before), *after = malloc(sizeof *after);
    sigset_t mask_before, mask_after;
    pthread_sigmask(SIG_BLOCK, NULL, &mask_before);
    int first = 0;
    long rss = 0, vm = 0, fds = 0;
    pthread_mutex_lock(&first_lock);
    if (!first_done && strcmp(node ? node : "", "localhost") != 0) { /* hosts warm glibc up with localhost */
        first = 1;
        rss = status_kb("VmRSS"), vm = status_kb("VmSize"), fds = open_fds();
    } else {
        pthread_mutex_unlock(&first_lock);
    }
    /* Alone: no other lookup ran at any moment between the two queries. */
    int alone = atomic_fetch_add(&in_flight, 1) == 0;
    long sequence = atomic_fetch_add(&started, 1);
    query(before);
    lookup_before = before;
    inside_module = 1;
    int r = real(node, service, hints, res);
    inside_module = 0;
    lookup_before = NULL;
    query(after);
    alone = alone && atomic_load(&in_flight) == 1 && atomic_load(&started) == sequence + 1;
    atomic_fetch_sub(&in_flight, 1);
    if (first) {
        first_rss_kb = status_kb("VmRSS") - rss;
        first_vm_kb = status_kb("VmSize") - vm;
        first_fds = open_fds() - fds;
        first_done = 1;
        pthread_mutex_unlock(&first_lock);
    }
    pthread_sigmask(SIG_BLOCK, NULL, &mask_after);
    if (memcmp(&mask_before, &mask_after, 8) != 0)
        atomic_fetch_add(&masks_changed, 1);
    atomic_fetch_or(alone ? &changed_signals : &transient_signals, differing(before, after));
    atomic_fetch_add(&lookups, 1);
    free(before);
    free(after);
    return r;
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("HOST_SAFETY_REPORT");
    if (!path)
        return;
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    unsigned long long bits = atomic_load(&changed_signals), transient = atomic_load(&transient_signals);
    char list[256] = "-", tlist[256] = "-";
    size_t used = 0, tused = 0;
    for (int s = 1; s <= 64; s++) {
        if (bits & (1ULL << (s - 1)))
            used += snprintf(list + used, sizeof list - used, "%s%d", used ? "," : "", s);
        if (transient & (1ULL << (s - 1)))
            tused += snprintf(tlist + tused, sizeof tlist - tused, "%s%d", tused ? "," : "", s);
    }
    fprintf(f, "lookups=%ld sigs_changed=%d sigs=%s transient=%s probes=%ld mask_changed=%ld threads=%ld rss_kb=%ld vm_kb=%ld fds=%ld\n",
            atomic_load(&lookups), __builtin_popcountll(bits), list, tlist, atomic_load(&probes), atomic_load(&masks_changed),
            atomic_load(&threads_created), first_rss_kb, first_vm_kb, first_fds);
    fclose(f);
}
