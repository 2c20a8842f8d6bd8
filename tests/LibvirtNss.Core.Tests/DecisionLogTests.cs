using System.Collections.Generic;
using Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>The debug sink: off by default, one printable line per decision when on.</summary>
public class DecisionLogTests
{
    [Fact]
    public void SilentLogIsDisabledAndWritesNowhere()
    {
        Assert.False(DecisionLog.Silent.Enabled);
        Assert.False(new DecisionLog(null).Enabled);
        DecisionLog.Silent.Write("ignored");
    }

    [Fact]
    public void LinesReachTheSinkUnchangedWhenPrintable()
    {
        var lines = new List<string>();
        var log = new DecisionLog(lines.Add);
        Assert.True(log.Enabled);
        log.Write("lease 10.0.0.1: matched, expiry 0");
        log.Write("");
        Assert.Equal(new[] { "lease 10.0.0.1: matched, expiry 0", "" }, lines);
    }

    [Fact]
    public void ControlAndNonAsciiCharactersBecomeQuestionMarks()
    {
        var lines = new List<string>();
        new DecisionLog(lines.Add).Write("a\nb\u001b[31mc\u00e9\u009bd\u007f~ \t");
        Assert.Equal(new[] { "a?b?[31mc??d?~ ?" }, lines);
    }

    [Fact]
    public void MalformedJsonQuotedInAnErrorStaysOneLine()
    {
        var lines = new List<string>();
        LeaseFileParser.Parse("[\n  fals\n\u001b]0;x\u0007e\n]"u8, "x.status", (in LeaseEntry _) => { }, new DecisionLog(lines.Add));
        string line = Assert.Single(lines);
        Assert.StartsWith("x.status: malformed JSON at byte", line);
        Assert.DoesNotContain(line, c => c < ' ' || c > '~');
    }
}
