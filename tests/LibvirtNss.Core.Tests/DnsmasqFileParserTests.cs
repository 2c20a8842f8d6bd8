using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>The plain-text files libvirt writes for dnsmasq: *.conf, *.hostsfile, *.addnhosts.</summary>
public class DnsmasqFileParserTests
{
    // As networkDnsmasqConfContents writes it for <domain name='example.lan'/> on virbr0.
    private const string LibvirtConf =
        "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n" +
        "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n" +
        "##    virsh net-edit default\n## or other application using the libvirt API.\n##\n" +
        "## dnsmasq conf file created by libvirt\nstrict-order\nlocal=/example.lan/\ndomain=example.lan\n" +
        "expand-hosts\npid-file=/run/libvirt/network/default.pid\nexcept-interface=lo\nbind-dynamic\n" +
        "interface=virbr0\ndhcp-range=192.168.122.2,192.168.122.254,255.255.255.0\ndhcp-no-override\n" +
        "dhcp-authoritative\ndhcp-lease-max=253\ndhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile\n" +
        "addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts\n";

    private static NetworkConfig Conf(string text, LogLines? log = null) =>
        DnsmasqConfParser.Parse(Utf8(text), "default.conf", (log ?? new LogLines()).Log);

    private static string[] Domains(NetworkConfig config) => config.Domains.Select(d => Encoding.ASCII.GetString(d)).ToArray();

    [Fact]
    public void LibvirtConfNamesTheBridgeAndTheDomain()
    {
        NetworkConfig config = Conf(LibvirtConf);
        Assert.Equal(new[] { "virbr0" }, config.Interfaces);
        Assert.Equal(new[] { "example.lan" }, Domains(config));
    }

    [Fact]
    public void ConfWithoutDomainHasNone() =>
        Assert.Empty(Conf("strict-order\nbind-dynamic\ninterface=virbr1\n").Domains);

    [Theory]
    [InlineData("domain=example.lan.\n", "example.lan")]
    [InlineData("  domain = example.lan , 192.168.122.0/24, local\r\n", "example.lan")]
    [InlineData("domain=a.example\ndomain=A.EXAMPLE\ndomain=b.example\n", "a.example b.example")]
    [InlineData("#domain=commented.lan\n", "")]
    [InlineData("domain=\ndomain=.\ndomain=bad name\ndomain=.lead\ndomain=dou..ble\n", "")]
    public void DomainLines(string text, string expected) =>
        Assert.Equal(expected, string.Join(" ", Domains(Conf(text))));

    [Fact]
    public void InterfaceLinesMayListSeveralAndBadNamesAreSkipped()
    {
        var log = new LogLines();
        NetworkConfig config = Conf("interface=virbr0,virbr9\ninterface=../etc\ninterface=waytoolonginterface0\ninterface=virbr0\n", log);
        Assert.Equal(new[] { "virbr0", "virbr9" }, config.Interfaces);
        Assert.True(log.Any("not an interface name"), log.ToString());
    }

    [Fact]
    public void AtMostSixteenValuesAreKept()
    {
        string text = string.Concat(Enumerable.Range(0, 40).Select(i => $"domain=d{i}.lan\ninterface=br{i}\n"));
        NetworkConfig config = Conf(text);
        Assert.Equal(DnsmasqConfParser.MaxValues, config.Domains.Count);
        Assert.Equal(DnsmasqConfParser.MaxValues, config.Interfaces.Count);
    }

    private static List<Reservation> Hosts(string text, LogLines? log = null)
    {
        var into = new List<Reservation>();
        DhcpHostsFileParser.Parse(Utf8(text), "default.hostsfile", into, (log ?? new LogLines()).Log);
        return into;
    }

    private static string Show(Reservation r) =>
        $"{r.Source} {Encoding.UTF8.GetString(r.Name)}|{Encoding.UTF8.GetString(r.Mac)}|{r.Address}";

    [Theory]
    // hostsfileAdd, IPv4: MAC,IP,NAME / NAME,IP / MAC,IP, each with an optional lease time
    [InlineData("52:54:00:aa:bb:cc,192.168.122.10,vm1", "DhcpHost vm1|52:54:00:aa:bb:cc|192.168.122.10")]
    [InlineData("52:54:00:aa:bb:cc,192.168.122.10,vm1,infinite", "DhcpHost vm1|52:54:00:aa:bb:cc|192.168.122.10")]
    [InlineData("vm2,192.168.122.11", "DhcpHost vm2||192.168.122.11")]
    [InlineData("vm2,192.168.122.11,30m", "DhcpHost vm2||192.168.122.11")]
    [InlineData("52:54:00:AA:BB:CD,192.168.122.12", "DhcpHost |52:54:00:AA:BB:CD|192.168.122.12")]
    [InlineData("52:54:00:aa:bb:cd,192.168.122.12,3600s", "DhcpHost |52:54:00:aa:bb:cd|192.168.122.12")]
    // IPv6: id:DUID,NAME,[IP] / NAME,[IP] / id:DUID,[IP], then the lease time
    [InlineData("id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc,vm6,[fd00:122::10]", "DhcpHost vm6||fd00:122::10")]
    [InlineData("vm6,[fd00:122::11],2h", "DhcpHost vm6||fd00:122::11")]
    [InlineData("id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc,[fd00:122::12]", "DhcpHost ||fd00:122::12")]
    [InlineData("  set:red,52:54:00:aa:bb:cc , 192.168.122.13 , vm3  \r", "DhcpHost vm3|52:54:00:aa:bb:cc|192.168.122.13")]
    public void LibvirtDhcpHostLines(string line, string expected) => Assert.Equal(expected, Show(Assert.Single(Hosts(line))));

