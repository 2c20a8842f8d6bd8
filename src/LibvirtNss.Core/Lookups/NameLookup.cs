using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// A name to its addresses over libvirt's dnsmasq directory (gethostbyname*), reading every file
/// on every call, as upstream does (the .NET-only LeaseDirectory.Lookup): list the directory; read the
/// networks (their confs only for a name with a dot, their reserved hosts always); for
/// <c>libvirt_guest</c> collect the domain's MACs; match the reserved hosts; then every lease of
/// every <c>*.status</c> file, in directory order, with the forms of the name in that bridge's
/// network; the reserved hosts last. A file that cannot be read or parsed is skipped with a debug
/// line; the other files still answer. Everything lives in <paramref name="arena"/>; each file's
/// contents are freed once read.
/// </summary>
public static unsafe class NameLookup
{
    public static ForwardAnswer Run(byte* directory, LookupKind kind, ReadOnlySpan<byte> name, int family, long now,
        ref LookupMemory memory, DebugLog log)
    {
        if (!AddressFamilies.IsSupported(family))
            return ForwardAnswer.Failed(LookupStatus.FamilyNotSupported, 97 /* EAFNOSUPPORT */);
        if (!LeaseFiles.TryList(directory, ref memory.Kept, log, out LeaseFiles files, out int errno))
            return ForwardAnswer.Failed(errno == Os.Libc.ENOMEM ? LookupStatus.OutOfMemory : LookupStatus.DirectoryUnreadable, errno);
        if (!Networks.TryRead(files, readConfs: name.IndexOf((byte)'.') >= 0, ref memory, log, out Networks networks))
            return OutOfMemory();

        // libvirt_guest: the MACs of every form the name has in any network's domains.
        DomainMacList macs = default;
        if (kind == LookupKind.DomainName)
        {
            int* forms = Forms(ref memory.Kept, name, networks.Text.Bytes, networks.AllDomains.AsSpan(), out int formCount);
            if (forms == null || !DomainMacList.TryCollect(files, name, new ReadOnlySpan<int>(forms, formCount), ref memory, log, out macs))
                return OutOfMemory();
            if (log.Enabled) DomainLine(log, name, macs.Count);
            if (macs.Count == 0)
                return ForwardAnswer.Failed(LookupStatus.DomainWithoutMacs, 0);
        }

        if (!TryMatchReserved(kind, name, networks, macs, ref memory, log, out ArenaList<int> reserved, out ArenaList<TextRange> watched))
            return OutOfMemory();
        bool* flags = (bool*)memory.Kept.Allocate((nuint)(watched.Count + 1));
        if (flags == null)
            return OutOfMemory();
        var live = new LiveMacSet(networks.Text.Bytes, watched.AsSpan(), new Span<bool>(flags, watched.Count), now);
        if (!AddressCollector.TryCreate(ref memory.Kept, family, now, log, out AddressCollector collector))
            return OutOfMemory();

        for (int i = 0; i < files.Status.Count; i++)
        {
            if (!TryOfferFile(files.Status[i], kind, name, networks, macs, ref memory, ref collector, ref live, log))
                return OutOfMemory();
        }

        return Answer(networks, reserved, live, ref collector, ref memory.Kept, log);
    }

    /// <summary>
    /// The reserved hosts after every lease (a DHCP host whose MAC holds an unexpired lease is
    /// left out: that lease answers, where the guest is now), then the answer.
    /// </summary>
    internal static ForwardAnswer Answer(in Networks networks, in ArenaList<int> reserved, in LiveMacSet live,
        ref AddressCollector collector, ref Arena arena, DebugLog log)
    {
        for (int i = 0; i < reserved.Count; i++)
        {
            ReservedHost host = networks.Hosts[reserved[i]];
            if (host.HasMac && live.IsLive(networks.Of(host.Mac)))
            {
                if (log.Enabled) ReservedLine(log, "reserved "u8, host.Address, ": skipped: its MAC holds a lease"u8);
                continue;
            }
            collector.OfferReserved(host.Address);
        }

        if (collector.Outcome != ForwardOutcome.Addresses)
            return ForwardAnswer.Failed(collector.Outcome == ForwardOutcome.NoMatch ? LookupStatus.NoMatch : LookupStatus.NoAddressOfFamily, 0);
        var addresses = (IpAddress*)arena.Allocate((nuint)(sizeof(IpAddress) * collector.Count));
        if (addresses == null)
            return OutOfMemory();
        int count = collector.Sorted(new Span<IpAddress>(addresses, collector.Count));
        return new ForwardAnswer { Status = LookupStatus.Found, Addresses = addresses, Count = count };
    }

