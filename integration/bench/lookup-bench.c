/* Times warm lookups through an NSS module's entry points (dlopen'ed by path), for `make bench`.
 * Usage: lookup-bench MODULE PREFIX NAME
 *   PREFIX is "libvirt" or "libvirt_guest". After one warm-up call, each of
 *   gethostbyname2_r(AF_INET) and gethostbyname4_r is timed call by call (clock_gettime), for
 *   up to MAX_CALLS calls or TIME_BUDGET_NS of calls (at least MIN_CALLS), and the median is kept.
 *   Prints "<byname2 median ns> <byname2 status> <byname4 median ns> <byname4 status> <calls>".
 * Usage: lookup-bench --threads N [--seconds S] MODULE PREFIX NAME
 *   Throughput: after three warm-up calls (the module builds its snapshot on a name's second
 *   lookup), N threads, thread i pinned to the i-th CPU this process may use (modulo their
 *   number), call gethostbyname4_r in a loop for S seconds (0.5), started together.
 *   Prints "<lookups per second, all threads> <status> <answers unlike the first> <CPU ns per lookup>
 *   <lookups of each thread>...": the CPU time (CLOCK_THREAD_CPUTIME_ID, over every thread) per
 *   lookup shows what contention costs even when other work keeps the threads from running at once.
 * Usage: lookup-bench --threads N [--seconds S] --spin
 *   The same without a module: each "lookup" is a fixed amount of arithmetic, so the ratio of 2
 *   threads to 1 shows what parallelism the machine itself gives at that moment. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <nss.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CALLS 2001
#define MIN_CALLS 21
#define TIME_BUDGET_NS 400000000.0

typedef enum nss_status (*byname2_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *samples, int n)
{
    qsort(samples, (size_t)n, sizeof *samples, by_value);
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

static char buffer[65536];
static double samples[MAX_CALLS];

/* --- throughput from several threads --- */

#define MAX_THREADS 64

static byname4_fn shared4;
static const char *shared_name;
static enum nss_status expected_status;
static atomic_int go, stop;
static int spin_only;

/* About as long as a warm lookup (a few thousand dependent operations), no memory traffic. */
static enum nss_status spin(void)
{
    static _Thread_local uint64_t state = 1;
    for (int i = 0; i < 4000; i++)
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state == 0 ? NSS_STATUS_NOTFOUND : NSS_STATUS_SUCCESS;
}
static atomic_long unlike;

struct worker {
    pthread_t thread;
    int cpu;
    long calls;
    double cpu_ns;
};

static double thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    static _Thread_local char own[65536];
    if (w->cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(w->cpu, &set);
        pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    }
    int err, herr;
    int32_t ttl;
    while (!atomic_load_explicit(&go, memory_order_acquire))
        ;
    long calls = 0, bad = 0;
    double cpu_start = thread_cpu_ns();
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        struct gaih_addrtuple *pat = NULL;
        if ((spin_only ? spin() : shared4(shared_name, &pat, own, sizeof own, &err, &herr, &ttl)) != expected_status)
            bad++;
        calls++;
    }
    w->cpu_ns = thread_cpu_ns() - cpu_start;
    w->calls = calls;
    atomic_fetch_add(&unlike, bad);
    return NULL;
}

