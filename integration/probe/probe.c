/*
 * Conformance probe of the libvirt NSS module: dlopen()s the module, calls all twelve entry
 * points (_nss_libvirt{,_guest}_gethostbyname{,2,3,4}_r for AF_INET, AF_INET6 and AF_UNSPEC
 * where the entry takes a family; _nss_libvirt{,_guest}_gethostbyaddr{,2}_r for addresses of
 * both families and malformed calls, reverse.c) with every buffer size from 1 to 4096, the buffer lying
 * inside a canary-filled guard area, and checks status, *errnop, *herrnop, *ttlp, *canonp,
 * that every returned pointer lies inside the buffer, that nothing outside it was written,
 * and that the answers are monotonic in the buffer size.
 *
 * errno: before every call errno is set to a value no module reports; even sizes pass errnop =
 * &errno, as glibc does, odd sizes a separate variable. A success must leave errno as it was and
 * a separate *errnop untouched; a failure must report its errno in *errnop and otherwise leave
 * errno as it was (so that errno is the reported value when errnop is &errno): systemd's modules'
 * PROTECT_ERRNO rule (check_errno_rule). Each (entry point, family, name) is then two checks: the
 * answer, and errno.
 *
 * Granularity: one check = one (entry point, family, name) combination; it passes only if the
 * answer for every one of the 4096 sizes meets the expectations. The lease directory is the
 * module's fixed /var/lib/libvirt/dnsmasq: run.sh mounts the case's directory there in a
 * private mount namespace and runs the probe once per case.
 *
 *   probe --write-fixture DIR
 *   probe [--oracle] CASE MODULE [GUEST_MODULE]
 *
 * CASE: data (the fixture), dangling (the fixture and a *.status link to nothing, whose ENOENT
 * must not reach errno), empty (no files), missing (no directory), notdir (a file in its place),
 * noperm (a directory the process may not read). GUEST_MODULE defaults to MODULE (our one binary
 * carries both export sets; Debian's C module ships two files).
 *
 * --oracle: the module is upstream's C module (which has no reverse entry points: skipped), which answers a short buffer with TRYAGAIN +
 * ENOMEM + TRY_AGAIN (glibc then gives up instead of growing the buffer). That expectation is
 * used instead of TRYAGAIN + ERANGE + NETDB_INTERNAL, and the probe prints "fix1 <shown>
 * <not shown>": per entry point, whether the C module's short-buffer answer fails our
 * expectation (the deliberate fix 1). Other differences are printed as DEVIATION lines, those of
 * the errno rule as one "DEVIATION <symbol> errno:" line per entry point.
 *
 * The last line is "<passed> <failed>" (checks).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "answer.h"
#include "check.h"
#include "fixture.h"
#include "reverse.h"

#define ENTRY_COUNT 8

struct dir_case {
    const char *name;
    bool readable;      /* the directory can be listed */
    int err;            /* errno of opendir() otherwise */
};

static const struct dir_case dir_cases[] = {
    { "data", true, 0 },
    { "dangling", true, 0 },
    { "empty", true, 0 },
    { "missing", false, ENOENT },
    { "notdir", false, ENOTDIR },
    { "noperm", false, EACCES },
};

static const char *family_name(const struct entry *e, int family)
{
    if (e->version == 1)
        return "(AF_INET)";
    if (e->version == 4)
        return "(all)";
    return family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_UNSPEC";
}

static int load_entries(const char *module, const char *guest_module, struct entry *entries)
{
    void *handles[2] = { dlopen(module, RTLD_NOW | RTLD_LOCAL), dlopen(guest_module, RTLD_NOW | RTLD_LOCAL) };
    for (int g = 0; g < 2; g++) {
        if (!handles[g]) {
            fprintf(stderr, "probe: dlopen: %s\n", dlerror());
            return -1;
        }
    }
    for (int i = 0; i < ENTRY_COUNT; i++) {
        struct entry *e = &entries[i];
        e->guest = i >= 4;
        e->version = i % 4 + 1;
        char digit[2] = { e->version == 1 ? 0 : (char)('0' + e->version), 0 };
        snprintf(e->symbol, sizeof(e->symbol), "_nss_%s_gethostbyname%s_r", e->guest ? "libvirt_guest" : "libvirt",
                 digit);
        e->fn = dlsym(handles[e->guest], e->symbol);
        if (!e->fn) {
            fprintf(stderr, "probe: dlsym %s: %s\n", e->symbol, dlerror());
            return -1;
        }
    }
    return 0;
}

/* Names asked in a case: every fixture name, or one found name per module when the directory
 * cannot be read or is empty (the answer does not depend on the name there) or in the dangling
 * case (the fixture's answers, asked again to see errno). */
static bool asked(const struct dir_case *c, const struct fixture_name *n)
{
    return strcmp(c->name, "data") == 0 || strcmp(n->name, "dualvm") == 0 || strcmp(n->name, "guest-dual") == 0;
}

