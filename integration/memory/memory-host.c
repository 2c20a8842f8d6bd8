/* Mixed lookups in one process, for the memory suite (integration/memory/run.sh, under valgrind's
 * memcheck) and for `make bench` (RSS after 1,000 and after 1,000,000 lookups, natively).
 *
 *   memory-host MODULE DIR LOOKUPS [--rewrite-every N] [--settle-every N] [--rss-at N] [--seed N]
 *
 * MODULE is dlopen()ed by path and its twelve entry points are called directly; DIR must be where
 * the module reads (/var/lib/libvirt/dnsmasq: run.sh binds a directory there in a private mount
 * namespace). The host writes the lease files itself, so it knows every answer:
 *
 *   - networks n0 and n1 always, n2 added and removed; each NET.status holds 1..40 guests
 *     (host name nK-vm-I, address 10.K.I.V where V follows the file's version) and one expired
 *     lease (nK-old, 10.K.200.1); each NET.macs maps domain nK-dom-I to guest I's MAC;
 *   - every N lookups (--rewrite-every, 50) one change: a status and macs file rewritten by rename
 *     (the guest count may change), a status file rewritten in place (same size: pwrite over it;
 *     else truncated), or n2 added or removed. After every Mth change (--settle-every, 10) the host
 *     sleeps 60 ms, past the snapshot's settling margin (docs/lease-cache.md), so that lookups
 *     answer from a published snapshot as well as from snapshots built, published and freed;
 *   - lookups, chosen by a fixed pseudo-random sequence (--seed): forward hits (both module
 *     names, gethostbyname_r, 2_r, 3_r and 4_r, some names in upper case), misses (an unknown
 *     name, the expired lease, a guest past the file's count, a host name asked of libvirt_guest),
 *     reverse hits and misses (gethostbyaddr_r and 2_r: a current address, a stale one, the
 *     expired lease's) and calls with a buffer too small (TRYAGAIN, ERANGE).
 *
 * Every answer is checked: status, errno and h_errno, name, family, address, one address only.
 * --rss-at N prints VmRSS after the Nth lookup and after the last. Prints "ok - ..." / "not ok -
 * ..." lines, "# ..." figures and, last, "<passed> <failed>". */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef enum nss_status (*byname_fn)(const char *, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byname2_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byname3_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *, int32_t *, char **);
typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);
typedef enum nss_status (*byaddr_fn)(const void *, socklen_t, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byaddr2_fn)(const void *, socklen_t, int, struct hostent *, char *, size_t, int *, int *, int32_t *);

struct module_name {
    const char *prefix;
    byname_fn byname;
    byname2_fn byname2;
    byname3_fn byname3;
    byname4_fn byname4;
    byaddr_fn byaddr;
    byaddr2_fn byaddr2;
};

static struct module_name names[2] = { { .prefix = "libvirt" }, { .prefix = "libvirt_guest" } };

#define NETS 3        /* n0 and n1 always there; n2 comes and goes */
#define MAX_GUESTS 40
#define EXPIRED_OCTET 200

struct net {
    int present, version, count;
};

static struct net nets[NETS];
static const char *dir;
static unsigned long long rng_state;
static long lookups, wrong, changes, settles;
static long counted[8]; /* by kind of lookup, for the figures */
static long by_rename, in_place_same_size, in_place_truncated, added, removed;
enum { FWD_HIT, FWD_MISS, REV_HIT, REV_MISS, SMALL, KINDS };
static const char *kind_names[KINDS] = { "forward hits", "forward misses", "reverse hits", "reverse misses",
                                         "buffer too small" };

static unsigned rng(unsigned bound)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng_state >> 33) % bound;
}

static void *symbol(void *module, const char *prefix, const char *function)
{
    char name[128];
    snprintf(name, sizeof name, "_nss_%s_%s", prefix, function);
    void *f = dlsym(module, name);
    if (!f) {
        fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
        exit(2);
    }
    return f;
}

static void load(const char *path)
{
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        exit(2);
    }
    for (int m = 0; m < 2; m++) {
        names[m].byname = (byname_fn)symbol(module, names[m].prefix, "gethostbyname_r");
        names[m].byname2 = (byname2_fn)symbol(module, names[m].prefix, "gethostbyname2_r");
        names[m].byname3 = (byname3_fn)symbol(module, names[m].prefix, "gethostbyname3_r");
        names[m].byname4 = (byname4_fn)symbol(module, names[m].prefix, "gethostbyname4_r");
        names[m].byaddr = (byaddr_fn)symbol(module, names[m].prefix, "gethostbyaddr_r");
        names[m].byaddr2 = (byaddr2_fn)symbol(module, names[m].prefix, "gethostbyaddr2_r");
    }
}

