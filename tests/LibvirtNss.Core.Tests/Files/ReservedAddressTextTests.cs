using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// Files/ReservedAddressText (subset) against StrictAddressText (reference's, through IPAddress): the same
/// acceptance and the same family and bytes, for hand-picked text, every short text over a small
/// alphabet, structured IPv4/IPv6 text and arbitrary bytes.
/// </summary>
public class ReservedAddressTextTests
{
    internal static string Same(byte[] text)
    {
        var oldBytes = new byte[16];
        bool oldOk = StrictAddressText.TryParse(text, out int oldFamily, oldBytes);
        bool newOk = ReservedAddressText.TryParse(text, out IpAddress parsed);
        var newBytes = new byte[16];
        if (newOk)
            parsed.CopyTo(newBytes);
        string shown = Encoding.Latin1.GetString(text);
        Assert.True(oldOk == newOk, $"'{shown}': StrictAddressText {oldOk}, ReservedAddressText {newOk}");
        if (!oldOk)
            return "-";
        Assert.True(oldFamily == parsed.Family, $"'{shown}': family {oldFamily} vs {parsed.Family}");
        int length = AddressFamilies.AddressLength(oldFamily);
        Assert.True(oldBytes.AsSpan(0, length).SequenceEqual(newBytes.AsSpan(0, length)),
            $"'{shown}': {Convert.ToHexString(oldBytes, 0, length)} vs {Convert.ToHexString(newBytes, 0, length)}");
        return Convert.ToHexString(newBytes, 0, length);
    }

