using System;
using System.Text;
using LibvirtNss.Core.Diagnostics;

namespace LibvirtNss.Cli;

/// <summary>Guest-controlled bytes (host names, MACs, domains) as the command prints them.</summary>
internal static class GuestText
{
    /// <summary>As the modules' debug lines quote it (<see cref="QuotedText"/>): a hostile file holds names of any length and any byte.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        Span<byte> quoted = stackalloc byte[QuotedText.MaxLength];
        return Encoding.ASCII.GetString(quoted[..QuotedText.Write(bytes, quoted)]);
    }
}
