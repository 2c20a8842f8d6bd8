using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Snapshot;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests.Snapshot;

using LeaseSnapshot = LibvirtNss.Core.Snapshot.LeaseSnapshot;

/// <summary>
/// What a snapshot holds: 5,000 leases (and 5,000 domains) within the 2 MiB budget, the bytes it
/// accounts for being the bytes it took from malloc; over the budget (20,000 leases) only the
/// file versions are kept and lookups answer as the reading path, until the directory shrinks.
/// </summary>
public unsafe class SnapshotBudgetTests
{
    private readonly ITestOutputHelper _output;

    public SnapshotBudgetTests(ITestOutputHelper output) => _output = output;

    /// <summary><paramref name="leases"/> leases over two networks (vm-N-I at 10.N.x.y), and as many domains when asked.</summary>
    internal static TempLeaseDirectory Leases(int leases, bool domains)
    {
        var dir = new TempLeaseDirectory();
        int half = leases / 2;
        for (int network = 0; network < 2; network++)
        {
            string entries = string.Join(",", Enumerable.Range(0, half).Select(i =>
                Lease($"10.{network}.{i / 256}.{i % 256}", Mac(network, i), $"vm-{network}-{i}", 0)));
            dir.Write($"net{network}.status", "[" + entries + "]");
            if (domains)
            {
                string macs = string.Join(",", Enumerable.Range(0, half).Select(i =>
                    $"{{\"domain\":\"dom-{network}-{i}\",\"macs\":[\"{Mac(network, i)}\"]}}"));
                dir.Write($"net{network}.macs", "[" + macs + "]");
            }
        }
        return dir;
    }

    private static string Mac(int network, int i) => $"52:54:00:{network:x2}:{i / 256:x2}:{i % 256:x2}";

