using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The parsers never throw, whatever the bytes: arbitrary arrays, and valid status and macs files
/// with bytes flipped, inserted, deleted, or the file cut anywhere. A cut file keeps exactly the
/// entries that were complete before the cut.
/// </summary>
public class ParserProperties
{
    /// <summary>A file written the way libvirt writes it, with where each entry's object ends.</summary>
    public sealed record ValidFile(byte[] Bytes, int[] EntryEnds, string Kind)
    {
        public override string ToString() => $"{Kind} file of {Bytes.Length} bytes, {EntryEnds.Length} entries: {Encoding.UTF8.GetString(Bytes)}";
    }

    /// <summary>One edit: 0 replace, 1 insert, 2 delete, at a position taken modulo the length.</summary>
    public sealed record Mutation(int Kind, int Position, byte Value);

    private static readonly Gen<string> Text = Gen.Elements(
        "vm", "Fedora-40", "alpine", "a.b.c", "caf\\u00e9", "q\\\"q", "b\\\\s", "t\\tn\\n", "\\u0041", "x\\/y", "\\ud83d\\ude00",
        "\u00e9\u4e2d", "").ListOf().Select(parts => string.Concat(parts.Take(4)));

    private static readonly Gen<string> Ip = Gen.OneOf(
        from a in Gen.Choose(0, 255) from b in Gen.Choose(0, 255) select $"192.168.{a}.{b}",
        from a in Gen.Choose(0, 0xffff) from b in Gen.Choose(0, 0xffff) select $"fd00:{a:x}::{b:x}");

    private static readonly Gen<string> Mac =
        Gen.Choose(0, 255).ArrayOf(3).Select(b => $"52:54:00:{b[0]:x2}:{b[1]:X2}:{b[2]:x2}");

    private static readonly Gen<string> Lease =
        from ip in Ip
        from mac in Mac
        from hostname in Gen.OneOf(Text.Select(t => (string?)t), Gen.Constant<string?>(null))
        from expiry in Gen.OneOf(Gen.Constant(0L), Gen.Choose(1, int.MaxValue).Select(e => (long)e))
        from clientId in Gen.Elements("", "\"client-id\": \"01:52:54:00:aa:bb:cc\",\n        ")
        select "{\n        \"ip-address\": \"" + ip + "\",\n        \"mac-address\": \"" + mac + "\",\n        " + clientId +
               (hostname is null ? "" : "\"hostname\": \"" + hostname + "\",\n        ") + "\"expiry-time\": " + expiry + "\n    }";

    private static readonly Gen<string> Domain =
        from name in Text
        from macs in Mac.ListOf().Select(l => l.Take(4))
        select "{\n    \"domain\": \"" + name + "\",\n    \"macs\": [" + string.Join(", ", macs.Select(m => "\"" + m + "\"")) + "]\n  }";

    private static ValidFile Assemble(IEnumerable<string> entries, string kind)
    {
        var text = new StringBuilder("[\n    ");
        var ends = new List<int>();
        foreach (string entry in entries)
        {
            if (ends.Count > 0) text.Append(",\n    ");
            text.Append(entry);
            ends.Add(Encoding.UTF8.GetByteCount(text.ToString()));
        }
        text.Append("\n]\n");
        return new ValidFile(Encoding.UTF8.GetBytes(text.ToString()), ends.ToArray(), kind);
    }

    private static readonly Gen<ValidFile> StatusFile = Lease.ListOf().Select(l => Assemble(l.Take(12), "status"));
    private static readonly Gen<ValidFile> MacsFile = Domain.ListOf().Select(l => Assemble(l.Take(8), "macs"));

    private static readonly Gen<byte> JsonishByte = Gen.OneOf(
        Gen.Choose(0, 255).Select(b => (byte)b),
        Gen.Elements("[]{}\",:\\u0123456789abcdefDdEe-+. \ntrfnul".Select(c => (byte)c).ToArray()));

