/* The observer's control (host-safety suite): a stand-in for libnss_libvirt.so.2 that makes the
 * changes the observer must see, each through the raw rt_sigaction system call so that it is
 * exactly that change (glibc's sigaction would add SA_RESTORER on the way). Each call:
 * - installs a SIGUSR1 handler, opens and closes /dev/null (where the observer's probe looks
 *   from another thread), then puts the host's SIGUSR1 disposition back exactly: only the
 *   transient column may show it (10);
 * and each call of the second module name (the last one getaddrinfo asks, after the probe):
 * - flips SA_RESTART in the flags of the host's SIGHUP disposition, nothing else (1);
 * - adds SIGTERM to the sa_mask of the host's SIGUSR2 disposition, nothing else (12);
 * both left so: the sigs column must show them. It answers NOTFOUND. The suite runs a C host
 * with it in place of the module and expects sigs=1,12 transient=10. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

struct kernel_sigaction { /* the kernel's layout on x86-64 */
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

/* libc's syscall(3) itself, not the observer's wrapper of it (which probes, as it does for the
 * module's own system calls): the probe points stay the open and close of /dev/null. */
static long libc_syscall(long number, long a, long b, long c, long d)
{
    static long (*real)(long, ...);
    if (!real) {
        void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
        real = (long (*)(long, ...))dlsym(libc, "syscall");
    }
    return real(number, a, b, c, d);
}

static int raw_sigaction(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old)
{
    return (int)libc_syscall(SYS_rt_sigaction, sig, (long)act, (long)old, sizeof(uint64_t));
}

static void ignore(int sig) { (void)sig; }

static enum nss_status lookup(int last, int *errnop, int *h_errnop)
{
    struct sigaction mine = { .sa_handler = ignore };
    struct kernel_sigaction saved, k;
    sigemptyset(&mine.sa_mask);
    raw_sigaction(SIGUSR1, NULL, &saved);
    sigaction(SIGUSR1, &mine, NULL);
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
        close(fd);
    raw_sigaction(SIGUSR1, &saved, NULL);
    if (last) {
        raw_sigaction(SIGHUP, NULL, &k);
        k.flags ^= SA_RESTART;
        raw_sigaction(SIGHUP, &k, NULL);
        raw_sigaction(SIGUSR2, NULL, &k);
        k.mask |= 1ULL << (SIGTERM - 1);
        raw_sigaction(SIGUSR2, &k, NULL);
    }
    *errnop = ENOENT;
    *h_errnop = HOST_NOT_FOUND;
    return NSS_STATUS_NOTFOUND;
}

/* getaddrinfo asks gethostbyname4_r for AF_UNSPEC, gethostbyname3_r or 2_r for one family. */
#define EXPORTS(module, last) \
    enum nss_status _nss_##module##_gethostbyname4_r(const char *name, struct gaih_addrtuple **pat, char *buffer, \
                                                     size_t length, int *errnop, int *h_errnop, int32_t *ttlp) \
    { \
        (void)name, (void)pat, (void)buffer, (void)length, (void)ttlp; \
        return lookup(last, errnop, h_errnop); \
    } \
    enum nss_status _nss_##module##_gethostbyname2_r(const char *name, int af, struct hostent *result, char *buffer, \
                                                     size_t length, int *errnop, int *h_errnop) \
    { \
        (void)name, (void)af, (void)result, (void)buffer, (void)length; \
        return lookup(last, errnop, h_errnop); \
    }

EXPORTS(libvirt, 0)
EXPORTS(libvirt_guest, 1)