    /// <summary>A snapshot of the directory as it is now (the caller frees it).</summary>
    internal static LeaseSnapshot* Build(string directory, long budget = LeaseSnapshot.BudgetBytes)
    {
        byte* path = Answers.NulTerminated(directory);
        Assert.True(FileVersion.TryGet(path, out FileVersion version));
        LeaseSnapshot* snapshot = LeaseSnapshot.TryBuild(path, version, FileVersion.WallClockNanoseconds(), DebugLog.Silent, budget);
        System.Runtime.InteropServices.NativeMemory.Free(path);
        Assert.True(snapshot != null);
        return snapshot;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SnapshotOfFiveThousandLeasesStaysWithinTheBudget(bool domains)
    {
        using TempLeaseDirectory dir = Leases(5000, domains);
        LeaseSnapshot* snapshot = Build(dir.Path);
        long bytes = snapshot->Memory.Allocated;
        _output.WriteLine($"5,000 leases{(domains ? " and 5,000 domains" : "")}: {bytes} bytes ({bytes / 5000.0:F0} a lease), budget {LeaseSnapshot.BudgetBytes}");
        Assert.False(snapshot->TooLarge);
        Assert.Equal(5000, snapshot->Records.Leases.Leases.Count);
        Assert.Equal(domains ? 5000 : 0, snapshot->Records.Domains.Domains.Count);
        Assert.InRange(bytes, 5000 * 40, LeaseSnapshot.BudgetBytes);
        // Deterministic: the records, their text and two indexes at their exact size (about 120
        // bytes a lease), and about 75 a domain; not the blocks the lists grew out of.
        Assert.InRange(bytes, 1, domains ? 5000 * 240 : 5000 * 160);
        LeaseSnapshot.Free(snapshot);

        // The cache answers from it, and its debug line says what it holds.
        using var cache = new NewCache(dir.Path);
        string[] lines = DebugLines.Of(log => Assert.Equal(new[] { "10.1.9.195" },
            Answers.AddressesOf(cache.Lookup(LookupKind.Hostname, "vm-1-2499", AddressFamilies.Unspecified, log: log))));
        Assert.True(DebugLines.Any(lines, $"snapshot of {(domains ? 4 : 2)} files"), DebugLines.Join(lines));
        Assert.True(DebugLines.Any(lines, $" files, {bytes} bytes"), DebugLines.Join(lines));
        Assert.False(DebugLines.Any(lines, "over the budget"), DebugLines.Join(lines));
        if (domains)
            Assert.Equal(new[] { "10.0.7.208" }, cache.Resolve("dom-0-2000", LookupKind.DomainName));
    }

    [Fact]
    public void OverTheBudgetOnlyTheVersionsAreKeptAndLookupsReadUntilTheDirectoryShrinks()
    {
        using TempLeaseDirectory dir = Leases(20_000, domains: true);
        LeaseSnapshot* snapshot = Build(dir.Path);
        _output.WriteLine($"20,000 leases and domains: versions only, {snapshot->Memory.Allocated} bytes");
        Assert.True(snapshot->TooLarge);
        Assert.Equal(4, snapshot->Files.Count);
        Assert.InRange(snapshot->Memory.Allocated, 1, 64 * 1024);
        LeaseSnapshot.Free(snapshot);

        Settle.Wait(dir.Path);
        using var cache = new NewCache(dir.Path);
        string[] built = DebugLines.Of(log => Assert.Equal(new[] { "10.1.39.15" },
            Answers.AddressesOf(cache.Lookup(LookupKind.Hostname, "vm-1-9999", AddressFamilies.Unspecified, log: log))));
        Assert.True(DebugLines.Any(built, "bytes, over the budget: reading the files until they change"), DebugLines.Join(built));
        SameAnswers.Forward("over the budget", dir.Path, LookupKind.Hostname, Utf8("VM-1-9999"), AddressFamilies.Inet, Now, cache);
        SameAnswers.Forward("over the budget", dir.Path, LookupKind.Hostname, Utf8("nosuch"), AddressFamilies.Unspecified, Now, cache);
        SameAnswers.Forward("over the budget", dir.Path, LookupKind.DomainName, Utf8("dom-1-9000"), AddressFamilies.Inet6, Now, cache);
        SameAnswers.Forward("over the budget", dir.Path, LookupKind.DomainName, Utf8("dom-0-17"), AddressFamilies.Unspecified, Now, cache);
        SameAnswers.Reverse("over the budget", dir.Path, LookupKind.DomainName, AddressFamilies.Inet, new byte[] { 10, 0, 3, 4 }, Now, cache);
        Assert.Equal(1, cache.SnapshotsBuilt);   // the versions hold until something changes
        string[] warm = DebugLines.Of(log => cache.Lookup(LookupKind.Hostname, "vm-0-17", AddressFamilies.Inet, log: log));
        Assert.True(DebugLines.Any(warm, "4 files unchanged, answering from the snapshot"), DebugLines.Join(warm));
        Assert.True(DebugLines.Any(warm, "net0.status: 10000 entries read"), DebugLines.Join(warm)); // the reading path

        // Shrunk under the budget: the snapshot holds the leases again and answers without reading.
        File.WriteAllText(Path.Combine(dir.Path, "net0.status"), "[" + Lease("10.0.0.99", "52:54:00:00:00:63", "vm-0-17", 0) + "]");
        File.WriteAllText(Path.Combine(dir.Path, "net1.status"), "[]");
        File.WriteAllText(Path.Combine(dir.Path, "net0.macs"), "[{\"domain\":\"dom-0-17\",\"macs\":[\"52:54:00:00:00:63\"]}]");
        File.Delete(Path.Combine(dir.Path, "net1.macs"));
        Settle.Wait(dir.Path);
        string[] rebuilt = DebugLines.Of(log => Assert.Equal(new[] { "10.0.0.99" },
            Answers.AddressesOf(cache.Lookup(LookupKind.Hostname, "vm-0-17", AddressFamilies.Unspecified, log: log))));
        Assert.True(DebugLines.Any(rebuilt, "snapshot of 3 files"), DebugLines.Join(rebuilt));
        Assert.False(DebugLines.Any(rebuilt, "over the budget"), DebugLines.Join(rebuilt));
        Assert.Equal(2, cache.SnapshotsBuilt);
        string[] shrunk = DebugLines.Of(log => cache.Lookup(LookupKind.Hostname, "vm-0-17", AddressFamilies.Inet, log: log));
        Assert.True(DebugLines.Any(shrunk, "2 files unchanged, answering from the snapshot (1 unchecked"), DebugLines.Join(shrunk));
        Assert.False(DebugLines.Any(shrunk, "entries read"), DebugLines.Join(shrunk));
        SameAnswers.Forward("shrunk", dir.Path, LookupKind.DomainName, Utf8("dom-0-17"), AddressFamilies.Unspecified, Now, cache);
        Assert.Equal(2, cache.SnapshotsBuilt);
    }

    [Fact]
    public void ASmallerBudgetIsHonouredTheSameWay()
    {
        using TempLeaseDirectory dir = Leases(200, domains: false);
        LeaseSnapshot* full = Build(dir.Path);
        long needed = full->Memory.Allocated;
        LeaseSnapshot.Free(full);
        LeaseSnapshot* small = Build(dir.Path, budget: needed / 2);
        Assert.True(small->TooLarge);
        Assert.Equal(0, small->Records.Leases.Leases.Count);
        Assert.Equal(2, small->Files.Count);
        LeaseSnapshot.Free(small);
        LeaseSnapshot* enough = Build(dir.Path, budget: needed);
        Assert.False(enough->TooLarge);
        LeaseSnapshot.Free(enough);
    }
}

/// <summary>
/// Snapshots are freed: many rebuilds from many threads, then Destroy, give back what malloc
/// handed out (glibc's count of the bytes in use, mallinfo2). The runtime's own use of malloc
/// moves that count by some hundred KB up (and a few MB down), so each test builds enough
/// snapshots of about 380 KB that one never freed in twenty (or in four) shows well above that.
/// Alone in its collection (run after the parallel ones), so that other tests' allocations do not
/// blur the count.
/// </summary>
[Collection(nameof(SnapshotMemoryIsFreedTests))]
public unsafe class SnapshotMemoryIsFreedTests
{
    private readonly ITestOutputHelper _output;

