/* Calls an entry point with a buffer placed inside a guard area and checks the answer's shape. */
#include "answer.h"

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define GUARD 512
#define SENTINEL_HERRNO 0x6d6d
#define SENTINEL_TTL 0x5a5a5a5a

/* The guard area: [area, buffer) and [buffer + size, end) must keep the canary. */
static _Alignas(64) unsigned char area[GUARD + ANSWER_MAX_BUFFER + GUARD];
static unsigned char canary[sizeof(area)];
static unsigned char *const buffer = area + GUARD;
static bool canary_ready;

struct span {
    uintptr_t start, end;
};

static void fault(struct call_result *r, const char *format, ...)
{
    if (r->fault[0])
        return;                 /* the first fault is the one reported */
    va_list args;
    va_start(args, format);
    vsnprintf(r->fault, sizeof(r->fault), format, args);
    va_end(args);
}

static bool inside(struct span b, const void *p, size_t length)
{
    uintptr_t at = (uintptr_t)p;
    return p != NULL && at >= b.start && at <= b.end && length <= b.end - at;
}

static bool aligned(const void *p)
{
    return (uintptr_t)p % sizeof(void *) == 0;
}

/* A NUL-terminated string wholly inside the buffer, equal to the name asked. */
static void check_name(struct span b, const char *s, const char *name, const char *what, struct call_result *r)
{
    if (!inside(b, s, 1)) {
        fault(r, "%s %p outside the buffer", what, (const void *)s);
        return;
    }
    if (!memchr(s, 0, b.end - (uintptr_t)s)) {
        fault(r, "%s not NUL-terminated inside the buffer", what);
        return;
    }
    if (strcmp(s, name) != 0)
        fault(r, "%s is \"%.64s\", not the name asked", what, s);
}

static void check_canary(size_t size, struct call_result *r)
{
    size_t after = GUARD + size;
    for (size_t i = 0; i < sizeof(area); i++) {
        if (i == GUARD)
            i = after;
        if (i < sizeof(area) && area[i] != canary[i]) {
            long offset = (long)i - GUARD;
            fault(r, "wrote outside the buffer at offset %ld (size %zu)", offset, size);
            return;
        }
    }
}

static void check_hostent(struct span b, const struct hostent *h, int family, const char *name,
                          struct call_result *r)
{
    check_name(b, h->h_name, name, "h_name", r);
    if (!inside(b, h->h_aliases, sizeof(char *)) || !aligned(h->h_aliases))
        fault(r, "h_aliases %p not an aligned pointer inside the buffer", (void *)h->h_aliases);
    else if (h->h_aliases[0] != NULL)
        fault(r, "h_aliases is not empty");
    int length = family == AF_INET6 ? 16 : 4;
    if (h->h_addrtype != family || h->h_length != length) {
        fault(r, "h_addrtype %d h_length %d, expected %d and %d", h->h_addrtype, h->h_length, family, length);
        return;
    }
    r->family = family;
    if (!inside(b, h->h_addr_list, sizeof(char *)) || !aligned(h->h_addr_list)) {
        fault(r, "h_addr_list %p not an aligned pointer inside the buffer", (void *)h->h_addr_list);
        return;
    }
    for (size_t i = 0;; i++) {
        if (!inside(b, &h->h_addr_list[i], sizeof(char *))) {
            fault(r, "h_addr_list not NULL-terminated inside the buffer");
            return;
        }
        const char *a = h->h_addr_list[i];
        if (a == NULL)
            return;
        if (!inside(b, a, (size_t)length)) {
            fault(r, "h_addr_list[%zu] %p outside the buffer", i, (const void *)a);
            return;
        }
        if (r->count == FIXTURE_MAX_ADDRESSES) {
            fault(r, "more than %d addresses", FIXTURE_MAX_ADDRESSES);
            return;
        }
        struct fixture_address *out = &r->addresses[r->count++];
        memset(out, 0, sizeof(*out));
        out->family = family;
        memcpy(out->bytes, a, (size_t)length);
    }
}

static void check_tuples(struct span b, const struct gaih_addrtuple *t, const char *name, struct call_result *r)
{
    if (t == NULL)
        fault(r, "*pat is NULL on success");
    for (; t != NULL; t = t->next) {
        if (!inside(b, t, sizeof(*t)) || !aligned(t)) {
            fault(r, "tuple %p not an aligned struct inside the buffer", (const void *)t);
            return;
        }
        check_name(b, t->name, name, "tuple name", r);
        if (t->family != AF_INET && t->family != AF_INET6) {
            fault(r, "tuple family %d", t->family);
            return;
        }
        if (t->scopeid != 0)
            fault(r, "tuple scopeid %u", t->scopeid);
        if (r->count == FIXTURE_MAX_ADDRESSES) {
            fault(r, "more than %d tuples (a cycle?)", FIXTURE_MAX_ADDRESSES);
            return;
        }
        struct fixture_address *out = &r->addresses[r->count++];
        memset(out, 0, sizeof(*out));
        out->family = t->family;
        memcpy(out->bytes, t->addr, t->family == AF_INET6 ? 16 : 4);
    }
}

void answer_call(const struct entry *e, int family, const char *name, size_t size, struct call_result *r)
{
    if (!canary_ready) {
        for (size_t i = 0; i < sizeof(canary); i++)
            canary[i] = (unsigned char)(0xa5 ^ (i * 131 >> 3));
        canary_ready = true;
    }
    memcpy(area, canary, sizeof(area));
    memset(r, 0, sizeof(*r));
    struct span b = { (uintptr_t)buffer, (uintptr_t)buffer + size };

    struct hostent h;
    memset(&h, 0xa5, sizeof(h));
    struct gaih_addrtuple *pat = NULL;
    int err = ANSWER_UNSET_ERRNOP, herr = SENTINEL_HERRNO;
    int32_t ttl = SENTINEL_TTL;
    char *canon = (char *)&canon;   /* any non-NULL value the module must overwrite */
    r->via_errno = ANSWER_VIA_ERRNO(size);
    int *errnop = r->via_errno ? &errno : &err;

    errno = ANSWER_ENTRY_ERRNO;
    switch (e->version) {
    case 1:
        r->status = ((nss_gethostbyname_r *)e->fn)(name, &h, (char *)buffer, size, errnop, &herr);
        break;
    case 2:
        r->status = ((nss_gethostbyname2_r *)e->fn)(name, family, &h, (char *)buffer, size, errnop, &herr);
        break;
    case 3:
        r->status = ((nss_gethostbyname3_r *)e->fn)(name, family, &h, (char *)buffer, size, errnop, &herr,
                                                    &ttl, &canon);
        break;
    default:
        r->status = ((nss_gethostbyname4_r *)e->fn)(name, &pat, (char *)buffer, size, errnop, &herr, &ttl);
        break;
    }
    r->errno_after = errno;
    r->err = *errnop;
    r->herr = herr;

    check_canary(size, r);
    if (r->status != NSS_STATUS_SUCCESS)
        return;
    if (e->version == 4) {
        check_tuples(b, pat, name, r);
    } else {
        /* gethostbyname_r asks for AF_INET; AF_UNSPEC is answered with AF_INET (as upstream) */
        int answered = (e->version == 1 || family == AF_UNSPEC) ? AF_INET : family;
        check_hostent(b, &h, answered, name, r);
        if (e->version == 3 && canon != h.h_name)
            fault(r, "*canonp %p is not h_name %p", (void *)canon, (void *)h.h_name);
    }
    if (e->version >= 3 && ttl != 0)
        fault(r, "*ttlp is %d, not 0", ttl);
}
