using System;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;
using Xunit;

namespace LibvirtNss.Core.Tests.Matches;

/// <summary>
/// Each rule every lookup (and the command) applies, as a pure function, by a table: when a lease
/// is expired, which lease comes first, a name's forms, MAC ownership, when a reserved host
/// answers, which files a lookup parses.
/// </summary>
public class RuleTables
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Theory]
    [InlineData(0, 1_700_000_000, false)]            // 0: never expires
    [InlineData(1_700_000_000, 1_700_000_000, false)] // expiring this second: still answers
    [InlineData(1_700_000_001, 1_700_000_000, false)]
    [InlineData(1_699_999_999, 1_700_000_000, true)]
    [InlineData(1, 1_700_000_000, true)]
    [InlineData(long.MaxValue, 1_700_000_000, false)]
    public void Expiry(long expiry, long now, bool expired) => Assert.Equal(expired, LeaseExpiry.IsExpired(expiry, now));

    [Theory]
    [InlineData(200, 100, true)]    // renewed last: first
    [InlineData(100, 200, false)]
    [InlineData(100, 100, false)]   // a tie keeps file order
    [InlineData(100, 0, true)]      // never-expiring: after every other
    [InlineData(0, 100, false)]
    [InlineData(0, 0, false)]
    public void Order(long expiry, long other, bool first) => Assert.Equal(first, LeaseExpiry.AnswersBefore(expiry, other));

    [Theory]
    [InlineData("vm1", "", "vm1")]
    [InlineData("vm1.example.lan", "example.lan", "vm1.example.lan|vm1")]
    [InlineData("vm1.example.lan.", "example.lan", "vm1.example.lan.|vm1")]
    [InlineData("VM1.EXAMPLE.LAN", "example.lan", "VM1.EXAMPLE.LAN|VM1")]
    [InlineData("vm1.other.lan", "example.lan", "vm1.other.lan")]
    [InlineData("example.lan", "example.lan", "example.lan")]        // no host label left
    [InlineData(".example.lan", "example.lan", ".example.lan")]
    [InlineData("a.b.c", "b.c|c", "a.b.c|a|a.b")]
    [InlineData("vm1.lan", "lan|LAN", "vm1.lan|vm1")]                 // one form however many domains give it
    public void Forms(string name, string domains, string forms)
    {
        string[] list = domains.Length == 0 ? Array.Empty<string>() : domains.Split('|');
        byte[] text = B(string.Concat(list));
        var ranges = new TextRange[list.Length];
        for (int i = 0, at = 0; i < list.Length; at += list[i].Length, i++)
            ranges[i] = new TextRange(at, list[i].Length);
        byte[] bytes = B(name);
        var lengths = new int[list.Length + 1];
        int count = NameForms.Of(bytes, text, ranges, lengths);
        Assert.Equal(forms, string.Join("|", lengths.Take(count).Select(l => name[..l])));
        Assert.Equal(lengths.Take(count).Min(), NameForms.Shortest(lengths.AsSpan(0, count)));
    }

    [Theory]
    [InlineData("52:54:00:aa:bb:cc", "52:54:00:aa:bb:cc|52:54:00:00:00:01", 0)]
    [InlineData("52:54:00:AA:BB:CC", "52:54:00:aa:bb:cc", 0)]     // any ASCII case
    [InlineData("52:54:00:00:00:01", "52:54:00:aa:bb:cc|52:54:00:00:00:01", 1)]
    [InlineData("52:54:00:aa:bb:c", "52:54:00:aa:bb:cc", -1)]     // a prefix is another MAC
    [InlineData("", "52:54:00:aa:bb:cc", -1)]
    [InlineData("52:54:00:aa:bb:cc", "", -1)]
    public void MacOwnership(string mac, string owned, int index)
    {
        string[] list = owned.Length == 0 ? Array.Empty<string>() : owned.Split('|');
        var ranges = new TextRange[list.Length];
        for (int i = 0, at = 0; i < list.Length; at += list[i].Length, i++)
            ranges[i] = new TextRange(at, list[i].Length);
        Assert.Equal(index, LeaseMatch.IndexOfMac(B(string.Concat(list)), ranges, B(mac)));
    }

    [Theory]
    [InlineData("resvm", "resvm", true)]
    [InlineData("ResVM", "resvm", true)]
    [InlineData("resvm.example.lan", "resvm", true)]     // a bare form in the host's network
    [InlineData("resvm2", "resvm", false)]
    [InlineData("resvm", "", false)]                     // a host without a name answers no name
    public void ReservedHostByName(string asked, string hostName, bool answers)
    {
        byte[] name = B(asked);
        int[] forms = asked.EndsWith(".example.lan") ? new[] { name.Length, name.Length - ".example.lan".Length } : new[] { name.Length };
        Assert.Equal(answers, ReservedHostRule.AnswersName(B(hostName), name, forms));
    }

    [Theory]
    [InlineData("52:54:00:00:00:63", "52:54:00:00:00:63", true)]
    [InlineData("52:54:00:00:00:63", "52:54:00:00:00:64", false)]
    [InlineData("", "52:54:00:00:00:63", false)]         // a DNS host has no MAC: never a domain's
    public void ReservedHostByDomain(string hostMac, string domainMac, bool answers) =>
        Assert.Equal(answers, ReservedHostRule.AnswersDomain(B(hostMac), B(domainMac), new[] { new TextRange(0, domainMac.Length) }));

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    public void ReservationYieldsToLease(bool hasMac, bool live, bool yields) =>
        Assert.Equal(yields, ReservedHostRule.YieldsToLease(hasMac, live));

    [Theory]
    [InlineData("[{\"hostname\":\"vm1\"}]", "vm1", true)]
    [InlineData("[{\"hostname\":\"VM1\"}]", "vm1", true)]
    [InlineData("[{\"hostname\":\"vm2\"}]", "vm1", false)]
    [InlineData("[{\"hostname\":\"v\\u006d1\"}]", "vm1", true)]   // an escape may spell it: parsed
    [InlineData("[]", "", true)]                                     // the empty value is in every file
    public void FilesParsed(string contents, string value, bool parsed)
    {
        var arena = new Arena();
        try
        {
            ReadFilter filter = ReadFilter.Of(all: false);
            Assert.True(filter.TryAdd(ref arena, B(value)));
            Assert.Equal(parsed, filter.Admits(B(contents)));
            Assert.True(ReadFilter.Everything.Admits(B(contents)));
            Assert.False(ReadFilter.Of(all: false).Admits(B(contents)) && !contents.Contains('\\'));
        }
        finally
        {
            arena.Release();
        }
    }

    // Who may answer for a name (docs/security.md): dnsmasq's own rule for the names it gives
    // guests (util.c, legal_hostname and valid_hostname), the host's own name, and a lease's
    // verdict against the domains and reservations of the name.
    [Theory]
    [InlineData("vm1", true)]
    [InlineData("VM-1_a", true)]
    [InlineData("1vm", true)]                 // a digit may come first (RFC 1123)
    [InlineData("a.b", true)]
    [InlineData("-x", false)]
    [InlineData("_x", false)]
    [InlineData("a.-b", false)]               // every label, not only the first
    [InlineData("a..b", false)]
    [InlineData(".", false)]
    [InlineData("a.", false)]
    [InlineData("", false)]
    [InlineData("x y", false)]
    [InlineData("ab\ncd", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("v\u043c1", false)]           // Cyrillic em
    [InlineData("*", false)]
    [InlineData("wpad", false)]
    [InlineData("WPAD", false)]
    [InlineData("wpad.example.lan", false)]   // dnsmasq judges the first label
    [InlineData("wpad2", true)]
    [InlineData("isatap", false)]
    [InlineData("localhost", false)]
    [InlineData("ip6-localhost", false)]
    [InlineData("ip6-loopback", false)]
    [InlineData("ip6-allnodes", true)]        // not dnsmasq's; never a reverse answer (below)
    public void DnsmasqNames(string name, bool legal) =>
        Assert.Equal(legal, GuestNameRule.IsDnsmasqName(Encoding.UTF8.GetBytes(name)));

    [Theory]
    [InlineData(63, 1, true)]
    [InlineData(64, 1, false)]                // a label of 64 bytes
    [InlineData(63, 4, true)]                 // 4 × 63 + 3 dots = 255: over 253
    public void DnsmasqNameLengths(int label, int labels, bool legal)
    {
        string name = string.Join(".", Enumerable.Repeat(new string('a', label), labels));
        Assert.Equal(legal && name.Length <= GuestNameRule.MaxNameLength, GuestNameRule.IsDnsmasqName(B(name)));
    }

    [Theory]
    [InlineData("hostbox", "hostbox.example.test", true)]
    [InlineData("HOSTBOX.example.test", "hostbox.example.test", true)]
    [InlineData("hostbox.example.test.", "hostbox.example.test", true)]
    [InlineData("hostbox", "hostbox", true)]
    [InlineData("hostbox.lan", "hostbox", false)]       // the long form is unknown when the node name is short
    [InlineData("hostbox2", "hostbox", false)]
    [InlineData("hostbox", "", false)]                  // no node name: nothing is the host's
    public void HostsOwnName(string name, string nodeName, bool own) =>
        Assert.Equal(own, GuestNameRule.IsHostsOwnName(B(name), B(nodeName)));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST.", true)]
    [InlineData("localhost.localdomain", true)]
    [InlineData("ip6-allnodes", true)]
    [InlineData("IP6-localnet", true)]
    [InlineData("hostbox", true)]
    [InlineData("localhost2", false)]
    [InlineData("vm1", false)]
    [InlineData("ip6", false)]
    public void NeverReverseNames(string name, bool never) =>
        Assert.Equal(never, GuestNameRule.IsNeverReverseName(B(name), B("hostbox.example.test")));

    [Theory]
    //          host name   domain? its MAC? reserved? holds it?  verdict
    [InlineData("vm1",      false, false, false, false, GuestNameVerdict.Answers)]           // a name nobody owns
    [InlineData("vm1",      true,  true,  false, false, GuestNameVerdict.Answers)]           // the domain's own guest
    [InlineData("vm1",      true,  false, false, false, GuestNameVerdict.OtherDomainsName)]  // another guest calling itself vm1
    [InlineData("vm1",      false, false, true,  true,  GuestNameVerdict.Answers)]           // the reservation's guest
    [InlineData("vm1",      false, false, true,  false, GuestNameVerdict.ReservedForAnother)]
    [InlineData("vm1",      true,  true,  true,  false, GuestNameVerdict.ReservedForAnother)] // both must agree
    [InlineData("vm1",      true,  false, true,  true,  GuestNameVerdict.OtherDomainsName)]
    [InlineData("wpad",     false, false, false, false, GuestNameVerdict.NotDnsmasqName)]
    [InlineData("x y",      true,  true,  false, false, GuestNameVerdict.NotDnsmasqName)]    // even a domain's own guest
    [InlineData("hostbox",  false, false, false, false, GuestNameVerdict.HostsOwnName)]
    [InlineData("HostBox",  true,  true,  false, false, GuestNameVerdict.HostsOwnName)]
    public void LeaseVerdicts(string hostname, bool nameIsDomain, bool macIsDomains, bool nameIsReserved, bool holdsReservation,
        GuestNameVerdict verdict) =>
        Assert.Equal(verdict, GuestNameRule.Judge(B(hostname), B("hostbox.example.test"), nameIsDomain, macIsDomains, nameIsReserved,
            holdsReservation));
}
