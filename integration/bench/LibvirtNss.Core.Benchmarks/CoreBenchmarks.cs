using System;
using System.Collections.Generic;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace LibvirtNss.Core.Benchmarks;

/// <summary>
/// Core alone, on one file held in memory: the lease parser, the matcher behind it (a hit on the
/// last guest, a miss), and the MAC file parser. No I/O, no module, no runtime start-up.
/// </summary>
public class CoreBenchmarks
{
    private byte[] _status = Array.Empty<byte>();
    private byte[] _macs = Array.Empty<byte>();
    private byte[] _lastHostname = Array.Empty<byte>();
    private byte[] _lastDomain = Array.Empty<byte>();
    private static readonly byte[] s_missing = Encoding.ASCII.GetBytes("example.invalid");
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
