using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>JsonText against the helpers the reference resolver's parsers use: JsonEscapes, Utf8JsonReader.TryGetInt64, JsonLiteralCut.</summary>
public class JsonTextTests
{
    private static string Decoded(byte[] raw, bool escaped)
    {
        var into = new byte[raw.Length];
        int length = JsonText.Decode(raw, escaped, into);
        Assert.True(length >= 0);
        return Convert.ToHexString(into.AsSpan(0, length));
    }

    [Theory]
    [InlineData(@"plain")]
    [InlineData(@"\b\f\n\r\t")]
    [InlineData(@"\""\\\/")]
    [InlineData(@"\u0041\u00e9\u4E2D")]
    [InlineData(@"\ud83d\ude00")]
    [InlineData(@"a\ud800")]
    [InlineData(@"a\ud800b")]
    [InlineData(@"a\u0000b")]
    [InlineData(@"\udc00")]
    [InlineData(@"\ud800\u0041")]
    [InlineData(@"\uDBFF\uDFFF")]
    [InlineData("raw\u00e9")]
    [InlineData(@"trailing\")]
    [InlineData(@"short\u12")]
    [InlineData("")]
    public void DecodesAsJsonEscapes(string text)
    {
        byte[] raw = Encoding.UTF8.GetBytes(text);
        bool escaped = text.Contains('\\');
        string expected = Convert.ToHexString(JsonEscapes.Decode(raw, escaped));
        Assert.Equal(expected, Decoded(raw, escaped));
        Assert.True(JsonText.DecodedEquals(raw, escaped, JsonEscapes.Decode(raw, escaped)));
    }

    [Fact]
    public void UnescapedValuesAreCutAtNulToo()
    {
        byte[] raw = { 0x61, 0x62, 0x00, 0x63 };
        Assert.Equal("6162", Decoded(raw, false));
        Assert.True(JsonText.DecodedEquals(raw, false, "ab"u8));
        Assert.False(JsonText.DecodedEquals(raw, false, "abc"u8));
    }

    [Fact]
    public void DecodingIntoTooSmallABufferFails()
    {
        Span<byte> two = stackalloc byte[2];
        Assert.Equal(-1, JsonText.Decode("abc"u8, false, two));
        Assert.Equal(-1, JsonText.Decode("\\u00e9\\u00e9"u8, true, two));
        Assert.Equal(2, JsonText.Decode("\\u00e9"u8, true, two));
    }

    [Theory]
    [InlineData("hostname", "hostname", true)]
    [InlineData("host\\u006eame", "hostname", true)]
    [InlineData("hostname\\u0000tail", "hostname", true)]
    [InlineData("hostnam", "hostname", false)]
    [InlineData("hostnamex", "hostname", false)]
    [InlineData("host\\u00e9", "host", false)]
    [InlineData("h\\u00e9", "h\u00e9", true)]
    [InlineData("\\u0000", "", true)]
    [InlineData("hostname\0", "hostname", true)]
    [InlineData("hostname\0tail", "hostname", true)]
    [InlineData("host\0ame", "hostname", false)]
    [InlineData("hostnamx\0", "hostname", false)]
    [InlineData("\0", "", true)]
    [InlineData("", "", true)]
    public void DecodedEqualsComparesWithoutABuffer(string raw, string expected, bool equal) =>
        Assert.Equal(equal, JsonText.DecodedEquals(Encoding.UTF8.GetBytes(raw), raw.Contains('\\'), Encoding.UTF8.GetBytes(expected)));

    private static readonly Gen<string> EscapedText = Gen.OneOf(
            Gen.Choose(0, 0xffff).Select(u => $"\\u{u:x4}"),
            Gen.Choose(0xd800, 0xdfff).Select(u => $"\\u{u:X4}"),
            Gen.Elements(@"\n", @"\""", @"\\", @"\/", @"\b", "a", "\u00e9", "\U0001F600", "\\"))
        .ListOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 2000)]
    public Property AnyEscapesDecodeAsJsonEscapes() => Prop.ForAll(EscapedText.ToArbitrary(), text =>
    {
        byte[] raw = Encoding.UTF8.GetBytes(text);
        byte[] expected = JsonEscapes.Decode(raw, true).ToArray();
        Assert.Equal(Convert.ToHexString(expected), Decoded(raw, true));
        Assert.True(JsonText.DecodedEquals(raw, true, expected));
        if (expected.Length > 0)
            Assert.False(JsonText.DecodedEquals(raw, true, expected.AsSpan(0, expected.Length - 1)));
    });

    private static bool Utf8JsonReaderInt64(string number, out long value)
    {
        var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(number));
        reader.Read();
        Assert.Equal(JsonTokenType.Number, reader.TokenType);
        return reader.TryGetInt64(out value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("1800000000")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("0.0")]
    [InlineData("-0.0e-0")]
    public void IntegersReadAsTryGetInt64(string number)
    {
        bool expected = Utf8JsonReaderInt64(number, out long expectedValue);
        Assert.Equal(expected, JsonText.TryGetInt64(Encoding.ASCII.GetBytes(number), out long value));
        Assert.Equal(expectedValue, value);
    }

    private static readonly Gen<string> Numbers =
        from sign in Gen.Elements("", "-")
        from integer in Gen.OneOf(Gen.Constant("0"), Gen.Choose(1, 9).SelectMany(d => Gen.Elements("0123456789".ToCharArray())
            .ArrayOf().Select(rest => d + new string(rest.Take(22).ToArray()))))
        from fraction in Gen.Elements("", "", "", ".0", ".5", ".000")
        from exponent in Gen.Elements("", "", "", "e0", "E+2", "e-1")
        select sign + integer + fraction + exponent;

    [Property(MaxTest = 2000)]
    public Property AnyNumberReadsAsTryGetInt64() => Prop.ForAll(Numbers.ToArbitrary(), number =>
    {
        bool expected = Utf8JsonReaderInt64(number, out long expectedValue);
        Assert.Equal(expected, JsonText.TryGetInt64(Encoding.ASCII.GetBytes(number), out long value));
        if (expected)
            Assert.Equal(expectedValue, value);
    });

    [Fact]
    public void NotANumberIsNoInteger()
    {
        Assert.False(JsonText.TryGetInt64(""u8, out _));
        Assert.False(JsonText.TryGetInt64("-"u8, out _));
        Assert.False(JsonText.TryGetInt64("1x"u8, out _));
    }

    [Theory]
    [InlineData("[true,false,null]")]
    [InlineData("[{\"a\":\"nul tru fals\"}]")]
    [InlineData("[\"\\\"nul\\\\\",nul]")]
    [InlineData("[1,nul,2]")]
    [InlineData("[tru")]
    [InlineData("{\"k\":fals}")]
    [InlineData("[\"unterminated nul")]
    [InlineData("[\"ends in a backslash\\")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void ReadableLengthIsJsonLiteralCuts(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(JsonLiteralCut.ReadableLength(bytes), JsonText.ReadableLength(bytes));
    }

    [Property(MaxTest = 2000)]
    public Property AnyReadableLengthIsJsonLiteralCuts() => Prop.ForAll(
        Gen.Elements("\"", "\\", "t", "f", "n", "true", "false", "null", "nul", "x", " ", ",", "u").ListOf()
            .Select(p => Encoding.ASCII.GetBytes(string.Concat(p))).ToArbitrary(),
        bytes => Assert.Equal(JsonLiteralCut.ReadableLength(bytes), JsonText.ReadableLength(bytes)));

    [Theory]
    [InlineData("", true)]
    [InlineData(" \t\r\n", true)]
    [InlineData(" x ", false)]
    [InlineData("\u000b", false)]
    public void BlankIsJsonWhitespaceOnly(string text, bool blank)
    {
        Assert.Equal(blank, JsonText.IsBlank(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(JsonValues.IsBlank(Encoding.ASCII.GetBytes(text)), JsonText.IsBlank(Encoding.ASCII.GetBytes(text)));
    }
}
