using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The lease snapshot keeps the networks' conf, hostsfile and addnhosts files too: its forward
/// and reverse answers equal those of reading every file, and a change of those files is seen.
/// </summary>
public class SnapshotNetworkFilesTests
{
    private const long Later = Now + 3600;

    private static TempLeaseDirectory Directory()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("virbr0.status", "[" + string.Join(",",
            Lease("192.168.122.10", "52:54:00:00:00:10", "vm1", Later),
            Lease("192.168.122.11", "52:54:00:00:00:11", "vm1", Later + 50),
            Lease("192.168.122.12", "52:54:00:00:00:12", null, Later),
            Lease("fd00:122::10", "52:54:00:00:00:10", "vm1", Later - 50)) + "]");
        dir.Write("virbr1.status", "[" + Lease("192.168.100.10", "52:54:00:00:01:10", "vm1", Later) + "]");
        dir.Write("virbr0.macs", "[{\"domain\":\"dom1\",\"macs\":[\"52:54:00:00:00:10\",\"52:54:00:00:00:77\"]}," +
                                 "{\"domain\":\"dom2\",\"macs\":[\"52:54:00:00:00:12\"]}]");
        dir.Write("default.conf", "strict-order\ndomain=example.lan\nexpand-hosts\nbind-dynamic\ninterface=virbr0\n");
        dir.Write("isolated.conf", "bind-dynamic\ninterface=virbr1\ndomain=iso.test\n");
        dir.Write("default.hostsfile", "52:54:00:00:00:77,192.168.122.77,resvm\n52:54:00:00:00:10,192.168.122.88,vm1\nvm1,192.168.122.89\n");
        dir.Write("default.addnhosts", "192.168.122.10\tvm1\tdnsalias\t\n192.168.122.90\tvm1\t\n");
        return dir;
    }

    private static readonly string[] Names =
    {
        "vm1", "VM1.example.lan", "vm1.example.lan.", "vm1.iso.test", "vm1.other", "resvm", "resvm.example.lan",
        "dnsalias", "dom1", "dom1.example.lan", "dom2", "dom2.iso.test", "nosuch", "nosuch.example.lan",
    };

    private static readonly string[] Addresses =
    {
        "192.168.122.10", "192.168.122.11", "192.168.122.12", "192.168.122.77", "192.168.122.88", "192.168.122.89",
        "192.168.122.90", "192.168.100.10", "fd00:122::10", "10.0.0.1",
    };

    [Fact]
    public void AnswersWhatReadingEveryFileAnswers()
    {
        using TempLeaseDirectory dir = Directory();
        var cache = new LeaseCache(dir.Path);
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            foreach (string name in Names)
            {
                foreach (int family in new[] { AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6 })
                {
                    LookupResult expected = LeaseDirectory.Lookup(dir.Path, kind, Utf8(name), family, Now, DecisionLog.Silent);
                    LookupResult actual = cache.Lookup(kind, Utf8(name), family, Now, DecisionLog.Silent);
                    Assert.True(expected.Outcome == actual.Outcome && Texts(expected.Addresses).SequenceEqual(Texts(actual.Addresses)),
                        $"{kind} {name} {family}: read {expected.Outcome} [{string.Join(" ", Texts(expected.Addresses))}], " +
                        $"snapshot {actual.Outcome} [{string.Join(" ", Texts(actual.Addresses))}]");
                }
            }
            foreach (string address in Addresses)
            {
                var ip = System.Net.IPAddress.Parse(address);
                int family = address.Contains(':') ? AddressFamilies.Inet6 : AddressFamilies.Inet;
                ReverseResult expected = ReverseLookup.Lookup(dir.Path, kind, family, ip.GetAddressBytes(), Now, DecisionLog.Silent);
                ReverseResult actual = cache.Reverse(kind, family, ip.GetAddressBytes(), Now, DecisionLog.Silent);
                string Show(ReverseResult r) => $"{r.Outcome} [{string.Join(" ", r.Names.Select(n => Encoding.UTF8.GetString(n)))}]";
                Assert.True(Show(expected) == Show(actual), $"{kind} {address}: read {Show(expected)}, snapshot {Show(actual)}");
            }
        }
        string[] vm1 = Texts(cache.Lookup(LookupKind.Hostname, Utf8("vm1"), AddressFamilies.Inet, Now, DecisionLog.Silent).Addresses);
        // default reserves vm1 (by MAC 52:54:00:00:00:10 and at .88, .89, .10, .90): of the leases
        // named vm1 only the one with that MAC answers (.11 and virbr1's .100.10 are another guest's
        // claim); .88 yields to that MAC's lease; the reserved addresses come after every lease.
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.89", "192.168.122.90" }, vm1);
        Assert.Equal(new[] { "192.168.100.10" },
            Texts(cache.Lookup(LookupKind.Hostname, Utf8("vm1.iso.test"), AddressFamilies.Inet, Now, DecisionLog.Silent).Addresses));
    }

    [Fact]
    public void ChangedNetworkFilesAreSeen()
    {
        using TempLeaseDirectory dir = Directory();
        var cache = new LeaseCache(dir.Path);
        LookupResult Find(string name) => cache.Lookup(LookupKind.Hostname, Utf8(name), AddressFamilies.Inet, Now, DecisionLog.Silent);
        Assert.Equal(LookupOutcome.NoMatch, Find("newres").Outcome);
        Assert.Equal(LookupOutcome.NoMatch, Find("vm1.new.lan").Outcome);
        dir.Write("default.hostsfile", "newres,192.168.122.55\n");
        dir.Write("default.conf", "domain=new.lan\ninterface=virbr0\n");
        Assert.Equal(new[] { "192.168.122.55" }, Texts(Find("newres").Addresses));
        // default.addnhosts still reserves vm1 at .10 and .90: the lease at .11 may not answer it.
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.90" }, Texts(Find("vm1.new.lan").Addresses));
        Assert.Equal(LookupOutcome.NoMatch, Find("vm1.example.lan").Outcome);
    }
}
