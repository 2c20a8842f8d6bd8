/* The lease snapshot seen from a C host that dlopen()s the module (integration/cache/run.sh).
 *
 *   cache-host changes MODULE DIR   one process, lookups between rewrites of DIR's files: in place
 *                                   and by rename with the same size and mtime, files added, removed
 *   cache-host stress MODULE DIR SECONDS
 *                                   a writer process replaces DIR's lease file by rename (as
 *                                   libvirt_leaseshelper does) while 8 threads of this process
 *                                   resolve; every answer must be one of the versions written
 *
 * DIR must be where the module reads (/var/lib/libvirt/dnsmasq: run.sh binds it in a private
 * mount namespace). Prints "ok - ..." / "not ok - ..." lines and, last, "<passed> <failed>". */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <nss.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef enum nss_status (*byname2_fn)(const char *, int, struct hostent *, char *, size_t, int *, int *);
typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

#define THREADS 8
#define VERSIONS 1000 /* version v leases 10.0.(v / 200).(v % 200) */

static byname4_fn host4;    /* _nss_libvirt_gethostbyname4_r */
static byname2_fn guest2;   /* _nss_libvirt_guest_gethostbyname2_r */
static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s - %s\n", ok ? "ok" : "not ok", what);
    fflush(stdout);
}

static void load(const char *path)
{
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        exit(2);
    }
    host4 = (byname4_fn)dlsym(module, "_nss_libvirt_gethostbyname4_r");
    guest2 = (byname2_fn)dlsym(module, "_nss_libvirt_guest_gethostbyname2_r");
    if (!host4 || !guest2) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        exit(2);
    }
}

/* The one IPv4 address the libvirt module answers for NAME ("" for none, "many" for more). */
static void resolve_host(const char *name, char *out, size_t size)
{
    char buffer[4096];
    struct gaih_addrtuple *pat = NULL;
    int err = 0, herr = 0;
    int32_t ttl;
    snprintf(out, size, "%s", "");
    if (host4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl) != NSS_STATUS_SUCCESS || !pat)
        return;
    if (pat->next || pat->family != AF_INET) {
        snprintf(out, size, "%s", "many");
        return;
    }
    inet_ntop(AF_INET, pat->addr, out, size);
}

static void resolve_guest(const char *name, char *out, size_t size)
{
    char buffer[4096];
    struct hostent he;
    int err = 0, herr = 0;
    snprintf(out, size, "%s", "");
    if (guest2(name, AF_INET, &he, buffer, sizeof buffer, &err, &herr) != NSS_STATUS_SUCCESS)
        return;
    if (he.h_addr_list[0] == NULL || he.h_addr_list[1] != NULL) {
        snprintf(out, size, "%s", "many");
        return;
    }
    inet_ntop(AF_INET, he.h_addr_list[0], out, size);
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) != 0) {
        perror(path);
        exit(2);
    }
}

/* Rewrites in place: no truncation, no new inode; the size stays when TEXT is as long. */
static void overwrite(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0 || pwrite(fd, text, strlen(text), 0) != (ssize_t)strlen(text) || close(fd) != 0) {
        perror(path);
        exit(2);
    }
}

static void set_mtime(const char *path, struct timespec mtime)
{
    struct timespec times[2] = { { .tv_nsec = UTIME_OMIT }, mtime };
    if (utimensat(AT_FDCWD, path, times, 0) != 0) {
        perror(path);
        exit(2);
    }
}

static void status_text(char *out, size_t size, const char *ip, const char *host, const char *mac)
{
    snprintf(out, size, "[{\"ip-address\":\"%s\",\"mac-address\":\"%s\",\"hostname\":\"%s\",\"expiry-time\":0}]",
             ip, mac, host);
}

/* Past the kernel's timestamp tick (and the snapshot's margin): a change missed now is missed for good. */
static void settle(void)
{
    struct timespec pause = { .tv_sec = 0, .tv_nsec = 150 * 1000 * 1000 };
    nanosleep(&pause, NULL);
}

