using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// An address to its names (gethostbyaddr*). The unexpired leases of the address give their DHCP
/// host names (<c>libvirt</c>) or, through their MACs and the domains of the <c>*.macs</c>
/// files, their domain names (<c>libvirt_guest</c>), latest expiry first as forward lookups order
/// addresses (<see cref="LeaseExpiry"/>); then the reserved hosts of the address (a DHCP host
/// whose MAC holds a lease is left out, as forward lookups do), by name or, for
/// <c>libvirt_guest</c>, by MAC. A name answers only if it is one its giver may give (a guest's,
/// one dnsmasq would publish: <see cref="GuestNameRule"/>), it is not one no address answers
/// (<c>localhost</c>, <c>ip6-*</c>, the host's own), and the forward lookup of it gives the
/// address (docs/security.md); duplicates (ASCII case) are dropped. One engine over a
/// <see cref="RecordSet"/>, as <see cref="NameLookup"/>.
/// </summary>
public static unsafe class AddressLookup
{
    private struct Key
    {
        public TextRange Text;
        public long Expiry;
    }

    private struct Owner
    {
        public int Key;
        public TextRange Domain;
    }

    /// <summary>
    /// The lookup over the files as they are now, read into <paramref name="memory"/>: the lease
    /// directory's, then the publisher's directory's (<paramref name="published"/>, when not null).
    /// </summary>
    public static ReverseAnswer Run(byte* directory, in AddressQuery query, ref LookupMemory memory, byte* published = null)
    {
        if (query.Address.Family != AddressFamilies.Inet && query.Address.Family != AddressFamilies.Inet6)
            return ReverseAnswer.Failed(LookupStatus.FamilyNotSupported, Os.Errno.EAFNOSUPPORT);
        if (!RecordSet.TryList(directory, ref memory, query.Log, out RecordSet records, out int errno, published))
            return ReverseAnswer.Failed(errno == Os.Errno.ENOMEM ? LookupStatus.OutOfMemory : LookupStatus.DirectoryUnreadable, errno);
        return Answer(ref records, query, ref memory);
    }

