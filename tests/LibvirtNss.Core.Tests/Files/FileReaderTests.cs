using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using LibvirtNss.Core.Files;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>StatusFileReader and MacsFileReader on their own: the API, the scratch, the reasons' words.</summary>
public class FileReaderTests
{
    [Fact]
    public void StatusFileReaderHandsOutLeasesAndSkipsInOrder()
    {
        byte[] json = Utf8("[" + Lease("10.0.0.1", "52:54:00:00:00:01", "vm\\u0031", 5) + ",1,{\"ip-address\":\"10.0.0.2\"}," +
            "{\"ip-address\":\"10.0.0.3\",\"mac-address\":\"m\",\"hostname\":null,\"expiry-time\":0}]");
        var reader = new StatusFileReader(json, new byte[json.Length]);

        Assert.Equal(ReadResult.Entry, reader.Next(out LeaseFields lease, out SkipReason skip));
        Assert.Equal(SkipReason.None, skip);
        Assert.Equal("10.0.0.1", Encoding.UTF8.GetString(lease.IpAddress));
        Assert.Equal("52:54:00:00:00:01", Encoding.UTF8.GetString(lease.MacAddress));
        Assert.True(lease.HasHostname);
        Assert.Equal("vm1", Encoding.UTF8.GetString(lease.Hostname));
        Assert.Equal(5, lease.ExpiryTime);
        Assert.Equal(0, reader.EntryIndex);

        Assert.Equal(ReadResult.Skipped, reader.Next(out _, out skip));
        Assert.Equal(SkipReason.NotAnObject, skip);
        Assert.Equal(1, reader.EntryIndex);
        Assert.Equal(ReadResult.Skipped, reader.Next(out _, out skip));
        Assert.Equal(SkipReason.NoExpiryTime, skip);   // no "mac-address" either: a lease may have none
        Assert.Equal(2, reader.EntryIndex);

        Assert.Equal(ReadResult.Entry, reader.Next(out lease, out _));
        Assert.False(lease.HasHostname);
        Assert.True(lease.Hostname.IsEmpty);
        Assert.Equal(ReadResult.End, reader.Next(out _, out skip));
        Assert.Equal(SkipReason.None, skip);
        Assert.Equal(2, reader.Accepted);
        Assert.Equal(JsonError.None, reader.Error);
    }

    [Fact]
    public void AMalformedFileEndsWithWhereAndWhy()
    {
        byte[] json = Utf8("[" + Lease("10.0.0.1", "m", null, 0) + ",{\"ip-address\":x}]");
        var reader = new StatusFileReader(json, new byte[json.Length]);
        Assert.Equal(ReadResult.Entry, reader.Next(out _, out _));
        Assert.Equal(ReadResult.End, reader.Next(out _, out SkipReason skip));
        Assert.Equal(SkipReason.MalformedJson, skip);
        Assert.Equal(JsonError.UnexpectedByte, reader.Error);
        Assert.Equal(Array.LastIndexOf(json, (byte)'x'), reader.ErrorOffset);
        Assert.Equal(1, reader.Accepted);
    }

    [Fact]
    public void UnescapedStringsNeedNoScratchEscapedOnesTheirRoom()
    {
        byte[] plain = Utf8("[" + Lease("10.0.0.1", "m", "vm", 0) + "]");
        var reader = new StatusFileReader(plain, Span<byte>.Empty);
        Assert.Equal(ReadResult.Entry, reader.Next(out LeaseFields lease, out _));
        Assert.Equal("vm", Encoding.UTF8.GetString(lease.Hostname));

        byte[] escaped = Utf8("[" + Lease("10.0.0.\\u0031", "\\u006d", "v\\u006d", 0) + "]");
        reader = new StatusFileReader(escaped, new byte[2]);
        Assert.Equal(ReadResult.Skipped, reader.Next(out _, out SkipReason skip));
        Assert.Equal(SkipReason.ScratchTooSmall, skip);
        reader = new StatusFileReader(escaped, new byte["10.0.0.1mvm".Length]);
        Assert.Equal(ReadResult.Entry, reader.Next(out lease, out _));
        Assert.Equal("10.0.0.1|m|vm", Encoding.UTF8.GetString(lease.IpAddress) + "|" + Encoding.UTF8.GetString(lease.MacAddress) + "|" +
            Encoding.UTF8.GetString(lease.Hostname));
    }

