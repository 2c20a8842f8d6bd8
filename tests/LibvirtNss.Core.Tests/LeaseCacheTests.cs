using System;
using System.IO;
using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The lease snapshot answers what reading every file answers, and sees every change on disk:
/// a rewrite by rename or in place that keeps size and mtime, a file added or removed.
/// </summary>
public class LeaseCacheTests
{
    private const int ENOENT = 2, ENOTDIR = 20;

    /// <summary>A time long before any test ran: both versions of a file get it as their mtime.</summary>
    private static readonly DateTime FixedMtime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Status(string ip, string hostname = "vm", string mac = "52:54:00:00:00:02") =>
        "[" + Lease(ip, mac, hostname, 0) + "]";

    private static string Macs(string domain, string mac = "52:54:00:00:00:02") =>
        $"[{{\"domain\":\"{domain}\",\"macs\":[\"{mac}\"]}}]";

    private static string[] Resolve(LeaseCache cache, string name, LookupKind kind = LookupKind.Hostname) =>
        Texts(cache.Lookup(kind, Utf8(name), AddressFamilies.Unspecified, Now, DecisionLog.Silent).Addresses);

    private static void AssertSameAnswer(LookupResult expected, LookupResult actual, string what)
    {
        Assert.True(expected.Outcome == actual.Outcome, $"{what}: {expected.Outcome} vs {actual.Outcome}");
        Assert.Equal(expected.Errno, actual.Errno);
        Assert.Equal(expected.Addresses.Select(a => (a.ToString(), a.Expiry)), actual.Addresses.Select(a => (a.ToString(), a.Expiry)));
    }

    public static TheoryData<string> NetworkNames => new()
    {
        "alpine", "ALPINE", "arch", "Arch", "nohost", "void", "stopped", "debian", "fedora", "ubuntu",
        "192.168.122.10", "52:54:00:10:00:01", "", "example.invalid", "alpine.", "nonexistent",
    };

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void AnswersWhatReadingEveryFileAnswers(string name)
    {
        AnswersWhatReadingEveryFileAnswersFrom(new LeaseCache(Networks), name);
        AnswersWhatReadingEveryFileAnswersFrom(new LeaseCache(Networks, SnapshotFrom.SecondLookupOfAKind), name);
    }

