/* A C host for the host-safety suite: resolves NAME through getaddrinfo (so through glibc, the
 * nsswitch.conf of the test namespace and the module) and checks that ADDRESS is among the
 * answers. The first lookup runs alone; then THREADS threads make LOOKUPS lookups each.
 * Usage: c-host [--threads N] [--lookups K] [--block-all] [--fork] [--spawn] [--sigpipe]
 *               [--stack-size BYTES] [--fault-name FAULT] NAME ADDRESS
 *   --stack-size      every lookup runs in a thread created with a stack of BYTES
 *                     (pthread_attr_setstacksize), the first one (module load included) too:
 *                     it runs alone in its own thread before the THREADS workers start
 *   --block-all       every signal blocked in every thread, from the start
 *   --fork            afterwards a forked child (no exec) resolves again and exits cleanly
 *   --fork-during     with --direct: while 8 threads call the module, five forked children
 *                     call it too and exit (glibc itself is not fork-safe while another
 *                     thread is inside getaddrinfo, so this calls the module directly)
 *   --spawn           afterwards posix_spawn (vfork + exec) runs this program to resolve again
 *   --sigpipe         afterwards a forked child that writes to a closed pipe dies of SIGPIPE
 *   --own-handlers    afterwards the host installs its own SIGSEGV handler: it stays installed
 *                     across lookups, and it catches the host's own faults, also while another
 *                     thread is inside the module
 *   --fault-name      FAULT (a name the test build of the module fails on: its
 *                     FaultInjection.cs) must not resolve, twice; then NAME must resolve
 *                     in the same process
 *   --max-threads N   afterwards the process has at most N threads besides its own
 *   --no-sockets      afterwards the process has no socket open
 *   --direct MODULE   no glibc: dlopen MODULE and call _nss_libvirt_gethostbyname4_r
 *                     DIRECT_CALLS (4) times, each call between getppid() markers (for
 *                     strace: the first call, the second, from which on the module keeps a
 *                     snapshot, and later calls answered from it)
 * Exit status 0 when every check held; each failure is one line on stderr. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <nss.h>
#include <netdb.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static const char *name, *address;
static int lookups = 20;
static int failures;
static pthread_mutex_t failures_lock = PTHREAD_MUTEX_INITIALIZER;

static int resolves(void)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res = NULL;
    if (getaddrinfo(name, NULL, &hints, &res) != 0)
        return 0;
    int found = 0;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        char text[INET6_ADDRSTRLEN];
        struct sockaddr_in *in = (struct sockaddr_in *)a->ai_addr;
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) && strcmp(text, address) == 0)
            found = 1;
    }
    freeaddrinfo(res);
    return found;
}

static void fail(const char *what)
{
    pthread_mutex_lock(&failures_lock);
    failures++;
    fprintf(stderr, "c-host: %s\n", what);
    pthread_mutex_unlock(&failures_lock);
}

static void *worker(void *unused)
{
    (void)unused;
    for (int i = 0; i < lookups; i++)
        if (!resolves()) {
            fail("a lookup from a worker thread did not answer the address");
            break;
        }
    return NULL;
}

static void *first_lookup(void *unused)
{
    (void)unused;
    if (!resolves())
        fail("the first lookup did not answer the address");
    return NULL;
}

static void check_fork(void)
{
    pid_t child = fork();
    if (child == 0)
        exit(resolves() && resolves() ? 0 : 3); /* exit(), not _exit(): atexit handlers and destructors run */
    int status;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail("a forked child did not resolve and exit cleanly");
}

static void check_spawn(const char *self)
{
    char *argv[] = { (char *)self, (char *)name, (char *)address, NULL };
    pid_t child;
    int status;
    if (posix_spawn(&child, self, NULL, NULL, argv, environ) != 0
        || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail("a posix_spawn child did not resolve and exit cleanly");
}

static void check_sigpipe(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return fail("pipe");
    close(fds[0]);
    pid_t child = fork();
    if (child == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        (void)!write(fds[1], "x", 1);
        _exit(0);
    }
    close(fds[1]);
    int status;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFSIGNALED(status) || WTERMSIG(status) != SIGPIPE)
        fail("a child writing to a closed pipe did not die of SIGPIPE (the host's disposition changed)");
}

