using System;
using System.Collections.Generic;
using System.IO;
using LibvirtNss.Core;

namespace LibvirtNss.Fuzz;

/// <summary>
/// What one input goes through: the oracle's parsers, its matcher (a LeaseCollector by hostname
/// and by MACs), its packers into a buffer of a random size, and, for some inputs, whole lookups
/// of both kinds over a directory holding the input as a file: the oracle's LeaseDirectory.Lookup
/// and Core's subset, the module's own code (NameLookup, and AddressLookup backwards), whose
/// bounds checks throw here where the module's fault recovery answers UNAVAIL. Every debug line
/// must be printable ASCII (DecisionLog's promise, and DebugLine's). A rule broken throws
/// <see cref="BrokenRuleException"/>; any exception that leaves <see cref="Run"/> is a failure.
/// </summary>
internal sealed class LookupTarget
{
    private static readonly int[] Families = { AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6 };

    private readonly string _directory;
    private readonly byte[] _directoryPath;
    private readonly byte[] _packBuffer = new byte[4096];
    private readonly DecisionLog _log;
    private int _logLines;

    public LookupTarget(string directory)
    {
        _directory = directory;
        _directoryPath = System.Text.Encoding.UTF8.GetBytes(directory + "\0");
        Directory.CreateDirectory(directory);
        _log = new DecisionLog(CheckLine);
    }

    /// <summary>Inputs whose contents exhausted the heap and were skipped, as the module skips such a file.</summary>
    public int HeapExhausted { get; private set; }

    /// <summary>The last such input (kept by Program in the work directory, for a look).</summary>
    public byte[]? LastHeapExhausting { get; private set; }

    public int LogLines => _logLines;

    public void Run(byte[] input, bool isMacs, string name, Random random, bool viaDirectory)
    {
        DecisionLog log = random.Next(8) == 0 ? _log : DecisionLog.Silent;
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        int family = Families[random.Next(Families.Length)];
        try
        {
            // The hostname module: the input as a lease file.
            var byName = new LeaseCollector(LeaseQuery.ByHostname(nameBytes), family, InputGenerator.Now, log);
            int entries = LeaseFileParser.Parse(input, "fuzz.status", byName.Sink, log);
            Check(entries >= 0, "negative entry count");
            Answer(byName, nameBytes, family, random);

            // The guest module: the input as a MAC file, then as the lease file its MACs select from.
            var macs = new List<byte[]>();
            int added = MacsFileParser.CollectMacs(input, nameBytes, macs, "fuzz.macs", log);
            Check(added == macs.Count, "CollectMacs count differs from the MACs collected");
            var byMacs = new LeaseCollector(LeaseQuery.ByMacs(macs), family, InputGenerator.Now, log);
            LeaseFileParser.Parse(input, "fuzz.status", byMacs.Sink, log);
            Answer(byMacs, nameBytes, family, random);
        }
        catch (OutOfMemoryException)
        {
            HeapExhausted++;   // LeaseDirectory.ForEachFile skips such a file; the lookups below check that path
            LastHeapExhausting = input;
        }

        if (viaDirectory)
            RunLookups(input, isMacs, nameBytes, family, log);
    }

    private void RunLookups(byte[] input, bool isMacs, byte[] name, int family, DecisionLog log)
    {
        foreach (string stale in Directory.GetFiles(_directory))
            File.Delete(stale);
        File.WriteAllBytes(Path.Combine(_directory, isMacs ? "fuzz.macs" : "fuzz.status"), input);
        if (isMacs)   // a lease file for the MACs the input may name
            File.WriteAllText(Path.Combine(_directory, "net.status"),
                "[{\"ip-address\":\"192.168.122.5\",\"mac-address\":\"52:54:00:00:00:01\",\"hostname\":\"vm1\",\"expiry-time\":0}]");
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            LookupResult result = LeaseDirectory.Lookup(_directory, kind, name, family, InputGenerator.Now, log);
            Check(Enum.IsDefined(result.Outcome), "undefined outcome");
            Check(result.Outcome != LookupOutcome.DirectoryUnreadable, "the directory became unreadable");
            Check((result.Outcome == LookupOutcome.Addresses) == (result.Addresses.Count > 0), "outcome and addresses disagree");
            CheckFamilies(result.Addresses, family);
        }
        if (!log.Enabled)
        {
            RunSubsetLookups(name, family, -1);
            return;
        }
        byte[] lines = Core.Tests.Diagnostics.PipeCapture.CapturedInFile(fd => RunSubsetLookups(name, family, fd));
        foreach (string line in System.Text.Encoding.Latin1.GetString(lines).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            CheckLine(line);
    }

