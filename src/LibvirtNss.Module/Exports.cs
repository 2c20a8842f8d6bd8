using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LibvirtNss.Core;

namespace LibvirtNss.Module;

/// <summary>
/// The eight symbols glibc looks up: _nss_{libvirt,libvirt_guest}_gethostbyname{,2,3,4}_r.
/// Both module names live in this one binary (libnss_libvirt_guest.so.2 is a symlink), so a
/// process that lists both loads one runtime. Every body catches everything: nothing unwinds
/// into glibc.
/// </summary>
internal static unsafe class Exports
{
    // libvirt: the DHCP hostname.
    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname_r")]
    public static int Hostname1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, AddressFamilies.Inet, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname2_r")]
    public static int Hostname2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname3_r")]
    public static int Hostname3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp, byte** canonp) =>
        (int)HostLookup.GetHostByName3(LookupKind.Hostname, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_gethostbyname4_r")]
    public static int Hostname4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)HostLookup.GetHostByName4(LookupKind.Hostname, name, pat, buffer, buflen, errnop, herrnop, ttlp);

    // libvirt_guest: the libvirt domain name.
    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname_r")]
    public static int Domain1(byte* name, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, AddressFamilies.Inet, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname2_r")]
    public static int Domain2(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, null, null);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname3_r")]
    public static int Domain3(byte* name, int af, void* result, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp, byte** canonp) =>
        (int)HostLookup.GetHostByName3(LookupKind.DomainName, name, af, result, buffer, buflen, errnop, herrnop, ttlp, canonp);

    [UnmanagedCallersOnly(EntryPoint = "_nss_libvirt_guest_gethostbyname4_r")]
    public static int Domain4(byte* name, void** pat, byte* buffer, nuint buflen, int* errnop, int* herrnop, int* ttlp) =>
        (int)HostLookup.GetHostByName4(LookupKind.DomainName, name, pat, buffer, buflen, errnop, herrnop, ttlp);
}
