using System.Collections.Generic;
using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Matching, expiry, family filtering, duplicates and order, entry by entry.</summary>
public class LeaseCollectorTests
{
    private static LeaseCollector Collector(string name, int family, LogLines? log = null) =>
        new(LeaseQuery.ByHostname(Utf8(name)), family, Now, (log ?? new LogLines()).Log);

    private static void Offer(LeaseCollector collector, string ip, string? hostname, long expiry, string mac = "52:54:00:00:00:01") =>
        collector.Offer(new LeaseEntry(Utf8(ip), Utf8(mac), hostname is null ? default : Utf8(hostname), hostname is not null, expiry));

    [Fact]
    public void LatestExpiryFirstNeverExpiringLastTiesInFileOrder()
    {
        var c = Collector("vm", AddressFamilies.Unspecified);
        Offer(c, "10.0.0.1", "vm", Now + 10);
        Offer(c, "10.0.0.2", "vm", 0);
        Offer(c, "fd00::3", "vm", Now + 30);
        Offer(c, "10.0.0.4", "vm", Now + 10);
        Offer(c, "10.0.0.5", "vm", 0);
        Offer(c, "10.0.0.6", "vm", Now + 20);
        Offer(c, "10.0.0.7", "vm", Now + 30);
        Assert.Equal(new[] { "fd00::3", "10.0.0.7", "10.0.0.6", "10.0.0.1", "10.0.0.4", "10.0.0.2", "10.0.0.5" },
            Texts(c.SortedAddresses()));
    }

    [Fact]
    public void SortingIsStableForManyTies()
    {
        var c = Collector("vm", AddressFamilies.Inet);
        for (int i = 1; i <= 200; i++)
            Offer(c, $"10.0.{i / 100}.{i % 100}", "vm", i % 2 == 0 ? Now + 5 : 0);
        List<LeaseAddress> sorted = c.SortedAddresses();
        Assert.Equal(200, sorted.Count);
        Assert.All(sorted.Take(100), a => Assert.Equal(Now + 5, a.Expiry));
        Assert.All(sorted.Skip(100), a => Assert.Equal(0, a.Expiry));
        var expectedEven = Enumerable.Range(1, 200).Where(i => i % 2 == 0).Select(i => $"10.0.{i / 100}.{i % 100}");
        Assert.Equal(expectedEven, Texts(sorted.Take(100)));
    }

    [Fact]
    public void ExpiredLeasesAreSkippedAndDoNotMakeTheNameFound()
    {
        var log = new LogLines();
        var c = Collector("vm", AddressFamilies.Inet, log);
        Offer(c, "10.0.0.1", "vm", Now - 1);
        Offer(c, "10.0.0.2", "vm", 1);
        Assert.False(c.Found);
        Assert.Empty(c.SortedAddresses());
        Assert.Equal(2, log.Count("skipped: expired at"));
    }

    [Fact]
    public void ALeaseExpiringNowIsStillValid()
    {
        var c = Collector("vm", AddressFamilies.Inet);
        Offer(c, "10.0.0.1", "vm", Now);
        Assert.Equal(new[] { "10.0.0.1" }, Texts(c.SortedAddresses()));
    }

    [Fact]
    public void OtherFamilyMakesTheNameFoundWithoutAnAddress()
    {
        var log = new LogLines();
        var c = Collector("vm", AddressFamilies.Inet, log);
        Offer(c, "fd00::1", "vm", 0);
        Assert.True(c.Found);
        Assert.Empty(c.SortedAddresses());
        Assert.True(log.Any("lease fd00::1: matched, other family"), log.ToString());

        var v6 = Collector("vm", AddressFamilies.Inet6);
        Offer(v6, "10.0.0.1", "vm", 0);
        Offer(v6, "fd00::1", "vm", 0);
        Assert.Equal(new[] { "fd00::1" }, Texts(v6.SortedAddresses()));
    }

