/* The probe's lease data and the answers it must produce: one source for both, so the files
 * run.sh mounts and the expectations the probe checks cannot drift apart. */
#ifndef PROBE_FIXTURE_H
#define PROBE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#define FIXTURE_MAX_ADDRESSES 64

struct fixture_address {
    int family;                 /* AF_INET or AF_INET6 */
    unsigned char bytes[16];    /* network order; 4 bytes used for AF_INET */
};

/* One name the probe asks, and what the module must answer for it. */
struct fixture_name {
    const char *name;
    bool guest;                 /* asked through libvirt_guest (a domain name) */
    bool no_macs;               /* guest: the domain has no MAC in any .macs file */
    size_t count;               /* 0: the name is not found */
    /* every address of the name, latest expiry first (never-expiring last): what
     * gethostbyname4_r returns; the per-family answers are this list filtered */
    struct fixture_address addresses[FIXTURE_MAX_ADDRESSES];
};

/* Fills the expectation table; returns the number of names. */
size_t fixture_names(const struct fixture_name **names);

/* Writes default.status, net2.status, default.macs, net2.macs into dir, with expiry times
 * relative to now. Returns 0, or -1 with a message on stderr. */
int fixture_write(const char *dir);

#endif
