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
    public static unsafe LeaseInventory? Read(string directory, long now, Action<string>? log, out int errno,
        Action<CoreSkip>? skips = null)
    {
        LeaseInventory? inventory = null;
        int listError = 0;
        CoreCall.Run(directory, log, (byte* path, ref LookupMemory memory, DebugLog debug) =>
        {
            if (LeaseFiles.TryList(path, ref memory.Kept, debug, out LeaseFiles files, out listError))
                inventory = Read(files, now, ref memory, debug);
        }, skips);
        errno = listError;
        return inventory;
    }

    private static LeaseInventory Read(in LeaseFiles files, long now, ref LookupMemory memory, DebugLog log)
    {
        var inventory = new LeaseInventory();
        var domainsByMac = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (LeaseFilePath file in ByName(files.Macs, inventory.MacsFiles))
        {
            if (FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json)
                && FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
            {
                var reader = new MacsFileReader(json, scratch);
                while (JsonFileEntries.NextDomain(ref reader, file, log, out MacsEntry entry))
                {
                    inventory.DomainCount++;
                    string domain = GuestText.Printable(entry.Domain);
                    foreach (ReadOnlySpan<byte> mac in entry.Macs)
                        domainsByMac[Encoding.UTF8.GetString(mac)] = domain;
                }
                if (log.Enabled) FileLines.Write(log, file, reader.Accepted, " entries read"u8);
            }
            memory.File.Release();
        }
        string? DomainOf(string mac) => domainsByMac.TryGetValue(mac, out string? domain) ? domain : null;

        var rows = new List<LeaseRow>();
        foreach (LeaseFilePath file in ByName(files.Status, inventory.StatusFiles))
        {
            string network = Encoding.UTF8.GetString(file.BaseName);
            if (FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json)
                && FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
            {
                var reader = new StatusFileReader(json, scratch);
                while (JsonFileEntries.NextLease(ref reader, file, log, out LeaseFields lease))
                {
                    string mac = GuestText.Printable(lease.MacAddress);
                    LeaseState state = !LeaseAddressText.TryParse(lease.IpAddress, out _) ? LeaseState.Invalid
                        : LeaseExpiry.IsExpired(lease.ExpiryTime, now) ? LeaseState.Expired
                        : LeaseState.Active;
                    rows.Add(new LeaseRow(network, lease.HasHostname ? GuestText.Printable(lease.Hostname) : null,
                        DomainOf(mac), GuestText.Printable(lease.IpAddress), mac, lease.ExpiryTime, state));
                }
                if (log.Enabled) FileLines.Write(log, file, reader.Accepted, " entries read"u8);
            }
            memory.File.Release();
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
                    host.HasMac ? DomainOf(mac) : null, ModuleLookup.AddressText(host.Address), mac, 0, LeaseState.Reserved));
            }
        }
        // By file name (the bridge for leases, the network for reserved hosts), each file's rows in order.
        inventory.Rows = rows.OrderBy(r => r.Network, StringComparer.Ordinal).ToList();
        return inventory;
    }

    /// <summary>The files sorted by path (ordinal), their paths added to <paramref name="names"/>.</summary>
    private static List<LeaseFilePath> ByName(in ArenaList<LeaseFilePath> files, List<string> names)
    {
        var sorted = new List<(string Name, LeaseFilePath File)>();
        for (int i = 0; i < files.Count; i++)
            sorted.Add((Encoding.UTF8.GetString(files[i].Text), files[i]));
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        names.AddRange(sorted.Select(s => s.Name));
        return sorted.Select(s => s.File).ToList();
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
