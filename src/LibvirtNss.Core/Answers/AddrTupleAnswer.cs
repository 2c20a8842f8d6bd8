using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Answers;

/// <summary>
/// Packs the answer of gethostbyname4_r: the name, then a chain of glibc's
/// <c>struct gaih_addrtuple</c> (<see cref="GaihAddrTuple"/>), scope ids 0.
/// </summary>
public static class AddrTupleAnswer
{
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
            || !carve.TryReserve(GaihAddrTuple.Size * addresses.Length, AnswerBuffer.PointerSize, out int tuplesAt))
        {
            return false;
        }

        for (int i = 0; i < addresses.Length; i++)
        {
            int at = tuplesAt + i * GaihAddrTuple.Size;
            bool last = i == addresses.Length - 1;
            carve.Slice(at, GaihAddrTuple.Size).Clear();
            carve.WritePointer(at + GaihAddrTuple.NextOffset, last ? 0 : carve.AddressOf(at + GaihAddrTuple.Size));
            carve.WritePointer(at + GaihAddrTuple.NameOffset, carve.AddressOf(nameAt));
            carve.WriteInt32(at + GaihAddrTuple.FamilyOffset, addresses[i].Family);
            addresses[i].CopyTo(carve.Slice(at + GaihAddrTuple.AddrOffset, GaihAddrTuple.AddrLength));
        }

        firstTupleAddress = carve.AddressOf(tuplesAt);
        bytesUsed = carve.Used;
        return true;
    }
}
