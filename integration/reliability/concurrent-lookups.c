/*
 * Lookups racing rewrites. A child process rewrites two lease files in the lease directory
 * (/var/lib/libvirt/dnsmasq, which run-reliability.sh mounts) without pause:
 *   - renamed.status as libvirt does: write renamed.status.new, then rename(2) over it;
 *   - inplace.status in place: ftruncate(2) to 0, then one write(2) of the new contents.
 * Each cycles through VERSIONS versions; every version of a file has the same length (padded with
 * spaces), so that a read racing a rewrite sees a whole version or, in place, the empty file left
 * by the truncation. Meanwhile THREADS threads each resolve "renamed-vm" and "inplace-vm" with
 * getaddrinfo(3) (through glibc and the module, nsswitch.conf "hosts: libvirt")
 * LOOKUPS times, alternating.
 *
 * Every answer must equal the address set of one version of its file; "inplace-vm" may also be
 * not found (the empty file existed on disk between truncate and write); "renamed-vm" always
 * exists (rename is atomic). Prints the counts; exits 1 on any other answer. A crash kills the
 * process (the caller reports it).
 *
 *   concurrent-lookups [THREADS LOOKUPS]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR "/var/lib/libvirt/dnsmasq"
#define VERSIONS 4
#define FILE_LENGTH 1024
#define MAX_ADDRESSES 8

struct version {
    char text[FILE_LENGTH + 1];
    char addresses[MAX_ADDRESSES][INET6_ADDRSTRLEN];   /* sorted, "" after the last */
};

static struct version renamed[VERSIONS], inplace[VERSIONS];
static int lookups_per_thread = 10000;

/* What the threads saw, per file: answers per version, not found, and wrong answers. */
struct tally {
    atomic_long version[VERSIONS];
    atomic_long not_found;
    atomic_long wrong;
};
static struct tally renamed_tally, inplace_tally;

/* Rewrite counts, shared with the child through an anonymous shared mapping. */
struct rewrites {
    atomic_long renamed, inplace;
    atomic_int stop;
};
static struct rewrites *shared;

static int compare_text(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Version v of a file: three leases of `name` (two IPv4, one IPv6) unique to v, plus a lease of
 * another name, padded with spaces to FILE_LENGTH bytes. */
static void make_version(struct version *out, const char *name, int net, int v)
{
    const char *lease = "{\"ip-address\":\"%s\",\"mac-address\":\"52:54:00:%02x:%02x:%02x\",\"hostname\":\"%s\","
                        "\"expiry-time\":0}";
    char a[3][INET6_ADDRSTRLEN], one[256];
    snprintf(a[0], sizeof(a[0]), "10.%d.%d.1", net, v);
    snprintf(a[1], sizeof(a[1]), "10.%d.%d.2", net, v);
    snprintf(a[2], sizeof(a[2]), "fd00:%d::%d", net, v + 1);
    size_t at = 0;
    at += (size_t)snprintf(out->text + at, sizeof(out->text) - at, "[");
    for (int i = 0; i < 3; i++) {
        snprintf(one, sizeof(one), lease, a[i], net, v, i, name);
        at += (size_t)snprintf(out->text + at, sizeof(out->text) - at, "%s,", one);
    }
    snprintf(one, sizeof(one), lease, "10.99.0.1", 99, 99, 99, "other-vm");
    at += (size_t)snprintf(out->text + at, sizeof(out->text) - at, "%s]", one);
    memset(out->text + at, ' ', FILE_LENGTH - at);
    out->text[FILE_LENGTH] = 0;
    memset(out->addresses, 0, sizeof(out->addresses));
    for (int i = 0; i < 3; i++)
        strcpy(out->addresses[i], a[i]);
    qsort(out->addresses, 3, sizeof(out->addresses[0]), compare_text);
}

static int write_all(int fd, const char *text, size_t length)
{
    return write(fd, text, length) == (ssize_t)length ? 0 : -1;
}

/* The child: rewrites both files until told to stop. */
static void rewrite_forever(void)
{
    int in_place = open(DIR "/inplace.status", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (in_place < 0)
        _exit(3);
    for (long n = 0; !atomic_load(&shared->stop); n++) {
        int v = (int)(n % VERSIONS);
        int fd = open(DIR "/renamed.status.new", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || write_all(fd, renamed[v].text, FILE_LENGTH) != 0 || close(fd) != 0
            || rename(DIR "/renamed.status.new", DIR "/renamed.status") != 0)
            _exit(3);
        atomic_fetch_add(&shared->renamed, 1);
        if (ftruncate(in_place, 0) != 0 || pwrite(in_place, inplace[v].text, FILE_LENGTH, 0) != FILE_LENGTH)
            _exit(3);
        atomic_fetch_add(&shared->inplace, 1);
    }
    _exit(0);
}

static void classify(const char *name, const struct version *versions, struct tally *tally, bool may_vanish)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res = NULL;
    int rc = getaddrinfo(name, NULL, &hints, &res);
    if (rc == EAI_NONAME || rc == EAI_NODATA) {
        atomic_fetch_add(may_vanish ? &tally->not_found : &tally->wrong, 1);
        if (!may_vanish)
            fprintf(stderr, "WRONG: %s not found (rename is atomic)\n", name);
        return;
    }
    if (rc != 0) {
        atomic_fetch_add(&tally->wrong, 1);
        fprintf(stderr, "WRONG: %s: getaddrinfo: %s\n", name, gai_strerror(rc));
        return;
    }
    char seen[MAX_ADDRESSES][INET6_ADDRSTRLEN];
    memset(seen, 0, sizeof(seen));
    int count = 0;
    bool overflow = false;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if (count == MAX_ADDRESSES) {
            overflow = true;
            break;
        }
        const void *addr = ai->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                                                    : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
        inet_ntop(ai->ai_family, addr, seen[count++], INET6_ADDRSTRLEN);
    }
    freeaddrinfo(res);
    qsort(seen, (size_t)count, sizeof(seen[0]), compare_text);
    for (int v = 0; v < VERSIONS && !overflow; v++) {
        if (memcmp(seen, versions[v].addresses, sizeof(seen)) == 0) {
            atomic_fetch_add(&tally->version[v], 1);
            return;
        }
    }
    atomic_fetch_add(&tally->wrong, 1);
    fprintf(stderr, "WRONG: %s answered %d addresses:", name, count);
    for (int i = 0; i < count; i++)
        fprintf(stderr, " %s", seen[i]);
    fprintf(stderr, "\n");
}