    public SnapshotMemoryIsFreedTests(ITestOutputHelper output) => _output = output;

    private const int Threads = 8;

    /// <summary>The leases and domains of the directories here: snapshots of about 380 KB.</summary>
    private const int Leases = 2000;

    /// <summary>net0.status of <see cref="SnapshotBudgetTests.Leases"/>(<see cref="Leases"/>) with vm-0-0 moved to 10.0.(200 + round % 50).1.</summary>
    private static string Net0(int round) => "[" + string.Join(",", Enumerable.Range(0, Leases / 2).Select(i => i == 0
        ? Lease($"10.0.{200 + round % 50}.1", "52:54:00:00:00:00", "vm-0-0", 0)
        : Lease($"10.0.{i / 256}.{i % 256}", $"52:54:00:00:{i / 256:x2}:{i % 256:x2}", $"vm-0-{i}", 0))) + "]";

    /// <summary>
    /// The growth of malloc's bytes in use over <paramref name="run"/>, after it ran once to warm
    /// up (JIT, first-time allocations, malloc's per-thread arenas) and the runtime's background
    /// compilation had a moment to settle.
    /// </summary>
    private static long MallocGrowth(Action warmUp, Action run)
    {
        warmUp();
        Thread.Sleep(300);
        long before = MallocInUse.Bytes();
        run();
        return MallocInUse.Bytes() - before;
    }

