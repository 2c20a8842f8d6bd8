/*
 * The module's host guard (its only other C: the start-up shortcuts, startup_*.c). It exists
 * because C# cannot do these jobs: the NativeAOT runtime initialises itself (PalInit) inside
 * the first call of an export, before any managed code of ours runs, and the runtime's own
 * calls into libc are not reachable from C#.
 *
 * 1. The twelve NSS entry points (gethostbyname{,2,3,4}_r and gethostbyaddr{,2}_r of both names). Each calls its managed body (Exports.cs,
 *    libvirt_nss_managed_*) inside a guard:
 *    - one call at a time runs managed code (an error-checking mutex), so a garbage collection
 *      never has to stop another thread running our code and the runtime never needs its
 *      thread-suspension signal; a call re-entered on the same thread answers UNAVAIL;
 *    - the host's asynchronous signals are blocked for the call (its handlers never run in the
 *      middle of the runtime) and the synchronous ones unblocked (a fault in managed code must
 *      reach the runtime); the thread's mask and cancel state are given back exactly;
 *    - the runtime's SIGSEGV and SIGFPE handlers (a null reference or an integer division fault
 *      in managed code becomes an exception that HostLookup answers as UNAVAIL) are installed
 *      on entry, chaining to the host's current handlers, and the host's handlers are put back
 *      before returning.
 * 2. The runtime's own libc calls, redirected at link time (-Wl,--wrap, see the .csproj):
 *    - signal(SIGPIPE, SIG_IGN) of PalInit is not done: the host keeps its SIGPIPE disposition;
 *    - sigaction: the SIGSEGV/SIGFPE handlers are recorded and only installed within calls;
 *      any other handler (the SIGRTMIN thread-activation handler) is recorded, never installed;
 *    - pthread_kill(SIGRTMIN) is not sent: it reports ESRCH ("thread gone"), which the runtime
 *      handles by retrying the suspension until the thread reaches a safe point by itself;
 *    - pthread_sigmask no longer unblocks SIGRTMIN in the host's threads;
 *    - getenv returns NULL: no runtime setting (DOTNET_*, COMPlus_*: GC limits, EventPipe,
 *      diagnostics, dumps) comes from the host's environment; they are fixed at build time;
 *    - SystemNative_GetNonCryptographicallySecureRandomBytes (CoreLib's hash seeds) uses
 *      getrandom(2) instead of a /dev/urandom descriptor kept open for the life of the host;
 *    - pthread_key_create, pthread_create, pthread_cond_wait: the runtime's work outside the
 *      calls holds the guard too (a thread leaving the runtime when it exits; the finalizer
 *      thread, except while it waits), so that fork() never copies the runtime in the middle of it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#define EXPORT __attribute__((visibility("default")))

int __real_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int __real_pthread_sigmask(int how, const sigset_t *set, sigset_t *old);
int __real_pthread_kill(pthread_t thread, int sig);
int __real_pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int __real_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
int __real_pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);

/* The handlers the runtime asked for, the runtime's record of the previous handler (where it
 * chains to), and the host's handler to give back. Written under guard_lock only. */
struct fault_signal {
    int sig;
    int registered;
    int installed;
    struct sigaction runtime;
    struct sigaction *runtime_previous;
    struct sigaction host;
};

static struct fault_signal fault_signals[] = { { .sig = SIGSEGV }, { .sig = SIGFPE } };
#define FAULT_SIGNAL_COUNT (sizeof fault_signals / sizeof fault_signals[0])

static pthread_mutex_t guard_lock = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
/* The mutex of the event the finalizer thread waits on (see __wrap_pthread_cond_wait). */
static pthread_mutex_t *runtime_wait_mutex;
static pthread_once_t fork_handlers_once = PTHREAD_ONCE_INIT;

static struct fault_signal *fault_signal_of(int sig)
{
    for (size_t i = 0; i < FAULT_SIGNAL_COUNT; i++)
        if (fault_signals[i].sig == sig)
            return &fault_signals[i];
    return NULL;
}

/* The runtime chains an unhandled fault to its record of the previous handler and calls
 * sa_sigaction when it is not NULL: SIG_IGN (1) must be recorded as SIG_DFL there. */
static void record_previous(struct fault_signal *f)
{
    *f->runtime_previous = f->host;
    if (!(f->host.sa_flags & SA_SIGINFO) && f->host.sa_handler == SIG_IGN)
        f->runtime_previous->sa_handler = SIG_DFL;
}

