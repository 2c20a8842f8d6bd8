using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace LibvirtNss.Core.Tests;

/// <summary>
/// For any addresses, any name, any buffer size 0..4096 at any address (aligned or not), the packers
/// either report a too-small buffer or write an answer whose every pointer lies inside the buffer
/// and reads back as what was packed; a larger buffer never fails where a smaller one succeeded.
/// </summary>
public class PackerProperties
{
    /// <summary>One packing problem: what to pack and where the caller's buffer lies.</summary>
    public sealed record PackCase(LeaseAddress[] Addresses, byte[] Name, int Size, ulong Address)
    {
        public override string ToString() =>
            $"{Addresses.Length} addresses [{string.Join(" ", Addresses.Select(a => a.ToString()))}], name of {Name.Length} bytes, " +
            $"buffer of {Size} bytes at 0x{Address:x}";
    }

    private static Gen<LeaseAddress> AddressOf(int family) =>
        from bytes in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(16)
        from expiry in Gen.Choose(0, int.MaxValue)
        select new LeaseAddress(family, bytes, expiry);

    private static readonly Gen<int> Count = Gen.Frequency((6, Gen.Choose(0, 12)), (3, Gen.Choose(0, 160)));

    private static readonly Gen<byte[]> Name =
        Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(0, 300)))
            .SelectMany(n => Gen.Choose(1, 255).Select(b => (byte)b).ArrayOf(n));

    private static readonly Gen<ulong> BufferAddress = Gen.OneOf(
        Gen.Elements(0UL, 1UL, 3UL, 4UL, 7UL, 8UL, 0x7ffc_0000_1001UL, 0x7fff_ffff_f000UL),
        from page in Gen.Choose(1, int.MaxValue)
        from offset in Gen.Choose(0, 4095)
        select ((ulong)page << 12) + (ulong)offset);

    private static Gen<PackCase> Cases(Gen<LeaseAddress[]> addresses) =>
        from list in addresses
        from name in Name
        from size in Gen.Frequency((3, Gen.Choose(0, 4096)), (1, Gen.Choose(0, 300)))
        from at in BufferAddress
        select new PackCase(list, name, size, at);

    /// <summary>All of one family (a hostent has one h_addrtype), either family.</summary>
    private static readonly Arbitrary<PackCase> OneFamilyCases = Cases(
        from family in Gen.Elements(AddressFamilies.Inet, AddressFamilies.Inet6)
        from count in Count
        from list in AddressOf(family).ArrayOf(count)
        select list).ToArbitrary();

    /// <summary>Both families mixed, as gethostbyname4_r answers.</summary>
    private static readonly Arbitrary<PackCase> MixedCases = Cases(
        Count.SelectMany(n => Gen.Elements(AddressFamilies.Inet, AddressFamilies.Inet6).SelectMany(AddressOf).ArrayOf(n)))
        .ToArbitrary();

    private static bool PackHostent(PackCase c, int size, out PackedBuffer buffer, out HostentLayout layout, int family)
    {
        buffer = new PackedBuffer(size, c.Address);
        bool packed = HostentPacker.TryPack(buffer.Span, c.Address, c.Name, family, c.Addresses, out layout);
        buffer.AssertGuardsIntact();
        return packed;
    }

    [Property(MaxTest = 400)]
    public Property HostentPointersStayInsideTheBuffer() => Prop.ForAll(OneFamilyCases, c =>
    {
        int family = c.Addresses.Length > 0 ? c.Addresses[0].Family : AddressFamilies.Inet;
        int length = AddressFamilies.AddressLength(family);
        bool packed = PackHostent(c, c.Size, out PackedBuffer buffer, out HostentLayout layout, family);

        // Room for the name, NUL, the alias list, the addresses and their list, plus worst-case padding.
        long roomy = c.Name.Length + 1 + 7 + 8 + 3 + (long)length * c.Addresses.Length + 7 + 8L * (c.Addresses.Length + 1);
        if (c.Size >= roomy)
            Assert.True(packed, $"a buffer of {c.Size} bytes is large enough ({roomy})");
        Assert.True(PackHostent(c, c.Size + 1, out _, out _, family) || !packed, "size n succeeded but n + 1 failed");
        if (!packed)
        {
            Assert.Equal(default, layout);
            return;
        }

        Assert.InRange(layout.BytesUsed, 0, c.Size);
        Assert.Equal(family, layout.Family);
        Assert.Equal(length, layout.AddressLength);
        Assert.Equal(c.Name, buffer.CString(layout.NameAddress));
        Assert.Equal(0UL, buffer.Pointer(layout.AliasesAddress));
        for (int i = 0; i < c.Addresses.Length; i++)
        {
            ulong entry = buffer.Pointer(layout.AddressListAddress + 8UL * (ulong)i);
            byte[] expected = new byte[length];
            c.Addresses[i].CopyTo(expected);
            Assert.Equal(expected, buffer.Bytes(entry, length));
        }
        Assert.Equal(0UL, buffer.Pointer(layout.AddressListAddress + 8UL * (ulong)c.Addresses.Length));
    });

    [Property(MaxTest = 400)]
    public Property AddrTupleChainStaysInsideTheBuffer() => Prop.ForAll(MixedCases, c =>
    {
        var buffer = new PackedBuffer(c.Size, c.Address);
        bool packed = AddrTuplePacker.TryPack(buffer.Span, c.Address, c.Name, c.Addresses, out ulong first, out int used);
        buffer.AssertGuardsIntact();

        long roomy = c.Name.Length + 1 + 7 + (long)AddrTuplePacker.TupleSize * c.Addresses.Length;
        if (c.Addresses.Length > 0 && c.Size >= roomy)
            Assert.True(packed, $"a buffer of {c.Size} bytes is large enough ({roomy})");
        var larger = new PackedBuffer(c.Size + 1, c.Address);
        Assert.True(AddrTuplePacker.TryPack(larger.Span, c.Address, c.Name, c.Addresses, out _, out _) || !packed,
            "size n succeeded but n + 1 failed");
        if (!packed)
        {
            Assert.Equal(0UL, first);
            Assert.Equal(0, used);
            return;
        }

        Assert.NotEmpty(c.Addresses);
        Assert.InRange(used, 0, c.Size);
        ulong tuple = first;
        int chain = 0;
        while (tuple != 0)
        {
            Assert.True(chain < c.Addresses.Length, "the chain is longer than the address list");
            LeaseAddress expected = c.Addresses[chain];
            buffer.Offset(tuple, AddrTuplePacker.TupleSize);
            ulong next = buffer.Pointer(tuple + AddrTuplePacker.NextOffset);
            Assert.Equal(c.Name, buffer.CString(buffer.Pointer(tuple + AddrTuplePacker.NameOffset)));
            Assert.Equal(expected.Family, buffer.Int32(tuple + AddrTuplePacker.FamilyOffset));
            byte[] address = new byte[16];
            expected.CopyTo(address);
            Assert.Equal(address, buffer.Bytes(tuple + AddrTuplePacker.AddrOffset, 16));
            Assert.Equal(0, buffer.Int32(tuple + AddrTuplePacker.ScopeIdOffset));
            tuple = next;
            chain++;
        }
        Assert.Equal(c.Addresses.Length, chain);
    });
}
