using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace LibvirtNss.Cli;

/// <summary>
/// The host's neighbour table and addresses, dumped over an rtnetlink socket (AF_NETLINK,
/// NETLINK_ROUTE) as <c>ip neigh</c> and <c>ip addr</c> do; the messages are built and read by
/// <see cref="NetlinkMessages"/>. Any user may dump both.
/// </summary>
internal static partial class NetlinkRoute
{
    private const int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0x80000, NETLINK_ROUTE = 0;
    private static uint s_sequence = (uint)Environment.TickCount;

    /// <summary>The IPv4 and IPv6 neighbour entries the publisher keeps (<see cref="NetlinkMessages.KeptStates"/>).</summary>
    public static List<Neighbour> Neighbours()
    {
        var neighbours = new List<Neighbour>();
        Dump(NetlinkMessages.RTM_GETNEIGH, NetlinkMessages.AF_INET, neighbours, null);
        Dump(NetlinkMessages.RTM_GETNEIGH, NetlinkMessages.AF_INET6, neighbours, null);
        return neighbours;
    }

    /// <summary>Every IPv4 and IPv6 address of the host's interfaces, with its prefix.</summary>
    public static List<HostAddress> Addresses()
    {
        var addresses = new List<HostAddress>();
        Dump(NetlinkMessages.RTM_GETADDR, NetlinkMessages.AF_UNSPEC, null, addresses);
        return addresses;
    }

    /// <summary>The index of each of <paramref name="names"/> that is a host interface now.</summary>
    public static Dictionary<string, int> InterfaceIndexes(IEnumerable<string> names)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            uint index = if_nametoindex(name);
            if (index != 0)
                indexes[name] = (int)index;
        }
        return indexes;
    }

    private static void Dump(ushort type, byte family, List<Neighbour>? neighbours, List<HostAddress>? addresses)
    {
        int socket = Socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        if (socket < 0)
            throw new IOException("netlink socket: " + Marshal.GetLastPInvokeErrorMessage());
        try
        {
            byte[] request = NetlinkMessages.DumpRequest(type, family, ++s_sequence);
            if (Send(socket, request, (nuint)request.Length, 0) != request.Length)
                throw new IOException("netlink send: " + Marshal.GetLastPInvokeErrorMessage());
            var buffer = new byte[64 * 1024];
            while (true)
            {
                nint received = Recv(socket, buffer, (nuint)buffer.Length, 0);
                if (received < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4)   // EINTR
                        continue;
                    throw new IOException("netlink receive: " + Marshal.GetLastPInvokeErrorMessage());
                }
                if (received == 0)
                    throw new IOException("netlink: the dump ended without NLMSG_DONE");
                switch (NetlinkMessages.Parse(buffer.AsSpan(0, (int)received), neighbours, addresses, out int errno))
                {
                    case NetlinkPart.Done:
                        return;
                    case NetlinkPart.Error:
                        throw new IOException($"netlink dump: error {errno}");
                }
            }
        }
        finally
        {
            Close(socket);
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint Send(int socket, byte[] buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int socket, [Out] byte[] buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint if_nametoindex(string name);
}
