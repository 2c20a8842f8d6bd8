using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using LibvirtNss.Cli;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Cli.Tests;

/// <summary>The publisher's files: libvirt's formats, read back by the module's own readers, written in one step.</summary>
public sealed class PublishedFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("libvirt-nss-publish-").FullName, "run");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    private static readonly PublishedAddress[] Published =
    {
        new("alpha", "52:54:00:00:00:0a", IPAddress.Parse("192.168.100.21"), AddressSource.AgentAndNeighbour),
        new("alpha", "52:54:00:00:00:0a", IPAddress.Parse("2001:db8:1::20"), AddressSource.Agent),
        new("alpha", "52:54:00:00:00:1a", IPAddress.Parse("198.51.100.7"), AddressSource.Neighbour),
        new("bêta \"quoted\"", "52:54:00:00:00:0b", IPAddress.Parse("192.168.100.30"), AddressSource.Neighbour),
    };

    [Theory]
    [InlineData("AgentAndNeighbour", 1000032)]
    [InlineData("Agent", 1000031)]
    [InlineData("Neighbour", 1000030)]
    public void Expiry_is_three_intervals_ahead_plus_the_rank(string source, long expected) =>
        Assert.Equal(expected, PublishedFiles.Expiry(1000000, 10, Enum.Parse<AddressSource>(source)));

    [Fact]
    public void Status_reads_back_through_the_modules_reader()
    {
        byte[] json = PublishedFiles.StatusJson(Published, 1000000, 10);
        var reader = new StatusFileReader(json, new byte[json.Length]);
        var leases = new List<string>();
        while (reader.Next(out LeaseFields lease, out SkipReason skip) is var result && result != ReadResult.End)
        {
            Assert.Equal(ReadResult.Entry, result);
            Assert.False(lease.HasHostname);
            leases.Add($"{Encoding.UTF8.GetString(lease.IpAddress)} {Encoding.UTF8.GetString(lease.MacAddress)} {lease.ExpiryTime}");
        }
        Assert.Equal(new[]
        {
            "192.168.100.21 52:54:00:00:00:0a 1000032",
            "2001:db8:1::20 52:54:00:00:00:0a 1000031",
            "198.51.100.7 52:54:00:00:00:1a 1000030",
            "192.168.100.30 52:54:00:00:00:0b 1000030",
        }, leases);
        // libvirt's keys, and only those.
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.All(document.RootElement.EnumerateArray(), e =>
            Assert.Equal(new[] { "ip-address", "mac-address", "expiry-time" }, e.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public void Macs_read_back_through_the_modules_reader()
    {
        byte[] json = PublishedFiles.MacsJson(Published);
        var reader = new MacsFileReader(json, new byte[json.Length]);
        var domains = new List<string>();
        while (reader.Next(out MacsEntry entry, out SkipReason skip) is var result && result != ReadResult.End)
        {
            Assert.Equal(ReadResult.Entry, result);
            var macs = new List<string>();
            foreach (ReadOnlySpan<byte> mac in entry.Macs)
                macs.Add(Encoding.UTF8.GetString(mac));
            domains.Add(Encoding.UTF8.GetString(entry.Domain) + ": " + string.Join(" ", macs));
        }
        Assert.Equal(new[] { "alpha: 52:54:00:00:00:0a 52:54:00:00:00:1a", "bêta \"quoted\": 52:54:00:00:00:0b" }, domains);
    }

    [Fact]
    public void Nothing_published_is_an_empty_array()
    {
        Assert.Equal("[]\n", Encoding.UTF8.GetString(PublishedFiles.StatusJson(Array.Empty<PublishedAddress>(), 1, 10)));
        Assert.Equal("[]\n", Encoding.UTF8.GetString(PublishedFiles.MacsJson(Array.Empty<PublishedAddress>())));
    }

    [Fact]
    public void Sources_record_the_source_and_first_seen_and_read_back()
    {
        var firstSeen = new Dictionary<(string, string), long>
        {
            [("52:54:00:00:00:0a", "192.168.100.21")] = 999000,
            [("52:54:00:00:00:0b", "192.168.100.30")] = 999500,
        };
        byte[] json = PublishedFiles.SourcesJson(Published, firstSeen);
        using (JsonDocument document = JsonDocument.Parse(json))
        {
            Assert.Equal(new[] { "agent+neighbour", "agent", "neighbour", "neighbour" },
                document.RootElement.EnumerateArray().Select(e => e.GetProperty("source").GetString()));
            Assert.Equal("+", Encoding.UTF8.GetString(json).Contains("agent+neighbour") ? "+" : "escaped");
        }
        Assert.Equal(firstSeen, PublishedFiles.ReadFirstSeen(json));
        Assert.Empty(PublishedFiles.ReadFirstSeen("not json"u8.ToArray()));
        Assert.Empty(PublishedFiles.ReadFirstSeen("{}"u8.ToArray()));
    }

    [Fact]
    public void Written_atomically_with_mode_0644_in_a_0755_directory()
    {
        Assert.Null(PublishedFiles.EnsureDirectory(_dir));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(_dir));
        PublishedFiles.WriteAtomically(_dir, PublishedFiles.StatusName, "[]\n"u8.ToArray());
        PublishedFiles.WriteAtomically(_dir, PublishedFiles.StatusName, PublishedFiles.StatusJson(Published, 1000000, 10));
        string path = Path.Combine(_dir, PublishedFiles.StatusName);
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(path));
        Assert.Equal(PublishedFiles.StatusJson(Published, 1000000, 10), File.ReadAllBytes(path));
        Assert.Equal(new[] { PublishedFiles.StatusName }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_left_over_temporary_file_is_replaced()
    {
        PublishedFiles.EnsureDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, PublishedFiles.MacsName + ".tmp"), "partial");
        PublishedFiles.WriteAtomically(_dir, PublishedFiles.MacsName, "[]\n"u8.ToArray());
        Assert.Equal("[]\n", File.ReadAllText(Path.Combine(_dir, PublishedFiles.MacsName)));
        Assert.False(File.Exists(Path.Combine(_dir, PublishedFiles.MacsName + ".tmp")));
    }

    [Fact]
    public void A_directory_others_may_write_is_reported()
    {
        Directory.CreateDirectory(_dir);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_111_111);
        Assert.Contains("does not read it", PublishedFiles.EnsureDirectory(_dir));
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(_dir));
    }
}
