using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace LibvirtNss.Cli;

/// <summary>What the host knows in one pass, the inputs of <see cref="PublishPlan.Compute"/>.</summary>
/// <param name="InterfaceIndex">The host's interfaces, name to index (the NICs' host interfaces are looked up here).</param>
internal sealed record PublishInputs(
    IReadOnlyList<GuestNic> Nics,
    IReadOnlyList<AgentAddress> Agent,
    IReadOnlyList<Neighbour> Neighbours,
    IReadOnlyList<HostAddress> HostAddresses,
    IReadOnlyDictionary<string, int> InterfaceIndex,
    IReadOnlyList<LeasedAddress> Leased);

/// <summary>An address left out, and why (for --verbose).</summary>
internal sealed record RefusedAddress(GuestNic Nic, IPAddress Address, AddressSource Source, AddressRefusal Reason);

/// <summary>
/// Which addresses the publisher writes for which NIC. A NIC whose MAC has an unexpired lease of
/// libvirt's dnsmasq is left out whole: the module already answers it. For the others, sources
/// rank: an agent address a neighbour entry with the NIC's MAC confirms, then an agent address
/// (on-link for the NIC's host interface), then a neighbour entry. When the agent gives a NIC an
/// address that passes, the NIC's addresses are the agent's: a neighbour entry it does not list is
/// an address the guest no longer has (STALE entries outlive it). Without one, the neighbour
/// table's entries for the MAC are the NIC's addresses. An address claimed by NICs of two domains
/// is published for neither; claimed twice within one domain, it is published once.
/// </summary>
internal static class PublishPlan
{
    public static List<PublishedAddress> Compute(PublishInputs inputs, List<RefusedAddress>? refused = null)
    {
        var covered = new HashSet<string>(inputs.Leased.Where(l => l.Lease).Select(l => l.Mac), StringComparer.OrdinalIgnoreCase);
        var hostOwn = new HashSet<IPAddress>(inputs.HostAddresses.Select(a => a.Address));
        var candidates = new List<PublishedAddress>();
        var seen = new HashSet<(string, string)>();

        foreach (GuestNic nic in inputs.Nics)
        {
            if (covered.Contains(nic.Mac) || !seen.Add((nic.Domain, nic.Mac)))
                continue;
            List<HostAddress> subnets = nic.HostInterface is string name && inputs.InterfaceIndex.TryGetValue(name, out int index)
                ? inputs.HostAddresses.Where(a => a.InterfaceIndex == index).ToList()
                : new List<HostAddress>();
            var neighbourAddresses = new List<IPAddress>();
            foreach (Neighbour n in inputs.Neighbours)
            {
                if (string.Equals(n.Mac, nic.Mac, StringComparison.OrdinalIgnoreCase) && !neighbourAddresses.Contains(n.Address))
                    neighbourAddresses.Add(n.Address);
            }

            var fromAgent = new List<PublishedAddress>();
            foreach (AgentAddress a in inputs.Agent)
            {
                if (a.Domain != nic.Domain || !string.Equals(a.Mac, nic.Mac, StringComparison.OrdinalIgnoreCase)
                    || fromAgent.Any(p => p.Address.Equals(a.Address)))
                    continue;
                bool confirmed = neighbourAddresses.Contains(a.Address);
                AddressSource source = confirmed ? AddressSource.AgentAndNeighbour : AddressSource.Agent;
                AddressRefusal why = AddressPolicy.AgentAddress(a.Address, confirmed, subnets, hostOwn);
                if (why == AddressRefusal.None && AddressPolicy.LeasedToAnother(a.Address, nic.Mac, inputs.Leased))
                    why = AddressRefusal.LeasedToAnother;
                if (why == AddressRefusal.None)
                    fromAgent.Add(new PublishedAddress(nic.Domain, nic.Mac, a.Address, source));
                else
                    refused?.Add(new RefusedAddress(nic, a.Address, source, why));
            }

            if (fromAgent.Count > 0)
            {
                // Confirmed first, each kind in the agent's order.
                candidates.AddRange(fromAgent.Where(p => p.Source == AddressSource.AgentAndNeighbour));
                candidates.AddRange(fromAgent.Where(p => p.Source == AddressSource.Agent));
                continue;
            }
            foreach (IPAddress address in neighbourAddresses)
            {
                AddressRefusal why = AddressPolicy.NeighbourAddress(address, hostOwn);
                if (why == AddressRefusal.None && AddressPolicy.LeasedToAnother(address, nic.Mac, inputs.Leased))
                    why = AddressRefusal.LeasedToAnother;
                if (why == AddressRefusal.None)
                    candidates.Add(new PublishedAddress(nic.Domain, nic.Mac, address, AddressSource.Neighbour));
                else
                    refused?.Add(new RefusedAddress(nic, address, AddressSource.Neighbour, why));
            }
        }

        // One claim per address: none when two domains claim it, the first (best ranked) of one domain's.
        var result = new List<PublishedAddress>();
        foreach (PublishedAddress p in candidates)
        {
            List<PublishedAddress> claims = candidates.Where(c => c.Address.Equals(p.Address)).ToList();
            if (claims.Select(c => c.Domain).Distinct().Count() > 1)
            {
                GuestNic nic = inputs.Nics.First(n => n.Domain == p.Domain && string.Equals(n.Mac, p.Mac, StringComparison.OrdinalIgnoreCase));
                refused?.Add(new RefusedAddress(nic, p.Address, p.Source, AddressRefusal.ClaimedTwice));
                continue;
            }
            if (ReferenceEquals(claims[0], p))
                result.Add(p);
        }
        return result;
    }
}
