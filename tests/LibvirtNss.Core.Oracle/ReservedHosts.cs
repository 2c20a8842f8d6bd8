using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// Which reserved hosts answer a forward lookup. <c>libvirt</c>: a reservation whose name is one
/// of the looked-up name's forms in its network (<see cref="QueryName"/>). <c>libvirt_guest</c>:
/// a DHCP host reservation whose MAC belongs to the domain (<c>*.macs</c>); DNS hosts have no MAC
/// and never answer a domain name.
/// </summary>
public static class ReservedHosts
{
    public delegate List<byte[]> MacsOfForms(List<byte[]> forms);

    public static List<Reservation> Matching(DnsmasqNetworks networks, LookupKind kind, byte[] name,
        MacsOfForms? domainMacs, DecisionLog log)
    {
        var matched = new List<Reservation>();
        foreach (NetworkReservations network in networks.Reservations)
        {
            if (network.Hosts.Count == 0)
                continue; // libvirt writes both files even when the network reserves nothing
            List<byte[]> forms = QueryName.Forms(name, network.Domains);
            List<byte[]> macs = kind == LookupKind.DomainName && domainMacs is not null ? domainMacs(forms) : new List<byte[]>();
            foreach (Reservation host in network.Hosts)
            {
                bool matches = kind == LookupKind.Hostname
                    ? host.Name.Length > 0 && QueryName.MatchesAny(host.Name, forms)
                    : host.HasMac && QueryName.MatchesAny(host.Mac, macs);
                if (!matches)
                    continue;
                if (log.Enabled) log.Write($"{network.Network}: reserved {host.Address} ({host.Source}) matched");
                matched.Add(host);
            }
        }
        return matched;
    }

    /// <summary>
    /// Offers the matched reservations after the leases: a DHCP host given by a MAC that holds an
    /// unexpired lease is left out (that lease answers, where the guest is now).
    /// </summary>
    public static void OfferTo(LeaseCollector collector, List<Reservation> reserved, LiveMacs live, DecisionLog log)
    {
        foreach (Reservation host in reserved)
        {
            if (host.HasMac && live.IsLive(host.Mac))
            {
                if (log.Enabled) log.Write($"reserved {host.Address}: skipped: its MAC holds a lease");
                continue;
            }
            collector.OfferReserved(host.Address);
        }
    }
}
