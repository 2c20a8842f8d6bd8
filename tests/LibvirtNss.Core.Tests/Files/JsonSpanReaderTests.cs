using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Files;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// The span tokenizer against Utf8JsonReader (MaxDepth 8, the options the reference resolver's parsers use): the
/// same tokens, raw values, escape flags and depths, and an error exactly where Utf8JsonReader
/// throws (its BytesConsumed then is <see cref="JsonSpanReader.ErrorOffset"/>).
/// </summary>
public class JsonSpanReaderTests
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    private static List<string> Expected(byte[] json, out int? error)
    {
        var tokens = new List<string>();
        var reader = new Utf8JsonReader(json, Options);
        error = null;
        try
        {
            while (reader.Read())
                tokens.Add(Token(reader.TokenType.ToString(), reader.ValueSpan, reader.ValueIsEscaped, reader.CurrentDepth));
        }
        catch (JsonException)
        {
            error = (int)reader.BytesConsumed;
        }
        return tokens;
    }

    private static List<string> Actual(byte[] json, out int? error)
    {
        var tokens = new List<string>();
        var reader = new JsonSpanReader(json);
        while (reader.Read())
        {
            tokens.Add(Token(reader.TokenType.ToString(), reader.ValueSpan, reader.ValueIsEscaped, reader.CurrentDepth));
            Assert.Equal(JsonError.None, reader.Error);
        }
        error = reader.Error == JsonError.None ? null : reader.ErrorOffset;
        Assert.False(reader.Read());   // stays ended
        return tokens;
    }

    private static string Token(string type, ReadOnlySpan<byte> value, bool escaped, int depth) =>
        $"{type} {Convert.ToHexString(value)}{(escaped ? " escaped" : "")} @{depth}";

    private static void AssertSameTokens(byte[] json)
    {
        List<string> expected = Expected(json, out int? expectedError);
        List<string> actual = Actual(json, out int? actualError);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedError, actualError);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("  [ 1 , -0 , 1.5e+3 , 2E-2 , true , false , null , \"s\" , {} , [] ]  ")]
    [InlineData("{\"a\":{\"b\":[1,{\"c\":\"\\u0041\\n\"}]}}")]
    [InlineData("42")]
    [InlineData("42/")]          // '/' ends a number; only the next token is rejected
    [InlineData("[42/]")]
    [InlineData("42 x")]
    [InlineData("42x")]
    [InlineData("nullx")]         // a literal needs no delimiter: what follows is the next token
    [InlineData("[nullx]")]
    [InlineData("\"abc")]
    [InlineData("\"a\\x\"")]
    [InlineData("\"a\\u12\"")]
    [InlineData("\"a\\u12")]
    [InlineData("\"a\\u00e9\\/\\\"\\\\\"")]
    [InlineData("\"tab\there\"")]   // a raw control character
    [InlineData("[-]")]
    [InlineData("[-x]")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[1.x]")]
    [InlineData("[1e]")]
    [InlineData("[1e+]")]
    [InlineData("[1ex]")]
    [InlineData("[1")]            // a number cannot end an open array
    [InlineData("1")]
    [InlineData("-")]
    [InlineData("[1,")]
    [InlineData("[1 ,  ")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1,]")]
    [InlineData("[1 2]")]
    [InlineData("[{\"a\":1 \"b\":2}]")]
    [InlineData("[{\"ab\"5")]
    [InlineData("[{\"ab\" 5")]
    [InlineData("[{\"ab\"")]
    [InlineData("[{\"a\"  :  x")]
    [InlineData("[{\"a\":}]")]
    [InlineData("[{1:2}]")]
    [InlineData("[}")]
    [InlineData("{]")]
    [InlineData("[{}}")]
    [InlineData("[,")]
    [InlineData("[]x")]
    [InlineData("[] ")]
    [InlineData("[][]")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00ef\u00bb\u00bf[]")]  // a byte order mark is no JSON
    [InlineData("[[[[[[[[]]]]]]]]")]      // depth 8: the limit
    [InlineData("[[[[[[[[[]]]]]]]]]")]    // depth 9
    [InlineData("[{\"a\":[{\"a\":[{\"a\":[{\"a\":[]}]}]}]}]")]
    [InlineData("[{\"a\":[{\"a\":[{\"a\":[{\"a\":{}}]}]}]}]")]
    [InlineData("[[[[[[[[")]
    [InlineData("[tru")]
    [InlineData("[trux]")]
    [InlineData("[fals]")]
    [InlineData("[nul")]
    [InlineData("[1/2]")]
    [InlineData("[\"\u00ff\u00fe\"]")]     // invalid UTF-8 in a string passes
    [InlineData("\t\r\n[\t\r\n1\t\r\n]\t\r\n")]
    [InlineData("[\u000b1]")]              // vertical tab is no JSON whitespace
    [InlineData("[1]\u0000")]
    public void TokensAndErrorsAreUtf8JsonReaders(string latin1) => AssertSameTokens(Encoding.Latin1.GetBytes(latin1));

    private static readonly Gen<byte> JsonishByte = Gen.OneOf(
        Gen.Choose(0, 255).Select(b => (byte)b),
        Gen.Elements("[]{}\",:\\u0123456789abcdefABCDEF-+.eE \t\r\n/trfnulx".Select(c => (byte)c).ToArray()),
        Gen.Elements("[]{}\",:".Select(c => (byte)c).ToArray()));

    private static readonly Gen<byte[]> Pieces = Gen.Elements(
            "{", "}", "[", "]", ",", ":", "\"", "\"k\":", "\"s\"", "\"\\u00e9\"", "\"\\ud800\"", "0", "-1", "1.5", "2e8", "-0.0E-0",
            "true", "false", "null", " ", "\n", "\\", "\\u", "01", "1.", "[[[[", "]]]]", "{\"a\":", "\u00ff", "/")
        .ListOf().Select(p => Encoding.Latin1.GetBytes(string.Concat(p)));

    [Property(MaxTest = 3000)]
    public Property ArbitraryBytesTokenizeAlike() => Prop.ForAll(JsonishByte.ArrayOf().ToArbitrary(), AssertSameTokens);

    [Property(MaxTest = 3000)]
    public Property JsonPiecesTokenizeAlike() => Prop.ForAll(Pieces.ToArbitrary(), AssertSameTokens);

    [Property(MaxTest = 1000)]
    public Property FuzzFilesTokenizeAlike() => Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
    {
        var random = new Random(seed);
        var generator = new LibvirtNss.Fuzz.InputGenerator(random);
        byte[] input = random.Next(2) == 0 ? generator.MacsFile() : generator.StatusFile();
        if (random.Next(2) == 0)
            input = new LibvirtNss.Fuzz.Mutator(random).Mutate(input, generator.StatusFile());
        // Utf8JsonReader's message for a bad literal quotes the rest of the input: keep it small.
        if (input.Length > 65536)
            input = input[..65536];
        AssertSameTokens(input);
    });

    [Fact]
    public void SkipReadsToTheEndOfTheContainer()
    {
        var reader = new JsonSpanReader("[{\"a\":[1,{\"b\":2}]},3]"u8);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(JsonToken.StartObject, reader.TokenType);
        Assert.True(reader.Skip());
        Assert.Equal(JsonToken.EndObject, reader.TokenType);
        Assert.Equal(1, reader.CurrentDepth);
        Assert.True(reader.Read());
        Assert.Equal("3", Encoding.ASCII.GetString(reader.ValueSpan));
        Assert.True(reader.Skip());   // a scalar: nothing to skip
        Assert.Equal(JsonToken.Number, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal(JsonToken.EndArray, reader.TokenType);
        Assert.Equal(21, reader.BytesConsumed);
        Assert.False(reader.Read());
        Assert.Equal(JsonError.None, reader.Error);
    }

    [Fact]
    public void SkipOnAPropertyNameSkipsItsValue()
    {
        var reader = new JsonSpanReader("{\"a\":[1,[2]],\"b\":3}"u8);
        reader.Read();
        reader.Read();
        Assert.Equal(JsonToken.PropertyName, reader.TokenType);
        Assert.True(reader.Skip());
        Assert.Equal(JsonToken.EndArray, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("b", Encoding.ASCII.GetString(reader.ValueSpan));
    }

    [Fact]
    public void SkipFailsWhereTheInputStopsBeingJson()
    {
        var reader = new JsonSpanReader("[[1,2"u8);
        reader.Read();
        reader.Read();
        Assert.False(reader.Skip());
        Assert.Equal(JsonError.UnexpectedEnd, reader.Error);
        Assert.False(reader.Skip());
    }

    [Theory]
    [InlineData("", JsonError.NoToken, 0)]
    [InlineData("  ", JsonError.NoToken, 2)]
    [InlineData("[", JsonError.UnexpectedEnd, 1)]
    [InlineData("[x", JsonError.UnexpectedByte, 1)]
    [InlineData("[1,]", JsonError.TrailingComma, 3)]
    [InlineData("{\"a\":1,}", JsonError.TrailingComma, 7)]
    [InlineData("[\"\u0001\"]", JsonError.ControlCharacterInString, 1)]
    [InlineData("[\"\\q\"]", JsonError.InvalidEscape, 1)]
    [InlineData("[01]", JsonError.InvalidNumber, 1)]
    [InlineData("[trux]", JsonError.InvalidLiteral, 1)]
    [InlineData("[tr", JsonError.UnexpectedEnd, 1)]
    [InlineData("[[[[[[[[[", JsonError.TooDeep, 8)]
    [InlineData("[] [", JsonError.TrailingData, 3)]
    public void ErrorsSayWhyAndWhere(string latin1, JsonError error, int offset)
    {
        var reader = new JsonSpanReader(Encoding.Latin1.GetBytes(latin1));
        while (reader.Read())
        {
        }
        Assert.Equal(error, reader.Error);
        Assert.Equal(offset, reader.ErrorOffset);
    }

    [Theory]
    [InlineData(1, "[]", true)]
    [InlineData(1, "[[]]", false)]
    [InlineData(0, "[]", true)]       // at least 1
    [InlineData(100, "[[[[[[[[[[[[]]]]]]]]]]]]", true)]  // at most 64
    public void TheDepthLimitIsTheCallers(int maxDepth, string json, bool ok)
    {
        var reader = new JsonSpanReader(Encoding.ASCII.GetBytes(json), maxDepth);
        while (reader.Read())
        {
        }
        Assert.Equal(ok, reader.Error == JsonError.None);
    }
}
