namespace LibvirtNss.Core;

/// <summary>Linux address family numbers, as glibc passes them to NSS modules.</summary>
public static class AddressFamilies
{
    public const int Unspecified = 0;
    public const int Inet = 2;
    public const int Inet6 = 10;

    /// <summary>Bytes of one address of <paramref name="family"/>.</summary>
    public static int AddressLength(int family) => family == Inet6 ? 16 : 4;

    public static bool IsSupported(int family) =>
        family == Unspecified || family == Inet || family == Inet6;
}
