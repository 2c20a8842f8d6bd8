using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// Whether a file can hold a value at all, without parsing it: most lookups are misses, and a
/// JSON file without a backslash holds each string as its own bytes, so a host name, MAC or
/// domain it holds (compared ASCII case-insensitively) appears in it literally. A file that
/// cannot hold any wanted value cannot change the answer, and a lookup that writes no debug
/// line (which would say what was read) need not parse it.
/// </summary>
public static class RawTextSearch
{
    /// <summary>Whether the bytes may encode a string other than literally (a JSON escape).</summary>
    public static bool MayHoldEscapes(ReadOnlySpan<byte> json) => json.IndexOf((byte)'\\') >= 0;

    /// <summary>Whether <paramref name="needle"/> occurs in <paramref name="text"/>, ASCII letters in any case.</summary>
    public static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle)
    {
        if (needle.IsEmpty)
            return true;
        byte first = needle[0];
        byte lower = first >= (byte)'A' && first <= (byte)'Z' ? (byte)(first + 32) : first;
        byte upper = lower >= (byte)'a' && lower <= (byte)'z' ? (byte)(lower - 32) : lower;
        return ContainsFrom(text, needle, lower) || (upper != lower && ContainsFrom(text, needle, upper));
    }

    // Candidates are found by the first byte alone (memchr), then compared whole.
    private static bool ContainsFrom(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle, byte first)
    {
        int at = 0;
        while (text.Length - at >= needle.Length)
        {
            int found = text.Slice(at, text.Length - at - needle.Length + 1).IndexOf(first);
            if (found < 0)
                return false;
            at += found;
            if (TextLineText.EqualsIgnoreCase(text.Slice(at, needle.Length), needle))
                return true;
            at++;
        }
        return false;
    }
}
