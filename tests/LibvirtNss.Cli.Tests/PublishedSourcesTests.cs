using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

/// <summary>publisher.sources read back for list and doctor: each record's source and age, "-" where the file says nothing.</summary>
public sealed class PublishedSourcesTests
{
    private const string Sources = """
        [
          {"domain": "bridged", "ip-address": "192.168.100.20", "mac-address": "52:54:00:3C:11:02", "source": "agent+neighbour", "first-seen": 1000},
          {"domain": "bridged", "ip-address": "2001:DB8:0::20", "mac-address": "52:54:00:3c:11:02", "source": "agent", "first-seen": 1500},
          {"domain": "quiet", "ip-address": "10.0.0.7", "mac-address": "52:54:00:3c:11:03", "source": "neighbour"},
          {"domain": "broken", "ip-address": "10.0.0.8", "source": "agent", "first-seen": 1},
          {"domain": "evil", "ip-address": "10.0.0.9", "mac-address": "52:54:00:3c:11:04", "source": "agent\u001b[31m", "first-seen": "soon"},
          "not an object"
        ]
        """;

    private static IReadOnlyDictionary<(string, string), PublishedSource> Parsed => PublishedSources.Parse(Encoding.UTF8.GetBytes(Sources));

    [Theory]
    [InlineData("52:54:00:3c:11:02", "192.168.100.20", "agent+neighbour", "1h00m")]
    [InlineData("52:54:00:3C:11:02", "2001:db8::20", "agent", "51m40s")]       // the MAC's case and the address's spelling do not matter
    [InlineData("52:54:00:3c:11:03", "10.0.0.7", "neighbour", "-")]           // no first-seen: no age
    [InlineData("52:54:00:3c:11:04", "10.0.0.9", "agent?[31m", "-")]           // printed printable; a first-seen that is no number is none
    [InlineData("52:54:00:3c:11:05", "10.0.0.8", "-", "-")]                   // no entry (the one without a MAC is left out)
    [InlineData("52:54:00:3c:11:03", "10.0.0.70", "-", "-")]
    public void Source_and_age_of_a_record(string mac, string address, string source, string age)
    {
        Parsed.TryGetValue(PublishedSources.Key(mac, address), out PublishedSource? entry);
        Assert.Equal(source, PublishedSources.SourceText(entry));
        Assert.Equal(age, PublishedSources.AgeText(entry, now: 4600));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"domain\": \"x\"}")]
    [InlineData("[{\"ip-address\": \"10.0.0.1\", \"mac-addr")]
    [InlineData("[]")]
    public void A_file_that_says_nothing_gives_no_entry(string json) => Assert.Empty(PublishedSources.Parse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData(1000, 1000, "0s")]
    [InlineData(1000, 1045, "45s")]
    [InlineData(1000, 1750, "12m30s")]
    [InlineData(1000, 1000 + 3 * 3600 + 5 * 60 + 9, "3h05m")]
    [InlineData(1000, 1000 + 2 * 86400 + 4 * 3600, "2d04h")]
    [InlineData(2000, 1000, "0s")]   // first seen "after" now: the clock was set back
    public void Age(long since, long now, string expected) => Assert.Equal(expected, TimeText.Age(since, now));

    [Fact]
    public void Only_published_rows_take_a_source()
    {
        var rows = new List<LeaseRow>
        {
            new("virbr0", "web", "webvm", "10.0.0.7", "52:54:00:3c:11:03", 0, LeaseState.Active),
            new("published:publisher", null, "quiet", "10.0.0.7", "52:54:00:3c:11:03", 0, LeaseState.Active, Published: true),
            new("published:publisher", null, "bridged", "192.168.100.99", "52:54:00:3c:11:02", 0, LeaseState.Active, Published: true),
        };
        Assert.Equal(new[] { "-", "neighbour", "-" },
            LeaseInventory.WithSources(rows, Parsed).Select(r => PublishedSources.SourceText(r.Source)));
    }

    [Fact]
    public void The_publishers_restart_keeps_the_first_seen_times()
    {
        Dictionary<(string Mac, string Address), long> times = PublishedFiles.ReadFirstSeen(Encoding.UTF8.GetBytes(Sources));
        Assert.Equal(new Dictionary<(string, string), long>
        {
            [("52:54:00:3c:11:02", "192.168.100.20")] = 1000,
            [("52:54:00:3c:11:02", "2001:db8::20")] = 1500,
        }, times);
    }
}
