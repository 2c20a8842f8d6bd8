using System;
using System.Collections.Generic;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace LibvirtNss.Cli;

/// <summary>
/// libvirt's C library, <c>libvirt.so.0</c>, by P/Invoke: no libvirt binding exists on NuGet.
/// NativeAOT binds these imports when they are first called (only libc is linked directly), so
/// the command's other subcommands run on hosts without libvirt, and <c>publish</c> reports its
/// absence as a <see cref="DllNotFoundException"/>.
/// </summary>
internal static partial class Libvirt
{
    private const string Library = "libvirt.so.0";

    public const uint VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1;
    public const uint VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1;
    public const int VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0;
    public const int VIR_IP_ADDR_TYPE_IPV4 = 0, VIR_IP_ADDR_TYPE_IPV6 = 1;

    /// <summary>virDomainInterface (libvirt-domain.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DomainInterface
    {
        public nint Name;
        public nint HwAddr;
        public uint AddressCount;
        public nint Addresses;
    }

    /// <summary>virDomainIPAddress (libvirt-domain.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct DomainIpAddress
    {
        public int Type;
        public nint Address;
        public uint Prefix;
    }

    [LibraryImport(Library)] public static partial int virInitialize();
    [LibraryImport(Library)] public static partial int virEventRegisterDefaultImpl();
    [LibraryImport(Library)] public static partial int virEventRunDefaultImpl();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint virConnectOpen(string? name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial nint virConnectOpenReadOnly(string? name);
    [LibraryImport(Library)] public static partial int virConnectClose(nint connection);
    [LibraryImport(Library)] public static partial int virConnectIsAlive(nint connection);
    [LibraryImport(Library)] public static partial int virConnectSetKeepAlive(nint connection, int interval, uint count);
    [LibraryImport(Library)] public static partial int virConnectListAllDomains(nint connection, out nint domains, uint flags);
    [LibraryImport(Library)] public static partial nint virDomainGetName(nint domain);
    [LibraryImport(Library)] public static partial nint virDomainGetXMLDesc(nint domain, uint flags);
    [LibraryImport(Library)] public static partial int virDomainInterfaceAddresses(nint domain, out nint interfaces, uint source, uint flags);
    [LibraryImport(Library)] public static partial void virDomainInterfaceFree(nint iface);
    [LibraryImport(Library)] public static partial int virDomainFree(nint domain);
    [LibraryImport(Library)] public static partial nint virGetLastErrorMessage();
    [LibraryImport(Library)] public static unsafe partial void virSetErrorFunc(nint userData, delegate* unmanaged<nint, nint, void> handler);

    [LibraryImport(Library)]
    public static unsafe partial int virConnectDomainEventRegisterAny(nint connection, nint domain, int eventId,
        delegate* unmanaged<nint, nint, int, int, nint, void> callback, nint opaque, nint free);

    [LibraryImport(Library)]
    public static unsafe partial int virConnectRegisterCloseCallback(nint connection,
        delegate* unmanaged<nint, int, nint, void> callback, nint opaque, nint free);

    [LibraryImport(Library)] public static partial int virConnectDomainEventDeregisterAny(nint connection, int callbackId);

    [LibraryImport(Library)]
    public static unsafe partial int virConnectUnregisterCloseCallback(nint connection, delegate* unmanaged<nint, int, nint, void> callback);

    [LibraryImport("libc")] public static partial void free(nint pointer);

    public static string LastError() => Marshal.PtrToStringUTF8(virGetLastErrorMessage()) ?? "unknown libvirt error";
}

/// <summary>A running domain as one pass sees it: its name, live XML and what its agent reported.</summary>
/// <param name="AgentError">Why the agent gave no address (none configured, not answering), or null.</param>
internal sealed record RunningDomain(string Name, string Xml, List<AgentAddress> Agent, string? AgentError);

/// <summary>
/// A read-write connection to libvirt (the guest agent needs one), the event loop that delivers
/// its lifecycle events and keepalives, and the reads of one pass.
/// </summary>
internal sealed unsafe class LibvirtConnection : IDisposable
{
    private static int s_initialized;
    private static AutoResetEvent? s_wake;
    private static volatile bool s_closed;
    private nint _connection;
    private readonly int _lifecycleCallback;

