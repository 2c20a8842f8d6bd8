using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>The *.status parser on well-formed, malformed, truncated and hostile files.</summary>
public class LeaseFileParserTests
{
    [Fact]
    public void UpstreamShapedFileDeliversEveryEntryInOrder()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(NetworkBytes("virbr0.status"),
            log.Log, out int delivered);
        Assert.Equal(5, delivered);
        Assert.Equal(new[] { "192.168.122.10", "192.168.122.11", "192.168.122.20", "192.168.122.30", "192.168.122.60" },
            entries.Select(e => e.Ip));
        Assert.Equal("52:54:00:10:00:01", entries[0].Mac);
        Assert.Equal("alpine", entries[0].Hostname);
        Assert.Equal(1800003600, entries[0].Expiry);
        Assert.Equal(0, entries[2].Expiry);
        Assert.Null(entries[3].Hostname);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void MalformedEntriesAreSkippedWithADebugLineEach()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("malformed-entries.status"), log.Log, out int delivered);
        // The first, the one without a MAC (it answers its host name), the last, and the one whose
        // ip-address is a string but no address (the collector rejects it).
        Assert.Equal(4, delivered);
        Assert.Equal(new[] { "192.168.122.2", "192.168.122.4", "not-an-address", "192.168.122.17" }, entries.Select(e => e.Ip));

        Assert.True(log.Any("entry 1: skipped: no \"ip-address\""), log.ToString());
        Assert.False(log.Any("entry 2: skipped"), log.ToString());
        Assert.True(log.Any("entry 3: skipped: no \"expiry-time\""), log.ToString());
        Assert.True(log.Any("entry 4: skipped: \"ip-address\" is not a string"), log.ToString());
        Assert.True(log.Any("entry 5: skipped: \"mac-address\" is not a string"), log.ToString());
        Assert.True(log.Any("entry 6: skipped: \"hostname\" is not a string"), log.ToString());
        for (int i = 7; i <= 11; i++)
            Assert.True(log.Any($"entry {i}: skipped: \"expiry-time\" is not a non-negative integer"), log.ToString());
        for (int i = 12; i <= 16; i++)
            Assert.True(log.Any($"entry {i}: skipped: not an object"), log.ToString());
        Assert.True(log.Any("entry 17: skipped: no \"ip-address\""), log.ToString());
        Assert.Equal(16, log.Count("skipped"));
        Assert.All(log.Lines, l => Assert.StartsWith("test.status: ", l));
    }

    [Fact]
    public void TruncatedFileKeepsTheEntriesBeforeTheCut()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("truncated.status"), log.Log, out int delivered);
        Assert.Equal(2, delivered);
        Assert.Equal(new[] { "192.168.122.2", "192.168.122.3" }, entries.Select(e => e.Ip));
        Assert.True(log.Any("malformed JSON at byte"), log.ToString());
        Assert.True(log.Any("kept 2 entries read before it"), log.ToString());
    }

    [Fact]
    public void FileThatIsNotAnArrayIsSkipped()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("not-array.status"), log.Log, out int delivered);
        Assert.Equal(0, delivered);
        Assert.Empty(entries);
        Assert.Equal(new[] { "test.status: skipped: not a JSON array" }, log.Lines);
    }

    [Theory]
    [InlineData("empty.status")]
    [InlineData("whitespace.status")]
    public void EmptyFileHasNoLeases(string name)
    {
        var log = new LogLines();
        RecordedLease.Parse(Bytes(name), log.Log, out int delivered);
        Assert.Equal(0, delivered);
        // Utf8JsonReader throws on input without a token, so this is reported as malformed JSON.
        Assert.StartsWith("test.status: ", Assert.Single(log.Lines));
    }

    [Theory]
    [InlineData("[[]]")]
    [InlineData("[[[]]]")]
    [InlineData("{}")]
    [InlineData("{\"ip-address\":\"10.9.9.9\",\"mac-address\":\"m\",\"expiry-time\":0}")]
    [InlineData("\"0\"")]
    [InlineData("true")]
    public void AWrongTypedExpiryIsSkippedWholeAndLaterEntriesStay(string expiry)
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Utf8(
            "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":" + expiry + "}," +
            Lease("10.0.0.2", "m", "after", 0) + "]"), log.Log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Equal("10.0.0.2", entries.Single().Ip);
        Assert.Equal(new[] { "test.status: entry 0: skipped: \"expiry-time\" is not a non-negative integer" }, log.Lines);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("[ ]", 0)]
    [InlineData("42", 0)]
    [InlineData("\"[]\"", 0)]
    [InlineData("null", 0)]
    [InlineData("[{}", 0)]
    [InlineData("[", 0)]
    [InlineData("]", 0)]
    [InlineData("[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0}] trailing", 1)]
    [InlineData("[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0},]", 1)]
    [InlineData("[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0}][]", 1)]
    // A UTF-8 byte order mark is not JSON to Utf8JsonReader; libvirt never writes one.
    [InlineData("\u00ef\u00bb\u00bf[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0}]", 0)]
    public void OddFilesNeverThrow(string latin1, int expected)
    {
        var log = new LogLines();
        RecordedLease.Parse(Encoding.Latin1.GetBytes(latin1), log.Log, out int delivered);
        Assert.Equal(expected, delivered);
    }

    [Fact]
    public void EscapedStringsAreDecodedAsYajlDecodesThem()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("escaped.status"), log.Log, out int delivered);
        Assert.Equal(8, delivered);
        Assert.Empty(log.Lines);
        Assert.Equal("alpine", entries[0].Hostname);
        Assert.Equal("192.168.122.3", entries[1].Ip);
        Assert.Equal("636166C3A9", entries[1].HostnameHex); // caf\u00e9
        Assert.Equal("quote\"slash\\tab\tend", entries[2].Hostname);
        Assert.Equal("lone?", entries[3].Hostname);          // a lone high surrogate is '?'
        Assert.Equal("192.168.122.6", entries[4].Ip);        // "host\udc00name" is some other key
        Assert.Null(entries[4].Hostname);
        Assert.Equal("192.168.122.7", entries[5].Ip);
        Assert.Equal("emoji\U0001F600", entries[5].Hostname);
        Assert.Equal("nul", entries[6].Hostname);            // values end at their first NUL
        Assert.Equal("192.168.122.9", entries[7].Ip);
        Assert.StartsWith("pair", entries[7].Hostname);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("false")]
    public void NullOrBooleanHostnameMeansNone(string value)
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Utf8("[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"hostname\":" + value +
            ",\"expiry-time\":0}]"), log.Log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Null(entries.Single().Hostname);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void UnknownKeysAndNestedValuesAreIgnored()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("unknown-keys.status"), log.Log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Equal(new RecordedLease("192.168.122.2", "52:54:00:00:00:02", "extra", 1800003600),
            entries[0] with { HostnameHex = "" });
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void NestingDeeperThanTheLimitStopsTheFileKeepingEarlierEntries()
    {
        var log = new LogLines();
        var entries = RecordedLease.Parse(Bytes("deep-nesting.status"), log.Log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Equal("192.168.122.2", entries.Single().Ip);
        Assert.True(log.Any("malformed JSON at byte"), log.ToString());
    }

    [Fact]
    public void LaterDuplicateKeyWins()
    {
        var entries = RecordedLease.Parse(Utf8(
            "[{\"ip-address\":\"10.0.0.1\",\"ip-address\":\"10.0.0.2\",\"mac-address\":\"m\",\"hostname\":\"a\",\"hostname\":\"b\",\"expiry-time\":5,\"expiry-time\":0}]"),
            DecisionLog.Silent, out _);
        Assert.Equal(new RecordedLease("10.0.0.2", "m", "b", 0), entries.Single() with { HostnameHex = "" });
    }

    [Fact]
    public void AWrongTypeIsReportedEvenWhenAValidValueFollows()
    {
        var log = new LogLines();
        RecordedLease.Parse(Utf8("[{\"ip-address\":1,\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0}]"),
            log.Log, out int delivered);
        Assert.Equal(0, delivered);
        Assert.True(log.Any("entry 0: skipped: \"ip-address\" is not a string"), log.ToString());
    }

    [Fact]
    public void HostileBytesInAHostnameArePassedThroughAndLoggedPrintably()
    {
        // Raw UTF-8 the guest chose (valid JSON: no raw control characters) plus escaped control characters.
        byte[] json = Utf8("[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"hostname\":\"\\u001b[31mred\\n\\u0007\u00e9\u4e2d\",\"expiry-time\":1}]");
        var log = new LogLines();
        var entries = RecordedLease.Parse(json, log.Log, out int delivered);
        Assert.Equal(1, delivered);
        Assert.Equal("\u001b[31mred\n\u0007\u00e9\u4e2d", entries[0].Hostname);

        LeaseQuery query = LeaseQuery.ByHostname(Encoding.UTF8.GetBytes("\u001b[31mRED\n\u0007\u00e9\u4e2d"));
        var current = new LeaseCollector(query, AddressFamilies.Inet, 1, log.Log);
        LeaseFileParser.Parse(json, "hostile.status", current.Sink, log.Log);
        Assert.Equal(new[] { "10.0.0.1" }, Texts(current.SortedAddresses()));
        var later = new LeaseCollector(query, AddressFamilies.Inet, 2, log.Log);
        LeaseFileParser.Parse(json, "hostile.status", later.Sink, log.Log);
        Assert.False(later.Found);
        Assert.True(log.Any("lease 10.0.0.1: skipped: expired at 1, now 2"), log.ToString());
        Assert.All(log.Lines, l => Assert.DoesNotContain(l, c => c < 0x20 || c >= 0x7f));
    }

    [Theory]
    [InlineData("01", 1)]
    [InlineData("0A", 1)]
    [InlineData("1F", 1)]
    [InlineData("FFFE", 2)]
    [InlineData("C3", 2)]
    [InlineData("EDA080", 2)]
    public void RawControlBytesStopTheFileInvalidUtf8PassesAsBytes(string hex, int expected)
    {
        byte[] bad = System.Convert.FromHexString(hex);
        byte[] json = Utf8("[" + Lease("10.0.0.1", "m", null, 0) + ",{\"ip-address\":\"10.0.0.2\",\"mac-address\":\"m\",\"hostname\":\"x")
            .Concat(bad).Concat(Utf8("\",\"expiry-time\":0}]")).ToArray();
        var log = new LogLines();
        var entries = RecordedLease.Parse(json, log.Log, out int delivered);
        Assert.Equal(expected, delivered);
        Assert.Equal("10.0.0.1", entries[0].Ip);
        if (expected == 1)
            Assert.True(log.Any("malformed JSON at byte") && log.Any("kept 1 entries read before it"), log.ToString());
        else
            Assert.Equal("78" + hex, entries[1].HostnameHex);

        var collector = new LeaseCollector(LeaseQuery.ByHostname(Utf8("x").Concat(bad).ToArray()), AddressFamilies.Inet, Now, log.Log);
        LeaseFileParser.Parse(json, "hostile.status", collector.Sink, log.Log);
        Assert.Equal(expected == 2, collector.Found);
        Assert.All(log.Lines, l => Assert.DoesNotContain(l, c => c < 0x20 || c >= 0x7f));
    }

    [Fact]
    public void SilentLogWritesNothingAndCostsNothing()
    {
        Assert.False(DecisionLog.Silent.Enabled);
        DecisionLog.Silent.Write("ignored");
        Assert.True(new DecisionLog(_ => { }).Enabled);
        RecordedLease.Parse(Bytes("malformed-entries.status"), DecisionLog.Silent, out int delivered);
        Assert.Equal(4, delivered);
    }
}
