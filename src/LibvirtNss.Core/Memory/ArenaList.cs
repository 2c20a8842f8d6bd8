using System;

namespace LibvirtNss.Core.Memory;

/// <summary>
/// A list of unmanaged values in an arena: grows by doubling into a new block (the old block
/// stays in the arena until it is released: a lookup's lists are short, and the arena is freed
/// whole). <see cref="Add"/> fails, rather than throws, when the arena has no room.
/// </summary>
public unsafe struct ArenaList<T> where T : unmanaged
{
    private T* _items;
    private int _count, _capacity;

    public readonly int Count => _count;

    public readonly ref T this[int index] => ref AsSpan()[index];

    public readonly Span<T> AsSpan() => new(_items, _count);

    /// <summary>The list's first <paramref name="count"/> items (the block stays the same).</summary>
    public readonly ArenaList<T> Truncated(int count)
    {
        ArenaList<T> copy = this;
        copy._count = count < _count ? count : _count;
        return copy;
    }

    public bool Add(ref Arena arena, in T item)
    {
        if (_count == _capacity && !Grow(ref arena))
            return false;
        _items[_count++] = item;
        return true;
    }

    /// <summary>
    /// The items copied into <paramref name="arena"/> in a block of exactly their count: a list
    /// that is finished (a snapshot's) keeps no room to grow, nor the blocks it grew out of.
    /// </summary>
    /// <returns>false when the arena has no room.</returns>
    public readonly bool TryCopyTo(ref Arena arena, out ArenaList<T> copy)
    {
        copy = default;
        if (_count == 0)
            return true;
        T* items = (T*)arena.Allocate((nuint)((long)_count * sizeof(T)));
        if (items == null)
            return false;
        AsSpan().CopyTo(new Span<T>(items, _count));
        copy._items = items;
        copy._count = _count;
        copy._capacity = _count;
        return true;
    }

    private bool Grow(ref Arena arena)
    {
        int capacity = _capacity == 0 ? 8 : 2 * _capacity;
        if ((long)capacity * sizeof(T) > int.MaxValue)
            return false;
        T* items = (T*)arena.Allocate((nuint)(capacity * sizeof(T)));
        if (items == null)
            return false;
        AsSpan().CopyTo(new Span<T>(items, capacity));
        _items = items;
        _capacity = capacity;
        return true;
    }
}
