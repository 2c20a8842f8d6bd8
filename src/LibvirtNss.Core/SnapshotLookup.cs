using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// A lookup answered from a lease snapshot: the same decisions as <see cref="LeaseDirectory.Lookup"/>
/// (the same <see cref="LeaseCollector"/> over the same entries in the same order), but only the
/// entries the indexes give for the name are offered, and nothing is parsed. A name no lease and
/// no domain carries is rejected by one hash probe.
/// </summary>
internal static class SnapshotLookup
{
    public static LookupResult Find(LeaseSnapshot snapshot, LookupKind kind, byte[] name, int family, long now,
        DecisionLog log)
    {
        LeaseTable leases = snapshot.Leases!;
        if (kind == LookupKind.Hostname)
        {
            var collector = new LeaseCollector(LeaseQuery.ByHostname(name), family, now, log);
            for (int item = leases.ByHostname.First(name); item >= 0; item = leases.ByHostname.Next(item, name))
                collector.Offer(leases.Entry(item));
            return collector.Result();
        }

        DomainTable domains = snapshot.Domains!;
        var macs = new List<byte[]>();
        for (int item = domains.ByName.First(name); item >= 0; item = domains.ByName.Next(item, name))
        {
            byte[][] domainMacs = domains.Macs(item);
            macs.AddRange(domainMacs);
            if (log.Enabled) log.Write($"domain matched, {domainMacs.Length} MACs");
        }
        if (log.Enabled) log.Write($"domain {AsciiText.Printable(name)}: {macs.Count} MACs");
        if (macs.Count == 0)
            return new LookupResult(LookupOutcome.DomainWithoutMacs, new List<LeaseAddress>());

        // The leases of every MAC, each once, in the order the files list them.
        var items = new List<int>();
        foreach (byte[] mac in macs)
        {
            for (int item = leases.ByMac.First(mac); item >= 0; item = leases.ByMac.Next(item, mac))
                items.Add(item);
        }
        items.Sort();
        var byMacs = new LeaseCollector(LeaseQuery.ByMacs(macs), family, now, log);
        for (int i = 0; i < items.Count; i++)
        {
            if (i == 0 || items[i] != items[i - 1])
                byMacs.Offer(leases.Entry(items[i]));
        }
        return byMacs.Result();
    }
}
