using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("192.168.100.20", "None")]
    [InlineData("203.0.113.9", "None")]
    [InlineData("2001:db8:1::20", "None")]
    [InlineData("fd00:1::20", "None")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.200.0.1", "Loopback")]
    [InlineData("::1", "Loopback")]
    [InlineData("169.254.3.4", "LinkLocal")]
    [InlineData("fe80::5054:ff:fe12:3456", "LinkLocal")]
    [InlineData("febf::1", "LinkLocal")]
    [InlineData("224.0.0.251", "Multicast")]
    [InlineData("239.255.255.250", "Multicast")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("0.0.0.0", "Unspecified")]
    [InlineData("0.1.2.3", "Unspecified")]
    [InlineData("::", "Unspecified")]
    [InlineData("255.255.255.255", "Broadcast")]
    [InlineData("::ffff:192.168.100.20", "Mapped")]
    public void Kinds(string address, string expected) => Assert.Equal(Enum.Parse<AddressRefusal>(expected), AddressPolicy.Kind(IPAddress.Parse(address)));

    private static readonly HostAddress[] Bridge =
    {
        new(4, IPAddress.Parse("192.168.100.1"), 24),
        new(4, IPAddress.Parse("2001:db8:1::1"), 64),
        new(4, IPAddress.Parse("fe80::1"), 64),
    };

    [Theory]
    [InlineData("192.168.100.20", true)]
    [InlineData("192.168.100.254", true)]
    [InlineData("192.168.100.0", false)]     // the network's address
    [InlineData("192.168.100.255", false)]   // its broadcast
    [InlineData("192.168.101.20", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("2001:db8:1::20", true)]
    [InlineData("2001:db8:1:0:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:2::20", false)]
    public void On_link(string address, bool expected) =>
        Assert.Equal(expected, AddressPolicy.OnLink(IPAddress.Parse(address), Bridge));

    [Theory]
    [InlineData("10.1.2.3", 31, "10.1.2.2", true)]   // /31: both addresses are hosts'
    [InlineData("10.1.2.3", 32, "10.1.2.3", true)]
    [InlineData("10.1.2.3", 32, "10.1.2.4", false)]
    [InlineData("10.1.2.3", 0, "8.8.8.8", false)]    // a /0 is no subnet
    [InlineData("2001:db8::1", 0, "2001:db8::2", false)]
    [InlineData("192.168.100.1", 24, "2001:db8:1::20", false)]
    public void On_link_prefixes(string host, int prefix, string address, bool expected) =>
        Assert.Equal(expected, AddressPolicy.OnLink(IPAddress.Parse(address), new[] { new HostAddress(1, IPAddress.Parse(host), prefix) }));

    public static TheoryData<string, string, bool, string> AgentTable => new()
    {
        { "on the bridge's subnet", "192.168.100.20", false, "None" },
        { "off-link", "10.9.9.9", false, "OffLink" },
        { "off-link, confirmed by a neighbour entry", "10.9.9.9", true, "None" },
        { "the host's own address", "192.168.100.1", false, "HostAddress" },
        { "the host's own address, even confirmed", "192.168.100.1", true, "HostAddress" },
        { "another interface's host address", "198.51.100.1", true, "HostAddress" },
        { "link-local, even confirmed", "fe80::5054:ff:fe00:1", true, "LinkLocal" },
        { "loopback", "127.0.0.1", false, "Loopback" },
        { "global IPv6 on the bridge's prefix", "2001:db8:1::20", false, "None" },
    };

    [Theory]
    [MemberData(nameof(AgentTable))]
    public void Agent_addresses(string why, string address, bool confirmed, string expected)
    {
        var own = new HashSet<IPAddress>(Bridge.Select(b => b.Address)) { IPAddress.Parse("198.51.100.1") };
        Assert.Equal(Enum.Parse<AddressRefusal>(expected), AddressPolicy.AgentAddress(IPAddress.Parse(address), confirmed, Bridge, own));
        _ = why;
    }

    [Theory]
    [InlineData("192.168.100.20", "None")]
    [InlineData("10.9.9.9", "None")]
    [InlineData("192.168.100.1", "HostAddress")]
    [InlineData("fe80::1:2", "LinkLocal")]
    public void Neighbour_addresses(string address, string expected) =>
        Assert.Equal(Enum.Parse<AddressRefusal>(expected), AddressPolicy.NeighbourAddress(IPAddress.Parse(address), new HashSet<IPAddress> { IPAddress.Parse("192.168.100.1") }));

    [Theory]
    [InlineData("192.168.122.10", "52:54:00:00:00:01", false)]   // its own lease
    [InlineData("192.168.122.10", "52:54:00:00:00:02", true)]
    [InlineData("192.168.122.11", "52:54:00:00:00:02", true)]    // a reservation
    [InlineData("192.168.122.12", "52:54:00:00:00:02", false)]
    public void Leased_to_another(string address, string mac, bool expected)
    {
        var leased = new[]
        {
            new LeasedAddress("52:54:00:00:00:01", IPAddress.Parse("192.168.122.10"), Lease: true),
            new LeasedAddress("52:54:00:00:00:03", IPAddress.Parse("192.168.122.11"), Lease: false),
        };
        Assert.Equal(expected, AddressPolicy.LeasedToAnother(IPAddress.Parse(address), mac, leased));
    }
}
