using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Packs the answer of gethostbyname4_r: the name, then a chain of glibc's
/// <c>struct gaih_addrtuple { next; name; int family; uint32_t addr[4]; uint32_t scopeid; }</c>.
/// </summary>
public static class AddrTuplePacker
{
    public const int TupleSize = 40;
    public const int NextOffset = 0, NameOffset = 8, FamilyOffset = 16, AddrOffset = 20, ScopeIdOffset = 36;

    /// <param name="firstTupleAddress">The address of the first tuple (what <c>*pat</c> receives).</param>
    /// <returns>false when the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, ReadOnlySpan<byte> name,
        IReadOnlyList<LeaseAddress> addresses, out ulong firstTupleAddress, out int bytesUsed)
    {
        firstTupleAddress = 0;
        bytesUsed = 0;
        var carve = new BufferLayout(buffer, bufferAddress);
        if (addresses.Count == 0
            || !carve.TryWriteCString(name, out int nameAt)
            || !carve.TryReserve(TupleSize * addresses.Count, BufferLayout.PointerSize, out int tuplesAt))
        {
            return false;
        }

        for (int i = 0; i < addresses.Count; i++)
        {
            int at = tuplesAt + i * TupleSize;
            bool last = i == addresses.Count - 1;
            carve.Slice(at, TupleSize).Clear();
            carve.WritePointer(at + NextOffset, last ? 0 : carve.AddressOf(at + TupleSize));
            carve.WritePointer(at + NameOffset, carve.AddressOf(nameAt));
            carve.WriteInt32(at + FamilyOffset, addresses[i].Family);
            addresses[i].CopyTo(carve.Slice(at + AddrOffset, 16));
            carve.WriteUInt32(at + ScopeIdOffset, 0);
        }

        firstTupleAddress = carve.AddressOf(tuplesAt);
        bytesUsed = carve.Used;
        return true;
    }
}
