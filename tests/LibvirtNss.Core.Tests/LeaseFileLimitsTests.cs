using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The bounds on what one file may cost: more than JsonObjectArray.MaxEntries entries skips the
/// file (as more than LeaseDirectory.MaxFileBytes bytes does), and a file that is not a regular
/// file (a FIFO) is refused without blocking.
/// </summary>
public class LeaseFileLimitsTests
{
    private const int Cap = JsonObjectArray.MaxEntries;

    /// <summary>A lease for vm first, then tiny entries up to <paramref name="entries"/> in all.</summary>
    private static byte[] LeasesThenFiller(int entries, string filler = "{}")
    {
        var text = new StringBuilder("[").Append(Lease("192.168.122.7", "52:54:00:00:00:07", "vm", 0));
        for (int i = 1; i < entries; i++)
            text.Append(',').Append(filler);
        return Utf8(text.Append(']').ToString());
    }

    private static LookupResult Lookup(string directory, LogLines log, LookupKind kind = LookupKind.Hostname) =>
        LeaseDirectory.Lookup(directory, kind, Utf8("vm"), AddressFamilies.Inet, Now, log.Log);

    [Fact]
    public void ALeaseFileOfMoreEntriesThanTheCapIsSkippedWhole()
    {
        var log = new LogLines();
        int found = 0;
        int entries = LeaseFileParser.Parse(LeasesThenFiller(Cap + 1), "big.status", (in LeaseEntry _) => found++, log.Log);
        Assert.Equal(0, entries);
        Assert.Equal(0, found);
        Assert.True(log.Any($"big.status: skipped: more than {Cap} leases"), log.ToString());
    }

    [Fact]
    public void ALeaseFileOfExactlyTheCapIsRead()
    {
        var log = new LogLines();
        int found = 0;
        LeaseFileParser.Parse(LeasesThenFiller(Cap), "full.status", (in LeaseEntry _) => found++, log.Log);
        Assert.Equal(1, found);
        Assert.False(log.Any("skipped: more than"), log.ToString());
    }

    [Fact]
    public void ValuesThatAreNotObjectsCountTowardsTheCap()
    {
        var log = new LogLines();
        Assert.Equal(0, LeaseFileParser.Parse(LeasesThenFiller(Cap + 1, "1"), "ones.status", (in LeaseEntry _) => { }, log.Log));
        Assert.True(log.Any("ones.status: skipped: more than"), log.ToString());
    }

    [Fact]
    public void AFileThatStopsBeingJsonBeforeTheCapKeepsItsEntries()
    {
        byte[] json = LeasesThenFiller(Cap + 10);
        byte[] cut = json.AsSpan(0, json.Length / 2).ToArray();   // about Cap / 2 entries, then the end
        int found = 0;
        LeaseFileParser.Parse(cut, "cut.status", (in LeaseEntry _) => found++, DecisionLog.Silent);
        Assert.Equal(1, found);
    }

    [Fact]
    public void AMacsFileOfMoreEntriesThanTheCapIsSkippedWhole()
    {
        var text = new StringBuilder("[{\"domain\":\"vm\",\"macs\":[\"52:54:00:00:00:07\"]}");
        for (int i = 0; i < Cap; i++)
            text.Append(",{}");
        var log = new LogLines();
        var macs = new System.Collections.Generic.List<byte[]>();
        Assert.Equal(0, MacsFileParser.CollectMacs(Utf8(text.Append(']').ToString()), Utf8("vm"), macs, "big.macs", log.Log));
        Assert.True(log.Any($"big.macs: skipped: more than {Cap} domains"), log.ToString());
    }

