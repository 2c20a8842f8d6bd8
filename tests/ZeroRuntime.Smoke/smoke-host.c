/* The zero-runtime smoke test's host: dlopens libzr_smoke.so (built from the project's own
   system library and this directory's C# by scripts/build-zero-runtime.sh) and checks every
   export's answer, fault recovery (one thread and several at once), that a fault outside any
   guard aborts, and that the library starts no thread and leaves the signal mask alone.
   With --dotnet, the same checks of the same C# built by .NET's NativeAOT instead.
   Prints one "ok - ..." / "not ok - ..." line per check; integration/zero-runtime/run-zr-smoke.sh
   counts them. Exit status: 0 if all passed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;
static int dotnet;

static void check(int ok, const char *name) {
    printf("%sok - %s\n", ok ? "" : "not ", name);
    if (!ok) failed++;
}

static void *lib;

/* Signal by signal: glibc's sigset_t has 128 bytes, of which the kernel and sigemptyset() set
   only the first 8, so comparing its bytes compares the stack's leftovers. */
static int same_signals(const sigset_t *a, const sigset_t *b) {
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(a, sig) != sigismember(b, sig))
            return 0;
    return 1;
}

static void *sym(const char *name) {
    void *p = dlsym(lib, name);
    if (!p) { printf("not ok - dlsym %s: %s\n", name, dlerror()); exit(1); }
    return p;
}

static int threads(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    struct dirent *e;
    if (!d) return -1;
    while ((e = readdir(d))) if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

typedef int (*index_fn)(const uint8_t *, int, int, int *, int *);
typedef int (*count_fn)(void);
static index_fn zr_index;
static count_fn zr_count;
#define THREADS 8
#define ROUNDS 20000

static void *hammer(void *arg) {
    uint8_t data[4] = {10, 20, 30, 40};
    long bad = 0;
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        int e = 0, h = 0;
        int in = zr_index(data, 4, i & 3, &e, &h);
        int out = zr_index(data, 4, 4 + (i & 7), &e, &h);
        if (in != data[i & 3] || out != -1 || e != EIO || h != 3) bad++;
        zr_count();
    }
    return (void *)bad;
}

