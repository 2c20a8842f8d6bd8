using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// Replays fuzz-corpus/: the fuzzer's seeds and every input that ever failed under `make fuzz`
/// (failed-*), through both parsers and whole lookups of both kinds. None may throw; each lookup
/// answers the same twice; every debug line is printable ASCII.
/// </summary>
public class FuzzCorpusTests
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Corpus).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void TheCorpusHoldsLeaseAndMacFiles()
    {
        string[] names = Directory.GetFiles(Corpus).Select(Path.GetFileName).ToArray()!;
        Assert.Contains(names, n => n.EndsWith(".status", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith(".macs", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AnInputIsReadWithoutAnExceptionAndAnswersTheSameTwice(string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(Corpus, file));
        var log = new LogLines();
        foreach (string name in new[] { "vm1", "vm2", "" })
        {
            var collector = new LeaseCollector(LeaseQuery.ByHostname(Utf8(name)), AddressFamilies.Unspecified, Now, log.Log);
            LeaseFileParser.Parse(input, file, collector.Sink, log.Log);
            collector.SortedAddresses();
            MacsFileParser.CollectMacs(input, Utf8(name), new List<byte[]>(), file, log.Log);
        }

        using var dir = new TempLeaseDirectory();
        dir.Write(file.EndsWith(".macs", StringComparison.Ordinal) ? "fuzz.macs" : "fuzz.status", input);
        dir.Write("net.status", "[" + Lease("192.168.122.5", "52:54:00:00:00:01", "vm1", 0) + "]");
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            foreach (int family in new[] { AddressFamilies.Inet, AddressFamilies.Inet6, AddressFamilies.Unspecified })
            {
                LookupResult first = LeaseDirectory.Lookup(dir.Path, kind, Utf8("vm1"), family, Now, log.Log);
                LookupResult second = LeaseDirectory.Lookup(dir.Path, kind, Utf8("vm1"), family, Now, DecisionLog.Silent);
                Assert.NotEqual(LookupOutcome.DirectoryUnreadable, first.Outcome);
                Assert.Equal(first.Outcome, second.Outcome);
                Assert.Equal(Texts(first.Addresses), Texts(second.Addresses));
            }
        }
        Assert.All(log.Lines, line => Assert.True(line.All(c => c is >= ' ' and <= '~'), line));
    }
}