static void install_fault_handlers(void)
{
    for (size_t i = 0; i < FAULT_SIGNAL_COUNT; i++) {
        struct fault_signal *f = &fault_signals[i];
        if (!f->registered)
            continue;
        /* One call installs the runtime's handler and reads the host's. */
        if (__real_sigaction(f->sig, &f->runtime, &f->host) != 0)
            continue;
        f->installed = 1;
        record_previous(f);
        if (f->host.sa_flags & SA_ONSTACK) { /* as the runtime does: the host's alternate stack */
            struct sigaction act = f->runtime;
            act.sa_flags |= SA_ONSTACK;
            act.sa_mask = f->host.sa_mask;
            __real_sigaction(f->sig, &act, NULL);
        }
    }
}

static void restore_fault_handlers(void)
{
    for (size_t i = 0; i < FAULT_SIGNAL_COUNT; i++) {
        struct fault_signal *f = &fault_signals[i];
        if (!f->installed)
            continue;
        struct sigaction current;
        if (__real_sigaction(f->sig, &f->host, &current) == 0
            && current.sa_sigaction != f->runtime.sa_sigaction)
            __real_sigaction(f->sig, &current, NULL); /* the host installed its own meanwhile */
        f->installed = 0;
    }
}

/* fork() waits for a running call, so a child never inherits the runtime in the middle of one.
 * The child's only thread has another thread id than the locking parent thread: an
 * error-checking mutex cannot be unlocked there, it is initialised afresh. fork() also takes the
 * finalizer's event mutex (after the guard, the order every call that sets that event follows):
 * the finalizer holds it without the guard for a moment after each wake-up. */
static void lock_before_fork(void)
{
    pthread_mutex_lock(&guard_lock);
    if (runtime_wait_mutex != NULL)
        pthread_mutex_lock(runtime_wait_mutex);
}
static void unlock_in_parent(void)
{
    if (runtime_wait_mutex != NULL)
        pthread_mutex_unlock(runtime_wait_mutex);
    pthread_mutex_unlock(&guard_lock);
}
static void reset_in_child(void)
{
    static const pthread_mutex_t fresh = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
    if (runtime_wait_mutex != NULL)
        pthread_mutex_unlock(runtime_wait_mutex); /* a normal mutex, locked by this thread */
    memcpy(&guard_lock, &fresh, sizeof guard_lock);
}
static void register_fork_handlers(void)
{
    pthread_atfork(lock_before_fork, unlock_in_parent, reset_in_child);
}

struct guard {
    sigset_t mask;
    int cancel_state;
};

/* Returns 0 when the caller may run managed code; otherwise the call must answer UNAVAIL. */
static int guard_enter(struct guard *g)
{
    sigset_t block;
    sigfillset(&block);
    sigdelset(&block, SIGSEGV);
    sigdelset(&block, SIGBUS);
    sigdelset(&block, SIGFPE);
    sigdelset(&block, SIGILL);
    sigdelset(&block, SIGTRAP);
    sigdelset(&block, SIGSYS);
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &g->cancel_state);
    __real_pthread_sigmask(SIG_SETMASK, &block, &g->mask);
    pthread_once(&fork_handlers_once, register_fork_handlers);
    if (pthread_mutex_lock(&guard_lock) != 0) {
        __real_pthread_sigmask(SIG_SETMASK, &g->mask, NULL);
        pthread_setcancelstate(g->cancel_state, NULL);
        return -1;
    }
    install_fault_handlers();
    return 0;
}

static void guard_leave(struct guard *g)
{
    restore_fault_handlers();
    pthread_mutex_unlock(&guard_lock);
    __real_pthread_sigmask(SIG_SETMASK, &g->mask, NULL);
    pthread_setcancelstate(g->cancel_state, NULL);
}

static enum nss_status reentered(int *errnop, int *herrnop)
{
    *errnop = EDEADLK;
    *herrnop = NO_RECOVERY;
    return NSS_STATUS_UNAVAIL;
}

/* --- the runtime's libc calls (linked with -Wl,--wrap=NAME) --- */

int __wrap_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (act == NULL || old == NULL)
        return __real_sigaction(sig, act, old); /* a query, or the runtime restoring a handler to crash */
    struct fault_signal *f = fault_signal_of(sig);
    if (f == NULL)
        return __real_sigaction(sig, NULL, old); /* recorded nowhere, installed never */
    f->runtime = *act;
    f->runtime_previous = old;
    f->registered = 1;
    /* Registration happens during PalInit, inside a guarded call: install now, restore on return. */
    if (__real_sigaction(sig, act, &f->host) != 0)
        return -1;
    f->installed = 1;
    record_previous(f);
    return 0;
}

