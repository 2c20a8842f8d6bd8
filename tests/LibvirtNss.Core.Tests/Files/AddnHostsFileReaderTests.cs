using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>Files/AddnHostsFileReader: /etc/hosts lines, and that it agrees with AddnHostsFileParser.</summary>
public class AddnHostsFileReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Read(string text)
    {
        byte[] bytes = Utf8(text);
        Assert.Equal(TextLineOracle.OldAddnHosts(bytes), TextLineOracle.NewAddnHosts(bytes), OutcomeComparer.Instance);
        var steps = new List<string>();
        var reader = new AddnHostsFileReader(bytes);
        TextLineResult result;
        while ((result = reader.Next(out HostsFileReservation r, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Entry)
            {
                Assert.False(r.HasMac);
                var address = new byte[16];
                r.Address.CopyTo(address);
                steps.Add($"{Encoding.Latin1.GetString(TextLineText.Of(bytes, r.Name))}|" +
                          new System.Net.IPAddress(address.AsSpan(0, r.Address.Length)) + $"@{r.Line}");
            }
            else
            {
                steps.Add($"{skip.Reason}@{skip.Line}:{Encoding.Latin1.GetString(TextLineText.Of(bytes, skip.Field))}");
            }
        }
        return string.Join(" ; ", steps);
    }

    [Theory]
    [InlineData("192.168.122.200\tgateway\trouter\t\nfd00:122::1\tgw6\t\n", "gateway|192.168.122.200@1 ; router|192.168.122.200@1 ; gw6|fd00:122::1@2")]
    [InlineData("# all comment\n10.1 short\n192.168.122.5 ok # trailing\n192.168.122.6 b\u0001d fine\nnot-an-ip x\n",
        "NotAnAddress@2:10.1 ; ok|192.168.122.5@3 ; NotAHostName@4:b\u0001d ; fine|192.168.122.6@4 ; NotAnAddress@5:not-an-ip")]
    [InlineData("1.2.3.4", "")]
    [InlineData("1.2.3.4#a b", "")]
    [InlineData("#1.2.3.4 a", "")]
    [InlineData("  \t 1.2.3.4 \t a\r\n", "a|1.2.3.4@1")]
    [InlineData("[::1] a", "NotAnAddress@1:[::1]")]
    [InlineData("::1 a\u000bb c", "NotAHostName@1:a\u000bb ; c|::1@1")]
    [InlineData("1.2.3.4\ra b", "NotAnAddress@1:1.2.3.4\ra")]
    public void Lines(string text, string expected) => Assert.Equal(expected, Read(text));

    [Fact]
    public void AtMostSixtyFourNamesALine_the_rest_passed_over()
    {
        string line = "192.168.122.7 " + string.Join(" ", Enumerable.Range(0, 100).Select(i => i % 3 != 0 ? $"n{i}" : $"b@d{i}"));
        string steps = Read(line + "\n1.2.3.4 last");
        Assert.Equal(AddnHostsFileReader.MaxNamesPerLine + 1, steps.Split(" ; ").Count(s => s.Contains('|')));
        Assert.Equal(32, steps.Split(" ; ").Count(s => s.StartsWith("NotAHostName", StringComparison.Ordinal))); // b@d0..b@d93
        Assert.EndsWith("last|1.2.3.4@2", steps);
    }
}
