using System;
using System.Linq;
using Xunit;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// Asserts that today's lookup and the subset's answer one question the same, and says where
/// they part when they do: the answers, then the first debug line that differs with a few lines
/// around it (a hostile directory writes thousands).
/// </summary>
internal static class LookupAssert
{
    public static void Same(BothLookups.Answer today, BothLookups.Answer subset, BothLookups.Answer silent, Func<string> question)
    {
        if (!today.Equals(subset))
            Assert.Fail($"{question()}\n{Difference(today, subset)}");
        // Without a log the subset composes no line; its answer may not change.
        if (silent.Lines.Length != 0 || silent with { Lines = subset.Lines } != subset)
            Assert.Fail($"{question()}\nsilent: {silent}\nlogged: {subset with { Lines = Array.Empty<string>() }}");
    }

    private static string Difference(BothLookups.Answer today, BothLookups.Answer subset)
    {
        string answers = $"today:  {today with { Lines = Array.Empty<string>() }}\nsubset: {subset with { Lines = Array.Empty<string>() }}";
        int at = 0;
        while (at < today.Lines.Length && at < subset.Lines.Length && today.Lines[at] == subset.Lines[at])
            at++;
        if (at == today.Lines.Length && at == subset.Lines.Length)
            return answers;
        int from = Math.Max(0, at - 3);
        return $"{answers}\ndebug lines part at line {at} (today {today.Lines.Length}, subset {subset.Lines.Length}):\n"
               + $"today:\n    {string.Join("\n    ", today.Lines.Skip(from).Take(8))}\n"
               + $"subset:\n    {string.Join("\n    ", subset.Lines.Skip(from).Take(8))}";
    }
}
