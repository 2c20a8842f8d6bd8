using System.Runtime.InteropServices;
using LibvirtNss.Core;
using LibvirtNss.Core.Os;
using Fault = LibvirtNss.ZeroRuntime.Fault;

namespace LibvirtNss.Module;

/// <summary>
/// The twelve symbols glibc looks up for the two module names (module.ver exports them and
/// nothing else): _nss_{libvirt,libvirt_guest}_gethostbyname{,2,3,4}_r and
/// _nss_{libvirt,libvirt_guest}_gethostbyaddr{,2}_r. One binary carries both names
/// (libnss_libvirt_guest.so.2 is a symlink). Each runs its body under a recovery point
/// (Fault.TryRun): a failed check inside Core answers UNAVAIL with a debug line instead of
/// taking the host down, and the call's lookup memory is released either way. Each ends in
/// NssReply.Deliver, which writes *errnop and *herrnop and leaves errno as systemd's modules do.
/// </summary>
internal static unsafe class Exports
{
    private const int AF_INET = AddressFamilies.Inet, AF_UNSPEC = AddressFamilies.Unspecified;

    // libvirt: the DHCP host name.
    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname_r")]
    private static int Hostname1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Hostent(LookupKind.Hostname, name, AF_INET, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname2_r")]
    private static int Hostname2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Hostent(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname3_r")]
    private static int Hostname3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop,
        int* ttlp, byte** canonp) =>
        Hostent(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname4_r")]
    private static int Hostname4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        Tuples(LookupKind.Hostname, name, pat, buffer, buflen, errnop, herrnop, ttlp);

    // libvirt_guest: the libvirt domain name.
    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname_r")]
    private static int Domain1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Hostent(LookupKind.DomainName, name, AF_INET, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname2_r")]
    private static int Domain2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Hostent(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname3_r")]
    private static int Domain3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop,
        int* ttlp, byte** canonp) =>
        Hostent(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname4_r")]
    private static int Domain4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        Tuples(LookupKind.DomainName, name, pat, buffer, buflen, errnop, herrnop, ttlp);

    // Reverse: an address to the lease's DHCP host name (libvirt) or its domain name (libvirt_guest).
    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyaddr_r")]
    private static int HostnameAddr1(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Reverse(LookupKind.Hostname, addr, len, af, result, buffer, buflen, errnop, herrnop, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyaddr2_r")]
    private static int HostnameAddr2(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop,
        int* ttlp) =>
        Reverse(LookupKind.Hostname, addr, len, af, result, buffer, buflen, errnop, herrnop, ttlp);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyaddr_r")]
    private static int DomainAddr1(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        Reverse(LookupKind.DomainName, addr, len, af, result, buffer, buflen, errnop, herrnop, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyaddr2_r")]
    private static int DomainAddr2(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop,
        int* ttlp) =>
        Reverse(LookupKind.DomainName, addr, len, af, result, buffer, buflen, errnop, herrnop, ttlp);

    private static int Hostent(LookupKind kind, byte* name, int af, void* result, byte* buffer, nuint buflen,
        int* errnop, int* herrnop, int* ttlp, byte** canonp)
    {
        int entryErrno = *Libc.ErrnoLocation();
        var call = new ForwardCall
        {
            Kind = kind, Name = name, Family = af, Result = (Core.Os.Hostent*)result, Buffer = buffer, BufferLength = buflen,
            Ttlp = ttlp, Canonp = canonp,
        };
        NssReply reply = Fault.TryRun(&ForwardCall.Body, &call, out _) ? call.Reply : Faulted();
        call.Memory.Release();
        return reply.Deliver(entryErrno, errnop, herrnop);
    }

    private static int Tuples(LookupKind kind, byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp)
    {
        int entryErrno = *Libc.ErrnoLocation();
        var call = new ForwardCall
        {
            Kind = kind, Name = name, Family = AF_UNSPEC, Tuples = true, Pat = (GaihAddrTuple**)pat, Buffer = buffer,
            BufferLength = buflen, Ttlp = ttlp,
        };
        NssReply reply = Fault.TryRun(&ForwardCall.Body, &call, out _) ? call.Reply : Faulted();
        call.Memory.Release();
        return reply.Deliver(entryErrno, errnop, herrnop);
    }

    private static int Reverse(LookupKind kind, void* addr, uint len, int af, void* result, byte* buffer, nuint buflen,
        int* errnop, int* herrnop, int* ttlp)
    {
        int entryErrno = *Libc.ErrnoLocation();
        var call = new ReverseCall
        {
            Kind = kind, Address = addr, Length = len, Family = af, Result = (Core.Os.Hostent*)result, Buffer = buffer,
            BufferLength = buflen, Ttlp = ttlp,
        };
        NssReply reply = Fault.TryRun(&ReverseCall.Body, &call, out _) ? call.Reply : Faulted();
        call.Memory.Release();
        return reply.Deliver(entryErrno, errnop, herrnop);
    }

    /// <summary>The body faulted, or no recovery point could be made: Fault.TryRun left the reason in errno.</summary>
    private static NssReply Faulted()
    {
        int errno = *Libc.ErrnoLocation();
        ExportLines.InternalError(errno);
        return NssReply.Faulted(errno);
    }
}
