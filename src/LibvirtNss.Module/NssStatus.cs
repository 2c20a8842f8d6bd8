namespace LibvirtNss.Module;

/// <summary>glibc's <c>enum nss_status</c> (nss.h).</summary>
internal enum NssStatus
{
    TryAgain = -2,
    Unavail = -1,
    NotFound = 0,
    Success = 1,
}

/// <summary>The <c>h_errno</c> values of netdb.h.</summary>
internal static class HErrno
{
    public const int NetdbInternal = -1;
    public const int NetdbSuccess = 0;
    public const int HostNotFound = 1;
    public const int TryAgain = 2;
    public const int NoRecovery = 3;
    public const int NoData = 4;
}
