using System;
using System.IO;
using System.Linq;
using Xunit;

namespace LibvirtNss.Core.Tests.Files;

/// <summary>
/// Replays fuzz-corpus/ (the fuzzer's seeds and every input that ever failed under `make fuzz`)
/// and the nssdata fixtures through the reference resolver's parsers and the span readers: the same decisions.
/// </summary>
public class SpanReaderCorpusTests
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    public static TheoryData<string> CorpusInputs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Corpus).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    public static TheoryData<string> FixtureInputs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Fixtures.NssData, "*", SearchOption.AllDirectories)
                     .Where(p => !p.EndsWith("README", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Fixtures.NssData, path));
        return data;
    }

    [Fact]
    public void TheWholeCorpusIsReplayed()
    {
        string[] files = Directory.GetFiles(Corpus);
        Assert.True(files.Length >= 7, $"{files.Length} corpus files");
        foreach (string path in files)
            Differential.AssertSame(File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(CorpusInputs))]
    public void ACorpusInputIsDecidedAlike(string file) =>
        Differential.AssertSame(File.ReadAllBytes(Path.Combine(Corpus, file)));

    [Theory]
    [MemberData(nameof(FixtureInputs))]
    public void AFixtureIsDecidedAlike(string file) =>
        Differential.AssertSame(File.ReadAllBytes(Path.Combine(Fixtures.NssData, file)));

    /// <summary>Every corpus input cut at a few places (a read racing a rewrite).</summary>
    [Theory]
    [MemberData(nameof(CorpusInputs))]
    public void ACorpusInputCutShortIsDecidedAlike(string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(Corpus, file));
        var random = new Random(file.Length);
        for (int i = 0; i < 8; i++)
            Differential.AssertSame(input[..random.Next(input.Length + 1)], collect: false);
    }

    public static TheoryData<string> OddFiles() => new()
    {
        "", " ", "\n\t\r ", "[]", "[ ]", "42", "42/", "42 x", "\"[]\"", "null", "nul", "  nul", "[nul]", "[1,nul,2]", "tru", "{}",
        "{\"domain\":\"vm1\"}", "[{}", "[", "]", "[1", "[1/", "[[", "[{\"domain\":\"vm1\",\"macs\":[\"a\"]}", "[]]", "[] x", "[][]",
        "\u00ef\u00bb\u00bf[]", "[\u00ef\u00bb\u00bf]", "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0}] trailing",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0},]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":-0}]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"expiry-time\":0,\"expiry-time\":-1}]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"hostname\":\"a\",\"hostname\":null,\"expiry-time\":0}]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"hostname\":{},\"expiry-time\":0}]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"hostname\":[[[[[[[1]]]]]]],\"expiry-time\":0}]",
        "[{\"ip-address\":\"10.0.0.1\",\"mac-address\":\"m\",\"x\":[[[[[[[1]]]]]]],\"expiry-time\":0}]",
        "[{\"domain\":\"a\",\"macs\":[\"x\",[\"y\"],\"z\"],\"macs\":1,\"domain\":2}]",
        "[{\"domain\":\"a\",\"macs\":[\"x\"],\"macs\":[\"y\"],\"domain\":\"A\\u0000b\"}]",
        "[[1,2],{\"domain\":\"vm1\"},[{\"domain\":\"vm1\"}],\"vm1\",{\"domain\":\"VM1\",\"macs\":[]}]",
    };

    [Theory]
    [MemberData(nameof(OddFiles))]
    public void AnOddFileIsDecidedAlike(string latin1) => Differential.AssertSame(System.Text.Encoding.Latin1.GetBytes(latin1));

    /// <summary>The counts that skip a file whole, at their limits, also when the file then stops being JSON.</summary>
    [Theory]
    [InlineData("{}", 65536, "]")]
    [InlineData("{}", 65537, "]")]
    [InlineData("1", 65537, "")]
    [InlineData("1", 65537, ",nul]")]
    [InlineData("1", 65536, ",nul]")]
    [InlineData("{\"domain\":\"vm1\",\"macs\":[\"\"]}", 65536, "]")]
    [InlineData("{\"domain\":\"vm1\",\"macs\":[\"\"]}", 32768, "]")]
    [InlineData("{\"domain\":\"vm1\",\"macs\":[\"\"]}", 32769, "]")]
    [InlineData("{\"domain\":\"vm1\",\"macs\":[\"\"]}", 32769, "x")]
    [InlineData("{\"macs\":[\"0123456789abcdef0123456789abcdef\"]}", 32768, "]")]
    [InlineData("{\"macs\":[\"0123456789abcdef0123456789abcdef\"]}", 32769, "]")]
    public void FilesAtTheCountLimitsAreDecidedAlike(string value, int count, string tail)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < count; i++)
            text.Append(i == 0 ? "" : ",").Append(value);
        text.Append(tail);
        Differential.AssertSame(System.Text.Encoding.UTF8.GetBytes(text.ToString()), collect: false);
    }
}