static void *resolve(void *unused)
{
    (void)unused;
    for (int i = 0; i < lookups_per_thread; i++) {
        if (i % 2 == 0)
            classify("renamed-vm", renamed, &renamed_tally, false);
        else
            classify("inplace-vm", inplace, &inplace_tally, true);
    }
    return NULL;
}

static void print_tally(const char *what, const struct tally *t)
{
    printf("%s:", what);
    for (int v = 0; v < VERSIONS; v++)
        printf(" version %d: %ld,", v, atomic_load(&t->version[v]));
    printf(" not found: %ld, other answers: %ld\n", atomic_load(&t->not_found), atomic_load(&t->wrong));
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 8;
    if (argc > 2)
        lookups_per_thread = atoi(argv[2]);
    for (int v = 0; v < VERSIONS; v++) {
        make_version(&renamed[v], "renamed-vm", 1, v);
        make_version(&inplace[v], "inplace-vm", 2, v);
    }
    shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return 2;
    /* Both files exist before the first lookup. */
    for (int f = 0; f < 2; f++) {
        int fd = open(f ? DIR "/inplace.status" : DIR "/renamed.status", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write_all(fd, f ? inplace[0].text : renamed[0].text, FILE_LENGTH) != 0 || close(fd) != 0) {
            perror("concurrent-lookups: initial files");
            return 2;
        }
    }
    pid_t writer = fork();
    if (writer == 0)
        rewrite_forever();
    if (writer < 0)
        return 2;

    pthread_t tid[64];
    if (threads < 1 || threads > 64)
        return 2;
    for (int i = 0; i < threads; i++)
        if (pthread_create(&tid[i], NULL, resolve, NULL) != 0)
            return 2;
    for (int i = 0; i < threads; i++)
        pthread_join(tid[i], NULL);

    atomic_store(&shared->stop, 1);
    int status = 0;
    waitpid(writer, &status, 0);
    printf("threads: %d, lookups: %ld (getaddrinfo, %d per thread)\n", threads, (long)threads * lookups_per_thread,
           lookups_per_thread);
    printf("rewrites meanwhile: %ld by rename, %ld in place (truncate + write)\n", atomic_load(&shared->renamed),
           atomic_load(&shared->inplace));
    print_tally("renamed-vm", &renamed_tally);
    print_tally("inplace-vm", &inplace_tally);
    bool writer_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!writer_ok)
        printf("the rewriting process failed (status %d)\n", status);
    long wrong = atomic_load(&renamed_tally.wrong) + atomic_load(&inplace_tally.wrong);
    return wrong == 0 && writer_ok ? 0 : 1;
}
