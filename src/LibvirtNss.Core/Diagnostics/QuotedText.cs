using System;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// Guest-controlled text as the debug lines and the command show it: each byte outside printable
/// ASCII becomes '?', and text longer than
/// <see cref="MaxShown"/> bytes is cut there, with "...".
/// </summary>
public static class QuotedText
{
    public const int MaxShown = 80;

    /// <summary>The longest text written: <see cref="MaxShown"/> bytes and "...".</summary>
    public const int MaxLength = MaxShown + 3;

    /// <returns>The length written to <paramref name="into"/> (at least <see cref="MaxLength"/> bytes).</returns>
    public static int Write(scoped ReadOnlySpan<byte> text, Span<byte> into)
    {
        int shown = text.Length < MaxShown ? text.Length : MaxShown;
        for (int i = 0; i < shown; i++)
        {
            byte b = text[i];
            into[i] = b >= 0x20 && b < 0x7f ? b : (byte)'?';
        }
        if (text.Length <= MaxShown)
            return shown;
        "..."u8.CopyTo(into.Slice(shown));
        return shown + 3;
    }
}
