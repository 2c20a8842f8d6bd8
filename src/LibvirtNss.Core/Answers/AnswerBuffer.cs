using System;

namespace LibvirtNss.Core.Answers;

/// <summary>
/// Carves the caller's buffer for glibc's answer structs. The buffer's address is handed in, so
/// the packers write the pointer values glibc reads as plain integers. LP64 little-endian only
/// (x86_64, aarch64): pointers are 8 bytes, written byte by byte so that both worlds (.NET and the
/// zero-runtime module) run the same code.
/// </summary>
public ref struct AnswerBuffer
{
    public const int PointerSize = 8;

    private readonly Span<byte> _buffer;
    private readonly ulong _address;
    private int _used;

    public AnswerBuffer(Span<byte> buffer, ulong address)
    {
        _buffer = buffer;
        _address = address;
        _used = 0;
    }

    public readonly int Used => _used;

    /// <summary>Reserves <paramref name="size"/> bytes aligned (as an address) to <paramref name="alignment"/>.</summary>
    public bool TryReserve(int size, int alignment, out int offset)
    {
        ulong at = _address + (ulong)_used;
        int padding = (int)((ulong)(alignment - (int)(at % (ulong)alignment)) % (ulong)alignment);
        offset = _used + padding;
        if (size < 0 || offset > _buffer.Length || size > _buffer.Length - offset)
            return false;
        _used = offset + size;
        return true;
    }

    public readonly ulong AddressOf(int offset) => _address + (ulong)offset;

    public readonly Span<byte> Slice(int offset, int length) => _buffer.Slice(offset, length);

    public readonly void WritePointer(int offset, ulong value) => WriteLittleEndian(offset, value, 8);

    public readonly void WriteInt32(int offset, int value) => WriteLittleEndian(offset, (uint)value, 4);

    public readonly void WriteUInt32(int offset, uint value) => WriteLittleEndian(offset, value, 4);

    /// <summary>Copies <paramref name="text"/> with a terminating NUL.</summary>
    public bool TryWriteCString(ReadOnlySpan<byte> text, out int offset)
    {
        if (!TryReserve(text.Length + 1, 1, out offset))
            return false;
        text.CopyTo(_buffer.Slice(offset));
        _buffer[offset + text.Length] = 0;
        return true;
    }

    private readonly void WriteLittleEndian(int offset, ulong value, int bytes)
    {
        Span<byte> to = _buffer.Slice(offset, bytes);
        for (int i = 0; i < bytes; i++)
            to[i] = (byte)(value >> (8 * i));
    }
}
