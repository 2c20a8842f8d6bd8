using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Matches;
using Xunit;

namespace LibvirtNss.Core.Tests.Matches;

/// <summary>LeaseMatch and LiveMacSet (subset) decide as the reference resolver's LeaseQuery and LiveMacs.</summary>
public class LeaseMatchProperties
{
    private static readonly Gen<string> Mac = Gen.Elements("52:54:00:aa:bb:01", "52:54:00:AA:BB:01", "52:54:00:aa:bb:02", "", "x");
    private static readonly Gen<string> Host = Gen.Elements("vm1", "VM1", "vm1.example.lan", "vm2", "", "vm1.");

    public sealed record Lease(string Hostname, bool HasHostname, string Mac, long Expiry);

    private static readonly Gen<Lease> Leases =
        from h in Host from has in Gen.Elements(true, true, false) from m in Mac
        from e in Gen.Elements(0L, 99L, 100L, 101L)
        select new Lease(h, has, m, e);

    private static (byte[] Text, TextRange[] Ranges) Packed(IEnumerable<string> values)
    {
        var text = new List<byte>();
        var ranges = new List<TextRange>();
        foreach (string v in values)
        {
            ranges.Add(new TextRange(text.Count, v.Length));
            text.AddRange(Encoding.ASCII.GetBytes(v));
        }
        return (text.ToArray(), ranges.ToArray());
    }

    [Property(MaxTest = 3000)]
    public Property Same_decisions() => Prop.ForAll(Host.ToArbitrary(), Mac.ArrayOf().ToArbitrary(), Leases.ArrayOf().ToArbitrary(),
        (name, macs, leases) =>
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        List<byte[]> forms = QueryName.Forms(nameBytes, new List<byte[]> { "example.lan"u8.ToArray() });
        Span<int> lengths = stackalloc int[4];
        (byte[] domainText, TextRange[] domainRanges) = Packed(new[] { "example.lan" });
        int count = NameForms.Of(nameBytes, domainText, domainRanges, lengths);
        (byte[] macText, TextRange[] macRanges) = Packed(macs);
        LeaseQuery byHost = LeaseQuery.ByHostnames(forms), byMac = LeaseQuery.ByMacs(macs.Select(Encoding.ASCII.GetBytes).ToList());
        LeaseMatch newByHost = LeaseMatch.ByHostname(nameBytes, lengths.Slice(0, count)), newByMac = LeaseMatch.ByMacs(macText, macRanges);

        var live = new LiveMacs(macs.Select(Encoding.ASCII.GetBytes).ToList(), 100);
        var newLive = new LiveMacSet(macText, macRanges, new bool[macs.Length], 100);
        foreach (Lease lease in leases)
        {
            byte[] h = Encoding.ASCII.GetBytes(lease.Hostname), m = Encoding.ASCII.GetBytes(lease.Mac);
            var entry = new LeaseEntry("10.0.0.1"u8, m, h, lease.HasHostname, lease.Expiry);
            Assert.Equal(byHost.Matches(entry), newByHost.Matches(h, lease.HasHostname, m));
            Assert.Equal(byMac.Matches(entry), newByMac.Matches(h, lease.HasHostname, m));
            live.Offer(entry);
            newLive.Offer(m, lease.Expiry);
        }
        foreach (string mac in new[] { "52:54:00:aa:bb:01", "52:54:00:AA:BB:02", "", "x" })
            Assert.Equal(live.IsLive(Encoding.ASCII.GetBytes(mac)), newLive.IsLive(Encoding.ASCII.GetBytes(mac)));
    });
}
