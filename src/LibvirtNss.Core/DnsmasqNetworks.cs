using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// The networks of the lease directory as their dnsmasq configuration describes them. A
/// network's <c>&lt;network&gt;.conf</c> names its bridge (<c>interface=</c>), which ties it to
/// <c>&lt;bridge&gt;.status</c> and <c>&lt;bridge&gt;.macs</c>, and its domain (<c>domain=</c>);
/// its <c>&lt;network&gt;.hostsfile</c> and <c>&lt;network&gt;.addnhosts</c> share the conf's
/// base name. A file that cannot be read or parsed is skipped with a debug line, as lease files are.
/// libvirt writes the conf with mode 0600: for a process that may not read it, no network has a
/// domain and only the bare names resolve.
/// </summary>
public sealed class DnsmasqNetworks
{
    private readonly Dictionary<string, NetworkConfig> _configByNetwork = new(StringComparer.Ordinal);
    private readonly List<byte[]> _allDomains = new();

    private DnsmasqNetworks() { }

    /// <summary>Every domain of every network (no duplicates).</summary>
    public IReadOnlyList<byte[]> AllDomains => _allDomains;

    /// <summary>Reserved hosts, network by network in directory order: hostsfile lines first, then addnhosts lines.</summary>
    public List<NetworkReservations> Reservations { get; } = new();

    /// <param name="readConfigs">
    /// false skips the <c>*.conf</c> files (their domains only matter to a name with a dot).
    /// </param>
    public static DnsmasqNetworks Read(DirectoryListing files, bool readConfigs, DecisionLog log)
    {
        var networks = new DnsmasqNetworks();
        if (readConfigs)
        {
            LeaseDirectory.ForEachFile(files.Conf, (path, contents) =>
                networks.AddConfig(DirectoryListing.BaseName(path), DnsmasqConfParser.Parse(contents, path, log)), log);
        }
        var byNetwork = new Dictionary<string, List<Reservation>>(StringComparer.Ordinal);
        var order = new List<string>();
        void Collect(List<string> paths, Func<byte[], string, List<Reservation>, int> parse)
        {
            LeaseDirectory.ForEachFile(paths, (path, contents) =>
            {
                string network = DirectoryListing.BaseName(path);
                if (!byNetwork.TryGetValue(network, out List<Reservation>? hosts))
                {
                    byNetwork[network] = hosts = new List<Reservation>();
                    order.Add(network);
                }
                int added = parse(contents, path, hosts);
                if (log.Enabled) log.Write($"{path}: {added} reserved hosts");
            }, log);
        }
        Collect(files.Hostsfile, (contents, path, into) => DhcpHostsFileParser.Parse(contents, path, into, log));
        Collect(files.Addnhosts, (contents, path, into) => AddnHostsFileParser.Parse(contents, path, into, log));
        foreach (string network in order)
            networks.Reservations.Add(new NetworkReservations(network, networks.DomainsOfNetwork(network), byNetwork[network]));
        return networks;
    }

    private void AddConfig(string network, NetworkConfig config)
    {
        _configByNetwork[network] = config;
        foreach (byte[] domain in config.Domains)
        {
            bool known = false;
            foreach (byte[] seen in _allDomains)
                known |= AsciiText.EqualsIgnoreCase(seen, domain);
            if (!known)
                _allDomains.Add(domain);
        }
    }

    public IReadOnlyList<byte[]> DomainsOfNetwork(string network) =>
        _configByNetwork.TryGetValue(network, out NetworkConfig? config) ? config.Domains : NetworkConfig.Empty.Domains;

    /// <summary>The domains of the network whose conf names this file's bridge (<c>interface=</c>).</summary>
    public IReadOnlyList<byte[]> DomainsOfBridgeFile(string path)
    {
        string bridge = DirectoryListing.BaseName(path);
        foreach (NetworkConfig config in _configByNetwork.Values)
        {
            if (config.Interfaces.Contains(bridge))
                return config.Domains;
        }
        return NetworkConfig.Empty.Domains;
    }
}

/// <summary>The reserved hosts of one network, with the network's domains.</summary>
public sealed record NetworkReservations(string Network, IReadOnlyList<byte[]> Domains, List<Reservation> Hosts);