    /// <summary>The bytes one snapshot of the directory holds.</summary>
    private static long SnapshotBytes(string directory)
    {
        LeaseSnapshot* snapshot = SnapshotBudgetTests.Build(directory);
        long bytes = snapshot->Memory.Allocated;
        Assert.False(snapshot->TooLarge);
        LeaseSnapshot.Free(snapshot);
        return bytes;
    }

    /// <summary>
    /// Lookups of both kinds, forward and reverse, from <see cref="Threads"/> threads while the
    /// writer renames new versions of net0.status over it: snapshots are built, published,
    /// replaced and freed all along (by their last reader, or by a writer that lost the race).
    /// </summary>
    private static long Churn(string directory, string[] versions, out string? wrong)
    {
        string path = Path.Combine(directory, "net0.status");
        using var cache = new NewCache(directory);
        string? firstWrong = null;
        using var done = new CancellationTokenSource();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                string forward = t % 2 == 0
                    ? cache.Lookup(LookupKind.Hostname, "vm-0-0", AddressFamilies.Unspecified)
                    : cache.Lookup(LookupKind.DomainName, "dom-1-5", AddressFamilies.Inet);
                string reverse = cache.Reverse(LookupKind.DomainName, AddressFamilies.Inet, new byte[] { 10, 1, 0, 5 });
                if (!forward.StartsWith("Addresses 0 [10.", StringComparison.Ordinal)
                    || reverse != "Addresses 0 [" + Convert.ToHexString("dom-1-5"u8) + "]")
                    Interlocked.CompareExchange(ref firstWrong, $"{forward} / {reverse}", null);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        for (int round = 0; round < versions.Length; round++)
        {
            File.WriteAllText(path + ".new", versions[round]);
            File.Move(path + ".new", path, overwrite: true);
            string seen = cache.Lookup(LookupKind.Hostname, "vm-0-0", AddressFamilies.Inet);
            if (seen != $"Addresses 0 [10.0.{200 + round % 50}.1]")
                Interlocked.CompareExchange(ref firstWrong, $"round {round}: {seen}", null);
        }
        done.Cancel();
        threads.ForEach(t => t.Join());
        wrong = firstWrong;
        return cache.SnapshotsBuilt;   // Destroy follows (using)
    }

    [Fact]
    public void TheBytesASnapshotAccountsForAreTheBytesItTookFromMalloc()
    {
        using TempLeaseDirectory dir = SnapshotBudgetTests.Leases(5000, domains: true);
        LeaseSnapshot.Free(SnapshotBudgetTests.Build(dir.Path));   // the code paths run once (JIT, first-time allocations)
        long before = MallocInUse.Bytes();
        LeaseSnapshot* snapshot = SnapshotBudgetTests.Build(dir.Path);
        long held = MallocInUse.Bytes() - before;
        long accounted = snapshot->Memory.Allocated;
        LeaseSnapshot.Free(snapshot);
        long after = MallocInUse.Bytes() - before;
        _output.WriteLine($"accounted {accounted} bytes, malloc held {held} bytes, {after} after the free");
        // malloc adds a few bytes a chunk, and the runtime's threads (and other tests) allocate
        // and free meanwhile: the count is malloc's for the whole process.
        Assert.InRange(held, accounted - 256 * 1024, accounted + 256 * 1024);
        Assert.InRange(after, -256 * 1024, 256 * 1024);
    }

    [Fact]
    public void ManyRebuildsFromManyThreadsAndThenDestroyFreeEverySnapshot()
    {
        using TempLeaseDirectory dir = SnapshotBudgetTests.Leases(Leases, domains: true);
        string[] versions = Enumerable.Range(0, 30).Select(Net0).ToArray();
        long size = SnapshotBytes(dir.Path);
        long built = 0;
        string? wrong = null;
        long growth = MallocGrowth(() => Churn(dir.Path, versions[..3], out _), () => built = Churn(dir.Path, versions, out wrong));
        _output.WriteLine($"{built} snapshots of {size} bytes built ({built * size / 1_000_000} MB); malloc in use {growth:+#;-#;0} after Destroy");
        Assert.Null(wrong);
        Assert.True(built >= versions.Length, $"{built} snapshots built");
        Assert.True(built * size >= 40_000_000, $"{built} snapshots of {size} bytes: too few to tell a leak from the runtime's noise");
        Assert.InRange(growth, long.MinValue, built * size / 10);
    }