    private LibvirtConnection(nint connection, int lifecycleCallback)
    {
        _connection = connection;
        _lifecycleCallback = lifecycleCallback;
    }

    /// <summary>Set by libvirt when the connection closed (the daemon stopped or restarted, the keepalive failed).</summary>
    public bool Closed => s_closed || Libvirt.virConnectIsAlive(_connection) != 1;

    /// <summary>
    /// The library's setup, once per process: its error printing silenced (each error is reported
    /// with its context instead), and its default event loop run on a thread of its own, which
    /// signals <paramref name="wake"/> on every lifecycle event.
    /// </summary>
    public static void Initialize(AutoResetEvent wake)
    {
        if (Interlocked.Exchange(ref s_initialized, 1) != 0)
            return;
        s_wake = wake;
        if (Libvirt.virInitialize() != 0)
            throw new InvalidOperationException("libvirt: " + Libvirt.LastError());
        Libvirt.virSetErrorFunc(0, &IgnoreError);
        if (Libvirt.virEventRegisterDefaultImpl() != 0)
            throw new InvalidOperationException("libvirt event loop: " + Libvirt.LastError());
        var loop = new Thread(() =>
        {
            while (true)
            {
                if (Libvirt.virEventRunDefaultImpl() != 0)
                    Thread.Sleep(1000);
            }
        })
        { IsBackground = true, Name = "libvirt events" };
        loop.Start();
    }

    /// <summary>Opens <paramref name="uri"/> and subscribes to every domain's lifecycle events; throws with libvirt's message.</summary>
    public static LibvirtConnection Open(string uri, Action<string>? log)
    {
        nint connection = Libvirt.virConnectOpen(uri);
        if (connection == 0)
            throw new InvalidOperationException($"cannot connect to {uri}: {Libvirt.LastError()}");
        s_closed = false;
        // Keepalives find a daemon that went away while no call is made.
        Libvirt.virConnectSetKeepAlive(connection, 5, 3);
        Libvirt.virConnectRegisterCloseCallback(connection, &OnClose, 0, 0);
        int callback = Libvirt.virConnectDomainEventRegisterAny(connection, 0, Libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, &OnLifecycle, 0, 0);
        if (callback < 0)
            log?.Invoke($"no lifecycle events from {uri} ({Libvirt.LastError()}): domains are read each interval only");
        return new LibvirtConnection(connection, callback);
    }

