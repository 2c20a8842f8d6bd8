using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Forward lookups with a network's dnsmasq configuration: its domain and its reserved hosts.</summary>
public class ReservedAndFqdnLookupTests
{
    private const long Later = Now + 3600;

    private static LookupResult Lookup(string directory, string name, LookupKind kind = LookupKind.Hostname,
        int family = AddressFamilies.Unspecified, LogLines? log = null) =>
        LeaseDirectory.Lookup(directory, kind, Utf8(name), family, Now, (log ?? new LogLines()).Log);

    private static TempLeaseDirectory Networks()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("virbr0.status", "[" + Lease("192.168.122.10", "52:54:00:00:00:10", "vm1", Later) + "]");
        dir.Write("virbr1.status", "[" + Lease("192.168.100.10", "52:54:00:00:01:10", "vm2", Later) + "]");
        dir.Write("virbr0.macs", "[{\"domain\":\"dom1\",\"macs\":[\"52:54:00:00:00:10\",\"52:54:00:00:00:77\"]}]");
        dir.Write("default.conf", "strict-order\ndomain=example.lan\nexpand-hosts\nbind-dynamic\ninterface=virbr0\n");
        dir.Write("isolated.conf", "strict-order\nbind-dynamic\ninterface=virbr1\n");
        return dir;
    }

    [Theory]
    [InlineData("vm1.example.lan", "192.168.122.10")]
    [InlineData("vm1.example.lan.", "192.168.122.10")]
    [InlineData("VM1.Example.Lan", "192.168.122.10")]
    [InlineData("vm1", "192.168.122.10")]
    [InlineData("vm2", "192.168.100.10")]
    [InlineData("vm2.example.lan", null)]  // virbr1's network has no domain
    [InlineData("vm1.example.com", null)]
    [InlineData("vm1.", null)]
    [InlineData("example.lan", null)]
    public void NetworkDomainNames(string name, string? address)
    {
        LookupResult found = Lookup(Networks().Path, name);
        if (address is null)
            Assert.Equal(LookupOutcome.NoMatch, found.Outcome);
        else
            Assert.Equal(new[] { address }, Texts(found.Addresses));
    }

    [Fact]
    public void DomainNamesTakeTheNetworkDomainToo()
    {
        using TempLeaseDirectory dir = Networks();
        Assert.Equal(new[] { "192.168.122.10" }, Texts(Lookup(dir.Path, "dom1.example.lan.", LookupKind.DomainName).Addresses));
        Assert.Equal(LookupOutcome.DomainWithoutMacs, Lookup(dir.Path, "dom1.example.com", LookupKind.DomainName).Outcome);
    }

    [Fact]
    public void ConfFilesAreNotReadForANameWithoutADot()
    {
        using TempLeaseDirectory dir = Networks();
        var log = new LogLines();
        Lookup(dir.Path, "vm1", log: log);
        Assert.False(log.Any("default.conf"), log.ToString());
        log = new LogLines();
        Lookup(dir.Path, "vm1.example.lan", log: log);
        Assert.True(log.Any("default.conf: interfaces [virbr0], 1 domains"), log.ToString());
    }

    [Fact]
    public void ReservedHostsAnswerBeforeTheFirstLeaseAndAfterLeases()
    {
        using TempLeaseDirectory dir = Networks();
        dir.Write("default.hostsfile",
            "52:54:00:00:00:77,192.168.122.77,resvm\n" +        // no lease yet
            "52:54:00:00:00:10,192.168.122.88,vm1\n" +          // vm1's MAC holds a lease: the lease answers
            "vm1,192.168.122.89\n" +
            "id:00:01:00:01,resvm,[fd00:122::77]\n");
        dir.Write("default.addnhosts", "192.168.122.10\tvm1\t\n192.168.122.90\tvm1\tvm1-alias\t\n");

        Assert.Equal(new[] { "192.168.122.77", "fd00:122::77" }, Texts(Lookup(dir.Path, "resvm").Addresses));
        Assert.Equal(new[] { "fd00:122::77" }, Texts(Lookup(dir.Path, "resvm.example.lan", family: AddressFamilies.Inet6).Addresses));
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.89", "192.168.122.90" }, Texts(Lookup(dir.Path, "vm1").Addresses));
        Assert.Equal(new[] { "192.168.122.90" }, Texts(Lookup(dir.Path, "vm1-alias.example.lan").Addresses));
        // libvirt_guest: DHCP hosts by MAC, through the domain's MACs
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.77" }, Texts(Lookup(dir.Path, "dom1", LookupKind.DomainName).Addresses));
    }

    [Fact]
    public void AReservationOfTheOtherFamilyMakesTheNameFound()
    {
        using TempLeaseDirectory dir = Networks();
        dir.Write("default.hostsfile", "v6only,[fd00:122::5]\n");
        Assert.Equal(LookupOutcome.NoAddressOfFamily, Lookup(dir.Path, "v6only", family: AddressFamilies.Inet).Outcome);
    }

    [Fact]
    public void OversizedAndGarbageReservationFilesAreSkipped()
    {
        using TempLeaseDirectory dir = Networks();
        using (var huge = System.IO.File.Create(System.IO.Path.Combine(dir.Path, "huge.hostsfile")))
            huge.SetLength(LeaseDirectory.MaxFileBytes + 1L); // sparse: costs no disk
        dir.Write("default.addnhosts", "\xff\xfe garbage\n192.168.122.91 dnsvm\n");
        var log = new LogLines();
        Assert.Equal(new[] { "192.168.122.91" }, Texts(Lookup(dir.Path, "dnsvm", log: log).Addresses));
        Assert.True(log.Any("huge.hostsfile: skipped"), log.ToString());
        Assert.True(log.Any("default.addnhosts: line 1 skipped"), log.ToString());
    }
}
