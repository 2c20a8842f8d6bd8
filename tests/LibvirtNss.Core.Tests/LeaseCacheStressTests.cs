using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Eight threads resolve through one cache while the lease files are replaced.</summary>
public class LeaseCacheStressTests
{
    private const int Readers = 8;
    private const int Versions = 400;

    /// <summary>Version i of the network: "vm" and domain "guest" at 10.0.x.y; sizes vary, some repeat.</summary>
    private static string Address(int version) => $"10.0.{version / 200}.{version % 200}";

    private static string StatusOf(int version) =>
        "[" + Lease(Address(version), "52:54:00:00:00:02", "vm", 0) + ","
        + Lease("10.9.9.9", "52:54:00:00:00:03", "still", 0) + "]";

    [Fact]
    public void EveryAnswerIsOneOfTheVersionsWrittenAndTheWriterSeesItsOwnWrite()
    {
        using var dir = new TempLeaseDirectory();
        string path = dir.Write("net.status", StatusOf(0));
        dir.Write("net.macs", "[{\"domain\":\"guest\",\"macs\":[\"52:54:00:00:00:02\"]}]");
        var cache = new LeaseCache(dir.Path);
        var written = new HashSet<string>(Enumerable.Range(0, Versions).Select(Address));
        var wrong = new ConcurrentQueue<string>();
        long answers = 0;
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, Readers).Select(r => new Thread(() =>
        {
            LookupKind kind = r % 2 == 0 ? LookupKind.Hostname : LookupKind.DomainName;
            byte[] name = Utf8(kind == LookupKind.Hostname ? "vm" : "guest");
            while (!done.IsCancellationRequested)
            {
                LookupResult found = cache.Lookup(kind, name, AddressFamilies.Inet, Now, DecisionLog.Silent);
                string[] texts = Texts(found.Addresses);
                if (found.Outcome != LookupOutcome.Addresses || texts.Length != 1 || !written.Contains(texts[0]))
                    wrong.Enqueue($"{kind}: {found.Outcome} [{string.Join(" ", texts)}]");
                LookupResult other = cache.Lookup(LookupKind.Hostname, Utf8("still"), AddressFamilies.Inet, Now, DecisionLog.Silent);
                if (Texts(other.Addresses).SingleOrDefault() != "10.9.9.9")
                    wrong.Enqueue($"still: {other.Outcome}");
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
            string[] seen = Texts(cache.Lookup(LookupKind.Hostname, Utf8("vm"), AddressFamilies.Inet, Now, DecisionLog.Silent).Addresses);
            if (seen.Length != 1 || seen[0] != Address(version))
                stale.Add($"wrote {Address(version)}, read [{string.Join(" ", seen)}]");
        }
        done.Cancel();
        readers.ForEach(t => t.Join());

        Assert.Empty(wrong);
        Assert.Empty(stale);
        Assert.True(answers > Readers, $"{answers} answers");
        Assert.Equal(new[] { Address(Versions - 1) },
            Texts(cache.Lookup(LookupKind.DomainName, Utf8("guest"), AddressFamilies.Inet, Now, DecisionLog.Silent).Addresses));
    }

    [Fact]
    public void ThreadsStartingTogetherAllGetTheSameAnswer()
    {
        var cache = new LeaseCache(Networks);
        using var start = new Barrier(Readers);
        var answers = new ConcurrentBag<string>();
        var threads = Enumerable.Range(0, Readers).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 200; i++)
            {
                LookupResult found = cache.Lookup(LookupKind.Hostname, Utf8("alpine"), AddressFamilies.Inet, Now, DecisionLog.Silent);
                answers.Add(string.Join(" ", Texts(found.Addresses)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        string expected = string.Join(" ", Texts(LeaseDirectory.Lookup(Networks, LookupKind.Hostname, Utf8("alpine"),
            AddressFamilies.Inet, Now, DecisionLog.Silent).Addresses));
        Assert.Equal(Readers * 200, answers.Count);
        Assert.All(answers, answer => Assert.Equal(expected, answer));
    }
}