    private static readonly Gen<Mutation> Edit =
        from kind in Gen.Choose(0, 2)
        from position in Gen.Choose(0, int.MaxValue)
        from value in JsonishByte
        select new Mutation(kind, position, value);

    private static byte[] Apply(byte[] bytes, IEnumerable<Mutation> edits)
    {
        var list = bytes.ToList();
        foreach (Mutation m in edits)
        {
            int at = list.Count == 0 ? 0 : m.Position % (list.Count + (m.Kind == 1 ? 1 : 0));
            if (m.Kind == 1) list.Insert(at, m.Value);
            else if (list.Count == 0) continue;
            else if (m.Kind == 0) list[at] = m.Value;
            else list.RemoveAt(at);
        }
        return list.ToArray();
    }

    /// <summary>Runs every parser over the bytes, with the decision log on, and returns what each delivered.</summary>
    private static (int Leases, int Domains, List<string> Log) ParseAll(byte[] bytes)
    {
        var log = new LogLines();
        var byName = new LeaseCollector(LeaseQuery.ByHostname(Encoding.UTF8.GetBytes("vm")), AddressFamilies.Unspecified, 1_000, log.Log);
        int leases = LeaseFileParser.Parse(bytes, "fuzz.status", byName.Sink, log.Log);
        var byMac = new LeaseCollector(LeaseQuery.ByMacs(new[] { Encoding.UTF8.GetBytes("52:54:00:00:00:00") }),
            AddressFamilies.Inet, 0, log.Log);
        LeaseFileParser.Parse(bytes, "fuzz.status", byMac.Sink, log.Log);
        byName.SortedAddresses();
        int domains = MacsFileParser.Parse(bytes, "fuzz.macs", (_, _) => { }, log.Log);
        MacsFileParser.CollectMacs(bytes, "vm"u8, new List<byte[]>(), "fuzz.macs", log.Log);
        Assert.All(log.Lines, l => Assert.DoesNotContain(l, c => c < 0x20 || c > 0x7e));
        return (leases, domains, log.Lines);
    }

    [Property(MaxTest = 500)]
    public Property ArbitraryBytesNeverThrow() => Prop.ForAll(
        Gen.OneOf(Gen.Choose(0, 255).Select(b => (byte)b), JsonishByte).ArrayOf().ToArbitrary(),
        bytes => { ParseAll(bytes); });

    [Property(MaxTest = 300)]
    public Property ArbitraryBytesInsideAnArrayNeverThrow() => Prop.ForAll(
        JsonishByte.ArrayOf().Select(b => Encoding.UTF8.GetBytes("[{").Concat(b).ToArray()).ToArbitrary(),
        bytes => { ParseAll(bytes); });

    [Property(MaxTest = 300)]
    public Property MutatedFilesNeverThrow() => Prop.ForAll(
        (from file in Gen.OneOf(StatusFile, MacsFile)
         from edits in Edit.ListOf().Select(e => e.Take(8).ToArray())
         select (file, edits)).ToArbitrary(),
        c => { ParseAll(Apply(c.file.Bytes, c.edits)); });

    [Property(MaxTest = 300)]
    public Property ValidFilesDeliverEveryEntry() => Prop.ForAll(Gen.OneOf(StatusFile, MacsFile).ToArbitrary(), file =>
    {
        var (leases, domains, log) = ParseAll(file.Bytes);
        Assert.Equal(file.EntryEnds.Length, file.Kind == "status" ? leases : domains);
    });

    [Property(MaxTest = 300)]
    public Property TruncatedFilesKeepTheEntriesCompleteBeforeTheCut() => Prop.ForAll(
        (from file in Gen.OneOf(StatusFile, MacsFile)
         from cut in Gen.Choose(0, file.Bytes.Length)
         select (file, cut)).ToArbitrary(),
        c =>
        {
            var (leases, domains, _) = ParseAll(c.file.Bytes[..c.cut]);
            int complete = c.file.EntryEnds.Count(end => end <= c.cut);
            Assert.Equal(complete, c.file.Kind == "status" ? leases : domains);
        });
}
