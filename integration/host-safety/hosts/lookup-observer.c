/* Preloaded (LD_PRELOAD) into every host of the host-safety suite: it wraps getaddrinfo and
 * pthread_create to measure what a lookup changes in the process that makes it, and writes
 * one line to $HOST_SAFETY_REPORT when the process exits:
 *   lookups=N sigs_changed=N sigs=A,B mask_changed=N threads=N rss_kb=N vm_kb=N fds=N
 * - sigs: signals 1-64 whose disposition (sigaction query: handler, flags, mask) differs
 *   after a lookup from what it was just before it, over every lookup that ran alone;
 * - transient: the same, seen by lookups that overlapped another thread's lookup (the
 *   module's fault handlers are installed while a call runs);
 * - mask_changed: lookups after which the calling thread's signal mask differs;
 * - threads: threads created while a lookup runs (and by those threads), i.e. by the module;
 * - rss_kb, vm_kb, fds: VmRSS, VmSize and open descriptors added by the first lookup, which
 *   runs alone (module load and runtime start included). Hosts first resolve "localhost"
 *   (answered by "files") so that glibc's own start-up is not counted. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*getaddrinfo_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
typedef int (*pthread_create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static __thread int inside_module;
static atomic_long lookups, threads_created, masks_changed;
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
                && (a->sa[s].sa_flags & ~0x04000000) == (b->sa[s].sa_flags & ~0x04000000)
                && memcmp(&a->sa[s].sa_mask, &b->sa[s].sa_mask, 8) == 0;
        }
        if (!same)
            bits |= 1ULL << (s - 1);
    }
    return bits;
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
    inside_module = 1;
    int r = real(node, service, hints, res);
    inside_module = 0;
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
    fprintf(f, "lookups=%ld sigs_changed=%d sigs=%s transient=%s mask_changed=%ld threads=%ld rss_kb=%ld vm_kb=%ld fds=%ld\n",
            atomic_load(&lookups), __builtin_popcountll(bits), list, tlist, atomic_load(&masks_changed),
            atomic_load(&threads_created), first_rss_kb, first_vm_kb, first_fds);
    fclose(f);
}