    [Theory]
    [InlineData("192.168.122.10", "C0A87A0A")]
    [InlineData("0.0.0.0", "00000000")]
    [InlineData("255.255.255.255", "FFFFFFFF")]
    [InlineData("10.1", "-")]
    [InlineData("0x0a.0.0.1", "-")]
    [InlineData("01.2.3.4", "-")]
    [InlineData("1.2.3.04", "-")]
    [InlineData("1.2.3.256", "-")]
    [InlineData("1.2.3.4.", "-")]
    [InlineData(".1.2.3.4", "-")]
    [InlineData("1..3.4", "-")]
    [InlineData("1.2.3.4.5", "-")]
    [InlineData("::", "00000000000000000000000000000000")]
    [InlineData("::1", "00000000000000000000000000000001")]
    [InlineData("1::", "00010000000000000000000000000000")]
    [InlineData("fd00:122::10", "FD000122000000000000000000000010")]
    [InlineData("FD00:0122:0000:0000:0000:0000:0000:0010", "FD000122000000000000000000000010")]
    [InlineData("1:2:3:4:5:6:7::", "00010002000300040005000600070000")]
    [InlineData("::2:3:4:5:6:7:8", "00000002000300040005000600070008")]
    [InlineData("1:2:3:4:5:6:7:8", "00010002000300040005000600070008")]
    [InlineData("::ffff:192.168.1.1", "00000000000000000000FFFFC0A80101")]
    [InlineData("1:2:3:4:5:6:1.2.3.4", "00010002000300040005000601020304")]
    [InlineData("::1.2.3.01", "00000000000000000000000001020301")]     // .NET's embedded quad: a leading zero in the last number
    [InlineData("::1.2.3.0255", "000000000000000000000000010203FF")]
    [InlineData("::1.2.3.00", "-")]
    [InlineData("::01.2.3.4", "-")]
    [InlineData("::0.0.0.0", "00000000000000000000000000000000")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4", "-")]
    [InlineData("1:2:3:4:5:6::1.2.3.4", "-")]
    [InlineData("1:2:3:4:5:6:7:8:9", "-")]
    [InlineData("1:2:3:4:5:6:7", "-")]
    [InlineData("1:2:3:4:5:6:7:8::", "-")]
    [InlineData(":1::", "-")]
    [InlineData(":", "-")]
    [InlineData(":::", "-")]
    [InlineData("1::2::3", "-")]
    [InlineData("1:", "-")]
    [InlineData("12345::", "-")]
    [InlineData("::1.2.3", "-")]
    [InlineData("::1.2.3.4:5", "-")]
    [InlineData("::a.2.3.4", "-")]
    [InlineData("1::.2.3.4", "-")]
    [InlineData("fe80::1%eth0", "-")]
    [InlineData("[fd00::1]", "-")]
    [InlineData("fd00::1/64", "-")]
    [InlineData("", "-")]
    [InlineData("0000:0000:0000:0000:0000:0000:0000:00001", "-")]
    [InlineData("0000:0000:0000:0000:0000:0000:255.255.255.255", "000000000000000000000000FFFFFFFF")] // 45 bytes
    [InlineData("0000:0000:0000:0000:0000:0000:255.255.255.0255", "-")] // 46 bytes: over the limit
    public void HandPicked(string text, string expected) => Assert.Equal(expected, Same(Encoding.ASCII.GetBytes(text)));

    /// <summary>Every text of up to six bytes over "0 1 9 a F : ." (about 137,000 texts), and up to eight over "0 1 : .".</summary>
    [Fact]
    public void EveryShortText()
    {
        int accepted = 0, total = 0;
        foreach ((string alphabet, int maxLength) in new[] { ("019aF:.", 6), ("01:.", 8), ("5:.2", 8) })
        {
            byte[] letters = Encoding.ASCII.GetBytes(alphabet);
            for (int length = 0; length <= maxLength; length++)
            {
                var digits = new int[length];
                var text = new byte[length];
                while (true)
                {
                    for (int i = 0; i < length; i++)
                        text[i] = letters[digits[i]];
                    total++;
                    if (Same(text) != "-")
                        accepted++;
                    int k = length - 1;
                    while (k >= 0 && ++digits[k] == letters.Length)
                        digits[k--] = 0;
                    if (k < 0)
                        break;
                }
            }
        }
        Assert.True(accepted > 100, $"{accepted} of {total}");
    }

    private static readonly Gen<string> Group = Gen.OneOf(
        Gen.Choose(0, 0xffff).Select(v => v.ToString("x")),
        Gen.Choose(0, 0xffff).Select(v => v.ToString("X4")),
        Gen.Elements("0", "00", "000", "0000", "00000", "ffff", "fFfF", "12345", "g", ""));

    private static readonly Gen<string> Octet = Gen.OneOf(
        Gen.Choose(0, 255).Select(v => v.ToString()),
        Gen.Elements("0", "00", "01", "001", "010", "0255", "0256", "256", "999", "1000", "", "0x1", "a"));

    private static readonly Gen<string> Quad = Octet.ArrayOf(4).Select(o => string.Join(".", o));

    private static readonly Gen<string> Structured = Gen.OneOf(
        Quad,
        Octet.ListOf().Select(o => string.Join(".", o.Take(6))),
        from count in Gen.Choose(0, 9)
        from groups in Group.ArrayOf(count)
        from compressAt in Gen.Choose(-1, count)
        from quad in Gen.OneOf(Gen.Constant(""), Quad)
        from lead in Gen.Elements("", "", "", ":", "::")
        from tail in Gen.Elements("", "", "", ":", "::", "%eth0", "/64", ".")
        select lead + (compressAt < 0
            ? string.Join(":", groups)
            : string.Join(":", groups.Take(compressAt)) + "::" + string.Join(":", groups.Skip(compressAt)))
            + (quad.Length == 0 ? "" : (count == 0 && compressAt < 0 ? "" : ":") + quad) + tail);

    [Property(MaxTest = 3000)]
    public Property StructuredText_same_as_StrictAddressText() =>
        Prop.ForAll(Structured.ToArbitrary(), text => { Same(Encoding.ASCII.GetBytes(text)); });

    [Property(MaxTest = 3000)]
    public Property AlphabetText_same_as_StrictAddressText() => Prop.ForAll(
        Gen.Elements("0123456789abcdefABCDEF:.:.::...".Select(c => (byte)c).ToArray()).ArrayOf()
            .Select(b => b.Take(48).ToArray()).ToArbitrary(),
        bytes => { Same(bytes); });

    [Property(MaxTest = 1000)]
    public Property ArbitraryBytes_same_as_StrictAddressText() => Prop.ForAll(
        Gen.OneOf(Gen.Choose(0, 255).Select(b => (byte)b), Gen.Elements((byte)':', (byte)'.', (byte)'1', (byte)'f'))
            .ArrayOf().ToArbitrary(),
        bytes => { Same(bytes); });
}
