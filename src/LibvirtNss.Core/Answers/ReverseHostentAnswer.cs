using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Answers;

/// <summary>
/// Packs the answer of gethostbyaddr{,2}_r into the caller's buffer: the first name (h_name),
/// the other names as the NULL-terminated alias list, and the one looked-up address.
/// </summary>
public static class ReverseHostentAnswer
{
    /// <param name="text">Holds the names.</param>
    /// <param name="names">Where each name lies in <paramref name="text"/>, h_name first.</param>
    /// <returns>false when there is no name or the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, ReadOnlySpan<byte> text,
        ReadOnlySpan<TextRange> names, int family, ReadOnlySpan<byte> address, out HostentPlacement placement)
    {
        placement = default;
        if (names.Length == 0)
            return false;
        int length = AddressFamilies.AddressLength(family);
        var carve = new AnswerBuffer(buffer, bufferAddress);
        int aliasCount = names.Length - 1;

        if (!carve.TryReserve(length, 4, out int addressAt)
            || !carve.TryReserve(AnswerBuffer.PointerSize * 2, AnswerBuffer.PointerSize, out int listAt)
            || !carve.TryReserve(AnswerBuffer.PointerSize * (aliasCount + 1), AnswerBuffer.PointerSize, out int aliasesAt)
            || !carve.TryWriteCString(text.Slice(names[0].Start, names[0].Length), out int nameAt))
        {
            return false;
        }
        for (int i = 0; i < aliasCount; i++)
        {
            TextRange alias = names[i + 1];
            if (!carve.TryWriteCString(text.Slice(alias.Start, alias.Length), out int aliasAt))
                return false;
            carve.WritePointer(aliasesAt + i * AnswerBuffer.PointerSize, carve.AddressOf(aliasAt));
        }
        carve.WritePointer(aliasesAt + aliasCount * AnswerBuffer.PointerSize, 0);
        address.Slice(0, length).CopyTo(carve.Slice(addressAt, length));
        carve.WritePointer(listAt, carve.AddressOf(addressAt));
        carve.WritePointer(listAt + AnswerBuffer.PointerSize, 0);

        placement.NameAddress = carve.AddressOf(nameAt);
        placement.AliasesAddress = carve.AddressOf(aliasesAt);
        placement.AddressListAddress = carve.AddressOf(listAt);
        placement.Family = family;
        placement.AddressLength = length;
        placement.BytesUsed = carve.Used;
        return true;
    }
}
