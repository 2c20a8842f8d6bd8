/*
 * A host process that dlopen()s the module and looks names up on command, so that a test can
 * change the lease directory between two lookups of the same process. Reads commands on stdin,
 * one a line, and answers each with one line on stdout:
 *
 *   lookup NAME      _nss_libvirt_gethostbyname4_r(NAME):
 *                    "<STATUS> errno=<E> h_errno=<H> <address>..." (STATUS: SUCCESS, NOTFOUND,
 *                    UNAVAIL, TRYAGAIN; E and H by name where known)
 *   guest NAME       the same through _nss_libvirt_guest_gethostbyname4_r
 *   exhaust          opens /dev/null until open(2) fails: "exhausted <n> descriptors (<errno>)"
 *   release          closes them again: "released <n>"
 *   quit             exits 0
 *
 *   lookup-host MODULE [GUEST_MODULE]
 *
 * GUEST_MODULE: where _nss_libvirt_guest_* is, when not in MODULE (upstream's C module is two
 * libraries; ours is one, under both names).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *,
                                      int32_t *);

static const char *status_name(enum nss_status s)
{
    switch (s) {
    case NSS_STATUS_SUCCESS: return "SUCCESS";
    case NSS_STATUS_NOTFOUND: return "NOTFOUND";
    case NSS_STATUS_UNAVAIL: return "UNAVAIL";
    case NSS_STATUS_TRYAGAIN: return "TRYAGAIN";
    default: return "OTHER";
    }
}

static const char *errno_name(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOTDIR: return "ENOTDIR";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ESRCH: return "ESRCH";
    case ENXIO: return "ENXIO";
    case ERANGE: return "ERANGE";
    case EIO: return "EIO";
    case EISDIR: return "EISDIR";
    default: return "?";
    }
}

static const char *herrno_name(int h)
{
    switch (h) {
    case 0: return "0";
    case HOST_NOT_FOUND: return "HOST_NOT_FOUND";
    case TRY_AGAIN: return "TRY_AGAIN";
    case NO_RECOVERY: return "NO_RECOVERY";
    case NO_DATA: return "NO_DATA";
    case NETDB_INTERNAL: return "NETDB_INTERNAL";
    default: return "?";
    }
}

static void lookup(byname4_fn fn, const char *name)
{
    static char buffer[65536];
    struct gaih_addrtuple *pat = NULL;
    int err = 0, herr = 0;
    int32_t ttl = 0;
    enum nss_status s = fn(name, &pat, buffer, sizeof(buffer), &err, &herr, &ttl);
    if (s != NSS_STATUS_SUCCESS)
        printf("%s errno=%s h_errno=%s\n", status_name(s), errno_name(err), herrno_name(herr));
    else {
        printf("%s errno=%s h_errno=%s", status_name(s), errno_name(err), herrno_name(herr));
        for (struct gaih_addrtuple *t = pat; t; t = t->next) {
            char text[INET6_ADDRSTRLEN];
            inet_ntop(t->family, t->addr, text, sizeof(text));
            printf(" %s", text);
        }
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: lookup-host MODULE [GUEST_MODULE]\n");
        return 2;
    }
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    void *guest = argc == 3 ? dlopen(argv[2], RTLD_NOW | RTLD_LOCAL) : module;
    if (!module || !guest) {
        fprintf(stderr, "lookup-host: %s\n", dlerror());
        return 2;
    }
    byname4_fn host4 = (byname4_fn)dlsym(module, "_nss_libvirt_gethostbyname4_r");
    byname4_fn guest4 = (byname4_fn)dlsym(guest, "_nss_libvirt_guest_gethostbyname4_r");
    if (!host4 || !guest4)
        return 2;
    setvbuf(stdout, NULL, _IOLBF, 0);

    static int held[1 << 16];
    int nheld = 0;
    char line[4096];
    while (fgets(line, sizeof(line), stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "lookup ", 7) == 0)
            lookup(host4, line + 7);
        else if (strncmp(line, "guest ", 6) == 0)
            lookup(guest4, line + 6);
        else if (strcmp(line, "exhaust") == 0) {
            int fd;
            while (nheld < (int)(sizeof(held) / sizeof(held[0])) && (fd = open("/dev/null", O_RDONLY)) >= 0)
                held[nheld++] = fd;
            printf("exhausted %d descriptors (%s)\n", nheld, errno_name(errno));
        } else if (strcmp(line, "release") == 0) {
            int n = nheld;
            while (nheld > 0)
                close(held[--nheld]);
            printf("released %d\n", n);
        } else if (strcmp(line, "quit") == 0)
            return 0;
        else
            printf("unknown command\n");
    }
    return 0;
}
