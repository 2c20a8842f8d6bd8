using System;

namespace LibvirtNss.Core;

/// <summary>One leased address: family, its bytes in network order, and the lease's expiry.</summary>
public readonly struct LeaseAddress : IEquatable<LeaseAddress>
{
    private readonly UInt128 _bytes;

    public LeaseAddress(int family, ReadOnlySpan<byte> bytes, long expiry)
    {
        Family = family;
        Expiry = expiry;
        Span<byte> all = stackalloc byte[16];
        all.Clear();
        bytes[..AddressFamilies.AddressLength(family)].CopyTo(all);
        _bytes = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(all);
    }

    public int Family { get; }

    /// <summary>Seconds since the epoch; 0 means the lease never expires.</summary>
    public long Expiry { get; }

    public int Length => AddressFamilies.AddressLength(Family);

    public void CopyTo(Span<byte> destination)
    {
        Span<byte> all = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(all, _bytes);
        all[..Length].CopyTo(destination);
    }

    /// <summary>Same family and same address; the expiry does not take part.</summary>
    public bool Equals(LeaseAddress other) => Family == other.Family && _bytes == other._bytes;

    public override bool Equals(object? obj) => obj is LeaseAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Family, _bytes);

    public override string ToString()
    {
        Span<byte> raw = stackalloc byte[16];
        CopyTo(raw);
        return new System.Net.IPAddress(raw[..Length]).ToString();
    }
}
