using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using Xunit;

namespace LibvirtNss.Core.Tests.Matches;

/// <summary>
/// The subset's AddressCollector against the reference resolver's LeaseCollector: for any sequence of matched
/// leases (addresses as text, any expiry) and reserved addresses, in any family, the same
/// "found", the same outcome, the same addresses in the same order and the same debug lines.
/// </summary>
public sealed unsafe class AddressCollectorProperties
{
    public sealed record Offer(bool Reserved, string Text, long Expiry);

    private const long Now = 1_800_000_000;

    private static readonly Gen<string> AddressText = Gen.OneOf(
        Gen.Choose(0, 6).Select(n => $"192.168.122.{n}"),
        Gen.Choose(0, 4).Select(n => $"fd00::{n}"),
        Gen.Elements("10.1", "::ffff:192.168.122.1", "not-an-address", "", "192.168.122.300", "fe80::1%eth0",
            "a-long-and-hostile-lease-text-" + new string('x', 90), "caf\u00e9", "1.2.3.4\n"));

    private static readonly Gen<long> Expiry = Gen.Frequency(
        (3, Gen.Choose(-100, 100).Select(d => Now + d)), (1, Gen.Constant(0L)), (1, Gen.Choose(0, 5).Select(d => Now + 1000 * d)));

    private static readonly Gen<Offer> OneOffer =
        from reserved in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from text in AddressText
        from expiry in Expiry
        select new Offer(reserved, text, expiry);

    private static readonly Arbitrary<Offer[]> Offers = Gen.Frequency(
        (6, Gen.Choose(0, 8).SelectMany(n => OneOffer.ArrayOf(n))), (3, Gen.Choose(0, 30).SelectMany(n => OneOffer.ArrayOf(n))),
        (1, Gen.Choose(250, 300).SelectMany(n => Gen.Choose(0, 1000).Select(i => new Offer(i % 7 == 0, $"10.0.{i / 256}.{i % 256}", Now + i)).ArrayOf(n))))
        .ToArbitrary();

    private static string Captured(Action<int> write) => Encoding.ASCII.GetString(Diagnostics.PipeCapture.Captured(write));

    [Property(MaxTest = 3000)]
    public Property Same_answers_as_LeaseCollector() => Prop.ForAll(Offers,
        Gen.Elements(AddressFamilies.Unspecified, AddressFamilies.Inet, AddressFamilies.Inet6).ToArbitrary(), (offers, family) =>
    {
        var reference = new LeaseCollector(LeaseQuery.ByHostname("vm"u8.ToArray()), family, Now, new DecisionLog(_ => { }));
        foreach (Offer offer in offers)
        {
            byte[] text = Encoding.UTF8.GetBytes(offer.Text);
            if (!offer.Reserved)
            {
                reference.Offer(new LeaseEntry(text, "52:54:00:00:00:01"u8, "vm"u8, true, offer.Expiry));
            }
            else
            {
                var bytes = new byte[16];
                if (IpAddressText.TryParse(text, out int f, bytes))
                    reference.OfferReserved(new LeaseAddress(f, bytes, 0));
            }
        }
        LookupResult referenceResult = reference.Result();

        bool found = false;
        ForwardOutcome outcome = default;
        var sorted = new IpAddress[2 * AddressCollector.MaxAddresses];
        int count = 0;
        Captured(fd =>
        {
            var arena = new Arena();
            Assert.True(AddressCollector.TryCreate(ref arena, family, Now, new DebugLog(true, fd), out AddressCollector subset));
            foreach (Offer offer in offers)
            {
                byte[] text = Encoding.UTF8.GetBytes(offer.Text);
                if (!offer.Reserved)
                    subset.OfferLease(text, offer.Expiry);
                else if (LeaseAddressText.TryParse(text, out IpAddress address))
                    subset.OfferReserved(address);
            }
            found = subset.Found;
            outcome = subset.Outcome;
            count = subset.Sorted(sorted);
            arena.Release();
        });

        Assert.Equal(reference.Found, found);
        Assert.Equal(referenceResult.Outcome.ToString(), outcome.ToString());
        Assert.Equal(referenceResult.Addresses.Select(a => a.ToString()),
            sorted.Take(count).Select(a => new LeaseAddress(a.Family, Bytes(a), 0).ToString()));
    });

    private static byte[] Bytes(IpAddress address)
    {
        var bytes = new byte[16];
        address.CopyTo(bytes);
        return bytes;
    }

    [Fact]
    public void A_silent_log_writes_nothing_and_answers_the_same()
    {
        var arena = new Arena();
        Assert.True(AddressCollector.TryCreate(ref arena, 0, Now, DebugLog.Silent, out AddressCollector collector));
        collector.OfferLease("10.0.0.1"u8, Now + 5);
        collector.OfferLease("10.0.0.2"u8, Now + 50);
        collector.OfferLease("10.0.0.3"u8, 0);
        collector.OfferLease("10.0.0.4"u8, Now - 1);   // expired
        Span<IpAddress> sorted = stackalloc IpAddress[4];
        Assert.Equal(3, collector.Sorted(sorted));
        Span<byte> text = stackalloc byte[IpAddressFormat.MaxLength];
        Assert.Equal("10.0.0.2", Encoding.ASCII.GetString(text.Slice(0, IpAddressFormat.Format(sorted[0], text))));
        Assert.Equal("10.0.0.3", Encoding.ASCII.GetString(text.Slice(0, IpAddressFormat.Format(sorted[2], text))));
        arena.Release();
    }
}
