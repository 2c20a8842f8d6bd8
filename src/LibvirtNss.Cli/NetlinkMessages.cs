using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;

namespace LibvirtNss.Cli;

/// <summary>What one buffer of a netlink dump said about the dump.</summary>
internal enum NetlinkPart
{
    /// <summary>More messages follow in the next buffer.</summary>
    More,

    /// <summary>NLMSG_DONE: the dump is complete.</summary>
    Done,

    /// <summary>NLMSG_ERROR with a non-zero errno, or a message whose length does not fit the buffer.</summary>
    Error,
}

/// <summary>
/// The rtnetlink messages the publisher sends and reads (linux/netlink.h, linux/rtnetlink.h,
/// linux/neighbour.h, linux/if_addr.h), as pure functions over bytes: the dump requests for the
/// neighbour table and the host's addresses, and the parsing of their answers. Netlink is in the
/// host's byte order; every field is read at its offset, with its length checked.
/// </summary>
internal static class NetlinkMessages
{
    public const ushort NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public const ushort RTM_NEWADDR = 20, RTM_GETADDR = 22, RTM_NEWNEIGH = 28, RTM_GETNEIGH = 30;
    public const ushort NLM_F_REQUEST = 0x1, NLM_F_DUMP = 0x300;
    public const byte AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;

    public const ushort NDA_DST = 1, NDA_LLADDR = 2;
    public const ushort IFA_ADDRESS = 1, IFA_LOCAL = 2;

    public const ushort NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04, NUD_DELAY = 0x08,
        NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80;

    /// <summary>
    /// The states whose entry says the address answered with that MAC: confirmed lately (REACHABLE),
    /// once and not disproved (STALE, DELAY and PROBE, which are STALE being rechecked), or set by
    /// the administrator (PERMANENT). INCOMPLETE and FAILED entries have no answer behind them;
    /// NOARP entries are not learnt from the guest.
    /// </summary>
    public const ushort KeptStates = NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT;

    private const int HeaderSize = 16, NdmsgSize = 12, IfaddrmsgSize = 8, RtattrSize = 4;

    /// <summary>A dump request: nlmsghdr then the family's message (ndmsg or ifaddrmsg) with only the family set.</summary>
    public static byte[] DumpRequest(ushort type, byte family, uint sequence)
    {
        int bodySize = type == RTM_GETNEIGH ? NdmsgSize : IfaddrmsgSize;
        var message = new byte[HeaderSize + bodySize];
        WriteHost32(message, (uint)message.Length);
        WriteHost16(message.AsSpan(4), type);
        WriteHost16(message.AsSpan(6), NLM_F_REQUEST | NLM_F_DUMP);
        WriteHost32(message.AsSpan(8), sequence);
        message[HeaderSize] = family;
        return message;
    }

    /// <summary>
    /// Reads one buffer of a dump: each RTM_NEWNEIGH of family AF_INET or AF_INET6 whose state is in
    /// <see cref="KeptStates"/> and that has both NDA_DST and a 6-byte NDA_LLADDR goes to
    /// <paramref name="neighbours"/>; each RTM_NEWADDR of those families with an address to
    /// <paramref name="addresses"/> (IFA_LOCAL, the interface's own address, else IFA_ADDRESS).
    /// Other messages are passed over. <paramref name="errno"/> is set for an NLMSG_ERROR.
    /// </summary>
    public static NetlinkPart Parse(ReadOnlySpan<byte> buffer, List<Neighbour>? neighbours, List<HostAddress>? addresses,
        out int errno)
    {
        errno = 0;
        while (buffer.Length >= HeaderSize)
        {
            uint length = ReadHost32(buffer);
            if (length < HeaderSize || length > (uint)buffer.Length)
                return NetlinkPart.Error;
            ushort type = ReadHost16(buffer.Slice(4));
            ReadOnlySpan<byte> body = buffer.Slice(HeaderSize, (int)length - HeaderSize);
            switch (type)
            {
                case NLMSG_DONE:
                    return NetlinkPart.Done;
                case NLMSG_ERROR:
                    errno = body.Length >= 4 ? -(int)ReadHost32(body) : 0;
                    if (errno != 0 || body.Length < 4)
                        return NetlinkPart.Error;
                    break;  // an acknowledgement
                case RTM_NEWNEIGH when neighbours is not null:
                    if (ParseNeighbour(body) is Neighbour n)
                        neighbours.Add(n);
                    break;
                case RTM_NEWADDR when addresses is not null:
                    if (ParseAddress(body) is HostAddress a)
                        addresses.Add(a);
                    break;
            }
            int aligned = Align((int)length);
            if (aligned >= buffer.Length)
                break;
            buffer = buffer.Slice(aligned);
        }
        return NetlinkPart.More;
    }

