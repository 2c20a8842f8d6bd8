using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Packs the answer of gethostbyaddr{,2}_r into the caller's buffer: the first name (h_name),
/// the other names as the NULL-terminated alias list, and the one looked-up address.
/// </summary>
public static class ReverseHostentPacker
{
    /// <returns>false when the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, IReadOnlyList<byte[]> names, int family,
        ReadOnlySpan<byte> address, out HostentLayout layout)
    {
        layout = default;
        if (names.Count == 0)
            return false;
        int length = AddressFamilies.AddressLength(family);
        var carve = new BufferLayout(buffer, bufferAddress);
        int aliasCount = names.Count - 1;

        if (!carve.TryReserve(length, 4, out int addressAt)
            || !carve.TryReserve(BufferLayout.PointerSize * 2, BufferLayout.PointerSize, out int listAt)
            || !carve.TryReserve(BufferLayout.PointerSize * (aliasCount + 1), BufferLayout.PointerSize, out int aliasesAt)
            || !carve.TryWriteCString(names[0], out int nameAt))
        {
            return false;
        }
        for (int i = 0; i < aliasCount; i++)
        {
            if (!carve.TryWriteCString(names[i + 1], out int aliasAt))
                return false;
            carve.WritePointer(aliasesAt + i * BufferLayout.PointerSize, carve.AddressOf(aliasAt));
        }
        carve.WritePointer(aliasesAt + aliasCount * BufferLayout.PointerSize, 0);
        address[..length].CopyTo(carve.Slice(addressAt, length));
        carve.WritePointer(listAt, carve.AddressOf(addressAt));
        carve.WritePointer(listAt + BufferLayout.PointerSize, 0);

        layout = new HostentLayout(carve.AddressOf(nameAt), carve.AddressOf(aliasesAt), carve.AddressOf(listAt),
            family, length, carve.Used);
        return true;
    }
}
