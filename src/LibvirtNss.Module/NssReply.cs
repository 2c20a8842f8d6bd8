using System;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Module;

/// <summary>
/// A lookup's end in glibc's terms: the status, the errno and the h_errno it reports. The values
/// follow upstream libvirt_nss.c, except that a short buffer is TRYAGAIN + ERANGE + NETDB_INTERNAL
/// (glibc then retries with a larger one) and a malformed question (a reverse address whose
/// length does not fit its family) is UNAVAIL + EINVAL + NO_RECOVERY, as systemd's nss-resolve
/// answers it.
/// </summary>
internal struct NssReply
{
    public NssStatus Status;
    /// <summary>What *errnop receives on a failure.</summary>
    public int ReportedErrno;
    /// <summary>What *herrnop receives.</summary>
    public int ReportedHErrno;

    public static NssReply Fail(LookupStatus status, int errno) => status switch
    {
        LookupStatus.NoMatch => new(NssStatus.NotFound, Errno.ESRCH, HErrno.HostNotFound),
        LookupStatus.NoAddressOfFamily => new(NssStatus.Unavail, Errno.ENXIO, HErrno.NoData),
        // Upstream's findLease() fails when no MAC was collected: UNAVAIL, NO_RECOVERY, errno 0.
        LookupStatus.DomainWithoutMacs => new(NssStatus.Unavail, 0, HErrno.NoRecovery),
        LookupStatus.InvalidArgument => new(NssStatus.Unavail, Errno.EINVAL, HErrno.NoRecovery),
        _ => new(NssStatus.Unavail, errno, HErrno.NoRecovery),
    };

    public static NssReply BufferTooSmall() =>
        new(NssStatus.TryAgain, Errno.ERANGE, HErrno.NetdbInternal);

    public static NssReply Success() => new(NssStatus.Success, 0, HErrno.NetdbSuccess);

    /// <summary>The body faulted (errno says how): UNAVAIL + that errno + NO_RECOVERY, as a broken source.</summary>
    public static NssReply Faulted(int errno) => new(NssStatus.Unavail, errno, HErrno.NoRecovery);

    private NssReply(NssStatus status, int errno, int herrno)
    {
        Status = status;
        ReportedErrno = errno;
        ReportedHErrno = herrno;
    }

    /// <summary>
    /// Hands the reply to glibc; every export ends here. errno is left as systemd's NSS modules
    /// leave it (PROTECT_ERRNO, UNPROTECT_ERRNO): what the lookup's own libc calls left in it (the
    /// ENOENT of a dangling <c>*.status</c> link, the 0 set before a readdir) is not the caller's,
    /// so errno is first put back to <paramref name="entryErrno"/>, its value on entry. A failure
    /// then writes *errnop, last: when errnop is &amp;errno, which glibc passes from
    /// gethostbyname*_r and getaddrinfo, errno holds the reported value (glibc reads an ERANGE
    /// there to retry with a larger buffer); with a separate errnop, errno stays as on entry. A
    /// success leaves *errnop alone, as systemd's modules and glibc's own do: no caller reads it
    /// after a success, and writing 0 there would clear the caller's errno. h_errno is reset on
    /// success as upstream and systemd do (a stale h_errno confused callers: Red Hat bug 1125975).
    /// </summary>
    /// <returns>The status, as the export returns it.</returns>
    public readonly unsafe int Deliver(int entryErrno, int* errnop, int* herrnop)
    {
        *Libc.ErrnoLocation() = entryErrno;
        if (Status == NssStatus.Success)
            *Libc.HErrnoLocation() = 0;
        if (herrnop != null)
            *herrnop = ReportedHErrno;
        if (Status != NssStatus.Success && errnop != null)
            *errnop = ReportedErrno;
        return (int)Status;
    }

    /// <summary>The outcome's name in the "answer:" debug line.</summary>
    public static ReadOnlySpan<byte> OutcomeName(LookupStatus status) => status switch
    {
        LookupStatus.Found => "Addresses"u8,
        LookupStatus.NoMatch => "NoMatch"u8,
        LookupStatus.NoAddressOfFamily => "NoAddressOfFamily"u8,
        LookupStatus.DomainWithoutMacs => "DomainWithoutMacs"u8,
        LookupStatus.FamilyNotSupported => "FamilyNotSupported"u8,
        LookupStatus.DirectoryUnreadable => "DirectoryUnreadable"u8,
        LookupStatus.InvalidArgument => "InvalidArgument"u8,
        _ => "OutOfMemory"u8,
    };
}
