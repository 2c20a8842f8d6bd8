using System;

namespace LibvirtNss.Module;

/// <summary>
/// The directory <c>libvirt-nss publish</c> writes its <c>*.status</c> and <c>*.macs</c> files
/// into, read after libvirt's (<see cref="LeaseDirectoryPath"/>); fixed, as no environment may
/// redirect what sudo resolves.
/// </summary>
internal static class PublishedDirectoryPath
{
    public static ReadOnlySpan<byte> Bytes => "/run/libvirt-nss\0"u8;
}