/* True if fn, run in a child process, kills it with signal sig. */
static int dies_with(int sig, void (*fn)(void)) {
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        signal(sig, SIG_DFL);
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static int (*arith_fn)(int, int, int, int *);
static int arith_b;
static void call_arith(void) { int e; arith_fn(arith_b == -1 ? INT32_MIN : 1, arith_b, 1, &e); }
static int (*unguarded_fn)(const uint8_t *, int, int);
static void call_unguarded(void) { uint8_t b[4] = {0}; unguarded_fn(b, 4, 4); }
static int (*smash_fn)(int);
static void call_smash(void) { smash_fn(40); }

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--dotnet") != 0)) {
        fprintf(stderr, "usage: %s LIB.so [--dotnet]\n", argv[0]);
        return 2;
    }
    /* --dotnet: LIB.so is the same C# built by .NET's own NativeAOT (with DotNet/Fault.cs). The
       answers are the same but where the two worlds differ by design: the runtime's threads,
       and integer division traps, which .NET turns into exceptions. */
    dotnet = argc == 3;
    setvbuf(stdout, NULL, _IOLBF, 0);
    int threads_before = threads();
    sigset_t mask_before, mask_after;
    pthread_sigmask(SIG_SETMASK, NULL, &mask_before);

    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { printf("not ok - dlopen: %s\n", dlerror()); return 1; }
    check(1, "dlopen of the zero-runtime library");

    /* Spans, Slice, u8 literals, MemoryExtensions, stackalloc, fixed. */
    int (*span_sum)(const uint8_t *, int, int, int) = sym("zr_smoke_span_sum");
    uint8_t bytes[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    check(span_sum(bytes, 10, 2, 5) == 3 + 4 + 5 + 6 + 7, "span: Slice(start, count) and the indexer sum the right bytes");
    check(span_sum(bytes, 10, 10, 0) == 0, "span: an empty Slice at the end");

    int (*match)(const char *, int) = sym("zr_smoke_match");
    const char *name = "guest1.example.org";
    int bits = match(name, (int)strlen(name));
    check(bits == 0x3ff, "u8 literals: SequenceEqual, StartsWith, EndsWith, IndexOf, LastIndexOf, IndexOfAny, TryCopyTo, Empty");
    if (bits != 0x3ff) printf("# match bits: %#x\n", bits);
    bits = match("guest2.example.org", 18);
    check((bits & 1) == 0 && (bits & 2), "u8 literals: a different name is not SequenceEqual, still StartsWith");

    int (*stack)(int) = sym("zr_smoke_stackalloc");
    int s = stack(7);
    check(s == 8 * 7 + 1000 + 10000, "stackalloc: Fill, Clear, Slice CopyTo, foreach, fixed (and fixed of an empty span is null)");
    if (s != 8 * 7 + 11000) printf("# stackalloc: %d\n", s);

    /* Generic struct over unmanaged T, static fields. */
    int (*generic)(int) = sym("zr_smoke_generic");
    int (*generic_calls)(void) = sym("zr_smoke_generic_calls");
    check(generic(10) == 7 * 1000 + 10, "generic ref struct Ring<int> and Ring<long>, Pair<T>, static readonly fields");
    check(generic(2) == 1 * 1000 + 2, "generic: a ring not yet full");
    check(generic_calls() == 2, "a static field keeps its value between calls");

    int (*inline_array)(int) = sym("zr_smoke_inline_array");
    check(inline_array(10) == 10 + 11 + 12 + 13 + 1000, "[InlineArray]: element access, span, foreach; MemoryMarshal.AsBytes, GetReference");

    /* NativeMemory, Interlocked, Volatile, Unsafe. */
    int (*alloc)(int) = sym("zr_smoke_alloc");
    check(alloc(1000) == 3000 + 1, "NativeMemory: Alloc, Realloc, AllocZeroed, Free");
    int (*unsafe_checks)(void) = sym("zr_smoke_unsafe");
    bits = unsafe_checks();
    check(bits == 0x1fff, "Unsafe: ReadUnaligned/WriteUnaligned, AsPointer, AsRef, SizeOf, NullRef/IsNullRef, AreSame, Add, As, "
                          "Read/Write, ByteOffset, AddByteOffset, Subtract, IsAddressLess/GreaterThan, SkipInit");
    if (bits != 0x1fff) printf("# unsafe bits: %#x\n", bits);
    int (*atomics)(void) = sym("zr_smoke_atomics");
    bits = atomics();
    check(bits == 0x3f, "Interlocked (long, uint, ulong, nuint overloads, Add, MemoryBarrier) and Volatile Read/Write");
    if (bits != 0x3f) printf("# atomics bits: %#x\n", bits);
    intptr_t (*cas)(intptr_t, intptr_t) = sym("zr_smoke_cas");
    check(cas(0, 0x1234567890) == 0 && cas(0, 5) == 0x1234567890 && cas(0x1234567890, 0) == 0x1234567890 && cas(0, 0) == 0,
          "Interlocked.CompareExchange(ref nint): swaps only when the comparand matches");
    int (*exchange)(void) = sym("zr_smoke_exchange");
    check(exchange() == 9, "Interlocked.Exchange and Decrement");

    /* Fault recovery on this thread. */
    zr_index = (index_fn)sym("zr_smoke_index");
    zr_count = (count_fn)sym("zr_smoke_count");
    int e = 0, h = 0;
    check(zr_index(bytes, 10, 9, &e, &h) == 10 && e == 0, "guarded index in range: the byte, errno untouched");
    errno = 0;
    int r = zr_index(bytes, 10, 10, &e, &h);
    check(r == -1 && e == EIO && h == 3 && errno == EIO,
          "index out of range: NSS_STATUS_UNAVAIL (-1), *errnop = errno = EIO, *herrnop = NO_RECOVERY");
    e = 0;
    check(zr_index(bytes, 10, 0, &e, &h) == 1 && e == 0, "the call after a fault works");
    check(zr_index(bytes, 10, -1, &e, &h) == -1 && e == EIO, "a negative index faults too");

    int (*slice)(int, int, int, int *) = sym("zr_smoke_slice");
    e = 0;
    check(slice(8, 2, 6, &e) == 6 && e == 0, "guarded Slice in range");
    check(slice(8, 3, 6, &e) == -1 && e == EIO, "Slice past the end: a fault, UNAVAIL");
    e = 0;
    check(slice(20, 0, 1, &e) == -1 && e == EIO, "Slice of a 16-byte stackalloc to 20: a fault");

    int (*arith)(int, int, int, int *) = sym("zr_smoke_arith");
    e = 0;
    check(arith(1000, 1000, 0, &e) == 1000000 && arith(100, 7, 1, &e) == 14 && e == 0, "checked multiply and divide in range");
    check(arith(65536, 65536, 0, &e) == -1 && e == EIO, "checked overflow: a fault");
    /* Integer division faults are hardware traps (NativeAOT relies on them: the JIT emits no
       check): without a runtime they are SIGFPE, as in C. The subset's rule: a divisor that may
       be zero (or -1 with a dividend that may be int.MinValue) is checked first (README.md). */
    arith_fn = arith;
    if (!dotnet) {
        arith_b = 0;
        check(dies_with(SIGFPE, call_arith), "integer division by zero is SIGFPE, as in C (not recovered: documented)");
        arith_b = -1;
        check(dies_with(SIGFPE, call_arith), "INT_MIN / -1 is SIGFPE, as in C (not recovered: documented)");
    } else {
        /* .NET's runtime turns the trap into DivideByZeroException/OverflowException: caught. */
        e = 0;
        check(arith(1, 0, 1, &e) == -1 && e == EIO, "integer division by zero: .NET's exception, caught by the guard (EIO)");
        e = 0;
        check(arith(INT32_MIN, -1, 1, &e) == -1 && e == EIO, "INT_MIN / -1: .NET's exception, caught by the guard (EIO)");
    }

    int (*huge)(long long, int *) = sym("zr_smoke_alloc_huge");
    e = 0;
    check(huge(64, &e) == 1 && e == 0, "guarded small allocation");
    check(huge((long long)1 << 62, &e) == -1 && e == ENOMEM, "an allocation malloc refuses: a fault with ENOMEM (.NET: OutOfMemoryException)");

    int (*nested)(int, int *, int *, int *) = sym("zr_smoke_nested");
    int inner_errno = 0, inside = 0, outside = 1;
    r = nested(0, &inner_errno, &inside, &outside);
    check(r == -7 * 100 + 5 && inner_errno == EIO && inside == 1 && outside == 0,
          "nested guards: the inner fault returns to the inner guard, the outer body goes on");
    if (r != -695) printf("# nested: %d inner_errno %d inside %d outside %d\n", r, inner_errno, inside, outside);
    r = nested(1, &inner_errno, &inside, &outside);
    check(r == -1 && outside == 0, "nested guards: a fault after the inner guard returned goes to the outer guard");

    /* A fault with no recovery point: abort(), in a child. */
    int (*unguarded)(const uint8_t *, int, int) = sym("zr_smoke_unguarded_index");
    check(unguarded(bytes, 10, 3) == 4, "unguarded index in range");
    unguarded_fn = unguarded;
    check(dies_with(SIGABRT, call_unguarded), "a fault outside any guard aborts the process (SIGABRT)");

    /* A stack buffer overrun (unchecked pointer writes): the stack cookie catches it. */
    int (*smash)(int) = sym("zr_smoke_smash");
    check(smash(16) == 16 * 0xAA, "unchecked writes within a stackalloc buffer");
    smash_fn = smash;
    check(dies_with(SIGABRT, call_smash), "a stack buffer overrun fails the stack cookie: abort (SIGABRT)");

    /* Several threads at once: faults, recoveries and atomic counting. */
    long long (*counted)(int) = sym("zr_smoke_counted");
    long long before = counted(0), before_wide = counted(1);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, hammer, NULL);
    long bad = 0;
    for (int i = 0; i < THREADS; i++) { void *b; pthread_join(t[i], &b); bad += (long)b; }
    check(bad == 0, "8 threads x 20000 guarded calls, half of them faulting: every answer right");
    long long after = counted(0), after_wide = counted(1);
    check(after - before == (long long)THREADS * ROUNDS && after_wide - before_wide == 2LL * THREADS * ROUNDS,
          "Interlocked.Increment and a CompareExchange loop on static fields: no update lost across 8 threads");

    pthread_sigmask(SIG_SETMASK, NULL, &mask_after);
    check(same_signals(&mask_before, &mask_after), "the signal mask is unchanged (longjmp restores none)");
    if (!dotnet)
        check(threads() == threads_before, "no thread started by the library (/proc/self/task before and after)");
    else
        printf("# .NET: %d threads before dlopen, %d after (the runtime's)\n", threads_before, threads());
    return failed ? 1 : 0;
}
