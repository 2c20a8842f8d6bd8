using System;
using System.Net;

namespace LibvirtNss.Core;

/// <summary>
/// The addresses of dnsmasq's host files, which dnsmasq reads with inet_pton: IPv4 as four
/// decimal numbers, IPv6 as colon text without a zone. libvirt writes them with
/// virSocketAddrFormat (canonical text). Unlike <see cref="IpAddressText"/> (the lease files,
/// where upstream's getaddrinfo takes inet_aton forms), "10.1" or "0x0a.0.0.1" are refused here.
/// </summary>
public static class StrictAddressText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out int family, Span<byte> address)
    {
        family = 0;
        if (text.IsEmpty || text.Length > 45)
            return false;
        if (text.IndexOf((byte)':') >= 0)
        {
            foreach (byte b in text)
            {
                if (!(b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F'
                      or (byte)':' or (byte)'.'))
                    return false;
            }
            if (!IPAddress.TryParse(text, out IPAddress? parsed)
                || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return false;
            family = AddressFamilies.Inet6;
            return parsed.TryWriteBytes(address, out _);
        }
        if (!TryParseDottedQuad(text, address))
            return false;
        family = AddressFamilies.Inet;
        return true;
    }

    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, Span<byte> address)
    {
        int part = 0, value = 0, digits = 0;
        foreach (byte b in text)
        {
            if (b == (byte)'.')
            {
                if (digits == 0 || part == 3)
                    return false;
                address[part++] = (byte)value;
                value = digits = 0;
            }
            else if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (digits > 0 && value == 0)
                    return false; // a leading zero: inet_pton refuses it
                value = value * 10 + (b - '0');
                if (++digits > 3 || value > 255)
                    return false;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0 || part != 3)
            return false;
        address[3] = (byte)value;
        return true;
    }
}
