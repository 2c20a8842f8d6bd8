using System;

namespace LibvirtNss.Core;

/// <summary>ASCII-only case folding over UTF-8 bytes (what strcasecmp does in the C locale).</summary>
public static class AsciiText
{
    /// <summary>The subset's comparison (Files/TextLineText.cs), which both worlds share.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        Files.TextLineText.EqualsIgnoreCase(left, right);

    /// <summary>A printable, bounded rendering of guest-controlled bytes for a debug line.</summary>
    public static string Printable(ReadOnlySpan<byte> value)
    {
        const int Max = 80;
        var chars = new char[Math.Min(value.Length, Max)];
        for (int i = 0; i < chars.Length; i++)
        {
            byte b = value[i];
            chars[i] = b is >= 0x20 and < 0x7f ? (char)b : '?';
        }
        return value.Length > Max ? new string(chars) + "..." : new string(chars);
    }
}