    /// <summary>The names of the address over <paramref name="records"/>, which it reads further when they are not complete.</summary>
    public static ReverseAnswer Answer(ref RecordSet records, in AddressQuery query, ref LookupMemory memory)
    {
        DebugLog log = query.Log;
        // Every name found is confirmed by a forward lookup, which may need any file.
        if (!records.TryReadNetworks(readConfs: true, ref memory, log))
            return OutOfMemory();
        ref Networks networks = ref records.Networks;
        var reserved = new ArenaList<int>();
        var watched = new ArenaList<TextRange>();
        for (int i = 0; i < networks.Hosts.Count; i++)
        {
            ReservedHost host = networks.Hosts[i];
            if (!host.Address.SameAs(query.Address))
                continue;
            if (!reserved.Add(ref memory.Kept, i) || (host.HasMac && !watched.Add(ref memory.Kept, host.Mac)))
                return OutOfMemory();
        }
        bool* flags = (bool*)memory.Kept.Allocate((nuint)(watched.Count + 1));
        if (flags == null || !records.TryReadLeases(ReadFilter.Everything, ref memory, log)
            || !records.TryReadDomains(ReadFilter.Everything, ref memory, log))
            return OutOfMemory();
        records.ReadNodeName();
        var live = new LiveMacSet(networks.Text.Bytes, watched.AsSpan(), new Span<bool>(flags, watched.Count), query.Now);

        // The keys, in answer order: names (libvirt) or MACs (libvirt_guest) of the leases, then of the reservations.
        var text = new ArenaText();
        var keys = new ArenaList<Key>();
        ref LeaseRecords table = ref records.Leases;
        for (int i = 0; i < table.Leases.Count; i++)
        {
            LeaseRecord lease = table.Leases[i];
            live.Offer(table.Of(lease.MacAddress), lease.ExpiryTime);
            if (!LeaseExpiry.IsExpired(lease.ExpiryTime, query.Now)
                && (query.Kind == LookupKind.DomainName || lease.HasHostname)
                && LeaseAddressText.TryParse(table.Of(lease.IpAddress), out IpAddress leased) && leased.SameAs(query.Address))
            {
                if (log.Enabled) LeaseLine(log, query.Address, lease.ExpiryTime);
                if (!TryInsert(ref memory.Kept, ref text, ref keys,
                        table.Of(query.Kind == LookupKind.Hostname ? lease.Hostname : lease.MacAddress), lease.ExpiryTime))
                    return OutOfMemory();
            }
        }
        int leaseKeys = keys.Count;
        for (int i = 0; i < reserved.Count; i++)
        {
            ReservedHost host = networks.Hosts[reserved[i]];
            if (ReservedHostRule.YieldsToLease(host.HasMac, host.HasMac && live.IsLive(networks.Of(host.Mac))))
            {
                if (log.Enabled) NameLookup.YieldedLine(log, host.Address);
                continue;
            }
            TextRange key = query.Kind == LookupKind.Hostname ? host.Name : host.Mac;
            if (key.Length == 0)
                continue;
            if (!text.TryAppend(ref memory.Kept, networks.Of(key), out TextRange copied) || !keys.Add(ref memory.Kept, new Key { Text = copied }))
                return OutOfMemory();
        }

        var candidates = new ArenaList<TextRange>();
        if (query.Kind == LookupKind.Hostname)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                if (!candidates.Add(ref memory.Kept, keys[i].Text))
                    return OutOfMemory();
            }
        }
        else if (keys.Count > 0 && !TryDomainsOf(records.Domains, keys, ref memory.Kept, ref text, ref candidates))
        {
            return OutOfMemory();
        }

        var names = (TextRange*)memory.Kept.Allocate((nuint)(sizeof(TextRange) * (candidates.Count + 1)));
        if (names == null)
            return OutOfMemory();
        int count = 0;
        for (int i = 0; i < candidates.Count; i++)
        {
            ReadOnlySpan<byte> name = text.Of(candidates[i]);
            // A lease's host name is the guest's choice; a domain's or a reservation's, the administrator's.
            bool guestChosen = query.Kind == LookupKind.Hostname && i < leaseKeys;
            if (guestChosen ? !GuestNameRule.IsDnsmasqName(name) : !TextLineText.IsHostName(name))
            {
                if (log.Enabled) NameLine(log, name, guestChosen ? GuestNameRule.Reason(GuestNameVerdict.NotDnsmasqName) : "not a host name"u8);
                continue;
            }
            if (GuestNameRule.IsNeverReverseName(name, records.NodeName))
            {
                if (log.Enabled) NameLine(log, name, "a name no address answers"u8);
                continue;
            }
            bool known = false;
            for (int n = 0; n < count; n++)
                known |= TextLineText.EqualsIgnoreCase(text.Of(names[n]), name);
            if (known)
                continue;
            ForwardAnswer forward = NameLookup.Answer(ref records,
                new NameQuery(query.Kind, name, query.Address.Family, query.Now, DebugLog.Silent), ref memory);
            if (forward.Status == LookupStatus.OutOfMemory)
                return OutOfMemory();
            if (!forward.Includes(query.Address))
            {
                if (log.Enabled) NameLine(log, name, "its forward lookup does not give the address"u8);
                continue;
            }
            names[count++] = candidates[i];
        }
        if (log.Enabled) NamesLine(log, query.Address, count);
        if (count == 0)
            return ReverseAnswer.Failed(LookupStatus.NoMatch, 0);
        return new ReverseAnswer
        {
            Status = LookupStatus.Found,
            Text = (byte*)Pin(text.Bytes),
            TextLength = text.Bytes.Length,
            Names = names,
            Count = count,
        };
    }

    private static ReverseAnswer OutOfMemory() => ReverseAnswer.Failed(LookupStatus.OutOfMemory, Os.Errno.ENOMEM);

    // The text lives in the arena: its address stays good until the arena is released.
    private static void* Pin(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* at = bytes)
            return at;
    }

    /// <summary>A lease's key, placed by its expiry (<see cref="LeaseExpiry.AnswersBefore"/>; ties keep file order).</summary>
    private static bool TryInsert(ref Arena arena, ref ArenaText text, ref ArenaList<Key> keys, scoped ReadOnlySpan<byte> key, long expiry)
    {
        if (!text.TryAppend(ref arena, key, out TextRange copied) || !keys.Add(ref arena, default))
            return false;
        int at = keys.Count - 1;
        while (at > 0 && LeaseExpiry.AnswersBefore(expiry, keys[at - 1].Expiry))
        {
            keys[at] = keys[at - 1];
            at--;
        }
        keys[at] = new Key { Text = copied, Expiry = expiry };
        return true;
    }

    /// <summary>
    /// The domains owning each MAC, in the MACs' order, each MAC's owners in directory and file
    /// order.
    /// </summary>
    private static bool TryDomainsOf(in DomainRecords domains, in ArenaList<Key> keys, ref Arena arena, ref ArenaText text,
        ref ArenaList<TextRange> names)
    {
        var owners = new ArenaList<Owner>();
        for (int d = 0; d < domains.Domains.Count; d++)
        {
            DomainRecord domain = domains.Domains[d];
            TextRange copied = default;
            bool named = false;
            for (int k = 0; k < keys.Count; k++)
            {
                if (LeaseMatch.IndexOfMac(domains.Text.Bytes, domains.MacsOf(domain), text.Of(keys[k].Text)) < 0)
                    continue;
                if (!named && !text.TryAppend(ref arena, domains.Of(domain.Name), out copied))
                    return false;
                named = true;
                if (!owners.Add(ref arena, new Owner { Key = k, Domain = copied }))
                    return false;
            }
        }
        for (int k = 0; k < keys.Count; k++)
        {
            for (int o = 0; o < owners.Count; o++)
            {
                if (owners[o].Key == k && !names.Add(ref arena, owners[o].Domain))
                    return false;
            }
        }
        return true;
    }

    private static void LeaseLine(DebugLog log, in IpAddress wanted, long expiry) =>
        log.Write("lease of {} matched, expiry {}"u8, wanted, expiry);

    private static void NameLine(DebugLog log, ReadOnlySpan<byte> name, ReadOnlySpan<byte> reason) =>
        log.Write("name {} skipped: {}"u8, DebugArg.Quoted(name), DebugArg.Words(reason));

    private static void NamesLine(DebugLog log, in IpAddress wanted, int count) =>
        log.Write("{}: {} names"u8, wanted, count);
}
