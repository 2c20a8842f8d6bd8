using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Address to names: the reverse matcher over a lease directory, and the packed answer.</summary>
public class ReverseTests
{
    private const long Later = Now + 3600;

    private static ReverseResult Reverse(string directory, string address, LookupKind kind = LookupKind.Hostname, LogLines? log = null)
    {
        var ip = System.Net.IPAddress.Parse(address);
        int family = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AddressFamilies.Inet6 : AddressFamilies.Inet;
        return ReverseLookup.Lookup(directory, kind, family, ip.GetAddressBytes(), Now, (log ?? new LogLines()).Log);
    }

    private static string[] Names(ReverseResult result) => result.Names.Select(n => Encoding.UTF8.GetString(n)).ToArray();

    private static TempLeaseDirectory Directory()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("virbr0.status", "[" + string.Join(",",
            Lease("192.168.122.10", "52:54:00:00:00:10", "vm1", Later),
            Lease("192.168.122.10", "52:54:00:00:00:11", "vm1-new", Later + 100),
            Lease("192.168.122.10", "52:54:00:00:00:12", "forever", 0),
            Lease("192.168.122.10", "52:54:00:00:00:13", "VM1", Later - 100),
            Lease("192.168.122.11", "52:54:00:00:00:14", "gone", Now - 1),
            Lease("192.168.122.12", "52:54:00:00:00:15", "my vm", Later),
            Lease("192.168.122.13", "52:54:00:00:00:16", null, Later),
            Lease("fd00:122::10", "52:54:00:00:00:10", "vm1", Later)) + "]");
        dir.Write("virbr0.macs", "[{\"domain\":\"dom1\",\"macs\":[\"52:54:00:00:00:10\"]},{\"domain\":\"dom3\",\"macs\":[\"52:54:00:00:00:16\"]}]");
        return dir;
    }

    [Fact]
    public void LeasesGiveTheirHostnamesLatestExpiryFirst()
    {
        using var dir = Directory();
        Assert.Equal(new[] { "vm1-new", "vm1", "forever" }, Names(Reverse(dir.Path, "192.168.122.10")));
        Assert.Equal(new[] { "vm1" }, Names(Reverse(dir.Path, "fd00:122::10")));
    }

    [Fact]
    public void ExpiredLeasesNamelessLeasesAndOddNamesAreNotAnswered()
    {
        using var dir = Directory();
        var log = new LogLines();
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "192.168.122.11").Outcome);
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "192.168.122.12", log: log).Outcome);
        Assert.True(log.Any("name my vm skipped: not a host name"), log.ToString());
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "192.168.122.13").Outcome);
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "10.0.0.1").Outcome);
    }

    [Fact]
    public void GuestModuleAnswersDomainNamesThroughMacs()
    {
        using var dir = Directory();
        Assert.Equal(new[] { "dom1" }, Names(Reverse(dir.Path, "192.168.122.10", LookupKind.DomainName)));
        Assert.Equal(new[] { "dom3" }, Names(Reverse(dir.Path, "192.168.122.13", LookupKind.DomainName)));
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "192.168.122.12", LookupKind.DomainName).Outcome);
    }

    [Fact]
    public void ReservationsComeAfterLeasesAndAMacWithALeaseHidesItsReservation()
    {
        using var dir = Directory();
        dir.Write("default.hostsfile", "52:54:00:00:00:99,192.168.122.10,reserved\n52:54:00:00:00:10,192.168.122.50,vm1\n");
        dir.Write("default.addnhosts", "192.168.122.10\tdnsname\tvm1\n");
        dir.Write("virbr0.macs", "[{\"domain\":\"dom9\",\"macs\":[\"52:54:00:00:00:99\"]},{\"domain\":\"dom1\",\"macs\":[\"52:54:00:00:00:10\"]}]");
        Assert.Equal(new[] { "vm1-new", "vm1", "forever", "reserved", "dnsname" }, Names(Reverse(dir.Path, "192.168.122.10")));
        Assert.Equal(LookupOutcome.NoMatch, Reverse(dir.Path, "192.168.122.50").Outcome); // 52:54:00:00:00:10 holds a lease
        Assert.Equal(new[] { "dom1", "dom9" }, Names(Reverse(dir.Path, "192.168.122.10", LookupKind.DomainName)));
    }

    [Fact]
    public void UnreadableDirectoryAndUnsupportedFamily()
    {
        ReverseResult missing = ReverseLookup.Lookup("/nonexistent/dnsmasq", LookupKind.Hostname, AddressFamilies.Inet,
            new byte[] { 1, 2, 3, 4 }, Now, DecisionLog.Silent);
        Assert.Equal(LookupOutcome.DirectoryUnreadable, missing.Outcome);
        Assert.Equal(2, missing.Errno);
        ReverseResult unspec = ReverseLookup.Lookup("/nonexistent/dnsmasq", LookupKind.Hostname, AddressFamilies.Unspecified,
            new byte[16], Now, DecisionLog.Silent);
        Assert.Equal(LookupOutcome.FamilyNotSupported, unspec.Outcome);
    }

    [Fact]
    public void PackedAnswerHoldsNameAliasesAndTheOneAddress()
    {
        const ulong At = 0x7ffc_0000_2000;
        byte[] address = { 192, 168, 122, 10 };
        var names = new List<byte[]> { Utf8("vm1"), Utf8("alias") };
        int smallest = Enumerable.Range(1, 200).First(size =>
            ReverseHostentPacker.TryPack(new PackedBuffer(size, At).Span, At, names, AddressFamilies.Inet, address, out _));
        // 4 address bytes, pad, addr list {a, NULL}, aliases {alias, NULL}, "vm1\0", "alias\0"
        Assert.Equal(4 + 4 + 16 + 16 + 4 + 6, smallest);
        var buffer = new PackedBuffer(smallest, At);
        Assert.True(ReverseHostentPacker.TryPack(buffer.Span, At, names, AddressFamilies.Inet, address, out HostentLayout layout));
        Assert.Equal("vm1", Encoding.UTF8.GetString(buffer.CString(layout.NameAddress)));
        Assert.Equal("alias", Encoding.UTF8.GetString(buffer.CString(buffer.Pointer(layout.AliasesAddress))));
        Assert.Equal(0UL, buffer.Pointer(layout.AliasesAddress + 8));
        Assert.Equal(address, buffer.Bytes(buffer.Pointer(layout.AddressListAddress), 4));
        Assert.Equal(0UL, buffer.Pointer(layout.AddressListAddress + 8));
        Assert.Equal((AddressFamilies.Inet, 4), (layout.Family, layout.AddressLength));
        buffer.AssertGuardsIntact();
        for (int size = 0; size < smallest; size++)
        {
            var small = new PackedBuffer(size, At);
            Assert.False(ReverseHostentPacker.TryPack(small.Span, At, names, AddressFamilies.Inet, address, out _));
            small.AssertGuardsIntact();
        }
    }
}
