using System;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// Where a lookup's debug lines go: nowhere (the default, checked before any line is composed),
/// or a file descriptor (2 in the module when LIBVIRT_NSS_DEBUG is set; a pipe in tests).
/// </summary>
public readonly struct DebugLog
{
    public readonly bool Enabled;
    private readonly int _fd;

    public DebugLog(bool enabled, int fd)
    {
        Enabled = enabled;
        _fd = fd;
    }

    public static DebugLog Silent => default;

    /// <summary>stderr when LIBVIRT_NSS_DEBUG is set (<see cref="DebugSwitch"/>), else silent.</summary>
    public static DebugLog FromEnvironment() => new(DebugSwitch.Enabled, 2);

    /// <summary>A line composed in <paramref name="buffer"/> (e.g. <c>stackalloc byte[256]</c>).</summary>
    public DebugLine Start(Span<byte> buffer) => new(buffer, _fd);
}