    [Theory]
    [InlineData("52:54:00:aa:bb:cc,vm1")]                         // no address: nothing to resolve
    [InlineData("vm1,192.168.122.300")]                           // not an address
    [InlineData("vm1,10.1")]                                      // inet_aton form: dnsmasq refuses it
    [InlineData("vm1,192.168.122.010")]                           // leading zero
    [InlineData("vm1,[192.168.122.10]")]                          // brackets hold IPv6 only
    [InlineData("vm1,[fd00::1%eth0]")]                            // no zone
    [InlineData("vm1,other,192.168.122.10")]                      // two names
    [InlineData("vm1,192.168.122.10,192.168.122.11")]             // two addresses
    [InlineData("52:54:00:aa:bb:cc,52:54:00:aa:bb:cd,192.168.122.10")]
    [InlineData("my vm,192.168.122.10")]                          // not a host name
    [InlineData("# comment,192.168.122.10")]
    [InlineData("")]
    public void LinesThatReserveNothing(string line) => Assert.Empty(Hosts(line));

    [Fact]
    public void BadLinesAreSkippedAndTheOthersKept()
    {
        var log = new LogLines();
        List<Reservation> hosts = Hosts("vm1,192.168.122.10\nvm1,other,192.168.122.11\n\u0000\u00ff,1.2.3.4\nvm3,192.168.122.13", log);
        Assert.Equal(new[] { "DhcpHost vm1||192.168.122.10", "DhcpHost vm3||192.168.122.13" }, hosts.Select(Show));
        Assert.True(log.Any("default.hostsfile: line 2 skipped: two names"), log.ToString());
    }

    private static List<Reservation> DnsHosts(string text, LogLines? log = null)
    {
        var into = new List<Reservation>();
        AddnHostsFileParser.Parse(Utf8(text), "default.addnhosts", into, (log ?? new LogLines()).Log);
        return into;
    }

    [Fact]
    public void LibvirtAddnHostsLines()
    {
        // addnhostsWrite: "IP\tNAME\tNAME\t\n"
        List<Reservation> hosts = DnsHosts("192.168.122.200\tgateway\trouter\t\nfd00:122::1\tgw6\t\n");
        Assert.Equal(new[] { "DnsHost gateway||192.168.122.200", "DnsHost router||192.168.122.200", "DnsHost gw6||fd00:122::1" },
            hosts.Select(Show));
    }

    [Fact]
    public void AddnHostsCommentsBadAddressesAndBadNames()
    {
        var log = new LogLines();
        List<Reservation> hosts = DnsHosts("# all comment\n10.1 short\n192.168.122.5 ok # trailing\n192.168.122.6 b\u0001d fine\nnot-an-ip x\n", log);
        Assert.Equal(new[] { "DnsHost ok||192.168.122.5", "DnsHost fine||192.168.122.6" }, hosts.Select(Show));
        Assert.True(log.Any("line 2 skipped: 10.1 is not an IP address"), log.ToString());
        Assert.True(log.Any("line 4: name b?d skipped"), log.ToString());
    }

    [Fact]
    public void AddnHostsKeepsAtMostSixtyFourNamesALine()
    {
        string line = "192.168.122.7 " + string.Join(" ", Enumerable.Range(0, 100).Select(i => $"n{i}"));
        Assert.Equal(AddnHostsFileParser.MaxNamesPerLine, DnsHosts(line).Count);
    }
}

/// <summary>Reserved-host files too large to keep are skipped whole, before anything is kept.</summary>
public class ReservedHostsBudgetTests
{
    [Fact]
    public void AFileOfTooManyLinesIsSkippedWhole()
    {
        string line = "a,1.2.3.4\n";
        var log = new LogLines();
        var into = new List<Reservation>();
        byte[] many = Utf8(string.Concat(Enumerable.Repeat(line, ReservedHostsBudget.MaxLines + 1)));
        Assert.Equal(0, DhcpHostsFileParser.Parse(many, "big.hostsfile", into, log.Log));
        Assert.Empty(into);
        Assert.True(log.Any("big.hostsfile: skipped: more than 16384 lines"), log.ToString());
        byte[] enough = Utf8(string.Concat(Enumerable.Repeat(line, ReservedHostsBudget.MaxLines - 1)));
        Assert.Equal(ReservedHostsBudget.MaxLines - 1, DhcpHostsFileParser.Parse(enough, "ok.hostsfile", into, DecisionLog.Silent));
    }

    [Fact]
    public void AnAddnHostsFileOfTooManyNamesIsSkippedWhole()
    {
        string line = "1.2.3.4 " + string.Join(" ", Enumerable.Repeat("n", 60)) + "\n";
        var into = new List<Reservation>();
        byte[] many = Utf8(string.Concat(Enumerable.Repeat(line, ReservedHostsBudget.MaxFields / 60 + 1)));
        Assert.Equal(0, AddnHostsFileParser.Parse(many, "big.addnhosts", into, DecisionLog.Silent));
        Assert.Empty(into);
    }
}
