using System;
using System.Runtime.InteropServices;

namespace LibvirtNss.Core;

/// <summary>
/// Carves the caller's buffer for glibc answers. Addresses are plain integers here: the buffer's
/// address is handed in, so the packers can write the pointer values glibc reads without Core
/// touching a pointer. LP64 only (x86_64, aarch64): pointers are 8 bytes.
/// </summary>
internal ref struct BufferLayout
{
    public const int PointerSize = 8;

    private readonly Span<byte> _buffer;
    private readonly ulong _address;
    private int _used;

    public BufferLayout(Span<byte> buffer, ulong address)
    {
        _buffer = buffer;
        _address = address;
        _used = 0;
    }

    public int Used => _used;

    /// <summary>Reserves <paramref name="size"/> bytes aligned (as an address) to <paramref name="alignment"/>.</summary>
    public bool TryReserve(int size, int alignment, out int offset)
    {
        ulong at = _address + (ulong)_used;
        int padding = (int)((ulong)(alignment - (int)(at % (ulong)alignment)) % (ulong)alignment);
        offset = _used + padding;
        if (offset > _buffer.Length || size > _buffer.Length - offset)
            return false;
        _used = offset + size;
        return true;
    }

    public ulong AddressOf(int offset) => _address + (ulong)offset;

    public Span<byte> Slice(int offset, int length) => _buffer.Slice(offset, length);

    public void WritePointer(int offset, ulong value) => MemoryMarshal.Write(_buffer.Slice(offset, PointerSize), in value);

    public void WriteInt32(int offset, int value) => MemoryMarshal.Write(_buffer.Slice(offset, 4), in value);

    public void WriteUInt32(int offset, uint value) => MemoryMarshal.Write(_buffer.Slice(offset, 4), in value);

    /// <summary>Copies <paramref name="name"/> with a terminating NUL.</summary>
    public bool TryWriteCString(ReadOnlySpan<byte> name, out int offset)
    {
        if (!TryReserve(name.Length + 1, 1, out offset))
            return false;
        name.CopyTo(_buffer.Slice(offset));
        _buffer[offset + name.Length] = 0;
        return true;
    }
}