    /// <summary>The "domain NAME: N MACs" line of a libvirt_guest lookup.</summary>
    internal static void DomainLine(DebugLog log, ReadOnlySpan<byte> name, int count)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral("domain "u8);
        line.AppendQuoted(name);
        line.AppendLiteral(": "u8);
        line.Append(count);
        line.AppendLiteral(" MACs"u8);
        line.End();
    }

    internal static ForwardAnswer OutOfMemory() => ForwardAnswer.Failed(LookupStatus.OutOfMemory, Os.Libc.ENOMEM);

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

    /// <summary>
    /// The reserved hosts that answer the name (the .NET-only ReservedHosts.Matching), as indices into
    /// the networks' hosts, and the MACs among them (whose leases, where the guest is now, answer instead).
    /// <c>libvirt</c>: a host whose name is one of the name's forms in its network.
    /// <c>libvirt_guest</c>: a DHCP host whose MAC is one of the domain's.
    /// </summary>
    internal static bool TryMatchReserved(LookupKind kind, ReadOnlySpan<byte> name, in Networks networks, in DomainMacList macs,
        ref LookupMemory memory, DebugLog log, out ArenaList<int> reserved, out ArenaList<TextRange> watched)
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
                forms = Forms(ref memory.Kept, name, networks.Text.Bytes, networks.DomainsOf(host.Network), out formCount);
                if (forms == null
                    || (kind == LookupKind.DomainName && !macs.TrySelect(new ReadOnlySpan<int>(forms, formCount), ref memory.Kept, out networkMacs, out macCount)))
                    return false;
            }
            bool matches = kind == LookupKind.Hostname
                ? host.Name.Length > 0 && NameForms.MatchesAny(networks.Of(host.Name), name, new ReadOnlySpan<int>(forms, formCount))
                : host.HasMac && LeaseMatch.IndexOfMac(macs.Text, new ReadOnlySpan<TextRange>(networkMacs, macCount), networks.Of(host.Mac)) >= 0;
            if (!matches)
                continue;
            if (log.Enabled) MatchedLine(log, networks, host);
            if (!reserved.Add(ref memory.Kept, i) || (host.HasMac && !watched.Add(ref memory.Kept, host.Mac)))
                return false;
        }
        return true;
    }

    /// <summary>Offers the file's leases to the collector, matched with the forms of the name in this bridge's network.</summary>
    private static bool TryOfferFile(in LeaseFilePath file, LookupKind kind, ReadOnlySpan<byte> name, in Networks networks,
        in DomainMacList macs, ref LookupMemory memory, ref AddressCollector collector, ref LiveMacSet live, DebugLog log)
    {
        int* forms = Forms(ref memory.Kept, name, networks.Text.Bytes, networks.DomainsOfBridge(file.BaseName), out int formCount);
        TextRange* fileMacs = null;
        int macCount = 0;
        if (forms == null
            || (kind == LookupKind.DomainName && !macs.TrySelect(new ReadOnlySpan<int>(forms, formCount), ref memory.Kept, out fileMacs, out macCount)))
            return false;
        LeaseMatch match = kind == LookupKind.Hostname
            ? LeaseMatch.ByHostname(name, new ReadOnlySpan<int>(forms, formCount))
            : LeaseMatch.ByMacs(macs.Text, new ReadOnlySpan<TextRange>(fileMacs, macCount));
        int shortestForm = NameForms.Shortest(new ReadOnlySpan<int>(forms, formCount));
        // Without debug lines to write, a file that cannot hold a lease of the name (nor of a
        // watched reservation's MAC) is not parsed: it cannot change the answer.
        if (FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json)
            && (log.Enabled || live.Watches || MayMatch(json, kind, name, shortestForm, macs.Text,
                    new ReadOnlySpan<TextRange>(fileMacs, macCount)))
            && FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
        {
            var reader = new StatusFileReader(json, scratch);
            while (JsonFileEntries.NextLease(ref reader, file, log, out LeaseFields lease))
            {
                if (match.Matches(lease.Hostname, lease.HasHostname, lease.MacAddress))
                    collector.OfferLease(lease.IpAddress, lease.ExpiryTime);
                live.Offer(lease.MacAddress, lease.ExpiryTime);
            }
            if (log.Enabled) FileLines.Write(log, file, reader.Accepted, " entries read"u8);
        }
        memory.File.Release();
        return true;
    }

    /// <summary>
    /// Whether a status file may hold a lease of the name (RawTextSearch): every form of the name
    /// is a prefix of it, the shortest being <paramref name="shortestForm"/> bytes; a libvirt_guest
    /// lease is one of the domain's MACs in this network.
    /// </summary>
    private static bool MayMatch(ReadOnlySpan<byte> json, LookupKind kind, ReadOnlySpan<byte> name, int shortestForm,
        ReadOnlySpan<byte> macText, ReadOnlySpan<TextRange> macs)
    {
        if (RawTextSearch.MayHoldEscapes(json))
            return true;
        if (kind == LookupKind.Hostname)
            return RawTextSearch.ContainsIgnoreCase(json, name.Slice(0, shortestForm));
        for (int i = 0; i < macs.Length; i++)
        {
            if (RawTextSearch.ContainsIgnoreCase(json, macText.Slice(macs[i].Start, macs[i].Length)))
                return true;
        }
        return false;
    }

    private static void MatchedLine(DebugLog log, in Networks networks, in ReservedHost host)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.Append(networks.Of(networks.Entries[host.Network].Name));
        line.AppendLiteral(": reserved "u8);
        line.Append(host.Address);
        line.AppendLiteral(host.IsDhcpHost ? " (DhcpHost) matched"u8 : " (DnsHost) matched"u8);
        line.End();
    }

    internal static void ReservedLine(DebugLog log, ReadOnlySpan<byte> before, in IpAddress address, ReadOnlySpan<byte> after)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral(before);
        line.Append(address);
        line.AppendLiteral(after);
        line.End();
    }
}
