using System.Net;

namespace LibvirtNss.Cli;

/// <summary>Where a published address was learnt, best first in <see cref="PublishPlan"/>'s ranking.</summary>
internal enum AddressSource
{
    /// <summary>The host's neighbour table holds the address with the NIC's MAC; no agent reported it.</summary>
    Neighbour,

    /// <summary>The guest agent reported it, inside the on-link subnet of the NIC's host interface.</summary>
    Agent,

    /// <summary>The guest agent reported it and the neighbour table holds it with the same MAC.</summary>
    AgentAndNeighbour,
}

/// <summary>One NIC of a running domain, from its live XML.</summary>
/// <param name="Mac">Lower case, colon-separated.</param>
/// <param name="HostInterface">
/// The host interface whose on-link subnets an agent address must lie in: the bridge of a
/// bridge or network NIC, the parent device of a macvtap (direct) one; null when the NIC has none
/// (hostdev, user-mode): only a neighbour entry then confirms an agent address.
/// </param>
internal sealed record GuestNic(string Domain, string Mac, string Type, string? HostInterface);

/// <summary>An entry of the host's neighbour table (RTM_NEWNEIGH) that names a link-layer address.</summary>
/// <param name="Mac">Lower case, colon-separated.</param>
internal sealed record Neighbour(int InterfaceIndex, IPAddress Address, string Mac, ushort State);

/// <summary>One address of a host interface (RTM_NEWADDR): the host's own address and its on-link prefix.</summary>
internal sealed record HostAddress(int InterfaceIndex, IPAddress Address, int PrefixLength);

/// <summary>An address the guest agent of <paramref name="Domain"/> reported for its NIC with <paramref name="Mac"/> (lower case).</summary>
internal sealed record AgentAddress(string Domain, string Mac, IPAddress Address);

/// <summary>One record the publisher writes: an address of a domain's NIC and where it came from.</summary>
internal sealed record PublishedAddress(string Domain, string Mac, IPAddress Address, AddressSource Source);

/// <summary>What libvirt's dnsmasq already serves: unexpired leases (and reservations) by MAC.</summary>
/// <param name="Mac">Lower case.</param>
/// <param name="Lease">True for an unexpired lease (the module answers it); false for a reservation.</param>
internal sealed record LeasedAddress(string Mac, IPAddress Address, bool Lease);