    [Fact]
    public void TheOtherNetworksStillAnswerBesideAFileOverTheCap()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("big.status", LeasesThenFiller(Cap + 1));
        dir.Write("good.status", "[" + Lease("192.168.100.2", "52:54:00:00:00:02", "vm", 0) + "]");
        var log = new LogLines();
        Assert.Equal(new[] { "192.168.100.2" }, Texts(Lookup(dir.Path, log).Addresses));
        Assert.True(log.Any("big.status: skipped: more than"), log.ToString());
    }

    [Fact]
    public void AFifoNamedLikeALeaseFileIsRefusedWithoutBlocking()
    {
        using var dir = new TempLeaseDirectory();
        dir.Write("good.status", "[" + Lease("192.168.100.2", "52:54:00:00:00:02", "vm", 0) + "]");
        string fifo = Path.Combine(dir.Path, "y.status");
        Assert.Equal(0, Mkfifo(fifo, Convert.ToInt32("644", 8)));
        var log = new LogLines();

        // open(2) of a FIFO without O_NONBLOCK waits for a writer: a blocked lookup never returns.
        LookupResult? found = null;
        var lookup = new Thread(() => found = Lookup(dir.Path, log)) { IsBackground = true };
        lookup.Start();
        Assert.True(lookup.Join(TimeSpan.FromMinutes(2)), "the lookup blocked on the FIFO");

        Assert.Equal(new[] { "192.168.100.2" }, Texts(found!.Addresses));
        Assert.True(log.Any("y.status: skipped: not a regular file"), log.ToString());
    }

    [Fact]
    public void AFileThatCannotBeOpenedGivesItsReason()
    {
        var log = new LogLines();
        Assert.False(LeaseDirectory.TryRead("/nonexistent/x.status", out byte[] contents, log.Log));
        Assert.Empty(contents);
        Assert.True(log.Any("/nonexistent/x.status: skipped: cannot read: No such file or directory"), log.ToString());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, int mode);
}

/// <summary>The bounds on what one lookup keeps: LeaseCollector.MaxAddresses and MacsFileParser.MaxMacs.</summary>
public class LookupLimitsTests
{
    [Fact]
    public void AnAnswerKeepsAtMostMaxAddressesWithADebugLine()
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < LeaseCollector.MaxAddresses + 10; i++)
            text.Append(i == 0 ? "" : ",").Append(Lease($"10.0.{i / 256}.{i % 256}", "52:54:00:00:00:01", "vm", 0));
        var log = new LogLines();
        var collector = new LeaseCollector(LeaseQuery.ByHostname(Utf8("vm")), AddressFamilies.Inet, Now, log.Log);
        Assert.Equal(LeaseCollector.MaxAddresses + 10, LeaseFileParser.Parse(Utf8(text.Append(']').ToString()), "many.status", collector.Sink, log.Log));
        var kept = collector.SortedAddresses();
        Assert.Equal(LeaseCollector.MaxAddresses, kept.Count);
        Assert.Equal("10.0.0.0", kept[0].ToString());
        Assert.Equal(10, log.Count($"ignored: the answer already holds {LeaseCollector.MaxAddresses} addresses"));
    }

    [Fact]
    public void ADomainKeepsAtMostMaxMacsWithADebugLine()
    {
        string Macs(int count, int from) => string.Join(",", Enumerable.Range(from, count).Select(i => $"\"52:54:00:00:{i / 256:x2}:{i % 256:x2}\""));
        string json = $"[{{\"domain\":\"vm\",\"macs\":[{Macs(MacsFileParser.MaxMacs + 5, 0)}]}},{{\"domain\":\"vm\",\"macs\":[{Macs(3, 1000)}]}}]";
        var log = new LogLines();
        var macs = new System.Collections.Generic.List<byte[]>();
        Assert.Equal(MacsFileParser.MaxMacs, MacsFileParser.CollectMacs(Utf8(json), Utf8("vm"), macs, "many.macs", log.Log));
        Assert.Equal(MacsFileParser.MaxMacs, macs.Count);
        Assert.Equal("52:54:00:00:00:00", System.Text.Encoding.ASCII.GetString(macs[0]));
        Assert.True(log.Any($"many.macs: domain matched, 3 MACs ignored: more than {MacsFileParser.MaxMacs} in all"), log.ToString());
    }
}
