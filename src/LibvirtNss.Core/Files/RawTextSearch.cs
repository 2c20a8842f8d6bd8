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
        int pick = RarestByte(needle);
        byte lower = TextLineText.Lower(needle[pick]);
        byte upper = lower >= (byte)'a' && lower <= (byte)'z' ? (byte)(lower - 32) : lower;
        return ContainsAround(text, needle, pick, lower) || (upper != lower && ContainsAround(text, needle, pick, upper));
    }

    /// <summary>
    /// Which byte of the needle to look for (memchr): candidates are compared whole, so a byte that
    /// libvirt's files seldom hold finds few. Their keys ("ip-address", "mac-address", "hostname",
    /// "client-id", "expiry-time", "domain", "macs"), addresses, MACs and times are made of the
    /// letters below, digits, hex, '.', ':' and '-': any other byte of a name is rarer.
    /// </summary>
    private static int RarestByte(ReadOnlySpan<byte> needle)
    {
        for (int i = 0; i < needle.Length; i++)
        {
            if (!IsCommon(TextLineText.Lower(needle[i])))
                return i;
        }
        return 0;
    }

    // The bytes of "abcdefhilmnoprstxy0123456789.:-\",{}[] " as a bit set over ASCII (bit b of
    // the first word for byte b < 64, bit b - 64 of the second).
    private const ulong CommonBelow64 = 0x7FF700500000000UL, CommonFrom64 = 0x2B1DF37E28000000UL;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsCommon(byte b) =>
        b < 64 ? ((CommonBelow64 >> b) & 1) != 0 : b < 128 && ((CommonFrom64 >> (b - 64)) & 1) != 0;

    // Candidates are found by one byte alone (memchr), then the window around it compared whole.
    private static bool ContainsAround(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle, int pick, byte value)
    {
        int at = pick;   // where the picked byte may lie: the needle then starts pick bytes before
        int last = text.Length - needle.Length + pick;
        while (at <= last)
        {
            int found = text.Slice(at, last - at + 1).IndexOf(value);
            if (found < 0)
                return false;
            at += found;
            if (TextLineText.EqualsIgnoreCase(text.Slice(at - pick, needle.Length), needle))
                return true;
            at++;
        }
        return false;
    }
}
