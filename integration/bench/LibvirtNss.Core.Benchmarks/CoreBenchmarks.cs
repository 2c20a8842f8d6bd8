using System;
using System.Collections.Generic;
using System.Text;
using BenchmarkDotNet.Attributes;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Benchmarks;

/// <summary>
/// Core's readers alone, on one file held in memory, in the .NET world: the subset's (what the
/// module and the command run: Subset*) beside the oracle's, the .NET-only parsers the tests hold
/// the subset to (the lease parser, the matcher behind it on a hit and a miss, the MAC file
/// parser). No I/O, no module, no runtime start-up.
/// </summary>
public class CoreBenchmarks
{
    private byte[] _status = Array.Empty<byte>();
    private byte[] _macs = Array.Empty<byte>();
    private byte[] _lastHostname = Array.Empty<byte>();
    private byte[] _lastDomain = Array.Empty<byte>();
    private static readonly byte[] s_missing = Encoding.ASCII.GetBytes("example.invalid");
    private byte[] _statusScratch = Array.Empty<byte>();
    private byte[] _macsScratch = Array.Empty<byte>();
    private long _now;
    private int _entries;

    public static int[] LeaseCounts { get; } = { 100, 1000, 5000 };

    [ParamsSource(nameof(LeaseCounts))]
    public int Leases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _status = LeaseFixtures.StatusFile(Leases, _now + 3600);
        _macs = LeaseFixtures.MacsFile(Leases);
        _lastHostname = Encoding.ASCII.GetBytes($"vm-{Leases - 1}");
        _lastDomain = Encoding.ASCII.GetBytes($"dom-{Leases - 1}");
        // A lookup's scratch for a file's unescaped strings is the file's size (FileLines.TryScratch).
        _statusScratch = new byte[_status.Length];
        _macsScratch = new byte[_macs.Length];
    }

    [Benchmark]
    public int SubsetReadLeases()
    {
        var reader = new StatusFileReader(_status, _statusScratch);
        int leases = 0;
        while (JsonFileEntries.NextLease(ref reader, default, DebugLog.Silent, out LeaseFields _))
            leases++;
        return leases;
    }

    [Benchmark]
    public int SubsetCollectDomainMacs()
    {
        var reader = new MacsFileReader(_macs, _macsScratch);
        int macs = 0;
        while (JsonFileEntries.NextDomain(ref reader, default, DebugLog.Silent, out MacsEntry entry))
        {
            if (!TextLineText.EqualsIgnoreCase(entry.Domain, _lastDomain))
                continue;
            foreach (ReadOnlySpan<byte> _ in entry.Macs)
                macs++;
        }
        return macs;
    }

    [Benchmark]
    public int ParseLeases()
    {
        _entries = 0;
        return LeaseFileParser.Parse(_status, "bench.status", Count, DecisionLog.Silent);
    }

    [Benchmark]
    public int MatchHostnameHit() => Match(LeaseQuery.ByHostname(_lastHostname));

    [Benchmark]
    public int MatchHostnameMiss() => Match(LeaseQuery.ByHostname(s_missing));

    [Benchmark]
    public int CollectDomainMacs()
    {
        var macs = new List<byte[]>();
        return MacsFileParser.CollectMacs(_macs, _lastDomain, macs, "bench.macs", DecisionLog.Silent);
    }

    private int Match(LeaseQuery query)
    {
        var collector = new LeaseCollector(query, AddressFamilies.Unspecified, _now, DecisionLog.Silent);
        LeaseFileParser.Parse(_status, "bench.status", collector.Sink, DecisionLog.Silent);
        return collector.SortedAddresses().Count;
    }

    private void Count(in LeaseEntry entry) => _entries++;
}
