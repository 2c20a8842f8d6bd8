using LibvirtNss.Core.Lookups;

namespace LibvirtNss.Module;

/// <summary>
/// A lookup's end in glibc's terms: the status, *errnop and *herrnop. The values follow upstream
/// libvirt_nss.c, except that a short buffer is TRYAGAIN + ERANGE + NETDB_INTERNAL, which makes
/// glibc retry with a larger one.
/// </summary>
internal static unsafe class NssReply
{
    public static NssStatus Fail(LookupStatus status, int errno, int* errnop, int* herrnop)
    {
        switch (status)
        {
            case LookupStatus.NoMatch:
                return Set(NssStatus.NotFound, Errno.ESRCH, HErrno.HostNotFound, errnop, herrnop);
            case LookupStatus.NoAddressOfFamily:
                return Set(NssStatus.Unavail, Errno.ENXIO, HErrno.NoData, errnop, herrnop);
            case LookupStatus.DomainWithoutMacs:
                // Upstream's findLease() fails when no MAC was collected: UNAVAIL, NO_RECOVERY, errno 0.
                return Set(NssStatus.Unavail, 0, HErrno.NoRecovery, errnop, herrnop);
            default:
                return Set(NssStatus.Unavail, errno, HErrno.NoRecovery, errnop, herrnop);
        }
    }

    public static NssStatus BufferTooSmall(int* errnop, int* herrnop) =>
        Set(NssStatus.TryAgain, Errno.ERANGE, HErrno.NetdbInternal, errnop, herrnop);

    public static NssStatus Success(int* errnop, int* herrnop)
    {
        NssStatus status = Set(NssStatus.Success, 0, HErrno.NetdbSuccess, errnop, herrnop);
        *ModuleLibc.HErrnoLocation() = 0;
        return status;
    }

    private static NssStatus Set(NssStatus status, int errno, int herrno, int* errnop, int* herrnop)
    {
        if (errnop != null) *errnop = errno;
        if (herrnop != null) *herrnop = herrno;
        return status;
    }

    /// <summary>The outcome's name in the "answer:" debug line, as the .NET-only module writes it.</summary>
    public static System.ReadOnlySpan<byte> OutcomeName(LookupStatus status) => status switch
    {
        LookupStatus.Found => "Addresses"u8,
        LookupStatus.NoMatch => "NoMatch"u8,
        LookupStatus.NoAddressOfFamily => "NoAddressOfFamily"u8,
        LookupStatus.DomainWithoutMacs => "DomainWithoutMacs"u8,
        LookupStatus.FamilyNotSupported => "FamilyNotSupported"u8,
        LookupStatus.DirectoryUnreadable => "DirectoryUnreadable"u8,
        _ => "OutOfMemory"u8,
    };
}
