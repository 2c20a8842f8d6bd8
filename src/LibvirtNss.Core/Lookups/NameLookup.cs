using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// A name to its addresses (gethostbyname*): for <c>libvirt_guest</c> the domain's MACs first
/// (<see cref="DomainMacList"/>), then the reserved hosts of the name, then every lease of the
/// name or of the domain's MACs, in directory and file order, each judged with the forms of the
/// name in its own bridge's network (<see cref="NameForms"/>); the reserved hosts come last. A
/// lease that carries the name (<c>libvirt</c>) answers only where no one else owns the name
/// (<see cref="GuestNameRule"/>, docs/security.md). One
/// engine over a <see cref="RecordSet"/>: read from the files as the lookup needs them (only the
/// files that may hold the name, unless debug lines are written), or a snapshot's, read whole
/// and indexed, which gives the same answer.
/// </summary>
public static unsafe class NameLookup
{
    /// <summary>
    /// The lookup over the files as they are now, read into <paramref name="memory"/>: the lease
    /// directory's, then the publisher's directory's (<paramref name="published"/>, when not null).
    /// </summary>
    public static ForwardAnswer Run(byte* directory, scoped in NameQuery query, ref LookupMemory memory, byte* published = null)
    {
        if (!AddressFamilies.IsSupported(query.Family))
            return ForwardAnswer.Failed(LookupStatus.FamilyNotSupported, Os.Errno.EAFNOSUPPORT);
        if (!RecordSet.TryList(directory, ref memory, query.Log, out RecordSet records, out int errno, published))
            return ForwardAnswer.Failed(errno == Os.Errno.ENOMEM ? LookupStatus.OutOfMemory : LookupStatus.DirectoryUnreadable, errno);
        return Answer(ref records, query, ref memory);
    }

