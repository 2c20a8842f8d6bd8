using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Lookups;

/// <summary>A forward lookup's question: which module name asks, the name, the family wanted, the time it is asked at.</summary>
public readonly ref struct NameQuery
{
    public readonly LookupKind Kind;
    public readonly ReadOnlySpan<byte> Name;
    /// <summary>AF_INET, AF_INET6, or AF_UNSPEC for both.</summary>
    public readonly int Family;
    /// <summary>Seconds since the epoch.</summary>
    public readonly long Now;
    public readonly DebugLog Log;

    public NameQuery(LookupKind kind, ReadOnlySpan<byte> name, int family, long now, DebugLog log)
    {
        Kind = kind;
        Name = name;
        Family = family;
        Now = now;
        Log = log;
    }
}

/// <summary>A reverse lookup's question: which module name asks, the address, the time it is asked at.</summary>
public readonly struct AddressQuery
{
    public readonly LookupKind Kind;
    public readonly IpAddress Address;
    public readonly long Now;
    public readonly DebugLog Log;

    public AddressQuery(LookupKind kind, in IpAddress address, long now, DebugLog log)
    {
        Kind = kind;
        Address = address;
        Now = now;
        Log = log;
    }
}
