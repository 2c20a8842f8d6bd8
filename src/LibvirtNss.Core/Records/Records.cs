using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>One well-formed lease of a <c>*.status</c> file, its strings in <see cref="LeaseRecords.Text"/>.</summary>
public struct LeaseRecord
{
    public TextRange IpAddress, MacAddress, Hostname;
    public bool HasHostname;
    public long ExpiryTime;
    /// <summary>Which status file of the snapshot (its bridge gives the network).</summary>
    public int File;
}

/// <summary>
/// Every lease of every <c>*.status</c> file, in directory order then file order (the order the
/// reading path offers them), with indexes by host name and by MAC.
/// </summary>
public unsafe struct LeaseRecords
{
    public ArenaText Text;
    public ArenaList<LeaseRecord> Leases;
    public KeyIndex ByHostname, ByMac;

    public readonly ReadOnlySpan<byte> Of(TextRange range) => Text.Of(range);

    /// <summary>
    /// Adds the leases of one status file, when the filter admits it (a file that cannot be read
    /// adds none, with a debug line).
    /// </summary>
    /// <returns>false when the memory is full.</returns>
    public bool TryAddFile(in LeaseFilePath file, int fileIndex, in ReadFilter filter, ref LookupMemory memory, DebugLog log)
    {
        bool kept = TryAddContents(file, fileIndex, filter, ref memory, log);
        memory.File.Reset();
        return kept;
    }

    private bool TryAddContents(in LeaseFilePath file, int fileIndex, in ReadFilter filter, ref LookupMemory memory, DebugLog log)
    {
        if (!FileLines.TryReadJson(file, filter, ref memory.File, log, out ReadOnlySpan<byte> json, out Span<byte> scratch))
            return true;
        var reader = new StatusFileReader(json, scratch);
        while (JsonFileEntries.NextLease(ref reader, file, log, out LeaseFields lease))
        {
            var record = new LeaseRecord { HasHostname = lease.HasHostname, ExpiryTime = lease.ExpiryTime, File = fileIndex };
            if (!Text.TryAppend(ref memory.Kept, lease.IpAddress, out record.IpAddress)
                || !Text.TryAppend(ref memory.Kept, lease.MacAddress, out record.MacAddress)
                || !Text.TryAppend(ref memory.Kept, lease.Hostname, out record.Hostname)
                || !Leases.Add(ref memory.Kept, record))
                return false;
        }
        if (log.Enabled) FileLines.Write(log, file, reader.Accepted, " entries read"u8);
        return true;
    }

    /// <summary>The records and their text moved into <paramref name="arena"/> at their exact size, once every file was added.</summary>
    public bool TryCompact(ref Arena arena)
    {
        if (!Text.TryCopyTo(ref arena, out ArenaText text) || !Leases.TryCopyTo(ref arena, out ArenaList<LeaseRecord> leases))
            return false;
        Text = text;
        Leases = leases;
        return true;
    }

    /// <summary>The indexes in <paramref name="arena"/>, once every file was added (the keys listed in <paramref name="scratch"/>).</summary>
    public bool TryIndex(ref Arena arena, ref Arena scratch)
    {
        var hostnames = (TextRange*)scratch.Allocate((nuint)(sizeof(TextRange) * (Leases.Count + 1)));
        var macs = (TextRange*)scratch.Allocate((nuint)(sizeof(TextRange) * (Leases.Count + 1)));
        if (hostnames == null || macs == null)
            return false;
        for (int i = 0; i < Leases.Count; i++)
        {
            hostnames[i] = Leases[i].Hostname; // one without a host name never matches one (LeaseMatch)
            macs[i] = Leases[i].MacAddress;
        }
        return KeyIndex.TryBuild(ref arena, Text.Bytes, new ReadOnlySpan<TextRange>(hostnames, Leases.Count), out ByHostname)
            && KeyIndex.TryBuild(ref arena, Text.Bytes, new ReadOnlySpan<TextRange>(macs, Leases.Count), out ByMac);
    }
}

/// <summary>One well-formed entry of a <c>*.macs</c> file: a domain and its MACs (ranges in <see cref="DomainRecords.Macs"/>).</summary>
public struct DomainRecord
{
    public TextRange Name;
    public int FirstMac, MacCount;
    /// <summary>Which macs file of the snapshot.</summary>
    public int File;
}

/// <summary>Every domain of every <c>*.macs</c> file, in directory order then file order, with an index by domain name.</summary>
public unsafe struct DomainRecords
{
    public ArenaText Text;
    public ArenaList<DomainRecord> Domains;
    public ArenaList<TextRange> Macs;
    public KeyIndex ByName;

    public readonly ReadOnlySpan<byte> Of(TextRange range) => Text.Of(range);

    public readonly ReadOnlySpan<TextRange> MacsOf(in DomainRecord domain) => Macs.AsSpan().Slice(domain.FirstMac, domain.MacCount);

    /// <summary>Adds the domains of one macs file, when the filter admits it.</summary>
    /// <returns>false when the memory is full.</returns>
    public bool TryAddFile(in LeaseFilePath file, int fileIndex, in ReadFilter filter, ref LookupMemory memory, DebugLog log)
    {
        bool kept = TryAddContents(file, fileIndex, filter, ref memory, log);
        memory.File.Reset();
        return kept;
    }

    private bool TryAddContents(in LeaseFilePath file, int fileIndex, in ReadFilter filter, ref LookupMemory memory, DebugLog log)
    {
        if (!FileLines.TryReadJson(file, filter, ref memory.File, log, out ReadOnlySpan<byte> json, out Span<byte> scratch))
            return true;
        var reader = new MacsFileReader(json, scratch);
        while (JsonFileEntries.NextDomain(ref reader, file, log, out MacsEntry entry))
        {
            var record = new DomainRecord { FirstMac = Macs.Count, File = fileIndex };
            if (!Text.TryAppend(ref memory.Kept, entry.Domain, out record.Name))
                return false;
            foreach (ReadOnlySpan<byte> mac in entry.Macs)
            {
                if (!Text.TryAppend(ref memory.Kept, mac, out TextRange range) || !Macs.Add(ref memory.Kept, range))
                    return false;
            }
            record.MacCount = Macs.Count - record.FirstMac;
            if (!Domains.Add(ref memory.Kept, record))
                return false;
        }
        return true;
    }

    /// <summary>The records, their MACs and their text moved into <paramref name="arena"/> at their exact size.</summary>
    public bool TryCompact(ref Arena arena)
    {
        if (!Text.TryCopyTo(ref arena, out ArenaText text) || !Domains.TryCopyTo(ref arena, out ArenaList<DomainRecord> domains)
            || !Macs.TryCopyTo(ref arena, out ArenaList<TextRange> macs))
            return false;
        Text = text;
        Domains = domains;
        Macs = macs;
        return true;
    }

    /// <summary>The index by name in <paramref name="arena"/> (the keys listed in <paramref name="scratch"/>).</summary>
    public bool TryIndex(ref Arena arena, ref Arena scratch)
    {
        var names = (TextRange*)scratch.Allocate((nuint)(sizeof(TextRange) * (Domains.Count + 1)));
        if (names == null)
            return false;
        for (int i = 0; i < Domains.Count; i++)
            names[i] = Domains[i].Name;
        return KeyIndex.TryBuild(ref arena, Text.Bytes, new ReadOnlySpan<TextRange>(names, Domains.Count), out ByName);
    }
}