    /// <summary>The answer over <paramref name="records"/>, which it reads further when they are not complete.</summary>
    public static ForwardAnswer Answer(ref RecordSet records, scoped in NameQuery query, ref LookupMemory memory)
    {
        DebugLog log = query.Log;
        ReadOnlySpan<byte> name = query.Name;
        if (!records.TryReadNetworks(readConfs: name.IndexOf((byte)'.') >= 0, ref memory, log))
            return OutOfMemory();
        ref Networks networks = ref records.Networks;
        int* forms = Forms(ref memory.Kept, name, networks.Text.Bytes, networks.AllDomains.AsSpan(), out int formCount);
        if (forms == null)
            return OutOfMemory();
        var allForms = new ReadOnlySpan<int>(forms, formCount);

        // libvirt_guest: the MACs of every form the name has in any network's domains.
        DomainMacList macs = default;
        if (query.Kind == LookupKind.DomainName)
        {
            ReadFilter domains = ReadFilter.Of(all: log.Enabled || records.Complete);
            if (!domains.TryAdd(ref memory.Kept, name.Slice(0, NameForms.Shortest(allForms)))
                || !records.TryReadDomains(domains, ref memory, log)
                || !DomainMacList.TryCollect(records, name, allForms, ref memory.Kept, log, out macs))
                return OutOfMemory();
            if (log.Enabled) DomainLine(log, name, macs.Count);
            if (macs.Count == 0)
                return ForwardAnswer.Failed(LookupStatus.DomainWithoutMacs, 0);
        }

        if (!TryMatchReserved(query, networks, macs, ref memory.Kept, out ArenaList<int> reserved, out ArenaList<TextRange> watched))
            return OutOfMemory();

        // The leases' keys: the name's forms (libvirt) or the domain's MACs (libvirt_guest); a
        // file that holds none of them, nor a watched reservation's MAC, is not parsed.
        var keys = new KeyList();
        ReadFilter leases = ReadFilter.Of(all: log.Enabled || records.Complete);   // a filter of all adds no values
        if (query.Kind == LookupKind.Hostname)
        {
            for (int f = 0; f < formCount; f++)
            {
                if (!keys.TryAdd(ref memory.Kept, name.Slice(0, forms[f])))
                    return OutOfMemory();
            }
            if (!leases.TryAdd(ref memory.Kept, name.Slice(0, NameForms.Shortest(allForms))))
                return OutOfMemory();
        }
        else
        {
            if (!macs.TrySelect(allForms, ref memory.Kept, out TextRange* all, out int allCount))
                return OutOfMemory();
            for (int m = 0; m < allCount; m++)
            {
                if (!keys.TryAdd(ref memory.Kept, macs.Text.Slice(all[m].Start, all[m].Length))
                    || !leases.TryAdd(ref memory.Kept, macs.Text.Slice(all[m].Start, all[m].Length)))
                    return OutOfMemory();
            }
        }
        var watchedKeys = new KeyList();
        for (int w = 0; w < watched.Count; w++)
        {
            if (!watchedKeys.TryAdd(ref memory.Kept, networks.Of(watched[w])) || !leases.TryAdd(ref memory.Kept, networks.Of(watched[w])))
                return OutOfMemory();
        }
        if (!records.TryReadLeases(leases, ref memory, log))
            return OutOfMemory();

        bool* flags = (bool*)memory.Kept.Allocate((nuint)(watched.Count + 1));
        if (flags == null || !AddressCollector.TryCreate(ref memory.Kept, query.Family, query.Now, log, out AddressCollector collector))
            return OutOfMemory();
        var live = new LiveMacSet(networks.Text.Bytes, watched.AsSpan(), new Span<bool>(flags, watched.Count), query.Now);
        ref LeaseRecords table = ref records.Leases;
        if (!TryCandidates(records, watchedKeys, byMac: true, ref memory.Kept, out ArenaList<int> watchedLeases))
            return OutOfMemory();
        for (int i = 0; i < watchedLeases.Count; i++)
        {
            LeaseRecord lease = table.Leases[watchedLeases[i]];
            live.Offer(table.Of(lease.MacAddress), lease.ExpiryTime);
        }

        // Each lease once, in the order the files list them, judged with its own network's forms.
        if (!TryCandidates(records, keys, byMac: query.Kind == LookupKind.DomainName, ref memory.Kept, out ArenaList<int> items))
            return OutOfMemory();
        int file = -1;
        LeaseMatch match = default;
        DomainMacList owners = default;   // libvirt: the domains the name stands for, once a lease carries it
        bool ownersFound = false;
        for (int i = 0; i < items.Count; i++)
        {
            LeaseRecord lease = table.Leases[items[i]];
            if (lease.File != file)
            {
                file = lease.File;
                if (!TryKeysOf(records, file, query, macs, ref memory.Kept, out FileKeys fileKeys))
                    return OutOfMemory();
                match = query.Kind == LookupKind.Hostname
                    ? LeaseMatch.ByHostname(name, new ReadOnlySpan<int>(fileKeys.Forms, fileKeys.FormCount))
                    : LeaseMatch.ByMacs(macs.Text, new ReadOnlySpan<TextRange>(fileKeys.Macs, fileKeys.MacCount));
            }
            if (!match.Matches(table.Of(lease.Hostname), lease.HasHostname, table.Of(lease.MacAddress)))
                continue;
            if (query.Kind == LookupKind.Hostname)
            {
                // The guest chose this name: it answers only where no one else owns the name.
                if (!ownersFound && !TryFindOwners(ref records, query, allForms, ref memory, out owners))
                    return OutOfMemory();
                ownersFound = true;
                GuestNameVerdict verdict = Judge(records, table, lease, owners, reserved);
                if (verdict != GuestNameVerdict.Answers)
                {
                    if (log.Enabled) RefusedLine(log, table, lease, verdict);
                    continue;
                }
            }
            collector.OfferLease(table.Of(lease.IpAddress), lease.ExpiryTime);
        }

        // The reserved hosts after every lease (a DHCP host whose MAC holds an unexpired lease is
        // left out: that lease answers, where the guest is now).
        for (int i = 0; i < reserved.Count; i++)
        {
            ReservedHost host = networks.Hosts[reserved[i]];
            if (ReservedHostRule.YieldsToLease(host.HasMac, host.HasMac && live.IsLive(networks.Of(host.Mac))))
            {
                if (log.Enabled) YieldedLine(log, host.Address);
                continue;
            }
            collector.OfferReserved(host.Address);
        }

        if (collector.Outcome != ForwardOutcome.Addresses)
            return ForwardAnswer.Failed(collector.Outcome == ForwardOutcome.NoMatch ? LookupStatus.NoMatch : LookupStatus.NoAddressOfFamily, 0);
        var addresses = (IpAddress*)memory.Kept.Allocate((nuint)(sizeof(IpAddress) * collector.Count));
        if (addresses == null)
            return OutOfMemory();
        int count = collector.Sorted(new Span<IpAddress>(addresses, collector.Count));
        return new ForwardAnswer { Status = LookupStatus.Found, Addresses = addresses, Count = count };
    }

