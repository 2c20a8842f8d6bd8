/* Reverse lookups under the probe: status, errno (the errno rule of check.h too), h_errno, *ttlp,
 * the hostent's name, aliases and one address, pointers inside the buffer, nothing written
 * outside it, monotonic in size. */
#define _GNU_SOURCE
#include "reverse.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "answer.h"
#include "check.h"

typedef enum nss_status addr1_fn(const void *, socklen_t, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status addr2_fn(const void *, socklen_t, int, struct hostent *, char *, size_t, int *, int *,
                                 int32_t *);

#define GUARD 512
#define MAX_NAMES 4

/* One address asked and the names the fixture implies (fixture.c's leases and .macs files). */
struct reverse_name {
    bool guest;
    const char *address;
    const char *names[MAX_NAMES];   /* NULL-terminated; none: not found */
};

static const struct reverse_name reverse_names[] = {
    { false, "192.168.122.10", { "dualvm" } },               /* two networks, one name */
    { false, "192.168.122.11", { "dualvm", "aliasvm" } },    /* latest expiry first; the other an alias */
    { false, "fd00:122::10", { "dualvm" } },
    { false, "fd00:100::30", { "v6vm" } },                   /* never expires */
    { false, "10.1.0.1", { "manyvm" } },
    { false, "192.168.122.99", { NULL } },                   /* expired */
    { false, "192.168.122.60", { NULL } },                   /* a lease without hostname */
    { false, "::ffff:192.168.122.10", { NULL } },            /* no IPv4-mapped matching */
    { false, "10.9.9.9", { NULL } },
    { true, "192.168.122.50", { "guest-dual" } },
    { true, "fd00:100::50", { "guest-dual" } },
    { true, "192.168.122.60", { "guest-v4" } },
    { true, "fd00:122::60", { "guest-v6" } },
    { true, "192.168.122.10", { NULL } },                    /* its MACs belong to no domain */
};

struct reverse_entry {
    char symbol[64];
    bool guest;
    int version;                /* 1: gethostbyaddr_r, 2: gethostbyaddr2_r */
    void *fn;
};

struct reverse_expect {
    enum nss_status status;
    int err, herr;
    const char *const *names;
};

static _Alignas(64) unsigned char area[GUARD + ANSWER_MAX_BUFFER + GUARD];
static unsigned char canary[sizeof(area)];
static unsigned char *const buffer = area + GUARD;

static bool inside(const unsigned char *p, size_t length, size_t size)
{
    return p != NULL && p >= buffer && p <= buffer + size && length <= (size_t)(buffer + size - p);
}

static bool string_is(const char *s, const char *want, size_t size)
{
    return inside((const unsigned char *)s, 1, size) && memchr(s, 0, (size_t)(buffer + size - (const unsigned char *)s))
           && strcmp(s, want) == 0;
}

/* Returns "" when the answer for this size is right, else what is wrong; the errno rule's
 * verdict goes to errno_why ("" when kept). */
static const char *judge(const struct reverse_entry *e, int family, const unsigned char *addr, socklen_t len,
                         const struct reverse_expect *x, size_t size, size_t *first_success, char *why, size_t whylen,
                         char *errno_why, size_t errno_whylen)
{
    struct hostent h;
    memset(&h, 0xa5, sizeof(h));
    int err = ANSWER_UNSET_ERRNOP, herr = 0x6d6d;
    int32_t ttl = 0x5a5a5a5a;
    memcpy(area, canary, sizeof(area));
    bool via_errno = ANSWER_VIA_ERRNO(size);
    int *errnop = via_errno ? &errno : &err;
    errno = ANSWER_ENTRY_ERRNO;
    enum nss_status status = e->version == 1
        ? ((addr1_fn *)e->fn)(addr, len, family, &h, (char *)buffer, size, errnop, &herr)
        : ((addr2_fn *)e->fn)(addr, len, family, &h, (char *)buffer, size, errnop, &herr, &ttl);
    int errno_after = errno;
    err = *errnop;
    check_errno_rule(status, via_errno, err, errno_after, errno_why, errno_whylen);
    for (size_t i = 0; i < sizeof(area); i++) {
        if (i == GUARD)
            i = GUARD + size;
        if (i < sizeof(area) && area[i] != canary[i]) {
            snprintf(why, whylen, "wrote outside the buffer at offset %ld", (long)i - GUARD);
            return why;
        }
    }
    if (x->status != NSS_STATUS_SUCCESS || status == NSS_STATUS_SUCCESS) {
        if (status != x->status || (status != NSS_STATUS_SUCCESS && (err != x->err || herr != x->herr))) {
            snprintf(why, whylen, "%s errno %s h_errno %s, expected %s errno %s h_errno %s", check_status_name(status),
                     check_errno_name(err), check_herrno_name(herr), check_status_name(x->status),
                     check_errno_name(x->err), check_herrno_name(x->herr));
            return why;
        }
        if (status != NSS_STATUS_SUCCESS)
            return "";
        if (herr != NETDB_SUCCESS)
            return "SUCCESS with h_errno set";
        if (!string_is(h.h_name, x->names[0], size))
            return "h_name is not the expected name inside the buffer";
        if (!inside((unsigned char *)h.h_aliases, sizeof(char *), size) || (uintptr_t)h.h_aliases % sizeof(char *))
            return "h_aliases not an aligned pointer inside the buffer";
        for (size_t i = 1;; i++) {
            if (!inside((unsigned char *)&h.h_aliases[i - 1], sizeof(char *), size))
                return "h_aliases not NULL-terminated inside the buffer";
            const char *alias = h.h_aliases[i - 1];
            if (i >= MAX_NAMES || x->names[i] == NULL) {
                if (alias != NULL)
                    return "more aliases than expected";
                break;
            }
            if (alias == NULL || !string_is(alias, x->names[i], size))
                return "an alias is not the expected name inside the buffer";
        }
        if (h.h_addrtype != family || h.h_length != (int)len)
            return "h_addrtype or h_length is not the asked family's";
        if (!inside((unsigned char *)h.h_addr_list, 2 * sizeof(char *), size) || (uintptr_t)h.h_addr_list % sizeof(char *))
            return "h_addr_list not an aligned pointer inside the buffer";
        if (!inside((unsigned char *)h.h_addr_list[0], len, size) || memcmp(h.h_addr_list[0], addr, len) != 0
            || h.h_addr_list[1] != NULL)
            return "h_addr_list is not the one asked address";
        if (e->version == 2 && ttl != 0)
            return "*ttlp is not 0";
        if (*first_success == 0)
            *first_success = size;
        return "";
    }
    if (status != NSS_STATUS_TRYAGAIN || err != ERANGE || herr != NETDB_INTERNAL) {
        snprintf(why, whylen, "%s errno %s h_errno %s, expected SUCCESS or (short buffer) TRYAGAIN ERANGE NETDB_INTERNAL",
                 check_status_name(status), check_errno_name(err), check_herrno_name(herr));
        return why;
    }
    if (*first_success != 0)
        return "TRYAGAIN after a smaller size succeeded (not monotonic)";
    return "";
}

/* Two checks over every size 1..4096: the answer and the errno rule. Prints a line for each that
 * fails; returns how many passed. */
static size_t run_check(const struct reverse_entry *e, int family, const unsigned char *addr, socklen_t len,
                        const char *label, const struct reverse_expect *x)
{
    size_t first_success = 0, faulty = 0, errno_faulty = 0;
    char detail[400] = "", why[300], errno_detail[300] = "", errno_why[256];
    for (size_t size = 1; size <= ANSWER_MAX_BUFFER; size++) {
        const char *problem = judge(e, family, addr, len, x, size, &first_success, why, sizeof(why), errno_why,
                                    sizeof(errno_why));
        if (problem[0] && faulty++ == 0)
            snprintf(detail, sizeof(detail), "size %zu: %s", size, problem);
        if (errno_why[0] && errno_faulty++ == 0)
            snprintf(errno_detail, sizeof(errno_detail), "size %zu: %s", size, errno_why);
    }
    if (x->status == NSS_STATUS_SUCCESS && first_success == 0 && faulty == 0)
        snprintf(detail, sizeof(detail), "no size up to %d succeeded", ANSWER_MAX_BUFFER);
    if (detail[0])
        printf("  FAIL %s %s: %zu sizes; first: %s\n", e->symbol, label, faulty, detail);
    if (errno_detail[0])
        printf("  FAIL %s %s: errno: %zu sizes; first: %s\n", e->symbol, label, errno_faulty, errno_detail);
    return (detail[0] == 0) + (errno_detail[0] == 0);
}

void reverse_checks(const char *case_name, bool readable, int err, bool empty, const char *module,
                    const char *guest_module, bool optional, size_t *passed, size_t *failed)
{
    for (size_t i = 0; i < sizeof(canary); i++)
        canary[i] = (unsigned char)(0x5a ^ (i * 197 >> 2));
    void *handles[2] = { dlopen(module, RTLD_NOW | RTLD_LOCAL), dlopen(guest_module, RTLD_NOW | RTLD_LOCAL) };
    struct reverse_entry entries[4];
    for (int i = 0; i < 4; i++) {
        struct reverse_entry *e = &entries[i];
        e->guest = i >= 2;
        e->version = i % 2 + 1;
        snprintf(e->symbol, sizeof(e->symbol), "_nss_%s_gethostbyaddr%s_r", e->guest ? "libvirt_guest" : "libvirt",
                 e->version == 2 ? "2" : "");
        e->fn = handles[e->guest] ? dlsym(handles[e->guest], e->symbol) : NULL;
        if (!e->fn) {
            printf("%-4s %-38s not exported%s\n", optional ? "--" : "FAIL", e->symbol,
                   optional ? " (upstream has no reverse lookups): skipped" : "");
            if (!optional)
                (*failed)++;
        }
    }
    static const char *const none[] = { NULL };
    for (int i = 0; i < 4; i++) {
        const struct reverse_entry *e = &entries[i];
        if (!e->fn)
            continue;
        size_t ok = 0, checks = 0;
        for (size_t k = 0; k < sizeof(reverse_names) / sizeof(reverse_names[0]); k++) {
            const struct reverse_name *n = &reverse_names[k];
            if (n->guest != e->guest)
                continue;
            unsigned char addr[16];
            int family = strchr(n->address, ':') ? AF_INET6 : AF_INET;
            inet_pton(family, n->address, addr);
            struct reverse_expect x = { NSS_STATUS_NOTFOUND, ESRCH, HOST_NOT_FOUND, none };
            if (!readable)
                x = (struct reverse_expect){ NSS_STATUS_UNAVAIL, err, NO_RECOVERY, none };
            else if (!empty && n->names[0])
                x = (struct reverse_expect){ NSS_STATUS_SUCCESS, 0, NETDB_SUCCESS, n->names };
            checks += 2;
            ok += run_check(e, family, addr, family == AF_INET6 ? 16 : 4, n->address, &x);
        }
        /* Malformed calls answer the same in every case: the address is checked before any file is read. */
        static const unsigned char any[16] = { 192, 168, 122, 10 };
        struct reverse_expect bad_length = { NSS_STATUS_UNAVAIL, EINVAL, NO_RECOVERY, none };
        struct reverse_expect bad_family = { NSS_STATUS_UNAVAIL, EAFNOSUPPORT, NO_RECOVERY, none };
        checks += 6;
        ok += run_check(e, AF_INET, any, 16, "AF_INET with 16 bytes", &bad_length);
        ok += run_check(e, AF_INET6, any, 4, "AF_INET6 with 4 bytes", &bad_length);
        ok += run_check(e, AF_UNSPEC, any, 4, "AF_UNSPEC", &bad_family);
        printf("%-4s %-38s %3zu/%-3zu checks passed (case %s)\n", ok == checks ? "ok" : "FAIL", e->symbol, ok, checks,
               case_name);
        *passed += ok;
        *failed += checks - ok;
    }
}
