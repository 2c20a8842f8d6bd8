using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// Runs the reference resolver's Utf8JsonReader-based parsers (the oracle) and the span readers over the same bytes
/// and puts what each decided into one comparable form: the entries handed out and the skips, in
/// file order, how the file ended and at which byte it stopped being JSON.
/// </summary>
internal static class Differential
{
    /// <summary>What one parser decided about one file.</summary>
    public sealed record Decisions(List<string> Events, int Accepted, int? ErrorOffset)
    {
        public int Skips => Events.Count(e => e.StartsWith("skip ", StringComparison.Ordinal));

        public override string ToString() =>
            $"accepted {Accepted}, error at {ErrorOffset?.ToString() ?? "-"}:\n  " + string.Join("\n  ", Events);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static string Lease(ReadOnlySpan<byte> ip, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> hostname, bool hasHostname, long expiry) =>
        $"lease ip={Hex(ip)} mac={Hex(mac)} hostname={(hasHostname ? Hex(hostname) : "none")} expiry={expiry}";

    /// <summary>Turns one of the oracle's debug lines into the event the span reader gives for it.</summary>
    private static void AddLogLine(List<string> events, string line, string source, int?[] errorOffset)
    {
        Assert.StartsWith(source + ": ", line);
        string text = line[(source.Length + 2)..];
        if (text.StartsWith("entry ", StringComparison.Ordinal))
        {
            int colon = text.IndexOf(':');
            Assert.StartsWith(": skipped: ", text[colon..]);
            events.Add($"skip {text[6..colon]} {text[(colon + ": skipped: ".Length)..]}");
        }
        else if (text.StartsWith("empty, no ", StringComparison.Ordinal))
            events.Add("end empty");
        else if (text == "skipped: not a JSON array")
            events.Add("end not a JSON array");
        else if (text.StartsWith("skipped: more than 65536 strings", StringComparison.Ordinal))
            events.Add("end more than 65536 strings or 1048576 bytes of them");
        else if (text.StartsWith("skipped: more than 65536 ", StringComparison.Ordinal))
            events.Add("end more than 65536 entries");
        else if (text.StartsWith("malformed JSON at byte ", StringComparison.Ordinal))
        {
            string rest = text["malformed JSON at byte ".Length..];
            errorOffset[0] = int.Parse(rest[..rest.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
            events.Add("end malformed JSON");
        }
        else
            Assert.Fail($"unexpected debug line: {line}");
    }

    private static void AddEnd(List<string> events, SkipReason reason)
    {
        Assert.True(reason == SkipReason.None || SkipReasons.IsFileLevel(reason), reason.ToString());
        if (reason != SkipReason.None)
            events.Add("end " + Encoding.ASCII.GetString(SkipReasons.Text(reason)));
    }

    public static Decisions OracleStatus(byte[] json)
    {
        var events = new List<string>();
        var errorOffset = new int?[1];
        var log = new DecisionLog(line => AddLogLine(events, line, "t.status", errorOffset));
        int accepted = LeaseFileParser.Parse(json, "t.status",
            (in LeaseEntry e) => events.Add(Lease(e.IpAddress, e.MacAddress, e.Hostname, e.HasHostname, e.ExpiryTime)), log);
        return new Decisions(events, accepted, errorOffset[0]);
    }

    public static Decisions SpanStatus(byte[] json)
    {
        var events = new List<string>();
        var reader = new StatusFileReader(json, new byte[json.Length]);
        int? errorOffset = null;
        int guard = 0;
        while (true)
        {
            Assert.True(++guard <= json.Length + 2, "the reader does not advance");
            ReadResult result = reader.Next(out LeaseFields lease, out SkipReason skip);
            if (result == ReadResult.Entry)
            {
                Assert.Equal(SkipReason.None, skip);
                events.Add(Lease(lease.IpAddress, lease.MacAddress, lease.Hostname, lease.HasHostname, lease.ExpiryTime));
            }
            else if (result == ReadResult.Skipped)
            {
                Assert.False(SkipReasons.IsFileLevel(skip), skip.ToString());
                Assert.NotEqual(SkipReason.ScratchTooSmall, skip);
                events.Add($"skip {reader.EntryIndex} {Encoding.ASCII.GetString(SkipReasons.Text(skip))}");
            }
            else
            {
                AddEnd(events, skip);
                if (skip == SkipReason.MalformedJson)
                    errorOffset = reader.ErrorOffset;
                // Ended stays ended.
                Assert.Equal(ReadResult.End, reader.Next(out _, out SkipReason again));
                Assert.Equal(skip, again);
                return new Decisions(events, reader.Accepted, errorOffset);
            }
        }
    }

    private static string Domain(ReadOnlySpan<byte> domain, IEnumerable<string> macs) =>
        $"domain {Hex(domain)} macs [{string.Join(",", macs)}]";

    public static Decisions OracleMacs(byte[] json)
    {
        var events = new List<string>();
        var errorOffset = new int?[1];
        var log = new DecisionLog(line => AddLogLine(events, line, "t.macs", errorOffset));
        int accepted = MacsFileParser.Parse(json, "t.macs",
            (domain, macs) => events.Add(Domain(domain, macs.Select(m => Hex(m)))), log);
        return new Decisions(events, accepted, errorOffset[0]);
    }

    public static Decisions SpanMacs(byte[] json) => SpanMacs(json, null);

    /// <param name="collect">When set, also receives each entry's domain and MACs (as byte arrays).</param>
    public static Decisions SpanMacs(byte[] json, Action<byte[], List<byte[]>>? collect)
    {
        var events = new List<string>();
        var reader = new MacsFileReader(json, new byte[json.Length]);
        int? errorOffset = null;
        int guard = 0;
        while (true)
        {
            Assert.True(++guard <= json.Length + 2, "the reader does not advance");
            ReadResult result = reader.Next(out MacsEntry entry, out SkipReason skip);
            if (result == ReadResult.Entry)
            {
                Assert.Equal(SkipReason.None, skip);
                var macs = new List<byte[]>();
                foreach (ReadOnlySpan<byte> mac in entry.Macs)
                    macs.Add(mac.ToArray());
                Assert.Equal(entry.MacCount, macs.Count);
                events.Add(Domain(entry.Domain, macs.Select(m => Hex(m))));
                collect?.Invoke(entry.Domain.ToArray(), macs);
            }
            else if (result == ReadResult.Skipped)
            {
                Assert.False(SkipReasons.IsFileLevel(skip), skip.ToString());
                Assert.NotEqual(SkipReason.ScratchTooSmall, skip);
                events.Add($"skip {reader.EntryIndex} {Encoding.ASCII.GetString(SkipReasons.Text(skip))}");
            }
            else
            {
                AddEnd(events, skip);
                if (skip == SkipReason.MalformedJson)
                    errorOffset = reader.ErrorOffset;
                Assert.Equal(ReadResult.End, reader.Next(out _, out SkipReason again));
                Assert.Equal(skip, again);
                return new Decisions(events, reader.Accepted, errorOffset);
            }
        }
    }

    /// <summary>
    /// MacsFileParser.CollectMacs (the reference resolver's matcher for one domain) against the same built on
    /// <see cref="MacsFileReader"/>: the last domain compared in ASCII case, at most MaxMacs in all.
    /// </summary>
    public static void AssertSameCollectedMacs(byte[] json, string name)
    {
        byte[] wanted = Encoding.UTF8.GetBytes(name);
        var expected = new List<byte[]>();
        int expectedAdded = MacsFileParser.CollectMacs(json, wanted, expected, "t.macs", DecisionLog.Silent);
        var actual = new List<byte[]>();
        SpanMacs(json, (domain, macs) =>
        {
            if (AsciiText.EqualsIgnoreCase(domain, wanted))
                actual.AddRange(macs.Take(Math.Max(0, MacsFileParser.MaxMacs - actual.Count)));
        });
        Assert.Equal(expectedAdded, actual.Count);
        Assert.Equal(expected.Select(m => Hex(m)), actual.Select(m => Hex(m)));
    }

    /// <summary>Both files' decisions of both parsers are the same; the macs matcher too for a few names.</summary>
    public static void AssertSame(byte[] json, bool collect = true)
    {
        Decisions oracle = OracleStatus(json), span = SpanStatus(json);
        AssertSame(oracle, span, json, "status");
        oracle = OracleMacs(json);
        span = SpanMacs(json);
        AssertSame(oracle, span, json, "macs");
        if (collect)
        {
            foreach (string name in new[] { "vm1", "VM2", "" })
                AssertSameCollectedMacs(json, name);
        }
    }

    private static void AssertSame(Decisions oracle, Decisions span, byte[] json, string kind)
    {
        if (!oracle.Events.SequenceEqual(span.Events) || oracle.Accepted != span.Accepted)
        {
            string input = json.Length <= 4096 ? Encoding.Latin1.GetString(json) : $"{json.Length} bytes";
            Assert.Fail($"{kind} decisions differ for input {input}\noracle: {oracle}\nspan:   {span}");
        }
        Assert.Equal(oracle.Skips, span.Skips);
        // Where the file stopped being JSON: the byte the reference resolver's debug line names (Utf8JsonReader.BytesConsumed).
        Assert.True(oracle.ErrorOffset == span.ErrorOffset,
            $"{kind} error offsets differ for input {(json.Length <= 4096 ? Encoding.Latin1.GetString(json) : $"{json.Length} bytes")}\noracle: {oracle}\nspan:   {span}");
    }
}
