using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>Files/HostsFileReader: dhcp-host lines, and that it agrees with DhcpHostsFileParser.</summary>
public class HostsFileReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Each step as text: "name|mac|address" or "reason@line:field".</summary>
    internal static string[] Steps(byte[] bytes)
    {
        var steps = new List<string>();
        var reader = new HostsFileReader(bytes);
        TextLineResult result;
        while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Entry)
            {
                var address = new byte[16];
                r.Address.CopyTo(address);
                steps.Add($"{Encoding.Latin1.GetString(TextLineText.Of(bytes, r.Name))}|{Encoding.Latin1.GetString(TextLineText.Of(bytes, r.Mac))}|" +
                          new System.Net.IPAddress(address.AsSpan(0, r.Address.Length)) + $"@{r.Line}");
            }
            else
            {
                steps.Add($"{skip.Reason}@{skip.Line}:{Encoding.Latin1.GetString(TextLineText.Of(bytes, skip.Field))}");
            }
        }
        Assert.Equal(TextLineResult.End, reader.Next(out _, out _));
        return steps.ToArray();
    }

    private static string Read(string text)
    {
        byte[] bytes = Utf8(text);
        Assert.Equal(TextLineOracle.OldHosts(bytes), TextLineOracle.NewHosts(bytes), OutcomeComparer.Instance);
        return string.Join(" ; ", Steps(bytes));
    }

    [Theory]
    [InlineData("52:54:00:aa:bb:cc,192.168.122.10,vm1", "vm1|52:54:00:aa:bb:cc|192.168.122.10@1")]
    [InlineData("52:54:00:aa:bb:cc,192.168.122.10,vm1,infinite", "vm1|52:54:00:aa:bb:cc|192.168.122.10@1")]
    [InlineData("vm2,192.168.122.11,30m", "vm2||192.168.122.11@1")]
    [InlineData("52:54:00:AA:BB:CD,192.168.122.12,3600s", "|52:54:00:AA:BB:CD|192.168.122.12@1")]
    [InlineData("id:00:01:00:01:2c:2f:d0:12:52:54:00:aa:bb:cc,vm6,[fd00:122::10]", "vm6||fd00:122::10@1")]
    [InlineData("vm6,[fd00:122::11],2h", "vm6||fd00:122::11@1")]
    [InlineData("  set:red,52:54:00:aa:bb:cc , 192.168.122.13 , vm3  \r", "vm3|52:54:00:aa:bb:cc|192.168.122.13@1")]
    [InlineData("tag:x,ignore,,52:54:00:*a:bb:cc,1.2.3.4,5W,", "|52:54:00:*a:bb:cc|1.2.3.4@1")]
    [InlineData("52:54:00:aa:bb:cc,vm1", "NoAddress@1:52:54:00:aa:bb:cc,vm1")]
    [InlineData("vm1,192.168.122.300", "NotAnAddress@1:192.168.122.300")]
    [InlineData("vm1,10.1", "NotAnAddress@1:10.1")]
    [InlineData("vm1,192.168.122.010", "NotAnAddress@1:192.168.122.010")]
    [InlineData("vm1,[192.168.122.10]", "NotAnAddress@1:[192.168.122.10]")]
    [InlineData("vm1,[fd00::1%eth0]", "NotAnAddress@1:[fd00::1%eth0]")]
    [InlineData("vm1,[]", "NotAnAddress@1:[]")]
    [InlineData("vm1,fd00::1", "TwoNames@1:fd00::1")]                      // unbracketed IPv6 is a name field
    [InlineData("vm1,other,192.168.122.10", "TwoNames@1:other")]
    [InlineData("vm1,192.168.122.10,192.168.122.11", "TwoAddresses@1:192.168.122.11")]
    [InlineData("52:54:00:aa:bb:cc,52:54:00:aa:bb:cd,192.168.122.10", "TwoMacAddresses@1:52:54:00:aa:bb:cd")]
    [InlineData("a,b,1.2.3.4,1.2.3.5", "TwoNames@1:b")]                   // the first fault, left to right
    [InlineData("a,1.2.3.4,x.y.z,b", "TwoNames@1:x.y.z")]
    [InlineData("my vm,192.168.122.10", "NotAHostName@1:my vm")]
    [InlineData("my vm,other", "TwoNames@1:other")]                        // two names come before no address
    [InlineData("# comment,192.168.122.10", "")]
    [InlineData("", "")]
    [InlineData("\n\n \t\n", "")]
    [InlineData("a,1.2.3.4\n\n#x\nb,[::1]", "a||1.2.3.4@1 ; b||::1@4")]
    public void Lines(string text, string expected) => Assert.Equal(expected, Read(text));

    [Fact]
    public void TwoNamesBeforeTheEndOfALineWithoutAddress()
    {
        // Today's parser stops at the second name even when the line has no address: it logs "two names".
        Assert.Equal("TwoNames@1:b", Read("a,b"));
    }
}