static void expect(const struct dir_case *c, const struct entry *e, int family, const struct fixture_name *n,
                   struct expectation *x)
{
    if (!c->readable) {
        memset(x, 0, sizeof(*x));
        x->status = NSS_STATUS_UNAVAIL;
        x->err = c->err;
        x->herr = NO_RECOVERY;
    } else if (strcmp(c->name, "empty") == 0) {
        struct fixture_name none = *n;
        none.count = 0;
        none.no_macs = true;    /* no .macs file at all */
        check_expect_found(e, family, &none, x);
    } else {
        check_expect_found(e, family, n, x);
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-fixture") == 0)
        return fixture_write(argv[2]) == 0 ? 0 : 2;
    bool oracle = argc > 1 && strcmp(argv[1], "--oracle") == 0;
    int arg = oracle ? 2 : 1;
    if (argc - arg < 2 || argc - arg > 3) {
        fprintf(stderr, "usage: probe --write-fixture DIR\n       probe [--oracle] CASE MODULE [GUEST_MODULE]\n");
        return 2;
    }
    const struct dir_case *c = NULL;
    for (size_t i = 0; i < sizeof(dir_cases) / sizeof(dir_cases[0]); i++)
        if (strcmp(argv[arg], dir_cases[i].name) == 0)
            c = &dir_cases[i];
    if (!c) {
        fprintf(stderr, "probe: unknown case %s\n", argv[arg]);
        return 2;
    }
    const char *module = argv[arg + 1], *guest_module = argc - arg == 3 ? argv[arg + 2] : module;

    struct entry entries[ENTRY_COUNT];
    if (load_entries(module, guest_module, entries) < 0)
        return 2;
    const struct fixture_name *names;
    size_t name_count = fixture_names(&names);
    struct short_buffer sb = oracle ? (struct short_buffer){ ENOMEM, TRY_AGAIN }
                                    : (struct short_buffer){ ERANGE, NETDB_INTERNAL };
    static const int families[] = { AF_INET, AF_INET6, AF_UNSPEC };
    const char *failed_word = oracle ? "DEVIATION" : "FAIL";

    printf("probe: case %s, %s%s\n", c->name, module, oracle ? " (upstream C module)" : "");
    size_t passed = 0, failed = 0, fix1_shown = 0, fix1_not_shown = 0;
    for (int i = 0; i < ENTRY_COUNT; i++) {
        const struct entry *e = &entries[i];
        size_t entry_passed = 0, entry_checks = 0, entry_calls = 0, errno_deviations = 0, errno_checks = 0;
        bool entry_enomem = false, entry_expects_success = false;
        char errno_first[400] = "";
        int family_count = e->version == 2 || e->version == 3 ? 3 : 1;
        for (int f = 0; f < family_count; f++) {
            int family = family_count == 1 ? AF_UNSPEC : families[f];
            for (size_t k = 0; k < name_count; k++) {
                const struct fixture_name *n = &names[k];
                if (n->guest != e->guest || !asked(c, n))
                    continue;
                struct expectation x;
                struct check_outcome out;
                expect(c, e, family, n, &x);
                check_run(e, family, n->name, &x, sb, &out);
                entry_checks += 2;
                errno_checks++;
                entry_calls += out.calls;
                entry_enomem |= out.saw_enomem;
                entry_expects_success |= x.status == NSS_STATUS_SUCCESS;
                entry_passed += out.passed + out.errno_passed;
                if (!out.passed)
                    printf("  %s %s %s \"%s\": %zu of %zu sizes; first: %s\n", failed_word, e->symbol,
                           family_name(e, family), n->name, out.faulty_sizes, out.calls, out.detail);
                if (out.errno_passed)
                    continue;
                if (!oracle)
                    printf("  FAIL %s %s \"%s\": errno: %zu of %zu sizes; first: %s\n", e->symbol,
                           family_name(e, family), n->name, out.errno_faulty_sizes, out.calls, out.errno_detail);
                else if (errno_deviations++ == 0)
                    snprintf(errno_first, sizeof(errno_first), "%s \"%s\" %s", family_name(e, family), n->name,
                             out.errno_detail);
            }
        }
        if (errno_deviations)
            printf("  DEVIATION %s errno: %zu of %zu checks; first: %s\n", e->symbol, errno_deviations,
                   errno_checks, errno_first);
        passed += entry_passed;
        failed += entry_checks - entry_passed;
        const char *fix1 = "";
        if (oracle && entry_expects_success) {
            fix1 = entry_enomem ? "; short buffer: ENOMEM + TRY_AGAIN (fails fix 1)"
                                : "; short buffer never answered ENOMEM + TRY_AGAIN";
            if (entry_enomem)
                fix1_shown++;
            else
                fix1_not_shown++;
        }
        printf("%-4s %-38s %3zu/%-3zu checks passed, %zu calls%s\n", entry_passed == entry_checks ? "ok" : oracle ? "dev" : "FAIL",
               e->symbol, entry_passed, entry_checks, entry_calls, fix1);
    }
    reverse_checks(c->name, c->readable, c->err, strcmp(c->name, "empty") == 0, module, guest_module, oracle,
                   &passed, &failed);
    printf("probe: case %s: %zu checks, %zu passed, %zu failed\n", c->name, passed + failed, passed, failed);
    if (oracle)
        printf("fix1 %zu %zu\n", fix1_shown, fix1_not_shown);
    printf("%zu %zu\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