    /// <summary>
    /// What a guest's name is judged against (<see cref="GuestNameRule"/>): the domains the
    /// name stands for in any <c>*.macs</c> file (only the files that may hold it are parsed), and
    /// the host's node name.
    /// </summary>
    private static bool TryFindOwners(ref RecordSet records, scoped in NameQuery query, ReadOnlySpan<int> forms,
        ref LookupMemory memory, out DomainMacList owners)
    {
        owners = default;
        records.ReadNodeName();
        ReadFilter domains = ReadFilter.Of(all: query.Log.Enabled || records.Complete);
        return domains.TryAdd(ref memory.Kept, query.Name.Slice(0, NameForms.Shortest(forms)))
            && records.TryReadDomains(domains, ref memory, query.Log)
            && DomainMacList.TryCollect(records, query.Name, forms, ref memory.Kept, query.Log, out owners);
    }

    /// <summary>
    /// The verdict on a lease asked for by its own host name, as a <c>libvirt</c> lookup of that
    /// name judges it (<c>libvirt-nss doctor</c> reports the leases refused). The networks (with
    /// their confs) and the domains must have been read.
    /// </summary>
    /// <returns>false when the arena is full.</returns>
    public static bool TryJudgeLease(ref RecordSet records, int item, long now, ref LookupMemory memory, out GuestNameVerdict verdict)
    {
        verdict = GuestNameVerdict.NotDnsmasqName;
        LeaseRecord lease = records.Leases.Leases[item];
        if (!lease.HasHostname)
            return true;
        var query = new NameQuery(LookupKind.Hostname, records.Leases.Of(lease.Hostname), AddressFamilies.Unspecified, now, DebugLog.Silent);
        int* forms = Forms(ref memory.Kept, query.Name, records.Networks.Text.Bytes, records.Networks.AllDomains.AsSpan(), out int formCount);
        if (forms == null
            || !TryMatchReserved(query, records.Networks, default, ref memory.Kept, out ArenaList<int> reserved, out _)
            || !TryFindOwners(ref records, query, new ReadOnlySpan<int>(forms, formCount), ref memory, out DomainMacList owners))
            return false;
        verdict = Judge(records, records.Leases, lease, owners, reserved);
        return true;
    }

    /// <summary>The verdict on a lease whose host name is one of the asked name's forms.</summary>
    private static GuestNameVerdict Judge(in RecordSet records, in LeaseRecords table, in LeaseRecord lease, in DomainMacList owners,
        in ArenaList<int> reserved)
    {
        ReadOnlySpan<byte> mac = table.Of(lease.MacAddress);
        return GuestNameRule.Judge(table.Of(lease.Hostname), records.NodeName, nameIsDomain: owners.Domains > 0,
            macIsDomains: owners.Domains > 0 && owners.Contains(mac), nameIsReserved: reserved.Count > 0,
            leaseHoldsReservation: reserved.Count > 0 && HoldsReservation(records.Networks, reserved, mac, table.Of(lease.IpAddress)));
    }

