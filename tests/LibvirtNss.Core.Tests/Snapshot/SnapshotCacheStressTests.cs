using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests.Snapshot;

/// <summary>Eight threads resolve through one SnapshotCache while the lease file is replaced (as the reference resolver's LeaseCacheStressTests).</summary>
public class SnapshotCacheStressTests
{
    private const int Readers = 8;
    private const int Versions = 400;

    /// <summary>Version i of the network: "vm" and domain "guest" at 10.0.x.y; sizes vary, some repeat.</summary>
    internal static string Address(int version) => $"10.0.{version / 200}.{version % 200}";

    internal static string StatusOf(int version) =>
        "[" + Lease(Address(version), "52:54:00:00:00:02", "vm", 0) + ","
        + Lease("10.9.9.9", "52:54:00:00:00:03", "still", 0) + "]";

    [Fact]
    public void EveryAnswerIsOneOfTheVersionsWrittenAndTheWriterSeesItsOwnWrite()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", StatusOf(0));
        dir.Write("net.macs", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:02\"]}]");
        using var cache = new NewCache(dir.Path);
        var written = new HashSet<string>(Enumerable.Range(0, Versions).Select(Address));
        var wrong = new ConcurrentQueue<string>();
        long answers = 0;
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, Readers).Select(r => new Thread(() =>
        {
            LookupKind kind = r % 2 == 0 ? LookupKind.Hostname : LookupKind.DomainName;
            string name = kind == LookupKind.Hostname ? "vm" : "guest";
            byte[] reverse = { 10, 9, 9, 9 };
            while (!done.IsCancellationRequested)
            {
                string found = cache.Lookup(kind, name, AddressFamilies.Inet);
                string[] texts = Answers.AddressesOf(found);
                if (!found.StartsWith("Addresses 0 ") || texts.Length != 1 || !written.Contains(texts[0]))
                    wrong.Enqueue($"{kind}: {found}");
                string other = cache.Lookup(LookupKind.Hostname, "still", AddressFamilies.Inet);
                if (other != "Addresses 0 [10.9.9.9]")
                    wrong.Enqueue($"still: {other}");
                if (r % 4 == 1)
                {
                    string names = cache.Reverse(LookupKind.Hostname, AddressFamilies.Inet, reverse);
                    if (names != "Addresses 0 [" + System.Convert.ToHexString("still"u8) + "]")
                        wrong.Enqueue($"reverse: {names}");
                }
                Interlocked.Increment(ref answers);
            }
        })).ToList();
        readers.ForEach(t => t.Start());

        // The writer replaces the file as libvirt_leaseshelper does (a new file renamed over the
        // old one), then resolves: a snapshot older than its own write must never answer it.
        var stale = new List<string>();
        for (int version = 1; version < Versions; version++)
        {
            string next = path + ".new";
            File.WriteAllText(next, StatusOf(version));
            File.Move(next, path, overwrite: true);
            string[] seen = cache.Resolve("vm", family: AddressFamilies.Inet);
            if (seen.Length != 1 || seen[0] != Address(version))
                stale.Add($"wrote {Address(version)}, read [{string.Join(" ", seen)}]");
        }
        done.Cancel();
        readers.ForEach(t => t.Join());

        Assert.Empty(wrong);
        Assert.Empty(stale);
        Assert.True(answers > Readers, $"{answers} answers");
        Assert.True(cache.SnapshotsBuilt >= Versions - 1, $"{cache.SnapshotsBuilt} snapshots built");
        Assert.Equal(new[] { Address(Versions - 1) }, cache.Resolve("guest", LookupKind.DomainName, AddressFamilies.Inet));
    }

    [Fact]
    public void ThreadsStartingTogetherAllGetTheSameAnswer()
    {
        using var cache = new NewCache(Networks);
        using var start = new Barrier(Readers);
        var answers = new ConcurrentBag<string>();
        var threads = Enumerable.Range(0, Readers).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 200; i++)
                answers.Add(cache.Lookup(LookupKind.Hostname, "alpine", AddressFamilies.Inet));
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        string expected = Answers.Read(Networks, LookupKind.Hostname, Utf8("alpine"), AddressFamilies.Inet, Now);
        Assert.Equal(Readers * 200, answers.Count);
        Assert.All(answers, answer => Assert.Equal(expected, answer));
    }
}
