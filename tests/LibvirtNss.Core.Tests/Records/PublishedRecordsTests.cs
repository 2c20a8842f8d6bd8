using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;
using LibvirtNss.Core.Tests.Snapshot;
using Xunit;
using Shown = LibvirtNss.Core.Tests.Snapshot.Answers;

namespace LibvirtNss.Core.Tests.Records;

/// <summary>
/// The publisher's directory read after the lease directory, by the one engine: its leases and
/// domains answer as libvirt's do, under the same policy, after libvirt's own; a directory or file
/// only root could not have written is ignored. Every case through both paths: reading the files
/// (NameLookup.Run, AddressLookup.Run) and the snapshot cache.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed unsafe class PublishedRecordsTests : IDisposable
{
    private const long Now = Fixtures.Now;
    private readonly TempLeaseDirectory _leases = new();
    private readonly TempLeaseDirectory _published = new();

    public void Dispose()
    {
        _leases.Dispose();
        _published.Dispose();
    }

    private static string Status(params string[] leases) => "[" + string.Join(",", leases) + "]";

    private static string Macs(string domain, params string[] macs) =>
        $"[{{\"domain\":\"{domain}\",\"macs\":[{string.Join(",", Array.ConvertAll(macs, m => $"\"{m}\""))}]}}]";

    /// <summary>The forward answer by both paths (asserted equal), shown as Shown.Show shows it.</summary>
    private string Forward(LookupKind kind, string name, int family = AddressFamilies.Unspecified, string? published = "")
    {
        string read = Read(kind, name, family, published, out string[] _);
        string cached;
        using (var cache = new PublishedCache(_leases.Path, published == "" ? _published.Path : published))
            cached = cache.Lookup(kind, name, family);
        Assert.Equal(read, cached);
        return read;
    }

    private string Read(LookupKind kind, string name, int family, string? published, out string[] lines)
    {
        byte* directory = Shown.NulTerminated(_leases.Path);
        byte* publishedPath = published is null ? null : Shown.NulTerminated(published == "" ? _published.Path : published);
        string shown = "";
        try
        {
            lines = DebugLines.Of(log =>
            {
                var memory = new LookupMemory();
                shown = Shown.Show(NameLookup.Run(directory, new NameQuery(kind, Encoding.UTF8.GetBytes(name), family, Now, log), ref memory,
                    publishedPath));
                memory.Release();
            });
        }
        finally
        {
            NativeMemory.Free(directory);
            NativeMemory.Free(publishedPath);
        }
        return shown;
    }

    private string Reverse(LookupKind kind, string address)
    {
        byte[] bytes = System.Net.IPAddress.Parse(address).GetAddressBytes();
        int family = bytes.Length == 4 ? AddressFamilies.Inet : AddressFamilies.Inet6;
        byte* directory = Shown.NulTerminated(_leases.Path);
        byte* publishedPath = Shown.NulTerminated(_published.Path);
        var memory = new LookupMemory();
        string read = Shown.Show(AddressLookup.Run(directory, new AddressQuery(kind, new IpAddress(family, bytes), Now, default), ref memory,
            publishedPath));
        memory.Release();
        NativeMemory.Free(directory);
        NativeMemory.Free(publishedPath);
        using (var cache = new PublishedCache(_leases.Path, _published.Path))
            Assert.Equal(read, cache.Reverse(kind, family, bytes));
        return read;
    }

    private static string Hex(string name) => Convert.ToHexString(Encoding.ASCII.GetBytes(name));

    [Fact]
    public void APublishedLeaseAnswersItsHostName()
    {
        _leases.Write("virbr0.status", Status(Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "natvm", Now + 100)));
        _published.Write("br0.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "bridged", Now + 100)));
        Assert.Equal("Addresses 0 [10.0.0.5]", Forward(LookupKind.Hostname, "bridged"));
        Assert.Equal("Addresses 0 [192.168.122.10]", Forward(LookupKind.Hostname, "natvm"));
        Assert.Equal($"Addresses 0 [{Hex("bridged")}]", Reverse(LookupKind.Hostname, "10.0.0.5"));
    }

    [Fact]
    public void WithoutThePublishedDirectoryNothingChanges()
    {
        _leases.Write("virbr0.status", Status(Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "natvm", Now + 100)));
        string absent = Path.Combine(_published.Path, "absent");
        Assert.Equal("Addresses 0 [192.168.122.10]", Forward(LookupKind.Hostname, "natvm", published: absent));
        Assert.Equal(Read(LookupKind.Hostname, "natvm", AddressFamilies.Unspecified, null, out _),
            Read(LookupKind.Hostname, "natvm", AddressFamilies.Unspecified, absent, out string[] lines));
        Assert.True(DebugLines.Any(lines, "absent: no published records"), DebugLines.Join(lines));
    }

    [Fact]
    public void WithoutALeaseDirectoryThePublishedRecordsStillAnswer()
    {
        // A host that never started a NATed network has no /var/lib/libvirt/dnsmasq, and may have
        // only guests the publisher serves (check-publisher-e2e runs such a host).
        Directory.Delete(_leases.Path, recursive: true);
        _published.Write("publisher.macs", Macs("bridgedvm", "52:54:00:00:00:05"));
        _published.Write("publisher.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", null, Now + 100)));
        Assert.Equal("Addresses 0 [10.0.0.5]", Forward(LookupKind.DomainName, "bridgedvm"));
        Assert.Equal($"Addresses 0 [{Hex("bridgedvm")}]", Reverse(LookupKind.DomainName, "10.0.0.5"));
        // Without the publisher's directory either, the missing lease directory fails as before.
        string absent = Path.Combine(_published.Path, "absent");
        Assert.Equal(Forward(LookupKind.DomainName, "bridgedvm", published: null), Forward(LookupKind.DomainName, "bridgedvm", published: absent));
        Assert.DoesNotContain("10.0.0.5", Forward(LookupKind.DomainName, "bridgedvm", published: absent));
    }

    [Fact]
    public void APublishedMacsFileMakesTheDomainResolveThroughItsPublishedLease()
    {
        _leases.Write("virbr0.status", Status());
        _published.Write("br0.macs", Macs("bridgedvm", "52:54:00:00:00:05"));
        _published.Write("br0.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", null, Now + 100)));
        Assert.Equal("Addresses 0 [10.0.0.5]", Forward(LookupKind.DomainName, "bridgedvm"));
        Assert.Equal($"Addresses 0 [{Hex("bridgedvm")}]", Reverse(LookupKind.DomainName, "10.0.0.5"));
        // Its host name answers nothing: the lease has none.
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "bridgedvm"));
    }

    [Fact]
    public void ALibvirtDomainWhoseMacHasAPublishedLeaseResolves()
    {
        // libvirt's macs file knows the domain; the address comes from the publisher (a NIC on a host bridge).
        _leases.Write("virbr0.macs", Macs("mixed", "52:54:00:00:00:07"));
        _published.Write("br0.status", Status(Fixtures.Lease("10.0.0.7", "52:54:00:00:00:07", null, Now + 100)));
        Assert.Equal("Addresses 0 [10.0.0.7]", Forward(LookupKind.DomainName, "mixed"));
    }

    [Fact]
    public void ExpiredPublishedRecordsAreIgnored()
    {
        _published.Write("br0.macs", Macs("gone", "52:54:00:00:00:05"));
        _published.Write("br0.status", Status(
            Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "gone", Now - 1),
            Fixtures.Lease("10.0.0.6", "52:54:00:00:00:06", "alive", Now + 1)));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "gone"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.DomainName, "gone"));
        Assert.StartsWith("NoMatch", Reverse(LookupKind.Hostname, "10.0.0.5"));
        Assert.Equal("Addresses 0 [10.0.0.6]", Forward(LookupKind.Hostname, "alive"));
    }

    [Fact]
    public void LibvirtsOwnLeasesComeFirst()
    {
        // The same MAC and address in both, the published record expiring later: one address, libvirt's name first.
        _leases.Write("virbr0.status", Status(Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "vm", Now + 100)));
        _published.Write("br0.status", Status(
            Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "vm", Now + 100),
            Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "other", Now + 100)));
        Assert.Equal("Addresses 0 [192.168.122.10]", Forward(LookupKind.Hostname, "vm"));
        Assert.Equal($"Addresses 0 [{Hex("vm")} {Hex("other")}]", Reverse(LookupKind.Hostname, "192.168.122.10"));
    }

    [Fact]
    public void APublishedHostNameIsHeldToTheLeasePolicy()
    {
        // A running domain named "web" (libvirt's macs file), the host's own name, wpad, localhost:
        // a published record carrying them answers none, as a lease would not.
        _leases.Write("virbr0.macs", Macs("web", "52:54:00:00:00:01"));
        _leases.Write("virbr0.status", Status(Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "web", Now + 100)));
        string node = Environment.MachineName;
        _published.Write("br0.status", Status(
            Fixtures.Lease("10.0.0.66", "52:54:00:00:00:66", "web", Now + 100),
            Fixtures.Lease("10.0.0.67", "52:54:00:00:00:67", "wpad", Now + 100),
            Fixtures.Lease("10.0.0.68", "52:54:00:00:00:68", "localhost", Now + 100),
            Fixtures.Lease("10.0.0.69", "52:54:00:00:00:69", node, Now + 100)));
        Assert.Equal("Addresses 0 [192.168.122.10]", Forward(LookupKind.Hostname, "web"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "wpad"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "localhost"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, node));
        Assert.StartsWith("NoMatch", Reverse(LookupKind.Hostname, "10.0.0.66"));
    }

    [Fact]
    public void APublishedFileNamedAfterALibvirtBridgeGainsNothingFromItsNetwork()
    {
        // virbr0's network has the domain "example": a lease of virbr0.status answers "vm.example";
        // a published virbr0.status is in no network, so its guest answers its exact name only.
        _leases.Write("default.conf", "interface=virbr0\ndomain=example\n");
        _published.Write("virbr0.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "pubvm", Now + 100)));
        Assert.Equal("Addresses 0 [10.0.0.5]", Forward(LookupKind.Hostname, "pubvm"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "pubvm.example"));
    }

    [Fact]
    public void OnlyStatusAndMacsFilesAreRead()
    {
        _published.Write("br0.hostsfile", "52:54:00:00:00:09,10.0.0.9,reserved\n");
        _published.Write("br0.addnhosts", "10.0.0.9 reserved\n");
        _published.Write("br0.conf", "interface=br0\n");
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "reserved"));
    }

    [Theory]
    [InlineData(0x1FF, 0)]      // 0777
    [InlineData(0x1FD, 0)]      // 0775
    [InlineData(0x1ED, 1000)]   // 0755, another owner
    public void ADirectoryOthersCouldChangeIsIgnored(int mode, int uid)
    {
        _leases.Write("virbr0.status", Status(Fixtures.Lease("192.168.122.10", "52:54:00:00:00:01", "natvm", Now + 100)));
        _published.Write("br0.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "bridged", Now + 100)));
        File.SetUnixFileMode(_published.Path, (UnixFileMode)mode);
        Assert.Equal(0, Chown(_published.Path, uid));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "bridged"));
        Assert.Equal("Addresses 0 [192.168.122.10]", Forward(LookupKind.Hostname, "natvm"));
        Read(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified, "", out string[] lines);
        Assert.True(DebugLines.Any(lines, _published.Path + ": ignored: "), DebugLines.Join(lines));
    }

    [Fact]
    public void AFileOthersCouldChangeIsIgnoredAndTheOthersStillAnswer()
    {
        _published.Write("good.status", Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "good", Now + 100)));
        string writable = _published.Write("writable.status", Status(Fixtures.Lease("10.0.0.6", "52:54:00:00:00:06", "writable", Now + 100)));
        string owned = _published.Write("owned.status", Status(Fixtures.Lease("10.0.0.7", "52:54:00:00:00:07", "owned", Now + 100)));
        File.SetUnixFileMode(writable, (UnixFileMode)0x1B6);   // 0666
        Assert.Equal(0, Chown(owned, 1000));
        string elsewhere = Path.Combine(_leases.Path, "elsewhere.json");
        File.WriteAllText(elsewhere, Status(Fixtures.Lease("10.0.0.8", "52:54:00:00:00:08", "linked", Now + 100)));
        File.CreateSymbolicLink(Path.Combine(_published.Path, "linked.status"), elsewhere);
        Assert.Equal(0, MkFifo(Path.Combine(_published.Path, "fifo.status"), 0x1A4));
        Directory.CreateDirectory(Path.Combine(_published.Path, "dir.status"));

        Assert.Equal("Addresses 0 [10.0.0.5]", Forward(LookupKind.Hostname, "good"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "writable"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "owned"));
        Assert.StartsWith("NoMatch", Forward(LookupKind.Hostname, "linked"));
        Read(LookupKind.Hostname, "good", AddressFamilies.Unspecified, "", out string[] lines);
        string all = DebugLines.Join(lines);
        Assert.True(DebugLines.Any(lines, "writable.status: ignored: writable by group or others"), all);
        Assert.True(DebugLines.Any(lines, "owned.status: ignored: not owned by root"), all);
        Assert.True(DebugLines.Any(lines, "linked.status: ignored: not a regular file"), all);
        Assert.True(DebugLines.Any(lines, "fifo.status: ignored: not a regular file"), all);
        Assert.True(DebugLines.Any(lines, ": 1 status, 0 macs published"), all);
    }

    [Fact]
    public void TheCacheNoticesThePublishedDirectoryAppearChangeAndGo()
    {
        _leases.Write("virbr0.status", Status());
        string published = Path.Combine(_published.Path, "run");
        using var cache = new PublishedCache(_leases.Path, published);
        Settle.Wait(_leases.Path);
        Assert.StartsWith("NoMatch", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));
        Assert.StartsWith("NoMatch", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));
        long built = cache.SnapshotsBuilt;

        Directory.CreateDirectory(published);
        File.SetUnixFileMode(published, (UnixFileMode)0x1ED);
        File.WriteAllText(Path.Combine(published, "br0.status"),
            Status(Fixtures.Lease("10.0.0.5", "52:54:00:00:00:05", "bridged", Now + 100)));
        // Found absent, it is taken to be absent for a while without a statx (SnapshotCache.PublishedAbsentRecheckNanoseconds).
        System.Threading.Thread.Sleep(TimeSpan.FromTicks(SnapshotCache.PublishedAbsentRecheckNanoseconds / 100) + TimeSpan.FromMilliseconds(100));
        Assert.Equal("Addresses 0 [10.0.0.5]", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));
        Assert.True(cache.SnapshotsBuilt > built);

        // Rewritten by rename, as the publisher writes: the directory changes.
        string next = Path.Combine(published, ".br0.status.tmp");
        File.WriteAllText(next, Status(Fixtures.Lease("10.0.0.9", "52:54:00:00:00:05", "bridged", Now + 100)));
        File.Move(next, Path.Combine(published, "br0.status"), overwrite: true);
        Assert.Equal("Addresses 0 [10.0.0.9]", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));

        // Made writable by others: ignored from the next lookup on.
        File.SetUnixFileMode(published, (UnixFileMode)0x1FF);
        Assert.StartsWith("NoMatch", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));
        File.SetUnixFileMode(published, (UnixFileMode)0x1ED);
        Assert.Equal("Addresses 0 [10.0.0.9]", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));

        Directory.Delete(published, recursive: true);
        Assert.StartsWith("NoMatch", cache.Lookup(LookupKind.Hostname, "bridged", AddressFamilies.Unspecified));
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int ChownNative(string path, int uid, int gid);

    private static int Chown(string path, int uid) => ChownNative(path, uid, -1);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo(string path, int mode);

    /// <summary>A snapshot cache over the lease directory and a publisher's directory (from the first lookup on).</summary>
    private sealed class PublishedCache : IDisposable
    {
        private readonly byte* _directory, _published;
        private readonly SnapshotCache* _cache = SnapshotCache.Create(fromSecondLookup: false);

        public PublishedCache(string directory, string? published)
        {
            _directory = Shown.NulTerminated(directory);
            _published = published is null ? null : Shown.NulTerminated(published);
        }

        public long SnapshotsBuilt => SnapshotCache.SnapshotsBuilt(_cache);

        public string Lookup(LookupKind kind, string name, int family)
        {
            var memory = new LookupMemory();
            string shown = Shown.Show(SnapshotCache.Lookup(_cache, _directory, new NameQuery(kind, Encoding.UTF8.GetBytes(name), family, Now, default),
                ref memory, _published));
            memory.Release();
            return shown;
        }

        public string Reverse(LookupKind kind, int family, byte[] address)
        {
            var memory = new LookupMemory();
            string shown = Shown.Show(SnapshotCache.Reverse(_cache, _directory, new AddressQuery(kind, new IpAddress(family, address), Now, default),
                ref memory, _published));
            memory.Release();
            return shown;
        }

        public void Dispose()
        {
            SnapshotCache.Destroy(_cache);
            NativeMemory.Free(_directory);
            NativeMemory.Free(_published);
        }
    }
}
