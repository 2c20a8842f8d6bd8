using System;
using System.Net;

namespace LibvirtNss.Core;

/// <summary>Turns the textual "ip-address" of a lease into a family and address bytes.</summary>
public static class IpAddressText
{
    /// <summary>
    /// Parses numeric IPv4 or IPv6 text (what dnsmasq writes), accepting what upstream's
    /// getaddrinfo(AI_NUMERICHOST) accepts: inet_aton forms ("10.1", "0x0a.0.0.1") and an IPv6
    /// zone suffix, which is dropped as upstream copies only the address. Text getaddrinfo
    /// rejects but IPAddress would take (brackets, an empty zone) is rejected.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out int family, Span<byte> address)
    {
        family = 0;
        if (utf8.IsEmpty || utf8.Length > 64 || !HasNumericHostShape(utf8)
            || !IPAddress.TryParse(utf8, out IPAddress? parsed))
            return false;

        family = parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? AddressFamilies.Inet6
            : AddressFamilies.Inet;
        return parsed.TryWriteBytes(address, out _);
    }

    /// <summary>Hex digits, 'x', '.', ':' and, after a '%', a non-empty zone.</summary>
    private static bool HasNumericHostShape(ReadOnlySpan<byte> utf8)
    {
        int zone = utf8.IndexOf((byte)'%');
        ReadOnlySpan<byte> host = zone < 0 ? utf8 : utf8[..zone];
        if (zone >= 0 && (zone == utf8.Length - 1 || host.IndexOf((byte)':') < 0))
            return false;
        foreach (byte b in host)
        {
            if (!(b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F'
                  or (byte)'x' or (byte)'X' or (byte)'.' or (byte)':'))
                return false;
        }
        return true;
    }
}
