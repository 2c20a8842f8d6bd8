using System;

namespace LibvirtNss.Core.Files;

/// <summary>What a file reader's <c>Next</c> found.</summary>
public enum ReadResult : byte
{
    /// <summary>A well-formed entry, handed out.</summary>
    Entry,
    /// <summary>A value of the array skipped, with its <see cref="SkipReason"/>.</summary>
    Skipped,
    /// <summary>
    /// Nothing more: the array ended, or the file was skipped whole or stopped being JSON (the
    /// reason then says which; the entries handed out before stay good).
    /// </summary>
    End,
}

/// <summary>
/// Why a value or a whole file is skipped (its debug line's words: <see cref="SkipReasons.Text"/>).
/// </summary>
public enum SkipReason : byte
{
    None,

    // One value of the array.
    NotAnObject,
    IpAddressNotString,
    MacAddressNotString,
    HostnameNotString,
    ExpiryTimeNotNonNegativeInteger,
    NoIpAddress,
    NoExpiryTime,
    DomainNotString,
    MacsNotArray,
    MacsValueNotString,
    NoDomain,
    /// <summary>The caller's scratch buffer cannot hold the entry's unescaped strings (never with one as long as the file).</summary>
    ScratchTooSmall,

    // The whole file (with ReadResult.End).
    EmptyFile,
    NotAnArray,
    TooManyEntries,
    TooManyStrings,
    /// <summary>The file stops being JSON; the entries before that point were handed out.</summary>
    MalformedJson,
}

/// <summary>The words of each <see cref="SkipReason"/>, for a debug line written without strings.</summary>
public static class SkipReasons
{
    /// <summary>
    /// The debug text of the reason (after "entry N: skipped: " for a value, after "skipped: " for a
    /// file; "empty" and "malformed JSON" are written without "skipped").
    /// </summary>
    public static ReadOnlySpan<byte> Text(SkipReason reason) => reason switch
    {
        SkipReason.NotAnObject => "not an object"u8,
        SkipReason.IpAddressNotString => "\"ip-address\" is not a string"u8,
        SkipReason.MacAddressNotString => "\"mac-address\" is not a string"u8,
        SkipReason.HostnameNotString => "\"hostname\" is not a string"u8,
        SkipReason.ExpiryTimeNotNonNegativeInteger => "\"expiry-time\" is not a non-negative integer"u8,
        SkipReason.NoIpAddress => "no \"ip-address\""u8,
        SkipReason.NoExpiryTime => "no \"expiry-time\""u8,
        SkipReason.DomainNotString => "\"domain\" is not a string"u8,
        SkipReason.MacsNotArray => "\"macs\" is not an array"u8,
        SkipReason.MacsValueNotString => "\"macs\" holds a value that is not a string"u8,
        SkipReason.NoDomain => "no \"domain\""u8,
        SkipReason.ScratchTooSmall => "no room to unescape its strings"u8,
        SkipReason.EmptyFile => "empty"u8,
        SkipReason.NotAnArray => "not a JSON array"u8,
        SkipReason.TooManyEntries => "more than 65536 entries"u8,
        SkipReason.TooManyStrings => "more than 65536 strings or 1048576 bytes of them"u8,
        SkipReason.MalformedJson => "malformed JSON"u8,
        _ => ""u8,
    };

    /// <summary>Whether the reason ends the file (comes with <see cref="ReadResult.End"/>).</summary>
    public static bool IsFileLevel(SkipReason reason) => reason >= SkipReason.EmptyFile;
}
