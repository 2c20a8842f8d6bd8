using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

/// <summary>
/// The ranking and the rules together. The host: br0 (index 4) with 192.168.100.1/24 and
/// 2001:db8:1::1/64, eth0 (index 2, macvtap parent) with 198.51.100.1/24, virbr0 (index 5,
/// libvirt's NAT) with 192.168.122.1/24. Each case lists agent reports ("vm/mac=ip"), neighbour
/// entries ("mac=ip"), libvirt leases ("mac=ip", "r:" for a reservation), and the published
/// records ("vm mac ip source"), in order.
/// </summary>
public sealed class PublishPlanTests
{
    private static readonly GuestNic[] Nics =
    {
        new("a", "52:54:00:00:00:0a", "bridge", "br0"),
        new("b", "52:54:00:00:00:0b", "bridge", "br0"),
        new("m", "52:54:00:00:00:0c", "direct", "eth0"),
        new("n", "52:54:00:00:00:0d", "network", "virbr0"),
        new("h", "52:54:00:00:00:0e", "hostdev", null),
    };

    private static readonly HostAddress[] Host =
    {
        new(4, IPAddress.Parse("192.168.100.1"), 24),
        new(4, IPAddress.Parse("2001:db8:1::1"), 64),
        new(2, IPAddress.Parse("198.51.100.1"), 24),
        new(5, IPAddress.Parse("192.168.122.1"), 24),
    };

    private static readonly Dictionary<string, int> Indexes = new() { ["br0"] = 4, ["eth0"] = 2, ["virbr0"] = 5 };

    private static string MacOf(string domain) => Nics.First(n => n.Domain == domain).Mac;

    public static TheoryData<string, string, string, string, string> Table => new()
    {
        { "nothing known, nothing published", "", "", "", "" },
        { "agent on the bridge's subnet", "a=192.168.100.20", "", "", "a 192.168.100.20 agent" },
        { "agent IPv4 and global IPv6; link-local left out", "a=192.168.100.20 a=2001:db8:1::20 a=fe80::20", "", "",
            "a 192.168.100.20 agent|a 2001:db8:1::20 agent" },
        { "agent confirmed by a neighbour entry ranks first", "a=192.168.100.20 a=192.168.100.21", "a=192.168.100.21", "",
            "a 192.168.100.21 agent+neighbour|a 192.168.100.20 agent" },
        { "a neighbour entry the agent does not list is stale", "a=192.168.100.20", "a=192.168.100.99", "", "a 192.168.100.20 agent" },
        { "neighbour entries alone, IPv4 and IPv6", "", "a=192.168.100.30 a=2001:db8:1::30", "",
            "a 192.168.100.30 neighbour|a 2001:db8:1::30 neighbour" },
        { "agent off-link is refused; neighbour entries then stand", "a=10.9.9.9", "a=192.168.100.30", "", "a 192.168.100.30 neighbour" },
        { "agent off-link but confirmed by a neighbour entry", "a=10.9.9.9", "a=10.9.9.9", "", "a 10.9.9.9 agent+neighbour" },
        { "the host's own address is refused from both sources", "a=192.168.100.1", "b=192.168.100.1", "", "" },
        { "macvtap: the parent device's subnet", "m=198.51.100.50 m=192.168.100.50", "", "", "m 198.51.100.50 agent" },
        { "hostdev: no host interface, so only confirmed agent addresses", "h=203.0.113.5 h=203.0.113.6", "h=203.0.113.6", "",
            "h 203.0.113.6 agent+neighbour" },
        { "a NIC with a libvirt lease is left to the module", "n=192.168.122.50", "n=192.168.122.50", "n=192.168.122.50", "" },
        { "a NIC whose lease expired (so none listed) is published", "n=192.168.122.50", "", "", "n 192.168.122.50 agent" },
        { "a reservation does not cover the NIC", "n=192.168.122.50", "", "r:n=192.168.122.50", "n 192.168.122.50 agent" },
        { "an address leased to another MAC is refused", "a=192.168.100.40", "", "n=192.168.100.40", "" },
        { "an address reserved for another MAC is refused", "a=192.168.100.40", "", "r:n=192.168.100.40", "" },
        { "two domains claim one address: neither gets it", "a=192.168.100.20 b=192.168.100.20 b=192.168.100.21", "", "",
            "b 192.168.100.21 agent" },
        { "an agent claim and another domain's neighbour entry: neither", "a=192.168.100.20", "b=192.168.100.20", "", "" },
        { "another domain's MAC in an agent's report is not taken", "a=52:54:00:00:00:0b=192.168.100.20", "", "", "" },
        { "duplicate reports published once", "a=192.168.100.20 a=192.168.100.20", "a=192.168.100.20 a=192.168.100.20", "",
            "a 192.168.100.20 agent+neighbour" },
        { "multicast and loopback from the agent", "a=224.0.0.1 a=127.0.0.1 a=::1 a=ff02::1", "", "", "" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Ranking(string why, string agent, string neighbours, string leases, string expected)
    {
        var inputs = new PublishInputs(Nics,
            Items(agent).Select(x => x.Split('=') is var p && p.Length == 3
                ? new AgentAddress(p[0], p[1], IPAddress.Parse(p[2]))
                : new AgentAddress(p[0], MacOf(p[0]), IPAddress.Parse(p[1]))).ToList(),
            Items(neighbours).Select(x => x.Split('=')).Select(p => new Neighbour(4, IPAddress.Parse(p[1]), MacOf(p[0]),
                NetlinkMessages.NUD_STALE)).ToList(),
            Host, Indexes,
            Items(leases).Select(x => (reservation: x.StartsWith("r:"), parts: x.TrimStart('r', ':').Split('=')))
                .Select(x => new LeasedAddress(MacOf(x.parts[0]), IPAddress.Parse(x.parts[1]), !x.reservation)).ToList());
        var refused = new List<RefusedAddress>();
        List<PublishedAddress> published = PublishPlan.Compute(inputs, refused);
        Assert.Equal(expected, string.Join("|", published.Select(p =>
            $"{p.Domain} {p.Address} {PublishedFiles.SourceText(p.Source)}")));
        Assert.All(published, p => Assert.Equal(MacOf(p.Domain), p.Mac));
        _ = why;
    }

    [Fact]
    public void Refusals_say_why()
    {
        var inputs = new PublishInputs(Nics,
            new List<AgentAddress>
            {
                new("a", MacOf("a"), IPAddress.Parse("10.9.9.9")),
                new("a", MacOf("a"), IPAddress.Parse("192.168.100.20")),
                new("b", MacOf("b"), IPAddress.Parse("192.168.100.20")),
            },
            new List<Neighbour>(), Host, Indexes, new List<LeasedAddress>());
        var refused = new List<RefusedAddress>();
        Assert.Empty(PublishPlan.Compute(inputs, refused));
        Assert.Equal(new[] { "a 10.9.9.9 OffLink", "a 192.168.100.20 ClaimedTwice", "b 192.168.100.20 ClaimedTwice" },
            refused.Select(r => $"{r.Nic.Domain} {r.Address} {r.Reason}"));
    }

    private static IEnumerable<string> Items(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
