using System;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>JsonLiteralCut: a bad literal ends the readable input, cheaply, and nothing else does.</summary>
public class JsonLiteralCutTests
{
    [Theory]
    [InlineData("[true,false,null]", 17)]
    [InlineData("[{\"a\":\"nul tru fals\"}]", 22)]
    [InlineData("[\"\\\"nul\\\\\",nul]", 11)]
    [InlineData("[1,nul,2]", 3)]
    [InlineData("[tru", 1)]
    [InlineData("{\"k\":fals}", 5)]
    [InlineData("[\"unterminated nul", 18)]
    [InlineData("", 0)]
    public void ReadableLengthStopsAtTheFirstBadLiteralOutsideStrings(string json, int expected) =>
        Assert.Equal(expected, JsonLiteralCut.ReadableLength(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ABadLiteralEarlyInABigFileKeepsTheEntriesBeforeItWithoutCopyingTheRest()
    {
        // Utf8JsonReader's error for a bad literal quotes the rest of the input: for this file some
        // 28 MB, more than the module's heap. Cut before the literal, the error is a few hundred bytes.
        var text = new StringBuilder("[").Append(Lease("192.168.122.2", "52:54:00:00:00:02", "vm", 0)).Append(",nul,");
        text.Append(' ', 2 * 1024 * 1024).Append(']');
        byte[] json = Utf8(text.ToString());
        var log = new LogLines();
        int found = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        int entries = LeaseFileParser.Parse(json, "big.status", (in LeaseEntry _) => found++, log.Log);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, entries);
        Assert.Equal(1, found);
        Assert.True(log.Any("big.status: malformed JSON at byte"), log.ToString());
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }
}
