/* Checks that the module's start-up shortcuts (src/LibvirtNss.Module/native/startup_*.c) give
 * the runtime the same answers as glibc. Linked with those files and the same --wrap options as
 * the module, so __wrap_X is the shortcut and __real_X is glibc's function.
 * Usage: startup-check stack-initial | stack-thread | stack-forked-from-thread | mountinfo | other-files
 *        | log
 * Exits 0 when the answers are the same; prints both otherwise. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int __wrap_pthread_getattr_np(pthread_t thread, pthread_attr_t *attr);
int __real_pthread_getattr_np(pthread_t thread, pthread_attr_t *attr);
FILE *__wrap_fopen64(const char *path, const char *mode);
FILE *__real_fopen64(const char *path, const char *mode);

/* __real_X is X: these count the calls that reach glibc, so a check also proves which path
 * answered (a shortcut that always fell back to glibc would otherwise pass). */
static int glibc_getattr_calls, glibc_fopen_calls;

int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
    static int (*glibc)(pthread_t, pthread_attr_t *);
    if (!glibc)
        glibc = (int (*)(pthread_t, pthread_attr_t *))dlsym(RTLD_NEXT, "pthread_getattr_np");
    glibc_getattr_calls++;
    return glibc(thread, attr);
}

FILE *fopen64(const char *path, const char *mode)
{
    static FILE *(*glibc)(const char *, const char *);
    if (!glibc)
        glibc = (FILE * (*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen64");
    glibc_fopen_calls++;
    return glibc(path, mode);
}

/* As the runtime's PalGetMaximumStackBounds reads them. */
static int stack_of(int (*getattr)(pthread_t, pthread_attr_t *), void **low, size_t *size)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    int status = getattr(pthread_self(), &attr);
    if (status == 0)
        status = pthread_attr_getstack(&attr, low, size);
    pthread_attr_destroy(&attr);
    return status;
}

/* The shortcut's answer equals glibc's; `expect_glibc`: whether the shortcut must hand the call
 * to glibc (any thread but the initial one) or answer itself. */
static int same_stack_as_glibc(int expect_glibc)
{
    void *low_real, *low_wrap;
    size_t size_real, size_wrap;
    int s_real = stack_of(__real_pthread_getattr_np, &low_real, &size_real);
    glibc_getattr_calls = 0;
    int s_wrap = stack_of(__wrap_pthread_getattr_np, &low_wrap, &size_wrap);
    printf("glibc:    status %d, stack %p + %zu\nshortcut: status %d, stack %p + %zu (%d calls to glibc)\n",
           s_real, low_real, size_real, s_wrap, low_wrap, size_wrap, glibc_getattr_calls);
    return s_real == 0 && s_wrap == 0 && low_real == low_wrap && size_real == size_wrap
           && glibc_getattr_calls == (expect_glibc ? 1 : 0);
}

static void *same_stack(void *unused)
{
    (void)unused;
    return (void *)(long)same_stack_as_glibc(1);
}

static void *forked_from_thread(void *unused)
{
    (void)unused;
    pid_t child = fork();
    if (child == 0)
        _exit(same_stack_as_glibc(1) ? 0 : 1);
    int status;
    waitpid(child, &status, 0);
    return (void *)(long)(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int in_thread(void *(*body)(void *))
{
    pthread_t thread;
    void *result;
    pthread_create(&thread, NULL, body, NULL);
    pthread_join(thread, &result);
    return result != NULL;
}

static char *read_stream(FILE *f, size_t *length)
{
    char *text = NULL;
    FILE *out = open_memstream(&text, length);
    char chunk[4096];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, out);
    fclose(out);
    if (f)
        fclose(f);
    return text;
}

/* The lines of /proc/self/mountinfo whose filesystem type (after " - ") begins with "cgroup". */
static char *cgroup_lines(const char *all)
{
    char *kept = NULL;
    size_t length;
    FILE *out = open_memstream(&kept, &length);
    for (const char *line = all; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
        char *copy = strndup(line, n);
        char *separator = strstr(copy, " - ");
        if (separator == NULL || strncmp(separator + 3, "cgroup", 6) == 0)
            fwrite(line, 1, n, out);
        free(copy);
        line += n;
    }
    fclose(out);
    return kept;
}

/* The module's log (startup_libm_log.c, linked into this program) against libm's, taken from
 * libm.so.6 itself: at most 2 units in the last place apart, special values identical. */
static int64_t ulps_apart(double a, double b)
{
    int64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    if (x < 0) x = INT64_MIN - x;
    if (y < 0) y = INT64_MIN - y;
    return x > y ? x - y : y - x;
}

static int same_log_as_libm(void)
{
    /* Called through a pointer, so that the compiler cannot compute log of a constant itself. */
    double (*volatile module_log)(double) = log;
    void *libm = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    double (*libm_log)(double) = libm ? (double (*)(double))dlsym(libm, "log") : NULL;
    if (libm_log == NULL || libm_log == module_log) {
        printf("libm's log not found apart from the module's\n");
        return 0;
    }
    long checked = 0, bad = 0;
    int64_t worst = 0;
    double worst_at = 0;
#define COMPARE(value) do { \
        double v_ = (value), ours_ = module_log(v_), theirs_ = libm_log(v_); \
        int64_t d_ = (isnan(ours_) && isnan(theirs_)) ? 0 : ulps_apart(ours_, theirs_); \
        if (d_ > worst) { worst = d_; worst_at = v_; } \
        if (d_ > 2 || (isinf(theirs_) && ours_ != theirs_)) { \
            if (bad++ < 10) printf("log(%a): %a, libm %a\n", v_, ours_, theirs_); } \
        checked++; } while (0)
    const double special[] = { 0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN, 2.0, 0.5, M_E,
                               4.9406564584124654e-324, 2.2250738585072009e-308, 2.2250738585072014e-308,
                               1.7976931348623157e308, 1.0000000000000002, 0.99999999999999989 };
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        COMPARE(special[i]);
    /* The runtime's use: log(1 - p), p uniform in [0, 1). */
    uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 1000000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        COMPARE(1.0 - (double)(state >> 11) * 0x1.0p-53);
    }
    /* Every positive double: random bit patterns, subnormals included. */
    for (int i = 0; i < 1000000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t bits = (state >> 1) % 0x7ff0000000000000ULL;
        double v;
        memcpy(&v, &bits, sizeof v);
        COMPARE(v);
    }
    /* Around 1, where the result is smallest. */
    for (int i = -100000; i <= 100000; i++)
        COMPARE(1.0 + i * 0x1.0p-40);
#undef COMPARE
    printf("log: %ld values, %ld more than 2 ulps from libm's; largest difference %lld ulps (at %a)\n",
           checked, bad, (long long)worst, worst_at);
    return bad == 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "stack-initial") == 0)
        return same_stack_as_glibc(0) ? 0 : 1;
    if (strcmp(mode, "stack-thread") == 0)
        return in_thread(same_stack) ? 0 : 1;
    if (strcmp(mode, "stack-forked-from-thread") == 0)
        return in_thread(forked_from_thread) ? 0 : 1;
    if (strcmp(mode, "mountinfo") == 0 || strcmp(mode, "other-files") == 0) {
        const char *path = strcmp(mode, "mountinfo") == 0 ? "/proc/self/mountinfo" : "/proc/self/cgroup";
        size_t n_real, n_wrap;
        char *real = read_stream(__real_fopen64(path, "r"), &n_real);
        glibc_fopen_calls = 0;
        char *wrapped = read_stream(__wrap_fopen64(path, "r"), &n_wrap);
        int through_glibc = glibc_fopen_calls;
        char *expected = strcmp(mode, "mountinfo") == 0 ? cgroup_lines(real) : strdup(real);
        int same = strcmp(expected, wrapped) == 0 && strlen(wrapped) == n_wrap
                   && through_glibc == (strcmp(mode, "mountinfo") == 0 ? 0 : 1);
        int cgroups = 0;
        for (const char *p = wrapped; (p = strstr(p, " - cgroup")) != NULL; p++)
            cgroups++;
        printf("%s: %zu bytes, %zu through the shortcut (%d fopen64 calls to glibc), %d cgroup mounts\n",
               path, n_real, n_wrap, through_glibc, cgroups);
        if (!same)
            printf("expected:\n%s\nthrough the shortcut:\n%s\n", expected, wrapped);
        return same && n_real > 0 ? 0 : 1;
    }
    if (strcmp(mode, "log") == 0)
        return same_log_as_libm() ? 0 : 1;
    fprintf(stderr, "usage: %s stack-initial|stack-thread|stack-forked-from-thread|mountinfo|other-files|log\n", argv[0]);
    return 2;
}