/* --- the lease files --- */

static void guest_address(int net, int guest, int version, struct in_addr *out)
{
    out->s_addr = htonl((10u << 24) | ((unsigned)net << 16) | ((unsigned)guest << 8) | (unsigned)(version % 254 + 1));
}

static int status_text(char *out, size_t size, int net)
{
    const struct net *n = &nets[net];
    int len = snprintf(out, size, "[");
    for (int i = 0; i < n->count; i++) {
        struct in_addr a;
        char ip[INET_ADDRSTRLEN];
        guest_address(net, i, n->version, &a);
        inet_ntop(AF_INET, &a, ip, sizeof ip);
        len += snprintf(out + len, size - len,
                        "{\"ip-address\":\"%s\",\"mac-address\":\"52:54:00:0%d:00:%02x\",\"hostname\":\"n%d-vm-%d\","
                        "\"client-id\":\"01:52:54:00:0%d:00:%02x\",\"expiry-time\":4102444800},\n",
                        ip, net, i, net, i, net, i);
    }
    len += snprintf(out + len, size - len,
                    "{\"ip-address\":\"10.%d.%d.1\",\"mac-address\":\"52:54:00:0%d:01:00\",\"hostname\":\"n%d-old\","
                    "\"expiry-time\":1000}]\n", net, EXPIRED_OCTET, net, net);
    return len;
}

static int macs_text(char *out, size_t size, int net)
{
    int len = snprintf(out, size, "[");
    for (int i = 0; i < nets[net].count; i++)
        len += snprintf(out + len, size - len, "%s{\"domain\":\"n%d-dom-%d\",\"macs\":[\"52:54:00:0%d:00:%02x\"]}",
                        i ? "," : "", net, i, net, i);
    len += snprintf(out + len, size - len, "]\n");
    return len;
}

static void die(const char *what)
{
    perror(what);
    exit(2);
}

static void path_of(char *out, size_t size, int net, const char *suffix)
{
    snprintf(out, size, "%s/n%d.%s", dir, net, suffix);
}

static void write_all(int fd, const char *text, size_t len, const char *what)
{
    if (write(fd, text, len) != (ssize_t)len)
        die(what);
}