    private static void AnswersWhatReadingEveryFileAnswersFrom(LeaseCache cache, string name)
    {
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            foreach (int family in new[] { AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6, 1 })
            {
                foreach (long now in new[] { Now, 1_800_005_000L, 1_900_000_000L })
                {
                    LookupResult expected = LeaseDirectory.Lookup(Networks, kind, Utf8(name), family, now, DecisionLog.Silent);
                    LookupResult actual = cache.Lookup(kind, Utf8(name), family, now, DecisionLog.Silent);
                    AssertSameAnswer(expected, actual, $"{kind} {name} family {family} at {now}");
                }
            }
        }
    }

    [Fact]
    public void BadFilesAreSkippedAndTheOthersAnswerAsWhenReadingEveryFile()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("good.status", Status("192.168.122.2"));
        dir.Write("object.status", "{\"ip-address\":\"192.168.122.3\"}");
        dir.Write("half.status", "[" + Lease("192.168.122.4", "52:54:00:00:00:04", "vm", 0) + ", {\"ip-address\": tru");
        dir.Write("entries.status", "[{\"ip-address\":1}," + Lease("not-an-ip", "52:54:00:00:00:05", "vm", 0) + "]");
        dir.Write("huge.status", new byte[LeaseDirectory.MaxFileBytes + 1]);
        dir.Write("bad.macs", "[{\"domain\":\"vm\",\"macs\":[1]}, {\"domain\":\"vm\",\"macs\":[\"52:54:00:00:00:04\"]}]");
        dir.Write("good.macs", Macs("vm"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "dangling.status"), "/nonexistent/file");
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub.status"));
        var cache = new LeaseCache(dir.Path);
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            var log = new LogLines();
            LookupResult expected = LeaseDirectory.Lookup(dir.Path, kind, Utf8("vm"), AddressFamilies.Unspecified, Now, DecisionLog.Silent);
            LookupResult actual = cache.Lookup(kind, Utf8("vm"), AddressFamilies.Unspecified, Now, log.Log);
            AssertSameAnswer(expected, actual, kind.ToString());
            Assert.NotEmpty(actual.Addresses);
            if (kind == LookupKind.Hostname)
            {
                Assert.True(log.Any("object.status: skipped: not a JSON array"), log.ToString());
                Assert.True(log.Any("huge.status: skipped:"), log.ToString());
                Assert.True(log.Any("dangling.status: skipped: cannot read"), log.ToString());
                Assert.True(log.Any("good.status: 1 entries read"), log.ToString());
            }
        }
    }

    /// <summary>vm (a.status, domain guest in a.macs) and other (b.status), settled on disk.</summary>
    private static TempLeaseDirectory TwoNetworksOneDomain()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("a.status", Status("192.168.122.2"));
        dir.Write("a.macs", Macs("guest"));
        dir.Write("b.status", Status("192.168.100.2", "other", "52:54:00:00:01:02"));
        SettledFiles.Wait(dir.Path);
        return dir;
    }

    [Fact]
    public void WarmLookupsReadNothingAndMissesAreRejectedFromTheIndex()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        var cache = new LeaseCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "vm"));
        Assert.Equal(3, cache.FilesRead);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "VM"));
            Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "guest", LookupKind.DomainName));
            Assert.Empty(Resolve(cache, "example.invalid"));
            Assert.Empty(Resolve(cache, "example.invalid", LookupKind.DomainName));
        }
        Assert.Equal(3, cache.FilesRead);
        Assert.Equal(1, cache.SnapshotsBuilt);
        var log = new LogLines();
        cache.Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Inet, Now, log.Log);
        Assert.True(log.Any("3 files unchanged, answering from the snapshot"), log.ToString());
    }

    [Fact]
    public void TheFirstLookupOfEachKindReadsTheFilesAndTheSecondBuildsTheSnapshot()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        var cache = new LeaseCache(dir.Path, SnapshotFrom.SecondLookupOfAKind);

        var log = new LogLines();
        LookupResult first = cache.Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Unspecified, Now, log.Log);
        AssertSameAnswer(LeaseDirectory.Lookup(dir.Path, LookupKind.Hostname, Utf8("vm"), AddressFamilies.Unspecified, Now, DecisionLog.Silent),
            first, "first host-name lookup");
        Assert.Equal(new[] { "192.168.122.2" }, Texts(first.Addresses));
        Assert.True(log.Any("first lookup of its kind: reading the files, no snapshot yet"), log.ToString());
        Assert.True(log.Any("a.status: 1 entries read"), log.ToString());
        Assert.Equal(0, cache.SnapshotsBuilt);
        Assert.Equal(0, cache.SnapshotBytes);

        // The first domain lookup reads too; the first host-name lookup does not count for it.
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "guest", LookupKind.DomainName));
        Assert.Equal(0, cache.SnapshotsBuilt);

        Assert.Empty(Resolve(cache, "example.invalid"));
        Assert.Equal(1, cache.SnapshotsBuilt);
        Assert.Equal(3, cache.FilesRead);
        Assert.True(cache.SnapshotBytes > 0);
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "guest", LookupKind.DomainName));
        Assert.Equal(new[] { "192.168.100.2" }, Resolve(cache, "OTHER"));
        Assert.Equal((1, 3), (cache.SnapshotsBuilt, cache.FilesRead));
    }

    [Fact]
    public void RewriteByRenameWithTheSameSizeAndMtimeIsSeen()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        SettledFiles.Wait(dir.Path);
        var cache = new LeaseCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "vm"));
        FileIdentity before = SettledFiles.Identity(path);

        // As libvirt_leaseshelper does: write a new file, rename it over the old one.
        string next = dir.Write("net.status.new", Status("192.168.122.3"));
        File.SetLastWriteTimeUtc(next, FixedMtime);
        File.Move(next, path, overwrite: true);
        SettledFiles.Wait(dir.Path);
        FileIdentity after = SettledFiles.Identity(path);
        Assert.Equal((before.Size, before.MtimeSeconds, before.MtimeNanoseconds), (after.Size, after.MtimeSeconds, after.MtimeNanoseconds));

        Assert.Equal(new[] { "192.168.122.3" }, Resolve(cache, "vm"));
        Assert.Equal(2, cache.FilesRead);
    }

    [Fact]
    public void RewriteInPlaceWithTheSameSizeAndMtimeIsSeen()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        SettledFiles.Wait(dir.Path);
        var cache = new LeaseCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "vm"));
        FileIdentity before = SettledFiles.Identity(path);

        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.Write(Utf8(Status("192.168.122.3")));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        SettledFiles.Wait(dir.Path);
        FileIdentity after = SettledFiles.Identity(path);
        // Only the ctime tells this version from the first.
        Assert.Equal(before with { CtimeSeconds = 0, CtimeNanoseconds = 0 }, after with { CtimeSeconds = 0, CtimeNanoseconds = 0 });
        Assert.NotEqual(before, after);

        Assert.Equal(new[] { "192.168.122.3" }, Resolve(cache, "vm"));
    }

    [Fact]
    public void FilesAddedAndRemovedAreSeen()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("a.status", Status("192.168.122.2"));
        SettledFiles.Wait(dir.Path);
        var cache = new LeaseCache(dir.Path);
        Assert.Empty(Resolve(cache, "other"));
        Assert.Empty(Resolve(cache, "guest", LookupKind.DomainName));

        string added = dir.Write("b.status", Status("192.168.100.2", "other", "52:54:00:00:01:02"));
        string macs = dir.Write("b.macs", Macs("guest", "52:54:00:00:01:02"));
        SettledFiles.Wait(dir.Path);
        Assert.Equal(new[] { "192.168.100.2" }, Resolve(cache, "other"));
        Assert.Equal(new[] { "192.168.100.2" }, Resolve(cache, "guest", LookupKind.DomainName));
        Assert.Equal(3, cache.FilesRead); // a.status was kept, not read again

        File.Delete(added);
        File.Delete(macs);
        SettledFiles.Wait(dir.Path);
        Assert.Empty(Resolve(cache, "other"));
        Assert.Empty(Resolve(cache, "guest", LookupKind.DomainName));
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "vm"));
    }

    [Fact]
    public void ChangesRightAfterAReadAreSeenWithoutWaiting()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        var cache = new LeaseCache(dir.Path);
        for (int i = 0; i < 50; i++)
        {
            string ip = $"192.168.122.{10 + i % 10}";
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                stream.Write(Utf8(Status(ip)));
            Assert.Equal(new[] { ip }, Resolve(cache, "vm"));
        }
    }

    [Fact]
    public void LeasesOverTheBudgetAreReadOnEveryLookup()
    {
        using var dir = new TempLeaseDirectory();
        string leases = string.Join(",", Enumerable.Range(1, 50).Select(i =>
            Lease($"10.0.0.{i}", $"52:54:00:00:00:{i:x2}", $"vm{i}", 0)));
        string path = dir.Write("net.status", "[" + leases + "]");
        dir.Write("net.macs", Macs("guest", "52:54:00:00:00:07"));
        SettledFiles.Wait(dir.Path);
        var cache = new LeaseCache(dir.Path, budgetLimit: 2000);
        var log = new LogLines();
        Assert.Equal(new[] { "10.0.0.7" }, Texts(cache.Lookup(LookupKind.Hostname, Utf8("vm7"), AddressFamilies.Inet, Now, log.Log).Addresses));
        Assert.True(log.Any("read on every lookup, not kept"), log.ToString());
        Assert.Equal(0, cache.SnapshotBytes);
        Assert.Equal(new[] { "10.0.0.7" }, Resolve(cache, "guest", LookupKind.DomainName));
        Assert.Equal(1, cache.SnapshotsBuilt); // the over-budget snapshot holds until something changes

        File.WriteAllText(path, Status("10.0.0.99", "vm7"));
        SettledFiles.Wait(dir.Path);
        Assert.Equal(new[] { "10.0.0.99" }, Resolve(cache, "vm7"));
        Assert.True(cache.SnapshotBytes > 0);
    }

    [Fact]
    public void SnapshotOfFiveThousandLeasesStaysSmall()
    {
        using var dir = new TempLeaseDirectory();
        for (int network = 0; network < 2; network++)
        {
            string leases = string.Join(",", Enumerable.Range(0, 2500).Select(i =>
                Lease($"10.{network}.{i / 256}.{i % 256}", $"52:54:00:{network:x2}:{i / 256:x2}:{i % 256:x2}", $"vm-{network}-{i}", 0)));
            dir.Write($"net{network}.status", "[" + leases + "]");
        }
        var cache = new LeaseCache(dir.Path);
        Assert.Equal(new[] { "10.1.9.195" }, Resolve(cache, "vm-1-2499"));
        // Deterministic: what the snapshot accounts for, about 110 bytes a lease.
        Assert.InRange(cache.SnapshotBytes, 5000 * 60, 5000 * 130);
    }

    [Fact]
    public void UnreadableDirectoriesAnswerAsWhenReadingEveryFile()
    {
        using var dir = new TempLeaseDirectory();
        string file = dir.Write("plain", "x");
        LookupResult missing = new LeaseCache("/nonexistent/libvirt/dnsmasq").Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Inet, Now, DecisionLog.Silent);
        Assert.Equal((LookupOutcome.DirectoryUnreadable, ENOENT), (missing.Outcome, missing.Errno));
        LookupResult notDirectory = new LeaseCache(file).Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Inet, Now, DecisionLog.Silent);
        Assert.Equal((LookupOutcome.DirectoryUnreadable, ENOTDIR), (notDirectory.Outcome, notDirectory.Errno));
        LookupResult family = new LeaseCache(dir.Path).Lookup(LookupKind.Hostname, Utf8("vm"), 1, Now, DecisionLog.Silent);
        Assert.Equal(LookupOutcome.FamilyNotSupported, family.Outcome);
    }

    [Fact]
    public void ADirectoryThatComesBackIsReadAgain()
    {
        using var dir = new TempLeaseDirectory();
        string sub = Path.Combine(dir.Path, "dnsmasq");
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "a.status"), Status("192.168.122.2"));
        var cache = new LeaseCache(sub);
        Assert.Equal(new[] { "192.168.122.2" }, Resolve(cache, "vm"));
        Directory.Delete(sub, recursive: true);
        Assert.Equal(LookupOutcome.DirectoryUnreadable,
            cache.Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Inet, Now, DecisionLog.Silent).Outcome);
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "a.status"), Status("192.168.122.9"));
        Assert.Equal(new[] { "192.168.122.9" }, Resolve(cache, "vm"));
    }
}
