using System;
using System.Linq;
using Xunit;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// Asserts that the oracle and Core answer one question the same (outcome, errno, values in
/// order), and shows both answers and the first debug lines of each when they do not (a hostile
/// directory writes thousands).
/// </summary>
internal static class LookupAssert
{
    public static void Same(BothLookups.Answer oracle, BothLookups.Answer core, BothLookups.Answer silent, Func<string> question)
    {
        if (!oracle.Equals(core))
            Assert.Fail($"{question()}\n{Difference(oracle, core)}");
        // Without a log Core composes no line; its answer may not change.
        if (silent.Lines.Length != 0 || !silent.Equals(core))
            Assert.Fail($"{question()}\nsilent: {silent}\nlogged: {core with { Lines = Array.Empty<string>() }}");
    }

    private static string Difference(BothLookups.Answer oracle, BothLookups.Answer core) =>
        $"oracle: {oracle with { Lines = Array.Empty<string>() }}\ncore:   {core with { Lines = Array.Empty<string>() }}\n"
        + $"oracle's lines:\n    {string.Join("\n    ", oracle.Lines.Take(12))}\n"
        + $"core's lines:\n    {string.Join("\n    ", core.Lines.Take(12))}";
}
