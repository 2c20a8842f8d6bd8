/* What a module adds to a C host, for `make bench`: threads, VmRSS and VmSize (from
 * /proc/self/status) before the module is loaded and after its first lookup (a miss through
 * gethostbyname4_r, as getaddrinfo makes).
 * Usage: footprint MODULE PREFIX
 * Prints "<threads added> <VmRSS kB added> <VmSize kB added>". */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

struct usage {
    long threads, rss_kb, size_kb;
};

static struct usage read_usage(void)
{
    struct usage u = { 0, 0, 0 };
    FILE *status = fopen("/proc/self/status", "re");
    char line[256];
    while (status && fgets(line, sizeof line, status)) {
        sscanf(line, "Threads: %ld", &u.threads);
        sscanf(line, "VmRSS: %ld", &u.rss_kb);
        sscanf(line, "VmSize: %ld", &u.size_kb);
    }
    if (status)
        fclose(status);
    return u;
}

static char buffer[65536];

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s MODULE PREFIX\n", argv[0]);
        return 2;
    }
    struct usage before = read_usage();
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 2;
    }
    char symbol[128];
    snprintf(symbol, sizeof symbol, "_nss_%s_gethostbyname4_r", argv[2]);
    byname4_fn byname4 = (byname4_fn)dlsym(module, symbol);
    if (!byname4) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return 2;
    }
    struct gaih_addrtuple *pat = NULL;
    int err, herr;
    int32_t ttl;
    byname4("example.invalid", &pat, buffer, sizeof buffer, &err, &herr, &ttl);
    struct usage after = read_usage();
    printf("%ld %ld %ld\n", after.threads - before.threads, after.rss_kb - before.rss_kb,
           after.size_kb - before.size_kb);
    return 0;
}
