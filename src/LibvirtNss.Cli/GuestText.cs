using System;
using System.Linq;

namespace LibvirtNss.Cli;

/// <summary>Guest-controlled bytes (host names, MACs, domains) as the command prints them.</summary>
internal static class GuestText
{
    /// <summary>At most this many characters are shown, then "...": a hostile file holds names of any length.</summary>
    private const int Shown = 80;

    /// <summary>Printable ASCII kept, any other byte shown as '?'.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        string shown = new(bytes[..Math.Min(bytes.Length, Shown)].ToArray().Select(b => b is >= 0x20 and <= 0x7e ? (char)b : '?').ToArray());
        return bytes.Length > Shown ? shown + "..." : shown;
    }
}
