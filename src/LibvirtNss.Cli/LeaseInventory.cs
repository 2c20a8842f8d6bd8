using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>
/// Every lease of a lease directory with its domain and state, read by the module's own code
/// (Core's subset: the directory listing, the file readers, the skip rules and the reserved hosts
/// a lookup reads), with its debug lines and what its readers skipped.
/// </summary>
internal sealed class LeaseInventory
{
    /// <summary>The directory's <c>*.status</c> files, by name.</summary>
    public List<string> StatusFiles { get; } = new();

    /// <summary>The directory's <c>*.macs</c> files, by name.</summary>
    public List<string> MacsFiles { get; } = new();

    /// <summary>The networks' <c>*.conf</c> files, in directory order, each with its first domain (null when it names none or cannot be read).</summary>
    public List<(string Path, string? Domain)> ConfFiles { get; } = new();

    /// <summary>By file name, then in file order; reserved hosts after the leases of a name.</summary>
    public List<LeaseRow> Rows { get; private set; } = new();

    /// <summary>Domains found in the *.macs files.</summary>
    public int DomainCount { get; private set; }

    /// <summary>
    /// The inventory, or null (with <paramref name="errno"/>) when the directory cannot be listed;
    /// <paramref name="skips"/> (when not null) receives what the readers skipped.
    /// </summary>
    /// <param name="published">The publisher's directory, read after the lease directory as the modules read it (null: none).</param>
    public static unsafe LeaseInventory? Read(string directory, long now, Action<string>? log, out int errno,
        Action<CoreSkip>? skips = null, string? published = null)
    {
        LeaseInventory? inventory = null;
        int listError = 0;
        CoreCall.Run(directory, published, log, (byte* path, byte* publishedPath, ref LookupMemory memory, DebugLog debug) =>
        {
            if (RecordSet.TryList(path, ref memory, debug, out RecordSet records, out listError, publishedPath))
                inventory = Read(ref records, now, ref memory, debug);
        }, skips);
        errno = listError;
        if (inventory is not null && published is not null && inventory.Rows.Any(r => r.Published))
            inventory.Rows = WithSources(inventory.Rows, PublishedSources.Read(published));
        return inventory;
    }

    /// <summary>Each published record with its entry of <c>publisher.sources</c>, when the file has one.</summary>
    public static List<LeaseRow> WithSources(List<LeaseRow> rows, IReadOnlyDictionary<(string Mac, string Address), PublishedSource> sources)
    {
        return rows.Select(r => r.Published && sources.TryGetValue(PublishedSources.Key(r.Mac, r.Address), out PublishedSource? source)
            ? r with { Source = source } : r).ToList();
    }

