using System;
using System.IO;
using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Whole lookups over a lease directory of the test's own: bad files beside good ones, bad directories.</summary>
public class LeaseDirectoryTests
{
    private const int ENOENT = 2, EIO = 5, ENOTDIR = 20, EAFNOSUPPORT = 97;

    private static LookupResult Lookup(string directory, string name, LogLines log, LookupKind kind = LookupKind.Hostname,
        int family = AddressFamilies.Inet) =>
        LeaseDirectory.Lookup(directory, kind, Utf8(name), family, Now, log.Log);

    private static string Good => "[" + Lease("192.168.122.2", "52:54:00:00:00:02", "vm", 0) + "]";

    [Fact]
    public void MissingDirectoryIsUnreadableWithEnoent()
    {
        var log = new LogLines();
        LookupResult found = Lookup("/nonexistent/libvirt/dnsmasq", "vm", log);
        Assert.Equal(LookupOutcome.DirectoryUnreadable, found.Outcome);
        Assert.Equal(ENOENT, found.Errno);
        Assert.Empty(found.Addresses);
        Assert.True(log.Any("/nonexistent/libvirt/dnsmasq: cannot read the lease directory"), log.ToString());
    }

    [Fact]
    public void AFileInPlaceOfTheDirectoryIsUnreadable()
    {
        using var dir = new TempLeaseDirectory();
        string file = dir.Write("plain", "x");
        LookupResult found = Lookup(file, "vm", new LogLines());
        Assert.Equal(LookupOutcome.DirectoryUnreadable, found.Outcome);
        Assert.Equal(ENOTDIR, found.Errno);
    }

    [Fact]
    public void AnInvalidPathIsUnreadableWithEio()
    {
        LookupResult found = Lookup("bad\0path", "vm", new LogLines());
        Assert.Equal(LookupOutcome.DirectoryUnreadable, found.Outcome);
        Assert.Equal(EIO, found.Errno);
    }

    [Fact]
    public void UnsupportedFamilyIsRefusedBeforeAnyFileIsRead()
    {
        var log = new LogLines();
        LookupResult found = Lookup("/nonexistent", "vm", log, family: 1);
        Assert.Equal(LookupOutcome.FamilyNotSupported, found.Outcome);
        Assert.Equal(EAFNOSUPPORT, found.Errno);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void EmptyDirectoryIsNoMatch()
    {
        using var dir = new TempLeaseDirectory();
        var log = new LogLines();
        Assert.Equal(LookupOutcome.NoMatch, Lookup(dir.Path, "vm", log).Outcome);
        Assert.Equal(LookupOutcome.DomainWithoutMacs, Lookup(dir.Path, "vm", log, LookupKind.DomainName).Outcome);
        Assert.True(log.Any(": 0 status files, 0 macs files"), log.ToString());
        Assert.True(log.Any("domain vm: 0 MACs"), log.ToString());
    }

    [Fact]
    public void BadFilesAreSkippedAndTheOtherNetworksStillAnswer()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("good.status", Good);
        dir.Write("empty.status", "");
        dir.Write("garbage.status", new byte[] { 0xff, 0x00, 0x7b, 0x5b });
        dir.Write("object.status", "{\"ip-address\":\"192.168.122.9\"}");
        dir.Write("truncated.status", "[" + Lease("192.168.100.3", "52:54:00:00:00:03", "vm", Now + 10) + ",{\"ip-addr");
        dir.Write("ignored.statusx", "[" + Lease("192.168.100.4", "52:54:00:00:00:04", "vm", 0) + "]");
        Directory.CreateDirectory(Path.Combine(dir.Path, "subdir.status"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "dangling.status"), Path.Combine(dir.Path, "gone"));
        var log = new LogLines();

        LookupResult found = Lookup(dir.Path, "VM", log);

        Assert.Equal(LookupOutcome.Addresses, found.Outcome);
        Assert.Equal(new[] { "192.168.100.3", "192.168.122.2" }, Texts(found.Addresses));
        Assert.True(log.Any("dangling.status: skipped: cannot read"), log.ToString());
        Assert.True(log.Any("object.status: skipped: not a JSON array"), log.ToString());
        Assert.True(log.Any("garbage.status: malformed JSON at byte"), log.ToString());
        Assert.True(log.Any("truncated.status: malformed JSON at byte"), log.ToString());
        Assert.True(log.Any("good.status: 1 entries read"), log.ToString());
        Assert.False(log.Any("ignored.statusx"), log.ToString());
    }

    [Fact]
    public void AFileLargerThanTheLimitIsSkipped()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("good.status", Good);
        string huge = dir.Write("huge.status", "[" + Lease("192.168.122.3", "52:54:00:00:00:03", "vm", 0) + "]");
        using (var stream = new FileStream(huge, FileMode.Open))
            stream.SetLength(LeaseDirectory.MaxFileBytes + 1L); // sparse: costs no disk
        var log = new LogLines();

        LookupResult found = Lookup(dir.Path, "vm", log);