static int count_entries(const char *dir, const char *link_prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (link_prefix) {
            char path[512], target[256];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            ssize_t len = readlink(path, target, sizeof target - 1);
            if (len <= 0)
                continue;
            target[len] = 0;
            if (strncmp(target, link_prefix, strlen(link_prefix)) != 0)
                continue;
        }
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

typedef enum nss_status (*byname4_fn)(const char *, struct gaih_addrtuple **, char *, size_t, int *, int *, int32_t *);

static byname4_fn byname4;

static int call_module(void)
{
    char buffer[4096];
    struct gaih_addrtuple *pat = NULL;
    int err = 0, herr = 0;
    int32_t ttl = 0;
    return byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl) == NSS_STATUS_SUCCESS;
}

static void *direct_worker(void *unused)
{
    (void)unused;
    for (int k = 0; k < 200; k++)
        if (!call_module()) {
            fail("a direct call from a worker thread failed");
            break;
        }
    return NULL;
}

static int direct_fork_during(void)
{
    pthread_t t[8];
    for (int k = 0; k < 8; k++)
        pthread_create(&t[k], NULL, direct_worker, NULL);
    for (int k = 0; k < 5; k++) {
        pid_t child = fork();
        if (child == 0)
            exit(call_module() && call_module() ? 0 : 3);
        int status;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail("a child forked while other threads were inside the module did not call it and exit cleanly");
    }
    for (int k = 0; k < 8; k++)
        pthread_join(t[k], NULL);
    return failures ? 1 : 0;
}

#define DIRECT_CALLS 4

static int direct(const char *module, int fork_during)
{
    void *handle = dlopen(module, RTLD_NOW | RTLD_LOCAL);
    byname4 = handle ? (byname4_fn)dlsym(handle, "_nss_libvirt_gethostbyname4_r") : NULL;
    if (!byname4) {
        fprintf(stderr, "c-host: %s\n", dlerror());
        return 2;
    }
    if (fork_during)
        return direct_fork_during();
    static char buffer[4096];
    int ok = 1;
    for (int call = 0; call < DIRECT_CALLS; call++) {
        struct gaih_addrtuple *pat = NULL;
        int err = 0, herr = 0;
        int32_t ttl = 0;
        getppid();
        ok &= byname4(name, &pat, buffer, sizeof buffer, &err, &herr, &ttl) == NSS_STATUS_SUCCESS;
    }
    getppid();
    return ok ? 0 : 1;
}

static __thread sigjmp_buf fault_return;
static atomic_long faults_caught;

static void host_segv_handler(int sig, siginfo_t *info, void *context)
{
    (void)sig, (void)info, (void)context;
    atomic_fetch_add(&faults_caught, 1);
    siglongjmp(fault_return, 1);
}

static long take_faults(long count)
{
    long before = atomic_load(&faults_caught);
    for (volatile long k = 0; k < count; k++)
        if (sigsetjmp(fault_return, 1) == 0)
            *(volatile int *)(uintptr_t)(k % 64 * 8) = 1; /* an address in the unmapped first page */
    return atomic_load(&faults_caught) - before;
}

static atomic_int resolving_done;

static void *resolve_while_faulting(void *unused)
{
    (void)unused;
    for (int k = 0; k < 100; k++)
        if (!resolves()) {
            fail("a lookup failed while the host took faults");
            break;
        }
    atomic_store(&resolving_done, 1);
    return NULL;
}

static void check_own_handlers(void)
{
    struct sigaction mine = { .sa_sigaction = host_segv_handler, .sa_flags = SA_SIGINFO | SA_NODEFER }, now;
    sigemptyset(&mine.sa_mask);
    sigaction(SIGSEGV, &mine, NULL);
    if (!resolves())
        fail("a lookup after the host installed its SIGSEGV handler did not answer");
    sigaction(SIGSEGV, NULL, &now);
    if (now.sa_sigaction != host_segv_handler)
        fail("the host's own SIGSEGV handler did not stay installed across a lookup");
    if (take_faults(1) != 1)
        fail("the host's SIGSEGV handler did not catch the host's fault after a lookup");
    pthread_t resolver;
    pthread_create(&resolver, NULL, resolve_while_faulting, NULL);
    long taken = 0, caught = 0; /* faults all along the other thread's lookups */
    while (!atomic_load(&resolving_done) || taken < 1000) {
        caught += take_faults(100);
        taken += 100;
    }
    pthread_join(resolver, NULL);
    if (caught != taken)
        fail("host faults taken while another thread resolved were not all caught by the host's handler");
    sigaction(SIGSEGV, NULL, &now);
    if (now.sa_sigaction != host_segv_handler)
        fail("the host's own SIGSEGV handler did not stay installed across concurrent lookups");
}

