using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Memory;

/// <summary>
/// Bytes copied out of files that are released before the lookup ends (names, MACs, domains),
/// kept in one growing block of an arena and addressed by <see cref="TextRange"/>, so that a
/// range stays good when the block moves.
/// </summary>
public unsafe struct ArenaText
{
    private byte* _bytes;
    private int _length, _capacity;

    public readonly ReadOnlySpan<byte> Bytes => new(_bytes, _length);

    public readonly ReadOnlySpan<byte> Of(TextRange range) => Bytes.Slice(range.Start, range.Length);

    /// <summary>The bytes copied into <paramref name="arena"/> at their exact length (ranges into them stay good).</summary>
    /// <returns>false when the arena has no room.</returns>
    public readonly bool TryCopyTo(ref Arena arena, out ArenaText copy)
    {
        copy = default;
        if (_length == 0)
            return true;
        byte* bytes = (byte*)arena.Allocate((nuint)_length);
        if (bytes == null)
            return false;
        Bytes.CopyTo(new Span<byte>(bytes, _length));
        copy._bytes = bytes;
        copy._length = _length;
        copy._capacity = _length;
        return true;
    }

    public bool TryAppend(ref Arena arena, scoped ReadOnlySpan<byte> text, out TextRange range)
    {
        range = default;
        if (text.Length > _capacity - _length)
        {
            long want = _capacity == 0 ? 256 : 2L * _capacity;
            while (want - _length < text.Length)
                want *= 2;
            if (want > int.MaxValue)
                return false;
            byte* bytes = (byte*)arena.Allocate((nuint)want);
            if (bytes == null)
                return false;
            Bytes.CopyTo(new Span<byte>(bytes, (int)want));
            _bytes = bytes;
            _capacity = (int)want;
        }
        text.CopyTo(new Span<byte>(_bytes + _length, text.Length));
        range = new TextRange(_length, text.Length);
        _length += text.Length;
        return true;
    }
}
