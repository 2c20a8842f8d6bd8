using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Snapshot;

/// <summary>
/// A forward lookup answered from a snapshot (the .NET-only SnapshotLookup): the same decisions as
/// <see cref="NameLookup"/> (the same collector over the same leases in the same order, each
/// judged with its own network's forms of the name, then the same reserved hosts), but only the
/// leases the indexes give for the name's forms or the domain's MACs are offered, and nothing is
/// parsed. A name no lease and no domain carries costs a few hash probes.
/// </summary>
public static unsafe class SnapshotNameLookup
{
    public static ForwardAnswer Run(LeaseSnapshot* snapshot, LookupKind kind, ReadOnlySpan<byte> name, int family, long now,
        ref LookupMemory memory, DebugLog log)
    {
        ref Networks networks = ref snapshot->Networks;
        ref LeaseRecords leases = ref snapshot->Leases;
        int* forms = NameLookup.Forms(ref memory.Kept, name, networks.Text.Bytes, networks.AllDomains.AsSpan(), out int formCount);
        if (forms == null)
            return NameLookup.OutOfMemory();
        var allForms = new ReadOnlySpan<int>(forms, formCount);

        DomainMacList macs = default;
        var items = new ArenaList<int>();
        if (kind == LookupKind.Hostname)
        {
            for (int f = 0; f < formCount; f++)
            {
                if (!TryAddItems(leases.ByHostname, leases, name.Slice(0, forms[f]), byMac: false, ref memory.Kept, ref items))
                    return NameLookup.OutOfMemory();
            }
        }
        else
        {
            if (!DomainMacList.TryCollect(snapshot->Domains, snapshot->Listing, name, allForms, ref memory.Kept, log, out macs))
                return NameLookup.OutOfMemory();
            if (log.Enabled) NameLookup.DomainLine(log, name, macs.Count);
            if (macs.Count == 0)
                return ForwardAnswer.Failed(LookupStatus.DomainWithoutMacs, 0);
            if (!macs.TrySelect(allForms, ref memory.Kept, out TextRange* all, out int allCount))
                return NameLookup.OutOfMemory();
            for (int m = 0; m < allCount; m++)
            {
                if (!TryAddItems(leases.ByMac, leases, macs.Text.Slice(all[m].Start, all[m].Length), byMac: true, ref memory.Kept, ref items))
                    return NameLookup.OutOfMemory();
            }
        }

        if (!NameLookup.TryMatchReserved(kind, name, networks, macs, ref memory, log, out ArenaList<int> reserved, out ArenaList<TextRange> watched))
            return NameLookup.OutOfMemory();
        bool* flags = (bool*)memory.Kept.Allocate((nuint)(watched.Count + 1));
        if (flags == null || !AddressCollector.TryCreate(ref memory.Kept, family, now, log, out AddressCollector collector))
            return NameLookup.OutOfMemory();
        var live = new LiveMacSet(networks.Text.Bytes, watched.AsSpan(), new Span<bool>(flags, watched.Count), now);
        for (int w = 0; w < watched.Count; w++)
        {
            ReadOnlySpan<byte> mac = networks.Of(watched[w]);
            for (int item = leases.ByMac.First(mac); item >= 0; item = leases.ByMac.Next(item))
            {
                LeaseRecord lease = leases.Leases[item];
                live.Offer(leases.Of(lease.MacAddress), lease.ExpiryTime);
            }
        }

        // Each lease once, in the order the files list them, judged with its own network's forms.
        Sort(items.AsSpan());
        ReadOnlySpan<byte> macText = macs.Text;
        int file = -1;
        LeaseMatch match = default;
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0 && items[i] == items[i - 1])
                continue;
            LeaseRecord lease = leases.Leases[items[i]];
            if (lease.File != file)
            {
                file = lease.File;
                if (!TryMatchOf(snapshot, file, kind, name, macs, ref memory.Kept, out int* fileForms, out int fileFormCount,
                        out TextRange* selected, out int selectedCount))
                    return NameLookup.OutOfMemory();
                match = kind == LookupKind.Hostname
                    ? LeaseMatch.ByHostname(name, new ReadOnlySpan<int>(fileForms, fileFormCount))
                    : LeaseMatch.ByMacs(macText, new ReadOnlySpan<TextRange>(selected, selectedCount));
            }
            if (match.Matches(leases.Of(lease.Hostname), lease.HasHostname, leases.Of(lease.MacAddress)))
                collector.OfferLease(leases.Of(lease.IpAddress), lease.ExpiryTime);
        }
        return NameLookup.Answer(networks, reserved, live, ref collector, ref memory.Kept, log);
    }

    /// <summary>
    /// Whether a domain the name stands for has MACs in the snapshot: when none has, the answer
    /// (no MACs) does not depend on the status files. True when memory runs out (check them).
    /// </summary>
    public static bool DomainHasMacs(LeaseSnapshot* snapshot, ReadOnlySpan<byte> name, ref LookupMemory memory)
    {
        ref Networks networks = ref snapshot->Networks;
        int* forms = NameLookup.Forms(ref memory.Kept, name, networks.Text.Bytes, networks.AllDomains.AsSpan(), out int formCount);
        return forms == null
            || !DomainMacList.TryCollect(snapshot->Domains, snapshot->Listing, name, new ReadOnlySpan<int>(forms, formCount), ref memory.Kept,
                DebugLog.Silent, out DomainMacList macs)
            || macs.Count > 0;
    }

    /// <summary>The leases the index holds under <paramref name="key"/> (its bucket, checked key by key).</summary>
    private static bool TryAddItems(in KeyIndex index, in LeaseRecords leases, ReadOnlySpan<byte> key, bool byMac, ref Arena arena,
        ref ArenaList<int> items)
    {
        for (int item = index.First(key); item >= 0; item = index.Next(item))
        {
            LeaseRecord lease = leases.Leases[item];
            if (KeyIndex.Matches(leases.Of(byMac ? lease.MacAddress : lease.Hostname), key) && !items.Add(ref arena, item))
                return false;
        }
        return true;
    }

    /// <summary>Which leases of one status file belong to the name: its forms in that bridge's network, or the domain's MACs there.</summary>
    private static bool TryMatchOf(LeaseSnapshot* snapshot, int file, LookupKind kind, ReadOnlySpan<byte> name, in DomainMacList macs,
        ref Arena arena, out int* forms, out int formCount, out TextRange* selected, out int selectedCount)
    {
        selected = null;
        selectedCount = 0;
        ref Networks networks = ref snapshot->Networks;
        forms = NameLookup.Forms(ref arena, name, networks.Text.Bytes,
            networks.DomainsOfBridge(snapshot->Listing.Status[file].BaseName), out formCount);
        return forms != null
            && (kind == LookupKind.Hostname || macs.TrySelect(new ReadOnlySpan<int>(forms, formCount), ref arena, out selected, out selectedCount));
    }

    /// <summary>Heapsort, ascending: the items of a name are few, but a hostile file may give one name thousands.</summary>
    internal static void Sort(Span<int> items)
    {
        for (int start = items.Length / 2 - 1; start >= 0; start--)
            SiftDown(items, start, items.Length);
        for (int end = items.Length - 1; end > 0; end--)
        {
            Swap(items, 0, end);
            SiftDown(items, 0, end);
        }
    }

    private static void Swap(Span<int> items, int a, int b)
    {
        int kept = items[a];
        items[a] = items[b];
        items[b] = kept;
    }

    private static void SiftDown(Span<int> items, int root, int end)
    {
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= end)
                return;
            if (child + 1 < end && items[child + 1] > items[child])
                child++;
            if (items[root] >= items[child])
                return;
            Swap(items, root, child);
            root = child;
        }
    }
}
