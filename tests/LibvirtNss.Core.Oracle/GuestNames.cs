using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Text;

namespace LibvirtNss.Core;

/// <summary>
/// Who may answer for a name ("guests cannot impersonate", docs/security.md), in the oracle's own
/// words: a guest chooses the DHCP host name its lease carries, so a lease answers a name only
/// when libvirt's dnsmasq would publish that name, when the name is not the host's own, and when
/// no one the administrator named (a libvirt domain, a network's reserved host) owns it. Names
/// are compared in ASCII case, as everywhere else.
/// </summary>
public static class GuestNames
{
    /// <summary>The longest name dnsmasq gives a guest, in bytes.</summary>
    public const int MaxNameBytes = 253;

    /// <summary>The longest label of such a name, in bytes.</summary>
    public const int MaxLabelBytes = 63;

    /// <summary>First labels dnsmasq never hands a DHCP client, whatever it asks for.</summary>
    private static readonly string[] DnsmasqRefuses = { "localhost", "ip6-localhost", "ip6-loopback", "wpad", "isatap" };

    /// <summary>
    /// A name dnsmasq accepts from a DHCP client: 1 to 253 bytes of labels joined by single dots,
    /// each label 1 to 63 letters, digits, '-' or '_', neither '-' nor '_' first; the first label
    /// none of <see cref="DnsmasqRefuses"/>.
    /// </summary>
    public static bool IsDnsmasqName(ReadOnlySpan<byte> name)
    {
        if (name.Length < 1 || name.Length > MaxNameBytes)
            return false;
        List<byte[]> labels = Labels(name);
        foreach (byte[] label in labels)
        {
            if (!IsDnsmasqLabel(label))
                return false;
        }
        foreach (string refused in DnsmasqRefuses)
        {
            if (AsciiText.EqualsIgnoreCase(labels[0], Encoding.ASCII.GetBytes(refused)))
                return false;
        }
        return true;
    }

    private static bool IsDnsmasqLabel(byte[] label)
    {
        if (label.Length == 0 || label.Length > MaxLabelBytes || label[0] == (byte)'-' || label[0] == (byte)'_')
            return false;
        foreach (byte b in label)
        {
            bool letter = (b | 0x20) is >= (byte)'a' and <= (byte)'z';
            bool digit = b is >= (byte)'0' and <= (byte)'9';
            if (!letter && !digit && b != (byte)'-' && b != (byte)'_')
                return false;
        }
        return true;
    }

    /// <summary>The name split at every dot (an empty label where two dots meet or at either end).</summary>
    private static List<byte[]> Labels(ReadOnlySpan<byte> name)
    {
        var labels = new List<byte[]>();
        int start = 0;
        for (int i = 0; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] == (byte)'.')
            {
                labels.Add(name[start..i].ToArray());
                start = i + 1;
            }
        }
        return labels;
    }

    /// <summary>
    /// The host's own name: its node name (uname), or the node name's first label, any ASCII case,
    /// the name with or without one trailing dot. An empty node name is nobody's.
    /// </summary>
    public static bool IsHostsOwnName(ReadOnlySpan<byte> name, byte[] nodeName)
    {
        if (nodeName.Length == 0)
            return false;
        ReadOnlySpan<byte> bare = name.Length > 0 && name[^1] == (byte)'.' ? name[..^1] : name;
        byte[] shortName = Labels(nodeName)[0];
        return AsciiText.EqualsIgnoreCase(bare, nodeName) || AsciiText.EqualsIgnoreCase(bare, shortName);
    }

    /// <summary>
    /// A name no reverse lookup gives, whoever chose it: localhost and localhost.anything (one
    /// trailing dot ignored), every ip6-* name, and the host's own name.
    /// </summary>
    public static bool IsNeverReverseName(ReadOnlySpan<byte> name, byte[] nodeName)
    {
        ReadOnlySpan<byte> bare = name.Length > 0 && name[^1] == (byte)'.' ? name[..^1] : name;
        if (AsciiText.EqualsIgnoreCase(Labels(bare)[0], "localhost"u8))
            return true;
        if (name.Length >= 4 && AsciiText.EqualsIgnoreCase(name[..4], "ip6-"u8))
            return true;
        return IsHostsOwnName(name, nodeName);
    }

    /// <summary>The host's node name as gethostname(2) tells it (uname's); empty when it cannot be had.</summary>
    public static byte[] NodeName()
    {
        try
        {
            return Encoding.UTF8.GetBytes(System.Net.Dns.GetHostName());
        }
        catch (SocketException)
        {
            return Array.Empty<byte>();
        }
    }
}

/// <summary>
/// What a forward lookup by host name judges each lease that carries the name against
/// (<see cref="GuestNames"/>): the libvirt domains the name (any of its forms) stands for in any
/// <c>*.macs</c> file and their MACs, the reserved hosts the lookup matched by name, and the
/// host's node name. A lease answers only when every rule lets it.
/// </summary>
public sealed class NameOwners
{
    private readonly int _domains;
    private readonly List<byte[]> _domainMacs;
    private readonly List<Reservation> _reserved;
    private readonly byte[] _nodeName;

    /// <param name="domains">How many domains carry the name (one may list no MAC).</param>
    /// <param name="domainMacs">Those domains' MACs.</param>
    /// <param name="reserved">The reserved hosts the lookup answers the name with.</param>
    public NameOwners(int domains, List<byte[]> domainMacs, List<Reservation> reserved, byte[] nodeName)
    {
        _domains = domains;
        _domainMacs = domainMacs;
        _reserved = reserved;
        _nodeName = nodeName;
    }

    /// <summary>Why the lease may not answer the name, or null when it may.</summary>
    public string? Refusal(in LeaseEntry entry)
    {
        if (!GuestNames.IsDnsmasqName(entry.Hostname))
            return "not a name dnsmasq would give a guest";
        if (GuestNames.IsHostsOwnName(entry.Hostname, _nodeName))
            return "the name of the host itself";
        if (_domains > 0 && (entry.MacAddress.IsEmpty || !QueryName.MatchesAny(entry.MacAddress, _domainMacs)))
            return "a libvirt domain's name, and not that domain's MAC";
        if (_reserved.Count > 0 && !HoldsReservation(entry))
            return "reserved for another MAC and address";
        return null;
    }

    /// <summary>The lease's MAC, or its address, is one of the reservations'.</summary>
    private bool HoldsReservation(in LeaseEntry entry)
    {
        Span<byte> bytes = stackalloc byte[16];
        bool parsed = IpAddressText.TryParse(entry.IpAddress, out int family, bytes);
        foreach (Reservation host in _reserved)
        {
            if (host.HasMac && AsciiText.EqualsIgnoreCase(host.Mac, entry.MacAddress))
                return true;
            if (parsed && host.Address.Equals(new LeaseAddress(family, bytes, 0)))
                return true;
        }
        return false;
    }
}
