using System.Linq;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

public sealed class DomainXmlTests
{
    private static string Domain(string interfaces) => $"<domain type='kvm'><name>vm</name><devices>{interfaces}</devices></domain>";

    [Theory]
    [InlineData("<interface type='bridge'><mac address='52:54:00:AA:00:01'/><source bridge='br0'/><target dev='vnet0'/></interface>",
        "bridge 52:54:00:aa:00:01 br0")]
    [InlineData("<interface type='network'><mac address='52:54:00:aa:00:02'/><source network='default' portid='x' bridge='virbr0'/></interface>",
        "network 52:54:00:aa:00:02 virbr0")]
    [InlineData("<interface type='network'><mac address='52:54:00:aa:00:02'/><source network='default'/></interface>",
        "network 52:54:00:aa:00:02 -")]
    [InlineData("<interface type='network'><mac address='52:54:00:aa:00:02'/><source network='mv' dev='eth1' mode='bridge'/></interface>",
        "network 52:54:00:aa:00:02 eth1")]
    [InlineData("<interface type='direct'><mac address='52:54:00:aa:00:03'/><source dev='eth0' mode='bridge'/><target dev='macvtap0'/></interface>",
        "direct 52:54:00:aa:00:03 eth0")]
    [InlineData("<interface type='hostdev'><mac address='52:54:00:aa:00:04'/><source><address type='pci'/></source></interface>",
        "hostdev 52:54:00:aa:00:04 -")]
    [InlineData("<interface type='user'><mac address='52:54:00:aa:00:05'/></interface>", "user 52:54:00:aa:00:05 -")]
    [InlineData("<interface type='bridge'><source bridge='br0'/></interface>", "")]
    [InlineData("<interface type='bridge'><mac address='52:54:00:aa:00:01'/><source bridge='br0'/></interface>"
        + "<interface type='direct'><mac address='52:54:00:aa:00:03'/><source dev='eth0'/></interface>",
        "bridge 52:54:00:aa:00:01 br0|direct 52:54:00:aa:00:03 eth0")]
    public void Interfaces(string devices, string expected)
    {
        var nics = DomainXml.Interfaces("vm", Domain(devices));
        Assert.Equal(expected, string.Join("|", nics.Select(n => $"{n.Type} {n.Mac} {n.HostInterface ?? "-"}")));
        Assert.All(nics, n => Assert.Equal("vm", n.Domain));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<domain><devices>")]
    [InlineData("<domain/>")]
    public void Xml_without_interfaces(string xml) => Assert.Empty(DomainXml.Interfaces("vm", xml));
}
