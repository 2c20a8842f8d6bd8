using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace LibvirtNss.Cli;

/// <summary>Why the publisher leaves out an address a guest (its agent, or its traffic) claims.</summary>
internal enum AddressRefusal
{
    None,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>169.254.0.0/16, fe80::/10: valid on one link only, meaningless in a name's answer.</summary>
    LinkLocal,

    /// <summary>224.0.0.0/4, ff00::/8.</summary>
    Multicast,

    /// <summary>0.0.0.0, ::, and 0.0.0.0/8 ("this network").</summary>
    Unspecified,

    /// <summary>255.255.255.255, or the network or broadcast address of the subnet it lies in.</summary>
    Broadcast,

    /// <summary>An IPv4-mapped IPv6 address (::ffff:a.b.c.d): the IPv4 address in disguise.</summary>
    Mapped,

    /// <summary>One of the host's own addresses.</summary>
    HostAddress,

    /// <summary>An agent address outside every on-link subnet of the NIC's host interface, and no neighbour entry confirms it.</summary>
    OffLink,

    /// <summary>libvirt's dnsmasq leases (or reserves) it to another MAC.</summary>
    LeasedToAnother,

    /// <summary>NICs of two domains claim it: it is published for neither.</summary>
    ClaimedTwice,
}

/// <summary>
/// The rules an address must pass before the publisher writes it for a guest. Guests choose what
/// their agent reports and which source addresses their packets carry, so each claim is checked
/// against what the host knows: its own addresses and subnets, and libvirt's leases.
/// </summary>
internal static class AddressPolicy
{
    /// <summary>The rule every source's address must pass, whatever else confirms it: the kinds of address no name may answer.</summary>
    public static AddressRefusal Kind(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] b = address.GetAddressBytes();
            if (b[0] == 127) return AddressRefusal.Loopback;
            if (b[0] == 169 && b[1] == 254) return AddressRefusal.LinkLocal;
            if (b[0] >= 224 && b[0] <= 239) return AddressRefusal.Multicast;
            if (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255) return AddressRefusal.Broadcast;
            if (b[0] == 0) return AddressRefusal.Unspecified;
            return AddressRefusal.None;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Loopback)) return AddressRefusal.Loopback;
            if (address.Equals(IPAddress.IPv6Any)) return AddressRefusal.Unspecified;
            if (address.IsIPv6LinkLocal) return AddressRefusal.LinkLocal;   // fe80::/10
            if (address.IsIPv6Multicast) return AddressRefusal.Multicast;
            if (address.IsIPv4MappedToIPv6) return AddressRefusal.Mapped;
            return AddressRefusal.None;
        }
        return AddressRefusal.Unspecified;
    }

    /// <summary>
    /// Whether <paramref name="address"/> lies in one of the subnets of <paramref name="subnets"/>
    /// (a host interface's addresses with their prefixes), as a host of that subnet: not its
    /// network or broadcast address when it is IPv4 with room for them (prefix 30 or shorter).
    /// A prefix of 0 makes no subnet: it would hold every address.
    /// </summary>
    public static bool OnLink(IPAddress address, IEnumerable<HostAddress> subnets)
    {
        foreach (HostAddress subnet in subnets)
        {
            if (subnet.Address.AddressFamily != address.AddressFamily || subnet.PrefixLength == 0)
                continue;
            var network = new IPNetwork(Masked(subnet.Address, subnet.PrefixLength), subnet.PrefixLength);
            if (!network.Contains(address))
                continue;
            if (address.AddressFamily == AddressFamily.InterNetwork && subnet.PrefixLength <= 30
                && (address.Equals(network.BaseAddress) || address.Equals(LastOf(network))))
                continue;
            return true;
        }
        return false;
    }

    /// <summary>
    /// An agent-reported address of a NIC: its kind, then not the host's, then on-link for the NIC's
    /// host interface unless a neighbour entry with the NIC's MAC holds it.
    /// </summary>
    public static AddressRefusal AgentAddress(IPAddress address, bool neighbourConfirms, IEnumerable<HostAddress> hostInterfaceSubnets,
        ISet<IPAddress> hostAddresses)
    {
        AddressRefusal kind = Kind(address);
        if (kind != AddressRefusal.None)
            return kind;
        if (hostAddresses.Contains(address))
            return AddressRefusal.HostAddress;
        if (!neighbourConfirms && !OnLink(address, hostInterfaceSubnets))
            return AddressRefusal.OffLink;
        return AddressRefusal.None;
    }

    /// <summary>An address the neighbour table holds with the NIC's MAC: its kind, then not the host's.</summary>
    public static AddressRefusal NeighbourAddress(IPAddress address, ISet<IPAddress> hostAddresses)
    {
        AddressRefusal kind = Kind(address);
        if (kind != AddressRefusal.None)
            return kind;
        return hostAddresses.Contains(address) ? AddressRefusal.HostAddress : AddressRefusal.None;
    }

    /// <summary>Whether libvirt's dnsmasq leases or reserves <paramref name="address"/> for a MAC other than <paramref name="mac"/>.</summary>
    public static bool LeasedToAnother(IPAddress address, string mac, IEnumerable<LeasedAddress> leased)
    {
        foreach (LeasedAddress lease in leased)
        {
            if (lease.Address.Equals(address) && !string.Equals(lease.Mac, mac, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - 8 * i, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    private static IPAddress LastOf(IPNetwork network)
    {
        byte[] bytes = network.BaseAddress.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(network.PrefixLength - 8 * i, 0, 8);
            bytes[i] |= (byte)~(0xff << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
