using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>The *.macs parser: domain entries, MAC collection, malformed and truncated files.</summary>
public class MacsFileParserTests
{
    private static List<string> Collect(byte[] json, string domain, LogLines log, out int added)
    {
        var macs = new List<byte[]>();
        added = MacsFileParser.CollectMacs(json, Utf8(domain), macs, "test.macs", log.Log);
        return macs.Select(m => Encoding.UTF8.GetString(m)).ToList();
    }

    private static List<(string Domain, string[] Macs)> Entries(byte[] json, LogLines log, out int delivered)
    {
        var entries = new List<(string, string[])>();
        delivered = MacsFileParser.Parse(json, "test.macs",
            (domain, macs) => entries.Add((Encoding.UTF8.GetString(domain), macs.Select(m => Encoding.UTF8.GetString(m)).ToArray())),
            log.Log);
        return entries;
    }

    [Fact]
    public void UpstreamShapedFileListsEveryDomain()
    {
        var log = new LogLines();
        var entries = Entries(NetworkBytes("virbr0.macs"), log, out int delivered);
        Assert.Equal(3, delivered);
        Assert.Equal(new[] { "alpine", "arch", "nohost" }, entries.Select(e => e.Domain));
        Assert.Equal(new[] { "52:54:00:10:00:01", "52:54:00:10:00:02" }, entries[0].Macs);
        Assert.Empty(log.Lines);
    }

    [Theory]
    [InlineData("alpine", new[] { "52:54:00:10:00:03", "52:54:00:10:00:04" })]
    [InlineData("ARCH", new[] { "52:54:00:20:00:02" })]
    [InlineData("void", new[] { "52:54:00:aa:bb:cc" })]
    [InlineData("nohost", new string[0])]
    public void CollectsTheMacsOfOneDomainAnyCase(string domain, string[] expected)
    {
        var log = new LogLines();
        var macs = Collect(NetworkBytes("virbr1.macs"), domain, log, out int added);
        Assert.Equal(expected, macs);
        Assert.Equal(expected.Length, added);
        Assert.Equal(expected.Length > 0 ? 1 : 0, log.Count("domain matched"));
    }

    [Fact]
    public void MalformedEntriesAreSkippedWithADebugLineEach()
    {
        var log = new LogLines();
        var entries = Entries(Bytes("malformed.macs"), log, out int delivered);
        Assert.Equal(new[] { "vm1", "VM1", "vm2", "vm1" }, entries.Select(e => e.Domain));
        Assert.Equal(4, delivered);
        Assert.Equal(new[] { "52:54:00:00:01:08", "52:54:00:00:01:09" }, entries[1].Macs);
        Assert.Empty(entries[2].Macs);
        Assert.Empty(entries[3].Macs);

        Assert.True(log.Any("entry 1: skipped: no \"domain\""), log.ToString());
        Assert.True(log.Any("entry 2: skipped: \"domain\" is not a string"), log.ToString());
        Assert.True(log.Any("entry 3: skipped: \"macs\" is not an array"), log.ToString());
        Assert.True(log.Any("entry 4: skipped: \"macs\" holds a value that is not a string"), log.ToString());
        Assert.True(log.Any("entry 5: skipped: \"macs\" holds a value that is not a string"), log.ToString());
        Assert.True(log.Any("entry 6: skipped: \"domain\" is not a string"), log.ToString());
        for (int i = 7; i <= 9; i++)
            Assert.True(log.Any($"entry {i}: skipped: not an object"), log.ToString());
        Assert.Equal(9, log.Count("skipped"));

        var macs = Collect(Bytes("malformed.macs"), "vm1", new LogLines(), out int added);
        Assert.Equal(new[] { "52:54:00:00:01:01", "52:54:00:00:01:08", "52:54:00:00:01:09" }, macs);
        Assert.Equal(3, added);
    }

    [Fact]
    public void TruncatedFileKeepsTheEntriesBeforeTheCut()
    {
        var log = new LogLines();
        var macs = Collect(Bytes("truncated.macs"), "vm1", log, out int added);
        Assert.Equal(new[] { "52:54:00:00:01:01" }, macs);
        Assert.Equal(1, added);
        Assert.True(log.Any("malformed JSON at byte"), log.ToString());
        Assert.True(log.Any("kept 1 entries read before it"), log.ToString());
    }

    [Fact]
    public void FileThatIsNotAnArrayIsSkipped()
    {
        var log = new LogLines();
        Assert.Empty(Collect(Bytes("not-array.macs"), "vm1", log, out int added));
        Assert.Equal(0, added);
        Assert.Equal(new[] { "test.macs: skipped: not a JSON array" }, log.Lines);
    }

    [Fact]
    public void EmptyFileHasNoDomains()
    {
        var log = new LogLines();
        Assert.Empty(Collect(Bytes("empty.macs"), "vm1", log, out int added));
        Assert.Equal(0, added);
        // Utf8JsonReader throws on input without a token, so this is reported as malformed JSON.
        Assert.StartsWith("test.macs: ", Assert.Single(log.Lines));
    }

    [Fact]
    public void EscapedDomainAndMacsAreUnescaped()
    {
        byte[] json = Utf8("[{\"d\\u006fmain\":\"caf\\u00e9\",\"macs\":[\"52:54:00:\\u0041A:00:01\"]}]");
        var macs = Collect(json, "caf\u00e9", new LogLines(), out _);
        Assert.Equal(new[] { "52:54:00:AA:00:01" }, macs);
        // Only ASCII letters fold: É does not match é.
        Assert.Empty(Collect(json, "CAF\u00c9", new LogLines(), out _));
    }

    [Fact]
    public void LoneSurrogatesAndNulsDecodeAsUpstreamReadsThem()
    {
        byte[] json = Utf8("[{\"domain\":\"vm\\ud800\",\"macs\":[\"52:54:00:00:00:01\\u0000x\",\"\\udc00\"]}]");
        var log = new LogLines();
        var entries = Entries(json, log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Equal("vm?", entries[0].Domain);
        Assert.Equal("52:54:00:00:00:01", entries[0].Macs[0]);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void DomainMayComeAfterItsMacs()
    {
        byte[] json = Utf8("[{\"macs\":[\"52:54:00:00:00:01\"],\"domain\":\"late\"}]");
        Assert.Equal(new[] { "52:54:00:00:00:01" }, Collect(json, "LATE", new LogLines(), out _));
    }

    [Fact]
    public void NestingDeeperThanTheLimitStopsTheFile()
    {
        byte[] json = Utf8("[{\"domain\":\"vm1\",\"macs\":[\"a\"]},{\"domain\":\"vm1\",\"x\":" + new string('[', 40) + new string(']', 40) +
            ",\"macs\":[\"b\"]},{\"domain\":\"vm1\",\"macs\":[\"c\"]}]");
        var log = new LogLines();
        Assert.Equal(new[] { "a" }, Collect(json, "vm1", log, out _));
        Assert.True(log.Any("malformed JSON at byte"), log.ToString());
    }
}
