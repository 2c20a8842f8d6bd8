using System;

namespace LibvirtNss.Core.Entries;

/// <summary>
/// An address as text for debug lines, as .NET writes it: IPv4 dotted; IPv6 in lower-case hex,
/// the longest run of two or more zero groups (the first of equal runs) as "::", and the last
/// 32 bits dotted for the IPv4-mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d) and
/// compatible (::a.b.c.d) forms when a.b is not 0.0, and for ISATAP (x:x:x:x:0:5efe:a.b.c.d).
/// </summary>
public static class IpAddressFormat
{
    /// <summary>The longest text: 8 groups of 4 digits and 7 colons.</summary>
    public const int MaxLength = 45;

    /// <returns>The length written to <paramref name="into"/> (at least <see cref="MaxLength"/> bytes).</returns>
    public static int Format(in IpAddress address, Span<byte> into)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.CopyTo(bytes);
        if (address.Family != AddressFamilies.Inet6)
            return Dotted(bytes.Slice(0, 4), into, 0);

        Span<ushort> groups = stackalloc ushort[8];
        for (int i = 0; i < 8; i++)
            groups[i] = (ushort)(bytes[2 * i] << 8 | bytes[2 * i + 1]);
        // .NET's rule: under a zero /64 and with the IPv4 part's first half not zero, the mapped,
        // translated and compatible forms; and ISATAP's 0:5efe interface under any prefix.
        bool embedded = (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[6] != 0
                && ((groups[4] == 0 && groups[5] == 0xffff)       // IPv4-mapped
                    || (groups[4] == 0xffff && groups[5] == 0)    // IPv4-translated (SIIT)
                    || (groups[4] == 0 && groups[5] == 0)))       // IPv4-compatible
            || (groups[4] == 0 && groups[5] == 0x5efe);           // ISATAP
        int hexGroups = embedded ? 6 : 8;

        // The longest run of zero groups (two or more), the first of equal ones.
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < hexGroups;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            int start = i;
            while (i < hexGroups && groups[i] == 0)
                i++;
            if (i - start > bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2)
            bestStart = -1;

        int at = 0;
        for (int i = 0; i < hexGroups; i++)
        {
            if (i == bestStart)
            {
                into[at++] = (byte)':';
                if (i == 0)
                    into[at++] = (byte)':';
                i += bestLength - 1;
                continue;
            }
            at = Hex(groups[i], into, at);
            if (i < hexGroups - 1 || embedded)
                into[at++] = (byte)':';
        }
        if (embedded)
            at = Dotted(bytes.Slice(12, 4), into, at);
        return at;
    }

    private static int Dotted(ReadOnlySpan<byte> four, Span<byte> into, int at)
    {
        for (int i = 0; i < 4; i++)
        {
            if (i > 0)
                into[at++] = (byte)'.';
            int value = four[i];
            if (value >= 100)
                into[at++] = (byte)('0' + value / 100);
            if (value >= 10)
                into[at++] = (byte)('0' + value / 10 % 10);
            into[at++] = (byte)('0' + value % 10);
        }
        return at;
    }

    private static int Hex(ushort value, Span<byte> into, int at)
    {
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            int digit = (value >> shift) & 0xf;
            if (digit == 0 && !started && shift > 0)
                continue;
            started = true;
            into[at++] = (byte)(digit < 10 ? '0' + digit : 'a' + digit - 10);
        }
        return at;
    }
}