    /// <summary>The subset's lookups of both kinds, forward and backwards, over the same directory (debug lines on <paramref name="fd"/>, none when -1).</summary>
    private unsafe void RunSubsetLookups(byte[] name, int family, int fd)
    {
        var debug = new Core.Diagnostics.DebugLog(fd >= 0, fd);
        byte[] address = { 192, 168, 122, 5 };
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            var memory = new Core.Memory.LookupMemory();
            try
            {
                fixed (byte* directory = _directoryPath)
                {
                    Core.Lookups.ForwardAnswer forward = Core.Lookups.NameLookup.Run(directory, new NameQuery(kind, name, family, InputGenerator.Now, debug), ref memory);
                    Check(Enum.IsDefined(forward.Status), "subset: undefined status");
                    Check(forward.Status != Core.Lookups.LookupStatus.DirectoryUnreadable, "subset: the directory became unreadable");
                    Check((forward.Status == Core.Lookups.LookupStatus.Found) == (forward.Count > 0), "subset: status and addresses disagree");
                    for (int i = 0; i < forward.Count; i++)
                    {
                        int got = forward.Addresses[i].Family;
                        Check(got is AddressFamilies.Inet or AddressFamilies.Inet6, "subset: an address of no family");
                        Check(family == AddressFamilies.Unspecified || got == family, "subset: an address of the wrong family");
                    }
                    Core.Lookups.ReverseAnswer reverse = Core.Lookups.AddressLookup.Run(directory, new AddressQuery(kind, new IpAddress(AddressFamilies.Inet, address), InputGenerator.Now, debug), ref memory);
                    Check(Enum.IsDefined(reverse.Status), "subset: undefined reverse status");
                    Check((reverse.Status == Core.Lookups.LookupStatus.Found) == (reverse.Count > 0), "subset: reverse status and names disagree");
                    for (int i = 0; i < reverse.Count; i++)
                        Check(reverse.Names[i].Start >= 0 && reverse.Names[i].Length >= 0
                            && reverse.Names[i].Start + reverse.Names[i].Length <= reverse.TextLength, "subset: a name outside the answer's text");
                }
            }
            finally
            {
                memory.Release();
            }
        }
    }

    private void Answer(LeaseCollector collector, byte[] name, int family, Random random)
    {
        List<LeaseAddress> addresses = collector.SortedAddresses();
        CheckFamilies(addresses, family);
        for (int i = 1; i < addresses.Count; i++)
            Check(addresses[i - 1].Expiry >= addresses[i].Expiry, "addresses out of expiry order");
        if (addresses.Count == 0)
            return;
        var buffer = _packBuffer.AsSpan(0, random.Next(_packBuffer.Length + 1));
        int packFamily = family == AddressFamilies.Unspecified ? addresses[0].Family : family;
        var sameFamily = addresses.FindAll(a => a.Family == packFamily);
        if (HostentPacker.TryPack(buffer, 0x10000, name, packFamily, sameFamily, out HostentLayout layout))
            Check(layout.BytesUsed <= buffer.Length, "hostent packed beyond the buffer");
        if (AddrTuplePacker.TryPack(buffer, 0x10000, name, addresses, out _, out int used))
            Check(used <= buffer.Length, "tuples packed beyond the buffer");
    }

    private static void CheckFamilies(List<LeaseAddress> addresses, int family)
    {
        foreach (LeaseAddress address in addresses)
        {
            Check(address.Family is AddressFamilies.Inet or AddressFamilies.Inet6, "an address of no family");
            Check(family == AddressFamilies.Unspecified || address.Family == family, "an address of the wrong family");
        }
    }

    private void CheckLine(string line)
    {
        _logLines++;
        foreach (char c in line)
            Check(c is >= ' ' and <= '~', "a debug line that is not printable ASCII");
    }

    private static void Check(bool condition, string rule)
    {
        if (!condition)
            throw new BrokenRuleException(rule);
    }
}

internal sealed class BrokenRuleException(string rule) : Exception(rule);
