using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>
/// Reads a <c>&lt;network&gt;.hostsfile</c> (dnsmasq dhcp-host lines libvirt writes: <c>MAC,IP,NAME</c>,
/// <c>NAME,IP</c>, <c>MAC,IP</c>, <c>id:DUID,NAME,[IP6]</c>, ... then an optional lease time), one
/// line at a time without allocating. Fields are told apart by their shape: empty, <c>id:</c>, <c>set:</c>, <c>tag:</c>, "ignore" and lease times are passed
/// over; a MAC is six hex pairs ('*' allowed); <c>[...]</c> holds an IPv6 address and digits with a
/// dot an IPv4 one; the first other field is the name. A line is skipped at its first fault, left to
/// right: two MACs, two addresses, an address that is not one; then two names; then no address
/// (<see cref="TextLineSkip.NoAddress"/>, which no debug line reports), then a name that is not
/// a host name. A file over <see cref="HostsFileBudget"/> is skipped whole
/// (<see cref="TextLineSkip.FileTooLarge"/>, once, then the end).
/// </summary>
public ref struct HostsFileReader
{
    private readonly ReadOnlySpan<byte> _contents;
    private TextLineCursor _lines;
    private bool _started;
    private bool _done;

    public HostsFileReader(ReadOnlySpan<byte> contents)
    {
        _contents = contents;
        _lines = new TextLineCursor(contents);
        _started = false;
        _done = false;
    }

    /// <summary>The next reservation, the next line skipped, or the end.</summary>
    public TextLineResult Next(out HostsFileReservation reservation, out TextLineSkipped skip)
    {
        reservation = default;
        skip = default;
        if (!_started)
        {
            _started = true;
            if (HostsFileBudget.Exceeded(_contents))
            {
                _done = true;
                skip = new TextLineSkipped(TextLineSkip.FileTooLarge, 0, default);
                return TextLineResult.Skipped;
            }
        }
        if (_done)
            return TextLineResult.End;
        while (_lines.Next(out int start, out int end))
        {
            TextRange line = TextLineText.Trim(_contents, start, end);
            if (line.Length == 0 || _contents[line.Start] == (byte)'#')
                continue;
            return ReadLine(line, out reservation, out skip);
        }
        _done = true;
        return TextLineResult.End;
    }

    private readonly TextLineResult ReadLine(TextRange line, out HostsFileReservation reservation, out TextLineSkipped skip)
    {
        reservation = default;
        skip = default;
        int number = _lines.Number;
        TextRange name = default, mac = default;
        bool hasName = false, hasMac = false, hasAddress = false;
        IpAddress address = default;

        int at = line.Start, lineEnd = line.Start + line.Length;
        bool more = true;
        while (more)
        {
            int comma = TextLineText.IndexOf(_contents, at, lineEnd, (byte)',');
            int partEnd = comma < 0 ? lineEnd : comma;
            more = comma >= 0;
            TextRange range = TextLineText.Trim(_contents, at, partEnd);
            at = partEnd + 1;
            ReadOnlySpan<byte> field = TextLineText.Of(_contents, range);

            if (field.IsEmpty || field.StartsWith("id:"u8) || field.StartsWith("set:"u8) || field.StartsWith("tag:"u8)
                || field.SequenceEqual("ignore"u8) || IsLeaseTime(field))
                continue;
            if (IsMac(field))
            {
                if (hasMac)
                    return Skip(TextLineSkip.TwoMacAddresses, number, range, out skip);
                mac = range;
                hasMac = true;
                continue;
            }
            bool bracketed = field.Length >= 2 && field[0] == (byte)'[' && field[field.Length - 1] == (byte)']';
            if (bracketed || LooksLikeIPv4(field))
            {
                if (hasAddress)
                    return Skip(TextLineSkip.TwoAddresses, number, range, out skip);
                ReadOnlySpan<byte> text = bracketed ? field.Slice(1, field.Length - 2) : field;
                if (!ReservedAddressText.TryParse(text, out address)
                    || bracketed != (address.Family == AddressFamilies.Inet6))
                    return Skip(TextLineSkip.NotAnAddress, number, range, out skip);
                hasAddress = true;
                continue;
            }
            if (hasName)
                return Skip(TextLineSkip.TwoNames, number, range, out skip);
            name = range;
            hasName = true;
        }

        if (!hasAddress)
            return Skip(TextLineSkip.NoAddress, number, line, out skip);
        if (hasName && !TextLineText.IsHostName(TextLineText.Of(_contents, name)))
            return Skip(TextLineSkip.NotAHostName, number, name, out skip);
        reservation = new HostsFileReservation(name, mac, address, number);
        return TextLineResult.Entry;
    }

    private static TextLineResult Skip(TextLineSkip reason, int line, TextRange field, out TextLineSkipped skip)
    {
        skip = new TextLineSkipped(reason, line, field);
        return TextLineResult.Skipped;
    }

    /// <summary>Six hex pairs (dnsmasq also takes '*' for a wildcard digit) separated by ':'.</summary>
    public static bool IsMac(ReadOnlySpan<byte> field)
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

    /// <summary>"infinite", or digits with an optional unit (dnsmasq: s, m, h, d, w, either case).</summary>
    public static bool IsLeaseTime(ReadOnlySpan<byte> field)
    {
        if (field.SequenceEqual("infinite"u8))
            return true;
        int digits = 0;
        while (digits < field.Length && field[digits] >= (byte)'0' && field[digits] <= (byte)'9')
            digits++;
        if (digits == 0)
            return false;
        if (digits == field.Length)
            return true;
        return digits == field.Length - 1
               && field[digits] is (byte)'s' or (byte)'m' or (byte)'h' or (byte)'d' or (byte)'w'
                   or (byte)'S' or (byte)'M' or (byte)'H' or (byte)'D' or (byte)'W';
    }

    private static bool LooksLikeIPv4(ReadOnlySpan<byte> field)
    {
        if (field.IndexOf((byte)'.') < 0)
            return false;
        for (int i = 0; i < field.Length; i++)
        {
            byte b = field[i];
            if (!(b >= (byte)'0' && b <= (byte)'9' || b == (byte)'.'))
                return false;
        }
        return true;
    }
}
