/* One check: one entry point, one family, one name, called with every buffer size 1..4096. */
#ifndef PROBE_CHECK_H
#define PROBE_CHECK_H

#include <nss.h>
#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "fixture.h"

/* What the module must answer. */
struct expectation {
    enum nss_status status;     /* SUCCESS, or the failure every size must give */
    int err, herr;              /* for failures */
    int family;                 /* for SUCCESS: h_addrtype, or 0 for gethostbyname4_r */
    size_t count;
    struct fixture_address addresses[FIXTURE_MAX_ADDRESSES];
};

/* How a too-small buffer must be answered (TRYAGAIN always). */
struct short_buffer {
    int err, herr;
};

struct check_outcome {
    bool passed;                /* the answer: status, *errnop, *herrnop, the addresses, the buffer */
    bool errno_passed;          /* errno and an untouched *errnop as check_errno_rule() wants them */
    size_t errno_faulty_sizes;
    char errno_detail[256];     /* the first size that broke the errno rule */
    size_t calls;
    size_t faulty_sizes;        /* sizes whose answer broke a rule */
    size_t first_success;       /* smallest size that succeeded, 0 if none */
    bool saw_enomem;            /* a short buffer was answered ENOMEM + TRY_AGAIN (upstream's answer) */
    char detail[768];           /* the first rule broken, with its size */
};

/* The answer the fixture implies for e/family/name in a readable lease directory. */
void check_expect_found(const struct entry *e, int family, const struct fixture_name *name,
                        struct expectation *x);

void check_run(const struct entry *e, int family, const char *name, const struct expectation *x,
               struct short_buffer sb, struct check_outcome *out);

/* The errno rule (src/LibvirtNss.Module/NssReply.cs, systemd's PROTECT_ERRNO): errno is put back
 * to its value on entry; a failure then writes *errnop, so that errno holds the reported value
 * when errnop is &errno and is unchanged otherwise; a success leaves errno and *errnop alone.
 * The answer's *errnop itself is judged with the answer. Writes the broken rule to problem ("" if none). */
void check_errno_rule(enum nss_status status, bool via_errno, int err, int errno_after, char *problem, size_t len);

const char *check_status_name(enum nss_status status);
const char *check_herrno_name(int herr);
const char *check_errno_name(int err);

#endif
