using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Answers;
using LibvirtNss.Core.Entries;
using Xunit;

namespace LibvirtNss.Core.Tests.Answers;

/// <summary>
/// The subset packers (Answers/, no lists, no GC) against the oracle's packers: for
/// any addresses, names, buffer size and buffer address, the same success and byte for byte the
/// same buffer (including what neither wrote) and the same placement.
/// </summary>
public class AnswerDifferentialProperties
{
    public sealed record Case(int[] Families, byte[][] AddressBytes, byte[][] Names, int Size, ulong Address)
    {
        public override string ToString() =>
            $"{Families.Length} addresses, {Names.Length} names ({string.Join(",", Names.Select(n => n.Length))} bytes), " +
            $"buffer of {Size} bytes at 0x{Address:x}";

        public LeaseAddress[] Old(int family) =>
            Families.Select((f, i) => new LeaseAddress(family < 0 ? f : family, AddressBytes[i], 0)).ToArray();

        public IpAddress[] New(int family) =>
            Families.Select((f, i) => new IpAddress(family < 0 ? f : family, AddressBytes[i])).ToArray();
    }

    private static readonly Gen<byte[]> Bytes16 = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(16);

    private static readonly Gen<byte[]> Name =
        Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(0, 300)))
            .SelectMany(n => Gen.Choose(1, 255).Select(b => (byte)b).ArrayOf(n));

    private static readonly Arbitrary<Case> Cases = (
        from count in Gen.Frequency((6, Gen.Choose(0, 12)), (2, Gen.Choose(0, 160)))
        from families in Gen.Elements(AddressFamilies.Inet, AddressFamilies.Inet6).ArrayOf(count)
        from bytes in Bytes16.ArrayOf(count)
        from nameCount in Gen.Choose(0, 6)
        from names in Name.ArrayOf(nameCount)
        from size in Gen.Frequency((3, Gen.Choose(0, 4096)), (2, Gen.Choose(0, 300)))
        from at in Gen.OneOf(Gen.Elements(0UL, 1UL, 3UL, 7UL, 8UL, 0x7fff_ffff_f000UL),
            Gen.Choose(1, int.MaxValue).Select(p => ((ulong)p << 12) + (ulong)(p % 4096)))
        select new Case(families, bytes, names, size, at)).ToArbitrary();

    private static (byte[] Old, byte[] New) Buffers(int size)
    {
        var old = new byte[size];
        var fresh = new byte[size];
        Array.Fill(old, (byte)0xA5);
        Array.Fill(fresh, (byte)0xA5);
        return (old, fresh);
    }

    private static byte[] FirstName(Case c) => c.Names.Length > 0 ? c.Names[0] : Array.Empty<byte>();

    [Property(MaxTest = 1000)]
    public Property Hostent_same_bytes() => Prop.ForAll(Cases, c =>
    {
        foreach (int family in new[] { AddressFamilies.Inet, AddressFamilies.Inet6 })
        {
            (byte[] oldBuffer, byte[] newBuffer) = Buffers(c.Size);
            bool oldPacked = HostentPacker.TryPack(oldBuffer, c.Address, FirstName(c), family, c.Old(family), out HostentLayout old);
            bool newPacked = HostentAnswer.TryPack(newBuffer, c.Address, FirstName(c), family, c.New(family), out HostentPlacement fresh);
            Assert.Equal(oldPacked, newPacked);
            Assert.Equal(oldBuffer, newBuffer);
            Assert.Equal((old.NameAddress, old.AliasesAddress, old.AddressListAddress, old.Family, old.AddressLength, old.BytesUsed),
                (fresh.NameAddress, fresh.AliasesAddress, fresh.AddressListAddress, fresh.Family, fresh.AddressLength, fresh.BytesUsed));
        }
    });

    [Property(MaxTest = 1000)]
    public Property AddrTuple_same_bytes() => Prop.ForAll(Cases, c =>
    {
        (byte[] oldBuffer, byte[] newBuffer) = Buffers(c.Size);
        bool oldPacked = AddrTuplePacker.TryPack(oldBuffer, c.Address, FirstName(c), c.Old(-1), out ulong oldFirst, out int oldUsed);
        bool newPacked = AddrTupleAnswer.TryPack(newBuffer, c.Address, FirstName(c), c.New(-1), out ulong newFirst, out int newUsed);
        Assert.Equal(oldPacked, newPacked);
        Assert.Equal(oldBuffer, newBuffer);
        Assert.Equal((oldFirst, oldUsed), (newFirst, newUsed));
    });

    [Property(MaxTest = 1000)]
    public Property ReverseHostent_same_bytes() => Prop.ForAll(Cases, c =>
    {
        var text = new List<byte>();
        var ranges = new List<TextRange>();
        foreach (byte[] name in c.Names)
        {
            ranges.Add(new TextRange(text.Count, name.Length));
            text.AddRange(name);
        }
        byte[] address = c.AddressBytes.Length > 0 ? c.AddressBytes[0] : new byte[16];
        foreach (int family in new[] { AddressFamilies.Inet, AddressFamilies.Inet6 })
        {
            (byte[] oldBuffer, byte[] newBuffer) = Buffers(c.Size);
            bool oldPacked = ReverseHostentPacker.TryPack(oldBuffer, c.Address, c.Names, family, address, out HostentLayout old);
            bool newPacked = ReverseHostentAnswer.TryPack(newBuffer, c.Address, text.ToArray(), ranges.ToArray(), family, address,
                out HostentPlacement fresh);
            Assert.Equal(oldPacked, newPacked);
            Assert.Equal(oldBuffer, newBuffer);
            Assert.Equal((old.NameAddress, old.AliasesAddress, old.AddressListAddress, old.BytesUsed),
                (fresh.NameAddress, fresh.AliasesAddress, fresh.AddressListAddress, fresh.BytesUsed));
        }
    });

    [Fact]
    public void IpAddress_round_trips_and_compares_as_LeaseAddress_does()
    {
        byte[] v6 = Enumerable.Range(1, 16).Select(i => (byte)(i * 17)).ToArray();
        var a = new IpAddress(AddressFamilies.Inet6, v6);
        var copy = new byte[16];
        a.CopyTo(copy);
        Assert.Equal(v6, copy);
        var v4 = new IpAddress(AddressFamilies.Inet, v6);
        Assert.Equal(4, v4.Length);
        Assert.False(v4.SameAs(a));
        Assert.True(a.SameAs(new IpAddress(AddressFamilies.Inet6, v6)));
        Assert.True(v4.SameAs(new IpAddress(AddressFamilies.Inet, v6.AsSpan(0, 4))));
    }
}
