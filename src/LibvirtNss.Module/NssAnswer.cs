using System;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>
/// Turns a Core lookup into glibc's contract: status, *errnop and *herrnop (and the packed
/// answer). The values follow upstream libvirt_nss.c, except that a short buffer is reported as
/// TRYAGAIN + ERANGE + NETDB_INTERNAL, which is what makes glibc retry with a larger buffer.
/// </summary>
internal static unsafe class NssAnswer
{
    public static NssStatus Fail(LookupResult result, int* errnop, int* herrnop)
    {
        switch (result.Outcome)
        {
            case LookupOutcome.NoMatch:
                return Set(NssStatus.NotFound, Errno.ESRCH, HErrno.HostNotFound, errnop, herrnop);
            case LookupOutcome.NoAddressOfFamily:
                return Set(NssStatus.Unavail, Errno.ENXIO, HErrno.NoData, errnop, herrnop);
            case LookupOutcome.DomainWithoutMacs:
                // Upstream's findLease() fails when no MAC was collected: UNAVAIL, NO_RECOVERY, errno 0.
                return Set(NssStatus.Unavail, 0, HErrno.NoRecovery, errnop, herrnop);
            default:
                return Set(NssStatus.Unavail, result.Errno, HErrno.NoRecovery, errnop, herrnop);
        }
    }

    public static NssStatus BufferTooSmall(int* errnop, int* herrnop) =>
        Set(NssStatus.TryAgain, Errno.ERANGE, HErrno.NetdbInternal, errnop, herrnop);

    /// <summary>A managed failure that must not reach glibc (it becomes UNAVAIL, as a broken source).</summary>
    public static NssStatus InternalError(Exception e, int* errnop, int* herrnop)
    {
        try
        {
            DecisionLog log = DebugOutput.Log;
            if (log.Enabled) log.Write($"internal error, answering UNAVAIL: {e.GetType().Name}: {e.Message}");
        }
        catch
        {
            // Nothing may leave the module; the status below is the whole report.
        }
        return Set(NssStatus.Unavail, 5 /* EIO */, HErrno.NoRecovery, errnop, herrnop);
    }

    public static NssStatus Success(int* errnop, int* herrnop)
    {
        NssStatus status = Set(NssStatus.Success, 0, HErrno.NetdbSuccess, errnop, herrnop);
        *Libc.HErrnoLocation() = 0;
        return status;
    }

    private static NssStatus Set(NssStatus status, int errno, int herrno, int* errnop, int* herrnop)
    {
        if (errnop != null) *errnop = errno;
        if (herrnop != null) *herrnop = herrno;
        return status;
    }
}