/* The threads besides this one. A joined worker may still be listed in /proc/self/task for a
 * moment after pthread_join returns (the kernel wakes the joiner when the thread clears its tid,
 * before the thread is reaped): such threads are waited for, up to 100 ms; a thread the module
 * started and kept would stay. */
static int threads_left(int allowed)
{
    int left = count_entries("/proc/self/task", NULL) - 1;
    for (int wait = 0; wait < 50 && left > allowed; wait++) {
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
        left = count_entries("/proc/self/task", NULL) - 1;
    }
    return left;
}

int main(int argc, char **argv)
{
    int own_handlers = 0, fork_during = 0;
    int max_threads = -1, no_sockets = 0;
    const char *direct_module = NULL;
    int threads = 1, block_all = 0, do_fork = 0, do_spawn = 0, do_sigpipe = 0;
    const char *fault_name = NULL;
    long stack_size = 0;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--lookups") && i + 1 < argc) lookups = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--block-all")) block_all = 1;
        else if (!strcmp(argv[i], "--stack-size") && i + 1 < argc) stack_size = atol(argv[++i]);
        else if (!strcmp(argv[i], "--fork")) do_fork = 1;
        else if (!strcmp(argv[i], "--fork-during")) fork_during = 1;
        else if (!strcmp(argv[i], "--spawn")) do_spawn = 1;
        else if (!strcmp(argv[i], "--sigpipe")) do_sigpipe = 1;
        else if (!strcmp(argv[i], "--fault-name") && i + 1 < argc) fault_name = argv[++i];
        else if (!strcmp(argv[i], "--max-threads") && i + 1 < argc) max_threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--no-sockets")) no_sockets = 1;
        else if (!strcmp(argv[i], "--own-handlers")) own_handlers = 1;
        else if (!strcmp(argv[i], "--direct") && i + 1 < argc) direct_module = argv[++i];
        else { fprintf(stderr, "c-host: unknown option %s\n", argv[i]); return 2; }
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: c-host [options] NAME ADDRESS\n");
        return 2;
    }
    name = argv[i];
    address = argv[i + 1];
    if (direct_module)
        return direct(direct_module, fork_during);
    if (block_all) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
    }

    struct addrinfo *warm = NULL; /* glibc's own start-up (nsswitch.conf, "files") is not the module's */
    if (getaddrinfo("localhost", NULL, NULL, &warm) == 0)
        freeaddrinfo(warm);

    if (fault_name) {
        const char *real = name;
        name = fault_name;
        if (resolves())
            fail("the lookup answered although the module had an internal error");
        if (resolves())
            fail("the second lookup answered although the module had an internal error");
        name = real;
        if (!resolves())
            fail("after the internal error, the module no longer answers");
        return failures ? 1 : 0;
    }

    pthread_attr_t attr, *with = NULL;
    if (stack_size > 0) {
        pthread_attr_init(&attr);
        if (pthread_attr_setstacksize(&attr, stack_size) != 0) {
            fprintf(stderr, "c-host: pthread_attr_setstacksize(%ld) refused\n", stack_size);
            return 2;
        }
        with = &attr;
        pthread_t first;
        if (pthread_create(&first, with, first_lookup, NULL) != 0)
            fail("pthread_create (first lookup)");
        else
            pthread_join(first, NULL);
    } else {
        first_lookup(NULL);
    }
    pthread_t *t = calloc(threads, sizeof *t);
    int started = 0;
    for (int k = 0; k < threads; k++)
        if (pthread_create(&t[started], with, worker, NULL) == 0)
            started++;
        else
            fail("pthread_create");
    for (int k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    if (do_fork)
        check_fork();
    if (do_spawn)
        check_spawn(argv[0]);
    if (do_sigpipe)
        check_sigpipe();
    if (own_handlers)
        check_own_handlers();
    if (max_threads >= 0 && threads_left(max_threads) > max_threads)
        fail("the lookups left more threads than allowed");
    if (no_sockets && count_entries("/proc/self/fd", "socket:") > 0)
        fail("the lookups left a socket open");
    return failures ? 1 : 0;
}
