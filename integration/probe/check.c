/* Runs one check over every buffer size and judges each answer against the expectation. */
#define _GNU_SOURCE
#include "check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

const char *check_status_name(enum nss_status status)
{
    switch (status) {
    case NSS_STATUS_TRYAGAIN: return "TRYAGAIN";
    case NSS_STATUS_UNAVAIL: return "UNAVAIL";
    case NSS_STATUS_NOTFOUND: return "NOTFOUND";
    case NSS_STATUS_SUCCESS: return "SUCCESS";
    case NSS_STATUS_RETURN: return "RETURN";
    default: return "?";
    }
}

const char *check_herrno_name(int herr)
{
    switch (herr) {
    case NETDB_INTERNAL: return "NETDB_INTERNAL";
    case NETDB_SUCCESS: return "NETDB_SUCCESS";
    case HOST_NOT_FOUND: return "HOST_NOT_FOUND";
    case TRY_AGAIN: return "TRY_AGAIN";
    case NO_RECOVERY: return "NO_RECOVERY";
    case NO_DATA: return "NO_DATA";
    default: return "unset";
    }
}

const char *check_errno_name(int err)
{
    if (err == 0)
        return "0";
    if (err == ANSWER_ENTRY_ERRNO)
        return "as on entry";
    const char *name = strerrorname_np(err);
    return name ? name : "unset";
}

void check_expect_found(const struct entry *e, int family, const struct fixture_name *name,
                        struct expectation *x)
{
    memset(x, 0, sizeof(*x));
    if (name->guest && name->no_macs) {
        /* a domain with no MAC in any .macs file: upstream's findLease() fails (no MAC to look
         * for) and answers UNAVAIL + NO_RECOVERY with errno 0; the module follows upstream here */
        x->status = NSS_STATUS_UNAVAIL;
        x->err = 0;
        x->herr = NO_RECOVERY;
        return;
    }
    if (name->count == 0) {
        x->status = NSS_STATUS_NOTFOUND;
        x->err = ESRCH;
        x->herr = HOST_NOT_FOUND;
        return;
    }
    /* gethostbyname_r asks for AF_INET; AF_UNSPEC is answered with AF_INET (as upstream);
     * gethostbyname4_r answers every family */
    int wanted = e->version == 4 ? 0 : (e->version == 1 || family == AF_UNSPEC) ? AF_INET : family;
    for (size_t i = 0; i < name->count; i++)
        if (wanted == 0 || name->addresses[i].family == wanted)
            x->addresses[x->count++] = name->addresses[i];
    if (x->count == 0) {
        x->status = NSS_STATUS_UNAVAIL;     /* the name matched, no address of that family */
        x->err = ENXIO;
        x->herr = NO_DATA;
        return;
    }
    x->status = NSS_STATUS_SUCCESS;
    x->family = wanted;
}

static void format_addresses(char *out, size_t len, const struct fixture_address *a, size_t count)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < count && used + 48 < len; i++) {
        char text[INET6_ADDRSTRLEN];
        inet_ntop(a[i].family, a[i].bytes, text, sizeof(text));
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", text);
        if (i == 4 && count > 6) {
            snprintf(out + used, len - used, " ... (%zu)", count);
            return;
        }
    }
}

static bool same_addresses(const struct call_result *r, const struct expectation *x)
{
    if (r->count != x->count)
        return false;
    for (size_t i = 0; i < r->count; i++) {
        size_t length = r->addresses[i].family == AF_INET6 ? 16 : 4;
        if (r->addresses[i].family != x->addresses[i].family
            || memcmp(r->addresses[i].bytes, x->addresses[i].bytes, length) != 0)
            return false;
    }
    return true;
}

