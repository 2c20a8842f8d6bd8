using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Matches;

/// <summary>
/// Which leases belong to the asked name: for the
/// <c>libvirt</c> module the DHCP host name the guest sent, in one of the name's forms
/// (<see cref="NameForms"/>); for <c>libvirt_guest</c> one of the domain's MACs. Any ASCII case.
/// </summary>
public readonly ref struct LeaseMatch
{
    private readonly ReadOnlySpan<byte> _name;
    private readonly ReadOnlySpan<int> _formLengths;
    private readonly ReadOnlySpan<byte> _macText;
    private readonly ReadOnlySpan<TextRange> _macs;
    private readonly bool _byMac;

    private LeaseMatch(ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths, ReadOnlySpan<byte> macText,
        ReadOnlySpan<TextRange> macs, bool byMac)
    {
        _name = name;
        _formLengths = formLengths;
        _macText = macText;
        _macs = macs;
        _byMac = byMac;
    }

    /// <summary>Leases whose host name is one of the name's forms (prefixes of <paramref name="name"/>).</summary>
    public static LeaseMatch ByHostname(ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths) =>
        new(name, formLengths, default, default, byMac: false);

    /// <summary>Leases whose MAC is one of <paramref name="macs"/> (in <paramref name="text"/>).</summary>
    public static LeaseMatch ByMacs(ReadOnlySpan<byte> text, ReadOnlySpan<TextRange> macs) =>
        new(default, default, text, macs, byMac: true);

    public bool Matches(ReadOnlySpan<byte> hostname, bool hasHostname, ReadOnlySpan<byte> mac)
    {
        if (!_byMac)
            return hasHostname && NameForms.MatchesAny(hostname, _name, _formLengths);
        return IndexOfMac(_macText, _macs, mac) >= 0;
    }

    /// <summary>
    /// The index of <paramref name="mac"/> among <paramref name="macs"/> (any ASCII case), or -1.
    /// An empty MAC (a lease without one) is no one's, whatever a <c>*.macs</c> file lists.
    /// </summary>
    public static int IndexOfMac(ReadOnlySpan<byte> text, ReadOnlySpan<TextRange> macs, ReadOnlySpan<byte> mac)
    {
        if (mac.IsEmpty)
            return -1;
        for (int i = 0; i < macs.Length; i++)
        {
            if (TextLineText.EqualsIgnoreCase(mac, text.Slice(macs[i].Start, macs[i].Length)))
                return i;
        }
        return -1;
    }
}

/// <summary>
/// Which of some MACs hold an unexpired lease: a reserved host given by MAC
/// whose guest already holds a lease is answered by that lease (where the guest is now), not by
/// the reservation. The caller owns the flags, one per watched MAC.
/// </summary>
public ref struct LiveMacSet
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly ReadOnlySpan<TextRange> _watched;
    private readonly Span<bool> _live;
    private readonly long _now;

    /// <param name="live">As long as <paramref name="watched"/>; cleared here.</param>
    public LiveMacSet(ReadOnlySpan<byte> text, ReadOnlySpan<TextRange> watched, Span<bool> live, long now)
    {
        _text = text;
        _watched = watched;
        _live = live;
        _now = now;
        live.Clear();
    }

    /// <summary>Whether any MAC is watched (else offering leases changes nothing).</summary>
    public readonly bool Watches => !_watched.IsEmpty;

    public void Offer(scoped ReadOnlySpan<byte> mac, long expiry)
    {
        if (_watched.IsEmpty || LeaseExpiry.IsExpired(expiry, _now))
            return;
        int at = LeaseMatch.IndexOfMac(_text, _watched, mac);
        if (at >= 0)
            _live[at] = true;
    }

    public readonly bool IsLive(scoped ReadOnlySpan<byte> mac)
    {
        for (int i = 0; i < _watched.Length; i++)
        {
            if (_live[i] && TextLineText.EqualsIgnoreCase(mac, _text.Slice(_watched[i].Start, _watched[i].Length)))
                return true;
        }
        return false;
    }
}
