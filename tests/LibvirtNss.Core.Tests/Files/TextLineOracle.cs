using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// Runs the reference resolver's parsers (the oracle, unchanged) and the subset readers over the same bytes and
/// renders what each kept in one comparable form: entries as "name|mac|family|address" (hex), and
/// how many things each skipped. Today's parsers tell a skip by a debug line; the readers by a
/// <see cref="TextLineResult.Skipped"/> step.
/// </summary>
internal static class TextLineOracle
{
    public sealed record Outcome(string[] Entries, int Logged, int Silent)
    {
        public override string ToString() => $"{Entries.Length} entries [{string.Join(", ", Entries)}], {Logged} logged skips, {Silent} silent";
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static string Show(ReadOnlySpan<byte> name, ReadOnlySpan<byte> mac, int family, ReadOnlySpan<byte> address) =>
        $"{Hex(name)}|{Hex(mac)}|{family}|{Hex(address)}";

    private static string Show(Reservation r)
    {
        var bytes = new byte[16];
        r.Address.CopyTo(bytes);
        return Show(r.Name, r.Mac, r.Address.Family, bytes.AsSpan(0, r.Address.Length));
    }

    private static string Show(ReadOnlySpan<byte> contents, HostsFileReservation r)
    {
        var bytes = new byte[16];
        r.Address.CopyTo(bytes);
        return Show(TextLineText.Of(contents, r.Name), TextLineText.Of(contents, r.Mac), r.Address.Family,
            bytes.AsSpan(0, r.Address.Length));
    }

    /// <summary>Lines the reference resolver's hostsfile parser looks at: not blank, not a comment.</summary>
    private static int CandidateLines(byte[] bytes)
    {
        int count = 0;
        foreach (ReadOnlySpan<byte> raw in new TextLines(bytes))
        {
            ReadOnlySpan<byte> line = TextLines.Trim(raw);
            if (!line.IsEmpty && line[0] != (byte)'#')
                count++;
        }
        return count;
    }

    public static Outcome OldHosts(byte[] bytes)
    {
        var log = new LogLines();
        var into = new List<Reservation>();
        DhcpHostsFileParser.Parse(bytes, "x.hostsfile", into, log.Log);
        bool whole = log.Any("skipped: more than");
        int silent = whole ? 0 : CandidateLines(bytes) - into.Count - log.Lines.Count;
        return new Outcome(into.Select(Show).ToArray(), log.Lines.Count, silent);
    }

    public static Outcome NewHosts(byte[] bytes) => NewHosts(bytes, out _);

    public static Outcome NewHosts(byte[] bytes, out List<TextLineSkipped> skips)
    {
        var entries = new List<string>();
        skips = new List<TextLineSkipped>();
        var reader = new HostsFileReader(bytes);
        TextLineResult result;
        while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Entry)
                entries.Add(Show(bytes, r));
            else
                skips.Add(skip);
        }
        return new Outcome(entries.ToArray(), skips.Count(s => TextLineSkips.IsLogged(s.Reason)),
            skips.Count(s => !TextLineSkips.IsLogged(s.Reason)));
    }

    public static Outcome OldAddnHosts(byte[] bytes)
    {
        var log = new LogLines();
        var into = new List<Reservation>();
        AddnHostsFileParser.Parse(bytes, "x.addnhosts", into, log.Log);
        return new Outcome(into.Select(Show).ToArray(), log.Lines.Count, 0);
    }

    public static Outcome NewAddnHosts(byte[] bytes) => NewAddnHosts(bytes, out _);

    public static Outcome NewAddnHosts(byte[] bytes, out List<TextLineSkipped> skips)
    {
        var entries = new List<string>();
        skips = new List<TextLineSkipped>();
        var reader = new AddnHostsFileReader(bytes);
        TextLineResult result;
        while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Entry)
                entries.Add(Show(bytes, r));
            else
                skips.Add(skip);
        }
        return new Outcome(entries.ToArray(), skips.Count(s => TextLineSkips.IsLogged(s.Reason)),
            skips.Count(s => !TextLineSkips.IsLogged(s.Reason)));
    }

    /// <summary>Conf: "I:name" for each interface then "D:name" for each domain (ASCII hex), and the skips.</summary>
    public static Outcome OldConf(byte[] bytes)
    {
        var log = new LogLines();
        NetworkConfig config = DnsmasqConfParser.Parse(bytes, "x.conf", log.Log);
        var entries = config.Interfaces.Select(i => "I:" + Hex(Encoding.ASCII.GetBytes(i)))
            .Concat(config.Domains.Select(d => "D:" + Hex(d))).ToArray();
        return new Outcome(entries, log.Lines.Count - 1, 0); // the last line sums up
    }

    public static Outcome NewConf(byte[] bytes) => NewConf(bytes, out _, out _);

    /// <param name="yielded">The entries in the order the reader yielded them.</param>
    public static Outcome NewConf(byte[] bytes, out List<ConfValue> yielded, out List<TextLineSkipped> skips)
    {
        yielded = new List<ConfValue>();
        skips = new List<TextLineSkipped>();
        Span<TextRange> interfaces = stackalloc TextRange[ConfFileReader.MaxValues];
        Span<TextRange> domains = stackalloc TextRange[ConfFileReader.MaxValues];
        var reader = new ConfFileReader(bytes, interfaces, domains);
        TextLineResult result;
        while ((result = reader.Next(out ConfValue value, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Entry)
                yielded.Add(value);
            else
                skips.Add(skip);
        }
        var entries = new List<string>();
        for (int i = 0; i < reader.InterfaceCount; i++)
            entries.Add("I:" + Hex(TextLineText.Of(bytes, reader.Interface(i))));
        for (int i = 0; i < reader.DomainCount; i++)
            entries.Add("D:" + Hex(TextLineText.Of(bytes, reader.Domain(i))));
        // What was yielded is what was kept, kind by kind in file order.
        string[] fromYield = yielded.Where(v => v.Kind == ConfValueKind.Interface)
            .Concat(yielded.Where(v => v.Kind == ConfValueKind.Domain))
            .Select(v => (v.Kind == ConfValueKind.Interface ? "I:" : "D:") + Hex(TextLineText.Of(bytes, v.Text))).ToArray();
        if (!fromYield.SequenceEqual(entries))
            throw new InvalidOperationException("yielded values differ from the kept ones");
        return new Outcome(entries.ToArray(), skips.Count, 0);
    }
}