    private static LeaseInventory Read(ref RecordSet records, long now, ref LookupMemory memory, DebugLog log)
    {
        var inventory = new LeaseInventory();
        ref LeaseFiles files = ref records.Listing;
        ByName(files.Macs, inventory.MacsFiles);
        ByName(files.Status, inventory.StatusFiles);
        if (!records.TryReadDomains(ReadFilter.Everything, ref memory, log) || !records.TryReadLeases(ReadFilter.Everything, ref memory, log)
            || !records.TryReadNetworks(readConfs: true, ref memory, DebugLog.Silent))
            throw new OutOfMemoryException("the lease directory's records");
        ref DomainRecords domains = ref records.Domains;
        inventory.DomainCount = domains.Domains.Count;

        // A lease's domain: the last domain of the macs files that owns its MAC (libvirt writes a MAC in one).
        string? DomainOf(ReadOnlySpan<byte> mac, ref DomainRecords domains)
        {
            for (int d = domains.Domains.Count - 1; d >= 0; d--)
            {
                if (LeaseMatch.IndexOfMac(domains.Text.Bytes, domains.MacsOf(domains.Domains[d]), mac) >= 0)
                    return GuestText.Printable(domains.Of(domains.Domains[d].Name));
            }
            return null;
        }

        var rows = new List<LeaseRow>();
        ref LeaseRecords leases = ref records.Leases;
        for (int i = 0; i < leases.Leases.Count; i++)
        {
            LeaseRecord lease = leases.Leases[i];
            ReadOnlySpan<byte> ip = leases.Of(lease.IpAddress);
            LeaseState state = !LeaseAddressText.TryParse(ip, out _) ? LeaseState.Invalid
                : LeaseExpiry.IsExpired(lease.ExpiryTime, now) ? LeaseState.Expired
                : LeaseState.Active;
            // Judged as a lookup of its host name judges it: the same rules, the same code.
            if (!NameLookup.TryJudgeLease(ref records, i, now, ref memory, out GuestNameVerdict verdict))
                throw new OutOfMemoryException("the lease directory's records");
            // A published lease is in no network: its file's base name, marked as the publisher's.
            string network = Encoding.UTF8.GetString(files.Status[lease.File].BaseName);
            bool published = files.Status[lease.File].Published;
            rows.Add(new LeaseRow(published ? "published:" + network : network,
                lease.HasHostname ? GuestText.Printable(leases.Of(lease.Hostname)) : null,
                DomainOf(leases.Of(lease.MacAddress), ref domains), GuestText.Printable(ip), GuestText.Printable(leases.Of(lease.MacAddress)),
                lease.ExpiryTime, state,
                lease.HasHostname && verdict != GuestNameVerdict.Answers ? Encoding.UTF8.GetString(GuestNameRule.Reason(verdict)) : null,
                published));
        }
        // Reserved hosts (<network>.hostsfile, <network>.addnhosts), as lookups read them; the
        // confs read once more, silently, for their domains (lookups read them for a dotted name).
        if (Networks.TryRead(files, readConfs: true, ref memory, DebugLog.Silent, out Networks withConfs))
        {
            for (int i = 0; i < files.Conf.Count; i++)
                inventory.ConfFiles.Add((Encoding.UTF8.GetString(files.Conf[i].Text), FirstDomain(withConfs, files.Conf[i].BaseName)));
        }
        if (Networks.TryRead(files, readConfs: false, ref memory, log, out Networks networks))
        {
            for (int i = 0; i < networks.Hosts.Count; i++)
            {
                ReservedHost host = networks.Hosts[i];
                string mac = host.HasMac ? GuestText.Printable(networks.Of(host.Mac)) : "-";
                rows.Add(new LeaseRow(GuestText.Printable(networks.Of(networks.Entries[host.Network].Name)),
                    host.Name.Length > 0 ? GuestText.Printable(networks.Of(host.Name)) : null,
                    host.HasMac ? DomainOf(networks.Of(host.Mac), ref domains) : null, ModuleLookup.AddressText(host.Address), mac, 0,
                    LeaseState.Reserved));
            }
        }
        // By file name (the bridge for leases, the network for reserved hosts), each file's rows in order.
        inventory.Rows = rows.OrderBy(r => r.Network, StringComparer.Ordinal).ToList();
        return inventory;
    }

    /// <summary>The files' paths, sorted (ordinal), added to <paramref name="names"/>.</summary>
    private static void ByName(in ArenaList<LeaseFilePath> files, List<string> names)
    {
        var sorted = new List<string>();
        for (int i = 0; i < files.Count; i++)
            sorted.Add(Encoding.UTF8.GetString(files[i].Text));
        sorted.Sort(string.CompareOrdinal);
        names.AddRange(sorted);
    }

    private static string? FirstDomain(in Networks networks, ReadOnlySpan<byte> network)
    {
        for (int i = 0; i < networks.Entries.Count; i++)
        {
            NetworkEntry entry = networks.Entries[i];
            if (entry.HasConf && entry.DomainCount > 0 && networks.Of(entry.Name).SequenceEqual(network))
                return GuestText.Printable(networks.Of(networks.Domains[entry.FirstDomain]));
        }
        return null;
    }
}
