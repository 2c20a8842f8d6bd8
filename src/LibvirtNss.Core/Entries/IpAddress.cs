using System;

namespace LibvirtNss.Core.Entries;

/// <summary>
/// One address of a lease or a reserved host: its family and its bytes in network order (IPv4 in
/// the first four). A plain value in the subset Core is written in: no interfaces, no strings.
/// </summary>
public struct IpAddress
{
    public int Family;
    private ulong _high;   // bytes 0..7, the first byte in the most significant position
    private ulong _low;    // bytes 8..15

    public IpAddress(int family, ReadOnlySpan<byte> bytes)
    {
        Family = family;
        _high = 0;
        _low = 0;
        int length = AddressFamilies.AddressLength(family);
        for (int i = 0; i < length; i++)
        {
            if (i < 8)
                _high |= (ulong)bytes[i] << (56 - 8 * i);
            else
                _low |= (ulong)bytes[i] << (56 - 8 * (i - 8));
        }
    }

    public readonly int Length => AddressFamilies.AddressLength(Family);

    /// <summary>Writes the address's <see cref="Length"/> bytes.</summary>
    public readonly void CopyTo(Span<byte> destination)
    {
        int length = Length;
        for (int i = 0; i < length; i++)
            destination[i] = (byte)(i < 8 ? _high >> (56 - 8 * i) : _low >> (56 - 8 * (i - 8)));
    }

    /// <summary>Same family and same bytes.</summary>
    public readonly bool SameAs(in IpAddress other) =>
        Family == other.Family && _high == other._high && _low == other._low;
}