/* PalInit's signal(SIGPIPE, SIG_IGN): not done; the current disposition is reported. */
__sighandler_t __wrap_signal(int sig, __sighandler_t handler)
{
    (void)handler;
    struct sigaction current;
    if (__real_sigaction(sig, NULL, &current) != 0)
        return SIG_ERR;
    return current.sa_handler;
}

/* The runtime unblocks SIGRTMIN in every thread that enters it: not in the host's threads. */
int __wrap_pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    if (how == SIG_UNBLOCK && set != NULL && sigismember(set, SIGRTMIN) == 1) {
        sigset_t without = *set;
        sigdelset(&without, SIGRTMIN);
        return __real_pthread_sigmask(how, &without, old);
    }
    return __real_pthread_sigmask(how, set, old);
}

/* The GC's thread-activation signal is never sent (no handler for it is ever installed). */
int __wrap_pthread_kill(pthread_t thread, int sig)
{
    if (sig == SIGRTMIN)
        return ESRCH;
    return __real_pthread_kill(thread, sig);
}

/* Nothing linked into the module reads the host's environment. The one variable the module
 * honours, LIBVIRT_NSS_DEBUG, is read by managed code through secure_getenv. */
char *__wrap_getenv(const char *name)
{
    (void)name;
    return NULL;
}

/* CoreLib seeds its hash functions with these bytes. The library's version opens /dev/urandom
 * once and keeps the descriptor for the life of the process: a descriptor the host does not know
 * about (a daemon that closes every descriptor and reuses the number would feed the runtime its
 * own file). getrandom(2) needs none, and GRND_INSECURE never blocks, even early at boot. */
void __wrap_SystemNative_GetNonCryptographicallySecureRandomBytes(uint8_t *buffer, int32_t length)
{
    size_t done = 0;
    while (length > 0 && done < (size_t)length) {
        ssize_t n = getrandom(buffer + done, (size_t)length - done, GRND_INSECURE);
        if (n < 0 && errno == EINVAL)
            n = getrandom(buffer + done, (size_t)length - done, GRND_NONBLOCK);
        if (n > 0) {
            done += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            /* No kernel source (a seccomp filter, say): a seed for hash tables needs no secrecy. */
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            uint64_t x = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^ (uintptr_t)buffer;
            for (; done < (size_t)length; done++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                buffer[done] = (uint8_t)x;
            }
        }
    }
}

/* --- the runtime's work outside the calls, under the guard as well ---
 * fork() waits for the guard, but two things run runtime code outside the calls: a thread that
 * ran a lookup leaves the runtime when it exits (a thread-specific key's destructor takes the
 * runtime's thread-store lock and runs a managed exit callback), and the finalizer thread attaches
 * itself (the same lock) and runs managed code whenever it wakes. A fork() in the middle of either
 * left the child waiting forever: its first call found the thread-store lock held by a thread that
 * does not exist in the child (or a GC would wait for that thread to leave managed code). */

static void (*runtime_thread_exit)(void *);
static __thread int guard_held_by_runtime_thread; /* the finalizer: released only while it waits */

/* Only the mutex: the host's fault handlers stay in place (another thread may be reading them). */
static void guarded_thread_exit(void *runtime_thread)
{
    int locked = pthread_mutex_lock(&guard_lock) == 0; /* an exiting thread is never inside a call */
    runtime_thread_exit(runtime_thread);
    if (locked)
        pthread_mutex_unlock(&guard_lock);
}

int __wrap_pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    if (destructor == NULL || (runtime_thread_exit != NULL && runtime_thread_exit != destructor))
        return __real_pthread_key_create(key, destructor);
    runtime_thread_exit = destructor; /* PalInit's one key: the thread's detach from the runtime */
    return __real_pthread_key_create(key, guarded_thread_exit);
}

struct thread_start {
    void *(*start)(void *);
    void *arg;
};

static void *guarded_thread_start(void *p)
{
    struct thread_start s = *(struct thread_start *)p;
    free(p);
    pthread_mutex_lock(&guard_lock); /* after the call that created this thread has left */
    guard_held_by_runtime_thread = 1;
    void *result = s.start(s.arg); /* the finalizer never returns */
    guard_held_by_runtime_thread = 0;
    pthread_mutex_unlock(&guard_lock);
    return result;
}

