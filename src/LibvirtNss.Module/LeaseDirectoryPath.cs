using System;

namespace LibvirtNss.Module;

/// <summary>libvirt's directory; fixed, as no environment may redirect what sudo resolves.</summary>
internal static class LeaseDirectoryPath
{
    public static ReadOnlySpan<byte> Bytes => "/var/lib/libvirt/dnsmasq\0"u8;
}
