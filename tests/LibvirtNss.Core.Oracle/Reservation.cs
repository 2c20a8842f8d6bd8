using System;

namespace LibvirtNss.Core;

/// <summary>Which file of a network a reserved host comes from.</summary>
public enum ReservationSource
{
    /// <summary><c>&lt;network&gt;.hostsfile</c> (dnsmasq dhcp-hostsfile, from <c>&lt;dhcp&gt;&lt;host&gt;</c>).</summary>
    DhcpHost,

    /// <summary><c>&lt;network&gt;.addnhosts</c> (dnsmasq addn-hosts, from <c>&lt;dns&gt;&lt;host&gt;</c>).</summary>
    DnsHost,
}

/// <summary>
/// One address reserved for a name in a network's configuration: it answers before the guest's
/// first lease. <see cref="Name"/> is empty for a DHCP host given by MAC only; <see cref="Mac"/>
/// is empty for DNS hosts and for DHCP hosts given without a MAC (IPv6 ones are given by DUID).
/// </summary>
public sealed class Reservation
{
    public Reservation(ReservationSource source, byte[] name, byte[] mac, LeaseAddress address)
    {
        Source = source;
        Name = name;
        Mac = mac;
        Address = address;
    }

    public ReservationSource Source { get; }
    public byte[] Name { get; }
    public byte[] Mac { get; }

    /// <summary>The reserved address; its expiry is 0 (a reservation does not expire).</summary>
    public LeaseAddress Address { get; }

    public bool HasMac => Mac.Length > 0;
}