    [Fact]
    public void DuplicatesAreDroppedKeepingTheFirst()
    {
        var log = new LogLines();
        var c = Collector("vm", AddressFamilies.Unspecified, log);
        Offer(c, "10.0.0.1", "vm", Now + 5);
        Offer(c, "10.0.0.1", "VM", Now + 50, "52:54:00:00:00:02");
        Offer(c, "fd00::1", "vm", 0);
        Offer(c, "fd00:0:0::1", "vm", 0);
        Offer(c, "::ffff:10.0.0.1", "vm", 0);
        List<LeaseAddress> sorted = c.SortedAddresses();
        Assert.Equal(new[] { "10.0.0.1", "fd00::1", "::ffff:10.0.0.1" }, Texts(sorted));
        Assert.Equal(Now + 5, sorted[0].Expiry);
        Assert.Equal(2, log.Count("matched, address already listed"));
    }

    [Fact]
    public void NamesCompareAsciiCaseInsensitivelyOnly()
    {
        var c = Collector("MyVm-1.Example", AddressFamilies.Inet);
        Offer(c, "10.0.0.1", "myvm-1.example", 0);
        Offer(c, "10.0.0.2", "MYVM-1.EXAMPLE", 0);
        Offer(c, "10.0.0.3", "myvm-1.example.", 0);
        Offer(c, "10.0.0.4", "myvm-1", 0);
        Offer(c, "10.0.0.5", null, 0);
        Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, Texts(c.SortedAddresses()));

        var nonAscii = Collector("\u00e9", AddressFamilies.Inet);
        Offer(nonAscii, "10.0.0.6", "\u00c9", 0);
        Assert.False(nonAscii.Found);
    }

    [Fact]
    public void AnEntryWithoutHostnameNeverMatchesAnEmptyName()
    {
        var c = Collector("", AddressFamilies.Inet);
        Offer(c, "10.0.0.1", null, 0);
        Assert.False(c.Found);
        Offer(c, "10.0.0.2", "", 0);
        Assert.Equal(new[] { "10.0.0.2" }, Texts(c.SortedAddresses()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vm")]
    [InlineData("10.0.0.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("::g")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void MatchingEntryWithoutAnAddressIsSkipped(string ip)
    {
        var log = new LogLines();
        var c = Collector("vm", AddressFamilies.Unspecified, log);
        Offer(c, ip, "vm", 0);
        Assert.False(c.Found);
        Assert.True(log.Any("skipped: not an IP address"), log.ToString());
    }

    [Fact]
    public void MacQueryComparesAnyCaseAgainstEveryMac()
    {
        var query = LeaseQuery.ByMacs(new[] { Utf8("52:54:00:aa:bb:cc"), Utf8("52:54:00:00:00:02") });
        var c = new LeaseCollector(query, AddressFamilies.Inet, Now, DecisionLog.Silent);
        Offer(c, "10.0.0.1", null, 0, "52:54:00:AA:BB:CC");
        Offer(c, "10.0.0.2", "other", 0, "52:54:00:00:00:02");
        Offer(c, "10.0.0.3", null, 0, "52:54:00:00:00:03");
        Offer(c, "10.0.0.4", null, 0, "52:54:00:aa:bb:cc:");
        Assert.Equal(new[] { "10.0.0.1", "10.0.0.2" }, Texts(c.SortedAddresses()));
        Assert.False(LeaseQuery.ByMacs(new List<byte[]>()).Matches(new LeaseEntry(Utf8("10.0.0.1"), Utf8("m"), default, false, 0)));
    }

    [Fact]
    public void SinkFeedsTheCollectorFromAParser()
    {
        var c = Collector("alpine", AddressFamilies.Inet);
        LeaseFileParser.Parse(NetworkBytes("virbr0.status"), "virbr0.status", c.Sink, DecisionLog.Silent);
        Assert.Equal(new[] { "192.168.122.11", "192.168.122.10" }, Texts(c.SortedAddresses()));
    }
}
