using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Address to names over libvirt's dnsmasq directory (gethostbyaddr). The unexpired leases of
/// the address give their DHCP hostnames (<c>libvirt</c>) or, through their MACs and the
/// <c>*.macs</c> files, their domain names (<c>libvirt_guest</c>), latest expiry first as forward
/// lookups order addresses; then the reserved hosts of the address (a DHCP host whose MAC holds a
/// lease elsewhere is left out, as forward lookups do), by name or, for <c>libvirt_guest</c>, by
/// MAC. Only host-name-shaped names are answered (<see cref="HostNameText"/>), and of a lease's
/// DHCP hostname only one dnsmasq would give a guest (<see cref="GuestNames"/>); never localhost,
/// ip6-* or the host's own name; duplicates (ASCII case-insensitive) are dropped; and a name is
/// answered only when its own forward lookup gives the address back, so that no guest answers
/// for a name it may not hold.
/// </summary>
public static class ReverseLookup
{
    public static ReverseResult Lookup(string directory, LookupKind kind, int family, ReadOnlySpan<byte> address,
        long now, DecisionLog log)
    {
        if (family != AddressFamilies.Inet && family != AddressFamilies.Inet6)
            return new ReverseResult(LookupOutcome.FamilyNotSupported, new List<byte[]>(), errno: Os.Errno.EAFNOSUPPORT);
        if (!LeaseDirectory.TryListFiles(directory, out DirectoryListing files, out int errno, log))
            return new ReverseResult(LookupOutcome.DirectoryUnreadable, new List<byte[]>(), errno);

        var networks = DnsmasqNetworks.Read(files, readConfigs: true, log);
        return Match(kind, new LeaseAddress(family, address, 0), networks,
            sink => LeaseDirectory.ForEachFile(files.Status, (path, json) => LeaseFileParser.Parse(json, path, sink, log), log),
            sink => LeaseDirectory.ForEachFile(files.Macs, (path, json) => MacsFileParser.Parse(json, path, sink, log), log),
            name => LeaseDirectory.Lookup(directory, kind, name, family, now, DecisionLog.Silent),
            now, log);
    }

    /// <summary>Hands every lease entry, in directory order then file order, to the sink.</summary>
    public delegate void LeaseSource(LeaseFileParser.EntrySink sink);

    /// <summary>Hands every domain of the <c>*.macs</c> files, in directory order then file order, to the sink.</summary>
    public delegate void DomainSource(MacsFileParser.DomainSink sink);

    /// <summary>
    /// The forward lookup of a name by the same module name, in the wanted address's family, at
    /// the same time, over the same files: a name is answered only when it gives the address back.
    /// </summary>
    public delegate LookupResult ForwardLookup(byte[] name);

    /// <summary>The names of <paramref name="wanted"/>, from any source of leases, domains and reserved hosts.</summary>
    public static ReverseResult Match(LookupKind kind, LeaseAddress wanted, DnsmasqNetworks networks, LeaseSource leaseSource,
        DomainSource domainSource, ForwardLookup forward, long now, DecisionLog log)
    {
        var reserved = new List<Reservation>();
        foreach (NetworkReservations network in networks.Reservations)
        {
            foreach (Reservation host in network.Hosts)
            {
                if (host.Address.Equals(wanted))
                    reserved.Add(host);
            }
        }

        var leases = new List<(byte[] Key, long Expiry)>();
        var live = new LiveMacs(LiveMacs.MacsOf(reserved), now);
        leaseSource((in LeaseEntry entry) =>
        {
            live.Offer(entry);
            if (entry.ExpiryTime != 0 && entry.ExpiryTime < now)
                return;
            Span<byte> bytes = stackalloc byte[16];
            if (!IpAddressText.TryParse(entry.IpAddress, out int entryFamily, bytes)
                || !new LeaseAddress(entryFamily, bytes, 0).Equals(wanted))
                return;
            if (kind == LookupKind.Hostname && !entry.HasHostname)
                return;
            byte[] key = (kind == LookupKind.Hostname ? entry.Hostname : entry.MacAddress).ToArray();
            if (log.Enabled) log.Write($"lease of {wanted} matched, expiry {entry.ExpiryTime}");
            int at = leases.Count;
            while (at > 0 && Later(entry.ExpiryTime, leases[at - 1].Expiry))
                at--;
            leases.Insert(at, (key, entry.ExpiryTime));
        });

        // Names, or for libvirt_guest MACs, in answer order: leases, then reservations.
        var keys = new List<byte[]>();
        foreach ((byte[] key, _) in leases)
            keys.Add(key);
        foreach (Reservation host in reserved)
        {
            if (host.HasMac && live.IsLive(host.Mac))
            {
                if (log.Enabled) log.Write($"reserved {host.Address}: skipped: its MAC holds a lease");
                continue;
            }
            if (kind == LookupKind.Hostname ? host.Name.Length > 0 : host.HasMac)
                keys.Add(kind == LookupKind.Hostname ? host.Name : host.Mac);
        }

        List<byte[]> names = kind == LookupKind.Hostname || keys.Count == 0 ? keys : DomainsOf(domainSource, keys);
        // By host name the first names are the leases', which their guests chose.
        int guestsNames = kind == LookupKind.Hostname ? leases.Count : 0;
        byte[] nodeName = GuestNames.NodeName();
        var answer = new List<byte[]>();
        for (int i = 0; i < names.Count; i++)
        {
            byte[] name = names[i];
            if (!HostNameText.IsAnswerable(name))
            {
                if (log.Enabled) log.Write($"name {AsciiText.Printable(name)} skipped: not a host name");
                continue;
            }
            if (i < guestsNames && !GuestNames.IsDnsmasqName(name))
            {
                if (log.Enabled) log.Write($"name {AsciiText.Printable(name)} skipped: not a name dnsmasq would give a guest");
                continue;
            }
            if (GuestNames.IsNeverReverseName(name, nodeName))
            {
                if (log.Enabled) log.Write($"name {AsciiText.Printable(name)} skipped: localhost, ip6-* or the host's own name");
                continue;
            }
            if (QueryName.MatchesAny(name, answer))
                continue;
            if (!forward(name).Addresses.Contains(wanted))
            {
                if (log.Enabled) log.Write($"name {AsciiText.Printable(name)} skipped: its forward lookup does not answer {wanted}");
                continue;
            }
            answer.Add(name);
        }
        if (log.Enabled) log.Write($"{wanted}: {answer.Count} names");
        return answer.Count == 0
            ? new ReverseResult(LookupOutcome.NoMatch, new List<byte[]>())
            : new ReverseResult(LookupOutcome.Addresses, answer);
    }

    /// <summary>Latest expiry first, never-expiring (0) last, as forward lookups order addresses.</summary>
    private static bool Later(long expiry, long than) => than < expiry;

    /// <summary>The domains owning each MAC, in the MACs' order.</summary>
    private static List<byte[]> DomainsOf(DomainSource domainSource, List<byte[]> macs)
    {
        var owners = new List<(byte[] Domain, List<byte[]> Macs)>();
        domainSource((domain, domainMacs) => owners.Add((domain.ToArray(), domainMacs)));
        var domains = new List<byte[]>();
        foreach (byte[] mac in macs)
        {
            foreach ((byte[] domain, List<byte[]> domainMacs) in owners)
            {
                if (mac.Length > 0 && QueryName.MatchesAny(mac, domainMacs))
                    domains.Add(domain);
            }
        }
        return domains;
    }
}