static int throughput(byname4_fn byname4, const char *name, int threads, double seconds)
{
    struct worker workers[MAX_THREADS];
    cpu_set_t allowed;
    int cpus[CPU_SETSIZE], ncpus = 0;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        for (int c = 0; c < CPU_SETSIZE; c++)
            if (CPU_ISSET(c, &allowed))
                cpus[ncpus++] = c;
    int err, herr;
    int32_t ttl;
    struct gaih_addrtuple *pat = NULL;
    for (int i = 0; i < 3; i++) {
        pat = NULL;
        expected_status = spin_only ? spin() : byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl);
    }
    shared4 = byname4;
    shared_name = name;
    for (int i = 0; i < threads; i++) {
        workers[i].cpu = ncpus ? cpus[i % ncpus] : -1;
        workers[i].calls = 0;
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0) {
            perror("pthread_create");
            return 2;
        }
    }
    struct timespec pause = { .tv_sec = 0, .tv_nsec = 20 * 1000 * 1000 }; /* every thread on its CPU */
    nanosleep(&pause, NULL);
    double start = now_ns();
    atomic_store_explicit(&go, 1, memory_order_release);
    pause.tv_sec = (time_t)seconds;
    pause.tv_nsec = (long)((seconds - (double)pause.tv_sec) * 1e9);
    nanosleep(&pause, NULL);
    atomic_store(&stop, 1);
    long total = 0;
    double cpu = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(workers[i].thread, NULL);
        total += workers[i].calls;
        cpu += workers[i].cpu_ns;
    }
    double elapsed = (now_ns() - start) / 1e9;
    printf("%.0f %d %ld %.0f", total / elapsed, expected_status, atomic_load(&unlike), total ? cpu / total : 0);
    for (int i = 0; i < threads; i++)
        printf(" %ld", workers[i].calls);
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    int threads = 0;
    double seconds = 0.5;
    while (argc > 1 && strncmp(argv[1], "--", 2) == 0 && argc > 2) {
        if (strcmp(argv[1], "--threads") == 0)
            threads = atoi(argv[2]);
        else if (strcmp(argv[1], "--seconds") == 0)
            seconds = atof(argv[2]);
        else
            break;
        argv += 2;
        argc -= 2;
    }
    if (argc == 2 && strcmp(argv[1], "--spin") == 0 && threads > 0 && threads <= MAX_THREADS && seconds > 0) {
        spin_only = 1;
        return throughput(NULL, "", threads, seconds);
    }
    if (argc != 4 || threads < 0 || threads > MAX_THREADS || seconds <= 0) {
        fprintf(stderr, "usage: %s [--threads N [--seconds S]] MODULE PREFIX NAME | --threads N [--seconds S] --spin\n", argv[0]);
        return 2;
    }
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 2;
    }
    char symbol[128];
    snprintf(symbol, sizeof symbol, "_nss_%s_gethostbyname2_r", argv[2]);
    byname2_fn byname2 = (byname2_fn)dlsym(module, symbol);
    snprintf(symbol, sizeof symbol, "_nss_%s_gethostbyname4_r", argv[2]);
    byname4_fn byname4 = (byname4_fn)dlsym(module, symbol);
    if (!byname2 || !byname4) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return 2;
    }
    const char *name = argv[3];
    if (threads > 0)
        return throughput(byname4, name, threads, seconds);
    struct hostent he;
    int err, herr;
    int32_t ttl;

    enum nss_status s2 = byname2(name, AF_INET, &he, buffer, sizeof buffer, &err, &herr);
    int n2 = 0;
    double start = now_ns();
    while (n2 < MAX_CALLS && (n2 < MIN_CALLS || now_ns() - start < TIME_BUDGET_NS)) {
        double t = now_ns();
        s2 = byname2(name, AF_INET, &he, buffer, sizeof buffer, &err, &herr);
        samples[n2++] = now_ns() - t;
    }
    double per2 = median(samples, n2);

    struct gaih_addrtuple *pat = NULL;
    enum nss_status s4 = byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl);
    int n4 = 0;
    start = now_ns();
    while (n4 < MAX_CALLS && (n4 < MIN_CALLS || now_ns() - start < TIME_BUDGET_NS)) {
        pat = NULL;
        double t = now_ns();
        s4 = byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl);
        samples[n4++] = now_ns() - t;
    }
    double per4 = median(samples, n4);
    printf("%.0f %d %.0f %d %d\n", per2, s2, per4, s4, n2 < n4 ? n2 : n4);
    return 0;
}
