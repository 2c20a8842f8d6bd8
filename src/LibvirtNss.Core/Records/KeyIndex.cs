using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>
/// Items by a text key, ASCII case-insensitive (host names, MACs, domain names): a bucket array
/// of a power of two at least twice the items, and one "next item of the same bucket" per item,
/// in an arena. A key no item has costs one hash and, mostly, one empty bucket. Items of one
/// bucket come out in descending order; the caller compares the key of each.
/// </summary>
public unsafe struct KeyIndex
{
    private int* _buckets;   // item + 1 of the bucket's first item, 0 for none
    private int* _next;      // item + 1 of the next item of the same bucket
    private uint _mask;

    /// <param name="keys">Each item's key in <paramref name="text"/>.</param>
    public static bool TryBuild(ref Arena arena, ReadOnlySpan<byte> text, ReadOnlySpan<TextRange> keys, out KeyIndex index)
    {
        index = default;
        uint size = 16;
        while (size < 2u * (uint)keys.Length && size < (1u << 30))
            size *= 2;
        index._buckets = (int*)arena.Allocate((nuint)size * sizeof(int), zeroed: true);
        index._next = (int*)arena.Allocate((nuint)((keys.Length + 1) * sizeof(int)), zeroed: true);
        if (index._buckets == null || index._next == null)
            return false;
        index._mask = size - 1;
        for (int item = 0; item < keys.Length; item++)
        {
            uint bucket = Hash(text.Slice(keys[item].Start, keys[item].Length)) & index._mask;
            index._next[item] = index._buckets[bucket];
            index._buckets[bucket] = item + 1;
        }
        return true;
    }

    /// <summary>The first candidate item for <paramref name="key"/>, or -1: the caller checks its key and goes on with <see cref="Next"/>.</summary>
    public readonly int First(ReadOnlySpan<byte> key) =>
        _buckets == null ? -1 : _buckets[Hash(key) & _mask] - 1;

    public readonly int Next(int item) => _next[item] - 1;

    /// <summary>FNV-1a over the bytes with ASCII letters folded to lower case.</summary>
    public static uint Hash(ReadOnlySpan<byte> key)
    {
        uint hash = 2166136261;
        for (int i = 0; i < key.Length; i++)
        {
            byte b = key[i];
            if (b >= (byte)'A' && b <= (byte)'Z')
                b = (byte)(b + 32);
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }

    /// <summary>Whether <paramref name="candidate"/> is the key (ASCII case-insensitive), as every lookup compares names and MACs.</summary>
    public static bool Matches(ReadOnlySpan<byte> candidate, ReadOnlySpan<byte> key) => TextLineText.EqualsIgnoreCase(candidate, key);
}
