using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary>
/// Every lease of a lease directory with its domain and state, read with Core's parsers and the
/// same file loop (LeaseDirectory.ForEachFile) and skip rules as a lookup.
/// </summary>
internal sealed class LeaseInventory
{
    private LeaseInventory(List<LeaseRow> rows, DirectoryListing files)
    {
        Rows = rows;
        Files = files;
    }

    /// <summary>The directory's files by kind.</summary>
    public DirectoryListing Files { get; }

    /// <summary>By file name, then in file order; reserved hosts after the leases of a name.</summary>
    public List<LeaseRow> Rows { get; }

    public List<string> StatusFiles => Files.Status;

    public List<string> MacsFiles => Files.Macs;

    /// <summary>Domains found in the *.macs files.</summary>
    public int DomainCount { get; private set; }

    /// <summary>The inventory, or null (with <paramref name="errno"/>) when the directory cannot be listed.</summary>
    public static LeaseInventory? Read(string directory, long now, DecisionLog log, out int errno)
    {
        if (!LeaseDirectory.TryListFiles(directory, out DirectoryListing files, out errno, log))
            return null;
        List<string> statusFiles = files.Status, macsFiles = files.Macs;
        statusFiles.Sort(StringComparer.Ordinal);
        macsFiles.Sort(StringComparer.Ordinal);

        int domains = 0;
        var domainsByMac = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        LeaseDirectory.ForEachFile(macsFiles, (path, json) =>
            domains += MacsFileParser.Parse(json, path, (domain, macs) =>
            {
                foreach (byte[] mac in macs)
                    domainsByMac[Encoding.UTF8.GetString(mac)] = AsciiText.Printable(domain);
            }, log), log);
        string? DomainOf(string mac) => domainsByMac.TryGetValue(mac, out string? domain) ? domain : null;

        var rows = new List<LeaseRow>();
        LeaseDirectory.ForEachFile(statusFiles, (path, json) =>
        {
            string network = Path.GetFileNameWithoutExtension(path);
            LeaseFileParser.Parse(json, path, (in LeaseEntry entry) =>
            {
                string mac = AsciiText.Printable(entry.MacAddress);
                Span<byte> bytes = stackalloc byte[16];
                LeaseState state = !IpAddressText.TryParse(entry.IpAddress, out _, bytes) ? LeaseState.Invalid
                    : entry.ExpiryTime != 0 && entry.ExpiryTime < now ? LeaseState.Expired
                    : LeaseState.Active;
                rows.Add(new LeaseRow(network,
                    entry.HasHostname ? AsciiText.Printable(entry.Hostname) : null,
                    DomainOf(mac), AsciiText.Printable(entry.IpAddress), mac, entry.ExpiryTime, state));
            }, log);
        }, log);

        // Reserved hosts (<network>.hostsfile, <network>.addnhosts), read by Core as lookups read them.
        DnsmasqNetworks networks = DnsmasqNetworks.Read(files, readConfigs: false, log);
        foreach (NetworkReservations network in networks.Reservations)
        {
            foreach (Reservation host in network.Hosts)
            {
                string mac = host.HasMac ? AsciiText.Printable(host.Mac) : "-";
                rows.Add(new LeaseRow(network.Network, host.Name.Length > 0 ? AsciiText.Printable(host.Name) : null,
                    host.HasMac ? DomainOf(mac) : null, host.Address.ToString(), mac, 0, LeaseState.Reserved));
            }
        }
        // By file name (the bridge for leases, the network for reserved hosts), each file's rows in order.
        List<LeaseRow> ordered = rows.OrderBy(r => r.Network, StringComparer.Ordinal).ToList();
        return new LeaseInventory(ordered, files) { DomainCount = domains };
    }
}
