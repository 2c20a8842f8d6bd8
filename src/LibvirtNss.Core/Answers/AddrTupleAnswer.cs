using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Answers;

/// <summary>
/// Packs the answer of gethostbyname4_r: the name, then a chain of glibc's
/// <c>struct gaih_addrtuple { next; name; int family; uint32_t addr[4]; uint32_t scopeid; }</c>.
/// </summary>
public static class AddrTupleAnswer
{
    public const int TupleSize = 40;
    public const int NextOffset = 0, NameOffset = 8, FamilyOffset = 16, AddrOffset = 20, ScopeIdOffset = 36;

    /// <param name="firstTupleAddress">The address of the first tuple (what <c>*pat</c> receives).</param>
    /// <returns>false when there is no address or the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, ReadOnlySpan<byte> name,
        ReadOnlySpan<IpAddress> addresses, out ulong firstTupleAddress, out int bytesUsed)
    {
        firstTupleAddress = 0;
        bytesUsed = 0;
        var carve = new AnswerBuffer(buffer, bufferAddress);
        if (addresses.Length == 0
            || !carve.TryWriteCString(name, out int nameAt)
            || !carve.TryReserve(TupleSize * addresses.Length, AnswerBuffer.PointerSize, out int tuplesAt))
        {
            return false;
        }

        for (int i = 0; i < addresses.Length; i++)
        {
            int at = tuplesAt + i * TupleSize;
            bool last = i == addresses.Length - 1;
            carve.Slice(at, TupleSize).Clear();
            carve.WritePointer(at + NextOffset, last ? 0 : carve.AddressOf(at + TupleSize));
            carve.WritePointer(at + NameOffset, carve.AddressOf(nameAt));
            carve.WriteInt32(at + FamilyOffset, addresses[i].Family);
            addresses[i].CopyTo(carve.Slice(at + AddrOffset, 16));
        }

        firstTupleAddress = carve.AddressOf(tuplesAt);
        bytesUsed = carve.Used;
        return true;
    }
}
