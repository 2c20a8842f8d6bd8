/*
 * Replays fuzz inputs through the built module: for each file of SAMPLE_DIR/index ("<file> <name>",
 * name "-" for the empty name), puts it in the lease directory (/var/lib/libvirt/dnsmasq, a tmpfs
 * of run-replay.sh's mount namespace) as fuzz.status or fuzz.macs, and asks the name through
 * _nss_libvirt{,_guest}_gethostbyname3_r (AF_INET, AF_INET6) and _gethostbyname4_r, growing the
 * buffer on ERANGE as glibc does. Every answer must be well formed:
 *   - the status is SUCCESS, NOTFOUND, UNAVAIL, or TRYAGAIN with ERANGE (then a larger buffer);
 *   - NOTFOUND: errno ESRCH, h_errno HOST_NOT_FOUND; UNAVAIL: h_errno NO_RECOVERY or NO_DATA;
 *   - SUCCESS: *errnop untouched (the module writes it only on a failure; the probe checks errno),
 *     every pointer inside the buffer, the name as asked, lists terminated, families and lengths
 *     right, and nothing written past the buffer.
 * A crash ends the process (run-replay.sh reports it). Prints one line per broken rule, then
 * "replay: <inputs> inputs, <calls> calls, ..., <faults> faults"; exits 1 on any fault.
 *
 *   replay MODULE SAMPLE_DIR
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LEASE_DIR "/var/lib/libvirt/dnsmasq"
#define MAX_BUFFER (1 << 20)
#define CANARY 256
#define UNSET_ERRNOP 0x7e7e     /* *errnop before a call: no errno the module reports */

typedef enum nss_status (*byname3_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *,
                                      int32_t *, char **);
typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *,
                                      int32_t *);

static byname3_fn byname3[2];
static byname4_fn byname4[2];
static unsigned long calls, faults, statuses[4];
static unsigned char *area;

static void fault(const char *file, const char *entry, const char *what)
{
    faults++;
    if (faults <= 20)
        printf("FAULT %s %s: %s\n", file, entry, what);
}

static bool inside(const unsigned char *buffer, size_t size, const void *p, size_t length)
{
    uintptr_t at = (uintptr_t)p, start = (uintptr_t)buffer;
    return p != NULL && at >= start && at - start <= size && length <= size - (at - start);
}

static bool canary_intact(size_t size)
{
    for (size_t i = 0; i < CANARY; i++)
        if (area[size + i] != (unsigned char)(0x5a ^ i))
            return false;
    return true;
}

/* Checks the status and errno pair of any answer; returns false on a broken rule. */
static bool status_ok(enum nss_status status, int err, int herr, const char **why)
{
    switch (status) {
    case NSS_STATUS_SUCCESS:
        statuses[0]++;
        *why = "SUCCESS wrote *errnop";
        return err == UNSET_ERRNOP;
    case NSS_STATUS_NOTFOUND:
        statuses[1]++;
        *why = "NOTFOUND without ESRCH + HOST_NOT_FOUND";
        return err == ESRCH && herr == HOST_NOT_FOUND;
    case NSS_STATUS_UNAVAIL:
        statuses[2]++;
        *why = "UNAVAIL without NO_RECOVERY or NO_DATA";
        return herr == NO_RECOVERY || herr == NO_DATA;
    case NSS_STATUS_TRYAGAIN:
        statuses[3]++;
        *why = "TRYAGAIN without ERANGE + NETDB_INTERNAL";
        return err == ERANGE && herr == NETDB_INTERNAL;
    default:
        *why = "an unknown status";
        return false;
    }
}

static void ask3(int guest, const char *file, const char *name, int family)
{
    const char *entry = family == AF_INET ? (guest ? "guest3/AF_INET" : "3/AF_INET")
                                          : (guest ? "guest3/AF_INET6" : "3/AF_INET6");
    for (size_t size = 64; size <= MAX_BUFFER; size *= 4) {
        for (size_t i = 0; i < CANARY; i++)
            area[size + i] = (unsigned char)(0x5a ^ i);
        struct hostent h;
        memset(&h, 0, sizeof(h));
        int err = UNSET_ERRNOP, herr = 0x6d6d;
        int32_t ttl = 0;
        char *canon = NULL;
        calls++;
        enum nss_status status = byname3[guest](name, family, &h, (char *)area, size, &err, &herr, &ttl, &canon);
        const char *why;
        if (!status_ok(status, err, herr, &why))
            return fault(file, entry, why);
        if (!canary_intact(size))
            return fault(file, entry, "wrote past the buffer");
        if (status == NSS_STATUS_TRYAGAIN) {
            continue;
        }
        if (status != NSS_STATUS_SUCCESS)
            return;
        int length = family == AF_INET6 ? 16 : 4;
        if (!inside(area, size, h.h_name, strlen(name) + 1) || strcmp(h.h_name, name) != 0)
            return fault(file, entry, "h_name is not the name asked, inside the buffer");
        if (h.h_addrtype != family || h.h_length != length)
            return fault(file, entry, "wrong h_addrtype or h_length");
        if (!inside(area, size, h.h_aliases, sizeof(char *)) || h.h_aliases[0] != NULL)
            return fault(file, entry, "h_aliases not an empty list inside the buffer");
        for (size_t i = 0;; i++) {
            if (!inside(area, size, &h.h_addr_list[i], sizeof(char *)))
                return fault(file, entry, "h_addr_list not terminated inside the buffer");
            if (h.h_addr_list[i] == NULL)
                break;
            if (!inside(area, size, h.h_addr_list[i], (size_t)length))
                return fault(file, entry, "an address outside the buffer");
        }
        if (h.h_addr_list[0] == NULL)
            return fault(file, entry, "SUCCESS without an address");
        return;
    }
    fault(file, entry, "still TRYAGAIN with a 1 MiB buffer");
}

