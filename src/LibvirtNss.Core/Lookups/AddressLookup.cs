using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// An address to its names over libvirt's dnsmasq directory (gethostbyaddr*; the .NET-only
/// ReverseLookup). The unexpired leases of the address give their DHCP host names
/// (<c>libvirt</c>) or, through their MACs and the <c>*.macs</c> files, their domain names
/// (<c>libvirt_guest</c>), latest expiry first as forward lookups order addresses; then the
/// reserved hosts of the address (a DHCP host whose MAC holds a lease is left out, as forward
/// lookups do), by name or, for <c>libvirt_guest</c>, by MAC. Only host-name-shaped names are
/// answered; duplicates (ASCII case) are dropped.
/// </summary>
public static unsafe class AddressLookup
{
    /// <summary>Where a reverse lookup's leases and domains come from: the files (read now) or a snapshot's tables.</summary>
    public struct ReverseSource
    {
        public LeaseFiles* Files;
        public LeaseRecords* Leases;
        public DomainRecords* Domains;
    }

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

    public static ReverseAnswer Run(byte* directory, LookupKind kind, int family, ReadOnlySpan<byte> address, long now,
        ref LookupMemory memory, DebugLog log)
    {
        if (family != AddressFamilies.Inet && family != AddressFamilies.Inet6)
            return ReverseAnswer.Failed(LookupStatus.FamilyNotSupported, 97 /* EAFNOSUPPORT */);
        if (!LeaseFiles.TryList(directory, ref memory.Kept, log, out LeaseFiles files, out int errno))
            return ReverseAnswer.Failed(errno == Os.Libc.ENOMEM ? LookupStatus.OutOfMemory : LookupStatus.DirectoryUnreadable, errno);
        if (!Networks.TryRead(files, readConfs: false, ref memory, log, out Networks networks))
            return OutOfMemory();
        return Match(kind, new IpAddress(family, address), networks, new ReverseSource { Files = &files }, now, ref memory, log);
    }

    /// <summary>The names of <paramref name="wanted"/>, from the files or from a snapshot's tables.</summary>
    public static ReverseAnswer Match(LookupKind kind, in IpAddress wanted, in Networks networks, ReverseSource source, long now,
        ref LookupMemory memory, DebugLog log)
    {

        var reserved = new ArenaList<int>();
        var watched = new ArenaList<TextRange>();
        for (int i = 0; i < networks.Hosts.Count; i++)
        {
            ReservedHost host = networks.Hosts[i];
            if (!host.Address.SameAs(wanted))
                continue;
            if (!reserved.Add(ref memory.Kept, i) || (host.HasMac && !watched.Add(ref memory.Kept, host.Mac)))
                return OutOfMemory();
        }
        bool* flags = (bool*)memory.Kept.Allocate((nuint)(watched.Count + 1));
        if (flags == null)
            return OutOfMemory();
        var live = new LiveMacSet(networks.Text.Bytes, watched.AsSpan(), new Span<bool>(flags, watched.Count), now);

        // The keys, in answer order: names (libvirt) or MACs (libvirt_guest) of the leases, then of the reservations.
        var text = new ArenaText();
        var keys = new ArenaList<Key>();
        if (source.Files != null)
        {
            for (int i = 0; i < source.Files->Status.Count; i++)
            {
                if (!TryCollectLeases(source.Files->Status[i], kind, wanted, now, ref memory, ref text, ref keys, ref live, log))
                    return OutOfMemory();
            }
        }
        else
        {
            LeaseRecords* table = source.Leases;
            for (int i = 0; i < table->Leases.Count; i++)
            {
                LeaseRecord lease = table->Leases[i];
                if (!TryOffer(kind, wanted, now, table->Of(lease.IpAddress), table->Of(lease.MacAddress), table->Of(lease.Hostname),
                        lease.HasHostname, lease.ExpiryTime, ref memory.Kept, ref text, ref keys, ref live, log))
                    return OutOfMemory();
            }
        }
        for (int i = 0; i < reserved.Count; i++)
        {
            ReservedHost host = networks.Hosts[reserved[i]];
            if (host.HasMac && live.IsLive(networks.Of(host.Mac)))
            {
                if (log.Enabled) NameLookup.ReservedLine(log, "reserved "u8, host.Address, ": skipped: its MAC holds a lease"u8);
                continue;
            }
            TextRange key = kind == LookupKind.Hostname ? host.Name : host.Mac;
            if (key.Length == 0)
                continue;
            if (!text.TryAppend(ref memory.Kept, networks.Of(key), out TextRange copied) || !keys.Add(ref memory.Kept, new Key { Text = copied }))
                return OutOfMemory();
        }

        var candidates = new ArenaList<TextRange>();
        if (kind == LookupKind.Hostname)
        {
            for (int i = 0; i < keys.Count; i++)
            {
                if (!candidates.Add(ref memory.Kept, keys[i].Text))
                    return OutOfMemory();
            }
        }
        else if (keys.Count > 0 && !TryDomainsOf(source, keys, ref memory, ref text, ref candidates, log))
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
            if (!TextLineText.IsHostName(name))
            {
                if (log.Enabled) NameLine(log, name);
                continue;
            }
            bool known = false;
            for (int n = 0; n < count; n++)
                known |= TextLineText.EqualsIgnoreCase(text.Of(names[n]), name);
            if (!known)
                names[count++] = candidates[i];
        }
        if (log.Enabled)
        {
            DebugLine line = log.Start(stackalloc byte[256]);
            line.Append(wanted);
            line.AppendLiteral(": "u8);
            line.Append(count);
            line.AppendLiteral(" names"u8);
            line.End();
        }
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

