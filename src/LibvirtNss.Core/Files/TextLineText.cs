using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>
/// Small byte-text helpers of the subset readers (no strings, no Range, no enumerators): the
/// blanks dnsmasq separates fields with, trimming as offsets, host-name and case-folding checks.
/// </summary>
public static class TextLineText
{
    public const int MaxHostNameLength = 253;

    /// <summary>Space and tab only (what dnsmasq's hosts-file reader separates fields with).</summary>
    public static bool IsBlank(byte b) => b == (byte)' ' || b == (byte)'\t';

    /// <summary>The bytes of <paramref name="range"/> in <paramref name="contents"/>.</summary>
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> contents, TextRange range) =>
        contents.Slice(range.Start, range.Length);

    /// <summary>[<paramref name="start"/>, <paramref name="end"/>) without its leading and trailing blanks.</summary>
    public static TextRange Trim(ReadOnlySpan<byte> contents, int start, int end)
    {
        while (start < end && IsBlank(contents[start]))
            start++;
        while (end > start && IsBlank(contents[end - 1]))
            end--;
        return new TextRange(start, end - start);
    }

    /// <summary>The offset of the first <paramref name="value"/> in [<paramref name="start"/>, <paramref name="end"/>), or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> contents, int start, int end, byte value)
    {
        int at = contents.Slice(start, end - start).IndexOf(value);
        return at < 0 ? -1 : start + at;
    }

    /// <summary>A name the module can answer for: letters, digits, '-', '_', '.', 1 to 253 bytes.</summary>
    public static bool IsHostName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxHostNameLength)
            return false;
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            if (!(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                  or (byte)'-' or (byte)'_' or (byte)'.'))
                return false;
        }
        return true;
    }

    /// <summary>ASCII-only case folding (strcasecmp in the C locale).</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
            return false;
        for (int i = 0; i < left.Length; i++)
        {
            if (Lower(left[i]) != Lower(right[i]))
                return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="text"/> holds two dots in a row.</summary>
    public static bool HasDoubleDot(ReadOnlySpan<byte> text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == (byte)'.' && text[i - 1] == (byte)'.')
                return true;
        }
        return false;
    }

    /// <summary>An ASCII letter in lower case; any other byte as it is.</summary>
    internal static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
