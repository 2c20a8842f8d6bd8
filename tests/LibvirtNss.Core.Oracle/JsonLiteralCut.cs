using System;
using System.Buffers;

namespace LibvirtNss.Core;

/// <summary>
/// Where a file stops being readable JSON because of a bad literal ("nul", "tru", "fals").
/// Utf8JsonReader reports such a literal with an exception whose message holds the whole rest of
/// the input as text: some 14 bytes allocated per byte left, more than the module's 16 MB heap for
/// a file of a few MB, and the file would be lost instead of keeping the entries before the bad
/// literal. Reading only the input before it gives the reader's short "incomplete JSON" error there.
/// </summary>
internal static class JsonLiteralCut
{
    private static readonly SearchValues<byte> QuoteOrLiteralStart = SearchValues.Create("\"tfn"u8);

    /// <returns>The length of <paramref name="json"/> before its first bad literal outside strings.</returns>
    public static int ReadableLength(ReadOnlySpan<byte> json)
    {
        int at = 0;
        while (true)
        {
            int next = json[at..].IndexOfAny(QuoteOrLiteralStart);
            if (next < 0)
                return json.Length;
            at += next;
            if (json[at] == (byte)'"')
            {
                at = AfterString(json, at + 1);
                if (at >= json.Length)
                    return json.Length;
                continue;
            }
            ReadOnlySpan<byte> literal = json[at] switch { (byte)'t' => "true"u8, (byte)'f' => "false"u8, _ => "null"u8 };
            if (!json[at..].StartsWith(literal))
                return at;
            at += literal.Length;
        }
    }

    /// <summary>The index after the closing quote of the string whose contents start at <paramref name="at"/>.</summary>
    private static int AfterString(ReadOnlySpan<byte> json, int at)
    {
        while (true)
        {
            int next = json[at..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
                return json.Length;
            at += next;
            if (json[at] == (byte)'"')
                return at + 1;
            at += 2;   // an escape: the escaped byte cannot close the string
            if (at >= json.Length)
                return json.Length;
        }
    }
}
