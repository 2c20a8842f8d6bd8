using System;

namespace LibvirtNss.Core;

/// <summary>
/// A compact hash index from byte-string keys to item numbers 0..count-1 (two int arrays, no
/// object per key): the items whose key equals a given one, in ascending item order. Keys are
/// read back from the items themselves, so the index holds no copy of them. With ASCII case
/// folding (host and domain names, MACs) "A" and "a" are one key; without, keys are compared as
/// bytes (addresses). A key no item carries is rejected after one hash and, mostly, no compare.
/// </summary>
internal sealed class ByteKeyIndex
{
    /// <summary>The key of one item; false when the item has none (it is not indexed).</summary>
    public delegate bool KeyOf(int item, out ReadOnlySpan<byte> key);

    /// <summary>Bytes charged per item: its chain link and, on average, its bucket.</summary>
    public const int BytesPerItem = 12;

    private readonly KeyOf _keyOf;
    private readonly bool _ignoreCase;
    private readonly int[] _buckets; // first item + 1 of each chain, 0 when empty
    private readonly int[] _next;    // next item + 1 in the chain, 0 at its end

    public ByteKeyIndex(int count, KeyOf keyOf, bool ignoreCase, SnapshotBudget budget)
    {
        budget.Charge(3 * SnapshotBudget.ObjectBytes + (long)count * BytesPerItem);
        _keyOf = keyOf;
        _ignoreCase = ignoreCase;
        int size = 1;
        while (size < count)
            size <<= 1;
        _buckets = new int[size];
        _next = new int[count];
        // Last item first: each item goes to the front of its chain, so chains run in item order.
        for (int item = count - 1; item >= 0; item--)
        {
            if (!keyOf(item, out ReadOnlySpan<byte> key))
                continue;
            int bucket = (int)(Hash(key) & (uint)(size - 1));
            _next[item] = _buckets[bucket];
            _buckets[bucket] = item + 1;
        }
    }

    /// <summary>The first item with <paramref name="key"/>, or -1.</summary>
    public int First(ReadOnlySpan<byte> key)
    {
        int bucket = (int)(Hash(key) & (uint)(_buckets.Length - 1));
        return Match(_buckets[bucket] - 1, key);
    }

    /// <summary>The next item after <paramref name="item"/> with <paramref name="key"/>, or -1.</summary>
    public int Next(int item, ReadOnlySpan<byte> key) => Match(_next[item] - 1, key);

    public bool Contains(ReadOnlySpan<byte> key) => First(key) >= 0;

    private int Match(int item, ReadOnlySpan<byte> key)
    {
        while (item >= 0)
        {
            if (_keyOf(item, out ReadOnlySpan<byte> candidate)
                && (_ignoreCase ? AsciiText.EqualsIgnoreCase(candidate, key) : candidate.SequenceEqual(key)))
                return item;
            item = _next[item] - 1;
        }
        return -1;
    }

    /// <summary>FNV-1a over the bytes, ASCII letters folded to lower case when the index ignores case.</summary>
    private uint Hash(ReadOnlySpan<byte> key)
    {
        uint hash = 2166136261;
        foreach (byte b in key)
        {
            byte folded = _ignoreCase && b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
            hash = (hash ^ folded) * 16777619;
        }
        return hash ^ (hash >> 15);
    }
}
