using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Which of some MACs hold an unexpired lease. A reserved host given by MAC whose guest already
/// holds a lease is answered by that lease (where the guest is now), not by the reservation.
/// </summary>
public sealed class LiveMacs
{
    private readonly List<byte[]> _watched;
    private readonly List<byte[]> _live = new();
    private readonly long _now;

    public LiveMacs(List<byte[]> watched, long now)
    {
        _watched = watched;
        _now = now;
    }

    public void Offer(in LeaseEntry entry)
    {
        if (_watched.Count == 0 || entry.MacAddress.IsEmpty || (entry.ExpiryTime != 0 && entry.ExpiryTime < _now))
            return;
        foreach (byte[] mac in _watched)
        {
            if (AsciiText.EqualsIgnoreCase(entry.MacAddress, mac))
            {
                _live.Add(mac);
                return;
            }
        }
    }

    public bool IsLive(ReadOnlySpan<byte> mac)
    {
        foreach (byte[] live in _live)
        {
            if (AsciiText.EqualsIgnoreCase(live, mac))
                return true;
        }
        return false;
    }

    public static List<byte[]> MacsOf(List<Reservation> reservations)
    {
        var macs = new List<byte[]>();
        foreach (Reservation reservation in reservations)
        {
            if (reservation.HasMac)
                macs.Add(reservation.Mac);
        }
        return macs;
    }
}