    /// <summary>An ndmsg and its attributes, or null when it is not one the publisher keeps.</summary>
    internal static Neighbour? ParseNeighbour(ReadOnlySpan<byte> body)
    {
        if (body.Length < NdmsgSize)
            return null;
        byte family = body[0];
        int index = (int)ReadHost32(body.Slice(4));
        ushort state = ReadHost16(body.Slice(8));
        if ((family != AF_INET && family != AF_INET6) || (state & KeptStates) == 0)
            return null;
        ReadOnlySpan<byte> dst = default, lladdr = default;
        bool hasDst = false, hasLladdr = false;
        foreach ((ushort type, int start, int length) in Attributes(body, NdmsgSize))
        {
            if (type == NDA_DST) { dst = body.Slice(start, length); hasDst = true; }
            else if (type == NDA_LLADDR) { lladdr = body.Slice(start, length); hasLladdr = true; }
        }
        if (!hasDst || !hasLladdr || lladdr.Length != 6 || dst.Length != (family == AF_INET ? 4 : 16))
            return null;
        return new Neighbour(index, new IPAddress(dst), MacText(lladdr), state);
    }

    /// <summary>An ifaddrmsg and its attributes, or null when it has no address of its family.</summary>
    internal static HostAddress? ParseAddress(ReadOnlySpan<byte> body)
    {
        if (body.Length < IfaddrmsgSize)
            return null;
        byte family = body[0];
        byte prefix = body[1];
        int index = (int)ReadHost32(body.Slice(4));
        int size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
        if (size == 0 || prefix > size * 8)
            return null;
        ReadOnlySpan<byte> local = default, address = default;
        bool hasLocal = false, hasAddress = false;
        foreach ((ushort type, int start, int length) in Attributes(body, IfaddrmsgSize))
        {
            if (type == IFA_LOCAL && length == size) { local = body.Slice(start, length); hasLocal = true; }
            else if (type == IFA_ADDRESS && length == size) { address = body.Slice(start, length); hasAddress = true; }
        }
        if (!hasLocal && !hasAddress)
            return null;
        return new HostAddress(index, new IPAddress(hasLocal ? local : address), prefix);
    }

    /// <summary>The rtattrs after a message's fixed part: (type, value start, value length), up to the first malformed one.</summary>
    private static List<(ushort Type, int Start, int Length)> Attributes(ReadOnlySpan<byte> body, int offset)
    {
        var list = new List<(ushort, int, int)>();
        offset = Align(offset);
        while (offset + RtattrSize <= body.Length)
        {
            ushort length = ReadHost16(body.Slice(offset));
            ushort type = ReadHost16(body.Slice(offset + 2));
            if (length < RtattrSize || offset + length > body.Length)
                break;
            // NLA_F_NESTED and NLA_F_NET_BYTEORDER are flags of the type, not part of it.
            list.Add(((ushort)(type & 0x3fff), offset + RtattrSize, length - RtattrSize));
            offset += Align(length);
        }
        return list;
    }

    public static string MacText(ReadOnlySpan<byte> mac)
    {
        var parts = new string[mac.Length];
        for (int i = 0; i < mac.Length; i++)
            parts[i] = mac[i].ToString("x2");
        return string.Join(':', parts);
    }

    private static int Align(int length) => (length + 3) & ~3;

    private static ushort ReadHost16(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static uint ReadHost32(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static void WriteHost16(Span<byte> b, ushort v)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        else BinaryPrimitives.WriteUInt16BigEndian(b, v);
    }

    private static void WriteHost32(Span<byte> b, uint v)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        else BinaryPrimitives.WriteUInt32BigEndian(b, v);
    }
}
