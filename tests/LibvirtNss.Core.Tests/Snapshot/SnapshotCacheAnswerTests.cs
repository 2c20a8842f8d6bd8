using System;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Snapshot;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>
/// SnapshotCache answers what reading every file answers (NameLookup.Run, AddressLookup.Run, and
/// the reference resolver's LeaseDirectory, ReverseLookup and LeaseCache): on upstream's fixture, on a directory of
/// networks with domains and reserved hosts, and on generated and mutated directories; on the
/// first lookup (which builds the snapshot, or, from the second lookup on, reads the files) and on
/// later ones (which answer from it), of both kinds, every family, forward and reverse.
/// </summary>
public class SnapshotCacheAnswerTests
{
    private const long Later = Now + 3600;
    private static readonly int[] ForwardFamilies = { AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6, 1 };
    private static readonly LookupKind[] Kinds = { LookupKind.Hostname, LookupKind.DomainName };

    public static TheoryData<string> NetworkNames => new()
    {
        "alpine", "ALPINE", "arch", "Arch", "nohost", "void", "stopped", "debian", "fedora", "ubuntu",
        "192.168.122.10", "52:54:00:10:00:01", "", "example.invalid", "alpine.", "nonexistent",
    };

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void AnswersWhatReadingEveryFileAnswers(string name)
    {
        using var cache = new NewCache(Networks);
        using var lazy = new NewCache(Networks, fromSecondLookup: true);
        var reference = new LeaseCache(Networks);
        foreach (LookupKind kind in Kinds)
        {
            foreach (int family in ForwardFamilies)
            {
                foreach (long now in new[] { Now, 1_800_005_000L, 1_900_000_000L })
                    SameAnswers.Forward("nssdata/networks", Networks, kind, Utf8(name), family, now, cache, lazy, reference);
            }
        }
    }

    /// <summary>Two networks with domains (one conf each), reserved hosts by MAC and by name, and an alias.</summary>
    internal static TempLeaseDirectory NetworkFiles()
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

    private static readonly string[] NetworkFileNames =
    {
        "vm1", "VM1.example.lan", "vm1.example.lan.", "vm1.iso.test", "vm1.other", "resvm", "resvm.example.lan",
        "dnsalias", "dom1", "dom1.example.lan", "dom2", "dom2.iso.test", "nosuch", "nosuch.example.lan",
    };

    private static readonly string[] NetworkFileAddresses =
    {
        "192.168.122.10", "192.168.122.11", "192.168.122.12", "192.168.122.77", "192.168.122.88", "192.168.122.89",
        "192.168.122.90", "192.168.100.10", "fd00:122::10", "10.0.0.1",
    };

    [Fact]
    public void NetworkDomainsAndReservedHostsAnswerWhatReadingEveryFileAnswers()
    {
        using TempLeaseDirectory dir = NetworkFiles();
        using var cache = new NewCache(dir.Path);
        using var lazy = new NewCache(dir.Path, fromSecondLookup: true);
        var reference = new LeaseCache(dir.Path);
        // Twice: first while the files are fresh (each lookup builds), then from a settled snapshot.
        for (int round = 0; round < 2; round++)
        {
            foreach (LookupKind kind in Kinds)
            {
                foreach (string name in NetworkFileNames)
                {
                    foreach (int family in ForwardFamilies)
                        SameAnswers.Forward($"round {round}", dir.Path, kind, Utf8(name), family, Now, cache, lazy, reference);
                }
                foreach (string address in NetworkFileAddresses)
                {
                    var ip = IPAddress.Parse(address);
                    int family = address.Contains(':') ? AddressFamilies.Inet6 : AddressFamilies.Inet;
                    SameAnswers.Reverse($"round {round}", dir.Path, kind, family, ip.GetAddressBytes(), Now, cache, lazy, reference);
                }
                SameAnswers.Reverse($"round {round}", dir.Path, kind, 1, new byte[4], Now, cache, lazy, reference);
            }
            Settle.Wait(dir.Path);
        }
        // default reserves vm1 (by MAC 52:54:00:00:00:10 and at .88, .89, .10, .90): of the leases
        // named vm1 only the one with that MAC answers (.11 and virbr1's .100.10 are another guest's
        // claim); .88 yields to that MAC's lease; the reserved addresses come last.
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.89", "192.168.122.90" }, cache.Resolve("vm1", family: AddressFamilies.Inet));
        Assert.Equal(new[] { "192.168.100.10" }, cache.Resolve("vm1.iso.test", family: AddressFamilies.Inet));
        Assert.Equal(new[] { "192.168.122.77" }, cache.Resolve("resvm.example.lan"));
    }

