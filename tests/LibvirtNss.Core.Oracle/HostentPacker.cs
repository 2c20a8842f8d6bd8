using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>Where the packed pieces of a <c>struct hostent</c> answer lie.</summary>
public readonly record struct HostentLayout(ulong NameAddress, ulong AliasesAddress, ulong AddressListAddress,
    int Family, int AddressLength, int BytesUsed);

/// <summary>
/// Packs the answer of gethostbyname{,2,3}_r into the caller's buffer: the name (h_name), an
/// empty alias list, the addresses and the NULL-terminated address list.
/// </summary>
public static class HostentPacker
{
    /// <returns>false when the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, ReadOnlySpan<byte> name, int family,
        IReadOnlyList<LeaseAddress> addresses, out HostentLayout layout)
    {
        layout = default;
        int length = AddressFamilies.AddressLength(family);
        var carve = new BufferLayout(buffer, bufferAddress);

        if (!carve.TryWriteCString(name, out int nameAt)
            || !carve.TryReserve(BufferLayout.PointerSize, BufferLayout.PointerSize, out int aliasesAt)
            || !carve.TryReserve(length * addresses.Count, 4, out int addressesAt)
            || !carve.TryReserve(BufferLayout.PointerSize * (addresses.Count + 1), BufferLayout.PointerSize, out int listAt))
        {
            return false;
        }

        carve.WritePointer(aliasesAt, 0);
        for (int i = 0; i < addresses.Count; i++)
        {
            int at = addressesAt + i * length;
            addresses[i].CopyTo(carve.Slice(at, length));
            carve.WritePointer(listAt + i * BufferLayout.PointerSize, carve.AddressOf(at));
        }
        carve.WritePointer(listAt + addresses.Count * BufferLayout.PointerSize, 0);

        layout = new HostentLayout(carve.AddressOf(nameAt), carve.AddressOf(aliasesAt), carve.AddressOf(listAt),
            family, length, carve.Used);
        return true;
    }
}
