/* The reverse entry points (_nss_libvirt{,_guest}_gethostbyaddr{,2}_r): every fixture address of
 * both families, and two malformed calls, each with every buffer size 1..4096 inside the guard. */
#ifndef PROBE_REVERSE_H
#define PROBE_REVERSE_H

#include <stdbool.h>
#include <stddef.h>

/* Runs the reverse checks for one lease-directory case (readable: the directory can be listed;
 * err: opendir's errno otherwise; empty: no files). A module without the reverse symbols (the
 * C module) is reported and skipped when optional, a failure otherwise. Adds to *passed and *failed. */
void reverse_checks(const char *case_name, bool readable, int err, bool empty, const char *module,
                    const char *guest_module, bool optional, size_t *passed, size_t *failed);

#endif
