using System.Linq;
using Xunit;
using static LibvirtNss.Core.Tests.Fixtures;

namespace LibvirtNss.Core.Tests;

/// <summary>Worked examples of the hostent and gaih_addrtuple layouts glibc reads.</summary>
public class PackerTests
{
    private static readonly LeaseAddress[] TwoV4 = { Address("192.168.122.2", 0), Address("192.168.122.3", 0) };

    [Fact]
    public void HostentLayoutOfTwoIPv4Addresses()
    {
        const ulong At = 0x7ffc_0000_1000;
        var buffer = new PackedBuffer(48, At);
        Assert.True(HostentPacker.TryPack(buffer.Span, At, Utf8("vm"), AddressFamilies.Inet, TwoV4, out HostentLayout layout));
        // "vm\0", padding to 8, h_aliases {NULL}, two 4-byte addresses, h_addr_list {a, b, NULL}.
        Assert.Equal(new HostentLayout(At, At + 8, At + 24, AddressFamilies.Inet, 4, 48), layout);
        Assert.Equal(At + 16, buffer.Pointer(At + 24));
        Assert.Equal(At + 20, buffer.Pointer(At + 32));
        Assert.Equal(0UL, buffer.Pointer(At + 40));
        Assert.Equal(new byte[] { 192, 168, 122, 3 }, buffer.Bytes(At + 20, 4));
        buffer.AssertGuardsIntact();

        Assert.False(HostentPacker.TryPack(new PackedBuffer(47, At).Span, At, Utf8("vm"), AddressFamilies.Inet, TwoV4, out layout));
        Assert.Equal(default, layout);
    }

    [Fact]
    public void HostentWithoutAddressesHasAnEmptyList()
    {
        var buffer = new PackedBuffer(64, 0x1000);
        Assert.True(HostentPacker.TryPack(buffer.Span, 0x1000, Utf8("vm"), AddressFamilies.Inet6, new LeaseAddress[0], out HostentLayout layout));
        Assert.Equal(16, layout.AddressLength);
        Assert.Equal(0UL, buffer.Pointer(layout.AddressListAddress));
    }

    [Fact]
    public void AddrTupleLayoutOfBothFamilies()
    {
        const ulong At = 0x5000_0003; // unaligned: the tuples start at the next multiple of 8
        var addresses = new[] { Address("fd00::1", 0), Address("10.0.0.1", 0) };
        var buffer = new PackedBuffer(7 + 80, At);
        Assert.True(AddrTuplePacker.TryPack(buffer.Span, At, Utf8("vm"), addresses, out ulong first, out int used));
        Assert.Equal(0x5000_0008UL, first);
        Assert.Equal(5 + 80, used);
        Assert.Equal(first + 40, buffer.Pointer(first));
        Assert.Equal(0UL, buffer.Pointer(first + 40));
        Assert.Equal(At, buffer.Pointer(first + 8));
        Assert.Equal(AddressFamilies.Inet6, buffer.Int32(first + 16));
        Assert.Equal(AddressFamilies.Inet, buffer.Int32(first + 56));
        Assert.Equal(new byte[] { 10, 0, 0, 1 }.Concat(new byte[12]).ToArray(), buffer.Bytes(first + 60, 16));
        buffer.AssertGuardsIntact();

        Assert.False(AddrTuplePacker.TryPack(new PackedBuffer(5 + 79, At).Span, At, Utf8("vm"), addresses, out first, out used));
        Assert.Equal(0UL, first);
        Assert.Equal(0, used);
    }

    [Fact]
    public void AddrTupleWithoutAddressesIsRefused()
    {
        Assert.False(AddrTuplePacker.TryPack(new byte[1024], 0x1000, Utf8("vm"), new LeaseAddress[0], out _, out _));
    }

    [Fact]
    public void SeventyLeasesNeedMoreThanGlibcsFirstBuffer()
    {
        // glibc starts gethostbyname with a 1024-byte buffer and doubles it on ERANGE.
        var many = Enumerable.Range(0, 70).Select(i => Address($"fd00::{i + 1:x}", 0)).ToArray();
        Assert.False(HostentPacker.TryPack(new byte[1024], 0x1000, Utf8("vm"), AddressFamilies.Inet6, many, out _));
        Assert.True(HostentPacker.TryPack(new byte[2048], 0x1000, Utf8("vm"), AddressFamilies.Inet6, many, out HostentLayout layout));
        Assert.Equal(8 + 8 + 70 * 16 + 71 * 8, layout.BytesUsed);
    }
}