/* The runtime's threads (the finalizer only: no background GC, no EventPipe) start under the guard. */
int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    struct thread_start *s = malloc(sizeof *s);
    if (s == NULL)
        return EAGAIN;
    s->start = start;
    s->arg = arg;
    int error = __real_pthread_create(thread, attr, guarded_thread_start, s);
    if (error != 0)
        free(s);
    return error;
}

/* A runtime thread gives the guard up while it waits (the finalizer waits for work with no time
 * limit, so pthread_cond_wait). It takes the guard back with the event's mutex released: a call
 * holding the guard may be setting that event (a GC that found finalizable objects). The caller
 * re-checks its event's state under the mutex, as after any wake-up. */
int __wrap_pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
    if (!guard_held_by_runtime_thread)
        return __real_pthread_cond_wait(cond, mutex);
    runtime_wait_mutex = mutex; /* the finalizer waits on one event only */
    pthread_mutex_unlock(&guard_lock);
    int result = __real_pthread_cond_wait(cond, mutex);
    pthread_mutex_unlock(mutex);
    pthread_mutex_lock(&guard_lock);
    pthread_mutex_lock(mutex);
    return result;
}

/* --- the twelve NSS entry points --- */

#define HOST_ARGS_1 const char *name, struct hostent *result, char *buffer, size_t buflen, int *errnop, int *herrnop
#define HOST_ARGS_2 const char *name, int af, struct hostent *result, char *buffer, size_t buflen, int *errnop, int *herrnop
#define HOST_ARGS_3 const char *name, int af, struct hostent *result, char *buffer, size_t buflen, int *errnop, int *herrnop, int32_t *ttlp, char **canonp
#define HOST_ARGS_4 const char *name, struct gaih_addrtuple **pat, char *buffer, size_t buflen, int *errnop, int *herrnop, int32_t *ttlp
#define HOST_ARGS_addr1 const void *addr, socklen_t len, int af, struct hostent *result, char *buffer, size_t buflen, int *errnop, int *herrnop
#define HOST_ARGS_addr2 const void *addr, socklen_t len, int af, struct hostent *result, char *buffer, size_t buflen, int *errnop, int *herrnop, int32_t *ttlp
#define CALL_ARGS_1 name, result, buffer, buflen, errnop, herrnop
#define CALL_ARGS_2 name, af, result, buffer, buflen, errnop, herrnop
#define CALL_ARGS_3 name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp
#define CALL_ARGS_4 name, pat, buffer, buflen, errnop, herrnop, ttlp
#define CALL_ARGS_addr1 addr, len, af, result, buffer, buflen, errnop, herrnop
#define CALL_ARGS_addr2 addr, len, af, result, buffer, buflen, errnop, herrnop, ttlp

#define GUARDED_ENTRY(exported, managed, n)                                  \
    enum nss_status managed(HOST_ARGS_##n);                                  \
    EXPORT enum nss_status exported(HOST_ARGS_##n)                           \
    {                                                                        \
        struct guard g;                                                      \
        if (guard_enter(&g) != 0)                                            \
            return reentered(errnop, herrnop);                               \
        enum nss_status status = managed(CALL_ARGS_##n);                     \
        int saved_errno = errno;                                             \
        guard_leave(&g);                                                     \
        errno = saved_errno;                                                 \
        return status;                                                       \
    }

GUARDED_ENTRY(_nss_libvirt_gethostbyname_r, libvirt_nss_managed_hostname1, 1)
GUARDED_ENTRY(_nss_libvirt_gethostbyname2_r, libvirt_nss_managed_hostname2, 2)
GUARDED_ENTRY(_nss_libvirt_gethostbyname3_r, libvirt_nss_managed_hostname3, 3)
GUARDED_ENTRY(_nss_libvirt_gethostbyname4_r, libvirt_nss_managed_hostname4, 4)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyname_r, libvirt_nss_managed_domain1, 1)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyname2_r, libvirt_nss_managed_domain2, 2)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyname3_r, libvirt_nss_managed_domain3, 3)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyname4_r, libvirt_nss_managed_domain4, 4)
GUARDED_ENTRY(_nss_libvirt_gethostbyaddr_r, libvirt_nss_managed_hostname_addr1, addr1)
GUARDED_ENTRY(_nss_libvirt_gethostbyaddr2_r, libvirt_nss_managed_hostname_addr2, addr2)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyaddr_r, libvirt_nss_managed_domain_addr1, addr1)
GUARDED_ENTRY(_nss_libvirt_guest_gethostbyaddr2_r, libvirt_nss_managed_domain_addr2, addr2)
