using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>Why a text-file reader left a file, a line, a name or a value out.</summary>
public enum TextLineSkip
{
    None = 0,

    /// <summary>hostsfile, addnhosts: more lines or fields than <see cref="HostsFileBudget"/> allows; nothing of the file is read.</summary>
    FileTooLarge,

    /// <summary>conf: one value of <c>interface=</c> is not an interface name.</summary>
    NotAnInterfaceName,

    /// <summary>conf: the value of <c>domain=</c> is not a domain name.</summary>
    NotADomainName,

    /// <summary>hostsfile: the line holds no address, so it reserves nothing to resolve (no debug line reports it).</summary>
    NoAddress,

    /// <summary>hostsfile: the line holds two MAC addresses.</summary>
    TwoMacAddresses,

    /// <summary>hostsfile: the line holds two addresses.</summary>
    TwoAddresses,

    /// <summary>hostsfile, addnhosts: the line's address is not an IP address.</summary>
    NotAnAddress,

    /// <summary>hostsfile: the line holds two names.</summary>
    TwoNames,

    /// <summary>hostsfile: the line's name is not a host name (the line is skipped); addnhosts: one name is not (that name alone is skipped).</summary>
    NotAHostName,
}

/// <summary>One thing a reader left out: why, on which line (0 for the whole file), and the field at fault.</summary>
public struct TextLineSkipped
{
    public TextLineSkip Reason;

    /// <summary>1-based line number; 0 when the whole file is skipped.</summary>
    public int Line;

    /// <summary>The field (or the line) at fault, in the reader's contents; empty for the whole file.</summary>
    public TextRange Field;

    public TextLineSkipped(TextLineSkip reason, int line, TextRange field)
    {
        Reason = reason;
        Line = line;
        Field = field;
    }
}

/// <summary>The debug text of each <see cref="TextLineSkip"/>, as UTF-8 bytes.</summary>
public static class TextLineSkips
{
    public static ReadOnlySpan<byte> Text(TextLineSkip reason) => reason switch
    {
        TextLineSkip.FileTooLarge => "skipped: more than 16384 lines or 32768 fields"u8,
        TextLineSkip.NotAnInterfaceName => "not an interface name"u8,
        TextLineSkip.NotADomainName => "not a domain name"u8,
        TextLineSkip.NoAddress => "no address: reserves nothing"u8,
        TextLineSkip.TwoMacAddresses => "two MAC addresses"u8,
        TextLineSkip.TwoAddresses => "two addresses"u8,
        TextLineSkip.NotAnAddress => "is not an IP address"u8,
        TextLineSkip.TwoNames => "two names"u8,
        TextLineSkip.NotAHostName => "is not a host name"u8,
        _ => "none"u8,
    };

    /// <summary>
    /// Whether a debug line reports it: every reason but <see cref="TextLineSkip.NoAddress"/> (a
    /// hostsfile line without an address, a MAC-only or name-only reservation, is not a fault).
    /// </summary>
    public static bool IsLogged(TextLineSkip reason) => reason != TextLineSkip.None && reason != TextLineSkip.NoAddress;
}