    private static ReverseAnswer OutOfMemory() => ReverseAnswer.Failed(LookupStatus.OutOfMemory, Os.Libc.ENOMEM);

    // The text lives in the arena: its address stays good until the arena is released.
    private static void* Pin(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* at = bytes)
            return at;
    }

    /// <summary>The leases of the address in one file: their keys, latest expiry first (never-expiring last; ties in file order).</summary>
    private static bool TryCollectLeases(in LeaseFilePath file, LookupKind kind, in IpAddress wanted, long now, ref LookupMemory memory,
        ref ArenaText text, ref ArenaList<Key> keys, ref LiveMacSet live, DebugLog log)
    {
        bool kept = true;
        if (FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json)
            && FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
        {
            var reader = new StatusFileReader(json, scratch);
            while (kept && JsonFileEntries.NextLease(ref reader, file, log, out LeaseFields lease))
            {
                kept = TryOffer(kind, wanted, now, lease.IpAddress, lease.MacAddress, lease.Hostname, lease.HasHostname,
                    lease.ExpiryTime, ref memory.Kept, ref text, ref keys, ref live, log);
            }
        }
        memory.File.Release();
        return kept;
    }

    /// <summary>One lease: its MAC counts as live; unexpired and of the address, its key goes in by expiry.</summary>
    private static bool TryOffer(LookupKind kind, in IpAddress wanted, long now, scoped ReadOnlySpan<byte> ip, scoped ReadOnlySpan<byte> mac,
        scoped ReadOnlySpan<byte> hostname, bool hasHostname, long expiry, ref Arena arena, ref ArenaText text, ref ArenaList<Key> keys,
        ref LiveMacSet live, DebugLog log)
    {
        live.Offer(mac, expiry);
        if (expiry != 0 && expiry < now)
            return true;
        if (!LeaseAddressText.TryParse(ip, out IpAddress leased) || !leased.SameAs(wanted))
            return true;
        if (kind == LookupKind.Hostname && !hasHostname)
            return true;
        if (log.Enabled) LeaseLine(log, wanted, expiry);
        return TryInsert(ref arena, ref text, ref keys, kind == LookupKind.Hostname ? hostname : mac, expiry);
    }

    private static bool TryInsert(ref Arena arena, ref ArenaText text, ref ArenaList<Key> keys, scoped ReadOnlySpan<byte> key, long expiry)
    {
        if (!text.TryAppend(ref arena, key, out TextRange copied) || !keys.Add(ref arena, default))
            return false;
        int at = keys.Count - 1;
        while (at > 0 && keys[at - 1].Expiry < expiry)
        {
            keys[at] = keys[at - 1];
            at--;
        }
        keys[at] = new Key { Text = copied, Expiry = expiry };
        return true;
    }

    /// <summary>
    /// The domains owning each MAC, in the MACs' order, each MAC's owners in directory and file
    /// order (the .NET-only ReverseLookup.DomainsOf), read in one pass over the <c>*.macs</c> files.
    /// </summary>
    private static bool TryDomainsOf(ReverseSource source, in ArenaList<Key> keys, ref LookupMemory memory, ref ArenaText text,
        ref ArenaList<TextRange> domains, DebugLog log)
    {
        var owners = new ArenaList<Owner>();
        if (source.Files != null)
        {
            for (int i = 0; i < source.Files->Macs.Count; i++)
            {
                bool kept = TryOwnersIn(source.Files->Macs[i], keys, ref memory, ref text, ref owners, log);
                memory.File.Release();
                if (!kept)
                    return false;
            }
        }
        else
        {
            DomainRecords* table = source.Domains;
            for (int i = 0; i < table->Domains.Count; i++)
            {
                DomainRecord domain = table->Domains[i];
                if (!TryOwners(keys, table->Of(domain.Name), table->Text.Bytes, table->MacsOf(domain), ref memory.Kept, ref text, ref owners))
                    return false;
            }
        }
        for (int k = 0; k < keys.Count; k++)
        {
            for (int o = 0; o < owners.Count; o++)
            {
                if (owners[o].Key == k && !domains.Add(ref memory.Kept, owners[o].Domain))
                    return false;
            }
        }
        return true;
    }

    private static bool TryOwnersIn(in LeaseFilePath file, in ArenaList<Key> keys, ref LookupMemory memory, ref ArenaText text,
        ref ArenaList<Owner> owners, DebugLog log)
    {
        if (!FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json)
            || !FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
            return true;
        var reader = new MacsFileReader(json, scratch);
        while (JsonFileEntries.NextDomain(ref reader, file, log, out MacsEntry entry))
        {
            TextRange domain = default;
            bool copied = false;
            for (int k = 0; k < keys.Count; k++)
            {
                ReadOnlySpan<byte> mac = text.Of(keys[k].Text);
                bool owns = false;
                foreach (ReadOnlySpan<byte> candidate in entry.Macs)
                    owns |= TextLineText.EqualsIgnoreCase(candidate, mac);
                if (!owns)
                    continue;
                if (!copied && !text.TryAppend(ref memory.Kept, entry.Domain, out domain))
                    return false;
                copied = true;
                if (!owners.Add(ref memory.Kept, new Owner { Key = k, Domain = domain }))
                    return false;
            }
        }
        return true;
    }

    /// <summary>The keys (MACs) one domain of a snapshot owns, as <see cref="TryOwnersIn"/> finds them in a file.</summary>
    private static bool TryOwners(in ArenaList<Key> keys, ReadOnlySpan<byte> name, ReadOnlySpan<byte> macText,
        ReadOnlySpan<TextRange> macs, ref Arena arena, ref ArenaText text, ref ArenaList<Owner> owners)
    {
        TextRange domain = default;
        bool copied = false;
        for (int k = 0; k < keys.Count; k++)
        {
            bool owns = false;
            for (int m = 0; m < macs.Length; m++)
                owns |= TextLineText.EqualsIgnoreCase(macText.Slice(macs[m].Start, macs[m].Length), text.Of(keys[k].Text));
            if (!owns)
                continue;
            if (!copied && !text.TryAppend(ref arena, name, out domain))
                return false;
            copied = true;
            if (!owners.Add(ref arena, new Owner { Key = k, Domain = domain }))
                return false;
        }
        return true;
    }

    private static void LeaseLine(DebugLog log, in IpAddress wanted, long expiry)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral("lease of "u8);
        line.Append(wanted);
        line.AppendLiteral(" matched, expiry "u8);
        line.Append(expiry);
        line.End();
    }

    private static void NameLine(DebugLog log, ReadOnlySpan<byte> name)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral("name "u8);
        line.AppendQuoted(name);
        line.AppendLiteral(" skipped: not a host name"u8);
        line.End();
    }
}
