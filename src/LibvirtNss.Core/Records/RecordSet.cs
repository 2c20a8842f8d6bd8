using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>
/// What every lookup decides over: the listing of the lease directory, its networks, and the
/// leases and domains read from its <c>*.status</c> and <c>*.macs</c> files, in directory order
/// then file order. A lookup that reads the files fills it as it goes, parsing only the files its
/// <see cref="ReadFilter"/> admits; a snapshot (docs/lease-cache.md) is the same set read whole,
/// kept and indexed, and asks nothing more of the disk (<see cref="Complete"/>).
/// </summary>
public unsafe struct RecordSet
{
    public LeaseFiles Listing;
    public Networks Networks;
    public LeaseRecords Leases;
    public DomainRecords Domains;
    /// <summary>Every file was read (a snapshot): the Try* reads below are no-ops.</summary>
    public bool Complete;
    /// <summary>The leases and domains have their key indexes (a snapshot).</summary>
    public bool Indexed;
    private bool _networksRead, _leasesRead, _domainsRead, _nodeNameRead;
    private fixed byte _nodeName[Os.Utsname.FieldLength];
    private int _nodeNameLength;

    /// <summary>
    /// A set over the lease directory's listing, then the publisher's directory's
    /// (<paramref name="published"/>, when not null: one statx, which fails at once when it is
    /// absent), nothing read yet.
    /// </summary>
    /// <returns>false when the lease directory cannot be listed (<paramref name="errno"/> says why; ENOMEM for a full arena),
    /// except a missing one (ENOENT) while the publisher's directory exists: its records alone make the set.</returns>
    public static bool TryList(byte* directory, ref LookupMemory memory, DebugLog log, out RecordSet set, out int errno,
        byte* published = null)
    {
        PublishedDirectoryStatus status = published == null ? default : PublishedDirectoryStatus.Of(published);
        return TryList(directory, published, status, ref memory, log, out set, out errno);
    }

    /// <summary><see cref="TryList(byte*, ref LookupMemory, DebugLog, out RecordSet, out int, byte*)"/> with the publisher's directory's statx taken by the caller (a snapshot's).</summary>
    public static bool TryList(byte* directory, byte* published, in PublishedDirectoryStatus publishedStatus, ref LookupMemory memory,
        DebugLog log, out RecordSet set, out int errno)
    {
        set = default;
        if (!LeaseFiles.TryList(directory, ref memory.Kept, log, out set.Listing, out errno))
        {
            // A host that never started a NATed network has no lease directory (libvirt makes it
            // then), and may have only guests the publisher serves: its records still answer.
            // Without them the missing directory fails the lookup as before (UNAVAIL, ENOENT).
            if (errno != Os.Errno.ENOENT || published == null || !publishedStatus.Present)
                return false;
            set.Listing = default;
            errno = 0;
        }
        if (published != null && !set.Listing.TryAddPublished(published, publishedStatus, ref memory.Kept, log))
        {
            errno = Os.Errno.ENOMEM;
            return false;
        }
        return true;
    }

    /// <param name="readConfs">false leaves the <c>*.conf</c> files unread (their domains only matter to a name with a dot).</param>
    /// <returns>false when the arena is full.</returns>
    public bool TryReadNetworks(bool readConfs, ref LookupMemory memory, DebugLog log)
    {
        if (Complete || _networksRead)
            return true;
        _networksRead = true;
        return Networks.TryRead(Listing, readConfs, ref memory, log, out Networks);
    }

    /// <summary>The leases of the status files the filter admits (once a lookup: a second call reads nothing).</summary>
    public bool TryReadLeases(in ReadFilter filter, ref LookupMemory memory, DebugLog log, long stopPast = long.MaxValue)
    {
        if (Complete || _leasesRead)
            return true;
        _leasesRead = true;
        for (int i = 0; i < Listing.Status.Count && memory.Kept.Allocated <= stopPast; i++)
        {
            if (!Leases.TryAddFile(Listing.Status[i], i, filter, ref memory, log))
                return false;
        }
        return true;
    }

    /// <summary>The domains of the macs files the filter admits (once a lookup).</summary>
    public bool TryReadDomains(in ReadFilter filter, ref LookupMemory memory, DebugLog log, long stopPast = long.MaxValue)
    {
        if (Complete || _domainsRead)
            return true;
        _domainsRead = true;
        for (int i = 0; i < Listing.Macs.Count && memory.Kept.Allocated <= stopPast; i++)
        {
            if (!Domains.TryAddFile(Listing.Macs[i], i, filter, ref memory, log))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Reads the host's node name (uname), which no guest may answer for, once a lookup (or a
    /// snapshot, with its files) needs it: only a lookup that found a lease of the name does.
    /// </summary>
    public void ReadNodeName()
    {
        if (Complete || _nodeNameRead)
            return;
        _nodeNameRead = true;
        fixed (byte* name = _nodeName)
            _nodeNameLength = Os.Utsname.TryReadNodeName(new Span<byte>(name, Os.Utsname.FieldLength));
    }

    /// <summary>The node name <see cref="ReadNodeName"/> read (empty before, or when uname failed).</summary>
    public readonly ReadOnlySpan<byte> NodeName
    {
        get
        {
            fixed (byte* name = _nodeName)
                return new ReadOnlySpan<byte>(name, _nodeNameLength);
        }
    }

    /// <summary>
    /// The leases whose host name (or, <paramref name="byMac"/>, MAC) is <paramref name="key"/>
    /// in any ASCII case, by the index, added to <paramref name="items"/> as indexes into
    /// <see cref="Leases"/> (of one bucket, last first). Without indexes every lease is a candidate.
    /// </summary>
    /// <returns>false when the arena is full.</returns>
    public readonly bool TryAddIndexed(scoped ReadOnlySpan<byte> key, bool byMac, ref Arena arena, ref ArenaList<int> items)
    {
        KeyIndex index = byMac ? Leases.ByMac : Leases.ByHostname;
        for (int item = index.First(key); item >= 0; item = index.Next(item))
        {
            LeaseRecord lease = Leases.Leases[item];
            if (KeyIndex.Matches(Leases.Of(byMac ? lease.MacAddress : lease.Hostname), key) && !items.Add(ref arena, item))
                return false;
        }
        return true;
    }

    /// <summary>The domains named <paramref name="name"/> (any ASCII case), in directory and file order, as indexes into <see cref="Domains"/>.</summary>
    /// <returns>false when the arena is full.</returns>
    public readonly bool TryDomainsNamed(scoped ReadOnlySpan<byte> name, ref Arena arena, out ArenaList<int> items)
    {
        items = default;
        if (!Indexed)
        {
            for (int item = 0; item < Domains.Domains.Count; item++)
            {
                if (KeyIndex.Matches(Domains.Of(Domains.Domains[item].Name), name) && !items.Add(ref arena, item))
                    return false;
            }
            return true;
        }
        for (int item = Domains.ByName.First(name); item >= 0; item = Domains.ByName.Next(item))
        {
            if (KeyIndex.Matches(Domains.Of(Domains.Domains[item].Name), name) && !items.Add(ref arena, item))
                return false;
        }
        // A bucket gives its items last first.
        Span<int> found = items.AsSpan();
        for (int a = 0, b = found.Length - 1; a < b; a++, b--)
        {
            int kept = found[a];
            found[a] = found[b];
            found[b] = kept;
        }
        return true;
    }
}
