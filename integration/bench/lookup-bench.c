/* Times lookups through an NSS module's entry points (dlopen'ed by path), for `make bench`.
 * Usage: lookup-bench MODULE PREFIX NAME COUNT
 *   PREFIX is "libvirt" or "libvirt_guest"; prints "<ns per lookup> <status>" for
 *   gethostbyname2_r(AF_INET) and gethostbyname4_r, after one warm-up call each. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <nss.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

typedef enum nss_status (*byname2_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s MODULE PREFIX NAME COUNT\n", argv[0]);
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
    long count = atol(argv[4]);
    static char buffer[65536];
    struct hostent he;
    int err, herr;
    int32_t ttl;

    enum nss_status s2 = byname2(name, AF_INET, &he, buffer, sizeof buffer, &err, &herr);
    double start = now_ns();
    for (long i = 0; i < count; i++)
        s2 = byname2(name, AF_INET, &he, buffer, sizeof buffer, &err, &herr);
    double per2 = (now_ns() - start) / count;

    struct gaih_addrtuple *pat = NULL;
    enum nss_status s4 = byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl);
    start = now_ns();
    for (long i = 0; i < count; i++) {
        pat = NULL;
        s4 = byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl);
    }
    double per4 = (now_ns() - start) / count;
    printf("%.0f %d %.0f %d\n", per2, s2, per4, s4);
    return 0;
}
