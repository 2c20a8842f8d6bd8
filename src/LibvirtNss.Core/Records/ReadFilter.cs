using System;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>
/// Which <c>*.status</c> or <c>*.macs</c> files a lookup parses: every one, or those that may
/// hold one of a few values (a host name, domain name or MAC; <see cref="RawTextSearch"/>). A file
/// that holds none of them cannot change the answer, and most lookups are misses, so most files
/// are read but not parsed.
/// </summary>
public struct ReadFilter
{
    private KeyList _values;
    private bool _all;

    /// <summary>Every file is parsed (a snapshot, a reverse lookup, a lookup that writes debug lines).</summary>
    public static ReadFilter Everything => new() { _all = true };

    /// <summary>Every file when <paramref name="all"/>, else none until values are added.</summary>
    public static ReadFilter Of(bool all) => new() { _all = all };

    /// <summary>Also parse files that may hold <paramref name="value"/> (ASCII case-insensitive).</summary>
    /// <returns>false when the arena is full.</returns>
    public bool TryAdd(ref Arena arena, scoped ReadOnlySpan<byte> value) => _all || _values.TryAdd(ref arena, value);

    /// <summary>Whether a file of these contents is to be parsed.</summary>
    public readonly bool Admits(ReadOnlySpan<byte> contents)
    {
        if (_all || RawTextSearch.MayHoldEscapes(contents))
            return true;
        for (int i = 0; i < _values.Count; i++)
        {
            if (RawTextSearch.ContainsIgnoreCase(contents, _values[i]))
                return true;
        }
        return false;
    }
}