/* Judges the answer for one size; writes the broken rule to problem (empty when none). */
static void judge(const struct call_result *r, size_t size, const struct expectation *x, struct short_buffer sb,
                  struct check_outcome *out, char *problem, size_t len)
{
    problem[0] = 0;
    if (r->fault[0]) {
        snprintf(problem, len, "%s: %s", check_status_name(r->status), r->fault);
        return;
    }
    if (x->status != NSS_STATUS_SUCCESS || r->status == NSS_STATUS_SUCCESS) {
        /* a success's *errnop is the errno rule's (check_errno_rule) */
        if (r->status != x->status || (r->status != NSS_STATUS_SUCCESS && r->err != x->err) || r->herr != x->herr) {
            snprintf(problem, len, "%s errno %s h_errno %s, expected %s errno %s h_errno %s",
                     check_status_name(r->status), check_errno_name(r->err), check_herrno_name(r->herr),
                     check_status_name(x->status), check_errno_name(x->err), check_herrno_name(x->herr));
            return;
        }
        if (r->status != NSS_STATUS_SUCCESS)
            return;
        if (!same_addresses(r, x)) {
            char got[300], want[300];
            format_addresses(got, sizeof(got), r->addresses, r->count);
            format_addresses(want, sizeof(want), x->addresses, x->count);
            snprintf(problem, len, "answered [%s], expected [%s]", got, want);
            return;
        }
        if (out->first_success == 0)
            out->first_success = size;
        return;
    }
    /* a success is expected and this size did not give one: only a short buffer may say so */
    if (r->status != NSS_STATUS_TRYAGAIN) {
        snprintf(problem, len, "%s errno %s h_errno %s, expected SUCCESS or (short buffer) TRYAGAIN",
                 check_status_name(r->status), check_errno_name(r->err), check_herrno_name(r->herr));
        return;
    }
    if (r->err == ENOMEM && r->herr == TRY_AGAIN)
        out->saw_enomem = true;
    if (out->first_success != 0) {
        snprintf(problem, len, "TRYAGAIN although size %zu succeeded (not monotonic)", out->first_success);
        return;
    }
    if (r->err != sb.err || r->herr != sb.herr)
        snprintf(problem, len, "short buffer: TRYAGAIN errno %s h_errno %s, expected TRYAGAIN errno %s h_errno %s",
                 check_errno_name(r->err), check_herrno_name(r->herr), check_errno_name(sb.err),
                 check_herrno_name(sb.herr));
}

void check_errno_rule(enum nss_status status, bool via_errno, int err, int errno_after, char *problem, size_t len)
{
    const char *how = via_errno ? "errnop = &errno" : "a separate errnop";
    problem[0] = 0;
    if (status == NSS_STATUS_SUCCESS) {
        if (errno_after != ANSWER_ENTRY_ERRNO)
            snprintf(problem, len, "SUCCESS (%s) left errno %s, not its value on entry", how,
                     check_errno_name(errno_after));
        else if (!via_errno && err != ANSWER_UNSET_ERRNOP)
            snprintf(problem, len, "SUCCESS wrote *errnop = %s", check_errno_name(err));
    } else if (via_errno ? errno_after != err : errno_after != ANSWER_ENTRY_ERRNO) {
        snprintf(problem, len, "%s (%s): errno %s, expected %s", check_status_name(status), how,
                 check_errno_name(errno_after), via_errno ? "the reported *errnop" : "its value on entry");
    }
}

void check_run(const struct entry *e, int family, const char *name, const struct expectation *x,
               struct short_buffer sb, struct check_outcome *out)
{
    static struct call_result r;
    char problem[640];
    memset(out, 0, sizeof(*out));
    for (size_t size = 1; size <= ANSWER_MAX_BUFFER; size++) {
        answer_call(e, family, name, size, &r);
        out->calls++;
        judge(&r, size, x, sb, out, problem, sizeof(problem));
        if (problem[0]) {
            if (out->faulty_sizes++ == 0)
                snprintf(out->detail, sizeof(out->detail), "size %zu: %s", size, problem);
        }
        check_errno_rule(r.status, r.via_errno, r.err, r.errno_after, problem, sizeof(problem));
        if (problem[0]) {
            if (out->errno_faulty_sizes++ == 0)
                snprintf(out->errno_detail, sizeof(out->errno_detail), "size %zu: %s", size, problem);
        }
    }
    if (x->status == NSS_STATUS_SUCCESS && out->first_success == 0 && out->faulty_sizes == 0)
        snprintf(out->detail, sizeof(out->detail), "no size up to %d succeeded", ANSWER_MAX_BUFFER);
    out->passed = out->faulty_sizes == 0 && out->detail[0] == 0;
    out->errno_passed = out->errno_faulty_sizes == 0;
}
