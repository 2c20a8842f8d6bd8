using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// Lookups over nssdata/networks: two networks in the shape of upstream's tests/nssdata
/// (virbr0/virbr1 .status and .macs), answered as upstream's nsstest expects, at a fixed now.
/// </summary>
public class NetworksFixtureTests
{
    private static LookupResult Hostname(string name, int family) =>
        LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8(name), family, Now, DecisionLog.Silent);

    private static LookupResult Domain(string name, int family) =>
        LeaseDirectory.Lookup(Networks, LookupKind.DomainName, Utf8(name), family, Now, DecisionLog.Silent);

    [Theory]
    [InlineData("alpine")]
    [InlineData("ALPINE")]
    [InlineData("aLpInE")]
    public void HostnameAcrossNetworksLatestExpiryFirstExpiredLeft(string name)
    {
        LookupResult found = Hostname(name, AddressFamilies.Inet);
        Assert.Equal(LookupOutcome.Addresses, found.Outcome);
        Assert.Equal(new[] { "192.168.122.11", "192.168.100.10", "192.168.122.10" }, Texts(found.Addresses));
    }

    [Fact]
    public void NeverExpiringLeaseOfEitherFamily()
    {
        Assert.Equal(new[] { "192.168.122.20" }, Texts(Hostname("arch", AddressFamilies.Inet).Addresses));
        Assert.Equal(new[] { "fd00:100::20" }, Texts(Hostname("arch", AddressFamilies.Inet6).Addresses));
    }

    [Fact]
    public void UnspecifiedFamilyAnswersBothNeverExpiringLast()
    {
        LookupResult found = Hostname("Arch", AddressFamilies.Unspecified);
        Assert.Equal(new[] { "fd00:100::20", "192.168.122.20" }, Texts(found.Addresses));
        Assert.Equal(new[] { AddressFamilies.Inet6, AddressFamilies.Inet }, found.Addresses.Select(a => a.Family));
    }

    [Fact]
    public void SameAddressInTwoNetworksIsListedOnce()
    {
        Assert.Equal(new[] { "192.168.122.60" }, Texts(Hostname("twin", AddressFamilies.Inet).Addresses));
    }

    [Fact]
    public void MatchWithoutAddressOfAskedFamily()
    {
        LookupResult found = Hostname("ipv6only", AddressFamilies.Inet);
        Assert.Equal(LookupOutcome.NoAddressOfFamily, found.Outcome);
        Assert.Empty(found.Addresses);
        Assert.Equal(new[] { "fd00:100::50" }, Texts(Hostname("ipv6only", AddressFamilies.Inet6).Addresses));
    }

    [Theory]
    [InlineData("non-existent")]
    [InlineData("nohost")]
    [InlineData("alpine.")]
    [InlineData("")]
    public void UnknownNamesAreNoMatch(string name)
    {
        LookupResult found = Hostname(name, AddressFamilies.Inet);
        Assert.Equal(LookupOutcome.NoMatch, found.Outcome);
        Assert.Empty(found.Addresses);
    }

    [Fact]
    public void DomainCollectsItsMacsAcrossNetworks()
    {
        LookupResult found = Domain("alpine", AddressFamilies.Inet);
        Assert.Equal(new[] { "192.168.122.11", "192.168.100.10", "192.168.122.10" }, Texts(found.Addresses));
    }

    [Fact]
    public void DomainNamesAndMacsCompareCaseInsensitively()
    {
        Assert.Equal(new[] { "fd00:100::20", "192.168.122.20" }, Texts(Domain("ARCH", AddressFamilies.Unspecified).Addresses));
        // virbr1.status holds 52:54:00:AA:BB:CC, virbr1.macs lists 52:54:00:aa:bb:cc.
        Assert.Equal(new[] { "192.168.100.40" }, Texts(Domain("void", AddressFamilies.Inet).Addresses));
    }

    [Fact]
    public void DomainWithoutHostnameInItsLeases()
    {
        Assert.Equal(new[] { "192.168.122.30" }, Texts(Domain("nohost", AddressFamilies.Inet).Addresses));
    }

    [Fact]
    public void DomainWithMacsButNoLeaseIsNoMatch()
    {
        Assert.Equal(LookupOutcome.NoMatch, Domain("stopped", AddressFamilies.Inet).Outcome);
    }

    [Theory]
    [InlineData("non-existent")]
    [InlineData("52:54:00:10:00:01")]
    public void UnknownDomainHasNoMacs(string name)
    {
        LookupResult found = Domain(name, AddressFamilies.Inet);
        Assert.Equal(LookupOutcome.DomainWithoutMacs, found.Outcome);
        Assert.Empty(found.Addresses);
    }

    [Fact]
    public void OnlyStatusAndMacsFilesAreRead()
    {
        var log = new LogLines();
        LookupResult found = LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8("alpine"), AddressFamilies.Inet, Now, log.Log);
        Assert.DoesNotContain("192.168.122.99", Texts(found.Addresses));
        Assert.True(log.Any(": 2 status files, 2 macs files"), log.ToString());
    }

    [Fact]
    public void LaterClockExpiresMoreLeases()
    {
        LookupResult found = LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8("alpine"), AddressFamilies.Inet,
            1_800_005_000, DecisionLog.Silent);
        // expiry == now still counts as valid; 1800003600 is past.
        Assert.Equal(new[] { "192.168.122.11", "192.168.100.10" }, Texts(found.Addresses));
        LookupResult gone = LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8("alpine"), AddressFamilies.Inet,
            1_900_000_000, DecisionLog.Silent);
        Assert.Equal(LookupOutcome.NoMatch, gone.Outcome);
        LookupResult forever = LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8("arch"), AddressFamilies.Inet,
            long.MaxValue, DecisionLog.Silent);
        Assert.Equal(new[] { "192.168.122.20" }, Texts(forever.Addresses));
    }
}
