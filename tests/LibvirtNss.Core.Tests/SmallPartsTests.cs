using System;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>ASCII folding, printable debug text, address text and address values.</summary>
public class SmallPartsTests
{
    [Theory]
    [InlineData("abc", "ABC", true)]
    [InlineData("a-Z.09", "A-z.09", true)]
    [InlineData("@", "`", false)]
    [InlineData("[", "{", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("", "", true)]
    public void AsciiCaseFolding(string left, string right, bool equal)
    {
        Assert.Equal(equal, AsciiText.EqualsIgnoreCase(Utf8(left), Utf8(right)));
        Assert.Equal(equal, AsciiText.EqualsIgnoreCase(Utf8(right), Utf8(left)));
    }

    [Fact]
    public void PrintableReplacesControlAndNonAsciiBytesAndBoundsTheLength()
    {
        Assert.Equal("a?b??c?", AsciiText.Printable(new byte[] { (byte)'a', 0x1b, (byte)'b', 0x0a, 0xff, (byte)'c', 0x7f }));
        string longName = AsciiText.Printable(new byte[300].AsSpan().ToArray());
        Assert.Equal(new string('?', 80) + "...", longName);
        Assert.Equal(new string('x', 80), AsciiText.Printable(Utf8(new string('x', 80))));
        Assert.Equal("", AsciiText.Printable(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData("192.168.122.1", AddressFamilies.Inet, "C0A87A01")]
    [InlineData("0.0.0.0", AddressFamilies.Inet, "00000000")]
    [InlineData("10.0.1", AddressFamilies.Inet, "0A000001")] // inet_aton's short form, as getaddrinfo reads it
    [InlineData("2001:db8::1", AddressFamilies.Inet6, "20010DB8000000000000000000000001")]
    [InlineData("fe80::1%virbr0", AddressFamilies.Inet6, "FE800000000000000000000000000001")]
    [InlineData("0x0a.0.0.1", AddressFamilies.Inet, "0A000001")]
    [InlineData("FD00::A", AddressFamilies.Inet6, "FD00000000000000000000000000000A")]
    [InlineData("::ffff:192.168.0.1", AddressFamilies.Inet6, "00000000000000000000FFFFC0A80001")]
    public void ParsesNumericAddresses(string text, int family, string hex)
    {
        Span<byte> bytes = stackalloc byte[16];
        Assert.True(IpAddressText.TryParse(Utf8(text), out int parsedFamily, bytes));
        Assert.Equal(family, parsedFamily);
        Assert.Equal(hex, Convert.ToHexString(bytes[..AddressFamilies.AddressLength(family)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("myvm")]
    [InlineData("192.168.122.1 ")]
    [InlineData("1.2.3.4.5")]
    [InlineData(":::")]
    [InlineData("2001:db8::1::2")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%")]
    [InlineData("10.0.0.1%eth0")]
    [InlineData("10.0.0.1/24")]
    [InlineData("-1.0.0.1")]
    public void RejectsWhatIsNotAnAddress(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        Assert.False(IpAddressText.TryParse(Utf8(text), out _, bytes));
    }

    [Fact]
    public void RejectsOverlongTextAndHostileBytes()
    {
        Span<byte> bytes = stackalloc byte[16];
        Assert.False(IpAddressText.TryParse(Utf8("1." + new string('0', 70) + "1.2.3"), out _, bytes));
        Assert.False(IpAddressText.TryParse(new byte[] { 0x31, 0x00, 0x2e, 0xff, 0xfe }, out _, bytes));
    }

    [Fact]
    public void AddressEqualityIgnoresExpiry()
    {
        LeaseAddress a = Address("10.0.0.1", 5), b = Address("10.0.0.1", 0), c = Address("10.0.0.2", 5);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals((object)"10.0.0.1"));
        Assert.False(a.Equals(c));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(Address("::a00:1", 0).Equals(Address("10.0.0.1", 0)));
        Assert.Equal(4, a.Length);
        Assert.Equal(16, Address("fd00::1", 0).Length);
        Assert.Equal("fd00::1", Address("fd00::1", 0).ToString());
    }

    [Fact]
    public void AddressFamilyNumbers()
    {
        Assert.True(AddressFamilies.IsSupported(AddressFamilies.Unspecified));
        Assert.True(AddressFamilies.IsSupported(AddressFamilies.Inet));
        Assert.True(AddressFamilies.IsSupported(AddressFamilies.Inet6));
        Assert.False(AddressFamilies.IsSupported(1));
        Assert.Equal(4, AddressFamilies.AddressLength(AddressFamilies.Inet));
        Assert.Equal(16, AddressFamilies.AddressLength(AddressFamilies.Inet6));
    }
}
