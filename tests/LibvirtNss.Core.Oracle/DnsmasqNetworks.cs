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

    private readonly Dictionary<string, List<Reservation>> _hostsByNetwork = new(StringComparer.Ordinal);
    private readonly List<string> _networkOrder = new();

    /// <summary>Every domain of every network (no duplicates).</summary>
    public IReadOnlyList<byte[]> AllDomains => _allDomains;

    /// <summary>
    /// Reserved hosts, network by network in the order their files were added (directory order:
    /// every hostsfile, then every addnhosts), each network's hostsfile lines before its addnhosts lines.
    /// </summary>
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
                networks.AddConfig(path, DnsmasqConfParser.Parse(contents, path, log)), log);
        }
        LeaseDirectory.ForEachFile(files.Hostsfile, (path, contents) =>
            networks.AddReservations(path, ParseHostsfile(path, contents, log)), log);
        LeaseDirectory.ForEachFile(files.Addnhosts, (path, contents) =>
            networks.AddReservations(path, ParseAddnhosts(path, contents, log)), log);
        return networks.Complete();
    }

    public static List<Reservation> ParseHostsfile(string path, byte[] contents, DecisionLog log)
    {
        var hosts = new List<Reservation>();
        int added = DhcpHostsFileParser.Parse(contents, path, hosts, log);
        if (log.Enabled) log.Write($"{path}: {added} reserved hosts");
        return hosts;
    }

    public static List<Reservation> ParseAddnhosts(string path, byte[] contents, DecisionLog log)
    {
        var hosts = new List<Reservation>();
        int added = AddnHostsFileParser.Parse(contents, path, hosts, log);
        if (log.Enabled) log.Write($"{path}: {added} reserved hosts");
        return hosts;
    }

    /// <summary>The parsed <c>&lt;network&gt;.conf</c> at <paramref name="path"/>.</summary>
    public void AddConfig(string path, NetworkConfig config)
    {
        _configByNetwork[DirectoryListing.BaseName(path)] = config;
        foreach (byte[] domain in config.Domains)
        {
            bool known = false;
            foreach (byte[] seen in _allDomains)
                known |= AsciiText.EqualsIgnoreCase(seen, domain);
            if (!known)
                _allDomains.Add(domain);
        }
    }

    /// <summary>The reserved hosts of the <c>&lt;network&gt;.hostsfile</c> or <c>.addnhosts</c> at <paramref name="path"/>.</summary>
    public void AddReservations(string path, List<Reservation> hosts)
    {
        string network = DirectoryListing.BaseName(path);
        if (!_hostsByNetwork.TryGetValue(network, out List<Reservation>? all))
        {
            _hostsByNetwork[network] = all = new List<Reservation>();
            _networkOrder.Add(network);
        }
        all.AddRange(hosts);
    }

    /// <summary>Ties each network's reserved hosts to its domains, once every file was added.</summary>
    public DnsmasqNetworks Complete()
    {
        Reservations.Clear();
        foreach (string network in _networkOrder)
            Reservations.Add(new NetworkReservations(network, DomainsOfNetwork(network), _hostsByNetwork[network]));
        return this;
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