    /// <summary>Every running domain, or null when the listing failed (the connection is then to be opened again).</summary>
    public List<RunningDomain>? RunningDomains(Action<string>? log)
    {
        int count = Libvirt.virConnectListAllDomains(_connection, out nint array, Libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE);
        if (count < 0)
        {
            log?.Invoke("listing the domains failed: " + Libvirt.LastError());
            return null;
        }
        var domains = new List<RunningDomain>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                nint domain = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                if (Read(domain, log) is RunningDomain read)
                    domains.Add(read);
            }
        }
        finally
        {
            for (int i = 0; i < count; i++)
                Libvirt.virDomainFree(Marshal.ReadIntPtr(array, i * IntPtr.Size));
            Libvirt.free(array);
        }
        return domains;
    }

    private static RunningDomain? Read(nint domain, Action<string>? log)
    {
        string? name = Marshal.PtrToStringUTF8(Libvirt.virDomainGetName(domain));
        if (name is null)
            return null;
        nint xmlText = Libvirt.virDomainGetXMLDesc(domain, 0);
        if (xmlText == 0)
        {
            // The domain stopped between the listing and now.
            log?.Invoke($"domain {name}: no XML ({Libvirt.LastError()})");
            return null;
        }
        string xml = Marshal.PtrToStringUTF8(xmlText) ?? "";
        Libvirt.free(xmlText);

        var agent = new List<AgentAddress>();
        int count = Libvirt.virDomainInterfaceAddresses(domain, out nint interfaces, Libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, 0);
        if (count < 0)
            return new RunningDomain(name, xml, agent, Libvirt.LastError());
        for (int i = 0; i < count; i++)
        {
            nint pointer = Marshal.ReadIntPtr(interfaces, i * IntPtr.Size);
            var iface = Marshal.PtrToStructure<Libvirt.DomainInterface>(pointer);
            string? mac = Marshal.PtrToStringUTF8(iface.HwAddr)?.ToLowerInvariant();
            for (int a = 0; mac is not null && a < iface.AddressCount; a++)
            {
                var address = Marshal.PtrToStructure<Libvirt.DomainIpAddress>(iface.Addresses + a * sizeof(Libvirt.DomainIpAddress));
                if (IPAddress.TryParse(Marshal.PtrToStringUTF8(address.Address), out IPAddress? ip)
                    && (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || ip.ScopeId == 0))
                    agent.Add(new AgentAddress(name, mac, ip));
            }
            Libvirt.virDomainInterfaceFree(pointer);
        }
        Libvirt.free(interfaces);
        return new RunningDomain(name, xml, agent, null);
    }

    public void Dispose()
    {
        if (_connection != 0)
        {
            // The callbacks hold references to the connection: it closes once they are gone.
            if (_lifecycleCallback >= 0)
                Libvirt.virConnectDomainEventDeregisterAny(_connection, _lifecycleCallback);
            Libvirt.virConnectUnregisterCloseCallback(_connection, &OnClose);
            Libvirt.virConnectClose(_connection);
            _connection = 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void IgnoreError(nint userData, nint error)
    {
    }

    [UnmanagedCallersOnly]
    private static void OnLifecycle(nint connection, nint domain, int eventType, int detail, nint opaque) => Wake();

    [UnmanagedCallersOnly]
    private static void OnClose(nint connection, int reason, nint opaque)
    {
        s_closed = true;
        Wake();
    }

    /// <summary>From libvirt's event thread: an exception must not leave a callback (it would end the process).</summary>
    private static void Wake()
    {
        try
        {
            s_wake?.Set();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

/// <summary>
/// doctor's question to libvirt: the NICs of the running domains, over a read-only connection
/// (any user may open one on the system daemon's read-only socket; the live XML it gives names
/// each NIC's type and host interface). It asks nothing else, so doctor needs no root.
/// </summary>
internal static unsafe class LibvirtDomains
{
    /// <summary>The running domains' NICs, or null with why libvirt could not be asked (no library, no daemon, a refused connection).</summary>
    public static List<GuestNic>? RunningNics(string uri, out string? whyNot)
    {
        try
        {
            return Read(uri, out whyNot);
        }
        catch (DllNotFoundException)
        {
            whyNot = "libvirt's library, libvirt.so.0, is not installed";
            return null;
        }
        catch (EntryPointNotFoundException e)
        {
            whyNot = e.Message;
            return null;
        }
    }

    private static List<GuestNic>? Read(string uri, out string? whyNot)
    {
        whyNot = null;
        if (Libvirt.virInitialize() != 0)
        {
            whyNot = Libvirt.LastError();
            return null;
        }
        // Each failure is reported in doctor's words; libvirt's own printing would repeat it on stderr.
        Libvirt.virSetErrorFunc(0, &IgnoreError);
        nint connection = Libvirt.virConnectOpenReadOnly(uri);
        if (connection == 0)
        {
            whyNot = Libvirt.LastError();
            return null;
        }
        try
        {
            int count = Libvirt.virConnectListAllDomains(connection, out nint array, Libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE);
            if (count < 0)
            {
                whyNot = Libvirt.LastError();
                return null;
            }
            var nics = new List<GuestNic>();
            for (int i = 0; i < count; i++)
            {
                nint domain = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                string? name = Marshal.PtrToStringUTF8(Libvirt.virDomainGetName(domain));
                nint xml = Libvirt.virDomainGetXMLDesc(domain, 0);
                // A domain that stopped since the listing has no XML: it has no NIC to report.
                if (name is not null && xml != 0)
                    nics.AddRange(DomainXml.Interfaces(GuestText.Printable(System.Text.Encoding.UTF8.GetBytes(name)), Marshal.PtrToStringUTF8(xml) ?? ""));
                if (xml != 0)
                    Libvirt.free(xml);
                Libvirt.virDomainFree(domain);
            }
            Libvirt.free(array);
            return nics;
        }
        finally
        {
            Libvirt.virConnectClose(connection);
        }
    }

    [UnmanagedCallersOnly]
    private static void IgnoreError(nint userData, nint error)
    {
    }
}