/* By rename, as libvirt's leases helper writes: a new inode. */
static void replace(int net, const char *suffix, const char *text, size_t len)
{
    char path[512], next[520];
    path_of(path, sizeof path, net, suffix);
    snprintf(next, sizeof next, "%s.new", path);
    int fd = open(next, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        die(next);
    write_all(fd, text, len, next);
    if (close(fd) != 0 || rename(next, path) != 0)
        die(path);
}

/* In place: the same inode; with the same size only the ctime (and the mtime) tell. */
static void overwrite(int net, const char *suffix, const char *text, size_t len)
{
    char path[512];
    struct stat st;
    path_of(path, sizeof path, net, suffix);
    if (stat(path, &st) != 0)
        die(path);
    int same = st.st_size == (off_t)len;
    int fd = open(path, O_WRONLY | O_CLOEXEC | (same ? 0 : O_TRUNC));
    if (fd < 0)
        die(path);
    if (same) {
        if (pwrite(fd, text, len, 0) != (ssize_t)len)
            die(path);
        in_place_same_size++;
    } else {
        write_all(fd, text, len, path);
        in_place_truncated++;
    }
    if (close(fd) != 0)
        die(path);
}

static char text[16384];

static void write_net(int net, int by_rename_too)
{
    int len = status_text(text, sizeof text, net);
    if (by_rename_too)
        replace(net, "status", text, (size_t)len);
    else
        overwrite(net, "status", text, (size_t)len);
    len = macs_text(text, sizeof text, net);
    if (by_rename_too)
        replace(net, "macs", text, (size_t)len);
}

static void remove_net(int net)
{
    char path[512];
    path_of(path, sizeof path, net, "status");
    if (unlink(path) != 0)
        die(path);
    path_of(path, sizeof path, net, "macs");
    if (unlink(path) != 0)
        die(path);
}

static void change(void)
{
    unsigned what = rng(10);
    changes++;
    if (what == 0) { /* n2 comes or goes */
        if (nets[2].present) {
            remove_net(2);
            nets[2].present = 0;
            removed++;
        } else {
            nets[2] = (struct net){ .present = 1, .version = nets[2].version + 1, .count = 1 + (int)rng(MAX_GUESTS) };
            write_net(2, 1);
            added++;
        }
        return;
    }
    int net = (int)rng(nets[2].present ? 3 : 2);
    nets[net].version++;
    if (what < 6) { /* by rename, the guest count may change (and the macs file with it) */
        if (rng(2))
            nets[net].count = 1 + (int)rng(MAX_GUESTS);
        write_net(net, 1);
        by_rename++;
    } else { /* in place, the same guests */
        write_net(net, 0);
    }
}

/* --- the answers --- */

static int expect(int ok, const char *call, const char *query, const char *detail)
{
    if (!ok) {
        wrong++;
        if (wrong <= 20)
            printf("#  lookup %ld: %s(%s): %s\n", lookups, call, query, detail);
    }
    return ok;
}

/* What a miss answers: upstream's statuses (libvirt_guest answers UNAVAIL when no domain matches). */
static int miss_ok(int m, enum nss_status s, int err, int herr, char *detail, size_t size)
{
    enum nss_status want = m == 0 ? NSS_STATUS_NOTFOUND : NSS_STATUS_UNAVAIL;
    snprintf(detail, size, "status %d errno %d h_errno %d, want a miss (status %d)", s, err, herr, want);
    return s == want && (m == 1 || herr == HOST_NOT_FOUND);
}

static int hostent_ok(const struct hostent *he, const char *name, const struct in_addr *addr, int exact_name)
{
    return he->h_name && (exact_name ? strcmp(he->h_name, name) == 0 : strcasecmp(he->h_name, name) == 0)
        && he->h_addrtype == AF_INET && he->h_length == 4 && he->h_addr_list && he->h_addr_list[0]
        && memcmp(he->h_addr_list[0], addr, 4) == 0 && he->h_addr_list[1] == NULL;
}

static char buffer[65536];

/* A forward lookup of QUERY through module name M; ADDR is the answer expected, NULL for a miss. */
static void forward(int m, const char *query, const struct in_addr *addr, size_t buflen)
{
    struct module_name *mod = &names[m];
    struct hostent he;
    struct gaih_addrtuple *pat = NULL;
    int err = 0, herr = 0;
    int32_t ttl = -1;
    char *canon = NULL, detail[256] = "";
    enum nss_status s;
    unsigned entry = rng(4);
    const char *call = entry == 0 ? "gethostbyname_r" : entry == 1 ? "gethostbyname2_r"
                     : entry == 2 ? "gethostbyname3_r" : "gethostbyname4_r";
    memset(&he, 0, sizeof he);
    if (entry == 0)
        s = mod->byname(query, &he, buffer, buflen, &err, &herr);
    else if (entry == 1)
        s = mod->byname2(query, AF_INET, &he, buffer, buflen, &err, &herr);
    else if (entry == 2)
        s = mod->byname3(query, AF_INET, &he, buffer, buflen, &err, &herr, &ttl, &canon);
    else
        s = mod->byname4(query, &pat, buffer, buflen, &err, &herr, &ttl);

    int ok;
    if (!addr) {
        ok = miss_ok(m, s, err, herr, detail, sizeof detail);
    } else if (buflen < 64) {
        snprintf(detail, sizeof detail, "status %d errno %d h_errno %d, want TRYAGAIN ERANGE NETDB_INTERNAL", s, err, herr);
        ok = s == NSS_STATUS_TRYAGAIN && err == ERANGE && herr == NETDB_INTERNAL;
    } else if (s != NSS_STATUS_SUCCESS) {
        snprintf(detail, sizeof detail, "status %d errno %d h_errno %d, want SUCCESS", s, err, herr);
        ok = 0;
    } else if (entry == 3) {
        snprintf(detail, sizeof detail, "wrong tuples (first: %s)", pat && pat->name ? pat->name : "none");
        ok = pat && pat->name && strcmp(pat->name, query) == 0 && pat->family == AF_INET
            && memcmp(pat->addr, addr, 4) == 0 && pat->next == NULL;
    } else {
        char got[INET_ADDRSTRLEN] = "";
        if (he.h_addr_list && he.h_addr_list[0])
            inet_ntop(AF_INET, he.h_addr_list[0], got, sizeof got);
        snprintf(detail, sizeof detail, "hostent %s %s", he.h_name ? he.h_name : "(null)", got);
        ok = hostent_ok(&he, query, addr, 1) && (entry != 2 || canon == he.h_name);
    }
    expect(ok, call, query, detail);
}

/* A reverse lookup of ADDR through module name M; NAME is the answer expected, NULL for a miss. */
static void reverse(int m, const struct in_addr *addr, const char *name, size_t buflen)
{
    struct module_name *mod = &names[m];
    struct hostent he;
    int err = 0, herr = 0;
    int32_t ttl = -1;
    char detail[256] = "", query[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, addr, query, sizeof query);
    int second = (int)rng(2);
    memset(&he, 0, sizeof he);
    enum nss_status s = second ? mod->byaddr2(addr, 4, AF_INET, &he, buffer, buflen, &err, &herr, &ttl)
                               : mod->byaddr(addr, 4, AF_INET, &he, buffer, buflen, &err, &herr);
    int ok;
    if (!name) {
        snprintf(detail, sizeof detail, "status %d errno %d h_errno %d, want NOTFOUND", s, err, herr);
        ok = s == NSS_STATUS_NOTFOUND && herr == HOST_NOT_FOUND;
    } else if (buflen < 64) {
        snprintf(detail, sizeof detail, "status %d errno %d h_errno %d, want TRYAGAIN ERANGE NETDB_INTERNAL", s, err, herr);
        ok = s == NSS_STATUS_TRYAGAIN && err == ERANGE && herr == NETDB_INTERNAL;
    } else {
        snprintf(detail, sizeof detail, "status %d, name %s, want %s", s, s == NSS_STATUS_SUCCESS && he.h_name ? he.h_name : "-", name);
        ok = s == NSS_STATUS_SUCCESS && hostent_ok(&he, name, addr, 1);
    }
    expect(ok, second ? "gethostbyaddr2_r" : "gethostbyaddr_r", query, detail);
}

static int present_net(void)
{
    for (;;) {
        int net = (int)rng(NETS);
        if (nets[net].present)
            return net;
    }
}

static void one_lookup(void)
{
    unsigned pick = rng(100);
    int m = (int)rng(2);
    char query[64];
    struct in_addr addr;
    if (pick < 35) { /* forward hit */
        int net = present_net(), i = (int)rng((unsigned)nets[net].count);
        snprintf(query, sizeof query, m == 0 ? "n%d-vm-%d" : "n%d-dom-%d", net, i);
        if (rng(8) == 0)
            for (char *c = query; *c; c++)
                *c = (char)toupper((unsigned char)*c);
        guest_address(net, i, nets[net].version, &addr);
        forward(m, query, &addr, sizeof buffer);
        counted[FWD_HIT]++;
    } else if (pick < 55) { /* forward miss */
        int net = (int)rng(NETS);
        switch (rng(4)) {
        case 0: snprintf(query, sizeof query, "example.invalid"); break;
        case 1: snprintf(query, sizeof query, m == 0 ? "n%d-old" : "n%d-dom-%d", net, EXPIRED_OCTET); break;
        case 2: /* a guest past the count, or any guest of an absent network */
            snprintf(query, sizeof query, m == 0 ? "n%d-vm-%d" : "n%d-dom-%d", net,
                     nets[net].present ? nets[net].count + (int)rng(4) : (int)rng(MAX_GUESTS));
            break;
        default: /* a name of the other kind */
            snprintf(query, sizeof query, m == 0 ? "n%d-dom-%d" : "n%d-vm-%d", net, (int)rng(MAX_GUESTS));
        }
        forward(m, query, NULL, sizeof buffer);
        counted[FWD_MISS]++;
    } else if (pick < 85) { /* reverse hit */
        int net = present_net(), i = (int)rng((unsigned)nets[net].count);
        snprintf(query, sizeof query, m == 0 ? "n%d-vm-%d" : "n%d-dom-%d", net, i);
        guest_address(net, i, nets[net].version, &addr);
        reverse(m, &addr, query, sizeof buffer);
        counted[REV_HIT]++;
    } else if (pick < 95) { /* reverse miss: a stale address, the expired lease's, an absent network's */
        int net = (int)rng(NETS);
        if (rng(3) == 0)
            addr.s_addr = htonl((10u << 24) | ((unsigned)net << 16) | (EXPIRED_OCTET << 8) | 1);
        else if (nets[net].present)
            guest_address(net, (int)rng(MAX_GUESTS), nets[net].version + 1 + (int)rng(100), &addr);
        else
            guest_address(net, (int)rng(MAX_GUESTS), (int)rng(254), &addr);
        reverse(m, &addr, NULL, sizeof buffer);
        counted[REV_MISS]++;
    } else { /* a hit into a buffer too small */
        int net = present_net(), i = (int)rng((unsigned)nets[net].count);
        snprintf(query, sizeof query, m == 0 ? "n%d-vm-%d" : "n%d-dom-%d", net, i);
        guest_address(net, i, nets[net].version, &addr);
        if (rng(2))
            forward(m, query, &addr, 8 + rng(24));
        else
            reverse(m, &addr, query, 8 + rng(24));
        counted[SMALL]++;
    }
    lookups++;
}

static long rss_kb(void)
{
    long kb = -1;
    char line[256];
    FILE *status = fopen("/proc/self/status", "re");
    while (status && fgets(line, sizeof line, status))
        sscanf(line, "VmRSS: %ld", &kb);
    if (status)
        fclose(status);
    return kb;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 4) {
        fprintf(stderr, "usage: %s MODULE DIR LOOKUPS [--rewrite-every N] [--settle-every N] [--rss-at N] [--seed N]\n", argv[0]);
        return 2;
    }
    dir = argv[2];
    long total = atol(argv[3]), rewrite_every = 50, settle_every = 10, rss_at = 0;
    rng_state = 1;
    for (int i = 4; i + 1 < argc; i += 2) {
        long v = atol(argv[i + 1]);
        if (strcmp(argv[i], "--rewrite-every") == 0) rewrite_every = v;
        else if (strcmp(argv[i], "--settle-every") == 0) settle_every = v;
        else if (strcmp(argv[i], "--rss-at") == 0) rss_at = v;
        else if (strcmp(argv[i], "--seed") == 0) rng_state = (unsigned long long)v;
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (total <= 0 || rewrite_every <= 0 || settle_every <= 0) {
        fprintf(stderr, "LOOKUPS, --rewrite-every and --settle-every must be positive\n");
        return 2;
    }

    /* The files before the module is loaded. */
    for (int net = 0; net < 2; net++) {
        nets[net] = (struct net){ .present = 1, .version = 0, .count = 1 + (int)rng(MAX_GUESTS) };
        write_net(net, 1);
    }
    load(argv[1]);

    long rss_early = -1;
    double start = now_s();
    while (lookups < total) {
        if (lookups > 0 && lookups % rewrite_every == 0) {
            change();
            if (changes % settle_every == 0) {
                struct timespec pause = { .tv_sec = 0, .tv_nsec = 60 * 1000 * 1000 };
                nanosleep(&pause, NULL);
                settles++;
            }
        }
        one_lookup();
        if (lookups == rss_at)
            rss_early = rss_kb();
    }
    double seconds = now_s() - start;
    long rss_late = rss_kb();

    printf("# %ld lookups in %.1f s (%.0f per second, %ld pauses of 60 ms included):", lookups, seconds,
           lookups / seconds, settles);
    for (int k = 0; k < KINDS; k++)
        printf("%s %ld %s", k ? "," : "", counted[k], kind_names[k]);
    printf("\n# %ld changes: %ld by rename, %ld in place with the same size, %ld in place truncated, "
           "n2 added %ld and removed %ld times\n", changes, by_rename, in_place_same_size, in_place_truncated, added, removed);
    if (rss_at > 0)
        printf("# rss after %ld lookups: %ld kB; after %ld: %ld kB\n", rss_at, rss_early, lookups, rss_late);
    int passed = wrong == 0, failed = wrong != 0;
    printf("%s - all %ld answers right (%ld wrong)\n", wrong == 0 ? "ok" : "not ok", lookups, wrong);
    int every_kind = counted[FWD_HIT] && counted[FWD_MISS] && counted[REV_HIT] && counted[REV_MISS] && counted[SMALL]
                     && by_rename && (in_place_same_size || in_place_truncated) && added && removed;
    if (lookups >= 10000) {
        printf("%s - every kind of lookup and change happened\n", every_kind ? "ok" : "not ok");
        passed += every_kind;
        failed += !every_kind;
    }
    printf("%d %d\n", passed, failed);
    return 0;
}
