using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

public class QueryNameTests
{
    [Theory]
    [InlineData("vm1.example.lan", "example.lan", "vm1")]
    [InlineData("vm1.example.lan.", "example.lan", "vm1")]
    [InlineData("VM1.EXAMPLE.Lan", "example.lan", "VM1")]
    [InlineData("a.b.example.lan", "example.lan", "a.b")]
    [InlineData("vm1.example.lan", "lan", "vm1.example")]
    [InlineData("vm1.example.lan", "example.com", null)]
    [InlineData("vm1.example.lan..", "example.lan", null)]
    [InlineData("example.lan", "example.lan", null)]
    [InlineData(".example.lan", "example.lan", null)]
    [InlineData("vm1example.lan", "example.lan", null)]
    [InlineData("vm1.xexample.lan", "example.lan", null)]
    [InlineData("vm1", "example.lan", null)]
    [InlineData("vm1.", "", null)]
    public void StripsExactlyTheNetworkDomain(string name, string domain, string? bare)
    {
        bool stripped = QueryName.TryStripDomain(Utf8(name), Utf8(domain), out var rest);
        Assert.Equal(bare is not null, stripped);
        if (bare is not null)
            Assert.Equal(bare, Encoding.UTF8.GetString(rest));
    }

    [Fact]
    public void FormsStartWithTheNameItself()
    {
        List<byte[]> forms = QueryName.Forms(Utf8("vm1.example.lan"), new[] { Utf8("example.lan"), Utf8("lan"), Utf8("other") });
        Assert.Equal(new[] { "vm1.example.lan", "vm1", "vm1.example" }, forms.Select(f => Encoding.UTF8.GetString(f)));
        Assert.Equal(new[] { "vm1" }, QueryName.Forms(Utf8("vm1"), new[] { Utf8("example.lan") }).Select(f => Encoding.UTF8.GetString(f)));
    }

    [Theory]
    [InlineData("vm1", true)]
    [InlineData("web-01.example_lan", true)]
    [InlineData("", false)]
    [InlineData("my vm", false)]
    [InlineData("tab\tname", false)]
    [InlineData("café", false)]
    [InlineData("a/b", false)]
    public void AnswerableNames(string name, bool answerable) => Assert.Equal(answerable, HostNameText.IsAnswerable(Utf8(name)));

    [Fact]
    public void AnswerableNamesAreAtMost253Bytes()
    {
        Assert.True(HostNameText.IsAnswerable(Utf8(new string('a', 253))));
        Assert.False(HostNameText.IsAnswerable(Utf8(new string('a', 254))));
    }

    [Theory]
    [InlineData("192.168.122.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:192.168.1.1", true)]
    [InlineData("10.1", false)]
    [InlineData("0x0a.0.0.1", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("1.2.3.", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("fe80::1%lo", false)]
    [InlineData("fd00:::1", false)]
    [InlineData("", false)]
    public void StrictAddresses(string text, bool ok) =>
        Assert.Equal(ok, StrictAddressText.TryParse(Utf8(text), out _, new byte[16]));
}