    [Fact]
    public void MacsFileReaderIteratesEveryMacsArrayInFileOrder()
    {
        byte[] json = Utf8("[{\"macs\":[\"52:54:00:00:00:01\",\"\\u0041B\"],\"domain\":\"first\",\"x\":[\"no\"],\"domain\":\"v\\u006d1\"," +
            "\"ma\\u0063s\":[\"c\\u0000d\",\"e\"]},{\"domain\":\"vm2\",\"macs\":[]},{\"macs\":[]}]");
        var reader = new MacsFileReader(json, new byte[json.Length]);
        Assert.Equal(ReadResult.Entry, reader.Next(out MacsEntry entry, out _));
        Assert.Equal("vm1", Encoding.UTF8.GetString(entry.Domain));
        Assert.Equal(4, entry.MacCount);
        var macs = new List<string>();
        foreach (ReadOnlySpan<byte> mac in entry.Macs)
            macs.Add(Encoding.UTF8.GetString(mac));
        Assert.Equal(new[] { "52:54:00:00:00:01", "AB", "c", "e" }, macs);

        Assert.Equal(ReadResult.Entry, reader.Next(out entry, out _));
        Assert.Equal("vm2", Encoding.UTF8.GetString(entry.Domain));
        Assert.Equal(0, entry.MacCount);
        foreach (ReadOnlySpan<byte> _ in entry.Macs)
            Assert.Fail("no MACs");

        Assert.Equal(ReadResult.Skipped, reader.Next(out _, out SkipReason skip));
        Assert.Equal(SkipReason.NoDomain, skip);
        Assert.Equal(2, reader.EntryIndex);
        Assert.Equal(ReadResult.End, reader.Next(out _, out skip));
        Assert.Equal(SkipReason.None, skip);
        Assert.Equal(2, reader.Accepted);
        Assert.Equal(JsonError.None, reader.Error);
        Assert.Equal(0, reader.ErrorOffset);
    }

    [Fact]
    public void AMacsFileWithoutRoomForItsDomainIsSkipped()
    {
        byte[] json = Utf8("[{\"domain\":\"\\u0076m1\",\"macs\":[\"\\u0061\"]}]");
        var reader = new MacsFileReader(json, new byte[1]);
        Assert.Equal(ReadResult.Skipped, reader.Next(out _, out SkipReason skip));
        Assert.Equal(SkipReason.ScratchTooSmall, skip);

        // Room for the domain only: the MAC that does not fit is handed out empty.
        reader = new MacsFileReader(json, new byte[3]);
        Assert.Equal(ReadResult.Entry, reader.Next(out MacsEntry entry, out _));
        foreach (ReadOnlySpan<byte> mac in entry.Macs)
            Assert.True(mac.IsEmpty);
    }

    [Theory]
    [InlineData("", SkipReason.EmptyFile)]
    [InlineData(" \n", SkipReason.EmptyFile)]
    [InlineData("{}", SkipReason.NotAnArray)]
    [InlineData("nul", SkipReason.MalformedJson)]
    [InlineData("[", SkipReason.MalformedJson)]
    public void FileLevelEnds(string text, SkipReason reason)
    {
        byte[] json = Utf8(text);
        var status = new StatusFileReader(json, new byte[json.Length]);
        Assert.Equal(ReadResult.End, status.Next(out _, out SkipReason skip));
        Assert.Equal(reason, skip);
        var macs = new MacsFileReader(json, new byte[json.Length]);
        Assert.Equal(ReadResult.End, macs.Next(out _, out skip));
        // Today's macs parser checks for a blank file after the cut at a bad literal.
        Assert.Equal(text == "nul" ? SkipReason.EmptyFile : reason, skip);
    }

