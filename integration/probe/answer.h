/* One call of one NSS entry point with the caller's buffer inside a canary-filled guard area,
 * and the structural checks of what it returned (pointers inside the buffer, canary intact). */
#ifndef PROBE_ANSWER_H
#define PROBE_ANSWER_H

#include <nss.h>
#include <stdbool.h>
#include <stddef.h>

#include "fixture.h"

#define ANSWER_MAX_BUFFER 4096

/* errno when the module is called, and *errnop's value before the call when errnop is not &errno:
 * neither is a value any module reports. */
#define ANSWER_ENTRY_ERRNO 0x4d4d
#define ANSWER_UNSET_ERRNOP 0x7e7e

/* Even buffer sizes pass errnop = &errno, as glibc does (gethostbyname*_r, getaddrinfo); odd sizes
 * a separate variable, so every check sees both. */
#define ANSWER_VIA_ERRNO(size) ((size) % 2 == 0)

/* One of the eight forward symbols (reverse.c has the four reverse ones). version: 1 = gethostbyname_r, 2, 3, 4 = gethostbyname{2,3,4}_r. */
struct entry {
    char symbol[64];
    int version;
    bool guest;
    void *fn;
};

struct call_result {
    enum nss_status status;
    int err;                    /* *errnop after the call */
    int herr;                   /* *herrnop after the call */
    bool via_errno;             /* errnop was &errno */
    int errno_after;            /* errno after the call (errno was ANSWER_ENTRY_ERRNO before it) */
    char fault[320];            /* empty unless the call broke a structural rule */
    /* on success: the addresses in the order returned; family 0 for gethostbyname4_r */
    int family;
    size_t count;
    struct fixture_address addresses[FIXTURE_MAX_ADDRESSES];
};

/* Calls e for name (family ignored by versions 1 and 4) with a buffer of size bytes. */
void answer_call(const struct entry *e, int family, const char *name, size_t size, struct call_result *r);

#endif
