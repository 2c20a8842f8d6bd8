using System;

namespace LibvirtNss.Core;

/// <summary>
/// What tells one version of a file (or directory) from another without reading it: device,
/// inode, size, and the modification and status-change times with nanoseconds. A rename over the
/// file changes the inode; an in-place rewrite changes the ctime (which no caller can set back,
/// unlike the mtime).
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, long Size,
    long MtimeSeconds, uint MtimeNanoseconds, long CtimeSeconds, uint CtimeNanoseconds)
{
    /// <summary>What a path that cannot be stat()ed (removed, dangling link) is known by.</summary>
    public static readonly FileIdentity Unavailable = new(0, 0, -1, 0, 0, 0, 0);

    /// <summary>
    /// The kernel stamps files from a clock that advances by ticks (up to 10 ms, more on some
    /// filesystems), so two writes within one tick can leave the same ctime. Data read before a
    /// tick has passed since the last change are not trusted on the identity alone.
    /// </summary>
    internal const long TickMarginNanoseconds = 50_000_000;

    /// <summary>
    /// True when any later change to the file will carry a different ctime than this one: the
    /// last change lies more than a tick before <paramref name="readStartNanoseconds"/> (the
    /// wall clock before the file was stat()ed). A ctime of whole seconds may come from a
    /// filesystem that keeps whole seconds only: then a full second must have passed.
    /// </summary>
    public bool SettledBefore(long readStartNanoseconds)
    {
        if (this == Unavailable)
            return true;
        long margin = CtimeNanoseconds == 0 ? 1_000_000_000 + TickMarginNanoseconds : TickMarginNanoseconds;
        long changed = CtimeSeconds * 1_000_000_000 + CtimeNanoseconds;
        return changed + margin < readStartNanoseconds;
    }

    /// <summary>The wall clock in nanoseconds since the epoch, the scale of the file times.</summary>
    public static long WallClockNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