    [Fact]
    public void TooManyValuesOrStringsSkipTheFileWhole()
    {
        byte[] values = Utf8("[" + string.Join(",", Enumerable.Repeat("1", EntryLimit + 1)) + "]");
        var status = new StatusFileReader(values, new byte[values.Length]);
        Assert.Equal(ReadResult.End, status.Next(out _, out SkipReason skip));
        Assert.Equal(SkipReason.TooManyEntries, skip);

        byte[] strings = Utf8("[{\"domain\":\"vm\",\"macs\":[" + string.Join(",", Enumerable.Repeat("\"\"", MacsFileReader.MaxStrings)) + "]}]");
        var macs = new MacsFileReader(strings, new byte[strings.Length]);
        Assert.Equal(ReadResult.End, macs.Next(out _, out skip));
        Assert.Equal(SkipReason.TooManyStrings, skip);
    }

    private const int EntryLimit = 65536;

    [Fact]
    public void EveryReasonHasWordsAndTheFileLevelOnesAreMarked()
    {
        foreach (SkipReason reason in Enum.GetValues<SkipReason>())
        {
            Assert.Equal(reason == SkipReason.None, SkipReasons.Text(reason).IsEmpty);
            Assert.DoesNotContain(SkipReasons.Text(reason).ToArray(), b => b < 0x20 || b > 0x7e);
        }
        Assert.True(SkipReasons.IsFileLevel(SkipReason.MalformedJson));
        Assert.True(SkipReasons.IsFileLevel(SkipReason.EmptyFile));
        Assert.False(SkipReasons.IsFileLevel(SkipReason.NoDomain));
        Assert.False(SkipReasons.IsFileLevel(SkipReason.ScratchTooSmall));
    }

    private static string FilesSource()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "LibvirtNss.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("no LibvirtNss.sln above the tests");
        return Path.Combine(dir, "src", "LibvirtNss.Core", "Files");
    }

    /// <summary>
    /// The readers (and their tokenizer) are written in the zero-runtime subset: no allocation, no strings, no exceptions,
    /// no LINQ, lambdas, delegates, interfaces or class instances, no library beyond spans.
    /// </summary>
    [Fact]
    public void TheReadersStayInTheZeroRuntimeSubset()
    {
        string[] forbidden =
        {
            @"\bnew\s+[A-Za-z_][\w.]*\s*\[", @"\bnew\s*\[", @"\bstring\b", @"\bString\.", @"\bString\s+\w", @"\bthrow\b", @"\btry\b", @"\bcatch\b",
            @"\bfinally\b", @"\bchecked\b", @"\binterface\b", @"\bdelegate\b", @"\bevent\b", @"\bAction\b", @"\bFunc\b",
            @"System\.Text", @"System\.Linq", @"System\.Collections", @"\bMath\.", @"\bToString\b", @"\bToArray\b", @"\bobject\b",
            @"\bSearchValues\b", @"\bIndexOfAny", @"\bAsSpan\b", @"\[\s*\^?\d*\s*\.\.", @"\block\b", @"\basync\b", @"\bawait\b",
            @"\bdynamic\b", @"\btypeof\b", @"\bGetType\b", @"\bEnum\.", @"\bConsole\b",
        };
        string[] files = new[] { "JsonSpanReader.cs", "JsonText.cs", "EntryArray.cs", "SkipReason.cs", "StatusFileReader.cs", "MacsFileReader.cs" }
            .Select(name => Path.Combine(FilesSource(), name)).ToArray();
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            string[] usings = lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(new[] { "using System;" }, usings);
            for (int n = 0; n < lines.Length; n++)
            {
                string where = $"{Path.GetFileName(file)}:{n + 1}: {lines[n].Trim()}";
                string code = Regex.Replace(lines[n], @"'(\\.|[^'\\])'", "'c'");           // char literals
                code = Regex.Replace(code, @"""(\\.|[^""\\])*""u8", "U8");                // u8 literals may say anything
                code = Regex.Replace(code, @"//.*$", "");
                Assert.False(code.Contains('"'), $"{where}: a string literal");
                foreach (string pattern in forbidden)
                    Assert.False(Regex.IsMatch(code, pattern), $"{where}: {pattern}");
                Assert.False(Regex.IsMatch(code, @"\bclass\b") && !Regex.IsMatch(code, @"\bstatic\s+class\b"), $"{where}: a class that is not static");
            }
        }
    }
}