        Assert.Equal(new[] { "192.168.122.2" }, Texts(found.Addresses));
        Assert.True(log.Any($"huge.status: skipped: {LeaseDirectory.MaxFileBytes + 1L} bytes is more than {LeaseDirectory.MaxFileBytes}"),
            log.ToString());
    }

    [Fact]
    public void AFileOfExactlyTheLimitIsRead()
    {
        using var dir = new TempLeaseDirectory();
        byte[] json = new byte[LeaseDirectory.MaxFileBytes];
        byte[] lease = Utf8("[" + Lease("192.168.122.3", "52:54:00:00:00:03", "vm", 0) + "]");
        lease.CopyTo(json, 0);
        json.AsSpan(lease.Length).Fill((byte)' ');
        dir.Write("big.status", json);
        Assert.Equal(new[] { "192.168.122.3" }, Texts(Lookup(dir.Path, "vm", new LogLines()).Addresses));
    }

    [Fact]
    public void AFileShorterThanItsSizeYieldsWhatCouldBeRead()
    {
        // sysfs reports 4096 bytes for a file of a few: the stand-in for a lease file cut while read.
        const string Path = "/sys/devices/system/cpu/online";
        Assert.SkipUnless(File.Exists(Path), $"{Path} is not there");
        Assert.True(LeaseDirectory.TryRead(Path, out byte[] contents, DecisionLog.Silent));
        using (var reader = new StreamReader(Path))
            Assert.Equal(reader.ReadToEnd(), System.Text.Encoding.ASCII.GetString(contents));
        Assert.True(contents.Length < new FileInfo(Path).Length);
    }

    [Fact]
    public void DomainLookupReadsMacsThenLeasesOfEveryNetwork()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("net1.macs", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:01\"]}]");
        dir.Write("net2.macs", "[{\"domain\":\"GUEST\",\"macs\":[\"52:54:00:00:00:02\"]},{\"domain\":\"other\",\"macs\":[\"52:54:00:00:00:03\"]}]");
        dir.Write("broken.macs", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:04\"]},{");
        dir.Write("net1.status", "[" + Lease("10.1.0.1", "52:54:00:00:00:01", "renamed", Now + 1) + "," +
            Lease("10.1.0.3", "52:54:00:00:00:03", "guest", 0) + "]");
        dir.Write("net2.status", "[" + Lease("fd00::2", "52:54:00:00:00:02", null, Now + 2) + "," +
            Lease("10.2.0.4", "52:54:00:00:00:04", null, 0) + "]");
        var log = new LogLines();

        LookupResult found = Lookup(dir.Path, "guest", log, LookupKind.DomainName, AddressFamilies.Unspecified);

        Assert.Equal(new[] { "fd00::2", "10.1.0.1", "10.2.0.4" }, Texts(found.Addresses));
        Assert.True(log.Any("domain guest: 3 MACs"), log.ToString());
        Assert.True(log.Any("broken.macs: malformed JSON"), log.ToString());
        // By host name the DHCP hostname answers, but not another domain's: the lease named guest
        // has domain other's MAC (52:54:00:00:00:03), and guest is a domain's name.
        Assert.Equal(new[] { "10.1.0.1" }, Texts(Lookup(dir.Path, "renamed", log).Addresses));
        Assert.Equal(LookupOutcome.NoMatch, Lookup(dir.Path, "guest", log).Outcome);
    }

    [Fact]
    public void DomainWithMacsButNoLeaseOfTheFamily()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("net.macs", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:01\"]}]");
        dir.Write("net.status", "[" + Lease("fd00::1", "52:54:00:00:00:01", null, 0) + "]");
        Assert.Equal(LookupOutcome.NoAddressOfFamily, Lookup(dir.Path, "guest", new LogLines(), LookupKind.DomainName).Outcome);
    }

    [Fact]
    public void TwoHundredLeasesForOneName()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("big.status", "[" + string.Join(",", Enumerable.Range(0, 200).Select(i =>
            Lease($"10.0.{i / 256}.{i % 256}", $"52:54:00:00:{i / 256:x2}:{i % 256:x2}", "many", Now + i))) + "]");
        LookupResult found = Lookup(dir.Path, "many", new LogLines());
        Assert.Equal(200, found.Addresses.Count);
        Assert.Equal("10.0.0.199", found.Addresses[0].ToString());
        Assert.Equal("10.0.0.0", found.Addresses[^1].ToString());
    }

    [Fact]
    public void ListingAndReadingAreUsableAlone()
    {
        var log = new LogLines();
        Assert.True(LeaseDirectory.TryListFiles(Networks, out var status, out var macs, out int errno, log.Log));
        Assert.Equal(0, errno);
        Assert.Equal(new[] { "virbr0.status", "virbr1.status" }, status.Select(Path.GetFileName).Order());
        Assert.Equal(new[] { "virbr0.macs", "virbr1.macs" }, macs.Select(Path.GetFileName).Order());
        Assert.True(LeaseDirectory.TryRead(status[0], out byte[] contents, log.Log));
        Assert.Equal(File.ReadAllBytes(status[0]), contents);
        Assert.False(LeaseDirectory.TryRead(Path.Combine(Networks, "missing.status"), out byte[] none, log.Log));
        Assert.Empty(none);
    }
}
