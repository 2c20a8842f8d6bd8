// What the smoke exports answer for a faulted body, in the shape of an NSS export: the fault
// result (NSS_STATUS_UNAVAIL, -1, for most), *errnop = the fault's errno (left in errno by
// Fault.TryRun) and *herrnop = NO_RECOVERY. The system library knows none of these.

using System.Runtime.InteropServices;
using LibvirtNss.ZeroRuntime;

namespace ZeroRuntime.Smoke;

internal static unsafe class Guarded
{
    public const int NssStatusUnavail = -1;
    public const int NoRecovery = 3;

    [DllImport("libc"), SuppressGCTransition]
    private static extern int* __errno_location();

    public static int Run<T>(delegate*<T*, int> body, T* state, int faultResult, int* errnop, int* herrnop)
        where T : unmanaged
    {
        if (Fault.TryRun(body, state, out int result))
            return result;
        if (errnop != null)
            *errnop = *__errno_location();
        if (herrnop != null)
            *herrnop = NoRecovery;
        return faultResult;
    }
}