static int same_answer(const char *name, int guest, const char *expected)
{
    char got[64];
    if (guest)
        resolve_guest(name, got, sizeof got);
    else
        resolve_host(name, got, sizeof got);
    if (strcmp(got, expected) != 0)
        printf("#  %s: expected \"%s\", got \"%s\"\n", name, expected, got);
    return strcmp(got, expected) == 0;
}

static int changes(const char *dir)
{
    char path[512], next[512], other[512], macs[512], text[512];
    snprintf(path, sizeof path, "%s/net.status", dir);
    snprintf(next, sizeof next, "%s/net.status.new", dir);
    snprintf(other, sizeof other, "%s/other.status", dir);
    snprintf(macs, sizeof macs, "%s/net.macs", dir);
    const struct timespec fixed = { .tv_sec = 1767225600, .tv_nsec = 123456789 }; /* 2026-01-01 */

    status_text(text, sizeof text, "192.168.122.10", "vm", "52:54:00:00:00:01");
    write_file(path, text);
    write_file(macs, "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:01\"]}]");
    set_mtime(path, fixed);
    settle();
    check(same_answer("vm", 0, "192.168.122.10"), "first lookup reads the lease file");
    check(same_answer("guest", 1, "192.168.122.10"), "libvirt_guest answers from the same process");
    check(same_answer("vm", 0, "192.168.122.10"), "a second lookup answers the same");

    struct stat before, after;
    stat(path, &before);
    status_text(text, sizeof text, "192.168.122.11", "vm", "52:54:00:00:00:01");
    overwrite(path, text);
    set_mtime(path, fixed);
    settle();
    stat(path, &after);
    check(before.st_ino == after.st_ino && before.st_size == after.st_size
          && before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec,
          "in-place rewrite kept inode, size and mtime (only the ctime changed)");
    check(same_answer("vm", 0, "192.168.122.11"), "in-place rewrite with the same size and mtime is seen");
    check(same_answer("guest", 1, "192.168.122.11"), "... by libvirt_guest too");

    stat(path, &before);
    status_text(text, sizeof text, "192.168.122.12", "vm", "52:54:00:00:00:01");
    write_file(next, text);
    set_mtime(next, fixed);
    if (rename(next, path) != 0) {
        perror("rename");
        return 2;
    }
    settle();
    stat(path, &after);
    check(before.st_size == after.st_size && before.st_mtim.tv_sec == after.st_mtim.tv_sec
          && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec, "rename kept size and mtime");
    check(same_answer("vm", 0, "192.168.122.12"), "rewrite by rename with the same size and mtime is seen");

    check(same_answer("other", 0, ""), "a name no lease carries is not found");
    status_text(text, sizeof text, "192.168.100.5", "other", "52:54:00:00:00:05");
    write_file(other, text);
    settle();
    check(same_answer("other", 0, "192.168.100.5"), "a lease file added is seen");
    unlink(other);
    settle();
    check(same_answer("other", 0, ""), "a lease file removed is seen");
    check(same_answer("vm", 0, "192.168.122.12"), "the other file still answers");

    /* No pause at all: a change right after a lookup is still seen. */
    int fresh = 1;
    for (int i = 0; i < 100; i++) {
        char ip[32];
        snprintf(ip, sizeof ip, "192.168.122.%d", 20 + i % 50);
        status_text(text, sizeof text, ip, "vm", "52:54:00:00:00:01");
        write_file(next, text);
        if (rename(next, path) != 0)
            return 2;
        fresh &= same_answer("vm", 0, ip);
    }
    check(fresh, "100 rewrites, each looked up at once: every lookup sees the last write");
    return 0;
}

/* --- stress: a writer process and 8 resolving threads --- */

static atomic_int stop;
static atomic_long answers, wrong;

static int valid_version(const char *ip)
{
    unsigned a, b;
    char extra;
    return sscanf(ip, "10.0.%u.%u%c", &a, &b, &extra) == 2 && b < 200 && a * 200 + b < VERSIONS;
}

