using System;

namespace LibvirtNss.Core.Entries;

/// <summary>
/// The "ip-address" text of a lease as an address: what upstream's getaddrinfo(AI_NUMERICHOST)
/// accepts. IPv4 in inet_aton's forms (one to four parts, each decimal, octal with a leading 0
/// or hex with 0x: "10.1", "0x0a.0.0.1"); IPv6 in full, compressed ("::") or with a dotted IPv4
/// tail, with a zone suffix ("%eth0") that is dropped, as upstream copies only the address.
/// Text of more than 64 bytes, brackets, an empty zone or one with '/' or ']' are refused.
/// </summary>
public static class LeaseAddressText
{
    public static bool TryParse(ReadOnlySpan<byte> text, out IpAddress address)
    {
        address = default;
        if (text.IsEmpty || text.Length > 64)
            return false;
        int zone = text.IndexOf((byte)'%');
        ReadOnlySpan<byte> host = zone < 0 ? text : text.Slice(0, zone);
        if (zone >= 0 && (zone == text.Length - 1 || host.IndexOf((byte)':') < 0 || !IsZone(text.Slice(zone + 1))))
            return false;
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        if (host.IndexOf((byte)':') >= 0)
        {
            if (!TryParseInet6(host, bytes))
                return false;
            address = new IpAddress(AddressFamilies.Inet6, bytes);
            return true;
        }
        if (!TryParseInet4(host, bytes))
            return false;
        address = new IpAddress(AddressFamilies.Inet, bytes);
        return true;
    }

    // A zone is any text but '/' (a prefix length) and ']' (the end of a bracketed address).
    private static bool IsZone(ReadOnlySpan<byte> zone) =>
        zone.IndexOf((byte)'/') < 0 && zone.IndexOf((byte)']') < 0;

    /// <summary>inet_aton: parts a | a.b | a.b.c | a.b.c.d, the last filling the remaining bytes.</summary>
    private static bool TryParseInet4(ReadOnlySpan<byte> text, Span<byte> bytes)
    {
        Span<uint> parts = stackalloc uint[4];
        int count = 0, at = 0;
        while (true)
        {
            if (count == 4 || !TryParseNumber(text, ref at, out uint value))
                return false;
            parts[count++] = value;
            if (at == text.Length)
                break;
            if (text[at] != (byte)'.')
                return false;
            at++;
        }
        uint result = 0;
        for (int i = 0; i < count - 1; i++)
        {
            if (parts[i] > 0xff)
                return false;
            result |= parts[i] << (24 - 8 * i);
        }
        uint last = parts[count - 1];
        uint limit = count == 1 ? uint.MaxValue : 0xffffffffu >> (8 * (count - 1));
        if (last > limit)
            return false;
        result |= last;
        bytes[0] = (byte)(result >> 24);
        bytes[1] = (byte)(result >> 16);
        bytes[2] = (byte)(result >> 8);
        bytes[3] = (byte)result;
        return true;
    }

    // One part: 0x.. hex, 0.. octal, else decimal; at least one digit; at most 32 bits.
    private static bool TryParseNumber(ReadOnlySpan<byte> text, ref int at, out uint value)
    {
        value = 0;
        int radix = 10;
        if (at < text.Length && text[at] == (byte)'0')
        {
            radix = 8;
            if (at + 1 < text.Length && (text[at + 1] == (byte)'x' || text[at + 1] == (byte)'X'))
            {
                radix = 16;
                at += 2;
            }
        }
        int start = at;
        ulong total = 0;
        while (at < text.Length)
        {
            int digit = DigitValue(text[at]);
            if (digit < 0 || digit >= radix)
                break;
            total = total * (ulong)radix + (ulong)digit;
            if (total > uint.MaxValue)
                return false;
            at++;
        }
        // "0x" alone is no number; "0" alone is (octal zero).
        if (at == start && radix != 8)
            return false;
        value = (uint)total;
        return true;
    }

    private static int DigitValue(byte b) =>
        b >= (byte)'0' && b <= (byte)'9' ? b - '0'
        : b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10
        : b >= (byte)'A' && b <= (byte)'F' ? b - 'A' + 10
        : -1;

    /// <summary>Eight groups of up to four hex digits, one "::" standing for zeros, an optional dotted IPv4 tail.</summary>
    private static bool TryParseInet6(ReadOnlySpan<byte> text, Span<byte> bytes)
    {
        Span<ushort> groups = stackalloc ushort[8];
        int count = 0, gap = -1, at = 0;
        if (text.Length >= 2 && text[0] == (byte)':' && text[1] == (byte)':')
        {
            gap = 0;
            at = 2;
        }
        else if (text[0] == (byte)':')
        {
            return false;
        }
        while (at < text.Length)
        {
            if (count == 8)
                return false;
            int start = at;
            uint value = 0;
            while (at < text.Length && at - start < 5)
            {
                int digit = DigitValue(text[at]);
                if (digit < 0)
                    break;
                value = value * 16 + (uint)digit;
                at++;
            }
            if (at < text.Length && text[at] == (byte)'.')
            {
                // A dotted IPv4 tail: four decimal parts, the last two groups.
                if (count > 6 || !TryParseDottedQuad(text.Slice(start), bytes.Slice(12)))
                    return false;
                groups[count++] = (ushort)(bytes[12] << 8 | bytes[13]);
                groups[count++] = (ushort)(bytes[14] << 8 | bytes[15]);
                at = text.Length;
                break;
            }
            if (at == start || at - start > 4)
                return false;
            groups[count++] = (ushort)value;
            if (at == text.Length)
                break;
            if (text[at] != (byte)':')
                return false;
            at++;
            if (at < text.Length && text[at] == (byte)':')
            {
                if (gap >= 0)
                    return false;
                gap = count;
                at++;
            }
            else if (at == text.Length)
            {
                return false;   // a single trailing ':'
            }
        }
        if (gap < 0 ? count != 8 : count > 7)
            return false;
        // The "::" stands for the groups that are missing.
        int fill = 8 - count;
        for (int i = 0, g = 0; i < 8; i++)
        {
            ushort group = gap >= 0 && i >= gap && i < gap + fill ? (ushort)0 : groups[g++];
            bytes[2 * i] = (byte)(group >> 8);
            bytes[2 * i + 1] = (byte)group;
        }
        return true;
    }

    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, Span<byte> into)
    {
        int part = 0, at = 0;
        while (part < 4)
        {
            int start = at, value = 0;
            while (at < text.Length && text[at] >= (byte)'0' && text[at] <= (byte)'9' && at - start < 4)
            {
                value = value * 10 + (text[at] - '0');
                at++;
            }
            // Decimal only, no leading zero (it would read as octal elsewhere).
            if (at == start || at - start > 3 || value > 255 || (at - start > 1 && text[start] == (byte)'0'))
                return false;
            into[part++] = (byte)value;
            if (part < 4)
            {
                if (at == text.Length || text[at] != (byte)'.')
                    return false;
                at++;
            }
        }
        return at == text.Length;
    }
}
