using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>A few byte strings (host names, MACs) copied into a lookup's arena, in the order added.</summary>
public struct KeyList
{
    private ArenaText _text;
    private ArenaList<TextRange> _keys;

    public readonly int Count => _keys.Count;

    public readonly ReadOnlySpan<byte> this[int index] => _text.Of(_keys[index]);

    /// <returns>false when the arena is full.</returns>
    public bool TryAdd(ref Arena arena, scoped ReadOnlySpan<byte> key) =>
        _text.TryAppend(ref arena, key, out TextRange range) && _keys.Add(ref arena, range);
}
