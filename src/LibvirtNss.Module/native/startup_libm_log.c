/*
 * log(3), so that the module does not load libm.so.6.
 *
 * Why: the one function the library takes from libm is log, referenced by the NativeAOT
 * runtime's allocation helper (GcAllocInternal in Runtime/GCHelpers.cpp, through
 * ee_alloc_context::ComputeGeometricRandom: -log(1 - p) for p in [0, 1)), which only runs
 * when EventPipe's allocation-sampling keyword is on; this module has no EventPipe
 * (EventSourceSupport=false). For that one symbol, glibc mapped, relocated and searched one
 * more library in every process that loads the module (docs/performance.md says how much).
 * Defined here (hidden: the version script exports only the _nss_* functions), the runtime's
 * reference binds inside the library and the linker's --as-needed drops libm.so.6.
 *
 * Why C: the caller is the runtime's C++, inside the GC's allocation path, bound at link time;
 * a managed function cannot be called from there (it would be an export and a transition into
 * managed code during an allocation).
 *
 * What: the natural logarithm of any double, as libm answers it to within 2 units in the
 * last place (make check-startup compares both over (0, 1] and the whole range, and the
 * special values: NaN, negative -> NaN, +-0 -> -inf, +inf -> +inf). Unlike libm it leaves
 * errno alone (EDOM, ERANGE); the runtime does not read it.
 *   x = 2^k * m, with m in [sqrt(1/2), sqrt(2)); log(x) = k ln 2 + log(m);
 *   log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| <= 0.1716,
 *   so that 12 terms reach the precision of a double; ln 2 is split in two parts so that
 *   k ln 2 keeps its precision.
 */
#include <stdint.h>
#include <string.h>

double log(double x);

double log(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int exponent = (int)((bits >> 52) & 0x7ff);

    if (x != x)
        return x; /* NaN */
    if (x == 0)
        return -1.0 / 0.0;
    if (x < 0)
        return (x - x) / (x - x); /* NaN */
    if (exponent == 0x7ff)
        return x; /* +inf */

    int k = 0;
    if (exponent == 0) { /* subnormal: scale into the normal range */
        x *= 18014398509481984.0; /* 2^54 */
        memcpy(&bits, &x, sizeof bits);
        exponent = (int)((bits >> 52) & 0x7ff);
        k = -54;
    }
    k += exponent - 1023;
    bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL; /* m in [1, 2) */
    double m;
    memcpy(&m, &bits, sizeof m);
    if (m >= 1.4142135623730951) { /* sqrt(2) */
        m *= 0.5;
        k += 1;
    }

    double f = m - 1.0; /* exact */
    double s = f / (2.0 + f);
    double z = s * s;
    double series = 1.0 / 23;
    for (int n = 21; n >= 3; n -= 2)
        series = series * z + 1.0 / n;
    double log_m = 2.0 * s + 2.0 * s * z * series;

    const double ln2_hi = 6.93147180369123816490e-01; /* the 32 high bits of ln 2 */
    const double ln2_lo = 1.90821492927058770002e-10; /* ln 2 - ln2_hi */
    return (double)k * ln2_hi + ((double)k * ln2_lo + log_m);
}
