using System;
using System.IO;
using System.Linq;
using LibvirtNss.Core.Snapshot;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>
/// SnapshotCache sees every change on disk (as the reference resolver's LeaseCacheTests): a
/// rewrite by rename or in place that keeps size and mtime, files added and removed, a change
/// right after a read (the settle rule), a directory that goes away or cannot be listed, a
/// directory over the budget; it builds only when something changed, says so in its debug lines,
/// and, from the second lookup on, builds nothing on the first lookup of each kind.
/// </summary>
public class SnapshotCacheChangeTests
{
    private const int ENOENT = 2, EACCES = 13, ENOTDIR = 20;

    /// <summary>A time long before any test ran: both versions of a file get it as their mtime.</summary>
    private static readonly DateTime FixedMtime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Status(string ip, string hostname = "vm", string mac = "52:54:00:00:00:02") =>
        "[" + Lease(ip, mac, hostname, 0) + "]";

    private static string Macs(string domain, string mac = "52:54:00:00:00:02") =>
        $"[{{\"domain\":\"{domain}\",\"macs\":[\"{mac}\"]}}]";

    /// <summary>vm (a.status, domain guest in a.macs) and other (b.status), settled on disk.</summary>
    private static TempLeaseDirectory TwoNetworksOneDomain()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("a.status", Status("192.168.122.2"));
        dir.Write("a.macs", Macs("guest"));
        dir.Write("b.status", Status("192.168.100.2", "other", "52:54:00:00:01:02"));
        Settle.Wait(dir.Path);
        return dir;
    }

    private static void AssertReads(NewCache cache, LookupKind kind, string name, int family = AddressFamilies.Unspecified)
    {
        string expected = Answers.Read(cache.Directory, kind, Utf8(name), family, Now);
        Assert.Equal(expected, cache.Lookup(kind, name, family));
    }

    [Fact]
    public void WarmLookupsBuildNothingAndSayTheyAnswerFromTheSnapshot()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        using var cache = new NewCache(dir.Path);
        Assert.Equal(0, cache.SnapshotsBuilt);
        string[] first = DebugLines.Of(log => Assert.Equal(new[] { "192.168.122.2" },
            Answers.AddressesOf(cache.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Unspecified, log: log))));
        Assert.Equal(1, cache.SnapshotsBuilt);
        Assert.True(DebugLines.Any(first, ": snapshot of 3 files"), DebugLines.Join(first));
        Assert.True(DebugLines.Any(first, "a.status: 1 entries read"), DebugLines.Join(first));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("VM"));
            Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guest", LookupKind.DomainName));
            Assert.Empty(cache.Resolve("example.invalid"));
            Assert.Empty(cache.Resolve("example.invalid", LookupKind.DomainName));
            Assert.Equal("Addresses 0 [" + Convert.ToHexString("vm"u8) + "]",
                cache.Reverse(LookupKind.Hostname, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }));
        }
        Assert.Equal(1, cache.SnapshotsBuilt);

        // Each lookup checks the files its answer depends on: by host name not a.macs; by a
        // domain without MACs not the status files; by a domain with MACs, and a reverse lookup
        // by domain, all three.
        string[] warm = DebugLines.Of(log => cache.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Inet, log: log));
        Assert.Contains($"libvirt-nss: {dir.Path}: 2 files unchanged, answering from the snapshot (1 unchecked: they cannot change this answer)", warm);
        Assert.False(DebugLines.Any(warm, "entries read"), DebugLines.Join(warm)); // nothing parsed
        string[] noMacs = DebugLines.Of(log => cache.Lookup(LookupKind.DomainName, "example.invalid", AddressFamilies.Inet, log: log));
        Assert.Contains($"libvirt-nss: {dir.Path}: 1 files unchanged, answering from the snapshot (2 unchecked: they cannot change this answer)", noMacs);
        string[] guest = DebugLines.Of(log => cache.Lookup(LookupKind.DomainName, "guest", AddressFamilies.Inet, log: log));
        Assert.Contains($"libvirt-nss: {dir.Path}: 3 files unchanged, answering from the snapshot", guest);
        string[] reverse = DebugLines.Of(log => cache.Reverse(LookupKind.DomainName, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, log: log));
        Assert.Contains($"libvirt-nss: {dir.Path}: 3 files unchanged, answering from the snapshot", reverse);
        string[] reverseByName = DebugLines.Of(log => cache.Reverse(LookupKind.Hostname, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, log: log));
        Assert.Contains($"libvirt-nss: {dir.Path}: 2 files unchanged, answering from the snapshot (1 unchecked: they cannot change this answer)", reverseByName);
        Assert.Equal(1, cache.SnapshotsBuilt);
    }

    [Fact]
    public void ADomainThatTakesAHostNameIsSeenWhenLibvirtRewritesTheMacsFile()
    {
        // libvirt writes a.macs.new and renames it over a.macs (virFileRewrite): the directory
        // changes, so lookups by host name, which check no *.macs file, see the new domain.
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        using var cache = new NewCache(dir.Path);
        Assert.Equal(new[] { "192.168.100.2" }, cache.Resolve("other"));
        Assert.Equal(1, cache.SnapshotsBuilt);
        string macs = Path.Combine(dir.Path, "a.macs");
        File.WriteAllText(macs + ".new", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:02\"]},{\"domain\":\"other\",\"macs\":[\"52:54:00:00:00:99\"]}]");
        File.Move(macs + ".new", macs, overwrite: true);
        Settle.Wait(dir.Path);
        Assert.Empty(cache.Resolve("other"));   // a domain's name now: its MAC holds no lease
        Assert.Equal(2, cache.SnapshotsBuilt);
    }

    [Fact]
    public void AFileNoAnswerDependsOnIsSeenByTheFirstLookupThatDoes()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        using var cache = new NewCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(1, cache.SnapshotsBuilt);
        string macs = Path.Combine(dir.Path, "a.macs"), status = Path.Combine(dir.Path, "a.status");

        // a.macs rewritten in place (the directory does not change): lookups by host name keep
        // answering from the snapshot; the next lookup by domain reads it again.
        using (var stream = new FileStream(macs, FileMode.Open, FileAccess.Write))
            stream.Write(Utf8(Macs("guesu")));
        Settle.Wait(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal("Addresses 0 [" + Convert.ToHexString("vm"u8) + "]",
            cache.Reverse(LookupKind.Hostname, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }));
        Assert.Equal(1, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guesu", LookupKind.DomainName));
        Assert.Empty(cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(2, cache.SnapshotsBuilt);

        // a.status rewritten in place: a domain without MACs answers from the snapshot; the
        // domain with MACs, whose leases answer, reads it again.
        using (var stream = new FileStream(status, FileMode.Open, FileAccess.Write))
            stream.Write(Utf8(Status("192.168.122.3")));
        Settle.Wait(dir.Path);
        Assert.Equal("DomainWithoutMacs 0 []", cache.Lookup(LookupKind.DomainName, "guest", AddressFamilies.Unspecified));
        Assert.Equal(2, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("guesu", LookupKind.DomainName));
        Assert.Equal(3, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("guesu", LookupKind.DomainName));
        Assert.Equal(3, cache.SnapshotsBuilt);
    }

    [Fact]
    public void TheFirstLookupOfEachKindBuildsNothingFromTheSecondLookupOn()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        using var cache = new NewCache(dir.Path, fromSecondLookup: true);

        string[] lines = DebugLines.Of(log => Assert.Equal(
            Answers.Read(dir.Path, LookupKind.Hostname, Utf8("vm"), AddressFamilies.Unspecified, Now),
            cache.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Unspecified, log: log)));
        Assert.True(DebugLines.Any(lines, "first lookup of its kind: reading the files, no snapshot yet"), DebugLines.Join(lines));
        Assert.True(DebugLines.Any(lines, "a.status: 1 entries read"), DebugLines.Join(lines));
        Assert.Equal(0, cache.SnapshotsBuilt);

        // The first domain lookup reads too: the first host-name lookup does not count for it.
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(0, cache.SnapshotsBuilt);

        Assert.Empty(cache.Resolve("example.invalid"));
        Assert.Equal(1, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(new[] { "192.168.100.2" }, cache.Resolve("OTHER"));
        Assert.Equal(1, cache.SnapshotsBuilt);
    }

    [Fact]
    public void AReverseLookupIsTheFirstLookupOfItsKindToo()
    {
        using TempLeaseDirectory dir = TwoNetworksOneDomain();
        using var cache = new NewCache(dir.Path, fromSecondLookup: true);
        byte[] address = { 192, 168, 122, 2 };
        Assert.Equal("Addresses 0 [" + Convert.ToHexString("guest"u8) + "]", cache.Reverse(LookupKind.DomainName, AddressFamilies.Inet, address));
        Assert.Equal(0, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(1, cache.SnapshotsBuilt);
        // Unsupported families answer before any of it: not a lookup of the kind.
        Assert.Equal("FamilyNotSupported 97 []", cache.Lookup(LookupKind.Hostname, "vm", 1));
        Assert.Equal("FamilyNotSupported 97 []", cache.Reverse(LookupKind.Hostname, 1, address));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));   // still the first host-name lookup
        Assert.Equal(1, cache.SnapshotsBuilt);
        Assert.Equal("Addresses 0 [" + Convert.ToHexString("vm"u8) + "]", cache.Reverse(LookupKind.Hostname, AddressFamilies.Inet, address));
        Assert.Equal(1, cache.SnapshotsBuilt);   // the published snapshot answers it
    }

    [Fact]
    public void RewriteByRenameWithTheSameSizeAndMtimeIsSeen()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(1, cache.SnapshotsBuilt);
        FileVersion before = Settle.Version(path);

        // As libvirt_leaseshelper does: write a new file, rename it over the old one.
        string next = dir.Write("net.status.new", Status("192.168.122.3"));
        File.SetLastWriteTimeUtc(next, FixedMtime);
        File.Move(next, path, overwrite: true);
        Settle.Wait(dir.Path);
        FileVersion after = Settle.Version(path);
        Assert.Equal((before.Size, before.MtimeSeconds, before.MtimeNanoseconds), (after.Size, after.MtimeSeconds, after.MtimeNanoseconds));

        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("vm"));
        Assert.Equal(2, cache.SnapshotsBuilt);
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("vm"));
        Assert.Equal(2, cache.SnapshotsBuilt);
    }

    [Fact]
    public void RewriteInPlaceWithTheSameSizeAndMtimeIsSeen()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        dir.Write("net.macs", Macs("guest"));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("guest", LookupKind.DomainName));
        FileVersion before = Settle.Version(path);
        FileVersion directoryBefore = Settle.Version(dir.Path);

        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.Write(Utf8(Status("192.168.122.3")));
        File.SetLastWriteTimeUtc(path, FixedMtime);
        Settle.Wait(dir.Path);
        FileVersion after = Settle.Version(path);
        // Only the file's ctime tells this version from the first; the directory did not change.
        Assert.True(Settle.Version(dir.Path).SameAs(directoryBefore));
        Assert.Equal((before.Device, before.Inode, before.Size, before.MtimeSeconds, before.MtimeNanoseconds),
            (after.Device, after.Inode, after.Size, after.MtimeSeconds, after.MtimeNanoseconds));
        Assert.False(after.SameAs(before));

        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(2, cache.SnapshotsBuilt);
    }

    [Fact]
    public void FilesAddedAndRemovedAreSeen()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("a.status", Status("192.168.122.2"));
        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        Assert.Empty(cache.Resolve("other"));
        Assert.Equal("DomainWithoutMacs 0 []", cache.Lookup(LookupKind.DomainName, "guest", AddressFamilies.Unspecified));
        Assert.Empty(cache.Resolve("resvm"));

        string added = dir.Write("b.status", Status("192.168.100.2", "other", "52:54:00:00:01:02"));
        string macs = dir.Write("b.macs", Macs("guest", "52:54:00:00:01:02"));
        string hosts = dir.Write("net.hostsfile", "resvm,192.168.122.77\n");
        Settle.Wait(dir.Path);
        Assert.Equal(new[] { "192.168.100.2" }, cache.Resolve("other"));
        Assert.Equal(new[] { "192.168.100.2" }, cache.Resolve("guest", LookupKind.DomainName));
        Assert.Equal(new[] { "192.168.122.77" }, cache.Resolve("resvm"));
        Assert.Equal(2, cache.SnapshotsBuilt);

        File.Delete(added);
        File.Delete(macs);
        File.Delete(hosts);
        Settle.Wait(dir.Path);
        Assert.Empty(cache.Resolve("other"));
        Assert.Equal("DomainWithoutMacs 0 []", cache.Lookup(LookupKind.DomainName, "guest", AddressFamilies.Unspecified));
        Assert.Empty(cache.Resolve("resvm"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(3, cache.SnapshotsBuilt);
    }

    [Fact]
    public void ALinkWhoseTargetAppearsOrChangesIsSeenThoughTheDirectoryDoesNot()
    {
        using var dir = new TempLeaseDirectory();
        using var elsewhere = new TempLeaseDirectory();
        string target = Path.Combine(elsewhere.Path, "leases.json");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "net.status"), target);
        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        Assert.Empty(cache.Resolve("vm"));
        Assert.Empty(cache.Resolve("vm"));
        Assert.Equal(1, cache.SnapshotsBuilt);   // a dangling link is a settled version too
        FileVersion directory = Settle.Version(dir.Path);

        File.WriteAllText(target, Status("192.168.122.2"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        File.WriteAllText(target, Status("192.168.122.3"));
        Assert.Equal(new[] { "192.168.122.3" }, cache.Resolve("vm"));
        File.Delete(target);
        Assert.Empty(cache.Resolve("vm"));
        Assert.True(Settle.Version(dir.Path).SameAs(directory));
        AssertReads(cache, LookupKind.Hostname, "vm");
    }

    [Fact]
    public void ChangesRightAfterAReadAreSeenWithoutWaiting()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", Status("192.168.122.2"));
        using var cache = new NewCache(dir.Path);
        for (int i = 0; i < 50; i++)
        {
            // The same size every time, in place: within one timestamp tick only the settle rule tells them apart.
            string ip = $"192.168.122.{10 + i % 10}";
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                stream.Write(Utf8(Status(ip)));
            Assert.Equal(new[] { ip }, cache.Resolve("vm"));
            Assert.Equal(new[] { ip }, cache.Resolve("vm"));
        }
    }

    [Fact]
    public void AFreshSnapshotIsBuiltAgainUntilItsFilesSettle()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("net.status", Status("192.168.122.2"));
        using var cache = new NewCache(dir.Path);
        FileVersion version = Settle.Version(Path.Combine(dir.Path, "net.status"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        // Two lookups within 50 ms of the write each read the file; the test cannot be slower than that
        // unless the machine stalled, which the ctime tells.
        if (!version.SettledBefore(FileVersion.WallClockNanoseconds()))
            Assert.Equal(2, cache.SnapshotsBuilt);
        Settle.Wait(dir.Path);
        long built = cache.SnapshotsBuilt;
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(built + 1, cache.SnapshotsBuilt);
    }

    [Fact]
    public void MissingAndNonDirectoryPathsAnswerAsTheReadingPath()
    {
        using var dir = new TempLeaseDirectory();
        string file = dir.Write("plain", "x");
        foreach ((string path, int errno) in new[] { ("/nonexistent/libvirt/dnsmasq", ENOENT), (file, ENOTDIR) })
        {
            using var cache = new NewCache(path);
            foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
            {
                Assert.Equal($"DirectoryUnreadable {errno} []", cache.Lookup(kind, "vm", AddressFamilies.Inet));
                SameAnswers.Forward(path, path, kind, Utf8("vm"), AddressFamilies.Unspecified, Now, cache);
                SameAnswers.Reverse(path, path, kind, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, Now, cache);
            }
            Assert.Equal(0, cache.SnapshotsBuilt);
        }
        using var missing = new NewCache("/nonexistent/libvirt/dnsmasq");
        string[] lines = DebugLines.Of(log => missing.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Inet, log: log));
        Assert.True(DebugLines.Any(lines, "/nonexistent/libvirt/dnsmasq: cannot stat the lease directory: reading it without a snapshot"),
            DebugLines.Join(lines));
        Assert.True(DebugLines.Any(lines, "cannot read the lease directory: No such file or directory"), DebugLines.Join(lines));
    }

    [Fact]
    public void ADirectoryThatGoesAwayOrCannotBeListedIsReadAndComesBack()
    {
        using var dir = new TempLeaseDirectory();
        string sub = Path.Combine(dir.Path, "dnsmasq");
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "a.status"), Status("192.168.122.2"));
        Settle.Wait(sub);
        using var cache = new NewCache(sub);
        Assert.Equal(new[] { "192.168.122.2" }, cache.Resolve("vm"));
        Assert.Equal(1, cache.SnapshotsBuilt);

        // Gone: statx fails, the snapshot is withdrawn and the lookup reads (ENOENT).
        Directory.Delete(sub, recursive: true);
        Assert.Equal($"DirectoryUnreadable {ENOENT} []", cache.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Inet));
        SameAnswers.Reverse("gone", sub, LookupKind.DomainName, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, Now, cache);

        // A file in its place: statx works, listing does not (ENOTDIR).
        File.WriteAllText(sub, "not a directory");
        Assert.Equal($"DirectoryUnreadable {ENOTDIR} []", cache.Lookup(LookupKind.DomainName, "vm", AddressFamilies.Inet));
        File.Delete(sub);

        // Not listable by this user (root lists anything: only checked when not root).
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "a.status"), Status("192.168.122.9"));
        if (OperatingSystem.IsLinux() && Environment.UserName != "root")
        {
            File.SetUnixFileMode(sub, UnixFileMode.None);
            try
            {
                Assert.Equal($"DirectoryUnreadable {EACCES} []", cache.Lookup(LookupKind.Hostname, "vm", AddressFamilies.Inet));
            }
            finally
            {
                File.SetUnixFileMode(sub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        long built = cache.SnapshotsBuilt;
        Assert.Equal(new[] { "192.168.122.9" }, cache.Resolve("vm"));
        Assert.Equal(built + 1, cache.SnapshotsBuilt);
        AssertReads(cache, LookupKind.Hostname, "vm");
    }

    [Fact]
    public void UnreadableFilesAreSkippedAsTheReadingPathSkipsThem()
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
        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        foreach (LookupKind kind in new[] { LookupKind.Hostname, LookupKind.DomainName })
        {
            string[] lines = DebugLines.Of(log =>
            {
                string answer = cache.Lookup(kind, "vm", AddressFamilies.Unspecified, log: log);
                Assert.Equal(Answers.Read(dir.Path, kind, Utf8("vm"), AddressFamilies.Unspecified, Now), answer);
                Assert.Equal(Answers.Today(dir.Path, kind, Utf8("vm"), AddressFamilies.Unspecified, Now), answer);
                Assert.NotEmpty(Answers.AddressesOf(answer));
            });
            if (kind == LookupKind.Hostname)
            {
                // The build reads every file, with the reading path's lines.
                Assert.True(DebugLines.Any(lines, "object.status: skipped: not a JSON array"), DebugLines.Join(lines));
                Assert.True(DebugLines.Any(lines, "huge.status: skipped:"), DebugLines.Join(lines));
                Assert.True(DebugLines.Any(lines, "dangling.status: skipped: cannot read"), DebugLines.Join(lines));
                Assert.True(DebugLines.Any(lines, "good.status: 1 entries read"), DebugLines.Join(lines));
            }
        }
        Assert.Equal(1, cache.SnapshotsBuilt);
    }
}
