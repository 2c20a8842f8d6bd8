using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

/// <summary>The rtnetlink messages, built byte by byte as the kernel sends them (x86-64 and aarch64: little-endian).</summary>
public sealed class NetlinkMessagesTests
{
    private const ushort Reachable = NetlinkMessages.NUD_REACHABLE, Stale = NetlinkMessages.NUD_STALE,
        Delay = NetlinkMessages.NUD_DELAY, Probe = NetlinkMessages.NUD_PROBE, Permanent = NetlinkMessages.NUD_PERMANENT,
        Incomplete = NetlinkMessages.NUD_INCOMPLETE, Failed = NetlinkMessages.NUD_FAILED, NoArp = NetlinkMessages.NUD_NOARP;

    private static readonly byte[] Mac = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

    private static byte[] Attribute(ushort type, byte[] value)
    {
        var a = new byte[(4 + value.Length + 3) & ~3];
        BinaryPrimitives.WriteUInt16LittleEndian(a, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(2), type);
        value.CopyTo(a, 4);
        return a;
    }

    private static byte[] Message(ushort type, byte[] body)
    {
        var m = new byte[16 + ((body.Length + 3) & ~3)];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)(16 + body.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), type);
        body.CopyTo(m, 16);
        return m;
    }

    private static byte[] Neigh(byte family, int index, ushort state, params byte[][] attributes)
    {
        var ndmsg = new byte[12];
        ndmsg[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(ndmsg.AsSpan(4), index);
        BinaryPrimitives.WriteUInt16LittleEndian(ndmsg.AsSpan(8), state);
        return Message(NetlinkMessages.RTM_NEWNEIGH, ndmsg.Concat(attributes.SelectMany(a => a)).ToArray());
    }

    private static byte[] Addr(byte family, byte prefix, int index, params byte[][] attributes)
    {
        var ifa = new byte[8];
        ifa[0] = family;
        ifa[1] = prefix;
        BinaryPrimitives.WriteInt32LittleEndian(ifa.AsSpan(4), index);
        return Message(NetlinkMessages.RTM_NEWADDR, ifa.Concat(attributes.SelectMany(a => a)).ToArray());
    }

    private static byte[] Done() => Message(NetlinkMessages.NLMSG_DONE, new byte[4]);

    private static byte[] Error(int errno)
    {
        var body = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(body, -errno);
        return Message(NetlinkMessages.NLMSG_ERROR, body);
    }

    private static byte[] V4(string a) => IPAddress.Parse(a).GetAddressBytes();

    private static byte[] Dst(string a) => Attribute(NetlinkMessages.NDA_DST, V4(a));

    private static byte[] Ll(byte[] mac) => Attribute(NetlinkMessages.NDA_LLADDR, mac);

    public static TheoryData<string, byte[], string?> Neighbours => new()
    {
        { "reachable IPv4", Neigh(2, 7, Reachable, Dst("192.0.2.5"), Ll(Mac)), "7 192.0.2.5 52:54:00:12:34:56" },
        { "stale", Neigh(2, 7, Stale, Dst("192.0.2.5"), Ll(Mac)), "7 192.0.2.5 52:54:00:12:34:56" },
        { "delay", Neigh(2, 7, Delay, Dst("192.0.2.5"), Ll(Mac)), "7 192.0.2.5 52:54:00:12:34:56" },
        { "probe", Neigh(2, 7, Probe, Dst("192.0.2.5"), Ll(Mac)), "7 192.0.2.5 52:54:00:12:34:56" },
        { "permanent", Neigh(2, 7, Permanent, Dst("192.0.2.5"), Ll(Mac)), "7 192.0.2.5 52:54:00:12:34:56" },
        { "incomplete: no answer behind it", Neigh(2, 7, Incomplete, Dst("192.0.2.5"), Ll(Mac)), null },
        { "failed", Neigh(2, 7, Failed, Dst("192.0.2.5"), Ll(Mac)), null },
        { "noarp", Neigh(2, 7, NoArp, Dst("192.0.2.5"), Ll(Mac)), null },
        { "IPv6", Neigh(10, 3, Reachable, Attribute(1, V4("2001:db8::7")), Ll(Mac)), "3 2001:db8::7 52:54:00:12:34:56" },
        { "attributes in either order", Neigh(2, 7, Stale, Ll(Mac), Dst("192.0.2.5")), "7 192.0.2.5 52:54:00:12:34:56" },
        { "other attributes passed over", Neigh(2, 7, Stale, Attribute(3, new byte[8]), Dst("192.0.2.5"), Attribute(4, new byte[3]), Ll(Mac)),
            "7 192.0.2.5 52:54:00:12:34:56" },
        { "no NDA_LLADDR", Neigh(2, 7, Stale, Dst("192.0.2.5")), null },
        { "no NDA_DST", Neigh(2, 7, Stale, Ll(Mac)), null },
        { "an lladdr that is not Ethernet's", Neigh(2, 7, Stale, Dst("192.0.2.5"), Ll(new byte[] { 1, 2, 3, 4 })), null },
        { "an IPv4 family with an IPv6 destination", Neigh(2, 7, Stale, Attribute(1, V4("2001:db8::7")), Ll(Mac)), null },
        { "bridge fdb family", Neigh(7, 7, Reachable, Dst("192.0.2.5"), Ll(Mac)), null },
        { "truncated ndmsg", Message(NetlinkMessages.RTM_NEWNEIGH, new byte[8]), null },
        { "attribute longer than the message", Neigh(2, 7, Stale, Dst("192.0.2.5"), new byte[] { 40, 0, 2, 0 }), null },
    };

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Neighbour_entries(string why, byte[] message, string? expected)
    {
        var neighbours = new List<Neighbour>();
        NetlinkPart part = NetlinkMessages.Parse(message.Concat(Done()).ToArray(), neighbours, null, out _);
        Assert.Equal(NetlinkPart.Done, part);
        Assert.Equal(expected, neighbours.Select(n => $"{n.InterfaceIndex} {n.Address} {n.Mac}").SingleOrDefault());
        _ = why;
    }

    public static TheoryData<string, byte[], string?> Addresses => new()
    {
        { "IPv4 with IFA_LOCAL and IFA_ADDRESS", Addr(2, 24, 4, Attribute(1, V4("192.168.100.1")), Attribute(2, V4("192.168.100.1"))), "4 192.168.100.1/24" },
        { "point-to-point: IFA_LOCAL is the host's, IFA_ADDRESS the peer", Addr(2, 32, 4, Attribute(1, V4("10.0.0.2")), Attribute(2, V4("10.0.0.1"))), "4 10.0.0.1/32" },
        { "IPv6 with IFA_ADDRESS only", Addr(10, 64, 5, Attribute(1, V4("2001:db8:1::1"))), "5 2001:db8:1::1/64" },
        { "no address", Addr(2, 24, 4, Attribute(3, new byte[] { (byte)'e', 0 })), null },
        { "prefix beyond the family's", Addr(2, 33, 4, Attribute(1, V4("192.168.100.1"))), null },
        { "address of the wrong length", Addr(10, 64, 4, Attribute(1, V4("192.168.100.1"))), null },
        { "another family", Addr(17, 0, 4, Attribute(1, V4("192.168.100.1"))), null },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Host_addresses(string why, byte[] message, string? expected)
    {
        var addresses = new List<HostAddress>();
        NetlinkPart part = NetlinkMessages.Parse(message.Concat(Done()).ToArray(), null, addresses, out _);
        Assert.Equal(NetlinkPart.Done, part);
        Assert.Equal(expected, addresses.Select(a => $"{a.InterfaceIndex} {a.Address}/{a.PrefixLength}").SingleOrDefault());
        _ = why;
    }

    public static TheoryData<string, byte[], string, int, int> Buffers => new()
    {
        { "two entries then more to come", Neigh(2, 1, Stale, Dst("192.0.2.1"), Ll(Mac)).Concat(Neigh(2, 1, Stale, Dst("192.0.2.2"), Ll(Mac))).ToArray(),
            "More", 0, 2 },
        { "entries then done", Neigh(2, 1, Stale, Dst("192.0.2.1"), Ll(Mac)).Concat(Done()).ToArray(), "Done", 0, 1 },
        { "nothing after done is read", Done().Concat(Neigh(2, 1, Stale, Dst("192.0.2.1"), Ll(Mac))).ToArray(), "Done", 0, 0 },
        { "an error", Error(1), "Error", 1, 0 },
        { "an acknowledgement", Error(0).Concat(Done()).ToArray(), "Done", 0, 0 },
        { "a length beyond the buffer", Neigh(2, 1, Stale, Dst("192.0.2.1"), Ll(Mac)).Take(30).ToArray(), "Error", 0, 0 },
        { "a length below the header's", new byte[] { 8, 0, 0, 0, 28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "Error", 0, 0 },
        { "messages of other types passed over", Addr(2, 24, 4, Attribute(1, V4("192.168.100.1"))).Concat(Done()).ToArray(), "Done", 0, 0 },
        { "an empty buffer", Array.Empty<byte>(), "More", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Buffers))]
    public void Buffers_of_a_dump(string why, byte[] buffer, string expected, int expectedErrno, int entries)
    {
        var neighbours = new List<Neighbour>();
        Assert.Equal(Enum.Parse<NetlinkPart>(expected), NetlinkMessages.Parse(buffer, neighbours, null, out int errno));
        Assert.Equal(expectedErrno, errno);
        Assert.Equal(entries, neighbours.Count);
        _ = why;
    }

    [Theory]
    [InlineData(NetlinkMessages.RTM_GETNEIGH, NetlinkMessages.AF_INET6, 28)]
    [InlineData(NetlinkMessages.RTM_GETADDR, NetlinkMessages.AF_UNSPEC, 24)]
    public void Dump_requests(ushort type, byte family, int length)
    {
        byte[] request = NetlinkMessages.DumpRequest(type, family, 42);
        Assert.Equal(length, request.Length);
        Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal(type, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)));
        Assert.Equal(0x301, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)));
        Assert.Equal(42u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8)));
        Assert.Equal(family, request[16]);
        Assert.All(request.Skip(17), b => Assert.Equal(0, b));
    }
}
