using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>JSON string escapes decoded as yajl decodes them, and cut at the first NUL.</summary>
public class JsonEscapesTests
{
    private static string Decode(string raw) =>
        Convert.ToHexString(JsonEscapes.Decode(Utf8(raw), raw.Contains('\\')));

    private static string Hex(string text) => Convert.ToHexString(Utf8(text));

    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"\b\f\n\r\t", "\b\f\n\r\t")]
    [InlineData(@"\""\\\/", "\"\\/")]
    [InlineData(@"\u0041\u00e9\u4E2D", "A\u00e9\u4e2d")]
    [InlineData(@"\ud83d\ude00", "\U0001F600")]
    [InlineData(@"a\ud800", "a?")]
    [InlineData(@"a\ud800b", "a?b")]
    [InlineData(@"a\u0000b", "a")]
    [InlineData("raw\u00e9", "raw\u00e9")]
    public void DecodesEscapes(string raw, string expected) => Assert.Equal(Hex(expected), Decode(raw));

    [Fact]
    public void LoneLowSurrogateIsEncodedAsIs()
    {
        Assert.Equal("EDB080", Decode(@"\udc00"));
    }

    [Fact]
    public void HighSurrogateCombinesWithAnyFollowingEscapeAsYajlDoes()
    {
        // ((0xd800 & 0x3f) << 10) | ((((0xd800 >> 6) & 0xf) + 1) << 16) | (0x0041 & 0x3ff) = 0x10041
        Assert.Equal(Hex(char.ConvertFromUtf32(0x10041)), Decode(@"\ud800\u0041"));
    }

    [Fact]
    public void UnescapedValueIsOnlyCutAtNul()
    {
        Assert.Equal(Hex("ab"), Convert.ToHexString(JsonEscapes.Decode(new byte[] { 0x61, 0x62, 0x00, 0x63 }, false)));
        Assert.Equal("", Convert.ToHexString(JsonEscapes.Decode(ReadOnlySpan<byte>.Empty, false)));
    }

    private static readonly Gen<string> Strings = Gen.OneOf(
            Gen.Choose(0x20, 0x7e), Gen.Choose(0, 0x1f), Gen.Choose(0x80, 0xd7ff), Gen.Choose(0xe000, 0xffff),
            Gen.Choose(0x10000, 0x10ffff))
        .Select(char.ConvertFromUtf32).ListOf().Select(parts => string.Concat(parts));

    /// <summary>Escapes <paramref name="text"/> as a JSON writer might, choosing per character.</summary>
    private static Gen<string> Escaped(string text) =>
        Gen.Choose(0, 3).ArrayOf(text.Length).Select(choices =>
        {
            var raw = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool mustEscape = c < 0x20 || c == '"' || c == '\\';
                if (!mustEscape && choices[i] == 0 && !char.IsSurrogate(c))
                    raw.Append(c);
                else if (!mustEscape && choices[i] == 1 && char.IsHighSurrogate(c))
                    raw.Append(c).Append(text[++i]);
                else if (c is '"' or '\\' or '/' && choices[i] == 2)
                    raw.Append('\\').Append(c);
                else
                    raw.Append(choices[i] == 3 ? $"\\u{(int)c:X4}" : $"\\u{(int)c:x4}");
            }
            return raw.ToString();
        });

    [Property(MaxTest = 500)]
    public Property DecodingAgreesWithSystemTextJsonOnValidStrings() => Prop.ForAll(
        Strings.SelectMany(text => Escaped(text).Select(raw => (text, raw))).ToArbitrary(),
        c =>
        {
            byte[] json = Utf8("\"" + c.raw + "\"");
            var reader = new Utf8JsonReader(json);
            Assert.True(reader.Read());
            byte[] expected = Utf8(c.text.Split('\0')[0]);
            Assert.Equal(Convert.ToHexString(expected),
                Convert.ToHexString(JsonEscapes.Decode(reader.ValueSpan, reader.ValueIsEscaped)));
            Assert.Equal(c.text, reader.GetString());
        });

    [Property(MaxTest = 500)]
    public Property AnyEscapeSequenceDecodesWithoutThrowingAndNeverGrows() => Prop.ForAll(
        Gen.OneOf(
                Gen.Choose(0, 0xffff).Select(u => $"\\u{u:x4}"),
                Gen.Choose(0xd800, 0xdfff).Select(u => $"\\u{u:X4}"),
                Gen.Elements(@"\n", @"\""", @"\\", "a", "\u00e9", "\U0001F600"))
            .ListOf().Select(parts => string.Concat(parts)).ToArbitrary(),
        raw =>
        {
            byte[] bytes = Utf8(raw);
            ReadOnlySpan<byte> decoded = JsonEscapes.Decode(bytes, true);
            Assert.True(decoded.Length <= bytes.Length);
            Assert.True(decoded.IndexOf((byte)0) < 0);
        });
}
