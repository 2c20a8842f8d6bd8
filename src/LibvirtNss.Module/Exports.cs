using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>
/// The managed bodies of the twelve symbols glibc looks up, _nss_{libvirt,libvirt_guest}_gethostbyname{,2,3,4}_r
/// and _nss_{libvirt,libvirt_guest}_gethostbyaddr{,2}_r.
/// glibc calls the exported C entry points in native/host_guard.c, which run these inside a guard
/// that keeps the runtime invisible to the host (signals, environment, one call at a time); these
/// libvirt_nss_managed_* symbols are not exported from the library. Both module names live in this
/// one binary (libnss_libvirt_guest.so.2 is a symlink), so a process that lists both loads one
/// runtime. Every body catches everything: nothing unwinds into glibc.
/// </summary>
internal static unsafe class Exports
{
    // libvirt: the DHCP hostname.
    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname1")]
    public static int Hostname1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, AddressFamilies.Inet, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname2")]
    public static int Hostname2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname3")]
    public static int Hostname3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp, byte** canonp) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname4")]
    public static int Hostname4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)HostLookup.GetHostByName4(LookupKind.Hostname, name, pat, buffer, buflen, errnop, herrnop, ttlp);

    // libvirt_guest: the libvirt domain name.
    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain1")]
    public static int Domain1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, AddressFamilies.Inet, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain2")]
    public static int Domain2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain3")]
    public static int Domain3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp, byte** canonp) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain4")]
    public static int Domain4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)HostLookup.GetHostByName4(LookupKind.DomainName, name, pat, buffer, buflen, errnop, herrnop, ttlp);

    // Reverse lookups: an address -> the lease's DHCP hostname (libvirt) or its domain name (libvirt_guest).
    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname_addr1")]
    public static int HostnameAddr1(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)AddressLookup.GetHostByAddr2(LookupKind.Hostname, addr, len, af, result, buffer, buflen, errnop, herrnop, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_hostname_addr2")]
    public static int HostnameAddr2(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)AddressLookup.GetHostByAddr2(LookupKind.Hostname, addr, len, af, result, buffer, buflen, errnop, herrnop, ttlp);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain_addr1")]
    public static int DomainAddr1(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)AddressLookup.GetHostByAddr2(LookupKind.DomainName, addr, len, af, result, buffer, buflen, errnop, herrnop, null);

    [UnmanagedCallersOnly(EntryPoint = "libvirt_nss_managed_domain_addr2")]
    public static int DomainAddr2(void* addr, uint len, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)AddressLookup.GetHostByAddr2(LookupKind.DomainName, addr, len, af, result, buffer, buflen, errnop, herrnop, ttlp);
}
