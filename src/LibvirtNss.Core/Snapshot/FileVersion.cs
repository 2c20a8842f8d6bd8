using System;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Snapshot;

/// <summary>
/// What tells one version of a file (or directory) from another without reading it: device, inode, size, and the modification and status-change times with
/// nanoseconds. A rename over the file changes the inode; an in-place rewrite changes the ctime
/// (which no program can set back, unlike the mtime).
/// </summary>
public unsafe struct FileVersion
{
    public ulong Device, Inode;
    public long Size;
    public long MtimeSeconds, CtimeSeconds;
    public uint MtimeNanoseconds, CtimeNanoseconds;
    /// <summary>Type and permission bits, and owner: what <see cref="Records.PublishedOwnership"/> judges (the same statx; a chmod or chown changes the ctime).</summary>
    public ushort Mode;
    public uint Uid;

    /// <summary>
    /// The kernel stamps files from a clock that advances by ticks (up to 10 ms), so two writes
    /// within one tick can leave the same ctime: a version is trusted only once its ctime lies
    /// more than this before the read began (a second more when the ctime is whole seconds).
    /// </summary>
    public const long TickMarginNanoseconds = 50_000_000;

    private const uint Wanted = Statx.STATX_MTIME | Statx.STATX_CTIME | Statx.STATX_INO | Statx.STATX_SIZE
        | Statx.STATX_TYPE | Statx.STATX_MODE | Statx.STATX_UID;

    /// <summary>What a path that cannot be stat()ed (removed, dangling link) is known by.</summary>
    public static FileVersion Unavailable => new() { Size = -1 };

    /// <summary>statx(2) of a NUL-terminated path, links followed as open() follows them.</summary>
    public static bool TryGet(byte* path, out FileVersion version)
    {
        version = Unavailable;
        Statx status;
        if (Libc.Statx(Statx.AT_FDCWD, path, 0, Wanted, &status) != 0 || (status.Mask & Wanted) != Wanted)
            return false;
        version.Inode = status.Inode;
        version.Size = (long)status.FileSize;
        version.CtimeSeconds = status.Ctime.Seconds;
        version.CtimeNanoseconds = status.Ctime.Nanoseconds;
        version.MtimeSeconds = status.Mtime.Seconds;
        version.MtimeNanoseconds = status.Mtime.Nanoseconds;
        version.Device = ((ulong)status.DevMajor << 32) | status.DevMinor;
        version.Mode = status.Mode;
        version.Uid = status.Uid;
        return true;
    }

    public readonly bool SameAs(in FileVersion other) =>
        Device == other.Device && Inode == other.Inode && Size == other.Size
        && MtimeSeconds == other.MtimeSeconds && MtimeNanoseconds == other.MtimeNanoseconds
        && CtimeSeconds == other.CtimeSeconds && CtimeNanoseconds == other.CtimeNanoseconds
        && Mode == other.Mode && Uid == other.Uid;

    /// <summary>Whether any later change will carry another ctime than this one (see <see cref="TickMarginNanoseconds"/>).</summary>
    public readonly bool SettledBefore(long readStartNanoseconds)
    {
        if (SameAs(Unavailable))
            return true;
        long margin = CtimeNanoseconds == 0 ? 1_000_000_000 + TickMarginNanoseconds : TickMarginNanoseconds;
        return CtimeSeconds * 1_000_000_000 + CtimeNanoseconds + margin < readStartNanoseconds;
    }

    /// <summary>The wall clock in nanoseconds since the epoch, the scale of the file times.</summary>
    public static long WallClockNanoseconds()
    {
        Libc.TimeSpec now = Libc.WallClock();
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }
}
