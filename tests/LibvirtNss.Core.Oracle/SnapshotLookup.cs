using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// A lookup answered from a lease snapshot: the same decisions as <see cref="LeaseDirectory.Lookup"/>
/// (the same <see cref="LeaseCollector"/> over the same entries in the same order, then the same
/// reserved hosts, the same owners of a name judging its leases), but only the entries the indexes
/// give for the name and its network-domain forms (<see cref="QueryName"/>) are offered, and
/// nothing is parsed. A name no lease and no domain carries is rejected by hash probes.
/// </summary>
internal static class SnapshotLookup
{
    public static LookupResult Find(LeaseSnapshot snapshot, LookupKind kind, byte[] name, int family, long now,
        DecisionLog log)
    {
        LeaseTable leases = snapshot.Leases!;
        DnsmasqNetworks networks = snapshot.Networks!;
        List<byte[]> forms = QueryName.Forms(name, networks.AllDomains);
        var perFile = new LeaseQuery?[snapshot.StatusPaths.Length];
        var items = new List<int>();
        DomainMacs? domainMacs = null;
        // The domains of the name, in every network's forms: libvirt_guest's MACs, or (libvirt)
        // the owners of a name no other guest may answer for.
        DomainMacs macsOfForm = DomainsNamed(snapshot.Domains!, forms, log);

        if (kind == LookupKind.Hostname)
        {
            foreach (byte[] form in forms)
            {
                for (int item = leases.ByHostname.First(form); item >= 0; item = leases.ByHostname.Next(item, form))
                    items.Add(item);
            }
        }
        else
        {
            domainMacs = macsOfForm;
            if (log.Enabled) log.Write($"domain {AsciiText.Printable(name)}: {domainMacs.Count} MACs");
            if (domainMacs.Count == 0)
                return new LookupResult(LookupOutcome.DomainWithoutMacs, new List<LeaseAddress>());
            foreach (byte[] mac in domainMacs.Of(forms))
            {
                for (int item = leases.ByMac.First(mac); item >= 0; item = leases.ByMac.Next(item, mac))
                    items.Add(item);
            }
        }

        List<Reservation> reserved = ReservedHosts.Matching(networks, kind, name,
            domainMacs is null ? null : domainMacs.Of, log);

        // Each lease once, in the order the files list them, judged with its own network's forms.
        items.Sort();
        var collector = new LeaseCollector(LeaseQuery.ByHostname(name), family, now, log);
        if (kind == LookupKind.Hostname)
            collector.Judge = new NameOwners(macsOfForm.Domains, macsOfForm.All, reserved, GuestNames.NodeName()).Refusal;
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0 && items[i] == items[i - 1])
                continue;
            int file = leases.FileOf(items[i]);
            collector.Query = perFile[file] ??= QueryOf(kind, name, networks, domainMacs, snapshot.StatusPaths[file]);
            collector.Offer(leases.Entry(items[i]));
        }

        var live = new LiveMacs(LiveMacs.MacsOf(reserved), now);
        foreach (byte[] mac in LiveMacs.MacsOf(reserved))
        {
            for (int item = leases.ByMac.First(mac); item >= 0; item = leases.ByMac.Next(item, mac))
                live.Offer(leases.Entry(item));
        }
        ReservedHosts.OfferTo(collector, reserved, live, log);
        return collector.Result();
    }

    /// <summary>
    /// The domains of each form by the index, in directory and file order, their MACs up to
    /// <see cref="MacsFileParser.MaxMacs"/> a form, as the files' reader collects them.
    /// </summary>
    private static DomainMacs DomainsNamed(DomainTable domains, List<byte[]> forms, DecisionLog log) =>
        DomainMacs.Collect(forms, (form, into) =>
        {
            int named = 0;
            for (int item = domains.ByName.First(form); item >= 0; item = domains.ByName.Next(item, form))
            {
                named++;
                byte[][] macsOfItem = domains.Macs(item);
                int room = MacsFileParser.MaxMacs - into.Count;
                if (macsOfItem.Length > room && log.Enabled)
                    log.Write($"domain matched, {macsOfItem.Length - Math.Max(room, 0)} MACs ignored: more than {MacsFileParser.MaxMacs} in all");
                into.AddRange(macsOfItem[..Math.Clamp(room, 0, macsOfItem.Length)]);
                if (log.Enabled) log.Write($"domain matched, {macsOfItem.Length} MACs");
            }
            return named;
        });

    private static LeaseQuery QueryOf(LookupKind kind, byte[] name, DnsmasqNetworks networks, DomainMacs? domainMacs,
        string statusPath)
    {
        List<byte[]> forms = QueryName.Forms(name, networks.DomainsOfBridgeFile(statusPath));
        return kind == LookupKind.Hostname ? LeaseQuery.ByHostnames(forms) : LeaseQuery.ByMacs(domainMacs!.Of(forms));
    }
}
