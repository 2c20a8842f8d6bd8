using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Decides, entry by entry, what a lookup answers: a matching, unexpired entry that the
/// <see cref="Judge"/> lets answer makes the name "found"; its address is kept when it has the
/// asked family and is not already kept.
/// </summary>
public sealed class LeaseCollector
{
    /// <summary>
    /// An answer holds at most this many addresses; later matches are ignored with a debug line.
    /// libvirt gives a guest one lease per interface and network; a name with more is hostile
    /// data, which would otherwise cost a scan per match and memory per address.
    /// </summary>
    public const int MaxAddresses = 256;

    private LeaseQuery _query;
    private readonly int _family;
    private readonly long _now;
    private readonly DecisionLog _log;
    private readonly List<LeaseAddress> _addresses = new();
    private readonly List<LeaseAddress> _reserved = new();

    /// <param name="family">AF_INET, AF_INET6, or AF_UNSPEC for both.</param>
    /// <param name="now">Seconds since the epoch.</param>
    public LeaseCollector(LeaseQuery query, int family, long now, DecisionLog log)
    {
        _query = query;
        _family = family;
        _now = now;
        _log = log;
        Sink = Offer;
    }

    public LeaseFileParser.EntrySink Sink { get; }

    /// <summary>Which leases belong to the name; a lookup may change it from one network's file to the next.</summary>
    public LeaseQuery Query { get => _query; set => _query = value; }

    /// <summary>Why a lease that matched may not answer (a guest's name another owns, <see cref="NameOwners"/>), or null.</summary>
    public delegate string? LeaseJudge(in LeaseEntry entry);

    /// <summary>
    /// Judges each lease that matched (a lookup by host name, <see cref="NameOwners.Refusal"/>):
    /// one it refuses counts for nothing. None: every lease that matched answers.
    /// </summary>
    public LeaseJudge? Judge { get; set; }

    /// <summary>Some unexpired lease matched the name, whatever its family.</summary>
    public bool Found { get; private set; }

    public void Offer(in LeaseEntry entry)
    {
        if (!_query.Matches(entry))
            return;
        if (Judge?.Invoke(entry) is string refusal)
        {
            if (_log.Enabled) _log.Write($"lease of {AsciiText.Printable(entry.MacAddress)} named {AsciiText.Printable(entry.Hostname)}: refused: {refusal}");
            return;
        }
        if (entry.ExpiryTime != 0 && entry.ExpiryTime < _now)
        {
            if (_log.Enabled) _log.Write($"lease {AsciiText.Printable(entry.IpAddress)}: skipped: expired at {entry.ExpiryTime}, now {_now}");
            return;
        }
        Span<byte> bytes = stackalloc byte[16];
        if (!IpAddressText.TryParse(entry.IpAddress, out int family, bytes))
        {
            if (_log.Enabled) _log.Write($"lease {AsciiText.Printable(entry.IpAddress)}: skipped: not an IP address");
            return;
        }
        Found = true;
        if (_family != AddressFamilies.Unspecified && _family != family)
        {
            if (_log.Enabled) _log.Write($"lease {AsciiText.Printable(entry.IpAddress)}: matched, other family");
            return;
        }
        var address = new LeaseAddress(family, bytes, entry.ExpiryTime);
        if (_addresses.Contains(address))
        {
            if (_log.Enabled) _log.Write($"lease {address}: matched, address already listed");
            return;
        }
        if (_addresses.Count == MaxAddresses)
        {
            if (_log.Enabled) _log.Write($"lease {address}: matched, ignored: the answer already holds {MaxAddresses} addresses");
            return;
        }
        if (_log.Enabled) _log.Write($"lease {address}: matched, expiry {entry.ExpiryTime}");
        _addresses.Add(address);
    }

    /// <summary>
    /// A reserved host's address (<see cref="ReservedHosts"/>): it makes the name found, and is
    /// listed after every lease, in the order offered, unless a lease has the same address.
    /// </summary>
    public void OfferReserved(LeaseAddress address)
    {
        Found = true;
        if (_family != AddressFamilies.Unspecified && _family != address.Family)
            return;
        if (_addresses.Contains(address) || _reserved.Contains(address))
        {
            if (_log.Enabled) _log.Write($"reserved {address}: address already listed");
            return;
        }
        if (_addresses.Count + _reserved.Count >= MaxAddresses)
        {
            if (_log.Enabled) _log.Write($"reserved {address}: ignored: the answer already holds {MaxAddresses} addresses");
            return;
        }
        _reserved.Add(address);
    }

    /// <summary>The outcome of the lookup once every entry was offered.</summary>
    public LookupResult Result()
    {
        if (!Found)
            return new LookupResult(LookupOutcome.NoMatch, new List<LeaseAddress>());
        List<LeaseAddress> addresses = SortedAddresses();
        return addresses.Count == 0
            ? new LookupResult(LookupOutcome.NoAddressOfFamily, addresses)
            : new LookupResult(LookupOutcome.Addresses, addresses);
    }

    /// <summary>The kept addresses, latest expiry first (never-expiring last, as upstream); ties keep file order; reserved addresses after them.</summary>
    public List<LeaseAddress> SortedAddresses()
    {
        var sorted = new List<LeaseAddress>(_addresses.Count);
        // Stable insertion: the lists are short and ties must keep their file order.
        foreach (LeaseAddress address in _addresses)
        {
            int at = sorted.Count;
            while (at > 0 && sorted[at - 1].Expiry < address.Expiry)
                at--;
            sorted.Insert(at, address);
        }
        sorted.AddRange(_reserved);
        return sorted;
    }
}
