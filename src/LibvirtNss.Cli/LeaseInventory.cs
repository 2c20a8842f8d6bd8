using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary>
/// Every lease of a lease directory with its domain and state, read with Core's parsers and the
/// same file loop (LeaseDirectory.ForEachFile) and skip rules as a lookup.
/// </summary>
internal sealed class LeaseInventory
{
    private LeaseInventory(List<LeaseRow> rows, List<string> statusFiles, List<string> macsFiles)
    {
        Rows = rows;
        StatusFiles = statusFiles;
        MacsFiles = macsFiles;
    }

    /// <summary>By network name, then in file order.</summary>
    public List<LeaseRow> Rows { get; }

    public List<string> StatusFiles { get; }

    public List<string> MacsFiles { get; }

    /// <summary>Domains found in the *.macs files.</summary>
    public int DomainCount { get; private set; }

    /// <summary>The inventory, or null (with <paramref name="errno"/>) when the directory cannot be listed.</summary>
    public static LeaseInventory? Read(string directory, long now, DecisionLog log, out int errno)
    {
        if (!LeaseDirectory.TryListFiles(directory, out List<string> statusFiles, out List<string> macsFiles, out errno, log))
            return null;
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
                    domainsByMac.TryGetValue(mac, out string? domain) ? domain : null,
                    AsciiText.Printable(entry.IpAddress), mac, entry.ExpiryTime, state));
            }, log);
        }, log);
        // Reserved hosts (<network>.hostsfile, <network>.addnhosts) join here as LeaseState.Reserved
        // rows once Core reads them, so that list and doctor show what lookups answer.
        return new LeaseInventory(rows, statusFiles, macsFiles) { DomainCount = domains };
    }
}