static void *resolver(void *arg)
{
    long id = (long)arg;
    char got[64];
    while (!atomic_load(&stop)) {
        int bad = 0;
        if (id % 2 == 0)
            resolve_host("vm", got, sizeof got);
        else
            resolve_guest("guest", got, sizeof got);
        bad |= !valid_version(got);
        if (bad)
            printf("#  thread %ld: %s answered \"%s\"\n", id, id % 2 ? "guest" : "vm", got);
        resolve_host("still", got, sizeof got);
        bad |= strcmp(got, "10.9.9.9") != 0;
        resolve_host("example.invalid", got, sizeof got);
        bad |= got[0] != '\0';
        atomic_fetch_add(&answers, 3);
        if (bad)
            atomic_fetch_add(&wrong, 1);
    }
    return NULL;
}

static void version_text(char *out, size_t size, int version)
{
    snprintf(out, size,
             "[{\"ip-address\":\"10.0.%d.%d\",\"mac-address\":\"52:54:00:00:00:02\",\"hostname\":\"vm\",\"expiry-time\":0},"
             "{\"ip-address\":\"10.9.9.9\",\"mac-address\":\"52:54:00:00:00:03\",\"hostname\":\"still\",\"expiry-time\":0}]",
             version / 200, version % 200);
}

/* The writer: replaces the file until SIGTERM, then writes the last version to FD. */
static volatile sig_atomic_t writer_stop;
static void on_term(int sig) { (void)sig; writer_stop = 1; }

static void writer(const char *dir, int fd)
{
    char path[512], next[512], text[512];
    snprintf(path, sizeof path, "%s/net.status", dir);
    snprintf(next, sizeof next, "%s/net.status.new", dir);
    signal(SIGTERM, on_term);
    int version = 0, count = 0;
    while (!writer_stop) {
        version = (version + 1) % VERSIONS;
        version_text(text, sizeof text, version);
        write_file(next, text);
        if (rename(next, path) != 0)
            _exit(3);
        count++;
    }
    dprintf(fd, "%d %d\n", version, count);
    _exit(0);
}

static int stress(const char *module, const char *dir, int seconds)
{
    char path[512], macs[512], text[512];
    snprintf(path, sizeof path, "%s/net.status", dir);
    snprintf(macs, sizeof macs, "%s/net.macs", dir);
    version_text(text, sizeof text, 0);
    write_file(path, text);
    write_file(macs, "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:02\"]}]");

    int pipe_fds[2];
    if (pipe(pipe_fds) != 0)
        return 2;
    pid_t child = fork(); /* before the module is loaded: the writer is a plain C process */
    if (child < 0)
        return 2;
    if (child == 0) {
        close(pipe_fds[0]);
        writer(dir, pipe_fds[1]);
    }
    close(pipe_fds[1]);
    load(module);

    pthread_t threads[THREADS];
    for (long i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, resolver, (void *)i);
    sleep(seconds);
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    atomic_store(&stop, 1);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);

    int last = -1, written = 0;
    FILE *from_writer = fdopen(pipe_fds[0], "r");
    if (!from_writer || fscanf(from_writer, "%d %d", &last, &written) != 2)
        last = -1;
    printf("#  %d versions written by rename, %ld answers from %d threads, %ld wrong\n",
           written, atomic_load(&answers), THREADS, atomic_load(&wrong));
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && written > 100, "the writer process replaced the file more than 100 times");
    check(atomic_load(&answers) > 1000, "8 threads answered more than 1000 lookups");
    check(atomic_load(&wrong) == 0, "every answer was one of the versions on disk (and the constant lease, and the miss)");
    char expected[32];
    snprintf(expected, sizeof expected, "10.0.%d.%d", last / 200, last % 200);
    check(last >= 0 && same_answer("vm", 0, expected), "after the writer stopped, the lookup answers its last version");
    check(last >= 0 && same_answer("guest", 1, expected), "... and so does libvirt_guest");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int status;
    if (argc == 4 && strcmp(argv[1], "changes") == 0) {
        load(argv[2]);
        status = changes(argv[3]);
    } else if (argc == 5 && strcmp(argv[1], "stress") == 0) {
        status = stress(argv[2], argv[3], atoi(argv[4]));
    } else {
        fprintf(stderr, "usage: %s changes MODULE DIR | stress MODULE DIR SECONDS\n", argv[0]);
        return 2;
    }
    printf("%d %d\n", passed, failed);
    return status;
}
