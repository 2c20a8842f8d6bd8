using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Reads a <c>&lt;network&gt;.hostsfile</c>: dnsmasq dhcp-host lines, one per line, written by
/// libvirt's virdnsmasq.c (hostsfileAdd) from the network's <c>&lt;dhcp&gt;&lt;host&gt;</c>:
/// <code>
///   IPv4: MAC,IP,NAME   NAME,IP   MAC,IP            then ",LEASETIME" when given
///   IPv6: id:DUID,NAME,[IP]   NAME,[IP]   id:DUID,[IP]   then ",LEASETIME"
/// </code>
/// LEASETIME is "infinite" or a number with an s/m/h unit. Fields are told apart by their
/// shape, as dnsmasq does: a MAC (six hex pairs, '*' wildcards allowed), <c>id:</c> a client
/// id, <c>[...]</c> an IPv6 address, a dotted quad an IPv4 address, "infinite" or a number
/// with an optional unit a lease time, <c>set:</c>/<c>tag:</c>/"ignore" dnsmasq tags;
/// the first other field is the name. A line without an address reserves nothing; a line with
/// two names, two addresses or an unreadable address is skipped with a debug line.
/// </summary>
public static class DhcpHostsFileParser
{
    /// <returns>The number of reservations added.</returns>
    public static int Parse(ReadOnlySpan<byte> contents, string source, List<Reservation> into, DecisionLog log)
    {
        if (ReservedHostsBudget.Exceeded(contents, source, log))
            return 0;
        int added = 0, number = 0;
        foreach (ReadOnlySpan<byte> raw in new TextLines(contents))
        {
            number++;
            ReadOnlySpan<byte> line = TextLines.Trim(raw);
            if (line.IsEmpty || line[0] == (byte)'#')
                continue;
            if (TryParseLine(line, out Reservation? reservation, out string? problem))
            {
                into.Add(reservation!);
                added++;
            }
            else if (log.Enabled && problem is not null)
            {
                log.Write($"{source}: line {number} skipped: {problem}");
            }
        }
        return added;
    }

    internal static bool TryParseLine(ReadOnlySpan<byte> line, out Reservation? reservation, out string? problem)
    {
        reservation = null;
        problem = null;
        ReadOnlySpan<byte> name = default, mac = default;
        bool hasName = false, hasMac = false, hasAddress = false;
        int family = 0;
        Span<byte> address = stackalloc byte[16];

        foreach (Range part in line.Split((byte)','))
        {
            ReadOnlySpan<byte> field = TextLines.Trim(line[part]);
            if (field.IsEmpty || field.StartsWith("id:"u8) || field.StartsWith("set:"u8) || field.StartsWith("tag:"u8)
                || field.SequenceEqual("ignore"u8) || IsLeaseTime(field))
                continue;
            if (IsMac(field))
            {
                if (hasMac) { problem = "two MAC addresses"; return false; }
                mac = field;
                hasMac = true;
                continue;
            }
            bool bracketed = field.Length >= 2 && field[0] == (byte)'[' && field[^1] == (byte)']';
            ReadOnlySpan<byte> addressText = bracketed ? field[1..^1] : field;
            if (bracketed || LooksLikeIPv4(field))
            {
                if (hasAddress) { problem = "two addresses"; return false; }
                if (!StrictAddressText.TryParse(addressText, out family, address)
                    || (bracketed != (family == AddressFamilies.Inet6)))
                {
                    problem = $"address {AsciiText.Printable(field)} is not an IP address";
                    return false;
                }
                hasAddress = true;
                continue;
            }
            if (hasName) { problem = "two names"; return false; }
            name = field;
            hasName = true;
        }

        if (!hasAddress)
            return false; // dnsmasq's "MAC,NAME" without an address reserves nothing to resolve
        if (hasName && !HostNameText.IsAnswerable(name))
        {
            problem = $"name {AsciiText.Printable(name)} is not a host name";
            return false;
        }
        reservation = new Reservation(ReservationSource.DhcpHost, name.ToArray(), mac.ToArray(),
            new LeaseAddress(family, address, 0));
        return true;
    }

    /// <summary>Six hex pairs (dnsmasq also takes '*' for a wildcard digit) separated by ':'.</summary>
    internal static bool IsMac(ReadOnlySpan<byte> field)
    {
        if (field.Length != 17)
            return false;
        for (int i = 0; i < field.Length; i++)
        {
            byte b = field[i];
            bool ok = i % 3 == 2
                ? b == (byte)':'
                : b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F' or (byte)'*';
            if (!ok)
                return false;
        }
        return true;
    }

    /// <summary>"infinite", or digits with an optional unit (dnsmasq: s, m, h, d, w).</summary>
    internal static bool IsLeaseTime(ReadOnlySpan<byte> field)
    {
        if (field.SequenceEqual("infinite"u8))
            return true;
        int digits = 0;
        while (digits < field.Length && field[digits] is >= (byte)'0' and <= (byte)'9')
            digits++;
        if (digits == 0)
            return false;
        return digits == field.Length
            || (digits == field.Length - 1 && field[^1] is (byte)'s' or (byte)'m' or (byte)'h' or (byte)'d' or (byte)'w'
                or (byte)'S' or (byte)'M' or (byte)'H' or (byte)'D' or (byte)'W');
    }

    private static bool LooksLikeIPv4(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'.') < 0)
            return false;
        foreach (byte b in field)
        {
            if (!(b is >= (byte)'0' and <= (byte)'9' or (byte)'.'))
                return false;
        }
        return true;
    }
}
