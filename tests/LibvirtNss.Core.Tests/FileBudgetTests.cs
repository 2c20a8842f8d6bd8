using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// The per-file budget (MacsFileBudget, JsonObjectArray.MaxEntries): a file under the size cap
/// made of very many tiny strings or entries is skipped whole with a debug line, without the
/// memory it would take; the other files still answer, with or without the lease snapshot.
/// </summary>
public class FileBudgetTests
{
    private const string GoodMac = "52:54:00:00:00:02", FloodMac = "52:54:00:00:00:09";

    /// <summary>A MAC file naming "vm" with one real MAC first, then a million one-letter MACs (about 4 MiB).</summary>
    private static string MacFlood(int tinyMacs) =>
        "[{\"domain\":\"vm\",\"macs\":[\"" + FloodMac + "\"," + string.Join(",", Enumerable.Repeat("\"a\"", tinyMacs)) + "]}]";

    /// <summary>A status file of a real lease of "vm", then many empty objects.</summary>
    private static string EntryFlood(int tinyEntries) =>
        "[" + Lease("192.168.100.9", FloodMac, "vm", 0) + string.Concat(Enumerable.Repeat(",{}", tinyEntries)) + "]";

    private static TempLeaseDirectory Networks()
    {
        var dir = new TempLeaseDirectory();
        dir.Write("good.status", "[" + Lease("192.168.122.2", GoodMac, "vm", 0) + "," + Lease("192.168.122.9", FloodMac, "other", 0) + "]");
        dir.Write("good.macs", "[{\"domain\":\"vm\",\"macs\":[\"" + GoodMac + "\"]}]");
        return dir;
    }

    private static IEnumerable<LookupResult> BothWays(string directory, LookupKind kind, LogLines log)
    {
        yield return LeaseDirectory.Lookup(directory, kind, Utf8("vm"), AddressFamilies.Unspecified, Now, log.Log);
        yield return new LeaseCache(directory).Lookup(kind, Utf8("vm"), AddressFamilies.Unspecified, Now, log.Log);
    }

    [Fact]
    public void AMacFileOfAMillionTinyMacsIsSkippedAndTheDomainStillResolves()
    {
        using var dir = Networks();
        dir.Write("flood.macs", MacFlood(1_000_000));
        var log = new LogLines();
        foreach (LookupResult result in BothWays(dir.Path, LookupKind.DomainName, log))
        {
            Assert.Equal(LookupOutcome.Addresses, result.Outcome);
            Assert.Equal(new[] { "192.168.122.2" }, Texts(result.Addresses)); // not 192.168.122.9: FloodMac is never read
        }
        Assert.Equal(2, log.Count($"flood.macs: skipped: more than {MacsFileBudget.MaxStrings} strings or {MacsFileBudget.MaxStringBytes} bytes of them"));
    }

    [Fact]
    public void AStatusFileOfAMillionTinyEntriesIsSkippedAndTheNameStillResolves()
    {
        using var dir = Networks();
        dir.Write("flood.status", EntryFlood(1_000_000));
        var log = new LogLines();
        foreach (LookupResult result in BothWays(dir.Path, LookupKind.Hostname, log))
        {
            Assert.Equal(LookupOutcome.Addresses, result.Outcome);
            Assert.Equal(new[] { "192.168.122.2" }, Texts(result.Addresses)); // not 192.168.100.9 of the skipped file
        }
        Assert.Equal(2, log.Count($"flood.status: skipped: more than {JsonObjectArray.MaxEntries} leases"));
        Assert.False(log.Any("flood.status: entry"), "no debug line per entry of a skipped file");
    }

    [Fact]
    public void AMacFileAtTheBudgetIsReadAndOneStringMoreIsSkipped()
    {
        // The domain name is one of the strings: 65,535 MACs and "vm" make the budget exactly
        // (one-letter MACs: their bytes stay far under the byte budget).
        string AtBudget(int macs) =>
            "[{\"domain\":\"vm\",\"macs\":[" + string.Join(",", Enumerable.Repeat("\"a\"", macs)) + "]}]";
        int delivered = -1, macCount = -1;
        var log = new LogLines();
        Assert.Equal(1, MacsFileParser.Parse(Encoding.UTF8.GetBytes(AtBudget(MacsFileBudget.MaxStrings - 1)), "at.macs",
            (_, macs) => macCount = macs.Count, log.Log));
        Assert.Equal(MacsFileBudget.MaxStrings - 1, macCount);
        delivered = MacsFileParser.Parse(Encoding.UTF8.GetBytes(AtBudget(MacsFileBudget.MaxStrings)), "over.macs",
            (_, _) => Assert.Fail("nothing of a file over the budget is handed on"), log.Log);
        Assert.Equal(0, delivered);
        Assert.Equal(1, log.Count("over.macs: skipped: more than"));
        Assert.False(log.Any("at.macs: skipped"), log.ToString());
    }

    [Fact]
    public void AMacFileOfMoreThanTheBudgetsBytesIsSkipped()
    {
        string oneLongMac = "[{\"domain\":\"vm\",\"macs\":[\"" + new string('a', MacsFileBudget.MaxStringBytes) + "\"]}]";
        var log = new LogLines();
        int delivered = MacsFileParser.Parse(Encoding.UTF8.GetBytes(oneLongMac), "long.macs",
            (_, _) => Assert.Fail("nothing of a file over the budget is handed on"), log.Log);
        Assert.Equal(0, delivered);
        Assert.Equal(1, log.Count("long.macs: skipped: more than"));
    }
}
