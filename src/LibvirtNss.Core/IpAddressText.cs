using System;
using System.Net;

namespace LibvirtNss.Core;

/// <summary>Turns the textual "ip-address" of a lease into a family and address bytes.</summary>
public static class IpAddressText
{
    /// <summary>
    /// Parses numeric IPv4 or IPv6 text (what dnsmasq writes). A zone suffix is accepted and
    /// dropped, as upstream copies only the address.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out int family, Span<byte> address)
    {
        family = 0;
        if (utf8.IsEmpty || utf8.Length > 64 || !IPAddress.TryParse(utf8, out IPAddress? parsed))
            return false;

        family = parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? AddressFamilies.Inet6
            : AddressFamilies.Inet;
        return parsed.TryWriteBytes(address, out _);
    }
}
