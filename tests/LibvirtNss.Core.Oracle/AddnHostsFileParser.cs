using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Reads a <c>&lt;network&gt;.addnhosts</c>: dnsmasq addn-hosts lines in /etc/hosts format,
/// written by libvirt's virdnsmasq.c (addnhostsWrite) from the network's
/// <c>&lt;dns&gt;&lt;host ip=...&gt;&lt;hostname&gt;</c>: "IP\tNAME\tNAME\t\n" (one line per
/// address, every name followed by a tab). Fields are separated by blanks; '#' starts a comment.
/// Each name becomes one reservation; a line whose address is not an IP address, or a name that
/// is not a host name, is skipped with a debug line. At most <see cref="MaxNamesPerLine"/> names
/// a line are kept.
/// </summary>
public static class AddnHostsFileParser
{
    public const int MaxNamesPerLine = 64;

    /// <returns>The number of reservations added.</returns>
    public static int Parse(ReadOnlySpan<byte> contents, string source, List<Reservation> into, DecisionLog log)
    {
        if (ReservedHostsBudget.Exceeded(contents, source, log))
            return 0;
        int added = 0, number = 0;
        Span<byte> address = stackalloc byte[16];
        foreach (ReadOnlySpan<byte> raw in new TextLines(contents))
        {
            number++;
            ReadOnlySpan<byte> line = raw;
            int comment = line.IndexOf((byte)'#');
            if (comment >= 0)
                line = line[..comment];
            line = TextLines.Trim(line);
            if (line.IsEmpty)
                continue;

            ReadOnlySpan<byte> ip = NextField(ref line);
            if (!StrictAddressText.TryParse(ip, out int family, address))
            {
                if (log.Enabled) log.Write($"{source}: line {number} skipped: {AsciiText.Printable(ip)} is not an IP address");
                continue;
            }
            var reserved = new LeaseAddress(family, address, 0);
            int names = 0;
            while (!line.IsEmpty && names < MaxNamesPerLine)
            {
                ReadOnlySpan<byte> name = NextField(ref line);
                if (name.IsEmpty)
                    break;
                if (!HostNameText.IsAnswerable(name))
                {
                    if (log.Enabled) log.Write($"{source}: line {number}: name {AsciiText.Printable(name)} skipped: not a host name");
                    continue;
                }
                into.Add(new Reservation(ReservationSource.DnsHost, name.ToArray(), Array.Empty<byte>(), reserved));
                names++;
                added++;
            }
        }
        return added;
    }

    private static ReadOnlySpan<byte> NextField(ref ReadOnlySpan<byte> line)
    {
        line = TextLines.Trim(line);
        int end = 0;
        while (end < line.Length && !TextLines.IsBlank(line[end]))
            end++;
        ReadOnlySpan<byte> field = line[..end];
        line = line[end..];
        return field;
    }
}