static void ask4(int guest, const char *file, const char *name)
{
    const char *entry = guest ? "guest4" : "4";
    for (size_t size = 64; size <= MAX_BUFFER; size *= 4) {
        for (size_t i = 0; i < CANARY; i++)
            area[size + i] = (unsigned char)(0x5a ^ i);
        struct gaih_addrtuple *pat = NULL;
        int err = UNSET_ERRNOP, herr = 0x6d6d;
        int32_t ttl = 0;
        calls++;
        enum nss_status status = byname4[guest](name, &pat, (char *)area, size, &err, &herr, &ttl);
        const char *why;
        if (!status_ok(status, err, herr, &why))
            return fault(file, entry, why);
        if (!canary_intact(size))
            return fault(file, entry, "wrote past the buffer");
        if (status == NSS_STATUS_TRYAGAIN) {
            continue;
        }
        if (status != NSS_STATUS_SUCCESS)
            return;
        if (pat == NULL)
            return fault(file, entry, "SUCCESS without a tuple");
        size_t count = 0;
        for (struct gaih_addrtuple *t = pat; t != NULL; t = t->next) {
            if (!inside(area, size, t, sizeof(*t)) || ++count > size / sizeof(*t))
                return fault(file, entry, "a tuple outside the buffer (or a cycle)");
            if (t->family != AF_INET && t->family != AF_INET6)
                return fault(file, entry, "a tuple of no family");
            if (!inside(area, size, t->name, strlen(name) + 1) || strcmp(t->name, name) != 0)
                return fault(file, entry, "a tuple name that is not the name asked, inside the buffer");
        }
        return;
    }
    fault(file, entry, "still TRYAGAIN with a 1 MiB buffer");
}

/* Copies src to LEASE_DIR/name through a temporary file and rename(2), as libvirt writes. */
static int place(const char *src, const char *name)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    int out = open(LEASE_DIR "/.new", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (in < 0 || out < 0)
        return -1;
    static char chunk[1 << 16];
    ssize_t n;
    while ((n = read(in, chunk, sizeof(chunk))) > 0)
        if (write(out, chunk, (size_t)n) != n)
            return -1;
    close(in);
    close(out);
    char path[256];
    snprintf(path, sizeof(path), LEASE_DIR "/%s", name);
    return rename(LEASE_DIR "/.new", path);
}

static const char NET_STATUS[] =
    "[{\"ip-address\":\"192.168.122.5\",\"mac-address\":\"52:54:00:00:00:01\",\"hostname\":\"vm1\",\"expiry-time\":0}]";

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: replay MODULE SAMPLE_DIR\n");
        return 2;
    }
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        fprintf(stderr, "replay: dlopen: %s\n", dlerror());
        return 2;
    }
    byname3[0] = (byname3_fn)dlsym(module, "_nss_libvirt_gethostbyname3_r");
    byname3[1] = (byname3_fn)dlsym(module, "_nss_libvirt_guest_gethostbyname3_r");
    byname4[0] = (byname4_fn)dlsym(module, "_nss_libvirt_gethostbyname4_r");
    byname4[1] = (byname4_fn)dlsym(module, "_nss_libvirt_guest_gethostbyname4_r");
    area = malloc(MAX_BUFFER + CANARY);
    if (!byname3[0] || !byname3[1] || !byname4[0] || !byname4[1] || !area) {
        fprintf(stderr, "replay: missing entry points\n");
        return 2;
    }
    char index_path[4096];
    snprintf(index_path, sizeof(index_path), "%s/index", argv[2]);
    FILE *index = fopen(index_path, "r");
    if (!index) {
        perror(index_path);
        return 2;
    }
    /* The lease file a fuzzed .macs file's MACs select from (its own lookups ask vm1 and vm2). */
    FILE *net = fopen(LEASE_DIR "/net.status", "w");
    if (!net || fputs(NET_STATUS, net) < 0 || fclose(net) != 0) {
        perror(LEASE_DIR "/net.status");
        return 2;
    }
    char file[256], name[2048], src[4096 + 256];
    snprintf(src, sizeof(src), "%s/current", argv[2]);
    int current = open(src, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    unsigned long inputs = 0;
    while (fscanf(index, "%255s %2047s", file, name) == 2) {
        if (strcmp(name, "-") == 0)
            name[0] = 0;
        bool macs = strstr(file, ".macs") != NULL;
        unlink(LEASE_DIR "/fuzz.status");
        unlink(LEASE_DIR "/fuzz.macs");
        snprintf(src, sizeof(src), "%s/%s", argv[2], file);
        if (place(src, macs ? "fuzz.macs" : "fuzz.status") != 0) {
            fprintf(stderr, "replay: cannot place %s: %s\n", file, strerror(errno));
            return 2;
        }
        inputs++;
        /* Which input is at hand, for run-replay.sh to name if this process dies. */
        if (current >= 0 && (ftruncate(current, 0) != 0 || pwrite(current, file, strlen(file), 0) < 0))
            return 2;
        for (int guest = 0; guest < 2; guest++) {
            ask3(guest, file, name, AF_INET);
            ask3(guest, file, name, AF_INET6);
            ask4(guest, file, name);
        }
    }
    fclose(index);
    printf("replay: %lu inputs, %lu calls: SUCCESS %lu, NOTFOUND %lu, UNAVAIL %lu, TRYAGAIN+ERANGE %lu "
           "(answered with a larger buffer); %lu faults\n",
           inputs, calls, statuses[0], statuses[1], statuses[2], statuses[3], faults);
    return faults == 0 ? 0 : 1;
}
