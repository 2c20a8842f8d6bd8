using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>Files/ConfFileReader: what it keeps and skips, and that it agrees with DnsmasqConfParser.</summary>
public class ConfFileReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The kept values ("I:name", "D:name") and the skips ("reason@line:field").</summary>
    private static (string[] Kept, string[] Skips) Read(string text)
    {
        byte[] bytes = Utf8(text);
        TextLineOracle.Outcome fresh = TextLineOracle.NewConf(bytes, out _, out List<TextLineSkipped> skips);
        Assert.Equal(TextLineOracle.OldConf(bytes), fresh, OutcomeComparer.Instance);
        string[] kept = fresh.Entries.Select(e => e[..2] + Encoding.ASCII.GetString(Convert.FromHexString(e[2..]))).ToArray();
        return (kept, skips.Select(s => $"{s.Reason}@{s.Line}:{Encoding.Latin1.GetString(TextLineText.Of(bytes, s.Field))}").ToArray());
    }

    [Fact]
    public void LibvirtConf()
    {
        const string conf = "##WARNING:  THIS IS AN AUTO-GENERATED FILE.\n## dnsmasq conf file created by libvirt\nstrict-order\n" +
                            "local=/example.lan/\ndomain=example.lan\nexpand-hosts\npid-file=/run/libvirt/network/default.pid\n" +
                            "except-interface=lo\nbind-dynamic\ninterface=virbr0\ndhcp-range=192.168.122.2,192.168.122.254,255.255.255.0\n";
        (string[] kept, string[] skips) = Read(conf);
        Assert.Equal(new[] { "I:virbr0", "D:example.lan" }, kept);
        Assert.Empty(skips);
    }

    [Theory]
    [InlineData("domain=example.lan.\n", "D:example.lan", "")]
    [InlineData("  domain = example.lan , 192.168.122.0/24, local\r\n", "D:example.lan", "")]
    [InlineData("domain=a.example\ndomain=A.EXAMPLE\ndomain=b.example\n", "D:a.example D:b.example", "")]
    [InlineData("#domain=commented.lan\n", "", "")]
    [InlineData("domain=\ndomain=.\ndomain=bad name\ndomain=.lead\ndomain=dou..ble\n", "",
        "NotADomainName@1: NotADomainName@2: NotADomainName@3:bad name NotADomainName@4:.lead NotADomainName@5:dou..ble")]
    [InlineData("domain=x..\n", "D:x.", "")]                  // one trailing dot is dropped, "x." is a host name
    [InlineData("Domain=x.lan\ndomain x.lan\n=x\n", "", "")]
    [InlineData("interface=virbr0,virbr9\ninterface=../etc\ninterface=waytoolonginterface0\ninterface=virbr0\n", "I:virbr0 I:virbr9",
        "NotAnInterfaceName@2:../etc NotAnInterfaceName@3:waytoolonginterface0")]
    [InlineData("interface=\n", "", "NotAnInterfaceName@1:")]
    [InlineData("interface=a,,b,\n", "I:a I:b", "NotAnInterfaceName@1: NotAnInterfaceName@1:")]
    [InlineData("interface = a , b\t,\tc \n", "I:a I:b I:c", "")]
    [InlineData("interface=.,..,...,x:y,x*,x/y,br\u00e9\n", "I:...", "NotAnInterfaceName@1:. NotAnInterfaceName@1:.. NotAnInterfaceName@1:x:y NotAnInterfaceName@1:x* NotAnInterfaceName@1:x/y NotAnInterfaceName@1:br\u00c3\u00a9")]
    [InlineData("interface=BR0,br0\n", "I:BR0 I:br0", "")]
    [InlineData("interface=a=b\n", "I:a=b", "")]
    public void Lines(string text, string kept, string skips)
    {
        (string[] k, string[] s) = Read(text);
        Assert.Equal(kept, string.Join(" ", k));
        Assert.Equal(skips, string.Join(" ", s));
    }

    [Fact]
    public void AtMostSixteenOfEach_the_rest_passed_over_without_a_skip()
    {
        string text = string.Concat(Enumerable.Range(0, 40).Select(i => $"domain=d{i}.lan\ninterface=br{i},bad/{i}\n"));
        (string[] kept, string[] skips) = Read(text);
        Assert.Equal(2 * ConfFileReader.MaxValues, kept.Length);
        // bad/0..bad/14: br15 is the sixteenth, after it no list is looked at
        Assert.Equal(ConfFileReader.MaxValues - 1, skips.Length);
        Assert.Equal("I:br15", kept[ConfFileReader.MaxValues - 1]);
    }

    [Fact]
    public void Storage_smaller_than_sixteen_caps_lower()
    {
        byte[] bytes = Utf8("interface=a,b,c\ndomain=x.lan\n");
        Span<TextRange> interfaces = stackalloc TextRange[2];
        Span<TextRange> domains = stackalloc TextRange[0];
        var reader = new ConfFileReader(bytes, interfaces, domains);
        int entries = 0;
        while (reader.Next(out _, out _) != TextLineResult.End)
            entries++;
        Assert.Equal(2, entries);
        Assert.Equal(2, reader.InterfaceCount);
        Assert.Equal(0, reader.DomainCount);
        Assert.Equal("b"u8.ToArray(), TextLineText.Of(bytes, reader.Interface(1)).ToArray());
        Assert.Equal(TextLineResult.End, reader.Next(out _, out _));
    }

    [Fact]
    public void Values_come_with_their_line()
    {
        byte[] bytes = Utf8("# c\n\ninterface=virbr3\r\ndomain=v.lan\n");
        TextLineOracle.NewConf(bytes, out List<ConfValue> yielded, out _);
        Assert.Equal(new[] { (ConfValueKind.Interface, 3), (ConfValueKind.Domain, 4) }, yielded.Select(v => (v.Kind, v.Line)));
    }
}

/// <summary>Compares two outcomes by value (records holding arrays compare arrays by reference).</summary>
internal sealed class OutcomeComparer : IEqualityComparer<TextLineOracle.Outcome>
{
    public static readonly OutcomeComparer Instance = new();

    public bool Equals(TextLineOracle.Outcome? x, TextLineOracle.Outcome? y) =>
        x is not null && y is not null && x.Entries.SequenceEqual(y.Entries) && x.Logged == y.Logged && x.Silent == y.Silent;

    public int GetHashCode(TextLineOracle.Outcome obj) => obj.Entries.Length;
}
