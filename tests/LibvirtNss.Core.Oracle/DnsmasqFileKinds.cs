using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>The <c>&lt;network&gt;.conf</c> files: a network's bridge and DNS domains (docs/lease-cache.md).</summary>
internal sealed class ConfFileKind : SnapshotFileKind
{
    public ConfFileKind() : base(".conf") { }

    public override ParsedFile Empty { get; } = new NetworkConfigFile(NetworkConfig.Empty);

    public override ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log)
    {
        NetworkConfig config = DnsmasqConfParser.Parse(contents, path, log);
        var parsed = new NetworkConfigFile(config);
        budget.Charge(parsed.AccountedBytes);
        return parsed;
    }
}

/// <summary>The <c>&lt;network&gt;.hostsfile</c> and <c>&lt;network&gt;.addnhosts</c> files: reserved hosts.</summary>
internal sealed class ReservedHostsFileKind : SnapshotFileKind
{
    private readonly bool _dhcpHosts;

    private ReservedHostsFileKind(string suffix, bool dhcpHosts) : base(suffix) => _dhcpHosts = dhcpHosts;

    public static ReservedHostsFileKind DhcpHosts() => new(".hostsfile", dhcpHosts: true);

    public static ReservedHostsFileKind DnsHosts() => new(".addnhosts", dhcpHosts: false);

    public override ParsedFile Empty { get; } = new ReservedHostsFile(new List<Reservation>());

    public override ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log)
    {
        List<Reservation> hosts = _dhcpHosts
            ? DnsmasqNetworks.ParseHostsfile(path, contents, log)
            : DnsmasqNetworks.ParseAddnhosts(path, contents, log);
        var parsed = new ReservedHostsFile(hosts);
        budget.Charge(parsed.AccountedBytes);
        return parsed;
    }
}

internal sealed class NetworkConfigFile : ParsedFile
{
    public NetworkConfigFile(NetworkConfig config) => Config = config;

    public NetworkConfig Config { get; }

    public override long AccountedBytes
    {
        get
        {
            long bytes = 3 * SnapshotBudget.ObjectBytes;
            foreach (string name in Config.Interfaces)
                bytes += SnapshotBudget.ObjectBytes + 2L * name.Length;
            foreach (byte[] domain in Config.Domains)
                bytes += SnapshotBudget.ObjectBytes + domain.Length;
            return bytes;
        }
    }
}

internal sealed class ReservedHostsFile : ParsedFile
{
    public ReservedHostsFile(List<Reservation> hosts) => Hosts = hosts;

    public List<Reservation> Hosts { get; }

    public override long AccountedBytes
    {
        get
        {
            long bytes = 2 * SnapshotBudget.ObjectBytes;
            foreach (Reservation host in Hosts)
                bytes += 4 * SnapshotBudget.ObjectBytes + 24 + host.Name.Length + host.Mac.Length;
            return bytes;
        }
    }
}