    [Fact]
    public void ChangedNetworkFilesAreSeen()
    {
        using TempLeaseDirectory dir = NetworkFiles();
        using var cache = new NewCache(dir.Path);
        Settle.Wait(dir.Path);
        Assert.Empty(cache.Resolve("newres"));
        Assert.Empty(cache.Resolve("vm1.new.lan"));
        long built = cache.SnapshotsBuilt;
        dir.Write("default.hostsfile", "newres,192.168.122.55\n");
        dir.Write("default.conf", "domain=new.lan\ninterface=virbr0\n");
        Assert.Equal(new[] { "192.168.122.55" }, cache.Resolve("newres", family: AddressFamilies.Inet));
        // default.addnhosts still reserves vm1 at .10 and .90: the lease at .11 may not answer it.
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.90" }, cache.Resolve("vm1.new.lan", family: AddressFamilies.Inet));
        Assert.Empty(cache.Resolve("vm1.example.lan"));
        Assert.True(cache.SnapshotsBuilt > built);
    }

    /// <summary>
    /// Generated directories (the fuzzer's status and macs files, generated conf, hostsfile and
    /// addnhosts files, all mutated now and then): every name form, kind, family and two clocks,
    /// forward and reverse, equal between the caches (new, new from the second lookup, reference's)
    /// and the reading paths. First on the fresh files (each lookup builds a snapshot that is not
    /// yet trusted), then on the settled ones (one build, then answers from the snapshot).
    /// </summary>
    [Property(MaxTest = 80)]
    public Property GeneratedDirectoriesAnswerWhatReadingEveryFileAnswers() => Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
    {
        using var dir = new GeneratedDirectory(seed);
        using var cache = new NewCache(dir.Path);
        using var lazy = new NewCache(dir.Path, fromSecondLookup: true);
        var reference = new LeaseCache(dir.Path);
        var addresses = dir.Addresses().ToArray();
        string context = dir.ToString();

        // First lookups, the files just written.
        foreach (LookupKind kind in Kinds)
        {
            foreach (string name in GeneratedDirectory.Names)
                SameAnswers.Forward(context + " (fresh)", dir.Path, kind, Utf8(name), AddressFamilies.Unspecified, Now, cache, lazy, reference);
            foreach (IPAddress ip in addresses.Take(4))
                SameAnswers.Reverse(context + " (fresh)", dir.Path, kind, FamilyOf(ip), ip.GetAddressBytes(), Now, cache, lazy, reference);
        }

        Settle.Wait(dir.Path);
        long built = cache.SnapshotsBuilt;
        foreach (LookupKind kind in Kinds)
        {
            foreach (string name in GeneratedDirectory.Names)
            {
                foreach (int family in ForwardFamilies)
                    SameAnswers.Forward(context, dir.Path, kind, Utf8(name), family, Now, cache, lazy, reference);
                // Later, when more of the leases have expired.
                SameAnswers.Forward(context, dir.Path, kind, Utf8(name), AddressFamilies.Unspecified, Now + 60_000, cache, lazy, reference);
            }
            for (int i = 0; i < addresses.Length; i++)
            {
                IPAddress ip = addresses[i];
                SameAnswers.Reverse(context, dir.Path, kind, FamilyOf(ip), ip.GetAddressBytes(), i % 3 == 0 ? Now + 60_000 : Now, cache, lazy, reference);
            }
            SameAnswers.Reverse(context, dir.Path, kind, 1, new byte[16], Now, cache, lazy, reference);
        }
        // Settled: the later lookups answered from one snapshot.
        Assert.True(cache.SnapshotsBuilt - built <= 1, $"{context}: {cache.SnapshotsBuilt - built} snapshots built after the files settled");
    });

    private static int FamilyOf(IPAddress ip) =>
        ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AddressFamilies.Inet6 : AddressFamilies.Inet;
}
