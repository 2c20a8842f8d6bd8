using System.Collections.Generic;
using System.Linq;

namespace LibvirtNss.Cli;

/// <summary>
/// doctor: running guests whose NICs libvirt's dnsmasq does not serve (a host bridge, macvtap, an
/// assigned device), whose names resolve only through the publisher's records.
/// </summary>
internal static class GuestNicCheck
{
    /// <summary>
    /// How a NIC reaches the host's network when it is not through a libvirt network: null for a
    /// NIC on a libvirt network (type network; its dnsmasq leases it) or a user-mode one (no host
    /// address at all: docs/publisher.md, "Session guests").
    /// </summary>
    public static string? Kind(GuestNic nic) => nic.Type switch
    {
        "bridge" => "bridged",
        "direct" => "macvtap",
        "hostdev" => "assigned (hostdev)",
        _ => null,
    };

    /// <param name="nics">The running domains' NICs; null when libvirt could not be asked (<paramref name="whyNot"/>).</param>
    /// <param name="leasedMacs">MACs (lower case) with an unexpired lease of libvirt's dnsmasq: the module answers them already.</param>
    /// <param name="servedBridges">Bridges with a <c>*.status</c> in the lease directory: a bridged NIC on libvirt's own bridge gets its leases.</param>
    /// <param name="publishedDomains">Domains with an unexpired published record.</param>
    /// <param name="publisherFresh">The publisher's directory is trusted and holds unexpired records.</param>
    public static void Report(string uri, IReadOnlyList<GuestNic>? nics, string? whyNot, ISet<string> leasedMacs, ISet<string> servedBridges,
        ISet<string> publishedDomains, bool publisherFresh, DoctorReport report)
    {
        if (nics is null)
        {
            report.Info($"could not ask libvirt ({uri}): {whyNot}; guests with bridged or macvtap NICs not checked");
            return;
        }
        var outside = nics.Where(n => Kind(n) is not null && !leasedMacs.Contains(n.Mac)
                                      && !(n.Type == "bridge" && n.HostInterface is string bridge && servedBridges.Contains(bridge)))
            .GroupBy(n => n.Domain).ToList();
        int domains = nics.Select(n => n.Domain).Distinct().Count();
        if (outside.Count == 0)
        {
            report.Ok($"libvirt ({uri}): {domains} running domains with NICs, none outside libvirt's networks");
            return;
        }
        foreach (IGrouping<string, GuestNic> domain in outside)
        {
            string what = string.Join(", ", domain.Select(n => Kind(n) is string kind
                ? $"{(kind.StartsWith('a') ? "an" : "a")} {kind} NIC ({n.Mac})" : ""));
            if (!publisherFresh)
                report.Warning($"guest {domain.Key} has {what}: its addresses reach the module only through {PublishedCheck.Unit} " +
                    $"(systemctl enable --now {PublishedCheck.Unit})");
            else if (!publishedDomains.Contains(domain.Key))
                report.Warning($"guest {domain.Key} has {what} but no published address: its agent reports none that passes and the host " +
                    "has no neighbour entry for it (docs/publisher.md, \"Failure modes\")");
            else
                report.Ok($"guest {domain.Key} has {what}: the publisher publishes its addresses");
        }
    }
}
