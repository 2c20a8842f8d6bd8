using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Matches;

/// <summary>What a forward lookup found, before anything is packed for glibc.</summary>
public enum ForwardOutcome
{
    /// <summary>Addresses of the asked family were found.</summary>
    Addresses,
    /// <summary>No unexpired lease (nor reserved host) matches the name.</summary>
    NoMatch,
    /// <summary>The name matched, but none of its addresses has the asked family.</summary>
    NoAddressOfFamily,
}

/// <summary>
/// Decides, lease by lease, what a forward lookup answers:
/// a matching, unexpired lease makes the name found; its address is kept when it has the asked
/// family and is not kept already; reserved hosts' addresses come after every lease. At most
/// <see cref="MaxAddresses"/>: libvirt gives a guest one lease per interface and network, and a
/// name with more is hostile data. The lists live in the lookup's arena.
/// </summary>
public unsafe struct AddressCollector
{
    public const int MaxAddresses = 256;

    private struct Kept
    {
        public IpAddress Address;
        public long Expiry;
    }

    private Kept* _leases;
    private IpAddress* _reserved;
    private int _leaseCount, _reservedCount;
    private readonly int _family;
    private readonly long _now;
    private readonly DebugLog _log;

    /// <summary>Some unexpired lease or reserved host matched the name, whatever its family.</summary>
    public bool Found;

    /// <param name="family">AF_INET, AF_INET6, or AF_UNSPEC for both.</param>
    /// <param name="now">Seconds since the epoch.</param>
    /// <returns>false when the arena cannot hold the lists (the lookup answers UNAVAIL).</returns>
    public static bool TryCreate(ref Arena arena, int family, long now, DebugLog log, out AddressCollector collector)
    {
        collector = new AddressCollector(family, now, log);
        collector._leases = (Kept*)arena.Allocate((nuint)(sizeof(Kept) * MaxAddresses));
        collector._reserved = (IpAddress*)arena.Allocate((nuint)(sizeof(IpAddress) * MaxAddresses));
        return collector._leases != null && collector._reserved != null;
    }

    private AddressCollector(int family, long now, DebugLog log)
    {
        _leases = null;
        _reserved = null;
        _leaseCount = 0;
        _reservedCount = 0;
        _family = family;
        _now = now;
        _log = log;
        Found = false;
    }

    /// <summary>
    /// The addresses kept. At most 2 × <see cref="MaxAddresses"/>: a reservation counts against
    /// the leases kept when it is offered, and the lookups offer reservations last.
    /// </summary>
    public readonly int Count => _leaseCount + _reservedCount;

    /// <summary>A lease whose host name or MAC matched the query (the caller matched it).</summary>
    public void OfferLease(ReadOnlySpan<byte> ipText, long expiry)
    {
        if (LeaseExpiry.IsExpired(expiry, _now))
        {
            if (_log.Enabled) _log.Write("lease {}: skipped: expired at {}, now {}"u8, DebugArg.Quoted(ipText), expiry, _now);
            return;
        }
        if (!LeaseAddressText.TryParse(ipText, out IpAddress address))
        {
            if (_log.Enabled) _log.Write("lease {}: skipped: not an IP address"u8, DebugArg.Quoted(ipText));
            return;
        }
        Found = true;
        if (_family != AddressFamilies.Unspecified && _family != address.Family)
        {
            if (_log.Enabled) _log.Write("lease {}: matched, other family"u8, DebugArg.Quoted(ipText));
            return;
        }
        if (Holds(address, reservedToo: false))
        {
            if (_log.Enabled) _log.Write("lease {}: matched, address already listed"u8, address);
            return;
        }
        if (_leaseCount == MaxAddresses)
        {
            if (_log.Enabled) _log.Write("lease {}: matched, ignored: the answer already holds 256 addresses"u8, address);
            return;
        }
        if (_log.Enabled) _log.Write("lease {}: matched, expiry {}"u8, address, expiry);
        _leases[_leaseCount].Address = address;
        _leases[_leaseCount].Expiry = expiry;
        _leaseCount++;
    }

    /// <summary>
    /// A reserved host's address: it makes the name found, and is listed after every lease, in the
    /// order offered, unless a lease or an earlier reservation has the same address.
    /// </summary>
    public void OfferReserved(in IpAddress address)
    {
        Found = true;
        if (_family != AddressFamilies.Unspecified && _family != address.Family)
            return;
        if (Holds(address, reservedToo: true))
        {
            if (_log.Enabled) _log.Write("reserved {}: address already listed"u8, address);
            return;
        }
        if (_leaseCount + _reservedCount >= MaxAddresses)
        {
            if (_log.Enabled) _log.Write("reserved {}: ignored: the answer already holds 256 addresses"u8, address);
            return;
        }
        _reserved[_reservedCount++] = address;
    }

    public readonly ForwardOutcome Outcome =>
        !Found ? ForwardOutcome.NoMatch : Count == 0 ? ForwardOutcome.NoAddressOfFamily : ForwardOutcome.Addresses;

    /// <summary>
    /// The kept addresses into <paramref name="into"/> (at least <see cref="Count"/> long): leases
    /// in answer order (<see cref="LeaseExpiry.AnswersBefore"/>; ties keep file order), then the
    /// reserved ones. Returns how many.
    /// </summary>
    public readonly int Sorted(Span<IpAddress> into)
    {
        // Stable insertion by expiry over the leases' indices: the lists are short.
        Span<int> order = stackalloc int[MaxAddresses];
        for (int i = 0; i < _leaseCount; i++)
        {
            int at = i;
            while (at > 0 && LeaseExpiry.AnswersBefore(_leases[i].Expiry, _leases[order[at - 1]].Expiry))
            {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = i;
        }
        int n = 0;
        for (int i = 0; i < _leaseCount; i++)
            into[n++] = _leases[order[i]].Address;
        for (int i = 0; i < _reservedCount; i++)
            into[n++] = _reserved[i];
        return n;
    }

    private readonly bool Holds(in IpAddress address, bool reservedToo)
    {
        for (int i = 0; i < _leaseCount; i++)
        {
            if (_leases[i].Address.SameAs(address))
                return true;
        }
        if (reservedToo)
        {
            for (int i = 0; i < _reservedCount; i++)
            {
                if (_reserved[i].SameAs(address))
                    return true;
            }
        }
        return false;
    }
}
