using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Entries;
using Xunit;

namespace LibvirtNss.Core.Tests.Entries;

/// <summary>The subset's address text is what the reference resolver's debug lines show (LeaseAddress.ToString, .NET's IPAddress).</summary>
public class IpAddressFormatProperties
{
    // Mostly zero groups, so that runs, mapped, compatible and ISATAP forms come up often.
    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
            (3, Gen.Constant((byte)0)), (1, Gen.Constant((byte)0xff)), (1, Gen.Constant((byte)1)),
            (1, Gen.Elements((byte)0x5e, (byte)0xfe)), (2, Gen.Choose(0, 255).Select(b => (byte)b)))
        .ArrayOf(16);

    [Property(MaxTest = 20000)]
    public Property Same_text_as_the_reference() => Prop.ForAll(Bytes.ToArbitrary(), Gen.Elements(AddressFamilies.Inet, AddressFamilies.Inet6).ToArbitrary(),
        (bytes, family) =>
        {
            string reference = new LeaseAddress(family, bytes, 0).ToString();
            Span<byte> text = stackalloc byte[IpAddressFormat.MaxLength];
            int length = IpAddressFormat.Format(new IpAddress(family, bytes), text);
            Assert.Equal(reference, Encoding.ASCII.GetString(text.Slice(0, length)));
        });

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::2")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("::1.2.3.4")]
    [InlineData("::0.0.1.0")]
    [InlineData("1::")]
    [InlineData("1:0:0:1::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("0:0:1::")]
    [InlineData("::ffff:0:1.2.3.4")]
    [InlineData("::ffff:0.0.1.0")]      // the IPv4 part's first half is 0: hex, as .NET writes it
    [InlineData("::ffff:0:0.0.1.0")]
    [InlineData("::5efe:0.0.0.0")]      // ISATAP: dotted even when all zero
    [InlineData("1:2:3:4:0:5efe:1.2.3.4")]
    public void Edge_forms(string text)
    {
        byte[] bytes = System.Net.IPAddress.Parse(text).GetAddressBytes();
        Span<byte> into = stackalloc byte[IpAddressFormat.MaxLength];
        int length = IpAddressFormat.Format(new IpAddress(AddressFamilies.Inet6, bytes), into);
        Assert.Equal(new LeaseAddress(AddressFamilies.Inet6, bytes, 0).ToString(), Encoding.ASCII.GetString(into.Slice(0, length)));
    }
}