    /// <summary>Whether a lease's MAC or address is one of the reservations'.</summary>
    private static bool HoldsReservation(in Networks networks, in ArenaList<int> reserved, ReadOnlySpan<byte> mac,
        ReadOnlySpan<byte> addressText)
    {
        bool parsed = LeaseAddressText.TryParse(addressText, out IpAddress address);
        for (int i = 0; i < reserved.Count; i++)
        {
            ReservedHost host = networks.Hosts[reserved[i]];
            if ((host.HasMac && TextLineText.EqualsIgnoreCase(networks.Of(host.Mac), mac)) || (parsed && host.Address.SameAs(address)))
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a domain the name stands for has MACs in <paramref name="records"/>: when none
    /// has, a <c>libvirt_guest</c> answer does not depend on the status files. True when memory
    /// runs out (the caller then checks them).
    /// </summary>
    public static bool DomainHasMacs(in RecordSet records, ReadOnlySpan<byte> name, ref LookupMemory memory)
    {
        int* forms = Forms(ref memory.Kept, name, records.Networks.Text.Bytes, records.Networks.AllDomains.AsSpan(), out int formCount);
        return forms == null
            || !DomainMacList.TryCollect(records, name, new ReadOnlySpan<int>(forms, formCount), ref memory.Kept, DebugLog.Silent,
                out DomainMacList macs)
            || macs.Count > 0;
    }

    /// <summary>
    /// The leases that may answer, as indexes into the records, ascending (each once): by the
    /// indexes, those whose host name (or MAC) is one of the keys; without indexes, every lease
    /// read (the filter chose the files, the caller matches each lease).
    /// </summary>
    private static bool TryCandidates(in RecordSet records, in KeyList keys, bool byMac, ref Arena arena, out ArenaList<int> items)
    {
        items = default;
        if (keys.Count == 0)
            return true;
        if (!records.Indexed)
        {
            for (int item = 0; item < records.Leases.Leases.Count; item++)
            {
                if (!items.Add(ref arena, item))
                    return false;
            }
            return true;
        }
        for (int k = 0; k < keys.Count; k++)
        {
            if (!records.TryAddIndexed(keys[k], byMac, ref arena, ref items))
                return false;
        }
        items = SortedOnce(items);
        return true;
    }

    /// <summary>What a lease of one status file is matched with: the name's forms in that bridge's network, and the domain's MACs there.</summary>
    private struct FileKeys
    {
        public int* Forms;
        public int FormCount;
        public TextRange* Macs;
        public int MacCount;
    }

    private static bool TryKeysOf(in RecordSet records, int file, scoped in NameQuery query, in DomainMacList macs, ref Arena arena,
        out FileKeys keys)
    {
        keys = default;
        // A published lease is in no network (whatever its file's base name): the name alone matches it.
        LeaseFilePath path = records.Listing.Status[file];
        keys.Forms = Forms(ref arena, query.Name, records.Networks.Text.Bytes,
            path.Published ? default : records.Networks.DomainsOfBridge(path.BaseName), out keys.FormCount);
        return keys.Forms != null
            && (query.Kind == LookupKind.Hostname
                || macs.TrySelect(new ReadOnlySpan<int>(keys.Forms, keys.FormCount), ref arena, out keys.Macs, out keys.MacCount));
    }

    /// <summary>
    /// The reserved hosts that answer the name, as indices into the networks' hosts, and the MACs
    /// among them (whose leases, where the guest is now, answer instead).
    /// <c>libvirt</c>: a host whose name is one of the name's forms in its network.
    /// <c>libvirt_guest</c>: a DHCP host whose MAC is one of the domain's there.
    /// </summary>
    private static bool TryMatchReserved(scoped in NameQuery query, in Networks networks, in DomainMacList macs, ref Arena arena,
        out ArenaList<int> reserved, out ArenaList<TextRange> watched)
    {
        reserved = default;
        watched = default;
        int formsOf = -1, formCount = 0, macCount = 0;
        int* forms = null;
        TextRange* networkMacs = null;
        for (int i = 0; i < networks.Hosts.Count; i++)
        {
            ReservedHost host = networks.Hosts[i];
            if (host.Network != formsOf)
            {
                formsOf = host.Network;
                forms = Forms(ref arena, query.Name, networks.Text.Bytes, networks.DomainsOf(host.Network), out formCount);
                if (forms == null
                    || (query.Kind == LookupKind.DomainName
                        && !macs.TrySelect(new ReadOnlySpan<int>(forms, formCount), ref arena, out networkMacs, out macCount)))
                    return false;
            }
            bool answers = query.Kind == LookupKind.Hostname
                ? ReservedHostRule.AnswersName(networks.Of(host.Name), query.Name, new ReadOnlySpan<int>(forms, formCount))
                : ReservedHostRule.AnswersDomain(networks.Of(host.Mac), macs.Text, new ReadOnlySpan<TextRange>(networkMacs, macCount));
            if (!answers)
                continue;
            if (query.Log.Enabled) MatchedLine(query.Log, networks, host);
            if (!reserved.Add(ref arena, i) || (host.HasMac && !watched.Add(ref arena, host.Mac)))
                return false;
        }
        return true;
    }

    /// <summary>The name's forms in <paramref name="domains"/> (NameForms), in the arena; null when it is full.</summary>
    internal static int* Forms(ref Arena arena, scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> text,
        scoped ReadOnlySpan<TextRange> domains, out int count)
    {
        count = 0;
        int* lengths = (int*)arena.Allocate((nuint)(sizeof(int) * (domains.Length + 1)));
        if (lengths != null)
            count = NameForms.Of(name, text, domains, new Span<int>(lengths, domains.Length + 1));
        return lengths;
    }

    private static ForwardAnswer OutOfMemory() => ForwardAnswer.Failed(LookupStatus.OutOfMemory, Os.Errno.ENOMEM);

    /// <summary>The items ascending, each once (heapsort: the items of a name are few, but a hostile file may give one name thousands).</summary>
    private static ArenaList<int> SortedOnce(ArenaList<int> items)
    {
        Span<int> span = items.AsSpan();
        for (int start = span.Length / 2 - 1; start >= 0; start--)
            SiftDown(span, start, span.Length);
        for (int end = span.Length - 1; end > 0; end--)
        {
            Swap(span, 0, end);
            SiftDown(span, 0, end);
        }
        int kept = 0;
        for (int i = 0; i < span.Length; i++)
        {
            if (kept == 0 || span[kept - 1] != span[i])
                span[kept++] = span[i];
        }
        return items.Truncated(kept);
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

    private static void DomainLine(DebugLog log, ReadOnlySpan<byte> name, int count) =>
        log.Write("domain {}: {} MACs"u8, DebugArg.Quoted(name), count);

    private static void MatchedLine(DebugLog log, in Networks networks, in ReservedHost host) =>
        log.Write(host.IsDhcpHost ? "{}: reserved {} (DhcpHost) matched"u8 : "{}: reserved {} (DnsHost) matched"u8,
            DebugArg.Text(networks.Of(networks.Entries[host.Network].Name)), host.Address);

    private static void RefusedLine(DebugLog log, in LeaseRecords table, in LeaseRecord lease, GuestNameVerdict verdict) =>
        log.Write("lease of {} named {}: refused: {}"u8, DebugArg.Text(table.Of(lease.MacAddress)),
            DebugArg.Quoted(table.Of(lease.Hostname)), DebugArg.Words(GuestNameRule.Reason(verdict)));

    internal static void YieldedLine(DebugLog log, in IpAddress address) =>
        log.Write("reserved {}: skipped: its MAC holds a lease"u8, address);
}