    /// <summary>
    /// The one path a stress test on two cores hardly takes: every slot but the current one still
    /// read (here: this thread holds a reader in each snapshot it sees published), so the writer
    /// of the next version cannot publish it; it answers from it and frees it.
    /// </summary>
    [Fact]
    public void AWriterThatFindsNoFreeSlotAnswersFromItsOwnSnapshotAndFreesIt()
    {
        using TempLeaseDirectory dir = SnapshotBudgetTests.Leases(Leases, domains: true);
        string path = Path.Combine(dir.Path, "net0.status");
        string[] versions = Enumerable.Range(0, 50).Select(Net0).ToArray();
        long size = SnapshotBytes(dir.Path);
        const int Rounds = 40;

        void Round(int round)
        {
            using var cache = new NewCache(dir.Path);
            var slots = (SnapshotSlots*)((byte*)cache.Cache + Marshal.OffsetOf<SnapshotCache>("_slots"));
            var held = new List<int>();
            for (int v = 0; v <= SnapshotSlots.Count; v++)
            {
                int version = round * 7 + v;
                // Rewritten in place just now: not settled, so each lookup builds and publishes.
                File.WriteAllText(path, versions[version % versions.Length]);
                Assert.Equal($"Addresses 0 [10.0.{200 + version % 50}.1]", cache.Lookup(LookupKind.Hostname, "vm-0-0", AddressFamilies.Inet));
                int slot = SnapshotSlots.Enter(slots, out void* _);
                Assert.True(slot >= 0);
                held.Add(slot);
            }
            Assert.Equal(SnapshotSlots.Count + 1, cache.SnapshotsBuilt);
            // The last one found no free slot: the one current is still the version before it.
            Assert.Equal(held[^2], held[^1]);
            foreach (int slot in held)
                SnapshotSlots.Leave(slots, slot);
        }

        long growth = MallocGrowth(() => Round(0), () =>
        {
            for (int round = 1; round <= Rounds; round++)
                Round(round);
        });
        _output.WriteLine($"{Rounds} rounds of {SnapshotSlots.Count + 1} snapshots of {size} bytes; malloc in use {growth:+#;-#;0}");
        Assert.InRange(growth, long.MinValue, Rounds * size / 4);
    }

    [Fact]
    public void DestroyFreesThePublishedSnapshot()
    {
        using TempLeaseDirectory dir = SnapshotBudgetTests.Leases(Leases, domains: true);
        Settle.Wait(dir.Path);
        long size = SnapshotBytes(dir.Path);
        const int Caches = 50;

        void Cache()
        {
            using var cache = new NewCache(dir.Path);
            Assert.Equal(new[] { "10.1.0.5" }, cache.Resolve("dom-1-5", LookupKind.DomainName));   // built and published
            Assert.Equal(new[] { "10.0.0.9" }, cache.Resolve("vm-0-9"));                           // from the snapshot
            Assert.Equal(1, cache.SnapshotsBuilt);
        }

        long growth = MallocGrowth(Cache, () =>
        {
            for (int i = 0; i < Caches; i++)
                Cache();
        });
        _output.WriteLine($"{Caches} caches of one {size}-byte snapshot each; malloc in use {growth:+#;-#;0}");
        Assert.InRange(growth, long.MinValue, Caches * size / 4);
    }
}

[CollectionDefinition(nameof(SnapshotMemoryIsFreedTests), DisableParallelization = true)]
public sealed class SnapshotMemoryIsFreedCollection
{
}
