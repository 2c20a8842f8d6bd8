using System;

namespace LibvirtNss.Core;

/// <summary>
/// Which names the module hands back as an answer of its own (a reverse lookup's h_name and
/// aliases, a reserved host's name): only names made of letters, digits, '-', '_' and '.', 1 to
/// 253 bytes. A forward lookup echoes the caller's own name and needs no such check; a reverse
/// answer is read by programs (sshd's UseDNS, logs, access rules) that expect a host name, and
/// the guest chooses its DHCP hostname.
/// </summary>
public static class HostNameText
{
    public const int MaxLength = Files.TextLineText.MaxHostNameLength;

    /// <summary>The subset's check (Files/TextLineText.cs), which both worlds share.</summary>
    public static bool IsAnswerable(ReadOnlySpan<byte> name) => Files.TextLineText.IsHostName(name);
}
