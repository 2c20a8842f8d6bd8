using System;
using System.Buffers.Binary;
using Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// A caller's buffer at a chosen address, with guard bytes on both sides, and reads that follow
/// the pointer values a packer wrote, failing when one points outside the buffer.
/// </summary>
internal sealed class PackedBuffer
{
    private const int Guard = 64;
    private const byte GuardByte = 0xA5;
    private readonly byte[] _backing;

    public PackedBuffer(int size, ulong address)
    {
        Size = size;
        Address = address;
        _backing = new byte[size + 2 * Guard];
        Array.Fill(_backing, GuardByte);
    }

    public int Size { get; }

    public ulong Address { get; }

    public Span<byte> Span => _backing.AsSpan(Guard, Size);

    /// <summary>Nothing was written before or after the buffer.</summary>
    public void AssertGuardsIntact()
    {
        Assert.All(_backing.AsSpan(0, Guard).ToArray(), b => Assert.Equal(GuardByte, b));
        Assert.All(_backing.AsSpan(Guard + Size).ToArray(), b => Assert.Equal(GuardByte, b));
    }

    /// <summary>The buffer offset of <paramref name="length"/> bytes at <paramref name="address"/>; fails unless all lie inside.</summary>
    public int Offset(ulong address, int length)
    {
        Assert.True(address >= Address && address - Address <= (ulong)Size && (ulong)length <= (ulong)Size - (address - Address),
            $"0x{address:x} (+{length}) lies outside [0x{Address:x}, 0x{Address + (ulong)Size:x})");
        return (int)(address - Address);
    }

    public ulong Pointer(ulong address)
    {
        Assert.True(address % 8 == 0, $"pointer slot 0x{address:x} is not 8-byte aligned");
        return BinaryPrimitives.ReadUInt64LittleEndian(Span.Slice(Offset(address, 8), 8));
    }

    public int Int32(ulong address) => BinaryPrimitives.ReadInt32LittleEndian(Span.Slice(Offset(address, 4), 4));

    public byte[] Bytes(ulong address, int length) => Span.Slice(Offset(address, length), length).ToArray();

    /// <summary>The NUL-terminated string at <paramref name="address"/>; fails if the NUL is not inside the buffer.</summary>
    public byte[] CString(ulong address)
    {
        int at = Offset(address, 0);
        int nul = Span[at..].IndexOf((byte)0);
        Assert.True(nul >= 0, $"string at 0x{address:x} is not NUL-terminated inside the buffer");
        return Span.Slice(at, nul).ToArray();
    }
}
