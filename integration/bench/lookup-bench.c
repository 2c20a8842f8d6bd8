/* Times warm lookups through an NSS module's entry points (dlopen'ed by path), for `make bench`.
 * Usage: lookup-bench MODULE PREFIX NAME
 *   PREFIX is "libvirt" or "libvirt_guest". After one warm-up call, each of
 *   gethostbyname2_r(AF_INET) and gethostbyname4_r is timed call by call (clock_gettime), for
 *   up to MAX_CALLS calls or TIME_BUDGET_NS of calls (at least MIN_CALLS), and the median is kept.
 *   Prints "<byname2 median ns> <byname2 status> <byname4 median ns> <byname4 status> <calls>". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

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

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s MODULE PREFIX NAME\n", argv[0]);
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
