using System;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Matches;

/// <summary>Whether a lease's host name may answer, and if not, which rule refuses it (docs/security.md).</summary>
public enum GuestNameVerdict : byte
{
    Answers,
    /// <summary>dnsmasq would not publish it (its helper writes refused names as the guest sent them).</summary>
    NotDnsmasqName,
    /// <summary>The host's own name (its node name, short or long).</summary>
    HostsOwnName,
    /// <summary>The name of a libvirt domain this lease's MAC does not belong to.</summary>
    OtherDomainsName,
    /// <summary>A name a network reserves (<c>&lt;dhcp&gt;&lt;host&gt;</c>, <c>&lt;dns&gt;&lt;host&gt;</c>) for another MAC and address.</summary>
    ReservedForAnother,
}

/// <summary>
/// Who may answer for a name: a guest chooses its DHCP host name, so a lease answers its name
/// only where libvirt's own dnsmasq would publish it in DNS, and never against a name the
/// administrator gave (a domain's name, a reservation) or the host's own name. The caller finds
/// the facts (which domains and reservations carry the name); the rules are here.
/// </summary>
public static class GuestNameRule
{
    public const int MaxNameLength = 253;
    public const int MaxLabelLength = 63;

    /// <summary>
    /// The name dnsmasq would accept from a DHCP client (util.c, legal_hostname and
    /// valid_hostname): labels of 1–63 letters, digits, '-' and '_', neither of the last two
    /// first, at most 253 bytes, the first label not one dnsmasq reserves. dnsmasq checks the
    /// characters of the first label only; every label is checked here, since a name dnsmasq cut
    /// at its first dot never reaches the lease file with a dot.
    /// </summary>
    public static bool IsDnsmasqName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
            return false;
        int label = 0;
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            if (b == (byte)'.')
            {
                if (label == 0)
                    return false;
                label = 0;
                continue;
            }
            bool alphanumeric = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';
            if (!alphanumeric && (label == 0 || (b != (byte)'-' && b != (byte)'_')))
                return false;
            if (++label > MaxLabelLength)
                return false;
        }
        if (label == 0)
            return false;
        return !IsDnsmasqReserved(FirstLabel(name));
    }

    /// <summary>The names dnsmasq never gives a DHCP client (util.c, valid_hostname), any ASCII case.</summary>
    public static bool IsDnsmasqReserved(ReadOnlySpan<byte> label) =>
        TextLineText.EqualsIgnoreCase(label, "localhost"u8) || TextLineText.EqualsIgnoreCase(label, "ip6-localhost"u8)
        || TextLineText.EqualsIgnoreCase(label, "ip6-loopback"u8) || TextLineText.EqualsIgnoreCase(label, "wpad"u8)
        || TextLineText.EqualsIgnoreCase(label, "isatap"u8);

    /// <summary>
    /// Whether the name is the host's own (<paramref name="nodeName"/>, uname's, or its first
    /// label), any ASCII case, with or without a trailing dot. An empty node name owns nothing.
    /// </summary>
    public static bool IsHostsOwnName(ReadOnlySpan<byte> name, ReadOnlySpan<byte> nodeName)
    {
        name = WithoutTrailingDot(name);
        return !nodeName.IsEmpty
            && (TextLineText.EqualsIgnoreCase(name, nodeName) || TextLineText.EqualsIgnoreCase(name, FirstLabel(nodeName)));
    }

    /// <summary>
    /// A name no reverse lookup answers, whoever gave it: <c>localhost</c> and <c>localhost.*</c>,
    /// <c>ip6-*</c> (Debian's loopback and multicast names), and the host's own name: programs
    /// trust these names of addresses (logs, access rules).
    /// </summary>
    public static bool IsNeverReverseName(ReadOnlySpan<byte> name, ReadOnlySpan<byte> nodeName)
    {
        ReadOnlySpan<byte> first = FirstLabel(WithoutTrailingDot(name));
        return TextLineText.EqualsIgnoreCase(first, "localhost"u8)
            || (name.Length >= 4 && TextLineText.EqualsIgnoreCase(name.Slice(0, 4), "ip6-"u8))
            || IsHostsOwnName(name, nodeName);
    }

    /// <summary>
    /// Whether a lease whose host name matched the asked name answers it.
    /// </summary>
    /// <param name="hostname">The lease's host name (as the guest sent it).</param>
    /// <param name="nodeName">The host's node name (empty when unknown).</param>
    /// <param name="nameIsDomain">The asked name (one of its forms) is a libvirt domain's name in a <c>*.macs</c> file.</param>
    /// <param name="macIsDomains">The lease's MAC is one of those domains' MACs.</param>
    /// <param name="nameIsReserved">A network reserves the asked name (one of its forms).</param>
    /// <param name="leaseHoldsReservation">The lease's MAC or address is a reservation's of that name.</param>
    public static GuestNameVerdict Judge(ReadOnlySpan<byte> hostname, ReadOnlySpan<byte> nodeName, bool nameIsDomain,
        bool macIsDomains, bool nameIsReserved, bool leaseHoldsReservation)
    {
        if (!IsDnsmasqName(hostname))
            return GuestNameVerdict.NotDnsmasqName;
        if (IsHostsOwnName(hostname, nodeName))
            return GuestNameVerdict.HostsOwnName;
        if (nameIsDomain && !macIsDomains)
            return GuestNameVerdict.OtherDomainsName;
        if (nameIsReserved && !leaseHoldsReservation)
            return GuestNameVerdict.ReservedForAnother;
        return GuestNameVerdict.Answers;
    }

    /// <summary>The verdict as debug lines and <c>libvirt-nss doctor</c> word it.</summary>
    public static ReadOnlySpan<byte> Reason(GuestNameVerdict verdict) => verdict switch
    {
        GuestNameVerdict.NotDnsmasqName => "not a name dnsmasq gives a guest"u8,
        GuestNameVerdict.HostsOwnName => "the host's own name"u8,
        GuestNameVerdict.OtherDomainsName => "another domain's name"u8,
        GuestNameVerdict.ReservedForAnother => "reserved for another guest"u8,
        _ => "answers"u8,
    };

    private static ReadOnlySpan<byte> FirstLabel(ReadOnlySpan<byte> name)
    {
        int dot = name.IndexOf((byte)'.');
        return dot < 0 ? name : name.Slice(0, dot);
    }

    private static ReadOnlySpan<byte> WithoutTrailingDot(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && name[name.Length - 1] == (byte)'.' ? name.Slice(0, name.Length - 1) : name;
}
