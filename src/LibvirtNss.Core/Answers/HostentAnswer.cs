using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Answers;

/// <summary>Where the packed pieces of a <c>struct hostent</c> lie (the export fills the caller's struct from it).</summary>
public struct HostentPlacement
{
    public ulong NameAddress;
    public ulong AliasesAddress;
    public ulong AddressListAddress;
    public int Family;
    public int AddressLength;
    public int BytesUsed;

    /// <summary>Points the caller's struct hostent at the packed pieces.</summary>
    public readonly unsafe void WriteTo(Hostent* hostent)
    {
        hostent->Name = (byte*)NameAddress;
        hostent->Aliases = (byte**)AliasesAddress;
        hostent->AddrType = Family;
        hostent->Length = AddressLength;
        hostent->AddrList = (byte**)AddressListAddress;
    }
}

/// <summary>
/// Packs the answer of gethostbyname{,2,3}_r into the caller's buffer: the name (h_name), an
/// empty alias list, the addresses (all of <c>family</c>) and the NULL-terminated address list.
/// </summary>
public static class HostentAnswer
{
    /// <returns>false when the buffer is too small (the caller reports ERANGE).</returns>
    public static bool TryPack(Span<byte> buffer, ulong bufferAddress, ReadOnlySpan<byte> name, int family,
        ReadOnlySpan<IpAddress> addresses, out HostentPlacement placement)
    {
        placement = default;
        int length = AddressFamilies.AddressLength(family);
        var carve = new AnswerBuffer(buffer, bufferAddress);

        if (!carve.TryWriteCString(name, out int nameAt)
            || !carve.TryReserve(AnswerBuffer.PointerSize, AnswerBuffer.PointerSize, out int aliasesAt)
            || !carve.TryReserve(length * addresses.Length, 4, out int addressesAt)
            || !carve.TryReserve(AnswerBuffer.PointerSize * (addresses.Length + 1), AnswerBuffer.PointerSize, out int listAt))
        {
            return false;
        }

        carve.WritePointer(aliasesAt, 0);
        for (int i = 0; i < addresses.Length; i++)
        {
            int at = addressesAt + i * length;
            addresses[i].CopyTo(carve.Slice(at, length));
            carve.WritePointer(listAt + i * AnswerBuffer.PointerSize, carve.AddressOf(at));
        }
        carve.WritePointer(listAt + addresses.Length * AnswerBuffer.PointerSize, 0);

        placement.NameAddress = carve.AddressOf(nameAt);
        placement.AliasesAddress = carve.AddressOf(aliasesAt);
        placement.AddressListAddress = carve.AddressOf(listAt);
        placement.Family = family;
        placement.AddressLength = length;
        placement.BytesUsed = carve.Used;
        return true;
    }
}
